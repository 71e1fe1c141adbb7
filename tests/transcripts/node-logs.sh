kubectl logs
kubectl logs nope
kubectl run web --image=nginx
kubectl logs web
sleep 5
kubectl logs web --tail=3
kubectl logs web --tail=1 --timestamps
kubectl run ticker --image=busybox -- sh -c 'i=0; while true; do echo "tick $i: $(date)"; i=$((i+1)); sleep 5; done'
sleep 12
kubectl logs ticker
kubectl logs ticker --since=6s
kubectl logs ticker -f --tail=1
kubectl run counter --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo "count $i"; sleep 1; done; echo done'
sleep 5
kubectl get pod counter
kubectl logs counter
kubectl run crash --image=busybox -- sh -c 'echo starting; sleep 2; echo failing; exit 1'
kubectl logs crash -p
sleep 30
kubectl get pod crash
kubectl logs crash
kubectl logs crash --previous
kubectl run ghost --image=nginx:9.9.9
sleep 2
kubectl logs ghost
sleep 3
kubectl logs ghost
kubectl create deployment hello --image=gcr.io/google-samples/hello-app:1.0 --replicas=2
sleep 10
kubectl logs deployment/hello
kubectl logs -l app=hello
kubectl logs -l app=hello --prefix
kubectl logs web -c nope
kubectl logs web extra -c web
kubectl logs web --all-containers -c web
kubectl logs web --tail=-2
kubectl logs web --since=1s --since-time=2026-11-21T00:00:00Z
kubectl logs -l app=nope

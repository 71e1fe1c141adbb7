kubectl debug node/nope -it --image=busybox
kubectl debug node/node01 -it --image=busybox
ls /host/etc/kubernetes
cat /host/var/lib/kubelet/config.yaml | head -3
hostname
exit
kubectl get pods -o wide
kubectl run web --image=nginx --labels=app=web
sleep 10
kubectl debug web -it --image=busybox
kubectl debug web -it --image=busybox --copy-to=web-debug
ps
wget -qO- localhost | head -4
exit
kubectl get pods
kubectl get pod web-debug -o jsonpath='{.spec.containers[*].name} {.spec.shareProcessNamespace} {.metadata.labels}{"\n"}'
kubectl debug node/controlplane --image=busybox -- sleep 3600
kubectl debug web --copy-to=web-2 --image=busybox -c dbg -- sh -c 'echo hi'
sleep 10
kubectl logs web-2 -c dbg

kubectl debug node/nope -it --image=busybox
kubectl debug node/node01 -it --image=busybox
ls /host/etc/kubernetes
cat /host/var/lib/kubelet/config.yaml | head -3
hostname
exit
kubectl get pods -o wide
kubectl run web --image=nginx --labels=app=web
sleep 10
kubectl debug web -it --image=busybox --target=web
wget -qO- localhost:80 | head -4
exit
kubectl describe pod web | grep -A12 "Ephemeral Containers"
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
kubectl debug web --image=busybox -c dbg -- sleep 3600
sleep 5
kubectl exec web -c dbg -- hostname
kubectl debug web --image=busybox -c dbg
kubectl debug nope --image=busybox
kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[*].name}{"\n"}'
kubectl debug node/node01 --image=busybox --profile=netadmin -- sleep 60
kubectl get pods -o jsonpath='{range .items[?(@.spec.nodeName=="node01")]}{.metadata.name}{" "}{.spec.hostNetwork}{" "}{.spec.containers[0].securityContext}{"\n"}{end}' | grep node-debugger
kubectl debug web --image=busybox --profile=restricted -c strict -- sleep 60
sleep 5
kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses[?(@.name=="strict")].state.waiting.message}{"\n"}'
kubectl debug web --image=busybox --profile=bogus

kubectl describe
kubectl describe foo
kubectl describe pod a -l run=a
kubectl describe svc nope
kubectl describe pods
kubectl describe pods -A -l run=nothing
kubectl describe deploy,svc nope
kubectl events
kubectl events --for pod
kubectl events --for pod/a/b
kubectl events --types=Bad
kubectl events -o wide
kubectl run web --image=nginx
sleep 5
kubectl events
kubectl events --for pod/web --types=normal
kubectl events -A --no-headers

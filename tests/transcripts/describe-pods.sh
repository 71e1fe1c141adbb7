kubectl run nginx --image=nginx
sleep 10
kubectl describe pod nginx
kubectl run redis --image=redis123
sleep 60
kubectl describe pod redis
kubectl run crash --image=busybox
sleep 90
kubectl describe pod crash
kubectl describe pod kube-scheduler-controlplane -n kube-system
kubectl describe pod ng
kubectl describe pod nope
kubectl describe pods/nope
kubectl describe pods -l run=nginx --show-events=false

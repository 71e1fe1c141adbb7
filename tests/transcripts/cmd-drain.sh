kubectl create deployment web --image=nginx --replicas=2
kubectl run solo --image=nginx
sleep 10
kubectl get pods -o wide | cut -c1-80
kubectl drain node01
kubectl drain node01 --ignore-daemonsets
kubectl drain node01 --ignore-daemonsets --force
kubectl get pods -o wide | cut -c1-80
kubectl uncordon node01

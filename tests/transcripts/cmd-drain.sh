kubectl create deployment web --image=nginx --replicas=2
kubectl run solo --image=nginx
sleep 10
kubectl get pods -o wide | sed -E 's/-[a-z0-9]{5} /-XXXXX /' | cut -c1-80
kubectl drain node01 2>&1 | sed -E 's/(proxy|8f95bcd7d)-[a-z0-9]{5}/\1-XXXXX/g'
kubectl drain node01 --ignore-daemonsets
kubectl drain node01 --ignore-daemonsets --force 2>&1 | sed -E 's/(proxy|8f95bcd7d)-[a-z0-9]{5}/\1-XXXXX/g'
kubectl get pods -o wide | sed -E 's/-[a-z0-9]{5} /-XXXXX /' | cut -c1-80
kubectl uncordon node01

kubectl create deployment web --image=nginx --replicas=2
sleep 5
kubectl scale deployment web --replicas=3
kubectl scale deployment web --current-replicas=2 --replicas=4
sleep 5
kubectl get deploy web
kubectl get pods
kubectl delete pod -l app=web --wait=false
kubectl get pods
sleep 3
kubectl get pods
kubectl delete pod nope
kubectl delete pods
kubectl delete pod nope --ignore-not-found
kubectl create namespace dev
kubectl create deployment api --image=nginx -n dev
sleep 5
kubectl get pods -n dev
kubectl delete namespace dev
kubectl get ns
kubectl get pods -n dev
kubectl run p1 --image=nginx
sleep 5
kubectl delete pod p1 --force --grace-period=0
kubectl delete deployment web
kubectl get pods
sleep 40
kubectl get pods

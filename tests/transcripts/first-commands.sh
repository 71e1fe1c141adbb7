kubectl version
kubectl get nodes
kubectl get ns
kubectl get pods -A
kubectl run nginx --image=nginx
kubectl get pods
sleep 10
kubectl get pods
kubectl get pods -o wide
kubectl get nodes -o wide
kubectl version --client
help
clear

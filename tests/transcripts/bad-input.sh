foo

kubectl foo
kubectl gte pods
kubectl xyzzy
kubectl get pods --foo
kubectl get -z
kubectl get
kubectl get foo
kubectl get pods nope
kubectl run
kubectl run nginx
kubectl run Nginx --image=nginx
kubectl run x --image=nginx --restart=Nope
kubectl get pods -n nope
kubectl get pods --all-namespaces=maybe
echo still here

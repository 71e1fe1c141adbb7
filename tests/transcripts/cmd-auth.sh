kubectl auth whoami
kubectl auth can-i create pods
kubectl auth can-i list pods --as=system:serviceaccount:default:default
kubectl create role reader --verb=get,list --resource=pods
kubectl create rolebinding r --role=reader --serviceaccount=default:default
kubectl auth can-i list pods --as=system:serviceaccount:default:default
kubectl auth can-i delete pods --as=system:serviceaccount:default:default
kubectl auth can-i list pods -n kube-system --as=system:serviceaccount:default:default

kubectl describe deploy coredns -n kube-system
kubectl describe rs -n kube-system
kubectl describe ds kube-proxy -n kube-system
kubectl describe svc kubernetes
kubectl describe svc -n kube-system kube-dns
kubectl describe ns default
kubectl describe cm kube-root-ca.crt
kubectl describe sa default

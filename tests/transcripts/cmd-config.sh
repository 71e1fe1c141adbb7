kubectl config current-context
kubectl config get-contexts
kubectl config set-context --current --namespace=kube-system
kubectl get sa
kubectl config view
kubectl config get-contexts
kubectl config get-clusters
kubectl config get-users
kubectl config use-context kubernetes-admin@kubernetes
kubectl config use-context foo
kubectl config set-context --namespace=x

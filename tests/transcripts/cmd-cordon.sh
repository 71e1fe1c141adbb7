kubectl cordon node01
kubectl cordon node01
kubectl get nodes
kubectl uncordon node01
kubectl uncordon node01
kubectl cordon foo
kubectl cordon
kubectl cordon node01 --dry-run=client

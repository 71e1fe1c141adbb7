kubectl get componentstatuses
kubectl get cs scheduler
mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/
sleep 30
kubectl get cs
kubectl get cs -o name

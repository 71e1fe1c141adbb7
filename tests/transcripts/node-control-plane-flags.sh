cp /etc/kubernetes/manifests/kube-scheduler.yaml /root/kube-scheduler.yaml
sed -i 's/- kube-scheduler$/- kube-schedulerr/' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 30
kubectl get pods -n kube-system kube-scheduler-controlplane
kubectl run web --image=nginx
sleep 10
kubectl get pod web
kubectl describe pod -n kube-system kube-scheduler-controlplane | grep -A4 "State:"
cp /root/kube-scheduler.yaml /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 20
kubectl get pod web
cp /etc/kubernetes/manifests/kube-apiserver.yaml /root/kube-apiserver.yaml
sed -i 's/--authorization-mode=/--authorization-modes=/' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 30
kubectl get nodes
crictl ps -a --name kube-apiserver | cut -c1-110
crictl logs $(crictl ps -a --name kube-apiserver -q | head -1)
cp /root/kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml
sed -i 's#--etcd-servers=https://127.0.0.1:2379#--etcd-servers=https://127.0.0.1:2380#' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 25
kubectl get nodes
crictl ps -a --name kube-apiserver | cut -c1-110
crictl logs $(crictl ps -a --name kube-apiserver | grep Exited | head -1 | cut -d' ' -f1)
cp /root/kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 30
kubectl get nodes
kubectl get pods -n kube-system kube-apiserver-controlplane

ls /etc/kubernetes/manifests
mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/
sleep 2
kubectl get pods -n kube-system
kubectl run web --image=nginx
sleep 10
kubectl get pods
kubectl describe pod web | grep -A3 Events
mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/
sleep 5
kubectl get pods
kubectl get pods -n kube-system kube-scheduler-controlplane
kubectl get pod -n kube-system kube-scheduler-controlplane -o yaml | grep config.hash
sed -i 's/--leader-elect=true/--leader-elect=false/' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 3
kubectl get pods -n kube-system kube-scheduler-controlplane
kubectl get pod -n kube-system kube-scheduler-controlplane -o yaml | grep config.hash
kubectl logs -n kube-system kube-scheduler-controlplane | head -2
cp /etc/kubernetes/manifests/kube-scheduler.yaml /root/kube-scheduler.yaml
echo '  oops: [' >> /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 3
kubectl get pods -n kube-system
kubectl run web2 --image=nginx
sleep 5
kubectl get pod web2
cp /root/kube-scheduler.yaml /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 5
kubectl get pod web2
kubectl delete pod -n kube-system kube-scheduler-controlplane
kubectl get pods -n kube-system kube-scheduler-controlplane

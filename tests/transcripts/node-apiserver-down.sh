kubectl run web --image=nginx
sleep 5
mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/
sleep 2
kubectl get pods
echo $?
kubectl get pods --no-such-flag
kubectl version
kubectl config current-context
kubectl create deployment api --image=nginx
kubectl create deployment api --image=nginx --dry-run=client -o name
kubectl run tmp --image=busybox --dry-run=client -o yaml
kubectl apply -f /etc/kubernetes/manifests/etcd.yaml
kubectl delete -f /etc/kubernetes/manifests/etcd.yaml
kubectl apply -f missing.yaml
kubectl logs web
kubectl auth can-i create deployments.apps
kubectl api-resources
kubectl cluster-info
kubectl top nodes
kubectl create namespace dev
kubectl create token default
kubectl label pod web
crictl ps | grep -c kube-apiserver
mv /root/kube-apiserver.yaml /etc/kubernetes/manifests/
sleep 5
kubectl get nodes
crictl ps --name kube-apiserver | cut -c1-95
sleep 15
kubectl get nodes
kubectl get pods
kubectl get pods -n kube-system kube-apiserver-controlplane
sed -i 's/kube-apiserver:v1.31.9/kube-apiserver:v1.31.99/' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 30
kubectl get pods
crictl pods --name kube-apiserver | cut -c1-95
sed -i 's/kube-apiserver:v1.31.99/kube-apiserver:v1.31.9/' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 30
kubectl get pods
mv /etc/kubernetes/manifests/etcd.yaml /root/
sleep 2
kubectl get nodes
mv /root/etcd.yaml /etc/kubernetes/manifests/
sleep 5
kubectl get nodes
ssh node01 kubectl get nodes

# ssh to a worker node: its own shell, files, kubelet and container runtime.
ssh node01
hostname
pwd
ls /etc/kubernetes
# Worker nodes have no kubeconfig: kubectl cannot reach the API server.
kubectl get pods
kubectl run static-busybox --image=busybox --dry-run=client -o yaml --command -- sleep 1000 > /etc/kubernetes/manifests/static-busybox.yaml
kubectl version
kubectl version --client
rm /etc/kubernetes/manifests/static-busybox.yaml
exit
# Write the manifest on controlplane, copy it, move it into node01's manifest directory.
kubectl run static-busybox --image=busybox --dry-run=client -o yaml --command -- sleep 1000 > static-busybox.yaml
scp static-busybox.yaml node01:/root/
ssh root@node01
mv static-busybox.yaml /etc/kubernetes/manifests/
exit
sleep 20
kubectl get pods -o wide
ssh node01
crictl ps
crictl pods --name static
crictl images
systemctl status kubelet
# Stop node01's kubelet: the node goes NotReady after the grace period.
systemctl stop kubelet
systemctl status kubelet
systemctl is-active kubelet
exit
sleep 60
kubectl get nodes
ssh node01 systemctl start kubelet
sleep 5
kubectl get nodes
ssh node01 journalctl -u kubelet -n 4
# Nested logins and the errors ssh prints.
ssh node01
ssh controlplane
hostname
exit
exit 3
echo $?
ssh foo
echo $?
ssh ubuntu@node01

etcdctl version
kubectl create deployment web --image=nginx --replicas=2
sleep 5
etcdctl snapshot save /opt/snap.db
ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /opt/snapshot-pre-boot.db
ls -la /opt
etcdctl snapshot status /opt/snapshot-pre-boot.db -w table
kubectl delete deployment web
kubectl create deployment other --image=nginx
sleep 5
kubectl get deploy
etcdctl snapshot restore /opt/snapshot-pre-boot.db --data-dir /var/lib/etcd
etcdctl snapshot restore /opt/snapshot-pre-boot.db --data-dir /var/lib/etcd-from-backup
ls /var/lib/etcd-from-backup/member
sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml
grep -n etcd-from-backup /etc/kubernetes/manifests/etcd.yaml
sleep 30
kubectl get deploy
kubectl get pods
etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key get /registry/deployments --prefix --keys-only
etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key member list -w table
etcdctl --cacert=/etc/kubernetes/pki/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key endpoint health
etcdctl snapshot restore /opt/snapshot-pre-boot.db --data-dir /var/lib/etcd-from-backup
etcdctl snapshot restore /nope.db --data-dir /var/lib/x
etcdctl snapshot save
etcdctl --bogus version
etcdctl nope
ssh node01 etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key member list
sed -i 's#--data-dir=/var/lib/etcd#--data-dir=/var/lib/etcd-new#' /etc/kubernetes/manifests/etcd.yaml
sleep 40
kubectl get nodes
kubectl get pods -A

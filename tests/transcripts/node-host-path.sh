ssh node01 'mkdir -p /data && echo "hello from node01" > /data/index.html'
cat > hp.yaml <<'X'
apiVersion: v1
kind: Pod
metadata:
  name: hp
spec:
  nodeName: node01
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /usr/share/nginx/html
  volumes:
  - name: data
    hostPath:
      path: /data
      type: Directory
X
kubectl apply -f hp.yaml
sleep 10
kubectl exec hp -- ls /usr/share/nginx/html
curl -s $(kubectl get pod hp -o jsonpath='{.status.podIP}')
kubectl exec -n kube-system etcd-controlplane -- ls /etc/kubernetes/pki/etcd

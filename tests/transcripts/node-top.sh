kubectl top node
kubectl top pod
kubectl top
kubectl top nodes --containers
cat > metrics-server.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: metrics-server
  namespace: kube-system
  labels:
    k8s-app: metrics-server
spec:
  containers:
  - name: metrics-server
    image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
    args:
    - --secure-port=10250
    readinessProbe:
      httpGet:
        path: /readyz
        port: 10250
        scheme: HTTPS
      initialDelaySeconds: 20
      periodSeconds: 10
YAML
kubectl apply -f metrics-server.yaml
sleep 40
kubectl get pod -n kube-system metrics-server
kubectl top node
kubectl delete pod -n kube-system metrics-server --grace-period=1
sed -i 's/    - --secure-port=10250/    - --secure-port=10250\n    - --kubelet-insecure-tls/' metrics-server.yaml
kubectl apply -f metrics-server.yaml
sleep 25
kubectl top node
sleep 20
kubectl top node
kubectl top node node01
kubectl run web --image=nginx
kubectl top pod
kubectl top pod web
sleep 30
kubectl top pod
kubectl top pod web --containers
kubectl top pod -n kube-system --sort-by=memory
kubectl top pod -A --sum --sort-by=cpu
kubectl top pod --sort-by=disk

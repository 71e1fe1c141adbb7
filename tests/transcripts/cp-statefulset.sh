cat > web-sts.yaml <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
YAML
kubectl apply -f web-sts.yaml
kubectl get sts,pods
sleep 4
kubectl get pods
sleep 20
kubectl get sts,pods -o wide
kubectl scale sts web --replicas=1
kubectl get pods
sleep 30
kubectl get sts,pods

cat > pod.yaml <<'X'
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    imagee: nginx
    image: nginx
  foo: bar
X
kubectl create -f pod.yaml
kubectl apply -f pod.yaml
kubectl create -f pod.yaml --validate=warn
kubectl delete pod nginx --wait=false
kubectl apply -f pod.yaml --validate=false
cat > bad.yaml <<'X'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers: nginx
X
kubectl apply -f bad.yaml --validate=false
kubectl create -f bad.yaml
kubectl patch pod nginx -p '{"spec":{"bogus":1}}'

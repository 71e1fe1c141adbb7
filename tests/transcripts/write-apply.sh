cat > web.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
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
EOF
kubectl apply -f web.yaml
kubectl apply -f web.yaml
sed -i 's/replicas: 2/replicas: 3/' web.yaml
kubectl apply -f web.yaml
kubectl get deploy web
kubectl get deploy web -o yaml | grep -A1 last-applied
kubectl run nginx --image=nginx
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    run: nginx
    tier: front
spec:
  containers:
  - name: nginx
    image: nginx
EOF
kubectl get pod nginx --show-labels
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: ConfigMap
metadata:
  name: one
data:
  a: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
data:
  b: "2"
EOF
kubectl apply -f web.yaml --dry-run=server
kubectl apply
cat > bad.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
	name: bad
EOF
kubectl apply -f bad.yaml
cat > old.yaml <<EOF
apiVersion: apps/v1beta1
kind: Deployment
metadata:
  name: old
EOF
kubectl apply -f old.yaml
mkdir manifests
cp web.yaml manifests/
kubectl create configmap site --from-literal=x=y --dry-run=client -o yaml > manifests/site.yaml
kubectl apply -f manifests/

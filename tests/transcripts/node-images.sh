kubectl run private --image=registry.example.com/private/app:v1
kubectl run never --image=nginx:1.99 --image-pull-policy=Never
kubectl run bad --image=Nginx
kubectl run bad --image=nginx --dry-run=client -o yaml | sed 's/image: nginx/image: Nginx/' | kubectl create -f -
sleep 15
kubectl get pods
kubectl logs private
kubectl logs never
kubectl describe pod private | grep -A12 Events
kubectl describe pod never | grep -A6 Events
kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=me --docker-password=secret
cat > private.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: private-ok
spec:
  imagePullSecrets:
  - name: regcred
  containers:
  - name: app
    image: registry.example.com/private/app:v2
YAML
kubectl apply -f private.yaml
sed -e 's/private-ok/private-typo/' -e 's/regcred/regcreds/' -e 's/app:v2/app:latest/' private.yaml > typo.yaml
kubectl apply -f typo.yaml
sleep 10
kubectl get pods private-ok private-typo
kubectl describe pod private-typo | grep -A8 Events
cat > config.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: needs-config
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo color=$COLOR; sleep 3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: color
YAML
kubectl apply -f config.yaml
sleep 5
kubectl get pod needs-config
kubectl describe pod needs-config | grep -A7 Events
kubectl create configmap app-config --from-literal=color=blue
sleep 10
kubectl get pod needs-config
kubectl logs needs-config
kubectl run nocmd --image=busybox -- frobnicate
sleep 15
kubectl get pod nocmd
kubectl describe pod nocmd | grep -B2 -A3 'Last State'

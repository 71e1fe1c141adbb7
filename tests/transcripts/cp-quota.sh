kubectl create namespace team
kubectl create quota pod-quota --hard=pods=2 -n team
kubectl get quota -n team
kubectl run a --image=nginx -n team
kubectl run b --image=nginx -n team
kubectl run c --image=nginx -n team
kubectl get quota -n team
kubectl delete pod a -n team --grace-period=0 --force
kubectl get quota -n team
kubectl create quota compute-quota --hard=limits.cpu=2,limits.memory=2Gi -n team
kubectl run d --image=nginx -n team
cat > limits.yaml <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: team
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
      memory: 256Mi
    max:
      cpu: "1"
YAML
kubectl apply -f limits.yaml
kubectl get limits -n team
kubectl run d --image=nginx -n team
kubectl get pod d -n team -o jsonpath='{.spec.containers[0].resources}{"\n"}'
kubectl get quota -n team
cat > big.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: big
  namespace: team
spec:
  containers:
  - name: app
    image: nginx
    resources:
      limits:
        cpu: "2"
YAML
kubectl apply -f big.yaml
kubectl create priorityclass high --value=1000
kubectl get priorityclasses
cat > vip.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: vip
spec:
  priorityClassName: gold
  containers:
  - name: app
    image: nginx
YAML
kubectl apply -f vip.yaml

kubectl get leases -A
kubectl get lease node01 -n kube-node-lease -o yaml
sleep 60
kubectl get lease node01 -n kube-node-lease -o jsonpath='{.spec.renewTime}{"\n"}'
kubectl create deployment web --image=nginx --replicas=3
sleep 10
cat > pdb.yaml <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
YAML
kubectl apply -f pdb.yaml
kubectl get pdb
kubectl get pdb web-pdb -o yaml

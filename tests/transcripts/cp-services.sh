kubectl create deployment web --image=nginx --replicas=2 --port=80
kubectl expose deployment web --port=80 --target-port=80
kubectl create service nodeport np --tcp=80:8080 --node-port=30080
kubectl create service nodeport np2 --tcp=80:8080 --node-port=30080
kubectl create service loadbalancer lb --tcp=80:80
kubectl create service externalname ext --external-name=example.com
kubectl create service clusterip headless --clusterip=None
kubectl get svc
kubectl get ep web
sleep 10
kubectl get ep
kubectl get endpointslices
kubectl get svc web -o yaml
kubectl get ep web -o yaml
kubectl get ep -n kube-system
cat > bad-svc.yaml <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: dup
spec:
  ports:
  - name: a
    port: 80
  - name: b
    port: 80
YAML
kubectl apply -f bad-svc.yaml

kubectl create deployment web --image=nginx --replicas=3
sleep 10
kubectl set image deployment/web nginx=nginx:1.27
kubectl describe deployment web | grep ReplicaSet
kubectl rollout status deployment/web
kubectl describe deployment web

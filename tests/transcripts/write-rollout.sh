kubectl create deployment nginx --image=nginx --replicas=3
kubectl rollout status deployment/nginx
kubectl set image deployment/nginx nginx=nginx:1.25
kubectl set image deployment/nginx nginx=nginx:1.25
kubectl set image deployment/nginx redis=redis
kubectl rollout status deployment/nginx
kubectl rollout history deployment/nginx
kubectl rollout undo deployment/nginx
kubectl rollout status deployment/nginx
kubectl rollout history deployment/nginx
kubectl rollout undo deployment/nginx --to-revision=9
kubectl get deploy nginx -o wide
kubectl rollout pause deployment/nginx
kubectl rollout pause deployment/nginx
kubectl rollout resume deployment/nginx
kubectl rollout restart deployment/nginx
kubectl rollout status deployment/nginx --watch=false

kubectl run web --image=nginx
kubectl get pods -w
kubectl run db --image=redis
kubectl get pods --watch --output-watch-events
kubectl delete pod web --wait=false
kubectl get pods -w -o wide
kubectl get pods --watch-only

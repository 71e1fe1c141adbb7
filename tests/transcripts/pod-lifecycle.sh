kubectl run nginx --image=nginx
kubectl run redis --image=redis123
kubectl run box --image=busybox
kubectl run sleeper --image=busybox --restart=Never -- sleep 5
kubectl get pods
sleep 3
kubectl get pods
sleep 10
kubectl get pods
sleep 30
kubectl get pods
kubectl run nginx --image=nginx
kubectl run web --image=nginx:1.25 --port=80 --labels=app=web,tier=fe
kubectl get pods --show-labels
kubectl get pods -l app=web
kubectl get pod web -o name
kubectl run dry --image=nginx --dry-run=client -o yaml
kubectl get pods,svc

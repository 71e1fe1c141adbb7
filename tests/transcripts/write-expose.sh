kubectl create deployment web --image=nginx --port=80
kubectl expose deployment web --port=80
kubectl expose deployment web --port=8080 --target-port=80 --name=web-np --type=NodePort
kubectl run db --image=redis --port=6379
kubectl expose pod db
kubectl expose deployment web --port=80
kubectl expose deployment web --port=80 --name=preview --dry-run=client -o yaml
kubectl get svc
kubectl expose node controlplane --port=80

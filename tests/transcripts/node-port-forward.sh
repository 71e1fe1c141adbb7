kubectl port-forward
kubectl port-forward web 8080:80
kubectl run web --image=nginx --port=80
kubectl port-forward pod/web 8080:80
sleep 5
kubectl port-forward pod/web 8080:80
curl -s localhost:8080 | head -4
kubectl port-forward pod/web 8080:80
kubectl create service clusterip web --tcp=80:80
kubectl label pod web app=web
kubectl port-forward svc/web 9090:80
curl -sI localhost:9090
kubectl port-forward pod/web 99999999:80
kubectl port-forward pod/web 8081:http
kubectl port-forward svc/web 9091:8080
curl localhost:7070

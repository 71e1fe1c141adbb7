kubectl run web --image=nginx --labels=app=web
kubectl run apache --image=httpd --labels=app=apache
kubectl create deployment bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl create service clusterip web --tcp=80:80
kubectl create service nodeport bootcamp --tcp=8080:8080 --node-port=30080
kubectl create service clusterip empty --tcp=80:80
kubectl run client --image=busybox -- sleep 3600
sleep 10
kubectl get pods -o wide
kubectl get svc
curl -s 10.244.1.2 | head -4
curl 10.244.1.3
curl -s 192.168.1.3:30080
curl -s 192.168.1.2:30080
curl -s localhost:30080
curl web
kubectl exec client -- wget -qO- web | grep title
kubectl exec client -- wget -qO- web.default | grep title
kubectl exec client -- wget -qO- web.default.svc.cluster.local | grep title
kubectl exec client -- wget -qO- bootcamp:8080
kubectl exec client -- wget -O- 10.244.1.3
kubectl exec client -- wget -qO- web/nope
kubectl exec client -- wget -qO- empty
kubectl exec client -- wget -qO- nope
kubectl exec client -- wget -T 2 -qO- web:8080
kubectl exec client -- nslookup web
kubectl exec client -- nslookup web.default.svc.cluster.local
kubectl exec client -- nslookup kubernetes.default
kubectl exec client -- nslookup 10-244-1-2.default.pod.cluster.local
kubectl exec client -- nslookup nope
kubectl exec client -- ping -c 2 10.244.1.2
kubectl exec web -- curl -s -o /dev/null -w '%{http_code}\n' localhost/nope
kubectl exec web -- curl -sI localhost
nslookup web
nslookup web.default.svc.cluster.local 10.96.0.10
curl -k https://10.96.0.1/healthz
echo
curl https://10.96.0.1/version
curl --connect-timeout 3 10.244.1.99
ping -c 1 node01
kubectl logs web --tail=2

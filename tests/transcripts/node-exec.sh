kubectl exec
kubectl exec web
kubectl run web --image=nginx
kubectl exec web -- ls
sleep 5
kubectl exec web -- ls /
kubectl exec web -- hostname
kubectl exec web -- cat /etc/resolv.conf
kubectl exec web -- sh -c 'echo "pod $HOSTNAME serves $(cat /usr/share/nginx/html/index.html | grep -c nginx) lines about nginx"'
kubectl exec web -- sh -c 'exit 3'
kubectl exec web -- nslookup kubernetes
kubectl exec web -- nope
kubectl exec web -c sidecar -- ls
kubectl exec web ls /usr/share/nginx/html
kubectl run box --image=busybox -- sleep 3600
sleep 3
kubectl exec box -- bash
kubectl exec box -- sh -c 'bash; echo "status $?"'
kubectl exec box -- env
kubectl exec -it box -- sh
pwd
cd /tmp
echo hello > note.txt
ls
cat note.txt
cat /nope
exit
kubectl exec box -- cat /tmp/note.txt
kubectl exec -it web -- bash
cd /usr/share/nginx/html
echo '<h1>edited</h1>' > index.html
curl -s localhost
exit 2
curl -s 10.244.1.2
kubectl run done --image=busybox --restart=Never -- true
sleep 3
kubectl exec done -- ls

kubectl cp
kubectl cp a b
kubectl cp a:x b:y
kubectl cp :x y
kubectl cp a/b/c:x y
kubectl cp nope.txt web:/tmp/
echo hello > /root/hello.txt
kubectl cp /root/hello.txt web:/tmp/
kubectl run web --image=nginx
kubectl cp /root/hello.txt web:/tmp/
sleep 10
kubectl cp /root/hello.txt web:/tmp/
kubectl exec web -- cat /tmp/hello.txt
kubectl cp hello.txt web:/tmp/renamed.txt
kubectl exec web -- ls /tmp
kubectl cp hello.txt web:/nope/x.txt
kubectl cp web:/etc/nginx/nginx.conf ./nginx.conf
head -3 nginx.conf
kubectl cp web:/etc/nginx/conf.d ./conf
ls conf
kubectl cp web:/etc/nope ./x
kubectl cp web:/etc/hostname /tmp
kubectl run box --image=busybox -- sleep 3600
sleep 10
kubectl cp box:/etc/hostname /tmp/h
cat /tmp/h
kubectl cp box:/etc/nope /tmp/h
kubectl cp default/box:etc/hostname h2
cat h2
kubectl run distroless --image=gcr.io/distroless/static -- /server
sleep 10
kubectl cp hello.txt distroless:/tmp/

kubectl create deployment demo --image=nginx
kubectl expose deployment demo --port=8888 --target-port=80
sleep 15
kubectl run nslookup --image=busybox:1.28 --rm -it --restart=Never --command -- nslookup demo
kubectl run nslookup --image=busybox:1.28 --rm -it --restart=Never -- nslookup nope
echo $?
kubectl run wget --image=busybox:1.28 --rm -it --restart=Never --command -- wget -qO- http://demo:8888 | head -4
kubectl run dns --image=busybox --rm -it --restart=Never -- nslookup demo.default.svc.cluster.local
kubectl get pods
kubectl run tmp --image=busybox -it --rm -- sh
hostname
cat /etc/resolv.conf
wget -qO- demo:8888 | grep title
exit
kubectl get pods
kubectl run box --image=busybox -it --restart=Never -- sh
exit 3
echo $?
kubectl get pods box
kubectl run fail --image=busybox --rm -it --restart=Never -- sh -c "echo bye; exit 4"
echo $?
kubectl run keep --image=busybox -i -t
ls /
exit
sleep 30
kubectl get pods keep
kubectl attach
kubectl attach nope
kubectl attach a b c
kubectl run again --image=busybox -i -t --leave-stdin-open
exit
kubectl attach again -c again -i -t
sleep 12
kubectl attach again -c again -i -t
echo inside
exit
kubectl run web --image=nginx
sleep 10
kubectl attach -it web -c nope
kubectl attach job
kubectl run job --image=busybox --restart=Never -- sh -c 'echo done'
sleep 10
kubectl attach job
kubectl run ubuntu --image=ubuntu -it --rm --restart=Never -- bash
echo $0
exit

kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml > web.yaml
kubectl diff -f web.yaml | head -12
echo $?
kubectl apply -f web.yaml
sleep 5
kubectl diff -f web.yaml
echo "exit $?"
sed -i 's/replicas: 2/replicas: 3/; s/image: nginx/image: nginx:1.27/' web.yaml
kubectl diff -f web.yaml
echo "exit $?"
kubectl get deploy web -o jsonpath='{.spec.replicas}{"\n"}'
kubectl diff -f nope.yaml
echo "exit $?"
kubectl diff
echo "exit $?"
kubectl create secret generic s --from-literal=password=one --dry-run=client -o yaml > s.yaml
kubectl apply -f s.yaml
sed -i 's/b25l/dHdv/' s.yaml
kubectl diff -f s.yaml | head -9
kubectl diff -f web.yaml -f s.yaml | grep '^diff'

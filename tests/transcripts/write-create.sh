kubectl create namespace dev
kubectl create ns dev
kubectl create deployment web --image=nginx --replicas=2 -n dev
kubectl create deployment web --image=nginx -n dev
kubectl create deployment api --image=nginx -n nope
kubectl create deployment
kubectl create deployment a b --image=nginx
kubectl create service clusterip web --tcp=80:8080 -n dev
kubectl create service nodeport web --tcp=80:8080 -n dev
kubectl create configmap app-config --from-literal=mode=prod --from-literal=level=3 -n dev
kubectl create secret generic db-secret --from-literal=password=s3cr3t -n dev
kubectl create secret generic db-secret --from-literal=password=s3cr3t -n dev
kubectl get deploy,svc,cm,secret -n dev
kubectl get secret db-secret -n dev -o yaml
kubectl create deployment web --image=nginx --dry-run=client -o yaml
kubectl create service clusterip my-svc --tcp=80:8080 --dry-run=client -o yaml
kubectl create configmap cfg --from-literal=a=1 --dry-run=client -o json
kubectl create ns qa --dry-run=server
kubectl get ns qa
kubectl create job hello --image=busybox --dry-run=client -o yaml -- echo hi
cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx
EOF
kubectl create -f pod.yaml
kubectl create -f pod.yaml
kubectl create -f missing.yaml
kubectl create service foo
kubectl create secret

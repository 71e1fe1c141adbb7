kubectl proxy --unix-socket=/tmp/s --port=8002
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
sleep 20
kubectl proxy
kubectl proxy
curl http://localhost:8001/version
export POD_NAME=$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
curl -s http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME/ | jq -r '.kind, .metadata.name, .status.phase'
curl -s http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME/proxy/
curl http://localhost:8001/api/v1/namespaces/default/pods/nope
curl -s http://localhost:8001/apis/apps/v1/namespaces/default/deployments/nope
curl -si http://localhost:8001/nope
curl -s 'http://localhost:8001/api/v1/namespaces/kube-system/pods?labelSelector=component%3Detcd' | jq -r '.kind, .items[].metadata.name'
curl -s 'http://localhost:8001/api/v1/namespaces/kube-system/pods?labelSelector=tier=control-plane' | jq -r '.items[].metadata.name'
kubectl expose deployment kubernetes-bootcamp --port 8080
curl -s http://localhost:8001/api/v1/namespaces/default/services/kubernetes-bootcamp/proxy/
curl -s http://localhost:8001/api/v1/namespaces/default/services/kubernetes-bootcamp:9090/proxy/
kubectl proxy --port=8011 --api-prefix=/k8s/
curl -s localhost:8011/k8s/api
curl -s localhost:8011/api
kubectl get --raw /healthz; echo
kubectl get --raw /readyz
echo
kubectl get --raw /api
kubectl get --raw /api/v1/namespaces/default/services/kubernetes
kubectl get --raw /api/v1/namespaces/default/pods/nope
kubectl get --raw /apis/apps/v1/namespaces/default/deployments/kubernetes-bootcamp | jq -r '.kind + " " + .apiVersion + " " + (.status.readyReplicas|tostring)'
kubectl get --raw /nope
kubectl get --raw /api/v1/namespaces/default/services/kubernetes-bootcamp:8080/proxy/
kubectl get pods --raw /api
kubectl get --raw /api -o json
kubectl get --raw /api -l app=x
kubectl get --raw api
kubectl port-forward deployment/kubernetes-bootcamp 8001:8080
mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/
sleep 5
curl -s -o /dev/null -w '%{http_code}\n' localhost:8001/api
kubectl get --raw /healthz
mv /root/kube-apiserver.yaml /etc/kubernetes/manifests/
sleep 60
curl localhost:8001/livez; echo

kubectl version
kubectl get nodes
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl get deployments
sleep 20
kubectl get deployments
kubectl proxy &
curl http://localhost:8001/version
export POD_NAME=$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
kubectl get pods
kubectl logs "$POD_NAME"
kubectl exec "$POD_NAME" -- env
kubectl exec -ti $POD_NAME -- bash
cat server.js | head -5
curl http://localhost:8080
exit
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
kubectl get services
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
curl http://192.168.1.3:$NODE_PORT
kubectl get pods -l app=kubernetes-bootcamp
kubectl label pods "$POD_NAME" version=v1
kubectl get pods -l version=v1
kubectl delete service -l app=kubernetes-bootcamp
kubectl exec -ti $POD_NAME -- curl http://localhost:8080
kubectl get rs
kubectl scale deployments/kubernetes-bootcamp --replicas=4
sleep 10
kubectl get deployments
kubectl get pods -o wide
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
kubectl rollout status deployments/kubernetes-bootcamp
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
sleep 10
kubectl get deployments
kubectl get pods
kubectl rollout undo deployments/kubernetes-bootcamp
sleep 10
kubectl get pods
kubectl describe pods | grep Image: | sort | uniq -c

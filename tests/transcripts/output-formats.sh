kubectl run web --image=nginx --labels=app=web,tier=front
kubectl run api --image=nginx:1.27 --labels=app=api
kubectl run cache --image=redis --labels=app=cache
kubectl create deployment api --image=nginx --replicas=2 -n kube-public
sleep 20
kubectl get pods -o jsonpath='{.items[*].metadata.name}'
echo
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}'
kubectl get pods -o jsonpath='{.items[?(@.metadata.labels.app=="web")].spec.containers[0].image}{"\n"}'
kubectl get pods -o jsonpath='{.items[0:2].metadata.name}{"\n"}{.items[-1].metadata.name}{"\n"}'
kubectl get pod web -o jsonpath='{.metadata.labels}{"\n"}'
kubectl get pod web -o jsonpath-as-json='{.metadata.name}'
kubectl get pods -o jsonpath='{.items[0}'
kubectl get pod web -o jsonpath='{.nope}{"|"}{"\n"}'
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,MISSING:.status.nope
kubectl get pods -o custom-columns=NAME:.metadata.name --no-headers --sort-by=.metadata.name
kubectl get pods -o custom-columns=NAME
export POD_NAME=$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')
echo Name of the Pod: $POD_NAME
kubectl get pod web -o go-template='{{.metadata.name}} {{index .metadata.labels "app"}} {{len .spec.containers}}{{"\n"}}'
kubectl get deploy api -n kube-public -o template='{{if eq .status.readyReplicas .spec.replicas}}ready{{else}}waiting{{end}}{{"\n"}}'
kubectl get pods -o go-template='{{range .items}}{{printf "%-20s %s\n" .metadata.name .status.phase}}{{end}}'
kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}'
kubectl get pods -o go-template
kubectl get pods -o yamll
kubectl get pods --sort-by=.metadata.name
kubectl get pods --sort-by=.metadata.labels
kubectl get pods --sort-by='{.status.nope}'

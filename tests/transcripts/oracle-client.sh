kubectl run nginx --image=nginx --dry-run=client -o yaml
kubectl run nginx --image=nginx --dry-run=client -o json
kubectl run nginx --image=nginx --port=80 --labels=app=web,tier=fe --env=A=1 --restart=Never --dry-run=client -o yaml
kubectl run busybox --image=busybox --command --dry-run=client -o yaml -- sleep 3600
kubectl run busybox --image=busybox --dry-run=client -o yaml -- /bin/sh -c "echo hi; sleep 10"
kubectl run nginx --image=nginx --privileged --annotations=a=b,c=d -n kube-system --dry-run=client -o yaml
kubectl run nginx --image=nginx --port=80 --expose -l a=b --dry-run=client -o yaml
kubectl run nginx --image=nginx --port=80 --expose --dry-run=client
kubectl run nginx --image=nginx --overrides='{"spec":{"nodeName":"node01"}}' --dry-run=client -o yaml
kubectl run nginx --image=nginx --dry-run=client -o jsonpath='{.spec.containers[0].image}{"\n"}'
kubectl run nginx --image=Nginx --dry-run=client
kubectl run nginx --image=nginx -t --dry-run=client
kubectl run nginx --image=nginx -i --dry-run=client
kubectl run nginx --image=nginx --rm --dry-run=client
kubectl run nginx --image=nginx --expose --dry-run=client
kubectl run nginx --image=nginx --restart=Sometimes --dry-run=client
kubectl run nginx --image=nginx --image-pull-policy=Sometimes --dry-run=client
kubectl run nginx --image=nginx --port=abc --dry-run=client
kubectl run nginx --image=nginx --labels=bad --dry-run=client
kubectl run nginx --image=nginx --env=1A=b --dry-run=client
kubectl run nginx --image=nginx --dry-run=bogus
kubectl run nginx --image=nginx --dry-run=client -o bogus
kubectl run --image=nginx --dry-run=client
kubectl run nginx --dry-run=client
kubectl create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml
kubectl create deployment web --image=nginx --image=redis --dry-run=client -o json
kubectl create deployment web --image=busybox --dry-run=client -o yaml -- sleep 3600
kubectl create deployment web --image=registry.k8s.io/pause:3.9 -n dev --dry-run=client -o name
kubectl create deployment web --dry-run=client -o yaml
kubectl create deployment a b --image=nginx --dry-run=client
kubectl create deployment Web --image=nginx --dry-run=client -o yaml
kubectl create job hello --image=busybox --dry-run=client -o yaml -- echo hi
kubectl create cronjob cj --image=busybox --schedule="*/1 * * * *" --restart=Never --dry-run=client -o yaml -- date
kubectl create cronjob cj --image=busybox --dry-run=client
kubectl create configmap cfg --from-literal=z=1 --from-literal=a=two --dry-run=client -o yaml
kubectl create configmap cfg --from-literal=a=1 --append-hash --dry-run=client -o name
kubectl create configmap cfg --from-literal=bad/key=1 --dry-run=client
kubectl create secret generic s --from-literal=password=s3cr3t --dry-run=client -o yaml
kubectl create secret generic s --from-literal=a=1 --append-hash --dry-run=client -o name
kubectl create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p --docker-email=e@x --dry-run=client -o yaml
kubectl create secret tls t --dry-run=client
kubectl create secret bogus s
kubectl create service clusterip my-svc --tcp=80:8080 --tcp=443:8443 --dry-run=client -o yaml
kubectl create service clusterip my-svc --clusterip=None --dry-run=client -o yaml
kubectl create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o json
kubectl create service externalname ext --external-name=example.com --dry-run=client -o yaml
kubectl create service clusterip My-svc --tcp=80 --dry-run=client
kubectl create service foo x
kubectl create serviceaccount sa1 --dry-run=client -o yaml
kubectl create ns dev --dry-run=client -o json
kubectl create ns Dev --dry-run=client
kubectl create quota q --hard=pods=2,cpu=1 --scopes=BestEffort --dry-run=client -o yaml
kubectl create quota q --hard=pods --dry-run=client
kubectl create priorityclass high --value=1000 --description=hi --preemption-policy=Never --dry-run=client -o yaml
kubectl create pdb pdb --selector=app=web --max-unavailable=50% --dry-run=client -o yaml
kubectl create role pod-reader --verb=get,list --resource=pods,deployments.apps,pods/log --dry-run=client -o yaml
kubectl create role r --verb=get --resource=foos --dry-run=client
kubectl create clusterrole cr --verb=get --non-resource-url=/logs --dry-run=client -o yaml
kubectl create rolebinding rb --clusterrole=view --serviceaccount=default:sa1 --group=devs --dry-run=client -o yaml
kubectl create clusterrolebinding crb --clusterrole=cluster-admin --user=admin --dry-run=client -o json
kubectl create ingress ing --rule="foo.com/*=svc:8080,tls=my-cert" --class=nginx --dry-run=client -o yaml
kubectl create ingress ing --dry-run=client
kubectl create ns x --dry-run=client -o go-template='{{.kind}}{{"\n"}}'
kubectl create ns x --dry-run=client -o wide
kubectl create deploymnt x
kubectl create deployment web --image=nginx --bogus
kubectl gte pods
kubectl get -z
kubectl rollout
kubectl rollout foo bar
kubectl top
kubectl set
kubectl config foo bar
kubectl label
kubectl label pods x
kubectl explain
kubectl wait
kubectl cordon --help

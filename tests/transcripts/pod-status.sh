kubectl run nginx --image=nginx
kubectl run redis --image=redis123
kubectl get pod nginx -o jsonpath='{.status.containerStatuses[0].image}{"\n"}'
sleep 10
kubectl get pod nginx -o yaml
kubectl get pod redis -o jsonpath='{.status.containerStatuses[0].image}{"\n"}'
kubectl get events -o wide
kubectl delete pod nginx
kubectl get events -o custom-columns=REASON:.reason,SUBOBJECT:.involvedObject.fieldPath
kubectl get node node01 -o jsonpath='{.status.nodeInfo.kubeProxyVersion}{"\n"}'

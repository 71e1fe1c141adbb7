kubectl run nginx --image=nginx
kubectl wait --for=condition=Ready pod/nginx
kubectl get pod nginx
kubectl wait --for=jsonpath={.status.phase}=Running pod nginx
kubectl run bad --image=nosuchimage:1
kubectl wait --for=condition=Ready pod/bad --timeout=5s
kubectl delete pod nginx --wait=false
kubectl wait --for=delete pod/nginx --timeout=60s
kubectl wait pod/nginx

kubectl run nginx --image=nginx
kubectl label pod nginx env=prod
kubectl label pod nginx env=prod
kubectl label pod nginx env=dev
kubectl label pod nginx env=dev --overwrite
kubectl get pod nginx --show-labels
kubectl label pod nginx env-
kubectl label pod nginx env-
kubectl label pod nginx
kubectl label env=x
kubectl label pod nginx tier=bad!
kubectl annotate pod nginx owner=me
kubectl annotate pod nginx owner=you
kubectl annotate pod nginx owner=you --overwrite
kubectl annotate pod nginx owner-
kubectl label pods --all tier=web
kubectl label pods -l run=nginx team=a
kubectl label pod missing a=b
kubectl get pods --show-labels

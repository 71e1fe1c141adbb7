# kubectl create token: a TokenRequest for a service account
kubectl create token default
echo rc=$?
TOKEN=$(kubectl create token default --duration=2h); echo "${#TOKEN}"
echo "$TOKEN" | cut -d. -f2 | tr '_-' '/+' | base64 -d; echo
kubectl create token default -o yaml
kubectl create token default -n kube-system --audience=vault --duration=20m -o json
kubectl create token default -o name
kubectl create token nope
echo rc=$?
kubectl create token default --duration=1m
kubectl create token default --bound-object-kind=Pod --bound-object-name=nope
kubectl run web --image=nginx
kubectl create token default --bound-object-kind=Pod --bound-object-name=web -o jsonpath='{.spec.boundObjectRef}{"\n"}'
kubectl create serviceaccount app
kubectl create token app --bound-object-kind=Pod --bound-object-name=web
kubectl create token default --bound-object-kind=Pod --bound-object-name=web --bound-object-uid=123
kubectl create token
kubectl create token a b
kubectl create token a --duration=-1s
kubectl create token a --duration=1.5s
kubectl create token a --bound-object-kind=Foo
kubectl create token a --bound-object-name=x
kubectl create token a --bound-object-uid=x
kubectl create token a --bound-object-kind=Pod
kubectl create token a --audience=
kubectl create token a -o foo
kubectl create token -h

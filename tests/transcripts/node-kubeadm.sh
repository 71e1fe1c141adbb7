kubeadm version
kubeadm version -o short
kubeadm token create --print-join-command
kubeadm token create --ttl 2h
kubectl get secrets -n kube-system | grep bootstrap-token
kubectl get secret -n kube-system $(kubectl get secrets -n kube-system -o name | grep bootstrap-token | head -1 | cut -d/ -f2) -o jsonpath='{.data.usage-bootstrap-authentication}' | base64 -d; echo
kubeadm token create --ttl abc
kubeadm token list
kubeadm upgrade plan
kubeadm upgrade apply v1.32.0
kubeadm certs check-expiration
kubeadm token
kubeadm nope
ssh node01 kubeadm token create
ssh node01 kubeadm version -o short

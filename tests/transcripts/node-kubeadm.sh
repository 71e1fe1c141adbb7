kubeadm version
kubeadm version -o short
kubeadm token create --print-join-command
kubeadm token create --ttl 2h
kubeadm token list
kubectl get secrets -n kube-system | grep bootstrap-token
kubeadm token delete $(kubeadm token list | awk 'NR==2 {print $1}')
kubeadm token list | wc -l
kubeadm upgrade plan
kubeadm certs check-expiration
kubeadm token
kubeadm nope
ssh node01 kubeadm token list
ssh node01 kubeadm version -o short

source <(kubectl completion bash)
echo rc=$?
kubectl completion bash | tail -7
kubectl completion foo
kubectl completion
kubectl get ns default

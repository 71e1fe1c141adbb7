cat > nonroot.yaml <<'X'
apiVersion: v1
kind: Pod
metadata:
  name: nonroot
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
X
kubectl apply -f nonroot.yaml
sleep 15
kubectl get pod nonroot
kubectl describe pod nonroot | grep -A3 "State:"
kubectl describe pod nonroot | tail -6
kubectl run uid0 --image=busybox --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":0},"containers":[{"name":"uid0","image":"busybox","command":["sleep","3600"]}]}}'
kubectl run uid1000 --image=busybox --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":1000},"containers":[{"name":"uid1000","image":"busybox","command":["sleep","3600"]}]}}'
sleep 10
kubectl get pods uid0 uid1000
kubectl get pod uid0 -o jsonpath='{.status.containerStatuses[0].state.waiting.message}{"\n"}'

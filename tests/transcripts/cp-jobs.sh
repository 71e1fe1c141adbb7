kubectl create job hello --image=busybox -- sh -c "sleep 5"
kubectl get jobs
sleep 3
kubectl get jobs,pods
sleep 10
kubectl get jobs,pods
cat > fail.yaml <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: fail
        image: busybox
        command: ["sh", "-c", "exit 1"]
YAML
kubectl apply -f fail.yaml
sleep 30
kubectl get jobs
kubectl get pods -l job-name=fail
kubectl get events --field-selector involvedObject.name=fail
kubectl create cronjob tick --image=busybox --schedule="*/2 * * * *" -- echo tick
kubectl get cronjobs
sleep 300
kubectl get cronjobs
kubectl get jobs -l batch.kubernetes.io/job-name!=hello

cat > liveness.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
YAML
kubectl apply -f liveness.yaml
sleep 25
kubectl get pod liveness-exec
sleep 25
kubectl describe pod liveness-exec | grep -A20 Events
sleep 30
kubectl get pod liveness-exec
cat > web.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - name: http
      containerPort: 80
    readinessProbe:
      httpGet:
        path: /
        port: http
      periodSeconds: 5
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      initialDelaySeconds: 15
      periodSeconds: 5
      failureThreshold: 2
YAML
kubectl apply -f web.yaml
sleep 4
kubectl get pod web
sleep 6
kubectl get pod web
sleep 15
kubectl get pod web
kubectl describe pod web | grep -A20 Events
cat > tcp.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis
    readinessProbe:
      tcpSocket:
        port: 6380
      periodSeconds: 10
    startupProbe:
      tcpSocket:
        port: 6379
      periodSeconds: 5
YAML
kubectl apply -f tcp.yaml
sleep 30
kubectl get pod redis
kubectl describe pod redis | grep -A4 Conditions
kubectl describe pod redis | grep Unhealthy

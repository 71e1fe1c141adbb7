kubectl explain pod
kubectl explain pod.spec.containers | head -30
kubectl explain deploy.spec.replicas
kubectl explain deployments --api-version=apps/v1 | head -5
kubectl explain pod.foo
kubectl explain foo
kubectl explain cm --recursive

mkdir -p /root/app/base /root/app/overlays/prod
cat > /root/app/base/deployment.yaml <<'X'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: web-config
X
cat > /root/app/base/service.yaml <<'X'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
X
cat > /root/app/base/kustomization.yaml <<'X'
resources:
- deployment.yaml
- service.yaml
configMapGenerator:
- name: web-config
  literals:
  - MODE=dev
X
cat > /root/app/overlays/prod/kustomization.yaml <<'X'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
namePrefix: prod-
commonLabels:
  env: prod
resources:
- ../../base
images:
- name: nginx
  newTag: "1.27"
replicas:
- name: web
  count: 3
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
          - name: web
            resources:
              limits:
                memory: 128Mi
X
kubectl kustomize /root/app/base
kubectl kustomize /root/app/overlays/prod
kubectl create ns prod
kubectl apply -k /root/app/overlays/prod
kubectl get all -n prod
kubectl diff -k /root/app/overlays/prod; echo $?
kubectl delete -k /root/app/overlays/prod
kubectl kustomize /root/nope
kubectl kustomize /root
kubectl apply -k /root/nope
mkdir -p /root/kz2
cat > /root/kz2/.env <<'XEOF'
# comment
LOG_LEVEL=debug
TIMEOUT=30
XEOF
cat > /root/kz2/app.properties <<'XEOF'
color=blue
size=10
XEOF
cat > /root/kz2/deploy.yaml <<'XEOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api-sa
      containers:
      - name: api
        image: registry.example.com/team/api:1.0
        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-secret
              key: password
        volumeMounts:
        - name: conf
          mountPath: /etc/api
      volumes:
      - name: conf
        configMap:
          name: api-files
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api-sa
XEOF
cat > /root/kz2/kustomization.yaml <<'XEOF'
namespace: shop
nameSuffix: -v2
labels:
- pairs:
    team: blue
  includeSelectors: false
  includeTemplates: true
commonAnnotations:
  owner: ops
resources:
- ns.yaml
- deploy.yaml
images:
- name: registry.example.com/team/api
  newName: ghcr.io/team/api
  newTag: "2.1"
secretGenerator:
- name: api-secret
  literals:
  - password=s3cret
configMapGenerator:
- name: api-files
  files:
  - app.properties
- name: api-env
  envs:
  - .env
patchesStrategicMerge:
- sm.yaml
patches:
- target:
    kind: Deployment
    name: api
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 5
XEOF
cat > /root/kz2/ns.yaml <<'XEOF'
apiVersion: v1
kind: Namespace
metadata:
  name: shop
XEOF
cat > /root/kz2/sm.yaml <<'XEOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        ports:
        - containerPort: 8080
XEOF
cd /root/kz2
kubectl kustomize .
kubectl kustomize . | grep -c '^---'
kubectl kustomize a b
kubectl apply -k . --dry-run=client
kubectl get -k .
kubectl kustomize . -o /tmp/out.yaml
head -3 /tmp/out.yaml
mkdir -p /root/kz3/base /root/kz3/ov
cat > /root/kz3/base/deployment.yaml <<'XEOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: web-config
XEOF
cat > /root/kz3/base/kustomization.yaml <<'XEOF'
resources:
- deployment.yaml
- service.yaml
configMapGenerator:
- name: web-config
  literals:
  - MODE=dev
XEOF
cat > /root/kz3/base/service.yaml <<'XEOF'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
XEOF
cat > /root/kz3/ov/kustomization.yaml <<'XEOF'
nameSuffix: -v2
namePrefix: p-
resources:
- ../base
commonAnnotations:
  a: b
XEOF
kubectl kustomize /root/kz3/ov

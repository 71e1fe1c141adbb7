//! Starting manifests for the "New manifest" menu: the smallest valid object of each kind a
//! learner writes first, as the Kubernetes documentation shows them.

/// (kind, file name, manifest).
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "Pod",
        "pod.yaml",
        "apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
",
    ),
    (
        "Deployment",
        "deployment.yaml",
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
",
    ),
    (
        "Service",
        "service.yaml",
        "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    protocol: TCP
  type: ClusterIP
",
    ),
    (
        "ConfigMap",
        "configmap.yaml",
        "apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  APP_MODE: production
  app.properties: |
    greeting=hello
    color=blue
",
    ),
    (
        "Namespace",
        "namespace.yaml",
        "apiVersion: v1
kind: Namespace
metadata:
  name: dev
",
    ),
    (
        "Job",
        "job.yaml",
        "apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34.0
        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(200)\"]
",
    ),
];

/// A file name not taken yet in `dir`: `pod.yaml`, then `pod-2.yaml`, `pod-3.yaml`….
pub fn free_name(file: &str, exists: impl Fn(&str) -> bool) -> String {
    if !exists(file) {
        return file.to_string();
    }
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "yaml"));
    (2..1000)
        .map(|n| format!("{stem}-{n}.{ext}"))
        .find(|f| !exists(f))
        .unwrap_or_else(|| format!("{stem}-new.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_clean_yaml_with_its_kind() {
        for (kind, _, text) in TEMPLATES {
            assert_eq!(super::super::yaml_check::check(text), vec![], "{kind}");
            assert!(text.contains(&format!("kind: {kind}\n")), "{kind}");
        }
    }

    #[test]
    fn free_names_count_up() {
        assert_eq!(free_name("pod.yaml", |_| false), "pod.yaml");
        assert_eq!(free_name("pod.yaml", |f| f == "pod.yaml"), "pod-2.yaml");
    }
}

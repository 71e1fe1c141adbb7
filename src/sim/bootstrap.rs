//! `kubeadm init` and `kubeadm join`, simulated: a control-plane node whose kubelet starts the
//! control plane from static pod manifests, the kubeadm add-ons (CoreDNS, kube-proxy), and a
//! worker node. Everything a learner sees in `kube-system` comes from these manifests through
//! the same components that run their own pods.

use serde_json::{json, Value};

use super::clock::{TimeMs, CLUSTER_CREATED_MS, UPTIME_AT_SESSION_START_MS};
use super::cluster::Cluster;
use super::kubelet::{Kubelet, NodeConfig, STATIC_POD_PATH};
use super::resources::rt;
use super::KUBERNETES_VERSION;
use crate::vfs::Fs;

pub const CONTROL_PLANE_IP: &str = "192.168.1.2";
pub const WORKER_IP: &str = "192.168.1.3";

fn etcd_manifest() -> String {
    format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://{ip}:2379
  creationTimestamp: null
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --advertise-client-urls=https://{ip}:2379
    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --experimental-initial-corrupt-check=true
    - --experimental-watch-progress-notify-interval=5s
    - --initial-advertise-peer-urls=https://{ip}:2380
    - --initial-cluster=controlplane=https://{ip}:2380
    - --key-file=/etc/kubernetes/pki/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://{ip}:2379
    - --listen-metrics-urls=http://127.0.0.1:2381
    - --listen-peer-urls=https://{ip}:2380
    - --name=controlplane
    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
    - --peer-client-cert-auth=true
    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
    - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    - --snapshot-count=10000
    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    image: registry.k8s.io/etcd:3.5.15-0
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 127.0.0.1
        path: /livez
        port: 2381
        scheme: HTTP
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: etcd
    readinessProbe:
      failureThreshold: 3
      httpGet:
        host: 127.0.0.1
        path: /readyz
        port: 2381
        scheme: HTTP
      periodSeconds: 1
      timeoutSeconds: 15
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
    startupProbe:
      failureThreshold: 24
      httpGet:
        host: 127.0.0.1
        path: /readyz
        port: 2381
        scheme: HTTP
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    volumeMounts:
    - mountPath: /var/lib/etcd
      name: etcd-data
    - mountPath: /etc/kubernetes/pki/etcd
      name: etcd-certs
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/kubernetes/pki/etcd
      type: DirectoryOrCreate
    name: etcd-certs
  - hostPath:
      path: /var/lib/etcd
      type: DirectoryOrCreate
    name: etcd-data
status: {{}}
"#,
        ip = CONTROL_PLANE_IP
    )
}

fn apiserver_manifest() -> String {
    format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: {ip}:6443
  creationTimestamp: null
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address={ip}
    - --allow-privileged=true
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --enable-bootstrap-token-auth=true
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
    - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
    - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
    - --requestheader-allowed-names=front-proxy-client
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --requestheader-extra-headers-prefix=X-Remote-Extra-
    - --requestheader-group-headers=X-Remote-Group
    - --requestheader-username-headers=X-Remote-User
    - --secure-port=6443
    - --service-account-issuer=https://kubernetes.default.svc.cluster.local
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=10.96.0.0/12
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    image: registry.k8s.io/kube-apiserver:{v}
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: {ip}
        path: /livez
        port: 6443
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: kube-apiserver
    readinessProbe:
      failureThreshold: 3
      httpGet:
        host: {ip}
        path: /readyz
        port: 6443
        scheme: HTTPS
      periodSeconds: 1
      timeoutSeconds: 15
    resources:
      requests:
        cpu: 250m
    startupProbe:
      failureThreshold: 24
      httpGet:
        host: {ip}
        path: /livez
        port: 6443
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    volumeMounts:
    - mountPath: /etc/ssl/certs
      name: ca-certs
      readOnly: true
    - mountPath: /etc/kubernetes/pki
      name: k8s-certs
      readOnly: true
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/ssl/certs
      type: DirectoryOrCreate
    name: ca-certs
  - hostPath:
      path: /etc/kubernetes/pki
      type: DirectoryOrCreate
    name: k8s-certs
status: {{}}
"#,
        ip = CONTROL_PLANE_IP,
        v = KUBERNETES_VERSION
    )
}

fn controller_manager_manifest() -> String {
    format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-controller-manager
    tier: control-plane
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-controller-manager
    - --allocate-node-cidrs=true
    - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --bind-address=127.0.0.1
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --cluster-cidr=10.244.0.0/16
    - --cluster-name=kubernetes
    - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
    - --controllers=*,bootstrapsigner,tokencleaner
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --leader-elect=true
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --root-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=10.96.0.0/12
    - --use-service-account-credentials=true
    image: registry.k8s.io/kube-controller-manager:{v}
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10257
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: kube-controller-manager
    resources:
      requests:
        cpu: 200m
    startupProbe:
      failureThreshold: 24
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10257
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    volumeMounts:
    - mountPath: /etc/kubernetes/pki
      name: k8s-certs
      readOnly: true
    - mountPath: /etc/kubernetes/controller-manager.conf
      name: kubeconfig
      readOnly: true
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/kubernetes/pki
      type: DirectoryOrCreate
    name: k8s-certs
  - hostPath:
      path: /etc/kubernetes/controller-manager.conf
      type: FileOrCreate
    name: kubeconfig
status: {{}}
"#,
        v = KUBERNETES_VERSION
    )
}

fn scheduler_manifest() -> String {
    format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: registry.k8s.io/kube-scheduler:{v}
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10259
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: kube-scheduler
    resources:
      requests:
        cpu: 100m
    startupProbe:
      failureThreshold: 24
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10259
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    volumeMounts:
    - mountPath: /etc/kubernetes/scheduler.conf
      name: kubeconfig
      readOnly: true
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/kubernetes/scheduler.conf
      type: FileOrCreate
    name: kubeconfig
status: {{}}
"#,
        v = KUBERNETES_VERSION
    )
}

fn kubelet_config() -> String {
    r#"apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
"#
    .to_string()
}

/// The files every node starts with.
fn node_filesystem(control_plane: bool, now: TimeMs) -> Fs {
    let mut fs = Fs::new();
    for dir in [
        "/root",
        "/tmp",
        "/etc/kubernetes/manifests",
        "/etc/kubernetes/pki",
        "/var/lib/kubelet",
        "/var/log/pods",
        "/var/log/containers",
        "/usr/bin",
        "/opt/cni/bin",
        "/etc/cni/net.d",
    ] {
        let _ = fs.mkdir_p(dir, now);
    }
    let _ = fs.write("/var/lib/kubelet/config.yaml", &kubelet_config(), now);
    let _ = fs.write(
        "/etc/hostname",
        if control_plane {
            "controlplane\n"
        } else {
            "node01\n"
        },
        now,
    );
    let _ = fs.write(
        "/etc/kubernetes/kubelet.conf",
        &kubeconfig("system:node", CONTROL_PLANE_IP),
        now,
    );
    let _ = fs.write(
        "/etc/kubernetes/pki/ca.crt",
        super::controllers::serviceaccount::CLUSTER_CA_CRT,
        now,
    );
    if control_plane {
        let _ = fs.mkdir_p("/etc/kubernetes/pki/etcd", now);
        // etcd's data directory; its `db` is written when etcd moves to another directory
        // (`etcd::follow_etcd_data_dir`).
        let _ = fs.mkdir_p("/var/lib/etcd/member/snap", now);
        let _ = fs.mkdir_p("/var/lib/etcd/member/wal", now);
        let _ = fs.mkdir_p("/root/.kube", now);
        for (file, text) in [
            ("etcd.yaml", etcd_manifest()),
            ("kube-apiserver.yaml", apiserver_manifest()),
            (
                "kube-controller-manager.yaml",
                controller_manager_manifest(),
            ),
            ("kube-scheduler.yaml", scheduler_manifest()),
        ] {
            let _ = fs.write(&format!("{STATIC_POD_PATH}/{file}"), &text, now);
        }
        for f in [
            "admin.conf",
            "super-admin.conf",
            "controller-manager.conf",
            "scheduler.conf",
        ] {
            let _ = fs.write(
                &format!("/etc/kubernetes/{f}"),
                &kubeconfig("kubernetes-admin", CONTROL_PLANE_IP),
                now,
            );
        }
        let _ = fs.write(
            "/root/.kube/config",
            &kubeconfig("kubernetes-admin", CONTROL_PLANE_IP),
            now,
        );
        for f in [
            "apiserver.crt",
            "apiserver.key",
            "apiserver-etcd-client.crt",
            "apiserver-etcd-client.key",
            "apiserver-kubelet-client.crt",
            "apiserver-kubelet-client.key",
            "ca.key",
            "front-proxy-ca.crt",
            "front-proxy-ca.key",
            "front-proxy-client.crt",
            "front-proxy-client.key",
            "sa.key",
            "sa.pub",
            "etcd/ca.crt",
            "etcd/ca.key",
            "etcd/healthcheck-client.crt",
            "etcd/healthcheck-client.key",
            "etcd/peer.crt",
            "etcd/peer.key",
            "etcd/server.crt",
            "etcd/server.key",
        ] {
            let kind = if f.ends_with(".crt") {
                "CERTIFICATE"
            } else if f.ends_with(".pub") {
                "PUBLIC KEY"
            } else {
                "RSA PRIVATE KEY"
            };
            let _ = fs.write(
                &format!("/etc/kubernetes/pki/{f}"),
                &format!("-----BEGIN {kind}-----\n(simulated)\n-----END {kind}-----\n"),
                now,
            );
        }
    }
    fs
}

pub fn kubeconfig(user: &str, server_ip: &str) -> String {
    format!(
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://{server_ip}:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: {user}\n  name: {user}@kubernetes\ncurrent-context: {user}@kubernetes\nkind: Config\npreferences: {{}}\nusers:\n- name: {user}\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n"
    )
}

pub(crate) fn addon_objects() -> Vec<(String, String, Value)> {
    // Kept as data rather than `json!` code: the same objects cost several times the bytes as
    // code in the download. `${…}` marks what is filled in here.
    const ADDONS: &str = include_str!("bootstrap_addons.json");
    let text = ADDONS
        .replace("${K8S_VERSION}", KUBERNETES_VERSION)
        .replace("${CP_IP}", CONTROL_PLANE_IP);
    let list: Vec<(String, String, Value)> = serde_json::from_str(&text).unwrap_or_default();
    list.into_iter()
        .map(|(resource, ns, mut obj)| {
            if let Some(data) = obj.get_mut("data").and_then(Value::as_object_mut) {
                for v in data.values_mut() {
                    match v.as_str() {
                        Some("${KUBELET_CONFIG}") => *v = Value::String(kubelet_config()),
                        Some("${CLUSTER_INFO_KUBECONFIG}") => {
                            *v = Value::String(kubeconfig("", CONTROL_PLANE_IP))
                        }
                        _ => {}
                    }
                }
            }
            (resource, ns, obj)
        })
        .collect()
}

/// A two-node kubeadm cluster (`controlplane`, `node01`) as it is when a session starts: created
/// `UPTIME_AT_SESSION_START_MS` ago, everything in kube-system running.
pub fn kubeadm_cluster(seed: u64) -> Cluster {
    let t0 = CLUSTER_CREATED_MS;
    let mut c = Cluster::empty(seed, t0);
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        let _ = c
            .api
            .create(rt("namespaces"), "", json!({"metadata": {"name": ns}}));
    }
    c.node_fs
        .insert("controlplane".into(), node_filesystem(true, t0));
    c.kubelets.push(Kubelet::new(NodeConfig {
        name: "controlplane".into(),
        ip: CONTROL_PLANE_IP.into(),
        pod_cidr_prefix: "10.244.0".into(),
        control_plane: true,
        cpu: "2".into(),
        memory_ki: 2_014_964,
    }));
    // The API server's own objects: the system priority classes.
    for (name, value, description) in [
        ("system-cluster-critical", 2_000_000_000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
        ("system-node-critical", 2_000_001_000, "Used for system critical pods that must not be moved from their current node."),
    ] {
        let _ = c.api.create(
            rt("priorityclasses.scheduling.k8s.io"),
            "",
            json!({"metadata": {"name": name}, "value": value, "description": description, "preemptionPolicy": "PreemptLowerPriority"}),
        );
    }
    c.settle();
    c.advance(20_000);
    control_plane_leases(&mut c);
    for (resource, ns, obj) in addon_objects() {
        let _ = c.api.create(rt(&resource), &ns, obj);
    }
    c.advance(100_000);
    join_worker(&mut c, "node01", WORKER_IP, 1);
    c.advance_to(t0 + UPTIME_AT_SESSION_START_MS);
    c
}

/// The leases of a running control plane in `kube-system`: the API server's identity and the
/// leader elections of the scheduler and the controller manager.
fn control_plane_leases(c: &mut Cluster) {
    let now = c.now();
    let t = super::controllers::nodelifecycle::micro_time(now);
    // `apiserver-` + the base32 of a hash of the host name, as the API server names it.
    let mut h = super::rng::fnv1a(b"controlplane") as u128
        | (super::rng::fnv1a(b"kube-apiserver") as u128) << 64;
    let alphabet = b"abcdefghijklmnopqrstuvwxyz234567";
    let id: String = (0..26)
        .map(|_| {
            let c = alphabet[(h & 31) as usize] as char;
            h >>= 5;
            c
        })
        .collect();
    let apiserver = format!("apiserver-{id}");
    let holder = format!("{apiserver}_{}", c.api.rng.uuid());
    let _ = c.api.create(
        rt("leases.coordination.k8s.io"),
        "kube-system",
        json!({"metadata": {"name": apiserver, "labels": {"apiserver.kubernetes.io/identity": "kube-apiserver", "kubernetes.io/hostname": "controlplane"}}, "spec": {"holderIdentity": holder, "leaseDurationSeconds": 3600, "renewTime": t}}),
    );
    for name in ["kube-controller-manager", "kube-scheduler"] {
        let holder = format!("controlplane_{}", c.api.rng.uuid());
        let _ = c.api.create(
            rt("leases.coordination.k8s.io"),
            "kube-system",
            json!({"metadata": {"name": name}, "spec": {"acquireTime": t, "holderIdentity": holder, "leaseDurationSeconds": 15, "leaseTransitions": 0, "renewTime": t}}),
        );
    }
}

/// `kubeadm join`: a worker with its own filesystem and kubelet, which registers the Node.
/// `index` picks the pod range (`10.244.<index>.0/24`); each node gets a different one.
pub fn join_worker(c: &mut Cluster, name: &str, ip: &str, index: u32) {
    let now = c.now();
    let mut fs = node_filesystem(false, now);
    let _ = fs.write("/etc/hostname", &format!("{name}\n"), now);
    c.node_fs.insert(name.into(), fs);
    c.kubelets.push(Kubelet::new(NodeConfig {
        name: name.into(),
        ip: ip.into(),
        pod_cidr_prefix: format!("10.244.{}", index.min(255)),
        control_plane: false,
        cpu: "1".into(),
        memory_ki: 2_014_964,
    }));
    c.settle();
}

#[cfg(test)]
mod addon_tests {
    #[test]
    fn the_addon_objects_parse_and_are_filled_in() {
        let addons = super::addon_objects();
        assert_eq!(addons.len(), 13);
        let text = serde_json::to_string(&addons).unwrap_or_default();
        assert!(!text.contains("${"), "a placeholder is left: {text}");
        assert!(text.contains("registry.k8s.io/kube-proxy:v1.31.9"));
    }
}

//! The graduation path: the learner's own objects as one multi-document YAML that applies
//! cleanly to a real cluster. Objects the cluster made for itself (kubeadm's, the controllers'
//! children, events, leases, endpoints, default service accounts…) are left out, and each
//! object loses its status and the fields the API server or a controller filled in
//! (uid, resourceVersion, clusterIP, the scheduler's nodeName, the token volume…), as
//! `kubectl get -o yaml` output must be cleaned before it is applied elsewhere.

use serde_json::{Map, Value};

use crate::sim::object::Pointer;
use crate::sim::Cluster;
use crate::sorting::SharedSort;

/// Resources that only the cluster writes, never exported.
const CLUSTER_WRITTEN: &[&str] = &[
    "events",
    "events.events.k8s.io",
    "leases.coordination.k8s.io",
    "nodes",
    "controllerrevisions.apps",
    "endpointslices.discovery.k8s.io",
    "componentstatuses",
    "certificatesigningrequests.certificates.k8s.io",
];

/// Namespaces every cluster has: not exported themselves.
const BUILTIN_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public", "kube-node-lease"];

/// The order a real cluster accepts them in (Helm's install order, shortened): namespaces and
/// what workloads refer to come before the workloads.
const ORDER: &[&str] = &[
    "Namespace",
    "ResourceQuota",
    "LimitRange",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "ClusterRole",
    "ClusterRoleBinding",
    "Role",
    "RoleBinding",
    "Service",
];

/// Metadata fields the API server sets.
const SERVER_METADATA: &[&str] = &[
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
    "ownerReferences",
];

/// Annotations written by kubectl or a controller.
const SERVER_ANNOTATIONS: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    "deployment.kubernetes.io/revision",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "pv.kubernetes.io/bind-completed",
    "pv.kubernetes.io/bound-by-controller",
    "pv.kubernetes.io/provisioned-by",
    "volume.beta.kubernetes.io/storage-provisioner",
    "volume.kubernetes.io/storage-provisioner",
    "volume.kubernetes.io/selected-node",
];

/// Labels the Job controller generates (with a generated selector, which a real API server
/// refuses to take back without `manualSelector`).
const JOB_LABELS: &[&str] = &[
    "controller-uid",
    "job-name",
    "batch.kubernetes.io/controller-uid",
    "batch.kubernetes.io/job-name",
];

/// Whether `object` (stored under `resource`) is one the learner made: not kubeadm's, not a
/// controller's child, not something the cluster keeps for itself.
fn is_learners(cluster: &Cluster, resource: &str, object: &Value) -> bool {
    let at = |p: &str| Pointer::at(object, p);
    let str_at = |p: &str| at(p).and_then(Value::as_str).unwrap_or("");
    let name = str_at("/metadata/name");
    let namespace = str_at("/metadata/namespace");
    if CLUSTER_WRITTEN.contains(&resource)
        || cluster.system_uids.contains(str_at("/metadata/uid"))
        || at("/metadata/ownerReferences")
            .and_then(Value::as_array)
            .is_some_and(|o| !o.is_empty())
        || at("/metadata/deletionTimestamp").is_some()
        || at("/metadata/annotations/kubernetes.io~1config.mirror").is_some()
        || matches!(namespace, "kube-system" | "kube-public" | "kube-node-lease")
    {
        return false;
    }
    match resource {
        "namespaces" => !BUILTIN_NAMESPACES.contains(&name),
        "serviceaccounts" => name != "default",
        "configmaps" => name != "kube-root-ca.crt",
        "secrets" => str_at("/type") != "kubernetes.io/service-account-token",
        // Endpoints of a Service with a selector are the endpoints controller's.
        "endpoints" => cluster
            .api
            .store
            .get(&crate::sim::store::Key::new("services", namespace, name))
            .is_none_or(|svc| Pointer::at(svc, "/spec/selector").is_none()),
        "services" => !(namespace == "default" && name == "kubernetes"),
        "clusterroles" | "clusterrolebindings" => {
            !name.starts_with("system:") && !name.starts_with("kubeadm:")
        }
        _ => true,
    }
}

fn remove_keys(map: &mut Map<String, Value>, keys: &[&str]) {
    for k in keys {
        map.remove(*k);
    }
}

fn object_mut<'a>(v: &'a mut Value, path: &[&str]) -> Option<&'a mut Map<String, Value>> {
    let mut cur = v;
    for p in path {
        cur = cur.get_mut(*p)?;
    }
    cur.as_object_mut()
}

/// Drops empty maps left behind (`annotations: {}`).
fn drop_if_empty(map: &mut Map<String, Value>, key: &str) {
    if map
        .get(key)
        .is_some_and(|v| v.as_object().is_some_and(Map::is_empty))
    {
        map.remove(key);
    }
}

/// A pod spec without what admission and the scheduler added: the service-account token volume
/// and its mounts, the default not-ready/unreachable tolerations, the node it was bound to.
fn clean_pod_spec(spec: &mut Map<String, Value>) {
    spec.remove("nodeName");
    let is_token = |v: &Value| {
        v.get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.starts_with("kube-api-access-"))
    };
    if let Some(Value::Array(vols)) = spec.get_mut("volumes") {
        vols.retain(|v| !is_token(v));
        if vols.is_empty() {
            spec.remove("volumes");
        }
    }
    for list in ["initContainers", "containers"] {
        if let Some(Value::Array(cs)) = spec.get_mut(list) {
            for c in cs.iter_mut().filter_map(Value::as_object_mut) {
                if let Some(Value::Array(mounts)) = c.get_mut("volumeMounts") {
                    mounts.retain(|m| !is_token(m));
                    if mounts.is_empty() {
                        c.remove("volumeMounts");
                    }
                }
            }
        }
    }
    if let Some(Value::Array(tols)) = spec.get_mut("tolerations") {
        tols.retain(|t| {
            let key = t.get("key").and_then(Value::as_str).unwrap_or("");
            !(matches!(
                key,
                "node.kubernetes.io/not-ready" | "node.kubernetes.io/unreachable"
            ) && t.get("tolerationSeconds").and_then(Value::as_i64) == Some(300))
        });
        if tols.is_empty() {
            spec.remove("tolerations");
        }
    }
}

/// `object` as it would be written to apply it to another cluster.
pub fn clean_for_export(object: &Value) -> Value {
    let mut v = object.clone();
    let kind = v
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(top) = v.as_object_mut() {
        top.remove("status");
    }
    if let Some(meta) = object_mut(&mut v, &["metadata"]) {
        remove_keys(meta, SERVER_METADATA);
        if let Some(Value::Object(a)) = meta.get_mut("annotations") {
            remove_keys(a, SERVER_ANNOTATIONS);
        }
        drop_if_empty(meta, "annotations");
        if kind == "Job" {
            if let Some(Value::Object(l)) = meta.get_mut("labels") {
                remove_keys(l, JOB_LABELS);
            }
            drop_if_empty(meta, "labels");
        }
    }
    match kind.as_str() {
        "Pod" => {
            if let Some(spec) = object_mut(&mut v, &["spec"]) {
                clean_pod_spec(spec);
            }
        }
        "Service" => {
            if let Some(spec) = object_mut(&mut v, &["spec"]) {
                remove_keys(spec, &["clusterIP", "clusterIPs"]);
            }
        }
        "PersistentVolume" => {
            // The binder's claimRef carries the claim's uid; a learner's own has none.
            if let Some(spec) = object_mut(&mut v, &["spec"]) {
                if spec.get("claimRef").is_some_and(|c| c.get("uid").is_some()) {
                    spec.remove("claimRef");
                }
            }
        }
        "Job" => {
            if let Some(spec) = object_mut(&mut v, &["spec"]) {
                spec.remove("selector");
            }
            if let Some(tm) = object_mut(&mut v, &["spec", "template", "metadata"]) {
                if let Some(Value::Object(l)) = tm.get_mut("labels") {
                    remove_keys(l, JOB_LABELS);
                }
                drop_if_empty(tm, "labels");
            }
        }
        _ => {}
    }
    for path in [
        &["spec", "template", "metadata"][..],
        &["spec", "jobTemplate", "metadata"][..],
        &["spec", "jobTemplate", "spec", "template", "metadata"][..],
    ] {
        if let Some(tm) = object_mut(&mut v, path) {
            tm.remove("creationTimestamp");
        }
        if let Some(parent) = object_mut(&mut v, &path[..path.len() - 1]) {
            drop_if_empty(parent, "metadata");
        }
    }
    v
}

/// The learner's objects, cleaned, in an order a real cluster accepts, as one multi-document
/// YAML stream (`kubectl apply -f` takes it as it is). Empty when there are none.
pub fn learner_objects_yaml(cluster: &Cluster) -> String {
    let mut objects: Vec<(usize, Value)> = cluster
        .api
        .store
        .iter()
        .filter(|(key, obj)| is_learners(cluster, &key.resource, obj))
        .map(|(_, obj)| {
            let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
            let rank = ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len());
            (rank, clean_for_export(obj))
        })
        .collect();
    objects.sort_shared_by_key(|(rank, _)| *rank);
    let mut out = String::new();
    for (_, obj) in &objects {
        if !out.is_empty() {
            out.push_str("---\n");
        }
        out.push_str(&crate::printers::yaml::to_yaml(obj));
    }
    out
}

//! What the live cluster view draws, read from the API server's store: nodes with the pods
//! bound to them, pods waiting for the scheduler, namespaces. Statuses are kubectl's
//! (`printers::get::pod_status`), so the picture and `kubectl get pods` always agree. Pure.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::Value;

use crate::printers::get::pod_status;
use crate::sim::apiserver::ApiServer;
use crate::sim::clock::TimeMs;
use crate::sim::object::{self, str_at};

/// Pods drawn at most (the rest are counted), so a runaway `for` loop keeps the page light.
pub const MAX_PODS: usize = 400;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodChip {
    pub namespace: String,
    pub name: String,
    /// kubectl's STATUS column.
    pub status: String,
    /// kubectl's READY column (`1/1`).
    pub ready: String,
    pub restarts: String,
    /// A mirror pod: the kubelet runs it from a file in `/etc/kubernetes/manifests`.
    pub mirror: bool,
    /// `kube-apiserver`, `etcd`…: the `component` label of a control-plane pod.
    pub component: Option<String>,
    /// The kind of the owning controller (`ReplicaSet`, `DaemonSet`, `Node`…), if any.
    pub owner: Option<String>,
}

impl PodChip {
    /// The colour family of the status, a CSS class.
    pub fn status_class(&self) -> &'static str {
        status_class(&self.status, &self.ready)
    }
}

/// The colour family of a kubectl STATUS.
pub fn status_class(status: &str, ready: &str) -> &'static str {
    match status {
        "Running" => {
            let mut parts = ready.split('/');
            if parts.next() == parts.next() {
                "st-running"
            } else {
                "st-running-unready"
            }
        }
        "NotReady" => "st-running-unready",
        "Pending" | "SchedulingGated" => "st-pending",
        "ContainerCreating" | "PodInitializing" => "st-creating",
        "Completed" | "Succeeded" => "st-completed",
        "Terminating" => "st-terminating",
        "CrashLoopBackOff" => "st-crash",
        "ImagePullBackOff" | "ErrImagePull" | "InvalidImageName" | "ErrImageNeverPull" => {
            "st-image"
        }
        s if s.starts_with("Init:") => "st-creating",
        "Error"
        | "Failed"
        | "OOMKilled"
        | "ContainerCannotRun"
        | "CreateContainerError"
        | "CreateContainerConfigError"
        | "RunContainerError"
        | "Evicted"
        | "Unknown" => "st-error",
        s if s.starts_with("Signal:") || s.starts_with("ExitCode:") => "st-error",
        _ => "st-other",
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeBox {
    pub name: String,
    pub ready: bool,
    pub control_plane: bool,
    /// Cordoned.
    pub unschedulable: bool,
    pub pods: Vec<PodChip>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterView {
    pub nodes: Vec<NodeBox>,
    /// Pods no node has yet (or bound to a node that does not exist).
    pub unscheduled: Vec<PodChip>,
    pub namespaces: Vec<String>,
    /// Pods not drawn because of [`MAX_PODS`].
    pub hidden: usize,
}

fn chip(pod: &Value, now: TimeMs) -> PodChip {
    let (ready, status, restarts) = pod_status(pod, now);
    let labels = object::labels(pod);
    let component = (str_at(pod, "/metadata/labels/tier") == "control-plane")
        .then(|| {
            labels
                .get("component")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .flatten();
    let owner = pod
        .at("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .and_then(|refs| refs.first())
        .map(|r| str_at(r, "/kind").to_string());
    PodChip {
        namespace: object::namespace(pod).to_string(),
        name: object::name(pod).to_string(),
        status,
        ready,
        restarts,
        mirror: object::annotation(pod, "kubernetes.io/config.mirror").is_some(),
        component,
        owner,
    }
}

fn node_ready(node: &Value) -> bool {
    node.at("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
        })
}

/// The view of the cluster now; `namespace` "" shows every namespace.
pub fn build(api: &ApiServer, namespace: &str) -> ClusterView {
    let now = api.now();
    let store = &api.store;
    let mut nodes: Vec<NodeBox> = store
        .list("nodes", None)
        .map(|(_, n)| NodeBox {
            name: object::name(n).to_string(),
            ready: node_ready(n),
            control_plane: n
                .at("/metadata/labels/node-role.kubernetes.io~1control-plane")
                .is_some(),
            unschedulable: n
                .at("/spec/unschedulable")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            pods: Vec::new(),
        })
        .collect();
    // The control plane first, as `kubectl get nodes` lists it in a kubeadm cluster.
    nodes.sort_shared_by(|a, b| {
        b.control_plane
            .cmp(&a.control_plane)
            .then(a.name.cmp(&b.name))
    });
    let namespaces = store
        .list("namespaces", None)
        .map(|(k, _)| k.name.clone())
        .collect();
    let mut view = ClusterView {
        nodes,
        unscheduled: Vec::new(),
        namespaces,
        hidden: 0,
    };
    let mut drawn = 0;
    let pods = store
        .list("pods", (!namespace.is_empty()).then_some(namespace))
        .map(|(_, p)| p);
    for pod in pods {
        if drawn >= MAX_PODS {
            view.hidden += 1;
            continue;
        }
        drawn += 1;
        let c = chip(pod, now);
        let node = str_at(pod, "/spec/nodeName");
        match view
            .nodes
            .iter_mut()
            .find(|n| !node.is_empty() && n.name == node)
        {
            Some(n) => n.pods.push(c),
            None => view.unscheduled.push(c),
        }
    }
    for n in view.nodes.iter_mut() {
        // Control-plane components first, then by namespace and name.
        n.pods.sort_shared_by(|a, b| {
            b.component
                .is_some()
                .cmp(&a.component.is_some())
                .then(a.namespace.cmp(&b.namespace))
                .then(a.name.cmp(&b.name))
        });
    }
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    #[test]
    fn the_kubeadm_cluster_shows_its_control_plane_and_nodes() {
        let s = Session::new(0);
        let v = build(&s.cluster.api, "");
        let names: Vec<&str> = v.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, vec!["controlplane", "node01"]);
        assert!(v.nodes[0].control_plane && v.nodes[0].ready);
        let cp: Vec<&str> = v.nodes[0]
            .pods
            .iter()
            .filter_map(|p| p.component.as_deref())
            .collect();
        for c in [
            "etcd",
            "kube-apiserver",
            "kube-controller-manager",
            "kube-scheduler",
        ] {
            assert!(cp.contains(&c), "{cp:?}");
        }
        assert!(v.nodes[0]
            .pods
            .iter()
            .filter(|p| p.component.is_some())
            .all(|p| p.mirror));
        assert!(v.namespaces.contains(&"kube-system".to_string()));
        assert!(v.unscheduled.is_empty());
    }

    #[test]
    fn a_new_pod_goes_from_creating_to_running_on_node01() {
        let mut s = Session::new(0);
        s.run_line("kubectl run web --image=nginx");
        let v = build(&s.cluster.api, "default");
        let pod = v
            .nodes
            .iter()
            .flat_map(|n| n.pods.iter().map(move |p| (n, p)))
            .find(|(_, p)| p.name == "web");
        let (node, pod) = pod.expect("web is bound");
        assert_eq!(node.name, "node01");
        assert_eq!(pod.status_class(), "st-creating");
        s.tick(30_000);
        let v = build(&s.cluster.api, "default");
        let pod = v.nodes[1]
            .pods
            .iter()
            .find(|p| p.name == "web")
            .expect("web");
        assert_eq!(
            (pod.status.as_str(), pod.status_class()),
            ("Running", "st-running")
        );
        // The filter hides other namespaces.
        assert!(v.nodes[0].pods.is_empty());
    }
}

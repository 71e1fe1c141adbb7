//! kube-controller-manager: one controller per resource, each a reconcile loop from observed to
//! desired state, driven by watch events.

pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod disruption;
pub mod endpoints;
pub mod endpointslice;
pub mod garbage_collector;
#[cfg(test)]
mod invariants;
pub mod job;
pub mod namespace;
pub mod nodelifecycle;
pub mod replicaset;
pub mod replicationcontroller;
pub mod resourcequota;
#[cfg(test)]
mod scenarios;
pub mod serviceaccount;
pub mod statefulset;

use crate::sim::object::Pointer as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::apiserver::ApiServer;
use super::object::str_at;

/// All controllers, run in a fixed order so the simulation is deterministic.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ControllerManager {
    pub deployment: deployment::DeploymentController,
    pub replicaset: replicaset::ReplicaSetController,
    pub daemonset: daemonset::DaemonSetController,
    pub namespace: namespace::NamespaceController,
    pub serviceaccount: serviceaccount::ServiceAccountController,
    pub garbage_collector: garbage_collector::GarbageCollector,
    #[serde(default)]
    pub endpoints: endpoints::EndpointsController,
    #[serde(default)]
    pub endpointslice: endpointslice::EndpointSliceController,
    #[serde(default)]
    pub nodelifecycle: nodelifecycle::NodeLifecycleController,
    #[serde(default)]
    pub resourcequota: resourcequota::ResourceQuotaController,
    #[serde(default)]
    pub disruption: disruption::DisruptionController,
    #[serde(default)]
    pub job: job::JobController,
    #[serde(default)]
    pub cronjob: cronjob::CronJobController,
    #[serde(default)]
    pub statefulset: statefulset::StatefulSetController,
    #[serde(default)]
    pub replicationcontroller: replicationcontroller::ReplicationManager,
}

impl ControllerManager {
    pub fn sync(&mut self, api: &mut ApiServer) {
        self.deployment.sync(api);
        self.replicaset.sync(api);
        self.daemonset.sync(api);
        self.statefulset.sync(api);
        self.replicationcontroller.sync(api);
        self.cronjob.sync(api);
        self.job.sync(api);
        self.namespace.sync(api);
        self.serviceaccount.sync(api);
        self.endpoints.sync(api);
        self.endpointslice.sync(api);
        self.nodelifecycle.sync(api);
        self.resourcequota.sync(api);
        self.disruption.sync(api);
        self.garbage_collector.sync(api);
    }

    pub fn next_wake(&self) -> Option<i64> {
        [
            self.deployment.next_wake(),
            self.replicaset.next_wake(),
            self.nodelifecycle.next_wake(),
            self.disruption.next_wake(),
            self.job.next_wake(),
            self.cronjob.next_wake(),
            self.statefulset.next_wake(),
            self.replicationcontroller.next_wake(),
        ]
        .into_iter()
        .flatten()
        .min()
    }
}

/// A pod counts for its controller while it is not terminating and not finished.
pub fn is_pod_active(pod: &Value) -> bool {
    pod.at("/metadata/deletionTimestamp").is_none()
        && !matches!(str_at(pod, "/status/phase"), "Succeeded" | "Failed")
}

/// The pod's Ready condition is True.
pub fn is_pod_ready(pod: &Value) -> bool {
    pod.at("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
        })
}

/// When the pod became ready (the Ready condition's lastTransitionTime), in ms.
pub fn pod_ready_since(pod: &Value) -> Option<i64> {
    pod.at("/status/conditions")
        .and_then(Value::as_array)?
        .iter()
        .find(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
        .and_then(|c| super::clock::parse_rfc3339(str_at(c, "/lastTransitionTime")))
}

/// Ready for at least `min_ready_seconds`.
pub fn is_pod_available(pod: &Value, min_ready_seconds: i64, now: i64) -> bool {
    is_pod_ready(pod)
        && pod_ready_since(pod)
            .is_some_and(|t| min_ready_seconds == 0 || t + min_ready_seconds * 1000 <= now)
}

/// A new pod from a template (ReplicaSet, DaemonSet, Job…), owned by `owner`.
pub fn pod_from_template(owner: &Value, template: &Value, name: &str) -> Value {
    let mut meta = template
        .get("metadata")
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));
    if let Some(m) = meta.as_object_mut() {
        m.remove("creationTimestamp");
        m.insert("name".into(), Value::String(name.to_string()));
        m.insert(
            "namespace".into(),
            Value::String(super::object::namespace(owner).to_string()),
        );
        m.insert(
            "ownerReferences".into(),
            serde_json::json!([super::object::controller_ref(owner)]),
        );
    }
    serde_json::json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": template.get("spec").cloned().unwrap_or_else(|| serde_json::json!({})),
    })
}

//! The DaemonSet controller: one pod per eligible node, pinned there by node affinity and then
//! bound by the scheduler.

use crate::sim::object::Pointer as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{is_pod_active, is_pod_available, is_pod_ready, pod_from_template};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at};
use crate::sim::resources::rt;
use crate::sim::scheduler::{node_selector_matches, untolerated_taint};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DaemonSetController {
    informer: Informer,
    queue: WorkQueue,
}

/// The node a daemon pod is pinned to (its `metadata.name` node affinity term).
fn pinned_node(pod: &Value) -> Option<&str> {
    pod.at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchFields/0/values/0")
        .and_then(Value::as_str)
        .or_else(|| pod.at("/spec/nodeName").and_then(Value::as_str).filter(|s| !s.is_empty()))
}

/// Tolerations every daemon pod gets (upstream `util.AddOrUpdateDaemonPodTolerations`).
fn daemon_tolerations(spec: &mut Value) {
    let extra = [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    let host_network = spec.get("hostNetwork") == Some(&json!(true));
    let Some(s) = spec.as_object_mut() else {
        return;
    };
    let ts = s.entry("tolerations").or_insert_with(|| json!([]));
    let Some(ts) = ts.as_array_mut() else { return };
    let mut all: Vec<(&str, &str)> = extra.to_vec();
    if host_network {
        all.push(("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    for (key, effect) in all {
        if !ts
            .iter()
            .any(|t| t.get("key").and_then(Value::as_str) == Some(key))
        {
            ts.push(json!({"effect": effect, "key": key, "operator": "Exists"}));
        }
    }
}

impl DaemonSetController {
    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut all = false;
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "daemonsets.apps" => self.queue.add(&e.key.namespace, &e.key.name),
                        "pods" => {
                            if let Some(("DaemonSet", owner, _)) = controller_of(&e.object) {
                                self.queue.add(&e.key.namespace, owner);
                            }
                        }
                        "nodes" => all = true,
                        _ => {}
                    }
                }
            }
            Delta::Relist => all = true,
        }
        if all {
            for ds in api.for_each(rt("daemonsets.apps"), None) {
                self.queue.add(object::namespace(ds), object::name(ds));
            }
        }
        for (ns, name) in self.queue.take_all() {
            self.reconcile(api, &ns, &name);
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let ds_type = rt("daemonsets.apps");
        let pod_type = rt("pods");
        let Ok(ds) = api.get(ds_type, ns, name) else {
            return;
        };
        if ds.at("/metadata/deletionTimestamp").is_some() {
            return;
        }
        let uid = object::uid(&ds).to_string();
        let template = ds.at("/spec/template").cloned().unwrap_or(json!({}));
        let template_spec = template.get("spec").cloned().unwrap_or(json!({}));
        let nodes = api.list(rt("nodes"), None);
        let pods: Vec<Value> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
            .cloned()
            .collect();
        let mut desired = 0;
        for node in &nodes {
            let node_name = object::name(node);
            let mut probe = json!({"spec": template_spec.clone()});
            daemon_tolerations(&mut probe["spec"]);
            let eligible = node_selector_matches(&probe, node)
                && untolerated_taint(&probe, node, &["NoSchedule", "NoExecute"]).is_none();
            let here: Vec<&Value> = pods
                .iter()
                .filter(|p| pinned_node(p) == Some(node_name))
                .collect();
            if eligible {
                desired += 1;
                if here.is_empty() {
                    let pod_name = format!("{}-{}", name, api.rng.name_suffix(5));
                    let mut pod = pod_from_template(&ds, &template, &pod_name);
                    daemon_tolerations(&mut pod["spec"]);
                    pod["spec"]["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node_name]}]}]}}});
                    match api.create(pod_type, ns, pod) {
                        Ok(_) => api.record_event(
                            &ds,
                            "Normal",
                            "SuccessfulCreate",
                            &format!("Created pod: {pod_name}"),
                            "daemonset-controller",
                            "",
                        ),
                        Err(s) => api.record_event(
                            &ds,
                            "Warning",
                            "FailedCreate",
                            &format!("Error creating: {}", s.message),
                            "daemonset-controller",
                            "",
                        ),
                    }
                }
            } else {
                for p in here {
                    let pname = object::name(p).to_string();
                    if api
                        .delete(pod_type, ns, &pname, DeleteOptions::default())
                        .is_ok()
                    {
                        api.record_event(
                            &ds,
                            "Normal",
                            "SuccessfulDelete",
                            &format!("Deleted pod: {pname}"),
                            "daemonset-controller",
                            "",
                        );
                    }
                }
            }
        }
        let now = api.now();
        let min_ready = i64_at(&ds, "/spec/minReadySeconds").unwrap_or(0);
        let live: Vec<Value> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
            .cloned()
            .collect();
        let scheduled = live
            .iter()
            .filter(|p| !object::str_at(p, "/spec/nodeName").is_empty())
            .count();
        let ready = live.iter().filter(|p| is_pod_ready(p)).count();
        let available = live
            .iter()
            .filter(|p| is_pod_available(p, min_ready, now))
            .count();
        let mut status = json!({
            "currentNumberScheduled": live.len(),
            "desiredNumberScheduled": desired,
            "numberMisscheduled": 0,
            "numberReady": ready,
            "observedGeneration": i64_at(&ds, "/metadata/generation").unwrap_or(1),
            "updatedNumberScheduled": live.len(),
        });
        let _ = scheduled;
        if available > 0 {
            status["numberAvailable"] = json!(available);
        }
        if (desired as usize) > available {
            status["numberUnavailable"] = json!(desired as usize - available);
        }
        let mut new = ds.clone();
        new["status"] = status;
        let _ = api.update_status(ds_type, &new);
    }
}

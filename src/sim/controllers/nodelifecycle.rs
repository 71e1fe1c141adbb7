//! Node health: the kubelet's heartbeats (its Lease in `kube-node-lease` and the Ready
//! condition of its Node) and the node lifecycle controller that watches them. A node whose
//! Lease has not been renewed for `NODE_MONITOR_GRACE_MS` gets its conditions set to Unknown and
//! the `node.kubernetes.io/unreachable` taints; the taint eviction controller then deletes the
//! pods that do not tolerate the NoExecute taint (the default toleration lasts 300 s).
//!
//! The heartbeats are renewed lazily: whenever the cluster settles and the clock has moved past
//! the renew interval since the last renewal, rather than every 10 s of virtual time, so a long
//! `sleep` costs one write instead of thousands. A running kubelet's Lease is therefore never
//! older than the last instant anything happened.

use crate::sim::object::Pointer as _;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::clock::{parse_rfc3339, rfc3339, TimeMs};
use crate::sim::informer::{Delta, Informer};
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;
use crate::sim::scheduler::untolerated_taint;

/// The kubelet renews its Lease every 10 s (a quarter of its 40 s duration).
pub const LEASE_RENEW_MS: TimeMs = 10_000;
pub const LEASE_DURATION_S: i64 = 40;
/// `nodeStatusReportFrequency`: the Node status is posted at least every 5 minutes.
pub const NODE_STATUS_REPORT_MS: TimeMs = 300_000;
/// `--node-monitor-grace-period` (40 s in v1.31).
pub const NODE_MONITOR_GRACE_MS: TimeMs = 40_000;
pub const NODE_LEASE_NAMESPACE: &str = "kube-node-lease";
pub const UNREACHABLE_TAINT: &str = "node.kubernetes.io/unreachable";
const CONDITION_TYPES: [&str; 4] = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

/// `metav1.MicroTime`: RFC 3339 with microseconds.
pub fn micro_time(t: TimeMs) -> String {
    let s = rfc3339(t);
    format!(
        "{}.{:06}Z",
        s.trim_end_matches('Z'),
        t.rem_euclid(1000) * 1000
    )
}

/// Parses a MicroTime (or a plain RFC 3339 time) to ms.
pub fn parse_micro_time(s: &str) -> Option<TimeMs> {
    let base = parse_rfc3339(s)?;
    let frac = s.get(20..).unwrap_or("").trim_end_matches('Z');
    let ms = frac
        .get(..3)
        .and_then(|f| f.parse::<i64>().ok())
        .unwrap_or(0);
    Some(base + ms)
}

/// When the node's lease was last renewed.
pub fn lease_renew_time(api: &ApiServer, node: &str) -> Option<TimeMs> {
    api.get(rt("leases.coordination.k8s.io"), NODE_LEASE_NAMESPACE, node)
        .ok()
        .and_then(|l| parse_micro_time(str_at(&l, "/spec/renewTime")))
}

fn ready_status(node: &Value) -> String {
    node.at("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| str_at(c, "/type") == "Ready"))
        .map(|c| str_at(c, "/status").to_string())
        .unwrap_or_default()
}

/// Renews a lease (a leader's or the API server's identity) when `LEASE_RENEW_MS` has passed.
pub fn renew_lease(api: &mut ApiServer, ns: &str, name: &str) {
    let now = api.now();
    let lease_type = rt("leases.coordination.k8s.io");
    let Some(lease) = api.peek(lease_type, ns, name) else {
        return;
    };
    let renewed = parse_micro_time(str_at(lease, "/spec/renewTime")).unwrap_or(0);
    if now - renewed >= LEASE_RENEW_MS {
        let _ = api.modify(lease_type, ns, name, |l| {
            l["spec"]["renewTime"] = json!(micro_time(now));
        });
    }
}

/// One heartbeat of a running kubelet: creates or renews its Lease when `LEASE_RENEW_MS` has
/// passed, and posts the Node's conditions when they are not healthy or
/// `NODE_STATUS_REPORT_MS` has passed. Returns whether anything was written.
pub fn kubelet_heartbeat(api: &mut ApiServer, node_name: &str) -> bool {
    let now = api.now();
    let Some(node) = api.peek(rt("nodes"), "", node_name) else {
        // Not registered yet.
        return false;
    };
    let node_uid = object::uid(node).to_string();
    // The Node status: back to healthy at once, otherwise every report period.
    let healthy = ready_status(node) == "True";
    let last_heartbeat = node
        .at("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| str_at(c, "/type") == "Ready"))
        .and_then(|c| parse_rfc3339(str_at(c, "/lastHeartbeatTime")))
        .unwrap_or(0);
    let mut wrote = false;
    let lease_type = rt("leases.coordination.k8s.io");
    let renewed = api
        .peek(lease_type, NODE_LEASE_NAMESPACE, node_name)
        .map(|lease| parse_micro_time(str_at(lease, "/spec/renewTime")).unwrap_or(0));
    match renewed {
        Some(renewed) => {
            if now - renewed >= LEASE_RENEW_MS {
                let _ = api.modify(lease_type, NODE_LEASE_NAMESPACE, node_name, |l| {
                    l["spec"]["renewTime"] = json!(micro_time(now));
                });
                wrote = true;
            }
        }
        None => {
            let lease = json!({
                "metadata": {
                    "name": node_name,
                    "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": node_name, "uid": node_uid}],
                },
                "spec": {
                    "holderIdentity": node_name,
                    "leaseDurationSeconds": LEASE_DURATION_S,
                    "renewTime": micro_time(now),
                },
            });
            wrote |= api.create(lease_type, NODE_LEASE_NAMESPACE, lease).is_ok();
        }
    }
    if healthy && now - last_heartbeat < NODE_STATUS_REPORT_MS {
        return wrote;
    }
    let t = rfc3339(now);
    let fresh = |ty: &str| -> (&'static str, &'static str, &'static str) {
        match ty {
            "MemoryPressure" => (
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
            ),
            "DiskPressure" => (
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
            ),
            "PIDPressure" => (
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
            ),
            _ => ("True", "KubeletReady", "kubelet is posting ready status"),
        }
    };
    let updated = api.modify(rt("nodes"), "", node_name, |n| {
        let Some(cs) = n
            .pointer_mut("/status/conditions")
            .and_then(Value::as_array_mut)
        else {
            return;
        };
        for c in cs.iter_mut() {
            let ty = str_at(c, "/type").to_string();
            if !CONDITION_TYPES.contains(&ty.as_str()) {
                continue;
            }
            let (status, reason, message) = fresh(&ty);
            if str_at(c, "/status") != status {
                c["lastTransitionTime"] = json!(t);
            }
            c["status"] = json!(status);
            c["reason"] = json!(reason);
            c["message"] = json!(message);
            c["lastHeartbeatTime"] = json!(t);
        }
    });
    if let Ok(n) = updated {
        if !healthy {
            api.record_event(
                &n,
                "Normal",
                "NodeReady",
                &format!("Node {node_name} status is now: NodeReady"),
                "kubelet",
                node_name,
            );
        }
        wrote = true;
    }
    wrote
}

/// The node lifecycle controller together with the taint eviction controller.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NodeLifecycleController {
    informer: Informer,
    /// When each tainted node's pods are due for eviction: node → earliest time.
    #[serde(default)]
    evictions: BTreeMap<String, TimeMs>,
    /// The instant the health of the nodes was last checked.
    #[serde(default)]
    checked_at: TimeMs,
}

impl NodeLifecycleController {
    pub fn next_wake(&self) -> Option<TimeMs> {
        self.evictions.values().copied().min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut changed_nodes = false;
        let mut pods_moved = false;
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "nodes" | "leases.coordination.k8s.io" => changed_nodes = true,
                        "pods" => pods_moved = true,
                        _ => {}
                    }
                }
            }
            Delta::Relist => changed_nodes = true,
        }
        let now = api.now();
        let time_moved = now != self.checked_at;
        if !(changed_nodes || time_moved || (pods_moved && !self.evictions.is_empty())) {
            return;
        }
        self.checked_at = now;
        let nodes: Vec<Value> = api.list(rt("nodes"), None);
        self.evictions.clear();
        for node in &nodes {
            let name = object::name(node).to_string();
            let renewed = lease_renew_time(api, &name);
            let ready = ready_status(node);
            let stale = renewed.is_some_and(|r| now - r >= NODE_MONITOR_GRACE_MS);
            if stale && ready != "Unknown" {
                self.mark_unknown(api, &name);
            } else if ready == "True" && has_unreachable_taint(node) {
                self.untaint(api, &name);
            }
            if let Ok(node) = api.get(rt("nodes"), "", &name) {
                self.evict_pods(api, &node);
            }
        }
    }

    /// Kubelet stopped posting: every condition Unknown, the unreachable taints, pods not
    /// ready.
    fn mark_unknown(&mut self, api: &mut ApiServer, node_name: &str) {
        let now = rfc3339(api.now());
        let updated = api.modify(rt("nodes"), "", node_name, |n| {
            if let Some(cs) = n
                .pointer_mut("/status/conditions")
                .and_then(Value::as_array_mut)
            {
                for c in cs.iter_mut() {
                    if CONDITION_TYPES.contains(&str_at(c, "/type")) {
                        c["status"] = json!("Unknown");
                        c["reason"] = json!("NodeStatusUnknown");
                        c["message"] = json!("Kubelet stopped posting node status.");
                        c["lastTransitionTime"] = json!(now);
                    }
                }
            }
            let spec = object::map_mut(n, "spec");
            let taints = spec.entry("taints").or_insert_with(|| json!([]));
            if let Some(ts) = taints.as_array_mut() {
                ts.retain(|t| str_at(t, "/key") != UNREACHABLE_TAINT);
                ts.push(json!({"effect": "NoExecute", "key": UNREACHABLE_TAINT, "timeAdded": now}));
                ts.push(json!({"effect": "NoSchedule", "key": UNREACHABLE_TAINT}));
            }
        });
        let Ok(node) = updated else { return };
        api.record_event(
            &node,
            "Normal",
            "NodeNotReady",
            &format!("Node {node_name} status is now: NodeNotReady"),
            "node-controller",
            "",
        );
        // MarkPodsNotReady.
        let pods: Vec<(String, String)> = api
            .for_each(rt("pods"), None)
            .filter(|p| str_at(p, "/spec/nodeName") == node_name)
            .map(|p| {
                (
                    object::namespace(p).to_string(),
                    object::name(p).to_string(),
                )
            })
            .collect();
        for (ns, name) in pods {
            let mut was_ready = false;
            let updated = api.modify(rt("pods"), &ns, &name, |p| {
                if let Some(cs) = p
                    .pointer_mut("/status/conditions")
                    .and_then(Value::as_array_mut)
                {
                    for c in cs.iter_mut() {
                        if str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True" {
                            was_ready = true;
                            c["status"] = json!("False");
                            c["lastTransitionTime"] = json!(now);
                        }
                    }
                }
            });
            if let (true, Ok(p)) = (was_ready, updated) {
                api.record_event(
                    &p,
                    "Warning",
                    "NodeNotReady",
                    "Node is not ready",
                    "node-controller",
                    "",
                );
            }
        }
    }

    fn untaint(&mut self, api: &mut ApiServer, node_name: &str) {
        let _ = api.modify(rt("nodes"), "", node_name, |n| {
            if let Some(ts) = n.pointer_mut("/spec/taints").and_then(Value::as_array_mut) {
                ts.retain(|t| str_at(t, "/key") != UNREACHABLE_TAINT);
                if ts.is_empty() {
                    if let Some(s) = n.get_mut("spec").and_then(Value::as_object_mut) {
                        s.remove("taints");
                    }
                }
            }
        });
    }

    /// The taint eviction controller: pods that do not tolerate a NoExecute taint go, at once or
    /// when their `tolerationSeconds` run out.
    fn evict_pods(&mut self, api: &mut ApiServer, node: &Value) {
        let Some(taints) = node.at("/spec/taints").and_then(Value::as_array) else {
            return;
        };
        let no_execute: Vec<&Value> = taints
            .iter()
            .filter(|t| str_at(t, "/effect") == "NoExecute")
            .collect();
        if no_execute.is_empty() {
            return;
        }
        let now = api.now();
        let node_name = object::name(node).to_string();
        let mut due = vec![];
        for p in api.for_each(rt("pods"), None) {
            if str_at(p, "/spec/nodeName") != node_name
                || p.at("/metadata/deletionTimestamp").is_some()
            {
                continue;
            }
            let mut evict_at: Option<TimeMs> = None;
            for t in &no_execute {
                let probe = json!({"spec": {"taints": [t]}});
                if untolerated_taint(p, &probe, &["NoExecute"]).is_some() {
                    evict_at = Some(now);
                    break;
                }
                // Tolerated: for how long?
                let added = parse_rfc3339(str_at(t, "/timeAdded")).unwrap_or(now);
                let seconds = p
                    .at("/spec/tolerations")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|tol| {
                        (str_at(tol, "/key") == str_at(t, "/key")
                            || (str_at(tol, "/key").is_empty()
                                && str_at(tol, "/operator") == "Exists"))
                            && (str_at(tol, "/effect").is_empty()
                                || str_at(tol, "/effect") == "NoExecute")
                    })
                    .filter_map(|tol| tol.get("tolerationSeconds").and_then(Value::as_i64))
                    .min();
                if let Some(s) = seconds {
                    let at = added + s.max(0) * 1000;
                    evict_at = Some(evict_at.map_or(at, |e: TimeMs| e.min(at)));
                }
            }
            if let Some(at) = evict_at {
                if at <= now {
                    due.push(p.clone());
                } else {
                    let e = self.evictions.entry(node_name.clone()).or_insert(at);
                    *e = (*e).min(at);
                }
            }
        }
        for p in due {
            let (ns, name) = (
                object::namespace(&p).to_string(),
                object::name(&p).to_string(),
            );
            api.record_event(
                &p,
                "Normal",
                "TaintManagerEviction",
                &format!("Marking for deletion Pod {ns}/{name}"),
                "taint-eviction-controller",
                "",
            );
            let _ = api.delete(rt("pods"), &ns, &name, DeleteOptions::default());
        }
    }
}

fn has_unreachable_taint(node: &Value) -> bool {
    node.at("/spec/taints")
        .and_then(Value::as_array)
        .is_some_and(|ts| ts.iter().any(|t| str_at(t, "/key") == UNREACHABLE_TAINT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micro_times_round_trip() {
        let t = crate::sim::clock::CLUSTER_CREATED_MS + 1234;
        assert_eq!(micro_time(t), "2026-11-12T09:14:23.234000Z");
        assert_eq!(parse_micro_time(&micro_time(t)), Some(t));
        assert_eq!(
            parse_micro_time("2026-11-12T09:14:22Z"),
            Some(crate::sim::clock::CLUSTER_CREATED_MS)
        );
    }
}

//! The ReplicaSet controller: keeps `spec.replicas` pods matching the selector alive.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{is_pod_active, is_pod_available, is_pod_ready, pod_from_template};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, str_at};
use crate::sim::resources::rt;

/// How many pods one reconcile creates at most (the real controller's slow-start batches).
const BURST_REPLICAS: i64 = 500;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ReplicaSetController {
    informer: Informer,
    queue: WorkQueue,
    /// ReplicaSets waiting for a pod to pass minReadySeconds: (time, namespace, name).
    wake: Vec<(i64, String, String)>,
}

impl ReplicaSetController {
    pub fn next_wake(&self) -> Option<i64> {
        self.wake.iter().map(|w| w.0).min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "replicasets.apps" => self.queue.add(&e.key.namespace, &e.key.name),
                        "pods" => {
                            if let Some(("ReplicaSet", owner, _)) = controller_of(&e.object) {
                                self.queue.add(&e.key.namespace, owner);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for rs in api.for_each(rt("replicasets.apps"), None) {
                    self.queue.add(object::namespace(rs), object::name(rs));
                }
            }
        }
        let now = api.now();
        let due: Vec<(i64, String, String)> =
            self.wake.iter().filter(|w| w.0 <= now).cloned().collect();
        self.wake.retain(|w| w.0 > now);
        for (_, ns, name) in due {
            self.queue.add(&ns, &name);
        }
        for (ns, name) in self.queue.take_all() {
            self.reconcile(api, &ns, &name);
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let rs_type = rt("replicasets.apps");
        let pod_type = rt("pods");
        let Ok(rs) = api.get(rs_type, ns, name) else {
            return;
        };
        let uid = object::uid(&rs).to_string();
        let mut pods: Vec<Value> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid))
            .filter(|p| is_pod_active(p))
            .cloned()
            .collect();
        let deleting = rs.pointer("/metadata/deletionTimestamp").is_some();
        let want = i64_at(&rs, "/spec/replicas").unwrap_or(1);
        let diff = want - pods.len() as i64;
        if !deleting && diff > 0 {
            let template = rs.pointer("/spec/template").cloned().unwrap_or(json!({}));
            for _ in 0..diff.min(BURST_REPLICAS) {
                let pod_name = format!("{}-{}", name, api.rng.name_suffix(5));
                let pod = pod_from_template(&rs, &template, &pod_name);
                match api.create(pod_type, ns, pod) {
                    Ok(created) => {
                        api.record_event(
                            &rs,
                            "Normal",
                            "SuccessfulCreate",
                            &format!("Created pod: {pod_name}"),
                            "replicaset-controller",
                            "",
                        );
                        pods.push(created);
                    }
                    Err(status) => {
                        api.record_event(
                            &rs,
                            "Warning",
                            "FailedCreate",
                            &format!("Error creating: {}", status.message),
                            "replicaset-controller",
                            "",
                        );
                        break;
                    }
                }
            }
        } else if !deleting && diff < 0 {
            // Delete the least useful pods first: unscheduled, pending, not ready, newest.
            pods.sort_by_key(|p| {
                (
                    !str_at(p, "/spec/nodeName").is_empty(),
                    str_at(p, "/status/phase") == "Running",
                    is_pod_ready(p),
                    std::cmp::Reverse(str_at(p, "/metadata/creationTimestamp").to_string()),
                    object::name(p).to_string(),
                )
            });
            let victims: Vec<Value> = pods.drain(..(-diff) as usize).collect();
            for p in victims {
                let pname = object::name(&p).to_string();
                if api
                    .delete(pod_type, ns, &pname, DeleteOptions::default())
                    .is_ok()
                {
                    api.record_event(
                        &rs,
                        "Normal",
                        "SuccessfulDelete",
                        &format!("Deleted pod: {pname}"),
                        "replicaset-controller",
                        "",
                    );
                }
            }
        }
        // Status from what is there now.
        let min_ready = i64_at(&rs, "/spec/minReadySeconds").unwrap_or(0);
        let now = api.now();
        let live: Vec<Value> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
            .cloned()
            .collect();
        let ready = live.iter().filter(|p| is_pod_ready(p)).count();
        let available = live
            .iter()
            .filter(|p| is_pod_available(p, min_ready, now))
            .count();
        if ready > available {
            // Come back when the ready pods have been ready for minReadySeconds.
            for p in &live {
                if let Some(t) = super::pod_ready_since(p) {
                    let at = t + min_ready * 1000;
                    if at > now {
                        self.wake.push((at, ns.to_string(), name.to_string()));
                    }
                }
            }
        }
        let selector = rs.pointer("/spec/selector").cloned().unwrap_or(json!({}));
        let fully_labeled = live
            .iter()
            .filter(|p| object::selector_matches(&selector, &object::labels(p)))
            .count();
        let mut status = json!({
            "replicas": live.len(),
            "fullyLabeledReplicas": fully_labeled,
            "observedGeneration": i64_at(&rs, "/metadata/generation").unwrap_or(1),
        });
        if ready > 0 {
            status["readyReplicas"] = json!(ready);
        }
        if available > 0 {
            status["availableReplicas"] = json!(available);
        }
        let mut new = rs.clone();
        new["status"] = status;
        let _ = api.update_status(rs_type, &new);
    }
}

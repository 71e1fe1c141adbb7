//! The ReplicaSet controller: keeps `spec.replicas` pods matching the selector alive.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{is_pod_active, is_pod_available, is_pod_ready, pod_from_template};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, str_at};
use crate::sim::resources::rt;

/// What the deletion ranking needs of a pod (upstream `ActivePods` order): unscheduled before
/// scheduled, pending before running, not ready before ready, newer before older.
struct PodSummary {
    name: String,
    rank: (bool, bool, bool, std::cmp::Reverse<String>, String),
}

impl PodSummary {
    fn of(p: &Value) -> PodSummary {
        PodSummary {
            name: object::name(p).to_string(),
            rank: (
                !str_at(p, "/spec/nodeName").is_empty(),
                str_at(p, "/status/phase") == "Running",
                is_pod_ready(p),
                std::cmp::Reverse(str_at(p, "/metadata/creationTimestamp").to_string()),
                object::name(p).to_string(),
            ),
        }
    }
}

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
        // Only what deletion ranking needs is copied out, not the pods themselves: this runs
        // on every change to any of the ReplicaSet's pods.
        let mut pods: Vec<PodSummary> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid))
            .filter(|p| is_pod_active(p))
            .map(PodSummary::of)
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
                    Ok(_) => {
                        api.record_event(
                            &rs,
                            "Normal",
                            "SuccessfulCreate",
                            &format!("Created pod: {pod_name}"),
                            "replicaset-controller",
                            "",
                        );
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
            pods.sort_by(|a, b| a.rank.cmp(&b.rank));
            let victims: Vec<PodSummary> = pods.drain(..(-diff) as usize).collect();
            for p in victims {
                let pname = p.name;
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
        let selector = rs.pointer("/spec/selector").cloned().unwrap_or(json!({}));
        let (mut replicas, mut ready, mut available, mut fully_labeled) = (0, 0, 0, 0);
        let mut wake_at = vec![];
        for p in api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
        {
            replicas += 1;
            if is_pod_ready(p) {
                ready += 1;
                if is_pod_available(p, min_ready, now) {
                    available += 1;
                } else if let Some(t) = super::pod_ready_since(p) {
                    // Come back when it has been ready for minReadySeconds.
                    wake_at.push(t + min_ready * 1000);
                }
            }
            if object::selector_matches(&selector, &object::labels(p)) {
                fully_labeled += 1;
            }
        }
        for at in wake_at.into_iter().filter(|at| *at > now) {
            self.wake.push((at, ns.to_string(), name.to_string()));
        }
        let mut status = json!({
            "replicas": replicas,
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

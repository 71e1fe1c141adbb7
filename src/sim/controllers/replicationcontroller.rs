//! The ReplicationController manager: the ReplicaSet controller's older sibling, with an
//! equality-based selector (`map[string]string`). Keeps `spec.replicas` pods named
//! `<rc>-<5 chars>` alive.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{is_pod_active, is_pod_available, is_pod_ready, pod_from_template};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, str_at};
use crate::sim::resources::rt;

/// How many pods one sync creates or deletes at most (`burstReplicas`).
const BURST_REPLICAS: i64 = 500;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ReplicationManager {
    informer: Informer,
    queue: WorkQueue,
    /// Controllers waiting for a pod to pass minReadySeconds: (time, namespace, name).
    #[serde(default)]
    wake: Vec<(i64, String, String)>,
}

impl ReplicationManager {
    pub fn next_wake(&self) -> Option<i64> {
        self.wake.iter().map(|w| w.0).min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "replicationcontrollers" => self.queue.add(&e.key.namespace, &e.key.name),
                        "pods" => {
                            if let Some(("ReplicationController", owner, _)) =
                                controller_of(&e.object)
                            {
                                self.queue.add(&e.key.namespace, owner);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for rc in api.for_each(rt("replicationcontrollers"), None) {
                    self.queue.add(object::namespace(rc), object::name(rc));
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
        let rc_type = rt("replicationcontrollers");
        let pod_type = rt("pods");
        let Ok(rc) = api.get(rc_type, ns, name) else {
            return;
        };
        let uid = object::uid(&rc).to_string();
        let mut pods: Vec<(bool, bool, bool, std::cmp::Reverse<String>, String)> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
            .map(|p| {
                (
                    !str_at(p, "/spec/nodeName").is_empty(),
                    str_at(p, "/status/phase") == "Running",
                    is_pod_ready(p),
                    std::cmp::Reverse(str_at(p, "/metadata/creationTimestamp").to_string()),
                    object::name(p).to_string(),
                )
            })
            .collect();
        let deleting = rc.at("/metadata/deletionTimestamp").is_some();
        let want = i64_at(&rc, "/spec/replicas").unwrap_or(1);
        let diff = want - pods.len() as i64;
        if !deleting && diff > 0 {
            let template = rc.at("/spec/template").cloned().unwrap_or(json!({}));
            for _ in 0..diff.min(BURST_REPLICAS) {
                let mut pod = pod_from_template(&rc, &template, "");
                if let Some(m) = pod.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("name");
                    m.insert("generateName".into(), json!(format!("{name}-")));
                }
                match api.create(pod_type, ns, pod) {
                    Ok(p) => api.record_event(
                        &rc,
                        "Normal",
                        "SuccessfulCreate",
                        &format!("Created pod: {}", object::name(&p)),
                        "replication-controller",
                        "",
                    ),
                    Err(status) => {
                        api.record_event(
                            &rc,
                            "Warning",
                            "FailedCreate",
                            &format!("Error creating: {}", status.message),
                            "replication-controller",
                            "",
                        );
                        break;
                    }
                }
            }
        } else if !deleting && diff < 0 {
            // The least useful first: unscheduled, pending, not ready, newest.
            pods.sort_shared();
            for p in pods.into_iter().take((-diff).min(BURST_REPLICAS) as usize) {
                if api
                    .delete(pod_type, ns, &p.4, DeleteOptions::default())
                    .is_ok()
                {
                    api.record_event(
                        &rc,
                        "Normal",
                        "SuccessfulDelete",
                        &format!("Deleted pod: {}", p.4),
                        "replication-controller",
                        "",
                    );
                }
            }
        }
        let min_ready = i64_at(&rc, "/spec/minReadySeconds").unwrap_or(0);
        let now = api.now();
        let selector = rc
            .at("/spec/selector")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let (mut replicas, mut ready, mut available, mut labeled) = (0, 0, 0, 0);
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
                    self.wake
                        .push((t + min_ready * 1000, ns.to_string(), name.to_string()));
                }
            }
            if object::map_selector_matches(&selector, object::labels_ref(p)) {
                labeled += 1;
            }
        }
        let mut status = json!({
            "fullyLabeledReplicas": labeled,
            "observedGeneration": i64_at(&rc, "/metadata/generation").unwrap_or(1),
            "replicas": replicas,
        });
        if ready > 0 {
            status["readyReplicas"] = json!(ready);
        }
        if available > 0 {
            status["availableReplicas"] = json!(available);
        }
        let mut new = rc;
        new["status"] = status;
        let _ = api.update_status(rc_type, &new);
    }
}

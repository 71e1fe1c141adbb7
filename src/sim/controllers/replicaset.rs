//! The ReplicaSet controller: keeps `spec.replicas` pods matching the selector alive.

use crate::sorting::SharedSort;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{is_pod_active, is_pod_ready, pod_from_template, pod_ready_since};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, str_at, Pointer as _};
use crate::sim::resources::rt;
use crate::sim::store::{EventType, Store};

/// What the controller needs of a pod it owns: its lister cache entry. Reconciles read these
/// instead of walking every pod's JSON, so one reconcile costs little per pod.
#[derive(Clone, Debug)]
struct PodInfo {
    active: bool,
    ready: bool,
    ready_since: Option<i64>,
    labels: Map<String, Value>,
    /// The deletion ranking (upstream `ActivePods` order): unscheduled before scheduled,
    /// pending before running, not ready before ready, newer before older, then by name.
    rank: (bool, bool, bool, std::cmp::Reverse<String>),
}

impl PodInfo {
    fn of(p: &Value) -> PodInfo {
        let ready = is_pod_ready(p);
        PodInfo {
            active: is_pod_active(p),
            ready,
            ready_since: if ready { pod_ready_since(p) } else { None },
            labels: object::labels(p),
            rank: (
                !str_at(p, "/spec/nodeName").is_empty(),
                str_at(p, "/status/phase") == "Running",
                ready,
                std::cmp::Reverse(str_at(p, "/metadata/creationTimestamp").to_string()),
            ),
        }
    }

    fn available(&self, min_ready_seconds: i64, now: i64) -> bool {
        self.ready
            && self
                .ready_since
                .is_some_and(|t| min_ready_seconds == 0 || t + min_ready_seconds * 1000 <= now)
    }
}

/// Pods whose controller is a ReplicaSet, indexed by that ReplicaSet's uid (client-go's
/// lister with an owner index). Kept up to date from the watch stream; rebuilt by a relist
/// when it falls behind or after a saved session is restored.
#[derive(Clone, Debug, Default)]
struct OwnedPods {
    cursor: u64,
    primed: bool,
    /// owner uid -> (namespace, pod name) -> what the controller needs of the pod.
    by_owner: BTreeMap<String, BTreeMap<(String, String), PodInfo>>,
    /// (namespace, pod name) -> owner uid, to move or drop a pod's entry.
    owner_of: BTreeMap<(String, String), String>,
}

impl OwnedPods {
    fn refresh(&mut self, store: &Store) {
        let events = match store.events_since(self.cursor) {
            Ok(events) if self.primed => events,
            _ => {
                self.by_owner.clear();
                self.owner_of.clear();
                for (k, p) in store.list("pods", None) {
                    self.upsert(&k.namespace, &k.name, p);
                }
                self.primed = true;
                self.cursor = store.resource_version();
                return;
            }
        };
        for e in events {
            if e.key.resource != "pods" {
                continue;
            }
            if e.event_type == EventType::Deleted {
                self.remove(&e.key.namespace, &e.key.name);
            } else {
                self.upsert(&e.key.namespace, &e.key.name, &e.object);
            }
        }
        self.cursor = store.resource_version();
    }

    fn remove(&mut self, ns: &str, name: &str) {
        let key = (ns.to_string(), name.to_string());
        if let Some(uid) = self.owner_of.remove(&key) {
            if let Some(pods) = self.by_owner.get_mut(&uid) {
                pods.remove(&key);
                if pods.is_empty() {
                    self.by_owner.remove(&uid);
                }
            }
        }
    }

    fn upsert(&mut self, ns: &str, name: &str, pod: &Value) {
        self.remove(ns, name);
        let Some(("ReplicaSet", _, uid)) = controller_of(pod) else {
            return;
        };
        let key = (ns.to_string(), name.to_string());
        self.owner_of.insert(key.clone(), uid.to_string());
        self.by_owner
            .entry(uid.to_string())
            .or_default()
            .insert(key, PodInfo::of(pod));
    }

    /// The active pods a ReplicaSet controls, by name.
    fn active_of<'a>(&'a self, uid: &str) -> impl Iterator<Item = (&'a str, &'a PodInfo)> + 'a {
        self.by_owner
            .get(uid)
            .into_iter()
            .flat_map(|pods| pods.iter())
            .filter(|(_, p)| p.active)
            .map(|((_, name), p)| (name.as_str(), p))
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
    /// Rebuilt from the store, not saved with a session.
    #[serde(skip)]
    pods: OwnedPods,
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
        self.pods.refresh(&api.store);
        let active = self.pods.active_of(&uid).count() as i64;
        let deleting = rs.at("/metadata/deletionTimestamp").is_some();
        let want = i64_at(&rs, "/spec/replicas").unwrap_or(1);
        let diff = want - active;
        if !deleting && diff > 0 {
            let template = rs.at("/spec/template").cloned().unwrap_or(json!({}));
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
            let mut ranked: Vec<(&str, &PodInfo)> = self.pods.active_of(&uid).collect();
            ranked.sort_shared_by(|a, b| a.1.rank.cmp(&b.1.rank).then_with(|| a.0.cmp(b.0)));
            let victims: Vec<String> = ranked
                .into_iter()
                .take((-diff) as usize)
                .map(|(n, _)| n.to_string())
                .collect();
            for pname in victims {
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
        let selector = rs.at("/spec/selector").cloned().unwrap_or(json!({}));
        let (mut replicas, mut ready, mut available, mut fully_labeled) = (0, 0, 0, 0);
        let mut wake_at = vec![];
        self.pods.refresh(&api.store);
        let mut last_labels: Option<(&Map<String, Value>, bool)> = None;
        for (_, p) in self.pods.active_of(&uid) {
            replicas += 1;
            if p.ready {
                ready += 1;
                if p.available(min_ready, now) {
                    available += 1;
                } else if let Some(t) = p.ready_since {
                    // Come back when it has been ready for minReadySeconds.
                    wake_at.push(t + min_ready * 1000);
                }
            }
            // Pods of one template share their labels: match each distinct set once.
            let matches = match &last_labels {
                Some((labels, m)) if *labels == &p.labels => *m,
                _ => {
                    let m = object::selector_matches(&selector, &p.labels);
                    last_labels = Some((&p.labels, m));
                    m
                }
            };
            if matches {
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

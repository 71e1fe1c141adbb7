//! The disruption controller: every PodDisruptionBudget's status — how many of its pods are
//! healthy, how many must stay healthy, and so how many may be disrupted now (upstream
//! `pkg/controller/disruption`). The eviction subresource reads it (`ApiServer::evict`).

use crate::sim::object::Pointer as _;
use crate::sorting::CollectInserted;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::deployment::resolve_int_or_percent;
use super::is_pod_ready;
use crate::sim::apiserver::ApiServer;
use crate::sim::clock::{parse_rfc3339, rfc3339, TimeMs};
use crate::sim::informer::{Delta, Informer};
use crate::sim::object::{self, controller_of, str_at};
use crate::sim::resources::{by_plural, rt, ResourceType};

/// An eviction not followed by the pod's deletion within this time is forgotten.
const DELETION_TIMEOUT_MS: TimeMs = 120_000;

fn pdb_type() -> &'static ResourceType {
    by_plural("poddisruptionbudgets", "policy").unwrap_or(rt("pods"))
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DisruptionController {
    informer: Informer,
    /// When a recorded eviction times out: (time, namespace, pdb).
    #[serde(default)]
    wake: Vec<(TimeMs, String, String)>,
}

/// The number of pods a workload controller wants (its `spec.replicas`, through a Deployment
/// for a ReplicaSet it owns).
fn controller_scale(api: &ApiServer, ns: &str, kind: &str, name: &str) -> Option<(String, i64)> {
    let (t, obj) = match kind {
        "ReplicaSet" => {
            let rs = api.get(rt("replicasets.apps"), ns, name).ok()?;
            if let Some(("Deployment", d, _)) = controller_of(&rs) {
                let d = d.to_string();
                return controller_scale(api, ns, "Deployment", &d);
            }
            ("replicasets.apps", rs)
        }
        "Deployment" => (
            "deployments.apps",
            api.get(rt("deployments.apps"), ns, name).ok()?,
        ),
        "StatefulSet" => (
            "statefulsets.apps",
            api.get(rt("statefulsets.apps"), ns, name).ok()?,
        ),
        "ReplicationController" => (
            "replicationcontrollers",
            api.get(rt("replicationcontrollers"), ns, name).ok()?,
        ),
        _ => return None,
    };
    Some((
        format!("{t}/{}", object::uid(&obj)),
        obj.at("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1),
    ))
}

impl DisruptionController {
    pub fn next_wake(&self) -> Option<TimeMs> {
        self.wake.iter().map(|w| w.0).min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut namespaces: BTreeSet<String> = BTreeSet::new();
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    if matches!(
                        e.key.resource.as_str(),
                        "pods"
                            | "poddisruptionbudgets.policy"
                            | "replicasets.apps"
                            | "deployments.apps"
                            | "statefulsets.apps"
                            | "replicationcontrollers"
                    ) {
                        namespaces.insert(e.key.namespace.clone());
                    }
                }
            }
            Delta::Relist => {
                namespaces = api
                    .for_each(pdb_type(), None)
                    .map(|p| object::namespace(p).to_string())
                    .collect_inserted();
            }
        }
        let now = api.now();
        for (_, ns, _) in self.wake.iter().filter(|w| w.0 <= now) {
            namespaces.insert(ns.clone());
        }
        self.wake.retain(|w| w.0 > now);
        for ns in namespaces {
            let pdbs: Vec<Value> = api.list(pdb_type(), Some(&ns));
            for pdb in pdbs {
                self.reconcile(api, &ns, &pdb);
            }
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, pdb: &Value) {
        let now = api.now();
        let name = object::name(pdb).to_string();
        let selector = pdb.at("/spec/selector").cloned().unwrap_or(json!({}));
        let selects = selector.as_object().is_some_and(|m| !m.is_empty());
        let pods: Vec<&Value> = if selects {
            api.for_each(rt("pods"), Some(ns))
                .filter(|p| object::selector_matches(&selector, object::labels_ref(p)))
                .collect()
        } else {
            vec![]
        };
        // Evictions recorded by the eviction subresource, until the pod goes or they time out.
        let mut disrupted: BTreeMap<String, Value> = BTreeMap::new();
        if let Some(d) = pdb.at("/status/disruptedPods").and_then(Value::as_object) {
            for (pod, t) in d {
                let at = parse_rfc3339(t.as_str().unwrap_or("")).unwrap_or(now);
                let still_there = pods.iter().any(|p| {
                    object::name(p) == pod && p.at("/metadata/deletionTimestamp").is_none()
                });
                if still_there && at + DELETION_TIMEOUT_MS > now {
                    disrupted.insert(pod.clone(), t.clone());
                    self.wake
                        .push((at + DELETION_TIMEOUT_MS, ns.to_string(), name.clone()));
                }
            }
        }
        let current_healthy = pods
            .iter()
            .filter(|p| {
                p.at("/metadata/deletionTimestamp").is_none()
                    && is_pod_ready(p)
                    && !disrupted.contains_key(object::name(p))
            })
            .count() as i64;
        // The controllers' scale, for maxUnavailable and percentages.
        let scale = || -> i64 {
            let mut seen: BTreeMap<String, i64> = BTreeMap::new();
            for p in &pods {
                if let Some((kind, owner, _)) = controller_of(p) {
                    if let Some((k, n)) = controller_scale(api, ns, kind, owner) {
                        seen.insert(k, n);
                    }
                }
            }
            seen.values().sum()
        };
        let (expected, desired) =
            match (pdb.at("/spec/minAvailable"), pdb.at("/spec/maxUnavailable")) {
                (Some(Value::Number(n)), _) => (pods.len() as i64, n.as_i64().unwrap_or(0)),
                (Some(min @ Value::String(_)), _) => {
                    let expected = scale();
                    (
                        expected,
                        resolve_int_or_percent(Some(min), expected, true, 0),
                    )
                }
                (None, Some(max)) => {
                    let expected = scale();
                    let max = resolve_int_or_percent(Some(max), expected, true, 0);
                    (expected, (expected - max).max(0))
                }
                _ => (pods.len() as i64, 0),
            };
        let allowed = (current_healthy - desired).max(0);
        let generation = pdb
            .at("/metadata/generation")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        let (cond_status, reason) = if allowed > 0 {
            ("True", "SufficientPods")
        } else {
            ("False", "InsufficientPods")
        };
        let old = pdb
            .at("/status/conditions")
            .and_then(Value::as_array)
            .and_then(|cs| {
                cs.iter()
                    .find(|c| str_at(c, "/type") == "DisruptionAllowed")
            });
        let transition = match old {
            Some(c) if str_at(c, "/status") == cond_status => {
                str_at(c, "/lastTransitionTime").to_string()
            }
            _ => rfc3339(now),
        };
        let mut status = json!({
            "conditions": [{
                "lastTransitionTime": transition,
                "message": "",
                "observedGeneration": generation,
                "reason": reason,
                "status": cond_status,
                "type": "DisruptionAllowed",
            }],
            "currentHealthy": current_healthy,
            "desiredHealthy": desired,
            "disruptionsAllowed": allowed,
            "expectedPods": expected,
            "observedGeneration": generation,
        });
        if !disrupted.is_empty() {
            status["disruptedPods"] = json!(disrupted);
        }
        if pdb.get("status") == Some(&status) {
            return;
        }
        let mut new = pdb.clone();
        new["status"] = status;
        let _ = api.update_status(pdb_type(), &new);
    }
}

//! The StatefulSet controller (upstream `pkg/controller/statefulset`): pods with stable names
//! `<set>-0`, `<set>-1`… and hostnames under the governing service. With the default
//! `OrderedReady` policy a pod is created only when every lower ordinal is Running and Ready,
//! and scaling down removes the highest ordinal first, one at a time; `Parallel` does it all at
//! once. A changed template is rolled out from the highest ordinal down, one pod at a time,
//! through ControllerRevisions `<set>-<hash>`.

use crate::sim::object::Pointer as _;
use crate::sorting::CollectInserted;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::deployment::pod_template_hash;
use super::{is_pod_available, is_pod_ready, pod_from_template, pod_ready_since};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, str_at};
use crate::sim::resources::rt;

pub const REVISION_LABEL: &str = "controller-revision-hash";
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StatefulSetController {
    informer: Informer,
    queue: WorkQueue,
    /// Sets waiting for a pod to pass minReadySeconds: (time, namespace, name).
    #[serde(default)]
    wake: Vec<(i64, String, String)>,
}

/// The ordinal of a set's pod (`web-2` → 2).
fn ordinal(set: &str, pod: &str) -> Option<i64> {
    pod.strip_prefix(set)?.strip_prefix('-')?.parse().ok()
}

fn running_and_ready(p: &Value) -> bool {
    str_at(p, "/status/phase") == "Running"
        && is_pod_ready(p)
        && p.at("/metadata/deletionTimestamp").is_none()
}

impl StatefulSetController {
    pub fn next_wake(&self) -> Option<i64> {
        self.wake.iter().map(|w| w.0).min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "statefulsets.apps" => self.queue.add(&e.key.namespace, &e.key.name),
                        "pods" => {
                            if let Some(("StatefulSet", owner, _)) = controller_of(&e.object) {
                                self.queue.add(&e.key.namespace, owner);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for s in api.for_each(rt("statefulsets.apps"), None) {
                    self.queue.add(object::namespace(s), object::name(s));
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

    /// The revision for the set's current template, created when missing.
    fn update_revision(api: &mut ApiServer, set: &Value) -> String {
        let ns = object::namespace(set).to_string();
        let name = object::name(set);
        let template = set.at("/spec/template").cloned().unwrap_or(json!({}));
        let collisions = i64_at(set, "/status/collisionCount").unwrap_or(0);
        let hash = pod_template_hash(&template, collisions);
        let rev_name = format!("{name}-{hash}");
        let cr_type = rt("controllerrevisions.apps");
        if api.get(cr_type, &ns, &rev_name).is_err() {
            let uid = object::uid(set).to_string();
            let last = api
                .for_each(cr_type, Some(&ns))
                .filter(|r| controller_of(r).is_some_and(|(_, _, u)| u == uid))
                .filter_map(|r| r.get("revision").and_then(Value::as_i64))
                .max()
                .unwrap_or(0);
            let mut labels = object::labels(&template);
            labels.insert("controller.kubernetes.io/hash".into(), json!(hash));
            let _ = api.create(
                cr_type,
                &ns,
                json!({
                    "metadata": {
                        "name": rev_name,
                        "labels": labels,
                        "ownerReferences": [object::controller_ref(set)],
                    },
                    "data": {"spec": {"template": {"$patch": "replace", "metadata": template.get("metadata").cloned().unwrap_or(json!({})), "spec": template.get("spec").cloned().unwrap_or(json!({}))}}},
                    "revision": last + 1,
                }),
            );
        }
        rev_name
    }

    fn create_pod(api: &mut ApiServer, set: &Value, i: i64, revision: &str) {
        let ns = object::namespace(set).to_string();
        let set_name = object::name(set);
        let pod_name = format!("{set_name}-{i}");
        let template = set.at("/spec/template").cloned().unwrap_or(json!({}));
        let mut pod = pod_from_template(set, &template, &pod_name);
        let labels = object::map_mut(&mut pod["metadata"], "labels");
        labels.insert(REVISION_LABEL.into(), json!(revision));
        labels.insert(POD_NAME_LABEL.into(), json!(pod_name));
        labels.insert(POD_INDEX_LABEL.into(), json!(i.to_string()));
        let spec = object::map_mut(&mut pod, "spec");
        spec.insert("hostname".into(), json!(pod_name));
        let service = str_at(set, "/spec/serviceName");
        if !service.is_empty() {
            spec.insert("subdomain".into(), json!(service));
        }
        match api.create(rt("pods"), &ns, pod) {
            Ok(_) => api.record_event(
                set,
                "Normal",
                "SuccessfulCreate",
                &format!("create Pod {pod_name} in StatefulSet {set_name} successful"),
                "statefulset-controller",
                "",
            ),
            Err(status) => api.record_event(
                set,
                "Warning",
                "FailedCreate",
                &format!(
                    "create Pod {pod_name} in StatefulSet {set_name} failed error: {}",
                    status.message
                ),
                "statefulset-controller",
                "",
            ),
        }
    }

    fn delete_pod(api: &mut ApiServer, set: &Value, pod_name: &str) {
        let ns = object::namespace(set).to_string();
        if api
            .delete(rt("pods"), &ns, pod_name, DeleteOptions::default())
            .is_ok()
        {
            api.record_event(
                set,
                "Normal",
                "SuccessfulDelete",
                &format!(
                    "delete Pod {pod_name} in StatefulSet {} successful",
                    object::name(set)
                ),
                "statefulset-controller",
                "",
            );
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let set_type = rt("statefulsets.apps");
        let Ok(set) = api.get(set_type, ns, name) else {
            return;
        };
        if set.at("/metadata/deletionTimestamp").is_some() {
            return;
        }
        let uid = object::uid(&set).to_string();
        let replicas = i64_at(&set, "/spec/replicas").unwrap_or(1).max(0);
        let parallel = str_at(&set, "/spec/podManagementPolicy") == "Parallel";
        let partition = i64_at(&set, "/spec/updateStrategy/rollingUpdate/partition").unwrap_or(0);
        let on_delete = str_at(&set, "/spec/updateStrategy/type") == "OnDelete";
        let update_revision = Self::update_revision(api, &set);
        let pods: BTreeMap<i64, Value> = api
            .for_each(rt("pods"), Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid))
            .filter_map(|p| Some((ordinal(name, object::name(p))?, p.clone())))
            .collect_inserted();
        let current_revision = match str_at(&set, "/status/currentRevision") {
            "" => update_revision.clone(),
            r => r.to_string(),
        };
        // Replicas 0..replicas: create what is missing, replace what finished.
        for i in 0..replicas {
            match pods.get(&i) {
                None => {
                    // A new pod takes the update revision, except below the partition.
                    let rev = if i < partition {
                        current_revision.clone()
                    } else {
                        update_revision.clone()
                    };
                    Self::create_pod(api, &set, i, &rev);
                    if !parallel {
                        return self.update_status(api, ns, name, &update_revision);
                    }
                }
                Some(p) if matches!(str_at(p, "/status/phase"), "Succeeded" | "Failed") => {
                    if p.at("/metadata/deletionTimestamp").is_none() {
                        Self::delete_pod(api, &set, object::name(p));
                    }
                    if !parallel {
                        return self.update_status(api, ns, name, &update_revision);
                    }
                }
                Some(p) if !parallel && !running_and_ready(p) => {
                    // OrderedReady: wait for this one before the next.
                    return self.update_status(api, ns, name, &update_revision);
                }
                Some(_) => {}
            }
        }
        // Scale down from the highest ordinal.
        let condemned: Vec<(&i64, &Value)> =
            pods.iter().filter(|(i, _)| **i >= replicas).rev().collect();
        for (_, p) in &condemned {
            if p.at("/metadata/deletionTimestamp").is_some() {
                if parallel {
                    continue;
                }
                // Wait until it is gone before the next.
                return self.update_status(api, ns, name, &update_revision);
            }
            Self::delete_pod(api, &set, object::name(p));
            if !parallel {
                return self.update_status(api, ns, name, &update_revision);
            }
        }
        // Rolling update: the highest ordinal still on an old revision, when all are ready.
        if !on_delete && condemned.is_empty() {
            let all_ready = (0..replicas).all(|i| pods.get(&i).is_some_and(running_and_ready));
            if all_ready {
                let stale = (partition..replicas).rev().find(|i| {
                    pods.get(i).is_some_and(|p| {
                        str_at(p, &format!("/metadata/labels/{REVISION_LABEL}")) != update_revision
                    })
                });
                if let Some(i) = stale {
                    let pod_name = format!("{name}-{i}");
                    Self::delete_pod(api, &set, &pod_name);
                }
            }
        }
        self.update_status(api, ns, name, &update_revision);
    }

    fn update_status(&mut self, api: &mut ApiServer, ns: &str, name: &str, update_revision: &str) {
        let set_type = rt("statefulsets.apps");
        let Ok(set) = api.get(set_type, ns, name) else {
            return;
        };
        let uid = object::uid(&set).to_string();
        let now = api.now();
        let min_ready = i64_at(&set, "/spec/minReadySeconds").unwrap_or(0);
        let mut current_revision = match str_at(&set, "/status/currentRevision") {
            "" => update_revision.to_string(),
            r => r.to_string(),
        };
        let (mut replicas, mut ready, mut available, mut current, mut updated) = (0, 0, 0, 0, 0);
        for p in api.for_each(rt("pods"), Some(ns)).filter(|p| {
            controller_of(p).is_some_and(|(_, _, u)| u == uid)
                && p.at("/metadata/deletionTimestamp").is_none()
        }) {
            replicas += 1;
            if is_pod_ready(p) {
                ready += 1;
                if is_pod_available(p, min_ready, now) {
                    available += 1;
                } else if let Some(t) = pod_ready_since(p) {
                    self.wake
                        .push((t + min_ready * 1000, ns.to_string(), name.to_string()));
                }
            }
            let rev = str_at(p, &format!("/metadata/labels/{REVISION_LABEL}"));
            if rev == current_revision {
                current += 1;
            }
            if rev == update_revision {
                updated += 1;
            }
        }
        let want = i64_at(&set, "/spec/replicas").unwrap_or(1);
        // The rollout is over: the update revision becomes the current one.
        if updated == want && replicas == want && current_revision != update_revision {
            current_revision = update_revision.to_string();
            current = updated;
        }
        let mut status = json!({
            "availableReplicas": available,
            "collisionCount": i64_at(&set, "/status/collisionCount").unwrap_or(0),
            "currentRevision": current_revision,
            "observedGeneration": i64_at(&set, "/metadata/generation").unwrap_or(1),
            "replicas": replicas,
            "updateRevision": update_revision,
        });
        for (field, v) in [
            ("readyReplicas", ready),
            ("currentReplicas", current),
            ("updatedReplicas", updated),
        ] {
            if v > 0 {
                status[field] = json!(v);
            }
        }
        if set.get("status") != Some(&status) {
            let mut new = set;
            new["status"] = status;
            let _ = api.update_status(set_type, &new);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals() {
        assert_eq!(super::ordinal("web", "web-12"), Some(12));
        assert_eq!(super::ordinal("web", "web2-1"), None);
        assert_eq!(super::ordinal("web", "web-x"), None);
    }
}

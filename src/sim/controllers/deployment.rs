//! The Deployment controller: one ReplicaSet per pod template, rolled from old to new within
//! maxSurge and maxUnavailable (upstream `pkg/controller/deployment`).

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::sim::apiserver::ApiServer;
use crate::sim::clock::rfc3339;
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, meta_mut, str_at};
use crate::sim::resources::rt;
use crate::sim::rng::{fnv1a, safe_encode};

pub const REVISION: &str = "deployment.kubernetes.io/revision";
const DESIRED: &str = "deployment.kubernetes.io/desired-replicas";
const MAX: &str = "deployment.kubernetes.io/max-replicas";
pub const TEMPLATE_HASH: &str = "pod-template-hash";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DeploymentController {
    informer: Informer,
    queue: WorkQueue,
}

/// The template without the hash label, for comparing a ReplicaSet's template with a Deployment's.
fn template_without_hash(template: &Value) -> Value {
    let mut t = template.clone();
    if let Some(l) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        l.remove(TEMPLATE_HASH);
    }
    if let Some(m) = t.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("creationTimestamp");
        if m.get("labels")
            .and_then(Value::as_object)
            .is_some_and(|l| l.is_empty())
        {
            m.remove("labels");
        }
    }
    t
}

/// ComputeHash: a stable hash of the pod template, encoded as kubectl shows it (`7854ff8877`).
pub fn pod_template_hash(template: &Value, collision_count: i64) -> String {
    let mut bytes = serde_json::to_vec(&template_without_hash(template)).unwrap_or_default();
    if collision_count > 0 {
        bytes.extend_from_slice(collision_count.to_string().as_bytes());
    }
    safe_encode(fnv1a(&bytes) & 0xffff_ffff)
}

/// An intstr (`25%` or `1`) resolved against a total, rounding up or down.
pub fn resolve_int_or_percent(v: Option<&Value>, total: i64, round_up: bool, default: i64) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(default),
        Some(Value::String(s)) => match s.strip_suffix('%').and_then(|p| p.parse::<i64>().ok()) {
            Some(p) if round_up => (p * total + 99) / 100,
            Some(p) => p * total / 100,
            None => s.parse().unwrap_or(default),
        },
        _ => default,
    }
}

fn replicas(o: &Value) -> i64 {
    i64_at(o, "/spec/replicas").unwrap_or(0)
}
fn status_int(o: &Value, f: &str) -> i64 {
    i64_at(o, &format!("/status/{f}")).unwrap_or(0)
}

impl DeploymentController {
    pub fn next_wake(&self) -> Option<i64> {
        None
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "deployments.apps" => self.queue.add(&e.key.namespace, &e.key.name),
                        "replicasets.apps" => {
                            if let Some(("Deployment", owner, _)) = controller_of(&e.object) {
                                self.queue.add(&e.key.namespace, owner);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for d in api.for_each(rt("deployments.apps"), None) {
                    self.queue.add(object::namespace(d), object::name(d));
                }
            }
        }
        for (ns, name) in self.queue.take_all() {
            self.reconcile(api, &ns, &name);
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let d_type = rt("deployments.apps");
        let rs_type = rt("replicasets.apps");
        let Ok(d) = api.get(d_type, ns, name) else {
            return;
        };
        if d.at("/metadata/deletionTimestamp").is_some() {
            return;
        }
        let uid = object::uid(&d).to_string();
        let template = d.at("/spec/template").cloned().unwrap_or(json!({}));
        let mut owned: Vec<Value> = api
            .for_each(rs_type, Some(ns))
            .filter(|rs| controller_of(rs).is_some_and(|(_, _, u)| u == uid))
            .cloned()
            .collect();
        let want_template = template_without_hash(&template);
        let new_rs_pos = owned.iter().position(|rs| {
            template_without_hash(rs.at("/spec/template").unwrap_or(&Value::Null)) == want_template
        });
        let max_revision = owned
            .iter()
            .filter_map(|rs| object::annotation(rs, REVISION).and_then(|r| r.parse::<i64>().ok()))
            .max()
            .unwrap_or(0);
        let paused = d.at("/spec/paused") == Some(&json!(true));
        let want = replicas(&d);
        let strategy = str_at(&d, "/spec/strategy/type").to_string();
        let max_surge = if strategy == "Recreate" {
            0
        } else {
            resolve_int_or_percent(d.at("/spec/strategy/rollingUpdate/maxSurge"), want, true, 1)
        };
        let mut max_unavailable = if strategy == "Recreate" {
            want
        } else {
            resolve_int_or_percent(
                d.at("/spec/strategy/rollingUpdate/maxUnavailable"),
                want,
                false,
                0,
            )
        };
        if max_surge == 0 && max_unavailable == 0 {
            max_unavailable = 1;
        }

        // The ReplicaSet for the current template, created when missing.
        let new_rs = match new_rs_pos {
            Some(i) => {
                let rs = owned.remove(i);
                // A template rolled back to: it becomes the newest revision.
                let rev = object::annotation(&rs, REVISION)
                    .and_then(|r| r.parse::<i64>().ok())
                    .unwrap_or(0);
                if rev < max_revision && !paused {
                    let new_rev = (max_revision + 1).to_string();
                    api.modify(rs_type, ns, object::name(&rs), |o| {
                        if let Some(a) = meta_mut(o)
                            .get_mut("annotations")
                            .and_then(Value::as_object_mut)
                        {
                            a.insert(REVISION.into(), json!(new_rev));
                        }
                    })
                    .unwrap_or(rs)
                } else {
                    rs
                }
            }
            None if paused => return,
            None => {
                let hash =
                    pod_template_hash(&template, i64_at(&d, "/status/collisionCount").unwrap_or(0));
                let rs_name = format!("{name}-{hash}");
                let mut rs_template = template.clone();
                object::meta_mut(&mut rs_template)
                    .entry("labels")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .map(|l| l.insert(TEMPLATE_HASH.into(), json!(hash)));
                let mut selector = d.at("/spec/selector").cloned().unwrap_or(json!({}));
                object::map_mut(&mut selector, "matchLabels")
                    .insert(TEMPLATE_HASH.into(), json!(hash));
                let mut labels = object::labels(&rs_template);
                labels.insert(TEMPLATE_HASH.into(), json!(hash));
                let initial = if strategy == "Recreate" || owned.iter().all(|rs| replicas(rs) == 0)
                {
                    want
                } else {
                    0
                };
                let rs = json!({
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "metadata": {
                        "name": rs_name,
                        "namespace": ns,
                        "labels": labels,
                        "annotations": {
                            DESIRED: want.to_string(),
                            MAX: (want + max_surge).to_string(),
                            REVISION: (max_revision + 1).to_string(),
                        },
                        "ownerReferences": [object::controller_ref(&d)],
                    },
                    "spec": {
                        "replicas": initial,
                        "minReadySeconds": i64_at(&d, "/spec/minReadySeconds").unwrap_or(0),
                        "selector": selector,
                        "template": rs_template,
                    }
                });
                match api.create(rs_type, ns, rs) {
                    Ok(rs) => {
                        if initial > 0 {
                            api.record_event(
                                &d,
                                "Normal",
                                "ScalingReplicaSet",
                                &format!("Scaled up replica set {rs_name} to {initial}"),
                                "deployment-controller",
                                "",
                            );
                        }
                        rs
                    }
                    Err(_) => return,
                }
            }
        };
        let new_name = object::name(&new_rs).to_string();

        if !paused {
            let scale = |api: &mut ApiServer, rs: &Value, to: i64| {
                let from = replicas(rs);
                if from == to {
                    return;
                }
                let rs_name = object::name(rs).to_string();
                let _ = api.modify(rs_type, ns, &rs_name, |o| {
                    o["spec"]["replicas"] = json!(to);
                    if let Some(a) = meta_mut(o)
                        .get_mut("annotations")
                        .and_then(Value::as_object_mut)
                    {
                        a.insert(DESIRED.into(), json!(want.to_string()));
                        a.insert(MAX.into(), json!((want + max_surge).to_string()));
                    }
                });
                let verb = if to > from { "up" } else { "down" };
                api.record_event(
                    &d,
                    "Normal",
                    "ScalingReplicaSet",
                    &format!("Scaled {verb} replica set {rs_name} to {to} from {from}"),
                    "deployment-controller",
                    "",
                );
            };
            let old_total: i64 = owned.iter().map(replicas).sum();
            if strategy == "Recreate" {
                for rs in &owned {
                    scale(api, rs, 0);
                }
                let old_pods: i64 = owned.iter().map(|rs| status_int(rs, "replicas")).sum();
                if old_pods == 0 {
                    scale(api, &new_rs, want);
                }
            } else if old_total == 0 {
                scale(api, &new_rs, want);
            } else {
                // Scale up the new ReplicaSet within maxSurge.
                let total: i64 = old_total + replicas(&new_rs);
                let room = (want + max_surge - total).max(0);
                let up_to = (replicas(&new_rs) + room).min(want);
                if up_to > replicas(&new_rs) {
                    scale(api, &new_rs, up_to);
                }
                // Scale down old ReplicaSets within maxUnavailable.
                let new_now = api.get(rs_type, ns, &new_name).unwrap_or(new_rs.clone());
                let min_available = want - max_unavailable;
                let all_available: i64 = owned
                    .iter()
                    .map(|rs| status_int(rs, "availableReplicas"))
                    .sum::<i64>()
                    + status_int(&new_now, "availableReplicas");
                // Old pods that are not available can go at once.
                let mut budget = (all_available - min_available).max(0);
                for rs in owned.iter_mut() {
                    let unhealthy = replicas(rs) - status_int(rs, "availableReplicas");
                    let cut_unhealthy = unhealthy.max(0);
                    let cut_healthy = budget.min(status_int(rs, "availableReplicas"));
                    let cut = (cut_unhealthy + cut_healthy).min(replicas(rs));
                    if cut > 0 {
                        budget -= cut_healthy.min(cut);
                        let to = replicas(rs) - cut;
                        scale(api, rs, to);
                    }
                }
            }
            // Set the revision annotation on the Deployment.
            let rev = api
                .get(rs_type, ns, &new_name)
                .ok()
                .and_then(|rs| object::annotation(&rs, REVISION).map(str::to_string))
                .unwrap_or_else(|| "1".into());
            let _ = api.modify(rt("deployments.apps"), ns, name, |o| {
                let a = meta_mut(o)
                    .entry("annotations")
                    .or_insert_with(|| json!({}));
                if let Some(a) = a.as_object_mut() {
                    a.insert(REVISION.into(), json!(rev));
                }
            });
            // Keep revisionHistoryLimit old ReplicaSets with no replicas.
            let limit = i64_at(&d, "/spec/revisionHistoryLimit")
                .unwrap_or(10)
                .max(0) as usize;
            let mut empty_old: Vec<(i64, String)> = api
                .for_each(rs_type, Some(ns))
                .filter(|rs| {
                    controller_of(rs).is_some_and(|(_, _, u)| u == uid)
                        && object::name(rs) != new_name
                })
                .filter(|rs| replicas(rs) == 0 && status_int(rs, "replicas") == 0)
                .map(|rs| {
                    (
                        object::annotation(rs, REVISION)
                            .and_then(|r| r.parse().ok())
                            .unwrap_or(0),
                        object::name(rs).to_string(),
                    )
                })
                .collect();
            empty_old.sort_shared();
            if empty_old.len() > limit {
                let n = empty_old.len() - limit;
                for (_, rs_name) in empty_old.into_iter().take(n) {
                    let _ = api.delete(rs_type, ns, &rs_name, Default::default());
                }
            }
        }
        self.update_status(api, ns, name, &uid, &new_name);
    }

    fn update_status(
        &mut self,
        api: &mut ApiServer,
        ns: &str,
        name: &str,
        uid: &str,
        new_name: &str,
    ) {
        let d_type = rt("deployments.apps");
        let Ok(d) = api.get(d_type, ns, name) else {
            return;
        };
        let all: Vec<Value> = api
            .for_each(rt("replicasets.apps"), Some(ns))
            .filter(|rs| controller_of(rs).is_some_and(|(_, _, u)| u == uid))
            .cloned()
            .collect();
        let sum = |f: &str| all.iter().map(|rs| status_int(rs, f)).sum::<i64>();
        let total = sum("replicas");
        let ready = sum("readyReplicas");
        let available = sum("availableReplicas");
        let updated = all
            .iter()
            .find(|rs| object::name(rs) == new_name)
            .map(|rs| status_int(rs, "replicas"))
            .unwrap_or(0);
        let want = replicas(&d);
        let max_unavailable = resolve_int_or_percent(
            d.at("/spec/strategy/rollingUpdate/maxUnavailable"),
            want,
            false,
            0,
        );
        let now = rfc3339(api.now());
        let old_conditions = d
            .at("/status/conditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let condition = |ctype: &str, status: &str, reason: &str, message: String| {
            let prev = old_conditions.iter().find(|c| str_at(c, "/type") == ctype);
            let transition = match prev {
                Some(p) if str_at(p, "/status") == status => {
                    str_at(p, "/lastTransitionTime").to_string()
                }
                _ => now.clone(),
            };
            let update = match prev {
                Some(p) if str_at(p, "/status") == status && str_at(p, "/reason") == reason => {
                    str_at(p, "/lastUpdateTime").to_string()
                }
                _ => now.clone(),
            };
            json!({"lastTransitionTime": transition, "lastUpdateTime": update, "message": message, "reason": reason, "status": status, "type": ctype})
        };
        let available_ok = available >= want - max_unavailable;
        let available_cond = if available_ok {
            condition(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.".into(),
            )
        } else {
            condition(
                "Available",
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.".into(),
            )
        };
        let complete = updated == want && total == want && available >= want;
        let progressing = if complete {
            condition(
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                format!("ReplicaSet \"{new_name}\" has successfully progressed."),
            )
        } else if old_conditions
            .iter()
            .any(|c| str_at(c, "/type") == "Progressing")
            && updated == 0
        {
            condition(
                "Progressing",
                "True",
                "NewReplicaSetCreated",
                format!("Created new replica set \"{new_name}\""),
            )
        } else {
            condition(
                "Progressing",
                "True",
                "ReplicaSetUpdated",
                format!("ReplicaSet \"{new_name}\" is progressing."),
            )
        };
        let mut status = json!({
            "observedGeneration": i64_at(&d, "/metadata/generation").unwrap_or(1),
            "conditions": [available_cond, progressing],
        });
        if total > 0 {
            status["replicas"] = json!(total);
        }
        if updated > 0 {
            status["updatedReplicas"] = json!(updated);
        }
        if ready > 0 {
            status["readyReplicas"] = json!(ready);
        }
        if available > 0 {
            status["availableReplicas"] = json!(available);
        }
        if total - available > 0 {
            status["unavailableReplicas"] = json!(total - available);
        } else if want - available > 0 {
            status["unavailableReplicas"] = json!(want - available);
        }
        let mut new = d.clone();
        new["status"] = status;
        let _ = api.update_status(d_type, &new);
    }
}

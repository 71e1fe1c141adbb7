//! The garbage collector: objects whose owners are all gone are deleted (background cascade),
//! and owners deleted with the Orphan or Foreground policy are finished.
//!
//! Like the upstream collector it keeps a dependency graph built from watch events (owner uid →
//! dependents), so one deletion costs the size of its dependents, not a scan of every object.

use crate::sim::object::Pointer as _;
use crate::sorting::CollectInserted;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer};
use crate::sim::object;
use crate::sim::resources::{by_plural, ResourceType};
use crate::sim::store::{EventType, Key};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GarbageCollector {
    informer: Informer,
    /// Owner uid → the dependents (`resource/namespace/name`) whose ownerReferences name it.
    #[serde(default)]
    dependents: BTreeMap<String, BTreeSet<String>>,
    /// Dependent → the owner uids it names, to keep `dependents` right when references change.
    #[serde(default)]
    owners: BTreeMap<String, Vec<String>>,
    /// The uid of every object in the store.
    #[serde(default)]
    live: BTreeSet<String>,
    /// Objects waiting for the `orphan` or `foregroundDeletion` finalizer to be processed.
    #[serde(default)]
    finalizing: BTreeSet<String>,
    /// Whether the graph has been built (a session saved without it rebuilds it once).
    #[serde(default)]
    primed: bool,
}

fn node_key(key: &Key) -> String {
    format!("{}/{}/{}", key.resource, key.namespace, key.name)
}

/// The type and namespace/name of a `resource/namespace/name` graph key.
fn parse_node_key(k: &str) -> Option<(&'static ResourceType, String, String)> {
    let mut parts = k.splitn(3, '/');
    let resource = parts.next()?;
    let ns = parts.next()?.to_string();
    let name = parts.next()?.to_string();
    let (plural, group) = resource.split_once('.').unwrap_or((resource, ""));
    Some((by_plural(plural, group)?, ns, name))
}

fn owner_uids(o: &Value) -> Vec<String> {
    o.at("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .map(|refs| {
            refs.iter()
                .map(|r| object::str_at(r, "/uid").to_string())
                .filter(|u| !u.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn waits_on_gc_finalizer(o: &Value) -> bool {
    use crate::sim::apiserver::{FOREGROUND_FINALIZER, ORPHAN_FINALIZER};
    o.at("/metadata/deletionTimestamp").is_some()
        && o.at("/metadata/finalizers")
            .and_then(Value::as_array)
            .is_some_and(|f| {
                f.iter()
                    .any(|x| x == ORPHAN_FINALIZER || x == FOREGROUND_FINALIZER)
            })
}

impl GarbageCollector {
    /// Records the object stored under `key` (None: deleted).
    fn observe(&mut self, key: &str, uid: &str, obj: Option<&Value>) {
        if let Some(old) = self.owners.remove(key) {
            for o in old {
                if let Some(d) = self.dependents.get_mut(&o) {
                    d.remove(key);
                    if d.is_empty() {
                        self.dependents.remove(&o);
                    }
                }
            }
        }
        self.finalizing.remove(key);
        let Some(obj) = obj else {
            if !uid.is_empty() {
                self.live.remove(uid);
            }
            return;
        };
        if !uid.is_empty() {
            self.live.insert(uid.to_string());
        }
        let refs = owner_uids(obj);
        for o in &refs {
            self.dependents
                .entry(o.clone())
                .or_default()
                .insert(key.to_string());
        }
        if !refs.is_empty() {
            self.owners.insert(key.to_string(), refs);
        }
        if waits_on_gc_finalizer(obj) {
            self.finalizing.insert(key.to_string());
        }
    }

    fn rebuild(&mut self, api: &ApiServer) -> BTreeSet<String> {
        self.dependents.clear();
        self.owners.clear();
        self.live.clear();
        self.finalizing.clear();
        for (key, o) in api.store.iter() {
            self.observe(&node_key(key), object::uid(o), Some(o));
        }
        self.primed = true;
        // Everything whose owners are all gone.
        self.owners
            .iter()
            .filter(|(_, refs)| refs.iter().all(|u| !self.live.contains(u)))
            .map(|(k, _)| k.clone())
            .collect_inserted()
    }

    /// Whether every owner of `key` is gone.
    fn orphaned(&self, key: &str) -> bool {
        self.owners
            .get(key)
            .is_some_and(|refs| refs.iter().all(|u| !self.live.contains(u)))
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut candidates: BTreeSet<String> = BTreeSet::new();
        let mut any = false;
        let delta = self.informer.poll(&api.store);
        match delta {
            Delta::Events(events) if self.primed => {
                for e in events {
                    any = true;
                    let key = node_key(&e.key);
                    let uid = object::uid(&e.object);
                    let gone = e.event_type == EventType::Deleted;
                    self.observe(&key, uid, (!gone).then_some(&e.object));
                    if gone {
                        if let Some(deps) = self.dependents.get(uid) {
                            candidates.extend(deps.iter().cloned());
                        }
                    } else if e.event_type == EventType::Added && self.owners.contains_key(&key) {
                        // Created with owners that may already be gone.
                        candidates.insert(key);
                    }
                }
            }
            _ => {
                any = true;
                candidates = self.rebuild(api);
            }
        }
        if !any {
            return;
        }
        self.process_deletion_finalizers(api);
        for key in candidates {
            if !self.orphaned(&key) {
                continue;
            }
            let Some((t, ns, name)) = parse_node_key(&key) else {
                continue;
            };
            let deleting = api
                .get(t, &ns, &name)
                .map(|o| o.at("/metadata/deletionTimestamp").is_some())
                .unwrap_or(true);
            if !deleting {
                let _ = api.delete(t, &ns, &name, DeleteOptions::default());
            }
        }
    }

    /// Owners deleted with `propagationPolicy: Orphan` or `Foreground` wait with a finalizer: an
    /// orphaning owner first takes its reference off every dependent; a foreground owner first
    /// deletes its dependents (foreground too) and waits until they are gone. Then the
    /// finalizer comes off and, with no finalizer left, the owner goes.
    fn process_deletion_finalizers(&mut self, api: &mut ApiServer) {
        use crate::sim::apiserver::{Propagation, FOREGROUND_FINALIZER, ORPHAN_FINALIZER};
        let waiting: Vec<String> = self.finalizing.iter().cloned().collect();
        for key in waiting {
            let Some((t, ns, name)) = parse_node_key(&key) else {
                self.finalizing.remove(&key);
                continue;
            };
            let Ok(o) = api.get(t, &ns, &name) else {
                self.finalizing.remove(&key);
                continue;
            };
            if !waits_on_gc_finalizer(&o) {
                self.finalizing.remove(&key);
                continue;
            }
            let uid = object::uid(&o).to_string();
            let fins: Vec<String> = o
                .at("/metadata/finalizers")
                .and_then(Value::as_array)
                .map(|f| {
                    f.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            let dependents: Vec<(&'static ResourceType, String, String, bool)> = self
                .dependents
                .get(&uid)
                .map(|d| {
                    d.iter()
                        .filter_map(|k| parse_node_key(k))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(dt, dns, dname)| {
                    let d = api.get(dt, &dns, &dname).ok()?;
                    let deleting = d.at("/metadata/deletionTimestamp").is_some();
                    Some((dt, dns, dname, deleting))
                })
                .collect();
            let mut done = fins.clone();
            if fins.iter().any(|f| f == ORPHAN_FINALIZER) {
                for (dt, dns, dname, _) in &dependents {
                    let _ = api.modify(dt, dns, dname, |o| {
                        if let Some(refs) = o
                            .pointer_mut("/metadata/ownerReferences")
                            .and_then(Value::as_array_mut)
                        {
                            refs.retain(|r| object::str_at(r, "/uid") != uid);
                        }
                        let empty = o
                            .at("/metadata/ownerReferences")
                            .and_then(Value::as_array)
                            .is_some_and(|r| r.is_empty());
                        if empty {
                            if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
                                m.remove("ownerReferences");
                            }
                        }
                    });
                }
                done.retain(|f| f != ORPHAN_FINALIZER);
            } else if fins.iter().any(|f| f == FOREGROUND_FINALIZER) {
                if !dependents.is_empty() {
                    for (dt, dns, dname, deleting) in &dependents {
                        if !deleting {
                            let opts = DeleteOptions {
                                propagation: Propagation::Foreground,
                                ..DeleteOptions::default()
                            };
                            let _ = api.delete(dt, dns, dname, opts);
                        }
                    }
                    continue;
                }
                done.retain(|f| f != FOREGROUND_FINALIZER);
            }
            if done.is_empty() {
                api.remove_now(t, &ns, &name);
            } else {
                let _ = api.modify(t, &ns, &name, |o| {
                    if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
                        m.insert("finalizers".into(), Value::from(done.clone()));
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::resources::rt;
    use serde_json::json;

    fn api() -> ApiServer {
        let mut api = ApiServer::new(1, crate::sim::clock::CLUSTER_CREATED_MS);
        api.create(
            rt("namespaces"),
            "",
            json!({"metadata": {"name": "default"}}),
        )
        .unwrap();
        api
    }

    #[test]
    fn dependents_go_with_their_owner_and_others_stay() {
        let mut api = api();
        let mut gc = GarbageCollector::default();
        let owner = api
            .create(
                rt("configmaps"),
                "default",
                json!({"metadata": {"name": "owner"}}),
            )
            .unwrap();
        let r = object::controller_ref(&owner);
        for n in ["a", "b"] {
            api.create(
                rt("configmaps"),
                "default",
                json!({"metadata": {"name": n, "ownerReferences": [r]}}),
            )
            .unwrap();
        }
        api.create(
            rt("configmaps"),
            "default",
            json!({"metadata": {"name": "free"}}),
        )
        .unwrap();
        gc.sync(&mut api);
        assert_eq!(api.list(rt("configmaps"), Some("default")).len(), 4);
        api.delete(
            rt("configmaps"),
            "default",
            "owner",
            DeleteOptions::default(),
        )
        .unwrap();
        gc.sync(&mut api);
        let left: Vec<String> = api
            .list(rt("configmaps"), Some("default"))
            .iter()
            .map(|o| object::name(o).to_string())
            .collect();
        assert_eq!(left, vec!["free"]);
    }

    #[test]
    fn an_object_created_for_a_gone_owner_is_collected() {
        let mut api = api();
        let mut gc = GarbageCollector::default();
        gc.sync(&mut api);
        api.create(
            rt("configmaps"),
            "default",
            json!({"metadata": {"name": "stray", "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "x", "uid": "no-such-uid"}]}}),
        )
        .unwrap();
        gc.sync(&mut api);
        assert!(api.get(rt("configmaps"), "default", "stray").is_err());
    }
}

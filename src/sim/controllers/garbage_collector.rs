//! The garbage collector: objects whose owner is gone are deleted (background cascade).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer};
use crate::sim::object;
use crate::sim::resources::{resolve, RESOURCE_TYPES};
use crate::sim::store::EventType;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GarbageCollector {
    informer: Informer,
}

impl GarbageCollector {
    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut gone: BTreeSet<(String, String)> = BTreeSet::new();
        let mut relist = false;
        let mut any = false;
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    any = true;
                    if e.event_type == EventType::Deleted {
                        gone.insert((e.key.namespace.clone(), object::uid(&e.object).to_string()));
                    }
                }
            }
            Delta::Relist => relist = true,
        }
        if any || relist {
            process_deletion_finalizers(api);
        }
        if gone.is_empty() && !relist {
            return;
        }
        let live_uids: BTreeSet<String> = if relist {
            api.store
                .iter()
                .map(|(_, o)| object::uid(o).to_string())
                .collect()
        } else {
            BTreeSet::new()
        };
        let mut victims = vec![];
        for t in RESOURCE_TYPES.iter().filter(|t| t.listable) {
            for o in api.for_each(t, None) {
                let Some(refs) = o
                    .pointer("/metadata/ownerReferences")
                    .and_then(Value::as_array)
                else {
                    continue;
                };
                let orphaned = refs.iter().any(|r| {
                    let uid = object::str_at(r, "/uid");
                    if relist {
                        !live_uids.contains(uid)
                    } else {
                        gone.iter().any(|(ns, g)| {
                            g == uid && (ns.is_empty() || ns == object::namespace(o))
                        })
                    }
                });
                if orphaned && o.pointer("/metadata/deletionTimestamp").is_none() {
                    victims.push((
                        t.plural,
                        t.group,
                        object::namespace(o).to_string(),
                        object::name(o).to_string(),
                    ));
                }
            }
        }
        for (plural, group, ns, name) in victims {
            let typed = if group.is_empty() {
                plural.to_string()
            } else {
                format!("{plural}.{group}")
            };
            if let Some(t) = resolve(&typed) {
                let _ = api.delete(t, &ns, &name, DeleteOptions::default());
            }
        }
    }
}

/// Owners deleted with `propagationPolicy: Orphan` or `Foreground` wait with a finalizer: an
/// orphaning owner first takes its reference off every dependent; a foreground owner first
/// deletes its dependents (foreground too) and waits until they are gone. Then the finalizer
/// comes off and, with no finalizer left, the owner goes.
fn process_deletion_finalizers(api: &mut ApiServer) {
    use crate::sim::apiserver::{Propagation, FOREGROUND_FINALIZER, ORPHAN_FINALIZER};
    let mut owners = vec![];
    for t in RESOURCE_TYPES.iter().filter(|t| t.listable) {
        for o in api.for_each(t, None) {
            if o.pointer("/metadata/deletionTimestamp").is_none() {
                continue;
            }
            let fins: Vec<String> = o
                .pointer("/metadata/finalizers")
                .and_then(Value::as_array)
                .map(|f| {
                    f.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            if fins
                .iter()
                .any(|f| f == ORPHAN_FINALIZER || f == FOREGROUND_FINALIZER)
            {
                owners.push((
                    t,
                    object::namespace(o).to_string(),
                    object::name(o).to_string(),
                    object::uid(o).to_string(),
                    fins,
                ));
            }
        }
    }
    for (t, ns, name, uid, fins) in owners {
        let mut dependents = vec![];
        for dt in RESOURCE_TYPES.iter().filter(|t| t.listable) {
            for o in api.for_each(dt, None) {
                let owned = o
                    .pointer("/metadata/ownerReferences")
                    .and_then(Value::as_array)
                    .is_some_and(|refs| refs.iter().any(|r| object::str_at(r, "/uid") == uid));
                if owned {
                    dependents.push((
                        dt,
                        object::namespace(o).to_string(),
                        object::name(o).to_string(),
                        o.pointer("/metadata/deletionTimestamp").is_some(),
                    ));
                }
            }
        }
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
                        .pointer("/metadata/ownerReferences")
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

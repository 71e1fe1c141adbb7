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
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    if e.event_type == EventType::Deleted {
                        gone.insert((e.key.namespace.clone(), object::uid(&e.object).to_string()));
                    }
                }
            }
            Delta::Relist => relist = true,
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

//! The namespace controller: a namespace being deleted loses everything inside it, then goes.

use crate::sim::object::Pointer as _;
use serde::{Deserialize, Serialize};

use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::informer::{Delta, Informer};
use crate::sim::object::{self};
use crate::sim::resources::{rt, RESOURCE_TYPES};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NamespaceController {
    informer: Informer,
}

impl NamespaceController {
    pub fn sync(&mut self, api: &mut ApiServer) {
        // Level-driven: any change may be the last object of a terminating namespace going away.
        match self.informer.poll(&api.store) {
            Delta::Events(e) if e.is_empty() => return,
            _ => {}
        }
        let terminating: Vec<String> = api
            .for_each(rt("namespaces"), None)
            .filter(|n| n.at("/metadata/deletionTimestamp").is_some())
            .map(|n| object::name(n).to_string())
            .collect();
        for ns in terminating {
            let mut left = 0;
            for t in RESOURCE_TYPES.iter().filter(|t| t.namespaced && t.listable) {
                let names: Vec<(String, bool)> = api
                    .for_each(t, Some(&ns))
                    .map(|o| {
                        (
                            object::name(o).to_string(),
                            o.at("/metadata/deletionTimestamp").is_some(),
                        )
                    })
                    .collect();
                for (name, deleting) in names {
                    left += 1;
                    if !deleting {
                        let _ = api.delete(t, &ns, &name, DeleteOptions::default());
                    }
                }
            }
            // Deleting may have removed objects at once; count again.
            let remaining: usize = RESOURCE_TYPES
                .iter()
                .filter(|t| t.namespaced && t.listable)
                .map(|t| api.for_each(t, Some(&ns)).count())
                .sum();
            if left == 0 || remaining == 0 {
                api.remove_now(rt("namespaces"), "", &ns);
            }
        }
    }
}

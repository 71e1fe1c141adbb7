//! Informers and work queues: how controllers learn about changes. A watch event only maps an
//! object to a key and enqueues it; the controller's reconcile reads the current state.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::store::{Store, WatchEvent};

/// A position in the store's watch stream.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Informer {
    cursor: u64,
}

/// What an informer delivers: the events since its last poll, or `Relist` when it fell behind
/// the kept history (the controller then resyncs everything, as on `410 Gone`).
pub enum Delta<'a> {
    Events(Vec<&'a WatchEvent>),
    Relist,
}

impl Informer {
    pub fn poll<'a>(&mut self, store: &'a Store) -> Delta<'a> {
        let now = store.resource_version();
        let delta = match store.events_since(self.cursor) {
            Ok(events) => Delta::Events(events.collect()),
            Err(_) => Delta::Relist,
        };
        self.cursor = now;
        delta
    }
}

/// Keys (namespace, name) waiting to be reconciled, deduplicated and in a stable order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct WorkQueue {
    keys: BTreeSet<(String, String)>,
}

impl WorkQueue {
    pub fn add(&mut self, namespace: &str, name: &str) {
        self.keys.insert((namespace.to_string(), name.to_string()));
    }
    pub fn take_all(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.keys).into_iter().collect()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

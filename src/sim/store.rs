//! The store plays etcd: objects keyed by resource, namespace and name, one cluster-wide
//! resourceVersion, and a bounded history of watch events.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where an object lives: `pods` + `default` + `nginx`. Cluster-scoped objects have "" as
/// namespace. `resource` is the group-qualified plural (`deployments.apps`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub resource: String,
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(resource: &str, namespace: &str, name: &str) -> Key {
        Key {
            resource: resource.to_string(),
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventType {
    Added,
    Modified,
    Deleted,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WatchEvent {
    pub resource_version: u64,
    pub event_type: EventType,
    pub key: Key,
    /// The object after the change (for Deleted: its last state).
    pub object: Value,
}

/// How many watch events the store keeps. A watcher that falls further behind must relist,
/// as a real client does on `410 Gone`.
pub const WATCH_HISTORY_LIMIT: usize = 20_000;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    #[serde(with = "objects_as_list")]
    objects: BTreeMap<Key, Value>,
    resource_version: u64,
    /// Not saved with a session: watchers restored with it resume from the current version.
    #[serde(skip)]
    history: VecDeque<WatchEvent>,
}

/// JSON maps need string keys: objects are saved as a list of (key, object) pairs.
mod objects_as_list {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Value;

    use super::Key;
    use crate::sorting::CollectInserted;

    pub fn serialize<S: Serializer>(map: &BTreeMap<Key, Value>, s: S) -> Result<S::Ok, S::Error> {
        let list: Vec<(&Key, &Value)> = map.iter().collect();
        list.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<Key, Value>, D::Error> {
        let list: Vec<(Key, Value)> = Vec::deserialize(d)?;
        Ok(list.into_iter().collect_inserted())
    }
}

/// Returned to a watcher whose position is older than the kept history.
#[derive(Debug, PartialEq, Eq)]
pub struct Expired;

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.objects.get(key)
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// All objects of a resource, in one namespace or in all (`None`), sorted by namespace then name.
    pub fn list<'a>(
        &'a self,
        resource: &str,
        namespace: Option<&str>,
    ) -> impl Iterator<Item = (&'a Key, &'a Value)> + 'a {
        let start = Key::new(resource, namespace.unwrap_or(""), "");
        let resource = resource.to_string();
        let namespace = namespace.map(str::to_string);
        self.objects.range(start..).take_while(move |(k, _)| {
            k.resource == resource && namespace.as_ref().is_none_or(|ns| &k.namespace == ns)
        })
    }

    /// Writes an object, stamping the next resourceVersion into its metadata. Returns the stored copy.
    pub fn put(&mut self, key: Key, mut object: Value) -> Value {
        self.resource_version += 1;
        let rv = self.resource_version;
        if let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
        }
        let event_type = if self.objects.contains_key(&key) {
            EventType::Modified
        } else {
            EventType::Added
        };
        self.objects.insert(key.clone(), object.clone());
        self.record(rv, event_type, key, object.clone());
        object
    }

    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let mut object = self.objects.remove(key)?;
        self.resource_version += 1;
        let rv = self.resource_version;
        if let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
        }
        self.record(rv, EventType::Deleted, key.clone(), object.clone());
        Some(object)
    }

    fn record(&mut self, rv: u64, event_type: EventType, key: Key, object: Value) {
        if self.history.len() >= WATCH_HISTORY_LIMIT {
            self.history.pop_front();
        }
        self.history.push_back(WatchEvent {
            resource_version: rv,
            event_type,
            key,
            object,
        });
    }

    /// Events after `since` (a resourceVersion), oldest first.
    pub fn events_since(&self, since: u64) -> Result<impl Iterator<Item = &WatchEvent>, Expired> {
        if let Some(first) = self.history.front() {
            if since + 1 < first.resource_version {
                return Err(Expired);
            }
        }
        let start = self
            .history
            .partition_point(|e| e.resource_version <= since);
        Ok(self.history.range(start..))
    }

    /// Objects as (key, object) pairs, in key order — used to save and restore a session.
    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Value)> {
        self.objects.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resource_versions_grow_and_watchers_see_every_change() {
        let mut s = Store::new();
        let k = Key::new("pods", "default", "a");
        s.put(k.clone(), json!({"metadata": {"name": "a"}}));
        let v = s.put(k.clone(), json!({"metadata": {"name": "a"}, "x": 1}));
        assert_eq!(v["metadata"]["resourceVersion"], "2");
        s.remove(&k);
        let kinds: Vec<EventType> = s.events_since(0).unwrap().map(|e| e.event_type).collect();
        assert_eq!(
            kinds,
            vec![EventType::Added, EventType::Modified, EventType::Deleted]
        );
        assert_eq!(s.events_since(2).unwrap().count(), 1);
    }

    #[test]
    fn list_is_scoped_by_resource_and_namespace() {
        let mut s = Store::new();
        for (r, ns, n) in [
            ("pods", "a", "x"),
            ("pods", "b", "y"),
            ("pods", "a", "z"),
            ("services", "a", "s"),
        ] {
            s.put(Key::new(r, ns, n), json!({"metadata": {"name": n}}));
        }
        let names: Vec<&str> = s
            .list("pods", Some("a"))
            .map(|(k, _)| k.name.as_str())
            .collect();
        assert_eq!(names, vec!["x", "z"]);
        assert_eq!(s.list("pods", None).count(), 3);
    }
}

//! API objects are kept as JSON values, as the API server stores them (the equivalent of
//! `unstructured.Unstructured`). These helpers read and write the common fields.

use serde_json::{json, Map, Value};

pub type Object = Value;

/// JSON pointer lookup (RFC 6901, as `Value::pointer`) without allocating: controllers read a
/// handful of fields of every pod on every reconcile, so this is the hottest path of the
/// simulation. Pointers with `~` escapes take serde_json's own path.
pub trait Pointer {
    fn at(&self, pointer: &str) -> Option<&Value>;
}

impl Pointer for Value {
    fn at(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        if rest.contains('~') {
            return self.pointer(pointer);
        }
        let mut cur = self;
        for token in rest.split('/') {
            cur = match cur {
                Value::Object(m) => m.get(token)?,
                Value::Array(a) => a.get(array_index(token)?)?,
                _ => return None,
            };
        }
        Some(cur)
    }
}

/// An array index as RFC 6901 spells it: digits, no sign, no leading zero.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// Reads a string at a `/`-separated JSON pointer, or "".
pub fn str_at<'a>(obj: &'a Value, pointer: &str) -> &'a str {
    obj.at(pointer).and_then(Value::as_str).unwrap_or("")
}

pub fn i64_at(obj: &Value, pointer: &str) -> Option<i64> {
    obj.at(pointer).and_then(Value::as_i64)
}

pub fn name(obj: &Value) -> &str {
    str_at(obj, "/metadata/name")
}

pub fn namespace(obj: &Value) -> &str {
    str_at(obj, "/metadata/namespace")
}

pub fn kind(obj: &Value) -> &str {
    str_at(obj, "/kind")
}

pub fn uid(obj: &Value) -> &str {
    str_at(obj, "/metadata/uid")
}

pub fn labels(obj: &Value) -> Map<String, Value> {
    obj.at("/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The object's labels, borrowed (an empty map when it has none).
pub fn labels_ref(obj: &Value) -> &Map<String, Value> {
    static NONE: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
    obj.at("/metadata/labels")
        .and_then(Value::as_object)
        .unwrap_or(&NONE)
}

pub fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.at("/metadata/annotations")
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
}

/// Ensures `obj[key]` is an object and returns it.
pub fn map_mut<'a>(obj: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    if !obj.is_object() {
        *obj = json!({});
    }
    let Value::Object(m) = obj else {
        unreachable!("just made an object")
    };
    let entry = m.entry(key.to_string()).or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    match entry {
        Value::Object(inner) => inner,
        _ => unreachable!("just made an object"),
    }
}

pub fn meta_mut(obj: &mut Value) -> &mut Map<String, Value> {
    map_mut(obj, "metadata")
}

/// The controller owner reference (`controller: true`), if any: (kind, name, uid).
pub fn controller_of(obj: &Value) -> Option<(&str, &str, &str)> {
    obj.at("/metadata/ownerReferences")
        .and_then(Value::as_array)?
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|r| {
            (
                r.get("kind").and_then(Value::as_str).unwrap_or(""),
                r.get("name").and_then(Value::as_str).unwrap_or(""),
                r.get("uid").and_then(Value::as_str).unwrap_or(""),
            )
        })
}

/// The fields an object reference (an Event's involvedObject) is made of: apiVersion, kind,
/// name, namespace, uid and resourceVersion, without the rest of the object.
pub fn reference_fields(obj: &Value) -> Value {
    let meta = |k: &str| {
        obj.at(&format!("/metadata/{k}"))
            .cloned()
            .unwrap_or(Value::Null)
    };
    json!({
        "apiVersion": str_at(obj, "/apiVersion"),
        "kind": kind(obj),
        "metadata": {
            "name": meta("name"),
            "namespace": meta("namespace"),
            "uid": meta("uid"),
            "resourceVersion": meta("resourceVersion"),
        },
    })
}

/// An ownerReference making `owner` the controller of a dependent.
pub fn controller_ref(owner: &Value) -> Value {
    json!({
        "apiVersion": str_at(owner, "/apiVersion"),
        "blockOwnerDeletion": true,
        "controller": true,
        "kind": kind(owner),
        "name": name(owner),
        "uid": uid(owner),
    })
}

/// A label selector (`matchLabels` and `matchExpressions`) matched against labels.
pub fn selector_matches(selector: &Value, labels: &Map<String, Value>) -> bool {
    if let Some(ml) = selector.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in ml {
            if labels.get(k) != Some(v) {
                return false;
            }
        }
    }
    if let Some(exprs) = selector.get("matchExpressions").and_then(Value::as_array) {
        for e in exprs {
            let key = str_at(e, "/key");
            let values: Vec<&str> = e
                .get("values")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let have = labels.get(key).and_then(Value::as_str);
            let ok = match str_at(e, "/operator") {
                "In" => have.is_some_and(|h| values.contains(&h)),
                "NotIn" => have.is_none_or(|h| !values.contains(&h)),
                "Exists" => have.is_some(),
                "DoesNotExist" => have.is_none(),
                _ => false,
            };
            if !ok {
                return false;
            }
        }
    }
    true
}

/// `map[string]string` selector (Services, ReplicationControllers) matched against labels.
pub fn map_selector_matches(selector: &Map<String, Value>, labels: &Map<String, Value>) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// `k=v,k2=v2` sorted by key, as `--show-labels` and selectors print.
pub fn labels_string(labels: &Map<String, Value>) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{}={}", k, v.as_str().unwrap_or("")))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_at_agrees_with_serde_json() {
        let v = json!({
            "a": {"b": [10, {"c": "x"}], "": 1, "d/e": 2, "f~g": 3},
            "0": "zero",
            "list": [[1, 2], [3]],
        });
        for p in [
            "",
            "/",
            "/a",
            "/a/b",
            "/a/b/0",
            "/a/b/1/c",
            "/a/b/2",
            "/a/b/01",
            "/a/b/+1",
            "/a/b/-1",
            "/a/",
            "/a/d~1e",
            "/a/f~0g",
            "/a/f~1g",
            "/0",
            "/list/1/0",
            "/list/0/1",
            "/missing",
            "/a/b/1/c/deeper",
            "a",
            "/a/b/18446744073709551616",
        ] {
            assert_eq!(v.at(p), v.pointer(p), "pointer {p:?}");
        }
    }

    #[test]
    fn labels_ref_borrows_or_is_empty() {
        let pod = json!({"metadata": {"labels": {"app": "web"}}});
        assert_eq!(labels_ref(&pod).get("app"), Some(&json!("web")));
        assert!(labels_ref(&json!({})).is_empty());
        assert_eq!(labels_ref(&pod), &labels(&pod));
    }
}

//! The three patch formats the API server accepts (apimachinery `strategicpatch`, RFC 7386 JSON
//! merge patch via evanphx/json-patch, RFC 6902 JSON patch), and the three-way strategic merge
//! `kubectl apply` computes from the last-applied configuration.

use crate::sorting::SharedSort;
use serde_json::{Map, Value};

/// `--type` of `kubectl patch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchType {
    Strategic,
    Merge,
    Json,
}

/// Bounds, so no patch freezes the page.
const MAX_DEPTH: usize = 64;
const MAX_OPS: usize = 10_000;

/// How a list field merges in a strategic merge patch (the `patchStrategy`/`patchMergeKey`
/// struct tags of the API types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListStrategy {
    /// Replaced whole.
    Replace,
    /// Elements are objects merged by this key.
    MergeByKey(&'static str),
    /// A set of scalars (metadata.finalizers).
    MergePrimitives,
}

/// The strategy of `field` inside an object reached through `parent` (the key that holds the
/// object, "" at the top).
fn list_strategy(parent: &str, field: &str) -> ListStrategy {
    use ListStrategy::*;
    match (parent, field) {
        (_, "containers" | "initContainers" | "ephemeralContainers") => MergeByKey("name"),
        (_, "volumes" | "env" | "imagePullSecrets" | "resourceClaims" | "schedulingGates") => {
            MergeByKey("name")
        }
        ("containers" | "initContainers" | "ephemeralContainers", "ports") => {
            MergeByKey("containerPort")
        }
        ("spec", "ports") => MergeByKey("port"),
        (_, "volumeMounts") => MergeByKey("mountPath"),
        (_, "volumeDevices") => MergeByKey("devicePath"),
        (_, "hostAliases") => MergeByKey("ip"),
        (_, "topologySpreadConstraints") => MergeByKey("topologyKey"),
        ("metadata", "ownerReferences") => MergeByKey("uid"),
        ("metadata", "finalizers") => MergePrimitives,
        ("status", "conditions") => MergeByKey("type"),
        ("status", "addresses") => MergeByKey("type"),
        ("serviceaccount" | "", "secrets") => MergeByKey("name"),
        _ => Replace,
    }
}

/// A patch the server cannot apply: the message, and whether it is the client's malformed
/// request (400) rather than one that does not apply (422).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchError {
    pub message: String,
    pub bad_request: bool,
}

fn bad(message: impl Into<String>) -> PatchError {
    PatchError {
        message: message.into(),
        bad_request: true,
    }
}

fn unprocessable(message: impl Into<String>) -> PatchError {
    PatchError {
        message: message.into(),
        bad_request: false,
    }
}

/// Applies a patch of any type to `doc`.
pub fn apply(doc: &Value, patch_type: PatchType, patch: &Value) -> Result<Value, PatchError> {
    match patch_type {
        PatchType::Merge => {
            if !patch.is_object() {
                return Ok(patch.clone());
            }
            Ok(merge_patch(doc, patch, 0))
        }
        PatchType::Strategic => {
            let Some(p) = patch.as_object() else {
                return Err(bad(
                    "json: cannot unmarshal array into Go value of type map[string]interface {}",
                ));
            };
            let Some(d) = doc.as_object() else {
                return Err(bad("invalid JSON document"));
            };
            strategic_map(d, p, "", 0).map(Value::Object)
        }
        PatchType::Json => json_patch(doc, patch),
    }
}

/// RFC 7386: objects merge, `null` deletes, anything else replaces.
pub fn merge_patch(doc: &Value, patch: &Value, depth: usize) -> Value {
    let Some(p) = patch.as_object() else {
        return patch.clone();
    };
    let mut out = doc.as_object().cloned().unwrap_or_default();
    for (k, v) in p {
        if v.is_null() {
            out.remove(k);
        } else if depth >= MAX_DEPTH {
            out.insert(k.clone(), v.clone());
        } else {
            let merged = merge_patch(out.get(k).unwrap_or(&Value::Null), v, depth + 1);
            out.insert(k.clone(), merged);
        }
    }
    Value::Object(out)
}

const DIRECTIVE: &str = "$patch";
const RETAIN_KEYS: &str = "$retainKeys";
const SET_ORDER: &str = "$setElementOrder/";
const DELETE_PRIMITIVE: &str = "$deleteFromPrimitiveList/";

/// Removes every directive and null from a patch value that has nothing to merge into.
fn strip(v: &Value, depth: usize) -> Value {
    match v {
        Value::Object(m) if depth < MAX_DEPTH => {
            let mut out = Map::new();
            for (k, x) in m {
                if k == DIRECTIVE
                    || k == RETAIN_KEYS
                    || k.starts_with(SET_ORDER)
                    || k.starts_with(DELETE_PRIMITIVE)
                    || x.is_null()
                {
                    continue;
                }
                out.insert(k.clone(), strip(x, depth + 1));
            }
            Value::Object(out)
        }
        Value::Array(items) if depth < MAX_DEPTH => Value::Array(
            items
                .iter()
                .filter(|i| {
                    i.get(DIRECTIVE).and_then(Value::as_str) != Some("delete")
                        && i.get(DIRECTIVE).and_then(Value::as_str) != Some("replace")
                })
                .map(|i| strip(i, depth + 1))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The strategic merge of one object.
fn strategic_map(
    doc: &Map<String, Value>,
    patch: &Map<String, Value>,
    parent: &str,
    depth: usize,
) -> Result<Map<String, Value>, PatchError> {
    if depth > MAX_DEPTH {
        return Err(bad("patch too deep"));
    }
    match patch.get(DIRECTIVE).and_then(Value::as_str) {
        Some("replace") => {
            return Ok(strip(&Value::Object(patch.clone()), depth)
                .as_object()
                .cloned()
                .unwrap_or_default())
        }
        Some("delete") => return Ok(Map::new()),
        Some("merge") | None => {}
        Some(other) => {
            return Err(bad(format!(
                "Unrecognized patch directive for map: {other}"
            )))
        }
    }
    let mut out = doc.clone();
    if let Some(keys) = patch.get(RETAIN_KEYS) {
        let Some(keys) = keys.as_array() else {
            return Err(bad("invalid patch: $retainKeys must be a list"));
        };
        let keep: Vec<&str> = keys.iter().filter_map(Value::as_str).collect();
        out.retain(|k, _| keep.contains(&k.as_str()));
    }
    for (k, v) in patch {
        if let Some(field) = k.strip_prefix(DELETE_PRIMITIVE) {
            let remove: Vec<&Value> = v.as_array().map(|a| a.iter().collect()).unwrap_or_default();
            if let Some(list) = out.get_mut(field).and_then(Value::as_array_mut) {
                list.retain(|x| !remove.contains(&x));
            }
        }
    }
    for (k, pv) in patch {
        if k == DIRECTIVE
            || k == RETAIN_KEYS
            || k.starts_with(SET_ORDER)
            || k.starts_with(DELETE_PRIMITIVE)
        {
            continue;
        }
        if pv.is_null() {
            out.remove(k);
            continue;
        }
        let merged = match (out.get(k), pv) {
            (Some(Value::Object(dm)), Value::Object(pm)) => {
                Value::Object(strategic_map(dm, pm, k, depth + 1)?)
            }
            (None, Value::Object(pm)) => {
                Value::Object(strategic_map(&Map::new(), pm, k, depth + 1)?)
            }
            (dv, Value::Array(pl)) => {
                let order = patch
                    .get(&format!("{SET_ORDER}{k}"))
                    .and_then(Value::as_array);
                let dl = match dv {
                    Some(Value::Array(dl)) => dl.clone(),
                    _ => vec![],
                };
                Value::Array(strategic_list(
                    &dl,
                    pl,
                    list_strategy(parent, k),
                    k,
                    order,
                    depth + 1,
                )?)
            }
            (_, other) => other.clone(),
        };
        out.insert(k.clone(), merged);
    }
    // A `$setElementOrder` alone still orders the list.
    for (k, v) in patch {
        if let Some(field) = k.strip_prefix(SET_ORDER) {
            if patch.contains_key(field) {
                continue;
            }
            if let (Some(Value::Array(list)), Some(order)) = (out.get(field), v.as_array()) {
                let key = match list_strategy(parent, field) {
                    ListStrategy::MergeByKey(key) => Some(key),
                    _ => None,
                };
                let sorted = apply_order(list.clone(), order, key);
                out.insert(field.to_string(), Value::Array(sorted));
            }
        }
    }
    Ok(out)
}

fn key_of<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key)
}

/// Orders `list` as `order` lists it (by merge key for objects); elements not in the order
/// keep their place after the ordered ones.
fn apply_order(list: Vec<Value>, order: &[Value], key: Option<&str>) -> Vec<Value> {
    let rank = |v: &Value| -> usize {
        let probe = match key {
            Some(k) => v.get(k).cloned(),
            None => Some(v.clone()),
        };
        order
            .iter()
            .position(|o| match key {
                Some(k) => probe.as_ref() == o.get(k),
                None => probe.as_ref() == Some(o),
            })
            .unwrap_or(usize::MAX)
    };
    let mut indexed: Vec<(usize, usize, Value)> = list
        .into_iter()
        .enumerate()
        .map(|(i, v)| (rank(&v), i, v))
        .collect();
    indexed.sort_shared_by_key(|(r, i, _)| (*r, *i));
    indexed.into_iter().map(|(_, _, v)| v).collect()
}

fn strategic_list(
    doc: &[Value],
    patch: &[Value],
    strategy: ListStrategy,
    field: &str,
    order: Option<&Vec<Value>>,
    depth: usize,
) -> Result<Vec<Value>, PatchError> {
    // `{"$patch": "replace"}` as an element replaces the whole list.
    if patch
        .iter()
        .any(|e| e.get(DIRECTIVE).and_then(Value::as_str) == Some("replace"))
    {
        return Ok(patch
            .iter()
            .filter(|e| e.get(DIRECTIVE).is_none())
            .map(|e| strip(e, depth))
            .collect());
    }
    let mut out: Vec<Value> = match strategy {
        ListStrategy::Replace => {
            return Ok(patch.iter().map(|e| strip(e, depth)).collect());
        }
        ListStrategy::MergePrimitives => {
            let mut out = doc.to_vec();
            for p in patch {
                if !out.contains(p) {
                    out.push(p.clone());
                }
            }
            out
        }
        ListStrategy::MergeByKey(key) => {
            let mut out = doc.to_vec();
            for p in patch {
                let Some(pm) = p.as_object() else {
                    // A list of scalars where objects were expected: replaced.
                    return Ok(patch.iter().map(|e| strip(e, depth)).collect());
                };
                let Some(kv) = key_of(p, key) else {
                    return Err(bad(format!(
                        "map: {} does not contain declared merge key: {key}",
                        go_map(pm)
                    )));
                };
                let pos = out.iter().position(|o| key_of(o, key) == Some(kv));
                match p.get(DIRECTIVE).and_then(Value::as_str) {
                    Some("delete") => {
                        out.retain(|o| key_of(o, key) != Some(kv));
                        continue;
                    }
                    Some("merge") | None => {}
                    Some(other) => {
                        return Err(bad(format!(
                            "Unrecognized patch directive in list: {other}"
                        )))
                    }
                }
                match pos {
                    Some(i) => {
                        let base = out[i].as_object().cloned().unwrap_or_default();
                        out[i] = Value::Object(strategic_map(&base, pm, field, depth + 1)?);
                    }
                    None => out.push(Value::Object(strategic_map(
                        &Map::new(),
                        pm,
                        field,
                        depth + 1,
                    )?)),
                }
            }
            out
        }
    };
    if let Some(order) = order {
        let key = match strategy {
            ListStrategy::MergeByKey(k) => Some(k),
            _ => None,
        };
        out = apply_order(out, order, key);
    }
    Ok(out)
}

/// A Go `map[string]interface{}` as `%v` prints it, for error texts.
fn go_map(m: &Map<String, Value>) -> String {
    let parts: Vec<String> = m
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("{k}:{v}")
        })
        .collect();
    format!("map[{}]", parts.join(" "))
}

// ---------------------------------------------------------------------------------------------
// RFC 6902 JSON patch, with evanphx/json-patch v4's error texts.
// ---------------------------------------------------------------------------------------------

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn split_pointer(path: &str) -> Result<Vec<String>, PatchError> {
    if path.is_empty() {
        return Ok(vec![]);
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Err(unprocessable(format!(
            "add operation does not apply: doc is missing path: \"{path}\": missing value"
        )));
    };
    Ok(rest.split('/').map(unescape).collect())
}

/// The container at `parts[..len-1]`, mutably.
fn parent_mut<'a>(doc: &'a mut Value, parts: &[String]) -> Option<&'a mut Value> {
    let mut cur = doc;
    for p in &parts[..parts.len().saturating_sub(1)] {
        cur = match cur {
            Value::Object(m) => m.get_mut(p)?,
            Value::Array(a) => {
                let i: usize = p.parse().ok()?;
                a.get_mut(i)?
            }
            _ => return None,
        };
    }
    Some(cur)
}

fn get_at<'a>(doc: &'a Value, parts: &[String]) -> Option<&'a Value> {
    let mut cur = doc;
    for p in parts {
        cur = match cur {
            Value::Object(m) => m.get(p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn add_at(doc: &mut Value, path: &str, value: Value, op: &str) -> Result<(), PatchError> {
    let parts = split_pointer(path)?;
    if parts.is_empty() {
        *doc = value;
        return Ok(());
    }
    let missing = || {
        unprocessable(format!(
            "{op} operation does not apply: doc is missing path: \"{path}\": missing value"
        ))
    };
    let last = parts[parts.len() - 1].clone();
    let parent = parent_mut(doc, &parts).ok_or_else(missing)?;
    match parent {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(a) => {
            if last == "-" {
                a.push(value);
                return Ok(());
            }
            let i: i64 = last.parse().map_err(|_| {
                unprocessable(format!(
                    "Unable to access invalid index: {last}: invalid index referenced"
                ))
            })?;
            if i < 0 || i as usize > a.len() {
                return Err(unprocessable(format!(
                    "Unable to access invalid index: {i}: invalid index referenced"
                )));
            }
            a.insert(i as usize, value);
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn remove_at(doc: &mut Value, path: &str) -> Result<Value, PatchError> {
    let parts = split_pointer(path)?;
    let Some(last) = parts.last().cloned() else {
        return Err(unprocessable(
            "remove operation does not apply: doc is missing path: \"\": missing value",
        ));
    };
    let parent = parent_mut(doc, &parts).ok_or_else(|| {
        unprocessable(format!(
            "remove operation does not apply: doc is missing path: \"{path}\": missing value"
        ))
    })?;
    match parent {
        Value::Object(m) => m.remove(&last).ok_or_else(|| {
            unprocessable(format!(
                "error in remove for path: '{path}': Unable to remove nonexistent key: {last}: missing value"
            ))
        }),
        Value::Array(a) => {
            let i: usize = last.parse().map_err(|_| {
                unprocessable(format!(
                    "error in remove for path: '{path}': Unable to access invalid index: {last}: invalid index referenced"
                ))
            })?;
            if i >= a.len() {
                return Err(unprocessable(format!(
                    "error in remove for path: '{path}': Unable to access invalid index: {i}: invalid index referenced"
                )));
            }
            Ok(a.remove(i))
        }
        _ => Err(unprocessable(format!(
            "remove operation does not apply: doc is missing path: \"{path}\": missing value"
        ))),
    }
}

fn json_patch(doc: &Value, patch: &Value) -> Result<Value, PatchError> {
    let Some(ops) = patch.as_array() else {
        let what = match patch {
            Value::Object(_) => "object",
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            _ => "null",
        };
        return Err(bad(format!(
            "json: cannot unmarshal {what} into Go value of type jsonpatch.Patch"
        )));
    };
    let mut out = doc.clone();
    for op in ops.iter().take(MAX_OPS) {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str);
        let Some(path) = path else {
            return Err(unprocessable(format!(
                "{kind} operation failed to decode path: operation missing path field: missing value"
            )));
        };
        match kind {
            "add" => {
                let value = op.get("value").cloned().ok_or_else(|| {
                    unprocessable("add operation failed to decode value: operation, missing value field: missing value")
                })?;
                add_at(&mut out, path, value, "add")?;
            }
            "remove" => {
                remove_at(&mut out, path)?;
            }
            "replace" => {
                let value = op.get("value").cloned().ok_or_else(|| {
                    unprocessable("replace operation failed to decode value: operation, missing value field: missing value")
                })?;
                let parts = split_pointer(path)?;
                let parent_is_object = parts.is_empty()
                    || get_at(&out, &parts[..parts.len() - 1]).is_some_and(Value::is_object);
                if get_at(&out, &parts).is_none() && !parent_is_object {
                    return Err(unprocessable(format!(
                        "replace operation does not apply: doc is missing key: {path}: missing value"
                    )));
                }
                if parts.is_empty() {
                    out = value;
                } else {
                    if get_at(&out, &parts).is_some() {
                        remove_at(&mut out, path)?;
                    }
                    add_at(&mut out, path, value, "replace")?;
                }
            }
            "move" | "copy" => {
                let from = op.get("from").and_then(Value::as_str).unwrap_or("");
                let from_parts = split_pointer(from)?;
                let value = get_at(&out, &from_parts).cloned().ok_or_else(|| {
                    unprocessable(format!(
                        "{kind} operation does not apply: doc is missing from path: {from}: missing value"
                    ))
                })?;
                if kind == "move" {
                    remove_at(&mut out, from)?;
                }
                add_at(&mut out, path, value, kind)?;
            }
            "test" => {
                let want = op.get("value").cloned().unwrap_or(Value::Null);
                let parts = split_pointer(path)?;
                let have = get_at(&out, &parts).cloned().unwrap_or(Value::Null);
                if have != want {
                    return Err(unprocessable(format!(
                        "testing value {path} failed: test failed"
                    )));
                }
            }
            other => return Err(unprocessable(format!("Unexpected kind: {other}"))),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The three-way patch of `kubectl apply` (strategicpatch.CreateThreeWayMergePatch).
// ---------------------------------------------------------------------------------------------

/// The patch that takes `current` (the live object) to `modified` (the new configuration),
/// deleting what `original` (the last applied configuration) had and `modified` no longer has.
/// Fields only the server set are left alone. An empty object means nothing to do.
pub fn three_way(original: &Value, modified: &Value, current: &Value) -> Value {
    let empty = Map::new();
    let o = original.as_object().unwrap_or(&empty);
    let m = modified.as_object().unwrap_or(&empty);
    let c = current.as_object().unwrap_or(&empty);
    let mut patch = additions(c, m, "", 0);
    let deletions = deletions(o, m, "", 0);
    merge_into(&mut patch, deletions);
    Value::Object(patch)
}

/// The same for a JSON merge patch (types without a strategy: a list changes whole).
pub fn three_way_merge(original: &Value, modified: &Value, current: &Value) -> Value {
    three_way(original, modified, current)
}

fn merge_into(patch: &mut Map<String, Value>, other: Map<String, Value>) {
    for (k, v) in other {
        match (patch.get_mut(&k), v) {
            (Some(Value::Object(a)), Value::Object(b)) => merge_into(a, b),
            (Some(Value::Array(a)), Value::Array(b)) => {
                for x in b {
                    if !a.contains(&x) {
                        a.push(x);
                    }
                }
            }
            (Some(_), _) => {}
            (None, v) => {
                patch.insert(k, v);
            }
        }
    }
}

/// What `modified` sets that `current` lacks or has differently.
fn additions(
    current: &Map<String, Value>,
    modified: &Map<String, Value>,
    parent: &str,
    depth: usize,
) -> Map<String, Value> {
    let mut patch = Map::new();
    for (k, mv) in modified {
        let cv = current.get(k);
        if cv == Some(mv) {
            continue;
        }
        match (cv, mv) {
            (Some(Value::Object(cm)), Value::Object(mm)) if depth < MAX_DEPTH => {
                let sub = additions(cm, mm, k, depth + 1);
                if !sub.is_empty() {
                    patch.insert(k.clone(), Value::Object(sub));
                }
            }
            (Some(Value::Array(cl)), Value::Array(ml)) => {
                match list_strategy(parent, k) {
                    ListStrategy::MergeByKey(key) if depth < MAX_DEPTH => {
                        let mut items = vec![];
                        for me in ml {
                            let Some(mm) = me.as_object() else {
                                items.push(me.clone());
                                continue;
                            };
                            let kv = mm.get(key);
                            match cl.iter().find(|ce| kv.is_some() && ce.get(key) == kv) {
                                Some(ce) => {
                                    let cm = ce.as_object().cloned().unwrap_or_default();
                                    let sub = additions(&cm, mm, k, depth + 1);
                                    if !sub.is_empty() {
                                        let mut sub = sub;
                                        if let Some(kv) = kv {
                                            sub.insert(key.to_string(), kv.clone());
                                        }
                                        items.push(Value::Object(sub));
                                    }
                                }
                                None => items.push(me.clone()),
                            }
                        }
                        // Order changes count too.
                        let order: Vec<Option<&Value>> = ml.iter().map(|e| e.get(key)).collect();
                        let cur_order: Vec<Option<&Value>> = cl
                            .iter()
                            .map(|e| e.get(key))
                            .filter(|kv| order.contains(kv))
                            .collect();
                        if !items.is_empty() || order != cur_order {
                            patch.insert(
                                format!("{SET_ORDER}{k}"),
                                Value::Array(
                                    ml.iter()
                                        .filter_map(|e| {
                                            e.get(key).map(|kv| {
                                                let mut m = Map::new();
                                                m.insert(key.to_string(), kv.clone());
                                                Value::Object(m)
                                            })
                                        })
                                        .collect(),
                                ),
                            );
                        }
                        if !items.is_empty() {
                            patch.insert(k.clone(), Value::Array(items));
                        }
                    }
                    ListStrategy::MergePrimitives => {
                        let missing: Vec<Value> =
                            ml.iter().filter(|x| !cl.contains(x)).cloned().collect();
                        if !missing.is_empty() {
                            patch.insert(k.clone(), Value::Array(missing));
                        }
                    }
                    _ => {
                        patch.insert(k.clone(), mv.clone());
                    }
                }
            }
            _ => {
                patch.insert(k.clone(), mv.clone());
            }
        }
    }
    patch
}

/// What `original` had and `modified` dropped: set to null (or `$patch: delete` in lists).
fn deletions(
    original: &Map<String, Value>,
    modified: &Map<String, Value>,
    parent: &str,
    depth: usize,
) -> Map<String, Value> {
    let mut patch = Map::new();
    for (k, ov) in original {
        match (ov, modified.get(k)) {
            (_, None) => {
                patch.insert(k.clone(), Value::Null);
            }
            (Value::Object(om), Some(Value::Object(mm))) if depth < MAX_DEPTH => {
                let sub = deletions(om, mm, k, depth + 1);
                if !sub.is_empty() {
                    patch.insert(k.clone(), Value::Object(sub));
                }
            }
            (Value::Array(ol), Some(Value::Array(ml))) => match list_strategy(parent, k) {
                ListStrategy::MergeByKey(key) if depth < MAX_DEPTH => {
                    let mut items = vec![];
                    for oe in ol {
                        let kv = oe.get(key);
                        match ml.iter().find(|me| kv.is_some() && me.get(key) == kv) {
                            None => {
                                if let Some(kv) = kv {
                                    let mut m = Map::new();
                                    m.insert(DIRECTIVE.into(), Value::String("delete".into()));
                                    m.insert(key.to_string(), kv.clone());
                                    items.push(Value::Object(m));
                                }
                            }
                            Some(me) => {
                                if let (Some(om), Some(mm)) = (oe.as_object(), me.as_object()) {
                                    let sub = deletions(om, mm, k, depth + 1);
                                    if !sub.is_empty() {
                                        let mut sub = sub;
                                        if let Some(kv) = kv {
                                            sub.insert(key.to_string(), kv.clone());
                                        }
                                        items.push(Value::Object(sub));
                                    }
                                }
                            }
                        }
                    }
                    if !items.is_empty() {
                        patch.insert(k.clone(), Value::Array(items));
                    }
                }
                ListStrategy::MergePrimitives => {
                    let gone: Vec<Value> = ol.iter().filter(|x| !ml.contains(x)).cloned().collect();
                    if !gone.is_empty() {
                        patch.insert(format!("{DELETE_PRIMITIVE}{k}"), Value::Array(gone));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    patch
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(containers: Value) -> Value {
        json!({"metadata": {"name": "p", "labels": {"a": "1"}}, "spec": {"containers": containers}})
    }

    #[test]
    fn strategic_merges_containers_by_name() {
        let doc = pod(json!([{"name": "a", "image": "nginx"}, {"name": "b", "image": "redis"}]));
        let p = json!({"spec": {"containers": [{"name": "b", "image": "redis:7"}, {"name": "c", "image": "busybox"}]}});
        let out = apply(&doc, PatchType::Strategic, &p).unwrap_or_default();
        assert_eq!(
            out["spec"]["containers"],
            json!([{"name": "a", "image": "nginx"}, {"name": "b", "image": "redis:7"}, {"name": "c", "image": "busybox"}])
        );
        let del = json!({"spec": {"containers": [{"name": "a", "$patch": "delete"}]}, "metadata": {"labels": {"a": null, "b": "2"}}});
        let out = apply(&doc, PatchType::Strategic, &del).unwrap_or_default();
        assert_eq!(out["spec"]["containers"].as_array().map(Vec::len), Some(1));
        assert_eq!(out["metadata"]["labels"], json!({"b": "2"}));
    }

    #[test]
    fn merge_patch_replaces_lists() {
        let doc = pod(json!([{"name": "a", "image": "nginx"}, {"name": "b", "image": "redis"}]));
        let p = json!({"spec": {"containers": [{"name": "b", "image": "redis:7"}]}});
        let out = apply(&doc, PatchType::Merge, &p).unwrap_or_default();
        assert_eq!(
            out["spec"]["containers"],
            json!([{"name": "b", "image": "redis:7"}])
        );
    }

    #[test]
    fn json_patch_ops_and_errors() {
        let doc = json!({"spec": {"replicas": 1, "list": [1, 2]}});
        let p = json!([
            {"op": "replace", "path": "/spec/replicas", "value": 3},
            {"op": "add", "path": "/spec/list/-", "value": 3},
            {"op": "remove", "path": "/spec/list/0"},
            {"op": "test", "path": "/spec/replicas", "value": 3}
        ]);
        let out = apply(&doc, PatchType::Json, &p).unwrap_or_default();
        assert_eq!(out, json!({"spec": {"replicas": 3, "list": [2, 3]}}));
        let err = apply(
            &doc,
            PatchType::Json,
            &json!([{"op": "remove", "path": "/spec/foo"}]),
        );
        assert_eq!(
            err.err().map(|e| e.message),
            Some("error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value".to_string())
        );
        assert!(apply(&doc, PatchType::Json, &json!({})).is_err());
    }

    #[test]
    fn three_way_patch() {
        let original =
            json!({"metadata": {"labels": {"a": "1", "old": "x"}}, "spec": {"replicas": 2}});
        let modified = json!({"metadata": {"labels": {"a": "1"}}, "spec": {"replicas": 3}});
        let current = json!({"metadata": {"labels": {"a": "1", "old": "x"}, "uid": "u"}, "spec": {"replicas": 2, "paused": false}});
        let p = three_way(&original, &modified, &current);
        assert_eq!(
            p,
            json!({"metadata": {"labels": {"old": null}}, "spec": {"replicas": 3}})
        );
        let same = three_way(
            &modified,
            &modified,
            &apply(&current, PatchType::Strategic, &p).unwrap_or_default(),
        );
        assert_eq!(same, json!({}));
    }

    #[test]
    fn three_way_lists_by_key() {
        let original =
            pod(json!([{"name": "a", "image": "nginx"}, {"name": "b", "image": "redis"}]));
        let modified = pod(json!([{"name": "a", "image": "nginx:1.25"}]));
        let current = pod(
            json!([{"name": "a", "image": "nginx", "imagePullPolicy": "Always"}, {"name": "b", "image": "redis"}]),
        );
        let p = three_way(&original, &modified, &current);
        let out = apply(&current, PatchType::Strategic, &p).unwrap_or_default();
        assert_eq!(
            out["spec"]["containers"],
            json!([{"name": "a", "image": "nginx:1.25", "imagePullPolicy": "Always"}])
        );
    }
}

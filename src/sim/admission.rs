//! What the API server does to a request between defaulting and the store: the admission
//! plugins (LimitRanger, Priority, ResourceQuota), the Service REST storage's allocators
//! (ClusterIPs from 10.96.0.0/12, node ports from 30000-32767) and the eviction subresource
//! with PodDisruptionBudgets.
//!
//! Order on create, as in kube-apiserver: mutating admission (`mutate`), allocation, validation
//! (in `validation`), then validating admission (`validate`), which also charges quota.

use crate::sim::object::Pointer as _;
use crate::sorting::{CollectInserted, SharedSort};
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::apiserver::{ApiServer, DeleteOptions, Status};
use super::clock::rfc3339;
use super::object::{self, str_at};
use super::quantity::Quantity;
use super::resources::{by_plural, rt, ResourceType};

/// The service CIDR kubeadm configures (`--service-cluster-ip-range`).
pub const SERVICE_CIDR: &str = "10.96.0.0/12";
const SERVICE_NET_BASE: u32 = 10 << 24 | 96 << 16;
const SERVICE_NET_SIZE: u32 = 1 << 20;
/// The low band of the range is kept for addresses asked for by name (KEP-3070): random
/// allocation takes from above it first.
const SERVICE_STATIC_BAND: u32 = 256;
/// `--service-node-port-range`.
pub const NODE_PORT_MIN: i64 = 30000;
pub const NODE_PORT_MAX: i64 = 32767;
/// The node port static band: min(max(16, size/32), 128).
const NODE_PORT_STATIC_BAND: i64 = 86;

/// Mutating admission and allocation, before validation. `updating`: the object replaces the
/// stored one of the same name.
pub fn mutate(
    api: &mut ApiServer,
    rt: &ResourceType,
    ns: &str,
    obj: &mut Value,
    updating: bool,
) -> Result<(), Status> {
    match rt.kind {
        "Service" => {
            let old = if updating {
                api.get(rt, ns, object::name(obj)).ok()
            } else {
                None
            };
            allocate_service(api, obj, old.as_ref())
        }
        "Pod" if !updating => {
            limit_ranger_defaults(api, ns, obj);
            admit_priority(api, rt, obj)
        }
        _ => Ok(()),
    }
}

/// Validating admission after validation, on create: LimitRanger's checks, then ResourceQuota
/// (which charges the quota unless `dry_run`).
pub fn validate(
    api: &mut ApiServer,
    rt: &ResourceType,
    ns: &str,
    obj: &Value,
    dry_run: bool,
) -> Result<(), Status> {
    if rt.kind == "Pod" {
        limit_ranger_validate(api, rt, ns, obj)?;
    }
    if rt.namespaced {
        admit_quota(api, rt, ns, obj, dry_run)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Quantities

/// A quantity as the API serialises it (`"500m"`, `2`).
pub fn quantity_of(v: &Value) -> Option<Quantity> {
    match v {
        Value::String(s) => Quantity::parse(s),
        Value::Number(n) => Quantity::parse(&n.to_string()),
        _ => None,
    }
}

fn count(n: i64) -> Quantity {
    Quantity::parse(&n.to_string()).unwrap_or_default()
}

/// A resource list (`{"cpu": "500m"}`) as quantities.
fn resource_list(v: Option<&Value>) -> BTreeMap<String, Quantity> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), quantity_of(v)?)))
                .collect_inserted()
        })
        .unwrap_or_default()
}

/// `quota.Add`.
fn add_into(acc: &mut BTreeMap<String, Quantity>, other: &BTreeMap<String, Quantity>) {
    for (k, q) in other {
        acc.entry(k.clone()).or_default().add(q);
    }
}

/// `prettyPrint`: `name=qty` sorted by name, comma-joined.
fn pretty(list: &BTreeMap<String, Quantity>) -> String {
    list.iter()
        .map(|(k, q)| format!("{k}={q}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Go's `utilerrors.NewAggregate(errs).Error()`.
fn aggregate(errs: &[String]) -> String {
    if errs.len() == 1 {
        errs[0].clone()
    } else {
        format!("[{}]", errs.join(", "))
    }
}

// ---------------------------------------------------------------------------------------------
// Priority

/// The built-in classes the API server creates at start-up.
fn system_priority(name: &str) -> Option<i64> {
    match name {
        "system-node-critical" => Some(2_000_001_000),
        "system-cluster-critical" => Some(2_000_000_000),
        _ => None,
    }
}

/// The Priority admission plugin: `priorityClassName` resolves to `priority` and
/// `preemptionPolicy`; without a class, the global default class applies if there is one.
fn admit_priority(api: &ApiServer, rt: &ResourceType, pod: &mut Value) -> Result<(), Status> {
    let pc_type = by_plural("priorityclasses", "scheduling.k8s.io");
    let class_name = str_at(pod, "/spec/priorityClassName").to_string();
    let class = if class_name.is_empty() {
        pc_type.and_then(|t| {
            api.for_each(t, None)
                .filter(|c| c.get("globalDefault") == Some(&json!(true)))
                .min_by_key(|c| c.get("value").and_then(Value::as_i64).unwrap_or(0))
                .cloned()
        })
    } else {
        pc_type.and_then(|t| api.get(t, "", &class_name).ok())
    };
    let (name, value, policy) = match (&class, system_priority(&class_name)) {
        (Some(c), _) => (
            object::name(c).to_string(),
            c.get("value").and_then(Value::as_i64).unwrap_or(0),
            match str_at(c, "/preemptionPolicy") {
                "" => "PreemptLowerPriority".to_string(),
                p => p.to_string(),
            },
        ),
        (None, Some(v)) => (class_name.clone(), v, "PreemptLowerPriority".to_string()),
        (None, None) if class_name.is_empty() => return Ok(()),
        (None, None) => {
            return Err(Status::forbidden(
                rt,
                object::name(pod),
                &format!("no PriorityClass with name {class_name} was found"),
            ))
        }
    };
    let spec = object::map_mut(pod, "spec");
    spec.insert("priorityClassName".into(), json!(name));
    spec.insert("priority".into(), json!(value));
    spec.insert("preemptionPolicy".into(), json!(policy));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// LimitRanger

fn limit_ranges(api: &ApiServer, ns: &str) -> Vec<Value> {
    api.list(rt("limitranges"), Some(ns))
}

/// The `Container` items of a LimitRange.
fn container_items(lr: &Value) -> Vec<Value> {
    lr.at("/spec/limits")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter(|i| str_at(i, "/type") == "Container")
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// LimitRanger's mutation: containers without requests or limits get the LimitRange's
/// `defaultRequest` and `default`, and the pod is annotated with what was set.
fn limit_ranger_defaults(api: &ApiServer, ns: &str, pod: &mut Value) {
    for lr in limit_ranges(api, ns) {
        let mut requests: Map<String, Value> = Map::new();
        let mut limits: Map<String, Value> = Map::new();
        for item in container_items(&lr) {
            if let Some(m) = item.get("defaultRequest").and_then(Value::as_object) {
                requests.extend(m.clone());
            }
            if let Some(m) = item.get("default").and_then(Value::as_object) {
                limits.extend(m.clone());
            }
        }
        if requests.is_empty() && limits.is_empty() {
            continue;
        }
        let mut notes: Vec<String> = vec![];
        for (list, prefix) in [
            ("initContainers", "init container"),
            ("containers", "container"),
        ] {
            let Some(cs) = pod
                .pointer_mut(&format!("/spec/{list}"))
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for c in cs.iter_mut() {
                let cname = str_at(c, "/name").to_string();
                let res = object::map_mut(c, "resources");
                let mut set_limits = vec![];
                let mut set_requests = vec![];
                {
                    let l = res.entry("limits").or_insert_with(|| json!({}));
                    if let Some(l) = l.as_object_mut() {
                        for (k, v) in &limits {
                            if !l.contains_key(k) {
                                l.insert(k.clone(), v.clone());
                                set_limits.push(k.clone());
                            }
                        }
                    }
                }
                {
                    let r = res.entry("requests").or_insert_with(|| json!({}));
                    if let Some(r) = r.as_object_mut() {
                        for (k, v) in &requests {
                            if !r.contains_key(k) {
                                r.insert(k.clone(), v.clone());
                                set_requests.push(k.clone());
                            }
                        }
                    }
                }
                for k in ["limits", "requests"] {
                    if res
                        .get(k)
                        .and_then(Value::as_object)
                        .is_some_and(|m| m.is_empty())
                    {
                        res.remove(k);
                    }
                }
                set_requests.sort_shared();
                set_limits.sort_shared();
                if !set_requests.is_empty() {
                    notes.push(format!(
                        "{} request for {prefix} {cname}",
                        set_requests.join(", ")
                    ));
                }
                if !set_limits.is_empty() {
                    notes.push(format!(
                        "{} limit for {prefix} {cname}",
                        set_limits.join(", ")
                    ));
                }
            }
        }
        if !notes.is_empty() {
            object::map_mut(&mut pod["metadata"], "annotations").insert(
                "kubernetes.io/limit-ranger".into(),
                json!(format!("LimitRanger plugin set: {}", notes.join("; "))),
            );
            // The QoS class follows the resources (the strategy computes it after admission).
            let qos = super::qos::pod_qos_class(pod);
            object::map_mut(pod, "status").insert("qosClass".into(), json!(qos));
        }
    }
}

/// A container's (or the pod's summed) requests and limits checked against one LimitRange
/// item's min, max and maxLimitRequestRatio.
fn check_limits(
    item: &Value,
    limit_type: &str,
    requests: &BTreeMap<String, Quantity>,
    limits: &BTreeMap<String, Quantity>,
    errs: &mut Vec<String>,
) {
    for (r, min) in resource_list(item.get("min")) {
        match requests.get(&r) {
            None => errs.push(format!(
                "minimum {r} usage per {limit_type} is {min}.  No request is specified"
            )),
            Some(req) if req.cmp_value(&min).is_lt() => errs.push(format!(
                "minimum {r} usage per {limit_type} is {min}, but request is {req}"
            )),
            _ => match limits.get(&r) {
                Some(lim) if lim.cmp_value(&min).is_lt() => errs.push(format!(
                    "minimum {r} usage per {limit_type} is {min}, but limit is {lim}"
                )),
                _ => {}
            },
        }
    }
    for (r, max) in resource_list(item.get("max")) {
        match limits.get(&r) {
            None => errs.push(format!(
                "maximum {r} usage per {limit_type} is {max}.  No limit is specified"
            )),
            Some(lim) if lim.cmp_value(&max).is_gt() => errs.push(format!(
                "maximum {r} usage per {limit_type} is {max}, but limit is {lim}"
            )),
            _ => match requests.get(&r) {
                Some(req) if req.cmp_value(&max).is_gt() => errs.push(format!(
                    "maximum {r} usage per {limit_type} is {max}, but request is {req}"
                )),
                _ => {}
            },
        }
    }
    for (r, ratio) in resource_list(item.get("maxLimitRequestRatio")) {
        let req = requests.get(&r).filter(|q| !q.is_zero());
        let lim = limits.get(&r).filter(|q| !q.is_zero());
        match (req, lim) {
            (None, _) => errs.push(format!(
                "{r} max limit to request ratio per {limit_type} is {ratio}, but no request is specified or request is 0"
            )),
            (_, None) => errs.push(format!(
                "{r} max limit to request ratio per {limit_type} is {ratio}, but no limit is specified or limit is 0"
            )),
            (Some(req), Some(lim)) => {
                let observed = lim.milli_value() as f64 / req.milli_value().max(1) as f64;
                if observed * 1000.0 > ratio.milli_value() as f64 {
                    errs.push(format!(
                        "{r} max limit to request ratio per {limit_type} is {ratio}, but provided ratio is {observed:.6}"
                    ));
                }
            }
        }
    }
}

/// LimitRanger's validation: every container (type Container) and the pod as a whole (type
/// Pod) within the LimitRanges of the namespace.
fn limit_ranger_validate(
    api: &ApiServer,
    rt: &ResourceType,
    ns: &str,
    pod: &Value,
) -> Result<(), Status> {
    let mut errs = vec![];
    let containers: Vec<Value> = ["initContainers", "containers"]
        .iter()
        .filter_map(|l| pod.at(&format!("/spec/{l}")).and_then(Value::as_array))
        .flatten()
        .cloned()
        .collect();
    for lr in limit_ranges(api, ns) {
        let items: Vec<Value> = lr
            .at("/spec/limits")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for item in items {
            match str_at(&item, "/type") {
                "Container" => {
                    for c in &containers {
                        check_limits(
                            &item,
                            "Container",
                            &resource_list(c.at("/resources/requests")),
                            &resource_list(c.at("/resources/limits")),
                            &mut errs,
                        );
                    }
                }
                "Pod" => {
                    let (requests, limits) = pod_resources(pod);
                    check_limits(&item, "Pod", &requests, &limits, &mut errs);
                }
                _ => {}
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Status::forbidden(rt, object::name(pod), &aggregate(&errs)))
    }
}

/// A pod's requests and limits: the containers' sum, or an init container's when larger.
pub fn pod_resources(pod: &Value) -> (BTreeMap<String, Quantity>, BTreeMap<String, Quantity>) {
    let mut requests = BTreeMap::new();
    let mut limits = BTreeMap::new();
    for c in pod
        .at("/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        add_into(&mut requests, &resource_list(c.at("/resources/requests")));
        add_into(&mut limits, &resource_list(c.at("/resources/limits")));
    }
    for c in pod
        .at("/spec/initContainers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for (list, acc) in [("requests", &mut requests), ("limits", &mut limits)] {
            for (k, q) in resource_list(c.at(&format!("/resources/{list}"))) {
                let e = acc.entry(k).or_default();
                if q.cmp_value(e).is_gt() {
                    *e = q;
                }
            }
        }
    }
    (requests, limits)
}

// ---------------------------------------------------------------------------------------------
// ResourceQuota

/// The resource names whose presence in a quota makes every container name them.
const COMPUTE_CONSTRAINTS: [&str; 6] = [
    "cpu",
    "memory",
    "requests.cpu",
    "requests.memory",
    "limits.cpu",
    "limits.memory",
];

/// Which object type a quota resource name counts.
pub fn quota_resource_type(resource: &str) -> Option<&'static ResourceType> {
    if let Some(counted) = resource.strip_prefix("count/") {
        let (plural, group) = counted.split_once('.').unwrap_or((counted, ""));
        return by_plural(plural, group);
    }
    let plural = match resource {
        "pods" | "cpu" | "memory" | "ephemeral-storage" => "pods",
        r if r.starts_with("requests.") && r != "requests.storage" => "pods",
        r if r.starts_with("limits.") => "pods",
        "services" | "services.nodeports" | "services.loadbalancers" => "services",
        "requests.storage" | "persistentvolumeclaims" => "persistentvolumeclaims",
        "configmaps" | "secrets" | "replicationcontrollers" | "resourcequotas" => resource,
        _ => return None,
    };
    by_plural(plural, "")
}

/// What one object uses of a quota (the evaluators of `pkg/quota/v1/evaluator/core`).
pub fn quota_usage(rt: &ResourceType, obj: &Value) -> BTreeMap<String, Quantity> {
    let mut usage = BTreeMap::new();
    let counted = if rt.group.is_empty() {
        format!("count/{}", rt.plural)
    } else {
        format!("count/{}.{}", rt.plural, rt.group)
    };
    match rt.kind {
        "Pod" => {
            // Finished pods use nothing.
            if matches!(str_at(obj, "/status/phase"), "Succeeded" | "Failed") {
                return usage;
            }
            usage.insert("pods".into(), count(1));
            usage.insert(counted, count(1));
            let (requests, limits) = pod_resources(obj);
            for (k, q) in requests {
                usage.insert(format!("requests.{k}"), q);
                if k == "cpu" || k == "memory" || k == "ephemeral-storage" {
                    usage.insert(k, q);
                }
            }
            for (k, q) in limits {
                usage.insert(format!("limits.{k}"), q);
            }
        }
        "Service" => {
            usage.insert("services".into(), count(1));
            usage.insert(counted, count(1));
            let t = str_at(obj, "/spec/type");
            let node_ports = obj
                .at("/spec/ports")
                .and_then(Value::as_array)
                .map_or(0, |p| p.len() as i64);
            match t {
                "NodePort" => {
                    usage.insert("services.nodeports".into(), count(node_ports));
                }
                "LoadBalancer" => {
                    usage.insert("services.loadbalancers".into(), count(1));
                    usage.insert("services.nodeports".into(), count(node_ports));
                }
                _ => {}
            }
        }
        _ => {
            usage.insert(counted, count(1));
            if matches!(
                rt.plural,
                "configmaps"
                    | "secrets"
                    | "persistentvolumeclaims"
                    | "replicationcontrollers"
                    | "resourcequotas"
            ) && rt.group.is_empty()
            {
                usage.insert(rt.plural.to_string(), count(1));
            }
            if rt.kind == "PersistentVolumeClaim" {
                if let Some(q) = obj
                    .at("/spec/resources/requests/storage")
                    .and_then(quantity_of)
                {
                    usage.insert("requests.storage".into(), q);
                }
            }
        }
    }
    usage
}

/// The usage of a namespace for the resources a quota tracks, computed from the store.
pub fn namespace_usage(api: &ApiServer, ns: &str, hard: &[String]) -> BTreeMap<String, Quantity> {
    let mut used: BTreeMap<String, Quantity> = hard
        .iter()
        .map(|k| (k.clone(), Quantity::zero()))
        .collect_inserted();
    let mut types: Vec<&'static ResourceType> =
        hard.iter().filter_map(|h| quota_resource_type(h)).collect();
    types.sort_shared_by_key(|t| t.group_resource());
    types.dedup_by_key(|t| t.group_resource());
    for t in types {
        for o in api.for_each(t, Some(ns)) {
            for (k, q) in quota_usage(t, o) {
                if let Some(u) = used.get_mut(&k) {
                    u.add(&q);
                }
            }
        }
    }
    used
}

/// The ResourceQuota admission plugin.
fn admit_quota(
    api: &mut ApiServer,
    rt: &ResourceType,
    ns: &str,
    obj: &Value,
    dry_run: bool,
) -> Result<(), Status> {
    let quota_type = super::resources::rt("resourcequotas");
    let quotas = api.list(quota_type, Some(ns));
    if quotas.is_empty() {
        return Ok(());
    }
    let usage = quota_usage(rt, obj);
    let mut charged = vec![];
    for q in &quotas {
        let hard = resource_list(
            q.at("/status/hard")
                .filter(|h| h.as_object().is_some_and(|m| !m.is_empty()))
                .or_else(|| q.at("/spec/hard")),
        );
        let tracked: Vec<String> = hard
            .keys()
            .filter(|k| quota_resource_type(k).is_some_and(|t| t.kind == rt.kind))
            .cloned()
            .collect();
        if tracked.is_empty() {
            continue;
        }
        let qname = object::name(q).to_string();
        if rt.kind == "Pod" {
            // Every container must say what it needs of a compute resource the quota limits.
            let required: Vec<&str> = COMPUTE_CONSTRAINTS
                .iter()
                .copied()
                .filter(|r| tracked.iter().any(|t| t == r))
                .collect();
            let mut missing: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for list in ["containers", "initContainers"] {
                for c in obj
                    .at(&format!("/spec/{list}"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let requests = resource_list(c.at("/resources/requests"));
                    let limits = resource_list(c.at("/resources/limits"));
                    for r in &required {
                        let has = match r.split_once('.') {
                            Some(("limits", res)) => limits.contains_key(res),
                            Some((_, res)) => requests.contains_key(res),
                            None => requests.contains_key(*r),
                        };
                        if !has {
                            missing
                                .entry(r)
                                .or_default()
                                .push(str_at(c, "/name").to_string());
                        }
                    }
                }
            }
            if !missing.is_empty() {
                let parts: Vec<String> = missing
                    .iter()
                    .map(|(r, names)| {
                        let mut names = names.clone();
                        names.sort_shared();
                        names.dedup();
                        format!("{r} for: {}", names.join(","))
                    })
                    .collect();
                return Err(Status::forbidden(
                    rt,
                    object::name(obj),
                    &format!("failed quota: {qname}: must specify {}", parts.join("; ")),
                ));
            }
        }
        let requested: BTreeMap<String, Quantity> = usage
            .iter()
            .filter(|(k, q)| tracked.contains(k) && !q.is_zero())
            .map(|(k, q)| (k.clone(), *q))
            .collect_inserted();
        if requested.is_empty() {
            continue;
        }
        let used = match q.at("/status/used") {
            Some(u) if u.as_object().is_some_and(|m| !m.is_empty()) => resource_list(Some(u)),
            _ => namespace_usage(api, ns, &tracked),
        };
        let mut exceeded: Vec<String> = vec![];
        let mut new_used = used.clone();
        for (k, r) in &requested {
            let mut total = used.get(k).copied().unwrap_or_default();
            total.add(r);
            if hard.get(k).is_some_and(|h| total.cmp_value(h).is_gt()) {
                exceeded.push(k.clone());
            }
            new_used.insert(k.clone(), total);
        }
        if !exceeded.is_empty() {
            let mask = |m: &BTreeMap<String, Quantity>| -> BTreeMap<String, Quantity> {
                exceeded
                    .iter()
                    .map(|k| (k.clone(), m.get(k).copied().unwrap_or_default()))
                    .collect_inserted()
            };
            return Err(Status::forbidden(
                rt,
                object::name(obj),
                &format!(
                    "exceeded quota: {qname}, requested: {}, used: {}, limited: {}",
                    pretty(&mask(&requested)),
                    pretty(&mask(&used)),
                    pretty(&mask(&hard))
                ),
            ));
        }
        charged.push((qname, hard, new_used));
    }
    if dry_run {
        return Ok(());
    }
    for (qname, hard, new_used) in charged {
        let used: Map<String, Value> = hard
            .keys()
            .map(|k| {
                (
                    k.clone(),
                    json!(new_used.get(k).copied().unwrap_or_default().to_string()),
                )
            })
            .collect_inserted();
        let _ = api.modify(quota_type, ns, &qname, |q| {
            q["status"]["used"] = Value::Object(used.clone());
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Eviction

/// The PodDisruptionBudgets whose selector picks a pod.
fn pdbs_for(api: &ApiServer, pod: &Value) -> Vec<Value> {
    let labels = object::labels(pod);
    let Some(t) = by_plural("poddisruptionbudgets", "policy") else {
        return vec![];
    };
    api.for_each(t, Some(object::namespace(pod)))
        .filter(|pdb| {
            pdb.at("/spec/selector").is_some_and(|sel| {
                sel.as_object().is_some_and(|m| !m.is_empty())
                    && object::selector_matches(sel, &labels)
            })
        })
        .cloned()
        .collect()
}

fn too_many_requests(cause: String) -> Status {
    Status {
        code: 429,
        reason: "TooManyRequests".into(),
        message: "Cannot evict pod as it would violate the pod's disruption budget.".into(),
        kind: String::new(),
        name: String::new(),
        causes: vec![cause],
    }
}

impl ApiServer {
    /// The eviction subresource (`POST pods/<name>/eviction`), as `kubectl drain` uses it: the
    /// pod is deleted unless that would take its PodDisruptionBudget below what it must keep
    /// healthy (429 TooManyRequests).
    pub fn evict(&mut self, ns: &str, name: &str) -> Result<(), Status> {
        let pod_type = rt("pods");
        let pod = self.get(pod_type, ns, name)?;
        let phase = str_at(&pod, "/status/phase");
        let ignore_pdb = matches!(phase, "Succeeded" | "Failed" | "Pending")
            || pod.at("/metadata/deletionTimestamp").is_some();
        if !ignore_pdb {
            let pdbs = pdbs_for(self, &pod);
            if pdbs.len() > 1 {
                return Err(Status {
                    code: 500,
                    reason: "InternalError".into(),
                    message: "Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.".into(),
                    kind: String::new(),
                    name: String::new(),
                    causes: vec![],
                });
            }
            if let Some(pdb) = pdbs.first() {
                let pdb_name = object::name(pdb).to_string();
                let status_int = |f: &str| {
                    pdb.at(&format!("/status/{f}"))
                        .and_then(Value::as_i64)
                        .unwrap_or(0)
                };
                let healthy_budget = status_int("currentHealthy") >= status_int("desiredHealthy")
                    && status_int("desiredHealthy") > 0;
                let unhealthy_ok = !super::controllers::is_pod_ready(&pod)
                    && (str_at(pdb, "/spec/unhealthyPodEvictionPolicy") == "AlwaysAllow"
                        || healthy_budget);
                if !unhealthy_ok {
                    let observed = status_int("observedGeneration");
                    let generation = pdb
                        .at("/metadata/generation")
                        .and_then(Value::as_i64)
                        .unwrap_or(1);
                    if observed < generation {
                        return Err(too_many_requests(format!(
                            "The disruption budget {pdb_name} is still being processed by the server."
                        )));
                    }
                    let allowed = status_int("disruptionsAllowed");
                    if allowed <= 0 {
                        return Err(too_many_requests(format!(
                            "The disruption budget {pdb_name} needs {} healthy pods and has {} currently",
                            status_int("desiredHealthy"),
                            status_int("currentHealthy")
                        )));
                    }
                    let now = rfc3339(self.now());
                    let pdb_type = by_plural("poddisruptionbudgets", "policy").unwrap_or(pod_type);
                    let _ = self.modify(pdb_type, ns, &pdb_name, |p| {
                        let left = allowed - 1;
                        p["status"]["disruptionsAllowed"] = json!(left);
                        object::map_mut(&mut p["status"], "disruptedPods")
                            .insert(name.to_string(), json!(now));
                        if left == 0 {
                            if let Some(cs) = p
                                .pointer_mut("/status/conditions")
                                .and_then(Value::as_array_mut)
                            {
                                for c in cs.iter_mut() {
                                    if str_at(c, "/type") == "DisruptionAllowed" {
                                        c["status"] = json!("False");
                                        c["reason"] = json!("InsufficientPods");
                                        c["lastTransitionTime"] = json!(now);
                                    }
                                }
                            }
                        }
                    });
                }
            }
        }
        self.delete(pod_type, ns, name, DeleteOptions::default())
            .map(|_| ())
    }
}

fn invalid(kind: &str, name: &str, cause: String) -> Status {
    Status::invalid(kind, name, vec![cause])
}

fn ip_to_u32(ip: &str) -> Option<u32> {
    if !super::validation::is_ipv4(ip) {
        return None;
    }
    let mut n: u32 = 0;
    for p in ip.split('.') {
        n = n << 8 | p.parse::<u32>().ok()?;
    }
    Some(n)
}

fn u32_to_ip(n: u32) -> String {
    format!(
        "{}.{}.{}.{}",
        n >> 24,
        (n >> 16) & 0xff,
        (n >> 8) & 0xff,
        n & 0xff
    )
}

/// Go's `%#v` of a `[]string`.
fn go_string_slice(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    format!("[]string{{{}}}", quoted.join(", "))
}

/// ClusterIPs and node ports held by services other than `except` (namespace/name).
fn allocated(api: &ApiServer, except: (&str, &str)) -> (BTreeSet<String>, BTreeSet<i64>) {
    let mut ips = BTreeSet::new();
    let mut ports = BTreeSet::new();
    for s in api.for_each(rt("services"), None) {
        if (object::namespace(s), object::name(s)) == except {
            continue;
        }
        if let Some(list) = s.at("/spec/clusterIPs").and_then(Value::as_array) {
            ips.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
        }
        let ip = str_at(s, "/spec/clusterIP");
        if !ip.is_empty() {
            ips.insert(ip.to_string());
        }
        if let Some(list) = s.at("/spec/ports").and_then(Value::as_array) {
            ports.extend(list.iter().filter_map(|p| p.get("nodePort")?.as_i64()));
        }
    }
    (ips, ports)
}

/// The Service REST storage's `beginCreate`/`beginUpdate`: IP families, ClusterIPs and node
/// ports. On update, values the request left out are kept from `old` (`patchAllocatedValues`).
pub fn allocate_service(
    api: &mut ApiServer,
    svc: &mut Value,
    old: Option<&Value>,
) -> Result<(), Status> {
    let ns = object::namespace(svc).to_string();
    let name = object::name(svc).to_string();
    let (used_ips, used_ports) = allocated(api, (&ns, &name));
    let svc_type = str_at(svc, "/spec/type").to_string();
    let old_type = old.map(|o| str_at(o, "/spec/type").to_string());
    let spec = object::map_mut(svc, "spec");
    // dropTypeDependentFields: a type change drops what only the old type used, when the
    // request carried it over unchanged.
    if let (Some(old), Some(old_type)) = (old, old_type.as_deref()) {
        if old_type != svc_type {
            if svc_type == "ExternalName" {
                for f in [
                    "clusterIP",
                    "clusterIPs",
                    "ipFamilies",
                    "ipFamilyPolicy",
                    "internalTrafficPolicy",
                ] {
                    if spec.get(f).is_some() && spec.get(f) == old.at(&format!("/spec/{f}")) {
                        spec.remove(f);
                    }
                }
            }
            if matches!(old_type, "NodePort" | "LoadBalancer")
                && !matches!(svc_type.as_str(), "NodePort" | "LoadBalancer")
            {
                if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
                    for (i, p) in ports.iter_mut().enumerate() {
                        let was = old.at(&format!("/spec/ports/{i}/nodePort"));
                        if let Some(p) = p.as_object_mut() {
                            if p.get("nodePort").is_some() && p.get("nodePort") == was {
                                p.remove("nodePort");
                            }
                        }
                    }
                }
                if spec.get("externalTrafficPolicy").is_some()
                    && !(svc_type == "ClusterIP"
                        && spec
                            .get("externalIPs")
                            .and_then(Value::as_array)
                            .is_some_and(|a| !a.is_empty()))
                {
                    spec.remove("externalTrafficPolicy");
                }
            }
            if old_type == "LoadBalancer" && svc_type != "LoadBalancer" {
                spec.remove("allocateLoadBalancerNodePorts");
            }
        }
    }
    // patchAllocatedValues: an update that leaves allocated values out keeps them.
    if let Some(old) = old {
        let needs_ip = |t: &str| t != "ExternalName";
        if needs_ip(&svc_type) && old_type.as_deref().is_some_and(needs_ip) {
            let ip = spec.get("clusterIP").and_then(Value::as_str).unwrap_or("");
            if ip.is_empty() {
                for f in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
                    if let Some(v) = old.at(&format!("/spec/{f}")) {
                        spec.entry(f).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        if matches!(svc_type.as_str(), "NodePort" | "LoadBalancer") {
            let old_ports: Vec<(i64, i64)> = old
                .at("/spec/ports")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .filter_map(|p| {
                            Some((p.get("port")?.as_i64()?, p.get("nodePort")?.as_i64()?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
                for p in ports.iter_mut().filter_map(Value::as_object_mut) {
                    if p.get("nodePort").and_then(Value::as_i64).unwrap_or(0) == 0 {
                        let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
                        if let Some((_, np)) = old_ports.iter().find(|(pt, _)| *pt == port) {
                            p.insert("nodePort".into(), json!(np));
                        }
                    }
                }
            }
        }
        if let Some(old_ip) = old.at("/spec/clusterIPs/0").and_then(Value::as_str) {
            let new_ip = spec
                .get("clusterIPs")
                .and_then(|v| v.get(0))
                .and_then(Value::as_str)
                .or_else(|| spec.get("clusterIP").and_then(Value::as_str))
                .unwrap_or("");
            if svc_type != "ExternalName"
                && old_type.as_deref() != Some("ExternalName")
                && !new_ip.is_empty()
                && new_ip != old_ip
            {
                return Err(invalid(
                    "Service",
                    &name,
                    format!(
                        "spec.clusterIPs[0]: Invalid value: {}: may not change once set",
                        serde_json::to_string(new_ip).unwrap_or_default()
                    ),
                ));
            }
        }
    }
    if svc_type == "ExternalName" {
        for f in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
            if spec.get(f).is_some_and(|v| v.is_null() || v == &json!([])) {
                spec.remove(f);
            }
        }
    } else {
        // normalizeClusterIPs: clusterIP and clusterIPs say the same.
        let ip = spec
            .get("clusterIP")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| {
                spec.get("clusterIPs")
                    .and_then(|v| v.get(0))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let headless = ip == "None";
        let has_selector = spec
            .get("selector")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        let policy = if headless && !has_selector {
            "RequireDualStack"
        } else {
            "SingleStack"
        };
        spec.entry("ipFamilyPolicy")
            .or_insert_with(|| json!(policy));
        spec.entry("ipFamilies").or_insert_with(|| json!(["IPv4"]));
        let ip = if headless {
            ip
        } else if ip.is_empty() {
            // AllocateNext: a random free address above the static band.
            let mut chosen = String::new();
            for _ in 0..10_000 {
                let offset = api
                    .rng
                    .range(SERVICE_STATIC_BAND as i64, SERVICE_NET_SIZE as i64 - 2)
                    as u32;
                let candidate = u32_to_ip(SERVICE_NET_BASE + offset);
                if !used_ips.contains(&candidate) {
                    chosen = candidate;
                    break;
                }
            }
            chosen
        } else {
            let already_ours = old
                .and_then(|o| o.at("/spec/clusterIPs/0"))
                .and_then(Value::as_str)
                == Some(ip.as_str());
            if !already_ours {
                let why = match ip_to_u32(&ip) {
                    Some(n)
                        if n > SERVICE_NET_BASE
                            && n < SERVICE_NET_BASE + SERVICE_NET_SIZE - 1 =>
                    {
                        used_ips
                            .contains(&ip)
                            .then(|| "provided IP is already allocated".to_string())
                    }
                    Some(_) => Some(format!(
                        "the provided IP ({ip}) is not in the valid range. The range of valid IPs is {SERVICE_CIDR}"
                    )),
                    // Not an address: validation reports it.
                    None => None,
                };
                if let Some(why) = why {
                    return Err(invalid(
                        "Service",
                        &name,
                        format!(
                            "spec.clusterIPs: Invalid value: {}: failed to allocate IP {ip}: {why}",
                            go_string_slice(std::slice::from_ref(&ip))
                        ),
                    ));
                }
            }
            ip
        };
        spec.insert("clusterIP".into(), json!(ip));
        spec.insert("clusterIPs".into(), json!([ip]));
    }
    let allocate_node_ports = svc_type == "NodePort"
        || (svc_type == "LoadBalancer"
            && spec.get("allocateLoadBalancerNodePorts") != Some(&json!(false)));
    let old_node_ports: BTreeSet<i64> = old
        .and_then(|o| o.at("/spec/ports"))
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p.get("nodePort")?.as_i64())
                .collect_inserted()
        })
        .unwrap_or_default();
    let mut taken = used_ports;
    if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
        for (i, p) in ports.iter_mut().enumerate() {
            let Some(p) = p.as_object_mut() else { continue };
            let np = p.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
            if np != 0 {
                if !matches!(svc_type.as_str(), "NodePort" | "LoadBalancer") {
                    continue;
                }
                if old_node_ports.contains(&np) {
                    taken.insert(np);
                    continue;
                }
                let why = if !(NODE_PORT_MIN..=NODE_PORT_MAX).contains(&np) {
                    Some(format!("provided port is not in the valid range. The range of valid ports is {NODE_PORT_MIN}-{NODE_PORT_MAX}"))
                } else if taken.contains(&np) {
                    Some("provided port is already allocated".to_string())
                } else {
                    None
                };
                if let Some(why) = why {
                    return Err(invalid(
                        "Service",
                        &name,
                        format!("spec.ports[{i}].nodePort: Invalid value: {np}: {why}"),
                    ));
                }
                taken.insert(np);
            } else if allocate_node_ports {
                let mut chosen = 0;
                for _ in 0..10_000 {
                    let candidate = api
                        .rng
                        .range(NODE_PORT_MIN + NODE_PORT_STATIC_BAND, NODE_PORT_MAX);
                    if !taken.contains(&candidate) {
                        chosen = candidate;
                        break;
                    }
                }
                if chosen == 0 {
                    return Err(Status {
                        code: 500,
                        reason: "InternalError".into(),
                        message:
                            "Internal error occurred: failed to allocate a nodePort: range is full"
                                .into(),
                        kind: String::new(),
                        name: String::new(),
                        causes: vec![],
                    });
                }
                taken.insert(chosen);
                p.insert("nodePort".into(), json!(chosen));
            }
        }
    }
    if old.is_none() {
        // PrepareForCreate: status starts empty; a LoadBalancer stays <pending> (no cloud).
        if let Some(o) = svc.as_object_mut() {
            o.insert("status".into(), json!({"loadBalancer": {}}));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::clock::CLUSTER_CREATED_MS;

    pub(crate) fn api() -> ApiServer {
        let mut api = ApiServer::new(3, CLUSTER_CREATED_MS);
        for ns in ["default", "kube-system"] {
            api.create(rt("namespaces"), "", json!({"metadata": {"name": ns}}))
                .unwrap();
        }
        api
    }

    fn svc(name: &str, spec: Value) -> Value {
        json!({"metadata": {"name": name}, "spec": spec})
    }

    #[test]
    fn a_cluster_ip_service_is_defaulted_and_gets_an_address() {
        let mut api = api();
        let s = api
            .create(
                rt("services"),
                "default",
                svc(
                    "web",
                    json!({"selector": {"app": "web"}, "ports": [{"port": 80}]}),
                ),
            )
            .unwrap();
        let spec = &s["spec"];
        assert_eq!(spec["type"], "ClusterIP");
        assert_eq!(spec["sessionAffinity"], "None");
        assert_eq!(spec["internalTrafficPolicy"], "Cluster");
        assert_eq!(spec["ipFamilies"], json!(["IPv4"]));
        assert_eq!(spec["ipFamilyPolicy"], "SingleStack");
        assert_eq!(spec["ports"][0]["protocol"], "TCP");
        assert_eq!(spec["ports"][0]["targetPort"], 80);
        assert!(spec.get("externalTrafficPolicy").is_none());
        let ip = ip_to_u32(str_at(&s, "/spec/clusterIP")).unwrap();
        assert!(
            (SERVICE_NET_BASE + SERVICE_STATIC_BAND..SERVICE_NET_BASE + SERVICE_NET_SIZE)
                .contains(&ip)
        );
        assert_eq!(spec["clusterIPs"], json!([spec["clusterIP"].clone()]));
        assert_eq!(s["status"], json!({"loadBalancer": {}}));
    }

    #[test]
    fn addresses_and_node_ports_are_never_shared() {
        let mut api = api();
        let mut ips = BTreeSet::new();
        let mut ports = BTreeSet::new();
        for i in 0..200 {
            let s = api
                .create(
                    rt("services"),
                    "default",
                    svc(
                        &format!("s{i}"),
                        json!({"type": "NodePort", "ports": [{"port": 80}]}),
                    ),
                )
                .unwrap();
            assert!(ips.insert(str_at(&s, "/spec/clusterIP").to_string()));
            let np = s
                .at("/spec/ports/0/nodePort")
                .and_then(Value::as_i64)
                .unwrap();
            assert!((NODE_PORT_MIN + NODE_PORT_STATIC_BAND..=NODE_PORT_MAX).contains(&np));
            assert!(ports.insert(np));
            assert_eq!(s["spec"]["externalTrafficPolicy"], "Cluster");
        }
    }

    #[test]
    fn a_node_port_asked_for_twice_is_refused() {
        let mut api = api();
        let spec = json!({"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}]});
        api.create(rt("services"), "default", svc("a", spec.clone()))
            .unwrap();
        let err = api
            .create(rt("services"), "default", svc("b", spec))
            .unwrap_err();
        assert_eq!(
            err.message,
            "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"
        );
        let err = api
            .create(
                rt("services"),
                "default",
                svc(
                    "c",
                    json!({"type": "NodePort", "ports": [{"port": 80, "nodePort": 80}]}),
                ),
            )
            .unwrap_err();
        assert_eq!(err.causes, vec!["spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767".to_string()]);
    }

    #[test]
    fn a_cluster_ip_asked_for_twice_is_refused() {
        let mut api = api();
        let spec = json!({"clusterIP": "10.96.0.50", "ports": [{"port": 80}]});
        api.create(rt("services"), "default", svc("a", spec.clone()))
            .unwrap();
        let err = api
            .create(rt("services"), "default", svc("b", spec))
            .unwrap_err();
        assert_eq!(err.causes, vec!["spec.clusterIPs: Invalid value: []string{\"10.96.0.50\"}: failed to allocate IP 10.96.0.50: provided IP is already allocated".to_string()]);
    }

    #[test]
    fn load_balancer_headless_and_external_name() {
        let mut api = api();
        let lb = api
            .create(
                rt("services"),
                "default",
                svc(
                    "lb",
                    json!({"type": "LoadBalancer", "ports": [{"port": 80}]}),
                ),
            )
            .unwrap();
        assert_eq!(lb["spec"]["allocateLoadBalancerNodePorts"], true);
        assert!(lb.at("/spec/ports/0/nodePort").is_some());
        assert_eq!(lb["status"], json!({"loadBalancer": {}}));
        let h = api
            .create(
                rt("services"),
                "default",
                svc(
                    "h",
                    json!({"clusterIP": "None", "selector": {"app": "x"}, "ports": [{"port": 80}]}),
                ),
            )
            .unwrap();
        assert_eq!(h["spec"]["clusterIPs"], json!(["None"]));
        assert_eq!(h["spec"]["ipFamilyPolicy"], "SingleStack");
        let h2 = api
            .create(
                rt("services"),
                "default",
                svc("h2", json!({"clusterIP": "None"})),
            )
            .unwrap();
        assert_eq!(h2["spec"]["ipFamilyPolicy"], "RequireDualStack");
        let e = api
            .create(
                rt("services"),
                "default",
                svc(
                    "ext",
                    json!({"type": "ExternalName", "externalName": "example.com"}),
                ),
            )
            .unwrap();
        assert!(e["spec"].get("clusterIP").is_none());
        assert!(e["spec"].get("ipFamilies").is_none());
        assert!(e["spec"].get("internalTrafficPolicy").is_none());
    }

    #[test]
    fn service_validation_messages() {
        let mut api = api();
        let err = api
            .create(
                rt("services"),
                "default",
                svc("Web", json!({"ports": [{"port": 80}]})),
            )
            .unwrap_err();
        assert_eq!(
            err.causes,
            vec![format!(
                "metadata.name: Invalid value: \"Web\": {}",
                super::super::validation::DNS1035_LABEL_MSG
            )]
        );
        let err = api
            .create(rt("services"), "default", svc("noports", json!({})))
            .unwrap_err();
        assert_eq!(err.causes, vec!["spec.ports: Required value".to_string()]);
        let err = api
            .create(
                rt("services"),
                "default",
                svc(
                    "dup",
                    json!({"ports": [{"name": "a", "port": 80}, {"name": "b", "port": 80}]}),
                ),
            )
            .unwrap_err();
        assert_eq!(err.causes, vec!["spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}".to_string()]);
        let err = api
            .create(
                rt("services"),
                "default",
                svc("two", json!({"ports": [{"port": 80}, {"port": 0}]})),
            )
            .unwrap_err();
        assert_eq!(
            err.causes,
            vec![
                "spec.ports[0].name: Required value".to_string(),
                "spec.ports[1].name: Required value".to_string(),
                "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive"
                    .to_string(),
                "spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"
                    .to_string(),
            ]
        );
    }

    fn cluster() -> crate::sim::Cluster {
        crate::sim::bootstrap::kubeadm_cluster(1)
    }

    fn pod(name: &str, resources: Value) -> Value {
        json!({"metadata": {"name": name, "labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": resources}]}})
    }

    #[test]
    fn pod_quota_is_charged_enforced_and_given_back() {
        let mut c = cluster();
        c.api
            .create(
                rt("resourcequotas"),
                "default",
                json!({"metadata": {"name": "pod-quota"}, "spec": {"hard": {"pods": 2}}}),
            )
            .unwrap();
        c.settle();
        let q = c
            .api
            .get(rt("resourcequotas"), "default", "pod-quota")
            .unwrap();
        assert_eq!(q["spec"]["hard"], json!({"pods": "2"}));
        assert_eq!(
            q["status"],
            json!({"hard": {"pods": "2"}, "used": {"pods": "0"}})
        );
        for n in ["a", "b"] {
            c.api
                .create(rt("pods"), "default", pod(n, json!({})))
                .unwrap();
        }
        let err = c
            .api
            .create(rt("pods"), "default", pod("c", json!({})))
            .unwrap_err();
        assert_eq!(err.code, 403);
        assert_eq!(
            err.message,
            "pods \"c\" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=2, limited: pods=2"
        );
        c.settle();
        c.api
            .delete(
                rt("pods"),
                "default",
                "a",
                DeleteOptions {
                    grace_period_seconds: Some(0),
                    ..Default::default()
                },
            )
            .unwrap();
        c.settle();
        let q = c
            .api
            .get(rt("resourcequotas"), "default", "pod-quota")
            .unwrap();
        assert_eq!(q["status"]["used"], json!({"pods": "1"}));
        c.api
            .create(rt("pods"), "default", pod("c", json!({})))
            .unwrap();
    }

    #[test]
    fn a_compute_quota_wants_every_container_to_say_its_limits() {
        let mut c = cluster();
        c.api
            .create(
                rt("resourcequotas"),
                "default",
                json!({"metadata": {"name": "compute-quota"}, "spec": {"hard": {"limits.cpu": "2", "limits.memory": "2Gi", "requests.cpu": 1}}}),
            )
            .unwrap();
        c.settle();
        let err = c
            .api
            .create(
                rt("pods"),
                "default",
                pod("nginx", json!({"requests": {"cpu": "100m"}})),
            )
            .unwrap_err();
        assert_eq!(
            err.message,
            "pods \"nginx\" is forbidden: failed quota: compute-quota: must specify limits.cpu for: nginx; limits.memory for: nginx"
        );
        c.api
            .create(
                rt("pods"),
                "default",
                pod(
                    "ok",
                    json!({"requests": {"cpu": "500m"}, "limits": {"cpu": "1", "memory": "1Gi"}}),
                ),
            )
            .unwrap();
        let err = c
            .api
            .create(
                rt("pods"),
                "default",
                pod("more", json!({"requests": {"cpu": "600m"}, "limits": {"cpu": "600m", "memory": "512Mi"}})),
            )
            .unwrap_err();
        assert_eq!(
            err.message,
            "pods \"more\" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=600m, used: requests.cpu=500m, limited: requests.cpu=1"
        );
        c.settle();
        let q = c
            .api
            .get(rt("resourcequotas"), "default", "compute-quota")
            .unwrap();
        assert_eq!(
            q["status"]["used"],
            json!({"limits.cpu": "1", "limits.memory": "1Gi", "requests.cpu": "500m"})
        );
    }

    #[test]
    fn limit_ranges_default_and_bound_containers() {
        let mut c = cluster();
        c.api
            .create(
                rt("limitranges"),
                "default",
                json!({"metadata": {"name": "limits"}, "spec": {"limits": [{"type": "Container", "default": {"cpu": "500m", "memory": "256Mi"}, "defaultRequest": {"cpu": "250m"}, "max": {"cpu": "1"}}]}}),
            )
            .unwrap();
        let lr = c.api.get(rt("limitranges"), "default", "limits").unwrap();
        assert_eq!(
            lr["spec"]["limits"][0]["defaultRequest"],
            json!({"cpu": "250m", "memory": "256Mi"})
        );
        let p = c
            .api
            .create(rt("pods"), "default", pod("web", json!({})))
            .unwrap();
        assert_eq!(
            p["spec"]["containers"][0]["resources"],
            json!({"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "250m", "memory": "256Mi"}})
        );
        assert_eq!(
            object::annotation(&p, "kubernetes.io/limit-ranger"),
            Some("LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx")
        );
        assert_eq!(p["status"]["qosClass"], "Burstable");
        let err = c
            .api
            .create(
                rt("pods"),
                "default",
                pod("big", json!({"limits": {"cpu": "2"}})),
            )
            .unwrap_err();
        assert_eq!(
            err.message,
            "pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2"
        );
    }

    #[test]
    fn priority_classes_resolve_to_a_priority() {
        let mut c = cluster();
        c.api
            .create(
                rt("priorityclasses.scheduling.k8s.io"),
                "",
                json!({"metadata": {"name": "high"}, "value": 1000}),
            )
            .unwrap();
        let mut p = pod("vip", json!({}));
        p["spec"]["priorityClassName"] = json!("high");
        let p = c.api.create(rt("pods"), "default", p).unwrap();
        assert_eq!(p["spec"]["priority"], 1000);
        assert_eq!(p["spec"]["preemptionPolicy"], "PreemptLowerPriority");
        let mut p = pod("lost", json!({}));
        p["spec"]["priorityClassName"] = json!("nope");
        let err = c.api.create(rt("pods"), "default", p).unwrap_err();
        assert_eq!(
            err.message,
            "pods \"lost\" is forbidden: no PriorityClass with name nope was found"
        );
        let p = c
            .api
            .create(rt("pods"), "default", pod("plain", json!({})))
            .unwrap();
        assert_eq!(p["spec"]["priority"], 0);
    }

    #[test]
    fn eviction_respects_the_disruption_budget() {
        let mut c = cluster();
        c.api
            .create(
                rt("deployments.apps"),
                "default",
                json!({"metadata": {"name": "web"}, "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}}),
            )
            .unwrap();
        c.api
            .create(
                by_plural("poddisruptionbudgets", "policy").unwrap(),
                "default",
                json!({"metadata": {"name": "web-pdb"}, "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "web"}}}}),
            )
            .unwrap();
        c.advance(60_000);
        let pdb = c
            .api
            .get(
                by_plural("poddisruptionbudgets", "policy").unwrap(),
                "default",
                "web-pdb",
            )
            .unwrap();
        assert_eq!(pdb["status"]["currentHealthy"], 3);
        assert_eq!(pdb["status"]["desiredHealthy"], 2);
        assert_eq!(pdb["status"]["disruptionsAllowed"], 1);
        assert_eq!(pdb["status"]["expectedPods"], 3);
        let pods: Vec<String> = c
            .api
            .for_each(rt("pods"), Some("default"))
            .map(|p| object::name(p).to_string())
            .collect();
        c.api.evict("default", &pods[0]).unwrap();
        c.settle();
        let err = c.api.evict("default", &pods[1]).unwrap_err();
        assert_eq!(err.code, 429);
        assert_eq!(err.reason, "TooManyRequests");
        assert_eq!(
            err.message,
            "Cannot evict pod as it would violate the pod's disruption budget."
        );
        assert_eq!(
            err.causes,
            vec![
                "The disruption budget web-pdb needs 2 healthy pods and has 2 currently"
                    .to_string()
            ]
        );
        // The replacement becomes ready; then one more may go.
        c.advance(60_000);
        c.api.evict("default", &pods[1]).unwrap();
    }

    #[test]
    fn a_node_port_service_turned_cluster_ip_drops_its_node_ports() {
        let mut api = api();
        let mut s = api
            .create(
                rt("services"),
                "default",
                svc("np", json!({"type": "NodePort", "ports": [{"port": 80}]})),
            )
            .unwrap();
        s["spec"]["type"] = json!("ClusterIP");
        let updated = api.update(rt("services"), s).unwrap();
        assert!(updated.at("/spec/ports/0/nodePort").is_none());
        assert!(updated.at("/spec/externalTrafficPolicy").is_none());
    }

    #[test]
    fn an_update_keeps_the_allocated_address_and_ports() {
        let mut api = api();
        let s = api
            .create(
                rt("services"),
                "default",
                svc("np", json!({"type": "NodePort", "ports": [{"port": 80}]})),
            )
            .unwrap();
        let ip = str_at(&s, "/spec/clusterIP").to_string();
        let np = s.at("/spec/ports/0/nodePort").cloned();
        let replaced = api
            .update(
                rt("services"),
                json!({"metadata": {"name": "np", "namespace": "default"}, "spec": {"type": "NodePort", "ports": [{"port": 80}], "selector": {"app": "x"}}}),
            )
            .unwrap();
        assert_eq!(str_at(&replaced, "/spec/clusterIP"), ip);
        assert_eq!(replaced.at("/spec/ports/0/nodePort").cloned(), np);
    }
}

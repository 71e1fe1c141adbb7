//! What the API server does to a request between defaulting and the store: the admission
//! plugins (LimitRanger, Priority, ResourceQuota), the Service REST storage's allocators
//! (ClusterIPs from 10.96.0.0/12, node ports from 30000-32767) and the eviction subresource
//! with PodDisruptionBudgets.
//!
//! Order on create, as in kube-apiserver: mutating admission (`mutate`), allocation, validation
//! (in `validation`), then validating admission (`validate`), which also charges quota.

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
        _ => Ok(()),
    }
}

/// Validating admission after validation, on create.
pub fn validate(
    _api: &mut ApiServer,
    _rt: &ResourceType,
    _ns: &str,
    _obj: &Value,
    _dry_run: bool,
) -> Result<(), Status> {
    Ok(())
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
        if let Some(list) = s.pointer("/spec/clusterIPs").and_then(Value::as_array) {
            ips.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
        }
        let ip = str_at(s, "/spec/clusterIP");
        if !ip.is_empty() {
            ips.insert(ip.to_string());
        }
        if let Some(list) = s.pointer("/spec/ports").and_then(Value::as_array) {
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
    // patchAllocatedValues: an update that leaves allocated values out keeps them.
    if let Some(old) = old {
        let needs_ip = |t: &str| t != "ExternalName";
        if needs_ip(&svc_type) && old_type.as_deref().is_some_and(needs_ip) {
            let ip = spec.get("clusterIP").and_then(Value::as_str).unwrap_or("");
            if ip.is_empty() {
                for f in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
                    if let Some(v) = old.pointer(&format!("/spec/{f}")) {
                        spec.entry(f).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        if matches!(svc_type.as_str(), "NodePort" | "LoadBalancer") {
            let old_ports: Vec<(i64, i64)> = old
                .pointer("/spec/ports")
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
        if let Some(old_ip) = old.pointer("/spec/clusterIPs/0").and_then(Value::as_str) {
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
                .and_then(|o| o.pointer("/spec/clusterIPs/0"))
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
        .and_then(|o| o.pointer("/spec/ports"))
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p.get("nodePort")?.as_i64())
                .collect()
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
            ip >= SERVICE_NET_BASE + SERVICE_STATIC_BAND
                && ip < SERVICE_NET_BASE + SERVICE_NET_SIZE
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
                .pointer("/spec/ports/0/nodePort")
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
        assert!(lb.pointer("/spec/ports/0/nodePort").is_some());
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
        let np = s.pointer("/spec/ports/0/nodePort").cloned();
        let replaced = api
            .update(
                rt("services"),
                json!({"metadata": {"name": "np", "namespace": "default"}, "spec": {"type": "NodePort", "ports": [{"port": 80}], "selector": {"app": "x"}}}),
            )
            .unwrap();
        assert_eq!(str_at(&replaced, "/spec/clusterIP"), ip);
        assert_eq!(replaced.pointer("/spec/ports/0/nodePort").cloned(), np);
    }
}

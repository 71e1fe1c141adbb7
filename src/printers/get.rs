//! The columns of `kubectl get` per resource, as the API server's table printers produce them
//! (kubernetes `pkg/printers/internalversion/printers.go`).

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::{Map, Value};

use super::age::human_duration;
use crate::sim::clock::{parse_rfc3339, TimeMs};
use crate::sim::object::{self, labels_string, str_at};

/// The age column: time since `metadata.creationTimestamp`.
pub fn age(obj: &Value, now: TimeMs) -> String {
    timestamp_since(str_at(obj, "/metadata/creationTimestamp"), now)
}

/// `translateTimestampSince`: `<unknown>` for no time.
pub fn timestamp_since(ts: &str, now: TimeMs) -> String {
    match parse_rfc3339(ts) {
        Some(t) => human_duration(now - t),
        None => "<unknown>".to_string(),
    }
}

/// Column headers (upper-cased names) for a resource, with `-o wide` columns when asked.
pub fn headers(kind: &str, wide: bool) -> Vec<&'static str> {
    let (base, extra): (&[&str], &[&str]) = match kind {
        "Pod" => (
            &["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
        ),
        "Namespace" => (&["NAME", "STATUS", "AGE"], &[]),
        "Node" => (
            &["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
            &[
                "INTERNAL-IP",
                "EXTERNAL-IP",
                "OS-IMAGE",
                "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ],
        ),
        "Deployment" => (
            &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        "ReplicaSet" => (
            &["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        "DaemonSet" => (
            &[
                "NAME",
                "DESIRED",
                "CURRENT",
                "READY",
                "UP-TO-DATE",
                "AVAILABLE",
                "NODE SELECTOR",
                "AGE",
            ],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        "StatefulSet" => (&["NAME", "READY", "AGE"], &["CONTAINERS", "IMAGES"]),
        "Service" => (
            &[
                "NAME",
                "TYPE",
                "CLUSTER-IP",
                "EXTERNAL-IP",
                "PORT(S)",
                "AGE",
            ],
            &["SELECTOR"],
        ),
        "ConfigMap" => (&["NAME", "DATA", "AGE"], &[]),
        "Secret" => (&["NAME", "TYPE", "DATA", "AGE"], &[]),
        "ServiceAccount" => (&["NAME", "SECRETS", "AGE"], &[]),
        "Endpoints" => (&["NAME", "ENDPOINTS", "AGE"], &[]),
        "Job" => (
            &["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        "CronJob" => (
            &[
                "NAME",
                "SCHEDULE",
                "TIMEZONE",
                "SUSPEND",
                "ACTIVE",
                "LAST SCHEDULE",
                "AGE",
            ],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        "ReplicationController" => (
            &["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        "EndpointSlice" => (&["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], &[]),
        "ResourceQuota" => (&["NAME", "AGE", "REQUEST", "LIMIT"], &[]),
        "LimitRange" => (&["NAME", "CREATED AT"], &[]),
        "PodDisruptionBudget" => (
            &[
                "NAME",
                "MIN AVAILABLE",
                "MAX UNAVAILABLE",
                "ALLOWED DISRUPTIONS",
                "AGE",
            ],
            &[],
        ),
        "PriorityClass" => (
            &["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
            &[],
        ),
        "Event" => (&["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &[]),
        "Lease" => (&["NAME", "HOLDER", "AGE"], &[]),
        "ComponentStatus" => (&["NAME", "STATUS", "MESSAGE", "ERROR"], &[]),
        _ => (&["NAME", "AGE"], &[]),
    };
    let mut h = base.to_vec();
    if wide {
        if kind == "Event" {
            return vec![
                "LAST SEEN",
                "TYPE",
                "REASON",
                "OBJECT",
                "SUBOBJECT",
                "SOURCE",
                "MESSAGE",
                "FIRST SEEN",
                "COUNT",
                "NAME",
            ];
        }
        h.extend_from_slice(extra);
    }
    h
}

fn array<'a>(obj: &'a Value, ptr: &str) -> &'a [Value] {
    obj.at(ptr)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn int(obj: &Value, ptr: &str) -> i64 {
    object::i64_at(obj, ptr).unwrap_or(0)
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "<none>".to_string()
    } else {
        s
    }
}

/// STATUS, READY and RESTARTS of a pod, exactly as `printPod` computes them.
///
/// Every table of pods calls this once a row, so it walks the pod once: each sub-object is
/// looked up a single time and read by key from there.
pub fn pod_status(pod: &Value, now: TimeMs) -> (String, String, String) {
    fn s<'a>(v: Option<&'a Value>, key: &str) -> &'a str {
        v.and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
    }
    fn arr<'a>(v: Option<&'a Value>, key: &str) -> &'a [Value] {
        v.and_then(|v| v.get(key))
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
    fn num(v: Option<&Value>, key: &str) -> i64 {
        v.and_then(|v| v.get(key))
            .and_then(Value::as_i64)
            .unwrap_or(0)
    }
    /// When the container's previous run ended (`lastState.terminated.finishedAt`).
    fn finished_at(cs: &Value) -> Option<TimeMs> {
        cs.get("lastState")?
            .get("terminated")?
            .get("finishedAt")?
            .as_str()
            .and_then(parse_rfc3339)
    }
    let spec = pod.get("spec");
    let status = pod.get("status");
    let mut restarts: i64 = 0;
    let mut last_restart: Option<TimeMs> = None;
    let mut ready = 0;
    let total = arr(spec, "containers").len();
    let phase = s(status, "phase");
    let status_reason = s(status, "reason");
    let mut reason = if status_reason.is_empty() {
        phase.to_string()
    } else {
        status_reason.to_string()
    };
    let conditions = arr(status, "conditions");
    for c in conditions {
        if s(Some(c), "type") == "PodScheduled" && s(Some(c), "reason") == "SchedulingGated" {
            reason = "SchedulingGated".into();
        }
    }
    let mut note_restart = |cs: &Value| {
        if let Some(t) = finished_at(cs) {
            if last_restart.is_none_or(|l| l < t) {
                last_restart = Some(t);
            }
        }
    };
    let n_init = arr(spec, "initContainers").len();
    let mut initializing = false;
    for (i, cs) in arr(status, "initContainerStatuses").iter().enumerate() {
        restarts += num(Some(cs), "restartCount");
        note_restart(cs);
        let state = cs.get("state");
        let terminated = state.and_then(|st| st.get("terminated"));
        if terminated.is_some() && num(terminated, "exitCode") == 0 {
            continue;
        }
        if terminated.is_some() {
            let r = s(terminated, "reason");
            reason = if r.is_empty() {
                if num(terminated, "signal") != 0 {
                    format!("Init:Signal:{}", num(terminated, "signal"))
                } else {
                    format!("Init:ExitCode:{}", num(terminated, "exitCode"))
                }
            } else {
                format!("Init:{r}")
            };
        } else {
            let waiting = s(state.and_then(|st| st.get("waiting")), "reason");
            reason = if !waiting.is_empty() && waiting != "PodInitializing" {
                format!("Init:{waiting}")
            } else {
                format!("Init:{i}/{n_init}")
            };
        }
        initializing = true;
        break;
    }
    let condition_true = |t: &str| {
        conditions
            .iter()
            .any(|c| s(Some(c), "type") == t && s(Some(c), "status") == "True")
    };
    if !initializing || condition_true("Initialized") {
        restarts = 0;
        last_restart = None;
        let mut has_running = false;
        for cs in arr(status, "containerStatuses").iter().rev() {
            restarts += num(Some(cs), "restartCount");
            if let Some(t) = finished_at(cs) {
                if last_restart.is_none_or(|l| l < t) {
                    last_restart = Some(t);
                }
            }
            let state = cs.get("state");
            let waiting = s(state.and_then(|st| st.get("waiting")), "reason");
            let terminated = state.and_then(|st| st.get("terminated"));
            if !waiting.is_empty() {
                reason = waiting.to_string();
            } else if terminated.is_some() && !s(terminated, "reason").is_empty() {
                reason = s(terminated, "reason").to_string();
            } else if terminated.is_some() {
                reason = if num(terminated, "signal") != 0 {
                    format!("Signal:{}", num(terminated, "signal"))
                } else {
                    format!("ExitCode:{}", num(terminated, "exitCode"))
                };
            } else if cs.get("ready") == Some(&Value::Bool(true))
                && state.and_then(|st| st.get("running")).is_some()
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if condition_true("Ready") {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }
    if pod
        .get("metadata")
        .and_then(|m| m.get("deletionTimestamp"))
        .is_some()
    {
        if status_reason == "NodeLost" {
            reason = "Unknown".into();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".into();
        }
    }
    let restarts_str = match last_restart {
        Some(t) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(now - t)),
        _ => restarts.to_string(),
    };
    (format!("{ready}/{total}"), reason, restarts_str)
}

fn node_roles(node: &Value) -> String {
    let mut roles: Vec<String> = object::labels(node)
        .iter()
        .filter_map(|(k, v)| {
            if let Some(r) = k.strip_prefix("node-role.kubernetes.io/") {
                Some(r.to_string())
            } else if k == "kubernetes.io/role" {
                v.as_str().map(str::to_string)
            } else {
                None
            }
        })
        .filter(|r| !r.is_empty())
        .collect();
    roles.sort_shared();
    roles.dedup();
    or_none(roles.join(","))
}

fn node_status(node: &Value) -> String {
    let ready = array(node, "/status/conditions")
        .iter()
        .find(|c| str_at(c, "/type") == "Ready")
        .map(|c| {
            if str_at(c, "/status") == "True" {
                "Ready"
            } else {
                "NotReady"
            }
        })
        .unwrap_or("Unknown");
    let mut s = ready.to_string();
    if node.at("/spec/unschedulable") == Some(&Value::Bool(true)) {
        s.push_str(",SchedulingDisabled");
    }
    s
}

fn containers_images(template_spec: &Value) -> (String, String) {
    let cs = array(template_spec, "/containers");
    (
        cs.iter()
            .map(|c| str_at(c, "/name"))
            .collect::<Vec<_>>()
            .join(","),
        cs.iter()
            .map(|c| str_at(c, "/image"))
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// `metav1.FormatLabelSelector`.
pub fn format_label_selector(sel: &Value) -> String {
    let mut parts = vec![];
    if let Some(ml) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in ml {
            parts.push(format!("{}={}", k, v.as_str().unwrap_or("")));
        }
    }
    for e in array(sel, "/matchExpressions") {
        let vals: Vec<&str> = array(e, "/values")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let key = str_at(e, "/key");
        parts.push(match str_at(e, "/operator") {
            "In" => format!("{key} in ({})", vals.join(",")),
            "NotIn" => format!("{key} notin ({})", vals.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            op => format!("{key} {op} {}", vals.join(",")),
        });
    }
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(",")
    }
}

fn service_ports(svc: &Value) -> String {
    let ports = array(svc, "/spec/ports");
    if ports.is_empty() {
        return "<none>".into();
    }
    ports
        .iter()
        .map(|p| {
            let proto = if str_at(p, "/protocol").is_empty() {
                "TCP"
            } else {
                str_at(p, "/protocol")
            };
            match object::i64_at(p, "/nodePort") {
                Some(np) if np != 0 => format!("{}:{}/{}", int(p, "/port"), np, proto),
                _ => format!("{}/{}", int(p, "/port"), proto),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn service_external_ip(svc: &Value, wide: bool) -> String {
    let external: Vec<&str> = array(svc, "/spec/externalIPs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    match str_at(svc, "/spec/type") {
        "ClusterIP" | "" | "NodePort" => {
            if external.is_empty() {
                "<none>".into()
            } else {
                external.join(",")
            }
        }
        "LoadBalancer" => {
            let mut ips: Vec<String> = array(svc, "/status/loadBalancer/ingress")
                .iter()
                .map(|i| {
                    if str_at(i, "/ip").is_empty() {
                        str_at(i, "/hostname").to_string()
                    } else {
                        str_at(i, "/ip").to_string()
                    }
                })
                .collect();
            ips.extend(external.iter().map(|s| s.to_string()));
            if ips.is_empty() {
                return "<pending>".into();
            }
            let s = ips.join(",");
            if !wide && s.len() > 16 {
                format!("{}...", &s[..13])
            } else {
                s
            }
        }
        "ExternalName" => str_at(svc, "/spec/externalName").to_string(),
        _ => "<unknown>".into(),
    }
}

/// A quantity as the API serialises it (a number or a string).
fn quantity_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn map_selector(sel: Option<&Map<String, Value>>) -> String {
    match sel {
        Some(m) if !m.is_empty() => labels_string(m),
        _ => "<none>".into(),
    }
}

/// The cells of one row (without NAMESPACE or LABELS columns).
pub fn row(kind: &str, obj: &Value, now: TimeMs, wide: bool) -> Vec<String> {
    let name = object::name(obj).to_string();
    let age_s = age(obj, now);
    let mut cells = match kind {
        "Pod" => {
            let (ready, status, restarts) = pod_status(obj, now);
            let mut r = vec![name, ready, status, restarts, age_s];
            if wide {
                let ip = array(obj, "/status/podIPs")
                    .first()
                    .map(|i| str_at(i, "/ip").to_string())
                    .unwrap_or_default();
                r.push(or_none(ip));
                r.push(or_none(str_at(obj, "/spec/nodeName").to_string()));
                r.push(or_none(
                    str_at(obj, "/status/nominatedNodeName").to_string(),
                ));
                let gates = array(obj, "/spec/readinessGates");
                r.push(if gates.is_empty() {
                    "<none>".into()
                } else {
                    format!("0/{}", gates.len())
                });
            }
            return r;
        }
        "Namespace" => vec![name, str_at(obj, "/status/phase").to_string(), age_s],
        "Node" => {
            let mut r = vec![
                name,
                node_status(obj),
                node_roles(obj),
                age_s,
                str_at(obj, "/status/nodeInfo/kubeletVersion").to_string(),
            ];
            if wide {
                let addr = |t: &str| {
                    array(obj, "/status/addresses")
                        .iter()
                        .find(|a| str_at(a, "/type") == t)
                        .map(|a| str_at(a, "/address").to_string())
                        .unwrap_or_else(|| "<none>".into())
                };
                let unk = |s: &str| {
                    if s.is_empty() {
                        "<unknown>".to_string()
                    } else {
                        s.to_string()
                    }
                };
                r.push(addr("InternalIP"));
                r.push(addr("ExternalIP"));
                r.push(unk(str_at(obj, "/status/nodeInfo/osImage")));
                r.push(unk(str_at(obj, "/status/nodeInfo/kernelVersion")));
                r.push(unk(str_at(obj, "/status/nodeInfo/containerRuntimeVersion")));
            }
            return r;
        }
        "Deployment" => {
            let mut r = vec![
                name,
                format!(
                    "{}/{}",
                    int(obj, "/status/readyReplicas"),
                    int(obj, "/spec/replicas")
                ),
                int(obj, "/status/updatedReplicas").to_string(),
                int(obj, "/status/availableReplicas").to_string(),
                age_s,
            ];
            if wide {
                let (c, i) =
                    containers_images(obj.at("/spec/template/spec").unwrap_or(&Value::Null));
                r.extend([
                    c,
                    i,
                    format_label_selector(obj.at("/spec/selector").unwrap_or(&Value::Null)),
                ]);
            }
            return r;
        }
        "ReplicaSet" => {
            let mut r = vec![
                name,
                int(obj, "/spec/replicas").to_string(),
                int(obj, "/status/replicas").to_string(),
                int(obj, "/status/readyReplicas").to_string(),
                age_s,
            ];
            if wide {
                let (c, i) =
                    containers_images(obj.at("/spec/template/spec").unwrap_or(&Value::Null));
                r.extend([
                    c,
                    i,
                    format_label_selector(obj.at("/spec/selector").unwrap_or(&Value::Null)),
                ]);
            }
            return r;
        }
        "DaemonSet" => {
            let node_sel = map_selector(
                obj.at("/spec/template/spec/nodeSelector")
                    .and_then(Value::as_object),
            );
            let mut r = vec![
                name,
                int(obj, "/status/desiredNumberScheduled").to_string(),
                int(obj, "/status/currentNumberScheduled").to_string(),
                int(obj, "/status/numberReady").to_string(),
                int(obj, "/status/updatedNumberScheduled").to_string(),
                int(obj, "/status/numberAvailable").to_string(),
                node_sel,
                age_s,
            ];
            if wide {
                let (c, i) =
                    containers_images(obj.at("/spec/template/spec").unwrap_or(&Value::Null));
                r.extend([
                    c,
                    i,
                    format_label_selector(obj.at("/spec/selector").unwrap_or(&Value::Null)),
                ]);
            }
            return r;
        }
        "StatefulSet" => {
            let mut r = vec![
                name,
                format!(
                    "{}/{}",
                    int(obj, "/status/readyReplicas"),
                    int(obj, "/spec/replicas")
                ),
                age_s,
            ];
            if wide {
                let (c, i) =
                    containers_images(obj.at("/spec/template/spec").unwrap_or(&Value::Null));
                r.extend([c, i]);
            }
            return r;
        }
        "Service" => {
            let cluster_ip = match str_at(obj, "/spec/clusterIP") {
                "" => "<none>".to_string(),
                ip => ip.to_string(),
            };
            let mut r = vec![
                name,
                if str_at(obj, "/spec/type").is_empty() {
                    "ClusterIP".into()
                } else {
                    str_at(obj, "/spec/type").to_string()
                },
                cluster_ip,
                service_external_ip(obj, wide),
                service_ports(obj),
                age_s,
            ];
            if wide {
                r.push(map_selector(
                    obj.at("/spec/selector").and_then(Value::as_object),
                ));
            }
            return r;
        }
        "ConfigMap" => {
            let n = obj
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len())
                + obj
                    .get("binaryData")
                    .and_then(Value::as_object)
                    .map_or(0, |m| m.len());
            vec![name, n.to_string(), age_s]
        }
        "Secret" => {
            let n = obj
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len());
            vec![name, str_at(obj, "/type").to_string(), n.to_string(), age_s]
        }
        "ServiceAccount" => vec![name, array(obj, "/secrets").len().to_string(), age_s],
        "Endpoints" => {
            // formatEndpoints: each port, then each ready address on it.
            let mut eps = vec![];
            for s in array(obj, "/subsets") {
                let ports = array(s, "/ports");
                if ports.is_empty() {
                    for a in array(s, "/addresses") {
                        eps.push(str_at(a, "/ip").to_string());
                    }
                }
                for p in ports {
                    for a in array(s, "/addresses") {
                        eps.push(format!("{}:{}", str_at(a, "/ip"), int(p, "/port")));
                    }
                }
            }
            let shown = if eps.len() > 3 {
                format!("{} + {} more...", eps[..3].join(","), eps.len() - 3)
            } else {
                or_none(eps.join(","))
            };
            vec![name, shown, age_s]
        }
        "Event" => {
            let last = {
                let l = str_at(obj, "/lastTimestamp");
                if l.is_empty() {
                    str_at(obj, "/eventTime")
                } else {
                    l
                }
            };
            let involved = format!(
                "{}/{}",
                str_at(obj, "/involvedObject/kind").to_ascii_lowercase(),
                str_at(obj, "/involvedObject/name")
            );
            let msg = str_at(obj, "/message").trim().to_string();
            if wide {
                let source = if str_at(obj, "/source/host").is_empty() {
                    str_at(obj, "/source/component").to_string()
                } else {
                    format!(
                        "{}, {}",
                        str_at(obj, "/source/component"),
                        str_at(obj, "/source/host")
                    )
                };
                return vec![
                    timestamp_since(last, now),
                    str_at(obj, "/type").to_string(),
                    str_at(obj, "/reason").to_string(),
                    involved,
                    str_at(obj, "/involvedObject/fieldPath").to_string(),
                    source,
                    msg,
                    timestamp_since(str_at(obj, "/firstTimestamp"), now),
                    int(obj, "/count").to_string(),
                    name,
                ];
            }
            return vec![
                timestamp_since(last, now),
                str_at(obj, "/type").to_string(),
                str_at(obj, "/reason").to_string(),
                involved,
                msg,
            ];
        }
        "Lease" => vec![name, str_at(obj, "/spec/holderIdentity").to_string(), age_s],
        "ComponentStatus" => {
            // printComponentStatus: the Healthy condition's status, message and error.
            let healthy = array(obj, "/conditions")
                .iter()
                .find(|c| str_at(c, "/type") == "Healthy");
            match healthy {
                Some(c) => vec![
                    name,
                    if str_at(c, "/status") == "True" {
                        "Healthy"
                    } else {
                        "Unhealthy"
                    }
                    .to_string(),
                    str_at(c, "/message").to_string(),
                    str_at(c, "/error").to_string(),
                ],
                None => vec![name, "Unknown".into(), String::new(), String::new()],
            }
        }
        "Job" => {
            let completions = match object::i64_at(obj, "/spec/completions") {
                Some(c) => format!("{}/{c}", int(obj, "/status/succeeded")),
                None => {
                    let parallelism = int(obj, "/spec/parallelism");
                    if parallelism > 1 {
                        format!("{}/1 of {parallelism}", int(obj, "/status/succeeded"))
                    } else {
                        format!("{}/1", int(obj, "/status/succeeded"))
                    }
                }
            };
            let start = parse_rfc3339(str_at(obj, "/status/startTime"));
            let done = parse_rfc3339(str_at(obj, "/status/completionTime"));
            let duration = match (start, done) {
                (None, _) => String::new(),
                (Some(s), None) => human_duration(now - s),
                (Some(s), Some(d)) => human_duration(d - s),
            };
            let has = |t: &str| {
                array(obj, "/status/conditions")
                    .iter()
                    .find(|c| str_at(c, "/type") == t)
                    .is_some_and(|c| str_at(c, "/status") == "True")
            };
            let status = if has("Complete") {
                "Complete"
            } else if has("Failed") {
                "Failed"
            } else if obj.at("/metadata/deletionTimestamp").is_some() {
                "Terminating"
            } else if has("Suspended") {
                "Suspended"
            } else if has("FailureTarget") {
                "FailureTarget"
            } else {
                "Running"
            };
            let mut r = vec![name, status.to_string(), completions, duration, age_s];
            if wide {
                let (c, i) =
                    containers_images(obj.at("/spec/template/spec").unwrap_or(&Value::Null));
                r.extend([
                    c,
                    i,
                    format_label_selector(obj.at("/spec/selector").unwrap_or(&Value::Null)),
                ]);
            }
            return r;
        }
        "CronJob" => {
            let last = match str_at(obj, "/status/lastScheduleTime") {
                "" => "<none>".to_string(),
                t => timestamp_since(t, now),
            };
            let tz = match str_at(obj, "/spec/timeZone") {
                "" => "<none>".to_string(),
                t => t.to_string(),
            };
            let suspend = match obj.at("/spec/suspend").and_then(Value::as_bool) {
                Some(true) => "True",
                Some(false) => "False",
                None => "<unset>",
            };
            let mut r = vec![
                name,
                str_at(obj, "/spec/schedule").to_string(),
                tz,
                suspend.to_string(),
                array(obj, "/status/active").len().to_string(),
                last,
                age_s,
            ];
            if wide {
                let (c, i) = containers_images(
                    obj.at("/spec/jobTemplate/spec/template/spec")
                        .unwrap_or(&Value::Null),
                );
                r.extend([
                    c,
                    i,
                    format_label_selector(
                        obj.at("/spec/jobTemplate/spec/selector")
                            .unwrap_or(&Value::Null),
                    ),
                ]);
            }
            return r;
        }
        "ReplicationController" => {
            let mut r = vec![
                name,
                int(obj, "/spec/replicas").to_string(),
                int(obj, "/status/replicas").to_string(),
                int(obj, "/status/readyReplicas").to_string(),
                age_s,
            ];
            if wide {
                let (c, i) =
                    containers_images(obj.at("/spec/template/spec").unwrap_or(&Value::Null));
                r.extend([
                    c,
                    i,
                    map_selector(obj.at("/spec/selector").and_then(Value::as_object)),
                ]);
            }
            return r;
        }
        "EndpointSlice" => {
            // formatDiscoveryPorts / formatDiscoveryEndpoints: three, then ` + N more...`.
            let with_more = |list: Vec<String>| {
                if list.len() > 3 {
                    format!("{} + {} more...", list[..3].join(","), list.len() - 3)
                } else if list.is_empty() {
                    "<unset>".to_string()
                } else {
                    list.join(",")
                }
            };
            let ports: Vec<String> = array(obj, "/ports")
                .iter()
                .map(|p| match object::i64_at(p, "/port") {
                    Some(n) => n.to_string(),
                    None if !str_at(p, "/name").is_empty() => str_at(p, "/name").to_string(),
                    None => "*".to_string(),
                })
                .collect();
            let addresses: Vec<String> = array(obj, "/endpoints")
                .iter()
                .flat_map(|e| array(e, "/addresses").iter())
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            vec![
                name,
                str_at(obj, "/addressType").to_string(),
                with_more(ports),
                with_more(addresses),
                age_s,
            ]
        }
        "ResourceQuota" => {
            // Sorted resource names; `limits.*` in LIMIT, the rest in REQUEST.
            let hard = obj
                .at("/status/hard")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let (mut request, mut limit) = (vec![], vec![]);
            for (resource, h) in &hard {
                let used = obj
                    .at("/status/used")
                    .and_then(|u| u.get(resource))
                    .map(quantity_string)
                    .unwrap_or_else(|| "0".into());
                let cell = format!("{resource}: {used}/{}", quantity_string(h));
                if resource.split('.').next() == Some("limits") && resource.contains('.') {
                    limit.push(cell);
                } else {
                    request.push(cell);
                }
            }
            vec![name, age_s, request.join(", "), limit.join(", ")]
        }
        "LimitRange" => vec![name, str_at(obj, "/metadata/creationTimestamp").to_string()],
        "PodDisruptionBudget" => {
            let intstr = |p: &str| match obj.at(p) {
                Some(Value::Number(n)) => n.to_string(),
                Some(Value::String(s)) => s.clone(),
                _ => "N/A".to_string(),
            };
            vec![
                name,
                intstr("/spec/minAvailable"),
                intstr("/spec/maxUnavailable"),
                int(obj, "/status/disruptionsAllowed").to_string(),
                age_s,
            ]
        }
        "PriorityClass" => vec![
            name,
            int(obj, "/value").to_string(),
            (obj.get("globalDefault") == Some(&Value::Bool(true))).to_string(),
            age_s,
            str_at(obj, "/preemptionPolicy").to_string(),
        ],
        _ => vec![name, age_s],
    };
    cells.truncate(headers(kind, wide).len());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn crash_looping_pod_shows_restarts_with_age() {
        let now = parse_rfc3339("2026-11-22T10:02:00Z").unwrap_or(0);
        let pod = json!({
            "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "containerStatuses": [{
                "name": "c", "ready": false, "restartCount": 4,
                "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                "lastState": {"terminated": {"exitCode": 0, "reason": "Completed", "finishedAt": "2026-11-22T10:01:32Z"}}
            }]}
        });
        assert_eq!(
            pod_status(&pod, now),
            (
                "0/1".into(),
                "CrashLoopBackOff".into(),
                "4 (28s ago)".into()
            )
        );
    }
}

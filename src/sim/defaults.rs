//! Defaulting, as the API server's `SetDefaults_*` functions fill in what a manifest leaves out.

use crate::sim::object::Pointer as _;
use serde_json::{json, Value};

use super::resources::ResourceType;
use super::rng::Rng;

fn set_default(obj: &mut serde_json::Map<String, Value>, key: &str, value: Value) {
    if !obj.contains_key(key) || obj.get(key) == Some(&Value::Null) {
        obj.insert(key.to_string(), value);
    }
}

/// `IfNotPresent` for a pinned tag or digest, `Always` for `:latest` or no tag.
pub fn default_pull_policy(image: &str) -> &'static str {
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') {
        return "IfNotPresent";
    }
    match last.split_once(':') {
        Some((_, "latest")) | None => "Always",
        Some(_) => "IfNotPresent",
    }
}

fn default_container(c: &mut Value) {
    let Some(c) = c.as_object_mut() else { return };
    let image = c
        .get("image")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    set_default(c, "imagePullPolicy", json!(default_pull_policy(&image)));
    set_default(c, "resources", json!({}));
    set_default(c, "terminationMessagePath", json!("/dev/termination-log"));
    set_default(c, "terminationMessagePolicy", json!("File"));
    if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
        for p in ports {
            if let Some(p) = p.as_object_mut() {
                set_default(p, "protocol", json!("TCP"));
            }
        }
    }
    // SetDefaults_Probe, and SetDefaults_HTTPGetAction for probes and lifecycle hooks.
    for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(probe) = c.get_mut(key).and_then(Value::as_object_mut) {
            set_default(probe, "timeoutSeconds", json!(1));
            set_default(probe, "periodSeconds", json!(10));
            set_default(probe, "successThreshold", json!(1));
            set_default(probe, "failureThreshold", json!(3));
            http_get(probe);
        }
    }
    if let Some(hooks) = c.get_mut("lifecycle").and_then(Value::as_object_mut) {
        for hook in hooks.values_mut().filter_map(Value::as_object_mut) {
            http_get(hook);
        }
    }
}

fn http_get(handler: &mut serde_json::Map<String, Value>) {
    if let Some(h) = handler.get_mut("httpGet").and_then(Value::as_object_mut) {
        set_default(h, "path", json!("/"));
        set_default(h, "scheme", json!("HTTP"));
    }
}

/// SetDefaults_PodSpec and its containers.
pub fn pod_spec(spec: &mut Value) {
    let Some(s) = spec.as_object_mut() else {
        return;
    };
    set_default(s, "dnsPolicy", json!("ClusterFirst"));
    set_default(s, "restartPolicy", json!("Always"));
    set_default(s, "schedulerName", json!("default-scheduler"));
    set_default(s, "securityContext", json!({}));
    set_default(s, "terminationGracePeriodSeconds", json!(30));
    for list in ["initContainers", "containers"] {
        if let Some(cs) = s.get_mut(list).and_then(Value::as_array_mut) {
            cs.iter_mut().for_each(default_container);
        }
    }
}

fn pod(obj: &mut Value) {
    if let Some(spec) = obj.get_mut("spec") {
        pod_spec(spec);
        if let Some(s) = spec.as_object_mut() {
            set_default(s, "enableServiceLinks", json!(true));
            set_default(s, "preemptionPolicy", json!("PreemptLowerPriority"));
            // Priority admission: the priority of the pod's class.
            let priority = match s.get("priorityClassName").and_then(Value::as_str) {
                Some("system-node-critical") => 2_000_001_000,
                Some("system-cluster-critical") => 2_000_000_000,
                _ => 0,
            };
            set_default(s, "priority", json!(priority));
            // DefaultTolerationSeconds admission.
            let tolerations = s.entry("tolerations").or_insert_with(|| json!([]));
            if let Some(ts) = tolerations.as_array_mut() {
                for key in [
                    "node.kubernetes.io/not-ready",
                    "node.kubernetes.io/unreachable",
                ] {
                    // A toleration of every NoExecute taint (static pods have one) covers it.
                    let covered = ts.iter().any(|t| {
                        let k = t.get("key").and_then(Value::as_str).unwrap_or("");
                        let effect = t.get("effect").and_then(Value::as_str).unwrap_or("");
                        let exists = t.get("operator").and_then(Value::as_str) == Some("Exists");
                        k == key
                            || (k.is_empty()
                                && exists
                                && (effect.is_empty() || effect == "NoExecute"))
                    });
                    if !covered {
                        ts.push(json!({"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300}));
                    }
                }
            }
        }
    }
    let qos_class = super::qos::pod_qos_class(obj);
    let status = obj
        .as_object_mut()
        .map(|o| o.entry("status").or_insert_with(|| json!({})));
    if let Some(Value::Object(st)) = status {
        set_default(st, "phase", json!("Pending"));
        // PrepareForCreate: the API server computes the QoS class.
        st.insert("qosClass".into(), json!(qos_class));
    }
}

fn template_spec(obj: &mut Value) {
    if let Some(spec) = obj.pointer_mut("/spec/template/spec") {
        pod_spec(spec);
    }
    if let Some(meta) = obj
        .pointer_mut("/spec/template/metadata")
        .and_then(Value::as_object_mut)
    {
        set_default(meta, "creationTimestamp", Value::Null);
    }
}

/// Quantities as the API server stores them: canonical strings (`0.5` → `"500m"`).
fn canonical_quantities(list: &mut serde_json::Map<String, Value>) {
    for v in list.values_mut() {
        let q = match v {
            Value::String(s) => super::quantity::Quantity::parse(s),
            Value::Number(n) => super::quantity::Quantity::parse(&n.to_string()),
            _ => None,
        };
        if let Some(q) = q {
            *v = json!(q.to_string());
        }
    }
}

/// SetDefaults_LimitRangeItem: a Container item's default limit falls back to its max, its
/// default request to the default limit, then to the min.
fn limit_range(obj: &mut Value) {
    let Some(items) = obj
        .pointer_mut("/spec/limits")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        for field in [
            "max",
            "min",
            "default",
            "defaultRequest",
            "maxLimitRequestRatio",
        ] {
            if let Some(list) = item.get_mut(field).and_then(Value::as_object_mut) {
                canonical_quantities(list);
            }
        }
        if item.get("type").and_then(Value::as_str) != Some("Container") {
            continue;
        }
        let get = |item: &serde_json::Map<String, Value>, f: &str| {
            item.get(f)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let mut default = get(item, "default");
        let mut default_request = get(item, "defaultRequest");
        for (k, v) in get(item, "max") {
            default.entry(k).or_insert(v);
        }
        for (k, v) in &default {
            default_request.entry(k.clone()).or_insert(v.clone());
        }
        for (k, v) in get(item, "min") {
            default_request.entry(k).or_insert(v);
        }
        if !default.is_empty() {
            item.insert("default".into(), Value::Object(default));
        }
        if !default_request.is_empty() {
            item.insert("defaultRequest".into(), Value::Object(default_request));
        }
    }
}

/// SetDefaults_ReplicationController: the selector and labels come from the template.
fn replication_controller(obj: &mut Value) {
    template_spec(obj);
    let template_labels = obj
        .at("/spec/template/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
        set_default(s, "replicas", json!(1));
        let empty = s
            .get("selector")
            .and_then(Value::as_object)
            .is_none_or(|m| m.is_empty());
        if empty && !template_labels.is_empty() {
            s.insert("selector".into(), Value::Object(template_labels.clone()));
        }
    }
    let meta = super::object::meta_mut(obj);
    let no_labels = meta
        .get("labels")
        .and_then(Value::as_object)
        .is_none_or(|m| m.is_empty());
    if no_labels && !template_labels.is_empty() {
        meta.insert("labels".into(), Value::Object(template_labels));
    }
    obj.as_object_mut()
        .map(|o| o.entry("status").or_insert_with(|| json!({"replicas": 0})));
}

/// SetDefaults_Job and the Job strategy's selector generation: pods of the Job carry its uid
/// and name as labels, and the selector is that uid.
fn job(obj: &mut Value) {
    template_spec(obj);
    let uid = super::object::uid(obj).to_string();
    let name = super::object::name(obj).to_string();
    let manual = obj.at("/spec/manualSelector") == Some(&json!(true));
    if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
        let no_completions = s.get("completions").is_none_or(Value::is_null);
        let no_parallelism = s.get("parallelism").is_none_or(Value::is_null);
        if no_completions && no_parallelism {
            s.insert("completions".into(), json!(1));
        }
        set_default(s, "parallelism", json!(1));
        set_default(s, "backoffLimit", json!(6));
        set_default(s, "completionMode", json!("NonIndexed"));
        set_default(s, "suspend", json!(false));
        let policy = if s.get("podFailurePolicy").is_some_and(|p| !p.is_null()) {
            "Failed"
        } else {
            "TerminatingOrFailed"
        };
        set_default(s, "podReplacementPolicy", json!(policy));
        if !manual && !uid.is_empty() && s.get("selector").is_none_or(Value::is_null) {
            s.insert(
                "selector".into(),
                json!({"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}),
            );
            let tmeta = s
                .entry("template")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .map(|t| t.entry("metadata").or_insert_with(|| json!({})));
            if let Some(Value::Object(tmeta)) = tmeta {
                let labels = tmeta.entry("labels").or_insert_with(|| json!({}));
                if let Some(l) = labels.as_object_mut() {
                    l.insert("batch.kubernetes.io/controller-uid".into(), json!(uid));
                    l.insert("batch.kubernetes.io/job-name".into(), json!(name));
                    l.insert("controller-uid".into(), json!(uid));
                    l.insert("job-name".into(), json!(name));
                }
            }
        }
    }
    // The Job's own labels default to its pods' (defaulting runs again on every read).
    let template_labels = obj
        .at("/spec/template/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let meta = super::object::meta_mut(obj);
    let no_labels = meta
        .get("labels")
        .and_then(Value::as_object)
        .is_none_or(|m| m.is_empty());
    if no_labels && !template_labels.is_empty() {
        meta.insert("labels".into(), Value::Object(template_labels));
    }
    obj.as_object_mut()
        .map(|o| o.entry("status").or_insert_with(|| json!({})));
}

/// SetDefaults_Service.
fn service(obj: &mut Value) {
    let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    set_default(spec, "sessionAffinity", json!("None"));
    match spec.get("sessionAffinity").and_then(Value::as_str) {
        Some("None") => {
            spec.remove("sessionAffinityConfig");
        }
        Some("ClientIP") => {
            let has_timeout = spec
                .get("sessionAffinityConfig")
                .and_then(|c| c.at("/clientIP/timeoutSeconds"))
                .is_some_and(|t| !t.is_null());
            if !has_timeout {
                spec.insert(
                    "sessionAffinityConfig".into(),
                    json!({"clientIP": {"timeoutSeconds": 10800}}),
                );
            }
        }
        _ => {}
    }
    set_default(spec, "type", json!("ClusterIP"));
    if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            set_default(p, "protocol", json!("TCP"));
            let unset = match p.get("targetPort") {
                None | Some(Value::Null) => true,
                Some(Value::Number(n)) => n.as_i64() == Some(0),
                Some(Value::String(s)) => s.is_empty(),
                _ => false,
            };
            if unset {
                let port = p.get("port").cloned().unwrap_or(json!(0));
                p.insert("targetPort".into(), port);
            }
        }
    }
    let svc_type = spec
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let has_external_ips = spec
        .get("externalIPs")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    let externally_accessible = svc_type == "LoadBalancer"
        || svc_type == "NodePort"
        || (svc_type == "ClusterIP" && has_external_ips);
    if externally_accessible {
        set_default(spec, "externalTrafficPolicy", json!("Cluster"));
    }
    if matches!(svc_type.as_str(), "ClusterIP" | "NodePort" | "LoadBalancer") {
        set_default(spec, "internalTrafficPolicy", json!("Cluster"));
    }
    if svc_type == "LoadBalancer" {
        set_default(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
}

/// Applies the defaults of a type to a new or updated object.
pub fn apply(rt: &ResourceType, obj: &mut Value, _rng: &mut Rng) {
    match rt.kind {
        "Pod" => pod(obj),
        "Deployment" => {
            template_spec(obj);
            if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                set_default(s, "replicas", json!(1));
                set_default(s, "revisionHistoryLimit", json!(10));
                set_default(s, "progressDeadlineSeconds", json!(600));
                let strategy = s.entry("strategy").or_insert_with(|| json!({}));
                if let Some(st) = strategy.as_object_mut() {
                    set_default(st, "type", json!("RollingUpdate"));
                    if st.get("type") == Some(&json!("RollingUpdate")) {
                        let ru = st.entry("rollingUpdate").or_insert_with(|| json!({}));
                        if let Some(ru) = ru.as_object_mut() {
                            set_default(ru, "maxSurge", json!("25%"));
                            set_default(ru, "maxUnavailable", json!("25%"));
                        }
                    }
                }
            }
            obj.as_object_mut()
                .map(|o| o.entry("status").or_insert_with(|| json!({})));
        }
        "ReplicaSet" => {
            template_spec(obj);
            if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                set_default(s, "replicas", json!(1));
            }
            obj.as_object_mut()
                .map(|o| o.entry("status").or_insert_with(|| json!({"replicas": 0})));
        }
        "StatefulSet" => {
            template_spec(obj);
            if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                set_default(s, "replicas", json!(1));
                set_default(s, "podManagementPolicy", json!("OrderedReady"));
                set_default(s, "revisionHistoryLimit", json!(10));
                set_default(
                    s,
                    "updateStrategy",
                    json!({"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"}),
                );
                set_default(
                    s,
                    "persistentVolumeClaimRetentionPolicy",
                    json!({"whenDeleted": "Retain", "whenScaled": "Retain"}),
                );
            }
            obj.as_object_mut().map(|o| {
                o.entry("status")
                    .or_insert_with(|| json!({"replicas": 0, "availableReplicas": 0}))
            });
        }
        "ReplicationController" => replication_controller(obj),
        "Job" => job(obj),
        "CronJob" => {
            if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                set_default(s, "concurrencyPolicy", json!("Allow"));
                set_default(s, "suspend", json!(false));
                set_default(s, "successfulJobsHistoryLimit", json!(3));
                set_default(s, "failedJobsHistoryLimit", json!(1));
            }
            if let Some(spec) = obj.pointer_mut("/spec/jobTemplate/spec/template/spec") {
                pod_spec(spec);
            }
            for p in [
                "/spec/jobTemplate/metadata",
                "/spec/jobTemplate/spec/template/metadata",
            ] {
                if let Some(meta) = obj.pointer_mut(p).and_then(Value::as_object_mut) {
                    set_default(meta, "creationTimestamp", Value::Null);
                }
            }
            obj.as_object_mut()
                .map(|o| o.entry("status").or_insert_with(|| json!({})));
        }
        "DaemonSet" => {
            template_spec(obj);
            if let Some(s) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                set_default(s, "revisionHistoryLimit", json!(10));
                set_default(
                    s,
                    "updateStrategy",
                    json!({"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}),
                );
            }
            obj.as_object_mut()
                .map(|o| o.entry("status").or_insert_with(|| json!({})));
        }
        "Secret" => {
            // SetDefaults_Secret.
            if let Some(o) = obj.as_object_mut() {
                set_default(o, "type", json!("Opaque"));
            }
        }
        "Service" => service(obj),
        "LimitRange" => limit_range(obj),
        "ResourceQuota" => {
            if let Some(hard) = obj.pointer_mut("/spec/hard").and_then(Value::as_object_mut) {
                canonical_quantities(hard);
            }
        }
        "PriorityClass" => {
            if let Some(o) = obj.as_object_mut() {
                set_default(o, "preemptionPolicy", json!("PreemptLowerPriority"));
            }
        }
        "Namespace" => {
            if let Some(o) = obj.as_object_mut() {
                set_default(o, "spec", json!({"finalizers": ["kubernetes"]}));
                set_default(o, "status", json!({"phase": "Active"}));
                // Sent as `spec: {}` / `status: {}` (kubectl create namespace): the namespace
                // strategy still makes it Active with the kubernetes finalizer.
                if let Some(spec) = o.get_mut("spec").and_then(Value::as_object_mut) {
                    set_default(spec, "finalizers", json!(["kubernetes"]));
                }
                if let Some(status) = o.get_mut("status").and_then(Value::as_object_mut) {
                    set_default(status, "phase", json!("Active"));
                }
            }
            let name = super::object::name(obj).to_string();
            let labels = super::object::meta_mut(obj)
                .entry("labels")
                .or_insert_with(|| json!({}));
            if let Some(l) = labels.as_object_mut() {
                l.insert("kubernetes.io/metadata.name".into(), json!(name));
            }
        }
        _ => {}
    }
}

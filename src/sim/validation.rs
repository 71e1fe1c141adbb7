//! Validation with the API server's own messages (apimachinery `validation.go`).

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::apiserver::Status;
use super::object::str_at;
use super::resources::ResourceType;

pub const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
pub const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
pub const DNS1035_LABEL_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

fn is_label_part(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// IsDNS1123Label: the list of problems (empty when valid).
pub fn dns1123_label(s: &str) -> Vec<String> {
    let mut errs = vec![];
    if s.chars().count() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_label_part(s) {
        errs.push(DNS1123_LABEL_MSG.to_string());
    }
    errs
}

/// IsDNS1123Subdomain.
pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = vec![];
    if s.chars().count() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if !s.split('.').all(is_label_part) {
        errs.push(DNS1123_SUBDOMAIN_MSG.to_string());
    }
    errs
}

/// IsDNS1035Label.
pub fn dns1035_label(s: &str) -> Vec<String> {
    let mut errs = vec![];
    if s.chars().count() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_label_part(s) || !s.as_bytes()[0].is_ascii_lowercase() {
        errs.push(DNS1035_LABEL_MSG.to_string());
    }
    errs
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Checks `metadata.name` for the type's naming rule.
pub fn validate_name(rt: &ResourceType, name: &str) -> Result<(), Status> {
    let problems = match rt.kind {
        "Namespace" => dns1123_label(name),
        "Service" => dns1035_label(name),
        _ => dns1123_subdomain(name),
    };
    if problems.is_empty() {
        return Ok(());
    }
    let causes = problems
        .into_iter()
        .map(|p| format!("metadata.name: Invalid value: {}: {}", quote(name), p))
        .collect();
    Err(Status::invalid(rt.kind, name, causes))
}

fn validate_containers(spec: &Value, path: &str, causes: &mut Vec<String>) {
    let containers = spec.get("containers").and_then(Value::as_array);
    match containers {
        None => causes.push(format!("{path}.containers: Required value")),
        Some(cs) if cs.is_empty() => causes.push(format!("{path}.containers: Required value")),
        Some(cs) => {
            let mut seen = std::collections::BTreeSet::new();
            for (i, c) in cs.iter().enumerate() {
                let name = str_at(c, "/name");
                if name.is_empty() {
                    causes.push(format!("{path}.containers[{i}].name: Required value"));
                } else {
                    for p in dns1123_label(name) {
                        causes.push(format!(
                            "{path}.containers[{i}].name: Invalid value: {}: {p}",
                            quote(name)
                        ));
                    }
                    if !seen.insert(name.to_string()) {
                        causes.push(format!(
                            "{path}.containers[{i}].name: Duplicate value: {}",
                            quote(name)
                        ));
                    }
                }
                if str_at(c, "/image").trim().is_empty() {
                    causes.push(format!("{path}.containers[{i}].image: Required value"));
                }
            }
        }
    }
}

/// IsValidPortNum.
fn port_num_problem(n: i64) -> Option<&'static str> {
    (!(1..=65535).contains(&n)).then_some("must be between 1 and 65535, inclusive")
}

/// IsValidPortName (an IANA service name).
fn port_name_problems(name: &str) -> Vec<&'static str> {
    let mut errs = vec![];
    if name.chars().count() > 15 {
        errs.push("must be no more than 15 characters");
    }
    if !name
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if name.contains("--") {
        errs.push("must not contain consecutive hyphens");
    }
    if !name.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)");
    }
    if name.starts_with('-') || name.ends_with('-') {
        errs.push("must not begin or end with a hyphen");
    }
    errs
}

/// Go's `%#v` of the internal `core.ServicePort{Protocol, Port}` key a duplicate port reports.
fn service_port_key(protocol: &str, port: i64) -> String {
    format!(
        "core.ServicePort{{Name:\"\", Protocol:{}, AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}",
        quote(protocol)
    )
}

/// ValidateService: the checks of `pkg/apis/core/validation`, in its order.
fn validate_service(svc: &Value, causes: &mut Vec<String>) {
    let spec = svc.get("spec").cloned().unwrap_or(Value::Null);
    let svc_type = str_at(&spec, "/type");
    let cluster_ip = str_at(&spec, "/clusterIP");
    let headless = cluster_ip == "None";
    let ports: Vec<Value> = spec
        .get("ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if ports.is_empty() && !headless && svc_type != "ExternalName" {
        causes.push("spec.ports: Required value".into());
    }
    match svc_type {
        "LoadBalancer" | "NodePort" if headless => causes.push(format!(
            "spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for {svc_type} services"
        )),
        "ExternalName" => {
            if !cluster_ip.is_empty() {
                causes.push(
                    "spec.clusterIP: Forbidden: must be empty for ExternalName services".into(),
                );
            }
            let ext = str_at(&spec, "/externalName");
            if ext.is_empty() {
                causes.push("spec.externalName: Required value".into());
            } else {
                for p in dns1123_subdomain(ext) {
                    causes.push(format!(
                        "spec.externalName: Invalid value: {}: {p}",
                        quote(ext)
                    ));
                }
            }
        }
        _ => {}
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let path = format!("spec.ports[{i}]");
        let name = str_at(p, "/name");
        if ports.len() > 1 && name.is_empty() {
            causes.push(format!("{path}.name: Required value"));
        } else if !name.is_empty() {
            for e in dns1123_label(name) {
                causes.push(format!("{path}.name: Invalid value: {}: {e}", quote(name)));
            }
            if !names.insert(name.to_string()) {
                causes.push(format!("{path}.name: Duplicate value: {}", quote(name)));
            }
        }
        let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
        if let Some(e) = port_num_problem(port) {
            causes.push(format!("{path}.port: Invalid value: {port}: {e}"));
        }
        match str_at(p, "/protocol") {
            "" => causes.push(format!("{path}.protocol: Required value")),
            "TCP" | "UDP" | "SCTP" => {}
            other => causes.push(format!(
                "{path}.protocol: Unsupported value: {}: supported values: \"SCTP\", \"TCP\", \"UDP\"",
                quote(other)
            )),
        }
        match p.get("targetPort") {
            Some(Value::Number(n)) => {
                let n = n.as_i64().unwrap_or(0);
                if let Some(e) = port_num_problem(n) {
                    causes.push(format!("{path}.targetPort: Invalid value: {n}: {e}"));
                }
            }
            Some(Value::String(s)) => {
                for e in port_name_problems(s) {
                    causes.push(format!(
                        "{path}.targetPort: Invalid value: {}: {e}",
                        quote(s)
                    ));
                }
            }
            _ => {}
        }
    }
    match str_at(&spec, "/sessionAffinity") {
        "" => causes.push("spec.sessionAffinity: Required value".into()),
        "None" | "ClientIP" => {}
        other => causes.push(format!(
            "spec.sessionAffinity: Unsupported value: {}: supported values: \"ClientIP\", \"None\"",
            quote(other)
        )),
    }
    if !cluster_ip.is_empty() && !headless && !is_ipv4(cluster_ip) {
        causes.push(format!(
            "spec.clusterIP: Invalid value: {}: must be empty, 'None', or a valid IP address",
            quote(cluster_ip)
        ));
    }
    match svc_type {
        "" => causes.push("spec.type: Required value".into()),
        "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName" => {}
        other => causes.push(format!(
            "spec.type: Unsupported value: {}: supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            quote(other)
        )),
    }
    if svc_type == "ClusterIP" {
        for (i, p) in ports.iter().enumerate() {
            if p.get("nodePort").and_then(Value::as_i64).unwrap_or(0) != 0 {
                causes.push(format!(
                    "spec.ports[{i}].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"
                ));
            }
        }
    }
    let mut node_ports = std::collections::BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let np = p.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
        if np != 0 && !node_ports.insert((str_at(p, "/protocol").to_string(), np)) {
            causes.push(format!("spec.ports[{i}].nodePort: Duplicate value: {np}"));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
        let protocol = str_at(p, "/protocol");
        if !seen.insert((protocol.to_string(), port)) {
            causes.push(format!(
                "spec.ports[{i}]: Duplicate value: {}",
                service_port_key(protocol, port)
            ));
        }
    }
}

/// ValidateJobSpec: the counts, the template's containers and its restart policy.
fn validate_job_spec(spec: &Value, path: &str, causes: &mut Vec<String>) {
    for field in [
        "parallelism",
        "completions",
        "backoffLimit",
        "activeDeadlineSeconds",
    ] {
        if let Some(n) = spec.get(field).and_then(Value::as_i64) {
            let bad = if field == "activeDeadlineSeconds" {
                n <= 0
            } else {
                n < 0
            };
            if bad {
                let what = if field == "activeDeadlineSeconds" {
                    "must be greater than 0"
                } else {
                    "must be greater than or equal to 0"
                };
                causes.push(format!("{path}.{field}: Invalid value: {n}: {what}"));
            }
        }
    }
    let template_spec = spec.at("/template/spec").cloned().unwrap_or(Value::Null);
    validate_containers(&template_spec, &format!("{path}.template.spec"), causes);
    match str_at(&template_spec, "/restartPolicy") {
        "OnFailure" | "Never" => {}
        other => causes.push(format!(
            "{path}.template.spec.restartPolicy: Unsupported value: {}: supported values: \"OnFailure\", \"Never\"",
            quote(other)
        )),
    }
}

/// A dotted IPv4 address.
pub fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|c| c.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Validates an object of a type (the fields the simulation relies on).
pub fn validate(rt: &ResourceType, obj: &Value) -> Result<(), Status> {
    let mut causes = vec![];
    match rt.kind {
        "Pod" => {
            if let Some(spec) = obj.get("spec") {
                validate_containers(spec, "spec", &mut causes);
            } else {
                causes.push("spec.containers: Required value".into());
            }
        }
        "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet" => {
            let spec = obj.get("spec").cloned().unwrap_or(Value::Null);
            if rt.kind != "DaemonSet" {
                if let Some(r) = spec.get("replicas").and_then(Value::as_i64) {
                    if r < 0 {
                        causes.push(format!(
                            "spec.replicas: Invalid value: {r}: must be greater than or equal to 0"
                        ));
                    }
                }
            }
            let template_spec = spec.at("/template/spec").cloned().unwrap_or(Value::Null);
            validate_containers(&template_spec, "spec.template.spec", &mut causes);
            let selector = spec.get("selector");
            let has_selector = selector
                .map(|s| {
                    s.get("matchLabels")
                        .and_then(Value::as_object)
                        .is_some_and(|m| !m.is_empty())
                        || s.get("matchExpressions")
                            .and_then(Value::as_array)
                            .is_some_and(|m| !m.is_empty())
                })
                .unwrap_or(false);
            if !has_selector {
                causes.push("spec.selector: Required value".into());
            } else if let Some(sel) = selector {
                let labels =
                    super::object::labels(&spec.get("template").cloned().unwrap_or(Value::Null));
                if !super::object::selector_matches(sel, &labels) {
                    causes.push(format!(
                        "spec.template.metadata.labels: Invalid value: map[string]string{{{}}}: `selector` does not match template `labels`",
                        labels
                            .iter()
                            .map(|(k, v)| format!("{}:{}", quote(k), quote(v.as_str().unwrap_or(""))))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        "Service" => validate_service(obj, &mut causes),
        "Job" => {
            let spec = obj.get("spec").cloned().unwrap_or(Value::Null);
            validate_job_spec(&spec, "spec", &mut causes);
        }
        "CronJob" => {
            let spec = obj.get("spec").cloned().unwrap_or(Value::Null);
            let schedule = str_at(&spec, "/schedule");
            if schedule.is_empty() {
                causes.push("spec.schedule: Required value".into());
            } else if let Err(e) = super::controllers::cronjob::parse_schedule(schedule) {
                causes.push(format!(
                    "spec.schedule: Invalid value: {}: {e}",
                    quote(schedule)
                ));
            }
            match str_at(&spec, "/concurrencyPolicy") {
                "Allow" | "Forbid" | "Replace" => {}
                "" => causes.push("spec.concurrencyPolicy: Required value".into()),
                other => causes.push(format!(
                    "spec.concurrencyPolicy: Unsupported value: {}: supported values: \"Allow\", \"Forbid\", \"Replace\"",
                    quote(other)
                )),
            }
            let job_spec = spec.at("/jobTemplate/spec").cloned().unwrap_or(Value::Null);
            validate_job_spec(&job_spec, "spec.jobTemplate.spec", &mut causes);
        }
        "ReplicationController" => {
            let spec = obj.get("spec").cloned().unwrap_or(Value::Null);
            if let Some(r) = spec.get("replicas").and_then(Value::as_i64) {
                if r < 0 {
                    causes.push(format!(
                        "spec.replicas: Invalid value: {r}: must be greater than or equal to 0"
                    ));
                }
            }
            let selector = spec
                .get("selector")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if selector.is_empty() {
                causes.push("spec.selector: Required value".into());
            }
            let template = spec.get("template").cloned().unwrap_or(Value::Null);
            if template.is_null() {
                causes.push("spec.template: Required value".into());
            } else {
                let labels = super::object::labels(&template);
                if !selector.is_empty() && !super::object::map_selector_matches(&selector, &labels)
                {
                    causes.push(format!(
                        "spec.template.metadata.labels: Invalid value: map[string]string{{{}}}: `selector` does not match template `labels`",
                        labels
                            .iter()
                            .map(|(k, v)| format!("{}:{}", quote(k), quote(v.as_str().unwrap_or(""))))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                let template_spec = template.get("spec").cloned().unwrap_or(Value::Null);
                validate_containers(&template_spec, "spec.template.spec", &mut causes);
            }
        }
        _ => {}
    }
    if causes.is_empty() {
        Ok(())
    } else {
        Err(Status::invalid(rt.kind, super::object::name(obj), causes))
    }
}

/// Pod updates may change only a few fields (ValidatePodUpdate).
pub fn validate_pod_update(old: &Value, new: &Value) -> Result<(), Status> {
    let strip = |v: &Value| {
        let mut spec = v.get("spec").cloned().unwrap_or(Value::Null);
        if let Some(cs) = spec.get_mut("containers").and_then(Value::as_array_mut) {
            for c in cs {
                if let Some(c) = c.as_object_mut() {
                    c.remove("image");
                }
            }
        }
        if let Some(s) = spec.as_object_mut() {
            for f in [
                "activeDeadlineSeconds",
                "tolerations",
                "terminationGracePeriodSeconds",
            ] {
                s.remove(f);
            }
        }
        spec
    };
    if old.is_null() || strip(old) == strip(new) {
        return Ok(());
    }
    Err(Status::invalid(
        "Pod",
        super::object::name(new),
        vec!["spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into()],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(dns1123_label("nginx-1").is_empty());
        assert_eq!(dns1123_label("Nginx"), vec![DNS1123_LABEL_MSG.to_string()]);
        assert!(dns1123_subdomain("a.b-c").is_empty());
        assert!(!dns1123_subdomain("a..b").is_empty());
        assert!(!dns1035_label("1abc").is_empty());
        assert_eq!(dns1123_label(&"a".repeat(64)).len(), 1);
    }
}

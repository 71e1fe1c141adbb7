//! `kubectl create namespace|quota|priorityclass|ingress|poddisruptionbudget`.

use serde_json::{json, Map, Value};

use super::builder::{report, KErr};
use super::create::{begin, finish, generated_meta};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::rt;

pub static NAMESPACE: Command = Command {
    name: "namespace",
    about: "Create a namespace with the specified name.",
    examples: "  # A namespace for development\n  kubectl create namespace dev",
    usage: "kubectl create namespace NAME [--dry-run=server|client|none] [options]",
    flags: NAMESPACE_FLAGS,
    run: run_namespace,
};

pub static QUOTA: Command = Command {
    name: "quota",
    about: "Create a resource quota with the specified name, hard limits, and optional scopes.",
    examples: "  # At most 10 pods and 2 CPUs requested\n  kubectl create quota small --hard=pods=10,requests.cpu=2\n  \n  # Only for best-effort pods\n  kubectl create quota best-effort --hard=pods=5 --scopes=BestEffort",
    usage: "kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]",
    flags: QUOTA_FLAGS,
    run: run_quota,
};

pub static PRIORITYCLASS: Command = Command {
    name: "priorityclass",
    about: "Create a priority class with the specified name, value, globalDefault and description.",
    examples: "  # A high priority class\n  kubectl create priorityclass high --value=1000 --description=\"important workloads\"\n  \n  # One that never preempts\n  kubectl create priorityclass polite --value=1000 --preemption-policy=Never",
    usage: "kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]",
    flags: PRIORITYCLASS_FLAGS,
    run: run_priorityclass,
};

pub static INGRESS: Command = Command {
    name: "ingress",
    about: "Create an ingress with the specified name.",
    examples: "  # Route example.com/api to the api service on port 8080\n  kubectl create ingress api --rule=\"example.com/api=api:8080\"\n  \n  # A prefix rule with TLS from a secret, and an ingress class\n  kubectl create ingress web --class=nginx --rule=\"example.com/*=web:80,tls=web-tls\"\n  \n  # Only a default backend\n  kubectl create ingress catch-all --default-backend=fallback:80",
    usage: "kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]",
    flags: INGRESS_FLAGS,
    run: run_ingress,
};

pub static PDB: Command = Command {
    name: "poddisruptionbudget",
    about: "Create a pod disruption budget with the specified name, selector, and desired minimum available pods.",
    examples: "  # Keep at least one pod labelled app=web\n  kubectl create pdb web --selector=app=web --min-available=1\n  \n  # At most half of them down at once\n  kubectl create pdb web --selector=app=web --max-unavailable=50%",
    usage: "kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]",
    flags: PDB_FLAGS,
    run: run_pdb,
};

fn run_namespace(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create namespace") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let obj = json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": name, "creationTimestamp": null},
        "spec": {},
        "status": {},
    });
    finish(ctx, p, io, rt("namespaces"), obj, dry, out, None)
}

fn run_quota(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create quota") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut hard = Map::new();
    for pair in p
        .get_string("hard")
        .split(',')
        .filter(|s| !s.trim().is_empty())
    {
        let Some((k, v)) = pair.split_once('=') else {
            return report(
                io,
                &[KErr::Msg(format!(
                    "Invalid argument syntax {pair}, expected <resource>=<value>"
                ))],
            );
        };
        if !quantity_ok(v.trim()) {
            return report(io, &[KErr::Msg("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".into())]);
        }
        hard.insert(k.trim().to_string(), json!(v.trim()));
    }
    let mut spec = Map::new();
    if !hard.is_empty() {
        spec.insert("hard".into(), Value::Object(hard));
    }
    let scopes: Vec<String> = p
        .get_string("scopes")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !scopes.is_empty() {
        spec.insert("scopes".into(), json!(scopes));
    }
    let obj = json!({
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": generated_meta(ctx, p, &name, true),
        "spec": Value::Object(spec),
        "status": {},
    });
    finish(
        ctx,
        p,
        io,
        rt("resourcequotas"),
        obj,
        dry,
        out,
        Some("failed to create quota: "),
    )
}

/// The quantity regex of apimachinery's ParseQuantity.
fn quantity_ok(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s);
    let num_len = b
        .bytes()
        .take_while(|c| c.is_ascii_digit() || *c == b'.')
        .count();
    if num_len == 0 {
        return false;
    }
    let rest = &b[num_len..];
    let suffix_len = rest
        .bytes()
        .take_while(|c| b"eEinumkKMGTP".contains(c))
        .count();
    let rest = &rest[suffix_len..];
    let rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    rest.bytes().all(|c| c.is_ascii_digit())
}

fn run_priorityclass(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create priorityclass") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut obj = json!({
        "apiVersion": "scheduling.k8s.io/v1",
        "kind": "PriorityClass",
        "metadata": {"name": name, "creationTimestamp": null},
        "value": p.get_int("value"),
        "preemptionPolicy": p.get_string("preemption-policy"),
    });
    if p.get_bool("global-default") {
        obj["globalDefault"] = json!(true);
    }
    let d = p.get_string("description");
    if !d.is_empty() {
        obj["description"] = json!(d);
    }
    finish(
        ctx,
        p,
        io,
        rt("priorityclasses.scheduling.k8s.io"),
        obj,
        dry,
        out,
        Some("failed to create priorityclass: "),
    )
}

fn word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// The rule regex of create_ingress.go: `host/path=svc:port[,tls[=secret]]`.
fn valid_rule(rule: &str) -> bool {
    let mut main = rule;
    if let Some(i) = rule.rfind(",tls") {
        let tail = &rule[i + 4..];
        let tail_ok = tail.is_empty()
            || tail
                .strip_prefix('=')
                .map_or(word(tail), |s| s.is_empty() || word(s));
        if tail_ok {
            main = &rule[..i];
        }
    }
    let Some(slash) = main.find('/') else {
        return false;
    };
    let host = &main[..slash];
    if !host
        .chars()
        .all(|c| c.is_alphanumeric() || "_*-.".contains(c))
    {
        return false;
    }
    let Some(eq) = main.rfind('=') else {
        return false;
    };
    if eq < slash {
        return false;
    }
    let Some((svc, port)) = main[eq + 1..].split_once(':') else {
        return false;
    };
    word(svc) && word(port)
}

fn backend(service: &str) -> Value {
    let mut parts = service.split(':');
    let name = parts.next().unwrap_or("");
    let port = parts.next().unwrap_or("");
    let port = match port.parse::<i64>() {
        Ok(n) => json!({"number": n}),
        Err(_) => json!({"name": port}),
    };
    json!({"service": {"name": name, "port": port}})
}

fn run_ingress(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create ingress") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let rules = p.get_strings("rule");
    if rules.is_empty() && p.get_string("default-backend").is_empty() {
        return report(io, &[KErr::Msg("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)".into())]);
    }
    for r in &rules {
        if !valid_rule(r) {
            return report(io, &[KErr::Msg(format!("rule {r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]"))]);
        }
    }
    let mut annotations = Map::new();
    for a in p.get_strings("annotation") {
        let Some((k, v)) = a.split_once('=') else {
            return report(
                io,
                &[KErr::Msg(format!(
                    "annotation {a} is invalid and should be in format key=[value]"
                ))],
            );
        };
        annotations.insert(k.to_string(), json!(v));
    }
    let default_backend = p.get_string("default-backend");
    if !default_backend.is_empty() && default_backend.split(':').count() != 2 {
        return report(
            io,
            &[KErr::Msg(
                "default-backend should be in format servicename:serviceport".into(),
            )],
        );
    }
    let mut spec = Map::new();
    let class = p.get_string("class");
    if !class.is_empty() {
        spec.insert("ingressClassName".into(), json!(class));
    }
    if !default_backend.is_empty() {
        spec.insert("defaultBackend".into(), backend(&default_backend));
    }
    // TLS: each host once; hosts sharing a secret share an entry.
    let mut tls: Vec<(Vec<String>, String)> = vec![];
    let mut seen_hosts: Vec<String> = vec![];
    for rule in &rules {
        let parts: Vec<&str> = rule.split("tls").collect();
        if parts.len() != 2 {
            continue;
        }
        let host = rule.split('/').next().unwrap_or("").to_string();
        let secret = parts[1].split('=').nth(1).unwrap_or("").to_string();
        if seen_hosts.contains(&host) {
            continue;
        }
        seen_hosts.push(host.clone());
        if let Some(entry) = tls.iter_mut().find(|(_, s)| *s == secret) {
            entry.0.push(host);
            continue;
        }
        let hosts = if host.is_empty() { vec![] } else { vec![host] };
        if !secret.is_empty() || !hosts.is_empty() {
            tls.push((hosts, secret));
        }
    }
    let mut ing_rules: Vec<(String, Vec<Value>)> = vec![];
    for rule in &rules {
        let main = rule.split(",tls").next().unwrap_or(rule);
        let (host, rest) = main.split_once('/').unwrap_or((main, ""));
        let (path_part, service) = rest.rsplit_once('=').unwrap_or((rest, ""));
        let mut path = format!("/{path_part}");
        let mut path_type = "Exact";
        if path.ends_with('*') {
            path_type = "Prefix";
            path.pop();
        }
        let p = json!({"backend": backend(service), "path": path, "pathType": path_type});
        match ing_rules.iter_mut().find(|(h, _)| h == host) {
            Some((_, paths)) => paths.push(p),
            None => ing_rules.push((host.to_string(), vec![p])),
        }
    }
    if !tls.is_empty() {
        let v: Vec<Value> = tls
            .into_iter()
            .map(|(hosts, secret)| {
                let mut m = Map::new();
                if !hosts.is_empty() {
                    m.insert("hosts".into(), json!(hosts));
                }
                if !secret.is_empty() {
                    m.insert("secretName".into(), json!(secret));
                }
                Value::Object(m)
            })
            .collect();
        spec.insert("tls".into(), json!(v));
    }
    if !ing_rules.is_empty() {
        let v: Vec<Value> = ing_rules
            .into_iter()
            .map(|(host, paths)| {
                let mut m = Map::new();
                if !host.is_empty() {
                    m.insert("host".into(), json!(host));
                }
                m.insert("http".into(), json!({"paths": paths}));
                Value::Object(m)
            })
            .collect();
        spec.insert("rules".into(), json!(v));
    }
    let mut meta = generated_meta(ctx, p, &name, true);
    if !annotations.is_empty() {
        meta["annotations"] = Value::Object(annotations);
    }
    let obj = json!({
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": meta,
        "spec": Value::Object(spec),
        "status": {"loadBalancer": {}},
    });
    finish(
        ctx,
        p,
        io,
        rt("ingresses.networking.k8s.io"),
        obj,
        dry,
        out,
        Some("failed to create ingress: "),
    )
}

fn int_or_percent(s: &str) -> Option<Value> {
    let digits = s.strip_suffix('%').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if s.ends_with('%') {
        Some(json!(s))
    } else {
        digits.parse::<i64>().ok().map(|n| json!(n))
    }
}

/// metav1.ParseToLabelSelector for the equality forms a PDB accepts.
fn label_selector(s: &str) -> Result<Value, String> {
    let sel = crate::sim::labels::Selector::parse(s)?;
    let _ = sel;
    let mut match_labels = Map::new();
    let mut exprs = vec![];
    for part in s.split(',').filter(|x| !x.trim().is_empty()) {
        let part = part.trim();
        if part.contains("!=") {
            return Err("\"!=\" is not a valid label selector operator".into());
        } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            match_labels.insert(k.trim().to_string(), json!(v.trim()));
        } else if let Some(k) = part.strip_prefix('!') {
            exprs.push(json!({"key": k.trim(), "operator": "DoesNotExist"}));
        } else {
            exprs.push(json!({"key": part, "operator": "Exists"}));
        }
    }
    let mut out = Map::new();
    if !exprs.is_empty() {
        out.insert("matchExpressions".into(), json!(exprs));
    }
    if !match_labels.is_empty() {
        out.insert("matchLabels".into(), Value::Object(match_labels));
    }
    Ok(Value::Object(out))
}

fn run_pdb(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create poddisruptionbudget") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let selector = p.get_string("selector");
    let min = p.get_string("min-available");
    let max = p.get_string("max-unavailable");
    let err = |io: &mut Io, m: &str| report(io, &[KErr::Msg(m.to_string())]);
    if selector.is_empty() {
        return err(io, "a selector must be specified");
    }
    if min.is_empty() && max.is_empty() {
        return err(
            io,
            "one of min-available or max-unavailable must be specified",
        );
    }
    if !min.is_empty() && !max.is_empty() {
        return err(
            io,
            "min-available and max-unavailable cannot be both specified",
        );
    }
    let mut spec = Map::new();
    if !min.is_empty() {
        match int_or_percent(&min) {
            Some(v) => spec.insert("minAvailable".into(), v),
            None => return err(io, "invalid format specified for min-available"),
        };
    }
    if !max.is_empty() {
        match int_or_percent(&max) {
            Some(v) => spec.insert("maxUnavailable".into(), v),
            None => return err(io, "invalid format specified for max-unavailable"),
        };
    }
    match label_selector(&selector) {
        Ok(s) => spec.insert("selector".into(), s),
        Err(e) => return err(io, &e),
    };
    let obj = json!({
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": generated_meta(ctx, p, &name, true),
        "spec": Value::Object(spec),
        "status": {"currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0},
    });
    finish(
        ctx,
        p,
        io,
        rt("poddisruptionbudgets.policy"),
        obj,
        dry,
        out,
        Some("failed to create poddisruptionbudgets: "),
    )
}

pub const NAMESPACE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const QUOTA_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("hard", None, FlagKind::String, "", "A comma-delimited set of resource=quantity pairs that define a hard limit."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("scopes", None, FlagKind::String, "", "A comma-delimited set of quota scopes that must all match each object tracked by the quota."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const PRIORITYCLASS_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("description", None, FlagKind::String, "", "description is an arbitrary string that usually provides guidelines on when this priority class should be used."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("global-default", None, FlagKind::Bool, "false", "global-default specifies whether this PriorityClass should be considered as the default priority."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("preemption-policy", None, FlagKind::String, "PreemptLowerPriority", "preemption-policy is the policy for preempting pods with lower priority."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("value", None, FlagKind::Int, "0", "the value of this priority class."),
];

pub const INGRESS_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("annotation", None, FlagKind::StringArray, "[]", "Annotation to insert in the ingress object, in the format annotation=value"),
    FlagSpec::new("class", None, FlagKind::String, "", "Ingress Class to be used"),
    FlagSpec::new("default-backend", None, FlagKind::String, "", "Default service for backend, in format of svcname:port"),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("rule", None, FlagKind::StringArray, "[]", "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const PDB_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("max-unavailable", None, FlagKind::String, "", "The maximum number or percentage of unavailable pods this budget requires."),
    FlagSpec::new("min-available", None, FlagKind::String, "", "The minimum number or percentage of available pods this budget requires."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("selector", None, FlagKind::String, "", "A label selector to use for this budget. Only equality-based selector requirements are supported."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

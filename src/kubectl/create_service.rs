//! `kubectl create service clusterip|nodeport|loadbalancer|externalname`.

use serde_json::{json, Map, Value};

use super::builder::{report, KErr};
use super::create::{begin, finish, generated_meta, require_flags};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::rt;
use crate::sim::validation::dns1123_subdomain;

/// `create service` itself only groups the four types (help and errors come from `groups`).
pub static SERVICE: Command = Command {
    name: "service",
    about: "Create a service using a specified subcommand.",
    examples: "",
    usage: "kubectl create service [flags] [options]",
    flags: &[],
    run: |_, _, _| 1,
};

pub static CLUSTERIP: Command = Command {
    name: "clusterip",
    about: "Create a ClusterIP service with the specified name.",
    examples: "  # A ClusterIP service on port 80, sending traffic to port 8080\n  kubectl create service clusterip web --tcp=80:8080\n  \n  # A headless service\n  kubectl create service clusterip db --clusterip=\"None\"",
    usage: "kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]",
    flags: CLUSTERIP_FLAGS,
    run: |c, p, io| run_service(c, p, io, "ClusterIP"),
};

pub static NODEPORT: Command = Command {
    name: "nodeport",
    about: "Create a NodePort service with the specified name.",
    examples: "  # A NodePort service on port 80\n  kubectl create service nodeport web --tcp=80:8080\n  \n  # With a chosen node port\n  kubectl create service nodeport web --tcp=80:8080 --node-port=30080",
    usage: "kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
    flags: NODEPORT_FLAGS,
    run: |c, p, io| run_service(c, p, io, "NodePort"),
};

pub static LOADBALANCER: Command = Command {
    name: "loadbalancer",
    about: "Create a LoadBalancer service with the specified name.",
    examples: "  # A LoadBalancer service on port 80\n  kubectl create service loadbalancer web --tcp=80:8080",
    usage: "kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
    flags: LOADBALANCER_FLAGS,
    run: |c, p, io| run_service(c, p, io, "LoadBalancer"),
};

pub static EXTERNALNAME: Command = Command {
    name: "externalname",
    about: "Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.",
    examples: "  # A service that answers with a CNAME\n  kubectl create service externalname search --external-name=example.com",
    usage: "kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]",
    flags: EXTERNALNAME_FLAGS,
    run: |c, p, io| run_service(c, p, io, "ExternalName"),
};

/// parsePorts: `80`, `80:8080` or `80:http`.
fn parse_port(spec: &str) -> Result<(i64, Value), String> {
    let mut parts = spec.split(':');
    let first = parts.next().unwrap_or("");
    let port: i64 = match first.parse::<u16>() {
        Ok(p) => i64::from(p),
        Err(_) => {
            let why = if first.is_empty() || first.bytes().any(|b| !b.is_ascii_digit()) {
                "invalid syntax"
            } else {
                "value out of range"
            };
            return Err(format!("strconv.ParseUint: parsing \"{first}\": {why}"));
        }
    };
    let Some(target) = parts.next() else {
        return Ok((port, json!(port)));
    };
    match target.parse::<i64>() {
        Ok(n) => {
            if !(1..=65535).contains(&n) {
                return Err("must be between 1 and 65535, inclusive".into());
            }
            Ok((port, json!(n)))
        }
        Err(_) => {
            let errs = port_name_errors(target);
            if !errs.is_empty() {
                return Err(errs.join(","));
            }
            Ok((port, json!(target)))
        }
    }
}

/// IsValidPortName.
pub fn port_name_errors(name: &str) -> Vec<String> {
    let mut errs = vec![];
    if name.is_empty() || name.len() > 15 {
        errs.push("must be no more than 15 characters".to_string());
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if name.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if !name.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if name.starts_with('-') || name.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

fn run_service(ctx: &mut Ctx, p: &Parsed, io: &mut Io, svc_type: &str) -> i32 {
    if svc_type == "ExternalName" {
        if let Err(s) = require_flags(p, &["external-name"], io) {
            return s;
        }
    }
    let path = format!("kubectl create service {}", svc_type.to_ascii_lowercase());
    let (name, dry, out) = match begin(ctx, p, io, &path) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let tcp = p.get_strings("tcp");
    let cluster_ip = p.get_string("clusterip");
    if cluster_ip == "None" && svc_type != "ClusterIP" {
        return report(
            io,
            &[KErr::Msg(
                "ClusterIP=None can only be used with ClusterIP service type".into(),
            )],
        );
    }
    if cluster_ip != "None" && tcp.is_empty() && svc_type != "ExternalName" {
        return report(
            io,
            &[KErr::Msg(
                "at least one tcp port specifier must be provided".into(),
            )],
        );
    }
    let external = p.get_string("external-name");
    if svc_type == "ExternalName" && !dns1123_subdomain(&external).is_empty() {
        return report(
            io,
            &[KErr::Msg(format!(
                "invalid service external name {external}"
            ))],
        );
    }
    let node_port = p.get_int("node-port");
    let mut ports = vec![];
    for spec in &tcp {
        let (port, target) = match parse_port(spec) {
            Ok(x) => x,
            Err(e) => return report(io, &[KErr::Msg(e)]),
        };
        let mut m = Map::new();
        m.insert("name".into(), json!(spec.replace(':', "-")));
        if node_port != 0 {
            m.insert("nodePort".into(), json!(node_port));
        }
        m.insert("port".into(), json!(port));
        m.insert("protocol".into(), json!("TCP"));
        m.insert("targetPort".into(), target);
        ports.push(Value::Object(m));
    }
    let mut meta = generated_meta(ctx, p, &name, true);
    meta["labels"] = json!({"app": name});
    let mut spec = Map::new();
    if !ports.is_empty() {
        spec.insert("ports".into(), json!(ports));
    }
    spec.insert("selector".into(), json!({"app": name}));
    spec.insert("type".into(), json!(svc_type));
    if !external.is_empty() {
        spec.insert("externalName".into(), json!(external));
    }
    if !cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), json!(cluster_ip));
    }
    let obj = json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta,
        "spec": Value::Object(spec),
        "status": {"loadBalancer": {}},
    });
    let failed = format!("failed to create {svc_type} service: ");
    finish(ctx, p, io, rt("services"), obj, dry, out, Some(&failed))
}

pub const CLUSTERIP_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("clusterip", None, FlagKind::String, "", "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("tcp", None, FlagKind::StringSlice, "[]", "Port pairs can be specified as '<port>:<targetPort>'."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const NODEPORT_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("node-port", None, FlagKind::Int, "0", "Port used to expose the service on each node in a cluster."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("tcp", None, FlagKind::StringSlice, "[]", "Port pairs can be specified as '<port>:<targetPort>'."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const LOADBALANCER_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("tcp", None, FlagKind::StringSlice, "[]", "Port pairs can be specified as '<port>:<targetPort>'."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const EXTERNALNAME_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("external-name", None, FlagKind::String, "", "External name of service"),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("tcp", None, FlagKind::StringSlice, "[]", "Port pairs can be specified as '<port>:<targetPort>'."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

//! `kubectl expose`: a Service for a pod, deployment, replica set, replication controller or
//! service, with the selector and ports found in the object.

use crate::sim::object::Pointer as _;
use serde_json::{json, Map, Value};

use super::builder::{self, report, Accept, DryRun, KErr};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{usage_error, Command, Ctx};
use crate::shell::Io;
use crate::sim::object;
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "expose",
    about: "Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.\n\n Possible resources include (case insensitive):\n\n pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)",
    examples: "  # A service for the web deployment on port 80\n  kubectl expose deployment web --port=80\n  \n  # Reachable on every node's port\n  kubectl expose deployment web --port=80 --type=NodePort\n  \n  # A pod, forwarding port 80 to the container's 8080\n  kubectl expose pod api --port=80 --target-port=8080 --name=api-svc",
    usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
    flags: FLAGS,
    run,
};

/// The pod spec of what can be exposed.
fn pod_spec(obj: &Value) -> Option<&Value> {
    match object::kind(obj) {
        "Pod" => obj.get("spec"),
        _ => obj.at("/spec/template/spec"),
    }
}

/// Ports of the containers (or of the service), with their protocols.
fn ports_of(obj: &Value) -> Vec<(String, String)> {
    let mut out = vec![];
    if object::kind(obj) == "Service" {
        for p in obj
            .at("/spec/ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.push((
                p.get("port").map(|v| v.to_string()).unwrap_or_default(),
                object::str_at(p, "/protocol").to_string(),
            ));
        }
        return out;
    }
    for c in pod_spec(obj)
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for p in c
            .get("ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let port = p
                .get("containerPort")
                .map(|v| v.to_string())
                .unwrap_or_default();
            let proto = match object::str_at(p, "/protocol") {
                "" => "TCP".to_string(),
                x => x.to_string(),
            };
            out.push((port, proto));
        }
    }
    out
}

/// MapBasedSelectorForObject.
fn selector_of(obj: &Value) -> Result<String, String> {
    let m = match object::kind(obj) {
        "Pod" => object::labels(obj),
        "Service" | "ReplicationController" => obj
            .at("/spec/selector")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        _ => {
            if let Some(e) = obj
                .at("/spec/selector/matchExpressions")
                .and_then(Value::as_array)
                .filter(|e| !e.is_empty())
            {
                return Err(format!(
                    "couldn't convert expressions - \"{}\" to map-based selector format",
                    serde_json::to_string(e).unwrap_or_default()
                ));
            }
            obj.at("/spec/selector/matchLabels")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        }
    };
    Ok(object::labels_string(&m))
}

fn parse_map(s: &str) -> Result<Map<String, Value>, String> {
    let mut m = Map::new();
    for part in s.split(',').filter(|x| !x.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(format!("invalid label spec: {part}"));
        };
        m.insert(k.to_string(), json!(v));
    }
    Ok(m)
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let stdin = io.take_stdin();
    let args = p.args();
    let (targets, mut errs) = match builder::targets(ctx, p, &stdin, &args, Accept::default()) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    let mut printer = builder::Printer::default();
    for t in targets {
        let obj = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if !matches!(
            t.rt.kind,
            "Pod" | "Service" | "ReplicationController" | "Deployment" | "ReplicaSet"
        ) {
            errs.push(KErr::Msg(format!("cannot expose a {}", t.rt.kind)));
            continue;
        }
        let mut selector = p.get_string("selector");
        if selector.is_empty() {
            match selector_of(&obj) {
                Ok(s) => selector = s,
                Err(e) => {
                    return usage_error(
                        io,
                        "kubectl expose",
                        &format!(
                            "couldn't retrieve selectors via --selector flag or introspection: {e}"
                        ),
                    )
                }
            }
        }
        let headless = p.get_string("cluster-ip") == "None";
        let found = ports_of(&obj);
        let mut port_string = p.get_string("port");
        if port_string.is_empty() {
            if found.is_empty() && !headless {
                return usage_error(
                    io,
                    "kubectl expose",
                    "couldn't find port via --port flag or introspection",
                );
            }
            port_string = found
                .iter()
                .map(|(p, _)| p.clone())
                .collect::<Vec<_>>()
                .join(",");
        }
        if selector.is_empty() {
            errs.push(KErr::Msg("selector must be specified".into()));
            continue;
        }
        let selector_map = match parse_map(&selector) {
            Ok(m) => m,
            Err(e) => return report(io, &[KErr::Msg(e)]),
        };
        let labels = if p.changed("labels") {
            match parse_map(&p.get_string("labels")) {
                Ok(m) => m,
                Err(e) => return report(io, &[KErr::Msg(e)]),
            }
        } else {
            object::labels(&obj)
        };
        let mut name = p.get_string("name");
        if name.is_empty() {
            name = t.name.chars().take(63).collect();
        }
        let protocol_flag = p.get_string("protocol");
        let target = p.get_string("target-port");
        let mut ports = vec![];
        let list: Vec<&str> = port_string.split(',').filter(|s| !s.is_empty()).collect();
        for (i, ps) in list.iter().enumerate() {
            let Ok(port) = ps.parse::<i64>() else {
                return report(
                    io,
                    &[KErr::Msg(format!(
                        "strconv.Atoi: parsing {ps:?}: invalid syntax"
                    ))],
                );
            };
            let mut m = Map::new();
            if list.len() > 1 {
                m.insert("name".into(), json!(format!("port-{}", i + 1)));
            }
            m.insert("port".into(), json!(port));
            let protocol = if !protocol_flag.is_empty() {
                protocol_flag.clone()
            } else {
                found
                    .iter()
                    .find(|(p, _)| p == ps)
                    .map(|(_, proto)| proto.clone())
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| "TCP".into())
            };
            m.insert("protocol".into(), json!(protocol));
            let tp = if target.is_empty() {
                json!(port)
            } else {
                match target.parse::<i64>() {
                    Ok(n) => json!(n),
                    Err(_) => json!(target),
                }
            };
            m.insert("targetPort".into(), tp);
            ports.push(Value::Object(m));
        }
        let mut spec = Map::new();
        if !ports.is_empty() {
            spec.insert("ports".into(), json!(ports));
        }
        spec.insert("selector".into(), Value::Object(selector_map));
        let svc_type = p.get_string("type");
        if !svc_type.is_empty() {
            spec.insert("type".into(), json!(svc_type));
        }
        let external = p.get_string("external-ip");
        if !external.is_empty() {
            spec.insert("externalIPs".into(), json!([external]));
        }
        if svc_type == "LoadBalancer" && !p.get_string("load-balancer-ip").is_empty() {
            spec.insert(
                "loadBalancerIP".into(),
                json!(p.get_string("load-balancer-ip")),
            );
        }
        let affinity = p.get_string("session-affinity");
        if !affinity.is_empty() {
            spec.insert("sessionAffinity".into(), json!(affinity));
        }
        let cluster_ip = p.get_string("cluster-ip");
        if !cluster_ip.is_empty() {
            spec.insert("clusterIP".into(), json!(cluster_ip));
        }
        let mut meta = json!({"name": name, "creationTimestamp": null});
        if !labels.is_empty() {
            meta["labels"] = Value::Object(labels);
        }
        if p.changed("namespace") && dry == DryRun::Client {
            meta["namespace"] = json!(t.namespace);
        }
        let mut svc = json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": meta,
            "spec": Value::Object(spec),
            "status": {"loadBalancer": {}},
        });
        if p.get_bool("save-config") {
            builder::set_last_applied(&mut svc, true);
        }
        let result = if dry == DryRun::Client {
            svc
        } else {
            match ctx.cluster.api.create_opts(
                rt("services"),
                &t.namespace,
                svc,
                dry == DryRun::Server,
            ) {
                Ok(o) => o,
                Err(s) => {
                    errs.push(KErr::Status(s));
                    continue;
                }
            }
        };
        printer.print(io, &out, rt("services"), &result, "exposed", dry, true);
    }
    report(io, &errs)
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("cluster-ip", None, FlagKind::String, "", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("external-ip", None, FlagKind::String, "", "Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-expose", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to expose a service"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("labels", Some('l'), FlagKind::String, "", "Labels to apply to the service created by this call."),
    FlagSpec::new("load-balancer-ip", None, FlagKind::String, "", "IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific)."),
    FlagSpec::new("name", None, FlagKind::String, "", "The name for the newly created object."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("override-type", None, FlagKind::String, "merge", "The method used to override the generated object: json, merge, or strategic."),
    FlagSpec::new("overrides", None, FlagKind::String, "", "An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field."),
    FlagSpec::new("port", None, FlagKind::String, "", "The port that the service should serve on. Copied from the resource being exposed, if unspecified"),
    FlagSpec::new("protocol", None, FlagKind::String, "", "The network protocol for the service to be created. Default is 'TCP'."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("selector", None, FlagKind::String, "", "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)"),
    FlagSpec::new("session-affinity", None, FlagKind::String, "", "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("target-port", None, FlagKind::String, "", "Name or number for the port on the container that the service should direct traffic to. Optional."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("type", None, FlagKind::String, "", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."),
];

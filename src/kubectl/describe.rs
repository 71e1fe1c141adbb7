//! `kubectl describe`: finds the objects the arguments name (a type and names, `type/name`, a
//! label selector, files, or a name prefix) and prints each with `printers::describe`, after
//! fetching what the describer needs: the events about the object, the pods of a controller,
//! a node's lease, a service's endpoints.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::{json, Value};

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::get::parse_resource_args;
use super::manifest::{self, ReadOptions, Sources};
use super::{print_status, Command, Ctx};
use crate::printers::describe::{self as describer, Related};
use crate::shell::Io;
use crate::sim::apiserver::{ApiServer, Status};
use crate::sim::clock::{parse_rfc3339, rfc3339, TimeMs};
use crate::sim::labels::Selector;
use crate::sim::object::{self, str_at};
use crate::sim::resources::{self, ResourceType};

pub static COMMAND: Command = Command {
    name: "describe",
    about: "Show details of a specific resource or group of resources.\n\n Prints everything worth knowing about the objects you name: their settings and status, and\n related information such as recent events or the controller that owns them. Name one object,\n every object of a type, objects whose names start with a prefix, or those matching a label\n selector:\n\n        $ kubectl describe TYPE NAME_PREFIX\n        \n kubectl first looks for an object named exactly NAME_PREFIX; when there is none, it describes\n every object of that type whose name starts with it.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
    examples: "  # Describe a node\n  kubectl describe node node01\n  \n  # Describe one pod, by type and name\n  kubectl describe pods/nginx\n  \n  # Describe the pod defined in pod.yaml\n  kubectl describe -f pod.yaml\n  \n  # Describe every pod in the current namespace\n  kubectl describe pods\n  \n  # Describe the pods labelled app=web\n  kubectl describe pods -l app=web\n  \n  # Describe every pod whose name starts with \"nginx\" (a deployment's pods, for example)\n  kubectl describe pods nginx",
    usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    FlagSpec::new("chunk-size", None, FlagKind::Int, "500", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files containing the resource to describe"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-events", None, FlagKind::Bool, "true", "If true, display events related to the described object."),
];

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args: Vec<String> = p.positionals().to_vec();
    let filenames = p.get_strings("filename");
    if args.is_empty() && filenames.is_empty() {
        io.err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
        return 1;
    }
    let selector_text = p.get_string("selector");
    let selector = match Selector::parse(&selector_text) {
        Ok(s) => s,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let all_ns = p.get_bool("all-namespaces");
    let ns = ctx.namespace(p);
    let show_events = p.get_bool("show-events");
    let now = ctx.cluster.now();

    // What to describe: (type, object) in order, and the errors met on the way.
    let mut infos: Vec<(&'static ResourceType, Value)> = vec![];
    let mut errors: Vec<String> = vec![];
    if !filenames.is_empty() {
        let read = manifest::read(
            &Sources {
                fs: ctx.fs,
                cwd: &ctx.cwd,
                stdin: &io.stdin,
            },
            &filenames,
            ReadOptions {
                recursive: p.get_bool("recursive"),
                validate: true,
            },
        );
        if read.fatal {
            for e in &read.errors {
                io.err(format!("error: {e}\n"));
            }
            return 1;
        }
        if !args.is_empty() {
            io.err("error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
            return 1;
        }
        errors.extend(read.errors.iter().map(|e| format!("error: {e}\n")));
        for item in read.items {
            let o_ns = if !item.rt.namespaced {
                String::new()
            } else if item.namespace().is_empty() {
                ns.clone()
            } else {
                item.namespace().to_string()
            };
            match ctx.cluster.api.get(item.rt, &o_ns, item.name()) {
                Ok(found) => infos.push((item.rt, found)),
                Err(s) => errors.push(status_text(&s)),
            }
        }
    } else {
        let reqs = match parse_resource_args(&args) {
            Ok(r) => r,
            Err(e) => {
                io.err(format!("error: {e}\n"));
                return 1;
            }
        };
        if !selector_text.is_empty() && reqs.iter().any(|r| !r.names.is_empty()) {
            io.err("error: name cannot be provided when a selector is specified\n");
            return 1;
        }
        let api = &ctx.cluster.api;
        let mut not_found: Option<Status> = None;
        for r in &reqs {
            if r.names.is_empty() {
                let scope = if all_ns { None } else { Some(ns.as_str()) };
                infos.extend(
                    api.for_each(r.rt, scope)
                        .filter(|o| selector.matches(&object::labels(o)))
                        .map(|o| (r.rt, o.clone())),
                );
                continue;
            }
            for n in &r.names {
                match api.get(r.rt, &ns, n) {
                    Ok(o) => infos.push((r.rt, o)),
                    Err(s) => {
                        if s.reason == "NotFound" && not_found.is_none() {
                            not_found = Some(s.clone());
                        }
                        errors.push(status_text(&s));
                    }
                }
            }
        }
        // `describe TYPE NAME_PREFIX`: nothing is named exactly so; describe every object of the
        // type in the namespace whose name starts with it.
        let prefix_form = args.len() == 2 && !args[0].contains('/') && reqs.len() == 1;
        if let (true, Some(original)) = (prefix_form, not_found) {
            let rt = reqs[0].rt;
            let prefix = &args[1];
            let matches: Vec<Value> = api
                .for_each(rt, Some(ns.as_str()))
                .filter(|o| object::name(o).starts_with(prefix.as_str()))
                .cloned()
                .collect();
            if matches.is_empty() {
                print_status(io, &original);
                return 1;
            }
            for o in &matches {
                let text = describe_one(&ctx.cluster.api, rt, o, show_events, now);
                io.out(format!("{text}\n"));
            }
            return 0;
        }
    }

    let api = &ctx.cluster.api;
    for (i, (rt, o)) in infos.iter().enumerate() {
        let text = describe_one(api, rt, o, show_events, now);
        if i == 0 {
            io.out(text);
        } else {
            io.out(format!("\n\n{text}"));
        }
    }
    if infos.is_empty() && errors.is_empty() {
        if all_ns {
            io.err("No resources found\n");
        } else {
            io.err(format!("No resources found in {ns} namespace.\n"));
        }
    }
    for e in &errors {
        io.err(e);
    }
    if errors.is_empty() {
        0
    } else {
        1
    }
}

fn status_text(s: &Status) -> String {
    super::format_status(s)
}

/// Fetches what the describer of `obj` needs and describes it.
pub fn describe_one(
    api: &ApiServer,
    rt: &ResourceType,
    obj: &Value,
    show_events: bool,
    now: TimeMs,
) -> String {
    let mut rel = Related {
        events: show_events.then(|| events_for(api, rt, obj)),
        ..Related::default()
    };
    let ns = object::namespace(obj);
    let pods_in = |namespace: Option<&str>| api.list(resources::rt("pods"), namespace);
    match rt.kind {
        // kubectl does not look events up for these.
        "Secret" | "Namespace" | "ResourceQuota" | "LimitRange" | "Role" | "ClusterRole"
        | "RoleBinding" | "ClusterRoleBinding" | "NetworkPolicy" => rel.events = None,
        "Node" => {
            rel.pods = pods_in(None);
            rel.lease = Some(
                api.get(
                    resources::rt("leases.coordination.k8s.io"),
                    "kube-node-lease",
                    object::name(obj),
                )
                .unwrap_or_else(|_| synthesized_node_lease(obj, now)),
            );
        }
        "Deployment" => {
            rel.replica_sets = api.list(resources::rt("replicasets.apps"), Some(ns));
        }
        "ReplicaSet"
        | "ReplicationController"
        | "DaemonSet"
        | "StatefulSet"
        | "PersistentVolumeClaim" => rel.pods = pods_in(Some(ns)),
        "Service" => {
            rel.endpoints = endpoint_slices_as_endpoints(api, obj)
                .or_else(|| {
                    api.get(resources::rt("endpoints"), ns, object::name(obj))
                        .ok()
                })
                .or_else(|| derived_service_endpoints(api, obj));
        }
        "ServiceAccount" => rel.secrets = api.list(resources::rt("secrets"), Some(ns)),
        _ => {}
    }
    if rt.kind == "Namespace" {
        let name = object::name(obj);
        rel.quotas = api.list(resources::rt("resourcequotas"), Some(name));
        rel.limit_ranges = api.list(resources::rt("limitranges"), Some(name));
    }
    describer::describe(obj, &rel, now)
}

/// kubectl's `searchEvents`: the events whose involved object has this name, namespace, kind
/// and UID. For a pod the kind is not compared, and a mirror pod's events carry the static
/// pod's config hash as UID; a node's events carry either its UID or its name.
pub fn events_for(api: &ApiServer, rt: &ResourceType, obj: &Value) -> Vec<Value> {
    let name = object::name(obj);
    let ns = object::namespace(obj);
    let mut uids = vec![object::uid(obj).to_string()];
    if rt.kind == "Pod" {
        if let Some(hash) = object::annotation(obj, "kubernetes.io/config.mirror") {
            uids = vec![hash.to_string(), object::uid(obj).to_string()];
        }
    }
    if rt.kind == "Node" {
        uids.push(name.to_string());
    }
    let scope = if rt.namespaced { Some(ns) } else { None };
    api.for_each(resources::rt("events"), scope)
        .filter(|e| {
            let io = e.get("involvedObject").cloned().unwrap_or(Value::Null);
            str_at(&io, "/name") == name
                && str_at(&io, "/namespace") == ns
                && (rt.kind == "Pod" || str_at(&io, "/kind") == rt.kind)
                && uids.iter().any(|u| u == str_at(&io, "/uid"))
        })
        .cloned()
        .collect()
}

/// The node's Lease as the kubelet keeps it in `kube-node-lease`, for clusters where no Lease
/// object is stored: held by the node, no acquire time, renewed every 10 seconds since the node
/// registered.
pub fn synthesized_node_lease(node: &Value, now: TimeMs) -> Value {
    const RENEW_INTERVAL_MS: TimeMs = 10_000;
    let created = parse_rfc3339(str_at(node, "/metadata/creationTimestamp")).unwrap_or(now);
    let renewed = if now > created {
        created + (now - created) / RENEW_INTERVAL_MS * RENEW_INTERVAL_MS
    } else {
        created
    };
    json!({
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": object::name(node), "namespace": "kube-node-lease"},
        "spec": {
            "holderIdentity": object::name(node),
            "leaseDurationSeconds": 40,
            "renewTime": rfc3339(renewed),
        }
    })
}

/// kubectl v1.31 reads a Service's endpoints from its EndpointSlices (label
/// `kubernetes.io/service-name`); this folds them into the Endpoints shape the describer prints
/// (ready endpoints only, as `formatEndpointSlices` does). `None` when there are none.
fn endpoint_slices_as_endpoints(api: &ApiServer, svc: &Value) -> Option<Value> {
    let rt = resources::by_plural("endpointslices", "discovery.k8s.io")?;
    let name = object::name(svc);
    let slices: Vec<&Value> = api
        .for_each(rt, Some(object::namespace(svc)))
        .filter(|s| {
            object::labels(s)
                .get("kubernetes.io/service-name")
                .and_then(Value::as_str)
                == Some(name)
        })
        .collect();
    if slices.is_empty() {
        return None;
    }
    let subsets: Vec<Value> = slices
        .iter()
        .map(|s| {
            let addresses: Vec<Value> = s
                .get("endpoints")
                .and_then(Value::as_array)
                .map(|eps| {
                    eps.iter()
                        .filter(|e| e.at("/conditions/ready") != Some(&json!(false)))
                        .filter_map(|e| e.at("/addresses/0").and_then(Value::as_str))
                        .map(|ip| json!({"ip": ip}))
                        .collect()
                })
                .unwrap_or_default();
            json!({"addresses": addresses, "ports": s.get("ports").cloned().unwrap_or(json!([]))})
        })
        .collect();
    Some(json!({"subsets": subsets}))
}

/// The Endpoints object the endpoints controller would keep for a Service, for clusters where
/// none is stored: the ready pods matching its selector on the target ports, or, for
/// `default/kubernetes`, the API server on the control-plane node.
pub fn derived_service_endpoints(api: &ApiServer, svc: &Value) -> Option<Value> {
    let ns = object::namespace(svc);
    let ports = svc.at("/spec/ports").and_then(Value::as_array)?;
    let selector = svc.at("/spec/selector").and_then(Value::as_object);
    let Some(selector) = selector.filter(|s| !s.is_empty()) else {
        if ns == "default" && object::name(svc) == "kubernetes" {
            let mut ips: Vec<String> = api
                .for_each(resources::rt("nodes"), None)
                .filter(|n| object::labels(n).contains_key("node-role.kubernetes.io/control-plane"))
                .filter_map(|n| {
                    n.at("/status/addresses")?
                        .as_array()?
                        .iter()
                        .find(|a| str_at(a, "/type") == "InternalIP")
                        .map(|a| str_at(a, "/address").to_string())
                })
                .collect();
            ips.sort_shared();
            let addresses: Vec<Value> = ips.iter().map(|ip| json!({"ip": ip})).collect();
            return Some(json!({"subsets": [{
                "addresses": addresses,
                "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}],
            }]}));
        }
        return None;
    };
    let mut ready: Vec<&Value> = api
        .for_each(resources::rt("pods"), Some(ns))
        .filter(|p| object::map_selector_matches(selector, &object::labels(p)))
        .filter(|p| !str_at(p, "/status/podIP").is_empty())
        .filter(|p| p.at("/metadata/deletionTimestamp").is_none())
        .filter(|p| {
            p.at("/status/conditions")
                .and_then(Value::as_array)
                .is_some_and(|cs| {
                    cs.iter()
                        .any(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
                })
        })
        .collect();
    if ready.is_empty() {
        return Some(json!({}));
    }
    ready.sort_shared_by(|a, b| str_at(a, "/status/podIP").cmp(str_at(b, "/status/podIP")));
    let addresses: Vec<Value> = ready
        .iter()
        .map(|p| json!({"ip": str_at(p, "/status/podIP")}))
        .collect();
    let first = ready[0];
    let eps_ports: Vec<Value> = ports
        .iter()
        .map(|sp| {
            let target = sp.get("targetPort").cloned().unwrap_or(Value::Null);
            let port = match &target {
                Value::Number(n) => n.as_i64().unwrap_or(0),
                Value::String(name) => named_container_port(first, name).unwrap_or(0),
                _ => sp.get("port").and_then(Value::as_i64).unwrap_or(0),
            };
            json!({"name": str_at(sp, "/name"), "port": port, "protocol": str_at(sp, "/protocol")})
        })
        .collect();
    Some(json!({"subsets": [{"addresses": addresses, "ports": eps_ports}]}))
}

fn named_container_port(pod: &Value, name: &str) -> Option<i64> {
    pod.at("/spec/containers")?
        .as_array()?
        .iter()
        .flat_map(|c| {
            c.get("ports")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .find(|p| str_at(p, "/name") == name)
        .and_then(|p| p.get("containerPort").and_then(Value::as_i64))
}

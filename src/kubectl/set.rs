//! `kubectl set image|env|resources`: change the pod template of a workload (or a pod) with a
//! patch, and say so only when something changed.

use crate::sim::object::Pointer as _;
use serde_json::{json, Map, Value};

use super::builder::{self, report, Accept, DryRun, KErr, Output};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::groups::{Child, Group};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::object;
use crate::sim::patch::PatchType;

pub static GROUP: Group = Group {
    path: "set",
    about: "Configure application resources.\n\n These commands help you make changes to existing application resources.",
    usage: "kubectl set SUBCOMMAND [options]",
    aliases: &[],
    runs: false,
    children: &[
        Child { names: &["env"], short: "Update environment variables on a pod template", command: &ENV },
        Child { names: &["image"], short: "Update the image of a pod template", command: &IMAGE },
        Child { names: &["resources"], short: "Update resource requests/limits on objects with pod templates", command: &RESOURCES },
        Child { names: &["selector"], short: "Set the selector on a resource", command: &SELECTOR },
        Child { names: &["serviceaccount", "sa"], short: "Update the service account of a resource", command: &SERVICEACCOUNT },
        Child { names: &["subject"], short: "Update the user, group, or service account in a role binding or cluster role binding", command: &SUBJECT },
    ],
};

/// The `set` subcommands the playground does not have yet: listed in the help, and they say so.
static SELECTOR: Command = Command {
    name: "selector",
    about: "Set the selector on a resource.",
    examples: "",
    usage: "kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]",
    flags: &[],
    run: |_, _, io| not_available(io, "selector"),
};

static SERVICEACCOUNT: Command = Command {
    name: "serviceaccount",
    about: "Update the service account of pod template resources.",
    examples: "",
    usage: "kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]",
    flags: &[],
    run: |_, _, io| not_available(io, "serviceaccount"),
};

static SUBJECT: Command = Command {
    name: "subject",
    about: "Update the user, group, or service account in a role binding or cluster role binding.",
    examples: "",
    usage: "kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
    flags: &[],
    run: |_, _, io| not_available(io, "subject"),
};

fn not_available(io: &mut Io, name: &str) -> i32 {
    io.err(format!(
        "error: \"kubectl set {name}\" is not available in this playground yet\n"
    ));
    1
}

pub static COMMAND: Command = Command {
    name: "set",
    about: "Configure application resources.",
    examples: "",
    usage: "kubectl set SUBCOMMAND [options]",
    flags: &[],
    run: |_, _, _| 1,
};

pub static IMAGE: Command = Command {
    name: "image",
    about: "Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n  pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
    examples: "  # Set the image of the nginx container of the web deployment\n  kubectl set image deployment/web nginx=nginx:1.25\n  \n  # Every container of every deployment\n  kubectl set image deployments --all '*=nginx:1.25'\n  \n  # Print the changed object from a file, without the server\n  kubectl set image -f web.yaml nginx=nginx:1.25 --local -o yaml",
    usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
    flags: IMAGE_FLAGS,
    run: run_image,
};

pub static ENV: Command = Command {
    name: "env",
    about: "Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n If \"--env -\" is passed, environment variables can be read from STDIN using the standard env syntax.",
    examples: "  # Set a variable on the web deployment\n  kubectl set env deployment/web MODE=prod\n  \n  # List the variables\n  kubectl set env deployment/web --list\n  \n  # Import every key of a config map\n  kubectl set env deployment/web --from=configmap/app-config\n  \n  # Remove a variable\n  kubectl set env deployment/web MODE-",
    usage: "kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
    flags: ENV_FLAGS,
    run: run_env,
};

pub static RESOURCES: Command = Command {
    name: "resources",
    about: "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n Possible resources include (case insensitive): Use \"kubectl api-resources\" for a complete list of supported resources..",
    examples: "  # Limits for the nginx container of the web deployment\n  kubectl set resources deployment web -c=nginx --limits=cpu=200m,memory=512Mi\n  \n  # Requests and limits for every container\n  kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi",
    usage: "kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
    flags: RESOURCES_FLAGS,
    run: run_resources,
};

/// Where the pod spec of a kind lives.
pub fn pod_spec_pointer(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("/spec"),
        "Deployment"
        | "ReplicaSet"
        | "DaemonSet"
        | "StatefulSet"
        | "Job"
        | "ReplicationController" => Some("/spec/template/spec"),
        "CronJob" => Some("/spec/jobTemplate/spec/template/spec"),
        _ => None,
    }
}

/// The merge patch that sets the pod spec's container lists to those of `new`.
fn containers_patch(kind: &str, new: &Value) -> Value {
    let ptr = pod_spec_pointer(kind).unwrap_or("/spec");
    let spec = new.at(ptr).cloned().unwrap_or(json!({}));
    let mut inner = Map::new();
    for f in ["containers", "initContainers"] {
        if let Some(v) = spec.get(f) {
            inner.insert(f.into(), v.clone());
        }
    }
    let mut patch = Value::Object(inner);
    for seg in ptr.trim_start_matches('/').split('/').rev() {
        patch = json!({ seg: patch });
    }
    patch
}

/// Changes one pod spec: (kind, name, spec, errors, io).
type Editor<'a> = dyn FnMut(&str, &str, &mut Value, &mut Vec<KErr>, &mut Io) + 'a;

/// The common shape of the three: find the objects, change each pod spec with `edit`, print
/// `<kind>/<name> <verb>` for those that changed.
fn run_set(
    ctx: &mut Ctx,
    p: &Parsed,
    io: &mut Io,
    resources: &[String],
    verb: &str,
    errs: &mut Vec<KErr>,
    edit: &mut Editor,
) -> i32 {
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let local = p.get_bool("local");
    if local && !resources.is_empty() {
        io.err("error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n");
        return 1;
    }
    if p.get_bool("all") && !p.get_string("selector").is_empty() {
        errs.push(KErr::Msg(
            "cannot set --all and --selector at the same time".into(),
        ));
    }
    if local && dry == DryRun::Server {
        errs.push(KErr::Msg(
            "cannot specify --local and --dry-run=server - did you mean --dry-run=client?".into(),
        ));
    }
    let stdin = io.take_stdin();
    let (targets, read_errs) = match builder::targets(
        ctx,
        p,
        &stdin,
        resources,
        Accept {
            selectors: true,
            ..Default::default()
        },
    ) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    if !errs.is_empty() {
        return report(io, errs);
    }
    let mut all: Vec<KErr> = read_errs;
    let mut printer = builder::Printer::default();
    for t in targets {
        let current = if local {
            t.obj.clone().unwrap_or_default()
        } else {
            match builder::fetch(ctx, &t) {
                Ok(o) => o,
                Err(e) => {
                    all.push(e);
                    continue;
                }
            }
        };
        let Some(ptr) = pod_spec_pointer(t.rt.kind) else {
            all.push(KErr::Msg(format!(
                "error: {}/{} the object is not a pod or does not have a pod template: *v1.{}\n",
                t.rt.plural, t.name, t.rt.kind
            )));
            continue;
        };
        let mut updated = current.clone();
        if let Some(spec) = updated.pointer_mut(ptr) {
            edit(t.rt.kind, &t.name, spec, &mut all, io);
        }
        if updated == current {
            continue;
        }
        if local || dry == DryRun::Client {
            printer.print(io, &out, t.rt, &updated, verb, dry, false);
            continue;
        }
        let patch = containers_patch(t.rt.kind, &updated);
        match ctx.cluster.api.patch_opts(
            t.rt,
            &t.namespace,
            &t.name,
            PatchType::Merge,
            &patch,
            dry == DryRun::Server,
        ) {
            Ok(o) => printer.print(io, &out, t.rt, &o, verb, dry, false),
            Err(s) => {
                let what = match verb {
                    "image updated" => "failed to patch image update to pod template: ",
                    "env updated" => "failed to patch env update to pod template: ",
                    _ => "failed to patch resources update to pod template: ",
                };
                all.push(KErr::Msg(format!(
                    "{what}{}",
                    super::create::status_message(t.rt, &s)
                )));
            }
        }
    }
    let _ = Output::Message;
    report(io, &all)
}

fn containers_mut<'a>(spec: &'a mut Value, list: &str) -> Vec<&'a mut Value> {
    spec.get_mut(list)
        .and_then(Value::as_array_mut)
        .map(|a| a.iter_mut().collect())
        .unwrap_or_default()
}

fn run_image(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    let (resources, pairs) = match builder::split_pairs(&args, "image") {
        Ok(x) => x,
        Err(e) => return report(io, &[KErr::Msg(e)]),
    };
    let mut errs = vec![];
    let mut images: Vec<(String, String)> = vec![];
    let mut invalid = vec![];
    for pair in &pairs {
        match pair.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                images.retain(|(x, _)| x != k);
                images.push((k.to_string(), v.to_string()));
            }
            _ => invalid.push(pair.clone()),
        }
    }
    if !invalid.is_empty() {
        return report(
            io,
            &[KErr::Msg(format!(
                "invalid image format: {}",
                invalid.join(", ")
            ))],
        );
    }
    if resources.is_empty() && p.get_strings("filename").is_empty() {
        if !p.get_bool("local") {
            return report(io, &[KErr::Msg(builder::MISSING_RESOURCE.into())]);
        }
        errs.push(KErr::Msg(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
                .into(),
        ));
    }
    if images.is_empty() {
        errs.push(KErr::Msg("at least one image update is required".into()));
    } else if images.len() > 1 && images.iter().any(|(k, _)| k == "*") {
        errs.push(KErr::Msg("all containers are already specified by *, but saw more than one container_name=container_image pairs".into()));
    }
    run_set(
        ctx,
        p,
        io,
        &resources,
        "image updated",
        &mut errs,
        &mut |_, _, spec, errs, _| {
            for (name, image) in &images {
                let mut found = false;
                for list in ["initContainers", "containers"] {
                    for c in containers_mut(spec, list) {
                        if object::str_at(c, "/name") == name || name == "*" {
                            found = true;
                            c["image"] = json!(image);
                        }
                    }
                }
                if !found {
                    errs.push(KErr::Msg(format!(
                        "error: unable to find container named {name:?}"
                    )));
                }
            }
        },
    )
}

/// `-c`: containers whose name matches the shell-like pattern.
fn name_matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[u8], n: &[u8]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), name.as_bytes())
}

fn key_to_env_name(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn run_env(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let mut args = p.args();
    for e in p.get_strings("env") {
        args.push(e);
    }
    let (resources, pairs) = match builder::split_pairs(&args, "env") {
        Ok(x) => x,
        Err(e) => return report(io, &[KErr::Msg(e)]),
    };
    let list = p.get_bool("list");
    let from = p.get_string("from");
    let mut set: Vec<(String, Value)> = vec![];
    let mut remove: Vec<String> = vec![];
    for pair in &pairs {
        if let Some((k, v)) = pair.split_once('=').filter(|(k, _)| !k.is_empty()) {
            let errs = super::create_config::env_name_errors(k);
            if !errs.is_empty() {
                return report(
                    io,
                    &[KErr::Msg(format!(
                        "{k:?} is not a valid key name: {}",
                        errs.join(";")
                    ))],
                );
            }
            set.retain(|(x, _)| x != k);
            set.push((k.to_string(), json!({"name": k, "value": v})));
        } else if let Some(k) = pair.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return report(io, &[KErr::Msg(format!("invalid env format: {pair}"))]);
        }
    }
    if !from.is_empty() {
        let (kind, name) = from.split_once('/').unwrap_or(("", from.as_str()));
        let ns = ctx.namespace(p);
        let src_rt = crate::sim::resources::resolve(kind);
        let src = src_rt.and_then(|t| ctx.cluster.api.get(t, &ns, name).ok().map(|o| (t, o)));
        let Some((src_rt, src)) = src else {
            let t = src_rt
                .map(|t| t.group_resource())
                .unwrap_or_else(|| kind.to_string());
            return report(
                io,
                &[KErr::Msg(format!(
                    "Error from server (NotFound): {t} \"{name}\" not found"
                ))],
            );
        };
        let keys = p.get_strings("keys");
        let prefix = p.get_string("prefix");
        let data: Vec<String> = src
            .get("data")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for key in data {
            if !keys.is_empty() && !keys.contains(&key) {
                continue;
            }
            let env_name = format!("{prefix}{}", key_to_env_name(&key));
            let selector = if src_rt.kind == "Secret" {
                "secretKeyRef"
            } else {
                "configMapKeyRef"
            };
            set.retain(|(x, _)| *x != env_name);
            set.push((
                env_name.clone(),
                json!({"name": env_name, "valueFrom": {selector: {"key": key, "name": name}}}),
            ));
        }
    }
    let mut errs = vec![];
    if set.is_empty() && remove.is_empty() && !list {
        errs.push(KErr::Msg(
            "at least one environment variable must be provided".into(),
        ));
    }
    let overwrite = p.get_bool("overwrite");
    let selector = p.get_string("containers");
    run_set(
        ctx,
        p,
        io,
        &resources,
        "env updated",
        &mut errs,
        &mut |kind, name, spec, errs, io| {
            let mut matched = 0;
            for list_name in ["initContainers", "containers"] {
                for c in containers_mut(spec, list_name) {
                    let cname = object::str_at(c, "/name").to_string();
                    if !name_matches(&selector, &cname) {
                        continue;
                    }
                    matched += 1;
                    let mut env: Vec<Value> = c
                        .get("env")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    if !overwrite {
                        for (k, v) in &set {
                            if let Some(old) = env.iter().find(|e| object::str_at(e, "/name") == k)
                            {
                                if old != v {
                                    errs.push(KErr::Msg(format!(
                                        "'{k}' already has a value ({}), and --overwrite is false",
                                        object::str_at(old, "/value")
                                    )));
                                    return;
                                }
                            }
                        }
                    }
                    for (k, v) in &set {
                        match env.iter_mut().find(|e| object::str_at(e, "/name") == k) {
                            Some(e) => *e = v.clone(),
                            None => env.push(v.clone()),
                        }
                    }
                    env.retain(|e| !remove.iter().any(|r| object::str_at(e, "/name") == r));
                    if list {
                        io.out(format!("# {kind} {name}, container {cname}\n"));
                        for e in &env {
                            match e.get("valueFrom") {
                                None => io.out(format!(
                                    "{}={}\n",
                                    object::str_at(e, "/name"),
                                    object::str_at(e, "/value")
                                )),
                                Some(from) => io.out(format!(
                                    "# {} from {}\n",
                                    object::str_at(e, "/name"),
                                    env_ref_string(from)
                                )),
                            }
                        }
                    }
                    if let Some(m) = c.as_object_mut() {
                        if env.is_empty() {
                            m.remove("env");
                        } else {
                            m.insert("env".into(), Value::Array(env));
                        }
                    }
                }
            }
            if matched == 0 {
                io.err(format!(
                    "warning: {kind}/{name} does not have any containers matching {selector:?}\n"
                ));
            }
        },
    )
}

/// envutil.GetEnvVarRefString.
fn env_ref_string(from: &Value) -> String {
    if let Some(r) = from.get("configMapKeyRef") {
        return format!(
            "configmap {}, key {}",
            object::str_at(r, "/name"),
            object::str_at(r, "/key")
        );
    }
    if let Some(r) = from.get("secretKeyRef") {
        return format!(
            "secret {}, key {}",
            object::str_at(r, "/name"),
            object::str_at(r, "/key")
        );
    }
    if let Some(r) = from.get("fieldRef") {
        return format!("field path {}", object::str_at(r, "/fieldPath"));
    }
    if let Some(r) = from.get("resourceFieldRef") {
        let c = object::str_at(r, "/containerName");
        let res = object::str_at(r, "/resource");
        if c.is_empty() {
            return format!("resource field {res}");
        }
        return format!("resource field {c}:{res}");
    }
    "invalid valueFrom".into()
}

fn parse_resource_list(s: &str, what: &str) -> Result<Map<String, Value>, String> {
    let mut m = Map::new();
    for part in s.split(',').filter(|x| !x.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(format!(
                "Invalid argument syntax {part}, expected <resource>=<value>"
            ));
        };
        if !matches!(k, "cpu" | "memory" | "ephemeral-storage")
            && !k.contains('/')
            && !k.starts_with("hugepages-")
        {
            return Err(format!("only cpu, memory, or ephemeral-storage resources are allowed in {what}, but found {k:?}"));
        }
        m.insert(k.to_string(), json!(v));
    }
    Ok(m)
}

fn run_resources(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    let limits_s = p.get_string("limits");
    let requests_s = p.get_string("requests");
    let mut errs = vec![];
    if limits_s.is_empty() && requests_s.is_empty() {
        errs.push(KErr::Msg(
            "you must specify an update to requests or limits (in the form of --requests/--limits)"
                .into(),
        ));
    }
    let limits = match parse_resource_list(&limits_s, "limits") {
        Ok(m) => m,
        Err(e) => return report(io, &[KErr::Msg(e)]),
    };
    let requests = match parse_resource_list(&requests_s, "requests") {
        Ok(m) => m,
        Err(e) => return report(io, &[KErr::Msg(e)]),
    };
    let selector = p.get_string("containers");
    run_set(
        ctx,
        p,
        io,
        &args,
        "resource requirements updated",
        &mut errs,
        &mut |kind, name, spec, _errs, io| {
            let mut matched = 0;
            for list in ["initContainers", "containers"] {
                for c in containers_mut(spec, list) {
                    if !name_matches(&selector, object::str_at(c, "/name")) {
                        continue;
                    }
                    matched += 1;
                    let res = object::map_mut(c, "resources");
                    for (field, values) in [("limits", &limits), ("requests", &requests)] {
                        if values.is_empty() {
                            continue;
                        }
                        let e = res.entry(field).or_insert_with(|| json!({}));
                        if let Some(m) = e.as_object_mut() {
                            for (k, v) in values {
                                m.insert(k.clone(), v.clone());
                            }
                        }
                    }
                }
            }
            if matched == 0 {
                io.err(format!(
                    "warning: {kind}/{name} does not have any containers matching {selector:?}\n"
                ));
            }
        },
    )
}

pub const IMAGE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources, in the namespace of the specified resource types"),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-set", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, set image will NOT contact api-server but run locally."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

pub const ENV_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "If true, select all resources in the namespace of the specified resource types"),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("containers", Some('c'), FlagKind::String, "*", "The names of containers in the selected pod templates to change - may use wildcards"),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("env", Some('e'), FlagKind::StringArray, "[]", "Specify a key-value pair for an environment variable to set into each container."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-set", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files the resource to update the env"),
    FlagSpec::new("from", None, FlagKind::String, "", "The name of a resource from which to inject environment variables"),
    FlagSpec::new("keys", None, FlagKind::StringSlice, "[]", "Comma-separated list of keys to import from specified resource"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("list", None, FlagKind::Bool, "false", "If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, set env will NOT contact api-server but run locally."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("overwrite", None, FlagKind::Bool, "true", "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."),
    FlagSpec::new("prefix", None, FlagKind::String, "", "Prefix to append to variable names"),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("resolve", None, FlagKind::Bool, "false", "If true, show secret or configmap references when listing variables"),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

pub const RESOURCES_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources, in the namespace of the specified resource types"),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("containers", Some('c'), FlagKind::String, "*", "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards"),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-set", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("limits", None, FlagKind::String, "", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, set resources will NOT contact api-server but run locally."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("requests", None, FlagKind::String, "", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

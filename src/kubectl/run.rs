//! `kubectl run`: creates a pod from an image (the `run-pod/v1` generator).

use serde_json::{json, Map, Value};

use super::builder::{self, DryRun, Output};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, usage_error, Command, Ctx};
use crate::shell::Io;
use crate::sim::patch::{self, PatchType};
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "run",
    about: "Create and run a particular image in a pod.",
    examples: "  # Start a single nginx pod\n  kubectl run nginx --image=nginx\n  \n  # Print the pod manifest instead of creating it\n  kubectl run nginx --image=nginx --dry-run=client -o yaml\n  \n  # Run busybox with a command\n  kubectl run box --image=busybox --command -- sleep 3600",
    usage: "kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("annotations", None, FlagKind::StringArray, "[]", "Annotations to apply to the pod."),
    FlagSpec::new("attach", None, FlagKind::Bool, "false", "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned."),
    FlagSpec::new("cascade", None, FlagKind::String, "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
    FlagSpec::new("command", None, FlagKind::Bool, "false", "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("env", None, FlagKind::StringArray, "[]", "Environment variables to set in the container."),
    FlagSpec::new("expose", None, FlagKind::Bool, "false", "If true, create a ClusterIP service associated with the pod.  Requires `--port`."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-run", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringArray, "[]", "to use to replace the resource."),
    FlagSpec::new("force", None, FlagKind::Bool, "false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
    FlagSpec::new("grace-period", None, FlagKind::Int, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
    FlagSpec::new("image", None, FlagKind::String, "", "The image for the container to run."),
    FlagSpec::new("image-pull-policy", None, FlagKind::String, "", "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process a kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("labels", Some('l'), FlagKind::String, "", "Comma separated labels to apply to the pod. Will override previous values."),
    FlagSpec::new("leave-stdin-open", None, FlagKind::Bool, "false", "If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("override-type", None, FlagKind::String, "merge", "The method used to override the generated object: json, merge, or strategic."),
    FlagSpec::new("overrides", None, FlagKind::String, "", "An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field."),
    FlagSpec::new("pod-running-timeout", None, FlagKind::Duration, "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
    FlagSpec::new("port", None, FlagKind::String, "", "The port that this container exposes."),
    FlagSpec::new("privileged", None, FlagKind::Bool, "false", "If true, run the container in privileged mode."),
    FlagSpec::new("quiet", Some('q'), FlagKind::Bool, "false", "If true, suppress prompt messages."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("restart", None, FlagKind::String, "Always", "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]."),
    FlagSpec::new("rm", None, FlagKind::Bool, "false", "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("stdin", Some('i'), FlagKind::Bool, "false", "Keep stdin open on the container in the pod, even if nothing is attached."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
    FlagSpec::new("tty", Some('t'), FlagKind::Bool, "false", "Allocate a TTY for the container in the pod."),
    FlagSpec::new("wait", None, FlagKind::Bool, "false", "If true, wait for resources to be gone before returning. This waits for finalizers."),
];

/// `generate.ParseLabels`: `--labels=a=b,c=d` as a map; the errors are kubectl's.
pub fn parse_labels(s: &str) -> Result<Map<String, Value>, String> {
    let mut m = Map::new();
    for part in s.split(',') {
        let kv: Vec<&str> = part.split('=').collect();
        if kv.len() != 2 {
            return Err(format!("unexpected label spec: {part}"));
        }
        if kv[0].is_empty() {
            return Err("unexpected empty label key".into());
        }
        m.insert(kv[0].to_string(), json!(kv[1]));
    }
    Ok(m)
}

/// `validation.IsEnvVarName`: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
fn is_env_var_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || matches!(c, '-' | '.' | '_') => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

/// A path component of an image name: lower-case alphanumeric runs joined by `.`, `_`, `__`
/// or any number of `-`.
fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &s[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
            return false;
        }
    }
    true
}

/// A registry host: dot-separated labels of letters, digits and inner `-`, with an optional
/// `:port`.
fn is_domain(s: &str) -> bool {
    let (host, port) = match s.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    host.split('.').all(|label| {
        let b = label.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    })
}

/// docker/distribution `reference.ReferenceRegexp`: `[domain/]name[:tag][@digest]`.
pub fn is_image_reference(image: &str) -> bool {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let Some((alg, hex)) = d.split_once(':') else {
            return false;
        };
        let alg_ok = alg.split(['-', '_', '+', '.']).all(|part| {
            let b = part.as_bytes();
            !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(u8::is_ascii_alphanumeric)
        });
        if !alg_ok || hex.len() < 32 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match rest[last_slash..].find(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag {
        let b = t.as_bytes();
        let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
        if b.is_empty()
            || b.len() > 128
            || !word(&b[0])
            || !b.iter().all(|c| word(c) || *c == b'.' || *c == b'-')
        {
            return false;
        }
    }
    let remote = |n: &str| n.split('/').all(is_path_component);
    remote(name)
        || name
            .split_once('/')
            .is_some_and(|(d, r)| is_domain(d) && remote(r))
}

/// The pod `kubectl run` sends (the `run-pod/v1` generator), before `--overrides`.
pub fn build_pod(name: &str, p: &Parsed, restart: &str) -> Result<Value, String> {
    let mut env_list = vec![];
    for e in p.get_strings("env") {
        let Some((k, v)) = e.split_once('=') else {
            return Err(format!("invalid env: {e}"));
        };
        if !is_env_var_name(k) {
            return Err(format!("invalid env: {e}"));
        }
        env_list.push(json!({"name": k, "value": v}));
    }
    let mut annotations = Map::new();
    for a in p.get_strings("annotations") {
        match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                annotations.insert(k.to_string(), json!(v));
            }
            _ => return Err(format!("invalid annotations format: {a}")),
        }
    }
    let labels = if p.changed("labels") {
        parse_labels(&p.get_string("labels"))?
    } else {
        let mut m = Map::new();
        m.insert("run".into(), json!(name));
        m
    };
    let mut container = Map::new();
    let rest: Vec<String> = p.after_dash().to_vec();
    let positional_args: Vec<String> = p.positionals().iter().skip(1).cloned().collect();
    let mut cmd_args = positional_args;
    cmd_args.extend(rest);
    if p.get_bool("command") && !cmd_args.is_empty() {
        container.insert("command".into(), json!(cmd_args));
    } else if !cmd_args.is_empty() {
        container.insert("args".into(), json!(cmd_args));
    }
    if !env_list.is_empty() {
        container.insert("env".into(), json!(env_list));
    }
    container.insert("image".into(), json!(p.get_string("image")));
    let pull = p.get_string("image-pull-policy");
    if !pull.is_empty() {
        container.insert("imagePullPolicy".into(), json!(pull));
    }
    container.insert("name".into(), json!(name));
    let port = p.get_string("port");
    if !port.is_empty() {
        // strconv.Atoi, then Go's conversion to int32 (which wraps).
        let n = match super::flags::go_parse_int(&port, 10, 64) {
            Ok(n) => n as i32,
            Err(_) => {
                let digits = port.strip_prefix(['+', '-']).unwrap_or(&port);
                let why = if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
                    "value out of range"
                } else {
                    "invalid syntax"
                };
                return Err(format!("strconv.Atoi: parsing {port:?}: {why}"));
            }
        };
        container.insert("ports".into(), json!([{"containerPort": n}]));
    }
    container.insert("resources".into(), json!({}));
    if p.get_bool("privileged") {
        container.insert("securityContext".into(), json!({"privileged": true}));
    }
    let stdin = p.get_bool("stdin");
    if stdin {
        container.insert("stdin".into(), json!(true));
        if !p.get_bool("leave-stdin-open") {
            container.insert("stdinOnce".into(), json!(true));
        }
    }
    if p.get_bool("tty") {
        container.insert("tty".into(), json!(true));
    }
    let mut metadata = json!({"creationTimestamp": null, "labels": labels, "name": name});
    if !annotations.is_empty() {
        metadata["annotations"] = Value::Object(annotations);
    }
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": metadata,
        "spec": {
            "containers": [Value::Object(container)],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": restart,
        },
        "status": {},
    }))
}

/// The ClusterIP service `--expose` creates in front of the pod.
fn build_service(name: &str, pod: &Value, p: &Parsed) -> Value {
    let port = &pod["spec"]["containers"][0]["ports"][0]["containerPort"];
    let mut metadata = json!({"creationTimestamp": null, "name": name});
    if p.changed("labels") {
        metadata["labels"] = pod["metadata"]["labels"].clone();
    }
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": metadata,
        "spec": {
            "ports": [{"port": port, "protocol": "TCP", "targetPort": port}],
            "selector": pod["metadata"]["labels"].clone(),
        },
        "status": {"loadBalancer": {}},
    })
}

/// `--overrides` applied with `--override-type` (cmdutil.Merge and friends).
fn apply_overrides(pod: Value, p: &Parsed) -> Result<Value, String> {
    let overrides = p.get_string("overrides");
    if overrides.is_empty() {
        return Ok(pod);
    }
    let patch_type = match p.get_string("override-type").as_str() {
        "merge" => PatchType::Merge,
        "strategic" => PatchType::Strategic,
        "json" => PatchType::Json,
        other => return Err(format!("invalid override type: {other}")),
    };
    let patch: Value = match super::manifest::json_syntax_error(&overrides) {
        None => serde_json::from_str(&overrides).unwrap_or_default(),
        Some(e) => {
            return Err(match patch_type {
                PatchType::Merge => "Invalid JSON Patch".into(),
                PatchType::Strategic => "invalid JSON document".into(),
                PatchType::Json => e,
            })
        }
    };
    if patch_type == PatchType::Merge && !patch.is_object() {
        let what = match patch {
            Value::Array(_) => "array",
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            _ => "null",
        };
        return Err(format!("couldn't get version/kind; json parse error: json: cannot unmarshal {what} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}"));
    }
    let mut pod = patch::apply(&pod, patch_type, &patch).map_err(|e| e.message)?;
    // The result is decoded into a typed Pod again, so the struct fields that are always
    // encoded come back.
    if let Some(cs) = pod["spec"]["containers"].as_array_mut() {
        for c in cs.iter_mut().filter(|c| c.is_object()) {
            if c.get("resources").is_none() {
                c["resources"] = json!({});
            }
        }
    }
    if pod.get("status").is_none() {
        pod["status"] = json!({});
    }
    Ok(pod)
}

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    const PATH: &str = "kubectl run";
    // cobra checks required flags before the command runs.
    if !p.changed("image") {
        io.err("error: required flag(s) \"image\" not set\n");
        return 1;
    }
    // Complete: the dry-run strategy, then the printer.
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let name = match p.positionals().first() {
        Some(n) if p.args_len_at_dash() != Some(0) => n.clone(),
        _ => return usage_error(io, PATH, "NAME is required for run"),
    };
    if p.get_duration("pod-running-timeout") <= 0 {
        return usage_error(io, PATH, "--pod-running-timeout must be higher than zero");
    }
    let image = p.get_string("image");
    if image.is_empty() {
        io.err("error: --image is required\n");
        return 1;
    }
    if !is_image_reference(&image) {
        io.err(format!(
            "error: Invalid image name \"{image}\": invalid reference format\n"
        ));
        return 1;
    }
    let interactive = p.get_bool("stdin");
    if p.get_bool("tty") && !interactive {
        return usage_error(
            io,
            PATH,
            "-i/--stdin is required for containers with -t/--tty=true",
        );
    }
    let expose = p.get_bool("expose");
    if expose && p.get_string("port").is_empty() {
        return usage_error(io, PATH, "--port must be set when exposing a service");
    }
    let restart = match p.get_string("restart").as_str() {
        "" if interactive => "OnFailure".to_string(),
        "" => "Always".to_string(),
        r @ ("Always" | "OnFailure" | "Never") => r.to_string(),
        other => return usage_error(io, PATH, &format!("invalid restart policy: {other}")),
    };
    let attach = if p.changed("attach") {
        p.get_bool("attach")
    } else {
        interactive
    };
    if p.get_bool("rm") && !attach {
        return usage_error(io, PATH, "--rm should only be used for attached containers");
    }
    if attach && dry != DryRun::None {
        return usage_error(io, PATH, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    let pull = p.get_string("image-pull-policy");
    if !matches!(pull.as_str(), "" | "Always" | "IfNotPresent" | "Never") {
        return usage_error(io, PATH, &format!("invalid image pull policy: {pull}"));
    }
    let pod = match build_pod(&name, p, &restart) {
        Ok(pod) => pod,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let mut objects = vec![];
    if expose {
        objects.push((rt("services"), build_service(&name, &pod, p)));
    }
    let pod = match apply_overrides(pod, p) {
        Ok(pod) => pod,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    objects.push((rt("pods"), pod));
    let enforce_ns = !p.get_string("namespace").is_empty();
    let ns = ctx.namespace(p);
    for (i, (rt, mut obj)) in objects.into_iter().enumerate() {
        if p.get_bool("save-config") && dry != DryRun::Client {
            builder::set_last_applied(&mut obj, true);
        }
        let result = if dry == DryRun::Client {
            if enforce_ns {
                obj["metadata"]["namespace"] = json!(ns);
            }
            obj
        } else {
            match ctx
                .cluster
                .api
                .create_opts(rt, &ns, obj, dry == DryRun::Server)
            {
                Ok(created) => created,
                Err(status) => {
                    print_status(io, &status);
                    return 1;
                }
            }
        };
        if attach && rt.kind == "Pod" {
            let opts = AttachOpts {
                container: crate::sim::object::name(&result).to_string(),
                timeout_ms: p.get_duration("pod-running-timeout") / 1_000_000,
                remove: p.get_bool("rm"),
                tty: p.get_bool("tty"),
                stdin: p.get_bool("stdin"),
                quiet: p.get_bool("quiet"),
            };
            return attach_to_pod(ctx, &result, &opts, io);
        }
        // The service is printed, then kubectl writes its own separator before the pod, and
        // the YAML printer adds another one for its second object.
        if i > 0 && out == Output::Yaml {
            io.out("---\n---\n");
        }
        if !builder::print_result(io, &out, rt, &result, "created", dry, true) {
            return 1;
        }
    }
    0
}

/// How `kubectl run`/`debug` attach to the pod they created.
pub(crate) struct AttachOpts {
    pub container: String,
    /// `--pod-running-timeout`.
    pub timeout_ms: i64,
    /// `--rm`: delete the pod when the session ends.
    pub remove: bool,
    pub tty: bool,
    pub stdin: bool,
    pub quiet: bool,
}

/// After `kubectl run -i`/`--attach` (or `debug -i`) created its pod: waits (on the cluster's clock, up to
/// `--pod-running-timeout`) for it to run or complete. A completed pod's log is printed; a
/// shell waiting on its stdin gets the terminal (`/ # `); another process's output is
/// followed. `--rm` deletes the pod when that ends.
pub(crate) fn attach_to_pod(ctx: &mut Ctx, created: &Value, opts: &AttachOpts, io: &mut Io) -> i32 {
    let ns = crate::sim::object::namespace(created).to_string();
    let name = crate::sim::object::name(created).to_string();
    let container = opts.container.clone();
    let (timeout_ms, remove, tty) = (opts.timeout_ms, opts.remove, opts.tty);
    let status_of = |pod: &Value, path: &str| {
        ["containerStatuses", "ephemeralContainerStatuses"]
            .iter()
            .filter_map(|k| crate::sim::object::Pointer::at(pod, &format!("/status/{k}")))
            .filter_map(Value::as_array)
            .flatten()
            .find(|c| c["name"] == container.as_str())
            .and_then(|c| crate::sim::object::Pointer::at(c, path))
            .cloned()
    };
    let mut waited = 0;
    let pod = loop {
        let pod = match ctx.cluster.api.get(rt("pods"), &ns, &name) {
            Ok(pod) => pod,
            Err(s) => {
                print_status(io, &s);
                return 1;
            }
        };
        let phase = crate::sim::object::str_at(&pod, "/status/phase");
        let started = status_of(&pod, "/state/running").is_some()
            || status_of(&pod, "/state/terminated").is_some();
        if matches!(phase, "Succeeded" | "Failed") || phase == "Running" && started {
            break pod;
        }
        if waited >= timeout_ms {
            io.err("error: timed out waiting for the condition\n");
            return 1;
        }
        super::logs::advance(ctx, 500);
        waited += 500;
    };
    let phase = crate::sim::object::str_at(&pod, "/status/phase").to_string();
    if phase == "Running" {
        let shell = if opts.stdin {
            ctx.cluster.stdin_shell(&pod, &container)
        } else {
            None
        };
        let finishes = shell.is_none() && ctx.cluster.container_finishes(&pod, &container);
        if tty && !opts.quiet && !finishes {
            io.err("If you don't see a command prompt, try pressing enter.\n");
        }
        if let Some(shell) = shell {
            ctx.cluster.network.attach = Some(crate::sim::network::Attach {
                namespace: ns,
                pod: name,
                container,
                shell,
                tty,
                main: true,
                remove,
            });
            return 0;
        }
        if !finishes {
            // A server or a process that waits: its output, as it comes.
            return super::logs::follow_new(ctx, &pod, &container, io);
        }
    }
    // A process that ends by itself: its run to the end, then its whole output (the attach
    // stream carries it from the start).
    let restarts = |pod: &Value| {
        status_of(pod, "/restartCount")
            .and_then(|v| v.as_i64())
            .unwrap_or(0)
    };
    let terminated = |pod: &Value| status_of(pod, "/state/terminated").is_some();
    let before = restarts(&pod);
    let mut pod = pod;
    while !terminated(&pod) && restarts(&pod) == before && waited < timeout_ms {
        super::logs::advance(ctx, 500);
        waited += 500;
        match ctx.cluster.api.get(rt("pods"), &ns, &name) {
            Ok(p) => pod = p,
            Err(_) => break,
        }
    }
    let phase = crate::sim::object::str_at(&pod, "/status/phase").to_string();
    let previous = restarts(&pod) > before;
    if let Ok(lines) = ctx.cluster.container_logs(&pod, &container, previous) {
        for l in lines {
            io.out(format!("{}\n", l.text));
        }
    }
    if remove
        && ctx
            .cluster
            .api
            .delete(rt("pods"), &ns, &name, Default::default())
            .is_ok()
    {
        io.out(format!("pod \"{name}\" deleted\n"));
    }
    if phase == "Failed" {
        let code = status_of(&pod, "/state/terminated/exitCode")
            .and_then(|v| v.as_i64())
            .unwrap_or(0) as i32;
        if code == 0 {
            io.err(format!(
                "error: pod {ns}/{name} failed with unknown exit code\n"
            ));
            return 1;
        }
        io.err(format!("pod {ns}/{name} terminated (Error)\n"));
        return code;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references_follow_the_distribution_grammar() {
        for ok in [
            "nginx",
            "nginx:1.25",
            "registry.k8s.io/pause:3.9",
            "My.Reg:5000/app_a__b--c.d:tag",
            "localhost:5000/app",
            "nginx@sha256:0123456789abcdef0123456789abcdef",
        ] {
            assert!(is_image_reference(ok), "{ok}");
        }
        for bad in [
            "Nginx",
            "a//b",
            "a_",
            "nginx:-bad",
            "localhost:5000/My/app",
            "nginx@sha256:abc",
            "",
        ] {
            assert!(!is_image_reference(bad), "{bad}");
        }
    }

    #[test]
    fn labels_are_parsed_like_generate_parse_labels() {
        assert_eq!(parse_labels("a=b,c=").unwrap().len(), 2);
        assert_eq!(
            parse_labels("bad").unwrap_err(),
            "unexpected label spec: bad"
        );
        assert_eq!(
            parse_labels("a=b,,c=d").unwrap_err(),
            "unexpected label spec: "
        );
        assert_eq!(
            parse_labels("=x").unwrap_err(),
            "unexpected empty label key"
        );
    }
}

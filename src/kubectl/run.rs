//! `kubectl run`: creates a pod from an image (the `run-pod/v1` generator).

use serde_json::{json, Map, Value};

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, usage_error, Command, Ctx};
use crate::printers;
use crate::shell::Io;
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

/// `--labels=a=b,c=d` as a map; the error is kubectl's.
pub fn parse_labels(s: &str) -> Result<Map<String, Value>, String> {
    let mut m = Map::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(format!("invalid label spec: {part}"));
        };
        m.insert(k.to_string(), json!(v));
    }
    Ok(m)
}

/// The pod `kubectl run` sends.
pub fn build_pod(name: &str, p: &Parsed) -> Result<Value, String> {
    let image = p.get_string("image");
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
    let envs = p.get_strings("env");
    if !envs.is_empty() {
        let mut list = vec![];
        for e in envs {
            let Some((k, v)) = e.split_once('=') else {
                return Err(format!("invalid env: {e}"));
            };
            list.push(json!({"name": k, "value": v}));
        }
        container.insert("env".into(), json!(list));
    }
    container.insert("image".into(), json!(image));
    let pull = p.get_string("image-pull-policy");
    if !pull.is_empty() {
        container.insert("imagePullPolicy".into(), json!(pull));
    }
    container.insert("name".into(), json!(name));
    let port = p.get_string("port");
    if !port.is_empty() {
        let n: i64 = port.parse().map_err(|_| format!("invalid port: {port}"))?;
        container.insert("ports".into(), json!([{"containerPort": n}]));
    }
    container.insert("resources".into(), json!({}));
    if p.get_bool("stdin") {
        container.insert("stdin".into(), json!(true));
    }
    if p.get_bool("tty") {
        container.insert("tty".into(), json!(true));
    }
    let mut metadata = json!({"creationTimestamp": null, "labels": labels, "name": name});
    let annotations = p.get_strings("annotations");
    if !annotations.is_empty() {
        metadata["annotations"] = json!(parse_labels(&annotations.join(","))?);
    }
    let restart = p.get_string("restart");
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

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    // cobra checks required flags before the command runs.
    if !p.changed("image") {
        io.err("error: required flag(s) \"image\" not set\n");
        return 1;
    }
    let Some(name) = p.positionals().first().cloned() else {
        return usage_error(io, "kubectl run", "NAME is required for run");
    };
    let restart = p.get_string("restart");
    if !matches!(restart.as_str(), "Always" | "OnFailure" | "Never") {
        return usage_error(
            io,
            "kubectl run",
            &format!("invalid restart policy: {restart}"),
        );
    }
    let dry_run = p.get_string("dry-run");
    if !matches!(dry_run.as_str(), "none" | "client" | "server" | "unchanged") {
        io.err(format!("error: Invalid dry-run value ({dry_run}). Must be \"none\", \"server\", or \"client\".\n"));
        return 1;
    }
    let output = p.get_string("output");
    let pod = match build_pod(&name, p) {
        Ok(pod) => pod,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let ns = ctx.namespace(p);
    let result = if dry_run == "client" {
        pod
    } else {
        match ctx
            .cluster
            .api
            .create_opts(rt("pods"), &ns, pod, dry_run == "server")
        {
            Ok(created) => created,
            Err(status) => {
                print_status(io, &status);
                return 1;
            }
        }
    };
    let suffix = match dry_run.as_str() {
        "client" => " (dry run)",
        "server" => " (server dry run)",
        _ => "",
    };
    match output.as_str() {
        "" => io.out(format!("pod/{name} created{suffix}\n")),
        "yaml" => io.out(printers::yaml::to_yaml(&result)),
        "json" => io.out(printers::json::to_json(&result)),
        "name" => io.out(format!("pod/{name}\n")),
        other => {
            io.err(format!("error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"));
            return 1;
        }
    }
    0
}

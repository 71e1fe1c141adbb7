//! `kubectl attach`, `cp`, `debug`, `proxy` and `diff`: the argument errors kubectl v1.31
//! gives before it does the work, then the work (`diff -f` in `diff.rs`). Not available yet:
//! `debug`'s profiles other than legacy.

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;

fn not_available(io: &mut Io, name: &str) -> i32 {
    io.err(format!(
        "error: \"kubectl {name}\" is not available in this playground yet\n"
    ));
    1
}

fn fail(io: &mut Io, msg: &str) -> i32 {
    io.err(format!("error: {msg}\n"));
    1
}

/// `kubectl attach`: a shell waiting on its stdin (a pod of `kubectl run -it`) gets the
/// terminal with `-i`; any other process's output is followed from now on.
fn run_attach(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    if args.is_empty() {
        return fail(io, "at least 1 argument is required for attach");
    }
    if args.len() > 2 {
        let msg = format!(
            "expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw {}: [{}]",
            args.len(),
            args.join(" ")
        );
        return fail(io, &msg);
    }
    let resource = args.join("/");
    let ns = ctx.namespace(p);
    let quiet = p.get_bool("quiet");
    let pod = match super::logs::first_pod(ctx, &ns, &resource, io) {
        Some(pod) => pod,
        None => return 1,
    };
    let phase = str_at(&pod, "/status/phase").to_string();
    if phase == "Succeeded" || phase == "Failed" {
        return fail(
            io,
            &format!("cannot attach a container in a completed pod; current phase is {phase}"),
        );
    }
    let mut container = p.get_string("container");
    if container.is_empty() {
        match super::logs::default_container(&pod, quiet, io) {
            Some(c) => container = c,
            None => return 1,
        }
    }
    let Some(spec) = ["containers", "ephemeralContainers"]
        .iter()
        .filter_map(|k| pod.at(&format!("/spec/{k}")).and_then(Value::as_array))
        .flatten()
        .find(|c| str_at(c, "/name") == container)
        .cloned()
    else {
        return fail(io, &format!("container not found ({container})"));
    };
    let running = ["containerStatuses", "ephemeralContainerStatuses"]
        .iter()
        .filter_map(|k| pod.at(&format!("/status/{k}")).and_then(Value::as_array))
        .flatten()
        .find(|c| str_at(c, "/name") == container)
        .is_some_and(|c| c.at("/state/running").is_some());
    if !running {
        return fail(
            io,
            &format!("unable to upgrade connection: container not found (\"{container}\")"),
        );
    }
    let mut tty = p.get_bool("tty");
    let allocated = spec.get("tty") == Some(&Value::Bool(true));
    if tty && !allocated {
        tty = false;
        if !quiet {
            io.err(format!(
                "Unable to use a TTY - container {container} did not allocate one\n"
            ));
        }
    } else if allocated {
        tty = true;
    }
    let shell = if p.get_bool("stdin") {
        ctx.cluster.stdin_shell(&pod, &container)
    } else {
        None
    };
    let Some(shell) = shell else {
        return super::logs::follow_new(ctx, &pod, &container, io);
    };
    if tty && !quiet {
        io.err("If you don't see a command prompt, try pressing enter.\n");
    }
    ctx.cluster.network.attach = Some(crate::sim::network::Attach {
        namespace: object::namespace(&pod).to_string(),
        pod: object::name(&pod).to_string(),
        container,
        shell,
        tty,
        main: true,
        remove: false,
    });
    0
}

/// `[[namespace/]pod:]file/path`: (namespace, pod, path); pod empty for a local path.
fn file_spec(arg: &str) -> Result<(&str, &str, &str), ()> {
    match arg.split_once(':') {
        None => Ok(("", "", arg)),
        Some(("", _)) => Err(()),
        Some((pod, file)) => match pod.split('/').collect::<Vec<_>>().as_slice() {
            [name] => Ok(("", name, file)),
            [ns, name] => Ok((ns, name, file)),
            _ => Err(()),
        },
    }
}

/// `kubectl cp`: a file or directory between the terminal's node and a running container, as
/// kubectl does it with `tar` in the container (so the image needs tar, and tar's own messages
/// show).
fn run_cp(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    if args.len() != 2 {
        return fail(io, "source and destination are required");
    }
    let (Ok(src), Ok(dest)) = (file_spec(&args[0]), file_spec(&args[1])) else {
        return fail(
            io,
            "filespec must match the canonical format: [[namespace/]pod:]file/path",
        );
    };
    if !src.1.is_empty() && !dest.1.is_empty() {
        return fail(io, "one of src or dest must be a local file specification");
    }
    if src.2.is_empty() || dest.2.is_empty() {
        return fail(io, "filepath can not be empty");
    }
    if src.1.is_empty() && dest.1.is_empty() {
        return fail(io, "one of src or dest must be a remote file specification");
    }
    let to_pod = !dest.1.is_empty();
    let local = if to_pod { src.2 } else { dest.2 };
    let local_path = crate::vfs::normalize(&ctx.cwd, local);
    if to_pod && !ctx.fs.exists(&local_path) {
        return fail(io, &format!("{local} doesn't exist in local filesystem"));
    }
    let (ns, pod_name, remote) = if to_pod { dest } else { src };
    let ns = if ns.is_empty() {
        ctx.namespace(p)
    } else {
        ns.to_string()
    };
    let pod = match ctx
        .cluster
        .api
        .get(crate::sim::resources::rt("pods"), &ns, pod_name)
    {
        Ok(pod) => pod,
        Err(s) => {
            super::print_status(io, &s);
            return 1;
        }
    };
    let mut container = p.get_string("container");
    if container.is_empty() {
        match super::logs::default_container(&pod, false, io) {
            Some(c) => container = c,
            None => return 1,
        }
    }
    let phase = str_at(&pod, "/status/phase");
    if phase == "Succeeded" || phase == "Failed" {
        return fail(
            io,
            &format!("cannot exec into a container in a completed pod; current phase is {phase}"),
        );
    }
    if let Err(e) = ctx.cluster.exec_probe(&pod, &container, "tar") {
        return super::exec::exec_error(io, &container, e);
    }
    let remote_path = crate::vfs::normalize("/", remote);
    let now = ctx.cluster.now();
    let local_fs: &mut crate::vfs::Fs = ctx.fs;
    let result = ctx.cluster.with_container_files(&pod, &container, |cctx, cfs| {
        let gnu = !matches!(
            cctx.base,
            crate::sim::registry::Base::Busybox | crate::sim::registry::Base::Alpine
        );
        let mut err = String::new();
        let code;
        if to_pod {
            let base = local_path.rsplit('/').next().unwrap_or("").to_string();
            let target = if cfs.is_dir(&remote_path) && !base.is_empty() {
                format!("{}/{base}", remote_path.trim_end_matches('/'))
            } else {
                remote_path.clone()
            };
            let dir = crate::vfs::split_parent(&target)
                .map(|(d, _)| d)
                .unwrap_or_else(|| "/".into());
            if !cfs.is_dir(&dir) {
                if gnu {
                    err = format!("tar: {dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n");
                    code = 2;
                } else {
                    err = format!("tar: can't change directory to '{dir}': No such file or directory\n");
                    code = 1;
                }
            } else {
                code = match cfs.copy_from(local_fs, &local_path, &target, now) {
                    Ok(()) => 0,
                    Err(e) => {
                        err = format!("tar: {target}: Cannot open: {e}\n");
                        2
                    }
                };
            }
        } else {
            if remote.starts_with('/') {
                err.push_str(if gnu {
                    "tar: Removing leading `/' from member names\n"
                } else {
                    "tar: removing leading '/' from member names\n"
                });
            }
            if !cfs.exists(&remote_path) {
                if gnu {
                    err.push_str(&format!("tar: {remote}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n"));
                    code = 2;
                } else {
                    err.push_str(&format!("tar: {remote}: No such file or directory\n"));
                    code = 1;
                }
            } else if local_fs.is_dir(&local_path) && !cfs.is_dir(&remote_path) {
                return (err, 0, Some(format!("open {local}: is a directory")));
            } else {
                if let Some((dir, _)) = crate::vfs::split_parent(&local_path) {
                    let _ = local_fs.mkdir_p(&dir, now);
                }
                if let Err(e) = local_fs.copy_from(cfs, &remote_path, &local_path, now) {
                    return (err, 0, Some(format!("open {local}: {e}")));
                }
                code = 0;
            }
        }
        (err, code, None)
    });
    let Some((err, code, local_error)) = result else {
        return super::exec::exec_error(io, &container, crate::sim::kubelet::ExecError::NotRunning);
    };
    io.err(err);
    if let Some(e) = local_error {
        return fail(io, &e);
    }
    if code != 0 {
        io.err(format!("command terminated with exit code {code}\n"));
    }
    code
}

fn run_debug(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let profile = p.get_string("profile");
    if ![
        "legacy",
        "general",
        "baseline",
        "netadmin",
        "restricted",
        "sysadmin",
    ]
    .contains(&profile.as_str())
    {
        return fail(io, &format!("unknown profile: {profile}"));
    }
    let copy_to = !p.get_string("copy-to").is_empty();
    let image = !p.get_string("image").is_empty();
    if !copy_to && !image {
        return fail(io, "you must specify --image when not using --copy-to.");
    }
    if p.args().is_empty() && p.get_strings("filename").is_empty() {
        return fail(io, "NAME or filename is required for debug");
    }
    if p.get_bool("replace") && !copy_to {
        return fail(io, "--replace may only be used with --copy-to.");
    }
    if copy_to && !image && p.get_strings("set-image").is_empty() && p.after_dash().is_empty() {
        return fail(
            io,
            "you must specify --image, --set-image or command arguments.",
        );
    }
    if !p.get_string("custom").is_empty() || !p.get_strings("set-image").is_empty() {
        return not_available(io, "debug --custom/--set-image");
    }
    let Some(target) = p.args().first().cloned() else {
        return not_available(io, "debug -f");
    };
    let ns = ctx.namespace(p);
    let stdin = p.get_bool("stdin");
    let tty = p.get_bool("tty");
    let quiet = p.get_bool("quiet");
    let mut container = serde_json::json!({
        "image": p.get_string("image"),
        "terminationMessagePolicy": "File",
    });
    if stdin {
        container["stdin"] = true.into();
    }
    if tty {
        container["tty"] = true.into();
    }
    let pull = p.get_string("image-pull-policy");
    if !pull.is_empty() {
        container["imagePullPolicy"] = pull.into();
    }
    let words: Vec<Value> = p.after_dash().iter().map(|a| a.as_str().into()).collect();
    if !words.is_empty() {
        let key = if p.get_bool("arguments-only") {
            "args"
        } else {
            "command"
        };
        container[key] = words.into();
    }
    let env: Vec<Value> = p
        .get_strings("env")
        .iter()
        .map(|e| {
            let (k, v) = e.split_once('=').unwrap_or((e, ""));
            serde_json::json!({"name": k, "value": v})
        })
        .collect();
    if !env.is_empty() {
        container["env"] = env.into();
    }
    let named = p.get_string("container");
    let (node, pod_name) = match target.split_once('/') {
        Some(("node" | "nodes" | "no", n)) => (Some(n.to_string()), String::new()),
        Some(("pod" | "pods" | "po", n)) => (None, n.to_string()),
        Some((t, _)) => {
            return fail(
                io,
                &format!("the server doesn't have a resource type \"{t}\""),
            );
        }
        None => (None, target.clone()),
    };
    let pod = if let Some(node) = node {
        if let Err(s) = ctx.cluster.api.get(rt("nodes"), "", &node) {
            super::print_status(io, &s);
            return 1;
        }
        let cname = if named.is_empty() {
            "debugger".to_string()
        } else {
            named
        };
        let suffix = ctx.cluster.api.rng.name_suffix(5);
        let name = format!("node-debugger-{node}-{suffix}");
        if !quiet {
            io.out(format!(
                "Creating debugging pod {name} with container {cname} on node {node}.\n"
            ));
        }
        container["name"] = cname.into();
        let host_root = matches!(profile.as_str(), "legacy" | "general" | "sysadmin");
        if host_root {
            container["volumeMounts"] =
                serde_json::json!([{"mountPath": "/host", "name": "host-root"}]);
        }
        profile_container(&profile, Style::Node, &mut container);
        let mut pod = serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name},
            "spec": {
                "containers": [container],
                "nodeName": node, "restartPolicy": "Never",
                "tolerations": [{"operator": "Exists"}],
            },
        });
        if matches!(
            profile.as_str(),
            "legacy" | "general" | "netadmin" | "sysadmin"
        ) {
            for key in ["hostIPC", "hostNetwork", "hostPID"] {
                pod["spec"][key] = true.into();
            }
        }
        if host_root {
            pod["spec"]["volumes"] =
                serde_json::json!([{"hostPath": {"path": "/"}, "name": "host-root"}]);
        }
        pod
    } else {
        let original = match ctx.cluster.api.get(rt("pods"), &ns, &pod_name) {
            Ok(pod) => pod,
            Err(s) => {
                super::print_status(io, &s);
                return 1;
            }
        };
        let copy_name = p.get_string("copy-to");
        let cname = if named.is_empty() {
            let n = format!("debugger-{}", ctx.cluster.api.rng.name_suffix(5));
            if !quiet {
                io.out(format!("Defaulting debug container name to {n}.\n"));
            }
            n
        } else {
            named
        };
        container["name"] = cname.as_str().into();
        if copy_name.is_empty() {
            profile_container(&profile, Style::Ephemeral, &mut container);
            return debug_ephemeral(ctx, p, &original, container, io);
        }
        profile_container(&profile, Style::Copy, &mut container);
        debug_copy(&original, &copy_name, container, p)
    };
    let cname = str_at(&pod, "/spec/containers/0/name").to_string();
    let cname = pod
        .at("/spec/containers")
        .and_then(Value::as_array)
        .and_then(|cs| cs.last())
        .map(|c| str_at(c, "/name").to_string())
        .unwrap_or(cname);
    if p.get_bool("replace") {
        let _ = ctx
            .cluster
            .api
            .delete(rt("pods"), &ns, &pod_name, Default::default());
    }
    let created = match ctx.cluster.api.create(rt("pods"), &ns, pod) {
        Ok(created) => created,
        Err(s) => {
            super::print_status(io, &s);
            return 1;
        }
    };
    debug_attach(ctx, p, &created, cname, io)
}

/// What `kubectl debug` debugs.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Node,
    Ephemeral,
    Copy,
}

/// The `--profile`'s settings for the debugging container (kubectl's `profiles.go`); the
/// node pod's host namespaces and root mount are set where it is built.
fn profile_container(profile: &str, style: Style, c: &mut Value) {
    let add_capabilities = |c: &mut Value, caps: &[&str]| {
        let list = &mut c["securityContext"]["capabilities"]["add"];
        if !list.is_array() {
            *list = serde_json::json!([]);
        }
        if let Some(a) = list.as_array_mut() {
            a.extend(caps.iter().map(|x| Value::from(*x)));
        }
    };
    match (profile, style) {
        ("general", Style::Ephemeral | Style::Copy) => add_capabilities(c, &["SYS_PTRACE"]),
        ("restricted", _) => {
            c["securityContext"] = serde_json::json!({
                "allowPrivilegeEscalation": false,
                "capabilities": {"drop": ["ALL"]},
                "runAsNonRoot": true,
                "seccompProfile": {"type": "RuntimeDefault"},
            });
        }
        ("netadmin", _) => add_capabilities(c, &["NET_ADMIN", "NET_RAW"]),
        ("sysadmin", _) => c["securityContext"]["privileged"] = true.into(),
        _ => {}
    }
}

/// `kubectl debug POD --image=…`: an ephemeral container added to the running pod (the
/// `pods/ephemeralcontainers` subresource), sharing `--target`'s processes; `-i` attaches.
fn debug_ephemeral(
    ctx: &mut Ctx,
    p: &Parsed,
    pod: &Value,
    mut container: Value,
    io: &mut Io,
) -> i32 {
    let target = p.get_string("target");
    if !target.is_empty() {
        container["targetContainerName"] = target.into();
    }
    let name = str_at(&container, "/name").to_string();
    let taken = ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .filter_map(|k| pod.at(&format!("/spec/{k}")).and_then(Value::as_array))
        .flatten()
        .any(|c| str_at(c, "/name") == name);
    if taken {
        let n = pod
            .at("/spec/ephemeralContainers")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let status = crate::sim::apiserver::Status::invalid(
            "Pod",
            object::name(pod),
            vec![format!(
                "spec.ephemeralContainers[{n}].name: Duplicate value: \"{name}\""
            )],
        );
        super::print_status(io, &status);
        return 1;
    }
    let (ns, pod_name) = (
        object::namespace(pod).to_string(),
        object::name(pod).to_string(),
    );
    let updated = ctx.cluster.api.modify(rt("pods"), &ns, &pod_name, |pod| {
        if let Some(spec) = pod.get_mut("spec").and_then(Value::as_object_mut) {
            let list = spec
                .entry("ephemeralContainers")
                .or_insert_with(|| Value::Array(vec![]));
            if let Some(a) = list.as_array_mut() {
                a.push(container);
            }
        }
    });
    let updated = match updated {
        Ok(pod) => pod,
        Err(s) => {
            super::print_status(io, &s);
            return 1;
        }
    };
    debug_attach(ctx, p, &updated, name, io)
}

/// `--attach` (the default with `-i`): waits for the debugging container and attaches.
fn debug_attach(ctx: &mut Ctx, p: &Parsed, pod: &Value, container: String, io: &mut Io) -> i32 {
    let stdin = p.get_bool("stdin");
    let attach = if p.changed("attach") {
        p.get_bool("attach")
    } else {
        stdin
    };
    if !attach {
        return 0;
    }
    let opts = super::run::AttachOpts {
        container,
        timeout_ms: 60_000,
        remove: false,
        tty: p.get_bool("tty"),
        stdin,
        quiet: p.get_bool("quiet"),
    };
    super::run::attach_to_pod(ctx, pod, &opts, io)
}

/// `kubectl debug POD --copy-to=NAME`: the pod as it was written (no status, node or
/// server-set fields), without labels, probes or annotations unless kept, with the debugging
/// container added and, by default, one process namespace.
fn debug_copy(original: &Value, name: &str, container: Value, p: &Parsed) -> Value {
    let mut spec = original.get("spec").cloned().unwrap_or_default();
    if let Some(m) = spec.as_object_mut() {
        m.remove("nodeName");
        m.remove("ephemeralContainers");
        if p.get_bool("share-processes") {
            m.insert("shareProcessNamespace".into(), true.into());
        }
        if !p.get_bool("keep-init-containers") {
            m.remove("initContainers");
        }
    }
    if let Some(cs) = spec.get_mut("containers").and_then(Value::as_array_mut) {
        for c in cs.iter_mut().filter_map(Value::as_object_mut) {
            for (flag, probe) in [
                ("keep-liveness", "livenessProbe"),
                ("keep-readiness", "readinessProbe"),
                ("keep-startup", "startupProbe"),
            ] {
                if !p.get_bool(flag) {
                    c.remove(probe);
                }
            }
        }
        cs.push(container);
    }
    let mut metadata = serde_json::json!({"name": name});
    for (flag, key) in [
        ("keep-labels", "labels"),
        ("keep-annotations", "annotations"),
    ] {
        if let Some(v) = original
            .at(&format!("/metadata/{key}"))
            .filter(|_| p.get_bool(flag))
        {
            metadata[key] = v.clone();
        }
    }
    serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec})
}

/// `kubectl proxy`: like `port-forward`, it stays listening in the background (as after
/// `kubectl proxy &`); `curl localhost:8001/…` on the node then reaches the API server.
fn run_proxy(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if !p.get_string("unix-socket").is_empty() {
        if p.changed("port") {
            return fail(io, "cannot set --unix-socket and --port at the same time");
        }
        return not_available(io, "proxy --unix-socket");
    }
    if !p.get_string("www").is_empty() {
        return not_available(io, "proxy --www");
    }
    let mut port = p.get_string("port").parse::<i64>().unwrap_or(8001);
    let address = p.get_string("address");
    if !(0..=65535).contains(&port) {
        return fail(io, &format!("listen tcp: address {port}: invalid port"));
    }
    if port == 0 {
        port = ctx.cluster.api.rng.range(32768, 60999);
    }
    let port = port as u16;
    let on_control_plane = ctx
        .cluster
        .kubelets
        .iter()
        .any(|k| k.config.control_plane && !ctx.cluster.node_fs.contains_key(k.node_name()));
    let taken = ctx
        .cluster
        .network
        .forwards
        .iter()
        .any(|f| f.local_port == port)
        || on_control_plane && super::port_forward::NODE_PORTS_IN_USE.contains(&port);
    if taken {
        return fail(
            io,
            &format!("listen tcp {address}:{port}: bind: address already in use"),
        );
    }
    let mut prefix = p.get_string("api-prefix");
    if !prefix.starts_with('/') {
        prefix.insert(0, '/');
    }
    ctx.cluster
        .network
        .forwards
        .push(crate::sim::network::PortForward {
            local_port: port,
            namespace: String::new(),
            pod: String::new(),
            port,
            api_prefix: Some(prefix),
        });
    let shown = if address == "0.0.0.0" || address == "::" {
        "[::]".to_string()
    } else {
        address
    };
    io.out(format!("Starting to serve on {shown}:{port}\n"));
    0
}

/// `kubectl diff` exits with 2 on its own errors (1 means "differences found").
fn run_diff(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let files = !p.get_strings("filename").is_empty();
    let kustomize = !p.get_string("kustomize").is_empty();
    if files && kustomize {
        fail(io, "only one of -f or -k can be specified");
    } else if !files && !kustomize {
        let args = p.args();
        if args.is_empty() {
            fail(io, "must specify one of -f and -k");
        } else {
            io.err(format!(
                "error: Unexpected args: [{}]\nSee 'kubectl diff -h' for help and examples\n",
                args.join(" ")
            ));
        }
    } else {
        return super::diff::run(ctx, p, io);
    }
    2
}

pub static ATTACH: Command = Command {
    name: "attach",
    about: "Attach to a process already running in a container: its output, and with -i its input.",
    examples: "  # The output of the first container of pod mypod\n  kubectl attach mypod\n  \n  # Container ruby, with this terminal as its input\n  kubectl attach mypod -c ruby -it",
    usage: "kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]",
    flags: ATTACH_FLAGS,
    run: run_attach,
};

const ATTACH_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("container", Some('c'), FlagKind::String, "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
    FlagSpec::new("pod-running-timeout", None, FlagKind::Duration, "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
    FlagSpec::new("quiet", Some('q'), FlagKind::Bool, "false", "Only print output from the remote session"),
    FlagSpec::new("stdin", Some('i'), FlagKind::Bool, "false", "Pass stdin to the container"),
    FlagSpec::new("tty", Some('t'), FlagKind::Bool, "false", "Stdin is a TTY"),
];

pub static CP: Command = Command {
    name: "cp",
    about: "Copy files and directories to and from containers (the container's image needs tar).",
    examples: "  # A local file into pod mypod\n  kubectl cp /tmp/foo mypod:/tmp/bar\n  \n  # From container app of a pod in namespace dev to a local file\n  kubectl cp dev/mypod:/tmp/foo /tmp/bar -c app",
    usage: "kubectl cp <file-spec-src> <file-spec-dest> [options]",
    flags: CP_FLAGS,
    run: run_cp,
};

const CP_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("container", Some('c'), FlagKind::String, "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
    FlagSpec::new("no-preserve", None, FlagKind::Bool, "false", "The copied file/directory's ownership and permissions will not be preserved in the container"),
    FlagSpec::new("retries", None, FlagKind::Int, "0", "Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry)."),
];

pub static DEBUG: Command = Command {
    name: "debug",
    about: "Debug a pod with a debugging container added to it (or to a copy of it), or a node with a pod in its host namespaces.",
    examples: "  # A busybox shell in a debugging container of pod mypod\n  kubectl debug mypod -it --image=busybox\n  \n  # The same in a copy of mypod\n  kubectl debug mypod -it --image=busybox --copy-to=my-debugger\n  \n  # A shell on node node01, its filesystem at /host\n  kubectl debug node/node01 -it --image=busybox",
    usage: "kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
    flags: DEBUG_FLAGS,
    run: run_debug,
};

const DEBUG_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("arguments-only", None, FlagKind::Bool, "false", "If specified, everything after -- will be passed to the new container as Args instead of Command."),
    FlagSpec::new("attach", None, FlagKind::Bool, "false", "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true."),
    FlagSpec::new("container", Some('c'), FlagKind::String, "", "Container name to use for debug container."),
    FlagSpec::new("copy-to", None, FlagKind::String, "", "Create a copy of the target Pod with this name."),
    FlagSpec::new("custom", None, FlagKind::String, "", "Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles."),
    FlagSpec::new("env", None, FlagKind::StringSlice, "[]", "Environment variables to set in the container."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "identifying the resource to debug"),
    FlagSpec::new("image", None, FlagKind::String, "", "Container image to use for debug container."),
    FlagSpec::new("image-pull-policy", None, FlagKind::String, "", "The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server."),
    FlagSpec::new("keep-annotations", None, FlagKind::Bool, "false", "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')"),
    FlagSpec::new("keep-init-containers", None, FlagKind::Bool, "true", "Run the init containers for the pod. Defaults to true.(This flag only works when used with '--copy-to')"),
    FlagSpec::new("keep-labels", None, FlagKind::Bool, "false", "If true, keep the original pod labels.(This flag only works when used with '--copy-to')"),
    FlagSpec::new("keep-liveness", None, FlagKind::Bool, "false", "If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')"),
    FlagSpec::new("keep-readiness", None, FlagKind::Bool, "false", "If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')"),
    FlagSpec::new("keep-startup", None, FlagKind::Bool, "false", "If true, keep the original startup probes.(This flag only works when used with '--copy-to')"),
    FlagSpec::new("profile", None, FlagKind::String, "legacy", "Options are \"legacy\", \"general\", \"baseline\", \"netadmin\", \"restricted\" or \"sysadmin\"."),
    FlagSpec::new("quiet", Some('q'), FlagKind::Bool, "false", "If true, suppress informational messages."),
    FlagSpec::new("replace", None, FlagKind::Bool, "false", "When used with '--copy-to', delete the original Pod."),
    FlagSpec::new("same-node", None, FlagKind::Bool, "false", "When used with '--copy-to', schedule the copy of target Pod on the same node."),
    FlagSpec::new("set-image", None, FlagKind::StringSlice, "[]", "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works."),
    FlagSpec::new("share-processes", None, FlagKind::Bool, "true", "When used with '--copy-to', enable process namespace sharing in the copy."),
    FlagSpec::new("stdin", Some('i'), FlagKind::Bool, "false", "Keep stdin open on the container(s) in the pod, even if nothing is attached."),
    FlagSpec::new("target", None, FlagKind::String, "", "When using an ephemeral container, target processes in this container name."),
    FlagSpec::new("tty", Some('t'), FlagKind::Bool, "false", "Allocate a TTY for the debugging container."),
];

pub static PROXY: Command = Command {
    name: "proxy",
    about: "Serve the Kubernetes API on a local port.\n\n In this playground the proxy keeps running in the background (as with `&`): use curl localhost:8001/... afterwards. Static files (--www) are not served.",
    examples: "  # The whole API at localhost:8001\n  kubectl proxy\n  \n  # A pod's port 8080 through the API server\n  curl localhost:8001/api/v1/namespaces/default/pods/mypod:8080/proxy/\n  \n  # On port 8011, the API under /k8s-api/\n  kubectl proxy --port=8011 --api-prefix=/k8s-api",
    usage: "kubectl proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]",
    flags: PROXY_FLAGS,
    run: run_proxy,
};

const PROXY_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("accept-hosts", None, FlagKind::String, "^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$", "Regular expression for hosts that the proxy should accept."),
    FlagSpec::new("accept-paths", None, FlagKind::String, "^.*", "Regular expression for paths that the proxy should accept."),
    FlagSpec::new("address", None, FlagKind::String, "127.0.0.1", "The IP address on which to serve on."),
    FlagSpec::new("api-prefix", None, FlagKind::String, "/", "Prefix to serve the proxied API under."),
    FlagSpec::new("append-server-path", None, FlagKind::Bool, "false", "If true, enables automatic path appending of the kube context server path to each request."),
    FlagSpec::new("disable-filter", None, FlagKind::Bool, "false", "If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port."),
    FlagSpec::new("keepalive", None, FlagKind::Duration, "0s", "keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive."),
    FlagSpec::new("port", Some('p'), FlagKind::Int, "8001", "The port on which to run the proxy. Set to 0 to pick a random port."),
    FlagSpec::new("reject-methods", None, FlagKind::String, "^$", "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). "),
    FlagSpec::new("reject-paths", None, FlagKind::String, "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach", "Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths."),
    FlagSpec::new("unix-socket", Some('u'), FlagKind::String, "", "Unix socket on which to run the proxy."),
    FlagSpec::new("www", Some('w'), FlagKind::String, "", "Also serve static files from the given directory under the specified prefix."),
    FlagSpec::new("www-prefix", Some('P'), FlagKind::String, "/static/", "Prefix to serve static files under, if static file directory is specified."),
];

pub static DIFF: Command = Command {
    name: "diff",
    about: "Show how the live objects would change if the files were applied: a unified diff of their YAML.\n\n Exit status: 0 no differences, 1 differences, more than 1 an error.",
    examples: "  # What applying pod.yaml would change\n  kubectl diff -f pod.yaml\n  \n  # From standard input\n  cat service.yaml | kubectl diff -f -",
    usage: "kubectl diff -f FILENAME [options]",
    flags: DIFF_FLAGS,
    run: run_diff,
};

const DIFF_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("concurrency", None, FlagKind::Int, "1", "Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-client-side-apply", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files contains the configuration to diff"),
    FlagSpec::new("force-conflicts", None, FlagKind::Bool, "false", "If true, server-side apply will force the changes against conflicts."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("prune", None, FlagKind::Bool, "false", "Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned"),
    FlagSpec::new("prune-allowlist", None, FlagKind::StringSlice, "[]", "Overwrite the default allowlist with <group/version/kind> for --prune"),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("server-side", None, FlagKind::Bool, "false", "If true, apply runs in the server instead of the client."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, include managed fields in the diff."),
];

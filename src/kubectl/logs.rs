//! `kubectl logs`: a container's log, through the API server's `pods/log`, which the kubelet
//! answers.
//!
//! `-f` follows the log as the cluster clock moves: in the page's terminal until Ctrl+C (or the
//! containers stop), elsewhere a second at a time until the containers stop or after
//! [`FOLLOW_LIMIT_MS`].

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{usage_error, Command, Ctx};
use crate::shell::Io;
use crate::sim::clock::{parse_rfc3339, TimeMs};
use crate::sim::labels::Selector;
use crate::sim::object::{self, str_at};
use crate::sim::resources::{self, rt};
use crate::sim::rng::fnv1a;
use crate::sim::Cluster;

/// How long `logs -f` follows, in virtual time.
pub const FOLLOW_LIMIT_MS: TimeMs = 30_000;

pub static COMMAND: Command = Command {
    name: "logs",
    about: "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.",
    examples: "  # The log of the only container of pod nginx\n  kubectl logs nginx\n  \n  # Every container of the pod, init containers first\n  kubectl logs nginx --all-containers=true\n  \n  # The pods labelled app=nginx (the last 10 lines of each)\n  kubectl logs -l app=nginx\n  \n  # The instance before the last restart of container ruby in pod web-1\n  kubectl logs -p -c ruby web-1\n  \n  # Follow the log as it grows (here: for 30 seconds of cluster time)\n  kubectl logs -f web-1\n  \n  # The last 20 lines, with their timestamps\n  kubectl logs --tail=20 --timestamps nginx\n  \n  # What the pod wrote in the last hour\n  kubectl logs --since=1h nginx\n  \n  # The first pod of a deployment\n  kubectl logs deployment/nginx",
    usage: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all-containers", None, FlagKind::Bool, "false", "Get all containers' logs in the pod(s)."),
    FlagSpec::new("all-pods", None, FlagKind::Bool, "false", "Get logs from all pod(s). Sets prefix to true."),
    FlagSpec::new("container", Some('c'), FlagKind::String, "", "Print the logs of this container"),
    FlagSpec::new("follow", Some('f'), FlagKind::Bool, "false", "Specify if the logs should be streamed."),
    FlagSpec::new("ignore-errors", None, FlagKind::Bool, "false", "If watching / following pod logs, allow for any errors that occur to be non-fatal"),
    FlagSpec::new("insecure-skip-tls-verify-backend", None, FlagKind::Bool, "false", "Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired."),
    FlagSpec::new("limit-bytes", None, FlagKind::Int, "0", "Maximum bytes of logs to return. Defaults to no limit."),
    FlagSpec::new("max-log-requests", None, FlagKind::Int, "5", "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5."),
    FlagSpec::new("pod-running-timeout", None, FlagKind::Duration, "20s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
    FlagSpec::new("prefix", None, FlagKind::Bool, "false", "Prefix each log line with the log source (pod name and container name)"),
    FlagSpec::new("previous", Some('p'), FlagKind::Bool, "false", "If true, print the logs for the previous instance of the container in a pod if it exists."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("since", None, FlagKind::Duration, "0s", "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used."),
    FlagSpec::new("since-time", None, FlagKind::String, "", "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used."),
    FlagSpec::new("tail", None, FlagKind::Int, "-1", "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided."),
    FlagSpec::new("timestamps", None, FlagKind::Bool, "false", "Include timestamps on each line in the log output"),
];

const USAGE_ERR: &str = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/// `name1, name2 (init)` as `podcmd.AllContainerNames` prints it.
pub fn all_container_names(pod: &Value) -> String {
    let names = |k: &str| -> Vec<String> {
        pod.at(&format!("/spec/{k}"))
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|c| str_at(c, "/name").to_string()).collect())
            .unwrap_or_default()
    };
    let mut out = names("containers");
    out.extend(
        names("initContainers")
            .into_iter()
            .map(|n| format!("{n} (init)")),
    );
    out.extend(
        names("ephemeralContainers")
            .into_iter()
            .map(|n| format!("{n} (ephem)")),
    );
    out.join(", ")
}

fn container_names(pod: &Value, key: &str) -> Vec<String> {
    pod.at(&format!("/spec/{key}"))
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|c| str_at(c, "/name").to_string()).collect())
        .unwrap_or_default()
}

/// The container a command uses when none is named: the `kubectl.kubernetes.io/default-container`
/// annotation, or the first, with kubectl's note when there was a choice.
pub fn default_container(pod: &Value, quiet: bool, io: &mut Io) -> Option<String> {
    let all: Vec<String> = container_names(pod, "containers");
    if let Some(d) = object::annotation(pod, "kubectl.kubernetes.io/default-container") {
        if all.iter().any(|n| n == d) {
            return Some(d.to_string());
        }
        io.err(format!(
            "Default container name \"{d}\" not found in pod {}\n",
            object::name(pod)
        ));
    }
    let first = all.first()?.clone();
    let more = all.len() > 1
        || !container_names(pod, "initContainers").is_empty()
        || !container_names(pod, "ephemeralContainers").is_empty();
    if more && !quiet {
        io.err(format!(
            "Defaulted container \"{first}\" out of: {}\n",
            all_container_names(pod)
        ));
    }
    Some(first)
}

/// Pods sorted the way `podutils.ByLogging` picks one for logs/exec: running and ready ones
/// first, then the older.
fn by_logging(mut pods: Vec<Value>) -> Vec<Value> {
    let key = |p: &Value| {
        let scheduled = !str_at(p, "/spec/nodeName").is_empty();
        let running = str_at(p, "/status/phase") == "Running";
        let ready = p
            .at("/status/conditions")
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter()
                    .any(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
            });
        (
            !scheduled,
            !running,
            !ready,
            str_at(p, "/metadata/creationTimestamp").to_string(),
            object::name(p).to_string(),
        )
    };
    pods.sort_shared_by_key(key);
    pods
}

/// The pod `arg` names (`POD` or `TYPE/NAME`, the first of a controller's pods), or None
/// once the error has been printed (`exec`, `attach`, `port-forward`).
pub fn first_pod(ctx: &Ctx, ns: &str, arg: &str, io: &mut Io) -> Option<Value> {
    match resolve_pods(ctx, ns, arg) {
        Ok((pods, _)) => pods.into_iter().next(),
        Err(msg) => {
            io.err(msg);
            None
        }
    }
}

/// What a `POD` or `TYPE/NAME` argument names: the pod itself, or the pods a controller or
/// Service selects. Err is the whole message to print.
pub fn resolve_pods(ctx: &Ctx, ns: &str, arg: &str) -> Result<(Vec<Value>, bool), String> {
    let (rt_, name) = match arg.split_once('/') {
        Some((t, n)) => {
            let Some(r) = resources::resolve(t) else {
                return Err(format!(
                    "error: the server doesn't have a resource type \"{t}\"\n"
                ));
            };
            if n.is_empty() {
                return Err(
                    "error: arguments in resource/name form must have a single resource and name\n"
                        .into(),
                );
            }
            (r, n.to_string())
        }
        None => (rt("pods"), arg.to_string()),
    };
    let obj = ctx
        .cluster
        .api
        .get(rt_, ns, &name)
        .map_err(|s| super::format_status(&s))?;
    if rt_.kind == "Pod" {
        return Ok((vec![obj], false));
    }
    let selector = match rt_.kind {
        "Service" => obj.at("/spec/selector").cloned(),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" => {
            obj.at("/spec/selector").cloned()
        }
        "ReplicationController" => obj.at("/spec/selector").cloned(),
        _ => None,
    };
    let Some(selector) = selector else {
        return Err(format!(
            "error: cannot get the logs from {}: selector for *{} not implemented\n",
            rt_.group_resource(),
            rt_.kind
        ));
    };
    let matches = |p: &Value| {
        let labels = object::labels(p);
        if selector.get("matchLabels").is_some() || selector.get("matchExpressions").is_some() {
            object::selector_matches(&selector, &labels)
        } else {
            selector
                .as_object()
                .is_some_and(|m| object::map_selector_matches(m, &labels))
        }
    };
    let pods: Vec<Value> = ctx
        .cluster
        .api
        .list(rt("pods"), Some(ns))
        .into_iter()
        .filter(|p| matches(p))
        .collect();
    if pods.is_empty() {
        return Err("error: timed out waiting for the condition\n".into());
    }
    Ok((by_logging(pods), true))
}

/// Lets virtual time pass from inside a kubectl command: the node's files go back to the
/// cluster meanwhile (its kubelet reads the static pod manifests there).
pub fn advance(ctx: &mut Ctx, ms: TimeMs) {
    let missing = ctx
        .cluster
        .kubelets
        .iter()
        .map(|k| k.node_name().to_string())
        .find(|n| !ctx.cluster.node_fs.contains_key(n));
    match missing {
        Some(node) => {
            let fs = std::mem::take(ctx.fs);
            ctx.cluster.node_fs.insert(node.clone(), fs);
            ctx.cluster.advance(ms);
            *ctx.fs = ctx.cluster.node_fs.remove(&node).unwrap_or_default();
        }
        None => ctx.cluster.advance(ms),
    }
}

/// `2026-11-22T10:00:00.123456789Z`: the CRI log timestamp (nanoseconds).
fn nano_stamp(ts: TimeMs, text: &str) -> String {
    let base = crate::sim::clock::rfc3339(ts);
    let ns = (ts.rem_euclid(1000)) * 1_000_000 + (fnv1a(text.as_bytes()) % 1_000_000) as i64;
    format!("{}.{:09}Z", base.trim_end_matches('Z'), ns)
}

#[derive(Clone, Debug, Default)]
struct Opts {
    previous: bool,
    timestamps: bool,
    tail: Option<usize>,
    since_ms: Option<TimeMs>,
    limit_bytes: Option<usize>,
    prefix: bool,
}

/// One container's lines, formatted, from index `from`; returns how many lines the log had.
fn render(
    lines: &[crate::sim::container::LogLine],
    opts: &Opts,
    pod: &str,
    container: &str,
    from: usize,
    out: &mut String,
) {
    let mut selected: Vec<&crate::sim::container::LogLine> = lines
        .iter()
        .skip(from)
        .filter(|l| opts.since_ms.is_none_or(|s| l.ts >= s))
        .collect();
    if let Some(n) = opts.tail {
        let skip = selected.len().saturating_sub(n);
        selected.drain(..skip);
    }
    for l in selected {
        if opts.prefix {
            out.push_str(&format!("[pod/{pod}/{container}] "));
        }
        if opts.timestamps {
            out.push_str(&nano_stamp(l.ts, &l.text));
            out.push(' ');
        }
        out.push_str(&l.text);
        out.push('\n');
    }
}

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    let selector = p.get_string("selector");
    let mut container = p.get_string("container");
    let (resource, inline_container) = match (args.len(), selector.is_empty()) {
        (0, true) => return usage_error(io, "kubectl logs", USAGE_ERR),
        (0, false) => (None, None),
        (1, true) => (Some(args[0].clone()), None),
        (1, false) => {
            return usage_error(
                io,
                "kubectl logs",
                "only a selector (-l) or a POD name is allowed",
            )
        }
        (2, _) => (Some(args[0].clone()), Some(args[1].clone())),
        _ => return usage_error(io, "kubectl logs", USAGE_ERR),
    };
    if let Some(c) = &inline_container {
        if p.changed("container") {
            io.err("error: only one of -c or an inline [CONTAINER] arg is allowed\n");
            return 1;
        }
        container = c.clone();
    }
    let all_containers = p.get_bool("all-containers");
    let since_time = p.get_string("since-time");
    let since_ns = p.get_duration("since");
    if !since_time.is_empty() && since_ns != 0 {
        io.err("error: at most one of `sinceTime` or `sinceSeconds` may be specified\n");
        return 1;
    }
    if all_containers && !container.is_empty() {
        io.err(format!(
            "error: --all-containers=true should not be specified with container name {container}\n"
        ));
        return 1;
    }
    let limit = p.get_int("limit-bytes");
    if limit < 0 {
        io.err("error: --limit-bytes must be greater than 0\n");
        return 1;
    }
    if since_ns < 0 {
        io.err("error: --since must be greater than 0\n");
        return 1;
    }
    let tail = p.get_int("tail");
    if tail < -1 {
        io.err("error: --tail must be greater than or equal to -1\n");
        return 1;
    }
    let now = ctx.cluster.now();
    let since_ms = if !since_time.is_empty() {
        match parse_rfc3339(&since_time) {
            Some(t) => Some(t),
            None => {
                io.err(format!("error: parsing time \"{since_time}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{since_time}\" as \"2006\"\n"));
                return 1;
            }
        }
    } else if since_ns > 0 {
        // Rounded to whole seconds, as kubectl sends it.
        let secs = (since_ns + 500_000_000) / 1_000_000_000;
        Some(now - secs * 1000)
    } else {
        None
    };
    let all_pods = p.get_bool("all-pods");
    let opts = Opts {
        previous: p.get_bool("previous"),
        timestamps: p.get_bool("timestamps"),
        tail: if tail >= 0 {
            Some(tail as usize)
        } else if !selector.is_empty() && !p.changed("tail") {
            Some(10)
        } else {
            None
        },
        since_ms,
        limit_bytes: if limit > 0 {
            Some(limit as usize)
        } else {
            None
        },
        prefix: p.get_bool("prefix") || all_pods,
    };
    let ns = ctx.namespace(p);
    // The pods.
    let pods: Vec<Value> = match &resource {
        None => {
            let sel = match Selector::parse(&selector) {
                Ok(s) => s,
                Err(e) => {
                    io.err(format!("error: {e}\n"));
                    return 1;
                }
            };
            let pods: Vec<Value> = ctx
                .cluster
                .api
                .list(rt("pods"), Some(&ns))
                .into_iter()
                .filter(|p| sel.matches(&object::labels(p)))
                .collect();
            if pods.is_empty() {
                io.err(format!("No resources found in {ns} namespace.\n"));
                return 0;
            }
            pods
        }
        Some(r) => match resolve_pods(ctx, &ns, r) {
            Ok((pods, from_controller)) => {
                if from_controller && pods.len() > 1 && !all_pods {
                    io.err(format!(
                        "Found {} pods, using pod/{}\n",
                        pods.len(),
                        object::name(&pods[0])
                    ));
                }
                if from_controller && !all_pods {
                    pods.into_iter().take(1).collect()
                } else {
                    pods
                }
            }
            Err(msg) => {
                io.err(msg);
                return 1;
            }
        },
    };
    // The containers of each pod.
    let mut streams: Vec<(Value, String)> = vec![];
    for pod in &pods {
        if all_containers {
            for c in container_names(pod, "initContainers")
                .into_iter()
                .chain(container_names(pod, "containers"))
            {
                streams.push((pod.clone(), c));
            }
            continue;
        }
        let name = if container.is_empty() {
            match default_container(pod, resource.is_none() || all_pods, io) {
                Some(c) => c,
                None => continue,
            }
        } else {
            container.clone()
        };
        let valid = ["containers", "initContainers", "ephemeralContainers"]
            .iter()
            .any(|k| container_names(pod, k).contains(&name));
        if !valid {
            io.err(format!(
                "error: container {name} is not valid for pod {} out of: {}\n",
                object::name(pod),
                all_container_names(pod)
            ));
            return 1;
        }
        streams.push((pod.clone(), name));
    }
    let follow = p.get_bool("follow");
    let max_follow = p.get_int("max-log-requests");
    if follow && streams.len() > 1 && streams.len() as i64 > max_follow {
        io.err(format!("error: you are attempting to follow {} log streams, but maximum allowed concurrency is {max_follow}, use --max-log-requests to increase the limit\n", streams.len()));
        return 1;
    }
    let ignore_errors = p.get_bool("ignore-errors");
    let mut seen: Vec<usize> = vec![0; streams.len()];
    let mut written = 0usize;
    for (k, (pod, c)) in streams.iter().enumerate() {
        let pod_now = ctx
            .cluster
            .api
            .get(rt("pods"), &ns_of(pod, &ns), object::name(pod))
            .unwrap_or_else(|_| pod.clone());
        match ctx.cluster.container_logs(&pod_now, c, opts.previous) {
            Ok(lines) => {
                let mut out = String::new();
                render(&lines, &opts, object::name(pod), c, 0, &mut out);
                seen[k] = lines.len();
                if !emit(io, &out, &opts, &mut written) {
                    return 0;
                }
            }
            Err(msg) => {
                if follow && streams.len() > 1 && ignore_errors {
                    io.out(format!("error: {msg}\n"));
                    continue;
                }
                io.err(format!("Error from server (BadRequest): {msg}\n"));
                return 1;
            }
        }
    }
    if !follow || opts.previous {
        return 0;
    }
    let live = LiveLogs {
        streams,
        seen,
        opts: Opts {
            tail: None,
            since_ms: None,
            ..opts
        },
        written,
        ns,
    };
    follow_streams(ctx, live, io)
}

/// Follows the streams: in the page's terminal as the clock moves, until Ctrl+C or every
/// container has stopped; elsewhere time passes a second at a time and what comes is
/// printed, until every stream's container has stopped or the limit is reached.
fn follow_streams(ctx: &mut Ctx, mut live: LiveLogs, io: &mut Io) -> i32 {
    if ctx.live {
        ctx.foreground = Some(super::Foreground::Logs(Box::new(live)));
        return 0;
    }
    let mut elapsed = 0;
    while elapsed < FOLLOW_LIMIT_MS {
        advance(ctx, 1000);
        elapsed += 1000;
        let (out, running) = live.poll(ctx.cluster);
        io.out(out);
        if !running {
            break;
        }
    }
    0
}

/// What a container writes from now on, followed as `logs -f` follows (`kubectl attach`
/// to a process that is not a shell).
pub fn follow_new(ctx: &mut Ctx, pod: &Value, container: &str, io: &mut Io) -> i32 {
    let seen = ctx
        .cluster
        .container_logs(pod, container, false)
        .map(|l| l.len())
        .unwrap_or(0);
    let live = LiveLogs {
        streams: vec![(pod.clone(), container.to_string())],
        seen: vec![seen],
        opts: Opts::default(),
        written: 0,
        ns: object::namespace(pod).to_string(),
    };
    follow_streams(ctx, live, io)
}

/// A `kubectl logs -f` under way: the containers followed and how much of each was printed.
#[derive(Clone, Debug)]
pub struct LiveLogs {
    streams: Vec<(Value, String)>,
    seen: Vec<usize>,
    opts: Opts,
    written: usize,
    ns: String,
}

impl LiveLogs {
    /// What the followed containers wrote since the last look, and whether any still runs
    /// (kubectl stops following when they have all stopped, or at `--limit-bytes`).
    pub fn poll(&mut self, cluster: &mut Cluster) -> (String, bool) {
        let mut io = Io::new(String::new());
        let mut any_running = false;
        for (k, (pod, c)) in self.streams.iter().enumerate() {
            let Ok(pod_now) = cluster
                .api
                .get(rt("pods"), &ns_of(pod, &self.ns), object::name(pod))
            else {
                continue;
            };
            if object::uid(&pod_now) != object::uid(pod) {
                continue;
            }
            let running = pod_now
                .at("/status/containerStatuses")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .chain(
                    pod_now
                        .at("/status/initContainerStatuses")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                )
                .any(|s| str_at(s, "/name") == c && s.at("/state/running").is_some());
            if let Ok(lines) = cluster.container_logs(&pod_now, c, false) {
                let mut out = String::new();
                let from = self.seen[k].min(lines.len());
                render(&lines, &self.opts, object::name(pod), c, from, &mut out);
                self.seen[k] = lines.len();
                if !emit(&mut io, &out, &self.opts, &mut self.written) {
                    return (io.stdout_text(), false);
                }
            }
            any_running |= running;
        }
        (io.stdout_text(), any_running)
    }
}

fn ns_of(pod: &Value, default: &str) -> String {
    match object::namespace(pod) {
        "" => default.to_string(),
        n => n.to_string(),
    }
}

/// Writes output within `--limit-bytes`; false once the limit is reached.
fn emit(io: &mut Io, text: &str, opts: &Opts, written: &mut usize) -> bool {
    match opts.limit_bytes {
        None => {
            io.out(text);
            true
        }
        Some(limit) => {
            let left = limit.saturating_sub(*written);
            let mut cut = left.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            io.out(&text[..cut]);
            *written += cut;
            *written < limit
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn container_names_list_init_containers_last() {
        let pod = json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}], "initContainers": [{"name": "i"}]}});
        assert_eq!(all_container_names(&pod), "a, b, i (init)");
        let mut io = Io::new(String::new());
        assert_eq!(
            default_container(&pod, false, &mut io).as_deref(),
            Some("a")
        );
        assert_eq!(
            io.stderr_text(),
            "Defaulted container \"a\" out of: a, b, i (init)\n"
        );
    }

    #[test]
    fn timestamps_have_nanoseconds() {
        let s = nano_stamp(1_794_474_862_123, "x");
        assert!(s.starts_with("2026-11-12T09:14:22.123"), "{s}");
        assert_eq!(s.len(), "2026-11-12T09:14:22.123456789Z".len());
    }

    #[test]
    fn flags_are_kubectls() {
        assert!(super::super::flags::parse(&["--tail=5".to_string()], FLAGS).is_ok());
    }
}

//! `kubectl drain NODE`: cordons the node, then evicts its pods, as kubectl's
//! `pkg/cmd/drain/drain.go` and `pkg/drain/filters.go` do: mirror pods are skipped, DaemonSet
//! pods need `--ignore-daemonsets`, pods without a controller need `--force`, pods with emptyDir
//! volumes need `--delete-emptydir-data`. Evictions are deletes with the pod's grace period (the
//! API server has no eviction subresource yet, so PodDisruptionBudgets are not consulted); the
//! cluster clock then runs until the pods are gone or `--timeout` passes.

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, Command, Ctx};
use crate::shell::Io;
use crate::sim::apiserver::DeleteOptions;
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "drain",
    about: "Drain node in preparation for maintenance.",
    examples: "  # Drain node \"foo\", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it\n  kubectl drain foo --force",
    usage: "kubectl drain NODE [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("chunk-size", None, FlagKind::Int, "500", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
    FlagSpec::new("delete-emptydir-data", None, FlagKind::Bool, "false", "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)."),
    FlagSpec::new("disable-eviction", None, FlagKind::Bool, "false", "Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution."),
    FlagSpec::new("dry-run", None, FlagKind::String, "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("force", None, FlagKind::Bool, "false", "Continue even if there are pods that do not declare a controller."),
    FlagSpec::new("grace-period", None, FlagKind::Int, "-1", "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used."),
    FlagSpec::new("ignore-daemonsets", None, FlagKind::Bool, "false", "Ignore DaemonSet-managed pods."),
    FlagSpec::new("pod-selector", None, FlagKind::String, "", "Label selector to filter pods on the node"),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("skip-wait-for-delete-timeout", None, FlagKind::Int, "0", "If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up, zero means infinite"),
];

/// Without `--timeout`, the clock runs at most this long waiting for pods to go.
const MAX_WAIT_MS: i64 = 600_000;

fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.at(ptr).and_then(|v| v.as_str()).unwrap_or("")
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals();
    if args.len() != 1 {
        io.err("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
        return 1;
    }
    let node = args[0].clone();
    // Cordon first, printing its line.
    let code = super::cordon::set_schedulable(ctx, p, io, "drain", false);
    if code != 0 {
        return code;
    }
    let ignore_ds = p.get_bool("ignore-daemonsets");
    let force = p.get_bool("force");
    let empty_dir = p.get_bool("delete-emptydir-data");
    let pods: Vec<Value> = ctx
        .cluster
        .api
        .list(rt("pods"), None)
        .into_iter()
        .filter(|p| s(p, "/spec/nodeName") == node)
        .collect();
    let mut errors: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    let mut warnings: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    let mut evict = Vec::new();
    for pod in &pods {
        let id = format!(
            "{}/{}",
            s(pod, "/metadata/namespace"),
            s(pod, "/metadata/name")
        );
        if pod.at("/metadata/deletionTimestamp").is_some() {
            continue;
        }
        let owner = pod
            .at("/metadata/ownerReferences")
            .and_then(|o| o.as_array())
            .and_then(|o| {
                o.iter()
                    .find(|r| r.get("controller").and_then(|c| c.as_bool()) == Some(true))
            });
        let finished = matches!(s(pod, "/status/phase"), "Succeeded" | "Failed");
        if owner.is_some_and(|o| s(o, "/kind") == "DaemonSet") {
            if ignore_ds {
                warnings
                    .entry("ignoring DaemonSet-managed Pods")
                    .or_default()
                    .push(id);
            } else {
                errors
                    .entry(
                        "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
                    )
                    .or_default()
                    .push(id);
            }
            continue;
        }
        if pod
            .at("/metadata/annotations/kubernetes.io~1config.mirror")
            .is_some()
        {
            continue;
        }
        let has_empty_dir = pod
            .at("/spec/volumes")
            .and_then(|v| v.as_array())
            .is_some_and(|v| v.iter().any(|vol| vol.get("emptyDir").is_some()));
        if has_empty_dir && !finished {
            if empty_dir {
                warnings
                    .entry("deleting Pods with local storage")
                    .or_default()
                    .push(id.clone());
            } else {
                errors
                    .entry("cannot delete Pods with local storage (use --delete-emptydir-data to override)")
                    .or_default()
                    .push(id);
                continue;
            }
        }
        if owner.is_none() && !finished {
            if force {
                warnings
                    .entry("deleting Pods that declare no controller")
                    .or_default()
                    .push(id.clone());
            } else {
                errors
                    .entry(
                        "cannot delete Pods that declare no controller (use --force to override)",
                    )
                    .or_default()
                    .push(id);
                continue;
            }
        }
        evict.push(pod.clone());
    }
    if !errors.is_empty() {
        let msgs: Vec<String> = errors
            .iter()
            .map(|(m, pods)| format!("{m}: {}", pods.join(", ")))
            .collect();
        let joined = if msgs.len() == 1 {
            msgs[0].clone()
        } else {
            format!("[{}]", msgs.join(", "))
        };
        let mut out = format!(
            "error: unable to drain node \"{node}\" due to error: {joined}, continuing command...\nThere are pending nodes to be drained:\n {node}\n"
        );
        for m in &msgs {
            out.push_str(m);
            out.push('\n');
        }
        io.err(out);
        return 1;
    }
    if !warnings.is_empty() {
        let msgs: Vec<String> = warnings
            .iter()
            .map(|(m, pods)| format!("{m}: {}", pods.join(", ")))
            .collect();
        io.err(format!("Warning: {}\n", msgs.join("; ")));
    }
    let dry = p.get_string("dry-run");
    if dry == "client" || dry == "server" {
        for pod in &evict {
            io.out(format!(
                "evicting pod {}/{} (dry run)\n",
                s(pod, "/metadata/namespace"),
                s(pod, "/metadata/name")
            ));
        }
        io.out(format!("node/{node} drained (dry run)\n"));
        return 0;
    }
    let grace = p.get_int("grace-period");
    for pod in &evict {
        let (ns, name) = (s(pod, "/metadata/namespace"), s(pod, "/metadata/name"));
        io.out(format!("evicting pod {ns}/{name}\n"));
        let opts = DeleteOptions {
            grace_period_seconds: if grace >= 0 { Some(grace) } else { None },
            ..Default::default()
        };
        if let Err(st) = ctx.cluster.api.delete(rt("pods"), ns, name, opts) {
            if st.reason != "NotFound" {
                print_status(io, &st);
                return 1;
            }
        }
    }
    // Wait for the pods to go, a second at a time.
    let timeout_ms = match p.get_duration("timeout") / 1_000_000 {
        0 => MAX_WAIT_MS,
        t => t.min(MAX_WAIT_MS),
    };
    let uid = |v: &Value| s(v, "/metadata/uid").to_string();
    let mut pending: Vec<&Value> = evict.iter().collect();
    let mut waited = 0;
    loop {
        pending.retain(|pod| {
            let live = ctx.cluster.api.get(
                rt("pods"),
                s(pod, "/metadata/namespace"),
                s(pod, "/metadata/name"),
            );
            match live {
                Ok(l) if uid(&l) == uid(pod) => true,
                _ => {
                    io.out(format!("pod/{} evicted\n", s(pod, "/metadata/name")));
                    false
                }
            }
        });
        if pending.is_empty() || waited >= timeout_ms {
            break;
        }
        ctx.cluster.advance(1000);
        waited += 1000;
    }
    if !pending.is_empty() {
        io.err(format!(
            "error: unable to drain node \"{node}\" due to error: [error when waiting for pod \"{}\" in namespace \"{}\" to terminate: global timeout reached: {}s], continuing command...\nThere are pending nodes to be drained:\n {node}\n",
            s(pending[0], "/metadata/name"),
            s(pending[0], "/metadata/namespace"),
            timeout_ms / 1000
        ));
        return 1;
    }
    io.out(format!("node/{node} drained\n"));
    0
}

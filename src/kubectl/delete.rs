//! `kubectl delete`: by name, TYPE/NAME, file, label selector or `--all`. Prints a line as the
//! API accepts each deletion, then (`--wait`, the default) lets the cluster run until the
//! objects are gone. Cascades are the garbage collector's and the namespace controller's work.

use super::builder::{self, report, Accept, DryRun, KErr};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::apiserver::{DeleteOptions, Propagation};
use crate::sim::object;

pub static COMMAND: Command = Command {
    name: "delete",
    about: "Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names,\n resources and names, or resources and label selector.\n\n Pods are deleted gracefully: they get their grace period (30 seconds unless the pod says\n otherwise) to stop. --grace-period changes it, --now means one second, and --force with\n --grace-period=0 removes the object at once without waiting for the kubelet.\n\n Deleting an owner deletes its dependents too (--cascade=background, the default);\n --cascade=foreground waits for them first, --cascade=orphan leaves them.",
    examples: "  # Delete a pod\n  kubectl delete pod nginx\n  \n  # Delete what a file describes\n  kubectl delete -f pod.yaml\n  \n  # Delete pods and services with the label app=web\n  kubectl delete pods,services -l app=web\n  \n  # Delete a pod at once, without waiting for it to stop\n  kubectl delete pod nginx --force --grace-period=0\n  \n  # Delete every pod in the namespace\n  kubectl delete pods --all",
    usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
    flags: FLAGS,
    run,
};

/// How long `--wait` waits when `--timeout` is 0: a week, as kubectl.
const WAIT_FOREVER_MS: i64 = 168 * 3600 * 1000;

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let propagation = match p.get_string("cascade").as_str() {
        "background" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" => Propagation::Orphan,
        "true" => {
            io.err("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n");
            Propagation::Background
        }
        "false" => {
            io.err("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n");
            Propagation::Orphan
        }
        other => {
            io.err(format!("error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"\n"));
            return 1;
        }
    };
    let enforce_ns = p.changed("namespace");
    let all = p.get_bool("all");
    let selector = p.get_string("selector");
    let field_selector = p.get_string("field-selector");
    let mut ignore_not_found = p.get_bool("ignore-not-found");
    if (all || !selector.is_empty() || !field_selector.is_empty()) && !p.changed("ignore-not-found")
    {
        ignore_not_found = true;
    }
    let mut grace = p.get_int("grace-period");
    let force = p.get_bool("force");
    if p.get_bool("now") {
        if grace != -1 {
            io.err("error: --now and --grace-period cannot be specified together\n");
            return 1;
        }
        grace = 1;
    }
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    if !p.get_string("raw").is_empty() || p.get_bool("interactive") {
        io.err("error: --raw and --interactive are not available in this playground yet\n");
        return 1;
    }
    if !field_selector.is_empty() {
        io.err("error: --field-selector is not available for delete in this playground yet\n");
        return 1;
    }
    let stdin = io.take_stdin();
    let args = p.args();
    let all_ns = p.get_bool("all-namespaces");
    let (targets, mut errs) = match builder::targets(
        ctx,
        p,
        &stdin,
        &args,
        Accept {
            selectors: true,
            ..Default::default()
        },
    ) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    if all_ns
        && p.get_strings("filename").is_empty()
        && !all
        && selector.is_empty()
        && !targets.is_empty()
    {
        return report(
            io,
            &[KErr::Msg(
                "a resource cannot be retrieved by name across all namespaces".into(),
            )],
        );
    }
    // Validate.
    let output = p.get_string("output");
    if !output.is_empty() && output != "name" {
        io.err(format!(
            "error: unexpected -o output mode: {output}. We only support '-o name'\n"
        ));
        return 1;
    }
    if all && !selector.is_empty() {
        io.err("error: cannot set --all and --selector at the same time\n");
        return 1;
    }
    if grace == 0 && force {
        io.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    } else if grace > 0 && force {
        io.err("error: --force and --grace-period greater than 0 cannot be specified together\n");
        return 1;
    }
    let mut warn_cluster_scope = enforce_ns && !all_ns;
    let mut found = 0;
    let mut deleted: Vec<(builder::Target, String)> = vec![];
    for t in targets {
        found += 1;
        if warn_cluster_scope && !t.rt.namespaced {
            io.err("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n");
            warn_cluster_scope = false;
        }
        let opts = DeleteOptions {
            grace_period_seconds: if grace >= 0 { Some(grace) } else { None },
            propagation,
            dry_run: dry == DryRun::Server,
        };
        if dry != DryRun::Client {
            match ctx.cluster.api.delete(t.rt, &t.namespace, &t.name, opts) {
                Ok(o) => {
                    let uid = object::uid(&o).to_string();
                    print_deleted(io, &t, grace, dry, &output);
                    deleted.push((t, uid));
                }
                // Counted as found: kubectl counts before it deletes.
                Err(s) if ignore_not_found && s.reason == "NotFound" => {}
                Err(s) => errs.push(KErr::Status(s).with_source("deleting", &t.source)),
            }
        } else {
            print_deleted(io, &t, grace, dry, &output);
        }
    }
    if !errs.is_empty() {
        return report(io, &errs);
    }
    if found == 0 {
        io.out("No resources found\n");
        return 0;
    }
    if !p.get_bool("wait") || dry != DryRun::None {
        return 0;
    }
    let timeout_ms = match p.get_duration("timeout") / 1_000_000 {
        0 => WAIT_FOREVER_MS,
        t => t,
    };
    wait_gone(ctx, io, &deleted, timeout_ms)
}

fn print_deleted(io: &mut Io, t: &builder::Target, grace: i64, dry: DryRun, output: &str) {
    let kind = t.rt.kind_prefix();
    if output == "name" {
        io.out(format!("{kind}/{}\n", t.name));
        return;
    }
    let op = if grace == 0 {
        "force deleted"
    } else {
        "deleted"
    };
    io.out(format!("{kind} \"{}\" {op}{}\n", t.name, dry.suffix()));
}

/// Lets the cluster run until every deleted object (by UID) is gone, as `kubectl wait
/// --for=delete` does.
pub fn wait_gone(
    ctx: &mut Ctx,
    io: &mut Io,
    objs: &[(builder::Target, String)],
    timeout_ms: i64,
) -> i32 {
    let start = ctx.cluster.now();
    let gone = |ctx: &Ctx, t: &builder::Target, uid: &str| match ctx.cluster.api.get(
        t.rt,
        &t.namespace,
        &t.name,
    ) {
        Ok(o) => object::uid(&o) != uid,
        Err(_) => true,
    };
    let mut step_ms = 1000;
    // Bounded by the timeout and a step that grows.
    for _ in 0..100_000 {
        let pending: Vec<&(builder::Target, String)> =
            objs.iter().filter(|(t, uid)| !gone(ctx, t, uid)).collect();
        let Some((t, _)) = pending.first() else {
            return 0;
        };
        let waited = ctx.cluster.now() - start;
        if waited >= timeout_ms {
            io.err(format!(
                "error: timed out waiting for the condition on {}/{}\n",
                t.rt.plural, t.name
            ));
            return 1;
        }
        if waited > 120_000 {
            step_ms = 10_000;
        }
        if waited > 1_800_000 {
            step_ms = 60_000;
        }
        let to = ctx.cluster.now() + step_ms.min(timeout_ms - waited);
        builder::advance_cluster(ctx, to);
    }
    0
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Delete all resources, in the namespace of the specified resource types."),
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    FlagSpec::new("cascade", None, FlagKind::StringOptional("background"), "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-selector", None, FlagKind::String, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "containing the resource to delete."),
    FlagSpec::new("force", None, FlagKind::Bool, "false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
    FlagSpec::new("grace-period", None, FlagKind::Int, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
    FlagSpec::new("ignore-not-found", None, FlagKind::Bool, "false", "Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified."),
    FlagSpec::new("interactive", Some('i'), FlagKind::Bool, "false", "If true, delete resource only when user confirms."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process a kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("now", None, FlagKind::Bool, "false", "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output mode. Use \"-o name\" for shorter output (resource/name)."),
    FlagSpec::new("raw", None, FlagKind::String, "", "Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
    FlagSpec::new("wait", None, FlagKind::Bool, "true", "If true, wait for resources to be gone before returning. This waits for finalizers."),
];

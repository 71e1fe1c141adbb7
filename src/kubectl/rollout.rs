//! `kubectl rollout status|history|undo|restart|pause|resume` for deployments (and daemon sets
//! where kubectl supports them). `status` lets the cluster clock run while it waits, printing a
//! line each time the deployment changes, as the real watch does.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::{json, Value};

use super::builder::{self, report, Accept, DryRun, KErr};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::groups::{Child, Group};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::clock::rfc3339;
use crate::sim::controllers::deployment::{REVISION, TEMPLATE_HASH};
use crate::sim::object::{self, controller_of, i64_at, str_at};
use crate::sim::patch::PatchType;
use crate::sim::resources::{rt, ResourceType};

pub static GROUP: Group = Group {
    path: "rollout",
    about: "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets",
    usage: "kubectl rollout SUBCOMMAND [options]",
    aliases: &[],
    runs: false,
    children: &[
        Child { names: &["history"], short: "View rollout history", command: &HISTORY },
        Child { names: &["pause"], short: "Mark the provided resource as paused", command: &PAUSE },
        Child { names: &["restart"], short: "Restart a resource", command: &RESTART },
        Child { names: &["resume"], short: "Resume a paused resource", command: &RESUME },
        Child { names: &["status"], short: "Show the status of the rollout", command: &STATUS },
        Child { names: &["undo"], short: "Undo a previous rollout", command: &UNDO },
    ],
};

pub static COMMAND: Command = Command {
    name: "rollout",
    about: "Manage the rollout of one or many resources.",
    examples: "",
    usage: "kubectl rollout SUBCOMMAND [options]",
    flags: &[],
    run: |_, _, _| 1,
};

pub static STATUS: Command = Command {
    name: "status",
    about: "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
    examples: "  # Wait until the web deployment has rolled out\n  kubectl rollout status deployment/web\n  \n  # Only look once\n  kubectl rollout status deployment/web --watch=false",
    usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
    flags: STATUS_FLAGS,
    run: run_status,
};

pub static HISTORY: Command = Command {
    name: "history",
    about: "View previous rollout revisions and configurations.",
    examples: "  # The revisions of the web deployment\n  kubectl rollout history deployment/web\n  \n  # The pod template of revision 2\n  kubectl rollout history deployment/web --revision=2",
    usage: "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
    flags: HISTORY_FLAGS,
    run: run_history,
};

pub static UNDO: Command = Command {
    name: "undo",
    about: "Roll back to a previous rollout.",
    examples: "  # Back to the previous revision\n  kubectl rollout undo deployment/web\n  \n  # Back to revision 1\n  kubectl rollout undo deployment/web --to-revision=1",
    usage: "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
    flags: UNDO_FLAGS,
    run: run_undo,
};

pub static RESTART: Command = Command {
    name: "restart",
    about: "Restart a resource.\n\n        Resource rollout will be restarted.",
    examples:
        "  # Replace every pod of the web deployment\n  kubectl rollout restart deployment/web",
    usage: "kubectl rollout restart RESOURCE [options]",
    flags: RESTART_FLAGS,
    run: run_restart,
};

pub static PAUSE: Command = Command {
    name: "pause",
    about: "Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.",
    examples: "  # Stop the web deployment from rolling out template changes\n  kubectl rollout pause deployment/web",
    usage: "kubectl rollout pause RESOURCE [options]",
    flags: PAUSE_FLAGS,
    run: |c, p, io| run_pause(c, p, io, true),
};

pub static RESUME: Command = Command {
    name: "resume",
    about: "Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.",
    examples: "  # Let the web deployment roll out again\n  kubectl rollout resume deployment/web",
    usage: "kubectl rollout resume RESOURCE [options]",
    flags: RESUME_FLAGS,
    run: |c, p, io| run_pause(c, p, io, false),
};

/// The targets of a rollout subcommand; none at all is kubectl's "required resource not
/// specified".
fn rollout_targets(
    ctx: &Ctx,
    p: &Parsed,
    io: &mut Io,
) -> Result<(Vec<builder::Target>, Vec<KErr>), i32> {
    let args = p.args();
    if args.is_empty()
        && p.get_strings("filename").is_empty()
        && p.get_string("selector").is_empty()
    {
        io.err("error: required resource not specified\n");
        return Err(1);
    }
    let stdin = io.take_stdin();
    builder::targets(
        ctx,
        p,
        &stdin,
        &args,
        Accept {
            selectors: true,
            ..Default::default()
        },
    )
    .map_err(|e| report(io, &e))
}

/// The deployment status viewer: the message, and whether the rollout is done.
fn deployment_status(d: &Value, revision: i64) -> Result<(String, bool), String> {
    let name = object::name(d);
    if revision > 0 {
        let rev = object::annotation(d, REVISION)
            .and_then(|r| r.parse::<i64>().ok())
            .unwrap_or(0);
        if rev != revision {
            return Err(format!(
                "desired revision ({revision}) is different from the running revision ({rev})"
            ));
        }
    }
    let generation = i64_at(d, "/metadata/generation").unwrap_or(0);
    let observed = i64_at(d, "/status/observedGeneration").unwrap_or(0);
    if generation > observed {
        return Ok((
            "Waiting for deployment spec update to be observed...\n".into(),
            false,
        ));
    }
    let timed_out = d
        .at("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                str_at(c, "/type") == "Progressing"
                    && str_at(c, "/reason") == "ProgressDeadlineExceeded"
            })
        });
    if timed_out {
        return Err(format!(
            "deployment {name:?} exceeded its progress deadline"
        ));
    }
    let st = |f: &str| i64_at(d, &format!("/status/{f}")).unwrap_or(0);
    let (updated, replicas, available) = (
        st("updatedReplicas"),
        st("replicas"),
        st("availableReplicas"),
    );
    if let Some(want) = i64_at(d, "/spec/replicas") {
        if updated < want {
            return Ok((format!("Waiting for deployment {name:?} rollout to finish: {updated} out of {want} new replicas have been updated...\n"), false));
        }
    }
    if replicas > updated {
        return Ok((format!("Waiting for deployment {name:?} rollout to finish: {} old replicas are pending termination...\n", replicas - updated), false));
    }
    if available < updated {
        return Ok((format!("Waiting for deployment {name:?} rollout to finish: {available} of {updated} updated replicas are available...\n"), false));
    }
    Ok((
        format!("deployment {name:?} successfully rolled out\n"),
        true,
    ))
}

fn daemonset_status(ds: &Value) -> Result<(String, bool), String> {
    let name = object::name(ds);
    if str_at(ds, "/spec/updateStrategy/type") != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let generation = i64_at(ds, "/metadata/generation").unwrap_or(0);
    let observed = i64_at(ds, "/status/observedGeneration").unwrap_or(0);
    if generation > observed {
        return Ok((
            "Waiting for daemon set spec update to be observed...\n".into(),
            false,
        ));
    }
    let st = |f: &str| i64_at(ds, &format!("/status/{f}")).unwrap_or(0);
    let (updated, desired, available) = (
        st("updatedNumberScheduled"),
        st("desiredNumberScheduled"),
        st("numberAvailable"),
    );
    if updated < desired {
        return Ok((format!("Waiting for daemon set {name:?} rollout to finish: {updated} out of {desired} new pods have been updated...\n"), false));
    }
    if available < desired {
        return Ok((format!("Waiting for daemon set {name:?} rollout to finish: {available} of {desired} updated pods are available...\n"), false));
    }
    Ok((
        format!("daemon set {name:?} successfully rolled out\n"),
        true,
    ))
}

fn status_of(rt: &ResourceType, obj: &Value, revision: i64) -> Result<(String, bool), String> {
    match rt.kind {
        "Deployment" => deployment_status(obj, revision),
        "DaemonSet" => daemonset_status(obj),
        other => Err(format!("no status viewer has been implemented for {other}")),
    }
}

/// How long `rollout status` waits with `--timeout=0`: long enough for any progress deadline.
const STATUS_WAIT_MS: i64 = 3600 * 1000;

fn run_status(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (targets, errs) = match rollout_targets(ctx, p, io) {
        Ok(x) => x,
        Err(s) => return s,
    };
    if !errs.is_empty() {
        return report(io, &errs);
    }
    if targets.len() != 1 {
        io.err("error: rollout status is only supported on individual resources and resource collections, but a list of resources is found\n");
        return 1;
    }
    let t = &targets[0];
    let revision = p.get_int("revision");
    let watch = p.get_bool("watch");
    let timeout_ms = match p.get_duration("timeout") / 1_000_000 {
        0 => STATUS_WAIT_MS,
        ms => ms,
    };
    let start = ctx.cluster.now();
    let mut last_rv = String::new();
    // Bounded: each round either moves the clock or ends.
    for _ in 0..100_000 {
        let obj = match ctx.cluster.api.get(t.rt, &t.namespace, &t.name) {
            Ok(o) => o,
            Err(s) => return report(io, &[KErr::Status(s)]),
        };
        let rv = str_at(&obj, "/metadata/resourceVersion").to_string();
        if rv != last_rv {
            last_rv = rv;
            match status_of(t.rt, &obj, revision) {
                Err(e) => return report(io, &[KErr::Msg(e)]),
                Ok((msg, done)) => {
                    io.out(msg);
                    if done || !watch {
                        return 0;
                    }
                }
            }
        }
        let now = ctx.cluster.now();
        if now - start >= timeout_ms {
            io.err("error: timed out waiting for the condition\n");
            return 1;
        }
        let deadline = start + timeout_ms;
        let next = ctx
            .cluster
            .next_wake()
            .unwrap_or(deadline)
            .clamp(now + 1, deadline);
        builder::advance_cluster(ctx, next);
    }
    0
}

/// The deployment's ReplicaSets by revision.
fn revisions(ctx: &Ctx, d: &Value) -> Vec<(i64, Value)> {
    let uid = object::uid(d).to_string();
    let mut out: Vec<(i64, Value)> = ctx
        .cluster
        .api
        .for_each(rt("replicasets.apps"), Some(object::namespace(d)))
        .filter(|rs| controller_of(rs).is_some_and(|(_, _, u)| u == uid))
        .map(|rs| {
            (
                object::annotation(rs, REVISION)
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(0),
                rs.clone(),
            )
        })
        .collect();
    out.sort_shared_by_key(|(r, _)| *r);
    out
}

fn run_history(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let (targets, mut errs) = match rollout_targets(ctx, p, io) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let want = p.get_int("revision");
    for t in targets {
        let d = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if t.rt.kind != "Deployment" {
            errs.push(KErr::Msg(format!(
                "no history viewer has been implemented for {:?}",
                t.rt.kind
            )));
            continue;
        }
        if out != builder::Output::Message {
            builder::print_result(io, &out, t.rt, &d, "", DryRun::None, false);
            continue;
        }
        let revs = revisions(ctx, &d);
        let header = if want > 0 {
            format!("with revision #{want}")
        } else {
            String::new()
        };
        let body = if revs.is_empty() {
            "No rollout history found.".to_string()
        } else if want > 0 {
            let Some((_, rs)) = revs.iter().find(|(r, _)| *r == want) else {
                errs.push(KErr::Msg("unable to find the specified revision".into()));
                continue;
            };
            pod_template_text(rs, ctx.cluster.now())
        } else {
            let mut rows = vec![vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()]];
            for (r, rs) in &revs {
                let cause =
                    object::annotation(rs, "kubernetes.io/change-cause").unwrap_or("<none>");
                let cause = if cause.is_empty() { "<none>" } else { cause };
                rows.push(vec![r.to_string(), cause.to_string()]);
            }
            let text: String = rows
                .iter()
                .map(|r| format!("{}\t{}\n", r[0], r[1]))
                .collect();
            crate::printers::tabwriter::tabwrite(&text, 0, 2)
        };
        io.out(format!(
            "{} {header}\n{body}\n",
            builder::kind_name(t.rt, &t.name)
        ));
    }
    report(io, &errs)
}

/// The "Pod Template:" block of `kubectl describe` for a ReplicaSet's template.
fn pod_template_text(rs: &Value, now: i64) -> String {
    let full = crate::printers::describe::describe_replica_set(rs, &[], None, now);
    let mut out = String::new();
    let mut inside = false;
    for line in full.lines() {
        if line.starts_with("Pod Template:") {
            inside = true;
        } else if inside && !line.starts_with(' ') && !line.starts_with('\t') && !line.is_empty() {
            break;
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The template of a ReplicaSet as its Deployment's template: without the hash label.
fn template_without_hash(rs: &Value) -> Value {
    let mut t = rs.at("/spec/template").cloned().unwrap_or(json!({}));
    if let Some(l) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        l.remove(TEMPLATE_HASH);
    }
    t
}

fn same_template(a: &Value, b: &Value) -> bool {
    let norm = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("creationTimestamp");
            if m.get("labels")
                .and_then(Value::as_object)
                .is_some_and(|l| l.is_empty())
            {
                m.remove("labels");
            }
        }
        v
    };
    norm(a) == norm(b)
}

fn run_undo(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let (targets, mut errs) = match rollout_targets(ctx, p, io) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let to = p.get_int("to-revision");
    let mut printer = builder::Printer::default();
    for t in targets {
        let d = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if t.rt.kind != "Deployment" {
            errs.push(KErr::Msg(format!(
                "no rollbacker has been implemented for {:?}",
                t.rt.kind
            )));
            continue;
        }
        if d.at("/spec/paused") == Some(&json!(true)) {
            errs.push(KErr::Msg("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again".into()));
            continue;
        }
        let revs = revisions(ctx, &d);
        let target = if to == 0 {
            // The newest revision before the current one.
            if revs.len() < 2 {
                errs.push(KErr::Msg(format!(
                    "no rollout history found for deployment {:?}",
                    t.name
                )));
                continue;
            }
            revs[revs.len() - 2].clone()
        } else {
            match revs.iter().find(|(r, _)| *r == to) {
                Some(x) => x.clone(),
                None => {
                    errs.push(KErr::Msg(format!(
                        "unable to find specified revision {to} in history"
                    )));
                    continue;
                }
            }
        };
        let template = template_without_hash(&target.1);
        let current = d.at("/spec/template").cloned().unwrap_or(json!({}));
        if same_template(&template, &current) {
            printer.print(
                io,
                &out,
                t.rt,
                &d,
                &format!(
                    "skipped rollback (current template already matches revision {})",
                    target.0
                ),
                dry,
                false,
            );
            continue;
        }
        if dry == DryRun::Client {
            printer.print(io, &out, t.rt, &d, "rolled back", dry, false);
            continue;
        }
        let mut patch = json!({"spec": {"template": template}});
        if let Some(cause) = object::annotation(&target.1, "kubernetes.io/change-cause") {
            patch["metadata"] = json!({"annotations": {"kubernetes.io/change-cause": cause}});
        }
        // Replace the template whole (a JSON merge patch would keep fields the old one lacks).
        let result = ctx
            .cluster
            .api
            .get(t.rt, &t.namespace, &t.name)
            .and_then(|mut live| {
                live["spec"]["template"] = patch["spec"]["template"].clone();
                if let Some(a) = patch.at("/metadata/annotations") {
                    if let Some(m) = object::meta_mut(&mut live)
                        .entry("annotations")
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                    {
                        m.extend(a.as_object().cloned().unwrap_or_default());
                    }
                }
                ctx.cluster
                    .api
                    .update_opts(t.rt, live, dry == DryRun::Server)
            });
        match result {
            Ok(o) => printer.print(io, &out, t.rt, &o, "rolled back", dry, false),
            Err(s) => errs.push(KErr::Status(s)),
        }
    }
    report(io, &errs)
}

fn run_restart(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let (targets, mut errs) = match rollout_targets(ctx, p, io) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut printer = builder::Printer::default();
    let now = rfc3339(ctx.cluster.now());
    for t in targets {
        let obj = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if !matches!(t.rt.kind, "Deployment" | "DaemonSet" | "StatefulSet") {
            errs.push(KErr::Msg(format!(
                "error: {} {:?} restarting is not supported",
                t.rt.group_resource(),
                t.name
            )));
            continue;
        }
        if obj.at("/spec/paused") == Some(&json!(true)) {
            errs.push(KErr::Msg(format!(
                "error: {} {:?} can't restart paused deployment (run rollout resume first)",
                t.rt.group_resource(),
                t.name
            )));
            continue;
        }
        let patch = json!({"spec": {"template": {"metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": now}}}}});
        match ctx
            .cluster
            .api
            .patch(t.rt, &t.namespace, &t.name, PatchType::Strategic, &patch)
        {
            Ok(o) => printer.print(io, &out, t.rt, &o, "restarted", DryRun::None, false),
            Err(s) => errs.push(KErr::Status(s)),
        }
    }
    report(io, &errs)
}

fn run_pause(ctx: &mut Ctx, p: &Parsed, io: &mut Io, pause: bool) -> i32 {
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let (targets, mut errs) = match rollout_targets(ctx, p, io) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut printer = builder::Printer::default();
    let (verb, already) = if pause {
        ("paused", "already paused")
    } else {
        ("resumed", "already resumed")
    };
    for t in targets {
        let obj = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if t.rt.kind != "Deployment" {
            let what = if pause { "pausing" } else { "resuming" };
            errs.push(KErr::Msg(format!(
                "error: {} {:?} {what} is not supported",
                t.rt.group_resource(),
                t.name
            )));
            continue;
        }
        let is_paused = obj.at("/spec/paused") == Some(&json!(true));
        if is_paused == pause {
            printer.print(io, &out, t.rt, &obj, already, DryRun::None, false);
            continue;
        }
        let patch = if pause {
            json!({"spec": {"paused": true}})
        } else {
            json!({"spec": {"paused": null}})
        };
        match ctx
            .cluster
            .api
            .patch(t.rt, &t.namespace, &t.name, PatchType::Strategic, &patch)
        {
            Ok(o) => printer.print(io, &out, t.rt, &o, verb, DryRun::None, false),
            Err(s) => errs.push(KErr::Status(s)),
        }
    }
    report(io, &errs)
}

pub const STATUS_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("revision", None, FlagKind::Int, "0", "Pin to a specific revision for showing its status. Defaults to 0 (last revision)."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
    FlagSpec::new("watch", Some('w'), FlagKind::Bool, "true", "Watch the status of the rollout until it's done."),
];

pub const HISTORY_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("revision", None, FlagKind::Int, "0", "See the details, including podTemplate of the revision specified"),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

pub const UNDO_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("to-revision", None, FlagKind::Int, "0", "The revision to rollback to. Default to 0 (last revision)."),
];

pub const RESTART_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-rollout", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

pub const PAUSE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-rollout", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

pub const RESUME_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-rollout", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

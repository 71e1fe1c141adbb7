//! `kubectl scale`: sets `spec.replicas` through the scale subresource of deployments, replica
//! sets, stateful sets and replication controllers, with `--current-replicas` as a precondition.

use serde_json::json;

use super::builder::{self, report, Accept, DryRun, KErr};
use super::create::require_flags;
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::apiserver::Status;
use crate::sim::object;
use crate::sim::patch::PatchType;

pub static COMMAND: Command = Command {
    name: "scale",
    about: "Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n Scale also allows users to specify one or more preconditions for the scale action.\n\n If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.",
    examples: "  # Five replicas of the web deployment\n  kubectl scale deployment web --replicas=5\n  \n  # Only if it has three now\n  kubectl scale deployment web --current-replicas=3 --replicas=5\n  \n  # Scale what a file describes\n  kubectl scale --replicas=2 -f web.yaml",
    usage: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
    flags: FLAGS,
    run,
};

const SCALABLE: &[&str] = &[
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "ReplicationController",
];

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if let Err(s) = require_flags(p, &["replicas"], io) {
        return s;
    }
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let replicas = p.get_int("replicas");
    let current = p.get_int("current-replicas");
    if replicas < 0 {
        io.err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
        return 1;
    }
    if current < -1 {
        io.err("error: The --current-replicas must specify an integer of -1 or greater\n");
        return 1;
    }
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(
        ctx,
        p,
        &stdin,
        &p.args(),
        Accept {
            selectors: true,
            ..Default::default()
        },
    ) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    let rv = p.get_string("resource-version");
    if !rv.is_empty() && targets.len() > 1 {
        return report(
            io,
            &[KErr::Msg(
                "cannot use --resource-version with multiple resources".into(),
            )],
        );
    }
    if targets.is_empty() && errs.is_empty() {
        io.err("error: no objects passed to scale\n");
        return 1;
    }
    let mut printer = builder::Printer::default();
    for t in targets {
        let live = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if !SCALABLE.contains(&t.rt.kind) {
            errs.push(KErr::Status(Status {
                code: 404,
                reason: "NotFound".into(),
                message: "the server could not find the requested resource".into(),
                kind: String::new(),
                name: String::new(),
                causes: vec![],
            }));
            continue;
        }
        let have = object::i64_at(&live, "/spec/replicas").unwrap_or(1);
        if current >= 0 && have != current {
            errs.push(KErr::Msg(format!(
                "Expected replicas to be {current}, was {have}"
            )));
            continue;
        }
        if !rv.is_empty() && object::str_at(&live, "/metadata/resourceVersion") != rv {
            errs.push(KErr::Status(Status::conflict(t.rt, &t.name)));
            continue;
        }
        let result = if dry == DryRun::Client {
            live
        } else {
            let patch = json!({"spec": {"replicas": replicas}});
            match ctx.cluster.api.patch_opts(
                t.rt,
                &t.namespace,
                &t.name,
                PatchType::Merge,
                &patch,
                dry == DryRun::Server,
            ) {
                Ok(o) => o,
                Err(s) => {
                    errs.push(KErr::Status(s));
                    continue;
                }
            }
        };
        printer.print(io, &out, t.rt, &result, "scaled", dry, false);
    }
    report(io, &errs)
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources in the namespace of the specified resource types"),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("current-replicas", None, FlagKind::Int, "-1", "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to set a new size"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("replicas", None, FlagKind::Int, "0", "The new desired number of replicas. Required."),
    FlagSpec::new("resource-version", None, FlagKind::String, "", "Precondition for resource version. Requires that the current resource version match this value in order to scale."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
];

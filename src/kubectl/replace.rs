//! `kubectl replace -f`: a full update (PUT) of each object in the files; `--force` deletes and
//! creates it again.

use super::builder::{self, report, Accept, DryRun, KErr};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{usage_error, Command, Ctx};
use crate::shell::Io;
use crate::sim::apiserver::{DeleteOptions, Propagation};
use crate::sim::object;

pub static COMMAND: Command = Command {
    name: "replace",
    about: "Replace a resource by file name or stdin.\n\n JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by\n\n  $ kubectl get TYPE NAME -o yaml",
    examples: "  # Replace a pod with the configuration in pod.yaml\n  kubectl replace -f pod.yaml\n  \n  # Change the image of a running pod from a saved copy\n  kubectl get pod nginx -o yaml | sed 's/image: nginx$/image: nginx:1.25/' | kubectl replace -f -\n  \n  # Delete the pod and create it again from the file\n  kubectl replace --force -f pod.yaml",
    usage: "kubectl replace -f FILENAME [options]",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let files = p.get_strings("filename");
    if files.is_empty() && p.get_string("kustomize").is_empty() {
        if !p.args().is_empty() {
            return usage_error(
                io,
                "kubectl replace",
                &format!("Unexpected args: [{}]", p.args().join(" ")),
            );
        }
        io.err("error: must specify one of -f and -k\n");
        return 1;
    }
    if !p.get_string("kustomize").is_empty() || !p.get_string("raw").is_empty() {
        io.err("error: --kustomize and --raw are not available in this playground yet\n");
        return 1;
    }
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    if builder::validate_flag(p, io).is_err() {
        return 1;
    }
    let force = p.get_bool("force");
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(ctx, p, &stdin, &p.args(), Accept::default()) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    if targets.is_empty() && errs.is_empty() {
        io.err("error: no objects passed to replace\n");
        return 1;
    }
    let save = p.get_bool("save-config");
    let mut printer = builder::Printer::default();
    if force {
        // Delete everything first, wait until it is gone, then create.
        let mut deleted = vec![];
        for t in &targets {
            let opts = DeleteOptions {
                grace_period_seconds: match p.get_int("grace-period") {
                    g if g >= 0 => Some(g),
                    _ => None,
                },
                propagation: Propagation::Background,
                dry_run: dry == DryRun::Server,
            };
            if dry == DryRun::Client {
                continue;
            }
            match ctx.cluster.api.delete(t.rt, &t.namespace, &t.name, opts) {
                Ok(o) => {
                    io.out(format!("{} \"{}\" deleted\n", t.rt.kind_prefix(), t.name));
                    deleted.push((t.clone(), object::uid(&o).to_string()));
                }
                Err(s) if s.reason == "NotFound" => {}
                Err(s) => errs.push(KErr::Status(s).with_source("deleting", &t.source)),
            }
        }
        if dry == DryRun::None && !deleted.is_empty() {
            let timeout = match p.get_duration("timeout") / 1_000_000 {
                0 => 168 * 3600 * 1000,
                t => t,
            };
            if super::delete::wait_gone(ctx, io, &deleted, timeout) != 0 {
                return 1;
            }
        }
        for t in targets {
            let Some(mut obj) = t.obj else { continue };
            if save {
                builder::set_last_applied(&mut obj, false);
            }
            object::meta_mut(&mut obj).remove("resourceVersion");
            let result = if dry == DryRun::Client {
                obj
            } else {
                match ctx
                    .cluster
                    .api
                    .create_opts(t.rt, &t.namespace, obj, dry == DryRun::Server)
                {
                    Ok(o) => o,
                    Err(s) => {
                        errs.push(KErr::Status(s).with_source("creating", &t.source));
                        continue;
                    }
                }
            };
            printer.print(io, &out, t.rt, &result, "replaced", dry, false);
        }
        return report(io, &errs);
    }
    for t in targets {
        let Some(mut obj) = t.obj else { continue };
        if save {
            builder::set_last_applied(&mut obj, false);
        }
        let result = if dry == DryRun::Client {
            obj
        } else {
            if ctx.cluster.api.get(t.rt, &t.namespace, &t.name).is_err() {
                errs.push(
                    KErr::Status(crate::sim::apiserver::Status::not_found(t.rt, &t.name))
                        .with_source("replacing", &t.source),
                );
                continue;
            }
            if let Err(s) =
                super::field_validation::check(io, t.rt, &obj, super::field_validation::mode(p))
            {
                errs.push(KErr::Status(s).with_source("replacing", &t.source));
                continue;
            }
            match ctx
                .cluster
                .api
                .update_opts(t.rt, obj, dry == DryRun::Server)
            {
                Ok(o) => o,
                Err(s) => {
                    errs.push(KErr::Status(s).with_source("replacing", &t.source));
                    continue;
                }
            }
        };
        printer.print(io, &out, t.rt, &result, "replaced", dry, false);
    }
    report(io, &errs)
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("cascade", None, FlagKind::StringOptional("background"), "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-replace", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "The files that contain the configurations to replace."),
    FlagSpec::new("force", None, FlagKind::Bool, "false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
    FlagSpec::new("grace-period", None, FlagKind::Int, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process a kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("raw", None, FlagKind::String, "", "Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("subresource", None, FlagKind::String, "", "If specified, replace will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("wait", None, FlagKind::Bool, "false", "If true, wait for resources to be gone before returning. This waits for finalizers."),
];

//! `kubectl create deployment|job|cronjob`: the workload generators.

use crate::sim::object::Pointer as _;
use serde_json::{json, Map, Value};

use super::builder::{report, KErr};
use super::create::{begin, finish, generated_meta, require_flags};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::object;
use crate::sim::resources::rt;

pub static DEPLOYMENT: Command = Command {
    name: "deployment",
    about: "Create a deployment with the specified name.",
    examples: "  # A deployment of nginx\n  kubectl create deployment web --image=nginx\n  \n  # Three replicas, with container port 80\n  kubectl create deployment web --image=nginx --replicas=3 --port=80\n  \n  # Run a command instead of the image's default\n  kubectl create deployment clock --image=busybox -- date\n  \n  # Two containers in each pod\n  kubectl create deployment pair --image=nginx --image=redis",
    usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
    flags: DEPLOYMENT_FLAGS,
    run: run_deployment,
};

pub static JOB: Command = Command {
    name: "job",
    about: "Create a job with the specified name.",
    examples: "  # A job that prints the date once\n  kubectl create job once --image=busybox -- date\n  \n  # Run a cron job's template now\n  kubectl create job manual-run --from=cronjob/nightly",
    usage: "kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]",
    flags: JOB_FLAGS,
    run: run_job,
};

pub static CRONJOB: Command = Command {
    name: "cronjob",
    about: "Create a cron job with the specified name.",
    examples: "  # Every minute\n  kubectl create cronjob tick --image=busybox --schedule=\"*/1 * * * *\" -- date",
    usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
    flags: CRONJOB_FLAGS,
    run: run_cronjob,
};

/// The container name `create deployment` derives from an image: the last path segment without
/// tag or digest, with `.` and `_` made `-` and a random suffix then added.
pub fn container_name(image: &str, ctx: &mut Ctx) -> String {
    let mut name = image.rsplit('/').next().unwrap_or(image).to_string();
    if let Some((n, _)) = name.split_once(':') {
        name = n.to_string();
    }
    if let Some((n, _)) = name.split_once('@') {
        name = n.to_string();
    }
    if name.contains(['_', '.']) {
        name = name.replace(['_', '.'], "-");
        name = format!("{name}-{}", ctx.cluster.api.rng.name_suffix(5));
    }
    name
}

fn command_args(p: &Parsed) -> Vec<String> {
    p.after_dash().to_vec()
}

fn run_deployment(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if let Err(s) = require_flags(p, &["image"], io) {
        return s;
    }
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create deployment") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let images = p.get_strings("image");
    let command = command_args(p);
    if images.len() > 1 && !command.is_empty() {
        return report(
            io,
            &[KErr::Msg(
                "cannot specify multiple --image options and command".into(),
            )],
        );
    }
    let labels = json!({"app": name});
    let mut containers = vec![];
    for image in &images {
        let mut c = Map::new();
        c.insert("name".into(), json!(container_name(image, ctx)));
        c.insert("image".into(), json!(image));
        if !command.is_empty() {
            c.insert("command".into(), json!(command));
        }
        c.insert("resources".into(), json!({}));
        containers.push(Value::Object(c));
    }
    let port = p.get_int("port");
    if port >= 0 {
        if let Some(c) = containers.first_mut() {
            c["ports"] = json!([{"containerPort": port}]);
        }
    }
    let mut meta = generated_meta(ctx, p, &name, true);
    meta["labels"] = labels.clone();
    let obj = json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta,
        "spec": {
            "replicas": p.get_int("replicas"),
            "selector": {"matchLabels": labels},
            "strategy": {},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": labels},
                "spec": {"containers": containers},
            },
        },
        "status": {},
    });
    finish(
        ctx,
        p,
        io,
        rt("deployments.apps"),
        obj,
        dry,
        out,
        Some("failed to create deployment: "),
    )
}

fn run_job(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create job") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let image = p.get_string("image");
    let from = p.get_string("from");
    let command = command_args(p);
    if image.is_empty() == from.is_empty() {
        return report(
            io,
            &[KErr::Msg(
                "either --image or --from must be specified".into(),
            )],
        );
    }
    if !command.is_empty() && !from.is_empty() {
        return report(io, &[KErr::Msg("cannot specify --from and command".into())]);
    }
    let mut meta = generated_meta(ctx, p, &name, true);
    let obj = if !image.is_empty() {
        let mut c = Map::new();
        c.insert("name".into(), json!(name));
        c.insert("image".into(), json!(image));
        if !command.is_empty() {
            c.insert("command".into(), json!(command));
        }
        c.insert("resources".into(), json!({}));
        json!({
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": meta,
            "spec": {
                "template": {
                    "metadata": {"creationTimestamp": null},
                    "spec": {"containers": [Value::Object(c)], "restartPolicy": "Never"},
                },
            },
            "status": {},
        })
    } else {
        let (kind, cj_name) = from.split_once('/').unwrap_or(("cronjob", from.as_str()));
        let Some(from_rt) = crate::sim::resources::resolve(kind) else {
            return report(
                io,
                &[KErr::Msg(format!(
                    "the server doesn't have a resource type \"{kind}\""
                ))],
            );
        };
        let ns = ctx.namespace(p);
        let source = match ctx.cluster.api.get(from_rt, &ns, cj_name) {
            Ok(o) => o,
            Err(s) => return report(io, &[KErr::Status(s)]),
        };
        if from_rt.kind != "CronJob" {
            let go_type = format!("*v1.{}", from_rt.kind);
            return report(io, &[KErr::Msg(format!("unknown object type {go_type}"))]);
        }
        let mut annotations = Map::new();
        annotations.insert("cronjob.kubernetes.io/instantiate".into(), json!("manual"));
        if let Some(a) = source
            .at("/spec/jobTemplate/metadata/annotations")
            .and_then(Value::as_object)
        {
            for (k, v) in a {
                annotations.insert(k.clone(), v.clone());
            }
        }
        meta["annotations"] = Value::Object(annotations);
        if let Some(l) = source.at("/spec/jobTemplate/metadata/labels") {
            meta["labels"] = l.clone();
        }
        meta["ownerReferences"] = json!([{
            "apiVersion": "batch/v1",
            "controller": true,
            "kind": "CronJob",
            "name": object::name(&source),
            "uid": object::uid(&source),
        }]);
        json!({
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": meta,
            "spec": source.at("/spec/jobTemplate/spec").cloned().unwrap_or(json!({})),
            "status": {},
        })
    };
    finish(
        ctx,
        p,
        io,
        rt("jobs.batch"),
        obj,
        dry,
        out,
        Some("failed to create job: "),
    )
}

fn run_cronjob(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if let Err(s) = require_flags(p, &["image", "schedule"], io) {
        return s;
    }
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create cronjob") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut restart = p.get_string("restart");
    if restart.is_empty() {
        restart = "OnFailure".into();
    }
    let command = command_args(p);
    let mut c = Map::new();
    c.insert("name".into(), json!(name));
    c.insert("image".into(), json!(p.get_string("image")));
    if !command.is_empty() {
        c.insert("command".into(), json!(command));
    }
    c.insert("resources".into(), json!({}));
    let obj = json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": generated_meta(ctx, p, &name, true),
        "spec": {
            "jobTemplate": {
                "metadata": {"creationTimestamp": null, "name": name},
                "spec": {
                    "template": {
                        "metadata": {"creationTimestamp": null},
                        "spec": {"containers": [Value::Object(c)], "restartPolicy": restart},
                    },
                },
            },
            "schedule": p.get_string("schedule"),
        },
        "status": {},
    });
    finish(
        ctx,
        p,
        io,
        rt("cronjobs.batch"),
        obj,
        dry,
        out,
        Some("failed to create cronjob: "),
    )
}

pub const DEPLOYMENT_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("image", None, FlagKind::StringSlice, "[]", "Image names to run. A deployment can have multiple images set for multi-container pod."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("port", None, FlagKind::Int, "-1", "The containerPort that this deployment exposes."),
    FlagSpec::new("replicas", Some('r'), FlagKind::Int, "1", "Number of replicas to create. Default is 1."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const JOB_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("from", None, FlagKind::String, "", "The name of the resource to create a Job from (only cronjob is supported)."),
    FlagSpec::new("image", None, FlagKind::String, "", "Image name to run."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const CRONJOB_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("image", None, FlagKind::String, "", "Image name to run."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("restart", None, FlagKind::String, "", "job's restart policy. supported values: OnFailure, Never"),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("schedule", None, FlagKind::String, "", "A schedule in the Cron format the job should be run with."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

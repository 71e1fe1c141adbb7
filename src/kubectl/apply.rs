//! `kubectl apply -f`: client-side apply. New objects are created with the
//! `last-applied-configuration` annotation; existing ones get the three-way strategic merge
//! patch between that annotation, the new configuration and the live object.

use serde_json::{json, Value};

use super::builder::{self, dry_run, output, report, Accept, DryRun, KErr, Output, LAST_APPLIED};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{usage_error, Command, Ctx};
use crate::printers;
use crate::shell::Io;
use crate::sim::object;
use crate::sim::patch::{self, PatchType};

pub static COMMAND: Command = Command {
    name: "apply",
    about: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.\n\n kubectl keeps the configuration it applied in the kubectl.kubernetes.io/last-applied-configuration annotation and compares the next configuration with it and with the live object.",
    examples: "  # Apply the configuration in deploy.yaml\n  kubectl apply -f deploy.yaml\n  \n  # Apply every manifest in a directory, and its subdirectories\n  kubectl apply -f manifests/ -R\n  \n  # Apply a manifest from standard input\n  cat pod.yaml | kubectl apply -f -",
    usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if !p.args().is_empty() {
        return usage_error(
            io,
            "kubectl apply",
            &format!("Unexpected args: [{}]", p.args().join(" ")),
        );
    }
    let files = p.get_strings("filename");
    let kustomize = p.get_string("kustomize");
    if !files.is_empty() && !kustomize.is_empty() {
        io.err("error: only one of -f or -k can be specified\n");
        return 1;
    }
    if files.is_empty() && kustomize.is_empty() {
        io.err("error: must specify one of -f and -k\n");
        return 1;
    }
    if p.get_bool("server-side") {
        io.err("error: server-side apply is not available in this playground yet; use client-side apply (the default)\n");
        return 1;
    }
    if p.get_bool("prune") {
        io.err("error: --prune is not available in this playground yet\n");
        return 1;
    }
    let Ok(dry) = dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = output(ctx, p, io) else {
        return 1;
    };
    if builder::validate_flag(p, io).is_err() {
        return 1;
    }
    let stdin = io.take_stdin();
    let (targets, read_errs) = match builder::targets(
        ctx,
        p,
        &stdin,
        &[],
        Accept {
            selectors: true,
            ..Default::default()
        },
    ) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    if targets.is_empty() && read_errs.is_empty() {
        io.err("error: no objects passed to apply\n");
        return 1;
    }
    let print_objects = matches!(out, Output::Yaml | Output::Json);
    let mut errs = vec![];
    let mut printed = vec![];
    for t in &targets {
        let Some(obj) = t.obj.clone() else { continue };
        // Between two requests the controller-manager runs on (a new namespace's default
        // service account is there before the next object of the file comes).
        ctx.cluster.controllers_catch_up();
        match apply_one(ctx, io, t, obj, dry, &out, super::field_validation::mode(p)) {
            Ok(o) => printed.push(o),
            Err(e) => {
                errs.push(e);
                if let Some(o) = &t.obj {
                    printed.push(o.clone());
                }
            }
        }
    }
    if print_objects && !printed.is_empty() {
        let doc = if printed.len() == 1 {
            printed[0].clone()
        } else {
            json!({"apiVersion": "v1", "items": printed, "kind": "List", "metadata": {}})
        };
        io.out(if out == Output::Yaml {
            printers::yaml::to_yaml(&doc)
        } else {
            printers::json::to_json(&doc)
        });
    }
    // Read errors come first, as one aggregate before the apply errors.
    let mut all: Vec<KErr> = read_errs;
    all.extend(errs);
    report(io, &all)
}

/// Applies one object; returns the object to print for `-o yaml|json`.
pub(crate) fn apply_one(
    ctx: &mut Ctx,
    io: &mut Io,
    t: &builder::Target,
    mut obj: Value,
    dry: DryRun,
    out: &Output,
    validation: crate::sim::schema::FieldValidation,
) -> Result<Value, KErr> {
    let rt = t.rt;
    if t.name.is_empty() {
        let generate = object::str_at(&obj, "/metadata/generateName").to_string();
        if !generate.is_empty() {
            return Err(KErr::Msg(format!(
                "from {generate}: cannot use generate name with apply"
            )));
        }
    }
    let modified = builder::modified_configuration(&obj, false);
    let print_line = !matches!(out, Output::Yaml | Output::Json);
    let live = ctx.cluster.api.get(rt, &t.namespace, &t.name);
    let Ok(live) = live else {
        // Not there yet: create it with the annotation.
        builder::set_last_applied(&mut obj, false);
        let created = if dry == DryRun::Client {
            obj
        } else {
            super::field_validation::check(io, rt, &obj, validation)
                .map_err(|s| KErr::Status(s).with_source("creating", &t.source))?;
            ctx.cluster
                .api
                .create_opts(rt, &t.namespace, obj, dry == DryRun::Server)
                .map_err(|s| KErr::Status(s).with_source("creating", &t.source))?
        };
        if print_line {
            builder::print_result(io, out, rt, &created, "created", dry, false);
        }
        return Ok(created);
    };
    if dry == DryRun::Client {
        if print_line {
            builder::print_result(io, out, rt, &live, "configured", dry, false);
        }
        return Ok(live);
    }
    if object::annotation(&live, LAST_APPLIED).is_none() {
        io.err(format!(
            "Warning: resource {}/{} is missing the {LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
            rt.plural, t.name
        ));
    }
    let original: Value = object::annotation(&live, LAST_APPLIED)
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    let mut modified_obj: Value = serde_json::from_str(&modified).unwrap_or(Value::Null);
    object::meta_mut(&mut modified_obj)
        .entry("annotations")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .map(|a| a.insert(LAST_APPLIED.into(), json!(modified)));
    let patch_value = patch::three_way(&original, &modified_obj, &live);
    if patch_value.as_object().is_some_and(|m| m.is_empty()) {
        if print_line {
            builder::print_result(io, out, rt, &live, "unchanged", dry, false);
        }
        return Ok(live);
    }
    super::field_validation::check(io, rt, &modified_obj, validation)
        .map_err(|s| KErr::Status(s).with_source("patching", &t.source))?;
    let patched = ctx
        .cluster
        .api
        .patch_opts(
            rt,
            &t.namespace,
            &t.name,
            PatchType::Strategic,
            &patch_value,
            dry == DryRun::Server,
        )
        .map_err(|s| {
            let what = format!(
                "applying patch:\n{}\nto:\n{}\nfor:",
                super::gojson::sorted_compact(&patch_value),
                info_string(rt, t)
            );
            match s.reason.as_str() {
                "Invalid" => KErr::Status(s),
                _ => KErr::Status(s).with_source(&what, &t.source),
            }
        })?;
    if print_line {
        builder::print_result(io, out, rt, &patched, "configured", dry, false);
    }
    Ok(patched)
}

/// resource.Info's String(): how apply names the object in a failed patch.
fn info_string(rt: &crate::sim::resources::ResourceType, t: &builder::Target) -> String {
    format!(
        "Resource: \"{}, Resource={}\", GroupVersionKind: \"{}, Kind={}\"\nName: \"{}\", Namespace: \"{}\"",
        if rt.group.is_empty() { format!("/{}", rt.version) } else { format!("{}/{}", rt.group, rt.version) },
        rt.plural,
        if rt.group.is_empty() { format!("/{}", rt.version) } else { format!("{}/{}", rt.group, rt.version) },
        rt.kind,
        t.name,
        t.namespace
    )
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources in the namespace of the specified resource types."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("cascade", None, FlagKind::StringOptional("background"), "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-client-side-apply", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "The files that contain the configurations to apply."),
    FlagSpec::new("force", None, FlagKind::Bool, "false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
    FlagSpec::new("force-conflicts", None, FlagKind::Bool, "false", "If true, server-side apply will force the changes against conflicts."),
    FlagSpec::new("grace-period", None, FlagKind::Int, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process a kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("openapi-patch", None, FlagKind::Bool, "true", "If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("overwrite", None, FlagKind::Bool, "true", "Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration"),
    FlagSpec::new("prune", None, FlagKind::Bool, "false", "Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all."),
    FlagSpec::new("prune-allowlist", None, FlagKind::StringSlice, "[]", "Overwrite the default allowlist with <group/version/kind> for --prune"),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("server-side", None, FlagKind::Bool, "false", "If true, apply runs in the server instead of the client."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("wait", None, FlagKind::Bool, "false", "If true, wait for resources to be gone before returning. This waits for finalizers."),
];

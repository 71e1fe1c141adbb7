//! `kubectl patch`: a strategic merge (the default), JSON merge or JSON patch, sent to the API
//! server, or applied to a file with `--local`.

use super::builder::{self, report, Accept, DryRun, KErr};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::patch::{self, PatchType};

pub static COMMAND: Command = Command {
    name: "patch",
    about: "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n JSON and YAML formats are accepted.\n\n A strategic merge patch merges lists of containers, ports, volumes and the like by their keys (a container by its name); a JSON merge patch replaces lists whole; a JSON patch is a list of operations.",
    examples: "  # Change a deployment's replicas\n  kubectl patch deployment web -p '{\"spec\":{\"replicas\":3}}'\n  \n  # Change the image of the container named web\n  kubectl patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]}}}}'\n  \n  # A JSON patch\n  kubectl patch pod nginx --type=json -p '[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\": \"nginx:1.25\"}]'\n  \n  # Mark a node unschedulable\n  kubectl patch node node01 -p '{\"spec\":{\"unschedulable\":true}}'",
    usage: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let patch_text = p.get_string("patch");
    let patch_file = p.get_string("patch-file");
    let local = p.get_bool("local");
    if !patch_text.is_empty() && !patch_file.is_empty() {
        io.err("error: cannot specify --patch and --patch-file together\n");
        return 1;
    }
    let patch_type = match p.get_string("type").to_ascii_lowercase().as_str() {
        "strategic" | "" => PatchType::Strategic,
        "merge" => PatchType::Merge,
        "json" => PatchType::Json,
        other => {
            io.err(format!(
                "error: --type must be one of [json merge strategic], not {other:?}\n"
            ));
            return 1;
        }
    };
    let text = if !patch_file.is_empty() {
        let abs = crate::vfs::normalize(&ctx.cwd, &patch_file);
        match ctx.fs.read(&abs) {
            Ok(t) => t,
            Err(e) => {
                io.err(format!(
                    "error: unable to read patch file: open {patch_file}: {}\n",
                    e.to_string().to_lowercase()
                ));
                return 1;
            }
        }
    } else {
        patch_text
    };
    if text.is_empty() {
        io.err(
            "error: must specify --patch or --patch-file containing the contents of the patch\n",
        );
        return 1;
    }
    if local && dry == DryRun::Server {
        io.err(
            "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n",
        );
        return 1;
    }
    let args = p.args();
    if local && !args.is_empty() {
        io.err("error: cannot specify --local and server resources\n");
        return 1;
    }
    // yaml.ToJSON: a patch that starts with `{` is sent as it is; anything else is read as YAML.
    let patch_value = if text.trim_start().starts_with('{') {
        match super::manifest::json_syntax_error(text.trim()) {
            None => serde_json::from_str(text.trim()).unwrap_or_default(),
            Some(e) => {
                if local || dry == DryRun::Client {
                    io.err("error: Invalid JSON Patch\n");
                } else {
                    io.err(format!("Error from server (BadRequest): {e}\n"));
                }
                return 1;
            }
        }
    } else {
        match super::manifest::yaml_to_json(&text) {
            Ok(v) => v,
            Err(e) => {
                io.err(format!("error: unable to parse {:?}: {e}\n", text));
                return 1;
            }
        }
    };
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(ctx, p, &stdin, &args, Accept::default()) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    let mut printer = builder::Printer::default();
    let mut count = 0;
    for t in targets {
        count += 1;
        if local || dry == DryRun::Client {
            let base = if local {
                t.obj.clone().unwrap_or_default()
            } else {
                match builder::fetch(ctx, &t) {
                    Ok(o) => o,
                    Err(e) => {
                        errs.push(e);
                        continue;
                    }
                }
            };
            match patch::apply(&base, patch_type, &patch_value) {
                Ok(o) => printer.print(io, &out, t.rt, &o, "patched", dry, false),
                Err(e) => errs.push(KErr::Msg(e.message)),
            }
            continue;
        }
        let before = match builder::fetch(ctx, &t) {
            Ok(o) => o,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        if let Ok(after) = patch::apply(&before, patch_type, &patch_value) {
            if let Err(s) = super::field_validation::check_patch(io, t.rt, &before, &after) {
                errs.push(KErr::Status(s));
                continue;
            }
        }
        match ctx.cluster.api.patch_opts(
            t.rt,
            &t.namespace,
            &t.name,
            patch_type,
            &patch_value,
            dry == DryRun::Server,
        ) {
            Ok(o) => {
                let verb = if o == before {
                    "patched (no change)"
                } else {
                    "patched"
                };
                printer.print(io, &out, t.rt, &o, verb, dry, false);
            }
            Err(s) => errs.push(KErr::Status(s)),
        }
    }
    if count == 0 && errs.is_empty() {
        io.err("error: no objects passed to patch\n");
        return 1;
    }
    report(io, &errs)
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-patch", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to update"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, patch will operate on the content of the file, not the server-side resource."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("patch", Some('p'), FlagKind::String, "", "The patch to be applied to the resource JSON file."),
    FlagSpec::new("patch-file", None, FlagKind::String, "", "A file containing a patch to be applied to the resource."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("subresource", None, FlagKind::String, "", "If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("type", None, FlagKind::String, "strategic", "The type of patch being provided; one of [json merge strategic]"),
];

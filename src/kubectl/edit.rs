//! `kubectl edit`: finds the objects as kubectl's builder does (argument errors, NotFound);
//! editing them in an editor is not available yet.

use super::builder::{self, report, Accept};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;

pub static COMMAND: Command = Command {
    name: "edit",
    about: "Edit an object in an editor ($KUBE_EDITOR, $EDITOR, else vi), and save it back when the editor closes.",
    examples: "  # Service registry\n  kubectl edit svc/registry\n  \n  # With nano, as JSON\n  KUBE_EDITOR=nano kubectl edit deployment/web -o json",
    usage: "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]",
    flags: FLAGS,
    run,
};

const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-edit", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files to use to edit the resource"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("output-patch", None, FlagKind::Bool, "false", "Output the patch if the resource is edited."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("subresource", None, FlagKind::String, "", "If specified, edit will operate on the subresource of the requested object. Must be one of [status]. This flag is beta and may change in the future."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("windows-line-endings", None, FlagKind::Bool, "false", "Defaults to the line ending native to your platform."),
];

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if !p.get_strings("filename").is_empty() && !p.get_string("kustomize").is_empty() {
        io.err("error: only one of -f or -k can be specified\n");
        return 1;
    }
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(ctx, p, &stdin, &p.args(), Accept::default()) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    for t in &targets {
        if let Err(e) = builder::fetch(ctx, t) {
            errs.push(e);
        }
    }
    // The builder's Infos() fails on the first object it cannot get.
    if let Some(e) = errs.into_iter().next() {
        return report(io, &[e]);
    }
    if targets.is_empty() {
        io.err("error: edit cancelled, no objects found\n");
        return 1;
    }
    io.err("error: \"kubectl edit\" is not available in this playground yet\n");
    1
}

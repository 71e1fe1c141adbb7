//! `kubectl annotate`: like `label`, for annotations (see `label::run_meta`).

use super::flags::{FlagKind, FlagSpec};
use super::label::{run_meta, Meta};
use super::Command;

pub static COMMAND: Command = Command {
    name: "annotate",
    about: "Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.",
    examples: "  # Annotate a pod\n  kubectl annotate pods nginx owner=team-a\n  \n  # Change it\n  kubectl annotate pods nginx owner=team-b --overwrite\n  \n  # Annotate every pod in the namespace\n  kubectl annotate pods --all reviewed=yes\n  \n  # Remove it\n  kubectl annotate pods nginx owner-",
    usage: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
    flags: FLAGS,
    run: |c, p, io| run_meta(c, p, io, Meta::Annotations),
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources, in the namespace of the specified resource types."),
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If true, check the specified action in all namespaces."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-annotate", "Name of the manager used to track field ownership."),
    FlagSpec::new("field-selector", None, FlagKind::String, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to update the annotation"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("list", None, FlagKind::Bool, "false", "If true, display the annotations for a given resource."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, annotation will NOT contact api-server but run locally."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("overwrite", None, FlagKind::Bool, "false", "If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("resource-version", None, FlagKind::String, "", "If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

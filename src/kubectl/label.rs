//! `kubectl label` (and, through `run_meta`, `kubectl annotate`): set or remove labels or
//! annotations with a JSON merge patch; `--overwrite` guards existing values, `--local` works on
//! files only, `--list` prints them.

use crate::sim::object::Pointer as _;
use serde_json::{json, Map, Value};

use super::builder::{self, report, Accept, DryRun, KErr};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::object;
use crate::sim::patch::PatchType;

pub static COMMAND: Command = Command {
    name: "label",
    about: "Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.",
    examples: "  # Label a pod\n  kubectl label pods nginx env=prod\n  \n  # Change a label that is already set\n  kubectl label pods nginx env=dev --overwrite\n  \n  # Label every pod in the namespace\n  kubectl label pods --all tier=web\n  \n  # Remove a label\n  kubectl label pods nginx env-",
    usage: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
    flags: FLAGS,
    run: |c, p, io| run_meta(c, p, io, Meta::Labels),
};

/// Which map of metadata the command edits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Meta {
    Labels,
    Annotations,
}

impl Meta {
    fn field(self) -> &'static str {
        match self {
            Meta::Labels => "labels",
            Meta::Annotations => "annotations",
        }
    }
    fn word(self) -> &'static str {
        match self {
            Meta::Labels => "label",
            Meta::Annotations => "annotation",
        }
    }
}

const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// IsValidLabelValue.
fn label_value_errors(v: &str) -> Vec<String> {
    let mut errs = vec![];
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    let b = v.as_bytes();
    let ok = v.is_empty()
        || (b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c)));
    if !ok {
        errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string());
    }
    errs
}

type Changes = (Vec<(String, String)>, Vec<String>);

fn parse_labels(spec: &[String]) -> Result<Changes, String> {
    let mut set: Vec<(String, String)> = vec![];
    let mut remove = vec![];
    for s in spec {
        if s.contains('=') {
            let parts: Vec<&str> = s.split('=').collect();
            if parts.len() != 2 {
                return Err(format!("invalid label spec: {s}"));
            }
            let errs = label_value_errors(parts[1]);
            if !errs.is_empty() {
                return Err(format!("invalid label value: {s:?}: {}", errs.join(";")));
            }
            set.retain(|(k, _)| k != parts[0]);
            set.push((parts[0].to_string(), parts[1].to_string()));
        } else if let Some(k) = s.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(format!("unknown label spec: {s}"));
        }
    }
    if remove.iter().any(|r| set.iter().any(|(k, _)| k == r)) {
        return Err("can not both modify and remove a label in the same command".into());
    }
    Ok((set, remove))
}

fn parse_annotations(spec: &[String]) -> Result<Changes, String> {
    let mut set: Vec<(String, String)> = vec![];
    let mut remove = vec![];
    let mut invalid = vec![];
    for s in spec {
        if s.contains('=') && !s.starts_with('=') {
            let (k, v) = s.split_once('=').unwrap_or((s, ""));
            set.retain(|(x, _)| x != k);
            set.push((k.to_string(), v.to_string()));
        } else if s.ends_with('-') && s != "-" {
            remove.push(s[..s.len() - 1].to_string());
        } else {
            invalid.push(s.clone());
        }
    }
    if !invalid.is_empty() {
        return Err(format!("invalid annotation format: {}", invalid.join(", ")));
    }
    let both: Vec<&String> = remove
        .iter()
        .filter(|r| set.iter().any(|(k, _)| k == *r))
        .collect();
    if !both.is_empty() {
        return Err(format!(
            "can not both modify and remove the following annotation(s) in the same command: {}",
            both.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok((set, remove))
}

pub fn run_meta(ctx: &mut Ctx, p: &Parsed, io: &mut Io, meta: Meta) -> i32 {
    let args = p.args();
    let (resources, pairs) = match builder::split_pairs(&args, meta.word()) {
        Ok(x) => x,
        Err(e) => return report(io, &[KErr::Msg(e)]),
    };
    let list = p.get_bool("list");
    let local = p.get_bool("local");
    let files = p.get_strings("filename");
    let (set, remove) = match if meta == Meta::Labels {
        parse_labels(&pairs)
    } else {
        parse_annotations(&pairs)
    } {
        Ok(x) => x,
        Err(e) => return report(io, &[KErr::Msg(e)]),
    };
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    if local && dry == DryRun::Server {
        io.err(
            "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n",
        );
        return 1;
    }
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    // Validate.
    let example = if meta == Meta::Labels {
        "-f pod.yaml or --filename=pod.json"
    } else {
        "-f rsrc.yaml or --filename=rsrc.json"
    };
    if p.get_bool("all") && !p.get_string("selector").is_empty() {
        io.err("error: cannot set --all and --selector at the same time\n");
        return 1;
    }
    if p.get_bool("all") && !p.get_string("field-selector").is_empty() {
        io.err("error: cannot set --all and --field-selector at the same time\n");
        return 1;
    }
    if local && !resources.is_empty() {
        io.err(format!(
            "error: can only use local files by {example} when --local=true is set\n"
        ));
        return 1;
    }
    if local && files.is_empty() {
        io.err(format!(
            "error: one or more files must be specified as {example}\n"
        ));
        return 1;
    }
    if !local && resources.is_empty() && files.is_empty() {
        io.err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
        return 1;
    }
    if pairs.is_empty() && !list {
        io.err(format!(
            "error: at least one {} update is required\n",
            meta.word()
        ));
        return 1;
    }
    let overwrite = p.get_bool("overwrite");
    let resource_version = p.get_string("resource-version");
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(
        ctx,
        p,
        &stdin,
        &resources,
        Accept {
            selectors: true,
            ..Default::default()
        },
    ) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    if !resource_version.is_empty() && targets.len() > 1 {
        return report(
            io,
            &[KErr::Msg(
                "--resource-version may only be used with a single resource".into(),
            )],
        );
    }
    let one = targets.len() == 1;
    let mut printer = builder::Printer::default();
    for t in targets {
        let current = if local {
            match &t.obj {
                Some(o) => o.clone(),
                None => continue,
            }
        } else {
            match builder::fetch(ctx, &t) {
                Ok(o) => o,
                Err(e) => {
                    errs.push(e);
                    continue;
                }
            }
        };
        let old_map = current
            .at(&format!("/metadata/{}", meta.field()))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if list && pairs.is_empty() {
            if !one {
                io.out(format!(
                    "Listing {} for {}.{}/{}:\n",
                    meta.field(),
                    t.rt.kind,
                    t.rt.group,
                    t.name
                ));
            }
            let indent = if one { "" } else { " " };
            for (k, v) in &old_map {
                io.out(format!("{indent}{k}={}\n", v.as_str().unwrap_or("")));
            }
            continue;
        }
        if !overwrite {
            let clashes: Vec<String> = set
                .iter()
                .filter(|(k, _)| meta == Meta::Labels || k != CHANGE_CAUSE)
                .filter_map(|(k, v)| {
                    let cur = old_map.get(k).and_then(Value::as_str)?;
                    (cur != v).then(|| format!("'{k}' already has a value ({cur})"))
                })
                .collect();
            if !clashes.is_empty() {
                let msg = match meta {
                    Meta::Labels => clashes
                        .iter()
                        .map(|c| format!("{c}, and --overwrite is false"))
                        .collect::<Vec<_>>(),
                    Meta::Annotations => vec![format!(
                        "--overwrite is false but found the following declared annotation(s): {}",
                        clashes.join("; ")
                    )],
                };
                if msg.len() == 1 {
                    errs.push(KErr::Msg(msg[0].clone()));
                } else {
                    errs.push(KErr::Msg(format!("[{}]", msg.join(", "))));
                }
                continue;
            }
        }
        let mut new_map = old_map.clone();
        for (k, v) in &set {
            new_map.insert(k.clone(), json!(v));
        }
        for r in &remove {
            new_map.remove(r);
        }
        let mut updated = current.clone();
        let had_map = current
            .at("/metadata")
            .and_then(|m| m.get(meta.field()))
            .is_some();
        if !new_map.is_empty() || had_map {
            object::meta_mut(&mut updated)
                .insert(meta.field().into(), Value::Object(new_map.clone()));
        }
        if !resource_version.is_empty() {
            object::meta_mut(&mut updated)
                .insert("resourceVersion".into(), json!(resource_version));
        }
        let old_json = super::gojson::sorted_compact(&current);
        let new_json = super::gojson::sorted_compact(&updated);
        let msg = if meta == Meta::Annotations {
            "annotated"
        } else if old_json == new_json {
            "not labeled"
        } else if !overwrite && new_json.len() < old_json.len() {
            "unlabeled"
        } else {
            "labeled"
        };
        let result = if local || dry == DryRun::Client {
            updated
        } else {
            for r in &remove {
                if meta == Meta::Labels && !old_map.contains_key(r) {
                    io.out(format!("label {r:?} not found.\n"));
                }
            }
            let mut delta = Map::new();
            for (k, v) in &new_map {
                if old_map.get(k) != Some(v) {
                    delta.insert(k.clone(), v.clone());
                }
            }
            for k in old_map.keys() {
                if !new_map.contains_key(k) {
                    delta.insert(k.clone(), Value::Null);
                }
            }
            let mut m = Map::new();
            if !delta.is_empty() {
                m.insert(meta.field().into(), Value::Object(delta));
            }
            if !resource_version.is_empty() {
                m.insert("resourceVersion".into(), json!(resource_version));
            }
            let patch = if m.is_empty() {
                json!({})
            } else {
                json!({"metadata": m})
            };
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
        if list {
            for (k, v) in new_map.iter() {
                io.out(format!("{k}={}\n", v.as_str().unwrap_or("")));
            }
            continue;
        }
        printer.print(io, &out, t.rt, &result, msg, dry, false);
    }
    report(io, &errs)
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources, in the namespace of the specified resource types"),
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If true, check the specified action in all namespaces."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-label", "Name of the manager used to track field ownership."),
    FlagSpec::new("field-selector", None, FlagKind::String, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to update the labels"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("list", None, FlagKind::Bool, "false", "If true, display the labels for a given resource."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, label will NOT contact api-server but run locally."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("overwrite", None, FlagKind::Bool, "false", "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("resource-version", None, FlagKind::String, "", "If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

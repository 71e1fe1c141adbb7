//! `kubectl taint nodes NAME KEY[=VALUE]:EFFECT ... [KEY[:EFFECT]-]`, as kubectl's
//! `pkg/cmd/taint/taint.go` and `utils.go`: add, remove, overwrite with `--overwrite`.

use crate::sim::object::Pointer as _;
use serde_json::{json, Value};

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "taint",
    about: "Update the taints on one or more nodes.",
    examples: "  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'\n  # If a taint with that key and effect already exists, its value is replaced as specified\n  kubectl taint nodes foo dedicated=special-user:NoSchedule\n  \n  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists\n  kubectl taint nodes foo dedicated:NoSchedule-\n  \n  # Remove from node 'foo' all the taints with key 'dedicated'\n  kubectl taint nodes foo dedicated-",
    usage: "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all nodes in the cluster"),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::String, "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-taint", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("overwrite", None, FlagKind::Bool, "false", "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::String, "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

struct Taint {
    key: String,
    value: String,
    effect: String,
}

fn usage(io: &mut Io, msg: &str) -> i32 {
    io.err(format!(
        "error: {msg}\nSee 'kubectl taint -h' for help and examples\n"
    ));
    1
}

/// `key=value:Effect` (or `key:Effect`) to add; `key:Effect-` or `key-` to remove.
fn parse_spec(spec: &str) -> Result<(Taint, bool), String> {
    if let Some(rm) = spec.strip_suffix('-') {
        let (key, effect) = rm.split_once(':').unwrap_or((rm, ""));
        if !effect.is_empty() && !EFFECTS.contains(&effect) {
            return Err(format!(
                "invalid taint effect: {effect}, unsupported taint effect"
            ));
        }
        return Ok((
            Taint {
                key: key.into(),
                value: String::new(),
                effect: effect.into(),
            },
            true,
        ));
    }
    let Some((kv, effect)) = spec.split_once(':') else {
        return Err(format!("invalid taint spec: {spec}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
    };
    if !EFFECTS.contains(&effect) {
        return Err(format!(
            "invalid taint effect: {effect}, unsupported taint effect"
        ));
    }
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    if key.is_empty() {
        return Err(format!("invalid taint spec: {spec}"));
    }
    Ok((
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
        },
        false,
    ))
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals().to_vec();
    if args.is_empty() {
        io.err("error: one or more resources must be specified as <resource> <name>\n");
        return 1;
    }
    // `nodes NAME specs…` or `node/NAME specs…`
    let (name, specs) = match args[0].split_once('/') {
        Some(("node" | "nodes" | "no", n)) => (n.to_string(), &args[1..]),
        Some(_) => {
            io.err(format!(
                "error: invalid resource type {}, only node types are supported\n",
                args[0].split('/').next().unwrap_or("")
            ));
            return 1;
        }
        None => {
            if !matches!(args[0].as_str(), "node" | "nodes" | "no") {
                io.err(format!(
                    "error: invalid resource type {}, only node types are supported\n",
                    args[0]
                ));
                return 1;
            }
            match args.get(1) {
                Some(n) => (n.clone(), &args[2..]),
                None => {
                    io.err("error: at least one taint update is required\n");
                    return 1;
                }
            }
        }
    };
    if specs.is_empty() {
        io.err("error: at least one taint update is required\n");
        return 1;
    }
    let mut add = Vec::new();
    let mut remove = Vec::new();
    for s in specs {
        match parse_spec(s) {
            Ok((t, true)) => remove.push(t),
            Ok((t, false)) => add.push(t),
            Err(e) => return usage(io, &e),
        }
    }
    let nodes = rt("nodes");
    let mut node = match ctx.cluster.api.get(nodes, "", &name) {
        Ok(n) => n,
        Err(s) => {
            print_status(io, &s);
            return 1;
        }
    };
    let mut taints: Vec<Value> = node
        .at("/spec/taints")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let field = |t: &Value, k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let overwrite = p.get_bool("overwrite");
    if !overwrite {
        for t in &add {
            if taints
                .iter()
                .any(|x| field(x, "key") == t.key && field(x, "effect") == t.effect)
            {
                io.err(format!(
                    "error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false\n",
                    t.key
                ));
                return 1;
            }
        }
    }
    let mut operation = "tainted";
    for t in &add {
        let mut entry = json!({"effect": t.effect, "key": t.key});
        if !t.value.is_empty() {
            entry["value"] = json!(t.value);
        }
        match taints
            .iter_mut()
            .find(|x| field(x, "key") == t.key && field(x, "effect") == t.effect)
        {
            Some(x) => {
                *x = entry;
                operation = "modified";
            }
            None => taints.push(entry),
        }
    }
    for t in &remove {
        let before = taints.len();
        taints.retain(|x| {
            !(field(x, "key") == t.key && (t.effect.is_empty() || field(x, "effect") == t.effect))
        });
        if taints.len() == before {
            let shown = if t.effect.is_empty() {
                t.key.clone()
            } else {
                format!("{}:{}", t.key, t.effect)
            };
            io.err(format!("error: taint {shown:?} not found\n"));
            return 1;
        }
        operation = "untainted";
    }
    if let Some(spec) = node
        .as_object_mut()
        .map(|o| o.entry("spec").or_insert_with(|| json!({})))
        .and_then(|s| s.as_object_mut())
    {
        if taints.is_empty() {
            spec.remove("taints");
        } else {
            spec.insert("taints".into(), Value::Array(taints));
        }
    }
    let dry = p.get_string("dry-run");
    let suffix = match dry.as_str() {
        "client" => " (dry run)",
        "server" => " (server dry run)",
        _ => "",
    };
    if dry != "client" && dry != "server" {
        if let Err(s) = ctx.cluster.api.update(nodes, node) {
            print_status(io, &s);
            return 1;
        }
    }
    io.out(format!("node/{name} {operation}{suffix}\n"));
    0
}

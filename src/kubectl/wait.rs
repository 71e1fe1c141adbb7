//! `kubectl wait --for=condition=Ready|delete|jsonpath='{.path}'=value TYPE/NAME`: runs the
//! cluster clock a second at a time until every object meets the condition or `--timeout`
//! (default 30s) passes, printing `pod/nginx condition met` or
//! `error: timed out waiting for the condition on pods/nginx`.

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::{self, ResourceType};

pub static COMMAND: Command = Command {
    name: "wait",
    about: "Experimental: Wait for a specific condition on one or many resources.",
    examples: "  # Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"\n  kubectl wait --for=condition=Ready pod/busybox1",
    usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all", None, FlagKind::Bool, "false", "Select all resources in the namespace of the specified resource types"),
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("field-selector", None, FlagKind::String, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringArray, "[]", "identifying the resource."),
    FlagSpec::new("for", None, FlagKind::String, "", "The condition to wait on: [delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity."),
    FlagSpec::new("local", None, FlagKind::Bool, "false", "If true, annotation will NOT contact api-server but run locally."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "true", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("timeout", None, FlagKind::Duration, "30s", "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week."),
];

/// The clock runs at most this long, whatever `--timeout` says.
const MAX_WAIT_MS: i64 = 3_600_000;

enum For {
    Delete,
    Condition(String, String),
    JsonPath(Vec<String>, Option<String>),
}

fn parse_for(s: &str) -> Result<For, String> {
    if s == "delete" {
        return Ok(For::Delete);
    }
    if let Some(c) = s.strip_prefix("condition=") {
        let (name, value) = c.split_once('=').unwrap_or((c, "true"));
        return Ok(For::Condition(name.to_string(), value.to_string()));
    }
    if let Some(j) = s.strip_prefix("jsonpath=") {
        let (path, value) = match j.rfind("}=") {
            Some(i) => (&j[..=i], Some(j[i + 2..].to_string())),
            None => (j, None),
        };
        let inner = path.trim_start_matches('{').trim_end_matches('}');
        let parts = inner
            .trim_start_matches('.')
            .split('.')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        return Ok(For::JsonPath(parts, value));
    }
    Err(format!("unrecognized condition: \"{s}\""))
}

fn met(obj: &Value, cond: &For) -> bool {
    match cond {
        For::Delete => false,
        For::Condition(name, value) => obj
            .at("/status/conditions")
            .and_then(|c| c.as_array())
            .is_some_and(|cs| {
                cs.iter().any(|c| {
                    c.get("type").and_then(|t| t.as_str()) == Some(name.as_str())
                        && c.get("status")
                            .and_then(|t| t.as_str())
                            .is_some_and(|s| s.eq_ignore_ascii_case(value))
                })
            }),
        For::JsonPath(parts, value) => {
            let mut v = obj;
            for p in parts {
                match v.get(p.as_str()) {
                    Some(n) => v = n,
                    None => return false,
                }
            }
            match value {
                None => true,
                Some(want) => match v {
                    Value::String(s) => s == want,
                    other => want.as_str() == other.to_string().as_str(),
                },
            }
        }
    }
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let for_flag = p.get_string("for");
    if for_flag.is_empty() {
        io.err("error: unrecognized condition: \"\"\n");
        return 1;
    }
    let cond = match parse_for(&for_flag) {
        Ok(c) => c,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let args = p.positionals();
    if args.is_empty() && p.get_strings("filename").is_empty() {
        io.err(format!("error: {}\n", super::builder::MISSING_RESOURCE));
        return 1;
    }
    let mut targets: Vec<(&'static ResourceType, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some((ty, name)) = a.split_once('/') {
            let Some(rt) = resources::resolve(ty) else {
                io.err(format!(
                    "error: the server doesn't have a resource type \"{ty}\"\n"
                ));
                return 1;
            };
            targets.push((rt, name.to_string()));
            i += 1;
        } else {
            let Some(rt) = resources::resolve(a) else {
                io.err(format!(
                    "error: the server doesn't have a resource type \"{a}\"\n"
                ));
                return 1;
            };
            for n in &args[i + 1..] {
                targets.push((rt, n.clone()));
            }
            break;
        }
    }
    if targets.is_empty() {
        io.err("error: resource(s) were provided, but no name was specified\n");
        return 1;
    }
    let ns = ctx.namespace(p);
    let timeout_ms = (p.get_duration("timeout") / 1_000_000).clamp(0, MAX_WAIT_MS);
    let mut code = 0;
    for (rt, name) in targets {
        let namespace = if rt.namespaced { ns.as_str() } else { "" };
        let first = ctx.cluster.api.get(rt, namespace, &name);
        let uid = match &first {
            Ok(o) => o.at("/metadata/uid").cloned(),
            Err(st) => {
                if matches!(cond, For::Delete) {
                    continue;
                }
                print_status(io, st);
                code = 1;
                continue;
            }
        };
        let mut waited = 0;
        loop {
            let done = match ctx.cluster.api.get(rt, namespace, &name) {
                Ok(o) => {
                    if matches!(cond, For::Delete) {
                        o.at("/metadata/uid").cloned() != uid
                    } else {
                        met(&o, &cond)
                    }
                }
                Err(_) => matches!(cond, For::Delete),
            };
            if done {
                io.out(format!("{}/{name} condition met\n", rt.kind_prefix()));
                break;
            }
            if waited >= timeout_ms {
                io.err(format!(
                    "error: timed out waiting for the condition on {}/{name}\n",
                    rt.group_resource()
                ));
                code = 1;
                break;
            }
            let step = 1000.min(timeout_ms - waited).max(1);
            ctx.cluster.advance(step);
            waited += step;
        }
    }
    code
}

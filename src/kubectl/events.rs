//! `kubectl events`: the events of a namespace (or all), oldest first, optionally only those
//! about one object (`--for pod/nginx`) or of some types (`--types=Warning`).

use crate::sorting::SharedSort;
use serde_json::{json, Value};

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::printers;
use crate::printers::describe::event_interval;
use crate::shell::Io;
use crate::sim::clock::parse_rfc3339;
use crate::sim::object::{self, str_at};
use crate::sim::resources::{self, ResourceType};

pub static COMMAND: Command = Command {
    name: "events",
    about: "Display events.\n\n Prints a table of the most important information about events: when each was last seen,\n its type and reason, the object it is about and its message. List the events of the current\n namespace or of all namespaces, or only those about one object.",
    examples: "  # Recent events in the current namespace, oldest first\n  kubectl events\n  \n  # Recent events in every namespace\n  kubectl events -A\n  \n  # Only the events about one pod\n  kubectl events --for pod/nginx\n  \n  # The same events as YAML\n  kubectl events --for pod/nginx -o yaml\n  \n  # Only warnings\n  kubectl events --types=Warning",
    usage: "kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("chunk-size", None, FlagKind::Int, "500", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
    FlagSpec::new("for", None, FlagKind::String, "", "Filter events to only those pertaining to the specified resource."),
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "When using the default output format, don't print headers."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("types", None, FlagKind::StringSlice, "[]", "Output only events of given types."),
    FlagSpec::new("watch", Some('w'), FlagKind::Bool, "false", "After listing the requested events, watch for more events."),
];

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let ns = ctx.namespace(p);
    let all_ns = p.get_bool("all-namespaces");

    // --for TYPE/NAME
    let for_obj = p.get_string("for");
    let mut for_filter: Option<(&'static ResourceType, String)> = None;
    if !for_obj.is_empty() {
        if !for_obj.contains('/') {
            io.err("error: --for must be in resource/name form\n");
            return 1;
        }
        let seg: Vec<&str> = for_obj.split('/').collect();
        if seg.len() != 2 {
            io.err("error: arguments in resource/name form may not have more than one slash\n");
            return 1;
        }
        let Some(rt) = resources::resolve(&seg[0].to_ascii_lowercase()) else {
            io.err(format!(
                "error: the server doesn't have a resource type \"{}\"\n",
                seg[0].to_ascii_lowercase()
            ));
            return 1;
        };
        for_filter = Some((rt, seg[1].to_string()));
    }

    let output = p.get_string("output");
    if !output.is_empty() && !matches!(output.as_str(), "json" | "yaml" | "name") {
        let allowed = [
            "go-template",
            "go-template-file",
            "json",
            "jsonpath",
            "jsonpath-as-json",
            "jsonpath-file",
            "name",
            "template",
            "templatefile",
            "yaml",
        ];
        if allowed.contains(&output.as_str()) {
            io.err(format!(
                "error: \"kubectl events -o {output}\" is not available in this playground yet\n"
            ));
        } else {
            io.err(format!("error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: {}\n", allowed.join(",")));
        }
        return 1;
    }

    let mut types: Vec<String> = p.get_strings("types");
    types.sort_shared();
    types.dedup();
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        io.err("error: valid --types are Normal or Warning\n");
        return 1;
    }
    if p.get_bool("watch") {
        io.err("error: \"kubectl events --watch\" is not available in this playground yet\n");
        return 1;
    }

    let now = ctx.cluster.now();
    let scope = if all_ns { None } else { Some(ns.as_str()) };
    let mut events: Vec<Value> = ctx
        .cluster
        .api
        .for_each(resources::rt("events"), scope)
        .filter(|e| match &for_filter {
            None => true,
            Some((rt, name)) => {
                str_at(e, "/involvedObject/kind") == rt.kind
                    && str_at(e, "/involvedObject/apiVersion") == rt.api_version()
                    && str_at(e, "/involvedObject/name") == name
            }
        })
        .filter(|e| {
            types.is_empty()
                || types
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(str_at(e, "/type")))
        })
        .cloned()
        .collect();
    if events.is_empty() {
        if all_ns {
            io.err("No events found.\n");
        } else {
            io.err(format!("No events found in {ns} namespace.\n"));
        }
        return 0;
    }
    // Oldest first, by the series' last time, else the last timestamp, else the event time.
    let time = |e: &Value| {
        let t = match e.get("series").filter(|s| s.is_object()) {
            Some(s) => str_at(s, "/lastObservedTime"),
            None => match str_at(e, "/lastTimestamp") {
                "" => str_at(e, "/eventTime"),
                t => t,
            },
        };
        parse_rfc3339(t).unwrap_or(i64::MIN)
    };
    printers::gosort::sort_by(&mut events, |a, b| time(a) < time(b));

    match output.as_str() {
        "yaml" | "json" => {
            let list = json!({
                "apiVersion": "v1",
                "items": events,
                "kind": "EventList",
                "metadata": {},
            });
            io.out(if output == "yaml" {
                printers::yaml::to_yaml(&list)
            } else {
                printers::json::to_json(&list)
            });
        }
        "name" => {
            for e in &events {
                io.out(format!("event/{}\n", object::name(e)));
            }
        }
        _ => {
            let mut rows: Vec<Vec<String>> = vec![];
            if !p.get_bool("no-headers") {
                let mut h: Vec<String> = vec![];
                if all_ns {
                    h.push("NAMESPACE".into());
                }
                h.extend(
                    ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
                        .iter()
                        .map(|s| s.to_string()),
                );
                rows.push(h);
            }
            for e in &events {
                let mut r: Vec<String> = vec![];
                if all_ns {
                    r.push(object::namespace(e).to_string());
                }
                r.push(event_interval(e, now));
                r.push(str_at(e, "/type").to_string());
                r.push(str_at(e, "/reason").to_string());
                r.push(format!(
                    "{}/{}",
                    str_at(e, "/involvedObject/kind"),
                    str_at(e, "/involvedObject/name")
                ));
                r.push(str_at(e, "/message").trim().to_string());
                rows.push(r);
            }
            io.out(printers::tabwriter::get_table(&rows));
        }
    }
    0
}

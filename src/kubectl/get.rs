//! `kubectl get`: lists or fetches objects and prints them as tables, names, YAML or JSON.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::{json, Value};

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, Command, Ctx};
use crate::printers;
use crate::shell::Io;
use crate::sim::apiserver::Status;
use crate::sim::clock::TimeMs;
use crate::sim::labels::Selector;
use crate::sim::object;
use crate::sim::resources::{self, ResourceType};
use crate::sim::Cluster;

pub static COMMAND: Command = Command {
    name: "get",
    about: "Display one or many resources.\n\n Prints a table of the most useful fields of the resources you name. Filter with a label\n selector (-l), pick a namespace (-n) or all of them (-A), and choose another output format with -o.",
    examples: "  # List the pods in the current namespace\n  kubectl get pods\n  \n  # The same, with node and IP columns\n  kubectl get pods -o wide\n  \n  # One deployment as YAML\n  kubectl get deployment nginx -o yaml\n  \n  # Pods in every namespace\n  kubectl get pods -A",
    usage: "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("chunk-size", None, FlagKind::Int, "500", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
    FlagSpec::new("field-selector", None, FlagKind::String, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringArray, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
    FlagSpec::new("ignore-not-found", None, FlagKind::Bool, "false", "If the requested object does not exist the command will return exit code 0."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("label-columns", Some('L'), FlagKind::StringSlice, "[]", "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2..."),
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "When using the default or custom-column output format, don't print headers (default print headers)."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/]."),
    FlagSpec::new("output-watch-events", None, FlagKind::Bool, "false", "Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events."),
    FlagSpec::new("raw", None, FlagKind::String, "", "Raw URI to request from the server.  Uses the transport specified by the kubeconfig file."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("server-print", None, FlagKind::Bool, "true", "If true, have the server return the appropriate table output. Supports extension APIs and CRDs."),
    FlagSpec::new("show-kind", None, FlagKind::Bool, "false", "If present, list the resource type for the requested object(s)."),
    FlagSpec::new("show-labels", None, FlagKind::Bool, "false", "When printing, show all labels as the last column (default hide labels column)"),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("sort-by", None, FlagKind::String, "", "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string."),
    FlagSpec::new("subresource", None, FlagKind::String, "", "If specified, gets the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("watch", Some('w'), FlagKind::Bool, "false", "After listing/getting the requested object, watch for changes."),
    FlagSpec::new("watch-only", None, FlagKind::Bool, "false", "Watch for changes to the requested object(s), without listing/getting first."),
];

/// What `kubectl get all` expands to, in discovery order.
pub const ALL_CATEGORY: &[&str] = &[
    "pods",
    "replicationcontrollers",
    "services",
    "daemonsets.apps",
    "deployments.apps",
    "replicasets.apps",
    "statefulsets.apps",
    "horizontalpodautoscalers.autoscaling",
    "cronjobs.batch",
    "jobs.batch",
];

/// One request the arguments make: a type, and the names asked for (empty: list them all).
pub struct Request {
    pub rt: &'static ResourceType,
    pub names: Vec<String>,
}

/// `pods`, `pods a b`, `pods,svc`, `pod/a svc/b`, `all`: the requests they make, in order.
pub fn parse_resource_args(args: &[String]) -> Result<Vec<Request>, String> {
    let Some(first) = args.first() else {
        return Ok(vec![]);
    };
    let resolve = |t: &str| -> Result<&'static ResourceType, String> {
        resources::resolve(t)
            .ok_or_else(|| format!("the server doesn't have a resource type \"{t}\""))
    };
    if args.iter().any(|a| a.contains('/')) {
        let mut reqs: Vec<Request> = vec![];
        for a in args {
            let Some((t, n)) = a.split_once('/') else {
                return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".to_string());
            };
            if n.is_empty() {
                return Err(
                    "arguments in resource/name form must have a single resource and name"
                        .to_string(),
                );
            }
            let rt = resolve(t)?;
            match reqs.last_mut() {
                Some(last) if last.rt == rt => last.names.push(n.to_string()),
                _ => reqs.push(Request {
                    rt,
                    names: vec![n.to_string()],
                }),
            }
        }
        return Ok(reqs);
    }
    let mut reqs = vec![];
    for t in first.split(',').filter(|t| !t.is_empty()) {
        if t == "all" {
            for name in ALL_CATEGORY {
                reqs.push(Request {
                    rt: resources::rt(name),
                    names: vec![],
                });
            }
            continue;
        }
        reqs.push(Request {
            rt: resolve(t)?,
            names: vec![],
        });
    }
    let names: Vec<String> = args[1..].to_vec();
    if names.iter().any(String::is_empty) {
        // client-go refuses to build a request for an empty name.
        return Err("resource name may not be empty".to_string());
    }
    if !names.is_empty() {
        for r in reqs.iter_mut() {
            r.names = names.clone();
        }
    }
    Ok(reqs)
}

/// A field selector (`status.phase=Running,spec.nodeName!=node01`).
fn field_matches(obj: &Value, sel: &[(String, bool, String)]) -> bool {
    sel.iter().all(|(field, eq, want)| {
        let ptr = format!("/{}", field.replace('.', "/"));
        let have = match obj.at(&ptr) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        (have == *want) == *eq
    })
}

fn parse_field_selector(s: &str) -> Result<Vec<(String, bool, String)>, String> {
    let mut out = vec![];
    for part in s.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, eq, v) = if let Some((k, v)) = part.split_once("!=") {
            (k, false, v)
        } else if let Some((k, v)) = part.split_once("==") {
            (k, true, v)
        } else if let Some((k, v)) = part.split_once('=') {
            (k, true, v)
        } else {
            return Err(format!(
                "invalid selector: '{s}'; can't understand '{part}'"
            ));
        };
        out.push((k.trim().to_string(), eq, v.trim().to_string()));
    }
    Ok(out)
}

fn kind_name(rt: &ResourceType, obj: &Value) -> String {
    format!("{}/{}", rt.kind_prefix(), object::name(obj))
}

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals();
    let raw = p.get_string("raw");
    if !raw.is_empty() {
        return run_raw(ctx, p, &raw, io);
    }
    if args.is_empty()
        && p.get_strings("filename").is_empty()
        && p.get_string("kustomize").is_empty()
    {
        io.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n");
        return 1;
    }
    let output = p.get_string("output");
    let wide = output == "wide";
    let printer = match output_printer(ctx, p, &output) {
        Ok(x) => x,
        Err(e) => {
            io.err(e);
            return 1;
        }
    };
    let sort_by = p.get_string("sort-by");
    let sort_path = if sort_by.is_empty() {
        None
    } else {
        match printers::jsonpath::relaxed(&sort_by)
            .and_then(|t| printers::jsonpath::JsonPath::parse(&t).map(|j| (t, j)))
        {
            Ok((t, j)) => Some((t, j.allow_missing_keys(true))),
            Err(e) => {
                io.err(format!("error: {e}\n"));
                return 1;
            }
        }
    };
    // `-f FILE` / `-k DIR`: the objects those name, as they are in the cluster.
    let from_files = !p.get_strings("filename").is_empty() || !p.get_string("kustomize").is_empty();
    let named = if from_files {
        let stdin = io.take_stdin();
        match super::builder::targets(ctx, p, &stdin, args, Default::default()) {
            Ok((targets, errs)) if errs.is_empty() => targets,
            Ok((_, errs)) | Err(errs) => return super::builder::report(io, &errs),
        }
    } else {
        vec![]
    };
    let reqs = if from_files {
        vec![]
    } else {
        match parse_resource_args(args) {
            Ok(r) => r,
            Err(e) => {
                io.err(format!("error: {e}\n"));
                return 1;
            }
        }
    };
    let selector = match Selector::parse(&p.get_string("selector")) {
        Ok(s) => s,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let fields = match parse_field_selector(&p.get_string("field-selector")) {
        Ok(f) => f,
        Err(e) => {
            io.err(format!("Error from server (BadRequest): {e}\n"));
            return 1;
        }
    };
    let all_ns = p.get_bool("all-namespaces");
    let ns = ctx.namespace(p);
    let ignore_not_found = p.get_bool("ignore-not-found");
    let now = ctx.cluster.now();
    let api = &ctx.cluster.api;

    // Fetch: one result group per request, errors collected for the end.
    // Objects are borrowed from the store: a table of 1,000 pods copies none of them.
    // Objects the API server computes on each request rather than stores.
    let component_statuses = if reqs.iter().any(|r| r.rt.plural == "componentstatuses") {
        api.component_statuses()
    } else {
        Vec::new()
    };
    let mut groups: Vec<(&'static ResourceType, Vec<&Value>)> = vec![];
    let mut errors: Vec<Status> = vec![];
    let single_item = reqs.len() == 1 && reqs[0].names.len() == 1 || named.len() == 1;
    for t in &named {
        let found = api.peek(t.rt, &t.namespace, &t.name);
        match found {
            Some(o) => match groups.last_mut() {
                Some((rt, items)) if std::ptr::eq(*rt, t.rt) => items.push(o),
                _ => groups.push((t.rt, vec![o])),
            },
            None if ignore_not_found => {}
            None => errors.push(Status::not_found(t.rt, &t.name)),
        }
    }
    for r in &reqs {
        if !r.rt.listable {
            io.err("Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n");
            return 1;
        }
        if r.rt.plural == "componentstatuses" {
            // Computed by the API server on each request, which also sends the deprecation
            // warning header kubectl prints.
            io.err("Warning: v1 ComponentStatus is deprecated in v1.19+\n");
            let all = &component_statuses;
            let mut items = vec![];
            if r.names.is_empty() {
                items = all
                    .iter()
                    .filter(|o| {
                        selector.matches(object::labels_ref(o)) && field_matches(o, &fields)
                    })
                    .collect();
            } else {
                for n in &r.names {
                    match all.iter().find(|o| object::name(o) == n) {
                        Some(o) => items.push(o),
                        None if ignore_not_found => {}
                        None => errors.push(Status::not_found(r.rt, n)),
                    }
                }
            }
            groups.push((r.rt, items));
        } else if r.names.is_empty() {
            let scope = if all_ns { None } else { Some(ns.as_str()) };
            let items: Vec<&Value> = api
                .for_each(r.rt, scope)
                .filter(|o| selector.matches(object::labels_ref(o)) && field_matches(o, &fields))
                .collect();
            groups.push((r.rt, items));
        } else {
            let mut items = vec![];
            for n in &r.names {
                match api.peek(r.rt, &ns, n) {
                    Some(o) => items.push(o),
                    None if ignore_not_found => {}
                    None => errors.push(Status::not_found(r.rt, n)),
                }
            }
            groups.push((r.rt, items));
        }
    }

    if let Some((field, jp)) = &sort_path {
        for (_, items) in groups.iter_mut() {
            if let Err(e) = sort_items(items, field, jp) {
                io.err(e);
                return 1;
            }
        }
    }

    let watch = p.get_bool("watch") || p.get_bool("watch-only");
    if watch && printer.is_none() && (output.is_empty() || wide) && reqs.len() == 1 {
        let w = Watch {
            rt: reqs[0].rt,
            names: reqs[0].names.clone(),
            ns: if all_ns { None } else { Some(ns.clone()) },
            selector,
            fields,
            wide,
            events: p.get_bool("output-watch-events"),
            only: p.get_bool("watch-only"),
            no_headers: p.get_bool("no-headers"),
        };
        let items: Vec<Value> = groups
            .pop()
            .map(|g| g.1.into_iter().cloned().collect())
            .unwrap_or_default();
        for e in &errors {
            print_status(io, e);
        }
        return watch_table(ctx, &w, items, io);
    }

    if let Some(printer) = &printer {
        let st = print_with(printer, &groups, single_item, p, io);
        for e in &errors {
            print_status(io, e);
        }
        return if st != 0 || !errors.is_empty() { 1 } else { 0 };
    }

    match output.as_str() {
        "yaml" | "json" => {
            let items: Vec<Value> = groups
                .iter()
                .flat_map(|(_, v)| v.iter().map(|o| (*o).clone()))
                .collect();
            let doc = if single_item && items.len() == 1 {
                items[0].clone()
            } else if single_item && items.is_empty() {
                Value::Null
            } else {
                json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
            };
            if !doc.is_null() {
                io.out(if output == "yaml" {
                    printers::yaml::to_yaml(&doc)
                } else {
                    printers::json::to_json(&doc)
                });
            }
        }
        "name" => {
            for (rt, items) in &groups {
                for o in items {
                    io.out(format!("{}\n", kind_name(rt, o)));
                }
            }
        }
        _ => {
            let with_kind = groups.len() > 1 && groups.windows(2).any(|w| w[0].0 != w[1].0)
                || p.get_bool("show-kind");
            let show_labels = p.get_bool("show-labels");
            let label_cols: Vec<String> = p.get_strings("label-columns");
            let no_headers = p.get_bool("no-headers");
            let mut written = false;
            let mut all_namespaced = !all_ns;
            for (rt, items) in &groups {
                all_namespaced &= rt.namespaced;
                if items.is_empty() {
                    continue;
                }
                let with_ns = all_ns && rt.namespaced;
                let mut rows: Vec<Vec<String>> = vec![];
                if !no_headers {
                    let mut h: Vec<String> = vec![];
                    if with_ns {
                        h.push("NAMESPACE".into());
                    }
                    h.extend(
                        printers::get::headers(rt.kind, wide)
                            .iter()
                            .map(|s| s.to_string()),
                    );
                    for l in &label_cols {
                        h.push(l.rsplit('/').next().unwrap_or(l).to_ascii_uppercase());
                    }
                    if show_labels {
                        h.push("LABELS".into());
                    }
                    rows.push(h);
                }
                for o in items {
                    let mut cells = vec![];
                    if with_ns {
                        cells.push(object::namespace(o).to_string());
                    }
                    let mut r = printers::get::row(rt.kind, o, now, wide);
                    if with_kind && rt.kind != "Event" {
                        if let Some(first) = r.first_mut() {
                            *first = kind_name(rt, o);
                        }
                    }
                    cells.extend(r);
                    let labels = object::labels_ref(o);
                    for l in &label_cols {
                        cells.push(
                            labels
                                .get(l)
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string(),
                        );
                    }
                    if show_labels {
                        let s = object::labels_string(labels);
                        cells.push(if s.is_empty() { "<none>".into() } else { s });
                    }
                    rows.push(cells);
                }
                if written && !no_headers {
                    io.out("\n");
                }
                io.out(printers::tabwriter::get_table(&rows));
                written = true;
            }
            if !written && errors.is_empty() && !ignore_not_found {
                if all_namespaced {
                    io.err(format!("No resources found in {ns} namespace.\n"));
                } else {
                    io.err("No resources found\n");
                }
            }
        }
    }
    for e in &errors {
        print_status(io, e);
    }
    if errors.is_empty() {
        0
    } else {
        1
    }
}

/// The printers behind `-o jsonpath…`, `-o go-template…`/`template…` and `-o custom-columns…`.
pub enum Printer {
    JsonPath(String, bool),
    GoTemplate(String),
    Columns(Vec<printers::custom_columns::Column>),
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// Reads `-o`/`--template` into a printer; None for the built-in formats (table, wide, json,
/// yaml, name). The error is the whole text kubectl prints.
/// `kubectl get --raw PATH`: the API server's answer, byte for byte.
fn run_raw(ctx: &mut Ctx, p: &Parsed, raw: &str, io: &mut Io) -> i32 {
    let fail = |io: &mut Io, msg: &str| {
        io.err(format!("error: {msg}\n"));
        1
    };
    if !p.positionals().is_empty() {
        return fail(io, "arguments may not be passed when --raw is specified");
    }
    if p.get_bool("watch") || p.get_bool("watch-only") || !p.get_string("selector").is_empty() {
        return fail(io, "--raw may not be specified with other flags that filter the server request or alter the output");
    }
    if !p.get_string("output").is_empty() {
        return fail(io, "--raw and --output are mutually exclusive");
    }
    if !raw.starts_with('/') {
        return fail(
            io,
            &format!("--raw must be a valid URL path: parse \"{raw}\": invalid URI for request"),
        );
    }
    let r = ctx.cluster.api_request(raw);
    if (200..300).contains(&r.status) {
        io.out(r.body);
        return 0;
    }
    let status = serde_json::from_str::<Value>(&r.body)
        .ok()
        .filter(|v| v.get("kind").and_then(Value::as_str) == Some("Status"));
    let (reason, message) = match status {
        Some(s) => (
            s["reason"].as_str().unwrap_or("").to_string(),
            s["message"].as_str().unwrap_or("").to_string(),
        ),
        // client-go's words for an answer that is not a Status.
        None => match r.status {
            404 => ("NotFound".into(), "the server could not find the requested resource".into()),
            503 => ("ServiceUnavailable".into(), "the server is currently unable to handle the request".into()),
            code if code >= 500 => {
                let body = r.body.trim();
                let body = if body.is_empty() { "unknown" } else { body };
                ("InternalError".into(), format!("an error on the server ({body:?}) has prevented the request from succeeding"))
            }
            code => ("Unknown".into(), format!("the server responded with the status code {code} but did not return more information")),
        },
    };
    io.err(format!("Error from server ({reason}): {message}\n"));
    1
}

pub fn output_printer(ctx: &Ctx, p: &Parsed, output: &str) -> Result<Option<Printer>, String> {
    let (format, inline) = match output.split_once('=') {
        Some((f, v)) => (f, Some(v.to_string())),
        None => (output, None),
    };
    let template_flag = p.get_string("template");
    let value = inline.unwrap_or(template_flag);
    let read = |path: &str| -> Result<String, String> {
        let abs = crate::vfs::normalize(&ctx.cwd, path);
        ctx.fs
            .read(&abs)
            .map_err(|e| format!("open {path}: {}", e.to_string().to_lowercase()))
    };
    let need = |v: &str| -> Result<(), String> {
        if v.is_empty() {
            Err("error: template format specified but no template given\n".to_string())
        } else {
            Ok(())
        }
    };
    match format {
        "" | "wide" | "json" | "yaml" | "name" if !output.contains('=') => Ok(None),
        "jsonpath" | "jsonpath-as-json" => {
            need(&value)?;
            printers::jsonpath::JsonPath::parse(&value)
                .map_err(|e| format!("error: error parsing jsonpath {value}, {e}\n"))?;
            Ok(Some(Printer::JsonPath(value, format == "jsonpath-as-json")))
        }
        "jsonpath-file" => {
            need(&value)?;
            let t = read(&value).map_err(|e| format!("error: error reading --template {value}, {e}\n\n"))?;
            printers::jsonpath::JsonPath::parse(&t)
                .map_err(|e| format!("error: error parsing jsonpath {t}, {e}\n"))?;
            Ok(Some(Printer::JsonPath(t, false)))
        }
        "go-template" | "template" => {
            need(&value)?;
            printers::gotemplate::parse(&value)
                .map_err(|e| format!("error: error parsing template {value}, {e}\n"))?;
            Ok(Some(Printer::GoTemplate(value)))
        }
        "go-template-file" | "templatefile" => {
            need(&value)?;
            let t = read(&value).map_err(|e| format!("error: error reading --template {value}, {e}\n\n"))?;
            printers::gotemplate::parse(&t)
                .map_err(|e| format!("error: error parsing template {t}, {e}\n"))?;
            Ok(Some(Printer::GoTemplate(t)))
        }
        "custom-columns" => printers::custom_columns::from_spec(&value)
            .map(|c| Some(Printer::Columns(c)))
            .map_err(|e| format!("error: {e}\n")),
        "custom-columns-file" => {
            let t = read(&value).map_err(|e| format!("error: error reading template {value}, {e}\n\n"))?;
            printers::custom_columns::from_file(&t)
                .map(|c| Some(Printer::Columns(c)))
                .map_err(|e| format!("error: {e}\n"))
        }
        _ => Err(format!("error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: {ALLOWED}\n")),
    }
}

/// Prints the fetched groups with a template or custom-columns printer.
fn print_with(
    printer: &Printer,
    groups: &[(&'static ResourceType, Vec<&Value>)],
    single_item: bool,
    p: &Parsed,
    io: &mut Io,
) -> i32 {
    let items: Vec<Value> = groups
        .iter()
        .flat_map(|(_, v)| v.iter().map(|o| (*o).clone()))
        .collect();
    let allow_missing = p.get_bool("allow-missing-template-keys");
    if let Printer::Columns(cols) = printer {
        if items.is_empty() {
            return 0;
        }
        match printers::custom_columns::print(cols, &items, p.get_bool("no-headers")) {
            Ok(s) => io.out(s),
            Err(e) => {
                io.err(format!("error: {e}\n"));
                return 1;
            }
        }
        return 0;
    }
    let doc = if single_item && items.len() == 1 {
        items[0].clone()
    } else if single_item && items.is_empty() {
        return 0;
    } else {
        json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
    };
    match printer {
        Printer::JsonPath(t, as_json) => {
            match printers::jsonpath::print(t, &doc, *as_json, allow_missing) {
                Ok(s) => {
                    io.out(s);
                    0
                }
                Err(e) => {
                    io.err(e);
                    1
                }
            }
        }
        Printer::GoTemplate(t) => match printers::gotemplate::print(t, &doc, allow_missing) {
            Ok(s) => {
                io.out(s);
                0
            }
            Err((out, e)) => {
                io.out(out);
                io.err(e);
                1
            }
        },
        Printer::Columns(_) => 0,
    }
}

/// `--sort-by`: kubectl's `SortObjects` (natural order for strings, numbers by value, objects
/// without the field first).
fn sort_items(
    items: &mut [&Value],
    field: &str,
    jp: &printers::jsonpath::JsonPath,
) -> Result<(), String> {
    if items.is_empty() {
        return Ok(());
    }
    let mut keys: Vec<Option<Value>> = vec![];
    for o in items.iter() {
        let r = jp.find_results(o).map_err(|e| format!("error: {e}\n"))?;
        keys.push(r.first().and_then(|v| v.first()).cloned());
    }
    if keys.iter().all(Option::is_none) {
        return Err(format!(
            "error: couldn't find any field with path \"{field}\" in the list of objects\n"
        ));
    }
    for k in keys.iter().flatten() {
        if matches!(k, Value::Object(_) | Value::Array(_) | Value::Null) {
            let kind = match k {
                Value::Object(_) => "map",
                Value::Array(_) => "slice",
                _ => "invalid",
            };
            return Err(format!(
                "error: Field {field} in *unstructured.Unstructured is an unsortable type: {kind}, err: unsortable type: {kind}\n"
            ));
        }
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_shared_by(|&a, &b| {
        use std::cmp::Ordering;
        match (&keys[a], &keys[b]) {
            (None, None) => Ordering::Equal,
            (None, _) => Ordering::Less,
            (_, None) => Ordering::Greater,
            (Some(x), Some(y)) => sort_cmp(x, y),
        }
    });
    let sorted: Vec<&Value> = idx.iter().map(|&i| items[i]).collect();
    for (slot, v) in items.iter_mut().zip(sorted) {
        *slot = v;
    }
    Ok(())
}

fn sort_cmp(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::String(x), Value::String(y)) => natural_cmp(x, y),
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// `sortorder.NaturalLess`: runs of digits compare as numbers.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let (cx, cy) = (x[i], y[j]);
        if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let si = i;
            while i < x.len() && x[i] == b'0' {
                i += 1;
            }
            let nzi = i;
            while i < x.len() && x[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < y.len() && y[j] == b'0' {
                j += 1;
            }
            let nzj = j;
            while j < y.len() && y[j].is_ascii_digit() {
                j += 1;
            }
            let (dx, dy) = (&x[nzi..i], &y[nzj..j]);
            let o = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(dy));
            if o != Ordering::Equal {
                return o;
            }
            let o = (nzi - si).cmp(&(nzj - sj));
            if o != Ordering::Equal {
                return o;
            }
            continue;
        }
        if cx != cy {
            return cx.cmp(&cy);
        }
        i += 1;
        j += 1;
    }
    (x.len() - i).cmp(&(y.len() - j))
}

/// What `get -w` watches.
#[derive(Clone, Debug)]
struct Watch {
    rt: &'static ResourceType,
    names: Vec<String>,
    ns: Option<String>,
    selector: Selector,
    fields: Vec<(String, bool, String)>,
    wide: bool,
    events: bool,
    only: bool,
    no_headers: bool,
}

/// How long `get -w` watches, in cluster time, and after how long without a change it stops,
/// where no one can press Ctrl+C (the native runner, a pipe, a file).
const WATCH_FOR_MS: u64 = 30_000;
const WATCH_QUIET_MS: u64 = 10_000;

/// A `kubectl get -w` under way: where it is in the watch stream, and its tab writer (columns
/// as wide as the widest row seen, as kubectl's remembering tab writer does).
#[derive(Clone, Debug)]
pub struct LiveWatch {
    w: Watch,
    tw: printers::tabwriter::TabWriter,
    rv: u64,
    printed_header: bool,
}

impl LiveWatch {
    fn with_ns(&self) -> bool {
        self.w.ns.is_none() && self.w.rt.namespaced
    }

    fn row(&self, o: &Value, ev: &str, now: TimeMs) -> String {
        let mut cells: Vec<String> = vec![];
        if self.w.events {
            cells.push(ev.to_string());
        }
        if self.with_ns() {
            cells.push(object::namespace(o).to_string());
        }
        cells.extend(printers::get::row(self.w.rt.kind, o, now, self.w.wide));
        format!("{}\n", cells.join("\t"))
    }

    fn header(&mut self) {
        if self.printed_header || self.w.no_headers {
            return;
        }
        self.printed_header = true;
        let mut h: Vec<String> = vec![];
        if self.w.events {
            h.push("EVENT".into());
        }
        if self.with_ns() {
            h.push("NAMESPACE".into());
        }
        h.extend(
            printers::get::headers(self.w.rt.kind, self.w.wide)
                .iter()
                .map(|s| s.to_string()),
        );
        self.tw.write(&format!("{}\n", h.join("\t")));
    }

    /// The rows for what changed in the watched objects since the last look.
    pub fn poll(&mut self, cluster: &Cluster) -> String {
        let now = cluster.now();
        let resource = self.w.rt.group_resource();
        let mut lines = vec![];
        if let Ok(evs) = cluster.api.store.events_since(self.rv) {
            for e in evs {
                self.rv = e.resource_version;
                if e.key.resource != resource {
                    continue;
                }
                if let Some(ns) = &self.w.ns {
                    if self.w.rt.namespaced && e.key.namespace != *ns {
                        continue;
                    }
                }
                if !self.w.names.is_empty() && !self.w.names.contains(&e.key.name) {
                    continue;
                }
                let o = &e.object;
                if !self.w.selector.matches(&object::labels(o)) || !field_matches(o, &self.w.fields)
                {
                    continue;
                }
                let ev = match e.event_type {
                    crate::sim::store::EventType::Added => "ADDED",
                    crate::sim::store::EventType::Modified => "MODIFIED",
                    crate::sim::store::EventType::Deleted => "DELETED",
                };
                lines.push(self.row(o, ev, now));
            }
        } else {
            self.rv = cluster.api.store.resource_version();
        }
        if lines.is_empty() {
            return String::new();
        }
        self.header();
        for l in lines {
            self.tw.write(&l);
        }
        self.tw.flush()
    }
}

/// `kubectl get -w`: the table, then a row for every watch event on the watched objects (no
/// header again). In the page's terminal it goes on as the cluster changes until Ctrl+C
/// (`Ctx::foreground`); elsewhere the cluster clock moves on one second at a time and it
/// stops after 30 s of cluster time, or after 10 s in which nothing changed.
fn watch_table(ctx: &mut Ctx, w: &Watch, items: Vec<Value>, io: &mut Io) -> i32 {
    let now = ctx.cluster.now();
    let mut live = LiveWatch {
        w: w.clone(),
        tw: printers::tabwriter::TabWriter::for_get(),
        rv: ctx.cluster.api.store.resource_version(),
        printed_header: false,
    };
    if !w.only {
        if items.is_empty() {
            match &w.ns {
                Some(ns) if w.rt.namespaced => {
                    io.err(format!("No resources found in {ns} namespace.\n"))
                }
                _ => io.err("No resources found\n"),
            }
        } else {
            live.header();
            for o in &items {
                let r = live.row(o, "ADDED", now);
                live.tw.write(&r);
            }
            io.out(live.tw.flush());
        }
    }
    if ctx.live {
        ctx.foreground = Some(super::Foreground::Watch(Box::new(live)));
        return 0;
    }
    let mut quiet = 0;
    let mut waited = 0;
    while waited < WATCH_FOR_MS && quiet < WATCH_QUIET_MS {
        ctx.cluster.advance(1000);
        waited += 1000;
        let out = live.poll(ctx.cluster);
        if out.is_empty() {
            quiet += 1000;
            continue;
        }
        quiet = 0;
        io.out(out);
    }
    0
}

//! What the write commands share: cli-runtime's resource builder (`TYPE NAME`, `TYPE/NAME`,
//! `-l`, `--all`, `-A`, `-f`), kubectl's error printing (`checkErr`), `--dry-run` and the
//! `-o name|yaml|json` printers, and the `last-applied-configuration` annotation.

use crate::sim::object::Pointer as _;
use serde_json::{json, Value};

use super::flags::Parsed;
use super::manifest::{self, ReadOptions, Sources};
use super::Ctx;
use crate::printers;
use crate::shell::Io;
use crate::sim::apiserver::Status;
use crate::sim::clock::civil;
use crate::sim::labels::Selector;
use crate::sim::object;
use crate::sim::resources::{self, ResourceType};

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// An error as kubectl's checkErr sees it: an API status, or any other error.
#[derive(Clone, Debug)]
pub enum KErr {
    Status(Status),
    Msg(String),
}

impl From<Status> for KErr {
    fn from(s: Status) -> Self {
        KErr::Status(s)
    }
}

impl From<String> for KErr {
    fn from(s: String) -> Self {
        KErr::Msg(s)
    }
}

impl KErr {
    /// messageForError: how one error reads inside a list of several.
    fn line(&self) -> String {
        match self {
            KErr::Status(s) => format!("Error from server ({}): {}", s.reason, s.message),
            KErr::Msg(m) => m.clone(),
        }
    }
    /// The API error with `error when <verb> "<source>": ` before its message
    /// (cmdutil.AddSourceToErr).
    pub fn with_source(self, verb: &str, source: &str) -> KErr {
        if source.is_empty() {
            return self;
        }
        match self {
            KErr::Status(mut s) => {
                // An Invalid error alone prints from its details; in a list, from this message.
                s.message = format!("error when {verb} \"{source}\": {}", s.message);
                KErr::Status(s)
            }
            KErr::Msg(m) => KErr::Msg(format!("error when {verb} \"{source}\": {m}")),
        }
    }
}

/// Prints errors as checkErr does and returns the exit status: one error gets its usual form
/// (`Error from server (…)`, `The Pod "x" is invalid: …` or `error: …`); several are printed
/// one per line, API errors as `Error from server (…)` and others bare.
pub fn report(io: &mut Io, errs: &[KErr]) -> i32 {
    match errs {
        [] => 0,
        [KErr::Status(s)] => {
            super::print_status(io, s);
            1
        }
        [KErr::Msg(m)] => {
            if m.starts_with("error: ") {
                io.err(format!("{m}\n"));
            } else {
                io.err(format!("error: {m}\n"));
            }
            1
        }
        many => {
            for e in many {
                io.err(format!("{}\n", e.line()));
            }
            1
        }
    }
}

/// `--dry-run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

impl DryRun {
    /// What a success line ends with: ` (dry run)` or ` (server dry run)`.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}

/// klog's header (`W1122 04:42:52.856283    1310 file.go:123] `), from the cluster clock.
pub fn klog_prefix(level: char, now_ms: i64, location: &str) -> String {
    let c = civil(now_ms);
    let micros = now_ms.rem_euclid(1000) * 1000;
    format!(
        "{level}{:02}{:02} {:02}:{:02}:{:02}.{:06}    4242 {location}] ",
        c.month, c.day, c.hour, c.minute, c.second, micros
    )
}

/// cmdutil.GetDryRunStrategy; a bare `--dry-run` warns and means client.
pub fn dry_run(p: &Parsed, io: &mut Io, now_ms: i64) -> Result<DryRun, i32> {
    match p.get_string("dry-run").as_str() {
        "none" => Ok(DryRun::None),
        "client" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        "unchanged" => {
            io.err(format!(
                "{}--dry-run is deprecated and can be replaced with --dry-run=client.\n",
                klog_prefix('W', now_ms, "helpers.go:703")
            ));
            Ok(DryRun::Client)
        }
        other => match super::flags::go_parse_bool(other) {
            Ok(b) => {
                let (line, to, strategy) = if b {
                    ("helpers.go:717", "client", DryRun::Client)
                } else {
                    ("helpers.go:720", "none", DryRun::None)
                };
                io.err(format!(
                    "{}--dry-run={other} is deprecated (boolean value) and can be replaced with --dry-run={to}.\n",
                    klog_prefix('W', now_ms, line)
                ));
                Ok(strategy)
            }
            Err(_) => {
                io.err(format!(
                    "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n"
                ));
                Err(1)
            }
        },
    }
}

/// `-o` of the commands that print the object they changed.
#[derive(Clone, Debug)]
pub enum Output {
    /// The success line (`pod/nginx created`).
    Message,
    Name,
    Yaml,
    Json,
    /// `-o jsonpath=…`, `-o go-template=…` and their file forms.
    Template(std::rc::Rc<Template>),
}

/// A template printer and `--allow-missing-template-keys`.
#[derive(Debug)]
pub struct Template {
    pub jsonpath: bool,
    pub as_json: bool,
    pub text: String,
    pub allow_missing: bool,
}

impl PartialEq for Output {
    fn eq(&self, other: &Output) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

impl Eq for Output {}

const PRINTER_FORMATS: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/// Parses `-o`; an unknown format gets kubectl's printer error.
pub fn output(ctx: &Ctx, p: &Parsed, io: &mut Io) -> Result<Output, i32> {
    let o = p.get_string("output");
    match o.as_str() {
        "" => Ok(Output::Message),
        "name" => Ok(Output::Name),
        "yaml" => Ok(Output::Yaml),
        "json" => Ok(Output::Json),
        other => {
            let format = other.split('=').next().unwrap_or(other);
            if format == "wide" || format.starts_with("custom-columns") {
                io.err(format!(
                    "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: {PRINTER_FORMATS}\n"
                ));
                return Err(1);
            }
            match super::get::output_printer(ctx, p, other) {
                Ok(Some(super::get::Printer::JsonPath(text, as_json))) => {
                    Ok(Output::Template(std::rc::Rc::new(Template {
                        jsonpath: true,
                        as_json,
                        text,
                        allow_missing: p.get_bool("allow-missing-template-keys"),
                    })))
                }
                Ok(Some(super::get::Printer::GoTemplate(text))) => {
                    Ok(Output::Template(std::rc::Rc::new(Template {
                        jsonpath: false,
                        as_json: false,
                        text,
                        allow_missing: p.get_bool("allow-missing-template-keys"),
                    })))
                }
                Ok(_) | Err(_) if !PRINTER_FORMATS.split(',').any(|f| f == format) => {
                    io.err(format!(
                        "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: {PRINTER_FORMATS}\n"
                    ));
                    Err(1)
                }
                Ok(_) => Err(1),
                Err(e) => {
                    io.err(e);
                    Err(1)
                }
            }
        }
    }
}

/// Prints one object with a template printer; false when the template failed.
fn print_template(io: &mut Io, t: &Template, obj: &Value) -> bool {
    if t.jsonpath {
        match printers::jsonpath::print(&t.text, obj, t.as_json, t.allow_missing) {
            Ok(s) => {
                io.out(s);
                true
            }
            Err(e) => {
                io.err(e);
                false
            }
        }
    } else {
        match printers::gotemplate::print(&t.text, obj, t.allow_missing) {
            Ok(s) => {
                io.out(s);
                true
            }
            Err((out, e)) => {
                io.out(out);
                io.err(e);
                false
            }
        }
    }
}

/// `pod/nginx`, `deployment.apps/web`.
pub fn kind_name(rt: &ResourceType, name: &str) -> String {
    format!("{}/{}", rt.kind_prefix(), name)
}

/// Prints what a command did to one object: `deployment.apps/web scaled (dry run)`, or the
/// object itself for `-o yaml|json|name`. `typed` objects (built by the command) print their
/// JSON in Go struct order; objects from files or the server print sorted.
pub fn print_result(
    io: &mut Io,
    out: &Output,
    rt: &ResourceType,
    obj: &Value,
    verb: &str,
    dry: DryRun,
    typed: bool,
) -> bool {
    let name = object::name(obj);
    match out {
        Output::Template(t) => return print_template(io, t, obj),
        Output::Message => io.out(format!("{} {verb}{}\n", kind_name(rt, name), dry.suffix())),
        Output::Name => io.out(format!("{}\n", kind_name(rt, name))),
        Output::Yaml => io.out(printers::yaml::to_yaml(obj)),
        Output::Json => {
            if typed {
                io.out(super::gojson::typed_json(obj))
            } else {
                io.out(printers::json::to_json(obj))
            }
        }
    }
    true
}

/// A printer that is used for several objects: YAML documents after the first get `---`.
#[derive(Default)]
pub struct Printer {
    count: usize,
}

impl Printer {
    #[allow(clippy::too_many_arguments)]
    pub fn print(
        &mut self,
        io: &mut Io,
        out: &Output,
        rt: &ResourceType,
        obj: &Value,
        verb: &str,
        dry: DryRun,
        typed: bool,
    ) {
        self.count += 1;
        if *out == Output::Yaml && self.count > 1 {
            io.out("---\n");
        }
        print_result(io, out, rt, obj, verb, dry, typed);
    }
}

/// Several objects for `-o yaml|json`: one is printed alone, more as a `v1 List`.
pub fn print_objects(io: &mut Io, out: Output, objs: &[Value]) {
    let doc = if objs.len() == 1 {
        objs[0].clone()
    } else {
        json!({"apiVersion": "v1", "items": objs, "kind": "List", "metadata": {"resourceVersion": ""}})
    };
    match out {
        Output::Yaml => io.out(printers::yaml::to_yaml(&doc)),
        Output::Json => io.out(printers::json::to_json(&doc)),
        _ => {}
    }
}

/// GetModifiedConfiguration: the object as JSON with the last-applied annotation taken out
/// (and an empty annotations map left for unstructured objects), plus a newline.
pub fn modified_configuration(obj: &Value, typed: bool) -> String {
    let mut o = obj.clone();
    let meta = object::meta_mut(&mut o);
    let mut annots = meta
        .get("annotations")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    annots.remove(LAST_APPLIED);
    if typed && annots.is_empty() {
        meta.remove("annotations");
    } else {
        meta.insert("annotations".into(), Value::Object(annots));
    }
    let mut s = if typed {
        super::gojson::typed_compact(&o)
    } else {
        super::gojson::sorted_compact(&o)
    };
    s.push('\n');
    s
}

/// Sets the last-applied annotation on `obj` to its own configuration (`--save-config`,
/// `apply` creating an object).
pub fn set_last_applied(obj: &mut Value, typed: bool) {
    let cfg = modified_configuration(obj, typed);
    let annots = object::meta_mut(obj)
        .entry("annotations")
        .or_insert_with(|| json!({}));
    if let Some(a) = annots.as_object_mut() {
        a.insert(LAST_APPLIED.into(), Value::String(cfg));
    }
}

/// The `--validate` flag: false/ignore skip the apiVersion/kind check.
pub fn validate_flag(p: &Parsed, io: &mut Io) -> Result<bool, i32> {
    match p.get_string("validate").to_ascii_lowercase().as_str() {
        "" | "strict" | "true" | "warn" => Ok(true),
        "false" | "ignore" => Ok(false),
        other => {
            io.err(format!("error: invalid - validate option {other:?}; must be one of: strict (or true), warn, ignore (or false)\n"));
            Err(1)
        }
    }
}

/// One object a command acts on.
#[derive(Clone, Debug)]
pub struct Target {
    pub rt: &'static ResourceType,
    /// "" for cluster-scoped types.
    pub namespace: String,
    pub name: String,
    /// The file it came from (`-f`), or "".
    pub source: String,
    /// The object as read from the file (`-f`), or listed by a selector.
    pub obj: Option<Value>,
}

/// What a command accepts.
#[derive(Clone, Copy, Debug, Default)]
pub struct Accept {
    /// `-l`/`--all` with a bare type selects objects.
    pub selectors: bool,
    /// A bare type with nothing else selects everything (`kubectl label pods --all` is not
    /// needed for `rollout restart deployment`).
    pub empty_selector_is_all: bool,
}

/// The missing-resource text of cli-runtime.
pub const MISSING_RESOURCE: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

fn resolve_type(t: &str) -> Result<&'static ResourceType, KErr> {
    resources::resolve(t)
        .ok_or_else(|| KErr::Msg(format!("the server doesn't have a resource type \"{t}\"")))
}

/// The builder: from `-f` files, or `TYPE NAME…` / `TYPE/NAME…` arguments, or a type with
/// `-l`/`--all` (in one namespace or, with `-A`, all). Returns the targets and the errors met
/// while finding them; `Err` when nothing can be done at all.
/// `-k DIR`: the kustomization's objects, as `-f` would read them (and kustomize's warnings).
fn kustomized(ctx: &Ctx, dir: &str, warnings: &mut String) -> manifest::Read {
    let mut read = manifest::Read {
        items: vec![],
        errors: vec![],
        fatal: false,
    };
    match super::kustomize::build(ctx.fs, &ctx.cwd, dir) {
        Ok((objects, w)) => {
            *warnings = w;
            for o in objects {
                for item in manifest::to_items(o, dir) {
                    match item {
                        Ok(i) => read.items.push(i),
                        Err(e) => read.errors.push(e),
                    }
                }
            }
        }
        Err(e) => {
            read.errors.push(e);
            read.fatal = true;
        }
    }
    read
}

pub fn targets(
    ctx: &Ctx,
    p: &Parsed,
    stdin: &str,
    args: &[String],
    accept: Accept,
) -> Result<(Vec<Target>, Vec<KErr>), Vec<KErr>> {
    let filenames = p.get_strings("filename");
    let ns = ctx.namespace(p);
    let enforce_ns = p.changed("namespace");
    let all_ns = accept.selectors && p.get_bool("all-namespaces");
    let selector_text = if accept.selectors {
        p.get_string("selector")
    } else {
        String::new()
    };
    let select_all = accept.selectors && p.get_bool("all");
    if select_all && !selector_text.is_empty() {
        return Err(vec![KErr::Msg(
            "setting 'all' parameter but found a non empty selector. ".into(),
        )]);
    }
    let kustomize = p.get_string("kustomize");
    if !filenames.is_empty() || !kustomize.is_empty() {
        let validate = !matches!(
            p.get_string("validate").to_ascii_lowercase().as_str(),
            "false" | "ignore"
        );
        let read = if filenames.is_empty() {
            kustomized(ctx, &kustomize, &mut String::new())
        } else {
            manifest::read(
                &Sources {
                    fs: ctx.fs,
                    cwd: &ctx.cwd,
                    stdin,
                },
                &filenames,
                ReadOptions {
                    recursive: p.get_bool("recursive"),
                    validate,
                },
            )
        };
        if read.fatal {
            return Err(read.errors.into_iter().map(KErr::Msg).collect());
        }
        if !args.is_empty() {
            return Err(vec![KErr::Msg(
                "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well".into(),
            )]);
        }
        let sel = Selector::parse(&selector_text).map_err(|e| vec![KErr::Msg(e)])?;
        let mut out = vec![];
        let mut errs: Vec<KErr> = read.errors.into_iter().map(KErr::Msg).collect();
        for item in read.items {
            let mut obj = item.obj;
            let item_ns = object::namespace(&obj).to_string();
            let namespace = if !item.rt.namespaced {
                String::new()
            } else if item_ns.is_empty() {
                ns.clone()
            } else if enforce_ns && item_ns != ns {
                errs.push(KErr::Msg(format!(
                    "the namespace from the provided object \"{item_ns}\" does not match the namespace \"{ns}\". You must pass '--namespace={item_ns}' to perform this operation."
                )));
                continue;
            } else {
                item_ns
            };
            if item.rt.namespaced {
                object::meta_mut(&mut obj).insert("namespace".into(), json!(namespace));
            } else if obj.at("/metadata/namespace").is_some() {
                object::meta_mut(&mut obj).remove("namespace");
            }
            if !sel.is_empty() && !sel.matches(&object::labels(&obj)) {
                continue;
            }
            out.push(Target {
                rt: item.rt,
                namespace,
                name: object::name(&obj).to_string(),
                source: item.source,
                obj: Some(obj),
            });
        }
        return Ok((out, errs));
    }

    // Arguments.
    let slashed = args.iter().filter(|a| a.contains('/')).count();
    let mut tuples: Vec<(String, String)> = vec![];
    let mut types: Vec<String> = vec![];
    let mut names: Vec<String> = vec![];
    if slashed > 0 {
        if slashed != args.len() {
            return Err(vec![KErr::Msg("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into())]);
        }
        for a in args {
            let seg: Vec<&str> = a.split('/').collect();
            if seg.len() != 2 {
                return Err(vec![KErr::Msg(
                    "arguments in resource/name form may not have more than one slash".into(),
                )]);
            }
            if seg[0].is_empty() || seg[1].is_empty() || seg[0].contains(',') {
                return Err(vec![KErr::Msg(
                    "arguments in resource/name form must have a single resource and name".into(),
                )]);
            }
            tuples.push((seg[0].to_string(), seg[1].to_string()));
        }
    } else if let Some(first) = args.first() {
        // `all` is the category: the workload types and services (`get::ALL_CATEGORY`).
        let ts: Vec<String> = first
            .split(',')
            .filter(|t| !t.is_empty())
            .flat_map(|t| match t {
                "all" => super::get::ALL_CATEGORY
                    .iter()
                    .map(|n| n.to_string())
                    .collect(),
                _ => vec![t.to_string()],
            })
            .collect();
        if args.len() >= 2 && ts.len() > 1 {
            for t in &ts {
                for n in &args[1..] {
                    tuples.push((t.clone(), n.clone()));
                }
            }
        } else {
            types = ts;
            names = args[1..].to_vec();
        }
    }
    let has_selector = !selector_text.is_empty() || select_all;
    if has_selector || (accept.empty_selector_is_all && names.is_empty() && tuples.is_empty()) {
        if !names.is_empty() {
            return Err(vec![KErr::Msg(
                "name cannot be provided when a selector is specified".into(),
            )]);
        }
        if !tuples.is_empty() {
            if has_selector {
                return Err(vec![KErr::Msg(
                    "selectors and the all flag cannot be used when passing resource/name arguments".into(),
                )]);
            }
        } else {
            if types.is_empty() {
                if has_selector {
                    return Err(vec![KErr::Msg(
                        "at least one resource must be specified to use a selector".into(),
                    )]);
                }
                return Err(vec![KErr::Msg(MISSING_RESOURCE.into())]);
            }
            let sel = Selector::parse(&selector_text).map_err(|e| vec![KErr::Msg(e)])?;
            let mut out = vec![];
            let mut seen: Vec<&'static ResourceType> = vec![];
            for t in &types {
                let rt = resolve_type(t).map_err(|e| vec![e])?;
                if seen.contains(&rt) {
                    continue;
                }
                seen.push(rt);
                let scope = if all_ns || !rt.namespaced {
                    None
                } else {
                    Some(ns.as_str())
                };
                for o in ctx.cluster.api.for_each(rt, scope) {
                    if sel.matches(&object::labels(o)) {
                        out.push(Target {
                            rt,
                            namespace: object::namespace(o).to_string(),
                            name: object::name(o).to_string(),
                            source: String::new(),
                            obj: Some(o.clone()),
                        });
                    }
                }
            }
            return Ok((out, vec![]));
        }
    }
    if !tuples.is_empty() {
        let mut out = vec![];
        for (t, n) in &tuples {
            let rt = resolve_type(t).map_err(|e| vec![e])?;
            out.push(Target {
                rt,
                namespace: if rt.namespaced {
                    ns.clone()
                } else {
                    String::new()
                },
                name: n.clone(),
                source: String::new(),
                obj: None,
            });
        }
        return Ok((out, vec![]));
    }
    if !names.is_empty() {
        // client-go refuses to build a request for an empty name.
        if names.iter().any(String::is_empty) {
            return Err(vec![KErr::Msg("resource name may not be empty".into())]);
        }
        let mut out = vec![];
        let mut rts = vec![];
        for t in &types {
            let rt = resolve_type(t).map_err(|e| vec![e])?;
            if !rts.contains(&rt) {
                rts.push(rt);
            }
        }
        for rt in rts {
            for n in &names {
                out.push(Target {
                    rt,
                    namespace: if rt.namespaced {
                        ns.clone()
                    } else {
                        String::new()
                    },
                    name: n.clone(),
                    source: String::new(),
                    obj: None,
                });
            }
        }
        return Ok((out, vec![]));
    }
    if !types.is_empty() {
        // The type must exist before the name is asked for.
        for t in &types {
            resolve_type(t).map_err(|e| vec![e])?;
        }
        return Err(vec![KErr::Msg(
            "resource(s) were provided, but no name was specified".into(),
        )]);
    }
    Err(vec![KErr::Msg(MISSING_RESOURCE.into())])
}

/// Lets the cluster run until `to` while kubectl waits (`rollout status`, `delete --wait`). The
/// terminal node's files are lent to kubectl while it runs; they go back to the cluster for the
/// wait, since that node's kubelet reads them (static pods).
pub fn advance_cluster(ctx: &mut Ctx, to: crate::sim::clock::TimeMs) {
    let missing: Option<String> = ctx
        .cluster
        .kubelets
        .iter()
        .map(|k| k.node_name().to_string())
        .find(|n| !ctx.cluster.node_fs.contains_key(n));
    if let Some(node) = &missing {
        let fs = std::mem::take(&mut *ctx.fs);
        ctx.cluster.node_fs.insert(node.clone(), fs);
    }
    ctx.cluster.advance_to(to);
    if let Some(node) = missing {
        if let Some(fs) = ctx.cluster.node_fs.remove(&node) {
            *ctx.fs = fs;
        }
    }
}

/// Fetches a target's live object (RetrieveLazy): NotFound becomes an error.
pub fn fetch(ctx: &Ctx, t: &Target) -> Result<Value, KErr> {
    ctx.cluster
        .api
        .get(t.rt, &t.namespace, &t.name)
        .map_err(KErr::Status)
}

/// cmdutil.GetResourcesAndPairs: resources first, then `key=value` / `key-` changes.
pub fn split_pairs(args: &[String], pair_type: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut resources = vec![];
    let mut pairs = vec![];
    let mut found = false;
    for s in args {
        let non_resource =
            (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        if non_resource {
            found = true;
            pairs.push(s.clone());
        } else if found {
            return Err(format!(
                "all resources must be specified before {pair_type} changes: {s}"
            ));
        } else {
            resources.push(s.clone());
        }
    }
    Ok((resources, pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_applied_forms() {
        let unstructured = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nginx", "namespace": "default"}, "spec": {"containers": [{"image": "nginx", "name": "nginx"}]}});
        assert_eq!(
            modified_configuration(&unstructured, false),
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"nginx\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"nginx\"}]}}\n"
        );
    }
}

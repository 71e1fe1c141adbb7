//! `kubectl kustomize DIR` and `-k DIR`: the build of a kustomization directory as kustomize
//! v5.4.2 (built into kubectl v1.31) does it, for the fields lessons and the CKAD use:
//! `resources` (files and other kustomizations), `namespace`, `namePrefix`/`nameSuffix` (with
//! the references to renamed ConfigMaps, Secrets, ServiceAccounts and claims), `commonLabels`
//! and `labels`, `commonAnnotations`, `images`, `replicas`, `configMapGenerator` and
//! `secretGenerator` (with their hash suffix), `patches` and `patchesStrategicMerge`. The
//! result comes out in kustomize's legacy order (namespaces first, workloads after their
//! configuration).

use crate::sim::object::Pointer as _;
use serde_json::{json, Map, Value};

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::patch::{self, PatchType};
use crate::vfs::{normalize, Fs};

/// The hash suffix of a generated object, noted on it while the build runs.
const HASH_NOTE: &str = "internal.kustomize.playground/hash";

/// Kustomizations inside kustomizations, at most this deep.
const MAX_DEPTH: usize = 10;

const KUSTOMIZATION_FILES: &[&str] = &["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// kustomize's legacy order: these kinds first, in this order; then the others; webhooks last.
const ORDER_FIRST: &[&str] = &[
    "Namespace",
    "ResourceQuota",
    "StorageClass",
    "CustomResourceDefinition",
    "ServiceAccount",
    "PodSecurityPolicy",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Endpoints",
    "Service",
    "LimitRange",
    "PriorityClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
];
const ORDER_LAST: &[&str] = &[
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// Workload kinds whose `spec.template` is a pod template.
const TEMPLATED: &[&str] = &[
    "Deployment",
    "ReplicaSet",
    "DaemonSet",
    "StatefulSet",
    "ReplicationController",
    "Job",
];

pub static COMMAND: Command = Command {
    name: "kustomize",
    about: "Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path to a directory containing 'kustomization.yaml'. If DIR is omitted, '.' is assumed.",
    examples: "  # Build the current working directory\n  kubectl kustomize\n  \n  # Build some shared configuration directory\n  kubectl kustomize /home/config/production",
    usage: "kubectl kustomize DIR [flags] [options]",
    flags: FLAGS,
    run,
};

const FLAGS: &[FlagSpec] = &[FlagSpec::new(
    "output",
    Some('o'),
    FlagKind::String,
    "",
    "If specified, write output to this path.",
)];

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    if args.len() > 1 {
        io.err("error: specify one path to kustomization.yaml\n");
        return 1;
    }
    let dir = args.first().map_or(".", String::as_str);
    let objects = match build(ctx.fs, &ctx.cwd, dir) {
        Ok((o, warnings)) => {
            io.err(warnings);
            o
        }
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let text = to_yaml_stream(&objects);
    let output = p.get_string("output");
    if output.is_empty() {
        io.out(text);
        return 0;
    }
    let path = normalize(&ctx.cwd, &output);
    let now = ctx.cluster.now();
    if let Err(e) = ctx.fs.write(&path, &text, now) {
        io.err(format!("error: open {output}: {e}\n"));
        return 1;
    }
    0
}

/// The objects as kustomize prints them: YAML documents joined by `---`.
pub fn to_yaml_stream(objects: &[Value]) -> String {
    objects
        .iter()
        .map(crate::printers::yaml::to_yaml)
        .collect::<Vec<_>>()
        .join("---\n")
}

/// Builds the kustomization in `dir` (relative to `cwd`): the objects, and kustomize's
/// warnings about deprecated fields (printed on the error stream first).
pub fn build(fs: &Fs, cwd: &str, dir: &str) -> Result<(Vec<Value>, String), String> {
    let path = normalize(cwd, dir);
    if !fs.is_dir(&path) && !fs.is_file(&path) {
        return Err(missing(dir, &path));
    }
    let mut warnings = String::new();
    let mut objects = build_dir(fs, &path, 0, &mut warnings)?;
    for o in objects.iter_mut() {
        let annotations = annotations(o);
        annotations.remove(HASH_NOTE);
        if annotations.is_empty() {
            meta(o).remove("annotations");
        }
    }
    sort_legacy(&mut objects);
    Ok((objects, warnings))
}

fn missing(typed: &str, path: &str) -> String {
    format!(
        "must build at directory: not a valid directory: evalsymlink failure on '{typed}' : lstat {path}: no such file or directory"
    )
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn build_dir(
    fs: &Fs,
    path: &str,
    depth: usize,
    warnings: &mut String,
) -> Result<Vec<Value>, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "kustomizations nested more than {MAX_DEPTH} deep at '{path}'"
        ));
    }
    if fs.is_file(path) {
        return Err(format!(
            "must build at directory: '{path}': file is not directory"
        ));
    }
    if !fs.is_dir(path) {
        return Err(missing(path, path));
    }
    let Some(kfile) = KUSTOMIZATION_FILES
        .iter()
        .map(|f| format!("{}/{f}", path.trim_end_matches('/')))
        .find(|f| fs.is_file(f))
    else {
        return Err(format!(
            "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{path}'"
        ));
    };
    let text = fs.read(&kfile).map_err(|e| format!("{kfile}: {e}"))?;
    let k = super::manifest::yaml_to_json(&text).map_err(|e| format!("{kfile}: {e}"))?;
    let k = if k.is_null() { json!({}) } else { k };
    if !k.is_object() {
        return Err(format!(
            "invalid Kustomization: json: cannot unmarshal {} into Go value of type types.Kustomization",
            go_type(&k)
        ));
    }
    for (old, new) in [
        ("commonLabels", "labels"),
        ("bases", "resources"),
        ("patchesStrategicMerge", "patches"),
        ("patchesJson6902", "patches"),
        ("vars", "replacements"),
    ] {
        let warning = format!("# Warning: '{old}' is deprecated. Please use '{new}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n");
        if k.get(old).is_some() && !warnings.contains(&warning) {
            warnings.push_str(&warning);
        }
    }
    let mut objects = vec![];
    let mut entries = strings(k.get("resources"));
    entries.extend(strings(k.get("bases")));
    for r in entries {
        let p = normalize(path, &r);
        if fs.is_dir(&p) {
            objects.extend(build_dir(fs, &p, depth + 1, warnings)?);
        } else if fs.is_file(&p) {
            objects.extend(read_objects(fs, &p)?);
        } else {
            return Err(format!(
                "accumulating resources: accumulation err='accumulating resources from '{r}': open {p}: no such file or directory': {}",
                missing(&p, &p)
            ));
        }
    }
    let mut renamed: Vec<(&'static str, String, String)> = vec![];
    let options = k.get("generatorOptions").cloned().unwrap_or(json!({}));
    // Generated objects: index in `objects` → hash suffix.
    let mut hashes: Vec<(usize, String)> = vec![];
    for (key, kind) in [
        ("configMapGenerator", "ConfigMap"),
        ("secretGenerator", "Secret"),
    ] {
        for g in k.get(key).and_then(Value::as_array).into_iter().flatten() {
            let (obj, _, hash) = generate(fs, path, kind, g, &options)?;
            hashes.push((objects.len(), hash));
            objects.push(obj);
        }
    }
    apply_patches(fs, path, &k, &mut objects)?;
    if let Some(ns) = k.get("namespace").and_then(Value::as_str) {
        for o in objects.iter_mut().filter(|o| namespaced(o)) {
            meta(o).insert("namespace".into(), ns.into());
        }
    }
    let prefix = k.get("namePrefix").and_then(Value::as_str).unwrap_or("");
    let suffix = k.get("nameSuffix").and_then(Value::as_str).unwrap_or("");
    if !prefix.is_empty() || !suffix.is_empty() {
        for o in objects.iter_mut() {
            let kind = crate::sim::object::kind(o).to_string();
            if matches!(kind.as_str(), "Namespace" | "CustomResourceDefinition") {
                continue;
            }
            let name = crate::sim::object::name(o).to_string();
            let hash = crate::sim::object::annotation(o, HASH_NOTE)
                .unwrap_or("")
                .to_string();
            let base = name.strip_suffix(hash.as_str()).unwrap_or(&name);
            let new = format!("{prefix}{base}{suffix}{hash}");
            if let Some(kind) = referable(&kind) {
                renamed.push((kind, name, new.clone()));
            }
            meta(o).insert("name".into(), new.into());
        }
    }
    for (i, hash) in hashes {
        if let Some(o) = objects.get_mut(i) {
            let name = crate::sim::object::name(o).to_string();
            let kind = if crate::sim::object::kind(o) == "Secret" {
                "Secret"
            } else {
                "ConfigMap"
            };
            // References name the generator; they follow to the final name.
            let generator = renamed
                .iter()
                .find(|(k, _, to)| *k == kind && *to == name)
                .map_or(name.clone(), |(_, from, _)| from.clone());
            renamed.retain(|(k, _, to)| !(*k == kind && *to == name));
            let full = format!("{name}{hash}");
            renamed.push((kind, generator, full.clone()));
            meta(o).insert("name".into(), full.into());
            if !hash.is_empty() {
                // Kept while building: an overlay's prefix and suffix go before the hash.
                annotations(o).insert(HASH_NOTE.into(), hash.into());
            }
        }
    }
    for o in objects.iter_mut() {
        update_references(o, &renamed);
    }
    labels(&k, &mut objects);
    if let Some(a) = k.get("commonAnnotations").and_then(Value::as_object) {
        for o in objects.iter_mut() {
            add_map(o, "/metadata", "annotations", a);
            for t in templates(o) {
                add_map(o, &t, "annotations", a);
            }
        }
    }
    images(&k, &mut objects);
    for r in k
        .get("replicas")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = r.get("name").and_then(Value::as_str).unwrap_or("");
        let count = r.get("count").cloned().unwrap_or(json!(0));
        for o in objects.iter_mut() {
            let kind = crate::sim::object::kind(o);
            let n = crate::sim::object::name(o);
            let matches = n == name || n == format!("{prefix}{name}{suffix}");
            if matches
                && matches!(
                    kind,
                    "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController"
                )
            {
                o["spec"]["replicas"] = count.clone();
            }
        }
    }
    Ok(objects)
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

fn read_objects(fs: &Fs, path: &str) -> Result<Vec<Value>, String> {
    let text = fs.read(path).map_err(|e| format!("open {path}: {e}"))?;
    let (docs, err) = super::manifest::decode_stream(&text);
    if let Some(e) = err {
        return Err(format!("accumulating resources: {path}: {e}"));
    }
    let mut out = vec![];
    for d in docs.into_iter().filter(|d| !d.is_null()) {
        if crate::sim::object::kind(&d).ends_with("List") {
            out.extend(
                d.get("items")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            );
        } else {
            out.push(d);
        }
    }
    Ok(out)
}

fn meta(o: &mut Value) -> &mut Map<String, Value> {
    crate::sim::object::meta_mut(o)
}

fn annotations(o: &mut Value) -> &mut Map<String, Value> {
    let m = meta(o);
    if !m.get("annotations").is_some_and(Value::is_object) {
        m.insert("annotations".into(), json!({}));
    }
    match m.get_mut("annotations") {
        Some(Value::Object(a)) => a,
        _ => unreachable!("just made an object"),
    }
}

fn namespaced(o: &Value) -> bool {
    let api_version = crate::sim::object::str_at(o, "/apiVersion");
    crate::sim::resources::by_kind(api_version, crate::sim::object::kind(o))
        .is_none_or(|r| r.namespaced)
}

/// Kinds whose renames other objects follow.
fn referable(kind: &str) -> Option<&'static str> {
    match kind {
        "ConfigMap" => Some("ConfigMap"),
        "Secret" => Some("Secret"),
        "ServiceAccount" => Some("ServiceAccount"),
        "PersistentVolumeClaim" => Some("PersistentVolumeClaim"),
        "Service" => Some("Service"),
        _ => None,
    }
}

/// A `configMapGenerator` or `secretGenerator` entry: the object, and the name it is known by.
fn generate(
    fs: &Fs,
    dir: &str,
    kind: &str,
    g: &Value,
    options: &Value,
) -> Result<(Value, String, String), String> {
    let name = g
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut data: Map<String, Value> = Map::new();
    for l in strings(g.get("literals")) {
        let (k, v) = l
            .split_once('=')
            .ok_or_else(|| format!("invalid literal source {l}, expected key=value"))?;
        data.insert(k.to_string(), unquote(v).into());
    }
    for f in strings(g.get("files")) {
        let (key, file) = match f.split_once('=') {
            Some((k, p)) => (k.to_string(), p.to_string()),
            None => (f.rsplit('/').next().unwrap_or(&f).to_string(), f.clone()),
        };
        let p = normalize(dir, &file);
        let content = fs.read(&p).map_err(|_| {
            format!("evalsymlink failure on '{p}' : lstat {p}: no such file or directory")
        })?;
        data.insert(key, content.into());
    }
    let mut envs = strings(g.get("envs"));
    envs.extend(g.get("env").and_then(Value::as_str).map(str::to_string));
    for e in envs {
        let p = normalize(dir, &e);
        let content = fs.read(&p).map_err(|_| {
            format!("evalsymlink failure on '{p}' : lstat {p}: no such file or directory")
        })?;
        for line in content.lines() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((k, v)) = line.split_once('=') {
                data.insert(k.to_string(), v.into());
            }
        }
    }
    let mut obj = json!({"apiVersion": "v1", "kind": kind, "metadata": {"name": name}});
    if kind == "Secret" {
        let encoded: Map<String, Value> = data
            .into_iter()
            .map(|(k, v)| {
                let s = v.as_str().unwrap_or_default().to_string();
                (k, super::create_config::base64(s.as_bytes()).into())
            })
            .collect();
        obj["data"] = encoded.into();
        obj["type"] = g.get("type").cloned().unwrap_or(json!("Opaque"));
    } else if !data.is_empty() {
        obj["data"] = data.into();
    }
    if let Some(ns) = g.get("namespace").and_then(Value::as_str) {
        meta(&mut obj).insert("namespace".into(), ns.into());
    }
    for (key, field) in [("labels", "labels"), ("annotations", "annotations")] {
        for source in [options.get(key), g.pointer(&format!("/options/{key}"))] {
            if let Some(m) = source.and_then(Value::as_object) {
                add_map(&mut obj, "/metadata", field, m);
            }
        }
    }
    let no_hash = [
        options.get("disableNameSuffixHash"),
        g.pointer("/options/disableNameSuffixHash"),
    ]
    .iter()
    .any(|v| v.and_then(Value::as_bool) == Some(true));
    // kustomize hashes the generated object with an empty name (kubectl's --append-hash
    // hashes it with its name); the suffix goes on after namePrefix and nameSuffix.
    let hash = if no_hash {
        String::new()
    } else {
        super::create_config::hashed_name("", &obj)
    };
    Ok((obj, name, hash))
}

fn unquote(v: &str) -> String {
    let b = v.as_bytes();
    if b.len() >= 2
        && (b[0] == b'"' && b[b.len() - 1] == b'"' || b[0] == b'\'' && b[b.len() - 1] == b'\'')
    {
        v[1..v.len() - 1].to_string()
    } else {
        v.to_string()
    }
}

/// `patches` (strategic merge or JSON 6902, by file or inline, with an optional target) and
/// the older `patchesStrategicMerge`.
fn apply_patches(fs: &Fs, dir: &str, k: &Value, objects: &mut [Value]) -> Result<(), String> {
    let load = |p: &Value| -> Result<Value, String> {
        let text = match (
            p.get("path").and_then(Value::as_str),
            p.get("patch").and_then(Value::as_str),
        ) {
            (Some(path), _) => {
                let full = normalize(dir, path);
                fs.read(&full)
                    .map_err(|_| format!("trouble configuring builtin PatchTransformer with config: `\npath: {path}\n`: evalsymlink failure on '{full}' : lstat {full}: no such file or directory"))?
            }
            (None, Some(text)) => text.to_string(),
            _ => return Err("unable to parse SM or JSON patch from []".into()),
        };
        super::manifest::yaml_to_json(&text).map_err(|e| e.to_string())
    };
    let mut list: Vec<(Value, Option<Value>)> = vec![];
    for p in k
        .get("patches")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        list.push((load(p)?, p.get("target").cloned()));
    }
    for p in k
        .get("patchesStrategicMerge")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = match p.as_str() {
            Some(s) if !s.contains('\n') && fs.is_file(&normalize(dir, s)) => {
                fs.read(&normalize(dir, s)).unwrap_or_default()
            }
            Some(s) => s.to_string(),
            None => continue,
        };
        list.push((
            super::manifest::yaml_to_json(&text).map_err(|e| e.to_string())?,
            None,
        ));
    }
    for (patch, target) in list {
        let json6902 = patch.is_array();
        let mut hit = false;
        for o in objects.iter_mut() {
            let selected = match &target {
                Some(t) => target_matches(o, t),
                None => {
                    crate::sim::object::kind(o) == crate::sim::object::kind(&patch)
                        && crate::sim::object::name(o) == crate::sim::object::name(&patch)
                }
            };
            if !selected {
                continue;
            }
            hit = true;
            let kind = if json6902 {
                PatchType::Json
            } else {
                PatchType::Strategic
            };
            *o = patch::apply(o, kind, &patch).map_err(|e| format!("{e:?}"))?;
        }
        if !hit && target.is_none() && !json6902 {
            return Err(format!(
                "no resource matches strategic merge patch \"{}\": no matches for Id {}.[noVer].[noGrp]/{}.[noNs]; failed to find unique target for patch {}.[noVer].[noGrp]/{}.[noNs]",
                crate::sim::object::kind(&patch),
                crate::sim::object::kind(&patch),
                crate::sim::object::name(&patch),
                crate::sim::object::kind(&patch),
                crate::sim::object::name(&patch),
            ));
        }
    }
    Ok(())
}

fn target_matches(o: &Value, t: &Value) -> bool {
    let field = |k: &str| t.get(k).and_then(Value::as_str);
    let regex_match = |pattern: &str, value: &str| {
        crate::shell::regex::Regex::new(&format!("^({pattern})$"), true, false)
            .map(|r| r.is_match(value))
            .unwrap_or(pattern == value)
    };
    field("kind").is_none_or(|k| regex_match(k, crate::sim::object::kind(o)))
        && field("name").is_none_or(|n| regex_match(n, crate::sim::object::name(o)))
        && field("namespace").is_none_or(|n| n == crate::sim::object::namespace(o))
        && field("labelSelector").is_none_or(|s| {
            crate::sim::labels::Selector::parse(s)
                .is_ok_and(|sel| sel.matches(&crate::sim::object::labels(o)))
        })
}

/// Where an object holds pod templates.
fn templates(o: &Value) -> Vec<String> {
    let kind = crate::sim::object::kind(o);
    if TEMPLATED.contains(&kind) {
        vec!["/spec/template/metadata".into()]
    } else if kind == "CronJob" {
        vec![
            "/spec/jobTemplate/metadata".into(),
            "/spec/jobTemplate/spec/template/metadata".into(),
        ]
    } else {
        vec![]
    }
}

/// Adds `m`'s entries to the map `field` of the object at `at` (creating what is missing).
fn add_map(o: &mut Value, at: &str, field: &str, m: &Map<String, Value>) {
    let mut cur = &mut *o;
    for part in at.split('/').filter(|p| !p.is_empty()) {
        if !cur.get(part).is_some_and(Value::is_object) {
            cur[part] = json!({});
        }
        cur = &mut cur[part];
    }
    if !cur.get(field).is_some_and(Value::is_object) {
        cur[field] = json!({});
    }
    if let Some(target) = cur[field].as_object_mut() {
        for (k, v) in m {
            let v = match v {
                Value::String(_) => v.clone(),
                other => other.to_string().into(),
            };
            target.insert(k.clone(), v);
        }
    }
}

/// `commonLabels` (labels, selectors and templates) and `labels` (each as asked).
fn labels(k: &Value, objects: &mut [Value]) {
    let mut sets: Vec<(Map<String, Value>, bool, bool)> = vec![];
    if let Some(m) = k.get("commonLabels").and_then(Value::as_object) {
        sets.push((m.clone(), true, true));
    }
    for l in k
        .get("labels")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(m) = l.get("pairs").and_then(Value::as_object) {
            let selectors = l.get("includeSelectors").and_then(Value::as_bool) == Some(true);
            let templates =
                selectors || l.get("includeTemplates").and_then(Value::as_bool) == Some(true);
            sets.push((m.clone(), selectors, templates));
        }
    }
    for (m, selectors, with_templates) in sets {
        for o in objects.iter_mut() {
            add_map(o, "/metadata", "labels", &m);
            let kind = crate::sim::object::kind(o).to_string();
            if with_templates {
                for t in templates(o) {
                    add_map(o, &t, "labels", &m);
                }
            }
            if !selectors {
                continue;
            }
            match kind.as_str() {
                "Service" | "ReplicationController" => add_map(o, "/spec", "selector", &m),
                "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet" => {
                    add_map(o, "/spec/selector", "matchLabels", &m)
                }
                "PodDisruptionBudget" if o.at("/spec/selector").is_some() => {
                    add_map(o, "/spec/selector", "matchLabels", &m)
                }
                "NetworkPolicy" => add_map(o, "/spec/podSelector", "matchLabels", &m),
                _ => {}
            }
        }
    }
}

/// `images`: a container image by name gets a new name, tag or digest.
fn images(k: &Value, objects: &mut [Value]) {
    let rules: Vec<&Value> = k
        .get("images")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    if rules.is_empty() {
        return;
    }
    for o in objects.iter_mut() {
        for spec in pod_specs(o) {
            for list in ["initContainers", "containers"] {
                let Some(cs) = spec.get_mut(list).and_then(Value::as_array_mut) else {
                    continue;
                };
                for c in cs {
                    let image = c
                        .get("image")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let (name, tag) = split_image(&image);
                    for r in &rules {
                        if r.get("name").and_then(Value::as_str) != Some(name) {
                            continue;
                        }
                        let new_name = r.get("newName").and_then(Value::as_str).unwrap_or(name);
                        let new = if let Some(d) = r.get("digest").and_then(Value::as_str) {
                            format!("{new_name}@{d}")
                        } else if let Some(t) = r.get("newTag").map(|t| match t {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        }) {
                            format!("{new_name}:{t}")
                        } else {
                            format!("{new_name}{tag}")
                        };
                        c["image"] = new.into();
                        break;
                    }
                }
            }
        }
    }
}

/// `nginx:1.25` → (`nginx`, `:1.25`); `reg:5000/app@sha256:…` → (`reg:5000/app`, `@sha256:…`).
fn split_image(image: &str) -> (&str, &str) {
    if let Some(i) = image.find('@') {
        return (&image[..i], &image[i..]);
    }
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].find(':') {
        Some(i) => (&image[..slash + i], &image[slash + i..]),
        None => (image, ""),
    }
}

/// The pod specs of an object (a Pod's, a template's, a CronJob's job template's).
fn pod_specs(o: &mut Value) -> Vec<&mut Value> {
    let kind = crate::sim::object::kind(o).to_string();
    let path = match kind.as_str() {
        "Pod" => "/spec",
        "CronJob" => "/spec/jobTemplate/spec/template/spec",
        k if TEMPLATED.contains(&k) => "/spec/template/spec",
        _ => return vec![],
    };
    o.pointer_mut(path).into_iter().collect()
}

/// Follows renamed ConfigMaps, Secrets, ServiceAccounts, claims and Services in `o`.
fn update_references(o: &mut Value, renamed: &[(&'static str, String, String)]) {
    if renamed.is_empty() {
        return;
    }
    let new_name = |kind: &str, v: &Value| {
        let name = v.as_str()?;
        renamed
            .iter()
            .find(|(k, from, _)| *k == kind && from == name)
            .map(|(_, _, to)| Value::String(to.clone()))
    };
    let set = |v: &mut Value, kind: &str| {
        if let Some(n) = new_name(kind, v) {
            *v = n;
        }
    };
    if crate::sim::object::kind(o) == "Ingress" {
        if let Some(rules) = o.pointer_mut("/spec/rules").and_then(Value::as_array_mut) {
            for r in rules {
                for p in r
                    .pointer_mut("/http/paths")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Some(v) = p.pointer_mut("/backend/service/name") {
                        set(v, "Service");
                    }
                }
            }
        }
    }
    for spec in pod_specs(o) {
        if let Some(v) = spec.get_mut("serviceAccountName") {
            set(v, "ServiceAccount");
        }
        for vol in spec
            .get_mut("volumes")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(v) = vol.pointer_mut("/configMap/name") {
                set(v, "ConfigMap");
            }
            if let Some(v) = vol.pointer_mut("/secret/secretName") {
                set(v, "Secret");
            }
            if let Some(v) = vol.pointer_mut("/persistentVolumeClaim/claimName") {
                set(v, "PersistentVolumeClaim");
            }
            for s in vol
                .pointer_mut("/projected/sources")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                if let Some(v) = s.pointer_mut("/configMap/name") {
                    set(v, "ConfigMap");
                }
                if let Some(v) = s.pointer_mut("/secret/name") {
                    set(v, "Secret");
                }
            }
        }
        for list in ["initContainers", "containers"] {
            for c in spec
                .get_mut(list)
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                for e in c
                    .get_mut("envFrom")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Some(v) = e.pointer_mut("/configMapRef/name") {
                        set(v, "ConfigMap");
                    }
                    if let Some(v) = e.pointer_mut("/secretRef/name") {
                        set(v, "Secret");
                    }
                }
                for e in c
                    .get_mut("env")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if let Some(v) = e.pointer_mut("/valueFrom/configMapKeyRef/name") {
                        set(v, "ConfigMap");
                    }
                    if let Some(v) = e.pointer_mut("/valueFrom/secretKeyRef/name") {
                        set(v, "Secret");
                    }
                }
            }
        }
    }
}

fn order_key(o: &Value) -> (usize, String, String, String) {
    let kind = crate::sim::object::kind(o);
    let rank = if let Some(i) = ORDER_FIRST.iter().position(|k| *k == kind) {
        i
    } else if let Some(i) = ORDER_LAST.iter().position(|k| *k == kind) {
        ORDER_FIRST.len() + 1 + i
    } else {
        ORDER_FIRST.len()
    };
    (
        rank,
        format!("{}_{kind}", crate::sim::object::str_at(o, "/apiVersion")),
        crate::sim::object::namespace(o).to_string(),
        crate::sim::object::name(o).to_string(),
    )
}

fn sort_legacy(objects: &mut [Value]) {
    use crate::sorting::SharedSort as _;
    objects.sort_shared_by_key(order_key);
}

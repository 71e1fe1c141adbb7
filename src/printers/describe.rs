//! `kubectl describe` text: a port of kubectl `pkg/describe/describe.go` as of v1.31.
//!
//! Every describer takes the object, the related objects kubectl would have fetched (events
//! about it, the pods of a controller, …) in [`Related`], and the current time, and returns the
//! text. The layout is kubectl's: a `PrefixWriter` writes `Key:\tvalue` lines indented two
//! spaces per level into a Go tabwriter (minwidth 0, padding 2); the Events table flushes the
//! writer first, so it is aligned on its own.
//!
//! Where v1.31 differs from later releases, v1.31 wins: projected volumes print
//! `ConfigMapOptional:  <nil>` (a `*bool` printed with `%v`), System Info has
//! `Kube-Proxy Version`, and a Service's endpoints come from its Endpoints object.

use crate::sim::object::Pointer as _;
use crate::sorting::{CollectInserted, SharedSort};
use serde_json::{Map, Value};

use super::age::human_duration;
use super::quantity::Quantity;
use super::tabwriter::TabWriter;
use crate::sim::clock::{parse_rfc3339, rfc1123z, TimeMs};
use crate::sim::object::{self, str_at};

/// The related objects a describer needs. Callers fill in what the kind uses; the rest stays
/// empty.
#[derive(Clone, Debug, Default)]
pub struct Related {
    /// Events about the object; `None` with `--show-events=false` (no Events section at all).
    pub events: Option<Vec<Value>>,
    /// Pods: of a controller (filtered by controller UID here), on a node (filtered by node and
    /// phase here), or in the namespace of a PersistentVolumeClaim.
    pub pods: Vec<Value>,
    /// The ReplicaSets in a Deployment's namespace (filtered by owner here).
    pub replica_sets: Vec<Value>,
    /// A node's Lease from `kube-node-lease`; `None` prints the "Failed to get lease" line.
    pub lease: Option<Value>,
    /// A Service's Endpoints object.
    pub endpoints: Option<Value>,
    /// A namespace's ResourceQuotas and LimitRanges.
    pub quotas: Vec<Value>,
    pub limit_ranges: Vec<Value>,
    /// The Secrets in a ServiceAccount's namespace.
    pub secrets: Vec<Value>,
}

/// Describes any object: the kind's own describer, or the generic one.
pub fn describe(obj: &Value, rel: &Related, now: TimeMs) -> String {
    let ev = rel.events.as_deref();
    match object::kind(obj) {
        "Pod" => describe_pod(obj, ev, now),
        "Node" => describe_node(obj, &rel.pods, rel.lease.as_ref(), ev, now),
        "Namespace" => describe_namespace(obj, &rel.quotas, &rel.limit_ranges),
        "Deployment" => describe_deployment(obj, &rel.replica_sets, ev, now),
        "ReplicaSet" => describe_replica_set(obj, &rel.pods, ev, now),
        "ReplicationController" => describe_replication_controller(obj, &rel.pods, ev, now),
        "DaemonSet" => describe_daemon_set(obj, &rel.pods, ev, now),
        "StatefulSet" => describe_stateful_set(obj, &rel.pods, ev, now),
        "Job" => describe_job(obj, ev, now),
        "CronJob" => describe_cron_job(obj, ev, now),
        "Service" => describe_service(obj, rel.endpoints.as_ref(), ev, now),
        "Endpoints" => describe_endpoints(obj, ev, now),
        "ConfigMap" => describe_config_map(obj, ev, now),
        "Secret" => describe_secret(obj),
        "ServiceAccount" => describe_service_account(obj, &rel.secrets, ev, now),
        "ResourceQuota" => describe_quota(obj),
        "LimitRange" => describe_limit_range(obj),
        "PersistentVolume" => describe_persistent_volume(obj, ev, now),
        "PersistentVolumeClaim" => describe_persistent_volume_claim(obj, &rel.pods, ev, now),
        "Role" | "ClusterRole" => describe_role(obj),
        "RoleBinding" | "ClusterRoleBinding" => describe_role_binding(obj),
        "Ingress" => describe_ingress(obj, ev, now),
        "IngressClass" => describe_ingress_class(obj, ev, now),
        "HorizontalPodAutoscaler" => describe_hpa(obj, ev, now),
        "PodDisruptionBudget" => describe_pdb(obj, ev, now),
        "NetworkPolicy" => describe_network_policy(obj),
        "PriorityClass" => describe_priority_class(obj, ev, now),
        "StorageClass" => describe_storage_class(obj, ev, now),
        "EndpointSlice" => describe_endpoint_slice(obj, ev, now),
        _ => describe_generic(obj, ev, now),
    }
}

// ---------------------------------------------------------------------------------------------
// The writer

const LEVEL_0: usize = 0;
const LEVEL_1: usize = 1;
const LEVEL_2: usize = 2;
const LEVEL_3: usize = 3;

/// kubectl's `prefixWriter` over a `tabwriter.Writer`, as `tabbedString` sets it up.
struct Pw {
    tw: TabWriter,
    out: String,
}

impl Pw {
    fn new() -> Pw {
        Pw {
            tw: TabWriter::for_describe(),
            out: String::new(),
        }
    }

    /// `Write(level, text)`: two spaces per level, then the text, escaped like
    /// `printers.WriteEscaped`.
    fn w(&mut self, level: usize, text: &str) {
        let mut s = "  ".repeat(level);
        s.push_str(text);
        self.tw.write(&escape_terminal(&s));
    }

    /// `WriteLine(text)`: the text and a line end, no indent.
    fn line(&mut self, text: &str) {
        self.tw.write(&escape_terminal(&format!("{text}\n")));
    }

    fn flush(&mut self) {
        let s = self.tw.flush();
        self.out.push_str(&s);
    }

    fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

/// cli-runtime `printers.EscapeTerminal`: no escape sequences reach the terminal.
fn escape_terminal(s: &str) -> String {
    if s.contains(['\u{1b}', '\r']) {
        s.replace('\u{1b}', "^[").replace('\r', "\\r")
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Small readers

fn arr<'a>(v: &'a Value, ptr: &str) -> &'a [Value] {
    v.at(ptr)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn map<'a>(v: &'a Value, ptr: &str) -> Option<&'a Map<String, Value>> {
    v.at(ptr).and_then(Value::as_object)
}

fn int(v: &Value, ptr: &str) -> i64 {
    v.at(ptr).and_then(as_i64).unwrap_or(0)
}

fn as_i64(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))
}

fn boolean(v: &Value, ptr: &str) -> bool {
    v.at(ptr).and_then(Value::as_bool).unwrap_or(false)
}

/// Go's `%v` of a scalar JSON value (strings bare, missing as `""`).
fn scalar(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => other.to_string(),
    }
}

/// `%v` of a `*bool`, `*int32`…: `<nil>` when unset. A set pointer prints its address in Go;
/// a fixed address-like text stands in for it.
fn pointer_value(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "<nil>".into(),
        Some(_) => "0xc000a1b2c8".into(),
    }
}

/// An `intstr.IntOrString`'s `String()`.
fn int_or_string(v: Option<&Value>) -> String {
    scalar(v)
}

/// `metav1.Time.Format(time.RFC1123Z)`; the zero time for a missing one.
fn time_1123(ts: &str) -> String {
    match parse_rfc3339(ts) {
        Some(t) => rfc1123z(t),
        None => "Mon, 01 Jan 0001 00:00:00 +0000".into(),
    }
}

/// `translateTimestampSince`.
fn since(ts: &str, now: TimeMs) -> String {
    match parse_rfc3339(ts) {
        Some(t) => human_duration(now - t),
        None => "<unknown>".into(),
    }
}

/// Go's `time.Time.String()` in UTC, as `%s` of a `metav1.Time` prints it.
fn go_time_string(ts: &str) -> String {
    let t = parse_rfc3339(ts).unwrap_or(-62_135_596_800_000);
    let c = crate::sim::clock::civil(t);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} +0000 UTC",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

fn string_or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

/// `labels.FormatLabels`: `k=v,k2=v2` sorted, or `<none>`.
fn format_labels(m: Option<&Map<String, Value>>) -> String {
    let s = m
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", scalar(Some(v))))
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default();
    string_or_none(&s)
}

/// `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key.
fn selector_string(sel: Option<&Value>) -> String {
    let Some(sel) = sel.filter(|s| s.is_object()) else {
        return String::new();
    };
    let mut reqs: Vec<(String, String)> = vec![];
    if let Some(ml) = map(sel, "/matchLabels") {
        for (k, v) in ml {
            reqs.push((k.clone(), format!("{k}={}", scalar(Some(v)))));
        }
    }
    for e in arr(sel, "/matchExpressions") {
        let key = str_at(e, "/key").to_string();
        let mut vals: Vec<&str> = arr(e, "/values").iter().filter_map(Value::as_str).collect();
        vals.sort_shared();
        let text = match str_at(e, "/operator") {
            "In" => format!("{key} in ({})", vals.join(",")),
            "NotIn" => format!("{key} notin ({})", vals.join(",")),
            "Exists" => key.clone(),
            "DoesNotExist" => format!("!{key}"),
            op => format!("{key} {op} ({})", vals.join(",")),
        };
        reqs.push((key, text));
    }
    reqs.sort_shared_by(|a, b| a.0.cmp(&b.0));
    reqs.into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(",")
}

/// `metav1.FormatLabelSelector`: like [`selector_string`], `<none>` when empty.
fn format_label_selector(sel: Option<&Value>) -> String {
    string_or_none(&selector_string(sel))
}

fn controller_of(obj: &Value) -> String {
    match object::controller_of(obj) {
        Some((kind, name, _)) => format!("{kind}/{name}"),
        None => String::new(),
    }
}

fn controller_uid(obj: &Value) -> Option<&str> {
    object::controller_of(obj).map(|(_, _, uid)| uid)
}

// ---------------------------------------------------------------------------------------------
// Shared sections

/// `printLabelsMultilineWithIndent`.
fn labels_multiline_indent(
    w: &mut Pw,
    initial_indent: &str,
    title: &str,
    inner_indent: &str,
    labels: Option<&Map<String, Value>>,
) {
    w.w(LEVEL_0, &format!("{initial_indent}{title}:{inner_indent}"));
    let labels = match labels {
        Some(l) if !l.is_empty() => l,
        _ => {
            w.line("<none>");
            return;
        }
    };
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.w(LEVEL_0, initial_indent);
            w.w(LEVEL_0, inner_indent);
        }
        w.w(LEVEL_0, &format!("{k}={}\n", scalar(Some(v))));
    }
}

fn labels_multiline(w: &mut Pw, title: &str, labels: Option<&Map<String, Value>>) {
    labels_multiline_indent(w, "", title, "\t", labels);
}

const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: sorted, the last-applied configuration hidden, long or
/// multi-line values on their own lines.
fn annotations_multiline(w: &mut Pw, title: &str, annotations: Option<&Map<String, Value>>) {
    w.w(LEVEL_0, &format!("{title}:\t"));
    let keys: Vec<(&String, &Value)> = annotations
        .map(|m| {
            m.iter()
                .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
                .collect()
        })
        .unwrap_or_default();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    let indent = "\t";
    for (i, (key, value)) in keys.iter().enumerate() {
        if i != 0 {
            w.w(LEVEL_0, indent);
        }
        let value = scalar(Some(value));
        let value = value.strip_suffix('\n').unwrap_or(&value);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.w(LEVEL_0, &format!("{key}:\n"));
            for s in value.split('\n') {
                w.w(
                    LEVEL_0,
                    &format!("{indent}  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2)),
                );
            }
        } else {
            w.w(LEVEL_0, &format!("{key}: {value}\n"));
        }
    }
}

/// Go's `s[:max] + "..."` (byte-based; cut back to a character boundary here).
fn shorten(s: &str, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &s[..end])
    } else {
        s.to_string()
    }
}

/// `printTolerationsMultilineWithIndent`.
fn tolerations_multiline(w: &mut Pw, title: &str, tolerations: &[Value]) {
    w.w(LEVEL_0, &format!("{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Value> = tolerations.iter().collect();
    sorted.sort_shared_by(|a, b| str_at(a, "/key").cmp(str_at(b, "/key")));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.w(LEVEL_0, "\t");
        }
        let key = str_at(t, "/key");
        let value = str_at(t, "/value");
        let effect = str_at(t, "/effect");
        let mut s = key.to_string();
        if !value.is_empty() {
            s.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            s.push_str(&format!(":{effect}"));
        }
        if str_at(t, "/operator") == "Exists" && value.is_empty() {
            if !key.is_empty() || !effect.is_empty() {
                s.push_str(" op=Exists");
            } else {
                s.push_str("op=Exists");
            }
        }
        if let Some(secs) = t.get("tolerationSeconds").and_then(as_i64) {
            s.push_str(&format!(" for {secs}s"));
        }
        s.push('\n');
        w.w(LEVEL_0, &s);
    }
}

/// `printTaintsMultilineWithIndent`: sorted by effect, then key.
fn taints_multiline(w: &mut Pw, title: &str, taints: &[Value]) {
    w.w(LEVEL_0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Value> = taints.iter().collect();
    sorted.sort_shared_by_key(|t| format!("{},{}", str_at(t, "/effect"), str_at(t, "/key")));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.w(LEVEL_0, "\t");
        }
        w.w(LEVEL_0, &format!("{}\n", taint_string(t)));
    }
}

/// `Taint.ToString()`.
pub fn taint_string(t: &Value) -> String {
    let (k, v, e) = (str_at(t, "/key"), str_at(t, "/value"), str_at(t, "/effect"));
    if v.is_empty() {
        format!("{k}:{e}")
    } else {
        format!("{k}={v}:{e}")
    }
}

/// The `Age` cell of an event: first-seen age, or `<last> (xN over <first>)`.
pub fn event_interval(e: &Value, now: TimeMs) -> String {
    let event_time = str_at(e, "/eventTime");
    let first = if event_time.is_empty() {
        since(str_at(e, "/firstTimestamp"), now)
    } else {
        since(event_time, now)
    };
    if let Some(series) = e.get("series").filter(|s| s.is_object()) {
        format!(
            "{} (x{} over {})",
            since(str_at(series, "/lastObservedTime"), now),
            int(series, "/count"),
            first
        )
    } else if int(e, "/count") > 1 {
        format!(
            "{} (x{} over {})",
            since(str_at(e, "/lastTimestamp"), now),
            int(e, "/count"),
            first
        )
    } else {
        first
    }
}

/// `DescribeEvents`: `Events:  <none>` in the current block, or a table aligned on its own,
/// oldest last-seen first.
fn describe_events(w: &mut Pw, events: &[Value], now: TimeMs) {
    if events.is_empty() {
        w.w(LEVEL_0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    // `sort.Sort(event.SortableEvents(...))`: by last timestamp, Go's unstable order for ties.
    let mut sorted: Vec<&Value> = events.iter().collect();
    let last = |e: &&Value| parse_rfc3339(str_at(e, "/lastTimestamp")).unwrap_or(i64::MIN);
    super::gosort::sort_by(&mut sorted, |a, b| last(a) < last(b));
    w.w(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.w(LEVEL_1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let mut source = str_at(e, "/source/component");
        if source.is_empty() {
            source = str_at(e, "/reportingController");
        }
        w.w(
            LEVEL_1,
            &format!(
                "{}\t{}\t{}\t{}\t{}\n",
                str_at(e, "/type"),
                str_at(e, "/reason"),
                event_interval(e, now),
                source,
                str_at(e, "/message").trim()
            ),
        );
    }
}

fn maybe_events(w: &mut Pw, events: Option<&[Value]>, now: TimeMs) {
    if let Some(ev) = events {
        describe_events(w, ev, now);
    }
}

// ---------------------------------------------------------------------------------------------
// Generic

/// `genericDescriber`: name, namespace, labels, annotations, then every other field in
/// sorted order with camel-case keys split into words.
pub fn describe_generic(obj: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(obj)),
    );
    labels_multiline(&mut w, "Labels", map(obj, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(obj, "/metadata/annotations"));
    if let Some(content) = obj.as_object() {
        unstructured_content(
            &mut w,
            LEVEL_0,
            content,
            "",
            &[
                ".metadata.managedFields",
                ".metadata.name",
                ".metadata.namespace",
                ".metadata.labels",
                ".metadata.annotations",
            ],
            0,
        );
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// Deep enough for any real object; a bound so that no input recurses without end.
const MAX_DEPTH: usize = 32;

fn unstructured_content(
    w: &mut Pw,
    level: usize,
    content: &Map<String, Value>,
    skip_prefix: &str,
    skip: &[&str],
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for (field, value) in content {
        let skip_expr = format!("{skip_prefix}.{field}");
        if skip.contains(&skip_expr.as_str()) {
            continue;
        }
        match value {
            Value::Object(m) => {
                w.w(level, &format!("{}:\n", smart_label(field)));
                unstructured_content(w, level + 1, m, &skip_expr, skip, depth + 1);
            }
            Value::Array(items) => {
                w.w(level, &format!("{}:\n", smart_label(field)));
                for child in items {
                    match child {
                        Value::Object(m) => {
                            unstructured_content(w, level + 1, m, &skip_expr, skip, depth + 1)
                        }
                        other => w.w(level + 1, &format!("{}\n", go_value(other))),
                    }
                }
            }
            other => w.w(
                level,
                &format!("{}:\t{}\n", smart_label(field), go_value(other)),
            ),
        }
    }
}

/// `%v` of a decoded JSON scalar: numbers are float64 in an unstructured object.
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", f as i128),
            Some(f) => format!("{f}"),
            None => n.to_string(),
        },
        other => scalar(Some(other)),
    }
}

/// `smartLabelFor`: `creationTimestamp` becomes `Creation Timestamp`, `uid` becomes `UID`.
fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    let acronyms = ["API", "URL", "UID", "OSB", "GUID"];
    camelcase_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if acronyms.contains(&upper.as_str()) {
                upper
            } else {
                let mut cs = p.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `github.com/fatih/camelcase.Split`.
fn camelcase_split(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Lower,
        Upper,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_lowercase() {
            Class::Lower
        } else if c.is_uppercase() {
            Class::Upper
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Other
        }
    };
    let mut runs: Vec<Vec<char>> = vec![];
    let mut last = None;
    for c in s.chars() {
        let cl = class(c);
        if Some(cl) == last {
            if let Some(r) = runs.last_mut() {
                r.push(c);
            }
        } else {
            runs.push(vec![c]);
        }
        last = Some(cl);
    }
    // An upper-case run followed by a lower-case run gives its last letter to it.
    for i in 0..runs.len().saturating_sub(1) {
        let (cur_upper, next_lower) = (
            runs[i].first().is_some_and(|c| c.is_uppercase()),
            runs[i + 1].first().is_some_and(|c| c.is_lowercase()),
        );
        if cur_upper && next_lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Pods

/// `describePod`.
pub fn describe_pod(pod: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(pod)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(pod)),
    );
    if let Some(p) = pod.at("/spec/priority").and_then(as_i64) {
        w.w(LEVEL_0, &format!("Priority:\t{p}\n"));
    }
    let pcn = str_at(pod, "/spec/priorityClassName");
    if !pcn.is_empty() {
        w.w(LEVEL_0, &format!("Priority Class Name:\t{pcn}\n"));
    }
    let rcn = str_at(pod, "/spec/runtimeClassName");
    if !rcn.is_empty() {
        w.w(LEVEL_0, &format!("Runtime Class Name:\t{rcn}\n"));
    }
    let sa = str_at(pod, "/spec/serviceAccountName");
    if !sa.is_empty() {
        w.w(LEVEL_0, &format!("Service Account:\t{sa}\n"));
    }
    let node = str_at(pod, "/spec/nodeName");
    if node.is_empty() {
        w.w(LEVEL_0, "Node:\t<none>\n");
    } else {
        w.w(
            LEVEL_0,
            &format!("Node:\t{node}/{}\n", str_at(pod, "/status/hostIP")),
        );
    }
    let start = str_at(pod, "/status/startTime");
    if !start.is_empty() {
        w.w(LEVEL_0, &format!("Start Time:\t{}\n", time_1123(start)));
    }
    labels_multiline(&mut w, "Labels", map(pod, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(pod, "/metadata/annotations"));
    let phase = str_at(pod, "/status/phase");
    let deletion = str_at(pod, "/metadata/deletionTimestamp");
    if !deletion.is_empty() && phase != "Failed" && phase != "Succeeded" {
        w.w(
            LEVEL_0,
            &format!("Status:\tTerminating (lasts {})\n", since(deletion, now)),
        );
        w.w(
            LEVEL_0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                int(pod, "/metadata/deletionGracePeriodSeconds")
            ),
        );
    } else {
        w.w(LEVEL_0, &format!("Status:\t{phase}\n"));
    }
    let reason = str_at(pod, "/status/reason");
    if !reason.is_empty() {
        w.w(LEVEL_0, &format!("Reason:\t{reason}\n"));
    }
    let message = str_at(pod, "/status/message");
    if !message.is_empty() {
        w.w(LEVEL_0, &format!("Message:\t{message}\n"));
    }
    if let Some(sp) = pod
        .at("/spec/securityContext/seccompProfile")
        .filter(|v| v.is_object())
    {
        let ty = str_at(sp, "/type");
        w.w(LEVEL_0, &format!("SeccompProfile:\t{ty}\n"));
        if ty == "Localhost" {
            w.w(
                LEVEL_0,
                &format!("LocalhostProfile:\t{}\n", str_at(sp, "/localhostProfile")),
            );
        }
    }
    w.w(LEVEL_0, &format!("IP:\t{}\n", str_at(pod, "/status/podIP")));
    pod_ips(&mut w, pod);
    let cb = controller_of(pod);
    if !cb.is_empty() {
        w.w(LEVEL_0, &format!("Controlled By:\t{cb}\n"));
    }
    let nominated = str_at(pod, "/status/nominatedNodeName");
    if !nominated.is_empty() {
        w.w(LEVEL_0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    let inits = arr(pod, "/spec/initContainers");
    if !inits.is_empty() {
        describe_containers(
            &mut w,
            "Init Containers",
            inits,
            Some(arr(pod, "/status/initContainerStatuses")),
            Some(pod),
            "",
        );
    }
    describe_containers(
        &mut w,
        "Containers",
        arr(pod, "/spec/containers"),
        Some(arr(pod, "/status/containerStatuses")),
        Some(pod),
        "",
    );
    let eph = arr(pod, "/spec/ephemeralContainers");
    if !eph.is_empty() {
        describe_containers(
            &mut w,
            "Ephemeral Containers",
            eph,
            Some(arr(pod, "/status/ephemeralContainerStatuses")),
            Some(pod),
            "",
        );
    }
    let gates = arr(pod, "/spec/readinessGates");
    if !gates.is_empty() {
        w.w(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let ct = str_at(g, "/conditionType");
            let status = arr(pod, "/status/conditions")
                .iter()
                .find(|c| str_at(c, "/type") == ct)
                .map(|c| str_at(c, "/status").to_string())
                .unwrap_or_else(|| "<none>".into());
            w.w(LEVEL_1, &format!("{ct} \t{status} \n"));
        }
    }
    let conditions = arr(pod, "/status/conditions");
    if !conditions.is_empty() {
        w.w(LEVEL_0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.w(
                LEVEL_1,
                &format!("{} \t{} \n", str_at(c, "/type"), str_at(c, "/status")),
            );
        }
    }
    describe_volumes(&mut w, arr(pod, "/spec/volumes"), "");
    let qos = match str_at(pod, "/status/qosClass") {
        "" => compute_pod_qos(pod),
        q => q.to_string(),
    };
    w.w(LEVEL_0, &format!("QoS Class:\t{qos}\n"));
    labels_multiline(&mut w, "Node-Selectors", map(pod, "/spec/nodeSelector"));
    tolerations_multiline(&mut w, "Tolerations", arr(pod, "/spec/tolerations"));
    topology_spread_constraints(&mut w, arr(pod, "/spec/topologySpreadConstraints"), "");
    maybe_events(&mut w, events, now);
    w.finish()
}

fn pod_ips(w: &mut Pw, pod: &Value) {
    let ips = arr(pod, "/status/podIPs");
    if ips.is_empty() {
        w.w(LEVEL_0, "IPs:\t<none>\n");
        return;
    }
    w.w(LEVEL_0, "IPs:\n");
    for ip in ips {
        w.w(LEVEL_1, &format!("IP:\t{}\n", str_at(ip, "/ip")));
    }
}

fn topology_spread_constraints(w: &mut Pw, tscs: &[Value], space: &str) {
    if tscs.is_empty() {
        return;
    }
    let mut sorted: Vec<&Value> = tscs.iter().collect();
    sorted.sort_shared_by(|a, b| str_at(a, "/topologyKey").cmp(str_at(b, "/topologyKey")));
    w.w(LEVEL_0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.w(LEVEL_0, space);
            w.w(LEVEL_0, "\t");
        }
        let mut s = format!(
            "{}:{} when max skew {} is exceeded",
            str_at(t, "/topologyKey"),
            str_at(t, "/whenUnsatisfiable"),
            int(t, "/maxSkew")
        );
        if let Some(sel) = t.get("labelSelector").filter(|v| v.is_object()) {
            s.push_str(&format!(
                " for selector {}",
                format_label_selector(Some(sel))
            ));
        }
        s.push('\n');
        w.w(LEVEL_0, &s);
    }
}

/// `qos.ComputePodQOS`: Guaranteed when every container has equal CPU and memory requests and
/// limits, BestEffort when none has any, Burstable otherwise.
pub fn compute_pod_qos(pod: &Value) -> String {
    crate::sim::qos::pod_qos_class(pod).to_string()
}

/// `describeContainers`. `statuses` is `None` in a pod template; `pod` resolves `fieldRef`
/// environment variables.
fn describe_containers(
    w: &mut Pw,
    label: &str,
    containers: &[Value],
    statuses: Option<&[Value]>,
    pod: Option<&Value>,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.w(LEVEL_0, &format!("{space}{label}:{none}\n"));
    for c in containers {
        let name = str_at(c, "/name");
        let status = statuses.and_then(|ss| ss.iter().find(|s| str_at(s, "/name") == name));
        container_basic_info(w, c, status, space);
        container_command(w, c);
        if let Some(st) = status {
            container_state(w, st);
        }
        describe_resources(w, c.get("resources"), LEVEL_2);
        container_probes(w, c);
        if !arr(c, "/envFrom").is_empty() {
            container_env_from(w, c);
        }
        container_env(w, c, pod);
        container_mounts(w, c);
    }
}

fn container_basic_info(w: &mut Pw, c: &Value, status: Option<&Value>, space: &str) {
    let name_indent = if space.is_empty() { "" } else { " " };
    w.w(LEVEL_1, &format!("{name_indent}{}:\n", str_at(c, "/name")));
    if let Some(st) = status {
        w.w(
            LEVEL_2,
            &format!("Container ID:\t{}\n", str_at(st, "/containerID")),
        );
    }
    w.w(LEVEL_2, &format!("Image:\t{}\n", str_at(c, "/image")));
    if let Some(st) = status {
        w.w(LEVEL_2, &format!("Image ID:\t{}\n", str_at(st, "/imageID")));
    }
    let ports = arr(c, "/ports");
    let port_string = ports
        .iter()
        .map(|p| format!("{}/{}", int(p, "/containerPort"), str_at(p, "/protocol")))
        .collect::<Vec<_>>()
        .join(", ");
    if port_string.contains(',') {
        w.w(LEVEL_2, &format!("Ports:\t{port_string}\n"));
    } else {
        w.w(
            LEVEL_2,
            &format!("Port:\t{}\n", string_or_none(&port_string)),
        );
    }
    let host_ports = ports
        .iter()
        .map(|p| format!("{}/{}", int(p, "/hostPort"), str_at(p, "/protocol")))
        .collect::<Vec<_>>()
        .join(", ");
    if host_ports.contains(',') {
        w.w(LEVEL_2, &format!("Host Ports:\t{host_ports}\n"));
    } else {
        w.w(
            LEVEL_2,
            &format!("Host Port:\t{}\n", string_or_none(&host_ports)),
        );
    }
    if let Some(sp) = c
        .at("/securityContext/seccompProfile")
        .filter(|v| v.is_object())
    {
        let ty = str_at(sp, "/type");
        w.w(LEVEL_2, &format!("SeccompProfile:\t{ty}\n"));
        if ty == "Localhost" {
            w.w(
                LEVEL_3,
                &format!("LocalhostProfile:\t{}\n", str_at(sp, "/localhostProfile")),
            );
        }
    }
}

fn container_command(w: &mut Pw, c: &Value) {
    for (field, title) in [("/command", "Command"), ("/args", "Args")] {
        let items = arr(c, field);
        if items.is_empty() {
            continue;
        }
        w.w(LEVEL_2, &format!("{title}:\n"));
        for item in items {
            for s in scalar(Some(item)).split('\n') {
                w.w(LEVEL_3, &format!("{s}\n"));
            }
        }
    }
}

/// `describeResources`: Limits, then Requests, each sorted by name.
fn describe_resources(w: &mut Pw, resources: Option<&Value>, level: usize) {
    let Some(r) = resources else {
        return;
    };
    for (field, title) in [("/limits", "Limits"), ("/requests", "Requests")] {
        if let Some(m) = map(r, field).filter(|m| !m.is_empty()) {
            w.w(level, &format!("{title}:\n"));
            for (name, v) in m {
                w.w(
                    level + 1,
                    &format!("{name}:\t{}\n", quantity_string(Some(v))),
                );
            }
        }
    }
}

/// A quantity as `Quantity.String()` prints it (the text as written when it does not parse).
fn quantity_string(v: Option<&Value>) -> String {
    let s = scalar(v);
    match Quantity::parse(&s) {
        Some(q) => q.to_string(),
        None if s.is_empty() => "0".into(),
        None => s,
    }
}

fn container_state(w: &mut Pw, st: &Value) {
    describe_status(w, "State", st.get("state"));
    if st
        .at("/lastState/terminated")
        .is_some_and(|t| t.is_object())
    {
        describe_status(w, "Last State", st.get("lastState"));
    }
    w.w(
        LEVEL_2,
        &format!(
            "Ready:\t{}\n",
            if boolean(st, "/ready") {
                "True"
            } else {
                "False"
            }
        ),
    );
    w.w(
        LEVEL_2,
        &format!("Restart Count:\t{}\n", int(st, "/restartCount")),
    );
}

/// `describeStatus`.
fn describe_status(w: &mut Pw, name: &str, state: Option<&Value>) {
    let state = state.cloned().unwrap_or(Value::Null);
    if let Some(r) = state.get("running").filter(|v| v.is_object()) {
        w.w(LEVEL_2, &format!("{name}:\tRunning\n"));
        w.w(
            LEVEL_3,
            &format!("Started:\t{}\n", time_1123(str_at(r, "/startedAt"))),
        );
    } else if let Some(wt) = state.get("waiting").filter(|v| v.is_object()) {
        w.w(LEVEL_2, &format!("{name}:\tWaiting\n"));
        let reason = str_at(wt, "/reason");
        if !reason.is_empty() {
            w.w(LEVEL_3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = state.get("terminated").filter(|v| v.is_object()) {
        w.w(LEVEL_2, &format!("{name}:\tTerminated\n"));
        let reason = str_at(t, "/reason");
        if !reason.is_empty() {
            w.w(LEVEL_3, &format!("Reason:\t{reason}\n"));
        }
        let message = str_at(t, "/message");
        if !message.is_empty() {
            w.w(LEVEL_3, &format!("Message:\t{message}\n"));
        }
        w.w(LEVEL_3, &format!("Exit Code:\t{}\n", int(t, "/exitCode")));
        let signal = int(t, "/signal");
        if signal > 0 {
            w.w(LEVEL_3, &format!("Signal:\t{signal}\n"));
        }
        w.w(
            LEVEL_3,
            &format!("Started:\t{}\n", time_1123(str_at(t, "/startedAt"))),
        );
        w.w(
            LEVEL_3,
            &format!("Finished:\t{}\n", time_1123(str_at(t, "/finishedAt"))),
        );
    } else {
        w.w(LEVEL_2, &format!("{name}:\tWaiting\n"));
    }
}

fn container_probes(w: &mut Pw, c: &Value) {
    for (field, title) in [
        ("livenessProbe", "Liveness"),
        ("readinessProbe", "Readiness"),
        ("startupProbe", "Startup"),
    ] {
        if let Some(p) = c.get(field).filter(|v| v.is_object()) {
            w.w(LEVEL_2, &format!("{title}:\t{}\n", describe_probe(p)));
        }
    }
}

/// `DescribeProbe`.
pub fn describe_probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int(p, "/initialDelaySeconds"),
        int(p, "/timeoutSeconds"),
        int(p, "/periodSeconds"),
        int(p, "/successThreshold"),
        int(p, "/failureThreshold")
    );
    if let Some(e) = p.get("exec").filter(|v| v.is_object()) {
        let cmd: Vec<String> = arr(e, "/command").iter().map(|c| scalar(Some(c))).collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet").filter(|v| v.is_object()) {
        let scheme = str_at(h, "/scheme").to_lowercase();
        let port = int_or_string(h.get("port"));
        let host = str_at(h, "/host");
        let hostport = if port.is_empty() {
            host.to_string()
        } else {
            join_host_port(host, &port)
        };
        let mut url = String::new();
        if !scheme.is_empty() {
            url.push_str(&scheme);
            url.push(':');
        }
        if !scheme.is_empty() || !hostport.is_empty() {
            url.push_str("//");
            url.push_str(&hostport);
        }
        let path = str_at(h, "/path");
        if !path.is_empty() && !path.starts_with('/') && !hostport.is_empty() {
            url.push('/');
        }
        url.push_str(path);
        return format!("http-get {url} {attrs}");
    }
    if let Some(t) = p.get("tcpSocket").filter(|v| v.is_object()) {
        return format!(
            "tcp-socket {}:{} {attrs}",
            str_at(t, "/host"),
            int_or_string(t.get("port"))
        );
    }
    if let Some(g) = p.get("grpc").filter(|v| v.is_object()) {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            int(g, "/port"),
            str_at(g, "/service")
        );
    }
    format!("unknown {attrs}")
}

/// `net.JoinHostPort`.
fn join_host_port(host: &str, port: &str) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

fn container_env_from(w: &mut Pw, c: &Value) {
    w.w(LEVEL_2, "Environment Variables from:\n");
    for e in arr(c, "/envFrom") {
        let (from, r) = if let Some(r) = e.get("configMapRef").filter(|v| v.is_object()) {
            ("ConfigMap", r)
        } else if let Some(r) = e.get("secretRef").filter(|v| v.is_object()) {
            ("Secret", r)
        } else {
            ("", &Value::Null)
        };
        let name = str_at(r, "/name");
        let optional = boolean(r, "/optional");
        let prefix = str_at(e, "/prefix");
        if prefix.is_empty() {
            w.w(LEVEL_3, &format!("{name}\t{from}\tOptional: {optional}\n"));
        } else {
            w.w(
                LEVEL_3,
                &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"),
            );
        }
    }
}

fn container_env(w: &mut Pw, c: &Value, pod: Option<&Value>) {
    let env = arr(c, "/env");
    if env.is_empty() {
        w.w(LEVEL_2, "Environment:\t<none>\n");
        return;
    }
    w.w(LEVEL_2, "Environment:\n");
    for e in env {
        let name = str_at(e, "/name");
        let Some(vf) = e.get("valueFrom").filter(|v| v.is_object()) else {
            for (i, s) in str_at(e, "/value").split('\n').enumerate() {
                if i == 0 {
                    w.w(LEVEL_3, &format!("{name}:\t{s}\n"));
                } else {
                    w.w(LEVEL_3, &format!("\t{s}\n"));
                }
            }
            continue;
        };
        if let Some(fr) = vf.get("fieldRef").filter(|v| v.is_object()) {
            let path = str_at(fr, "/fieldPath");
            let value = pod.map(|p| field_path_value(p, path)).unwrap_or_default();
            w.w(
                LEVEL_3,
                &format!("{name}:\t{value} ({}:{path})\n", str_at(fr, "/apiVersion")),
            );
        } else if let Some(rf) = vf.get("resourceFieldRef").filter(|v| v.is_object()) {
            let resource = str_at(rf, "/resource");
            let mut value = container_resource_value(rf, c);
            if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") {
                value = "node allocatable".into();
            }
            w.w(LEVEL_3, &format!("{name}:\t{value} ({resource})\n"));
        } else if let Some(r) = vf.get("secretKeyRef").filter(|v| v.is_object()) {
            w.w(
                LEVEL_3,
                &format!(
                    "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    str_at(r, "/key"),
                    str_at(r, "/name"),
                    boolean(r, "/optional")
                ),
            );
        } else if let Some(r) = vf.get("configMapKeyRef").filter(|v| v.is_object()) {
            w.w(
                LEVEL_3,
                &format!(
                    "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    str_at(r, "/key"),
                    str_at(r, "/name"),
                    boolean(r, "/optional")
                ),
            );
        }
    }
}

/// `fieldpath.ExtractFieldPathAsString` for the paths the downward API allows.
fn field_path_value(pod: &Value, path: &str) -> String {
    let bracket = |prefix: &str| -> Option<String> {
        let rest = path.strip_prefix(prefix)?.strip_prefix("['")?;
        Some(rest.strip_suffix("']")?.to_string())
    };
    if let Some(k) = bracket("metadata.labels") {
        return str_at(pod, &format!("/metadata/labels/{}", k.replace('/', "~1"))).into();
    }
    if let Some(k) = bracket("metadata.annotations") {
        return str_at(
            pod,
            &format!("/metadata/annotations/{}", k.replace('/', "~1")),
        )
        .into();
    }
    match path {
        "metadata.name" | "metadata.namespace" | "metadata.uid" => {
            str_at(pod, &format!("/{}", path.replace('.', "/"))).into()
        }
        "metadata.labels" | "metadata.annotations" => {
            let m = map(pod, &format!("/{}", path.replace('.', "/")));
            m.map(|m| {
                m.iter()
                    .map(|(k, v)| format!("{k}=\"{}\"", scalar(Some(v))))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// `resourcehelper.ExtractContainerResourceValue`.
fn container_resource_value(rf: &Value, c: &Value) -> String {
    let divisor = Quantity::parse(str_at(rf, "/divisor"))
        .filter(|q| !q.is_zero())
        .unwrap_or_else(|| Quantity::parse_or_zero("1"));
    let (kind, res) = match str_at(rf, "/resource").split_once('.') {
        Some(x) => x,
        None => return String::new(),
    };
    let q = Quantity::parse_or_zero(str_at(c, &format!("/resources/{kind}/{res}")));
    let ceil = |a: i64, b: i64| {
        if b == 0 {
            0
        } else {
            (a as f64 / b as f64).ceil() as i64
        }
    };
    match res {
        "cpu" => ceil(q.milli_value(), divisor.milli_value()).to_string(),
        "memory" | "ephemeral-storage" => ceil(q.value(), divisor.value()).to_string(),
        _ => String::new(),
    }
}

fn container_mounts(w: &mut Pw, c: &Value) {
    let mounts = arr(c, "/volumeMounts");
    if mounts.is_empty() {
        w.w(LEVEL_2, "Mounts:\t<none>\n");
    } else {
        w.w(LEVEL_2, "Mounts:\n");
    }
    let mut sorted: Vec<&Value> = mounts.iter().collect();
    sorted.sort_shared_by(|a, b| str_at(a, "/mountPath").cmp(str_at(b, "/mountPath")));
    for m in sorted {
        let mut flags = vec![if boolean(m, "/readOnly") { "ro" } else { "rw" }.to_string()];
        let sub = str_at(m, "/subPath");
        if !sub.is_empty() {
            flags.push(format!("path={}", crate::kubectl::flags::go_quote(sub)));
        }
        w.w(
            LEVEL_3,
            &format!(
                "{} from {} ({})\n",
                str_at(m, "/mountPath"),
                str_at(m, "/name"),
                flags.join(",")
            ),
        );
    }
    let devices = arr(c, "/volumeDevices");
    if !devices.is_empty() {
        w.w(LEVEL_2, "Devices:\n");
        let mut sorted: Vec<&Value> = devices.iter().collect();
        sorted.sort_shared_by(|a, b| str_at(a, "/devicePath").cmp(str_at(b, "/devicePath")));
        for d in sorted {
            w.w(
                LEVEL_3,
                &format!("{} from {}\n", str_at(d, "/devicePath"), str_at(d, "/name")),
            );
        }
    }
}

/// `describeVolumes`.
fn describe_volumes(w: &mut Pw, volumes: &[Value], space: &str) {
    if volumes.is_empty() {
        w.w(LEVEL_0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.w(LEVEL_0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.w(LEVEL_1, &format!("{name_indent}{}:\n", str_at(v, "/name")));
        let src = |k: &str| v.get(k).filter(|x| x.is_object());
        if let Some(h) = src("hostPath") {
            let ty = match str_at(h, "/type") {
                "" if h.get("type").is_none() => "<none>".to_string(),
                t => t.to_string(),
            };
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{ty}\n",
                    str_at(h, "/path")
                ),
            );
        } else if let Some(e) = src("emptyDir") {
            let size = Quantity::parse(str_at(e, "/sizeLimit"))
                .filter(|q| q.cmp_value(&Quantity::zero()).is_gt())
                .map(|q| q.to_string())
                .unwrap_or_else(|| "<unset>".into());
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n",
                    str_at(e, "/medium")
                ),
            );
        } else if let Some(s) = src("secret") {
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    str_at(s, "/secretName"),
                    boolean(s, "/optional")
                ),
            );
        } else if let Some(c) = src("configMap") {
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    str_at(c, "/name"),
                    boolean(c, "/optional")
                ),
            );
        } else if let Some(n) = src("nfs") {
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                    str_at(n, "/server"),
                    str_at(n, "/path"),
                    boolean(n, "/readOnly")
                ),
            );
        } else if let Some(p) = src("persistentVolumeClaim") {
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    str_at(p, "/claimName"),
                    boolean(p, "/readOnly")
                ),
            );
        } else if src("ephemeral").is_some() {
            w.w(
                LEVEL_2,
                "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n",
            );
        } else if let Some(d) = src("downwardAPI") {
            w.w(
                LEVEL_2,
                "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
            );
            for item in arr(d, "/items") {
                if let Some(fr) = item.get("fieldRef").filter(|x| x.is_object()) {
                    w.w(
                        LEVEL_3,
                        &format!(
                            "{} -> {}\n",
                            str_at(fr, "/fieldPath"),
                            str_at(item, "/path")
                        ),
                    );
                }
                if let Some(rf) = item.get("resourceFieldRef").filter(|x| x.is_object()) {
                    w.w(
                        LEVEL_3,
                        &format!("{} -> {}\n", str_at(rf, "/resource"), str_at(item, "/path")),
                    );
                }
            }
        } else if let Some(p) = src("projected") {
            w.w(
                LEVEL_2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for s in arr(p, "/sources") {
                if let Some(sec) = s.get("secret").filter(|x| x.is_object()) {
                    w.w(
                        LEVEL_2,
                        &format!(
                            "SecretName:\t{}\n    SecretOptionalName:\t{}\n",
                            str_at(sec, "/name"),
                            pointer_value(sec.get("optional"))
                        ),
                    );
                } else if s.get("downwardAPI").is_some_and(|x| x.is_object()) {
                    w.w(LEVEL_2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = s.get("configMap").filter(|x| x.is_object()) {
                    w.w(
                        LEVEL_2,
                        &format!(
                            "ConfigMapName:\t{}\n    ConfigMapOptional:\t{}\n",
                            str_at(cm, "/name"),
                            pointer_value(cm.get("optional"))
                        ),
                    );
                } else if let Some(t) = s.get("serviceAccountToken").filter(|x| x.is_object()) {
                    w.w(
                        LEVEL_2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            int(t, "/expirationSeconds")
                        ),
                    );
                }
            }
        } else if let Some(c) = src("csi") {
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    ReadOnly:\t{}\n",
                    str_at(c, "/driver"),
                    str_at(c, "/fsType"),
                    boolean(c, "/readOnly")
                ),
            );
            csi_attributes(w, map(c, "/volumeAttributes"));
        } else if let Some(i) = src("image") {
            w.w(
                LEVEL_2,
                &format!(
                    "Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n",
                    str_at(i, "/reference"),
                    str_at(i, "/pullPolicy")
                ),
            );
        } else {
            w.w(LEVEL_1, "<unknown>\n");
        }
    }
}

fn csi_attributes(w: &mut Pw, attrs: Option<&Map<String, Value>>) {
    w.w(LEVEL_2, "VolumeAttributes:\t");
    let Some(attrs) = attrs.filter(|a| !a.is_empty()) else {
        w.line("<none>");
        return;
    };
    for (i, (k, v)) in attrs.iter().enumerate() {
        if i != 0 {
            w.w(LEVEL_2, "");
            w.w(LEVEL_2, "\t");
        }
        let line = format!("{k}={}", scalar(Some(v)));
        w.w(
            LEVEL_2,
            &format!("{}\n", shorten(&line, MAX_ANNOTATION_LEN)),
        );
    }
}

/// `DescribePodTemplate`.
fn describe_pod_template(w: &mut Pw, template: Option<&Value>) {
    w.w(LEVEL_0, "Pod Template:\n");
    let Some(t) = template.filter(|t| t.is_object()) else {
        w.w(LEVEL_1, "<unset>");
        return;
    };
    labels_multiline(w, "  Labels", map(t, "/metadata/labels"));
    if map(t, "/metadata/annotations").is_some_and(|a| !a.is_empty()) {
        annotations_multiline(w, "  Annotations", map(t, "/metadata/annotations"));
    }
    let sa = str_at(t, "/spec/serviceAccountName");
    if !sa.is_empty() {
        w.w(LEVEL_1, &format!("Service Account:\t{sa}\n"));
    }
    let inits = arr(t, "/spec/initContainers");
    if !inits.is_empty() {
        describe_containers(w, "Init Containers", inits, None, None, "  ");
    }
    describe_containers(
        w,
        "Containers",
        arr(t, "/spec/containers"),
        None,
        None,
        "  ",
    );
    describe_volumes(w, arr(t, "/spec/volumes"), "  ");
    topology_spread_constraints(w, arr(t, "/spec/topologySpreadConstraints"), "  ");
    let pcn = str_at(t, "/spec/priorityClassName");
    if !pcn.is_empty() {
        w.w(LEVEL_1, &format!("Priority Class Name:\t{pcn}\n"));
    }
    labels_multiline(w, "  Node-Selectors", map(t, "/spec/nodeSelector"));
    tolerations_multiline(w, "  Tolerations", arr(t, "/spec/tolerations"));
}

/// `getPodStatusForController`: the controller's pods (by controller UID) by phase.
fn pod_status_counts(pods: &[Value], controller: &Value) -> (usize, usize, usize, usize) {
    let uid = object::uid(controller);
    let selector = controller.at("/spec/selector");
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for p in pods {
        if controller_uid(p) != Some(uid) {
            continue;
        }
        if let Some(sel) = selector.filter(|s| s.is_object()) {
            let labels = object::labels(p);
            let ok = if sel.get("matchLabels").is_some() || sel.get("matchExpressions").is_some() {
                object::selector_matches(sel, &labels)
            } else {
                sel.as_object()
                    .is_some_and(|m| object::map_selector_matches(m, &labels))
            };
            if !ok {
                continue;
            }
        }
        match str_at(p, "/status/phase") {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    (running, waiting, succeeded, failed)
}

fn pods_status_line(counts: (usize, usize, usize, usize)) -> String {
    format!(
        "{} Running / {} Waiting / {} Succeeded / {} Failed\n",
        counts.0, counts.1, counts.2, counts.3
    )
}

// ---------------------------------------------------------------------------------------------
// Workloads

/// `describeDeployment`. `replica_sets`: the ReplicaSets of the namespace; those the Deployment
/// owns are split into the new one (template equal to the Deployment's) and the old ones.
pub fn describe_deployment(
    d: &Value,
    replica_sets: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(d)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(d)));
    w.w(
        LEVEL_0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_1123(str_at(d, "/metadata/creationTimestamp"))
        ),
    );
    labels_multiline(&mut w, "Labels", map(d, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(d, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!("Selector:\t{}\n", selector_string(d.at("/spec/selector"))),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            int(d, "/spec/replicas"),
            int(d, "/status/updatedReplicas"),
            int(d, "/status/replicas"),
            int(d, "/status/availableReplicas"),
            int(d, "/status/unavailableReplicas")
        ),
    );
    w.w(
        LEVEL_0,
        &format!("StrategyType:\t{}\n", str_at(d, "/spec/strategy/type")),
    );
    w.w(
        LEVEL_0,
        &format!("MinReadySeconds:\t{}\n", int(d, "/spec/minReadySeconds")),
    );
    if let Some(ru) = d
        .at("/spec/strategy/rollingUpdate")
        .filter(|v| v.is_object())
    {
        w.w(
            LEVEL_0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(ru.get("maxUnavailable")),
                int_or_string(ru.get("maxSurge"))
            ),
        );
    }
    describe_pod_template(&mut w, d.at("/spec/template"));
    let conditions = arr(d, "/status/conditions");
    if !conditions.is_empty() {
        w.w(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
        w.w(LEVEL_1, "----\t------\t------\n");
        for c in conditions {
            w.w(
                LEVEL_1,
                &format!(
                    "{} \t{}\t{}\n",
                    str_at(c, "/type"),
                    str_at(c, "/status"),
                    str_at(c, "/reason")
                ),
            );
        }
    }
    let (old, new) = deployment_replica_sets(d, replica_sets);
    if !old.is_empty() || new.is_some() {
        w.w(
            LEVEL_0,
            &format!("OldReplicaSets:\t{}\n", replica_sets_by_labels(&old)),
        );
        let new: Vec<&Value> = new.into_iter().collect();
        w.w(
            LEVEL_0,
            &format!("NewReplicaSet:\t{}\n", replica_sets_by_labels(&new)),
        );
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// kubectl `deploymentutil.GetAllReplicaSetsInChunks`: the owned ReplicaSets matching the
/// selector; the new one is the oldest whose template equals the Deployment's (ignoring
/// `pod-template-hash`), the others are old, in list order.
fn deployment_replica_sets<'a>(
    d: &Value,
    replica_sets: &'a [Value],
) -> (Vec<&'a Value>, Option<&'a Value>) {
    let uid = object::uid(d);
    let sel = d.at("/spec/selector").cloned().unwrap_or(Value::Null);
    let owned: Vec<&Value> = replica_sets
        .iter()
        .filter(|rs| controller_uid(rs) == Some(uid))
        .filter(|rs| object::selector_matches(&sel, &object::labels(rs)))
        .collect();
    let strip = |t: Option<&Value>| {
        let mut t = t.cloned().unwrap_or(Value::Null);
        if let Some(l) = t
            .pointer_mut("/metadata/labels")
            .and_then(Value::as_object_mut)
        {
            l.remove("pod-template-hash");
        }
        t
    };
    let want = strip(d.at("/spec/template"));
    let mut by_age = owned.clone();
    by_age.sort_shared_by(|a, b| {
        let ta = parse_rfc3339(str_at(a, "/metadata/creationTimestamp"));
        let tb = parse_rfc3339(str_at(b, "/metadata/creationTimestamp"));
        ta.cmp(&tb)
            .then_with(|| object::name(a).cmp(object::name(b)))
    });
    let new = by_age
        .into_iter()
        .find(|rs| strip(rs.at("/spec/template")) == want);
    // kubectl's FindOldReplicaSets: only old ReplicaSets that still want pods.
    let old = owned
        .into_iter()
        .filter(|rs| new.is_none_or(|n| object::uid(n) != object::uid(rs)))
        .filter(|rs| object::i64_at(rs, "/spec/replicas").is_some_and(|r| r != 0))
        .collect();
    (old, new)
}

fn replica_sets_by_labels(rss: &[&Value]) -> String {
    let list = rss
        .iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                object::name(rs),
                int(rs, "/status/replicas"),
                int(rs, "/spec/replicas")
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    string_or_none(&list)
}

/// `describeReplicaSet`.
pub fn describe_replica_set(
    rs: &Value,
    pods: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(rs)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(rs)));
    w.w(
        LEVEL_0,
        &format!(
            "Selector:\t{}\n",
            format_label_selector(rs.at("/spec/selector"))
        ),
    );
    labels_multiline(&mut w, "Labels", map(rs, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(rs, "/metadata/annotations"));
    let cb = controller_of(rs);
    if !cb.is_empty() {
        w.w(LEVEL_0, &format!("Controlled By:\t{cb}\n"));
    }
    w.w(
        LEVEL_0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            int(rs, "/status/replicas"),
            int(rs, "/spec/replicas")
        ),
    );
    w.w(LEVEL_0, "Pods Status:\t");
    w.w(LEVEL_0, &pods_status_line(pod_status_counts(pods, rs)));
    describe_pod_template(&mut w, rs.at("/spec/template"));
    controller_conditions(&mut w, arr(rs, "/status/conditions"));
    maybe_events(&mut w, events, now);
    w.finish()
}

fn controller_conditions(w: &mut Pw, conditions: &[Value]) {
    if conditions.is_empty() {
        return;
    }
    w.w(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
    w.w(LEVEL_1, "----\t------\t------\n");
    for c in conditions {
        w.w(
            LEVEL_1,
            &format!(
                "{} \t{}\t{}\n",
                str_at(c, "/type"),
                str_at(c, "/status"),
                str_at(c, "/reason")
            ),
        );
    }
}

/// `describeReplicationController`.
pub fn describe_replication_controller(
    rc: &Value,
    pods: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(rc)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(rc)));
    w.w(
        LEVEL_0,
        &format!("Selector:\t{}\n", format_labels(map(rc, "/spec/selector"))),
    );
    labels_multiline(&mut w, "Labels", map(rc, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(rc, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            int(rc, "/status/replicas"),
            int(rc, "/spec/replicas")
        ),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Pods Status:\t{}",
            pods_status_line(pod_status_counts(pods, rc))
        ),
    );
    describe_pod_template(&mut w, rc.at("/spec/template"));
    controller_conditions(&mut w, arr(rc, "/status/conditions"));
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeDaemonSet`.
pub fn describe_daemon_set(
    ds: &Value,
    pods: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(ds)));
    w.w(
        LEVEL_0,
        &format!("Selector:\t{}\n", selector_string(ds.at("/spec/selector"))),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Node-Selector:\t{}\n",
            format_labels(map(ds, "/spec/template/spec/nodeSelector"))
        ),
    );
    labels_multiline(&mut w, "Labels", map(ds, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(ds, "/metadata/annotations"));
    for (title, field) in [
        (
            "Desired Number of Nodes Scheduled",
            "desiredNumberScheduled",
        ),
        (
            "Current Number of Nodes Scheduled",
            "currentNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Up-to-date Pods",
            "updatedNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Available Pods",
            "numberAvailable",
        ),
        ("Number of Nodes Misscheduled", "numberMisscheduled"),
    ] {
        w.w(
            LEVEL_0,
            &format!("{title}: {}\n", int(ds, &format!("/status/{field}"))),
        );
    }
    w.w(
        LEVEL_0,
        &format!(
            "Pods Status:\t{}",
            pods_status_line(pod_status_counts(pods, ds))
        ),
    );
    describe_pod_template(&mut w, ds.at("/spec/template"));
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeStatefulSet`.
pub fn describe_stateful_set(
    ss: &Value,
    pods: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(ss)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(ss)));
    w.w(
        LEVEL_0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_1123(str_at(ss, "/metadata/creationTimestamp"))
        ),
    );
    w.w(
        LEVEL_0,
        &format!("Selector:\t{}\n", selector_string(ss.at("/spec/selector"))),
    );
    labels_multiline(&mut w, "Labels", map(ss, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(ss, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            int(ss, "/spec/replicas"),
            int(ss, "/status/replicas")
        ),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Update Strategy:\t{}\n",
            str_at(ss, "/spec/updateStrategy/type")
        ),
    );
    if let Some(ru) = ss
        .at("/spec/updateStrategy/rollingUpdate")
        .filter(|v| v.is_object())
    {
        if let Some(p) = ru.get("partition").and_then(as_i64) {
            w.w(LEVEL_1, &format!("Partition:\t{p}\n"));
            if let Some(mu) = ru.get("maxUnavailable").filter(|v| !v.is_null()) {
                w.w(
                    LEVEL_1,
                    &format!("MaxUnavailable:\t{}\n", int_or_string(Some(mu))),
                );
            }
        }
    }
    w.w(
        LEVEL_0,
        &format!(
            "Pods Status:\t{}",
            pods_status_line(pod_status_counts(pods, ss))
        ),
    );
    describe_pod_template(&mut w, ss.at("/spec/template"));
    let vcts = arr(ss, "/spec/volumeClaimTemplates");
    if vcts.is_empty() {
        w.w(LEVEL_0, "Volume Claims:\t<none>\n");
    } else {
        w.w(LEVEL_0, "Volume Claims:\n");
        for pvc in vcts {
            w.w(LEVEL_1, &format!("Name:\t{}\n", object::name(pvc)));
            w.w(
                LEVEL_1,
                &format!("StorageClass:\t{}\n", str_at(pvc, "/spec/storageClassName")),
            );
            labels_multiline_indent(&mut w, "  ", "Labels", "\t", map(pvc, "/metadata/labels"));
            labels_multiline_indent(
                &mut w,
                "  ",
                "Annotations",
                "\t",
                map(pvc, "/metadata/annotations"),
            );
            match pvc.at("/spec/resources/requests/storage") {
                Some(q) => w.w(
                    LEVEL_1,
                    &format!("Capacity:\t{}\n", quantity_string(Some(q))),
                ),
                None => w.w(LEVEL_1, "Capacity:\t<default>\n"),
            }
            let modes: Vec<String> = arr(pvc, "/spec/accessModes")
                .iter()
                .map(|m| scalar(Some(m)))
                .collect();
            w.w(LEVEL_1, &format!("Access Modes:\t[{}]\n", modes.join(" ")));
        }
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeJob`.
pub fn describe_job(job: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(job)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(job)),
    );
    w.w(
        LEVEL_0,
        &format!("Selector:\t{}\n", selector_string(job.at("/spec/selector"))),
    );
    labels_multiline(&mut w, "Labels", map(job, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(job, "/metadata/annotations"));
    let cb = controller_of(job);
    if !cb.is_empty() {
        w.w(LEVEL_0, &format!("Controlled By:\t{cb}\n"));
    }
    if let Some(p) = job.at("/spec/parallelism").and_then(as_i64) {
        w.w(LEVEL_0, &format!("Parallelism:\t{p}\n"));
    }
    match job.at("/spec/completions").and_then(as_i64) {
        Some(c) => w.w(LEVEL_0, &format!("Completions:\t{c}\n")),
        None => w.w(LEVEL_0, "Completions:\t<unset>\n"),
    }
    let mode = str_at(job, "/spec/completionMode");
    if !mode.is_empty() {
        w.w(LEVEL_0, &format!("Completion Mode:\t{mode}\n"));
    }
    if let Some(s) = job.at("/spec/suspend").and_then(Value::as_bool) {
        w.w(LEVEL_0, &format!("Suspend:\t{s}\n"));
    }
    if let Some(b) = job.at("/spec/backoffLimit").and_then(as_i64) {
        w.w(LEVEL_0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(t) = job.at("/spec/ttlSecondsAfterFinished").and_then(as_i64) {
        w.w(LEVEL_0, &format!("TTL Seconds After Finished:\t{t}\n"));
    }
    let start = str_at(job, "/status/startTime");
    let done = str_at(job, "/status/completionTime");
    if !start.is_empty() {
        w.w(LEVEL_0, &format!("Start Time:\t{}\n", time_1123(start)));
    }
    if !done.is_empty() {
        w.w(LEVEL_0, &format!("Completed At:\t{}\n", time_1123(done)));
    }
    if let (Some(s), Some(d)) = (parse_rfc3339(start), parse_rfc3339(done)) {
        w.w(LEVEL_0, &format!("Duration:\t{}\n", human_duration(d - s)));
    }
    if let Some(a) = job.at("/spec/activeDeadlineSeconds").and_then(as_i64) {
        w.w(LEVEL_0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    match job.at("/status/ready").and_then(as_i64) {
        None => w.w(
            LEVEL_0,
            &format!(
                "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n",
                int(job, "/status/active"),
                int(job, "/status/succeeded"),
                int(job, "/status/failed")
            ),
        ),
        Some(r) => w.w(
            LEVEL_0,
            &format!(
                "Pods Statuses:\t{} Active ({r} Ready) / {} Succeeded / {} Failed\n",
                int(job, "/status/active"),
                int(job, "/status/succeeded"),
                int(job, "/status/failed")
            ),
        ),
    }
    if mode == "Indexed" {
        w.w(
            LEVEL_0,
            &format!(
                "Completed Indexes:\t{}\n",
                cap_indexes(str_at(job, "/status/completedIndexes"), 50)
            ),
        );
    }
    describe_pod_template(&mut w, job.at("/spec/template"));
    maybe_events(&mut w, events, now);
    w.finish()
}

fn cap_indexes(indexes: &str, soft_limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    let b = indexes.as_bytes();
    let mut ix = soft_limit;
    while ix < b.len() && b[ix] != b',' {
        ix += 1;
    }
    if ix >= b.len() {
        indexes.to_string()
    } else {
        format!("{}...", &indexes[..=ix])
    }
}

/// `describeCronJob`.
pub fn describe_cron_job(cj: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(cj)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(cj)));
    labels_multiline(&mut w, "Labels", map(cj, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(cj, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!("Schedule:\t{}\n", str_at(cj, "/spec/schedule")),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Concurrency Policy:\t{}\n",
            str_at(cj, "/spec/concurrencyPolicy")
        ),
    );
    let suspend = match cj.at("/spec/suspend").and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.w(LEVEL_0, &format!("Suspend:\t{suspend}\n"));
    for (title, field, unit) in [
        (
            "Successful Job History Limit",
            "/spec/successfulJobsHistoryLimit",
            "",
        ),
        (
            "Failed Job History Limit",
            "/spec/failedJobsHistoryLimit",
            "",
        ),
        (
            "Starting Deadline Seconds",
            "/spec/startingDeadlineSeconds",
            "s",
        ),
    ] {
        match cj.at(field).and_then(as_i64) {
            Some(v) => w.w(LEVEL_0, &format!("{title}:\t{v}{unit}\n")),
            None => w.w(LEVEL_0, &format!("{title}:\t<unset>\n")),
        }
    }
    let jt = cj.at("/spec/jobTemplate").cloned().unwrap_or(Value::Null);
    match jt.at("/spec/selector").filter(|v| v.is_object()) {
        Some(sel) => w.w(
            LEVEL_0,
            &format!("Selector:\t{}\n", selector_string(Some(sel))),
        ),
        None => w.w(LEVEL_0, "Selector:\t<unset>\n"),
    }
    for (title, field) in [
        ("Parallelism", "/spec/parallelism"),
        ("Completions", "/spec/completions"),
    ] {
        match jt.at(field).and_then(as_i64) {
            Some(v) => w.w(LEVEL_0, &format!("{title}:\t{v}\n")),
            None => w.w(LEVEL_0, &format!("{title}:\t<unset>\n")),
        }
    }
    if let Some(a) = jt.at("/spec/activeDeadlineSeconds").and_then(as_i64) {
        w.w(LEVEL_0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    describe_pod_template(&mut w, jt.at("/spec/template"));
    let last = str_at(cj, "/status/lastScheduleTime");
    if last.is_empty() {
        w.w(LEVEL_0, "Last Schedule Time:\t<unset>\n");
    } else {
        w.w(
            LEVEL_0,
            &format!("Last Schedule Time:\t{}\n", time_1123(last)),
        );
    }
    w.w(LEVEL_0, "Active Jobs:\t");
    let active = arr(cj, "/status/active");
    if active.is_empty() {
        w.line("<none>");
    } else {
        let names: Vec<&str> = active.iter().map(|j| str_at(j, "/name")).collect();
        w.w(LEVEL_0, &names.join(", "));
        w.line("");
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Nodes

/// `describeNode`. `pods`: every pod (those on this node and not finished are shown);
/// `lease`: the node's Lease.
pub fn describe_node(
    node: &Value,
    pods: &[Value],
    lease: Option<&Value>,
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    let name = object::name(node);
    w.w(LEVEL_0, &format!("Name:\t{name}\n"));
    let roles = node_roles(node);
    w.w(
        LEVEL_0,
        &format!("Roles:\t{}\n", string_or_none(&roles.join(","))),
    );
    labels_multiline(&mut w, "Labels", map(node, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(node, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_1123(str_at(node, "/metadata/creationTimestamp"))
        ),
    );
    taints_multiline(&mut w, "Taints", arr(node, "/spec/taints"));
    w.w(
        LEVEL_0,
        &format!("Unschedulable:\t{}\n", boolean(node, "/spec/unschedulable")),
    );
    match lease {
        Some(l) => {
            w.w(LEVEL_0, "Lease:\n");
            let holder = match str_at(l, "/spec/holderIdentity") {
                "" if l.at("/spec/holderIdentity").is_none() => "<unset>".to_string(),
                h => h.to_string(),
            };
            w.w(LEVEL_1, &format!("HolderIdentity:\t{holder}\n"));
            for (title, field) in [
                ("AcquireTime", "/spec/acquireTime"),
                ("RenewTime", "/spec/renewTime"),
            ] {
                let t = str_at(l, field);
                let t = if t.is_empty() {
                    "<unset>".to_string()
                } else {
                    time_1123(t)
                };
                w.w(LEVEL_1, &format!("{title}:\t{t}\n"));
            }
        }
        None => w.w(
            LEVEL_0,
            &format!(
                "Lease:\tFailed to get lease: leases.coordination.k8s.io \"{name}\" not found\n"
            ),
        ),
    }
    let conditions = arr(node, "/status/conditions");
    if !conditions.is_empty() {
        w.w(
            LEVEL_0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.w(
            LEVEL_1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.w(
                LEVEL_1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    str_at(c, "/type"),
                    str_at(c, "/status"),
                    time_1123(str_at(c, "/lastHeartbeatTime")),
                    time_1123(str_at(c, "/lastTransitionTime")),
                    str_at(c, "/reason"),
                    str_at(c, "/message")
                ),
            );
        }
    }
    w.w(LEVEL_0, "Addresses:\n");
    for a in arr(node, "/status/addresses") {
        w.w(
            LEVEL_1,
            &format!("{}:\t{}\n", str_at(a, "/type"), str_at(a, "/address")),
        );
    }
    for (title, field) in [
        ("Capacity", "/status/capacity"),
        ("Allocatable", "/status/allocatable"),
    ] {
        if let Some(m) = map(node, field).filter(|m| !m.is_empty()) {
            w.w(LEVEL_0, &format!("{title}:\n"));
            for (k, v) in m {
                w.w(LEVEL_0, &format!("  {k}:\t{}\n", quantity_string(Some(v))));
            }
        }
    }
    w.w(LEVEL_0, "System Info:\n");
    for (title, field) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        w.w(
            LEVEL_0,
            &format!(
                "  {title}:\t{}\n",
                str_at(node, &format!("/status/nodeInfo/{field}"))
            ),
        );
    }
    let cidr = str_at(node, "/spec/podCIDR");
    if !cidr.is_empty() {
        w.w(LEVEL_0, &format!("PodCIDR:\t{cidr}\n"));
    }
    let cidrs: Vec<&str> = arr(node, "/spec/podCIDRs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if !cidrs.is_empty() {
        w.w(LEVEL_0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    let provider = str_at(node, "/spec/providerID");
    if !provider.is_empty() {
        w.w(LEVEL_0, &format!("ProviderID:\t{provider}\n"));
    }
    let on_node: Vec<&Value> = pods
        .iter()
        .filter(|p| str_at(p, "/spec/nodeName") == name)
        .filter(|p| !matches!(str_at(p, "/status/phase"), "Succeeded" | "Failed"))
        .collect();
    describe_node_resource(&mut w, &on_node, node, now);
    maybe_events(&mut w, events, now);
    w.finish()
}

fn node_roles(node: &Value) -> Vec<String> {
    let mut roles: Vec<String> = object::labels(node)
        .iter()
        .filter_map(|(k, v)| {
            if let Some(r) = k.strip_prefix("node-role.kubernetes.io/") {
                Some(r.to_string())
            } else if k == "kubernetes.io/role" {
                v.as_str().map(str::to_string)
            } else {
                None
            }
        })
        .filter(|r| !r.is_empty())
        .collect();
    roles.sort_shared();
    roles.dedup();
    roles
}

type ResourceList = std::collections::BTreeMap<String, Quantity>;

fn resource_list(v: Option<&Value>) -> ResourceList {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), Quantity::parse_or_zero(&scalar(Some(v)))))
                .collect_inserted()
        })
        .unwrap_or_default()
}

fn add_resource_list(list: &mut ResourceList, new: &ResourceList) {
    for (k, q) in new {
        match list.get_mut(k) {
            Some(v) => v.add(q),
            None => {
                list.insert(k.clone(), *q);
            }
        }
    }
}

fn max_resource_list(list: &mut ResourceList, new: &ResourceList) {
    for (k, q) in new {
        match list.get_mut(k) {
            Some(v) if q.cmp_value(v).is_gt() => *v = *q,
            Some(_) => {}
            None => {
                list.insert(k.clone(), *q);
            }
        }
    }
}

/// kubectl `resourcehelper.PodRequestsAndLimits`: containers summed, init containers taken at
/// their maximum (sidecars added), overhead added.
pub fn pod_requests_and_limits(pod: &Value) -> (ResourceList, ResourceList) {
    let mut out = vec![];
    for kind in ["requests", "limits"] {
        let mut reqs = ResourceList::new();
        for c in arr(pod, "/spec/containers") {
            add_resource_list(
                &mut reqs,
                &resource_list(c.at(&format!("/resources/{kind}"))),
            );
        }
        let mut restartable = ResourceList::new();
        let mut init_reqs = ResourceList::new();
        for c in arr(pod, "/spec/initContainers") {
            let creqs = resource_list(c.at(&format!("/resources/{kind}")));
            let effective = if str_at(c, "/restartPolicy") == "Always" {
                add_resource_list(&mut reqs, &creqs);
                add_resource_list(&mut restartable, &creqs);
                restartable.clone()
            } else {
                let mut tmp = ResourceList::new();
                add_resource_list(&mut tmp, &creqs);
                add_resource_list(&mut tmp, &restartable);
                tmp
            };
            max_resource_list(&mut init_reqs, &effective);
        }
        max_resource_list(&mut reqs, &init_reqs);
        add_resource_list(&mut reqs, &resource_list(pod.at("/spec/overhead")));
        out.push(reqs);
    }
    let limits = out.pop().unwrap_or_default();
    let reqs = out.pop().unwrap_or_default();
    (reqs, limits)
}

/// `int64(float64(a) / float64(b) * 100)`.
fn percent(a: i64, b: i64) -> i64 {
    if b == 0 {
        0
    } else {
        (a as f64 / b as f64 * 100.0) as i64
    }
}

/// `describeNodeResource`: the node's pods with their requests and limits, and the totals.
fn describe_node_resource(w: &mut Pw, pods: &[&Value], node: &Value, now: TimeMs) {
    w.w(
        LEVEL_0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.w(
        LEVEL_1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.w(
        LEVEL_1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let mut allocatable = resource_list(node.at("/status/capacity"));
    let alloc = resource_list(node.at("/status/allocatable"));
    if !alloc.is_empty() {
        allocatable = alloc;
    }
    let get = |l: &ResourceList, k: &str| l.get(k).copied().unwrap_or_default();
    let alloc_cpu = get(&allocatable, "cpu").milli_value();
    let alloc_mem = get(&allocatable, "memory").value();
    let mut total_req = ResourceList::new();
    let mut total_lim = ResourceList::new();
    for p in pods {
        let (req, lim) = pod_requests_and_limits(p);
        let (cr, cl, mr, ml) = (
            get(&req, "cpu"),
            get(&lim, "cpu"),
            get(&req, "memory"),
            get(&lim, "memory"),
        );
        w.w(
            LEVEL_1,
            &format!(
                "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
                object::namespace(p),
                object::name(p),
                cr,
                percent(cr.milli_value(), alloc_cpu),
                cl,
                percent(cl.milli_value(), alloc_cpu),
                mr,
                percent(mr.value(), alloc_mem),
                ml,
                percent(ml.value(), alloc_mem),
                since(str_at(p, "/metadata/creationTimestamp"), now)
            ),
        );
        add_resource_list(&mut total_req, &req);
        add_resource_list(&mut total_lim, &lim);
    }
    w.w(
        LEVEL_0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.w(LEVEL_1, "Resource\tRequests\tLimits\n");
    w.w(LEVEL_1, "--------\t--------\t------\n");
    let row = |w: &mut Pw, name: &str, r: Quantity, l: Quantity, milli: bool| {
        let total = if milli {
            get(&allocatable, name).milli_value()
        } else {
            get(&allocatable, name).value()
        };
        let (rv, lv) = if milli {
            (r.milli_value(), l.milli_value())
        } else {
            (r.value(), l.value())
        };
        w.w(
            LEVEL_1,
            &format!(
                "{name}\t{r} ({}%)\t{l} ({}%)\n",
                percent(rv, total),
                percent(lv, total)
            ),
        );
    };
    row(
        w,
        "cpu",
        get(&total_req, "cpu"),
        get(&total_lim, "cpu"),
        true,
    );
    for name in ["memory", "ephemeral-storage"] {
        row(w, name, get(&total_req, name), get(&total_lim, name), false);
    }
    let mut ext = vec![];
    for name in allocatable.keys() {
        if name.starts_with("hugepages-") {
            row(w, name, get(&total_req, name), get(&total_lim, name), false);
        } else if !is_standard_container_resource(name) && name != "pods" {
            ext.push(name.clone());
        }
    }
    for name in ext {
        w.w(
            LEVEL_1,
            &format!(
                "{name}\t{}\t{}\n",
                get(&total_req, &name),
                get(&total_lim, &name)
            ),
        );
    }
}

fn is_standard_container_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-")
}

// ---------------------------------------------------------------------------------------------
// Namespaces, quotas, limits

/// `describeNamespace`.
pub fn describe_namespace(ns: &Value, quotas: &[Value], limit_ranges: &[Value]) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(ns)));
    labels_multiline(&mut w, "Labels", map(ns, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(ns, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!("Status:\t{}\n", str_at(ns, "/status/phase")),
    );
    let conditions = arr(ns, "/status/conditions");
    if !conditions.is_empty() {
        w.w(LEVEL_0, "Conditions:\n");
        w.w(
            LEVEL_1,
            "Type\tStatus\tLastTransitionTime\tReason\tMessage\n",
        );
        w.w(
            LEVEL_1,
            "----\t------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.w(
                LEVEL_1,
                &format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    str_at(c, "/type"),
                    str_at(c, "/status"),
                    time_1123(str_at(c, "/lastTransitionTime")),
                    str_at(c, "/reason"),
                    str_at(c, "/message")
                ),
            );
        }
    }
    w.w(LEVEL_0, "\n");
    describe_resource_quotas(&mut w, quotas);
    w.w(LEVEL_0, "\n");
    describe_limit_ranges(&mut w, limit_ranges);
    w.finish()
}

fn describe_resource_quotas(w: &mut Pw, quotas: &[Value]) {
    if quotas.is_empty() {
        w.w(LEVEL_0, "No resource quota.\n");
        return;
    }
    let mut sorted: Vec<&Value> = quotas.iter().collect();
    sorted.sort_shared_by(|a, b| object::name(a).cmp(object::name(b)));
    w.w(LEVEL_0, "Resource Quotas\n");
    for q in sorted {
        w.w(LEVEL_1, &format!("Name:\t{}\n", object::name(q)));
        let scopes = sorted_scopes(q);
        if !scopes.is_empty() {
            w.w(LEVEL_1, &format!("Scopes:\t{}\n", scopes.join(", ")));
            for s in &scopes {
                let help = quota_scope_help(s);
                if !help.is_empty() {
                    w.w(LEVEL_1, &format!("* {help}\n"));
                }
            }
        }
        w.w(LEVEL_1, "Resource\tUsed\tHard\n");
        w.w(LEVEL_1, "--------\t---\t---\n");
        let hard = resource_list(q.at("/status/hard"));
        let used = resource_list(q.at("/status/used"));
        for (name, h) in &hard {
            let u = used.get(name).copied().unwrap_or_default();
            w.w(LEVEL_1, &format!("{name}\t{u}\t{h}\n"));
        }
    }
}

fn sorted_scopes(q: &Value) -> Vec<String> {
    let mut scopes: Vec<String> = arr(q, "/spec/scopes")
        .iter()
        .map(|s| scalar(Some(s)))
        .collect();
    scopes.sort_shared();
    scopes
}

fn quota_scope_help(scope: &str) -> &'static str {
    match scope {
        "Terminating" => "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
        "NotTerminating" => "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
        "BestEffort" => "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
        "NotBestEffort" => "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
        _ => "",
    }
}

fn describe_limit_ranges(w: &mut Pw, limit_ranges: &[Value]) {
    if limit_ranges.is_empty() {
        w.w(LEVEL_0, "No LimitRange resource.\n");
        return;
    }
    w.w(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.w(
        LEVEL_0,
        " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
    );
    for lr in limit_ranges {
        limit_range_spec(w, lr, " ");
    }
}

fn limit_range_spec(w: &mut Pw, lr: &Value, prefix: &str) {
    for item in arr(lr, "/spec/limits") {
        let fields = [
            "/min",
            "/max",
            "/defaultRequest",
            "/default",
            "/maxLimitRequestRatio",
        ];
        let lists: Vec<ResourceList> = fields.iter().map(|f| resource_list(item.at(f))).collect();
        let mut names: Vec<&String> = lists.iter().flat_map(|l| l.keys()).collect();
        names.sort_shared();
        names.dedup();
        for name in names {
            let cell = |i: usize| {
                lists[i]
                    .get(name)
                    .map(|q| q.to_string())
                    .unwrap_or_else(|| "-".into())
            };
            w.w(
                LEVEL_0,
                &format!(
                    "{prefix}{}\t{name}\t{}\t{}\t{}\t{}\t{}\n",
                    str_at(item, "/type"),
                    cell(0),
                    cell(1),
                    cell(2),
                    cell(3),
                    cell(4)
                ),
            );
        }
    }
}

/// `describeLimitRange`.
pub fn describe_limit_range(lr: &Value) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(lr)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(lr)));
    w.w(
        LEVEL_0,
        "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
    );
    w.w(
        LEVEL_0,
        "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
    );
    limit_range_spec(&mut w, lr, "");
    w.finish()
}

/// `describeQuota`.
pub fn describe_quota(q: &Value) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(q)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(q)));
    let scopes = sorted_scopes(q);
    if !scopes.is_empty() {
        w.w(LEVEL_0, &format!("Scopes:\t{}\n", scopes.join(", ")));
        for s in &scopes {
            let help = quota_scope_help(s);
            if !help.is_empty() {
                w.w(LEVEL_0, &format!(" * {help}\n"));
            }
        }
    }
    w.w(LEVEL_0, "Resource\tUsed\tHard\n");
    w.w(LEVEL_0, "--------\t----\t----\n");
    let hard = resource_list(q.at("/status/hard"));
    let used = resource_list(q.at("/status/used"));
    for (name, h) in &hard {
        let mut u = used.get(name).copied().unwrap_or_default();
        if u.format != h.format {
            // `resource.NewQuantity(used.Value(), hard.Format)`
            u = Quantity::parse_or_zero(&u.value().to_string());
            u.format = h.format;
        }
        w.w(LEVEL_0, &format!("{name}\t{u}\t{h}\n"));
    }
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Services and networking

/// `describeService`. `endpoints`: the Service's Endpoints object, if any.
pub fn describe_service(
    svc: &Value,
    endpoints: Option<&Value>,
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(svc)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(svc)),
    );
    labels_multiline(&mut w, "Labels", map(svc, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(svc, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!(
            "Selector:\t{}\n",
            format_labels_plain(map(svc, "/spec/selector"))
        ),
    );
    w.w(LEVEL_0, &format!("Type:\t{}\n", str_at(svc, "/spec/type")));
    if let Some(p) = svc.at("/spec/ipFamilyPolicy").and_then(Value::as_str) {
        w.w(LEVEL_0, &format!("IP Family Policy:\t{p}\n"));
    }
    let families: Vec<String> = arr(svc, "/spec/ipFamilies")
        .iter()
        .map(|f| scalar(Some(f)))
        .collect();
    if families.is_empty() {
        w.w(LEVEL_0, "IP Families:\t<none>\n");
    } else {
        w.w(LEVEL_0, &format!("IP Families:\t{}\n", families.join(",")));
    }
    w.w(
        LEVEL_0,
        &format!("IP:\t{}\n", str_at(svc, "/spec/clusterIP")),
    );
    let ips: Vec<String> = arr(svc, "/spec/clusterIPs")
        .iter()
        .map(|f| scalar(Some(f)))
        .collect();
    if ips.is_empty() {
        w.w(LEVEL_0, "IPs:\t<none>\n");
    } else {
        w.w(LEVEL_0, &format!("IPs:\t{}\n", ips.join(",")));
    }
    let ext: Vec<String> = arr(svc, "/spec/externalIPs")
        .iter()
        .map(|f| scalar(Some(f)))
        .collect();
    if !ext.is_empty() {
        w.w(LEVEL_0, &format!("External IPs:\t{}\n", ext.join(",")));
    }
    let lbip = str_at(svc, "/spec/loadBalancerIP");
    if !lbip.is_empty() {
        w.w(LEVEL_0, &format!("Desired LoadBalancer IP:\t{lbip}\n"));
    }
    let ext_name = str_at(svc, "/spec/externalName");
    if !ext_name.is_empty() {
        w.w(LEVEL_0, &format!("External Name:\t{ext_name}\n"));
    }
    let ingress = arr(svc, "/status/loadBalancer/ingress");
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| {
                let ip = str_at(i, "/ip");
                if ip.is_empty() {
                    str_at(i, "/hostname").to_string()
                } else {
                    match i.get("ipMode").and_then(Value::as_str) {
                        Some(m) => format!("{ip} ({m})"),
                        None => ip.to_string(),
                    }
                }
            })
            .collect();
        w.w(
            LEVEL_0,
            &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")),
        );
    }
    for sp in arr(svc, "/spec/ports") {
        let port_name = str_at(sp, "/name");
        let name = if port_name.is_empty() {
            "<unset>"
        } else {
            port_name
        };
        let proto = str_at(sp, "/protocol");
        w.w(
            LEVEL_0,
            &format!("Port:\t{name}\t{}/{proto}\n", int(sp, "/port")),
        );
        w.w(
            LEVEL_0,
            &format!(
                "TargetPort:\t{}/{proto}\n",
                int_or_string(sp.get("targetPort"))
            ),
        );
        let node_port = int(sp, "/nodePort");
        if node_port != 0 {
            w.w(
                LEVEL_0,
                &format!("NodePort:\t{name}\t{node_port}/{proto}\n"),
            );
        }
        w.w(
            LEVEL_0,
            &format!(
                "Endpoints:\t{}\n",
                format_endpoints(endpoints, Some(port_name))
            ),
        );
    }
    w.w(
        LEVEL_0,
        &format!(
            "Session Affinity:\t{}\n",
            str_at(svc, "/spec/sessionAffinity")
        ),
    );
    let etp = str_at(svc, "/spec/externalTrafficPolicy");
    if !etp.is_empty() {
        w.w(LEVEL_0, &format!("External Traffic Policy:\t{etp}\n"));
    }
    if let Some(itp) = svc
        .at("/spec/internalTrafficPolicy")
        .and_then(Value::as_str)
    {
        w.w(LEVEL_0, &format!("Internal Traffic Policy:\t{itp}\n"));
    }
    let hc = int(svc, "/spec/healthCheckNodePort");
    if hc != 0 {
        w.w(LEVEL_0, &format!("HealthCheck NodePort:\t{hc}\n"));
    }
    let ranges: Vec<String> = arr(svc, "/spec/loadBalancerSourceRanges")
        .iter()
        .map(|f| scalar(Some(f)))
        .collect();
    if !ranges.is_empty() {
        w.w(
            LEVEL_0,
            &format!("LoadBalancer Source Ranges:\t{}\n", ranges.join(",")),
        );
    }
    let td = str_at(svc, "/spec/trafficDistribution");
    if !td.is_empty() {
        w.w(LEVEL_0, &format!("Traffic Distribution:\t{td}\n"));
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `labels.FormatLabels` of a map selector; `<none>` when empty.
fn format_labels_plain(m: Option<&Map<String, Value>>) -> String {
    format_labels(m)
}

/// `formatEndpoints`: up to three `ip:port` of the named port, then ` + N more...`.
pub fn format_endpoints(endpoints: Option<&Value>, port_name: Option<&str>) -> String {
    let subsets = endpoints.map(|e| arr(e, "/subsets")).unwrap_or(&[]);
    if subsets.is_empty() {
        return "<none>".into();
    }
    let max = 3;
    let mut list: Vec<String> = vec![];
    let mut more = false;
    let mut count = 0;
    for ss in subsets {
        let addresses = arr(ss, "/addresses");
        let ports = arr(ss, "/ports");
        if ports.is_empty() {
            count += addresses.len();
            for a in addresses {
                if list.len() == max {
                    more = true;
                    break;
                }
                list.push(str_at(a, "/ip").to_string());
            }
            continue;
        }
        for p in ports {
            if port_name.is_none_or(|n| n == str_at(p, "/name")) {
                count += addresses.len();
                for a in addresses {
                    if list.len() == max {
                        more = true;
                        break;
                    }
                    list.push(join_host_port(
                        str_at(a, "/ip"),
                        &int(p, "/port").to_string(),
                    ));
                }
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count.saturating_sub(max))
    } else {
        ret
    }
}

/// `describeEndpoints`.
pub fn describe_endpoints(ep: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(ep)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(ep)));
    labels_multiline(&mut w, "Labels", map(ep, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(ep, "/metadata/annotations"));
    w.w(LEVEL_0, "Subsets:\n");
    for ss in arr(ep, "/subsets") {
        for (title, field) in [
            ("Addresses", "/addresses"),
            ("NotReadyAddresses", "/notReadyAddresses"),
        ] {
            let ips: Vec<&str> = arr(ss, field).iter().map(|a| str_at(a, "/ip")).collect();
            w.w(
                LEVEL_1,
                &format!("{title}:\t{}\n", string_or_none(&ips.join(","))),
            );
        }
        let ports = arr(ss, "/ports");
        if !ports.is_empty() {
            w.w(LEVEL_1, "Ports:\n");
            w.w(LEVEL_2, "Name\tPort\tProtocol\n");
            w.w(LEVEL_2, "----\t----\t--------\n");
            for p in ports {
                let name = str_at(p, "/name");
                w.w(
                    LEVEL_2,
                    &format!(
                        "{}\t{}\t{}\n",
                        if name.is_empty() { "<unset>" } else { name },
                        int(p, "/port"),
                        str_at(p, "/protocol")
                    ),
                );
            }
        }
        w.w(LEVEL_0, "\n");
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeEndpointSliceV1`.
pub fn describe_endpoint_slice(eps: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(eps)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(eps)),
    );
    labels_multiline(&mut w, "Labels", map(eps, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(eps, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!("AddressType:\t{}\n", str_at(eps, "/addressType")),
    );
    let ports = arr(eps, "/ports");
    if ports.is_empty() {
        w.w(LEVEL_0, "Ports: <unset>\n");
    } else {
        w.w(LEVEL_0, "Ports:\n");
        w.w(LEVEL_1, "Name\tPort\tProtocol\n");
        w.w(LEVEL_1, "----\t----\t--------\n");
        for p in ports {
            let name = match str_at(p, "/name") {
                "" => "<unset>",
                n => n,
            };
            let num = p
                .get("port")
                .and_then(as_i64)
                .map(|n| n.to_string())
                .unwrap_or_else(|| "<unset>".into());
            w.w(
                LEVEL_1,
                &format!("{name}\t{num}\t{}\n", str_at(p, "/protocol")),
            );
        }
    }
    let endpoints = arr(eps, "/endpoints");
    if endpoints.is_empty() {
        w.w(LEVEL_0, "Endpoints: <none>\n");
    } else {
        w.w(LEVEL_0, "Endpoints:\n");
        for e in endpoints {
            let addrs: Vec<String> = arr(e, "/addresses")
                .iter()
                .map(|a| scalar(Some(a)))
                .collect();
            w.w(
                LEVEL_1,
                &format!("- Addresses:\t{}\n", string_or_none(&addrs.join(", "))),
            );
            w.w(LEVEL_2, "Conditions:\n");
            let ready = e
                .at("/conditions/ready")
                .and_then(Value::as_bool)
                .map(|b| b.to_string())
                .unwrap_or_else(|| "<unset>".into());
            w.w(LEVEL_3, &format!("Ready:\t{ready}\n"));
            let opt = |k: &str| {
                e.get(k)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| "<unset>".into())
            };
            w.w(LEVEL_2, &format!("Hostname:\t{}\n", opt("hostname")));
            if let Some(t) = e.get("targetRef").filter(|v| v.is_object()) {
                w.w(
                    LEVEL_2,
                    &format!(
                        "TargetRef:\t{}/{}\n",
                        str_at(t, "/kind"),
                        str_at(t, "/name")
                    ),
                );
            }
            w.w(LEVEL_2, &format!("NodeName:\t{}\n", opt("nodeName")));
            w.w(LEVEL_2, &format!("Zone:\t{}\n", opt("zone")));
        }
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeIngressV1`. Backends show the service and port only (the playground has no
/// endpoints for them).
pub fn describe_ingress(ing: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(ing)));
    labels_multiline(&mut w, "Labels", map(ing, "/metadata/labels"));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(ing)),
    );
    let mut addrs: Vec<String> = arr(ing, "/status/loadBalancer/ingress")
        .iter()
        .map(|i| match str_at(i, "/ip") {
            "" => str_at(i, "/hostname").to_string(),
            ip => ip.to_string(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    addrs.sort_shared();
    addrs.dedup();
    w.w(LEVEL_0, &format!("Address:\t{}\n", addrs.join(",")));
    let class = match str_at(ing, "/spec/ingressClassName") {
        "" => "<none>",
        c => c,
    };
    w.w(LEVEL_0, &format!("Ingress Class:\t{class}\n"));
    let default_backend = match ing.at("/spec/defaultBackend").filter(|v| v.is_object()) {
        Some(b) => ingress_backend(b),
        None => "<default>".to_string(),
    };
    w.w(LEVEL_0, &format!("Default backend:\t{default_backend}\n"));
    let tls = arr(ing, "/spec/tls");
    if !tls.is_empty() {
        w.w(LEVEL_0, "TLS:\n");
        for t in tls {
            let hosts: Vec<String> = arr(t, "/hosts").iter().map(|h| scalar(Some(h))).collect();
            let secret = str_at(t, "/secretName");
            if secret.is_empty() {
                w.w(LEVEL_1, &format!("SNI routes {}\n", hosts.join(",")));
            } else {
                w.w(
                    LEVEL_1,
                    &format!("{secret} terminates {}\n", hosts.join(",")),
                );
            }
        }
    }
    w.w(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
    w.w(LEVEL_1, "----\t----\t--------\n");
    let mut count = 0;
    for rule in arr(ing, "/spec/rules") {
        let Some(http) = rule.get("http").filter(|v| v.is_object()) else {
            continue;
        };
        count += 1;
        let host = match str_at(rule, "/host") {
            "" => "*",
            h => h,
        };
        w.w(LEVEL_1, &format!("{host}\t\n"));
        for p in arr(http, "/paths") {
            let backend = p.get("backend").cloned().unwrap_or(Value::Null);
            w.w(
                LEVEL_2,
                &format!("\t{} \t{}\n", str_at(p, "/path"), ingress_backend(&backend)),
            );
        }
    }
    if count == 0 {
        w.w(LEVEL_1, &format!("*\t*\t{default_backend}\n"));
    }
    annotations_multiline(&mut w, "Annotations", map(ing, "/metadata/annotations"));
    maybe_events(&mut w, events, now);
    w.finish()
}

fn ingress_backend(b: &Value) -> String {
    if let Some(s) = b.get("service").filter(|v| v.is_object()) {
        let port = match int(s, "/port/number") {
            0 => str_at(s, "/port/name").to_string(),
            n => n.to_string(),
        };
        return format!(
            "{}:{port} (<error: endpoints \"{}\" not found>)",
            str_at(s, "/name"),
            str_at(s, "/name")
        );
    }
    if let Some(r) = b.get("resource").filter(|v| v.is_object()) {
        let group = match str_at(r, "/apiGroup") {
            "" => "<none>",
            g => g,
        };
        return format!(
            "APIGroup: {group}, Kind: {}, Name: {}",
            str_at(r, "/kind"),
            str_at(r, "/name")
        );
    }
    String::new()
}

/// `describeIngressClassV1`.
pub fn describe_ingress_class(ic: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(ic)));
    labels_multiline(&mut w, "Labels", map(ic, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(ic, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!("Controller:\t{}\n", str_at(ic, "/spec/controller")),
    );
    if let Some(p) = ic.at("/spec/parameters").filter(|v| v.is_object()) {
        w.w(LEVEL_0, "Parameters:\n");
        if let Some(g) = p.get("apiGroup").and_then(Value::as_str) {
            w.w(LEVEL_1, &format!("APIGroup:\t{g}\n"));
        }
        w.w(LEVEL_1, &format!("Kind:\t{}\n", str_at(p, "/kind")));
        w.w(LEVEL_1, &format!("Name:\t{}\n", str_at(p, "/name")));
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeNetworkPolicy`.
pub fn describe_network_policy(np: &Value) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(np)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(np)));
    w.w(
        LEVEL_0,
        &format!(
            "Created on:\t{}\n",
            go_time_string(str_at(np, "/metadata/creationTimestamp"))
        ),
    );
    labels_multiline(&mut w, "Labels", map(np, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(np, "/metadata/annotations"));
    w.w(LEVEL_0, "Spec:\n");
    w.w(LEVEL_1, "PodSelector: ");
    let ps = np.at("/spec/podSelector").cloned().unwrap_or(Value::Null);
    if selector_string(Some(&ps)).is_empty() {
        w.w(
            LEVEL_2,
            "<none> (Allowing the specific traffic to all pods in this namespace)\n",
        );
    } else {
        w.w(LEVEL_2, &format!("{}\n", format_label_selector(Some(&ps))));
    }
    let types: Vec<String> = arr(np, "/spec/policyTypes")
        .iter()
        .map(|t| scalar(Some(t)))
        .collect();
    let ingress = types.iter().any(|t| t == "Ingress");
    let egress = types.iter().any(|t| t == "Egress");
    if ingress {
        w.w(LEVEL_1, "Allowing ingress traffic:\n");
        np_rules(
            &mut w,
            arr(np, "/spec/ingress"),
            "From",
            "source",
            "ingress",
        );
    } else {
        w.w(LEVEL_1, "Not affecting ingress traffic\n");
    }
    if egress {
        w.w(LEVEL_1, "Allowing egress traffic:\n");
        np_rules(
            &mut w,
            arr(np, "/spec/egress"),
            "To",
            "destination",
            "egress",
        );
    } else {
        w.w(LEVEL_1, "Not affecting egress traffic\n");
    }
    w.w(
        LEVEL_1,
        &format!("Policy Types: {}\n", string_or_none(&types.join(", "))),
    );
    w.finish()
}

fn np_rules(w: &mut Pw, rules: &[Value], peer_title: &str, what: &str, dir: &str) {
    let indent = "    ";
    if rules.is_empty() {
        w.w(
            LEVEL_0,
            &format!("{indent}<none> (Selected pods are isolated for {dir} connectivity)\n"),
        );
        return;
    }
    let peers_field = if peer_title == "From" { "/from" } else { "/to" };
    for (i, r) in rules.iter().enumerate() {
        let ports = arr(r, "/ports");
        if ports.is_empty() {
            w.w(
                LEVEL_0,
                &format!("{indent}To Port: <any> (traffic allowed to all ports)\n"),
            );
        } else {
            for p in ports {
                let proto = match str_at(p, "/protocol") {
                    "" => "TCP",
                    x => x,
                };
                let port = int_or_string(p.get("port"));
                match p.get("endPort").and_then(as_i64) {
                    None => w.w(LEVEL_0, &format!("{indent}To Port: {port}/{proto}\n")),
                    Some(end) => w.w(
                        LEVEL_0,
                        &format!("{indent}To Port Range: {port}-{end}/{proto}\n"),
                    ),
                }
            }
        }
        let peers = arr(r, peers_field);
        if peers.is_empty() {
            w.w(
                LEVEL_0,
                &format!("{indent}{peer_title}: <any> (traffic not restricted by {what})\n"),
            );
        } else {
            for peer in peers {
                w.w(LEVEL_0, &format!("{indent}{peer_title}:\n"));
                let ps = peer.get("podSelector").filter(|v| v.is_object());
                let ns = peer.get("namespaceSelector").filter(|v| v.is_object());
                if let (Some(ps), Some(ns)) = (ps, ns) {
                    w.w(
                        LEVEL_1,
                        &format!(
                            "{indent}NamespaceSelector: {}\n",
                            format_label_selector(Some(ns))
                        ),
                    );
                    w.w(
                        LEVEL_1,
                        &format!("{indent}PodSelector: {}\n", format_label_selector(Some(ps))),
                    );
                } else if let Some(ps) = ps {
                    w.w(
                        LEVEL_1,
                        &format!("{indent}PodSelector: {}\n", format_label_selector(Some(ps))),
                    );
                } else if let Some(ns) = ns {
                    w.w(
                        LEVEL_1,
                        &format!(
                            "{indent}NamespaceSelector: {}\n",
                            format_label_selector(Some(ns))
                        ),
                    );
                } else if let Some(ip) = peer.get("ipBlock").filter(|v| v.is_object()) {
                    w.w(LEVEL_1, &format!("{indent}IPBlock:\n"));
                    w.w(LEVEL_2, &format!("{indent}CIDR: {}\n", str_at(ip, "/cidr")));
                    let except: Vec<String> =
                        arr(ip, "/except").iter().map(|e| scalar(Some(e))).collect();
                    w.w(LEVEL_2, &format!("{indent}Except: {}\n", except.join(", ")));
                }
            }
        }
        if i != rules.len() - 1 {
            w.w(LEVEL_0, &format!("{indent}----------\n"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Configuration and access

/// The ConfigMap describer: data values verbatim, keys sorted.
pub fn describe_config_map(cm: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(cm)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(cm)));
    labels_multiline(&mut w, "Labels", map(cm, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(cm, "/metadata/annotations"));
    w.w(LEVEL_0, "\nData\n====\n");
    if let Some(data) = map(cm, "/data") {
        for (k, v) in data {
            w.w(LEVEL_0, &format!("{k}:\n----\n"));
            w.w(LEVEL_0, &format!("{}\n", scalar(Some(v))));
            w.w(LEVEL_0, "\n");
        }
    }
    w.w(LEVEL_0, "\nBinaryData\n====\n");
    if let Some(data) = map(cm, "/binaryData") {
        for (k, v) in data {
            w.w(
                LEVEL_0,
                &format!("{k}: {} bytes\n", base64_decoded_len(&scalar(Some(v)))),
            );
        }
    }
    w.w(LEVEL_0, "\n");
    maybe_events(&mut w, events, now);
    w.finish()
}

/// The length of base64-encoded data once decoded.
fn base64_decoded_len(s: &str) -> usize {
    let s = s.trim_end_matches('=');
    s.len() * 3 / 4
}

/// `describeSecret`: sizes only, never values (but a service-account token is shown).
pub fn describe_secret(secret: &Value) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(secret)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(secret)),
    );
    labels_multiline(&mut w, "Labels", map(secret, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(secret, "/metadata/annotations"));
    let ty = str_at(secret, "/type");
    w.w(LEVEL_0, &format!("\nType:\t{ty}\n"));
    w.w(LEVEL_0, "\nData\n====\n");
    if let Some(data) = map(secret, "/data") {
        for (k, v) in data {
            let encoded = scalar(Some(v));
            if k == "token" && ty == "kubernetes.io/service-account-token" {
                w.w(LEVEL_0, &format!("{k}:\t{}\n", base64_decode(&encoded)));
            } else {
                w.w(
                    LEVEL_0,
                    &format!("{k}:\t{} bytes\n", base64_decoded_len(&encoded)),
                );
            }
        }
    }
    w.finish()
}

fn base64_decode(s: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = vec![];
    let mut buf = 0u32;
    let mut bits = 0;
    for b in s.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == b) else {
            continue;
        };
        buf = (buf << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `describeServiceAccount`. `secrets`: the Secrets of its namespace.
pub fn describe_service_account(
    sa: &Value,
    secrets: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(sa)));
    w.w(LEVEL_0, &format!("Namespace:\t{}\n", object::namespace(sa)));
    labels_multiline(&mut w, "Labels", map(sa, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(sa, "/metadata/annotations"));
    let existing: Vec<&str> = secrets.iter().map(object::name).collect();
    let tokens: Vec<&str> = secrets
        .iter()
        .filter(|s| str_at(s, "/type") == "kubernetes.io/service-account-token")
        .filter(|s| {
            object::annotation(s, "kubernetes.io/service-account.name") == Some(object::name(sa))
                && object::annotation(s, "kubernetes.io/service-account.uid")
                    == Some(object::uid(sa))
        })
        .map(object::name)
        .collect();
    let names = |field: &str| -> Vec<String> {
        arr(sa, field)
            .iter()
            .map(|s| str_at(s, "/name").to_string())
            .collect()
    };
    let pull = names("/imagePullSecrets");
    let mount = names("/secrets");
    let token_names: Vec<String> = tokens.iter().map(|s| s.to_string()).collect();
    let empty_header = "                   ";
    for (header, list) in [
        ("Image pull secrets:", &pull),
        ("Mountable secrets: ", &mount),
        ("Tokens:            ", &token_names),
    ] {
        if list.is_empty() {
            w.w(LEVEL_0, &format!("{header}\t<none>\n"));
            continue;
        }
        let mut prefix = header;
        for name in list {
            if existing.contains(&name.as_str()) {
                w.w(LEVEL_0, &format!("{prefix}\t{name}\n"));
            } else {
                w.w(LEVEL_0, &format!("{prefix}\t{name} (not found)\n"));
            }
            prefix = empty_header;
        }
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// Role and ClusterRole: one row per (resources, non-resource URLs, names, verbs) as kubectl
/// breaks down and compacts the rules.
pub fn describe_role(role: &Value) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(role)));
    labels_multiline(&mut w, "Labels", map(role, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(role, "/metadata/annotations"));
    w.w(LEVEL_0, "PolicyRule:\n");
    w.w(
        LEVEL_1,
        "Resources\tNon-Resource URLs\tResource Names\tVerbs\n",
    );
    w.w(
        LEVEL_1,
        "---------\t-----------------\t--------------\t-----\n",
    );
    for r in compact_rules(arr(role, "/rules")) {
        w.w(
            LEVEL_1,
            &format!(
                "{}\t[{}]\t[{}]\t[{}]\n",
                r.resource,
                r.urls.join(" "),
                r.names.join(" "),
                r.verbs.join(" ")
            ),
        );
    }
    w.finish()
}

/// (API group, resource, resource names, non-resource URLs, verbs).
type BrokenRule = (String, String, Vec<String>, Vec<String>, Vec<String>);

struct Rule {
    resource: String,
    urls: Vec<String>,
    names: Vec<String>,
    verbs: Vec<String>,
}

/// `rbac.BreakdownRule` + `CompactRules` + `SortableRuleSlice`: one rule per group, resource
/// and resource name (or URL); verbs of rules naming the same single resource appended
/// together; sorted by the rule's protobuf `String()`, which starts with the verbs.
fn compact_rules(rules: &[Value]) -> Vec<Rule> {
    let strings =
        |v: &Value, f: &str| -> Vec<String> { arr(v, f).iter().map(|s| scalar(Some(s))).collect() };
    let mut broken: Vec<BrokenRule> = vec![];
    for r in rules {
        let verbs = strings(r, "/verbs");
        let names = strings(r, "/resourceNames");
        for g in strings(r, "/apiGroups") {
            for res in strings(r, "/resources") {
                if names.is_empty() {
                    broken.push((g.clone(), res, vec![], vec![], verbs.clone()));
                } else {
                    for n in &names {
                        broken.push((
                            g.clone(),
                            res.clone(),
                            vec![n.clone()],
                            vec![],
                            verbs.clone(),
                        ));
                    }
                }
            }
        }
        for url in strings(r, "/nonResourceURLs") {
            broken.push((
                String::new(),
                String::new(),
                vec![],
                vec![url],
                verbs.clone(),
            ));
        }
    }
    // Simple resource rules (one group, one resource, at most one name) merge their verbs;
    // the others are kept as they are, before them.
    let mut compacted: Vec<BrokenRule> = vec![];
    let mut simple: Vec<BrokenRule> = vec![];
    for b in broken {
        if !b.3.is_empty() {
            compacted.push(b);
            continue;
        }
        match simple
            .iter_mut()
            .find(|m| m.0 == b.0 && m.1 == b.1 && m.2 == b.2)
        {
            Some(m) => m.4.extend(b.4),
            None => simple.push(b),
        }
    }
    compacted.extend(simple);
    let proto_string = |r: &BrokenRule| {
        let groups = if r.1.is_empty() {
            vec![]
        } else {
            vec![r.0.clone()]
        };
        let resources = if r.1.is_empty() {
            vec![]
        } else {
            vec![r.1.clone()]
        };
        format!(
            "&PolicyRule{{Verbs:[{}],APIGroups:[{}],Resources:[{}],ResourceNames:[{}],NonResourceURLs:[{}],}}",
            r.4.join(" "),
            groups.join(" "),
            resources.join(" "),
            r.2.join(" "),
            r.3.join(" ")
        )
    };
    super::gosort::sort_by(&mut compacted, |a, b| proto_string(a) < proto_string(b));
    compacted
        .into_iter()
        .map(|(g, res, names, urls, verbs)| {
            let resource = if res.is_empty() {
                String::new()
            } else {
                let (base, sub) = match res.split_once('/') {
                    Some((a, b)) => (a.to_string(), Some(b.to_string())),
                    None => (res.clone(), None),
                };
                let mut s = base;
                if !g.is_empty() {
                    s = format!("{s}.{g}");
                }
                if let Some(sub) = sub {
                    s = format!("{s}/{sub}");
                }
                s
            };
            Rule {
                resource,
                urls,
                names,
                verbs,
            }
        })
        .collect()
}

/// RoleBinding and ClusterRoleBinding.
pub fn describe_role_binding(b: &Value) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(b)));
    labels_multiline(&mut w, "Labels", map(b, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(b, "/metadata/annotations"));
    w.w(LEVEL_0, "Role:\n");
    w.w(LEVEL_1, &format!("Kind:\t{}\n", str_at(b, "/roleRef/kind")));
    w.w(LEVEL_1, &format!("Name:\t{}\n", str_at(b, "/roleRef/name")));
    w.w(LEVEL_0, "Subjects:\n");
    w.w(LEVEL_1, "Kind\tName\tNamespace\n");
    w.w(LEVEL_1, "----\t----\t---------\n");
    for s in arr(b, "/subjects") {
        w.w(
            LEVEL_1,
            &format!(
                "{}\t{}\t{}\n",
                str_at(s, "/kind"),
                str_at(s, "/name"),
                str_at(s, "/namespace")
            ),
        );
    }
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Storage

fn access_modes(modes: &[Value]) -> String {
    let has = |m: &str| modes.iter().any(|x| x.as_str() == Some(m));
    let mut out = vec![];
    for (full, short) in [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ] {
        if has(full) {
            out.push(short);
        }
    }
    out.join(",")
}

fn finalizers(obj: &Value) -> String {
    let f: Vec<String> = arr(obj, "/metadata/finalizers")
        .iter()
        .map(|s| scalar(Some(s)))
        .collect();
    format!("[{}]", f.join(" "))
}

/// `describePersistentVolume`.
pub fn describe_persistent_volume(pv: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(pv)));
    labels_multiline(&mut w, "Labels", map(pv, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(pv, "/metadata/annotations"));
    w.w(LEVEL_0, &format!("Finalizers:\t{}\n", finalizers(pv)));
    w.w(
        LEVEL_0,
        &format!("StorageClass:\t{}\n", str_at(pv, "/spec/storageClassName")),
    );
    let deletion = str_at(pv, "/metadata/deletionTimestamp");
    if deletion.is_empty() {
        w.w(
            LEVEL_0,
            &format!("Status:\t{}\n", str_at(pv, "/status/phase")),
        );
    } else {
        w.w(
            LEVEL_0,
            &format!("Status:\tTerminating (lasts {})\n", since(deletion, now)),
        );
    }
    match pv.at("/spec/claimRef").filter(|v| v.is_object()) {
        Some(c) => w.w(
            LEVEL_0,
            &format!(
                "Claim:\t{}/{}\n",
                str_at(c, "/namespace"),
                str_at(c, "/name")
            ),
        ),
        None => w.w(LEVEL_0, "Claim:\t\n"),
    }
    w.w(
        LEVEL_0,
        &format!(
            "Reclaim Policy:\t{}\n",
            str_at(pv, "/spec/persistentVolumeReclaimPolicy")
        ),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Access Modes:\t{}\n",
            access_modes(arr(pv, "/spec/accessModes"))
        ),
    );
    let vm = str_at(pv, "/spec/volumeMode");
    if !vm.is_empty() {
        w.w(LEVEL_0, &format!("VolumeMode:\t{vm}\n"));
    }
    w.w(
        LEVEL_0,
        &format!(
            "Capacity:\t{}\n",
            quantity_string(pv.at("/spec/capacity/storage"))
        ),
    );
    w.w(LEVEL_0, "Node Affinity:\t");
    match pv
        .at("/spec/nodeAffinity/required")
        .filter(|v| v.is_object())
    {
        None => w.line("<none>"),
        Some(req) => {
            w.line("");
            w.w(LEVEL_1, "Required Terms:\t");
            let terms = arr(req, "/nodeSelectorTerms");
            if terms.is_empty() {
                w.line("<none>");
            } else {
                w.line("");
                for (i, t) in terms.iter().enumerate() {
                    w.w(LEVEL_2, &format!("Term {i}:\t"));
                    let exprs = arr(t, "/matchExpressions");
                    if exprs.is_empty() {
                        w.line("<none>");
                        continue;
                    }
                    for (j, e) in exprs.iter().enumerate() {
                        if j != 0 {
                            w.w(LEVEL_2, "\t");
                        }
                        let mut s = format!(
                            "{} {}",
                            str_at(e, "/key"),
                            str_at(e, "/operator").to_lowercase()
                        );
                        let vals: Vec<String> =
                            arr(e, "/values").iter().map(|v| scalar(Some(v))).collect();
                        if !vals.is_empty() {
                            s = format!("{s} [{}]", vals.join(", "));
                        }
                        w.w(LEVEL_0, &format!("{s}\n"));
                    }
                }
            }
        }
    }
    w.w(
        LEVEL_0,
        &format!("Message:\t{}\n", str_at(pv, "/status/message")),
    );
    w.w(LEVEL_0, "Source:\n");
    let src = |k: &str| pv.at(&format!("/spec/{k}")).filter(|v| v.is_object());
    if let Some(h) = src("hostPath") {
        let ty = match h.get("type").and_then(Value::as_str) {
            Some(t) => t.to_string(),
            None => "<none>".into(),
        };
        w.w(
            LEVEL_2,
            &format!(
                "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{ty}\n",
                str_at(h, "/path")
            ),
        );
    } else if let Some(n) = src("nfs") {
        w.w(
            LEVEL_2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                str_at(n, "/server"),
                str_at(n, "/path"),
                boolean(n, "/readOnly")
            ),
        );
    } else if let Some(l) = src("local") {
        w.w(
            LEVEL_2,
            &format!(
                "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n",
                str_at(l, "/path")
            ),
        );
    } else if let Some(c) = src("csi") {
        w.w(
            LEVEL_2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    VolumeHandle:\t{}\n    ReadOnly:\t{}\n",
                str_at(c, "/driver"),
                str_at(c, "/fsType"),
                str_at(c, "/volumeHandle"),
                boolean(c, "/readOnly")
            ),
        );
        csi_attributes(&mut w, map(c, "/volumeAttributes"));
    } else {
        w.w(LEVEL_1, "<unknown>\n");
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describePersistentVolumeClaim`. `pods`: the pods of its namespace (those mounting it are
/// listed under Used By).
pub fn describe_persistent_volume_claim(
    pvc: &Value,
    pods: &[Value],
    events: Option<&[Value]>,
    now: TimeMs,
) -> String {
    let mut w = Pw::new();
    let name = object::name(pvc);
    w.w(LEVEL_0, &format!("Name:\t{name}\n"));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(pvc)),
    );
    w.w(
        LEVEL_0,
        &format!("StorageClass:\t{}\n", str_at(pvc, "/spec/storageClassName")),
    );
    let deletion = str_at(pvc, "/metadata/deletionTimestamp");
    if deletion.is_empty() {
        w.w(
            LEVEL_0,
            &format!("Status:\t{}\n", str_at(pvc, "/status/phase")),
        );
    } else {
        w.w(
            LEVEL_0,
            &format!("Status:\tTerminating (lasts {})\n", since(deletion, now)),
        );
    }
    let volume = str_at(pvc, "/spec/volumeName");
    w.w(LEVEL_0, &format!("Volume:\t{volume}\n"));
    labels_multiline(&mut w, "Labels", map(pvc, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(pvc, "/metadata/annotations"));
    w.w(LEVEL_0, &format!("Finalizers:\t{}\n", finalizers(pvc)));
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            quantity_string(pvc.at("/status/capacity/storage")),
            access_modes(arr(pvc, "/status/accessModes")),
        )
    };
    w.w(LEVEL_0, &format!("Capacity:\t{capacity}\n"));
    w.w(LEVEL_0, &format!("Access Modes:\t{modes}\n"));
    let vm = str_at(pvc, "/spec/volumeMode");
    if !vm.is_empty() {
        w.w(LEVEL_0, &format!("VolumeMode:\t{vm}\n"));
    }
    if let Some(ds) = pvc.at("/spec/dataSource").filter(|v| v.is_object()) {
        w.w(LEVEL_0, "DataSource:\n");
        if let Some(g) = ds.get("apiGroup").and_then(Value::as_str) {
            w.w(LEVEL_1, &format!("APIGroup:\t{g}\n"));
        }
        w.w(LEVEL_1, &format!("Kind:\t{}\n", str_at(ds, "/kind")));
        w.w(LEVEL_1, &format!("Name:\t{}\n", str_at(ds, "/name")));
    }
    let mut users: Vec<&str> = pods
        .iter()
        .filter(|p| {
            arr(p, "/spec/volumes")
                .iter()
                .any(|v| str_at(v, "/persistentVolumeClaim/claimName") == name)
        })
        .map(object::name)
        .collect();
    users.sort_shared();
    w.w(LEVEL_0, "Used By:\t");
    if users.is_empty() {
        w.line("<none>");
    } else {
        for (i, u) in users.iter().enumerate() {
            if i != 0 {
                w.w(LEVEL_0, "\t");
            }
            w.w(LEVEL_0, &format!("{u}\n"));
        }
    }
    let conditions = arr(pvc, "/status/conditions");
    if !conditions.is_empty() {
        w.w(LEVEL_0, "Conditions:\n");
        w.w(
            LEVEL_1,
            "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.w(
            LEVEL_1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.w(
                LEVEL_1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    str_at(c, "/type"),
                    str_at(c, "/status"),
                    time_1123(str_at(c, "/lastProbeTime")),
                    time_1123(str_at(c, "/lastTransitionTime")),
                    str_at(c, "/reason"),
                    str_at(c, "/message")
                ),
            );
        }
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describeStorageClass`.
pub fn describe_storage_class(sc: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(sc)));
    let default = match object::annotation(sc, "storageclass.kubernetes.io/is-default-class")
        .or_else(|| object::annotation(sc, "storageclass.beta.kubernetes.io/is-default-class"))
    {
        Some("true") => "Yes",
        _ => "No",
    };
    w.w(LEVEL_0, &format!("IsDefaultClass:\t{default}\n"));
    w.w(
        LEVEL_0,
        &format!(
            "Annotations:\t{}\n",
            format_labels(map(sc, "/metadata/annotations"))
        ),
    );
    w.w(
        LEVEL_0,
        &format!("Provisioner:\t{}\n", str_at(sc, "/provisioner")),
    );
    w.w(
        LEVEL_0,
        &format!("Parameters:\t{}\n", format_labels(map(sc, "/parameters"))),
    );
    let ave = match sc.get("allowVolumeExpansion").and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.w(LEVEL_0, &format!("AllowVolumeExpansion:\t{ave}\n"));
    let opts = arr(sc, "/mountOptions");
    if opts.is_empty() {
        w.w(LEVEL_0, "MountOptions:\t<none>\n");
    } else {
        w.w(LEVEL_0, "MountOptions:\n");
        for o in opts {
            w.w(LEVEL_1, &format!("{}\n", scalar(Some(o))));
        }
    }
    if let Some(r) = sc.get("reclaimPolicy").and_then(Value::as_str) {
        w.w(LEVEL_0, &format!("ReclaimPolicy:\t{r}\n"));
    }
    if let Some(m) = sc.get("volumeBindingMode").and_then(Value::as_str) {
        w.w(LEVEL_0, &format!("VolumeBindingMode:\t{m}\n"));
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

// ---------------------------------------------------------------------------------------------
// Autoscaling, disruption, scheduling

/// `describeHorizontalPodAutoscalerV2`.
pub fn describe_hpa(hpa: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(hpa)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(hpa)),
    );
    labels_multiline(&mut w, "Labels", map(hpa, "/metadata/labels"));
    annotations_multiline(&mut w, "Annotations", map(hpa, "/metadata/annotations"));
    w.w(
        LEVEL_0,
        &format!(
            "CreationTimestamp:\t{}\n",
            time_1123(str_at(hpa, "/metadata/creationTimestamp"))
        ),
    );
    let kind = str_at(hpa, "/spec/scaleTargetRef/kind");
    w.w(
        LEVEL_0,
        &format!(
            "Reference:\t{kind}/{}\n",
            str_at(hpa, "/spec/scaleTargetRef/name")
        ),
    );
    w.w(LEVEL_0, "Metrics:\t( current / target )\n");
    let current = arr(hpa, "/status/currentMetrics");
    // autoscaling/v1 objects carry the CPU target directly.
    let mut metrics: Vec<Value> = arr(hpa, "/spec/metrics").to_vec();
    if let Some(t) = hpa
        .at("/spec/targetCPUUtilizationPercentage")
        .and_then(as_i64)
    {
        metrics.push(serde_json::json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": t}}}));
    }
    for (i, m) in metrics.iter().enumerate() {
        let cur = current.get(i);
        match str_at(m, "/type") {
            "Resource" => {
                let name = str_at(m, "/resource/name");
                w.w(LEVEL_1, &format!("resource {name} on pods"));
                if let Some(av) = m.at("/resource/target/averageValue") {
                    let c = cur
                        .and_then(|c| c.at("/resource/current/averageValue"))
                        .map(|v| quantity_string(Some(v)))
                        .unwrap_or_else(|| "<unknown>".into());
                    w.w(
                        LEVEL_0,
                        &format!(":\t{c} / {}\n", quantity_string(Some(av))),
                    );
                } else {
                    let c = cur
                        .and_then(|c| {
                            let u = c.at("/resource/current/averageUtilization")?;
                            Some(format!(
                                "{}% ({})",
                                scalar(Some(u)),
                                quantity_string(c.at("/resource/current/averageValue"))
                            ))
                        })
                        .unwrap_or_else(|| "<unknown>".into());
                    let target = m
                        .at("/resource/target/averageUtilization")
                        .map(|u| format!("{}%", scalar(Some(u))))
                        .unwrap_or_else(|| "<auto>".into());
                    w.w(
                        LEVEL_1,
                        &format!("(as a percentage of request):\t{c} / {target}\n"),
                    );
                }
            }
            "Pods" => {
                let c = cur
                    .and_then(|c| c.at("/pods/current/averageValue"))
                    .map(|v| quantity_string(Some(v)))
                    .unwrap_or_else(|| "<unknown>".into());
                w.w(
                    LEVEL_1,
                    &format!(
                        "\"{}\" on pods:\t{c} / {}\n",
                        str_at(m, "/pods/metric/name"),
                        quantity_string(m.at("/pods/target/averageValue"))
                    ),
                );
            }
            other => w.w(LEVEL_1, &format!("<unknown metric type \"{other}\">\n")),
        }
    }
    let min = hpa
        .at("/spec/minReplicas")
        .and_then(as_i64)
        .map(|m| m.to_string())
        .unwrap_or_else(|| "<unset>".into());
    w.w(LEVEL_0, &format!("Min replicas:\t{min}\n"));
    w.w(
        LEVEL_0,
        &format!("Max replicas:\t{}\n", int(hpa, "/spec/maxReplicas")),
    );
    w.w(LEVEL_0, &format!("{kind} pods:\t"));
    w.w(
        LEVEL_0,
        &format!(
            "{} current / {} desired\n",
            int(hpa, "/status/currentReplicas"),
            int(hpa, "/status/desiredReplicas")
        ),
    );
    let conditions = arr(hpa, "/status/conditions");
    if !conditions.is_empty() {
        w.w(LEVEL_0, "Conditions:\n");
        w.w(LEVEL_1, "Type\tStatus\tReason\tMessage\n");
        w.w(LEVEL_1, "----\t------\t------\t-------\n");
        for c in conditions {
            w.w(
                LEVEL_1,
                &format!(
                    "{}\t{}\t{}\t{}\n",
                    str_at(c, "/type"),
                    str_at(c, "/status"),
                    str_at(c, "/reason"),
                    str_at(c, "/message")
                ),
            );
        }
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describePodDisruptionBudgetV1`.
pub fn describe_pdb(pdb: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(pdb)));
    w.w(
        LEVEL_0,
        &format!("Namespace:\t{}\n", object::namespace(pdb)),
    );
    if let Some(m) = pdb.at("/spec/minAvailable").filter(|v| !v.is_null()) {
        w.w(
            LEVEL_0,
            &format!("Min available:\t{}\n", int_or_string(Some(m))),
        );
    } else if let Some(m) = pdb.at("/spec/maxUnavailable").filter(|v| !v.is_null()) {
        w.w(
            LEVEL_0,
            &format!("Max unavailable:\t{}\n", int_or_string(Some(m))),
        );
    }
    match pdb.at("/spec/selector").filter(|v| v.is_object()) {
        Some(s) => w.w(
            LEVEL_0,
            &format!("Selector:\t{}\n", format_label_selector(Some(s))),
        ),
        None => w.w(LEVEL_0, "Selector:\t<unset>\n"),
    }
    w.w(LEVEL_0, "Status:\n");
    for (title, field) in [
        ("Allowed disruptions", "disruptionsAllowed"),
        ("Current", "currentHealthy"),
        ("Desired", "desiredHealthy"),
        ("Total", "expectedPods"),
    ] {
        w.w(
            LEVEL_2,
            &format!("{title}:\t{}\n", int(pdb, &format!("/status/{field}"))),
        );
    }
    maybe_events(&mut w, events, now);
    w.finish()
}

/// `describePriorityClass`.
pub fn describe_priority_class(pc: &Value, events: Option<&[Value]>, now: TimeMs) -> String {
    let mut w = Pw::new();
    w.w(LEVEL_0, &format!("Name:\t{}\n", object::name(pc)));
    w.w(LEVEL_0, &format!("Value:\t{}\n", int(pc, "/value")));
    w.w(
        LEVEL_0,
        &format!("GlobalDefault:\t{}\n", boolean(pc, "/globalDefault")),
    );
    w.w(
        LEVEL_0,
        &format!("PreemptionPolicy:\t{}\n", str_at(pc, "/preemptionPolicy")),
    );
    w.w(
        LEVEL_0,
        &format!("Description:\t{}\n", str_at(pc, "/description")),
    );
    w.w(
        LEVEL_0,
        &format!(
            "Annotations:\t{}\n",
            format_labels(map(pc, "/metadata/annotations"))
        ),
    );
    maybe_events(&mut w, events, now);
    w.finish()
}

#[cfg(test)]
mod tests;

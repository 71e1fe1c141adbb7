//! A step's checks: pure, deterministic predicates over the live cluster. They read the API
//! server's store and the nodes' filesystems; none of them writes or moves the clock. Only
//! `command` runs something (kubectl, through `Session::kubectl_quietly`, which never settles
//! or advances the cluster).

use crate::sim::object::Pointer as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::i18n::Lang;
use crate::shell::regex::Regex;
use crate::sim::resources::{resolve, rt};
use crate::sim::Cluster;

fn default_ns() -> String {
    "default".into()
}

/// One check as a lesson file writes it: exactly one of the keys below, e.g.
/// `- pod: {name: nginx, status: Running}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// A pod with this name (or, with `prefix`, whose name starts with it).
    Pod(PodCheck),
    /// A file on a node, optionally with content matching a regex (extended syntax).
    File(FileCheck),
    /// A Deployment and its replica counts.
    Deployment(DeploymentCheck),
    /// A Service, its type and whether it has endpoints (ready pods behind its selector).
    Service(ServiceCheck),
    /// A node: cordoned or not, carrying a taint with this key.
    Node(NodeCheck),
    /// A static pod: its manifest in `/etc/kubernetes/manifests` on the node and its mirror pod
    /// `<name>-<node>` in the API.
    StaticPod(StaticPodCheck),
    /// Any object by resource (`ns`, `rs`, `quota`…), name and namespace: present or absent.
    Object(ObjectCheck),
    /// A command (kubectl only) whose standard output matches a regex.
    Command(CommandCheck),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodCheck {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default = "default_ns")]
    pub namespace: String,
    /// kubectl's STATUS column (`Running`, `ImagePullBackOff`, `Completed`…).
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub node: Option<String>,
    /// Every container ready.
    #[serde(default)]
    pub ready: Option<bool>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub min_restarts: Option<i64>,
    /// How many pods match (with `prefix`); default: at least one.
    #[serde(default)]
    pub count: Option<usize>,
    #[serde(default)]
    pub absent: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileCheck {
    #[serde(default = "controlplane")]
    pub node: String,
    pub path: String,
    #[serde(default)]
    pub matches: Option<String>,
    #[serde(default)]
    pub absent: bool,
}

fn controlplane() -> String {
    "controlplane".into()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentCheck {
    pub name: String,
    #[serde(default = "default_ns")]
    pub namespace: String,
    #[serde(default)]
    pub ready_replicas: Option<i64>,
    #[serde(default)]
    pub replicas: Option<i64>,
    /// The first container's image in the pod template.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub absent: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCheck {
    pub name: String,
    #[serde(default = "default_ns")]
    pub namespace: String,
    #[serde(default, rename = "type")]
    pub type_: Option<String>,
    #[serde(default)]
    pub endpoints: Option<bool>,
    #[serde(default)]
    pub absent: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeCheck {
    pub name: String,
    #[serde(default)]
    pub cordoned: Option<bool>,
    #[serde(default)]
    pub taint: Option<String>,
    #[serde(default)]
    pub no_taint: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaticPodCheck {
    pub name: String,
    #[serde(default = "controlplane")]
    pub node: String,
    #[serde(default = "default_ns")]
    pub namespace: String,
    #[serde(default)]
    pub absent: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectCheck {
    pub kind: String,
    pub name: String,
    #[serde(default = "default_ns")]
    pub namespace: String,
    /// `key=value` that must be among the object's labels.
    #[serde(default)]
    pub label: Option<String>,
    /// `key=value` that must be among the object's annotations.
    #[serde(default)]
    pub annotation: Option<String>,
    #[serde(default)]
    pub absent: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandCheck {
    /// The words of a kubectl command line, `kubectl` first.
    pub run: String,
    pub matches: String,
}

/// A check's outcome, as the lesson panel shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub label: String,
    pub passed: bool,
}

fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.at(ptr).and_then(Value::as_str).unwrap_or("")
}

fn has_pair(map: Option<&Value>, pair: &str) -> bool {
    let (k, want) = pair.split_once('=').unwrap_or((pair, ""));
    match map.and_then(|m| m.get(k)).and_then(Value::as_str) {
        Some(v) => !pair.contains('=') || v == want,
        None => false,
    }
}

fn regex(pattern: &str) -> Option<Regex> {
    Regex::new(pattern, true, false).ok()
}

/// Problems with a check that make it unable to ever pass (for the validator).
pub fn problems(check: &Check) -> Vec<String> {
    let mut out = Vec::new();
    match check {
        Check::Pod(p) => {
            if p.name.is_empty() && p.prefix.is_none() {
                out.push("pod check needs a name or a prefix".into());
            }
            if p.absent && (p.status.is_some() || p.image.is_some() || p.ready.is_some()) {
                out.push("pod check: absent with status/image/ready can never pass".into());
            }
            if let Some(st) = &p.status {
                const KNOWN: &[&str] = &[
                    "Running",
                    "Pending",
                    "ContainerCreating",
                    "Completed",
                    "Error",
                    "ImagePullBackOff",
                    "ErrImagePull",
                    "CrashLoopBackOff",
                    "CreateContainerConfigError",
                    "Terminating",
                    "OOMKilled",
                    "Succeeded",
                    "Failed",
                ];
                if !KNOWN.contains(&st.as_str()) {
                    out.push(format!("pod check: unknown status {st:?}"));
                }
            }
        }
        Check::File(f) => {
            if !f.path.starts_with('/') {
                out.push(format!("file check: path {:?} is not absolute", f.path));
            }
            if let Some(m) = &f.matches {
                if regex(m).is_none() {
                    out.push(format!("file check: bad regex {m:?}"));
                }
            }
            if !["controlplane", "node01"].contains(&f.node.as_str()) {
                out.push(format!("file check: no node {:?}", f.node));
            }
        }
        Check::Deployment(d) => {
            if let (Some(r), Some(s)) = (d.ready_replicas, d.replicas) {
                if r > s {
                    out.push("deployment check: more ready replicas than replicas".into());
                }
            }
        }
        Check::Service(_) => {}
        Check::Node(n) => {
            if !["controlplane", "node01"].contains(&n.name.as_str()) {
                out.push(format!("node check: no node {:?}", n.name));
            }
        }
        Check::StaticPod(p) => {
            if !["controlplane", "node01"].contains(&p.node.as_str()) {
                out.push(format!("static pod check: no node {:?}", p.node));
            }
        }
        Check::Object(o) => {
            if resolve(&o.kind).is_none() {
                out.push(format!("object check: unknown resource {:?}", o.kind));
            }
        }
        Check::Command(c) => {
            if !c.run.starts_with("kubectl ") {
                out.push(format!("command check must run kubectl: {:?}", c.run));
            }
            if regex(&c.matches).is_none() {
                out.push(format!("command check: bad regex {:?}", c.matches));
            }
        }
    }
    out
}

/// The label shown beside a check, generated from the check itself.
pub fn label(check: &Check, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    match check {
        Check::Pod(p) => {
            let who = match &p.prefix {
                Some(pre) => format!("{pre}*"),
                None => p.name.clone(),
            };
            let ns = if p.namespace == "default" {
                String::new()
            } else if ko {
                format!(" ({} 네임스페이스)", p.namespace)
            } else {
                format!(" (namespace {})", p.namespace)
            };
            if p.absent {
                return if ko {
                    format!("파드 {who}{ns}이(가) 없음")
                } else {
                    format!("Pod {who}{ns} is gone")
                };
            }
            let mut parts = Vec::new();
            if let Some(n) = p.count {
                parts.push(if ko {
                    format!("{n}개")
                } else {
                    format!("{n} of them")
                });
            }
            if let Some(st) = &p.status {
                parts.push(if ko {
                    format!("상태 {st}")
                } else {
                    format!("status {st}")
                });
            }
            if let Some(i) = &p.image {
                parts.push(if ko {
                    format!("이미지 {i}")
                } else {
                    format!("image {i}")
                });
            }
            if let Some(n) = &p.node {
                parts.push(if ko {
                    format!("노드 {n}")
                } else {
                    format!("on {n}")
                });
            }
            if p.ready == Some(true) {
                parts.push(if ko {
                    "준비됨".into()
                } else {
                    "ready".into()
                });
            }
            if let Some(l) = &p.label {
                parts.push(if ko {
                    format!("레이블 {l}")
                } else {
                    format!("label {l}")
                });
            }
            if let Some(r) = p.min_restarts {
                parts.push(if ko {
                    format!("재시작 {r}회 이상")
                } else {
                    format!("{r}+ restarts")
                });
            }
            let tail = if parts.is_empty() {
                if ko {
                    " 있음".to_string()
                } else {
                    " exists".to_string()
                }
            } else {
                format!(": {}", parts.join(", "))
            };
            if ko {
                format!("파드 {who}{ns}{tail}")
            } else {
                format!("Pod {who}{ns}{tail}")
            }
        }
        Check::File(f) => match (f.absent, &f.matches, ko) {
            (true, _, false) => format!("No file {} on {}", f.path, f.node),
            (true, _, true) => format!("{}에 {} 파일이 없음", f.node, f.path),
            (false, Some(m), false) => format!("File {} on {} matches /{m}/", f.path, f.node),
            (false, Some(m), true) => format!("{}의 {} 파일이 /{m}/ 와 일치", f.node, f.path),
            (false, None, false) => format!("File {} exists on {}", f.path, f.node),
            (false, None, true) => format!("{}에 {} 파일이 있음", f.node, f.path),
        },
        Check::Deployment(d) => {
            if d.absent {
                return if ko {
                    format!("디플로이먼트 {}이(가) 없음", d.name)
                } else {
                    format!("Deployment {} is gone", d.name)
                };
            }
            let mut parts = Vec::new();
            if let Some(r) = d.replicas {
                parts.push(if ko {
                    format!("레플리카 {r}개")
                } else {
                    format!("{r} replicas")
                });
            }
            if let Some(r) = d.ready_replicas {
                parts.push(if ko {
                    format!("준비된 레플리카 {r}개")
                } else {
                    format!("{r} ready")
                });
            }
            if let Some(i) = &d.image {
                parts.push(if ko {
                    format!("이미지 {i}")
                } else {
                    format!("image {i}")
                });
            }
            let tail = if parts.is_empty() {
                if ko {
                    " 있음".to_string()
                } else {
                    " exists".to_string()
                }
            } else {
                format!(": {}", parts.join(", "))
            };
            if ko {
                format!("디플로이먼트 {}{tail}", d.name)
            } else {
                format!("Deployment {}{tail}", d.name)
            }
        }
        Check::Service(sv) => {
            if sv.absent {
                return if ko {
                    format!("서비스 {}이(가) 없음", sv.name)
                } else {
                    format!("Service {} is gone", sv.name)
                };
            }
            let mut parts = Vec::new();
            if let Some(t) = &sv.type_ {
                parts.push(if ko {
                    format!("타입 {t}")
                } else {
                    format!("type {t}")
                });
            }
            match sv.endpoints {
                Some(true) => parts.push(if ko {
                    "엔드포인트 있음".into()
                } else {
                    "has endpoints".into()
                }),
                Some(false) => parts.push(if ko {
                    "엔드포인트 없음".into()
                } else {
                    "no endpoints".into()
                }),
                None => {}
            }
            let tail = if parts.is_empty() {
                if ko {
                    " 있음".to_string()
                } else {
                    " exists".to_string()
                }
            } else {
                format!(": {}", parts.join(", "))
            };
            if ko {
                format!("서비스 {}{tail}", sv.name)
            } else {
                format!("Service {}{tail}", sv.name)
            }
        }
        Check::Node(n) => {
            let mut parts = Vec::new();
            match n.cordoned {
                Some(true) => parts.push(if ko {
                    "스케줄 불가(cordon)".to_string()
                } else {
                    "cordoned".into()
                }),
                Some(false) => parts.push(if ko {
                    "스케줄 가능".to_string()
                } else {
                    "schedulable".into()
                }),
                None => {}
            }
            if let Some(t) = &n.taint {
                parts.push(if ko {
                    format!("테인트 {t} 있음")
                } else {
                    format!("tainted {t}")
                });
            }
            if let Some(t) = &n.no_taint {
                parts.push(if ko {
                    format!("테인트 {t} 없음")
                } else {
                    format!("no taint {t}")
                });
            }
            if let Some(l) = &n.label {
                parts.push(if ko {
                    format!("레이블 {l}")
                } else {
                    format!("label {l}")
                });
            }
            if ko {
                format!("노드 {}: {}", n.name, parts.join(", "))
            } else {
                format!("Node {}: {}", n.name, parts.join(", "))
            }
        }
        Check::StaticPod(p) => match (p.absent, ko) {
            (false, false) => format!(
                "Static pod {} runs on {} (mirror pod {}-{})",
                p.name, p.node, p.name, p.node
            ),
            (false, true) => format!(
                "{}에서 스태틱 파드 {} 실행 중 (미러 파드 {}-{})",
                p.node, p.name, p.name, p.node
            ),
            (true, false) => format!("No static pod {} on {}", p.name, p.node),
            (true, true) => format!("{}에 스태틱 파드 {}이(가) 없음", p.node, p.name),
        },
        Check::Object(o) => {
            let mut what = format!("{}/{}", o.kind, o.name);
            if let Some(l) = &o.label {
                what.push_str(&if ko {
                    format!(" 레이블 {l}")
                } else {
                    format!(" label {l}")
                });
            }
            if let Some(a) = &o.annotation {
                what.push_str(&if ko {
                    format!(" 애너테이션 {a}")
                } else {
                    format!(" annotation {a}")
                });
            }
            match (o.absent, ko) {
                (false, false) => format!("{what} exists"),
                (false, true) => format!("{what} 있음"),
                (true, false) => format!("{what} is gone"),
                (true, true) => format!("{what} 없음"),
            }
        }
        Check::Command(c) => {
            if ko {
                format!("`{}` 출력이 /{}/ 와 일치", c.run, c.matches)
            } else {
                format!("`{}` prints /{}/", c.run, c.matches)
            }
        }
    }
}

fn pod_matches(p: &PodCheck, pod: &Value, now: i64) -> bool {
    let (ready, status, restarts) = crate::printers::get::pod_status(pod, now);
    if let Some(st) = &p.status {
        if &status != st {
            return false;
        }
    }
    if let Some(img) = &p.image {
        if s(pod, "/spec/containers/0/image") != img {
            return false;
        }
    }
    if let Some(n) = &p.node {
        if s(pod, "/spec/nodeName") != n {
            return false;
        }
    }
    if let Some(want) = p.ready {
        let all = ready
            .split_once('/')
            .is_some_and(|(a, b)| a == b && a != "0");
        if all != want {
            return false;
        }
    }
    if let Some(l) = &p.label {
        if !has_pair(pod.at("/metadata/labels"), l) {
            return false;
        }
    }
    if let Some(min) = p.min_restarts {
        let n: i64 = restarts
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        if n < min {
            return false;
        }
    }
    true
}

fn deleting(v: &Value) -> bool {
    v.at("/metadata/deletionTimestamp").is_some()
}

/// Evaluates a declarative check over the cluster. `Command` checks are not declarative: this
/// returns `None` for them (the session runs them).
pub fn evaluate(check: &Check, cluster: &Cluster) -> Option<bool> {
    let api = &cluster.api;
    let now = cluster.now();
    Some(match check {
        Check::Pod(p) => {
            let pods = rt("pods");
            let found: Vec<&Value> = api
                .for_each(pods, Some(&p.namespace))
                .filter(|pod| {
                    let name = s(pod, "/metadata/name");
                    match &p.prefix {
                        Some(pre) => name.starts_with(pre.as_str()),
                        None => name == p.name,
                    }
                })
                .filter(|pod| !deleting(pod) || p.status.as_deref() == Some("Terminating"))
                .collect();
            if p.absent {
                found.is_empty()
            } else {
                let ok = found.iter().filter(|pod| pod_matches(p, pod, now)).count();
                match p.count {
                    Some(n) => ok == n && found.len() == n,
                    None => ok > 0,
                }
            }
        }
        Check::File(f) => {
            let content = cluster
                .node_fs
                .get(&f.node)
                .and_then(|fs| fs.read(&f.path).ok());
            match (f.absent, content) {
                (true, c) => c.is_none(),
                (false, None) => false,
                (false, Some(c)) => match &f.matches {
                    Some(m) => regex(m).is_some_and(|r| r.is_match(&c)),
                    None => true,
                },
            }
        }
        Check::Deployment(d) => {
            let obj = api.get(rt("deployments.apps"), &d.namespace, &d.name).ok();
            match (d.absent, obj) {
                (true, o) => o.is_none(),
                (false, None) => false,
                (false, Some(o)) => {
                    let num = |ptr: &str| o.at(ptr).and_then(Value::as_i64).unwrap_or(0);
                    d.replicas.is_none_or(|r| num("/spec/replicas") == r)
                        && d.ready_replicas
                            .is_none_or(|r| num("/status/readyReplicas") == r)
                        && d.image
                            .as_ref()
                            .is_none_or(|i| s(&o, "/spec/template/spec/containers/0/image") == i)
                }
            }
        }
        Check::Service(sv) => {
            let obj = api.get(rt("services"), &sv.namespace, &sv.name).ok();
            match (sv.absent, obj) {
                (true, o) => o.is_none(),
                (false, None) => false,
                (false, Some(o)) => {
                    let type_ok = sv.type_.as_ref().is_none_or(|t| {
                        let have = s(&o, "/spec/type");
                        (if have.is_empty() { "ClusterIP" } else { have }) == t
                    });
                    type_ok
                        && sv
                            .endpoints
                            .is_none_or(|want| service_has_endpoints(cluster, &o) == want)
                }
            }
        }
        Check::Node(n) => {
            let Ok(node) = api.get(rt("nodes"), "", &n.name) else {
                return Some(false);
            };
            let cordoned = node
                .at("/spec/unschedulable")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let taints: Vec<&str> = node
                .at("/spec/taints")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(|t| s(t, "/key")).collect())
                .unwrap_or_default();
            n.cordoned.is_none_or(|c| c == cordoned)
                && n.taint
                    .as_ref()
                    .is_none_or(|t| taints.contains(&t.as_str()))
                && n.no_taint
                    .as_ref()
                    .is_none_or(|t| !taints.contains(&t.as_str()))
                && n.label
                    .as_ref()
                    .is_none_or(|l| has_pair(node.at("/metadata/labels"), l))
        }
        Check::StaticPod(p) => {
            let mirror = format!("{}-{}", p.name, p.node);
            let pod = api.get(rt("pods"), &p.namespace, &mirror).ok();
            let is_mirror = pod.as_ref().is_some_and(|pod| {
                pod.at("/metadata/annotations/kubernetes.io~1config.mirror")
                    .is_some()
                    && s(pod, "/spec/nodeName") == p.node
            });
            if p.absent {
                !is_mirror
            } else {
                is_mirror
            }
        }
        Check::Object(o) => {
            let Some(t) = resolve(&o.kind) else {
                return Some(false);
            };
            let obj = api
                .get(t, &o.namespace, &o.name)
                .ok()
                .filter(|v| !deleting(v));
            match (o.absent, obj) {
                (true, v) => v.is_none(),
                (false, None) => false,
                (false, Some(v)) => {
                    o.label
                        .as_ref()
                        .is_none_or(|l| has_pair(v.at("/metadata/labels"), l))
                        && o.annotation
                            .as_ref()
                            .is_none_or(|a| has_pair(v.at("/metadata/annotations"), a))
                }
            }
        }
        Check::Command(_) => return None,
    })
}

/// Whether a command check's output passes.
pub fn command_output_matches(check: &CommandCheck, stdout: &str) -> bool {
    regex(&check.matches).is_some_and(|r| r.is_match(stdout))
}

/// A Service has endpoints when a ready, running pod in its namespace matches its selector.
fn service_has_endpoints(cluster: &Cluster, svc: &Value) -> bool {
    let Some(selector) = svc.at("/spec/selector").and_then(Value::as_object) else {
        return false;
    };
    if selector.is_empty() {
        return false;
    }
    let ns = s(svc, "/metadata/namespace");
    let now = cluster.now();
    cluster.api.for_each(rt("pods"), Some(ns)).any(|pod| {
        let labels = pod.at("/metadata/labels");
        let selected = selector
            .iter()
            .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v));
        let (ready, status, _) = crate::printers::get::pod_status(pod, now);
        selected
            && !deleting(pod)
            && status == "Running"
            && ready.split_once('/').is_some_and(|(a, b)| a == b)
    })
}

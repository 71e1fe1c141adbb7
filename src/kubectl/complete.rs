//! What Tab offers after `kubectl`, as kubectl's own `__complete` does for bash-completion:
//! flags of the subcommand, namespaces after `-n`, resource types, and the names of live
//! objects in the namespace the line names (`-n`, `--namespace`, else the context's).

use super::{commands, KubeConfig, GLOBAL_FLAGS};
use crate::sim::resources::{resolve, ResourceType};
use crate::sim::Cluster;

/// Verbs whose first argument is a resource type (or `type/name`); the shell completes the
/// types from this list too.
pub const TAKES_RESOURCE: &[&str] = &[
    "get",
    "describe",
    "delete",
    "edit",
    "label",
    "annotate",
    "patch",
    "explain",
    "scale",
    "wait",
    "autoscale",
    "expose",
];
/// Verbs whose first argument is a pod.
const TAKES_POD: &[&str] = &["logs", "exec", "attach", "port-forward", "debug"];
/// Verbs whose first argument is a node.
const TAKES_NODE: &[&str] = &["cordon", "uncordon", "drain", "taint"];

/// The names of the live objects of `rt`, as `prefix` + name.
fn names(cluster: &Cluster, rt: &ResourceType, ns: Option<&str>, prefix: &str) -> Vec<String> {
    cluster
        .api
        .for_each(rt, ns)
        .map(|o| format!("{prefix}{}", crate::sim::object::name(o)))
        .collect()
}

/// Flags that take a value in the next word (`-n kube-system`, `-o wide`…).
fn takes_value(flag: &str, verb: Option<&str>) -> bool {
    let (long, short) = match flag.strip_prefix("--") {
        Some(l) => (Some(l), None),
        None => (None, flag.strip_prefix('-').and_then(|s| s.chars().last())),
    };
    let verb_flags = verb
        .and_then(|v| commands().into_iter().find(|c| c.name == v))
        .map_or(&[][..], |c| c.flags);
    GLOBAL_FLAGS.iter().chain(verb_flags).any(|f| {
        (long == Some(f.name) || short.is_some() && f.short == short)
            && f.kind.no_opt_default().is_none()
    })
}

/// The candidates for `word` after the words `before` of a kubectl command line
/// (`before[0]` is `kubectl`); None when kubectl has none to offer (subcommands and resource
/// types are the shell's lists; a file name).
pub fn candidates(
    before: &[&str],
    word: &str,
    cluster: &Cluster,
    config: &KubeConfig,
) -> Option<Vec<String>> {
    let mut positionals: Vec<&str> = Vec::new();
    let mut ns: Option<String> = None;
    let mut all_ns = false;
    let mut i = 1;
    let mut value_for: Option<&str> = None;
    while i < before.len() {
        let a = before[i];
        i += 1;
        if a.starts_with('-') && a.len() > 1 {
            if let Some(v) = a.strip_prefix("--namespace=") {
                ns = Some(v.to_string());
            } else if a == "-A" || a == "--all-namespaces" {
                all_ns = true;
            } else if let Some(v) = a
                .strip_prefix("-n")
                .filter(|v| !v.is_empty() && !a.starts_with("--"))
            {
                ns = Some(v.trim_start_matches('=').to_string());
            } else if !a.contains('=') && takes_value(a, positionals.first().copied()) {
                match before.get(i) {
                    Some(v) => {
                        if a == "-n" || a == "--namespace" {
                            ns = Some(v.to_string());
                        }
                        i += 1;
                    }
                    None => value_for = Some(a),
                }
            }
        } else {
            positionals.push(a);
        }
    }
    let ns = ns.unwrap_or_else(|| {
        if config.namespace.is_empty() {
            "default".to_string()
        } else {
            config.namespace.clone()
        }
    });
    let ns_filter = (!all_ns).then_some(ns.as_str());
    let verb = positionals.first().copied();
    let mut out: Vec<String> = match value_for {
        Some("-n" | "--namespace") => names(cluster, resolve("namespaces")?, None, ""),
        Some("-o" | "--output") => [
            "custom-columns=",
            "go-template=",
            "json",
            "jsonpath=",
            "name",
            "wide",
            "yaml",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        Some(_) => return None,
        None if word.starts_with('-') => {
            let verb_flags = verb
                .and_then(|v| commands().into_iter().find(|c| c.name == v))
                .map_or(&[][..], |c| c.flags);
            verb_flags
                .iter()
                .chain(GLOBAL_FLAGS)
                .map(|f| format!("--{}", f.name))
                .collect()
        }
        None => match (verb, positionals.len()) {
            (None, _) => return None,
            (Some(v), 1) if TAKES_RESOURCE.contains(&v) => match word.split_once('/') {
                Some((ty, _)) => names(cluster, resolve(ty)?, ns_filter, &format!("{ty}/")),
                // Resource types: the shell's list.
                None => return None,
            },
            (Some(v), n) if TAKES_RESOURCE.contains(&v) && n >= 2 => {
                // `get pods,svc NAME` has no completion; `get pod NAME…` does.
                let rt = resolve(positionals[1]).filter(|_| !positionals[1].contains(','))?;
                names(cluster, rt, ns_filter, "")
            }
            (Some(v), 1) if TAKES_POD.contains(&v) => {
                names(cluster, resolve("pods")?, ns_filter, "")
            }
            (Some(v), 1) if TAKES_NODE.contains(&v) => names(cluster, resolve("nodes")?, None, ""),
            (Some("top"), 1) => vec!["node".into(), "pod".into()],
            (Some("top"), 2) => match positionals[1] {
                "node" | "nodes" | "no" => names(cluster, resolve("nodes")?, None, ""),
                _ => names(cluster, resolve("pods")?, ns_filter, ""),
            },
            (Some("rollout"), 1) => ["history", "pause", "restart", "resume", "status", "undo"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            (Some("rollout"), 2) => match word.split_once('/') {
                Some((ty, _)) => names(cluster, resolve(ty)?, ns_filter, &format!("{ty}/")),
                None => vec![
                    "daemonset".into(),
                    "deployment".into(),
                    "statefulset".into(),
                ],
            },
            (Some("rollout"), 3) => names(cluster, resolve(positionals[2])?, ns_filter, ""),
            _ => return None,
        },
    };
    out.retain(|c| c.starts_with(word));
    crate::sorting::SharedSort::sort_shared(&mut out[..]);
    out.dedup();
    Some(out)
}

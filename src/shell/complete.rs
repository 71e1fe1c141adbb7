//! Tab completion: command names in command position, kubectl subcommands and resource types,
//! and paths everywhere else.

use super::builtins;
use super::{Shell, System};
use crate::sorting::SharedSort;
use crate::vfs::normalize;

/// What Tab does to a line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The line with its last word completed as far as it is unambiguous (a unique command or
    /// file gets a trailing space, a directory a trailing `/`).
    pub line: String,
    /// When several names fit: all of them, sorted (what bash lists on a second Tab).
    pub candidates: Vec<String>,
}

/// External commands a session may provide (asked through `System::has_external`).
const KNOWN_EXTERNALS: &[&str] = &[
    "kubectl",
    "help",
    "kubeadm",
    "kubelet",
    "crictl",
    "etcdctl",
    "kubeadm",
    "etcdctl",
    "kubeadm",
    "systemctl",
    "journalctl",
    "ssh",
    "vi",
    "vim",
    "nano",
    "jq",
    "yq",
    "watch",
    "helm",
    "curl",
    "wget",
    "ping",
    "nslookup",
    "ip",
    "ps",
    "top",
    "free",
];

const KUBECTL_SUBCOMMANDS: &[&str] = &[
    "annotate",
    "api-resources",
    "api-versions",
    "apply",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "create",
    "debug",
    "delete",
    "describe",
    "diff",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "label",
    "logs",
    "patch",
    "port-forward",
    "proxy",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
    "wait",
];

const KUBECTL_RESOURCES: &[&str] = &[
    "all",
    "clusterrolebindings",
    "clusterroles",
    "configmaps",
    "cronjobs",
    "daemonsets",
    "deployments",
    "endpoints",
    "events",
    "horizontalpodautoscalers",
    "ingresses",
    "jobs",
    "leases",
    "limitranges",
    "namespaces",
    "networkpolicies",
    "nodes",
    "persistentvolumeclaims",
    "persistentvolumes",
    "poddisruptionbudgets",
    "pods",
    "priorityclasses",
    "replicasets",
    "resourcequotas",
    "rolebindings",
    "roles",
    "secrets",
    "serviceaccounts",
    "services",
    "statefulsets",
    "storageclasses",
];

use crate::kubectl::complete::TAKES_RESOURCE;

fn common_prefix(v: &[String]) -> String {
    let Some(first) = v.first() else {
        return String::new();
    };
    let mut end = first.len();
    for s in &v[1..] {
        end = end.min(
            first
                .bytes()
                .zip(s.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while end > 0 && !first.is_char_boundary(end) {
        end -= 1;
    }
    first[..end].to_string()
}

impl Shell {
    /// Complete the last word of `line` (the cursor is at its end).
    pub fn complete(&self, line: &str, sys: &mut dyn System) -> Completion {
        let start = line
            .rfind(|c: char| {
                c.is_whitespace() || matches!(c, '|' | ';' | '&' | '<' | '>' | '(' | '`' | '=')
            })
            .map(|p| p + 1)
            .unwrap_or(0);
        let word = &line[start..];
        let before = line[..start].trim_end();
        let command_position = before.is_empty()
            || before.ends_with('|')
            || before.ends_with(';')
            || before.ends_with('&')
            || before.ends_with('(')
            || before.ends_with('`')
            || matches!(
                before.rsplit(char::is_whitespace).next(),
                Some("then" | "do" | "else" | "sudo" | "time" | "xargs" | "watch")
            );
        // Words of the current simple command, for kubectl.
        let cmd_start = before
            .rfind(['|', ';', '&', '('])
            .map(|p| p + 1)
            .unwrap_or(0);
        let words: Vec<&str> = before[cmd_start..].split_whitespace().collect();
        let mut first = words.first().copied().unwrap_or("");
        if let Some(a) = self.aliases.get(first) {
            first = a.split_whitespace().next().unwrap_or("");
        }
        let mut names: Vec<String> = Vec::new();
        let mut is_path = false;
        // The command's own completion (kubectl's live names, flags, namespaces).
        let external = if command_position || first != "kubectl" {
            None
        } else {
            let mut resolved: Vec<&str> = vec!["kubectl"];
            if let Some(a) = self.aliases.get(words[0]) {
                resolved.extend(a.split_whitespace().skip(1));
            }
            resolved.extend(&words[1..]);
            sys.complete_external(&resolved, word)
        };
        if let Some(found) = external {
            names = found;
        } else if command_position && !word.contains('/') {
            let mut set: Vec<String> = Vec::new();
            for n in builtins::all_names() {
                set.push(n.to_string());
            }
            for n in KNOWN_EXTERNALS {
                if sys.has_external(n) {
                    set.push(n.to_string());
                }
            }
            set.extend(self.aliases.keys().cloned());
            set.extend(self.functions.keys().cloned());
            set.retain(|n| n.starts_with(word));
            set.sort_shared();
            set.dedup();
            names = set;
        } else if first == "kubectl"
            && !word.starts_with('-')
            && !word.contains('/')
            && words.len() == 1
        {
            names = KUBECTL_SUBCOMMANDS
                .iter()
                .filter(|s| s.starts_with(word))
                .map(|s| s.to_string())
                .collect();
        } else if first == "kubectl"
            && !word.starts_with('-')
            && !word.contains('/')
            && words.len() == 2
            && TAKES_RESOURCE.contains(&words[1])
        {
            names = KUBECTL_RESOURCES
                .iter()
                .filter(|s| s.starts_with(word))
                .map(|s| s.to_string())
                .collect();
        } else {
            is_path = true;
            let (dir_part, base) = match word.rfind('/') {
                Some(p) => (&word[..=p], &word[p + 1..]),
                None => ("", word),
            };
            let dir = if dir_part.is_empty() {
                self.cwd.clone()
            } else {
                normalize(&self.cwd, dir_part)
            };
            if let Ok(entries) = sys.fs().list(&dir) {
                for e in entries {
                    if !e.name.starts_with(base)
                        || (e.name.starts_with('.') && !base.starts_with('.'))
                    {
                        continue;
                    }
                    names.push(format!(
                        "{dir_part}{}{}",
                        e.name,
                        if e.is_dir { "/" } else { "" }
                    ));
                }
            }
        }
        let prefix = &line[..start];
        match names.len() {
            0 => Completion {
                line: line.to_string(),
                candidates: Vec::new(),
            },
            1 => {
                let n = &names[0];
                let space = if n.ends_with('/') { "" } else { " " };
                Completion {
                    line: format!("{prefix}{n}{space}"),
                    candidates: Vec::new(),
                }
            }
            _ => {
                let lcp = common_prefix(&names);
                let shown: Vec<String> = if is_path {
                    // bash lists the last path component only.
                    names
                        .iter()
                        .map(|n| {
                            let t = n.trim_end_matches('/');
                            let base = t.rsplit('/').next().unwrap_or(t);
                            if n.ends_with('/') {
                                format!("{base}/")
                            } else {
                                base.to_string()
                            }
                        })
                        .collect()
                } else {
                    names.clone()
                };
                Completion {
                    line: format!(
                        "{prefix}{}",
                        if lcp.len() > word.len() {
                            lcp
                        } else {
                            word.to_string()
                        }
                    ),
                    candidates: shown,
                }
            }
        }
    }
}

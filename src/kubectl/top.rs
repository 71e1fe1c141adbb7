//! `kubectl top node|pod`: CPU and memory use, from the Metrics API.
//!
//! The Metrics API is served by metrics-server, which **kubeadm does not install**: on a fresh
//! playground cluster `kubectl top` says `error: Metrics API not available`, as on a real one.
//! Deploying metrics-server (a pod labelled `k8s-app=metrics-server` in `kube-system`, as the
//! project's `components.yaml` makes) brings the API up. Like the real one on kubeadm, it only
//! becomes ready with `--kubelet-insecure-tls` (the kubelets' serving certificates are
//! self-signed); until it is ready the API answers `ServiceUnavailable`. Once ready it scrapes
//! every 15 s, so metrics show up 15 s after it and after each pod started. The numbers come
//! from the kubelets' resource model (`Kubelet::pod_usage`).

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::groups::{Child, Group};
use super::{Command, Ctx};
use crate::printers::tabwriter::TabWriter;
use crate::shell::Io;
use crate::sim::clock::{parse_rfc3339, TimeMs};
use crate::sim::labels::Selector;
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;

/// metrics-server's `--metric-resolution`: a scrape every 15 s.
const SCRAPE_MS: TimeMs = 15_000;
/// kubectl's `metricsCreationDelay`: pods younger than this may have no metrics yet.
const METRICS_CREATION_DELAY_MS: TimeMs = 120_000;

pub static COMMAND: Command = Command {
    name: "top",
    about: "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.",
    examples: "",
    usage: "kubectl top [flags] [options]",
    flags: &[],
    run: |_, _, io| {
        io.err(GROUP_HELP);
        1
    },
};

/// `kubectl top`: a group of `node` and `pod`.
pub static GROUP: Group = Group {
    path: "top",
    about: "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.",
    usage: "kubectl top [flags] [options]",
    aliases: &[],
    runs: false,
    children: &[
        Child {
            names: &["node", "nodes", "no"],
            short: "Display resource (CPU/memory) usage of nodes",
            command: &NODE,
        },
        Child {
            names: &["pod", "pods", "po"],
            short: "Display resource (CPU/memory) usage of pods",
            command: &POD,
        },
    ],
};

pub static NODE: Command = Command {
    name: "node",
    about: "Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.",
    examples: "  # Every node\n  kubectl top node\n  \n  # One node\n  kubectl top node NODE_NAME",
    usage: "kubectl top node [NAME | -l label] [options]",
    flags: NODE_FLAGS,
    run: |ctx, p, io| {
        let names: Vec<String> = p.args();
        top_node(ctx, p, &names, io)
    },
};

pub static POD: Command = Command {
    name: "pod",
    about: "Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.",
    examples: "  # The pods of the current namespace\n  kubectl top pod\n  \n  # The pods of another namespace\n  kubectl top pod --namespace=NAMESPACE\n  \n  # One pod and its containers\n  kubectl top pod POD_NAME --containers\n  \n  # The pods labelled name=myLabel\n  kubectl top pod -l name=myLabel",
    usage: "kubectl top pod [NAME | -l label] [options]",
    flags: POD_FLAGS,
    run: |ctx, p, io| {
        let names: Vec<String> = p.args();
        top_pod(ctx, p, &names, io)
    },
};

pub const NODE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "If present, print output without headers"),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-capacity", None, FlagKind::Bool, "false", "Print node resources based on Capacity instead of Allocatable(default) of the nodes."),
    FlagSpec::new("sort-by", None, FlagKind::String, "", "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'."),
    FlagSpec::new("use-protocol-buffers", None, FlagKind::Bool, "true", "Enables using protocol-buffers to access Metrics API."),
];

pub const POD_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    FlagSpec::new("containers", None, FlagKind::Bool, "false", "If present, print usage of containers within a pod."),
    FlagSpec::new("field-selector", None, FlagKind::String, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "If present, print output without headers."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("sort-by", None, FlagKind::String, "", "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'."),
    FlagSpec::new("sum", None, FlagKind::Bool, "false", "Print the sum of the resource usage"),
    FlagSpec::new("use-protocol-buffers", None, FlagKind::Bool, "true", "Enables using protocol-buffers to access Metrics API."),
];

const GROUP_HELP: &str = "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse \"kubectl top <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

/// A pod's metrics: namespace, name, and (container, millicores, bytes) per container.
type PodMetrics = (String, String, Vec<(String, i64, i64)>);

/// Where the Metrics API stands.
enum MetricsApi {
    NotInstalled,
    /// Deployed but not ready: the aggregated API answers 503.
    Unavailable,
    /// Ready since then.
    Ready(TimeMs),
}

fn metrics_api(ctx: &Ctx) -> MetricsApi {
    let mut installed = false;
    let mut ready: Option<TimeMs> = None;
    for p in ctx.cluster.api.for_each(rt("pods"), None) {
        if object::labels(p).get("k8s-app").and_then(Value::as_str) != Some("metrics-server") {
            continue;
        }
        installed = true;
        if let Some(c) = p
            .at("/status/conditions")
            .and_then(Value::as_array)
            .and_then(|cs| {
                cs.iter()
                    .find(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
            })
        {
            let t = parse_rfc3339(str_at(c, "/lastTransitionTime")).unwrap_or(0);
            ready = Some(ready.map_or(t, |r: TimeMs| r.min(t)));
        }
    }
    match (installed, ready) {
        (false, _) => MetricsApi::NotInstalled,
        (true, None) => MetricsApi::Unavailable,
        (true, Some(t)) => MetricsApi::Ready(t),
    }
}

/// `NAME\tCPU…\t` rows laid out as the top printer does (every cell ends with a tab, so the
/// last column is padded too).
fn table(rows: &[Vec<String>]) -> String {
    let mut tw = TabWriter::for_get();
    for r in rows {
        for cell in r {
            tw.write(cell);
            tw.write("\t");
        }
        tw.write("\n");
    }
    tw.flush()
}

fn mi(bytes: i64) -> String {
    format!("{}Mi", bytes / (1024 * 1024))
}

/// Go's `time.Duration.String()` of milliseconds.
fn go_duration(ms: TimeMs) -> String {
    super::flags::format_go_duration(ms.saturating_mul(1_000_000))
}

fn quantity_m(q: &str) -> i64 {
    if let Some(m) = q.strip_suffix('m') {
        return m.parse().unwrap_or(0);
    }
    q.parse::<f64>().map(|c| (c * 1000.0) as i64).unwrap_or(0)
}

fn quantity_bytes(q: &str) -> i64 {
    let units: [(&str, i64); 6] = [
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("k", 1000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
    ];
    for (u, mul) in units {
        if let Some(n) = q.strip_suffix(u) {
            return n.parse::<i64>().unwrap_or(0).saturating_mul(mul);
        }
    }
    q.parse().unwrap_or(0)
}

fn check_sort(p: &Parsed, io: &mut Io) -> Option<String> {
    let s = p.get_string("sort-by");
    if !s.is_empty() && s != "cpu" && s != "memory" {
        io.err("error: --sort-by accepts only cpu or memory\n");
        return None;
    }
    Some(s)
}

fn top_node(ctx: &mut Ctx, p: &Parsed, names: &[String], io: &mut Io) -> i32 {
    let Some(sort) = check_sort(p, io) else {
        return 1;
    };
    let selector = p.get_string("selector");
    if !names.is_empty() && !selector.is_empty() {
        io.err("error: only one of NAME or --selector can be provided\n");
        return 1;
    }
    let sel = match Selector::parse(&selector) {
        Ok(s) => s,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let since = match metrics_api(ctx) {
        MetricsApi::NotInstalled => {
            io.err("error: Metrics API not available\n");
            return 1;
        }
        MetricsApi::Unavailable => {
            io.err("Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n");
            return 1;
        }
        MetricsApi::Ready(t) => t,
    };
    let now = ctx.cluster.now();
    let scraped = now >= since + SCRAPE_MS;
    let mut nodes: Vec<Value> = ctx
        .cluster
        .api
        .list(rt("nodes"), None)
        .into_iter()
        .filter(|n| sel.matches(&object::labels(n)))
        .collect();
    if let Some(name) = names.first() {
        nodes.retain(|n| object::name(n) == name);
        if nodes.is_empty() || !scraped {
            io.err(format!(
                "Error from server (NotFound): nodemetrics.metrics.k8s.io \"{name}\" not found\n"
            ));
            return 1;
        }
    }
    if !scraped {
        io.err("error: metrics not available yet\n");
        return 1;
    }
    if nodes.is_empty() {
        io.err("No resources found\n");
        return 0;
    }
    let pods: Vec<Value> = ctx.cluster.api.list(rt("pods"), None);
    let capacity = p.get_bool("show-capacity");
    let mut rows: Vec<(String, i64, i64, i64, i64)> = vec![];
    for n in &nodes {
        let name = object::name(n).to_string();
        let Some(k) = ctx.cluster.kubelets.iter().find(|k| k.node_name() == name) else {
            continue;
        };
        let (mut cpu, mut mem) = k.system_usage(now);
        for pod in pods.iter().filter(|p| str_at(p, "/spec/nodeName") == name) {
            if let Some((_, usage)) = ctx.cluster.pod_usage(pod) {
                for (_, c, m) in usage {
                    cpu += c;
                    mem += m;
                }
            }
        }
        let which = if capacity { "capacity" } else { "allocatable" };
        let cpu_total = quantity_m(str_at(n, &format!("/status/{which}/cpu")));
        let mem_total = quantity_bytes(str_at(n, &format!("/status/{which}/memory")));
        rows.push((name, cpu, mem, cpu_total, mem_total));
    }
    match sort.as_str() {
        "cpu" => rows.sort_shared_by_key(|r| std::cmp::Reverse(r.1)),
        "memory" => rows.sort_shared_by_key(|r| std::cmp::Reverse(r.2)),
        _ => rows.sort_shared_by(|a, b| a.0.cmp(&b.0)),
    }
    let mut table_rows = vec![];
    if !p.get_bool("no-headers") {
        table_rows.push(
            ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
    }
    for (name, cpu, mem, cpu_total, mem_total) in rows {
        let pct = |v: i64, t: i64| {
            if t > 0 {
                (v as f64 / t as f64 * 100.0) as i64
            } else {
                0
            }
        };
        table_rows.push(vec![
            name,
            format!("{cpu}m"),
            format!("{}%", pct(cpu, cpu_total)),
            mi(mem),
            format!("{}%", pct(mem, mem_total)),
        ]);
    }
    io.out(table(&table_rows));
    0
}

fn top_pod(ctx: &mut Ctx, p: &Parsed, names: &[String], io: &mut Io) -> i32 {
    let Some(sort) = check_sort(p, io) else {
        return 1;
    };
    let selector = p.get_string("selector");
    let field = p.get_string("field-selector");
    if !names.is_empty() && (!selector.is_empty() || !field.is_empty()) {
        io.err("error: only one of NAME or selector can be provided\n");
        return 1;
    }
    let sel = match Selector::parse(&selector) {
        Ok(s) => s,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let since = match metrics_api(ctx) {
        MetricsApi::NotInstalled => {
            io.err("error: Metrics API not available\n");
            return 1;
        }
        MetricsApi::Unavailable => {
            io.err("Error from server (ServiceUnavailable): the server is currently unable to handle the request (get pods.metrics.k8s.io)\n");
            return 1;
        }
        MetricsApi::Ready(t) => t,
    };
    let now = ctx.cluster.now();
    let all = p.get_bool("all-namespaces");
    let ns = ctx.namespace(p);
    let mut pods: Vec<Value> = ctx
        .cluster
        .api
        .list(rt("pods"), if all { None } else { Some(&ns) })
        .into_iter()
        .filter(|p| sel.matches(&object::labels(p)))
        .collect();
    if let Some(name) = names.first() {
        pods.retain(|p| object::name(p) == name);
    }
    // The metrics metrics-server has: pods whose containers ran through one scrape.
    let mut metrics: Vec<PodMetrics> = vec![];
    for pod in &pods {
        let Some((running_since, usage)) = ctx.cluster.pod_usage(pod) else {
            continue;
        };
        if usage.is_empty() || now < running_since.max(since) + SCRAPE_MS {
            continue;
        }
        metrics.push((
            object::namespace(pod).to_string(),
            object::name(pod).to_string(),
            usage,
        ));
    }
    if let Some(name) = names.first() {
        if metrics.is_empty() {
            io.err(format!(
                "Error from server (NotFound): podmetrics.metrics.k8s.io \"{ns}/{name}\" not found\n"
            ));
            return 1;
        }
    }
    if metrics.is_empty() {
        if !pods.is_empty() {
            for pod in &pods {
                let created =
                    parse_rfc3339(str_at(pod, "/metadata/creationTimestamp")).unwrap_or(now);
                let age = now - created;
                if age > METRICS_CREATION_DELAY_MS {
                    io.err(format!(
                        "error: Metrics not available for pod {}/{}, age: {}\n",
                        object::namespace(pod),
                        object::name(pod),
                        go_duration(age)
                    ));
                    return 1;
                }
            }
            io.err("error: metrics not available yet\n");
            return 1;
        }
        if all {
            io.err("No resources found\n");
        } else {
            io.err(format!("No resources found in {ns} namespace.\n"));
        }
        return 0;
    }
    let total = |u: &[(String, i64, i64)]| {
        u.iter()
            .fold((0, 0), |(c, m), (_, cc, mm)| (c + cc, m + mm))
    };
    match sort.as_str() {
        "cpu" => metrics.sort_shared_by_key(|m| std::cmp::Reverse(total(&m.2).0)),
        "memory" => metrics.sort_shared_by_key(|m| std::cmp::Reverse(total(&m.2).1)),
        _ => metrics.sort_shared_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1))),
    }
    let containers = p.get_bool("containers");
    let mut rows: Vec<Vec<String>> = vec![];
    if !p.get_bool("no-headers") {
        let mut h = vec![];
        if all {
            h.push("NAMESPACE".to_string());
        }
        if containers {
            h.push("POD".to_string());
        }
        h.extend(
            ["NAME", "CPU(cores)", "MEMORY(bytes)"]
                .iter()
                .map(|s| s.to_string()),
        );
        rows.push(h);
    }
    let (mut sum_cpu, mut sum_mem) = (0, 0);
    for (pns, pname, usage) in &metrics {
        let (c, m) = total(usage);
        sum_cpu += c;
        sum_mem += m;
        if containers {
            let mut usage = usage.clone();
            match sort.as_str() {
                "cpu" => usage.sort_shared_by_key(|u| std::cmp::Reverse(u.1)),
                "memory" => usage.sort_shared_by_key(|u| std::cmp::Reverse(u.2)),
                _ => usage.sort_shared_by(|a, b| a.0.cmp(&b.0)),
            }
            for (cname, cc, mm) in usage {
                let mut r = vec![];
                if all {
                    r.push(pns.clone());
                }
                r.push(pname.clone());
                r.extend([cname, format!("{cc}m"), mi(mm)]);
                rows.push(r);
            }
        } else {
            let mut r = vec![];
            if all {
                r.push(pns.clone());
            }
            r.extend([pname.clone(), format!("{c}m"), mi(m)]);
            rows.push(r);
        }
    }
    if p.get_bool("sum") {
        let width = 3 + all as usize + containers as usize;
        let mut bar: Vec<String> = vec![String::new(); width - 2];
        bar.extend(["________".to_string(), "________".to_string()]);
        rows.push(bar);
        let mut line: Vec<String> = vec![String::new(); width - 3];
        line.extend([String::new(), format!("{sum_cpu}m"), mi(sum_mem)]);
        rows.push(line);
    }
    io.out(table(&rows));
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(quantity_m("2"), 2000);
        assert_eq!(quantity_m("250m"), 250);
        assert_eq!(quantity_bytes("1912564Ki"), 1912564 * 1024);
    }

    #[test]
    fn top_tables_pad_their_last_column() {
        let t = table(&[
            vec!["NAME".into(), "CPU(cores)".into(), "MEMORY(bytes)".into()],
            vec!["nginx".into(), "0m".into(), "4Mi".into()],
        ]);
        assert_eq!(
            t,
            "NAME    CPU(cores)   MEMORY(bytes)   \nnginx   0m           4Mi             \n"
        );
    }
}

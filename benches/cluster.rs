//! Benchmarks that print figures: `cargo bench --bench cluster` prints a table and writes it to
//! `docs/performance.md`. Sizes: set `BENCH_SIZES=1000,10000` (default `1000,10000,150000`);
//! a size whose setup takes longer than `BENCH_BUDGET_S` seconds (default 120) is reported as
//! such instead of blocking.
//!
//! Wall-clock time is read here, in the benchmark harness only — never in the core.

use std::time::{Duration, Instant};

use kube_playground::session::Session;
use kube_playground::sim::bootstrap::join_worker;
use kube_playground::sim::resources::rt;
use serde_json::json;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn deployment(name: &str, replicas: i64) -> serde_json::Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}
            }
        }
    })
}

struct Row {
    what: String,
    figure: String,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A session with enough worker nodes for `pods` pods (110 per node).
fn session_for(pods: usize) -> Session {
    let mut s = Session::new(0);
    // The page's bound on objects would stop the largest sizes.
    s.cluster.api.max_objects = pods * 4 + 10_000;
    let extra = pods / 100;
    for i in 0..extra {
        let index = 2 + i as u32;
        join_worker(
            &mut s.cluster,
            &format!("worker{:04}", i + 1),
            &format!("192.168.{}.{}", 2 + index / 250, 2 + index % 250),
            index,
        );
    }
    s
}

fn bench_size(n: usize, budget: Duration, rows: &mut Vec<Row>) {
    let t = Instant::now();
    let mut s = session_for(n);
    rows.push(Row {
        what: format!(
            "{n} pods: cluster with {} nodes ready",
            s.cluster.kubelets.len()
        ),
        figure: format!("{:.0} ms", ms(t.elapsed())),
    });

    // apply: create a Deployment of n replicas and let every pod start.
    let t = Instant::now();
    let _ = s.cluster.api.create(
        rt("deployments.apps"),
        "default",
        deployment("bench", n as i64),
    );
    s.cluster.settle();
    let created = ms(t.elapsed());
    if t.elapsed() > budget {
        rows.push(Row {
            what: format!("{n} pods: apply (create + settle)"),
            figure: format!("{created:.0} ms (over budget, stopped)"),
        });
        return;
    }
    let t = Instant::now();
    s.cluster.advance(10_000);
    let running = s
        .cluster
        .api
        .list(rt("pods"), Some("default"))
        .iter()
        .filter(|p| p.pointer("/status/phase").and_then(|v| v.as_str()) == Some("Running"))
        .count();
    rows.push(Row {
        what: format!("{n} pods: apply (create + settle)"),
        figure: format!("{created:.0} ms"),
    });
    rows.push(Row {
        what: format!("{n} pods: 10 s of cluster time until running ({running} running)"),
        figure: format!("{:.0} ms", ms(t.elapsed())),
    });

    // get: print every pod.
    let t = Instant::now();
    let out = s.run_line("kubectl get pods");
    let lines: usize = out
        .result
        .output
        .iter()
        .map(|c| match c {
            kube_playground::shell::TermChunk::Out(s) => s.lines().count(),
            _ => 0,
        })
        .sum();
    rows.push(Row {
        what: format!("{n} pods: kubectl get pods ({lines} lines)"),
        figure: format!("{:.0} ms", ms(t.elapsed())),
    });

    // get -A: the engine time of one `kubectl get pods -A` (the whole line: shell, kubectl,
    // printer), repeated on the converged cluster.
    let mut lat = vec![];
    for _ in 0..if n <= 10_000 { 41 } else { 5 } {
        let t = Instant::now();
        let _ = s.run_line("kubectl get pods -A");
        lat.push(ms(t.elapsed()));
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    rows.push(Row {
        what: format!("{n} pods: kubectl get pods -A, p50 of {}", lat.len()),
        figure: format!("{:.2} ms", percentile(&lat, 0.5)),
    });

    // scale: down to half, settle.
    let t = Instant::now();
    let _ = s
        .cluster
        .api
        .modify(rt("deployments.apps"), "default", "bench", |d| {
            d["spec"]["replicas"] = json!(n as i64 / 2)
        });
    s.cluster.settle();
    rows.push(Row {
        what: format!("{n} pods: scale to {} (settle)", n / 2),
        figure: format!("{:.0} ms", ms(t.elapsed())),
    });

    // idle tick: one page-clock tick with nothing to do.
    s.cluster.advance(60_000);
    let t = Instant::now();
    for _ in 0..100 {
        s.tick(250);
    }
    rows.push(Row {
        what: format!("{n} pods: idle tick (250 ms of cluster time)"),
        figure: format!("{:.3} ms", ms(t.elapsed()) / 100.0),
    });

    if n <= 1000 {
        let mut lat = vec![];
        for cmd in [
            "kubectl get pods",
            "kubectl get deploy",
            "kubectl get pods -A -o wide",
            "kubectl get nodes",
            "kubectl run x --image=nginx",
            "kubectl get pod x",
            "kubectl get pods -l app=bench",
        ]
        .iter()
        .cycle()
        .take(140)
        {
            let t = Instant::now();
            let _ = s.run_line(cmd);
            lat.push(ms(t.elapsed()));
        }
        lat.sort_by(|a, b| a.total_cmp(b));
        rows.push(Row {
            what: format!("{n} pods: command latency p50"),
            figure: format!("{:.2} ms", percentile(&lat, 0.5)),
        });
        rows.push(Row {
            what: format!("{n} pods: command latency p99"),
            figure: format!("{:.2} ms", percentile(&lat, 0.99)),
        });
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000, 10_000, 150_000]);
    let budget = Duration::from_secs(
        std::env::var("BENCH_BUDGET_S")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(120),
    );
    let mut rows = vec![];
    let t = Instant::now();
    let _ = Session::new(0);
    rows.push(Row {
        what: "session start (kubeadm cluster boot, native)".into(),
        figure: format!("{:.1} ms", ms(t.elapsed())),
    });
    for n in sizes {
        bench_size(n, budget, &mut rows);
    }
    let mut table = String::from("| measurement | figure |\n|---|---|\n");
    for r in &rows {
        table.push_str(&format!("| {} | {} |\n", r.what, r.figure));
    }
    print!("{table}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/performance.md");
    // The browser's figures (written by hand from the test command's output) stay.
    let browser = std::fs::read_to_string(path)
        .ok()
        .and_then(|d| d.find("\n## In the browser").map(|i| d[i..].to_string()))
        .unwrap_or_default();
    let doc = format!(
        "# Performance\n\nMeasured by `cargo bench --bench cluster` (native, release) on the project machine (2 cores). \
Browser figures (time to first prompt, download sizes) are printed by `bash scripts/test.sh`.\n\n{table}{browser}"
    );
    let _ = std::fs::write(path, doc);
}

//! `kubectl cluster-info`: the control plane and the `kubernetes.io/cluster-service` services
//! (CoreDNS) with kubectl's ANSI colours, which it prints even when piped
//! (`pkg/cmd/clusterinfo/clusterinfo.go`).

use super::flags::Parsed;
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::object::Pointer as _;
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "cluster-info",
    about: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    examples: "  # Print the address of the control plane and cluster services\n  kubectl cluster-info",
    usage: "kubectl cluster-info [flags] [options]",
    flags: &[],
    run,
};

/// The API server's address in the kubeconfig.
pub const SERVER: &str = "https://192.168.1.2:6443";

fn line(name: &str, url: &str) -> String {
    format!("\x1b[0;32m{name}\x1b[0m is running at \x1b[0;33m{url}\x1b[0m\n")
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if p.positionals().first().map(String::as_str) == Some("dump") {
        // A short dump: the nodes as JSON, as the real dump starts.
        let nodes = ctx.cluster.api.list(rt("nodes"), None);
        let list = serde_json::json!({"kind": "NodeList", "apiVersion": "v1", "metadata": {}, "items": nodes});
        io.out(crate::printers::json::to_json(&list));
        return 0;
    }
    let mut out = line("Kubernetes control plane", SERVER);
    let services = ctx.cluster.api.list(rt("services"), Some("kube-system"));
    for svc in &services {
        let labels = svc.at("/metadata/labels");
        if labels
            .and_then(|l| l.get("kubernetes.io/cluster-service"))
            .and_then(|v| v.as_str())
            != Some("true")
        {
            continue;
        }
        let name = svc
            .at("/metadata/name")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let shown = labels
            .and_then(|l| l.get("kubernetes.io/name"))
            .and_then(|v| v.as_str())
            .unwrap_or(name);
        let port = svc
            .at("/spec/ports/0")
            .map(|p| {
                p.get("name")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .unwrap_or_else(|| p.get("port").map(|v| v.to_string()).unwrap_or_default())
            })
            .unwrap_or_default();
        let link = if port.is_empty() {
            name.to_string()
        } else {
            format!("{name}:{port}")
        };
        out.push_str(&line(
            shown,
            &format!("{SERVER}/api/v1/namespaces/kube-system/services/{link}/proxy"),
        ));
    }
    out.push_str(
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    io.out(out);
    0
}

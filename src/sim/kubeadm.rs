//! `kubeadm` on a node of the kubeadm cluster: `version`, `token create` (a bootstrap
//! token Secret in kube-system, as the real one writes them) and `upgrade plan`. It talks to
//! the API server with `/etc/kubernetes/admin.conf`, so it needs that file and a serving API
//! server. Subcommands that change the cluster (`init`, `join`, `upgrade apply`, `certs`) say
//! they are not available.

use serde_json::json;

use super::clock::rfc3339;
use super::cluster::Cluster;
use super::resources::rt;
use crate::i18n::{Lang, Msg};
use crate::shell::Io;

const GIT: &str = "GitCommit:\"8f3800390d488f54f74111f22973059e133f9cba\", GitTreeState:\"clean\", BuildDate:\"2025-05-15T09:16:12Z\", GoVersion:\"go1.23.8\", Compiler:\"gc\", Platform:\"linux/amd64\"";
const ADMIN_CONF: &str = "/etc/kubernetes/admin.conf";
const TOKEN_GROUP: &str = "system:bootstrappers:kubeadm:default-node-token";
const STACK_HINT: &str = "To see the stack trace of this error execute with --v=5 or higher\n";

impl Cluster {
    /// Runs `kubeadm` on `node`.
    pub fn kubeadm(&mut self, node: &str, args: &[String], lang: Lang, io: &mut Io) -> i32 {
        let words: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .filter(|a| !a.starts_with('-'))
            .collect();
        let flag = |name: &str| {
            args.iter().enumerate().find_map(|(i, a)| {
                if a == name {
                    Some(args.get(i + 1).cloned().unwrap_or_default())
                } else {
                    a.strip_prefix(&format!("{name}=")).map(str::to_string)
                }
            })
        };
        let has = |name: &str| {
            args.iter()
                .any(|a| a == name || a.starts_with(&format!("{name}=")))
        };
        match words.as_slice() {
            ["version", ..] => {
                let v = crate::sim::KUBERNETES_VERSION;
                match flag("-o").or_else(|| flag("--output")).as_deref() {
                    Some("short") => io.out(format!("{v}\n")),
                    _ => io.out(format!(
                        "kubeadm version: &version.Info{{Major:\"1\", Minor:\"31\", GitVersion:\"{v}\", {GIT}}}\n"
                    )),
                }
                0
            }
            [] | ["help", ..] => {
                io.out(
                    "Usage:
  kubeadm [command]

Available Commands:
  certs       Commands related to handling kubernetes certificates
  token       Manage bootstrap tokens
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     Print the version of kubeadm
",
                );
                0
            }
            ["token", "create", ..] | ["upgrade", "plan", ..] => {
                if !self
                    .node_fs
                    .get(node)
                    .is_some_and(|fs| fs.is_file(ADMIN_CONF))
                {
                    io.err(format!(
                        "failed to load admin kubeconfig: open {ADMIN_CONF}: no such file or directory\n{STACK_HINT}"
                    ));
                    return 1;
                }
                if !self.apiserver_serving() {
                    io.err(format!(
                        "Get \"https://192.168.1.2:6443/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s\": dial tcp 192.168.1.2:6443: connect: connection refused\n{STACK_HINT}"
                    ));
                    return 1;
                }
                match words[..2] {
                    ["token", "create"] => {
                        let ttl = flag("--ttl").unwrap_or_else(|| "24h0m0s".into());
                        self.token_create(&ttl, has("--print-join-command"), io)
                    }
                    ["upgrade", "plan"] => {
                        let v = crate::sim::KUBERNETES_VERSION;
                        io.out(format!("[preflight] Running pre-flight checks.\n[upgrade/config] Reading configuration from the cluster...\n[upgrade/config] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n[upgrade/versions] Cluster version: {v}\n[upgrade/versions] kubeadm version: {v}\n"));
                        io.err(format!("{}could not fetch a Kubernetes version from the internet: unable to get URL \"https://dl.k8s.io/release/stable-1.txt\": Get \"https://dl.k8s.io/release/stable-1.txt\": dial tcp: lookup dl.k8s.io on 127.0.0.53:53: server misbehaving\n", crate::kubectl::builder::klog_prefix('W', self.now(), "version.go:104")));
                        io.out(format!("[upgrade/versions] Target version: {v}\n[upgrade/versions] Latest version in the v1.31 series: {v}\n\nAwesome, you're up-to-date! Enjoy!\n"));
                        0
                    }
                    _ => 1,
                }
            }
            ["init", ..]
            | ["join", ..]
            | ["reset", ..]
            | ["upgrade", "apply" | "node" | "diff", ..]
            | ["certs", ..]
            | ["config", ..]
            | ["kubeconfig", ..]
            | ["token", "generate" | "delete" | "list", ..] => {
                let sub = words.iter().take(2).copied().collect::<Vec<_>>().join(" ");
                let msg = crate::i18n::t(lang, Msg::NotYetAvailable);
                io.err(match lang {
                    Lang::En => format!("kubeadm {sub} {msg}\n"),
                    Lang::Ko => format!("kubeadm {sub}{msg}\n"),
                });
                1
            }
            ["token"] | ["upgrade"] => {
                io.err(format!(
                    "Error: missing subcommand; \"{}\" is not meant to be run on its own\n{STACK_HINT}",
                    words[0]
                ));
                1
            }
            [other, ..] => {
                io.err(format!(
                    "unknown command \"{other}\" for \"kubeadm\"\n{STACK_HINT}"
                ));
                1
            }
        }
    }

    fn token_create(&mut self, ttl: &str, join: bool, io: &mut Io) -> i32 {
        let ttl_ms = match crate::kubectl::flags::go_parse_duration(ttl) {
            Ok(ns) => ns / 1_000_000,
            Err(e) => {
                io.err(format!(
                    "invalid argument {ttl:?} for \"--ttl\" flag: {e}\n"
                ));
                return 1;
            }
        };
        let alphabet: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut pick = |n: usize| -> String {
            (0..n)
                .map(|_| alphabet[(self.api.rng.next_u64() % 36) as usize] as char)
                .collect()
        };
        let (id, secret) = (pick(6), pick(16));
        let now = self.now();
        let b64 = |s: &str| crate::kubectl::create_config::base64(s.as_bytes());
        let mut data = serde_json::Map::new();
        data.insert("auth-extra-groups".into(), json!(b64(TOKEN_GROUP)));
        if ttl_ms > 0 {
            data.insert("expiration".into(), json!(b64(&rfc3339(now + ttl_ms))));
        }
        data.insert("token-id".into(), json!(b64(&id)));
        data.insert("token-secret".into(), json!(b64(&secret)));
        data.insert("usage-bootstrap-authentication".into(), json!(b64("true")));
        data.insert("usage-bootstrap-signing".into(), json!(b64("true")));
        let secret_obj = json!({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": format!("bootstrap-token-{id}"), "namespace": "kube-system"},
            "type": "bootstrap.kubernetes.io/token",
            "data": data,
        });
        if let Err(s) = self.api.create(rt("secrets"), "kube-system", secret_obj) {
            io.err(format!("{}\n{STACK_HINT}", s.message));
            return 1;
        }
        let token = format!("{id}.{secret}");
        if join {
            let hash = format!(
                "{:016x}{:016x}{:016x}{:016x}",
                super::rng::fnv1a(b"kubernetes-ca"),
                super::rng::fnv1a(b"ca.crt"),
                super::rng::fnv1a(b"controlplane"),
                super::rng::fnv1a(b"192.168.1.2")
            );
            io.out(format!(
                "kubeadm join 192.168.1.2:6443 --token {token} --discovery-token-ca-cert-hash sha256:{hash} \n"
            ));
        } else {
            io.out(format!("{token}\n"));
        }
        0
    }
}

//! `kubeadm` on a node of the kubeadm cluster: `version`, `token create/list/delete` (bootstrap
//! token Secrets in kube-system, as the real one writes them), `upgrade plan` and `certs
//! check-expiration`. It talks to the API server with `/etc/kubernetes/admin.conf`, so it needs
//! that file and a serving API server.

use serde_json::{json, Value};

use super::clock::{civil, rfc3339, TimeMs};
use super::cluster::Cluster;
use super::object;
use super::resources::rt;
use crate::i18n::{Lang, Msg};
use crate::shell::Io;

const GIT: &str = "GitCommit:\"8f3800390d488f54f74111f22973059e133f9cba\", GitTreeState:\"clean\", BuildDate:\"2025-05-15T09:16:12Z\", GoVersion:\"go1.23.8\", Compiler:\"gc\", Platform:\"linux/amd64\"";
const ADMIN_CONF: &str = "/etc/kubernetes/admin.conf";
const TOKEN_GROUP: &str = "system:bootstrappers:kubeadm:default-node-token";
const DAY_MS: TimeMs = 86_400_000;
const STACK_HINT: &str = "To see the stack trace of this error execute with --v=5 or higher\n";

/// `23h`, `9y`: apimachinery's `ShortHumanDuration`.
fn short_duration(ms: TimeMs) -> String {
    let s = ms / 1000;
    if s < 0 {
        "<invalid>".into()
    } else if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m", s / 60)
    } else if s < 86_400 {
        format!("{}h", s / 3600)
    } else if s < 86_400 * 365 {
        format!("{}d", s / 86_400)
    } else {
        format!("{}y", s / (86_400 * 365))
    }
}

/// `Nov 12, 2027 09:14 UTC`.
fn expiry_date(t: TimeMs) -> String {
    let c = civil(t);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {:02}, {} {:02}:{:02} UTC",
        months[(c.month as usize).saturating_sub(1).min(11)],
        c.day,
        c.year,
        c.hour,
        c.minute
    )
}

/// Columns separated by three spaces, as kubeadm's tabwriter prints them.
fn table(rows: &[Vec<String>]) -> String {
    let mut tw = crate::printers::tabwriter::TabWriter::for_get();
    for r in rows {
        tw.write(&(r.join("\t") + "\n"));
    }
    tw.flush()
}

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
            ["token", "create", ..]
            | ["token", "list", ..]
            | ["token", "delete", ..]
            | ["upgrade", "plan", ..]
            | ["certs", "check-expiration", ..] => {
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
                    ["token", "list"] => self.token_list(io),
                    ["token", "delete"] => self.token_delete(&words[2..], io),
                    ["upgrade", "plan"] => {
                        let v = crate::sim::KUBERNETES_VERSION;
                        io.out(format!("[preflight] Running pre-flight checks.\n[upgrade/config] Reading configuration from the cluster...\n[upgrade/config] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n[upgrade/versions] Cluster version: {v}\n[upgrade/versions] kubeadm version: {v}\n"));
                        io.err(format!("W{} version.go:104] could not fetch a Kubernetes version from the internet: unable to get URL \"https://dl.k8s.io/release/stable-1.txt\": Get \"https://dl.k8s.io/release/stable-1.txt\": dial tcp: lookup dl.k8s.io on 127.0.0.53:53: server misbehaving\n", klog_stamp(self.now())));
                        io.out(format!("[upgrade/versions] Target version: {v}\n[upgrade/versions] Latest version in the v1.31 series: {v}\n\nAwesome, you're up-to-date! Enjoy!\n"));
                        0
                    }
                    _ => self.certs_check_expiration(io),
                }
            }
            ["init", ..]
            | ["join", ..]
            | ["reset", ..]
            | ["upgrade", "apply" | "node" | "diff", ..]
            | ["certs", "renew", ..]
            | ["config", ..]
            | ["kubeconfig", ..]
            | ["token", "generate", ..] => {
                let sub = words.iter().take(2).copied().collect::<Vec<_>>().join(" ");
                let msg = crate::i18n::t(lang, Msg::NotYetAvailable);
                io.err(match lang {
                    Lang::En => format!("kubeadm {sub} {msg}\n"),
                    Lang::Ko => format!("kubeadm {sub}{msg}\n"),
                });
                1
            }
            ["token"] | ["upgrade"] | ["certs"] => {
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

    fn bootstrap_tokens(&self) -> Vec<Value> {
        self.api
            .for_each(rt("secrets"), Some("kube-system"))
            .filter(|s| object::str_at(s, "/type") == "bootstrap.kubernetes.io/token")
            .cloned()
            .collect()
    }

    fn token_list(&self, io: &mut Io) -> i32 {
        let decode = |s: &Value, key: &str| {
            let b = object::str_at(s, &format!("/data/{key}"));
            crate::printers::gotemplate::base64_decode(b)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .unwrap_or_default()
        };
        let now = self.now();
        let mut rows = vec![[
            "TOKEN",
            "TTL",
            "EXPIRES",
            "USAGES",
            "DESCRIPTION",
            "EXTRA GROUPS",
        ]
        .map(String::from)
        .to_vec()];
        for s in self.bootstrap_tokens() {
            let expires = decode(&s, "expiration");
            let (ttl, exp) = match super::clock::parse_rfc3339(&expires) {
                // A moment has passed since it was made: a fresh 24h token shows `23h`.
                Some(t) => (short_duration(t - now - 1), expires.clone()),
                None => ("<forever>".into(), "<never>".into()),
            };
            let mut usages = vec![];
            for u in ["authentication", "signing"] {
                if decode(&s, &format!("usage-bootstrap-{u}")) == "true" {
                    usages.push(u);
                }
            }
            let description = match decode(&s, "description") {
                d if d.is_empty() => "<none>".to_string(),
                d => d,
            };
            rows.push(vec![
                format!("{}.{}", decode(&s, "token-id"), decode(&s, "token-secret")),
                ttl,
                exp,
                usages.join(","),
                description,
                decode(&s, "auth-extra-groups"),
            ]);
        }
        io.out(table(&rows));
        0
    }

    fn token_delete(&mut self, tokens: &[&str], io: &mut Io) -> i32 {
        if tokens.is_empty() {
            io.err(format!("missing subcommand; 'token delete' is missing token of form \"[a-z0-9]{{6}}\" or \"[a-z0-9]{{6}}\\.[a-z0-9]{{16}}\"\n{STACK_HINT}"));
            return 1;
        }
        for t in tokens {
            let id = t.split('.').next().unwrap_or(t);
            let name = format!("bootstrap-token-{id}");
            match self.api.delete(
                rt("secrets"),
                "kube-system",
                &name,
                super::apiserver::DeleteOptions::default(),
            ) {
                Ok(_) => io.out(format!("bootstrap token \"{id}\" deleted\n")),
                Err(_) => {
                    io.err(format!("secrets \"{name}\" not found\n{STACK_HINT}"));
                    return 1;
                }
            }
        }
        0
    }

    fn certs_check_expiration(&self, io: &mut Io) -> i32 {
        let created = super::clock::CLUSTER_CREATED_MS;
        let now = self.now();
        let (leaf, ca) = (created + 365 * DAY_MS, created + 3650 * DAY_MS);
        // kubeadm's certificates, as a template: `L` and `l` are a leaf's expiry and residual
        // time, `C` and `c` a CA's (the dates all have the same width).
        const TEMPLATE: &str = "[check-expiration] Reading configuration from the cluster...
[check-expiration] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'

CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 L   l   ca                      no
apiserver                  L   l   ca                      no
apiserver-etcd-client      L   l   etcd-ca                 no
apiserver-kubelet-client   L   l   ca                      no
controller-manager.conf    L   l   ca                      no
etcd-healthcheck-client    L   l   etcd-ca                 no
etcd-peer                  L   l   etcd-ca                 no
etcd-server                L   l   etcd-ca                 no
front-proxy-client         L   l   front-proxy-ca          no
scheduler.conf             L   l   ca                      no
super-admin.conf           L   l   ca                      no

CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
ca                      C   c   no
etcd-ca                 C   c   no
front-proxy-ca          C   c   no
";
        let pad = |s: String| format!("{s:<13}");
        io.out(
            TEMPLATE
                .replace(
                    "   l   ",
                    &format!("   {}   ", pad(short_duration(leaf - now))),
                )
                .replace(
                    "   c   ",
                    &format!("   {}   ", pad(short_duration(ca - now))),
                )
                .replace(" L ", &format!(" {} ", expiry_date(leaf)))
                .replace(" C ", &format!(" {} ", expiry_date(ca))),
        );
        0
    }
}

/// `1207 12:40:33.000137   12345` after klog's level letter.
fn klog_stamp(t: TimeMs) -> String {
    let c = civil(t);
    format!(
        "{:02}{:02} {:02}:{:02}:{:02}.{:06}   {:>5}",
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        t.rem_euclid(1000) * 1000 + 137,
        2000 + t.rem_euclid(30_000)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_tables() {
        assert_eq!(short_duration(23 * 3_600_000 + 59_000), "23h");
        assert_eq!(short_duration(339 * DAY_MS), "339d");
        assert_eq!(short_duration(3640 * DAY_MS), "9y");
        assert_eq!(
            table(&[
                vec!["A".into(), "BB".into()],
                vec!["CCC".into(), "D".into()]
            ]),
            "A     BB\nCCC   D\n"
        );
    }
}

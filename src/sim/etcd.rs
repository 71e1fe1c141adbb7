//! etcd as a learner meets it on the control-plane node: `etcdctl` (snapshot save, status and
//! restore, member list, endpoint health, keys under `/registry`) and etcd's data directory.
//! The store (`store`) is the data of the directory etcd runs on; when etcd's static pod starts
//! on another directory (the manifest's hostPath or `--data-dir` changed after a restore), the
//! store becomes that directory's data, and what it held is kept in the old directory.
//!
//! A snapshot file holds the store's objects as JSON (a real one is a bbolt database).

use serde_json::{json, Value};

use super::clock::{rfc3339, TimeMs};
use super::cluster::Cluster;
use super::object::{self, Pointer};
use super::resources::rt;
use super::store::Key;
use crate::shell::Io;
use crate::sorting::{CollectInserted, SharedSort};
use crate::vfs::normalize;

/// The etcd release of the control plane's image (`registry.k8s.io/etcd:3.5.15-0`).
pub const ETCD_VERSION: &str = "3.5.15";
/// Where kubeadm puts etcd's data.
pub const DEFAULT_DATA_DIR: &str = "/var/lib/etcd";
/// The file in a data directory that holds the keys.
const DB: &str = "member/snap/db";
const CLIENT: &str = "v3@v3.5.15";
const MEMBER_ID: &str = "8e9e05c52164694d";
const CLUSTER_ID: &str = "cdf818194e3a8c32";
/// Marks a data directory in the container's own filesystem.
const IN_CONTAINER: &str = "container:";
const DEADLINE: &str = "Error: context deadline exceeded\n";

/// The etcd key of an object, as kube-apiserver stores it.
fn registry_key(k: &Key) -> String {
    let plural = k.resource.split('.').next().unwrap_or(&k.resource);
    let prefix = match plural {
        "services" => "services/specs",
        "endpoints" => "services/endpoints",
        "nodes" => "minions",
        "replicationcontrollers" => "controllers",
        "ingresses" => "ingress",
        p => p,
    };
    if k.namespace.is_empty() {
        format!("/registry/{prefix}/{}", k.name)
    } else {
        format!("/registry/{prefix}/{}/{}", k.namespace, k.name)
    }
}

/// The snapshot file's text: the store's revision and objects.
fn snapshot_text(c: &Cluster) -> String {
    let objects: Vec<Value> = c
        .api
        .store
        .iter()
        .map(|(k, o)| json!([k.resource, k.namespace, k.name, o]))
        .collect();
    json!({"etcdSnapshot": {"revision": c.api.store.resource_version(), "objects": objects}})
        .to_string()
}

/// A snapshot's revision and objects.
type Snapshot = (u64, Vec<(Key, Value)>);

/// The objects of a snapshot file, or why it is not one.
fn parse_snapshot(text: &str) -> Result<Snapshot, String> {
    let v: Value = serde_json::from_str(text).map_err(|_| "invalid database".to_string())?;
    let snap = v.get("etcdSnapshot").ok_or("invalid database")?;
    let revision = snap.get("revision").and_then(Value::as_u64).unwrap_or(0);
    let mut out = vec![];
    for o in snap
        .get("objects")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = |i: usize| o.get(i).and_then(Value::as_str).unwrap_or("").to_string();
        let (resource, ns, name) = (s(0), s(1), s(2));
        if let Some(obj) = o.get(3) {
            out.push((Key::new(&resource, &ns, &name), obj.clone()));
        }
    }
    Ok((revision, out))
}

/// `1.2 MB`, as go-humanize's `Bytes` prints sizes.
fn human_size(n: usize) -> String {
    if n < 1000 {
        return format!("{n} B");
    }
    let units = ["kB", "MB", "GB"];
    let mut v = n as f64 / 1000.0;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < units.len() {
        v /= 1000.0;
        u += 1;
    }
    if v < 10.0 {
        format!("{v:.1} {}", units[u])
    } else {
        format!("{v:.0} {}", units[u])
    }
}

fn zap_ts(t: TimeMs, micro: i64) -> String {
    let base = rfc3339(t);
    format!(
        "{}.{:06}Z",
        &base[..19],
        (t.rem_euclid(1000) * 1000 + micro) % 1_000_000
    )
}

/// What `etcdctl` was asked, with the global flags taken out.
struct Call {
    words: Vec<String>,
    endpoints: String,
    cacert: String,
    cert: String,
    key: String,
    write_out: String,
    data_dir: String,
    prefix: bool,
    keys_only: bool,
}

fn parse(args: &[String], env: &[(String, String)]) -> Result<Call, String> {
    let var = |name: &str| {
        env.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut c = Call {
        words: vec![],
        endpoints: match var("ETCDCTL_ENDPOINTS") {
            e if e.is_empty() => "127.0.0.1:2379".into(),
            e => e,
        },
        cacert: var("ETCDCTL_CACERT"),
        cert: var("ETCDCTL_CERT"),
        key: var("ETCDCTL_KEY"),
        write_out: "simple".into(),
        data_dir: String::new(),
        prefix: false,
        keys_only: false,
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let Some(flag) = a.strip_prefix("--").or_else(|| a.strip_prefix('-')) else {
            c.words.push(a.clone());
            i += 1;
            continue;
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        let boolean = matches!(
            name,
            "prefix"
                | "keys-only"
                | "print-value-only"
                | "insecure-skip-tls-verify"
                | "debug"
                | "version"
                | "h"
                | "help"
                | "skip-hash-check"
        );
        let value = if boolean {
            inline.unwrap_or_else(|| "true".into())
        } else if let Some(v) = inline {
            v
        } else if let Some(v) = args.get(i + 1) {
            i += 1;
            v.clone()
        } else {
            return Err(format!("Error: flag needs an argument: --{name}\n"));
        };
        match name {
            "endpoints" => c.endpoints = value,
            "cacert" => c.cacert = value,
            "cert" => c.cert = value,
            "key" => c.key = value,
            "write-out" | "w" => c.write_out = value,
            "data-dir" => c.data_dir = value,
            "prefix" => c.prefix = value == "true",
            "keys-only" => c.keys_only = value == "true",
            "version" => c.words.insert(0, "version".into()),
            "h" | "help" => c.words.insert(0, "help".into()),
            "name"
            | "initial-cluster"
            | "initial-cluster-token"
            | "initial-advertise-peer-urls"
            | "dial-timeout"
            | "command-timeout"
            | "user"
            | "password"
            | "print-value-only"
            | "insecure-skip-tls-verify"
            | "debug"
            | "skip-hash-check"
            | "wal-dir"
            | "limit"
            | "hex" => {}
            _ => return Err(format!("Error: unknown flag: --{name}\n")),
        }
        i += 1;
    }
    Ok(c)
}

const HELP: &str = "NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nCOMMANDS:\n\tendpoint health\n\tget\n\tmember list\n\tsnapshot restore\n\tsnapshot save\n\tsnapshot status\n\tversion\n";

impl Cluster {
    /// Runs `etcdctl` on `node` with the shell's working directory and environment.
    pub fn etcdctl(
        &mut self,
        node: &str,
        args: &[String],
        (cwd, env): (&str, &[(String, String)]),
        io: &mut Io,
    ) -> i32 {
        let call = match parse(args, env) {
            Ok(c) => c,
            Err(e) => {
                io.err(e);
                return 1;
            }
        };
        let words: Vec<&str> = call.words.iter().map(String::as_str).collect();
        match words.as_slice() {
            [] | ["help", ..] => {
                io.out(HELP);
                0
            }
            ["version", ..] => {
                io.out(format!(
                    "etcdctl version: {ETCD_VERSION}\nAPI version: 3.5\n"
                ));
                0
            }
            ["snapshot", "status", file, ..] => self.snapshot_status(node, cwd, file, &call, io),
            ["snapshot", "restore", file, ..] => self.snapshot_restore(node, cwd, file, &call, io),
            ["snapshot", "save"] | ["snapshot", "status"] | ["snapshot", "restore"] => {
                io.err(format!(
                    "Error: snapshot {} expects one argument\n",
                    words[1]
                ));
                1
            }
            ["snapshot", "save", file, ..] => {
                if let Err(status) = self.connect(node, cwd, &call, io) {
                    return status;
                }
                self.snapshot_save(node, cwd, file, &call, io)
            }
            ["member", "list", ..]
            | ["endpoint", "health", ..]
            | ["endpoint", "status", ..]
            | ["get", ..] => {
                if let Err(status) = self.connect(node, cwd, &call, io) {
                    return status;
                }
                self.etcd_query(&words, &call, io)
            }
            [other, ..] => {
                io.err(format!(
                    "Error: unknown command \"{other}\" for \"etcdctl\"\nRun 'etcdctl --help' for usage.\n"
                ));
                1
            }
        }
    }

    /// Dials etcd with the client's certificates: it answers on the control-plane node, to a
    /// client certificate its CA signed.
    fn connect(&mut self, node: &str, cwd: &str, call: &Call, io: &mut Io) -> Result<(), i32> {
        let fs = self.node_fs.get(node);
        for f in [&call.cacert, &call.cert, &call.key] {
            if !f.is_empty() && !fs.is_some_and(|fs| fs.is_file(&normalize(cwd, f))) {
                io.err(format!("Error: open {f}: no such file or directory\n"));
                return Err(1);
            }
        }
        let local = call.endpoints.split(',').all(|e| {
            let hp = e.split("://").last().unwrap_or(e);
            matches!(hp, "127.0.0.1:2379" | "localhost:2379" | "192.168.1.2:2379")
        });
        let on_cp = self
            .kubelets
            .iter()
            .any(|k| k.config.control_plane && k.node_name() == node);
        let etcd_up = self
            .kubelets
            .iter()
            .filter(|k| k.config.control_plane)
            .any(|k| k.static_component_running_since("etcd").is_some());
        let ca_ok = call.cacert.ends_with("etcd/ca.crt");
        let cert_ok = call.cert.ends_with("etcd/server.crt")
            || call.cert.ends_with("etcd/healthcheck-client.crt")
            || call.cert.ends_with("etcd/peer.crt")
            || call.cert.ends_with("apiserver-etcd-client.crt");
        let reason = if !(local && (on_cp || call.endpoints.contains("192.168.1.2")) && etcd_up) {
            "connection error: desc = \\\"transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused\\\""
        } else if call.cacert.is_empty() && call.cert.is_empty() {
            "connection error: desc = \\\"error reading server preface: EOF\\\""
        } else if !ca_ok {
            "connection error: desc = \\\"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority\\\""
        } else if !cert_ok || call.key.is_empty() {
            "connection error: desc = \\\"error reading server preface: remote error: tls: certificate required\\\""
        } else {
            return Ok(());
        };
        let now = self.now();
        // The client waits out its 5 s dial timeout.
        self.advance(5_000);
        io.err(format!(
            "{{\"level\":\"warn\",\"ts\":\"{}\",\"logger\":\"etcd-client\",\"caller\":\"{CLIENT}/retry_interceptor.go:62\",\"msg\":\"retrying of unary invoker failed\",\"target\":\"etcd-endpoints://0xc0004a2000/{}\",\"attempt\":0,\"error\":\"rpc error: code = DeadlineExceeded desc = latest balancer error: last {reason}\"}}\n",
            zap_ts(now + 5_000, 211),
            call.endpoints.split(',').next().unwrap_or("")
        ));
        io.err(DEADLINE);
        Err(1)
    }

    fn snapshot_save(
        &mut self,
        node: &str,
        cwd: &str,
        file: &str,
        call: &Call,
        io: &mut Io,
    ) -> i32 {
        let now = self.now();
        let text = snapshot_text(self);
        let path = normalize(cwd, file);
        let Some(fs) = self.node_fs.get_mut(node) else {
            return 1;
        };
        let endpoint = call.endpoints.split(',').next().unwrap_or("");
        let endpoint = if endpoint.contains("://") {
            endpoint.to_string()
        } else {
            format!("http://{endpoint}")
        };
        io.err(format!("{{\"level\":\"info\",\"ts\":\"{}\",\"caller\":\"snapshot/v3_snapshot.go:65\",\"msg\":\"created temporary db file\",\"path\":\"{file}.part\"}}\n", zap_ts(now, 101)));
        if let Err(e) = fs.write(&path, &text, now) {
            io.err(format!("Error: could not open {file}.part ({})\n", e));
            return 1;
        }
        let size = human_size(text.len());
        // etcdctl's zap log lines, with the microseconds each comes after the first.
        const LINES: [(i64, &str); 5] = [
            (
                2_913,
                r#"{"level":"info","ts":"TS","logger":"client","caller":"CLIENT/maintenance.go:212","msg":"opened snapshot stream; downloading"}"#,
            ),
            (
                2_960,
                r#"{"level":"info","ts":"TS","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"ENDPOINT"}"#,
            ),
            (
                61_482,
                r#"{"level":"info","ts":"TS","logger":"client","caller":"CLIENT/maintenance.go:220","msg":"completed snapshot read; closing"}"#,
            ),
            (
                70_114,
                r#"{"level":"info","ts":"TS","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"ENDPOINT","size":"SIZE","took":"now"}"#,
            ),
            (
                70_388,
                r#"{"level":"info","ts":"TS","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"FILE"}"#,
            ),
        ];
        for (micro, line) in LINES {
            io.err(
                line.replace("TS", &zap_ts(now, micro))
                    .replace("CLIENT", CLIENT)
                    .replace("ENDPOINT", &endpoint)
                    .replace("SIZE", &size)
                    .replace("FILE", file)
                    + "\n",
            );
        }
        io.out(format!("Snapshot saved at {file}\n"));
        0
    }

    fn read_snapshot(
        &self,
        node: &str,
        cwd: &str,
        file: &str,
        io: &mut Io,
    ) -> Option<(Snapshot, usize)> {
        let fs = self.node_fs.get(node)?;
        let path = normalize(cwd, file);
        let text = match fs.read(&path) {
            Ok(t) => t,
            Err(_) => {
                io.err(format!("Error: stat {file}: no such file or directory\n"));
                return None;
            }
        };
        match parse_snapshot(&text) {
            Ok(snapshot) => Some((snapshot, text.len())),
            Err(e) => {
                io.err(format!("Error: {e}\n"));
                None
            }
        }
    }

    fn snapshot_status(&self, node: &str, cwd: &str, file: &str, call: &Call, io: &mut Io) -> i32 {
        io.err("Deprecated: Use `etcdutl snapshot status` instead.\n\n");
        let Some(((rev, objects), size)) = self.read_snapshot(node, cwd, file, io) else {
            return 1;
        };
        let hash = format!("{:08x}", super::rng::fnv1a(&rev.to_le_bytes()) as u32);
        // Besides the objects, etcd keeps its own keys (members, the compaction marker…).
        let keys = objects.len() + 8;
        let size = human_size(size);
        match call.write_out.as_str() {
            "table" => {
                let w = [
                    hash.len().max(8),
                    rev.to_string().len().max(8),
                    10,
                    size.len().max(10),
                ];
                let line = format!(
                    "+{}+{}+{}+{}+\n",
                    "-".repeat(w[0] + 2),
                    "-".repeat(w[1] + 2),
                    "-".repeat(w[2] + 2),
                    "-".repeat(w[3] + 2)
                );
                let center = |s: &str, n: usize| {
                    let pad = n - s.len();
                    format!(
                        "{}{s}{}",
                        " ".repeat(pad / 2 + pad % 2),
                        " ".repeat(pad / 2)
                    )
                };
                io.out(format!(
                    "{line}| {} | {} | {} | {} |\n{line}| {:>w0$} | {:>w1$} | {:>w2$} | {:>w3$} |\n{line}",
                    center("HASH", w[0]),
                    center("REVISION", w[1]),
                    center("TOTAL KEYS", w[2]),
                    center("TOTAL SIZE", w[3]),
                    hash,
                    rev,
                    keys,
                    size,
                    w0 = w[0],
                    w1 = w[1],
                    w2 = w[2],
                    w3 = w[3],
                ));
            }
            _ => io.out(format!("{hash}, {rev}, {keys}, {size}\n")),
        }
        0
    }

    fn snapshot_restore(
        &mut self,
        node: &str,
        cwd: &str,
        file: &str,
        call: &Call,
        io: &mut Io,
    ) -> i32 {
        io.err("Deprecated: Use `etcdutl snapshot restore` instead.\n\n");
        if self.read_snapshot(node, cwd, file, io).is_none() {
            return 1;
        }
        let data_dir = if call.data_dir.is_empty() {
            "default.etcd".to_string()
        } else {
            call.data_dir.clone()
        };
        let dir = normalize(cwd, &data_dir);
        let now = self.now();
        let Some(fs) = self.node_fs.get_mut(node) else {
            return 1;
        };
        if fs.exists(&dir) && fs.list(&dir).map_or(true, |e| !e.is_empty()) {
            io.err(format!(
                "Error: data-dir {dir:?} not empty or could not be read\n"
            ));
            return 1;
        }
        let text = fs.read(&normalize(cwd, file)).unwrap_or_default();
        let _ = fs.mkdir_p(&format!("{dir}/member/wal"), now);
        let _ = fs.mkdir_p(&format!("{dir}/member/snap"), now);
        if let Err(e) = fs.write(&format!("{dir}/{DB}"), &text, now) {
            io.err(format!("Error: {}\n", e));
            return 1;
        }
        let t = rfc3339(now);
        let dirs = format!(
            "\"path\": \"{file}\", \"wal-dir\": \"{data_dir}/member/wal\", \"data-dir\": \"{data_dir}\", \"snap-dir\": \"{data_dir}/member/snap\""
        );
        io.err(format!(
            "{t}\tinfo\tsnapshot/v3_snapshot.go:260\trestoring snapshot\t{{{dirs}}}\n{t}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...\n{t}\tinfo\tmembership/cluster.go:421\tadded member\t{{\"cluster-id\": \"{CLUSTER_ID}\", \"local-member-id\": \"0\", \"added-peer-id\": \"{MEMBER_ID}\", \"added-peer-peer-urls\": [\"http://localhost:2380\"]}}\n{t}\tinfo\tsnapshot/v3_snapshot.go:287\trestored snapshot\t{{{dirs}}}\n"
        ));
        0
    }

    fn etcd_query(&self, words: &[&str], call: &Call, io: &mut Io) -> i32 {
        match words {
            ["member", "list", ..] => {
                let line = [
                    MEMBER_ID,
                    "started",
                    "controlplane",
                    "https://192.168.1.2:2380",
                    "https://192.168.1.2:2379",
                    "false",
                ];
                if call.write_out == "table" {
                    io.out("+------------------+---------+--------------+--------------------------+--------------------------+------------+\n|        ID        | STATUS  |     NAME     |        PEER ADDRS        |       CLIENT ADDRS       | IS LEARNER |\n+------------------+---------+--------------+--------------------------+--------------------------+------------+\n| 8e9e05c52164694d | started | controlplane | https://192.168.1.2:2380 | https://192.168.1.2:2379 |      false |\n+------------------+---------+--------------+--------------------------+--------------------------+------------+\n");
                } else {
                    io.out(line.join(", ") + "\n");
                }
                0
            }
            ["endpoint", "health", ..] => {
                for e in call.endpoints.split(',') {
                    io.out(format!(
                        "{e} is healthy: successfully committed proposal: took = 9.482134ms\n"
                    ));
                }
                0
            }
            ["get", key, ..] => {
                let mut keys: Vec<String> = self
                    .api
                    .store
                    .iter()
                    .map(|(k, _)| registry_key(k))
                    .filter(|k| {
                        if call.prefix {
                            k.starts_with(key)
                        } else {
                            k == key
                        }
                    })
                    .collect();
                keys.sort_shared();
                for k in keys {
                    if call.keys_only {
                        io.out(format!("{k}\n\n"));
                    } else {
                        // The value is the object in Kubernetes' protobuf encoding.
                        io.out(format!("{k}\nk8s\u{0}\n\n"));
                    }
                }
                0
            }
            _ => {
                io.err("Error: get command needs one argument as key and an optional argument as range_end\n");
                1
            }
        }
    }

    /// etcd's data directory: where its static pod's `--data-dir` lands on the node through
    /// the pod's hostPath volumes. Checked when etcd's container starts: on a directory other
    /// than the one the store holds, the store takes that directory's data (a restored
    /// snapshot, or nothing for a new directory), and the old data is kept in the old one.
    pub(crate) fn follow_etcd_data_dir(&mut self) {
        let Some(cp) = self.kubelets.iter().find(|k| k.config.control_plane) else {
            return;
        };
        let Some(started) = cp.static_component_running_since("etcd") else {
            return;
        };
        if self.etcd_started_seen == Some(started) {
            return;
        }
        self.etcd_started_seen = Some(started);
        let node = cp.node_name().to_string();
        let Some(dir) = cp.static_pod_spec("etcd").and_then(host_data_dir) else {
            return;
        };
        let current = self
            .etcd_data_dir
            .clone()
            .unwrap_or_else(|| DEFAULT_DATA_DIR.to_string());
        if dir == current && !dir.starts_with(IN_CONTAINER) {
            return;
        }
        let now = self.now();
        let old = snapshot_text(self);
        let Some(fs) = self.node_fs.get_mut(&node) else {
            return;
        };
        if !current.starts_with(IN_CONTAINER) {
            let _ = fs.mkdir_p(&format!("{current}/member/snap"), now);
            let _ = fs.write(&format!("{current}/{DB}"), &old, now);
        }
        let restored = if dir.starts_with(IN_CONTAINER) {
            vec![]
        } else {
            let restored = fs
                .read(&format!("{dir}/{DB}"))
                .ok()
                .and_then(|t| parse_snapshot(&t).ok())
                .map(|(_, objects)| objects)
                .unwrap_or_default();
            let _ = fs.mkdir_p(&format!("{dir}/member/wal"), now);
            restored
        };
        self.etcd_data_dir = Some(dir);
        self.replace_store(restored);
    }

    /// Makes the store hold `objects`: what is not among them is deleted, the rest written as
    /// they are there. Watchers see it as changes, as kube-apiserver's do when etcd's data moves
    /// under them.
    fn replace_store(&mut self, objects: Vec<(Key, Value)>) {
        let wanted: std::collections::BTreeMap<Key, Value> = objects.into_iter().collect_inserted();
        let gone: Vec<Key> = self
            .api
            .store
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !wanted.contains_key(k))
            .collect();
        for k in gone {
            self.api.store.remove(&k);
        }
        for (k, mut v) in wanted {
            let same = self.api.store.get(&k).is_some_and(|cur| {
                object::uid(cur) == object::uid(&v)
                    && cur.get("spec") == v.get("spec")
                    && cur.get("status") == v.get("status")
                    && cur.get("metadata").and_then(|m| m.get("labels"))
                        == v.get("metadata").and_then(|m| m.get("labels"))
            });
            if !same {
                if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("resourceVersion");
                }
                self.api.store.put(k, v);
            }
        }
        // kube-apiserver puts back the namespaces it needs on its next start.
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            if self.api.get(rt("namespaces"), "", ns).is_err() {
                let _ = self
                    .api
                    .create(rt("namespaces"), "", json!({"metadata": {"name": ns}}));
            }
        }
    }
}

/// Where etcd's `--data-dir` is on the node: through the hostPath volume mounted over it.
fn host_data_dir(pod: &Value) -> Option<String> {
    let c = pod.at("/spec/containers/0")?;
    let mut argv: Vec<String> = vec![];
    for key in ["command", "args"] {
        if let Some(a) = c.get(key).and_then(Value::as_array) {
            argv.extend(a.iter().filter_map(Value::as_str).map(str::to_string));
        }
    }
    let data_dir = argv
        .iter()
        .find_map(|a| a.strip_prefix("--data-dir="))
        .unwrap_or("default.etcd")
        .trim_end_matches('/')
        .to_string();
    let none = vec![];
    let mounts = c
        .get("volumeMounts")
        .and_then(Value::as_array)
        .unwrap_or(&none);
    let volumes = pod
        .at("/spec/volumes")
        .and_then(Value::as_array)
        .unwrap_or(&none);
    let found = mounts.iter().find_map(|m| {
        let mp = object::str_at(m, "/mountPath").trim_end_matches('/');
        let inside = data_dir == mp || data_dir.starts_with(&format!("{mp}/"));
        if !inside || mp.is_empty() {
            return None;
        }
        let name = object::str_at(m, "/name");
        let host = volumes
            .iter()
            .find(|v| object::str_at(v, "/name") == name)
            .map(|v| {
                object::str_at(v, "/hostPath/path")
                    .trim_end_matches('/')
                    .to_string()
            })
            .filter(|h| !h.is_empty())?;
        Some((mp.to_string(), host))
    });
    Some(match found {
        Some((mount_path, host)) => format!("{host}{}", &data_dir[mount_path.len()..]),
        // Not on a volume: inside the container, new and empty at every start.
        None => format!("{IN_CONTAINER}{data_dir}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sizes_and_data_dirs() {
        assert_eq!(
            registry_key(&Key::new("services", "default", "web")),
            "/registry/services/specs/default/web"
        );
        assert_eq!(
            registry_key(&Key::new("deployments.apps", "kube-system", "coredns")),
            "/registry/deployments/kube-system/coredns"
        );
        assert_eq!(
            registry_key(&Key::new("nodes", "", "node01")),
            "/registry/minions/node01"
        );
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(81_592), "82 kB");
        assert_eq!(human_size(6_100_000), "6.1 MB");
        let pod = |data_dir: &str, host: &str| {
            json!({"spec": {
                "containers": [{"command": ["etcd", format!("--data-dir={data_dir}")],
                    "volumeMounts": [{"mountPath": "/var/lib/etcd", "name": "etcd-data"}]}],
                "volumes": [{"name": "etcd-data", "hostPath": {"path": host}}]}})
        };
        assert_eq!(
            host_data_dir(&pod("/var/lib/etcd", "/var/lib/etcd-from-backup")).as_deref(),
            Some("/var/lib/etcd-from-backup")
        );
        assert_eq!(
            host_data_dir(&pod("/var/lib/etcd/sub", "/data")).as_deref(),
            Some("/data/sub")
        );
        assert_eq!(
            host_data_dir(&pod("/var/lib/etcd-new", "/var/lib/etcd")).as_deref(),
            Some("container:/var/lib/etcd-new")
        );
    }
}

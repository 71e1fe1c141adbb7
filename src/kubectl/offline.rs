//! kubectl with no server to talk to: no kubeconfig (a worker node of a kubeadm cluster has
//! only `/etc/kubernetes/kubelet.conf`, so client-go falls back to `http://localhost:8080`), or
//! a kube-apiserver that is down (its static pod's manifest moved away, a bad flag, etcd gone).
//! Commands that never call the server still work (help, `version --client`, `create
//! <generator> --dry-run=client`, `config`); the others fail as kubectl v1.31 fails, after the
//! same client-side checks (flags, arguments, files).
//!
//! What they print depends on how they reach the server: commands that map resources through
//! discovery first log client-go's memcache error (klog, `"Unhandled Error"` since v1.31), as
//! many times as they try, and then `checkErr`'s connection message; typed clients (`create
//! deployment`…) print their wrapped POST error; `-f` builders fail on the OpenAPI download or
//! on mapping the file's kinds.

use super::flags::{Parsed, GLOBAL_FLAGS};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::clock::{civil, TimeMs};

/// The server kubectl would talk to, where nothing answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreachable {
    /// `https://192.168.1.2:6443`, `http://localhost:8080`.
    pub url: String,
}

impl Unreachable {
    /// No kubeconfig: client-go's default.
    pub fn no_kubeconfig() -> Unreachable {
        Unreachable {
            url: "http://localhost:8080".into(),
        }
    }

    pub fn server(url: &str) -> Unreachable {
        Unreachable { url: url.into() }
    }

    fn host_port(&self) -> &str {
        self.url.split("://").nth(1).unwrap_or(&self.url)
    }

    /// `checkErr`'s message for a refused connection.
    pub fn refused(&self) -> String {
        format!(
            "The connection to the server {} was refused - did you specify the right host or port?\n",
            self.host_port()
        )
    }

    /// Go's `net.OpError` text (`localhost` dials its IPv4 address).
    fn dial(&self) -> String {
        let addr = self.host_port().replace("localhost", "127.0.0.1");
        format!("dial tcp {addr}: connect: connection refused")
    }

    /// A GET of `path` that failed (`Get "…/api?timeout=32s": dial tcp …`).
    fn get(&self, path: &str) -> String {
        format!("Get \"{}{path}\": {}", self.url, self.dial())
    }
}

/// `E1207 12:34:56.789012   12345 memcache.go:265] "Unhandled Error" err="couldn't get current
/// server API group list: …"` lines, as many as the command's discovery attempts make.
fn memcache_lines(server: &Unreachable, now: TimeMs, count: usize) -> String {
    let dial = server.get("/api?timeout=32s");
    let c = civil(now);
    let pid = 1000 + (now / 7).rem_euclid(60_000);
    let mut micros = (now.rem_euclid(1000)) * 1000 + 137;
    let mut out = String::new();
    for _ in 0..count {
        out.push_str(&format!(
            "E{:02}{:02} {:02}:{:02}:{:02}.{:06} {pid:>7} memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: {}\"\n",
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.second,
            micros.min(999_999),
            dial.replace('"', "\\\"")
        ));
        micros += 1_291;
    }
    out
}

/// The first argument that is not a global flag or its value: the command (None for `kubectl`
/// alone, only flags, or flags then `--`).
pub(crate) fn command_index(args: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            return None;
        }
        if let Some(flag) = a.strip_prefix("--") {
            let name = flag.split('=').next().unwrap_or("");
            let takes_value = GLOBAL_FLAGS
                .iter()
                .any(|f| f.name == name && f.kind.no_opt_default().is_none());
            i += if takes_value && !flag.contains('=') {
                2
            } else {
                1
            };
            continue;
        }
        if a.starts_with('-') && a.len() > 1 {
            let c = a.chars().nth(1).unwrap_or(' ');
            let takes_value = GLOBAL_FLAGS
                .iter()
                .any(|f| f.short == Some(c) && f.kind.no_opt_default().is_none());
            i += if takes_value && a.len() == 2 { 2 } else { 1 };
            continue;
        }
        return Some(i);
    }
    None
}

/// The `--kubeconfig` flag's value, if given.
pub fn kubeconfig_flag(args: &[String]) -> Option<String> {
    let mut it = args.iter().take_while(|a| *a != "--");
    while let Some(a) = it.next() {
        if a == "--kubeconfig" {
            return it.next().cloned();
        }
        if let Some(v) = a.strip_prefix("--kubeconfig=") {
            return Some(v.to_string());
        }
    }
    None
}

/// How a command fails on its first request.
enum Failure {
    /// Discovery's memcache errors, then `checkErr`'s connection message.
    Refused(usize),
    /// A typed client's POST, wrapped: `error: failed to create deployment: Post "…": dial…`.
    Post { what: &'static str, path: String },
}

/// Typed `create` generators: what the error calls the object, and where it posts (`NS`: the
/// namespace). `create secret` wraps its error without a colon.
const TYPED_CREATES: &[(&str, &str, &str)] = &[
    (
        "deployment",
        "deployment: ",
        "/apis/apps/v1/namespaces/NS/deployments",
    ),
    ("job", "job: ", "/apis/batch/v1/namespaces/NS/jobs"),
    (
        "cronjob",
        "cronjob: ",
        "/apis/batch/v1/namespaces/NS/cronjobs",
    ),
    (
        "configmap",
        "configmap: ",
        "/api/v1/namespaces/NS/configmaps",
    ),
    ("secret generic", "secret ", "/api/v1/namespaces/NS/secrets"),
    (
        "secret docker-registry",
        "secret ",
        "/api/v1/namespaces/NS/secrets",
    ),
    ("secret tls", "secret ", "/api/v1/namespaces/NS/secrets"),
    (
        "serviceaccount",
        "serviceaccount: ",
        "/api/v1/namespaces/NS/serviceaccounts",
    ),
    ("quota", "quota: ", "/api/v1/namespaces/NS/resourcequotas"),
    (
        "service clusterip",
        "ClusterIP service: ",
        "/api/v1/namespaces/NS/services",
    ),
    (
        "service nodeport",
        "NodePort service: ",
        "/api/v1/namespaces/NS/services",
    ),
    (
        "service loadbalancer",
        "LoadBalancer service: ",
        "/api/v1/namespaces/NS/services",
    ),
    (
        "service externalname",
        "ExternalName service: ",
        "/api/v1/namespaces/NS/services",
    ),
    (
        "rolebinding",
        "rolebinding: ",
        "/apis/rbac.authorization.k8s.io/v1/namespaces/NS/rolebindings",
    ),
    (
        "clusterrolebinding",
        "clusterrolebinding: ",
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
    ),
    (
        "poddisruptionbudget",
        "poddisruptionbudgets: ",
        "/apis/policy/v1/namespaces/NS/poddisruptionbudgets",
    ),
    (
        "ingress",
        "ingress: ",
        "/apis/networking.k8s.io/v1/namespaces/NS/ingresses",
    ),
    (
        "priorityclass",
        "priorityclass: ",
        "/apis/scheduling.k8s.io/v1/priorityclasses",
    ),
    (
        "token",
        "token: ",
        "/api/v1/namespaces/NS/serviceaccounts/SA/token",
    ),
];

/// The path, under the server, where a typed `create` posts; what its error calls it.
fn typed_create(sub: &str, ns: &str, p: &Parsed) -> Option<(&'static str, String)> {
    let (_, what, path) = TYPED_CREATES.iter().find(|(s, _, _)| *s == sub)?;
    let sa = p.positionals().first().map(String::as_str).unwrap_or("");
    Some((what, path.replace("NS", ns).replace("SA", sa)))
}

/// Commands that never call the server.
fn runs_without_server(path: &str, p: &Parsed) -> bool {
    let sub = path.strip_prefix("kubectl ").unwrap_or(path);
    let top = sub.split(' ').next().unwrap_or("");
    match top {
        "help" | "completion" | "options" | "plugin" | "kustomize" | "alpha" | "proxy"
        | "config" => true,
        // `version` prints the client's part, then fails on the server's (`version::run`).
        "version" => true,
        // A generator's client-side dry run builds the object from flags alone.
        "create" => {
            sub != "create"
                && p.get_strings("filename").is_empty()
                && p.get_string("dry-run") == "client"
        }
        _ => false,
    }
}

/// When kubectl `cmd` at `path` cannot reach the server: fails as kubectl v1.31 does and
/// returns the exit status, or `None` when the command runs without the server. The command's
/// own client-side checks come first, as in kubectl: it runs against an empty, serverless
/// cluster, and an error of its own (a bad argument, a missing file) is what it prints.
pub fn refuse(
    server: &Unreachable,
    path: &str,
    cmd: &Command,
    p: &Parsed,
    ctx: &mut Ctx,
    io: &mut Io,
) -> Option<i32> {
    let now = ctx.cluster.now();
    let sub = path.strip_prefix("kubectl ").unwrap_or(path);
    // `auth` takes its subcommand as an argument.
    let auth_sub;
    let sub = match (sub, p.positionals().first()) {
        ("auth", Some(first)) => {
            auth_sub = format!("auth {first}");
            auth_sub.as_str()
        }
        _ => sub,
    };
    if sub.starts_with("config") && server.url == Unreachable::no_kubeconfig().url {
        return config_without_file(p.positionals(), io);
    }
    if runs_without_server(path, p) {
        return None;
    }
    let serverless = matches!(
        sub,
        "top node" | "top pod" | "events" | "auth whoami" | "cp" | "cluster-info dump"
    ) || sub == "create namespace"
        || (sub == "get" && p.changed("raw"));
    if !serverless {
        if let Some(status) = client_side_error(cmd, p, ctx, io) {
            return Some(status);
        }
    }
    let files = p.get_strings("filename");
    let ns = ctx.namespace(p);
    let failure = if serverless {
        Failure::Refused(0)
    } else if let (false, Some(file)) = (files.is_empty() || sub.starts_with("auth"), files.first())
    {
        let file = first_file(ctx, file);
        let validate = p.get_string("validate");
        let validating = matches!(sub, "apply" | "create" | "replace")
            && !p.get_bool("force")
            && !matches!(validate.as_str(), "false" | "ignore");
        if validating {
            io.err(format!(
                "error: error validating \"{file}\": error validating data: failed to download openapi: {}; if you choose to ignore these errors, turn validation off with --validate=false\n",
                server.get("/openapi/v2?timeout=32s")
            ));
        } else {
            io.err(memcache_lines(server, now, 1));
            io.err(format!(
                "error: unable to recognize \"{file}\": {}\n",
                server.get("/api?timeout=32s")
            ));
        }
        return Some(1);
    } else if let Some((what, path)) = sub
        .strip_prefix("create ")
        .and_then(|s| typed_create(s, &ns, p))
    {
        Failure::Post { what, path }
    } else {
        Failure::Refused(match sub.split(' ').next().unwrap_or("") {
            "run" | "api-resources" | "api-versions" => 1,
            "taint" | "explain" | "create" | "auth" => 2,
            "logs" | "exec" | "wait" | "set" | "cordon" | "uncordon" | "drain" | "port-forward"
            | "attach" | "debug" | "certificate" => 4,
            "rollout" if matches!(sub, "rollout status" | "rollout pause" | "rollout resume") => 4,
            _ => 5,
        })
    };
    match failure {
        Failure::Post { what, path } => {
            io.err(format!(
                "error: failed to create {what}Post \"{}{path}{}\": {}\n",
                server.url,
                if sub == "create token" {
                    ""
                } else {
                    "?fieldManager=kubectl-create&fieldValidation=Strict"
                },
                server.dial()
            ));
        }
        Failure::Refused(n) => {
            io.err(memcache_lines(server, now, n));
            match sub {
                "api-versions" => {
                    io.err(format!(
                        "error: couldn't get available api versions from server: {}\n",
                        server.get("/api?timeout=32s")
                    ));
                    return Some(1);
                }
                "api-resources" => {
                    let output = p.get_string("output");
                    if output != "name" && !p.get_bool("no-headers") {
                        io.out(if output == "wide" {
                            "NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND   VERBS   CATEGORIES\n"
                        } else {
                            "NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
                        });
                    }
                }
                "cluster-info" => io.out(
                    "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
                ),
                "auth can-i" => {
                    if let Some(warning) = can_i_warning(p) {
                        io.err(warning);
                    }
                }
                _ => {}
            }
            io.err(server.refused());
        }
    }
    Some(1)
}

/// `auth can-i VERB RESOURCE` maps its resource through discovery first, which is empty.
fn can_i_warning(p: &Parsed) -> Option<String> {
    let resource = p.positionals().get(2)?;
    if resource.starts_with('/') || resource == "*" {
        return None;
    }
    let resource = resource.split('/').next().unwrap_or(resource);
    let (name, group) = match resource.split_once('.') {
        Some((n, g)) => (n, Some(g)),
        None => (resource, None),
    };
    Some(match group {
        Some(g) => {
            format!("Warning: the server doesn't have a resource type '{name}' in group '{g}'\n\n")
        }
        None => format!("Warning: the server doesn't have a resource type '{name}'\n\n"),
    })
}

/// The file a `-f` builder reads first: the file itself, or a directory's first manifest.
fn first_file(ctx: &mut Ctx, file: &str) -> String {
    let full = crate::vfs::normalize(&ctx.cwd, file);
    if !ctx.fs.is_dir(&full) {
        return file.to_string();
    }
    let first = ctx.fs.list(&full).ok().and_then(|entries| {
        entries
            .into_iter()
            .filter(|e| !e.is_dir)
            .map(|e| e.name)
            .find(|n| n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json"))
    });
    match first {
        Some(name) => format!("{}/{name}", file.trim_end_matches('/')),
        None => file.to_string(),
    }
}

/// Runs the command against an empty cluster with a copy of the files: an error that is not
/// the server's (`Error from server`, an unknown resource type) is the client's own, printed
/// before any request. Returns its status then.
fn client_side_error(cmd: &Command, p: &Parsed, ctx: &mut Ctx, io: &mut Io) -> Option<i32> {
    let mut cluster = crate::sim::Cluster::empty(0, ctx.cluster.now());
    let mut config = ctx.config.clone();
    let mut fs = ctx.fs.clone();
    let mut probe = Ctx {
        cluster: &mut cluster,
        config: &mut config,
        fs: &mut fs,
        cwd: ctx.cwd.clone(),
        live: false,
        tty: false,
        foreground: None,
        unreachable: None,
    };
    let mut out = Io::new(io.stdin.clone());
    out.cwd = io.cwd.clone();
    let status = (cmd.run)(&mut probe, p, &mut out);
    let err = out.stderr_text();
    // The empty cluster has nothing: whatever was not found is the server's answer.
    let servers = err.starts_with("Error from server")
        || err.contains(" not found")
        || err.contains("the server doesn't have a resource type")
        || err.contains("the server could not find the requested resource");
    if status == 0 || servers || err.is_empty() {
        return None;
    }
    io.err(err);
    Some(status)
}

/// `kubectl config` with no kubeconfig file: an empty config.
fn config_without_file(positionals: &[String], io: &mut Io) -> Option<i32> {
    match positionals.first().map(String::as_str) {
        Some("view") => {
            io.out("apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n");
            Some(0)
        }
        Some("current-context") => {
            io.err("error: current-context is not set\n");
            Some(1)
        }
        Some("get-contexts") => {
            io.out("CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n");
            Some(0)
        }
        Some("get-clusters") => {
            io.out("NAME\n");
            Some(0)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_server() {
        let local = Unreachable::no_kubeconfig();
        assert_eq!(
            local.refused(),
            "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n"
        );
        assert_eq!(
            local.get("/api?timeout=32s"),
            "Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused"
        );
        let cp = Unreachable::server("https://192.168.1.2:6443");
        assert_eq!(
            cp.dial(),
            "dial tcp 192.168.1.2:6443: connect: connection refused"
        );
        let lines = memcache_lines(&cp, crate::sim::clock::CLUSTER_CREATED_MS, 2);
        assert_eq!(lines.lines().count(), 2);
        assert!(lines.starts_with("E1112 09:14:22.000137 "));
        assert!(lines.contains(" memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"https://192.168.1.2:6443/api?timeout=32s\\\": dial tcp 192.168.1.2:6443: connect: connection refused\"\n"));
    }
}

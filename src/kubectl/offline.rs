//! kubectl without a kubeconfig (a worker node of a kubeadm cluster has only
//! `/etc/kubernetes/kubelet.conf`): client-go falls back to `http://localhost:8080`, where
//! nothing listens. Commands that never call the server still work (help, `version --client`,
//! `create <generator> --dry-run=client`, `config`); the others fail as kubectl v1.31 fails.
//!
//! What they print depends on how they reach the server: commands that map resources through
//! discovery first log client-go's memcache error (klog, `"Unhandled Error"` since v1.31) and
//! then `checkErr`'s connection message; typed clients (`create deployment`, `create
//! namespace`…) print only the message; `-f` builders cannot map the file's kinds.

use super::flags::GLOBAL_FLAGS;
use crate::shell::Io;
use crate::sim::clock::{civil, TimeMs};

/// What kubectl does with no server to talk to.
#[derive(Debug, PartialEq, Eq)]
pub enum Offline {
    /// The command runs without the server: run it as usual.
    Run,
    /// `version`: the client's lines, then the connection error.
    ClientVersionThenRefused,
    /// It failed (printed); the exit status.
    Failed(i32),
}

const REFUSED: &str =
    "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n";
const DIAL: &str =
    "Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused";

/// `E1207 12:34:56.789012   12345 memcache.go:265] "Unhandled Error" err="couldn't get current
/// server API group list: …"` lines, as many as the command's discovery attempts make.
fn memcache_lines(now: TimeMs, count: usize) -> String {
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
            DIAL.replace('"', "\\\"")
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

/// Decides (and prints, when it fails) what kubectl `args` does with no server configured.
pub fn without_server(args: &[String], now: TimeMs, io: &mut Io) -> Offline {
    let before_dash: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .take_while(|a| *a != "--")
        .collect();
    if before_dash.iter().any(|a| *a == "-h" || *a == "--help") {
        return Offline::Run;
    }
    let Some(ci) = command_index(args) else {
        return Offline::Run;
    };
    let cmd = args[ci].as_str();
    if !super::COMMAND_NAMES.contains(&cmd) {
        // cobra's unknown-command message is the client's.
        return Offline::Run;
    }
    let rest = &before_dash[(ci + 1).min(before_dash.len())..];
    let flag_true = |name: &str| {
        rest.iter().any(|a| {
            *a == format!("--{name}")
                || *a == format!("--{name}=true")
                || (name == "dry-run" && *a == "--dry-run=client")
        })
    };
    let file = rest.iter().enumerate().find_map(|(i, a)| {
        if *a == "-f" || *a == "--filename" || *a == "-k" || *a == "--kustomize" {
            Some(rest.get(i + 1).copied().unwrap_or("").to_string())
        } else {
            a.strip_prefix("--filename=")
                .or_else(|| a.strip_prefix("-f"))
                .filter(|v| !v.is_empty())
                .map(|v| v.trim_start_matches('=').to_string())
        }
    });
    let fail_discovery = |io: &mut Io, lines: usize| {
        io.err(memcache_lines(now, lines));
        io.err(REFUSED);
        Offline::Failed(1)
    };
    match cmd {
        "help" | "completion" | "options" | "plugin" | "kustomize" => Offline::Run,
        "version" => {
            if flag_true("client") {
                Offline::Run
            } else {
                Offline::ClientVersionThenRefused
            }
        }
        "config" => config_without_file(rest, io),
        "create" | "apply" | "replace" | "delete" if file.is_some() => {
            io.err(memcache_lines(now, 1));
            io.err(format!(
                "error: unable to recognize \"{}\": {DIAL}\n",
                file.unwrap_or_default()
            ));
            Offline::Failed(1)
        }
        "create" | "apply" => {
            let generator = rest.iter().any(|a| !a.starts_with('-'));
            if !generator || cmd == "apply" || flag_true("dry-run") {
                // `create` alone and `apply` without -f fail on the client's checks.
                Offline::Run
            } else {
                // The typed clients of `create deployment`, `create namespace`… post at once.
                io.err(REFUSED);
                Offline::Failed(1)
            }
        }
        // `run` maps the generated Pod through discovery before it looks at --dry-run.
        "run" => fail_discovery(io, 1),
        _ => fail_discovery(io, 5),
    }
}

/// `kubectl config` with no kubeconfig file: an empty config.
fn config_without_file(rest: &[&str], io: &mut Io) -> Offline {
    match rest.iter().find(|a| !a.starts_with('-')).copied() {
        Some("view") => {
            io.out("apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n");
            Offline::Failed(0)
        }
        Some("current-context") => {
            io.err("error: current-context is not set\n");
            Offline::Failed(1)
        }
        Some("get-contexts") => {
            io.out("CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n");
            Offline::Failed(0)
        }
        Some("get-clusters") => {
            io.out("NAME\n");
            Offline::Failed(0)
        }
        _ => Offline::Run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> (Offline, String) {
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut io = Io::new(String::new());
        let r = without_server(&args, crate::sim::clock::CLUSTER_CREATED_MS, &mut io);
        (r, io.stderr_text())
    }

    #[test]
    fn what_needs_the_server() {
        let (r, err) = run("get pods");
        assert_eq!(r, Offline::Failed(1));
        assert_eq!(err.lines().count(), 6);
        assert!(err.starts_with("E1112 09:14:22.000137 "));
        assert!(err.contains(" memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"http://localhost:8080/api?timeout=32s\\\": dial tcp 127.0.0.1:8080: connect: connection refused\"\n"));
        assert!(err.ends_with(REFUSED));
        assert_eq!(run("version --client").0, Offline::Run);
        assert_eq!(run("version").0, Offline::ClientVersionThenRefused);
        assert_eq!(run("get pods --help").0, Offline::Run);
        assert_eq!(
            run("create deploy x --image=nginx --dry-run=client -o yaml").0,
            Offline::Run
        );
        assert_eq!(
            run("create ns x"),
            (Offline::Failed(1), REFUSED.to_string())
        );
        assert_eq!(
            run("run x --image=nginx --dry-run=client -o yaml")
                .1
                .lines()
                .count(),
            2
        );
        assert!(run("apply -f pod.yaml")
            .1
            .contains("error: unable to recognize \"pod.yaml\""));
        assert_eq!(run("").0, Offline::Run);
        assert_eq!(run("foo").0, Offline::Run);
    }
}

//! `ssh` and `scp` between the cluster's nodes. The session keeps a stack of login shells: `ssh
//! node01` pushes a fresh login shell on node01 (its own files, `/root`, `node01 $ `), `exit`
//! or `logout` pops it and prints what OpenSSH prints when the connection closes. `ssh node01
//! CMD` runs CMD there and comes back, as a remote `bash -c` would.
//!
//! Logging in prints nothing but OpenSSH's `Last login:` line from the second login to a node
//! on (the first login of a session has none: the transcripts and lessons expect a quiet
//! login, and the banner a lab's image may add is not the node's own).

use std::collections::BTreeMap;

use crate::sim::clock::{ctime, TimeMs};
use crate::sim::Cluster;

/// `ssh` without a destination (OpenSSH 9.6).
pub const SSH_USAGE: &str =
    "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
";

/// `scp` without enough operands (OpenSSH 9.6).
const SCP_USAGE: &str =
    "usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]
           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]
           [-P port] [-S program] [-X sftp_option] source ... target
";

/// Options of ssh that take an argument.
const SSH_ARG_OPTS: &str = "BbcDEeFIiJLlmOoPpRSWw";

/// A parsed `ssh` command line.
#[derive(Debug, PartialEq, Eq)]
pub struct SshCall {
    pub node: String,
    /// The remote command, its words joined with spaces (None: an interactive login).
    pub command: Option<String>,
}

/// The node a host name or address names (case-insensitive, as ssh lowercases host names).
fn resolve(cluster: &Cluster, host: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    cluster
        .kubelets
        .iter()
        .find(|k| k.node_name() == host || k.config.ip == host)
        .map(|k| k.node_name().to_string())
        .or_else(|| matches!(host.as_str(), "localhost" | "127.0.0.1").then(String::new))
}

/// Parses `ssh ARGS` on `from`: the call, or what ssh prints and its status.
pub fn parse_ssh(cluster: &Cluster, from: &str, args: &[String]) -> Result<SshCall, (String, i32)> {
    let mut i = 0;
    let mut login = None;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        let Some(opts) = a.strip_prefix('-').filter(|o| !o.is_empty()) else {
            break;
        };
        let mut chars = opts.chars();
        while let Some(c) = chars.next() {
            if SSH_ARG_OPTS.contains(c) {
                let rest: String = chars.collect();
                let value = if rest.is_empty() {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            return Err((
                                format!("ssh: option requires an argument -- {c}\n{SSH_USAGE}"),
                                255,
                            ))
                        }
                    }
                } else {
                    rest
                };
                if c == 'l' {
                    login = Some(value);
                }
                break;
            } else if !"46AaCfGgKkMNnqsTtVvXxYy".contains(c) {
                return Err((format!("unknown option -- {c}\n{SSH_USAGE}"), 255));
            }
        }
        i += 1;
    }
    let Some(dest) = args.get(i) else {
        return Err((SSH_USAGE.to_string(), 255));
    };
    let (user, host) = match dest.rsplit_once('@') {
        Some((u, h)) => (Some(u.to_string()), h.to_string()),
        None => (login, dest.clone()),
    };
    let Some(node) = resolve(cluster, &host) else {
        return Err((
            format!(
                "ssh: Could not resolve hostname {}: Name or service not known\n",
                host.to_ascii_lowercase()
            ),
            255,
        ));
    };
    let node = if node.is_empty() {
        from.to_string()
    } else {
        node
    };
    if let Some(u) = user.filter(|u| u != "root") {
        return Err((format!("{u}@{host}: Permission denied (publickey).\n"), 255));
    }
    let words = &args[i + 1..];
    Ok(SshCall {
        node,
        command: (!words.is_empty()).then(|| words.join(" ")),
    })
}

/// OpenSSH's `Last login:` line (ctime format, from the address the login came from).
pub fn last_login_line(at: TimeMs, from_ip: &str) -> String {
    format!("Last login: {} from {from_ip}\n", ctime(at))
}

/// The address of a node.
pub fn node_ip(cluster: &Cluster, node: &str) -> String {
    cluster
        .kubelets
        .iter()
        .find(|k| k.node_name() == node)
        .map(|k| k.config.ip.clone())
        .unwrap_or_else(|| "127.0.0.1".to_string())
}

/// Notes a login to `node` and returns the `Last login:` line of the one before, if any.
pub fn record_login(
    logins: &mut BTreeMap<String, (TimeMs, String)>,
    node: &str,
    now: TimeMs,
    from_ip: String,
) -> String {
    let line = logins
        .get(node)
        .map(|(t, ip)| last_login_line(*t, ip))
        .unwrap_or_default();
    logins.insert(node.to_string(), (now, from_ip));
    line
}

/// `scp [-r] SOURCE... TARGET` between nodes (`host:path`, `user@host:path` or a local path on
/// `from`, relative to `cwd`; remote relative paths start in `/root`). Returns the status.
pub fn scp(
    cluster: &mut Cluster,
    from: &str,
    cwd: &str,
    args: &[String],
    io: &mut crate::shell::Io,
) -> i32 {
    let mut operands = Vec::new();
    let mut recursive = false;
    let mut quiet = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(opts) = a.strip_prefix('-').filter(|o| !o.is_empty()) {
            if opts.contains('r') {
                recursive = true;
            }
            if opts.contains('q') {
                quiet = true;
            }
            if opts.chars().any(|c| "cDFiJloPSX".contains(c)) {
                i += 1;
            }
        } else {
            operands.push(a.clone());
        }
        i += 1;
    }
    if operands.len() < 2 {
        io.err(SCP_USAGE);
        return 1;
    }
    // Each operand as (node, absolute path).
    let place = |op: &str| -> Result<(String, String), (String, i32)> {
        let remote = op
            .split_once(':')
            .filter(|(h, _)| !h.contains('/') && !h.is_empty());
        match remote {
            Some((host, path)) => {
                let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
                let node = match resolve(cluster, host) {
                    Some(n) if n.is_empty() => from.to_string(),
                    Some(n) => n,
                    None => {
                        return Err((
                            format!(
                                "ssh: Could not resolve hostname {}: Name or service not known\nscp: Connection closed\n",
                                host.to_ascii_lowercase()
                            ),
                            255,
                        ))
                    }
                };
                let path = if path.is_empty() { "." } else { path };
                Ok((node, crate::vfs::normalize("/root", path)))
            }
            None => Ok((from.to_string(), crate::vfs::normalize(cwd, op))),
        }
    };
    let mut places = Vec::new();
    for op in &operands {
        match place(op) {
            Ok(p) => places.push(p),
            Err((msg, status)) => {
                io.err(msg);
                return status;
            }
        }
    }
    let Some((dst_node, dst_path)) = places.pop() else {
        return 1;
    };
    let now = cluster.now();
    let mut status = 0;
    for (op, (src_node, src_path)) in operands.iter().zip(places) {
        let Some(src_fs) = cluster.node_fs.get(&src_node) else {
            continue;
        };
        if src_fs.is_dir(&src_path) && !recursive {
            io.err(format!("scp: {op}: not a regular file\n"));
            status = 1;
            continue;
        }
        let Ok(content) = src_fs.read(&src_path) else {
            if src_node == from && !op.contains(':') {
                io.err(format!(
                    "scp: stat local \"{op}\": No such file or directory\n"
                ));
            } else {
                io.err(format!("scp: {src_path}: No such file or directory\n"));
            }
            status = 1;
            continue;
        };
        let name = src_path.rsplit('/').next().unwrap_or("").to_string();
        let Some(dst_fs) = cluster.node_fs.get_mut(&dst_node) else {
            continue;
        };
        let target = if dst_fs.is_dir(&dst_path) {
            format!("{}/{name}", dst_path.trim_end_matches('/'))
        } else {
            dst_path.clone()
        };
        if let Err(e) = dst_fs.write(&target, &content, now) {
            io.err(format!(
                "scp: dest open \"{target}\": {e}\nscp: failed to upload file {op} to {target}\n"
            ));
            status = 1;
            continue;
        }
        if !quiet {
            io.out(progress_line(&name, content.len() as u64));
        }
    }
    status
}

/// The last state of OpenSSH's progress meter on an 80-column terminal: the file name, 100%,
/// the size and the rate (`progressmeter.c`).
fn progress_line(name: &str, bytes: u64) -> String {
    const UNITS: &[u8] = b" KMGT";
    let size = {
        let (mut b, mut i) = (bytes, 0);
        while b >= 10_000 && i + 1 < UNITS.len() {
            b = (b + 512) / 1024;
            i += 1;
        }
        format!("{b:4}{}{}", UNITS[i] as char, if i > 0 { "B" } else { " " })
    };
    // A LAN copy of a small file: the rate grows with the size, as a short transfer shows.
    let rate_bytes = 180_000 + bytes.saturating_mul(1_400);
    let rate = {
        let (mut b, mut i) = (rate_bytes * 100, 0);
        while b >= 100 * 1000 && i + 1 < UNITS.len() {
            b = (b + 512) / 1024;
            i += 1;
        }
        if i == 0 {
            i = 1;
            b = (b + 512) / 1024;
        }
        format!(
            "{:3}.{}{}{}",
            (b + 5) / 100,
            (b + 5) / 10 % 10,
            UNITS[i] as char,
            "B"
        )
    };
    format!("{name:<44} 100% {size} {rate}/s   00:00    \n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress() {
        assert_eq!(
            progress_line("static-busybox.yaml", 265),
            "static-busybox.yaml                          100%  265   538.1KB/s   00:00    \n"
        );
    }

    #[test]
    fn a_login_survives_a_save_and_exit_comes_back() {
        let mut s = crate::session::Session::new(1);
        s.run_line("cd /tmp");
        s.run_line("ssh node01");
        assert_eq!(s.prompt(), "node01 $ ");
        assert_eq!(s.shell.cwd(), "/root");
        s.run_line("echo hi > /root/here");
        assert!(s.cluster.node_fs["node01"].is_file("/root/here"));
        assert!(!s.cluster.node_fs["controlplane"].is_file("/root/here"));
        let mut s = crate::session::Session::load(&s.save()).unwrap();
        assert_eq!(s.login_stack(), vec!["controlplane"]);
        let out = s.run_line("exit 2");
        assert_eq!(
            out.result.output,
            vec![crate::shell::TermChunk::Err(
                "logout\nConnection to node01 closed.\n".into()
            )]
        );
        assert_eq!(s.prompt(), "controlplane $ ");
        assert_eq!(s.shell.cwd(), "/tmp");
        assert_eq!(s.shell.last_status(), 2);
        assert_eq!(s.shell.take_exit(), None);
        // `exit` on the first shell still asks the caller to end the session.
        s.run_line("exit");
        assert_eq!(s.shell.take_exit(), Some(2));
    }

    #[test]
    fn ssh_arguments() {
        let c = crate::sim::bootstrap::kubeadm_cluster(1);
        let args = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_string).collect() };
        assert_eq!(
            parse_ssh(&c, "controlplane", &args("root@node01")),
            Ok(SshCall {
                node: "node01".into(),
                command: None
            })
        );
        assert_eq!(
            parse_ssh(&c, "controlplane", &args("-t NODE01 hostname -f")),
            Ok(SshCall {
                node: "node01".into(),
                command: Some("hostname -f".into())
            })
        );
        assert_eq!(
            parse_ssh(&c, "controlplane", &args("foo")),
            Err((
                "ssh: Could not resolve hostname foo: Name or service not known\n".into(),
                255
            ))
        );
        assert_eq!(parse_ssh(&c, "controlplane", &[]).unwrap_err().1, 255);
    }
}

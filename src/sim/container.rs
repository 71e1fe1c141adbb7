//! Inside a container: its filesystem, its process and what its server answers.
//!
//! * [`Context`] is what a container is: pod, addresses, image userland, environment.
//! * [`program_of`] decides what the container's process is from `command`/`args` and the image:
//!   the image's server, a fixed exit, or a script.
//! * [`Process`] runs a script with the crate's shell against **virtual time**: it is stepped up
//!   to an instant and pauses at `sleep`, so `while true; do echo …; sleep 5; done` logs a line
//!   every 5 s of cluster time. Lists, `&&`/`||` chains, `while`/`until`/`for` loops, `if` and
//!   `{ }` are walked here (that is where a script can pause); every other command runs whole in
//!   the shell.
//! * [`serve_http`] is the image's HTTP behaviour (nginx's welcome page and 404, httpd's "It
//!   works!", the bootcamp and hello-app answers, health endpoints).
//! * [`ExecSys`] runs commands inside a container (`kubectl exec`, exec probes).
//!
//! Invariant: nothing here reads the wall clock or a global RNG; time comes in as arguments.

use crate::sim::object::Pointer as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clock::{civil, rfc3339, TimeMs};
use super::object::str_at;
use super::registry::{base_of, parse_ref, version_of, App, Base, Behaviour, Image};
use crate::shell::parse::{self, AndOr, Command, Compound, List, Pipeline};
use crate::shell::{Flow, Io, Shell, Stream, System};
use crate::vfs::Fs;

/// Most log lines kept per container instance (the kubelet rotates logs at 10 MiB).
pub const MAX_LOG_LINES: usize = 5_000;
/// Longest log line kept, in bytes.
const MAX_LINE_BYTES: usize = 16 * 1024;
/// Commands a script may run without time passing before it counts as a busy loop.
const SPIN_LIMIT: usize = 20_000;
/// Commands one step may run at most (bounds the work of one kubelet sync).
const STEP_LIMIT: usize = 50_000;

/// One line a container wrote, with when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub ts: TimeMs,
    pub text: String,
}

/// A container's log: bounded, oldest lines drop off.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Log {
    pub lines: std::collections::VecDeque<LogLine>,
}

impl Log {
    pub fn push(&mut self, ts: TimeMs, text: &str) {
        let mut text = text.to_string();
        if text.len() > MAX_LINE_BYTES {
            let mut cut = MAX_LINE_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        self.lines.push_back(LogLine { ts, text });
        while self.lines.len() > MAX_LOG_LINES {
            self.lines.pop_front();
        }
    }

    /// Lines written at or before `now`.
    pub fn until(&self, now: TimeMs) -> impl Iterator<Item = &LogLine> {
        self.lines.iter().filter(move |l| l.ts <= now)
    }
}

/// What a container is, fixed when it starts.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Context {
    pub pod: String,
    pub namespace: String,
    pub pod_uid: String,
    pub pod_ip: String,
    pub node: String,
    pub container: String,
    /// The image as the spec names it.
    pub image: String,
    pub base: Base,
    pub tools: Vec<String>,
    pub app: App,
    pub version: String,
    /// The image's server is running (its ports listen).
    pub serving: bool,
    pub ports: Vec<u16>,
    /// `command` + `args`.
    pub argv: Vec<String>,
    /// The environment, in the order the runtime sets it.
    pub env: Vec<(String, String)>,
    pub host_network: bool,
    /// `stdin: true`: the main process has an open stdin (`kubectl run -i`), so a shell with no
    /// script waits on it instead of exiting.
    #[serde(default)]
    pub stdin: bool,
    /// Processes of other containers this one sees (user, command line): its debug target's,
    /// or, with `shareProcessNamespace`, the pause process and the pod's other containers'.
    #[serde(default)]
    pub shared_ps: Vec<(String, String)>,
}

impl Context {
    /// Is `name` on the container's `$PATH` (shells, the base's applets, the image's tools)?
    pub fn has_tool(&self, name: &str) -> bool {
        let name = name.rsplit('/').next().unwrap_or(name);
        if self.tools.iter().any(|t| t == name) {
            return true;
        }
        match self.base {
            Base::Distroless => false,
            Base::Debian => matches!(name, "bash" | "sh" | "dash" | "tar") || is_coreutil(name),
            Base::Alpine | Base::Busybox => {
                matches!(
                    name,
                    "sh" | "ash" | "wget" | "nslookup" | "ping" | "ps" | "nc" | "busybox" | "tar"
                ) || is_coreutil(name)
            }
        }
    }

    /// The shell a script runs in, as error messages name it.
    fn shell_name(&self) -> &'static str {
        match self.base {
            Base::Alpine | Base::Busybox => "sh",
            _ => "sh",
        }
    }

    /// `sh: curl: not found` as this image's shell says it.
    pub fn not_found(&self, shell: &str, name: &str) -> String {
        match (self.base, shell) {
            (Base::Debian, "bash") => format!("bash: line 1: {name}: command not found\n"),
            (Base::Debian, _) => format!("sh: 1: {name}: not found\n"),
            _ => format!("sh: {name}: not found\n"),
        }
    }

    /// The pod's name, or the node's on the host network (its UTS namespace too).
    pub fn hostname(&self) -> &str {
        if self.host_network && !self.node.is_empty() {
            &self.node
        } else {
            &self.pod
        }
    }

    /// Ports the container listens on (its server's, when the server runs).
    pub fn listens(&self, port: u16) -> bool {
        self.serving && self.ports.contains(&port)
    }
}

/// Utilities the crate's shell provides itself and every image with a shell has.
fn is_coreutil(name: &str) -> bool {
    matches!(
        name,
        "cat"
            | "ls"
            | "echo"
            | "env"
            | "printenv"
            | "hostname"
            | "sleep"
            | "date"
            | "mkdir"
            | "rm"
            | "cp"
            | "mv"
            | "touch"
            | "head"
            | "tail"
            | "wc"
            | "grep"
            | "sed"
            | "awk"
            | "sort"
            | "uniq"
            | "cut"
            | "tr"
            | "tee"
            | "seq"
            | "true"
            | "false"
            | "pwd"
            | "whoami"
            | "id"
            | "uname"
            | "test"
            | "["
            | "printf"
            | "basename"
            | "dirname"
            | "find"
            | "xargs"
            | "chmod"
            | "chown"
            | "rmdir"
            | "base64"
            | "timeout"
            | "which"
            | "kill"
            | "readlink"
            | "realpath"
            | "nl"
            | "rev"
            | "tac"
            | "more"
            | "less"
    )
}

/// What the container's main process is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    /// The image's own server: runs until stopped.
    Server,
    /// The image's default process ends by itself (a shell with no input, `curl` with no URL).
    Exits { after_ms: i64, code: i32 },
    /// `command`/`args` run through the shell.
    Script(Vec<String>),
    /// The runtime cannot start it (`exec: "foo": executable file not found in $PATH`).
    StartError(String),
    /// The image's program refuses its command line: it logs why and exits with `code`.
    Fails {
        after_ms: i64,
        code: i32,
        log: Vec<String>,
    },
}

fn words_of(spec: &Value, key: &str) -> Vec<String> {
    spec.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Binaries that start the image's server.
fn is_server_binary(app: &App, name: &str) -> bool {
    match app {
        App::Nginx => matches!(name, "nginx" | "nginx-debug" | "docker-entrypoint.sh"),
        App::Httpd => matches!(name, "httpd-foreground" | "httpd"),
        _ => false,
    }
}

pub(crate) const SHELLS: &[&str] = &["sh", "bash", "ash", "dash"];

/// What runs in a container with this spec and image.
pub fn program_of(spec: &Value, image: &Image, ctx: &Context) -> Program {
    let mut argv = words_of(spec, "command");
    argv.extend(words_of(spec, "args"));
    let Some(first) = argv.first() else {
        return match image.behaviour {
            Behaviour::Serve => Program::Server,
            // The image's shell, waiting on an open stdin (`kubectl run -it --image=busybox`).
            Behaviour::ExitAfterMs(_, 0) if ctx.stdin && ctx.has_tool("sh") => {
                Program::Script(vec!["sh".into()])
            }
            Behaviour::ExitAfterMs(ms, code) => Program::Exits { after_ms: ms, code },
        };
    };
    let name = first.rsplit('/').next().unwrap_or(first).to_string();
    if let Some(program) = control_plane_program(image, &name, &argv) {
        return program;
    }
    if first.starts_with('-') || is_server_binary(&image.app, &name) {
        // Flags for the image's entrypoint, or the server binary itself.
        return if matches!(image.behaviour, Behaviour::Serve) {
            Program::Server
        } else {
            Program::Script(argv)
        };
    }
    if ctx.base == Base::Distroless {
        // No shell or coreutils: whatever runs is the image's own binary.
        return if SHELLS.contains(&name.as_str()) || is_coreutil(&name) {
            Program::StartError(start_error(first))
        } else {
            Program::Server
        };
    }
    if ctx.has_tool(&name) || super::network::is_net_tool(&name) && ctx.has_tool(&name) {
        return Program::Script(argv);
    }
    if matches!(image.behaviour, Behaviour::Serve) && !ctx.has_tool(&name) {
        // The image's own server started with its own binary name (`redis-server`).
        return Program::Server;
    }
    Program::StartError(start_error(first))
}

/// The flags each control-plane binary knows (kubeadm's, and the ones lessons add); a flag
/// that starts with one of the `…-` prefixes is a family (`--audit-log-…`).
const CONTROL_PLANE_FLAGS: &[(&str, &str)] = &[
    ("kube-apiserver", "advertise-address allow-privileged authorization-mode client-ca-file enable-admission-plugins disable-admission-plugins enable-bootstrap-token-auth etcd-cafile etcd-certfile etcd-keyfile etcd-servers etcd-prefix kubelet-client-certificate kubelet-client-key kubelet-preferred-address-types kubelet-certificate-authority proxy-client-cert-file proxy-client-key-file requestheader-allowed-names requestheader-client-ca-file requestheader-extra-headers-prefix requestheader-group-headers requestheader-username-headers secure-port bind-address service-account-issuer service-account-key-file service-account-signing-key-file service-cluster-ip-range service-node-port-range tls-cert-file tls-private-key-file tls-cipher-suites tls-min-version anonymous-auth encryption-provider-config runtime-config feature-gates v vmodule profiling event-ttl token-auth-file enable-aggregator-routing endpoint-reconciler-type max-requests-inflight max-mutating-requests-inflight request-timeout authentication-token-webhook-config-file authorization-webhook-config-file authorization-config admission-control-config-file apiserver-count storage-backend watch-cache default-not-ready-toleration-seconds default-unreachable-toleration-seconds logging-format external-hostname cors-allowed-origins api-audiences enable-priority-and-fairness audit- oidc- service-account-"),
    ("kube-controller-manager", "allocate-node-cidrs authentication-kubeconfig authorization-kubeconfig bind-address client-ca-file cluster-cidr cluster-name cluster-signing-cert-file cluster-signing-key-file cluster-signing-duration controllers kubeconfig leader-elect leader-elect- requestheader-client-ca-file root-ca-file service-account-private-key-file service-cluster-ip-range use-service-account-credentials node-cidr-mask-size node-monitor-grace-period node-monitor-period terminated-pod-gc-threshold concurrent- horizontal-pod-autoscaler- feature-gates v vmodule profiling secure-port tls-cert-file tls-private-key-file logging-format master"),
    ("kube-scheduler", "authentication-kubeconfig authorization-kubeconfig bind-address kubeconfig leader-elect leader-elect- config secure-port feature-gates v vmodule profiling tls-cert-file tls-private-key-file logging-format master"),
    ("etcd", "advertise-client-urls cert-file client-cert-auth data-dir experimental-initial-corrupt-check experimental-watch-progress-notify-interval initial-advertise-peer-urls initial-cluster initial-cluster-state initial-cluster-token key-file listen-client-urls listen-metrics-urls listen-peer-urls name peer-cert-file peer-client-cert-auth peer-key-file peer-trusted-ca-file snapshot-count trusted-ca-file auto-compaction-retention auto-compaction-mode quota-backend-bytes heartbeat-interval election-timeout log-level logger"),
];

/// A control-plane image (`registry.k8s.io/kube-apiserver`…) started with a command line its
/// binary cannot run: another binary, an unknown flag, or (kube-apiserver) an etcd that is
/// not there. `None` when the line is fine or the image is not a control-plane one.
fn control_plane_program(image: &Image, name: &str, argv: &[String]) -> Option<Program> {
    let component = image.repository.rsplit('/').next()?;
    let known = CONTROL_PLANE_FLAGS
        .iter()
        .find(|(c, _)| *c == component)
        .map(|(_, f)| *f)?;
    let flags = if argv[0].starts_with('-') {
        argv
    } else if name != component {
        return Some(Program::StartError(start_error(&argv[0])));
    } else {
        &argv[1..]
    };
    let fails = |after_ms: i64, log: Vec<String>| {
        Some(Program::Fails {
            after_ms,
            code: 1,
            log,
        })
    };
    for a in flags {
        let Some(flag) = a.strip_prefix("--") else {
            if let Some(short) = a.strip_prefix('-').and_then(|s| s.chars().next()) {
                if short != 'v' {
                    return fails(
                        300,
                        vec![format!("Error: unknown shorthand flag: '{short}' in {a}")],
                    );
                }
            }
            continue;
        };
        let flag_name = flag.split('=').next().unwrap_or(flag);
        let is_known = known
            .split(' ')
            .any(|k| k == flag_name || (k.ends_with('-') && flag_name.starts_with(k)));
        if !is_known {
            return fails(300, vec![format!("Error: unknown flag: --{flag_name}")]);
        }
        if component == "kube-apiserver" && flag_name == "etcd-servers" {
            let value = flag.split_once('=').map(|(_, v)| v).unwrap_or("");
            let reachable = value.split(',').any(|u| {
                let hp = u.split("://").nth(1).unwrap_or(u).trim_end_matches('/');
                matches!(hp, "127.0.0.1:2379" | "localhost:2379" | "192.168.1.2:2379")
            });
            if !reachable {
                let first = value.split(',').next().unwrap_or("");
                let addr = first
                    .split("://")
                    .nth(1)
                    .unwrap_or(first)
                    .trim_end_matches('/');
                return fails(
                    20_000,
                    vec![
                        "{klog}       1 options.go:228] external host was not specified, using 192.168.1.2".into(),
                        "{klog}       1 server.go:142] Version: v1.31.9".into(),
                        format!("W{{klog}}       1 logging.go:55] [core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {{Addr: \"{addr}\", ServerName: \"{addr}\", }}. Err: connection error: desc = \"transport: Error while dialing: dial tcp {addr}: connect: connection refused\""),
                        "E{klog}       1 run.go:72] \"command failed\" err=\"context deadline exceeded\"".into(),
                    ],
                );
            }
        }
    }
    None
}

fn start_error(name: &str) -> String {
    format!("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"{name}\": executable file not found in $PATH: unknown")
}

/// Quotes `argv` into one shell line.
pub fn quote_argv(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a container reaches outside itself while a command runs in it: the network tools
/// (implemented in `network`), and time (virtual for a container's own process, the cluster's
/// clock for `kubectl exec`).
pub trait Outside {
    /// Runs `curl`/`wget`/`nslookup`/`ping` from this container; `None` if `argv[0]` is not a
    /// network tool. Returns the exit status and how long the tool took.
    fn net_tool(
        &mut self,
        ctx: &Context,
        fs: &mut Fs,
        argv: &[String],
        io: &mut Io,
        now: TimeMs,
    ) -> Option<(i32, i64)>;
}

/// An [`Outside`] with no network: every name fails to resolve.
pub struct Offline;

impl Outside for Offline {
    fn net_tool(
        &mut self,
        _ctx: &Context,
        _fs: &mut Fs,
        _argv: &[String],
        _io: &mut Io,
        _now: TimeMs,
    ) -> Option<(i32, i64)> {
        None
    }
}

/// The shell's view of a container while a command runs in it.
pub struct ExecSys<'a> {
    pub fs: &'a mut Fs,
    pub ctx: &'a Context,
    pub outside: &'a mut dyn Outside,
    /// The container's clock. `sleep` advances it (and, for `kubectl exec`, the caller moves the
    /// cluster on by `slept_ms` afterwards).
    pub clock: TimeMs,
    pub slept_ms: i64,
    /// The shell that runs commands (`sh` or `bash`), for "not found" messages.
    pub shell: &'static str,
}

impl System for ExecSys<'_> {
    fn fs(&mut self) -> &mut Fs {
        self.fs
    }
    fn now_ms(&self) -> i64 {
        self.clock
    }
    fn run_external(&mut self, argv: &[String], io: &mut Io) -> Option<i32> {
        let name = argv.first()?.clone();
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        if self.ctx.has_tool(&base) {
            let mut argv2 = argv.to_vec();
            argv2[0] = base.clone();
            if let Some((st, took)) = self
                .outside
                .net_tool(self.ctx, self.fs, &argv2, io, self.clock)
            {
                self.clock += took.max(0);
                self.slept_ms += took.max(0);
                return Some(st);
            }
            if base == "ps" {
                io.out(ps_output(self.ctx));
                return Some(0);
            }
            if base == "kill" {
                return Some(0);
            }
        }
        io.err(self.ctx.not_found(self.shell, &name));
        Some(127)
    }
    fn has_external(&self, name: &str) -> bool {
        self.ctx.has_tool(name) && !is_coreutil(name)
    }
    fn sleep_ms(&mut self, ms: i64) {
        let ms = ms.clamp(0, 86_400_000);
        self.clock += ms;
        self.slept_ms += ms;
    }
    fn hostname(&self) -> String {
        self.ctx.hostname().to_string()
    }
}

/// The processes a container runs, as `ps` names them (user, command line).
pub fn processes(ctx: &Context) -> Vec<(&'static str, String)> {
    if !ctx.argv.is_empty() {
        return vec![("root", ctx.argv.join(" "))];
    }
    match (&ctx.app, ctx.base) {
        (App::Nginx, _) => vec![
            ("root", "nginx: master process nginx -g daemon off;".into()),
            ("101", "nginx: worker process".into()),
            ("101", "nginx: worker process".into()),
        ],
        (_, Base::Busybox | Base::Alpine) if ctx.stdin => vec![("root", "sh".into())],
        _ => vec![(
            "root",
            ctx.image
                .rsplit('/')
                .next()
                .unwrap_or("")
                .split([':', '@'])
                .next()
                .unwrap_or("")
                .to_string(),
        )],
    }
}

/// `ps`: the processes of the container, after those of the containers whose process
/// namespace it shares (`kubectl debug --target`, `shareProcessNamespace`).
fn ps_output(ctx: &Context) -> String {
    let mut procs: Vec<(&str, String)> = ctx
        .shared_ps
        .iter()
        .map(|(u, c)| (u.as_str(), c.clone()))
        .collect();
    procs.extend(processes(ctx));
    let busybox = matches!(ctx.base, Base::Alpine | Base::Busybox);
    let mut out = if busybox {
        String::from("PID   USER     TIME  COMMAND\n")
    } else {
        String::from("    PID TTY          TIME CMD\n")
    };
    let mut pid = 1;
    for (user, cmd) in procs
        .iter()
        .map(|(u, c)| (*u, c.as_str()))
        .chain([("root", "ps")])
    {
        if busybox {
            out.push_str(&format!("{pid:>5} {user:<8}  0:00 {cmd}\n"));
        } else {
            let short = cmd.split_whitespace().next().unwrap_or("");
            out.push_str(&format!("{pid:>7} ?        00:00:00 {short}\n"));
        }
        pid = if pid == 1 && procs.len() == 1 {
            7
        } else {
            pid + 6
        };
    }
    out
}

/// A shell set up as the container's: its environment, `/` as the working directory, and the
/// shells the image does not have answering "not found".
pub fn container_shell(ctx: &Context, tty: bool) -> Shell {
    let mut sh = Shell::new();
    sh.vars.clear();
    let path = match ctx.base {
        Base::Alpine | Base::Busybox => {
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        }
        _ => "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    };
    sh.set_var("PATH", path);
    sh.set_var("HOSTNAME", ctx.hostname());
    for (k, v) in &ctx.env {
        if parse::is_name(k) {
            sh.set_var(k, v);
        }
    }
    if tty {
        sh.set_var("TERM", "xterm");
    }
    sh.set_var("HOME", "/root");
    sh.set_cwd("/");
    if !tty {
        // `env` run by the runtime has no PWD (shells set it when they start).
        sh.vars.remove("PWD");
    }
    let mut setup = String::new();
    for shell in ["bash", "sh"] {
        if !ctx.has_tool(shell) {
            let msg = ctx.not_found("sh", shell);
            setup.push_str(&format!(
                "{shell}() {{ printf '%s' {} >&2; return 127; }}\n",
                quote_argv(&[msg])
            ));
        }
    }
    if !setup.is_empty() {
        let mut fs = Fs::new();
        let mut off = Offline;
        let mut sys = ExecSys {
            fs: &mut fs,
            ctx,
            outside: &mut off,
            clock: 0,
            slept_ms: 0,
            shell: "sh",
        };
        let _ = sh.run_line(&setup, &mut sys);
        sh.history.clear();
        sh.history_base = 1;
    }
    sh
}

/// A frame of a paused script.
#[derive(Clone, Debug)]
enum Frame {
    /// The items of a list, from `next`.
    List { items: Vec<AndOr>, next: usize },
    /// The rest of an `&&`/`||` chain.
    Chain {
        rest: Vec<(bool, Pipeline)>,
        next: usize,
    },
    /// A `while`/`until` loop about to test its condition.
    Loop { until: bool, cond: List, body: List },
    For {
        var: String,
        values: Vec<String>,
        next: usize,
        body: List,
    },
}

impl Frame {
    fn is_loop(&self) -> bool {
        matches!(self, Frame::Loop { .. } | Frame::For { .. })
    }
}

/// How a script stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunState {
    Running,
    /// Waits forever without output (`sleep infinity`, `tail -f`, a busy loop, a server).
    Blocked,
    Exited(i32),
}

/// A container's script, paused at its own clock.
#[derive(Clone, Debug)]
pub struct Process {
    shell: Shell,
    frames: Vec<Frame>,
    /// The script's own time: where it has got to.
    pub clock: TimeMs,
    pub state: RunState,
    /// The script started the image's server (`… && nginx -g 'daemon off;'`).
    pub started_server: bool,
    /// Commands run since time last moved (busy-loop detection).
    idle_commands: usize,
    partial: [String; 2],
    /// The status of the last command.
    status: i32,
}

impl Process {
    /// A process for `argv` (already known to be runnable) starting at `start`. A script that
    /// does not parse fails like `sh -c` does: the message, exit status 2.
    pub fn new(argv: &[String], ctx: &Context, start: TimeMs, fs: &Fs) -> (Process, Vec<LogLine>) {
        let shell = container_shell(ctx, false);
        let mut p = Process {
            shell,
            frames: vec![],
            clock: start,
            state: RunState::Running,
            started_server: false,
            idle_commands: 0,
            partial: [String::new(), String::new()],
            status: 0,
        };
        let name = argv
            .first()
            .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
            .unwrap_or_default();
        let source: String = if SHELLS.contains(&name.as_str()) {
            let mut i = 1;
            let mut script = None;
            while i < argv.len() {
                let a = &argv[i];
                if a.starts_with('-') && a.len() > 1 && !a.starts_with("--") {
                    if a.contains('c') {
                        script = argv.get(i + 1).cloned();
                        if let Some(rest) = argv.get(i + 2..) {
                            p.shell.positional = rest.iter().skip(1).cloned().collect();
                        }
                        break;
                    }
                    i += 1;
                    continue;
                }
                // `sh script.sh args`: the file from the container's filesystem.
                script = Some(fs.read(&crate::vfs::normalize("/", a)).unwrap_or_default());
                break;
            }
            match script {
                Some(s) => s,
                None if i < argv.len() => String::new(),
                // A shell with an open stdin waits for input (a terminal to attach).
                None if ctx.stdin => {
                    p.state = RunState::Blocked;
                    return (p, vec![]);
                }
                // A shell with no input reads an empty stdin and exits.
                None => String::new(),
            }
        } else {
            quote_argv(argv)
        };
        let mut lines = vec![];
        match parse::parse(&format!("{source}\n"), &Default::default()) {
            Ok(list) => p.frames.push(Frame::List {
                items: list.items,
                next: 0,
            }),
            Err(parse::ParseError::Incomplete(_)) => {
                lines.push(LogLine {
                    ts: start,
                    text: format!("{}: syntax error: unexpected end of file", ctx.shell_name()),
                });
                p.state = RunState::Exited(2);
            }
            Err(parse::ParseError::Unexpected(tok)) => {
                lines.push(LogLine {
                    ts: start,
                    text: format!("{}: syntax error: unexpected \"{tok}\"", ctx.shell_name()),
                });
                p.state = RunState::Exited(2);
            }
        }
        (p, lines)
    }

    /// Runs the script until its clock passes `until`, it exits or blocks. Returns the lines it
    /// wrote, each at the time it was written.
    pub fn step(
        &mut self,
        until: TimeMs,
        fs: &mut Fs,
        ctx: &Context,
        outside: &mut dyn Outside,
    ) -> Vec<LogLine> {
        let mut out = vec![];
        let mut budget = STEP_LIMIT;
        while self.state == RunState::Running && self.clock <= until && budget > 0 {
            budget -= 1;
            let Some(frame) = self.frames.last_mut() else {
                self.finish(self.status, &mut out);
                break;
            };
            match frame {
                Frame::List { items, next } => {
                    let Some(item) = items.get(*next).cloned() else {
                        self.frames.pop();
                        continue;
                    };
                    *next += 1;
                    if !item.rest.is_empty() {
                        self.frames.push(Frame::Chain {
                            rest: item.rest.clone(),
                            next: 0,
                        });
                    }
                    self.pipeline(&item.first, fs, ctx, outside, &mut out);
                }
                Frame::Chain { rest, next } => {
                    let Some((and, p)) = rest.get(*next).cloned() else {
                        self.frames.pop();
                        continue;
                    };
                    *next += 1;
                    if and == (self.status == 0) {
                        self.pipeline(&p, fs, ctx, outside, &mut out);
                    }
                }
                Frame::Loop {
                    until: u,
                    cond,
                    body,
                } => {
                    let (u, cond, body) = (*u, cond.clone(), body.clone());
                    let st = self.leaf(&cond, fs, ctx, outside, &mut out);
                    if self.state != RunState::Running || self.control_flow() {
                        continue;
                    }
                    if (st == 0) != u {
                        self.frames.push(Frame::List {
                            items: body.items,
                            next: 0,
                        });
                    } else {
                        self.frames.pop();
                        self.status = 0;
                    }
                }
                Frame::For {
                    var,
                    values,
                    next,
                    body,
                } => {
                    let Some(v) = values.get(*next).cloned() else {
                        self.frames.pop();
                        continue;
                    };
                    *next += 1;
                    let var = var.clone();
                    let items = body.items.clone();
                    self.shell.assign_var(&var, &v);
                    self.frames.push(Frame::List { items, next: 0 });
                }
            }
        }
        out
    }

    fn finish(&mut self, code: i32, out: &mut Vec<LogLine>) {
        for p in self.partial.iter_mut() {
            if !p.is_empty() {
                out.push(LogLine {
                    ts: self.clock,
                    text: std::mem::take(p),
                });
            }
        }
        self.state = RunState::Exited(code);
        self.frames.clear();
    }

    /// Runs one pipeline, descending into compound commands where the script can pause.
    fn pipeline(
        &mut self,
        p: &Pipeline,
        fs: &mut Fs,
        ctx: &Context,
        outside: &mut dyn Outside,
        out: &mut Vec<LogLine>,
    ) {
        if !p.negate && p.cmds.len() == 1 {
            match &p.cmds[0] {
                Command::Simple {
                    assigns,
                    words,
                    redirs,
                } if assigns.is_empty() && redirs.is_empty() => {
                    let mut w: Vec<&str> = words.iter().map(String::as_str).collect();
                    if w.first() == Some(&"exec") {
                        w.remove(0);
                    }
                    let name = w.first().map(|n| n.rsplit('/').next().unwrap_or(n));
                    let blocks = match name {
                        Some("sleep") => w.get(1).is_some_and(|a| *a == "infinity" || *a == "inf"),
                        Some("tail") => w.iter().any(|a| {
                            *a == "-f" || *a == "-F" || *a == "--follow" || a.starts_with("-f")
                        }),
                        Some(n) if is_server_binary(&ctx.app, n) => {
                            self.started_server = true;
                            true
                        }
                        _ => false,
                    };
                    if blocks {
                        self.state = RunState::Blocked;
                        return;
                    }
                }
                Command::Compound { body, redirs } if redirs.is_empty() => match body {
                    Compound::While { until, cond, body } => {
                        self.frames.push(Frame::Loop {
                            until: *until,
                            cond: cond.clone(),
                            body: body.clone(),
                        });
                        return;
                    }
                    Compound::For { var, items, body } => {
                        let values = match items {
                            Some(ws) => {
                                let mut io = Io::new(String::new());
                                let mut sys = ExecSys {
                                    fs,
                                    ctx,
                                    outside,
                                    clock: self.clock,
                                    slept_ms: 0,
                                    shell: "sh",
                                };
                                match self.shell.expand_words(ws, &mut sys, &mut io) {
                                    Ok(v) => v,
                                    Err(msg) => {
                                        self.emit(&format!("{msg}\n"), Stream::Stderr, out);
                                        self.status = 1;
                                        return;
                                    }
                                }
                            }
                            None => self.shell.positional.clone(),
                        };
                        self.frames.push(Frame::For {
                            var: var.clone(),
                            values,
                            next: 0,
                            body: body.clone(),
                        });
                        return;
                    }
                    Compound::Brace(l) => {
                        self.frames.push(Frame::List {
                            items: l.items.clone(),
                            next: 0,
                        });
                        return;
                    }
                    Compound::If {
                        branches,
                        otherwise,
                    } => {
                        for (cond, body) in branches {
                            let st = self.leaf(cond, fs, ctx, outside, out);
                            if self.state != RunState::Running || self.control_flow() {
                                return;
                            }
                            if st == 0 {
                                self.frames.push(Frame::List {
                                    items: body.items.clone(),
                                    next: 0,
                                });
                                return;
                            }
                        }
                        if let Some(e) = otherwise {
                            self.frames.push(Frame::List {
                                items: e.items.clone(),
                                next: 0,
                            });
                        } else {
                            self.status = 0;
                        }
                        return;
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        let list = List {
            items: vec![AndOr {
                first: p.clone(),
                rest: vec![],
            }],
        };
        self.leaf(&list, fs, ctx, outside, out);
        self.control_flow();
    }

    /// Runs a list whole in the shell; its output is stamped with the clock after it.
    fn leaf(
        &mut self,
        list: &List,
        fs: &mut Fs,
        ctx: &Context,
        outside: &mut dyn Outside,
        out: &mut Vec<LogLine>,
    ) -> i32 {
        let mut io = Io::new(String::new());
        let before = self.clock;
        let loops = self.frames.iter().filter(|f| f.is_loop()).count() as u32;
        let st = {
            let mut sys = ExecSys {
                fs,
                ctx,
                outside,
                clock: self.clock,
                slept_ms: 0,
                shell: "sh",
            };
            self.shell.flow = Flow::Normal;
            self.shell.commands_run = 0;
            self.shell.output_bytes = 0;
            self.shell.depth = 0;
            self.shell.loop_depth = loops;
            self.shell.stdout_tty = false;
            let st = self.shell.run_list(list, &mut sys, &mut io);
            self.clock = sys.clock;
            st
        };
        self.status = st;
        for (stream, text) in io.chunks {
            self.emit(&text, stream, out);
        }
        if self.clock == before {
            self.idle_commands += 1;
            if self.idle_commands > SPIN_LIMIT {
                // A loop that never sleeps: it keeps a CPU busy and says nothing more here.
                self.state = RunState::Blocked;
            }
        } else {
            self.idle_commands = 0;
        }
        if self.shell.flow == Flow::Exit {
            self.finish(st, out);
        }
        st
    }

    /// Applies `break`/`continue`/`exit` left by the last command. True if frames changed.
    fn control_flow(&mut self) -> bool {
        match self.shell.flow {
            Flow::Normal => false,
            Flow::Break(n) | Flow::Continue(n) => {
                let is_break = matches!(self.shell.flow, Flow::Break(_));
                self.shell.flow = Flow::Normal;
                let mut left = n.max(1);
                while let Some(f) = self.frames.last() {
                    if f.is_loop() {
                        left -= 1;
                        if left == 0 {
                            if is_break {
                                self.frames.pop();
                            }
                            break;
                        }
                    }
                    self.frames.pop();
                }
                true
            }
            Flow::Exit | Flow::Return | Flow::Abort => {
                let st = self.status;
                self.shell.flow = Flow::Normal;
                let mut sink = vec![];
                self.finish(st, &mut sink);
                true
            }
        }
    }

    fn emit(&mut self, text: &str, stream: Stream, out: &mut Vec<LogLine>) {
        let i = if stream == Stream::Stdout { 0 } else { 1 };
        self.partial[i].push_str(text);
        while let Some(nl) = self.partial[i].find('\n') {
            let line: String = self.partial[i][..nl].to_string();
            self.partial[i].drain(..=nl);
            out.push(LogLine {
                ts: self.clock,
                text: line,
            });
        }
    }
}

impl Process {
    /// A loop that never sleeps: it keeps a CPU busy.
    pub fn busy(&self) -> bool {
        self.state == RunState::Blocked && self.idle_commands > SPIN_LIMIT
    }
}

/// BusyBox words some errors differently from GNU coreutils.
pub fn busyboxify(text: &str) -> String {
    text.lines()
        .map(|l| {
            for (cmd, prefix) in [("cat", "cat: "), ("ls", "ls: cannot access ")] {
                if let Some(rest) = l.strip_prefix(prefix) {
                    if let Some(file) = rest.strip_suffix(": No such file or directory") {
                        let file = file.trim_matches('\'');
                        return if cmd == "cat" {
                            format!("cat: can't open '{file}': No such file or directory")
                        } else {
                            format!("ls: {file}: No such file or directory")
                        };
                    }
                }
            }
            l.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

/// The runtime's check before `exec`: the command must be on the container's `$PATH`.
pub fn exec_check(ctx: &Context, argv0: &str) -> Result<(), String> {
    let name = argv0.rsplit('/').next().unwrap_or(argv0);
    if ctx.has_tool(name) {
        Ok(())
    } else {
        Err(format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{argv0}\": executable file not found in $PATH: unknown"))
    }
}

/// Runs `argv` in a container, as `kubectl exec` and exec probes do: stdout/stderr, the exit
/// status and how long it slept. Err: the runtime's message when the command is not there.
pub fn exec_argv(
    ctx: &Context,
    fs: &mut Fs,
    argv: &[String],
    outside: &mut dyn Outside,
    now: TimeMs,
    tty: bool,
) -> Result<(Io, i32, i64), String> {
    let Some(first) = argv.first() else {
        return Err(String::from("OCI runtime exec failed: exec failed: unable to start container process: exec: \"\": executable file not found in $PATH: unknown"));
    };
    exec_check(ctx, first)?;
    let mut sh = container_shell(ctx, tty);
    let mut io = Io::new(String::new());
    let base = first.rsplit('/').next().unwrap_or(first);
    let mut sys = ExecSys {
        fs,
        ctx,
        outside,
        clock: now,
        slept_ms: 0,
        shell: if base == "bash" { "bash" } else { "sh" },
    };
    sh.stdout_tty = tty;
    let st = sh.dispatch(argv, &mut sys, &mut io);
    let slept = sys.slept_ms;
    if matches!(ctx.base, Base::Alpine | Base::Busybox) {
        for (_, text) in io.chunks.iter_mut() {
            *text = busyboxify(text);
        }
    }
    if tty {
        // With a terminal, stderr comes back on stdout.
        for (stream, _) in io.chunks.iter_mut() {
            *stream = Stream::Stdout;
        }
    }
    Ok((io, st, slept))
}

/// Fills the placeholders of an image's startup log lines (`index`: the line's place, which
/// moves klog's microseconds along).
pub fn startup_line(template: &str, ctx: &Context, now: TimeMs, index: usize) -> String {
    let c = civil(now);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = format!(
        "{:04}/{:02}/{:02} {:02}:{:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
    let ms = now.rem_euclid(1000);
    let klog = format!(
        "I{:02}{:02} {:02}:{:02}:{:02}.{:06}",
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        (ms * 1000 + 512 + index as i64 * 3917) % 1_000_000
    );
    template
        .replace("{klog}", &klog)
        .replace("{date}", &date)
        .replace("{version}", &ctx.version)
        .replace("{hostname}", &ctx.pod)
        .replace("{ip}", &ctx.pod_ip)
        .replace(
            "{iso}",
            &format!("{}.{:03}Z", rfc3339(now).trim_end_matches('Z'), ms),
        )
        .replace(
            "{redis_date}",
            &format!(
                "{:02} {} {} {:02}:{:02}:{:02}.{:03}",
                c.day,
                months[(c.month as usize + 11) % 12],
                c.year,
                c.hour,
                c.minute,
                c.second,
                ms
            ),
        )
        .replace(
            "{mongo_date}",
            &format!("{}.{:03}+00:00", rfc3339(now).trim_end_matches('Z'), ms),
        )
}

/// The environment Kubernetes gives a container: the image's `ENV`, the container's `env`
/// (with `$(VAR)` references and the downward API), and the service links of the namespace.
pub fn environment(
    spec: &Value,
    pod: &Value,
    image: Option<&Image>,
    version: &str,
    services: &[Value],
    lookup: &dyn Fn(&str, &str, &str) -> Option<String>,
) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = vec![];
    let set = |env: &mut Vec<(String, String)>, k: String, v: String| {
        if let Some(e) = env.iter_mut().find(|(n, _)| *n == k) {
            e.1 = v;
        } else {
            env.push((k, v));
        }
    };
    if let Some(image) = image {
        for (k, v) in &image.env {
            set(&mut env, k.clone(), v.replace("{version}", version));
        }
    }
    let ns = str_at(pod, "/metadata/namespace");
    // envFrom: every key of a ConfigMap or Secret.
    if let Some(from) = spec.get("envFrom").and_then(Value::as_array) {
        for f in from {
            let prefix = str_at(f, "/prefix");
            for (kind, key) in [("configmaps", "configMapRef"), ("secrets", "secretRef")] {
                let name = str_at(f, &format!("/{key}/name"));
                if name.is_empty() {
                    continue;
                }
                if let Some(all) = lookup(kind, ns, name) {
                    for line in all.lines() {
                        if let Some((k, v)) = line.split_once('=') {
                            set(&mut env, format!("{prefix}{k}"), v.to_string());
                        }
                    }
                }
            }
        }
    }
    if let Some(list) = spec.get("env").and_then(Value::as_array) {
        for e in list {
            let name = str_at(e, "/name").to_string();
            if name.is_empty() {
                continue;
            }
            let value = if let Some(v) = e.get("value").and_then(Value::as_str) {
                expand_refs(v, &env)
            } else if let Some(vf) = e.get("valueFrom") {
                let field = str_at(vf, "/fieldRef/fieldPath");
                if !field.is_empty() {
                    field_value(pod, field)
                } else if let Some(cm) = vf.get("configMapKeyRef") {
                    lookup(
                        "configmaps",
                        ns,
                        &format!("{}/{}", str_at(cm, "/name"), str_at(cm, "/key")),
                    )
                    .unwrap_or_default()
                } else if let Some(s) = vf.get("secretKeyRef") {
                    lookup(
                        "secrets",
                        ns,
                        &format!("{}/{}", str_at(s, "/name"), str_at(s, "/key")),
                    )
                    .unwrap_or_default()
                } else if let Some(r) = vf.get("resourceFieldRef") {
                    let res = str_at(r, "/resource");
                    match res {
                        "limits.cpu" | "requests.cpu" => "1".into(),
                        _ => "2063347712".into(),
                    }
                } else {
                    String::new()
                }
            } else {
                String::new()
            };
            set(&mut env, name, value);
        }
    }
    let links = pod.at("/spec/enableServiceLinks") != Some(&Value::Bool(false));
    for svc in services {
        let svc_ns = str_at(svc, "/metadata/namespace");
        let name = str_at(svc, "/metadata/name");
        let is_master = svc_ns == "default" && name == "kubernetes";
        if !(is_master || links && svc_ns == ns) {
            continue;
        }
        let ip = str_at(svc, "/spec/clusterIP");
        if ip.is_empty() || ip == "None" {
            continue;
        }
        let prefix = name.to_ascii_uppercase().replace('-', "_");
        let ports = svc
            .at("/spec/ports")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let Some(first) = ports.first() else { continue };
        let port0 = first.get("port").and_then(Value::as_i64).unwrap_or(0);
        let proto0 = str_at(first, "/protocol").to_string();
        let proto0 = if proto0.is_empty() {
            "TCP".into()
        } else {
            proto0
        };
        set(&mut env, format!("{prefix}_SERVICE_HOST"), ip.to_string());
        set(
            &mut env,
            format!("{prefix}_SERVICE_PORT"),
            port0.to_string(),
        );
        for p in &ports {
            let pname = str_at(p, "/name");
            if !pname.is_empty() {
                set(
                    &mut env,
                    format!(
                        "{prefix}_SERVICE_PORT_{}",
                        pname.to_ascii_uppercase().replace('-', "_")
                    ),
                    p.get("port")
                        .and_then(Value::as_i64)
                        .unwrap_or(0)
                        .to_string(),
                );
            }
        }
        set(
            &mut env,
            format!("{prefix}_PORT"),
            format!("{}://{ip}:{port0}", proto0.to_ascii_lowercase()),
        );
        for p in &ports {
            let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
            let proto = match str_at(p, "/protocol") {
                "" => "TCP".to_string(),
                x => x.to_string(),
            };
            let key = format!("{prefix}_PORT_{port}_{proto}");
            set(
                &mut env,
                key.clone(),
                format!("{}://{ip}:{port}", proto.to_ascii_lowercase()),
            );
            set(&mut env, format!("{key}_PROTO"), proto.to_ascii_lowercase());
            set(&mut env, format!("{key}_PORT"), port.to_string());
            set(&mut env, format!("{key}_ADDR"), ip.to_string());
        }
    }
    env
}

/// `$(VAR)` references to variables defined before, as the kubelet expands them.
fn expand_refs(v: &str, env: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find("$(") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(')') {
            Some(j) => {
                let name = &after[..j];
                match env.iter().find(|(k, _)| k == name) {
                    Some((_, val)) => out.push_str(val),
                    None => out.push_str(&rest[i..i + 3 + j]),
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.replace("$$", "$")
}

/// The downward API's `fieldRef` values.
fn field_value(pod: &Value, field: &str) -> String {
    let get = |p: &str| str_at(pod, p).to_string();
    match field {
        "metadata.name" => get("/metadata/name"),
        "metadata.namespace" => get("/metadata/namespace"),
        "metadata.uid" => get("/metadata/uid"),
        "spec.nodeName" => get("/spec/nodeName"),
        "spec.serviceAccountName" => get("/spec/serviceAccountName"),
        "status.podIP" => get("/status/podIP"),
        "status.hostIP" => get("/status/hostIP"),
        f => {
            if let Some(key) = f
                .strip_prefix("metadata.labels['")
                .and_then(|k| k.strip_suffix("']"))
            {
                return str_at(pod, &format!("/metadata/labels/{}", key.replace('/', "~1")))
                    .to_string();
            }
            if let Some(key) = f
                .strip_prefix("metadata.annotations['")
                .and_then(|k| k.strip_suffix("']"))
            {
                return str_at(
                    pod,
                    &format!("/metadata/annotations/{}", key.replace('/', "~1")),
                )
                .to_string();
            }
            String::new()
        }
    }
}

fn put(fs: &mut Fs, path: &str, content: &str, now: TimeMs) {
    if let Some((parent, _)) = crate::vfs::split_parent(path) {
        let _ = fs.mkdir_p(&parent, now);
    }
    let _ = fs.write(path, content, now);
}

/// The nginx welcome page (nginx 1.2x, `/usr/share/nginx/html/index.html`).
pub const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

/// httpd's `htdocs/index.html`.
pub const HTTPD_INDEX: &str = "<html><body><h1>It works!</h1></body></html>\n";

const NGINX_DEFAULT_CONF: &str = "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    #access_log  /var/log/nginx/host.access.log  main;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    #error_page  404              /404.html;\n\n    # redirect server error pages to the static page /50x.html\n    #\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n";

/// The files a container starts with: the image's userland, the kubelet's `/etc/hosts`,
/// `/etc/resolv.conf` and `/etc/hostname`, the service account token and configMap/secret
/// volumes.
pub fn filesystem(
    ctx: &Context,
    pod: &Value,
    spec: &Value,
    now: TimeMs,
    lookup: &dyn Fn(&str, &str, &str) -> Option<String>,
) -> Fs {
    let mut fs = Fs::new();
    if ctx.base == Base::Distroless {
        for d in ["/etc", "/dev", "/proc", "/sys", "/tmp", "/var/run"] {
            let _ = fs.mkdir_p(d, now);
        }
    } else {
        let dirs: &[&str] = match ctx.base {
            Base::Busybox => &[
                "/bin",
                "/dev",
                "/etc",
                "/home",
                "/lib",
                "/lib64",
                "/proc",
                "/root",
                "/sys",
                "/tmp",
                "/usr/sbin",
                "/var/spool/mail",
                "/var/www",
            ],
            Base::Alpine => &[
                "/bin",
                "/dev",
                "/etc",
                "/home",
                "/lib",
                "/media",
                "/mnt",
                "/opt",
                "/proc",
                "/root",
                "/run",
                "/sbin",
                "/srv",
                "/sys",
                "/tmp",
                "/usr/bin",
                "/usr/local/bin",
                "/var/log",
            ],
            _ => &[
                "/bin",
                "/boot",
                "/dev",
                "/etc",
                "/home",
                "/lib",
                "/lib64",
                "/media",
                "/mnt",
                "/opt",
                "/proc",
                "/root",
                "/run",
                "/sbin",
                "/srv",
                "/sys",
                "/tmp",
                "/usr/bin",
                "/usr/local/bin",
                "/usr/sbin",
                "/var/log",
            ],
        };
        for d in dirs {
            let _ = fs.mkdir_p(d, now);
        }
        let os_release = match ctx.base {
            Base::Alpine => "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\nHOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n",
            Base::Busybox => "",
            _ => "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n",
        };
        if !os_release.is_empty() {
            put(&mut fs, "/etc/os-release", os_release, now);
        }
        put(
            &mut fs,
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
            now,
        );
    }
    let ns = &ctx.namespace;
    if ctx.host_network {
        put(
            &mut fs,
            "/etc/hosts",
            &format!(
                "# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n{} {}\n",
                ctx.pod_ip, ctx.node
            ),
            now,
        );
    } else {
        put(&mut fs, "/etc/hosts", &format!("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{}\t{}\n", ctx.pod_ip, ctx.pod), now);
    }
    put(
        &mut fs,
        "/etc/hostname",
        &format!("{}\n", ctx.hostname()),
        now,
    );
    let dns_policy = str_at(pod, "/spec/dnsPolicy");
    let resolv = if ctx.host_network && dns_policy != "ClusterFirstWithHostNet"
        || dns_policy == "Default"
    {
        "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n".to_string()
    } else {
        format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n")
    };
    put(&mut fs, "/etc/resolv.conf", &resolv, now);
    match ctx.app {
        App::Nginx => {
            let _ = fs.mkdir_p("/docker-entrypoint.d", now);
            put(
                &mut fs,
                "/docker-entrypoint.sh",
                "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n",
                now,
            );
            put(
                &mut fs,
                "/usr/share/nginx/html/index.html",
                NGINX_INDEX,
                now,
            );
            put(&mut fs, "/usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n<p>If you are the system administrator of this resource then you should check\nthe error log for details.</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n", now);
            put(
                &mut fs,
                "/etc/nginx/conf.d/default.conf",
                NGINX_DEFAULT_CONF,
                now,
            );
            put(&mut fs, "/etc/nginx/nginx.conf", "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n                      '$status $body_bytes_sent \"$http_referer\" '\n                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n", now);
        }
        App::Httpd => {
            put(
                &mut fs,
                "/usr/local/apache2/htdocs/index.html",
                HTTPD_INDEX,
                now,
            );
        }
        App::Bootcamp => {
            // The tutorial's app (`cat server.js` in its module 3).
            let v = if ctx.version == "2" { "2" } else { "1" };
            put(&mut fs, "/server.js", &format!("var http = require('http');\nvar requests=0;\nvar podname= process.env.HOSTNAME;\nvar startTime;\nvar host;\nvar handleRequest = function(request, response) {{\n  response.setHeader('Content-Type', 'text/plain');\n  response.writeHead(200);\n  response.write(\"Hello Kubernetes bootcamp! | Running on: \");\n  response.write(host);\n  response.end(\" | v={v}\\n\");\n  console.log(\"Running On:\" ,host, \"| Total Requests:\", ++requests,\"| App Uptime:\", (new Date() - startTime)/1000 , \"seconds\", \"| Log Time:\",new Date());\n}}\nvar www = http.createServer(handleRequest);\nwww.listen(8080,function () {{\n    startTime = new Date();;\n    host = process.env.HOSTNAME;\n    console.log (\"Kubernetes Bootcamp App Started At:\",startTime, \"| Running On: \" ,host, \"\\n\" );\n}});\n"), now);
        }
        _ => {}
    }
    // Volumes.
    let volumes = pod
        .at("/spec/volumes")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for m in spec
        .get("volumeMounts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let path = crate::vfs::normalize("/", str_at(&m, "/mountPath"));
        let vname = str_at(&m, "/name");
        let Some(vol) = volumes.iter().find(|v| str_at(v, "/name") == vname) else {
            continue;
        };
        let _ = fs.mkdir_p(&path, now);
        let sub = str_at(&m, "/subPath");
        let mut files: Vec<(String, String)> = vec![];
        if vol.get("projected").is_some() {
            files.push((
                "ca.crt".into(),
                "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIT3BsYXlncm91bmQwDQYJKoZIhvcNAQELBQAwFTETMBEG\n-----END CERTIFICATE-----\n".into(),
            ));
            files.push(("namespace".into(), ns.clone()));
            files.push((
                "token".into(),
                format!(
                    "eyJhbGciOiJSUzI1NiIsImtpZCI6InBsYXlncm91bmQifQ.{}",
                    ctx.pod_uid.replace('-', "")
                ),
            ));
        }
        for (kind, key, items_key) in [
            ("configmaps", "configMap", "/configMap/name"),
            ("secrets", "secret", "/secret/secretName"),
        ] {
            if vol.get(key).is_none() {
                continue;
            }
            let name = str_at(vol, items_key);
            if let Some(all) = lookup(kind, ns, name) {
                for line in all.lines() {
                    if let Some((k, _)) = line.split_once('=') {
                        let v = lookup(kind, ns, &format!("{name}/{k}")).unwrap_or_default();
                        files.push((k.to_string(), v));
                    }
                }
            }
            if let Some(items) = vol.at(&format!("/{key}/items")).and_then(Value::as_array) {
                let keep: Vec<(String, String)> = items
                    .iter()
                    .map(|i| {
                        (
                            str_at(i, "/key").to_string(),
                            str_at(i, "/path").to_string(),
                        )
                    })
                    .collect();
                files = files
                    .into_iter()
                    .filter_map(|(k, v)| {
                        keep.iter()
                            .find(|(key, _)| *key == k)
                            .map(|(_, p)| (p.clone(), v))
                    })
                    .collect();
            }
        }
        if !sub.is_empty() {
            // A subPath mount puts one file at the mount path.
            if let Some((_, v)) = files.iter().find(|(k, _)| k == sub) {
                let _ = fs.remove(&path, true);
                put(&mut fs, &path, v, now);
            }
            continue;
        }
        for (k, v) in files {
            put(&mut fs, &format!("{path}/{k}"), &v, now);
        }
    }
    fs
}

/// An HTTP answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn reason(&self) -> &'static str {
        reason_phrase(self.status)
    }
}

pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// How a TCP connection to a listening port goes when it is not plain HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Served {
    Http(HttpResponse),
    /// The port speaks TLS.
    Tls,
    /// The server closes the connection without an HTTP answer.
    Empty,
}

fn http_date(now: TimeMs) -> String {
    super::clock::rfc1123z(now).replace(" +0000", " GMT")
}

fn nginx_page(status: u16, version: &str) -> String {
    let title = format!("{status} {}", reason_phrase(status));
    format!("<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx/{version}</center>\r\n</body>\r\n</html>\r\n")
}

/// The ports that speak TLS for a component.
pub fn is_tls_port(ctx: &Context, port: u16) -> bool {
    matches!(ctx.app, App::Health) && matches!(port, 6443 | 10250 | 10257 | 10259 | 2379 | 4443)
}

/// What the container's server answers on `port` for `method path`, or None when nothing
/// listens there. `fs` is the container's own filesystem when known (pages edited through
/// `exec` are served).
pub fn serve_http(
    ctx: &Context,
    fs: Option<&Fs>,
    port: u16,
    method: &str,
    path: &str,
    tls: bool,
    now: TimeMs,
) -> Option<Served> {
    if !ctx.listens(port) {
        return None;
    }
    if is_tls_port(ctx, port) != tls {
        if tls {
            return Some(Served::Empty);
        }
        return Some(Served::Http(HttpResponse {
            status: 400,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: "Client sent an HTTP request to an HTTPS server.\n".into(),
        }));
    }
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let text = |status: u16, ct: &str, body: String| {
        Served::Http(HttpResponse {
            status,
            headers: vec![
                ("Content-Type".into(), ct.into()),
                ("Date".into(), http_date(now)),
                ("Content-Length".into(), body.len().to_string()),
            ],
            body,
        })
    };
    let served = match &ctx.app {
        App::None => return None,
        App::Tcp => Served::Empty,
        App::Nginx => {
            let root = "/usr/share/nginx/html";
            let mut file = crate::vfs::normalize(root, path.trim_start_matches('/'));
            if !file.starts_with(root) {
                file = root.to_string();
            }
            let content = match fs {
                Some(fs) => {
                    if fs.is_dir(&file) {
                        let index = format!("{}/index.html", file.trim_end_matches('/'));
                        match fs.read(&index) {
                            Ok(c) => Ok(c),
                            // A directory without an index: nginx forbids listing it.
                            Err(_) => Err(403),
                        }
                    } else {
                        fs.read(&file).map_err(|_| 404)
                    }
                }
                None => {
                    if path == "/" || path == "/index.html" {
                        Ok(NGINX_INDEX.to_string())
                    } else {
                        Err(404)
                    }
                }
            };
            let (status, body, ct) = match content {
                Ok(c) => (200, c, "text/html"),
                Err(code) => (code, nginx_page(code, &ctx.version), "text/html"),
            };
            let body = if method == "HEAD" {
                String::new()
            } else {
                body
            };
            let mut headers = vec![
                ("Server".into(), format!("nginx/{}", ctx.version)),
                ("Date".into(), http_date(now)),
                ("Content-Type".into(), ct.to_string()),
            ];
            let len = if method == "HEAD" && status == 200 {
                match fs.and_then(|f| f.read(&file).ok()) {
                    Some(c) => c.len(),
                    None => NGINX_INDEX.len(),
                }
            } else {
                body.len()
            };
            headers.push(("Content-Length".into(), len.to_string()));
            if status == 200 {
                headers.push(("Last-Modified".into(), http_date(now - 60_000)));
            }
            headers.push(("Connection".into(), "keep-alive".into()));
            if status == 200 {
                headers.push((
                    "ETag".into(),
                    format!("\"{:x}-{:x}\"", (now / 1000) - 60, len),
                ));
                headers.push(("Accept-Ranges".into(), "bytes".into()));
            }
            Served::Http(HttpResponse {
                status,
                headers,
                body,
            })
        }
        App::Httpd => {
            let root = "/usr/local/apache2/htdocs";
            let file = crate::vfs::normalize(root, path.trim_start_matches('/'));
            let content = match fs {
                Some(fs) if fs.is_dir(&file) => fs
                    .read(&format!("{}/index.html", file.trim_end_matches('/')))
                    .ok(),
                Some(fs) => fs.read(&file).ok(),
                None if path == "/" || path == "/index.html" => Some(HTTPD_INDEX.to_string()),
                None => None,
            };
            match content {
                Some(c) => text(200, "text/html", c),
                None => text(404, "text/html; charset=iso-8859-1", "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n".into()),
            }
        }
        App::Bootcamp => text(
            200,
            "text/plain",
            format!(
                "Hello Kubernetes bootcamp! | Running on: {} | v={}\n",
                ctx.pod, ctx.version
            ),
        ),
        App::HelloApp => text(
            200,
            "text/plain; charset=utf-8",
            format!(
                "Hello, world!\nVersion: {}\nHostname: {}\n",
                ctx.version, ctx.pod
            ),
        ),
        App::Text(body) => {
            let body = if body.is_empty() {
                format!("Hello from {}\n", ctx.pod)
            } else {
                body.clone()
            };
            text(200, "text/plain; charset=utf-8", body)
        }
        App::Health => {
            let image = ctx.image.as_str();
            let healthy = match path {
                "/healthz" | "/livez" | "/readyz" | "/health" | "/ready" => {
                    if image.contains("metrics-server") && path == "/readyz" {
                        // Without --kubelet-insecure-tls it cannot scrape kubeadm's kubelets
                        // (their serving certificates are self-signed) and never gets ready.
                        ctx.argv
                            .iter()
                            .any(|a| a.starts_with("--kubelet-insecure-tls"))
                    } else {
                        true
                    }
                }
                _ => {
                    if port == 6443 {
                        let body = format!("{{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {{}},\n  \"status\": \"Failure\",\n  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"{}\\\"\",\n  \"reason\": \"Forbidden\",\n  \"details\": {{}},\n  \"code\": 403\n}}", path.replace('"', "\\\""));
                        return Some(text(403, "application/json", body));
                    }
                    return Some(text(
                        404,
                        "text/plain; charset=utf-8",
                        "404 page not found\n".into(),
                    ));
                }
            };
            if healthy {
                let ok = if image.contains("coredns") && path == "/health" {
                    "OK"
                } else {
                    "ok"
                };
                text(200, "text/plain; charset=utf-8", ok.into())
            } else {
                text(500, "text/plain; charset=utf-8", "[+]ping ok\n[+]log ok\n[-]metric-storage-ready failed: reason withheld\nreadyz check failed\n".into())
            }
        }
    };
    Some(served)
}

/// The nginx access-log line for one request.
#[allow(clippy::too_many_arguments)]
pub fn access_log_line(
    ctx: &Context,
    client: &str,
    method: &str,
    path: &str,
    status: u16,
    bytes: usize,
    agent: &str,
    now: TimeMs,
) -> Option<String> {
    if ctx.app != App::Nginx {
        return None;
    }
    let c = civil(now);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    Some(format!(
        "{client} - - [{:02}/{}/{}:{:02}:{:02}:{:02} +0000] \"{method} {path} HTTP/1.1\" {status} {bytes} \"-\" \"{agent}\" \"-\"",
        c.day,
        months[(c.month as usize + 11) % 12],
        c.year,
        c.hour,
        c.minute,
        c.second
    ))
}

/// The container's `hostPath` mounts: (path on the node, mount path in the container).
pub fn host_path_mounts(pod: &Value, spec: &Value) -> Vec<(String, String)> {
    let volumes = pod.at("/spec/volumes").and_then(Value::as_array);
    spec.get("volumeMounts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|m| str_at(m, "/subPath").is_empty())
        .filter_map(|m| {
            let v = volumes
                .into_iter()
                .flatten()
                .find(|v| v.get("name") == m.get("name"))?;
            let host = str_at(v, "/hostPath/path");
            (!host.is_empty()).then(|| {
                (
                    crate::vfs::normalize("/", host),
                    crate::vfs::normalize("/", str_at(m, "/mountPath")),
                )
            })
        })
        .collect()
}

/// The static facts of a container from its pod, spec and image.
#[allow(clippy::too_many_arguments)]
pub fn context_for(
    pod: &Value,
    spec: &Value,
    image: Option<&Image>,
    node: &str,
    pod_ip: &str,
    env: Vec<(String, String)>,
) -> Context {
    let image_name = str_at(spec, "/image").to_string();
    let r = parse_ref(&image_name);
    let (base, tools, app, version, ports) = match (image, &r) {
        (Some(i), Some(r)) => (
            base_of(i, r),
            i.tools.clone(),
            i.app.clone(),
            version_of(r),
            i.ports.clone(),
        ),
        _ => (Base::Debian, vec![], App::None, String::new(), vec![]),
    };
    let mut argv = words_of(spec, "command");
    argv.extend(words_of(spec, "args"));
    let mut ports = ports;
    // A server told to listen elsewhere (`--secure-port=4443`, `--port=8080`).
    for a in &argv {
        for flag in ["--secure-port=", "--port="] {
            if let Some(p) = a.strip_prefix(flag).and_then(|p| p.parse::<u16>().ok()) {
                if !ports.contains(&p) {
                    ports.push(p);
                }
            }
        }
    }
    Context {
        pod: str_at(pod, "/metadata/name").to_string(),
        namespace: str_at(pod, "/metadata/namespace").to_string(),
        pod_uid: str_at(pod, "/metadata/uid").to_string(),
        pod_ip: pod_ip.to_string(),
        node: node.to_string(),
        container: str_at(spec, "/name").to_string(),
        image: image_name,
        base,
        tools,
        app,
        version,
        serving: false,
        ports,
        argv,
        env,
        host_network: pod.at("/spec/hostNetwork") == Some(&Value::Bool(true)),
        stdin: spec.get("stdin") == Some(&Value::Bool(true)),
        shared_ps: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx(base: Base) -> Context {
        Context {
            pod: "box".into(),
            namespace: "default".into(),
            pod_ip: "10.244.1.2".into(),
            base,
            ..Context::default()
        }
    }

    fn run(argv: &[&str], until_s: i64) -> (Process, Vec<LogLine>) {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let c = ctx(Base::Busybox);
        let mut fs = Fs::new();
        let _ = fs.mkdir_p("/tmp", 0);
        let (mut p, mut lines) = Process::new(&argv, &c, 0, &fs);
        lines.extend(p.step(until_s * 1000, &mut fs, &c, &mut Offline));
        (p, lines)
    }

    fn texts(lines: &[LogLine]) -> Vec<(i64, String)> {
        lines
            .iter()
            .map(|l| (l.ts / 1000, l.text.clone()))
            .collect()
    }

    #[test]
    fn a_loop_with_sleep_logs_on_virtual_time() {
        let (p, lines) = run(
            &[
                "sh",
                "-c",
                "i=0; while true; do echo \"tick $i\"; i=$((i+1)); sleep 5; done",
            ],
            12,
        );
        assert_eq!(p.state, RunState::Running);
        assert_eq!(
            texts(&lines),
            vec![
                (0, "tick 0".into()),
                (5, "tick 1".into()),
                (10, "tick 2".into())
            ]
        );
    }

    #[test]
    fn a_script_exits_with_its_status_at_its_time() {
        let (p, lines) = run(
            &[
                "sh",
                "-c",
                "for i in 1 2 3; do echo $i; sleep 1; done; exit 3",
            ],
            60,
        );
        assert_eq!(p.state, RunState::Exited(3));
        assert_eq!(p.clock, 3000);
        assert_eq!(
            texts(&lines),
            vec![(0, "1".into()), (1, "2".into()), (2, "3".into())]
        );
    }

    #[test]
    fn sleep_infinity_and_busy_loops_block() {
        assert_eq!(run(&["sleep", "infinity"], 10).0.state, RunState::Blocked);
        assert_eq!(
            run(&["tail", "-f", "/dev/null"], 10).0.state,
            RunState::Blocked
        );
        assert_eq!(
            run(&["sh", "-c", "while true; do :; done"], 10).0.state,
            RunState::Blocked
        );
    }

    #[test]
    fn a_paused_process_resumes_where_it_stopped() {
        let argv: Vec<String> = ["sh", "-c", "echo a; sleep 10; echo b; sleep 10; echo c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let c = ctx(Base::Busybox);
        let mut fs = Fs::new();
        let (mut p, _) = Process::new(&argv, &c, 0, &fs);
        let first = p.step(5_000, &mut fs, &c, &mut Offline);
        assert_eq!(texts(&first), vec![(0, "a".into())]);
        let second = p.step(15_000, &mut fs, &c, &mut Offline);
        assert_eq!(texts(&second), vec![(10, "b".into())]);
        let third = p.step(100_000, &mut fs, &c, &mut Offline);
        assert_eq!(texts(&third), vec![(20, "c".into())]);
        assert_eq!(p.state, RunState::Exited(0));
    }

    #[test]
    fn break_and_if_work_inside_paused_loops() {
        let (p, lines) = run(
            &[
                "sh",
                "-c",
                "n=0; while true; do n=$((n+1)); if [ $n -gt 2 ]; then break; fi; echo n=$n; sleep 1; done; echo done",
            ],
            60,
        );
        assert_eq!(p.state, RunState::Exited(0));
        assert_eq!(
            texts(&lines),
            vec![(0, "n=1".into()), (1, "n=2".into()), (2, "done".into())]
        );
    }

    #[test]
    fn touch_then_rm_changes_files_on_time() {
        let argv: Vec<String> = [
            "sh",
            "-c",
            "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = ctx(Base::Busybox);
        let mut fs = Fs::new();
        let _ = fs.mkdir_p("/tmp", 0);
        let (mut p, _) = Process::new(&argv, &c, 0, &fs);
        p.step(10_000, &mut fs, &c, &mut Offline);
        assert!(fs.is_file("/tmp/healthy"));
        p.step(31_000, &mut fs, &c, &mut Offline);
        assert!(!fs.is_file("/tmp/healthy"));
    }

    #[test]
    fn programs_from_specs() {
        let reg = super::super::registry::Registry::well_known();
        let img = |n: &str| {
            reg.lookup(&parse_ref(n).unwrap_or_else(|| unreachable!()))
                .cloned()
                .unwrap_or_else(|_| unreachable!())
        };
        let busybox = img("busybox");
        let c = ctx(Base::Busybox);
        assert_eq!(
            program_of(&json!({}), &busybox, &c),
            Program::Exits {
                after_ms: 0,
                code: 0
            }
        );
        assert!(matches!(
            program_of(&json!({"args": ["sleep", "3600"]}), &busybox, &c),
            Program::Script(_)
        ));
        assert!(matches!(
            program_of(&json!({"command": ["foo"]}), &busybox, &c),
            Program::StartError(_)
        ));
        let nginx = img("nginx");
        let cn = Context {
            base: Base::Debian,
            app: App::Nginx,
            ..ctx(Base::Debian)
        };
        assert_eq!(program_of(&json!({}), &nginx, &cn), Program::Server);
        assert_eq!(
            program_of(
                &json!({"args": ["nginx", "-g", "daemon off;"]}),
                &nginx,
                &cn
            ),
            Program::Server
        );
    }

    #[test]
    fn nginx_serves_its_files_and_404s() {
        let mut c = ctx(Base::Debian);
        c.app = App::Nginx;
        c.version = "1.27.3".into();
        c.serving = true;
        c.ports = vec![80];
        let fs = filesystem(&c, &json!({}), &json!({}), 0, &|_, _, _| None);
        let Some(Served::Http(r)) = serve_http(&c, Some(&fs), 80, "GET", "/", false, 0) else {
            unreachable!()
        };
        assert_eq!((r.status, r.body.as_str()), (200, NGINX_INDEX));
        let Some(Served::Http(r)) = serve_http(&c, Some(&fs), 80, "GET", "/nope", false, 0) else {
            unreachable!()
        };
        assert_eq!(r.status, 404);
        assert!(r.body.contains("<hr><center>nginx/1.27.3</center>"));
        assert!(serve_http(&c, Some(&fs), 8080, "GET", "/", false, 0).is_none());
    }

    #[test]
    fn service_links_and_env_refs() {
        let pod = json!({"metadata": {"namespace": "default", "name": "p"}, "spec": {}});
        let spec = json!({"env": [{"name": "A", "value": "x"}, {"name": "B", "value": "$(A)-y"}, {"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]});
        let svc = json!({"metadata": {"namespace": "default", "name": "kubernetes"}, "spec": {"clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "protocol": "TCP"}]}});
        let env = environment(&spec, &pod, None, "", &[svc], &|_, _, _| None);
        let get = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(get("B").as_deref(), Some("x-y"));
        assert_eq!(get("N").as_deref(), Some("p"));
        assert_eq!(get("KUBERNETES_SERVICE_HOST").as_deref(), Some("10.96.0.1"));
        assert_eq!(
            get("KUBERNETES_PORT_443_TCP").as_deref(),
            Some("tcp://10.96.0.1:443")
        );
    }
}

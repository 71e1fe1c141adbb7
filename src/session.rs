//! The composition root: one cluster, the node filesystems, a shell on the control-plane node,
//! kubectl's kubeconfig and the language. The web page and the native runner both drive a
//! `Session` and print exactly what it returns.

mod editor;
pub mod export;
pub mod journal;
pub mod lesson_check;
mod ssh;
mod watch;

pub use editor::{EditorRequest, EDITORS};

use std::collections::BTreeMap;

use crate::i18n::{self, Lang, Msg};
use crate::kubectl::{self, KubeConfig};
use crate::shell::{Completion, Io, LineResult, Shell, System};
use crate::sim::bootstrap::kubeadm_cluster;
use crate::sim::Cluster;
use crate::vfs::Fs;

/// The terminal's prompt on the control-plane node (on another node: `node01 $ `).
pub const PROMPT: &str = "controlplane $ ";
/// The prompt for a continuation line (open quote, here-document…).
pub const CONTINUATION_PROMPT: &str = "> ";

/// Commands the session provides to the shell (the rest are shell builtins and utilities).
const EXTERNALS: &[&str] = &[
    "kubectl",
    "help",
    "curl",
    "wget",
    "nslookup",
    "ping",
    "ssh",
    "scp",
    "crictl",
    "systemctl",
    "journalctl",
    "watch",
    "etcdctl",
    "kubeadm",
];

/// A command running on in the page's terminal until Ctrl+C.
#[derive(Clone, Debug)]
enum Foreground {
    /// `kubectl get -w`, `kubectl logs -f`: output added as the cluster changes.
    Kubectl(kubectl::Foreground),
    /// `watch`: a screen redrawn every few seconds.
    Watch(watch::WatchLoop),
    /// A `sleep` alone on its line, until this cluster time (Ctrl+C ends it early).
    Sleep(crate::sim::clock::TimeMs),
}

/// What a command in the foreground printed since the last look.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Polled {
    pub text: String,
    /// `text` is a whole screen that replaces the last one (`watch`), rather than more lines.
    pub replace: bool,
}

/// A login shell the terminal left for another node (`ssh`), to come back to on `exit`.
#[derive(Clone)]
struct Login {
    node: String,
    shell: Shell,
}

#[derive(Clone)]
pub struct Session {
    pub cluster: Cluster,
    pub shell: Shell,
    pub kubeconfig: KubeConfig,
    /// The node the terminal is logged in to.
    pub node: String,
    pub lang: Lang,
    continuation: bool,
    /// The host has an editor pane (the web page): `vi FILE` asks it to open the file instead
    /// of printing what a terminal-less editor prints.
    pub editor_pane: bool,
    editor_request: Option<EditorRequest>,
    /// For each kubectl run by the last line: the store's resourceVersion before and after it
    /// (before the cluster reacted), so a view can tell kubectl's writes from the reactions.
    kubectl_writes: Vec<(u64, u64)>,
    /// The shells `ssh` left, outermost first; the current one is `shell` on `node`.
    logins: Vec<Login>,
    /// The last login to each node (when, from which address), for `Last login:`.
    login_history: BTreeMap<String, (i64, String)>,
    /// The prompt of the current shell.
    prompt: String,
    /// Everything done since the session started, to rebuild it (share links).
    pub journal: journal::Journal,
    /// A command still running in the page's terminal (`kubectl get -w`, `watch`) until Ctrl+C.
    foreground: Option<Foreground>,
    /// The page's clock is paused: a `sleep` then lets its time pass at once (nothing else
    /// would move it).
    pub clock_paused: bool,
}

/// What the shell sees of the session while it runs one line.
struct Host<'a> {
    cluster: &'a mut Cluster,
    kubeconfig: &'a mut KubeConfig,
    node: &'a str,
    lang: Lang,
    slept_ms: &'a mut i64,
    scratch: Fs,
    editor_pane: bool,
    editor_request: &'a mut Option<EditorRequest>,
    kubectl_writes: &'a mut Vec<(u64, u64)>,
    /// Set by an interactive `ssh`: the node the terminal logs in to after this line.
    login_request: &'a mut Option<String>,
    login_history: &'a mut BTreeMap<String, (i64, String)>,
    /// The shell's working directory and `$KUBECONFIG` when the external runs.
    cwd: String,
    kubeconfig_env: Option<String>,
    /// The external's standard output is the terminal.
    tty: bool,
    /// A command left running in the page's terminal (`kubectl get -w`, `watch`).
    foreground: Option<Foreground>,
    /// The shell's exported variables when the external runs.
    env: Vec<(String, String)>,
    /// The line is a `sleep` alone, in the page: it runs in the foreground as the clock moves.
    live_sleep: bool,
}

impl Host<'_> {
    /// Does kubectl find a kubeconfig on this node? (`--kubeconfig`, else `$KUBECONFIG`, else
    /// `~/.kube/config`.) The control-plane node keeps today's behaviour: kubectl there always
    /// reaches the API server, whatever happened to its files.
    fn kubectl_configured(&mut self, argv: &[String]) -> bool {
        let control_plane = self
            .cluster
            .kubelets
            .iter()
            .any(|k| k.node_name() == self.node && k.config.control_plane);
        if control_plane {
            return true;
        }
        let candidates: Vec<String> = match kubectl::offline::kubeconfig_flag(argv) {
            Some(f) => vec![f],
            None => match self.kubeconfig_env.as_deref().filter(|v| !v.is_empty()) {
                Some(v) => v.split(':').map(str::to_string).collect(),
                None => vec!["/root/.kube/config".to_string()],
            },
        };
        let cwd = self.cwd.clone();
        let fs = self.fs();
        candidates
            .iter()
            .any(|f| fs.is_file(&crate::vfs::normalize(&cwd, f)))
    }

    /// `ssh NODE CMD`: runs CMD in a fresh shell on NODE, as the remote `bash -c` does.
    fn ssh_command(&mut self, node: &str, command: &str, io: &mut Io) -> i32 {
        let mut shell = Shell::new();
        shell.set_var("HOSTNAME", node);
        self.in_fresh_shell(node, "/root", |inner| {
            shell.run_script("bash", command, &[], inner, io)
        })
    }

    /// `sh -c COMMAND` on `node` in `cwd` with `env` (what `watch` runs): everything it
    /// printed, its errors included.
    fn run_sh(&mut self, node: &str, command: &str, cwd: &str, env: &[(String, String)]) -> String {
        let mut shell = Shell::new();
        for (k, v) in env {
            shell.set_var(k, v);
        }
        shell.set_var("HOSTNAME", node);
        shell.set_cwd(cwd);
        let mut io = Io::new(String::new());
        self.in_fresh_shell(node, cwd, |inner| {
            shell.run_script("sh", command, &[], inner, &mut io)
        });
        io.chunks.into_iter().map(|(_, t)| t).collect()
    }

    /// Runs `f` with the host a shell started by a command sees (on `node`, in `cwd`, no
    /// terminal): `ssh NODE CMD`, `watch`.
    fn in_fresh_shell<R>(&mut self, node: &str, cwd: &str, f: impl FnOnce(&mut Host) -> R) -> R {
        let mut login_request = None;
        let mut inner = Host {
            cluster: &mut *self.cluster,
            kubeconfig: &mut *self.kubeconfig,
            node,
            lang: self.lang,
            slept_ms: &mut *self.slept_ms,
            scratch: Fs::new(),
            editor_pane: false,
            editor_request: &mut *self.editor_request,
            kubectl_writes: &mut *self.kubectl_writes,
            login_request: &mut login_request,
            login_history: &mut *self.login_history,
            cwd: cwd.to_string(),
            kubeconfig_env: None,
            tty: false,
            foreground: None,
            env: Vec::new(),
            live_sleep: false,
        };
        f(&mut inner)
    }
}

impl System for Host<'_> {
    fn fs(&mut self) -> &mut Fs {
        match self.cluster.node_fs.get_mut(self.node) {
            Some(fs) => fs,
            None => &mut self.scratch,
        }
    }
    fn now_ms(&self) -> i64 {
        self.cluster.now()
    }
    fn run_external(&mut self, argv: &[String], io: &mut Io) -> Option<i32> {
        let name = argv.first()?.as_str();
        match name {
            "kubectl" => {
                // No kubeconfig, or nothing answers at its server: kubectl fails as it would.
                let unreachable = if !self.kubectl_configured(argv) {
                    Some(kubectl::offline::Unreachable::no_kubeconfig())
                } else if !self.cluster.apiserver_serving() {
                    Some(kubectl::offline::Unreachable::server(
                        kubectl::cluster_info::SERVER,
                    ))
                } else {
                    None
                };
                // kubectl reads and writes the node's files (`-f`, `edit`) while it holds the
                // cluster; they go back before the cluster moves on (its kubelet reads them).
                let rv_before = self.cluster.api.store.resource_version();
                let mut fs = self.cluster.node_fs.remove(self.node).unwrap_or_default();
                let mut ctx = kubectl::Ctx {
                    cluster: self.cluster,
                    config: self.kubeconfig,
                    fs: &mut fs,
                    cwd: io.cwd.clone(),
                    live: self.editor_pane && self.tty,
                    tty: self.tty,
                    foreground: None,
                    unreachable,
                };
                let status = kubectl::run(&argv[1..], &mut ctx, io);
                self.foreground = ctx.foreground.take().map(Foreground::Kubectl);
                self.cluster.node_fs.insert(self.node.to_string(), fs);
                let rv_after = self.cluster.api.store.resource_version();
                self.kubectl_writes.push((rv_before, rv_after));
                // The cluster reacts to what kubectl did before the next command runs.
                self.cluster.settle();
                Some(status)
            }
            "help" => {
                io.out(i18n::t(self.lang, Msg::ShellHelp));
                Some(0)
            }
            "curl" | "wget" | "nslookup" | "ping" => {
                // Network tools run on the node (see `sim::network`); a port-forward that carries
                // the connection notes it, as a backgrounded kubectl would (on stderr: it is the
                // port-forward's output, not the tool's, and no pipe takes it).
                let mut fs = self.cluster.node_fs.remove(self.node).unwrap_or_default();
                let first = io.chunks.len();
                let result = self.cluster.node_net_tool(self.node, &mut fs, argv, io);
                self.cluster.node_fs.insert(self.node.to_string(), fs);
                let (status, took_ms, handled) = result?;
                for port in handled.iter().rev() {
                    io.chunks.insert(
                        first,
                        (
                            crate::shell::Stream::Stderr,
                            format!("Handling connection for {port}\n"),
                        ),
                    );
                }
                self.sleep_ms(took_ms);
                Some(status)
            }
            "ssh" => match ssh::parse_ssh(self.cluster, self.node, &argv[1..]) {
                Err((msg, status)) => {
                    io.err(msg);
                    Some(status)
                }
                Ok(call) => match call.command {
                    Some(command) => Some(self.ssh_command(&call.node, &command, io)),
                    None => {
                        let now = self.cluster.now();
                        let from = ssh::node_ip(self.cluster, self.node);
                        io.out(ssh::record_login(self.login_history, &call.node, now, from));
                        *self.login_request = Some(call.node);
                        Some(0)
                    }
                },
            },
            "scp" => Some(ssh::scp(self.cluster, self.node, &self.cwd, &argv[1..], io)),
            "watch" => {
                let mut w = match watch::parse(&argv[1..], io) {
                    Ok(w) => w,
                    Err(status) => return Some(status),
                };
                w.cwd = self.cwd.clone();
                w.env = self.env.clone();
                let node = self.node.to_string();
                let output = self.run_sh(&node, &w.command, &w.cwd, &w.env);
                let now = self.cluster.now();
                io.out(w.screen(self.node, now, &output));
                if self.editor_pane && self.tty {
                    w.next_at = now + w.interval_ms;
                    self.foreground = Some(Foreground::Watch(w));
                }
                Some(0)
            }
            "etcdctl" => {
                let env = self.env.clone();
                let cwd = io.cwd.clone();
                Some(
                    self.cluster
                        .etcdctl(self.node, &argv[1..], (&cwd, &env), io),
                )
            }
            "kubeadm" => Some(self.cluster.kubeadm(self.node, &argv[1..], self.lang, io)),
            "crictl" | "systemctl" | "journalctl" => {
                self.cluster.node_tool(self.node, argv, self.lang, io)
            }
            _ if EDITORS.contains(&name) => {
                if self.editor_pane {
                    *self.editor_request = Some(EditorRequest::from_argv(argv, &io.cwd));
                    Some(0)
                } else {
                    Some(editor::without_terminal(name, io))
                }
            }
            _ => None,
        }
    }
    fn has_external(&self, name: &str) -> bool {
        EXTERNALS.contains(&name) || EDITORS.contains(&name)
    }
    fn sleep_ms(&mut self, ms: i64) {
        let ms = ms.clamp(0, 24 * 3600 * 1000);
        if self.live_sleep {
            // The page's clock moves it on, and Ctrl+C can end it, as in a terminal.
            self.foreground = Some(Foreground::Sleep(self.cluster.now() + ms));
            return;
        }
        *self.slept_ms += ms;
        self.cluster.advance(ms);
    }
    fn hostname(&self) -> String {
        self.node.to_string()
    }
    fn set_tty(&mut self, tty: bool) {
        self.tty = tty;
    }
    fn complete_external(&mut self, words: &[&str], word: &str) -> Option<Vec<String>> {
        if words.first() != Some(&"kubectl") {
            return None;
        }
        kubectl::complete::candidates(words, word, self.cluster, self.kubeconfig)
    }
    fn foreground_started(&self) -> bool {
        self.foreground.is_some()
    }
    fn set_context(&mut self, cwd: &str, env: &[(String, String)]) {
        self.cwd = cwd.to_string();
        self.env = env.to_vec();
        self.kubeconfig_env = env
            .iter()
            .find(|(k, _)| k == "KUBECONFIG")
            .map(|(_, v)| v.clone());
    }
}

/// Runs `f` with a host whose side effects go nowhere (Tab, `watch`'s screens): the sleeps,
/// editor requests, kubectl notes and logins it asks for leave the terminal's state as it was.
fn with_side_host<R>(
    cluster: &mut Cluster,
    kubeconfig: &mut KubeConfig,
    login_history: &BTreeMap<String, (i64, String)>,
    (node, lang, editor_pane): (&str, Lang, bool),
    f: impl FnOnce(&mut Host) -> R,
) -> R {
    let mut slept_ms = 0;
    let mut writes = Vec::new();
    let mut request = None;
    let mut login_request = None;
    let mut history = login_history.clone();
    let mut host = Host {
        cluster,
        kubeconfig,
        node,
        lang,
        slept_ms: &mut slept_ms,
        scratch: Fs::new(),
        editor_pane,
        editor_request: &mut request,
        kubectl_writes: &mut writes,
        login_request: &mut login_request,
        login_history: &mut history,
        cwd: String::new(),
        kubeconfig_env: None,
        tty: false,
        foreground: None,
        env: Vec::new(),
        live_sleep: false,
    };
    f(&mut host)
}

/// `sleep N` and nothing else on the line (no `;`, pipe, expansion or redirection): in the
/// page it runs in the foreground; in a longer line it lets the time pass at once.
fn is_lone_sleep(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() == 2
        && words[0] == "sleep"
        && !line.contains(|c: char| ";&|<>$`(){}'\"\\#*?[]~!".contains(c))
}

/// The most one line may print to the terminal; past it the output is cut with a notice (a
/// real terminal would scroll for minutes; the page would freeze).
pub const MAX_TERMINAL_OUTPUT_BYTES: usize = 2 * 1024 * 1024;

fn bound_terminal_output(output: &mut Vec<crate::shell::TermChunk>, lang: Lang) {
    use crate::shell::TermChunk;
    let mut total = 0usize;
    let mut cut_at = None;
    for (i, c) in output.iter_mut().enumerate() {
        let (TermChunk::Out(s) | TermChunk::Err(s)) = c else {
            continue;
        };
        if total + s.len() > MAX_TERMINAL_OUTPUT_BYTES {
            let mut keep = MAX_TERMINAL_OUTPUT_BYTES - total;
            while keep > 0 && !s.is_char_boundary(keep) {
                keep -= 1;
            }
            s.truncate(keep);
            cut_at = Some(i + 1);
            break;
        }
        total += s.len();
    }
    if let Some(i) = cut_at {
        output.truncate(i);
        output.push(TermChunk::Err(format!(
            "\n{}\n",
            i18n::t(lang, Msg::OutputTruncated)
        )));
    }
}

/// The result of one terminal line, with how long `sleep` made it take on the cluster clock.
pub struct LineOutcome {
    pub result: LineResult,
    pub slept_ms: i64,
}

impl Session {
    /// A fresh playground: the kubeadm cluster as it is when a session starts.
    pub fn new(seed: u64) -> Session {
        let mut shell = Shell::new();
        shell.set_var("HOSTNAME", "controlplane");
        let mut cluster = kubeadm_cluster(seed);
        cluster.mark_system_objects();
        let mut journal = journal::Journal::new(seed);
        journal.started_at = cluster.now();
        Session {
            cluster,
            shell,
            kubeconfig: KubeConfig::default(),
            node: "controlplane".into(),
            lang: Lang::En,
            continuation: false,
            editor_pane: false,
            editor_request: None,
            kubectl_writes: Vec::new(),
            logins: Vec::new(),
            login_history: BTreeMap::new(),
            prompt: PROMPT.to_string(),
            journal,
            foreground: None,
            clock_paused: false,
        }
    }

    pub fn prompt(&self) -> &str {
        if let Some(p) = self.cluster.attached_prompt() {
            return p;
        }
        if self.continuation {
            CONTINUATION_PROMPT
        } else {
            &self.prompt
        }
    }

    /// Ctrl+C at the prompt: the line being typed (and any multi-line input) is dropped.
    pub fn interrupt(&mut self) {
        self.journal
            .record(self.cluster.now(), journal::Entry::Interrupt);
        self.shell.cancel_pending();
        self.continuation = false;
        self.foreground = None;
    }

    /// A command runs on in the terminal (`kubectl get -w` in the page) until Ctrl+C.
    pub fn foreground_running(&self) -> bool {
        self.foreground.is_some()
    }

    /// What the foreground command printed for the cluster as it is now. It ends on its own
    /// when it has nothing left to follow (`logs -f` of a stopped container).
    pub fn poll_foreground(&mut self) -> Polled {
        match self.foreground.as_mut() {
            None => Polled::default(),
            Some(Foreground::Kubectl(f)) => {
                let (text, running) = f.poll(&mut self.cluster);
                if !running {
                    self.foreground = None;
                }
                Polled {
                    text,
                    replace: false,
                }
            }
            Some(Foreground::Sleep(until)) => {
                if self.cluster.now() >= *until {
                    self.foreground = None;
                }
                Polled::default()
            }
            Some(Foreground::Watch(w)) => {
                let now = self.cluster.now();
                if now < w.next_at {
                    return Polled::default();
                }
                // Ticks may come slower than the interval: the next screen is one interval on.
                w.next_at = now + w.interval_ms;
                let w = w.clone();
                let node = self.node.clone();
                let output = self.run_sh(&node, &w.command, &w.cwd, &w.env);
                Polled {
                    text: w.screen(&node, now, &output),
                    replace: true,
                }
            }
        }
    }

    /// The foreground command draws whole screens (`watch`): Ctrl+C leaves nothing of it.
    pub fn foreground_full_screen(&self) -> bool {
        matches!(self.foreground, Some(Foreground::Watch(_)))
    }

    /// `sh -c COMMAND` on the terminal's node, outside the terminal's own shell.
    fn run_sh(&mut self, node: &str, command: &str, cwd: &str, env: &[(String, String)]) -> String {
        with_side_host(
            &mut self.cluster,
            &mut self.kubeconfig,
            &self.login_history,
            (node, self.lang, false),
            |host| host.run_sh(node, command, cwd, env),
        )
    }

    /// The nodes the terminal is logged in to through `ssh`, outermost first (empty on the
    /// first shell).
    pub fn login_stack(&self) -> Vec<&str> {
        self.logins.iter().map(|l| l.node.as_str()).collect()
    }

    /// Logs the terminal in to `node` (`ssh`): a fresh login shell there.
    fn log_in(&mut self, node: String) {
        let mut shell = Shell::new();
        shell.set_var("HOSTNAME", &node);
        let outer = std::mem::replace(&mut self.shell, shell);
        let outer_node = std::mem::replace(&mut self.node, node);
        self.logins.push(Login {
            node: outer_node,
            shell: outer,
        });
        self.prompt = format!("{} $ ", self.node);
    }

    /// `exit` in a shell `ssh` opened: back to the shell before it, with what the remote bash
    /// and OpenSSH print. False on the first shell (the caller ends the session).
    fn log_out(&mut self, status: i32, output: &mut Vec<crate::shell::TermChunk>) -> bool {
        let Some(outer) = self.logins.pop() else {
            return false;
        };
        let left = std::mem::replace(&mut self.node, outer.node);
        self.shell = outer.shell;
        self.shell.status = status;
        self.prompt = format!("{} $ ", self.node);
        output.push(crate::shell::TermChunk::Err(format!(
            "logout\nConnection to {left} closed.\n"
        )));
        true
    }

    /// Runs one line typed at the prompt.
    pub fn run_line(&mut self, line: &str) -> LineOutcome {
        self.journal.live = self.editor_pane;
        self.journal
            .record(self.cluster.now(), journal::Entry::Line(line.to_string()));
        // Attached to a shell in a container (`kubectl exec -it … -- sh`): the line runs there.
        let mut note = None;
        if self.cluster.network.attached.is_some() {
            match self.cluster.attached_line(line) {
                Ok((mut result, slept_ms)) => {
                    if self.cluster.network.attached.is_none() {
                        // The session ended: kubectl's exit status is the node shell's `$?`.
                        self.shell.status = result.status;
                    }
                    bound_terminal_output(&mut result.output, self.lang);
                    return LineOutcome { result, slept_ms };
                }
                Err(msg) => note = Some(msg),
            }
        }
        let mut slept_ms = 0;
        self.kubectl_writes.clear();
        let mut login_request = None;
        let mut host = Host {
            cluster: &mut self.cluster,
            kubeconfig: &mut self.kubeconfig,
            node: &self.node,
            lang: self.lang,
            slept_ms: &mut slept_ms,
            scratch: Fs::new(),
            editor_pane: self.editor_pane,
            editor_request: &mut self.editor_request,
            kubectl_writes: &mut self.kubectl_writes,
            login_request: &mut login_request,
            login_history: &mut self.login_history,
            cwd: String::new(),
            kubeconfig_env: None,
            tty: false,
            foreground: None,
            env: Vec::new(),
            live_sleep: false,
        };
        host.live_sleep =
            self.editor_pane && !self.clock_paused && !self.continuation && is_lone_sleep(line);
        let mut result = self.shell.run_line(line, &mut host);
        self.foreground = host.foreground.take();
        self.continuation = result.continuation;
        self.cluster.take_attach_request();
        if !self.logins.is_empty() {
            if let Some(status) = self.shell.exit_request {
                self.shell.exit_request = None;
                self.log_out(status, &mut result.output);
            }
        }
        if let Some(node) = login_request {
            if self.shell.exit_request.is_none() {
                self.log_in(node);
            }
        }
        if let Some(msg) = note.filter(|m| !m.is_empty()) {
            result.output.insert(0, crate::shell::TermChunk::Err(msg));
        }
        bound_terminal_output(&mut result.output, self.lang);
        LineOutcome { result, slept_ms }
    }

    /// Tab at the prompt: the line with its last word completed, and the candidates.
    pub fn complete(&mut self, line: &str) -> Completion {
        let shell = &self.shell;
        with_side_host(
            &mut self.cluster,
            &mut self.kubeconfig,
            &self.login_history,
            (&self.node, self.lang, self.editor_pane),
            |host| shell.complete(line, host),
        )
    }

    /// The editor the last line asked for (`vi FILE` with an editor pane), once.
    pub fn take_editor_request(&mut self) -> Option<EditorRequest> {
        self.editor_request.take()
    }

    /// The resourceVersions before and after each kubectl the last line ran.
    pub fn kubectl_writes(&self) -> &[(u64, u64)] {
        &self.kubectl_writes
    }

    /// Runs kubectl for a view of the page (a pod's `describe` or `logs`) without touching the
    /// terminal or its history: the status, standard output and standard error.
    pub fn kubectl_quietly(&mut self, args: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let mut io = Io::new(String::new());
        io.cwd = self.shell.cwd().to_string();
        let mut fs = self.cluster.node_fs.remove(&self.node).unwrap_or_default();
        let mut ctx = kubectl::Ctx {
            cluster: &mut self.cluster,
            config: &mut self.kubeconfig,
            fs: &mut fs,
            cwd: io.cwd.clone(),
            live: false,
            tty: false,
            foreground: None,
            // The page's own views look inside the cluster, whatever its API server does.
            unreachable: None,
        };
        let status = kubectl::run(&args, &mut ctx, &mut io);
        self.cluster.node_fs.insert(self.node.clone(), fs);
        (status, io.stdout_text(), io.stderr_text())
    }

    /// The editor pane writes `text` to `path` (absolute) on the terminal's node; the kubelet
    /// sees a manifest written there at once. Ok(whether the file existed before).
    pub fn write_file(&mut self, path: &str, text: &str) -> Result<bool, String> {
        self.journal.record(
            self.cluster.now(),
            journal::Entry::Write(path.to_string(), text.to_string()),
        );
        let now = self.cluster.now();
        let fs = self.cluster.node_fs.entry(self.node.clone()).or_default();
        let existed = fs.is_file(path);
        fs.write(path, text, now).map_err(|e| e.to_string())?;
        self.cluster.settle();
        Ok(existed)
    }

    /// Lets `ms` of cluster time pass (the page's clock).
    pub fn tick(&mut self, ms: i64) {
        self.cluster.advance(ms);
    }

    /// Lets up to `ms` of cluster time pass, stopping early once `over_budget` says so (the
    /// page's clock keeps its frames short; the cluster clock falls behind a little instead).
    pub fn tick_within(&mut self, ms: i64, over_budget: &mut dyn FnMut() -> bool) {
        let target = self.cluster.now() + ms.max(0);
        self.cluster.advance_within(target, over_budget);
    }
}

/// Runs a script as the runner's `--echo` mode does: for every line, the prompt and the line,
/// then exactly what the terminal prints for it. Lines after `exit` are not run.
pub fn echo_transcript(script: &str, seed: u64) -> String {
    let mut session = Session::new(seed);
    let mut out = String::new();
    for line in script.lines() {
        out.push_str(session.prompt());
        out.push_str(line);
        out.push('\n');
        let outcome = session.run_line(line);
        for chunk in outcome.result.output {
            if let crate::shell::TermChunk::Out(s) | crate::shell::TermChunk::Err(s) = chunk {
                out.push_str(&s);
            }
        }
        if session.shell.take_exit().is_some() {
            return out;
        }
    }
    out.push_str(session.prompt());
    out.push('\n');
    out
}

/// The version of the saved-session format. Bump it when the format changes and add a migration
/// in `Session::load`.
pub const SAVE_FORMAT_VERSION: u32 = 1;

/// Why a saved session could not be loaded. The page explains it, offers the raw save for
/// download, and starts fresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not a save of ours, or damaged.
    Corrupt(String),
    /// Saved by a newer version of the playground.
    TooNew(u32),
}

#[derive(serde::Deserialize)]
struct SavedSession {
    /// Read from the document before this is; decoding still checks it is a `u32`.
    #[allow(dead_code)]
    version: u32,
    cluster: Cluster,
    shell: crate::shell::ShellSnapshot,
    kubeconfig: KubeConfig,
    node: String,
    lang: Lang,
    /// The shells `ssh` left (node, shell), outermost first.
    #[serde(default)]
    logins: Vec<(String, crate::shell::ShellSnapshot)>,
    #[serde(default)]
    login_history: BTreeMap<String, (i64, String)>,
    /// Absent in older saves: such a session is shared by its state.
    #[serde(default = "incomplete_journal")]
    journal: journal::Journal,
}

fn incomplete_journal() -> journal::Journal {
    journal::Journal {
        complete: false,
        ..journal::Journal::new(0)
    }
}

/// `SavedSession` as it is written: the same fields, borrowed (copying the cluster only to
/// write it cost time and a copy of every `Clone` of its parts in the download).
#[derive(serde::Serialize)]
struct SavedSessionRef<'a> {
    version: u32,
    cluster: &'a Cluster,
    shell: crate::shell::ShellSnapshot,
    kubeconfig: &'a KubeConfig,
    node: &'a str,
    lang: Lang,
    logins: Vec<(&'a str, crate::shell::ShellSnapshot)>,
    login_history: &'a BTreeMap<String, (i64, String)>,
    journal: &'a journal::Journal,
}

impl Session {
    /// The whole playground as one JSON document: cluster objects with their resourceVersions,
    /// node filesystems, the clock, the shell's history, aliases and variables.
    pub fn save(&self) -> String {
        let saved = SavedSessionRef {
            version: SAVE_FORMAT_VERSION,
            cluster: &self.cluster,
            shell: self.shell.save_state(),
            kubeconfig: &self.kubeconfig,
            node: &self.node,
            lang: self.lang,
            logins: self
                .logins
                .iter()
                .map(|l| (l.node.as_str(), l.shell.save_state()))
                .collect(),
            login_history: &self.login_history,
            journal: &self.journal,
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Restores a session from `save`'s output.
    pub fn load(text: &str) -> Result<Session, LoadError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LoadError::Corrupt(e.to_string()))?;
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| LoadError::Corrupt("no version".into()))? as u32;
        if version > SAVE_FORMAT_VERSION {
            return Err(LoadError::TooNew(version));
        }
        // Migrations from older versions go here, one step at a time.
        let saved: SavedSession =
            serde_json::from_value(value).map_err(|e| LoadError::Corrupt(e.to_string()))?;
        for node in std::iter::once(&saved.node).chain(saved.logins.iter().map(|(n, _)| n)) {
            if !saved.cluster.node_fs.contains_key(node) {
                return Err(LoadError::Corrupt(format!("no node {node}")));
            }
        }
        Ok(Session {
            cluster: saved.cluster,
            shell: crate::shell::Shell::from_saved_state(&saved.shell),
            kubeconfig: saved.kubeconfig,
            prompt: format!("{} $ ", saved.node),
            node: saved.node,
            lang: saved.lang,
            continuation: false,
            editor_pane: false,
            editor_request: None,
            kubectl_writes: Vec::new(),
            logins: saved
                .logins
                .iter()
                .map(|(node, shell)| Login {
                    node: node.clone(),
                    shell: crate::shell::Shell::from_saved_state(shell),
                })
                .collect(),
            login_history: saved.login_history,
            journal: saved.journal,
            foreground: None,
            clock_paused: false,
        })
    }
}

/// Lessons and workshop mode: the parts that run things (setup, solutions, command checks).
impl Session {
    /// Runs shell lines as if typed, and returns for each its status and everything it printed.
    pub fn run_lines(&mut self, lines: &[String]) -> Vec<(i32, String)> {
        let mut out = Vec::new();
        for line in lines.iter().take(10_000) {
            let outcome = self.run_line(line);
            let mut text = String::new();
            for chunk in outcome.result.output {
                if let crate::shell::TermChunk::Out(s) | crate::shell::TermChunk::Err(s) = chunk {
                    text.push_str(&s);
                }
            }
            out.push((outcome.result.status, text));
        }
        out
    }

    /// A fresh session at `step` of a lesson (0-based): the lesson's files and setup, then the
    /// solutions of every step before it. `reset_to_step` for the page.
    pub fn for_lesson(lesson: &crate::lessons::Lesson, step: usize, seed: u64) -> Session {
        let mut session = Session::new(seed);
        let now = session.cluster.now();
        for f in &lesson.files {
            if let Some(fs) = session.cluster.node_fs.get_mut(&f.node) {
                if let Some((dir, _)) = crate::vfs::split_parent(&f.path) {
                    let _ = fs.mkdir_p(&dir, now);
                }
                let _ = fs.write(&f.path, &f.content, now);
            }
        }
        session.cluster.settle();
        session.run_lines(&lesson.setup);
        for s in lesson.steps.iter().take(step) {
            session.run_lines(&s.solution);
        }
        // The journal starts here; only a lesson of this build can be replayed elsewhere.
        session.journal = journal::Journal::new(seed);
        session.journal.lesson = Some((lesson.id.clone(), step));
        session.journal.started_at = session.cluster.now();
        session.journal.complete = crate::lessons::all().iter().any(|l| l.id == lesson.id);
        session
    }

    /// Evaluates a step's checks against the cluster as it is now, labelled in the session's
    /// language. Runs nothing but the `command` checks' kubectl (which writes nothing).
    pub fn check_step(
        &mut self,
        lesson: &crate::lessons::Lesson,
        step: usize,
    ) -> Vec<crate::lessons::CheckResult> {
        use crate::lessons::checks::{self, Check};
        let Some(s) = lesson.steps.get(step) else {
            return Vec::new();
        };
        s.checks
            .iter()
            .map(|c| {
                let passed = match c {
                    Check::Command(cc) => {
                        let words: Vec<&str> = cc.run.split_whitespace().skip(1).collect();
                        let (_, stdout, _) = self.kubectl_quietly(&words);
                        checks::command_output_matches(cc, &stdout)
                    }
                    _ => checks::evaluate(c, &self.cluster).unwrap_or(false),
                };
                crate::lessons::CheckResult {
                    label: checks::label(c, self.lang),
                    passed,
                }
            })
            .collect()
    }
}

//! The composition root: one cluster, the node filesystems, a shell on the control-plane node,
//! kubectl's kubeconfig and the language. The web page and the native runner both drive a
//! `Session` and print exactly what it returns.

use crate::i18n::{self, Lang, Msg};
use crate::kubectl::{self, KubeConfig};
use crate::shell::{Io, LineResult, Shell, System};
use crate::sim::bootstrap::kubeadm_cluster;
use crate::sim::Cluster;
use crate::vfs::Fs;

/// The terminal's prompt on the control-plane node.
pub const PROMPT: &str = "controlplane $ ";
/// The prompt for a continuation line (open quote, here-document…).
pub const CONTINUATION_PROMPT: &str = "> ";

/// Commands the session provides to the shell (the rest are shell builtins and utilities).
const EXTERNALS: &[&str] = &["kubectl", "help"];

pub struct Session {
    pub cluster: Cluster,
    pub shell: Shell,
    pub kubeconfig: KubeConfig,
    /// The node the terminal is logged in to.
    pub node: String,
    pub lang: Lang,
    continuation: bool,
}

/// What the shell sees of the session while it runs one line.
struct Host<'a> {
    cluster: &'a mut Cluster,
    kubeconfig: &'a mut KubeConfig,
    node: &'a str,
    lang: Lang,
    slept_ms: &'a mut i64,
    scratch: Fs,
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
                // kubectl reads and writes the node's files (`-f`, `edit`) while it holds the
                // cluster; they go back before the cluster moves on (its kubelet reads them).
                let mut fs = self.cluster.node_fs.remove(self.node).unwrap_or_default();
                let mut ctx = kubectl::Ctx {
                    cluster: self.cluster,
                    config: self.kubeconfig,
                    fs: &mut fs,
                    cwd: io.cwd.clone(),
                };
                let status = kubectl::run(&argv[1..], &mut ctx, io);
                self.cluster.node_fs.insert(self.node.to_string(), fs);
                // The cluster reacts to what kubectl did before the next command runs.
                self.cluster.settle();
                Some(status)
            }
            "help" => {
                io.out(i18n::t(self.lang, Msg::ShellHelp));
                Some(0)
            }
            _ => None,
        }
    }
    fn has_external(&self, name: &str) -> bool {
        EXTERNALS.contains(&name)
    }
    fn sleep_ms(&mut self, ms: i64) {
        let ms = ms.clamp(0, 24 * 3600 * 1000);
        *self.slept_ms += ms;
        self.cluster.advance(ms);
    }
    fn hostname(&self) -> String {
        self.node.to_string()
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
        Session {
            cluster: kubeadm_cluster(seed),
            shell,
            kubeconfig: KubeConfig::default(),
            node: "controlplane".into(),
            lang: Lang::En,
            continuation: false,
        }
    }

    pub fn prompt(&self) -> &'static str {
        if self.continuation {
            CONTINUATION_PROMPT
        } else {
            PROMPT
        }
    }

    /// Runs one line typed at the prompt.
    pub fn run_line(&mut self, line: &str) -> LineOutcome {
        let mut slept_ms = 0;
        let mut host = Host {
            cluster: &mut self.cluster,
            kubeconfig: &mut self.kubeconfig,
            node: &self.node,
            lang: self.lang,
            slept_ms: &mut slept_ms,
            scratch: Fs::new(),
        };
        let result = self.shell.run_line(line, &mut host);
        self.continuation = result.continuation;
        LineOutcome { result, slept_ms }
    }

    /// Lets `ms` of cluster time pass (the page's clock).
    pub fn tick(&mut self, ms: i64) {
        self.cluster.advance(ms);
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

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedSession {
    version: u32,
    cluster: Cluster,
    shell: crate::shell::ShellSnapshot,
    kubeconfig: KubeConfig,
    node: String,
    lang: Lang,
}

impl Session {
    /// The whole playground as one JSON document: cluster objects with their resourceVersions,
    /// node filesystems, the clock, the shell's history, aliases and variables.
    pub fn save(&self) -> String {
        let saved = SavedSession {
            version: SAVE_FORMAT_VERSION,
            cluster: self.cluster.clone(),
            shell: self.shell.save_state(),
            kubeconfig: self.kubeconfig.clone(),
            node: self.node.clone(),
            lang: self.lang,
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
        if !saved.cluster.node_fs.contains_key(&saved.node) {
            return Err(LoadError::Corrupt(format!("no node {}", saved.node)));
        }
        Ok(Session {
            cluster: saved.cluster,
            shell: crate::shell::Shell::from_saved_state(&saved.shell),
            kubeconfig: saved.kubeconfig,
            node: saved.node,
            lang: saved.lang,
            continuation: false,
        })
    }
}

//! The shell: lex → parse → execute, with builtins and the utilities a node has.
//!
//! [`Shell::run_line`] takes one line typed at the terminal. Incomplete input (an open quote, a
//! here-document, a trailing `|`, an unfinished `for`…) is kept and the caller is told to show
//! the `> ` prompt; the next line continues it. Commands write to an [`Io`]; what reaches the
//! terminal comes back as [`TermChunk`]s. Everything runs synchronously and is bounded: loops stop
//! after [`MAX_LOOP_ITERATIONS`], a line runs at most [`MAX_COMMANDS_PER_LINE`] commands, output
//! is capped, and nesting (functions, `source`, `$(…)`, compound commands, regexes, awk
//! programs) has fixed limits that fit a 1 MB wasm stack.
//!
//! Language (bash semantics, interactive error messages): quoting, `$VAR`/`${…}` forms,
//! `$(…)`/backticks, `$((…))`, `<(…)`, brace expansion, globbing, pipes (stage by stage),
//! redirections (`> >> < 2> 2>&1 &> <<EOF <<'EOF' <<-EOF <<<`), `; && || !`, `VAR=x cmd`,
//! aliases, functions, `for`/`for ((…))`/`while`/`until`/`if`/`case`/`{ }`/`( )`/`((…))`,
//! `[ ]`/`[[ ]]`, history with `!!`, `!N`, `!-N`, `!$`, `!prefix`.
//!
//! Modules: `lex` (tokens, here-documents), `parse` (AST, aliases), `expand` (words), `exec`
//! (pipelines, redirections, loops), `builtins` (commands), `regex` (the engine grep, sed and awk
//! share), `complete` (Tab).

mod builtins;
mod complete;
mod exec;
mod expand;
pub mod lex;
pub mod parse;
pub mod regex;

#[cfg(test)]
mod tests;

use crate::sorting::CollectInserted;
use std::collections::BTreeMap;

pub use complete::Completion;
pub use lex::Incomplete;

/// Most iterations of one `for`/`while`/`until` loop.
pub const MAX_LOOP_ITERATIONS: usize = 10_000;
/// Most simple commands one input line may run (loops included).
pub const MAX_COMMANDS_PER_LINE: usize = 100_000;
/// Most bytes of output one input line may produce (all pipeline stages together).
pub const MAX_OUTPUT_PER_LINE: usize = 16 * 1024 * 1024;
/// Most entries kept by `history`.
pub const HISTORY_SIZE: usize = 1000;
/// Deepest nesting of functions, `source`, command substitutions.
pub const MAX_CALL_DEPTH: usize = 64;
/// Longest pending multi-line input.
pub const MAX_PENDING: usize = 4 * 1024 * 1024;

/// The escape sequence `clear` writes; turned into [`TermChunk::Clear`] on the way out.
pub const CLEAR_SEQUENCE: &str = "\x1b[H\x1b[2J\x1b[3J";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What one command wrote, in order. Commands (builtins and externals like kubectl) write here.
#[derive(Debug, Default)]
pub struct Io {
    pub stdin: String,
    pub chunks: Vec<(Stream, String)>,
    /// The shell's working directory when the command runs (for relative paths of externals).
    pub cwd: String,
}

impl Io {
    pub fn new(stdin: String) -> Io {
        Io {
            stdin,
            chunks: Vec::new(),
            cwd: "/".to_string(),
        }
    }

    /// Write to standard output.
    pub fn out(&mut self, s: impl AsRef<str>) {
        self.push(Stream::Stdout, s.as_ref());
    }

    /// Write to standard error.
    pub fn err(&mut self, s: impl AsRef<str>) {
        self.push(Stream::Stderr, s.as_ref());
    }

    pub(crate) fn push(&mut self, stream: Stream, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some((last, text)) = self.chunks.last_mut() {
            if *last == stream {
                text.push_str(s);
                return;
            }
        }
        self.chunks.push((stream, s.to_string()));
    }

    /// Everything written to standard output, concatenated.
    pub fn stdout_text(&self) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == Stream::Stdout)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// Everything written to standard error, concatenated.
    pub fn stderr_text(&self) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == Stream::Stderr)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// Take all of standard input (a command that reads it consumes it).
    pub fn take_stdin(&mut self) -> String {
        std::mem::take(&mut self.stdin)
    }
}

/// What reaches the terminal.
#[derive(Clone, Debug, PartialEq)]
pub enum TermChunk {
    Out(String),
    Err(String),
    Clear,
}

/// The host the shell runs in: a session gives it the filesystem of the node the user is on, the
/// clock, and the non-builtin commands.
pub trait System {
    fn fs(&mut self) -> &mut crate::vfs::Fs;
    fn now_ms(&self) -> i64;
    /// Run a command that is not a shell builtin (kubectl, help, …). None: no such command.
    fn run_external(&mut self, argv: &[String], io: &mut Io) -> Option<i32>;
    /// Is `name` an external command (for `which`/`type`)?
    fn has_external(&self, name: &str) -> bool;
    /// `sleep N`: advance the virtual clock (the cluster moves on).
    fn sleep_ms(&mut self, ms: i64);
    fn hostname(&self) -> String;
    /// Called right before each `run_external`: the shell's working directory and its exported
    /// variables, so an external can resolve relative paths (`kubectl apply -f pod.yaml`) and
    /// read `KUBECONFIG`, `KUBE_EDITOR`…. The default ignores them.
    fn set_context(&mut self, _cwd: &str, _env: &[(String, String)]) {}
    /// Called right before each `run_external`: whether its standard output is the terminal
    /// (not a pipe, a file or `$(…)`).
    fn set_tty(&mut self, _tty: bool) {}
    /// Tab after an external's words (`kubectl get pods -n shop ng`): its candidates for the
    /// last word, or None to let the shell offer its own (command names, files).
    fn complete_external(&mut self, _words: &[&str], _word: &str) -> Option<Vec<String>> {
        None
    }
    /// The last external went on running in the terminal's foreground (the page's live
    /// `kubectl get -w`): the rest of the line is not run.
    fn foreground_started(&self) -> bool {
        false
    }
}

/// The result of one input line.
#[derive(Clone, Debug, PartialEq)]
pub struct LineResult {
    pub output: Vec<TermChunk>,
    /// `$?` after the line.
    pub status: i32,
    /// The line is incomplete (open quote, here-document, trailing `|` or `&&`, unfinished
    /// `for`/`while`/`if`): show the `> ` prompt and feed the next line.
    pub continuation: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Var {
    pub value: String,
    pub exported: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Normal,
    Break(u32),
    Continue(u32),
    Return,
    /// `exit` (leaves the subshell, or asks the caller to end the session at top level).
    Exit,
    /// An expansion error: the rest of the input line is dropped.
    Abort,
}

/// An interactive bash-like shell.
#[derive(Clone, Debug)]
pub struct Shell {
    pub(crate) vars: BTreeMap<String, Var>,
    pub(crate) aliases: BTreeMap<String, String>,
    pub(crate) functions: BTreeMap<String, parse::Command>,
    pub(crate) history: Vec<String>,
    /// Number of the first entry kept in `history` (entries drop off the front).
    pub(crate) history_base: usize,
    pub(crate) status: i32,
    pub(crate) cwd: String,
    pub(crate) positional: Vec<String>,
    // Multi-line input in progress.
    pending: String,
    pending_kind: Option<Incomplete>,
    pending_hist: String,
    // Per-run state.
    pub(crate) flow: Flow,
    pub(crate) depth: usize,
    pub(crate) commands_run: usize,
    pub(crate) output_bytes: usize,
    pub(crate) stdout_tty: bool,
    pub(crate) last_subst_status: Option<i32>,
    pub(crate) exit_request: Option<i32>,
    pub(crate) loop_depth: u32,
    pub(crate) rng: u64,
    /// Files made for `<(…)`, removed after the line.
    pub(crate) temp_files: Vec<String>,
}

impl Default for Shell {
    fn default() -> Self {
        Shell::new()
    }
}

impl Shell {
    /// A fresh shell in `/root` with the usual environment (the caller sets `HOSTNAME`).
    pub fn new() -> Shell {
        let mut sh = Shell {
            vars: BTreeMap::new(),
            aliases: BTreeMap::new(),
            functions: BTreeMap::new(),
            history: Vec::new(),
            history_base: 1,
            status: 0,
            cwd: "/root".to_string(),
            positional: Vec::new(),
            pending: String::new(),
            pending_kind: None,
            pending_hist: String::new(),
            flow: Flow::Normal,
            depth: 0,
            commands_run: 0,
            output_bytes: 0,
            stdout_tty: true,
            last_subst_status: None,
            exit_request: None,
            loop_depth: 0,
            rng: 0x853c_49e6_748f_ea9b,
            temp_files: Vec::new(),
        };
        for (k, v) in [
            ("HOME", "/root"),
            ("USER", "root"),
            ("LOGNAME", "root"),
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("SHELL", "/bin/bash"),
            ("PWD", "/root"),
            ("TERM", "xterm-256color"),
            ("LANG", "C.UTF-8"),
            ("SHLVL", "1"),
        ] {
            sh.vars.insert(
                k.to_string(),
                Var {
                    value: v.to_string(),
                    exported: true,
                },
            );
        }
        sh
    }

    /// The working directory.
    pub fn cwd(&self) -> &str {
        &self.cwd
    }

    /// Set the working directory (and `$PWD`) without checks.
    pub fn set_cwd(&mut self, path: &str) {
        self.cwd = crate::vfs::normalize("/", path);
        let cwd = self.cwd.clone();
        self.set_var("PWD", &cwd);
    }

    /// Set a shell variable (keeping its exported flag; a new one is exported, like an
    /// environment variable the session passes in).
    pub fn set_var(&mut self, name: &str, value: &str) {
        let exported = self.vars.get(name).map(|v| v.exported).unwrap_or(true);
        self.vars.insert(
            name.to_string(),
            Var {
                value: value.to_string(),
                exported,
            },
        );
    }

    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.value.as_str())
    }

    /// Commands entered, oldest first (at most [`HISTORY_SIZE`]).
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// `$?`.
    pub fn last_status(&self) -> i32 {
        self.status
    }

    /// Exported variables, sorted by name (the environment a command sees).
    pub fn env(&self) -> Vec<(String, String)> {
        self.vars
            .iter()
            .filter(|(_, v)| v.exported)
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect()
    }

    /// Run an external command through `sys`, telling it the working directory and environment.
    pub(crate) fn external(
        &self,
        argv: &[String],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> Option<i32> {
        sys.set_context(&self.cwd, &self.env());
        sys.set_tty(self.stdout_tty);
        sys.run_external(argv, io)
    }

    /// The aliases defined, by name.
    pub fn aliases(&self) -> &BTreeMap<String, String> {
        &self.aliases
    }

    /// Is a multi-line input in progress?
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Drop the multi-line input in progress (Ctrl-C at the `> ` prompt).
    pub fn cancel_pending(&mut self) {
        self.pending.clear();
        self.pending_hist.clear();
        self.pending_kind = None;
    }

    /// After `exit` at top level: the status it asked for (taken once). The caller ends the
    /// session (or leaves the node it ssh'd into).
    pub fn take_exit(&mut self) -> Option<i32> {
        self.exit_request.take()
    }

    /// Run one line typed at the terminal (or a continuation line).
    pub fn run_line(&mut self, line: &str, sys: &mut dyn System) -> LineResult {
        let mut io = Io::new(String::new());
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let status_before = self.status;
        // History expansion (not inside here-document bodies).
        let line: String = if self.pending_kind == Some(Incomplete::HereDoc) {
            line.to_string()
        } else {
            match self.history_expand(line) {
                Ok(Some(expanded)) => {
                    io.out(format!("{expanded}\n"));
                    expanded
                }
                Ok(None) => line.to_string(),
                Err(event) => {
                    io.err(format!("bash: {event}: event not found\n"));
                    self.cancel_pending();
                    return self.finish(io, status_before, false);
                }
            }
        };
        if self.pending.is_empty() {
            self.pending_hist = line.clone();
        } else {
            let sep = match self.pending_kind {
                Some(Incomplete::Quote) | Some(Incomplete::HereDoc) => "\n",
                _ => {
                    let prev = self.pending_hist.trim_end();
                    let joins_with_space =
                        ["|", "&&", "||", "do", "then", "else", "{", "(", ";", "in"]
                            .iter()
                            .any(|t| prev.ends_with(t))
                            || line.trim().is_empty();
                    if joins_with_space {
                        " "
                    } else {
                        "; "
                    }
                }
            };
            if !line.trim().is_empty() {
                self.pending_hist.push_str(sep);
                self.pending_hist.push_str(&line);
            }
        }
        self.pending.push_str(&line);
        self.pending.push('\n');
        if self.pending.len() > MAX_PENDING {
            io.err("bash: input too long\n");
            self.cancel_pending();
            self.status = 1;
            return self.finish(io, 1, false);
        }
        let parsed = parse::parse(&self.pending, &self.aliases);
        match parsed {
            Err(parse::ParseError::Incomplete(kind)) => {
                self.pending_kind = Some(kind);
                LineResult {
                    output: to_term(io.chunks),
                    status: self.status,
                    continuation: true,
                }
            }
            Err(parse::ParseError::Unexpected(tok)) => {
                let hist = std::mem::take(&mut self.pending_hist);
                self.add_history(&hist);
                self.cancel_pending();
                io.err(format!(
                    "bash: syntax error near unexpected token `{tok}'\n"
                ));
                self.status = 2;
                self.finish(io, 2, false)
            }
            Ok(list) => {
                let hist = std::mem::take(&mut self.pending_hist);
                self.add_history(&hist);
                self.cancel_pending();
                if list.items.is_empty() {
                    return self.finish(io, status_before, false);
                }
                self.flow = Flow::Normal;
                self.commands_run = 0;
                self.output_bytes = 0;
                self.depth = 0;
                self.loop_depth = 0;
                self.stdout_tty = true;
                let status = self.run_list(&list, sys, &mut io);
                for path in std::mem::take(&mut self.temp_files) {
                    let _ = sys.fs().remove(&path, false);
                }
                if self.flow == Flow::Exit {
                    self.exit_request = Some(status);
                }
                self.flow = Flow::Normal;
                self.status = status;
                self.finish(io, status, false)
            }
        }
    }

    fn finish(&mut self, io: Io, status: i32, continuation: bool) -> LineResult {
        self.status = status;
        LineResult {
            output: to_term(io.chunks),
            status,
            continuation,
        }
    }

    fn add_history(&mut self, entry: &str) {
        // Ubuntu's default HISTCONTROL=ignoreboth: no lines starting with a space, no duplicates
        // of the previous entry.
        if entry.trim().is_empty() || entry.starts_with(' ') {
            return;
        }
        if self.history.last().map(String::as_str) == Some(entry) {
            return;
        }
        self.history.push(entry.to_string());
        if self.history.len() > HISTORY_SIZE {
            self.history.remove(0);
            self.history_base += 1;
        }
    }

    /// Expand `!!`, `!N`, `!-N`, `!$` and `!prefix` outside single quotes. `Ok(None)`: nothing to
    /// expand; `Err(event)`: no such event.
    fn history_expand(&self, line: &str) -> Result<Option<String>, String> {
        if !line.contains('!') {
            return Ok(None);
        }
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::new();
        let mut changed = false;
        let mut in_single = false;
        let mut in_double = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && !in_single {
                out.push(c);
                if let Some(n) = chars.get(i + 1) {
                    out.push(*n);
                }
                i += 2;
                continue;
            }
            if c == '\'' && !in_double {
                in_single = !in_single;
            } else if c == '"' && !in_single {
                in_double = !in_double;
            }
            if c != '!' || in_single {
                out.push(c);
                i += 1;
                continue;
            }
            let next = chars.get(i + 1).copied();
            let (event, len): (Option<String>, usize) = match next {
                Some('!') => (self.history.last().cloned(), 2),
                Some('$') => {
                    let last = self.history.last().map(|h| last_word(h));
                    (last, 2)
                }
                Some(d) if d.is_ascii_digit() || d == '-' => {
                    let mut j = i + 1;
                    if d == '-' {
                        j += 1;
                    }
                    let start = j;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    if j == start {
                        out.push(c);
                        i += 1;
                        continue;
                    }
                    let n: usize = chars[start..j]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(usize::MAX);
                    let entry = if d == '-' {
                        self.history
                            .len()
                            .checked_sub(n)
                            .and_then(|k| self.history.get(k))
                            .cloned()
                    } else {
                        n.checked_sub(self.history_base)
                            .and_then(|k| self.history.get(k))
                            .cloned()
                    };
                    (entry, j - i)
                }
                Some(a) if a.is_ascii_alphabetic() || a == '_' || a == '.' || a == '/' => {
                    let mut j = i + 1;
                    while j < chars.len()
                        && !chars[j].is_whitespace()
                        && !matches!(chars[j], ';' | '|' | '&' | '"' | '\'')
                    {
                        j += 1;
                    }
                    let prefix: String = chars[i + 1..j].iter().collect();
                    (
                        self.history
                            .iter()
                            .rev()
                            .find(|h| h.starts_with(&prefix))
                            .cloned(),
                        j - i,
                    )
                }
                _ => {
                    out.push(c);
                    i += 1;
                    continue;
                }
            };
            match event {
                Some(e) => {
                    out.push_str(&e);
                    changed = true;
                    i += len;
                }
                None => {
                    let text: String = chars[i..(i + len).min(chars.len())].iter().collect();
                    return Err(text);
                }
            }
        }
        Ok(if changed { Some(out) } else { None })
    }
}

fn last_word(s: &str) -> String {
    s.split_whitespace().last().unwrap_or("").to_string()
}

/// Io chunks → terminal chunks, turning the clear sequence into [`TermChunk::Clear`].
fn to_term(chunks: Vec<(Stream, String)>) -> Vec<TermChunk> {
    let mut out: Vec<TermChunk> = Vec::new();
    let push = |out: &mut Vec<TermChunk>, c: TermChunk| match (out.last_mut(), &c) {
        (Some(TermChunk::Out(a)), TermChunk::Out(b)) => a.push_str(b),
        (Some(TermChunk::Err(a)), TermChunk::Err(b)) => a.push_str(b),
        _ => out.push(c),
    };
    for (stream, text) in chunks {
        match stream {
            Stream::Stderr => push(&mut out, TermChunk::Err(text)),
            Stream::Stdout => {
                let mut rest = text.as_str();
                while let Some(at) = rest.find(CLEAR_SEQUENCE) {
                    if at > 0 {
                        push(&mut out, TermChunk::Out(rest[..at].to_string()));
                    }
                    out.push(TermChunk::Clear);
                    rest = &rest[at + CLEAR_SEQUENCE.len()..];
                }
                if !rest.is_empty() {
                    push(&mut out, TermChunk::Out(rest.to_string()));
                }
            }
        }
    }
    out
}

/// What of a shell survives a reload: variables, aliases, history and the working directory.
/// (Functions and the line being typed do not.)
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ShellSnapshot {
    /// name → (value, exported)
    pub vars: BTreeMap<String, (String, bool)>,
    pub aliases: BTreeMap<String, String>,
    pub history: Vec<String>,
    pub history_base: usize,
    pub cwd: String,
    pub status: i32,
}

impl Shell {
    pub fn save_state(&self) -> ShellSnapshot {
        ShellSnapshot {
            vars: self
                .vars
                .iter()
                .map(|(k, v)| (k.clone(), (v.value.clone(), v.exported)))
                .collect_inserted(),
            aliases: self.aliases.clone(),
            history: self.history.clone(),
            history_base: self.history_base,
            cwd: self.cwd.clone(),
            status: self.status,
        }
    }

    /// A shell as it was when `save_state` was called.
    pub fn from_saved_state(snap: &ShellSnapshot) -> Shell {
        let mut sh = Shell::new();
        sh.vars = snap
            .vars
            .iter()
            .map(|(k, (value, exported))| {
                (
                    k.clone(),
                    Var {
                        value: value.clone(),
                        exported: *exported,
                    },
                )
            })
            .collect_inserted();
        sh.aliases = snap.aliases.clone();
        sh.history = snap.history.iter().take(HISTORY_SIZE).cloned().collect();
        sh.history_base = snap.history_base.max(1);
        sh.cwd = if snap.cwd.starts_with('/') {
            snap.cwd.clone()
        } else {
            "/root".to_string()
        };
        sh.status = snap.status;
        sh
    }
}

//! The executor: lists, and-or chains, pipelines (stage by stage), redirections, loops.

use std::collections::BTreeMap;

use super::lex::RedirOp;
use super::parse::{AndOr, Command, Compound, List, Pipeline, Redir};
use super::{builtins, expand, Flow, Io, Shell, Stream, System, Var};
use super::{MAX_CALL_DEPTH, MAX_COMMANDS_PER_LINE, MAX_LOOP_ITERATIONS, MAX_OUTPUT_PER_LINE};

/// Where a file descriptor goes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    /// The enclosing standard output (the terminal, a pipe, a capture).
    Out,
    /// The enclosing standard error.
    Err,
    /// Appended to this file (truncated when the redirection was set up, for `>`).
    File(String),
    Null,
}

pub(crate) struct Redirs {
    pub stdin: Option<String>,
    pub out: Target,
    pub err: Target,
}

/// What a subshell must not leak.
pub(crate) struct Snapshot {
    vars: BTreeMap<String, Var>,
    aliases: BTreeMap<String, String>,
    functions: BTreeMap<String, Command>,
    cwd: String,
    positional: Vec<String>,
}

impl Shell {
    pub(crate) fn snapshot(&self) -> Snapshot {
        Snapshot {
            vars: self.vars.clone(),
            aliases: self.aliases.clone(),
            functions: self.functions.clone(),
            cwd: self.cwd.clone(),
            positional: self.positional.clone(),
        }
    }

    pub(crate) fn restore(&mut self, s: Snapshot) {
        self.vars = s.vars;
        self.aliases = s.aliases;
        self.functions = s.functions;
        self.cwd = s.cwd;
        self.positional = s.positional;
    }

    /// Write to an Io, within the per-line output budget.
    pub(crate) fn emit(&mut self, io: &mut Io, stream: Stream, text: &str) {
        if self.output_bytes >= MAX_OUTPUT_PER_LINE {
            return;
        }
        let room = MAX_OUTPUT_PER_LINE - self.output_bytes;
        let text = if text.len() > room {
            truncate_at_char(text, room)
        } else {
            text
        };
        self.output_bytes += text.len();
        io.push(stream, text);
    }

    pub(crate) fn run_list(&mut self, list: &List, sys: &mut dyn System, io: &mut Io) -> i32 {
        for item in &list.items {
            self.run_and_or(item, sys, io);
            if self.flow != Flow::Normal {
                break;
            }
        }
        self.status
    }

    fn run_and_or(&mut self, ao: &AndOr, sys: &mut dyn System, io: &mut Io) -> i32 {
        let mut st = self.run_pipeline(&ao.first, sys, io);
        for (and, p) in &ao.rest {
            if self.flow != Flow::Normal {
                break;
            }
            if (*and && st == 0) || (!*and && st != 0) {
                st = self.run_pipeline(p, sys, io);
            }
        }
        st
    }

    fn run_pipeline(&mut self, p: &Pipeline, sys: &mut dyn System, io: &mut Io) -> i32 {
        let mut st;
        if p.cmds.len() == 1 {
            st = self.run_command(&p.cmds[0], sys, io);
        } else {
            let mut input = std::mem::take(&mut io.stdin);
            st = 0;
            let n = p.cmds.len();
            for (k, cmd) in p.cmds.iter().enumerate() {
                let last = k == n - 1;
                let mut sub = Io::new(std::mem::take(&mut input));
                let tty = self.stdout_tty;
                if !last {
                    self.stdout_tty = false;
                }
                let snap = self.snapshot();
                st = self.run_command(cmd, sys, &mut sub);
                self.restore(snap);
                self.stdout_tty = tty;
                if self.flow == Flow::Abort {
                    // An expansion error in a stage only ends that stage (it is a subshell).
                    self.flow = Flow::Normal;
                } else if self.flow != Flow::Normal {
                    self.flow = Flow::Normal;
                }
                if k == 0 {
                    io.stdin = std::mem::take(&mut sub.stdin);
                }
                for (stream, text) in sub.chunks {
                    if last || stream == Stream::Stderr {
                        io.push(stream, &text);
                    } else {
                        input.push_str(&text);
                    }
                }
            }
        }
        if p.negate {
            st = i32::from(st == 0);
        }
        self.status = st;
        st
    }

    pub(crate) fn run_command(&mut self, cmd: &Command, sys: &mut dyn System, io: &mut Io) -> i32 {
        match cmd {
            Command::Simple {
                assigns,
                words,
                redirs,
            } => self.run_simple(assigns, words, redirs, sys, io),
            Command::Function { name, body } => {
                self.functions.insert(name.clone(), (**body).clone());
                self.status = 0;
                0
            }
            Command::Compound { body, redirs } => {
                let Some(r) = self.setup_redirs(redirs, sys, io) else {
                    self.status = 1;
                    return 1;
                };
                let own_stdin = r.stdin.is_some();
                let mut sub = Io::new(match r.stdin.clone() {
                    Some(s) => s,
                    None => std::mem::take(&mut io.stdin),
                });
                let tty = self.stdout_tty;
                if r.out != Target::Out {
                    self.stdout_tty = false;
                }
                let st = self.run_compound(body, sys, &mut sub);
                self.stdout_tty = tty;
                if !own_stdin {
                    io.stdin = std::mem::take(&mut sub.stdin);
                }
                self.route(sub.chunks, &r, sys, io);
                self.status = st;
                st
            }
        }
    }

    fn run_compound(&mut self, c: &Compound, sys: &mut dyn System, io: &mut Io) -> i32 {
        match c {
            Compound::Brace(l) => self.run_list(l, sys, io),
            Compound::Subshell(l) => {
                let snap = self.snapshot();
                let st = self.run_list(l, sys, io);
                self.restore(snap);
                if self.flow != Flow::Abort {
                    self.flow = Flow::Normal;
                }
                self.status = st;
                st
            }
            Compound::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    let st = self.run_list(cond, sys, io);
                    if self.flow != Flow::Normal {
                        return st;
                    }
                    if st == 0 {
                        return self.run_list(body, sys, io);
                    }
                }
                match otherwise {
                    Some(e) => self.run_list(e, sys, io),
                    None => {
                        self.status = 0;
                        0
                    }
                }
            }
            Compound::For { var, items, body } => {
                let values = match items {
                    Some(ws) => match self.expand_words(ws, sys, io) {
                        Ok(v) => v,
                        Err(msg) => {
                            io.err(format!("{msg}\n"));
                            self.flow = Flow::Abort;
                            return 1;
                        }
                    },
                    None => self.positional.clone(),
                };
                let mut st = 0;
                self.status = 0;
                self.loop_depth += 1;
                for (n, v) in values.iter().enumerate() {
                    if n >= MAX_LOOP_ITERATIONS {
                        io.err(format!(
                            "bash: for: loop stopped after {MAX_LOOP_ITERATIONS} iterations\n"
                        ));
                        st = 1;
                        break;
                    }
                    self.assign_var(var, v);
                    st = self.run_list(body, sys, io);
                    if self.loop_control() {
                        break;
                    }
                }
                self.loop_depth -= 1;
                self.status = st;
                st
            }
            Compound::While { until, cond, body } => {
                let mut st = 0;
                let mut n = 0;
                self.loop_depth += 1;
                loop {
                    if n >= MAX_LOOP_ITERATIONS {
                        let kw = if *until { "until" } else { "while" };
                        io.err(format!(
                            "bash: {kw}: loop stopped after {MAX_LOOP_ITERATIONS} iterations\n"
                        ));
                        st = 1;
                        break;
                    }
                    n += 1;
                    let c = self.run_list(cond, sys, io);
                    if self.flow != Flow::Normal {
                        if self.loop_control() {
                            break;
                        }
                        continue;
                    }
                    if (c == 0) == *until {
                        break;
                    }
                    st = self.run_list(body, sys, io);
                    if self.loop_control() {
                        break;
                    }
                }
                self.loop_depth -= 1;
                self.status = st;
                st
            }
            Compound::Arith(expr) => match self.arith_expand(expr, sys, io) {
                Ok(v) => {
                    let st = i32::from(v == 0);
                    self.status = st;
                    st
                }
                Err(msg) => {
                    io.err(format!("{msg}\n"));
                    self.status = 1;
                    1
                }
            },
            Compound::ForArith {
                init,
                cond,
                step,
                body,
            } => {
                let mut st = 0;
                self.loop_depth += 1;
                let mut n = 0;
                let mut err = None;
                if let Err(m) = self.arith_expand(init, sys, io) {
                    err = Some(m);
                }
                while err.is_none() {
                    if !cond.is_empty() {
                        match self.arith_expand(cond, sys, io) {
                            Ok(0) => break,
                            Ok(_) => {}
                            Err(m) => {
                                err = Some(m);
                                break;
                            }
                        }
                    }
                    if n >= MAX_LOOP_ITERATIONS {
                        io.err(format!(
                            "bash: for: loop stopped after {MAX_LOOP_ITERATIONS} iterations\n"
                        ));
                        st = 1;
                        break;
                    }
                    n += 1;
                    st = self.run_list(body, sys, io);
                    if self.loop_control() {
                        break;
                    }
                    if let Err(m) = self.arith_expand(step, sys, io) {
                        err = Some(m);
                    }
                }
                self.loop_depth -= 1;
                if let Some(m) = err {
                    io.err(format!("{m}\n"));
                    st = 1;
                }
                self.status = st;
                st
            }
            Compound::Case { word, arms } => {
                let w = match self.expand_single(word, sys, io) {
                    Ok(w) => w,
                    Err(msg) => {
                        io.err(format!("{msg}\n"));
                        self.flow = Flow::Abort;
                        return 1;
                    }
                };
                for (pats, body) in arms {
                    for p in pats {
                        let pat = match self.expand_pattern(p, sys, io) {
                            Ok(p) => p,
                            Err(msg) => {
                                io.err(format!("{msg}\n"));
                                self.flow = Flow::Abort;
                                return 1;
                            }
                        };
                        if expand::pattern_matches(&pat, &w) {
                            if body.items.is_empty() {
                                self.status = 0;
                                return 0;
                            }
                            return self.run_list(body, sys, io);
                        }
                    }
                }
                self.status = 0;
                0
            }
        }
    }

    /// After a loop body: handle break/continue. True: leave this loop.
    fn loop_control(&mut self) -> bool {
        match self.flow {
            Flow::Normal => false,
            Flow::Break(n) => {
                self.flow = if n > 1 {
                    Flow::Break(n - 1)
                } else {
                    Flow::Normal
                };
                true
            }
            Flow::Continue(n) => {
                if n > 1 {
                    self.flow = Flow::Continue(n - 1);
                    true
                } else {
                    self.flow = Flow::Normal;
                    false
                }
            }
            _ => true,
        }
    }

    fn run_simple(
        &mut self,
        assigns: &[(String, String)],
        words: &[String],
        redirs: &[Redir],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> i32 {
        self.commands_run += 1;
        if self.commands_run > MAX_COMMANDS_PER_LINE {
            if self.commands_run == MAX_COMMANDS_PER_LINE + 1 {
                io.err(format!(
                    "bash: stopped after {MAX_COMMANDS_PER_LINE} commands\n"
                ));
            }
            self.flow = Flow::Abort;
            self.status = 1;
            return 1;
        }
        self.last_subst_status = None;
        let decl = matches!(
            words.first().map(String::as_str),
            Some("export" | "declare" | "local" | "readonly" | "typeset")
        );
        let expanded = if words.first().map(String::as_str) == Some("[[") {
            // No splitting or globbing inside [[ ]].
            let mut v = Vec::new();
            let mut res = Ok(());
            for w in words {
                match self.expand_single(w, sys, io) {
                    Ok(x) => v.push(x),
                    Err(e) => {
                        res = Err(e);
                        break;
                    }
                }
            }
            res.map(|_| v)
        } else if decl {
            self.expand_decl_words(words, sys, io)
        } else {
            self.expand_words(words, sys, io)
        };
        let argv = match expanded {
            Ok(v) => v,
            Err(msg) => {
                io.err(format!("{msg}\n"));
                self.flow = Flow::Abort;
                self.status = 1;
                return 1;
            }
        };
        let mut values = Vec::new();
        for (name, raw) in assigns {
            match self.expand_single(raw, sys, io) {
                Ok(v) => values.push((name.clone(), v)),
                Err(msg) => {
                    io.err(format!("{msg}\n"));
                    self.flow = Flow::Abort;
                    self.status = 1;
                    return 1;
                }
            }
        }
        if argv.is_empty() {
            for (name, v) in values {
                self.assign_plus(&name, &v);
            }
            let st = match self.setup_redirs(redirs, sys, io) {
                Some(_) => self.last_subst_status.unwrap_or(0),
                None => 1,
            };
            self.status = st;
            return st;
        }
        let Some(r) = self.setup_redirs(redirs, sys, io) else {
            self.status = 1;
            return 1;
        };
        // `VAR=x cmd`: exported for this command only.
        let mut saved = Vec::new();
        for (name, v) in &values {
            let bare = name.trim_end_matches('+').to_string();
            saved.push((bare.clone(), self.vars.get(&bare).cloned()));
            let value = if name.ends_with('+') {
                format!("{}{}", self.var(&bare).unwrap_or(""), v)
            } else {
                v.clone()
            };
            self.vars.insert(
                bare,
                Var {
                    value,
                    exported: true,
                },
            );
        }
        let own_stdin = r.stdin.is_some();
        let mut sub = Io::new(match r.stdin.clone() {
            Some(s) => s,
            None => std::mem::take(&mut io.stdin),
        });
        let tty = self.stdout_tty;
        if r.out != Target::Out {
            self.stdout_tty = false;
        }
        let st = self.dispatch(&argv, sys, &mut sub);
        self.stdout_tty = tty;
        if !own_stdin {
            io.stdin = std::mem::take(&mut sub.stdin);
        }
        for (name, old) in saved {
            match old {
                Some(v) => {
                    self.vars.insert(name, v);
                }
                None => {
                    self.vars.remove(&name);
                }
            }
        }
        self.route(sub.chunks, &r, sys, io);
        self.status = st;
        st
    }

    /// Arguments of `export`/`declare`…: `NAME=value` words are not split or globbed.
    fn expand_decl_words(
        &mut self,
        words: &[String],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> expand::ExpResult<Vec<String>> {
        let mut out = Vec::new();
        for (k, w) in words.iter().enumerate() {
            match super::parse::assignment(w) {
                Some((name, raw)) if k > 0 => {
                    let v = self.expand_single(&raw, sys, io)?;
                    out.push(format!("{name}={v}"));
                }
                _ => out.extend(self.expand_fields(w, sys, io)?),
            }
        }
        Ok(out)
    }

    /// `NAME=v` or `NAME+=v`.
    pub(crate) fn assign_plus(&mut self, name: &str, v: &str) {
        if let Some(bare) = name.strip_suffix('+') {
            let cur = self.var(bare).unwrap_or("").to_string();
            self.assign_var(bare, &format!("{cur}{v}"));
        } else {
            self.assign_var(name, v);
        }
    }

    /// Run a command by name: function, builtin, external, script path.
    pub(crate) fn dispatch(&mut self, argv: &[String], sys: &mut dyn System, io: &mut Io) -> i32 {
        let Some(name) = argv.first() else { return 0 };
        if let Some(body) = self.functions.get(name).cloned() {
            if self.depth >= MAX_CALL_DEPTH {
                io.err(format!(
                    "bash: {name}: maximum function nesting level exceeded ({MAX_CALL_DEPTH})\n"
                ));
                self.flow = Flow::Abort;
                return 1;
            }
            let saved = std::mem::replace(&mut self.positional, argv[1..].to_vec());
            self.depth += 1;
            let st = self.run_command(&body, sys, io);
            self.depth -= 1;
            self.positional = saved;
            if self.flow == Flow::Return {
                self.flow = Flow::Normal;
            }
            let _ = st;
            return self.status;
        }
        if let Some(st) = builtins::run(self, sys, argv, io) {
            return st;
        }
        io.cwd = self.cwd.clone();
        if let Some(st) = self.external(argv, sys, io) {
            if sys.foreground_started() {
                // It runs on in the terminal (`kubectl get -w`) until Ctrl+C, which abandons
                // the rest of the line, as bash does.
                self.flow = Flow::Abort;
            }
            return st;
        }
        if name.contains('/') {
            // /usr/bin/kubectl and friends.
            if let Some(base) = name
                .strip_prefix("/usr/bin/")
                .or_else(|| name.strip_prefix("/bin/"))
                .or_else(|| name.strip_prefix("/usr/local/bin/"))
            {
                if builtins::is_utility(base) || sys.has_external(base) {
                    let mut v = argv.to_vec();
                    v[0] = base.to_string();
                    return self.dispatch(&v, sys, io);
                }
            }
            let path = crate::vfs::normalize(&self.cwd, name);
            let fs = sys.fs();
            if fs.is_dir(&path) {
                io.err(format!("bash: {name}: Is a directory\n"));
                return 126;
            }
            return match fs.read(&path) {
                Ok(src) => self.run_script(name, &src, &argv[1..], sys, io),
                Err(e) => {
                    io.err(format!("bash: {name}: {e}\n"));
                    127
                }
            };
        }
        io.err(format!("{name}: command not found\n"));
        127
    }

    /// Run a script's text in a subshell with these arguments (`bash f`, `./f`).
    pub(crate) fn run_script(
        &mut self,
        name: &str,
        src: &str,
        args: &[String],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> i32 {
        if self.depth >= MAX_CALL_DEPTH {
            io.err(format!("bash: {name}: maximum nesting level exceeded\n"));
            return 1;
        }
        let empty = BTreeMap::new();
        let list = match super::parse::parse(&ensure_newline(src), &empty) {
            Ok(l) => l,
            Err(e) => {
                io.err(script_parse_error(name, src, e));
                return 2;
            }
        };
        let snap = self.snapshot();
        self.positional = args.to_vec();
        self.depth += 1;
        let loop_depth = std::mem::replace(&mut self.loop_depth, 0);
        let st = self.run_list(&list, sys, io);
        self.loop_depth = loop_depth;
        self.depth -= 1;
        self.restore(snap);
        self.flow = Flow::Normal;
        self.status = st;
        st
    }

    /// `source f`: run in this shell.
    pub(crate) fn source(
        &mut self,
        name: &str,
        src: &str,
        args: &[String],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> i32 {
        if self.depth >= MAX_CALL_DEPTH {
            io.err(format!("bash: {name}: maximum nesting level exceeded\n"));
            return 1;
        }
        let aliases = self.aliases.clone();
        let list = match super::parse::parse(&ensure_newline(src), &aliases) {
            Ok(l) => l,
            Err(e) => {
                io.err(script_parse_error(name, src, e));
                return 2;
            }
        };
        let saved = if args.is_empty() {
            None
        } else {
            Some(std::mem::replace(&mut self.positional, args.to_vec()))
        };
        self.depth += 1;
        let st = self.run_list(&list, sys, io);
        self.depth -= 1;
        if let Some(p) = saved {
            self.positional = p;
        }
        if self.flow == Flow::Return {
            self.flow = Flow::Normal;
        }
        self.status = st;
        st
    }

    /// Set up redirections; None (after printing why) when one fails.
    pub(crate) fn setup_redirs(
        &mut self,
        redirs: &[Redir],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> Option<Redirs> {
        let mut r = Redirs {
            stdin: None,
            out: Target::Out,
            err: Target::Err,
        };
        for rd in redirs {
            match &rd.op {
                RedirOp::HereDoc(_) => {
                    let doc = rd.heredoc.clone().unwrap_or_default();
                    let body = if doc.quoted {
                        doc.body
                    } else {
                        match self.expand_heredoc(&doc.body, sys, io) {
                            Ok(b) => b,
                            Err(msg) => {
                                io.err(format!("{msg}\n"));
                                self.flow = Flow::Abort;
                                return None;
                            }
                        }
                    };
                    if rd.fd.unwrap_or(0) == 0 {
                        r.stdin = Some(body);
                    }
                }
                RedirOp::HereString => {
                    let v = match self.expand_single(&rd.target, sys, io) {
                        Ok(v) => v,
                        Err(msg) => {
                            io.err(format!("{msg}\n"));
                            self.flow = Flow::Abort;
                            return None;
                        }
                    };
                    if rd.fd.unwrap_or(0) == 0 {
                        r.stdin = Some(format!("{v}\n"));
                    }
                }
                RedirOp::DupOut | RedirOp::DupIn => {
                    let fd = rd
                        .fd
                        .unwrap_or(if rd.op == RedirOp::DupOut { 1 } else { 0 });
                    let target = self.redir_word(&rd.target, sys, io)?;
                    let t = match target.as_str() {
                        "1" => r.out.clone(),
                        "2" => r.err.clone(),
                        "-" => Target::Null,
                        "0" if fd == 0 => continue,
                        t if rd.op == RedirOp::DupOut
                            && fd == 1
                            && !t.chars().all(|c| c.is_ascii_digit()) =>
                        {
                            // `>&file` is `&>file`.
                            let t = self.open_out(&target, false, sys, io)?;
                            r.out = t.clone();
                            r.err = t;
                            continue;
                        }
                        _ => {
                            io.err(format!("bash: {target}: Bad file descriptor\n"));
                            return None;
                        }
                    };
                    match fd {
                        1 => r.out = t,
                        2 => r.err = t,
                        _ => {}
                    }
                }
                RedirOp::In | RedirOp::ReadWrite => {
                    let target = self.redir_word(&rd.target, sys, io)?;
                    let fd = rd.fd.unwrap_or(0);
                    let content = match target.as_str() {
                        "/dev/null" => String::new(),
                        "/dev/stdin" => continue,
                        _ => {
                            let path = crate::vfs::normalize(&self.cwd, &target);
                            let now = sys.now_ms();
                            match sys.fs().read(&path) {
                                Ok(c) => c,
                                Err(crate::vfs::FsError::NotFound)
                                    if rd.op == RedirOp::ReadWrite =>
                                {
                                    if let Err(e) = sys.fs().write(&path, "", now) {
                                        io.err(format!("bash: {target}: {e}\n"));
                                        return None;
                                    }
                                    String::new()
                                }
                                Err(e) => {
                                    io.err(format!("bash: {target}: {e}\n"));
                                    return None;
                                }
                            }
                        }
                    };
                    if fd == 0 {
                        r.stdin = Some(content);
                    }
                }
                RedirOp::Out | RedirOp::Append => {
                    let target = self.redir_word(&rd.target, sys, io)?;
                    let t = self.open_out(&target, rd.op == RedirOp::Append, sys, io)?;
                    match rd.fd.unwrap_or(1) {
                        1 => r.out = t,
                        2 => r.err = t,
                        _ => {}
                    }
                }
                RedirOp::OutErr | RedirOp::AppendErr => {
                    let target = self.redir_word(&rd.target, sys, io)?;
                    let t = self.open_out(&target, rd.op == RedirOp::AppendErr, sys, io)?;
                    r.out = t.clone();
                    r.err = t;
                }
            }
        }
        Some(r)
    }

    /// Expand a redirection target: exactly one word.
    fn redir_word(&mut self, raw: &str, sys: &mut dyn System, io: &mut Io) -> Option<String> {
        match self.expand_fields(raw, sys, io) {
            Ok(mut v) if v.len() == 1 => v.pop(),
            Ok(_) => {
                io.err(format!("bash: {raw}: ambiguous redirect\n"));
                None
            }
            Err(msg) => {
                io.err(format!("{msg}\n"));
                self.flow = Flow::Abort;
                None
            }
        }
    }

    fn open_out(
        &mut self,
        target: &str,
        append: bool,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> Option<Target> {
        match target {
            "/dev/null" => return Some(Target::Null),
            "/dev/stdout" => return Some(Target::Out),
            "/dev/stderr" => return Some(Target::Err),
            "" => {
                io.err("bash: : No such file or directory\n");
                return None;
            }
            _ => {}
        }
        let path = crate::vfs::normalize(&self.cwd, target);
        let now = sys.now_ms();
        let fs = sys.fs();
        let res = if append {
            fs.append(&path, "", now)
        } else {
            fs.write(&path, "", now)
        };
        match res {
            Ok(()) => Some(Target::File(path)),
            Err(e) => {
                io.err(format!("bash: {target}: {e}\n"));
                None
            }
        }
    }

    /// Send a command's output where its redirections say.
    pub(crate) fn route(
        &mut self,
        chunks: Vec<(Stream, String)>,
        r: &Redirs,
        sys: &mut dyn System,
        io: &mut Io,
    ) {
        let mut failed: Option<String> = None;
        for (stream, text) in chunks {
            let t = if stream == Stream::Stdout {
                &r.out
            } else {
                &r.err
            };
            match t {
                Target::Out => self.emit(io, Stream::Stdout, &text),
                Target::Err => self.emit(io, Stream::Stderr, &text),
                Target::Null => {}
                Target::File(p) => {
                    if failed.as_deref() == Some(p.as_str()) {
                        continue;
                    }
                    let now = sys.now_ms();
                    if let Err(e) = sys.fs().append(p, &text, now) {
                        io.err(format!("bash: {p}: write error: {e}\n"));
                        failed = Some(p.clone());
                    }
                }
            }
        }
    }
}

fn ensure_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

fn script_parse_error(name: &str, src: &str, e: super::parse::ParseError) -> String {
    let lines = src.lines().count().max(1);
    match e {
        super::parse::ParseError::Unexpected(t) => {
            format!("{name}: line {lines}: syntax error near unexpected token `{t}'\n")
        }
        super::parse::ParseError::Incomplete(_) => {
            format!(
                "{name}: line {}: syntax error: unexpected end of file\n",
                lines + 1
            )
        }
    }
}

fn truncate_at_char(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

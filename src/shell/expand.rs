//! Word expansion: tilde, parameters (`$X`, `${X:-d}`, `${#X}`, `${X%pat}`…), command
//! substitution (`$(…)`, backticks), arithmetic (`$((…))`), field splitting, globbing and quote
//! removal.

use super::{lex, parse, Flow, Io, Shell, System, Var};
use crate::sorting::SharedSort;

/// An expansion error: the message to print (without newline); the input line is dropped.
pub(crate) type ExpResult<T> = Result<T, String>;

/// Most fields one command may expand to.
const MAX_FIELDS: usize = 100_000;
/// Longest expansion result.
const MAX_EXPANSION: usize = 16 * 1024 * 1024;

#[derive(Clone, Debug, Default)]
pub(crate) struct Field {
    pub text: String,
    /// Per char: an unquoted glob metacharacter (`*`, `?`, `[`).
    pub mask: Vec<bool>,
}

#[derive(Default)]
struct Fields {
    done: Vec<Field>,
    /// The bytes of `done`, kept as fields are added (`len` runs once per character).
    done_len: usize,
    cur: Field,
    started: bool,
}

impl Fields {
    fn push_char(&mut self, c: char, quoted: bool) {
        self.cur.text.push(c);
        self.cur.mask.push(!quoted && matches!(c, '*' | '?' | '['));
        self.started = true;
    }

    fn lit(&mut self, s: &str, quoted: bool) {
        if quoted {
            self.started = true;
        }
        for c in s.chars() {
            self.push_char(c, quoted);
        }
    }

    /// The result of an expansion: split on blanks when unquoted and splitting.
    fn expansion(&mut self, s: &str, quoted: bool, split: bool) {
        if quoted || !split {
            if quoted {
                self.started = true;
            }
            for c in s.chars() {
                self.push_char(c, quoted);
            }
            return;
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n') {
                if self.started {
                    self.end();
                }
            } else {
                self.push_char(c, false);
            }
        }
    }

    fn end(&mut self) {
        self.done_len += self.cur.text.len();
        self.done.push(std::mem::take(&mut self.cur));
        self.started = false;
    }

    fn finish(mut self) -> Vec<Field> {
        if self.started {
            self.end();
        }
        self.done
    }

    fn len(&self) -> usize {
        self.cur.text.len() + self.done_len
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A command word: split and glob.
    Word,
    /// No splitting (assignment values, redirection targets, `${x:-word}`, patterns).
    Single,
    /// Here-document body: only `$`, backticks and backslash before `$`/`` ` ``/`\`.
    HereDoc,
}

/// A glob pattern element.
#[derive(Clone, Debug)]
enum PTok {
    Lit(char),
    Any,
    Star,
    Class(Vec<(char, char)>, bool),
}

impl Shell {
    /// Expand command words: split, glob, remove quotes.
    pub(crate) fn expand_words(
        &mut self,
        words: &[String],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<Vec<String>> {
        let mut out = Vec::new();
        for w in words {
            for field in self.expand_fields(w, sys, io)? {
                out.push(field);
            }
            if out.len() > MAX_FIELDS {
                return Err("bash: argument list too long".into());
            }
        }
        Ok(out)
    }

    /// One word → its fields after brace expansion, splitting and globbing.
    pub(crate) fn expand_fields(
        &mut self,
        raw: &str,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<Vec<String>> {
        let mut f = Fields::default();
        let words = brace_expand(raw);
        for w in &words {
            self.expand_into(w, Mode::Word, &mut f, sys, io)?;
            if f.started {
                f.end();
            }
        }
        let mut out = Vec::new();
        for field in f.finish() {
            if field.mask.iter().any(|b| *b) {
                let matches = self.glob(&field, sys);
                if matches.is_empty() {
                    out.push(field.text);
                } else {
                    out.extend(matches);
                }
            } else {
                out.push(field.text);
            }
        }
        Ok(out)
    }

    /// Expand without splitting or globbing (assignments, `case` words, here-strings).
    pub(crate) fn expand_single(
        &mut self,
        raw: &str,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<String> {
        let mut f = Fields::default();
        self.expand_into(raw, Mode::Single, &mut f, sys, io)?;
        Ok(f.finish()
            .into_iter()
            .map(|f| f.text)
            .collect::<Vec<_>>()
            .join(""))
    }

    /// Expand a pattern (for `case` and `${x#pat}`): quoted characters match literally.
    pub(crate) fn expand_pattern(
        &mut self,
        raw: &str,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<Field> {
        let mut f = Fields::default();
        self.expand_into(raw, Mode::Single, &mut f, sys, io)?;
        let mut out = Field::default();
        for field in f.finish() {
            out.text.push_str(&field.text);
            out.mask.extend(field.mask);
        }
        Ok(out)
    }

    /// Expand a here-document body.
    pub(crate) fn expand_heredoc(
        &mut self,
        body: &str,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<String> {
        let mut f = Fields::default();
        self.expand_into(body, Mode::HereDoc, &mut f, sys, io)?;
        Ok(f.finish()
            .into_iter()
            .map(|f| f.text)
            .collect::<Vec<_>>()
            .join(""))
    }

    fn expand_into(
        &mut self,
        raw: &str,
        mode: Mode,
        f: &mut Fields,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<()> {
        let chars: Vec<char> = raw.chars().collect();
        let n = chars.len();
        let split = mode == Mode::Word;
        let mut i = 0;
        if mode != Mode::HereDoc && chars.first() == Some(&'~') {
            let mut j = 1;
            while j < n && chars[j] != '/' && chars[j] != ':' {
                j += 1;
            }
            let user: String = chars[1..j].iter().collect();
            if user.is_empty() {
                let home = self.var("HOME").unwrap_or("/root").to_string();
                f.lit(&home, true);
                i = j;
            } else if user == "root" {
                f.lit("/root", true);
                i = j;
            }
        }
        while i < n {
            if f.len() > MAX_EXPANSION {
                return Err("bash: expansion too long".into());
            }
            let c = chars[i];
            match c {
                '\\' if mode == Mode::HereDoc => match chars.get(i + 1) {
                    Some(&nc @ ('$' | '`' | '\\')) => {
                        f.lit(&nc.to_string(), true);
                        i += 2;
                    }
                    Some('\n') => i += 2,
                    _ => {
                        f.lit("\\", true);
                        i += 1;
                    }
                },
                '\\' => match chars.get(i + 1) {
                    Some('\n') => i += 2,
                    Some(&nc) => {
                        f.lit(&nc.to_string(), true);
                        i += 2;
                    }
                    None => {
                        f.lit("\\", true);
                        i += 1;
                    }
                },
                '\'' if mode != Mode::HereDoc => {
                    let end = lex::skip_single(&chars, i + 1).unwrap_or(n + 1);
                    let inner: String = chars[i + 1..(end - 1).min(n)].iter().collect();
                    f.lit(&inner, true);
                    i = end;
                }
                '"' if mode != Mode::HereDoc => {
                    let end = lex::skip_double(&chars, i + 1).unwrap_or(n + 1);
                    let inner = &chars[i + 1..(end - 1).min(n)];
                    if is_quoted_at(inner) && self.positional.len() != 1 {
                        // "$@": one field per positional parameter.
                        let params = self.positional.clone();
                        if params.is_empty() {
                            // Produces no field at all (unless something else is in the word).
                        } else {
                            for (k, p) in params.iter().enumerate() {
                                if k > 0 {
                                    f.end();
                                }
                                f.lit(p, true);
                            }
                        }
                    } else {
                        let s = self.expand_dquoted(inner, sys, io)?;
                        f.lit(&s, true);
                    }
                    i = end;
                }
                '`' => {
                    let end = lex::skip_backtick(&chars, i + 1).unwrap_or(n + 1);
                    let inner = unescape_backtick(&chars[i + 1..(end - 1).min(n)]);
                    let s = self.command_subst(&inner, sys, io);
                    f.expansion(&s, mode == Mode::HereDoc, split);
                    i = end;
                }
                '<' if mode != Mode::HereDoc && chars.get(i + 1) == Some(&'(') => {
                    let end = lex::skip_parens(&chars, i + 2).unwrap_or(n + 1);
                    let src: String = chars[i + 2..(end - 1).min(n)].iter().collect();
                    let path = self.process_subst(&src, sys, io);
                    f.lit(&path, true);
                    i = end;
                }
                '$' => {
                    let (val, end, is_exp) =
                        self.expand_dollar(&chars, i, mode == Mode::HereDoc, sys, io)?;
                    if is_exp {
                        f.expansion(&val, mode == Mode::HereDoc, split);
                    } else {
                        f.lit(&val, mode == Mode::HereDoc);
                    }
                    i = end;
                }
                _ => {
                    f.push_char(c, mode == Mode::HereDoc);
                    i += 1;
                }
            }
        }
        Ok(())
    }

    /// The inside of "…".
    fn expand_dquoted(
        &mut self,
        chars: &[char],
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<String> {
        let mut out = String::new();
        let mut i = 0;
        let n = chars.len();
        while i < n {
            if out.len() > MAX_EXPANSION {
                return Err("bash: expansion too long".into());
            }
            match chars[i] {
                '\\' => match chars.get(i + 1) {
                    Some(&c @ ('$' | '`' | '"' | '\\')) => {
                        out.push(c);
                        i += 2;
                    }
                    Some('\n') => i += 2,
                    _ => {
                        out.push('\\');
                        i += 1;
                    }
                },
                '$' => {
                    let (val, end, _) = self.expand_dollar(chars, i, true, sys, io)?;
                    out.push_str(&val);
                    i = end;
                }
                '`' => {
                    let end = lex::skip_backtick(chars, i + 1).unwrap_or(n + 1);
                    let inner = unescape_backtick(&chars[i + 1..(end - 1).min(n)]);
                    out.push_str(&self.command_subst(&inner, sys, io));
                    i = end;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    /// At a `$`: (value, index after, was an expansion).
    fn expand_dollar(
        &mut self,
        chars: &[char],
        i: usize,
        in_dq: bool,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<(String, usize, bool)> {
        let n = chars.len();
        match chars.get(i + 1).copied() {
            Some('(') => {
                let end = lex::skip_parens(chars, i + 2).unwrap_or(n + 1);
                let close = (end - 1).min(n);
                // $(( … )): arithmetic when the inner parens close right before the outer one.
                if chars.get(i + 2) == Some(&'(') && end >= 2 && chars.get(end - 2) == Some(&')') {
                    if let Ok(inner_end) = lex::skip_parens(chars, i + 3) {
                        if inner_end == end - 1 {
                            let expr: String = chars[i + 3..end - 2].iter().collect();
                            let v = self.arith_expand(&expr, sys, io)?;
                            return Ok((v.to_string(), end, true));
                        }
                    }
                }
                let src: String = chars[i + 2..close].iter().collect();
                let out = self.command_subst(&src, sys, io);
                Ok((out, end, true))
            }
            Some('{') => {
                let end = lex::skip_braces(chars, i + 2).unwrap_or(n + 1);
                let inner: String = chars[i + 2..(end - 1).min(n)].iter().collect();
                let v = self.param_expand(&inner, sys, io)?;
                Ok((v, end, true))
            }
            Some('\'') if !in_dq => {
                let mut j = i + 2;
                let mut raw = String::new();
                while j < n && chars[j] != '\'' {
                    if chars[j] == '\\' && j + 1 < n {
                        raw.push('\\');
                        raw.push(chars[j + 1]);
                        j += 2;
                    } else {
                        raw.push(chars[j]);
                        j += 1;
                    }
                }
                let (s, _) = super::builtins::unescape_c(&raw, false);
                // $'…' is quoted: mark as non-expansion literal text.
                Ok((s, j + 1, false))
            }
            Some('"') if !in_dq => {
                // $"…" (locale translation): same as "…".
                Ok((String::new(), i + 1, false))
            }
            Some(c)
                if matches!(c, '?' | '$' | '#' | '!' | '@' | '*' | '-') || c.is_ascii_digit() =>
            {
                Ok((self.param(&c.to_string()).unwrap_or_default(), i + 2, true))
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                let mut j = i + 1;
                while j < n && (chars[j] == '_' || chars[j].is_ascii_alphanumeric()) {
                    j += 1;
                }
                let name: String = chars[i + 1..j].iter().collect();
                Ok((self.param(&name).unwrap_or_default(), j, true))
            }
            _ => Ok(("$".to_string(), i + 1, false)),
        }
    }

    /// The value of a parameter; None when unset.
    pub(crate) fn param(&mut self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.status.to_string()),
            "$" => Some("2187".into()),
            "#" => Some(self.positional.len().to_string()),
            "0" => Some("bash".into()),
            "@" | "*" => Some(self.positional.join(" ")),
            "!" => None,
            "-" => Some("himBHs".into()),
            "RANDOM" => {
                self.rng = self
                    .rng
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                Some(((self.rng >> 33) % 32768).to_string())
            }
            "UID" | "EUID" => Some("0".into()),
            "PPID" => Some("2186".into()),
            "BASH_VERSION" => Some("5.1.16(1)-release".into()),
            "BASH" => Some("/bin/bash".into()),
            "HISTSIZE" | "HISTFILESIZE" => Some(super::HISTORY_SIZE.to_string()),
            _ => {
                if let Ok(k) = name.parse::<usize>() {
                    return if k == 0 {
                        Some("bash".into())
                    } else {
                        self.positional.get(k - 1).cloned()
                    };
                }
                self.vars.get(name).map(|v| v.value.clone())
            }
        }
    }

    /// `${…}`
    fn param_expand(
        &mut self,
        inner: &str,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<String> {
        let bad = || format!("bash: ${{{inner}}}: bad substitution");
        if inner.is_empty() {
            return Err(bad());
        }
        if inner == "#" {
            return Ok(self.positional.len().to_string());
        }
        let (length, body) = match inner.strip_prefix('#') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let (name, rest) = split_param_name(body);
        if name.is_empty() {
            return Err(bad());
        }
        if length {
            if !rest.is_empty() {
                return Err(bad());
            }
            return Ok(self
                .param(name)
                .unwrap_or_default()
                .chars()
                .count()
                .to_string());
        }
        let value = self.param(name);
        if rest.is_empty() {
            return Ok(value.unwrap_or_default());
        }
        let empty = value.as_deref().map(str::is_empty).unwrap_or(true);
        let unset = value.is_none();
        let rc: Vec<char> = rest.chars().collect();
        let (colon, op_at) = if rc[0] == ':' { (true, 1) } else { (false, 0) };
        let op = rc.get(op_at).copied();
        let word: String = rc
            .get(op_at + 1..)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let missing = if colon { empty } else { unset };
        match op {
            Some('-') => {
                if missing {
                    self.expand_single(&word, sys, io)
                } else {
                    Ok(value.unwrap_or_default())
                }
            }
            Some('=') => {
                if missing {
                    if !parse::is_name(name) {
                        return Err(format!("bash: ${name}: cannot assign in this way"));
                    }
                    let v = self.expand_single(&word, sys, io)?;
                    self.assign_var(name, &v);
                    Ok(v)
                } else {
                    Ok(value.unwrap_or_default())
                }
            }
            Some('+') => {
                if missing {
                    Ok(String::new())
                } else {
                    self.expand_single(&word, sys, io)
                }
            }
            Some('?') => {
                if missing {
                    let msg = if word.is_empty() {
                        if colon {
                            "parameter null or not set".to_string()
                        } else {
                            "parameter not set".to_string()
                        }
                    } else {
                        self.expand_single(&word, sys, io)?
                    };
                    Err(format!("bash: {name}: {msg}"))
                } else {
                    Ok(value.unwrap_or_default())
                }
            }
            _ if colon => {
                // Substring ${x:off} / ${x:off:len}
                let spec: String = rc[1..].iter().collect();
                let (off_s, len_s) = match spec.find(':') {
                    Some(p) => (spec[..p].to_string(), Some(spec[p + 1..].to_string())),
                    None => (spec.clone(), None),
                };
                let v: Vec<char> = value.unwrap_or_default().chars().collect();
                let off = self.arith_expand(&off_s, sys, io)?;
                let len_total = v.len() as i64;
                let start = if off < 0 {
                    (len_total + off).max(0)
                } else {
                    off.min(len_total)
                };
                let end = match len_s {
                    None => len_total,
                    Some(l) => {
                        let l = self.arith_expand(&l, sys, io)?;
                        if l < 0 {
                            let e = len_total + l;
                            if e < start {
                                return Err(format!("bash: {l}: substring expression < 0"));
                            }
                            e
                        } else {
                            (start + l).min(len_total)
                        }
                    }
                };
                Ok(v[start as usize..end.max(start) as usize].iter().collect())
            }
            Some('#') | Some('%') => {
                let op_c = rc[0];
                let longest = rc.get(1) == Some(&op_c);
                let pat_raw: String = rc[if longest { 2 } else { 1 }..].iter().collect();
                let pat = self.expand_pattern(&pat_raw, sys, io)?;
                let ptoks = compile_pattern(&pat.text, &pat.mask);
                let v: Vec<char> = value.unwrap_or_default().chars().collect();
                let n = v.len();
                if op_c == '#' {
                    let mut cands: Vec<usize> = (0..=n).collect();
                    if longest {
                        cands.reverse();
                    }
                    for k in cands {
                        if pmatch(&ptoks, &v[..k]) {
                            return Ok(v[k..].iter().collect());
                        }
                    }
                } else {
                    let mut cands: Vec<usize> = (0..=n).rev().collect();
                    if longest {
                        cands.reverse();
                    }
                    for k in cands {
                        if pmatch(&ptoks, &v[k..]) {
                            return Ok(v[..k].iter().collect());
                        }
                    }
                }
                Ok(v.iter().collect())
            }
            Some('/') => {
                let all = rc.get(1) == Some(&'/');
                let anchor_start = rc.get(1) == Some(&'#');
                let anchor_end = rc.get(1) == Some(&'%');
                let from = if all || anchor_start || anchor_end {
                    2
                } else {
                    1
                };
                let spec: String = rc[from..].iter().collect();
                let (pat_raw, rep_raw) = match find_unescaped_slash(&spec) {
                    Some(p) => (spec[..p].to_string(), spec[p + 1..].to_string()),
                    None => (spec.clone(), String::new()),
                };
                let pat = self.expand_pattern(&pat_raw, sys, io)?;
                let rep = self.expand_single(&rep_raw, sys, io)?;
                let ptoks = compile_pattern(&pat.text, &pat.mask);
                let v: Vec<char> = value.unwrap_or_default().chars().collect();
                Ok(replace_pattern(
                    &v,
                    &ptoks,
                    &rep,
                    all,
                    anchor_start,
                    anchor_end,
                ))
            }
            Some('^') | Some(',') => {
                let upper = rc[0] == '^';
                let all = rc.get(1) == Some(&rc[0]);
                let v = value.unwrap_or_default();
                if all {
                    Ok(if upper {
                        v.to_uppercase()
                    } else {
                        v.to_lowercase()
                    })
                } else {
                    let mut cs = v.chars();
                    Ok(match cs.next() {
                        Some(c) => {
                            let first: String = if upper {
                                c.to_uppercase().collect()
                            } else {
                                c.to_lowercase().collect()
                            };
                            first + cs.as_str()
                        }
                        None => String::new(),
                    })
                }
            }
            _ => Err(bad()),
        }
    }

    /// Set a variable from an assignment (keeps the exported flag).
    pub(crate) fn assign_var(&mut self, name: &str, value: &str) {
        let exported = self.vars.get(name).map(|v| v.exported).unwrap_or(false);
        self.vars.insert(
            name.to_string(),
            Var {
                value: value.to_string(),
                exported,
            },
        );
        if name == "PWD" {
            // Like bash, PWD is just a variable; cwd stays.
        }
    }

    /// Run `$(…)`: a subshell whose standard output is captured (trailing newlines removed).
    pub(crate) fn command_subst(&mut self, src: &str, sys: &mut dyn System, io: &mut Io) -> String {
        let mut out = self.capture(src, sys, io);
        while out.ends_with('\n') {
            out.pop();
        }
        out
    }

    /// `<(…)`: run the command, keep its output in a file under /dev/fd and give the path. The
    /// files are removed when the input line is done.
    fn process_subst(&mut self, src: &str, sys: &mut dyn System, io: &mut Io) -> String {
        let out = self.capture(src, sys, io);
        let path = format!(
            "/dev/fd/{}",
            63usize.saturating_sub(self.temp_files.len()).max(10)
        );
        let now = sys.now_ms();
        let fs = sys.fs();
        let _ = fs.mkdir_p("/dev/fd", now);
        if fs.write(&path, &out, now).is_ok() {
            self.temp_files.push(path.clone());
        }
        path
    }

    /// Run a command line in a subshell and return its standard output.
    fn capture(&mut self, src: &str, sys: &mut dyn System, io: &mut Io) -> String {
        if self.depth >= super::MAX_CALL_DEPTH {
            io.err("bash: maximum nesting level exceeded\n");
            self.last_subst_status = Some(1);
            return String::new();
        }
        let list = match parse::parse(&format!("{src}\n"), &self.aliases) {
            Ok(l) => l,
            Err(parse::ParseError::Unexpected(t)) => {
                io.err(format!("bash: command substitution: line 1: syntax error near unexpected token `{t}'\n"));
                self.status = 2;
                self.last_subst_status = Some(2);
                return String::new();
            }
            Err(parse::ParseError::Incomplete(_)) => {
                io.err(
                    "bash: command substitution: line 2: syntax error: unexpected end of file\n",
                );
                self.status = 2;
                self.last_subst_status = Some(2);
                return String::new();
            }
        };
        let snap = self.snapshot();
        let tty = self.stdout_tty;
        self.stdout_tty = false;
        self.depth += 1;
        let mut sub = Io::new(String::new());
        let status = self.run_list(&list, sys, &mut sub);
        self.depth -= 1;
        self.stdout_tty = tty;
        self.restore(snap);
        self.flow = Flow::Normal;
        let mut out = String::new();
        for (stream, text) in sub.chunks {
            match stream {
                super::Stream::Stdout => out.push_str(&text),
                super::Stream::Stderr => io.err(text),
            }
        }
        self.status = status;
        self.last_subst_status = Some(status);
        out
    }

    /// `$((expr))`: expand `$…` inside, then evaluate.
    pub(crate) fn arith_expand(
        &mut self,
        expr: &str,
        sys: &mut dyn System,
        io: &mut Io,
    ) -> ExpResult<i64> {
        let expanded = self.expand_heredoc(expr, sys, io)?;
        // Quotes are removed in arithmetic.
        let expanded: String = expanded
            .chars()
            .filter(|c| *c != '"' && *c != '\'')
            .collect();
        super::builtins::arith::eval(self, &expanded)
    }

    /// Expand a glob field against the filesystem; empty when nothing matches.
    fn glob(&self, field: &Field, sys: &mut dyn System) -> Vec<String> {
        let chars: Vec<char> = field.text.chars().collect();
        let absolute = chars.first() == Some(&'/');
        // Split into components with their masks.
        let mut comps: Vec<(Vec<char>, Vec<bool>)> = Vec::new();
        let mut cur = (Vec::new(), Vec::new());
        for (k, c) in chars.iter().enumerate() {
            if *c == '/' {
                if !cur.0.is_empty() {
                    comps.push(std::mem::take(&mut cur));
                }
            } else {
                cur.0.push(*c);
                cur.1.push(field.mask.get(k).copied().unwrap_or(false));
            }
        }
        if !cur.0.is_empty() {
            comps.push(cur);
        }
        let trailing_slash = chars.last() == Some(&'/') && chars.len() > 1;
        // (fs path, display path)
        let base = if absolute {
            "/".to_string()
        } else {
            self.cwd.clone()
        };
        let mut cands: Vec<(String, String)> =
            vec![(base, if absolute { "/".into() } else { String::new() })];
        let fs = sys.fs();
        for (ci, (cc, cm)) in comps.iter().enumerate() {
            let last = ci == comps.len() - 1;
            let mut next = Vec::new();
            let join = |a: &str, b: &str| {
                if a.ends_with('/') || a.is_empty() {
                    format!("{a}{b}")
                } else {
                    format!("{a}/{b}")
                }
            };
            if cm.iter().any(|b| *b) {
                let ptoks = compile_pattern(&cc.iter().collect::<String>(), cm);
                let dot_ok = cc.first() == Some(&'.');
                for (fsp, disp) in &cands {
                    let Ok(entries) = fs.list(fsp) else { continue };
                    for e in entries {
                        if e.name.starts_with('.') && !dot_ok {
                            continue;
                        }
                        if !last && !e.is_dir {
                            continue;
                        }
                        let name: Vec<char> = e.name.chars().collect();
                        if pmatch(&ptoks, &name) {
                            next.push((join(fsp, &e.name), join(disp, &e.name)));
                        }
                    }
                    if next.len() > MAX_FIELDS {
                        break;
                    }
                }
            } else {
                let name: String = cc.iter().collect();
                for (fsp, disp) in &cands {
                    let p = join(fsp, &name);
                    if fs.exists(&p) {
                        next.push((p, join(disp, &name)));
                    }
                }
            }
            cands = next;
            if cands.is_empty() {
                return Vec::new();
            }
        }
        let mut out: Vec<String> = cands
            .into_iter()
            .filter(|(p, _)| !trailing_slash || fs.is_dir(p))
            .map(|(_, d)| if trailing_slash { format!("{d}/") } else { d })
            .collect();
        out.sort_shared();
        out
    }
}

/// Most words one brace expansion may produce.
const MAX_BRACE: usize = 10_000;

/// `a{b,c}d` → `abd acd`; `{1..5}`, `{a..e}`, `{1..10..2}`, `{01..10}`. Quotes and `${…}` are
/// left alone.
pub(crate) fn brace_expand(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    brace_rec(raw, &mut out, 0);
    if out.is_empty() {
        out.push(raw.to_string());
    }
    out
}

fn brace_rec(raw: &str, out: &mut Vec<String>, depth: usize) {
    if out.len() >= MAX_BRACE {
        return;
    }
    let chars: Vec<char> = raw.chars().collect();
    let Some((open, close, alts)) = (if depth > 20 { None } else { find_brace(&chars) }) else {
        out.push(raw.to_string());
        return;
    };
    let prefix: String = chars[..open].iter().collect();
    let suffix: String = chars[close + 1..].iter().collect();
    for a in alts {
        if out.len() >= MAX_BRACE {
            return;
        }
        brace_rec(&format!("{prefix}{a}{suffix}"), out, depth + 1);
    }
}

/// The first expandable `{…}`: (open index, close index, alternatives).
fn find_brace(c: &[char]) -> Option<(usize, usize, Vec<String>)> {
    let n = c.len();
    let mut i = 0;
    while i < n {
        match c[i] {
            '\\' => i += 2,
            '\'' => i = lex::skip_single(c, i + 1).unwrap_or(n),
            '"' => i = lex::skip_double(c, i + 1).unwrap_or(n),
            '`' => i = lex::skip_backtick(c, i + 1).unwrap_or(n),
            '$' if matches!(c.get(i + 1), Some('{') | Some('(')) => {
                i = lex::skip_dollar(c, i).unwrap_or(n)
            }
            '{' => {
                // Find the matching close and top-level commas.
                let mut depth = 0;
                let mut j = i + 1;
                let mut commas = Vec::new();
                let mut close = None;
                while j < n {
                    match c[j] {
                        '\\' => j += 1,
                        '\'' => j = lex::skip_single(c, j + 1).unwrap_or(n) - 1,
                        '"' => j = lex::skip_double(c, j + 1).unwrap_or(n) - 1,
                        '$' if c.get(j + 1) == Some(&'{') => {
                            j = lex::skip_dollar(c, j).unwrap_or(n) - 1
                        }
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            close = Some(j);
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => commas.push(j),
                        _ => {}
                    }
                    j += 1;
                }
                let close = close?;
                if !commas.is_empty() {
                    let mut alts = Vec::new();
                    let mut start = i + 1;
                    for &cm in commas.iter().chain(std::iter::once(&close)) {
                        alts.push(c[start..cm].iter().collect());
                        start = cm + 1;
                    }
                    return Some((i, close, alts));
                }
                let inner: String = c[i + 1..close].iter().collect();
                if let Some(seq) = brace_sequence(&inner) {
                    return Some((i, close, seq));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn brace_sequence(inner: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = inner.split("..").collect();
    if parts.len() != 2 && parts.len() != 3 {
        return None;
    }
    let step: i64 = match parts.get(2) {
        Some(s) => s.parse::<i64>().ok()?.abs().max(1),
        None => 1,
    };
    if let (Ok(a), Ok(b)) = (parts[0].parse::<i64>(), parts[1].parse::<i64>()) {
        let width = if (parts[0].starts_with('0') && parts[0].len() > 1)
            || (parts[1].starts_with('0') && parts[1].len() > 1)
        {
            parts[0].len().max(parts[1].len())
        } else {
            0
        };
        let mut v = Vec::new();
        let mut x = a;
        loop {
            v.push(format!("{x:0width$}"));
            if x == b || v.len() >= MAX_BRACE {
                break;
            }
            if a < b {
                x += step;
                if x > b {
                    break;
                }
            } else {
                x -= step;
                if x < b {
                    break;
                }
            }
        }
        return Some(v);
    }
    let (mut ca, mut cb) = (parts[0].chars(), parts[1].chars());
    match (ca.next(), ca.next(), cb.next(), cb.next()) {
        (Some(a), None, Some(b), None) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            let (a, b) = (a as u32, b as u32);
            let mut v = Vec::new();
            let mut x = a;
            loop {
                v.push(char::from_u32(x)?.to_string());
                if x == b {
                    break;
                }
                if a < b {
                    x += step as u32;
                    if x > b {
                        break;
                    }
                } else {
                    if x < b + step as u32 {
                        break;
                    }
                    x -= step as u32;
                }
            }
            Some(v)
        }
        _ => None,
    }
}

fn is_quoted_at(inner: &[char]) -> bool {
    inner == ['$', '@'] || inner == ['$', '{', '@', '}']
}

fn split_param_name(body: &str) -> (&str, &str) {
    let mut cs = body.char_indices();
    match cs.next() {
        Some((_, c)) if matches!(c, '?' | '$' | '#' | '!' | '@' | '*' | '-') => {
            body.split_at(c.len_utf8())
        }
        Some((_, c)) if c.is_ascii_digit() => {
            let end = body
                .find(|ch: char| !ch.is_ascii_digit())
                .unwrap_or(body.len());
            body.split_at(end)
        }
        Some((_, c)) if c == '_' || c.is_ascii_alphabetic() => {
            let end = body
                .find(|ch: char| !(ch == '_' || ch.is_ascii_alphanumeric()))
                .unwrap_or(body.len());
            body.split_at(end)
        }
        _ => ("", body),
    }
}

fn find_unescaped_slash(s: &str) -> Option<usize> {
    let mut esc = false;
    for (i, c) in s.char_indices() {
        if esc {
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == '/' {
            return Some(i);
        }
    }
    None
}

fn unescape_backtick(chars: &[char]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && matches!(chars.get(i + 1), Some('$' | '`' | '\\')) {
            out.push(chars[i + 1]);
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn replace_pattern(
    v: &[char],
    p: &[PTok],
    rep: &str,
    all: bool,
    anchor_start: bool,
    anchor_end: bool,
) -> String {
    let n = v.len();
    if anchor_start {
        for k in (0..=n).rev() {
            if pmatch(p, &v[..k]) {
                return format!("{rep}{}", v[k..].iter().collect::<String>());
            }
        }
        return v.iter().collect();
    }
    if anchor_end {
        for k in 0..=n {
            if pmatch(p, &v[k..]) {
                return format!("{}{rep}", v[..k].iter().collect::<String>());
            }
        }
        return v.iter().collect();
    }
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i < n {
        if replaced && !all {
            out.extend(&v[i..]);
            return out;
        }
        // Longest match starting at i.
        let mut found = None;
        for k in (i + 1..=n).rev() {
            if pmatch(p, &v[i..k]) {
                found = Some(k);
                break;
            }
        }
        match found {
            Some(k) => {
                out.push_str(rep);
                i = k;
                replaced = true;
            }
            None => {
                out.push(v[i]);
                i += 1;
            }
        }
    }
    out
}

/// Compile a glob pattern; only characters whose mask is set are special.
fn compile_pattern(text: &str, mask: &[bool]) -> Vec<PTok> {
    let chars: Vec<char> = text.chars().collect();
    let active = |k: usize| mask.get(k).copied().unwrap_or(false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !active(i) {
            out.push(PTok::Lit(c));
            i += 1;
            continue;
        }
        match c {
            '*' => {
                if !matches!(out.last(), Some(PTok::Star)) {
                    out.push(PTok::Star);
                }
                i += 1;
            }
            '?' => {
                out.push(PTok::Any);
                i += 1;
            }
            '[' => match parse_class(&chars, i + 1) {
                Some((ranges, neg, end)) => {
                    out.push(PTok::Class(ranges, neg));
                    i = end;
                }
                None => {
                    out.push(PTok::Lit('['));
                    i += 1;
                }
            },
            _ => {
                out.push(PTok::Lit(c));
                i += 1;
            }
        }
    }
    out
}

/// Parse a bracket expression body starting after `[`; returns ranges, negation, index after `]`.
/// Character ranges of a bracket expression.
type Ranges = Vec<(char, char)>;

fn parse_class(chars: &[char], mut i: usize) -> Option<(Ranges, bool, usize)> {
    let mut neg = false;
    if matches!(chars.get(i), Some('!') | Some('^')) {
        neg = true;
        i += 1;
    }
    let mut ranges = Vec::new();
    let start = i;
    while i < chars.len() {
        let c = chars[i];
        if c == ']' && i > start {
            return Some((ranges, neg, i + 1));
        }
        if c == '[' && chars.get(i + 1) == Some(&':') {
            if let Some(end) = chars[i + 2..]
                .iter()
                .position(|c| *c == ':')
                .map(|p| p + i + 2)
            {
                if chars.get(end + 1) == Some(&']') {
                    let name: String = chars[i + 2..end].iter().collect();
                    ranges.extend(super::regex::class_ranges(&name));
                    i = end + 2;
                    continue;
                }
            }
        }
        if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).map(|c| *c != ']').unwrap_or(false) {
            ranges.push((c, chars[i + 2]));
            i += 3;
        } else {
            ranges.push((c, c));
            i += 1;
        }
    }
    None
}

/// Does the whole `text` match the pattern?
fn pmatch(p: &[PTok], text: &[char]) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    let mut steps = 0usize;
    while ti < text.len() {
        steps += 1;
        if steps > 1_000_000 {
            return false;
        }
        let ok = match p.get(pi) {
            Some(PTok::Lit(c)) => *c == text[ti],
            Some(PTok::Any) => true,
            Some(PTok::Class(r, neg)) => {
                r.iter().any(|(a, b)| *a <= text[ti] && text[ti] <= *b) != *neg
            }
            _ => false,
        };
        if ok {
            pi += 1;
            ti += 1;
        } else if let Some(PTok::Star) = p.get(pi) {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while let Some(PTok::Star) = p.get(pi) {
        pi += 1;
    }
    pi == p.len()
}

/// Glob-match `text` against an unquoted pattern string (used by `case` and `[[ == ]]`).
pub(crate) fn pattern_matches(pattern: &Field, text: &str) -> bool {
    let p = compile_pattern(&pattern.text, &pattern.mask);
    let t: Vec<char> = text.chars().collect();
    pmatch(&p, &t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_active(s: &str) -> Vec<PTok> {
        compile_pattern(s, &vec![true; s.chars().count()])
    }

    #[test]
    fn glob_patterns() {
        let t = |p: &str, s: &str| pmatch(&all_active(p), &s.chars().collect::<Vec<_>>());
        assert!(t("*.yaml", "pod.yaml"));
        assert!(!t("*.yaml", "pod.yml"));
        assert!(t("a?c", "abc"));
        assert!(t("[a-c]x*", "bxyz"));
        assert!(!t("[!a-c]x", "bx"));
        assert!(t("*", ""));
        assert!(t("k*-*", "kube-proxy"));
    }

    #[test]
    fn braces() {
        assert_eq!(brace_expand("a{1,2}b"), vec!["a1b", "a2b"]);
        assert_eq!(brace_expand("{1..3}"), vec!["1", "2", "3"]);
        assert_eq!(brace_expand("{3..1}"), vec!["3", "2", "1"]);
        assert_eq!(brace_expand("{01..03}"), vec!["01", "02", "03"]);
        assert_eq!(brace_expand("{a..c}"), vec!["a", "b", "c"]);
        assert_eq!(brace_expand("{1..10..4}"), vec!["1", "5", "9"]);
        assert_eq!(brace_expand("x{a,b{c,d}}"), vec!["xa", "xbc", "xbd"]);
        assert_eq!(brace_expand("'{a,b}'"), vec!["'{a,b}'"]);
        assert_eq!(brace_expand("${x}{}"), vec!["${x}{}"]);
        assert_eq!(brace_expand("{a}"), vec!["{a}"]);
        assert_eq!(brace_expand("{1..100000}").len(), 10_000);
    }
}

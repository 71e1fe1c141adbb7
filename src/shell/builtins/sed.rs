//! sed: s///, p, d, q, =, a, i, c, y, n, { } with line, `$`, /regex/ and range addresses; -n -e
//! -E/-r -i -s.

use super::{lines, read_input};
use crate::shell::regex::Regex;
use crate::shell::{Io, Shell, System};
use crate::vfs::normalize;

#[derive(Clone, Debug)]
enum Addr {
    Line(usize),
    Last,
    Re(Option<Regex>),
    Step(usize, usize),
}

#[derive(Clone, Debug)]
enum Rep {
    Lit(String),
    Whole,
    Group(usize),
}

#[derive(Clone, Debug)]
enum Kind {
    Subst {
        re: Option<Regex>,
        rep: Vec<Rep>,
        global: bool,
        nth: usize,
        print: bool,
    },
    Print,
    PrintFirst,
    Delete,
    Quit(i32, bool),
    LineNo,
    Append(String),
    Insert(String),
    Change(String),
    Translit(Vec<char>, Vec<char>),
    Next,
    Block(Vec<Cmd>),
    Nop,
}

#[derive(Clone, Debug)]
struct Cmd {
    a1: Option<Addr>,
    a2: Option<Addr>,
    negate: bool,
    kind: Kind,
}

struct P<'a> {
    c: Vec<char>,
    i: usize,
    ere: bool,
    expr_no: usize,
    _src: &'a str,
}

impl P<'_> {
    fn err(&self, msg: &str) -> String {
        format!(
            "sed: -e expression #{}, char {}: {msg}\n",
            self.expr_no,
            self.i.min(self.c.len())
        )
    }

    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ') | Some('\t')) {
            self.i += 1;
        }
    }

    fn number(&mut self) -> Option<usize> {
        let s = self.i;
        while self.peek().map(|c| c.is_ascii_digit()).unwrap_or(false) {
            self.i += 1;
        }
        if self.i == s {
            None
        } else {
            self.c[s..self.i].iter().collect::<String>().parse().ok()
        }
    }

    /// Read up to an unescaped `delim`; `\delim` becomes `delim` (kept escaped for regex specials).
    fn delimited(&mut self, delim: char, is_regex: bool) -> Option<String> {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == delim {
                return Some(s);
            }
            if c == '\\' {
                match self.peek() {
                    Some(n) if n == delim => {
                        self.i += 1;
                        s.push(n);
                    }
                    Some('n') if is_regex => {
                        self.i += 1;
                        s.push('\n');
                    }
                    Some(n) => {
                        self.i += 1;
                        s.push('\\');
                        s.push(n);
                    }
                    None => s.push('\\'),
                }
            } else if c == '\n' && !is_regex {
                s.push('\n');
            } else {
                s.push(c);
            }
        }
        None
    }

    fn regex(&mut self, pat: &str, icase: bool) -> Result<Option<Regex>, String> {
        if pat.is_empty() {
            return Ok(None);
        }
        Regex::new(pat, self.ere, icase)
            .map(Some)
            .map_err(|m| self.err(&m))
    }

    fn addr(&mut self) -> Result<Option<Addr>, String> {
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                let n = self.number().unwrap_or(0);
                if self.peek() == Some('~') {
                    self.i += 1;
                    let step = self.number().unwrap_or(0);
                    return Ok(Some(Addr::Step(n, step)));
                }
                Ok(Some(Addr::Line(n)))
            }
            Some('$') => {
                self.i += 1;
                Ok(Some(Addr::Last))
            }
            Some('/') | Some('\\') => {
                let delim = if self.peek() == Some('\\') {
                    self.i += 1;
                    match self.peek() {
                        Some(d) => d,
                        None => return Err(self.err("unexpected `,'")),
                    }
                } else {
                    '/'
                };
                self.i += 1;
                let Some(pat) = self.delimited(delim, true) else {
                    return Err(self.err("unterminated address regex"));
                };
                let mut icase = false;
                while matches!(self.peek(), Some('I')) {
                    icase = true;
                    self.i += 1;
                }
                Ok(Some(Addr::Re(self.regex(&pat, icase)?)))
            }
            _ => Ok(None),
        }
    }

    fn text_arg(&mut self) -> String {
        // GNU one-liner: `a text`, `a\` newline text, `a\text`.
        self.skip_ws();
        if self.peek() == Some('\\') {
            self.i += 1;
            if self.peek() == Some('\n') {
                self.i += 1;
            }
        }
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.i += 1;
            if c == '\\' {
                if let Some(n) = self.peek() {
                    self.i += 1;
                    s.push(if n == 't' {
                        '\t'
                    } else if n == 'n' {
                        '\n'
                    } else {
                        n
                    });
                    continue;
                }
            }
            s.push(c);
        }
        s
    }

    fn cmds(&mut self, in_block: bool) -> Result<Vec<Cmd>, String> {
        let mut out = Vec::new();
        loop {
            while matches!(self.peek(), Some(' ') | Some('\t') | Some('\n') | Some(';')) {
                self.i += 1;
            }
            let Some(_) = self.peek() else {
                if in_block {
                    return Err(self.err("unmatched `{'"));
                }
                return Ok(out);
            };
            if self.peek() == Some('}') {
                if !in_block {
                    return Err(self.err("unexpected `}'"));
                }
                self.i += 1;
                return Ok(out);
            }
            if self.peek() == Some('#') {
                while !matches!(self.peek(), None | Some('\n')) {
                    self.i += 1;
                }
                continue;
            }
            let a1 = self.addr()?;
            let mut a2 = None;
            if a1.is_some() && self.peek() == Some(',') {
                self.i += 1;
                a2 = self.addr()?;
                if a2.is_none() {
                    return Err(self.err("unexpected `,'"));
                }
            }
            self.skip_ws();
            let mut negate = false;
            while self.peek() == Some('!') {
                negate = true;
                self.i += 1;
                self.skip_ws();
            }
            let Some(c) = self.peek() else {
                return Err(self.err("missing command"));
            };
            self.i += 1;
            let kind = match c {
                's' => self.subst()?,
                'p' => Kind::Print,
                'P' => Kind::PrintFirst,
                'd' | 'D' => Kind::Delete,
                'q' | 'Q' => {
                    self.skip_ws();
                    let code = self.number().unwrap_or(0) as i32;
                    Kind::Quit(code, c == 'Q')
                }
                '=' => Kind::LineNo,
                'a' => Kind::Append(self.text_arg()),
                'i' => Kind::Insert(self.text_arg()),
                'c' => Kind::Change(self.text_arg()),
                'n' | 'N' => Kind::Next,
                'h' | 'H' | 'g' | 'G' | 'x' | 'l' => Kind::Nop,
                'y' => {
                    let Some(d) = self.peek() else {
                        return Err(self.err("unterminated `y' command"));
                    };
                    self.i += 1;
                    let a = self
                        .delimited(d, false)
                        .ok_or_else(|| self.err("unterminated `y' command"))?;
                    let b = self
                        .delimited(d, false)
                        .ok_or_else(|| self.err("unterminated `y' command"))?;
                    let a: Vec<char> = super::unescape_c(&a, false).0.chars().collect();
                    let b: Vec<char> = super::unescape_c(&b, false).0.chars().collect();
                    if a.len() != b.len() {
                        return Err(self.err("strings for `y' command are different lengths"));
                    }
                    Kind::Translit(a, b)
                }
                '{' => Kind::Block(self.cmds(true)?),
                other => {
                    return Err(self.err(&format!("unknown command: `{other}'")));
                }
            };
            out.push(Cmd {
                a1,
                a2,
                negate,
                kind,
            });
            self.skip_ws();
            match self.peek() {
                None | Some(';') | Some('\n') | Some('}') => {}
                Some(_) => return Err(self.err("extra characters after command")),
            }
        }
    }

    fn subst(&mut self) -> Result<Kind, String> {
        let Some(d) = self.peek() else {
            return Err(self.err("unterminated `s' command"));
        };
        if d == '\n' || d == '\\' {
            return Err(self.err("unterminated `s' command"));
        }
        self.i += 1;
        let pat = self
            .delimited(d, true)
            .ok_or_else(|| self.err("unterminated `s' command"))?;
        let rep_raw = self
            .delimited(d, false)
            .ok_or_else(|| self.err("unterminated `s' command"))?;
        let mut global = false;
        let mut nth = 1;
        let mut print = false;
        let mut icase = false;
        loop {
            match self.peek() {
                Some('g') => global = true,
                Some('p') => print = true,
                Some('i') | Some('I') => icase = true,
                Some('m') | Some('M') | Some('e') => {}
                Some(c) if c.is_ascii_digit() => {
                    nth = self.number().unwrap_or(1).max(1);
                    continue;
                }
                Some('w') => {
                    // w file: consume the rest of the line.
                    while !matches!(self.peek(), None | Some('\n')) {
                        self.i += 1;
                    }
                    break;
                }
                None | Some(';') | Some('\n') | Some('}') | Some(' ') | Some('\t') => break,
                Some(_) => {
                    self.i += 1;
                    return Err(self.err("unknown option to `s'"));
                }
            }
            self.i += 1;
        }
        let re = self.regex(&pat, icase)?;
        let groups = re.as_ref().map(Regex::groups).unwrap_or(9);
        // Replacement parts.
        let mut rep = Vec::new();
        let mut lit = String::new();
        let rc: Vec<char> = rep_raw.chars().collect();
        let mut k = 0;
        while k < rc.len() {
            let c = rc[k];
            if c == '&' {
                if !lit.is_empty() {
                    rep.push(Rep::Lit(std::mem::take(&mut lit)));
                }
                rep.push(Rep::Whole);
            } else if c == '\\' && k + 1 < rc.len() {
                k += 1;
                let n = rc[k];
                match n {
                    '1'..='9' => {
                        let g = n as usize - '0' as usize;
                        if g > groups {
                            return Err(
                                self.err(&format!("invalid reference \\{g} on `s' command's RHS"))
                            );
                        }
                        if !lit.is_empty() {
                            rep.push(Rep::Lit(std::mem::take(&mut lit)));
                        }
                        rep.push(Rep::Group(g));
                    }
                    '0' => {
                        if !lit.is_empty() {
                            rep.push(Rep::Lit(std::mem::take(&mut lit)));
                        }
                        rep.push(Rep::Whole);
                    }
                    'n' => lit.push('\n'),
                    't' => lit.push('\t'),
                    other => lit.push(other),
                }
            } else {
                lit.push(c);
            }
            k += 1;
        }
        if !lit.is_empty() {
            rep.push(Rep::Lit(lit));
        }
        Ok(Kind::Subst {
            re,
            rep,
            global,
            nth,
            print,
        })
    }
}

struct State {
    last_re: Option<Regex>,
    /// Per command (flattened index): inside a range.
    ranges: Vec<bool>,
    quit: Option<i32>,
    quiet: bool,
}

struct Ctx<'a> {
    lines: &'a [&'a str],
    idx: usize,
    out: String,
    append_queue: String,
}

fn addr_match(a: &Addr, st: &mut State, line: &str, n: usize, last: bool) -> bool {
    match a {
        Addr::Line(k) => n == *k,
        Addr::Last => last,
        Addr::Step(first, step) => {
            if *step == 0 {
                n == *first
            } else {
                n >= *first && (n - first) % step == 0
            }
        }
        Addr::Re(re) => {
            let re = match re {
                Some(r) => {
                    st.last_re = Some(r.clone());
                    r
                }
                None => match &st.last_re {
                    Some(r) => r,
                    None => return false,
                },
            };
            re.is_match(line)
        }
    }
}

fn substitute(text: &str, re: &Regex, rep: &[Rep], global: bool, nth: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut copied = 0;
    let mut count = 0;
    let mut did = false;
    let mut guard = 0;
    while pos <= chars.len() {
        guard += 1;
        if guard > 1_000_000 {
            break;
        }
        let Some(m) = re.find_at(&chars, pos) else {
            break;
        };
        count += 1;
        if count >= nth {
            out.extend(&chars[copied..m.start]);
            for r in rep {
                match r {
                    Rep::Lit(s) => out.push_str(s),
                    Rep::Whole => out.extend(&chars[m.start..m.end]),
                    Rep::Group(g) => {
                        if let Some(Some((s, e))) = m.groups.get(*g) {
                            out.extend(&chars[*s..*e]);
                        }
                    }
                }
            }
            copied = m.end;
            did = true;
            if !global {
                break;
            }
        }
        if m.end == m.start {
            pos = m.end + 1;
        } else {
            pos = m.end;
        }
    }
    if !did {
        return None;
    }
    if copied < chars.len() {
        out.extend(&chars[copied..]);
    }
    Some(out)
}

/// Run commands on the pattern space; returns false when the cycle ends early (d).
fn run_cmds(
    cmds: &[Cmd],
    base: usize,
    st: &mut State,
    ps: &mut String,
    cx: &mut Ctx,
) -> (bool, usize) {
    let mut flat = base;
    for c in cmds {
        let my = flat;
        flat += 1;
        let n = cx.idx + 1;
        let last = cx.idx + 1 == cx.lines.len();
        let selected = match (&c.a1, &c.a2) {
            (None, _) => true,
            (Some(a), None) => addr_match(a, st, ps, n, last),
            (Some(a1), Some(a2)) => {
                if my >= st.ranges.len() {
                    st.ranges.resize(my + 1, false);
                }
                if st.ranges[my] {
                    let end = match a2 {
                        Addr::Line(k) => n >= *k,
                        _ => addr_match(a2, st, ps, n, last),
                    };
                    if end {
                        st.ranges[my] = false;
                    }
                    true
                } else if addr_match(a1, st, ps, n, last) {
                    let end_now = match a2 {
                        Addr::Line(k) => *k <= n,
                        _ => false,
                    };
                    st.ranges[my] = !end_now;
                    true
                } else {
                    false
                }
            }
        };
        if let Kind::Block(inner) = &c.kind {
            if selected != c.negate {
                let (cont, f) = run_cmds(inner, flat, st, ps, cx);
                flat = f;
                if !cont {
                    return (false, flat);
                }
            } else {
                flat += count_cmds(inner);
            }
            continue;
        }
        if selected == c.negate {
            continue;
        }
        match &c.kind {
            Kind::Subst {
                re,
                rep,
                global,
                nth,
                print,
            } => {
                let re = match re {
                    Some(r) => {
                        st.last_re = Some(r.clone());
                        r.clone()
                    }
                    None => match &st.last_re {
                        Some(r) => r.clone(),
                        None => continue,
                    },
                };
                if let Some(new) = substitute(ps, &re, rep, *global, *nth) {
                    *ps = new;
                    if *print {
                        cx.out.push_str(ps);
                        cx.out.push('\n');
                    }
                }
            }
            Kind::Print => {
                cx.out.push_str(ps);
                cx.out.push('\n');
            }
            Kind::PrintFirst => {
                cx.out.push_str(ps.split('\n').next().unwrap_or(""));
                cx.out.push('\n');
            }
            Kind::Delete => return (false, flat),
            Kind::Quit(code, silent) => {
                st.quit = Some(*code);
                if *silent {
                    st.quiet = true;
                }
                return (true, flat);
            }
            Kind::LineNo => {
                cx.out.push_str(&format!("{n}\n"));
            }
            Kind::Append(t) => {
                cx.append_queue.push_str(t);
                cx.append_queue.push('\n');
            }
            Kind::Insert(t) => {
                cx.out.push_str(t);
                cx.out.push('\n');
            }
            Kind::Change(t) => {
                let in_range = c.a2.is_some() && st.ranges.get(my).copied().unwrap_or(false);
                if !in_range {
                    cx.out.push_str(t);
                    cx.out.push('\n');
                }
                return (false, flat);
            }
            Kind::Translit(a, b) => {
                *ps = ps
                    .chars()
                    .map(|ch| a.iter().position(|x| *x == ch).map(|p| b[p]).unwrap_or(ch))
                    .collect();
            }
            Kind::Next => {
                // Print (unless -n) and read the next line.
                if cx.idx + 1 < cx.lines.len() {
                    if !st.quiet {
                        cx.out.push_str(ps);
                        cx.out.push('\n');
                    }
                    cx.out.push_str(&std::mem::take(&mut cx.append_queue));
                    cx.idx += 1;
                    *ps = cx.lines[cx.idx].to_string();
                } else {
                    st.quit = Some(0);
                    return (true, flat);
                }
            }
            Kind::Block(_) | Kind::Nop => {}
        }
    }
    (true, flat)
}

fn count_cmds(cmds: &[Cmd]) -> usize {
    cmds.iter()
        .map(|c| {
            1 + if let Kind::Block(i) = &c.kind {
                count_cmds(i)
            } else {
                0
            }
        })
        .sum()
}

fn run_text(cmds: &[Cmd], text: &str, quiet: bool, st: &mut State) -> String {
    let ls = lines(text);
    let mut cx = Ctx {
        lines: &ls,
        idx: 0,
        out: String::new(),
        append_queue: String::new(),
    };
    st.quiet = quiet;
    while cx.idx < ls.len() {
        let mut ps = ls[cx.idx].to_string();
        let (cont, _) = run_cmds(cmds, 0, st, &mut ps, &mut cx);
        if cont && !st.quiet {
            cx.out.push_str(&ps);
            cx.out.push('\n');
        }
        cx.out.push_str(&std::mem::take(&mut cx.append_queue));
        if st.quit.is_some() || cx.out.len() > 16 * 1024 * 1024 {
            break;
        }
        cx.idx += 1;
    }
    // A last line without newline stays without.
    if !text.ends_with('\n') && cx.out.ends_with('\n') && !text.is_empty() && st.quit.is_none() {
        cx.out.pop();
    }
    cx.out
}

pub(super) fn sed(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut quiet = false;
    let mut ere = false;
    let mut in_place = false;
    let mut scripts: Vec<String> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_files = false;
    while i < args.len() {
        let a = &args[i];
        if only_files || !a.starts_with('-') || a == "-" {
            files.push(a.clone());
            i += 1;
            continue;
        }
        match a.as_str() {
            "--" => only_files = true,
            "-n" | "--quiet" | "--silent" => quiet = true,
            "-E" | "-r" | "--regexp-extended" => ere = true,
            "-s" | "--separate" | "-u" | "--posix" | "-z" => {}
            "-e" | "--expression" => {
                i += 1;
                match args.get(i) {
                    Some(s) => scripts.push(s.clone()),
                    None => {
                        io.err("sed: option requires an argument -- 'e'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
                        return 1;
                    }
                }
            }
            "-f" | "--file" => {
                i += 1;
                let Some(f) = args.get(i) else {
                    io.err("sed: option requires an argument -- 'f'\n");
                    return 1;
                };
                match read_input(sh, sys, f, io) {
                    Ok(t) => scripts.push(t),
                    Err(e) => {
                        io.err(format!("sed: couldn't open file {f}: {e}\n"));
                        return 1;
                    }
                }
            }
            _ if a.starts_with("-i") || a.starts_with("--in-place") => in_place = true,
            _ if a.starts_with("-e") => scripts.push(a[2..].to_string()),
            _ => {
                // Combined short flags like -ne, -nE, -Ei.
                let cs: Vec<char> = a[1..].chars().collect();
                let mut k = 0;
                while k < cs.len() {
                    match cs[k] {
                        'n' => quiet = true,
                        'E' | 'r' => ere = true,
                        's' | 'u' | 'z' => {}
                        'i' => {
                            in_place = true;
                            break;
                        }
                        'e' => {
                            let rest: String = cs[k + 1..].iter().collect();
                            if rest.is_empty() {
                                i += 1;
                                if let Some(s) = args.get(i) {
                                    scripts.push(s.clone());
                                }
                            } else {
                                scripts.push(rest);
                            }
                            break;
                        }
                        c => {
                            io.err(format!("sed: invalid option -- '{c}'\nUsage: sed [OPTION]... {{script-only-if-no-other-script}} [input-file]...\n"));
                            return 1;
                        }
                    }
                    k += 1;
                }
            }
        }
        i += 1;
    }
    if scripts.is_empty() {
        if files.is_empty() {
            io.err("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
            return 1;
        }
        scripts.push(files.remove(0));
    }
    let mut cmds = Vec::new();
    for (n, s) in scripts.iter().enumerate() {
        let mut p = P {
            c: s.chars().collect(),
            i: 0,
            ere,
            expr_no: n + 1,
            _src: s,
        };
        match p.cmds(false) {
            Ok(c) => cmds.extend(c),
            Err(m) => {
                io.err(m);
                return 1;
            }
        }
    }
    let mut st = State {
        last_re: None,
        ranges: Vec::new(),
        quit: None,
        quiet,
    };
    if in_place {
        if files.is_empty() {
            io.err("sed: no input files\n");
            return 1;
        }
        let mut code = 0;
        for f in &files {
            let path = normalize(&sh.cwd, f);
            let text = match sys.fs().read(&path) {
                Ok(t) => t,
                Err(e) => {
                    io.err(format!("sed: can't read {f}: {e}\n"));
                    code = 2;
                    continue;
                }
            };
            st.ranges.clear();
            st.quit = None;
            let out = run_text(&cmds, &text, quiet, &mut st);
            let now = sys.now_ms();
            if let Err(e) = sys.fs().write(&path, &out, now) {
                io.err(format!("sed: couldn't write {f}: {e}\n"));
                code = 4;
            }
        }
        return code;
    }
    let files = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files
    };
    let mut all = String::new();
    let mut code = 0;
    for f in &files {
        match read_input(sh, sys, f, io) {
            Ok(t) => {
                all.push_str(&t);
                if !t.is_empty() && !t.ends_with('\n') && f != files.last().unwrap_or(f) {
                    all.push('\n');
                }
            }
            Err(e) => {
                io.err(format!("sed: can't read {f}: {e}\n"));
                code = 2;
            }
        }
    }
    let out = run_text(&cmds, &all, quiet, &mut st);
    io.out(out);
    if let Some(q) = st.quit {
        if q != 0 {
            return q;
        }
    }
    code
}

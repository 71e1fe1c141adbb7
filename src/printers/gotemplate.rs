//! `kubectl -o go-template` / `-o template`: the part of Go's text/template kubectl users
//! write — fields, variables, pipelines, `if`/`else if`/`range`/`with`/`else`/`end`,
//! `break`/`continue`, trim markers, comments, the builtin functions (`and or not eq ne lt le
//! gt ge len index slice print printf println html js urlquery`) and kubectl's
//! `base64decode`. Error texts follow Go's (`template: output:1:7: executing "output" at
//! <.a.b>: …`).
//!
//! The data is the object after a JSON round trip into `interface{}`: every number is a
//! float64 (so `{{.spec.replicas}}` of a million prints `1e+06`, as kubectl does).

use serde_json::Value;

use super::jsonpath::{go_float, go_quote};
use crate::kubectl::gojson;

const MAX_DEPTH: usize = 64;
const MAX_STEPS: usize = 2_000_000;
const MAX_OUTPUT: usize = 4 << 20;

#[derive(Clone, Debug)]
enum Arg {
    Dot,
    Nil,
    Bool(bool),
    Num(f64, bool, String),
    Str(String, String),
    /// `.a.b` (empty path: `.`)
    Field(Vec<String>),
    /// `$x.a.b`
    Var(String, Vec<String>),
    Ident(String),
    /// `(pipe).a.b`
    Sub(Box<Pipe>, Vec<String>),
}

#[derive(Clone, Debug)]
struct Cmd {
    pos: usize,
    args: Vec<(usize, Arg)>,
}

#[derive(Clone, Debug)]
struct Pipe {
    pos: usize,
    decl: Vec<String>,
    assign: bool,
    cmds: Vec<Cmd>,
}

#[derive(Clone, Debug)]
enum Node {
    Text(String),
    Action(Pipe),
    If(Pipe, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
    Range(Pipe, Vec<Node>, Vec<Node>),
    Break,
    Continue,
    Template(usize, String),
}

// ---------------------------------------------------------------- lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Text(String),
    Open,
    Close,
    Field(String),
    Var(String),
    Str(String, String),
    Num(String),
    Ident(String),
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Space,
    Dot,
    Eof,
}

const BUILTINS: &[&str] = &[
    "and",
    "or",
    "not",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "len",
    "index",
    "slice",
    "print",
    "printf",
    "println",
    "html",
    "js",
    "urlquery",
    "call",
    "base64decode",
];

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, String> {
    let b = src.as_bytes();
    let mut out: Vec<(usize, Tok)> = vec![];
    let mut i = 0;
    let line_of = |p: usize| 1 + src[..p].matches('\n').count();
    while i < b.len() {
        let Some(off) = src[i..].find("{{") else {
            out.push((i, Tok::Text(src[i..].to_string())));
            break;
        };
        let open = i + off;
        let mut text_end = open;
        let mut j = open + 2;
        let trim_left = src[j..].starts_with("- ")
            || src[j..].starts_with("-\t")
            || src[j..].starts_with("-\n")
            || src[j..].starts_with("-\r");
        if trim_left {
            j += 1;
            text_end = src[..open]
                .trim_end_matches([' ', '\t', '\r', '\n'])
                .len()
                .max(i);
        }
        if text_end > i {
            out.push((i, Tok::Text(src[i..text_end].to_string())));
        }
        // Comment.
        let after_ws = src[j..].trim_start_matches([' ', '\t', '\r', '\n']);
        let ws_len = src[j..].len() - after_ws.len();
        if after_ws.starts_with("/*") {
            let cstart = j + ws_len;
            let Some(cend) = src[cstart..].find("*/") else {
                return Err(format!(
                    "template: output:{}: unclosed comment",
                    line_of(open)
                ));
            };
            let mut k = cstart + cend + 2;
            let rest = &src[k..];
            let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
            let mut trim_right = false;
            if trimmed.starts_with("-}}") && trimmed.len() < rest.len() {
                k += rest.len() - trimmed.len() + 1;
                trim_right = true;
            } else if !rest.starts_with("}}") {
                return Err(format!(
                    "template: output:{}: comment ends before closing delimiter",
                    line_of(open)
                ));
            }
            k += 2;
            if trim_right {
                k += src[k..].len() - src[k..].trim_start_matches([' ', '\t', '\r', '\n']).len();
            }
            i = k;
            continue;
        }
        out.push((open, Tok::Open));
        // Inside an action.
        let mut paren = 0i32;
        loop {
            if j >= b.len() {
                return Err(format!(
                    "template: output:{}: unclosed action",
                    line_of(open)
                ));
            }
            let rest = &src[j..];
            if rest.starts_with(" -}}")
                || rest.starts_with("\t-}}")
                || rest.starts_with("\n-}}")
                || rest.starts_with("\r-}}")
            {
                out.push((j + 2, Tok::Close));
                j += 4;
                j += src[j..].len() - src[j..].trim_start_matches([' ', '\t', '\r', '\n']).len();
                break;
            }
            if rest.starts_with("}}") {
                if paren > 0 {
                    return Err(format!(
                        "template: output:{}: unclosed left paren",
                        line_of(j)
                    ));
                }
                out.push((j, Tok::Close));
                j += 2;
                break;
            }
            let c = b[j];
            match c {
                b' ' | b'\t' | b'\r' | b'\n' => {
                    let s = j;
                    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n') {
                        if src[j..].starts_with(" -}}") {
                            break;
                        }
                        j += 1;
                    }
                    if j == s {
                        j += 1;
                    }
                    out.push((s, Tok::Space));
                }
                b'|' => {
                    out.push((j, Tok::Pipe));
                    j += 1;
                }
                b'(' => {
                    paren += 1;
                    out.push((j, Tok::LParen));
                    j += 1;
                }
                b')' => {
                    paren -= 1;
                    if paren < 0 {
                        return Err(format!(
                            "template: output:{}: unexpected right paren",
                            line_of(j)
                        ));
                    }
                    out.push((j, Tok::RParen));
                    j += 1;
                }
                b',' => {
                    out.push((j, Tok::Comma));
                    j += 1;
                }
                b':' => {
                    if src[j..].starts_with(":=") {
                        out.push((j, Tok::Declare));
                        j += 2;
                    } else {
                        return Err(format!("template: output:{}: expected :=", line_of(j)));
                    }
                }
                b'=' => {
                    out.push((j, Tok::Assign));
                    j += 1;
                }
                b'"' | b'`' => {
                    let s = j;
                    j += 1;
                    loop {
                        if j >= b.len() || (c == b'"' && b[j] == b'\n') {
                            let what = if c == b'"' {
                                "unterminated quoted string"
                            } else {
                                "unterminated raw quoted string"
                            };
                            return Err(format!("template: output:{}: {what}", line_of(s)));
                        }
                        if c == b'"' && b[j] == b'\\' {
                            j += 2;
                            continue;
                        }
                        if b[j] == c {
                            j += 1;
                            break;
                        }
                        j += 1;
                    }
                    let raw = &src[s..j];
                    let val = if c == b'`' {
                        raw[1..raw.len() - 1].to_string()
                    } else {
                        unquote(raw).ok_or_else(|| {
                            format!("template: output:{}: invalid syntax", line_of(s))
                        })?
                    };
                    out.push((s, Tok::Str(raw.to_string(), val)));
                }
                b'.' | b'$' => {
                    let s = j;
                    j += 1;
                    while j < b.len()
                        && (b[j] == b'_' || b[j].is_ascii_alphanumeric() || b[j] >= 0x80)
                    {
                        j += 1;
                    }
                    let word = &src[s..j];
                    if c == b'.' {
                        if word == "." {
                            if j < b.len() && b[j].is_ascii_digit() {
                                // .5
                                while j < b.len() && (b[j].is_ascii_digit()) {
                                    j += 1;
                                }
                                out.push((s, Tok::Num(src[s..j].to_string())));
                            } else {
                                out.push((s, Tok::Dot));
                            }
                        } else {
                            out.push((s, Tok::Field(word[1..].to_string())));
                        }
                    } else {
                        out.push((s, Tok::Var(word.to_string())));
                    }
                }
                b'0'..=b'9' | b'-' | b'+' => {
                    let s = j;
                    j += 1;
                    while j < b.len()
                        && (b[j].is_ascii_alphanumeric()
                            || b[j] == b'.'
                            || b[j] == b'_'
                            || ((b[j] == b'-' || b[j] == b'+')
                                && matches!(b[j - 1], b'e' | b'E' | b'p' | b'P')))
                    {
                        j += 1;
                    }
                    out.push((s, Tok::Num(src[s..j].to_string())));
                }
                b'\'' => {
                    let s = j;
                    j += 1;
                    while j < b.len() && b[j] != b'\'' {
                        if b[j] == b'\\' {
                            j += 1;
                        }
                        j += 1;
                    }
                    j += 1;
                    let raw = src.get(s..j.min(b.len())).unwrap_or("");
                    let ch = raw.trim_matches('\'').chars().next().unwrap_or('\0');
                    out.push((s, Tok::Num(format!("{}", ch as u32))));
                }
                _ if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => {
                    let s = j;
                    while j < b.len()
                        && (b[j] == b'_' || b[j].is_ascii_alphanumeric() || b[j] >= 0x80)
                    {
                        j += 1;
                    }
                    out.push((s, Tok::Ident(src[s..j].to_string())));
                }
                _ => {
                    let ch = src[j..].chars().next().unwrap_or('?');
                    return Err(format!(
                        "template: output:{}: unexpected {} in command",
                        line_of(j),
                        go_quote_rune(ch)
                    ));
                }
            }
        }
        i = j;
    }
    out.push((src.len(), Tok::Eof));
    Ok(out)
}

fn go_quote_rune(c: char) -> String {
    format!("'{c}'")
}

fn unquote(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let body = &chars[1..chars.len().saturating_sub(1)];
    let mut out = String::new();
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        i += 1;
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = *body.get(i)?;
        i += 1;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = body.get(i..i + n)?.iter().collect();
                i += n;
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

// ---------------------------------------------------------------- parser

struct Parser<'a> {
    toks: Vec<(usize, Tok)>,
    i: usize,
    src: &'a str,
    vars: Vec<String>,
    range_depth: usize,
}

#[allow(clippy::enum_variant_names)]
enum End {
    Eof,
    End,
    Else(usize),
}

impl<'a> Parser<'a> {
    fn line(&self, p: usize) -> usize {
        1 + self.src[..p.min(self.src.len())].matches('\n').count()
    }
    fn err(&self, p: usize, msg: impl AsRef<str>) -> String {
        format!("template: output:{}: {}", self.line(p), msg.as_ref())
    }
    fn peek(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].1
    }
    fn pos(&self) -> usize {
        self.toks[self.i.min(self.toks.len() - 1)].0
    }
    fn next(&mut self) -> (usize, Tok) {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        self.i += 1;
        t
    }
    fn skip_space(&mut self) {
        while *self.peek() == Tok::Space {
            self.i += 1;
        }
    }
    fn next_non_space(&mut self) -> (usize, Tok) {
        self.skip_space();
        self.next()
    }
    fn peek_non_space(&mut self) -> Tok {
        self.skip_space();
        self.peek().clone()
    }

    fn list(&mut self, depth: usize) -> Result<(Vec<Node>, End), String> {
        if depth > MAX_DEPTH {
            return Err(self.err(self.pos(), "nesting too deep"));
        }
        let mut nodes = vec![];
        loop {
            let (p, t) = self.next();
            match t {
                Tok::Eof => return Ok((nodes, End::Eof)),
                Tok::Text(s) => nodes.push(Node::Text(s)),
                Tok::Open => {
                    let kw = self.peek_non_space();
                    if let Tok::Ident(k) = &kw {
                        let kp = self.pos();
                        match k.as_str() {
                            "end" => {
                                self.i += 1;
                                self.expect_close("end")?;
                                return Ok((nodes, End::End));
                            }
                            "else" => {
                                self.i += 1;
                                return Ok((nodes, End::Else(kp)));
                            }
                            "if" | "with" | "range" => {
                                self.i += 1;
                                let k = k.clone();
                                nodes.push(self.control(&k, depth)?);
                                continue;
                            }
                            "break" | "continue" => {
                                self.i += 1;
                                if self.range_depth == 0 {
                                    return Err(
                                        self.err(kp, format!("{{{{{k}}}}} outside {{{{range}}}}"))
                                    );
                                }
                                let k = k.clone();
                                self.expect_close(&k)?;
                                nodes.push(if k == "break" {
                                    Node::Break
                                } else {
                                    Node::Continue
                                });
                                continue;
                            }
                            "template" | "block" | "define" => {
                                self.i += 1;
                                let (_, t) = self.next_non_space();
                                let name = match t {
                                    Tok::Str(_, v) => v,
                                    _ => {
                                        return Err(self.err(
                                            kp,
                                            format!("unexpected {} in template clause", "token"),
                                        ))
                                    }
                                };
                                // Swallow the rest of the action.
                                loop {
                                    let (_, t) = self.next();
                                    if matches!(t, Tok::Close | Tok::Eof) {
                                        break;
                                    }
                                }
                                nodes.push(Node::Template(kp, name));
                                continue;
                            }
                            _ => {}
                        }
                    }
                    let pipe = self.pipeline("command", false)?;
                    nodes.push(Node::Action(pipe));
                }
                _ => return Err(self.err(p, "unexpected token")),
            }
        }
    }

    fn expect_close(&mut self, ctx: &str) -> Result<(), String> {
        let (p, t) = self.next_non_space();
        if t != Tok::Close {
            return Err(self.err(p, format!("unexpected {} in {ctx}", tok_desc(&t))));
        }
        Ok(())
    }

    fn control(&mut self, kw: &str, depth: usize) -> Result<Node, String> {
        let saved = self.vars.len();
        let pipe = self.pipeline(kw, kw == "range")?;
        if kw == "range" {
            self.range_depth += 1;
        }
        let (body, end) = self.list(depth + 1)?;
        if kw == "range" {
            self.range_depth -= 1;
        }
        let else_list = match end {
            End::Eof => return Err(self.err(self.src.len(), "unexpected EOF")),
            End::End => vec![],
            End::Else(_) => {
                // `{{else if …}}` / `{{else with …}}` chain.
                let nt = self.peek_non_space();
                match nt {
                    Tok::Ident(k) if (k == "if" && kw == "if") || (k == "with" && kw == "with") => {
                        self.i += 1;
                        let inner = self.control(kw, depth + 1)?;
                        vec![inner]
                    }
                    _ => {
                        self.expect_close("else")?;
                        let (l, e) = self.list(depth + 1)?;
                        match e {
                            End::End => l,
                            End::Eof => return Err(self.err(self.src.len(), "unexpected EOF")),
                            End::Else(p) => return Err(self.err(p, "unexpected {{else}}")),
                        }
                    }
                }
            }
        };
        self.vars.truncate(saved);
        Ok(match kw {
            "if" => Node::If(pipe, body, else_list),
            "with" => Node::With(pipe, body, else_list),
            _ => Node::Range(pipe, body, else_list),
        })
    }

    fn pipeline(&mut self, ctx: &str, multi_decl: bool) -> Result<Pipe, String> {
        let pos = {
            self.skip_space();
            self.pos()
        };
        let mut decl = vec![];
        let mut assign = false;
        // Declarations.
        let save = self.i;
        if let Tok::Var(v) = self.peek_non_space() {
            self.i += 1;
            let t2 = self.peek_non_space();
            match t2 {
                Tok::Declare | Tok::Assign => {
                    self.i += 1;
                    assign = t2 == Tok::Assign;
                    if assign && !self.vars.contains(&v) {
                        return Err(self.err(pos, format!("undefined variable \"{v}\"")));
                    }
                    decl.push(v);
                }
                Tok::Comma if multi_decl => {
                    self.i += 1;
                    if let Tok::Var(v2) = self.peek_non_space() {
                        self.i += 1;
                        let t3 = self.peek_non_space();
                        if matches!(t3, Tok::Declare | Tok::Assign) {
                            self.i += 1;
                            decl.push(v);
                            decl.push(v2);
                        } else {
                            return Err(
                                self.err(pos, format!("unexpected {} in {ctx}", tok_desc(&t3)))
                            );
                        }
                    } else {
                        return Err(self.err(pos, "too many declarations in range"));
                    }
                }
                _ => self.i = save,
            }
        }
        if !assign {
            for d in &decl {
                self.vars.push(d.clone());
            }
        }
        let mut cmds = vec![];
        loop {
            let t = self.peek_non_space();
            match t {
                Tok::Close => {
                    self.i += 1;
                    break;
                }
                Tok::RParen => break,
                Tok::Eof => return Err(self.err(self.src.len(), "unclosed action")),
                _ => {
                    cmds.push(self.command()?);
                }
            }
        }
        if cmds.is_empty() {
            return Err(self.err(pos, format!("missing value for {ctx}")));
        }
        Ok(Pipe {
            pos,
            decl,
            assign,
            cmds,
        })
    }

    fn command(&mut self) -> Result<Cmd, String> {
        self.skip_space();
        let pos = self.pos();
        let mut args = vec![];
        loop {
            self.skip_space();
            let p = self.pos();
            let t = self.peek().clone();
            match t {
                Tok::Close | Tok::RParen => break,
                Tok::Pipe => {
                    self.i += 1;
                    if args.is_empty() {
                        return Err(self.err(p, "missing command"));
                    }
                    return Ok(Cmd { pos, args });
                }
                Tok::Eof => return Err(self.err(p, "unclosed action")),
                _ => {
                    let a = self.operand()?;
                    args.push((p, a));
                }
            }
        }
        if args.is_empty() {
            return Err(self.err(pos, "missing command"));
        }
        Ok(Cmd { pos, args })
    }

    fn operand(&mut self) -> Result<Arg, String> {
        let (p, t) = self.next();
        let mut arg = match t {
            Tok::Dot => Arg::Dot,
            Tok::Field(f) => Arg::Field(vec![f]),
            Tok::Var(v) => {
                if !self.vars.contains(&v) && v != "$" {
                    return Err(self.err(p, format!("undefined variable \"{v}\"")));
                }
                Arg::Var(v, vec![])
            }
            Tok::Str(raw, v) => Arg::Str(raw, v),
            Tok::Num(s) => {
                let (f, is_int) = parse_num(&s)
                    .ok_or_else(|| self.err(p, format!("bad number syntax: \"{s}\"")))?;
                Arg::Num(f, is_int, s)
            }
            Tok::Ident(id) => match id.as_str() {
                "true" => Arg::Bool(true),
                "false" => Arg::Bool(false),
                "nil" => Arg::Nil,
                _ => {
                    if !BUILTINS.contains(&id.as_str()) {
                        return Err(self.err(p, format!("function \"{id}\" not defined")));
                    }
                    Arg::Ident(id)
                }
            },
            Tok::LParen => {
                let pipe = self.pipeline("parenthesized pipeline", false)?;
                let (_, t) = self.next();
                if t != Tok::RParen {
                    return Err(self.err(p, "unclosed left paren"));
                }
                Arg::Sub(Box::new(pipe), vec![])
            }
            other => return Err(self.err(p, format!("unexpected {} in operand", tok_desc(&other)))),
        };
        // Field chain.
        while let Tok::Field(f) = self.peek().clone() {
            self.i += 1;
            match &mut arg {
                Arg::Field(v) | Arg::Var(_, v) | Arg::Sub(_, v) => v.push(f),
                Arg::Dot => arg = Arg::Field(vec![f]),
                _ => return Err(self.err(p, format!("unexpected . after term {:?}", "term"))),
            }
        }
        Ok(arg)
    }
}

fn tok_desc(t: &Tok) -> String {
    match t {
        Tok::Close => "\"}}\"".into(),
        Tok::Eof => "EOF".into(),
        Tok::Ident(s) | Tok::Field(s) | Tok::Var(s) | Tok::Num(s) => format!("<{s}>"),
        Tok::Str(r, _) => r.clone(),
        Tok::RParen => "\")\"".into(),
        Tok::LParen => "\"(\"".into(),
        Tok::Pipe => "\"|\"".into(),
        Tok::Comma => "\",\"".into(),
        _ => "token".into(),
    }
}

fn parse_num(s: &str) -> Option<(f64, bool)> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let body = body.replace('_', "");
    let v = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        (i64::from_str_radix(h, 16).ok()? as f64, true)
    } else if let Ok(i) = body.parse::<i64>() {
        (i as f64, true)
    } else {
        (body.parse::<f64>().ok()?, false)
    };
    Some((if neg { -v.0 } else { v.0 }, v.1))
}

/// A parsed template.
pub struct Template {
    nodes: Vec<Node>,
    src: String,
}

/// Parses a template; the error reads like Go's (`template: output:1: unexpected EOF`).
pub fn parse(src: &str) -> Result<Template, String> {
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        i: 0,
        src,
        vars: vec!["$".into()],
        range_depth: 0,
    };
    let (nodes, end) = p.list(0)?;
    match end {
        End::Eof => {}
        End::End => {
            let pos = p.toks[p.i.saturating_sub(2).min(p.toks.len() - 1)].0;
            return Err(p.err(pos, "unexpected {{end}}"));
        }
        End::Else(pos) => return Err(p.err(pos, "unexpected {{else}}")),
    }
    Ok(Template {
        nodes,
        src: src.to_string(),
    })
}

// ---------------------------------------------------------------- values

/// A template value: JSON data (numbers as float64), plus Go ints from literals and `len`.
#[derive(Clone, Debug)]
enum V {
    /// No value (a missing map key).
    Missing,
    Json(Value),
    Int(i64),
    Str(String),
}

impl V {
    fn from_json(v: &Value) -> V {
        V::Json(v.clone())
    }
    fn truth(&self) -> bool {
        match self {
            V::Missing => false,
            V::Int(i) => *i != 0,
            V::Str(s) => !s.is_empty(),
            V::Json(j) => match j {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64().unwrap_or(0.0) != 0.0,
                Value::String(s) => !s.is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Object(m) => !m.is_empty(),
            },
        }
    }
    /// Go's `fmt.Print` of the value as the template prints it.
    fn print(&self) -> String {
        match self {
            V::Missing => "<no value>".into(),
            V::Int(i) => i.to_string(),
            V::Str(s) => s.clone(),
            V::Json(Value::Null) => "<no value>".into(),
            V::Json(j) => go_v_float(j),
        }
    }
    fn fmt_v(&self) -> String {
        match self {
            V::Missing => "<nil>".into(),
            V::Json(Value::Null) => "<nil>".into(),
            _ => self.print(),
        }
    }
}

/// `%v` of JSON decoded into interface{} (float64 numbers).
fn go_v_float(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_float(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(go_v_float).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_v_float(v)))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

#[derive(PartialEq, Clone, Copy)]
enum BK {
    Bool,
    Int,
    Float,
    Str,
    Invalid,
    Other,
}

fn basic_kind(v: &V) -> BK {
    match v {
        V::Missing => BK::Invalid,
        V::Int(_) => BK::Int,
        V::Str(_) => BK::Str,
        V::Json(j) => match j {
            Value::Null => BK::Invalid,
            Value::Bool(_) => BK::Bool,
            Value::Number(_) => BK::Float,
            Value::String(_) => BK::Str,
            _ => BK::Other,
        },
    }
}

fn as_f64(v: &V) -> f64 {
    match v {
        V::Int(i) => *i as f64,
        V::Json(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        _ => 0.0,
    }
}

fn as_str(v: &V) -> String {
    match v {
        V::Str(s) => s.clone(),
        V::Json(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn as_bool(v: &V) -> bool {
    matches!(v, V::Json(Value::Bool(true)))
}

// ---------------------------------------------------------------- exec

struct Exec<'a> {
    src: &'a str,
    out: String,
    vars: Vec<(String, V)>,
    allow_missing: bool,
    steps: usize,
}

enum Flow {
    Normal,
    Break,
    Continue,
}

type R<T> = Result<T, String>;

impl<'a> Exec<'a> {
    fn loc(&self, pos: usize) -> String {
        let before = &self.src[..pos.min(self.src.len())];
        let line = 1 + before.matches('\n').count();
        let col = pos - before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        format!("{line}:{col}")
    }
    fn err_at(&self, pos: usize, ctx: &str, msg: impl AsRef<str>) -> String {
        format!(
            "template: output:{}: executing \"output\" at <{}>: {}",
            self.loc(pos),
            ctx,
            msg.as_ref()
        )
    }

    fn step(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS || self.out.len() > MAX_OUTPUT {
            return Err("template: output: executing \"output\": too much work".into());
        }
        Ok(())
    }

    fn list(&mut self, nodes: &[Node], dot: &V, depth: usize) -> R<Flow> {
        if depth > MAX_DEPTH {
            return Err(
                "template: output: executing \"output\": exceeded maximum template depth (100000)"
                    .into(),
            );
        }
        for n in nodes {
            self.step()?;
            match n {
                Node::Text(s) => self.out.push_str(s),
                Node::Action(p) => {
                    let v = self.pipe(p, dot)?;
                    if p.decl.is_empty() {
                        self.out.push_str(&v.print());
                    }
                }
                Node::If(p, body, els) | Node::With(p, body, els) => {
                    let mark = self.vars.len();
                    let v = self.pipe(p, dot)?;
                    let is_with = matches!(n, Node::With(..));
                    let f = if v.truth() {
                        let d = if is_with { v } else { dot.clone() };
                        self.list(body, &d, depth + 1)?
                    } else {
                        self.list(els, dot, depth + 1)?
                    };
                    self.vars.truncate(mark);
                    if !matches!(f, Flow::Normal) {
                        return Ok(f);
                    }
                }
                Node::Range(p, body, els) => {
                    let mark = self.vars.len();
                    let f = self.range(p, body, els, dot, depth)?;
                    self.vars.truncate(mark);
                    let _ = f;
                }
                Node::Break => return Ok(Flow::Break),
                Node::Continue => return Ok(Flow::Continue),
                Node::Template(pos, name) => {
                    let ctx = format!("{{{{template {}}}}}", go_quote(name));
                    return Err(self.err_at(
                        *pos + "template ".len(),
                        &ctx,
                        format!("template {} not defined", go_quote(name)),
                    ));
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn range(&mut self, p: &Pipe, body: &[Node], els: &[Node], dot: &V, depth: usize) -> R<Flow> {
        // Evaluate the pipeline without declaring: the declarations are the loop variables.
        let bare = Pipe {
            pos: p.pos,
            decl: vec![],
            assign: false,
            cmds: p.cmds.clone(),
        };
        let v = self.pipe(&bare, dot)?;
        let items: Vec<(V, V)> = match &v {
            V::Json(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, x)| (V::Int(i as i64), V::from_json(x)))
                .collect(),
            V::Json(Value::Object(m)) => m
                .iter()
                .map(|(k, x)| (V::Str(k.clone()), V::from_json(x)))
                .collect(),
            V::Int(n) => (0..(*n).clamp(0, MAX_STEPS as i64))
                .map(|i| (V::Int(i), V::Int(i)))
                .collect(),
            V::Missing | V::Json(Value::Null) => vec![],
            other => {
                return Err(self.err_at(
                    p.pos,
                    &pipe_string(&bare),
                    format!("range can't iterate over {}", other.print()),
                ));
            }
        };
        if items.is_empty() {
            self.list(els, dot, depth + 1)?;
            return Ok(Flow::Normal);
        }
        for (k, x) in items {
            let mark = self.vars.len();
            match p.decl.len() {
                1 => self.set_var(&p.decl[0], x.clone(), p.assign),
                2 => {
                    self.set_var(&p.decl[0], k, p.assign);
                    self.set_var(&p.decl[1], x.clone(), p.assign);
                }
                _ => {}
            }
            let f = self.list(body, &x, depth + 1)?;
            self.vars.truncate(mark);
            if matches!(f, Flow::Break) {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: V, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    fn pipe(&mut self, p: &Pipe, dot: &V) -> R<V> {
        let mut final_v: Option<V> = None;
        for c in &p.cmds {
            final_v = Some(self.cmd(c, dot, final_v)?);
        }
        let v = final_v.unwrap_or(V::Missing);
        for d in &p.decl {
            self.set_var(d, v.clone(), p.assign);
        }
        Ok(v)
    }

    fn cmd(&mut self, c: &Cmd, dot: &V, final_v: Option<V>) -> R<V> {
        self.step()?;
        let (p0, first) = &c.args[0];
        match first {
            Arg::Ident(name) => {
                let mut args: Vec<V> = vec![];
                // `and`/`or` short-circuit.
                if name == "and" || name == "or" {
                    let n = c.args.len() - 1 + usize::from(final_v.is_some());
                    if n == 0 {
                        return Err(self.err_at(
                            *p0,
                            &cmd_string(c),
                            format!("wrong number of args for {name}: want at least 1 got 0"),
                        ));
                    }
                    let mut last = V::Missing;
                    for (pos, a) in &c.args[1..] {
                        last = self.arg(*pos, a, dot)?;
                        if (name == "and") != last.truth() {
                            return Ok(last);
                        }
                    }
                    if let Some(f) = final_v {
                        last = f;
                    }
                    return Ok(last);
                }
                for (pos, a) in &c.args[1..] {
                    args.push(self.arg(*pos, a, dot)?);
                }
                if let Some(f) = final_v {
                    args.push(f);
                }
                self.call(name, args)
                    .map_err(|e| self.err_at(c.pos, &cmd_string(c), e))
            }
            _ => {
                if c.args.len() > 1 || final_v.is_some() {
                    let what = match first {
                        Arg::Field(_) | Arg::Var(..) | Arg::Dot => None,
                        _ => Some(arg_string(first)),
                    };
                    if let Some(w) = what {
                        return Err(self.err_at(
                            *p0,
                            &w,
                            format!("can't give argument to non-function {w}"),
                        ));
                    }
                    if matches!(first, Arg::Field(_)) && !c.args.is_empty() {
                        let v = self.arg(*p0, first, dot)?;
                        return Err(self
                            .err_at(
                                *p0,
                                &arg_string(first),
                                format!(
                                    "can't give argument to non-function {}",
                                    arg_string(first)
                                ),
                            )
                            .replace("__v__", &v.print()));
                    }
                }
                if let Arg::Nil = first {
                    return Err(self.err_at(*p0, "nil", "nil is not a command"));
                }
                self.arg(*p0, first, dot)
            }
        }
    }

    fn arg(&mut self, pos: usize, a: &Arg, dot: &V) -> R<V> {
        match a {
            Arg::Dot => Ok(dot.clone()),
            Arg::Nil => Ok(V::Json(Value::Null)),
            Arg::Bool(b) => Ok(V::Json(Value::Bool(*b))),
            Arg::Num(f, is_int, _) => Ok(if *is_int {
                V::Int(*f as i64)
            } else {
                V::Json(
                    serde_json::Number::from_f64(*f)
                        .map(Value::Number)
                        .unwrap_or(Value::Null),
                )
            }),
            Arg::Str(_, s) => Ok(V::Str(s.clone())),
            Arg::Field(path) => {
                let chain_pos = self.chain_pos(pos, path);
                self.fields(dot.clone(), path, chain_pos, &arg_string(a))
            }
            Arg::Var(name, path) => {
                let v = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| self.err_at(pos, name, format!("undefined variable: {name}")))?;
                let chain_pos = pos;
                self.fields(v, path, chain_pos, &arg_string(a))
            }
            Arg::Sub(p, path) => {
                let v = self.pipe(p, dot)?;
                self.fields(v, path, pos, &arg_string(a))
            }
            Arg::Ident(name) => self
                .call(name, vec![])
                .map_err(|e| self.err_at(pos, name, e)),
        }
    }

    /// Go reports a field chain `.a.b.c` at the second field's position.
    fn chain_pos(&self, pos: usize, path: &[String]) -> usize {
        if path.len() > 1 {
            pos + 1 + path[0].len()
        } else {
            pos
        }
    }

    fn fields(&mut self, mut v: V, path: &[String], pos: usize, ctx: &str) -> R<V> {
        for f in path {
            v = match v {
                V::Json(Value::Object(mut m)) => match m.remove(f) {
                    Some(x) => V::Json(x),
                    None => {
                        if !self.allow_missing {
                            return Err(self.err_at(
                                pos,
                                ctx,
                                format!("map has no entry for key {}", go_quote(f)),
                            ));
                        }
                        V::Missing
                    }
                },
                V::Missing | V::Json(Value::Null) => {
                    // A field of a nil interface value.
                    V::Missing
                }
                _ => {
                    return Err(self.err_at(
                        pos,
                        ctx,
                        format!("can't evaluate field {f} in type interface {{}}"),
                    ));
                }
            };
        }
        Ok(v)
    }

    fn call(&mut self, name: &str, args: Vec<V>) -> Result<V, String> {
        let want = |n: usize| -> Result<(), String> {
            if args.len() != n {
                return Err(format!(
                    "wrong number of args for {name}: want {n} got {}",
                    args.len()
                ));
            }
            Ok(())
        };
        match name {
            "not" => {
                want(1)?;
                Ok(V::Json(Value::Bool(!args[0].truth())))
            }
            "len" => {
                want(1)?;
                let n = match &args[0] {
                    V::Str(s) | V::Json(Value::String(s)) => s.len(),
                    V::Json(Value::Array(a)) => a.len(),
                    V::Json(Value::Object(m)) => m.len(),
                    V::Missing | V::Json(Value::Null) => {
                        return Err("error calling len: len of nil pointer".into())
                    }
                    V::Json(Value::Number(_)) => {
                        return Err("error calling len: len of type float64".into())
                    }
                    V::Json(Value::Bool(_)) => {
                        return Err("error calling len: len of type bool".into())
                    }
                    V::Int(_) => return Err("error calling len: len of type int".into()),
                };
                Ok(V::Int(n as i64))
            }
            "index" => {
                if args.is_empty() {
                    return Err("wrong number of args for index: want at least 1 got 0".into());
                }
                let mut v = args[0].clone();
                for ix in &args[1..] {
                    v = match v {
                        V::Json(Value::Array(a)) => {
                            let i = match ix {
                                V::Int(i) => *i,
                                V::Json(Value::Number(_)) => return Err("error calling index: cannot index slice/array with type float64".into()),
                                _ => return Err("error calling index: cannot index slice/array with type string".into()),
                            };
                            if i < 0 || i as usize >= a.len() {
                                return Err(format!(
                                    "error calling index: index out of range: {i}"
                                ));
                            }
                            V::Json(a[i as usize].clone())
                        }
                        V::Json(Value::Object(m)) => {
                            let k = match ix {
                                V::Str(s) | V::Json(Value::String(s)) => s.clone(),
                                V::Missing | V::Json(Value::Null) => return Err(
                                    "error calling index: value is nil; should be of type string"
                                        .into(),
                                ),
                                _ => {
                                    return Err(
                                        "error calling index: value has type int; should be string"
                                            .into(),
                                    )
                                }
                            };
                            match m.get(&k) {
                                Some(x) => V::Json(x.clone()),
                                None => V::Missing,
                            }
                        }
                        V::Missing | V::Json(Value::Null) => {
                            return Err("error calling index: index of untyped nil".into())
                        }
                        V::Str(s) | V::Json(Value::String(s)) => {
                            let i = match ix {
                                V::Int(i) => *i,
                                _ => return Err("error calling index: cannot index slice/array with type float64".into()),
                            };
                            if i < 0 || i as usize >= s.len() {
                                return Err(format!(
                                    "error calling index: index out of range: {i}"
                                ));
                            }
                            V::Int(s.as_bytes()[i as usize] as i64)
                        }
                        _ => {
                            return Err(
                                "error calling index: can't index item of type float64".into()
                            )
                        }
                    };
                }
                Ok(v)
            }
            "slice" => {
                if args.is_empty() {
                    return Err("wrong number of args for slice: want at least 1 got 0".into());
                }
                let idx: Vec<i64> = args[1..]
                    .iter()
                    .map(|a| match a {
                        V::Int(i) => *i,
                        _ => -1,
                    })
                    .collect();
                match &args[0] {
                    V::Str(s) | V::Json(Value::String(s)) => {
                        let lo = idx.first().copied().unwrap_or(0);
                        let hi = idx.get(1).copied().unwrap_or(s.len() as i64);
                        if lo < 0 || hi < lo || hi as usize > s.len() || idx.len() > 2 {
                            return Err(format!(
                                "error calling slice: invalid slice index: {lo} > {hi}"
                            ));
                        }
                        Ok(V::Str(
                            String::from_utf8_lossy(&s.as_bytes()[lo as usize..hi as usize])
                                .into_owned(),
                        ))
                    }
                    V::Json(Value::Array(a)) => {
                        let lo = idx.first().copied().unwrap_or(0);
                        let hi = idx.get(1).copied().unwrap_or(a.len() as i64);
                        if lo < 0 || hi < lo || hi as usize > a.len() {
                            return Err(format!(
                                "error calling slice: invalid slice index: {lo} > {hi}"
                            ));
                        }
                        Ok(V::Json(Value::Array(a[lo as usize..hi as usize].to_vec())))
                    }
                    _ => Err("error calling slice: can't slice item of type float64".into()),
                }
            }
            "eq" | "ne" | "lt" | "le" | "gt" | "ge" => {
                if name == "eq" {
                    if args.len() < 2 {
                        return Err("wrong number of args for eq: want at least 1 got 0".into());
                    }
                    for b in &args[1..] {
                        if cmp_eq(&args[0], b).map_err(|e| format!("error calling eq: {e}"))? {
                            return Ok(V::Json(Value::Bool(true)));
                        }
                    }
                    return Ok(V::Json(Value::Bool(false)));
                }
                want(2)?;
                let (a, b) = (&args[0], &args[1]);
                let r = match name {
                    "ne" => !cmp_eq(a, b).map_err(|e| format!("error calling ne: {e}"))?,
                    _ => {
                        let lt = cmp_lt(a, b).map_err(|e| format!("error calling {name}: {e}"))?;
                        let eq = cmp_eq(a, b).map_err(|e| format!("error calling {name}: {e}"))?;
                        match name {
                            "lt" => lt,
                            "le" => lt || eq,
                            "gt" => !lt && !eq,
                            _ => !lt,
                        }
                    }
                };
                Ok(V::Json(Value::Bool(r)))
            }
            "print" | "println" => {
                let mut s = String::new();
                for (i, a) in args.iter().enumerate() {
                    let is_str = |v: &V| matches!(v, V::Str(_) | V::Json(Value::String(_)));
                    if i > 0 && (name == "println" || (!is_str(a) && !is_str(&args[i - 1]))) {
                        s.push(' ');
                    }
                    s.push_str(&a.fmt_v());
                }
                if name == "println" {
                    s.push('\n');
                }
                Ok(V::Str(s))
            }
            "printf" => {
                if args.is_empty() {
                    return Err("wrong number of args for printf: want at least 1 got 0".into());
                }
                let f = match &args[0] {
                    V::Str(s) | V::Json(Value::String(s)) => s.clone(),
                    _ => return Err("wrong type for value; expected string; got float64".into()),
                };
                Ok(V::Str(sprintf(&f, &args[1..])))
            }
            "html" => Ok(V::Str(html_escape(&join_print(&args)))),
            "js" => Ok(V::Str(js_escape(&join_print(&args)))),
            "urlquery" => Ok(V::Str(url_query(&join_print(&args)))),
            "base64decode" => {
                want(1)?;
                let s = as_str(&args[0]);
                match base64_decode(&s) {
                    Ok(b) => Ok(V::Str(String::from_utf8_lossy(&b).into_owned())),
                    Err(i) => Err(format!("error calling base64decode: base64decode: illegal base64 data at input byte {i}")),
                }
            }
            "call" => Err("error calling call: non-function of type interface {}".into()),
            _ => Err(format!("\"{name}\" is not a defined function")),
        }
    }
}

fn join_print(args: &[V]) -> String {
    let mut s = String::new();
    for (i, a) in args.iter().enumerate() {
        let is_str = |v: &V| matches!(v, V::Str(_) | V::Json(Value::String(_)));
        if i > 0 && !is_str(a) && !is_str(&args[i - 1]) {
            s.push(' ');
        }
        s.push_str(&a.fmt_v());
    }
    s
}

fn cmp_eq(a: &V, b: &V) -> Result<bool, String> {
    let (ka, kb) = (basic_kind(a), basic_kind(b));
    if ka == BK::Other || kb == BK::Other {
        return Err("incompatible types for comparison".into());
    }
    if ka == BK::Invalid || kb == BK::Invalid {
        return Ok(ka == kb);
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(match ka {
        BK::Bool => as_bool(a) == as_bool(b),
        BK::Int | BK::Float => as_f64(a) == as_f64(b),
        BK::Str => as_str(a) == as_str(b),
        _ => false,
    })
}

fn cmp_lt(a: &V, b: &V) -> Result<bool, String> {
    let (ka, kb) = (basic_kind(a), basic_kind(b));
    if matches!(ka, BK::Other | BK::Invalid | BK::Bool)
        || matches!(kb, BK::Other | BK::Invalid | BK::Bool)
    {
        return Err("invalid type for comparison".into());
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(match ka {
        BK::Int | BK::Float => as_f64(a) < as_f64(b),
        _ => as_str(a) < as_str(b),
    })
}

fn html_escape(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '\'' => o.push_str("&#39;"),
            '"' => o.push_str("&#34;"),
            '\0' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn js_escape(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '\'' => o.push_str("\\'"),
            '"' => o.push_str("\\\""),
            '<' => o.push_str("\\u003C"),
            '>' => o.push_str("\\u003E"),
            '&' => o.push_str("\\u0026"),
            '=' => o.push_str("\\u003D"),
            '\n' => o.push_str("\\u000A"),
            '\r' => o.push_str("\\u000D"),
            '\t' => o.push_str("\\u0009"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04X}", c as u32)),
            c => o.push(c),
        }
    }
    o
}

fn url_query(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                o.push(b as char)
            }
            b' ' => o.push('+'),
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

/// Standard base64 with padding; the error is the offset of the first bad byte.
pub fn base64_decode(s: &str) -> Result<Vec<u8>, usize> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        let mut quad = [0u32; 4];
        let mut n = 0;
        while n < 4 {
            if i >= b.len() {
                if n == 0 {
                    return Ok(out);
                }
                return Err(i.saturating_sub(n));
            }
            let c = b[i];
            if c == b'\n' || c == b'\r' {
                i += 1;
                continue;
            }
            if c == b'=' {
                if n < 2 {
                    return Err(i);
                }
                // Padding: the rest must be '=' to fill the quad.
                let need = 4 - n;
                for k in 0..need {
                    if b.get(i + k) != Some(&b'=') {
                        return Err(i + k);
                    }
                }
                if i + need != b.len() {
                    return Err(i + need);
                }
                let v = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6);
                out.push((v >> 16) as u8);
                if n == 3 {
                    out.push((v >> 8) as u8);
                }
                return Ok(out);
            }
            let Some(x) = val(c) else { return Err(i) };
            quad[n] = x;
            n += 1;
            i += 1;
        }
        let v = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6) | quad[3];
        out.extend([(v >> 16) as u8, (v >> 8) as u8, v as u8]);
    }
    Ok(out)
}

/// Go's `fmt.Sprintf` for the verbs templates use.
fn sprintf(f: &str, args: &[V]) -> String {
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut ai = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flags = String::new();
        while i < chars.len() && "+-# 0".contains(chars[i]) {
            flags.push(chars[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            width.push(chars[i]);
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            prec = Some(p.parse().unwrap_or(0));
        }
        let Some(&verb) = chars.get(i) else {
            out.push_str("%!(NOVERB)");
            break;
        };
        i += 1;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(a) = args.get(ai) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        ai += 1;
        let type_name = match a {
            V::Int(_) => "int",
            V::Str(_) | V::Json(Value::String(_)) => "string",
            V::Json(Value::Number(_)) => "float64",
            V::Json(Value::Bool(_)) => "bool",
            V::Json(Value::Array(_)) => "[]interface {}",
            V::Json(Value::Object(_)) => "map[string]interface {}",
            V::Missing | V::Json(Value::Null) => "<nil>",
        };
        let bad = |a: &V| {
            if type_name == "<nil>" {
                format!("%!{verb}(<nil>)")
            } else {
                format!("%!{verb}({type_name}={})", a.fmt_v())
            }
        };
        let s = match (verb, a) {
            ('v', _) => a.fmt_v(),
            ('s', V::Str(s)) | ('s', V::Json(Value::String(s))) => match prec {
                Some(p) => s.chars().take(p).collect(),
                None => s.clone(),
            },
            ('s', V::Json(Value::Array(_)) | V::Json(Value::Object(_))) => a.fmt_v(),
            ('q', V::Str(s)) | ('q', V::Json(Value::String(s))) => go_quote(s),
            ('d', V::Int(n)) => n.to_string(),
            ('x', V::Int(n)) => format!("{n:x}"),
            ('X', V::Int(n)) => format!("{n:X}"),
            ('x', V::Str(s)) | ('x', V::Json(Value::String(s))) => {
                s.bytes().map(|b| format!("{b:02x}")).collect()
            }
            ('c', V::Int(n)) => char::from_u32(*n as u32)
                .map(String::from)
                .unwrap_or_default(),
            ('t', V::Json(Value::Bool(b))) => b.to_string(),
            ('f' | 'F', V::Json(Value::Number(_)) | V::Int(_)) if !matches!(a, V::Int(_)) => {
                format!("{:.*}", prec.unwrap_or(6), as_f64(a))
            }
            ('e', V::Json(Value::Number(_))) => {
                let s = format!("{:.*e}", prec.unwrap_or(6), as_f64(a));
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let e: i32 = e.parse().unwrap_or(0);
                format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
            }
            ('g', V::Json(Value::Number(_))) => go_float(as_f64(a)),
            _ => bad(a),
        };
        let w: usize = width.parse().unwrap_or(0);
        let len = s.chars().count();
        if len < w {
            let pad = w - len;
            if flags.contains('-') {
                out.push_str(&s);
                out.extend(std::iter::repeat_n(' ', pad));
            } else if flags.contains('0') && matches!(verb, 'd' | 'f' | 'x' | 'X' | 'e' | 'g') {
                let (sign, digits) = match s.strip_prefix('-') {
                    Some(d) => ("-", d.to_string()),
                    None => ("", s.clone()),
                };
                out.push_str(sign);
                out.extend(std::iter::repeat_n('0', pad));
                out.push_str(&digits);
            } else {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&s);
            }
        } else {
            out.push_str(&s);
        }
    }
    if ai < args.len() {
        out.push_str("%!(EXTRA ");
        let extra: Vec<String> = args[ai..]
            .iter()
            .map(|a| {
                let t = match a {
                    V::Int(_) => "int",
                    V::Str(_) | V::Json(Value::String(_)) => "string",
                    V::Json(Value::Number(_)) => "float64",
                    V::Json(Value::Bool(_)) => "bool",
                    V::Json(Value::Array(_)) => "[]interface {}",
                    V::Json(Value::Object(_)) => "map[string]interface {}",
                    _ => "<nil>",
                };
                format!("{t}={}", a.fmt_v())
            })
            .collect();
        out.push_str(&extra.join(", "));
        out.push(')');
    }
    out
}

fn arg_string(a: &Arg) -> String {
    match a {
        Arg::Dot => ".".into(),
        Arg::Nil => "nil".into(),
        Arg::Bool(b) => b.to_string(),
        Arg::Num(_, _, s) => s.clone(),
        Arg::Str(raw, _) => raw.clone(),
        Arg::Field(p) => p.iter().map(|f| format!(".{f}")).collect(),
        Arg::Var(n, p) => format!(
            "{n}{}",
            p.iter().map(|f| format!(".{f}")).collect::<String>()
        ),
        Arg::Ident(n) => n.clone(),
        Arg::Sub(pipe, p) => format!(
            "({}){}",
            pipe_string(pipe),
            p.iter().map(|f| format!(".{f}")).collect::<String>()
        ),
    }
}

fn cmd_string(c: &Cmd) -> String {
    c.args
        .iter()
        .map(|(_, a)| arg_string(a))
        .collect::<Vec<_>>()
        .join(" ")
}

fn pipe_string(p: &Pipe) -> String {
    let mut s = String::new();
    if !p.decl.is_empty() {
        s.push_str(&p.decl.join(", "));
        s.push_str(if p.assign { " = " } else { " := " });
    }
    s.push_str(
        &p.cmds
            .iter()
            .map(cmd_string)
            .collect::<Vec<_>>()
            .join(" | "),
    );
    s
}

impl Template {
    /// Runs the template on `data`: the output, or the output so far and Go's error.
    pub fn execute(&self, data: &Value, allow_missing: bool) -> Result<String, (String, String)> {
        let root = V::Json(data.clone());
        let mut ex = Exec {
            src: &self.src,
            out: String::new(),
            vars: vec![("$".into(), root.clone())],
            allow_missing,
            steps: 0,
        };
        match ex.list(&self.nodes, &root, 0) {
            Ok(_) => Ok(ex.out),
            Err(e) => Err((ex.out, e)),
        }
    }
}

/// kubectl's go-template printer: `Ok(stdout)` or `Err((stdout, stderr))`, the stderr text
/// being the whole `error: …` line.
pub fn print(
    template: &str,
    data: &Value,
    allow_missing: bool,
) -> Result<String, (String, String)> {
    let t = parse(template).map_err(|e| {
        (
            String::new(),
            format!("error: error parsing template {template}, {e}\n"),
        )
    })?;
    t.execute(data, allow_missing).map_err(|(mut out, e)| {
        out.push_str(&format!(
            "Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\traw data was:\n\t\t{}\n\tobject given to template engine was:\n\t\t{}\n\n",
            gojson::sorted_compact(data),
            go_v_float(data)
        ));
        (out, format!("error: error executing template {}: {e}\n", go_quote(template)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod() -> Value {
        json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","labels":{"a":"b","app":"web","app.kubernetes.io/name":"x"}},"spec":{"containers":[{"name":"c1","image":"nginx","ports":[{"containerPort":80}]},{"name":"c2","image":"busybox"}],"nodeName":"node01"},"status":{"phase":"Running","ratio":1.5}})
    }

    fn run(t: &str) -> String {
        match print(t, &pod(), true) {
            Ok(s) => s,
            Err((o, e)) => format!("{o}{e}"),
        }
    }

    #[test]
    fn oracle_outputs() {
        let cases: &[(&str, &str)] = &[
            ("{{.metadata.name}}", "web"),
            ("{{.nope}}", "<no value>"),
            ("{{.metadata.nope.x}}", "<no value>"),
            ("{{range .spec.containers}}{{.name}}{{\"\\n\"}}{{end}}", "c1\nc2\n"),
            ("{{index .metadata.labels \"app\"}}", "web"),
            ("{{len .spec.containers}}", "2"),
            ("{{printf \"%s-%d\\n\" .metadata.name 3}}", "web-3\n"),
            ("{{.status.ratio}} {{(index .spec.containers 0).ports}}", "1.5 [map[containerPort:80]]"),
            ("{{.metadata.labels}}", "map[a:b app:web app.kubernetes.io/name:x]"),
            ("{{if eq .status.phase \"Running\"}}yes{{else}}no{{end}}", "yes"),
            ("{{with .spec.nodeName}}on {{.}}{{end}}", "on node01"),
            ("{{$x := .metadata.name}}{{$x}}", "web"),
            ("{{range $i, $c := .spec.containers}}{{$i}}={{$c.name}} {{end}}", "0=c1 1=c2 "),
            ("{{.metadata.name", "error: error parsing template {{.metadata.name, template: output:1: unclosed action\n"),
            ("{{foo}}", "error: error parsing template {{foo}}, template: output:1: function \"foo\" not defined\n"),
            ("{{base64decode \"aGVsbG8=\"}}", "hello"),
            ("{{ .kind | printf \"%q\" }}", "\"Pod\""),
            ("{{index .spec.containers 0 \"ports\" }}", "[map[containerPort:80]]"),
            ("{{if and .kind .nope}}A{{else}}B{{end}}", "B"),
            ("{{or .nope \"dflt\"}}", "dflt"),
            ("{{not true}}", "false"),
            ("{{ne 1 2}}", "true"),
            ("{{range .metadata.labels}}{{.}},{{end}}", "b,web,x,"),
            ("{{range $k,$v := .metadata.labels}}{{$k}}={{$v}};{{end}}", "a=b;app=web;app.kubernetes.io/name=x;"),
            ("{{- .kind -}} x", "Podx"),
            ("{{/* c */}}ok", "ok"),
            ("{{.status.ratio | printf \"%.3f\"}}", "1.500"),
            ("{{len .kind}}", "3"),
            ("{{lt 1 2}} {{le 2 2}} {{gt 1 2}}", "true true false"),
            ("{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3"),
            ("{{println \"a\"}}", "a\n"),
            ("{{html \"<a>\"}}{{js \"a'b\"}}{{urlquery \"a b\"}}", "&lt;a&gt;a\\'ba+b"),
            ("{{$.kind}}", "Pod"),
            ("{{range .spec.containers}}{{.name}}{{break}}{{end}}", "c1"),
            ("{{slice .kind 1 2}}", "o"),
            ("{{end}}", "error: error parsing template {{end}}, template: output:1: unexpected {{end}}\n"),
            ("{{else}}", "error: error parsing template {{else}}, template: output:1: unexpected {{else}}\n"),
            ("{{range .spec.containers}}", "error: error parsing template {{range .spec.containers}}, template: output:1: unexpected EOF\n"),
        ];
        for (t, want) in cases {
            assert_eq!(run(t), *want, "template {t}");
        }
        let e = run("{{index .spec.containers 5}}");
        assert!(e.starts_with("Error executing template: template: output:1:2: executing \"output\" at <index .spec.containers 5>: error calling index: index out of range: 5. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{index .spec.containers 5}}\n\traw data was:\n\t\t{\"apiVersion\":\"v1\""), "{e}");
        assert!(e.contains("\tobject given to template engine was:\n\t\tmap[apiVersion:v1 kind:Pod metadata:map[labels:map[a:b app:web app.kubernetes.io/name:x] name:web namespace:default]"));
        assert!(e.ends_with("\n\nerror: error executing template \"{{index .spec.containers 5}}\": template: output:1:2: executing \"output\" at <index .spec.containers 5>: error calling index: index out of range: 5\n"));
        assert!(run("{{.spec.containers.name}}").contains("template: output:1:7: executing \"output\" at <.spec.containers.name>: can't evaluate field name in type interface {}"));
        assert!(run("{{.apiVersion.x}}").contains("output:1:13: executing \"output\" at <.apiVersion.x>: can't evaluate field x in type interface {}"));
        assert!(run("{{eq .spec.containers 1}}").contains(
            "at <eq .spec.containers 1>: error calling eq: incompatible types for comparison"
        ));
        assert!(run("{{nil}}")
            .contains("output:1:2: executing \"output\" at <nil>: nil is not a command"));
        let strict = print("{{.nope}}", &pod(), false).unwrap_err();
        assert!(strict
            .1
            .contains("at <.nope>: map has no entry for key \"nope\""));
        assert_eq!(
            print("{{.n}}", &json!({"n": 1000000}), true).unwrap_or_default(),
            "1e+06"
        );
    }
}

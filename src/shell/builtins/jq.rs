//! `jq`, the part kubectl users reach for: paths (`.a.b`, `.[0]`, `.[]`, `.[1:3]`, `..`),
//! pipes and commas, `select map length keys has group_by sort_by unique_by min_by max_by
//! reverse first last to_entries from_entries with_entries add join split test-free string
//! functions`, object and array construction, string interpolation, comparisons and
//! arithmetic, `and`/`or`/`not`, `//`, `if`, `as $x`, `reduce`, `?`, `@base64`/`@csv`/`@tsv`…;
//! options `-r -j -c -s -n -e -S --arg --argjson --tab --indent`. Output as jq 1.7 writes it
//! (objects keep their key order, two-space indent, no colour when not a terminal); errors as
//! jq 1.7 words them, exit 3 for a compile error and 5 for a runtime one.

use super::read_input;
use crate::shell::{Io, Shell, System};
use crate::sorting::SharedSort;

const MAX_DEPTH: usize = 200;
const MAX_OUTPUTS: usize = 2_000_000;

#[derive(Clone, Debug, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn type_name(&self) -> &'static str {
        match self {
            J::Null => "null",
            J::Bool(_) => "boolean",
            J::Num(_) => "number",
            J::Str(_) => "string",
            J::Arr(_) => "array",
            J::Obj(_) => "object",
        }
    }
    fn truthy(&self) -> bool {
        !matches!(self, J::Null | J::Bool(false))
    }
    fn get(&self, k: &str) -> Option<&J> {
        match self {
            J::Obj(m) => m.iter().find(|(x, _)| x == k).map(|(_, v)| v),
            _ => None,
        }
    }
    fn order(&self) -> u8 {
        match self {
            J::Null => 0,
            J::Bool(false) => 1,
            J::Bool(true) => 2,
            J::Num(_) => 3,
            J::Str(_) => 4,
            J::Arr(_) => 5,
            J::Obj(_) => 6,
        }
    }
}

fn obj_set(m: &mut Vec<(String, J)>, k: String, v: J) {
    if let Some(slot) = m.iter_mut().find(|(x, _)| *x == k) {
        slot.1 = v;
    } else {
        m.push((k, v));
    }
}

fn cmp(a: &J, b: &J) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let o = a.order().cmp(&b.order());
    if o != Ordering::Equal {
        return o;
    }
    match (a, b) {
        (J::Num(x), J::Num(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (J::Str(x), J::Str(y)) => x.cmp(y),
        (J::Arr(x), J::Arr(y)) => {
            for (p, q) in x.iter().zip(y) {
                let o = cmp(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        (J::Obj(x), J::Obj(y)) => {
            let mut kx: Vec<&String> = x.iter().map(|(k, _)| k).collect();
            let mut ky: Vec<&String> = y.iter().map(|(k, _)| k).collect();
            kx.sort_shared();
            ky.sort_shared();
            let o = kx.cmp(&ky);
            if o != Ordering::Equal {
                return o;
            }
            for k in kx {
                let o = cmp(a.get(k).unwrap_or(&J::Null), b.get(k).unwrap_or(&J::Null));
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        }
        _ => Ordering::Equal,
    }
}

// ------------------------------------------------------------ JSON in and out

struct JsonIn<'a> {
    b: &'a [u8],
    i: usize,
}

impl JsonIn<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn value(&mut self, depth: usize) -> Result<J, String> {
        if depth > 10_000 {
            return Err("Exceeds depth limit for parsing".into());
        }
        self.ws();
        let Some(&c) = self.b.get(self.i) else {
            return Err("Unfinished JSON term".into());
        };
        match c {
            b'{' => {
                self.i += 1;
                let mut m = vec![];
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(J::Obj(m));
                }
                loop {
                    self.ws();
                    let k = match self.value(depth + 1)? {
                        J::Str(s) => s,
                        _ => return Err("Object keys must be strings".into()),
                    };
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err("Objects must consist of key:value pairs".into());
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    obj_set(&mut m, k, v);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(J::Obj(m));
                        }
                        _ => return Err("Expected separator between values".into()),
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut a = vec![];
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(J::Arr(a));
                }
                loop {
                    a.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(J::Arr(a));
                        }
                        _ => return Err("Expected separator between values".into()),
                    }
                }
            }
            b'"' => {
                let start = self.i;
                self.i += 1;
                while self.i < self.b.len() && self.b[self.i] != b'"' {
                    if self.b[self.i] == b'\\' {
                        self.i += 1;
                    }
                    self.i += 1;
                }
                self.i += 1;
                let raw = std::str::from_utf8(&self.b[start..self.i.min(self.b.len())])
                    .map_err(|_| "Invalid string".to_string())?;
                serde_json::from_str::<String>(raw)
                    .map(J::Str)
                    .map_err(|_| "Invalid string".into())
            }
            _ => {
                let start = self.i;
                while self.i < self.b.len()
                    && !matches!(
                        self.b[self.i],
                        b' ' | b'\t'
                            | b'\n'
                            | b'\r'
                            | b','
                            | b']'
                            | b'}'
                            | b'['
                            | b'{'
                            | b':'
                            | b'"'
                    )
                {
                    self.i += 1;
                }
                let w = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("");
                match w {
                    "null" => Ok(J::Null),
                    "true" => Ok(J::Bool(true)),
                    "false" => Ok(J::Bool(false)),
                    "nan" => Ok(J::Null),
                    _ => w
                        .parse::<f64>()
                        .map(J::Num)
                        .map_err(|_| "Invalid numeric literal".into()),
                }
            }
        }
    }
}

/// Every JSON value in `text`, each with the input line jq reports for errors.
fn parse_stream(text: &str) -> (Vec<(J, usize)>, Option<String>) {
    let mut p = JsonIn {
        b: text.as_bytes(),
        i: 0,
    };
    let mut out = vec![];
    loop {
        p.ws();
        if p.i >= p.b.len() {
            return (out, None);
        }
        match p.value(0) {
            Ok(v) => {
                // jq has read past the value's line end.
                let mut k = p.i;
                while k < p.b.len() && matches!(p.b[k], b' ' | b'\t' | b'\r') {
                    k += 1;
                }
                if k < p.b.len() && p.b[k] == b'\n' {
                    k += 1;
                }
                let line = text.as_bytes()[..k].iter().filter(|c| **c == b'\n').count();
                out.push((v, line));
            }
            Err(e) => {
                let consumed = &text.as_bytes()[..p.i.min(text.len())];
                let line = consumed.iter().filter(|c| **c == b'\n').count() + 1;
                let col = p.i
                    - consumed
                        .iter()
                        .rposition(|c| *c == b'\n')
                        .map(|x| x + 1)
                        .unwrap_or(0);
                return (
                    out,
                    Some(format!(
                        "jq: error (at <stdin>:{line}): {e} at line {line}, column {col}\n"
                    )),
                );
            }
        }
    }
}

fn num_str(f: f64) -> String {
    if f.is_nan() {
        return "null".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "1.7976931348623157e+308".into()
        } else {
            "-1.7976931348623157e+308".into()
        };
    }
    if f == f.trunc() && f.abs() < 1e17 {
        return format!("{}", f as i64);
    }
    let s = format!("{f}");
    if s.len() > 18 {
        let e = format!("{f:e}");
        let (m, x) = e.split_once('e').unwrap_or((&e, "0"));
        let x: i32 = x.parse().unwrap_or(0);
        return format!("{m}e{}{:02}", if x < 0 { '-' } else { '+' }, x.abs());
    }
    s
}

fn str_lit(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            '\r' => o.push_str("\\r"),
            '\u{8}' => o.push_str("\\b"),
            '\u{c}' => o.push_str("\\f"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                o.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn dump(v: &J, indent: Option<&str>, sort: bool, level: usize, out: &mut String) {
    let nl = |out: &mut String, l: usize| {
        if let Some(ind) = indent {
            out.push('\n');
            for _ in 0..l {
                out.push_str(ind);
            }
        }
    };
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(&num_str(*n)),
        J::Str(s) => out.push_str(&str_lit(s)),
        J::Arr(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, level + 1);
                dump(x, indent, sort, level + 1, out);
            }
            nl(out, level);
            out.push(']');
        }
        J::Obj(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut entries: Vec<&(String, J)> = m.iter().collect();
            if sort {
                entries.sort_shared_by(|a, b| a.0.cmp(&b.0));
            }
            out.push('{');
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, level + 1);
                out.push_str(&str_lit(k));
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                dump(x, indent, sort, level + 1, out);
            }
            nl(out, level);
            out.push('}');
        }
    }
}

fn compact(v: &J) -> String {
    let mut s = String::new();
    dump(v, None, false, 0, &mut s);
    s
}

/// jq's value excerpt in error messages (at most 11 bytes, then `...`).
fn trunc(v: &J) -> String {
    let s = compact(v);
    if s.len() > 14 {
        let mut end = 11;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &s[..end])
    } else {
        s
    }
}

fn desc(v: &J) -> String {
    format!("{} ({})", v.type_name(), trunc(v))
}

// ------------------------------------------------------------ the language

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Dot,
    DotDot,
    Field(String),
    Ident(String),
    Var(String),
    Format(String),
    Num(f64),
    Str(Vec<StrPart>),
    Op(&'static str),
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
enum StrPart {
    Lit(String),
    Interp(String),
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = vec![];
    let ident = |c: char| c == '_' || c.is_ascii_alphanumeric();
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        if ch == '#' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '.' {
            if c.get(i + 1) == Some(&'.') {
                out.push(Tok::DotDot);
                i += 2;
                continue;
            }
            if c.get(i + 1)
                .is_some_and(|x| x.is_ascii_alphabetic() || *x == '_')
            {
                let s = i + 1;
                i += 1;
                while i < c.len() && ident(c[i]) {
                    i += 1;
                }
                out.push(Tok::Field(c[s..i].iter().collect()));
                continue;
            }
            if c.get(i + 1) == Some(&'"') {
                out.push(Tok::Dot);
                i += 1;
                continue;
            }
            out.push(Tok::Dot);
            i += 1;
            continue;
        }
        if ch == '$' || ch == '@' {
            let s = i + 1;
            i += 1;
            while i < c.len()
                && (ident(c[i]) || (ch == '$' && c[i] == ':' && c.get(i + 1) == Some(&':')))
            {
                i += 1;
            }
            let name: String = c[s..i].iter().collect();
            out.push(if ch == '$' {
                Tok::Var(name)
            } else {
                Tok::Format(name)
            });
            continue;
        }
        if ch.is_ascii_digit() {
            let s = i;
            while i < c.len()
                && (c[i].is_ascii_digit()
                    || c[i] == '.'
                    || c[i] == 'e'
                    || c[i] == 'E'
                    || ((c[i] == '-' || c[i] == '+') && matches!(c[i - 1], 'e' | 'E')))
            {
                i += 1;
            }
            let w: String = c[s..i].iter().collect();
            out.push(Tok::Num(w.parse().map_err(|_| {
                "syntax error, unexpected INVALID_CHARACTER".to_string()
            })?));
            continue;
        }
        if ident(ch) {
            let s = i;
            while i < c.len() && (ident(c[i]) || (c[i] == ':' && c.get(i + 1) == Some(&':'))) {
                if c[i] == ':' {
                    i += 1;
                }
                i += 1;
            }
            out.push(Tok::Ident(c[s..i].iter().collect()));
            continue;
        }
        if ch == '"' {
            i += 1;
            let mut parts = vec![];
            let mut lit = String::new();
            loop {
                let Some(&x) = c.get(i) else {
                    return Err("syntax error, unexpected end of file".into());
                };
                i += 1;
                match x {
                    '"' => break,
                    '\\' => {
                        let Some(&e) = c.get(i) else {
                            return Err("syntax error, unexpected end of file".into());
                        };
                        i += 1;
                        match e {
                            'n' => lit.push('\n'),
                            't' => lit.push('\t'),
                            'r' => lit.push('\r'),
                            'b' => lit.push('\u{8}'),
                            'f' => lit.push('\u{c}'),
                            '/' => lit.push('/'),
                            '\\' => lit.push('\\'),
                            '"' => lit.push('"'),
                            'u' => {
                                let h: String = c
                                    .get(i..i + 4)
                                    .map(|s| s.iter().collect())
                                    .unwrap_or_default();
                                i += 4;
                                lit.push(
                                    u32::from_str_radix(&h, 16)
                                        .ok()
                                        .and_then(char::from_u32)
                                        .unwrap_or('\u{FFFD}'),
                                );
                            }
                            '(' => {
                                let s = i;
                                let mut depth = 1;
                                let mut in_str = false;
                                while i < c.len() {
                                    match c[i] {
                                        '\\' if in_str => i += 1,
                                        '"' => in_str = !in_str,
                                        '(' if !in_str => depth += 1,
                                        ')' if !in_str => {
                                            depth -= 1;
                                            if depth == 0 {
                                                break;
                                            }
                                        }
                                        _ => {}
                                    }
                                    i += 1;
                                }
                                if i >= c.len() {
                                    return Err("syntax error, unexpected end of file".into());
                                }
                                if !lit.is_empty() {
                                    parts.push(StrPart::Lit(std::mem::take(&mut lit)));
                                }
                                parts.push(StrPart::Interp(c[s..i].iter().collect()));
                                i += 1;
                            }
                            _ => {
                                return Err("syntax error, unexpected INVALID_CHARACTER".to_string())
                            }
                        }
                    }
                    x => lit.push(x),
                }
            }
            if !lit.is_empty() || parts.is_empty() {
                parts.push(StrPart::Lit(lit));
            }
            out.push(Tok::Str(parts));
            continue;
        }
        let two: String = c[i..(i + 2).min(c.len())].iter().collect();
        let ops2 = ["==", "!=", "<=", ">=", "//", "|=", "+=", "-=", "?/"];
        if let Some(op) = ops2.iter().find(|o| **o == two) {
            out.push(Tok::Op(op));
            i += 2;
            continue;
        }
        let ops1 = [
            "|", ",", "(", ")", "[", "]", "{", "}", ":", ";", "<", ">", "+", "-", "*", "/", "%",
            "?", "=",
        ];
        if let Some(op) = ops1.iter().find(|o| o.starts_with(ch)) {
            out.push(Tok::Op(op));
            i += 1;
            continue;
        }
        return Err("syntax error, unexpected INVALID_CHARACTER".into());
    }
    out.push(Tok::Eof);
    Ok(out)
}

#[derive(Clone, Debug)]
enum E {
    Identity,
    Recurse,
    Index(Box<E>, Box<E>),
    Slice(Box<E>, Option<Box<E>>, Option<Box<E>>),
    Iter(Box<E>),
    Pipe(Box<E>, Box<E>),
    Comma(Box<E>, Box<E>),
    Lit(J),
    Str(Vec<(Option<E>, String)>, Option<String>),
    Arr(Option<Box<E>>),
    Obj(Vec<(E, Option<E>)>),
    Neg(Box<E>),
    Bin(&'static str, Box<E>, Box<E>),
    And(Box<E>, Box<E>),
    Or(Box<E>, Box<E>),
    Alt(Box<E>, Box<E>),
    Call(String, Vec<E>),
    If(Box<E>, Box<E>, Option<Box<E>>),
    Var(String),
    As(Box<E>, String, Box<E>),
    Reduce(Box<E>, String, Box<E>, Box<E>),
    Try(Box<E>, Option<Box<E>>),
    Format(String),
}

struct P {
    t: Vec<Tok>,
    i: usize,
    depth: usize,
}

fn tok_name(t: &Tok) -> String {
    match t {
        Tok::Eof => "end of file".into(),
        Tok::Ident(s) => match s.as_str() {
            "end" | "then" | "else" | "elif" | "as" | "and" | "or" | "if" | "reduce" => s.clone(),
            _ => "IDENT".into(),
        },
        Tok::Field(_) => "FIELD".into(),
        Tok::Num(_) => "LITERAL".into(),
        Tok::Str(_) => "QQSTRING_START".into(),
        Tok::Var(_) => "'$'".into(),
        Tok::Op(o) => match *o {
            "==" => "EQ".into(),
            "!=" => "NEQ".into(),
            "//" => "\"//\"".into(),
            "<=" => "LESSEQ".into(),
            ">=" => "GREATEREQ".into(),
            o => format!("'{o}'"),
        },
        Tok::Dot => "'.'".into(),
        Tok::DotDot => "REC".into(),
        Tok::Format(_) => "FORMAT".into(),
    }
}

impl P {
    fn peek(&self) -> &Tok {
        &self.t[self.i.min(self.t.len() - 1)]
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        self.i += 1;
        t
    }
    fn is_op(&self, o: &str) -> bool {
        matches!(self.peek(), Tok::Op(x) if *x == o)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Tok::Ident(x) if x == k)
    }
    fn unexpected(&self) -> String {
        format!("syntax error, unexpected {}", tok_name(self.peek()))
    }
    fn expect_op(&mut self, o: &str) -> Result<(), String> {
        if self.is_op(o) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn expect_kw(&mut self, k: &str) -> Result<(), String> {
        if self.is_kw(k) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn pipe(&mut self) -> Result<E, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("syntax error, expression nested too deeply".into());
        }
        let lhs = self.comma()?;
        let r = if self.is_kw("as") {
            self.i += 1;
            let Tok::Var(v) = self.next() else {
                return Err(self.unexpected());
            };
            self.expect_op("|")?;
            let body = self.pipe()?;
            Ok(E::As(Box::new(lhs), v, Box::new(body)))
        } else if self.is_op("|") {
            self.i += 1;
            let rhs = self.pipe()?;
            Ok(E::Pipe(Box::new(lhs), Box::new(rhs)))
        } else {
            Ok(lhs)
        };
        self.depth -= 1;
        r
    }
    fn comma(&mut self) -> Result<E, String> {
        let mut l = self.alt()?;
        while self.is_op(",") {
            self.i += 1;
            let r = self.alt()?;
            l = E::Comma(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn alt(&mut self) -> Result<E, String> {
        let l = self.or()?;
        if self.is_op("//") {
            self.i += 1;
            let r = self.alt()?;
            return Ok(E::Alt(Box::new(l), Box::new(r)));
        }
        Ok(l)
    }
    fn or(&mut self) -> Result<E, String> {
        let mut l = self.and()?;
        while self.is_kw("or") {
            self.i += 1;
            let r = self.and()?;
            l = E::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<E, String> {
        let mut l = self.cmp()?;
        while self.is_kw("and") {
            self.i += 1;
            let r = self.cmp()?;
            l = E::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn cmp(&mut self) -> Result<E, String> {
        let l = self.add()?;
        for op in ["==", "!=", "<", "<=", ">", ">="] {
            if self.is_op(op) {
                self.i += 1;
                let r = self.add()?;
                return Ok(E::Bin(op_static(op), Box::new(l), Box::new(r)));
            }
        }
        Ok(l)
    }
    fn add(&mut self) -> Result<E, String> {
        let mut l = self.mul()?;
        loop {
            let op = if self.is_op("+") {
                "+"
            } else if self.is_op("-") {
                "-"
            } else {
                return Ok(l);
            };
            self.i += 1;
            let r = self.mul()?;
            l = E::Bin(op, Box::new(l), Box::new(r));
        }
    }
    fn mul(&mut self) -> Result<E, String> {
        let mut l = self.unary()?;
        loop {
            let op = if self.is_op("*") {
                "*"
            } else if self.is_op("/") {
                "/"
            } else if self.is_op("%") {
                "%"
            } else {
                return Ok(l);
            };
            self.i += 1;
            let r = self.unary()?;
            l = E::Bin(op, Box::new(l), Box::new(r));
        }
    }
    fn unary(&mut self) -> Result<E, String> {
        if self.is_op("-") {
            self.i += 1;
            let e = self.postfix()?;
            return Ok(E::Neg(Box::new(e)));
        }
        self.postfix()
    }
    fn postfix(&mut self) -> Result<E, String> {
        let mut e = self.term()?;
        loop {
            match self.peek().clone() {
                Tok::Field(f) => {
                    self.i += 1;
                    e = E::Index(Box::new(e), Box::new(E::Lit(J::Str(f))));
                }
                Tok::Dot if matches!(self.t.get(self.i + 1), Some(Tok::Str(_))) => {
                    self.i += 1;
                    let k = self.term()?;
                    e = E::Index(Box::new(e), Box::new(k));
                }
                Tok::Dot if matches!(self.t.get(self.i + 1), Some(Tok::Op("["))) => {
                    self.i += 1;
                }
                Tok::Op("[") => {
                    self.i += 1;
                    e = self.bracket(e)?;
                }
                Tok::Op("?") => {
                    self.i += 1;
                    e = E::Try(Box::new(e), None);
                }
                _ => return Ok(e),
            }
        }
    }
    fn bracket(&mut self, base: E) -> Result<E, String> {
        if self.is_op("]") {
            self.i += 1;
            return Ok(E::Iter(Box::new(base)));
        }
        if self.is_op(":") {
            self.i += 1;
            let hi = self.pipe()?;
            self.expect_op("]")?;
            return Ok(E::Slice(Box::new(base), None, Some(Box::new(hi))));
        }
        let idx = self.pipe()?;
        if self.is_op(":") {
            self.i += 1;
            let hi = if self.is_op("]") {
                None
            } else {
                Some(Box::new(self.pipe()?))
            };
            self.expect_op("]")?;
            return Ok(E::Slice(Box::new(base), Some(Box::new(idx)), hi));
        }
        self.expect_op("]")?;
        Ok(E::Index(Box::new(base), Box::new(idx)))
    }
    fn term(&mut self) -> Result<E, String> {
        let t = self.next();
        match t {
            Tok::Dot => {
                if let Tok::Str(_) = self.peek() {
                    let k = self.term()?;
                    return Ok(E::Index(Box::new(E::Identity), Box::new(k)));
                }
                Ok(E::Identity)
            }
            Tok::DotDot => Ok(E::Recurse),
            Tok::Field(f) => Ok(E::Index(Box::new(E::Identity), Box::new(E::Lit(J::Str(f))))),
            Tok::Num(n) => Ok(E::Lit(J::Num(n))),
            Tok::Str(parts) => self.string(parts, None),
            Tok::Format(f) => {
                if let Tok::Str(parts) = self.peek().clone() {
                    self.i += 1;
                    return self.string(parts, Some(f));
                }
                Ok(E::Format(f))
            }
            Tok::Var(v) => Ok(E::Var(v)),
            Tok::Op("(") => {
                let e = self.pipe()?;
                self.expect_op(")")?;
                Ok(e)
            }
            Tok::Op("[") => {
                if self.is_op("]") {
                    self.i += 1;
                    return Ok(E::Arr(None));
                }
                let e = self.pipe()?;
                self.expect_op("]")?;
                Ok(E::Arr(Some(Box::new(e))))
            }
            Tok::Op("{") => self.object(),
            Tok::Ident(id) => match id.as_str() {
                "if" => {
                    let c = self.pipe()?;
                    self.expect_kw("then")?;
                    let th = self.pipe()?;
                    self.if_rest(c, th)
                }
                "try" => {
                    let body = self.postfix()?;
                    let catch = if self.is_kw("catch") {
                        self.i += 1;
                        Some(Box::new(self.postfix()?))
                    } else {
                        None
                    };
                    Ok(E::Try(Box::new(body), catch))
                }
                "reduce" => {
                    let src = self.postfix()?;
                    self.expect_kw("as")?;
                    let Tok::Var(v) = self.next() else {
                        return Err(self.unexpected());
                    };
                    self.expect_op("(")?;
                    let init = self.pipe()?;
                    self.expect_op(";")?;
                    let upd = self.pipe()?;
                    self.expect_op(")")?;
                    Ok(E::Reduce(Box::new(src), v, Box::new(init), Box::new(upd)))
                }
                "true" => Ok(E::Lit(J::Bool(true))),
                "false" => Ok(E::Lit(J::Bool(false))),
                "null" => Ok(E::Lit(J::Null)),
                "then" | "else" | "elif" | "end" | "as" | "and" | "or" | "catch" => {
                    self.i -= 1;
                    Err(self.unexpected())
                }
                _ => {
                    let mut args = vec![];
                    if self.is_op("(") {
                        self.i += 1;
                        loop {
                            args.push(self.pipe()?);
                            if self.is_op(";") {
                                self.i += 1;
                                continue;
                            }
                            self.expect_op(")")?;
                            break;
                        }
                    }
                    Ok(E::Call(id, args))
                }
            },
            _ => {
                self.i -= 1;
                Err(self.unexpected())
            }
        }
    }
    fn if_rest(&mut self, c: E, th: E) -> Result<E, String> {
        if self.is_kw("elif") {
            self.i += 1;
            let c2 = self.pipe()?;
            self.expect_kw("then")?;
            let th2 = self.pipe()?;
            let rest = self.if_rest(c2, th2)?;
            return Ok(E::If(Box::new(c), Box::new(th), Some(Box::new(rest))));
        }
        let els = if self.is_kw("else") {
            self.i += 1;
            Some(Box::new(self.pipe()?))
        } else {
            None
        };
        self.expect_kw("end")?;
        Ok(E::If(Box::new(c), Box::new(th), els))
    }
    fn string(&mut self, parts: Vec<StrPart>, fmt: Option<String>) -> Result<E, String> {
        let mut out = vec![];
        for p in parts {
            match p {
                StrPart::Lit(s) => out.push((None, s)),
                StrPart::Interp(src) => out.push((Some(parse(&src)?), String::new())),
            }
        }
        Ok(E::Str(out, fmt))
    }
    fn object(&mut self) -> Result<E, String> {
        let mut entries = vec![];
        if self.is_op("}") {
            self.i += 1;
            return Ok(E::Obj(entries));
        }
        loop {
            let t = self.next();
            let (key, short): (E, Option<E>) = match t {
                Tok::Ident(k) => (
                    E::Lit(J::Str(k.clone())),
                    Some(E::Index(Box::new(E::Identity), Box::new(E::Lit(J::Str(k))))),
                ),
                Tok::Var(v) => (E::Lit(J::Str(v.clone())), Some(E::Var(v))),
                Tok::Str(parts) => {
                    let k = self.string(parts, None)?;
                    (
                        k.clone(),
                        Some(E::Index(Box::new(E::Identity), Box::new(k))),
                    )
                }
                Tok::Num(n) => (E::Lit(J::Num(n)), None),
                Tok::Op("(") => {
                    let k = self.pipe()?;
                    self.expect_op(")")?;
                    (k, None)
                }
                _ => {
                    self.i -= 1;
                    return Err(self.unexpected());
                }
            };
            let val = if self.is_op(":") {
                self.i += 1;
                Some(self.obj_val()?)
            } else {
                if short.is_none() {
                    return Err(self.unexpected());
                }
                short
            };
            entries.push((key, val));
            if self.is_op(",") {
                self.i += 1;
                continue;
            }
            self.expect_op("}")?;
            return Ok(E::Obj(entries));
        }
    }
    fn obj_val(&mut self) -> Result<E, String> {
        // ExpD: a term with `|` pipes of terms, no commas.
        let mut l = self.alt()?;
        while self.is_op("|") {
            self.i += 1;
            let r = self.alt()?;
            l = E::Pipe(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
}

fn op_static(op: &str) -> &'static str {
    match op {
        "==" => "==",
        "!=" => "!=",
        "<" => "<",
        "<=" => "<=",
        ">" => ">",
        _ => ">=",
    }
}

fn parse(src: &str) -> Result<E, String> {
    let t = lex(src)?;
    let mut p = P { t, i: 0, depth: 0 };
    if matches!(p.peek(), Tok::Eof) {
        return Ok(E::Identity);
    }
    let e = p.pipe()?;
    if !matches!(p.peek(), Tok::Eof) {
        return Err(p.unexpected());
    }
    check(&e)?;
    Ok(e)
}

const FUNCS: &[(&str, usize)] = &[
    ("empty", 0),
    ("error", 0),
    ("error", 1),
    ("not", 0),
    ("length", 0),
    ("utf8bytelength", 0),
    ("keys", 0),
    ("keys_unsorted", 0),
    ("values", 0),
    ("has", 1),
    ("in", 1),
    ("map", 1),
    ("map_values", 1),
    ("select", 1),
    ("recurse", 0),
    ("add", 0),
    ("any", 0),
    ("all", 0),
    ("any", 1),
    ("all", 1),
    ("range", 1),
    ("range", 2),
    ("floor", 0),
    ("sqrt", 0),
    ("tostring", 0),
    ("tonumber", 0),
    ("type", 0),
    ("sort", 0),
    ("sort_by", 1),
    ("group_by", 1),
    ("unique", 0),
    ("unique_by", 1),
    ("min", 0),
    ("max", 0),
    ("min_by", 1),
    ("max_by", 1),
    ("reverse", 0),
    ("contains", 1),
    ("inside", 1),
    ("startswith", 1),
    ("endswith", 1),
    ("ltrimstr", 1),
    ("rtrimstr", 1),
    ("explode", 0),
    ("implode", 0),
    ("split", 1),
    ("join", 1),
    ("ascii_downcase", 0),
    ("ascii_upcase", 0),
    ("tojson", 0),
    ("fromjson", 0),
    ("to_entries", 0),
    ("from_entries", 0),
    ("with_entries", 1),
    ("first", 0),
    ("last", 0),
    ("first", 1),
    ("last", 1),
    ("nth", 1),
    ("limit", 2),
    ("flatten", 0),
    ("flatten", 1),
    ("indices", 1),
    ("index", 1),
    ("rindex", 1),
    ("isempty", 1),
    ("env", 0),
    ("paths", 0),
    ("del", 1),
    ("to_number", 0),
    ("abs", 0),
    ("arrays", 0),
    ("objects", 0),
    ("strings", 0),
    ("numbers", 0),
    ("booleans", 0),
    ("nulls", 0),
    ("iterables", 0),
    ("scalars", 0),
    ("ascii", 0),
    ("tostream", 0),
    ("input", 0),
    ("inputs", 0),
    ("debug", 0),
    ("halt", 0),
    ("splits", 1),
    ("test", 1),
    ("ltrimstr", 1),
    ("trim", 0),
    ("ltrim", 0),
    ("rtrim", 0),
    ("getpath", 1),
    ("transpose", 0),
    ("min_by", 1),
    ("add", 1),
    ("ceil", 0),
    ("round", 0),
    ("infinite", 0),
    ("nan", 0),
    ("isnan", 0),
    ("not", 0),
    ("now", 0),
    ("$__loc__", 0),
    ("@text", 0),
    ("tojson", 0),
];

fn check(e: &E) -> Result<(), String> {
    let mut stack: Vec<&E> = vec![e];
    let mut n = 0;
    while let Some(e) = stack.pop() {
        n += 1;
        if n > 100_000 {
            break;
        }
        match e {
            E::Call(name, args) => {
                if !FUNCS.iter().any(|(f, a)| f == name && *a == args.len()) {
                    return Err(format!("{name}/{} is not defined", args.len()));
                }
                stack.extend(args.iter());
            }
            E::Index(a, b)
            | E::Pipe(a, b)
            | E::Comma(a, b)
            | E::Bin(_, a, b)
            | E::And(a, b)
            | E::Or(a, b)
            | E::Alt(a, b)
            | E::As(a, _, b) => {
                stack.push(a);
                stack.push(b);
            }
            E::Slice(a, b, c) => {
                stack.push(a);
                if let Some(b) = b {
                    stack.push(b);
                }
                if let Some(c) = c {
                    stack.push(c);
                }
            }
            E::Iter(a) | E::Neg(a) => stack.push(a),
            E::Arr(Some(a)) => stack.push(a),
            E::Obj(es) => {
                for (k, v) in es {
                    stack.push(k);
                    if let Some(v) = v {
                        stack.push(v);
                    }
                }
            }
            E::If(a, b, c) => {
                stack.push(a);
                stack.push(b);
                if let Some(c) = c {
                    stack.push(c);
                }
            }
            E::Reduce(a, _, b, c) => {
                stack.push(a);
                stack.push(b);
                stack.push(c);
            }
            E::Try(a, b) => {
                stack.push(a);
                if let Some(b) = b {
                    stack.push(b);
                }
            }
            E::Str(parts, _) => {
                for (p, _) in parts {
                    if let Some(p) = p {
                        stack.push(p);
                    }
                }
            }
            E::Format(f)
                if ![
                    "text", "json", "csv", "tsv", "html", "uri", "sh", "base64", "base64d",
                ]
                .contains(&f.as_str()) =>
            {
                return Err(format!("{f} is not a valid format"));
            }
            _ => {}
        }
    }
    Ok(())
}

// ------------------------------------------------------------ evaluation

type Vars = Vec<(String, J)>;
type R = Result<Vec<J>, J>;

fn err(s: String) -> J {
    J::Str(s)
}

struct Ev {
    steps: usize,
}

impl Ev {
    fn eval(&mut self, e: &E, x: &J, vars: &mut Vars, depth: usize) -> R {
        self.steps += 1;
        if self.steps > MAX_OUTPUTS * 4 || depth > MAX_DEPTH * 4 {
            return Err(err("jq: program too expensive".into()));
        }
        let d = depth + 1;
        match e {
            E::Identity => Ok(vec![x.clone()]),
            E::Recurse => {
                let mut out = vec![];
                let mut stack = vec![x.clone()];
                while let Some(v) = stack.pop() {
                    if out.len() > MAX_OUTPUTS {
                        break;
                    }
                    match &v {
                        J::Arr(a) => stack.extend(a.iter().rev().cloned()),
                        J::Obj(m) => stack.extend(m.iter().rev().map(|(_, v)| v.clone())),
                        _ => {}
                    }
                    out.push(v);
                }
                Ok(out)
            }
            E::Lit(v) => Ok(vec![v.clone()]),
            E::Var(v) => match vars.iter().rev().find(|(n, _)| n == v) {
                Some((_, val)) => Ok(vec![val.clone()]),
                None if v == "ENV" || v == "__prog_args" => Ok(vec![J::Obj(vec![])]),
                None => Err(err(format!("${v} is not defined"))),
            },
            E::Index(base, idx) => {
                let mut out = vec![];
                for b in self.eval(base, x, vars, d)? {
                    for i in self.eval(idx, x, vars, d)? {
                        out.push(index(&b, &i)?);
                    }
                }
                Ok(out)
            }
            E::Slice(base, lo, hi) => {
                let mut out = vec![];
                for b in self.eval(base, x, vars, d)? {
                    let lo_v = match lo {
                        Some(l) => self
                            .eval(l, x, vars, d)?
                            .into_iter()
                            .next()
                            .unwrap_or(J::Null),
                        None => J::Null,
                    };
                    let hi_v = match hi {
                        Some(h) => self
                            .eval(h, x, vars, d)?
                            .into_iter()
                            .next()
                            .unwrap_or(J::Null),
                        None => J::Null,
                    };
                    out.push(slice(&b, &lo_v, &hi_v)?);
                }
                Ok(out)
            }
            E::Iter(base) => {
                let mut out = vec![];
                for b in self.eval(base, x, vars, d)? {
                    match b {
                        J::Arr(a) => out.extend(a),
                        J::Obj(m) => out.extend(m.into_iter().map(|(_, v)| v)),
                        other => {
                            return Err(err(format!(
                                "Cannot iterate over {}",
                                if other == J::Null {
                                    "null".into()
                                } else {
                                    desc(&other)
                                }
                            )))
                        }
                    }
                }
                Ok(out)
            }
            E::Pipe(a, b) => {
                let mut out = vec![];
                for v in self.eval(a, x, vars, d)? {
                    out.extend(self.eval(b, &v, vars, d)?);
                    if out.len() > MAX_OUTPUTS {
                        return Err(err("too many outputs".into()));
                    }
                }
                Ok(out)
            }
            E::Comma(a, b) => {
                let mut out = self.eval(a, x, vars, d)?;
                out.extend(self.eval(b, x, vars, d)?);
                Ok(out)
            }
            E::Str(parts, fmt) => {
                let mut acc = vec![String::new()];
                for (p, lit) in parts {
                    match p {
                        None => {
                            for s in acc.iter_mut() {
                                s.push_str(lit);
                            }
                        }
                        Some(e) => {
                            let vals = self.eval(e, x, vars, d)?;
                            let mut next = vec![];
                            for s in &acc {
                                for v in &vals {
                                    let t = match fmt {
                                        Some(f) => format_value(f, v)?,
                                        None => tostring(v),
                                    };
                                    next.push(format!("{s}{t}"));
                                }
                            }
                            acc = next;
                        }
                    }
                }
                Ok(acc.into_iter().map(J::Str).collect())
            }
            E::Format(f) => Ok(vec![J::Str(format_value(f, x)?)]),
            E::Arr(None) => Ok(vec![J::Arr(vec![])]),
            E::Arr(Some(e)) => Ok(vec![J::Arr(self.eval(e, x, vars, d)?)]),
            E::Obj(entries) => {
                let mut acc: Vec<Vec<(String, J)>> = vec![vec![]];
                for (k, v) in entries {
                    let keys = self.eval(k, x, vars, d)?;
                    let vals = match v {
                        Some(v) => self.eval(v, x, vars, d)?,
                        None => vec![J::Null],
                    };
                    let mut next = vec![];
                    for m in &acc {
                        for key in &keys {
                            let J::Str(ks) = key else {
                                return Err(err("Object keys must be strings".to_string()));
                            };
                            for val in &vals {
                                let mut m2 = m.clone();
                                obj_set(&mut m2, ks.clone(), val.clone());
                                next.push(m2);
                            }
                        }
                    }
                    acc = next;
                }
                Ok(acc.into_iter().map(J::Obj).collect())
            }
            E::Neg(a) => {
                let mut out = vec![];
                for v in self.eval(a, x, vars, d)? {
                    match v {
                        J::Num(n) => out.push(J::Num(-n)),
                        other => return Err(err(format!("{} cannot be negated", desc(&other)))),
                    }
                }
                Ok(out)
            }
            E::Bin(op, a, b) => {
                let mut out = vec![];
                let rs = self.eval(b, x, vars, d)?;
                for r in &rs {
                    for l in self.eval(a, x, vars, d)? {
                        out.push(binop(op, &l, r)?);
                    }
                }
                Ok(out)
            }
            E::And(a, b) | E::Or(a, b) => {
                let is_and = matches!(e, E::And(..));
                let mut out = vec![];
                for l in self.eval(a, x, vars, d)? {
                    if is_and && !l.truthy() {
                        out.push(J::Bool(false));
                        continue;
                    }
                    if !is_and && l.truthy() {
                        out.push(J::Bool(true));
                        continue;
                    }
                    for r in self.eval(b, x, vars, d)? {
                        out.push(J::Bool(r.truthy()));
                    }
                }
                Ok(out)
            }
            E::Alt(a, b) => {
                let ls: Vec<J> = self
                    .eval(a, x, vars, d)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(J::truthy)
                    .collect();
                if ls.is_empty() {
                    self.eval(b, x, vars, d)
                } else {
                    Ok(ls)
                }
            }
            E::If(c, t, f) => {
                let mut out = vec![];
                for cv in self.eval(c, x, vars, d)? {
                    if cv.truthy() {
                        out.extend(self.eval(t, x, vars, d)?);
                    } else if let Some(f) = f {
                        out.extend(self.eval(f, x, vars, d)?);
                    } else {
                        out.push(x.clone());
                    }
                }
                Ok(out)
            }
            E::As(src, name, body) => {
                let mut out = vec![];
                for v in self.eval(src, x, vars, d)? {
                    vars.push((name.clone(), v));
                    let r = self.eval(body, x, vars, d);
                    vars.pop();
                    out.extend(r?);
                }
                Ok(out)
            }
            E::Reduce(src, name, init, upd) => {
                let mut out = vec![];
                for mut acc in self.eval(init, x, vars, d)? {
                    for v in self.eval(src, x, vars, d)? {
                        vars.push((name.clone(), v));
                        let r = self.eval(upd, &acc, vars, d);
                        vars.pop();
                        acc = r?.into_iter().last().unwrap_or(J::Null);
                    }
                    out.push(acc);
                }
                Ok(out)
            }
            E::Try(body, catch) => match self.eval(body, x, vars, d) {
                Ok(v) => Ok(v),
                Err(e) => match catch {
                    Some(c) => self.eval(c, &e, vars, d),
                    None => Ok(vec![]),
                },
            },
            E::Call(name, args) => self.call(name, args, x, vars, d),
        }
    }

    fn one(&mut self, e: &E, x: &J, vars: &mut Vars, d: usize) -> Result<J, J> {
        Ok(self
            .eval(e, x, vars, d)?
            .into_iter()
            .next()
            .unwrap_or(J::Null))
    }

    fn call(&mut self, name: &str, args: &[E], x: &J, vars: &mut Vars, d: usize) -> R {
        let arr = |x: &J, what: &str| -> Result<Vec<J>, J> {
            match x {
                J::Arr(a) => Ok(a.clone()),
                other => Err(err(format!("{} {what}", desc(other)))),
            }
        };
        let v = match (name, args.len()) {
            ("empty", 0) => return Ok(vec![]),
            ("error", 0) => return Err(x.clone()),
            ("error", 1) => return Err(self.one(&args[0], x, vars, d)?),
            ("not", 0) => J::Bool(!x.truthy()),
            ("length", 0) => match x {
                J::Null => J::Num(0.0),
                J::Bool(_) => return Err(err(format!("{} has no length", desc(x)))),
                J::Num(n) => J::Num(n.abs()),
                J::Str(s) => J::Num(s.chars().count() as f64),
                J::Arr(a) => J::Num(a.len() as f64),
                J::Obj(m) => J::Num(m.len() as f64),
            },
            ("utf8bytelength", 0) => match x {
                J::Str(s) => J::Num(s.len() as f64),
                _ => {
                    return Err(err(format!(
                        "{} only strings have UTF-8 byte length",
                        desc(x)
                    )))
                }
            },
            ("keys", 0) | ("keys_unsorted", 0) => match x {
                J::Obj(m) => {
                    let mut k: Vec<String> = m.iter().map(|(k, _)| k.clone()).collect();
                    if name == "keys" {
                        k.sort_shared();
                    }
                    J::Arr(k.into_iter().map(J::Str).collect())
                }
                J::Arr(a) => J::Arr((0..a.len()).map(|i| J::Num(i as f64)).collect()),
                _ => return Err(err(format!("{} has no keys", desc(x)))),
            },
            ("has", 1) => {
                let k = self.one(&args[0], x, vars, d)?;
                match (x, &k) {
                    (J::Obj(m), J::Str(s)) => J::Bool(m.iter().any(|(a, _)| a == s)),
                    (J::Arr(a), J::Num(n)) => J::Bool(*n >= 0.0 && (*n as usize) < a.len()),
                    _ => {
                        return Err(err(format!(
                            "Cannot check whether {} has a {} key",
                            x.type_name(),
                            k.type_name()
                        )))
                    }
                }
            }
            ("in", 1) => {
                let o = self.one(&args[0], x, vars, d)?;
                return self.call("has", &[E::Lit(x.clone())], &o, vars, d);
            }
            ("map", 1) => {
                let items = iter_values(x)?;
                let mut out = vec![];
                for i in &items {
                    out.extend(self.eval(&args[0], i, vars, d)?);
                }
                J::Arr(out)
            }
            ("map_values", 1) => match x {
                J::Obj(m) => {
                    let mut out = vec![];
                    for (k, v) in m {
                        if let Some(nv) = self.eval(&args[0], v, vars, d)?.into_iter().next() {
                            out.push((k.clone(), nv));
                        }
                    }
                    J::Obj(out)
                }
                _ => {
                    let items = iter_values(x)?;
                    let mut out = vec![];
                    for i in &items {
                        if let Some(nv) = self.eval(&args[0], i, vars, d)?.into_iter().next() {
                            out.push(nv);
                        }
                    }
                    J::Arr(out)
                }
            },
            ("select", 1) => {
                let mut out = vec![];
                for c in self.eval(&args[0], x, vars, d)? {
                    if c.truthy() {
                        out.push(x.clone());
                    }
                }
                return Ok(out);
            }
            ("recurse", 0) => return self.eval(&E::Recurse, x, vars, d),
            ("add", 0) => {
                let items = iter_values(x)?;
                let mut acc = J::Null;
                for i in &items {
                    acc = binop("+", &acc, i)?;
                }
                acc
            }
            ("any", 0) => J::Bool(iter_values(x)?.iter().any(J::truthy)),
            ("all", 0) => J::Bool(iter_values(x)?.iter().all(J::truthy)),
            ("any", 1) | ("all", 1) => {
                let items = iter_values(x)?;
                let mut res = name == "all";
                for i in &items {
                    let t = self.one(&args[0], i, vars, d)?.truthy();
                    if name == "any" && t {
                        res = true;
                        break;
                    }
                    if name == "all" && !t {
                        res = false;
                        break;
                    }
                }
                J::Bool(res)
            }
            ("range", 1) | ("range", 2) => {
                let (lo, hi) = if args.len() == 1 {
                    (0.0, num(&self.one(&args[0], x, vars, d)?)?)
                } else {
                    (
                        num(&self.one(&args[0], x, vars, d)?)?,
                        num(&self.one(&args[1], x, vars, d)?)?,
                    )
                };
                let mut out = vec![];
                let mut i = lo;
                while i < hi && out.len() < MAX_OUTPUTS {
                    out.push(J::Num(i));
                    i += 1.0;
                }
                return Ok(out);
            }
            ("floor", 0) => J::Num(num(x)?.floor()),
            ("ceil", 0) => J::Num(num(x)?.ceil()),
            ("round", 0) => J::Num(num(x)?.round()),
            ("sqrt", 0) => J::Num(num(x)?.sqrt()),
            ("abs", 0) => J::Num(num(x)?.abs()),
            ("tostring", 0) => J::Str(tostring(x)),
            ("tonumber", 0) | ("to_number", 0) => match x {
                J::Num(_) => x.clone(),
                J::Str(s) => J::Num(
                    s.trim()
                        .parse()
                        .map_err(|_| err(format!("Cannot parse '{s}' as JSON")))?,
                ),
                _ => return Err(err(format!("{} cannot be parsed as a number", desc(x)))),
            },
            ("type", 0) => J::Str(x.type_name().into()),
            ("sort", 0) => {
                let mut a = arr(x, "cannot be sorted, as it is not an array")?;
                a.sort_shared_by(cmp);
                J::Arr(a)
            }
            ("sort_by", 1) | ("group_by", 1) | ("unique_by", 1) | ("min_by", 1) | ("max_by", 1) => {
                let what = match name {
                    "sort_by" => "cannot be sorted, as it is not an array",
                    "group_by" => "cannot be grouped, as it is not an array",
                    _ => "cannot be iterated over",
                };
                let a = arr(x, what)?;
                let mut keyed = vec![];
                for i in a {
                    let k = J::Arr(self.eval(&args[0], &i, vars, d)?);
                    keyed.push((k, i));
                }
                keyed.sort_shared_by(|p, q| cmp(&p.0, &q.0));
                match name {
                    "sort_by" => J::Arr(keyed.into_iter().map(|(_, v)| v).collect()),
                    "min_by" => keyed.into_iter().next().map(|(_, v)| v).unwrap_or(J::Null),
                    "max_by" => keyed.into_iter().last().map(|(_, v)| v).unwrap_or(J::Null),
                    _ => {
                        let mut groups: Vec<(J, Vec<J>)> = vec![];
                        for (k, v) in keyed {
                            match groups.last_mut() {
                                Some((gk, g)) if cmp(gk, &k) == std::cmp::Ordering::Equal => {
                                    g.push(v)
                                }
                                _ => groups.push((k, vec![v])),
                            }
                        }
                        if name == "group_by" {
                            J::Arr(groups.into_iter().map(|(_, g)| J::Arr(g)).collect())
                        } else {
                            J::Arr(
                                groups
                                    .into_iter()
                                    .filter_map(|(_, g)| g.into_iter().next())
                                    .collect(),
                            )
                        }
                    }
                }
            }
            ("unique", 0) => {
                let mut a = arr(x, "cannot be sorted, as it is not an array")?;
                a.sort_shared_by(cmp);
                a.dedup_by(|p, q| cmp(p, q) == std::cmp::Ordering::Equal);
                J::Arr(a)
            }
            ("min", 0) | ("max", 0) => {
                let mut a = arr(x, "cannot be iterated over")?;
                a.sort_shared_by(cmp);
                let r = if name == "min" {
                    a.into_iter().next()
                } else {
                    a.into_iter().last()
                };
                r.unwrap_or(J::Null)
            }
            ("reverse", 0) => match x {
                J::Arr(a) => J::Arr(a.iter().rev().cloned().collect()),
                J::Str(s) => J::Str(s.chars().rev().collect()),
                J::Null => J::Arr(vec![]),
                _ => return Err(err(format!("Cannot index {} with number", x.type_name()))),
            },
            ("contains", 1) => {
                let b = self.one(&args[0], x, vars, d)?;
                J::Bool(contains(x, &b)?)
            }
            ("inside", 1) => {
                let b = self.one(&args[0], x, vars, d)?;
                J::Bool(contains(&b, x)?)
            }
            ("startswith", 1) | ("endswith", 1) | ("ltrimstr", 1) | ("rtrimstr", 1) => {
                let a = self.one(&args[0], x, vars, d)?;
                match (x, &a) {
                    (J::Str(s), J::Str(p)) => match name {
                        "startswith" => J::Bool(s.starts_with(p.as_str())),
                        "endswith" => J::Bool(s.ends_with(p.as_str())),
                        "ltrimstr" => J::Str(s.strip_prefix(p.as_str()).unwrap_or(s).to_string()),
                        _ => J::Str(s.strip_suffix(p.as_str()).unwrap_or(s).to_string()),
                    },
                    _ if name.ends_with("trimstr") => x.clone(),
                    _ => return Err(err(format!("{name}() requires string inputs"))),
                }
            }
            ("trim", 0) | ("ltrim", 0) | ("rtrim", 0) => match x {
                J::Str(s) => J::Str(
                    match name {
                        "trim" => s.trim(),
                        "ltrim" => s.trim_start(),
                        _ => s.trim_end(),
                    }
                    .to_string(),
                ),
                _ => return Err(err(format!("{} cannot be trimmed", desc(x)))),
            },
            ("explode", 0) => match x {
                J::Str(s) => J::Arr(s.chars().map(|c| J::Num(c as u32 as f64)).collect()),
                _ => return Err(err(format!("{} cannot be exploded", desc(x)))),
            },
            ("implode", 0) => {
                let a = arr(x, "cannot be imploded")?;
                J::Str(
                    a.iter()
                        .filter_map(|v| {
                            if let J::Num(n) = v {
                                char::from_u32(*n as u32)
                            } else {
                                None
                            }
                        })
                        .collect(),
                )
            }
            ("split", 1) => {
                let sep = self.one(&args[0], x, vars, d)?;
                match (x, &sep) {
                    (J::Str(s), J::Str(p)) => {
                        if s.is_empty() {
                            J::Arr(vec![])
                        } else if p.is_empty() {
                            J::Arr(s.chars().map(|c| J::Str(c.to_string())).collect())
                        } else {
                            J::Arr(s.split(p.as_str()).map(|t| J::Str(t.into())).collect())
                        }
                    }
                    _ => return Err(err("split input and separator must be strings".into())),
                }
            }
            ("join", 1) => {
                let sep = self.one(&args[0], x, vars, d)?;
                let a = iter_values(x)?;
                let J::Str(sep) = sep else {
                    return Err(err(format!(
                        "{} and {} cannot be added",
                        desc(&J::Str(String::new())),
                        desc(&sep)
                    )));
                };
                let mut s = String::new();
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        s.push_str(&sep);
                    }
                    match v {
                        J::Null => {}
                        J::Str(t) => s.push_str(t),
                        J::Num(_) | J::Bool(_) => s.push_str(&compact(v)),
                        _ => return Err(err(format!("Cannot join with {}", v.type_name()))),
                    }
                }
                J::Str(s)
            }
            ("ascii_downcase", 0) | ("ascii_upcase", 0) => match x {
                J::Str(s) => J::Str(if name == "ascii_downcase" {
                    s.to_ascii_lowercase()
                } else {
                    s.to_ascii_uppercase()
                }),
                _ => return Err(err(format!("{} cannot be case-converted", desc(x)))),
            },
            ("tojson", 0) => J::Str(compact(x)),
            ("fromjson", 0) => match x {
                J::Str(s) => {
                    let (mut vals, e) = parse_stream(s);
                    if let Some(e) = e {
                        return Err(err(format!(
                            "{} (while parsing '{s}')",
                            e.trim_end().rsplit(": ").next().unwrap_or("")
                        )));
                    }
                    vals.pop().map(|v| v.0).unwrap_or(J::Null)
                }
                _ => return Err(err(format!("{} cannot be parsed as JSON", desc(x)))),
            },
            ("to_entries", 0) => match x {
                J::Obj(m) => J::Arr(
                    m.iter()
                        .map(|(k, v)| {
                            J::Obj(vec![
                                ("key".into(), J::Str(k.clone())),
                                ("value".into(), v.clone()),
                            ])
                        })
                        .collect(),
                ),
                _ => return Err(err(format!("{} has no keys", desc(x)))),
            },
            ("from_entries", 0) => {
                let a = iter_values(x)?;
                let mut m = vec![];
                for e in &a {
                    let k = ["key", "k", "name", "Name", "Key", "K"]
                        .iter()
                        .find_map(|f| e.get(f).filter(|v| v.truthy()).cloned())
                        .unwrap_or(J::Null);
                    let v = ["value", "v", "Value", "V"]
                        .iter()
                        .find_map(|f| e.get(f).cloned())
                        .unwrap_or(J::Null);
                    let ks = match k {
                        J::Str(s) => s,
                        J::Num(_) | J::Bool(_) => compact(&k),
                        J::Null => "null".into(),
                        other => {
                            return Err(err(format!(
                                "Object keys must be strings, got {}",
                                other.type_name()
                            )))
                        }
                    };
                    obj_set(&mut m, ks, v);
                }
                J::Obj(m)
            }
            ("with_entries", 1) => {
                let entries = self
                    .call("to_entries", &[], x, vars, d)?
                    .into_iter()
                    .next()
                    .unwrap_or(J::Null);
                let mapped = self
                    .call("map", args, &entries, vars, d)?
                    .into_iter()
                    .next()
                    .unwrap_or(J::Null);
                return self.call("from_entries", &[], &mapped, vars, d);
            }
            ("first", 0) => index(x, &J::Num(0.0))?,
            ("last", 0) => index(x, &J::Num(-1.0))?,
            ("first", 1) => {
                return Ok(self
                    .eval(&args[0], x, vars, d)?
                    .into_iter()
                    .take(1)
                    .collect())
            }
            ("last", 1) => {
                return Ok(self
                    .eval(&args[0], x, vars, d)?
                    .into_iter()
                    .last()
                    .into_iter()
                    .collect())
            }
            ("nth", 1) => {
                let n = self.one(&args[0], x, vars, d)?;
                index(x, &n)?
            }
            ("limit", 2) => {
                let n = num(&self.one(&args[0], x, vars, d)?)?;
                return Ok(self
                    .eval(&args[1], x, vars, d)?
                    .into_iter()
                    .take(n.max(0.0) as usize)
                    .collect());
            }
            ("isempty", 1) => J::Bool(self.eval(&args[0], x, vars, d)?.is_empty()),
            ("flatten", 0) | ("flatten", 1) => {
                let depth = if args.is_empty() {
                    1e9
                } else {
                    num(&self.one(&args[0], x, vars, d)?)?
                };
                if depth < 0.0 {
                    return Err(err("flatten depth must not be negative".into()));
                }
                let a = arr(x, "cannot be flattened")?;
                J::Arr(flatten(&a, depth as usize))
            }
            ("index", 1) | ("rindex", 1) | ("indices", 1) => {
                let needle = self.one(&args[0], x, vars, d)?;
                let idx: Vec<usize> = match (x, &needle) {
                    (J::Str(s), J::Str(n)) if !n.is_empty() => s
                        .match_indices(n.as_str())
                        .map(|(i, _)| s[..i].chars().count())
                        .collect(),
                    (J::Arr(a), J::Arr(n)) if !n.is_empty() => {
                        (0..a.len()).filter(|&i| a[i..].starts_with(n)).collect()
                    }
                    (J::Arr(a), n) => (0..a.len()).filter(|&i| a[i] == *n).collect(),
                    (J::Null, _) => return Ok(vec![J::Null]),
                    _ => vec![],
                };
                match name {
                    "indices" => J::Arr(idx.into_iter().map(|i| J::Num(i as f64)).collect()),
                    "index" => idx.first().map(|i| J::Num(*i as f64)).unwrap_or(J::Null),
                    _ => idx.last().map(|i| J::Num(*i as f64)).unwrap_or(J::Null),
                }
            }
            ("env", 0) => J::Obj(vec![]),
            ("arrays", 0)
            | ("objects", 0)
            | ("strings", 0)
            | ("numbers", 0)
            | ("booleans", 0)
            | ("nulls", 0)
            | ("iterables", 0)
            | ("scalars", 0) => {
                let keep = match name {
                    "arrays" => matches!(x, J::Arr(_)),
                    "objects" => matches!(x, J::Obj(_)),
                    "strings" => matches!(x, J::Str(_)),
                    "numbers" => matches!(x, J::Num(_)),
                    "booleans" => matches!(x, J::Bool(_)),
                    "nulls" => matches!(x, J::Null),
                    "iterables" => matches!(x, J::Arr(_) | J::Obj(_)),
                    _ => !matches!(x, J::Arr(_) | J::Obj(_)),
                };
                return Ok(if keep { vec![x.clone()] } else { vec![] });
            }
            ("values", 0) => {
                return Ok(if *x == J::Null {
                    vec![]
                } else {
                    vec![x.clone()]
                })
            }
            ("getpath", 1) => {
                let p = self.one(&args[0], x, vars, d)?;
                let mut cur = x.clone();
                for k in iter_values(&p)? {
                    if cur == J::Null {
                        break;
                    }
                    cur = index(&cur, &k)?;
                }
                cur
            }
            ("transpose", 0) => {
                let rows = arr(x, "cannot be transposed")?;
                let n = rows
                    .iter()
                    .map(|r| if let J::Arr(a) = r { a.len() } else { 0 })
                    .max()
                    .unwrap_or(0);
                J::Arr(
                    (0..n)
                        .map(|i| {
                            J::Arr(
                                rows.iter()
                                    .map(|r| {
                                        if let J::Arr(a) = r {
                                            a.get(i).cloned().unwrap_or(J::Null)
                                        } else {
                                            J::Null
                                        }
                                    })
                                    .collect(),
                            )
                        })
                        .collect(),
                )
            }
            ("del", 1) => return Err(err("del/1 is not supported here".into())),
            ("infinite", 0) => J::Num(f64::INFINITY),
            ("nan", 0) => J::Num(f64::NAN),
            ("isnan", 0) => J::Bool(num(x)?.is_nan()),
            ("halt", 0)
            | ("debug", 0)
            | ("input", 0)
            | ("inputs", 0)
            | ("now", 0)
            | ("paths", 0)
            | ("tostream", 0)
            | ("splits", 1)
            | ("test", 1)
            | ("ascii", 0) => {
                return Err(err(format!("{name}/{} is not supported here", args.len())));
            }
            _ => return Err(err(format!("{name}/{} is not defined", args.len()))),
        };
        Ok(vec![v])
    }
}

fn flatten(a: &[J], depth: usize) -> Vec<J> {
    let mut out = vec![];
    for v in a {
        match v {
            J::Arr(inner) if depth > 0 => out.extend(flatten(inner, depth - 1)),
            _ => out.push(v.clone()),
        }
    }
    out
}

fn num(v: &J) -> Result<f64, J> {
    match v {
        J::Num(n) => Ok(*n),
        _ => Err(err(format!("{} number required", desc(v)))),
    }
}

fn iter_values(x: &J) -> Result<Vec<J>, J> {
    match x {
        J::Arr(a) => Ok(a.clone()),
        J::Obj(m) => Ok(m.iter().map(|(_, v)| v.clone()).collect()),
        other => Err(err(format!(
            "Cannot iterate over {}",
            if *other == J::Null {
                "null".into()
            } else {
                desc(other)
            }
        ))),
    }
}

fn contains(a: &J, b: &J) -> Result<bool, J> {
    match (a, b) {
        (J::Obj(x), J::Obj(y)) => {
            for (k, v) in y {
                match x.iter().find(|(kk, _)| kk == k) {
                    Some((_, xv)) => {
                        if !contains(xv, v)? {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            Ok(true)
        }
        (J::Arr(x), J::Arr(y)) => {
            for v in y {
                let mut any = false;
                for xv in x {
                    if contains(xv, v)? {
                        any = true;
                        break;
                    }
                }
                if !any {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        (J::Str(x), J::Str(y)) => Ok(x.contains(y.as_str())),
        _ if a.type_name() == b.type_name() => Ok(a == b),
        _ => Err(err(format!(
            "{} and {} cannot have their containment checked",
            desc(a),
            desc(b)
        ))),
    }
}

fn tostring(v: &J) -> String {
    match v {
        J::Str(s) => s.clone(),
        _ => compact(v),
    }
}

fn format_value(f: &str, v: &J) -> Result<String, J> {
    Ok(match f {
        "text" => tostring(v),
        "json" => compact(v),
        "base64" => {
            let s = tostring(v);
            base64_encode(s.as_bytes())
        }
        "base64d" => {
            let s = tostring(v);
            let b = crate::printers::gotemplate::base64_decode(s.trim_end_matches('='))
                .or_else(|_| crate::printers::gotemplate::base64_decode(&s))
                .map_err(|_| err(format!("{} is not valid base64 data", desc(v))))?;
            String::from_utf8_lossy(&b).into_owned()
        }
        "html" => tostring(v)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&#39;")
            .replace('"', "&quot;"),
        "uri" => tostring(v)
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect(),
        "sh" => match v {
            J::Arr(a) => a
                .iter()
                .map(|x| format_value("sh", x))
                .collect::<Result<Vec<_>, _>>()?
                .join(" "),
            J::Str(s) => format!("'{}'", s.replace('\'', "'\\''")),
            J::Obj(_) => return Err(err(format!("{} can not be escaped for shell", desc(v)))),
            _ => compact(v),
        },
        "csv" | "tsv" => {
            let J::Arr(a) = v else {
                return Err(err(format!(
                    "{} cannot be {}-formatted, only an array can be",
                    desc(v),
                    f
                )));
            };
            let mut cells = vec![];
            for x in a {
                cells.push(match x {
                    J::Str(s) if f == "csv" => format!("\"{}\"", s.replace('"', "\"\"")),
                    J::Str(s) => s
                        .replace('\\', "\\\\")
                        .replace('\t', "\\t")
                        .replace('\n', "\\n")
                        .replace('\r', "\\r"),
                    J::Null => String::new(),
                    J::Num(_) | J::Bool(_) => compact(x),
                    _ => return Err(err(format!("{} is not valid in a csv row", desc(x)))),
                });
            }
            cells.join(if f == "csv" { "," } else { "\t" })
        }
        _ => return Err(err(format!("{f} is not a valid format"))),
    })
}

fn base64_encode(b: &[u8]) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::new();
    for ch in b.chunks(3) {
        let n = (ch[0] as u32) << 16
            | (*ch.get(1).unwrap_or(&0) as u32) << 8
            | *ch.get(2).unwrap_or(&0) as u32;
        o.push(T[(n >> 18) as usize & 63] as char);
        o.push(T[(n >> 12) as usize & 63] as char);
        o.push(if ch.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        o.push(if ch.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    o
}

fn index(b: &J, i: &J) -> Result<J, J> {
    match (b, i) {
        (J::Null, J::Str(_) | J::Num(_) | J::Null) => Ok(J::Null),
        (J::Obj(_), J::Str(k)) => Ok(b.get(k).cloned().unwrap_or(J::Null)),
        (J::Arr(a), J::Num(n)) => {
            let mut idx = n.floor() as i64;
            if idx < 0 {
                idx += a.len() as i64;
            }
            Ok(if idx < 0 {
                J::Null
            } else {
                a.get(idx as usize).cloned().unwrap_or(J::Null)
            })
        }
        (J::Arr(_), J::Obj(_)) | (J::Null, J::Obj(_)) => slice(
            b,
            i.get("start").unwrap_or(&J::Null),
            i.get("end").unwrap_or(&J::Null),
        ),
        (_, J::Str(k)) => Err(err(format!(
            "Cannot index {} with \"{}\"",
            b.type_name(),
            k
        ))),
        _ => Err(err(format!(
            "Cannot index {} with {}",
            b.type_name(),
            i.type_name()
        ))),
    }
}

fn slice(b: &J, lo: &J, hi: &J) -> Result<J, J> {
    let len = match b {
        J::Null => return Ok(J::Null),
        J::Arr(a) => a.len(),
        J::Str(s) => s.chars().count(),
        _ => return Err(err(format!("Cannot index {} with object", b.type_name()))),
    } as i64;
    let conv = |v: &J, dflt: i64| -> Result<i64, J> {
        match v {
            J::Null => Ok(dflt),
            J::Num(n) => {
                let mut i = n.floor() as i64;
                if i < 0 {
                    i += len;
                }
                Ok(i.clamp(0, len))
            }
            _ => Err(err(
                "Start and end indices of an array slice must be numbers".into(),
            )),
        }
    };
    let l = conv(lo, 0)?;
    let h = conv(hi, len)?.max(l);
    Ok(match b {
        J::Arr(a) => J::Arr(a[l as usize..h as usize].to_vec()),
        J::Str(s) => J::Str(s.chars().skip(l as usize).take((h - l) as usize).collect()),
        _ => J::Null,
    })
}

fn binop(op: &str, l: &J, r: &J) -> Result<J, J> {
    use std::cmp::Ordering::*;
    Ok(match op {
        "==" => J::Bool(cmp(l, r) == Equal),
        "!=" => J::Bool(cmp(l, r) != Equal),
        "<" => J::Bool(cmp(l, r) == Less),
        "<=" => J::Bool(cmp(l, r) != Greater),
        ">" => J::Bool(cmp(l, r) == Greater),
        ">=" => J::Bool(cmp(l, r) != Less),
        "+" => match (l, r) {
            (J::Null, x) | (x, J::Null) => x.clone(),
            (J::Num(a), J::Num(b)) => J::Num(a + b),
            (J::Str(a), J::Str(b)) => J::Str(format!("{a}{b}")),
            (J::Arr(a), J::Arr(b)) => J::Arr(a.iter().chain(b).cloned().collect()),
            (J::Obj(a), J::Obj(b)) => {
                let mut m = a.clone();
                for (k, v) in b {
                    obj_set(&mut m, k.clone(), v.clone());
                }
                J::Obj(m)
            }
            _ => return Err(err(format!("{} and {} cannot be added", desc(l), desc(r)))),
        },
        "-" => match (l, r) {
            (J::Num(a), J::Num(b)) => J::Num(a - b),
            (J::Arr(a), J::Arr(b)) => {
                J::Arr(a.iter().filter(|x| !b.contains(x)).cloned().collect())
            }
            _ => {
                return Err(err(format!(
                    "{} and {} cannot be subtracted",
                    desc(l),
                    desc(r)
                )))
            }
        },
        "*" => match (l, r) {
            (J::Num(a), J::Num(b)) => J::Num(a * b),
            (J::Str(s), J::Num(n)) | (J::Num(n), J::Str(s)) => {
                if *n <= 0.0 {
                    J::Null
                } else {
                    J::Str(s.repeat((*n as usize).clamp(1, 1 << 20)))
                }
            }
            _ => {
                return Err(err(format!(
                    "{} and {} cannot be multiplied",
                    desc(l),
                    desc(r)
                )))
            }
        },
        "/" => match (l, r) {
            (J::Num(a), J::Num(b)) => {
                if *b == 0.0 {
                    return Err(err(format!(
                        "{} and {} cannot be divided because the divisor is zero",
                        desc(l),
                        desc(r)
                    )));
                }
                J::Num(a / b)
            }
            (J::Str(a), J::Str(b)) => J::Arr(if a.is_empty() {
                vec![]
            } else {
                a.split(b.as_str()).map(|s| J::Str(s.into())).collect()
            }),
            _ => {
                return Err(err(format!(
                    "{} and {} cannot be divided",
                    desc(l),
                    desc(r)
                )))
            }
        },
        _ => match (l, r) {
            (J::Num(a), J::Num(b)) => {
                let (a, b) = (*a as i64, *b as i64);
                if b == 0 {
                    return Err(err(format!(
                        "{} and {} cannot be divided because the divisor is zero",
                        desc(l),
                        desc(r)
                    )));
                }
                J::Num((a % b.abs()) as f64)
            }
            _ => {
                return Err(err(format!(
                    "{} and {} cannot be divided",
                    desc(l),
                    desc(r)
                )))
            }
        },
    })
}

// ------------------------------------------------------------ the command

const USAGE: &str = "Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter's results as JSON on\nstandard output.\n\nThe simplest filter is ., which copies jq's input to its output\nunmodified except for formatting. For more advanced usage see\nthe jq(1) manpage (\"man jq\") and/or https://jqlang.github.io/jq/.\n\nExample:\n\n\t$ echo '{\"foo\": 0}' | jq .\n\t{\n\t  \"foo\": 0\n\t}\n\nFor listing the command options, use jq --help.\n";

pub(super) fn jq(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut raw = false;
    let mut join = false;
    let mut compact_out = false;
    let mut slurp = false;
    let mut null_input = false;
    let mut exit_status = false;
    let mut sort_keys = false;
    let mut indent = "  ".to_string();
    let mut vars: Vars = vec![];
    let mut filter: Option<String> = None;
    let mut files: Vec<String> = vec![];
    let mut i = 0;
    let mut raw_input = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if filter.is_some() && !a.starts_with('-') || a == "-" {
            files.push(a.clone());
            continue;
        }
        if !a.starts_with('-') {
            filter = Some(a.clone());
            continue;
        }
        match a.as_str() {
            "-r" | "--raw-output" => raw = true,
            "-j" | "--join-output" => {
                raw = true;
                join = true;
            }
            "-c" | "--compact-output" => compact_out = true,
            "-s" | "--slurp" => slurp = true,
            "-n" | "--null-input" => null_input = true,
            "-e" | "--exit-status" => exit_status = true,
            "-S" | "--sort-keys" => sort_keys = true,
            "-R" | "--raw-input" => raw_input = true,
            "-M" | "--monochrome-output" | "-C" | "--color-output" | "-a" | "--ascii-output" => {}
            "--tab" => indent = "\t".into(),
            "--indent" => {
                let n: usize = args.get(i).and_then(|s| s.parse().ok()).unwrap_or(2).min(7);
                i += 1;
                indent = " ".repeat(n);
            }
            "--arg" | "--argjson" => {
                let (Some(n), Some(v)) = (args.get(i), args.get(i + 1)) else {
                    io.err(format!(
                        "jq: error: {a} takes two parameters (e.g. {a} varname value)\n{USAGE}"
                    ));
                    return 2;
                };
                i += 2;
                let val = if a == "--arg" {
                    J::Str(v.clone())
                } else {
                    match parse_stream(v) {
                        (vals, None) if vals.len() == 1 => {
                            vals.into_iter().next().map(|x| x.0).unwrap_or(J::Null)
                        }
                        _ => {
                            io.err(format!(
                                "jq: Invalid JSON text passed to --argjson\n{USAGE}"
                            ));
                            return 2;
                        }
                    }
                };
                vars.push((n.clone(), val));
            }
            "-h" | "--help" => {
                io.out(USAGE);
                return 0;
            }
            "--version" | "-V" => {
                io.out("jq-1.7.1\n");
                return 0;
            }
            _ => {
                // Combined short options: -rc.
                let short = &a[1..];
                if !a.starts_with("--") && short.chars().all(|c| "rjcsneSRMCa".contains(c)) {
                    for c in short.chars() {
                        match c {
                            'r' => raw = true,
                            'j' => {
                                raw = true;
                                join = true;
                            }
                            'c' => compact_out = true,
                            's' => slurp = true,
                            'n' => null_input = true,
                            'e' => exit_status = true,
                            'S' => sort_keys = true,
                            'R' => raw_input = true,
                            _ => {}
                        }
                    }
                    continue;
                }
                io.err(format!("jq: Unknown option: {a}\n{USAGE}"));
                return 2;
            }
        }
    }
    let Some(filter) = filter else {
        io.err(USAGE);
        return 2;
    };
    let prog = match parse(&filter) {
        Ok(p) => p,
        Err(e) => {
            if e.starts_with("syntax error") {
                io.err(format!("jq: error: {e} (Unix shell quoting issues?) at <top-level>, line 1:\n{filter}\njq: 1 compile error\n"));
            } else {
                io.err(format!(
                    "jq: error: {e} at <top-level>, line 1:\n{filter}\njq: 1 compile error\n"
                ));
            }
            return 3;
        }
    };
    // Inputs.
    let mut text = String::new();
    let mut source = "<stdin>".to_string();
    if files.is_empty() {
        if !null_input {
            text = io.take_stdin();
        }
    } else {
        for f in &files {
            match read_input(sh, sys, f, io) {
                Ok(t) => text.push_str(&t),
                Err(e) => {
                    io.err(format!("jq: error: Could not open {f}: {e}\n"));
                    return 2;
                }
            }
            source = f.clone();
        }
    }
    let mut inputs: Vec<(J, Option<usize>)> = vec![];
    let mut parse_err = None;
    if !null_input {
        if raw_input {
            if slurp {
                inputs.push((J::Str(text.clone()), Some(text.matches('\n').count())));
            } else {
                for (n, l) in text.lines().enumerate() {
                    inputs.push((J::Str(l.to_string()), Some(n + 1)));
                }
            }
        } else {
            let (vals, e) = parse_stream(&text);
            parse_err = e.map(|e| e.replace("<stdin>", &source));
            if slurp {
                let line = vals.last().map(|v| v.1).unwrap_or(0);
                inputs.push((J::Arr(vals.into_iter().map(|v| v.0).collect()), Some(line)));
            } else {
                inputs.extend(vals.into_iter().map(|(v, l)| (v, Some(l))));
            }
        }
    } else {
        inputs.push((J::Null, None));
    }
    let mut status = 0;
    let mut last: Option<J> = None;
    let mut ev = Ev { steps: 0 };
    for (input, line) in &inputs {
        let mut vs = vars.clone();
        match ev.eval(&prog, input, &mut vs, 0) {
            Ok(outs) => {
                for o in outs {
                    let mut s = String::new();
                    match (&o, raw) {
                        (J::Str(t), true) => s.push_str(t),
                        _ => dump(
                            &o,
                            if compact_out { None } else { Some(&indent) },
                            sort_keys,
                            0,
                            &mut s,
                        ),
                    }
                    if !join {
                        s.push('\n');
                    }
                    io.out(s);
                    last = Some(o);
                }
            }
            Err(e) => {
                let at = match line {
                    Some(l) => format!("{source}:{l}"),
                    None => "<unknown>".into(),
                };
                let msg = match &e {
                    J::Str(s) => s.clone(),
                    other => format!("{} (not a string)", compact(other)),
                };
                io.err(format!("jq: error (at {at}): {msg}\n"));
                status = 5;
            }
        }
    }
    if let Some(e) = parse_err {
        io.err(e);
        return 2;
    }
    if status != 0 {
        return status;
    }
    if exit_status {
        return match last {
            None => 4,
            Some(v) if !v.truthy() => 1,
            _ => 0,
        };
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(filter: &str, input: &str) -> String {
        let prog = match parse(filter) {
            Ok(p) => p,
            Err(e) => return format!("compile: {e}"),
        };
        let (vals, _) = parse_stream(input);
        let mut out = String::new();
        let mut ev = Ev { steps: 0 };
        for (v, _) in vals {
            match ev.eval(&prog, &v, &mut vec![], 0) {
                Ok(os) => {
                    for o in os {
                        dump(&o, Some("  "), false, 0, &mut out);
                        out.push('\n');
                    }
                }
                Err(e) => out.push_str(&format!("error: {}\n", tostring(&e))),
            }
        }
        out
    }

    #[test]
    fn filters() {
        let pods = r#"{"items":[{"metadata":{"name":"a"},"spec":{"nodeName":"n2"}},{"metadata":{"name":"b"},"spec":{"nodeName":"n1"}},{"metadata":{"name":"c"},"spec":{"nodeName":"n2"}}]}"#;
        assert_eq!(
            run(".items | group_by(.spec.nodeName) | map({node: .[0].spec.nodeName, count: length})", pods),
            "[\n  {\n    \"node\": \"n1\",\n    \"count\": 1\n  },\n  {\n    \"node\": \"n2\",\n    \"count\": 2\n  }\n]\n"
        );
        assert_eq!(
            run("[.items[].metadata.name]", pods),
            "[\n  \"a\",\n  \"b\",\n  \"c\"\n]\n"
        );
        assert_eq!(
            run(
                ".items[] | select(.spec.nodeName == \"n1\") | .metadata.name",
                pods
            ),
            "\"b\"\n"
        );
        assert_eq!(
            run("\"\\(.a)-\\(.b + 1)\"", r#"{"a":"x","b":2}"#),
            "\"x-3\"\n"
        );
        assert_eq!(
            run(".a.x", r#"{"a":[1]}"#),
            "error: Cannot index array with \"x\"\n"
        );
        assert_eq!(
            run("to_entries | from_entries", r#"{"b":1,"a":2}"#),
            "{\n  \"b\": 1,\n  \"a\": 2\n}\n"
        );
        assert_eq!(
            run("with_entries(.value |= 1)", r#"{"a":1}"#),
            "compile: syntax error, unexpected '|='"
        );
        assert_eq!(
            run("keys, length, has(\"a\")", r#"{"b":1,"a":2}"#),
            "[\n  \"a\",\n  \"b\"\n]\n2\ntrue\n"
        );
        assert_eq!(
            run("[.[] | . * 2] | reverse | first, last", "[1,2.5]"),
            "5\n2\n"
        );
        assert_eq!(
            run("sort_by(.n) | map(.n)", r#"[{"n":3},{"n":1}]"#),
            "[\n  1,\n  3\n]\n"
        );
        assert_eq!(run("foo", "1"), "compile: foo/0 is not defined");
        assert_eq!(
            run(".a[", "1"),
            "compile: syntax error, unexpected end of file"
        );
        assert_eq!(run(".[] | not", "[true, null]"), "false\ntrue\n");
        assert_eq!(
            run(".a and .b, .a or .b", r#"{"a":true,"b":false}"#),
            "false\ntrue\n"
        );
        assert_eq!(run("{} | .a", "1"), "null\n");
        assert_eq!(run(".[1:]", "[1,2,3]"), "[\n  2,\n  3\n]\n");
        assert_eq!(run("reduce .[] as $x (0; . + $x)", "[1,2,3]"), "6\n");
        assert_eq!(run(".[]", "5"), "error: Cannot iterate over number (5)\n");
        assert_eq!(
            run("[.[] | tostring] | join(\",\")", "[1,\"a\",null]"),
            "\"1,a,null\"\n"
        );
    }
}

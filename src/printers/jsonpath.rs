//! kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): parsing with the same error
//! texts, evaluation with the same quirks (`[*]` is the slice `[:]`, `['a.b']` re-parses as
//! `{.a.b}`, `\.` escapes a dot in a field name, `range`/`end` blocks), and printing as
//! `JSONPath.Execute` does (results of one action joined by spaces, maps and lists as compact
//! JSON, `-o jsonpath-as-json` as indented JSON arrays).
//!
//! Go map iteration is random; `.*` and `..` walk maps in key order here.

use serde_json::Value;

use crate::kubectl::gojson;

/// Bound on nested filters, unions and dict keys (each re-parses a piece of the template).
const MAX_DEPTH: usize = 32;
/// Bound on recursive descent through the data.
const MAX_RECURSION_NODES: usize = 200_000;
/// Bound on the results one template may produce.
const MAX_RESULTS: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq)]
struct Param {
    value: i64,
    known: bool,
    derived: bool,
}

#[derive(Clone, Debug)]
enum Node {
    List(Vec<Node>),
    Text(String),
    Field(String),
    Array([Param; 3]),
    Filter(Vec<Node>, Vec<Node>, String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Ident(String),
}

struct Parser<'a> {
    input: &'a [char],
    pos: usize,
    start: usize,
    depth: usize,
}

const EOF: char = '\u{FFFF}';

fn is_terminator(r: char) -> bool {
    r == ' '
        || r == '\t'
        || r == '\r'
        || r == '\n'
        || matches!(r, EOF | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}')
}

fn is_alnum(r: char) -> bool {
    r == '_' || r.is_alphanumeric()
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> char {
        if self.pos >= self.input.len() {
            self.pos = self.input.len() + 1;
            return EOF;
        }
        let c = self.input[self.pos];
        self.pos += 1;
        c
    }
    fn backup(&mut self) {
        if self.pos > 0 {
            self.pos -= 1;
        }
    }
    fn peek(&mut self) -> char {
        let c = self.next();
        self.backup();
        c
    }
    fn rest_starts(&self, s: &str) -> bool {
        let p = self.pos.min(self.input.len());
        let want: Vec<char> = s.chars().collect();
        self.input[p..].starts_with(&want)
    }
    fn consume(&mut self) -> String {
        let end = self.pos.min(self.input.len());
        let s: String = self.input[self.start.min(end)..end].iter().collect();
        self.start = self.pos.min(self.input.len());
        s
    }

    /// The template's top level: text and `{…}` actions.
    fn parse_text(&mut self, root: &mut Vec<Node>) -> Result<(), String> {
        loop {
            if self.rest_starts("{") {
                if self.pos > self.start {
                    root.push(Node::Text(self.consume()));
                }
                self.pos += 1;
                self.consume();
                let mut cur = vec![];
                self.parse_inside(&mut cur)?;
                root.push(Node::List(cur));
                // parse_inside returns after the right delimiter.
                continue;
            }
            if self.next() == EOF {
                break;
            }
        }
        if self.pos.min(self.input.len()) > self.start {
            root.push(Node::Text(self.consume()));
        }
        Ok(())
    }

    fn parse_inside(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        // Loop instead of Go's tail recursion.
        for _ in 0..1_000_000 {
            if self.rest_starts("}") {
                self.pos += 1;
                self.consume();
                return Ok(());
            }
            if self.rest_starts("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if self.rest_starts("..") {
                if matches!(cur.last(), Some(Node::Recursive)) {
                    return Err("invalid multiple recursive descent".into());
                }
                self.pos += 2;
                self.consume();
                cur.push(Node::Recursive);
                if is_alnum(self.peek()) {
                    self.parse_field(cur);
                }
                continue;
            }
            let r = self.next();
            match r {
                EOF | '\r' | '\n' => return Err("unclosed action".into()),
                ' ' | '@' | '$' => {
                    self.consume();
                }
                '[' => self.parse_array(cur)?,
                '"' | '\'' => self.parse_quote(cur, r)?,
                '.' => self.parse_field(cur),
                _ if r == '+' || r == '-' || r.is_ascii_digit() => {
                    self.backup();
                    self.parse_number(cur)?;
                }
                _ if is_alnum(r) => {
                    self.backup();
                    self.parse_identifier(cur);
                }
                _ => {
                    return Err(format!(
                        "unrecognized character in action: {}",
                        go_unicode(r)
                    ))
                }
            }
        }
        Err("unclosed action".into())
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume();
        loop {
            let r = self.next();
            if r == '\\' {
                self.next();
            } else if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let v = self.consume();
        if v == "*" {
            cur.push(Node::Wildcard);
        } else {
            cur.push(Node::Field(v.replace('\\', "")));
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        loop {
            let r = self.next();
            if is_terminator(r) || r == ' ' {
                self.backup();
                break;
            }
        }
        let v = self.consume();
        match v.as_str() {
            "1" | "t" | "T" | "TRUE" | "true" | "True" => cur.push(Node::Bool(true)),
            "0" | "f" | "F" | "FALSE" | "false" | "False" => cur.push(Node::Bool(false)),
            _ => cur.push(Node::Ident(v)),
        }
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        let r = self.peek();
        if r == '+' || r == '-' {
            self.next();
        }
        loop {
            let r = self.next();
            if r != '.' && !r.is_ascii_digit() {
                self.backup();
                break;
            }
        }
        let v = self.consume();
        if let Ok(i) = v.parse::<i64>() {
            cur.push(Node::Int(i));
            return Ok(());
        }
        if let Ok(f) = v.parse::<f64>() {
            cur.push(Node::Float(f));
            return Ok(());
        }
        Err(format!("cannot parse number {v}"))
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                EOF | '\n' => return Err("unterminated quoted string".into()),
                '\\' => {
                    let r = self.next();
                    if r == EOF || r == '\n' {
                        return Err("unterminated quoted string".into());
                    }
                }
                c if c == end => break,
                _ => {}
            }
        }
        let v = self.consume();
        let s =
            unquote_extend(&v).ok_or_else(|| format!("unquote string {v} error invalid syntax"))?;
        cur.push(Node::Text(s));
        Ok(())
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            match self.next() {
                EOF | '\n' => return Err("unterminated array".into()),
                ']' => break,
                _ => {}
            }
        }
        let text = self.consume();
        let mut text = text[1..text.len() - 1].to_string();
        if text == "*" {
            text = ":".into();
        }
        let strs: Vec<&str> = text.split(',').collect();
        if strs.len() > 1 {
            let mut union = vec![];
            for s in strs {
                let root = parse_action(&format!("[{}]", s.trim_matches(' ')), self.depth + 1)?;
                union.push(root);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        if text.len() >= 2
            && text.starts_with('\'')
            && text.ends_with('\'')
            && !text[1..text.len() - 1].contains('\'')
        {
            let root = parse_action(&format!(".{}", &text[1..text.len() - 1]), self.depth + 1)?;
            cur.extend(root);
            return Ok(());
        }
        let parts = split_slice(&text).ok_or_else(|| format!("invalid array index {text}"))?;
        let mut params: [Param; 3] = std::array::from_fn(|_| Param {
            value: 0,
            known: false,
            derived: false,
        });
        for i in 0..3 {
            match &parts[i] {
                Some(v) => {
                    let v = if i > 0 { &v[1..] } else { v.as_str() };
                    if i > 0 && v.is_empty() {
                        params[i].known = false;
                    } else {
                        params[i].known = true;
                        params[i].value = v
                            .parse::<i64>()
                            .map_err(|_| format!("array index {v} is not a number"))?;
                    }
                }
                None => {
                    if i == 1 {
                        params[1].known = true;
                        params[1].value = params[0].value + 1;
                        params[1].derived = true;
                    }
                }
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let mut begin = false;
        let mut end = false;
        let mut pair = ' ';
        loop {
            let r = self.next();
            match r {
                EOF | '\n' => return Err("unterminated filter".into()),
                '"' | '\'' => {
                    if !begin {
                        begin = true;
                        pair = r;
                        continue;
                    }
                    if self.pos >= 2 && self.input[self.pos - 2] != '\\' && r == pair {
                        end = true;
                    }
                }
                ')' if begin == end => break,
                _ => {}
            }
        }
        if self.next() != ']' {
            return Err("unclosed array expect ]".into());
        }
        let text = self.consume();
        let text = &text[..text.len() - 2];
        match split_filter(text) {
            None => {
                let root = parse_action(text, self.depth + 1)?;
                cur.push(Node::Filter(root, vec![], "exists".into()));
            }
            Some((l, op, r)) => {
                let left = parse_action(l, self.depth + 1)?;
                let right = parse_action(r, self.depth + 1)?;
                cur.push(Node::Filter(left, right, op.to_string()));
            }
        }
        Ok(())
    }
}

/// Go's `%#U` for a rune: `U+0023 '#'`.
fn go_unicode(r: char) -> String {
    if r.is_control() {
        format!("U+{:04X}", r as u32)
    } else {
        format!("U+{:04X} '{}'", r as u32, r)
    }
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`: the three parts (the 2nd and 3rd with their colon).
fn split_slice(text: &str) -> Option<[Option<String>; 3]> {
    let b = text.as_bytes();
    let mut i = 0;
    let num = |i: &mut usize| {
        let s = *i;
        if *i < b.len() && b[*i] == b'-' {
            *i += 1;
        }
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        text[s..*i].to_string()
    };
    let first = num(&mut i);
    let mut out: [Option<String>; 3] = [
        if first.is_empty() { None } else { Some(first) },
        None,
        None,
    ];
    for slot in out.iter_mut().skip(1) {
        if i < b.len() && b[i] == b':' {
            i += 1;
            *slot = Some(format!(":{}", num(&mut i)));
        }
    }
    if i != b.len() {
        return None;
    }
    Some(out)
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$`.
fn split_filter(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let l_end = text.find(is_op)?;
    if l_end == 0 {
        return None;
    }
    let rest = &text[l_end..];
    let op_len = rest.find(|c: char| !is_op(c))?;
    let r = &rest[op_len..];
    if r.is_empty() {
        return None;
    }
    Some((&text[..l_end], &rest[..op_len], r))
}

/// Go's `strconv.Unquote` extended to single-quoted strings.
fn unquote_extend(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 2 || chars[0] != chars[chars.len() - 1] {
        return None;
    }
    let body = &chars[1..chars.len() - 1];
    let mut out = String::new();
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
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

fn parse_action(text: &str, depth: usize) -> Result<Vec<Node>, String> {
    if depth > MAX_DEPTH {
        return Err("template nested too deeply".into());
    }
    let wrapped: Vec<char> = format!("{{{text}}}").chars().collect();
    let mut p = Parser {
        input: &wrapped,
        pos: 0,
        start: 0,
        depth,
    };
    let mut root = vec![];
    p.parse_text(&mut root)?;
    // parse_action's root is `{…}`: one list.
    let mut out = vec![];
    for n in root {
        match n {
            Node::List(v) => out.extend(v),
            other => out.push(other),
        }
    }
    Ok(out)
}

/// A parsed template.
pub struct JsonPath {
    nodes: Vec<Node>,
    allow_missing: bool,
}

/// What one action produced.
type Results = Vec<Vec<Value>>;

impl JsonPath {
    /// Parses a template; the error is client-go's (`unterminated array`…).
    pub fn parse(template: &str) -> Result<JsonPath, String> {
        let chars: Vec<char> = template.chars().collect();
        let mut p = Parser {
            input: &chars,
            pos: 0,
            start: 0,
            depth: 0,
        };
        let mut root = vec![];
        p.parse_text(&mut root)?;
        Ok(JsonPath {
            nodes: root,
            allow_missing: false,
        })
    }

    pub fn allow_missing_keys(mut self, on: bool) -> Self {
        self.allow_missing = on;
        self
    }

    /// `FindResults`: one list of values per action.
    pub fn find_results(&self, data: &Value) -> Result<Results, String> {
        let mut st = State {
            allow_missing: self.allow_missing,
            count: 0,
        };
        let mut out = vec![];
        let (_, end) = st.run_block(&self.nodes, 0, data, &mut out, 0)?;
        if end {
            return Err("not in range, nothing to end".into());
        }
        Ok(out)
    }

    /// `Execute`: the text kubectl prints.
    pub fn execute(&self, data: &Value, as_json: bool) -> Result<String, String> {
        let results = self.find_results(data)?;
        let mut out = String::new();
        for r in &results {
            if as_json {
                let arr = Value::Array(r.clone());
                out.push_str(&gojson_indent(&arr));
                out.push('\n');
                continue;
            }
            for (i, v) in r.iter().enumerate() {
                out.push_str(&value_text(v));
                if i + 1 != r.len() {
                    out.push(' ');
                }
            }
        }
        Ok(out)
    }
}

fn gojson_indent(v: &Value) -> String {
    let s = super::json::to_json(v);
    s.trim_end_matches('\n').to_string()
}

/// How JSONPath prints one result: maps and lists as compact JSON, the rest as Go's `%v`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => gojson::sorted_compact(v),
        _ => go_v(v),
    }
}

/// Go's `%v` of a decoded JSON value.
pub fn go_v(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_number(n),
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(go_v).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Object(m) => {
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k}:{}", go_v(v))).collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

/// An int64 as is, a float64 as Go's `%v` (shortest, exponent from 1e21 and below 1e-4).
pub fn go_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    go_float(f)
}

pub fn go_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        return "0".into();
    }
    // Shortest digits and exponent, then strconv's %g choice (precision 6 for the shortest
    // form, or the digit count when that is larger and the number has no fraction).
    let e_form = format!("{:e}", f.abs());
    let (mant, exp) = e_form.split_once('e').unwrap_or((&e_form, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let nd = digits.len() as i32;
    let dp = exp + 1;
    let mut eprec = 6;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    let sign = if f < 0.0 { "-" } else { "" };
    if exp < -4 || exp >= eprec {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits.clone()
        };
        let es = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{m}e{es}{:02}", exp.abs());
    }
    format!("{f}")
}

/// Go's `%#v` of a decoded JSON value (the "object given to jsonpath engine" line).
pub fn go_sharp_v(v: &Value) -> String {
    let mut out = String::new();
    sharp(&mut out, v, true);
    out
}

fn sharp(out: &mut String, v: &Value, top: bool) {
    match v {
        Value::Null => out.push_str(if top { "<nil>" } else { "interface {}(nil)" }),
        Value::Bool(b) => out.push_str(&b.to_string()),
        Value::Number(n) => out.push_str(&go_number(n)),
        Value::String(s) => out.push_str(&go_quote(s)),
        Value::Array(a) => {
            out.push_str("[]interface {}{");
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                sharp(out, x, false);
            }
            out.push('}');
        }
        Value::Object(m) => {
            out.push_str("map[string]interface {}{");
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&go_quote(k));
                out.push(':');
                sharp(out, x, false);
            }
            out.push('}');
        }
    }
}

/// Go's `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct State {
    allow_missing: bool,
    count: usize,
}

/// The Go type name of a decoded JSON value, for error texts.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "interface {}",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() || n.is_u64() => "int64",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

fn first_ident(n: &Node) -> Option<&str> {
    match n {
        Node::List(v) => match v.first() {
            Some(Node::Ident(s)) => Some(s.as_str()),
            _ => None,
        },
        _ => None,
    }
}

impl State {
    /// Runs root nodes from `i` on `data` until an `end` (returns its index and true) or the
    /// last node.
    fn run_block(
        &mut self,
        nodes: &[Node],
        mut i: usize,
        data: &Value,
        out: &mut Results,
        depth: usize,
    ) -> Result<(usize, bool), String> {
        if depth > MAX_DEPTH {
            return Err("range nested too deeply".into());
        }
        while i < nodes.len() {
            let node = &nodes[i];
            match first_ident(node) {
                Some("end") => return Ok((i, true)),
                Some("range") => {
                    let body: &[Node] = match node {
                        Node::List(v) => &v[1..],
                        _ => &[],
                    };
                    let items = self.eval_list(vec![data.clone()], body)?;
                    let mut next = None;
                    for item in &items {
                        let (e, found) = self.run_block(nodes, i + 1, item, out, depth + 1)?;
                        next = Some(if found { e + 1 } else { nodes.len() });
                    }
                    i = next.unwrap_or_else(|| {
                        find_end(nodes, i + 1).map(|e| e + 1).unwrap_or(nodes.len())
                    });
                    continue;
                }
                _ => {}
            }
            let r = self.walk(vec![data.clone()], node)?;
            self.count += r.len();
            if self.count > MAX_RESULTS {
                return Err("too many results".into());
            }
            out.push(r);
            i += 1;
        }
        Ok((nodes.len(), false))
    }

    fn eval_list(&mut self, mut cur: Vec<Value>, nodes: &[Node]) -> Result<Vec<Value>, String> {
        for n in nodes {
            cur = self.walk(cur, n)?;
        }
        Ok(cur)
    }

    fn walk(&mut self, input: Vec<Value>, node: &Node) -> Result<Vec<Value>, String> {
        match node {
            Node::List(v) => self.eval_list(input, v),
            Node::Text(s) => Ok(vec![Value::String(s.clone())]),
            Node::Int(i) => Ok(vec![Value::from(*i)]),
            Node::Float(f) => Ok(vec![serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null)]),
            Node::Bool(b) => Ok(vec![Value::Bool(*b)]),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(p) => eval_array(input, p),
            Node::Filter(l, r, op) => self.eval_filter(input, l, r, op),
            Node::Wildcard => {
                let mut out = vec![];
                for v in input {
                    match v {
                        Value::Object(m) => out.extend(m.into_iter().map(|(_, x)| x)),
                        Value::Array(a) => out.extend(a),
                        _ => {}
                    }
                }
                Ok(out)
            }
            Node::Recursive => {
                let mut out = vec![];
                let mut budget = MAX_RECURSION_NODES;
                for v in &input {
                    recursive(v, &mut out, &mut budget);
                }
                Ok(out)
            }
            Node::Union(parts) => {
                let mut out = vec![];
                for p in parts {
                    out.extend(self.eval_list(input.clone(), p)?);
                }
                Ok(out)
            }
            Node::Ident(name) => match name.as_str() {
                "range" => Ok(input),
                "end" => Err("not in range, nothing to end".into()),
                _ => Err(format!("unrecognized identifier {name}")),
            },
        }
    }

    fn eval_field(&mut self, input: Vec<Value>, name: &str) -> Result<Vec<Value>, String> {
        if input.is_empty() {
            return Ok(vec![]);
        }
        let mut out = vec![];
        for v in input {
            if let Value::Object(mut m) = v {
                if let Some(x) = m.remove(name) {
                    out.push(x);
                }
            }
        }
        if out.is_empty() && !self.allow_missing {
            return Err(format!("{name} is not found"));
        }
        Ok(out)
    }

    fn eval_filter(
        &mut self,
        input: Vec<Value>,
        left: &[Node],
        right: &[Node],
        op: &str,
    ) -> Result<Vec<Value>, String> {
        let mut out = vec![];
        for v in input {
            let Value::Array(items) = v else {
                return Err(format!(
                    "{} is not array or slice and cannot be filtered",
                    go_v(&v)
                ));
            };
            for item in items {
                let lefts = self.eval_list(vec![item.clone()], left);
                if op == "exists" {
                    if lefts.map(|l| !l.is_empty()).unwrap_or(false) {
                        out.push(item);
                    }
                    continue;
                }
                let lefts = lefts?;
                match lefts.len() {
                    0 => continue,
                    1 => {}
                    _ => return Err("can only compare one element at a time".into()),
                }
                let rights = self.eval_list(vec![item.clone()], right)?;
                match rights.len() {
                    0 => continue,
                    1 => {}
                    _ => return Err("can only compare one element at a time".into()),
                }
                let pass = compare(&lefts[0], &rights[0], op)?;
                if pass {
                    out.push(item);
                }
            }
        }
        Ok(out)
    }
}

fn find_end(nodes: &[Node], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, n) in nodes.iter().enumerate().skip(from) {
        match first_ident(n) {
            Some("range") => depth += 1,
            Some("end") => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

fn recursive(v: &Value, out: &mut Vec<Value>, budget: &mut usize) {
    // Pre-order, iteratively: a node with children, then its descendants.
    let mut stack: Vec<&Value> = vec![v];
    while let Some(x) = stack.pop() {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let children: Vec<&Value> = match x {
            Value::Object(m) => m.values().collect(),
            Value::Array(a) => a.iter().collect(),
            Value::String(s) if !s.is_empty() => vec![],
            _ => vec![],
        };
        if children.is_empty() {
            if matches!(x, Value::String(s) if !s.is_empty()) {
                out.push(x.clone());
            }
            continue;
        }
        out.push(x.clone());
        for c in children.into_iter().rev() {
            let has = matches!(c, Value::Object(m) if !m.is_empty())
                || matches!(c, Value::Array(a) if !a.is_empty())
                || matches!(c, Value::String(s) if !s.is_empty());
            if has {
                stack.push(c);
            }
        }
    }
}

fn eval_array(input: Vec<Value>, params: &[Param; 3]) -> Result<Vec<Value>, String> {
    let mut out = vec![];
    for v in input {
        let Value::Array(items) = v else {
            if v.is_null() {
                continue;
            }
            return Err(format!("{} is not array or slice", go_type(&v)));
        };
        let len = items.len() as i64;
        let mut p = params.clone();
        if !p[0].known {
            p[0].value = 0;
        }
        if p[0].value < 0 {
            p[0].value += len;
        }
        if !p[1].known {
            p[1].value = len;
        }
        if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
            p[1].value += len;
        }
        if p[1].value != p[0].value {
            if p[0].value >= len || p[0].value < 0 {
                return Err(format!(
                    "array index out of bounds: index {}, length {len}",
                    p[0].value
                ));
            }
            if p[1].value > len || p[1].value < 0 {
                return Err(format!(
                    "array index out of bounds: index {}, length {len}",
                    p[1].value - 1
                ));
            }
            if p[0].value > p[1].value {
                return Err(format!(
                    "starting index {} is greater than ending index {}",
                    p[0].value, p[1].value
                ));
            }
        } else {
            return Ok(out);
        }
        let mut step = 1usize;
        if p[2].known {
            if p[2].value <= 0 {
                return Err("step must be > 0".into());
            }
            step = p[2].value as usize;
        }
        let slice = &items[p[0].value as usize..p[1].value as usize];
        out.extend(slice.iter().step_by(step).cloned());
    }
    Ok(out)
}

#[derive(PartialEq)]
enum Kind {
    Int,
    Float,
    Str,
    Bool,
    Other,
}

fn kind(v: &Value) -> Kind {
    match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => Kind::Int,
        Value::Number(_) => Kind::Float,
        Value::String(_) => Kind::Str,
        Value::Bool(_) => Kind::Bool,
        _ => Kind::Other,
    }
}

/// text/template's `eq`/`lt` on two basic values.
fn compare(a: &Value, b: &Value, op: &str) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if ka == Kind::Other || kb == Kind::Other {
        if matches!(op, "==" | "!=")
            && ka == Kind::Other
            && kb == Kind::Other
            && a.is_null()
            && b.is_null()
        {
            return Ok(op == "==");
        }
        return Err("invalid type for comparison".into());
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    let ord = match ka {
        Kind::Int => a.as_i64().cmp(&b.as_i64()),
        Kind::Float => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
        Kind::Str => a.as_str().cmp(&b.as_str()),
        Kind::Bool => {
            if !matches!(op, "==" | "!=") {
                return Err("invalid type for comparison".into());
            }
            a.as_bool().cmp(&b.as_bool())
        }
        Kind::Other => std::cmp::Ordering::Equal,
    };
    use std::cmp::Ordering::*;
    Ok(match op {
        "==" => ord == Equal,
        "!=" => ord != Equal,
        "<" => ord == Less,
        ">" => ord == Greater,
        "<=" => ord != Greater,
        ">=" => ord != Less,
        _ => return Err(format!("unrecognized filter operator {op}")),
    })
}

/// kubectl's `RelaxedJSONPathExpression` (custom columns, `--sort-by`).
pub fn relaxed(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let err = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".to_string();
    let inner = if let Some(x) = expr.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
        x.strip_prefix('.').unwrap_or(x)
    } else {
        expr.strip_prefix('.').unwrap_or(expr)
    };
    if inner.is_empty() || inner.contains('{') || inner.contains('}') {
        return Err(err);
    }
    Ok(format!("{{.{inner}}}"))
}

/// kubectl's JSONPath printer: output, or the error kubectl prints (with `error: ` and a final
/// newline) for a template that does not execute.
pub fn print(
    template: &str,
    data: &Value,
    as_json: bool,
    allow_missing: bool,
) -> Result<String, String> {
    let jp = JsonPath::parse(template)
        .map_err(|e| format!("error: error parsing jsonpath {template}, {e}\n"))?
        .allow_missing_keys(allow_missing);
    jp.execute(data, as_json).map_err(|e| {
        format!(
            "error: error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
            go_quote(template),
            go_sharp_v(data)
        )
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
        match print(t, &pod(), false, true) {
            Ok(s) => s,
            Err(e) => e,
        }
    }

    #[test]
    fn oracle_outputs() {
        assert_eq!(run("{.metadata.name}"), "web");
        assert_eq!(run("{.spec.containers[*].name}"), "c1 c2");
        assert_eq!(
            run("{.items[0}"),
            "error: error parsing jsonpath {.items[0}, unterminated array\n"
        );
        assert_eq!(run("{.}"), "");
        assert_eq!(
            run("{.spec.containers[0]}"),
            r#"{"image":"nginx","name":"c1","ports":[{"containerPort":80}]}"#
        );
        assert_eq!(run(r"{.metadata.labels.app\.kubernetes\.io/name}"), "x");
        assert_eq!(run("{.metadata.labels['app.kubernetes.io/name']}"), "");
        assert_eq!(
            run(r#"{.spec.containers[?(@.name=="c2")].image}"#),
            "busybox"
        );
        assert_eq!(
            run("{.status.ratio} {.spec.containers[0].ports[0].containerPort}"),
            "1.5 80"
        );
        assert_eq!(run("{.nope}"), "");
        assert!(run("{.spec.containers[5]}").starts_with("error: error executing jsonpath \"{.spec.containers[5]}\": Error executing template: array index out of bounds: index 5, length 2. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.containers[5]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"labels\":map[string]interface {}{\"a\":\"b\""));
        assert_eq!(
            run("{#}"),
            "error: error parsing jsonpath {#}, unrecognized character in action: U+0023 '#'\n"
        );
        assert_eq!(
            run("{range .spec.containers[*]}{.name}{\"\\t\"}{end}"),
            "c1\tc2\t"
        );
        assert!(run("{end}").contains("not in range, nothing to end"));
        assert_eq!(run("{..name}"), "web c1 c2");
        assert_eq!(run("{.spec.containers[-1:].name}"), "c2");
        assert!(
            run("{.metadata.labels[*]}").contains("map[string]interface {} is not array or slice.")
        );
        assert_eq!(run("{.spec.containers[0].name.x}"), "");
        assert_eq!(
            run("{.metadata.name"),
            "error: error parsing jsonpath {.metadata.name, unclosed action\n"
        );
        assert_eq!(
            run("{.spec.containers[*].name}{\"\\n\"}{.metadata.name}"),
            "c1 c2\nweb"
        );
        assert_eq!(run("{$.metadata.name}{@.kind}"), "webPod");
        assert_eq!(run("{.spec.containers[?(@.ports)].name}"), "c1");
        assert_eq!(run("{.spec.containers[0,1].name}"), "c1 c2");
        assert!(run("{.spec.containers[0:5]}").contains("index 4, length 2"));
        assert_eq!(run("{.spec.containers[?(@.name=='c2')].name}"), "c2");
        assert_eq!(
            run("{.spec.containers[0].ports[?(@.containerPort>50)].containerPort}"),
            "80"
        );
        assert!(
            run("{.spec.containers[0].ports[?(@.containerPort>50.0)].containerPort}")
                .contains("incompatible types for comparison")
        );
        assert_eq!(
            run("{range .spec.containers[*]}[{range .ports[*]}{.containerPort},{end}]{end}"),
            "[80,][]"
        );
        assert_eq!(
            run("{.spec.containers[x]}"),
            "error: error parsing jsonpath {.spec.containers[x]}, invalid array index x\n"
        );
        assert!(run("{.spec.nodeName}{end}").starts_with("error: error executing"));
        assert_eq!(run("{range .spec.containers[*]}{.name}"), "c1c2");
        assert_eq!(run("{true} {12} {1.5}"), "true 12 1.5");
        assert_eq!(run("{.kind .apiVersion}"), "");
        assert_eq!(
            print("{.spec.containers[*].name}{.kind}", &pod(), true, true).unwrap_or_default(),
            "[\n    \"c1\",\n    \"c2\"\n]\n[\n    \"Pod\"\n]\n"
        );
        assert!(print("{.nope}", &pod(), false, false)
            .unwrap_err()
            .contains("nope is not found"));
    }
}

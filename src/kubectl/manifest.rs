//! Reading `-f` sources as kubectl's resource builder does (cli-runtime `builder.go`,
//! `visitor.go`, apimachinery `yaml/decoder.go`, sigs.k8s.io/yaml): files, directories (`-R`),
//! stdin (`-`), YAML streams split on `---`, JSON streams, `List` kinds; every error with
//! kubectl's text.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::sim::object;
use crate::sim::resources::{self, ResourceType};
use crate::vfs::Fs;

/// What kubectl calls the standard input when it names a source.
pub const STDIN: &str = "STDIN";
/// The extensions a directory walk picks up (`resource.FileExtensions`).
const FILE_EXTENSIONS: [&str; 3] = [".json", ".yaml", ".yml"];
/// Bounds, so no input freezes the page.
const MAX_FILES: usize = 1000;
const MAX_DOCUMENTS: usize = 10_000;
const MAX_DEPTH: usize = 32;

/// One object read from a source.
#[derive(Clone, Debug)]
pub struct Item {
    /// The source as kubectl names it in messages: the path as typed, `dir/x.yaml` inside a
    /// directory, or `STDIN`.
    pub source: String,
    pub rt: &'static ResourceType,
    pub obj: Value,
}

impl Item {
    pub fn name(&self) -> &str {
        object::name(&self.obj)
    }
    pub fn namespace(&self) -> &str {
        object::namespace(&self.obj)
    }
}

/// Where files come from: the node's filesystem, the shell's directory and standard input.
pub struct Sources<'a> {
    pub fs: &'a Fs,
    pub cwd: &'a str,
    pub stdin: &'a str,
}

/// The outcome of visiting every source: objects in order, and the errors met on the way
/// (each a full message without the `error: ` prefix). `fatal` errors stop the command before
/// anything is sent (a missing path).
#[derive(Debug, Default)]
pub struct Read {
    pub items: Vec<Item>,
    pub errors: Vec<String>,
    pub fatal: bool,
}

/// Options of the visit.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    pub recursive: bool,
    /// `--validate` other than false/ignore: apiVersion and kind are checked first.
    pub validate: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            recursive: false,
            validate: true,
        }
    }
}

/// Visits `-f` arguments in order.
pub fn read(src: &Sources, filenames: &[String], opts: ReadOptions) -> Read {
    let mut out = Read::default();
    // First every path is checked (the builder collects these errors before visiting).
    let mut files: Vec<(String, Option<String>)> = vec![];
    for f in filenames {
        if f == "-" {
            files.push((STDIN.to_string(), None));
            continue;
        }
        if f.starts_with("http://") || f.starts_with("https://") {
            let host = f
                .split("://")
                .nth(1)
                .and_then(|r| r.split('/').next())
                .unwrap_or("");
            out.errors.push(format!(
                "unable to read URL \"{f}\", server reported Get \"{f}\": dial tcp: lookup {host}: no such host"
            ));
            out.fatal = true;
            continue;
        }
        let abs = crate::vfs::normalize(src.cwd, f);
        if !src.fs.exists(&abs) {
            out.errors.push(format!("the path \"{f}\" does not exist"));
            out.fatal = true;
            continue;
        }
        if src.fs.is_dir(&abs) {
            let before = files.len();
            walk(src.fs, &abs, &clean(f), opts.recursive, true, &mut files, 0);
            if files.len() == before && files.is_empty() {
                out.errors.push(format!(
                    "error reading [{f}]: recognized file extensions are [.json .yaml .yml]"
                ));
                out.fatal = true;
            }
        } else {
            files.push((f.clone(), Some(abs)));
        }
    }
    if out.fatal {
        return out;
    }
    for (source, path) in files.into_iter().take(MAX_FILES) {
        let text = match &path {
            None => src.stdin.to_string(),
            Some(p) => match src.fs.read(p) {
                Ok(t) => t,
                Err(e) => {
                    out.errors
                        .push(format!("open {source}: {}", e.to_string().to_lowercase()));
                    continue;
                }
            },
        };
        let (docs, err) = decode_stream(&text);
        for doc in docs {
            if out.items.len() >= MAX_DOCUMENTS {
                break;
            }
            if let Err(e) = validate_doc(&doc, opts.validate) {
                out.errors
                    .push(format!("error validating \"{source}\": {e}"));
                // ValidateSchema failing stops this source.
                break;
            }
            for r in to_items(doc, &source) {
                match r {
                    Ok(i) => out.items.push(i),
                    Err(e) => out.errors.push(e),
                }
            }
        }
        if let Some(e) = err {
            out.errors.push(format!("error parsing {source}: {e}"));
        }
    }
    out
}

/// filepath.Clean, enough for the names kubectl prints (`dir/` → `dir`, `./dir` → `dir`).
fn clean(p: &str) -> String {
    let abs = p.starts_with('/');
    let mut parts: Vec<&str> = vec![];
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !abs {
                    parts.push("..");
                }
            }
            x => parts.push(x),
        }
    }
    let joined = parts.join("/");
    match (abs, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// filepath.Walk over a directory: files in name order; subdirectories only with `-R`.
fn walk(
    fs: &Fs,
    abs: &str,
    shown: &str,
    recursive: bool,
    root: bool,
    files: &mut Vec<(String, Option<String>)>,
    depth: usize,
) {
    if depth > MAX_DEPTH || files.len() >= MAX_FILES {
        return;
    }
    if !root && !recursive {
        return;
    }
    let Ok(entries) = fs.list(abs) else { return };
    for e in entries {
        let child_abs = if abs == "/" {
            format!("/{}", e.name)
        } else {
            format!("{abs}/{}", e.name)
        };
        let child_shown = if shown == "." {
            e.name.clone()
        } else if shown == "/" {
            format!("/{}", e.name)
        } else {
            format!("{shown}/{}", e.name)
        };
        if e.is_dir {
            walk(
                fs,
                &child_abs,
                &child_shown,
                recursive,
                false,
                files,
                depth + 1,
            );
        } else if FILE_EXTENSIONS
            .iter()
            .any(|x| e.name.ends_with(x) && e.name.rfind('.').map(|i| &e.name[i..]) == Some(*x))
        {
            files.push((child_shown, Some(child_abs)));
        }
    }
}

/// The ValidateSchema step: apiVersion and kind must be set.
fn validate_doc(doc: &Value, validate: bool) -> Result<(), String> {
    if !validate {
        return Ok(());
    }
    let mut missing = vec![];
    let set = |k: &str| {
        doc.get(k)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    if !set("apiVersion") {
        missing.push("apiVersion not set");
    }
    if !set("kind") {
        missing.push("kind not set");
    }
    let what = match missing.len() {
        0 => return Ok(()),
        1 => missing[0].to_string(),
        _ => format!("[{}]", missing.join(", ")),
    };
    Err(format!(
        "error validating data: {what}; if you choose to ignore these errors, turn validation off with --validate=false"
    ))
}

/// Maps one decoded document to objects: `List` kinds are flattened; unknown kinds give
/// kubectl's mapping error.
pub fn to_items(doc: Value, source: &str) -> Vec<Result<Item, String>> {
    let mut out = vec![];
    let mut queue = vec![doc];
    // Lists inside lists are flattened too; bounded by MAX_DOCUMENTS.
    let mut i = 0;
    while i < queue.len() && i < MAX_DOCUMENTS {
        let doc = queue[i].clone();
        i += 1;
        let kind = object::kind(&doc).to_string();
        if kind.ends_with("List") {
            if let Some(items) = doc.get("items").and_then(Value::as_array) {
                queue.extend(items.iter().cloned());
                continue;
            }
        }
        out.push(item_for(doc, source));
    }
    out
}

fn item_for(doc: Value, source: &str) -> Result<Item, String> {
    let api_version = object::str_at(&doc, "/apiVersion").to_string();
    let kind = object::kind(&doc).to_string();
    if kind.is_empty() {
        return Err(format!(
            "unable to decode \"{source}\": Object 'Kind' is missing in '{}'",
            serde_json::to_string(&doc).unwrap_or_default()
        ));
    }
    if api_version.is_empty() {
        return Err(format!(
            "unable to decode \"{source}\": Object 'apiVersion' is missing in '{}'",
            serde_json::to_string(&doc).unwrap_or_default()
        ));
    }
    match resources::by_kind(&api_version, &kind) {
        Some(rt) => Ok(Item {
            source: source.to_string(),
            rt,
            obj: doc,
        }),
        None => Err(format!(
            "resource mapping not found for name: \"{}\" namespace: \"{}\" from \"{source}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first",
            object::name(&doc),
            object::namespace(&doc)
        )),
    }
}

/// Decodes a YAML or JSON stream into its non-empty documents. A syntax error stops the stream;
/// what was decoded before it is kept.
pub fn decode_stream(text: &str) -> (Vec<Value>, Option<String>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        return decode_json_stream(text);
    }
    let mut docs = vec![];
    let chunks = match split_yaml_documents(text) {
        Ok(c) => c,
        Err((done, e)) => {
            for chunk in done {
                match yaml_to_json(&chunk) {
                    Ok(v) if !is_empty_doc(&v) => docs.push(v),
                    Ok(_) => {}
                    Err(e) => return (docs, Some(format!("error converting YAML to JSON: {e}"))),
                }
            }
            return (docs, Some(e));
        }
    };
    for chunk in chunks.into_iter().take(MAX_DOCUMENTS) {
        match yaml_to_json(&chunk) {
            Ok(v) if !is_empty_doc(&v) => docs.push(v),
            Ok(_) => {}
            Err(e) => return (docs, Some(format!("error converting YAML to JSON: {e}"))),
        }
    }
    (docs, None)
}

fn is_empty_doc(v: &Value) -> bool {
    v.is_null()
}

/// YAMLReader: documents are separated by lines starting with `---`; only spaces or a comment
/// may follow the separator.
fn split_yaml_documents(text: &str) -> Result<Vec<String>, (Vec<String>, String)> {
    let mut docs = vec![];
    let mut buf = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Err((docs, format!("invalid Yaml document separator: {trimmed}")));
            }
            if !buf.is_empty() {
                docs.push(std::mem::take(&mut buf));
            }
            continue;
        }
        buf.push_str(line);
    }
    if !buf.is_empty() {
        docs.push(buf);
    }
    Ok(docs)
}

/// sigs.k8s.io/yaml's YAMLToJSON for one document: go-yaml v2's scalar rules (`yes`/`on` are
/// booleans, `0644` is octal) and go-yaml's error texts (`yaml: line 4: …`).
pub fn yaml_to_json(doc: &str) -> Result<Value, String> {
    let mut stream = serde_yaml_ng::Deserializer::from_str(doc);
    let first = match stream.next() {
        Some(d) => d,
        None => return Ok(Value::Null),
    };
    let value = GoYaml { src: doc, depth: 0 }
        .deserialize(first)
        .map_err(|e| go_yaml_error(&e))?;
    Ok(value)
}

/// Translates a libyaml error (unsafe-libyaml, the same scanner and parser go-yaml ported) into
/// go-yaml's `yaml: line N: problem`. go-yaml reports scanner errors one line further than
/// parser errors, and falls back to the context line when the problem is on the first line.
fn go_yaml_error(e: &serde_yaml_ng::Error) -> String {
    let debug = format!("{e:?}");
    let Some(problem) = between(&debug, "problem: \"", "\"") else {
        let msg = e.to_string();
        if msg.starts_with("EOF while parsing") {
            return "yaml: unexpected end of stream".into();
        }
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        return format!("yaml: {msg}");
    };
    let scanner = debug.contains("kind: SCANNER");
    let mark_line = |field: &str| -> u64 {
        debug
            .split_once(&format!("{field}: Mark {{ line: "))
            .and_then(|(_, rest)| rest.split(',').next())
            .and_then(|n| n.trim().parse::<u64>().ok())
            .map(|l| l.saturating_sub(1))
            .unwrap_or(0)
    };
    let problem_line = mark_line("problem_mark");
    let context_line = mark_line("context_mark");
    let line = if problem_line != 0 {
        if scanner {
            problem_line + 1
        } else {
            problem_line
        }
    } else {
        context_line
    };
    if line != 0 {
        format!("yaml: line {line}: {problem}")
    } else {
        format!("yaml: {problem}")
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let (_, rest) = s.split_once(start)?;
    let (v, _) = rest.split_once(end)?;
    Some(v)
}

/// Builds a JSON value from YAML with go-yaml v2's resolution of plain scalars.
struct GoYaml<'s> {
    src: &'s str,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for GoYaml<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn float_value(f: f64) -> Value {
    // Go's json.Marshal of a float64 prints whole numbers without a fraction.
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        Value::Number(Number::from(f as i64))
    } else {
        Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

/// go-yaml v2's `resolve` for a plain scalar that YAML 1.2 leaves a string.
fn resolve_plain(s: &str) -> Value {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Value::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Value::Bool(false),
        _ => {}
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let plain_digits = digits.replace('_', "");
    if !plain_digits.is_empty()
        && plain_digits.bytes().all(|b| b.is_ascii_digit())
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        // strconv.ParseInt(s, 0, 64): a leading 0 means octal.
        let parsed = if plain_digits.len() > 1 && plain_digits.starts_with('0') {
            i64::from_str_radix(&plain_digits[1..], 8).ok()
        } else {
            plain_digits.parse::<i64>().ok()
        };
        if let Some(v) = parsed {
            return Value::Number(Number::from(if neg { -v } else { v }));
        }
        if let Ok(f) = plain_digits.parse::<f64>() {
            return float_value(if neg { -f } else { f });
        }
    }
    Value::String(s.to_string())
}

impl<'de> Visitor<'de> for GoYaml<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(float_value(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(float_value(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float_value(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value, E> {
        // A borrowed string points into the document: a quote just before it means it was
        // quoted, so it stays a string; a plain one gets go-yaml's resolution.
        let base = self.src.as_ptr() as usize;
        let at = v.as_ptr() as usize;
        if at > base && at <= base + self.src.len() {
            let prev = self.src.as_bytes()[at - base - 1];
            if prev == b'"' || prev == b'\'' {
                return Ok(Value::String(v.to_string()));
            }
            return Ok(resolve_plain(v));
        }
        Ok(Value::String(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.depth > 256 {
            return Err(serde::de::Error::custom("recursion limit exceeded"));
        }
        let mut out = vec![];
        while let Some(v) = seq.next_element_seed(GoYaml {
            src: self.src,
            depth: self.depth + 1,
        })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.depth > 256 {
            return Err(serde::de::Error::custom("recursion limit exceeded"));
        }
        let mut out = Map::new();
        while let Some(k) = map.next_key_seed(GoYaml {
            src: self.src,
            depth: self.depth + 1,
        })? {
            let key = match k {
                Value::String(s) => s,
                Value::Null => "null".to_string(),
                other => other.to_string(),
            };
            let v = map.next_value_seed(GoYaml {
                src: self.src,
                depth: self.depth + 1,
            })?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// A JSON stream (the input starts with `{`): objects one after another. Syntax errors use Go's
/// encoding/json texts with the byte offset.
fn decode_json_stream(text: &str) -> (Vec<Value>, Option<String>) {
    let mut docs = vec![];
    let mut pos = 0;
    let bytes = text.as_bytes();
    for _ in 0..MAX_DOCUMENTS {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            break;
        }
        let start = pos;
        match go_json::check_value(bytes, pos) {
            Ok(end) => {
                match serde_json::from_str::<Value>(&text[start..end]) {
                    Ok(v) => {
                        if !v.is_null() {
                            docs.push(v);
                        }
                    }
                    Err(e) => return (docs, Some(format!("json: {e}"))),
                }
                pos = end;
            }
            Err(go_json::JsonError::UnexpectedEof) => {
                return (docs, Some("unexpected EOF".into()));
            }
            Err(go_json::JsonError::Syntax { offset, msg }) => {
                return (docs, Some(format!("json: offset {offset}: {msg}")));
            }
        }
    }
    (docs, None)
}

/// Go's encoding/json error for text that is not one JSON value, or None when it is.
pub fn json_syntax_error(text: &str) -> Option<String> {
    let b = text.as_bytes();
    match go_json::check_value(b, 0) {
        Ok(end) => {
            let mut i = end;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() {
                return Some(format!(
                    "invalid character {} after top-level value",
                    go_json::quote_char(b[i])
                ));
            }
            None
        }
        Err(go_json::JsonError::UnexpectedEof) => Some("unexpected end of JSON input".into()),
        Err(go_json::JsonError::Syntax { msg, .. }) => Some(msg),
    }
}

/// A small port of encoding/json's scanner: where the first value ends, or Go's error text.
mod go_json {
    pub enum JsonError {
        UnexpectedEof,
        /// `offset` is the number of bytes read when the error was found (SyntaxError.Offset).
        Syntax {
            offset: usize,
            msg: String,
        },
    }

    pub fn quote_char(c: u8) -> String {
        match c {
            b'\'' => "'\\''".into(),
            b'"' => "'\"'".into(),
            c if c.is_ascii_graphic() || c == b' ' => format!("'{}'", c as char),
            c => format!("'\\x{c:02x}'"),
        }
    }

    fn err(offset: usize, c: u8, context: &str) -> JsonError {
        JsonError::Syntax {
            offset: offset + 1,
            msg: format!("invalid character {} {context}", quote_char(c)),
        }
    }

    fn ws(b: &[u8], mut i: usize) -> usize {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    const MAX_JSON_DEPTH: usize = 500;

    /// Checks one value starting at `i`; returns the index after it.
    pub fn check_value(b: &[u8], i: usize) -> Result<usize, JsonError> {
        value(b, ws(b, i), 0)
    }

    fn value(b: &[u8], i: usize, depth: usize) -> Result<usize, JsonError> {
        // Go allows 10,000 levels; the page's stack (1 MB in wasm) does not, and serde_json
        // stops at 128 anyway, so nesting past this is refused with Go's message.
        if depth > MAX_JSON_DEPTH {
            return Err(JsonError::Syntax {
                offset: i,
                msg: "exceeded max depth".into(),
            });
        }
        let Some(&c) = b.get(i) else {
            return Err(JsonError::UnexpectedEof);
        };
        match c {
            b'{' => object(b, i + 1, depth),
            b'[' => array(b, i + 1, depth),
            b'"' => string(b, i + 1),
            b'-' | b'0'..=b'9' => number(b, i),
            b't' => literal(b, i, b"true"),
            b'f' => literal(b, i, b"false"),
            b'n' => literal(b, i, b"null"),
            c => Err(err(i, c, "looking for beginning of value")),
        }
    }

    fn literal(b: &[u8], i: usize, word: &[u8]) -> Result<usize, JsonError> {
        for (k, w) in word.iter().enumerate() {
            match b.get(i + k) {
                None => return Err(JsonError::UnexpectedEof),
                Some(c) if c == w => {}
                Some(&c) => {
                    return Err(err(
                        i + k,
                        c,
                        &format!(
                            "in literal {} (expecting {})",
                            String::from_utf8_lossy(word),
                            quote_char(*w)
                        ),
                    ))
                }
            }
        }
        Ok(i + word.len())
    }

    fn number(b: &[u8], mut i: usize) -> Result<usize, JsonError> {
        if b.get(i) == Some(&b'-') {
            i += 1;
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(c) if c.is_ascii_digit() => {}
                Some(&c) => return Err(err(i, c, "in numeric literal")),
            }
        }
        if b.get(i) == Some(&b'0') {
            i += 1;
        } else {
            while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(c) if c.is_ascii_digit() => {}
                Some(&c) => return Err(err(i, c, "after decimal point in numeric literal")),
            }
            while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(c) if c.is_ascii_digit() => {}
                Some(&c) => return Err(err(i, c, "in exponent of numeric literal")),
            }
            while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
        }
        Ok(i)
    }

    fn string(b: &[u8], mut i: usize) -> Result<usize, JsonError> {
        loop {
            let Some(&c) = b.get(i) else {
                return Err(JsonError::UnexpectedEof);
            };
            match c {
                b'"' => return Ok(i + 1),
                b'\\' => {
                    let Some(&e) = b.get(i + 1) else {
                        return Err(JsonError::UnexpectedEof);
                    };
                    match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                        b'u' => {
                            for k in 0..4 {
                                match b.get(i + 2 + k) {
                                    None => return Err(JsonError::UnexpectedEof),
                                    Some(h) if h.is_ascii_hexdigit() => {}
                                    Some(&h) => {
                                        return Err(err(
                                            i + 2 + k,
                                            h,
                                            "in \\u hexadecimal character escape",
                                        ))
                                    }
                                }
                            }
                            i += 6;
                        }
                        e => return Err(err(i + 1, e, "in string escape code")),
                    }
                }
                c if c < 0x20 => return Err(err(i, c, "in string literal")),
                _ => i += 1,
            }
        }
    }

    fn object(b: &[u8], i: usize, depth: usize) -> Result<usize, JsonError> {
        let mut i = ws(b, i);
        if b.get(i) == Some(&b'}') {
            return Ok(i + 1);
        }
        loop {
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(b'"') => i = string(b, i + 1)?,
                Some(&c) => return Err(err(i, c, "looking for beginning of object key string")),
            }
            i = ws(b, i);
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(b':') => {}
                Some(&c) => return Err(err(i, c, "after object key")),
            }
            i = value(b, ws(b, i + 1), depth + 1)?;
            i = ws(b, i);
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(b',') => i = ws(b, i + 1),
                Some(b'}') => return Ok(i + 1),
                Some(&c) => return Err(err(i, c, "after object key:value pair")),
            }
        }
    }

    fn array(b: &[u8], i: usize, depth: usize) -> Result<usize, JsonError> {
        let mut i = ws(b, i);
        if b.get(i) == Some(&b']') {
            return Ok(i + 1);
        }
        loop {
            i = value(b, i, depth + 1)?;
            i = ws(b, i);
            match b.get(i) {
                None => return Err(JsonError::UnexpectedEof),
                Some(b',') => i = ws(b, i + 1),
                Some(b']') => return Ok(i + 1),
                Some(&c) => return Err(err(i, c, "after array element")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err_of(text: &str) -> String {
        decode_stream(text).1.unwrap_or_default()
    }

    #[test]
    fn splits_documents_and_skips_empty_ones() {
        let (docs, err) = decode_stream("a: 1\n---\n# only a comment\n---\nb: 2\n");
        assert_eq!(err, None);
        assert_eq!(docs, vec![json!({"a": 1}), json!({"b": 2})]);
    }

    #[test]
    fn go_yaml_scalars() {
        let (docs, _) = decode_stream(
            "a: yes\nb: 'yes'\nc: 0644\nd: \"0644\"\ne: 1.0\nf: 1.5\ng: on\nh: ~\ni: 08\n",
        );
        assert_eq!(
            docs[0],
            json!({"a": true, "b": "yes", "c": 420, "d": "0644", "e": 1, "f": 1.5, "g": true, "h": null, "i": 8})
        );
    }

    #[test]
    fn yaml_errors_read_like_go_yaml() {
        assert_eq!(
            err_of("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n"),
            "error converting YAML to JSON: yaml: line 4: found character that cannot start any token"
        );
        assert_eq!(
            err_of("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n    labels: y\n"),
            "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"
        );
        assert_eq!(
            err_of("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n c: 2\n"),
            "error converting YAML to JSON: yaml: line 4: did not find expected key"
        );
        assert_eq!(
            err_of("---\na: 1\n---\nb: 2\nc\nd: 3\n"),
            "error converting YAML to JSON: yaml: line 3: could not find expected ':'"
        );
    }

    #[test]
    fn json_streams_and_errors() {
        let (docs, err) = decode_stream("{\"a\": 1}\n{\"b\": 2}\n");
        assert_eq!(err, None);
        assert_eq!(docs.len(), 2);
        assert_eq!(
            err_of("{\n  \"a\": 1,\n}\n"),
            "json: offset 13: invalid character '}' looking for beginning of object key string"
        );
        assert_eq!(err_of("{\"a\": 1"), "unexpected EOF");
        assert_eq!(
            err_of("\tapiVersion: v1\n"),
            "error converting YAML to JSON: yaml: found character that cannot start any token"
        );
        assert_eq!(
            err_of("a: [1, 2\nb: 3\n"),
            "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"
        );
        assert_eq!(
            err_of("a: \"unterminated\nb: 3\n"),
            "error converting YAML to JSON: yaml: line 3: found unexpected end of stream"
        );
        assert_eq!(
            err_of("a: 1\n---foo\nb: 2\n"),
            "invalid Yaml document separator: foo"
        );
    }

    #[test]
    fn kinds_and_lists() {
        let items = to_items(
            json!({"apiVersion": "v1", "kind": "List", "items": [
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}},
                {"apiVersion": "apps/v1beta1", "kind": "Deployment", "metadata": {"name": "b"}}
            ]}),
            "x.yaml",
        );
        assert!(items[0].is_ok());
        assert_eq!(
            items[1].as_ref().err().map(String::as_str),
            Some("resource mapping not found for name: \"b\" namespace: \"\" from \"x.yaml\": no matches for kind \"Deployment\" in version \"apps/v1beta1\"\nensure CRDs are installed first")
        );
        assert_eq!(
            validate_doc(&json!({"metadata": {}}), true).err(),
            Some("error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false".to_string())
        );
    }

    #[test]
    fn cleans_paths() {
        assert_eq!(clean("dir/"), "dir");
        assert_eq!(clean("./dir"), "dir");
        assert_eq!(clean("/a/b/../c"), "/a/c");
    }
}

//! YAML colouring for the editor, line by line. It only has to look right for manifests: keys,
//! scalars, comments, `-` and `---`, block scalars (`|`, `>`), and tabs shown as errors. Every
//! character of the line lands in exactly one span, so the coloured layer lines up with the
//! text area drawn over it.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Plain,
    Key,
    Punct,
    String,
    Number,
    Keyword,
    Comment,
    Document,
    Tab,
    Anchor,
}

impl Class {
    pub fn css(self) -> &'static str {
        match self {
            Class::Plain => "y-plain",
            Class::Key => "y-key",
            Class::Punct => "y-punct",
            Class::String => "y-str",
            Class::Number => "y-num",
            Class::Keyword => "y-kw",
            Class::Comment => "y-comment",
            Class::Document => "y-doc",
            Class::Tab => "y-tab",
            Class::Anchor => "y-anchor",
        }
    }
}

pub type Span = (Class, String);

/// Colours every line of `text`; a block scalar's body (after `key: |`) is one string.
pub fn highlight(lines: &[String]) -> Vec<Vec<Span>> {
    let mut out = Vec::with_capacity(lines.len());
    // Inside a block scalar: lines indented more than this belong to it.
    let mut block_indent: Option<usize> = None;
    for line in lines {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if let Some(bi) = block_indent {
            if line.trim().is_empty() || indent > bi {
                out.push(split_tabs(vec![(Class::String, line.clone())]));
                continue;
            }
            block_indent = None;
        }
        let spans = line_spans(line);
        if opens_block_scalar(line) {
            block_indent = Some(indent);
        }
        out.push(split_tabs(spans));
    }
    out
}

fn opens_block_scalar(line: &str) -> bool {
    let t = strip_comment(line).trim_end();
    let last = t.rsplit([' ', ':']).next().unwrap_or("");
    (t.ends_with(": |") || t.ends_with(": >") || t.ends_with("- |") || t.ends_with("- >"))
        || ((last.starts_with('|') || last.starts_with('>'))
            && last.len() <= 3
            && last[1..]
                .chars()
                .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
            && (t.ends_with(&format!(": {last}")) || t.ends_with(&format!("- {last}"))))
}

/// The line up to a comment (`#` at the start or after a space, outside quotes).
fn strip_comment(line: &str) -> &str {
    match comment_start(line) {
        Some(p) => &line[..p],
        None => line,
    }
}

fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'')
                && (prev == ' ' || prev == ':' || prev == '-' || i == 0) =>
            {
                quote = Some(c);
            }
            None if c == '#' && (prev == ' ' || prev == '\t' || i == 0) => return Some(i),
            None => {}
        }
        prev = c;
    }
    None
}

fn line_spans(line: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let body_end = comment_start(line).unwrap_or(line.len());
    let (body, comment) = line.split_at(body_end);
    let trimmed = body.trim_start_matches([' ', '\t']);
    let lead = &body[..body.len() - trimmed.len()];
    if !lead.is_empty() {
        spans.push((Class::Plain, lead.to_string()));
    }
    if trimmed.starts_with("---") || trimmed.starts_with("...") {
        spans.push((Class::Document, trimmed.to_string()));
    } else {
        let mut rest = trimmed;
        // Sequence dashes: `- - x`.
        while rest == "-" || rest.starts_with("- ") {
            let n = if rest == "-" { 1 } else { 2 };
            spans.push((Class::Punct, rest[..n].to_string()));
            rest = &rest[n..];
            let sp = rest.len() - rest.trim_start_matches(' ').len();
            if sp > 0 {
                spans.push((Class::Plain, rest[..sp].to_string()));
                rest = &rest[sp..];
            }
        }
        if let Some(colon) = key_colon(rest) {
            spans.push((Class::Key, rest[..colon].to_string()));
            spans.push((Class::Punct, ":".to_string()));
            rest = &rest[colon + 1..];
            let sp = rest.len() - rest.trim_start_matches(' ').len();
            if sp > 0 {
                spans.push((Class::Plain, rest[..sp].to_string()));
                rest = &rest[sp..];
            }
        }
        if !rest.is_empty() {
            spans.push(scalar(rest));
        }
    }
    if !comment.is_empty() {
        spans.push((Class::Comment, comment.to_string()));
    }
    spans
}

/// Where `key:` ends: the first `:` followed by a space or the end, outside quotes and
/// flow collections.
fn key_colon(s: &str) -> Option<usize> {
    if s.starts_with(['"', '\'']) {
        let q = s.chars().next()?;
        let close = s[1..].find(q)? + 1;
        let after = &s[close + 1..];
        return (after.starts_with(':') && (after.len() == 1 || after[1..].starts_with(' ')))
            .then_some(close + 1);
    }
    if s.starts_with(['{', '[', '|', '>', '&', '*', '!']) {
        return None;
    }
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t') {
            return Some(i);
        }
    }
    None
}

fn scalar(s: &str) -> Span {
    let t = s.trim_end();
    let class = if t.starts_with(['"', '\'']) {
        Class::String
    } else if t.starts_with(['&', '*', '!']) {
        Class::Anchor
    } else if t.starts_with(['|', '>', '{', '[', '}', ']']) {
        Class::Punct
    } else if matches!(
        t,
        "true"
            | "false"
            | "True"
            | "False"
            | "TRUE"
            | "FALSE"
            | "null"
            | "Null"
            | "NULL"
            | "~"
            | "yes"
            | "no"
            | "on"
            | "off"
    ) {
        Class::Keyword
    } else if !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && t.chars().any(|c| c.is_ascii_digit())
    {
        Class::Number
    } else {
        Class::Plain
    };
    (class, s.to_string())
}

/// Tabs get their own span, drawn as an error.
fn split_tabs(spans: Vec<Span>) -> Vec<Span> {
    if !spans.iter().any(|(_, s)| s.contains('\t')) {
        return spans;
    }
    let mut out = Vec::new();
    for (class, text) in spans {
        let mut cur = String::new();
        for c in text.chars() {
            if c == '\t' {
                if !cur.is_empty() {
                    out.push((class, std::mem::take(&mut cur)));
                }
                out.push((Class::Tab, "\t".to_string()));
            } else {
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            out.push((class, cur));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(line: &str) -> Vec<(Class, String)> {
        highlight(&[line.to_string()]).remove(0)
    }

    fn s(c: Class, t: &str) -> (Class, String) {
        (c, t.to_string())
    }

    #[test]
    fn spans_cover_every_character() {
        for l in [
            "  - name: nginx # the web",
            "\tname: x",
            "key: \"a: b\"",
            "- - 1",
            "--- ",
            "image: nginx:1.27",
            "",
        ] {
            let lines = vec![l.to_string()];
            let joined: String = highlight(&lines)[0]
                .iter()
                .map(|(_, s)| s.as_str())
                .collect();
            assert_eq!(joined, l);
        }
    }

    #[test]
    fn keys_values_and_comments() {
        assert_eq!(
            classes("  replicas: 3"),
            vec![
                s(Class::Plain, "  "),
                s(Class::Key, "replicas"),
                s(Class::Punct, ":"),
                s(Class::Plain, " "),
                s(Class::Number, "3")
            ]
        );
        let c = classes("- image: nginx:1.27 # latest");
        assert_eq!(c[0], s(Class::Punct, "- "));
        assert_eq!(c[1], s(Class::Key, "image"));
        assert_eq!(c.last().map(|x| x.0), Some(Class::Comment));
    }

    #[test]
    fn block_scalars_are_strings() {
        let lines: Vec<String> = ["data:", "  run.sh: |", "    echo a: b", "  other: 1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let h = highlight(&lines);
        assert_eq!(h[2], vec![(Class::String, "    echo a: b".to_string())]);
        assert!(h[3].iter().any(|(c, _)| *c == Class::Key));
    }
}

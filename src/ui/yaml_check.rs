//! What the editor marks while the learner types: every tab character (YAML indents with
//! spaces only, and a pasted tab is the most common way a manifest breaks) and the first YAML
//! syntax error of the stream, each on its line. Pure; the parse is `serde_yaml_ng`'s (libyaml),
//! the reader kubectl's decoder is modelled on.

use crate::sorting::SharedSort;
use serde::Deserialize;

/// Longest text checked while typing; a bigger buffer is still saved and applied as it is.
const MAX_CHECKED_BYTES: usize = 256 * 1024;
/// At most this many marks, so a file full of tabs stays light to draw.
const MAX_DIAGNOSTICS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// A tab character on the line.
    Tab,
    /// The YAML parser stopped here.
    Syntax,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub kind: DiagnosticKind,
    /// The parser's own words for `Syntax` (libyaml's English, as kubectl would quote it);
    /// empty for `Tab` (the page words that one in the learner's language).
    pub message: String,
}

/// All marks for `text`, by line.
pub fn check(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if text.len() > MAX_CHECKED_BYTES {
        return out;
    }
    for (i, line) in text.split('\n').enumerate() {
        if let Some(col) = line.chars().position(|c| c == '\t') {
            out.push(Diagnostic {
                line: i + 1,
                column: col + 1,
                kind: DiagnosticKind::Tab,
                message: String::new(),
            });
            if out.len() >= MAX_DIAGNOSTICS {
                break;
            }
        }
    }
    if let Some(d) = syntax_error(text) {
        out.push(d);
    }
    out.sort_shared_by_key(|d| (d.line, d.kind == DiagnosticKind::Syntax));
    out
}

/// The first error of the YAML stream (every `---` document is read), if any.
fn syntax_error(text: &str) -> Option<Diagnostic> {
    for doc in serde_yaml_ng::Deserializer::from_str(text) {
        if let Err(e) = serde_yaml_ng::Value::deserialize(doc) {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            // A mark just past the last line (an unterminated quote): point at the last line.
            let lines = text.split('\n').count().max(1);
            return Some(Diagnostic {
                line: line.clamp(1, lines),
                column,
                kind: DiagnosticKind::Syntax,
                message: strip_location(&e.to_string()),
            });
        }
    }
    None
}

/// libyaml's message without the " at line L column C" the page shows by itself.
fn strip_location(msg: &str) -> String {
    let Some(at) = msg.find(" at line ") else {
        return msg.to_string();
    };
    let rest = &msg[at + " at line ".len()..];
    // Skip "L column C".
    let after = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
        .map(|p| &rest[p..])
        .unwrap_or("");
    format!("{}{}", &msg[..at], after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_manifest_has_no_marks() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n";
        assert_eq!(check(yaml), vec![]);
        assert_eq!(check(""), vec![]);
        assert_eq!(check("a: 1\n---\nb: 2\n"), vec![]);
    }

    #[test]
    fn a_tab_is_marked_on_its_line_with_the_parse_error() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n";
        let d = check(yaml);
        assert_eq!(d[0].line, 4);
        assert_eq!(d[0].kind, DiagnosticKind::Tab);
        assert!(
            d.iter()
                .any(|d| d.kind == DiagnosticKind::Syntax && d.line == 4),
            "{d:?}"
        );
        let syntax = d
            .iter()
            .find(|d| d.kind == DiagnosticKind::Syntax)
            .map(|d| d.message.clone());
        assert_eq!(
            syntax.as_deref(),
            Some("found character that cannot start any token, while scanning for the next token")
        );
    }

    #[test]
    fn errors_in_a_later_document_carry_the_stream_line() {
        let d = check("a: 1\n---\nb: 2\n  c: 3\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 4, "{d:?}");
        assert_eq!(
            d[0].message,
            "mapping values are not allowed in this context"
        );
    }

    #[test]
    fn an_unclosed_quote_points_into_the_text() {
        let d = check("a: \"x\nb: 2");
        assert_eq!(d.len(), 1);
        assert!(d[0].line <= 2, "{d:?}");
    }
}

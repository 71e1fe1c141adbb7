//! The Markdown of lesson steps, parsed into blocks the page draws as elements (never as HTML
//! text, so nothing in a lesson can inject markup).
//!
//! Lessons use a small part of Markdown: paragraphs, `#` headings, fenced code blocks, `-`/`*`
//! and numbered lists, `|` tables, `inline code`, **bold** and *emphasis*. A full CommonMark
//! crate would cost more download than the whole lesson set; this covers what the authoring
//! guide (`lessons/README.md`) allows.

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Bold(String),
    Emphasis(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A fenced code block: its lines, and its index among the step's code blocks (the
    /// commands the page runs on a click are `StepText::commands[index]`).
    Code {
        lines: Vec<String>,
        index: usize,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// A table: the header row, then the body rows.
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

/// Splits inline Markdown into text, `code`, **bold** and *emphasis*. Unclosed markers stay
/// text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(Inline::Text(std::mem::take(plain)));
        }
    };
    while let Some(c) = rest.chars().next() {
        let (marker, make): (&str, fn(String) -> Inline) = if rest.starts_with('`') {
            ("`", Inline::Code)
        } else if rest.starts_with("**") {
            ("**", Inline::Bold)
        } else if rest.starts_with('*') && !rest.starts_with("* ") {
            ("*", Inline::Emphasis)
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let body = &rest[marker.len()..];
        match body.find(marker) {
            Some(end) if end > 0 => {
                flush(&mut plain, &mut out);
                out.push(make(body[..end].to_string()));
                rest = &body[end + marker.len()..];
            }
            _ => {
                plain.push_str(marker);
                rest = body;
            }
        }
    }
    flush(&mut plain, &mut out);
    out
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    if let Some(r) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((false, r));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(r) = t[digits..].strip_prefix(". ") {
            return Some((true, r));
        }
    }
    None
}

fn table_cells(line: &str) -> Vec<Vec<Inline>> {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(|c| inlines(c.trim())).collect()
}

fn is_table_rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Parses a step's instructions into blocks.
pub fn parse(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut code_index = 0;
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    let mut para: Vec<&str> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inlines(&para.join(" "))));
            para.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start();
        if t.starts_with("```") {
            flush_para(&mut para, &mut blocks);
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push(lines[i].to_string());
                i += 1;
            }
            blocks.push(Block::Code {
                lines: code,
                index: code_index,
            });
            code_index += 1;
            i += 1;
            continue;
        }
        if t.is_empty() {
            flush_para(&mut para, &mut blocks);
            i += 1;
            continue;
        }
        if t.starts_with('#') {
            flush_para(&mut para, &mut blocks);
            let level = t.chars().take_while(|&c| c == '#').count().min(6) as u8;
            blocks.push(Block::Heading(
                level,
                inlines(t.trim_start_matches('#').trim()),
            ));
            i += 1;
            continue;
        }
        if t.starts_with('|') {
            flush_para(&mut para, &mut blocks);
            let head = table_cells(t);
            let mut rows = Vec::new();
            i += 1;
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                if !is_table_rule(lines[i]) {
                    rows.push(table_cells(lines[i]));
                }
                i += 1;
            }
            blocks.push(Block::Table { head, rows });
            continue;
        }
        if let Some((ordered, first)) = list_item(line) {
            flush_para(&mut para, &mut blocks);
            let mut items: Vec<String> = vec![first.to_string()];
            i += 1;
            while i < lines.len() {
                let l = lines[i];
                if let Some((_, item)) = list_item(l) {
                    items.push(item.to_string());
                } else if !l.trim().is_empty() && l.starts_with(' ') {
                    // A continuation line of the item above.
                    if let Some(last) = items.last_mut() {
                        last.push(' ');
                        last.push_str(l.trim());
                    }
                } else {
                    break;
                }
                i += 1;
            }
            blocks.push(Block::List {
                ordered,
                items: items.iter().map(|s| inlines(s)).collect(),
            });
            continue;
        }
        para.push(t.trim_end());
        i += 1;
    }
    flush_para(&mut para, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn inline_code_bold_and_emphasis() {
        assert_eq!(
            inlines("Run `kubectl get pods` **now**, *please*"),
            vec![
                text("Run "),
                Inline::Code("kubectl get pods".into()),
                text(" "),
                Inline::Bold("now".into()),
                text(", "),
                Inline::Emphasis("please".into()),
            ]
        );
        // Unclosed markers are text; markup is never interpreted as HTML.
        assert_eq!(inlines("a `b <script>"), vec![text("a `b <script>")]);
    }

    #[test]
    fn blocks_of_a_step() {
        let md = "First line\nsame paragraph.\n\n```sh\nkubectl get pods\nkubectl get ns\n```\n\n- one\n- two\n  more\n\n| a | b |\n|---|---|\n| `x` | y |\n\n## Next\nend";
        let b = parse(md);
        assert_eq!(
            b[0],
            Block::Paragraph(vec![text("First line same paragraph.")])
        );
        assert_eq!(
            b[1],
            Block::Code {
                lines: vec!["kubectl get pods".into(), "kubectl get ns".into()],
                index: 0
            }
        );
        assert_eq!(
            b[2],
            Block::List {
                ordered: false,
                items: vec![vec![text("one")], vec![text("two more")]]
            }
        );
        assert_eq!(
            b[3],
            Block::Table {
                head: vec![vec![text("a")], vec![text("b")]],
                rows: vec![vec![vec![Inline::Code("x".into())], vec![text("y")]]],
            }
        );
        assert_eq!(b[4], Block::Heading(2, vec![text("Next")]));
        assert_eq!(b[5], Block::Paragraph(vec![text("end")]));
    }

    #[test]
    fn every_lesson_code_block_is_numbered_like_its_commands() {
        for lesson in crate::lessons::all() {
            for step in &lesson.steps {
                for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Ko] {
                    let text = step.text(lang);
                    let codes: Vec<Vec<String>> = parse(&text.instructions)
                        .into_iter()
                        .filter_map(|b| match b {
                            Block::Code { lines, .. } => Some(lines),
                            _ => None,
                        })
                        .collect();
                    assert_eq!(codes, text.commands, "{} / {}", lesson.id, step.id);
                }
            }
        }
    }
}

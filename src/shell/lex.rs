//! Tokeniser: splits shell input into words (kept raw, quotes and all, for the expander) and
//! operators, and collects here-document bodies.

/// Why the input is not complete yet: the caller asks for another line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incomplete {
    /// An open quote, `$(`, `${` or backtick, or a trailing backslash.
    Quote,
    /// A here-document whose delimiter has not been seen.
    HereDoc,
    /// The grammar needs more (trailing `|`, `&&`, an open `for`/`if`/…).
    Syntax,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>` (and `>|`)
    Out,
    /// `>>`
    Append,
    /// `<<` / `<<-`: the here-document with this index
    HereDoc(usize),
    /// `<<<`
    HereString,
    /// `>&` (`2>&1`)
    DupOut,
    /// `<&`
    DupIn,
    /// `&>`
    OutErr,
    /// `&>>`
    AppendErr,
    /// `<>`
    ReadWrite,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A word, raw (quotes kept).
    Word(String),
    /// `|` `||` `&&` `;` `;;` `&` `(` `)` `|&`
    Op(&'static str),
    Redir(Option<u32>, RedirOp),
    Newline,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HereDoc {
    pub body: String,
    /// The delimiter was quoted: no expansion in the body.
    pub quoted: bool,
}

#[derive(Debug, Default)]
pub struct Lexed {
    pub toks: Vec<Tok>,
    pub heredocs: Vec<HereDoc>,
}

struct PendingDoc {
    idx: usize,
    delim: String,
    strip_tabs: bool,
}

pub fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '|' | '&' | ';' | '<' | '>' | '(' | ')'
    )
}

/// Tokenise the whole input (which may span several lines).
pub fn lex(input: &str) -> Result<Lexed, Incomplete> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Lexed::default();
    let mut pending: Vec<PendingDoc> = Vec::new();
    // Set after a `<<` operator: the next word is a delimiter.
    let mut want_delim: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\r' => i += 1,
            '\\' if chars.get(i + 1) == Some(&'\n') => {
                if i + 2 >= chars.len() {
                    return Err(Incomplete::Quote);
                }
                i += 2;
            }
            '\n' => {
                out.toks.push(Tok::Newline);
                i += 1;
                if !pending.is_empty() {
                    i = read_heredocs(&chars, i, &mut pending, &mut out)?;
                }
            }
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '(' if chars.get(i + 1) == Some(&'(') && arith_end(&chars, i).is_some() => {
                // `(( expr ))` (and `for (( … ))`): one word.
                let start = i;
                i = arith_end(&chars, i).unwrap_or(chars.len());
                out.toks.push(Tok::Word(chars[start..i].iter().collect()));
            }
            '<' if chars.get(i + 1) == Some(&'(') => {
                // Process substitution `<(…)`: a word.
                let start = i;
                i = skip_parens(&chars, i + 2)?;
                i = scan_word(&chars, i)?;
                out.toks.push(Tok::Word(chars[start..i].iter().collect()));
            }
            '|' | '&' | ';' | '(' | ')' | '<' | '>' => {
                let (mut tok, len) = operator(&chars, i, None);
                i += len;
                if let Tok::Redir(_, RedirOp::HereDoc(idx)) = &mut tok {
                    *idx = out.heredocs.len();
                    want_delim = Some((out.heredocs.len(), len == 3));
                    out.heredocs.push(HereDoc::default());
                }
                out.toks.push(tok);
            }
            _ => {
                let start = i;
                i = scan_word(&chars, i)?;
                let word: String = chars[start..i].iter().collect();
                // An fd number right before a redirection: `2>`, `2>&1`.
                if i < chars.len()
                    && (chars[i] == '<' || chars[i] == '>')
                    && word.len() <= 4
                    && word.chars().all(|d| d.is_ascii_digit())
                {
                    let fd: Option<u32> = word.parse().ok();
                    let (mut tok, len) = operator(&chars, i, fd);
                    i += len;
                    if let Tok::Redir(_, RedirOp::HereDoc(idx)) = &mut tok {
                        *idx = out.heredocs.len();
                        want_delim = Some((out.heredocs.len(), len == 3));
                        out.heredocs.push(HereDoc::default());
                    }
                    out.toks.push(tok);
                    continue;
                }
                if let Some((idx, strip_tabs)) = want_delim.take() {
                    let quoted = word.contains(['\'', '"', '\\']);
                    let delim = unquote_simple(&word);
                    if let Some(doc) = out.heredocs.get_mut(idx) {
                        doc.quoted = quoted;
                    }
                    pending.push(PendingDoc {
                        idx,
                        delim,
                        strip_tabs,
                    });
                }
                out.toks.push(Tok::Word(word));
            }
        }
    }
    if !pending.is_empty() {
        return Err(Incomplete::HereDoc);
    }
    Ok(out)
}

fn read_heredocs(
    chars: &[char],
    mut i: usize,
    pending: &mut Vec<PendingDoc>,
    out: &mut Lexed,
) -> Result<usize, Incomplete> {
    for doc in pending.drain(..) {
        let mut body = String::new();
        loop {
            if i >= chars.len() {
                return Err(Incomplete::HereDoc);
            }
            let start = i;
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            let mut line: String = chars[start..i].iter().collect();
            let had_newline = i < chars.len();
            if had_newline {
                i += 1;
            }
            if doc.strip_tabs {
                line = line.trim_start_matches('\t').to_string();
            }
            if line == doc.delim {
                break;
            }
            if !had_newline {
                // The last line has no newline yet: more input may complete it.
                return Err(Incomplete::HereDoc);
            }
            body.push_str(&line);
            body.push('\n');
        }
        if let Some(d) = out.heredocs.get_mut(doc.idx) {
            d.body = body;
        }
    }
    Ok(i)
}

/// At `((`: the index after the matching `))` when the two parens close together.
fn arith_end(chars: &[char], i: usize) -> Option<usize> {
    let end = skip_parens(chars, i + 1).ok()?;
    if end >= 2 && chars.get(end - 2) == Some(&')') && skip_parens(chars, i + 2).ok()? == end - 1 {
        Some(end)
    } else {
        None
    }
}

/// Remove quotes from a here-document delimiter.
fn unquote_simple(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars();
    let mut q: Option<char> = None;
    while let Some(c) = chars.next() {
        match (q, c) {
            (None, '\'' | '"') => q = Some(c),
            (Some(o), c) if c == o => q = None,
            (None, '\\') | (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn operator(chars: &[char], i: usize, fd: Option<u32>) -> (Tok, usize) {
    let c = chars[i];
    let n1 = chars.get(i + 1).copied();
    let n2 = chars.get(i + 2).copied();
    match c {
        '|' => match n1 {
            Some('|') => (Tok::Op("||"), 2),
            Some('&') => (Tok::Op("|&"), 2),
            _ => (Tok::Op("|"), 1),
        },
        '&' => match (n1, n2) {
            (Some('&'), _) => (Tok::Op("&&"), 2),
            (Some('>'), Some('>')) => (Tok::Redir(None, RedirOp::AppendErr), 3),
            (Some('>'), _) => (Tok::Redir(None, RedirOp::OutErr), 2),
            _ => (Tok::Op("&"), 1),
        },
        ';' => match n1 {
            Some(';') => (Tok::Op(";;"), 2),
            _ => (Tok::Op(";"), 1),
        },
        '(' => (Tok::Op("("), 1),
        ')' => (Tok::Op(")"), 1),
        '<' => match (n1, n2) {
            (Some('<'), Some('<')) => (Tok::Redir(fd, RedirOp::HereString), 3),
            (Some('<'), Some('-')) => (Tok::Redir(fd, RedirOp::HereDoc(0)), 3),
            (Some('<'), _) => (Tok::Redir(fd, RedirOp::HereDoc(0)), 2),
            (Some('&'), _) => (Tok::Redir(fd, RedirOp::DupIn), 2),
            (Some('>'), _) => (Tok::Redir(fd, RedirOp::ReadWrite), 2),
            _ => (Tok::Redir(fd, RedirOp::In), 1),
        },
        _ => match n1 {
            Some('>') => (Tok::Redir(fd, RedirOp::Append), 2),
            Some('&') => (Tok::Redir(fd, RedirOp::DupOut), 2),
            Some('|') => (Tok::Redir(fd, RedirOp::Out), 2),
            _ => (Tok::Redir(fd, RedirOp::Out), 1),
        },
    }
}

/// Scan one word starting at `i`; returns the index after it.
pub fn scan_word(chars: &[char], mut i: usize) -> Result<usize, Incomplete> {
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                if i + 1 >= chars.len() {
                    return Err(Incomplete::Quote);
                }
                if chars[i + 1] == '\n' && i + 2 >= chars.len() {
                    return Err(Incomplete::Quote);
                }
                i += 2;
            }
            '\'' => i = skip_single(chars, i + 1)?,
            '"' => i = skip_double(chars, i + 1)?,
            '`' => i = skip_backtick(chars, i + 1)?,
            '$' => i = skip_dollar(chars, i)?,
            c if is_meta(c) || c == '\r' => break,
            _ => i += 1,
        }
    }
    Ok(i)
}

/// After an opening `'`: index after the closing one.
pub fn skip_single(chars: &[char], mut i: usize) -> Result<usize, Incomplete> {
    while i < chars.len() {
        if chars[i] == '\'' {
            return Ok(i + 1);
        }
        i += 1;
    }
    Err(Incomplete::Quote)
}

/// After an opening `"`: index after the closing one.
pub fn skip_double(chars: &[char], mut i: usize) -> Result<usize, Incomplete> {
    while i < chars.len() {
        match chars[i] {
            '"' => return Ok(i + 1),
            '\\' => i += 2,
            '`' => i = skip_backtick(chars, i + 1)?,
            '$' => i = skip_dollar(chars, i)?,
            _ => i += 1,
        }
    }
    Err(Incomplete::Quote)
}

/// After an opening backtick: index after the closing one.
pub fn skip_backtick(chars: &[char], mut i: usize) -> Result<usize, Incomplete> {
    while i < chars.len() {
        match chars[i] {
            '`' => return Ok(i + 1),
            '\\' => i += 2,
            _ => i += 1,
        }
    }
    Err(Incomplete::Quote)
}

/// At a `$`: index after the whole expansion (`$(…)`, `${…}`, `$'…'`, or just the `$`).
pub fn skip_dollar(chars: &[char], i: usize) -> Result<usize, Incomplete> {
    match chars.get(i + 1) {
        Some('(') => skip_parens(chars, i + 2),
        Some('{') => skip_braces(chars, i + 2),
        Some('\'') => {
            // $'…' with backslash escapes
            let mut j = i + 2;
            while j < chars.len() {
                match chars[j] {
                    '\\' => j += 2,
                    '\'' => return Ok(j + 1),
                    _ => j += 1,
                }
            }
            Err(Incomplete::Quote)
        }
        _ => Ok(i + 1),
    }
}

/// After `$(`: index after the matching `)`.
pub fn skip_parens(chars: &[char], mut i: usize) -> Result<usize, Incomplete> {
    let mut depth = 1usize;
    while i < chars.len() {
        match chars[i] {
            '(' => {
                depth += 1;
                i += 1;
            }
            ')' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            '\\' => i += 2,
            '\'' => i = skip_single(chars, i + 1)?,
            '"' => i = skip_double(chars, i + 1)?,
            '`' => i = skip_backtick(chars, i + 1)?,
            '#' if i > 0 && matches!(chars[i - 1], ' ' | '\t' | '\n') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    Err(Incomplete::Quote)
}

/// After `${`: index after the matching `}`.
pub fn skip_braces(chars: &[char], mut i: usize) -> Result<usize, Incomplete> {
    let mut depth = 1usize;
    while i < chars.len() {
        match chars[i] {
            '{' => {
                depth += 1;
                i += 1;
            }
            '}' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            '\\' => i += 2,
            '\'' => i = skip_single(chars, i + 1)?,
            '"' => i = skip_double(chars, i + 1)?,
            '`' => i = skip_backtick(chars, i + 1)?,
            '$' => i = skip_dollar(chars, i)?,
            _ => i += 1,
        }
    }
    Err(Incomplete::Quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Tok> {
        lex(s).unwrap().toks
    }

    #[test]
    fn basic_tokens() {
        assert_eq!(
            words("echo 'a b' \"c $(d e)\"|grep x 2>&1 >>f\n"),
            vec![
                Tok::Word("echo".into()),
                Tok::Word("'a b'".into()),
                Tok::Word("\"c $(d e)\"".into()),
                Tok::Op("|"),
                Tok::Word("grep".into()),
                Tok::Word("x".into()),
                Tok::Redir(Some(2), RedirOp::DupOut),
                Tok::Word("1".into()),
                Tok::Redir(None, RedirOp::Append),
                Tok::Word("f".into()),
                Tok::Newline,
            ]
        );
    }

    #[test]
    fn incomplete_inputs() {
        assert_eq!(lex("echo 'abc\n").err(), Some(Incomplete::Quote));
        assert_eq!(lex("echo $(ls\n").err(), Some(Incomplete::Quote));
        assert_eq!(lex("echo a \\\n").err(), Some(Incomplete::Quote));
        assert_eq!(lex("cat <<EOF\nhello\n").err(), Some(Incomplete::HereDoc));
        let l = lex("cat <<EOF | x\nhello $A\nEOF\n").unwrap();
        assert_eq!(
            l.heredocs,
            vec![HereDoc {
                body: "hello $A\n".into(),
                quoted: false
            }]
        );
        let l = lex("cat <<-'EOF'\n\thi\n\tEOF\n").unwrap();
        assert_eq!(
            l.heredocs,
            vec![HereDoc {
                body: "hi\n".into(),
                quoted: true
            }]
        );
    }

    #[test]
    fn comments() {
        assert_eq!(words("# hi\n"), vec![Tok::Newline]);
        assert_eq!(
            words("a#b # c\n"),
            vec![Tok::Word("a#b".into()), Tok::Newline]
        );
    }
}

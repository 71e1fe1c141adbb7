//! Parser: tokens → a small AST (lists, and-or chains, pipelines, simple and compound commands).
//! Aliases are expanded here, on the first word of each simple command.

use std::collections::{BTreeMap, BTreeSet};

use super::lex::{self, HereDoc, Incomplete, RedirOp, Tok};

#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    /// More input is needed.
    Incomplete(Incomplete),
    /// `syntax error near unexpected token `X'`
    Unexpected(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    pub items: Vec<AndOr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    pub first: Pipeline,
    /// `true`: `&&`, `false`: `||`.
    pub rest: Vec<(bool, Pipeline)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub negate: bool,
    pub cmds: Vec<Command>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    pub fd: Option<u32>,
    pub op: RedirOp,
    /// The target word (raw); for a here-document, its delimiter.
    pub target: String,
    pub heredoc: Option<HereDoc>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Simple {
        assigns: Vec<(String, String)>,
        words: Vec<String>,
        redirs: Vec<Redir>,
    },
    Compound {
        body: Compound,
        redirs: Vec<Redir>,
    },
    Function {
        name: String,
        body: Box<Command>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Compound {
    Brace(List),
    Subshell(List),
    For {
        var: String,
        items: Option<Vec<String>>,
        body: List,
    },
    While {
        until: bool,
        cond: List,
        body: List,
    },
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    Case {
        word: String,
        arms: Vec<(Vec<String>, List)>,
    },
    /// `(( expr ))`
    Arith(String),
    /// `for (( init; cond; step ))`
    ForArith {
        init: String,
        cond: String,
        step: String,
        body: List,
    },
}

/// The expression of a `((…))` word.
fn arith_word(w: &str) -> Option<&str> {
    w.strip_prefix("((").and_then(|r| r.strip_suffix("))"))
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case",
    "esac", "{", "}", "!",
];

pub fn is_keyword(w: &str) -> bool {
    KEYWORDS.contains(&w)
}

/// A valid variable name.
pub fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_ascii_alphabetic() => {
            cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// `NAME=value` (or `NAME+=value`): the name and raw value.
pub fn assignment(word: &str) -> Option<(String, String)> {
    let eq = word.find('=')?;
    let name = &word[..eq];
    let name = name
        .strip_suffix('+')
        .map(|n| format!("{n}+"))
        .unwrap_or_else(|| name.to_string());
    let bare = name.trim_end_matches('+');
    if is_name(bare) {
        Some((name, word[eq + 1..].to_string()))
    } else {
        None
    }
}

/// Deepest nesting of compound commands (each level costs several stack frames).
const MAX_DEPTH: usize = 40;

struct Parser<'a> {
    toks: Vec<Tok>,
    pos: usize,
    heredocs: Vec<HereDoc>,
    aliases: &'a BTreeMap<String, String>,
    depth: usize,
    expansions: usize,
}

/// Parse a complete input. Aliases apply to command words.
pub fn parse(input: &str, aliases: &BTreeMap<String, String>) -> Result<List, ParseError> {
    let lexed = lex::lex(input).map_err(ParseError::Incomplete)?;
    let mut p = Parser {
        toks: lexed.toks,
        pos: 0,
        heredocs: lexed.heredocs,
        aliases,
        depth: 0,
        expansions: 0,
    };
    let list = p.list(&[])?;
    match p.peek() {
        None => Ok(list),
        Some(t) => Err(ParseError::Unexpected(tok_text(t))),
    }
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Word(w) => w.clone(),
        Tok::Op(o) => o.to_string(),
        Tok::Newline => "newline".to_string(),
        Tok::Redir(fd, op) => {
            let s = match op {
                RedirOp::In => "<",
                RedirOp::Out => ">",
                RedirOp::Append => ">>",
                RedirOp::HereDoc(_) => "<<",
                RedirOp::HereString => "<<<",
                RedirOp::DupOut => ">&",
                RedirOp::DupIn => "<&",
                RedirOp::OutErr => "&>",
                RedirOp::AppendErr => "&>>",
                RedirOp::ReadWrite => "<>",
            };
            match fd {
                Some(n) => format!("{n}{s}"),
                None => s.to_string(),
            }
        }
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn peek_word(&self) -> Option<&str> {
        match self.peek() {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn unexpected(&self) -> ParseError {
        match self.peek() {
            None => ParseError::Incomplete(Incomplete::Syntax),
            Some(t) => ParseError::Unexpected(tok_text(t)),
        }
    }

    fn skip_newlines(&mut self) {
        while let Some(Tok::Newline) = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, w: &str) -> Result<(), ParseError> {
        if self.peek_word() == Some(w) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// A list up to one of the `stops` keywords (or `)` / end of input).
    fn list(&mut self, stops: &[&str]) -> Result<List, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(match self.peek() {
                Some(t) => ParseError::Unexpected(tok_text(t)),
                None => ParseError::Unexpected("newline".into()),
            });
        }
        let mut list = List::default();
        loop {
            self.skip_newlines();
            match self.peek() {
                None => break,
                Some(Tok::Op(")")) | Some(Tok::Op(";;")) => break,
                Some(Tok::Word(w)) if stops.contains(&w.as_str()) => break,
                _ => {}
            }
            let ao = self.and_or()?;
            list.items.push(ao);
            match self.peek() {
                Some(Tok::Op(";")) | Some(Tok::Op("&")) | Some(Tok::Newline) => {
                    self.pos += 1;
                }
                _ => break,
            }
        }
        self.depth -= 1;
        Ok(list)
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let and = match self.peek() {
                Some(Tok::Op("&&")) => true,
                Some(Tok::Op("||")) => false,
                _ => break,
            };
            self.pos += 1;
            self.skip_newlines();
            rest.push((and, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let mut negate = false;
        while self.peek_word() == Some("!") {
            negate = !negate;
            self.pos += 1;
        }
        let mut cmds = vec![self.command()?];
        loop {
            match self.peek() {
                Some(Tok::Op("|")) => {}
                Some(Tok::Op("|&")) => {
                    // `a |& b` is `a 2>&1 | b`.
                    if let Some(last) = cmds.last_mut() {
                        let r = Redir {
                            fd: Some(2),
                            op: RedirOp::DupOut,
                            target: "1".into(),
                            heredoc: None,
                        };
                        match last {
                            Command::Simple { redirs, .. } | Command::Compound { redirs, .. } => {
                                redirs.push(r)
                            }
                            Command::Function { .. } => {}
                        }
                    }
                }
                _ => break,
            }
            self.pos += 1;
            self.skip_newlines();
            cmds.push(self.command()?);
        }
        Ok(Pipeline { negate, cmds })
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        self.expand_alias();
        match self.peek() {
            None => return Err(ParseError::Incomplete(Incomplete::Syntax)),
            Some(Tok::Op("(")) => {
                self.pos += 1;
                let body = self.list(&[])?;
                if !matches!(self.peek(), Some(Tok::Op(")"))) {
                    return Err(self.unexpected());
                }
                self.pos += 1;
                if body.items.is_empty() {
                    return Err(ParseError::Unexpected(")".into()));
                }
                let redirs = self.redirs()?;
                return Ok(Command::Compound {
                    body: Compound::Subshell(body),
                    redirs,
                });
            }
            Some(Tok::Op(_)) | Some(Tok::Newline) => return Err(self.unexpected()),
            _ => {}
        }
        let kw = self.peek_word().map(str::to_string);
        if let Some(expr) = kw.as_deref().and_then(arith_word) {
            self.pos += 1;
            let body = Compound::Arith(expr.to_string());
            let redirs = self.redirs()?;
            return Ok(Command::Compound { body, redirs });
        }
        let compound = match kw.as_deref() {
            Some("{") => {
                self.pos += 1;
                let body = self.list(&["}"])?;
                self.nonempty(&body)?;
                self.expect_word("}")?;
                Some(Compound::Brace(body))
            }
            Some("if") => Some(self.if_clause()?),
            Some("for") => Some(self.for_clause()?),
            Some("while") | Some("until") => {
                self.pos += 1;
                let cond = self.list(&["do"])?;
                self.nonempty(&cond)?;
                self.expect_word("do")?;
                let body = self.list(&["done"])?;
                self.nonempty(&body)?;
                self.expect_word("done")?;
                Some(Compound::While {
                    until: kw.as_deref() == Some("until"),
                    cond,
                    body,
                })
            }
            Some("case") => Some(self.case_clause()?),
            Some(w @ ("then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}" | "in")) => {
                return Err(ParseError::Unexpected(w.to_string()))
            }
            _ => None,
        };
        if let Some(body) = compound {
            let redirs = self.redirs()?;
            return Ok(Command::Compound { body, redirs });
        }
        // Function definition: name ( ) body
        if let (Some(Tok::Word(name)), Some(Tok::Op("(")), Some(Tok::Op(")"))) = (
            self.toks.get(self.pos),
            self.toks.get(self.pos + 1),
            self.toks.get(self.pos + 2),
        ) {
            let name = name.clone();
            self.pos += 3;
            self.skip_newlines();
            let body = self.command()?;
            if !matches!(body, Command::Compound { .. }) {
                return Err(ParseError::Unexpected(name));
            }
            return Ok(Command::Function {
                name,
                body: Box::new(body),
            });
        }
        self.simple()
    }

    fn nonempty(&self, l: &List) -> Result<(), ParseError> {
        if l.items.is_empty() {
            Err(self.unexpected())
        } else {
            Ok(())
        }
    }

    fn if_clause(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1; // if
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.list(&["then"])?;
            self.nonempty(&cond)?;
            self.expect_word("then")?;
            let body = self.list(&["elif", "else", "fi"])?;
            self.nonempty(&body)?;
            branches.push((cond, body));
            match self.peek_word() {
                Some("elif") => {
                    self.pos += 1;
                }
                Some("else") => {
                    self.pos += 1;
                    let e = self.list(&["fi"])?;
                    self.nonempty(&e)?;
                    otherwise = Some(e);
                    self.expect_word("fi")?;
                    break;
                }
                Some("fi") => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.unexpected()),
            }
        }
        Ok(Compound::If {
            branches,
            otherwise,
        })
    }

    fn for_clause(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1; // for
        if let Some(Tok::Word(w)) = self.peek() {
            if let Some(expr) = arith_word(w) {
                let parts: Vec<String> = expr.split(';').map(|p| p.trim().to_string()).collect();
                if parts.len() != 3 {
                    return Err(ParseError::Unexpected(w.clone()));
                }
                self.pos += 1;
                if matches!(self.peek(), Some(Tok::Op(";"))) {
                    self.pos += 1;
                }
                self.skip_newlines();
                self.expect_word("do")?;
                let body = self.list(&["done"])?;
                self.nonempty(&body)?;
                self.expect_word("done")?;
                return Ok(Compound::ForArith {
                    init: parts[0].clone(),
                    cond: parts[1].clone(),
                    step: parts[2].clone(),
                    body,
                });
            }
        }
        let var = match self.peek() {
            Some(Tok::Word(w)) if is_name(w) => w.clone(),
            Some(Tok::Word(w)) => {
                return Err(ParseError::Unexpected(format!(
                    "`{w}': not a valid identifier"
                )))
            }
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        // Optional `;` or newlines, then `in words` or `do`.
        let mut items = None;
        if matches!(self.peek(), Some(Tok::Op(";"))) {
            self.pos += 1;
        }
        self.skip_newlines();
        if self.peek_word() == Some("in") {
            self.pos += 1;
            let mut ws = Vec::new();
            while let Some(Tok::Word(w)) = self.peek() {
                ws.push(w.clone());
                self.pos += 1;
            }
            match self.peek() {
                Some(Tok::Op(";")) | Some(Tok::Newline) => self.pos += 1,
                _ => return Err(self.unexpected()),
            }
            items = Some(ws);
        }
        self.skip_newlines();
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.nonempty(&body)?;
        self.expect_word("done")?;
        Ok(Compound::For { var, items, body })
    }

    fn case_clause(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1; // case
        let word = match self.peek() {
            Some(Tok::Word(w)) => w.clone(),
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        self.skip_newlines();
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            if self.peek_word() == Some("esac") {
                self.pos += 1;
                break;
            }
            if matches!(self.peek(), Some(Tok::Op("("))) {
                self.pos += 1;
            }
            let mut pats = Vec::new();
            loop {
                match self.peek() {
                    Some(Tok::Word(w)) => {
                        pats.push(w.clone());
                        self.pos += 1;
                    }
                    _ => return Err(self.unexpected()),
                }
                match self.peek() {
                    Some(Tok::Op("|")) => self.pos += 1,
                    Some(Tok::Op(")")) => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected()),
                }
            }
            let body = self.list(&["esac"])?;
            arms.push((pats, body));
            match self.peek() {
                Some(Tok::Op(";;")) => self.pos += 1,
                Some(Tok::Word(w)) if w == "esac" => {}
                _ => return Err(self.unexpected()),
            }
        }
        Ok(Compound::Case { word, arms })
    }

    fn redirs(&mut self) -> Result<Vec<Redir>, ParseError> {
        let mut v = Vec::new();
        while let Some(Tok::Redir(..)) = self.peek() {
            v.push(self.redir()?);
        }
        Ok(v)
    }

    fn redir(&mut self) -> Result<Redir, ParseError> {
        let (fd, op) = match self.peek() {
            Some(Tok::Redir(fd, op)) => (*fd, op.clone()),
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        let target = match self.peek() {
            Some(Tok::Word(w)) => w.clone(),
            None => return Err(ParseError::Unexpected("newline".into())),
            Some(_) => return Err(self.unexpected()),
        };
        self.pos += 1;
        let heredoc = match op {
            RedirOp::HereDoc(idx) => Some(self.heredocs.get(idx).cloned().unwrap_or_default()),
            _ => None,
        };
        Ok(Redir {
            fd,
            op,
            target,
            heredoc,
        })
    }

    fn simple(&mut self) -> Result<Command, ParseError> {
        let mut assigns = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut redirs = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::Word(w)) => {
                    if words.is_empty() {
                        if let Some(a) = assignment(w) {
                            assigns.push(a);
                            self.pos += 1;
                            self.expand_alias();
                            continue;
                        }
                    }
                    words.push(w.clone());
                    self.pos += 1;
                }
                Some(Tok::Redir(..)) => redirs.push(self.redir()?),
                Some(Tok::Op("(")) => {
                    // `echo (` or `f ( )` forms we do not support.
                    return Err(self.unexpected());
                }
                _ => break,
            }
        }
        if assigns.is_empty() && words.is_empty() && redirs.is_empty() {
            return Err(self.unexpected());
        }
        Ok(Command::Simple {
            assigns,
            words,
            redirs,
        })
    }

    /// Replace an alias in command position by its value's tokens.
    fn expand_alias(&mut self) {
        let mut used: BTreeSet<String> = BTreeSet::new();
        loop {
            let Some(Tok::Word(w)) = self.toks.get(self.pos) else {
                return;
            };
            if used.contains(w) || self.expansions > 1000 {
                return;
            }
            let Some(value) = self.aliases.get(w) else {
                return;
            };
            let Ok(lexed) = lex::lex(value) else { return };
            if lexed
                .toks
                .iter()
                .any(|t| matches!(t, Tok::Redir(_, RedirOp::HereDoc(_))))
            {
                return;
            }
            used.insert(w.clone());
            self.expansions += 1;
            let trailing_space = value.ends_with(' ') || value.ends_with('\t');
            let n = lexed.toks.len();
            self.toks.splice(self.pos..self.pos + 1, lexed.toks);
            if n == 0 {
                continue;
            }
            if trailing_space {
                // The word after the alias is checked too.
                let next = self.pos + n;
                if let Some(Tok::Word(nw)) = self.toks.get(next) {
                    if let Some(v2) = self.aliases.get(nw) {
                        if !used.contains(nw) {
                            if let Ok(l2) = lex::lex(v2) {
                                if !l2
                                    .toks
                                    .iter()
                                    .any(|t| matches!(t, Tok::Redir(_, RedirOp::HereDoc(_))))
                                {
                                    used.insert(nw.clone());
                                    self.toks.splice(next..next + 1, l2.toks);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<List, ParseError> {
        parse(s, &BTreeMap::new())
    }

    #[test]
    fn errors_and_incomplete() {
        assert_eq!(p("echo |;\n"), Err(ParseError::Unexpected(";".into())));
        assert_eq!(p("| x\n"), Err(ParseError::Unexpected("|".into())));
        assert_eq!(p("echo >\n"), Err(ParseError::Unexpected("newline".into())));
        assert_eq!(
            p("echo a |\n"),
            Err(ParseError::Incomplete(Incomplete::Syntax))
        );
        assert_eq!(
            p("true &&\n"),
            Err(ParseError::Incomplete(Incomplete::Syntax))
        );
        assert_eq!(
            p("for i in 1 2\n"),
            Err(ParseError::Incomplete(Incomplete::Syntax))
        );
        assert_eq!(
            p("for i in 1 2; do echo\n"),
            Err(ParseError::Incomplete(Incomplete::Syntax))
        );
        assert_eq!(
            p("if true; then fi\n"),
            Err(ParseError::Unexpected("fi".into()))
        );
        assert_eq!(p("done\n"), Err(ParseError::Unexpected("done".into())));
        assert_eq!(p(")\n"), Err(ParseError::Unexpected(")".into())));
        assert!(p("for i in 1 2 3; do echo $i; done\n").is_ok());
        assert!(p("if a; then b; elif c; then d; else e; fi\n").is_ok());
        assert!(p("f() { echo hi; }\n").is_ok());
        assert!(p("case $x in a|b) echo 1;; *) echo 2;; esac\n").is_ok());
    }

    #[test]
    fn aliases_expand_in_command_position() {
        let mut al = BTreeMap::new();
        al.insert("k".to_string(), "kubectl".to_string());
        al.insert("ll".to_string(), "ls -l".to_string());
        let l = parse("k get k; X=1 ll\n", &al).unwrap();
        match &l.items[0].first.cmds[0] {
            Command::Simple { words, .. } => assert_eq!(words, &vec!["kubectl", "get", "k"]),
            c => panic!("{c:?}"),
        }
        match &l.items[1].first.cmds[0] {
            Command::Simple { words, assigns, .. } => {
                assert_eq!(words, &vec!["ls", "-l"]);
                assert_eq!(assigns, &vec![("X".to_string(), "1".to_string())]);
            }
            c => panic!("{c:?}"),
        }
    }
}

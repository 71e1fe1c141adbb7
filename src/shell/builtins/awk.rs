//! A small awk: patterns (BEGIN, END, expressions, /regex/, ranges), actions with print/printf,
//! if/while/for/for-in, arrays, fields ($N, NF, $NF), NR/FNR/FS/OFS/ORS, string functions
//! (length, substr, index, split, sub, gsub, match, sprintf, tolower, toupper, int), -F and -v.

use std::collections::BTreeMap;

use super::read_input;
use super::text::{fmt_float, pad};
use crate::shell::regex::Regex;
use crate::shell::{Io, Shell, System};

/// Most statements one awk run may execute.
const MAX_STEPS: usize = 5_000_000;
const MAX_OUT: usize = 16 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ere(String),
    Name(String),
    /// A name directly followed by `(`.
    Call(String),
    Kw(&'static str),
    P(&'static str),
    Newline,
}

const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "if", "else", "while", "for", "do", "in", "next", "exit", "break", "continue",
    "print", "printf", "delete", "getline", "return", "function", "nextfile",
];

const PUNCT: &[&str] = &[
    "+=", "-=", "*=", "/=", "%=", "^=", "**", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>",
    "!~", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|",
    "?", ":", "~", "$", "=",
];

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    let syntax = |t: &str| format!("awk: line 1: syntax error at or near {t}\n");
    while i < c.len() {
        let ch = c[i];
        if ch == ' ' || ch == '\t' || ch == '\r' {
            i += 1;
            continue;
        }
        if ch == '\\' && c.get(i + 1) == Some(&'\n') {
            i += 2;
            continue;
        }
        if ch == '#' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '\n' {
            out.push(Tok::Newline);
            i += 1;
            continue;
        }
        if ch.is_ascii_digit()
            || (ch == '.' && c.get(i + 1).map(|d| d.is_ascii_digit()).unwrap_or(false))
        {
            let s = i;
            while i < c.len() && (c[i].is_ascii_digit() || c[i] == '.') {
                i += 1;
            }
            if i < c.len() && (c[i] == 'e' || c[i] == 'E') {
                let save = i;
                i += 1;
                if i < c.len() && (c[i] == '+' || c[i] == '-') {
                    i += 1;
                }
                if i < c.len() && c[i].is_ascii_digit() {
                    while i < c.len() && c[i].is_ascii_digit() {
                        i += 1;
                    }
                } else {
                    i = save;
                }
            }
            let t: String = c[s..i].iter().collect();
            out.push(Tok::Num(t.parse().unwrap_or(0.0)));
            continue;
        }
        if ch == '_' || ch.is_ascii_alphabetic() {
            let s = i;
            while i < c.len() && (c[i] == '_' || c[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            let w: String = c[s..i].iter().collect();
            if let Some(k) = KEYWORDS.iter().find(|k| **k == w) {
                out.push(Tok::Kw(k));
            } else if c.get(i) == Some(&'(') {
                out.push(Tok::Call(w));
            } else {
                out.push(Tok::Name(w));
            }
            continue;
        }
        if ch == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&x) = c.get(i) else {
                    return Err("awk: line 1: runaway string constant \"".to_string()
                        + &s.chars().take(10).collect::<String>()
                        + " ...\n");
                };
                i += 1;
                match x {
                    '"' => break,
                    '\\' => {
                        let Some(&n) = c.get(i) else { break };
                        i += 1;
                        match n {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' => s.push('\r'),
                            '\\' => s.push('\\'),
                            '"' => s.push('"'),
                            '/' => s.push('/'),
                            'a' => s.push('\x07'),
                            'b' => s.push('\x08'),
                            'f' => s.push('\x0c'),
                            'v' => s.push('\x0b'),
                            '\n' => {}
                            other => {
                                s.push('\\');
                                s.push(other);
                            }
                        }
                    }
                    _ => s.push(x),
                }
            }
            out.push(Tok::Str(s));
            continue;
        }
        if ch == '/' {
            let operand_before = matches!(
                out.last(),
                Some(Tok::Num(_))
                    | Some(Tok::Str(_))
                    | Some(Tok::Name(_))
                    | Some(Tok::P(")"))
                    | Some(Tok::P("]"))
                    | Some(Tok::P("$"))
                    | Some(Tok::P("++"))
                    | Some(Tok::P("--"))
            );
            if !operand_before {
                i += 1;
                let mut s = String::new();
                loop {
                    let Some(&x) = c.get(i) else {
                        return Err("awk: line 1: runaway regular expression /".to_string()
                            + &s.chars().take(10).collect::<String>()
                            + " ...\n");
                    };
                    i += 1;
                    if x == '/' {
                        break;
                    }
                    if x == '\n' {
                        return Err("awk: line 1: runaway regular expression /".to_string()
                            + &s.chars().take(10).collect::<String>()
                            + " ...\n");
                    }
                    if x == '\\' && c.get(i) == Some(&'/') {
                        s.push('/');
                        i += 1;
                        continue;
                    }
                    s.push(x);
                    if x == '\\' {
                        if let Some(&n) = c.get(i) {
                            s.push(n);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Ere(s));
                continue;
            }
        }
        let rest: String = c[i..c.len().min(i + 2)].iter().collect();
        match PUNCT.iter().find(|p| rest.starts_with(**p)) {
            Some(p) => {
                out.push(Tok::P(p));
                i += p.chars().count();
            }
            None => return Err(syntax(&ch.to_string())),
        }
    }
    Ok(out)
}

#[derive(Clone, Debug)]
enum E {
    Num(f64),
    Str(String),
    Re(Box<Regex>),
    Var(String),
    Field(Box<E>),
    Index(String, Vec<E>),
    Assign(Box<E>, Option<&'static str>, Box<E>),
    Cond(Box<E>, Box<E>, Box<E>),
    And(Box<E>, Box<E>),
    Or(Box<E>, Box<E>),
    Not(Box<E>),
    Neg(Box<E>),
    Plus(Box<E>),
    Bin(&'static str, Box<E>, Box<E>),
    Cmp(&'static str, Box<E>, Box<E>),
    Match(bool, Box<E>, Box<E>),
    Concat(Box<E>, Box<E>),
    In(Box<E>, String),
    Incr(Box<E>, f64, bool),
    Call(String, Vec<E>),
    Group(Box<E>),
}

#[derive(Clone, Debug)]
enum S {
    Expr(E),
    Print(Vec<E>, Option<(bool, E)>),
    Printf(Vec<E>, Option<(bool, E)>),
    If(E, Box<S>, Option<Box<S>>),
    While(E, Box<S>),
    Do(Box<S>, E),
    For(Option<Box<S>>, Option<E>, Option<Box<S>>, Box<S>),
    ForIn(String, String, Box<S>),
    Block(Vec<S>),
    Next,
    Exit(Option<E>),
    Break,
    Continue,
    Delete(String, Option<Vec<E>>),
}

#[derive(Clone, Debug)]
enum Pat {
    Begin,
    End,
    All,
    Expr(E),
    Range(E, E),
}

struct Parser {
    t: Vec<Tok>,
    i: usize,
    no_gt: bool,
    no_in: bool,
    depth: usize,
}

type PR<T> = Result<T, String>;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn is_p(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::P(x)) if *x == p)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Kw(x)) if *x == k)
    }
    fn err(&self) -> String {
        let near = match self.peek() {
            None => "end of file".to_string(),
            Some(Tok::Newline) => "end of line".to_string(),
            Some(Tok::Num(n)) => fmt_num(*n),
            Some(Tok::Str(s)) => format!("\"{s}\""),
            Some(Tok::Ere(s)) => format!("/{s}/"),
            Some(Tok::Name(s)) | Some(Tok::Call(s)) => s.clone(),
            Some(Tok::Kw(k)) => k.to_string(),
            Some(Tok::P(p)) => p.to_string(),
        };
        format!("awk: line 1: syntax error at or near {near}\n")
    }
    fn expect_p(&mut self, p: &str) -> PR<()> {
        if self.is_p(p) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err())
        }
    }
    fn skip_nl(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) {
            self.i += 1;
        }
    }
    fn skip_terms(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline) | Some(Tok::P(";"))) {
            self.i += 1;
        }
    }

    fn program(&mut self) -> PR<Vec<(Pat, Option<Vec<S>>)>> {
        let mut items = Vec::new();
        loop {
            self.skip_terms();
            if self.peek().is_none() {
                break;
            }
            let pat = if self.is_kw("BEGIN") {
                self.i += 1;
                Pat::Begin
            } else if self.is_kw("END") {
                self.i += 1;
                Pat::End
            } else if self.is_p("{") {
                Pat::All
            } else if self.is_kw("function") {
                return Err("awk: user-defined functions are not supported\n".into());
            } else {
                let a = self.expr()?;
                if self.is_p(",") {
                    self.i += 1;
                    self.skip_nl();
                    let b = self.expr()?;
                    Pat::Range(a, b)
                } else {
                    Pat::Expr(a)
                }
            };
            let action = if self.is_p("{") {
                self.i += 1;
                Some(self.stmts_until_brace()?)
            } else {
                if matches!(pat, Pat::Begin | Pat::End) {
                    return Err(self.err());
                }
                None
            };
            items.push((pat, action));
        }
        Ok(items)
    }

    fn stmts_until_brace(&mut self) -> PR<Vec<S>> {
        let mut v = Vec::new();
        loop {
            self.skip_terms();
            if self.is_p("}") {
                self.i += 1;
                return Ok(v);
            }
            if self.peek().is_none() {
                let lines = self.t.iter().filter(|t| **t == Tok::Newline).count() + 2;
                return Err(format!("awk: line {lines}: missing }} near end of file\n"));
            }
            v.push(self.stmt()?);
        }
    }

    fn simple_end(&mut self) -> PR<()> {
        match self.peek() {
            Some(Tok::P(";")) | Some(Tok::Newline) => {
                self.i += 1;
                Ok(())
            }
            Some(Tok::P("}")) | None => Ok(()),
            _ => Err(self.err()),
        }
    }

    fn stmt(&mut self) -> PR<S> {
        self.depth += 1;
        if self.depth > 100 {
            return Err("awk: program too deeply nested\n".into());
        }
        let r = self.stmt_inner();
        self.depth -= 1;
        r
    }

    fn body(&mut self) -> PR<S> {
        self.skip_nl();
        if self.is_p(";") {
            self.i += 1;
            return Ok(S::Block(Vec::new()));
        }
        self.stmt()
    }

    fn stmt_inner(&mut self) -> PR<S> {
        if self.is_p("{") {
            self.i += 1;
            return Ok(S::Block(self.stmts_until_brace()?));
        }
        let Some(tok) = self.peek().cloned() else {
            return Err(self.err());
        };
        match tok {
            Tok::Kw("if") => {
                self.i += 1;
                self.expect_p("(")?;
                let c = self.expr()?;
                self.expect_p(")")?;
                let a = self.body()?;
                let save = self.i;
                self.skip_terms();
                if self.is_kw("else") {
                    self.i += 1;
                    let b = self.body()?;
                    return Ok(S::If(c, Box::new(a), Some(Box::new(b))));
                }
                self.i = save;
                Ok(S::If(c, Box::new(a), None))
            }
            Tok::Kw("while") => {
                self.i += 1;
                self.expect_p("(")?;
                let c = self.expr()?;
                self.expect_p(")")?;
                if self.is_p(";") {
                    self.i += 1;
                    return Ok(S::While(c, Box::new(S::Block(Vec::new()))));
                }
                Ok(S::While(c, Box::new(self.body()?)))
            }
            Tok::Kw("do") => {
                self.i += 1;
                let b = self.body()?;
                self.skip_terms();
                if !self.is_kw("while") {
                    return Err(self.err());
                }
                self.i += 1;
                self.expect_p("(")?;
                let c = self.expr()?;
                self.expect_p(")")?;
                self.simple_end()?;
                Ok(S::Do(Box::new(b), c))
            }
            Tok::Kw("for") => {
                self.i += 1;
                self.expect_p("(")?;
                // for (k in arr)
                if let (
                    Some(Tok::Name(k)),
                    Some(Tok::Kw("in")),
                    Some(Tok::Name(a)),
                    Some(Tok::P(")")),
                ) = (
                    self.t.get(self.i).cloned(),
                    self.t.get(self.i + 1).cloned(),
                    self.t.get(self.i + 2).cloned(),
                    self.t.get(self.i + 3).cloned(),
                ) {
                    self.i += 4;
                    return Ok(S::ForIn(k, a, Box::new(self.body()?)));
                }
                let init = if self.is_p(";") {
                    None
                } else {
                    Some(Box::new(S::Expr(self.expr()?)))
                };
                self.expect_p(";")?;
                self.skip_nl();
                let cond = if self.is_p(";") {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.expect_p(";")?;
                self.skip_nl();
                let incr = if self.is_p(")") {
                    None
                } else {
                    Some(Box::new(S::Expr(self.expr()?)))
                };
                self.expect_p(")")?;
                if self.is_p(";") {
                    self.i += 1;
                    return Ok(S::For(init, cond, incr, Box::new(S::Block(Vec::new()))));
                }
                Ok(S::For(init, cond, incr, Box::new(self.body()?)))
            }
            Tok::Kw("next") => {
                self.i += 1;
                self.simple_end()?;
                Ok(S::Next)
            }
            Tok::Kw("exit") => {
                self.i += 1;
                let e = if matches!(
                    self.peek(),
                    Some(Tok::P(";")) | Some(Tok::P("}")) | Some(Tok::Newline) | None
                ) {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.simple_end()?;
                Ok(S::Exit(e))
            }
            Tok::Kw("break") => {
                self.i += 1;
                self.simple_end()?;
                Ok(S::Break)
            }
            Tok::Kw("continue") => {
                self.i += 1;
                self.simple_end()?;
                Ok(S::Continue)
            }
            Tok::Kw("delete") => {
                self.i += 1;
                let Some(Tok::Name(a)) = self.peek().cloned() else {
                    return Err(self.err());
                };
                self.i += 1;
                let idx = if self.is_p("[") {
                    self.i += 1;
                    let v = self.expr_list()?;
                    self.expect_p("]")?;
                    Some(v)
                } else {
                    None
                };
                self.simple_end()?;
                Ok(S::Delete(a, idx))
            }
            Tok::Kw("print") | Tok::Kw("printf") => {
                self.i += 1;
                let is_printf = tok == Tok::Kw("printf");
                let mut args = Vec::new();
                let save_gt = self.no_gt;
                self.no_gt = true;
                if !matches!(
                    self.peek(),
                    Some(Tok::P(";"))
                        | Some(Tok::P("}"))
                        | Some(Tok::Newline)
                        | Some(Tok::P(">"))
                        | Some(Tok::P(">>"))
                        | Some(Tok::P("|"))
                        | None
                ) {
                    // print (a, b) form
                    args = self.expr_list()?;
                    if args.len() == 1 {
                        if let E::Group(inner) = &args[0] {
                            if let E::Call(n, v) = &**inner {
                                if n == "\u{0}list" {
                                    args = v.clone();
                                }
                            }
                        }
                    }
                }
                self.no_gt = save_gt;
                let redir = if self.is_p(">") || self.is_p(">>") {
                    let append = self.is_p(">>");
                    self.i += 1;
                    Some((append, self.concat_expr()?))
                } else if self.is_p("|") {
                    return Err("awk: pipes are not supported\n".into());
                } else {
                    None
                };
                self.simple_end()?;
                Ok(if is_printf {
                    S::Printf(args, redir)
                } else {
                    S::Print(args, redir)
                })
            }
            Tok::Kw("getline") => Err("awk: getline is not supported\n".into()),
            _ => {
                let e = self.expr()?;
                self.simple_end()?;
                Ok(S::Expr(e))
            }
        }
    }

    fn expr_list(&mut self) -> PR<Vec<E>> {
        let mut v = vec![self.expr()?];
        while self.is_p(",") {
            self.i += 1;
            self.skip_nl();
            v.push(self.expr()?);
        }
        Ok(v)
    }

    fn expr(&mut self) -> PR<E> {
        self.depth += 1;
        if self.depth > 90 {
            return Err("awk: expression too deeply nested\n".into());
        }
        let r = self.ternary();
        self.depth -= 1;
        r
    }

    fn ternary(&mut self) -> PR<E> {
        let c = self.or()?;
        if self.is_p("?") {
            self.i += 1;
            self.skip_nl();
            let a = self.ternary()?;
            self.skip_nl();
            self.expect_p(":")?;
            self.skip_nl();
            let b = self.ternary()?;
            return Ok(E::Cond(Box::new(c), Box::new(a), Box::new(b)));
        }
        // Assignment (right associative) when the left side is an lvalue.
        if let Some(Tok::P(op)) = self.peek().cloned() {
            if matches!(op, "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=")
                && matches!(c, E::Var(_) | E::Field(_) | E::Index(..))
            {
                self.i += 1;
                self.skip_nl();
                let rhs = self.ternary()?;
                let bop = match op {
                    "=" => None,
                    "+=" => Some("+"),
                    "-=" => Some("-"),
                    "*=" => Some("*"),
                    "/=" => Some("/"),
                    "%=" => Some("%"),
                    _ => Some("^"),
                };
                return Ok(E::Assign(Box::new(c), bop, Box::new(rhs)));
            }
        }
        Ok(c)
    }

    fn or(&mut self) -> PR<E> {
        let mut a = self.and()?;
        while self.is_p("||") {
            self.i += 1;
            self.skip_nl();
            let b = self.and()?;
            a = E::Or(Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn and(&mut self) -> PR<E> {
        let mut a = self.in_expr()?;
        while self.is_p("&&") {
            self.i += 1;
            self.skip_nl();
            let b = self.in_expr()?;
            a = E::And(Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn in_expr(&mut self) -> PR<E> {
        let mut a = self.match_expr()?;
        while self.is_kw("in") && !self.no_in {
            self.i += 1;
            let Some(Tok::Name(arr)) = self.peek().cloned() else {
                return Err(self.err());
            };
            self.i += 1;
            a = E::In(Box::new(a), arr);
        }
        Ok(a)
    }

    fn match_expr(&mut self) -> PR<E> {
        let mut a = self.cmp()?;
        loop {
            let neg = if self.is_p("~") {
                false
            } else if self.is_p("!~") {
                true
            } else {
                break;
            };
            self.i += 1;
            let b = self.cmp()?;
            a = E::Match(neg, Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn cmp(&mut self) -> PR<E> {
        let a = self.concat_expr()?;
        let op = match self.peek() {
            Some(Tok::P(p)) if matches!(*p, "<" | "<=" | "==" | "!=" | ">=") => *p,
            Some(Tok::P(">")) if !self.no_gt => ">",
            _ => return Ok(a),
        };
        self.i += 1;
        let b = self.concat_expr()?;
        Ok(E::Cmp(op, Box::new(a), Box::new(b)))
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Some(Tok::Num(_)) | Some(Tok::Str(_)) | Some(Tok::Ere(_)) | Some(Tok::Name(_))
            | Some(Tok::Call(_)) => true,
            Some(Tok::P(p)) => matches!(*p, "$" | "(" | "!" | "++" | "--" | "-" | "+"),
            Some(Tok::Kw("in")) => false,
            _ => false,
        }
    }

    fn concat_expr(&mut self) -> PR<E> {
        let mut a = self.additive()?;
        loop {
            if !self.starts_operand() {
                break;
            }
            // `a - b` is subtraction (handled in additive); `!` starts a new operand only in concat.
            if self.is_p("-") || self.is_p("+") || self.is_p("!") {
                break;
            }
            let b = self.additive()?;
            a = E::Concat(Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn additive(&mut self) -> PR<E> {
        let mut a = self.mul()?;
        loop {
            let op = if self.is_p("+") {
                "+"
            } else if self.is_p("-") {
                "-"
            } else {
                break;
            };
            self.i += 1;
            self.skip_nl();
            let b = self.mul()?;
            a = E::Bin(op, Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn mul(&mut self) -> PR<E> {
        let mut a = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::P("*")) => "*",
                Some(Tok::P("/")) => "/",
                Some(Tok::P("%")) => "%",
                _ => break,
            };
            self.i += 1;
            self.skip_nl();
            let b = self.unary()?;
            a = E::Bin(op, Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn unary(&mut self) -> PR<E> {
        self.depth += 1;
        if self.depth > 300 {
            return Err("awk: expression too deeply nested\n".into());
        }
        if self.depth > 300 {
            return Err("awk: expression too deeply nested\n".into());
        }
        let r = if self.is_p("!") {
            self.i += 1;
            self.unary().map(|e| E::Not(Box::new(e)))
        } else if self.is_p("-") {
            self.i += 1;
            self.unary().map(|e| E::Neg(Box::new(e)))
        } else if self.is_p("+") {
            self.i += 1;
            self.unary().map(|e| E::Plus(Box::new(e)))
        } else {
            self.power()
        };
        self.depth -= 1;
        r
    }

    fn power(&mut self) -> PR<E> {
        let a = self.postfix()?;
        if self.is_p("^") || self.is_p("**") {
            self.i += 1;
            let b = self.unary()?;
            return Ok(E::Bin("^", Box::new(a), Box::new(b)));
        }
        Ok(a)
    }

    fn postfix(&mut self) -> PR<E> {
        if self.is_p("++") || self.is_p("--") {
            let d = if self.is_p("++") { 1.0 } else { -1.0 };
            self.i += 1;
            let lv = self.primary()?;
            if !matches!(lv, E::Var(_) | E::Field(_) | E::Index(..)) {
                return Err(self.err());
            }
            return Ok(E::Incr(Box::new(lv), d, true));
        }
        let e = self.primary()?;
        if matches!(e, E::Var(_) | E::Field(_) | E::Index(..))
            && (self.is_p("++") || self.is_p("--"))
        {
            let d = if self.is_p("++") { 1.0 } else { -1.0 };
            self.i += 1;
            return Ok(E::Incr(Box::new(e), d, false));
        }
        Ok(e)
    }

    fn primary(&mut self) -> PR<E> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.err());
        };
        self.i += 1;
        match tok {
            Tok::Num(n) => Ok(E::Num(n)),
            Tok::Str(s) => Ok(E::Str(s)),
            Tok::Ere(r) => match Regex::new(&r, true, false) {
                Ok(re) => Ok(E::Re(Box::new(re))),
                Err(m) => Err(format!(
                    "awk: line 1: regular expression compile failed ({m})\n{r}\n"
                )),
            },
            Tok::P("$") => {
                // $ binds tighter than everything but grouping and ++/--.
                let e = if self.is_p("++") || self.is_p("--") {
                    self.postfix()?
                } else {
                    self.primary()?
                };
                Ok(E::Field(Box::new(e)))
            }
            Tok::P("(") => {
                let save = (self.no_gt, self.no_in);
                self.no_gt = false;
                self.no_in = false;
                let e = self.expr()?;
                if self.is_p(",") {
                    // (a, b) in arr / print (a, b)
                    let mut v = vec![e];
                    while self.is_p(",") {
                        self.i += 1;
                        v.push(self.expr()?);
                    }
                    self.expect_p(")")?;
                    (self.no_gt, self.no_in) = save;
                    if self.is_kw("in") {
                        self.i += 1;
                        let Some(Tok::Name(arr)) = self.peek().cloned() else {
                            return Err(self.err());
                        };
                        self.i += 1;
                        return Ok(E::In(Box::new(E::Call("\u{0}list".into(), v)), arr));
                    }
                    return Ok(E::Group(Box::new(E::Call("\u{0}list".into(), v))));
                }
                self.expect_p(")")?;
                (self.no_gt, self.no_in) = save;
                Ok(E::Group(Box::new(e)))
            }
            Tok::Name(n) => {
                if self.is_p("[") {
                    self.i += 1;
                    let idx = self.expr_list()?;
                    self.expect_p("]")?;
                    return Ok(E::Index(n, idx));
                }
                Ok(E::Var(n))
            }
            Tok::Call(f) => {
                self.expect_p("(")?;
                let mut args = Vec::new();
                self.skip_nl();
                if !self.is_p(")") {
                    let save = (self.no_gt, self.no_in);
                    self.no_gt = false;
                    self.no_in = false;
                    args = self.expr_list()?;
                    (self.no_gt, self.no_in) = save;
                }
                self.skip_nl();
                self.expect_p(")")?;
                if !BUILTINS.contains(&f.as_str()) {
                    return Err(format!("awk: line 1: function {f} never defined\n"));
                }
                Ok(E::Call(f, args))
            }
            Tok::Kw("getline") => Err("awk: getline is not supported\n".into()),
            _ => {
                self.i -= 1;
                Err(self.err())
            }
        }
    }
}

const BUILTINS: &[&str] = &[
    "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper",
    "int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close",
    "fflush",
];

// ---- values ----

#[derive(Clone, Debug)]
enum V {
    Num(f64),
    Str(String),
    /// Input data that looks like a number compares as one.
    StrNum(String),
}

fn fmt_num(n: f64) -> String {
    if n.is_finite() && n == n.trunc() && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else if n.is_nan() {
        "nan".into()
    } else if n.is_infinite() {
        if n > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        fmt_float(n, 'g', 6)
    }
}

fn str_to_num(s: &str) -> f64 {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut end = 0;
    if end < b.len() && (b[end] == b'-' || b[end] == b'+') {
        end += 1;
    }
    let digits_start = end;
    while end < b.len() && b[end].is_ascii_digit() {
        end += 1;
    }
    if end < b.len() && b[end] == b'.' {
        end += 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
    }
    if end == digits_start {
        return 0.0;
    }
    if end < b.len() && (b[end] == b'e' || b[end] == b'E') {
        let mut e = end + 1;
        if e < b.len() && (b[e] == b'-' || b[e] == b'+') {
            e += 1;
        }
        if e < b.len() && b[e].is_ascii_digit() {
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            end = e;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.parse::<f64>().is_ok()
        && !t.eq_ignore_ascii_case("nan")
        && !t.to_lowercase().contains("inf")
}

impl V {
    fn num(&self) -> f64 {
        match self {
            V::Num(n) => *n,
            V::Str(s) | V::StrNum(s) => str_to_num(s),
        }
    }
    fn str(&self) -> String {
        match self {
            V::Num(n) => fmt_num(*n),
            V::Str(s) | V::StrNum(s) => s.clone(),
        }
    }
    fn truthy(&self) -> bool {
        match self {
            V::Num(n) => *n != 0.0,
            V::Str(s) => !s.is_empty(),
            V::StrNum(s) => {
                if looks_numeric(s) {
                    str_to_num(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }
    fn is_numeric(&self) -> bool {
        match self {
            V::Num(_) => true,
            V::Str(_) => false,
            V::StrNum(s) => looks_numeric(s),
        }
    }
}

enum Flow {
    Normal,
    Next,
    Exit,
    Break,
    Continue,
}

struct Awk<'a> {
    vars: BTreeMap<String, V>,
    arrays: BTreeMap<String, BTreeMap<String, V>>,
    fields: Vec<String>,
    record: String,
    out: String,
    files: BTreeMap<String, String>,
    exit_code: i32,
    steps: usize,
    error: Option<String>,
    rng: u64,
    regex_cache: BTreeMap<String, Regex>,
    _p: std::marker::PhantomData<&'a ()>,
}

impl Awk<'_> {
    fn get_var(&self, n: &str) -> V {
        match n {
            "NF" => V::Num(self.fields.len() as f64),
            _ => self.vars.get(n).cloned().unwrap_or(V::Str(String::new())),
        }
    }

    fn sv(&self, n: &str) -> String {
        self.get_var(n).str()
    }

    fn set_record(&mut self, rec: &str) {
        self.record = rec.to_string();
        self.split_record();
    }

    fn split_record(&mut self) {
        let fs = self.sv("FS");
        self.fields = self.split_with(&self.record.clone(), &fs);
    }

    fn split_with(&mut self, s: &str, fs: &str) -> Vec<String> {
        if s.is_empty() {
            return Vec::new();
        }
        if fs == " " {
            return s.split_whitespace().map(str::to_string).collect();
        }
        if fs.chars().count() == 1 && fs != "\\" {
            return s.split(fs).map(str::to_string).collect();
        }
        match self.regex(fs) {
            Some(re) => {
                let chars: Vec<char> = s.chars().collect();
                let mut out = Vec::new();
                let mut pos = 0;
                let mut last = 0;
                while pos <= chars.len() {
                    let Some(m) = re.find_at(&chars, pos) else {
                        break;
                    };
                    if m.end == m.start {
                        pos = m.start + 1;
                        continue;
                    }
                    out.push(chars[last..m.start].iter().collect());
                    last = m.end;
                    pos = m.end;
                }
                out.push(chars[last..].iter().collect());
                out
            }
            None => vec![s.to_string()],
        }
    }

    fn rebuild_record(&mut self) {
        let ofs = self.sv("OFS");
        self.record = self.fields.join(&ofs);
    }

    fn regex(&mut self, pat: &str) -> Option<Regex> {
        if let Some(r) = self.regex_cache.get(pat) {
            return Some(r.clone());
        }
        match Regex::new(pat, true, false) {
            Ok(r) => {
                if self.regex_cache.len() < 100 {
                    self.regex_cache.insert(pat.to_string(), r.clone());
                }
                Some(r)
            }
            Err(m) => {
                self.error = Some(format!(
                    "awk: regular expression compile failed ({m})\n{pat}\n"
                ));
                None
            }
        }
    }

    fn field(&self, i: usize) -> V {
        if i == 0 {
            return V::StrNum(self.record.clone());
        }
        V::StrNum(self.fields.get(i - 1).cloned().unwrap_or_default())
    }

    fn set_field(&mut self, i: usize, v: String) {
        if i == 0 {
            self.set_record(&v);
            return;
        }
        let i = i.min(100_000);
        if self.fields.len() < i {
            self.fields.resize(i, String::new());
        }
        self.fields[i - 1] = v;
        self.rebuild_record();
    }

    fn key(&mut self, idx: &[E]) -> String {
        let subsep = self
            .vars
            .get("SUBSEP")
            .map(V::str)
            .unwrap_or_else(|| "\x1c".into());
        let parts: Vec<String> = idx.iter().map(|e| self.eval(e).str()).collect();
        parts.join(&subsep)
    }

    fn assign(&mut self, lv: &E, v: V) {
        match lv {
            E::Var(n) => {
                if n == "NF" {
                    let k = v.num().max(0.0) as usize;
                    self.fields.resize(k.min(100_000), String::new());
                    self.rebuild_record();
                } else {
                    self.vars.insert(n.clone(), v);
                }
            }
            E::Field(e) => {
                let i = self.eval(e).num().max(0.0) as usize;
                self.set_field(i, v.str());
            }
            E::Index(a, idx) => {
                let k = self.key(idx);
                self.arrays.entry(a.clone()).or_default().insert(k, v);
            }
            E::Group(inner) => self.assign(inner, v),
            _ => {}
        }
    }

    fn match_re(&mut self, target: &str, re: &E) -> bool {
        let r = match re {
            E::Re(r) => Some((**r).clone()),
            other => {
                let p = self.eval(other).str();
                self.regex(&p)
            }
        };
        r.map(|r| r.is_match(target)).unwrap_or(false)
    }

    fn eval(&mut self, e: &E) -> V {
        self.steps += 1;
        if self.steps > MAX_STEPS && self.error.is_none() {
            self.error = Some("awk: program stopped after too many steps\n".into());
        }
        if self.error.is_some() {
            return V::Str(String::new());
        }
        match e {
            E::Num(n) => V::Num(*n),
            E::Str(s) => V::Str(s.clone()),
            E::Re(r) => {
                let rec = self.record.clone();
                V::Num(if r.is_match(&rec) { 1.0 } else { 0.0 })
            }
            E::Var(n) => self.get_var(n),
            E::Field(i) => {
                let i = self.eval(i).num();
                if i < 0.0 {
                    self.error = Some(format!(
                        "awk: trying to access out of range field {}\n",
                        i as i64
                    ));
                    return V::Str(String::new());
                }
                self.field(i as usize)
            }
            E::Index(a, idx) => {
                let k = self.key(idx);
                self.arrays
                    .entry(a.clone())
                    .or_default()
                    .entry(k)
                    .or_insert(V::Str(String::new()))
                    .clone()
            }
            E::Group(inner) => match &**inner {
                E::Call(n, v) if n == "\u{0}list" => {
                    let parts: Vec<String> = v.iter().map(|x| self.eval(x).str()).collect();
                    V::Str(parts.join(" "))
                }
                other => self.eval(other),
            },
            E::Assign(lv, op, rhs) => {
                let r = self.eval(rhs);
                let v = match op {
                    None => match r {
                        V::StrNum(s) => V::StrNum(s),
                        x => x,
                    },
                    Some(o) => {
                        let cur = self.eval(lv).num();
                        V::Num(self.arith(o, cur, r.num()))
                    }
                };
                self.assign(lv, v.clone());
                v
            }
            E::Cond(c, a, b) => {
                if self.eval(c).truthy() {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            E::And(a, b) => V::Num(if self.eval(a).truthy() && self.eval(b).truthy() {
                1.0
            } else {
                0.0
            }),
            E::Or(a, b) => V::Num(if self.eval(a).truthy() || self.eval(b).truthy() {
                1.0
            } else {
                0.0
            }),
            E::Not(a) => V::Num(if self.eval(a).truthy() { 0.0 } else { 1.0 }),
            E::Neg(a) => V::Num(-self.eval(a).num()),
            E::Plus(a) => V::Num(self.eval(a).num()),
            E::Bin(op, a, b) => {
                let x = self.eval(a).num();
                let y = self.eval(b).num();
                V::Num(self.arith(op, x, y))
            }
            E::Cmp(op, a, b) => {
                let x = self.eval(a);
                let y = self.eval(b);
                let ord = if x.is_numeric() && y.is_numeric() {
                    x.num()
                        .partial_cmp(&y.num())
                        .unwrap_or(std::cmp::Ordering::Equal)
                } else {
                    x.str().cmp(&y.str())
                };
                use std::cmp::Ordering::*;
                let r = match *op {
                    "<" => ord == Less,
                    "<=" => ord != Greater,
                    "==" => ord == Equal,
                    "!=" => ord != Equal,
                    ">=" => ord != Less,
                    _ => ord == Greater,
                };
                V::Num(if r { 1.0 } else { 0.0 })
            }
            E::Match(neg, a, b) => {
                let t = self.eval(a).str();
                let m = self.match_re(&t, b);
                V::Num(if m != *neg { 1.0 } else { 0.0 })
            }
            E::Concat(a, b) => {
                let mut s = self.eval(a).str();
                s.push_str(&self.eval(b).str());
                if s.len() > MAX_OUT {
                    self.error = Some("awk: string too long\n".into());
                }
                V::Str(s)
            }
            E::In(k, arr) => {
                let key = match &**k {
                    E::Call(n, v) if n == "\u{0}list" => self.key(v),
                    other => self.eval(other).str(),
                };
                V::Num(
                    if self
                        .arrays
                        .get(arr)
                        .map(|a| a.contains_key(&key))
                        .unwrap_or(false)
                    {
                        1.0
                    } else {
                        0.0
                    },
                )
            }
            E::Incr(lv, d, pre) => {
                let cur = self.eval(lv).num();
                self.assign(lv, V::Num(cur + d));
                V::Num(if *pre { cur + d } else { cur })
            }
            E::Call(f, args) => self.call(f, args),
        }
    }

    fn arith(&mut self, op: &str, x: f64, y: f64) -> f64 {
        match op {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => {
                if y == 0.0 {
                    self.error = Some("awk: division by zero\n".into());
                    0.0
                } else {
                    x / y
                }
            }
            "%" => {
                if y == 0.0 {
                    self.error = Some("awk: division by zero in %\n".into());
                    0.0
                } else {
                    x % y
                }
            }
            _ => x.powf(y),
        }
    }

    fn sub_impl(&mut self, args: &[E], global: bool) -> V {
        if args.len() < 2 {
            self.error = Some("awk: line 1: wrong number of arguments in call to sub\n".into());
            return V::Num(0.0);
        }
        let re = match &args[0] {
            E::Re(r) => Some((**r).clone()),
            other => {
                let p = self.eval(other).str();
                self.regex(&p)
            }
        };
        let Some(re) = re else { return V::Num(0.0) };
        let rep = self.eval(&args[1]).str();
        let target_e = args
            .get(2)
            .cloned()
            .unwrap_or(E::Field(Box::new(E::Num(0.0))));
        let target = self.eval(&target_e).str();
        let chars: Vec<char> = target.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        let mut copied = 0;
        let mut n = 0;
        while pos <= chars.len() {
            let Some(m) = re.find_at(&chars, pos) else {
                break;
            };
            out.extend(&chars[copied..m.start]);
            let matched: String = chars[m.start..m.end].iter().collect();
            let rc: Vec<char> = rep.chars().collect();
            let mut k = 0;
            while k < rc.len() {
                if rc[k] == '\\' && k + 1 < rc.len() && (rc[k + 1] == '&' || rc[k + 1] == '\\') {
                    out.push(rc[k + 1]);
                    k += 2;
                    continue;
                }
                if rc[k] == '&' {
                    out.push_str(&matched);
                } else {
                    out.push(rc[k]);
                }
                k += 1;
            }
            copied = m.end;
            n += 1;
            if m.end == m.start {
                if m.start < chars.len() {
                    out.push(chars[m.start]);
                }
                copied = m.start + 1;
                pos = m.start + 1;
            } else {
                pos = m.end;
            }
            if !global || n > 1_000_000 {
                break;
            }
        }
        if n > 0 {
            if copied < chars.len() {
                out.extend(&chars[copied..]);
            }
            self.assign(&target_e, V::Str(out));
        }
        V::Num(n as f64)
    }

    fn call(&mut self, f: &str, args: &[E]) -> V {
        let arg = |s: &mut Self, i: usize| -> V {
            args.get(i)
                .map(|e| s.eval(e))
                .unwrap_or(V::Str(String::new()))
        };
        match f {
            "length" => {
                if let Some(E::Var(n)) = args.first() {
                    if let Some(a) = self.arrays.get(n) {
                        return V::Num(a.len() as f64);
                    }
                }
                let s = if args.is_empty() {
                    self.record.clone()
                } else {
                    arg(self, 0).str()
                };
                V::Num(s.chars().count() as f64)
            }
            "substr" => {
                let s: Vec<char> = arg(self, 0).str().chars().collect();
                let m = arg(self, 1).num();
                let m = if m.is_nan() { 1.0 } else { m.round() };
                let n = if args.len() > 2 {
                    arg(self, 2).num().round()
                } else {
                    f64::INFINITY
                };
                let start = m.max(1.0);
                let end = (m + n).min(s.len() as f64 + 1.0);
                if end <= start {
                    return V::Str(String::new());
                }
                V::Str(s[(start as usize - 1)..(end as usize - 1)].iter().collect())
            }
            "index" => {
                let s = arg(self, 0).str();
                let t = arg(self, 1).str();
                V::Num(match s.find(&t) {
                    Some(b) => s[..b].chars().count() as f64 + 1.0,
                    None => 0.0,
                })
            }
            "split" => {
                let s = arg(self, 0).str();
                let Some(E::Var(arr)) = args.get(1) else {
                    self.error = Some("awk: split: second argument must be an array\n".into());
                    return V::Num(0.0);
                };
                let fs = match args.get(2) {
                    Some(E::Re(r)) => {
                        let _ = r;
                        String::new()
                    }
                    Some(e) => self.eval(e).str(),
                    None => self.sv("FS"),
                };
                let parts = match args.get(2) {
                    Some(E::Re(r)) => {
                        let chars: Vec<char> = s.chars().collect();
                        let mut out = Vec::new();
                        let mut pos = 0;
                        let mut last = 0;
                        while pos <= chars.len() {
                            let Some(m) = r.find_at(&chars, pos) else {
                                break;
                            };
                            if m.end == m.start {
                                pos += 1;
                                continue;
                            }
                            out.push(chars[last..m.start].iter().collect::<String>());
                            last = m.end;
                            pos = m.end;
                        }
                        if !s.is_empty() {
                            out.push(chars[last..].iter().collect());
                        }
                        out
                    }
                    _ => self.split_with(&s, &fs),
                };
                let mut a = BTreeMap::new();
                for (i, p) in parts.iter().enumerate() {
                    a.insert((i + 1).to_string(), V::StrNum(p.clone()));
                }
                let n = parts.len();
                self.arrays.insert(arr.clone(), a);
                V::Num(n as f64)
            }
            "sub" => self.sub_impl(args, false),
            "gsub" => self.sub_impl(args, true),
            "match" => {
                let s = arg(self, 0).str();
                let re = match args.get(1) {
                    Some(E::Re(r)) => Some((**r).clone()),
                    Some(e) => {
                        let p = self.eval(e).str();
                        self.regex(&p)
                    }
                    None => None,
                };
                let chars: Vec<char> = s.chars().collect();
                let (start, len) = match re.and_then(|r| r.find_at(&chars, 0)) {
                    Some(m) => (m.start as f64 + 1.0, (m.end - m.start) as f64),
                    None => (0.0, -1.0),
                };
                self.vars.insert("RSTART".into(), V::Num(start));
                self.vars.insert("RLENGTH".into(), V::Num(len));
                V::Num(start)
            }
            "sprintf" => {
                let vals: Vec<V> = args.iter().map(|e| self.eval(e)).collect();
                V::Str(awk_sprintf(&vals))
            }
            "tolower" => V::Str(arg(self, 0).str().to_lowercase()),
            "toupper" => V::Str(arg(self, 0).str().to_uppercase()),
            "int" => V::Num(arg(self, 0).num().trunc()),
            "sqrt" => V::Num(arg(self, 0).num().sqrt()),
            "exp" => V::Num(arg(self, 0).num().exp()),
            "log" => V::Num(arg(self, 0).num().ln()),
            "sin" => V::Num(arg(self, 0).num().sin()),
            "cos" => V::Num(arg(self, 0).num().cos()),
            "atan2" => {
                let y = arg(self, 0).num();
                V::Num(y.atan2(arg(self, 1).num()))
            }
            "rand" => {
                self.rng = self
                    .rng
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                V::Num((self.rng >> 11) as f64 / (1u64 << 53) as f64)
            }
            "srand" => {
                let old = self.rng;
                self.rng = arg(self, 0).num() as u64;
                V::Num(old as f64)
            }
            "system" => {
                self.error = Some("awk: system() is not supported\n".into());
                V::Num(0.0)
            }
            _ => V::Num(0.0),
        }
    }

    fn emit(&mut self, s: &str, redir: &Option<(bool, E)>) {
        match redir {
            None => {
                if self.out.len() < MAX_OUT {
                    self.out.push_str(s);
                }
            }
            Some((append, e)) => {
                let f = self.eval(e).str();
                let entry = self.files.entry(f).or_default();
                if entry.is_empty() && *append {
                    // Marked append with a leading NUL flag.
                    entry.push('\u{0}');
                }
                if entry.len() < MAX_OUT {
                    entry.push_str(s);
                }
            }
        }
    }

    fn exec(&mut self, s: &S) -> Flow {
        if self.error.is_some() {
            return Flow::Exit;
        }
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.error = Some("awk: program stopped after too many steps\n".into());
            return Flow::Exit;
        }
        match s {
            S::Expr(e) => {
                self.eval(e);
                Flow::Normal
            }
            S::Print(args, redir) => {
                let ofs = self.sv("OFS");
                let ors = self.sv("ORS");
                let line = if args.is_empty() {
                    self.record.clone()
                } else {
                    let parts: Vec<String> = args
                        .iter()
                        .map(|e| {
                            let v = self.eval(e);
                            match v {
                                V::Num(n) => {
                                    if n == n.trunc() && n.abs() < 1e16 {
                                        fmt_num(n)
                                    } else {
                                        fmt_float(n, 'g', 6)
                                    }
                                }
                                other => other.str(),
                            }
                        })
                        .collect();
                    parts.join(&ofs)
                };
                self.emit(&format!("{line}{ors}"), redir);
                Flow::Normal
            }
            S::Printf(args, redir) => {
                let vals: Vec<V> = args.iter().map(|e| self.eval(e)).collect();
                let s = awk_sprintf(&vals);
                self.emit(&s, redir);
                Flow::Normal
            }
            S::If(c, a, b) => {
                if self.eval(c).truthy() {
                    self.exec(a)
                } else if let Some(b) = b {
                    self.exec(b)
                } else {
                    Flow::Normal
                }
            }
            S::While(c, body) => {
                while self.eval(c).truthy() && self.error.is_none() {
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                }
                Flow::Normal
            }
            S::Do(body, c) => {
                loop {
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                    if !self.eval(c).truthy() || self.error.is_some() {
                        break;
                    }
                }
                Flow::Normal
            }
            S::For(init, cond, incr, body) => {
                if let Some(i) = init {
                    self.exec(i);
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c).truthy() {
                            break;
                        }
                    }
                    if self.error.is_some() {
                        return Flow::Exit;
                    }
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                    if let Some(i) = incr {
                        self.exec(i);
                    }
                }
                Flow::Normal
            }
            S::ForIn(k, arr, body) => {
                let keys: Vec<String> = self
                    .arrays
                    .get(arr)
                    .map(|a| a.keys().cloned().collect())
                    .unwrap_or_default();
                for key in keys {
                    self.vars.insert(k.clone(), V::StrNum(key));
                    match self.exec(body) {
                        Flow::Break => break,
                        Flow::Next => return Flow::Next,
                        Flow::Exit => return Flow::Exit,
                        _ => {}
                    }
                }
                Flow::Normal
            }
            S::Block(v) => {
                for s in v {
                    match self.exec(s) {
                        Flow::Normal => {}
                        other => return other,
                    }
                }
                Flow::Normal
            }
            S::Next => Flow::Next,
            S::Exit(e) => {
                if let Some(e) = e {
                    self.exit_code = self.eval(e).num() as i32;
                }
                Flow::Exit
            }
            S::Break => Flow::Break,
            S::Continue => Flow::Continue,
            S::Delete(a, idx) => {
                match idx {
                    None => {
                        self.arrays.remove(a);
                    }
                    Some(idx) => {
                        let k = self.key(idx);
                        if let Some(arr) = self.arrays.get_mut(a) {
                            arr.remove(&k);
                        }
                    }
                }
                Flow::Normal
            }
        }
    }
}

/// Deepest expression or statement nesting the evaluator accepts (it recurses over the tree).
const MAX_AST_DEPTH: usize = 150;

enum Node<'a> {
    E(&'a E),
    S(&'a S),
}

/// Is any expression or statement nested deeper than [`MAX_AST_DEPTH`]? (Iterative, so a
/// pathological program cannot overflow the stack while being checked.)
fn too_deep(items: &[(Pat, Option<Vec<S>>)]) -> bool {
    let mut stack: Vec<(Node, usize)> = Vec::new();
    for (pat, action) in items {
        match pat {
            Pat::Expr(e) => stack.push((Node::E(e), 1)),
            Pat::Range(a, b) => {
                stack.push((Node::E(a), 1));
                stack.push((Node::E(b), 1));
            }
            _ => {}
        }
        for s in action.iter().flatten() {
            stack.push((Node::S(s), 1));
        }
    }
    while let Some((n, d)) = stack.pop() {
        if d > MAX_AST_DEPTH {
            return true;
        }
        let d = d + 1;
        match n {
            Node::E(e) => match e {
                E::Num(_) | E::Str(_) | E::Re(_) | E::Var(_) => {}
                E::Field(a)
                | E::Not(a)
                | E::Neg(a)
                | E::Plus(a)
                | E::Group(a)
                | E::In(a, _)
                | E::Incr(a, _, _) => stack.push((Node::E(a), d)),
                E::Index(_, v) | E::Call(_, v) => stack.extend(v.iter().map(|x| (Node::E(x), d))),
                E::Assign(a, _, b)
                | E::And(a, b)
                | E::Or(a, b)
                | E::Bin(_, a, b)
                | E::Cmp(_, a, b)
                | E::Match(_, a, b)
                | E::Concat(a, b) => {
                    stack.push((Node::E(a), d));
                    stack.push((Node::E(b), d));
                }
                E::Cond(a, b, c) => {
                    stack.push((Node::E(a), d));
                    stack.push((Node::E(b), d));
                    stack.push((Node::E(c), d));
                }
            },
            Node::S(s) => match s {
                S::Expr(e) | S::While(e, _) | S::Do(_, e) => {
                    stack.push((Node::E(e), d));
                    if let S::While(_, b) | S::Do(b, _) = s {
                        stack.push((Node::S(b), d));
                    }
                }
                S::Print(v, r) | S::Printf(v, r) => {
                    stack.extend(v.iter().map(|x| (Node::E(x), d)));
                    if let Some((_, e)) = r {
                        stack.push((Node::E(e), d));
                    }
                }
                S::If(c, a, b) => {
                    stack.push((Node::E(c), d));
                    stack.push((Node::S(a), d));
                    if let Some(b) = b {
                        stack.push((Node::S(b), d));
                    }
                }
                S::For(i, c, st, b) => {
                    if let Some(i) = i {
                        stack.push((Node::S(i), d));
                    }
                    if let Some(c) = c {
                        stack.push((Node::E(c), d));
                    }
                    if let Some(st) = st {
                        stack.push((Node::S(st), d));
                    }
                    stack.push((Node::S(b), d));
                }
                S::ForIn(_, _, b) => stack.push((Node::S(b), d)),
                S::Block(v) => stack.extend(v.iter().map(|x| (Node::S(x), d))),
                S::Exit(Some(e)) => stack.push((Node::E(e), d)),
                S::Delete(_, Some(v)) => stack.extend(v.iter().map(|x| (Node::E(x), d))),
                S::Next | S::Exit(None) | S::Break | S::Continue | S::Delete(_, None) => {}
            },
        }
    }
    false
}

/// printf for awk values.
fn awk_sprintf(vals: &[V]) -> String {
    let Some(fmt) = vals.first() else {
        return String::new();
    };
    let fmt: Vec<char> = fmt.str().chars().collect();
    let mut out = String::new();
    let mut vi = 1;
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let mut left = false;
        let mut zero = false;
        let mut plus = false;
        while let Some(&f) = fmt.get(i) {
            match f {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' | '#' => {}
                _ => break,
            }
            i += 1;
        }
        let mut width = None;
        if fmt.get(i) == Some(&'*') {
            i += 1;
            let w = vals.get(vi).map(V::num).unwrap_or(0.0) as i64;
            vi += 1;
            if w < 0 {
                left = true;
            }
            width = Some((w.unsigned_abs() as usize).min(10_000));
        } else {
            let s = i;
            while fmt.get(i).map(|c| c.is_ascii_digit()).unwrap_or(false) {
                i += 1;
            }
            if i > s {
                width = fmt[s..i]
                    .iter()
                    .collect::<String>()
                    .parse::<usize>()
                    .ok()
                    .map(|w| w.min(10_000));
            }
        }
        let mut prec = None;
        if fmt.get(i) == Some(&'.') {
            i += 1;
            let s = i;
            while fmt.get(i).map(|c| c.is_ascii_digit()).unwrap_or(false) {
                i += 1;
            }
            prec = Some(
                fmt[s..i]
                    .iter()
                    .collect::<String>()
                    .parse::<usize>()
                    .unwrap_or(0)
                    .min(1000),
            );
        }
        while matches!(fmt.get(i), Some('l') | Some('h')) {
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.push('%');
            break;
        };
        i += 1;
        let v = vals.get(vi).cloned().unwrap_or(V::Str(String::new()));
        vi += 1;
        let piece = match conv {
            's' => {
                let s = v.str();
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad(&s, width, left, false)
            }
            'c' => {
                let s = match v {
                    V::Num(n) => char::from_u32(n as u32)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    other => other
                        .str()
                        .chars()
                        .next()
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                };
                pad(&s, width, left, false)
            }
            'd' | 'i' | 'o' | 'x' | 'X' | 'u' => {
                let n = v.num().trunc() as i64;
                let mut s = match conv {
                    'o' => format!("{n:o}"),
                    'x' => format!("{n:x}"),
                    'X' => format!("{n:X}"),
                    _ => n.to_string(),
                };
                if plus && n >= 0 {
                    s = format!("+{s}");
                }
                pad(&s, width, left, zero)
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let n = v.num();
                let mut s = fmt_float(n, conv, prec.unwrap_or(6));
                if plus && n >= 0.0 {
                    s = format!("+{s}");
                }
                pad(&s, width, left, zero)
            }
            other => {
                vi -= 1;
                format!("%{other}")
            }
        };
        out.push_str(&piece);
    }
    out
}

pub(super) fn awk(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut fs = " ".to_string();
    let mut assigns: Vec<(String, String)> = Vec::new();
    let mut program: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if a == "-F" {
            i += 1;
            match args.get(i) {
                Some(v) => fs = v.clone(),
                None => {
                    io.err("awk: option requires an argument -- F\n");
                    return 2;
                }
            }
        } else if let Some(v) = a.strip_prefix("-F") {
            fs = v.to_string();
        } else if a == "-v" {
            i += 1;
            match args.get(i).and_then(|v| v.split_once('=')) {
                Some((n, v)) => assigns.push((n.to_string(), super::unescape_c(v, false).0)),
                None => {
                    io.err("awk: improper assignment: -v\n");
                    return 2;
                }
            }
        } else if let Some(v) = a.strip_prefix("-v") {
            match v.split_once('=') {
                Some((n, v)) => assigns.push((n.to_string(), super::unescape_c(v, false).0)),
                None => {
                    io.err(format!("awk: improper assignment: -v {v}\n"));
                    return 2;
                }
            }
        } else if a == "-f" {
            i += 1;
            let Some(f) = args.get(i) else {
                io.err("awk: option requires an argument -- f\n");
                return 2;
            };
            match read_input(sh, sys, f, io) {
                Ok(t) => program = Some(t),
                Err(_) => {
                    io.err(format!("awk: couldn't open file {f}\n"));
                    return 2;
                }
            }
        } else if a.starts_with('-') && a.len() > 1 && program.is_none() {
            io.err(format!("awk: not an option: {a}\n"));
            return 2;
        } else {
            break;
        }
        i += 1;
    }
    let program = match program {
        Some(p) => p,
        None => match args.get(i) {
            Some(p) => {
                i += 1;
                p.clone()
            }
            None => {
                io.err("usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n");
                return 2;
            }
        },
    };
    let files: Vec<String> = args[i..].to_vec();
    let toks = match lex(&program) {
        Ok(t) => t,
        Err(m) => {
            io.err(m);
            return 2;
        }
    };
    let mut p = Parser {
        t: toks,
        i: 0,
        no_gt: false,
        no_in: false,
        depth: 0,
    };
    let items = match p.program() {
        Ok(items) => items,
        Err(m) => {
            io.err(m);
            return 2;
        }
    };
    if too_deep(&items) {
        io.err("awk: program too deeply nested\n");
        return 2;
    }
    if fs == "t" {
        fs = "\t".into();
    }
    let fs = super::unescape_c(&fs, false).0;
    let mut awk = Awk {
        vars: BTreeMap::new(),
        arrays: BTreeMap::new(),
        fields: Vec::new(),
        record: String::new(),
        out: String::new(),
        files: BTreeMap::new(),
        exit_code: 0,
        steps: 0,
        error: None,
        rng: 0x2545F4914F6CDD1D,
        regex_cache: BTreeMap::new(),
        _p: std::marker::PhantomData,
    };
    for (k, v) in [
        ("FS", fs.as_str()),
        ("OFS", " "),
        ("ORS", "\n"),
        ("RS", "\n"),
        ("SUBSEP", "\x1c"),
        ("NR", "0"),
        ("FNR", "0"),
    ] {
        awk.vars.insert(k.into(), V::Str(v.into()));
    }
    awk.vars.insert("NR".into(), V::Num(0.0));
    awk.vars.insert("FNR".into(), V::Num(0.0));
    for (k, v) in assigns {
        awk.vars.insert(k, V::StrNum(v));
    }
    let mut exited = false;
    // BEGIN
    for (pat, action) in &items {
        if let Pat::Begin = pat {
            if let Some(a) = action {
                if let Flow::Exit = awk.exec(&S::Block(a.clone())) {
                    exited = true;
                    break;
                }
            }
        }
    }
    let has_main = items.iter().any(|(p, _)| !matches!(p, Pat::Begin));
    let mut in_range = vec![false; items.len()];
    let mut st = 0;
    if !exited && has_main {
        let inputs: Vec<String> = if files.iter().any(|f| !f.contains('=')) {
            files.clone()
        } else {
            let mut v = files.clone();
            v.push("-".into());
            v
        };
        let inputs = if inputs.is_empty() {
            vec!["-".to_string()]
        } else {
            inputs
        };
        let mut nr = 0usize;
        'files: for f in &inputs {
            if let Some((k, v)) = f.split_once('=') {
                if crate::shell::parse::is_name(k) {
                    awk.vars.insert(k.into(), V::StrNum(v.into()));
                    continue;
                }
            }
            let text = match read_input(sh, sys, f, io) {
                Ok(t) => t,
                Err(_) => {
                    io.err(format!(
                        "awk: cannot open {f} (No such file or directory)\n"
                    ));
                    st = 2;
                    continue;
                }
            };
            awk.vars.insert(
                "FILENAME".into(),
                V::Str(if f == "-" { String::new() } else { f.clone() }),
            );
            let mut fnr = 0usize;
            for line in super::lines(&text) {
                nr += 1;
                fnr += 1;
                awk.vars.insert("NR".into(), V::Num(nr as f64));
                awk.vars.insert("FNR".into(), V::Num(fnr as f64));
                awk.set_record(line);
                for (k, (pat, action)) in items.iter().enumerate() {
                    let hit = match pat {
                        Pat::Begin | Pat::End => continue,
                        Pat::All => true,
                        Pat::Expr(e) => awk.eval(e).truthy(),
                        Pat::Range(a, b) => {
                            if in_range[k] {
                                if awk.eval(b).truthy() {
                                    in_range[k] = false;
                                }
                                true
                            } else if awk.eval(a).truthy() {
                                in_range[k] = !awk.eval(b).truthy();
                                true
                            } else {
                                false
                            }
                        }
                    };
                    if !hit {
                        continue;
                    }
                    let flow = match action {
                        Some(a) => awk.exec(&S::Block(a.clone())),
                        None => awk.exec(&S::Print(Vec::new(), None)),
                    };
                    match flow {
                        Flow::Next => break,
                        Flow::Exit => {
                            exited = true;
                            break 'files;
                        }
                        _ => {}
                    }
                }
                if awk.error.is_some() {
                    break 'files;
                }
            }
        }
    }
    // END runs even after exit in main rules (but not after an error).
    if awk.error.is_none() {
        let _ = exited;
        for (pat, action) in &items {
            if let Pat::End = pat {
                if let Some(a) = action {
                    if let Flow::Exit = awk.exec(&S::Block(a.clone())) {
                        break;
                    }
                }
            }
        }
    }
    io.out(std::mem::take(&mut awk.out));
    let now = sys.now_ms();
    for (f, content) in std::mem::take(&mut awk.files) {
        let path = crate::vfs::normalize(&sh.cwd, &f);
        let (append, body) = match content.strip_prefix('\u{0}') {
            Some(b) => (true, b.to_string()),
            None => (false, content),
        };
        let r = if f == "/dev/stderr" {
            io.err(&body);
            Ok(())
        } else if f == "/dev/stdout" {
            io.out(&body);
            Ok(())
        } else if append {
            sys.fs().append(&path, &body, now)
        } else {
            sys.fs().write(&path, &body, now)
        };
        if let Err(e) = r {
            io.err(format!("awk: cannot open \"{f}\" for output ({e})\n"));
            st = 2;
        }
    }
    if let Some(e) = awk.error.take() {
        io.err(e);
        return 2;
    }
    if st != 0 {
        return st;
    }
    awk.exit_code
}

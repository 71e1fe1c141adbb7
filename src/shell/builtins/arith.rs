//! Shell arithmetic (`$((…))`, `let`): integers with C operators, variables, assignment.

use crate::shell::Shell;

#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Id(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "**=", "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "!", "~", "&",
    "|", "^", "?", ":", "=", "(", ")", ",",
];

fn tokenize(s: &str) -> Result<Vec<T>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch.is_ascii_digit() {
            let st = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '#' || c[i] == '_') {
                i += 1;
            }
            let lit: String = c[st..i].iter().collect();
            out.push(T::Num(
                parse_num(&lit).ok_or_else(|| err_tok(s, &lit, "value too great for base"))?,
            ));
        } else if ch == '_' || ch.is_ascii_alphabetic() {
            let st = i;
            while i < c.len() && (c[i] == '_' || c[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            out.push(T::Id(c[st..i].iter().collect()));
        } else {
            let rest: String = c[i..c.len().min(i + 3)].iter().collect();
            match OPS.iter().find(|op| rest.starts_with(**op)) {
                Some(op) => {
                    out.push(T::Op(op));
                    i += op.chars().count();
                }
                None => {
                    let tail: String = c[i..].iter().collect();
                    return Err(format!("bash: {}: syntax error: invalid arithmetic operator (error token is \"{}\")", s.trim(), tail));
                }
            }
        }
    }
    Ok(out)
}

fn err_tok(expr: &str, tok: &str, what: &str) -> String {
    format!("bash: {}: {what} (error token is \"{tok}\")", expr.trim())
}

fn parse_num(lit: &str) -> Option<i64> {
    if let Some(h) = lit.strip_prefix("0x").or_else(|| lit.strip_prefix("0X")) {
        return i64::from_str_radix(h, 16).ok();
    }
    if let Some((base, digits)) = lit.split_once('#') {
        let b: u32 = base.parse().ok()?;
        if !(2..=36).contains(&b) {
            return None;
        }
        return i64::from_str_radix(digits, b).ok();
    }
    if lit.len() > 1 && lit.starts_with('0') {
        return i64::from_str_radix(&lit[1..], 8).ok();
    }
    lit.parse().ok()
}

struct P<'a> {
    sh: &'a mut Shell,
    t: Vec<T>,
    i: usize,
    src: String,
    depth: usize,
    /// Evaluate (false inside the untaken side of `&&`, `||`, `?:`).
    live: bool,
}

/// Evaluate an arithmetic expression (already `$`-expanded). Empty is 0.
pub(crate) fn eval(sh: &mut Shell, expr: &str) -> Result<i64, String> {
    let t = tokenize(expr)?;
    if t.is_empty() {
        return Ok(0);
    }
    let mut p = P {
        sh,
        t,
        i: 0,
        src: expr.to_string(),
        depth: 0,
        live: true,
    };
    let v = p.comma()?;
    if p.i < p.t.len() {
        let rest = p.rest();
        return Err(err_tok(&p.src, &rest, "syntax error in expression"));
    }
    Ok(v)
}

impl P<'_> {
    fn rest(&self) -> String {
        self.t[self.i..]
            .iter()
            .map(|t| match t {
                T::Num(n) => n.to_string(),
                T::Id(s) => s.clone(),
                T::Op(o) => o.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn peek_op(&self) -> Option<&'static str> {
        match self.t.get(self.i) {
            Some(T::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op() == Some(op) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn var(&mut self, name: &str) -> Result<i64, String> {
        let v = self.sh.var(name).unwrap_or("").trim().to_string();
        if v.is_empty() {
            return Ok(0);
        }
        if let Some(n) = parse_num(&v) {
            return Ok(n);
        }
        if self.depth > 20 {
            return Err(format!("bash: {name}: expression recursion level exceeded"));
        }
        // A variable holding an expression.
        let t = tokenize(&v)?;
        let mut p = P {
            sh: self.sh,
            t,
            i: 0,
            src: v.clone(),
            depth: self.depth + 5,
            live: self.live,
        };
        p.comma()
    }

    fn set(&mut self, name: &str, v: i64) {
        if self.live {
            self.sh.assign_var(name, &v.to_string());
        }
    }

    fn comma(&mut self) -> Result<i64, String> {
        let mut v = self.assign()?;
        while self.eat(",") {
            v = self.assign()?;
        }
        Ok(v)
    }

    fn assign(&mut self) -> Result<i64, String> {
        if let (Some(T::Id(name)), Some(T::Op(op))) =
            (self.t.get(self.i).cloned(), self.t.get(self.i + 1).cloned())
        {
            if matches!(
                op,
                "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=" | "**="
            ) {
                self.i += 2;
                let rhs = self.assign()?;
                let cur = if op == "=" { 0 } else { self.var(&name)? };
                let v = match op {
                    "=" => rhs,
                    "+=" => cur.wrapping_add(rhs),
                    "-=" => cur.wrapping_sub(rhs),
                    "*=" => cur.wrapping_mul(rhs),
                    "/=" | "%=" => {
                        if rhs == 0 {
                            return Err(err_tok(&self.src, &rhs.to_string(), "division by 0"));
                        }
                        if op == "/=" {
                            cur.wrapping_div(rhs)
                        } else {
                            cur.wrapping_rem(rhs)
                        }
                    }
                    "<<=" => cur.wrapping_shl(rhs as u32),
                    ">>=" => cur.wrapping_shr(rhs as u32),
                    "&=" => cur & rhs,
                    "|=" => cur | rhs,
                    "^=" => cur ^ rhs,
                    _ => pow(cur, rhs),
                };
                self.set(&name, v);
                return Ok(v);
            }
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, String> {
        let c = self.binary(0)?;
        if self.eat("?") {
            let live = self.live;
            self.live = live && c != 0;
            let a = self.comma()?;
            if !self.eat(":") {
                let rest = self.rest();
                return Err(err_tok(&self.src, &rest, "syntax error in expression"));
            }
            self.live = live && c == 0;
            let b = self.ternary()?;
            self.live = live;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }

    fn binary(&mut self, level: usize) -> Result<i64, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level >= LEVELS.len() {
            return self.power();
        }
        let mut v = self.binary(level + 1)?;
        while let Some(op) = self.peek_op().filter(|o| LEVELS[level].contains(o)) {
            self.i += 1;
            let live = self.live;
            if op == "&&" {
                self.live = live && v != 0;
            } else if op == "||" {
                self.live = live && v == 0;
            }
            let r = self.binary(level + 1)?;
            self.live = live;
            v = match op {
                "||" => i64::from(v != 0 || r != 0),
                "&&" => i64::from(v != 0 && r != 0),
                "|" => v | r,
                "^" => v ^ r,
                "&" => v & r,
                "==" => i64::from(v == r),
                "!=" => i64::from(v != r),
                "<" => i64::from(v < r),
                ">" => i64::from(v > r),
                "<=" => i64::from(v <= r),
                ">=" => i64::from(v >= r),
                "<<" => v.wrapping_shl(r as u32),
                ">>" => v.wrapping_shr(r as u32),
                "+" => v.wrapping_add(r),
                "-" => v.wrapping_sub(r),
                "*" => v.wrapping_mul(r),
                _ => {
                    if r == 0 {
                        if !self.live {
                            0
                        } else {
                            return Err(err_tok(&self.src, &r.to_string(), "division by 0"));
                        }
                    } else if op == "/" {
                        v.wrapping_div(r)
                    } else {
                        v.wrapping_rem(r)
                    }
                }
            };
        }
        Ok(v)
    }

    fn power(&mut self) -> Result<i64, String> {
        let b = self.unary()?;
        if self.eat("**") {
            let e = self.power()?;
            if e < 0 {
                return Err(err_tok(&self.src, &e.to_string(), "exponent less than 0"));
            }
            return Ok(pow(b, e));
        }
        Ok(b)
    }

    fn unary(&mut self) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(format!(
                "bash: {}: expression recursion level exceeded",
                self.src.trim()
            ));
        }
        let r = self.unary_inner();
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self) -> Result<i64, String> {
        match self.peek_op() {
            Some("-") => {
                self.i += 1;
                Ok(self.unary()?.wrapping_neg())
            }
            Some("+") => {
                self.i += 1;
                self.unary()
            }
            Some("!") => {
                self.i += 1;
                Ok(i64::from(self.unary()? == 0))
            }
            Some("~") => {
                self.i += 1;
                Ok(!self.unary()?)
            }
            Some(op @ ("++" | "--")) => {
                self.i += 1;
                match self.t.get(self.i).cloned() {
                    Some(T::Id(name)) => {
                        self.i += 1;
                        let v = self.var(&name)? + if op == "++" { 1 } else { -1 };
                        self.set(&name, v);
                        Ok(v)
                    }
                    _ => {
                        let rest = self.rest();
                        Err(err_tok(&self.src, &rest, "syntax error: operand expected"))
                    }
                }
            }
            _ => self.postfix(),
        }
    }

    fn postfix(&mut self) -> Result<i64, String> {
        match self.t.get(self.i).cloned() {
            Some(T::Num(n)) => {
                self.i += 1;
                Ok(n)
            }
            Some(T::Id(name)) => {
                self.i += 1;
                let v = self.var(&name)?;
                if let Some(op @ ("++" | "--")) = self.peek_op() {
                    self.i += 1;
                    self.set(&name, v + if op == "++" { 1 } else { -1 });
                }
                Ok(v)
            }
            Some(T::Op("(")) => {
                self.i += 1;
                // Each level of parentheses costs a dozen stack frames: keep it shallow.
                self.depth += 5;
                if self.depth > 200 {
                    return Err(format!(
                        "bash: {}: expression recursion level exceeded",
                        self.src.trim()
                    ));
                }
                let v = self.comma()?;
                self.depth -= 5;
                if !self.eat(")") {
                    return Err(format!(
                        "bash: {}: missing `)' (error token is \"{}\")",
                        self.src.trim(),
                        self.rest()
                    ));
                }
                Ok(v)
            }
            _ => {
                let rest = self.rest();
                Err(err_tok(&self.src, &rest, "syntax error: operand expected"))
            }
        }
    }
}

fn pow(b: i64, e: i64) -> i64 {
    let mut r: i64 = 1;
    for _ in 0..e.min(64) {
        r = r.wrapping_mul(b);
    }
    if e > 64 && b.abs() > 1 {
        // Overflowed long ago; keep wrapping semantics cheap.
        return r;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let mut sh = Shell::new();
        sh.set_var("i", "4");
        assert_eq!(eval(&mut sh, "1 + 2 * 3"), Ok(7));
        assert_eq!(eval(&mut sh, "(1+2)*3"), Ok(9));
        assert_eq!(eval(&mut sh, "i+1"), Ok(5));
        assert_eq!(eval(&mut sh, "i++"), Ok(4));
        assert_eq!(sh.var("i"), Some("5"));
        assert_eq!(eval(&mut sh, "i > 3 && i < 10 ? 1 : 0"), Ok(1));
        assert_eq!(eval(&mut sh, "2**10 % 1000"), Ok(24));
        assert_eq!(eval(&mut sh, "-7 / 2"), Ok(-3));
        assert_eq!(eval(&mut sh, "0x10 + 010"), Ok(24));
        assert_eq!(
            eval(&mut sh, "1/0"),
            Err("bash: 1/0: division by 0 (error token is \"0\")".into())
        );
        assert_eq!(eval(&mut sh, "x += 2, x"), Ok(2));
        assert!(eval(&mut sh, "1 +").is_err());
    }
}

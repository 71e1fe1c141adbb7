//! A small backtracking regular-expression engine for grep, sed and awk: POSIX basic (BRE) and
//! extended (ERE) syntax with the GNU extensions people use (`\+ \? \|` in BRE, `\w \s \d \b \< \>`),
//! bracket expressions with classes, groups, intervals and back-references. Matching is
//! leftmost-longest (as POSIX says), bounded in steps and depth.

/// Most backtracking steps one search may take before giving up (no match).
const MAX_STEPS: usize = 2_000_000;
/// Deepest recursion of the matcher.
const MAX_DEPTH: usize = 600;
/// Largest `{m,n}` bound.
const MAX_REPEAT: u32 = 1_000;

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Set(Box<Set>),
    Start,
    End,
    WordB,
    NotWordB,
    WordStart,
    WordEnd,
    Group(Vec<Vec<Node>>, Option<usize>),
    Repeat(Box<Node>, u32, Option<u32>),
    Backref(usize),
}

#[derive(Clone, Debug)]
struct Set {
    ranges: Vec<(char, char)>,
    neg: bool,
}

/// A compiled regular expression.
#[derive(Clone, Debug)]
pub struct Regex {
    alts: Vec<Vec<Node>>,
    groups: usize,
    icase: bool,
}

/// One match: char offsets of the whole match and of each group (1-based groups at index 1..).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub groups: Vec<Option<(usize, usize)>>,
}

/// The ranges of a POSIX class name (`alpha`, `digit`…).
pub fn class_ranges(name: &str) -> Vec<(char, char)> {
    match name {
        "alpha" => vec![('a', 'z'), ('A', 'Z')],
        "digit" => vec![('0', '9')],
        "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => vec![('A', 'Z')],
        "lower" => vec![('a', 'z')],
        "space" => vec![(' ', ' '), ('\t', '\r')],
        "blank" => vec![(' ', ' '), ('\t', '\t')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "xdigit" => vec![('0', '9'), ('a', 'f'), ('A', 'F')],
        "print" => vec![(' ', '~')],
        "graph" => vec![('!', '~')],
        "cntrl" => vec![('\0', '\x1f'), ('\x7f', '\x7f')],
        "word" => vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')],
        _ => Vec::new(),
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

struct Parser<'a> {
    c: &'a [char],
    i: usize,
    ere: bool,
    groups: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }
    fn peek2(&self) -> Option<char> {
        self.c.get(self.i + 1).copied()
    }

    fn at_alt(&self) -> bool {
        if self.ere {
            self.peek() == Some('|')
        } else {
            self.peek() == Some('\\') && self.peek2() == Some('|')
        }
    }

    fn at_close(&self) -> bool {
        if self.ere {
            self.peek() == Some(')') && self.depth > 0
        } else {
            self.peek() == Some('\\') && self.peek2() == Some(')')
        }
    }

    fn alts(&mut self) -> Result<Vec<Vec<Node>>, String> {
        let mut alts = vec![self.seq()?];
        while self.at_alt() {
            self.i += if self.ere { 1 } else { 2 };
            alts.push(self.seq()?);
        }
        Ok(alts)
    }

    fn seq(&mut self) -> Result<Vec<Node>, String> {
        let mut seq: Vec<Node> = Vec::new();
        let seq_start = self.i;
        while self.i < self.c.len() && !self.at_alt() && !self.at_close() {
            let c = self.c[self.i];
            let at_start = self.i == seq_start;
            // Leading `*` in BRE (or after `^`) is literal.
            let node = match c {
                '^' if self.ere || at_start => {
                    self.i += 1;
                    Node::Start
                }
                '$' => {
                    self.i += 1;
                    let at_end = self.i >= self.c.len() || self.at_alt() || self.at_close();
                    if self.ere || at_end {
                        Node::End
                    } else {
                        Node::Char('$')
                    }
                }
                '.' => {
                    self.i += 1;
                    Node::Any
                }
                '[' => {
                    self.i += 1;
                    self.bracket()?
                }
                '*' if seq.is_empty() || matches!(seq.last(), Some(Node::Start)) => {
                    self.i += 1;
                    if self.ere && seq.is_empty() {
                        // GNU ERE: a leading `*` matches itself.
                        Node::Char('*')
                    } else {
                        Node::Char('*')
                    }
                }
                '(' if self.ere => {
                    self.i += 1;
                    self.group()?
                }
                ')' if self.ere => {
                    // Unmatched `)` at top level is literal in GNU ERE.
                    self.i += 1;
                    Node::Char(')')
                }
                '+' | '?' if self.ere && seq.is_empty() => {
                    self.i += 1;
                    Node::Char(c)
                }
                '{' if self.ere && seq.is_empty() => {
                    self.i += 1;
                    Node::Char('{')
                }
                '\\' => {
                    self.i += 1;
                    let Some(n) = self.peek() else {
                        return Err("Trailing backslash".into());
                    };
                    self.i += 1;
                    match n {
                        '(' if !self.ere => self.group()?,
                        '{' if !self.ere && seq.is_empty() => Node::Char('{'),
                        'w' => Node::Set(Box::new(Set {
                            ranges: class_ranges("word"),
                            neg: false,
                        })),
                        'W' => Node::Set(Box::new(Set {
                            ranges: class_ranges("word"),
                            neg: true,
                        })),
                        's' => Node::Set(Box::new(Set {
                            ranges: class_ranges("space"),
                            neg: false,
                        })),
                        'S' => Node::Set(Box::new(Set {
                            ranges: class_ranges("space"),
                            neg: true,
                        })),
                        'd' => Node::Set(Box::new(Set {
                            ranges: class_ranges("digit"),
                            neg: false,
                        })),
                        'D' => Node::Set(Box::new(Set {
                            ranges: class_ranges("digit"),
                            neg: true,
                        })),
                        'b' => Node::WordB,
                        'B' => Node::NotWordB,
                        '<' => Node::WordStart,
                        '>' => Node::WordEnd,
                        'n' => Node::Char('\n'),
                        't' => Node::Char('\t'),
                        d @ '1'..='9' => {
                            let k = d as usize - '0' as usize;
                            if k > self.groups {
                                return Err("Invalid back reference".into());
                            }
                            Node::Backref(k)
                        }
                        other => Node::Char(other),
                    }
                }
                _ => {
                    self.i += 1;
                    Node::Char(c)
                }
            };
            seq.push(node);
            self.quantifiers(&mut seq)?;
        }
        Ok(seq)
    }

    fn quantifiers(&mut self, seq: &mut Vec<Node>) -> Result<(), String> {
        loop {
            let (min, max, len) = match (self.peek(), self.peek2()) {
                (Some('*'), _) => (0, None, 1),
                (Some('+'), _) if self.ere => (1, None, 1),
                (Some('?'), _) if self.ere => (0, Some(1), 1),
                (Some('\\'), Some('+')) if !self.ere => (1, None, 2),
                (Some('\\'), Some('?')) if !self.ere => (0, Some(1), 2),
                (Some('{'), _) if self.ere => match self.interval(self.i + 1) {
                    Some((a, b, end)) => (a, b, end - self.i),
                    None => return Ok(()),
                },
                (Some('\\'), Some('{')) if !self.ere => match self.interval(self.i + 2) {
                    Some((a, b, end)) => (a, b, end - self.i),
                    None => return Err("Unmatched \\{".into()),
                },
                _ => return Ok(()),
            };
            self.i += len;
            let Some(last) = seq.pop() else { return Ok(()) };
            if matches!(last, Node::Start) {
                seq.push(last);
                seq.push(Node::Char('*'));
                continue;
            }
            seq.push(Node::Repeat(Box::new(last), min, max));
        }
    }

    /// `m,n}` (ERE) or `m,n\}` (BRE) from `at`: (min, max, index after).
    fn interval(&self, at: usize) -> Option<(u32, Option<u32>, usize)> {
        let mut j = at;
        let num = |j: &mut usize| -> Option<u32> {
            let s = *j;
            while *j < self.c.len() && self.c[*j].is_ascii_digit() {
                *j += 1;
            }
            if *j == s {
                None
            } else {
                self.c[s..*j].iter().collect::<String>().parse().ok()
            }
        };
        let min = num(&mut j);
        let max = if self.c.get(j) == Some(&',') {
            j += 1;
            num(&mut j)
        } else {
            Some(min?)
        };
        if !self.ere {
            if self.c.get(j) != Some(&'\\') {
                return None;
            }
            j += 1;
        }
        if self.c.get(j) != Some(&'}') {
            return None;
        }
        let min = min.unwrap_or(0).min(MAX_REPEAT);
        let max = max.map(|m| m.min(MAX_REPEAT));
        if let Some(m) = max {
            if m < min {
                return None;
            }
        }
        Some((min, max, j + 1))
    }

    fn group(&mut self) -> Result<Node, String> {
        self.groups += 1;
        let idx = self.groups;
        self.depth += 1;
        if self.depth > 50 {
            return Err("Regular expression too big".into());
        }
        let alts = self.alts()?;
        self.depth -= 1;
        if self.ere {
            if self.peek() != Some(')') {
                return Err("Unmatched ( or \\(".into());
            }
            self.i += 1;
        } else {
            if !(self.peek() == Some('\\') && self.peek2() == Some(')')) {
                return Err("Unmatched ( or \\(".into());
            }
            self.i += 2;
        }
        Ok(Node::Group(alts, Some(idx)))
    }

    fn bracket(&mut self) -> Result<Node, String> {
        let err = || "Unmatched [, [^, [:, [., or [=".to_string();
        let mut neg = false;
        if self.peek() == Some('^') {
            neg = true;
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let start = self.i;
        loop {
            let Some(c) = self.peek() else {
                return Err(err());
            };
            if c == ']' && self.i > start {
                self.i += 1;
                break;
            }
            if c == '[' && matches!(self.peek2(), Some(':') | Some('.') | Some('=')) {
                let kind = self.c[self.i + 1];
                let from = self.i + 2;
                let mut j = from;
                while j + 1 < self.c.len() && !(self.c[j] == kind && self.c[j + 1] == ']') {
                    j += 1;
                }
                if j + 1 >= self.c.len() {
                    return Err(err());
                }
                let name: String = self.c[from..j].iter().collect();
                if kind == ':' {
                    let r = class_ranges(&name);
                    if r.is_empty() {
                        return Err("Invalid character class name".into());
                    }
                    ranges.extend(r);
                } else if let Some(ch) = name.chars().next() {
                    ranges.push((ch, ch));
                }
                self.i = j + 2;
                continue;
            }
            self.i += 1;
            if self.peek() == Some('-') && self.peek2().map(|n| n != ']').unwrap_or(false) {
                let hi = self.c[self.i + 1];
                if hi < c {
                    return Err("Invalid range end".into());
                }
                ranges.push((c, hi));
                self.i += 2;
            } else {
                ranges.push((c, c));
            }
        }
        Ok(Node::Set(Box::new(Set { ranges, neg })))
    }
}

impl Regex {
    /// Compile `pattern`: `ere` for extended syntax (grep -E, sed -E, awk), `icase` to ignore case.
    pub fn new(pattern: &str, ere: bool, icase: bool) -> Result<Regex, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut p = Parser {
            c: &chars,
            i: 0,
            ere,
            groups: 0,
            depth: 0,
        };
        let alts = p.alts()?;
        if p.i < chars.len() {
            // A stray `\)`.
            return Err("Unmatched ) or \\)".into());
        }
        Ok(Regex {
            alts,
            groups: p.groups,
            icase,
        })
    }

    /// A literal string (grep -F).
    pub fn literal(s: &str, icase: bool) -> Regex {
        Regex {
            alts: vec![s.chars().map(Node::Char).collect()],
            groups: 0,
            icase,
        }
    }

    pub fn groups(&self) -> usize {
        self.groups
    }

    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        self.find_at(&chars, 0).is_some()
    }

    /// The leftmost-longest match starting at or after `start`.
    pub fn find_at(&self, text: &[char], start: usize) -> Option<Match> {
        self.find_with(text, start, Constraint::None)
    }

    /// Like `find_at`, but the match must be a whole word (grep -w) or the whole line (grep -x).
    pub fn find_constrained(
        &self,
        text: &[char],
        start: usize,
        whole_word: bool,
        whole_line: bool,
    ) -> Option<Match> {
        let c = if whole_line {
            Constraint::Line
        } else if whole_word {
            Constraint::Word
        } else {
            Constraint::None
        };
        self.find_with(text, start, c)
    }

    fn find_with(&self, text: &[char], start: usize, c: Constraint) -> Option<Match> {
        let anchored = self
            .alts
            .iter()
            .all(|a| matches!(a.first(), Some(Node::Start)));
        let mut steps = 0usize;
        let mut s = start;
        while s <= text.len() {
            if anchored && s > 0 {
                return None;
            }
            if c == Constraint::Line && s > 0 {
                return None;
            }
            if c == Constraint::Word && s > 0 && is_word(text[s - 1]) {
                s += 1;
                continue;
            }
            let mut m = Matcher {
                text,
                icase: self.icase,
                caps: vec![None; self.groups + 1],
                steps,
                depth: 0,
                best: None,
            };
            let found = m.alts(&self.alts, s, &mut |m: &mut Matcher, p: usize| {
                let ok = match c {
                    Constraint::None => true,
                    Constraint::Line => p == m.text.len(),
                    Constraint::Word => (p == m.text.len() || !is_word(m.text[p])) && p > s,
                };
                if ok && m.best.as_ref().map(|(e, _)| p > *e).unwrap_or(true) {
                    m.best = Some((p, m.caps.clone()));
                }
                // Keep looking for a longer match unless this one reaches the end.
                ok && p == m.text.len()
            });
            let _ = found;
            steps = m.steps;
            if let Some((end, mut caps)) = m.best {
                caps[0] = Some((s, end));
                return Some(Match {
                    start: s,
                    end,
                    groups: caps,
                });
            }
            if steps > MAX_STEPS {
                return None;
            }
            s += 1;
        }
        None
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Constraint {
    None,
    Word,
    Line,
}

type Best = Option<(usize, Vec<Option<(usize, usize)>>)>;

struct Matcher<'t> {
    text: &'t [char],
    icase: bool,
    caps: Vec<Option<(usize, usize)>>,
    steps: usize,
    depth: usize,
    best: Best,
}

type Cont<'c, 't> = dyn FnMut(&mut Matcher<'t>, usize) -> bool + 'c;

impl<'t> Matcher<'t> {
    fn budget(&mut self) -> bool {
        self.steps += 1;
        self.steps <= MAX_STEPS && self.depth <= MAX_DEPTH
    }

    fn alts(&mut self, alts: &[Vec<Node>], pos: usize, k: &mut Cont<'_, 't>) -> bool {
        for a in alts {
            if self.seq(a, pos, k) {
                return true;
            }
            if self.steps > MAX_STEPS {
                return false;
            }
        }
        false
    }

    fn seq(&mut self, seq: &[Node], pos: usize, k: &mut Cont<'_, 't>) -> bool {
        if !self.budget() {
            return false;
        }
        match seq.split_first() {
            None => k(self, pos),
            Some((node, rest)) => {
                self.depth += 1;
                let r = self.node(node, pos, &mut |m: &mut Matcher<'t>, p: usize| {
                    m.seq(rest, p, k)
                });
                self.depth -= 1;
                r
            }
        }
    }

    fn char_eq(&self, a: char, b: char) -> bool {
        a == b || (self.icase && a.to_lowercase().eq(b.to_lowercase()))
    }

    fn single(&self, node: &Node, c: char) -> Option<bool> {
        Some(match node {
            Node::Char(x) => self.char_eq(*x, c),
            Node::Any => true,
            Node::Set(set) => {
                let hit = |ch: char| set.ranges.iter().any(|(a, b)| *a <= ch && ch <= *b);
                let mut r = hit(c);
                if !r && self.icase {
                    r = c.to_lowercase().any(hit) || c.to_uppercase().any(hit);
                }
                r != set.neg
            }
            _ => return None,
        })
    }

    fn boundary(&self, pos: usize) -> (bool, bool) {
        let before = pos > 0 && is_word(self.text[pos - 1]);
        let after = pos < self.text.len() && is_word(self.text[pos]);
        (before, after)
    }

    fn node(&mut self, node: &Node, pos: usize, k: &mut Cont<'_, 't>) -> bool {
        let len = self.text.len();
        match node {
            Node::Char(_) | Node::Any | Node::Set(_) => {
                pos < len && self.single(node, self.text[pos]).unwrap_or(false) && k(self, pos + 1)
            }
            Node::Start => pos == 0 && k(self, pos),
            Node::End => pos == len && k(self, pos),
            Node::WordB => {
                let (b, a) = self.boundary(pos);
                b != a && k(self, pos)
            }
            Node::NotWordB => {
                let (b, a) = self.boundary(pos);
                b == a && k(self, pos)
            }
            Node::WordStart => {
                let (b, a) = self.boundary(pos);
                !b && a && k(self, pos)
            }
            Node::WordEnd => {
                let (b, a) = self.boundary(pos);
                b && !a && k(self, pos)
            }
            Node::Backref(n) => {
                let Some(Some((s, e))) = self.caps.get(*n).copied() else {
                    return false;
                };
                let l = e - s;
                if pos + l > len {
                    return false;
                }
                for j in 0..l {
                    if !self.char_eq(self.text[s + j], self.text[pos + j]) {
                        return false;
                    }
                }
                k(self, pos + l)
            }
            Node::Group(alts, idx) => {
                let idx = idx.unwrap_or(0);
                self.depth += 1;
                let r = self.alts(alts, pos, &mut |m: &mut Matcher<'t>, p: usize| {
                    let saved = m.caps.get(idx).copied().flatten();
                    if idx > 0 && idx < m.caps.len() {
                        m.caps[idx] = Some((pos, p));
                    }
                    if k(m, p) {
                        return true;
                    }
                    if idx > 0 && idx < m.caps.len() {
                        m.caps[idx] = saved;
                    }
                    false
                });
                self.depth -= 1;
                r
            }
            Node::Repeat(inner, min, max) => {
                if matches!(**inner, Node::Char(_) | Node::Any | Node::Set(_)) {
                    let mut n = 0u32;
                    let mut p = pos;
                    while max.map(|m| n < m).unwrap_or(true)
                        && p < len
                        && self.single(inner, self.text[p]).unwrap_or(false)
                    {
                        n += 1;
                        p += 1;
                    }
                    if n < *min {
                        return false;
                    }
                    let mut j = n;
                    loop {
                        if !self.budget() {
                            return false;
                        }
                        if k(self, pos + j as usize) {
                            return true;
                        }
                        if j == *min {
                            return false;
                        }
                        j -= 1;
                    }
                }
                self.repeat(inner, *min, *max, 0, pos, k)
            }
        }
    }

    fn repeat(
        &mut self,
        inner: &Node,
        min: u32,
        max: Option<u32>,
        count: u32,
        pos: usize,
        k: &mut Cont<'_, 't>,
    ) -> bool {
        if !self.budget() {
            return false;
        }
        if max.map(|m| count < m).unwrap_or(true) {
            self.depth += 1;
            let r = self.node(inner, pos, &mut |m: &mut Matcher<'t>, p: usize| {
                if p == pos && count >= min {
                    return false;
                }
                m.repeat(inner, min, max, count + 1, p, k)
            });
            self.depth -= 1;
            if r {
                return true;
            }
        }
        count >= min && k(self, pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str, ere: bool, t: &str) -> Option<String> {
        let re = Regex::new(p, ere, false).unwrap();
        let c: Vec<char> = t.chars().collect();
        re.find_at(&c, 0)
            .map(|m| c[m.start..m.end].iter().collect())
    }

    #[test]
    fn basics() {
        assert_eq!(
            find("ngin.", false, "image: nginx:1.25"),
            Some("nginx".into())
        );
        assert_eq!(find("a*", false, "baaa"), Some("".into()));
        assert_eq!(find("ba*", false, "baaa"), Some("baaa".into()));
        assert_eq!(find("^kube", false, "kube-proxy"), Some("kube".into()));
        assert_eq!(find("^proxy", false, "kube-proxy"), None);
        assert_eq!(find("proxy$", false, "kube-proxy"), Some("proxy".into()));
        assert_eq!(find("a\\|ab", false, "xab"), Some("ab".into()));
        assert_eq!(find("a|ab", true, "xab"), Some("ab".into()));
        assert_eq!(find("a|b", false, "a|b"), Some("a|b".into()));
        assert_eq!(find("[0-9]+", true, "port 8080/TCP"), Some("8080".into()));
        assert_eq!(
            find("[0-9]\\+", false, "port 8080/TCP"),
            Some("8080".into())
        );
        assert_eq!(find("[[:digit:]]{2,3}", true, "12345"), Some("123".into()));
        assert_eq!(
            find("\\(ab\\)\\{2\\}", false, "xababab"),
            Some("abab".into())
        );
        assert_eq!(find("(a|b)+c", true, "xxababc"), Some("ababc".into()));
        assert_eq!(find("\\w+", true, "  foo_1-bar"), Some("foo_1".into()));
        assert_eq!(find("\\bpod\\b", true, "pods pod"), Some("pod".into()));
        assert_eq!(find("(.)\\1", true, "abccd"), Some("cc".into()));
        assert_eq!(find("[^a-z ]+", true, "abc DEF"), Some("DEF".into()));
        assert_eq!(find("\\d+\\.\\d+", true, "v1.25"), Some("1.25".into()));
        assert_eq!(find("x?y", true, "y"), Some("y".into()));
        assert_eq!(find("*a", false, "*a"), Some("*a".into()));
        assert!(Regex::new("(a", true, false).is_err());
        assert!(Regex::new("[a", true, false).is_err());
        let re = Regex::new("IMAGE", false, true).unwrap();
        assert!(re.is_match("    Image:  nginx"));
    }

    #[test]
    fn constrained() {
        let re = Regex::new("pod", false, false).unwrap();
        let c: Vec<char> = "pods pod".chars().collect();
        assert_eq!(
            re.find_constrained(&c, 0, true, false).map(|m| m.start),
            Some(5)
        );
        assert_eq!(re.find_constrained(&c, 0, false, true), None);
    }

    #[test]
    fn pathological_is_bounded() {
        let re = Regex::new("(a*)*b", true, false).unwrap();
        let t = "a".repeat(5000);
        assert!(!re.is_match(&t));
    }
}

//! Label selectors as `-l` takes them: `app=web`, `tier!=db`, `env in (a,b)`, `!legacy`, `app`.

use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq)]
enum Req {
    Eq(String, String),
    NotEq(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selector {
    reqs: Vec<Req>,
}

impl Selector {
    /// Parses a selector; the error is the text kubectl prints after `error: `.
    pub fn parse(s: &str) -> Result<Selector, String> {
        let mut reqs = vec![];
        let mut parts = vec![];
        let mut depth = 0;
        let mut cur = String::new();
        for c in s.chars() {
            match c {
                '(' => {
                    depth += 1;
                    cur.push(c)
                }
                ')' => {
                    depth -= 1;
                    cur.push(c)
                }
                ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        parts.push(cur);
        for p in parts {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let words: Vec<&str> = p.split_whitespace().collect();
            let req = if let Some(k) = p.strip_prefix('!') {
                Req::NotExists(k.trim().to_string())
            } else if let Some((k, v)) = p.split_once("!=") {
                Req::NotEq(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = p.split_once("==") {
                Req::Eq(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = p.split_once('=') {
                Req::Eq(k.trim().into(), v.trim().into())
            } else if words.len() >= 2 && (words[1] == "in" || words[1] == "notin") {
                let rest = p[p.find('(').ok_or_else(|| {
                    format!(
                        "unable to parse requirement: found '{}', expected: '('",
                        words.get(2).unwrap_or(&"")
                    )
                })?..]
                    .trim();
                let inner = rest.trim_start_matches('(').trim_end_matches(')');
                let vals: Vec<String> = inner
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                if words[1] == "in" {
                    Req::In(words[0].into(), vals)
                } else {
                    Req::NotIn(words[0].into(), vals)
                }
            } else if words.len() == 1 {
                Req::Exists(p.to_string())
            } else {
                return Err(format!("unable to parse requirement: found '{}', expected: '=', '!=', '==', 'in', notin'", words[1]));
            };
            let key = match &req {
                Req::Eq(k, _)
                | Req::NotEq(k, _)
                | Req::In(k, _)
                | Req::NotIn(k, _)
                | Req::Exists(k)
                | Req::NotExists(k) => k,
            };
            if key.is_empty() {
                return Err("unable to parse requirement: <nil>: Invalid value: \"\": name part must be non-empty".into());
            }
            reqs.push(req);
        }
        Ok(Selector { reqs })
    }

    pub fn is_empty(&self) -> bool {
        self.reqs.is_empty()
    }

    pub fn matches(&self, labels: &Map<String, Value>) -> bool {
        let get = |k: &str| labels.get(k).and_then(Value::as_str);
        self.reqs.iter().all(|r| match r {
            Req::Eq(k, v) => get(k) == Some(v.as_str()),
            Req::NotEq(k, v) => get(k) != Some(v.as_str()),
            Req::In(k, vs) => get(k).is_some_and(|h| vs.iter().any(|v| v == h)),
            Req::NotIn(k, vs) => get(k).is_none_or(|h| !vs.iter().any(|v| v == h)),
            Req::Exists(k) => get(k).is_some(),
            Req::NotExists(k) => get(k).is_none(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selectors_match_like_kubernetes() {
        let labels = json!({"app": "web", "tier": "fe"});
        let l = labels.as_object().cloned().unwrap_or_default();
        for (sel, want) in [
            ("app=web", true),
            ("app==web,tier=fe", true),
            ("app!=web", false),
            ("env", false),
            ("!env", true),
            ("tier in (fe, be)", true),
            ("tier notin (fe)", false),
            ("", true),
        ] {
            assert_eq!(
                Selector::parse(sel).map(|s| s.matches(&l)),
                Ok(want),
                "{sel}"
            );
        }
    }
}

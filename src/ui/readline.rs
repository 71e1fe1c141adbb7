//! The terminal's line editing, as bash's readline does it (emacs mode): the keys fingers
//! expect (Ctrl+A/E/U/K/W/D, Alt+B/F) and Ctrl+R's reverse search through the history. Pure:
//! the terminal component applies the result to its input.

/// The line being typed, with the caret as a byte offset into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub caret: usize,
}

/// A readline command bound to a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Ctrl+A
    BeginningOfLine,
    /// Ctrl+E
    EndOfLine,
    /// Ctrl+U: the text before the caret is cut.
    KillToStart,
    /// Ctrl+K: the text from the caret on is cut.
    KillToEnd,
    /// Ctrl+W: back to the previous whitespace (`unix-word-rubout`).
    RuboutWord,
    /// Alt+B
    BackwardWord,
    /// Alt+F
    ForwardWord,
    /// Ctrl+D on a non-empty line: the character under the caret.
    DeleteChar,
}

/// The readline command for a key with its modifiers, if any.
pub fn edit_for(key: &str, ctrl: bool, alt: bool) -> Option<Edit> {
    let key = key.to_ascii_lowercase();
    match (key.as_str(), ctrl, alt) {
        ("a", true, false) | ("home", false, false) => Some(Edit::BeginningOfLine),
        ("e", true, false) | ("end", false, false) => Some(Edit::EndOfLine),
        ("u", true, false) => Some(Edit::KillToStart),
        ("k", true, false) => Some(Edit::KillToEnd),
        ("w", true, false) => Some(Edit::RuboutWord),
        ("b", false, true) => Some(Edit::BackwardWord),
        ("f", false, true) => Some(Edit::ForwardWord),
        ("d", true, false) => Some(Edit::DeleteChar),
        _ => None,
    }
}

fn prev_boundary(text: &str, at: usize) -> usize {
    text[..at].char_indices().last().map_or(0, |(i, _)| i)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// Readline's words: letters and digits.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl Line {
    pub fn new(text: &str, caret: usize) -> Line {
        let mut caret = caret.min(text.len());
        while !text.is_char_boundary(caret) {
            caret -= 1;
        }
        Line {
            text: text.to_string(),
            caret,
        }
    }

    pub fn apply(&self, edit: Edit) -> Line {
        let (t, c) = (&self.text, self.caret);
        match edit {
            Edit::BeginningOfLine => Line::new(t, 0),
            Edit::EndOfLine => Line::new(t, t.len()),
            Edit::KillToStart => Line::new(&t[c..], 0),
            Edit::KillToEnd => Line::new(&t[..c], c),
            Edit::RuboutWord => {
                let mut at = c;
                while at > 0 && t[..at].ends_with(char::is_whitespace) {
                    at = prev_boundary(t, at);
                }
                while at > 0 && !t[..at].ends_with(char::is_whitespace) {
                    at = prev_boundary(t, at);
                }
                Line::new(&format!("{}{}", &t[..at], &t[c..]), at)
            }
            Edit::BackwardWord => {
                let mut at = c;
                while at > 0 && !t[..at].chars().next_back().is_some_and(is_word) {
                    at = prev_boundary(t, at);
                }
                while at > 0 && t[..at].chars().next_back().is_some_and(is_word) {
                    at = prev_boundary(t, at);
                }
                Line::new(t, at)
            }
            Edit::ForwardWord => {
                let mut at = c;
                while at < t.len() && !t[at..].chars().next().is_some_and(is_word) {
                    at = next_boundary(t, at);
                }
                while at < t.len() && t[at..].chars().next().is_some_and(is_word) {
                    at = next_boundary(t, at);
                }
                Line::new(t, at)
            }
            Edit::DeleteChar => {
                let end = next_boundary(t, c);
                Line::new(&format!("{}{}", &t[..c], &t[end..]), c)
            }
        }
    }
}

/// Ctrl+R: the search typed so far and the history line it found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The index in the history of the line found; None when nothing matches.
    pub found: Option<usize>,
    /// The line as it was before the search (Ctrl+G or Ctrl+C puts it back).
    pub original: String,
}

impl Search {
    pub fn start(original: &str) -> Search {
        Search {
            query: String::new(),
            found: None,
            original: original.to_string(),
        }
    }

    /// The newest history line before `before` that contains the query.
    fn find(history: &[String], query: &str, before: usize) -> Option<usize> {
        history[..before.min(history.len())]
            .iter()
            .rposition(|l| l.contains(query))
    }

    /// A character typed (or Backspace: `None`): the search starts again from the newest line.
    pub fn edit_query(&self, history: &[String], typed: Option<&str>) -> Search {
        let mut query = self.query.clone();
        match typed {
            Some(t) => query.push_str(t),
            None => {
                query.pop();
            }
        }
        let found = if query.is_empty() {
            None
        } else {
            Search::find(history, &query, history.len())
        };
        Search {
            query,
            found,
            original: self.original.clone(),
        }
    }

    /// Ctrl+R again: the next older match (the same one when there is none).
    pub fn older(&self, history: &[String]) -> Search {
        let before = self.found.unwrap_or(history.len());
        let found = if self.query.is_empty() {
            None
        } else {
            Search::find(history, &self.query, before).or(self.found)
        };
        Search {
            found,
            ..self.clone()
        }
    }

    /// The line the search shows: the match, or what was typed before it.
    pub fn line<'a>(&'a self, history: &'a [String]) -> &'a str {
        match self.found.and_then(|i| history.get(i)) {
            Some(l) => l,
            None if self.query.is_empty() => &self.original,
            None => "",
        }
    }

    /// Bash's prompt while searching.
    pub fn prompt(&self) -> String {
        let failed = if self.found.is_none() && !self.query.is_empty() {
            "failed "
        } else {
            ""
        };
        format!("({failed}reverse-i-search)`{}': ", self.query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, caret: usize, e: Edit) -> (String, usize) {
        let l = Line::new(text, caret).apply(e);
        (l.text, l.caret)
    }

    #[test]
    fn kills_and_moves_like_readline() {
        let t = "kubectl get pods -n kube-system";
        assert_eq!(at(t, 11, Edit::BeginningOfLine), (t.into(), 0));
        assert_eq!(at(t, 0, Edit::EndOfLine), (t.into(), t.len()));
        assert_eq!(
            at(t, 12, Edit::KillToStart),
            ("pods -n kube-system".into(), 0)
        );
        assert_eq!(at(t, 11, Edit::KillToEnd), ("kubectl get".into(), 11));
        assert_eq!(
            at(t, t.len(), Edit::RuboutWord),
            ("kubectl get pods -n ".into(), 20)
        );
        assert_eq!(at("a b   ", 6, Edit::RuboutWord), ("a ".into(), 2));
        assert_eq!(at("", 0, Edit::RuboutWord), (String::new(), 0));
        // Alt+B/F stop at letters and digits: `kube-system` is two words.
        assert_eq!(at(t, t.len(), Edit::BackwardWord).1, 25);
        assert_eq!(at(t, 20, Edit::ForwardWord).1, 24);
        assert_eq!(at(t, 0, Edit::ForwardWord).1, 7);
        assert_eq!(at("abc", 1, Edit::DeleteChar), ("ac".into(), 1));
        assert_eq!(at("abc", 3, Edit::DeleteChar), ("abc".into(), 3));
        // Korean text: whole characters.
        assert_eq!(at("에코 안녕", 13, Edit::RuboutWord), ("에코 ".into(), 7));
        assert_eq!(at("안녕", 3, Edit::DeleteChar), ("안".into(), 3));
        assert_eq!(Line::new("안녕", 4).caret, 3);
    }

    #[test]
    fn keys_map_to_edits() {
        assert_eq!(edit_for("a", true, false), Some(Edit::BeginningOfLine));
        assert_eq!(edit_for("W", true, false), Some(Edit::RuboutWord));
        assert_eq!(edit_for("b", false, true), Some(Edit::BackwardWord));
        assert_eq!(edit_for("a", false, false), None);
        assert_eq!(edit_for("c", true, false), None);
    }

    #[test]
    fn reverse_search_finds_newest_first_then_older() {
        let h: Vec<String> = [
            "kubectl get pods",
            "kubectl run web --image=nginx",
            "echo hi",
            "kubectl get pods -A",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let s = Search::start("typed");
        assert_eq!(s.prompt(), "(reverse-i-search)`': ");
        assert_eq!(s.line(&h), "typed");
        let s = s.edit_query(&h, Some("g")).edit_query(&h, Some("et"));
        assert_eq!(s.line(&h), "kubectl get pods -A");
        assert_eq!(s.prompt(), "(reverse-i-search)`get': ");
        let s = s.older(&h);
        assert_eq!(s.line(&h), "kubectl get pods");
        // No older match: it stays.
        assert_eq!(s.older(&h).line(&h), "kubectl get pods");
        let s = s.edit_query(&h, Some("zzz"));
        assert_eq!(s.prompt(), "(failed reverse-i-search)`getzzz': ");
        let s = s
            .edit_query(&h, None)
            .edit_query(&h, None)
            .edit_query(&h, None);
        assert_eq!(s.line(&h), "kubectl get pods -A");
        assert_eq!(s.original, "typed");
    }
}

//! The editor's buffer and what keys do to it: plain editing (`nano`, "New manifest") and vi's
//! modes (`vi`, `vim`). Pure and synchronous: a key or an edit of the text area goes in, the
//! buffer changes, and an [`Effect`] says what the page must do (write the file, close).
//!
//! vi here is the part a learner meets while editing a manifest: `i a o O I A`, Esc, `h j k l`
//! (and the arrows), `w b 0 ^ $ gg G`, counts (`3dd`), `x X D dd yy p P J u` and Ctrl+R, `/`
//! with `n N` (plain text, not a regular expression), and `:w :w FILE :q :q! :wq :x ZZ ZQ :N`.
//! Messages are Vim's own. Typing goes to the browser's text area (so input methods for Korean
//! work); only the keys vi gives a meaning to are taken here.

use std::rc::Rc;

/// Spaces a Tab inserts (and a Backspace in the indentation removes).
pub const INDENT: usize = 2;
/// Undo steps kept.
const UNDO_LIMIT: usize = 200;
/// The biggest count honoured (`99999dd` is clamped by the buffer anyway).
const MAX_COUNT: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Insert,
    /// Typing an Ex command after `:`.
    Command,
    /// Typing a pattern after `/`.
    Search,
}

/// A key as the browser reports it (`KeyboardEvent.key`), and the text area's selection when
/// it was pressed (UTF-16 offsets), so insert-mode keys act where the caret really is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Key {
    pub key: String,
    /// Ctrl, or Cmd on a Mac.
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    pub selection: Option<(usize, usize)>,
}

impl Key {
    pub fn plain(key: &str) -> Key {
        Key {
            key: key.to_string(),
            ..Key::default()
        }
    }
    pub fn ctrl(key: &str) -> Key {
        Key {
            key: key.to_string(),
            ctrl: true,
            ..Key::default()
        }
    }
}

/// What the page must do after a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Write the buffer (`:w`, `:w NAME`, Ctrl+S); close it afterwards if `quit`.
    Write {
        name: Option<String>,
        quit: bool,
    },
    /// Close without writing.
    Quit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The key was used: the browser must not act on it too.
    pub handled: bool,
    pub effect: Effect,
}

impl Outcome {
    fn used() -> Outcome {
        Outcome {
            handled: true,
            effect: Effect::None,
        }
    }
    fn unused() -> Outcome {
        Outcome {
            handled: false,
            effect: Effect::None,
        }
    }
    fn effect(effect: Effect) -> Outcome {
        Outcome {
            handled: true,
            effect,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Snap {
    lines: Vec<String>,
    row: usize,
    col: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Register {
    lines: Vec<String>,
    linewise: bool,
}

/// A line of Vim's message area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buffer {
    pub lines: Vec<String>,
    pub row: usize,
    /// In characters.
    pub col: usize,
    pub mode: Mode,
    /// vi keys; false: always inserting, like nano.
    pub vi: bool,
    /// What follows `:` or `/` while typing it.
    pub cmdline: String,
    pub modified: bool,
    pub message: Option<Message>,
    /// Grows on every change of the text.
    pub version: u64,
    /// A count or operator typed so far (`3`, `d`, `2y`, `g`).
    pending: String,
    undo: Vec<Rc<Snap>>,
    redo: Vec<Rc<Snap>>,
    register: Option<Rc<Register>>,
    search: Option<String>,
    /// Plain mode: the last change was typing, so the next keystroke joins its undo step.
    typing: bool,
}

fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn byte_at(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map(|(b, _)| b).unwrap_or(s.len())
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn leading_spaces(s: &str) -> usize {
    s.chars().take_while(|c| *c == ' ').count()
}

fn first_non_blank(s: &str) -> usize {
    s.chars().take_while(|c| c.is_whitespace()).count()
}

/// The indent of a new line typed after `before`: the same as its line, two more after a
/// `key:` (a block opens), and the column of the content after a `- ` list dash.
pub fn auto_indent(before: &str) -> usize {
    let base = leading_spaces(before);
    let t = before.trim_end();
    let rest = t.trim_start();
    let mut indent = base;
    if rest == "-" || rest.starts_with("- ") {
        indent += 2;
    }
    if t.ends_with(':')
        || t.ends_with(": |")
        || t.ends_with(": >")
        || t.ends_with(": |-")
        || t.ends_with(": >-")
    {
        indent += INDENT;
    }
    indent
}

/// Character classes for `w` and `b`: blanks, word characters, punctuation.
fn class(c: char) -> u8 {
    if c.is_whitespace() {
        0
    } else if c.is_alphanumeric() || c == '_' {
        1
    } else {
        2
    }
}

impl Buffer {
    /// A buffer holding `text` (a file's content: one trailing newline is the last line's end).
    pub fn new(text: &str, vi: bool) -> Buffer {
        let body = text.strip_suffix('\n').unwrap_or(text);
        Buffer {
            lines: split_lines(body),
            row: 0,
            col: 0,
            mode: if vi { Mode::Normal } else { Mode::Insert },
            vi,
            cmdline: String::new(),
            modified: false,
            message: None,
            version: 0,
            pending: String::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            register: None,
            search: None,
            typing: false,
        }
    }

    /// The text as the text area shows it.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The text as written to the file: every line ends with a newline (an empty buffer is an
    /// empty file), as Vim writes it.
    pub fn file_text(&self) -> String {
        if self.lines.len() == 1 && self.lines[0].is_empty() {
            return String::new();
        }
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// The cursor as a UTF-16 offset into [`Buffer::text`] (what the text area counts in).
    pub fn caret(&self) -> usize {
        let mut off = 0;
        for l in self.lines.iter().take(self.row) {
            off += utf16_len(l) + 1;
        }
        let line = self.lines.get(self.row).map(String::as_str).unwrap_or("");
        off + line
            .chars()
            .take(self.col)
            .map(char::len_utf16)
            .sum::<usize>()
    }

    /// (row, col) of a UTF-16 offset.
    fn pos_of(&self, offset: usize) -> (usize, usize) {
        let mut left = offset;
        for (r, l) in self.lines.iter().enumerate() {
            let n = utf16_len(l);
            if left <= n {
                let mut col = 0;
                let mut acc = 0;
                for c in l.chars() {
                    if acc >= left {
                        break;
                    }
                    acc += c.len_utf16();
                    col += 1;
                }
                return (r, col);
            }
            left -= n + 1;
        }
        let last = self.lines.len().saturating_sub(1);
        (last, char_len(&self.lines[last]))
    }

    /// Moves the cursor to where the text area's caret is (a click, the arrows in insert mode).
    pub fn set_caret(&mut self, offset: usize) {
        let (r, c) = self.pos_of(offset);
        self.row = r;
        self.col = c;
        self.clamp();
        self.typing = false;
    }

    /// Writing succeeded: Vim's report, and the buffer is no longer modified.
    pub fn written(&mut self, name: &str, new_file: bool) {
        let text = self.file_text();
        let lines = if text.is_empty() { 0 } else { self.lines.len() };
        self.modified = false;
        self.message = Some(Message {
            text: format!(
                "\"{name}\" {}{lines}L, {}B written",
                if new_file { "[New] " } else { "" },
                text.len()
            ),
            error: false,
        });
    }

    pub fn set_message(&mut self, text: &str, error: bool) {
        self.message = Some(Message {
            text: text.to_string(),
            error,
        });
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines.get(row).map(|l| char_len(l)).unwrap_or(0)
    }

    /// Keeps the cursor on the text; in normal mode it sits on a character, not after the last.
    fn clamp(&mut self) {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.row = self.row.min(self.lines.len() - 1);
        let len = self.line_len(self.row);
        let max = if self.mode == Mode::Insert || !self.vi {
            len
        } else {
            len.saturating_sub(1)
        };
        self.col = self.col.min(max);
    }

    fn snap(&self) -> Rc<Snap> {
        Rc::new(Snap {
            lines: self.lines.clone(),
            row: self.row,
            col: self.col,
        })
    }

    /// Starts an undo step: the state before a change.
    fn begin_change(&mut self) {
        self.undo.push(self.snap());
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn changed(&mut self) {
        self.modified = true;
        self.version += 1;
    }

    fn restore(&mut self, s: &Snap) {
        self.lines = s.lines.clone();
        self.row = s.row;
        self.col = s.col;
        self.changed();
        self.clamp();
    }

    pub fn undo(&mut self) {
        match self.undo.pop() {
            Some(s) => {
                self.redo.push(self.snap());
                self.restore(&s);
            }
            None => self.set_message("Already at oldest change", false),
        }
        self.typing = false;
    }

    pub fn redo(&mut self) {
        match self.redo.pop() {
            Some(s) => {
                self.undo.push(self.snap());
                self.restore(&s);
            }
            None => self.set_message("Already at newest change", false),
        }
        self.typing = false;
    }

    /// The text area's content changed by itself (typing, a paste, a cut): take it.
    pub fn input(&mut self, text: &str, caret: usize) {
        let lines = split_lines(text);
        if lines == self.lines {
            self.set_caret(caret);
            return;
        }
        let inserting_in_vi = self.vi && self.mode == Mode::Insert;
        if !inserting_in_vi {
            // A paste or a cut is an undo step of its own; typing runs join one.
            let old_len: usize = self.lines.iter().map(|l| l.len() + 1).sum();
            let big = text.len().abs_diff(old_len.saturating_sub(1)) > 1
                || lines.len() != self.lines.len();
            if !self.typing || big {
                self.begin_change();
            }
            self.typing = !big;
        }
        self.lines = lines;
        self.changed();
        let (r, c) = self.pos_of(caret);
        self.row = r;
        self.col = c;
        self.clamp();
    }

    /// A key pressed in the text area.
    pub fn key(&mut self, k: &Key) -> Outcome {
        if matches!(
            k.key.as_str(),
            "Shift" | "Control" | "Alt" | "Meta" | "CapsLock" | "Dead" | "Process" | "Unidentified"
        ) {
            return Outcome::unused();
        }
        if k.ctrl && k.key.eq_ignore_ascii_case("s") {
            if matches!(self.mode, Mode::Command | Mode::Search) {
                self.mode = Mode::Normal;
                self.cmdline.clear();
            }
            return Outcome::effect(Effect::Write {
                name: None,
                quit: false,
            });
        }
        if !self.vi {
            return self.key_insert(k);
        }
        match self.mode {
            Mode::Insert => self.key_insert(k),
            Mode::Normal => self.key_normal(k),
            Mode::Command | Mode::Search => self.key_cmdline(k),
        }
    }

    /// Replaces the selection (if any) by nothing and puts the cursor at its start.
    fn take_selection(&mut self, k: &Key) {
        if let Some((a, b)) = k.selection {
            let (a, b) = (a.min(b), a.max(b));
            let (r1, c1) = self.pos_of(a);
            if a != b {
                let (r2, c2) = self.pos_of(b);
                let head: String = self.lines[r1].chars().take(c1).collect();
                let tail: String = self.lines[r2].chars().skip(c2).collect();
                self.lines.splice(r1..=r2, [format!("{head}{tail}")]);
            }
            self.row = r1;
            self.col = c1;
        }
    }

    fn key_insert(&mut self, k: &Key) -> Outcome {
        let has_selection = k.selection.is_some_and(|(a, b)| a != b);
        match k.key.as_str() {
            "Escape" if self.vi => {
                if let Some((a, _)) = k.selection {
                    self.mode = Mode::Insert;
                    self.set_caret(a);
                }
                self.mode = Mode::Normal;
                self.col = self.col.saturating_sub(1);
                self.clamp();
                self.typing = false;
                Outcome::used()
            }
            "Tab" if !k.ctrl && !k.alt => {
                self.plain_step();
                self.take_selection(k);
                if k.shift {
                    let n = leading_spaces(&self.lines[self.row]).min(INDENT);
                    let b = byte_at(&self.lines[self.row], n);
                    self.lines[self.row].replace_range(..b, "");
                    self.col = self.col.saturating_sub(n);
                } else {
                    let b = byte_at(&self.lines[self.row], self.col);
                    self.lines[self.row].insert_str(b, &" ".repeat(INDENT));
                    self.col += INDENT;
                }
                self.changed();
                Outcome::used()
            }
            "Enter" if !k.ctrl && !k.alt => {
                self.plain_step();
                self.take_selection(k);
                self.split_line();
                Outcome::used()
            }
            "Backspace" if !has_selection && !k.ctrl && !k.alt => {
                if let Some((a, _)) = k.selection {
                    let (r, c) = self.pos_of(a);
                    self.row = r;
                    self.col = c;
                }
                let line = &self.lines[self.row];
                let before: String = line.chars().take(self.col).collect();
                if self.col == 0 || !before.chars().all(|c| c == ' ') {
                    return Outcome::unused();
                }
                self.plain_step();
                let n = (self.col - 1) % INDENT + 1;
                let start = byte_at(&self.lines[self.row], self.col - n);
                let end = byte_at(&self.lines[self.row], self.col);
                self.lines[self.row].replace_range(start..end, "");
                self.col -= n;
                self.changed();
                Outcome::used()
            }
            "z" | "Z" if k.ctrl && !self.vi => {
                if k.shift {
                    self.redo();
                } else {
                    self.undo();
                }
                Outcome::used()
            }
            "y" | "Y" if k.ctrl && !self.vi => {
                self.redo();
                Outcome::used()
            }
            _ => Outcome::unused(),
        }
    }

    /// Plain mode: Enter, Tab and friends are undo steps of their own.
    fn plain_step(&mut self) {
        if !self.vi {
            self.begin_change();
            self.typing = false;
        }
    }

    /// Enter in insert mode: a new line with the indentation YAML wants.
    fn split_line(&mut self) {
        let line = self.lines[self.row].clone();
        let b = byte_at(&line, self.col);
        let (before, after) = line.split_at(b);
        let indent = auto_indent(before);
        // Like Vim's autoindent: a line left with only blanks loses them.
        let kept = if before.trim().is_empty() {
            String::new()
        } else {
            before.to_string()
        };
        self.lines[self.row] = kept;
        let new_line = format!("{}{}", " ".repeat(indent), after.trim_start_matches(' '));
        self.lines.insert(self.row + 1, new_line);
        self.row += 1;
        self.col = indent;
        self.changed();
    }

    fn key_normal(&mut self, k: &Key) -> Outcome {
        self.message = None;
        if k.ctrl {
            return match k.key.as_str() {
                "r" | "R" => {
                    self.redo();
                    Outcome::used()
                }
                // Copy, cut, paste, select all: the browser's.
                _ => Outcome::unused(),
            };
        }
        let key = k.key.as_str();
        let digits = self
            .pending
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let (count_str, op) = self.pending.split_at(digits);
        let (count_str, op) = (count_str.to_string(), op.to_string());
        let is_digit = key.len() == 1 && key.as_bytes()[0].is_ascii_digit();
        if is_digit && op.is_empty() && (key != "0" || !count_str.is_empty()) {
            if self.pending.len() < 6 {
                self.pending.push_str(key);
            }
            return Outcome::used();
        }
        let has_count = !count_str.is_empty();
        let count = count_str.parse::<usize>().unwrap_or(1).clamp(1, MAX_COUNT);
        self.pending.clear();
        if !op.is_empty() {
            return match (op.as_str(), key) {
                ("d", "d") => {
                    self.delete_lines(count);
                    Outcome::used()
                }
                ("y", "y") => {
                    self.yank_lines(count);
                    Outcome::used()
                }
                ("g", "g") => {
                    self.goto_line(if has_count { count } else { 1 });
                    Outcome::used()
                }
                ("Z", "Z") => Outcome::effect(Effect::Write {
                    name: None,
                    quit: true,
                }),
                ("Z", "Q") => Outcome::effect(Effect::Quit),
                _ => Outcome::used(),
            };
        }
        match key {
            "d" | "y" | "g" | "Z" => {
                self.pending = format!("{count_str}{key}");
            }
            "h" | "ArrowLeft" | "Backspace" => self.col = self.col.saturating_sub(count),
            "l" | "ArrowRight" | " " => {
                self.col = (self.col + count).min(self.line_len(self.row).saturating_sub(1))
            }
            "j" | "ArrowDown" => self.row = (self.row + count).min(self.lines.len() - 1),
            "k" | "ArrowUp" => self.row = self.row.saturating_sub(count),
            "Enter" | "+" => {
                self.row = (self.row + count).min(self.lines.len() - 1);
                self.col = first_non_blank(&self.lines[self.row]);
            }
            "-" => {
                self.row = self.row.saturating_sub(count);
                self.col = first_non_blank(&self.lines[self.row]);
            }
            "0" | "Home" => self.col = 0,
            "^" => self.col = first_non_blank(&self.lines[self.row]),
            "$" | "End" => self.col = self.line_len(self.row).saturating_sub(1),
            "w" | "W" => (0..count).for_each(|_| self.word_forward()),
            "b" | "B" => (0..count).for_each(|_| self.word_backward()),
            "G" => {
                let target = if has_count { count } else { self.lines.len() };
                self.goto_line(target);
            }
            "i" | "Insert" => self.start_insert(),
            "a" => {
                let len = self.line_len(self.row);
                self.start_insert();
                self.col = (self.col + 1).min(len);
            }
            "I" => {
                self.start_insert();
                self.col = first_non_blank(&self.lines[self.row]);
            }
            "A" => {
                self.start_insert();
                self.col = self.line_len(self.row);
            }
            "o" => {
                self.start_insert();
                let indent = auto_indent(&self.lines[self.row]);
                self.lines.insert(self.row + 1, " ".repeat(indent));
                self.row += 1;
                self.col = indent;
                self.changed();
            }
            "O" => {
                self.start_insert();
                let indent = leading_spaces(&self.lines[self.row]);
                self.lines.insert(self.row, " ".repeat(indent));
                self.col = indent;
                self.changed();
            }
            "x" | "Delete" => self.delete_chars(count, false),
            "X" => self.delete_chars(count, true),
            "D" => {
                let n = self.line_len(self.row).saturating_sub(self.col);
                self.delete_chars(n, false);
            }
            "J" => self.join_lines(count.max(2) - 1),
            "p" => self.put(count, true),
            "P" => self.put(count, false),
            "u" => self.undo(),
            "n" => self.search_next(true),
            "N" => self.search_next(false),
            ":" => {
                self.mode = Mode::Command;
                self.cmdline.clear();
            }
            "/" => {
                self.mode = Mode::Search;
                self.cmdline.clear();
            }
            _ => {}
        }
        self.clamp();
        // Every other key is vi's too: nothing is typed into the text in normal mode.
        Outcome::used()
    }

    fn start_insert(&mut self) {
        self.begin_change();
        self.mode = Mode::Insert;
    }

    fn goto_line(&mut self, n: usize) {
        self.row = n.clamp(1, self.lines.len()) - 1;
        self.col = first_non_blank(&self.lines[self.row]);
    }

    fn report(&mut self, n: usize, what: &str) {
        // Vim reports changes of more than 'report' (2) lines.
        if n > 2 {
            self.set_message(&format!("{n} {what}"), false);
        }
    }

    fn delete_lines(&mut self, count: usize) {
        let end = (self.row + count).min(self.lines.len());
        let n = end - self.row;
        self.begin_change();
        let removed: Vec<String> = self.lines.drain(self.row..end).collect();
        self.register = Some(Rc::new(Register {
            lines: removed,
            linewise: true,
        }));
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.row = self.row.min(self.lines.len() - 1);
        self.col = first_non_blank(&self.lines[self.row]);
        self.changed();
        self.report(n, "fewer lines");
    }

    fn yank_lines(&mut self, count: usize) {
        let end = (self.row + count).min(self.lines.len());
        self.register = Some(Rc::new(Register {
            lines: self.lines[self.row..end].to_vec(),
            linewise: true,
        }));
        self.report(end - self.row, "lines yanked");
    }

    fn delete_chars(&mut self, count: usize, before: bool) {
        let len = self.line_len(self.row);
        let (start, end) = if before {
            (self.col.saturating_sub(count), self.col)
        } else {
            (self.col, (self.col + count).min(len))
        };
        if start >= end {
            return;
        }
        self.begin_change();
        let line = &mut self.lines[self.row];
        let (bs, be) = (byte_at(line, start), byte_at(line, end));
        let removed = line[bs..be].to_string();
        line.replace_range(bs..be, "");
        self.register = Some(Rc::new(Register {
            lines: vec![removed],
            linewise: false,
        }));
        self.col = start;
        self.changed();
    }

    fn join_lines(&mut self, joins: usize) {
        if self.row + 1 >= self.lines.len() {
            return;
        }
        self.begin_change();
        for _ in 0..joins {
            if self.row + 1 >= self.lines.len() {
                break;
            }
            let next = self.lines.remove(self.row + 1);
            let cur = self.lines[self.row].trim_end().to_string();
            let next = next.trim_start();
            self.col = char_len(&cur);
            self.lines[self.row] = if next.is_empty() {
                cur
            } else if cur.is_empty() {
                next.to_string()
            } else {
                format!("{cur} {next}")
            };
        }
        self.changed();
    }

    fn put(&mut self, count: usize, after: bool) {
        let Some(reg) = self.register.clone() else {
            self.set_message("E353: Nothing in register \"", true);
            return;
        };
        self.begin_change();
        if reg.linewise {
            let at = if after { self.row + 1 } else { self.row };
            let mut new_lines = Vec::new();
            for _ in 0..count.min(1000) {
                new_lines.extend(reg.lines.iter().cloned());
            }
            let n = new_lines.len();
            self.lines.splice(at..at, new_lines);
            self.row = at;
            self.col = first_non_blank(&self.lines[self.row]);
            self.report(n, "more lines");
        } else {
            let text = reg.lines.concat().repeat(count.min(1000));
            let len = self.line_len(self.row);
            let at = if after && len > 0 {
                self.col + 1
            } else {
                self.col
            };
            let b = byte_at(&self.lines[self.row], at);
            self.lines[self.row].insert_str(b, &text);
            self.col = at + char_len(&text).saturating_sub(1);
        }
        self.changed();
    }

    fn word_forward(&mut self) {
        let mut r = self.row;
        let mut c = self.col;
        let chars: Vec<char> = self.lines[r].chars().collect();
        if let Some(k) = chars.get(c).map(|ch| class(*ch)) {
            if k != 0 {
                while c < chars.len() && class(chars[c]) == k {
                    c += 1;
                }
            }
        }
        loop {
            let chars: Vec<char> = self.lines[r].chars().collect();
            while c < chars.len() && class(chars[c]) == 0 {
                c += 1;
            }
            if c < chars.len() {
                break;
            }
            if r + 1 >= self.lines.len() {
                c = chars.len().saturating_sub(1);
                break;
            }
            r += 1;
            c = 0;
            if self.lines[r].is_empty() {
                break;
            }
        }
        self.row = r;
        self.col = c;
    }

    fn word_backward(&mut self) {
        let mut r = self.row;
        let mut c = self.col;
        // One step back, then over blanks (across lines; an empty line is a word).
        loop {
            if c == 0 {
                if r == 0 {
                    self.row = 0;
                    self.col = 0;
                    return;
                }
                r -= 1;
                c = char_len(&self.lines[r]);
                if c == 0 {
                    self.row = r;
                    self.col = 0;
                    return;
                }
            }
            c -= 1;
            let ch = self.lines[r].chars().nth(c).unwrap_or(' ');
            if class(ch) != 0 {
                break;
            }
        }
        let chars: Vec<char> = self.lines[r].chars().collect();
        let k = class(chars[c]);
        while c > 0 && class(chars[c - 1]) == k {
            c -= 1;
        }
        self.row = r;
        self.col = c;
    }

    fn key_cmdline(&mut self, k: &Key) -> Outcome {
        match k.key.as_str() {
            "Escape" => {
                self.mode = Mode::Normal;
                self.cmdline.clear();
            }
            "Backspace" if self.cmdline.pop().is_none() => self.mode = Mode::Normal,
            "Backspace" => {}
            "Enter" => {
                let line = std::mem::take(&mut self.cmdline);
                let search = self.mode == Mode::Search;
                self.mode = Mode::Normal;
                if search {
                    if !line.is_empty() {
                        self.search = Some(line);
                    }
                    self.search_next(true);
                    self.clamp();
                } else {
                    let effect = self.ex(&line);
                    self.clamp();
                    return Outcome::effect(effect);
                }
            }
            s if !k.ctrl && s.chars().count() == 1 && self.cmdline.len() < 1000 => {
                self.cmdline.push_str(s)
            }
            _ => {}
        }
        Outcome::used()
    }

    /// An Ex command typed after `:`.
    fn ex(&mut self, line: &str) -> Effect {
        let cmd = line.trim();
        let (name, arg) = match cmd.find(' ') {
            Some(p) => (&cmd[..p], cmd[p + 1..].trim()),
            None => (cmd, ""),
        };
        let arg = (!arg.is_empty()).then(|| arg.to_string());
        match name {
            "" => Effect::None,
            "w" | "w!" | "write" | "up" | "update" => Effect::Write {
                name: arg,
                quit: false,
            },
            "wq" | "wq!" | "x" | "x!" | "xit" | "exit" => Effect::Write {
                name: arg,
                quit: true,
            },
            "q" | "quit" | "qa" | "qall" | "close" => {
                if self.modified {
                    self.set_message("E37: No write since last change (add ! to override)", true);
                    Effect::None
                } else {
                    Effect::Quit
                }
            }
            "q!" | "quit!" | "qa!" | "qall!" | "cq" => Effect::Quit,
            "$" => {
                self.goto_line(self.lines.len());
                Effect::None
            }
            "set" | "se" | "syntax" | "syn" | "noh" | "nohlsearch" => Effect::None,
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                self.goto_line(n.parse().unwrap_or(usize::MAX));
                Effect::None
            }
            _ => {
                self.set_message(&format!("E492: Not an editor command: {cmd}"), true);
                Effect::None
            }
        }
    }

    /// `n` (forward) and `N`: the next place the last pattern occurs, wrapping around.
    fn search_next(&mut self, forward: bool) {
        let Some(pat) = self.search.clone() else {
            self.set_message("E35: No previous regular expression", true);
            return;
        };
        let n = self.lines.len();
        let find_in = |line: &str, from: usize, to: usize| -> Option<usize> {
            // Columns (chars) where `pat` starts, within [from, to).
            line.match_indices(pat.as_str())
                .map(|(b, _)| line[..b].chars().count())
                .filter(|c| *c >= from && *c < to)
                .collect::<Vec<_>>()
                .into_iter()
                .reduce(|a, b| if forward { a.min(b) } else { a.max(b) })
        };
        for step in 0..=n {
            let r = if forward {
                (self.row + step) % n
            } else {
                (self.row + n - step % n) % n
            };
            let line = &self.lines[r];
            let (from, to) = match (step, forward) {
                (0, true) => (self.col + 1, usize::MAX),
                (0, false) => (0, self.col),
                (s, true) if s == n => (0, self.col + 1),
                (s, false) if s == n => (self.col + 1, usize::MAX),
                _ => (0, usize::MAX),
            };
            if let Some(c) = find_in(line, from, to) {
                let wrapped = if forward {
                    r < self.row || (r == self.row && step == n)
                } else {
                    r > self.row || (r == self.row && step == n)
                };
                if wrapped {
                    self.set_message(
                        if forward {
                            "search hit BOTTOM, continuing at TOP"
                        } else {
                            "search hit TOP, continuing at BOTTOM"
                        },
                        true,
                    );
                }
                self.row = r;
                self.col = c;
                return;
            }
        }
        self.set_message(&format!("E486: Pattern not found: {pat}"), true);
    }

    /// The status line's right side: `row,col` as Vim shows it (1-based).
    pub fn position(&self) -> String {
        format!("{},{}", self.row + 1, self.col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(b: &mut Buffer, s: &str) -> Vec<Effect> {
        let mut effects = vec![];
        for c in s.chars() {
            let k = match c {
                '\x1b' => Key::plain("Escape"),
                '\n' => Key::plain("Enter"),
                '\t' => Key::plain("Tab"),
                c => Key::plain(&c.to_string()),
            };
            let o = b.key(&k);
            if o.effect != Effect::None {
                effects.push(o.effect);
            }
        }
        effects
    }

    /// Insert-mode typing goes through the text area: emulate it.
    fn type_text(b: &mut Buffer, s: &str) {
        for c in s.chars() {
            if c == '\n' || c == '\t' {
                let caret = b.caret();
                let k = Key {
                    key: if c == '\n' { "Enter" } else { "Tab" }.into(),
                    selection: Some((caret, caret)),
                    ..Key::default()
                };
                assert!(b.key(&k).handled);
                continue;
            }
            let caret = b.caret();
            let mut text = b.text();
            let (r, col) = (b.row, b.col);
            let mut off = 0;
            for l in b.lines.iter().take(r) {
                off += l.len() + 1;
            }
            off += byte_at(&b.lines[r], col);
            text.insert(off, c);
            b.input(&text, caret + c.len_utf16());
        }
    }

    #[test]
    fn vi_opens_in_normal_mode_and_i_esc_switch() {
        let mut b = Buffer::new("", true);
        assert_eq!(b.mode, Mode::Normal);
        keys(&mut b, "i");
        assert_eq!(b.mode, Mode::Insert);
        type_text(&mut b, "kind: Pod");
        keys(&mut b, "\x1b");
        assert_eq!(b.mode, Mode::Normal);
        assert_eq!(b.col, 8);
        assert_eq!(b.file_text(), "kind: Pod\n");
        assert!(b.modified);
    }

    #[test]
    fn enter_keeps_yaml_indentation() {
        let mut b = Buffer::new("", false);
        type_text(
            &mut b,
            "spec:\ncontainers:\n- name: web\nimage: nginx\nports:\n- containerPort: 80",
        );
        assert_eq!(
            b.text(),
            "spec:\n  containers:\n    - name: web\n      image: nginx\n      ports:\n        - containerPort: 80"
        );
    }

    #[test]
    fn tab_inserts_two_spaces_and_backspace_removes_them() {
        let mut b = Buffer::new("", false);
        type_text(&mut b, "\t\tx");
        assert_eq!(b.text(), "    x");
        let mut b = Buffer::new("    ", false);
        b.set_caret(4);
        b.key(&Key {
            key: "Backspace".into(),
            selection: Some((4, 4)),
            ..Key::default()
        });
        assert_eq!(b.text(), "  ");
    }

    #[test]
    fn dd_yy_p_x_u() {
        let mut b = Buffer::new("a\nb\nc\n", true);
        keys(&mut b, "yyjp");
        assert_eq!(b.text(), "a\nb\na\nc");
        keys(&mut b, "ggdd");
        assert_eq!(b.text(), "b\na\nc");
        keys(&mut b, "Gp");
        assert_eq!(b.text(), "b\na\nc\na");
        keys(&mut b, "u");
        assert_eq!(b.text(), "b\na\nc");
        keys(&mut b, "ggx");
        assert_eq!(b.text(), "\na\nc");
        keys(&mut b, "uu");
        assert_eq!(b.text(), "a\nb\na\nc");
        b.key(&Key::ctrl("r"));
        assert_eq!(b.text(), "b\na\nc");
        keys(&mut b, "2dd");
        assert_eq!(b.text(), "c");
        keys(&mut b, "dd");
        assert_eq!(b.text(), "");
    }

    #[test]
    fn o_and_a_open_insert_with_one_undo_step() {
        let mut b = Buffer::new("metadata:\n", true);
        keys(&mut b, "o");
        assert_eq!(b.mode, Mode::Insert);
        type_text(&mut b, "name: web");
        keys(&mut b, "\x1b");
        assert_eq!(b.text(), "metadata:\n  name: web");
        keys(&mut b, "u");
        assert_eq!(b.text(), "metadata:");
        assert_eq!(b.mode, Mode::Normal);
    }

    #[test]
    fn ex_commands() {
        let mut b = Buffer::new("x\n", true);
        assert_eq!(keys(&mut b, ":q\n"), vec![Effect::Quit]);
        keys(&mut b, "x");
        assert_eq!(keys(&mut b, ":q\n"), vec![]);
        assert_eq!(
            b.message.as_ref().map(|m| m.text.as_str()),
            Some("E37: No write since last change (add ! to override)")
        );
        assert_eq!(keys(&mut b, ":q!\n"), vec![Effect::Quit]);
        assert_eq!(
            keys(&mut b, ":w pod.yaml\n"),
            vec![Effect::Write {
                name: Some("pod.yaml".into()),
                quit: false
            }]
        );
        assert_eq!(
            keys(&mut b, ":wq\n"),
            vec![Effect::Write {
                name: None,
                quit: true
            }]
        );
        keys(&mut b, ":frob\n");
        assert_eq!(
            b.message.as_ref().map(|m| m.text.as_str()),
            Some("E492: Not an editor command: frob")
        );
        assert_eq!(
            b.key(&Key::ctrl("s")).effect,
            Effect::Write {
                name: None,
                quit: false
            }
        );
    }

    #[test]
    fn search_and_motions() {
        let mut b = Buffer::new("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n", true);
        keys(&mut b, "/name\n");
        assert_eq!((b.row, b.col), (3, 2));
        keys(&mut b, "/Pod\n");
        assert_eq!((b.row, b.col), (1, 6));
        assert_eq!(
            b.message.as_ref().map(|m| m.text.as_str()),
            Some("search hit BOTTOM, continuing at TOP")
        );
        keys(&mut b, "n");
        assert_eq!((b.row, b.col), (1, 6));
        keys(&mut b, "/nothing\n");
        assert_eq!(
            b.message.as_ref().map(|m| m.text.as_str()),
            Some("E486: Pattern not found: nothing")
        );
        keys(&mut b, "gg");
        assert_eq!((b.row, b.col), (0, 0));
        keys(&mut b, "G");
        assert_eq!(b.row, 3);
        keys(&mut b, "2G$");
        assert_eq!((b.row, b.col), (1, 8));
        keys(&mut b, "0w");
        assert_eq!(b.col, 4);
        keys(&mut b, "w");
        assert_eq!(b.col, 6);
        keys(&mut b, "b");
        assert_eq!(b.col, 4);
    }

    #[test]
    fn normal_mode_swallows_letters_but_takes_a_paste() {
        let mut b = Buffer::new("a", true);
        assert!(b.key(&Key::plain("q")).handled);
        assert!(!b.key(&Key::ctrl("v")).handled);
        b.input("xya", 2);
        assert_eq!(b.text(), "xya");
        keys(&mut b, "u");
        assert_eq!(b.text(), "a");
    }

    #[test]
    fn caret_counts_utf16_units() {
        let mut b = Buffer::new("이름: 웹\n😀x", false);
        b.set_caret(8);
        assert_eq!((b.row, b.col), (1, 1));
        assert_eq!(b.caret(), 8);
        b.set_caret(9);
        assert_eq!((b.row, b.col), (1, 2));
    }

    #[test]
    fn written_reports_like_vim() {
        let mut b = Buffer::new("a\nb\n", true);
        b.written("pod.yaml", true);
        assert_eq!(
            b.message.map(|m| m.text),
            Some("\"pod.yaml\" [New] 2L, 4B written".to_string())
        );
    }
}

//! grep (-i -v -E -F -c -n -w -x -o -A -B -C -r -l -L -h -H -q -s -e).

use super::{getopt, lines, Spec};
use crate::shell::regex::Regex;
use crate::shell::{Io, Shell, System};
use crate::vfs::normalize;

struct Matcher {
    res: Vec<Regex>,
    word: bool,
    line: bool,
}

impl Matcher {
    /// The first match in `chars` at or after `from`: (start, end).
    fn find(&self, chars: &[char], from: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for re in &self.res {
            if let Some(m) = re.find_constrained(chars, from, self.word, self.line) {
                best = match best {
                    Some((s, e)) if s < m.start || (s == m.start && e >= m.end) => Some((s, e)),
                    _ => Some((m.start, m.end)),
                };
            }
        }
        best
    }
}

pub(super) fn grep(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let spec = Spec {
        flags: "ivEFGPcnwxorRlLhHqsUaIz",
        with_arg: "efABCm",
        long: &[
            ("ignore-case", "i", false),
            ("invert-match", "v", false),
            ("extended-regexp", "E", false),
            ("fixed-strings", "F", false),
            ("perl-regexp", "P", false),
            ("count", "c", false),
            ("line-number", "n", false),
            ("word-regexp", "w", false),
            ("line-regexp", "x", false),
            ("only-matching", "o", false),
            ("recursive", "r", false),
            ("dereference-recursive", "R", false),
            ("files-with-matches", "l", false),
            ("files-without-match", "L", false),
            ("no-filename", "h", false),
            ("with-filename", "H", false),
            ("quiet", "q", false),
            ("silent", "q", false),
            ("no-messages", "s", false),
            ("regexp", "e", true),
            ("file", "f", true),
            ("after-context", "A", true),
            ("before-context", "B", true),
            ("context", "C", true),
            ("max-count", "m", true),
            ("color", "color", false),
            ("colour", "color", false),
            ("include", "include", true),
            ("exclude", "exclude", true),
        ],
        permute: true,
    };
    // --color=auto and friends: drop before parsing.
    let args: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--color") && !a.starts_with("--colour"))
        .cloned()
        .collect();
    let o = match getopt("grep", &args, &spec) {
        Ok(o) => o,
        Err(m) => {
            let first = m.lines().next().unwrap_or("");
            io.err(format!("{first}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"));
            return 2;
        }
    };
    let mut operands = o.args.clone();
    let mut patterns: Vec<String> = Vec::new();
    for p in o.values("e") {
        patterns.extend(p.split('\n').map(str::to_string));
    }
    for f in o.values("f") {
        match super::read_input(sh, sys, f, io) {
            Ok(t) => patterns.extend(lines(&t).into_iter().map(str::to_string)),
            Err(e) => {
                io.err(format!("grep: {f}: {e}\n"));
                return 2;
            }
        }
    }
    if o.values("e").is_empty() && o.values("f").is_empty() {
        if operands.is_empty() {
            io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
            return 2;
        }
        let p = operands.remove(0);
        patterns.extend(p.split('\n').map(str::to_string));
    }
    let icase = o.has("i");
    let fixed = o.has("F") || name == "fgrep";
    let ere = o.has("E") || o.has("P") || name == "egrep";
    let mut res = Vec::new();
    for p in &patterns {
        if fixed {
            res.push(Regex::literal(p, icase));
        } else {
            match Regex::new(p, ere, icase) {
                Ok(r) => res.push(r),
                Err(m) => {
                    io.err(format!("grep: {m}\n"));
                    return 2;
                }
            }
        }
    }
    let m = Matcher {
        res,
        word: o.has("w"),
        line: o.has("x"),
    };
    let num = |k: &str| -> Result<usize, String> {
        match o.value(k) {
            None => Ok(0),
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| format!("grep: {v}: invalid context length argument\n")),
        }
    };
    let (after, before) = match (num("A"), num("B"), num("C")) {
        (Ok(a), Ok(b), Ok(c)) => (
            if o.value("A").is_some() { a } else { c },
            if o.value("B").is_some() { b } else { c },
        ),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            io.err(e);
            return 2;
        }
    };
    let max_count: Option<usize> = o.value("m").and_then(|v| v.parse().ok());
    let recursive = o.has("r") || o.has("R");
    let implicit_dot = operands.is_empty() && recursive;
    if operands.is_empty() {
        operands.push(if recursive { ".".into() } else { "-".into() });
    }
    // Expand directories for -r.
    let mut files: Vec<(String, Option<String>)> = Vec::new(); // (shown name, error)
    for f in &operands {
        let path = normalize(&sh.cwd, f);
        if f != "-" && sys.fs().is_dir(&path) {
            if recursive {
                let mut stack = vec![(path.clone(), f.clone())];
                let mut count = 0;
                while let Some((p, shown)) = stack.pop() {
                    count += 1;
                    if count > 10_000 {
                        break;
                    }
                    if let Ok(entries) = sys.fs().list(&p) {
                        for e in entries.iter().rev() {
                            let cp = if p == "/" {
                                format!("/{}", e.name)
                            } else {
                                format!("{p}/{}", e.name)
                            };
                            let cs = if implicit_dot && shown == "." {
                                e.name.clone()
                            } else if shown.ends_with('/') {
                                format!("{shown}{}", e.name)
                            } else {
                                format!("{shown}/{}", e.name)
                            };
                            if e.is_dir {
                                stack.push((cp, cs));
                            } else {
                                files.push((cs, None));
                            }
                        }
                    }
                }
                // Keep directory order stable: sorted by name within the walk above.
            } else {
                files.push((f.clone(), Some("Is a directory".into())));
            }
        } else {
            files.push((f.clone(), None));
        }
    }
    let with_name = if o.has("h") {
        false
    } else {
        o.has("H") || files.len() > 1 || recursive
    };
    let mut any = false;
    let mut err = false;
    let mut out = String::new();
    for (f, e) in &files {
        if let Some(e) = e {
            if !o.has("s") {
                io.err(format!("grep: {f}: {e}\n"));
            }
            err = true;
            continue;
        }
        let text = match super::read_input(sh, sys, f, io) {
            Ok(t) => t,
            Err(e) => {
                if !o.has("s") {
                    io.err(format!("grep: {f}: {e}\n"));
                }
                err = true;
                continue;
            }
        };
        let shown = if f == "-" {
            "(standard input)".to_string()
        } else {
            f.clone()
        };
        let ls = lines(&text);
        let mut count = 0usize;
        let mut last_printed: Option<usize> = None;
        let mut after_left = 0usize;
        let invert = o.has("v");
        let mut file_out = String::new();
        for (idx, l) in ls.iter().enumerate() {
            if max_count.map(|mc| count >= mc).unwrap_or(false) {
                // Trailing context still prints after the last match.
                if after_left > 0 && !o.has("c") && !o.has("l") && !o.has("L") && !o.has("q") {
                    push_line(&mut file_out, with_name, &shown, o.has("n"), idx, l, '-');
                    last_printed = Some(idx);
                    after_left -= 1;
                    continue;
                }
                break;
            }
            let chars: Vec<char> = l.chars().collect();
            let hit = m.find(&chars, 0).is_some();
            if hit != invert {
                count += 1;
                any = true;
                if o.has("q") {
                    io.out(file_out);
                    return 0;
                }
                if o.has("c") || o.has("l") || o.has("L") {
                    continue;
                }
                // Before context.
                let from = idx.saturating_sub(before);
                let start = match last_printed {
                    Some(lp) if lp + 1 > from => lp + 1,
                    _ => from,
                };
                if (before > 0 || after > 0)
                    && last_printed.map(|lp| start > lp + 1).unwrap_or(false)
                {
                    file_out.push_str("--\n");
                }
                for (b, bl) in ls.iter().enumerate().take(idx).skip(start) {
                    push_line(&mut file_out, with_name, &shown, o.has("n"), b, bl, '-');
                }
                if o.has("o") && !invert {
                    let mut pos = 0;
                    while pos <= chars.len() {
                        let Some((s, e)) = m.find(&chars, pos) else {
                            break;
                        };
                        if e > s {
                            let piece: String = chars[s..e].iter().collect();
                            push_line(
                                &mut file_out,
                                with_name,
                                &shown,
                                o.has("n"),
                                idx,
                                &piece,
                                ':',
                            );
                            pos = e;
                        } else {
                            pos = s + 1;
                        }
                    }
                } else if !o.has("o") {
                    push_line(&mut file_out, with_name, &shown, o.has("n"), idx, l, ':');
                }
                last_printed = Some(idx);
                after_left = after;
            } else if after_left > 0 && !o.has("c") && !o.has("l") && !o.has("L") {
                push_line(&mut file_out, with_name, &shown, o.has("n"), idx, l, '-');
                last_printed = Some(idx);
                after_left -= 1;
            }
            if file_out.len() > 16 * 1024 * 1024 {
                break;
            }
        }
        if o.has("c") {
            if with_name {
                out.push_str(&format!("{shown}:{count}\n"));
            } else {
                out.push_str(&format!("{count}\n"));
            }
        } else if o.has("l") {
            if count > 0 {
                out.push_str(&format!("{shown}\n"));
            }
        } else if o.has("L") {
            if count == 0 {
                out.push_str(&format!("{shown}\n"));
            }
        } else {
            out.push_str(&file_out);
        }
    }
    io.out(out);
    if o.has("L") {
        // GNU grep 3.5+: success when a file is listed.
        return if err { 2 } else { 0 };
    }
    if err && !(o.has("q") && any) {
        2
    } else if any {
        0
    } else {
        1
    }
}

fn push_line(
    out: &mut String,
    with_name: bool,
    name: &str,
    numbers: bool,
    idx: usize,
    line: &str,
    sep: char,
) {
    if with_name {
        out.push_str(name);
        out.push(sep);
    }
    if numbers {
        out.push_str(&(idx + 1).to_string());
        out.push(sep);
    }
    out.push_str(line);
    out.push('\n');
}

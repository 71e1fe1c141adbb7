//! Text utilities: printf, date, head, tail, wc, sort, uniq, cut, tr, base64, seq, rev/tac/nl,
//! xargs.

use super::files::{day_name, month_name, tm};
use super::{getopt, lines, lq, q, read_input, unescape_c, Spec};
use crate::shell::{Io, Shell, System};
use crate::sorting::SharedSort;

/// Most lines `seq` prints.
const MAX_SEQ: usize = 1_000_000;

fn usage_err(io: &mut Io, m: String) -> i32 {
    io.err(m);
    1
}

// ---- printf ----

fn shell_q(s: &str) -> String {
    if s.is_empty() {
        return "''".into();
    }
    if s.chars().any(|c| c.is_control()) {
        let mut out = String::from("$'");
        for c in s.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\x1b' => out.push_str("\\E"),
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\{:03o}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    let mut out = String::new();
    for c in s.chars() {
        if !(c.is_alphanumeric() || "_-./:=@%+,".contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn parse_int_arg(a: &str) -> Result<i64, ()> {
    let t = a.trim();
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return Ok(c.chars().next().map(|c| c as i64).unwrap_or(0));
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let v = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).map_err(|_| ())?
    } else if body.len() > 1 && body.starts_with('0') {
        i64::from_str_radix(&body[1..], 8).map_err(|_| ())?
    } else {
        body.parse::<i64>().map_err(|_| ())?
    };
    Ok(if neg { -v } else { v })
}

pub(super) fn pad(s: &str, width: Option<usize>, left: bool, zero: bool) -> String {
    let len = s.chars().count();
    match width {
        Some(w) if w > len => {
            let fill = w - len;
            if left {
                format!("{s}{}", " ".repeat(fill))
            } else if zero {
                let (sign, digits) = if s.starts_with('-') || s.starts_with('+') {
                    s.split_at(1)
                } else {
                    ("", s)
                };
                format!("{sign}{}{digits}", "0".repeat(fill))
            } else {
                format!("{}{s}", " ".repeat(fill))
            }
        }
        _ => s.to_string(),
    }
}

pub(super) fn fmt_float(v: f64, conv: char, prec: usize) -> String {
    match conv {
        'e' | 'E' => {
            let s = format!("{v:.prec$e}");
            // Rust: 1.234500e3 → C: 1.234500e+03
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            let ev: i32 = e.parse().unwrap_or(0);
            let out = format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs());
            if conv == 'E' {
                out.to_uppercase()
            } else {
                out
            }
        }
        'g' | 'G' => {
            let p = if prec == 0 { 1 } else { prec };
            if v == 0.0 {
                return "0".into();
            }
            let exp = v.abs().log10().floor() as i32;
            if exp < -4 || exp >= p as i32 {
                let s = fmt_float(v, 'e', p - 1);
                let (m, e) = s.split_once('e').unwrap_or((&s, ""));
                let m = if m.contains('.') {
                    m.trim_end_matches('0').trim_end_matches('.')
                } else {
                    m
                };
                format!("{m}e{e}")
            } else {
                let decimals = (p as i32 - 1 - exp).max(0) as usize;
                let s = format!("{v:.decimals$}");
                if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                }
            }
        }
        _ => format!("{v:.prec$}"),
    }
}

pub(super) fn printf(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    let mut args = args;
    let mut var: Option<String> = None;
    if args.first().map(String::as_str) == Some("-v") {
        var = args.get(1).cloned();
        args = args.get(2..).unwrap_or(&[]);
    }
    if args.first().map(String::as_str) == Some("--") {
        args = &args[1..];
    }
    let Some(fmt) = args.first() else {
        io.err("printf: usage: printf [-v var] format [arguments]\n");
        return 2;
    };
    let fmt: Vec<char> = fmt.chars().collect();
    let vals = &args[1..];
    let mut vi = 0usize;
    let mut out = String::new();
    let mut st = 0;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let mut consumed_any = false;
        let mut i = 0;
        while i < fmt.len() {
            let c = fmt[i];
            if c == '\\' {
                // Escapes in the format.
                let mut j = i + 1;
                if j < fmt.len() {
                    let n = fmt[j];
                    j += 1;
                    if n == 'x' || n.is_digit(8) || n == 'u' {
                        while j < fmt.len() && j < i + 5 && fmt[j].is_ascii_hexdigit() {
                            j += 1;
                        }
                    }
                }
                let esc: String = fmt[i..j].iter().collect();
                out.push_str(&unescape_c(&esc, false).0);
                i = j;
                continue;
            }
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
            let mut space = false;
            while let Some(&f) = fmt.get(i) {
                match f {
                    '-' => left = true,
                    '0' => zero = true,
                    '+' => plus = true,
                    ' ' => space = true,
                    '#' => {}
                    _ => break,
                }
                i += 1;
            }
            let mut width: Option<usize> = None;
            if fmt.get(i) == Some(&'*') {
                i += 1;
                let w = vals
                    .get(vi)
                    .and_then(|v| parse_int_arg(v).ok())
                    .unwrap_or(0);
                vi += 1;
                consumed_any = true;
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
            let mut prec: Option<usize> = None;
            if fmt.get(i) == Some(&'.') {
                i += 1;
                if fmt.get(i) == Some(&'*') {
                    i += 1;
                    prec = Some(
                        vals.get(vi)
                            .and_then(|v| parse_int_arg(v).ok())
                            .unwrap_or(0)
                            .max(0) as usize,
                    );
                    vi += 1;
                } else {
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
                            .min(10_000),
                    );
                }
            }
            // Length modifiers are ignored.
            while matches!(
                fmt.get(i),
                Some('l') | Some('h') | Some('j') | Some('z') | Some('L')
            ) {
                i += 1;
            }
            let Some(&conv) = fmt.get(i) else {
                io.err(format!(
                    "bash: printf: `{}': missing format character\n",
                    fmt[i.saturating_sub(1)..].iter().collect::<String>()
                ));
                return 1;
            };
            i += 1;
            let arg = vals.get(vi).cloned();
            if !matches!(conv, '%') {
                vi += 1;
                consumed_any = true;
            }
            let a = arg.unwrap_or_default();
            let piece = match conv {
                's' => {
                    let s = match prec {
                        Some(p) => a.chars().take(p).collect(),
                        None => a,
                    };
                    pad(&s, width, left, false)
                }
                'b' => {
                    let (s, stop) = unescape_c(&a, true);
                    out.push_str(&pad(&s, width, left, false));
                    if stop {
                        break;
                    }
                    continue;
                }
                'q' => pad(&shell_q(&a), width, left, false),
                'c' => pad(
                    &a.chars().next().map(|c| c.to_string()).unwrap_or_default(),
                    width,
                    left,
                    false,
                ),
                'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                    let v = if a.is_empty() {
                        0
                    } else {
                        match parse_int_arg(&a) {
                            Ok(v) => v,
                            Err(()) => {
                                io.err(format!("bash: printf: {a}: invalid number\n"));
                                st = 1;
                                // Leading digits still count.
                                a.trim()
                                    .chars()
                                    .take_while(|c| c.is_ascii_digit())
                                    .collect::<String>()
                                    .parse()
                                    .unwrap_or(0)
                            }
                        }
                    };
                    let mut s = match conv {
                        'x' => format!("{v:x}"),
                        'X' => format!("{v:X}"),
                        'o' => format!("{v:o}"),
                        'u' => format!("{}", v as u64),
                        _ => v.to_string(),
                    };
                    if let Some(p) = prec {
                        let neg = s.starts_with('-');
                        let digits = s.trim_start_matches('-');
                        if digits.len() < p {
                            s = format!(
                                "{}{}{digits}",
                                if neg { "-" } else { "" },
                                "0".repeat(p - digits.len())
                            );
                        }
                    }
                    if v >= 0 && matches!(conv, 'd' | 'i') {
                        if plus {
                            s = format!("+{s}");
                        } else if space {
                            s = format!(" {s}");
                        }
                    }
                    pad(&s, width, left, zero && prec.is_none())
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let v: f64 = if a.is_empty() {
                        0.0
                    } else {
                        match a.trim().parse::<f64>() {
                            Ok(v) => v,
                            Err(_) => {
                                io.err(format!("bash: printf: {a}: invalid number\n"));
                                st = 1;
                                0.0
                            }
                        }
                    };
                    let mut s = fmt_float(v, conv, prec.unwrap_or(6));
                    if v >= 0.0 && plus {
                        s = format!("+{s}");
                    }
                    pad(&s, width, left, zero)
                }
                other => {
                    io.err(format!(
                        "bash: printf: `{other}': invalid format character\n"
                    ));
                    return 1;
                }
            };
            out.push_str(&piece);
            if out.len() > 16 * 1024 * 1024 {
                break;
            }
        }
        if vi >= vals.len() || !consumed_any || rounds > 100_000 {
            break;
        }
    }
    match var {
        Some(v) => sh.assign_var(&v, &out),
        None => io.out(out),
    }
    st
}

// ---- date ----

fn strftime(fmt: &str, ms: i64) -> String {
    let t = tm(ms);
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' || i + 1 >= cs.len() {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut padding: Option<char> = None;
        if matches!(cs[i], '-' | '_' | '0' | '^') && i + 1 < cs.len() {
            padding = Some(cs[i]);
            i += 1;
        }
        let num = |v: i64, w: usize, def: char| -> String {
            match padding.unwrap_or(def) {
                '-' => v.to_string(),
                '_' => format!("{v:>w$}"),
                _ => format!("{v:0w$}"),
            }
        };
        let h12 = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
        let piece = match cs[i] {
            'Y' => t.year.to_string(),
            'C' => num(t.year / 100, 2, '0'),
            'y' => num(t.year % 100, 2, '0'),
            'm' => num(t.month as i64, 2, '0'),
            'd' => num(t.day as i64, 2, '0'),
            'e' => num(t.day as i64, 2, '_'),
            'H' => num(t.hour as i64, 2, '0'),
            'k' => num(t.hour as i64, 2, '_'),
            'I' => num(h12 as i64, 2, '0'),
            'l' => num(h12 as i64, 2, '_'),
            'M' => num(t.min as i64, 2, '0'),
            'S' => num(t.sec as i64, 2, '0'),
            'N' => format!("{:09}", t.ms as u64 * 1_000_000),
            'j' => num(t.yday as i64 + 1, 3, '0'),
            'a' => day_name(t.wday).to_string(),
            'A' => full_day(t.wday).to_string(),
            'b' | 'h' => month_name(t.month).to_string(),
            'B' => full_month(t.month).to_string(),
            'p' => if t.hour < 12 { "AM" } else { "PM" }.to_string(),
            'P' => if t.hour < 12 { "am" } else { "pm" }.to_string(),
            's' => ms.div_euclid(1000).to_string(),
            'Z' => "UTC".to_string(),
            'z' => "+0000".to_string(),
            ':' if cs.get(i + 1) == Some(&'z') => {
                i += 1;
                "+00:00".to_string()
            }
            'u' => (if t.wday == 3 { 7 } else { (t.wday + 4) % 7 }).to_string(),
            'w' => ((t.wday + 4) % 7).to_string(),
            'F' => format!("{}-{:02}-{:02}", t.year, t.month, t.day),
            'T' => format!("{:02}:{:02}:{:02}", t.hour, t.min, t.sec),
            'R' => format!("{:02}:{:02}", t.hour, t.min),
            'D' | 'x' => format!("{:02}/{:02}/{:02}", t.month, t.day, t.year % 100),
            'X' => format!("{:02}:{:02}:{:02}", t.hour, t.min, t.sec),
            'c' => format!(
                "{} {} {:>2} {:02}:{:02}:{:02} {}",
                day_name(t.wday),
                month_name(t.month),
                t.day,
                t.hour,
                t.min,
                t.sec,
                t.year
            ),
            'n' => "\n".into(),
            't' => "\t".into(),
            '%' => "%".into(),
            other => format!("%{other}"),
        };
        if padding == Some('^') {
            out.push_str(&piece.to_uppercase());
        } else {
            out.push_str(&piece);
        }
        i += 1;
    }
    out
}

fn full_day(w: usize) -> &'static str {
    [
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
    ]
    .get(w)
    .copied()
    .unwrap_or("Thursday")
}

fn full_month(m: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    .get((m as usize).wrapping_sub(1))
    .copied()
    .unwrap_or("January")
}

/// `date -d STRING`: @secs, now, today, yesterday, tomorrow, ISO dates and times, "N units ago",
/// "+N units".
fn parse_date(s: &str, now: i64) -> Option<i64> {
    let s = s.trim();
    if let Some(secs) = s.strip_prefix('@') {
        let v: f64 = secs.parse().ok()?;
        return Some((v * 1000.0) as i64);
    }
    let lower = s.to_lowercase();
    match lower.as_str() {
        "" | "now" | "today" => return Some(now),
        "yesterday" => return Some(now - 86_400_000),
        "tomorrow" => return Some(now + 86_400_000),
        _ => {}
    }
    // Relative: "[+-]N unit[s] [ago]" (possibly several).
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !words.is_empty() && words.iter().all(|w| !w.contains('-') || w.starts_with('-')) {
        let mut t = now;
        let mut k = 0;
        let mut ok = true;
        while k < words.len() {
            let (n, unit_at) = match words[k].trim_start_matches('+').parse::<i64>() {
                Ok(n) => (n, k + 1),
                Err(_) => (1, k),
            };
            let Some(unit) = words.get(unit_at) else {
                ok = false;
                break;
            };
            let mult = match unit.trim_end_matches('s') {
                "sec" | "second" => 1000,
                "min" | "minute" => 60_000,
                "hour" => 3_600_000,
                "day" => 86_400_000,
                "week" => 7 * 86_400_000,
                _ => {
                    ok = false;
                    break;
                }
            };
            let mut delta = n.saturating_mul(mult);
            k = unit_at + 1;
            if words.get(k) == Some(&"ago") {
                delta = -delta;
                k += 1;
            }
            t = t.saturating_add(delta);
        }
        if ok {
            return Some(t);
        }
    }
    // ISO: YYYY-MM-DD[( |T)HH:MM[:SS][Z]]
    let s2 = s.trim_end_matches('Z').trim_end_matches("+00:00");
    let (date, time) = match s2.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s2, None),
    };
    let dp: Vec<&str> = date.split('-').collect();
    if dp.len() != 3 {
        return None;
    }
    let y: i64 = dp[0].parse().ok()?;
    let m: u32 = dp[1].parse().ok()?;
    let d: u32 = dp[2].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut ms = super::files::days_from_civil(y, m, d) * 86_400_000;
    if let Some(t) = time {
        let tp: Vec<&str> = t.split(':').collect();
        let h: i64 = tp.first()?.parse().ok()?;
        let mi: i64 = tp.get(1).map(|x| x.parse().ok()).unwrap_or(Some(0))?;
        let se: f64 = tp.get(2).map(|x| x.parse().ok()).unwrap_or(Some(0.0))?;
        ms += h * 3_600_000 + mi * 60_000 + (se * 1000.0) as i64;
    }
    Some(ms)
}

pub(super) fn date(sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut t = sys.now_ms();
    let mut fmt: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(f) = a.strip_prefix('+') {
            fmt = Some(f.to_string());
        } else if a == "-u" || a == "--utc" || a == "--universal" {
        } else if a == "-d" || a == "--date" {
            i += 1;
            let Some(s) = args.get(i) else {
                io.err("date: option requires an argument -- 'd'\nTry 'date --help' for more information.\n");
                return 1;
            };
            match parse_date(s, t) {
                Some(v) => t = v,
                None => {
                    io.err(format!("date: invalid date {}\n", lq(s)));
                    return 1;
                }
            }
        } else if let Some(s) = a
            .strip_prefix("--date=")
            .or_else(|| a.strip_prefix("-d").filter(|x| !x.is_empty()))
        {
            match parse_date(s, t) {
                Some(v) => t = v,
                None => {
                    io.err(format!("date: invalid date {}\n", lq(s)));
                    return 1;
                }
            }
        } else if a == "-I" || a == "--iso-8601" || a == "-Idate" || a == "--iso-8601=date" {
            fmt = Some("%Y-%m-%d".into());
        } else if a == "-Iseconds" || a == "--iso-8601=seconds" {
            fmt = Some("%Y-%m-%dT%H:%M:%S+00:00".into());
        } else if a == "-Iminutes" || a == "--iso-8601=minutes" {
            fmt = Some("%Y-%m-%dT%H:%M+00:00".into());
        } else if a == "-R" || a == "--rfc-2822" || a == "--rfc-email" {
            fmt = Some("%a, %d %b %Y %H:%M:%S +0000".into());
        } else if a == "--rfc-3339=seconds" {
            fmt = Some("%Y-%m-%d %H:%M:%S+00:00".into());
        } else if a.starts_with('-') {
            io.err(format!(
                "date: invalid option -- '{}'\nTry 'date --help' for more information.\n",
                a.chars().nth(1).unwrap_or('-')
            ));
            return 1;
        } else {
            io.err(format!("date: invalid date {}\n", lq(a)));
            return 1;
        }
        i += 1;
    }
    let f = fmt.unwrap_or_else(|| "%a %b %e %H:%M:%S %Z %Y".into());
    io.out(format!("{}\n", strftime(&f, t)));
    0
}

// ---- head / tail ----

/// `-5` → `-n 5` (also `-5c`? no: only plain numbers).
fn numeric_shorthand(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for a in args {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) {
            out.push("-n".to_string());
            out.push(a[1..].to_string());
        } else {
            out.push(a.clone());
        }
    }
    out
}

fn parse_count(s: &str) -> Option<(bool, bool, usize)> {
    // (negative/“all but”, plus/“from”, n) with K/M suffixes.
    let (neg, plus, body) = match s.chars().next() {
        Some('-') => (true, false, &s[1..]),
        Some('+') => (false, true, &s[1..]),
        _ => (false, false, s),
    };
    let (num, mult) = match body.chars().last() {
        Some('k') | Some('K') => (&body[..body.len() - 1], 1024),
        Some('M') => (&body[..body.len() - 1], 1024 * 1024),
        _ => (body, 1),
    };
    let n: usize = num.parse().ok()?;
    Some((neg, plus, n.saturating_mul(mult)))
}

fn head_tail(
    sh: &mut Shell,
    sys: &mut dyn System,
    args: &[String],
    io: &mut Io,
    tail: bool,
) -> i32 {
    let cmd = if tail { "tail" } else { "head" };
    let args = numeric_shorthand(args);
    let spec = Spec {
        flags: "qvfF",
        with_arg: "nc",
        long: &[
            ("lines", "n", true),
            ("bytes", "c", true),
            ("quiet", "q", false),
            ("silent", "q", false),
            ("verbose", "v", false),
            ("follow", "f", false),
        ],
        permute: true,
    };
    let o = match getopt(cmd, &args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let bytes = o
        .flags
        .iter()
        .rev()
        .find(|(n, _)| n == "n" || n == "c")
        .map(|(n, _)| n == "c")
        .unwrap_or(false);
    let spec_val = if bytes { o.value("c") } else { o.value("n") }
        .unwrap_or("10")
        .to_string();
    let Some((neg, plus, n)) = parse_count(&spec_val) else {
        let what = if bytes { "bytes" } else { "lines" };
        io.err(format!(
            "{cmd}: invalid number of {what}: {}\n",
            lq(&spec_val)
        ));
        return 1;
    };
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let headers = (files.len() > 1 && !o.has("q")) || o.has("v");
    let mut st = 0;
    let mut first = true;
    for f in &files {
        let text = match read_input(sh, sys, f, io) {
            Ok(t) => t,
            Err(e) => {
                io.err(format!("{cmd}: cannot open {} for reading: {e}\n", q(f)));
                st = 1;
                continue;
            }
        };
        if headers {
            let name = if f == "-" {
                "standard input"
            } else {
                f.as_str()
            };
            io.out(format!("{}==> {name} <==\n", if first { "" } else { "\n" }));
        }
        first = false;
        if bytes {
            let b = text.as_bytes();
            let (s, e) = if tail {
                if plus {
                    (n.saturating_sub(1).min(b.len()), b.len())
                } else {
                    (b.len().saturating_sub(n), b.len())
                }
            } else if neg {
                (0, b.len().saturating_sub(n))
            } else {
                (0, n.min(b.len()))
            };
            io.out(String::from_utf8_lossy(&b[s..e]));
            continue;
        }
        // Split keeping newlines.
        let ls: Vec<&str> = text.split_inclusive('\n').collect();
        let len = ls.len();
        let (s, e) = if tail {
            if plus {
                (n.saturating_sub(1).min(len), len)
            } else {
                (len.saturating_sub(n), len)
            }
        } else if neg {
            (0, len.saturating_sub(n))
        } else {
            (0, n.min(len))
        };
        io.out(ls[s..e].concat());
    }
    st
}

pub(super) fn head(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    head_tail(sh, sys, args, io, false)
}

pub(super) fn tail(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    head_tail(sh, sys, args, io, true)
}

// ---- wc ----

pub(super) fn wc(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "lwcmL",
        with_arg: "",
        long: &[
            ("lines", "l", false),
            ("words", "w", false),
            ("bytes", "c", false),
            ("chars", "m", false),
        ],
        permute: true,
    };
    let o = match getopt("wc", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let mut show = [o.has("l"), o.has("w"), o.has("m"), o.has("c"), o.has("L")];
    if !show.iter().any(|b| *b) {
        show = [true, true, false, true, false];
    }
    let stdin_only = o.args.is_empty();
    let files = if stdin_only {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let mut rows: Vec<([usize; 5], Option<String>)> = Vec::new();
    let mut total = [0usize; 5];
    let mut regular_total = 0usize;
    let mut nonregular = false;
    let mut st = 0;
    for f in &files {
        let path = crate::vfs::normalize(&sh.cwd, f);
        if f != "-" && sys.fs().is_dir(&path) {
            io.err(format!("wc: {f}: Is a directory\n"));
            rows.push(([0; 5], Some(f.clone())));
            st = 1;
            continue;
        }
        let text = match read_input(sh, sys, f, io) {
            Ok(t) => t,
            Err(e) => {
                io.err(format!("wc: {f}: {e}\n"));
                st = 1;
                continue;
            }
        };
        if f == "-" {
            nonregular = true;
        } else {
            regular_total += text.len();
        }
        let c = [
            text.matches('\n').count(),
            text.split_whitespace().count(),
            text.chars().count(),
            text.len(),
            text.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        ];
        for k in 0..5 {
            if k == 4 {
                total[k] = total[k].max(c[k]);
            } else {
                total[k] += c[k];
            }
        }
        rows.push((c, if stdin_only { None } else { Some(f.clone()) }));
    }
    let ncounts = show.iter().filter(|b| **b).count();
    let width = if ncounts == 1 && files.len() == 1 {
        1
    } else {
        let mut w = 1;
        let mut t = regular_total;
        while t >= 10 {
            w += 1;
            t /= 10;
        }
        if nonregular {
            w.max(7)
        } else {
            w
        }
    };
    if files.len() > 1 {
        rows.push((total, Some("total".into())));
    }
    let mut out = String::new();
    for (c, name) in rows {
        let mut parts: Vec<String> = Vec::new();
        for k in 0..5 {
            if show[k] {
                parts.push(format!("{:>width$}", c[k]));
            }
        }
        out.push_str(&parts.join(" "));
        if let Some(n) = name {
            out.push(' ');
            out.push_str(&n);
        }
        out.push('\n');
    }
    io.out(out);
    st
}

// ---- sort ----

#[derive(Clone)]
struct KeySpec {
    start_field: usize,
    start_char: usize,
    end_field: Option<usize>,
    numeric: bool,
    reverse: bool,
    human: bool,
    fold: bool,
}

fn parse_key(s: &str, numeric: bool, human: bool, fold: bool) -> Option<KeySpec> {
    let (a, b) = match s.split_once(',') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let mut ks = KeySpec {
        start_field: 1,
        start_char: 0,
        end_field: None,
        numeric,
        reverse: false,
        human,
        fold,
    };
    let split_opts = |x: &str, ks: &mut KeySpec| -> String {
        let digits: String = x
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        for c in x[digits.len()..].chars() {
            match c {
                'n' => ks.numeric = true,
                'r' => ks.reverse = true,
                'h' => ks.human = true,
                'f' => ks.fold = true,
                _ => {}
            }
        }
        digits
    };
    let ad = split_opts(a, &mut ks);
    let (f, c) = match ad.split_once('.') {
        Some((f, c)) => (f, Some(c)),
        None => (ad.as_str(), None),
    };
    ks.start_field = f.parse().ok().filter(|v: &usize| *v > 0)?;
    ks.start_char = c
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(1)
        .saturating_sub(1);
    if let Some(b) = b {
        let bd = split_opts(b, &mut ks);
        let f = bd.split('.').next().unwrap_or("");
        ks.end_field = Some(f.parse().ok().filter(|v: &usize| *v > 0)?);
    }
    Some(ks)
}

fn fields_of(line: &str, sep: Option<char>) -> Vec<&str> {
    match sep {
        Some(c) => line.split(c).collect(),
        None => line.split_whitespace().collect(),
    }
}

fn key_text(line: &str, k: &KeySpec, sep: Option<char>) -> String {
    let f = fields_of(line, sep);
    let s = k.start_field - 1;
    let e = k.end_field.unwrap_or(f.len()).min(f.len());
    if s >= f.len() || s >= e {
        return String::new();
    }
    let joined = f[s..e].join(&sep.map(|c| c.to_string()).unwrap_or_else(|| " ".into()));
    joined.chars().skip(k.start_char).collect()
}

fn num_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

fn human_val(s: &str) -> f64 {
    let t = s.trim();
    let v = num_prefix(t);
    let suffix = t
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        .chars()
        .next();
    let mult = match suffix {
        Some('K') | Some('k') => 1e3,
        Some('M') => 1e6,
        Some('G') => 1e9,
        Some('T') => 1e12,
        _ => 1.0,
    };
    v * mult
}

fn cmp_key(a: &str, b: &str, numeric: bool, human: bool, fold: bool) -> std::cmp::Ordering {
    if human {
        return human_val(a)
            .partial_cmp(&human_val(b))
            .unwrap_or(std::cmp::Ordering::Equal);
    }
    if numeric {
        return num_prefix(a)
            .partial_cmp(&num_prefix(b))
            .unwrap_or(std::cmp::Ordering::Equal);
    }
    if fold {
        return a.to_lowercase().cmp(&b.to_lowercase());
    }
    a.cmp(b)
}

pub(super) fn sort(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "nrufbhVsMgdc",
        with_arg: "ktoS",
        long: &[
            ("numeric-sort", "n", false),
            ("reverse", "r", false),
            ("unique", "u", false),
            ("key", "k", true),
            ("field-separator", "t", true),
            ("ignore-case", "f", false),
            ("human-numeric-sort", "h", false),
            ("version-sort", "V", false),
            ("output", "o", true),
        ],
        permute: true,
    };
    let o = match getopt("sort", args, &spec) {
        Ok(o) => o,
        Err(m) => {
            io.err(m);
            return 2;
        }
    };
    let numeric = o.has("n") || o.has("g");
    let human = o.has("h");
    let fold = o.has("f");
    let sep = match o.value("t") {
        Some(t) => {
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some(c),
                (None, _) => {
                    io.err("sort: empty tab\n");
                    return 2;
                }
                _ => {
                    io.err(format!("sort: multi-character tab {}\n", lq(t)));
                    return 2;
                }
            }
        }
        None => None,
    };
    let mut keys = Vec::new();
    for k in o.values("k") {
        match parse_key(k, numeric, human, fold) {
            Some(ks) => keys.push(ks),
            None => {
                io.err(format!(
                    "sort: invalid number at field start: invalid count at start of {}\n",
                    lq(k)
                ));
                return 2;
            }
        }
    }
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let mut all = String::new();
    for f in &files {
        match read_input(sh, sys, f, io) {
            Ok(t) => {
                all.push_str(&t);
                if !t.is_empty() && !t.ends_with('\n') {
                    all.push('\n');
                }
            }
            Err(e) => {
                io.err(format!("sort: cannot read: {f}: {e}\n"));
                return 2;
            }
        }
    }
    let mut ls: Vec<&str> = lines(&all);
    let reverse = o.has("r");
    let cmp = |a: &&str, b: &&str| -> std::cmp::Ordering {
        for k in &keys {
            let ka = key_text(a, k, sep);
            let kb = key_text(b, k, sep);
            let mut c = cmp_key(&ka, &kb, k.numeric, k.human, k.fold);
            if k.reverse {
                c = c.reverse();
            }
            if c != std::cmp::Ordering::Equal {
                return c;
            }
        }
        if keys.is_empty() {
            let c = cmp_key(a, b, numeric, human, fold);
            if c != std::cmp::Ordering::Equal {
                return c;
            }
        }
        a.cmp(b)
    };
    ls.sort_shared_by(|a, b| if reverse { cmp(b, a) } else { cmp(a, b) });
    if o.has("u") {
        let eq = |a: &&str, b: &&str| -> bool {
            if keys.is_empty() {
                cmp_key(a, b, numeric, human, fold) == std::cmp::Ordering::Equal
            } else {
                keys.iter().all(|k| {
                    cmp_key(
                        &key_text(a, k, sep),
                        &key_text(b, k, sep),
                        k.numeric,
                        k.human,
                        k.fold,
                    ) == std::cmp::Ordering::Equal
                })
            }
        };
        ls.dedup_by(|b, a| eq(a, b));
    }
    let out = super::unlines(&ls);
    if let Some(f) = o.value("o") {
        let path = crate::vfs::normalize(&sh.cwd, f);
        let now = sys.now_ms();
        if let Err(e) = sys.fs().write(&path, &out, now) {
            io.err(format!("sort: open failed: {f}: {e}\n"));
            return 2;
        }
        return 0;
    }
    io.out(out);
    0
}

// ---- uniq ----

pub(super) fn uniq(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "cdui",
        with_arg: "fs",
        long: &[
            ("count", "c", false),
            ("repeated", "d", false),
            ("unique", "u", false),
            ("ignore-case", "i", false),
        ],
        permute: true,
    };
    let o = match getopt("uniq", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let input = o.args.first().cloned().unwrap_or_else(|| "-".into());
    let text = match read_input(sh, sys, &input, io) {
        Ok(t) => t,
        Err(e) => {
            io.err(format!("uniq: {input}: {e}\n"));
            return 1;
        }
    };
    let skip_fields: usize = o.value("f").and_then(|v| v.parse().ok()).unwrap_or(0);
    let skip_chars: usize = o.value("s").and_then(|v| v.parse().ok()).unwrap_or(0);
    let key = |l: &str| -> String {
        let mut rest = l;
        for _ in 0..skip_fields {
            rest = rest.trim_start_matches([' ', '\t']);
            rest = rest.trim_start_matches(|c: char| c != ' ' && c != '\t');
        }
        let k: String = rest.chars().skip(skip_chars).collect();
        if o.has("i") {
            k.to_lowercase()
        } else {
            k
        }
    };
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for l in lines(&text) {
        match groups.last_mut() {
            Some((first, n)) if key(first) == key(l) => *n += 1,
            _ => groups.push((l, 1)),
        }
    }
    let mut out = String::new();
    for (l, n) in groups {
        if o.has("d") && n < 2 || o.has("u") && n > 1 {
            continue;
        }
        if o.has("c") {
            out.push_str(&format!("{n:>7} {l}\n"));
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    if let Some(outf) = o.args.get(1) {
        let path = crate::vfs::normalize(&sh.cwd, outf);
        let now = sys.now_ms();
        if let Err(e) = sys.fs().write(&path, &out, now) {
            io.err(format!("uniq: {outf}: {e}\n"));
            return 1;
        }
        return 0;
    }
    io.out(out);
    0
}

// ---- cut ----

fn parse_list(s: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    for part in s.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n: usize = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return None;
        }
        v.push((a, b));
    }
    Some(v)
}

fn in_list(l: &[(usize, usize)], i: usize) -> bool {
    l.iter().any(|(a, b)| *a <= i && i <= *b)
}

pub(super) fn cut(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "sn",
        with_arg: "dfcb",
        long: &[
            ("delimiter", "d", true),
            ("fields", "f", true),
            ("characters", "c", true),
            ("bytes", "b", true),
            ("only-delimited", "s", false),
            ("complement", "complement", false),
            ("output-delimiter", "od", true),
        ],
        permute: true,
    };
    let o = match getopt("cut", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let (mode, list) = if let Some(f) = o.value("f") {
        ('f', f)
    } else if let Some(c) = o.value("c") {
        ('c', c)
    } else if let Some(b) = o.value("b") {
        ('c', b)
    } else {
        io.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
        return 1;
    };
    let Some(ranges) = parse_list(list) else {
        let msg = if list.split(',').any(|p| p == "0" || p.starts_with("0-")) {
            "fields and positions are numbered from 1".to_string()
        } else {
            format!("invalid field value {}", lq(list))
        };
        io.err(format!(
            "cut: {msg}\nTry 'cut --help' for more information.\n"
        ));
        return 1;
    };
    let delim = match o.value("d") {
        Some(d) => {
            let mut cs = d.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                (None, _) => '\0',
                _ => {
                    io.err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
                    return 1;
                }
            }
        }
        None => '\t',
    };
    if mode == 'c' && o.value("d").is_some() {
        io.err("cut: an input delimiter may be specified only when operating on fields\nTry 'cut --help' for more information.\n");
        return 1;
    }
    let out_delim = o
        .value("od")
        .map(str::to_string)
        .unwrap_or_else(|| delim.to_string());
    let complement = o.has("complement");
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let mut st = 0;
    let mut out = String::new();
    for f in &files {
        let text = match read_input(sh, sys, f, io) {
            Ok(t) => t,
            Err(e) => {
                io.err(format!("cut: {f}: {e}\n"));
                st = 1;
                continue;
            }
        };
        for l in lines(&text) {
            if mode == 'c' {
                let s: String = l
                    .chars()
                    .enumerate()
                    .filter(|(i, _)| in_list(&ranges, i + 1) != complement)
                    .map(|(_, c)| c)
                    .collect();
                out.push_str(&s);
                out.push('\n');
            } else {
                if !l.contains(delim) {
                    if !o.has("s") {
                        out.push_str(l);
                        out.push('\n');
                    }
                    continue;
                }
                let parts: Vec<&str> = l
                    .split(delim)
                    .enumerate()
                    .filter(|(i, _)| in_list(&ranges, i + 1) != complement)
                    .map(|(_, p)| p)
                    .collect();
                out.push_str(&parts.join(&out_delim));
                out.push('\n');
            }
        }
    }
    io.out(out);
    st
}

// ---- tr ----

fn expand_set(s: &str) -> Result<Vec<char>, String> {
    let (s, _) = unescape_c(s, false);
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '[' && cs.get(i + 1) == Some(&':') {
            if let Some(end) =
                (i + 2..cs.len()).find(|&j| cs[j] == ':' && cs.get(j + 1) == Some(&']'))
            {
                let name: String = cs[i + 2..end].iter().collect();
                let ranges = crate::shell::regex::class_ranges(&name);
                if ranges.is_empty() {
                    return Err(format!("tr: invalid character class {}", lq(&name)));
                }
                for (a, b) in ranges {
                    for c in a..=b {
                        out.push(c);
                    }
                }
                i = end + 2;
                continue;
            }
        }
        if i + 2 < cs.len() && cs[i + 1] == '-' {
            let (a, b) = (cs[i], cs[i + 2]);
            if b < a {
                return Err(format!(
                    "tr: range-endpoints of {} are in reverse collating sequence order",
                    lq(&format!("{a}-{b}"))
                ));
            }
            for c in a..=b {
                out.push(c);
                if out.len() > 1_200_000 {
                    break;
                }
            }
            i += 3;
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    Ok(out)
}

pub(super) fn tr(args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "dscC",
        with_arg: "",
        long: &[
            ("delete", "d", false),
            ("squeeze-repeats", "s", false),
            ("complement", "c", false),
        ],
        permute: true,
    };
    let o = match getopt("tr", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let delete = o.has("d");
    let squeeze = o.has("s");
    let complement = o.has("c") || o.has("C");
    if o.args.is_empty() {
        io.err("tr: missing operand\nTry 'tr --help' for more information.\n");
        return 1;
    }
    if !delete && !squeeze && o.args.len() < 2 {
        io.err(format!(
            "tr: missing operand after {}\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
            lq(&o.args[0])
        ));
        return 1;
    }
    if (delete && !squeeze && o.args.len() > 1) || o.args.len() > 2 {
        let extra = &o.args[if delete && !squeeze { 1 } else { 2 }];
        io.err(format!(
            "tr: extra operand {}\nTry 'tr --help' for more information.\n",
            lq(extra)
        ));
        return 1;
    }
    let set1 = match expand_set(&o.args[0]) {
        Ok(s) => s,
        Err(m) => {
            io.err(format!("{m}\n"));
            return 1;
        }
    };
    let set2 = match o.args.get(1).map(|s| expand_set(s)) {
        Some(Ok(s)) => s,
        Some(Err(m)) => {
            io.err(format!("{m}\n"));
            return 1;
        }
        None => Vec::new(),
    };
    let in1 = |c: char| set1.contains(&c) != complement;
    let input = io.take_stdin();
    let mut out = String::with_capacity(input.len());
    let mut last: Option<char> = None;
    for c in input.chars() {
        let mut ch = Some(c);
        if delete {
            if in1(c) {
                ch = None;
            }
        } else if !set2.is_empty() {
            if complement {
                if in1(c) {
                    ch = set2.last().copied();
                }
            } else if let Some(p) = set1.iter().position(|x| *x == c) {
                ch = Some(*set2.get(p).or(set2.last()).unwrap_or(&c));
            }
        }
        if let Some(x) = ch {
            let squeeze_set_has = if delete || set2.is_empty() {
                in1(x)
            } else {
                set2.contains(&x)
            };
            if squeeze && last == Some(x) && squeeze_set_has {
                continue;
            }
            out.push(x);
            last = Some(x);
        }
    }
    io.out(out);
    0
}

// ---- base64 ----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn b64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(B64[(n >> 18) as usize & 63] as char);
        out.push(B64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Decode; Err carries what decoded before the invalid input.
pub(crate) fn b64_decode(s: &str) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = 0u32;
    let mut bits = 0;
    let mut padding = false;
    for c in s.bytes() {
        if c == b'\n' || c == b'\r' {
            continue;
        }
        if c == b'=' {
            padding = true;
            continue;
        }
        if padding {
            return Err(out);
        }
        let v = match B64.iter().position(|x| *x == c) {
            Some(v) => v as u32,
            None => return Err(out),
        };
        buf = (buf << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err(out);
    }
    Ok(out)
}

pub(super) fn base64(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "di",
        with_arg: "w",
        long: &[
            ("decode", "d", false),
            ("wrap", "w", true),
            ("ignore-garbage", "i", false),
        ],
        permute: true,
    };
    let o = match getopt("base64", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let f = o.args.first().cloned().unwrap_or_else(|| "-".into());
    if o.args.len() > 1 {
        io.err(format!(
            "base64: extra operand {}\nTry 'base64 --help' for more information.\n",
            lq(&o.args[1])
        ));
        return 1;
    }
    let input = match read_input(sh, sys, &f, io) {
        Ok(t) => t,
        Err(e) => {
            io.err(format!("base64: {f}: {e}\n"));
            return 1;
        }
    };
    if o.has("d") {
        let cleaned: String = if o.has("i") {
            input
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "+/=".contains(*c))
                .collect()
        } else {
            input
        };
        return match b64_decode(cleaned.trim_end()) {
            Ok(b) => {
                io.out(String::from_utf8_lossy(&b));
                0
            }
            Err(b) => {
                io.out(String::from_utf8_lossy(&b));
                io.err("base64: invalid input\n");
                1
            }
        };
    }
    let wrap: usize = match o.value("w") {
        Some(w) => match w.parse() {
            Ok(v) => v,
            Err(_) => {
                io.err(format!("base64: invalid wrap size: {}\n", lq(w)));
                return 1;
            }
        },
        None => 76,
    };
    let enc = b64_encode(input.as_bytes());
    if wrap == 0 {
        io.out(enc);
        return 0;
    }
    let mut out = String::new();
    let chars: Vec<char> = enc.chars().collect();
    for chunk in chars.chunks(wrap) {
        out.extend(chunk);
        out.push('\n');
    }
    io.out(out);
    0
}

// ---- seq ----

pub(super) fn seq(args: &[String], io: &mut Io) -> i32 {
    let mut sep = "\n".to_string();
    let mut equal = false;
    let mut fmt: Option<String> = None;
    let mut nums: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-s" => {
                i += 1;
                sep = args.get(i).cloned().unwrap_or_default();
            }
            "-w" => equal = true,
            "-f" => {
                i += 1;
                fmt = args.get(i).cloned();
            }
            _ if a.starts_with("-s") && a.len() > 2 => sep = a[2..].to_string(),
            _ if a.starts_with('-')
                && a.len() > 1
                && !a[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.') =>
            {
                io.err(format!(
                    "seq: invalid option -- '{}'\nTry 'seq --help' for more information.\n",
                    &a[1..2]
                ));
                return 1;
            }
            _ => nums.push(a.clone()),
        }
        i += 1;
    }
    if nums.is_empty() {
        io.err("seq: missing operand\nTry 'seq --help' for more information.\n");
        return 1;
    }
    if nums.len() > 3 {
        io.err(format!(
            "seq: extra operand {}\nTry 'seq --help' for more information.\n",
            q(&nums[3])
        ));
        return 1;
    }
    let mut vals = Vec::new();
    for n in &nums {
        match n.parse::<f64>() {
            Ok(v) if v.is_finite() => vals.push(v),
            _ => {
                io.err(format!("seq: invalid floating point argument: {}\nTry 'seq --help' for more information.\n", q(n)));
                return 1;
            }
        }
    }
    let (first, inc, last) = match vals.len() {
        1 => (1.0, 1.0, vals[0]),
        2 => (vals[0], 1.0, vals[1]),
        _ => (vals[0], vals[1], vals[2]),
    };
    if inc == 0.0 {
        io.err(format!(
            "seq: invalid Zero increment value: {}\nTry 'seq --help' for more information.\n",
            q(&nums[1])
        ));
        return 1;
    }
    let decimals = nums
        .iter()
        .take(if nums.len() == 3 { 2 } else { nums.len() })
        .map(|n| n.split_once('.').map(|(_, d)| d.len()).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let mut items: Vec<String> = Vec::new();
    let mut k = 0usize;
    loop {
        let v = first + inc * k as f64;
        if (inc > 0.0 && v > last + 1e-9) || (inc < 0.0 && v < last - 1e-9) {
            break;
        }
        if items.len() >= MAX_SEQ {
            break;
        }
        let s = match &fmt {
            Some(f) => {
                let mut tmp = Io::default();
                let mut shell = Shell::new();
                printf(&mut shell, &[f.clone(), format!("{v}")], &mut tmp);
                tmp.stdout_text()
            }
            None => format!("{v:.decimals$}"),
        };
        items.push(s);
        k += 1;
    }
    if equal {
        let w = items.iter().map(|s| s.len()).max().unwrap_or(0);
        for s in items.iter_mut() {
            let neg = s.starts_with('-');
            let digits = s.trim_start_matches('-').to_string();
            let padded = format!(
                "{}{}{digits}",
                if neg { "-" } else { "" },
                "0".repeat(w - s.len())
            );
            *s = padded;
        }
    }
    if !items.is_empty() {
        io.out(format!("{}\n", items.join(&sep)));
    }
    0
}

// ---- rev, tac, nl ----

pub(super) fn simple_filter(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let files: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-') || *a == "-")
        .cloned()
        .collect();
    let files = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files
    };
    let mut st = 0;
    let mut out = String::new();
    let mut n = 0;
    for f in &files {
        let text = match read_input(sh, sys, f, io) {
            Ok(t) => t,
            Err(e) => {
                io.err(format!("{name}: {f}: {e}\n"));
                st = 1;
                continue;
            }
        };
        let ls = lines(&text);
        match name {
            "rev" => {
                for l in ls {
                    out.extend(l.chars().rev());
                    out.push('\n');
                }
            }
            "tac" => {
                for l in ls.iter().rev() {
                    out.push_str(l);
                    out.push('\n');
                }
            }
            _ => {
                for l in ls {
                    if l.is_empty() {
                        out.push_str("       \n");
                    } else {
                        n += 1;
                        out.push_str(&format!("{n:>6}\t{l}\n"));
                    }
                }
            }
        }
    }
    io.out(out);
    st
}

// ---- xargs ----

pub(super) fn xargs(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut i = 0;
    let mut max_args: Option<usize> = None;
    let mut replace: Option<String> = None;
    let mut no_empty = false;
    while i < args.len() && args[i].starts_with('-') {
        match args[i].as_str() {
            "-n" => {
                i += 1;
                max_args = args
                    .get(i)
                    .and_then(|v| v.parse().ok())
                    .filter(|v: &usize| *v > 0);
            }
            "-I" | "-i" => {
                i += 1;
                replace = args.get(i).cloned();
            }
            "-r" | "--no-run-if-empty" => no_empty = true,
            "-0" | "-t" | "-p" => {}
            a if a.starts_with("-n") => max_args = a[2..].parse().ok(),
            a if a.starts_with("-I") => replace = Some(a[2..].to_string()),
            "--" => {
                i += 1;
                break;
            }
            a => {
                io.err(format!(
                    "xargs: invalid option -- '{}'\nTry 'xargs --help' for more information.\n",
                    &a[1..2.min(a.len())]
                ));
                return 1;
            }
        }
        i += 1;
    }
    let cmd: Vec<String> = if i < args.len() {
        args[i..].to_vec()
    } else {
        vec!["echo".into()]
    };
    let input = io.take_stdin();
    let mut st = 0;
    let mut runs = 0;
    let mut run = |sh: &mut Shell, sys: &mut dyn System, argv: Vec<String>, io: &mut Io| {
        runs += 1;
        if runs > 10_000 {
            return 0;
        }
        let mut sub = Io::new(String::new());
        let r = sh.dispatch(&argv, sys, &mut sub);
        for (s, t) in sub.chunks {
            io.push(s, &t);
        }
        if r == 127 {
            io.err(format!("xargs: {}: No such file or directory\n", argv[0]));
            return 127;
        }
        if r != 0 {
            123
        } else {
            0
        }
    };
    if let Some(r) = replace {
        for line in lines(&input) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let argv: Vec<String> = cmd.iter().map(|a| a.replace(&r, line)).collect();
            let x = run(sh, sys, argv, io);
            if x != 0 {
                st = x;
            }
        }
        return st;
    }
    let words = split_xargs(&input);
    if words.is_empty() {
        if no_empty {
            return 0;
        }
        return run(sh, sys, cmd.clone(), io);
    }
    let chunk = max_args.unwrap_or(usize::MAX);
    for part in words.chunks(chunk.min(words.len()).max(1)) {
        let mut argv = cmd.clone();
        argv.extend(part.iter().cloned());
        let x = run(sh, sys, argv, io);
        if x != 0 {
            st = x;
        }
    }
    st
}

fn split_xargs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut started = false;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(qc) if c == qc => quote = None,
            Some(_) => cur.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    started = true;
                }
                c if c.is_whitespace() => {
                    if started {
                        out.push(std::mem::take(&mut cur));
                        started = false;
                    }
                }
                _ => {
                    cur.push(c);
                    started = true;
                }
            },
        }
    }
    if started {
        out.push(cur);
    }
    out
}

//! `kubectl -o yaml`: what `sigs.k8s.io/yaml` (v1.4, built on go-yaml v2.4) prints.
//!
//! kubectl turns the object into JSON, parses that JSON as YAML into generic maps, and then
//! marshals those with go-yaml v2. This module repeats each step:
//!
//! * **Key order.** go-yaml sorts map keys with its own comparison, not bytewise: runs of
//!   digits compare as numbers (`item9` before `item10`) and letters sort after other
//!   characters (`a_` before `aB`). The order of the input map does not matter.
//! * **Numbers** come from Go's JSON text, re-read as YAML: integers print as they are; floats
//!   print as Go's `%g` with the shortest digits (`2.5`, `1.2345675e+06`, `1e+21`), but an
//!   integral float prints as an integer (`3`).
//! * **Strings** are plain when go-yaml would read them back as the same string. Strings that
//!   would read as something else are double-quoted: booleans of YAML 1.1 (`"yes"`, `"off"`,
//!   `"y"`), null (`""`, `"~"`, `"null"`), numbers (`"3600"`, `"1e3"`, `"0x1F"`, `".5"`),
//!   timestamps (`"2024-07-15T10:02:11Z"`, `"2024-07-15"`) and base-60 numbers (`"1:20"`).
//!   The emitter then single-quotes plain strings that are not safe unquoted (leading or
//!   trailing space, an indicator at the start, `: ` or ` #` inside…), and double-quotes with
//!   escapes strings holding tabs or other non-printable characters (including characters
//!   outside the Basic Multilingual Plane, such as emoji: `"\U0001F600"`).
//! * **Multi-line strings** use the literal style `|` with `-` (no final newline) or `+`
//!   (more than one) chomping, plus an indentation indicator when the text starts with a
//!   space or newline.
//! * **Long lines** of plain and quoted strings are folded at the first space after column
//!   80, as go-yaml v2 does; continuation lines are indented one level deeper.
//! * Sequences inside a mapping are not indented (`containers:\n- image: nginx`), empty maps
//!   and sequences print as `{}` and `[]`, and null as `null`.
//! * A U+0085 (NEXT LINE) in a string is folded like a line break by the JSON → YAML step
//!   (`"a\u{85}b"` prints as `a b`). A value starting with U+FEFF has every character escaped
//!   (a go-yaml quirk).
//! * Keys longer than 128 bytes or spanning lines use the `? key` / `: value` form.
//!
//! Where kubectl itself fails, this prints its best guess instead: kubectl's `-o yaml` errors
//! out (`yaml: control characters are not allowed`) on strings holding DEL, C1 controls other
//! than U+0085, U+FFFE or U+FFFF, and (`did not find expected ',' or '}'`) on keys holding
//! U+0085. Maps whose keys go-yaml cannot order consistently (such as `0x1F`, `1e`, `01z`)
//! come out in a random order from kubectl; here the order is fixed.
//!
//! The emitter below is a port of the go-yaml v2 (libyaml) emitter state machine, restricted
//! to what JSON data can produce: no anchors, tags, flow collections with items, or folded
//! scalars.

use serde_json::{Map, Value};

use super::json::{fmt_e, fmt_f, go_json_number, shortest_digits};

/// Formats `v` as `kubectl -o yaml` prints it, ending with a newline.
pub fn to_yaml(v: &Value) -> String {
    let mut events = Vec::new();
    events.push(Event::StreamStart);
    events.push(Event::DocumentStart);
    push_value_events(&mut events, v);
    events.push(Event::DocumentEnd);
    events.push(Event::StreamEnd);
    let mut emitter = Emitter::new(&events);
    emitter.run();
    emitter.out
}

// ---------------------------------------------------------------------------------------
// From JSON values to YAML events (go-yaml's encoder).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

#[derive(Debug)]
enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    Scalar(String, Style),
}

fn push_value_events(events: &mut Vec<Event>, v: &Value) {
    match v {
        Value::Null => events.push(Event::Scalar("null".to_string(), Style::Plain)),
        Value::Bool(b) => events.push(Event::Scalar(
            if *b { "true" } else { "false" }.to_string(),
            Style::Plain,
        )),
        Value::Number(n) => events.push(Event::Scalar(yaml_number(n), Style::Plain)),
        Value::String(s) => events.push(string_event(&json_yaml_round_trip(s))),
        Value::Array(items) => {
            events.push(Event::SequenceStart);
            for item in items {
                push_value_events(events, item);
            }
            events.push(Event::SequenceEnd);
        }
        Value::Object(map) => {
            events.push(Event::MappingStart);
            for (k, item) in sorted_entries(map) {
                events.push(string_event(&k));
                push_value_events(events, item);
            }
            events.push(Event::MappingEnd);
        }
    }
}

/// What a string becomes when Go's JSON text of it is read back by the YAML parser.
///
/// Go's JSON encoder escapes every control character except U+0085 (NEXT LINE), which YAML
/// treats as a line break inside the double-quoted JSON string and folds like one: spaces
/// around it are dropped, and a lone NEL becomes a space while `n` NELs in a row become
/// `n - 1` newlines. Nothing else changes.
fn json_yaml_round_trip(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\u{85}') {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' && c != '\u{85}' {
            out.push(c);
            i += 1;
            continue;
        }
        // A run of spaces and NELs.
        let start = i;
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{85}') {
            i += 1;
        }
        let run = &chars[start..i];
        match run.iter().position(|&c| c == '\u{85}') {
            None => out.extend(run.iter()),
            Some(first) => {
                let trailing = run[first + 1..].iter().filter(|&&c| c == '\u{85}').count();
                if trailing == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', trailing));
                }
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// go-yaml `encoder.stringv`: literal if multi-line, plain if the text would resolve back to
/// the same string, double-quoted otherwise. The emitter may still change the style.
fn string_event(s: &str) -> Event {
    let style = if s.contains('\n') {
        Style::Literal
    } else if !resolves_to_non_string(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::DoubleQuoted
    };
    Event::Scalar(s.to_string(), style)
}

/// A JSON number after the JSON → YAML round trip: Go's JSON text, resolved by go-yaml as an
/// int (printed as is) or a float (printed with `strconv.FormatFloat(f, 'g', -1, 64)`).
fn yaml_number(n: &serde_json::Number) -> String {
    let text = go_json_number(n);
    if let Ok(i) = text.parse::<i64>() {
        return i.to_string();
    }
    if !text.starts_with(['-', '+']) {
        if let Ok(u) = text.parse::<u64>() {
            return u.to_string();
        }
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => go_format_g(f),
        _ => text,
    }
}

/// Go `strconv.FormatFloat(f, 'g', -1, 64)`.
fn go_format_g(f: f64) -> String {
    if f.is_nan() {
        return ".nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f);
    let exp = dp - 1;
    if !(-4..6).contains(&exp) {
        fmt_e(neg, &digits, dp)
    } else {
        fmt_f(neg, &digits, dp)
    }
}

// ---------------------------------------------------------------------------------------
// Key order (go-yaml sorter.go `keyList.Less`, for string keys).

fn sorted_entries(map: &Map<String, Value>) -> Vec<(String, &Value)> {
    let mut entries: Vec<(Vec<char>, String, &Value)> = Vec::with_capacity(map.len());
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let folding = map.keys().any(|k| k.contains('\u{85}'));
    for (k, v) in map {
        let key = json_yaml_round_trip(k).into_owned();
        if folding {
            // Two keys that read back the same: the later one in Go's (sorted) JSON wins.
            if let Some(&pos) = seen.get(&key) {
                if let Some(entry) = entries.get_mut(pos) {
                    entry.2 = v;
                }
                continue;
            }
            seen.insert(key.clone(), entries.len());
        }
        entries.push((key.chars().collect(), key, v));
    }
    // go-yaml sorts with Go's `sort.Sort`. Its comparison is not always transitive (the keys
    // "0x1F", "1e" and "01z" form a cycle), and then the exact algorithm decides the order;
    // hence a port of Go's sort rather than Rust's.
    go_sort(&mut entries, |a, b| key_less(&a.0, &b.0));
    entries.into_iter().map(|(_, k, v)| (k, v)).collect()
}

/// go-yaml sorts keys with Go's `sort.Sort` (unstable); the shared port keeps its order.
fn go_sort<T>(data: &mut [T], less: impl Fn(&T, &T) -> bool) {
    super::gosort::sort_by(data, less);
}

fn is_letter(c: char) -> bool {
    // Go `unicode.IsLetter`; exact for ASCII, approximated by `is_alphabetic` beyond.
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic()
    }
}

fn is_digit(c: char) -> bool {
    // Go `unicode.IsDigit`; exact for ASCII, approximated by `is_numeric` beyond.
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        c.is_numeric()
    }
}

fn key_less(ar: &[char], br: &[char]) -> bool {
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = is_letter(ar[i]);
        let bl = is_letter(br[i]);
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && is_digit(ar[j - 1]) {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

// ---------------------------------------------------------------------------------------
// Implicit typing (go-yaml resolve.go): would this plain text read back as a non-string?

fn resolves_to_non_string(s: &str) -> bool {
    let hint = match s.as_bytes().first() {
        None => return true, // "" is null
        Some(&c) => match c {
            b'+' | b'-' => 'S',
            b'0'..=b'9' => 'D',
            b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => 'M',
            b'.' => '.',
            _ => return false,
        },
    };
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
        "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    match hint {
        '.' => go_parse_float_dot(s),
        'D' | 'S' => {
            if parse_timestamp(s) {
                return true;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if go_parse_int_base0(&plain) || go_parse_uint_base0(&plain).is_ok() {
                return true;
            }
            if is_yaml_style_float(&plain) && float_in_range(&plain) {
                return true;
            }
            // resolve.go's explicit binary fallbacks: "0b" + ParseInt(rest, 2), which also
            // takes a sign ("0b-1" is -1), and "-0b" + ParseInt("-" + rest, 2).
            if let Some(rest) = plain.strip_prefix("0b") {
                return go_parse_int_base(rest, 2) || go_parse_uint_base(rest, 2).is_ok();
            }
            if let Some(rest) = plain.strip_prefix("-0b") {
                return go_parse_int_base(&format!("-{rest}"), 2);
            }
            false
        }
        _ => false,
    }
}

#[derive(Debug, PartialEq)]
enum IntErr {
    Syntax,
    Range,
}

/// Go `strconv.ParseUint(s, 0, 64)` for text without underscores.
fn go_parse_uint_base0(s: &str) -> Result<u64, IntErr> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(IntErr::Syntax);
    }
    if b[0] == b'0' {
        if b.len() >= 3 && b[1].eq_ignore_ascii_case(&b'b') {
            go_parse_uint_base(&s[2..], 2)
        } else if b.len() >= 3 && b[1].eq_ignore_ascii_case(&b'o') {
            go_parse_uint_base(&s[2..], 8)
        } else if b.len() >= 3 && b[1].eq_ignore_ascii_case(&b'x') {
            go_parse_uint_base(&s[2..], 16)
        } else {
            // A leading 0 means octal; "0" alone is 0.
            if b.len() == 1 {
                return Ok(0);
            }
            go_parse_uint_base(&s[1..], 8)
        }
    } else {
        go_parse_uint_base(s, 10)
    }
}

/// Go `strconv.ParseUint(s, base, 64)` with an explicit base, for text without underscores.
fn go_parse_uint_base(s: &str, base: u32) -> Result<u64, IntErr> {
    if s.is_empty() {
        return Err(IntErr::Syntax);
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        let d = match c.to_digit(36) {
            Some(d) if d < base => d,
            _ => return Err(IntErr::Syntax),
        };
        n = match n
            .checked_mul(u64::from(base))
            .and_then(|n| n.checked_add(u64::from(d)))
        {
            Some(n) => n,
            None => return Err(IntErr::Range),
        };
    }
    Ok(n)
}

/// Go `strconv.ParseInt(s, 0, 64)` succeeds.
fn go_parse_int_base0(s: &str) -> bool {
    let (neg, rest) = split_sign(s);
    fits_int64(neg, go_parse_uint_base0(rest))
}

/// Go `strconv.ParseInt(s, base, 64)` succeeds.
fn go_parse_int_base(s: &str, base: u32) -> bool {
    let (neg, rest) = split_sign(s);
    fits_int64(neg, go_parse_uint_base(rest, base))
}

fn split_sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

fn fits_int64(neg: bool, u: Result<u64, IntErr>) -> bool {
    match u {
        Ok(u) if neg => u <= 1u64 << 63,
        Ok(u) => u < 1u64 << 63,
        Err(_) => false,
    }
}

/// The `yamlStyleFloat` regexp of resolve.go:
/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `ParseFloat` fails on overflow to infinity (underflow to zero is fine).
fn float_in_range(s: &str) -> bool {
    let cleaned: String = s.chars().filter(|&c| c != '_').collect();
    matches!(cleaned.parse::<f64>(), Ok(f) if f.is_finite())
}

/// Go `strconv.ParseFloat(s, 64)` succeeds, for text starting with '.': a fraction with
/// underscores allowed only between digits, an optional exponent, no overflow.
fn go_parse_float_dot(s: &str) -> bool {
    let b = s.as_bytes();
    // digits with single underscores between digits
    fn digit_run(b: &[u8], i: &mut usize) -> bool {
        let start = *i;
        while *i < b.len() {
            let underscore_between_digits = b[*i] == b'_'
                && *i > start
                && b[*i - 1].is_ascii_digit()
                && *i + 1 < b.len()
                && b[*i + 1].is_ascii_digit();
            if b[*i].is_ascii_digit() || underscore_between_digits {
                *i += 1;
            } else {
                break;
            }
        }
        *i > start
    }
    if b.first() != Some(&b'.') {
        return false;
    }
    let mut i = 1;
    if !digit_run(b, &mut i) {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if !digit_run(b, &mut i) {
            return false;
        }
    }
    i == b.len() && float_in_range(s)
}

/// `isBase60Float` of encode.go: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(c) if *c == b'+' || *c == b'-' || c.is_ascii_digit() => {}
        _ => return false,
    }
    if !s.contains(':') {
        return false;
    }
    let mut i = 0;
    if b[0] == b'+' || b[0] == b'-' {
        i += 1;
    }
    if i >= b.len() || !b[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        // [0-5]?[0-9]
        if i + 1 < b.len() && (b'0'..=b'5').contains(&b[i]) && b[i + 1].is_ascii_digit() {
            i += 2;
        } else if i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        } else {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml `parseTimestamp`: Go's `time.Parse` with any of
/// `2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2t15:4:5.999999999Z07:00`,
/// `2006-1-2 15:4:5.999999999` and `2006-1-2`.
fn parse_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let year_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_digits != 4 || b.len() == 4 || b[4] != b'-' {
        return false;
    }
    parse_ts_layout(b, Some(b'T'), true)
        || parse_ts_layout(b, Some(b't'), true)
        || parse_ts_layout(b, Some(b' '), false)
        || parse_ts_layout(b, None, false)
}

/// Go `getnum(s, false)`: one or two digits.
fn getnum(b: &[u8], i: &mut usize) -> Option<u32> {
    let d0 = b.get(*i).filter(|c| c.is_ascii_digit())?;
    let v0 = u32::from(d0 - b'0');
    match b.get(*i + 1).filter(|c| c.is_ascii_digit()) {
        Some(d1) => {
            *i += 2;
            Some(v0 * 10 + u32::from(d1 - b'0'))
        }
        None => {
            *i += 1;
            Some(v0)
        }
    }
}

/// One of the timestamp layouts: date, then (if `sep` is given) the separator, time,
/// optional fraction and (if `zone`) a `Z07:00` zone.
fn parse_ts_layout(b: &[u8], sep: Option<u8>, zone: bool) -> bool {
    let year: u32 = b[..4]
        .iter()
        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
    let mut i = 5;
    let Some(month) = getnum(b, &mut i) else {
        return false;
    };
    if !(1..=12).contains(&month) {
        return false;
    }
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = getnum(b, &mut i) else {
        return false;
    };
    if let Some(sep) = sep {
        if sep == b' ' {
            // A space in a Go layout matches zero or more spaces, but the value must
            // either be at its end or continue with a space.
            if i < b.len() && b[i] != b' ' {
                return false;
            }
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
        } else {
            if b.get(i) != Some(&sep) {
                return false;
            }
            i += 1;
        }
        let Some(hour) = getnum(b, &mut i) else {
            return false;
        };
        if hour >= 24 {
            return false;
        }
        if b.get(i) != Some(&b':') {
            return false;
        }
        i += 1;
        let Some(min) = getnum(b, &mut i) else {
            return false;
        };
        if min >= 60 {
            return false;
        }
        if b.get(i) != Some(&b':') {
            return false;
        }
        i += 1;
        let Some(sec) = getnum(b, &mut i) else {
            return false;
        };
        if sec >= 60 {
            return false;
        }
        // Optional fraction: '.' or ',' followed by any number of digits.
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if zone {
            if b.get(i) == Some(&b'Z') {
                i += 1;
            } else {
                // ±hh:mm
                if b.len() < i + 6 || b[i + 3] != b':' {
                    return false;
                }
                let two = |j: usize| -> Option<u32> {
                    let x = b.get(j).filter(|c| c.is_ascii_digit())?;
                    let y = b.get(j + 1).filter(|c| c.is_ascii_digit())?;
                    Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
                };
                let (Some(hh), Some(mm)) = (two(i + 1), two(i + 4)) else {
                    return false;
                };
                if hh > 24 || mm > 60 {
                    return false;
                }
                if b[i] != b'+' && b[i] != b'-' {
                    return false;
                }
                i += 6;
            }
        }
    }
    if i != b.len() {
        return false;
    }
    let divisible = |n: u32| (year / n) * n == year;
    let leap = divisible(4) && (!divisible(100) || divisible(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day >= 1 && day <= days
}

// ---------------------------------------------------------------------------------------
// The emitter (go-yaml emitterc.go).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    StreamStart,
    FirstDocumentStart,
    DocumentStart,
    DocumentContent,
    DocumentEnd,
    FlowSequenceFirstItem,
    FlowSequenceItem,
    FlowMappingFirstKey,
    FlowMappingKey,
    FlowMappingSimpleValue,
    FlowMappingValue,
    BlockSequenceFirstItem,
    BlockSequenceItem,
    BlockMappingFirstKey,
    BlockMappingKey,
    BlockMappingSimpleValue,
    BlockMappingValue,
    End,
}

#[derive(Default)]
struct ScalarAnalysis {
    value: Vec<char>,
    byte_len: usize,
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
    style: Option<Style>,
}

struct Emitter<'a> {
    events: &'a [Event],
    head: usize,
    out: String,

    best_indent: i64,
    best_width: i64,

    state: State,
    states: Vec<State>,
    indent: i64,
    indents: Vec<i64>,
    flow_level: i64,

    root_context: bool,
    sequence_context: bool,
    mapping_context: bool,
    simple_key_context: bool,

    column: i64,
    whitespace: bool,
    indention: bool,
    open_ended: bool,

    scalar: ScalarAnalysis,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_blankz(c: char) -> bool {
    is_blank(c) || is_break(c) || c == '\0'
}

/// libyaml `is_printable`.
fn is_printable(c: char) -> bool {
    let c = c as u32;
    c == 0x0A
        || (0x20..=0x7E).contains(&c)
        || (0xA0..=0xD7FF).contains(&c)
        || ((0xE000..=0xFFFD).contains(&c) && c != 0xFEFF)
}

impl<'a> Emitter<'a> {
    fn new(events: &'a [Event]) -> Self {
        Emitter {
            events,
            head: 0,
            out: String::new(),
            best_indent: 2,
            best_width: 80,
            state: State::StreamStart,
            states: Vec::new(),
            indent: -1,
            indents: Vec::new(),
            flow_level: 0,
            root_context: false,
            sequence_context: false,
            mapping_context: false,
            simple_key_context: false,
            column: 0,
            whitespace: true,
            indention: true,
            open_ended: false,
            scalar: ScalarAnalysis::default(),
        }
    }

    fn run(&mut self) {
        while self.head < self.events.len() {
            let ev = &self.events[self.head];
            self.analyze_event(ev);
            self.state_machine(ev);
            self.head += 1;
        }
    }

    fn peek(&self, offset: usize) -> Option<&Event> {
        self.events.get(self.head + offset)
    }

    fn pop_state(&mut self) {
        self.state = self.states.pop().unwrap_or(State::End);
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    // --- low-level output -------------------------------------------------------------

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// Copies one character (libyaml `write`).
    fn write_char(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    /// libyaml `write_break`.
    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.write_char(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { self.best_indent } else { 0 };
        } else if !indentless {
            self.indent += self.best_indent;
        }
    }

    // --- analysis ---------------------------------------------------------------------

    fn analyze_event(&mut self, ev: &Event) {
        self.scalar = ScalarAnalysis::default();
        if let Event::Scalar(value, _) = ev {
            self.analyze_scalar(value);
        }
    }

    fn analyze_scalar(&mut self, value: &str) {
        let chars: Vec<char> = value.chars().collect();
        let sd = &mut self.scalar;
        sd.byte_len = value.len();
        if chars.is_empty() {
            sd.value = chars;
            sd.multiline = false;
            sd.flow_plain_allowed = false;
            sd.block_plain_allowed = true;
            sd.single_quoted_allowed = true;
            sd.block_allowed = false;
            return;
        }

        let mut block_indicators = false;
        let mut flow_indicators = false;
        let mut line_breaks = false;
        let mut special_characters = false;
        let mut leading_space = false;
        let mut leading_break = false;
        let mut trailing_space = false;
        let mut trailing_break = false;
        let mut break_space = false;
        let mut space_break = false;
        let mut previous_space = false;
        let mut previous_break = false;

        if value.starts_with("---") || value.starts_with("...") {
            block_indicators = true;
            flow_indicators = true;
        }

        let mut preceded_by_whitespace = true;
        let n = chars.len();
        for i in 0..n {
            let c = chars[i];
            let followed_by_whitespace = i + 1 >= n || is_blank(chars[i + 1]);
            if i == 0 {
                match c {
                    '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\''
                    | '"' | '%' | '@' | '`' => {
                        flow_indicators = true;
                        block_indicators = true;
                    }
                    '?' | ':' => {
                        flow_indicators = true;
                        if followed_by_whitespace {
                            block_indicators = true;
                        }
                    }
                    '-' if followed_by_whitespace => {
                        flow_indicators = true;
                        block_indicators = true;
                    }
                    _ => {}
                }
            } else {
                match c {
                    ',' | '?' | '[' | ']' | '{' | '}' => flow_indicators = true,
                    ':' => {
                        flow_indicators = true;
                        if followed_by_whitespace {
                            block_indicators = true;
                        }
                    }
                    '#' if preceded_by_whitespace => {
                        flow_indicators = true;
                        block_indicators = true;
                    }
                    _ => {}
                }
            }

            if !is_printable(c) {
                special_characters = true;
            }
            if c == ' ' {
                if i == 0 {
                    leading_space = true;
                }
                if i + 1 == n {
                    trailing_space = true;
                }
                if previous_break {
                    break_space = true;
                }
                previous_space = true;
                previous_break = false;
            } else if is_break(c) {
                line_breaks = true;
                if i == 0 {
                    leading_break = true;
                }
                if i + 1 == n {
                    trailing_break = true;
                }
                if previous_space {
                    space_break = true;
                }
                previous_space = false;
                previous_break = true;
            } else {
                previous_space = false;
                previous_break = false;
            }
            preceded_by_whitespace = is_blankz(c);
        }

        sd.value = chars;
        sd.multiline = line_breaks;
        sd.flow_plain_allowed = true;
        sd.block_plain_allowed = true;
        sd.single_quoted_allowed = true;
        sd.block_allowed = true;
        if leading_space || leading_break || trailing_space || trailing_break {
            sd.flow_plain_allowed = false;
            sd.block_plain_allowed = false;
        }
        if trailing_space {
            sd.block_allowed = false;
        }
        if break_space {
            sd.flow_plain_allowed = false;
            sd.block_plain_allowed = false;
            sd.single_quoted_allowed = false;
        }
        if space_break || special_characters {
            sd.flow_plain_allowed = false;
            sd.block_plain_allowed = false;
            sd.single_quoted_allowed = false;
            sd.block_allowed = false;
        }
        if line_breaks {
            sd.flow_plain_allowed = false;
            sd.block_plain_allowed = false;
        }
        if flow_indicators {
            sd.flow_plain_allowed = false;
        }
        if block_indicators {
            sd.block_plain_allowed = false;
        }
    }

    // --- state machine ----------------------------------------------------------------

    fn state_machine(&mut self, ev: &Event) {
        match self.state {
            State::StreamStart => self.emit_stream_start(ev),
            State::FirstDocumentStart | State::DocumentStart => self.emit_document_start(ev),
            State::DocumentContent => {
                self.states.push(State::DocumentEnd);
                self.emit_node(ev, true, false, false, false);
            }
            State::DocumentEnd => self.emit_document_end(ev),
            State::FlowSequenceFirstItem => self.emit_flow_sequence_item(ev, true),
            State::FlowSequenceItem => self.emit_flow_sequence_item(ev, false),
            State::FlowMappingFirstKey => self.emit_flow_mapping_key(ev, true),
            State::FlowMappingKey => self.emit_flow_mapping_key(ev, false),
            State::FlowMappingSimpleValue => self.emit_flow_mapping_value(ev, true),
            State::FlowMappingValue => self.emit_flow_mapping_value(ev, false),
            State::BlockSequenceFirstItem => self.emit_block_sequence_item(ev, true),
            State::BlockSequenceItem => self.emit_block_sequence_item(ev, false),
            State::BlockMappingFirstKey => self.emit_block_mapping_key(ev, true),
            State::BlockMappingKey => self.emit_block_mapping_key(ev, false),
            State::BlockMappingSimpleValue => self.emit_block_mapping_value(ev, true),
            State::BlockMappingValue => self.emit_block_mapping_value(ev, false),
            State::End => {}
        }
    }

    fn emit_stream_start(&mut self, ev: &Event) {
        if let Event::StreamStart = ev {
            self.indent = -1;
            self.column = 0;
            self.whitespace = true;
            self.indention = true;
            self.state = State::FirstDocumentStart;
        }
    }

    fn emit_document_start(&mut self, ev: &Event) {
        match ev {
            Event::DocumentStart => {
                // Implicit first document: nothing is written.
                if self.state != State::FirstDocumentStart {
                    self.write_indent();
                    self.write_indicator("---", true, false, false);
                }
                self.state = State::DocumentContent;
            }
            Event::StreamEnd => {
                // go-yaml clears open_ended before STREAM-END, so no "..." is written.
                self.state = State::End;
            }
            _ => {}
        }
    }

    fn emit_document_end(&mut self, ev: &Event) {
        if let Event::DocumentEnd = ev {
            self.write_indent();
            self.state = State::DocumentStart;
        }
    }

    fn emit_flow_sequence_item(&mut self, ev: &Event, first: bool) {
        if first {
            self.write_indicator("[", true, true, false);
            self.increase_indent(true, false);
            self.flow_level += 1;
        }
        if let Event::SequenceEnd = ev {
            self.flow_level -= 1;
            self.pop_indent();
            self.write_indicator("]", false, false, false);
            self.pop_state();
            return;
        }
        if !first {
            self.write_indicator(",", false, false, false);
        }
        if self.column > self.best_width {
            self.write_indent();
        }
        self.states.push(State::FlowSequenceItem);
        self.emit_node(ev, false, true, false, false);
    }

    fn emit_flow_mapping_key(&mut self, ev: &Event, first: bool) {
        if first {
            self.write_indicator("{", true, true, false);
            self.increase_indent(true, false);
            self.flow_level += 1;
        }
        if let Event::MappingEnd = ev {
            self.flow_level -= 1;
            self.pop_indent();
            self.write_indicator("}", false, false, false);
            self.pop_state();
            return;
        }
        if !first {
            self.write_indicator(",", false, false, false);
        }
        if self.column > self.best_width {
            self.write_indent();
        }
        if self.check_simple_key() {
            self.states.push(State::FlowMappingSimpleValue);
            self.emit_node(ev, false, false, true, true);
        } else {
            self.write_indicator("?", true, false, false);
            self.states.push(State::FlowMappingValue);
            self.emit_node(ev, false, false, true, false);
        }
    }

    fn emit_flow_mapping_value(&mut self, ev: &Event, simple: bool) {
        if simple {
            self.write_indicator(":", false, false, false);
        } else {
            if self.column > self.best_width {
                self.write_indent();
            }
            self.write_indicator(":", true, false, false);
        }
        self.states.push(State::FlowMappingKey);
        self.emit_node(ev, false, false, true, false);
    }

    fn emit_block_sequence_item(&mut self, ev: &Event, first: bool) {
        if first {
            let indentless = self.mapping_context && !self.indention;
            self.increase_indent(false, indentless);
        }
        if let Event::SequenceEnd = ev {
            self.pop_indent();
            self.pop_state();
            return;
        }
        self.write_indent();
        self.write_indicator("-", true, false, true);
        self.states.push(State::BlockSequenceItem);
        self.emit_node(ev, false, true, false, false);
    }

    fn emit_block_mapping_key(&mut self, ev: &Event, first: bool) {
        if first {
            self.increase_indent(false, false);
        }
        if let Event::MappingEnd = ev {
            self.pop_indent();
            self.pop_state();
            return;
        }
        self.write_indent();
        if self.check_simple_key() {
            self.states.push(State::BlockMappingSimpleValue);
            self.emit_node(ev, false, false, true, true);
        } else {
            self.write_indicator("?", true, false, true);
            self.states.push(State::BlockMappingValue);
            self.emit_node(ev, false, false, true, false);
        }
    }

    fn emit_block_mapping_value(&mut self, ev: &Event, simple: bool) {
        if simple {
            self.write_indicator(":", false, false, false);
        } else {
            self.write_indent();
            self.write_indicator(":", true, false, true);
        }
        self.states.push(State::BlockMappingKey);
        self.emit_node(ev, false, false, true, false);
    }

    fn emit_node(
        &mut self,
        ev: &Event,
        root: bool,
        sequence: bool,
        mapping: bool,
        simple_key: bool,
    ) {
        self.root_context = root;
        self.sequence_context = sequence;
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match ev {
            Event::Scalar(_, style) => self.emit_scalar(*style),
            Event::SequenceStart => {
                self.state = if self.flow_level > 0 || self.check_empty_sequence() {
                    State::FlowSequenceFirstItem
                } else {
                    State::BlockSequenceFirstItem
                };
            }
            Event::MappingStart => {
                self.state = if self.flow_level > 0 || self.check_empty_mapping() {
                    State::FlowMappingFirstKey
                } else {
                    State::BlockMappingFirstKey
                };
            }
            _ => {}
        }
    }

    fn check_empty_sequence(&self) -> bool {
        matches!(
            (self.peek(0), self.peek(1)),
            (Some(Event::SequenceStart), Some(Event::SequenceEnd))
        )
    }

    fn check_empty_mapping(&self) -> bool {
        matches!(
            (self.peek(0), self.peek(1)),
            (Some(Event::MappingStart), Some(Event::MappingEnd))
        )
    }

    fn check_simple_key(&self) -> bool {
        match self.peek(0) {
            Some(Event::Scalar(..)) => !self.scalar.multiline && self.scalar.byte_len <= 128,
            Some(Event::SequenceStart) => self.check_empty_sequence(),
            Some(Event::MappingStart) => self.check_empty_mapping(),
            _ => false,
        }
    }

    fn select_scalar_style(&mut self, requested: Style) -> Style {
        let sd = &self.scalar;
        let mut style = requested;
        if self.simple_key_context && sd.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain {
            if (self.flow_level > 0 && !sd.flow_plain_allowed)
                || (self.flow_level == 0 && !sd.block_plain_allowed)
            {
                style = Style::SingleQuoted;
            }
            if sd.value.is_empty() && (self.flow_level > 0 || self.simple_key_context) {
                style = Style::SingleQuoted;
            }
        }
        if style == Style::SingleQuoted && !sd.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        if style == Style::Literal
            && (!sd.block_allowed || self.flow_level > 0 || self.simple_key_context)
        {
            style = Style::DoubleQuoted;
        }
        style
    }

    fn emit_scalar(&mut self, requested: Style) {
        let style = self.select_scalar_style(requested);
        self.scalar.style = Some(style);
        self.increase_indent(true, false);
        let value = std::mem::take(&mut self.scalar.value);
        let allow_breaks = !self.simple_key_context;
        match style {
            Style::Plain => self.write_plain_scalar(&value, allow_breaks),
            Style::SingleQuoted => self.write_single_quoted_scalar(&value, allow_breaks),
            Style::DoubleQuoted => self.write_double_quoted_scalar(&value, allow_breaks),
            Style::Literal => self.write_literal_scalar(&value),
        }
        self.pop_indent();
        self.pop_state();
    }

    fn write_plain_scalar(&mut self, value: &[char], allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        let mut breaks = false;
        let n = value.len();
        let mut i = 0;
        while i < n {
            let c = value[i];
            if c == ' ' {
                let next_is_space = value.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > self.best_width && !next_is_space {
                    self.write_indent();
                } else {
                    self.write_char(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.write_char(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
            i += 1;
        }
        self.whitespace = false;
        self.indention = false;
        if self.root_context {
            self.open_ended = true;
        }
    }

    fn write_single_quoted_scalar(&mut self, value: &[char], allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let n = value.len();
        let mut i = 0;
        while i < n {
            let c = value[i];
            if c == ' ' {
                let next_is_space = value.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && i > 0
                    && i + 1 < n
                    && !next_is_space
                {
                    self.write_indent();
                } else {
                    self.write_char(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.write_char(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
            i += 1;
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted_scalar(&mut self, value: &[char], allow_breaks: bool) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        // libyaml's is_bom looks at the start of the value, not at the current character, so
        // a value starting with U+FEFF has every character escaped.
        let starts_with_bom = value.first() == Some(&'\u{FEFF}');
        let n = value.len();
        let mut i = 0;
        while i < n {
            let c = value[i];
            if !is_printable(c) || starts_with_bom || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let v = c as u32;
                match v {
                    0x00 => self.put('0'),
                    0x07 => self.put('a'),
                    0x08 => self.put('b'),
                    0x09 => self.put('t'),
                    0x0A => self.put('n'),
                    0x0B => self.put('v'),
                    0x0C => self.put('f'),
                    0x0D => self.put('r'),
                    0x1B => self.put('e'),
                    0x22 => self.put('"'),
                    0x5C => self.put('\\'),
                    0x85 => self.put('N'),
                    0xA0 => self.put('_'),
                    0x2028 => self.put('L'),
                    0x2029 => self.put('P'),
                    _ => {
                        let width = if v <= 0xFF {
                            self.put('x');
                            2
                        } else if v <= 0xFFFF {
                            self.put('u');
                            4
                        } else {
                            self.put('U');
                            8
                        };
                        for k in (0..width).rev() {
                            let digit = (v >> (k * 4)) & 0xF;
                            self.put(char::from(HEX[digit as usize]));
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > self.best_width && i > 0 && i + 1 < n {
                    self.write_indent();
                    if value.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.write_char(c);
                }
                spaces = true;
            } else {
                self.write_char(c);
                spaces = false;
            }
            i += 1;
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_block_scalar_hints(&mut self, value: &[char]) {
        if let Some(&first) = value.first() {
            if first == ' ' || is_break(first) {
                let hint = char::from(b'0' + self.best_indent as u8);
                self.write_indicator(&hint.to_string(), false, false, false);
            }
        }
        self.open_ended = false;
        let n = value.len();
        // '-' strips a missing final line break; '+' keeps more than one.
        let chomp = if n == 0 || !is_break(value[n - 1]) {
            Some('-')
        } else if n == 1 || is_break(value[n - 2]) {
            self.open_ended = true;
            Some('+')
        } else {
            None
        };
        if let Some(c) = chomp {
            self.write_indicator(&c.to_string(), false, false, false);
        }
    }

    fn write_literal_scalar(&mut self, value: &[char]) {
        self.write_indicator("|", true, false, false);
        self.write_block_scalar_hints(value);
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in value {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.write_char(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(s: &str) -> Value {
        serde_json::from_str(s).unwrap_or(Value::Null)
    }

    #[test]
    fn deployment_dry_run() {
        // `kubectl create deployment x --image=nginx --replicas=3 --dry-run=client -o yaml`
        let v = json!({
            "kind": "Deployment", "apiVersion": "apps/v1",
            "metadata": {"name": "x", "creationTimestamp": null, "labels": {"app": "x"}},
            "spec": {
                "replicas": 3,
                "selector": {"matchLabels": {"app": "x"}},
                "template": {
                    "metadata": {"creationTimestamp": null, "labels": {"app": "x"}},
                    "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}
                },
                "strategy": {}
            },
            "status": {}
        });
        let want = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: x
  name: x
spec:
  replicas: 3
  selector:
    matchLabels:
      app: x
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: x
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn pod_with_command() {
        // kubectl v1.31.9 `label --local -f pod.json run=x -o yaml` for the pod that
        // `kubectl run x --image=nginx --port=80 --command -- sleep 3600` makes.
        let v = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"creationTimestamp": null, "labels": {"run": "x"}, "name": "x"},
            "spec": {
                "containers": [{"command": ["sleep", "3600"], "image": "nginx", "name": "x",
                    "ports": [{"containerPort": 80}], "resources": {}}],
                "dnsPolicy": "ClusterFirst", "restartPolicy": "Always"
            },
            "status": {}
        });
        let want = "\
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - command:
    - sleep
    - \"3600\"
    image: nginx
    name: x
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn configmap_literals() {
        // `kubectl create configmap c --from-literal=a='yes' --from-literal=b='123'
        //  --from-literal=c=$'multi\nline' --dry-run=client -o yaml`
        let v = json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"creationTimestamp": null, "name": "c"},
            "data": {"a": "yes", "b": "123", "c": "multi\nline"}
        });
        let want = "\
apiVersion: v1
data:
  a: \"yes\"
  b: \"123\"
  c: |-
    multi
    line
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: c
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn secret_generic() {
        // `kubectl create secret generic s --from-literal=k=v --dry-run=client -o yaml`
        let v = json!({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {"creationTimestamp": null, "name": "s"},
            "data": {"k": "dg=="}
        });
        let want = "\
apiVersion: v1
data:
  k: dg==
kind: Secret
metadata:
  creationTimestamp: null
  name: s
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn long_plain_string_is_folded_after_column_80() {
        // `kubectl create configmap c --from-literal=a="$(printf 'word %.0s' {1..40})"`
        let words = "word ".repeat(40);
        let v = json!({"data": {"a": words}});
        let want = "\
data:
  a: 'word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word '
";
        assert_eq!(to_yaml(&v), want);
        let v = json!({"data": {"a": words.trim_end()}});
        let want = "\
data:
  a: word word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word word
    word word word word word word word word
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn key_order_is_go_yaml_order() {
        let v =
            json!({"item10": 1, "item9": 2, "aB": 3, "a_": 4, "b": 5, "A": 6, "a1": 7, "a01": 8});
        assert_eq!(
            to_yaml(&v),
            "A: 6\na_: 4\na1: 7\na01: 8\naB: 3\nb: 5\nitem9: 2\nitem10: 1\n"
        );
    }

    #[test]
    fn scalar_styles_match_kubectl() {
        // Each line checked against kubectl v1.31.9 (`label --local -f … -o yaml`).
        let cases: &[(&str, &str)] = &[
            ("", "\"\""),
            (" a", "' a'"),
            ("a ", "'a '"),
            ("- a", "'- a'"),
            ("-a", "-a"),
            (":a", ":a"),
            (": a", "': a'"),
            ("a: b", "'a: b'"),
            ("a:b", "a:b"),
            ("a #b", "'a #b'"),
            ("a#b", "a#b"),
            ("#a", "'#a'"),
            ("yes", "\"yes\""),
            ("No", "\"No\""),
            ("on", "\"on\""),
            ("~", "\"~\""),
            ("null", "\"null\""),
            ("3600", "\"3600\""),
            ("1e3", "\"1e3\""),
            ("0x1F", "\"0x1F\""),
            ("08", "\"08\""),
            ("1:20", "\"1:20\""),
            ("2024-07-15T10:02:11Z", "\"2024-07-15T10:02:11Z\""),
            ("2024-07-15", "\"2024-07-15\""),
            ("2024-02-30", "2024-02-30"),
            ("tab\there", "\"tab\\there\""),
            ("emoji 😀", "\"emoji \\U0001F600\""),
            ("é", "é"),
            ("quote's", "quote's"),
            ("\"dq\"", "'\"dq\"'"),
            ("back\\slash", "back\\slash"),
            ("0xffffffffffffffffffff", "0xffffffffffffffffffff"),
            (".5", "\".5\""),
            (".5e400", ".5e400"),
            ("1e400", "1e400"),
            ("1_000", "\"1_000\""),
            ("+1", "\"+1\""),
            ("-", "'-'"),
            ("?", "'?'"),
            ("? a", "'? a'"),
            ("a?", "a?"),
            ("[a]", "'[a]'"),
            ("a,b", "a,b"),
            ("---", "'---'"),
            ("--- a", "'--- a'"),
            ("...", "'...'"),
            ("@x", "'@x'"),
            ("`x", "'`x'"),
            ("%x", "'%x'"),
            ("!x", "'!x'"),
            ("&x", "'&x'"),
            ("*x", "'*x'"),
            ("|x", "'|x'"),
            (">x", "'>x'"),
            ("y", "\"y\""),
            ("Y", "\"Y\""),
            ("n", "\"n\""),
            ("<<", "<<"),
            ("=", "="),
            (".", "."),
            ("0o17", "\"0o17\""),
            ("0b101", "\"0b101\""),
            ("-0b101", "\"-0b101\""),
            ("+.inf", "\"+.inf\""),
            (".NaN", "\".NaN\""),
            ("0", "\"0\""),
            ("-0", "\"-0\""),
            ("00", "\"00\""),
            ("1.", "\"1.\""),
            ("-.5", "\"-.5\""),
            ("a\u{2028}b", "'a\u{2028}  b'"),
            ("\u{a0}x", "\u{a0}x"),
            ("x\u{a0}", "x\u{a0}"),
            ("\u{feff}xy", "\"\\uFEFF\\x78\\x79\""),
            ("a\u{feff}x", "\"a\\uFEFFx\""),
            ("a \nb", "\"a \\nb\""),
        ];
        for (input, want) in cases {
            let got = to_yaml(&json!([input]));
            assert_eq!(got, format!("- {want}\n"), "input {input:?}");
        }
    }

    #[test]
    fn keys_that_need_quotes_or_complex_form() {
        // Checked against kubectl v1.31.9.
        let v = json!({"y": 1, "n": 2, "Y": 3, "yes": 4, "on": 5, "x": 6, "": 7});
        assert_eq!(
            to_yaml(&v),
            "\"\": 7\n\"Y\": 3\n\"n\": 2\n\"on\": 5\nx: 6\n\"y\": 1\n\"yes\": 4\n"
        );
        let long_key = "k".repeat(129);
        let v = json!({"v": {
            long_key.clone(): "v",
            "a\nb": [1],
            "x": [
                "tab\there and a long string that goes past the eighty column limit for sure, yes it does  two spaces",
                "it's a long string that goes past the eighty column limit for sure, yes it does: colon"
            ],
            "z": [["0b-1", "a\u{85}b", "c \u{85} \u{85}d"]]
        }});
        let want = format!(
            "\
v:
  ? |-
    a
    b
  : - 1
  ? {long_key}
  : v
  x:
  - \"tab\\there and a long string that goes past the eighty column limit for sure,
    yes it does  two spaces\"
  - 'it''s a long string that goes past the eighty column limit for sure, yes it does:
    colon'
  z:
  - - \"0b-1\"
    - a b
    - |-
      c
      d
"
        );
        assert_eq!(to_yaml(&v), want);
        // 128 bytes is still a simple key.
        let key = "k".repeat(128);
        assert_eq!(to_yaml(&json!({key.clone(): 1})), format!("{key}: 1\n"));
    }

    #[test]
    fn literal_block_chomping() {
        let v = json!(["a\nb", "a\nb\n", "a\nb\n\n", "\na", " a\nb"]);
        let want = "\
- |-
  a
  b
- |
  a
  b
- |+
  a
  b

- |2-

  a
- |2-
   a
  b
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn numbers_and_scalars() {
        let v = parse(
            r#"{"a": 1, "b": -2, "c": 2.5, "d": 1.0, "e": 1e21, "f": 1234567.5, "g": 0.0001,
               "h": 0.00001, "i": 100000.5, "j": 18446744073709551615, "k": true, "l": null,
               "m": 1e20, "o": -0.0}"#,
        );
        let want = "\
a: 1
b: -2
c: 2.5
d: 1
e: 1e+21
f: 1.2345675e+06
g: 0.0001
h: 1e-05
i: 100000.5
j: 18446744073709551615
k: true
l: null
m: 1e+20
o: 0
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn nesting_shapes() {
        let v = json!({
            "empty_list": [], "empty_map": {}, "list_of_lists": [[1, 2], [], [[3]]],
            "list_of_maps": [{"a": 1, "b": [1]}, {}], "nested": {"x": {"w": "z"}}
        });
        let want = "\
empty_list: []
empty_map: {}
list_of_lists:
- - 1
  - 2
- []
- - - 3
list_of_maps:
- a: 1
  b:
  - 1
- {}
nested:
  x:
    w: z
";
        assert_eq!(to_yaml(&v), want);
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!([])), "[]\n");
        assert_eq!(to_yaml(&json!(null)), "null\n");
        assert_eq!(to_yaml(&json!("x")), "x\n");
        assert_eq!(to_yaml(&json!("a\nb")), "|-\n  a\n  b\n");
    }
}

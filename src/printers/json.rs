//! `kubectl -o json`: Go's `json.MarshalIndent(obj, "", "    ")` plus a final newline.
//!
//! Keys are printed in the order the map iterates. kubectl keeps Go struct field order for
//! typed objects (and sorted order for unstructured ones); putting the keys in that order is
//! the caller's job.
//!
//! Strings are escaped as Go's `encoding/json` does (Go 1.22+, which kubectl v1.31 is built
//! with): `"` and `\` with a backslash; `\b`, `\f`, `\n`, `\r`, `\t` in short form; other
//! control characters below U+0020 as `\u00XX` (lower-case hex); the HTML-sensitive `<`, `>`
//! and `&` as `\u003c`, `\u003e`, `\u0026`; U+2028 and U+2029 as `\u2028` and `\u2029`.
//! Everything else, DEL and non-ASCII included, is printed as is.
//!
//! Floats follow Go too: integral values print without a fraction (`3`, not `3.0`), and
//! values below 1e-6 or from 1e21 up use exponents like `1e-7` and `1e+21`.

use serde_json::{Number, Value};

/// Formats `v` as `kubectl -o json` prints it, ending with a newline.
pub fn to_json(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn write_value(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_json_number(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                indent(out, level + 1);
                write_value(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                indent(out, level + 1);
                write_string(out, k);
                out.push_str(": ");
                write_value(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push('}');
        }
    }
}

/// Writes `s` as a JSON string literal, escaped as Go's `encoding/json` does with
/// HTML escaping on (the default).
fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{00}'..='\u{1F}' => {
                let b = c as u32;
                out.push_str("\\u00");
                out.push(char::from(HEX[((b >> 4) & 0xF) as usize]));
                out.push(char::from(HEX[(b & 0xF) as usize]));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// A number as Go's `encoding/json` prints it.
pub(crate) fn go_json_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) => go_json_float(f),
        None => n.to_string(),
    }
}

/// The shortest decimal digits of a finite float and the position of the decimal point
/// relative to them (`0.0123` → `("123", -1)`, `1500.0` → `("15", 4)`), like Go's
/// `decimalSlice` `d` and `dp`. Zero gives `("0", 1)`.
pub(crate) fn shortest_digits(f: f64) -> (String, i64) {
    if f == 0.0 {
        return ("0".to_string(), 1);
    }
    // `{:e}` prints the shortest round-trip digits, like Go's shortest formatting.
    let e = format!("{:e}", f.abs());
    let (mant, exp) = match e.split_once('e') {
        Some(parts) => parts,
        None => (e.as_str(), "0"),
    };
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let exp: i64 = exp.parse().unwrap_or(0);
    (digits.to_string(), exp + 1)
}

/// Go `strconv` `%e` layout of shortest digits: `d[.ddd]e±XX` (at least two exponent digits).
pub(crate) fn fmt_e(neg: bool, digits: &str, dp: i64) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let mut chars = digits.chars();
    s.push(chars.next().unwrap_or('0'));
    let rest: String = chars.collect();
    if !rest.is_empty() {
        s.push('.');
        s.push_str(&rest);
    }
    let exp = if digits == "0" { 0 } else { dp - 1 };
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        s.push('0');
    }
    s.push_str(&a.to_string());
    s
}

/// Go `strconv` `%f` layout of shortest digits, with exactly the digits needed.
pub(crate) fn fmt_f(neg: bool, digits: &str, dp: i64) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let nd = digits.len() as i64;
    if dp <= 0 {
        s.push('0');
    } else {
        for i in 0..dp {
            s.push(
                digits
                    .as_bytes()
                    .get(i as usize)
                    .map_or('0', |&b| char::from(b)),
            );
        }
    }
    let frac = (nd - dp).max(0);
    if frac > 0 {
        s.push('.');
        for i in 0..frac {
            let idx = dp + i;
            if idx < 0 {
                s.push('0');
            } else {
                s.push(
                    digits
                        .as_bytes()
                        .get(idx as usize)
                        .map_or('0', |&b| char::from(b)),
                );
            }
        }
    }
    s
}

/// Go `encoding/json` float64 formatting: `strconv.FormatFloat(f, 'f', -1, 64)`, or `'e'` for
/// magnitudes below 1e-6 or from 1e21 up, with `e-07` shortened to `e-7`.
pub(crate) fn go_json_float(f: f64) -> String {
    if !f.is_finite() {
        // Go refuses to encode these; JSON has no spelling for them.
        return "null".to_string();
    }
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let mut s = fmt_e(neg, &digits, dp);
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            s.remove(n - 2);
        }
        s
    } else {
        fmt_f(neg, &digits, dp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pod_matches_kubectl() {
        // kubectl v1.31.9 `label --local -f pod.json run=x -o json` (an unstructured object,
        // so kubectl's keys are sorted too).
        let v: Value = serde_json::from_str(
            r#"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null,"labels":{"run":"x"}},"spec":{"containers":[{"name":"x","image":"nginx","command":["sleep","3600"],"resources":{},"ports":[{"containerPort":80}]}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},"status":{}}"#,
        )
        .unwrap_or(Value::Null);
        let want = r#"{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "creationTimestamp": null,
        "labels": {
            "run": "x"
        },
        "name": "x"
    },
    "spec": {
        "containers": [
            {
                "command": [
                    "sleep",
                    "3600"
                ],
                "image": "nginx",
                "name": "x",
                "ports": [
                    {
                        "containerPort": 80
                    }
                ],
                "resources": {}
            }
        ],
        "dnsPolicy": "ClusterFirst",
        "restartPolicy": "Always"
    },
    "status": {}
}
"#;
        assert_eq!(to_json(&v), want);
    }

    #[test]
    fn empty_containers_and_scalars() {
        assert_eq!(to_json(&json!({})), "{}\n");
        assert_eq!(to_json(&json!([])), "[]\n");
        assert_eq!(to_json(&json!(null)), "null\n");
        assert_eq!(
            to_json(&json!({"a": [], "b": {}, "c": [[]], "d": true, "e": -5})),
            "{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n        []\n    ],\n    \"d\": true,\n    \"e\": -5\n}\n"
        );
    }

    #[test]
    fn string_escapes_match_go() {
        // Checked against kubectl v1.31.9 `create configmap --from-literal=v=… -o json`.
        let v = json!({"v": "<a href=\"x\">&amp;</a> \\ \u{7f} é 😀 \u{2028}\u{2029} \t\n\r\u{8}\u{c}\u{1}\u{1b}"});
        assert_eq!(
            to_json(&v),
            "{\n    \"v\": \"\\u003ca href=\\\"x\\\"\\u003e\\u0026amp;\\u003c/a\\u003e \\\\ \u{7f} é 😀 \\u2028\\u2029 \\t\\n\\r\\b\\f\\u0001\\u001b\"\n}\n"
        );
    }

    #[test]
    fn numbers_match_go() {
        let cases: &[(Value, &str)] = &[
            (json!(0), "0"),
            (json!(-1), "-1"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(i64::MIN), "-9223372036854775808"),
            (json!(1.0), "1"),
            (json!(-0.0), "-0"),
            (json!(2.5), "2.5"),
            (json!(0.1), "0.1"),
            (json!(100.0), "100"),
            (json!(1234567.5), "1234567.5"),
            (json!(1e20), "100000000000000000000"),
            (json!(1e21), "1e+21"),
            (json!(1.5e300), "1.5e+300"),
            (json!(0.000001), "0.000001"),
            (json!(1e-7), "1e-7"),
            (json!(1.25e-10), "1.25e-10"),
            (json!(-3e-100), "-3e-100"),
            (json!(123456789.125), "123456789.125"),
        ];
        for (v, want) in cases {
            assert_eq!(to_json(v), format!("{want}\n"), "{v:?}");
        }
    }
}

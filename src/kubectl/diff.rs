//! `kubectl diff -f FILE`: what applying the files would change. For each object, the live
//! version and the one a server-side dry run of `apply` returns are written out as YAML and
//! compared as `diff -u -N` does (kubectl runs the external `diff` on two temporary
//! directories). Exit status: 0 no differences, 1 differences, 2 or more an error.

use serde_json::Value;

use super::apply;
use super::builder::{self, Accept, DryRun, Output};
use super::flags::Parsed;
use super::Ctx;
use crate::printers;
use crate::shell::Io;
use crate::sim::clock::{civil, TimeMs};

/// Lines of context around a change.
const CONTEXT: usize = 3;
/// Beyond this many lines on both sides, the files are compared as wholly different.
const MAX_LINES: usize = 4_000;

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let stdin = io.take_stdin();
    let (targets, read_errs) = match builder::targets(ctx, p, &stdin, &[], Accept::default()) {
        Ok(t) => t,
        Err(e) => return builder::report(io, &e) + 1,
    };
    let now = ctx.cluster.now();
    // The two temporary directories kubectl makes (`os.MkdirTemp("", "LIVE-")`).
    let mut rng = crate::sim::rng::Rng::new(now as u64 ^ 0x6b75_6265);
    let live_dir = format!("/tmp/LIVE-{}", 1_000_000_000 + rng.range(0, 999_999_999));
    let merged_dir = format!("/tmp/MERGED-{}", 1_000_000_000 + rng.range(0, 999_999_999));
    let mut errs = vec![];
    let mut differ = false;
    let show_managed = p.get_bool("show-managed-fields");
    for t in &targets {
        let Some(obj) = t.obj.clone() else { continue };
        let live = ctx.cluster.api.get(t.rt, &t.namespace, &t.name).ok();
        let mut scratch = Io::new(String::new());
        ctx.cluster.controllers_catch_up();
        let merged = match apply::apply_one(
            ctx,
            &mut scratch,
            t,
            obj,
            DryRun::Server,
            &Output::Yaml,
            super::field_validation::mode(p),
        ) {
            Ok(m) => m,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        let (mut live, mut merged) = (live, merged);
        mask_secrets(live.as_mut(), &mut merged);
        let render = |o: &Value| {
            let mut o = o.clone();
            if !show_managed {
                if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("managedFields");
                }
            }
            printers::yaml::to_yaml(&o)
        };
        let left = live.as_ref().map(render).unwrap_or_default();
        let right = render(&merged);
        if left == right {
            continue;
        }
        differ = true;
        let file = format!(
            "{}.{}.{}.{}",
            t.rt.api_version().replace('/', "."),
            t.rt.kind,
            if t.namespace.is_empty() {
                String::new()
            } else {
                format!("{}.", t.namespace)
            },
            t.name
        )
        .replace("..", ".");
        let (a, b) = (format!("{live_dir}/{file}"), format!("{merged_dir}/{file}"));
        let stamp = |present: bool| {
            if present {
                file_time(now)
            } else {
                "1970-01-01 00:00:00.000000000 +0000".to_string()
            }
        };
        io.out(format!(
            "diff -u -N {a} {b}\n--- {a}\t{}\n+++ {b}\t{}\n",
            stamp(live.is_some()),
            stamp(true)
        ));
        io.out(unified(&left, &right));
    }
    let mut all = read_errs;
    all.extend(errs);
    if !all.is_empty() {
        // kubectl's own errors exit with 1 + 1.
        return builder::report(io, &all) + 1;
    }
    i32::from(differ)
}

/// kubectl diff masks a Secret's values (`diff.Masker`): `***` when the two sides agree,
/// `*** (before)` and `*** (after)` when a value changes.
fn mask_secrets(live: Option<&mut Value>, merged: &mut Value) {
    let is_secret = |o: &Value| o.get("kind").and_then(Value::as_str) == Some("Secret");
    if !is_secret(merged) {
        return;
    }
    let mut live = live.filter(|l| is_secret(l));
    for key in ["data", "stringData"] {
        let before: serde_json::Map<String, Value> = live
            .as_deref()
            .and_then(|l| l.get(key))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let after: serde_json::Map<String, Value> = merged
            .get(key)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mask = |m: &mut serde_json::Map<String, Value>,
                    other: &serde_json::Map<String, Value>,
                    tag: &str| {
            for (k, v) in m.iter_mut() {
                let changed = other.get(k).is_some_and(|o| o != v);
                *v = Value::String(if changed {
                    format!("*** ({tag})")
                } else {
                    "***".into()
                });
            }
        };
        if let Some(m) = merged.get_mut(key).and_then(Value::as_object_mut) {
            mask(m, &before, "after");
        }
        if let Some(m) = live
            .as_deref_mut()
            .and_then(|l| l.get_mut(key))
            .and_then(Value::as_object_mut)
        {
            mask(m, &after, "before");
        }
    }
}

/// GNU diff's file time: `2026-11-21 12:40:33.000000000 +0000`.
fn file_time(t: TimeMs) -> String {
    let c = civil(t);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:09} +0000",
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        t.rem_euclid(1000) * 1_000_000
    )
}

/// One line of an edit script.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Add,
}

/// The edit script from `a` to `b` through their longest common subsequence.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n > MAX_LINES || m > MAX_LINES {
        let mut ops = vec![Op::Del; n];
        ops.extend(std::iter::repeat_n(Op::Add, m));
        return ops;
    }
    // lcs[i][j]: the LCS length of a[i..] and b[j..].
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)].saturating_add(1)
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            ops.push(Op::Add);
            j += 1;
        } else {
            ops.push(Op::Del);
            i += 1;
        }
    }
    // diff prints a change's deletions before its additions.
    let mut k = 0;
    while k < ops.len() {
        if ops[k] == Op::Same {
            k += 1;
            continue;
        }
        let start = k;
        while k < ops.len() && ops[k] != Op::Same {
            k += 1;
        }
        // (A count, not a sort: a sort would bring its own code into the download.)
        let dels = ops[start..k].iter().filter(|o| **o == Op::Del).count();
        for (n, o) in ops[start..k].iter_mut().enumerate() {
            *o = if n < dels { Op::Del } else { Op::Add };
        }
    }
    ops
}

/// The hunks of `diff -u` between two texts.
fn unified(left: &str, right: &str) -> String {
    let a: Vec<&str> = left.lines().collect();
    let b: Vec<&str> = right.lines().collect();
    let ops = edit_script(&a, &b);
    // Positions in `a` and `b` before each op.
    let mut pos = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0, 0);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Del => i += 1,
            Op::Add => j += 1,
        }
    }
    pos.push((i, j));
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Same).collect();
    let mut out = String::new();
    let mut k = 0;
    while k < changed.len() {
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + 1 + CONTEXT).min(ops.len());
        let (a0, b0) = pos[start];
        let (a1, b1) = pos[end];
        let range = |s: usize, len: usize| match len {
            0 => format!("{s},0"),
            1 => format!("{}", s + 1),
            _ => format!("{},{len}", s + 1),
        };
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a0, a1 - a0),
            range(b0, b1 - b0)
        ));
        for (op, &(ai, bj)) in ops[start..end].iter().zip(&pos[start..end]) {
            match op {
                Op::Same => out.push_str(&format!(" {}\n", a[ai])),
                Op::Del => out.push_str(&format!("-{}\n", a[ai])),
                Op::Add => out.push_str(&format!("+{}\n", b[bj])),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_hunks_as_gnu_diff() {
        let a = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let b = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n";
        assert_eq!(
            unified(a, b),
            "@@ -2,9 +2,10 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n j\n+k\n"
        );
        assert_eq!(unified("", "x\ny\n"), "@@ -0,0 +1,2 @@\n+x\n+y\n");
        assert_eq!(
            unified(
                "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
                "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n"
            ),
            "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n"
        );
    }
}

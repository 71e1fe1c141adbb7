//! cobra's "Did you mean this?" suggestions for unknown commands, as kubectl
//! v1.31 prints them.
//!
//! cobra (`Command.SuggestionsFor`) walks the *available* subcommands in the
//! order they were added (not sorted) and suggests a command when
//! * the case-insensitive Levenshtein distance (on bytes) between the typed
//!   word and the command name is <= 2, or
//! * the lower-cased name starts with the lower-cased typed word, or
//! * the typed word equals (case-folded) one of the command's `SuggestFor`
//!   words (kubectl: `get` and `wait` suggest themselves for `list` / `ps`,
//!   `delete` for `rm`).
//!
//! A command matching both a distance/prefix rule and a `SuggestFor` word is
//! listed twice, exactly as cobra does.

use super::flags::go_quote;

/// kubectl v1.31's top-level commands in cobra's insertion order (the order
/// suggestions are printed in).  Hidden/unavailable ones are left out:
/// `alpha` (no alpha subcommands in this build), `help`, `__complete`,
/// `__completeNoDesc`.
pub const KUBECTL_COMMANDS: &[&str] = &[
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "config",
    "plugin",
    "version",
    "api-versions",
    "api-resources",
    "options",
];

/// `SuggestFor` words of kubectl commands (cobra `Command.SuggestFor`).
pub const KUBECTL_SUGGEST_FOR: &[(&str, &[&str])] = &[
    ("get", &["list", "ps"]),
    ("delete", &["rm"]),
    ("wait", &["list", "ps"]),
];

/// cobra's `SuggestionsFor(typed)` over `commands` (in the given order),
/// using kubectl's `SuggestFor` table for commands named in it.
pub fn suggestions(typed: &str, commands: &[&str]) -> Vec<String> {
    let typed_lower = go_to_lower(typed);
    let mut out = Vec::new();
    for &cmd in commands {
        let cmd_lower = go_to_lower(cmd);
        let by_distance = levenshtein(typed_lower.as_bytes(), cmd_lower.as_bytes()) <= 2;
        let by_prefix = cmd_lower.starts_with(&typed_lower);
        if by_distance || by_prefix {
            out.push(cmd.to_string());
        }
        for (name, words) in KUBECTL_SUGGEST_FOR {
            if *name == cmd {
                for w in words.iter() {
                    if go_equal_fold(typed, w) {
                        out.push(cmd.to_string());
                    }
                }
            }
        }
    }
    out
}

/// What kubectl prints to stderr (exit code 1) for `kubectl <typed>` when
/// `typed` is not a command, e.g.
/// `error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n`.
pub fn unknown_command_message(typed: &str, commands: &[&str]) -> String {
    unknown_command_message_for(typed, "kubectl", commands)
}

/// [`unknown_command_message`] for another cobra command path.
pub fn unknown_command_message_for(typed: &str, command_path: &str, commands: &[&str]) -> String {
    let mut msg = format!(
        "error: unknown command {} for {}",
        go_quote(typed),
        go_quote(command_path)
    );
    let sugg = suggestions(typed, commands);
    if !sugg.is_empty() {
        msg.push_str("\n\nDid you mean this?\n");
        for s in &sugg {
            msg.push('\t');
            msg.push_str(s);
            msg.push('\n');
        }
    }
    if !msg.ends_with('\n') {
        msg.push('\n');
    }
    msg
}

/// cobra's `ld`: Levenshtein distance over bytes.
fn levenshtein(s: &[u8], t: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=s.len()).collect();
    let mut cur: Vec<usize> = vec![0; s.len() + 1];
    for j in 1..=t.len() {
        cur[0] = j;
        for i in 1..=s.len() {
            cur[i] = if s[i - 1] == t[j - 1] {
                prev[i - 1]
            } else {
                prev[i].min(cur[i - 1]).min(prev[i - 1]) + 1
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[s.len()]
}

/// Go `strings.ToLower` (per-rune simple lowercase mapping).
fn go_to_lower(s: &str) -> String {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// Go `strings.EqualFold` (simple case folding; close enough for the ASCII
/// `SuggestFor` words, including the Kelvin sign / long s oddities).
fn go_equal_fold(a: &str, b: &str) -> bool {
    fn fold(c: char) -> char {
        match c {
            '\u{212a}' => 'k',
            '\u{17f}' => 's',
            '\u{212b}' => '\u{e5}',
            _ => c.to_lowercase().next().unwrap_or(c),
        }
    }
    let mut ai = a.chars().map(fold);
    let mut bi = b.chars().map(fold);
    loop {
        match (ai.next(), bi.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(typed: &str) -> String {
        unknown_command_message(typed, KUBECTL_COMMANDS)
    }

    #[test]
    fn matches_kubectl_output() {
        assert_eq!(
            msg("foo"),
            "error: unknown command \"foo\" for \"kubectl\"\n\nDid you mean this?\n\ttop\n"
        );
        assert_eq!(
            msg("gte"),
            "error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n"
        );
        assert_eq!(
            msg("pods"),
            "error: unknown command \"pods\" for \"kubectl\"\n\nDid you mean this?\n\tlogs\n"
        );
        assert_eq!(
            msg("delet"),
            "error: unknown command \"delet\" for \"kubectl\"\n\nDid you mean this?\n\tdelete\n"
        );
        assert_eq!(
            msg("xyzzy"),
            "error: unknown command \"xyzzy\" for \"kubectl\"\n"
        );
        assert_eq!(
            msg("a"),
            "error: unknown command \"a\" for \"kubectl\"\n\nDid you mean this?\n\tautoscale\n\tattach\n\tcp\n\tauth\n\tapply\n\tannotate\n\tapi-versions\n\tapi-resources\n"
        );
        assert_eq!(
            msg("de"),
            "error: unknown command \"de\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n\tdelete\n\tdescribe\n\tcp\n\tdebug\n"
        );
        assert_eq!(
            msg("c"),
            "error: unknown command \"c\" for \"kubectl\"\n\nDid you mean this?\n\tcreate\n\tcertificate\n\tcluster-info\n\tcordon\n\tcp\n\tcompletion\n\tconfig\n"
        );
        assert_eq!(
            msg("GET"),
            "error: unknown command \"GET\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n"
        );
        assert_eq!(
            msg("a\"b"),
            "error: unknown command \"a\\\"b\" for \"kubectl\"\n"
        );
        assert_eq!(
            msg("x\ty"),
            "error: unknown command \"x\\ty\" for \"kubectl\"\n"
        );
        assert_eq!(
            msg("\u{a0}"),
            "error: unknown command \"\\u00a0\" for \"kubectl\"\n\nDid you mean this?\n\tcp\n"
        );
    }

    #[test]
    fn suggest_for_words() {
        assert_eq!(
            suggestions("rm", KUBECTL_COMMANDS),
            vec!["run", "delete", "cp"]
        );
        assert_eq!(suggestions("list", KUBECTL_COMMANDS), vec!["get", "wait"]);
        assert_eq!(
            suggestions("ps", KUBECTL_COMMANDS),
            vec!["get", "cp", "wait"]
        );
        assert_eq!(
            suggestions("PS", KUBECTL_COMMANDS),
            vec!["get", "cp", "wait"]
        );
        assert_eq!(suggestions("alph", KUBECTL_COMMANDS), vec!["auth"]);
        assert_eq!(
            suggestions("opt", KUBECTL_COMMANDS),
            vec!["set", "get", "top", "cp", "options"]
        );
        assert!(suggestions("xyzzy", KUBECTL_COMMANDS).is_empty());
    }

    #[test]
    fn generic_command_lists_and_paths() {
        let subs = ["view", "set-context", "use-context", "get-contexts"];
        assert_eq!(suggestions("vew", &subs), vec!["view"]);
        assert_eq!(suggestions("use", &subs), vec!["use-context"]);
        assert_eq!(
            unknown_command_message_for("zz", "kubectl config", &subs),
            "error: unknown command \"zz\" for \"kubectl config\"\n"
        );
        // Empty input: every command is a prefix match.
        assert_eq!(suggestions("", &subs).len(), 4);
        assert_eq!(levenshtein(b"kitten", b"sitting"), 3);
        assert_eq!(levenshtein(b"", b"abc"), 3);
    }
}

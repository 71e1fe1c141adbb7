//! Shell builtins and the coreutils-like commands the shell provides itself.

pub(crate) mod arith;
mod awk;
mod core;
mod files;
mod grep;
mod jq;
mod sed;
mod text;

use super::{Io, Shell, System};
use crate::vfs::FsError;

/// Commands that are bash builtins (`type` says "is a shell builtin"; `which` finds nothing for
/// those that are not also in /usr/bin).
const SHELL_BUILTINS: &[&str] = &[
    "cd", "pwd", "echo", "printf", "true", "false", "exit", "logout", "export", "unset", "alias",
    "unalias", "history", "source", ".", "type", "read", "set", "shift", "return", "break",
    "continue", "let", "eval", "test", "[", "local", "declare", "typeset", "readonly", "command",
    "builtin", "hash", "wait", "jobs", "umask", ":", "times", "trap", "exec", "help", "complete",
    "shopt", "[[", "time",
];

/// Utilities the shell provides that live in /usr/bin on a real node.
const UTILITIES: &[&str] = &[
    "cat", "ls", "mkdir", "rmdir", "rm", "cp", "mv", "touch", "head", "tail", "wc", "grep",
    "egrep", "fgrep", "sort", "uniq", "cut", "tr", "sed", "awk", "base64", "tee", "seq", "date",
    "env", "printenv", "whoami", "hostname", "sleep", "clear", "which", "echo", "printf", "true",
    "false", "pwd", "test", "[", "basename", "dirname", "id", "uname", "bash", "sh", "realpath",
    "readlink", "nl", "rev", "tac", "xargs", "chmod", "chown", "find", "less", "more", "timeout",
    "sudo", "jq",
];

/// Every command name the shell runs itself (for completion).
pub(crate) fn all_names() -> impl Iterator<Item = &'static str> {
    SHELL_BUILTINS
        .iter()
        .chain(UTILITIES.iter())
        .copied()
        .filter(|n| *n != "help")
}

/// Is `name` a shell builtin?
pub(crate) fn is_shell_builtin(name: &str) -> bool {
    SHELL_BUILTINS.contains(&name) && name != "help"
}

/// Is `name` a utility the shell provides (found in /usr/bin)?
pub(crate) fn is_utility(name: &str) -> bool {
    UTILITIES.contains(&name)
}

/// Run a builtin or provided utility; None when `argv[0]` is neither.
pub(crate) fn run(
    sh: &mut Shell,
    sys: &mut dyn System,
    argv: &[String],
    io: &mut Io,
) -> Option<i32> {
    let name = argv.first()?.as_str();
    let args = &argv[1..];
    let st = match name {
        // Shell builtins.
        "cd" => core::cd(sh, sys, args, io),
        "pwd" => core::pwd(sh, args, io),
        "echo" => core::echo(args, io),
        "printf" => text::printf(sh, args, io),
        "true" | ":" => 0,
        "false" => 1,
        "exit" | "logout" => core::exit(sh, args, io),
        "export" | "declare" | "typeset" | "readonly" | "local" => core::export(sh, name, args, io),
        "unset" => core::unset(sh, args, io),
        "alias" => core::alias(sh, args, io),
        "unalias" => core::unalias(sh, args, io),
        "history" => core::history(sh, args, io),
        "source" | "." => core::source(sh, sys, name, args, io),
        "type" => core::type_(sh, sys, args, io),
        "read" => core::read(sh, args, io),
        "set" => core::set(sh, args, io),
        "shift" => core::shift(sh, args, io),
        "return" => core::return_(sh, args, io),
        "break" | "continue" => core::break_(sh, name, args, io),
        "let" => core::let_(sh, args, io),
        "eval" => core::eval(sh, sys, args, io),
        "test" | "[" | "[[" => core::test(sh, sys, name, args, io),
        "command" | "builtin" => core::command(sh, sys, name, args, io),
        "hash" | "wait" | "jobs" | "umask" | "times" | "trap" | "complete" | "shopt" => 0,
        "exec" => {
            if args.is_empty() {
                0
            } else {
                sh.dispatch(args, sys, io)
            }
        }
        // Utilities.
        "sleep" => core::sleep(sys, args, io),
        "clear" => {
            io.out(super::CLEAR_SEQUENCE);
            0
        }
        "which" => core::which(sys, args, io),
        "env" | "printenv" => core::env(sh, sys, name, args, io),
        "whoami" => {
            io.out("root\n");
            0
        }
        "id" => {
            io.out("uid=0(root) gid=0(root) groups=0(root)\n");
            0
        }
        "hostname" => {
            io.out(format!("{}\n", sys.hostname()));
            0
        }
        "uname" => core::uname(sys, args, io),
        "bash" | "sh" => core::bash(sh, sys, name, args, io),
        "date" => text::date(sys, args, io),
        "cat" | "less" | "more" => files::cat(sh, sys, args, io),
        "sudo" => {
            // The terminal is root already: run the command as is.
            let mut i = 0;
            while i < args.len() && args[i].starts_with('-') {
                if matches!(args[i].as_str(), "-u" | "-g" | "-C" | "-p") {
                    i += 1;
                }
                i += 1;
            }
            if i >= args.len() {
                if args.iter().any(|a| a == "-i" || a == "-s") {
                    0
                } else {
                    io.err("usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\nusage: sudo -e [-ABkNnS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n");
                    1
                }
            } else {
                sh.dispatch(&args[i..], sys, io)
            }
        }
        "time" => {
            let start = sys.now_ms();
            let st = if args.is_empty() {
                0
            } else {
                sh.dispatch(args, sys, io)
            };
            let ms = (sys.now_ms() - start).max(0);
            io.err(format!(
                "\nreal\t{}m{}.{:03}s\nuser\t0m0.000s\nsys\t0m0.000s\n",
                ms / 60_000,
                ms % 60_000 / 1000,
                ms % 1000
            ));
            st
        }
        "timeout" => {
            // timeout DURATION COMMAND...: commands here always finish in time.
            let rest: Vec<String> = args
                .iter()
                .skip_while(|a| a.starts_with('-'))
                .skip(1)
                .cloned()
                .collect();
            if rest.is_empty() {
                io.err("timeout: missing operand\nTry 'timeout --help' for more information.\n");
                125
            } else {
                sh.dispatch(&rest, sys, io)
            }
        }
        "ls" => files::ls(sh, sys, args, io),
        "mkdir" => files::mkdir(sh, sys, args, io),
        "rmdir" => files::rmdir(sh, sys, args, io),
        "rm" => files::rm(sh, sys, args, io),
        "cp" => files::cp(sh, sys, args, io),
        "mv" => files::mv(sh, sys, args, io),
        "touch" => files::touch(sh, sys, args, io),
        "basename" => files::basename(args, io),
        "dirname" => files::dirname(args, io),
        "realpath" | "readlink" => files::realpath(sh, sys, name, args, io),
        "chmod" | "chown" => files::chmod(sh, sys, name, args, io),
        "find" => files::find(sh, sys, args, io),
        "tee" => files::tee(sh, sys, args, io),
        "head" => text::head(sh, sys, args, io),
        "tail" => text::tail(sh, sys, args, io),
        "wc" => text::wc(sh, sys, args, io),
        "sort" => text::sort(sh, sys, args, io),
        "uniq" => text::uniq(sh, sys, args, io),
        "cut" => text::cut(sh, sys, args, io),
        "tr" => text::tr(args, io),
        "base64" => text::base64(sh, sys, args, io),
        "seq" => text::seq(args, io),
        "rev" | "tac" | "nl" => text::simple_filter(sh, sys, name, args, io),
        "xargs" => text::xargs(sh, sys, args, io),
        "grep" | "egrep" | "fgrep" => grep::grep(sh, sys, name, args, io),
        "jq" => jq::jq(sh, sys, args, io),
        "sed" => sed::sed(sh, sys, args, io),
        "awk" => awk::awk(sh, sys, args, io),
        _ => return None,
    };
    Some(st)
}

/// Parsed command-line options.
#[derive(Debug, Default)]
pub(crate) struct Opts {
    /// (name, value): short options by their letter, long ones by their short alias or full name.
    pub flags: Vec<(String, Option<String>)>,
    pub args: Vec<String>,
}

impl Opts {
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }
    /// The last value given for an option.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }
}

/// An option spec: short letters without argument, short letters with argument, long options
/// (long name, the name it is recorded as, takes an argument).
pub(crate) struct Spec<'a> {
    pub flags: &'a str,
    pub with_arg: &'a str,
    pub long: &'a [(&'a str, &'a str, bool)],
    /// Options may follow operands (GNU). False for commands whose operands may look like options.
    pub permute: bool,
}

/// GNU-style option parsing. Err: the message to print (already with the "Try" line).
pub(crate) fn getopt(cmd: &str, args: &[String], spec: &Spec) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut i = 0;
    let try_help = format!("Try '{cmd} --help' for more information.\n");
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            o.args.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, val) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            // Unique prefixes are accepted.
            let exact = spec.long.iter().find(|(l, _, _)| *l == name);
            let cands: Vec<_> = spec
                .long
                .iter()
                .filter(|(l, _, _)| l.starts_with(name))
                .collect();
            let found = exact.or(if cands.len() == 1 {
                Some(cands[0])
            } else {
                None
            });
            let Some((lname, rec, takes)) = found else {
                if cands.len() > 1 {
                    return Err(format!("{cmd}: option '--{name}' is ambiguous\n{try_help}"));
                }
                return Err(format!("{cmd}: unrecognized option '{a}'\n{try_help}"));
            };
            if *takes {
                let v = match val {
                    Some(v) => v,
                    None => {
                        if i < args.len() {
                            i += 1;
                            args[i - 1].clone()
                        } else {
                            return Err(format!(
                                "{cmd}: option '--{lname}' requires an argument\n{try_help}"
                            ));
                        }
                    }
                };
                o.flags.push((rec.to_string(), Some(v)));
            } else {
                if val.is_some() {
                    return Err(format!(
                        "{cmd}: option '--{lname}' doesn't allow an argument\n{try_help}"
                    ));
                }
                o.flags.push((rec.to_string(), None));
            }
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let cs: Vec<char> = a.chars().skip(1).collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                if spec.with_arg.contains(c) {
                    let v = if k < cs.len() {
                        let v: String = cs[k..].iter().collect();
                        k = cs.len();
                        v
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(format!(
                            "{cmd}: option requires an argument -- '{c}'\n{try_help}"
                        ));
                    };
                    o.flags.push((c.to_string(), Some(v)));
                } else if spec.flags.contains(c) {
                    o.flags.push((c.to_string(), None));
                } else {
                    return Err(format!("{cmd}: invalid option -- '{c}'\n{try_help}"));
                }
            }
            continue;
        }
        if spec.permute {
            o.args.push(a.clone());
        } else {
            o.args.push(a.clone());
            o.args.extend(args[i..].iter().cloned());
            break;
        }
    }
    Ok(o)
}

/// Read a file operand ("-" is standard input, which is consumed).
pub(crate) fn read_input(
    sh: &Shell,
    sys: &mut dyn System,
    name: &str,
    io: &mut Io,
) -> Result<String, FsError> {
    if name == "-" || name == "/dev/stdin" {
        return Ok(io.take_stdin());
    }
    if name == "/dev/null" {
        return Ok(String::new());
    }
    let path = crate::vfs::normalize(&sh.cwd, name);
    sys.fs().read(&path)
}

/// The lines of a text (without their newlines; a final newline does not start a new line).
pub(crate) fn lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.split('\n').collect();
    if s.ends_with('\n') || s.is_empty() {
        v.pop();
    }
    v
}

/// Join lines, each followed by a newline.
pub(crate) fn unlines<S: AsRef<str>>(v: &[S]) -> String {
    let mut out = String::new();
    for l in v {
        out.push_str(l.as_ref());
        out.push('\n');
    }
    out
}

/// Backslash escapes as `echo -e`, `printf` and `$'…'` understand them. Returns the text and
/// whether `\c` (stop output) was seen.
pub(crate) fn unescape_c(s: &str, echo: bool) -> (String, bool) {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c != '\\' || i + 1 >= cs.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let n = cs[i + 1];
        i += 2;
        match n {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'e' | 'E' => out.push('\x1b'),
            '\\' => out.push('\\'),
            '\'' if !echo => out.push('\''),
            '"' if !echo => out.push('"'),
            'c' if echo => return (out, true),
            'x' => {
                let mut v = 0u32;
                let mut k = 0;
                while k < 2 && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    k += 1;
                }
                if k == 0 {
                    out.push_str("\\x");
                } else if let Some(ch) = char::from_u32(v) {
                    out.push(ch);
                }
            }
            '0'..='7' => {
                // echo: \0NNN; printf/$'': \NNN
                let mut v = 0u32;
                let mut k = 0;
                let max = if echo && n == '0' { 3 } else { 2 };
                if !(echo && n == '0') {
                    v = n as u32 - '0' as u32;
                }
                if echo && n != '0' {
                    out.push('\\');
                    out.push(n);
                    continue;
                }
                while k < max && i < cs.len() && ('0'..='7').contains(&cs[i]) {
                    v = v * 8 + (cs[i] as u32 - '0' as u32);
                    i += 1;
                    k += 1;
                }
                if let Some(ch) = char::from_u32(v & 0xff) {
                    out.push(ch);
                }
            }
            'u' | 'U' => {
                let max = if n == 'u' { 4 } else { 8 };
                let mut v = 0u32;
                let mut k = 0;
                while k < max && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v
                        .saturating_mul(16)
                        .saturating_add(cs[i].to_digit(16).unwrap_or(0));
                    i += 1;
                    k += 1;
                }
                match char::from_u32(v) {
                    Some(ch) if k > 0 => out.push(ch),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

/// `'x'` quoting as coreutils uses in messages (`cannot access 'x'`): plain single quotes unless
/// the name needs escaping.
pub(crate) fn q(name: &str) -> String {
    if name.contains('\'') {
        format!("\"{name}\"")
    } else {
        format!("'{name}'")
    }
}

/// Locale quotes (‘x’) as some coreutils messages use.
pub(crate) fn lq(name: &str) -> String {
    format!("\u{2018}{name}\u{2019}")
}

//! Shell builtins: cd, echo, export, alias, history, source, type, read, test…

use super::{getopt, is_shell_builtin, is_utility, lq, Spec};
use crate::shell::parse::{self, is_keyword, is_name};
use crate::shell::{Flow, Io, Shell, System, Var};
use crate::vfs::normalize;

pub(super) fn cd(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let args: Vec<&String> = args.iter().filter(|a| *a != "-L" && *a != "-P").collect();
    if args.len() > 1 {
        io.err("bash: cd: too many arguments\n");
        return 1;
    }
    let mut print = false;
    let target = match args.first().map(|s| s.as_str()) {
        None | Some("~") => match sh.var("HOME") {
            Some(h) => h.to_string(),
            None => {
                io.err("bash: cd: HOME not set\n");
                return 1;
            }
        },
        Some("-") => match sh.var("OLDPWD") {
            Some(o) => {
                print = true;
                o.to_string()
            }
            None => {
                io.err("bash: cd: OLDPWD not set\n");
                return 1;
            }
        },
        Some(t) => t.to_string(),
    };
    if target.is_empty() {
        return 0;
    }
    let path = normalize(&sh.cwd, &target);
    let fs = sys.fs();
    if !fs.exists(&path) {
        io.err(format!("bash: cd: {target}: No such file or directory\n"));
        return 1;
    }
    if !fs.is_dir(&path) {
        io.err(format!("bash: cd: {target}: Not a directory\n"));
        return 1;
    }
    let old = sh.cwd.clone();
    sh.cwd = path.clone();
    sh.set_var("OLDPWD", &old);
    sh.set_var("PWD", &path);
    if print {
        io.out(format!("{path}\n"));
    }
    0
}

pub(super) fn pwd(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    if let Some(a) = args
        .iter()
        .find(|a| a.starts_with('-') && *a != "-L" && *a != "-P")
    {
        io.err(format!(
            "bash: pwd: {}: invalid option\npwd: usage: pwd [-LP]\n",
            &a[..a.len().min(2)]
        ));
        return 2;
    }
    io.out(format!("{}\n", sh.cwd));
    0
}

pub(super) fn echo(args: &[String], io: &mut Io) -> i32 {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
        {
            for c in a[1..].chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let text = args[i..].join(" ");
    if escapes {
        let (s, stop) = super::unescape_c(&text, true);
        io.out(&s);
        if stop {
            return 0;
        }
    } else {
        io.out(&text);
    }
    if newline {
        io.out("\n");
    }
    0
}

pub(super) fn exit(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    if args.len() > 1 {
        io.err("bash: exit: too many arguments\n");
        return 1;
    }
    let st = match args.first() {
        None => sh.status,
        Some(a) => match a.trim().parse::<i64>() {
            Ok(n) => (n & 255) as i32,
            Err(_) => {
                io.err(format!("bash: exit: {a}: numeric argument required\n"));
                2
            }
        },
    };
    sh.flow = Flow::Exit;
    sh.status = st;
    st
}

fn shell_quote_value(v: &str) -> String {
    // declare -x NAME="value" with \ " $ ` escaped.
    let mut s = String::new();
    for c in v.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

pub(super) fn export(sh: &mut Shell, name: &str, args: &[String], io: &mut Io) -> i32 {
    let mut export = name == "export";
    let mut unexport = false;
    let mut print = false;
    let mut func = false;
    let mut rest = Vec::new();
    for a in args {
        if rest.is_empty() && a.starts_with('-') && a.len() > 1 {
            for c in a[1..].chars() {
                match c {
                    'x' => export = true,
                    'n' => unexport = true,
                    'p' => print = true,
                    'f' | 'F' => func = true,
                    'r' | 'g' | 'i' | 'a' | 'A' | 'l' | 'u' | 't' => {}
                    _ => {
                        io.err(format!(
                            "bash: {name}: -{c}: invalid option\n{name}: usage: {}\n",
                            if name == "export" { "export [-fn] [name[=value] ...] or export -p" } else { "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [name ...]" }
                        ));
                        return 2;
                    }
                }
            }
        } else {
            rest.push(a.clone());
        }
    }
    if func {
        return 0;
    }
    if rest.is_empty() || (print && rest.is_empty()) {
        let only_exported = name == "export" || export;
        for (k, v) in &sh.vars {
            if only_exported && !v.exported {
                continue;
            }
            let flag = if v.exported { "-x" } else { "--" };
            io.out(format!(
                "declare {flag} {k}=\"{}\"\n",
                shell_quote_value(&v.value)
            ));
        }
        return 0;
    }
    let mut st = 0;
    for a in rest {
        let (n, val) = match a.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        let (n, append) = match n.strip_suffix('+') {
            Some(b) => (b.to_string(), true),
            None => (n, false),
        };
        if !is_name(&n) {
            io.err(format!("bash: {name}: `{a}': not a valid identifier\n"));
            st = 1;
            continue;
        }
        if print {
            match sh.vars.get(&n) {
                Some(v) => io.out(format!(
                    "declare {} {n}=\"{}\"\n",
                    if v.exported { "-x" } else { "--" },
                    shell_quote_value(&v.value)
                )),
                None => {
                    io.err(format!("bash: {name}: {n}: not found\n"));
                    st = 1;
                }
            }
            continue;
        }
        let cur = sh.vars.get(&n).cloned();
        let exported = if unexport {
            false
        } else {
            export || cur.as_ref().map(|v| v.exported).unwrap_or(false)
        };
        let value = match (val, &cur) {
            (Some(v), Some(c)) if append => format!("{}{v}", c.value),
            (Some(v), _) => v,
            (None, Some(c)) => c.value.clone(),
            (None, None) => {
                if export {
                    // `export X` with X unset: marked, shows up once set. Keep it simple: empty
                    // but not listed by env until set.
                    continue;
                }
                String::new()
            }
        };
        sh.vars.insert(n, Var { value, exported });
    }
    st
}

pub(super) fn unset(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    let mut funcs = false;
    let mut st = 0;
    for a in args {
        match a.as_str() {
            "-f" => funcs = true,
            "-v" => funcs = false,
            _ => {
                if funcs {
                    sh.functions.remove(a);
                } else if !is_name(a) {
                    io.err(format!("bash: unset: `{a}': not a valid identifier\n"));
                    st = 1;
                } else {
                    sh.vars.remove(a);
                    sh.functions.remove(a);
                }
            }
        }
    }
    st
}

/// Quote an alias value for `alias` listings.
fn squote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "'\\''"))
}

pub(super) fn alias(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    let args: Vec<&String> = args.iter().filter(|a| *a != "-p").collect();
    if args.is_empty() {
        for (k, v) in &sh.aliases {
            io.out(format!("alias {k}={}\n", squote(v)));
        }
        return 0;
    }
    let mut st = 0;
    for a in args {
        match a.split_once('=') {
            Some((n, v)) => {
                if n.is_empty() || n.contains(['/', '$', '`', '=', ' ', '\'', '"']) {
                    io.err(format!("bash: alias: `{n}': invalid alias name\n"));
                    st = 1;
                } else {
                    sh.aliases.insert(n.to_string(), v.to_string());
                }
            }
            None => match sh.aliases.get(a.as_str()) {
                Some(v) => io.out(format!("alias {a}={}\n", squote(v))),
                None => {
                    io.err(format!("bash: alias: {a}: not found\n"));
                    st = 1;
                }
            },
        }
    }
    st
}

pub(super) fn unalias(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() {
        io.err("unalias: usage: unalias [-a] name [name ...]\n");
        return 2;
    }
    let mut st = 0;
    for a in args {
        if a == "-a" {
            sh.aliases.clear();
        } else if sh.aliases.remove(a.as_str()).is_none() {
            io.err(format!("bash: unalias: {a}: not found\n"));
            st = 1;
        }
    }
    st
}

pub(super) fn history(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    let mut count: Option<usize> = None;
    for a in args {
        match a.as_str() {
            "-c" => {
                sh.history.clear();
                return 0;
            }
            "-w" | "-a" | "-r" | "-n" => return 0,
            _ => match a.parse::<usize>() {
                Ok(n) => count = Some(n),
                Err(_) => {
                    if a.starts_with('-') {
                        io.err(format!(
                            "bash: history: {a}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n"
                        ));
                        return 2;
                    }
                    io.err(format!("bash: history: {a}: numeric argument required\n"));
                    return 1;
                }
            },
        }
    }
    let n = sh.history.len();
    let start = count.map(|c| n.saturating_sub(c)).unwrap_or(0);
    let mut out = String::new();
    for (i, h) in sh.history.iter().enumerate().skip(start) {
        out.push_str(&format!("{:>5}  {h}\n", i + sh.history_base));
    }
    io.out(out);
    0
}

pub(super) fn source(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let Some(file) = args.first() else {
        io.err(format!("bash: {name}: filename argument required\n{name}: usage: {name} filename [arguments]\n"));
        return 2;
    };
    let path = normalize(&sh.cwd, file);
    match sys.fs().read(&path) {
        // Completion scripts (`source <(kubectl completion bash)`): Tab completion is built in.
        Ok(src) if file.starts_with("/dev/fd/") && parse::parse(&src, &sh.aliases).is_err() => 0,
        Ok(src) => sh.source(file, &src, &args[1..], sys, io),
        Err(e) => {
            io.err(format!("bash: {file}: {e}\n"));
            1
        }
    }
}

pub(super) fn type_(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut terse = false;
    let mut path_only = false;
    let mut st = 0;
    for a in args {
        match a.as_str() {
            "-t" => {
                terse = true;
                continue;
            }
            "-p" | "-P" => {
                path_only = true;
                continue;
            }
            "-a" | "-f" => continue,
            _ => {}
        }
        let kind: Option<(&str, String)> = if path_only {
            None
        } else if let Some(v) = sh.aliases.get(a.as_str()) {
            Some(("alias", format!("{a} is aliased to `{v}'")))
        } else if is_keyword(a) {
            Some(("keyword", format!("{a} is a shell keyword")))
        } else if sh.functions.contains_key(a.as_str()) {
            Some(("function", format!("{a} is a function")))
        } else if is_shell_builtin(a) {
            Some(("builtin", format!("{a} is a shell builtin")))
        } else {
            None
        };
        let kind = kind.or_else(|| {
            if is_utility(a) || sys.has_external(a) {
                Some((
                    "file",
                    if path_only {
                        format!("/usr/bin/{a}")
                    } else {
                        format!("{a} is /usr/bin/{a}")
                    },
                ))
            } else {
                None
            }
        });
        match kind {
            Some((t, msg)) => io.out(format!("{}\n", if terse { t.to_string() } else { msg })),
            None => {
                if !terse && !path_only {
                    io.err(format!("bash: type: {a}: not found\n"));
                }
                st = 1;
            }
        }
    }
    st
}

pub(super) fn read(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    let mut raw = false;
    let mut names = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-r" => raw = true,
            "-s" | "-e" => {}
            "-p" | "-t" | "-n" | "-d" | "-u" => {
                i += 1;
            }
            _ if a.starts_with('-') && a.len() > 1 && names.is_empty() => {
                if a.contains('r') {
                    raw = true;
                }
            }
            _ => {
                if !is_name(a) {
                    io.err(format!("bash: read: `{a}': not a valid identifier\n"));
                    return 1;
                }
                names.push(a.clone());
            }
        }
        i += 1;
    }
    if names.is_empty() {
        names.push("REPLY".into());
    }
    if io.stdin.is_empty() {
        for n in &names {
            sh.assign_var(n, "");
        }
        return 1;
    }
    let (line, rest) = match io.stdin.find('\n') {
        Some(p) => (io.stdin[..p].to_string(), io.stdin[p + 1..].to_string()),
        None => (io.stdin.clone(), String::new()),
    };
    let had_newline = io.stdin.contains('\n');
    io.stdin = rest;
    let line = if raw {
        line
    } else {
        let mut s = String::new();
        let mut esc = false;
        for c in line.chars() {
            if esc {
                s.push(c);
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else {
                s.push(c);
            }
        }
        s
    };
    if names.len() == 1 && names[0] == "REPLY" {
        sh.assign_var("REPLY", &line);
    } else {
        let mut rest = line.trim_start_matches([' ', '\t']);
        for (k, n) in names.iter().enumerate() {
            if k == names.len() - 1 {
                sh.assign_var(n, rest.trim_end_matches([' ', '\t']));
            } else {
                let end = rest.find([' ', '\t']).unwrap_or(rest.len());
                sh.assign_var(n, &rest[..end]);
                rest = rest[end..].trim_start_matches([' ', '\t']);
            }
        }
    }
    if had_newline {
        0
    } else {
        1
    }
}

pub(super) fn set(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() {
        for (k, v) in &sh.vars {
            let val = &v.value;
            let needs_quote = val.is_empty()
                || val
                    .chars()
                    .any(|c| !(c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c)));
            if needs_quote {
                io.out(format!("{k}={}\n", squote(val)));
            } else {
                io.out(format!("{k}={val}\n"));
            }
        }
        return 0;
    }
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            sh.positional = args[i + 1..].to_vec();
            return 0;
        }
        if a == "-o" || a == "+o" {
            i += 2;
            continue;
        }
        if a.starts_with('-') || a.starts_with('+') {
            i += 1;
            continue;
        }
        sh.positional = args[i..].to_vec();
        return 0;
    }
    0
}

pub(super) fn shift(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    let n = match args.first() {
        None => 1,
        Some(a) => match a.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                io.err(format!("bash: shift: {a}: numeric argument required\n"));
                return 1;
            }
        },
    };
    if n > sh.positional.len() {
        return 1;
    }
    sh.positional.drain(..n);
    0
}

pub(super) fn return_(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    if sh.depth == 0 {
        io.err("bash: return: can only `return' from a function or sourced script\n");
        return 1;
    }
    let st = match args.first() {
        None => sh.status,
        Some(a) => match a.parse::<i64>() {
            Ok(n) => (n & 255) as i32,
            Err(_) => {
                io.err(format!("bash: return: {a}: numeric argument required\n"));
                2
            }
        },
    };
    sh.flow = Flow::Return;
    sh.status = st;
    st
}

pub(super) fn break_(sh: &mut Shell, name: &str, args: &[String], io: &mut Io) -> i32 {
    if sh.loop_depth == 0 {
        io.err(format!(
            "bash: {name}: only meaningful in a `for', `while', or `until' loop\n"
        ));
        return 0;
    }
    let n = match args.first() {
        None => 1,
        Some(a) => match a.parse::<u32>() {
            Ok(n) if n > 0 => n,
            _ => {
                io.err(format!("bash: {name}: {a}: loop count out of range\n"));
                return 1;
            }
        },
    };
    sh.flow = if name == "break" {
        Flow::Break(n)
    } else {
        Flow::Continue(n)
    };
    0
}

pub(super) fn let_(sh: &mut Shell, args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() {
        io.err("bash: let: expression expected\n");
        return 1;
    }
    let mut last = 0;
    for a in args {
        match super::arith::eval(sh, a) {
            Ok(v) => last = v,
            Err(m) => {
                io.err(format!("{m}\n"));
                return 1;
            }
        }
    }
    i32::from(last == 0)
}

pub(super) fn eval(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let src = args.join(" ");
    if src.trim().is_empty() {
        return 0;
    }
    if sh.depth >= crate::shell::MAX_CALL_DEPTH {
        io.err("bash: eval: maximum nesting level exceeded\n");
        return 1;
    }
    let aliases = sh.aliases.clone();
    match parse::parse(&format!("{src}\n"), &aliases) {
        Ok(list) => {
            sh.depth += 1;
            let st = sh.run_list(&list, sys, io);
            sh.depth -= 1;
            st
        }
        Err(parse::ParseError::Unexpected(t)) => {
            io.err(format!(
                "bash: eval: line 1: syntax error near unexpected token `{t}'\n"
            ));
            2
        }
        Err(parse::ParseError::Incomplete(_)) => {
            io.err("bash: eval: line 2: syntax error: unexpected end of file\n");
            2
        }
    }
}

pub(super) fn command(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    if name == "command" && matches!(args.first().map(String::as_str), Some("-v") | Some("-V")) {
        let verbose = args[0] == "-V";
        let mut st = 0;
        for a in &args[1..] {
            if let Some(v) = sh.aliases.get(a.as_str()) {
                io.out(if verbose {
                    format!("{a} is aliased to `{v}'\n")
                } else {
                    format!("alias {a}={}\n", squote(v))
                });
            } else if is_keyword(a) || sh.functions.contains_key(a.as_str()) || is_shell_builtin(a)
            {
                io.out(if verbose {
                    format!("{a} is a shell builtin\n")
                } else {
                    format!("{a}\n")
                });
            } else if is_utility(a) || sys.has_external(a) {
                io.out(if verbose {
                    format!("{a} is /usr/bin/{a}\n")
                } else {
                    format!("/usr/bin/{a}\n")
                });
            } else {
                if verbose {
                    io.err(format!("bash: command: {a}: not found\n"));
                }
                st = 1;
            }
        }
        return st;
    }
    let args: Vec<String> = args
        .iter()
        .skip_while(|a| a.starts_with('-'))
        .cloned()
        .collect();
    if args.is_empty() {
        return 0;
    }
    if let Some(st) = super::run(sh, sys, &args, io) {
        return st;
    }
    if name == "builtin" {
        io.err(format!("bash: builtin: {}: not a shell builtin\n", args[0]));
        return 1;
    }
    if let Some(st) = sh.external(&args, sys, io) {
        return st;
    }
    io.err(format!("{}: command not found\n", args[0]));
    127
}

/// Parse `sleep` operands: seconds with an optional s/m/h/d suffix.
pub(crate) fn parse_duration_ms(a: &str) -> Option<i64> {
    let (num, mult) = match a.chars().last()? {
        's' => (&a[..a.len() - 1], 1000.0),
        'm' => (&a[..a.len() - 1], 60_000.0),
        'h' => (&a[..a.len() - 1], 3_600_000.0),
        'd' => (&a[..a.len() - 1], 86_400_000.0),
        _ => (a, 1000.0),
    };
    if num.is_empty() || num.starts_with('+') && num.len() == 1 {
        return None;
    }
    if !num.chars().all(|c| c.is_ascii_digit() || c == '.')
        || num.matches('.').count() > 1
        || num == "."
    {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    let ms = v * mult;
    if !ms.is_finite() || ms < 0.0 {
        return None;
    }
    Some(ms.min(1e15).round() as i64)
}

pub(super) fn sleep(sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() {
        io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        return 1;
    }
    let mut total: i64 = 0;
    for a in args {
        match parse_duration_ms(a) {
            Some(ms) => total = total.saturating_add(ms),
            None => {
                io.err(format!(
                    "sleep: invalid time interval {}\nTry 'sleep --help' for more information.\n",
                    lq(a)
                ));
                return 1;
            }
        }
    }
    // At most a day of simulated time per call.
    sys.sleep_ms(total.min(86_400_000));
    0
}

pub(super) fn which(sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut st = 0;
    let mut any = false;
    for a in args {
        if a.starts_with('-') {
            continue;
        }
        any = true;
        if a.contains('/') {
            if sys.fs().is_file(&normalize("/", a)) {
                io.out(format!("{a}\n"));
            } else {
                st = 1;
            }
        } else if is_utility(a) || sys.has_external(a) {
            io.out(format!("/usr/bin/{a}\n"));
        } else {
            st = 1;
        }
    }
    if !any {
        return 1;
    }
    st
}

pub(super) fn env(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    if name == "printenv" {
        if args.is_empty() {
            for (k, v) in &sh.vars {
                if v.exported {
                    io.out(format!("{k}={}\n", v.value));
                }
            }
            return 0;
        }
        let mut st = 0;
        for a in args {
            match sh.vars.get(a.as_str()).filter(|v| v.exported) {
                Some(v) => io.out(format!("{}\n", v.value)),
                None => st = 1,
            }
        }
        return st;
    }
    // env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]
    let mut i = 0;
    let mut clear = false;
    let mut unsets = Vec::new();
    while i < args.len() {
        match args[i].as_str() {
            "-i" | "-" => clear = true,
            "-u" => {
                i += 1;
                if let Some(n) = args.get(i) {
                    unsets.push(n.clone());
                }
            }
            a if a.starts_with('-') && a.len() > 1 => {
                io.err(format!(
                    "env: invalid option -- '{}'\nTry 'env --help' for more information.\n",
                    &a[1..2]
                ));
                return 125;
            }
            _ => break,
        }
        i += 1;
    }
    let mut sets = Vec::new();
    while i < args.len() {
        match args[i].split_once('=') {
            Some((n, v)) if !n.is_empty() => sets.push((n.to_string(), v.to_string())),
            _ => break,
        }
        i += 1;
    }
    let saved = sh.vars.clone();
    if clear {
        sh.vars.retain(|_, v| !v.exported);
    }
    for u in unsets {
        sh.vars.remove(&u);
    }
    for (n, v) in sets {
        sh.vars.insert(
            n,
            Var {
                value: v,
                exported: true,
            },
        );
    }
    let st = if i >= args.len() {
        for (k, v) in &sh.vars {
            if v.exported {
                io.out(format!("{k}={}\n", v.value));
            }
        }
        0
    } else {
        let argv = args[i..].to_vec();
        let name = argv[0].clone();
        if let Some(st) = super::run(sh, sys, &argv, io) {
            st
        } else if let Some(st) = sh.external(&argv, sys, io) {
            st
        } else {
            io.err(format!("env: {}: No such file or directory\n", lq(&name)));
            127
        }
    };
    sh.vars = saved;
    st
}

pub(super) fn uname(sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "asnrvmpio",
        with_arg: "",
        long: &[
            ("all", "a", false),
            ("kernel-name", "s", false),
            ("nodename", "n", false),
            ("kernel-release", "r", false),
            ("machine", "m", false),
        ],
        permute: true,
    };
    let o = match getopt("uname", args, &spec) {
        Ok(o) => o,
        Err(m) => {
            io.err(m);
            return 1;
        }
    };
    let host = sys.hostname();
    let parts = [
        ('s', "Linux".to_string()),
        ('n', host),
        ('r', "5.15.0-91-generic".to_string()),
        (
            'v',
            "#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023".to_string(),
        ),
        ('m', "x86_64".to_string()),
        ('p', "x86_64".to_string()),
        ('i', "x86_64".to_string()),
        ('o', "GNU/Linux".to_string()),
    ];
    let all = o.has("a");
    let mut out: Vec<String> = parts
        .iter()
        .filter(|(c, _)| all || o.has(&c.to_string()))
        .map(|(_, v)| v.clone())
        .collect();
    if out.is_empty() {
        out.push("Linux".into());
    }
    io.out(format!("{}\n", out.join(" ")));
    0
}

pub(super) fn bash(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') && args[i] != "-c" {
        i += 1;
    }
    if args.get(i).map(String::as_str) == Some("-c") {
        let Some(src) = args.get(i + 1) else {
            io.err(format!("{name}: -c: option requires an argument\n"));
            return 2;
        };
        let rest = args.get(i + 3..).map(|r| r.to_vec()).unwrap_or_default();
        return sh.run_script(name, src, &rest, sys, io);
    }
    let Some(file) = args.get(i) else {
        // An interactive sub-shell would start here; we stay in this one.
        return 0;
    };
    let path = normalize(&sh.cwd, file);
    match sys.fs().read(&path) {
        Ok(src) => sh.run_script(file, &src, &args[i + 1..], sys, io),
        Err(e) => {
            io.err(format!("{name}: {file}: {e}\n"));
            127
        }
    }
}

// ---- test / [ ----

pub(super) fn test(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let mut args: Vec<String> = args.to_vec();
    if name == "[" {
        if args.last().map(String::as_str) != Some("]") {
            io.err("bash: [: missing `]'\n");
            return 2;
        }
        args.pop();
    }
    if name == "[[" {
        if args.last().map(String::as_str) != Some("]]") {
            io.err("bash: syntax error in conditional expression\n");
            return 2;
        }
        args.pop();
        // `&&` and `||` inside are split off by the parser; `!` and the primaries work.
    }
    let mut t = TestParser {
        a: &args,
        i: 0,
        sh,
        sys,
        name,
        err: None,
    };
    let r = t.expr_top();
    if let Some(e) = t.err.take() {
        io.err(e);
        return 2;
    }
    match r {
        Some(true) => 0,
        Some(false) => 1,
        None => 2,
    }
}

struct TestParser<'a> {
    a: &'a [String],
    i: usize,
    sh: &'a mut Shell,
    sys: &'a mut dyn System,
    name: &'a str,
    err: Option<String>,
}

const UNARY: &[&str] = &[
    "-n", "-z", "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-a", "-b", "-c", "-p", "-S",
    "-t", "-v", "-o",
];
const BINARY: &[&str] = &[
    "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "=~",
];

impl TestParser<'_> {
    fn fail(&mut self, msg: String) -> Option<bool> {
        if self.err.is_none() {
            self.err = Some(format!("bash: {}: {msg}\n", self.name));
        }
        None
    }

    fn expr_top(&mut self) -> Option<bool> {
        let n = self.a.len();
        // POSIX rules by argument count.
        let r = match n {
            0 => Some(false),
            1 => Some(!self.a[0].is_empty()),
            2 if self.a[0] == "!" => Some(self.a[1].is_empty()),
            2 if UNARY.contains(&self.a[0].as_str()) => {
                self.unary(&self.a[0].clone(), &self.a[1].clone())
            }
            2 => return self.fail(format!("{}: unary operator expected", self.a[0])),
            3 if BINARY.contains(&self.a[1].as_str()) => {
                self.binary(&self.a[0].clone(), &self.a[1].clone(), &self.a[2].clone())
            }
            _ => {
                let r = self.or();
                if self.err.is_none() && self.i < n {
                    return self.fail("too many arguments".into());
                }
                r
            }
        };
        r
    }

    fn peek(&self) -> Option<&str> {
        self.a.get(self.i).map(String::as_str)
    }

    fn or(&mut self) -> Option<bool> {
        let mut v = self.and()?;
        while self.peek() == Some("-o") {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Some(v)
    }

    fn and(&mut self) -> Option<bool> {
        let mut v = self.not()?;
        while self.peek() == Some("-a") {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Some(v)
    }

    fn not(&mut self) -> Option<bool> {
        if self.peek() == Some("!") {
            self.i += 1;
            return Some(!self.not()?);
        }
        self.primary()
    }

    fn primary(&mut self) -> Option<bool> {
        let Some(a) = self.peek().map(str::to_string) else {
            return self.fail("argument expected".into());
        };
        if a == "(" {
            self.i += 1;
            let v = self.or()?;
            if self.peek() != Some(")") {
                return self.fail("`)' expected".into());
            }
            self.i += 1;
            return Some(v);
        }
        if let Some(op) = self.a.get(self.i + 1).cloned() {
            if BINARY.contains(&op.as_str()) {
                if let Some(b) = self.a.get(self.i + 2).cloned() {
                    self.i += 3;
                    return self.binary(&a, &op, &b);
                }
            }
        }
        if UNARY.contains(&a.as_str()) {
            if let Some(b) = self.a.get(self.i + 1).cloned() {
                self.i += 2;
                return self.unary(&a, &b);
            }
        }
        self.i += 1;
        Some(!a.is_empty())
    }

    fn unary(&mut self, op: &str, v: &str) -> Option<bool> {
        let path = normalize(&self.sh.cwd, v);
        let fs = self.sys.fs();
        Some(match op {
            "-n" => !v.is_empty(),
            "-z" => v.is_empty(),
            "-e" | "-a" | "-r" | "-w" => fs.exists(&path),
            "-f" => fs.is_file(&path),
            "-d" => fs.is_dir(&path),
            "-s" => fs.stat(&path).map(|e| e.size > 0).unwrap_or(false),
            "-x" => fs.is_dir(&path),
            "-v" => self.sh.vars.contains_key(v),
            _ => false,
        })
    }

    fn int(&mut self, s: &str) -> Option<i64> {
        match s.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.fail(format!("{s}: integer expression expected"));
                None
            }
        }
    }

    fn binary(&mut self, a: &str, op: &str, b: &str) -> Option<bool> {
        Some(match op {
            "=" | "==" if self.name == "[[" => glob_eq(b, a),
            "!=" if self.name == "[[" => !glob_eq(b, a),
            "=" | "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            ">" => a > b,
            "=~" => crate::shell::regex::Regex::new(b, true, false)
                .map(|r| r.is_match(a))
                .unwrap_or(false),
            "-nt" | "-ot" | "-ef" => false,
            _ => {
                let x = self.int(a)?;
                let y = self.int(b)?;
                match op {
                    "-eq" => x == y,
                    "-ne" => x != y,
                    "-lt" => x < y,
                    "-le" => x <= y,
                    "-gt" => x > y,
                    _ => x >= y,
                }
            }
        })
    }
}

/// `[[ a == pattern ]]`: glob matching.
fn glob_eq(pattern: &str, text: &str) -> bool {
    let field = crate::shell::expand::Field {
        text: pattern.to_string(),
        mask: pattern
            .chars()
            .map(|c| matches!(c, '*' | '?' | '['))
            .collect(),
    };
    crate::shell::expand::pattern_matches(&field, text)
}

//! `watch` (procps-ng 4.0): runs a command every few seconds and shows its output full screen
//! under a title line. In the page's terminal it runs in the foreground until Ctrl+C, each
//! screen replacing the last, and leaves nothing behind (the terminal's alternate screen); in
//! a pipe, a file or the native runner, which cannot redraw, it shows its first screen.

use crate::shell::Io;
use crate::sim::clock::{ctime, TimeMs};

/// The terminal width the title line is laid out for.
const COLUMNS: usize = 80;

const USAGE: &str = "
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of \"sh -c\"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
";

/// A `watch` under way.
#[derive(Clone, Debug)]
pub struct WatchLoop {
    pub interval_ms: TimeMs,
    pub command: String,
    pub title: bool,
    pub next_at: TimeMs,
    /// The shell's working directory and exported variables when it started.
    pub cwd: String,
    pub env: Vec<(String, String)>,
}

/// What `watch ARGS…` asks for: Ok(the loop, with `next_at` unset) or Err(exit status) after
/// printing what procps prints.
pub fn parse(args: &[String], io: &mut Io) -> Result<WatchLoop, i32> {
    let mut interval = 2.0f64;
    let mut title = true;
    let mut i = 0;
    let bad_interval = |v: &str, io: &mut Io| {
        io.err(format!("watch: failed to parse argument: '{v}'\n"));
        Err(1)
    };
    while i < args.len() {
        let a = args[i].as_str();
        if !a.starts_with('-') || a == "-" {
            break;
        }
        i += 1;
        let value = |i: &mut usize, inline: Option<&str>, io: &mut Io, short: &str| {
            if let Some(v) = inline.filter(|v| !v.is_empty()) {
                return Ok(v.to_string());
            }
            match args.get(*i) {
                Some(v) => {
                    *i += 1;
                    Ok(v.clone())
                }
                None => {
                    io.err(format!(
                        "watch: option requires an argument -- '{short}'\n{USAGE}"
                    ));
                    Err(1)
                }
            }
        };
        match a {
            "--" => break,
            "-h" | "--help" => {
                io.out(USAGE);
                return Err(0);
            }
            "-v" | "--version" => {
                io.out("watch from procps-ng 4.0.2\n");
                return Err(0);
            }
            "-t" | "--no-title" => title = false,
            "-b" | "--beep" | "-c" | "--color" | "-d" | "--differences" | "-e" | "--errexit"
            | "-g" | "--chgexit" | "-p" | "--precise" | "-w" | "--no-wrap" | "-x" | "--exec" => {}
            _ if a.starts_with("--differences=") => {}
            _ if a == "-n"
                || a == "--interval"
                || a.starts_with("--interval=")
                || a.starts_with("-n") =>
            {
                let inline = a
                    .strip_prefix("--interval=")
                    .or_else(|| a.strip_prefix("-n").filter(|r| !r.is_empty()));
                let v = value(&mut i, inline, io, "n")?;
                match v.replace(',', ".").parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => interval = n.max(0.1),
                    _ => return bad_interval(&v, io),
                }
            }
            _ if a.starts_with("--") => {
                io.err(format!("watch: unrecognized option '{a}'\n{USAGE}"));
                return Err(1);
            }
            _ => {
                let c = a.chars().nth(1).unwrap_or('-');
                io.err(format!("watch: invalid option -- '{c}'\n{USAGE}"));
                return Err(1);
            }
        }
    }
    if i >= args.len() {
        io.err(USAGE);
        return Err(1);
    }
    Ok(WatchLoop {
        interval_ms: (interval * 1000.0).round() as TimeMs,
        command: args[i..].join(" "),
        title,
        next_at: 0,
        cwd: String::new(),
        env: Vec::new(),
    })
}

impl WatchLoop {
    /// One screen: the title line (`Every 2.0s: CMD` left, `HOST: DATE` right, in 80 columns),
    /// a blank line, and what the command printed.
    pub fn screen(&self, host: &str, now: TimeMs, output: &str) -> String {
        if !self.title {
            return output.to_string();
        }
        let right = format!("{host}: {}", ctime(now));
        let mut left = format!(
            "Every {:.1}s: {}",
            self.interval_ms as f64 / 1000.0,
            self.command
        );
        let room = COLUMNS.saturating_sub(right.chars().count() + 1);
        if left.chars().count() > room {
            left = left.chars().take(room).collect();
        }
        let pad = COLUMNS - left.chars().count() - right.chars().count();
        format!("{left}{}{right}\n\n{output}", " ".repeat(pad))
    }
}

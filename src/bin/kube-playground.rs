//! The native runner: the same core as the web page, on a terminal or a script.
//!
//! `kube-playground` reads lines from stdin and prints what the web terminal prints.
//! `--echo` prints the prompt and each line before its output (for transcripts).
//! `--seed N` picks the cluster's random seed (default 0).

use std::io::{BufRead, IsTerminal, Write};

use kube_playground::session::Session;
use kube_playground::shell::TermChunk;

fn usage() -> ! {
    eprintln!("usage: kube-playground [--echo] [--seed N] < script.sh");
    std::process::exit(2);
}

fn main() {
    let mut echo = false;
    let mut seed: u64 = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--echo" => echo = true,
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| usage()),
            s if s.starts_with("--seed=") => seed = s[7..].parse().unwrap_or_else(|_| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let interactive = std::io::stdin().is_terminal() && !echo;
    let mut session = Session::new(seed);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    loop {
        if interactive || echo {
            let _ = write!(out, "{}", session.prompt());
            let _ = out.flush();
        }
        let mut buf = Vec::new();
        match lines.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        // Invalid UTF-8 in a paste must not stop the session.
        let line = String::from_utf8_lossy(&buf);
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if echo {
            let _ = writeln!(out, "{line}");
        }
        let outcome = session.run_line(line);
        for chunk in outcome.result.output {
            match chunk {
                TermChunk::Out(s) | TermChunk::Err(s) => {
                    let _ = write!(out, "{s}");
                }
                TermChunk::Clear => {
                    if interactive {
                        let _ = write!(out, "\x1b[H\x1b[2J");
                    }
                }
            }
        }
        let _ = out.flush();
        if session.shell.take_exit().is_some() {
            break;
        }
    }
    if echo && !session.prompt().is_empty() {
        let _ = writeln!(out);
    }
}

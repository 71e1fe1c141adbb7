//! The native runner: the same core as the web page, on a terminal or a script.
//!
//! `kube-playground` reads lines from stdin and prints what the web terminal prints.
//! `--echo` prints the prompt and each line before its output (for transcripts).
//! `--seed N` picks the cluster's random seed (default 0).
//! `--validate-lessons DIR…` checks lesson folders (see `lessons/README.md`): every problem is
//! printed, and the exit status is 1 if there is any.

use std::io::{BufRead, IsTerminal, Read, Write};

use kube_playground::session::{echo_transcript, Session};
use kube_playground::shell::TermChunk;

fn usage() -> ! {
    eprintln!("usage: kube-playground [--echo] [--seed N] < script.sh");
    eprintln!("       kube-playground --validate-lessons DIR...");
    std::process::exit(2);
}

fn main() {
    let mut echo = false;
    let mut seed: u64 = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--echo" => echo = true,
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            s if s.starts_with("--seed=") => seed = s[7..].parse().unwrap_or_else(|_| usage()),
            "--validate-lessons" => {
                let dirs: Vec<String> = args.collect();
                if dirs.is_empty() {
                    usage();
                }
                std::process::exit(validate_lessons(&dirs));
            }
            _ => usage(),
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if echo {
        let mut bytes = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut bytes);
        // Invalid UTF-8 in a paste must not stop the session.
        let script = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        let _ = out.write_all(echo_transcript(&script, seed).as_bytes());
        return;
    }
    let interactive = std::io::stdin().is_terminal();
    let mut session = Session::new(seed);
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    loop {
        if interactive {
            let _ = write!(out, "{}", session.prompt());
            let _ = out.flush();
        }
        let mut buf = Vec::new();
        match lines.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches('\n').trim_end_matches('\r');
        let outcome = session.run_line(line);
        for chunk in outcome.result.output {
            match chunk {
                TermChunk::Out(s) | TermChunk::Err(s) => {
                    let _ = write!(out, "{s}");
                }
                TermChunk::Clear if interactive => {
                    let _ = write!(out, "\x1b[H\x1b[2J");
                }
                TermChunk::Clear => {}
            }
        }
        let _ = out.flush();
        if session.shell.take_exit().is_some() {
            break;
        }
    }
}

/// Reads a lesson folder from the disk.
fn read_folder(path: &std::path::Path) -> Result<kube_playground::lessons::LessonFolder, String> {
    let dir = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut folder = kube_playground::lessons::LessonFolder {
        dir,
        ..Default::default()
    };
    let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for entry in entries.flatten() {
        if entry.path().is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
            folder.files.insert(name, text);
        }
    }
    Ok(folder)
}

/// `--validate-lessons`: the problems of each folder, then a summary; 0 when there are none.
fn validate_lessons(dirs: &[String]) -> i32 {
    let mut problems = 0;
    for d in dirs {
        let found = match read_folder(std::path::Path::new(d)) {
            Err(e) => vec![e],
            Ok(folder) => match folder.load() {
                Err(p) => p,
                Ok(lesson) => kube_playground::session::lesson_check::run_problems(&lesson),
            },
        };
        for p in &found {
            println!("{p}");
        }
        if found.is_empty() {
            println!("{d}: ok");
        }
        problems += found.len();
    }
    if problems > 0 {
        println!("{problems} problem(s)");
        1
    } else {
        0
    }
}

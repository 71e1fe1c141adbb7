//! End-to-end tests of the shell: lines in, terminal chunks out.

use super::*;
use crate::vfs::Fs;

struct TestSys {
    fs: Fs,
    now: i64,
    slept: i64,
    ran: Vec<Vec<String>>,
}

impl TestSys {
    fn new() -> TestSys {
        let mut fs = Fs::new();
        for d in ["/root", "/etc/kubernetes/manifests", "/tmp"] {
            let _ = fs.mkdir_p(d, 0);
        }
        // 2026-11-22 10:00:00 UTC
        TestSys {
            fs,
            now: 1_795_341_600_000,
            slept: 0,
            ran: Vec::new(),
        }
    }
}

impl System for TestSys {
    fn fs(&mut self) -> &mut Fs {
        &mut self.fs
    }
    fn now_ms(&self) -> i64 {
        self.now
    }
    fn run_external(&mut self, argv: &[String], io: &mut Io) -> Option<i32> {
        if argv[0] != "kubectl" {
            return None;
        }
        self.ran.push(argv.to_vec());
        match argv.get(1).map(String::as_str) {
            Some("get") if argv.iter().any(|a| a == "name") => {
                io.out("pod/nginx\npod/web\n");
                Some(0)
            }
            Some("get") => {
                io.out("NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5m\nweb     1/1     Running   0          2m\n");
                Some(0)
            }
            Some("apply") => {
                let stdin = io.take_stdin();
                io.out(format!("applied {} bytes\n", stdin.len()));
                Some(0)
            }
            Some("fail") => {
                io.err("error: the server doesn't have a resource type \"fail\"\n");
                Some(1)
            }
            _ => {
                io.out(format!("kubectl {}\n", argv[1..].join(" ")));
                Some(0)
            }
        }
    }
    fn has_external(&self, name: &str) -> bool {
        name == "kubectl"
    }
    fn sleep_ms(&mut self, ms: i64) {
        self.slept += ms;
        self.now += ms;
    }
    fn hostname(&self) -> String {
        "controlplane".into()
    }
}

fn run(sh: &mut Shell, sys: &mut TestSys, line: &str) -> LineResult {
    sh.run_line(line, sys)
}

/// Run lines; return (stdout, stderr) of the last one.
fn outerr(lines: &[&str]) -> (String, String) {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    let mut last = None;
    for l in lines {
        last = Some(run(&mut sh, &mut sys, l));
    }
    split(&last.map(|r| r.output).unwrap_or_default())
}

fn split(chunks: &[TermChunk]) -> (String, String) {
    let mut o = String::new();
    let mut e = String::new();
    for c in chunks {
        match c {
            TermChunk::Out(s) => o.push_str(s),
            TermChunk::Err(s) => e.push_str(s),
            TermChunk::Clear => o.push_str("<CLEAR>"),
        }
    }
    (o, e)
}

fn out(lines: &[&str]) -> String {
    outerr(lines).0
}

fn err(lines: &[&str]) -> String {
    outerr(lines).1
}

#[test]
fn echo_and_quotes() {
    assert_eq!(out(&["echo hello   world"]), "hello world\n");
    assert_eq!(out(&["echo 'a  b' \"c  d\" e\\ f"]), "a  b c  d e f\n");
    assert_eq!(out(&["echo -n hi"]), "hi");
    assert_eq!(out(&["echo -e 'a\\tb\\n'"]), "a\tb\n\n");
    assert_eq!(
        out(&["X=world; echo \"hello $X\" '$X' ${X}s"]),
        "hello world $X worlds\n"
    );
}

//! End-to-end tests of the shell: lines in, terminal chunks out.

use super::*;
use crate::vfs::Fs;

struct TestSys {
    fs: Fs,
    now: i64,
    slept: i64,
    ran: Vec<Vec<String>>,
    context: (String, Option<String>),
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
            context: (String::new(), None),
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
    fn set_context(&mut self, cwd: &str, env: &[(String, String)]) {
        self.context = (
            cwd.to_string(),
            env.iter()
                .find(|(k, _)| k == "KUBECONFIG")
                .map(|(_, v)| v.clone()),
        );
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

/// Run lines in one shell; return everything written to stdout (and stderr, interleaved).
fn all(lines: &[&str]) -> String {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    let mut o = String::new();
    for l in lines {
        let r = run(&mut sh, &mut sys, l);
        for c in r.output {
            match c {
                TermChunk::Out(s) | TermChunk::Err(s) => o.push_str(&s),
                TermChunk::Clear => o.push_str("<CLEAR>"),
            }
        }
    }
    o
}

fn status(lines: &[&str]) -> i32 {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    let mut st = 0;
    for l in lines {
        st = run(&mut sh, &mut sys, l).status;
    }
    st
}

/// Run `f` on a thread with a small stack (what a browser gives wasm), to catch deep recursion.
fn small_stack<F: FnOnce() + Send + 'static>(f: F) {
    let h = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .expect("spawn");
    h.join().expect("no stack overflow or panic");
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

#[test]
fn pipes_and_kubectl() {
    assert_eq!(
        out(&["kubectl get pods | grep web"]),
        "web     1/1     Running   0          2m\n"
    );
    assert_eq!(out(&["kubectl get pods | grep -c Running"]), "2\n");
    assert_eq!(
        out(&["kubectl get pods --all-namespaces | grep kube-proxy"]),
        ""
    );
    assert_eq!(status(&["kubectl get pods | grep kube-proxy"]), 1);
    assert_eq!(
        out(&["kubectl get pods | awk 'NR>1 {print $1}'"]),
        "nginx\nweb\n"
    );
    assert_eq!(out(&["kubectl get pods -o name | wc -l"]), "2\n");
    // stderr of an early stage reaches the terminal; stdout goes down the pipe.
    assert_eq!(
        outerr(&["kubectl fail | wc -l"]),
        (
            "0\n".into(),
            "error: the server doesn't have a resource type \"fail\"\n".into()
        )
    );
    assert_eq!(out(&["kubectl fail 2>&1 | wc -l"]), "1\n");
    assert_eq!(
        outerr(&["kubectl fail 2>/dev/null"]),
        (String::new(), String::new())
    );
}

#[test]
fn command_not_found_and_status() {
    assert_eq!(
        outerr(&["foo"]),
        (String::new(), "foo: command not found\n".into())
    );
    assert_eq!(status(&["foo"]), 127);
    assert_eq!(out(&["foo", "echo $?"]), "127\n");
    assert_eq!(out(&["false || echo no"]), "no\n");
    assert_eq!(out(&["true && echo yes", "echo $?"]), "0\n");
    assert_eq!(out(&["false", "", "   ", "# comment", "echo $?"]), "1\n");
    assert_eq!(status(&["false", ""]), 1);
    assert_eq!(out(&["! false; echo $?"]), "0\n");
    assert_eq!(out(&["true | false; echo $?"]), "1\n");
    assert_eq!(
        all(&["foo | grep x", "echo $?"]),
        "foo: command not found\n1\n"
    );
}

#[test]
fn syntax_errors() {
    assert_eq!(
        err(&["echo |;"]),
        "bash: syntax error near unexpected token `;'\n"
    );
    assert_eq!(
        err(&["| grep x"]),
        "bash: syntax error near unexpected token `|'\n"
    );
    assert_eq!(
        err(&["echo >"]),
        "bash: syntax error near unexpected token `newline'\n"
    );
    assert_eq!(
        err(&["if true; then fi"]),
        "bash: syntax error near unexpected token `fi'\n"
    );
    assert_eq!(
        err(&["done"]),
        "bash: syntax error near unexpected token `done'\n"
    );
    assert_eq!(status(&["echo |;"]), 2);
    assert_eq!(
        out(&["echo |;", "history"]),
        "    1  echo |;\n    2  history\n"
    );
    assert_eq!(
        err(&["echo ${a b}; echo hi"]),
        "bash: ${a b}: bad substitution\n"
    );
    assert_eq!(
        all(&["echo $((1/0)); echo after", "echo $?"]),
        "bash: 1/0: division by 0 (error token is \"0\")\n1\n"
    );
    assert_eq!(err(&["echo ${X:?must be set}"]), "bash: X: must be set\n");
}

#[test]
fn continuation_lines() {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    let r = run(&mut sh, &mut sys, "for i in 1 2 3");
    assert!(r.continuation);
    assert!(r.output.is_empty());
    assert!(run(&mut sh, &mut sys, "do echo $i").continuation);
    let r = run(&mut sh, &mut sys, "done");
    assert!(!r.continuation);
    assert_eq!(split(&r.output).0, "1\n2\n3\n");
    assert_eq!(
        sh.history(),
        &["for i in 1 2 3; do echo $i; done".to_string()]
    );
    assert!(run(&mut sh, &mut sys, "echo 'open").continuation);
    assert_eq!(
        split(&run(&mut sh, &mut sys, "close'").output).0,
        "open\nclose\n"
    );
    assert!(run(&mut sh, &mut sys, "echo a |").continuation);
    assert_eq!(split(&run(&mut sh, &mut sys, "tr a b").output).0, "b\n");
    assert!(run(&mut sh, &mut sys, "true &&").continuation);
    assert_eq!(split(&run(&mut sh, &mut sys, "echo ok").output).0, "ok\n");
    assert!(run(&mut sh, &mut sys, "echo one \\").continuation);
    assert_eq!(split(&run(&mut sh, &mut sys, "two").output).0, "one two\n");
    assert!(run(&mut sh, &mut sys, "if false").continuation);
    assert!(run(&mut sh, &mut sys, "then echo a").continuation);
    assert!(run(&mut sh, &mut sys, "elif true; then echo b").continuation);
    assert!(run(&mut sh, &mut sys, "else echo c").continuation);
    assert_eq!(split(&run(&mut sh, &mut sys, "fi").output).0, "b\n");
    // Cancelling drops the pending input.
    assert!(run(&mut sh, &mut sys, "while true").continuation);
    sh.cancel_pending();
    assert!(!sh.has_pending());
    assert_eq!(
        split(&run(&mut sh, &mut sys, "echo fresh").output).0,
        "fresh\n"
    );
}

#[test]
fn heredocs() {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    assert!(run(&mut sh, &mut sys, "cat <<EOF | kubectl apply -f -").continuation);
    assert!(run(&mut sh, &mut sys, "apiVersion: v1").continuation);
    assert!(run(&mut sh, &mut sys, "kind: Pod").continuation);
    assert!(run(&mut sh, &mut sys, "metadata:").continuation);
    assert!(run(&mut sh, &mut sys, "  name: $USER").continuation);
    let r = run(&mut sh, &mut sys, "EOF");
    assert!(!r.continuation);
    // 15 + 10 + 10 + 13 bytes.
    assert_eq!(split(&r.output).0, "applied 48 bytes\n");
    assert_eq!(sh.history().last().map(String::as_str), Some("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  name: $USER\nEOF"));
    assert_eq!(
        out(&["cat <<'EOF'", "$HOME `x` \\$", "EOF"]),
        "$HOME `x` \\$\n"
    );
    assert_eq!(
        out(&["cat <<EOF", "$HOME \\$HOME $((1+1))", "EOF"]),
        "/root $HOME 2\n"
    );
    assert_eq!(out(&["cat <<-EOF", "\tindented", "\tEOF"]), "indented\n");
    assert_eq!(
        out(&["cat <<EOF > /tmp/x.yaml", "a: 1", "EOF", "cat /tmp/x.yaml"]),
        "a: 1\n"
    );
    assert_eq!(out(&["grep b <<< 'a b c'"]), "a b c\n");
}

#[test]
fn redirections() {
    assert_eq!(
        out(&["echo hi > a.txt; echo there >> a.txt; cat a.txt"]),
        "hi\nthere\n"
    );
    assert_eq!(
        all(&[
            "kubectl run x --image=nginx --dry-run=client -o yaml > static-busybox.yaml",
            "cat static-busybox.yaml"
        ]),
        "kubectl run x --image=nginx --dry-run=client -o yaml\n"
    );
    assert_eq!(
        err(&["echo x > /nope/x.yaml"]),
        "bash: /nope/x.yaml: No such file or directory\n"
    );
    assert_eq!(status(&["echo x > /nope/x.yaml"]), 1);
    assert_eq!(
        err(&["cat < /nope/in"]),
        "bash: /nope/in: No such file or directory\n"
    );
    assert_eq!(err(&["echo x > /tmp"]), "bash: /tmp: Is a directory\n");
    assert_eq!(
        out(&["ls nope > o.txt 2>&1; cat o.txt"]),
        "ls: cannot access 'nope': No such file or directory\n"
    );
    assert_eq!(out(&["ls nope 2>&1 > o.txt | wc -l"]), "1\n");
    assert_eq!(out(&["echo hi &> b.txt; cat b.txt"]), "hi\n");
    assert_eq!(outerr(&["echo a >&2"]), (String::new(), "a\n".into()));
    assert_eq!(out(&["{ echo a; echo b; } > g.txt; cat g.txt"]), "a\nb\n");
    assert_eq!(
        out(&["for i in 1 2; do echo $i; done > l.txt; cat l.txt"]),
        "1\n2\n"
    );
    assert_eq!(out(&["> empty.txt; wc -c empty.txt"]), "0 empty.txt\n");
    assert_eq!(
        err(&["x=''; echo hi > $x"]),
        "bash: $x: ambiguous redirect\n"
    );
}

#[test]
fn variables_and_substitution() {
    assert_eq!(
        out(&[
            "export POD_NAME=$(kubectl get pods -o name)",
            "echo $POD_NAME"
        ]),
        "pod/nginx pod/web\n"
    );
    assert_eq!(
        out(&[
            "export POD_NAME=$(kubectl get pods -o name)",
            "echo \"$POD_NAME\""
        ]),
        "pod/nginx\npod/web\n"
    );
    assert_eq!(
        out(&["X=1; X+=2; echo $X ${#X} ${Y:-def} ${X:+set}"]),
        "12 2 def set\n"
    );
    assert_eq!(
        out(&["s=hello.tar.gz; echo ${s%.gz} ${s%%.*} ${s#*.} ${s/l/L} ${s//l/L} ${s^^} ${s:1:3}"]),
        "hello.tar hello tar.gz heLlo.tar.gz heLLo.tar.gz HELLO.TAR.GZ ell\n"
    );
    assert_eq!(
        out(&["echo `echo nested` $(echo $(echo deep))"]),
        "nested deep\n"
    );
    assert_eq!(out(&["x=$(false); echo $?"]), "1\n");
    assert_eq!(out(&["A=1 B=2; env | grep '^A='"]), "");
    assert_eq!(out(&["export A=1; env | grep '^A='"]), "A=1\n");
    assert_eq!(out(&["A=5 printenv A; echo \"[$A]\""]), "5\n[]\n");
    assert_eq!(out(&["unset HOME; echo \"[$HOME]\""]), "[]\n");
    assert_eq!(
        err(&["export 1x=2"]),
        "bash: export: `1x=2': not a valid identifier\n"
    );
    assert_eq!(
        out(&["export FOO=bar", "export -p | grep FOO"]),
        "declare -x FOO=\"bar\"\n"
    );
    assert_eq!(
        out(&["echo $((2+3*4)) $((7/2)) $((2**10)) $((10>3))"]),
        "14 3 1024 1\n"
    );
    assert_eq!(out(&["i=0; i=$((i+1)); echo $i"]), "1\n");
    assert_eq!(out(&["echo ~ ~/x"]), "/root /root/x\n");
    assert_eq!(out(&["echo $'a\\tb'"]), "a\tb\n");
    assert_eq!(out(&["set -- a b c; echo $# $2 $@"]), "3 b a b c\n");
    assert_eq!(
        out(&["read a b <<< 'one two three'; echo \"$a|$b\""]),
        "one|two three\n"
    );
    assert_eq!(out(&["echo {1..3} a{x,y}b"]), "1 2 3 axb ayb\n");
    assert_eq!(out(&["echo \"$(echo '  spaced  ')\""]), "  spaced  \n");
    assert_eq!(out(&["v='a   b'; echo $v; echo \"$v\""]), "a b\na   b\n");
}

#[test]
fn aliases() {
    assert_eq!(
        out(&["alias k=kubectl", "k get pods | grep -c Running"]),
        "2\n"
    );
    assert_eq!(
        out(&["alias k=kubectl", "alias ll='ls -l'", "alias"]),
        "alias k='kubectl'\nalias ll='ls -l'\n"
    );
    assert_eq!(
        out(&["alias q=\"echo it's\"", "alias q"]),
        "alias q='echo it'\\''s'\n"
    );
    assert_eq!(err(&["alias nope"]), "bash: alias: nope: not found\n");
    assert_eq!(err(&["unalias nope"]), "bash: unalias: nope: not found\n");
    // An alias defined on a line applies from the next line on, like bash.
    assert_eq!(
        err(&["alias k=kubectl; k get pods"]),
        "k: command not found\n"
    );
    assert_eq!(out(&["alias k=kubectl", "unalias k", "type k"]), "");
    assert_eq!(
        out(&[
            "alias ls='ls -1'",
            "mkdir -p /tmp/d/a /tmp/d/b",
            "ls /tmp/d"
        ]),
        "a\nb\n"
    );
    assert_eq!(
        out(&["alias k=kubectl", "type k"]),
        "k is aliased to `kubectl'\n"
    );
}

#[test]
fn history_and_bang() {
    assert_eq!(
        out(&["echo a", "echo b", "history"]),
        "    1  echo a\n    2  echo b\n    3  history\n"
    );
    assert_eq!(
        out(&["echo a", "echo b", "history 2"]),
        "    2  echo b\n    3  history 2\n"
    );
    assert_eq!(out(&["echo hello", "!!"]), "echo hello\nhello\n");
    assert_eq!(out(&["echo one", "echo two", "!1"]), "echo one\none\n");
    assert_eq!(out(&["echo one", "echo two", "!-2"]), "echo one\none\n");
    assert_eq!(out(&["echo one", "echo two", "!ech"]), "echo two\ntwo\n");
    assert_eq!(out(&["ls /tmp", "echo !$"]), "echo /tmp\n/tmp\n");
    assert_eq!(err(&["!nope"]), "bash: !nope: event not found\n");
    assert_eq!(err(&["!!"]), "bash: !!: event not found\n");
    assert_eq!(out(&["echo 'a!b' \"x! y\" a!=b"]), "a!b x! y a!=b\n");
    // ignoreboth: duplicates and lines starting with a space are not recorded.
    assert_eq!(
        out(&["echo a", "echo a", " echo secret", "history"]),
        "    1  echo a\n    2  history\n"
    );
}

#[test]
fn cd_pwd() {
    assert_eq!(out(&["cd /etc/kubernetes; pwd"]), "/etc/kubernetes\n");
    assert_eq!(
        err(&["cd nope"]),
        "bash: cd: nope: No such file or directory\n"
    );
    assert_eq!(err(&["touch f", "cd f"]), "bash: cd: f: Not a directory\n");
    assert_eq!(err(&["cd a b"]), "bash: cd: too many arguments\n");
    assert_eq!(out(&["cd /tmp", "cd", "pwd"]), "/root\n");
    assert_eq!(out(&["cd /tmp", "cd /etc", "cd -"]), "/tmp\n");
    assert_eq!(
        all(&[
            "cd /etc/kubernetes/manifests",
            "cd ../..",
            "pwd",
            "echo $PWD $OLDPWD"
        ]),
        "/etc\n/etc /etc/kubernetes/manifests\n"
    );
    assert_eq!(out(&["(cd /; pwd); pwd"]), "/\n/root\n");
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    run(&mut sh, &mut sys, "cd /etc/kubernetes");
    assert_eq!(sh.cwd(), "/etc/kubernetes");
}

#[test]
fn loops_and_conditionals() {
    assert_eq!(out(&["for i in 1 2 3; do echo $i; done"]), "1\n2\n3\n");
    assert_eq!(
        out(&["x=3; while [ $x -gt 0 ]; do echo $x; x=$((x-1)); done"]),
        "3\n2\n1\n"
    );
    assert_eq!(
        out(&["x=0; until [ $x -ge 2 ]; do x=$((x+1)); done; echo $x"]),
        "2\n"
    );
    assert_eq!(
        out(&["for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done"]),
        "1\n3\n"
    );
    assert_eq!(
        out(&["for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done"]),
        "1a\n"
    );
    assert_eq!(
        out(&["if [ -d /tmp ]; then echo dir; elif true; then echo x; else echo no; fi"]),
        "dir\n"
    );
    assert_eq!(
        out(&["case kube-proxy-x in kube-*) echo k;; *) echo other;; esac"]),
        "k\n"
    );
    assert_eq!(
        out(&["f() { echo \"in f $1\"; return 3; }; f x; echo $?"]),
        "in f x\n3\n"
    );
    assert_eq!(
        out(&["printf 'l1\\nl2\\n' | while read line; do echo \"got $line\"; done"]),
        "got l1\ngot l2\n"
    );
    assert_eq!(
        out(&[
            "[ 1 -lt 2 ] && echo lt",
            "[ abc ] && echo nonempty",
            "[ -z '' ] && echo empty"
        ]),
        "empty\n"
    );
    assert_eq!(
        err(&["[ 1 -lt abc ]"]),
        "bash: [: abc: integer expression expected\n"
    );
    assert_eq!(err(&["[ 1 = 1"]), "bash: [: missing `]'\n");
    assert_eq!(out(&["test -f /nope || echo missing"]), "missing\n");
    assert_eq!(
        err(&["break"]),
        "bash: break: only meaningful in a `for', `while', or `until' loop\n"
    );
}

#[test]
fn loops_are_bounded() {
    small_stack(|| {
        let (o, e) = outerr(&["while true; do :; done; echo after"]);
        assert_eq!(o, "after\n");
        assert_eq!(e, "bash: while: loop stopped after 10000 iterations\n");
        let (_, e) = outerr(&["for i in $(seq 1 20000); do :; done"]);
        assert_eq!(e, "bash: for: loop stopped after 10000 iterations\n");
        let (_, e) = outerr(&["f() { f; }; f"]);
        assert_eq!(e, "bash: f: maximum function nesting level exceeded (64)\n");
        let (o, _) = outerr(&["echo $(echo $(echo $(echo $(echo deep))))"]);
        assert_eq!(o, "deep\n");
        // Nested loops hit the per-line command budget.
        let (_, e) = outerr(&["while true; do while true; do :; done; done"]);
        assert!(e.ends_with("bash: stopped after 100000 commands\n"), "{e}");
    });
}

#[test]
fn builtins_misc() {
    assert_eq!(all(&["clear"]), "<CLEAR>");
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    let r = run(&mut sh, &mut sys, "echo a; clear; echo b");
    assert_eq!(
        r.output,
        vec![
            TermChunk::Out("a\n".into()),
            TermChunk::Clear,
            TermChunk::Out("b\n".into())
        ]
    );
    run(&mut sh, &mut sys, "sleep 1.5; sleep 2s; sleep 1m");
    assert_eq!(sys.slept, 1500 + 2000 + 60_000);
    assert_eq!(err(&["sleep abc"]), "sleep: invalid time interval \u{2018}abc\u{2019}\nTry 'sleep --help' for more information.\n");
    assert_eq!(
        err(&["sleep"]),
        "sleep: missing operand\nTry 'sleep --help' for more information.\n"
    );
    assert_eq!(out(&["type cd echo ls kubectl if"]), "cd is a shell builtin\necho is a shell builtin\nls is /usr/bin/ls\nkubectl is /usr/bin/kubectl\nif is a shell keyword\n");
    assert_eq!(err(&["type nope"]), "bash: type: nope: not found\n");
    assert_eq!(
        out(&["which kubectl ls cd; echo $?"]),
        "/usr/bin/kubectl\n/usr/bin/ls\n1\n"
    );
    assert_eq!(out(&["whoami; hostname"]), "root\ncontrolplane\n");
    assert_eq!(out(&["date"]), "Sun Nov 22 10:00:00 UTC 2026\n");
    assert_eq!(out(&["date +%Y-%m-%dT%H:%M:%SZ"]), "2026-11-22T10:00:00Z\n");
    assert_eq!(out(&["date -d @0"]), "Thu Jan  1 00:00:00 UTC 1970\n");
    assert_eq!(
        out(&["date -d '2024-02-29 12:30' '+%a %e %j %s'"]),
        "Thu 29 060 1709209800\n"
    );
    assert_eq!(out(&["exit 3", "echo unreached"]), "unreached\n");
    let mut sh = Shell::new();
    let r = run(&mut sh, &mut sys, "exit 3; echo no");
    assert_eq!(
        (r.status, r.output.is_empty(), sh.take_exit()),
        (3, true, Some(3))
    );
    assert_eq!(sh.take_exit(), None);
    assert_eq!(out(&["echo -n a; echo -e 'b\\tc\\c'; echo d"]), "ab\tcd\n");
    assert_eq!(
        out(&["printf '%5s|%-5s|%d|%q\\n' ab cd 42 'a b'"]),
        "   ab|cd   |42|a\\ b\n"
    );
    assert_eq!(out(&["printf '%s=%d\\n' a 1 b 2"]), "a=1\nb=2\n");
    assert_eq!(
        all(&["printf '%d\\n' abc"]),
        "bash: printf: abc: invalid number\n0\n"
    );
    assert_eq!(
        out(&["printf '%.2f %x %o %e\\n' 3.14159 255 8 1234.5"]),
        "3.14 ff 10 1.234500e+03\n"
    );
    assert_eq!(out(&["source /nope"]), "");
    assert_eq!(
        err(&["source /nope"]),
        "bash: /nope: No such file or directory\n"
    );
    assert_eq!(
        out(&[
            "echo 'export Z=9; alias zz=\"echo zz\"' > /tmp/rc",
            ". /tmp/rc",
            "echo $Z",
            "zz"
        ]),
        "zz\n"
    );
    assert_eq!(
        out(&[
            "echo 'echo arg=$1' > s.sh",
            "bash s.sh x",
            "sh ./s.sh y",
            "./s.sh z"
        ]),
        "arg=z\n"
    );
    assert_eq!(
        err(&["./nope.sh"]),
        "bash: ./nope.sh: No such file or directory\n"
    );
    assert_eq!(out(&["bash -c 'echo $((1+1))'"]), "2\n");
    assert_eq!(out(&["eval 'echo a; echo b'"]), "a\nb\n");
    assert_eq!(
        out(&["echo pod/a pod/b | xargs -n1 echo got"]),
        "got pod/a\ngot pod/b\n"
    );
    assert_eq!(
        out(&["kubectl get pods -o name | xargs kubectl delete"]),
        "kubectl delete pod/nginx pod/web\n"
    );
}

/// A deterministic generator for the fuzz test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() as usize) % v.len()]
    }
}

#[test]
fn random_input_never_panics() {
    small_stack(|| {
        let pieces = [
            "echo",
            "ls",
            "cat",
            "grep",
            "sed",
            "awk",
            "kubectl",
            "cd",
            "for",
            "in",
            "do",
            "done",
            "if",
            "then",
            "fi",
            "while",
            "case",
            "esac",
            "{",
            "}",
            "(",
            ")",
            "|",
            "||",
            "&&",
            ";",
            ";;",
            "&",
            ">",
            ">>",
            "<",
            "<<",
            "<<-",
            "<<<",
            "2>&1",
            "&>",
            "'",
            "\"",
            "`",
            "$",
            "$(",
            "${",
            "$((",
            "))",
            "}",
            "\\",
            "*",
            "?",
            "[",
            "]",
            "!",
            "!!",
            "!$",
            "#",
            "=",
            "x=1",
            "$x",
            "${x:-a}",
            "${#x}",
            "${x%/*}",
            "-n",
            "-e",
            "-la",
            "/tmp",
            "..",
            "~",
            "a",
            "1",
            "0",
            "-1",
            "s/a/b/g",
            "{print $1}",
            "/x/",
            "[a-z]*",
            "\\(",
            "\\{1,\\}",
            "EOF",
            "\t",
            " ",
            "  ",
            "é",
            "\u{0}",
            "%d",
            "%s",
            "{1..3}",
            "a{b,c}",
            "head",
            "tail",
            "-n",
            "sort",
            "uniq",
            "cut",
            "-d:",
            "-f2",
            "tr",
            "base64",
            "seq",
            "printf",
            "test",
            "[",
            "]",
            "-f",
            "exit",
            "history",
            "alias",
            "k=kubectl",
            "unalias",
            "source",
            "export",
            "unset",
            "read",
            "break",
            "continue",
            "return",
            "shift",
            "eval",
            "xargs",
            "tee",
            "mkdir",
            "-p",
            "rm",
            "-rf",
            "cp",
            "mv",
            "touch",
            "wc",
            "date",
            "sleep",
            "which",
            "type",
            "env",
            "set",
            "let",
            "true",
            "false",
            "clear",
            "find",
            "-name",
            "nl",
            "rev",
        ];
        let mut rng = Lcg(42);
        let mut sh = Shell::new();
        let mut sys = TestSys::new();
        for _ in 0..3000 {
            let n = 1 + rng.next() % 12;
            let mut line = String::new();
            for _ in 0..n {
                line.push_str(rng.pick(&pieces));
                if rng.next() % 3 != 0 {
                    line.push(' ');
                }
            }
            let r = sh.run_line(&line, &mut sys);
            if r.continuation && rng.next() % 4 != 0 {
                sh.cancel_pending();
            }
        }
        // Still usable afterwards.
        sh.cancel_pending();
        let r = sh.run_line("echo ok", &mut sys);
        assert_eq!(r.output.last(), Some(&TermChunk::Out("ok\n".into())));
    });
}

#[test]
fn utilities_against_bash() {
    // Outputs checked against GNU coreutils / bash 5.2 / mawk.
    let setup = "printf 'b\\na\\nc\\na\\n' > s.txt";
    assert_eq!(
        out(&[setup, "sort s.txt | uniq -c"]),
        "      2 a\n      1 b\n      1 c\n"
    );
    assert_eq!(out(&[setup, "sort -ru s.txt"]), "c\nb\na\n");
    assert_eq!(
        out(&["printf '10 x\\n9 y\\n100 z\\n' | sort -n"]),
        "9 y\n10 x\n100 z\n"
    );
    assert_eq!(
        out(&["printf '10 x\\n9 y\\n100 z\\n' | sort -k2 -r"]),
        "100 z\n9 y\n10 x\n"
    );
    assert_eq!(
        out(&["printf 'a:3\\nb:1\\n' | sort -t: -k2n"]),
        "b:1\na:3\n"
    );
    assert_eq!(
        out(&[setup, "head -2 s.txt; tail -n 1 s.txt; tail -n +3 s.txt"]),
        "b\na\na\nc\na\n"
    );
    assert_eq!(
        err(&["head -n abc /etc"]),
        "head: invalid number of lines: \u{2018}abc\u{2019}\n"
    );
    assert_eq!(
        err(&["head nope"]),
        "head: cannot open 'nope' for reading: No such file or directory\n"
    );
    assert_eq!(
        out(&[
            setup,
            "wc -l s.txt; cat s.txt | wc -l; wc s.txt; cat s.txt | wc"
        ]),
        "4 s.txt\n4\n4 4 8 s.txt\n      4       4       8\n"
    );
    assert_eq!(
        out(&["echo a:b:c:d | cut -d: -f1,3; echo hello | cut -c2-4; echo a:b:c | cut -d: -f2-"]),
        "a:c\nell\nb:c\n"
    );
    assert_eq!(err(&["cut"]), "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    assert_eq!(out(&["echo hello | tr a-z A-Z; echo abc | tr -d b; echo aaabbb | tr -s ab; echo hello | tr 'a-y' 'b-z'"]), "HELLO\nac\nab\nifmmp\n");
    assert_eq!(err(&["tr a"]), "tr: missing operand after \u{2018}a\u{2019}\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n");
    assert_eq!(
        out(&["echo -n hello | base64; echo aGVsbG8= | base64 -d; echo"]),
        "aGVsbG8=\nhello\n"
    );
    assert_eq!(all(&["echo '!!!' | base64 -d"]), "base64: invalid input\n");
    assert_eq!(
        out(&["seq 3; seq 2 4 | tr '\\n' ' '; seq -s, 3; seq 1 2 7; seq -w 8 10"]),
        "1\n2\n3\n2 3 4 1,2,3\n1\n3\n5\n7\n08\n09\n10\n"
    );
    assert_eq!(out(&["seq 1 0.5 2"]), "1.0\n1.5\n2.0\n");
    assert_eq!(out(&["echo hi | tee t.txt; cat t.txt"]), "hi\nhi\n");
    assert_eq!(
        out(&["printf 'a\\n\\nb\\n' | nl"]),
        "     1\ta\n       \n     2\tb\n"
    );
    // grep
    let pod = "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: nginx\\nspec:\\n  containers:\\n  - image: nginx:1.25\\n    name: nginx\\n' > pod.yaml";
    assert_eq!(
        out(&[pod, "grep -A1 image pod.yaml"]),
        "  - image: nginx:1.25\n    name: nginx\n"
    );
    assert_eq!(out(&[pod, "grep -B2 -n name pod.yaml"]), "2-kind: Pod\n3-metadata:\n4:  name: nginx\n--\n6-  containers:\n7-  - image: nginx:1.25\n8:    name: nginx\n");
    assert_eq!(
        out(&[pod, "grep -C1 kind pod.yaml"]),
        "apiVersion: v1\nkind: Pod\nmetadata:\n"
    );
    assert_eq!(
        out(&[pod, "grep -o 'nginx[:0-9.]*' pod.yaml"]),
        "nginx\nnginx:1.25\nnginx\n"
    );
    assert_eq!(
        out(&[pod, "grep -r nginx ."]),
        "./pod.yaml:  name: nginx\n./pod.yaml:  - image: nginx:1.25\n./pod.yaml:    name: nginx\n"
    );
    assert_eq!(out(&[pod, "grep -rc nginx"]), "pod.yaml:3\n");
    assert_eq!(
        out(&[
            pod,
            "grep -iE '^(KIND|SPEC)' pod.yaml; grep 'image\\|kind' pod.yaml"
        ]),
        "kind: Pod\nspec:\nkind: Pod\n  - image: nginx:1.25\n"
    );
    assert_eq!(
        out(&[
            pod,
            "grep -c '' pod.yaml; grep -w -c name pod.yaml; grep -x 'kind: Pod' pod.yaml"
        ]),
        "8\n2\nkind: Pod\n"
    );
    assert_eq!(
        all(&[pod, "grep -E '(' pod.yaml; echo $?"]),
        "grep: Unmatched ( or \\(\n2\n"
    );
    assert_eq!(
        all(&["grep x nope; echo $?"]),
        "grep: nope: No such file or directory\n2\n"
    );
    // sed
    assert_eq!(
        out(&[pod, "sed -n '/containers/,$p' pod.yaml"]),
        "  containers:\n  - image: nginx:1.25\n    name: nginx\n"
    );
    assert_eq!(
        out(&[pod, "sed '/^spec/,/^  -/d' pod.yaml"]),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n    name: nginx\n"
    );
    assert_eq!(
        out(&[
            pod,
            "sed -i 's/nginx:1.25/nginx:1.26/' pod.yaml",
            "grep image pod.yaml"
        ]),
        "  - image: nginx:1.26\n"
    );
    assert_eq!(out(&["echo 'hello world' | sed -E 's/(h\\w+) (w\\w+)/\\2 \\1/'; echo a.b.c | sed 's/\\./-/g'"]), "world hello\na-b-c\n");
    assert_eq!(
        out(&["printf 'l1\\nl2\\nl3\\n' | sed '2d;$s/l/L/'"]),
        "l1\nL3\n"
    );
    assert_eq!(
        err(&["echo | sed 's/a/b'"]),
        "sed: -e expression #1, char 5: unterminated `s' command\n"
    );
    // awk
    assert_eq!(
        out(&["printf 'a 1\\nb 2\\nc 3\\n' | awk '$2 > 1 {s += $2} END {print s}'"]),
        "5\n"
    );
    assert_eq!(out(&["echo a,b,c | awk -F, '{print $NF, NF}'"]), "c 3\n");
    assert_eq!(
        out(&["awk 'BEGIN { printf \"%05.1f|%-4s|%d\\n\", 3.14159, \"ab\", 42 }'"]),
        "003.1|ab  |42\n"
    );
    assert_eq!(out(&["awk 'BEGIN { print substr(\"hello\", 2, 3), index(\"hello\", \"ll\"), length(\"abc\"), toupper(\"x\") }'"]), "ell 3 3 X\n");
    assert_eq!(
        out(&["awk 'BEGIN { n = split(\"a:b:c\", arr, \":\"); print n, arr[3] }'"]),
        "3 c\n"
    );
    assert_eq!(out(&["echo '3 4' | awk '{ print $1 + $2, $1 $2, ($1 < $2) }'; echo '10 9' | awk '{ print ($1 < $2) }'"]), "7 34 1\n0\n");
    assert_eq!(
        out(&[
            "echo a b c | awk '{ print NF; NF=2; print }'; echo a b | awk '{ $1 = \"X\"; print }'"
        ]),
        "3\na b\nX b\n"
    );
    assert_eq!(out(&[pod, "awk '{ gsub(\"n\", \"N\") } 1' pod.yaml | tail -1; awk 'NR % 4 == 0 { print NR\": \"$0 }' pod.yaml"]), "    Name: NgiNx\n4:   name: nginx\n8:     name: nginx\n");
    assert_eq!(
        err(&["awk '{'"]),
        "awk: line 2: missing } near end of file\n"
    );
}

#[test]
fn files_and_ls() {
    assert_eq!(
        out(&["mkdir -p x/y; touch x/f1 x/y/f2; ls -R x | cat"]),
        "x:\nf1\ny\n\nx/y:\nf2\n"
    );
    assert_eq!(
        all(&["mkdir x", "ls x nope"]),
        "ls: cannot access 'nope': No such file or directory\nx:\n"
    );
    assert_eq!(status(&["ls nope"]), 2);
    assert_eq!(
        err(&["mkdir d", "mkdir d"]),
        "mkdir: cannot create directory \u{2018}d\u{2019}: File exists\n"
    );
    assert_eq!(
        err(&["mkdir a/b/c"]),
        "mkdir: cannot create directory \u{2018}a/b/c\u{2019}: No such file or directory\n"
    );
    assert_eq!(
        err(&["mkdir d", "rm d"]),
        "rm: cannot remove 'd': Is a directory\n"
    );
    assert_eq!(
        err(&["rm nope"]),
        "rm: cannot remove 'nope': No such file or directory\n"
    );
    assert_eq!(err(&["rm -f nope"]), "");
    assert_eq!(err(&["rm -rf /"]), "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
    assert_eq!(
        err(&["cp nope x"]),
        "cp: cannot stat 'nope': No such file or directory\n"
    );
    assert_eq!(
        err(&["mkdir d", "cp d e"]),
        "cp: -r not specified; omitting directory 'd'\n"
    );
    assert_eq!(
        err(&["mv nope x"]),
        "mv: cannot stat 'nope': No such file or directory\n"
    );
    assert_eq!(
        err(&["touch /nope/x"]),
        "touch: cannot touch '/nope/x': No such file or directory\n"
    );
    assert_eq!(err(&["cat nope"]), "cat: nope: No such file or directory\n");
    assert_eq!(err(&["cat /tmp"]), "cat: /tmp: Is a directory\n");
    assert_eq!(
        err(&["ls -z"]),
        "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n"
    );
    assert_eq!(out(&["echo a > f; cp f g; mv g h; ls | cat"]), "f\nh\n");
    assert_eq!(
        out(&["mkdir d; echo a > f; cp f d; mv f d/g; ls d | cat; ls | cat"]),
        "f\ng\nd\n"
    );
    assert_eq!(
        out(&["mkdir -p d/e; echo x > d/e/f; cp -r d d2; cat d2/e/f; rm -r d; ls | cat"]),
        "x\nd2\n"
    );
    // Columns like GNU ls on an 80-column terminal.
    let files = "touch a bb ccc dddd eeeee kube-apiserver.yaml kube-controller-manager.yaml kube-scheduler.yaml etcd.yaml x y z 123 longer-file-name-here.txt another.one";
    assert_eq!(
        out(&["mkdir c; cd c", files, "ls"]),
        "123          bb    eeeee                kube-controller-manager.yaml  x\n\
         a            ccc   etcd.yaml            kube-scheduler.yaml           y\n\
         another.one  dddd  kube-apiserver.yaml  longer-file-name-here.txt     z\n"
    );
    assert_eq!(
        out(&["mkdir c; cd c", "touch $(seq 1 12)", "ls"]),
        "1  10  11  12  2  3  4  5  6  7  8  9\n"
    );
    assert_eq!(
        out(&[
            "cd /etc/kubernetes/manifests",
            "touch etcd.yaml kube-apiserver.yaml",
            "ls *.yaml"
        ]),
        "etcd.yaml  kube-apiserver.yaml\n"
    );
    assert_eq!(
        out(&[
            "touch /etc/kubernetes/manifests/a.yaml /etc/kubernetes/manifests/b.yaml",
            "rm /etc/kubernetes/manifests/*",
            "ls /etc/kubernetes/manifests"
        ]),
        ""
    );
    assert_eq!(out(&["echo *.nomatch"]), "*.nomatch\n");
    assert_eq!(
        out(&["touch .hidden vis", "echo *", "ls -a | cat"]),
        ".\n..\n.hidden\nvis\n"
    );
    // ls -l: sizes right-aligned, dates as GNU prints them, total in 1K blocks.
    assert_eq!(
        out(&["mkdir d; echo hello > f; printf '%05000d' 0 > big", "ls -l"]),
        "total 16\n-rw-r--r-- 1 root root 5000 Nov 22 10:00 big\ndrwxr-xr-x 2 root root 4096 Nov 22 10:00 d\n-rw-r--r-- 1 root root    6 Nov 22 10:00 f\n"
    );
    assert_eq!(
        out(&["ls -ld /etc"]),
        "drwxr-xr-x 3 root root 4096 Jan  1  1970 /etc\n"
    );
    assert_eq!(
        out(&["echo hi > f", "ls -lh f"]),
        "-rw-r--r-- 1 root root 3 Nov 22 10:00 f\n"
    );
    assert_eq!(out(&["find /etc -name '*.yaml' -o -type d"]), "");
    assert_eq!(
        out(&[
            "touch /etc/kubernetes/manifests/etcd.yaml",
            "find /etc -name '*.yaml'"
        ]),
        "/etc/kubernetes/manifests/etcd.yaml\n"
    );
    assert_eq!(
        out(&["find /etc -type d"]),
        "/etc\n/etc/kubernetes\n/etc/kubernetes/manifests\n"
    );
    assert_eq!(
        out(&["basename /a/b.yaml .yaml; dirname /a/b.yaml; dirname b"]),
        "b\n/a\n.\n"
    );
}

#[test]
fn tab_completion() {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    run(&mut sh, &mut sys, "touch /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/manifests/kube-scheduler.yaml");
    run(&mut sh, &mut sys, "alias k=kubectl");
    let c = sh.complete("kubec", &mut sys);
    assert_eq!(
        c,
        Completion {
            line: "kubectl ".into(),
            candidates: vec![]
        }
    );
    let c = sh.complete("ls /etc/kub", &mut sys);
    assert_eq!(c.line, "ls /etc/kubernetes/");
    let c = sh.complete("cat /etc/kubernetes/manifests/kube-", &mut sys);
    assert_eq!(c.line, "cat /etc/kubernetes/manifests/kube-");
    assert_eq!(
        c.candidates,
        vec!["kube-apiserver.yaml", "kube-scheduler.yaml"]
    );
    let c = sh.complete("cat /etc/kubernetes/manifests/kube-a", &mut sys);
    assert_eq!(c.line, "cat /etc/kubernetes/manifests/kube-apiserver.yaml ");
    assert_eq!(
        sh.complete("k get deploy", &mut sys).line,
        "k get deployments "
    );
    let c = sh.complete("k get po", &mut sys);
    assert_eq!((c.line.as_str(), c.candidates.len()), ("k get pod", 2));
    assert_eq!(
        sh.complete("kubectl des", &mut sys).line,
        "kubectl describe "
    );
    assert_eq!(
        sh.complete("echo hi | gr", &mut sys).line,
        "echo hi | grep "
    );
    assert_eq!(sh.complete("his", &mut sys).line, "history ");
    assert_eq!(
        sh.complete("nothing-matches-this", &mut sys).line,
        "nothing-matches-this"
    );
}

#[test]
fn process_substitution() {
    assert_eq!(out(&["cat <(echo hi; echo there)"]), "hi\nthere\n");
    assert_eq!(out(&["source <(echo 'export PS=1')", "echo $PS"]), "1\n");
    assert_eq!(all(&["source <(echo 'if [[ x')", "echo $?"]), "0\n");
    assert_eq!(
        out(&["complete -o default -F __start_kubectl k; echo $?"]),
        "0\n"
    );
    assert_eq!(out(&["cat <(echo a)", "ls /dev/fd"]), "");
}

#[test]
fn double_brackets() {
    assert_eq!(out(&["x=''; [[ $x == '' ]] && echo empty"]), "empty\n");
    assert_eq!(
        out(&["[[ kube-proxy == kube-* ]] && echo match"]),
        "match\n"
    );
    assert_eq!(out(&["[[ v1.25 =~ ^v[0-9]+ ]] && echo re"]), "re\n");
    assert_eq!(
        out(&["[[ -d /tmp ]] && [[ ! -f /tmp ]] && echo dir"]),
        "dir\n"
    );
    assert_eq!(
        err(&["[[ -d /tmp"]),
        "bash: syntax error in conditional expression\n"
    );
}

#[test]
fn arithmetic_commands() {
    assert_eq!(
        out(&["N=3; for ((i=0; i<N; i++)); do echo $i; done"]),
        "0\n1\n2\n"
    );
    assert_eq!(
        out(&["i=0; while ((i < 2)); do ((i++)); done; echo $i"]),
        "2\n"
    );
    assert_eq!(
        out(&["(( 0 )); echo $?; (( 5 > 3 )) && echo yes"]),
        "1\nyes\n"
    );
    assert_eq!(
        out(&["for ((;;)); do :; done 2>&1 | head -1"]),
        "bash: for: loop stopped after 10000 iterations\n"
    );
    assert_eq!(out(&["( (echo nested) )"]), "nested\n");
}

#[test]
fn random_utility_arguments_never_panic() {
    small_stack(|| {
        let cmds = [
            "cat", "ls", "mkdir", "rmdir", "rm", "cp", "mv", "touch", "head", "tail", "wc", "grep",
            "sort", "uniq", "cut", "tr", "sed", "awk", "base64", "tee", "seq", "date", "env",
            "printenv", "printf", "echo", "test", "[", "[[", "basename", "dirname", "uname",
            "find", "xargs", "nl", "rev", "tac", "history", "alias", "export", "read", "type",
            "which", "cd", "sleep", "let", "shift", "set", "unset", "source", "bash", "realpath",
            "timeout",
        ];
        let args = [
            "-",
            "--",
            "-n",
            "-n5",
            "-5",
            "+3",
            "-c",
            "-k2,3n",
            "-t:",
            "-d",
            "-f1-",
            "-f",
            "0",
            "-1",
            "99999999999999999999",
            "1.5",
            "a",
            "b",
            "/",
            "/tmp",
            "/nope",
            ".",
            "..",
            "*",
            "'",
            "\"",
            "\\",
            "s/a/b/",
            "s/\\(a\\)/\\1\\2/",
            "/x/,/y/p",
            "$!N",
            "y/ab/c/",
            "{print $1}",
            "{print $NF; NF=-1}",
            "BEGIN{while(1)x++}",
            "{a[$1]++}END{for(k in a)print k}",
            "%d",
            "%s%s%q",
            "%*d",
            "%.999999f",
            "[a-",
            "[[:foo:]]",
            "a{1,",
            "\\{2\\}",
            "(a|",
            "-E",
            "-F",
            "-i",
            "-v",
            "-w",
            "-x",
            "-o",
            "-A1",
            "-B",
            "-C2",
            "-r",
            "-l",
            "--color=auto",
            "-e",
            "-s",
            "-u",
            "-z",
            "@0",
            "-d",
            "+%Y%j%N%-d%:z%",
            "1 2",
            "-eq",
            "!",
            "(",
            ")",
            "-a",
            "=",
            "==",
            "=~",
            "x=1",
            "-p",
            "-w0",
            "-w",
            "abc",
            "--help",
            "-R",
            "-lah",
            "-ld",
            "-S",
            "-t",
            "--version",
            "\t",
            "",
        ];
        let mut rng = Lcg(19);
        let mut sh = Shell::new();
        let mut sys = TestSys::new();
        sh.run_line(
            "printf 'a b\\nc d\\na b\\n' > f; mkdir -p /tmp/d/e; echo x > /tmp/d/e/g",
            &mut sys,
        );
        for _ in 0..4000 {
            let mut argv = vec![rng.pick(&cmds).to_string()];
            for _ in 0..(rng.next() % 6) {
                argv.push(rng.pick(&args).to_string());
            }
            if rng.next() % 2 == 0 {
                argv.push("f".into());
            }
            let mut io = Io::new("line one\nline two\n\u{e9}\n".into());
            let _ = sh.dispatch(&argv, &mut sys, &mut io);
            sh.flow = Flow::Normal;
            sh.depth = 0;
            sh.loop_depth = 0;
        }
    });
}

#[test]
fn small_fixes() {
    assert_eq!(out(&["echo 'a|b|c' | awk -F'|' '{print $2}'"]), "b\n");
    assert_eq!(out(&["echo 'a.b' | awk -F. '{print $2}'"]), "b\n");
    assert_eq!(out(&["mkdir -p /tmp/q/z", "ls --color=auto /tmp/q"]), "z\n");
}

#[test]
fn sudo_and_time() {
    assert_eq!(
        out(&["sudo kubectl get pods -o name"]),
        "pod/nginx\npod/web\n"
    );
    assert_eq!(out(&["sudo -E echo hi"]), "hi\n");
    assert_eq!(
        outerr(&["time sleep 2"]),
        (
            String::new(),
            "\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n".into()
        )
    );
}

#[test]
fn externals_get_cwd_and_environment() {
    let mut sh = Shell::new();
    let mut sys = TestSys::new();
    run(
        &mut sh,
        &mut sys,
        "cd /etc/kubernetes && export KUBECONFIG=/etc/kubernetes/admin.conf && kubectl version",
    );
    assert_eq!(
        sys.context,
        (
            "/etc/kubernetes".to_string(),
            Some("/etc/kubernetes/admin.conf".to_string())
        )
    );
    assert_eq!(
        sys.ran.last().map(|v| v.join(" ")),
        Some("kubectl version".to_string())
    );
    assert!(sh.env().iter().any(|(k, v)| k == "HOME" && v == "/root"));
}

#[test]
fn deep_nesting_is_bounded() {
    small_stack(|| {
        let deep_sub = format!("echo {}x{}", "$(echo ".repeat(80), ")".repeat(80));
        let (_, e) = outerr(&[&deep_sub]);
        assert!(e.contains("maximum nesting level exceeded"), "{e}");
        let parens = format!("{}echo p{}", "( ".repeat(39), " )".repeat(39));
        assert_eq!(out(&[&parens]), "p\n");
        let braces = format!("{}echo b;{}", "{ ".repeat(39), " };".repeat(39));
        assert_eq!(out(&[&braces]), "b\n");
        let ifs = format!("{}echo i{}", "if true; then ".repeat(39), "; fi".repeat(39));
        assert_eq!(out(&[&ifs]), "i\n");
        let too_deep = format!("{}echo i{}", "if true; then ".repeat(45), "; fi".repeat(45));
        assert_eq!(
            err(&[&too_deep]),
            "bash: syntax error near unexpected token `true'\n"
        );
        let long_pipe = vec!["echo x"; 2000].join(" | ");
        assert_eq!(out(&[&long_pipe]), "x\n");
        let arith = format!("echo $(({}1{}))", "(".repeat(300), ")".repeat(300));
        let _ = outerr(&[&arith]);
        let re = format!("echo aaa | grep -E '{}a{}'", "(".repeat(60), ")".repeat(60));
        let _ = outerr(&[&re]);
        let awk = format!(
            "awk 'BEGIN {{ print {}1{} }}'",
            "(".repeat(400),
            ")".repeat(400)
        );
        let _ = outerr(&[&awk]);
        let sed_blocks = format!("echo a | sed '{}p{}'", "{".repeat(300), "}".repeat(300));
        let _ = outerr(&[&sed_blocks]);
        let chain = format!("awk 'BEGIN {{ print 1{} }}'", "+1".repeat(5000));
        assert_eq!(outerr(&[&chain]).1, "awk: program too deeply nested\n");
        let concat = format!("awk 'BEGIN {{ print \"a\"{} }}'", " \"a\"".repeat(100));
        assert_eq!(outerr(&[&concat]).0, format!("{}\n", "a".repeat(101)));
        let sum = format!("echo $((1{}))", "+1".repeat(5000));
        assert_eq!(out(&[&sum]), "5001\n");
        let long = format!("echo {} | grep -cE '(a|b)*c'", "ab".repeat(3000));
        let _ = outerr(&[&long]);
        let long = format!("echo {}c | grep -oE '(ab)+c' | wc -c", "ab".repeat(100));
        assert_eq!(out(&[&long]), "202\n");
    });
}

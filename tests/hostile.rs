//! The hostile input corpus: every line of `tests/hostile/commands.txt` and every manifest in
//! `tests/hostile/manifests/` (applied with kubectl), plus generated giants (a 10 MB file, a
//! 1 MB line). Each must give an answer — output or an error message — without a panic, with
//! bounded output, and the cluster must stay usable afterwards.
//! Lines are literal except `\xNN`, which stands for that byte (invalid UTF-8, control characters).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use kube_playground::session::Session;
use kube_playground::shell::TermChunk;

/// No single line may print more than this (the terminal would drown).
const MAX_OUTPUT_BYTES: usize = 4 * 1024 * 1024;

fn decode(line: &str) -> String {
    let mut bytes = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1] == b'x' {
            if let Ok(v) = u8::from_str_radix(&line[i + 2..i + 4], 16) {
                bytes.push(v);
                i += 4;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    // What the terminal and the runner do with a paste that is not UTF-8.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn output_len(chunks: &[TermChunk]) -> usize {
    chunks
        .iter()
        .map(|c| match c {
            TermChunk::Out(s) | TermChunk::Err(s) => s.len(),
            TermChunk::Clear => 0,
        })
        .sum()
}

/// Runs one line; returns an error text if it panicked or printed too much.
fn run_checked(session: &mut Session, line: &str) -> Result<(), String> {
    let result = catch_unwind(AssertUnwindSafe(|| session.run_line(line)));
    match result {
        Err(_) => Err(format!("panicked on {line:?}")),
        Ok(outcome) => {
            let n = output_len(&outcome.result.output);
            if n > MAX_OUTPUT_BYTES {
                return Err(format!("{line:?} printed {n} bytes"));
            }
            Ok(())
        }
    }
}

/// The cluster still answers.
fn healthy(session: &mut Session) -> bool {
    // Leave any open quote or here-document first, as Ctrl+C would.
    session.shell.cancel_pending();
    // `default` can never be deleted, so it always lists (nodes, by contrast, may be deleted).
    let out = session.run_line("kubectl get ns default");
    out.result
        .output
        .iter()
        .any(|c| matches!(c, TermChunk::Out(s) if s.contains("default")))
}

/// kube-apiserver's or etcd's static pod manifest is gone from the control-plane node.
fn control_plane_removed(session: &Session) -> bool {
    let Some(fs) = session.cluster.node_fs.get("controlplane") else {
        return true;
    };
    !["kube-apiserver.yaml", "etcd.yaml"]
        .iter()
        .all(|f| fs.is_file(&format!("/etc/kubernetes/manifests/{f}")))
}

#[test]
fn hostile_commands_get_answers_and_the_cluster_survives() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/commands.txt");
    let corpus = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = corpus.lines().collect();
    assert!(lines.len() >= 500, "the corpus has {} cases", lines.len());
    let mut failures = vec![];
    let mut session = Session::new(0);
    for (i, raw) in lines.iter().enumerate() {
        let line = decode(raw);
        if let Err(e) = run_checked(&mut session, &line) {
            failures.push(format!("case {}: {e}", i + 1));
            session = Session::new(0);
            continue;
        }
        if control_plane_removed(&session) {
            // The input took the control plane down as it would on a real node (`rm -rf
            // /etc/kubernetes/manifests`): kubectl answers "connection refused" from now on,
            // which `tests/transcripts/node-apiserver-down.sh` checks. A learner starts over.
            session = Session::new(0);
            continue;
        }
        if i % 20 == 19 && !healthy(&mut session) {
            failures.push(format!("cluster unusable after case {} ({raw:?})", i + 1));
            session = Session::new(0);
        }
    }
    assert!(healthy(&mut session));
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn hostile_manifests_get_answers_and_the_cluster_survives() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/manifests");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    assert!(files.len() >= 50, "{} manifests", files.len());
    let mut failures = vec![];
    let mut session = Session::new(0);
    let write = |session: &mut Session, name: &str, text: &str| {
        let now = session.cluster.now();
        if let Some(fs) = session.cluster.node_fs.get_mut("controlplane") {
            let _ = fs.mkdir_p("/root/hostile", now);
            let _ = fs.write(&format!("/root/hostile/{name}"), text, now);
        }
    };
    let mut cases: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let bytes = std::fs::read(p).unwrap_or_default();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    // Giants are made here rather than checked in.
    cases.push((
        "ten-megabytes.yaml".into(),
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: {}\n",
            "z".repeat(10 * 1024 * 1024)
        ),
    ));
    cases.push((
        "many-docs.yaml".into(),
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n".repeat(5000),
    ));
    for (name, text) in &cases {
        write(&mut session, name, text);
        for cmd in ["apply -f", "create -f", "delete -f"] {
            let line = format!("kubectl {cmd} /root/hostile/{name}");
            if let Err(e) = run_checked(&mut session, &line) {
                failures.push(format!("{name}: {e}"));
                session = Session::new(0);
            }
        }
        // Static pod path too: the kubelet reads whatever lands there.
        let line = format!("cp /root/hostile/{name} /etc/kubernetes/manifests/hostile.yaml; sleep 1; rm -f /etc/kubernetes/manifests/hostile.yaml");
        if let Err(e) = run_checked(&mut session, &line) {
            failures.push(format!("{name} as a static pod: {e}"));
            session = Session::new(0);
        }
        if !healthy(&mut session) {
            failures.push(format!("cluster unusable after {name}"));
            session = Session::new(0);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

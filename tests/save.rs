//! Saved sessions: a save restores the same cluster, files, clock and shell; damaged or newer
//! saves are refused with a reason, never a crash.

use kube_playground::session::{LoadError, Session, SAVE_FORMAT_VERSION};
use kube_playground::shell::TermChunk;

fn out(s: &mut Session, line: &str) -> String {
    s.run_line(line)
        .result
        .output
        .iter()
        .map(|c| match c {
            TermChunk::Out(t) | TermChunk::Err(t) => t.clone(),
            TermChunk::Clear => String::new(),
        })
        .collect()
}

#[test]
fn a_save_restores_cluster_files_clock_and_shell() {
    let mut s = Session::new(3);
    out(&mut s, "kubectl run web --image=nginx");
    out(&mut s, "alias k=kubectl");
    out(
        &mut s,
        "mkdir -p /root/work && cd /root/work && echo hello > note.txt",
    );
    out(&mut s, "sleep 20");
    let before = (
        out(&mut s, "kubectl get pods -A -o wide"),
        out(&mut s, "ls /root/work"),
        out(&mut s, "pwd"),
    );
    let saved = s.save();
    let mut r = Session::load(&saved).expect("loads");
    assert_eq!(r.cluster.now(), s.cluster.now());
    let after = (
        out(&mut r, "kubectl get pods -A -o wide"),
        out(&mut r, "ls /root/work"),
        out(&mut r, "pwd"),
    );
    assert_eq!(before, after);
    assert_eq!(out(&mut r, "k get pod web -o name"), "pod/web\n");
    assert_eq!(out(&mut r, "cat note.txt"), "hello\n");
    // Both go on identically.
    assert_eq!(
        out(
            &mut s,
            "kubectl run two --image=redis; sleep 5; kubectl get pods"
        ),
        out(
            &mut r,
            "kubectl run two --image=redis; sleep 5; kubectl get pods"
        )
    );
}

#[test]
fn damaged_and_newer_saves_are_refused_with_a_reason() {
    assert!(matches!(Session::load(""), Err(LoadError::Corrupt(_))));
    assert!(matches!(
        Session::load("{not json"),
        Err(LoadError::Corrupt(_))
    ));
    assert!(matches!(
        Session::load("{\"version\": 1}"),
        Err(LoadError::Corrupt(_))
    ));
    let newer = format!("{{\"version\": {}}}", SAVE_FORMAT_VERSION + 1);
    assert_eq!(
        Session::load(&newer).err(),
        Some(LoadError::TooNew(SAVE_FORMAT_VERSION + 1))
    );
    let saved = Session::new(0).save();
    let truncated = &saved[..saved.len() / 2];
    assert!(matches!(
        Session::load(truncated),
        Err(LoadError::Corrupt(_))
    ));
}

//! Share links carry a session's journal: a fresh session with the same seed (and lesson step)
//! that replays it is the same session — same objects, files, clock and shell.

use kube_playground::lessons;
use kube_playground::session::journal::Journal;
use kube_playground::session::Session;
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

/// What a learner sees of a session.
fn view(s: &Session) -> String {
    let mut copy = Session::load(&s.save()).unwrap();
    [
        "kubectl get all,cm,secret,sa,ing,pv,pvc -A -o wide --show-labels",
        "kubectl get events -A --sort-by=.metadata.creationTimestamp",
        "kubectl get pods -A -o yaml",
        "ls -laR /root /etc/kubernetes",
        "history",
        "alias",
        "date",
    ]
    .iter()
    .map(|l| format!("$ {l}\n{}", out(&mut copy, l)))
    .collect()
}

/// The page's clock moves in small steps (its interval); the replay jumps to each entry's time.
fn tick_like_the_page(s: &mut Session, seconds: i64) {
    for _ in 0..seconds * 4 {
        s.tick(250);
    }
}

#[test]
fn a_replayed_journal_is_the_same_session() {
    let mut s = Session::new(11);
    out(
        &mut s,
        "kubectl create deployment web --image=nginx --replicas=3",
    );
    tick_like_the_page(&mut s, 7);
    out(&mut s, "kubectl run bad --image=redis123");
    tick_like_the_page(&mut s, 40);
    out(&mut s, "alias k=kubectl");
    out(&mut s, "k scale deploy web --replicas=1");
    s.write_file(
        "/root/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n  - name: box\n    image: busybox\n",
    )
    .unwrap();
    tick_like_the_page(&mut s, 3);
    out(&mut s, "kubectl apply -f pod.yaml");
    out(&mut s, "cat <<EOF > notes.txt");
    out(&mut s, "first line");
    s.interrupt();
    out(&mut s, "echo kept > kept.txt");
    tick_like_the_page(&mut s, 95);

    let journal: Journal = serde_json::from_str(&serde_json::to_string(&s.journal).unwrap())
        .expect("the journal survives JSON");
    assert_eq!(journal.entries.len(), 10);
    let replayed = journal.replay(s.cluster.now()).expect("replayable");
    assert_eq!(replayed.cluster.now(), s.cluster.now());
    same_view(&replayed, &s);
}

/// The two views, line by line: the first difference is the message.
fn same_view(replayed: &Session, original: &Session) {
    // Heartbeats (lease renewals, node status) are written lazily, when the clock moves: the
    // page's many small ticks write more of them than a replay's jumps, so only the
    // resourceVersions may differ.
    let strip = |v: String| {
        v.lines()
            .filter(|l| !l.trim_start().starts_with("resourceVersion:"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    let (a, b) = (strip(view(replayed)), strip(view(original)));
    let mut diffs = 0;
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            eprintln!("line {i}: {x} | {y}");
            diffs += 1;
        }
    }
    assert_eq!(diffs, 0);
    assert_eq!(a.lines().count(), b.lines().count());
}

#[test]
fn a_lesson_step_replays_from_that_step() {
    let lesson = lessons::all()
        .iter()
        .find(|l| l.steps.len() >= 2)
        .expect("a lesson with steps");
    let mut s = Session::for_lesson(lesson, 1, 5);
    assert_eq!(s.journal.lesson, Some((lesson.id.clone(), 1)));
    assert!(
        s.journal.entries.is_empty(),
        "the setup is not in the journal"
    );
    out(&mut s, "kubectl create namespace extra");
    tick_like_the_page(&mut s, 12);
    let replayed = s.journal.replay(s.cluster.now()).expect("replayable");
    same_view(&replayed, &s);
}

#[test]
fn an_old_save_or_a_long_session_is_not_replayable() {
    let mut s = Session::new(2);
    for i in 0..kube_playground::session::journal::MAX_ENTRIES + 1 {
        s.journal.record(
            0,
            kube_playground::session::journal::Entry::Line(format!("echo {i}")),
        );
    }
    assert!(!s.journal.complete);
    assert!(s.journal.entries.is_empty());
    assert!(s.journal.replay(0).is_none());

    // A save from before journals existed loads, with a journal that cannot be replayed.
    let mut v: serde_json::Value = serde_json::from_str(&Session::new(3).save()).unwrap();
    v.as_object_mut().unwrap().remove("journal");
    let old = Session::load(&v.to_string()).unwrap();
    assert!(old.journal.replay(0).is_none());
}

#[test]
fn a_share_payload_opens_the_same_session_and_step() {
    use kube_playground::session::journal::{open_share, share_payload};
    let mut s = Session::new(8);
    out(&mut s, "kubectl run web --image=nginx");
    tick_like_the_page(&mut s, 5);
    let payload = share_payload(&s, Some(("first-pod".into(), 2)));
    assert!(payload.len() < 400, "{payload}");
    let (opened, panel) = open_share(&payload).unwrap();
    assert_eq!(panel, Some(("first-pod".into(), 2)));
    same_view(&opened, &s);

    // A restored old save has no journal: the link carries the state.
    let mut v: serde_json::Value = serde_json::from_str(&s.save()).unwrap();
    v.as_object_mut().unwrap().remove("journal");
    let old = Session::load(&v.to_string()).unwrap();
    let payload = share_payload(&old, None);
    assert!(payload.contains("\"save\""));
    let (opened, panel) = open_share(&payload).unwrap();
    assert_eq!(panel, None);
    same_view(&opened, &s);

    for bad in [
        "",
        "{",
        "{\"v\":2}",
        "{\"v\":1}",
        "[1,2]",
        "{\"v\":1,\"save\":{\"version\":99}}",
    ] {
        assert!(open_share(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_link_that_asks_for_months_of_replay_is_refused() {
    use kube_playground::session::journal::open_share;
    let s = Session::new(1);
    let mut j = s.journal.clone();
    j.entries.push((
        s.cluster.now() + 1000,
        kube_playground::session::journal::Entry::Line("date".into()),
    ));
    let far = s.cluster.now() + 90 * 24 * 3600 * 1000;
    let payload = serde_json::json!({"v": 1, "journal": j, "now": far}).to_string();
    assert!(open_share(&payload).is_err());
    let payload = serde_json::json!({"v": 1, "journal": j, "now": s.cluster.now()}).to_string();
    assert!(open_share(&payload).is_err(), "an entry after the end");
}

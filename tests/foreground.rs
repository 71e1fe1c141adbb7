//! `kubectl get -w` in the page's terminal runs on as the cluster changes until Ctrl+C; in a
//! pipe, a file or the native runner it stops on its own.

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

fn page_session() -> Session {
    let mut s = Session::new(4);
    s.editor_pane = true;
    s
}

#[test]
fn a_watch_in_the_page_prints_each_change_until_ctrl_c() {
    let mut s = page_session();
    out(&mut s, "kubectl run web --image=nginx");
    let start = s.cluster.now();
    let first = out(&mut s, "kubectl get pods -w; echo after");
    assert_eq!(
        first,
        "NAME   READY   STATUS              RESTARTS   AGE\nweb    0/1     ContainerCreating   0          0s\n",
        "the table, and the rest of the line waits"
    );
    assert_eq!(s.cluster.now(), start, "no time passed");
    assert!(s.foreground_running());
    let mut rows = String::new();
    for _ in 0..40 {
        s.tick(250);
        rows.push_str(&s.poll_foreground().text);
    }
    assert!(
        rows.contains("web    1/1     Running             0          "),
        "{rows}"
    );
    assert!(!rows.contains("NAME"), "no second header: {rows}");
    s.interrupt();
    assert!(!s.foreground_running());
    out(&mut s, "kubectl delete pod web --wait=false");
    s.tick(5000);
    assert_eq!(s.poll_foreground().text, "", "stopped");
    // The next line runs normally.
    assert_eq!(out(&mut s, "echo next"), "next\n");
}

#[test]
fn piped_or_redirected_a_watch_stops_on_its_own() {
    let mut s = page_session();
    out(&mut s, "kubectl run web --image=nginx");
    let start = s.cluster.now();
    let piped = out(&mut s, "kubectl get pods -w | grep -c web");
    assert!(!s.foreground_running());
    assert!(piped.trim().parse::<u32>().unwrap() >= 2, "{piped}");
    assert!(
        s.cluster.now() - start >= 10_000,
        "it watched on the cluster clock"
    );
    out(&mut s, "kubectl get pods -w > /root/w.txt");
    assert!(!s.foreground_running());
    assert!(out(&mut s, "cat /root/w.txt").starts_with("NAME"));
}

#[test]
fn without_a_page_the_watch_is_bounded() {
    let mut s = Session::new(4);
    out(&mut s, "kubectl run web --image=nginx");
    let text = out(&mut s, "kubectl get pods -w; echo after");
    assert!(!s.foreground_running());
    assert!(text.ends_with("after\n"), "{text}");
}

#[test]
fn a_replayed_journal_with_a_live_watch_is_the_same_session() {
    let mut s = page_session();
    out(
        &mut s,
        "kubectl create deployment web --image=nginx --replicas=2",
    );
    out(&mut s, "kubectl get pods -w; kubectl delete deployment web");
    for _ in 0..20 {
        s.tick(250);
        s.poll_foreground();
    }
    s.interrupt();
    out(&mut s, "kubectl scale deployment web --replicas=3");
    s.tick(3000);
    let replayed = s.journal.replay(s.cluster.now()).expect("replayable");
    let mut a = replayed.clone();
    a.editor_pane = true;
    let mut b = s.clone();
    assert_eq!(
        out(&mut a, "kubectl get deploy,rs -o wide"),
        out(&mut b, "kubectl get deploy,rs -o wide")
    );
    assert!(out(&mut a, "kubectl get deploy web").contains("3/3"));
}

#[test]
fn logs_f_in_the_page_follows_until_ctrl_c_or_the_container_stops() {
    let mut s = page_session();
    out(&mut s, "kubectl run counter --image=busybox -- sh -c 'i=0; while true; do echo $i; i=$((i+1)); sleep 1; done'");
    s.tick(5000);
    let first = out(&mut s, "kubectl logs -f counter");
    assert!(s.foreground_running(), "{first}");
    let mut more = String::new();
    for _ in 0..12 {
        s.tick(250);
        more.push_str(&s.poll_foreground().text);
    }
    assert!(!more.is_empty(), "the log grows: {first:?}");
    s.interrupt();
    assert!(!s.foreground_running());

    // A container that ends: following stops by itself.
    out(
        &mut s,
        "kubectl run once --image=busybox --restart=Never -- sh -c 'echo a; sleep 2; echo b'",
    );
    s.tick(1000);
    out(&mut s, "kubectl logs -f once");
    let mut rest = String::new();
    for _ in 0..40 {
        s.tick(250);
        rest.push_str(&s.poll_foreground().text);
    }
    assert!(
        !s.foreground_running(),
        "stopped with its container: {rest:?}"
    );
}

#[test]
fn watch_redraws_its_screen_until_ctrl_c() {
    let mut s = page_session();
    out(&mut s, "kubectl run web --image=nginx");
    out(&mut s, "export NS=default");
    let first = out(&mut s, "watch -n 2 kubectl get pods -n $NS; echo after");
    let title = first.lines().next().unwrap();
    assert!(
        title.starts_with("Every 2.0s: kubectl get pods -n default"),
        "{first}"
    );
    assert!(title.contains("   controlplane: "), "{title}");
    assert_eq!(title.chars().count(), 80, "{title:?}");
    assert!(first.contains("\n\nNAME   READY   STATUS"), "{first}");
    assert!(s.foreground_running() && s.foreground_full_screen());
    // Nothing before the interval; then a whole new screen.
    s.tick(1000);
    assert_eq!(s.poll_foreground(), Default::default());
    let mut screens = vec![];
    for _ in 0..20 {
        s.tick(250);
        let p = s.poll_foreground();
        if !p.text.is_empty() {
            assert!(p.replace);
            screens.push(p.text);
        }
    }
    assert_eq!(screens.len(), 3, "every 2 s over 6 s: {screens:?}");
    assert!(
        screens.last().unwrap().contains("web    1/1     Running"),
        "{screens:?}"
    );
    s.interrupt();
    assert!(!s.foreground_running());
    // Without the page, one screen; errors as procps prints them.
    let mut n = Session::new(4);
    let one = out(&mut n, "watch -t echo hi");
    assert_eq!(one, "hi\n");
    assert!(out(&mut n, "watch; echo $?").ends_with("For more details see watch(1).\n1\n"));
    assert!(out(&mut n, "watch -n")
        .starts_with("watch: option requires an argument -- 'n'\n\nUsage:\n"));
    assert_eq!(
        out(&mut n, "watch -n abc date 2>&1"),
        "watch: failed to parse argument: 'abc'\n"
    );
    // `sh -c` knows no aliases of the terminal's shell.
    out(&mut n, "alias k=kubectl");
    let aliased = out(&mut n, "watch k get pods");
    assert!(aliased.contains("not found"), "{aliased}");
}

#[test]
fn a_lone_sleep_in_the_page_lets_the_clock_run_until_done_or_ctrl_c() {
    let mut s = page_session();
    let start = s.cluster.now();
    assert_eq!(out(&mut s, "sleep 5"), "");
    assert!(s.foreground_running());
    assert_eq!(
        s.cluster.now(),
        start,
        "the clock moves with the page's ticks"
    );
    for _ in 0..19 {
        s.tick(250);
        s.poll_foreground();
    }
    assert!(s.foreground_running());
    s.tick(250);
    s.poll_foreground();
    assert!(!s.foreground_running(), "done at 5 s");
    // Ctrl+C ends it early; the time that passed stays.
    out(&mut s, "sleep 60");
    s.tick(2000);
    s.interrupt();
    assert!(!s.foreground_running());
    assert_eq!(s.cluster.now(), start + 7000);
    assert_eq!(
        out(&mut s, "history | tail -2 | head -1").trim_start(),
        "2  sleep 60\n"
    );
    // In a longer line, or without the page, the time passes at once.
    let t = s.cluster.now();
    assert_eq!(out(&mut s, "sleep 3; echo done"), "done\n");
    assert_eq!(s.cluster.now(), t + 3000);
    assert!(!s.foreground_running());
    let mut n = Session::new(4);
    let t = n.cluster.now();
    out(&mut n, "sleep 4");
    assert_eq!(n.cluster.now(), t + 4000);
}

#[test]
fn with_the_page_clock_paused_a_sleep_passes_at_once() {
    let mut s = page_session();
    s.clock_paused = true;
    let t = s.cluster.now();
    out(&mut s, "sleep 8");
    assert!(!s.foreground_running());
    assert_eq!(s.cluster.now(), t + 8000);
}

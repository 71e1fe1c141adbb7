//! Golden transcripts: `tests/transcripts/NAME.sh` run through the runner's `--echo` mode must
//! print `NAME.out` byte for byte. `UPDATE_TRANSCRIPTS=1 cargo test --test transcripts` rewrites
//! the `.out` files (then read the diff: it is what a learner will see).

use std::path::Path;

use kube_playground::session::echo_transcript;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let script = std::fs::read_to_string(dir.join(format!("{name}.sh"))).unwrap_or_default();
    assert!(!script.is_empty(), "missing tests/transcripts/{name}.sh");
    let got = echo_transcript(&script, 0);
    let out_path = dir.join(format!("{name}.out"));
    if std::env::var_os("UPDATE_TRANSCRIPTS").is_some() {
        std::fs::write(&out_path, &got).unwrap_or_else(|e| panic!("writing {name}.out: {e}"));
        return;
    }
    let want = std::fs::read_to_string(&out_path).unwrap_or_default();
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "transcript {name} differs at line {}:\n got: {:?}\nwant: {:?}\n\nfull output:\n{got}",
            first + 1,
            got.lines().nth(first),
            want.lines().nth(first)
        );
    }
}

#[test]
fn first_commands() {
    check("first-commands");
}

#[test]
fn bad_input() {
    check("bad-input");
}

#[test]
fn pod_lifecycle() {
    check("pod-lifecycle");
}

#[test]
fn same_script_same_seed_same_bytes() {
    let script = "kubectl run web --image=nginx\nsleep 3\nkubectl get pods -A -o wide\n";
    assert_eq!(echo_transcript(script, 42), echo_transcript(script, 42));
    assert_ne!(
        echo_transcript(script, 1),
        echo_transcript(script, 2),
        "the seed changes generated names"
    );
}

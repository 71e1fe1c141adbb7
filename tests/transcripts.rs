//! Golden transcripts: every `tests/transcripts/NAME.sh`, run through the runner's `--echo`
//! mode with seed 0, must print `NAME.out` byte for byte.
//! `UPDATE_TRANSCRIPTS=1 cargo test --test transcripts` rewrites the `.out` files; then read the
//! diff — it is what a learner will see, and it must match real kubectl.

use std::path::Path;

use kube_playground::session::echo_transcript;

/// The first differing line, for the failure message.
fn first_difference(got: &str, want: &str) -> String {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    let i = g
        .iter()
        .zip(w.iter())
        .position(|(a, b)| a != b)
        .unwrap_or(g.len().min(w.len()));
    format!(
        "line {}:\n   got: {:?}\n  want: {:?}",
        i + 1,
        g.get(i),
        w.get(i)
    )
}

#[test]
fn golden_transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    scripts.retain(|p| p.extension().is_some_and(|e| e == "sh"));
    scripts.sort();
    assert!(!scripts.is_empty(), "no transcripts in {}", dir.display());
    let update = std::env::var_os("UPDATE_TRANSCRIPTS").is_some();
    let mut failures = vec![];
    for script_path in &scripts {
        let name = script_path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let script = std::fs::read_to_string(script_path).unwrap_or_default();
        let got = echo_transcript(&script, 0);
        let out_path = script_path.with_extension("out");
        if update {
            if let Err(e) = std::fs::write(&out_path, &got) {
                failures.push(format!("{name}: cannot write: {e}"));
            }
            continue;
        }
        let want = std::fs::read_to_string(&out_path).unwrap_or_default();
        if got != want {
            failures.push(format!("{name}: {}", first_difference(&got, &want)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
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

//! Whole terminal lines (shell, utilities, kubectl) against a live session.
//!
//! Every input starts from the same freshly booted cluster, so a failing input reproduces on
//! its own: `cargo run --release --bin kube-playground -- --echo < fuzz/artifacts/terminal_line/…`.
#![no_main]
use std::sync::LazyLock;

use kube_playground::session::Session;
use libfuzzer_sys::fuzz_target;

static BOOTED: LazyLock<Session> = LazyLock::new(|| Session::new(0));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut session = BOOTED.clone();
    for line in text.lines().take(16) {
        let _ = session.run_line(line);
    }
});

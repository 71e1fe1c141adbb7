//! Whole terminal lines (shell, utilities, kubectl) against a live session.
#![no_main]
use std::sync::Mutex;

use kube_playground::session::Session;
use libfuzzer_sys::fuzz_target;

static SESSION: Mutex<Option<Session>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let Ok(mut guard) = SESSION.lock() else { return };
    let session = guard.get_or_insert_with(|| Session::new(0));
    for l in line.lines().take(4) {
        let _ = session.run_line(l);
    }
    session.shell.cancel_pending();
    // Start over now and then so state does not grow without end.
    if session.cluster.api.store.len() > 2_000 {
        *session = Session::new(0);
    }
});

//! kubectl with arbitrary argument vectors (NUL-separated words).
#![no_main]
use std::sync::Mutex;

use kube_playground::kubectl::{self, KubeConfig};
use kube_playground::session::Session;
use kube_playground::shell::Io;
use libfuzzer_sys::fuzz_target;

static SESSION: Mutex<Option<Session>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let args: Vec<String> = text.split('\0').take(32).map(str::to_string).collect();
    let Ok(mut guard) = SESSION.lock() else { return };
    let session = guard.get_or_insert_with(|| Session::new(0));
    let mut fs = session.cluster.node_fs.remove("controlplane").unwrap_or_default();
    let mut config = KubeConfig::default();
    let mut io = Io::new(String::new());
    {
        let mut ctx = kubectl::Ctx {
            cluster: &mut session.cluster,
            config: &mut config,
            fs: &mut fs,
            cwd: "/root".to_string(),
        };
        let _ = kubectl::run(&args, &mut ctx, &mut io);
    }
    session.cluster.node_fs.insert("controlplane".to_string(), fs);
    if session.cluster.api.store.len() > 2_000 {
        *session = Session::new(0);
    }
});

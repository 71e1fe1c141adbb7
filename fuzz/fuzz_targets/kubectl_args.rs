//! kubectl with arbitrary argument vectors (NUL-separated words), each on a freshly booted
//! cluster so that a failing input reproduces on its own.
#![no_main]
use std::sync::LazyLock;

use kube_playground::kubectl::{self, KubeConfig};
use kube_playground::session::Session;
use kube_playground::shell::Io;
use libfuzzer_sys::fuzz_target;

static BOOTED: LazyLock<Session> = LazyLock::new(|| Session::new(0));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let args: Vec<String> = text.split('\0').take(32).map(str::to_string).collect();
    let mut booted = BOOTED.clone();
    let session = &mut booted;
    let mut fs = session.cluster.node_fs.remove("controlplane").unwrap_or_default();
    let mut config = KubeConfig::default();
    let mut io = Io::new(String::new());
    {
        let mut ctx = kubectl::Ctx {
            cluster: &mut session.cluster,
            config: &mut config,
            fs: &mut fs,
            cwd: "/root".to_string(),
            live: false,
            foreground: None,
            unreachable: None,
            tty: false,
        };
        let _ = kubectl::run(&args, &mut ctx, &mut io);
    }
    session.cluster.node_fs.insert("controlplane".to_string(), fs);
});

//! `kubectl api-versions`: every group/version the API server serves, sorted as strings
//! (so the core `v1` comes last): the preferred versions of `RESOURCE_TYPES` plus the older
//! versions v1.31 still serves.

use super::flags::Parsed;
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::RESOURCE_TYPES;
use crate::sorting::CollectInserted;

pub static COMMAND: Command = Command {
    name: "api-versions",
    about: "Print the supported API versions on the server, in the form of \"group/version\".",
    examples: "  # Print the supported API versions\n  kubectl api-versions",
    usage: "kubectl api-versions [options]",
    flags: &[],
    run,
};

fn run(_ctx: &mut Ctx, _p: &Parsed, io: &mut Io) -> i32 {
    let mut set: std::collections::BTreeSet<String> = RESOURCE_TYPES
        .iter()
        .map(|r| r.api_version())
        .collect_inserted();
    // Served besides the preferred versions the resource table lists (v1.31).
    set.insert("autoscaling/v1".into());
    set.insert("flowcontrol.apiserver.k8s.io/v1beta3".into());
    let mut out = String::new();
    for v in set {
        out.push_str(&v);
        out.push('\n');
    }
    io.out(out);
    0
}

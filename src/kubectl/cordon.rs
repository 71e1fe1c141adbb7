//! `kubectl cordon NODE`: marks a node unschedulable (`spec.unschedulable: true`), as
//! kubectl's `pkg/drain/cordon.go` does. `uncordon.rs` shares `set_schedulable`.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{print_status, Command, Ctx};
use crate::shell::Io;
use crate::sim::object::Pointer as _;
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "cordon",
    about: "Mark node as unschedulable.",
    examples: "  # Mark node \"foo\" as unschedulable\n  kubectl cordon foo",
    usage: "kubectl cordon NODE [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("dry-run", None, FlagKind::String, "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
];

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    set_schedulable(ctx, p, io, "cordon", false)
}

/// Cordons (`unschedulable = true`) or uncordons the named node; prints `node/x cordoned`,
/// `node/x already cordoned`, and the `uncordoned` forms.
pub fn set_schedulable(
    ctx: &mut Ctx,
    p: &Parsed,
    io: &mut Io,
    cmd: &str,
    schedulable: bool,
) -> i32 {
    let args = p.positionals();
    if args.len() != 1 {
        io.err(format!(
            "error: USAGE: {cmd} NODE [flags]\nSee 'kubectl {cmd} -h' for help and examples\n"
        ));
        return 1;
    }
    let dry = p.get_string("dry-run");
    let suffix = match dry.as_str() {
        "client" => " (dry run)",
        "server" => " (server dry run)",
        _ => "",
    };
    let nodes = rt("nodes");
    let name = args[0].as_str();
    let mut node = match ctx.cluster.api.get(nodes, "", name) {
        Ok(n) => n,
        Err(s) => {
            print_status(io, &s);
            return 1;
        }
    };
    let now_unschedulable = node
        .at("/spec/unschedulable")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let verb = if schedulable {
        "uncordoned"
    } else {
        "cordoned"
    };
    if now_unschedulable != schedulable {
        io.out(format!("node/{name} already {verb}\n"));
        return 0;
    }
    if dry.is_empty() || dry == "none" || dry == "server" {
        if let Some(spec) = node
            .as_object_mut()
            .map(|o| o.entry("spec").or_insert_with(|| serde_json::json!({})))
            .and_then(|s| s.as_object_mut())
        {
            if schedulable {
                spec.remove("unschedulable");
            } else {
                spec.insert("unschedulable".into(), serde_json::json!(true));
            }
        }
        if dry != "server" {
            if let Err(s) = ctx.cluster.api.update(nodes, node) {
                print_status(io, &s);
                return 1;
            }
        }
    }
    io.out(format!("node/{name} {verb}{suffix}\n"));
    0
}

//! `kubectl uncordon NODE`: marks a node schedulable again.

use super::flags::Parsed;
use super::{Command, Ctx};
use crate::shell::Io;

pub static COMMAND: Command = Command {
    name: "uncordon",
    about: "Mark node as schedulable.",
    examples: "  # Mark node \"foo\" as schedulable\n  kubectl uncordon foo",
    usage: "kubectl uncordon NODE [options]",
    flags: super::cordon::FLAGS,
    run,
};

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    super::cordon::set_schedulable(ctx, p, io, "uncordon", true)
}

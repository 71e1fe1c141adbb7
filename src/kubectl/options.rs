//! `kubectl options`: the global flags, as kubectl v1.31 prints them (captured from the real
//! binary; the same flags as `flags::GLOBAL_FLAGS`).

use super::flags::Parsed;
use super::{Command, Ctx};
use crate::shell::Io;

pub static COMMAND: Command = Command {
    name: "options",
    about: "Print the list of flags inherited by all commands",
    examples: "  # Print flags inherited by all commands\n  kubectl options",
    usage: "kubectl options [flags] [options]",
    flags: &[],
    run,
};

fn run(_ctx: &mut Ctx, _p: &Parsed, io: &mut Io) -> i32 {
    io.out(include_str!("options.txt"));
    0
}

//! `kubectl plugin list`: the playground's PATH has no `kubectl-*` executables. Alone, `kubectl
//! plugin` prints its help to stderr and fails, as cobra's DefaultSubCommandRun does.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;

pub static COMMAND: Command = Command {
    name: "plugin",
    about: "Provides utilities for interacting with plugins.",
    examples: "  # List all available plugins\n  kubectl plugin list",
    usage: "kubectl plugin [flags] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[FlagSpec::new(
    "name-only",
    None,
    FlagKind::Bool,
    "false",
    "If true, display only the binary name of each plugin, rather than its full path",
)];

fn run(_ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    match p.positionals().first().map(String::as_str) {
        Some("list") => io.err("error: unable to find any kubectl plugins in your PATH\n"),
        Some(_) => {
            return super::usage_error(
                io,
                "kubectl plugin",
                &format!("unknown command \"{}\"", p.positionals().join(" ")),
            )
        }
        None => io.err(include_str!("plugin_help.txt")),
    }
    1
}

//! `kubectl completion bash`: the script's real header and entry points (`complete -F
//! __start_kubectl kubectl`), with a body the playground's shell can source; the terminal's own
//! Tab completion does the completing. Other shells print a short header too.

use super::flags::Parsed;
use super::{Command, Ctx};
use crate::shell::Io;

pub static COMMAND: Command = Command {
    name: "completion",
    about: "Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kubectl commands.  This can be done by sourcing it from the .bash_profile.",
    examples: "  # Load the kubectl completion code for bash into the current shell\n  source <(kubectl completion bash)",
    usage: "kubectl completion SHELL [options]",
    flags: &[],
    run,
};

fn run(_ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals();
    match args.first().map(String::as_str) {
        None => {
            io.err(
                "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n",
            );
            1
        }
        Some(_) if args.len() > 1 => {
            io.err("error: Too many arguments. Expected only the shell type.\nSee 'kubectl completion -h' for help and examples\n");
            1
        }
        Some("bash") => {
            io.out(include_str!("completion_bash.txt"));
            0
        }
        Some("zsh") => {
            io.out("#compdef kubectl\ncompdef _kubectl kubectl\n");
            0
        }
        Some("fish") => {
            io.out("# fish completion for kubectl                               -*- shell-script -*-\n");
            0
        }
        Some("powershell") => {
            io.out(
                "# powershell completion for kubectl                        -*- shell-script -*-\n",
            );
            0
        }
        Some(other) => {
            io.err(format!("error: Unsupported shell type \"{other}\".\nSee 'kubectl completion -h' for help and examples\n"));
            1
        }
    }
}

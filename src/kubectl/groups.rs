//! Commands with subcommands (`create deployment`, `create service nodeport`, `set image`,
//! `rollout status`), found the way cobra finds them: the first word left after stripping the
//! flags names the child, by its name or an alias.

use super::flags::{self, FlagSpec, GLOBAL_FLAGS};
use super::Command;
use crate::shell::Io;
use crate::sorting::SharedSort;

/// One child of a command: its names (the first is the real one), cobra's short description
/// for `Available Commands:`, and the command.
pub struct Child {
    pub names: &'static [&'static str],
    pub short: &'static str,
    pub command: &'static Command,
}

/// A command that has children. `runs` is false for pure groups (`set`, `rollout`, `create
/// service`): alone they print their help to stderr and fail, as cobra's DefaultSubCommandRun.
pub struct Group {
    pub path: &'static str,
    pub about: &'static str,
    pub usage: &'static str,
    pub aliases: &'static [&'static str],
    pub runs: bool,
    pub children: &'static [Child],
}

/// Every group, by command path.
fn groups() -> Vec<&'static Group> {
    vec![
        &super::create::GROUP,
        &super::create::SERVICE_GROUP,
        &super::create::SECRET_GROUP,
        &super::top::GROUP,
        &super::set::GROUP,
        &super::rollout::GROUP,
    ]
}

fn group(path: &str) -> Option<&'static Group> {
    groups().into_iter().find(|g| g.path == path)
}

/// What `find` decided.
pub enum Found {
    /// Run this command with these arguments; the path is `kubectl create deployment`.
    Run(&'static Command, Vec<String>, String),
    /// Already handled (help or an error printed); the exit status.
    Exit(i32),
}

fn specs_of(cmd: &Command) -> Vec<FlagSpec> {
    let mut specs: Vec<FlagSpec> = cmd.flags.to_vec();
    specs.extend(
        GLOBAL_FLAGS
            .iter()
            .filter(|g| !cmd.flags.iter().any(|f| f.name == g.name)),
    );
    specs
}

fn wants_help(args: &[String]) -> bool {
    args.iter()
        .take_while(|a| a.as_str() != "--")
        .any(|a| a == "-h" || a == "--help" || a == "--help=true")
}

/// Walks down from `cmd` (a top-level command) to the subcommand the words name.
pub fn find(cmd: &'static Command, mut args: Vec<String>, io: &mut Io) -> Found {
    let mut cmd = cmd;
    let mut path = format!("kubectl {}", cmd.name);
    // Bounded by the depth of the command tree.
    for _ in 0..4 {
        let rel = path.trim_start_matches("kubectl ").to_string();
        let Some(g) = group(&rel) else { break };
        let words = flags::strip_flags(&args, &specs_of(cmd));
        let child = words.first().and_then(|w| {
            g.children
                .iter()
                .find(|c| c.names.contains(&w.as_str()))
                .map(|c| (w.clone(), c))
        });
        match child {
            Some((word, c)) => {
                if let Some(i) = args.iter().position(|a| *a == word) {
                    args.remove(i);
                }
                cmd = c.command;
                path = format!("{path} {}", c.command.name);
            }
            None if g.runs => break,
            None => {
                if wants_help(&args) {
                    io.out(group_help(g));
                    return Found::Exit(0);
                }
                // cmdutil.DefaultSubCommandRun: every word is named in the error; no words
                // print the help (on stdout for `rollout`, stderr for the others) and fail.
                if !words.is_empty() {
                    io.err(format!(
                        "error: unknown command \"{}\"\nSee '{path} -h' for help and examples\n",
                        words.join(" ")
                    ));
                } else if g.path == "rollout" {
                    io.out(group_help(g));
                } else {
                    io.err(group_help(g));
                }
                return Found::Exit(1);
            }
        }
    }
    Found::Run(cmd, args, path)
}

/// `--help` of a command inside a group: its aliases and, for groups that run, the children.
pub fn help(path: &str, cmd: &Command) -> String {
    let rel = path.trim_start_matches("kubectl ");
    let base = cmd.help();
    let mut extra_after_about = String::new();
    // The aliases come from the parent's child entry.
    if let Some((parent, _)) = rel.rsplit_once(' ') {
        if let Some(c) = group(parent).and_then(|g| {
            g.children
                .iter()
                .find(|c| c.command.name == cmd.name && c.names.len() > 1)
        }) {
            extra_after_about = format!("\n\nAliases:\n{}", c.names.join(", "));
        }
    }
    let mut out = match base.split_once("\n\nExamples:\n") {
        Some((about, rest)) => format!("{about}{extra_after_about}\n\nExamples:\n{rest}"),
        None => base,
    };
    if let Some(g) = group(rel).filter(|g| g.runs) {
        if let Some((before, after)) = out.split_once("\n\nOptions:\n") {
            out = format!(
                "{before}\n\nAvailable Commands:\n{}\nOptions:\n{after}",
                children_list(g)
            );
        }
        out = out.replace(
            "\nUse \"kubectl options\"",
            &format!(
                "\nUse \"kubectl {} <command> --help\" for more information about a given command.\nUse \"kubectl options\"",
                g.path
            ),
        );
    }
    out
}

/// kubectl's template pads names to cobra's `NamePadding` (the longest name, at least 11),
/// then three spaces.
fn children_list(g: &Group) -> String {
    let width = g
        .children
        .iter()
        .map(|c| c.command.name.len())
        .max()
        .unwrap_or(0)
        .max(11)
        + 3;
    let mut names: Vec<&Child> = g.children.iter().collect();
    names.sort_shared_by_key(|c| c.command.name);
    names
        .iter()
        .map(|c| format!("  {:<width$}{}\n", c.command.name, c.short))
        .collect()
}

fn group_help(g: &Group) -> String {
    let aliases = if g.aliases.is_empty() {
        String::new()
    } else {
        format!("Aliases:\n{}\n\n", g.aliases.join(", "))
    };
    let examples = match g.path {
        "rollout" => "Examples:\n  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  kubectl rollout restart deployment --selector=app=nginx\n\n",
        _ => "",
    };
    format!(
        "{}\n\n{aliases}{examples}Available Commands:\n{}\nUsage:\n  {}\n\nUse \"kubectl {} <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
        g.about,
        children_list(g),
        g.usage,
        g.path
    )
}

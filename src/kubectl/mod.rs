//! kubectl: parses a command line like kubectl v1.31 and talks to the cluster only through the
//! API server. One file per command; output formats come from `printers`.

pub mod annotate;
pub mod api_resources;
pub mod api_versions;
pub mod apply;
pub mod auth;
pub mod autoscale;
pub mod builder;
pub mod cluster_info;
pub mod complete;
pub mod completion;
pub mod config;
pub mod cordon;
pub mod create;
pub mod create_config;
pub mod create_misc;
pub mod create_rbac;
pub mod create_service;
pub mod create_token;
pub mod create_workloads;
pub mod delete;
pub mod describe;
pub mod diff;
pub mod drain;
pub mod edit;
pub mod events;
pub mod exec;
pub mod explain;
pub mod expose;
pub mod field_validation;
pub mod flags;
pub mod get;
pub mod gojson;
pub mod groups;
pub mod kustomize;
pub mod label;
pub mod logs;
pub mod manifest;
pub mod offline;
pub mod options;
pub mod patch;
pub mod plugin;
pub mod port_forward;
pub mod remote;
pub mod replace;
pub mod rollout;
pub mod run;
pub mod scale;
pub mod set;
pub mod suggest;
pub mod taint;
pub mod top;
pub mod uncordon;
pub mod version;
pub mod wait;

use flags::{FlagKind, FlagSpec, Parsed, GLOBAL_FLAGS};

use crate::shell::Io;
use crate::sim::apiserver::Status;
use crate::sim::Cluster;
use crate::vfs::Fs;

/// The kubeconfig in use: which context, and its default namespace.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KubeConfig {
    pub current_context: String,
    pub namespace: String,
}

impl Default for KubeConfig {
    fn default() -> Self {
        KubeConfig {
            current_context: "kubernetes-admin@kubernetes".into(),
            namespace: String::new(),
        }
    }
}

/// What a kubectl command runs against.
pub struct Ctx<'a> {
    pub cluster: &'a mut Cluster,
    pub config: &'a mut KubeConfig,
    /// The filesystem of the node the terminal is on (`-f` files, `edit` buffers).
    pub fs: &'a mut Fs,
    /// The shell's working directory, for relative paths.
    pub cwd: String,
    /// Standard output is the page's terminal, where Ctrl+C can stop a command: `get -w`
    /// then goes on in the foreground instead of stopping on its own.
    pub live: bool,
    /// Standard output is a terminal (not a pipe, a file or `$(…)`).
    pub tty: bool,
    /// The command left running in the terminal's foreground.
    pub foreground: Option<Foreground>,
    /// Nothing answers at the server: no kubeconfig, or kube-apiserver is down.
    pub unreachable: Option<offline::Unreachable>,
}

/// A kubectl command still running in the page's terminal until Ctrl+C.
#[derive(Clone, Debug)]
pub enum Foreground {
    Watch(Box<get::LiveWatch>),
    Logs(Box<logs::LiveLogs>),
}

impl Foreground {
    /// What it prints for the cluster as it is now (nothing when nothing changed), and
    /// whether it goes on (`logs -f` ends when its containers stop).
    pub fn poll(&mut self, cluster: &mut Cluster) -> (String, bool) {
        match self {
            Foreground::Watch(w) => (w.poll(cluster), true),
            Foreground::Logs(l) => l.poll(cluster),
        }
    }
}

impl Ctx<'_> {
    /// `-n`, or the context's namespace, or `default`.
    pub fn namespace(&self, p: &Parsed) -> String {
        let n = p.get_string("namespace");
        if !n.is_empty() {
            n
        } else if !self.config.namespace.is_empty() {
            self.config.namespace.clone()
        } else {
            "default".into()
        }
    }
}

/// One kubectl command: its name, help, flags and what it does. `--help` is built from these
/// (our own words for `about` and `examples`, the real flags and usage line).
pub struct Command {
    pub name: &'static str,
    pub about: &'static str,
    pub examples: &'static str,
    pub usage: &'static str,
    pub flags: &'static [FlagSpec],
    pub run: fn(&mut Ctx, &Parsed, &mut Io) -> i32,
}

impl Command {
    pub fn help(&self) -> String {
        // The options end with a blank line; a command without flags has no Options section.
        let options = if self.flags.is_empty() {
            String::new()
        } else {
            flags::render_options(self.flags)
        };
        format!(
            "{}\n\nExamples:\n{}\n\n{options}Usage:\n  {}\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
            self.about, self.examples, self.usage
        )
    }
}

/// The top-level commands in the order `kubectl --help` lists them (cobra's suggestions use it).
pub const COMMAND_NAMES: &[&str] = &[
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "alpha",
    "api-resources",
    "api-versions",
    "config",
    "plugin",
    "version",
    "options",
    "help",
];

/// Every command the playground has. Each command file exports a `COMMAND`.
fn commands() -> Vec<&'static Command> {
    vec![
        &version::COMMAND,
        &get::COMMAND,
        &run::COMMAND,
        &api_resources::COMMAND,
        &describe::COMMAND,
        &events::COMMAND,
        &create::COMMAND,
        &apply::COMMAND,
        &delete::COMMAND,
        &label::COMMAND,
        &annotate::COMMAND,
        &patch::COMMAND,
        &replace::COMMAND,
        &scale::COMMAND,
        &logs::COMMAND,
        &exec::COMMAND,
        &port_forward::COMMAND,
        &top::COMMAND,
        &set::COMMAND,
        &rollout::COMMAND,
        &expose::COMMAND,
        &explain::COMMAND,
        &cordon::COMMAND,
        &uncordon::COMMAND,
        &api_versions::COMMAND,
        &options::COMMAND,
        &plugin::COMMAND,
        &taint::COMMAND,
        &cluster_info::COMMAND,
        &config::COMMAND,
        &auth::COMMAND,
        &completion::COMMAND,
        &drain::COMMAND,
        &wait::COMMAND,
        &autoscale::COMMAND,
        &edit::COMMAND,
        &remote::ATTACH,
        &remote::CP,
        &remote::DEBUG,
        &remote::PROXY,
        &remote::DIFF,
        &kustomize::COMMAND,
    ]
}

/// Prints an API error as kubectl does: `Error from server (NotFound): pods "x" not found`, or the
/// `The Pod "x" is invalid: …` form for validation errors.
pub fn print_status(io: &mut Io, status: &Status) {
    io.err(format_status(status));
}

pub fn format_status(status: &Status) -> String {
    if status.reason == "Invalid" {
        if status.kind.is_empty() && status.name.is_empty() {
            return format!("The request is invalid: {}\n", status.causes.join(""));
        }
        if status.causes.len() > 1 {
            let mut s = format!("The {} \"{}\" is invalid: \n", status.kind, status.name);
            for c in &status.causes {
                s.push_str(&format!("* {c}\n"));
            }
            return s;
        }
        return format!(
            "The {} \"{}\" is invalid: {}\n",
            status.kind,
            status.name,
            status.causes.join("")
        );
    }
    format!(
        "Error from server ({}): {}\n",
        status.reason, status.message
    )
}

/// `error: <msg>` + `See 'kubectl <cmd> -h' for help and examples` (cobra UsageErrorf).
pub fn usage_error(io: &mut Io, command_path: &str, msg: &str) -> i32 {
    io.err(format!(
        "error: {msg}\nSee '{command_path} -h' for help and examples\n"
    ));
    1
}

/// Runs `kubectl <args>`; returns the exit status.
pub fn run(args: &[String], ctx: &mut Ctx, io: &mut Io) -> i32 {
    // Find the subcommand: the first word that is not a global flag or its value.
    let cmd_index = offline::command_index(args);
    let Some(ci) = cmd_index else {
        // `kubectl` alone, or only flags: the help text.
        let parsed = flags::parse(args, GLOBAL_FLAGS);
        if let Err(e) = parsed {
            io.err(flags::usage_error_lines(&e, "kubectl"));
            return 1;
        }
        io.out(crate::i18n::kubectl_help());
        return 0;
    };
    let name = args[ci].as_str();
    let mut rest: Vec<String> = args[..ci].to_vec();
    rest.extend_from_slice(&args[ci + 1..]);
    let all = commands();
    let Some(cmd) = all.iter().find(|c| c.name == name) else {
        if COMMAND_NAMES.contains(&name) {
            io.err(format!(
                "error: \"kubectl {name}\" is not available in this playground yet\n"
            ));
            return 1;
        }
        io.err(suggest::unknown_command_message(
            name,
            suggest::KUBECTL_COMMANDS,
        ));
        return 1;
    };
    // Subcommands (`create deployment`, `rollout status`) are found as cobra finds them.
    let (cmd, rest, path) = match groups::find(cmd, rest, io) {
        groups::Found::Run(cmd, rest, path) => (cmd, rest, path),
        groups::Found::Exit(status) => return status,
    };
    let mut specs: Vec<FlagSpec> = cmd.flags.to_vec();
    specs.extend(
        GLOBAL_FLAGS
            .iter()
            .filter(|g| !cmd.flags.iter().any(|f| f.name == g.name)),
    );
    let parsed = match flags::parse(&rest, &specs) {
        Ok(p) => p,
        // diff's flag errors are usage errors, and its own errors exit with 2.
        Err(e) if path == "kubectl diff" => {
            return usage_error(io, &path, &e.to_string()) + 1;
        }
        Err(e) => {
            io.err(flags::usage_error_lines(&e, &path));
            return 1;
        }
    };
    if parsed.help_requested() {
        io.out(groups::help(&path, cmd));
        return 0;
    }
    if let Some(server) = ctx.unreachable.clone() {
        if let Some(status) = offline::refuse(&server, &path, cmd, &parsed, ctx, io) {
            return status;
        }
    }
    // kustomize warns about deprecated fields as it reads the kustomization, before anything
    // else is printed.
    let kustomization = parsed.get_string("kustomize");
    if !kustomization.is_empty() && cmd.name != "kustomize" {
        if let Ok((_, warnings)) = kustomize::build(ctx.fs, &ctx.cwd, &kustomization) {
            io.err(warnings);
        }
    }
    (cmd.run)(ctx, &parsed, io)
}

/// A flag that every `get`-like command has.
pub const fn flag(
    name: &'static str,
    short: Option<char>,
    kind: FlagKind,
    default: &'static str,
    usage: &'static str,
) -> FlagSpec {
    FlagSpec::new(name, short, kind, default, usage)
}

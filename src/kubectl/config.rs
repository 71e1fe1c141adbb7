//! `kubectl config`: the kubeadm admin kubeconfig (one cluster `kubernetes`, one user
//! `kubernetes-admin`, one context `kubernetes-admin@kubernetes`) with the session's
//! `KubeConfig` holding the current context and its namespace. Subcommands: view,
//! current-context, get-contexts, get-clusters, get-users, use-context, set-context --current.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::printers::tabwriter::TabWriter;
use crate::shell::Io;

pub static COMMAND: Command = Command {
    name: "config",
    about: "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".",
    examples: "  # Display the current-context\n  kubectl config current-context",
    usage: "kubectl config SUBCOMMAND [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("current", None, FlagKind::Bool, "false", "Modify the current context"),
    FlagSpec::new("minify", None, FlagKind::Bool, "false", "Remove all information not used by current-context from the output"),
    FlagSpec::new("raw", None, FlagKind::Bool, "false", "Display raw byte data and sensitive data"),
    FlagSpec::new("flatten", None, FlagKind::Bool, "false", "Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)"),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "When using the default or custom-column output format, don't print headers (default print headers)."),
];

/// The help cobra prints before `Unexpected args` of `use-context`.
const USE_CONTEXT_HELP: &str = "Set the current-context in a kubeconfig file.\n\nAliases:\nuse-context, use\n\nExamples:\n  # Use the context for the minikube cluster\n  kubectl config use-context minikube\n\nUsage:\n  kubectl config use-context CONTEXT_NAME [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

/// The help cobra prints before `Unexpected args` of `set-context`.
const SET_CONTEXT_HELP: &str = "Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.\n\nExamples:\n  # Set the user field on the gce context entry without touching other values\n  kubectl config set-context gce --user=cluster-admin\n\nOptions:\n    --cluster='':\n\tcluster for the context entry in kubeconfig\n\n    --current=false:\n\tModify the current context\n\n    --namespace='':\n\tnamespace for the context entry in kubeconfig\n\n    --user='':\n\tuser for the context entry in kubeconfig\n\nUsage:\n  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

const CONTEXT: &str = "kubernetes-admin@kubernetes";
const CLUSTER: &str = "kubernetes";
const USER: &str = "kubernetes-admin";

fn view(ctx: &Ctx) -> String {
    let ns = if ctx.config.namespace.is_empty() {
        String::new()
    } else {
        format!("    namespace: {}\n", ctx.config.namespace)
    };
    format!(
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: {}\n  name: {CLUSTER}\ncontexts:\n- context:\n    cluster: {CLUSTER}\n{ns}    user: {USER}\n  name: {CONTEXT}\ncurrent-context: {}\nkind: Config\npreferences: {{}}\nusers:\n- name: {USER}\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n",
        super::cluster_info::SERVER,
        ctx.config.current_context
    )
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals();
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    match sub {
        "view" => {
            if !rest.is_empty() {
                return super::usage_error(
                    io,
                    "kubectl config view",
                    &format!("unexpected arguments: [{}]", rest.join(" ")),
                );
            }
            io.out(view(ctx));
            0
        }
        "current-context" => {
            if ctx.config.current_context.is_empty() {
                io.err("error: current-context is not set\n");
                return 1;
            }
            io.out(format!("{}\n", ctx.config.current_context));
            0
        }
        "get-contexts" => {
            let missing: Vec<&String> = rest.iter().filter(|n| *n != CONTEXT).collect();
            let mut tw = TabWriter::for_get();
            let mut s = String::new();
            if !p.get_bool("no-headers") {
                s.push_str("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
            }
            let star = if ctx.config.current_context == CONTEXT {
                "*"
            } else {
                ""
            };
            if rest.is_empty() || rest.iter().any(|n| n == CONTEXT) {
                s.push_str(&format!(
                    "{star}\t{CONTEXT}\t{CLUSTER}\t{USER}\t{}\n",
                    ctx.config.namespace
                ));
            }
            tw.write(&s);
            io.out(tw.flush());
            // The not-found errors are aggregated: one alone gets `error: `, several are
            // listed one a line.
            match missing.len() {
                0 => 0,
                1 => {
                    io.err(format!("error: context {} not found\n", missing[0]));
                    1
                }
                _ => {
                    for m in missing {
                        io.err(format!("context {m} not found\n"));
                    }
                    1
                }
            }
        }
        "get-clusters" => {
            io.out(format!("NAME\n{CLUSTER}\n"));
            0
        }
        "get-users" => {
            io.out(format!("NAME\n{USER}\n"));
            0
        }
        "use-context" | "use" if rest.len() != 1 => {
            io.out(USE_CONTEXT_HELP);
            io.err(format!("error: Unexpected args: [{}]\n", rest.join(" ")));
            1
        }
        "use-context" | "use" => match rest.first() {
            Some(name) if name == CONTEXT => {
                ctx.config.current_context = name.clone();
                io.out(format!("Switched to context \"{name}\".\n"));
                0
            }
            Some(name) => {
                io.err(format!(
                    "error: no context exists with the name: \"{name}\"\n"
                ));
                1
            }
            None => 1,
        },
        "set-context" => {
            if rest.len() > 1 {
                io.out(SET_CONTEXT_HELP);
                io.err(format!("error: Unexpected args: [{}]\n", rest.join(" ")));
                return 1;
            }
            if p.get_bool("current") && !rest.is_empty() {
                io.err("error: you cannot specify both a context name and --current\n");
                return 1;
            }
            let name = if p.get_bool("current") {
                ctx.config.current_context.clone()
            } else {
                rest.first().cloned().unwrap_or_default()
            };
            if name.is_empty() {
                io.err("error: you must specify a non-empty context name or --current\n");
                return 1;
            }
            if name != CONTEXT {
                // The playground keeps the one kubeadm context.
                io.err(format!(
                    "error: no context exists with the name: \"{name}\"\n"
                ));
                return 1;
            }
            if p.changed("namespace") {
                ctx.config.namespace = p.get_string("namespace");
            }
            io.out(format!("Context \"{name}\" modified.\n"));
            0
        }
        _ => {
            if !sub.is_empty() {
                // cmdutil.RequireNoArguments: every word, joined.
                return super::usage_error(
                    io,
                    "kubectl config",
                    &format!("unknown command \"{}\"", args.join(" ")),
                );
            }
            io.err(include_str!("config_help.txt"));
            1
        }
    }
}

//! `kubectl version`.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::{KUBERNETES_VERSION, VERSION_INFO as INFO};
use crate::sorting::CollectInserted;

pub const KUSTOMIZE_VERSION: &str = "v5.4.2";

pub static COMMAND: Command = Command {
    name: "version",
    about: "Print the client and server version information for the current context.",
    examples: "  # Print the client and server versions for the current context\n  kubectl version",
    usage: "kubectl version [flags] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new(
        "client",
        None,
        FlagKind::Bool,
        "false",
        "If true, shows client version only (no server required).",
    ),
    FlagSpec::new(
        "output",
        Some('o'),
        FlagKind::String,
        "",
        "One of 'yaml' or 'json'.",
    ),
];

fn info_json(indent: &str) -> String {
    let fields: Vec<String> = INFO
        .iter()
        .map(|(k, v)| format!("{indent}  \"{k}\": \"{v}\""))
        .collect();
    format!("{{\n{}\n{indent}}}", fields.join(",\n"))
}

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    // With no server to ask, the client's part, then the connection error.
    let refused = ctx.unreachable.as_ref().map(|s| s.refused());
    let client_only = p.get_bool("client") || refused.is_some();
    let status = print_versions(p, client_only, io);
    match refused {
        Some(message) if status == 0 && !p.get_bool("client") => {
            io.err(message);
            1
        }
        _ => status,
    }
}

fn print_versions(p: &Parsed, client_only: bool, io: &mut Io) -> i32 {
    let output = p.get_string("output");
    let v = KUBERNETES_VERSION;
    match output.as_str() {
        "" => {
            io.out(format!(
                "Client Version: {v}\nKustomize Version: {KUSTOMIZE_VERSION}\n"
            ));
            if !client_only {
                io.out(format!("Server Version: {v}\n"));
            }
            0
        }
        "json" => {
            let info = info_json("  ");
            let server = if client_only {
                String::new()
            } else {
                format!(",\n  \"serverVersion\": {info}")
            };
            io.out(format!(
                "{{\n  \"clientVersion\": {info},\n  \"kustomizeVersion\": \"{KUSTOMIZE_VERSION}\"{server}\n}}\n"
            ));
            0
        }
        "yaml" => {
            let info: serde_json::Map<String, serde_json::Value> = INFO
                .iter()
                .map(|(k, v)| (k.to_string(), (*v).into()))
                .collect_inserted();
            let mut doc = serde_json::Map::new();
            doc.insert("clientVersion".into(), info.clone().into());
            doc.insert("kustomizeVersion".into(), KUSTOMIZE_VERSION.into());
            if !client_only {
                doc.insert("serverVersion".into(), info.into());
            }
            // fmt.Fprintln of the YAML, which already ends in a newline.
            io.out(crate::printers::yaml::to_yaml(&doc.into()) + "\n");
            0
        }
        _ => {
            io.err("error: --output must be 'yaml' or 'json'\n");
            1
        }
    }
}

//! `kubectl version`.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::KUBERNETES_VERSION;

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

pub fn run(_ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let client_only = p.get_bool("client");
    let output = p.get_string("output");
    let v = KUBERNETES_VERSION;
    let info = |git: &str| {
        serde_json::json!({
            "buildDate": "2025-05-15T09:50:10Z",
            "compiler": "gc",
            "gitCommit": "d7ac6bff8a8d1fdc1ea4b2aab1a0fcb9a0e4a5d7",
            "gitTreeState": "clean",
            "gitVersion": git,
            "goVersion": "go1.23.8",
            "major": "1",
            "minor": "31",
            "platform": "linux/amd64",
        })
    };
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
        "yaml" | "json" => {
            let mut doc = serde_json::json!({"clientVersion": info(v), "kustomizeVersion": KUSTOMIZE_VERSION});
            if !client_only {
                doc["serverVersion"] = info(v);
            }
            if output == "json" {
                io.out(crate::printers::json::to_json(&doc));
            } else {
                io.out(crate::printers::yaml::to_yaml(&doc));
            }
            0
        }
        _ => {
            io.err("error: --output must be 'yaml' or 'json'\n");
            1
        }
    }
}

//! `kubectl api-resources`.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::printers::tabwriter::get_table;
use crate::shell::Io;
use crate::sim::resources::RESOURCE_TYPES;

pub static COMMAND: Command = Command {
    name: "api-resources",
    about: "Print the supported API resources on the server.",
    examples: "  # Print the supported API resources\n  kubectl api-resources\n  \n  # Print the supported namespaced resources\n  kubectl api-resources --namespaced=true",
    usage: "kubectl api-resources [flags] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("api-group", None, FlagKind::String, "", "Limit to resources in the specified API group."),
    FlagSpec::new("cached", None, FlagKind::Bool, "false", "Use the cached list of resources if available."),
    FlagSpec::new("categories", None, FlagKind::StringSlice, "[]", "Limit to resources that belong to the specified categories."),
    FlagSpec::new("namespaced", None, FlagKind::Bool, "true", "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default."),
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "When using the default or custom-column output format, don't print headers (default print headers)."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (wide, name)."),
    FlagSpec::new("sort-by", None, FlagKind::String, "", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
    FlagSpec::new("verbs", None, FlagKind::StringSlice, "[]", "Limit to resources that support the specified verbs."),
];

pub fn run(_ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let namespaced_filter = if p.changed("namespaced") {
        Some(p.get_bool("namespaced"))
    } else {
        None
    };
    let group = p.get_string("api-group");
    let output = p.get_string("output");
    let mut rows = vec![];
    if !p.get_bool("no-headers") && output != "name" {
        rows.push(
            ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
                .map(String::from)
                .to_vec(),
        );
    }
    for r in RESOURCE_TYPES {
        if namespaced_filter.is_some_and(|n| n != r.namespaced)
            || (p.changed("api-group") && r.group != group)
        {
            continue;
        }
        if output == "name" {
            io.out(format!(
                "{}\n",
                if r.group.is_empty() {
                    r.plural.to_string()
                } else {
                    format!("{}.{}", r.plural, r.group)
                }
            ));
            continue;
        }
        rows.push(vec![
            r.plural.into(),
            r.short_names.join(","),
            r.api_version(),
            r.namespaced.to_string(),
            r.kind.into(),
        ]);
    }
    if output != "name" {
        io.out(get_table(&rows));
    }
    0
}

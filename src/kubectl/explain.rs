//! `kubectl explain`: the OpenAPI v3 plaintext renderer of kubectl v1.31
//! (`pkg/explain/v2/templates/plaintext.tmpl`) over the schema in `sim::schema`.

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources;
use crate::sim::schema::{description, schema, Schema, Ty, TypeDef};

pub static COMMAND: Command = Command {
    name: "explain",
    about: "Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n        \n Information about each field is retrieved from the server in OpenAPI format.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
    examples: "  # Get the documentation of the resource and its fields\n  kubectl explain pods\n  \n  # Get all the fields in the resource\n  kubectl explain pods --recursive\n  \n  # Get the explanation for deployment in supported api versions\n  kubectl explain deployments --api-version=apps/v1\n  \n  # Get the documentation of a specific field of a resource\n  kubectl explain pods.spec.containers\n  \n  # Get the documentation of resources in different format\n  kubectl explain deployment --output=plaintext-openapiv2",
    usage: "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("api-version", None, FlagKind::String, "", "Use given api-version (group/version) of the resource."),
    FlagSpec::new("output", None, FlagKind::String, "plaintext", "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2)."),
    FlagSpec::new("recursive", None, FlagKind::Bool, "false", "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description."),
];

/// Descriptions are wrapped to this many characters (the template's `wrap 76`).
const WRAP: usize = 76;
/// `--recursive` goes at most this deep (CRD schemas refer to themselves).
const MAX_DEPTH: usize = 15;

/// Word-wraps `text` at `WRAP` and indents every line by `indent` spaces; an empty line keeps
/// its indentation (the template indents blank lines too).
fn wrap(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            if !line.is_empty() && line.len() + 1 + word.len() > WRAP {
                out.push_str(&format!("{pad}{line}\n"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&format!("{pad}{line}\n"));
    }
    out
}

fn field_line(s: &Schema, name: &str, ty: &Ty, required: bool, indent: usize) -> String {
    format!(
        "{}{name}\t<{}>{}\n",
        " ".repeat(indent),
        s.explain_type(ty),
        if required { " -required-" } else { "" }
    )
}

/// The object type behind a field type (`[]Container` → Container).
fn object_of<'a>(s: &'a Schema, ty: &Ty) -> Option<&'a TypeDef> {
    let mut t = ty;
    for _ in 0..4 {
        match t {
            Ty::Array(e) | Ty::Map(e) => t = e,
            Ty::Ref(i) => return s.ty(*i),
            _ => return None,
        }
    }
    None
}

fn recursive(s: &Schema, def: &TypeDef, indent: usize, depth: usize, out: &mut String) {
    // An explicit stack keeps the wasm stack flat.
    let mut stack: Vec<(&TypeDef, usize, usize, usize)> = vec![(def, 0, indent, depth)];
    while let Some((d, i, ind, dep)) = stack.pop() {
        let Some(f) = d.fields.get(i) else { continue };
        stack.push((d, i + 1, ind, dep));
        out.push_str(&field_line(s, f.name, &f.ty, f.required, ind));
        if dep < MAX_DEPTH {
            if let Some(child) = object_of(s, &f.ty) {
                stack.push((child, 0, ind + 2, dep + 1));
            }
        }
    }
}

fn run(_ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals();
    if args.is_empty() {
        io.err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
        return 1;
    }
    if args.len() > 1 {
        io.err("error: We accept only this format: explain RESOURCE\n");
        return 1;
    }
    let output = p.get_string("output");
    if output != "plaintext" && output != "plaintext-openapiv2" {
        io.err(format!("error: unsupported output format: {output}\n"));
        return 1;
    }
    let mut parts = args[0].split('.');
    let typed = parts.next().unwrap_or("");
    let path: Vec<&str> = parts.collect();
    let api_version = p.get_string("api-version");
    let s = schema();
    let Some(rt) = resources::resolve(typed) else {
        // checkErr prints a NoMatch error without the `error: ` prefix.
        io.err(format!(
            "the server doesn't have a resource type \"{typed}\"\n"
        ));
        return 1;
    };
    let kind = if api_version.is_empty() {
        s.kind(rt.kind, &rt.api_version())
    } else {
        s.kind(rt.kind, &api_version)
    };
    let Some(kind) = kind else {
        if !api_version.is_empty() {
            io.err(format!(
                "error: couldn't find resource for \"{}\"\n",
                if api_version.contains('/') {
                    format!("{}/{}", api_version, rt.kind)
                } else {
                    format!("{}, Kind={}", api_version, rt.kind)
                }
            ));
        } else {
            io.err(format!(
                "error: the server doesn't have a resource type \"{typed}\"\n"
            ));
        }
        return 1;
    };
    let mut out = String::new();
    if !kind.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", kind.group));
    }
    out.push_str(&format!(
        "KIND:       {}\nVERSION:    {}\n\n",
        kind.kind, kind.version
    ));
    let Some(def) = s.ty(kind.ty) else {
        return 1;
    };
    // Walk the field path.
    let mut field = None;
    for (n, name) in path.iter().enumerate() {
        let parent = if n == 0 {
            Some(def)
        } else {
            field.and_then(|f: &crate::sim::schema::Field| object_of(s, &f.ty))
        };
        match parent.and_then(|d| d.field(name)) {
            Some(f) => field = Some(f),
            None => {
                io.out(out);
                io.err(format!("error: field \"{name}\" does not exist\n"));
                return 1;
            }
        }
    }
    let mut fields_of = Some(def);
    if let Some(f) = field {
        out.push_str(&format!(
            "FIELD: {} <{}>\n\n",
            f.name,
            s.explain_type(&f.ty)
        ));
        fields_of = object_of(s, &f.ty);
        let mut desc = description(f.desc).to_string();
        if let Some(d) = fields_of {
            let d = description(d.desc);
            if !d.is_empty() {
                if !desc.is_empty() {
                    desc.push('\n');
                }
                desc.push_str(d);
            }
        }
        out.push_str("\nDESCRIPTION:\n");
        out.push_str(&wrap(&desc, 4));
    } else {
        out.push_str("DESCRIPTION:\n");
        out.push_str(&wrap(description(def.desc), 4));
    }
    out.push_str("    \n");
    if let Some(d) = fields_of.filter(|d| !d.fields.is_empty()) {
        out.push_str("FIELDS:\n");
        if p.get_bool("recursive") {
            recursive(s, d, 2, 0, &mut out);
            out.push('\n');
        } else {
            for f in &d.fields {
                out.push_str(&field_line(s, f.name, &f.ty, f.required, 2));
                out.push_str(&wrap(description(f.desc), 4));
                out.push('\n');
            }
            out.push('\n');
        }
    }
    io.out(out);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_the_template() {
        let w = wrap("Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.", 4);
        assert_eq!(w, "    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n");
    }
}

//! `kubectl create token`: a TokenRequest for a service account; prints the token, or the
//! TokenRequest with `-o`.

use serde_json::{json, Value};

use super::builder::{output, print_result, DryRun};
use super::create::one_name;
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::ResourceType;

/// Only for `-o name` (`tokenrequest.authentication.k8s.io/NAME`): a subresource, not listed.
static TOKEN_REQUEST: ResourceType = ResourceType {
    plural: "tokenrequests",
    short_names: &[],
    group: "authentication.k8s.io",
    version: "v1",
    namespaced: true,
    kind: "TokenRequest",
    listable: false,
};

pub static TOKEN: Command = Command {
    name: "token",
    about: "Request a service account token.",
    examples: "  # A token for service account myapp\n  kubectl create token myapp\n  \n  # For an hour and an audience, in namespace dev\n  kubectl create token myapp -n dev --duration=1h --audience=https://example.com",
    usage: "kubectl create token SERVICE_ACCOUNT_NAME [options]",
    flags: FLAGS,
    run,
};

/// TokenOptions.Validate, in its order.
fn validate(p: &Parsed) -> Result<(), &'static str> {
    let ns = p.get_duration("duration");
    let kind = p.get_string("bound-object-kind");
    if ns < 0 {
        return Err("--duration must be greater than or equal to 0");
    }
    if ns % 1_000_000_000 != 0 {
        return Err("--duration cannot be expressed in units less than seconds");
    }
    if p.get_strings("audience").iter().any(String::is_empty) {
        return Err("--audience must not be an empty string");
    }
    if kind.is_empty() {
        if !p.get_string("bound-object-name").is_empty() {
            return Err("--bound-object-name can only be set if --bound-object-kind is provided");
        }
        if !p.get_string("bound-object-uid").is_empty() {
            return Err("--bound-object-uid can only be set if --bound-object-kind is provided");
        }
    } else if !["Node", "Pod", "Secret"].contains(&kind.as_str()) {
        return Err("supported --bound-object-kind values are Node, Pod, Secret");
    } else if p.get_string("bound-object-name").is_empty() {
        return Err("--bound-object-name is required if --bound-object-kind is provided");
    }
    Ok(())
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let Ok(name) = one_name(p, "kubectl create token", io) else {
        return 1;
    };
    let Ok(out) = output(ctx, p, io) else {
        return 1;
    };
    if let Err(e) = validate(p) {
        io.err(format!("error: {e}\n"));
        return 1;
    }
    let audiences = p.get_strings("audience");
    let mut spec = json!({
        "audiences": if audiences.is_empty() { Value::Null } else { json!(audiences) },
        "boundObjectRef": null,
    });
    let seconds = p.get_duration("duration") / 1_000_000_000;
    if seconds > 0 {
        spec["expirationSeconds"] = json!(seconds);
    }
    let kind = p.get_string("bound-object-kind");
    if !kind.is_empty() {
        let mut r =
            json!({"kind": kind, "apiVersion": "v1", "name": p.get_string("bound-object-name")});
        let uid = p.get_string("bound-object-uid");
        if !uid.is_empty() {
            r["uid"] = json!(uid);
        }
        spec["boundObjectRef"] = r;
    }
    let req = json!({
        "kind": "TokenRequest",
        "apiVersion": "authentication.k8s.io/v1",
        "metadata": {"creationTimestamp": null},
        "spec": spec,
    });
    let ns = ctx.namespace(p);
    let response = match ctx.cluster.api.create_token(&ns, &name, &req) {
        Ok(r) => r,
        Err(s) => {
            io.err(format!("error: failed to create token: {}\n", s.message));
            return 1;
        }
    };
    if p.changed("output") {
        let printed = print_result(
            io,
            &out,
            &TOKEN_REQUEST,
            &response,
            "created",
            DryRun::None,
            true,
        );
        return i32::from(!printed);
    }
    let token = crate::sim::object::str_at(&response, "/status/token");
    io.out(if ctx.tty {
        format!("{token}\n")
    } else {
        token.to_string()
    });
    0
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("audience", None, FlagKind::StringArray, "[]", "Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences."),
    FlagSpec::new("bound-object-kind", None, FlagKind::String, "", "Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided."),
    FlagSpec::new("bound-object-name", None, FlagKind::String, "", "Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind."),
    FlagSpec::new("bound-object-uid", None, FlagKind::String, "", "UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used."),
    FlagSpec::new("duration", None, FlagKind::Duration, "0s", "Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

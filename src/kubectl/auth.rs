//! `kubectl auth can-i` and `kubectl auth whoami`. The kubeconfig's user is the kubeadm admin
//! (`kubernetes-admin`, group `kubeadm:cluster-admins`, bound to cluster-admin), who may do
//! everything. `--as` is evaluated against the RBAC objects in the store (ClusterRoleBindings,
//! and RoleBindings in the namespace), as the RBAC authorizer does.

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::printers::tabwriter::TabWriter;
use crate::shell::Io;
use crate::sim::resources::{self, rt};

pub static COMMAND: Command = Command {
    name: "auth",
    about: "Inspect authorization.",
    examples: "  # Check to see if I can create pods in any namespace\n  kubectl auth can-i create pods --all-namespaces",
    usage: "kubectl auth [flags] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", "If true, check the specified action in all namespaces."),
    FlagSpec::new("list", None, FlagKind::Bool, "false", "If true, prints all allowed actions."),
    FlagSpec::new("no-headers", None, FlagKind::Bool, "false", "If true, prints allowed actions without headers"),
    FlagSpec::new("quiet", Some('q'), FlagKind::Bool, "false", "If true, suppress output and just return the exit code."),
    FlagSpec::new("subresource", None, FlagKind::String, "", "SubResource such as pod/log or deployment/scale"),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
];

const ADMIN: &str = "kubernetes-admin";
const ADMIN_GROUPS: &[&str] = &["kubeadm:cluster-admins", "system:authenticated"];

fn strs(v: Option<&Value>) -> Vec<&str> {
    v.and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default()
}

fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.at(ptr).and_then(|v| v.as_str()).unwrap_or("")
}

/// Whether one of the binding's subjects is this user (or one of its groups).
fn binds(binding: &Value, user: &str, groups: &[String]) -> bool {
    let Some(subjects) = binding.get("subjects").and_then(|v| v.as_array()) else {
        return false;
    };
    subjects.iter().any(|sub| {
        let name = s(sub, "/name");
        match s(sub, "/kind") {
            "User" => name == user,
            "Group" => groups.iter().any(|g| g == name),
            "ServiceAccount" => {
                format!("system:serviceaccount:{}:{}", s(sub, "/namespace"), name) == user
            }
            _ => false,
        }
    })
}

fn rules_allow(role: &Value, verb: &str, group: &str, resource: &str, name: &str) -> bool {
    let Some(rules) = role.get("rules").and_then(|v| v.as_array()) else {
        return false;
    };
    rules.iter().any(|r| {
        let verbs = strs(r.get("verbs"));
        let groups = strs(r.get("apiGroups"));
        let res = strs(r.get("resources"));
        let names = strs(r.get("resourceNames"));
        (verbs.contains(&"*") || verbs.contains(&verb))
            && (groups.contains(&"*") || groups.contains(&group))
            && (res.contains(&"*") || res.contains(&resource))
            && (names.is_empty() || names.contains(&name))
    })
}

/// The RBAC authorizer's decision for `user` in `namespace` ("" for cluster scope).
#[allow(clippy::too_many_arguments)]
fn allowed(
    ctx: &Ctx,
    user: &str,
    groups: &[String],
    verb: &str,
    group: &str,
    resource: &str,
    name: &str,
    namespace: &str,
) -> bool {
    let api = &ctx.cluster.api;
    let role_of = |binding: &Value, ns: &str| -> Option<Value> {
        let kind = s(binding, "/roleRef/kind");
        let rname = s(binding, "/roleRef/name");
        if kind == "ClusterRole" {
            api.get(rt("clusterroles.rbac.authorization.k8s.io"), "", rname)
                .ok()
        } else {
            api.get(rt("roles.rbac.authorization.k8s.io"), ns, rname)
                .ok()
        }
    };
    for b in api.list(rt("clusterrolebindings.rbac.authorization.k8s.io"), None) {
        if binds(&b, user, groups)
            && role_of(&b, "").is_some_and(|r| rules_allow(&r, verb, group, resource, name))
        {
            return true;
        }
    }
    if namespace.is_empty() {
        return false;
    }
    for b in api.list(
        rt("rolebindings.rbac.authorization.k8s.io"),
        Some(namespace),
    ) {
        if binds(&b, user, groups)
            && role_of(&b, namespace).is_some_and(|r| rules_allow(&r, verb, group, resource, name))
        {
            return true;
        }
    }
    false
}

/// The user and groups the request runs as: `--as` or the admin.
fn identity(p: &Parsed) -> (String, Vec<String>) {
    let as_user = p.get_string("as");
    if as_user.is_empty() {
        return (
            ADMIN.into(),
            ADMIN_GROUPS.iter().map(|g| g.to_string()).collect(),
        );
    }
    let mut groups: Vec<String> = p.get_strings("as-group");
    if let Some(rest) = as_user.strip_prefix("system:serviceaccount:") {
        groups.push("system:serviceaccounts".into());
        if let Some((ns, _)) = rest.split_once(':') {
            groups.push(format!("system:serviceaccounts:{ns}"));
        }
    }
    groups.push("system:authenticated".into());
    (as_user, groups)
}

fn can_i(ctx: &mut Ctx, p: &Parsed, io: &mut Io, args: &[String]) -> i32 {
    if p.get_bool("list") {
        io.err("error: --list is not supported in the playground yet\n");
        return 1;
    }
    let (verb, target) = match args {
        [v, t] | [v, t, _] => (v.as_str(), t.as_str()),
        _ => {
            io.err("error: you must specify two or three arguments: verb, resource, and optional resourceName\nSee 'kubectl auth can-i -h' for help and examples\n");
            return 1;
        }
    };
    let (typed, mut name) = match target.split_once('/') {
        Some((t, n)) => (t, n.to_string()),
        None => (target, String::new()),
    };
    if let [_, _, n] = args {
        name = n.clone();
    }
    let (group, resource, namespaced) = match resources::resolve(typed) {
        Some(r) => (r.group.to_string(), r.plural.to_string(), r.namespaced),
        None => {
            io.err(format!(
                "Warning: the server doesn't have a resource type '{typed}'\n\n"
            ));
            (String::new(), typed.to_string(), true)
        }
    };
    let namespace = if p.get_bool("all-namespaces") || !namespaced {
        String::new()
    } else {
        ctx.namespace(p)
    };
    let (user, groups) = identity(p);
    let yes = user == ADMIN
        || allowed(
            ctx, &user, &groups, verb, &group, &resource, &name, &namespace,
        );
    if !p.get_bool("quiet") {
        io.out(if yes { "yes\n" } else { "no\n" });
    }
    if yes {
        0
    } else {
        1
    }
}

fn whoami(p: &Parsed, io: &mut Io) -> i32 {
    let (user, groups) = identity(p);
    let mut tw = TabWriter::for_get();
    tw.write(&format!(
        "ATTRIBUTE\tVALUE\nUsername\t{user}\nGroups\t[{}]\n",
        groups.join(" ")
    ));
    io.out(tw.flush());
    0
}

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.positionals();
    match args.first().map(String::as_str) {
        Some("can-i") => can_i(ctx, p, io, &args[1..]),
        Some("whoami") => whoami(p, io),
        Some(_) => super::usage_error(
            io,
            "kubectl auth",
            &format!("unknown command \"{}\"", args.join(" ")),
        ),
        None => {
            io.err(include_str!("auth_help.txt"));
            1
        }
    }
}

//! `kubectl create serviceaccount|role|clusterrole|rolebinding|clusterrolebinding`.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::builder::{report, KErr};
use super::create::{begin, finish, generated_meta, require_flags};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::{self, rt};

pub static SERVICEACCOUNT: Command = Command {
    name: "serviceaccount",
    about: "Create a service account with the specified name.",
    examples: "  # A service account for an application\n  kubectl create serviceaccount app-sa",
    usage: "kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]",
    flags: SERVICEACCOUNT_FLAGS,
    run: run_serviceaccount,
};

pub static ROLE: Command = Command {
    name: "role",
    about: "Create a role with single rule.",
    examples: "  # Read-only access to pods\n  kubectl create role pod-reader --verb=get,list,watch --resource=pods\n  \n  # Only two named config maps\n  kubectl create role cm-reader --verb=get --resource=configmaps --resource-name=a --resource-name=b",
    usage: "kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]",
    flags: ROLE_FLAGS,
    run: |c, p, io| run_role(c, p, io, false),
};

pub static CLUSTERROLE: Command = Command {
    name: "clusterrole",
    about: "Create a cluster role.",
    examples: "  # Read nodes everywhere\n  kubectl create clusterrole node-reader --verb=get,list,watch --resource=nodes\n  \n  # A non-resource URL\n  kubectl create clusterrole health --verb=get --non-resource-url=/healthz",
    usage: "kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]",
    flags: CLUSTERROLE_FLAGS,
    run: |c, p, io| run_role(c, p, io, true),
};

pub static ROLEBINDING: Command = Command {
    name: "rolebinding",
    about: "Create a role binding for a particular role or cluster role.",
    examples: "  # Give a user the pod-reader role in this namespace\n  kubectl create rolebinding read-pods --role=pod-reader --user=alice\n  \n  # Bind a service account to a cluster role, in this namespace\n  kubectl create rolebinding view-sa --clusterrole=view --serviceaccount=default:app-sa",
    usage: "kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
    flags: ROLEBINDING_FLAGS,
    run: |c, p, io| run_binding(c, p, io, false),
};

pub static CLUSTERROLEBINDING: Command = Command {
    name: "clusterrolebinding",
    about: "Create a cluster role binding for a particular cluster role.",
    examples: "  # Make a user a cluster admin\n  kubectl create clusterrolebinding root --clusterrole=cluster-admin --user=root",
    usage: "kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
    flags: CLUSTERROLEBINDING_FLAGS,
    run: |c, p, io| run_binding(c, p, io, true),
};

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";
const RESOURCE_VERBS: &[&str] = &[
    "*",
    "get",
    "delete",
    "list",
    "create",
    "update",
    "patch",
    "watch",
    "proxy",
    "deletecollection",
    "use",
    "bind",
    "escalate",
    "impersonate",
];
const NON_RESOURCE_VERBS: &[&str] = &[
    "*", "get", "post", "put", "delete", "patch", "head", "options",
];

fn run_serviceaccount(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create serviceaccount") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let obj = json!({
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": generated_meta(ctx, p, &name, true),
    });
    finish(
        ctx,
        p,
        io,
        rt("serviceaccounts"),
        obj,
        dry,
        out,
        Some("failed to create serviceaccount: "),
    )
}

/// The verbs, lower-cased and without repeats; `*` alone when present.
fn verbs(p: &Parsed) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for v in p.get_strings("verb") {
        if v == "*" {
            return vec!["*".into()];
        }
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The rules of a role: one per API group (sorted), then one for the non-resource URLs.
fn rules(p: &Parsed, verbs: &[String], io: &mut Io) -> Result<Vec<Value>, String> {
    let mut by_group: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let names = p.get_strings("resource-name");
    for r in p.get_strings("resource") {
        let (main, sub) = match r.split_once('/') {
            Some((m, s)) => (m.to_string(), Some(s.to_string())),
            None => (r.clone(), None),
        };
        let (res, group) = match main.split_once('.') {
            Some((r, g)) => (r.to_string(), g.to_string()),
            None => (main.clone(), String::new()),
        };
        if res.is_empty() {
            return Err("resource must be specified if apiGroup/subresource specified".into());
        }
        let (mut resource, group) = if res == "*" {
            (res.clone(), group)
        } else {
            let typed = if group.is_empty() {
                res.clone()
            } else {
                format!("{res}.{group}")
            };
            match resources::resolve(&typed) {
                Some(t) => (t.plural.to_string(), t.group.to_string()),
                None if group.is_empty() => {
                    return Err(format!("the server doesn't have a resource type \"{res}\""))
                }
                None => {
                    return Err(format!(
                        "the server doesn't have a resource type \"{res}\" in group \"{group}\""
                    ))
                }
            }
        };
        for v in verbs {
            let special: Option<&[(&str, &str)]> = match v.as_str() {
                "use" => Some(&[("policy", "podsecuritypolicies")]),
                "bind" | "escalate" => Some(&[(RBAC_GROUP, "roles"), (RBAC_GROUP, "clusterroles")]),
                "impersonate" => Some(&[
                    ("", "users"),
                    ("", "serviceaccounts"),
                    ("", "groups"),
                    ("authentication.k8s.io", "userextras"),
                ]),
                _ => None,
            };
            if let Some(allowed) = special {
                if !allowed.iter().any(|(g, r)| *g == group && *r == resource) {
                    return Err(format!(
                        "can not perform '{v}' on '{resource}' in group '{group}'"
                    ));
                }
            }
        }
        if let Some(s) = sub {
            resource = format!("{resource}/{s}");
        }
        let list = by_group.entry(group).or_default();
        if !list.contains(&resource) {
            list.push(resource);
        }
    }
    let _ = io;
    let mut out = vec![];
    for (g, res) in by_group {
        let mut rule = Map::new();
        rule.insert("apiGroups".into(), json!([g]));
        if !names.is_empty() {
            rule.insert("resourceNames".into(), json!(names));
        }
        rule.insert("resources".into(), json!(res));
        rule.insert("verbs".into(), json!(verbs));
        out.push(Value::Object(rule));
    }
    let urls = p.get_strings("non-resource-url");
    if !urls.is_empty() {
        out.push(json!({"nonResourceURLs": urls, "verbs": verbs}));
    }
    Ok(out)
}

fn run_role(ctx: &mut Ctx, p: &Parsed, io: &mut Io, cluster: bool) -> i32 {
    let path = if cluster {
        "kubectl create clusterrole"
    } else {
        "kubectl create role"
    };
    let (name, dry, out) = match begin(ctx, p, io, path) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let verbs = verbs(p);
    let urls = p.get_strings("non-resource-url");
    let aggregation = p.get_string("aggregation-rule");
    let err = |io: &mut Io, m: &str| report(io, &[KErr::Msg(m.to_string())]);
    if cluster && !aggregation.is_empty() {
        if !urls.is_empty()
            || !verbs.is_empty()
            || !p.get_strings("resource").is_empty()
            || !p.get_strings("resource-name").is_empty()
        {
            return err(io, "aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames");
        }
    } else {
        if verbs.is_empty() {
            return err(io, "at least one verb must be specified");
        }
        if cluster {
            if p.get_strings("resource").is_empty() && urls.is_empty() {
                return err(io, "one of resource or nonResourceURL must be specified");
            }
            for u in &urls {
                if !u.starts_with('/') {
                    return err(io, "nonResourceURL should start with /");
                }
            }
            if !urls.is_empty() {
                for v in &verbs {
                    if !NON_RESOURCE_VERBS.contains(&v.as_str()) {
                        return err(io, &format!("invalid verb: '{v}' for nonResourceURL"));
                    }
                }
            }
        } else if p.get_strings("resource").is_empty() {
            return err(io, "at least one resource must be specified");
        }
        if !p.get_strings("resource").is_empty() {
            for v in &verbs {
                if !RESOURCE_VERBS.contains(&v.as_str()) {
                    io.err(format!("Warning: '{v}' is not a standard resource verb\n"));
                }
            }
        }
    }
    let kind = if cluster { "ClusterRole" } else { "Role" };
    let mut obj = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": kind,
        "metadata": generated_meta(ctx, p, &name, !cluster),
    });
    if cluster && !aggregation.is_empty() {
        let mut labels = Map::new();
        for pair in aggregation.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            labels.insert(k.to_string(), json!(v));
        }
        obj["aggregationRule"] = json!({"clusterRoleSelectors": [{"matchLabels": labels}]});
        obj["rules"] = Value::Null;
    } else {
        match rules(p, &verbs, io) {
            Ok(r) => obj["rules"] = json!(r),
            // checkErr prints a NoMatch error without the `error: ` prefix.
            Err(e) if e.starts_with("the server doesn't have") => {
                io.err(format!("{e}\n"));
                return 1;
            }
            Err(e) => return err(io, &e),
        }
    }
    let t = if cluster {
        rt("clusterroles.rbac.authorization.k8s.io")
    } else {
        rt("roles.rbac.authorization.k8s.io")
    };
    finish(ctx, p, io, t, obj, dry, out, None)
}

fn run_binding(ctx: &mut Ctx, p: &Parsed, io: &mut Io, cluster: bool) -> i32 {
    if cluster {
        if let Err(s) = require_flags(p, &["clusterrole"], io) {
            return s;
        }
    }
    let path = if cluster {
        "kubectl create clusterrolebinding"
    } else {
        "kubectl create rolebinding"
    };
    let (name, dry, out) = match begin(ctx, p, io, path) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let role = p.get_string("role");
    let cluster_role = p.get_string("clusterrole");
    if !cluster && role.is_empty() == cluster_role.is_empty() {
        return report(
            io,
            &[KErr::Msg(
                "exactly one of clusterrole or role must be specified".into(),
            )],
        );
    }
    let mut subjects = vec![];
    for u in p.get_strings("user") {
        subjects.push(json!({"apiGroup": RBAC_GROUP, "kind": "User", "name": u}));
    }
    for g in p.get_strings("group") {
        subjects.push(json!({"apiGroup": RBAC_GROUP, "kind": "Group", "name": g}));
    }
    for sa in p.get_strings("serviceaccount") {
        let Some((ns, n)) = sa
            .split_once(':')
            .filter(|(ns, n)| !ns.is_empty() && !n.is_empty() && !n.contains(':'))
        else {
            return report(
                io,
                &[KErr::Msg(
                    "serviceaccount must be <namespace>:<name>".into(),
                )],
            );
        };
        subjects.push(json!({"kind": "ServiceAccount", "name": n, "namespace": ns}));
    }
    let (ref_kind, ref_name) = if role.is_empty() {
        ("ClusterRole", cluster_role)
    } else {
        ("Role", role)
    };
    let kind = if cluster {
        "ClusterRoleBinding"
    } else {
        "RoleBinding"
    };
    let mut obj = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": kind,
        "metadata": generated_meta(ctx, p, &name, !cluster),
        "roleRef": {"apiGroup": RBAC_GROUP, "kind": ref_kind, "name": ref_name},
    });
    if !subjects.is_empty() {
        obj["subjects"] = json!(subjects);
    }
    let (t, failed) = if cluster {
        (
            rt("clusterrolebindings.rbac.authorization.k8s.io"),
            "failed to create clusterrolebinding: ",
        )
    } else {
        (
            rt("rolebindings.rbac.authorization.k8s.io"),
            "failed to create rolebinding: ",
        )
    };
    finish(ctx, p, io, t, obj, dry, out, Some(failed))
}

pub const SERVICEACCOUNT_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const ROLE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("resource", None, FlagKind::StringSlice, "[]", "Resource that the rule applies to"),
    FlagSpec::new("resource-name", None, FlagKind::StringArray, "[]", "Resource in the white list that the rule applies to, repeat this flag for multiple items"),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("verb", None, FlagKind::StringSlice, "[]", "Verb that applies to the resources contained in the rule"),
];

pub const CLUSTERROLE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("aggregation-rule", None, FlagKind::String, "", "An aggregation label selector for combining ClusterRoles."),
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("non-resource-url", None, FlagKind::StringSlice, "[]", "A partial url that user should have access to."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("resource", None, FlagKind::StringSlice, "[]", "Resource that the rule applies to"),
    FlagSpec::new("resource-name", None, FlagKind::StringArray, "[]", "Resource in the white list that the rule applies to, repeat this flag for multiple items"),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("verb", None, FlagKind::StringSlice, "[]", "Verb that applies to the resources contained in the rule"),
];

pub const ROLEBINDING_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("clusterrole", None, FlagKind::String, "", "ClusterRole this RoleBinding should reference"),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("group", None, FlagKind::StringArray, "[]", "Groups to bind to the role. The flag can be repeated to add multiple groups."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("role", None, FlagKind::String, "", "Role this RoleBinding should reference"),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("serviceaccount", None, FlagKind::StringArray, "[]", "Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("user", None, FlagKind::StringArray, "[]", "Usernames to bind to the role. The flag can be repeated to add multiple users."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const CLUSTERROLEBINDING_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("clusterrole", None, FlagKind::String, "", "ClusterRole this ClusterRoleBinding should reference"),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("group", None, FlagKind::StringArray, "[]", "Groups to bind to the clusterrole. The flag can be repeated to add multiple groups."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("serviceaccount", None, FlagKind::StringArray, "[]", "Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("user", None, FlagKind::StringArray, "[]", "Usernames to bind to the clusterrole. The flag can be repeated to add multiple users."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

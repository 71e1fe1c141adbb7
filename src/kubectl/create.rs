//! `kubectl create`: objects from files (`create -f`), and the generators of its subcommands
//! (`create deployment`, `create service nodeport`, …), which live in `create_*.rs`.

use serde_json::{json, Value};

use super::builder::{self, dry_run, output, print_result, report, Accept, DryRun, KErr, Output};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::groups::{Child, Group};
use super::{print_status, usage_error, Command, Ctx};
use crate::shell::Io;
use crate::sim::apiserver::Status;
use crate::sim::resources::ResourceType;

pub static COMMAND: Command = Command {
    name: "create",
    about: "Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted; every object in the input is created.",
    examples: "  # Create the objects described in pod.yaml\n  kubectl create -f pod.yaml\n  \n  # Create from standard input\n  cat pod.yaml | kubectl create -f -\n  \n  # Create and keep the configuration for a later kubectl apply\n  kubectl create -f deploy.yaml --save-config",
    usage: "kubectl create -f FILENAME [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("edit", None, FlagKind::Bool, "false", "Edit the API resource before creating"),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files to use to create the resource"),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("raw", None, FlagKind::String, "", "Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("selector", Some('l'), FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
    FlagSpec::new("windows-line-endings", None, FlagKind::Bool, "false", "Only relevant if --edit=true. Defaults to the line ending native to your platform."),
];

pub static GROUP: Group = Group {
    path: "create",
    about: "",
    usage: "kubectl create -f FILENAME [options]",
    aliases: &[],
    runs: true,
    children: &[
        Child {
            names: &["clusterrole"],
            short: "Create a cluster role",
            command: &super::create_rbac::CLUSTERROLE,
        },
        Child {
            names: &["clusterrolebinding"],
            short: "Create a cluster role binding for a particular cluster role",
            command: &super::create_rbac::CLUSTERROLEBINDING,
        },
        Child {
            names: &["configmap", "cm"],
            short: "Create a config map from a local file, directory or literal value",
            command: &super::create_config::CONFIGMAP,
        },
        Child {
            names: &["cronjob", "cj"],
            short: "Create a cron job with the specified name",
            command: &super::create_workloads::CRONJOB,
        },
        Child {
            names: &["deployment", "deploy"],
            short: "Create a deployment with the specified name",
            command: &super::create_workloads::DEPLOYMENT,
        },
        Child {
            names: &["ingress", "ing"],
            short: "Create an ingress with the specified name",
            command: &super::create_misc::INGRESS,
        },
        Child {
            names: &["job"],
            short: "Create a job with the specified name",
            command: &super::create_workloads::JOB,
        },
        Child {
            names: &["namespace", "ns"],
            short: "Create a namespace with the specified name",
            command: &super::create_misc::NAMESPACE,
        },
        Child {
            names: &["poddisruptionbudget", "pdb"],
            short: "Create a pod disruption budget with the specified name",
            command: &super::create_misc::PDB,
        },
        Child {
            names: &["priorityclass", "pc"],
            short: "Create a priority class with the specified name",
            command: &super::create_misc::PRIORITYCLASS,
        },
        Child {
            names: &["quota", "resourcequota"],
            short: "Create a quota with the specified name",
            command: &super::create_misc::QUOTA,
        },
        Child {
            names: &["role"],
            short: "Create a role with single rule",
            command: &super::create_rbac::ROLE,
        },
        Child {
            names: &["rolebinding"],
            short: "Create a role binding for a particular role or cluster role",
            command: &super::create_rbac::ROLEBINDING,
        },
        Child {
            names: &["secret"],
            short: "Create a secret using a specified subcommand",
            command: &super::create_config::SECRET,
        },
        Child {
            names: &["service", "svc"],
            short: "Create a service using a specified subcommand",
            command: &super::create_service::SERVICE,
        },
        Child {
            names: &["serviceaccount", "sa"],
            short: "Create a service account with the specified name",
            command: &super::create_rbac::SERVICEACCOUNT,
        },
        Child {
            names: &["token"],
            short: "Request a service account token",
            command: &super::create_token::TOKEN,
        },
    ],
};

pub static SERVICE_GROUP: Group = Group {
    path: "create service",
    about: "Create a service using a specified subcommand.",
    usage: "kubectl create service [flags] [options]",
    aliases: &["service", "svc"],
    runs: false,
    children: &[
        Child {
            names: &["clusterip"],
            short: "Create a ClusterIP service",
            command: &super::create_service::CLUSTERIP,
        },
        Child {
            names: &["externalname"],
            short: "Create an ExternalName service",
            command: &super::create_service::EXTERNALNAME,
        },
        Child {
            names: &["loadbalancer"],
            short: "Create a LoadBalancer service",
            command: &super::create_service::LOADBALANCER,
        },
        Child {
            names: &["nodeport"],
            short: "Create a NodePort service",
            command: &super::create_service::NODEPORT,
        },
    ],
};

pub static SECRET_GROUP: Group = Group {
    path: "create secret",
    about: "Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.",
    usage: "kubectl create secret (docker-registry | generic | tls) [options]",
    aliases: &[],
    runs: false,
    children: &[
        Child { names: &["docker-registry"], short: "Create a secret for use with a Docker registry", command: &super::create_config::SECRET_DOCKER },
        Child { names: &["generic"], short: "Create a secret from a local file, directory, or literal value", command: &super::create_config::SECRET_GENERIC },
        Child { names: &["tls"], short: "Create a TLS secret", command: &super::create_config::SECRET_TLS },
    ],
};

/// cobra's check of required flags, before the command runs.
pub fn require_flags(p: &Parsed, names: &[&str], io: &mut Io) -> Result<(), i32> {
    let missing: Vec<String> = names
        .iter()
        .filter(|n| !p.changed(n))
        .map(|n| format!("\"{n}\""))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    io.err(format!(
        "error: required flag(s) {} not set\n",
        missing.join(", ")
    ));
    Err(1)
}

/// NameFromCommandArgs: exactly one NAME before `--`.
pub fn one_name(p: &Parsed, path: &str, io: &mut Io) -> Result<String, i32> {
    let n = p.args_len_at_dash().unwrap_or(p.positionals().len());
    if n != 1 {
        return Err(usage_error(
            io,
            path,
            &format!("exactly one NAME is required, got {n}"),
        ));
    }
    Ok(p.positionals()[0].clone())
}

/// The metadata of a generated object: the name, and the namespace only when `-n` was given.
pub fn generated_meta(ctx: &Ctx, p: &Parsed, name: &str, namespaced: bool) -> Value {
    let mut meta = json!({"name": name, "creationTimestamp": null});
    // EnforceNamespace: `-n` given with a value (`--namespace=` falls back to the context).
    if namespaced && !p.get_string("namespace").is_empty() {
        meta["namespace"] = json!(ctx.namespace(p));
    }
    meta
}

/// An API error as `fmt.Errorf("failed to create x: %v", err)` prints it: the status message,
/// with an Invalid one spelled as the server's message (`Deployment.apps "x" is invalid: …`).
pub fn status_message(rt: &ResourceType, s: &Status) -> String {
    if s.reason != "Invalid" {
        return s.message.clone();
    }
    let kind = if rt.group.is_empty() {
        s.kind.clone()
    } else {
        format!("{}.{}", s.kind, rt.group)
    };
    let causes = if s.causes.len() == 1 {
        s.causes[0].clone()
    } else {
        format!("[{}]", s.causes.join(", "))
    };
    format!("{kind} \"{}\" is invalid: {causes}", s.name)
}

/// The end of every generator subcommand: `--save-config`, the create call (not for
/// `--dry-run=client`) and the printer. `failed` is the text an API error is wrapped in
/// (`failed to create deployment: `), or None to print it as the server's error.
#[allow(clippy::too_many_arguments)]
pub fn finish(
    ctx: &mut Ctx,
    p: &Parsed,
    io: &mut Io,
    rt: &'static ResourceType,
    mut obj: Value,
    dry: DryRun,
    out: Output,
    failed: Option<&str>,
) -> i32 {
    if p.get_bool("save-config") {
        builder::set_last_applied(&mut obj, true);
    }
    let result = if dry == DryRun::Client {
        obj
    } else {
        let ns = ctx.namespace(p);
        match ctx
            .cluster
            .api
            .create_opts(rt, &ns, obj, dry == DryRun::Server)
        {
            Ok(o) => o,
            Err(s) => {
                match failed {
                    Some(prefix) => io.err(format!("error: {prefix}{}\n", status_message(rt, &s))),
                    None => print_status(io, &s),
                }
                return 1;
            }
        }
    };
    if print_result(io, &out, rt, &result, "created", dry, true) {
        0
    } else {
        1
    }
}

/// The checks every generator runs in Complete: the name, `--dry-run` and `-o`.
pub fn begin(
    ctx: &Ctx,
    p: &Parsed,
    io: &mut Io,
    path: &str,
) -> Result<(String, DryRun, Output), i32> {
    let name = one_name(p, path, io)?;
    let dry = dry_run(p, io, ctx.cluster.now())?;
    let out = output(ctx, p, io)?;
    Ok((name, dry, out))
}

/// `kubectl create -f`.
fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let files = p.get_strings("filename");
    let kustomize = p.get_string("kustomize");
    if files.is_empty() && kustomize.is_empty() {
        if !p.args().is_empty() {
            return usage_error(
                io,
                "kubectl create",
                &format!("Unexpected args: [{}]", p.args().join(" ")),
            );
        }
        io.err("error: must specify one of -f and -k\n");
        return 1;
    }
    if !p.args().is_empty() {
        return usage_error(
            io,
            "kubectl create",
            &format!("Unexpected args: [{}]", p.args().join(" ")),
        );
    }
    if p.get_bool("edit") || !p.get_string("raw").is_empty() {
        io.err("error: --edit and --raw are not available in this playground yet\n");
        return 1;
    }
    let Ok(dry) = dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = output(ctx, p, io) else {
        return 1;
    };
    if builder::validate_flag(p, io).is_err() {
        return 1;
    }
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(
        ctx,
        p,
        &stdin,
        &[],
        Accept {
            selectors: true,
            ..Default::default()
        },
    ) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    let save = p.get_bool("save-config");
    let mut count = 0;
    let mut printer = builder::Printer::default();
    for t in targets {
        let Some(mut obj) = t.obj else { continue };
        ctx.cluster.controllers_catch_up();
        if save {
            builder::set_last_applied(&mut obj, false);
        }
        // The server decodes the body with `fieldValidation` from `--validate`.
        let result = if dry == DryRun::Client {
            obj
        } else {
            if let Err(s) =
                super::field_validation::check(io, t.rt, &obj, super::field_validation::mode(p))
            {
                errs.push(KErr::Status(s).with_source("creating", &t.source));
                continue;
            }
            match ctx
                .cluster
                .api
                .create_opts(t.rt, &t.namespace, obj, dry == DryRun::Server)
            {
                Ok(o) => o,
                Err(s) => {
                    errs.push(KErr::Status(s).with_source("creating", &t.source));
                    continue;
                }
            }
        };
        count += 1;
        printer.print(io, &out, t.rt, &result, "created", dry, false);
    }
    if !errs.is_empty() {
        return report(io, &errs);
    }
    if count == 0 {
        io.err("error: no objects passed to create\n");
        return 1;
    }
    0
}

//! `kubectl autoscale`: a HorizontalPodAutoscaler (autoscaling/v2) for a deployment, replica
//! set, stateful set or replication controller.

use serde_json::{json, Value};

use super::builder::{self, report, Accept, DryRun, KErr};
use super::create::require_flags;
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::rt;

pub static COMMAND: Command = Command {
    name: "autoscale",
    about: "Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.\n\n Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.",
    examples: "  # Between 2 and 10 pods, aiming at 80% CPU\n  kubectl autoscale deployment web --min=2 --max=10 --cpu-percent=80\n  \n  # At most 5 pods, the default policy\n  kubectl autoscale deployment web --max=5",
    usage: "kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    if let Err(s) = require_flags(p, &["max"], io) {
        return s;
    }
    let Ok(dry) = builder::dry_run(p, io, ctx.cluster.now()) else {
        return 1;
    };
    let Ok(out) = builder::output(ctx, p, io) else {
        return 1;
    };
    let max = p.get_int("max");
    let min = p.get_int("min");
    if max < 1 {
        io.err(format!(
            "error: --max=MAXPODS is required and must be at least 1, max: {max}\n"
        ));
        return 1;
    }
    if max < min {
        io.err(format!("error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}\n"));
        return 1;
    }
    let stdin = io.take_stdin();
    let (targets, mut errs) = match builder::targets(ctx, p, &stdin, &p.args(), Accept::default()) {
        Ok(t) => t,
        Err(e) => return report(io, &e),
    };
    let mut printer = builder::Printer::default();
    for t in targets {
        if let Err(e) = builder::fetch(ctx, &t) {
            errs.push(e);
            continue;
        }
        if !matches!(
            t.rt.kind,
            "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController"
        ) {
            errs.push(KErr::Msg(format!("cannot autoscale a {}: deployments.apps, replicasets.apps, replicationcontrollers and statefulsets.apps are the kinds that can be autoscaled", t.rt.kind)));
            continue;
        }
        let mut name = p.get_string("name");
        if name.is_empty() {
            name = t.name.clone();
        }
        let mut spec = json!({
            "maxReplicas": max,
            "scaleTargetRef": {"apiVersion": t.rt.api_version(), "kind": t.rt.kind, "name": t.name},
        });
        if min > 0 {
            spec["minReplicas"] = json!(min);
        }
        let cpu = p.get_int("cpu-percent");
        if cpu >= 0 {
            spec["metrics"] = json!([{"resource": {"name": "cpu", "target": {"averageUtilization": cpu, "type": "Utilization"}}, "type": "Resource"}]);
        }
        let mut meta = json!({"name": name, "creationTimestamp": null});
        if p.changed("namespace") && dry == DryRun::Client {
            meta["namespace"] = json!(t.namespace);
        }
        let mut hpa = json!({
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": meta,
            "spec": spec,
            "status": {"desiredReplicas": 0},
        });
        if p.get_bool("save-config") {
            builder::set_last_applied(&mut hpa, true);
        }
        let result: Value = if dry == DryRun::Client {
            hpa
        } else {
            match ctx.cluster.api.create_opts(
                rt("horizontalpodautoscalers.autoscaling"),
                &t.namespace,
                hpa,
                dry == DryRun::Server,
            ) {
                Ok(o) => o,
                Err(s) => {
                    errs.push(KErr::Status(s));
                    continue;
                }
            }
        };
        printer.print(
            io,
            &out,
            rt("horizontalpodautoscalers.autoscaling"),
            &result,
            "autoscaled",
            dry,
            true,
        );
    }
    report(io, &errs)
}

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("cpu-percent", None, FlagKind::Int, "-1", "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-autoscale", "Name of the manager used to track field ownership."),
    FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to autoscale."),
    FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
    FlagSpec::new("max", None, FlagKind::Int, "-1", "The upper limit for the number of pods that can be set by the autoscaler. Required."),
    FlagSpec::new("min", None, FlagKind::Int, "-1", "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value."),
    FlagSpec::new("name", None, FlagKind::String, "", "The name for the newly created object. If not specified, the name of the input resource will be used."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("recursive", Some('R'), FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
];

//! `kubectl exec`: runs a command in a running container, through the API server's
//! `pods/exec`, which the kubelet answers.
//!
//! `kubectl exec -it POD -- sh` (or `bash`, `ash`) with no `-c` script opens the container's
//! shell: the terminal's prompt becomes the container's (`/ # `, `root@nginx:/# `) and lines
//! run inside the container until `exit`. (Real kubectl hands the terminal to the remote shell
//! the same way; here the session does it, see `Session`.) Without `-i` the shell reads an
//! empty standard input and exits at once, as it does for real kubectl.

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::logs::{advance, default_container, first_pod};
use super::{Command, Ctx};
use crate::shell::{Io, Stream};
use crate::sim::kubelet::ExecError;
use crate::sim::network::Attach;
use crate::sim::object::{self, str_at};

pub static COMMAND: Command = Command {
    name: "exec",
    about: "Execute a command in a container.",
    examples: "  # Run 'date' in pod mypod, in its first container\n  kubectl exec mypod -- date\n  \n  # The same in container ruby-container\n  kubectl exec mypod -c ruby-container -- date\n  \n  # A shell script in the container\n  kubectl exec mypod -- sh -c 'echo $HOSTNAME; ls /'\n  \n  # An interactive shell in the container (type exit to leave)\n  kubectl exec -it mypod -- sh\n  \n  # The first pod of a deployment\n  kubectl exec deploy/mydeployment -- env",
    usage: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("container", Some('c'), FlagKind::String, "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
    FlagSpec::new("filename", Some('f'), FlagKind::StringArray, "[]", "to use to exec into the resource"),
    FlagSpec::new("pod-running-timeout", None, FlagKind::Duration, "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
    FlagSpec::new("quiet", Some('q'), FlagKind::Bool, "false", "Only print output from the remote session"),
    FlagSpec::new("stdin", Some('i'), FlagKind::Bool, "false", "Pass stdin to the container"),
    FlagSpec::new("tty", Some('t'), FlagKind::Bool, "false", "Stdin is a TTY"),
];

const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh"];

/// A shell started without a script (`sh`, `bash -l`, `/bin/sh`): interactive when attached.
pub(crate) fn interactive_shell(argv: &[String]) -> Option<String> {
    let first = argv.first()?;
    let name = first.rsplit('/').next().unwrap_or(first);
    if !SHELLS.contains(&name) {
        return None;
    }
    if argv[1..]
        .iter()
        .all(|a| a.starts_with('-') && !a.contains('c'))
    {
        Some(first.clone())
    } else {
        None
    }
}

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let positionals = p.positionals().to_vec();
    let quiet = p.get_bool("quiet");
    let dash = p.args_len_at_dash();
    let mut resource = String::new();
    if !positionals.is_empty() && dash != Some(0) {
        resource = positionals[0].clone();
    }
    let command: Vec<String> = if dash.is_some() {
        p.after_dash().to_vec()
    } else if positionals.len() > 1 {
        if !quiet {
            io.err("kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n");
        }
        positionals[1..].to_vec()
    } else {
        vec![]
    };
    if resource.is_empty() && p.get_strings("filename").is_empty() {
        io.err("error: pod, type/name or --filename must be specified\n");
        return 1;
    }
    if command.is_empty() {
        io.err("error: you must specify at least one command for the container\n");
        return 1;
    }
    if resource.is_empty() {
        io.err("error: exec with -f is not available in this playground; name the pod\n");
        return 1;
    }
    let ns = ctx.namespace(p);
    let pod: Value = match first_pod(ctx, &ns, &resource, io) {
        Some(pod) => pod,
        None => return 1,
    };
    let phase = str_at(&pod, "/status/phase");
    if phase == "Succeeded" || phase == "Failed" {
        io.err(format!(
            "error: cannot exec into a container in a completed pod; current phase is {phase}\n"
        ));
        return 1;
    }
    let mut container = p.get_string("container");
    if container.is_empty() {
        match default_container(&pod, quiet, io) {
            Some(c) => container = c,
            None => return 1,
        }
    } else {
        let known = ["containers", "initContainers", "ephemeralContainers"]
            .iter()
            .filter_map(|k| pod.at(&format!("/spec/{k}")).and_then(Value::as_array))
            .flatten()
            .any(|c| str_at(c, "/name") == container);
        if !known {
            io.err(format!(
                "Error from server (BadRequest): container {container} is not valid for pod {}\n",
                object::name(&pod)
            ));
            return 1;
        }
    }
    let stdin = p.get_bool("stdin");
    let tty = stdin && p.get_bool("tty");
    if stdin {
        if let Some(shell) = interactive_shell(&command) {
            // Attach the terminal to the container's shell.
            return match ctx.cluster.exec_probe(&pod, &container, &shell) {
                Ok(()) => {
                    ctx.cluster.network.attach = Some(Attach {
                        namespace: object::namespace(&pod).to_string(),
                        pod: object::name(&pod).to_string(),
                        container,
                        shell,
                        tty,
                        main: false,
                        remove: false,
                    });
                    0
                }
                Err(e) => exec_error(io, &container, e),
            };
        }
    }
    match ctx
        .cluster
        .exec_in_container(&pod, &container, &command, tty)
    {
        Err(e) => exec_error(io, &container, e),
        Ok(outcome) => {
            for (stream, text) in outcome.chunks {
                match stream {
                    Stream::Stdout => io.out(text),
                    Stream::Stderr => io.err(text),
                }
            }
            if outcome.slept_ms > 0 {
                advance(ctx, outcome.slept_ms);
            }
            if outcome.status != 0 {
                io.err(format!(
                    "command terminated with exit code {}\n",
                    outcome.status
                ));
            }
            outcome.status
        }
    }
}

pub(crate) fn exec_error(io: &mut Io, container: &str, e: ExecError) -> i32 {
    match e {
        ExecError::NotRunning => {
            io.err(format!(
                "error: unable to upgrade connection: container not found (\"{container}\")\n"
            ));
            1
        }
        ExecError::Oci(msg) => {
            io.err(format!("{msg}\ncommand terminated with exit code 126\n"));
            126
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn shells_without_scripts_are_interactive() {
        assert_eq!(interactive_shell(&v(&["sh"])).as_deref(), Some("sh"));
        assert_eq!(
            interactive_shell(&v(&["/bin/bash", "-l"])).as_deref(),
            Some("/bin/bash")
        );
        assert_eq!(interactive_shell(&v(&["sh", "-c", "ls"])), None);
        assert_eq!(interactive_shell(&v(&["ls"])), None);
    }
}

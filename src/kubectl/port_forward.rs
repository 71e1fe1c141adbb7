//! `kubectl port-forward`: listens on the terminal's node and forwards to a pod's port.
//!
//! Real kubectl stays in the foreground until Ctrl+C. A terminal line here cannot block, so
//! the forward is left running in the background, as after `kubectl port-forward … &`: a later
//! `curl localhost:8080` on the node reaches the pod (and prints `Handling connection for
//! 8080`, as the backgrounded kubectl would). It lasts as long as its pod.

use crate::sim::object::Pointer as _;
use serde_json::Value;

use super::flags::{FlagKind, FlagSpec, Parsed};
use super::logs::first_pod;
use super::{usage_error, Command, Ctx};
use crate::shell::Io;
use crate::sim::network::PortForward;
use crate::sim::object::{self, str_at};
use crate::sim::resources::{self, rt};

pub static COMMAND: Command = Command {
    name: "port-forward",
    about: "Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.\n\n If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.\n\n In this playground the forward keeps running in the background (as with `&`): use curl localhost:PORT afterwards.",
    examples: "  # Local port 8080 to port 80 of pod mypod\n  kubectl port-forward pod/mypod 8080:80\n  \n  # Local ports 5000 and 6000 to the same ports of a pod of deployment mydeployment\n  kubectl port-forward deployment/mydeployment 5000 6000\n  \n  # Local port 8443 to the port named https of service myservice\n  kubectl port-forward service/myservice 8443:https\n  \n  # A random local port to port 5000 of pod mypod\n  kubectl port-forward pod/mypod :5000",
    usage: "kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
    flags: FLAGS,
    run,
};

pub const FLAGS: &[FlagSpec] = &[
    FlagSpec::new("address", None, FlagKind::StringSlice, "[localhost]", "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind."),
    FlagSpec::new("pod-running-timeout", None, FlagKind::Duration, "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
];

/// Ports that are already taken on the control-plane node.
pub(crate) const NODE_PORTS_IN_USE: &[u16] = &[
    22, 53, 2379, 2380, 2381, 6443, 10248, 10249, 10250, 10256, 10257, 10259,
];

fn split_port(s: &str) -> (String, String) {
    match s.split_once(':') {
        Some((l, r)) if !r.contains(':') => (l.to_string(), r.to_string()),
        _ => (s.to_string(), s.to_string()),
    }
}

fn container_port_by_name(pod: &Value, name: &str) -> Option<u16> {
    pod.at("/spec/containers")
        .and_then(Value::as_array)?
        .iter()
        .flat_map(|c| {
            c.get("ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .find(|p| str_at(p, "/name") == name)
        .and_then(|p| p.get("containerPort").and_then(Value::as_u64))
        .and_then(|p| u16::try_from(p).ok())
}

/// A Service port spec → the container port it reaches in `pod`.
fn translate_service_port(svc: &Value, pod: &Value, port: &str) -> Result<String, String> {
    let (local, remote) = split_port(port);
    let svc_ports: Vec<Value> = svc
        .at("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let svc_name = object::name(svc);
    let (portnum, local) = match remote.parse::<i64>() {
        Ok(n) => (n, local),
        Err(_) => {
            let Some(sp) = svc_ports.iter().find(|p| str_at(p, "/name") == remote) else {
                return Err(format!(
                    "Service '{svc_name}' does not have a named port '{remote}'"
                ));
            };
            let n = sp.get("port").and_then(Value::as_i64).unwrap_or(0);
            (
                n,
                if local == remote {
                    n.to_string()
                } else {
                    local
                },
            )
        }
    };
    let Some(sp) = svc_ports
        .iter()
        .find(|p| p.get("port").and_then(Value::as_i64) == Some(portnum))
    else {
        return Err(format!(
            "Service {svc_name} does not have a service port {portnum}"
        ));
    };
    let target = match sp.get("targetPort") {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(portnum),
        Some(Value::String(name)) => match container_port_by_name(pod, name) {
            Some(p) => p as i64,
            None => {
                return Err(format!(
                    "Pod '{}' does not have a named port '{name}'",
                    object::name(pod)
                ))
            }
        },
        _ => portnum,
    };
    let target = target.to_string();
    Ok(if local != target {
        format!("{local}:{target}")
    } else {
        target
    })
}

/// `strconv.ParseUint(s, 10, 16)` with client-go's wrapping of its error.
fn parse_u16(which: &str, s: &str) -> Result<u16, String> {
    let why = if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        "invalid syntax"
    } else {
        match s.parse::<u64>() {
            Ok(n) if n <= 65535 => return Ok(n as u16),
            _ => "value out of range",
        }
    };
    Err(format!(
        "error parsing {which} port '{s}': strconv.ParseUint: parsing \"{s}\": {why}"
    ))
}

/// client-go's `parsePorts`: (local, remote), local 0 for `:5000`.
fn parse_ports(ports: &[String]) -> Result<Vec<(u16, u16)>, String> {
    let mut out = vec![];
    for s in ports {
        let parts: Vec<&str> = s.split(':').collect();
        let (local, remote) = match parts.as_slice() {
            [one] => (*one, *one),
            [l, r] => (if l.is_empty() { "0" } else { l }, *r),
            _ => return Err(format!("invalid port format '{s}'")),
        };
        let l = parse_u16("local", local)?;
        let r = parse_u16("remote", remote)?;
        if r == 0 {
            return Err("remote port must be > 0".into());
        }
        out.push((l, r));
    }
    Ok(out)
}

pub fn run(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let args = p.args();
    if args.len() < 2 {
        return usage_error(
            io,
            "kubectl port-forward",
            "TYPE/NAME and list of ports are required for port-forward",
        );
    }
    let ns = ctx.namespace(p);
    let resource = args[0].clone();
    let pod = match first_pod(ctx, &ns, &resource, io) {
        Some(pod) => pod,
        None => return 1,
    };
    let is_service = resource
        .split_once('/')
        .and_then(|(t, _)| resources::resolve(t))
        .is_some_and(|r| r.kind == "Service");
    let mut ports: Vec<String> = vec![];
    for port in &args[1..] {
        let translated = if is_service {
            let svc_name = resource.split_once('/').map(|(_, n)| n).unwrap_or("");
            let svc = ctx
                .cluster
                .api
                .get(rt("services"), &ns, svc_name)
                .unwrap_or(Value::Null);
            translate_service_port(&svc, &pod, port)
        } else {
            let (local, remote) = split_port(port);
            if remote.is_empty() {
                Err("remote port cannot be empty".to_string())
            } else if remote.parse::<i64>().is_ok() {
                Ok(port.clone())
            } else {
                match container_port_by_name(&pod, &remote) {
                    Some(n) if local != remote => Ok(format!("{local}:{n}")),
                    Some(n) => Ok(n.to_string()),
                    None => Err(format!(
                        "Pod '{}' does not have a named port '{remote}'",
                        object::name(&pod)
                    )),
                }
            }
        };
        match translated {
            Ok(t) => ports.push(t),
            Err(e) => {
                io.err(format!("error: {e}\n"));
                return 1;
            }
        }
    }
    let phase = str_at(&pod, "/status/phase");
    if phase != "Running" {
        io.err(format!(
            "error: unable to forward port because pod is not running. Current status={phase}\n"
        ));
        return 1;
    }
    let parsed = match parse_ports(&ports) {
        Ok(p) => p,
        Err(e) => {
            io.err(format!("error: {e}\n"));
            return 1;
        }
    };
    let addresses = p.get_strings("address");
    let mut listening = 0;
    let mut failed: Vec<(u16, u16)> = vec![];
    let on_control_plane = ctx
        .cluster
        .kubelets
        .iter()
        .any(|k| k.config.control_plane && !ctx.cluster.node_fs.contains_key(k.node_name()));
    for (local, remote) in parsed {
        let local = if local == 0 {
            ctx.cluster.api.rng.range(32768, 60999) as u16
        } else {
            local
        };
        let taken = ctx
            .cluster
            .network
            .forwards
            .iter()
            .any(|f| f.local_port == local)
            || on_control_plane && NODE_PORTS_IN_USE.contains(&local);
        if taken {
            let errs: Vec<String> = addresses
                .iter()
                .flat_map(|a| match a.as_str() {
                    "localhost" => vec![
                        format!("unable to create listener: Error listen tcp4 127.0.0.1:{local}: bind: address already in use"),
                        format!("unable to create listener: Error listen tcp6 [::1]:{local}: bind: address already in use"),
                    ],
                    ip if ip.contains(':') => vec![format!("unable to create listener: Error listen tcp6 [{ip}]:{local}: bind: address already in use")],
                    ip => vec![format!("unable to create listener: Error listen tcp4 {ip}:{local}: bind: address already in use")],
                })
                .collect();
            io.err(format!(
                "Unable to listen on port {local}: Listeners failed to create with the following errors: [{}]\n",
                errs.join(" ")
            ));
            failed.push((local, remote));
            continue;
        }
        for a in &addresses {
            match a.as_str() {
                "localhost" => io.out(format!(
                    "Forwarding from 127.0.0.1:{local} -> {remote}\nForwarding from [::1]:{local} -> {remote}\n"
                )),
                ip if ip.contains(':') => {
                    io.out(format!("Forwarding from [{ip}]:{local} -> {remote}\n"))
                }
                ip => io.out(format!("Forwarding from {ip}:{local} -> {remote}\n")),
            }
        }
        ctx.cluster.network.forwards.push(PortForward {
            local_port: local,
            namespace: object::namespace(&pod).to_string(),
            pod: object::name(&pod).to_string(),
            port: remote,
            api_prefix: None,
        });
        listening += 1;
    }
    if listening == 0 {
        let list: Vec<String> = failed.iter().map(|(l, r)| format!("{{{l} {r}}}")).collect();
        io.err(format!(
            "error: unable to listen on any of the requested ports: [{}]\n",
            list.join(" ")
        ));
        return 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ports_parse_like_client_go() {
        assert_eq!(
            parse_ports(&v(&["8080:80", "5000", ":53"])),
            Ok(vec![(8080, 80), (5000, 5000), (0, 53)])
        );
        assert_eq!(
            parse_ports(&v(&["99999999:1"])),
            Err("error parsing local port '99999999': strconv.ParseUint: parsing \"99999999\": value out of range".into())
        );
        assert_eq!(
            parse_ports(&v(&["1:2:3"])),
            Err("invalid port format '1:2:3'".into())
        );
        assert_eq!(
            parse_ports(&v(&["8080:0"])),
            Err("remote port must be > 0".into())
        );
    }
}

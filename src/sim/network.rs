//! The cluster network: pod IPs, Services (ClusterIP and NodePort, routed like kube-proxy's
//! iptables rules to ready endpoints), CoreDNS names, `kubectl port-forward` listeners, and the
//! tools that use them (`curl`, `wget`, `nslookup`, `ping`), as they print on a node (Ubuntu) or
//! in a container (BusyBox, Debian).
//!
//! Endpoints are computed from each Service's selector and the ready pods, or read from an
//! Endpoints object for a Service without a selector.
//!
//! Invariant: everything here reads the API server and the kubelets' containers; it never
//! changes cluster state. What a request leaves behind (nginx access-log lines, port-forward
//! "Handling connection" notes) is collected in [`Net`] for the caller to apply.

use crate::sim::object::Pointer as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::apiserver::ApiServer;
use super::clock::{civil, TimeMs};
use super::container::{self, Context, HttpResponse, Served};
use super::kubelet::Kubelet;
use super::object::{self, str_at};
use super::registry::{parse_ref, Base, Registry};
use super::resources::rt;
use super::rest::{self, Route};
use super::rng::fnv1a;
use crate::shell::Io;
use crate::vfs::Fs;

/// The cluster DNS Service's address.
pub const DNS_IP: &str = "10.96.0.10";

/// Is `name` one of the network tools this module implements?
pub fn is_net_tool(name: &str) -> bool {
    matches!(name, "curl" | "wget" | "nslookup" | "ping")
}

/// A `kubectl port-forward` (or `kubectl proxy`) left listening on the terminal's node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortForward {
    pub local_port: u16,
    pub namespace: String,
    pub pod: String,
    pub port: u16,
    /// `kubectl proxy`: the API server under this path prefix (`--api-prefix`, `/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_prefix: Option<String>,
}

/// `kubectl exec -it POD -- sh`: the terminal attaches to a shell in the container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attach {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    /// `sh` or `bash`.
    pub shell: String,
    pub tty: bool,
    /// The shell is the container's main process (`kubectl run -it`): its exit stops the
    /// container.
    #[serde(default)]
    pub main: bool,
    /// `kubectl run --rm`: the pod is deleted when the shell exits.
    #[serde(default)]
    pub remove: bool,
}

/// The terminal attached to a shell in a container: the exec stream and the shell's state.
#[derive(Clone, Debug)]
pub struct AttachedShell {
    pub attach: Attach,
    pub uid: String,
    pub shell: crate::shell::Shell,
    /// A multi-line input is in progress (the `> ` prompt).
    pub continuation: bool,
    pub prompt: String,
}

/// Network state that outlives one command.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Network {
    pub forwards: Vec<PortForward>,
    /// Connections made so far: spreads Service traffic over the endpoints, deterministically.
    pub connections: u64,
    /// Set by `kubectl exec -it … -- sh`; the session then attaches the terminal.
    #[serde(default)]
    pub attach: Option<Attach>,
    /// The container shell the terminal is attached to (not saved: a reloaded page starts on
    /// the node again, as a dropped connection would leave it).
    #[serde(skip)]
    pub attached: Option<Box<AttachedShell>>,
}

/// Where a connection starts.
#[derive(Clone, Debug)]
pub enum Origin {
    Node { name: String, ip: String },
    Pod(Box<Context>),
}

impl Origin {
    fn node_name(&self) -> &str {
        match self {
            Origin::Node { name, .. } => name,
            Origin::Pod(c) => &c.node,
        }
    }
}

/// An nginx access-log line to append to a container's log.
#[derive(Clone, Debug)]
pub struct AccessLog {
    pub node: String,
    pub pod_uid: String,
    pub container: String,
    pub line: String,
}

/// A container that accepted a connection.
#[derive(Clone, Debug)]
struct Target {
    ctx: Context,
    fs: Option<Fs>,
    node: String,
    port: u16,
}

/// Why a connection failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnError {
    Refused,
    Timeout,
}

/// What a request met.
#[derive(Clone, Debug)]
enum Outcome {
    Resolve,
    Conn(String, ConnError),
    Reply(String, Served),
}

/// A view of the network for one command.
pub struct Net<'a> {
    pub api: &'a ApiServer,
    pub registry: &'a Registry,
    /// The kubelets, when the caller holds the whole cluster: containers' own files answer.
    pub kubelets: &'a [Kubelet],
    pub forwards: &'a [PortForward],
    pub now: TimeMs,
    pub connections: u64,
    pub access: Vec<AccessLog>,
    /// Local ports a port-forward handled (kubectl prints `Handling connection for N`).
    pub handled: Vec<u16>,
    /// The files of the container the tool runs in (taken out of its kubelet meanwhile):
    /// (pod uid, container, files).
    pub own: Option<(String, String, Fs)>,
    /// The API server answers (`kubectl proxy` passes requests on to it).
    pub api_up: bool,
}

/// The ports a pod's containers declare.
fn container_ports(pod: &Value) -> impl Iterator<Item = &Value> {
    pod.at("/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|c| {
            c.get("ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
}

fn pods_all(api: &ApiServer) -> impl Iterator<Item = &Value> {
    api.for_each(rt("pods"), None)
}

fn pod_ready(p: &Value) -> bool {
    p.at("/metadata/deletionTimestamp").is_none()
        && p.at("/status/conditions")
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter()
                    .any(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
            })
        && !str_at(p, "/status/podIP").is_empty()
}

/// The ready endpoints of a Service port: (pod IP, target port).
pub fn endpoints(api: &ApiServer, svc: &Value, svc_port: &Value) -> Vec<(String, u16)> {
    let ns = object::namespace(svc);
    let selector = svc
        .at("/spec/selector")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let target = svc_port
        .get("targetPort")
        .cloned()
        .unwrap_or_else(|| svc_port.get("port").cloned().unwrap_or(Value::Null));
    if selector.is_empty() {
        if ns == "default" && object::name(svc) == "kubernetes" {
            // The API server keeps this Service's endpoints itself: its own address.
            return api
                .for_each(rt("pods"), Some("kube-system"))
                .filter(|p| object::name(p).starts_with("kube-apiserver-") && pod_ready(p))
                .map(|p| (str_at(p, "/status/podIP").to_string(), 6443))
                .collect();
        }
        // A Service without a selector: its Endpoints object, written by hand.
        let Ok(ep) = api.get(rt("endpoints"), ns, object::name(svc)) else {
            return vec![];
        };
        let mut out = vec![];
        for s in ep
            .get("subsets")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            let port = s.at("/ports/0/port").and_then(Value::as_i64).unwrap_or(0) as u16;
            for a in s
                .get("addresses")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
            {
                out.push((str_at(&a, "/ip").to_string(), port));
            }
        }
        return out;
    }
    let mut out = vec![];
    for p in api.for_each(rt("pods"), Some(ns)) {
        if !object::map_selector_matches(&selector, object::labels_ref(p)) || !pod_ready(p) {
            continue;
        }
        let port = match &target {
            Value::Number(n) => n.as_i64().unwrap_or(0) as u16,
            Value::String(name) => {
                let found = container_ports(p)
                    .find(|cp| str_at(cp, "/name") == name)
                    .and_then(|cp| cp.get("containerPort").and_then(Value::as_i64));
                match found {
                    Some(n) => n as u16,
                    None => name.parse().unwrap_or(0),
                }
            }
            _ => 0,
        };
        if port != 0 {
            out.push((str_at(p, "/status/podIP").to_string(), port));
        }
    }
    out
}

fn svc_ports(svc: &Value) -> Vec<Value> {
    svc.at("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok())
}

impl<'a> Net<'a> {
    pub fn new(
        api: &'a ApiServer,
        registry: &'a Registry,
        kubelets: &'a [Kubelet],
        forwards: &'a [PortForward],
        connections: u64,
    ) -> Net<'a> {
        Net {
            api,
            registry,
            kubelets,
            forwards,
            now: api.now(),
            connections,
            access: vec![],
            handled: vec![],
            own: None,
            api_up: true,
        }
    }

    fn node_ips(&self) -> Vec<(String, String)> {
        self.api
            .for_each(rt("nodes"), None)
            .map(|n| {
                let ip = n
                    .at("/status/addresses")
                    .and_then(Value::as_array)
                    .and_then(|a| a.iter().find(|x| str_at(x, "/type") == "InternalIP"))
                    .map(|x| str_at(x, "/address").to_string())
                    .unwrap_or_default();
                (object::name(n).to_string(), ip)
            })
            .collect()
    }

    /// One DNS question to CoreDNS: the A records of a fully qualified name.
    pub fn dns_query(&self, fqdn: &str) -> Option<Vec<String>> {
        let name = fqdn.trim_end_matches('.').to_ascii_lowercase();
        let rest = name.strip_suffix(".cluster.local")?;
        let parts: Vec<&str> = rest.split('.').collect();
        match parts.as_slice() {
            [svc, ns, "svc"] => {
                let s = self.api.get(rt("services"), ns, svc).ok()?;
                let ip = str_at(&s, "/spec/clusterIP");
                if str_at(&s, "/spec/type") == "ExternalName" {
                    return None;
                }
                if ip == "None" {
                    let ports = svc_ports(&s);
                    let port = ports.first().cloned().unwrap_or(Value::Null);
                    let mut ips: Vec<String> = endpoints(self.api, &s, &port)
                        .into_iter()
                        .map(|(ip, _)| ip)
                        .collect();
                    ips.dedup();
                    return if ips.is_empty() { None } else { Some(ips) };
                }
                if ip.is_empty() {
                    return None;
                }
                Some(vec![ip.to_string()])
            }
            [host, sub, ns, "svc"] => {
                // A pod's own record under a headless Service (`hostname` + `subdomain`).
                self.api
                    .for_each(rt("pods"), Some(ns))
                    .find(|p| {
                        str_at(p, "/spec/hostname") == *host && str_at(p, "/spec/subdomain") == *sub
                    })
                    .map(|p| vec![str_at(p, "/status/podIP").to_string()])
                    .filter(|v| !v[0].is_empty())
            }
            [dashed, _ns, "pod"] => {
                let ip = dashed.replace('-', ".");
                if is_ipv4(&ip) {
                    Some(vec![ip])
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// The names a resolver tries for `name`, in order (`/etc/resolv.conf`: search list and
    /// ndots:5 in pods; the node's resolver knows nothing of cluster.local).
    fn candidates(&self, origin: &Origin, name: &str) -> Vec<String> {
        match origin {
            Origin::Pod(c) if !c.host_network => {
                if name.ends_with('.') {
                    return vec![name.trim_end_matches('.').to_string()];
                }
                let mut v: Vec<String> = [
                    format!("{}.svc.cluster.local", c.namespace),
                    "svc.cluster.local".to_string(),
                    "cluster.local".to_string(),
                ]
                .iter()
                .map(|s| format!("{name}.{s}"))
                .collect();
                if name.matches('.').count() >= 5 {
                    v.insert(0, name.to_string());
                } else {
                    v.push(name.to_string());
                }
                v
            }
            _ => vec![name.trim_end_matches('.').to_string()],
        }
    }

    /// Resolves a host name as the origin's resolver does: (the name that answered, its IPs).
    pub fn resolve(&self, origin: &Origin, host: &str) -> Option<(String, Vec<String>)> {
        let host = host.trim();
        if host.is_empty() {
            return None;
        }
        if is_ipv4(host) {
            return Some((host.to_string(), vec![host.to_string()]));
        }
        let lower = host.to_ascii_lowercase();
        if lower == "localhost" {
            return Some((host.to_string(), vec!["127.0.0.1".into()]));
        }
        match origin {
            Origin::Pod(c) if lower == c.pod => {
                return Some((host.to_string(), vec![c.pod_ip.clone()]));
            }
            Origin::Node { name, ip } if lower == *name => {
                return Some((host.to_string(), vec![ip.clone()]));
            }
            _ => {}
        }
        if matches!(origin, Origin::Node { .. })
            || matches!(origin, Origin::Pod(c) if c.host_network)
        {
            // The node's /etc/hosts knows the nodes; cluster names need CoreDNS.
            return self
                .node_ips()
                .into_iter()
                .find(|(n, _)| *n == lower)
                .map(|(_, ip)| (host.to_string(), vec![ip]));
        }
        for fqdn in self.candidates(origin, &lower) {
            if let Some(ips) = self.dns_query(&fqdn) {
                return Some((fqdn, ips));
            }
        }
        None
    }

    /// The running containers of the pod with this IP (hostNetwork pods share the node's).
    fn containers_at(&self, ip: &str, node_scope: Option<&str>) -> Vec<Target> {
        let mut out = vec![];
        for p in pods_all(self.api) {
            if str_at(p, "/status/podIP") != ip || p.at("/metadata/deletionTimestamp").is_some() {
                continue;
            }
            let node = str_at(p, "/spec/nodeName").to_string();
            if node_scope.is_some_and(|n| n != node) {
                continue;
            }
            let uid = object::uid(p).to_string();
            let (ns, name) = (object::namespace(p), object::name(p));
            let live = self
                .kubelets
                .iter()
                .find(|k| k.node_name() == node)
                .map(|k| k.container_view(ns, name, &uid));
            match live {
                Some(list) if !list.is_empty() => {
                    for (ctx, fs) in list {
                        let fs = match &self.own {
                            Some((u, c, own)) if *u == ctx.pod_uid && *c == ctx.container => {
                                own.clone()
                            }
                            _ => fs.clone(),
                        };
                        out.push(Target {
                            ctx: ctx.clone(),
                            fs: Some(fs),
                            node: node.clone(),
                            port: 0,
                        });
                    }
                }
                _ => {
                    // Without the kubelets (a container's own process asking): the pod spec,
                    // its status and the image say what listens.
                    for c in p
                        .at("/spec/containers")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                    {
                        let cname = str_at(&c, "/name");
                        let running = p
                            .at("/status/containerStatuses")
                            .and_then(Value::as_array)
                            .and_then(|a| a.iter().find(|s| str_at(s, "/name") == cname))
                            .is_some_and(|s| s.at("/state/running").is_some());
                        if !running {
                            continue;
                        }
                        let image = parse_ref(str_at(&c, "/image"))
                            .and_then(|r| self.registry.lookup(&r).ok());
                        let mut ctx = container::context_for(p, &c, image, &node, ip, vec![]);
                        if let Some(img) = image {
                            ctx.serving =
                                container::program_of(&c, img, &ctx) == container::Program::Server;
                        }
                        let fs = match &self.own {
                            Some((u, c, own)) if *u == uid && *c == ctx.container => {
                                Some(own.clone())
                            }
                            _ => None,
                        };
                        out.push(Target {
                            ctx,
                            fs,
                            node: node.clone(),
                            port: 0,
                        });
                    }
                }
            }
        }
        out
    }

    fn listening(&self, ip: &str, port: u16, node_scope: Option<&str>) -> Option<Target> {
        self.containers_at(ip, node_scope)
            .into_iter()
            .find(|t| t.ctx.listens(port))
            .map(|mut t| {
                t.port = port;
                t
            })
    }

    fn pick(&mut self, eps: &[(String, u16)], salt: &str) -> Option<(String, u16)> {
        if eps.is_empty() {
            return None;
        }
        self.connections += 1;
        let h = fnv1a(format!("{salt}/{}/{}", self.connections, self.now).as_bytes());
        eps.get((h % eps.len() as u64) as usize).cloned()
    }

    /// Opens a TCP connection, routing Service and NodePort addresses to an endpoint.
    fn connect(&mut self, origin: &Origin, ip: &str, port: u16) -> Result<Target, ConnError> {
        if ip.starts_with("127.") {
            return match origin {
                Origin::Node { name, .. } => {
                    if let Some(f) = self.forwards.iter().find(|f| f.local_port == port).cloned() {
                        self.handled.push(port);
                        let pod_ip = self
                            .api
                            .get(rt("pods"), &f.namespace, &f.pod)
                            .map(|p| str_at(&p, "/status/podIP").to_string())
                            .unwrap_or_default();
                        if pod_ip.is_empty() {
                            return Err(ConnError::Refused);
                        }
                        return self.direct(&pod_ip, f.port, None);
                    }
                    let node_ip = self
                        .node_ips()
                        .into_iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, ip)| ip)
                        .unwrap_or_default();
                    if let Some(t) = self.listening(&node_ip, port, Some(name)) {
                        return Ok(t);
                    }
                    // kube-proxy also serves NodePorts on the node's loopback.
                    self.node_port(port).unwrap_or(Err(ConnError::Refused))
                }
                Origin::Pod(c) => {
                    let ip = c.pod_ip.clone();
                    let node = c.node.clone();
                    self.listening(&ip, port, Some(&node))
                        .ok_or(ConnError::Refused)
                }
            };
        }
        // A Service's ClusterIP.
        let svc = self
            .api
            .for_each(rt("services"), None)
            .find(|s| str_at(s, "/spec/clusterIP") == ip)
            .cloned();
        if let Some(svc) = svc {
            let Some(sp) = svc_ports(&svc)
                .into_iter()
                .find(|p| p.get("port").and_then(Value::as_i64) == Some(port as i64))
            else {
                // No rule for this port: the packets go nowhere.
                return Err(ConnError::Timeout);
            };
            let eps = endpoints(self.api, &svc, &sp);
            let salt = format!("{}/{}", object::namespace(&svc), object::name(&svc));
            let Some((ep_ip, ep_port)) = self.pick(&eps, &salt) else {
                // kube-proxy rejects traffic to a Service without endpoints.
                return Err(ConnError::Refused);
            };
            return self.direct(&ep_ip, ep_port, None);
        }
        // A node: NodePorts, then what listens on the node itself.
        if let Some((node, _)) = self.node_ips().into_iter().find(|(_, nip)| nip == ip) {
            if let Some(r) = self.node_port(port) {
                return r;
            }
            return self
                .listening(ip, port, Some(&node))
                .ok_or(ConnError::Refused);
        }
        let _ = origin;
        self.direct(ip, port, None)
    }

    /// A NodePort: an endpoint of its Service (None when no Service has the port).
    fn node_port(&mut self, port: u16) -> Option<Result<Target, ConnError>> {
        let (svc, sp) = self.api.for_each(rt("services"), None).find_map(|s| {
            svc_ports(s)
                .into_iter()
                .find(|p| p.get("nodePort").and_then(Value::as_i64) == Some(port as i64))
                .map(|p| (s.clone(), p))
        })?;
        let eps = endpoints(self.api, &svc, &sp);
        let salt = format!("np/{}", object::name(&svc));
        Some(match self.pick(&eps, &salt) {
            Some((ep_ip, ep_port)) => self.direct(&ep_ip, ep_port, None),
            None => Err(ConnError::Refused),
        })
    }

    /// A pod IP: its listening container, refused when the pod exists but nothing listens,
    /// silence when no pod has the address.
    fn direct(&mut self, ip: &str, port: u16, node: Option<&str>) -> Result<Target, ConnError> {
        let exists = pods_all(self.api).any(|p| {
            str_at(p, "/status/podIP") == ip && p.at("/metadata/deletionTimestamp").is_none()
        });
        if !exists {
            return Err(ConnError::Timeout);
        }
        self.listening(ip, port, node).ok_or(ConnError::Refused)
    }

    /// An HTTP request from `origin`.
    #[allow(clippy::too_many_arguments)]
    fn request(
        &mut self,
        origin: &Origin,
        host: &str,
        port: u16,
        tls: bool,
        method: &str,
        path: &str,
        agent: &str,
    ) -> Outcome {
        let Some((_, ips)) = self.resolve(origin, host) else {
            return Outcome::Resolve;
        };
        let ip = ips.first().cloned().unwrap_or_default();
        if let (true, Origin::Node { .. }) = (ip.starts_with("127."), origin) {
            let prefix = self
                .forwards
                .iter()
                .find(|f| f.local_port == port)
                .and_then(|f| f.api_prefix.clone());
            if let Some(prefix) = prefix {
                return Outcome::Reply(ip, Served::Http(self.proxy(&prefix, method, path, agent)));
            }
        }
        match self.connect(origin, &ip, port) {
            Err(e) => Outcome::Conn(ip, e),
            Ok(t) => {
                let served = container::serve_http(
                    &t.ctx,
                    t.fs.as_ref(),
                    t.port,
                    method,
                    path,
                    tls,
                    self.now,
                )
                .unwrap_or(Served::Empty);
                if let Served::Http(r) = &served {
                    let client = match origin {
                        _ if ip.starts_with("127.") => "127.0.0.1".to_string(),
                        Origin::Pod(c) if c.node == t.node => c.pod_ip.clone(),
                        Origin::Node { name, .. } if *name == t.node && ip.starts_with("127.") => {
                            "127.0.0.1".to_string()
                        }
                        _ => {
                            // Traffic from another node arrives from that node's tunnel address.
                            let node_ix = if origin.node_name() == "controlplane" {
                                0
                            } else {
                                1
                            };
                            format!("10.244.{node_ix}.0")
                        }
                    };
                    let bytes = if method == "HEAD" { 0 } else { r.body.len() };
                    if let Some(line) = container::access_log_line(
                        &t.ctx, &client, method, path, r.status, bytes, agent, self.now,
                    ) {
                        self.access.push(AccessLog {
                            node: t.node.clone(),
                            pod_uid: t.ctx.pod_uid.clone(),
                            container: t.ctx.container.clone(),
                            line,
                        });
                    }
                }
                Outcome::Reply(ip, served)
            }
        }
    }

    /// A request to `kubectl proxy`, passed on to the API server under `prefix`.
    fn proxy(&mut self, prefix: &str, method: &str, path: &str, agent: &str) -> HttpResponse {
        let Some(rest) = path.strip_prefix(prefix.trim_end_matches('/')) else {
            return http(404, false, "404 page not found\n".into(), self.now);
        };
        if !self.api_up {
            // The proxy logs `http: proxy error: dial tcp …` and answers 502 with no body.
            return http(502, false, String::new(), self.now);
        }
        let path = if rest.starts_with('/') {
            rest.to_string()
        } else {
            format!("/{rest}")
        };
        self.api_request(method, &path, agent)
    }

    /// A request to the API server's HTTP paths (`kubectl get --raw`, `kubectl proxy`), with
    /// the proxy subresources reaching their pod or Service from the control-plane node.
    pub fn api_request(&mut self, method: &str, path: &str, agent: &str) -> HttpResponse {
        let pretty = ["curl", "Wget", "Mozilla/5.0"]
            .iter()
            .any(|a| agent.starts_with(a));
        if !matches!(method, "GET" | "HEAD") && !path.contains("/proxy") {
            let r = rest::status_reply(
                405,
                "MethodNotAllowed",
                "the server does not allow this method on the requested resource".into(),
                pretty,
            );
            return http(r.status, r.json, r.body, self.now);
        }
        match rest::get(self.api, path, pretty) {
            Route::Reply(r) => http(r.status, r.json, r.body, self.now),
            Route::Proxy {
                namespace,
                resource,
                name,
                port,
                path,
            } => {
                let target = if resource == "pods" {
                    self.pod_backend(&namespace, &name, &port)
                } else {
                    self.service_backend(&namespace, &name, &port)
                };
                let (ip, port) = match target {
                    Ok(t) => t,
                    Err(message) => {
                        let r = rest::unavailable(message, pretty);
                        return http(r.status, r.json, r.body, self.now);
                    }
                };
                let (cp, cp_ip) = self.node_ips().into_iter().next().unwrap_or_default();
                let origin = Origin::Node {
                    name: cp,
                    ip: cp_ip,
                };
                let why = match self.request(&origin, &ip, port, false, method, &path, agent) {
                    Outcome::Reply(_, Served::Http(r)) => return r,
                    Outcome::Reply(..) => "EOF".to_string(),
                    Outcome::Conn(_, ConnError::Refused) => {
                        format!("dial tcp {ip}:{port}: connect: connection refused")
                    }
                    Outcome::Conn(..) | Outcome::Resolve => {
                        format!("dial tcp {ip}:{port}: i/o timeout")
                    }
                };
                let r = rest::unavailable(format!("error trying to reach service: {why}"), pretty);
                http(r.status, r.json, r.body, self.now)
            }
        }
    }

    /// The pod's IP and the port `pods/NAME:PORT/proxy` reaches (the first declared port when
    /// none is named, else 80).
    fn pod_backend(&self, ns: &str, name: &str, port: &str) -> Result<(String, u16), String> {
        let pod = self.api.get(rt("pods"), ns, name).map_err(|s| s.message)?;
        let declared = || container_ports(&pod);
        let port = if port.is_empty() {
            declared()
                .next()
                .and_then(|p| p.get("containerPort").and_then(Value::as_u64))
                .unwrap_or(80) as u16
        } else if let Ok(n) = port.parse::<u16>() {
            n
        } else {
            declared()
                .find(|p| str_at(p, "/name") == port)
                .and_then(|p| p.get("containerPort").and_then(Value::as_u64))
                .ok_or_else(|| format!("dial tcp: lookup port {port}: unknown port"))?
                as u16
        };
        Ok((str_at(&pod, "/status/podIP").to_string(), port))
    }

    /// An endpoint of the Service's port (by name, or number) that `services/NAME:PORT/proxy`
    /// reaches.
    fn service_backend(
        &mut self,
        ns: &str,
        name: &str,
        port: &str,
    ) -> Result<(String, u16), String> {
        let svc = self
            .api
            .get(rt("services"), ns, name)
            .map_err(|s| s.message)?;
        let ports = svc_ports(&svc);
        let by_number = port.parse::<i64>().ok();
        let sp = match by_number {
            Some(n) => ports
                .into_iter()
                .find(|p| p.get("port").and_then(Value::as_i64) == Some(n))
                .ok_or_else(|| format!("no service port {n} found for service \"{name}\""))?,
            None => ports
                .into_iter()
                .find(|p| str_at(p, "/name") == port)
                .ok_or_else(|| format!("no endpoints available for service \"{name}\""))?,
        };
        let eps = endpoints(self.api, &svc, &sp);
        self.pick(&eps, &format!("proxy/{ns}/{name}"))
            .ok_or_else(|| format!("no endpoints available for service \"{name}\""))
    }

    /// Can a probe connect to `port` of this container (`tcpSocket`)?
    pub fn tcp_probe(ctx: &Context, port: u16) -> bool {
        ctx.listens(port)
    }
}

/// An HTTP answer of the API server or the proxy.
fn http(status: u16, json: bool, body: String, now: TimeMs) -> HttpResponse {
    let ct = if json {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    };
    HttpResponse {
        status,
        headers: vec![
            ("Cache-Control".into(), "no-cache, private".into()),
            ("Content-Type".into(), ct.into()),
            (
                "Date".into(),
                super::clock::rfc1123z(now).replace(" +0000", " GMT"),
            ),
            ("Content-Length".into(), body.len().to_string()),
        ],
        body,
    }
}

/// A parsed URL.
struct Url {
    tls: bool,
    host: String,
    port: u16,
    path: String,
}

fn parse_url(raw: &str) -> Option<Url> {
    let (tls, rest) = if let Some(r) = raw.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = raw.strip_prefix("http://") {
        (false, r)
    } else if raw.contains("://") {
        return None;
    } else {
        (false, raw)
    };
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse::<u16>().ok()?),
        None => (hostport.to_string(), if tls { 443 } else { 80 }),
    };
    if host.is_empty() {
        return None;
    }
    Some(Url {
        tls,
        host,
        port,
        path,
    })
}

/// Which flavour of a tool runs: the node's (Ubuntu), or a container's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Ubuntu,
    Busybox,
    Debian,
}

fn flavour(origin: &Origin) -> Flavour {
    match origin {
        Origin::Node { .. } => Flavour::Ubuntu,
        Origin::Pod(c) => match c.base {
            Base::Alpine | Base::Busybox => Flavour::Busybox,
            _ => Flavour::Debian,
        },
    }
}

fn curl_version(origin: &Origin) -> &'static str {
    match origin {
        Origin::Node { .. } => "8.5.0",
        Origin::Pod(c) if c.base == Base::Debian => "7.88.1",
        Origin::Pod(_) => "8.10.1",
    }
}

/// Writes a downloaded file where the tool runs.
fn save(fs: &mut Fs, cwd: &str, name: &str, body: &str, now: TimeMs) -> Result<(), String> {
    if name == "/dev/null" {
        return Ok(());
    }
    let path = crate::vfs::normalize(cwd, name);
    fs.write(&path, body, now).map_err(|e| e.to_string())
}

/// `curl`. Returns (status, elapsed ms).
pub fn curl(
    net: &mut Net,
    origin: &Origin,
    fs: &mut Fs,
    args: &[String],
    io: &mut Io,
) -> (i32, i64) {
    let mut silent = false;
    let mut show_error = false;
    let mut verbose = false;
    let mut head = false;
    let mut include = false;
    let mut insecure = false;
    let mut fail = false;
    let mut method: Option<String> = None;
    let mut output: Option<String> = None;
    let mut remote_name = false;
    let mut write_out: Option<String> = None;
    let mut max_time: Option<f64> = None;
    let mut connect_timeout: Option<f64> = None;
    let mut agent: Option<String> = None;
    let mut urls: Vec<String> = vec![];
    let mut i = 0;
    let need = |i: usize, opt: &str, io: &mut Io| -> Option<String> {
        match args.get(i + 1) {
            Some(v) => Some(v.clone()),
            None => {
                io.err(format!("curl: option {opt}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n"));
                None
            }
        }
    };
    while i < args.len() {
        let a = args[i].clone();
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            };
            let mut value = |i: &mut usize| -> Option<String> {
                if let Some(v) = inline.clone() {
                    return Some(v);
                }
                let v = need(*i, &a, io);
                *i += 1;
                v
            };
            match name.as_str() {
                "silent" => silent = true,
                "show-error" => show_error = true,
                "verbose" => verbose = true,
                "head" => head = true,
                "include" => include = true,
                "insecure" => insecure = true,
                "fail" | "fail-with-body" => fail = true,
                "location" | "compressed" | "http1.1" | "no-progress-meter" | "progress-bar" => {}
                "request" => match value(&mut i) {
                    Some(v) => method = Some(v),
                    None => return (2, 0),
                },
                "output" => match value(&mut i) {
                    Some(v) => output = Some(v),
                    None => return (2, 0),
                },
                "remote-name" => remote_name = true,
                "write-out" => match value(&mut i) {
                    Some(v) => write_out = Some(v),
                    None => return (2, 0),
                },
                "max-time" => match value(&mut i) {
                    Some(v) => max_time = v.parse().ok(),
                    None => return (2, 0),
                },
                "connect-timeout" => match value(&mut i) {
                    Some(v) => connect_timeout = v.parse().ok(),
                    None => return (2, 0),
                },
                "user-agent" => match value(&mut i) {
                    Some(v) => agent = Some(v),
                    None => return (2, 0),
                },
                "header" | "data" | "data-raw" | "retry" | "retry-delay" | "cacert" | "resolve" => {
                    if value(&mut i).is_none() {
                        return (2, 0);
                    }
                    if name.starts_with("data") && method.is_none() {
                        method = Some("POST".into());
                    }
                }
                "url" => match value(&mut i) {
                    Some(v) => urls.push(v),
                    None => return (2, 0),
                },
                _ => {
                    io.err(format!("curl: option --{name}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n"));
                    return (2, 0);
                }
            }
            i += 1;
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a.chars().skip(1).collect();
            let mut k = 0;
            while k < chars.len() {
                let c = chars[k];
                k += 1;
                let takes = matches!(c, 'o' | 'X' | 'w' | 'm' | 'H' | 'd' | 'A' | 'u' | 'e' | 'T');
                if takes {
                    let v = if k < chars.len() {
                        let v: String = chars[k..].iter().collect();
                        k = chars.len();
                        v
                    } else {
                        match need(i, &format!("-{c}"), io) {
                            Some(v) => {
                                i += 1;
                                v
                            }
                            None => return (2, 0),
                        }
                    };
                    match c {
                        'o' => output = Some(v),
                        'X' => method = Some(v),
                        'w' => write_out = Some(v),
                        'm' => max_time = v.parse().ok(),
                        'A' => agent = Some(v),
                        'd' if method.is_none() => method = Some("POST".into()),
                        _ => {}
                    }
                    continue;
                }
                match c {
                    's' => silent = true,
                    'S' => show_error = true,
                    'v' => verbose = true,
                    'I' => head = true,
                    'i' => include = true,
                    'k' => insecure = true,
                    'f' => fail = true,
                    'L' | '4' | '6' | 'N' | '#' => {}
                    'O' => remote_name = true,
                    _ => {
                        io.err(format!("curl: option -{c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n"));
                        return (2, 0);
                    }
                }
            }
            i += 1;
            continue;
        }
        urls.push(a);
        i += 1;
    }
    if urls.is_empty() {
        io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return (2, 0);
    }
    let version = curl_version(origin);
    let agent = agent.unwrap_or_else(|| format!("curl/{version}"));
    let method = method.unwrap_or_else(|| if head { "HEAD".into() } else { "GET".into() });
    let errors_shown = !silent || show_error;
    let mut elapsed = 0i64;
    let mut status = 0;
    for raw in urls {
        let Some(url) = parse_url(&raw) else {
            let scheme = raw.split("://").next().unwrap_or("");
            if errors_shown {
                io.err(format!("curl: (1) Protocol \"{scheme}\" not supported\n"));
            }
            status = 1;
            continue;
        };
        let Url {
            tls,
            host,
            port,
            path,
        } = url;
        if verbose {
            io.err(String::new());
        }
        match net.request(origin, &host, port, tls, &method, &path, &agent) {
            Outcome::Resolve => {
                if verbose {
                    io.err(format!("* Could not resolve host: {host}\n"));
                }
                if errors_shown {
                    io.err(format!("curl: (6) Could not resolve host: {host}\n"));
                }
                status = 6;
            }
            Outcome::Conn(ip, e) => {
                if verbose {
                    io.err(format!("*   Trying {ip}:{port}...\n"));
                }
                match e {
                    ConnError::Refused => {
                        if errors_shown {
                            io.err(format!("curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n"));
                        }
                        status = 7;
                    }
                    ConnError::Timeout => {
                        let (ms, msg) = match (connect_timeout, max_time) {
                            (Some(ct), mt) if mt.is_none_or(|m| ct <= m) => {
                                let ms = (ct * 1000.0) as i64;
                                (ms, format!("Failed to connect to {host} port {port} after {ms} ms: Timeout was reached"))
                            }
                            (_, Some(mt)) => {
                                let ms = (mt * 1000.0) as i64 + 1;
                                (ms, format!("Connection timed out after {ms} milliseconds"))
                            }
                            _ => {
                                let ms = 133_000 + (fnv1a(host.as_bytes()) % 2000) as i64;
                                (ms, format!("Failed to connect to {host} port {port} after {ms} ms: Couldn't connect to server"))
                            }
                        };
                        elapsed += ms;
                        if errors_shown {
                            io.err(format!("curl: (28) {msg}\n"));
                        }
                        status = 28;
                    }
                }
            }
            Outcome::Reply(ip, served) => {
                if verbose {
                    io.err(format!("*   Trying {ip}:{port}...\n"));
                    let suffix = if version.starts_with('7') {
                        " (#0)"
                    } else {
                        ""
                    };
                    io.err(format!(
                        "* Connected to {host} ({ip}) port {port}{suffix}\n"
                    ));
                }
                match served {
                    Served::Empty if tls => {
                        if errors_shown {
                            io.err("curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n");
                        }
                        status = 35;
                    }
                    Served::Empty => {
                        if errors_shown {
                            io.err("curl: (52) Empty reply from server\n");
                        }
                        status = 52;
                    }
                    Served::Tls => {
                        if errors_shown {
                            io.err("curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n");
                        }
                        status = 35;
                    }
                    Served::Http(_) if tls && !insecure => {
                        if errors_shown {
                            io.err("curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n");
                        }
                        status = 60;
                    }
                    Served::Http(r) => {
                        let host_header = if port == 80 && !tls || port == 443 && tls {
                            host.clone()
                        } else {
                            format!("{host}:{port}")
                        };
                        if verbose {
                            io.err(format!("> {method} {path} HTTP/1.1\n> Host: {host_header}\n> User-Agent: {agent}\n> Accept: */*\n> \n"));
                        }
                        let status_line = format!("HTTP/1.1 {} {}", r.status, r.reason());
                        let mut header_block = format!("{status_line}\r\n");
                        for (k, v) in &r.headers {
                            header_block.push_str(&format!("{k}: {v}\r\n"));
                        }
                        header_block.push_str("\r\n");
                        if verbose {
                            for l in header_block.split("\r\n").filter(|l| !l.is_empty()) {
                                io.err(format!("< {l}\n"));
                            }
                            io.err("< \n");
                        }
                        if fail && r.status >= 400 {
                            if errors_shown {
                                io.err(format!(
                                    "curl: (22) The requested URL returned error: {}\n",
                                    r.status
                                ));
                            }
                            status = 22;
                            continue;
                        }
                        let mut out = String::new();
                        if head || include {
                            out.push_str(&header_block);
                        }
                        if !head {
                            out.push_str(&r.body);
                        }
                        let target = if remote_name {
                            let n = path.rsplit('/').next().unwrap_or("");
                            if n.is_empty() {
                                if errors_shown {
                                    io.err("curl: (23) Failure writing output to destination\n");
                                }
                                status = 23;
                                continue;
                            }
                            Some(n.to_string())
                        } else {
                            output.clone()
                        };
                        match target {
                            Some(file) => {
                                if !silent {
                                    let n = out.len();
                                    io.err(format!("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 {n:>5}  100 {n:>5}    0     0   {sp:>4}k      0 --:--:-- --:--:-- --:--:--  {sp:>4}k\n", sp = (n / 2).max(1)));
                                }
                                if save(fs, &io.cwd.clone(), &file, &out, net.now).is_err() {
                                    if errors_shown {
                                        io.err("curl: (23) Failed writing body\n");
                                    }
                                    status = 23;
                                    continue;
                                }
                            }
                            None => io.out(out),
                        }
                        if verbose {
                            io.err(format!("* Connection #0 to host {host} left intact\n"));
                        }
                        if let Some(w) = &write_out {
                            io.out(
                                w.replace("%{http_code}", &r.status.to_string())
                                    .replace("%{response_code}", &r.status.to_string())
                                    .replace("%{remote_ip}", &ip)
                                    .replace("%{size_download}", &r.body.len().to_string())
                                    .replace("\\n", "\n"),
                            );
                        }
                    }
                }
            }
        }
    }
    (status, elapsed)
}

/// BusyBox's progress line when a download is complete (`%-20.20s%4u%% |…| %5s`).
fn wget_bar(name: &str, n: usize) -> String {
    let name: String = name.chars().take(20).collect();
    format!(
        "{:<20}{:>4}% |********************************| {:>5}  0:00:00 ETA\n",
        name, 100, n
    )
}

/// `wget` (BusyBox in containers, GNU on the node).
pub fn wget(
    net: &mut Net,
    origin: &Origin,
    fs: &mut Fs,
    args: &[String],
    io: &mut Io,
) -> (i32, i64) {
    let gnu = flavour(origin) == Flavour::Ubuntu;
    let mut quiet = false;
    let mut output: Option<String> = None;
    let mut timeout: Option<i64> = None;
    let mut spider = false;
    let mut server_response = false;
    let mut urls = vec![];
    let mut i = 0;
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        if let Some(v) = a.strip_prefix("--output-document=") {
            output = Some(v.to_string());
            continue;
        }
        if let Some(v) = a
            .strip_prefix("--timeout=")
            .or_else(|| a.strip_prefix("-T"))
            .filter(|v| !v.is_empty())
        {
            timeout = v.parse().ok();
            continue;
        }
        match a.as_str() {
            "-q" | "--quiet" => quiet = true,
            "--spider" | "-s" => spider = true,
            "-S" | "--server-response" => server_response = true,
            "-O" | "-T" | "--output-document" | "--timeout" => {
                let Some(v) = args.get(i).cloned() else {
                    io.err(if gnu {
                        format!("wget: option requires an argument -- '{}'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", a.trim_start_matches('-'))
                    } else {
                        format!("wget: option requires an argument -- '{}'\n", a.trim_start_matches('-'))
                    });
                    return (if gnu { 2 } else { 1 }, 0);
                };
                i += 1;
                if a == "-O" || a == "--output-document" {
                    output = Some(v);
                } else {
                    timeout = v.parse().ok();
                }
            }
            "-qO-" | "-qO" | "-Oq" => {
                quiet = true;
                output = Some(if a == "-qO" {
                    let v = args.get(i).cloned().unwrap_or_default();
                    i += 1;
                    v
                } else {
                    "-".into()
                });
            }
            "-O-" => output = Some("-".into()),
            s if s.starts_with("-O") => output = Some(s[2..].to_string()),
            s if s.starts_with("-q") && s.len() > 2 => {
                quiet = true;
                let rest = &s[2..];
                if let Some(o) = rest.strip_prefix('O') {
                    output = Some(if o.is_empty() {
                        let v = args.get(i).cloned().unwrap_or_default();
                        i += 1;
                        v
                    } else {
                        o.to_string()
                    });
                }
            }
            s if s.starts_with('-') && s.len() > 1 => {}
            _ => urls.push(a),
        }
    }
    if urls.is_empty() {
        if gnu {
            io.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
        } else {
            io.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n");
        }
        return (1, 0);
    }
    let mut elapsed = 0;
    let mut status = 0;
    let now = net.now;
    for raw in urls {
        let Some(Url {
            tls,
            host,
            port,
            path,
        }) = parse_url(&raw)
        else {
            io.err(format!("wget: not an http or ftp url: {raw}\n"));
            status = 1;
            continue;
        };
        let full = format!(
            "{}://{}{}{}",
            if tls { "https" } else { "http" },
            host,
            if port == 80 && !tls || port == 443 && tls {
                String::new()
            } else {
                format!(":{port}")
            },
            path
        );
        let file = match &output {
            Some(o) => o.clone(),
            None => match path.rsplit('/').next() {
                Some(n) if !n.is_empty() => n.to_string(),
                _ => "index.html".to_string(),
            },
        };
        let method = if spider { "HEAD" } else { "GET" };
        let outcome = net.request(
            origin,
            &host,
            port,
            tls,
            method,
            &path,
            if gnu { "Wget/1.21.4" } else { "Wget" },
        );
        if gnu {
            let c = civil(now);
            let stamp = format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                c.year, c.month, c.day, c.hour, c.minute, c.second
            );
            if !quiet {
                io.err(format!("--{stamp}--  {full}\n"));
            }
            let (ip, served) = match outcome {
                Outcome::Resolve => {
                    if !quiet {
                        io.err(format!(
                            "Resolving {host} ({host})... failed: Name or service not known.\n"
                        ));
                    }
                    io.err(format!("wget: unable to resolve host address ‘{host}’\n"));
                    status = 4;
                    continue;
                }
                Outcome::Conn(ip, e) => {
                    if !quiet {
                        if is_ipv4(&host) {
                            io.err(format!("Connecting to {ip}:{port}... "));
                        } else {
                            io.err(format!("Resolving {host} ({host})... {ip}\nConnecting to {host} ({host})|{ip}|:{port}... "));
                        }
                        match e {
                            ConnError::Refused => io.err("failed: Connection refused.\n"),
                            ConnError::Timeout => {
                                io.err("failed: Connection timed out.\nRetrying.\n\n")
                            }
                        }
                    }
                    if e == ConnError::Timeout {
                        elapsed += timeout.map(|t| t * 1000).unwrap_or(133_000);
                    }
                    status = 4;
                    continue;
                }
                Outcome::Reply(ip, s) => (ip, s),
            };
            if !quiet {
                if is_ipv4(&host) {
                    io.err(format!("Connecting to {ip}:{port}... connected.\n"));
                } else {
                    io.err(format!("Resolving {host} ({host})... {ip}\nConnecting to {host} ({host})|{ip}|:{port}... connected.\n"));
                }
            }
            let Served::Http(r) = served else {
                if !quiet {
                    io.err(
                        "HTTP request sent, awaiting response... No data received.\nRetrying.\n\n",
                    );
                }
                status = 4;
                continue;
            };
            if !quiet {
                io.err(format!(
                    "HTTP request sent, awaiting response... {} {}\n",
                    r.status,
                    r.reason()
                ));
            }
            if r.status >= 400 {
                if !quiet {
                    io.err(format!("{stamp} ERROR {}: {}.\n\n", r.status, r.reason()));
                }
                status = 8;
                continue;
            }
            let ct = r
                .headers
                .iter()
                .find(|(k, _)| k == "Content-Type")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let n = r.body.len();
            if file == "-" {
                if !quiet {
                    io.err(format!("Length: {n} [{ct}]\nSaving to: ‘STDOUT’\n\n"));
                }
                io.out(&r.body);
                if !quiet {
                    io.err(format!("-                   100%[===================>] {n:>7}  --.-KB/s    in 0s      \n\n{stamp} (50.2 MB/s) - written to stdout [{n}/{n}]\n\n"));
                }
            } else {
                let mut name = file.clone();
                if output.is_none() {
                    let mut k = 1;
                    while fs.exists(&crate::vfs::normalize(&io.cwd, &name)) && k < 1000 {
                        name = format!("{file}.{k}");
                        k += 1;
                    }
                }
                if !quiet {
                    io.err(format!("Length: {n} [{ct}]\nSaving to: ‘{name}’\n\n"));
                }
                if let Err(e) = save(fs, &io.cwd.clone(), &name, &r.body, now) {
                    io.err(format!("{name}: {e}\n"));
                    status = 3;
                    continue;
                }
                if !quiet {
                    io.err(format!("{name:<19} 100%[===================>] {n:>7}  --.-KB/s    in 0s      \n\n{stamp} (50.2 MB/s) - ‘{name}’ saved [{n}/{n}]\n\n"));
                }
            }
            continue;
        }
        // BusyBox wget.
        let (ip, served) = match outcome {
            Outcome::Resolve => {
                io.err(format!("wget: bad address '{host}'\n"));
                status = 1;
                continue;
            }
            Outcome::Conn(ip, e) => {
                if !quiet {
                    io.err(format!("Connecting to {host} ({ip}:{port})\n"));
                }
                match e {
                    ConnError::Refused => io.err(format!(
                        "wget: can't connect to remote host ({ip}): Connection refused\n"
                    )),
                    ConnError::Timeout => match timeout {
                        Some(t) => {
                            elapsed += t * 1000;
                            io.err("wget: download timed out\n");
                        }
                        None => {
                            elapsed += 127_000;
                            io.err(format!(
                                "wget: can't connect to remote host ({ip}): Connection timed out\n"
                            ));
                        }
                    },
                }
                status = 1;
                continue;
            }
            Outcome::Reply(ip, s) => (ip, s),
        };
        if !quiet {
            io.err(format!("Connecting to {host} ({ip}:{port})\n"));
        }
        let r = match served {
            Served::Http(r) => r,
            _ => {
                io.err("wget: error getting response: Connection reset by peer\n");
                status = 1;
                continue;
            }
        };
        if server_response {
            io.err(format!("  HTTP/1.1 {} {}\n", r.status, r.reason()));
            for (k, v) in &r.headers {
                io.err(format!("  {k}: {v}\n"));
            }
        }
        if r.status >= 400 {
            io.err(format!(
                "wget: server returned error: HTTP/1.1 {} {}\n",
                r.status,
                r.reason()
            ));
            status = 1;
            continue;
        }
        if spider {
            if !quiet {
                io.err("remote file exists\n");
            }
            continue;
        }
        let n = r.body.len();
        if file == "-" {
            if !quiet {
                io.err("writing to stdout\n");
            }
            io.out(&r.body);
            if !quiet {
                io.err(wget_bar("-", n));
                io.err("written to stdout\n");
            }
        } else {
            let path = crate::vfs::normalize(&io.cwd, &file);
            if output.is_none() && fs.exists(&path) {
                io.err(format!("wget: can't open '{file}': File exists\n"));
                status = 1;
                continue;
            }
            if !quiet {
                io.err(format!("saving to '{file}'\n"));
            }
            if let Err(e) = save(fs, &io.cwd.clone(), &file, &r.body, now) {
                io.err(format!("wget: can't open '{file}': {e}\n"));
                status = 1;
                continue;
            }
            if !quiet {
                io.err(wget_bar(&file, n));
                io.err(format!("'{file}' saved\n"));
            }
        }
    }
    (status, elapsed)
}

/// `nslookup NAME [SERVER]`.
pub fn nslookup(net: &mut Net, origin: &Origin, args: &[String], io: &mut Io) -> (i32, i64) {
    let fl = flavour(origin);
    let words: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let Some(name) = words.first() else {
        if fl == Flavour::Busybox {
            io.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n");
        } else {
            io.err("> ");
        }
        return (1, 0);
    };
    let server = words.get(1).map(|s| s.to_string());
    if let Origin::Pod(c) = origin {
        if fl == Flavour::Busybox && busybox_before_1_29(&c.image) {
            return nslookup_busybox_1_28(net, origin, name, server, io);
        }
    }
    let pod_resolver = matches!(origin, Origin::Pod(c) if !c.host_network);
    let server_ip = server.clone().unwrap_or_else(|| {
        if pod_resolver {
            DNS_IP.to_string()
        } else {
            "127.0.0.53".to_string()
        }
    });
    let sep = if fl == Flavour::Busybox { ":" } else { "#" };
    io.out(format!(
        "Server:\t\t{server_ip}\nAddress:\t{server_ip}{sep}53\n\n"
    ));
    // Ask the cluster DNS when the resolver is CoreDNS (pods, or an explicit server).
    let cluster_dns = pod_resolver || server_ip == DNS_IP;
    let answer = if is_ipv4(name) {
        None
    } else if cluster_dns {
        match origin {
            Origin::Pod(_) if server.is_none() => net.resolve(origin, name),
            _ => net
                .dns_query(name)
                .map(|ips| (name.trim_end_matches('.').to_string(), ips)),
        }
    } else {
        None
    };
    match answer {
        Some((fqdn, ips)) => {
            if fl == Flavour::Ubuntu && !cluster_dns {
                io.out("Non-authoritative answer:\n");
            }
            for ip in ips {
                io.out(format!("Name:\t{fqdn}\nAddress: {ip}\n"));
            }
            io.out("\n");
            (0, 0)
        }
        None => {
            let shown = match origin {
                Origin::Pod(c)
                    if fl == Flavour::Busybox && !name.contains('.') && !c.host_network =>
                {
                    format!("{name}.{}.svc.cluster.local", c.namespace)
                }
                _ => name.to_string(),
            };
            io.out(format!("** server can't find {shown}: NXDOMAIN\n\n"));
            (1, 0)
        }
    }
}

/// A `busybox` tag up to 1.28, whose nslookup still prints the old format (the one the
/// Kubernetes docs show; later BusyBox nslookup does not search the pod's DNS domains).
fn busybox_before_1_29(image: &str) -> bool {
    let tag = super::registry::parse_ref(image)
        .map(|r| r.tag)
        .unwrap_or_default();
    let mut parts = tag.split('.').map(|p| p.parse::<u32>().ok());
    matches!(
        (parts.next().flatten(), parts.next().flatten()),
        (Some(1), Some(m)) if m <= 28
    )
}

/// BusyBox 1.28's nslookup: the server and each address with its reverse name.
fn nslookup_busybox_1_28(
    net: &mut Net,
    origin: &Origin,
    name: &str,
    server: Option<String>,
    io: &mut Io,
) -> (i32, i64) {
    let server_ip = server.unwrap_or_else(|| DNS_IP.to_string());
    let reverse = |net: &Net, ip: &str| {
        net.api
            .for_each(rt("services"), None)
            .find(|s| str_at(s, "/spec/clusterIP") == ip)
            .map(|s| {
                format!(
                    " {}.{}.svc.cluster.local",
                    object::name(s),
                    object::namespace(s)
                )
            })
            .unwrap_or_default()
    };
    io.out(format!(
        "Server:    {server_ip}\nAddress 1: {server_ip}{}\n\n",
        reverse(net, &server_ip)
    ));
    let answer = if is_ipv4(name) {
        Some((name.to_string(), vec![name.to_string()]))
    } else if server_ip == DNS_IP {
        net.resolve(origin, name)
    } else {
        None
    };
    match answer {
        Some((_, ips)) => {
            io.out(format!("Name:      {name}\n"));
            for (i, ip) in ips.iter().enumerate() {
                io.out(format!("Address {}: {ip}{}\n", i + 1, reverse(net, ip)));
            }
            (0, 0)
        }
        None => {
            io.err(format!("nslookup: can't resolve '{name}'\n"));
            (1, 0)
        }
    }
}

/// `ping [-c N] HOST`. Without `-c` it stops after four packets (a terminal line cannot be
/// interrupted here).
pub fn ping(net: &mut Net, origin: &Origin, args: &[String], io: &mut Io) -> (i32, i64) {
    let fl = flavour(origin);
    let mut count: i64 = 4;
    let mut host = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-c" || a == "-W" || a == "-w" || a == "-i" || a == "-s" {
            if let (true, Some(v)) = (a == "-c", args.get(i + 1)) {
                count = v.parse().unwrap_or(4);
            }
            i += 2;
            continue;
        }
        if let Some(v) = a.strip_prefix("-c") {
            count = v.parse().unwrap_or(4);
        } else if !a.starts_with('-') {
            host = Some(a.clone());
        }
        i += 1;
    }
    let count = count.clamp(1, 100);
    let Some(host) = host else {
        if fl == Flavour::Ubuntu {
            io.err("ping: usage error: Destination address required\n");
            return (1, 0);
        }
        io.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
        return (1, 0);
    };
    let Some((_, ips)) = net.resolve(origin, &host) else {
        if fl == Flavour::Ubuntu {
            io.err(format!("ping: {host}: Name or service not known\n"));
            return (2, 0);
        }
        io.err(format!("ping: bad address '{host}'\n"));
        return (1, 0);
    };
    let ip = ips.first().cloned().unwrap_or_default();
    // Pods, nodes and loopback answer; Service VIPs do not (iptables only rewrites TCP/UDP).
    let answers = ip.starts_with("127.")
        || net.node_ips().iter().any(|(_, n)| *n == ip)
        || pods_all(net.api)
            .any(|p| str_at(p, "/status/podIP") == ip && str_at(p, "/status/phase") == "Running");
    let times: Vec<f64> = (0..count)
        .map(|k| 0.05 + (fnv1a(format!("{ip}{k}").as_bytes()) % 90) as f64 / 1000.0)
        .collect();
    let same_node = net.node_ips().iter().any(|(_, n)| *n == ip)
        || origin.node_name() == net_node_of(net, &ip).unwrap_or_default();
    let ttl = if same_node || ip.starts_with("127.") {
        64
    } else {
        63
    };
    let received = if answers { count } else { 0 };
    if fl == Flavour::Ubuntu {
        io.out(format!("PING {host} ({ip}) 56(84) bytes of data.\n"));
        if answers {
            for (k, t) in times.iter().enumerate() {
                io.out(format!(
                    "64 bytes from {ip}: icmp_seq={} ttl={ttl} time={t:.3} ms\n",
                    k + 1
                ));
            }
        }
        io.out(format!("\n--- {host} ping statistics ---\n{count} packets transmitted, {received} received, {}% packet loss, time {}ms\n", if answers { 0 } else { 100 }, (count - 1) * 1001));
        if answers {
            let (min, max, avg) = stats(&times);
            io.out(format!(
                "rtt min/avg/max/mdev = {min:.3}/{avg:.3}/{max:.3}/0.012 ms\n"
            ));
        }
    } else {
        io.out(format!("PING {host} ({ip}): 56 data bytes\n"));
        if answers {
            for (k, t) in times.iter().enumerate() {
                io.out(format!(
                    "64 bytes from {ip}: seq={k} ttl={ttl} time={t:.3} ms\n"
                ));
            }
        }
        io.out(format!("\n--- {host} ping statistics ---\n{count} packets transmitted, {received} packets received, {}% packet loss\n", if answers { 0 } else { 100 }));
        if answers {
            let (min, max, avg) = stats(&times);
            io.out(format!(
                "round-trip min/avg/max = {min:.3}/{avg:.3}/{max:.3} ms\n"
            ));
        }
    }
    (if answers { 0 } else { 1 }, count * 1000)
}

fn net_node_of(net: &Net, ip: &str) -> Option<String> {
    pods_all(net.api)
        .find(|p| str_at(p, "/status/podIP") == ip)
        .map(|p| str_at(p, "/spec/nodeName").to_string())
}

fn stats(t: &[f64]) -> (f64, f64, f64) {
    let min = t.iter().cloned().fold(f64::MAX, f64::min);
    let max = t.iter().cloned().fold(0.0, f64::max);
    let avg = t.iter().sum::<f64>() / t.len().max(1) as f64;
    (min, max, avg)
}

/// Runs a network tool by name; None if `argv[0]` is not one.
pub fn run_tool(
    net: &mut Net,
    origin: &Origin,
    fs: &mut Fs,
    argv: &[String],
    io: &mut Io,
) -> Option<(i32, i64)> {
    let name = argv.first()?.rsplit('/').next()?.to_string();
    let args = &argv[1..];
    Some(match name.as_str() {
        "curl" => curl(net, origin, fs, args, io),
        "wget" => wget(net, origin, fs, args, io),
        "nslookup" => nslookup(net, origin, args, io),
        "ping" => ping(net, origin, args, io),
        _ => return None,
    })
}

/// The network as a container's own process sees it: through the API only.
pub struct ApiOutside<'a> {
    pub api: &'a ApiServer,
    pub registry: &'a Registry,
}

impl container::Outside for ApiOutside<'_> {
    fn net_tool(
        &mut self,
        ctx: &Context,
        fs: &mut Fs,
        argv: &[String],
        io: &mut Io,
        now: TimeMs,
    ) -> Option<(i32, i64)> {
        let mut net = Net::new(self.api, self.registry, &[], &[], 0);
        net.now = now;
        net.own = Some((ctx.pod_uid.clone(), ctx.container.clone(), fs.clone()));
        let origin = Origin::Pod(Box::new(ctx.clone()));
        run_tool(&mut net, &origin, fs, argv, io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_like_curl() {
        let u = parse_url("nginx").unwrap_or_else(|| unreachable!());
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str(), u.tls),
            ("nginx", 80, "/", false)
        );
        let u = parse_url("https://10.96.0.1/healthz").unwrap_or_else(|| unreachable!());
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str(), u.tls),
            ("10.96.0.1", 443, "/healthz", true)
        );
        let u = parse_url("localhost:8080/x?y").unwrap_or_else(|| unreachable!());
        assert_eq!((u.port, u.path.as_str()), (8080, "/x?y"));
        assert!(parse_url("ftp://x").is_none());
        assert!(parse_url("x:99999").is_none());
    }

    use crate::sim::bootstrap::kubeadm_cluster;
    use crate::sim::Cluster;
    use serde_json::json;

    fn cluster_with_web() -> Cluster {
        let mut c = kubeadm_cluster(1);
        let pod = json!({"metadata": {"name": "web", "labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}});
        assert!(c.api.create(rt("pods"), "default", pod).is_ok());
        for (name, sel) in [("web", "web"), ("empty", "none")] {
            let svc = json!({"metadata": {"name": name}, "spec": {"selector": {"app": sel}, "ports": [{"port": 80}]}});
            assert!(c.api.create(rt("services"), "default", svc).is_ok());
        }
        c.advance(10_000);
        c
    }

    fn pod_origin(c: &Cluster, name: &str) -> Origin {
        let ctx = Context {
            pod: name.into(),
            namespace: "default".into(),
            node: "node01".into(),
            pod_ip: c
                .api
                .get(rt("pods"), "default", name)
                .map(|p| str_at(&p, "/status/podIP").to_string())
                .unwrap_or_default(),
            ..Context::default()
        };
        Origin::Pod(Box::new(ctx))
    }

    #[test]
    fn services_get_addresses() {
        let c = cluster_with_web();
        let svc = c
            .api
            .get(rt("services"), "default", "web")
            .unwrap_or_default();
        let ip = str_at(&svc, "/spec/clusterIP");
        assert!(ip.starts_with("10."), "{ip}");
    }

    #[test]
    fn dns_names_resolve_from_pods_not_from_nodes() {
        let c = cluster_with_web();
        let net = Net::new(&c.api, &c.registry, &c.kubelets, &[], 0);
        let ip = str_at(
            &c.api
                .get(rt("services"), "default", "web")
                .unwrap_or_default(),
            "/spec/clusterIP",
        )
        .to_string();
        // (A pod named web would find itself first: its /etc/hosts names it.)
        assert_eq!(
            net.resolve(&pod_origin(&c, "web"), "web")
                .map(|(_, ips)| ips),
            Some(vec!["10.244.1.2".to_string()])
        );
        let origin = pod_origin(&c, "client");
        for name in [
            "web",
            "web.default",
            "web.default.svc",
            "web.default.svc.cluster.local",
        ] {
            let got = net.resolve(&origin, name).map(|(_, ips)| ips);
            assert_eq!(got, Some(vec![ip.clone()]), "{name}");
        }
        assert!(net.resolve(&origin, "nope").is_none());
        assert_eq!(
            net.resolve(&origin, "kubernetes.default")
                .map(|(f, _)| f)
                .as_deref(),
            Some("kubernetes.default.svc.cluster.local")
        );
        let node = Origin::Node {
            name: "controlplane".into(),
            ip: "192.168.1.2".into(),
        };
        assert!(net.resolve(&node, "web").is_none());
        assert_eq!(
            net.resolve(&node, "node01").map(|(_, i)| i),
            Some(vec!["192.168.1.3".to_string()])
        );
    }

    #[test]
    fn services_route_to_ready_pods_and_refuse_without_endpoints() {
        let c = cluster_with_web();
        let mut net = Net::new(&c.api, &c.registry, &c.kubelets, &[], 0);
        let origin = Origin::Node {
            name: "controlplane".into(),
            ip: "192.168.1.2".into(),
        };
        let ip_of = |n: &str| {
            str_at(
                &c.api.get(rt("services"), "default", n).unwrap_or_default(),
                "/spec/clusterIP",
            )
            .to_string()
        };
        let web = ip_of("web");
        match net.request(&origin, &web, 80, false, "GET", "/", "curl/8.5.0") {
            Outcome::Reply(_, Served::Http(r)) => {
                assert_eq!(r.status, 200);
                assert_eq!(r.body, container::NGINX_INDEX);
            }
            other => unreachable!("{other:?}"),
        }
        assert!(matches!(
            net.request(&origin, &ip_of("empty"), 80, false, "GET", "/", "x"),
            Outcome::Conn(_, ConnError::Refused)
        ));
        assert!(matches!(
            net.request(&origin, &web, 8080, false, "GET", "/", "x"),
            Outcome::Conn(_, ConnError::Timeout)
        ));
        assert!(matches!(
            net.request(&origin, "10.244.1.250", 80, false, "GET", "/", "x"),
            Outcome::Conn(_, ConnError::Timeout)
        ));
        assert_eq!(net.access.len(), 1, "nginx logs the request it answered");
    }

    #[test]
    fn ipv4_literals() {
        assert!(is_ipv4("10.96.0.1"));
        assert!(!is_ipv4("10.96.0"));
        assert!(!is_ipv4("nginx.default"));
        assert!(!is_ipv4("256.1.1.1"));
    }
}

//! The kubelet: one per node. It registers its Node, runs the pods bound to it and the static
//! pods in its manifest directory, pulls images, starts, probes, restarts and stops containers
//! with the real back-off, keeps their logs, and writes pod status back through the API.
//!
//! A container's life is data: [`LIFECYCLE`] lists, for each phase and what the kubelet finds
//! when the container's next step is due, the next state, how long until the step after, and
//! the events to record (as kwok's stages do). [`Kubelet::step_container`] looks the row up and
//! applies it; nothing else moves a container between phases.
//!
//! What runs inside a container (its process, files and server) is `container`'s; the network
//! its tools reach is `network`'s.

use crate::sim::object::Pointer as _;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::apiserver::ApiServer;
use super::clock::{rfc3339, TimeMs};
use super::container::{self, Context, Log, LogLine, Process, Program, RunState, Served};
use super::informer::{Delta, Informer};
use super::network::ApiOutside;
use super::object::{self, str_at};
use super::registry::{parse_ref, Registry};
use super::resources::rt;
use super::rng::fnv1a;
use crate::vfs::Fs;

/// Where kubeadm's kubelet reads static pod manifests (`staticPodPath`).
pub const STATIC_POD_PATH: &str = "/etc/kubernetes/manifests";
/// Container restart back-off: 10 s doubling to 5 min (kubelet `backOffPeriod`, `MaxContainerBackOff`).
pub const BACKOFF_INITIAL_MS: i64 = 10_000;
pub const BACKOFF_MAX_MS: i64 = 300_000;
/// Pull bandwidth from the registry, for pull times.
const PULL_BYTES_PER_MS: u64 = 30_000;
/// How far ahead a script is run on a copy to learn when it exits (re-checked at the horizon).
const LOOKAHEAD_MS: TimeMs = 600_000;
/// The same for scripts that use the network: what they meet can change sooner.
const NET_LOOKAHEAD_MS: TimeMs = 60_000;
/// How often a container whose config (ConfigMap, Secret) is missing is tried again.
const CONFIG_RETRY_MS: TimeMs = 10_000;

/// What a node is: its name, address, pod range, labels and taints.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NodeConfig {
    pub name: String,
    pub ip: String,
    pub pod_cidr_prefix: String,
    pub control_plane: bool,
    pub cpu: String,
    pub memory_ki: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum State {
    /// Image being pulled; done at the container's `wake_at`.
    Pulling,
    Waiting {
        reason: String,
        message: String,
    },
    Running {
        started_ms: TimeMs,
    },
    Terminated {
        exit_code: i32,
        reason: String,
        started_ms: TimeMs,
        finished_ms: TimeMs,
    },
}

/// Where a container is in its life: the rows of [`LIFECYCLE`] start from one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Waiting to be created (`ContainerCreating`, `PodInitializing`).
    Creating,
    Pulling,
    /// `ErrImagePull` just happened.
    PullFailed,
    /// `ImagePullBackOff`: waiting to pull again.
    PullBackOff,
    /// `CrashLoopBackOff`: waiting to start again.
    CrashBackOff,
    /// `CreateContainerConfigError`: waiting for a ConfigMap or Secret.
    ConfigError,
    Running,
    Exited,
    /// `InvalidImageName`, `ErrImageNeverPull`: nothing happens until the spec changes.
    Stuck,
}

fn phase_of(s: &State) -> Phase {
    match s {
        State::Pulling => Phase::Pulling,
        State::Running { .. } => Phase::Running,
        State::Terminated { .. } => Phase::Exited,
        State::Waiting { reason, .. } => match reason.as_str() {
            "ContainerCreating" | "PodInitializing" => Phase::Creating,
            "ErrImagePull" => Phase::PullFailed,
            "ImagePullBackOff" => Phase::PullBackOff,
            "CrashLoopBackOff" => Phase::CrashBackOff,
            "CreateContainerConfigError" => Phase::ConfigError,
            _ => Phase::Stuck,
        },
    }
}

/// What the kubelet finds when a container's step is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Finding {
    Always,
    /// The image reference does not parse.
    BadImageName,
    /// The image is on the node and the pull policy lets the kubelet use it.
    ImagePresent,
    /// `imagePullPolicy: Never` and the image is not on the node.
    NeverPullMissing,
    MustPull,
    PullOk,
    PullFailed,
    /// The process ended (or was killed) and will be restarted after a back-off.
    ExitedBackOff,
    /// … and will be restarted at once (the first failure has no back-off).
    ExitedRestart,
    /// … and stays terminated (restart policy, or a finished init container).
    ExitedDone,
}

/// The next state of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    Waiting(&'static str),
    Pulling,
    /// Create and start the container (`Created`, `Started` or `Failed`).
    Start,
    /// Record the exit (`Terminated`).
    Terminate,
    /// `CrashLoopBackOff` with the last exit kept.
    CrashLoop,
    /// Back to `ContainerCreating` for one more try; the same step goes on.
    Retry,
    /// Back to `ContainerCreating` as a new instance (restart count + 1); the same step goes on.
    Restart,
}

/// When the step after this one is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delay {
    Never,
    Now,
    /// The image's size over the registry's bandwidth (or a short check if cached).
    PullTime,
    /// 0.5 to 1.5 s.
    Jitter,
    /// The image pull back-off: 10 s doubling per failure, at most 5 min.
    PullBackOff,
    /// The restart back-off (at least 1 s).
    RestartBackOff,
    /// Go on in the same step (`Next::Retry`, `Next::Restart`).
    Chain,
}

/// An event a row records (type, reason and message are filled in by `event_text`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ev {
    InspectFailed,
    /// `Failed` `Error: <reason of the new state>`.
    FailedReason,
    AlreadyPresent,
    NeverPull,
    Pulling,
    Pulled,
    PullFailed,
    BackOffPulling,
    BackOffRestart,
}

/// One row of the life cycle.
struct Row {
    from: Phase,
    when: Finding,
    to: Next,
    after: Delay,
    events: &'static [Ev],
}

const fn row(from: Phase, when: Finding, to: Next, after: Delay, events: &'static [Ev]) -> Row {
    Row {
        from,
        when,
        to,
        after,
        events,
    }
}

/// A container's life cycle (image_manager.go, kuberuntime_container.go, the pod workers'
/// back-off), as data.
const LIFECYCLE: &[Row] = &[
    row(
        Phase::Creating,
        Finding::BadImageName,
        Next::Waiting("InvalidImageName"),
        Delay::Never,
        &[Ev::InspectFailed, Ev::FailedReason],
    ),
    row(
        Phase::Creating,
        Finding::NeverPullMissing,
        Next::Waiting("ErrImageNeverPull"),
        Delay::Never,
        &[Ev::NeverPull, Ev::FailedReason],
    ),
    row(
        Phase::Creating,
        Finding::ImagePresent,
        Next::Start,
        Delay::Now,
        &[Ev::AlreadyPresent],
    ),
    row(
        Phase::Creating,
        Finding::MustPull,
        Next::Pulling,
        Delay::PullTime,
        &[Ev::Pulling],
    ),
    row(
        Phase::Pulling,
        Finding::PullOk,
        Next::Start,
        Delay::Now,
        &[Ev::Pulled],
    ),
    row(
        Phase::Pulling,
        Finding::PullFailed,
        Next::Waiting("ErrImagePull"),
        Delay::Jitter,
        &[Ev::PullFailed, Ev::FailedReason],
    ),
    row(
        Phase::PullFailed,
        Finding::Always,
        Next::Waiting("ImagePullBackOff"),
        Delay::PullBackOff,
        &[Ev::BackOffPulling, Ev::FailedReason],
    ),
    row(
        Phase::PullBackOff,
        Finding::Always,
        Next::Retry,
        Delay::Chain,
        &[],
    ),
    row(
        Phase::ConfigError,
        Finding::Always,
        Next::Retry,
        Delay::Chain,
        &[],
    ),
    row(
        Phase::CrashBackOff,
        Finding::Always,
        Next::Restart,
        Delay::Chain,
        &[],
    ),
    row(
        Phase::Running,
        Finding::ExitedBackOff,
        Next::CrashLoop,
        Delay::RestartBackOff,
        &[Ev::BackOffRestart],
    ),
    row(
        Phase::Running,
        Finding::ExitedRestart,
        Next::Terminate,
        Delay::RestartBackOff,
        &[],
    ),
    row(
        Phase::Running,
        Finding::ExitedDone,
        Next::Terminate,
        Delay::Never,
        &[],
    ),
    row(
        Phase::Exited,
        Finding::Always,
        Next::Restart,
        Delay::Now,
        &[],
    ),
];

/// A probe's kind, in the order the kubelet runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum ProbeKind {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeKind {
    fn field(self) -> &'static str {
        match self {
            ProbeKind::Startup => "startupProbe",
            ProbeKind::Liveness => "livenessProbe",
            ProbeKind::Readiness => "readinessProbe",
        }
    }
    fn title(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
        }
    }
}

/// A probe as the kubelet runs it, from the container spec (bad values fall back to defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ProbeSpec {
    kind: ProbeKind,
    handler: Handler,
    initial_delay_ms: TimeMs,
    period_ms: TimeMs,
    success_threshold: u32,
    failure_threshold: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum Handler {
    Http {
        port: Value,
        path: String,
        https: bool,
        host: String,
    },
    Tcp {
        port: Value,
    },
    Exec {
        argv: Vec<String>,
    },
    Grpc {
        port: Value,
    },
}

/// A probe's running count.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ProbeState {
    next_at: Option<TimeMs>,
    successes: u32,
    failures: u32,
    /// The probe passes (startup: has passed; readiness: the container is ready).
    ok: bool,
    /// Passing and nothing in the container changes by itself: no need to wake up for it.
    dormant: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct ContainerRun {
    name: String,
    image: String,
    init: bool,
    state: State,
    last: Option<State>,
    restart_count: i64,
    /// When the next transition of this container is due.
    wake_at: Option<TimeMs>,
    /// Consecutive failures, for the back-off.
    failures: u32,
    container_id: String,
    image_id: String,
    stopping: bool,
    /// How long the pull in progress takes.
    pull_ms: i64,
    /// What the container is (set when it starts).
    #[serde(default)]
    ctx: Context,
    #[serde(default)]
    fs: Fs,
    /// This instance's log, and the previous instance's (`logs -p`).
    #[serde(default)]
    log: Log,
    #[serde(default)]
    prev_log: Log,
    /// The main process when it is a script.
    #[serde(skip)]
    process: Option<Process>,
    /// The script's `command`/`args`: a restored session runs it again up to where it was.
    #[serde(default)]
    script: Vec<String>,
    /// How far the script has run (its output up to here is in the log).
    #[serde(default)]
    script_ran_to: TimeMs,
    /// The program kind: a server never exits by itself.
    #[serde(default)]
    server: bool,
    /// The exit of a program that ends by itself (`Program::Exits`) or of a killed container.
    #[serde(default)]
    exit: Option<(TimeMs, i32)>,
    /// Why the process ends: a failed liveness/startup probe (`Killing`).
    #[serde(default)]
    killed: bool,
    /// The script used the network when last run ahead: what it meets may change.
    #[serde(default)]
    net_dependent: bool,
    /// The API resourceVersion when the script was last run ahead.
    #[serde(default)]
    lookahead_rv: u64,
    #[serde(default)]
    probes: Vec<(ProbeSpec, ProbeState)>,
    /// A start error's message (`StartError`).
    #[serde(default)]
    start_error: String,
    /// An ephemeral container (`kubectl debug`): added to a running pod, never restarted, not
    /// counted in the pod's readiness or phase.
    #[serde(default)]
    ephemeral: bool,
}

impl ContainerRun {
    /// The pod spec's list the container is in.
    fn list(&self) -> &'static str {
        if self.init {
            "initContainers"
        } else if self.ephemeral {
            "ephemeralContainers"
        } else {
            "containers"
        }
    }

    fn new(name: &str, image: &str, init: bool, reason: &str) -> ContainerRun {
        ContainerRun {
            name: name.to_string(),
            image: image.to_string(),
            init,
            state: State::Waiting {
                reason: reason.into(),
                message: String::new(),
            },
            last: None,
            restart_count: 0,
            wake_at: None,
            failures: 0,
            container_id: String::new(),
            image_id: String::new(),
            stopping: false,
            pull_ms: 0,
            ctx: Context::default(),
            fs: Fs::new(),
            log: Log::default(),
            prev_log: Log::default(),
            process: None,
            script: vec![],
            script_ran_to: 0,
            server: false,
            exit: None,
            killed: false,
            net_dependent: false,
            lookahead_rv: 0,
            probes: vec![],
            start_error: String::new(),
            ephemeral: false,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct PodRun {
    namespace: String,
    name: String,
    uid: String,
    /// The pod as the kubelet runs it (from the API, or from a manifest for static pods).
    pod: Value,
    /// The manifest file of a static pod.
    manifest: Option<String>,
    ip: String,
    start_ms: TimeMs,
    containers: Vec<ContainerRun>,
    /// Being stopped; gone from the API at this time (the end of the grace period at most).
    stop_at: Option<TimeMs>,
    removed: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Kubelet {
    pub config: NodeConfig,
    informer: Informer,
    pods: BTreeMap<String, PodRun>,
    /// Static pod manifests seen: path → (content hash, pod uid).
    manifests: BTreeMap<String, (u64, String)>,
    fs_generation: u64,
    next_ip: u32,
    images_present: BTreeSet<String>,
    registered: bool,
    /// Pods whose runtime state changed since their status was last written.
    #[serde(default)]
    dirty: BTreeSet<String>,
    /// Static pod manifests skipped because they do not parse as a Pod.
    #[serde(default)]
    bad_manifests: BTreeSet<String>,
    /// The node's files as last seen, for containers with `hostPath` volumes (`kubectl debug
    /// node/…` mounts the node's root) to start with at their mount paths.
    #[serde(skip)]
    host_files: Option<Fs>,
}

/// Which container of which pod (for `logs`, `exec` and friends).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerKey {
    pub uid: String,
    pub container: String,
}

/// What a pod uses: since when its containers have run, and per container (name, CPU in
/// millicores, memory in bytes).
pub type PodUsage = (TimeMs, Vec<(String, i64, i64)>);

/// Why `logs` cannot answer, as the kubelet words it (the API server prefixes `BadRequest`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogsError {
    NotAvailable,
    WaitingToStart(String),
    PreviousNotFound,
    Terminated,
}

fn go_duration(ms: i64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let secs = ms as f64 / 1000.0;
    if secs < 60.0 {
        let s = format!("{secs:.3}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        return format!("{s}s");
    }
    let m = ms / 60_000;
    let rest = (ms % 60_000) as f64 / 1000.0;
    let s = format!("{rest:.3}");
    format!("{m}m{}s", s.trim_end_matches('0').trim_end_matches('.'))
}

fn backoff_ms(failures: u32) -> i64 {
    if failures <= 1 {
        return 0;
    }
    (BACKOFF_INITIAL_MS << (failures - 2).min(10)).min(BACKOFF_MAX_MS)
}

/// Standard base64 (Secret data), tolerant of padding and whitespace.
fn b64decode(s: &str) -> Option<String> {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = vec![];
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        if c == b'=' || c.is_ascii_whitespace() {
            continue;
        }
        let v = T.iter().position(|&t| t == c)? as u32;
        buf = buf << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Reads ConfigMap and Secret data for a container: `name` gives every `key=value` line,
/// `name/key` one value.
fn config_lookup(api: &ApiServer, kind: &str, ns: &str, key: &str) -> Option<String> {
    let (name, item) = match key.split_once('/') {
        Some((n, k)) => (n, Some(k)),
        None => (key, None),
    };
    let obj = api.get(rt(kind), ns, name).ok()?;
    let secret = kind == "secrets";
    let mut entries: Vec<(String, String)> = vec![];
    for field in ["data", "stringData", "binaryData"] {
        if let Some(m) = obj.get(field).and_then(Value::as_object) {
            for (k, v) in m {
                let raw = v.as_str().unwrap_or("");
                let val = if secret && field == "data" {
                    b64decode(raw).unwrap_or_default()
                } else {
                    raw.to_string()
                };
                entries.push((k.clone(), val));
            }
        }
    }
    match item {
        Some(k) => entries.into_iter().find(|(n, _)| n == k).map(|(_, v)| v),
        None => Some(
            entries
                .iter()
                .map(|(k, v)| format!("{k}={}\n", v.replace('\n', " ")))
                .collect(),
        ),
    }
}

/// The first ConfigMap or Secret (or key) a container refers to that is missing, worded as the
/// kubelet words it.
/// `runAsNonRoot` (the container's, or else the pod's) against the user the container would
/// run as (`runAsUser`, or else the image's: root, but for images built to run unprivileged),
/// as the kubelet's `verifyRunAsNonRoot` words it.
fn non_root_violation(pod: &Value, spec: &Value) -> Option<String> {
    let setting = |key: &str| {
        spec.at(&format!("/securityContext/{key}"))
            .or_else(|| pod.at(&format!("/spec/securityContext/{key}")))
    };
    if setting("runAsNonRoot") != Some(&Value::Bool(true)) {
        return None;
    }
    let who = format!(
        "(pod: \"{}_{}({})\", container: {})",
        object::name(pod),
        object::namespace(pod),
        object::uid(pod),
        str_at(spec, "/name")
    );
    match setting("runAsUser").and_then(Value::as_i64) {
        Some(0) => Some(format!(
            "container's runAsUser breaks non-root policy {who}"
        )),
        Some(_) => None,
        None => {
            let image = str_at(spec, "/image");
            let unprivileged = ["nonroot", "unprivileged", "bitnami/"]
                .iter()
                .any(|m| image.contains(m));
            (!unprivileged)
                .then(|| format!("container has runAsNonRoot and image will run as root {who}"))
        }
    }
}

fn missing_config(api: &ApiServer, ns: &str, spec: &Value) -> Option<String> {
    let optional = |v: &Value| v.get("optional") == Some(&Value::Bool(true));
    for e in spec
        .get("env")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        for (key, kind, word, title) in [
            ("configMapKeyRef", "configmaps", "configmap", "ConfigMap"),
            ("secretKeyRef", "secrets", "secret", "Secret"),
        ] {
            let Some(r) = e.at(&format!("/valueFrom/{key}")) else {
                continue;
            };
            if optional(r) {
                continue;
            }
            let name = str_at(r, "/name");
            let k = str_at(r, "/key");
            if api.get(rt(kind), ns, name).is_err() {
                return Some(format!("{word} \"{name}\" not found"));
            }
            if config_lookup(api, kind, ns, &format!("{name}/{k}")).is_none() {
                return Some(format!("couldn't find key {k} in {title} {ns}/{name}"));
            }
        }
    }
    for f in spec
        .get("envFrom")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        for (key, kind, word) in [
            ("configMapRef", "configmaps", "configmap"),
            ("secretRef", "secrets", "secret"),
        ] {
            let Some(r) = f.get(key) else { continue };
            if optional(r) {
                continue;
            }
            let name = str_at(r, "/name");
            if api.get(rt(kind), ns, name).is_err() {
                return Some(format!("{word} \"{name}\" not found"));
            }
        }
    }
    None
}

/// Registry hosts the pod has credentials for (`imagePullSecrets` of type dockerconfigjson), and
/// the names of the secrets that could not be read.
fn pull_credentials(api: &ApiServer, pod: &Value) -> (Vec<String>, Vec<String>) {
    let ns = object::namespace(pod);
    let mut hosts = vec![];
    let mut missing = vec![];
    for s in pod
        .at("/spec/imagePullSecrets")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let name = str_at(&s, "/name");
        let Ok(secret) = api.get(rt("secrets"), ns, name) else {
            missing.push(name.to_string());
            continue;
        };
        let raw = str_at(&secret, "/data/.dockerconfigjson");
        let text = b64decode(raw).unwrap_or_default();
        if let Ok(cfg) = serde_json::from_str::<Value>(&text) {
            if let Some(auths) = cfg.get("auths").and_then(Value::as_object) {
                for host in auths.keys() {
                    let h = host
                        .trim_start_matches("https://")
                        .trim_start_matches("http://")
                        .split('/')
                        .next()
                        .unwrap_or("")
                        .to_string();
                    hosts.push(if h == "index.docker.io" {
                        "docker.io".into()
                    } else {
                        h
                    });
                }
            }
        }
    }
    (hosts, missing)
}

fn probe_specs(spec: &Value) -> Vec<(ProbeSpec, ProbeState)> {
    let mut out = vec![];
    for kind in [
        ProbeKind::Startup,
        ProbeKind::Liveness,
        ProbeKind::Readiness,
    ] {
        let Some(p) = spec.get(kind.field()).filter(|p| p.is_object()) else {
            continue;
        };
        let num = |k: &str, default: i64, min: i64| {
            p.get(k)
                .and_then(Value::as_i64)
                .filter(|v| *v >= min)
                .unwrap_or(default)
        };
        let handler = if let Some(h) = p.get("httpGet") {
            Handler::Http {
                port: h.get("port").cloned().unwrap_or(json!(80)),
                path: match h.get("path") {
                    Some(Value::String(s)) if !s.is_empty() => s.clone(),
                    _ => "/".into(),
                },
                https: str_at(h, "/scheme").eq_ignore_ascii_case("https"),
                host: str_at(h, "/host").to_string(),
            }
        } else if let Some(t) = p.get("tcpSocket") {
            Handler::Tcp {
                port: t.get("port").cloned().unwrap_or(json!(80)),
            }
        } else if let Some(e) = p.get("exec") {
            Handler::Exec {
                argv: e
                    .get("command")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|v| {
                                v.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| v.to_string())
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        } else if let Some(g) = p.get("grpc") {
            Handler::Grpc {
                port: g.get("port").cloned().unwrap_or(json!(0)),
            }
        } else {
            continue;
        };
        let success = if kind == ProbeKind::Readiness {
            num("successThreshold", 1, 1)
        } else {
            1
        };
        out.push((
            ProbeSpec {
                kind,
                handler,
                initial_delay_ms: num("initialDelaySeconds", 0, 0).min(86_400) * 1000,
                period_ms: num("periodSeconds", 10, 1).min(86_400) * 1000,
                success_threshold: success.min(1000) as u32,
                failure_threshold: num("failureThreshold", 3, 1).min(1000) as u32,
            },
            ProbeState::default(),
        ));
    }
    out
}

/// A named or numbered container port.
fn resolve_port(spec: &Value, port: &Value) -> Option<u16> {
    match port {
        Value::Number(n) => n
            .as_u64()
            .and_then(|p| u16::try_from(p).ok())
            .filter(|p| *p > 0),
        Value::String(s) => match s.parse::<u16>() {
            Ok(p) => Some(p),
            Err(_) => spec
                .get("ports")
                .and_then(Value::as_array)?
                .iter()
                .find(|p| str_at(p, "/name") == s)
                .and_then(|p| p.get("containerPort").and_then(Value::as_u64))
                .and_then(|p| u16::try_from(p).ok()),
        },
        _ => None,
    }
}

impl Kubelet {
    pub fn new(config: NodeConfig) -> Kubelet {
        Kubelet {
            config,
            informer: Informer::default(),
            pods: BTreeMap::new(),
            manifests: BTreeMap::new(),
            fs_generation: u64::MAX,
            next_ip: 2,
            images_present: BTreeSet::new(),
            registered: false,
            dirty: BTreeSet::new(),
            bad_manifests: BTreeSet::new(),
            host_files: None,
        }
    }

    pub fn node_name(&self) -> &str {
        &self.config.name
    }

    /// The next instant this kubelet has something to do: a container step, the end of a grace
    /// period, a probe that is not dormant.
    pub fn next_wake(&self) -> Option<TimeMs> {
        self.pods
            .values()
            .flat_map(|p| {
                p.containers
                    .iter()
                    .flat_map(|c| {
                        let probes = c
                            .probes
                            .iter()
                            .filter(|(_, s)| !s.dormant)
                            .filter_map(|(_, s)| s.next_at);
                        c.wake_at.into_iter().chain(probes)
                    })
                    .chain(p.stop_at)
            })
            .min()
    }

    fn node_object(&self, now: TimeMs) -> Value {
        let c = &self.config;
        // The Node as the kubelet registers it, kept as data: as `json!` code the same object
        // costs several times its bytes in the download. `@…@` marks what is filled in.
        const NODE: &str = r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"@NAME@","labels":{"beta.kubernetes.io/arch":"amd64","beta.kubernetes.io/os":"linux","kubernetes.io/arch":"amd64","kubernetes.io/hostname":"@NAME@","kubernetes.io/os":"linux"},"annotations":{"kubeadm.alpha.kubernetes.io/cri-socket":"unix:///var/run/containerd/containerd.sock","node.alpha.kubernetes.io/ttl":"0","volumes.kubernetes.io/controller-managed-attach-detach":"true"}},"spec":{"podCIDR":"@CIDR@","podCIDRs":["@CIDR@"]},"status":{"addresses":[{"address":"@IP@","type":"InternalIP"},{"address":"@NAME@","type":"Hostname"}],"allocatable":{"cpu":"@CPU@","ephemeral-storage":"19586931083","hugepages-1Gi":"0","hugepages-2Mi":"0","memory":"@ALLOC@","pods":"110"},"capacity":{"cpu":"@CPU@","ephemeral-storage":"20134592Ki","hugepages-1Gi":"0","hugepages-2Mi":"0","memory":"@MEM@","pods":"110"},"conditions":[{"lastHeartbeatTime":"@T@","lastTransitionTime":"@T@","message":"kubelet has sufficient memory available","reason":"KubeletHasSufficientMemory","status":"False","type":"MemoryPressure"},{"lastHeartbeatTime":"@T@","lastTransitionTime":"@T@","message":"kubelet has no disk pressure","reason":"KubeletHasNoDiskPressure","status":"False","type":"DiskPressure"},{"lastHeartbeatTime":"@T@","lastTransitionTime":"@T@","message":"kubelet has sufficient PID available","reason":"KubeletHasSufficientPID","status":"False","type":"PIDPressure"},{"lastHeartbeatTime":"@T@","lastTransitionTime":"@T@","message":"kubelet is posting ready status","reason":"KubeletReady","status":"True","type":"Ready"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},"nodeInfo":{"architecture":"amd64","bootID":"@BOOT@","containerRuntimeVersion":"containerd://1.7.22","kernelVersion":"5.15.0-125-generic","kubeProxyVersion":"@VERSION@","kubeletVersion":"@VERSION@","machineID":"@MACHINE@","operatingSystem":"linux","osImage":"Ubuntu 24.04.1 LTS","systemUUID":"@UUID@"}}}"#;
        // (v1.31.1 turned DisableNodeKubeProxyVersion back off by default: it is deprecated,
        // not yet enforced, so the kubelet still reports its own version as kube-proxy's.)
        let text = NODE
            .replace("@NAME@", &c.name)
            .replace("@CIDR@", &format!("{}.0/24", c.pod_cidr_prefix))
            .replace("@IP@", &c.ip)
            .replace("@CPU@", &c.cpu)
            .replace("@ALLOC@", &format!("{}Ki", c.memory_ki - 102_400))
            .replace("@MEM@", &format!("{}Ki", c.memory_ki))
            .replace("@T@", &rfc3339(now))
            .replace("@BOOT@", &format!("{:x}", fnv1a(c.name.as_bytes())))
            .replace("@VERSION@", crate::sim::KUBERNETES_VERSION)
            .replace(
                "@MACHINE@",
                &format!("{:032x}", fnv1a(c.ip.as_bytes()) as u128 * 0x1_0000_0001),
            )
            .replace(
                "@UUID@",
                &format!("{:x}", fnv1a(c.name.as_bytes()) ^ 0x5a5a),
            );
        let mut node: Value = serde_json::from_str(&text).unwrap_or_default();
        if c.control_plane {
            if let Some(labels) = node
                .get_mut("metadata")
                .and_then(|m| m.get_mut("labels"))
                .and_then(Value::as_object_mut)
            {
                labels.insert("node-role.kubernetes.io/control-plane".into(), json!(""));
                labels.insert(
                    "node.kubernetes.io/exclude-from-external-load-balancers".into(),
                    json!(""),
                );
            }
            node["spec"]["taints"] =
                json!([{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]);
        }
        node
    }

    /// One pass: register, read static pods, pick up pods bound here, advance containers whose
    /// time has come, write statuses.
    /// `fs` is the node's filesystem; `None` while it is lent out (a kubectl command holds
    /// it while the clock moves, `get -w`): the manifests are read again when it is back.
    pub fn sync(&mut self, api: &mut ApiServer, fs: Option<&Fs>, registry: &Registry) {
        let now = api.now();
        if !self.registered {
            let node = self.node_object(now);
            if api.get(rt("nodes"), "", &self.config.name).is_err() {
                let _ = api.create(rt("nodes"), "", node.clone());
                let n = api.get(rt("nodes"), "", &self.config.name).unwrap_or(node);
                for (reason, msg) in [
                    ("Starting", "Starting kubelet.".to_string()),
                    (
                        "NodeHasSufficientMemory",
                        format!(
                            "Node {} status is now: NodeHasSufficientMemory",
                            self.config.name
                        ),
                    ),
                    (
                        "NodeHasNoDiskPressure",
                        format!(
                            "Node {} status is now: NodeHasNoDiskPressure",
                            self.config.name
                        ),
                    ),
                    (
                        "NodeHasSufficientPID",
                        format!(
                            "Node {} status is now: NodeHasSufficientPID",
                            self.config.name
                        ),
                    ),
                    (
                        "NodeAllocatableEnforced",
                        "Updated Node Allocatable limit across pods".to_string(),
                    ),
                ] {
                    api.record_event(&n, "Normal", reason, &msg, "kubelet", &self.config.name);
                }
            }
            self.registered = true;
        }
        if let Some(fs) = fs {
            self.sync_static_pods(api, fs, now);
            if self.host_files.as_ref().map(Fs::generation) != Some(fs.generation()) {
                self.host_files = Some(fs.clone());
            }
        }
        self.sync_api_pods(api, now);
        self.advance_containers(api, registry, now);
        self.run_probes(api, registry, now);
        self.write_statuses(api, now);
    }

    fn sync_static_pods(&mut self, api: &mut ApiServer, fs: &Fs, now: TimeMs) {
        if fs.generation() == self.fs_generation {
            return;
        }
        self.fs_generation = fs.generation();
        let mut seen = BTreeSet::new();
        let entries = fs.list(STATIC_POD_PATH).unwrap_or_default();
        for e in entries {
            if e.is_dir || e.name.starts_with('.') {
                continue;
            }
            let path = format!("{}/{}", STATIC_POD_PATH, e.name);
            let Ok(text) = fs.read(&path) else { continue };
            let hash = fnv1a(text.as_bytes());
            seen.insert(path.clone());
            if self.manifests.get(&path).is_some_and(|(h, _)| *h == hash) {
                continue;
            }
            // Changed or new: stop the old incarnation, start the new one.
            if let Some((_, old_uid)) = self.manifests.remove(&path) {
                self.stop_pod(api, &old_uid, now, Some(0));
            }
            // A manifest that does not parse is skipped (the kubelet logs why); its pod, if
            // it ran, is gone.
            let Ok(pod) = serde_yaml_ng::from_str::<Value>(&text) else {
                self.bad_manifests.insert(path.clone());
                continue;
            };
            if object::kind(&pod) != "Pod" || object::name(&pod).is_empty() {
                self.bad_manifests.insert(path.clone());
                continue;
            }
            self.bad_manifests.remove(&path);
            let uid = format!(
                "{:032x}",
                (hash as u128) << 64 | fnv1a(path.as_bytes()) as u128
            );
            self.manifests.insert(path.clone(), (hash, uid.clone()));
            self.start_static_pod(api, pod, &path, &uid, now);
        }
        self.bad_manifests.retain(|p| seen.contains(p));
        let gone: Vec<String> = self
            .manifests
            .keys()
            .filter(|p| !seen.contains(*p))
            .cloned()
            .collect();
        for path in gone {
            if let Some((_, uid)) = self.manifests.remove(&path) {
                self.stop_pod(api, &uid, now, Some(0));
            }
        }
    }

    fn start_static_pod(
        &mut self,
        api: &mut ApiServer,
        mut pod: Value,
        path: &str,
        uid: &str,
        now: TimeMs,
    ) {
        let ns = match object::namespace(&pod) {
            "" => "default".to_string(),
            n => n.to_string(),
        };
        let name = format!(
            "{}-{}",
            object::name(&pod),
            self.config.name.to_ascii_lowercase()
        );
        let hash = &uid[..32.min(uid.len())];
        {
            let meta = object::meta_mut(&mut pod);
            meta.insert("name".into(), json!(name));
            meta.insert("namespace".into(), json!(ns));
            let ann = meta.entry("annotations").or_insert_with(|| json!({}));
            if let Some(a) = ann.as_object_mut() {
                a.insert("kubernetes.io/config.hash".into(), json!(hash));
                a.insert("kubernetes.io/config.mirror".into(), json!(hash));
                a.insert(
                    "kubernetes.io/config.seen".into(),
                    json!(format!("{}.000000000Z", &rfc3339(now)[..19])),
                );
                a.insert("kubernetes.io/config.source".into(), json!("file"));
            }
        }
        pod["spec"]["nodeName"] = json!(self.config.name);
        // Static pods tolerate every NoExecute taint (kubelet `config/common.go`).
        let spec = object::map_mut(&mut pod, "spec");
        let tolerations = spec.entry("tolerations").or_insert_with(|| json!([]));
        if let Some(ts) = tolerations.as_array_mut() {
            ts.push(json!({"effect": "NoExecute", "operator": "Exists"}));
        }
        self.admit(&pod, uid, Some(path.to_string()), api, now);
        self.ensure_mirror_pod(api, uid, now);
    }

    /// Creates the mirror pod of a static pod in the API when it is missing.
    fn ensure_mirror_pod(&mut self, api: &mut ApiServer, uid: &str, now: TimeMs) {
        let Some(run) = self.pods.get(uid) else {
            return;
        };
        if run.stop_at.is_some() {
            return;
        }
        if api.get(rt("pods"), &run.namespace, &run.name).is_ok() {
            return;
        }
        let mut mirror = run.pod.clone();
        let node_uid = api
            .get(rt("nodes"), "", &self.config.name)
            .map(|n| object::uid(&n).to_string())
            .unwrap_or_default();
        object::meta_mut(&mut mirror).insert(
            "ownerReferences".into(),
            json!([{"apiVersion": "v1", "controller": true, "kind": "Node", "name": self.config.name, "uid": node_uid}]),
        );
        if let Some(m) = mirror.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("uid");
            m.remove("creationTimestamp");
        }
        mirror.as_object_mut().map(|m| m.remove("status"));
        if api
            .create(rt("pods"), &run.namespace.clone(), mirror)
            .is_ok()
        {
            let _ = now;
            self.write_status_of(api, uid, now);
        }
    }

    fn sync_api_pods(&mut self, api: &mut ApiServer, now: TimeMs) {
        let me = self.config.name.clone();
        let mut touched: BTreeSet<(String, String)> = BTreeSet::new();
        let mut mirror_deleted = vec![];
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    if e.key.resource != "pods" || str_at(&e.object, "/spec/nodeName") != me {
                        continue;
                    }
                    if e.event_type == super::store::EventType::Deleted
                        && object::annotation(&e.object, "kubernetes.io/config.mirror").is_some()
                    {
                        mirror_deleted.push(
                            object::annotation(&e.object, "kubernetes.io/config.mirror")
                                .unwrap_or("")
                                .to_string(),
                        );
                    }
                    touched.insert((e.key.namespace.clone(), e.key.name.clone()));
                }
            }
            Delta::Relist => {
                for p in api.for_each(rt("pods"), None) {
                    if str_at(p, "/spec/nodeName") == me {
                        touched.insert((
                            object::namespace(p).to_string(),
                            object::name(p).to_string(),
                        ));
                    }
                }
            }
        }
        for (ns, name) in touched {
            let pod = api.get(rt("pods"), &ns, &name).ok();
            match pod {
                // A mirror pod being deleted through the API: the static pod keeps running.
                Some(pod)
                    if object::annotation(&pod, "kubernetes.io/config.mirror").is_some()
                        && pod.at("/metadata/deletionTimestamp").is_some() =>
                {
                    api.remove_now(rt("pods"), &ns, &name);
                    let hash = object::annotation(&pod, "kubernetes.io/config.mirror")
                        .unwrap_or("")
                        .to_string();
                    mirror_deleted.push(hash);
                }
                Some(pod) if object::annotation(&pod, "kubernetes.io/config.mirror").is_some() => {}
                Some(pod) => {
                    let uid = object::uid(&pod).to_string();
                    if !self.pods.contains_key(&uid) {
                        if pod.at("/metadata/deletionTimestamp").is_none() {
                            self.admit(&pod, &uid, None, api, now);
                        } else {
                            api.remove_now(rt("pods"), &ns, &name);
                        }
                    } else if pod.at("/metadata/deletionTimestamp").is_some() {
                        let grace = object::i64_at(&pod, "/metadata/deletionGracePeriodSeconds");
                        self.stop_pod(api, &uid, now, grace);
                    } else if let Some(run) = self.pods.get_mut(&uid) {
                        // Image updates restart the container with the new image.
                        let spec_images: Vec<(String, String)> = pod
                            .at("/spec/containers")
                            .and_then(Value::as_array)
                            .map(|cs| {
                                cs.iter()
                                    .map(|c| {
                                        (
                                            str_at(c, "/name").to_string(),
                                            str_at(c, "/image").to_string(),
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        for c in run.containers.iter_mut().filter(|c| !c.init) {
                            if let Some((_, img)) = spec_images.iter().find(|(n, _)| *n == c.name) {
                                if *img != c.image {
                                    c.image = img.clone();
                                    c.process = None;
                                    c.exit = None;
                                    c.probes.clear();
                                    c.wake_at = Some(now);
                                    c.state = State::Waiting {
                                        reason: "ContainerCreating".into(),
                                        message: String::new(),
                                    };
                                    c.restart_count += 1;
                                }
                            }
                        }
                        // Ephemeral containers added through the API start now.
                        for e in pod
                            .at("/spec/ephemeralContainers")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                        {
                            let name = str_at(e, "/name");
                            if !run.containers.iter().any(|c| c.name == name) {
                                let mut c = ContainerRun::new(
                                    name,
                                    str_at(e, "/image"),
                                    false,
                                    "ContainerCreating",
                                );
                                c.ephemeral = true;
                                c.wake_at = Some(now);
                                run.containers.push(c);
                            }
                        }
                        run.pod = pod;
                        self.dirty.insert(uid.clone());
                    }
                }
                None => {}
            }
        }
        for hash in mirror_deleted {
            let uid = self
                .manifests
                .values()
                .find(|(_, u)| u.starts_with(&hash) || hash.starts_with(u.as_str()))
                .map(|(_, u)| u.clone());
            if let Some(uid) = uid {
                self.ensure_mirror_pod(api, &uid, now);
            }
        }
    }

    /// Takes a pod on: sandbox and IP now, containers start pulling.
    fn admit(
        &mut self,
        pod: &Value,
        uid: &str,
        manifest: Option<String>,
        api: &mut ApiServer,
        now: TimeMs,
    ) {
        let host_network = pod.at("/spec/hostNetwork") == Some(&json!(true));
        let ip = if host_network {
            self.config.ip.clone()
        } else {
            let ip = format!("{}.{}", self.config.pod_cidr_prefix, self.next_ip);
            self.next_ip = if self.next_ip >= 254 {
                2
            } else {
                self.next_ip + 1
            };
            ip
        };
        let mut containers = vec![];
        let has_init = pod
            .at("/spec/initContainers")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        for (list, init) in [("initContainers", true), ("containers", false)] {
            if let Some(cs) = pod.at(&format!("/spec/{list}")).and_then(Value::as_array) {
                for c in cs {
                    containers.push(ContainerRun::new(
                        str_at(c, "/name"),
                        str_at(c, "/image"),
                        init,
                        if init || !has_init {
                            "ContainerCreating"
                        } else {
                            "PodInitializing"
                        },
                    ));
                }
            }
        }
        let run = PodRun {
            namespace: object::namespace(pod).to_string(),
            name: object::name(pod).to_string(),
            uid: uid.to_string(),
            pod: pod.clone(),
            manifest,
            ip,
            start_ms: now,
            containers,
            stop_at: None,
            removed: false,
        };
        self.pods.insert(uid.to_string(), run);
        self.dirty.insert(uid.to_string());
        self.start_next_containers(api, uid, now);
    }

    /// Starts pulling the next init container, or all app containers once init is done.
    fn start_next_containers(&mut self, api: &mut ApiServer, uid: &str, now: TimeMs) {
        let Some(run) = self.pods.get_mut(uid) else {
            return;
        };
        let init_pending = run
            .containers
            .iter()
            .position(|c| c.init && !matches!(c.state, State::Terminated { exit_code: 0, .. }));
        let indices: Vec<usize> = match init_pending {
            Some(i) => vec![i],
            None => (0..run.containers.len())
                .filter(|i| !run.containers[*i].init)
                .collect(),
        };
        for i in indices {
            let c = &mut run.containers[i];
            if c.wake_at.is_none()
                && matches!(c.state, State::Waiting { .. })
                && c.restart_count == 0
                && c.failures == 0
            {
                c.state = State::Waiting {
                    reason: "ContainerCreating".into(),
                    message: String::new(),
                };
                c.wake_at = Some(now);
            }
        }
        let _ = api;
    }

    fn pod_ref(&self, api: &ApiServer, run: &PodRun) -> Value {
        api.get(rt("pods"), &run.namespace, &run.name)
            .unwrap_or_else(|_| run.pod.clone())
    }

    /// The reference the kubelet's events about one container carry (`GenerateContainerRef`):
    /// the pod's, with `fieldPath: spec.containers{name}`, which `get events -o wide` shows as
    /// SUBOBJECT.
    fn container_ref(pod_ref: &Value, name: &str, list: &str) -> Value {
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "name": object::name(pod_ref),
            "namespace": object::namespace(pod_ref),
            "uid": object::uid(pod_ref),
            "resourceVersion": str_at(pod_ref, "/metadata/resourceVersion"),
            "fieldPath": format!("spec.{list}{{{name}}}"),
        })
    }

    /// The container's spec in its pod.
    fn spec_of(run: &PodRun, c: &ContainerRun) -> Value {
        run.pod
            .at(&format!(
                "/spec/{}",
                if c.init {
                    "initContainers"
                } else if c.ephemeral {
                    "ephemeralContainers"
                } else {
                    "containers"
                }
            ))
            .and_then(Value::as_array)
            .and_then(|cs| cs.iter().find(|x| str_at(x, "/name") == c.name))
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// Moves every container whose time has come one step along its life cycle.
    fn advance_containers(&mut self, api: &mut ApiServer, registry: &Registry, now: TimeMs) {
        let uids: Vec<String> = self.pods.keys().cloned().collect();
        let rv = api.store.resource_version();
        for uid in uids {
            // Pods being stopped: remove them when the grace period or the containers end.
            if let Some(stop_at) = self.pods.get(&uid).and_then(|r| r.stop_at) {
                if stop_at <= now {
                    if let Some(run) = self.pods.remove(&uid) {
                        if run.manifest.is_none() || !run.removed {
                            if let Ok(p) = api.get(rt("pods"), &run.namespace, &run.name) {
                                if object::uid(&p) == run.uid || run.manifest.is_some() {
                                    api.remove_now(rt("pods"), &run.namespace, &run.name);
                                }
                            }
                        }
                    }
                }
                continue;
            }
            let Some(run) = self.pods.get(&uid) else {
                continue;
            };
            // Scripts that use the network may meet a different cluster now: look ahead again.
            let rethink: Vec<usize> = run
                .containers
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.net_dependent
                        && c.lookahead_rv != rv
                        && c.exit.is_none()
                        && matches!(c.state, State::Running { .. })
                        && c.wake_at.is_some_and(|t| t > now)
                })
                .map(|(i, _)| i)
                .collect();
            for i in rethink {
                self.schedule_exit(api, registry, &uid, i, now);
            }
            let Some(run) = self.pods.get(&uid) else {
                continue;
            };
            let due: Vec<usize> = run
                .containers
                .iter()
                .enumerate()
                .filter(|(_, c)| c.wake_at.is_some_and(|t| t <= now))
                .map(|(i, _)| i)
                .collect();
            if due.is_empty() {
                continue;
            }
            self.dirty.insert(uid.clone());
            let pod_ref = self.pod_ref(api, run);
            for i in due {
                self.step_container(api, registry, &uid, i, &pod_ref, now);
            }
        }
    }

    /// One step of a container: find the row of [`LIFECYCLE`] for its phase and what the
    /// kubelet finds, and apply it. Rows that go on at once (`Delay::Chain`) are followed in the
    /// same step.
    fn step_container(
        &mut self,
        api: &mut ApiServer,
        registry: &Registry,
        uid: &str,
        i: usize,
        pod_ref: &Value,
        now: TimeMs,
    ) {
        if let Some(c) = self.pods.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
            c.wake_at = None;
        }
        // Bounded: a chained row always leads to `Creating`, which never chains.
        for _ in 0..4 {
            let Some(run) = self.pods.get(uid) else {
                return;
            };
            let Some(c) = run.containers.get(i) else {
                return;
            };
            let phase = phase_of(&c.state);
            if phase == Phase::Running {
                self.catch_up(api, registry, uid, i, now);
            }
            let Some(run) = self.pods.get(uid) else {
                return;
            };
            let Some(c) = run.containers.get(i) else {
                return;
            };
            let spec_c = Self::spec_of(run, c);
            let Some(finding) = self.find(api, registry, run, c, &spec_c, phase, now) else {
                if phase == Phase::Running {
                    // A script that has not ended yet: look ahead again.
                    self.schedule_exit(api, registry, uid, i, now);
                }
                return;
            };
            let Some(row) = LIFECYCLE
                .iter()
                .find(|r| r.from == phase && r.when == finding)
            else {
                return;
            };
            if !self.apply(api, registry, uid, i, row, &spec_c, pod_ref, now) {
                return;
            }
        }
    }

    /// What the kubelet finds about a container in `phase`; None: nothing to do yet.
    #[allow(clippy::too_many_arguments)]
    fn find(
        &self,
        api: &ApiServer,
        registry: &Registry,
        run: &PodRun,
        c: &ContainerRun,
        spec_c: &Value,
        phase: Phase,
        now: TimeMs,
    ) -> Option<Finding> {
        Some(match phase {
            Phase::Creating => {
                let Some(r) = parse_ref(&c.image) else {
                    return Some(Finding::BadImageName);
                };
                let policy = str_at(spec_c, "/imagePullPolicy");
                let present = self.images_present.contains(&r.full());
                if present && policy != "Always" {
                    Finding::ImagePresent
                } else if policy == "Never" && !present {
                    Finding::NeverPullMissing
                } else {
                    Finding::MustPull
                }
            }
            Phase::Pulling => {
                let r = parse_ref(&c.image)?;
                let (creds, _) = pull_credentials(api, &run.pod);
                if registry.pull(&r, &creds).is_ok() {
                    Finding::PullOk
                } else {
                    Finding::PullFailed
                }
            }
            Phase::Running => {
                let (t, code) = c.exit?;
                if t > now {
                    return None;
                }
                let policy = str_at(&run.pod, "/spec/restartPolicy");
                let restart = if c.ephemeral {
                    false
                } else if c.killed {
                    policy != "Never"
                } else {
                    match policy {
                        "Never" => false,
                        "OnFailure" => code != 0,
                        _ => !c.init || code != 0,
                    }
                };
                if c.init && code == 0 || !restart {
                    Finding::ExitedDone
                } else if backoff_ms(c.failures + 1) > 0 {
                    Finding::ExitedBackOff
                } else {
                    Finding::ExitedRestart
                }
            }
            Phase::Stuck => return None,
            _ => Finding::Always,
        })
    }

    /// Applies a row: the next state, its events and the time of the next step. Returns true
    /// when the step goes on at once.
    #[allow(clippy::too_many_arguments)]
    fn apply(
        &mut self,
        api: &mut ApiServer,
        registry: &Registry,
        uid: &str,
        i: usize,
        row: &Row,
        spec_c: &Value,
        pod_ref: &Value,
        now: TimeMs,
    ) -> bool {
        let node = self.config.name.clone();
        let (creds, missing_secrets) = match self.pods.get(uid) {
            Some(run) => pull_credentials(api, &run.pod),
            None => return false,
        };
        let Some(run) = self.pods.get_mut(uid) else {
            return false;
        };
        let pod_label = format!("{}_{}({})", run.name, run.namespace, run.uid);
        let Some(c) = run.containers.get_mut(i) else {
            return false;
        };
        let image = c.image.clone();
        let cname = c.name.clone();
        let c_ref = Self::container_ref(pod_ref, &cname, c.list());
        let policy = str_at(spec_c, "/imagePullPolicy").to_string();
        let r = parse_ref(&image);
        let pulled = r.as_ref().map(|r| registry.pull(r, &creds));
        let invalid = format!("Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format");
        // 1. The next state.
        let mut new_reason = String::new();
        match row.to {
            Next::Waiting(reason) => {
                let message = match reason {
                    "InvalidImageName" => invalid.clone(),
                    "ErrImageNeverPull" => format!(
                        "Container image \"{image}\" is not present with pull policy of Never"
                    ),
                    "ErrImagePull" => {
                        c.failures += 1;
                        match &pulled {
                            Some(Err(e)) => e.clone(),
                            _ => String::new(),
                        }
                    }
                    "ImagePullBackOff" => format!("Back-off pulling image \"{image}\""),
                    _ => String::new(),
                };
                new_reason = reason.to_string();
                c.state = State::Waiting {
                    reason: reason.into(),
                    message,
                };
            }
            Next::Pulling => c.state = State::Pulling,
            Next::Start => {}
            Next::Terminate | Next::CrashLoop => {
                let (t, code) = c.exit.unwrap_or((now, 0));
                let started_ms = match c.state {
                    // A container that never started reports the zero time.
                    _ if !c.start_error.is_empty() => 0,
                    State::Running { started_ms } => started_ms,
                    _ => t,
                };
                let reason = if !c.start_error.is_empty() {
                    "StartError"
                } else if code == 0 {
                    "Completed"
                } else {
                    "Error"
                };
                c.state = State::Terminated {
                    exit_code: code,
                    reason: reason.into(),
                    started_ms,
                    finished_ms: t,
                };
                c.probes.iter_mut().for_each(|(_, s)| s.next_at = None);
            }
            Next::Retry => {
                c.state = State::Waiting {
                    reason: "ContainerCreating".into(),
                    message: String::new(),
                };
            }
            Next::Restart => {
                if let State::Terminated { .. } = c.state {
                    c.last = Some(c.state.clone());
                }
                c.restart_count += 1;
                c.state = State::Waiting {
                    reason: "ContainerCreating".into(),
                    message: String::new(),
                };
            }
        }
        // 2. The jitter after a failed pull is drawn before the events are recorded (the order
        //    of draws from the seeded RNG is part of the golden transcripts).
        if row.after == Delay::Jitter {
            c.wake_at = Some(now + api.rng.range(500, 1500));
        }
        // 3. Events.
        let already_shown = c.restart_count > 0 && policy != "IfNotPresent";
        let state_message = match &c.state {
            State::Waiting { message, .. } => message.clone(),
            _ => String::new(),
        };
        let mut events: Vec<(&str, &str, String)> = vec![];
        if row.to == Next::Pulling && !missing_secrets.is_empty() {
            events.push(("Warning", "FailedToRetrieveImagePullSecret", format!("Unable to retrieve some image pull secrets ({}); attempting to pull the image may not succeed.", missing_secrets.join(", "))));
        }
        for ev in row.events {
            let e = match ev {
                Ev::InspectFailed => ("Warning", "InspectFailed", invalid.clone()),
                Ev::FailedReason => ("Warning", "Failed", format!("Error: {new_reason}")),
                Ev::AlreadyPresent if already_shown => continue,
                Ev::AlreadyPresent => (
                    "Normal",
                    "Pulled",
                    format!("Container image \"{image}\" already present on machine"),
                ),
                Ev::NeverPull => ("Warning", "ErrImageNeverPull", state_message.clone()),
                Ev::Pulling => ("Normal", "Pulling", format!("Pulling image \"{image}\"")),
                Ev::Pulled => {
                    let d = go_duration(c.pull_ms);
                    let size = match &pulled {
                        Some(Ok(img)) => img.size_bytes,
                        _ => 0,
                    };
                    ("Normal", "Pulled", format!("Successfully pulled image \"{image}\" in {d} ({d} including waiting). Image size: {size} bytes."))
                }
                Ev::PullFailed => (
                    "Warning",
                    "Failed",
                    format!("Failed to pull image \"{image}\": {state_message}"),
                ),
                Ev::BackOffPulling => (
                    "Normal",
                    "BackOff",
                    format!("Back-off pulling image \"{image}\""),
                ),
                Ev::BackOffRestart => (
                    "Warning",
                    "BackOff",
                    format!("Back-off restarting failed container {cname} in pod {pod_label}"),
                ),
            };
            events.push(e);
        }
        // 4. The time of the next step.
        let mut chain = false;
        match row.after {
            Delay::Never => {}
            Delay::Now => c.wake_at = Some(now),
            Delay::Jitter => {}
            Delay::Chain => chain = true,
            Delay::PullBackOff => {
                let delay =
                    (BACKOFF_INITIAL_MS << c.failures.saturating_sub(1).min(5)).min(BACKOFF_MAX_MS);
                c.wake_at = Some(now + delay);
            }
            Delay::RestartBackOff => {
                c.failures += 1;
                let delay = backoff_ms(c.failures);
                c.wake_at = Some(now + delay.max(1000));
                if row.to == Next::CrashLoop {
                    c.last = Some(c.state.clone());
                    c.state = State::Waiting {
                        reason: "CrashLoopBackOff".into(),
                        message: format!(
                            "back-off {} restarting failed container={cname} pod={pod_label}",
                            go_duration(delay).replace(".000", "")
                        ),
                    };
                }
            }
            Delay::PullTime => {}
        }
        // Events are recorded after the state changed, before the pull time is drawn.
        for (ty, reason, msg) in &events {
            api.record_event(&c_ref, ty, reason, msg, "kubelet", &node);
        }
        if row.after == Delay::PullTime {
            let Some(run) = self.pods.get_mut(uid) else {
                return false;
            };
            let Some(c) = run.containers.get_mut(i) else {
                return false;
            };
            let present = r
                .as_ref()
                .is_some_and(|r| self.images_present.contains(&r.full()));
            let ms = match &pulled {
                Some(Ok(_)) if present => 300 + api.rng.range(0, 700),
                Some(Ok(img)) => {
                    (img.size_bytes / PULL_BYTES_PER_MS) as i64 + api.rng.range(300, 1500)
                }
                _ => api.rng.range(400, 1200),
            };
            c.wake_at = Some(now + ms);
            c.pull_ms = ms;
        }
        // 5. What follows the new state.
        if row.from == Phase::Pulling && row.when == Finding::PullOk {
            if let Some(r) = &r {
                if self.images_present.insert(r.full()) {
                    let images = self.node_images(registry);
                    let _ = api.modify(rt("nodes"), "", &self.config.name, |n| {
                        n["status"]["images"] = images;
                    });
                }
            }
        }
        if row.to == Next::Start {
            self.start(api, registry, uid, i, spec_c, pod_ref, now);
        }
        if row.to == Next::Terminate {
            let init_done = self
                .pods
                .get(uid)
                .and_then(|r| r.containers.get(i))
                .is_some_and(|c| {
                    c.init && matches!(c.state, State::Terminated { exit_code: 0, .. })
                });
            if init_done {
                // The next init container, or the app containers, go next.
                self.start_next_containers(api, uid, now);
            }
        }
        chain
    }

    /// The node's `status.images`: each pulled image by digest and tag, largest first.
    fn node_images(&self, registry: &Registry) -> Value {
        use crate::sorting::SharedSort as _;
        // Every node has the sandbox image.
        const PAUSE: &str = "registry.k8s.io/pause:3.10";
        let mut images: Vec<(u64, String, String)> = self
            .images_present
            .iter()
            .map(String::as_str)
            .chain([PAUSE])
            .filter_map(|full| {
                let r = parse_ref(full)?;
                let size = match registry.lookup(&r) {
                    Ok(i) => i.size_bytes,
                    Err(_) if full == PAUSE => 320_368,
                    Err(_) => 0,
                };
                let digest = super::node_tools::hex_id(&format!("digest/{full}"));
                Some((
                    size,
                    format!("{}@sha256:{digest}", r.repository),
                    full.to_string(),
                ))
            })
            .collect();
        images.sort_shared_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        images
            .into_iter()
            .take(50)
            .map(|(size, by_digest, by_tag)| {
                json!({"names": [by_digest, by_tag], "sizeBytes": size})
            })
            .collect()
    }

    /// Creates and starts a container: its files, environment and process; `Created` and
    /// `Started` (or `Failed` when the runtime cannot start it).
    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        api: &mut ApiServer,
        registry: &Registry,
        uid: &str,
        i: usize,
        spec_c: &Value,
        pod_ref: &Value,
        now: TimeMs,
    ) {
        let node = self.config.name.clone();
        let Some(run) = self.pods.get(uid) else {
            return;
        };
        let ns = run.namespace.clone();
        let mut pod = run.pod.clone();
        object::meta_mut(&mut pod).insert("uid".into(), json!(run.uid));
        pod["status"]["podIP"] = json!(run.ip);
        pod["status"]["hostIP"] = json!(self.config.ip);
        let ip = run.ip.clone();
        let admitted = run.start_ms;
        let c_ref = run
            .containers
            .get(i)
            .map(|c| Self::container_ref(pod_ref, &c.name, c.list()))
            .unwrap_or_else(|| pod_ref.clone());
        let config_error =
            missing_config(api, &ns, spec_c).or_else(|| non_root_violation(&pod, spec_c));
        if let Some(msg) = config_error {
            if let Some(c) = self.pods.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                c.state = State::Waiting {
                    reason: "CreateContainerConfigError".into(),
                    message: msg.clone(),
                };
                c.wake_at = Some(now + CONFIG_RETRY_MS);
            }
            api.record_event(
                &c_ref,
                "Warning",
                "Failed",
                &format!("Error: {msg}"),
                "kubelet",
                &node,
            );
            return;
        }
        let services: Vec<Value> = api.list(rt("services"), None);
        let image_name = str_at(spec_c, "/image").to_string();
        let r = parse_ref(&image_name);
        let image = r.as_ref().and_then(|r| registry.lookup(r).ok());
        let version = r
            .as_ref()
            .map(super::registry::version_of)
            .unwrap_or_default();
        let lookup = |kind: &str, ns: &str, key: &str| config_lookup(api, kind, ns, key);
        let env = container::environment(spec_c, &pod, image, &version, &services, &lookup);
        let mut ctx = container::context_for(&pod, spec_c, image, &node, &ip, env);
        ctx.pod_uid = uid.to_string();
        // Processes it sees of others: its debug target's, or the whole pod's when the pod
        // shares one process namespace.
        if let Some(run) = self.pods.get(uid) {
            let target = str_at(spec_c, "/targetContainerName");
            let shared = pod.at("/spec/shareProcessNamespace") == Some(&json!(true));
            let others = run.containers.iter().filter(|c| {
                c.name != str_at(spec_c, "/name") && matches!(c.state, State::Running { .. })
            });
            if !target.is_empty() {
                for c in others.filter(|c| c.name == target) {
                    ctx.shared_ps.extend(
                        container::processes(&c.ctx)
                            .into_iter()
                            .map(|(u, cmd)| (u.to_string(), cmd)),
                    );
                }
            } else if shared {
                ctx.shared_ps.push(("65535".into(), "/pause".into()));
                for c in others {
                    ctx.shared_ps.extend(
                        container::processes(&c.ctx)
                            .into_iter()
                            .map(|(u, cmd)| (u.to_string(), cmd)),
                    );
                }
            }
        }
        // `stdinOnce`: the first attach's end closed stdin for good; a restart reads EOF.
        let ran_before = self
            .pods
            .get(uid)
            .and_then(|r| r.containers.get(i))
            .is_some_and(|c| c.restart_count > 0 || c.last.is_some());
        if ran_before && spec_c.get("stdinOnce") == Some(&Value::Bool(true)) {
            ctx.stdin = false;
        }
        let mut fs = container::filesystem(&ctx, &pod, spec_c, now, &lookup);
        // hostPath volumes start with the node's files there (as they were when it started:
        // the playground copies them, so writes on either side are not seen by the other).
        if let Some(host) = &self.host_files {
            for (from, to) in container::host_path_mounts(&pod, spec_c) {
                if host.exists(&from) {
                    if let Some((dir, _)) = crate::vfs::split_parent(&to) {
                        let _ = fs.mkdir_p(&dir, now);
                    }
                    // The mount hides what the image had there.
                    let _ = fs.remove(&to, true);
                    let _ = fs.copy_from(host, &from, &to, now);
                }
            }
        }
        let program = match image {
            Some(img) => container::program_of(spec_c, img, &ctx),
            None => Program::Server,
        };
        let startup: Vec<String> = image
            .map(|img| {
                img.log_lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| container::startup_line(l, &ctx, now, i))
                    .collect()
            })
            .unwrap_or_default();
        let container_id = format!("containerd://{}", api.rng.hex(64));
        let Some(c) = self.pods.get_mut(uid).and_then(|r| r.containers.get_mut(i)) else {
            return;
        };
        c.container_id = container_id;
        c.image_id = match &r {
            Some(r) => format!(
                "{}@sha256:{:016x}{:016x}{:016x}{:016x}",
                r.repository,
                fnv1a(r.full().as_bytes()),
                fnv1a(r.repository.as_bytes()),
                fnv1a(r.tag.as_bytes()),
                fnv1a(c.image.as_bytes())
            ),
            None => String::new(),
        };
        if !c.log.lines.is_empty() {
            c.prev_log = std::mem::take(&mut c.log);
        }
        c.state = State::Running { started_ms: now };
        c.exit = None;
        c.killed = false;
        c.process = None;
        c.script = vec![];
        c.server = false;
        c.start_error = String::new();
        c.net_dependent = false;
        c.fs = fs;
        let mut failed = None;
        match program {
            Program::Server => {
                ctx.serving = true;
                c.server = true;
                for l in &startup {
                    c.log.push(now, l);
                }
            }
            Program::Exits { after_ms, code } => {
                for l in &startup {
                    c.log.push(now, l);
                }
                let t = now + after_ms.max(100);
                c.exit = Some((t, code));
                c.wake_at = Some(t);
            }
            Program::Script(argv) => {
                c.script = argv.clone();
                let (p, lines) = Process::new(&argv, &ctx, now, &c.fs);
                for l in lines {
                    c.log.push(l.ts, &l.text);
                }
                c.process = Some(p);
            }
            Program::Fails {
                after_ms,
                code,
                log,
            } => {
                // The last line is the one it exits on.
                let t = now + after_ms.max(100);
                for (i, l) in log.iter().enumerate() {
                    let at = if i + 1 == log.len() { t } else { now };
                    // `W{klog}`, `E{klog}`: a warning's or an error's klog header.
                    let mut line = container::startup_line(l, &ctx, at, i);
                    if line.starts_with("WI") || line.starts_with("EI") {
                        line.remove(1);
                    }
                    c.log.push(at, &line);
                }
                c.exit = Some((t, code));
                c.wake_at = Some(t);
            }
            Program::StartError(msg) => {
                c.start_error = msg.clone();
                c.exit = Some((now, 128));
                c.wake_at = Some(now);
                failed = Some(msg);
            }
        }
        c.ctx = ctx;
        // Probes tick from when the pod was admitted; the first one that counts comes after
        // the initial delay.
        c.probes = probe_specs(spec_c);
        for (spec, st) in c.probes.iter_mut() {
            let first = now + spec.initial_delay_ms;
            let ticks = (first - admitted + spec.period_ms - 1).max(0) / spec.period_ms;
            st.next_at = Some((admitted + ticks * spec.period_ms).max(now));
        }
        let cname = c.name.clone();
        api.record_event(
            &c_ref,
            "Normal",
            "Created",
            &format!("Created container {cname}"),
            "kubelet",
            &node,
        );
        match failed {
            Some(msg) => api.record_event(
                &c_ref,
                "Warning",
                "Failed",
                &format!("Error: {msg}"),
                "kubelet",
                &node,
            ),
            None => api.record_event(
                &c_ref,
                "Normal",
                "Started",
                &format!("Started container {cname}"),
                "kubelet",
                &node,
            ),
        }
        if self
            .pods
            .get(uid)
            .and_then(|r| r.containers.get(i))
            .is_some_and(|c| c.process.is_some())
        {
            self.catch_up(api, registry, uid, i, now);
            self.schedule_exit(api, registry, uid, i, now);
        }
    }

    /// Runs a container's script up to `now`, keeping what it writes; notes its exit.
    fn catch_up(&mut self, api: &ApiServer, registry: &Registry, uid: &str, i: usize, now: TimeMs) {
        let Some(c) = self.pods.get_mut(uid).and_then(|r| r.containers.get_mut(i)) else {
            return;
        };
        let State::Running { started_ms } = c.state else {
            return;
        };
        if c.process.is_none() && !c.script.is_empty() && c.exit.is_none() {
            // Restored from a saved session (processes are not saved): run the script again, on
            // a copy of its files and without the network, up to where it was; its log is kept.
            let (mut p, _) = Process::new(&c.script, &c.ctx, started_ms, &c.fs);
            let mut scratch = c.fs.clone();
            p.step(
                c.script_ran_to - 1,
                &mut scratch,
                &c.ctx,
                &mut container::Offline,
            );
            c.process = Some(p);
        }
        let Some(mut p) = c.process.take() else {
            return;
        };
        if p.state == RunState::Running {
            let mut outside = ApiOutside { api, registry };
            for l in p.step(now, &mut c.fs, &c.ctx, &mut outside) {
                c.log.push(l.ts, &l.text);
            }
            c.script_ran_to = p.clock;
        }
        if p.started_server {
            c.ctx.serving = true;
            c.server = true;
        }
        if let RunState::Exited(code) = p.state {
            if c.exit.is_none() {
                c.exit = Some((p.clock.max(started_ms + 100), code));
            }
        }
        c.process = Some(p);
    }

    /// When a running script will next need the kubelet: its exit, found by running a copy
    /// ahead (with a copy of its files), or the end of the look-ahead.
    fn schedule_exit(
        &mut self,
        api: &ApiServer,
        registry: &Registry,
        uid: &str,
        i: usize,
        now: TimeMs,
    ) {
        let Some(c) = self.pods.get_mut(uid).and_then(|r| r.containers.get_mut(i)) else {
            return;
        };
        let State::Running { started_ms } = c.state else {
            return;
        };
        if let Some((t, _)) = c.exit {
            c.wake_at = Some(t);
            return;
        }
        let Some(p) = &c.process else {
            c.wake_at = None;
            return;
        };
        if p.state != RunState::Running {
            c.wake_at = None;
            return;
        }
        struct Counting<'a> {
            inner: ApiOutside<'a>,
            calls: usize,
            /// When the copy first used the network: what it meets can change by then.
            first: Option<TimeMs>,
        }
        impl container::Outside for Counting<'_> {
            fn net_tool(
                &mut self,
                ctx: &Context,
                fs: &mut Fs,
                argv: &[String],
                io: &mut crate::shell::Io,
                now: TimeMs,
            ) -> Option<(i32, i64)> {
                let r = self.inner.net_tool(ctx, fs, argv, io, now);
                if r.is_some() {
                    self.calls += 1;
                    self.first.get_or_insert(now);
                }
                r
            }
        }
        let mut copy = p.clone();
        let mut fs = c.fs.clone();
        let mut outside = Counting {
            inner: ApiOutside { api, registry },
            calls: 0,
            first: None,
        };
        copy.step(now + NET_LOOKAHEAD_MS, &mut fs, &c.ctx, &mut outside);
        let net = outside.calls > 0;
        if !net && copy.state == RunState::Running {
            copy.step(now + LOOKAHEAD_MS, &mut fs, &c.ctx, &mut outside);
        }
        let net = net || outside.calls > 0;
        c.net_dependent = net;
        c.lookahead_rv = api.store.resource_version();
        let wake = match copy.state {
            RunState::Exited(_) => Some(copy.clock.max(started_ms + 100)),
            RunState::Blocked => None,
            RunState::Running => Some(if net {
                now + NET_LOOKAHEAD_MS
            } else {
                now + LOOKAHEAD_MS
            }),
        };
        // A script that asks the network (an init container waiting for a Service) is looked
        // at again when it does: the cluster may have changed by then.
        c.wake_at = match (wake, outside.first.filter(|t| *t > now)) {
            (Some(w), Some(f)) => Some(w.min(f)),
            (None, Some(f)) => Some(f),
            (w, None) => w,
        };
    }

    /// Runs the probes that are due.
    fn run_probes(&mut self, api: &mut ApiServer, registry: &Registry, now: TimeMs) {
        let uids: Vec<String> = self.pods.keys().cloned().collect();
        for uid in uids {
            let Some(run) = self.pods.get(&uid) else {
                continue;
            };
            if run.stop_at.is_some() {
                continue;
            }
            let due: Vec<(usize, Vec<usize>)> = run
                .containers
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.state, State::Running { .. }) && !c.killed)
                .map(|(i, c)| {
                    (
                        i,
                        c.probes
                            .iter()
                            .enumerate()
                            .filter(|(_, (_, s))| s.next_at.is_some_and(|t| t <= now))
                            .map(|(k, _)| k)
                            .collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, ks)| !ks.is_empty())
                .collect();
            if due.is_empty() {
                continue;
            }
            let pod_ref = self.pod_ref(api, run);
            for (i, ks) in due {
                self.catch_up(api, registry, &uid, i, now);
                for k in ks {
                    self.probe_once(api, registry, &uid, i, k, &pod_ref, now);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn probe_once(
        &mut self,
        api: &mut ApiServer,
        registry: &Registry,
        uid: &str,
        i: usize,
        k: usize,
        pod_ref: &Value,
        now: TimeMs,
    ) {
        let node = self.config.name.clone();
        let grace = self
            .pods
            .get(uid)
            .and_then(|r| object::i64_at(&r.pod, "/spec/terminationGracePeriodSeconds"))
            .unwrap_or(30)
            .clamp(0, 3600);
        let Some(run) = self.pods.get_mut(uid) else {
            return;
        };
        let spec_c = Self::spec_of(run, &run.containers[i]);
        let Some(c) = run.containers.get_mut(i) else {
            return;
        };
        if c.killed {
            return;
        }
        let Some((spec, _)) = c.probes.get(k).cloned() else {
            return;
        };
        let startup_pending = c
            .probes
            .iter()
            .any(|(s, st)| s.kind == ProbeKind::Startup && !st.ok);
        if let Some((_, st)) = c.probes.get_mut(k) {
            st.next_at = Some(now + spec.period_ms);
        }
        if spec.kind != ProbeKind::Startup && startup_pending {
            // Liveness and readiness wait for the startup probe.
            return;
        }
        if spec.kind == ProbeKind::Startup && c.probes.get(k).is_some_and(|(_, st)| st.ok) {
            // A startup probe stops once it has passed.
            if let Some((_, st)) = c.probes.get_mut(k) {
                st.next_at = None;
            }
            return;
        }
        let result = probe_result(c, &spec, &spec_c, api, registry, now);
        let script = c
            .process
            .as_ref()
            .is_some_and(|p| p.state == RunState::Running);
        let Some((_, st)) = c.probes.get_mut(k) else {
            return;
        };
        let was_ok = st.ok;
        let mut kill = false;
        let mut event = None;
        match result {
            Ok(()) => {
                st.successes += 1;
                st.failures = 0;
                if st.successes >= spec.success_threshold {
                    st.ok = true;
                }
                if spec.kind == ProbeKind::Startup && st.ok {
                    st.next_at = None;
                }
                // Passing against a container whose files do not change by themselves: the
                // kubelet need not wake up for it (it still runs when the kubelet syncs).
                st.dormant = st.ok && !script;
            }
            Err(msg) => {
                st.failures += 1;
                st.successes = 0;
                st.dormant = false;
                event = Some(format!("{} probe failed: {msg}", spec.kind.title()));
                if st.failures >= spec.failure_threshold {
                    match spec.kind {
                        ProbeKind::Readiness => st.ok = false,
                        _ => kill = true,
                    }
                }
            }
        }
        let changed = st.ok != was_ok || kill;
        let c_ref = Self::container_ref(pod_ref, &c.name, c.list());
        if let Some(msg) = event {
            api.record_event(&c_ref, "Warning", "Unhealthy", &msg, "kubelet", &node);
        }
        if kill {
            let what = if spec.kind == ProbeKind::Startup {
                "startup"
            } else {
                "liveness"
            };
            api.record_event(
                &c_ref,
                "Normal",
                "Killing",
                &format!(
                    "Container {} failed {what} probe, will be restarted",
                    c.name
                ),
                "kubelet",
                &node,
            );
            // A server stops on SIGTERM; a shell waiting in `sleep` is killed after the grace
            // period.
            let (delay, code) = if c.server {
                (600, 0)
            } else {
                (grace * 1000, 137)
            };
            c.killed = true;
            c.exit = Some((now + delay, code));
            c.wake_at = Some(now + delay);
            c.probes.iter_mut().for_each(|(_, s)| s.next_at = None);
        }
        if changed {
            self.dirty.insert(uid.to_string());
        }
    }

    /// Stops a pod: `Killing` events, then gone after the grace period (or at once for 0).
    fn stop_pod(&mut self, api: &mut ApiServer, uid: &str, now: TimeMs, grace_s: Option<i64>) {
        let node = self.config.name.clone();
        let Some(run) = self.pods.get_mut(uid) else {
            return;
        };
        if run.stop_at.is_some() {
            return;
        }
        self.dirty.insert(uid.to_string());
        let grace = grace_s.unwrap_or_else(|| {
            object::i64_at(&run.pod, "/spec/terminationGracePeriodSeconds").unwrap_or(30)
        });
        let pod_ref = api
            .get(rt("pods"), &run.namespace, &run.name)
            .unwrap_or_else(|_| run.pod.clone());
        // Servers stop on SIGTERM within a second; a shell running `sleep` ignores it and is
        // killed when the grace period ends.
        let mut longest = 0;
        for c in run.containers.iter_mut() {
            if let State::Running { .. } = c.state {
                api.record_event(
                    &Self::container_ref(&pod_ref, &c.name, c.list()),
                    "Normal",
                    "Killing",
                    &format!("Stopping container {}", c.name),
                    "kubelet",
                    &node,
                );
                let t = if c.server { 600 } else { grace * 1000 };
                longest = longest.max(t);
                c.stopping = true;
            }
            c.wake_at = None;
            c.probes.iter_mut().for_each(|(_, s)| s.next_at = None);
        }
        run.stop_at = Some(now + longest.min(grace * 1000));
        run.removed = run.manifest.is_some();
        if run.manifest.is_some() {
            // Static pod gone from disk: its mirror pod goes with it.
            let (ns, name) = (run.namespace.clone(), run.name.clone());
            api.remove_now(rt("pods"), &ns, &name);
        }
    }

    fn write_statuses(&mut self, api: &mut ApiServer, now: TimeMs) {
        // Only pods whose runtime changed: status is written on change, as the kubelet's
        // status manager does.
        let uids: Vec<String> = std::mem::take(&mut self.dirty).into_iter().collect();
        for uid in uids {
            self.write_status_of(api, &uid, now);
        }
    }

    /// A container's status as `convertToAPIContainerStatuses` writes it. `spec` is the
    /// container in the pod spec: since v1.31 (RecursiveReadOnlyMounts, beta) its volume mounts
    /// are copied into the status, read-only ones with `recursiveReadOnly: Disabled`.
    fn container_status(c: &ContainerRun, spec: Option<&Value>) -> Value {
        let state_json = |s: &State| match s {
            State::Pulling => json!({"waiting": {"reason": "ContainerCreating"}}),
            State::Waiting { reason, message } if message.is_empty() => {
                json!({"waiting": {"reason": reason}})
            }
            State::Waiting { reason, message } => {
                json!({"waiting": {"message": message, "reason": reason}})
            }
            State::Running { started_ms } => {
                json!({"running": {"startedAt": rfc3339(*started_ms)}})
            }
            State::Terminated {
                exit_code,
                reason,
                started_ms,
                finished_ms,
            } => {
                let mut t = json!({
                    "containerID": c.container_id, "exitCode": exit_code, "finishedAt": rfc3339(*finished_ms), "reason": reason, "startedAt": rfc3339(*started_ms)
                });
                if reason == "StartError" && !c.start_error.is_empty() {
                    t["message"] = json!(c.start_error);
                }
                json!({ "terminated": t })
            }
        };
        let running = matches!(c.state, State::Running { .. });
        let started = running && Self::started(c);
        let ready = started && !c.init && !c.ephemeral && Self::readiness_ok(c);
        // While a restarted container is being created, the kubelet still reports the exit.
        let shown = match (&c.state, &c.last) {
            (State::Pulling, Some(last @ State::Terminated { .. })) => last,
            (State::Waiting { reason, .. }, Some(last @ State::Terminated { .. }))
                if reason == "ContainerCreating" =>
            {
                last
            }
            (state, _) => state,
        };
        // Once a container exists, the image is what containerd reports: the first repo tag
        // of the pulled image (`docker.io/library/nginx:latest` for `nginx`); before that, the
        // spec's reference.
        let image = match parse_ref(&c.image) {
            Some(r) if !c.container_id.is_empty() && r.digest.is_none() => r.full(),
            _ => c.image.clone(),
        };
        let mut s = json!({
            "image": image,
            "imageID": if c.container_id.is_empty() { String::new() } else { c.image_id.clone() },
            "lastState": c.last.as_ref().map(state_json).unwrap_or(json!({})),
            "name": c.name,
            "ready": ready,
            "restartCount": c.restart_count,
            "started": started,
            "state": state_json(shown),
        });
        if !c.container_id.is_empty() {
            s["containerID"] = json!(c.container_id);
        }
        let mounts: Vec<Value> = spec
            .and_then(|c| c.at("/volumeMounts"))
            .and_then(Value::as_array)
            .map(|mounts| {
                mounts
                    .iter()
                    .map(|m| {
                        let read_only = m.get("readOnly").and_then(Value::as_bool) == Some(true);
                        let mut v = json!({
                            "mountPath": str_at(m, "/mountPath"),
                            "name": str_at(m, "/name"),
                        });
                        if read_only {
                            v["readOnly"] = json!(true);
                            v["recursiveReadOnly"] = json!("Disabled");
                        }
                        v
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !mounts.is_empty() {
            s["volumeMounts"] = json!(mounts);
        }
        s
    }

    fn write_status_of(&mut self, api: &mut ApiServer, uid: &str, _now: TimeMs) {
        let Some(run) = self.pods.get(uid) else {
            return;
        };
        if run.stop_at.is_some() && run.manifest.is_some() {
            return;
        }
        let Some(pod) = api.peek(rt("pods"), &run.namespace, &run.name) else {
            return;
        };
        if run.manifest.is_none() && object::uid(pod) != run.uid {
            return;
        }
        let no_status = json!({});
        let old_status = pod.get("status").unwrap_or(&no_status);
        let apps: Vec<&ContainerRun> = run
            .containers
            .iter()
            .filter(|c| !c.init && !c.ephemeral)
            .collect();
        let inits: Vec<&ContainerRun> = run.containers.iter().filter(|c| c.init).collect();
        let ephemerals: Vec<&ContainerRun> =
            run.containers.iter().filter(|c| c.ephemeral).collect();
        let init_done = inits
            .iter()
            .all(|c| matches!(c.state, State::Terminated { exit_code: 0, .. }));
        let is_ready = |c: &ContainerRun| {
            matches!(c.state, State::Running { .. }) && Self::started(c) && Self::readiness_ok(c)
        };
        let all_ready = apps.iter().all(|c| is_ready(c)) && !apps.is_empty();
        let restart_policy = str_at(&run.pod, "/spec/restartPolicy");
        let all_terminated = apps
            .iter()
            .all(|c| matches!(c.state, State::Terminated { .. }));
        let phase = if all_terminated
            && (restart_policy == "Never"
                || restart_policy == "OnFailure"
                    && apps
                        .iter()
                        .all(|c| matches!(c.state, State::Terminated { exit_code: 0, .. })))
        {
            if apps
                .iter()
                .all(|c| matches!(c.state, State::Terminated { exit_code: 0, .. }))
            {
                "Succeeded"
            } else {
                "Failed"
            }
        } else if apps.iter().any(|c| {
            !matches!(c.state, State::Pulling | State::Waiting { .. }) || c.restart_count > 0
        }) && init_done
        {
            "Running"
        } else {
            "Pending"
        };
        let old_conditions = old_status
            .get("conditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let now_s = rfc3339(api.now());
        let cond = |ty: &str, ok: bool, reason: Option<&str>| {
            let status = if ok { "True" } else { "False" };
            let prev = old_conditions.iter().find(|c| str_at(c, "/type") == ty);
            let t = match prev {
                Some(p) if str_at(p, "/status") == status => {
                    str_at(p, "/lastTransitionTime").to_string()
                }
                _ => now_s.clone(),
            };
            let mut c = json!({"lastProbeTime": null, "lastTransitionTime": t, "status": status, "type": ty});
            if let Some(r) = reason {
                c["reason"] = json!(r);
                if r == "ContainersNotReady" || r == "ContainersNotInitialized" {
                    let names: Vec<&str> = if r == "ContainersNotReady" {
                        apps.iter()
                            .filter(|c| !is_ready(c))
                            .map(|c| c.name.as_str())
                            .collect()
                    } else {
                        inits
                            .iter()
                            .filter(|c| !matches!(c.state, State::Terminated { exit_code: 0, .. }))
                            .map(|c| c.name.as_str())
                            .collect()
                    };
                    let what = if r == "ContainersNotReady" {
                        "containers with unready status"
                    } else {
                        "containers with incomplete status"
                    };
                    c["message"] = json!(format!("{what}: [{}]", names.join(" ")));
                }
            }
            c
        };
        let finished = phase == "Succeeded" || phase == "Failed";
        let ready_reason = if finished {
            Some("PodCompleted")
        } else if all_ready {
            None
        } else {
            Some("ContainersNotReady")
        };
        let conditions = json!([
            cond("PodReadyToStartContainers", !finished, None),
            cond(
                "Initialized",
                init_done,
                if init_done {
                    if finished && inits.is_empty() {
                        Some("PodCompleted")
                    } else {
                        None
                    }
                } else {
                    Some("ContainersNotInitialized")
                }
            ),
            cond("Ready", all_ready && !finished, ready_reason),
            cond("ContainersReady", all_ready && !finished, ready_reason),
            cond("PodScheduled", true, None),
        ]);
        let spec_of = |c: &ContainerRun| {
            let list = if c.init {
                "/spec/initContainers"
            } else if c.ephemeral {
                "/spec/ephemeralContainers"
            } else {
                "/spec/containers"
            };
            run.pod
                .at(list)
                .and_then(Value::as_array)
                .and_then(|cs| cs.iter().find(|s| str_at(s, "/name") == c.name))
        };
        let mut status = json!({
            "conditions": conditions,
            "containerStatuses": apps.iter().map(|c| Self::container_status(c, spec_of(c))).collect::<Vec<_>>(),
            "hostIP": self.config.ip,
            "hostIPs": [{"ip": self.config.ip}],
            "phase": phase,
            "podIP": run.ip,
            "podIPs": [{"ip": run.ip}],
            "qosClass": if str_at(old_status, "/qosClass").is_empty() { "BestEffort" } else { str_at(old_status, "/qosClass") },
            "startTime": rfc3339(run.start_ms),
        });
        if !inits.is_empty() {
            status["initContainerStatuses"] = json!(inits
                .iter()
                .map(|c| Self::container_status(c, spec_of(c)))
                .collect::<Vec<_>>());
        }
        if !ephemerals.is_empty() {
            status["ephemeralContainerStatuses"] = json!(ephemerals
                .iter()
                .map(|c| Self::container_status(c, spec_of(c)))
                .collect::<Vec<_>>());
        }
        let _ = api.write_status(rt("pods"), &run.namespace, &run.name, status);
    }

    /// Has the startup probe (if any) passed?
    fn started(c: &ContainerRun) -> bool {
        c.probes
            .iter()
            .filter(|(s, _)| s.kind == ProbeKind::Startup)
            .all(|(_, st)| st.ok)
    }

    /// Does the readiness probe (if any) pass?
    fn readiness_ok(c: &ContainerRun) -> bool {
        c.probes
            .iter()
            .filter(|(s, _)| s.kind == ProbeKind::Readiness)
            .all(|(_, st)| st.ok)
    }

    /// The pod this kubelet runs under that API uid (a static pod also by name: its mirror pod
    /// has a uid of its own).
    fn run_key(&self, ns: &str, name: &str, uid: &str) -> Option<String> {
        if self.pods.contains_key(uid) {
            return Some(uid.to_string());
        }
        self.pods
            .iter()
            .find(|(_, r)| {
                r.manifest.is_some() && r.namespace == ns && r.name == name && r.stop_at.is_none()
            })
            .map(|(k, _)| k.clone())
    }

    /// Has this kubelet skipped the static pod manifest with this file name because it does
    /// not parse as a Pod?
    pub fn rejects_manifest(&self, file: &str) -> bool {
        self.bad_manifests
            .contains(&format!("{STATIC_POD_PATH}/{file}"))
    }

    /// Since when the static pod's container running `component` (its image's name:
    /// `kube-apiserver`, `etcd`) has been running on this node as that component's server,
    /// if it is (not when its command line failed or runs something else).
    // Not inlined: called from several places, one copy keeps the download smaller.
    #[inline(never)]
    pub fn static_component_running_since(&self, component: &str) -> Option<TimeMs> {
        self.pods
            .values()
            .filter(|p| p.manifest.is_some() && p.stop_at.is_none())
            .flat_map(|p| p.containers.iter())
            .filter(|c| !c.init && c.server && image_component(&c.image) == component)
            .find_map(|c| match c.state {
                State::Running { started_ms } => Some(started_ms),
                _ => None,
            })
    }

    /// The pod of the static pod whose container runs `component` (`etcd`), as its manifest
    /// says.
    pub fn static_pod_spec(&self, component: &str) -> Option<&Value> {
        self.pods
            .values()
            .filter(|p| p.manifest.is_some() && p.stop_at.is_none())
            .find(|p| {
                p.containers
                    .iter()
                    .any(|c| !c.init && image_component(&c.image) == component)
            })
            .map(|p| &p.pod)
    }

    /// Does this kubelet run the pod?
    pub fn runs(&self, ns: &str, name: &str, uid: &str) -> bool {
        self.run_key(ns, name, uid).is_some()
    }

    /// The running containers of a pod: what each is and its files (for serving requests).
    pub fn container_view(&self, ns: &str, name: &str, uid: &str) -> Vec<(&Context, &Fs)> {
        let Some(run) = self.run_key(ns, name, uid).and_then(|k| self.pods.get(&k)) else {
            return vec![];
        };
        run.containers
            .iter()
            .filter(|c| matches!(c.state, State::Running { .. }) && !c.init)
            .map(|c| (&c.ctx, &c.fs))
            .collect()
    }

    /// The contexts of a pod's running containers (init containers too).
    fn container_view_all(&self, ns: &str, name: &str, uid: &str) -> Vec<Context> {
        let Some(run) = self.run_key(ns, name, uid).and_then(|k| self.pods.get(&k)) else {
            return vec![];
        };
        run.containers
            .iter()
            .filter(|c| matches!(c.state, State::Running { .. }))
            .map(|c| c.ctx.clone())
            .collect()
    }

    /// Brings the scripts of a pod's containers up to `now` (before reading logs or exec).
    pub fn catch_up_pod(
        &mut self,
        api: &ApiServer,
        registry: &Registry,
        ns: &str,
        name: &str,
        uid: &str,
    ) {
        let now = api.now();
        let Some(key) = self.run_key(ns, name, uid) else {
            return;
        };
        let n = self.pods.get(&key).map(|r| r.containers.len()).unwrap_or(0);
        for i in 0..n {
            self.catch_up(api, registry, &key, i, now);
        }
    }

    fn container_mut(
        &mut self,
        ns: &str,
        name: &str,
        uid: &str,
        container: &str,
    ) -> Option<&mut ContainerRun> {
        let key = self.run_key(ns, name, uid)?;
        self.pods
            .get_mut(&key)?
            .containers
            .iter_mut()
            .find(|c| c.name == container)
    }

    /// The log of a container: the current instance's, or with `previous` the last terminated
    /// one's. Lines up to `now`.
    pub fn container_log(
        &self,
        ns: &str,
        name: &str,
        uid: &str,
        container: &str,
        previous: bool,
        now: TimeMs,
    ) -> Vec<LogLine> {
        let Some(run) = self.run_key(ns, name, uid).and_then(|k| self.pods.get(&k)) else {
            return vec![];
        };
        let Some(c) = run.containers.iter().find(|c| c.name == container) else {
            return vec![];
        };
        let log = match (&c.state, previous) {
            (State::Running { .. }, true) => &c.prev_log,
            (_, true) if c.log.lines.is_empty() => &c.prev_log,
            _ => &c.log,
        };
        log.until(now).cloned().collect()
    }

    /// Appends a line to a container's log (nginx's access log).
    pub fn append_log(&mut self, uid: &str, container: &str, ts: TimeMs, line: &str) {
        if let Some(c) = self
            .pods
            .get_mut(uid)
            .and_then(|r| r.containers.iter_mut().find(|c| c.name == container))
        {
            c.log.push(ts, line);
        }
    }

    /// The container's main process exited with `code` (the shell `kubectl run -it` attached
    /// to); the next sync handles the exit as the restart policy says.
    pub fn end_main_process(
        &mut self,
        ns: &str,
        name: &str,
        uid: &str,
        container: &str,
        code: i32,
        now: TimeMs,
    ) {
        let Some(c) = self.container_mut(ns, name, uid, container) else {
            return;
        };
        if matches!(c.state, State::Running { .. }) && c.exit.is_none() {
            c.exit = Some((now, code));
            c.wake_at = Some(now);
        }
    }

    /// Takes a running container's files out to run a command in it; `put_back` returns them.
    pub fn take_container(
        &mut self,
        ns: &str,
        name: &str,
        uid: &str,
        container: &str,
    ) -> Option<(Context, Fs)> {
        let c = self.container_mut(ns, name, uid, container)?;
        if !matches!(c.state, State::Running { .. }) {
            return None;
        }
        Some((c.ctx.clone(), std::mem::take(&mut c.fs)))
    }

    /// Puts a container's files back after a command ran in it. Its probes and the look-ahead
    /// of its script start over from what changed.
    pub fn put_back(
        &mut self,
        ns: &str,
        name: &str,
        uid: &str,
        container: &str,
        fs: Fs,
        now: TimeMs,
    ) {
        let Some(c) = self.container_mut(ns, name, uid, container) else {
            return;
        };
        c.fs = fs;
        for (spec, st) in c.probes.iter_mut() {
            if st.dormant {
                st.dormant = false;
                if let Some(t) = st.next_at {
                    // The next tick of the probe's period.
                    let behind = (now - t).max(0);
                    let ticks = (behind + spec.period_ms - 1) / spec.period_ms;
                    st.next_at = Some(t + ticks * spec.period_ms);
                }
            }
        }
        if c.process
            .as_ref()
            .is_some_and(|p| p.state == RunState::Running)
            && c.exit.is_none()
        {
            c.wake_at = Some(now);
        }
    }

    /// CPU (millicores) and memory (bytes) each running container of a pod uses, and since when
    /// the pod has had running containers.
    pub fn pod_usage(&self, ns: &str, name: &str, uid: &str, now: TimeMs) -> Option<PodUsage> {
        let run = self
            .run_key(ns, name, uid)
            .and_then(|k| self.pods.get(&k))?;
        let mut since = None;
        let mut out = vec![];
        for c in run.containers.iter().filter(|c| !c.init) {
            let State::Running { started_ms } = c.state else {
                continue;
            };
            since = Some(since.map_or(started_ms, |s: TimeMs| s.min(started_ms)));
            let spec_c = Self::spec_of(run, c);
            let (cpu, mem) = usage_of(c, &spec_c, now);
            out.push((c.name.clone(), cpu, mem));
        }
        Some((since?, out))
    }

    /// The pod sandboxes and containers containerd holds for this kubelet's pods, and the
    /// images it has pulled (what `crictl` lists on the node).
    pub fn runtime_view(&self) -> super::node_tools::RuntimeView {
        use super::node_tools::{RuntimeContainer, RuntimeView, Sandbox};
        let mut view = RuntimeView {
            images: self.images_present.iter().cloned().collect(),
            ..Default::default()
        };
        for run in self.pods.values().filter(|r| !r.removed) {
            let pod_id = super::node_tools::hex_id(&format!("sandbox/{}", run.uid));
            view.sandboxes.push(Sandbox {
                id: pod_id.clone(),
                created_ms: run.start_ms,
                ready: run.stop_at.is_none(),
                name: run.name.clone(),
                namespace: run.namespace.clone(),
            });
            for c in &run.containers {
                let image = parse_ref(&c.image).map_or_else(|| c.image.clone(), |r| r.full());
                let mut push = |state: &State, attempt: i64, id: String, current: bool| {
                    let (state, created_ms) = match state {
                        State::Running { started_ms } => ("Running", *started_ms),
                        State::Terminated { started_ms, .. } => ("Exited", *started_ms),
                        _ => return,
                    };
                    view.containers.push(RuntimeContainer {
                        id,
                        image: image.clone(),
                        created_ms,
                        state,
                        name: c.name.clone(),
                        attempt,
                        pod_id: pod_id.clone(),
                        pod_name: run.name.clone(),
                        namespace: run.namespace.clone(),
                        pod_uid: run.uid.clone(),
                        current,
                    });
                };
                if let Some(last) = &c.last {
                    let id = super::node_tools::hex_id(&format!(
                        "container/{}/{}/{}",
                        run.uid,
                        c.name,
                        c.restart_count - 1
                    ));
                    push(last, (c.restart_count - 1).max(0), id, false);
                }
                let id = c
                    .container_id
                    .trim_start_matches("containerd://")
                    .to_string();
                if !id.is_empty() {
                    push(&c.state, c.restart_count, id, true);
                }
            }
        }
        view
    }

    /// What the node itself (kubelet, containerd, the OS) uses besides its pods.
    pub fn system_usage(&self, now: TimeMs) -> (i64, i64) {
        let j = (fnv1a(format!("{}{}", self.config.name, now / 15_000).as_bytes()) % 20) as i64;
        if self.config.control_plane {
            (58 + j, (880 + j) * 1024 * 1024)
        } else {
            (18 + j / 2, (410 + j) * 1024 * 1024)
        }
    }
}

/// The resource model behind `kubectl top`: what a container of each kind uses, with a little
/// deterministic wobble every 15 s (metrics-server's resolution), capped by its CPU limit.
fn usage_of(c: &ContainerRun, spec_c: &Value, now: TimeMs) -> (i64, i64) {
    let key = fnv1a(format!("{}/{}/{}", c.ctx.pod_uid, c.name, now / 15_000).as_bytes());
    let pick = |lo: i64, hi: i64| lo + (key % ((hi - lo + 1).max(1) as u64)) as i64;
    let image = c.image.as_str();
    let mi = 1024 * 1024;
    let (cpu, mem) = if image.contains("kube-apiserver") {
        (pick(28, 45), pick(220, 260) * mi)
    } else if image.contains("etcd") {
        (pick(14, 24), pick(38, 48) * mi)
    } else if image.contains("kube-controller-manager") {
        (pick(9, 16), pick(42, 50) * mi)
    } else if image.contains("kube-scheduler") {
        (pick(2, 5), pick(18, 24) * mi)
    } else if image.contains("coredns") {
        (pick(1, 3), pick(11, 14) * mi)
    } else if image.contains("kube-proxy") || image.contains("flannel") {
        (pick(1, 2), pick(12, 17) * mi)
    } else if image.contains("metrics-server") {
        (pick(3, 6), pick(16, 20) * mi)
    } else if let Some(p) = &c.process {
        match p.state {
            RunState::Blocked if p.busy() => (1000, pick(1, 2) * mi),
            RunState::Running => (pick(0, 1), pick(600, 1100) * 1024),
            _ => (0, pick(380, 520) * 1024),
        }
    } else {
        match c.ctx.app {
            super::registry::App::Nginx => (pick(0, 1), pick(3, 6) * mi),
            super::registry::App::Httpd => (pick(1, 2), pick(6, 9) * mi),
            super::registry::App::Tcp if image.contains("mysql") => {
                (pick(4, 8), pick(360, 400) * mi)
            }
            super::registry::App::Tcp if image.contains("mongo") => (pick(3, 6), pick(70, 90) * mi),
            super::registry::App::Tcp => (pick(1, 3), pick(2, 8) * mi),
            super::registry::App::Bootcamp => (pick(0, 1), pick(14, 18) * mi),
            _ => (pick(0, 1), pick(1, 4) * mi),
        }
    };
    let limit = str_at(spec_c, "/resources/limits/cpu");
    let limit_m = if let Some(m) = limit.strip_suffix('m') {
        m.parse::<i64>().ok()
    } else {
        limit.parse::<f64>().ok().map(|c| (c * 1000.0) as i64)
    };
    (limit_m.map_or(cpu, |l| cpu.min(l.max(0))), mem)
}

/// What a probe finds: Ok, or the reason the kubelet records (`HTTP probe failed with
/// statuscode: 404`).
fn probe_result(
    c: &mut ContainerRun,
    spec: &ProbeSpec,
    spec_c: &Value,
    api: &ApiServer,
    registry: &Registry,
    now: TimeMs,
) -> Result<(), String> {
    let ip = c.ctx.pod_ip.clone();
    match &spec.handler {
        Handler::Http {
            port,
            path,
            https,
            host,
        } => {
            let host = if host.is_empty() {
                ip.clone()
            } else {
                host.clone()
            };
            let scheme = if *https { "https" } else { "http" };
            let Some(port) = resolve_port(spec_c, port) else {
                return Err(format!("Get \"{scheme}://{host}:0{path}\": dial tcp {host}:0: connect: connection refused"));
            };
            let url = format!("{scheme}://{host}:{port}{path}");
            if !c.ctx.listens(port) {
                return Err(format!(
                    "Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"
                ));
            }
            let tls_port = container::is_tls_port(&c.ctx, port);
            if *https && !tls_port {
                return Err(format!(
                    "Get \"{url}\": http: server gave HTTP response to HTTPS client"
                ));
            }
            match container::serve_http(&c.ctx, Some(&c.fs), port, "GET", path, *https, now) {
                Some(Served::Http(r)) if (200..400).contains(&r.status) => Ok(()),
                Some(Served::Http(r)) => {
                    Err(format!("HTTP probe failed with statuscode: {}", r.status))
                }
                _ => Err(format!("Get \"{url}\": EOF")),
            }
        }
        Handler::Tcp { port } => {
            let p = resolve_port(spec_c, port).unwrap_or(0);
            if c.ctx.listens(p) {
                Ok(())
            } else {
                Err(format!("dial tcp {ip}:{p}: connect: connection refused"))
            }
        }
        Handler::Grpc { port } => {
            let p = resolve_port(spec_c, port).unwrap_or(0);
            if c.ctx.listens(p) {
                Ok(())
            } else {
                Err(format!(
                    "timeout: failed to connect service \"{ip}:{p}\" within 1s"
                ))
            }
        }
        Handler::Exec { argv } => {
            let mut outside = ApiOutside { api, registry };
            match container::exec_argv(&c.ctx, &mut c.fs, argv, &mut outside, now, false) {
                Err(oci) => Err(oci),
                Ok((io, 0, _)) => {
                    let _ = io;
                    Ok(())
                }
                Ok((io, _, _)) => {
                    let text: String = io.chunks.iter().map(|(_, t)| t.as_str()).collect();
                    Err(text.trim_end_matches('\n').to_string())
                }
            }
        }
    }
}

/// The kubelet's check before serving logs (`validateContainerLogStatus`), on the pod's status:
/// Err is the message the API server returns as `BadRequest`.
pub fn validate_log_request(pod: &Value, container: &str, previous: bool) -> Result<(), String> {
    let name = object::name(pod);
    let statuses: Vec<Value> = ["containerStatuses", "initContainerStatuses"]
        .iter()
        .filter_map(|k| pod.at(&format!("/status/{k}")).and_then(Value::as_array))
        .flatten()
        .cloned()
        .collect();
    let Some(s) = statuses.iter().find(|s| str_at(s, "/name") == container) else {
        return Err(format!(
            "container \"{container}\" in pod \"{name}\" is not available"
        ));
    };
    let last_terminated = s.at("/lastState/terminated");
    let last_id = last_terminated
        .map(|t| str_at(t, "/containerID"))
        .unwrap_or("");
    if previous {
        if last_terminated.is_none() || last_id.is_empty() {
            return Err(format!(
                "previous terminated container \"{container}\" in pod \"{name}\" not found"
            ));
        }
        return Ok(());
    }
    if s.at("/state/running").is_some() {
        return Ok(());
    }
    if let Some(t) = s.at("/state/terminated") {
        if str_at(t, "/containerID").is_empty() && last_id.is_empty() {
            return Err(format!(
                "container \"{container}\" in pod \"{name}\" is terminated"
            ));
        }
        return Ok(());
    }
    if last_terminated.is_some() {
        if last_id.is_empty() {
            return Err(format!(
                "container \"{container}\" in pod \"{name}\" is terminated"
            ));
        }
        return Ok(());
    }
    if let Some(w) = s.at("/state/waiting") {
        let reason = str_at(w, "/reason");
        return Err(match reason {
            "ErrImagePull" => format!(
                "container \"{container}\" in pod \"{name}\" is waiting to start: image can't be pulled"
            ),
            "ImagePullBackOff" => format!(
                "container \"{container}\" in pod \"{name}\" is waiting to start: trying and failing to pull image"
            ),
            r => format!("container \"{container}\" in pod \"{name}\" is waiting to start: {r}"),
        });
    }
    Err(format!(
        "container \"{container}\" in pod \"{name}\" is waiting to start - no logs yet"
    ))
}

/// The prompt of a container shell: bash's `root@pod:/# `, BusyBox's `/ # `, dash's `# `;
/// nothing without a terminal.
fn attached_prompt_text(a: &super::network::AttachedShell, ctx: &Context) -> String {
    if !a.attach.tty {
        return String::new();
    }
    let cwd = a.shell.cwd();
    let short = if cwd == "/root" {
        "~".to_string()
    } else if let Some(rest) = cwd.strip_prefix("/root/") {
        format!("~/{rest}")
    } else {
        cwd.to_string()
    };
    let name = a.attach.shell.rsplit('/').next().unwrap_or("");
    match (name, ctx.base) {
        ("bash", _) => format!("root@{}:{short}# ", ctx.pod),
        (_, super::registry::Base::Debian) => "# ".into(),
        _ => format!("{short} # "),
    }
}

/// What a command run in a container gave.
pub struct ExecOutcome {
    /// stdout and stderr as written, in order.
    pub chunks: Vec<(crate::shell::Stream, String)>,
    pub status: i32,
    /// How long the command slept (`sleep 5`).
    pub slept_ms: i64,
}

/// Why a command could not run in a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecError {
    /// The container is not running (`unable to upgrade connection: container not found`).
    NotRunning,
    /// The runtime could not start the command (`OCI runtime exec failed: …`), exit code 126.
    Oci(String),
}

/// The network as the cluster's own containers and nodes reach it, for a command that holds the
/// whole cluster.
struct ClusterOutside<'a> {
    api: &'a ApiServer,
    registry: &'a Registry,
    kubelets: &'a [Kubelet],
    forwards: &'a [super::network::PortForward],
    connections: u64,
    access: Vec<super::network::AccessLog>,
    handled: Vec<u16>,
    api_up: bool,
}

impl container::Outside for ClusterOutside<'_> {
    fn net_tool(
        &mut self,
        ctx: &Context,
        fs: &mut Fs,
        argv: &[String],
        io: &mut crate::shell::Io,
        now: TimeMs,
    ) -> Option<(i32, i64)> {
        let mut net = super::network::Net::new(
            self.api,
            self.registry,
            self.kubelets,
            self.forwards,
            self.connections,
        );
        net.now = now;
        net.api_up = self.api_up;
        net.own = Some((ctx.pod_uid.clone(), ctx.container.clone(), fs.clone()));
        let origin = if ctx.pod.is_empty() {
            super::network::Origin::Node {
                name: ctx.node.clone(),
                ip: ctx.pod_ip.clone(),
            }
        } else {
            super::network::Origin::Pod(Box::new(ctx.clone()))
        };
        let r = super::network::run_tool(&mut net, &origin, fs, argv, io);
        self.connections = net.connections;
        self.access.extend(net.access);
        self.handled.extend(net.handled);
        r
    }
}

impl super::cluster::Cluster {
    fn kubelet_index(&self, node: &str) -> Option<usize> {
        self.kubelets.iter().position(|k| k.node_name() == node)
    }

    fn pod_key(pod: &Value) -> (String, String, String, String) {
        (
            object::namespace(pod).to_string(),
            object::name(pod).to_string(),
            object::uid(pod).to_string(),
            str_at(pod, "/spec/nodeName").to_string(),
        )
    }

    /// A container's log lines (the kubelet's answer to `GET pods/log`), after the API server's
    /// and the kubelet's checks.
    pub fn container_logs(
        &mut self,
        pod: &Value,
        container: &str,
        previous: bool,
    ) -> Result<Vec<LogLine>, String> {
        validate_log_request(pod, container, previous)?;
        let (ns, name, uid, node) = Self::pod_key(pod);
        let Some(k) = self.kubelet_index(&node) else {
            return Ok(vec![]);
        };
        let now = self.now();
        self.kubelets[k].catch_up_pod(&self.api, &self.registry, &ns, &name, &uid);
        Ok(self.kubelets[k].container_log(&ns, &name, &uid, container, previous, now))
    }

    fn with_network<T>(&mut self, f: impl FnOnce(&mut ClusterOutside) -> T) -> T {
        let api_up = self.apiserver_serving();
        let mut outside = ClusterOutside {
            api_up,
            api: &self.api,
            registry: &self.registry,
            kubelets: &self.kubelets,
            forwards: &self.network.forwards,
            connections: self.network.connections,
            access: vec![],
            handled: vec![],
        };
        let r = f(&mut outside);
        let (connections, access) = (outside.connections, outside.access);
        self.network.connections = connections;
        let now = self.now();
        for a in access {
            if let Some(k) = self.kubelet_index(&a.node) {
                self.kubelets[k].append_log(&a.pod_uid, &a.container, now, &a.line);
            }
        }
        r
    }

    /// Runs `argv` in a running container (`kubectl exec`). The time the command slept is in
    /// the outcome: the caller lets it pass on the cluster (with the node's files in place).
    pub fn exec_in_container(
        &mut self,
        pod: &Value,
        container: &str,
        argv: &[String],
        tty: bool,
    ) -> Result<ExecOutcome, ExecError> {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let k = self.kubelet_index(&node).ok_or(ExecError::NotRunning)?;
        self.kubelets[k].catch_up_pod(&self.api, &self.registry, &ns, &name, &uid);
        let (ctx, mut fs) = self.kubelets[k]
            .take_container(&ns, &name, &uid, container)
            .ok_or(ExecError::NotRunning)?;
        let now = self.now();
        let result = self
            .with_network(|outside| container::exec_argv(&ctx, &mut fs, argv, outside, now, tty));
        if let Some(k) = self.kubelet_index(&node) {
            self.kubelets[k].put_back(&ns, &name, &uid, container, fs, now);
        }
        let (io, status, slept_ms) = result.map_err(ExecError::Oci)?;
        Ok(ExecOutcome {
            chunks: io.chunks,
            status,
            slept_ms,
        })
    }

    /// Is the container running, and is `program` on its `$PATH`? (Before attaching a shell.)
    pub fn exec_probe(&self, pod: &Value, container: &str, program: &str) -> Result<(), ExecError> {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let k = self.kubelet_index(&node).ok_or(ExecError::NotRunning)?;
        let ctx = self.kubelets[k]
            .container_view_all(&ns, &name, &uid)
            .into_iter()
            .find(|c| c.container == container)
            .ok_or(ExecError::NotRunning)?;
        container::exec_check(&ctx, program).map_err(ExecError::Oci)
    }

    /// Runs one line of an interactive shell attached to a container (`kubectl exec -it … --
    /// sh`). None when the container is gone.
    pub fn container_shell_line(
        &mut self,
        pod: &Value,
        container: &str,
        shell: &mut crate::shell::Shell,
        line: &str,
    ) -> Option<crate::shell::LineResult> {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let k = self.kubelet_index(&node)?;
        self.kubelets[k].catch_up_pod(&self.api, &self.registry, &ns, &name, &uid);
        let (ctx, mut fs) = self.kubelets[k].take_container(&ns, &name, &uid, container)?;
        let now = self.now();
        let (result, slept) = self.with_network(|outside| {
            let mut sys = container::ExecSys {
                fs: &mut fs,
                ctx: &ctx,
                outside,
                clock: now,
                slept_ms: 0,
                shell: if ctx.has_tool("bash") { "bash" } else { "sh" },
            };
            let mut r = shell.run_line(line, &mut sys);
            if matches!(
                ctx.base,
                super::registry::Base::Alpine | super::registry::Base::Busybox
            ) {
                for chunk in r.output.iter_mut() {
                    if let crate::shell::TermChunk::Out(t) | crate::shell::TermChunk::Err(t) = chunk
                    {
                        *t = container::busyboxify(t);
                    }
                }
            }
            (r, sys.slept_ms)
        });
        if let Some(k) = self.kubelet_index(&node) {
            self.kubelets[k].put_back(&ns, &name, &uid, container, fs, now);
        }
        if slept > 0 {
            self.advance(slept);
        } else {
            self.settle();
        }
        Some(result)
    }

    /// Attaches the terminal to the shell `kubectl exec -it` asked for, if any.
    pub fn take_attach_request(&mut self) {
        let Some(a) = self.network.attach.take() else {
            return;
        };
        let Ok(pod) = self.api.get(rt("pods"), &a.namespace, &a.pod) else {
            return;
        };
        let (ns, name, uid, node) = Self::pod_key(&pod);
        let Some(k) = self.kubelet_index(&node) else {
            return;
        };
        let Some(ctx) = self.kubelets[k]
            .container_view_all(&ns, &name, &uid)
            .into_iter()
            .find(|c| c.container == a.container)
        else {
            return;
        };
        let shell = container::container_shell(&ctx, a.tty);
        let mut attached = super::network::AttachedShell {
            attach: a,
            uid,
            shell,
            continuation: false,
            prompt: String::new(),
        };
        attached.prompt = attached_prompt_text(&attached, &ctx);
        self.network.attached = Some(Box::new(attached));
    }

    /// The prompt of the attached container shell, if the terminal is attached.
    pub fn attached_prompt(&self) -> Option<&str> {
        self.network.attached.as_ref().map(|a| {
            if a.continuation {
                if a.attach.tty {
                    "> "
                } else {
                    ""
                }
            } else {
                a.prompt.as_str()
            }
        })
    }

    /// Runs a line in the attached container shell. Err: the container went away (the message
    /// kubectl printed when its stream ended); the terminal is back on the node.
    pub fn attached_line(&mut self, line: &str) -> Result<(crate::shell::LineResult, i64), String> {
        let Some(mut a) = self.network.attached.take() else {
            return Err(String::new());
        };
        let pod = self
            .api
            .get(rt("pods"), &a.attach.namespace, &a.attach.pod)
            .ok()
            .filter(|p| object::uid(p) == a.uid);
        let Some(pod) = pod else {
            return Err("command terminated with exit code 137\n".into());
        };
        let before = self.now();
        let Some(mut result) =
            self.container_shell_line(&pod, &a.attach.container, &mut a.shell, line)
        else {
            return Err("command terminated with exit code 137\n".into());
        };
        let slept = self.now() - before;
        if let Some(code) = a.shell.take_exit() {
            let bash = a.attach.shell.ends_with("bash");
            if bash && a.attach.tty {
                result
                    .output
                    .push(crate::shell::TermChunk::Out("exit\n".into()));
            }
            if a.attach.main {
                self.main_shell_exited(&pod, &a.attach, code, &mut result);
                return Ok((result, slept));
            }
            if code != 0 {
                result.output.push(crate::shell::TermChunk::Err(format!(
                    "command terminated with exit code {code}\n"
                )));
            }
            return Ok((result, slept));
        }
        a.continuation = result.continuation;
        let (ns, name, uid, node) = Self::pod_key(&pod);
        if let Some(k) = self.kubelet_index(&node) {
            if let Some(ctx) = self.kubelets[k]
                .container_view_all(&ns, &name, &uid)
                .into_iter()
                .find(|c| c.container == a.attach.container)
            {
                a.prompt = attached_prompt_text(&a, &ctx);
            }
        }
        self.network.attached = Some(a);
        Ok((result, slept))
    }

    /// The shell that is the container's main process, waiting on its open stdin (a pod of
    /// `kubectl run -it`): what `kubectl attach -i` talks to.
    pub fn stdin_shell(&mut self, pod: &Value, container: &str) -> Option<String> {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let k = self.kubelet_index(&node)?;
        self.kubelets[k].catch_up_pod(&self.api, &self.registry, &ns, &name, &uid);
        let c = self.kubelets[k].container_mut(&ns, &name, &uid, container)?;
        let waiting = c.ctx.stdin
            && c.exit.is_none()
            && c.process
                .as_ref()
                .is_some_and(|p| p.state == RunState::Blocked);
        let first = c.script.first().filter(|_| waiting)?;
        let shell = first.rsplit('/').next().unwrap_or(first);
        let no_script = c.script[1..]
            .iter()
            .all(|a| a.starts_with('-') && !a.contains('c'));
        (container::SHELLS.contains(&shell) && no_script).then(|| first.clone())
    }

    /// Lends a running container's files (`kubectl cp`); None when it is not running.
    pub fn with_container_files<T>(
        &mut self,
        pod: &Value,
        container: &str,
        f: impl FnOnce(&Context, &mut Fs) -> T,
    ) -> Option<T> {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let k = self.kubelet_index(&node)?;
        self.kubelets[k].catch_up_pod(&self.api, &self.registry, &ns, &name, &uid);
        let (ctx, mut fs) = self.kubelets[k].take_container(&ns, &name, &uid, container)?;
        let r = f(&ctx, &mut fs);
        let now = self.now();
        self.kubelets[k].put_back(&ns, &name, &uid, container, fs, now);
        Some(r)
    }

    /// Will the container's running process end by itself (a script still going, or an exit
    /// already due), rather than serve or wait forever?
    pub fn container_finishes(&mut self, pod: &Value, container: &str) -> bool {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let Some(k) = self.kubelet_index(&node) else {
            return false;
        };
        self.kubelets[k].catch_up_pod(&self.api, &self.registry, &ns, &name, &uid);
        self.kubelets[k]
            .container_mut(&ns, &name, &uid, container)
            .is_some_and(|c| {
                c.exit.is_some()
                    || c.process
                        .as_ref()
                        .is_some_and(|p| p.state == RunState::Running)
            })
    }

    /// `kubectl run -it`'s shell (the container's main process) exited: the container stops
    /// as its restart policy says, then kubectl ends as `run` does after an attach (the
    /// reattach hint for `--restart=Always`, `--rm` deleting the pod, a failed pod's code).
    fn main_shell_exited(
        &mut self,
        pod: &Value,
        a: &super::network::Attach,
        code: i32,
        result: &mut crate::shell::LineResult,
    ) {
        use crate::shell::TermChunk;
        let (ns, name, uid, node) = Self::pod_key(pod);
        let now = self.now();
        if let Some(k) = self.kubelet_index(&node) {
            self.kubelets[k].end_main_process(&ns, &name, &uid, &a.container, code, now);
        }
        self.settle();
        let policy = str_at(pod, "/spec/restartPolicy").to_string();
        let ephemeral = pod
            .at("/spec/ephemeralContainers")
            .and_then(Value::as_array)
            .is_some_and(|cs| cs.iter().any(|c| str_at(c, "/name") == a.container));
        if policy == "Always" && a.tty {
            let c = &a.container;
            result.output.push(TermChunk::Out(if ephemeral {
                format!("Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach {name} -c {c} -i -t' if it is still running\n")
            } else {
                format!("Session ended, resume using 'kubectl attach {name} -c {c} -i -t' command when the pod is running\n")
            }));
        }
        let status = if policy == "Never" && code != 0 {
            code
        } else {
            0
        };
        if a.remove {
            let deleted = self
                .api
                .delete(rt("pods"), &ns, &name, Default::default())
                .is_ok();
            if deleted {
                result
                    .output
                    .push(TermChunk::Out(format!("pod \"{name}\" deleted\n")));
            }
            self.settle();
        }
        if status != 0 {
            result.output.push(TermChunk::Err(format!(
                "pod {ns}/{name} terminated (Error)\n"
            )));
        }
        result.status = status;
    }

    /// Runs a network tool on a node (the terminal's `curl`, `wget`, `nslookup`, `ping`).
    /// Returns the exit status and how long it took, and the local ports a port-forward handled.
    pub fn node_net_tool(
        &mut self,
        node: &str,
        fs: &mut Fs,
        argv: &[String],
        io: &mut crate::shell::Io,
    ) -> Option<(i32, i64, Vec<u16>)> {
        let ip = self
            .kubelets
            .iter()
            .find(|k| k.node_name() == node)
            .map(|k| k.config.ip.clone())
            .unwrap_or_default();
        let ctx = Context {
            node: node.to_string(),
            pod_ip: ip,
            ..Context::default()
        };
        let r = self.with_network(|outside| {
            let r = container::Outside::net_tool(outside, &ctx, fs, argv, io, outside.api.now());
            (r, std::mem::take(&mut outside.handled))
        });
        let (res, handled) = r;
        res.map(|(st, took)| (st, took, handled))
    }

    /// A request to the API server's HTTP paths from kubectl (`get --raw`).
    pub fn api_request(&mut self, path: &str) -> super::container::HttpResponse {
        let agent = format!(
            "kubectl/{} (linux/amd64) kubernetes/8f38003",
            super::KUBERNETES_VERSION
        );
        self.with_network(|outside| {
            let mut net = super::network::Net::new(
                outside.api,
                outside.registry,
                outside.kubelets,
                outside.forwards,
                outside.connections,
            );
            let r = net.api_request("GET", path, &agent);
            outside.connections = net.connections;
            outside.access.extend(net.access);
            r
        })
    }

    /// Resource use of a pod's running containers: since when it has run, and per container
    /// (name, millicores, bytes).
    pub fn pod_usage(&self, pod: &Value) -> Option<PodUsage> {
        let (ns, name, uid, node) = Self::pod_key(pod);
        let k = self.kubelet_index(&node)?;
        self.kubelets[k].pod_usage(&ns, &name, &uid, self.now())
    }
}

/// The component an image runs: its repository's last path segment
/// (`registry.k8s.io/kube-apiserver:v1.31.9` is `kube-apiserver`).
fn image_component(image: &str) -> &str {
    let repo = image.split('@').next().unwrap_or(image);
    let last = repo.rsplit('/').next().unwrap_or(repo);
    last.split(':').next().unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(go_duration(512), "512ms");
        assert_eq!(go_duration(2345), "2.345s");
        assert_eq!(go_duration(2000), "2s");
        assert_eq!(go_duration(10_000), "10s");
        assert_eq!(go_duration(62_500), "1m2.5s");
    }

    #[test]
    fn backoff_doubles_to_five_minutes() {
        assert_eq!(backoff_ms(1), 0);
        assert_eq!(backoff_ms(2), 10_000);
        assert_eq!(backoff_ms(3), 20_000);
        assert_eq!(backoff_ms(20), 300_000);
    }

    #[test]
    fn every_phase_has_rows_and_no_row_is_ambiguous() {
        for (i, a) in LIFECYCLE.iter().enumerate() {
            for b in &LIFECYCLE[i + 1..] {
                assert!(
                    !(a.from == b.from && a.when == b.when),
                    "two rows for {:?}/{:?}",
                    a.from,
                    a.when
                );
            }
            // Chained rows lead to Creating, which never chains: steps are bounded.
            if a.after == Delay::Chain {
                assert!(matches!(a.to, Next::Retry | Next::Restart));
            }
        }
        for phase in [
            Phase::Creating,
            Phase::Pulling,
            Phase::PullFailed,
            Phase::PullBackOff,
            Phase::CrashBackOff,
            Phase::ConfigError,
            Phase::Running,
            Phase::Exited,
        ] {
            assert!(LIFECYCLE.iter().any(|r| r.from == phase), "{phase:?}");
        }
    }

    #[test]
    fn a_script_logs_on_virtual_time_and_goes_on_after_a_restore() {
        let mut c = crate::sim::bootstrap::kubeadm_cluster(3);
        let pod = json!({"metadata": {"name": "ticker"}, "spec": {"containers": [{"name": "ticker", "image": "busybox", "command": ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 5; done"]}]}});
        assert!(c.api.create(rt("pods"), "default", pod).is_ok());
        c.advance(12_000);
        let logs = |c: &mut super::super::Cluster| {
            let pod = c
                .api
                .get(rt("pods"), "default", "ticker")
                .unwrap_or_default();
            c.container_logs(&pod, "ticker", false)
                .unwrap_or_default()
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(logs(&mut c), ["tick 0", "tick 1", "tick 2"]);
        let saved = serde_json::to_string(&c).unwrap_or_default();
        let mut restored: super::super::Cluster =
            serde_json::from_str(&saved).unwrap_or_else(|e| unreachable!("{e}"));
        restored.advance(10_000);
        assert_eq!(
            logs(&mut restored),
            ["tick 0", "tick 1", "tick 2", "tick 3", "tick 4"]
        );
    }

    #[test]
    fn base64_of_secrets() {
        assert_eq!(b64decode("aGVsbG8=").as_deref(), Some("hello"));
        assert_eq!(b64decode("cGFzc3dvcmQ").as_deref(), Some("password"));
        assert_eq!(b64decode("!!"), None);
    }

    #[test]
    fn probes_parse_with_defaults_and_survive_garbage() {
        let spec = json!({"livenessProbe": {"httpGet": {"port": -5, "path": 42}, "periodSeconds": -1},
                          "readinessProbe": {"tcpSocket": {"port": "http"}, "initialDelaySeconds": 5, "successThreshold": 2}});
        let p = probe_specs(&spec);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].0.period_ms, 10_000);
        assert_eq!(p[0].0.failure_threshold, 3);
        assert_eq!(p[1].0.initial_delay_ms, 5_000);
        assert_eq!(p[1].0.success_threshold, 2);
        assert_eq!(
            resolve_port(
                &json!({"ports": [{"name": "http", "containerPort": 8080}]}),
                &json!("http")
            ),
            Some(8080)
        );
        assert_eq!(resolve_port(&json!({}), &json!(-5)), None);
    }

    #[test]
    fn log_errors_follow_the_kubelet() {
        let pod = |state: Value, last: Value| json!({"metadata": {"name": "p"}, "status": {"containerStatuses": [{"name": "c", "state": state, "lastState": last}]}});
        assert_eq!(
            validate_log_request(
                &pod(
                    json!({"waiting": {"reason": "ContainerCreating"}}),
                    json!({})
                ),
                "c",
                false
            ),
            Err("container \"c\" in pod \"p\" is waiting to start: ContainerCreating".into())
        );
        assert_eq!(
            validate_log_request(&pod(json!({"waiting": {"reason": "ImagePullBackOff"}}), json!({})), "c", false),
            Err("container \"c\" in pod \"p\" is waiting to start: trying and failing to pull image".into())
        );
        assert_eq!(
            validate_log_request(&pod(json!({"running": {}}), json!({})), "c", true),
            Err("previous terminated container \"c\" in pod \"p\" not found".into())
        );
        assert!(validate_log_request(
            &pod(
                json!({"waiting": {"reason": "CrashLoopBackOff"}}),
                json!({"terminated": {"containerID": "containerd://x"}})
            ),
            "c",
            false
        )
        .is_ok());
    }
}

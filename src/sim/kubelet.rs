//! The kubelet: one per node. It registers its Node, runs the pods bound to it and the static
//! pods in its manifest directory, pulls images, starts, restarts and stops containers with the
//! real back-off, and writes pod status back through the API.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::apiserver::ApiServer;
use super::clock::{rfc3339, TimeMs};
use super::informer::{Delta, Informer};
use super::object::{self, str_at};
use super::registry::{parse_ref, Behaviour, Registry};
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
    behaviour: Behaviour,
    stopping: bool,
    /// How long the pull in progress takes.
    pull_ms: i64,
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

/// What a container's process does, from its command and args (or the image's default).
fn behaviour_of(container: &Value, image_default: Behaviour) -> Behaviour {
    let words: Vec<String> = ["command", "args"]
        .iter()
        .filter_map(|k| container.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .flat_map(|s| {
            s.split([' ', ';', '&', '|', '\n'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if words.is_empty() {
        return image_default;
    }
    let joined = words.join(" ");
    if joined.contains("while true")
        || joined.contains("sleep infinity")
        || joined.contains("tail -f")
    {
        return Behaviour::Serve;
    }
    if let Some(i) = words.iter().position(|w| w == "sleep") {
        let n = words.get(i + 1).map(String::as_str).unwrap_or("0");
        let secs = n.trim_end_matches('s').parse::<f64>().unwrap_or(0.0);
        let exit = words
            .iter()
            .position(|w| w == "exit")
            .and_then(|j| words.get(j + 1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        return Behaviour::ExitAfterMs((secs * 1000.0) as i64, exit);
    }
    if let Some(j) = words.iter().position(|w| w == "exit") {
        return Behaviour::ExitAfterMs(
            0,
            words.get(j + 1).and_then(|c| c.parse().ok()).unwrap_or(0),
        );
    }
    // A one-shot command exits at once; anything else is the image's own server run with flags.
    const ONE_SHOT: &[&str] = &[
        "sh",
        "/bin/sh",
        "bash",
        "/bin/bash",
        "echo",
        "date",
        "true",
        "ls",
        "cat",
        "env",
        "printenv",
        "wget",
        "curl",
        "nslookup",
        "hostname",
        "whoami",
        "id",
        "uname",
        "pwd",
        "nc",
        "ping",
    ];
    let first = words[0].rsplit('/').next().unwrap_or("");
    if words[0] == "false" || first == "false" {
        return Behaviour::ExitAfterMs(0, 1);
    }
    if ONE_SHOT.contains(&words[0].as_str()) || ONE_SHOT.contains(&first) {
        return Behaviour::ExitAfterMs(0, 0);
    }
    image_default
}

fn backoff_ms(failures: u32) -> i64 {
    if failures <= 1 {
        return 0;
    }
    (BACKOFF_INITIAL_MS << (failures - 2).min(10)).min(BACKOFF_MAX_MS)
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
        }
    }

    pub fn node_name(&self) -> &str {
        &self.config.name
    }

    pub fn next_wake(&self) -> Option<TimeMs> {
        self.pods
            .values()
            .flat_map(|p| {
                p.containers
                    .iter()
                    .filter_map(|c| c.wake_at)
                    .chain(p.stop_at)
            })
            .min()
    }

    fn node_object(&self, now: TimeMs) -> Value {
        let c = &self.config;
        let mut labels = json!({
            "beta.kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            "kubernetes.io/hostname": c.name,
            "kubernetes.io/os": "linux",
        });
        let mut spec = json!({"podCIDR": format!("{}.0/24", c.pod_cidr_prefix), "podCIDRs": [format!("{}.0/24", c.pod_cidr_prefix)]});
        if c.control_plane {
            labels["node-role.kubernetes.io/control-plane"] = json!("");
            labels["node.kubernetes.io/exclude-from-external-load-balancers"] = json!("");
            spec["taints"] =
                json!([{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]);
        }
        let t = rfc3339(now);
        let cond = |ty: &str, status: &str, reason: &str, msg: &str| json!({"lastHeartbeatTime": t, "lastTransitionTime": t, "message": msg, "reason": reason, "status": status, "type": ty});
        let mem = format!("{}Ki", c.memory_ki);
        let alloc_mem = format!("{}Ki", c.memory_ki - 102_400);
        json!({
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "name": c.name,
                "labels": labels,
                "annotations": {
                    "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
                    "node.alpha.kubernetes.io/ttl": "0",
                    "volumes.kubernetes.io/controller-managed-attach-detach": "true",
                },
            },
            "spec": spec,
            "status": {
                "addresses": [{"address": c.ip, "type": "InternalIP"}, {"address": c.name, "type": "Hostname"}],
                "allocatable": {"cpu": c.cpu, "ephemeral-storage": "19586931083", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": alloc_mem, "pods": "110"},
                "capacity": {"cpu": c.cpu, "ephemeral-storage": "20134592Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": mem, "pods": "110"},
                "conditions": [
                    cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
                "nodeInfo": {
                    "architecture": "amd64",
                    "bootID": format!("{:x}", fnv1a(c.name.as_bytes())),
                    "containerRuntimeVersion": "containerd://1.7.22",
                    "kernelVersion": "5.15.0-125-generic",
                    "kubeProxyVersion": "",
                    "kubeletVersion": crate::sim::KUBERNETES_VERSION,
                    "machineID": format!("{:032x}", fnv1a(c.ip.as_bytes()) as u128 * 0x1_0000_0001),
                    "operatingSystem": "linux",
                    "osImage": "Ubuntu 24.04.1 LTS",
                    "systemUUID": format!("{:x}", fnv1a(c.name.as_bytes()) ^ 0x5a5a),
                },
            }
        })
    }

    /// One pass: register, read static pods, pick up pods bound here, advance containers whose
    /// time has come, write statuses.
    pub fn sync(&mut self, api: &mut ApiServer, fs: &mut Fs, registry: &Registry) {
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
        self.sync_static_pods(api, fs, now);
        self.sync_api_pods(api, now);
        self.advance_containers(api, registry, now);
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
            let Ok(pod) = serde_yaml_ng::from_str::<Value>(&text) else {
                continue;
            };
            if object::kind(&pod) != "Pod" || object::name(&pod).is_empty() {
                continue;
            }
            let uid = format!(
                "{:032x}",
                (hash as u128) << 64 | fnv1a(path.as_bytes()) as u128
            );
            self.manifests.insert(path.clone(), (hash, uid.clone()));
            self.start_static_pod(api, pod, &path, &uid, now);
        }
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
                        && pod.pointer("/metadata/deletionTimestamp").is_some() =>
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
                        if pod.pointer("/metadata/deletionTimestamp").is_none() {
                            self.admit(&pod, &uid, None, api, now);
                        } else {
                            api.remove_now(rt("pods"), &ns, &name);
                        }
                    } else if pod.pointer("/metadata/deletionTimestamp").is_some() {
                        let grace = object::i64_at(&pod, "/metadata/deletionGracePeriodSeconds");
                        self.stop_pod(api, &uid, now, grace);
                    } else if let Some(run) = self.pods.get_mut(&uid) {
                        // Image updates restart the container with the new image.
                        let spec_images: Vec<(String, String)> = pod
                            .pointer("/spec/containers")
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
                                    c.wake_at = Some(now);
                                    c.state = State::Waiting {
                                        reason: "ContainerCreating".into(),
                                        message: String::new(),
                                    };
                                    c.restart_count += 1;
                                }
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
        let host_network = pod.pointer("/spec/hostNetwork") == Some(&json!(true));
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
            .pointer("/spec/initContainers")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        for (list, init) in [("initContainers", true), ("containers", false)] {
            if let Some(cs) = pod
                .pointer(&format!("/spec/{list}"))
                .and_then(Value::as_array)
            {
                for c in cs {
                    containers.push(ContainerRun {
                        name: str_at(c, "/name").to_string(),
                        image: str_at(c, "/image").to_string(),
                        init,
                        state: State::Waiting {
                            reason: if init || !has_init {
                                "ContainerCreating"
                            } else {
                                "PodInitializing"
                            }
                            .into(),
                            message: String::new(),
                        },
                        last: None,
                        restart_count: 0,
                        wake_at: None,
                        failures: 0,
                        container_id: String::new(),
                        image_id: String::new(),
                        behaviour: Behaviour::Serve,
                        stopping: false,
                        pull_ms: 0,
                    });
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

    /// Moves every container whose time has come one step along its life cycle.
    fn advance_containers(&mut self, api: &mut ApiServer, registry: &Registry, now: TimeMs) {
        let node = self.config.name.clone();
        let uids: Vec<String> = self.pods.keys().cloned().collect();
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
            let restart_policy = str_at(&run.pod, "/spec/restartPolicy").to_string();
            let pod_ref = self.pod_ref(api, run);
            for i in due {
                let Some(run) = self.pods.get_mut(&uid) else {
                    break;
                };
                let spec_c = run
                    .pod
                    .pointer(&format!(
                        "/spec/{}",
                        if run.containers[i].init {
                            "initContainers"
                        } else {
                            "containers"
                        }
                    ))
                    .and_then(Value::as_array)
                    .and_then(|cs| {
                        cs.iter()
                            .find(|c| str_at(c, "/name") == run.containers[i].name)
                    })
                    .cloned()
                    .unwrap_or(Value::Null);
                let pod_label = format!("{}_{}({})", run.name, run.namespace, run.uid);
                let c = &mut run.containers[i];
                c.wake_at = None;
                let cname = c.name.clone();
                let image = c.image.clone();
                let field = |api: &mut ApiServer, ty: &str, reason: &str, msg: &str| {
                    api.record_event(&pod_ref, ty, reason, msg, "kubelet", &node);
                };
                match c.state.clone() {
                    State::Waiting { reason, .. }
                        if reason == "ContainerCreating"
                            || reason == "PodInitializing"
                            || reason == "ImagePullBackOff"
                            || reason == "CrashLoopBackOff"
                            || reason == "ErrImagePull" =>
                    {
                        if reason == "ErrImagePull" {
                            // Straight after a failed pull the kubelet backs off.
                            c.state = State::Waiting {
                                reason: "ImagePullBackOff".into(),
                                message: format!("Back-off pulling image \"{image}\""),
                            };
                            c.wake_at = Some(
                                now + BACKOFF_INITIAL_MS
                                    * (1 << c.failures.saturating_sub(1).min(5))
                                        .min(BACKOFF_MAX_MS),
                            );
                            field(
                                api,
                                "Normal",
                                "BackOff",
                                &format!("Back-off pulling image \"{image}\""),
                            );
                            field(api, "Warning", "Failed", "Error: ImagePullBackOff");
                            continue;
                        }
                        if reason == "CrashLoopBackOff" {
                            // The back-off is over: start again.
                            c.restart_count += 1;
                            c.state = State::Waiting {
                                reason: "ContainerCreating".into(),
                                message: String::new(),
                            };
                        }
                        let Some(r) = parse_ref(&image) else {
                            c.state = State::Waiting { reason: "InvalidImageName".into(), message: format!("Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format") };
                            field(api, "Warning", "InspectFailed", &format!("Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format"));
                            field(api, "Warning", "Failed", "Error: InvalidImageName");
                            continue;
                        };
                        let policy = str_at(&spec_c, "/imagePullPolicy");
                        let present = self.images_present.contains(&r.full());
                        if present && policy != "Always" {
                            if c.restart_count == 0 || policy == "IfNotPresent" {
                                field(
                                    api,
                                    "Normal",
                                    "Pulled",
                                    &format!(
                                        "Container image \"{image}\" already present on machine"
                                    ),
                                );
                            }
                            let behaviour = registry
                                .lookup(&r)
                                .map(|i| i.behaviour)
                                .unwrap_or(Behaviour::Serve);
                            Self::start_container(c, &spec_c, behaviour, now, &mut api.rng);
                            field(
                                api,
                                "Normal",
                                "Created",
                                &format!("Created container {cname}"),
                            );
                            field(
                                api,
                                "Normal",
                                "Started",
                                &format!("Started container {cname}"),
                            );
                        } else if policy == "Never" && !present {
                            let msg = format!("Container image \"{image}\" is not present with pull policy of Never");
                            c.state = State::Waiting {
                                reason: "ErrImageNeverPull".into(),
                                message: msg.clone(),
                            };
                            field(api, "Warning", "ErrImageNeverPull", &msg);
                            field(api, "Warning", "Failed", "Error: ErrImageNeverPull");
                        } else {
                            field(
                                api,
                                "Normal",
                                "Pulling",
                                &format!("Pulling image \"{image}\""),
                            );
                            let ms = match registry.lookup(&r) {
                                Ok(_) if present => 300 + api.rng.range(0, 700),
                                Ok(img) => {
                                    (img.size_bytes / PULL_BYTES_PER_MS) as i64
                                        + api.rng.range(300, 1500)
                                }
                                Err(_) => api.rng.range(400, 1200),
                            };
                            c.state = State::Pulling;
                            c.wake_at = Some(now + ms);
                            c.pull_ms = ms;
                        }
                    }
                    State::Pulling => {
                        let took = c.pull_ms;
                        let Some(r) = parse_ref(&image) else { continue };
                        match registry.lookup(&r) {
                            Ok(img) => {
                                let d = go_duration(took);
                                field(api, "Normal", "Pulled", &format!("Successfully pulled image \"{image}\" in {d} ({d} including waiting). Image size: {} bytes.", img.size_bytes));
                                self.images_present.insert(r.full());
                                let behaviour = img.behaviour;
                                Self::start_container(c, &spec_c, behaviour, now, &mut api.rng);
                                field(
                                    api,
                                    "Normal",
                                    "Created",
                                    &format!("Created container {cname}"),
                                );
                                field(
                                    api,
                                    "Normal",
                                    "Started",
                                    &format!("Started container {cname}"),
                                );
                            }
                            Err(e) => {
                                c.failures += 1;
                                c.state = State::Waiting {
                                    reason: "ErrImagePull".into(),
                                    message: e.clone(),
                                };
                                c.wake_at = Some(now + api.rng.range(500, 1500));
                                field(
                                    api,
                                    "Warning",
                                    "Failed",
                                    &format!("Failed to pull image \"{image}\": {e}"),
                                );
                                field(api, "Warning", "Failed", "Error: ErrImagePull");
                            }
                        }
                    }
                    State::Running { started_ms } => {
                        let Behaviour::ExitAfterMs(_, code) = c.behaviour else {
                            continue;
                        };
                        let reason = if code == 0 { "Completed" } else { "Error" };
                        c.state = State::Terminated {
                            exit_code: code,
                            reason: reason.into(),
                            started_ms,
                            finished_ms: now,
                        };
                        let restart = match restart_policy.as_str() {
                            "Never" => false,
                            "OnFailure" => code != 0,
                            _ => !c.init || code != 0,
                        };
                        if c.init && code == 0 {
                            // The next init container, or the app containers, go next.
                            let uid2 = uid.clone();
                            self.start_next_containers(api, &uid2, now);
                            continue;
                        }
                        if restart {
                            c.failures += 1;
                            let delay = backoff_ms(c.failures);
                            c.wake_at = Some(now + delay.max(1000));
                            if delay > 0 {
                                c.last = Some(c.state.clone());
                                c.state = State::Waiting {
                                    reason: "CrashLoopBackOff".into(),
                                    message: format!("back-off {} restarting failed container={cname} pod={pod_label}", go_duration(delay).replace(".000", "")),
                                };
                                field(api, "Warning", "BackOff", &format!("Back-off restarting failed container {cname} in pod {pod_label}"));
                            }
                        }
                    }
                    State::Terminated { .. } => {
                        // Restart after the back-off.
                        c.last = Some(c.state.clone());
                        c.restart_count += 1;
                        c.state = State::Waiting {
                            reason: "ContainerCreating".into(),
                            message: String::new(),
                        };
                        c.wake_at = Some(now);
                    }
                    State::Waiting { .. } => {}
                }
            }
        }
    }

    fn start_container(
        c: &mut ContainerRun,
        spec: &Value,
        image_default: Behaviour,
        now: TimeMs,
        rng: &mut super::rng::Rng,
    ) {
        c.container_id = format!("containerd://{}", rng.hex(64));
        let r = parse_ref(&c.image);
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
        c.behaviour = behaviour_of(spec, image_default);
        c.state = State::Running { started_ms: now };
        if let Behaviour::ExitAfterMs(ms, _) = c.behaviour {
            c.wake_at = Some(now + ms.max(100));
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
                    &pod_ref,
                    "Normal",
                    "Killing",
                    &format!("Stopping container {}", c.name),
                    "kubelet",
                    &node,
                );
                let t = match c.behaviour {
                    Behaviour::Serve => 600,
                    Behaviour::ExitAfterMs(..) => grace * 1000,
                };
                longest = longest.max(t);
                c.stopping = true;
            }
            c.wake_at = None;
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

    fn container_status(c: &ContainerRun) -> Value {
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
            } => json!({"terminated": {
                "containerID": c.container_id, "exitCode": exit_code, "finishedAt": rfc3339(*finished_ms), "reason": reason, "startedAt": rfc3339(*started_ms)
            }}),
        };
        let running = matches!(c.state, State::Running { .. });
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
        let mut s = json!({
            "image": c.image,
            "imageID": if c.container_id.is_empty() { String::new() } else { c.image_id.clone() },
            "lastState": c.last.as_ref().map(state_json).unwrap_or(json!({})),
            "name": c.name,
            "ready": running && !c.init,
            "restartCount": c.restart_count,
            "started": running,
            "state": state_json(shown),
        });
        if !c.container_id.is_empty() {
            s["containerID"] = json!(c.container_id);
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
        let Ok(pod) = api.get(rt("pods"), &run.namespace, &run.name) else {
            return;
        };
        if run.manifest.is_none() && object::uid(&pod) != run.uid {
            return;
        }
        let old_status = pod.get("status").cloned().unwrap_or(json!({}));
        let apps: Vec<&ContainerRun> = run.containers.iter().filter(|c| !c.init).collect();
        let inits: Vec<&ContainerRun> = run.containers.iter().filter(|c| c.init).collect();
        let init_done = inits
            .iter()
            .all(|c| matches!(c.state, State::Terminated { exit_code: 0, .. }));
        let all_ready = apps
            .iter()
            .all(|c| matches!(c.state, State::Running { .. }))
            && !apps.is_empty();
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
                            .filter(|c| !matches!(c.state, State::Running { .. }))
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
        let mut status = json!({
            "conditions": conditions,
            "containerStatuses": apps.iter().map(|c| Self::container_status(c)).collect::<Vec<_>>(),
            "hostIP": self.config.ip,
            "hostIPs": [{"ip": self.config.ip}],
            "phase": phase,
            "podIP": run.ip,
            "podIPs": [{"ip": run.ip}],
            "qosClass": if str_at(&old_status, "/qosClass").is_empty() { "BestEffort" } else { str_at(&old_status, "/qosClass") },
            "startTime": rfc3339(run.start_ms),
        });
        if !inits.is_empty() {
            status["initContainerStatuses"] = json!(inits
                .iter()
                .map(|c| Self::container_status(c))
                .collect::<Vec<_>>());
        }
        let mut new = pod.clone();
        new["status"] = status;
        let _ = api.update_status(rt("pods"), &new);
    }
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
    fn behaviour_from_commands() {
        let c = json!({"command": ["sleep", "3600"]});
        assert_eq!(
            behaviour_of(&c, Behaviour::ExitAfterMs(0, 0)),
            Behaviour::ExitAfterMs(3_600_000, 0)
        );
        let c = json!({"command": ["sh", "-c", "while true; do echo hi; sleep 5; done"]});
        assert_eq!(
            behaviour_of(&c, Behaviour::ExitAfterMs(0, 0)),
            Behaviour::Serve
        );
        let c = json!({"args": ["sh", "-c", "exit 1"]});
        assert_eq!(
            behaviour_of(&c, Behaviour::Serve),
            Behaviour::ExitAfterMs(0, 1)
        );
    }
}

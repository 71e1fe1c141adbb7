//! The node's own tools, answering from the simulated state of the node the terminal is on:
//! `crictl` (containerd's view of the kubelet's pods: sandboxes, containers, images, logs),
//! `systemctl` for the kubelet and containerd services (stopping the kubelet really stops that
//! node's kubelet), and `journalctl -u kubelet`.

use crate::sorting::SharedSort;
use serde::{Deserialize, Serialize};

use super::clock::{civil, TimeMs};
use super::cluster::Cluster;
use super::registry::parse_ref;
use super::resources::rt;
use super::rng::fnv1a;
use crate::i18n::{Lang, Msg};
use crate::shell::Io;

/// A playground notice: the command exists on a real node but not here yet.
fn not_available(lang: Lang, subject: &str) -> String {
    let msg = crate::i18n::t(lang, Msg::NotYetAvailable);
    match lang {
        Lang::En => format!("{subject} {msg}\n"),
        Lang::Ko => format!("{subject}{msg}\n"),
    }
}

/// One pod sandbox as containerd lists it.
#[derive(Clone, Debug, Default)]
pub struct Sandbox {
    pub id: String,
    pub created_ms: TimeMs,
    pub ready: bool,
    pub name: String,
    pub namespace: String,
}

/// One container as containerd lists it (the current instance, or the previous one kept after
/// a restart).
#[derive(Clone, Debug, Default)]
pub struct RuntimeContainer {
    pub id: String,
    /// The image reference the container was created from (the pod's `image`).
    pub image: String,
    pub created_ms: TimeMs,
    /// `Running` or `Exited`.
    pub state: &'static str,
    pub name: String,
    pub attempt: i64,
    pub pod_id: String,
    pub pod_name: String,
    pub namespace: String,
    pub pod_uid: String,
    /// The current instance (false: the previous one, whose log is `logs -p`'s).
    pub current: bool,
}

/// What containerd holds on a node.
#[derive(Clone, Debug, Default)]
pub struct RuntimeView {
    pub sandboxes: Vec<Sandbox>,
    pub containers: Vec<RuntimeContainer>,
    /// Pulled images, as full references (`docker.io/library/nginx:latest`).
    pub images: Vec<String>,
}

/// A 64-hex-digit id derived from `seed` (sandbox ids, ids of earlier container instances).
pub fn hex_id(seed: &str) -> String {
    (0..4u8)
        .map(|i| format!("{:016x}", fnv1a(format!("{i}/{seed}").as_bytes())))
        .collect()
}

/// The image id containerd gives a reference (crictl shows its first 13 digits).
fn image_id(full_ref: &str) -> String {
    hex_id(&format!("image/{full_ref}"))
}

/// The sandbox ("pause") image every node has.
const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.10";

/// The kubelet service of one node, as systemd sees it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct KubeletService {
    /// When the running kubelet started (None: since the node booted).
    pub started_ms: Option<TimeMs>,
    /// When it was stopped, while it is stopped.
    pub stopped_ms: Option<TimeMs>,
    /// How many times it was (re)started in this session: the main PID moves on with each.
    pub starts: u32,
    /// What systemd logged about it (time, line without the prefix), oldest first.
    pub journal: Vec<(TimeMs, String, bool)>,
}

/// Lines the journal keeps per node.
const MAX_JOURNAL: usize = 200;

const UNIT_DESCRIPTION: &str = "kubelet: The Kubernetes Node Agent";
const KUBELET_CMDLINE: &str = "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10";

/// `Thu 2026-11-12 09:14:22 UTC`, as systemd prints timestamps.
fn systemd_time(t: TimeMs) -> String {
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let c = civil(t);
    format!(
        "{} {:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        WEEKDAYS[c.weekday as usize], c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// systemd's `format_timestamp_relative`: `9 days ago`, `1 week 2 days ago`, `5min ago`.
fn systemd_relative(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (min, hour, day, week, month, year) = (60, 3600, 86_400, 604_800, 2_629_800, 31_557_600);
    let plural = |n: i64, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    let text = if s >= year {
        let (y, m) = (s / year, s % year / month);
        format!(
            "{y} {} {m} {}",
            plural(y, "year", "years"),
            plural(m, "month", "months")
        )
    } else if s >= month {
        let (m, d) = (s / month, s % month / day);
        format!(
            "{m} {} {d} {}",
            plural(m, "month", "months"),
            plural(d, "day", "days")
        )
    } else if s >= week {
        let (w, d) = (s / week, s % week / day);
        format!(
            "{w} {} {d} {}",
            plural(w, "week", "weeks"),
            plural(d, "day", "days")
        )
    } else if s >= 2 * day {
        format!("{} days", s / day)
    } else if s >= 25 * hour {
        format!("1 day {}h", (s - day) / hour)
    } else if s >= 6 * hour {
        format!("{}h", s / hour)
    } else if s >= hour {
        format!("{}h {}min", s / hour, s % hour / min)
    } else if s >= 5 * min {
        format!("{}min", s / min)
    } else if s >= min {
        format!("{}min {}s", s / min, s % min)
    } else if s >= 1 {
        format!("{s}s")
    } else if ms >= 1 {
        format!("{ms}ms")
    } else {
        return "now".to_string();
    };
    format!("{text} ago")
}

/// docker/go-units `HumanDuration`, as crictl's CREATED column uses it (with ` ago`).
fn go_units_duration(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let minutes = secs / 60;
    // d.Round(time.Hour).Hours()
    let hours = (ms.max(0) + 1_800_000) / 3_600_000;
    let text = if secs < 1 {
        "Less than a second".to_string()
    } else if secs == 1 {
        "1 second".to_string()
    } else if secs < 60 {
        format!("{secs} seconds")
    } else if minutes == 1 {
        "About a minute".to_string()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".to_string()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", ms / 3_600_000 / 24 / 365)
    };
    format!("{text} ago")
}

/// docker/go-units `HumanSizeWithPrecision(size, 3)`: `67.2MB`, `117MB`, `4.27MB`.
fn go_units_size(bytes: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < units.len() {
        v /= 1000.0;
        i += 1;
    }
    let decimals = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}{}", units[i])
}

/// `Nov 21 12:41:33`, journald's short timestamp.
fn journal_time(t: TimeMs) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let c = civil(t);
    format!(
        "{} {:02} {:02}:{:02}:{:02}",
        MONTHS[(c.month - 1) as usize],
        c.day,
        c.hour,
        c.minute,
        c.second
    )
}

/// A klog header: `I1121 12:41:33.123456    1043 `.
fn klog(level: char, t: TimeMs, pid: u32) -> String {
    let c = civil(t);
    format!(
        "{level}{:02}{:02} {:02}:{:02}:{:02}.{:06} {pid:>7} ",
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        (t.rem_euclid(1000) * 1000 + (fnv1a(&t.to_le_bytes()) % 1000) as i64)
    )
}

impl Cluster {
    /// Runs `crictl`, `systemctl` or `journalctl` on `node`. None: not one of them.
    pub fn node_tool(
        &mut self,
        node: &str,
        argv: &[String],
        lang: Lang,
        io: &mut Io,
    ) -> Option<i32> {
        let args = &argv[1..];
        Some(match argv.first()?.as_str() {
            "crictl" => self.crictl(node, args, lang, io),
            "systemctl" => self.systemctl(node, args, lang, io),
            "journalctl" => self.journalctl(node, args, io),
            _ => return None,
        })
    }

    fn runtime_view(&self, node: &str) -> RuntimeView {
        self.kubelets
            .iter()
            .find(|k| k.node_name() == node)
            .map(|k| k.runtime_view())
            .unwrap_or_default()
    }

    fn crictl(&mut self, node: &str, args: &[String], lang: Lang, io: &mut Io) -> i32 {
        let now = self.now();
        let mut view = self.runtime_view(node);
        let Some(sub) = args.iter().position(|a| !a.starts_with('-')) else {
            io.out(CRICTL_HELP);
            return 0;
        };
        let cmd = args[sub].as_str();
        let rest: Vec<&str> = args[sub + 1..].iter().map(String::as_str).collect();
        let has = |short: &str, long: &str| {
            rest.iter().any(|a| {
                *a == long
                    || (!short.is_empty()
                        && a.starts_with('-')
                        && !a.starts_with("--")
                        && a.contains(short))
            })
        };
        let value = |long: &str| {
            rest.iter()
                .position(|a| *a == long)
                .and_then(|i| rest.get(i + 1))
                .map(|s| s.to_string())
                .or_else(|| {
                    rest.iter()
                        .find_map(|a| a.strip_prefix(&format!("{long}=")).map(str::to_string))
                })
        };
        let quiet = has("q", "--quiet");
        match cmd {
            "ps" => {
                let all = has("a", "--all");
                let name = value("--name");
                let pod = value("--pod").or_else(|| value("-p"));
                view.containers
                    .sort_shared_by_key(|c| std::cmp::Reverse(c.created_ms));
                let mut table =
                    String::from("CONTAINER\tIMAGE\tCREATED\tSTATE\tNAME\tATTEMPT\tPOD ID\tPOD\n");
                let mut ids = String::new();
                for c in &view.containers {
                    if !all && c.state != "Running" {
                        continue;
                    }
                    if name.as_ref().is_some_and(|n| !c.name.contains(n.as_str())) {
                        continue;
                    }
                    if pod
                        .as_ref()
                        .is_some_and(|p| !c.pod_id.starts_with(p.as_str()))
                    {
                        continue;
                    }
                    ids.push_str(&format!("{}\n", c.id));
                    table.push_str(&format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                        &c.id[..13.min(c.id.len())],
                        &image_id(&c.image)[..13],
                        go_units_duration(now - c.created_ms),
                        c.state,
                        c.name,
                        c.attempt,
                        &c.pod_id[..13],
                        c.pod_name
                    ));
                }
                if quiet {
                    io.out(ids);
                } else {
                    io.out(crate::printers::tabwriter::tabwrite(&table, 20, 3));
                }
                0
            }
            "pods" => {
                let name = value("--name");
                let ns = value("--namespace");
                view.sandboxes
                    .sort_shared_by_key(|p| std::cmp::Reverse(p.created_ms));
                let mut table =
                    String::from("POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME\n");
                let mut ids = String::new();
                for p in &view.sandboxes {
                    if name.as_ref().is_some_and(|n| !p.name.contains(n.as_str())) {
                        continue;
                    }
                    if ns.as_ref().is_some_and(|n| p.namespace != *n) {
                        continue;
                    }
                    ids.push_str(&format!("{}\n", p.id));
                    table.push_str(&format!(
                        "{}\t{}\t{}\t{}\t{}\t0\t(default)\n",
                        &p.id[..13],
                        go_units_duration(now - p.created_ms),
                        if p.ready { "Ready" } else { "NotReady" },
                        p.name,
                        p.namespace
                    ));
                }
                if quiet {
                    io.out(ids);
                } else {
                    io.out(crate::printers::tabwriter::tabwrite(&table, 20, 3));
                }
                0
            }
            "images" | "image" | "img" => {
                let mut refs = view.images.clone();
                refs.push(PAUSE_IMAGE.to_string());
                refs.sort_shared();
                refs.dedup();
                let mut table = String::from("IMAGE\tTAG\tIMAGE ID\tSIZE\n");
                let mut ids = String::new();
                for full in &refs {
                    let Some(r) = parse_ref(full) else { continue };
                    let size = self
                        .registry
                        .lookup(&r)
                        .map(|i| i.size_bytes)
                        .unwrap_or(320_000);
                    let id = image_id(full);
                    ids.push_str(&format!("sha256:{id}\n"));
                    table.push_str(&format!(
                        "{}\t{}\t{}\t{}\n",
                        r.repository,
                        r.tag,
                        &id[..13],
                        go_units_size(size)
                    ));
                }
                if quiet {
                    io.out(ids);
                } else {
                    io.out(crate::printers::tabwriter::tabwrite(&table, 20, 3));
                }
                0
            }
            "logs" => {
                let tail: Option<usize> = value("--tail").and_then(|v| v.parse().ok());
                let mut skip_next = false;
                let mut id = None;
                for a in &rest {
                    if skip_next {
                        skip_next = false;
                        continue;
                    }
                    if matches!(*a, "--tail" | "--since" | "--limit-bytes") {
                        skip_next = true;
                    } else if !a.starts_with('-') {
                        id = Some(*a);
                        break;
                    }
                }
                let Some(id) = id else {
                    io.err("FATA[0000] ID cannot be empty\n");
                    return 1;
                };
                let Some(c) = view.containers.iter().find(|c| c.id.starts_with(id)) else {
                    io.err(format!(
                        "E{} log.go:32] \"ContainerStatus from runtime service failed\" err=\"rpc error: code = NotFound desc = an error occurred when try to find container \\\"{id}\\\": not found\" containerID=\"{id}\"\nFATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container \"{id}\": not found\n",
                        &klog('E', now, 4000 + (fnv1a(id.as_bytes()) % 60_000) as u32)[1..]
                            .trim_end()
                    ));
                    return 1;
                };
                let Some(k) = self.kubelets.iter().find(|k| k.node_name() == node) else {
                    return 0;
                };
                let lines = k.container_log(
                    &c.namespace,
                    &c.pod_name,
                    &c.pod_uid,
                    &c.name,
                    !c.current,
                    now,
                );
                let from = tail.map_or(0, |n| lines.len().saturating_sub(n));
                let mut out = String::new();
                for l in &lines[from..] {
                    out.push_str(&l.text);
                    out.push('\n');
                }
                io.out(out);
                0
            }
            "version" => {
                io.out("Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.22\nRuntimeApiVersion:  v1\n");
                0
            }
            "help" | "h" => {
                io.out(CRICTL_HELP);
                0
            }
            other if CRICTL_COMMANDS.contains(&other) => {
                io.err(not_available(lang, &format!("crictl {other}")));
                1
            }
            other => {
                io.err(format!("No help topic for '{other}'\n"));
                3
            }
        }
    }

    /// The kubelet's PID on `node` for its current run.
    fn kubelet_pid(&self, node: &str) -> u32 {
        let base = if node == "controlplane" { 1043 } else { 811 };
        let starts = self.kubelet_service.get(node).map_or(0, |s| s.starts);
        base + starts * 2717
    }

    /// When the kubelet on `node` started: at its last (re)start, or when the node came up.
    fn kubelet_started(&self, node: &str) -> TimeMs {
        self.kubelet_service
            .get(node)
            .and_then(|s| s.started_ms)
            .unwrap_or_else(|| self.kubelet_booted(node))
    }

    /// When the kubelet first started on `node`: just before it registered the Node.
    fn kubelet_booted(&self, node: &str) -> TimeMs {
        self.api
            .peek(rt("nodes"), "", node)
            .and_then(|n| {
                super::clock::parse_rfc3339(super::object::str_at(n, "/metadata/creationTimestamp"))
            })
            .map_or(super::clock::CLUSTER_CREATED_MS, |t| t - 2_000)
    }

    fn journal(&mut self, node: &str, lines: &[(TimeMs, String, bool)]) {
        let s = self.kubelet_service.entry(node.to_string()).or_default();
        s.journal.extend(lines.iter().cloned());
        let extra = s.journal.len().saturating_sub(MAX_JOURNAL);
        s.journal.drain(..extra);
    }

    fn stop_kubelet_service(&mut self, node: &str) {
        let now = self.now();
        let started = self.kubelet_started(node);
        self.stop_kubelet(node);
        self.journal(
            node,
            &[
                (
                    now,
                    format!("Stopping kubelet.service - {UNIT_DESCRIPTION}..."),
                    true,
                ),
                (
                    now,
                    "kubelet.service: Deactivated successfully.".to_string(),
                    true,
                ),
                (
                    now,
                    format!("Stopped kubelet.service - {UNIT_DESCRIPTION}."),
                    true,
                ),
            ],
        );
        let s = self.kubelet_service.entry(node.to_string()).or_default();
        s.started_ms = Some(started);
        s.stopped_ms = Some(now);
    }

    fn start_kubelet_service(&mut self, node: &str) {
        let now = self.now();
        {
            let s = self.kubelet_service.entry(node.to_string()).or_default();
            s.starts += 1;
            s.started_ms = Some(now);
            s.stopped_ms = None;
        }
        let pid = self.kubelet_pid(node);
        let lines = kubelet_startup_lines(now, pid, node);
        let mut all = vec![(
            now,
            format!("Started kubelet.service - {UNIT_DESCRIPTION}."),
            true,
        )];
        all.extend(lines.into_iter().map(|l| (now, l, false)));
        self.journal(node, &all);
        self.start_kubelet(node);
    }

    fn kubelet_running(&self, node: &str) -> bool {
        !self.stopped_kubelets.contains(node)
    }

    fn systemctl(&mut self, node: &str, args: &[String], lang: Lang, io: &mut Io) -> i32 {
        let words: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .filter(|a| !a.starts_with('-'))
            .collect();
        let Some(&verb) = words.first() else {
            io.err(not_available(lang, "systemctl list-units"));
            return 1;
        };
        if verb == "daemon-reload" {
            return 0;
        }
        let units: Vec<&str> = words[1..]
            .iter()
            .map(|u| u.strip_suffix(".service").unwrap_or(u))
            .collect();
        if units.is_empty() {
            io.err("Too few arguments.\n");
            return 1;
        }
        let mut status = 0;
        for unit in units {
            if !matches!(unit, "kubelet" | "containerd") {
                match verb {
                    "status" => io.err(format!("Unit {unit}.service could not be found.\n")),
                    "is-active" => io.out("inactive\n"),
                    _ => io.err(format!(
                        "Failed to {verb} {unit}.service: Unit {unit}.service not found.\n"
                    )),
                }
                status = if verb == "status" {
                    4
                } else if verb == "is-active" {
                    3
                } else {
                    5
                };
                continue;
            }
            if unit == "containerd" {
                match verb {
                    "status" => io.out(containerd_status(node)),
                    "is-active" => io.out("active\n"),
                    "is-enabled" => io.out("enabled\n"),
                    _ => {}
                }
                continue;
            }
            match verb {
                "status" => {
                    let st = self.kubelet_status(node);
                    io.out(st.0);
                    status = status.max(st.1);
                }
                "is-active" => {
                    if self.kubelet_running(node) {
                        io.out("active\n");
                    } else {
                        io.out("inactive\n");
                        status = 3;
                    }
                }
                "is-enabled" => io.out("enabled\n"),
                "stop" => {
                    if self.kubelet_running(node) {
                        self.stop_kubelet_service(node);
                    }
                }
                "start" => {
                    if !self.kubelet_running(node) {
                        self.start_kubelet_service(node);
                    }
                }
                "restart" => {
                    if self.kubelet_running(node) {
                        self.stop_kubelet_service(node);
                    }
                    self.start_kubelet_service(node);
                }
                "enable" | "disable" | "reload" => {}
                _ => {
                    io.err(format!("Unknown command verb '{verb}'.\n"));
                    return 1;
                }
            }
        }
        status
    }

    /// `systemctl status kubelet` and its exit status (3 when inactive).
    fn kubelet_status(&self, node: &str) -> (String, i32) {
        let now = self.now();
        let pid = self.kubelet_pid(node);
        let started = self.kubelet_started(node);
        let running = self.kubelet_running(node);
        let mut out = String::new();
        out.push_str(&format!(
            "{} kubelet.service - {UNIT_DESCRIPTION}\n",
            if running { '●' } else { '○' }
        ));
        out.push_str("     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)\n");
        out.push_str("    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n");
        out.push_str("             └─10-kubeadm.conf\n");
        if running {
            out.push_str(&format!(
                "     Active: active (running) since {}; {}\n",
                systemd_time(started),
                systemd_relative(now - started)
            ));
            out.push_str("       Docs: https://kubernetes.io/docs/\n");
            out.push_str(&format!("   Main PID: {pid} (kubelet)\n"));
            let up_s = (now - started).max(0) / 1000;
            let tasks = 10 + (fnv1a(node.as_bytes()) % 6);
            let mem =
                38.0 + (fnv1a(format!("{node}{}", now / 60_000).as_bytes()) % 120) as f64 / 10.0;
            out.push_str(&format!("      Tasks: {tasks} (limit: 2275)\n"));
            out.push_str(&format!(
                "     Memory: {mem:.1}M (peak: {:.1}M)\n",
                mem + 7.3
            ));
            out.push_str(&format!("        CPU: {}\n", cpu_time(up_s * 12)));
            out.push_str("     CGroup: /system.slice/kubelet.service\n");
            out.push_str(&format!("             └─{pid} {KUBELET_CMDLINE}\n"));
        } else {
            let stopped = self
                .kubelet_service
                .get(node)
                .and_then(|s| s.stopped_ms)
                .unwrap_or(now);
            out.push_str(&format!(
                "     Active: inactive (dead) since {}; {}\n",
                systemd_time(stopped),
                systemd_relative(now - stopped)
            ));
            out.push_str(&format!(
                "   Duration: {}\n",
                systemd_span(stopped - started)
            ));
            out.push_str("       Docs: https://kubernetes.io/docs/\n");
            out.push_str(&format!("    Process: {pid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)\n"));
            out.push_str(&format!(
                "   Main PID: {pid} (code=exited, status=0/SUCCESS)\n"
            ));
            out.push_str(&format!(
                "        CPU: {}\n",
                cpu_time((stopped - started).max(0) / 1000 * 12)
            ));
        }
        let journal = self.journal_lines(node);
        if !journal.is_empty() {
            out.push('\n');
            let from = journal.len().saturating_sub(10);
            for l in &journal[from..] {
                out.push_str(l);
                out.push('\n');
            }
        }
        (out, if running { 0 } else { 3 })
    }

    /// The kubelet's journal on `node`: its start when the node came up, then what happened
    /// in this session.
    fn journal_lines(&self, node: &str) -> Vec<String> {
        let boot_start = Some(self.kubelet_booted(node));
        let base_pid = if node == "controlplane" { 1043 } else { 811 };
        let mut entries: Vec<(TimeMs, String, bool, u32)> = Vec::new();
        if let Some(t) = boot_start {
            entries.push((
                t,
                format!("Started kubelet.service - {UNIT_DESCRIPTION}."),
                true,
                base_pid,
            ));
            for l in kubelet_startup_lines(t, base_pid, node) {
                entries.push((t, l, false, base_pid));
            }
        }
        let mut starts = 0;
        if let Some(s) = self.kubelet_service.get(node) {
            for (t, line, systemd) in s.journal.iter().map(|(t, l, sd)| (*t, l.clone(), *sd)) {
                if systemd && line.starts_with("Started ") {
                    starts += 1;
                }
                let pid = base_pid + starts * 2717;
                entries.push((t, line, systemd, pid));
            }
        }
        entries
            .into_iter()
            .map(|(t, line, systemd, pid)| {
                if systemd {
                    format!("{} {node} systemd[1]: {line}", journal_time(t))
                } else {
                    format!("{} {node} kubelet[{pid}]: {line}", journal_time(t))
                }
            })
            .collect()
    }

    fn journalctl(&mut self, node: &str, args: &[String], io: &mut Io) -> i32 {
        let mut unit = None;
        let mut lines: Option<usize> = None;
        let mut reverse = false;
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "-u" | "--unit" => {
                    unit = args.get(i + 1).cloned();
                    i += 1;
                }
                "-n" | "--lines" => {
                    lines = args.get(i + 1).and_then(|v| v.parse().ok());
                    i += 1;
                }
                "-r" | "--reverse" => reverse = true,
                "-e" | "--pager-end" => lines = lines.or(Some(1000)),
                _ => {
                    if let Some(u) = a
                        .strip_prefix("--unit=")
                        .or(a.strip_prefix("-u").filter(|u| !u.is_empty()))
                    {
                        unit = Some(u.to_string());
                    } else if let Some(n) = a.strip_prefix("--lines=") {
                        lines = n.parse().ok();
                    } else if a.starts_with('-') && !a.starts_with("--") && a.contains('e') {
                        lines = lines.or(Some(1000));
                    }
                }
            }
            i += 1;
        }
        let unit = unit.map(|u| u.strip_suffix(".service").unwrap_or(&u).to_string());
        let mut out = match unit.as_deref() {
            Some("kubelet") => self.journal_lines(node),
            Some("containerd") => vec![format!(
                "{} {node} containerd[612]: time=\"{}\" level=info msg=\"containerd successfully booted in 0.052134s\"",
                journal_time(self.kubelet_started(node) - 3_000),
                super::clock::rfc3339(self.kubelet_started(node) - 3_000)
            )],
            Some(_) => vec![],
            None => {
                let mut all = self.journal_lines(node);
                all.sort_shared_by(|a, b| a[..15].cmp(&b[..15]));
                all
            }
        };
        if out.is_empty() {
            io.out("-- No entries --\n");
            return 0;
        }
        if let Some(n) = lines {
            let from = out.len().saturating_sub(n);
            out.drain(..from);
        }
        if reverse {
            out.reverse();
        }
        let mut text = String::new();
        for l in out {
            text.push_str(&l);
            text.push('\n');
        }
        io.out(text);
        0
    }
}

/// The first lines a kubelet logs when it starts.
fn kubelet_startup_lines(t: TimeMs, pid: u32, node: &str) -> Vec<String> {
    let v = super::KUBERNETES_VERSION;
    vec![
        format!("{}server.go:486] \"Kubelet version\" kubeletVersion=\"{v}\"", klog('I', t, pid)),
        format!("{}server.go:488] \"Golang settings\" GOGC=\"\" GOMAXPROCS=\"\" GOTRACEBACK=\"\"", klog('I', t + 1, pid)),
        format!("{}server.go:929] \"Client rotation is on, will bootstrap in background\"", klog('I', t + 3, pid)),
        format!("{}kuberuntime_manager.go:262] \"Container runtime initialized\" containerRuntime=\"containerd\" version=\"1.7.22\" apiVersion=\"v1\"", klog('I', t + 41, pid)),
        format!("{}kubelet.go:408] \"Adding static pod path\" path=\"/etc/kubernetes/manifests\"", klog('I', t + 45, pid)),
        format!("{}kubelet_node_status.go:72] \"Attempting to register node\" node=\"{node}\"", klog('I', t + 310, pid)),
        format!("{}kubelet_node_status.go:75] \"Successfully registered node\" node=\"{node}\"", klog('I', t + 352, pid)),
    ]
}

/// systemd's CPU time: `1h 2min 3.456s`.
fn cpu_time(ms: i64) -> String {
    let s = ms / 1000;
    let frac = ms % 1000;
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}min"));
    }
    parts.push(format!("{sec}.{frac:03}s"));
    parts.join(" ")
}

/// systemd's time span: `9d 3h 26min 11.123s`.
fn systemd_span(ms: i64) -> String {
    let ms = ms.max(0);
    let s = ms / 1000;
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d}d"));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}min"));
    }
    parts.push(format!("{sec}.{:03}s", ms % 1000));
    parts.join(" ")
}

fn containerd_status(_node: &str) -> String {
    "● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n     Active: active (running)\n       Docs: https://containerd.io\n   Main PID: 612 (containerd)\n     CGroup: /system.slice/containerd.service\n             └─612 /usr/bin/containerd\n".to_string()
}

const CRICTL_COMMANDS: &[&str] = &[
    "attach",
    "create",
    "exec",
    "info",
    "inspect",
    "inspecti",
    "imagefsinfo",
    "inspectp",
    "port-forward",
    "pull",
    "run",
    "runp",
    "rm",
    "rmi",
    "rmp",
    "start",
    "stats",
    "statsp",
    "stop",
    "stopp",
    "update",
    "config",
    "completion",
    "checkpoint",
    "events",
    "update-runtime-config",
];

const CRICTL_HELP: &str = "NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

VERSION:
   v1.31.1

COMMANDS:
   attach              Attach to a running container
   create              Create a new container
   exec                Run a command in a running container
   version             Display runtime version information
   images, image, img  List images
   inspect             Display the status of one or more containers
   inspecti            Return the status of one or more images
   imagefsinfo         Return image filesystem info
   inspectp            Display the status of one or more pods
   logs                Fetch the logs of a container
   port-forward        Forward local port to a pod
   ps                  List containers
   pull                Pull an image from a registry
   run                 Run a new container inside a sandbox
   runp                Run a new pod
   rm                  Remove one or more containers
   rmi                 Remove one or more images
   rmp                 Remove one or more pods
   pods                List pods
   start               Start one or more created containers
   info                Display information of the container runtime
   stop                Stop one or more running containers
   stopp               Stop one or more running pods
   update              Update one or more running containers
   config              Get and set crictl client configuration options
   stats               List container(s) resource usage statistics
   statsp              List pod statistics. Stats are running pod sandbox resource usage statistics
   checkpoint          Checkpoint one or more running containers
   events, event       Stream the events of containers
   update-runtime-config  Update the runtime configuration
   completion          Output shell completion code
   help, h             Shows a list of commands or help for one command

GLOBAL OPTIONS:
   --config value, -c value            Location of the client config file. If not specified and the default does not exist, the program's directory is searched as well (default: \"/etc/crictl.yaml\") [$CRI_CONFIG_FILE]
   --debug, -D                         Enable debug mode (default: false)
   --image-endpoint value, -i value    Endpoint of CRI image manager service (default: uses 'runtime-endpoint' setting) [$IMAGE_SERVICE_ENDPOINT]
   --runtime-endpoint value, -r value  Endpoint of CRI container runtime service (default: uses in order the first successful one of [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]). Default is now deprecated and the endpoint should be set instead. [$CONTAINER_RUNTIME_ENDPOINT]
   --timeout value, -t value           Timeout of connecting to the server in seconds (e.g. 2s, 20s.). 0 or less is set to default (default: 2s)
   --help, -h                          show help
   --version, -v                       print the version
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(go_units_size(67_234_000), "67.2MB");
        assert_eq!(go_units_size(117_300_000), "117MB");
        assert_eq!(go_units_size(4_270_000), "4.27MB");
        assert_eq!(go_units_size(320_000), "320kB");
        assert_eq!(go_units_duration(30_000), "30 seconds ago");
        assert_eq!(go_units_duration(90_000), "About a minute ago");
        assert_eq!(go_units_duration(9 * 86_400_000), "9 days ago");
        assert_eq!(systemd_relative(9 * 86_400_000), "1 week 2 days ago");
        assert_eq!(systemd_relative(5_000), "5s ago");
        assert_eq!(systemd_relative(65_000), "1min 5s ago");
    }

    #[test]
    fn stopping_the_kubelet_makes_the_node_not_ready() {
        let mut c = crate::sim::bootstrap::kubeadm_cluster(1);
        let mut io = Io::new(String::new());
        let argv = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        assert_eq!(
            c.node_tool("node01", &argv("systemctl stop kubelet"), Lang::En, &mut io),
            Some(0)
        );
        assert!(c.stopped_kubelets.contains("node01"));
        let mut io = Io::new(String::new());
        assert_eq!(
            c.node_tool(
                "node01",
                &argv("systemctl status kubelet"),
                Lang::En,
                &mut io
            ),
            Some(3)
        );
        assert!(io.stdout_text().contains("inactive (dead)"));
        c.advance(60_000);
        let node = c.api.peek(rt("nodes"), "", "node01").unwrap();
        let ready = node["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["type"] == "Ready")
            .unwrap();
        assert_eq!(ready["status"], "Unknown");
        let mut io = Io::new(String::new());
        assert_eq!(
            c.node_tool(
                "node01",
                &argv("systemctl start kubelet"),
                Lang::En,
                &mut io
            ),
            Some(0)
        );
        assert!(!c.stopped_kubelets.contains("node01"));
        let mut io = Io::new(String::new());
        c.node_tool("node01", &argv("crictl ps"), Lang::En, &mut io);
        assert!(io.stdout_text().starts_with("CONTAINER           IMAGE"));
        assert!(io.stdout_text().contains("kube-proxy"));
    }
}

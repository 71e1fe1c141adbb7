//! The cluster: every component and the clock that moves them. `advance` is the only way time
//! passes; between two instants the components run until nothing changes (`settle`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::apiserver::ApiServer;
use super::clock::TimeMs;
use super::controllers::{nodelifecycle, ControllerManager};
use super::informer::{Delta, Informer};
use super::kubelet::Kubelet;
use super::object;
use super::registry::Registry;
use super::resources::rt;
use super::scheduler::Scheduler;
use crate::vfs::Fs;

/// A bound on the rounds of one settle, so a feedback loop between controllers cannot freeze
/// the page. Converging clusters need a handful.
const MAX_SETTLE_ROUNDS: usize = 64;
/// How long an Event is kept.
const EVENT_TTL_MS: TimeMs = 3_600_000;
/// From kube-apiserver's container start to its first answer (it connects to etcd, installs
/// its APIs and runs its post-start hooks first).
pub const APISERVER_STARTUP_MS: TimeMs = 15_000;
/// How often kube-apiserver reconciles the `default/kubernetes` Service.
const KUBERNETES_SERVICE_RECONCILE_MS: TimeMs = 10_000;
/// From etcd's container start to serving its clients.
pub const ETCD_STARTUP_MS: TimeMs = 3_000;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cluster {
    pub api: ApiServer,
    pub controllers: ControllerManager,
    pub scheduler: Scheduler,
    pub kubelets: Vec<Kubelet>,
    /// Each node's filesystem, by node name.
    pub node_fs: BTreeMap<String, Fs>,
    pub registry: Registry,
    /// Whether the control-plane components run (a broken kube-scheduler manifest stops the
    /// scheduler, as on a real node).
    pub scheduler_running: bool,
    pub controller_manager_running: bool,
    /// Port-forwards and the Service load-balancing counter (see `network`).
    #[serde(default)]
    pub network: super::network::Network,
    /// Kubelets stopped by `stop_kubelet` (a lesson's "the kubelet died"), by node name.
    #[serde(default)]
    pub stopped_kubelets: BTreeSet<String>,
    /// The kubelet service of each node as systemd sees it (`systemctl`, `journalctl`).
    #[serde(default)]
    pub kubelet_service: BTreeMap<String, super::node_tools::KubeletService>,
    /// What each kubelet has seen: the node's filesystem generation at its last sync. A kubelet
    /// is woken only when it has something to do (its pods changed, a timer fired, a file
    /// changed), as the real one sleeps on its channels; with thousands of pods, waking every
    /// kubelet on every change would dominate.
    #[serde(default)]
    kubelet_fs_seen: BTreeMap<String, u64>,
    /// The cluster's own cursor in the watch stream, to tell which nodes' pods changed.
    #[serde(default)]
    watch: Informer,
    /// The uids of the objects the cluster was built with (kubeadm's): not the learner's, so
    /// not exported (`session::export`).
    #[serde(default)]
    pub system_uids: BTreeSet<String>,
    /// Since when the `default/kubernetes` Service has been seen missing (kube-apiserver puts
    /// it back on its next 10 s reconcile).
    #[serde(default)]
    kubernetes_service_missing_since: Option<TimeMs>,
    /// The node directory the store's data is (etcd's data dir; `None`: kubeadm's
    /// `/var/lib/etcd`), and when etcd's container last started (see `etcd`).
    #[serde(default)]
    pub(crate) etcd_data_dir: Option<String>,
    #[serde(default)]
    pub(crate) etcd_started_seen: Option<TimeMs>,
    /// Rounds the last `settle` took (tests check convergence with it).
    #[serde(default)]
    pub last_settle_rounds: usize,
    /// When the oldest stored Event expires, as of the last sweep: no sweep is needed before
    /// then, since recorded events only ever carry the current time. Recomputed after a load.
    #[serde(skip)]
    next_event_expiry: Option<TimeMs>,
}

impl Cluster {
    /// Notes every stored object as the cluster's own (called once the cluster is built).
    pub fn mark_system_objects(&mut self) {
        // Inserted one by one: `collect` into a set would bring its own copy of the sort.
        self.system_uids.clear();
        for (_, o) in self.api.store.iter() {
            if let Some(uid) = o.pointer("/metadata/uid").and_then(|u| u.as_str()) {
                self.system_uids.insert(uid.to_string());
            }
        }
    }

    /// An empty cluster at time `now`; see `bootstrap` for a kubeadm one.
    pub fn empty(seed: u64, now: TimeMs) -> Cluster {
        Cluster {
            api: ApiServer::new(seed, now),
            controllers: ControllerManager::default(),
            scheduler: Scheduler::default(),
            kubelets: vec![],
            node_fs: BTreeMap::new(),
            registry: Registry::well_known(),
            scheduler_running: true,
            controller_manager_running: true,
            network: Default::default(),
            stopped_kubelets: BTreeSet::new(),
            kubelet_service: BTreeMap::new(),
            kubelet_fs_seen: BTreeMap::new(),
            watch: Informer::default(),
            system_uids: BTreeSet::new(),
            kubernetes_service_missing_since: None,
            etcd_data_dir: None,
            etcd_started_seen: None,
            last_settle_rounds: 0,
            next_event_expiry: None,
        }
    }

    pub fn now(&self) -> TimeMs {
        self.api.now()
    }

    /// Runs every component at the current instant until the store stops changing. Returns
    /// the number of rounds it took (at most `MAX_SETTLE_ROUNDS`).
    /// The controller-manager's work queues drained, no time passing: what it does between two
    /// requests of one kubectl command (a new namespace gets its default service account
    /// before the file's next object is created, as it does within milliseconds on a real
    /// cluster).
    pub fn controllers_catch_up(&mut self) {
        if self.controller_manager_running && self.apiserver_serving() {
            self.controllers.sync(&mut self.api);
        }
    }

    pub fn settle(&mut self) -> usize {
        if self.apiserver_serving() {
            self.heartbeats();
        }
        let mut rounds = 0;
        for _ in 0..MAX_SETTLE_ROUNDS {
            rounds += 1;
            let before = self.api.store.resource_version();
            self.refresh_control_plane();
            self.follow_etcd_data_dir();
            // The controller-manager and the scheduler reach the store only through the API
            // server: while it is down they wait. (The kubelets go on running their pods; what
            // they report is simplified to reach the store at once.)
            let serving = self.apiserver_serving();
            if serving {
                self.reconcile_kubernetes_service();
            }
            if self.controller_manager_running && serving {
                self.controllers.sync(&mut self.api);
            }
            if self.scheduler_running && serving {
                self.scheduler.sync(&mut self.api);
            }
            self.sync_kubelets();
            if self.api.store.resource_version() == before {
                break;
            }
        }
        self.last_settle_rounds = rounds;
        rounds
    }

    /// Running kubelets renew their node Lease and post their Node status (lazily: see
    /// `controllers::nodelifecycle`); the control-plane components renew their leader leases.
    fn heartbeats(&mut self) {
        for k in &self.kubelets {
            if !self.stopped_kubelets.contains(k.node_name()) {
                nodelifecycle::kubelet_heartbeat(&mut self.api, k.node_name());
            }
        }
        if self.scheduler_running {
            nodelifecycle::renew_lease(&mut self.api, "kube-system", "kube-scheduler");
        }
        if self.controller_manager_running {
            nodelifecycle::renew_lease(&mut self.api, "kube-system", "kube-controller-manager");
        }
        let apiserver_leases: Vec<String> = self
            .api
            .for_each(rt("leases.coordination.k8s.io"), Some("kube-system"))
            .map(|l| object::name(l).to_string())
            .filter(|n| n.starts_with("apiserver-"))
            .collect();
        for name in apiserver_leases {
            nodelifecycle::renew_lease(&mut self.api, "kube-system", &name);
        }
    }

    /// Stops a node's kubelet (a lesson's "the kubelet died"): its pods keep running as they
    /// were, but nothing reports on them; after the grace period the node lifecycle controller
    /// marks the node NotReady and taints it unreachable.
    pub fn stop_kubelet(&mut self, node: &str) -> bool {
        if !self.kubelets.iter().any(|k| k.node_name() == node) {
            return false;
        }
        self.stopped_kubelets.insert(node.to_string());
        true
    }

    /// Starts a stopped kubelet again: it renews its Lease, reports Ready and catches up.
    pub fn start_kubelet(&mut self, node: &str) -> bool {
        let was_stopped = self.stopped_kubelets.remove(node);
        if was_stopped {
            self.settle();
        }
        was_stopped
    }

    /// Syncs the kubelets that have something to do: pods on their node changed, a container
    /// or pod timer is due, their node's files changed, or they never ran.
    fn sync_kubelets(&mut self) {
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut everyone = false;
        match self.watch.poll(&self.api.store) {
            Delta::Events(events) => {
                for e in events {
                    if e.key.resource == "pods" {
                        let node = super::object::str_at(&e.object, "/spec/nodeName");
                        if !node.is_empty() && !touched.contains(node) {
                            touched.insert(node.to_string());
                        }
                    }
                }
            }
            Delta::Relist => everyone = true,
        }
        let now = self.now();
        for k in self.kubelets.iter_mut() {
            let node = k.node_name().to_string();
            if self.stopped_kubelets.contains(&node) {
                continue;
            }
            // A node's files are missing only while kubectl holds them (`Session`).
            let fs = self.node_fs.get(&node);
            let generation = fs.map(Fs::generation);
            let fs_changed =
                generation.is_some() && self.kubelet_fs_seen.get(&node) != generation.as_ref();
            let due = k.next_wake().is_some_and(|t| t <= now);
            if everyone || fs_changed || due || touched.contains(&node) {
                k.sync(&mut self.api, fs, &self.registry);
                if let Some(g) = generation {
                    self.kubelet_fs_seen.insert(node, g);
                }
            }
        }
    }

    /// The next instant at which some component has timed work.
    pub fn next_wake(&self) -> Option<TimeMs> {
        let mut t = None;
        let mut consider = |x: Option<TimeMs>| {
            if let Some(x) = x {
                t = Some(t.map_or(x, |t: TimeMs| t.min(x)));
            }
        };
        let serving = self.apiserver_serving();
        if !serving {
            consider(self.apiserver_serving_from().filter(|at| *at > self.now()));
        }
        if let (true, Some(since)) = (serving, self.kubernetes_service_missing_since) {
            consider(Some(since + KUBERNETES_SERVICE_RECONCILE_MS));
        }
        if self.controller_manager_running && serving {
            consider(self.controllers.next_wake());
        }
        if self.scheduler_running && serving {
            consider(self.scheduler.next_wake());
        }
        for k in &self.kubelets {
            if !self.stopped_kubelets.contains(k.node_name()) {
                consider(k.next_wake());
            } else if let Some(renewed) = nodelifecycle::lease_renew_time(&self.api, k.node_name())
            {
                // The node lifecycle controller notices the silence after its grace period.
                let due = renewed + nodelifecycle::NODE_MONITOR_GRACE_MS;
                if due > self.now() {
                    consider(Some(due));
                }
            }
        }
        t
    }

    /// When the API server serves, or will from its containers as they run now: kube-apiserver
    /// and etcd both running on the control-plane node, long enough to have started. `None`
    /// while either is not running (its manifest moved away, a bad image, a crash).
    #[inline(never)]
    pub fn apiserver_serving_from(&self) -> Option<TimeMs> {
        let Some(cp) = self.kubelets.iter().find(|k| k.config.control_plane) else {
            // A cluster without kubeadm's control-plane node (tests): always serving.
            return Some(TimeMs::MIN);
        };
        let api = cp.static_component_running_since("kube-apiserver")?;
        let etcd = cp.static_component_running_since("etcd")?;
        Some((api + APISERVER_STARTUP_MS).max(etcd + ETCD_STARTUP_MS))
    }

    /// Whether the API server answers now: kubectl and the control-plane clients get
    /// `connection refused` while it does not.
    pub fn apiserver_serving(&self) -> bool {
        self.apiserver_serving_from()
            .is_some_and(|at| at <= self.now())
    }

    /// kube-apiserver's own controller for the `default/kubernetes` Service, its Endpoints and
    /// EndpointSlice: deleted, they come back on its next reconcile (every 10 s).
    fn reconcile_kubernetes_service(&mut self) {
        let cp = self.kubelets.iter().any(|k| k.config.control_plane);
        let present = self
            .api
            .store
            .get(&super::store::Key::new("services", "default", "kubernetes"))
            .is_some();
        if !cp || present {
            self.kubernetes_service_missing_since = None;
            return;
        }
        let now = self.now();
        let since = *self.kubernetes_service_missing_since.get_or_insert(now);
        if now < since + KUBERNETES_SERVICE_RECONCILE_MS {
            return;
        }
        self.kubernetes_service_missing_since = None;
        for (resource, ns, obj) in super::bootstrap::addon_objects() {
            if ns == "default" && object::name(&obj) == "kubernetes" {
                let r = rt(&resource);
                if self.api.get(r, &ns, "kubernetes").is_err() {
                    let _ = self.api.create(r, &ns, obj);
                }
            }
        }
    }

    /// Moves time forward by `ms`, stopping at every instant where something is due.
    pub fn advance(&mut self, ms: TimeMs) {
        let target = self.now() + ms.max(0);
        self.advance_to(target);
    }

    pub fn advance_to(&mut self, target: TimeMs) {
        self.advance_within(target, &mut || false);
    }

    /// Moves time towards `target`, one due instant at a time, but stops after an instant once
    /// `over_budget` says so (the page's clock tick keeps each frame short when a thousand
    /// pods change at once; the cluster clock then runs behind for a moment). Returns whether
    /// it reached `target`.
    pub fn advance_within(
        &mut self,
        target: TimeMs,
        over_budget: &mut dyn FnMut() -> bool,
    ) -> bool {
        self.settle();
        // Bounded: each step either reaches the target or a strictly later wake time. The
        // next wake is computed once per step (it visits every pod's timers).
        let mut wake = self.next_wake();
        for _ in 0..1_000_000 {
            match wake {
                Some(t) if t <= target => {
                    let t = t.max(self.now());
                    self.api.set_now(t);
                    self.settle();
                    wake = self.next_wake();
                    if wake.is_some_and(|n| n <= t) {
                        // Work due now that did not happen: move on by a millisecond so time
                        // always advances.
                        self.api.set_now(t + 1);
                        wake = self.next_wake();
                    }
                    if wake.is_some_and(|n| n <= target) && over_budget() {
                        self.expire_events();
                        return false;
                    }
                }
                _ => break,
            }
        }
        self.api.set_now(target);
        self.settle();
        self.expire_events();
        true
    }

    /// Events live one hour (the API server's `--event-ttl`).
    fn expire_events(&mut self) {
        let now = self.now();
        if self.next_event_expiry.is_some_and(|t| now < t) {
            return;
        }
        let cutoff = now - EVENT_TTL_MS;
        let mut old = vec![];
        let mut oldest_kept: Option<TimeMs> = None;
        for (k, e) in self.api.store.list("events", None) {
            let Some(t) = super::clock::parse_rfc3339(super::object::str_at(e, "/lastTimestamp"))
            else {
                continue;
            };
            if t < cutoff {
                old.push(k.clone());
            } else {
                oldest_kept = Some(oldest_kept.map_or(t, |o: TimeMs| o.min(t)));
            }
        }
        for k in old {
            self.api.store.remove(&k);
        }
        // An event written later is stamped `now` or after: it cannot expire sooner.
        self.next_event_expiry = Some(oldest_kept.unwrap_or(now) + EVENT_TTL_MS);
    }

    /// The scheduler and the controller-manager run while their static pods' containers run
    /// on the control-plane node (a manifest moved away, a bad image or a bad flag stops them).
    fn refresh_control_plane(&mut self) {
        if let Some(cp) = self.kubelets.iter().find(|k| k.config.control_plane) {
            self.scheduler_running = cp
                .static_component_running_since("kube-scheduler")
                .is_some();
            self.controller_manager_running = cp
                .static_component_running_since("kube-controller-manager")
                .is_some();
        }
    }
}

//! kube-scheduler: binds each unscheduled pod to a node that passes the filters (ready,
//! schedulable, taints tolerated, node selector and affinity, resources), preferring the least
//! loaded one.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::apiserver::ApiServer;
use super::clock::rfc3339;
use super::informer::{Delta, Informer};
use super::object::{self, str_at};
use super::resources::rt;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Scheduler {
    informer: Informer,
    /// Pods waiting for a node: (namespace, name).
    pending: BTreeSet<(String, String)>,
    /// When unschedulable pods are tried again (the real scheduler's backoff queue flush).
    retry_at: Option<i64>,
    /// The scheduler cache: what each node already runs, kept up to date from pod watch
    /// events, so one scheduling attempt costs O(nodes) and not O(pods).
    #[serde(default)]
    cache: NodeCache,
}

/// What one pod takes on its node.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Placement {
    node: String,
    cpu_millis: i64,
    memory_bytes: i64,
}

/// Per-node totals of the pods bound to each node that have not finished.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NodeCache {
    /// node → (pods, cpu millis, memory bytes)
    nodes: BTreeMap<String, (usize, i64, i64)>,
    /// `namespace/name` → where the pod counts.
    placements: BTreeMap<String, Placement>,
}

impl NodeCache {
    /// Accounts for the pod stored under `key` now being `pod` (None: deleted).
    fn observe(&mut self, key: String, pod: Option<&Value>) {
        if let Some(old) = self.placements.remove(&key) {
            if let Some(n) = self.nodes.get_mut(&old.node) {
                n.0 = n.0.saturating_sub(1);
                n.1 -= old.cpu_millis;
                n.2 -= old.memory_bytes;
            }
        }
        let Some(pod) = pod else { return };
        let node = str_at(pod, "/spec/nodeName");
        if node.is_empty() || matches!(str_at(pod, "/status/phase"), "Succeeded" | "Failed") {
            return;
        }
        let (cpu_millis, memory_bytes) = pod_requests(pod);
        let n = self.nodes.entry(node.to_string()).or_default();
        n.0 += 1;
        n.1 += cpu_millis;
        n.2 += memory_bytes;
        self.placements.insert(
            key,
            Placement {
                node: node.to_string(),
                cpu_millis,
                memory_bytes,
            },
        );
    }

    fn rebuild(&mut self, api: &ApiServer) {
        *self = NodeCache::default();
        for p in api.for_each(rt("pods"), None) {
            let key = format!("{}/{}", object::namespace(p), object::name(p));
            self.observe(key, Some(p));
        }
    }

    /// (pods, cpu millis, memory bytes) on a node.
    pub fn usage(&self, node: &str) -> (usize, i64, i64) {
        self.nodes.get(node).copied().unwrap_or_default()
    }
}

/// How long an unschedulable pod waits when nothing in the cluster changes: the scheduler's
/// `podMaxInUnschedulablePodsDuration` (5 min). A node added or changed, or a pod leaving a
/// node, moves the waiting pods back at once (the queue's cluster-event hints).
const RETRY_MS: i64 = 300_000;

/// The first taint with one of `effects` that the pod does not tolerate.
pub fn untolerated_taint<'a>(pod: &Value, node: &'a Value, effects: &[&str]) -> Option<&'a Value> {
    let taints = node.at("/spec/taints").and_then(Value::as_array)?;
    let tolerations: &[Value] = pod
        .at("/spec/tolerations")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    taints.iter().find(|t| {
        let effect = str_at(t, "/effect");
        effects.contains(&effect)
            && !tolerations.iter().any(|tol| {
                let op = str_at(tol, "/operator");
                let key_ok = str_at(tol, "/key").is_empty() && op == "Exists"
                    || str_at(tol, "/key") == str_at(t, "/key");
                let value_ok = op == "Exists" || str_at(tol, "/value") == str_at(t, "/value");
                let effect_ok =
                    str_at(tol, "/effect").is_empty() || str_at(tol, "/effect") == effect;
                key_ok && value_ok && effect_ok
            })
    })
}

fn requirement_matches(req: &Value, get: &dyn Fn(&str) -> Option<String>) -> bool {
    let key = str_at(req, "/key");
    let values: Vec<&str> = req
        .get("values")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let have = get(key);
    match str_at(req, "/operator") {
        "In" => have.is_some_and(|h| values.contains(&h.as_str())),
        "NotIn" => have.is_none_or(|h| !values.contains(&h.as_str())),
        "Exists" => have.is_some(),
        "DoesNotExist" => have.is_none(),
        "Gt" | "Lt" => {
            let (Some(h), Some(v)) = (
                have.and_then(|h| h.parse::<i64>().ok()),
                values.first().and_then(|v| v.parse::<i64>().ok()),
            ) else {
                return false;
            };
            if str_at(req, "/operator") == "Gt" {
                h > v
            } else {
                h < v
            }
        }
        _ => false,
    }
}

/// `spec.nodeSelector` and required node affinity.
pub fn node_selector_matches(pod: &Value, node: &Value) -> bool {
    let no_labels = serde_json::Map::new();
    let labels = node
        .at("/metadata/labels")
        .and_then(Value::as_object)
        .unwrap_or(&no_labels);
    if let Some(sel) = pod.at("/spec/nodeSelector").and_then(Value::as_object) {
        if !sel.iter().all(|(k, v)| labels.get(k) == Some(v)) {
            return false;
        }
    }
    let Some(terms) = pod
        .at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")
        .and_then(Value::as_array)
    else {
        return true;
    };
    let label = |k: &str| labels.get(k).and_then(Value::as_str).map(str::to_string);
    let field = |k: &str| (k == "metadata.name").then(|| object::name(node).to_string());
    terms.iter().any(|term| {
        let exprs_ok = term
            .get("matchExpressions")
            .and_then(Value::as_array)
            .is_none_or(|es| es.iter().all(|e| requirement_matches(e, &label)));
        let fields_ok = term
            .get("matchFields")
            .and_then(Value::as_array)
            .is_none_or(|fs| fs.iter().all(|f| requirement_matches(f, &field)));
        exprs_ok && fields_ok
    })
}

/// Parses a CPU quantity to millicores (`100m`, `0.5`, `2`).
pub fn cpu_millis(q: &str) -> i64 {
    if let Some(m) = q.strip_suffix('m') {
        return m.parse().unwrap_or(0);
    }
    q.parse::<f64>()
        .map(|v| (v * 1000.0).round() as i64)
        .unwrap_or(0)
}

/// Parses a memory quantity to bytes (`128Mi`, `1G`, `500000`).
pub fn memory_bytes(q: &str) -> i64 {
    const UNITS: [(&str, i64); 12] = [
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
        ("Pi", 1 << 50),
        ("Ei", 1 << 60),
        ("k", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
        ("T", 1_000_000_000_000),
        ("P", 1_000_000_000_000_000),
        ("E", 1_000_000_000_000_000_000),
    ];
    for (suffix, mult) in UNITS {
        if let Some(n) = q.strip_suffix(suffix) {
            return n
                .parse::<f64>()
                .map(|v| (v * mult as f64) as i64)
                .unwrap_or(0);
        }
    }
    q.parse::<f64>().map(|v| v as i64).unwrap_or(0)
}

/// Sum of container requests: (cpu millis, memory bytes).
pub fn pod_requests(pod: &Value) -> (i64, i64) {
    let mut cpu = 0;
    let mut mem = 0;
    if let Some(cs) = pod.at("/spec/containers").and_then(Value::as_array) {
        for c in cs {
            cpu += cpu_millis(str_at(c, "/resources/requests/cpu"));
            mem += memory_bytes(str_at(c, "/resources/requests/memory"));
        }
    }
    (cpu, mem)
}

fn node_ready(node: &Value) -> bool {
    node.at("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True")
        })
}

impl Scheduler {
    pub fn next_wake(&self) -> Option<i64> {
        if self.pending.is_empty() {
            None
        } else {
            self.retry_at
        }
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut nodes_changed = false;
        let mut fresh = BTreeSet::new();
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "pods" => {
                            let gone = e.event_type == super::store::EventType::Deleted;
                            let key = format!("{}/{}", e.key.namespace, e.key.name);
                            let counted_before = self.cache.placements.contains_key(&key);
                            self.cache
                                .observe(key.clone(), (!gone).then_some(&e.object));
                            let counted_now = self.cache.placements.contains_key(&key);
                            if str_at(&e.object, "/spec/nodeName").is_empty() {
                                if !gone && e.object.at("/metadata/deletionTimestamp").is_none() {
                                    fresh.insert((e.key.namespace.clone(), e.key.name.clone()));
                                }
                            } else if counted_before && !counted_now {
                                // A pod leaving a node (gone or finished) frees room for the
                                // waiting ones.
                                nodes_changed = true;
                            }
                        }
                        "nodes" => nodes_changed = true,
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                self.cache.rebuild(api);
                for p in api.for_each(rt("pods"), None) {
                    if str_at(p, "/spec/nodeName").is_empty() {
                        fresh.insert((
                            object::namespace(p).to_string(),
                            object::name(p).to_string(),
                        ));
                    }
                }
            }
        }
        let retry_due = self.retry_at.is_some_and(|t| t <= api.now());
        let mut work: Vec<(String, String)> = fresh.iter().cloned().collect();
        if nodes_changed || retry_due {
            work.extend(self.pending.iter().cloned());
            work.sort_shared();
            work.dedup();
        }
        // Nodes do not change while pods are bound, so one list serves the whole pass.
        let nodes: Vec<NodeView> = if work.is_empty() {
            vec![]
        } else {
            api.list(rt("nodes"), None)
                .into_iter()
                .map(NodeView::of)
                .collect()
        };
        for (ns, name) in work {
            let first_attempt = fresh.contains(&(ns.clone(), name.clone()))
                && !self.pending.contains(&(ns.clone(), name.clone()));
            match self.schedule_one(api, &nodes, &ns, &name, first_attempt) {
                Some(true) | None => {
                    self.pending.remove(&(ns, name));
                }
                Some(false) => {
                    self.pending.insert((ns, name));
                }
            }
        }
        self.retry_at = if self.pending.is_empty() {
            None
        } else if retry_due || self.retry_at.is_none() {
            Some(api.now() + RETRY_MS)
        } else {
            self.retry_at
        };
    }

    /// Some(true): bound. Some(false): no node fits. None: not ours to schedule.
    fn schedule_one(
        &mut self,
        api: &mut ApiServer,
        nodes: &[NodeView],
        ns: &str,
        name: &str,
        first_attempt: bool,
    ) -> Option<bool> {
        // The verdict is reached on the stored pod without copying it.
        let (verdict, involved) = {
            let pod = api.store.get(&super::store::Key::new("pods", ns, name))?;
            if !str_at(pod, "/spec/nodeName").is_empty()
                || pod.at("/metadata/deletionTimestamp").is_some()
            {
                return None;
            }
            let sched = str_at(pod, "/spec/schedulerName");
            if !sched.is_empty() && sched != "default-scheduler" {
                return None;
            }
            (self.verdict(pod, nodes), object::reference_fields(pod))
        };
        let node_name = match verdict {
            Ok(node_name) => node_name,
            Err(message) => {
                let now = rfc3339(api.now());
                let same = api
                    .store
                    .get(&super::store::Key::new("pods", ns, name))
                    .and_then(|p| p.at("/status/conditions/0"))
                    .is_some_and(|c| {
                        // UpdatePodCondition: the same verdict again writes nothing.
                        str_at(c, "/type") == "PodScheduled"
                            && str_at(c, "/status") == "False"
                            && str_at(c, "/message") == message
                    });
                let updated = if same {
                    true
                } else {
                    api.modify(rt("pods"), ns, name, |p| {
                        p["status"]["conditions"] = json!([{
                            "lastProbeTime": null,
                            "lastTransitionTime": now,
                            "message": message,
                            "reason": "Unschedulable",
                            "status": "False",
                            "type": "PodScheduled",
                        }]);
                    })
                    .is_ok()
                };
                if first_attempt || updated {
                    api.record_event(
                        &involved,
                        "Warning",
                        "FailedScheduling",
                        &message,
                        "default-scheduler",
                        "",
                    );
                }
                return Some(false);
            }
        };
        let now = rfc3339(api.now());
        let bound = api.modify(rt("pods"), ns, name, |p| {
            p["spec"]["nodeName"] = json!(node_name);
            p["status"]["conditions"] = json!([{
                "lastProbeTime": null,
                "lastTransitionTime": now,
                "status": "True",
                "type": "PodScheduled",
            }]);
        });
        if let Ok(bound) = bound {
            // The bind counts at once for the pods scheduled after it in this pass.
            self.cache.observe(format!("{ns}/{name}"), Some(&bound));
            api.record_event(
                &bound,
                "Normal",
                "Scheduled",
                &format!("Successfully assigned {ns}/{name} to {node_name}"),
                "default-scheduler",
                "",
            );
        }
        Some(true)
    }

    /// The filters over every node, then the least loaded node that passed (Ok), or the
    /// FailedScheduling message (Err).
    fn verdict(&self, pod: &Value, nodes: &[NodeView]) -> Result<String, String> {
        let (want_cpu, want_mem) = pod_requests(pod);
        let mut reasons: BTreeMap<String, usize> = Default::default();
        let mut candidates = vec![];
        for node in nodes {
            let (pods_on_node, used_cpu, used_mem) = self.cache.usage(&node.name);
            // The filter plugins in their v1.31 order: NodeUnschedulable, TaintToleration (a
            // NotReady node without the controller's taint yet counts as tainted not-ready),
            // NodeAffinity, NodeResourcesFit.
            let reason = if node.unschedulable
                && untolerated_taint(pod, &UNSCHEDULABLE_TAINT, &["NoSchedule"]).is_some()
            {
                Some("1 node(s) were unschedulable".to_string())
            } else if let Some(t) =
                untolerated_taint(pod, &node.object, &["NoSchedule", "NoExecute"])
            {
                Some(format!(
                    "1 node(s) had untolerated taint {{{}: {}}}",
                    str_at(t, "/key"),
                    str_at(t, "/value")
                ))
            } else if !node.ready {
                Some("1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }".to_string())
            } else if !node_selector_matches(pod, &node.object) {
                Some("1 node(s) didn't match Pod's node affinity/selector".to_string())
            } else if pods_on_node >= node.max_pods {
                Some("1 Too many pods".to_string())
            } else if want_cpu > 0 && used_cpu + want_cpu > node.alloc_cpu {
                Some("1 Insufficient cpu".to_string())
            } else if want_mem > 0 && used_mem + want_mem > node.alloc_mem {
                Some("1 Insufficient memory".to_string())
            } else {
                candidates.push((
                    pods_on_node,
                    used_cpu * 1000 / node.alloc_cpu.max(1),
                    &node.name,
                ));
                None
            };
            if let Some(r) = reason {
                *reasons.entry(r).or_default() += 1;
            }
        }
        // Least loaded first; the name breaks ties so the result is stable.
        if let Some((_, _, best)) = candidates.into_iter().min() {
            return Ok(best.clone());
        }
        let detail = reasons
            .iter()
            .map(|(r, n)| match r.split_once(' ') {
                Some((_, rest)) if r.starts_with("1 ") => format!("{n} {rest}"),
                _ => r.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let total = nodes.len();
        Err(if total == 0 {
            "no nodes available to schedule pods".to_string()
        } else {
            format!("0/{total} nodes are available: {detail}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling.")
        })
    }
}

/// The taint a cordoned node counts as having (the NodeUnschedulable plugin).
static UNSCHEDULABLE_TAINT: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"spec": {"taints": [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}]}}),
);

/// What the filters read of a node, parsed once per scheduling pass.
struct NodeView {
    name: String,
    object: Value,
    unschedulable: bool,
    ready: bool,
    alloc_cpu: i64,
    alloc_mem: i64,
    max_pods: usize,
}

impl NodeView {
    fn of(node: Value) -> NodeView {
        NodeView {
            name: object::name(&node).to_string(),
            unschedulable: node.at("/spec/unschedulable") == Some(&json!(true)),
            ready: node_ready(&node),
            alloc_cpu: cpu_millis(str_at(&node, "/status/allocatable/cpu")),
            alloc_mem: memory_bytes(str_at(&node, "/status/allocatable/memory")),
            max_pods: str_at(&node, "/status/allocatable/pods")
                .parse::<usize>()
                .unwrap_or(110),
            object: node,
        }
    }
}

//! Seeded invariant checks over random workloads, and a scale test.

use crate::sim::object::Pointer as _;
use serde_json::json;

use crate::sim::bootstrap::kubeadm_cluster;
use crate::sim::cluster::Cluster;
use crate::sim::kubelet::{Kubelet, NodeConfig};
use crate::sim::object::str_at;
use crate::sim::resources::rt;
use crate::vfs::Fs;

/// Joins `n` more workers (110 pods each) to a cluster.
fn add_workers(c: &mut Cluster, n: usize) {
    for i in 0..n {
        let name = format!("worker{i:02}");
        c.node_fs.insert(name.clone(), Fs::new());
        c.kubelets.push(Kubelet::new(NodeConfig {
            name,
            ip: format!("192.168.2.{}", i + 10),
            pod_cidr_prefix: format!("10.244.{}", i + 2),
            control_plane: false,
            cpu: "4".into(),
            memory_ki: 8_000_000,
        }));
    }
    c.settle();
}

/// 2,000 replicas are created, scheduled and taken on by kubelets in one settle that
/// converges in a handful of rounds (each round is every component once).
#[test]
fn a_2000_replica_deployment_settles_in_few_rounds() {
    let mut c = kubeadm_cluster(1);
    add_workers(&mut c, 20);
    let d = json!({"metadata": {"name": "big"}, "spec": {"replicas": 2000, "selector": {"matchLabels": {"app": "big"}}, "template": {"metadata": {"labels": {"app": "big"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
    c.api.create(rt("deployments.apps"), "default", d).unwrap();
    let rounds = c.settle();
    assert!(rounds <= 12, "settle took {rounds} rounds");
    let pods: Vec<_> = c.api.for_each(rt("pods"), Some("default")).collect();
    assert_eq!(pods.len(), 2000);
    assert!(pods.iter().all(|p| !str_at(p, "/spec/nodeName").is_empty()));
    // The scheduler's per-node counts agree with the pods, and no node is over 110.
    for k in &c.kubelets {
        let on_node = pods
            .iter()
            .filter(|p| str_at(p, "/spec/nodeName") == k.node_name())
            .count();
        assert!(on_node <= 110, "{} runs {on_node}", k.node_name());
    }
}

// ---------------------------------------------------------------------------------------------
// Controller invariants over seeded random workloads.

use std::collections::BTreeMap;

use serde_json::Value;

use super::deployment::resolve_int_or_percent;
use super::is_pod_active;
use crate::sim::object::{self, controller_of};
use crate::sim::rng::Rng;
use crate::sim::scheduler::{node_selector_matches, untolerated_taint};
use crate::sim::store::{EventType, Key};

const APPS: [&str; 3] = ["alpha", "beta", "gamma"];
const IMAGES: [&str; 3] = ["nginx:1.25", "nginx:1.26", "httpd:2.4"];

fn deployment(name: &str, replicas: i64, surge: &str, image: &str) -> Value {
    json!({"metadata": {"name": name}, "spec": {
        "replicas": replicas,
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": surge, "maxUnavailable": 0}},
        "selector": {"matchLabels": {"app": name}},
        "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "c", "image": image}]}}}})
}

/// One random step of a workload: what a learner might do.
fn random_step(c: &mut Cluster, rng: &mut Rng) {
    let app = APPS[rng.range(0, 2) as usize];
    let d_type = rt("deployments.apps");
    match rng.range(0, 9) {
        0 | 1 => {
            let surge = ["25%", "1", "2", "50%"][rng.range(0, 3) as usize];
            let image = IMAGES[rng.range(0, 2) as usize];
            let _ = c.api.create(
                d_type,
                "default",
                deployment(app, rng.range(0, 5), surge, image),
            );
        }
        2 => {
            let n = rng.range(0, 6);
            let _ = c
                .api
                .modify(d_type, "default", app, |d| d["spec"]["replicas"] = json!(n));
        }
        3 => {
            let image = IMAGES[rng.range(0, 2) as usize];
            let _ = c.api.modify(d_type, "default", app, |d| {
                d["spec"]["template"]["spec"]["containers"][0]["image"] = json!(image)
            });
        }
        4 => {
            let _ = c.api.delete(d_type, "default", app, Default::default());
        }
        5 => {
            let pods: Vec<String> = c
                .api
                .for_each(rt("pods"), Some("default"))
                .map(|p| object::name(p).to_string())
                .collect();
            if !pods.is_empty() {
                let victim = &pods[rng.range(0, pods.len() as i64 - 1) as usize];
                let _ = c
                    .api
                    .delete(rt("pods"), "default", victim, Default::default());
            }
        }
        6 => {
            // Cordon or uncordon a worker.
            let node = ["node01", "worker00", "worker01"][rng.range(0, 2) as usize];
            let on = rng.range(0, 1) == 1;
            let _ = c.api.modify(rt("nodes"), "", node, |n| {
                if on {
                    n["spec"]["unschedulable"] = json!(true);
                } else if let Some(s) = n.get_mut("spec").and_then(Value::as_object_mut) {
                    s.remove("unschedulable");
                }
            });
        }
        7 => {
            let ds = json!({"metadata": {"name": "agent"}, "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {"metadata": {"labels": {"app": "agent"}}, "spec": {"containers": [{"name": "a", "image": "busybox", "command": ["sleep", "infinity"]}]}}}});
            if c.api.create(rt("daemonsets.apps"), "default", ds).is_err() {
                let _ = c.api.delete(
                    rt("daemonsets.apps"),
                    "default",
                    "agent",
                    Default::default(),
                );
            }
        }
        _ => {}
    }
    c.settle();
    let ms = rng.range(0, 20) * 1000;
    c.advance(ms);
}

/// Every ReplicaSet has exactly `spec.replicas` active pods.
fn check_replicasets(c: &Cluster) -> Result<(), String> {
    for rs in c.api.for_each(rt("replicasets.apps"), None) {
        if rs.at("/metadata/deletionTimestamp").is_some() {
            continue;
        }
        let uid = object::uid(rs);
        let active = c
            .api
            .for_each(rt("pods"), Some(object::namespace(rs)))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
            .count() as i64;
        let want = rs.at("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
        if active != want {
            return Err(format!(
                "{}: {active} active pods, want {want}",
                object::name(rs)
            ));
        }
    }
    Ok(())
}

/// A Deployment's ReplicaSets together never ask for more than replicas + maxSurge.
fn check_surge(c: &Cluster) -> Result<(), String> {
    for d in c.api.for_each(rt("deployments.apps"), None) {
        let want = d.at("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
        let surge =
            resolve_int_or_percent(d.at("/spec/strategy/rollingUpdate/maxSurge"), want, true, 1);
        let uid = object::uid(d);
        let total: i64 = c
            .api
            .for_each(rt("replicasets.apps"), Some(object::namespace(d)))
            .filter(|rs| controller_of(rs).is_some_and(|(_, _, u)| u == uid))
            .filter_map(|rs| rs.at("/spec/replicas").and_then(Value::as_i64))
            .sum();
        if total > want + surge {
            return Err(format!(
                "{}: {total} replicas asked for, limit {want}+{surge}",
                object::name(d)
            ));
        }
    }
    Ok(())
}

/// Every DaemonSet has one active pod on each node it may run on.
fn check_daemonsets(c: &Cluster) -> Result<(), String> {
    let nodes: Vec<Value> = c.api.list(rt("nodes"), None);
    for ds in c.api.for_each(rt("daemonsets.apps"), None) {
        if ds.at("/metadata/deletionTimestamp").is_some() {
            continue;
        }
        let uid = object::uid(ds);
        let mut probe = json!({"spec": ds.at("/spec/template/spec").cloned().unwrap_or(json!({}))});
        let tolerations = probe["spec"]
            .as_object_mut()
            .map(|s| s.entry("tolerations").or_insert_with(|| json!([])));
        if let Some(Value::Array(ts)) = tolerations {
            for key in [
                "node.kubernetes.io/not-ready",
                "node.kubernetes.io/unreachable",
                "node.kubernetes.io/unschedulable",
            ] {
                ts.push(json!({"key": key, "operator": "Exists"}));
            }
        }
        for node in &nodes {
            let eligible = node_selector_matches(&probe, node)
                && untolerated_taint(&probe, node, &["NoSchedule", "NoExecute"]).is_none();
            let here = c
                .api
                .for_each(rt("pods"), Some(object::namespace(ds)))
                .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_pod_active(p))
                .filter(|p| {
                    str_at(p, "/spec/nodeName") == object::name(node)
                        || p.at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchFields/0/values/0")
                            .and_then(Value::as_str)
                            == Some(object::name(node))
                })
                .count();
            if here != usize::from(eligible) {
                return Err(format!(
                    "{} on {}: {here} pods, eligible {eligible}",
                    object::name(ds),
                    object::name(node)
                ));
            }
        }
    }
    Ok(())
}

/// Over the watch stream since `since`: resourceVersions strictly increase, no pod is bound to
/// a node that was unschedulable at that moment (unless it tolerates that), and replaying the
/// events onto the snapshot taken at `since` gives the store's state.
fn check_watch(
    c: &Cluster,
    since: u64,
    snapshot: &BTreeMap<Key, Value>,
    unschedulable_at_start: &BTreeMap<String, bool>,
) -> Result<(), String> {
    let events = c
        .api
        .store
        .events_since(since)
        .map_err(|_| "watch history expired".to_string())?;
    let mut state = snapshot.clone();
    let mut unschedulable = unschedulable_at_start.clone();
    let mut last = since;
    for e in events {
        if e.resource_version <= last {
            return Err(format!(
                "resourceVersion {} after {last}",
                e.resource_version
            ));
        }
        last = e.resource_version;
        if str_at(&e.object, "/metadata/resourceVersion") != e.resource_version.to_string() {
            return Err(format!(
                "event {} carries another resourceVersion",
                e.resource_version
            ));
        }
        if e.key.resource == "nodes" && e.event_type != EventType::Deleted {
            unschedulable.insert(
                e.key.name.clone(),
                e.object.at("/spec/unschedulable") == Some(&json!(true)),
            );
        }
        if e.key.resource == "pods" && e.event_type != EventType::Deleted {
            let before = state
                .get(&e.key)
                .map(|p| str_at(p, "/spec/nodeName").to_string())
                .unwrap_or_default();
            let node = str_at(&e.object, "/spec/nodeName");
            let tolerates = untolerated_taint(
                &e.object,
                &json!({"spec": {"taints": [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}]}}),
                &["NoSchedule"],
            )
            .is_none();
            let static_pod = object::annotation(&e.object, "kubernetes.io/config.mirror").is_some();
            if before.is_empty()
                && !node.is_empty()
                && !tolerates
                && !static_pod
                && unschedulable.get(node).copied().unwrap_or(false)
            {
                return Err(format!("{} bound to unschedulable {node}", e.key.name));
            }
        }
        match e.event_type {
            EventType::Deleted => {
                state.remove(&e.key);
            }
            _ => {
                state.insert(e.key.clone(), e.object.clone());
            }
        }
    }
    if last != c.api.store.resource_version() {
        return Err(format!(
            "last event {last}, store at {}",
            c.api.store.resource_version()
        ));
    }
    let store: BTreeMap<Key, Value> = c
        .api
        .store
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if store != state {
        let differing = store
            .keys()
            .chain(state.keys())
            .find(|k| store.get(*k) != state.get(*k))
            .map(|k| format!("{k:?}"))
            .unwrap_or_default();
        return Err(format!(
            "replayed watch differs from the store at {differing}"
        ));
    }
    Ok(())
}

#[test]
fn controller_invariants_hold_over_random_workloads() {
    for seed in 1u64..=5 {
        let mut c = kubeadm_cluster(seed);
        add_workers(&mut c, 2);
        c.advance(30_000);
        let since = c.api.store.resource_version();
        let snapshot: BTreeMap<Key, Value> = c
            .api
            .store
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let unschedulable: BTreeMap<String, bool> = c
            .api
            .for_each(rt("nodes"), None)
            .map(|n| {
                (
                    object::name(n).to_string(),
                    n.at("/spec/unschedulable") == Some(&json!(true)),
                )
            })
            .collect();
        let mut rng = Rng::new(seed * 7919);
        for step in 0..60 {
            random_step(&mut c, &mut rng);
            let checks = [check_replicasets(&c), check_surge(&c), check_daemonsets(&c)];
            for r in checks {
                if let Err(e) = r {
                    panic!("seed {seed}, step {step}: {e}");
                }
            }
        }
        if let Err(e) = check_watch(&c, since, &snapshot, &unschedulable) {
            panic!("seed {seed}: {e}");
        }
    }
}

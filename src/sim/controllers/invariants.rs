//! Seeded invariant checks over random workloads, and a scale test.

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

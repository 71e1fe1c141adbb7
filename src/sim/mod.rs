//! The simulated cluster: etcd (`store`), kube-apiserver (`apiserver`), kube-controller-manager
//! (`controllers`), kube-scheduler (`scheduler`) and a kubelet per node (`kubelet`), moved on by
//! a virtual clock (`clock`) and a seeded RNG (`rng`).

pub mod admission;
pub mod apiserver;
pub mod bootstrap;
pub mod clock;
pub mod cluster;
pub mod container;
pub mod controllers;
pub mod defaults;
pub mod etcd;
pub mod informer;
pub mod kubeadm;
pub mod kubelet;
pub mod labels;
pub mod network;
pub mod node_tools;
pub mod object;
pub mod patch;
pub mod qos;
pub mod quantity;
pub mod registry;
pub mod resources;
pub mod rest;
pub mod rng;
pub mod scheduler;
pub mod schema;
pub mod store;
pub mod token;
pub mod validation;

pub use cluster::Cluster;

/// The Kubernetes version of the simulated control plane and kubelets.
pub const KUBERNETES_VERSION: &str = "v1.31.9";

/// `version.Info` (`/version`, `kubectl version`) in its Go field order, as `-o json` prints it (`json.MarshalIndent`, two
/// spaces); `-o yaml` goes through JSON into sorted keys and ends in a blank line. Client and server come from the same
/// v1.31 release build.
pub const VERSION_INFO: &[(&str, &str)] = &[
    ("major", "1"),
    ("minor", "31"),
    ("gitVersion", KUBERNETES_VERSION),
    ("gitCommit", "8f3800390d488f54f74111f22973059e133f9cba"),
    ("gitTreeState", "clean"),
    ("buildDate", "2025-05-15T09:17:16Z"),
    ("goVersion", "go1.23.8"),
    ("compiler", "gc"),
    ("platform", "linux/amd64"),
];

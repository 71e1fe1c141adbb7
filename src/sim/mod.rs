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
pub mod rng;
pub mod scheduler;
pub mod schema;
pub mod store;
pub mod token;
pub mod validation;

pub use cluster::Cluster;

/// The Kubernetes version of the simulated control plane and kubelets.
pub const KUBERNETES_VERSION: &str = "v1.31.9";

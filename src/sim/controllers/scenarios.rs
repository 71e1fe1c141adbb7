//! Whole-cluster scenarios for the controllers: objects go in through the API server, time
//! passes, and the state that emerges is checked.

use crate::sim::object::Pointer as _;
use serde_json::{json, Value};

use crate::sim::bootstrap::kubeadm_cluster;
use crate::sim::cluster::Cluster;
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;

fn cluster() -> Cluster {
    kubeadm_cluster(5)
}

fn pods_of(c: &Cluster, ns: &str, prefix: &str) -> Vec<Value> {
    c.api
        .for_each(rt("pods"), Some(ns))
        .filter(|p| object::name(p).starts_with(prefix))
        .cloned()
        .collect()
}

fn web_deployment(replicas: i64) -> Value {
    json!({"metadata": {"name": "web"}, "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25", "ports": [{"name": "http", "containerPort": 80}]}]}}}})
}

#[test]
fn endpoints_follow_ready_pods() {
    let mut c = cluster();
    c.api
        .create(rt("deployments.apps"), "default", web_deployment(2))
        .unwrap();
    c.api
        .create(
            rt("services"),
            "default",
            json!({"metadata": {"name": "web"}, "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}}),
        )
        .unwrap();
    c.settle();
    let ep = c.api.get(rt("endpoints"), "default", "web").unwrap();
    // Scheduled, but no IP yet or not ready: not published as ready.
    assert!(ep.at("/subsets/0/addresses").is_none());
    c.advance(30_000);
    let ep = c.api.get(rt("endpoints"), "default", "web").unwrap();
    let addresses = ep
        .at("/subsets/0/addresses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(addresses.len(), 2);
    assert_eq!(ep.at("/subsets/0/ports/0/port"), Some(&json!(80)));
    let slices: Vec<Value> = c
        .api
        .for_each(rt("endpointslices.discovery.k8s.io"), Some("default"))
        .filter(|s| object::name(s).starts_with("web-"))
        .cloned()
        .collect();
    assert_eq!(slices.len(), 1);
    assert_eq!(slices[0]["endpoints"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        slices[0]["ports"],
        json!([{"name": "", "port": 80, "protocol": "TCP"}])
    );
    // Deleting the service takes its endpoints and slices with it.
    c.api
        .delete(rt("services"), "default", "web", Default::default())
        .unwrap();
    c.settle();
    assert!(c.api.get(rt("endpoints"), "default", "web").is_err());
    assert!(!c
        .api
        .for_each(rt("endpointslices.discovery.k8s.io"), Some("default"))
        .any(|s| object::name(s).starts_with("web-")));
}

#[test]
fn a_job_runs_its_completions_and_finishes() {
    let mut c = cluster();
    c.api
        .create(
            rt("jobs.batch"),
            "default",
            json!({"metadata": {"name": "batch"}, "spec": {"completions": 3, "parallelism": 2, "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "work", "image": "busybox", "command": ["sh", "-c", "sleep 5"]}]}}}}),
        )
        .unwrap();
    c.settle();
    let pods = pods_of(&c, "default", "batch-");
    assert_eq!(pods.len(), 2);
    let p = &pods[0];
    assert_eq!(object::name(p).len(), "batch-".len() + 5);
    assert_eq!(
        object::labels(p).get("batch.kubernetes.io/job-name"),
        Some(&json!("batch"))
    );
    assert!(object::labels(p).contains_key("batch.kubernetes.io/controller-uid"));
    assert_eq!(
        p.at("/metadata/finalizers"),
        Some(&json!(["batch.kubernetes.io/job-tracking"]))
    );
    c.advance(120_000);
    let job = c.api.get(rt("jobs.batch"), "default", "batch").unwrap();
    assert_eq!(job["status"]["succeeded"], 3);
    let types: Vec<&str> = job["status"]["conditions"]
        .as_array()
        .map(|cs| cs.iter().map(|c| str_at(c, "/type")).collect())
        .unwrap_or_default();
    assert_eq!(types, vec!["SuccessCriteriaMet", "Complete"]);
    assert!(!str_at(&job, "/status/completionTime").is_empty());
    assert!(!str_at(&job, "/status/startTime").is_empty());
    let pods = pods_of(&c, "default", "batch-");
    assert_eq!(pods.len(), 3);
    assert!(pods.iter().all(|p| p.at("/metadata/finalizers").is_none()));
}

#[test]
fn a_failing_job_stops_at_its_backoff_limit() {
    let mut c = cluster();
    c.api
        .create(
            rt("jobs.batch"),
            "default",
            json!({"metadata": {"name": "bad"}, "spec": {"backoffLimit": 2, "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "work", "image": "busybox", "command": ["sh", "-c", "exit 1"]}]}}}}),
        )
        .unwrap();
    c.advance(600_000);
    let job = c.api.get(rt("jobs.batch"), "default", "bad").unwrap();
    assert_eq!(job["status"]["failed"], 3);
    let failed = job["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| str_at(c, "/type") == "Failed"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(failed["reason"], "BackoffLimitExceeded");
    assert_eq!(
        failed["message"],
        "Job has reached the specified backoff limit"
    );
    assert_eq!(pods_of(&c, "default", "bad-").len(), 3);
    let events: Vec<String> = c
        .api
        .for_each(rt("events"), Some("default"))
        .filter(|e| str_at(e, "/involvedObject/name") == "bad")
        .map(|e| str_at(e, "/reason").to_string())
        .collect();
    assert!(events.contains(&"BackoffLimitExceeded".to_string()));
}

#[test]
fn a_cronjob_creates_jobs_at_its_times_and_keeps_history() {
    let mut c = cluster();
    c.api
        .create(
            rt("cronjobs.batch"),
            "default",
            json!({"metadata": {"name": "tick"}, "spec": {"schedule": "*/2 * * * *", "successfulJobsHistoryLimit": 2, "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure", "containers": [{"name": "t", "image": "busybox", "command": ["echo", "tick"]}]}}}}}}),
        )
        .unwrap();
    c.settle();
    assert!(c
        .api
        .for_each(rt("jobs.batch"), Some("default"))
        .next()
        .is_none());
    c.advance(11 * 60_000);
    let jobs: Vec<String> = c
        .api
        .for_each(rt("jobs.batch"), Some("default"))
        .map(|j| object::name(j).to_string())
        .collect();
    assert_eq!(jobs.len(), 2, "{jobs:?}");
    for j in &jobs {
        let minutes: i64 = j.trim_start_matches("tick-").parse().unwrap_or(-1);
        assert_eq!(minutes % 2, 0, "{j}");
    }
    let cj = c.api.get(rt("cronjobs.batch"), "default", "tick").unwrap();
    assert!(!str_at(&cj, "/status/lastScheduleTime").is_empty());
    // Suspended: no more jobs.
    c.api
        .modify(rt("cronjobs.batch"), "default", "tick", |o| {
            o["spec"]["suspend"] = json!(true)
        })
        .unwrap();
    let before = str_at(&cj, "/status/lastScheduleTime").to_string();
    c.advance(10 * 60_000);
    let cj = c.api.get(rt("cronjobs.batch"), "default", "tick").unwrap();
    assert_eq!(str_at(&cj, "/status/lastScheduleTime"), before);
}

#[test]
fn a_statefulset_starts_in_order_and_scales_down_in_reverse() {
    let mut c = cluster();
    c.api
        .create(
            rt("statefulsets.apps"),
            "default",
            json!({"metadata": {"name": "db"}, "spec": {"serviceName": "db", "replicas": 3, "selector": {"matchLabels": {"app": "db"}}, "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "db", "image": "redis"}]}}}}),
        )
        .unwrap();
    c.settle();
    let names: Vec<String> = pods_of(&c, "default", "db-")
        .iter()
        .map(|p| object::name(p).to_string())
        .collect();
    assert_eq!(names, vec!["db-0"], "one at a time");
    let p0 = c.api.get(rt("pods"), "default", "db-0").unwrap();
    assert_eq!(p0["spec"]["hostname"], "db-0");
    assert_eq!(p0["spec"]["subdomain"], "db");
    assert_eq!(
        object::labels(&p0).get("statefulset.kubernetes.io/pod-name"),
        Some(&json!("db-0"))
    );
    c.advance(60_000);
    let names: Vec<String> = pods_of(&c, "default", "db-")
        .iter()
        .map(|p| object::name(p).to_string())
        .collect();
    assert_eq!(names, vec!["db-0", "db-1", "db-2"]);
    let set = c.api.get(rt("statefulsets.apps"), "default", "db").unwrap();
    assert_eq!(set["status"]["readyReplicas"], 3);
    c.api
        .modify(rt("statefulsets.apps"), "default", "db", |o| {
            o["spec"]["replicas"] = json!(1)
        })
        .unwrap();
    c.settle();
    let deleting: Vec<String> = pods_of(&c, "default", "db-")
        .iter()
        .filter(|p| p.at("/metadata/deletionTimestamp").is_some())
        .map(|p| object::name(p).to_string())
        .collect();
    assert_eq!(
        deleting,
        vec!["db-2"],
        "the highest ordinal goes first, alone"
    );
    c.advance(60_000);
    let names: Vec<String> = pods_of(&c, "default", "db-")
        .iter()
        .map(|p| object::name(p).to_string())
        .collect();
    assert_eq!(names, vec!["db-0"]);
}

#[test]
fn a_replication_controller_keeps_its_pods() {
    let mut c = cluster();
    c.api
        .create(
            rt("replicationcontrollers"),
            "default",
            json!({"metadata": {"name": "rc"}, "spec": {"replicas": 2, "template": {"metadata": {"labels": {"app": "rc"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}),
        )
        .unwrap();
    c.advance(30_000);
    let rc = c
        .api
        .get(rt("replicationcontrollers"), "default", "rc")
        .unwrap();
    assert_eq!(rc["spec"]["selector"], json!({"app": "rc"}));
    assert_eq!(rc["status"]["readyReplicas"], 2);
    let pods = pods_of(&c, "default", "rc-");
    assert_eq!(pods.len(), 2);
    c.api
        .delete(
            rt("pods"),
            "default",
            object::name(&pods[0]),
            Default::default(),
        )
        .unwrap();
    c.settle();
    let active = pods_of(&c, "default", "rc-")
        .iter()
        .filter(|p| p.at("/metadata/deletionTimestamp").is_none())
        .count();
    assert_eq!(active, 2);
}

#[test]
fn a_node_whose_kubelet_stops_goes_unknown_and_its_pods_are_evicted() {
    let mut c = cluster();
    c.api
        .create(rt("deployments.apps"), "default", web_deployment(2))
        .unwrap();
    c.advance(30_000);
    let lease = c
        .api
        .get(
            rt("leases.coordination.k8s.io"),
            "kube-node-lease",
            "node01",
        )
        .unwrap();
    assert_eq!(lease["spec"]["holderIdentity"], "node01");
    assert_eq!(lease["spec"]["leaseDurationSeconds"], 40);
    assert!(c.stop_kubelet("node01"));
    c.advance(30_000);
    let ready = |c: &Cluster| {
        let n = c.api.get(rt("nodes"), "", "node01").unwrap();
        n["status"]["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|x| str_at(x, "/type") == "Ready"))
            .map(|x| str_at(x, "/status").to_string())
            .unwrap_or_default()
    };
    assert_eq!(ready(&c), "True", "within the grace period");
    c.advance(20_000);
    assert_eq!(ready(&c), "Unknown");
    let node = c.api.get(rt("nodes"), "", "node01").unwrap();
    let taints: Vec<String> = node["spec"]["taints"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .map(|t| format!("{}:{}", str_at(t, "/key"), str_at(t, "/effect")))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        taints,
        vec![
            "node.kubernetes.io/unreachable:NoExecute",
            "node.kubernetes.io/unreachable:NoSchedule"
        ]
    );
    // After the 300 s toleration the pods are marked for deletion (they stay Terminating while
    // the kubelet is away) and the ReplicaSet has nowhere to put new ones but the tainted node.
    c.advance(310_000);
    let web: Vec<Value> = pods_of(&c, "default", "web-");
    assert!(web
        .iter()
        .filter(|p| str_at(p, "/spec/nodeName") == "node01")
        .all(|p| p.at("/metadata/deletionTimestamp").is_some()));
    // The kubelet comes back: Ready again, taints gone, the evicted pods finish going.
    assert!(c.start_kubelet("node01"));
    c.advance(60_000);
    assert_eq!(ready(&c), "True");
    let node = c.api.get(rt("nodes"), "", "node01").unwrap();
    assert!(node.at("/spec/taints").is_none());
    let running = pods_of(&c, "default", "web-")
        .iter()
        .filter(|p| {
            str_at(p, "/status/phase") == "Running" && p.at("/metadata/deletionTimestamp").is_none()
        })
        .count();
    assert_eq!(running, 2);
}

#[test]
fn a_restored_cluster_rebuilds_the_replicaset_pod_cache_and_still_heals() {
    let mut c = cluster();
    c.api
        .create(rt("deployments.apps"), "default", web_deployment(3))
        .unwrap();
    c.advance(30_000);
    assert_eq!(pods_of(&c, "default", "web-").len(), 3);
    // A save and a load: the controllers' caches are not saved and start empty.
    let text = serde_json::to_string(&c).unwrap();
    let mut c: Cluster = serde_json::from_str(&text).unwrap();
    let victim = object::name(&pods_of(&c, "default", "web-")[0]).to_string();
    c.api
        .delete(rt("pods"), "default", &victim, Default::default())
        .unwrap();
    c.advance(60_000);
    let pods = pods_of(&c, "default", "web-");
    assert_eq!(pods.len(), 3, "the ReplicaSet replaced the deleted pod");
    assert!(pods.iter().all(|p| object::name(p) != victim));
    let rs = c
        .api
        .for_each(rt("replicasets.apps"), Some("default"))
        .find(|rs| object::name(rs).starts_with("web-"))
        .cloned()
        .unwrap();
    assert_eq!(rs.at("/status/replicas"), Some(&json!(3)));
    assert_eq!(rs.at("/status/readyReplicas"), Some(&json!(3)));
    assert_eq!(rs.at("/status/fullyLabeledReplicas"), Some(&json!(3)));
}

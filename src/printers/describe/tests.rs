//! The describers against outputs of real kubectl v1.31.

use serde_json::json;

use super::*;
use crate::sim::clock::parse_rfc3339;

fn at(ts: &str) -> TimeMs {
    parse_rfc3339(ts).unwrap_or(0)
}

fn event(
    reason: &str,
    ty: &str,
    from: &str,
    msg: &str,
    first: &str,
    last: &str,
    count: i64,
) -> Value {
    json!({
        "type": ty, "reason": reason, "message": msg, "source": {"component": from},
        "firstTimestamp": first, "lastTimestamp": last, "count": count,
        "involvedObject": {"kind": "Pod", "name": "nginx", "namespace": "default"}
    })
}

#[test]
fn pod_from_kubectl_run() {
    let pod = json!({
        "kind": "Pod",
        "metadata": {"name": "nginx", "namespace": "default", "labels": {"run": "nginx"},
                     "creationTimestamp": "2024-07-15T10:02:11Z"},
        "spec": {
            "containers": [{"name": "nginx", "image": "nginx",
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                  "name": "kube-api-access-x7p2s", "readOnly": true}]}],
            "nodeName": "node01", "priority": 0, "serviceAccountName": "default",
            "tolerations": [
                {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
            ],
            "volumes": [{"name": "kube-api-access-x7p2s", "projected": {"sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]}}]
        },
        "status": {
            "phase": "Running", "hostIP": "192.168.1.3", "podIP": "10.244.1.2",
            "podIPs": [{"ip": "10.244.1.2"}], "qosClass": "BestEffort",
            "startTime": "2024-07-15T10:02:11Z",
            "conditions": [
                {"type": "PodReadyToStartContainers", "status": "True"},
                {"type": "Initialized", "status": "True"},
                {"type": "Ready", "status": "True"},
                {"type": "ContainersReady", "status": "True"},
                {"type": "PodScheduled", "status": "True"}
            ],
            "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 0,
                "containerID": "containerd://3f1c", "image": "docker.io/library/nginx:latest",
                "imageID": "docker.io/library/nginx@sha256:67682b",
                "state": {"running": {"startedAt": "2024-07-15T10:02:14Z"}}}]
        }
    });
    let events = vec![
        event("Scheduled", "Normal", "default-scheduler", "Successfully assigned default/nginx to node01", "2024-07-15T10:02:11Z", "2024-07-15T10:02:11Z", 1),
        event("Pulling", "Normal", "kubelet", "Pulling image \"nginx\"", "2024-07-15T10:02:12Z", "2024-07-15T10:02:12Z", 1),
        event("Pulled", "Normal", "kubelet", "Successfully pulled image \"nginx\" in 1.841s (1.841s including waiting). Image size: 71010466 bytes.", "2024-07-15T10:02:14Z", "2024-07-15T10:02:14Z", 1),
        event("Created", "Normal", "kubelet", "Created container nginx", "2024-07-15T10:02:14Z", "2024-07-15T10:02:14Z", 1),
        event("Started", "Normal", "kubelet", "Started container nginx", "2024-07-15T10:02:14Z", "2024-07-15T10:02:14Z", 1),
    ];
    let got = describe_pod(&pod, Some(&events), at("2024-07-15T10:02:26Z"));
    let want = "\
Name:             nginx
Namespace:        default
Priority:         0
Service Account:  default
Node:             node01/192.168.1.3
Start Time:       Mon, 15 Jul 2024 10:02:11 +0000
Labels:           run=nginx
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:  10.244.1.2
Containers:
  nginx:
    Container ID:   containerd://3f1c
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:67682b
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Mon, 15 Jul 2024 10:02:14 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7p2s (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-x7p2s:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  15s   default-scheduler  Successfully assigned default/nginx to node01
  Normal  Pulling    14s   kubelet            Pulling image \"nginx\"
  Normal  Pulled     12s   kubelet            Successfully pulled image \"nginx\" in 1.841s (1.841s including waiting). Image size: 71010466 bytes.
  Normal  Created    12s   kubelet            Created container nginx
  Normal  Started    12s   kubelet            Started container nginx
";
    assert_eq!(got, want);
}

#[test]
fn deployment_v131_layout() {
    let template = json!({
        "metadata": {"labels": {"app": "nginx"}},
        "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}
    });
    let d = json!({
        "kind": "Deployment",
        "metadata": {"name": "nginx", "namespace": "default", "uid": "d1",
                     "creationTimestamp": "2024-07-15T10:05:00Z", "labels": {"app": "nginx"},
                     "annotations": {"deployment.kubernetes.io/revision": "1"}},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}},
                 "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                 "template": template},
        "status": {"replicas": 3, "updatedReplicas": 3, "availableReplicas": 3, "readyReplicas": 3,
                   "conditions": [
                       {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                       {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}
    });
    let mut rs_template = template.clone();
    rs_template["metadata"]["labels"]["pod-template-hash"] = json!("7854ff8877");
    let rs = json!({
        "kind": "ReplicaSet",
        "metadata": {"name": "nginx-7854ff8877", "namespace": "default",
                     "creationTimestamp": "2024-07-15T10:05:00Z",
                     "labels": {"app": "nginx", "pod-template-hash": "7854ff8877"},
                     "ownerReferences": [{"kind": "Deployment", "name": "nginx", "uid": "d1", "controller": true}]},
        "spec": {"replicas": 3, "template": rs_template},
        "status": {"replicas": 3}
    });
    let mut ev = event(
        "ScalingReplicaSet",
        "Normal",
        "deployment-controller",
        "Scaled up replica set nginx-7854ff8877 to 3",
        "2024-07-15T10:05:00Z",
        "2024-07-15T10:05:00Z",
        1,
    );
    ev["involvedObject"]["kind"] = json!("Deployment");
    let got = describe_deployment(&d, &[rs], Some(&[ev]), at("2024-07-15T10:05:40Z"));
    let want = "\
Name:                   nginx
Namespace:              default
CreationTimestamp:      Mon, 15 Jul 2024 10:05:00 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   nginx-7854ff8877 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  40s   deployment-controller  Scaled up replica set nginx-7854ff8877 to 3
";
    assert_eq!(got, want);
}

#[test]
fn nodeport_service() {
    let svc = json!({
        "kind": "Service",
        "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {"selector": {"app": "nginx"}, "type": "NodePort", "ipFamilyPolicy": "SingleStack",
                 "ipFamilies": ["IPv4"], "clusterIP": "10.104.23.5", "clusterIPs": ["10.104.23.5"],
                 "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80, "nodePort": 31234}],
                 "sessionAffinity": "None", "externalTrafficPolicy": "Cluster"}
    });
    let eps = json!({"subsets": [{
        "addresses": [{"ip": "10.244.1.2"}, {"ip": "10.244.1.3"}, {"ip": "10.244.1.4"}],
        "ports": [{"port": 80, "protocol": "TCP"}]}]});
    let got = describe_service(&svc, Some(&eps), Some(&[]), 0);
    let want = "\
Name:                     nginx
Namespace:                default
Labels:                   app=nginx
Annotations:              <none>
Selector:                 app=nginx
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.104.23.5
IPs:                      10.104.23.5
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  31234/TCP
Endpoints:                10.244.1.2:80,10.244.1.3:80,10.244.1.4:80
Session Affinity:         None
External Traffic Policy:  Cluster
Events:                   <none>
";
    assert_eq!(got, want);
}

#[test]
fn endpoints_beyond_three_are_counted() {
    let addrs: Vec<Value> = (1..=5)
        .map(|i| json!({"ip": format!("10.0.0.{i}")}))
        .collect();
    let eps = json!({"subsets": [{"addresses": addrs, "ports": [{"name": "http", "port": 80}]}]});
    assert_eq!(
        format_endpoints(Some(&eps), Some("http")),
        "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more..."
    );
    assert_eq!(format_endpoints(None, Some("")), "<none>");
}

#[test]
fn repeated_events_show_count_and_span() {
    let e = event(
        "BackOff",
        "Warning",
        "kubelet",
        "x",
        "2024-07-15T10:00:00Z",
        "2024-07-15T10:01:33Z",
        4,
    );
    assert_eq!(
        event_interval(&e, at("2024-07-15T10:03:02Z")),
        "89s (x4 over 3m2s)"
    );
}

#[test]
fn last_applied_annotation_is_hidden_and_long_ones_wrap() {
    let cm = json!({
        "kind": "ConfigMap",
        "metadata": {"name": "c", "namespace": "default", "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": "{}",
            "a": "b",
            "long": "x".repeat(150)
        }},
        "data": {"k": "v"}
    });
    let got = describe_config_map(&cm, None, 0);
    let want = format!(
        "Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  a: b\n              long:\n                {}...\n\nData\n====\nk:\n----\nv\n\n\nBinaryData\n====\n\n",
        "x".repeat(138)
    );
    assert_eq!(got, want);
}

#[test]
fn qos_is_computed_when_status_has_none() {
    let pod = |res: Value| json!({"spec": {"containers": [{"name": "a", "resources": res}]}});
    assert_eq!(compute_pod_qos(&pod(json!({}))), "BestEffort");
    assert_eq!(
        compute_pod_qos(&pod(json!({"requests": {"cpu": "100m"}}))),
        "Burstable"
    );
    assert_eq!(
        compute_pod_qos(&pod(json!({
            "requests": {"cpu": "1", "memory": "1Gi"},
            "limits": {"cpu": "1000m", "memory": "1024Mi"}
        }))),
        "Guaranteed"
    );
}

#[test]
fn node_resources_show_percentages_of_allocatable() {
    let node = json!({
        "kind": "Node",
        "metadata": {"name": "n1", "creationTimestamp": "2024-07-15T10:00:00Z"},
        "status": {"allocatable": {"cpu": "2", "memory": "2000Mi", "pods": "110"}}
    });
    let pod = json!({
        "metadata": {"name": "p", "namespace": "kube-system", "creationTimestamp": "2024-07-15T10:00:00Z"},
        "spec": {"nodeName": "n1", "containers": [{"resources": {
            "requests": {"cpu": "100m", "memory": "70Mi"}, "limits": {"memory": "170Mi"}}}]},
        "status": {"phase": "Running"}
    });
    let got = describe_node(&node, &[pod], None, None, at("2024-07-15T10:10:00Z"));
    assert!(
        got.contains("  kube-system                 p       100m (5%)     0 (0%)      70Mi (3%)        170Mi (8%)     10m\n"),
        "{got}"
    );
    assert!(
        got.contains("  cpu                100m (5%)  0 (0%)\n"),
        "{got}"
    );
    assert!(got.contains(
        "Lease:              Failed to get lease: leases.coordination.k8s.io \"n1\" not found\n"
    ));
}

#[test]
fn generic_describer_splits_camel_case() {
    assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
    assert_eq!(smart_label("uid"), "UID");
    assert_eq!(smart_label("apiVersion"), "API Version");
    assert_eq!(smart_label("holderIdentity"), "Holder Identity");
    assert_eq!(
        smart_label("leaseDurationSeconds"),
        "Lease Duration Seconds"
    );
    assert_eq!(smart_label("podCIDR"), "Pod CIDR");
}

#[test]
fn hostile_input_does_not_panic() {
    for v in [
        json!(null),
        json!({"kind": "Pod"}),
        json!({"kind": "Pod", "spec": {"containers": "x", "volumes": [1, null, {"hostPath": 3}]}}),
        json!({"kind": "Node", "status": {"capacity": {"cpu": "zz"}}}),
        json!({"kind": "Deployment", "spec": {"selector": 5, "template": []}}),
        json!({"kind": "Thing", "a": {"b": [1, {"c": null}]}}),
    ] {
        let _ = describe(&v, &Related::default(), 0);
    }
}

#[test]
fn role_rules_sorted_as_kubectl_sorts_them() {
    let role = json!({"kind": "Role", "metadata": {"name": "pod-reader", "namespace": "default"},
    "rules": [
        {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "watch", "list"]},
        {"apiGroups": ["apps"], "resources": ["deployments", "deployments/scale"], "verbs": ["get"]}
    ]});
    let want = "\
Name:         pod-reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources               Non-Resource URLs  Resource Names  Verbs
  ---------               -----------------  --------------  -----
  pods                    []                 []              [get watch list]
  deployments.apps/scale  []                 []              [get]
  deployments.apps        []                 []              [get]
";
    assert_eq!(describe_role(&role), want);
}

//! The endpoints controller: for every Service with a selector, an Endpoints object of the same
//! name listing the selected pods' `ip:port`s — ready pods under `addresses`, the others under
//! `notReadyAddresses` (upstream `pkg/controller/endpoint`). Also the pieces the EndpointSlice
//! controller shares: which pods a service selects and which port a pod serves it on.

use crate::sim::object::Pointer as _;
use crate::sorting::{CollectInserted, SharedSort};
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::is_pod_ready;
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::clock::rfc3339;
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;
use crate::sim::store::{EventType, WatchEvent};

/// The annotation both controllers stamp with the time of the change they publish.
pub const TRIGGER_TIME: &str = "endpoints.kubernetes.io/last-change-trigger-time";
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";

/// Which services selected which pods at their last reconcile, so that a pod whose labels
/// changed still reaches the services that selected it before.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PodServiceIndex {
    /// `namespace/pod` → service names.
    by_pod: BTreeMap<String, BTreeSet<String>>,
}

impl PodServiceIndex {
    /// The services to reconcile for a watch event: services by name, and for pods the
    /// services that select them now or selected them before.
    pub fn services_for(&self, api: &ApiServer, e: &WatchEvent) -> Vec<(String, String)> {
        let ns = e.key.namespace.clone();
        match e.key.resource.as_str() {
            "services" => vec![(ns, e.key.name.clone())],
            "pods" => {
                let labels = object::labels(&e.object);
                let mut names: BTreeSet<String> = self
                    .by_pod
                    .get(&format!("{ns}/{}", e.key.name))
                    .cloned()
                    .unwrap_or_default();
                for s in api.for_each(rt("services"), Some(&ns)) {
                    if let Some(sel) = s.at("/spec/selector").and_then(Value::as_object) {
                        if object::map_selector_matches(sel, &labels) {
                            names.insert(object::name(s).to_string());
                        }
                    }
                }
                names.into_iter().map(|n| (ns.clone(), n)).collect()
            }
            _ => vec![],
        }
    }

    /// Records the pods a service selects now.
    pub fn record(&mut self, ns: &str, service: &str, pods: &[&Value]) {
        let now: BTreeSet<String> = pods
            .iter()
            .map(|p| format!("{ns}/{}", object::name(p)))
            .collect_inserted();
        self.by_pod.retain(|k, services| {
            if k.starts_with(&format!("{ns}/")) && !now.contains(k) {
                services.remove(service);
            }
            !services.is_empty()
        });
        for k in now {
            self.by_pod
                .entry(k)
                .or_default()
                .insert(service.to_string());
        }
    }
}

/// The service's selector when the controllers manage its endpoints: a selector is set and the
/// type is not ExternalName.
pub fn managed_selector(svc: &Value) -> Option<Map<String, Value>> {
    if str_at(svc, "/spec/type") == "ExternalName" {
        return None;
    }
    svc.at("/spec/selector")
        .and_then(Value::as_object)
        .filter(|m| !m.is_empty())
        .cloned()
}

/// ShouldPodBeInEndpoints: not finished, has an IP, and (unless `include_terminating`) is not
/// being deleted.
pub fn should_pod_be_in_endpoints(pod: &Value, include_terminating: bool) -> bool {
    if matches!(str_at(pod, "/status/phase"), "Succeeded" | "Failed") {
        return false;
    }
    if str_at(pod, "/status/podIP").is_empty() {
        return false;
    }
    include_terminating || pod.at("/metadata/deletionTimestamp").is_none()
}

/// findPort: the container port a service port reaches on a pod (a named targetPort looks up
/// the container port of that name and protocol).
pub fn find_port(pod: &Value, service_port: &Value) -> Option<i64> {
    match service_port.get("targetPort") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(name)) => {
            let protocol = match str_at(service_port, "/protocol") {
                "" => "TCP",
                p => p,
            };
            pod.at("/spec/containers")
                .and_then(Value::as_array)?
                .iter()
                .flat_map(|c| {
                    c.get("ports")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                })
                .find(|p| {
                    str_at(p, "/name") == name
                        && match str_at(p, "/protocol") {
                            "" => "TCP",
                            x => x,
                        } == protocol
                })
                .and_then(|p| p.get("containerPort").and_then(Value::as_i64))
        }
        _ => service_port.get("port").and_then(Value::as_i64),
    }
}

/// The pods in `ns` a selector picks, sorted by name.
pub fn selected_pods<'a>(
    api: &'a ApiServer,
    ns: &'a str,
    selector: &'a Map<String, Value>,
) -> Vec<&'a Value> {
    api.for_each(rt("pods"), Some(ns))
        .filter(|p| object::map_selector_matches(selector, object::labels_ref(p)))
        .collect()
}

/// `targetRef` of a pod.
pub fn target_ref(pod: &Value) -> Value {
    json!({
        "kind": "Pod",
        "name": object::name(pod),
        "namespace": object::namespace(pod),
        "uid": object::uid(pod),
    })
}

/// An EndpointPort / discovery port: `name` only when set.
fn endpoint_port(service_port: &Value, port: i64) -> Value {
    let mut p = Map::new();
    let name = str_at(service_port, "/name");
    if !name.is_empty() {
        p.insert("name".into(), json!(name));
    }
    p.insert("port".into(), json!(port));
    p.insert(
        "protocol".into(),
        json!(match str_at(service_port, "/protocol") {
            "" => "TCP",
            x => x,
        }),
    );
    if let Some(ap) = service_port.get("appProtocol") {
        p.insert("appProtocol".into(), ap.clone());
    }
    Value::Object(p)
}

/// One subset being built: (ready addresses, not-ready addresses, ports).
type Subset = (Vec<Value>, Vec<Value>, Vec<Value>);

/// The subsets of a service's Endpoints, repacked as `RepackSubsets` does: addresses with the
/// same ports share a subset; addresses sorted by IP, ports by name.
pub fn subsets(svc: &Value, pods: &[&Value]) -> Vec<Value> {
    let publish_not_ready = svc.at("/spec/publishNotReadyAddresses") == Some(&json!(true));
    let service_ports: Vec<Value> = svc
        .at("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let headless = str_at(svc, "/spec/clusterIP") == "None";
    // ports (as JSON text, to group by) → (ready addresses, not-ready addresses)
    let mut groups: BTreeMap<String, Subset> = BTreeMap::new();
    for pod in pods {
        if !should_pod_be_in_endpoints(pod, publish_not_ready) {
            continue;
        }
        let mut addr = Map::new();
        addr.insert("ip".into(), json!(str_at(pod, "/status/podIP")));
        let hostname = str_at(pod, "/spec/hostname");
        if !hostname.is_empty() && str_at(pod, "/spec/subdomain") == object::name(svc) {
            addr.insert("hostname".into(), json!(hostname));
        }
        let node = str_at(pod, "/spec/nodeName");
        if !node.is_empty() {
            addr.insert("nodeName".into(), json!(node));
        }
        addr.insert("targetRef".into(), target_ref(pod));
        let ready = publish_not_ready || is_pod_ready(pod);
        let mut ports: Vec<Value> = vec![];
        for sp in &service_ports {
            if let Some(port) = find_port(pod, sp) {
                ports.push(endpoint_port(sp, port));
            }
        }
        if ports.is_empty() && !(headless && service_ports.is_empty()) {
            continue;
        }
        ports.sort_shared_by(|a, b| str_at(a, "/name").cmp(str_at(b, "/name")));
        let key = serde_json::to_string(&ports).unwrap_or_default();
        let g = groups
            .entry(key)
            .or_insert_with(|| (vec![], vec![], ports.clone()));
        if ready {
            g.0.push(Value::Object(addr));
        } else {
            g.1.push(Value::Object(addr));
        }
    }
    let by_ip = |a: &Value, b: &Value| str_at(a, "/ip").cmp(str_at(b, "/ip"));
    groups
        .into_values()
        .map(|(mut ready, mut not_ready, ports)| {
            ready.sort_shared_by(by_ip);
            not_ready.sort_shared_by(by_ip);
            let mut s = Map::new();
            if !ready.is_empty() {
                s.insert("addresses".into(), json!(ready));
            }
            if !not_ready.is_empty() {
                s.insert("notReadyAddresses".into(), json!(not_ready));
            }
            if !ports.is_empty() {
                s.insert("ports".into(), json!(ports));
            }
            Value::Object(s)
        })
        .collect()
}

/// The labels the controllers copy from a service onto its endpoints.
pub fn endpoint_labels(svc: &Value) -> Map<String, Value> {
    let mut labels = object::labels(svc);
    if str_at(svc, "/spec/clusterIP") == "None" {
        labels.insert(HEADLESS_LABEL.into(), json!(""));
    } else {
        labels.remove(HEADLESS_LABEL);
    }
    labels
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EndpointsController {
    informer: Informer,
    queue: WorkQueue,
    #[serde(default)]
    index: PodServiceIndex,
}

impl EndpointsController {
    pub fn sync(&mut self, api: &mut ApiServer) {
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "services" | "pods" => {
                            for (ns, name) in self.index.services_for(api, e) {
                                self.queue.add(&ns, &name);
                            }
                        }
                        // Someone else changed or removed an Endpoints: put it right.
                        "endpoints" if e.event_type != EventType::Added => {
                            self.queue.add(&e.key.namespace, &e.key.name)
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for s in api.for_each(rt("services"), None) {
                    self.queue.add(object::namespace(s), object::name(s));
                }
            }
        }
        for (ns, name) in self.queue.take_all() {
            self.reconcile(api, &ns, &name);
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let ep_type = rt("endpoints");
        let existing = api.get(ep_type, ns, name).ok();
        let Ok(svc) = api.get(rt("services"), ns, name) else {
            // The service is gone: so are the endpoints it had.
            if existing.is_some() {
                let _ = api.delete(ep_type, ns, name, DeleteOptions::default());
            }
            self.index.record(ns, name, &[]);
            return;
        };
        let Some(selector) = managed_selector(&svc) else {
            return;
        };
        let pods = selected_pods(api, ns, &selector);
        let subsets = subsets(&svc, &pods);
        self.index.record(ns, name, &pods);
        let labels = endpoint_labels(&svc);
        let now = rfc3339(api.now());
        match existing {
            Some(mut ep) => {
                let same_subsets =
                    ep.get("subsets").cloned().unwrap_or(json!([])) == json!(subsets);
                let same_labels = object::labels(&ep) == labels;
                if same_subsets && same_labels {
                    return;
                }
                if subsets.is_empty() {
                    ep.as_object_mut().map(|o| o.remove("subsets"));
                } else {
                    ep["subsets"] = json!(subsets);
                }
                let meta = object::meta_mut(&mut ep);
                if labels.is_empty() {
                    meta.remove("labels");
                } else {
                    meta.insert("labels".into(), Value::Object(labels));
                }
                if !same_subsets {
                    object::map_mut(&mut ep["metadata"], "annotations")
                        .insert(TRIGGER_TIME.into(), json!(now));
                }
                let _ = api.update(ep_type, ep);
            }
            None => {
                let mut meta = json!({
                    "name": name,
                    "namespace": ns,
                    "annotations": {TRIGGER_TIME: now},
                });
                if !labels.is_empty() {
                    meta["labels"] = Value::Object(labels);
                }
                let mut ep = json!({"metadata": meta});
                if !subsets.is_empty() {
                    ep["subsets"] = json!(subsets);
                }
                let _ = api.create(ep_type, ns, ep);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_target_ports_resolve_through_container_ports() {
        let pod = json!({"spec": {"containers": [{"ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]}]}});
        assert_eq!(
            find_port(
                &pod,
                &json!({"port": 80, "targetPort": "http", "protocol": "TCP"})
            ),
            Some(8080)
        );
        assert_eq!(
            find_port(
                &pod,
                &json!({"port": 80, "targetPort": "http", "protocol": "UDP"})
            ),
            None
        );
        assert_eq!(
            find_port(&pod, &json!({"port": 80, "targetPort": 9090})),
            Some(9090)
        );
    }

    #[test]
    fn ready_and_not_ready_pods_split() {
        let svc = json!({"metadata": {"name": "web"}, "spec": {"ports": [{"name": "http", "port": 80, "targetPort": 80, "protocol": "TCP"}]}});
        let ready = json!({"metadata": {"name": "a", "namespace": "d", "uid": "1"}, "spec": {"nodeName": "node01"}, "status": {"phase": "Running", "podIP": "10.244.1.9", "conditions": [{"type": "Ready", "status": "True"}]}});
        let starting = json!({"metadata": {"name": "b", "namespace": "d", "uid": "2"}, "spec": {"nodeName": "node01"}, "status": {"phase": "Running", "podIP": "10.244.1.10", "conditions": [{"type": "Ready", "status": "False"}]}});
        let no_ip = json!({"metadata": {"name": "c", "namespace": "d", "uid": "3"}, "status": {"phase": "Pending"}});
        let s = subsets(&svc, &[&ready, &starting, &no_ip]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0]["addresses"][0]["ip"], "10.244.1.9");
        assert_eq!(s[0]["notReadyAddresses"][0]["ip"], "10.244.1.10");
        assert_eq!(
            s[0]["ports"],
            json!([{"name": "http", "port": 80, "protocol": "TCP"}])
        );
    }
}

//! The EndpointSlice controller: for every Service with a selector, EndpointSlices (at most 100
//! endpoints each) named `<service>-<5 chars>`, with each pod's readiness, serving and
//! terminating conditions (upstream `pkg/controller/endpointslice`). A service with no pods
//! keeps one empty placeholder slice.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::endpoints::{
    endpoint_labels, find_port, managed_selector, selected_pods, should_pod_be_in_endpoints,
    target_ref, PodServiceIndex, TRIGGER_TIME,
};
use super::is_pod_ready;
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::clock::rfc3339;
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;
use crate::sim::store::EventType;

pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "endpointslice-controller.k8s.io";
/// `--max-endpoints-per-slice`.
const MAX_ENDPOINTS_PER_SLICE: usize = 100;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EndpointSliceController {
    informer: Informer,
    queue: WorkQueue,
    #[serde(default)]
    index: PodServiceIndex,
}

/// A pod as a slice endpoint.
fn endpoint(pod: &Value) -> Value {
    let terminating = pod.at("/metadata/deletionTimestamp").is_some();
    let ready = is_pod_ready(pod);
    let mut e = Map::new();
    e.insert("addresses".into(), json!([str_at(pod, "/status/podIP")]));
    e.insert(
        "conditions".into(),
        json!({"ready": ready && !terminating, "serving": ready, "terminating": terminating}),
    );
    let hostname = str_at(pod, "/spec/hostname");
    if !hostname.is_empty() && !str_at(pod, "/spec/subdomain").is_empty() {
        e.insert("hostname".into(), json!(hostname));
    }
    let node = str_at(pod, "/spec/nodeName");
    if !node.is_empty() {
        e.insert("nodeName".into(), json!(node));
    }
    e.insert("targetRef".into(), target_ref(pod));
    Value::Object(e)
}

/// Discovery ports, in the service's order: the name is always there (`""` when the service
/// port has none).
fn slice_ports(svc: &Value, pod: &Value) -> Vec<Value> {
    let ports: Vec<Value> = svc
        .at("/spec/ports")
        .and_then(Value::as_array)
        .map(|sps| {
            sps.iter()
                .filter_map(|sp| {
                    let port = find_port(pod, sp)?;
                    let mut p = Map::new();
                    p.insert("name".into(), json!(str_at(sp, "/name")));
                    p.insert("port".into(), json!(port));
                    p.insert(
                        "protocol".into(),
                        json!(match str_at(sp, "/protocol") {
                            "" => "TCP",
                            x => x,
                        }),
                    );
                    if let Some(ap) = sp.get("appProtocol") {
                        p.insert("appProtocol".into(), ap.clone());
                    }
                    Some(Value::Object(p))
                })
                .collect()
        })
        .unwrap_or_default();
    ports
}

impl EndpointSliceController {
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
                        "endpointslices.discovery.k8s.io" if e.event_type != EventType::Added => {
                            let labels = object::labels(&e.object);
                            if labels.get(MANAGED_BY_LABEL) == Some(&json!(MANAGED_BY)) {
                                if let Some(svc) =
                                    labels.get(SERVICE_NAME_LABEL).and_then(Value::as_str)
                                {
                                    self.queue.add(&e.key.namespace, svc);
                                }
                            }
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
        let slice_type = rt("endpointslices.discovery.k8s.io");
        let mut existing: Vec<Value> = api
            .for_each(slice_type, Some(ns))
            .filter(|s| {
                let l = object::labels(s);
                l.get(SERVICE_NAME_LABEL) == Some(&json!(name))
                    && l.get(MANAGED_BY_LABEL) == Some(&json!(MANAGED_BY))
            })
            .cloned()
            .collect();
        let svc = api
            .get(rt("services"), ns, name)
            .ok()
            .filter(|s| managed_selector(s).is_some());
        let Some(svc) = svc else {
            // No service, or not one with a selector: no slices of ours.
            for s in existing {
                let _ = api.delete(slice_type, ns, object::name(&s), DeleteOptions::default());
            }
            self.index.record(ns, name, &[]);
            return;
        };
        let selector = managed_selector(&svc).unwrap_or_default();
        let pods = selected_pods(api, ns, &selector);
        self.index.record(ns, name, &pods);
        // Endpoints grouped by the ports they serve, each group cut into slices of 100.
        let mut groups: BTreeMap<String, (Vec<Value>, Vec<Value>)> = BTreeMap::new();
        for pod in &pods {
            if !should_pod_be_in_endpoints(pod, true) {
                continue;
            }
            let ports = slice_ports(&svc, pod);
            if ports.is_empty() && svc.at("/spec/ports/0").is_some() {
                continue;
            }
            let key = serde_json::to_string(&ports).unwrap_or_default();
            groups
                .entry(key)
                .or_insert_with(|| (ports, vec![]))
                .1
                .push(endpoint(pod));
        }
        let mut desired: Vec<(Value, Value)> = vec![];
        for (_, (ports, mut endpoints)) in groups {
            endpoints
                .sort_shared_by(|a, b| str_at(a, "/addresses/0").cmp(str_at(b, "/addresses/0")));
            for chunk in endpoints.chunks(MAX_ENDPOINTS_PER_SLICE) {
                desired.push((json!(ports), json!(chunk)));
            }
        }
        if desired.is_empty() {
            // The placeholder slice.
            desired.push((Value::Null, Value::Null));
        }
        let mut labels = endpoint_labels(&svc);
        labels.insert(SERVICE_NAME_LABEL.into(), json!(name));
        labels.insert(MANAGED_BY_LABEL.into(), json!(MANAGED_BY));
        let now = rfc3339(api.now());
        // Reuse slices with the same ports first, then any, then create.
        existing.sort_shared_by(|a, b| object::name(a).cmp(object::name(b)));
        let mut unmatched: Vec<(Value, Value)> = vec![];
        for (ports, endpoints) in desired {
            let pos = existing
                .iter()
                .position(|s| s.get("ports").cloned().unwrap_or(Value::Null) == ports);
            match pos {
                Some(i) => {
                    let s = existing.remove(i);
                    Self::write(api, s, &ports, &endpoints, &labels, &now);
                }
                None => unmatched.push((ports, endpoints)),
            }
        }
        for (ports, endpoints) in unmatched {
            if !existing.is_empty() {
                let s = existing.remove(0);
                Self::write(api, s, &ports, &endpoints, &labels, &now);
                continue;
            }
            let slice = json!({
                "metadata": {
                    "generateName": format!("{name}-"),
                    "namespace": ns,
                    "labels": labels.clone(),
                    "annotations": {TRIGGER_TIME: now},
                    "ownerReferences": [object::controller_ref(&svc)],
                },
                "addressType": "IPv4",
                "endpoints": endpoints,
                "ports": ports,
            });
            let _ = api.create(slice_type, ns, slice);
        }
        for s in existing {
            let _ = api.delete(slice_type, ns, object::name(&s), DeleteOptions::default());
        }
    }

    /// Updates a slice to hold `endpoints` on `ports`, if anything changed.
    fn write(
        api: &mut ApiServer,
        mut slice: Value,
        ports: &Value,
        endpoints: &Value,
        labels: &Map<String, Value>,
        now: &str,
    ) {
        let same = slice.get("ports").unwrap_or(&Value::Null) == ports
            && slice.get("endpoints").unwrap_or(&Value::Null) == endpoints
            && &object::labels(&slice) == labels;
        if same {
            return;
        }
        slice["ports"] = ports.clone();
        slice["endpoints"] = endpoints.clone();
        object::meta_mut(&mut slice).insert("labels".into(), Value::Object(labels.clone()));
        object::map_mut(&mut slice["metadata"], "annotations")
            .insert(TRIGGER_TIME.into(), json!(now));
        let _ = api.update(rt("endpointslices.discovery.k8s.io"), slice);
    }
}

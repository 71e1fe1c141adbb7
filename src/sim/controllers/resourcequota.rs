//! The resource quota controller: every ResourceQuota's `status.hard` mirrors its spec and
//! `status.used` is recalculated from what the namespace holds (upstream
//! `pkg/controller/resourcequota`). Admission charges a quota at once; this controller gives
//! back what deleted or finished objects no longer use.

use crate::sim::object::Pointer as _;
use crate::sorting::CollectInserted;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::sim::admission::{namespace_usage, quantity_of};
use crate::sim::apiserver::ApiServer;
use crate::sim::informer::{Delta, Informer};
use crate::sim::object;
use crate::sim::resources::rt;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ResourceQuotaController {
    informer: Informer,
}

impl ResourceQuotaController {
    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut namespaces: BTreeSet<String> = BTreeSet::new();
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    // Events and heartbeats never count against a quota worth watching.
                    if matches!(
                        e.key.resource.as_str(),
                        "events" | "leases.coordination.k8s.io" | "events.events.k8s.io"
                    ) || e.key.namespace.is_empty()
                    {
                        continue;
                    }
                    namespaces.insert(e.key.namespace.clone());
                }
            }
            Delta::Relist => {
                namespaces = api
                    .for_each(rt("resourcequotas"), None)
                    .map(|q| object::namespace(q).to_string())
                    .collect_inserted();
            }
        }
        for ns in namespaces {
            let quotas: Vec<Value> = api.list(rt("resourcequotas"), Some(&ns));
            for q in quotas {
                self.reconcile(api, &ns, &q);
            }
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, q: &Value) {
        let hard: Map<String, Value> = q
            .at("/spec/hard")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        let s = quantity_of(v).map(|q| q.to_string()).unwrap_or_default();
                        (k.clone(), json!(s))
                    })
                    .collect_inserted()
            })
            .unwrap_or_default();
        let keys: Vec<String> = hard.keys().cloned().collect();
        let used: Map<String, Value> = namespace_usage(api, ns, &keys)
            .into_iter()
            .map(|(k, v)| (k, json!(v.to_string())))
            .collect_inserted();
        let status = json!({"hard": hard, "used": used});
        if q.get("status") == Some(&status) {
            return;
        }
        let mut new = q.clone();
        new["status"] = status;
        let _ = api.update_status(rt("resourcequotas"), &new);
    }
}

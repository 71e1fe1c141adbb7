//! The service account controller and the root CA publisher: every active namespace has the
//! ServiceAccount `default` and the ConfigMap `kube-root-ca.crt`.

use crate::sorting::SharedSort;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::sim::apiserver::ApiServer;
use crate::sim::informer::{Delta, Informer};
use crate::sim::object::{self, str_at};
use crate::sim::resources::rt;

/// The cluster CA certificate every namespace's `kube-root-ca.crt` carries.
pub const CLUSTER_CA_CRT: &str = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIV3Y0a2dX3b0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNjExMTIwOTA5MjJaFw0zNjExMTAwOTE0MjJaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\nAoIBAQDKube+Playground+simulated+cluster+CA+not+a+real+key+0000\n-----END CERTIFICATE-----\n";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ServiceAccountController {
    informer: Informer,
}

impl ServiceAccountController {
    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut namespaces = vec![];
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "namespaces" => namespaces.push(e.key.name.clone()),
                        "serviceaccounts" | "configmaps" => {
                            namespaces.push(e.key.namespace.clone())
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                namespaces = api
                    .for_each(rt("namespaces"), None)
                    .map(|n| object::name(n).to_string())
                    .collect();
            }
        }
        namespaces.sort_shared();
        namespaces.dedup();
        for ns in namespaces {
            let Ok(n) = api.get(rt("namespaces"), "", &ns) else {
                continue;
            };
            if str_at(&n, "/status/phase") != "Active" {
                continue;
            }
            if api.get(rt("serviceaccounts"), &ns, "default").is_err() {
                let _ = api.create(
                    rt("serviceaccounts"),
                    &ns,
                    json!({"metadata": {"name": "default"}}),
                );
            }
            if api.get(rt("configmaps"), &ns, "kube-root-ca.crt").is_err() {
                let _ = api.create(
                    rt("configmaps"),
                    &ns,
                    json!({
                        "metadata": {"name": "kube-root-ca.crt", "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
                        "data": {"ca.crt": CLUSTER_CA_CRT}
                    }),
                );
            }
        }
    }
}

//! The pod's QoS class (`qos.GetPodQOS`), which the API server writes into `status.qosClass`.

use crate::sim::object::Pointer as _;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::quantity::Quantity;

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// `Guaranteed`, `Burstable` or `BestEffort`.
pub fn pod_qos_class(pod: &Value) -> &'static str {
    let mut requests: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut guaranteed = true;
    let list = |p: &str| {
        pod.at(p)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    for c in list("/spec/containers")
        .iter()
        .chain(list("/spec/initContainers").iter())
    {
        let mut q_limits = BTreeSet::new();
        for (kind, target) in [("requests", &mut requests), ("limits", &mut limits)] {
            let Some(m) = c
                .at(&format!("/resources/{kind}"))
                .and_then(Value::as_object)
            else {
                continue;
            };
            for (name, v) in m {
                if name != "cpu" && name != "memory" {
                    continue;
                }
                let q = Quantity::parse_or_zero(&scalar(v));
                if q.is_zero() {
                    continue;
                }
                if kind == "limits" {
                    q_limits.insert(name.clone());
                }
                target.entry(name.clone()).or_default().add(&q);
            }
        }
        if !(q_limits.contains("cpu") && q_limits.contains("memory")) {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    if guaranteed {
        for (name, req) in &requests {
            match limits.get(name) {
                Some(l) if l.cmp_value(req).is_eq() => {}
                _ => guaranteed = false,
            }
        }
    }
    if guaranteed && requests.len() == limits.len() {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn classes() {
        let pod = |res: Value| json!({"spec": {"containers": [{"name": "c", "resources": res}]}});
        assert_eq!(pod_qos_class(&pod(json!({}))), "BestEffort");
        assert_eq!(
            pod_qos_class(&pod(json!({"requests": {"cpu": "100m"}}))),
            "Burstable"
        );
        assert_eq!(
            pod_qos_class(&pod(
                json!({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1000m", "memory": "1Gi"}})
            )),
            "Guaranteed"
        );
    }
}

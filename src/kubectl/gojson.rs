//! JSON as Go's encoding/json writes a *typed* object: struct fields in declaration order (maps
//! sorted). kubectl prints typed objects this way from the commands that build them
//! (`create deployment … -o json`, the `--save-config` annotation of `create namespace`), while
//! unstructured objects (`create -f`, `apply`, `get`) come out with sorted keys.

use crate::sorting::SharedSort;
use serde_json::Value;

/// Go struct field order per API type: `field:ChildType` gives the type of a nested struct
/// (for a list, of its elements). Types not listed are printed with sorted keys (Go maps).
const TYPES: &[(&str, &str)] = &[
    ("Namespace", "kind apiVersion metadata:ObjectMeta spec:NamespaceSpec status:NamespaceStatus"),
    ("NamespaceSpec", "finalizers"),
    ("NamespaceStatus", "phase conditions"),
    ("Deployment", "kind apiVersion metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus"),
    ("DeploymentSpec", "replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds"),
    ("DeploymentStrategy", "type rollingUpdate:RollingUpdate"),
    ("RollingUpdate", "maxUnavailable maxSurge"),
    ("DeploymentStatus", "observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas conditions:Condition collisionCount"),
    ("Condition", "type status observedGeneration lastProbeTime lastUpdateTime lastTransitionTime reason message"),
    ("ObjectMeta", "name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences:OwnerReference finalizers managedFields"),
    ("OwnerReference", "apiVersion kind name uid controller blockOwnerDeletion"),
    ("LabelSelector", "matchLabels matchExpressions:Requirement"),
    ("Requirement", "key operator values"),
    ("PodTemplateSpec", "metadata:ObjectMeta spec:PodSpec"),
    ("Pod", "kind apiVersion metadata:ObjectMeta spec:PodSpec status"),
    ("PodSpec", "volumes initContainers:Container containers:Container ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims"),
    ("Container", "name image command args workingDir ports:ContainerPort envFrom env:EnvVar resources:Resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty"),
    ("ContainerPort", "name hostPort containerPort protocol hostIP"),
    ("EnvVar", "name value valueFrom"),
    ("Resources", "limits requests claims"),
    ("Service", "kind apiVersion metadata:ObjectMeta spec:ServiceSpec status:ServiceStatus"),
    ("ServiceSpec", "ports:ServicePort selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution"),
    ("ServicePort", "name protocol appProtocol port targetPort nodePort"),
    ("ServiceStatus", "loadBalancer conditions"),
    ("ConfigMap", "kind apiVersion metadata:ObjectMeta immutable data binaryData"),
    ("Secret", "kind apiVersion metadata:ObjectMeta immutable data stringData type"),
    ("ServiceAccount", "kind apiVersion metadata:ObjectMeta secrets imagePullSecrets automountServiceAccountToken"),
    ("Job", "kind apiVersion metadata:ObjectMeta spec:JobSpec status:JobStatus"),
    ("JobSpec", "parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:LabelSelector manualSelector template:PodTemplateSpec ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy"),
    ("JobStatus", "conditions startTime completionTime active succeeded failed terminating completedIndexes failedIndexes uncountedTerminatedPods ready"),
    ("CronJob", "kind apiVersion metadata:ObjectMeta spec:CronJobSpec status"),
    ("CronJobSpec", "schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec successfulJobsHistoryLimit failedJobsHistoryLimit"),
    ("JobTemplateSpec", "metadata:ObjectMeta spec:JobSpec"),
    ("Role", "kind apiVersion metadata:ObjectMeta rules:PolicyRule"),
    ("ClusterRole", "kind apiVersion metadata:ObjectMeta rules:PolicyRule aggregationRule"),
    ("PolicyRule", "verbs apiGroups resources resourceNames nonResourceURLs"),
    ("RoleBinding", "kind apiVersion metadata:ObjectMeta subjects:Subject roleRef:RoleRef"),
    ("ClusterRoleBinding", "kind apiVersion metadata:ObjectMeta subjects:Subject roleRef:RoleRef"),
    ("Subject", "kind apiGroup name namespace"),
    ("RoleRef", "apiGroup kind name"),
    ("ResourceQuota", "kind apiVersion metadata:ObjectMeta spec:ResourceQuotaSpec status"),
    ("ResourceQuotaSpec", "hard scopes scopeSelector"),
    ("PriorityClass", "kind apiVersion metadata:ObjectMeta value globalDefault description preemptionPolicy"),
    ("Ingress", "kind apiVersion metadata:ObjectMeta spec:IngressSpec status"),
    ("IngressSpec", "ingressClassName defaultBackend:IngressBackend tls:IngressTLS rules:IngressRule"),
    ("IngressTLS", "hosts secretName"),
    ("IngressRule", "host http:HTTPIngressRuleValue"),
    ("HTTPIngressRuleValue", "paths:HTTPIngressPath"),
    ("HTTPIngressPath", "path pathType backend:IngressBackend"),
    ("IngressBackend", "service:IngressServiceBackend resource"),
    ("IngressServiceBackend", "name port:ServiceBackendPort"),
    ("ServiceBackendPort", "name number"),
    ("PodDisruptionBudget", "kind apiVersion metadata:ObjectMeta spec:PDBSpec status:PDBStatus"),
    ("PDBSpec", "minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy"),
    ("PDBStatus", "observedGeneration disruptedPods disruptionsAllowed currentHealthy desiredHealthy expectedPods conditions:Condition"),
    ("HorizontalPodAutoscaler", "kind apiVersion metadata:ObjectMeta spec:HPASpec status:HPAStatus"),
    ("HPASpec", "scaleTargetRef:ScaleTargetRef minReplicas maxReplicas metrics:MetricSpec behavior targetCPUUtilizationPercentage"),
    ("ScaleTargetRef", "kind name apiVersion"),
    ("MetricSpec", "type object pods resource:ResourceMetricSource containerResource external"),
    ("ResourceMetricSource", "name target:MetricTarget"),
    ("MetricTarget", "type value averageValue averageUtilization"),
    ("HPAStatus", "observedGeneration lastScaleTime currentReplicas desiredReplicas currentMetrics conditions currentCPUUtilizationPercentage"),
    ("TokenRequest", "kind apiVersion metadata:ObjectMeta spec:TokenRequestSpec status:TokenRequestStatus"),
    ("TokenRequestSpec", "audiences expirationSeconds boundObjectRef:BoundObjectReference"),
    ("BoundObjectReference", "kind apiVersion name uid"),
    ("TokenRequestStatus", "token expirationTimestamp"),
];

/// The fields of a type, with the types of their values.
fn fields(type_name: &str) -> Option<Vec<(&'static str, Option<&'static str>)>> {
    let (_, spec) = TYPES.iter().find(|(t, _)| *t == type_name)?;
    Some(
        spec.split_whitespace()
            .map(|f| match f.split_once(':') {
                Some((name, ty)) => (name, Some(ty)),
                None => (f, None),
            })
            .collect(),
    )
}

/// The keys of `map` in Go's order for `type_name`, each with its value's type.
fn ordered<'a>(
    map: &'a serde_json::Map<String, Value>,
    type_name: Option<&str>,
) -> Vec<(&'a String, &'a Value, Option<&'static str>)> {
    let Some(fs) = type_name.and_then(fields) else {
        return map.iter().map(|(k, v)| (k, v, None)).collect();
    };
    let mut out: Vec<(usize, &String, &Value, Option<&'static str>)> = map
        .iter()
        .map(|(k, v)| {
            let pos = fs.iter().position(|(f, _)| f == k);
            let ty = pos.and_then(|p| fs[p].1);
            (pos.unwrap_or(usize::MAX), k, v, ty)
        })
        .collect();
    out.sort_shared_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    out.into_iter().map(|(_, k, v, t)| (k, v, t)).collect()
}

/// Go's encoding/json string escaping (HTML-safe).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_number(out: &mut String, n: &serde_json::Number) {
    if let Some(i) = n.as_i64() {
        out.push_str(&i.to_string());
    } else if let Some(u) = n.as_u64() {
        out.push_str(&u.to_string());
    } else if let Some(f) = n.as_f64() {
        if f.fract() == 0.0 && f.abs() < 1e21 {
            out.push_str(&format!("{}", f as i128));
        } else {
            out.push_str(&f.to_string());
        }
    }
}

fn write(out: &mut String, v: &Value, ty: Option<&str>, indent: Option<usize>) {
    let nl = |out: &mut String, level: usize| {
        if indent.is_some() {
            out.push('\n');
            for _ in 0..level {
                out.push_str("    ");
            }
        }
    };
    let level = indent.unwrap_or(0);
    let deeper = indent.map(|l| l + 1);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, level + 1);
                write(out, item, ty, deeper);
            }
            nl(out, level);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, item, child)) in ordered(map, ty).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, level + 1);
                write_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, item, child, deeper);
            }
            nl(out, level);
            out.push('}');
        }
    }
}

fn root_type(v: &Value) -> Option<&'static str> {
    let kind = v.get("kind").and_then(Value::as_str)?;
    TYPES.iter().find(|(t, _)| *t == kind).map(|(t, _)| *t)
}

/// `-o json` of a typed object: indented by four spaces, with a final newline.
pub fn typed_json(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, root_type(v), Some(0));
    out.push('\n');
    out
}

/// `json.Marshal` of a typed object (struct order), as kubectl stores `last-applied`.
pub fn typed_compact(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, root_type(v), None);
    out
}

/// `json.Marshal` of an unstructured object: sorted keys.
pub fn sorted_compact(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, None, None);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn struct_order() {
        let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x", "creationTimestamp": null}, "spec": {}, "status": {}});
        assert_eq!(
            typed_compact(&ns),
            r#"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"spec":{},"status":{}}"#
        );
        assert_eq!(
            typed_json(&ns),
            "{\n    \"kind\": \"Namespace\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"x\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {},\n    \"status\": {}\n}\n"
        );
        assert_eq!(
            sorted_compact(&json!({"b": "<", "a": 1})),
            r#"{"a":1,"b":"\u003c"}"#
        );
    }
}

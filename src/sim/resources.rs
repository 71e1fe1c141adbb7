//! The API's resource types, as `kubectl api-resources` lists them for v1.31, and how a name
//! typed by a user (`po`, `pods`, `Pod`, `deploy.apps`) resolves to one.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// Plural lower-case name (`pods`).
    pub plural: &'static str,
    pub short_names: &'static [&'static str],
    /// API group, "" for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub namespaced: bool,
    pub kind: &'static str,
    /// Verbs the type supports; `get`/`list` show it in `kubectl get`.
    pub listable: bool,
}

impl ResourceType {
    /// `v1` or `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }
    /// `pods` or `deployments.apps`, as error messages name a resource.
    pub fn group_resource(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }
    /// `pod` or `deployment.apps`, as `kubectl` prefixes names (`deployment.apps/nginx`).
    pub fn kind_prefix(&self) -> String {
        let kind = self.kind.to_ascii_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{}.{}", kind, self.group)
        }
    }
    pub fn singular(&self) -> String {
        self.kind.to_ascii_lowercase()
    }
}

macro_rules! rt {
    ($plural:literal, [$($short:literal),*], $group:literal, $version:literal, $ns:literal, $kind:literal) => {
        ResourceType { plural: $plural, short_names: &[$($short),*], group: $group, version: $version, namespaced: $ns, kind: $kind, listable: true }
    };
    ($plural:literal, [$($short:literal),*], $group:literal, $version:literal, $ns:literal, $kind:literal, create_only) => {
        ResourceType { plural: $plural, short_names: &[$($short),*], group: $group, version: $version, namespaced: $ns, kind: $kind, listable: false }
    };
}

/// In `kubectl api-resources` order: core group first, then groups by name, then by plural.
pub static RESOURCE_TYPES: &[ResourceType] = &[
    rt!("bindings", [], "", "v1", true, "Binding", create_only),
    rt!(
        "componentstatuses",
        ["cs"],
        "",
        "v1",
        false,
        "ComponentStatus"
    ),
    rt!("configmaps", ["cm"], "", "v1", true, "ConfigMap"),
    rt!("endpoints", ["ep"], "", "v1", true, "Endpoints"),
    rt!("events", ["ev"], "", "v1", true, "Event"),
    rt!("limitranges", ["limits"], "", "v1", true, "LimitRange"),
    rt!("namespaces", ["ns"], "", "v1", false, "Namespace"),
    rt!("nodes", ["no"], "", "v1", false, "Node"),
    rt!(
        "persistentvolumeclaims",
        ["pvc"],
        "",
        "v1",
        true,
        "PersistentVolumeClaim"
    ),
    rt!(
        "persistentvolumes",
        ["pv"],
        "",
        "v1",
        false,
        "PersistentVolume"
    ),
    rt!("pods", ["po"], "", "v1", true, "Pod"),
    rt!("podtemplates", [], "", "v1", true, "PodTemplate"),
    rt!(
        "replicationcontrollers",
        ["rc"],
        "",
        "v1",
        true,
        "ReplicationController"
    ),
    rt!("resourcequotas", ["quota"], "", "v1", true, "ResourceQuota"),
    rt!("secrets", [], "", "v1", true, "Secret"),
    rt!("serviceaccounts", ["sa"], "", "v1", true, "ServiceAccount"),
    rt!("services", ["svc"], "", "v1", true, "Service"),
    rt!(
        "mutatingwebhookconfigurations",
        [],
        "admissionregistration.k8s.io",
        "v1",
        false,
        "MutatingWebhookConfiguration"
    ),
    rt!(
        "validatingadmissionpolicies",
        [],
        "admissionregistration.k8s.io",
        "v1",
        false,
        "ValidatingAdmissionPolicy"
    ),
    rt!(
        "validatingadmissionpolicybindings",
        [],
        "admissionregistration.k8s.io",
        "v1",
        false,
        "ValidatingAdmissionPolicyBinding"
    ),
    rt!(
        "validatingwebhookconfigurations",
        [],
        "admissionregistration.k8s.io",
        "v1",
        false,
        "ValidatingWebhookConfiguration"
    ),
    rt!(
        "customresourcedefinitions",
        ["crd", "crds"],
        "apiextensions.k8s.io",
        "v1",
        false,
        "CustomResourceDefinition"
    ),
    rt!(
        "apiservices",
        [],
        "apiregistration.k8s.io",
        "v1",
        false,
        "APIService"
    ),
    rt!(
        "controllerrevisions",
        [],
        "apps",
        "v1",
        true,
        "ControllerRevision"
    ),
    rt!("daemonsets", ["ds"], "apps", "v1", true, "DaemonSet"),
    rt!("deployments", ["deploy"], "apps", "v1", true, "Deployment"),
    rt!("replicasets", ["rs"], "apps", "v1", true, "ReplicaSet"),
    rt!("statefulsets", ["sts"], "apps", "v1", true, "StatefulSet"),
    rt!(
        "selfsubjectreviews",
        [],
        "authentication.k8s.io",
        "v1",
        false,
        "SelfSubjectReview",
        create_only
    ),
    rt!(
        "tokenreviews",
        [],
        "authentication.k8s.io",
        "v1",
        false,
        "TokenReview",
        create_only
    ),
    rt!(
        "localsubjectaccessreviews",
        [],
        "authorization.k8s.io",
        "v1",
        true,
        "LocalSubjectAccessReview",
        create_only
    ),
    rt!(
        "selfsubjectaccessreviews",
        [],
        "authorization.k8s.io",
        "v1",
        false,
        "SelfSubjectAccessReview",
        create_only
    ),
    rt!(
        "selfsubjectrulesreviews",
        [],
        "authorization.k8s.io",
        "v1",
        false,
        "SelfSubjectRulesReview",
        create_only
    ),
    rt!(
        "subjectaccessreviews",
        [],
        "authorization.k8s.io",
        "v1",
        false,
        "SubjectAccessReview",
        create_only
    ),
    rt!(
        "horizontalpodautoscalers",
        ["hpa"],
        "autoscaling",
        "v2",
        true,
        "HorizontalPodAutoscaler"
    ),
    rt!("cronjobs", ["cj"], "batch", "v1", true, "CronJob"),
    rt!("jobs", [], "batch", "v1", true, "Job"),
    rt!(
        "certificatesigningrequests",
        ["csr"],
        "certificates.k8s.io",
        "v1",
        false,
        "CertificateSigningRequest"
    ),
    rt!("leases", [], "coordination.k8s.io", "v1", true, "Lease"),
    rt!(
        "endpointslices",
        [],
        "discovery.k8s.io",
        "v1",
        true,
        "EndpointSlice"
    ),
    rt!("events", ["ev"], "events.k8s.io", "v1", true, "Event"),
    rt!(
        "flowschemas",
        [],
        "flowcontrol.apiserver.k8s.io",
        "v1",
        false,
        "FlowSchema"
    ),
    rt!(
        "prioritylevelconfigurations",
        [],
        "flowcontrol.apiserver.k8s.io",
        "v1",
        false,
        "PriorityLevelConfiguration"
    ),
    rt!(
        "ingressclasses",
        [],
        "networking.k8s.io",
        "v1",
        false,
        "IngressClass"
    ),
    rt!(
        "ingresses",
        ["ing"],
        "networking.k8s.io",
        "v1",
        true,
        "Ingress"
    ),
    rt!(
        "networkpolicies",
        ["netpol"],
        "networking.k8s.io",
        "v1",
        true,
        "NetworkPolicy"
    ),
    rt!(
        "runtimeclasses",
        [],
        "node.k8s.io",
        "v1",
        false,
        "RuntimeClass"
    ),
    rt!(
        "poddisruptionbudgets",
        ["pdb"],
        "policy",
        "v1",
        true,
        "PodDisruptionBudget"
    ),
    rt!(
        "clusterrolebindings",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        false,
        "ClusterRoleBinding"
    ),
    rt!(
        "clusterroles",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        false,
        "ClusterRole"
    ),
    rt!(
        "rolebindings",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        true,
        "RoleBinding"
    ),
    rt!("roles", [], "rbac.authorization.k8s.io", "v1", true, "Role"),
    rt!(
        "priorityclasses",
        ["pc"],
        "scheduling.k8s.io",
        "v1",
        false,
        "PriorityClass"
    ),
    rt!("csidrivers", [], "storage.k8s.io", "v1", false, "CSIDriver"),
    rt!("csinodes", [], "storage.k8s.io", "v1", false, "CSINode"),
    rt!(
        "csistoragecapacities",
        [],
        "storage.k8s.io",
        "v1",
        true,
        "CSIStorageCapacity"
    ),
    rt!(
        "storageclasses",
        ["sc"],
        "storage.k8s.io",
        "v1",
        false,
        "StorageClass"
    ),
    rt!(
        "volumeattachments",
        [],
        "storage.k8s.io",
        "v1",
        false,
        "VolumeAttachment"
    ),
];

/// Resolves what a user typed (`po`, `pods`, `pod`, `Pod`, `deploy`, `deployments.apps`,
/// `deployment.v1.apps`) the way kubectl's RESTMapper does. Core types win over same-named ones
/// in other groups (`events` is the core Event).
pub fn resolve(typed: &str) -> Option<&'static ResourceType> {
    let t = typed.to_ascii_lowercase();
    let (name, group) = match t.split_once('.') {
        Some((n, rest)) => {
            // `deployment.v1.apps` or `deployments.apps`
            let group = match rest.split_once('.') {
                Some((v, g))
                    if v.starts_with('v')
                        && v[1..].chars().next().is_some_and(|c| c.is_ascii_digit()) =>
                {
                    g.to_string()
                }
                _ => rest.to_string(),
            };
            let group = if group.starts_with('v')
                && !group.contains('.')
                && group.len() <= 8
                && group[1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            {
                // `pods.v1`: a version of the core group
                String::new()
            } else {
                group
            };
            (n.to_string(), Some(group))
        }
        None => (t.clone(), None),
    };
    RESOURCE_TYPES.iter().find(|r| {
        let name_match =
            r.plural == name || r.singular() == name || r.short_names.contains(&name.as_str());
        let group_match = match &group {
            None => true,
            Some(g) => r.group == g.as_str(),
        };
        name_match && group_match
    })
}

/// The type whose objects have this `apiVersion` and `kind`.
pub fn by_kind(api_version: &str, kind: &str) -> Option<&'static ResourceType> {
    RESOURCE_TYPES
        .iter()
        .find(|r| r.kind == kind && r.api_version() == api_version)
}

/// The type with this plural and group.
pub fn by_plural(plural: &str, group: &str) -> Option<&'static ResourceType> {
    RESOURCE_TYPES
        .iter()
        .find(|r| r.plural == plural && r.group == group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_names_as_kubectl_does() {
        for typed in ["po", "pod", "pods", "Pod", "PODS", "pods.v1"] {
            assert_eq!(resolve(typed).map(|r| r.plural), Some("pods"), "{typed}");
        }
        assert_eq!(
            resolve("deploy").map(|r| r.group_resource()),
            Some("deployments.apps".into())
        );
        assert_eq!(
            resolve("deployments.apps").map(|r| r.kind),
            Some("Deployment")
        );
        assert_eq!(
            resolve("deployment.v1.apps").map(|r| r.kind),
            Some("Deployment")
        );
        assert_eq!(resolve("ev").map(|r| r.group), Some(""));
        assert!(resolve("foo").is_none());
        assert!(resolve("pods.apps").is_none());
    }
}

/// A well-known type by its group-qualified plural (`pods`, `deployments.apps`). Only for names
/// the simulation itself uses; an unknown name falls back to Pod (a test keeps the list honest).
pub fn rt(group_resource: &str) -> &'static ResourceType {
    let (plural, group) = group_resource
        .split_once('.')
        .unwrap_or((group_resource, ""));
    by_plural(plural, group).unwrap_or(&RESOURCE_TYPES[10])
}

#[cfg(test)]
mod rt_tests {
    #[test]
    fn well_known_types_resolve() {
        for name in [
            "pods",
            "nodes",
            "namespaces",
            "events",
            "services",
            "endpoints",
            "configmaps",
            "serviceaccounts",
            "secrets",
            "deployments.apps",
            "replicasets.apps",
            "daemonsets.apps",
            "statefulsets.apps",
            "jobs.batch",
            "leases.coordination.k8s.io",
        ] {
            assert_eq!(super::rt(name).group_resource(), name);
        }
    }
}

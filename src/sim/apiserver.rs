//! kube-apiserver: the only way into the store. Every request is defaulted, admitted and
//! validated here; every failure is a `Status` that kubectl prints as real kubectl does.

use crate::sim::object::Pointer as _;
use serde_json::{json, Map, Value};

use super::clock::{rfc3339, TimeMs};
use super::object::{self, meta_mut, str_at};
use super::resources::ResourceType;
use super::rng::Rng;
use super::store::{Key, Store};
use super::validation;

/// An API error, as `metav1.Status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub code: u16,
    /// `NotFound`, `AlreadyExists`, `Invalid`, `Forbidden`, `BadRequest`, `Conflict`.
    pub reason: String,
    pub message: String,
    /// For `Invalid`: the kind and name, and one `field: detail` line per cause.
    pub kind: String,
    pub name: String,
    pub causes: Vec<String>,
}

impl Status {
    fn new(code: u16, reason: &str, message: String) -> Status {
        Status {
            code,
            reason: reason.into(),
            message,
            kind: String::new(),
            name: String::new(),
            causes: vec![],
        }
    }
    pub fn not_found(rt: &ResourceType, name: &str) -> Status {
        Status::new(
            404,
            "NotFound",
            format!("{} \"{}\" not found", rt.group_resource(), name),
        )
    }
    pub fn already_exists(rt: &ResourceType, name: &str) -> Status {
        Status::new(
            409,
            "AlreadyExists",
            format!("{} \"{}\" already exists", rt.group_resource(), name),
        )
    }
    pub fn forbidden(rt: &ResourceType, name: &str, why: &str) -> Status {
        Status::new(
            403,
            "Forbidden",
            format!("{} \"{}\" is forbidden: {}", rt.group_resource(), name, why),
        )
    }
    pub fn bad_request(message: String) -> Status {
        Status::new(400, "BadRequest", message)
    }
    pub fn conflict(rt: &ResourceType, name: &str) -> Status {
        Status::new(
            409,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on {} \"{}\": the object has been modified; please apply your changes to the latest version and try again",
                rt.group_resource(),
                name
            ),
        )
    }
    pub fn invalid(kind: &str, name: &str, causes: Vec<String>) -> Status {
        let message = format!("{} \"{}\" is invalid: {}", kind, name, causes.join(", "));
        Status {
            code: 422,
            reason: "Invalid".into(),
            message,
            kind: kind.into(),
            name: name.into(),
            causes,
        }
    }
}

/// How an object is removed.
#[derive(Clone, Copy, Debug, Default)]
pub struct DeleteOptions {
    /// `None`: the object's own default (a pod's terminationGracePeriodSeconds).
    pub grace_period_seconds: Option<i64>,
    /// What happens to the object's dependents (`kubectl delete --cascade`).
    pub propagation: Propagation,
    /// `--dry-run=server`: every check, no write.
    pub dry_run: bool,
}

/// `propagationPolicy`: the garbage collector deletes dependents after the owner (Background),
/// before it (Foreground, the owner waits with the `foregroundDeletion` finalizer), or leaves
/// them without the owner reference (Orphan, the `orphan` finalizer).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    #[default]
    Background,
    Foreground,
    Orphan,
}

/// The finalizers the garbage collector honours for Foreground and Orphan deletion.
pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";
pub const ORPHAN_FINALIZER: &str = "orphan";

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ApiServer {
    pub store: Store,
    pub rng: Rng,
    now: TimeMs,
    event_seq: u64,
    /// Events by (involved uid, reason, message, component), for folding repeats without
    /// scanning every Event. Rebuilt lazily; not saved.
    #[serde(skip)]
    event_index: std::collections::BTreeMap<(String, String, String, String), Key>,
    /// The most objects the store holds; creates beyond it are refused, so that
    /// `--replicas=1000000000` cannot exhaust the tab's memory.
    #[serde(default = "default_max_objects")]
    pub max_objects: usize,
}

/// Namespaces the NamespaceLifecycle admission plugin never lets go.
pub const IMMORTAL_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public"];

/// The default bound on stored objects (a benchmark may raise it).
pub const DEFAULT_MAX_OBJECTS: usize = 30_000;

fn default_max_objects() -> usize {
    DEFAULT_MAX_OBJECTS
}

impl ApiServer {
    pub fn new(seed: u64, now: TimeMs) -> ApiServer {
        ApiServer {
            store: Store::new(),
            rng: Rng::new(seed),
            now,
            event_seq: 0,
            event_index: Default::default(),
            max_objects: DEFAULT_MAX_OBJECTS,
        }
    }

    pub fn now(&self) -> TimeMs {
        self.now
    }

    pub(crate) fn set_now(&mut self, now: TimeMs) {
        if now > self.now {
            self.now = now;
        }
    }

    fn key(rt: &ResourceType, namespace: &str, name: &str) -> Key {
        Key::new(
            &rt.group_resource(),
            if rt.namespaced { namespace } else { "" },
            name,
        )
    }

    pub fn get(&self, rt: &ResourceType, namespace: &str, name: &str) -> Result<Value, Status> {
        self.store
            .get(&Self::key(rt, namespace, name))
            .cloned()
            .ok_or_else(|| Status::not_found(rt, name))
    }

    /// The stored object, borrowed: for components that only read it.
    pub fn peek(&self, rt: &ResourceType, namespace: &str, name: &str) -> Option<&Value> {
        self.store.get(&Self::key(rt, namespace, name))
    }

    /// Objects of a type in one namespace (or all with `None`), sorted by namespace and name.
    pub fn list(&self, rt: &ResourceType, namespace: Option<&str>) -> Vec<Value> {
        let ns = if rt.namespaced { namespace } else { None };
        self.store
            .list(&rt.group_resource(), ns)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// ComponentStatuses (deprecated since v1.19) are not stored: the API server probes the
    /// controller manager's and the scheduler's `/healthz` and etcd when asked. Here a component
    /// answers when its static pod is running and ready (etcd always does: this server is up).
    /// The real list comes back in whatever order the probes finish; this one has a fixed order.
    pub fn component_statuses(&self) -> Vec<Value> {
        let ready = |component: &str| {
            self.store
                .list("pods", Some("kube-system"))
                .map(|(_, p)| p)
                .filter(|p| str_at(p, "/metadata/labels/component") == component)
                .any(|p| {
                    str_at(p, "/status/phase") == "Running"
                        && p.at("/status/conditions")
                            .and_then(Value::as_array)
                            .is_some_and(|cs| {
                                cs.iter().any(|c| {
                                    str_at(c, "/type") == "Ready" && str_at(c, "/status") == "True"
                                })
                            })
                })
        };
        let status = |name: &str, healthy: bool, port: u16| {
            let condition = if healthy {
                json!({"type": "Healthy", "status": "True", "message": "ok"})
            } else {
                json!({"type": "Healthy", "status": "Unknown", "error": format!(
                    "Get \"https://127.0.0.1:{port}/healthz\": dial tcp 127.0.0.1:{port}: connect: connection refused"
                )})
            };
            json!({
                "apiVersion": "v1",
                "kind": "ComponentStatus",
                "metadata": {"name": name},
                "conditions": [condition],
            })
        };
        vec![
            status(
                "controller-manager",
                ready("kube-controller-manager"),
                10257,
            ),
            status("scheduler", ready("kube-scheduler"), 10259),
            status("etcd-0", true, 2379),
        ]
    }

    /// Visits objects without cloning them.
    pub fn for_each<'a>(
        &'a self,
        rt: &ResourceType,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Value> + 'a {
        let ns = if rt.namespaced { namespace } else { None };
        self.store.list(&rt.group_resource(), ns).map(|(_, v)| v)
    }

    pub fn create(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        obj: Value,
    ) -> Result<Value, Status> {
        self.create_opts(rt, namespace, obj, false)
    }

    /// Create, or with `dry_run` run every step but the write (`--dry-run=server`).
    pub fn create_opts(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        mut obj: Value,
        dry_run: bool,
    ) -> Result<Value, Status> {
        if !obj.is_object() {
            return Err(Status::bad_request(
                "the body of the request was in an unknown format".into(),
            ));
        }
        obj["apiVersion"] = json!(rt.api_version());
        obj["kind"] = json!(rt.kind);
        let ns = if rt.namespaced {
            let from_obj = object::namespace(&obj).to_string();
            if from_obj.is_empty() {
                namespace.to_string()
            } else {
                from_obj
            }
        } else {
            String::new()
        };
        // generateName
        if object::name(&obj).is_empty() {
            let prefix = str_at(&obj, "/metadata/generateName").to_string();
            if prefix.is_empty() {
                return Err(Status::invalid(
                    rt.kind,
                    "",
                    vec!["metadata.name: Required value: name or generateName is required".into()],
                ));
            }
            let generated = format!("{}{}", prefix, self.rng.name_suffix(5));
            meta_mut(&mut obj).insert("name".into(), json!(generated));
        }
        let name = object::name(&obj).to_string();
        if rt.namespaced {
            meta_mut(&mut obj).insert("namespace".into(), json!(ns));
            self.admit_namespace_lifecycle(rt, &ns, &name)?;
        } else {
            meta_mut(&mut obj).remove("namespace");
        }
        validation::validate_name(rt, &name)?;
        if self.store.len() >= self.max_objects && rt.kind != "Event" {
            return Err(Status::forbidden(
                rt,
                &name,
                &format!(
                    "the playground holds at most {} objects; delete some first",
                    self.max_objects
                ),
            ));
        }
        if self.store.get(&Self::key(rt, &ns, &name)).is_some() {
            return Err(Status::already_exists(rt, &name));
        }
        let uid = self.rng.uuid();
        {
            let meta = meta_mut(&mut obj);
            meta.insert("uid".into(), json!(uid));
            meta.insert("creationTimestamp".into(), json!(rfc3339(self.now)));
            meta.remove("resourceVersion");
            meta.remove("deletionTimestamp");
            if has_generation(rt) {
                meta.insert("generation".into(), json!(1));
            }
        }
        super::defaults::apply(rt, &mut obj, &mut self.rng);
        if rt.kind == "Pod" {
            self.admit_service_account(&ns, &mut obj)?;
        }
        super::admission::mutate(self, rt, &ns, &mut obj, false)?;
        validation::validate(rt, &obj)?;
        super::admission::validate(self, rt, &ns, &obj, dry_run)?;
        if dry_run {
            return Ok(obj);
        }
        Ok(self.store.put(Self::key(rt, &ns, &name), obj))
    }

    fn admit_namespace_lifecycle(
        &self,
        rt: &ResourceType,
        ns: &str,
        name: &str,
    ) -> Result<(), Status> {
        let ns_type = ns_type();
        match self.store.get(&Key::new("namespaces", "", ns)) {
            None => Err(Status::not_found(ns_type, ns)),
            Some(n) if str_at(n, "/status/phase") == "Terminating" => Err(Status::forbidden(
                rt,
                name,
                &format!(
                    "unable to create new content in namespace {ns} because it is being terminated"
                ),
            )),
            Some(_) => Ok(()),
        }
    }

    /// The ServiceAccount admission plugin: default the service account and mount its token.
    fn admit_service_account(&mut self, ns: &str, pod: &mut Value) -> Result<(), Status> {
        if object::annotation(pod, "kubernetes.io/config.mirror").is_some() {
            return Ok(());
        }
        let sa = {
            let spec = object::map_mut(pod, "spec");
            let sa = spec
                .get("serviceAccountName")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .unwrap_or("default")
                .to_string();
            spec.insert("serviceAccountName".into(), json!(sa));
            sa
        };
        let sa_type = super::resources::by_plural("serviceaccounts", "").unwrap_or(ns_type());
        if self
            .store
            .get(&Key::new("serviceaccounts", ns, &sa))
            .is_none()
        {
            return Err(Status::forbidden(
                super::resources::by_plural("pods", "").unwrap_or(sa_type),
                object::name(pod),
                &format!(
                    "error looking up service account {ns}/{sa}: serviceaccount \"{sa}\" not found"
                ),
            ));
        }
        if pod.at("/spec/automountServiceAccountToken") == Some(&json!(false)) {
            return Ok(());
        }
        let vol_name = format!("kube-api-access-{}", self.rng.name_suffix(5));
        let spec = object::map_mut(pod, "spec");
        let volumes = spec.entry("volumes").or_insert_with(|| json!([]));
        if let Some(vs) = volumes.as_array_mut() {
            // Kept as data: as `json!` code it costs several times its bytes in the download.
            const PROJECTED: &str = r#"{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}]}"#;
            let projected: Value = serde_json::from_str(PROJECTED).unwrap_or_default();
            vs.push(json!({"name": vol_name, "projected": projected}));
        }
        for list in ["initContainers", "containers"] {
            if let Some(cs) = spec.get_mut(list).and_then(Value::as_array_mut) {
                for c in cs {
                    if let Some(c) = c.as_object_mut() {
                        let mounts = c.entry("volumeMounts").or_insert_with(|| json!([]));
                        if let Some(ms) = mounts.as_array_mut() {
                            ms.push(json!({
                                "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                "name": vol_name,
                                "readOnly": true
                            }));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Replaces an object. The resourceVersion, when given, must be current (optimistic
    /// concurrency); the generation grows when the spec changes. Status is kept from the store.
    pub fn update(&mut self, rt: &ResourceType, obj: Value) -> Result<Value, Status> {
        self.update_opts(rt, obj, false)
    }

    /// Update, or with `dry_run` every step but the write (`--dry-run=server`).
    pub fn update_opts(
        &mut self,
        rt: &ResourceType,
        mut obj: Value,
        dry_run: bool,
    ) -> Result<Value, Status> {
        let ns = object::namespace(&obj).to_string();
        let name = object::name(&obj).to_string();
        let key = Self::key(rt, &ns, &name);
        let Some(old) = self.store.get(&key) else {
            return Err(Status::not_found(rt, &name));
        };
        let rv = str_at(&obj, "/metadata/resourceVersion");
        if !rv.is_empty() && rv != str_at(old, "/metadata/resourceVersion") {
            return Err(Status::conflict(rt, &name));
        }
        // Fields the server owns.
        let old_meta = old.get("metadata").cloned().unwrap_or(json!({}));
        let spec_changed = old.get("spec") != obj.get("spec")
            || (rt.kind == "ConfigMap" || rt.kind == "Secret")
                && old.get("data") != obj.get("data");
        let old_status = old.get("status").cloned();
        {
            let meta = meta_mut(&mut obj);
            for f in [
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
            ] {
                match old_meta.get(f) {
                    Some(v) => {
                        meta.insert(f.into(), v.clone());
                    }
                    None => {
                        meta.remove(f);
                    }
                }
            }
            if has_generation(rt) {
                let g = old_meta
                    .get("generation")
                    .and_then(Value::as_i64)
                    .unwrap_or(1);
                meta.insert(
                    "generation".into(),
                    json!(if spec_changed { g + 1 } else { g }),
                );
            }
        }
        if let Some(s) = old_status {
            obj["status"] = s;
        }
        obj["apiVersion"] = json!(rt.api_version());
        obj["kind"] = json!(rt.kind);
        super::defaults::apply(rt, &mut obj, &mut self.rng);
        super::admission::mutate(self, rt, &ns, &mut obj, true)?;
        validation::validate(rt, &obj)?;
        if rt.kind == "Pod" {
            validation::validate_pod_update(self.store.get(&key).unwrap_or(&Value::Null), &obj)?;
        }
        if self.store.get(&key) == Some(&obj) || dry_run {
            return Ok(obj);
        }
        Ok(self.store.put(key, obj))
    }

    /// Writes only `.status` (the status subresource), as controllers and kubelets do.
    pub fn update_status(&mut self, rt: &ResourceType, obj: &Value) -> Result<Value, Status> {
        let key = Self::key(rt, object::namespace(obj), object::name(obj));
        let Some(old) = self.store.get(&key) else {
            return Err(Status::not_found(rt, object::name(obj)));
        };
        let status = match obj.get("status") {
            Some(status) => status.clone(),
            None if old.get("status").is_none() => return Ok(old.clone()),
            None => json!({}),
        };
        self.write_status(rt, object::namespace(obj), object::name(obj), status)?;
        self.store
            .get(&key)
            .cloned()
            .ok_or_else(|| Status::not_found(rt, object::name(obj)))
    }

    /// Writes `status` as the object's status subresource, if it differs from the stored one.
    /// Returns whether it wrote.
    pub fn write_status(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        status: Value,
    ) -> Result<bool, Status> {
        let key = Self::key(rt, namespace, name);
        let Some(old) = self.store.get(&key) else {
            return Err(Status::not_found(rt, name));
        };
        if old.get("status") == Some(&status) {
            return Ok(false);
        }
        let mut new = old.clone();
        new["status"] = status;
        self.store.put(key, new);
        Ok(true)
    }

    /// Applies `f` to the stored object and writes it back if it changed (a read-modify-write
    /// that cannot conflict, because the simulation is single-threaded).
    pub fn modify(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        f: impl FnOnce(&mut Value),
    ) -> Result<Value, Status> {
        let key = Self::key(rt, namespace, name);
        let Some(old) = self.store.get(&key) else {
            return Err(Status::not_found(rt, name));
        };
        let mut new = old.clone();
        f(&mut new);
        if &new == old {
            return Ok(new);
        }
        if has_generation(rt) && old.get("spec") != new.get("spec") {
            let g = str_at(old, "/metadata/generation")
                .parse::<i64>()
                .ok()
                .or_else(|| object::i64_at(old, "/metadata/generation"))
                .unwrap_or(1);
            meta_mut(&mut new).insert("generation".into(), json!(g + 1));
        }
        Ok(self.store.put(key, new))
    }

    /// Deletes an object. Objects with finalizers, running pods and namespaces are marked with a
    /// deletionTimestamp and go away when their owner (kubelet, namespace controller) finishes.
    pub fn delete(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        opts: DeleteOptions,
    ) -> Result<Value, Status> {
        let key = Self::key(rt, namespace, name);
        if let Some(done) = self.delete_dry_run_or_propagating(rt, namespace, name, opts) {
            return done;
        }
        let Some(old) = self.store.get(&key) else {
            return Err(Status::not_found(rt, name));
        };
        let now = rfc3339(self.now);
        if rt.kind == "Namespace" && IMMORTAL_NAMESPACES.contains(&name) {
            // NamespaceLifecycle admission.
            return Err(Status::forbidden(
                rt,
                name,
                "this namespace may not be deleted",
            ));
        }
        if rt.kind == "Namespace" {
            if old.at("/metadata/deletionTimestamp").is_some() {
                return Ok(old.clone());
            }
            let mut new = old.clone();
            meta_mut(&mut new).insert("deletionTimestamp".into(), json!(now));
            new["status"] = json!({"phase": "Terminating"});
            new["spec"] = json!({"finalizers": ["kubernetes"]});
            return Ok(self.store.put(key, new));
        }
        if rt.kind == "Pod" {
            let grace = opts.grace_period_seconds.unwrap_or_else(|| {
                object::i64_at(old, "/spec/terminationGracePeriodSeconds").unwrap_or(30)
            });
            let scheduled = !str_at(old, "/spec/nodeName").is_empty();
            if scheduled && grace > 0 {
                if old.at("/metadata/deletionTimestamp").is_some() {
                    return Ok(old.clone());
                }
                let mut new = old.clone();
                let meta = meta_mut(&mut new);
                meta.insert(
                    "deletionTimestamp".into(),
                    json!(rfc3339(self.now + grace * 1000)),
                );
                meta.insert("deletionGracePeriodSeconds".into(), json!(grace));
                return Ok(self.store.put(key, new));
            }
        }
        let has_finalizers = old
            .at("/metadata/finalizers")
            .and_then(Value::as_array)
            .is_some_and(|f| !f.is_empty());
        if has_finalizers {
            let mut new = old.clone();
            meta_mut(&mut new).insert("deletionTimestamp".into(), json!(now));
            return Ok(self.store.put(key, new));
        }
        self.store
            .remove(&key)
            .ok_or_else(|| Status::not_found(rt, name))
    }

    /// Removes an object now, whatever its state (the kubelet after a pod's containers stopped).
    pub fn remove_now(&mut self, rt: &ResourceType, namespace: &str, name: &str) -> Option<Value> {
        self.store.remove(&Self::key(rt, namespace, name))
    }

    /// Records an Event about `involved`, folding repeats into one Event with a count, as the
    /// client-go event recorder does. `involved` is an object, or an ObjectReference (no
    /// `metadata`; what the kubelet passes for a container, with its `fieldPath`).
    pub fn record_event(
        &mut self,
        involved: &Value,
        event_type: &str,
        reason: &str,
        message: &str,
        component: &str,
        host: &str,
    ) {
        if self.store.len() >= self.max_objects.saturating_mul(2) {
            // Bounded like everything else: past this, events are dropped.
            return;
        }
        let reference = involved.get("metadata").is_none();
        let field = |name: &str| -> &str {
            if reference {
                involved.get(name).and_then(Value::as_str).unwrap_or("")
            } else {
                match name {
                    "namespace" => object::namespace(involved),
                    "name" => object::name(involved),
                    "uid" => object::uid(involved),
                    "resourceVersion" => str_at(involved, "/metadata/resourceVersion"),
                    _ => "",
                }
            }
        };
        let field_path = field("fieldPath");
        let ns = {
            let n = field("namespace");
            if n.is_empty() {
                "default".to_string()
            } else {
                n.to_string()
            }
        };
        let now = rfc3339(self.now);
        let involved_uid = field("uid").to_string();
        // Aggregate with an identical earlier event (still stored: events expire). The key has
        // the field path, as client-go's `getEventKey` does: two containers are two objects.
        let index_key = (
            format!("{involved_uid}{field_path}"),
            reason.to_string(),
            message.to_string(),
            component.to_string(),
        );
        let existing = self
            .event_index
            .get(&index_key)
            .and_then(|k| self.store.get(k).map(|e| (k.clone(), e.clone())));
        if let Some((key, mut e)) = existing {
            let count = e.get("count").and_then(Value::as_i64).unwrap_or(1);
            e["count"] = json!(count + 1);
            e["lastTimestamp"] = json!(now);
            self.store.put(key, e);
            return;
        }
        self.event_seq += 1;
        let name = format!(
            "{}.{:x}",
            field("name"),
            (self.now as u64) * 1_000_000 + self.event_seq
        );
        let mut source = Map::new();
        source.insert("component".into(), json!(component));
        if !host.is_empty() {
            source.insert("host".into(), json!(host));
        }
        let mut involved_ref = json!({
            "apiVersion": str_at(involved, "/apiVersion"),
            "kind": object::kind(involved),
            "name": field("name"),
            "uid": involved_uid,
            "resourceVersion": field("resourceVersion"),
        });
        if !field("namespace").is_empty() {
            involved_ref["namespace"] = json!(field("namespace"));
        }
        if !field_path.is_empty() {
            involved_ref["fieldPath"] = json!(field_path);
        }
        let event = json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {
                "name": name,
                "namespace": ns,
                "uid": self.rng.uuid(),
                "creationTimestamp": now,
            },
            "involvedObject": involved_ref,
            "reason": reason,
            "message": message,
            "source": Value::Object(source),
            "firstTimestamp": now,
            "lastTimestamp": now,
            "count": 1,
            "type": event_type,
            "eventTime": null,
            "reportingComponent": component,
            "reportingInstance": host,
        });
        let key = Key::new("events", &ns, &name);
        if self.event_index.len() > 50_000 {
            // Bounded: expired events leave stale entries behind.
            self.event_index.clear();
        }
        self.event_index.insert(index_key, key.clone());
        self.store.put(key, event);
    }

    /// The parts of a delete that come before the ordinary path: `--dry-run=server` (the object
    /// as it is, nothing written) and the Foreground/Orphan policies for an object that has
    /// dependents (the owner gets a deletionTimestamp and the policy's finalizer; the garbage
    /// collector finishes the job). None: go on with the ordinary delete.
    fn delete_dry_run_or_propagating(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        opts: DeleteOptions,
    ) -> Option<Result<Value, Status>> {
        let key = Self::key(rt, namespace, name);
        let old = self.store.get(&key)?;
        if opts.dry_run {
            return Some(Ok(old.clone()));
        }
        let finalizer = match opts.propagation {
            Propagation::Background => return None,
            Propagation::Foreground => FOREGROUND_FINALIZER,
            Propagation::Orphan => ORPHAN_FINALIZER,
        };
        if rt.kind == "Namespace" {
            return None;
        }
        let uid = object::uid(old).to_string();
        let has_dependents = self.store.iter().any(|(_, o)| {
            o.at("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|refs| refs.iter().any(|r| str_at(r, "/uid") == uid))
        });
        if !has_dependents {
            return None;
        }
        let mut new = old.clone();
        let now = rfc3339(self.now);
        let meta = meta_mut(&mut new);
        meta.entry("deletionTimestamp")
            .or_insert_with(|| json!(now));
        meta.entry("deletionGracePeriodSeconds")
            .or_insert_with(|| json!(0));
        let fins = meta.entry("finalizers").or_insert_with(|| json!([]));
        if let Some(f) = fins.as_array_mut() {
            if !f.iter().any(|x| x == finalizer) {
                f.push(json!(finalizer));
            }
        }
        Some(Ok(self.store.put(key, new)))
    }

    /// PATCH: applies a strategic merge, JSON merge or JSON patch to the stored object and
    /// writes the result through `update`'s defaulting and validation.
    pub fn patch(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        patch_type: super::patch::PatchType,
        patch: &Value,
    ) -> Result<Value, Status> {
        self.patch_opts(rt, namespace, name, patch_type, patch, false)
    }

    /// PATCH, or with `dry_run` every step but the write (`--dry-run=server`).
    pub fn patch_opts(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        patch_type: super::patch::PatchType,
        patch: &Value,
        dry_run: bool,
    ) -> Result<Value, Status> {
        let current = self.get(rt, namespace, name)?;
        let mut patched = match super::patch::apply(&current, patch_type, patch) {
            Ok(v) => v,
            Err(e) if e.bad_request => return Err(Status::bad_request(e.message)),
            Err(e) => return Err(Status::unprocessable(e.message)),
        };
        if !patched.is_object() {
            return Err(Status::bad_request(
                "the body of the request was in an unknown format".into(),
            ));
        }
        let new_name = object::name(&patched).to_string();
        if new_name != name {
            return Err(Status::invalid(
                rt.kind,
                name,
                vec![format!(
                    "metadata.name: Invalid value: {}: field is immutable",
                    serde_json::to_string(&new_name).unwrap_or_default()
                )],
            ));
        }
        if rt.namespaced {
            meta_mut(&mut patched).insert("namespace".into(), json!(namespace));
        }
        // FIELD VALIDATION CALL POINT (strict decoding): once `sim::schema` exists, unknown
        // fields of `patched` are rejected here with BadRequest `<Kind> in version "<v>" cannot
        // be handled as a <Kind>: strict decoding error: unknown field "spec.x"`, as for
        // create and update.
        self.update_opts(rt, patched, dry_run)
    }
}

impl Status {
    /// A 422 with no kind or name (a JSON patch that does not apply): kubectl prints
    /// `The request is invalid: : <message>`.
    pub fn unprocessable(message: String) -> Status {
        Status {
            code: 422,
            reason: "Invalid".into(),
            message: "the server rejected our request due to an error in our request".into(),
            kind: String::new(),
            name: String::new(),
            causes: vec![format!(": {message}")],
        }
    }
}

/// Kinds whose registry strategy keeps `metadata.generation` (bumped on spec changes); the rest
/// (Pod in v1.31, Service, ConfigMap, RBAC…) have none.
fn has_generation(rt: &ResourceType) -> bool {
    matches!(
        rt.kind,
        "Deployment"
            | "ReplicaSet"
            | "DaemonSet"
            | "StatefulSet"
            | "ReplicationController"
            | "Job"
            | "CronJob"
            | "HorizontalPodAutoscaler"
            | "PodDisruptionBudget"
            | "Ingress"
            | "NetworkPolicy"
            | "CustomResourceDefinition"
            | "ValidatingAdmissionPolicy"
            | "FlowSchema"
            | "PriorityLevelConfiguration"
    )
}

fn ns_type() -> &'static ResourceType {
    super::resources::by_plural("namespaces", "").unwrap_or(&super::resources::RESOURCE_TYPES[0])
}

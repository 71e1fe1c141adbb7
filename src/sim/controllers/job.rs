//! The Job controller (upstream `pkg/controller/job`, v1.31): runs pods named `<job>-<5 chars>`
//! until `completions` of them succeed, `parallelism` at a time, recreating failed ones after a
//! back-off (10 s doubling to 10 min) until `backoffLimit` failures. Pods carry the
//! `batch.kubernetes.io/job-tracking` finalizer until the controller has counted them, so
//! `status.succeeded`/`failed` survive the pods. As in v1.31 the terminal condition comes in
//! two steps: `SuccessCriteriaMet` or `FailureTarget` first, `Complete` or `Failed` once no pod
//! is terminating.

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{is_pod_ready, pod_from_template};
use crate::sim::apiserver::{ApiServer, DeleteOptions};
use crate::sim::clock::{parse_rfc3339, rfc3339, TimeMs};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, i64_at, str_at};
use crate::sim::resources::rt;
use crate::sim::store::EventType;

pub const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
/// `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff`.
const POD_FAILURE_BACKOFF_MS: TimeMs = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS: TimeMs = 600_000;
/// `MaxPodCreateDeletePerSync`.
const MAX_POD_CREATE_DELETE_PER_SYNC: i64 = 500;

/// Pod failures since the last success, for the creation back-off.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct BackoffRecord {
    failures_after_last_success: u32,
    last_failure_ms: TimeMs,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct JobController {
    informer: Informer,
    queue: WorkQueue,
    /// Back-off per Job uid.
    #[serde(default)]
    backoff: BTreeMap<String, BackoffRecord>,
    /// Tracked pods that disappeared before being counted: job uid → (succeeded, failed).
    #[serde(default)]
    vanished: BTreeMap<String, (i64, i64)>,
    /// When a Job wants another look (back-off over, active deadline): (time, ns, name).
    #[serde(default)]
    wake: Vec<(TimeMs, String, String)>,
}

fn has_finalizer(pod: &Value) -> bool {
    pod.at("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|f| f.iter().any(|x| x == TRACKING_FINALIZER))
}

fn condition<'a>(job: &'a Value, ty: &str) -> Option<&'a Value> {
    job.at("/status/conditions")
        .and_then(Value::as_array)?
        .iter()
        .find(|c| str_at(c, "/type") == ty && str_at(c, "/status") == "True")
}

/// Complete or Failed: nothing more to do.
pub fn is_job_finished(job: &Value) -> bool {
    condition(job, "Complete").is_some() || condition(job, "Failed").is_some()
}

fn new_condition(ty: &str, reason: &str, message: &str, now: &str) -> Value {
    let mut c = json!({
        "lastProbeTime": now,
        "lastTransitionTime": now,
        "status": "True",
        "type": ty,
    });
    if !reason.is_empty() {
        c["reason"] = json!(reason);
    }
    if !message.is_empty() {
        c["message"] = json!(message);
    }
    c
}

/// When a finished pod finished (its containers' last finish time), else now.
fn finish_time(pod: &Value, now: TimeMs) -> TimeMs {
    pod.at("/status/containerStatuses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| parse_rfc3339(str_at(c, "/state/terminated/finishedAt")))
        .max()
        .unwrap_or(now)
}

impl JobController {
    pub fn next_wake(&self) -> Option<TimeMs> {
        self.wake.iter().map(|w| w.0).min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        let mut vanished: Vec<(String, String, String, bool)> = vec![];
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "jobs.batch" => self.queue.add(&e.key.namespace, &e.key.name),
                        "pods" => {
                            if let Some(("Job", owner, uid)) = controller_of(&e.object) {
                                self.queue.add(&e.key.namespace, owner);
                                if e.event_type == EventType::Deleted && has_finalizer(&e.object) {
                                    let ok = str_at(&e.object, "/status/phase") == "Succeeded";
                                    vanished.push((
                                        uid.to_string(),
                                        e.key.namespace.clone(),
                                        owner.to_string(),
                                        ok,
                                    ));
                                }
                            } else if e.event_type != EventType::Deleted && has_finalizer(&e.object)
                            {
                                // An orphan still holding the finalizer: let it go.
                                self.queue
                                    .add(&e.key.namespace, &format!("\0{}", e.key.name));
                            }
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for j in api.for_each(rt("jobs.batch"), None) {
                    self.queue.add(object::namespace(j), object::name(j));
                }
            }
        }
        for (uid, _, _, ok) in vanished {
            let v = self.vanished.entry(uid).or_default();
            if ok {
                v.0 += 1;
            } else {
                v.1 += 1;
            }
        }
        let now = api.now();
        let due: Vec<(TimeMs, String, String)> =
            self.wake.iter().filter(|w| w.0 <= now).cloned().collect();
        self.wake.retain(|w| w.0 > now);
        for (_, ns, name) in due {
            self.queue.add(&ns, &name);
        }
        for (ns, name) in self.queue.take_all() {
            if let Some(pod) = name.strip_prefix('\0') {
                release_orphan(api, &ns, pod);
            } else {
                self.reconcile(api, &ns, &name);
            }
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let job_type = rt("jobs.batch");
        let pod_type = rt("pods");
        let Ok(job) = api.get(job_type, ns, name) else {
            return;
        };
        let uid = object::uid(&job).to_string();
        let now = api.now();
        let now_s = rfc3339(now);
        let pods: Vec<Value> = api
            .for_each(pod_type, Some(ns))
            .filter(|p| controller_of(p).is_some_and(|(_, _, u)| u == uid))
            .cloned()
            .collect();
        if is_job_finished(&job) {
            // Counted already: the finalizers go.
            for p in pods.iter().filter(|p| has_finalizer(p)) {
                remove_finalizer(api, p);
            }
            self.backoff.remove(&uid);
            self.vanished.remove(&uid);
            return;
        }
        let terminal = |p: &Value| matches!(str_at(p, "/status/phase"), "Succeeded" | "Failed");
        let active: Vec<&Value> = pods
            .iter()
            .filter(|p| !terminal(p) && p.at("/metadata/deletionTimestamp").is_none())
            .collect();
        let terminating = pods
            .iter()
            .filter(|p| !terminal(p) && p.at("/metadata/deletionTimestamp").is_some())
            .count() as i64;
        let ready = active.iter().filter(|p| is_pod_ready(p)).count() as i64;
        // Newly finished pods are counted, then released.
        let newly_succeeded: Vec<&Value> = pods
            .iter()
            .filter(|p| has_finalizer(p) && str_at(p, "/status/phase") == "Succeeded")
            .collect();
        let newly_failed: Vec<&Value> = pods
            .iter()
            .filter(|p| has_finalizer(p) && str_at(p, "/status/phase") == "Failed")
            .collect();
        let (gone_ok, gone_failed) = self.vanished.remove(&uid).unwrap_or((0, 0));
        let succeeded =
            i64_at(&job, "/status/succeeded").unwrap_or(0) + newly_succeeded.len() as i64 + gone_ok;
        let failed =
            i64_at(&job, "/status/failed").unwrap_or(0) + newly_failed.len() as i64 + gone_failed;
        // The back-off record.
        let record = self.backoff.entry(uid.clone()).or_default();
        if !newly_succeeded.is_empty() || gone_ok > 0 {
            *record = BackoffRecord::default();
        }
        for p in &newly_failed {
            record.failures_after_last_success += 1;
            record.last_failure_ms = record.last_failure_ms.max(finish_time(p, now));
        }
        if gone_failed > 0 {
            record.failures_after_last_success += gone_failed as u32;
            record.last_failure_ms = record.last_failure_ms.max(now);
        }
        let record = record.clone();

        let suspended = job.at("/spec/suspend") == Some(&json!(true));
        let mut status = job.get("status").cloned().unwrap_or(json!({}));
        let mut conditions: Vec<Value> = status
            .get("conditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if str_at(&status, "/startTime").is_empty() && !suspended {
            status["startTime"] = json!(now_s);
        }
        let backoff_limit = i64_at(&job, "/spec/backoffLimit").unwrap_or(6);
        let restart_on_failure = str_at(&job, "/spec/template/spec/restartPolicy") == "OnFailure";
        let restarts: i64 = active
            .iter()
            .map(|p| {
                p.at("/status/containerStatuses")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|c| i64_at(c, "/restartCount"))
                    .sum::<i64>()
            })
            .sum();
        let past_backoff_on_failure = restart_on_failure
            && if backoff_limit == 0 {
                restarts > 0
            } else {
                restarts >= backoff_limit
            };
        // The interim terminal condition, decided once.
        let mut finishing: Option<Value> = condition(&job, "SuccessCriteriaMet")
            .or_else(|| condition(&job, "FailureTarget"))
            .cloned();
        if finishing.is_none() {
            let start = parse_rfc3339(str_at(&status, "/startTime"));
            let deadline = i64_at(&job, "/spec/activeDeadlineSeconds");
            if failed > backoff_limit || past_backoff_on_failure {
                finishing = Some(new_condition(
                    "FailureTarget",
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    &now_s,
                ));
            } else if let (Some(d), Some(s), false) = (deadline, start, suspended) {
                if now >= s + d * 1000 {
                    finishing = Some(new_condition(
                        "FailureTarget",
                        "DeadlineExceeded",
                        "Job was active longer than specified deadline",
                        &now_s,
                    ));
                } else {
                    self.wake
                        .push((s + d * 1000, ns.to_string(), name.to_string()));
                }
            }
        }
        let mut active_count = active.len() as i64;
        let mut terminating_count = terminating;
        let failing = finishing
            .as_ref()
            .is_some_and(|c| str_at(c, "/type") == "FailureTarget");
        if failing {
            // Every active pod goes.
            for p in &active {
                if self.delete_pod(api, &job, p) {
                    active_count -= 1;
                    terminating_count += 1;
                }
            }
        } else if finishing.is_none() {
            // manageJob.
            if suspended {
                for p in &active {
                    if self.delete_pod(api, &job, p) {
                        active_count -= 1;
                        terminating_count += 1;
                    }
                }
            } else {
                let parallelism = i64_at(&job, "/spec/parallelism").unwrap_or(1);
                let want = match i64_at(&job, "/spec/completions") {
                    Some(c) => (c - succeeded).clamp(0, parallelism),
                    None if succeeded > 0 => active_count,
                    None => parallelism,
                };
                if active_count > want {
                    // Least useful first: unscheduled, pending, not ready, newest.
                    let mut victims: Vec<&&Value> = active.iter().collect();
                    victims.sort_shared_by_key(|p| {
                        (
                            !str_at(p, "/spec/nodeName").is_empty(),
                            str_at(p, "/status/phase") == "Running",
                            is_pod_ready(p),
                            std::cmp::Reverse(str_at(p, "/metadata/creationTimestamp").to_string()),
                        )
                    });
                    let n = (active_count - want).min(MAX_POD_CREATE_DELETE_PER_SYNC) as usize;
                    for p in victims.into_iter().take(n) {
                        if self.delete_pod(api, &job, p) {
                            active_count -= 1;
                            terminating_count += 1;
                        }
                    }
                } else {
                    let diff = want - terminating_count - active_count;
                    if diff > 0 {
                        let remaining = if record.failures_after_last_success == 0 {
                            0
                        } else {
                            let shift = (record.failures_after_last_success - 1).min(16);
                            let backoff =
                                (POD_FAILURE_BACKOFF_MS << shift).min(MAX_POD_FAILURE_BACKOFF_MS);
                            (record.last_failure_ms + backoff - now).max(0)
                        };
                        if remaining > 0 {
                            self.wake
                                .push((now + remaining, ns.to_string(), name.to_string()));
                        } else {
                            active_count += self.create_pods(
                                api,
                                &job,
                                diff.min(MAX_POD_CREATE_DELETE_PER_SYNC),
                            );
                        }
                    }
                }
                // Suspension recorded in the conditions.
                let was_suspended = conditions
                    .iter()
                    .any(|c| str_at(c, "/type") == "Suspended" && str_at(c, "/status") == "True");
                if was_suspended {
                    for c in conditions.iter_mut() {
                        if str_at(c, "/type") == "Suspended" {
                            *c = json!({"lastProbeTime": now_s, "lastTransitionTime": now_s, "message": "Job resumed", "reason": "JobResumed", "status": "False", "type": "Suspended"});
                        }
                    }
                    api.record_event(
                        &job,
                        "Normal",
                        "Resumed",
                        "Job resumed",
                        "job-controller",
                        "",
                    );
                    status["startTime"] = json!(now_s);
                }
            }
            if suspended
                && !conditions
                    .iter()
                    .any(|c| str_at(c, "/type") == "Suspended" && str_at(c, "/status") == "True")
            {
                conditions.retain(|c| str_at(c, "/type") != "Suspended");
                conditions.push(json!({"lastProbeTime": now_s, "lastTransitionTime": now_s, "message": "Job suspended", "reason": "JobSuspended", "status": "True", "type": "Suspended"}));
                api.record_event(
                    &job,
                    "Normal",
                    "Suspended",
                    "Job suspended",
                    "job-controller",
                    "",
                );
            }
            let complete = match i64_at(&job, "/spec/completions") {
                Some(c) => succeeded >= c && active_count == 0,
                None => succeeded > 0 && active_count == 0,
            };
            if complete && !suspended {
                finishing = Some(new_condition("SuccessCriteriaMet", "", "", &now_s));
            }
        }
        // Record the interim condition, then the final one once nothing is terminating.
        let mut finished_now = None;
        if let Some(f) = &finishing {
            let ty = str_at(f, "/type").to_string();
            if !conditions.iter().any(|c| str_at(c, "/type") == ty) {
                conditions.push(f.clone());
            }
            if terminating_count == 0 {
                let final_type = if ty == "SuccessCriteriaMet" {
                    "Complete"
                } else {
                    "Failed"
                };
                conditions.push(new_condition(
                    final_type,
                    str_at(f, "/reason"),
                    str_at(f, "/message"),
                    &now_s,
                ));
                if final_type == "Complete" {
                    status["completionTime"] = json!(now_s);
                }
                finished_now = Some((final_type, f.clone()));
            }
        }
        // Status: counters present only when non-zero, as the API omits them.
        let obj = status.as_object_mut();
        if let Some(st) = obj {
            for (field, v) in [
                ("active", active_count),
                ("succeeded", succeeded),
                ("failed", failed),
            ] {
                if v > 0 {
                    st.insert(field.into(), json!(v));
                } else {
                    st.remove(field);
                }
            }
            st.insert("ready".into(), json!(ready.min(active_count)));
            st.insert("terminating".into(), json!(terminating_count));
            st.insert("uncountedTerminatedPods".into(), json!({}));
            if conditions.is_empty() {
                st.remove("conditions");
            } else {
                st.insert("conditions".into(), json!(conditions));
            }
        }
        let mut new = job.clone();
        new["status"] = status;
        let _ = api.update_status(job_type, &new);
        // Counted: release the finished pods.
        for p in newly_succeeded.iter().chain(newly_failed.iter()) {
            remove_finalizer(api, p);
        }
        if let Some((final_type, f)) = finished_now {
            if final_type == "Complete" {
                api.record_event(
                    &job,
                    "Normal",
                    "Completed",
                    "Job completed",
                    "job-controller",
                    "",
                );
            } else {
                api.record_event(
                    &job,
                    "Warning",
                    str_at(&f, "/reason"),
                    str_at(&f, "/message"),
                    "job-controller",
                    "",
                );
            }
            for p in &pods {
                if has_finalizer(p) {
                    remove_finalizer(api, p);
                }
            }
            self.backoff.remove(&uid);
        }
    }

    /// Creates `n` pods from the template; returns how many were created.
    fn create_pods(&self, api: &mut ApiServer, job: &Value, n: i64) -> i64 {
        let ns = object::namespace(job).to_string();
        let template = job.at("/spec/template").cloned().unwrap_or(json!({}));
        let mut created = 0;
        for _ in 0..n {
            let mut pod = pod_from_template(job, &template, "");
            if let Some(m) = pod.get_mut("metadata").and_then(Value::as_object_mut) {
                m.remove("name");
                m.insert(
                    "generateName".into(),
                    json!(format!("{}-", object::name(job))),
                );
                m.insert("finalizers".into(), json!([TRACKING_FINALIZER]));
            }
            match api.create(rt("pods"), &ns, pod) {
                Ok(p) => {
                    created += 1;
                    api.record_event(
                        job,
                        "Normal",
                        "SuccessfulCreate",
                        &format!("Created pod: {}", object::name(&p)),
                        "job-controller",
                        "",
                    );
                }
                Err(status) => {
                    api.record_event(
                        job,
                        "Warning",
                        "FailedCreate",
                        &format!("Error creating: {}", status.message),
                        "job-controller",
                        "",
                    );
                    break;
                }
            }
        }
        created
    }

    fn delete_pod(&self, api: &mut ApiServer, job: &Value, pod: &Value) -> bool {
        let (ns, name) = (object::namespace(pod), object::name(pod));
        if api
            .delete(rt("pods"), ns, name, DeleteOptions::default())
            .is_err()
        {
            return false;
        }
        api.record_event(
            job,
            "Normal",
            "SuccessfulDelete",
            &format!("Deleted pod: {name}"),
            "job-controller",
            "",
        );
        // An unscheduled pod held only by the finalizer goes now (its removal is counted as a
        // failure when the watch reports it).
        if str_at(pod, "/spec/nodeName").is_empty() {
            api.remove_now(rt("pods"), ns, name);
        }
        true
    }
}

/// Takes the tracking finalizer off a pod; a pod already being deleted then goes.
fn remove_finalizer(api: &mut ApiServer, pod: &Value) {
    let (ns, name) = (object::namespace(pod), object::name(pod));
    let updated = api.modify(rt("pods"), ns, name, |p| {
        if let Some(f) = p
            .pointer_mut("/metadata/finalizers")
            .and_then(Value::as_array_mut)
        {
            f.retain(|x| x != TRACKING_FINALIZER);
            if f.is_empty() {
                if let Some(m) = p.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("finalizers");
                }
            }
        }
    });
    if let Ok(p) = updated {
        let unscheduled_or_done = str_at(&p, "/spec/nodeName").is_empty()
            || matches!(str_at(&p, "/status/phase"), "Succeeded" | "Failed");
        if p.at("/metadata/deletionTimestamp").is_some()
            && p.at("/metadata/finalizers").is_none()
            && unscheduled_or_done
        {
            api.remove_now(rt("pods"), ns, name);
        }
    }
}

/// A pod whose Job is gone keeps no tracking finalizer.
fn release_orphan(api: &mut ApiServer, ns: &str, name: &str) {
    let Ok(pod) = api.get(rt("pods"), ns, name) else {
        return;
    };
    let owner_alive = controller_of(&pod).is_some_and(|(kind, owner, uid)| {
        kind == "Job"
            && api
                .get(rt("jobs.batch"), ns, owner)
                .is_ok_and(|j| object::uid(&j) == uid)
    });
    if !owner_alive && has_finalizer(&pod) {
        remove_finalizer(api, &pod);
    }
}

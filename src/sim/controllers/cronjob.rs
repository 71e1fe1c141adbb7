//! The CronJob controller (upstream `pkg/controller/cronjob`, v2): at each time its schedule
//! names, a CronJob creates the Job `<cronjob>-<minutes since the epoch>` from its template,
//! honours `concurrencyPolicy` and `suspend`, keeps `successfulJobsHistoryLimit` and
//! `failedJobsHistoryLimit` finished Jobs and records `active`, `lastScheduleTime` and
//! `lastSuccessfulTime`. Schedules use the standard five-field cron syntax (robfig/cron v3's
//! `ParseStandard`, with its error texts).

use crate::sim::object::Pointer as _;
use crate::sorting::SharedSort;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::sim::apiserver::{ApiServer, DeleteOptions, Propagation};
use crate::sim::clock::{civil, parse_rfc3339, rfc3339, TimeMs};
use crate::sim::informer::{Delta, Informer, WorkQueue};
use crate::sim::object::{self, controller_of, str_at};
use crate::sim::resources::rt;

const MINUTE_MS: TimeMs = 60_000;

/// A parsed schedule: one bit set per allowed value of each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    minute: u64,
    hour: u64,
    dom: u64,
    month: u64,
    dow: u64,
    /// `*` or `?` in day-of-month or day-of-week: both day fields must then match.
    day_star: bool,
    /// `@every <duration>`: a fixed period in ms.
    every_ms: Option<TimeMs>,
}

struct Bounds {
    min: u32,
    max: u32,
    names: &'static [(&'static str, u32)],
}

const MONTH_NAMES: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const DOW_NAMES: &[(&str, u32)] = &[
    ("sun", 0),
    ("mon", 1),
    ("tue", 2),
    ("wed", 3),
    ("thu", 4),
    ("fri", 5),
    ("sat", 6),
];

fn parse_int(expr: &str) -> Result<u32, String> {
    let n: i64 = expr.parse().map_err(|_| {
        format!("failed to parse int from {expr}: strconv.Atoi: parsing \"{expr}\": invalid syntax")
    })?;
    if n < 0 {
        return Err(format!("negative number ({n}) not allowed: {expr}"));
    }
    Ok(n.min(u32::MAX as i64) as u32)
}

fn parse_int_or_name(expr: &str, names: &[(&str, u32)]) -> Result<u32, String> {
    let lower = expr.to_ascii_lowercase();
    if let Some((_, v)) = names.iter().find(|(n, _)| *n == lower) {
        return Ok(*v);
    }
    parse_int(expr)
}

/// One comma-separated part of a field: `*`, `?`, `n`, `a-b`, with an optional `/step`.
fn get_range(expr: &str, b: &Bounds) -> Result<(u64, bool), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single_digit = low_and_high.len() == 1;
    let (start, mut end, star) = if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (b.min, b.max, true)
    } else {
        let start = parse_int_or_name(low_and_high[0], b.names)?;
        let end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], b.names)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
        (start, end, false)
    };
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let s = parse_int(range_and_step[1])?;
            // `n/step` means `n-max/step`.
            if single_digit && !star {
                end = b.max;
            }
            s
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    let mut bits = 0u64;
    let mut v = start;
    while v <= end {
        bits |= 1 << v;
        v += step;
    }
    Ok((bits, star && step == 1))
}

fn get_field(field: &str, b: &Bounds) -> Result<(u64, bool), String> {
    let mut bits = 0;
    let mut star = false;
    for part in field.split(',') {
        let (b2, s) = get_range(part, b)?;
        bits |= b2;
        star |= s;
    }
    Ok((bits, star))
}

/// Go's `time.ParseDuration` for the units cron uses (`90s`, `1h30m`, `500ms`).
fn parse_go_duration(s: &str) -> Option<TimeMs> {
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let n: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let ms = match &rest[..unit_end] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            _ => return None,
        };
        total += n * ms;
        rest = &rest[unit_end..];
    }
    Some(total as TimeMs)
}

/// `cron.ParseStandard`: five fields or a `@` descriptor. The error is robfig/cron's text.
pub fn parse_schedule(spec: &str) -> Result<Schedule, String> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    if let Some(d) = spec.strip_prefix('@') {
        let five = match d {
            "yearly" | "annually" => "0 0 1 1 *",
            "monthly" => "0 0 1 * *",
            "weekly" => "0 0 * * 0",
            "daily" | "midnight" => "0 0 * * *",
            "hourly" => "0 * * * *",
            _ => {
                if let Some(dur) = d.strip_prefix("every ") {
                    let ms = parse_go_duration(dur.trim()).ok_or_else(|| {
                        format!(
                            "failed to parse duration {spec}: time: invalid duration \"{}\"",
                            dur.trim()
                        )
                    })?;
                    let mut s = parse_schedule("* * * * *")?;
                    // Periods under a second round up to one (robfig's Every).
                    s.every_ms = Some(ms.max(1000) / 1000 * 1000);
                    return Ok(s);
                }
                return Err(format!("unrecognized descriptor: {spec}"));
            }
        };
        return parse_schedule(five);
    }
    // A `TZ=` or `CRON_TZ=` prefix is refused by CronJob validation anyway; robfig would read it.
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    let (minute, _) = get_field(
        fields[0],
        &Bounds {
            min: 0,
            max: 59,
            names: &[],
        },
    )?;
    let (hour, _) = get_field(
        fields[1],
        &Bounds {
            min: 0,
            max: 23,
            names: &[],
        },
    )?;
    let (dom, dom_star) = get_field(
        fields[2],
        &Bounds {
            min: 1,
            max: 31,
            names: &[],
        },
    )?;
    let (month, _) = get_field(
        fields[3],
        &Bounds {
            min: 1,
            max: 12,
            names: MONTH_NAMES,
        },
    )?;
    let (dow, dow_star) = get_field(
        fields[4],
        &Bounds {
            min: 0,
            max: 6,
            names: DOW_NAMES,
        },
    )?;
    Ok(Schedule {
        minute,
        hour,
        dom,
        month,
        dow,
        day_star: dom_star || dow_star,
        every_ms: None,
    })
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Schedule {
    fn day_matches(&self, dom: u32, dow: u32) -> bool {
        let dm = self.dom & (1 << dom) != 0;
        let wm = self.dow & (1 << dow) != 0;
        if self.day_star {
            dm && wm
        } else {
            dm || wm
        }
    }

    /// The first scheduled time strictly after `t` (UTC), or None within five years.
    pub fn next(&self, t: TimeMs) -> Option<TimeMs> {
        if let Some(every) = self.every_ms {
            // `@every` counts from the previous run, whole seconds.
            return Some((t / 1000) * 1000 + every);
        }
        let mut t = (t.div_euclid(MINUTE_MS) + 1) * MINUTE_MS;
        let limit = t + 5 * 366 * 24 * 3_600_000;
        // Bounded: each step moves to the next minute, hour, day or month that could match.
        for _ in 0..200_000 {
            if t > limit {
                return None;
            }
            let c = civil(t);
            if self.month & (1 << c.month) == 0 {
                let (y, m) = if c.month == 12 {
                    (c.year + 1, 1)
                } else {
                    (c.year, c.month + 1)
                };
                t = days_from_civil(y, m, 1) * 86_400_000;
                continue;
            }
            if !self.day_matches(c.day, c.weekday) {
                t = (days_from_civil(c.year, c.month, c.day) + 1) * 86_400_000;
                continue;
            }
            if self.hour & (1 << c.hour) == 0 {
                t = (t.div_euclid(3_600_000) + 1) * 3_600_000;
                continue;
            }
            if self.minute & (1 << c.minute) == 0 {
                t += MINUTE_MS;
                continue;
            }
            return Some(t);
        }
        None
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CronJobController {
    informer: Informer,
    queue: WorkQueue,
    /// The next scheduled time of each CronJob, by `namespace/name`.
    #[serde(default)]
    next: BTreeMap<String, TimeMs>,
}

fn job_finished(job: &Value) -> Option<&'static str> {
    let cs = job.at("/status/conditions").and_then(Value::as_array)?;
    for c in cs {
        if str_at(c, "/status") == "True" {
            match str_at(c, "/type") {
                "Complete" => return Some("Complete"),
                "Failed" => return Some("Failed"),
                _ => {}
            }
        }
    }
    None
}

fn job_ref(job: &Value) -> Value {
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "name": object::name(job),
        "namespace": object::namespace(job),
        "resourceVersion": str_at(job, "/metadata/resourceVersion"),
        "uid": object::uid(job),
    })
}

impl CronJobController {
    pub fn next_wake(&self) -> Option<TimeMs> {
        self.next.values().copied().min()
    }

    pub fn sync(&mut self, api: &mut ApiServer) {
        match self.informer.poll(&api.store) {
            Delta::Events(events) => {
                for e in events {
                    match e.key.resource.as_str() {
                        "cronjobs.batch" => self.queue.add(&e.key.namespace, &e.key.name),
                        "jobs.batch" => {
                            if let Some(("CronJob", owner, _)) = controller_of(&e.object) {
                                self.queue.add(&e.key.namespace, owner);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Delta::Relist => {
                for cj in api.for_each(rt("cronjobs.batch"), None) {
                    self.queue.add(object::namespace(cj), object::name(cj));
                }
            }
        }
        let now = api.now();
        let due: Vec<String> = self
            .next
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(k, _)| k.clone())
            .collect();
        for k in due {
            if let Some((ns, name)) = k.split_once('/') {
                self.queue.add(ns, name);
            }
        }
        for (ns, name) in self.queue.take_all() {
            self.reconcile(api, &ns, &name);
        }
    }

    fn reconcile(&mut self, api: &mut ApiServer, ns: &str, name: &str) {
        let key = format!("{ns}/{name}");
        let cj_type = rt("cronjobs.batch");
        let job_type = rt("jobs.batch");
        let Ok(cj) = api.get(cj_type, ns, name) else {
            self.next.remove(&key);
            return;
        };
        if cj.at("/metadata/deletionTimestamp").is_some() {
            self.next.remove(&key);
            return;
        }
        let now = api.now();
        let uid = object::uid(&cj).to_string();
        let mut jobs: Vec<Value> = api
            .for_each(job_type, Some(ns))
            .filter(|j| controller_of(j).is_some_and(|(_, _, u)| u == uid))
            .cloned()
            .collect();
        // Finished jobs leave `active`, once, with an event.
        let was_active: Vec<String> = cj
            .at("/status/active")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|r| str_at(r, "/name").to_string()).collect())
            .unwrap_or_default();
        let mut last_successful = str_at(&cj, "/status/lastSuccessfulTime").to_string();
        for j in &jobs {
            if let Some(outcome) = job_finished(j) {
                if was_active.iter().any(|n| n == object::name(j)) {
                    api.record_event(
                        &cj,
                        "Normal",
                        "SawCompletedJob",
                        &format!("Saw completed job: {}, status: {outcome}", object::name(j)),
                        "cronjob-controller",
                        "",
                    );
                }
                if outcome == "Complete" {
                    let done = str_at(j, "/status/completionTime");
                    if done > last_successful.as_str() {
                        last_successful = done.to_string();
                    }
                }
            }
        }
        let schedule = parse_schedule(str_at(&cj, "/spec/schedule")).ok();
        let suspended = cj.at("/spec/suspend") == Some(&json!(true));
        let since = parse_rfc3339(str_at(&cj, "/status/lastScheduleTime"))
            .or_else(|| parse_rfc3339(str_at(&cj, "/metadata/creationTimestamp")))
            .unwrap_or(now);
        let mut last_schedule = str_at(&cj, "/status/lastScheduleTime").to_string();
        if let (Some(s), false) = (&schedule, suspended) {
            // The most recent missed time, if any (older misses are skipped, as upstream does
            // after a long outage).
            let mut scheduled = None;
            let mut t = since;
            for _ in 0..1000 {
                match s.next(t) {
                    Some(n) if n <= now => {
                        scheduled = Some(n);
                        t = n;
                    }
                    _ => break,
                }
            }
            let deadline_ok = |at: TimeMs| {
                cj.at("/spec/startingDeadlineSeconds")
                    .and_then(Value::as_i64)
                    .is_none_or(|d| at + d * 1000 >= now)
            };
            if let Some(at) = scheduled.filter(|at| deadline_ok(*at)) {
                let active: Vec<&Value> =
                    jobs.iter().filter(|j| job_finished(j).is_none()).collect();
                let policy = str_at(&cj, "/spec/concurrencyPolicy");
                let mut create = true;
                if !active.is_empty() && policy == "Forbid" {
                    create = false;
                    api.record_event(
                        &cj,
                        "Normal",
                        "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid",
                        "cronjob-controller",
                        "",
                    );
                    // Upstream still counts the time as scheduled.
                    last_schedule = rfc3339(at);
                }
                if create && !active.is_empty() && policy == "Replace" {
                    let names: Vec<String> =
                        active.iter().map(|j| object::name(j).to_string()).collect();
                    for jn in names {
                        let opts = DeleteOptions {
                            propagation: Propagation::Background,
                            ..DeleteOptions::default()
                        };
                        if api.delete(job_type, ns, &jn, opts).is_ok() {
                            api.record_event(
                                &cj,
                                "Normal",
                                "SuccessfulDelete",
                                &format!("Deleted job {jn}"),
                                "cronjob-controller",
                                "",
                            );
                        }
                    }
                }
                if create {
                    let job_name = format!("{name}-{}", at.div_euclid(MINUTE_MS));
                    if api.get(job_type, ns, &job_name).is_err() {
                        let template = cj.at("/spec/jobTemplate").cloned().unwrap_or(json!({}));
                        let mut meta = json!({
                            "name": job_name,
                            "namespace": ns,
                            "ownerReferences": [object::controller_ref(&cj)],
                        });
                        if let Some(l) = template.at("/metadata/labels") {
                            meta["labels"] = l.clone();
                        }
                        let mut annotations = template
                            .at("/metadata/annotations")
                            .and_then(Value::as_object)
                            .cloned()
                            .unwrap_or_default();
                        annotations.insert(
                            "batch.kubernetes.io/cronjob-scheduled-timestamp".into(),
                            json!(rfc3339(at)),
                        );
                        meta["annotations"] = Value::Object(annotations);
                        let job = json!({
                            "metadata": meta,
                            "spec": template.get("spec").cloned().unwrap_or(json!({})),
                        });
                        match api.create(job_type, ns, job) {
                            Ok(created) => {
                                api.record_event(
                                    &cj,
                                    "Normal",
                                    "SuccessfulCreate",
                                    &format!("Created job {job_name}"),
                                    "cronjob-controller",
                                    "",
                                );
                                jobs.push(created);
                            }
                            Err(status) => api.record_event(
                                &cj,
                                "Warning",
                                "FailedCreate",
                                &format!("Error creating job: {}", status.message),
                                "cronjob-controller",
                                "",
                            ),
                        }
                    }
                    last_schedule = rfc3339(at);
                }
            }
            match s.next(now) {
                Some(n) => {
                    self.next.insert(key, n);
                }
                None => {
                    self.next.remove(&key);
                }
            }
        } else {
            self.next.remove(&key);
        }
        // History limits: the oldest finished jobs beyond the limits go.
        for (outcome, field, default) in [
            ("Complete", "successfulJobsHistoryLimit", 3),
            ("Failed", "failedJobsHistoryLimit", 1),
        ] {
            let limit = cj
                .at(&format!("/spec/{field}"))
                .and_then(Value::as_i64)
                .unwrap_or(default)
                .max(0) as usize;
            let mut finished: Vec<(String, String)> = jobs
                .iter()
                .filter(|j| job_finished(j) == Some(outcome))
                .filter(|j| j.at("/metadata/deletionTimestamp").is_none())
                .map(|j| {
                    (
                        str_at(j, "/status/startTime").to_string(),
                        object::name(j).to_string(),
                    )
                })
                .collect();
            finished.sort_shared();
            if finished.len() > limit {
                let extra = finished.len() - limit;
                for (_, jn) in finished.into_iter().take(extra) {
                    let opts = DeleteOptions {
                        propagation: Propagation::Background,
                        ..DeleteOptions::default()
                    };
                    if api.delete(job_type, ns, &jn, opts).is_ok() {
                        api.record_event(
                            &cj,
                            "Normal",
                            "SuccessfulDelete",
                            &format!("Deleted job {jn}"),
                            "cronjob-controller",
                            "",
                        );
                        jobs.retain(|j| object::name(j) != jn);
                    }
                }
            }
        }
        // Status.
        let mut active: Vec<Value> = jobs
            .iter()
            .filter(|j| job_finished(j).is_none() && j.at("/metadata/deletionTimestamp").is_none())
            .map(job_ref)
            .collect();
        active.sort_shared_by(|a, b| str_at(a, "/name").cmp(str_at(b, "/name")));
        let Ok(fresh) = api.get(cj_type, ns, name) else {
            return;
        };
        let mut status = serde_json::Map::new();
        if !active.is_empty() {
            status.insert("active".into(), json!(active));
        }
        if !last_schedule.is_empty() {
            status.insert("lastScheduleTime".into(), json!(last_schedule));
        }
        if !last_successful.is_empty() {
            status.insert("lastSuccessfulTime".into(), json!(last_successful));
        }
        let status = Value::Object(status);
        if fresh.get("status") != Some(&status) {
            let mut new = fresh;
            new["status"] = status;
            let _ = api.update_status(cj_type, &new);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::clock::parse_rfc3339;

    fn at(s: &str) -> TimeMs {
        parse_rfc3339(s).unwrap_or(0)
    }

    #[test]
    fn standard_schedules() {
        let s = parse_schedule("*/5 * * * *").unwrap();
        assert_eq!(
            s.next(at("2026-11-21T10:03:20Z")),
            Some(at("2026-11-21T10:05:00Z"))
        );
        let s = parse_schedule("30 2 * * 1-5").unwrap();
        // 2026-11-21 is a Saturday: the next weekday is Monday the 23rd.
        assert_eq!(
            s.next(at("2026-11-21T10:00:00Z")),
            Some(at("2026-11-23T02:30:00Z"))
        );
        let s = parse_schedule("0 0 1 jan *").unwrap();
        assert_eq!(
            s.next(at("2026-11-21T10:00:00Z")),
            Some(at("2027-01-01T00:00:00Z"))
        );
        let s = parse_schedule("@hourly").unwrap();
        assert_eq!(
            s.next(at("2026-11-21T10:00:00Z")),
            Some(at("2026-11-21T11:00:00Z"))
        );
        // Day of month OR day of week when both are restricted.
        let s = parse_schedule("0 0 13 * 5").unwrap();
        assert_eq!(
            s.next(at("2026-11-21T10:00:00Z")),
            Some(at("2026-11-27T00:00:00Z"))
        );
        let s = parse_schedule("0 0 30 2 *").unwrap();
        assert_eq!(s.next(at("2026-11-21T10:00:00Z")), None);
    }

    #[test]
    fn schedule_errors_are_robfigs() {
        assert_eq!(
            parse_schedule("bad").unwrap_err(),
            "expected exactly 5 fields, found 1: [bad]"
        );
        assert_eq!(
            parse_schedule("61 * * * *").unwrap_err(),
            "end of range (61) above maximum (59): 61"
        );
        assert_eq!(
            parse_schedule("x * * * *").unwrap_err(),
            "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            parse_schedule("5-1 * * * *").unwrap_err(),
            "beginning of range (5) beyond end of range (1): 5-1"
        );
        assert_eq!(
            parse_schedule("@fortnightly").unwrap_err(),
            "unrecognized descriptor: @fortnightly"
        );
    }
}

//! "What happened": the chain of component actions behind the last command, read from the
//! store's watch history since the command started and from the Event objects the components
//! recorded. kubectl's own writes are told apart by the resourceVersions the session noted
//! around each kubectl (before the cluster reacted): kubectl → kube-apiserver (admission,
//! validation) → etcd, then the reactions: controller-manager, scheduler, kubelets. Pure: the
//! steps are data, worded by the page in the learner's language.

use crate::sim::object::Pointer as _;
use std::collections::BTreeMap;

use serde_json::Value;

use crate::printers::get::pod_status;
use crate::sim::apiserver::ApiServer;
use crate::sim::clock::{parse_rfc3339, TimeMs};
use crate::sim::object::{self, str_at};
use crate::sim::store::{EventType, Key, WatchEvent};

/// Steps kept per story; later ones are counted.
pub const MAX_STEPS: usize = 60;
/// Watch events read per story (a loop creating thousands of pods stays cheap to follow).
const MAX_EVENTS: usize = 5_000;
/// A story stops following the cluster this long after its command (cluster time).
pub const FOLLOW_MS: TimeMs = 10 * 60 * 1000;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Actor {
    Kubectl,
    ApiServer,
    Etcd,
    ControllerManager,
    Scheduler,
    /// The kubelet of a node.
    Kubelet(String),
    Other(String),
}

impl Actor {
    /// A stable id for styling and tests.
    pub fn id(&self) -> &'static str {
        match self {
            Actor::Kubectl => "kubectl",
            Actor::ApiServer => "apiserver",
            Actor::Etcd => "etcd",
            Actor::ControllerManager => "controller-manager",
            Actor::Scheduler => "scheduler",
            Actor::Kubelet(_) => "kubelet",
            Actor::Other(_) => "other",
        }
    }

    /// The component's name as Kubernetes spells it.
    pub fn label(&self) -> String {
        match self {
            Actor::Kubectl => "kubectl".into(),
            Actor::ApiServer => "kube-apiserver".into(),
            Actor::Etcd => "etcd".into(),
            Actor::ControllerManager => "kube-controller-manager".into(),
            Actor::Scheduler => "kube-scheduler".into(),
            Actor::Kubelet(node) => format!("kubelet ({node})"),
            Actor::Other(c) => c.clone(),
        }
    }

    fn of_event(e: &Value) -> Actor {
        let component = str_at(e, "/source/component");
        match component {
            "default-scheduler" | "kube-scheduler" => Actor::Scheduler,
            "kubelet" => Actor::Kubelet(str_at(e, "/source/host").to_string()),
            c if c.ends_with("-controller") || c == "controllermanager" => Actor::ControllerManager,
            c => Actor::Other(c.to_string()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Create,
    Update,
    Delete,
}

/// What a step says; the page words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// kubectl sends a request.
    Request {
        verb: Verb,
        kind: String,
        name: String,
    },
    /// The API server admits and validates it.
    Admitted { kind: String },
    /// etcd stores the object.
    Stored { kind: String, name: String, rv: u64 },
    /// etcd forgets the object.
    Removed { kind: String, name: String },
    /// A component recorded an Event (`reason` is the Event's, e.g. `Scheduled`, `Pulling`).
    Event {
        reason: String,
        kind: String,
        name: String,
    },
    /// A kubelet reported a pod's new status.
    PodStatus { name: String, status: String },
    /// A kubelet started a static pod and created its mirror pod in the API.
    MirrorPod { name: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub actor: Actor,
    pub what: What,
    /// The Event's own message (Kubernetes' English), if any.
    pub detail: String,
    pub at_ms: TimeMs,
    /// How many times an Event was recorded (back-offs repeat).
    pub count: i64,
    /// How many identical steps in a row this one stands for (a ReplicaSet creating 100 pods
    /// is one step, ×100).
    pub times: usize,
}

impl Step {
    /// The repeat count to show: folded steps, or a recorded Event's count.
    pub fn repeats(&self) -> i64 {
        if self.times > 1 {
            self.times as i64
        } else {
            self.count
        }
    }
}

/// Where a story starts: noted by the page before the command ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryStart {
    pub command: String,
    pub since_rv: u64,
    pub started_ms: TimeMs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    pub start: StoryStart,
    /// For each kubectl the command ran: resourceVersions before and after its writes.
    pub kubectl_writes: Vec<(u64, u64)>,
    pub status: i32,
    pub steps: Vec<Step>,
    /// Steps not kept (over [`MAX_STEPS`]).
    pub more: usize,
    /// The watch history no longer reaches back to the command.
    pub expired: bool,
}

impl Story {
    pub fn ran_kubectl(&self) -> bool {
        !self.kubectl_writes.is_empty()
    }

    /// Still worth re-reading on a clock tick.
    pub fn following(&self, now: TimeMs) -> bool {
        !self.expired && now - self.start.started_ms <= FOLLOW_MS
    }
}

fn kind_of(key: &Key, obj: &Value) -> String {
    let k = object::kind(obj);
    if k.is_empty() {
        key.resource.clone()
    } else {
        k.to_string()
    }
}

fn display_name(key: &Key) -> String {
    if key.namespace.is_empty() {
        key.name.clone()
    } else {
        format!("{}/{}", key.namespace, key.name)
    }
}

fn has_deletion(obj: &Value) -> bool {
    obj.at("/metadata/deletionTimestamp")
        .is_some_and(|v| !v.is_null())
}

/// Background writes no learner asked about (heartbeats).
fn is_noise(e: &WatchEvent) -> bool {
    matches!(
        e.key.resource.as_str(),
        "leases.coordination.k8s.io" | "leases"
    ) || (e.key.resource == "nodes" && e.event_type == EventType::Modified)
}

/// Reads what happened since the story's start.
pub fn build(
    api: &ApiServer,
    start: &StoryStart,
    kubectl_writes: &[(u64, u64)],
    status: i32,
) -> Story {
    let mut b = StoryBuilder::new(start, kubectl_writes, status);
    b.update(api);
    b.story
}

/// A story kept up to date as the cluster moves: each update reads only the watch events
/// that came since the last one (a clock tick with a thousand pods changing stays cheap).
#[derive(Clone, Debug)]
pub struct StoryBuilder {
    story: Story,
    /// The last resourceVersion read.
    last_rv: u64,
    /// Watch events read so far (at most [`MAX_EVENTS`]).
    read: usize,
    clock: TimeMs,
    /// Last status shown per pod, to report changes only.
    pod_status_seen: BTreeMap<Key, String>,
    /// Where each Event object's step is, to fold repeats.
    event_steps: BTreeMap<Key, usize>,
}

impl StoryBuilder {
    pub fn new(start: &StoryStart, kubectl_writes: &[(u64, u64)], status: i32) -> StoryBuilder {
        StoryBuilder {
            story: Story {
                start: start.clone(),
                kubectl_writes: kubectl_writes.to_vec(),
                status,
                steps: Vec::new(),
                more: 0,
                expired: false,
            },
            last_rv: start.since_rv,
            read: 0,
            clock: start.started_ms,
            pod_status_seen: BTreeMap::new(),
            event_steps: BTreeMap::new(),
        }
    }

    /// Is this the builder of `story`?
    pub fn builds(&self, story: &Story) -> bool {
        self.story.start == story.start
            && self.story.kubectl_writes == story.kubectl_writes
            && self.story.status == story.status
    }

    pub fn story(&self) -> &Story {
        &self.story
    }

    fn push(&mut self, step: Step) {
        let steps = &mut self.story.steps;
        // The same action again right after: one step, counted.
        if let Some(last) = steps.last_mut() {
            if last.actor == step.actor && last.what == step.what {
                last.times += 1;
                last.at_ms = step.at_ms;
                return;
            }
        }
        if steps.len() < MAX_STEPS {
            steps.push(step);
        } else {
            self.story.more += 1;
        }
    }

    fn step(&self, actor: Actor, what: What) -> Step {
        Step {
            actor,
            what,
            detail: String::new(),
            at_ms: self.clock,
            count: 1,
            times: 1,
        }
    }

    /// Reads the watch events since the last update.
    pub fn update(&mut self, api: &ApiServer) {
        if self.story.expired || self.read >= MAX_EVENTS {
            return;
        }
        let events: Vec<&WatchEvent> = match api.store.events_since(self.last_rv) {
            Ok(it) => it.take(MAX_EVENTS - self.read).collect(),
            Err(_) => {
                self.story.expired = true;
                return;
            }
        };
        self.read += events.len();
        let now = api.now();
        for e in events {
            self.last_rv = e.resource_version;
            self.read_event(api, e, now);
        }
    }

    fn read_event(&mut self, api: &ApiServer, e: &WatchEvent, now: TimeMs) {
        if is_noise(e) {
            return;
        }
        let by_kubectl = |rv: u64| {
            self.story
                .kubectl_writes
                .iter()
                .any(|(a, b)| rv > *a && rv <= *b)
        };
        if e.key.resource == "events" {
            let at = parse_rfc3339(str_at(&e.object, "/lastTimestamp"))
                .or_else(|| parse_rfc3339(str_at(&e.object, "/eventTime")))
                .unwrap_or(self.clock);
            self.clock = self.clock.max(at);
            let count = e.object.get("count").and_then(Value::as_i64).unwrap_or(1);
            if let Some(&i) = self.event_steps.get(&e.key) {
                if let Some(s) = self.story.steps.get_mut(i) {
                    if s.times == 1 {
                        s.count = count;
                    }
                    s.at_ms = at;
                }
                return;
            }
            if e.event_type == EventType::Deleted {
                return;
            }
            let step = Step {
                actor: Actor::of_event(&e.object),
                what: What::Event {
                    reason: str_at(&e.object, "/reason").to_string(),
                    kind: str_at(&e.object, "/involvedObject/kind").to_string(),
                    name: str_at(&e.object, "/involvedObject/name").to_string(),
                },
                detail: str_at(&e.object, "/message").to_string(),
                at_ms: at,
                count,
                times: 1,
            };
            let kept = self.story.steps.len() < MAX_STEPS;
            self.push(step);
            if kept {
                // Where the step landed (a new one, or the one it was folded into).
                self.event_steps
                    .insert(e.key.clone(), self.story.steps.len() - 1);
            }
            return;
        }
        let kind = kind_of(&e.key, &e.object);
        let name = display_name(&e.key);
        let is_pod = e.key.resource == "pods";
        if by_kubectl(e.resource_version) {
            let verb = match e.event_type {
                EventType::Added => Verb::Create,
                EventType::Deleted => Verb::Delete,
                EventType::Modified if has_deletion(&e.object) => Verb::Delete,
                EventType::Modified => Verb::Update,
            };
            let request = What::Request {
                verb,
                kind: kind.clone(),
                name: name.clone(),
            };
            self.push(self.step(Actor::Kubectl, request));
            self.push(self.step(Actor::ApiServer, What::Admitted { kind: kind.clone() }));
            let stored = if e.event_type == EventType::Deleted {
                What::Removed { kind, name }
            } else {
                What::Stored {
                    kind,
                    name,
                    rv: e.resource_version,
                }
            };
            self.push(self.step(Actor::Etcd, stored));
            if is_pod {
                self.pod_status_seen
                    .insert(e.key.clone(), pod_status(&e.object, now).1);
            }
            return;
        }
        match (e.event_type, is_pod) {
            (EventType::Deleted, _) => {
                self.push(self.step(Actor::Etcd, What::Removed { kind, name }))
            }
            (_, true) => {
                let node = str_at(&e.object, "/spec/nodeName").to_string();
                if e.event_type == EventType::Added
                    && object::annotation(&e.object, "kubernetes.io/config.mirror").is_some()
                {
                    let mirror = What::MirrorPod { name: name.clone() };
                    self.push(self.step(Actor::Kubelet(node.clone()), mirror));
                }
                let status = pod_status(&e.object, now).1;
                let before = match self.pod_status_seen.get(&e.key) {
                    Some(s) => Some(s.clone()),
                    None if e.event_type == EventType::Added => None,
                    // First seen as a change: compare with how it was when the command began.
                    None => status_before(api, &e.key, self.story.start.since_rv, now),
                };
                self.pod_status_seen.insert(e.key.clone(), status.clone());
                // A new pod's first status is its creation, told by whoever created it.
                let changed = match before {
                    Some(b) => b != status,
                    None => e.event_type != EventType::Added,
                };
                if changed && !node.is_empty() {
                    self.push(self.step(Actor::Kubelet(node), What::PodStatus { name, status }));
                }
            }
            _ => {}
        }
    }
}

/// A pod's status at `rv`, from the watch history (None if it is not there any more).
fn status_before(api: &ApiServer, key: &Key, rv: u64, now: TimeMs) -> Option<String> {
    let hist = api.store.events_since(0).ok()?;
    hist.take_while(|e| e.resource_version <= rv)
        .filter(|e| &e.key == key)
        .last()
        .map(|e| pod_status(&e.object, now).1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    fn run(s: &mut Session, line: &str) -> Story {
        let start = StoryStart {
            command: line.into(),
            since_rv: s.cluster.api.store.resource_version(),
            started_ms: s.cluster.now(),
        };
        let out = s.run_line(line);
        let writes = s.kubectl_writes().to_vec();
        s.tick(60_000);
        build(&s.cluster.api, &start, &writes, out.result.status)
    }

    fn actors(story: &Story) -> Vec<&'static str> {
        story.steps.iter().map(|s| s.actor.id()).collect()
    }

    #[test]
    fn kubectl_run_tells_the_whole_chain_in_order() {
        let mut s = Session::new(0);
        let story = run(&mut s, "kubectl run web --image=nginx");
        let a = actors(&story);
        assert_eq!(&a[..3], &["kubectl", "apiserver", "etcd"], "{story:#?}");
        let pos = |id: &str| a.iter().position(|x| *x == id);
        assert!(pos("scheduler") < pos("kubelet"), "{a:?}");
        let reasons: Vec<&str> = story
            .steps
            .iter()
            .filter_map(|s| match &s.what {
                What::Event { reason, .. } => Some(reason.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            reasons,
            vec!["Scheduled", "Pulling", "Pulled", "Created", "Started"]
        );
        assert!(story.steps.iter().any(|s| s.what
            == What::PodStatus {
                name: "default/web".into(),
                status: "Running".into()
            }));
        assert_eq!(
            story.steps[0].what,
            What::Request {
                verb: Verb::Create,
                kind: "Pod".into(),
                name: "default/web".into()
            }
        );
    }

    #[test]
    fn a_replicaset_creating_many_pods_is_one_step_counted() {
        let mut s = Session::new(0);
        let story = run(
            &mut s,
            "kubectl create deployment big --image=nginx --replicas=30",
        );
        let creates: Vec<&Step> = story
            .steps
            .iter()
            .filter(
                |s| matches!(&s.what, What::Event { reason, .. } if reason == "SuccessfulCreate"),
            )
            .collect();
        assert_eq!(creates.len(), 1, "{story:#?}");
        assert_eq!(creates[0].repeats(), 30);
        assert!(story.steps.iter().any(|s| s.actor.id() == "kubelet"));
    }

    #[test]
    fn a_read_changes_nothing_and_a_shell_command_talks_to_no_one() {
        let mut s = Session::new(0);
        let story = run(&mut s, "kubectl get pods");
        assert!(story.ran_kubectl());
        assert!(story.steps.is_empty(), "{story:#?}");
        let story = run(&mut s, "echo hi");
        assert!(!story.ran_kubectl());
        assert!(story.steps.is_empty());
    }
}

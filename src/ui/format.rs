//! Words and numbers the page shows: message templates filled in, the cluster clock, and each
//! "what happened" step in the learner's language. Pure.

use super::story::{Verb, What};
use crate::i18n::{t, Lang, Msg};
use crate::sim::clock::{civil, TimeMs};

/// Replaces `{name}` placeholders of a message template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// The cluster clock as a wall clock: `09:14:22`.
pub fn clock_time(ms: TimeMs) -> String {
    let c = civil(ms);
    format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second)
}

/// The cluster's date: `2026-11-21`.
pub fn clock_date(ms: TimeMs) -> String {
    let c = civil(ms);
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

/// A step's time after the command: `+0s`, `+12s`, `+3m05s`.
pub fn offset(ms: TimeMs) -> String {
    let s = ms.max(0) / 1000;
    if s < 60 {
        format!("+{s}s")
    } else {
        format!("+{}m{:02}s", s / 60, s % 60)
    }
}

/// A step of "what happened", worded for `lang` (names stay as Kubernetes spells them).
pub fn step_text(lang: Lang, what: &What) -> String {
    match what {
        What::Request { verb, kind, name } => {
            let msg = match verb {
                Verb::Create => Msg::StepCreate,
                Verb::Update => Msg::StepUpdate,
                Verb::Delete => Msg::StepDelete,
            };
            fill(t(lang, msg), &[("kind", kind), ("name", name)])
        }
        What::Admitted { kind } => fill(t(lang, Msg::StepAdmitted), &[("kind", kind)]),
        What::Stored { kind, name, rv } => fill(
            t(lang, Msg::StepStored),
            &[("kind", kind), ("name", name), ("rv", &rv.to_string())],
        ),
        What::Removed { kind, name } => {
            fill(t(lang, Msg::StepRemoved), &[("kind", kind), ("name", name)])
        }
        What::MirrorPod { name } => fill(t(lang, Msg::StepMirror), &[("name", name)]),
        What::PodStatus { name, status } => fill(
            t(lang, Msg::StepPodStatus),
            &[("name", name), ("status", status)],
        ),
        What::Event { reason, kind, name } => {
            let msg = match reason.as_str() {
                "ScalingReplicaSet" => Msg::EvScalingReplicaSet,
                "SuccessfulCreate" => Msg::EvSuccessfulCreate,
                "SuccessfulDelete" => Msg::EvSuccessfulDelete,
                "FailedCreate" => Msg::EvFailedCreate,
                "Scheduled" => Msg::EvScheduled,
                "FailedScheduling" => Msg::EvFailedScheduling,
                "Pulling" => Msg::EvPulling,
                "Pulled" => Msg::EvPulled,
                "Created" => Msg::EvCreated,
                "Started" => Msg::EvStarted,
                "Killing" => Msg::EvKilling,
                "BackOff" => Msg::EvBackOff,
                "Failed" => Msg::EvFailed,
                _ => Msg::EvOther,
            };
            fill(
                t(lang, msg),
                &[("kind", kind), ("name", name), ("reason", reason)],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_in_both_languages() {
        let w = What::Event {
            reason: "Scheduled".into(),
            kind: "Pod".into(),
            name: "web-1".into(),
        };
        assert_eq!(
            step_text(Lang::En, &w),
            "picks a node for pod web-1 and binds the pod to it"
        );
        assert!(step_text(Lang::Ko, &w).contains("web-1"));
        let s = What::Stored {
            kind: "Pod".into(),
            name: "default/web".into(),
            rv: 42,
        };
        assert_eq!(
            step_text(Lang::En, &s),
            "stores Pod default/web (resourceVersion 42)"
        );
    }

    #[test]
    fn clock_and_offsets() {
        assert_eq!(clock_time(1_794_474_862_000), "09:14:22");
        assert_eq!(clock_date(1_794_474_862_000), "2026-11-12");
        assert_eq!(offset(12_400), "+12s");
        assert_eq!(offset(185_000), "+3m05s");
    }
}

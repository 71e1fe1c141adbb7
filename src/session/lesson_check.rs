//! Plays a lesson through fresh sessions to find what a reader of it would trip on: a step
//! whose solution does not make its checks pass, checks that already pass before the step,
//! and a reset to a step that lands somewhere else. The lesson validator (`tests/lessons.rs`)
//! and `kube-playground --validate-lessons DIR…` both use it.

use super::Session;
use crate::lessons::{self, Lesson, Step};

/// Steps that only look around (`get`, `describe`, `cat`…) may keep checks that already hold.
pub fn step_is_observational(step: &Step) -> bool {
    step.solution.iter().all(|l| {
        let l = l.trim_start();
        [
            "kubectl get",
            "kubectl describe",
            "kubectl explain",
            "kubectl logs",
            "kubectl api-resources",
            "kubectl top",
            "kubectl rollout history",
            "kubectl rollout status",
            "cat ",
            "ls ",
            "sleep",
            "alias ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
    })
}

/// Every problem found by running the lesson: each step's solution from the state before it
/// must pass its checks, the checks must not all pass before it (unless the step says
/// `same_state` or only looks), and `for_lesson(step + 1)` must land in the same state. Steps
/// after one whose solution needs an unavailable command are not run.
pub fn run_problems(lesson: &Lesson) -> Vec<String> {
    let at = format!("lessons/{}", lesson.dir);
    let mut out = Vec::new();
    let mut session = Session::for_lesson(lesson, 0, 1);
    for (i, step) in lesson.steps.iter().enumerate() {
        if step
            .solution
            .iter()
            .any(|l| lessons::is_unavailable(lesson, l))
        {
            break;
        }
        let before = session.check_step(lesson, i);
        if !before.is_empty()
            && before.iter().all(|r| r.passed)
            && !step.same_state
            && !step_is_observational(step)
        {
            out.push(format!(
                "{at} step {}: every check passes before the solution (a check too weak, or mark the step same_state)",
                step.id
            ));
        }
        let ran = session.run_lines(&step.solution);
        let after = session.check_step(lesson, i);
        for r in after.iter().filter(|r| !r.passed) {
            let output: String = ran
                .iter()
                .map(|(_, o)| o.as_str())
                .collect::<Vec<_>>()
                .join("");
            out.push(format!(
                "{at} step {}: after the solution, this check fails: {}\n    the solution printed: {:?}",
                step.id,
                r.label,
                output.chars().take(600).collect::<String>()
            ));
        }
        let mut reset = Session::for_lesson(lesson, i + 1, 1);
        if reset.check_step(lesson, i) != after {
            out.push(format!(
                "{at} step {}: starting at the next step does not land in the state this step's solution leaves",
                step.id
            ));
        }
    }
    out
}

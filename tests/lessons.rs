//! The lessons: every file validated, and every lesson's solutions run through a fresh session
//! until every check passes.

use std::collections::BTreeSet;
use std::io::Write;

/// Notes (skips, features that landed) go straight to stderr, past the test harness's capture,
/// so they show in every run and never pass silently.
fn note(text: String) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

use kube_playground::i18n::Lang;
use kube_playground::lessons::{self, Lesson, SOURCES};
use kube_playground::session::Session;

/// Commands in a step's code blocks and solution that the playground cannot run: each run in
/// the session it belongs to (after the lesson's setup and the earlier steps' solutions).
fn unavailable_commands(lesson: &Lesson) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut session = Session::for_lesson(lesson, 0, 1);
    // A probe must not change the lesson's state: each block runs, line after line (an alias
    // defined on one line is used on the next), in a copy of the session.
    let mut probe = |session: &Session, lines: &[String]| {
        let Ok(mut copy) = Session::load(&session.save()) else {
            return;
        };
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            let out = copy.run_lines(std::slice::from_ref(line));
            if out.iter().any(|(_, text)| lessons::looks_unavailable(text)) {
                found.insert(line.trim().to_string());
            }
        }
    };
    for step in &lesson.steps {
        for block in step.text_en.commands.iter() {
            probe(&session, block);
        }
        probe(&session, &step.solution);
        session.run_lines(&step.solution);
    }
    found
}

#[test]
fn every_lesson_file_is_valid() {
    let mut problems = Vec::new();
    for src in SOURCES {
        problems.extend(lessons::validate_static(src));
    }
    // The index lists every directory (regenerate with scripts/gen_lesson_index.py).
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    on_disk.sort();
    let indexed: Vec<String> = SOURCES.iter().map(|s| s.dir.to_string()).collect();
    if on_disk != indexed {
        problems.push(format!(
            "src/lessons/index.rs is stale: lessons/ has {on_disk:?}, the index {indexed:?}"
        ));
    }
    for src in SOURCES {
        let path = format!("{dir}/{}", src.dir);
        for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "lesson.yaml" {
                continue;
            }
            let step = name
                .strip_suffix(".en.md")
                .or_else(|| name.strip_suffix(".ko.md"));
            match step {
                Some(s) if src.steps.iter().any(|(id, _, _)| *id == s) => {}
                _ => problems.push(format!("{path}/{name}: not in the index")),
            }
        }
    }
    let mut ids = BTreeSet::new();
    for l in lessons::all() {
        if !ids.insert(l.id.clone()) {
            problems.push(format!("duplicate lesson id {}", l.id));
        }
    }
    assert!(
        problems.is_empty(),
        "lesson problems:\n  {}",
        problems.join("\n  ")
    );
    assert!(lessons::all().len() >= 15, "at least 15 lessons");
}

#[test]
fn unavailable_lists_match_what_the_playground_runs() {
    let mut problems = Vec::new();
    for lesson in lessons::all() {
        let found = unavailable_commands(lesson);
        let listed: BTreeSet<String> = lesson.unavailable.iter().cloned().collect();
        for c in found.difference(&listed) {
            problems.push(format!(
                "lessons/{}: `{c}` cannot run here; add it to `unavailable:` or fix it",
                lesson.dir
            ));
        }
        for c in listed.difference(&found) {
            // A feature landed: say so loudly, but do not fail someone else's change.
            note(format!(
                "NOTE lessons/{}: `{c}` runs now; remove it from `unavailable:`",
                lesson.dir
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_lesson_solution_passes_its_checks() {
    let mut failures = Vec::new();
    for lesson in lessons::all() {
        let mut session = Session::for_lesson(lesson, 0, 1);
        for (i, step) in lesson.steps.iter().enumerate() {
            let blocked: Vec<&String> = step
                .solution
                .iter()
                .filter(|l| lessons::is_unavailable(lesson, l))
                .collect();
            if !blocked.is_empty() {
                note(format!(
                    "SKIP lessons/{} from step {} on: its solution needs commands not available yet: {blocked:?}",
                    lesson.dir, step.id
                ));
                break;
            }
            let out = session.run_lines(&step.solution);
            let results = session.check_step(lesson, i);
            for r in results.iter().filter(|r| !r.passed) {
                failures.push(format!(
                    "lessons/{} step {}: check failed: {}\n    output: {:?}",
                    lesson.dir, step.id, r.label, out
                ));
            }
            // reset_to_step lands in the same state: the same checks pass there.
            let mut reset = Session::for_lesson(lesson, i + 1, 1);
            if reset.check_step(lesson, i) != results {
                failures.push(format!(
                    "lessons/{} step {}: reset_to_step({}) differs",
                    lesson.dir,
                    step.id,
                    i + 1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn checks_fail_before_the_solution() {
    // A step whose checks already pass before its solution teaches nothing (or its checks are
    // too weak). Only lessons that can run are looked at.
    let mut problems = Vec::new();
    for lesson in lessons::all() {
        for (i, step) in lesson.steps.iter().enumerate() {
            let blocked = |s: &lessons::Step| {
                s.solution
                    .iter()
                    .any(|l| lessons::is_unavailable(lesson, l))
            };
            if lesson.steps[..=i].iter().any(blocked) {
                break;
            }
            let mut session = Session::for_lesson(lesson, i, 1);
            let results = session.check_step(lesson, i);
            if results.iter().all(|r| r.passed)
                && !step.same_state
                && !kube_playground::session::lesson_check::step_is_observational(step)
            {
                problems.push(format!(
                    "lessons/{} step {}: every check passes before the solution",
                    lesson.dir, step.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn lesson_list_and_progress() {
    let en = lessons::list(Lang::En);
    let ko = lessons::list(Lang::Ko);
    assert_eq!(en.len(), ko.len());
    assert!(en
        .iter()
        .zip(&ko)
        .all(|(a, b)| a.id == b.id && a.title != b.title));
    let lesson = lessons::find("first-pod").expect("first-pod");
    let mut progress = lessons::Progress::default();
    progress.open(&lesson.id);
    let mut session = Session::for_lesson(lesson, 0, 1);
    let before = session.check_step(lesson, 0);
    assert!(!progress.record(lesson, 0, &before));
    session.run_lines(&lesson.steps[0].solution);
    let after = session.check_step(lesson, 0);
    assert!(progress.record(lesson, 0, &after));
    assert!(progress.is_done(lesson, 0));
    assert!(progress.next(lesson));
    let json = serde_json::to_string(&progress).unwrap_or_default();
    let back: lessons::Progress = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, progress);
    session.lang = Lang::Ko;
    assert!(session.check_step(lesson, 0)[0].label.contains("파드"));
}

/// Reads a lesson folder of `tests/lessons/` as the page and `--validate-lessons` do.
fn folder(name: &str) -> lessons::LessonFolder {
    let dir = format!("{}/tests/lessons/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut f = lessons::LessonFolder {
        dir: name.to_string(),
        ..Default::default()
    };
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        f.files
            .insert(e.file_name().to_string_lossy().into_owned(), text);
    }
    f
}

#[test]
fn the_validator_names_every_mistake_of_a_broken_lesson() {
    let sample = folder("99-broken-sample");
    let lesson = sample.load().expect("the files themselves are well formed");
    let problems = kube_playground::session::lesson_check::run_problems(&lesson);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with(
        "lessons/99-broken-sample step run: after the solution, this check fails: Pod web: status Running, image httpd"
    ));
    assert!(problems[1].starts_with(
        "lessons/99-broken-sample step namespace: every check passes before the solution"
    ));
    // A missing translation and a stray file are named before anything runs.
    let mut broken = sample.clone();
    broken.files.remove("run.ko.md");
    broken.files.insert("notes.txt".into(), "x".into());
    assert_eq!(
        broken.load().err().unwrap_or_default(),
        vec![
            "lessons/99-broken-sample/run.ko.md: missing".to_string(),
            "lessons/99-broken-sample/notes.txt: not a file of this lesson".to_string(),
        ]
    );
    // Every lesson of the playground passes the same run, folder by folder.
    for l in lessons::all().iter().take(3) {
        assert_eq!(
            kube_playground::session::lesson_check::run_problems(l),
            Vec::<String>::new()
        );
    }
}

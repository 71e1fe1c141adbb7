//! Lessons: a lesson is a sequence of steps, each with checks evaluated against the live cluster.
//!
//! Lesson files live in `lessons/<NN-slug>/`: `lesson.yaml` (titles, level, setup, each step's
//! solution and checks) and one Markdown file per step and language (`<step>.en.md`,
//! `<step>.ko.md`). They are compiled into the binary through `index.rs`, so the page needs no
//! fetch. `validate` reports every problem in every file; `tests/lessons.rs` runs it.
//!
//! **Invariant:** this module never runs anything. Running setup, solutions and command checks
//! is the session's job (`Session::start_lesson`, `Session::check_step`); here are the model,
//! the loader and the pure checks.

pub mod checks;
mod index;
pub mod markdown;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use checks::{Check, CheckResult};
pub use index::SOURCES;

use crate::i18n::Lang;

/// Text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

/// A file the setup writes before any command runs (a manifest to fix, a broken config).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupFile {
    #[serde(default = "controlplane")]
    pub node: String,
    pub path: String,
    pub content: String,
}

fn controlplane() -> String {
    "controlplane".into()
}

/// One lesson as `lessons/<NN-slug>/lesson.yaml` describes it (plus its step texts).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub title: Text,
    /// `beginner`, `intermediate` or `advanced`.
    pub level: String,
    pub minutes: u32,
    /// The cluster the lesson starts from; only `kubeadm` (controlplane + node01) exists.
    #[serde(default = "kubeadm")]
    pub cluster: String,
    /// Files written on the nodes before the setup commands.
    #[serde(default)]
    pub files: Vec<SetupFile>,
    /// Shell lines run (quietly) before the first step; `sleep N` lets time pass.
    #[serde(default)]
    pub setup: Vec<String>,
    /// Commands from the step texts the playground cannot run yet (the validator keeps this
    /// list honest): the panel can grey them out, and they light up when the feature lands.
    #[serde(default)]
    pub unavailable: Vec<String>,
    pub steps: Vec<Step>,
    /// The directory the lesson came from (`01-first-pod`); filled in by the loader.
    #[serde(skip_deserializing, default)]
    pub dir: String,
}

fn kubeadm() -> String {
    "kubeadm".into()
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Names the step's Markdown files: `<id>.en.md`, `<id>.ko.md`.
    pub id: String,
    pub title: Text,
    /// Shell lines that complete the step (used by "show solution", `reset_to_step` and the
    /// tests); `sleep N` where the cluster needs time.
    #[serde(default)]
    pub solution: Vec<String>,
    /// The step ends in the state it starts from (self-healing, a look around): its checks may
    /// pass before the solution runs, and the validator does not complain.
    #[serde(default)]
    pub same_state: bool,
    /// Each check is a one-key map (`- pod: {name: nginx}`).
    #[serde(default)]
    pub checks: Vec<Check>,
    /// The step texts, filled in by the loader from the Markdown files.
    #[serde(skip_deserializing, default)]
    pub text_en: StepText,
    #[serde(skip_deserializing, default)]
    pub text_ko: StepText,
}

/// A step's Markdown, split: instructions, the commands in its code blocks, and hints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StepText {
    /// The Markdown before the first hint marker, code blocks included.
    pub instructions: String,
    /// Each fenced code block's lines (one command a line): what the page runs on click.
    pub commands: Vec<Vec<String>>,
    /// Hints, in order; each starts after a line `<!-- hint -->`.
    pub hints: Vec<String>,
}

impl Step {
    pub fn text(&self, lang: Lang) -> &StepText {
        match lang {
            Lang::En => &self.text_en,
            Lang::Ko => &self.text_ko,
        }
    }
}

/// The marker line that starts a hint in a step's Markdown.
pub const HINT_MARKER: &str = "<!-- hint -->";

/// Splits a step's Markdown into instructions, code-block commands and hints.
pub fn parse_step_markdown(md: &str) -> StepText {
    let mut text = StepText::default();
    let mut sections: Vec<String> = vec![String::new()];
    for line in md.lines() {
        if line.trim() == HINT_MARKER {
            sections.push(String::new());
            continue;
        }
        if let Some(last) = sections.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
    }
    let mut in_block = false;
    let mut block: Vec<String> = Vec::new();
    for line in sections[0].lines() {
        let t = line.trim_start();
        if t.starts_with("```") {
            if in_block {
                text.commands.push(std::mem::take(&mut block));
            }
            in_block = !in_block;
            continue;
        }
        if in_block {
            block.push(line.to_string());
        }
    }
    text.instructions = sections[0].trim().to_string();
    text.hints = sections[1..].iter().map(|h| h.trim().to_string()).collect();
    text
}

/// Where a lesson's files come from: compiled in by `index.rs`, or a folder an instructor
/// brings to the page ([`LessonFolder`]).
pub struct LessonSource<'a> {
    pub dir: &'a str,
    pub yaml: &'a str,
    /// (step id, English Markdown, Korean Markdown)
    pub steps: &'a [(&'a str, &'a str, &'a str)],
}

/// A lesson folder read at run time (dropped on the page, fetched from a URL, or given to
/// `kube-playground --validate-lessons`): its name and its files by name.
#[derive(Clone, Debug, Default)]
pub struct LessonFolder {
    pub dir: String,
    pub files: std::collections::BTreeMap<String, String>,
}

/// The most files and bytes a brought lesson folder may have.
pub const FOLDER_MAX_FILES: usize = 100;
pub const FOLDER_MAX_BYTES: usize = 2_000_000;

impl LessonFolder {
    /// Step ids named by `lesson.yaml`, found without a full parse (the file may be invalid).
    pub fn step_ids(&self) -> Vec<String> {
        // Read as a plain value: no deserializer of its own for this (download size).
        let doc = self.yaml_value();
        doc.get("steps")
            .and_then(serde_json::Value::as_array)
            .map(|steps| {
                steps
                    .iter()
                    .filter_map(|s| s.get("id").and_then(serde_json::Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The lesson's `id`, if `lesson.yaml` has one.
    pub fn lesson_id(&self) -> String {
        self.yaml_value()
            .get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_string()
    }

    fn yaml_value(&self) -> serde_json::Value {
        self.files
            .get("lesson.yaml")
            .and_then(|y| serde_yaml_ng::from_str::<serde_json::Value>(y).ok())
            .unwrap_or_default()
    }

    /// Every problem of the folder that needs no cluster (as [`validate_static`]), plus files
    /// that are missing or not part of the lesson.
    pub fn problems(&self) -> Vec<String> {
        let at = format!("lessons/{}", self.dir);
        let mut out = Vec::new();
        if self.files.len() > FOLDER_MAX_FILES
            || self.files.values().map(String::len).sum::<usize>() > FOLDER_MAX_BYTES
        {
            return vec![format!(
                "{at}: too large (at most {FOLDER_MAX_FILES} files and {FOLDER_MAX_BYTES} bytes)"
            )];
        }
        if !self.files.contains_key("lesson.yaml") {
            return vec![format!("{at}/lesson.yaml: missing")];
        }
        let ids = self.step_ids();
        for id in &ids {
            for lang in ["en", "ko"] {
                if !self.files.contains_key(&format!("{id}.{lang}.md")) {
                    out.push(format!("{at}/{id}.{lang}.md: missing"));
                }
            }
        }
        for name in self.files.keys() {
            let step = name
                .strip_suffix(".en.md")
                .or_else(|| name.strip_suffix(".ko.md"));
            if name != "lesson.yaml" && !step.is_some_and(|s| ids.iter().any(|i| i == s)) {
                out.push(format!("{at}/{name}: not a file of this lesson"));
            }
        }
        if !out.is_empty() {
            return out;
        }
        self.with_source(validate_static)
    }

    /// The lesson, when the folder has no problems.
    pub fn load(&self) -> Result<Lesson, Vec<String>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        self.with_source(load).map_err(|e| vec![e])
    }

    fn with_source<R>(&self, f: impl FnOnce(&LessonSource) -> R) -> R {
        let empty = String::new();
        let ids = self.step_ids();
        let texts: Vec<(String, &str, &str)> = ids
            .iter()
            .map(|id| {
                let en = self.files.get(&format!("{id}.en.md")).unwrap_or(&empty);
                let ko = self.files.get(&format!("{id}.ko.md")).unwrap_or(&empty);
                (id.clone(), en.as_str(), ko.as_str())
            })
            .collect();
        let steps: Vec<(&str, &str, &str)> = texts
            .iter()
            .map(|(id, en, ko)| (id.as_str(), *en, *ko))
            .collect();
        let yaml = self.files.get("lesson.yaml").unwrap_or(&empty);
        f(&LessonSource {
            dir: &self.dir,
            yaml,
            steps: &steps,
        })
    }
}

thread_local! {
    /// Lessons brought at run time (a dropped folder), after the compiled-in ones.
    static EXTRA: std::cell::RefCell<Vec<&'static Lesson>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Adds a lesson brought at run time; one with the same id replaces the earlier one. Bounded:
/// each addition is kept for the life of the page.
pub fn add(lesson: Lesson) -> &'static Lesson {
    let leaked: &'static Lesson = Box::leak(Box::new(lesson));
    EXTRA.with(|e| {
        let mut e = e.borrow_mut();
        e.retain(|l| l.id != leaked.id);
        if e.len() >= 50 {
            e.remove(0);
        }
        e.push(leaked);
    });
    leaked
}

/// The lessons brought at run time.
pub fn extra() -> Vec<&'static Lesson> {
    EXTRA.with(|e| e.borrow().clone())
}

/// Parses one lesson from its sources; errors name the file.
pub fn load(src: &LessonSource) -> Result<Lesson, String> {
    // YAML to a plain value, then the lesson's types from that: a checked lesson.yaml needs no
    // YAML deserializer of its own (download size). A check is a one-key map, which is how
    // serde spells an enum variant in JSON.
    let value: serde_json::Value = serde_yaml_ng::from_str(src.yaml)
        .map_err(|e| format!("lessons/{}/lesson.yaml: {e}", src.dir))?;
    let mut lesson: Lesson = serde_json::from_value(value)
        .map_err(|e| format!("lessons/{}/lesson.yaml: {e}", src.dir))?;
    lesson.dir = src.dir.to_string();
    for step in &mut lesson.steps {
        let Some((_, en, ko)) = src.steps.iter().find(|(id, _, _)| *id == step.id) else {
            return Err(format!(
                "lessons/{}: step {} has no Markdown in the index",
                src.dir, step.id
            ));
        };
        step.text_en = parse_step_markdown(en);
        step.text_ko = parse_step_markdown(ko);
    }
    Ok(lesson)
}

/// Every lesson that loads, in order. Lessons that do not load are left out (the validator
/// test reports them).
pub fn all() -> &'static [Lesson] {
    static ALL: OnceLock<Vec<Lesson>> = OnceLock::new();
    ALL.get_or_init(|| SOURCES.iter().filter_map(|s| load(s).ok()).collect())
}

pub fn find(id: &str) -> Option<&'static Lesson> {
    extra()
        .into_iter()
        .rev()
        .find(|l| l.id == id)
        .or_else(|| all().iter().find(|l| l.id == id))
}

/// A line of the lesson list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub level: String,
    pub minutes: u32,
    pub steps: usize,
}

/// The lesson list in a language, in order.
pub fn list(lang: Lang) -> Vec<LessonSummary> {
    all()
        .iter()
        .map(|l| LessonSummary {
            id: l.id.clone(),
            title: l.title.get(lang).to_string(),
            level: l.level.clone(),
            minutes: l.minutes,
            steps: l.steps.len(),
        })
        .collect()
}

/// Whether a command line is one the lesson marks unavailable (the page greys it out).
pub fn is_unavailable(lesson: &Lesson, line: &str) -> bool {
    lesson.unavailable.iter().any(|u| u == line.trim())
}

/// What the playground prints when it cannot run something yet (or at all). The validator and
/// the tests look for these in a command's output.
pub const UNAVAILABLE_MARKERS: &[&str] = &[
    "is not available in this playground yet",
    "unknown flag:",
    "unknown shorthand flag:",
    "unknown command",
    ": command not found",
    "unable to match a printer suitable",
];

pub fn looks_unavailable(output: &str) -> bool {
    UNAVAILABLE_MARKERS.iter().any(|m| output.contains(m))
}

/// Progress through the lessons, for saving in the page's storage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The lesson open now, and its step (0-based).
    pub lesson: Option<String>,
    pub step: usize,
    /// `lesson-id/step-id` of every step whose checks all passed once.
    pub completed: BTreeSet<String>,
}

impl Progress {
    pub fn open(&mut self, lesson: &str) {
        self.lesson = Some(lesson.to_string());
        self.step = 0;
    }

    /// Records a check run; when every check passed the step counts as done.
    pub fn record(&mut self, lesson: &Lesson, step: usize, results: &[CheckResult]) -> bool {
        let done = !results.is_empty() && results.iter().all(|r| r.passed);
        if let (true, Some(s)) = (done, lesson.steps.get(step)) {
            self.completed.insert(format!("{}/{}", lesson.id, s.id));
        }
        done
    }

    pub fn is_done(&self, lesson: &Lesson, step: usize) -> bool {
        lesson
            .steps
            .get(step)
            .is_some_and(|s| self.completed.contains(&format!("{}/{}", lesson.id, s.id)))
    }

    /// Moves to the next step; false at the last one.
    pub fn next(&mut self, lesson: &Lesson) -> bool {
        if self.step + 1 < lesson.steps.len() {
            self.step += 1;
            true
        } else {
            false
        }
    }
}

/// Problems with a lesson that need no cluster: unknown fields, missing translations, empty
/// texts, checks that can never pass. (Running the commands is `tests/lessons.rs`'s job.)
pub fn validate_static(src: &LessonSource) -> Vec<String> {
    let mut out = Vec::new();
    let lesson = match load(src) {
        Ok(l) => l,
        Err(e) => return vec![e],
    };
    let at = format!("lessons/{}", src.dir);
    let dir_slug = src.dir.split_once('-').map(|(_, s)| s).unwrap_or("");
    if lesson.id != dir_slug {
        out.push(format!(
            "{at}: id {:?} is not the directory's slug {dir_slug:?}",
            lesson.id
        ));
    }
    if lesson.title.en.trim().is_empty() || lesson.title.ko.trim().is_empty() {
        out.push(format!("{at}: a title translation is missing"));
    }
    if !["beginner", "intermediate", "advanced"].contains(&lesson.level.as_str()) {
        out.push(format!("{at}: unknown level {:?}", lesson.level));
    }
    if lesson.cluster != "kubeadm" {
        out.push(format!(
            "{at}: unknown cluster profile {:?}",
            lesson.cluster
        ));
    }
    if lesson.steps.is_empty() {
        out.push(format!("{at}: no steps"));
    }
    let mut ids = BTreeSet::new();
    for step in &lesson.steps {
        let sat = format!("{at}/{}", step.id);
        if !ids.insert(step.id.clone()) {
            out.push(format!("{sat}: duplicate step id"));
        }
        if step.title.en.trim().is_empty() || step.title.ko.trim().is_empty() {
            out.push(format!("{sat}: a step title translation is missing"));
        }
        if step.checks.is_empty() {
            out.push(format!("{sat}: no checks"));
        }
        if step.solution.is_empty() {
            out.push(format!("{sat}: no solution"));
        }
        for (lang, t) in [("en", &step.text_en), ("ko", &step.text_ko)] {
            if t.instructions.is_empty() {
                out.push(format!("{sat}.{lang}.md: empty"));
            }
            if t.hints.is_empty() {
                out.push(format!("{sat}.{lang}.md: no hint"));
            }
        }
        if step.text_en.commands != step.text_ko.commands {
            out.push(format!(
                "{sat}: the en and ko texts have different code blocks"
            ));
        }
        if step.text_en.hints.len() != step.text_ko.hints.len() {
            out.push(format!(
                "{sat}: the en and ko texts have different numbers of hints"
            ));
        }
        for c in &step.checks {
            for p in checks::problems(c) {
                out.push(format!("{sat}: {p}"));
            }
        }
    }
    for u in &lesson.unavailable {
        let used = lesson.steps.iter().any(|s| {
            s.solution.iter().any(|l| l.trim() == u)
                || s.text_en.commands.iter().flatten().any(|l| l.trim() == u)
        });
        if !used {
            out.push(format!(
                "{at}: unavailable `{u}` is in no code block or solution"
            ));
        }
    }
    for (id, _, _) in src.steps {
        if !lesson.steps.iter().any(|s| s.id == *id) {
            out.push(format!("{at}: {id}.*.md belongs to no step"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_markdown_splits_into_instructions_commands_and_hints() {
        let md = "Run it:\n\n```sh\nkubectl run a --image=nginx\nkubectl get pods\n```\n\n<!-- hint -->\nWait.\n<!-- hint -->\nLook at STATUS.\n";
        let t = parse_step_markdown(md);
        assert!(t.instructions.starts_with("Run it:"));
        assert_eq!(
            t.commands,
            vec![vec![
                "kubectl run a --image=nginx".to_string(),
                "kubectl get pods".to_string()
            ]]
        );
        assert_eq!(
            t.hints,
            vec!["Wait.".to_string(), "Look at STATUS.".to_string()]
        );
    }

    #[test]
    fn unknown_fields_and_bad_checks_are_reported() {
        let src = LessonSource {
            dir: "99-bad",
            yaml: "id: bad\ntitle: {en: A, ko: B}\nlevel: beginner\nminutes: 1\nsteps:\n  - id: s\n    title: {en: A, ko: B}\n    colour: red\n",
            steps: &[("s", "x", "y")],
        };
        let problems = validate_static(&src);
        assert!(
            problems[0].contains("unknown field `colour`"),
            "{problems:?}"
        );
        let src = LessonSource {
            dir: "99-bad",
            yaml: "id: bad\ntitle: {en: A, ko: B}\nlevel: beginner\nminutes: 1\nsteps:\n  - id: s\n    title: {en: A, ko: B}\n    solution: [x]\n    checks:\n      - pod: {name: a, status: Runing}\n",
            steps: &[("s", "x\n<!-- hint -->\nh", "y\n<!-- hint -->\nh")],
        };
        let problems = validate_static(&src);
        assert!(
            problems.iter().any(|p| p.contains("unknown status")),
            "{problems:?}"
        );
    }
}

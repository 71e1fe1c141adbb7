//! The page's state and its one reducer. Plain data and a pure function: side effects (the
//! session, timers, the DOM) happen in the components and hooks, which dispatch [`Action`]s
//! with what they found.

use std::rc::Rc;

use super::snapshot::ClusterView;
use super::story::Story;
use super::vi::Buffer;
use super::yaml_check::{self, Diagnostic};
use crate::i18n::Lang;
use crate::lessons::{CheckResult, Progress};
use crate::shell::TermChunk;

/// Scrollback entries kept; older ones scroll away for good.
pub const MAX_ENTRIES: usize = 1000;
/// The clock speeds on offer.
pub const SPEEDS: [u32; 3] = [1, 2, 10];

/// One executed command in the terminal: the echoed prompt and line, then its output.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// None for output that follows a `clear`.
    pub command: Option<(String, String)>,
    pub output: Vec<TermChunk>,
}

/// The scrollback, shared: two are equal when they are the same list (cheap to compare on
/// every render). Entries are shared too, so a new command copies pointers, not text, and
/// the terminal redraws only the entries that changed.
#[derive(Clone, Debug, Default)]
pub struct Scrollback(pub Rc<Vec<Rc<Entry>>>);

impl PartialEq for Scrollback {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    /// The file, absolute; None for `vi` without a file until `:w NAME`.
    pub path: Option<String>,
    /// The file did not exist when opened (Vim says `[New]`).
    pub new_file: bool,
    pub buffer: Buffer,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Close was pressed once with unsaved changes.
    pub confirm_close: bool,
}

impl EditorState {
    pub fn new(path: Option<String>, text: &str, vi: bool, new_file: bool) -> EditorState {
        let buffer = Buffer::new(text, vi);
        let diagnostics = Rc::new(yaml_check::check(&buffer.text()));
        EditorState {
            path,
            new_file,
            buffer,
            diagnostics,
            confirm_close: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailTab {
    Describe,
    Yaml,
    Logs,
}

/// What the page shows about the pod clicked in the cluster view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodDetail {
    pub namespace: String,
    pub name: String,
    /// `kubectl describe pod`'s output, when that command exists and succeeded.
    pub describe: Option<String>,
    pub yaml: String,
    /// `kubectl logs`' output, or its error.
    pub logs: Result<String, String>,
    /// The pod is gone.
    pub gone: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockState {
    pub paused: bool,
    /// 1, 2 or 10 cluster seconds per real second.
    pub speed: u32,
    /// The cluster clock, to the second (the display needs no more).
    pub now_s: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    /// The session exists (the cluster boots right after the first paint).
    pub booted: bool,
    pub scrollback: Scrollback,
    pub prompt: String,
    /// A `sleep` is running: no prompt, no clock.
    pub busy: bool,
    /// A command runs on in the terminal (`kubectl get -w`) until Ctrl+C: no prompt, the clock
    /// runs.
    pub live: bool,
    /// Names a second Tab would list.
    pub completions: Rc<Vec<String>>,
    pub editor: Option<Rc<EditorState>>,
    pub clock: ClockState,
    pub cluster: Rc<ClusterView>,
    /// "" for every namespace.
    pub ns_filter: String,
    pub detail: Option<Rc<PodDetail>>,
    pub detail_tab: DetailTab,
    pub story: Option<Rc<Story>>,
    pub menu_open: bool,
    /// The lesson panel, when open.
    pub lessons: Option<Rc<LessonPanel>>,
    /// Steps done, kept in the browser's storage.
    pub progress: Rc<Progress>,
    /// A message about the page (a save that could not be restored).
    pub notice: Option<Rc<Notice>>,
}

/// A message about the page itself, with a file to download when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// The raw text of a save that could not be restored (or the one just replaced).
    pub download: Option<String>,
    /// A link to show (a share link).
    pub link: Option<String>,
}

/// What the lesson panel shows: the list (no lesson), or a lesson at a step with its checks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonPanel {
    pub lesson: Option<String>,
    /// 0-based.
    pub step: usize,
    /// The step's checks against the cluster as it is now.
    pub checks: Rc<Vec<CheckResult>>,
    /// Every step at once, each with its solution (for instructors, and for printing).
    pub instructor: bool,
}

impl State {
    pub fn new(lang: Lang) -> State {
        State {
            lang,
            booted: false,
            scrollback: Scrollback::default(),
            prompt: crate::session::PROMPT.to_string(),
            busy: false,
            live: false,
            completions: Rc::new(Vec::new()),
            editor: None,
            clock: ClockState {
                paused: false,
                speed: 1,
                now_s: 0,
            },
            cluster: Rc::new(ClusterView::default()),
            ns_filter: String::new(),
            detail: None,
            detail_tab: DetailTab::Describe,
            story: None,
            menu_open: false,
            lessons: None,
            progress: Rc::new(Progress::default()),
            notice: None,
        }
    }

    /// The clock moves on by itself.
    pub fn clock_running(&self) -> bool {
        self.booted && !self.clock.paused && !self.busy
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// What the cluster looks like now (after boot, a command, a tick). Fields left None
    /// are unchanged.
    Refresh {
        now_ms: i64,
        cluster: ClusterView,
        story: Option<Story>,
        detail: Option<PodDetail>,
    },
    /// A line ran: its entry (None: nothing to show), whether it cleared the screen first, and
    /// the next prompt.
    CommandRan {
        entry: Option<Entry>,
        clear: bool,
        prompt: String,
    },
    /// A new "what happened" begins (the command's start).
    StoryStarted(Story),
    SetBusy(bool),
    SetLive(bool),
    /// More output of the running command, at the end of the last entry.
    AppendOutput(String),
    /// A new screen of the running command (`watch`) in place of the last entry's output.
    ReplaceOutput(String),
    SetCompletions(Vec<String>),
    /// Ctrl+L.
    ClearScreen,
    OpenEditor(EditorState),
    /// The buffer after a key or an edit.
    EditorChanged(Buffer),
    /// The buffer now has a file (`:w NAME`, or it was written for the first time).
    EditorSaved {
        path: String,
    },
    /// Close pressed: closes, or asks again when there are unsaved changes.
    EditorCloseRequested,
    CloseEditor,
    SetPaused(bool),
    SetSpeed(u32),
    SetNamespace(String),
    ShowDetail(Option<PodDetail>),
    SetDetailTab(DetailTab),
    ToggleMenu(bool),
    /// Opens the lesson list, or closes the panel.
    ToggleLessons(bool),
    /// Shows a lesson at a step (0-based), or the list with None.
    ShowLesson {
        id: Option<String>,
        step: usize,
    },
    /// The open step's checks, evaluated now; a step whose checks all pass is recorded as done.
    LessonChecks(Vec<CheckResult>),
    SetInstructor(bool),
    /// Progress read back from the browser's storage.
    SetProgress(Progress),
    ShowNotice(Option<Notice>),
}

/// The next state, or None when the action changes nothing (no re-render).
pub fn reduce(state: &State, action: Action) -> Option<State> {
    let mut s = state.clone();
    match action {
        Action::SetLang(lang) => s.lang = lang,
        Action::Refresh {
            now_ms,
            cluster,
            story,
            detail,
        } => {
            s.booted = true;
            s.clock.now_s = now_ms.div_euclid(1000);
            if *s.cluster != cluster {
                s.cluster = Rc::new(cluster);
            }
            if let Some(story) = story {
                if s.story.as_deref() != Some(&story) {
                    s.story = Some(Rc::new(story));
                }
            }
            if let Some(detail) = detail {
                if s.detail.as_deref() != Some(&detail) {
                    s.detail = Some(Rc::new(detail));
                }
            }
        }
        Action::CommandRan {
            entry,
            clear,
            prompt,
        } => {
            let mut list = if clear {
                Vec::new()
            } else {
                (*s.scrollback.0).clone()
            };
            if let Some(e) = entry {
                list.push(Rc::new(e));
            }
            if list.len() > MAX_ENTRIES {
                list.drain(..list.len() - MAX_ENTRIES);
            }
            s.scrollback = Scrollback(Rc::new(list));
            s.prompt = prompt;
            s.completions = Rc::new(Vec::new());
        }
        Action::StoryStarted(story) => s.story = Some(Rc::new(story)),
        Action::SetBusy(b) => s.busy = b,
        Action::SetLive(b) => s.live = b,
        Action::ReplaceOutput(text) => {
            let mut list = (*s.scrollback.0).clone();
            if let Some(e) = list.last_mut() {
                let e = Rc::make_mut(e);
                e.output.clear();
                if !text.is_empty() {
                    e.output.push(TermChunk::Out(text));
                }
            }
            s.scrollback = Scrollback(Rc::new(list));
        }
        Action::AppendOutput(text) => {
            let mut list = (*s.scrollback.0).clone();
            match list.last_mut() {
                Some(e) => Rc::make_mut(e).output.push(TermChunk::Out(text)),
                None => list.push(Rc::new(Entry {
                    command: None,
                    output: vec![TermChunk::Out(text)],
                })),
            }
            s.scrollback = Scrollback(Rc::new(list));
        }
        Action::SetCompletions(c) => {
            if *s.completions == c {
                return None;
            }
            s.completions = Rc::new(c);
        }
        Action::ClearScreen => {
            s.scrollback = Scrollback::default();
            s.completions = Rc::new(Vec::new());
        }
        Action::OpenEditor(e) => {
            s.editor = Some(Rc::new(e));
            s.menu_open = false;
        }
        Action::EditorChanged(buffer) => {
            let e = s.editor.as_mut()?;
            let mut next = (**e).clone();
            if next.buffer.version != buffer.version {
                next.diagnostics = Rc::new(yaml_check::check(&buffer.text()));
                next.confirm_close = false;
            }
            next.buffer = buffer;
            *e = Rc::new(next);
        }
        Action::EditorSaved { path } => {
            let e = s.editor.as_mut()?;
            let mut next = (**e).clone();
            next.path = Some(path);
            next.new_file = false;
            next.confirm_close = false;
            *e = Rc::new(next);
        }
        Action::EditorCloseRequested => {
            let e = s.editor.as_ref()?;
            if e.buffer.modified && !e.confirm_close {
                let mut next = (**e).clone();
                next.confirm_close = true;
                s.editor = Some(Rc::new(next));
            } else {
                s.editor = None;
            }
        }
        Action::CloseEditor => s.editor = None,
        Action::SetPaused(p) => s.clock.paused = p,
        Action::SetSpeed(v) => s.clock.speed = if SPEEDS.contains(&v) { v } else { 1 },
        Action::SetNamespace(ns) => s.ns_filter = ns,
        Action::ShowDetail(d) => {
            if d.is_none() {
                s.detail_tab = DetailTab::Describe;
            }
            s.detail = d.map(Rc::new);
        }
        Action::SetDetailTab(t) => s.detail_tab = t,
        Action::ToggleMenu(open) => s.menu_open = open,
        Action::ToggleLessons(open) => {
            s.lessons = open.then(|| Rc::new(LessonPanel::default()));
        }
        Action::ShowLesson { id, step } => {
            let instructor = s.lessons.as_ref().is_some_and(|p| p.instructor);
            let step = match id.as_deref().and_then(crate::lessons::find) {
                Some(l) => step.min(l.steps.len().saturating_sub(1)),
                None => 0,
            };
            let id = id.filter(|i| crate::lessons::find(i).is_some());
            if let Some(l) = id.as_deref().and_then(crate::lessons::find) {
                let mut p = (*s.progress).clone();
                p.lesson = Some(l.id.clone());
                p.step = step;
                s.progress = Rc::new(p);
            }
            s.lessons = Some(Rc::new(LessonPanel {
                lesson: id,
                step,
                checks: Rc::new(Vec::new()),
                instructor,
            }));
        }
        Action::LessonChecks(results) => {
            let panel = s.lessons.as_ref()?;
            if *panel.checks == results {
                return None;
            }
            let lesson = panel.lesson.as_deref().and_then(crate::lessons::find);
            if let Some(lesson) = lesson {
                let mut p = (*s.progress).clone();
                if p.record(lesson, panel.step, &results) {
                    s.progress = Rc::new(p);
                }
            }
            let mut next = (**panel).clone();
            next.checks = Rc::new(results);
            s.lessons = Some(Rc::new(next));
        }
        Action::SetInstructor(on) => {
            let panel = s.lessons.as_ref()?;
            let mut next = (**panel).clone();
            next.instructor = on;
            s.lessons = Some(Rc::new(next));
        }
        Action::SetProgress(p) => s.progress = Rc::new(p),
        Action::ShowNotice(n) => s.notice = n.map(Rc::new),
    }
    (s != *state).then_some(s)
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match reduce(&self, action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(cmd: &str) -> Entry {
        Entry {
            command: Some(("$ ".into(), cmd.into())),
            output: vec![],
        }
    }

    #[test]
    fn commands_fill_the_scrollback_and_clear_empties_it() {
        let s = State::new(Lang::En);
        let s = reduce(
            &s,
            Action::CommandRan {
                entry: Some(entry("a")),
                clear: false,
                prompt: "> ".into(),
            },
        )
        .expect("changed");
        assert_eq!(s.scrollback.0.len(), 1);
        assert_eq!(s.prompt, "> ");
        let s = reduce(
            &s,
            Action::CommandRan {
                entry: None,
                clear: true,
                prompt: "$ ".into(),
            },
        )
        .expect("changed");
        assert!(s.scrollback.0.is_empty());
    }

    #[test]
    fn the_scrollback_is_bounded() {
        let mut s = State::new(Lang::En);
        for i in 0..MAX_ENTRIES + 5 {
            s = reduce(
                &s,
                Action::CommandRan {
                    entry: Some(entry(&i.to_string())),
                    clear: false,
                    prompt: "$ ".into(),
                },
            )
            .expect("changed");
        }
        assert_eq!(s.scrollback.0.len(), MAX_ENTRIES);
        assert_eq!(
            s.scrollback.0[0].command.as_ref().map(|c| c.1.as_str()),
            Some("5")
        );
    }

    #[test]
    fn an_edit_rechecks_the_yaml_and_close_asks_twice_when_modified() {
        let s = State::new(Lang::En);
        let s = reduce(
            &s,
            Action::OpenEditor(EditorState::new(
                Some("/root/p.yaml".into()),
                "",
                true,
                true,
            )),
        )
        .expect("opened");
        let mut b = s.editor.as_ref().map(|e| e.buffer.clone()).expect("editor");
        b.input("a:\n\tb: 1", 8);
        let s = reduce(&s, Action::EditorChanged(b)).expect("changed");
        let e = s.editor.clone().expect("editor");
        assert!(e.diagnostics.iter().any(|d| d.line == 2));
        let s = reduce(&s, Action::EditorCloseRequested).expect("asks");
        assert!(s.editor.as_ref().is_some_and(|e| e.confirm_close));
        let s = reduce(&s, Action::EditorCloseRequested).expect("closes");
        assert!(s.editor.is_none());
    }

    #[test]
    fn nothing_changed_means_no_new_state() {
        let s = State::new(Lang::En);
        assert!(reduce(&s, Action::SetPaused(false)).is_none());
        assert!(reduce(&s, Action::SetSpeed(10)).is_some());
        assert_eq!(
            reduce(&s, Action::SetSpeed(7)).map(|s| s.clock.speed),
            None,
            "an unknown speed falls back to 1×"
        );
    }

    #[test]
    fn the_lesson_panel_opens_a_step_and_records_it_done_when_its_checks_pass() {
        let s = State::new(Lang::En);
        let s = reduce(&s, Action::ToggleLessons(true)).expect("list");
        assert_eq!(s.lessons.as_ref().map(|p| p.lesson.clone()), Some(None));
        let s = reduce(
            &s,
            Action::ShowLesson {
                id: Some("static-pods".into()),
                step: 99,
            },
        )
        .expect("lesson");
        let panel = s.lessons.clone().expect("panel");
        assert_eq!(panel.lesson.as_deref(), Some("static-pods"));
        assert_eq!(panel.step, 2, "a step past the end is the last one");
        let failing = vec![CheckResult {
            label: "x".into(),
            passed: false,
        }];
        let s = reduce(&s, Action::LessonChecks(failing.clone())).expect("checks");
        assert!(s.progress.completed.is_empty());
        assert!(reduce(&s, Action::LessonChecks(failing)).is_none());
        let passing = vec![CheckResult {
            label: "x".into(),
            passed: true,
        }];
        let s = reduce(&s, Action::LessonChecks(passing)).expect("passed");
        assert!(s.progress.completed.contains("static-pods/node01"));
        // An unknown lesson shows the list.
        let s = reduce(
            &s,
            Action::ShowLesson {
                id: Some("nope".into()),
                step: 0,
            },
        )
        .expect("list");
        assert_eq!(s.lessons.as_ref().and_then(|p| p.lesson.clone()), None);
        let s = reduce(&s, Action::ToggleLessons(false)).expect("closed");
        assert!(s.lessons.is_none());
    }
}

//! The page's state and its one reducer. Plain data and a pure function: side effects (the
//! session, timers, the DOM) happen in the components and hooks, which dispatch [`Action`]s
//! with what they found.

use std::rc::Rc;

use super::snapshot::ClusterView;
use super::story::Story;
use super::vi::Buffer;
use super::yaml_check::{self, Diagnostic};
use crate::i18n::Lang;
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
/// every render).
#[derive(Clone, Debug, Default)]
pub struct Scrollback(pub Rc<Vec<Entry>>);

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
}

impl State {
    pub fn new(lang: Lang) -> State {
        State {
            lang,
            booted: false,
            scrollback: Scrollback::default(),
            prompt: crate::session::PROMPT.to_string(),
            busy: false,
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
                list.push(e);
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
}

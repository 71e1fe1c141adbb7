//! Everything the page asks of the session: run lines (one after another, `sleep` really
//! waiting), re-read the cluster for the views, open and write files for the editor, describe
//! a pod. Each reads the session first and dispatches what it found afterwards, never while
//! the session is borrowed. The components get these as callbacks.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::app::SharedSession;
use super::snapshot;
use super::state::{Action, DetailTab, EditorState, Entry, Notice, PodDetail, State};
use super::story::{self, StoryStart};
use super::templates::{free_name, TEMPLATES};
use super::vi::{Buffer, Effect, Key};
use crate::i18n::Lang;
use crate::printers::yaml::to_yaml;
use crate::session::{EditorRequest, Session, PROMPT};
use crate::shell::TermChunk;
use crate::sim::store::Key as StoreKey;
use crate::vfs::{normalize, Fs};

mod share;
pub use share::{deflate, inflate, on_page_hide, register_service_worker, share_link_data};

#[derive(Clone)]
pub struct Runner {
    session: SharedSession,
    state: UseReducerHandle<State>,
}

/// A path as the learner would type it: relative to the shell's directory when inside it.
fn relative(path: &str, cwd: &str) -> String {
    if cwd == "/" {
        return path.to_string();
    }
    match path.strip_prefix(cwd).and_then(|r| r.strip_prefix('/')) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => path.to_string(),
    }
}

/// The node's filesystem (the session's own, or an empty one if it is somehow missing).
fn node_fs(s: &mut Session) -> &mut Fs {
    let node = s.node.clone();
    s.cluster.node_fs.entry(node).or_default()
}

/// The pod's describe, YAML and logs, read without touching the terminal.
fn read_detail(s: &mut Session, namespace: &str, name: &str, old: Option<&PodDetail>) -> PodDetail {
    let pod = s
        .cluster
        .api
        .store
        .get(&StoreKey::new("pods", namespace, name))
        .cloned();
    let Some(pod) = pod else {
        // Gone: keep showing what it was.
        let mut d = old.cloned().unwrap_or(PodDetail {
            namespace: namespace.into(),
            name: name.into(),
            describe: None,
            yaml: String::new(),
            logs: Ok(String::new()),
            gone: true,
        });
        d.gone = true;
        return d;
    };
    let (code, out, _) = s.kubectl_quietly(&["describe", "pod", name, "-n", namespace]);
    let describe = (code == 0).then_some(out);
    let (code, out, err) = s.kubectl_quietly(&["logs", name, "-n", namespace]);
    let logs = if code == 0 { Ok(out) } else { Err(err) };
    PodDetail {
        namespace: namespace.into(),
        name: name.into(),
        describe,
        yaml: to_yaml(&pod),
        logs,
        gone: false,
    }
}

/// The editor for `vi FILE`: the file's text, and what Vim (or nano) says on opening it.
fn editor_for(s: &mut Session, req: EditorRequest) -> EditorState {
    let vi = req.vi_keys();
    let cwd = s.shell.cwd().to_string();
    let Some(path) = req.path else {
        return EditorState::new(None, "", vi, true);
    };
    let name = relative(&path, &cwd);
    let fs = node_fs(s);
    if fs.is_dir(&path) {
        let mut e = EditorState::new(None, "", vi, true);
        e.buffer
            .set_message(&format!("\"{name}\" is a directory"), false);
        return e;
    }
    match fs.read(&path) {
        Ok(text) => {
            let mut e = EditorState::new(Some(path), &text, vi, false);
            let lines = e.buffer.lines.len();
            let msg = if vi {
                format!("\"{name}\" {lines}L, {}B", text.len())
            } else {
                format!("[ Read {lines} lines ]")
            };
            e.buffer.set_message(&msg, false);
            e
        }
        Err(_) => {
            let mut e = EditorState::new(Some(path), "", vi, true);
            let msg = if vi {
                format!("\"{name}\" [New]")
            } else {
                "[ New File ]".to_string()
            };
            e.buffer.set_message(&msg, false);
            e
        }
    }
}

impl Runner {
    pub fn new(session: SharedSession, state: UseReducerHandle<State>) -> Runner {
        Runner { session, state }
    }

    /// Builds the cluster (right after the first paint) and draws it.
    pub fn boot(&self) {
        let prompt = self.session.with(|s| s.prompt().to_string());
        let failed = self.session.restore_failed.borrow_mut().take();
        // The editor left open (and its unsaved text) comes back with the playground.
        if self.session.restored.get() {
            if let Some(e) = super::app::restore_editor() {
                self.state.dispatch(Action::OpenEditor(e));
            }
        }
        if let Some((why, raw)) = failed {
            let lang = self.state.lang;
            self.state.dispatch(Action::ShowNotice(Some(Notice {
                text: crate::ui::format::fill(
                    crate::i18n::t(lang, crate::i18n::Msg::SaveRestoreFailed),
                    &[("why", &why)],
                ),
                download: Some(raw),
                link: None,
            })));
        }
        if let Some(prompt) = prompt {
            // A restored playground may be logged in to another node.
            self.state.dispatch(Action::CommandRan {
                entry: None,
                clear: false,
                prompt,
            });
        }
        self.refresh();
    }

    pub fn session(&self) -> SharedSession {
        self.session.clone()
    }

    /// Saves the playground in the browser's storage; a refusal (a full storage) is said once.
    fn autosave(&self) {
        if !self.session.save() && self.state.notice.is_none() {
            let lang = self.state.lang;
            self.state.dispatch(Action::ShowNotice(Some(Notice {
                text: crate::i18n::t(lang, crate::i18n::Msg::SaveFull).to_string(),
                download: None,
                link: None,
            })));
        }
    }

    /// Re-reads the cluster for the views (after a command, a clock tick, a step).
    pub fn refresh(&self) {
        let ns = self.state.ns_filter.clone();
        let story = self.state.story.clone();
        let detail = self.state.detail.clone();
        let builder = self.session.story_builder.clone();
        let found = self.session.try_with(|s| {
            let now = s.cluster.now();
            let view = snapshot::build(&s.cluster.api, &ns);
            let story = story.filter(|st| st.following(now)).map(|st| {
                let mut slot = builder.borrow_mut();
                if !slot.as_ref().is_some_and(|b| b.builds(&st)) {
                    *slot = Some(story::StoryBuilder::new(
                        &st.start,
                        &st.kubectl_writes,
                        st.status,
                    ));
                }
                let b = slot.get_or_insert_with(|| {
                    story::StoryBuilder::new(&st.start, &st.kubectl_writes, st.status)
                });
                b.update(&s.cluster.api);
                b.story().clone()
            });
            let detail = detail.map(|d| read_detail(s, &d.namespace, &d.name, Some(&d)));
            (now, view, story, detail)
        });
        if let Some((now_ms, cluster, story, detail)) = found {
            self.state.dispatch(Action::Refresh {
                now_ms,
                cluster,
                story,
                detail,
            });
        }
        if let Some(panel) = self.state.lessons.as_ref() {
            if let Some(id) = panel.lesson.clone() {
                self.check_lesson(&id, panel.step);
            }
        }
    }

    /// Evaluates a lesson step's checks against the cluster as it is now.
    fn check_lesson(&self, id: &str, step: usize) {
        let Some(lesson) = crate::lessons::find(id) else {
            return;
        };
        if let Some(results) = self.session.try_with(|s| s.check_step(lesson, step)) {
            self.state.dispatch(Action::LessonChecks(results));
        }
    }

    /// Shows a lesson step (or the list) and puts it in the address (`#/lessons/ID/N`).
    pub fn show_lesson(&self, id: Option<String>, step: usize) {
        let hash = match &id {
            Some(id) => format!("#/lessons/{id}/{}", step + 1),
            None => "#/lessons".to_string(),
        };
        set_hash(&hash);
        self.state.dispatch(Action::ShowLesson {
            id: id.clone(),
            step,
        });
        if let Some(id) = id {
            self.check_lesson(&id, step);
        }
    }

    /// Starts a lesson at a step on a fresh cluster: the lesson's files and setup, then the
    /// solutions of the steps before it (what an instructor's deep link promises).
    pub fn start_lesson(&self, id: &str, step: usize) {
        let Some(lesson) = crate::lessons::find(id) else {
            self.show_lesson(None, 0);
            return;
        };
        let step = step.min(lesson.steps.len().saturating_sub(1));
        self.session.queue.borrow_mut().clear();
        self.session
            .replace(Session::for_lesson(lesson, step, self.session.seed()));
        let lang = self.state.lang;
        let note = format!(
            "{} — {} {}/{}: {}\n{}\n",
            lesson.title.get(lang),
            crate::i18n::t(lang, crate::i18n::Msg::LessonStepOf),
            step + 1,
            lesson.steps.len(),
            lesson.steps[step].title.get(lang),
            crate::i18n::t(lang, crate::i18n::Msg::LessonClusterReset),
        );
        let prompt = self
            .session
            .try_with(|s| s.prompt().to_string())
            .unwrap_or_else(|| PROMPT.to_string());
        self.state.dispatch(Action::CommandRan {
            entry: Some(Entry {
                command: None,
                output: vec![TermChunk::Out(note)],
            }),
            clear: true,
            prompt,
        });
        self.state.dispatch(Action::ShowDetail(None));
        self.autosave();
        self.show_lesson(Some(lesson.id.clone()), step);
        self.refresh_after_start(lesson.id.clone(), step);
    }

    /// The views after a lesson start (the state handle still holds the old panel, so the
    /// step to check is passed on).
    fn refresh_after_start(&self, id: String, step: usize) {
        self.refresh_view();
        self.check_lesson(&id, step);
    }

    /// Runs lines in order, as if typed one after another; a `sleep` holds the rest back.
    pub fn run_lines(&self, lines: Vec<String>) {
        self.session.queue.borrow_mut().extend(lines);
        if !self.state.busy && !self.state.live {
            self.drain();
        }
    }

    fn drain(&self) {
        loop {
            let next = self.session.queue.borrow_mut().pop_front();
            let Some(line) = next else { break };
            if self.run_one(line) {
                // A `sleep`: the rest runs when it is over.
                break;
            }
        }
    }

    /// Runs one line; true if it slept (the page then waits as long in real time).
    fn run_one(&self, line: String) -> bool {
        let shown_prompt = self.state.prompt.clone();
        let story_start = self.session.story_start.clone();
        let paused = self.state.clock.paused;
        let ran = self.session.with(|s| {
            let start = match story_start.borrow_mut().take() {
                Some(mut st) => {
                    st.command.push('\n');
                    st.command.push_str(&line);
                    st
                }
                None => StoryStart {
                    command: line.clone(),
                    since_rv: s.cluster.api.store.resource_version(),
                    started_ms: s.cluster.now(),
                },
            };
            s.clock_paused = paused;
            let outcome = s.run_line(&line);
            let prompt = s.prompt().to_string();
            let story = if outcome.result.continuation {
                *story_start.borrow_mut() = Some(start);
                None
            } else if start.command.trim().is_empty() {
                None
            } else {
                let writes = s.kubectl_writes().to_vec();
                Some(story::build(
                    &s.cluster.api,
                    &start,
                    &writes,
                    outcome.result.status,
                ))
            };
            let editor = s.take_editor_request().map(|req| editor_for(s, req));
            (outcome, prompt, story, editor)
        });
        let Some((outcome, prompt, story, editor)) = ran else {
            return false;
        };
        let mut clear = false;
        let mut command = Some((shown_prompt, line));
        let mut output = Vec::new();
        for chunk in outcome.result.output {
            if chunk == TermChunk::Clear {
                // Like a real terminal: the screen, this command line included, is wiped.
                clear = true;
                command = None;
                output.clear();
            } else {
                output.push(chunk);
            }
        }
        let entry = (command.is_some() || !output.is_empty()).then_some(Entry { command, output });
        // Nothing lost: the playground is saved after every command (the core has already
        // run it, a `sleep` included).
        self.autosave();
        if let Some(story) = story {
            self.state.dispatch(Action::StoryStarted(story));
        }
        if let Some(editor) = editor {
            self.state.dispatch(Action::OpenEditor(editor));
        }
        let action = Action::CommandRan {
            entry,
            clear,
            prompt,
        };
        if outcome.slept_ms > 0 {
            // `sleep` really waits in the page: the output appears when it is over, and the
            // clock stands still meanwhile (the core has already moved it on).
            self.state.dispatch(Action::SetBusy(true));
            let me = self.clone();
            let delay = outcome.slept_ms.clamp(0, i64::from(u32::MAX)) as u32;
            Timeout::new(delay, move || {
                me.state.dispatch(action);
                me.state.dispatch(Action::SetBusy(false));
                me.refresh();
                me.drain();
            })
            .forget();
            true
        } else {
            self.state.dispatch(action);
            let live = self
                .session
                .try_with(|s| s.foreground_running())
                .unwrap_or(false);
            if live {
                // `kubectl get -w`: it prints on as the clock moves, until Ctrl+C; lines
                // pasted after it wait.
                self.state.dispatch(Action::SetLive(true));
            }
            self.refresh();
            live
        }
    }

    /// The clock moved: the running command prints what changed, then the views follow.
    pub fn tick(&self) {
        if self.state.live {
            let polled = self.session.try_with(|s| {
                (
                    s.poll_foreground(),
                    s.foreground_running(),
                    s.prompt().to_string(),
                )
            });
            if let Some((more, running, prompt)) = polled {
                if more.replace {
                    self.state.dispatch(Action::ReplaceOutput(more.text));
                } else if !more.text.is_empty() {
                    self.state.dispatch(Action::AppendOutput(more.text));
                }
                if !running {
                    // It ended by itself (a `sleep` done, `logs -f` of a container that
                    // stopped): the prompt is back, and lines pasted meanwhile run.
                    self.state.dispatch(Action::SetLive(false));
                    self.state.dispatch(Action::CommandRan {
                        entry: None,
                        clear: false,
                        prompt,
                    });
                    self.autosave();
                    self.drain();
                }
            }
        }
        self.refresh();
    }

    /// The shell's working directory.
    fn cwd(&self) -> String {
        self.session
            .try_with(|s| s.shell.cwd().to_string())
            .unwrap_or_else(|| "/root".to_string())
    }

    /// How the editor names its file: as typed, relative to the shell's directory.
    pub fn display_name(&self, path: Option<&str>) -> String {
        match path {
            Some(p) => relative(p, &self.cwd()),
            None => "[No Name]".to_string(),
        }
    }

    /// Writes the editor's buffer (to `name` if given, as `:w NAME`); true when written.
    fn save(&self, name: Option<String>) -> bool {
        let Some(e) = self.state.editor.clone() else {
            return false;
        };
        let mut buffer = e.buffer.clone();
        let cwd = self.cwd();
        let path = match name {
            Some(n) => Some(normalize(&cwd, &n)),
            None => e.path.clone(),
        };
        let Some(path) = path else {
            buffer.set_message("E32: No file name", true);
            self.state.dispatch(Action::EditorChanged(buffer));
            return false;
        };
        let shown = relative(&path, &cwd);
        let text = buffer.file_text();
        let written = self.session.with(|s| s.write_file(&path, &text));
        match written {
            Some(Ok(existed)) => {
                if buffer.vi {
                    buffer.written(&shown, !existed);
                } else {
                    let n = if text.is_empty() {
                        0
                    } else {
                        buffer.lines.len()
                    };
                    buffer.written(&shown, !existed);
                    buffer.set_message(&format!("[ Wrote {n} lines ]"), false);
                }
                self.state.dispatch(Action::EditorChanged(buffer));
                self.state.dispatch(Action::EditorSaved { path });
                self.refresh();
                true
            }
            Some(Err(err)) => {
                let msg = if buffer.vi {
                    format!("\"{shown}\" E212: Can't open file for writing")
                } else {
                    format!("[ Error writing {shown}: {err} ]")
                };
                buffer.set_message(&msg, true);
                self.state.dispatch(Action::EditorChanged(buffer));
                false
            }
            None => false,
        }
    }

    fn editor_key(&self, key: Key) -> bool {
        let Some(e) = self.state.editor.clone() else {
            return false;
        };
        let mut b = e.buffer.clone();
        let outcome = b.key(&key);
        if b != e.buffer {
            self.state.dispatch(Action::EditorChanged(b));
        }
        match outcome.effect {
            Effect::None => {}
            Effect::Write { name, quit } => {
                if self.save(name) && quit {
                    self.state.dispatch(Action::CloseEditor);
                }
            }
            Effect::Quit => self.state.dispatch(Action::CloseEditor),
        }
        outcome.handled
    }

    fn edit_buffer(&self, f: impl FnOnce(&mut Buffer)) {
        if let Some(e) = self.state.editor.clone() {
            let mut b = e.buffer.clone();
            f(&mut b);
            if b != e.buffer {
                self.state.dispatch(Action::EditorChanged(b));
            }
        }
    }

    /// Apply: write the file if needed, then `kubectl apply -f FILE` as if typed.
    fn apply(&self) {
        let Some(e) = self.state.editor.clone() else {
            return;
        };
        if (e.buffer.modified || e.new_file || e.path.is_none()) && !self.save(None) {
            return;
        }
        let Some(path) = self.state.editor.as_ref().and_then(|e| e.path.clone()) else {
            return;
        };
        let name = relative(&path, &self.cwd());
        let quoted =
            if name.contains(|c: char| c.is_whitespace() || "'\"$`\\;&|<>()*?[]#~".contains(c)) {
                format!("'{}'", name.replace('\'', "'\\''"))
            } else {
                name
            };
        self.run_lines(vec![format!("kubectl apply -f {quoted}")]);
    }

    fn new_manifest(&self, index: usize) {
        let Some((_, file, text)) = TEMPLATES.get(index) else {
            return;
        };
        let path = self.session.with(|s| {
            let cwd = s.shell.cwd().to_string();
            let fs = node_fs(s);
            let name = free_name(file, |f| fs.exists(&normalize(&cwd, f)));
            normalize(&cwd, &name)
        });
        let Some(path) = path else { return };
        let mut e = EditorState::new(Some(path), text, false, true);
        // Not on disk yet: Close asks before throwing it away.
        e.buffer.modified = true;
        e.buffer.set_message("[ New File ]", false);
        self.state.dispatch(Action::OpenEditor(e));
    }

    fn select_pod(&self, namespace: String, name: String) {
        let d = self
            .session
            .try_with(|s| read_detail(s, &namespace, &name, None));
        if let Some(d) = d {
            let tab = if d.describe.is_some() {
                DetailTab::Describe
            } else {
                DetailTab::Yaml
            };
            self.state.dispatch(Action::ShowDetail(Some(d)));
            self.state.dispatch(Action::SetDetailTab(tab));
        }
    }

    // Callbacks for the components.

    pub fn cb_run(&self) -> Callback<Vec<String>> {
        let me = self.clone();
        Callback::from(move |lines| me.run_lines(lines))
    }

    pub fn cb_interrupt(&self) -> Callback<String> {
        let me = self.clone();
        Callback::from(move |typed: String| {
            let (prompt, full_screen) = me
                .session
                .with(|s| {
                    let full_screen = s.foreground_full_screen();
                    s.interrupt();
                    (s.prompt().to_string(), full_screen)
                })
                .unwrap_or_else(|| (PROMPT.to_string(), false));
            *me.session.story_start.borrow_mut() = None;
            me.session.queue.borrow_mut().clear();
            if me.state.live {
                // The running command stops: `^C` after its output, and the prompt is back.
                me.state.dispatch(Action::SetLive(false));
                if full_screen {
                    // `watch` leaves the terminal's alternate screen: nothing of it stays.
                    me.state.dispatch(Action::ReplaceOutput(String::new()));
                } else {
                    me.state.dispatch(Action::AppendOutput("^C\n".to_string()));
                }
                me.state.dispatch(Action::CommandRan {
                    entry: None,
                    clear: false,
                    prompt,
                });
                me.autosave();
                return;
            }
            let entry = Entry {
                command: Some((me.state.prompt.clone(), format!("{typed}^C"))),
                output: vec![],
            };
            me.state.dispatch(Action::CommandRan {
                entry: Some(entry),
                clear: false,
                prompt,
            });
        })
    }

    pub fn cb_clear(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.state.dispatch(Action::ClearScreen))
    }

    pub fn cb_complete(&self) -> Callback<String, String> {
        let me = self.clone();
        Callback::from(move |line: String| {
            let Some(c) = me.session.with(|s| s.complete(&line)) else {
                return line;
            };
            let list = if c.line == line && c.candidates.len() > 1 {
                c.candidates
            } else {
                Vec::new()
            };
            me.state.dispatch(Action::SetCompletions(list));
            c.line
        })
    }

    pub fn cb_history(&self) -> Callback<(), Vec<String>> {
        let me = self.clone();
        Callback::from(move |_| {
            me.session
                .try_with(|s| s.shell.history().to_vec())
                .unwrap_or_default()
        })
    }

    pub fn cb_toggle_lang(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| {
            let next = if me.state.lang == Lang::En {
                Lang::Ko
            } else {
                Lang::En
            };
            me.session.set_lang(next);
            me.state.dispatch(Action::SetLang(next));
        })
    }

    pub fn cb_pause(&self) -> Callback<bool> {
        let me = self.clone();
        Callback::from(move |paused| me.state.dispatch(Action::SetPaused(paused)))
    }

    pub fn cb_speed(&self) -> Callback<u32> {
        let me = self.clone();
        Callback::from(move |v| me.state.dispatch(Action::SetSpeed(v)))
    }

    pub fn cb_step(&self) -> Callback<i64> {
        let me = self.clone();
        Callback::from(move |ms: i64| {
            if me.state.busy {
                return;
            }
            me.session.with(|s| s.tick(ms));
            me.refresh();
        })
    }

    /// Opens a lesson folder the learner picked or dropped (or the page fetched): its files by
    /// path (`99-my-lesson/lesson.yaml`, or bare names when dropped). A folder with problems is
    /// not opened; the problems are shown.
    pub fn load_folder(&self, files: Vec<(String, String)>) {
        let mut folder = crate::lessons::LessonFolder::default();
        for (path, text) in files {
            let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
            let (dir, name) = match parts.as_slice() {
                [name] => ("", *name),
                [dir, name] => (*dir, *name),
                // Files in subfolders are not part of a lesson.
                _ => continue,
            };
            if folder.dir.is_empty() {
                folder.dir = dir.to_string();
            }
            folder.files.insert(name.to_string(), text);
        }
        if folder.dir.is_empty() {
            // Dropped files carry no folder name: the lesson's id stands in for it.
            let id = folder.lesson_id();
            folder.dir = format!("00-{id}");
        }
        match folder.load() {
            Ok(lesson) => {
                let id = crate::lessons::add(lesson).id.clone();
                self.start_lesson(&id, 0);
            }
            Err(problems) => {
                let lang = self.state.lang;
                self.state.dispatch(Action::ShowNotice(Some(Notice {
                    text: format!(
                        "{} {}",
                        crate::i18n::t(lang, crate::i18n::Msg::LessonFolderProblems),
                        problems.join("; ")
                    ),
                    download: None,
                    link: None,
                })));
            }
        }
    }

    /// `#/lessons/load?url=URL`: fetches `lesson.yaml` from the folder at URL, then each step's
    /// Markdown, and opens the lesson.
    pub fn load_url(&self, url: String) {
        let me = self.clone();
        yew::platform::spawn_local(async move {
            let base = if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            };
            let dir = base
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            let mut files = Vec::new();
            let Some(yaml) = fetch_text(&format!("{base}lesson.yaml")).await else {
                me.load_folder(files);
                return;
            };
            let probe = crate::lessons::LessonFolder {
                dir: dir.clone(),
                files: [("lesson.yaml".to_string(), yaml.clone())].into(),
            };
            files.push((format!("{dir}/lesson.yaml"), yaml));
            for id in probe
                .step_ids()
                .into_iter()
                .take(crate::lessons::FOLDER_MAX_FILES / 2)
            {
                for lang in ["en", "ko"] {
                    let name = format!("{id}.{lang}.md");
                    if let Some(text) = fetch_text(&format!("{base}{name}")).await {
                        files.push((format!("{dir}/{name}"), text));
                    }
                }
            }
            me.load_folder(files);
        });
    }

    /// A fresh cluster, as a new page would have (the lesson, if any, is closed).
    pub fn reset_cluster(&self) {
        self.session.queue.borrow_mut().clear();
        self.session.replace(Session::new(self.session.seed()));
        let lang = self.state.lang;
        self.state.dispatch(Action::CommandRan {
            entry: Some(Entry {
                command: None,
                output: vec![TermChunk::Out(format!(
                    "{}\n",
                    crate::i18n::t(lang, crate::i18n::Msg::ClusterResetDone)
                ))],
            }),
            clear: true,
            prompt: PROMPT.to_string(),
        });
        self.state.dispatch(Action::ShowDetail(None));
        self.autosave();
        self.refresh_view();
    }

    /// The cluster view and clock as the session is now, with no story or pod detail.
    fn refresh_view(&self) {
        let ns = String::new();
        let found = self
            .session
            .try_with(|s| (s.cluster.now(), snapshot::build(&s.cluster.api, &ns)));
        if let Some((now_ms, cluster)) = found {
            self.state.dispatch(Action::Refresh {
                now_ms,
                cluster,
                story: None,
                detail: None,
            });
        }
    }

    pub fn cb_reset_cluster(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.reset_cluster())
    }

    pub fn cb_load_folder(&self) -> Callback<Vec<(String, String)>> {
        let me = self.clone();
        Callback::from(move |files| me.load_folder(files))
    }

    pub fn cb_export_playground(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.export_playground())
    }

    pub fn cb_import_playground(&self) -> Callback<String> {
        let me = self.clone();
        Callback::from(move |text| me.import_playground(text))
    }

    pub fn cb_export_yaml(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.export_yaml())
    }

    pub fn cb_share_link(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.share_link())
    }

    pub fn cb_close_notice(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.state.dispatch(Action::ShowNotice(None)))
    }

    pub fn cb_lessons(&self) -> Callback<bool> {
        let me = self.clone();
        Callback::from(move |open: bool| {
            if !open {
                set_hash("#");
            }
            me.state.dispatch(Action::ToggleLessons(open))
        })
    }

    pub fn cb_show_lesson(&self) -> Callback<(Option<String>, usize)> {
        let me = self.clone();
        Callback::from(move |(id, step)| me.show_lesson(id, step))
    }

    pub fn cb_start_lesson(&self) -> Callback<(String, usize)> {
        let me = self.clone();
        Callback::from(move |(id, step): (String, usize)| me.start_lesson(&id, step))
    }

    pub fn cb_instructor(&self) -> Callback<bool> {
        let me = self.clone();
        Callback::from(move |on| me.state.dispatch(Action::SetInstructor(on)))
    }

    pub fn cb_menu(&self) -> Callback<bool> {
        let me = self.clone();
        Callback::from(move |open| me.state.dispatch(Action::ToggleMenu(open)))
    }

    pub fn cb_new_manifest(&self) -> Callback<usize> {
        let me = self.clone();
        Callback::from(move |i| me.new_manifest(i))
    }

    pub fn cb_editor_key(&self) -> Callback<Key, bool> {
        let me = self.clone();
        Callback::from(move |k| me.editor_key(k))
    }

    pub fn cb_editor_input(&self) -> Callback<(String, usize)> {
        let me = self.clone();
        Callback::from(move |(text, caret): (String, usize)| {
            me.edit_buffer(|b| b.input(&text, caret))
        })
    }

    pub fn cb_editor_caret(&self) -> Callback<usize> {
        let me = self.clone();
        Callback::from(move |caret| me.edit_buffer(|b| b.set_caret(caret)))
    }

    pub fn cb_editor_save(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| {
            me.save(None);
        })
    }

    pub fn cb_editor_apply(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.apply())
    }

    pub fn cb_editor_close(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.state.dispatch(Action::EditorCloseRequested))
    }

    pub fn cb_namespace(&self) -> Callback<String> {
        let me = self.clone();
        Callback::from(move |ns| {
            me.state.dispatch(Action::SetNamespace(ns));
            me.refresh();
        })
    }

    pub fn cb_select_pod(&self) -> Callback<(String, String)> {
        let me = self.clone();
        Callback::from(move |(ns, name)| me.select_pod(ns, name))
    }

    pub fn cb_detail_tab(&self) -> Callback<DetailTab> {
        let me = self.clone();
        Callback::from(move |t| me.state.dispatch(Action::SetDetailTab(t)))
    }

    pub fn cb_close_detail(&self) -> Callback<()> {
        let me = self.clone();
        Callback::from(move |_| me.state.dispatch(Action::ShowDetail(None)))
    }
}

/// Replaces the address's fragment without adding a history entry.
fn set_hash(hash: &str) {
    let Some(w) = web_sys::window() else { return };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// `kubectl explain`'s descriptions, fetched after the first prompt (they are a tenth of the
/// download and nothing else needs them); explain prints none until they are in.
pub async fn load_explain_descriptions() {
    if let Some(text) = fetch_text("explain.txt").await {
        crate::sim::schema::set_descriptions(&text);
    }
}

/// The body of a URL as text, or None (network error, or not 2xx).
async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let resp = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !resp.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(resp.text().ok()?)
        .await
        .ok()?
        .as_string()
}

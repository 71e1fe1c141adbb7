//! The root component: one reducer for the page's state, the shared session, the layout.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use yew::prelude::*;

use super::components::cluster_view::ClusterPane;
use super::components::editor::Editor;
use super::components::lesson_panel::LessonPanel;
use super::components::pod_detail::PodDetailPane;
use super::components::terminal::Terminal;
use super::components::topbar::TopBar;
use super::components::what_happened::WhatHappened;
use super::hooks::use_cluster_clock;
use super::runner::Runner;
use super::state::State;
use super::story::StoryStart;
use crate::i18n::Lang;
use crate::session::Session;

/// The seed from `?seed=N`, or 0.
fn seed_from_url() -> u64 {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|kv| kv.strip_prefix("seed=").and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// `?lang=ko` or `?lang=en`, else the browser's language.
fn initial_lang() -> Lang {
    let from_url = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|kv| kv.strip_prefix("lang=").map(Lang::from_code))
        });
    from_url.unwrap_or_else(|| {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|l| Lang::from_code(&l))
            .unwrap_or_default()
    })
}

/// Where lesson progress is kept in the browser.
const PROGRESS_KEY: &str = "kube-playground.lesson-progress";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Lesson progress saved by an earlier visit; a missing or unreadable entry starts afresh.
fn load_progress() -> crate::lessons::Progress {
    local_storage()
        .and_then(|st| st.get_item(PROGRESS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save_progress(p: &crate::lessons::Progress) {
    if let (Some(st), Ok(text)) = (local_storage(), serde_json::to_string(p)) {
        // A full or disabled storage only loses the progress, never the page.
        let _ = st.set_item(PROGRESS_KEY, &text);
    }
}

/// Where the whole playground (cluster, files, clock, shell) is saved after every command.
const SESSION_KEY: &str = "kube-playground.session";
/// A save that takes longer than this makes the next ones wait for a quiet moment.
const SLOW_SAVE_MS: f64 = 40.0;
const SLOW_SAVE_EVERY_MS: u32 = 15_000;
/// Saves longer than this (characters) are kept deflated, under their own key: the storage
/// holds some five million characters per site.
const DEFLATE_SAVES_OVER: usize = 2_000_000;
const SESSION_KEY_DEFLATED: &str = "kube-playground.session.deflated";

/// Where the open editor's buffer is kept (with the playground, so a reload reopens it).
const EDITOR_KEY: &str = "kube-playground.editor";

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedEditor {
    path: Option<String>,
    text: String,
    vi: bool,
    new_file: bool,
    modified: bool,
}

/// Keeps the open editor's buffer in the browser's storage, or forgets it when closed.
fn save_editor(editor: Option<&super::state::EditorState>) {
    let Some(st) = local_storage() else { return };
    let Some(e) = editor else {
        let _ = st.remove_item(EDITOR_KEY);
        return;
    };
    let saved = SavedEditor {
        path: e.path.clone(),
        text: e.buffer.text(),
        vi: e.buffer.vi,
        new_file: e.new_file,
        modified: e.buffer.modified,
    };
    if let Ok(text) = serde_json::to_string(&saved) {
        let _ = st.set_item(EDITOR_KEY, &text);
    }
}

/// The editor that was open when the page was left, if any.
pub(super) fn restore_editor() -> Option<super::state::EditorState> {
    let text = local_storage()?.get_item(EDITOR_KEY).ok()??;
    let saved: SavedEditor = serde_json::from_str(&text).ok()?;
    let mut e = super::state::EditorState::new(saved.path, &saved.text, saved.vi, saved.new_file);
    e.buffer.modified = saved.modified;
    Some(e)
}

/// The saved playground, if this browser has one: Ok(None) for none, Err with the reason and
/// the raw text when it cannot be restored.
fn restore_session(inflated: Option<String>) -> Result<Option<Session>, (String, String)> {
    let Some(text) =
        inflated.or_else(|| local_storage().and_then(|st| st.get_item(SESSION_KEY).ok().flatten()))
    else {
        return Ok(None);
    };
    match Session::load(&text) {
        Ok(s) => Ok(Some(s)),
        Err(crate::session::LoadError::TooNew(v)) => Err((format!("format {v}"), text)),
        Err(crate::session::LoadError::Corrupt(why)) => Err((why, text)),
    }
}

/// A deep link to the lessons: `#/lessons` (the list) or `#/lessons/ID/N` (step N, from 1).
pub fn lesson_link(hash: &str) -> Option<(Option<String>, usize)> {
    let rest = hash.trim_start_matches('#').trim_start_matches('/');
    let rest = rest.strip_prefix("lessons")?;
    if let Some(url) = rest.strip_prefix("/load?url=") {
        return Some((Some(format!("load?url={url}")), 0));
    }
    let mut parts = rest.split('/').filter(|p| !p.is_empty());
    let Some(id) = parts.next() else {
        return Some((None, 0));
    };
    let step = parts
        .next()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .saturating_sub(1);
    Some((Some(id.to_string()), step))
}

/// The session, shared by everything that talks to it. It is built lazily: the prompt is on
/// screen first, the cluster boots right after (or at the first command, whichever is first).
#[derive(Clone)]
pub struct SharedSession {
    cell: Rc<RefCell<Option<Session>>>,
    seed: u64,
    lang: Rc<RefCell<Lang>>,
    /// Lines waiting to run (a multi-line paste, held while a `sleep` runs).
    pub(super) queue: Rc<RefCell<VecDeque<String>>>,
    /// Where the story of a command being typed over several lines (`> ` prompt) starts.
    pub(super) story_start: Rc<RefCell<Option<StoryStart>>>,
    /// Set when the saved playground could not be restored: (why, the raw save).
    pub(super) restore_failed: Rc<RefCell<Option<(String, String)>>>,
    /// Restore the saved playground (false for a lesson's deep link, which starts afresh).
    pub(super) restore: Rc<std::cell::Cell<bool>>,
    /// The session was restored from the browser's storage.
    pub(super) restored: Rc<std::cell::Cell<bool>>,
    /// The last save took long (a cluster of thousands of pods): saves then wait for a
    /// quiet moment (see `save`).
    slow_save: Rc<std::cell::Cell<bool>>,
    /// A save is owed (commands ran since the last one).
    dirty: Rc<std::cell::Cell<bool>>,
    save_timer: Rc<RefCell<Option<gloo_timers::callback::Timeout>>>,
    /// A big save, kept deflated (`SESSION_KEY_DEFLATED`), read back before the boot.
    inflated: Rc<RefCell<Option<String>>>,
    /// The "what happened" story being followed, read on a little further at each tick.
    pub(super) story_builder: Rc<RefCell<Option<super::story::StoryBuilder>>>,
}

impl PartialEq for SharedSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell)
    }
}

impl SharedSession {
    pub fn new(seed: u64, lang: Lang) -> SharedSession {
        SharedSession {
            cell: Rc::new(RefCell::new(None)),
            seed,
            lang: Rc::new(RefCell::new(lang)),
            queue: Rc::new(RefCell::new(VecDeque::new())),
            story_start: Rc::new(RefCell::new(None)),
            story_builder: Rc::new(RefCell::new(None)),
            restore_failed: Rc::new(RefCell::new(None)),
            restore: Rc::new(std::cell::Cell::new(true)),
            restored: Rc::new(std::cell::Cell::new(false)),
            slow_save: Rc::new(std::cell::Cell::new(false)),
            dirty: Rc::new(std::cell::Cell::new(false)),
            save_timer: Rc::new(RefCell::new(None)),
            inflated: Rc::new(RefCell::new(None)),
        }
    }

    /// Runs `f` on the session, booting the cluster first if needed. None only if the session
    /// is in use already (a re-entrant call), which the page never makes on purpose.
    pub fn with<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut slot = self.cell.try_borrow_mut().ok()?;
        let session = slot.get_or_insert_with(|| {
            let restored = if self.restore.get() {
                restore_session(self.inflated.borrow_mut().take()).unwrap_or_else(|failed| {
                    *self.restore_failed.borrow_mut() = Some(failed);
                    None
                })
            } else {
                None
            };
            self.restored.set(restored.is_some());
            let mut s = restored.unwrap_or_else(|| Session::new(self.seed));
            s.lang = *self.lang.borrow();
            // The page has an editor pane: `vi FILE` opens it.
            s.editor_pane = true;
            s
        });
        Some(f(session))
    }

    /// Runs `f` only if the session exists and is not in use (the clock's interval).
    pub fn try_with<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut slot = self.cell.try_borrow_mut().ok()?;
        slot.as_mut().map(f)
    }

    /// Writes the playground to the browser's storage after a command; false when the
    /// storage refused it (full, or disabled). A playground whose last save took long (thousands
    /// of pods) is written at most every 15 s, and when the page is hidden or left (`flush`),
    /// so a command never waits for it.
    pub fn save(&self) -> bool {
        if !self.slow_save.get() {
            return self.save_now();
        }
        self.dirty.set(true);
        if self.save_timer.borrow().is_none() {
            let me = self.clone();
            let timer = gloo_timers::callback::Timeout::new(SLOW_SAVE_EVERY_MS, move || {
                me.save_timer.borrow_mut().take();
                me.flush();
            });
            *self.save_timer.borrow_mut() = Some(timer);
        }
        true
    }

    /// Writes an owed save now (the page is being hidden or left).
    pub fn flush(&self) {
        if self.dirty.get() {
            self.save_now();
        }
    }

    fn save_now(&self) -> bool {
        let now = || {
            web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now())
        };
        let t0 = now();
        let Some(text) = self.try_with(|s| s.save()) else {
            return true;
        };
        self.dirty.set(false);
        self.slow_save.set(now() - t0 > SLOW_SAVE_MS);
        let Some(st) = local_storage() else {
            return false;
        };
        if text.len() <= DEFLATE_SAVES_OVER {
            let ok = st.set_item(SESSION_KEY, &text).is_ok();
            if ok {
                let _ = st.remove_item(SESSION_KEY_DEFLATED);
            }
            return ok;
        }
        // Past the storage's few megabytes: deflated by the browser (off the main thread), in
        // its own key. Said full only if even that does not fit.
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let stored = match super::runner::deflate(&text).await {
                Some(z) => st.set_item(SESSION_KEY_DEFLATED, &z).is_ok(),
                None => false,
            };
            if stored {
                let _ = st.remove_item(SESSION_KEY);
            } else {
                me.dirty.set(true);
            }
        });
        true
    }

    /// Reads a deflated save back (before the boot, which restores it).
    pub async fn inflate_saved(&self) {
        let Some(z) =
            local_storage().and_then(|st| st.get_item(SESSION_KEY_DEFLATED).ok().flatten())
        else {
            return;
        };
        let has_plain = local_storage()
            .and_then(|st| st.get_item(SESSION_KEY).ok().flatten())
            .is_some();
        if has_plain {
            return;
        }
        let text = super::runner::inflate(&z).await;
        // A deflated save that does not inflate is damaged: restoring says so.
        *self.inflated.borrow_mut() = Some(text.unwrap_or_else(|| z.clone()));
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Puts a new session in place of the old one (a lesson's fresh cluster).
    pub fn replace(&self, mut session: Session) {
        session.lang = *self.lang.borrow();
        session.editor_pane = true;
        if let Ok(mut slot) = self.cell.try_borrow_mut() {
            *slot = Some(session);
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.borrow_mut() = lang;
        self.try_with(|s| s.lang = lang);
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let mut s = State::new(initial_lang());
        s.progress = std::rc::Rc::new(load_progress());
        s
    });
    let session = use_memo((), |_| SharedSession::new(seed_from_url(), state.lang));
    let runner = Runner::new((*session).clone(), state.clone());

    // Boot the cluster right after the first paint.
    {
        let runner = runner.clone();
        use_effect_with((), move |_| {
            let link = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .and_then(|h| lesson_link(&h));
            let share = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .and_then(|h| super::runner::share_link_data(&h).map(str::to_string));
            super::runner::register_service_worker();
            {
                let session = runner.session();
                super::runner::on_page_hide(move || session.flush());
            }
            let session = runner.session();
            let start = move || match link {
                _ if share.is_some() => {
                    runner.boot();
                    runner.open_share_link(share.unwrap_or_default());
                }
                Some((Some(id), _)) if id.starts_with("load?url=") => {
                    let url = js_sys::decode_uri_component(&id["load?url=".len()..])
                        .map(String::from)
                        .unwrap_or_default();
                    runner.boot();
                    runner.load_url(url);
                }
                Some((Some(id), step)) => {
                    runner.start_lesson(&id, step);
                }
                Some((None, _)) => {
                    runner.boot();
                    runner.show_lesson(None, 0);
                }
                None => runner.boot(),
            };
            gloo_timers::callback::Timeout::new(0, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    session.inflate_saved().await;
                    start();
                    super::runner::load_explain_descriptions().await;
                })
            })
            .forget();
        });
    }
    // The one interval: the cluster clock follows real time while it runs.
    {
        let runner = runner.clone();
        use_cluster_clock(
            (*session).clone(),
            state.clock_running(),
            state.clock.speed,
            Callback::from(move |_| runner.tick()),
        );
    }
    use_effect_with(state.progress.clone(), |p| save_progress(p));
    // Not before the boot: the saved editor is read back there.
    use_effect_with((state.booted, state.editor.clone()), |(booted, e)| {
        if *booted {
            save_editor(e.as_deref());
        }
    });
    // The document's language follows the page's (screen readers, fonts, hyphenation).
    use_effect_with(state.lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let lang = state.lang;
    let editor_open = state.editor.is_some();
    html! {
        <div class="app">
            <TopBar
                lang={lang}
                clock={state.clock}
                booted={state.booted}
                menu_open={state.menu_open}
                on_lang={runner.cb_toggle_lang()}
                on_pause={runner.cb_pause()}
                on_speed={runner.cb_speed()}
                on_step={runner.cb_step()}
                on_menu={runner.cb_menu()}
                on_new={runner.cb_new_manifest()}
                lessons_open={state.lessons.is_some()}
                on_lessons={runner.cb_lessons()}
                on_export={runner.cb_export_playground()}
                on_import={runner.cb_import_playground()}
                on_export_yaml={runner.cb_export_yaml()}
                on_share={runner.cb_share_link()}
            />
            {
                match &state.notice {
                    Some(n) => html! { <Notice lang={lang} notice={n.clone()} on_close={runner.cb_close_notice()} /> },
                    None => html! {},
                }
            }
            <main class={classes!("workspace", editor_open.then_some("with-editor"), state.lessons.is_some().then_some("with-lessons"))}>
                {
                    match &state.lessons {
                        Some(panel) => html! {
                            <LessonPanel
                                lang={lang}
                                panel={panel.clone()}
                                progress={state.progress.clone()}
                                busy={state.busy}
                                on_show={runner.cb_show_lesson()}
                                on_start={runner.cb_start_lesson()}
                                on_run={runner.cb_run()}
                                on_instructor={runner.cb_instructor()}
                                on_folder={runner.cb_load_folder()}
                                on_reset_cluster={runner.cb_reset_cluster()}
                                on_close={Callback::from({
                                    let cb = runner.cb_lessons();
                                    move |_| cb.emit(false)
                                })}
                            />
                        },
                        None => html! {},
                    }
                }
                <div class="column left">
                    <Terminal
                        lang={lang}
                        scrollback={state.scrollback.clone()}
                        prompt={state.prompt.clone()}
                        busy={state.busy || state.live}
                        live={state.live}
                        completions={state.completions.clone()}
                        active={!editor_open}
                        on_run={runner.cb_run()}
                        on_interrupt={runner.cb_interrupt()}
                        on_clear={runner.cb_clear()}
                        on_complete={runner.cb_complete()}
                        history={runner.cb_history()}
                    />
                    {
                        match &state.editor {
                            Some(e) => html! {
                                <Editor
                                    lang={lang}
                                    editor={e.clone()}
                                    name={runner.display_name(e.path.as_deref())}
                                    on_key={runner.cb_editor_key()}
                                    on_input={runner.cb_editor_input()}
                                    on_caret={runner.cb_editor_caret()}
                                    on_save={runner.cb_editor_save()}
                                    on_apply={runner.cb_editor_apply()}
                                    on_close={runner.cb_editor_close()}
                                />
                            },
                            None => html! {},
                        }
                    }
                </div>
                <super::components::splitter::Splitter lang={lang} />
                <div class="column right">
                    <ClusterPane
                        lang={lang}
                        view={state.cluster.clone()}
                        booted={state.booted}
                        ns_filter={state.ns_filter.clone()}
                        selected={state.detail.as_ref().map(|d| (d.namespace.clone(), d.name.clone()))}
                        on_ns={runner.cb_namespace()}
                        on_select={runner.cb_select_pod()}
                    />
                    <WhatHappened lang={lang} story={state.story.clone()} />
                    {
                        match &state.detail {
                            Some(d) => html! {
                                <PodDetailPane
                                    lang={lang}
                                    detail={d.clone()}
                                    tab={state.detail_tab}
                                    on_tab={runner.cb_detail_tab()}
                                    on_close={runner.cb_close_detail()}
                                />
                            },
                            None => html! {},
                        }
                    }
                </div>
            </main>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    lang: Lang,
    notice: Rc<super::state::Notice>,
    on_close: Callback<()>,
}

/// A message about the page itself (a save that could not be restored, a full storage), with
/// the raw save to download when there is one.
#[function_component(Notice)]
fn notice(props: &NoticeProps) -> Html {
    let n = &props.notice;
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let href = n.download.as_ref().map(|raw| {
        format!(
            "data:application/json;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(raw))
        )
    });
    html! {
        <div class="notice" role="alert" data-testid="notice">
            <span>{ n.text.clone() }</span>
            if let Some(href) = href {
                { " " }
                <a href={href} download="kube-playground-save.json" data-testid="notice-download">
                    { crate::i18n::t(props.lang, crate::i18n::Msg::SaveDownload) }
                </a>
            }
            if let Some(link) = n.link.clone() {
                { " " }
                <input class="share-url" readonly=true value={link} data-testid="share-url"
                    onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                    })} />
            }
            <button class="close" onclick={close} aria-label={crate::i18n::t(props.lang, crate::i18n::Msg::Close)}>{ "×" }</button>
        </div>
    }
}

pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}

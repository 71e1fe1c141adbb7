//! The playground as a file, the learner's objects as YAML, share links and the service
//! worker: the page's side of `session::export` and `session::journal`.

use wasm_bindgen::prelude::*;

use super::{set_hash, Runner};
use crate::i18n::{t, Msg};
use crate::session::{journal, Session, PROMPT};
use crate::shell::TermChunk;
use crate::ui::format::fill;
use crate::ui::state::{Action, Entry, Notice};

#[wasm_bindgen(module = "/www/share.js")]
extern "C" {
    #[wasm_bindgen(js_name = deflateToLink, catch)]
    async fn deflate_to_link(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = inflateFromLink, catch)]
    async fn inflate_from_link(link: &str, limit: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = downloadText)]
    fn download_text(name: &str, mime: &str, text: &str);
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text(text: &str);
    #[wasm_bindgen(js_name = registerServiceWorker)]
    pub fn register_service_worker();
    #[wasm_bindgen(js_name = onPageHide)]
    fn on_page_hide_js(cb: &Closure<dyn FnMut()>);
}

/// Calls `f` when the page is hidden or left (a reload included), for owed saves.
pub fn on_page_hide(f: impl FnMut() + 'static) {
    let cb = Closure::<dyn FnMut()>::new(f);
    on_page_hide_js(&cb);
    cb.forget();
}

/// The largest playground file or shared state opened (the save of a big cluster is a few MB).
const MAX_OPEN_BYTES: u32 = 64 * 1024 * 1024;

/// `text` deflated by the browser, in base64url.
pub async fn deflate(text: &str) -> Option<String> {
    deflate_to_link(text).await.ok()?.as_string()
}

/// The text `deflate` was given.
pub async fn inflate(data: &str) -> Option<String> {
    inflate_from_link(data, MAX_OPEN_BYTES)
        .await
        .ok()?
        .as_string()
}

/// `#/share/DATA` → DATA.
pub fn share_link_data(hash: &str) -> Option<&str> {
    hash.trim_start_matches('#')
        .trim_start_matches('/')
        .strip_prefix("share/")
}

impl Runner {
    fn notice(&self, text: String, download: Option<String>, link: Option<String>) {
        self.state.dispatch(Action::ShowNotice(Some(Notice {
            text,
            download,
            link,
        })));
    }

    /// Downloads the whole playground (what the browser keeps after each command) as a file.
    pub fn export_playground(&self) {
        if let Some(text) = self.session.with(|s| s.save()) {
            download_text("kube-playground.json", "application/json", &text);
        }
    }

    /// Downloads the learner's own objects as YAML for `kubectl apply -f` on a real cluster.
    pub fn export_yaml(&self) {
        let yaml = self
            .session
            .with(|s| crate::session::export::learner_objects_yaml(&s.cluster))
            .unwrap_or_default();
        if yaml.is_empty() {
            self.notice(t(self.state.lang, Msg::ExportNothing).into(), None, None);
        } else {
            download_text("my-objects.yaml", "application/yaml", &yaml);
        }
    }

    /// Puts `session` in place of the current one, says so in the terminal, and keeps the
    /// previous playground downloadable from the notice.
    fn open_session(&self, session: Session, said: String, panel: Option<(String, usize)>) {
        let previous = self.session.with(|s| s.save());
        self.session.queue.borrow_mut().clear();
        self.session.replace(session);
        let prompt = self
            .session
            .try_with(|s| s.prompt().to_string())
            .unwrap_or_else(|| PROMPT.to_string());
        self.state.dispatch(Action::CommandRan {
            entry: Some(Entry {
                command: None,
                output: vec![TermChunk::Out(format!("{said}\n"))],
            }),
            clear: true,
            prompt,
        });
        self.state.dispatch(Action::ShowDetail(None));
        self.state.dispatch(Action::CloseEditor);
        self.autosave();
        self.notice(
            format!("{said} {}", t(self.state.lang, Msg::PreviousPlayground)),
            previous,
            None,
        );
        match panel {
            Some((id, step)) if crate::lessons::find(&id).is_some() => {
                self.show_lesson(Some(id.clone()), step);
                self.refresh_after_start(id, step);
            }
            _ => {
                set_hash("#/");
                self.refresh_view();
            }
        }
    }

    /// Opens a playground file chosen by the learner.
    pub fn import_playground(&self, text: String) {
        let lang = self.state.lang;
        match Session::load(&text) {
            Ok(session) => self.open_session(session, t(lang, Msg::ImportDone).into(), None),
            Err(e) => {
                let why = match e {
                    crate::session::LoadError::TooNew(v) => format!("format {v}"),
                    crate::session::LoadError::Corrupt(why) => why,
                };
                self.notice(
                    fill(t(lang, Msg::ImportFailed), &[("why", &why)]),
                    None,
                    None,
                );
            }
        }
    }

    /// Builds the share link (the journal, or the state, deflated into the fragment), copies it
    /// and shows it.
    pub fn share_link(&self) {
        let panel = self
            .state
            .lessons
            .as_ref()
            .and_then(|p| p.lesson.clone().map(|id| (id, p.step)));
        let Some(payload) = self.session.with(|s| journal::share_payload(s, panel)) else {
            return;
        };
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let lang = me.state.lang;
            let Some(data) = deflate_to_link(&payload)
                .await
                .ok()
                .and_then(|v| v.as_string())
            else {
                me.notice(t(lang, Msg::ShareFailed).into(), None, None);
                return;
            };
            if data.len() > journal::MAX_SHARE_LINK {
                me.notice(t(lang, Msg::ShareTooLarge).into(), None, None);
                return;
            }
            let Some(loc) = web_sys::window().map(|w| w.location()) else {
                return;
            };
            let base = format!(
                "{}{}{}",
                loc.origin().unwrap_or_default(),
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            );
            let link = format!("{base}#/share/{data}");
            copy_text(&link);
            me.notice(t(lang, Msg::ShareCopied).into(), None, Some(link));
        });
    }

    /// Opens a share link's playground (`#/share/DATA`).
    pub fn open_share_link(&self, data: String) {
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let lang = me.state.lang;
            let opened = match inflate_from_link(&data, MAX_OPEN_BYTES).await {
                Ok(v) => journal::open_share(&v.as_string().unwrap_or_default()),
                Err(_) => Err("damaged".to_string()),
            };
            match opened {
                Ok((session, panel)) => {
                    me.open_session(session, t(lang, Msg::ShareOpened).into(), panel)
                }
                Err(why) => {
                    set_hash("#/");
                    me.notice(
                        fill(t(lang, Msg::ShareBroken), &[("why", &why)]),
                        None,
                        None,
                    );
                }
            }
        });
    }
}

//! The web page (Yew). The only layer that touches the browser; it drives a `Session` and shows
//! what it returns. One interval is the only place real time enters the app.

mod terminal;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::session::Session;

/// How often the page's clock moves the cluster on.
const TICK_MS: u32 = 250;

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

fn lang_from_browser() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|l| Lang::from_code(&l))
        .unwrap_or_default()
}

/// The session, shared by the components that talk to it. It is built lazily: the prompt is
/// on screen first, the cluster boots right after (or at the first command, whichever is first).
#[derive(Clone)]
pub struct SharedSession {
    cell: Rc<RefCell<Option<Session>>>,
    seed: u64,
}

impl PartialEq for SharedSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell)
    }
}

impl SharedSession {
    pub fn new(seed: u64) -> SharedSession {
        SharedSession { cell: Rc::new(RefCell::new(None)), seed }
    }

    /// Runs `f` on the session, booting the cluster first if needed.
    pub fn with<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        let mut slot = self.cell.borrow_mut();
        let session = slot.get_or_insert_with(|| Session::new(self.seed));
        f(session)
    }

    /// Runs `f` only if the session exists and is not in use (the clock's interval).
    pub fn try_with(&self, f: impl FnOnce(&mut Session)) {
        if let Ok(mut slot) = self.cell.try_borrow_mut() {
            if let Some(s) = slot.as_mut() {
                f(s);
            }
        }
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let session = use_memo((), |_| SharedSession::new(seed_from_url()));
    // Boot the cluster right after the first paint.
    {
        let session = (*session).clone();
        use_effect_with((), move |_| {
            gloo_timers::callback::Timeout::new(0, move || {
                session.with(|s| s.lang = lang_from_browser());
            })
            .forget();
        });
    }
    let lang = use_state(lang_from_browser);
    let toggle_lang = {
        let lang = lang.clone();
        let session = session.clone();
        Callback::from(move |_| {
            let next = if *lang == Lang::En {
                Lang::Ko
            } else {
                Lang::En
            };
            session.with(|s| s.lang = next);
            lang.set(next);
        })
    };
    html! {
        <div class="app">
            <header class="topbar">
                <span class="brand">{ i18n::t(*lang, Msg::Title) }</span>
                <span class="tagline">{ i18n::t(*lang, Msg::Tagline) }</span>
                <button class="lang" data-testid="lang-toggle" onclick={toggle_lang}>{ i18n::t(*lang, Msg::Language) }</button>
            </header>
            <terminal::Terminal session={(*session).clone()} lang={*lang} tick_ms={TICK_MS} />
        </div>
    }
}

pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}

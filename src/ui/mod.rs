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

/// The session, shared by the components that talk to it.
#[derive(Clone)]
pub struct SharedSession(pub Rc<RefCell<Session>>);

impl PartialEq for SharedSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let session = use_memo((), |_| {
        let mut s = Session::new(seed_from_url());
        s.lang = lang_from_browser();
        SharedSession(Rc::new(RefCell::new(s)))
    });
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
            session.0.borrow_mut().lang = next;
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

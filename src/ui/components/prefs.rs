//! The look of the page, kept in the browser: light or dark, and the terminal's font size.

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};

const PREFS_KEY: &str = "kube-playground.prefs";
const SIZES: std::ops::RangeInclusive<u32> = 10..=24;

#[derive(Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
struct Prefs {
    light: bool,
    font: u32,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved choice, else the system's colour scheme and 14 px.
fn load() -> Prefs {
    storage()
        .and_then(|st| st.get_item(PREFS_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str::<Prefs>(&t).ok())
        .unwrap_or_else(|| Prefs {
            light: web_sys::window()
                .and_then(|w| {
                    w.match_media("(prefers-color-scheme: light)")
                        .ok()
                        .flatten()
                })
                .is_some_and(|m| m.matches()),
            font: 14,
        })
}

fn apply(p: Prefs) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", if p.light { "light" } else { "dark" });
        let font = p.font.clamp(*SIZES.start(), *SIZES.end());
        let _ = root.set_attribute("style", &format!("--term-size: {font}px"));
    }
    if let (Some(st), Ok(t)) = (storage(), serde_json::to_string(&p)) {
        let _ = st.set_item(PREFS_KEY, &t);
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

#[function_component(PrefsControls)]
pub fn prefs_controls(props: &Props) -> Html {
    let prefs = use_state(load);
    use_effect_with(*prefs, |p| apply(*p));
    let set = |f: fn(Prefs) -> Prefs| {
        let prefs = prefs.clone();
        Callback::from(move |_: MouseEvent| prefs.set(f(*prefs)))
    };
    let t = |m| i18n::t(props.lang, m);
    html! {
        <span class="prefs">
            <button class="btn" data-testid="font-smaller" title={t(Msg::FontSmaller)} aria-label={t(Msg::FontSmaller)}
                disabled={prefs.font <= *SIZES.start()}
                onclick={set(|p| Prefs { font: p.font.saturating_sub(1).max(*SIZES.start()), ..p })}>{ "A−" }</button>
            <button class="btn" data-testid="font-larger" title={t(Msg::FontLarger)} aria-label={t(Msg::FontLarger)}
                disabled={prefs.font >= *SIZES.end()}
                onclick={set(|p| Prefs { font: (p.font + 1).min(*SIZES.end()), ..p })}>{ "A+" }</button>
            <button class="btn" data-testid="theme-toggle" aria-pressed={prefs.light.to_string()}
                onclick={set(|p| Prefs { light: !p.light, ..p })}>
                { if prefs.light { t(Msg::ThemeDark) } else { t(Msg::ThemeLight) } }
            </button>
        </span>
    }
}

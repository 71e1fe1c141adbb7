//! The top bar: the name, the lessons, the "Playground" and "New manifest" menus, the time controls and the language switch.

use yew::prelude::*;

use super::new_manifest::NewManifest;
use super::playground_menu::PlaygroundMenu;
use super::prefs::PrefsControls;
use super::time_controls::TimeControls;
use crate::i18n::{self, Lang, Msg};
use crate::ui::state::ClockState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub clock: ClockState,
    pub booted: bool,
    pub menu_open: bool,
    pub on_lang: Callback<()>,
    pub on_pause: Callback<bool>,
    pub on_speed: Callback<u32>,
    pub on_step: Callback<i64>,
    pub on_menu: Callback<bool>,
    pub on_new: Callback<usize>,
    pub lessons_open: bool,
    pub on_lessons: Callback<bool>,
    pub on_export: Callback<()>,
    pub on_import: Callback<String>,
    pub on_export_yaml: Callback<()>,
    pub on_share: Callback<()>,
}

#[function_component(TopBar)]
pub fn topbar(props: &Props) -> Html {
    let lang = props.lang;
    let on_lang = {
        let cb = props.on_lang.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_lessons = {
        let cb = props.on_lessons.clone();
        let open = !props.lessons_open;
        Callback::from(move |_: MouseEvent| cb.emit(open))
    };
    html! {
        <header class="topbar">
            <span class="brand">{ i18n::t(lang, Msg::Title) }</span>
            <span class="tagline">{ i18n::t(lang, Msg::Tagline) }</span>
            <button class={classes!("lessons", props.lessons_open.then_some("active"))} data-testid="lessons-toggle"
                aria-pressed={props.lessons_open.to_string()} onclick={on_lessons}>{ i18n::t(lang, Msg::Lessons) }</button>
            <PlaygroundMenu lang={lang} on_export={props.on_export.clone()} on_import={props.on_import.clone()}
                on_export_yaml={props.on_export_yaml.clone()} on_share={props.on_share.clone()} />
            <NewManifest lang={lang} open={props.menu_open} on_toggle={props.on_menu.clone()} on_new={props.on_new.clone()} />
            <TimeControls
                lang={lang}
                clock={props.clock}
                booted={props.booted}
                on_pause={props.on_pause.clone()}
                on_speed={props.on_speed.clone()}
                on_step={props.on_step.clone()}
            />
            <PrefsControls lang={lang} />
            <button class="lang" data-testid="lang-switch" onclick={on_lang}
                lang={if lang == Lang::En { "ko" } else { "en" }}>{ i18n::t(lang, Msg::Language) }</button>
        </header>
    }
}

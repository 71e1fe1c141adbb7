//! The "Playground" menu: save the whole playground to a file, open one, export the learner's
//! objects as YAML for a real cluster, copy a share link.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub on_export: Callback<()>,
    /// The text of the playground file picked.
    pub on_import: Callback<String>,
    pub on_export_yaml: Callback<()>,
    pub on_share: Callback<()>,
}

#[function_component(PlaygroundMenu)]
pub fn playground_menu(props: &Props) -> Html {
    let open = use_state(|| false);
    let lang = props.lang;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_keydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let item = |testid: &'static str, msg: Msg, cb: &Callback<()>| {
        let cb = cb.clone();
        let open = open.clone();
        html! {
            <li role="none">
                <button role="menuitem" data-testid={testid}
                    onclick={Callback::from(move |_: MouseEvent| { open.set(false); cb.emit(()); })}>
                    { i18n::t(lang, msg) }
                </button>
            </li>
        }
    };
    let on_file = {
        let cb = props.on_import.clone();
        let open = open.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            open.set(false);
            let cb = cb.clone();
            yew::platform::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                cb.emit(text);
            });
        })
    };
    html! {
        <div class="menu" onkeydown={on_keydown}>
            <button class="menu-button" data-testid="playground-menu" aria-haspopup="true"
                aria-expanded={open.to_string()} onclick={toggle}>
                { i18n::t(lang, Msg::PlaygroundMenu) }{ " ▾" }
            </button>
            <ul class="menu-list" role="menu" hidden={!*open}>
                { item("export-playground", Msg::ExportPlayground, &props.on_export) }
                <li role="none">
                    <label class="menu-file" role="menuitem">
                        { i18n::t(lang, Msg::ImportPlayground) }
                        <input type="file" accept=".json,application/json" data-testid="import-playground" onchange={on_file} />
                    </label>
                </li>
                { item("export-yaml", Msg::ExportYaml, &props.on_export_yaml) }
                { item("share-link", Msg::ShareLink, &props.on_share) }
            </ul>
        </div>
    }
}

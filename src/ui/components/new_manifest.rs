//! The "New manifest" menu: a starting manifest per kind, opened in the editor.

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::ui::templates::TEMPLATES;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub open: bool,
    pub on_toggle: Callback<bool>,
    /// The index of the chosen template.
    pub on_new: Callback<usize>,
}

#[function_component(NewManifest)]
pub fn new_manifest(props: &Props) -> Html {
    let toggle = {
        let on_toggle = props.on_toggle.clone();
        let open = props.open;
        Callback::from(move |_: MouseEvent| on_toggle.emit(!open))
    };
    let on_keydown = {
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_toggle.emit(false);
            }
        })
    };
    html! {
        <div class="menu" onkeydown={on_keydown}>
            <button class="menu-button" data-testid="new-manifest" aria-haspopup="true"
                aria-expanded={props.open.to_string()} onclick={toggle}>
                { i18n::t(props.lang, Msg::NewManifest) }{ " ▾" }
            </button>
            if props.open {
                <ul class="menu-list" role="menu">
                    { for TEMPLATES.iter().enumerate().map(|(i, (kind, file, _))| {
                        let on_new = props.on_new.clone();
                        html! {
                            <li role="none">
                                <button role="menuitem" data-testid="new-manifest-kind" data-kind={*kind}
                                    onclick={Callback::from(move |_: MouseEvent| on_new.emit(i))}>
                                    <span class="kind">{ *kind }</span>
                                    <span class="file">{ *file }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

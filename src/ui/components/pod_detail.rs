//! The pod clicked in the cluster view: `kubectl describe pod`, its YAML and its logs.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::ui::state::{DetailTab, PodDetail};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub detail: Rc<PodDetail>,
    pub tab: DetailTab,
    pub on_tab: Callback<DetailTab>,
    pub on_close: Callback<()>,
}

#[function_component(PodDetailPane)]
pub fn pod_detail(props: &Props) -> Html {
    let t = |m| i18n::t(props.lang, m);
    let d = &props.detail;
    let tab = if props.tab == DetailTab::Describe && d.describe.is_none() {
        DetailTab::Yaml
    } else {
        props.tab
    };
    let tab_button = |which: DetailTab, label: &'static str| {
        let on_tab = props.on_tab.clone();
        html! {
            <button role="tab" class={classes!("tab", (tab == which).then_some("active"))}
                aria-selected={(tab == which).to_string()}
                data-testid="pod-detail-tab"
                onclick={Callback::from(move |_: MouseEvent| on_tab.emit(which))}>{ label }</button>
        }
    };
    let body = match tab {
        DetailTab::Describe => d.describe.clone().unwrap_or_default(),
        DetailTab::Yaml => d.yaml.clone(),
        DetailTab::Logs => match &d.logs {
            Ok(s) if s.is_empty() => t(Msg::NoLogs).to_string(),
            Ok(s) => s.clone(),
            Err(e) => e.clone(),
        },
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let on_keydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    html! {
        <aside class={classes!("pod-detail", d.gone.then_some("gone"))} data-testid="pod-detail" onkeydown={on_keydown}>
            <header class="pane-head">
                <h2><span class="pod-ns">{ format!("{}/", d.namespace) }</span>{ &d.name }</h2>
                <div class="tabs" role="tablist">
                    if d.describe.is_some() { { tab_button(DetailTab::Describe, t(Msg::DetailDescribe)) } }
                    { tab_button(DetailTab::Yaml, t(Msg::DetailYaml)) }
                    { tab_button(DetailTab::Logs, t(Msg::DetailLogs)) }
                </div>
                <button class="close" data-testid="pod-detail-close" onclick={close} aria-label={t(Msg::Close)}>{ "✕" }</button>
            </header>
            <pre class="detail-body" data-testid="pod-detail-body">{ body }</pre>
        </aside>
    }
}

//! "What happened": for the last command, each component's action in order, with the time
//! after the command and the Event's own message.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::ui::format::{fill, offset, step_text};
use crate::ui::story::Story;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub story: Option<Rc<Story>>,
}

#[function_component(WhatHappened)]
pub fn what_happened(props: &Props) -> Html {
    let lang = props.lang;
    let t = |m| i18n::t(lang, m);
    let body = match &props.story {
        None => html! { <p class="empty">{ t(Msg::WhatHappenedEmpty) }</p> },
        Some(story) => {
            let note = if story.expired {
                Some(Msg::StoryExpired)
            } else if !story.steps.is_empty() {
                None
            } else if !story.ran_kubectl() {
                Some(Msg::StoryNoCluster)
            } else if story.status != 0 {
                Some(Msg::StoryFailed)
            } else if story.kubectl_writes.iter().any(|(a, b)| b > a) {
                Some(Msg::StoryWaiting)
            } else {
                Some(Msg::StoryReadOnly)
            };
            html! {
                <>
                    <div class="story-command"><span class="prompt">{ "$ " }</span>{ &story.start.command }</div>
                    if let Some(n) = note { <p class="empty">{ t(n) }</p> }
                    <ol class="steps">
                        { for story.steps.iter().map(|s| html! {
                            <li class={classes!("step", format!("actor-{}", s.actor.id()))}
                                data-testid="story-step" data-actor={s.actor.id()}>
                                <span class="when">{ offset(s.at_ms - story.start.started_ms) }</span>
                                <span class="actor">{ s.actor.label() }</span>
                                <span class="what">
                                    { step_text(lang, &s.what) }
                                    if s.repeats() > 1 { <span class="count">{ format!(" ×{}", s.repeats()) }</span> }
                                    if !s.detail.is_empty() { <span class="detail">{ &s.detail }</span> }
                                </span>
                            </li>
                        }) }
                    </ol>
                    if story.more > 0 {
                        <p class="more">{ fill(t(Msg::StoryMore), &[("n", &story.more.to_string())]) }</p>
                    }
                </>
            }
        }
    };
    let collapsed = use_state(|| false);
    html! {
        <section class={classes!("pane", "what-happened", collapsed.then_some("collapsed"))} data-testid="what-happened" aria-label={t(Msg::WhatHappenedTitle)} aria-live="polite">
            <header class="pane-head">
                <CollapseButton lang={props.lang} collapsed={collapsed.clone()} />
                <h2>{ t(Msg::WhatHappenedTitle) }</h2>
            </header>
            <div class="story">{ body }</div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CollapseProps {
    pub lang: crate::i18n::Lang,
    pub collapsed: UseStateHandle<bool>,
}

/// Folds a pane to its title bar, and opens it again.
#[function_component(CollapseButton)]
pub fn collapse_button(props: &CollapseProps) -> Html {
    let c = props.collapsed.clone();
    let label = crate::i18n::t(
        props.lang,
        if *c {
            crate::i18n::Msg::PaneExpand
        } else {
            crate::i18n::Msg::PaneCollapse
        },
    );
    let folded = *c;
    html! {
        <button class="pane-toggle" data-testid="pane-toggle" aria-expanded={(!folded).to_string()}
            aria-label={label} title={label} onclick={Callback::from(move |_: MouseEvent| c.set(!*c))}>
            { if folded { "▸" } else { "▾" } }
        </button>
    }
}

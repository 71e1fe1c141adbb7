//! The terminal pane: scrollback of entries (each an echoed command and its output) and the
//! input line. History with ↑/↓, Ctrl+L clears, Ctrl+C abandons the line.

use gloo_timers::callback::{Interval, Timeout};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::SharedSession;
use crate::i18n::{self, Lang, Msg};
use crate::shell::TermChunk;

#[derive(Clone, PartialEq)]
struct Entry {
    /// The echoed prompt and command; None for output that follows a `clear`.
    command: Option<(String, String)>,
    output: Vec<TermChunk>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: SharedSession,
    pub lang: Lang,
    pub tick_ms: u32,
}

/// Set on `window` when the first prompt is on screen, for the load-time measurement.
fn mark_first_prompt() {
    if let Some(w) = web_sys::window() {
        let t = w.performance().map(|p| p.now()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&w, &"__kpFirstPromptMs".into(), &t.into());
    }
}

#[function_component(Terminal)]
pub fn terminal(props: &Props) -> Html {
    let entries = use_state(Vec::<Entry>::new);
    let input_ref = use_node_ref();
    let output_ref = use_node_ref();
    let value = use_state(String::new);
    let history_pos = use_state(|| None::<usize>);
    // While a `sleep` runs the prompt is hidden and the clock does not tick.
    let busy = use_state(|| false);
    let prompt = use_state(|| crate::session::PROMPT.to_string());

    // The one interval: the cluster clock follows real time while the terminal is idle.
    {
        let session = props.session.clone();
        let busy = busy.clone();
        let tick = props.tick_ms;
        use_effect_with(*busy, move |is_busy| {
            let interval = (!*is_busy).then(|| {
                Interval::new(tick, move || {
                    session.try_with(|s| s.tick(tick as i64));
                })
            });
            move || drop(interval)
        });
        let _ = busy;
    }
    {
        use_effect_with((), |_| {
            mark_first_prompt();
        });
    }
    // Keep the newest output in view and the input focused.
    {
        let output_ref = output_ref.clone();
        let input_ref = input_ref.clone();
        use_effect_with((entries.len(), *busy), move |_| {
            if let Some(el) = output_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }

    let on_input = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                value.set(input.value());
            }
        })
    };

    let on_keydown = {
        let session = props.session.clone();
        let entries = entries.clone();
        let value = value.clone();
        let history_pos = history_pos.clone();
        let busy = busy.clone();
        let prompt = prompt.clone();
        Callback::from(move |e: KeyboardEvent| {
            if *busy {
                e.prevent_default();
                return;
            }
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = (*value).clone();
                    value.set(String::new());
                    history_pos.set(None);
                    let shown_prompt = (*prompt).clone();
                    let (outcome, next_prompt) = session.with(|s| {
                        let outcome = s.run_line(&line);
                        (outcome, s.prompt().to_string())
                    });
                    prompt.set(next_prompt);
                    let mut list = (*entries).clone();
                    let mut output = vec![];
                    let mut command = Some((shown_prompt, line));
                    for chunk in outcome.result.output {
                        if chunk == TermChunk::Clear {
                            // Like a real terminal: the screen, this command line included, is wiped.
                            list.clear();
                            output.clear();
                            command = None;
                        } else {
                            output.push(chunk);
                        }
                    }
                    let entry = Entry { command, output };
                    let keep = entry.command.is_some() || !entry.output.is_empty();
                    if outcome.slept_ms > 0 {
                        // `sleep` really waits in the page: the output appears when it is over.
                        busy.set(true);
                        let entries = entries.clone();
                        let busy = busy.clone();
                        let delay = outcome.slept_ms.clamp(0, u32::MAX as i64) as u32;
                        Timeout::new(delay, move || {
                            if keep {
                                list.push(entry);
                            }
                            entries.set(list);
                            busy.set(false);
                        })
                        .forget();
                    } else {
                        if keep {
                            list.push(entry);
                        }
                        entries.set(list);
                    }
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let hist: Vec<String> = session.with(|s| s.shell.history().to_vec());
                    if hist.is_empty() {
                        return;
                    }
                    let pos = match (e.key().as_str(), *history_pos) {
                        ("ArrowUp", None) => Some(hist.len() - 1),
                        ("ArrowUp", Some(p)) => Some(p.saturating_sub(1)),
                        ("ArrowDown", Some(p)) if p + 1 < hist.len() => Some(p + 1),
                        _ => None,
                    };
                    value.set(pos.and_then(|p| hist.get(p).cloned()).unwrap_or_default());
                    history_pos.set(pos);
                }
                "l" if e.ctrl_key() => {
                    e.prevent_default();
                    entries.set(vec![]);
                }
                "c" if e.ctrl_key() => {
                    e.prevent_default();
                    let mut list = (*entries).clone();
                    list.push(Entry {
                        command: Some(((*prompt).clone(), format!("{}^C", *value))),
                        output: vec![],
                    });
                    entries.set(list);
                    value.set(String::new());
                    session.with(|s| s.shell.cancel_pending());
                    prompt.set(crate::session::PROMPT.to_string());
                }
                _ => {}
            }
        })
    };

    let focus_input = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };

    html! {
        <section class="terminal" onclick={focus_input}>
            <div class="scrollback" data-testid="terminal-output" ref={output_ref}>
                { for entries.iter().map(|e| html! {
                    <div class="entry" data-testid="terminal-entry">
                        { for e.command.iter().map(|(p, c)| html! {
                            <div class="command"><span class="prompt">{ p }</span>{ c }</div>
                        }) }
                        { for e.output.iter().map(|c| match c {
                            TermChunk::Out(s) => html! { <span class="out">{ s }</span> },
                            TermChunk::Err(s) => html! { <span class="err">{ s }</span> },
                            TermChunk::Clear => html! {},
                        }) }
                    </div>
                }) }
                <div class={classes!("input-line", busy.then_some("busy"))}>
                    <span class="prompt" data-testid="terminal-prompt">{ if *busy { "" } else { prompt.as_str() } }</span>
                    <input
                        data-testid="terminal-input"
                        ref={input_ref}
                        type="text"
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck="false"
                        aria-label={i18n::t(props.lang, Msg::InputPlaceholder)}
                        placeholder={if entries.is_empty() { i18n::t(props.lang, Msg::InputPlaceholder) } else { "" }}
                        value={(*value).clone()}
                        oninput={on_input}
                        onkeydown={on_keydown}
                    />
                </div>
            </div>
        </section>
    }
}

//! The terminal pane: scrollback of entries (each an echoed command and its output) and the
//! input line. ↑/↓ history, Ctrl+R reverse search, readline's editing keys (Ctrl+A/E/U/K/W/D,
//! Alt+B/F, see `ui::readline`), Tab completion (a second Tab on an ambiguous word lists the
//! candidates), Ctrl+C abandons the line (or stops `kubectl get -w`), Ctrl+L clears, and a
//! paste of several lines runs them in order.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::shell::TermChunk;
use crate::ui::readline::{self, Line, Search};
use crate::ui::state::Scrollback;

/// The input's caret (the browser counts UTF-16 units) as a byte offset into `text`.
fn caret_bytes(input: &HtmlInputElement, text: &str) -> usize {
    let units = input
        .selection_start()
        .ok()
        .flatten()
        .map_or(text.encode_utf16().count(), |c| c as usize);
    let mut seen = 0;
    for (b, ch) in text.char_indices() {
        if seen >= units {
            return b;
        }
        seen += ch.len_utf16();
    }
    text.len()
}

/// Puts `line` in the input with its caret.
fn show_line(input: &HtmlInputElement, line: &Line) {
    input.set_value(&line.text);
    let units = line.text[..line.caret].encode_utf16().count() as u32;
    let _ = input.set_selection_range(units, units);
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub scrollback: Scrollback,
    pub prompt: String,
    /// A `sleep` runs: no prompt, keys are ignored.
    pub busy: bool,
    /// A command runs on until Ctrl+C (`kubectl get -w`).
    #[prop_or_default]
    pub live: bool,
    pub completions: Rc<Vec<String>>,
    /// The terminal has the keyboard (no editor open).
    pub active: bool,
    /// Lines to run, in order.
    pub on_run: Callback<Vec<String>>,
    /// Ctrl+C with what was typed.
    pub on_interrupt: Callback<String>,
    pub on_clear: Callback<()>,
    /// Tab: the line in, the completed line out.
    pub on_complete: Callback<String, String>,
    pub history: Callback<(), Vec<String>>,
}

/// Set on `window` when the first prompt is on screen, for the load-time measurement.
fn mark_first_prompt() {
    if let Some(w) = web_sys::window() {
        let t = w.performance().map(|p| p.now()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&w, &"__kpFirstPromptMs".into(), &t.into());
    }
}

#[derive(Properties, PartialEq)]
struct EntriesProps {
    scrollback: Scrollback,
}

#[derive(Properties)]
struct EntryProps {
    entry: Rc<crate::ui::state::Entry>,
}

impl PartialEq for EntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.entry, &other.entry)
    }
}

/// One command and its output; drawn again only when it changes (a live `get -w` row).
#[function_component(EntryView)]
fn entry_view(props: &EntryProps) -> Html {
    let e = &props.entry;
    html! {
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
    }
}

/// The entries; re-rendered only when the list changes, and then only the new entries.
#[function_component(Entries)]
fn entries(props: &EntriesProps) -> Html {
    html! {
        { for props.scrollback.0.iter().map(|e| html! { <EntryView entry={e.clone()} /> }) }
    }
}

#[function_component(Terminal)]
pub fn terminal(props: &Props) -> Html {
    let input_ref = use_node_ref();
    let output_ref = use_node_ref();
    let value = use_state(String::new);
    let history_pos = use_state(|| None::<usize>);
    let search = use_state(|| None::<Search>);

    use_effect_with((), |_| mark_first_prompt());
    // Keep the newest output in view, and the keyboard here unless the editor has it.
    {
        let output_ref = output_ref.clone();
        let input_ref = input_ref.clone();
        let deps = (
            props.scrollback.clone(),
            props.busy,
            props.active,
            props.completions.len(),
        );
        use_effect_with(deps, move |(_, _, active, _)| {
            if let Some(el) = output_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
            if *active {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
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

    let on_paste = {
        let value = value.clone();
        let on_run = props.on_run.clone();
        let busy = props.busy;
        Callback::from(move |e: Event| {
            let text = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text").ok())
                .unwrap_or_default();
            if !text.contains('\n') || busy {
                return;
            }
            // Several lines: each complete line runs, the last fragment stays typed.
            e.prevent_default();
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let current = input.value();
            let caret = input
                .selection_start()
                .ok()
                .flatten()
                .map(|c| c as usize)
                .unwrap_or(current.encode_utf16().count());
            let at = current
                .char_indices()
                .scan(0usize, |units, (b, ch)| {
                    let here = *units;
                    *units += ch.len_utf16();
                    Some((b, here))
                })
                .find(|(_, u)| *u >= caret)
                .map(|(b, _)| b)
                .unwrap_or(current.len());
            let combined = format!(
                "{}{}{}",
                &current[..at],
                text.replace("\r\n", "\n"),
                &current[at..]
            );
            let mut lines: Vec<String> = combined.split('\n').map(str::to_string).collect();
            let last = lines.pop().unwrap_or_default();
            input.set_value(&last);
            value.set(last);
            on_run.emit(lines);
        })
    };

    let on_keydown = {
        let value = value.clone();
        let history_pos = history_pos.clone();
        let props_busy = props.busy;
        let props_live = props.live;
        let on_run = props.on_run.clone();
        let on_interrupt = props.on_interrupt.clone();
        let on_clear = props.on_clear.clone();
        let on_complete = props.on_complete.clone();
        let history = props.history.clone();
        let search = search.clone();
        Callback::from(move |e: KeyboardEvent| {
            if props_busy {
                e.prevent_default();
                // A command running on (`kubectl get -w`) stops at Ctrl+C.
                if props_live && e.ctrl_key() && e.key().eq_ignore_ascii_case("c") {
                    on_interrupt.emit(String::new());
                }
                return;
            }
            if e.is_composing() {
                return;
            }
            let key = e.key();
            if matches!(
                key.as_str(),
                "Control" | "Shift" | "Alt" | "Meta" | "AltGraph" | "CapsLock"
            ) {
                // A modifier alone (the first half of Ctrl+R) changes nothing.
                return;
            }
            let input = e.target_dyn_into::<HtmlInputElement>();
            // Ctrl+R: reverse search through the history; keys edit the search until it ends.
            if let Some(s) = (*search).clone() {
                let hist = history.emit(());
                let ctrl = e.ctrl_key();
                let next = match key.as_str() {
                    "r" | "R" if ctrl => Some(s.older(&hist)),
                    "Backspace" => Some(s.edit_query(&hist, None)),
                    k if !ctrl && !e.alt_key() && !e.meta_key() && k.chars().count() == 1 => {
                        Some(s.edit_query(&hist, Some(k)))
                    }
                    _ => None,
                };
                if let Some(n) = next {
                    e.prevent_default();
                    let line = n.line(&hist).to_string();
                    if let Some(i) = &input {
                        i.set_value(&line);
                    }
                    value.set(line);
                    search.set(Some(n));
                    return;
                }
                search.set(None);
                match key.as_str() {
                    "g" | "G" if ctrl => {
                        // Ctrl+G: the search is abandoned, the line is as before.
                        e.prevent_default();
                        if let Some(i) = &input {
                            i.set_value(&s.original);
                        }
                        value.set(s.original.clone());
                        return;
                    }
                    "Escape" => {
                        e.prevent_default();
                        return;
                    }
                    // Anything else ends the search on the line found, then does its own job
                    // (Enter runs it).
                    _ => {}
                }
            }
            if e.ctrl_key() && key.eq_ignore_ascii_case("r") {
                e.prevent_default();
                search.set(Some(Search::start(&value)));
                return;
            }
            if let Some(edit) = readline::edit_for(&key, e.ctrl_key(), e.alt_key()) {
                let Some(i) = &input else { return };
                let text = i.value();
                // Ctrl+D on an empty line would end bash's session; here it does nothing.
                if edit == readline::Edit::DeleteChar && text.is_empty() {
                    e.prevent_default();
                    return;
                }
                e.prevent_default();
                let line = Line::new(&text, caret_bytes(i, &text)).apply(edit);
                show_line(i, &line);
                value.set(line.text);
                return;
            }
            match key.as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = e
                        .target_dyn_into::<HtmlInputElement>()
                        .map(|i| i.value())
                        .unwrap_or_else(|| (*value).clone());
                    value.set(String::new());
                    history_pos.set(None);
                    on_run.emit(vec![line]);
                }
                "Tab" => {
                    e.prevent_default();
                    let line = (*value).clone();
                    let completed = on_complete.emit(line);
                    value.set(completed);
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let hist = history.emit(());
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
                "l" | "L" if e.ctrl_key() => {
                    e.prevent_default();
                    on_clear.emit(());
                }
                "c" | "C" if e.ctrl_key() => {
                    // Ctrl+C with a selection copies, as the browser does; without one it
                    // abandons the line, as a terminal does.
                    let selected = e
                        .target_dyn_into::<HtmlInputElement>()
                        .and_then(|i| Some(i.selection_start().ok()?? != i.selection_end().ok()??))
                        .unwrap_or(false);
                    if selected {
                        return;
                    }
                    e.prevent_default();
                    on_interrupt.emit((*value).clone());
                    value.set(String::new());
                    history_pos.set(None);
                }
                _ => {}
            }
        })
    };

    let focus_input = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            // Clicking to select text in the scrollback must not lose the selection.
            let has_selection = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if has_selection {
                return;
            }
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };

    let empty = props.scrollback.0.is_empty();
    html! {
        <section class="terminal" onclick={focus_input} aria-label={i18n::t(props.lang, Msg::TerminalLabel)}>
            <div class="scrollback" data-testid="terminal-output" ref={output_ref} role="log" aria-live="polite">
                <Entries scrollback={props.scrollback.clone()} />
                <div class={classes!("input-line", props.busy.then_some("busy"))}>
                    <span class="prompt" data-testid="terminal-prompt">{
                        match (props.busy, &*search) {
                            (true, _) => String::new(),
                            (false, Some(s)) => s.prompt(),
                            (false, None) => props.prompt.clone(),
                        }
                    }</span>
                    <input
                        data-testid="terminal-input"
                        ref={input_ref}
                        type="text"
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck="false"
                        aria-label={i18n::t(props.lang, Msg::InputPlaceholder)}
                        placeholder={if empty { i18n::t(props.lang, Msg::InputPlaceholder) } else { "" }}
                        value={(*value).clone()}
                        oninput={on_input}
                        onkeydown={on_keydown}
                        onpaste={on_paste}
                    />
                </div>
                if !props.completions.is_empty() {
                    <div class="completions" data-testid="terminal-completions">
                        { props.completions.join("  ") }
                    </div>
                }
            </div>
        </section>
    }
}

//! The YAML editor pane: line numbers, colouring, marks on lines with a tab or a syntax
//! error, vi's modes (or plain editing), Save, Apply and Close.
//!
//! A transparent text area lies exactly over the coloured text, so typing, selection, the
//! clipboard and Korean input methods are the browser's own; keys with a meaning in the editor
//! go up as [`Key`]s and come back as a new buffer. The area is as tall and wide as the text,
//! and the pane scrolls both layers together.

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::ui::format::fill;
use crate::ui::highlight::{highlight, Span};
use crate::ui::state::EditorState;
use crate::ui::vi::{Key, Mode};
use crate::ui::yaml_check::DiagnosticKind;

/// Must match `--ed-line` in the style sheet.
const LINE_PX: i32 = 20;
/// Must match the code area's vertical padding.
const PAD_PX: i32 = 8;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub editor: Rc<EditorState>,
    /// The file as the learner typed it.
    pub name: String,
    /// A key: true if the editor used it (the browser must not).
    pub on_key: Callback<Key, bool>,
    /// The text area changed by itself: its text and caret (UTF-16).
    pub on_input: Callback<(String, usize)>,
    /// The caret moved by itself (a click, arrows while typing).
    pub on_caret: Callback<usize>,
    pub on_save: Callback<()>,
    pub on_apply: Callback<()>,
    pub on_close: Callback<()>,
}

/// Columns a line takes in a monospace font (wide Hangul and CJK take two).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\t' => 4,
            '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' => 2,
            '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' => 2,
            c if c > '\u{1f000}' => 2,
            _ => 1,
        })
        .sum()
}

/// One coloured line, with vi's block cursor at `cursor` (a column) in normal mode.
fn render_line(spans: &[Span], cursor: Option<usize>) -> Html {
    let mut out: Vec<Html> = Vec::with_capacity(spans.len() + 2);
    let mut pos = 0;
    for (class, text) in spans {
        let n = text.chars().count();
        match cursor {
            Some(c) if c >= pos && c < pos + n => {
                let at = c - pos;
                let before: String = text.chars().take(at).collect();
                let ch: String = text.chars().skip(at).take(1).collect();
                let after: String = text.chars().skip(at + 1).collect();
                if !before.is_empty() {
                    out.push(html! { <span class={class.css()}>{ before }</span> });
                }
                out.push(
                    html! { <span class={classes!(class.css(), "cursor-block")}>{ ch }</span> },
                );
                if !after.is_empty() {
                    out.push(html! { <span class={class.css()}>{ after }</span> });
                }
            }
            _ => out.push(html! { <span class={class.css()}>{ text.clone() }</span> }),
        }
        pos += n;
    }
    if let Some(c) = cursor {
        if c >= pos {
            out.push(html! { <span class="cursor-block">{ " " }</span> });
        }
    }
    out.into_iter().collect()
}

fn selection(ta: &HtmlTextAreaElement) -> (usize, usize) {
    let start = ta.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = ta.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
    (start, end)
}

#[function_component(Editor)]
pub fn editor(props: &Props) -> Html {
    let lang = props.lang;
    let t = |m| i18n::t(lang, m);
    let ta_ref = use_node_ref();
    let scroll_ref = use_node_ref();
    // The buffer state last put into the text area, so a render without a change leaves the
    // learner's own selection alone.
    let applied = use_mut_ref(|| None::<(u64, usize, usize, Mode)>);
    let composing = use_mut_ref(|| false);
    let e = &props.editor;
    let b = &e.buffer;
    let text = b.text();

    // Put the buffer's text and cursor into the text area, and keep the cursor line in view.
    {
        let ta_ref = ta_ref.clone();
        let scroll_ref = scroll_ref.clone();
        let applied = applied.clone();
        let composing = composing.clone();
        let text = text.clone();
        let key = (b.version, b.row, b.col, b.mode);
        let caret = b.caret() as u32;
        let row = b.row as i32;
        use_effect(move || {
            if *composing.borrow() {
                return;
            }
            let Some(ta) = ta_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let mut forced = false;
            if ta.value() != text {
                ta.set_value(&text);
                forced = true;
            }
            let mut last = applied.borrow_mut();
            if *last != Some(key) || forced {
                *last = Some(key);
                if selection(&ta) != (caret as usize, caret as usize) {
                    let _ = ta.set_selection_range(caret, caret);
                }
                if let Some(sc) = scroll_ref.cast::<web_sys::Element>() {
                    let y = row * LINE_PX + PAD_PX;
                    let top = sc.scroll_top();
                    let h = sc.client_height();
                    if y < top {
                        sc.set_scroll_top((y - LINE_PX).max(0));
                    } else if y + 2 * LINE_PX > top + h {
                        sc.set_scroll_top(y + 3 * LINE_PX - h);
                    }
                }
            }
        });
    }
    // The keyboard goes to the editor when it opens.
    {
        let ta_ref = ta_ref.clone();
        use_effect_with((), move |_| {
            if let Some(ta) = ta_ref.cast::<HtmlTextAreaElement>() {
                let _ = ta.focus();
            }
        });
    }

    let on_keydown = {
        let on_key = props.on_key.clone();
        let composing = composing.clone();
        Callback::from(move |ev: KeyboardEvent| {
            if ev.is_composing() || ev.key_code() == 229 {
                return;
            }
            *composing.borrow_mut() = false;
            let Some(ta) = ev.target_dyn_into::<HtmlTextAreaElement>() else {
                return;
            };
            let key = Key {
                key: ev.key(),
                ctrl: ev.ctrl_key() || ev.meta_key(),
                shift: ev.shift_key(),
                alt: ev.alt_key(),
                selection: Some(selection(&ta)),
            };
            if on_key.emit(key) {
                ev.prevent_default();
            }
        })
    };
    let on_input = {
        let on_input = props.on_input.clone();
        let composing = composing.clone();
        Callback::from(move |ev: InputEvent| {
            // While an input method composes (Hangul), the text area is left alone.
            *composing.borrow_mut() = ev.is_composing();
            if let Some(ta) = ev.target_dyn_into::<HtmlTextAreaElement>() {
                on_input.emit((ta.value(), selection(&ta).0));
            }
        })
    };
    let caret_moved = {
        let on_caret = props.on_caret.clone();
        move |target: Option<HtmlTextAreaElement>| {
            if let Some(ta) = target {
                on_caret.emit(selection(&ta).0);
            }
        }
    };
    let on_keyup = {
        let caret_moved = caret_moved.clone();
        Callback::from(move |ev: KeyboardEvent| {
            if matches!(
                ev.key().as_str(),
                "ArrowLeft"
                    | "ArrowRight"
                    | "ArrowUp"
                    | "ArrowDown"
                    | "Home"
                    | "End"
                    | "PageUp"
                    | "PageDown"
            ) {
                caret_moved(ev.target_dyn_into::<HtmlTextAreaElement>());
            }
        })
    };
    let on_mouseup = {
        let caret_moved = caret_moved.clone();
        Callback::from(move |ev: MouseEvent| {
            caret_moved(ev.target_dyn_into::<HtmlTextAreaElement>())
        })
    };
    // Buttons give the keyboard back to the text.
    let button = |cb: &Callback<()>| {
        let cb = cb.clone();
        let ta_ref = ta_ref.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(());
            if let Some(ta) = ta_ref.cast::<HtmlTextAreaElement>() {
                let _ = ta.focus();
            }
        })
    };
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // A click on a problem puts the cursor at the start of its line.
    let goto_line = |line: usize| {
        let offset: usize = b
            .lines
            .iter()
            .take(line.saturating_sub(1))
            .map(|l| l.encode_utf16().count() + 1)
            .sum();
        let on_caret = props.on_caret.clone();
        let ta_ref = ta_ref.clone();
        Callback::from(move |_: MouseEvent| {
            on_caret.emit(offset);
            if let Some(ta) = ta_ref.cast::<HtmlTextAreaElement>() {
                let _ = ta.focus();
            }
        })
    };

    // Marks by line.
    let mut marks: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for d in e.diagnostics.iter() {
        let what = match d.kind {
            DiagnosticKind::Tab => t(Msg::EditorTab).to_string(),
            DiagnosticKind::Syntax => format!("{}: {}", t(Msg::EditorSyntax), d.message),
        };
        marks.entry(d.line).or_default().push(what);
    }
    let lines = highlight(&b.lines);
    let normal = b.vi && b.mode != Mode::Insert;
    let width_ch = b.lines.iter().map(|l| display_width(l)).max().unwrap_or(0) + 4;
    let height_px = b.lines.len() as i32 * LINE_PX + 2 * PAD_PX + LINE_PX;
    let status: Html = match (b.mode, &b.message) {
        (Mode::Command, _) => {
            html! { <span class="cmdline">{ format!(":{}", b.cmdline) }<span class="cmd-caret">{ " " }</span></span> }
        }
        (Mode::Search, _) => {
            html! { <span class="cmdline">{ format!("/{}", b.cmdline) }<span class="cmd-caret">{ " " }</span></span> }
        }
        (_, Some(m)) => {
            html! { <span class={classes!("msg", m.error.then_some("error"))} data-testid="editor-message">{ &m.text }</span> }
        }
        (Mode::Insert, None) if b.vi => html! { <span class="mode">{ "-- INSERT --" }</span> },
        _ => html! {},
    };
    html! {
        <section class={classes!("pane", "editor", normal.then_some("normal-mode"))} data-testid="editor" data-mode={format!("{:?}", b.mode).to_lowercase()}>
            <header class="pane-head">
                <h2>
                    <span class="file" data-testid="editor-file">{ &props.name }</span>
                    if b.modified { <span class="modified" title={t(Msg::EditorModified)}>{ " [+]" }</span> }
                </h2>
                <span class="hint">{ t(if b.vi { Msg::EditorViHint } else { Msg::EditorPlainHint }) }</span>
                <button class="btn" data-testid="editor-save" onclick={button(&props.on_save)}>{ t(Msg::EditorSave) }</button>
                <button class="btn primary" data-testid="editor-apply" onclick={button(&props.on_apply)}>{ t(Msg::EditorApply) }</button>
                <button class="btn" data-testid="editor-close" onclick={on_close}>{ t(Msg::Close) }</button>
            </header>
            <div class="editor-scroll" ref={scroll_ref}>
                <div class="editor-grid" style={format!("height: {height_px}px")}>
                    <div class="gutter" aria-hidden="true">
                        { for (1..=b.lines.len()).map(|n| match marks.get(&n) {
                            Some(m) => html! {
                                <div class="ln has-mark" data-testid="editor-error" data-line={n.to_string()} title={m.join("\n")}>{ n }</div>
                            },
                            None => html! { <div class="ln">{ n }</div> },
                        }) }
                    </div>
                    <div class="code" style={format!("min-width: calc({width_ch}ch + 24px)")}>
                        <div class="highlight" aria-hidden="true">
                            { for lines.iter().enumerate().map(|(i, spans)| {
                                let cursor = (normal && i == b.row).then_some(b.col);
                                html! {
                                    <div class={classes!("hl-line", marks.contains_key(&(i + 1)).then_some("marked"), (i == b.row).then_some("current"))}>
                                        { render_line(spans, cursor) }
                                    </div>
                                }
                            }) }
                        </div>
                        <textarea
                            ref={ta_ref.clone()}
                            class="input"
                            data-testid="editor-text"
                            aria-label={format!("{} {}", t(Msg::EditorLabel), props.name)}
                            spellcheck="false"
                            autocomplete="off"
                            autocapitalize="off"
                            wrap="off"
                            onkeydown={on_keydown}
                            onkeyup={on_keyup}
                            oninput={on_input}
                            onmouseup={on_mouseup}
                        />
                    </div>
                </div>
            </div>
            <footer class="statusline">
                { status }
                <span class="pos">{ b.position() }</span>
            </footer>
            if e.confirm_close {
                <p class="confirm" role="alert">{ t(Msg::EditorUnsaved) }</p>
            }
            if !marks.is_empty() {
                <ul class="problems">
                    { for marks.iter().map(|(line, msgs)| html! {
                        <li>
                            <button class="where" onclick={goto_line(*line)}>{ fill(t(Msg::EditorLine), &[("line", &line.to_string())]) }</button>
                            { msgs.join(" · ") }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

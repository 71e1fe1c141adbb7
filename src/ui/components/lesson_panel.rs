//! The lesson panel: the lesson list, then a lesson's steps — instructions, commands that run in
//! the terminal on a click, hints, the solution, and checks that turn ✓ as the cluster gets
//! there. Checks are evaluated by the runner after every command and clock tick.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::lessons::markdown::{self, Block, Inline};
use crate::lessons::{self, Lesson, Progress, Step};
use crate::ui::state::LessonPanel as PanelState;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub panel: Rc<PanelState>,
    pub progress: Rc<Progress>,
    /// A command is running (a `sleep`): Run buttons wait.
    pub busy: bool,
    /// Shows a lesson at a step (0-based), or the list with None.
    pub on_show: Callback<(Option<String>, usize)>,
    /// Starts (or restarts) a lesson at a step on a fresh cluster.
    pub on_start: Callback<(String, usize)>,
    pub on_run: Callback<Vec<String>>,
    pub on_instructor: Callback<bool>,
    pub on_close: Callback<()>,
    /// A fresh cluster, with no lesson.
    pub on_reset_cluster: Callback<()>,
    /// Lesson files picked or dropped: (path as the browser gives it, text).
    pub on_folder: Callback<Vec<(String, String)>>,
}

/// Reads the text of every file in a list (a folder picked or files dropped), then hands them
/// on.
fn read_files(files: web_sys::FileList, done: Callback<Vec<(String, String)>>) {
    let list: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    yew::platform::spawn_local(async move {
        let mut out = Vec::new();
        for f in list.into_iter().take(crate::lessons::FOLDER_MAX_FILES + 1) {
            // `webkitRelativePath` (`99-my-lesson/lesson.yaml`) when a folder was picked.
            let relative = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let path = if relative.is_empty() {
                f.name()
            } else {
                relative
            };
            let text = wasm_bindgen_futures::JsFuture::from(f.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            out.push((path, text));
        }
        done.emit(out);
    });
}

fn inline_html(parts: &[Inline]) -> Html {
    html! {
        { for parts.iter().map(|p| match p {
            Inline::Text(t) => html! { { t.clone() } },
            Inline::Code(t) => html! { <code>{ t.clone() }</code> },
            Inline::Bold(t) => html! { <strong>{ t.clone() }</strong> },
            Inline::Emphasis(t) => html! { <em>{ t.clone() }</em> },
        }) }
    }
}

fn level_name(lang: Lang, level: &str) -> &'static str {
    match level {
        "beginner" => i18n::t(lang, Msg::LessonBeginner),
        "advanced" => i18n::t(lang, Msg::LessonAdvanced),
        _ => i18n::t(lang, Msg::LessonIntermediate),
    }
}

/// Markdown blocks as elements; code blocks get a Run button unless the lesson marks a line
/// of theirs unavailable.
fn blocks_html(
    lang: Lang,
    lesson: &Lesson,
    blocks: &[Block],
    runnable: bool,
    busy: bool,
    on_run: &Callback<Vec<String>>,
) -> Html {
    html! {
        { for blocks.iter().map(|b| match b {
            Block::Heading(level, parts) => match level {
                1 | 2 => html! { <h4>{ inline_html(parts) }</h4> },
                _ => html! { <h5>{ inline_html(parts) }</h5> },
            },
            Block::Paragraph(parts) => html! { <p>{ inline_html(parts) }</p> },
            Block::List { ordered: true, items } => html! {
                <ol>{ for items.iter().map(|i| html! { <li>{ inline_html(i) }</li> }) }</ol>
            },
            Block::List { ordered: false, items } => html! {
                <ul>{ for items.iter().map(|i| html! { <li>{ inline_html(i) }</li> }) }</ul>
            },
            Block::Table { head, rows } => html! {
                <table>
                    <thead><tr>{ for head.iter().map(|c| html! { <th>{ inline_html(c) }</th> }) }</tr></thead>
                    <tbody>{ for rows.iter().map(|r| html! {
                        <tr>{ for r.iter().map(|c| html! { <td>{ inline_html(c) }</td> }) }</tr>
                    }) }</tbody>
                </table>
            },
            Block::Code { lines, .. } => {
                let unavailable = lines.iter().any(|l| lessons::is_unavailable(lesson, l));
                let run = {
                    let on_run = on_run.clone();
                    let lines: Vec<String> = lines
                        .iter()
                        .filter(|l| !l.trim().is_empty())
                        .cloned()
                        .collect();
                    Callback::from(move |_: MouseEvent| on_run.emit(lines.clone()))
                };
                html! {
                    <div class="code-block">
                        <pre><code>{ lines.join("\n") }</code></pre>
                        if runnable {
                            if unavailable {
                                <span class="unavailable">{ i18n::t(lang, Msg::LessonUnavailable) }</span>
                            } else {
                                <button class="run" data-testid="lesson-run" disabled={busy}
                                    title={i18n::t(lang, Msg::LessonRunning)} onclick={run}>
                                    { "▶ " }{ i18n::t(lang, Msg::LessonRun) }
                                </button>
                            }
                        }
                    </div>
                }
            }
        }) }
    }
}

#[derive(Properties, PartialEq)]
struct StepProps {
    lang: Lang,
    /// The lesson's id.
    lesson: String,
    index: usize,
    checks: Option<Rc<Vec<lessons::CheckResult>>>,
    done: bool,
    /// Instructor view: the solution is open, and nothing runs.
    instructor: bool,
    busy: bool,
    on_run: Callback<Vec<String>>,
}

#[function_component(StepView)]
fn step_view(props: &StepProps) -> Html {
    let lang = props.lang;
    let Some(lesson) = lessons::find(&props.lesson) else {
        return html! {};
    };
    let Some(step) = lesson.steps.get(props.index) else {
        return html! {};
    };
    let step: &Step = step;
    let text = step.text(lang);
    let blocks = markdown::parse(&text.instructions);
    let runnable = !props.instructor;
    html! {
        <section class={classes!("lesson-step", props.done.then_some("done"))}
            data-testid="lesson-step" data-step={step.id.clone()}>
            <h3>
                <span class="step-no">{ format!("{} {}/{}", i18n::t(lang, Msg::LessonStepOf), props.index + 1, lesson.steps.len()) }</span>
                { " " }{ step.title.get(lang) }
                if props.done { <span class="done-mark" aria-label={i18n::t(lang, Msg::LessonDone)}>{ " ✓" }</span> }
            </h3>
            { blocks_html(lang, lesson, &blocks, runnable, props.busy, &props.on_run) }
            { for text.hints.iter().map(|h| html! {
                <details class="hint">
                    <summary>{ i18n::t(lang, Msg::LessonHint) }</summary>
                    { blocks_html(lang, lesson, &markdown::parse(h), runnable, props.busy, &props.on_run) }
                </details>
            }) }
            if !step.solution.is_empty() {
                <details class="solution" open={props.instructor}>
                    <summary>{ i18n::t(lang, Msg::LessonSolution) }</summary>
                    <pre><code>{ step.solution.join("\n") }</code></pre>
                </details>
            }
            if let Some(checks) = &props.checks {
                <div class="checks">
                    <h4>{ i18n::t(lang, Msg::LessonChecks) }</h4>
                    <ul>
                        { for checks.iter().map(|c| html! {
                            <li data-testid="lesson-check" data-passed={c.passed.to_string()}
                                class={if c.passed { "passed" } else { "pending" }}>
                                <span class="mark" aria-hidden="true">{ if c.passed { "✓" } else { "○" } }</span>
                                { c.label.clone() }
                            </li>
                        }) }
                    </ul>
                    if !checks.is_empty() && checks.iter().all(|c| c.passed) {
                        <p class="all-done" role="status">{ i18n::t(lang, Msg::LessonAllDone) }</p>
                    }
                </div>
            }
        </section>
    }
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &Props) -> Html {
    let lang = props.lang;
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let pick = {
        let done = props.on_folder.clone();
        Callback::from(move |e: Event| {
            let input: Option<web_sys::HtmlInputElement> = e.target_dyn_into();
            if let Some(files) = input.and_then(|i| i.files()) {
                read_files(files, done.clone());
            }
        })
    };
    let reset_cluster = {
        let cb = props.on_reset_cluster.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let done = props.on_folder.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                if files.length() > 0 {
                    read_files(files, done.clone());
                }
            }
        })
    };
    let Some(lesson) = props.panel.lesson.as_deref().and_then(lessons::find) else {
        // The list; a lesson folder can be picked or dropped here.
        return html! {
            <aside class="lesson-panel" data-testid="lesson-panel" aria-label={i18n::t(lang, Msg::LessonsTitle)}
                ondragover={ondragover} ondrop={ondrop}>
                <header>
                    <h2>{ i18n::t(lang, Msg::LessonsTitle) }</h2>
                    <button class="close" onclick={close} aria-label={i18n::t(lang, Msg::Close)}>{ "×" }</button>
                </header>
                <ol class="lesson-list">
                    { for lessons::all().iter().chain(lessons::extra()).map(|l| {
                        let done = (0..l.steps.len()).filter(|&i| props.progress.is_done(l, i)).count();
                        let start = {
                            let cb = props.on_start.clone();
                            let id = l.id.clone();
                            Callback::from(move |_: MouseEvent| cb.emit((id.clone(), 0)))
                        };
                        html! {
                            <li>
                                <button data-testid="lesson-item" data-id={l.id.clone()} onclick={start}>
                                    <span class="title">{ l.title.get(lang) }</span>
                                    <span class="meta">
                                        { format!("{} · {} {} · {}/{}", level_name(lang, &l.level), l.minutes, i18n::t(lang, Msg::LessonMinutes), done, l.steps.len()) }
                                    </span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
                <button class="reset-cluster" data-testid="cluster-reset" onclick={reset_cluster}>
                    { i18n::t(lang, Msg::ClusterReset) }
                </button>
                <label class="load-folder">
                    { i18n::t(lang, Msg::LessonLoadFolder) }
                    <input type="file" multiple=true webkitdirectory=true data-testid="lesson-folder-input" onchange={pick} />
                </label>
                <p class="drop-hint">{ i18n::t(lang, Msg::LessonDropHint) }</p>
            </aside>
        };
    };
    let step = props.panel.step.min(lesson.steps.len().saturating_sub(1));
    let show = |target: usize| {
        let cb = props.on_show.clone();
        let id = lesson.id.clone();
        Callback::from(move |_: MouseEvent| cb.emit((Some(id.clone()), target)))
    };
    let back = {
        let cb = props.on_show.clone();
        Callback::from(move |_: MouseEvent| cb.emit((None, 0)))
    };
    let reset = {
        let cb = props.on_start.clone();
        let id = lesson.id.clone();
        Callback::from(move |_: MouseEvent| cb.emit((id.clone(), step)))
    };
    let restart = {
        let cb = props.on_start.clone();
        let id = lesson.id.clone();
        Callback::from(move |_: MouseEvent| cb.emit((id.clone(), 0)))
    };
    let instructor = {
        let cb = props.on_instructor.clone();
        let on = !props.panel.instructor;
        Callback::from(move |_: MouseEvent| cb.emit(on))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let last = lesson.steps.len().saturating_sub(1);
    html! {
        <aside class={classes!("lesson-panel", props.panel.instructor.then_some("instructor"))}
            data-testid="lesson-panel" data-lesson={lesson.id.clone()} aria-label={i18n::t(lang, Msg::LessonsTitle)}>
            <header>
                <button class="back" onclick={back}>{ "← " }{ i18n::t(lang, Msg::LessonBack) }</button>
                <label class="instructor-toggle">
                    <input type="checkbox" checked={props.panel.instructor} onclick={instructor} />
                    { i18n::t(lang, Msg::LessonInstructor) }
                </label>
                <button class="print" onclick={print}>{ i18n::t(lang, Msg::LessonPrint) }</button>
                <button class="close" onclick={close} aria-label={i18n::t(lang, Msg::Close)}>{ "×" }</button>
            </header>
            <h2>{ lesson.title.get(lang) }</h2>
            <nav class="step-pills" aria-label={i18n::t(lang, Msg::LessonStepOf)}>
                { for (0..lesson.steps.len()).map(|i| html! {
                    <button class={classes!(
                            (i == step).then_some("current"),
                            props.progress.is_done(lesson, i).then_some("done"))}
                        aria-current={(i == step).then_some("step")}
                        onclick={show(i)}>{ i + 1 }</button>
                }) }
            </nav>
            if props.panel.instructor {
                { for (0..lesson.steps.len()).map(|i| html! {
                    <StepView lang={lang} lesson={lesson.id.clone()} index={i} checks={None::<Rc<Vec<lessons::CheckResult>>>}
                        done={props.progress.is_done(lesson, i)} instructor={true} busy={props.busy}
                        on_run={props.on_run.clone()} />
                }) }
            } else {
                <StepView lang={lang} lesson={lesson.id.clone()} index={step} checks={Some(props.panel.checks.clone())}
                    done={props.progress.is_done(lesson, step)} instructor={false} busy={props.busy}
                    on_run={props.on_run.clone()} />
                <footer class="step-nav">
                    <button class="prev" disabled={step == 0} onclick={show(step.saturating_sub(1))}>{ "← " }{ i18n::t(lang, Msg::LessonPrev) }</button>
                    <button class="reset" data-testid="lesson-reset" onclick={reset}>{ i18n::t(lang, Msg::LessonReset) }</button>
                    <button class="restart" data-testid="lesson-restart" onclick={restart}>{ i18n::t(lang, Msg::LessonRestart) }</button>
                    <button class="next" data-testid="lesson-next" disabled={step >= last} onclick={show((step + 1).min(last))}>{ i18n::t(lang, Msg::LessonNext) }{ " →" }</button>
                </footer>
            }
        </aside>
    }
}

//! wasm-bindgen tests in headless Chromium: the core runs in the browser's wasm engine, and the
//! Yew app mounts with its stable test hooks.
#![cfg(target_arch = "wasm32")]

use kube_playground::session::Session;
use kube_playground::shell::TermChunk;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn text(chunks: &[TermChunk]) -> String {
    chunks
        .iter()
        .map(|c| match c {
            TermChunk::Out(s) | TermChunk::Err(s) => s.as_str(),
            TermChunk::Clear => "",
        })
        .collect()
}

#[wasm_bindgen_test]
fn session_answers_kubectl_in_the_browser() {
    let mut s = Session::new(0);
    let out = text(&s.run_line("kubectl get nodes").result.output);
    assert!(
        out.starts_with("NAME           STATUS   ROLES           AGE   VERSION\n"),
        "{out}"
    );
    assert!(out.contains("node01         Ready    <none>"), "{out}");
    let out = text(&s.run_line("kubectl run nginx --image=nginx").result.output);
    assert_eq!(out, "pod/nginx created\n");
    s.tick(10_000);
    let out = text(&s.run_line("kubectl get pods").result.output);
    assert!(
        out.contains("nginx   1/1     Running   0          10s"),
        "{out}"
    );
}

#[wasm_bindgen_test]
fn same_seed_same_output_in_the_browser() {
    let run = || {
        let mut s = Session::new(7);
        text(&s.run_line("kubectl get pods -A").result.output)
    };
    assert_eq!(run(), run());
}

mod page {
    use gloo_timers::future::TimeoutFuture;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{HtmlInputElement, InputEvent, InputEventInit, KeyboardEvent, KeyboardEventInit};

    fn document() -> web_sys::Document {
        web_sys::window()
            .and_then(|w| w.document())
            .expect("a document")
    }

    fn query(selector: &str) -> Vec<web_sys::Element> {
        let list = document()
            .query_selector_all(selector)
            .expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .collect()
    }

    async fn type_line(line: &str) {
        let input: HtmlInputElement = query("[data-testid=terminal-input]")
            .pop()
            .expect("the input line")
            .dyn_into()
            .expect("an input element");
        input.set_value(line);
        let init = InputEventInit::new();
        init.set_bubbles(true);
        let ev = InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
        let _ = input.dispatch_event(&ev);
        TimeoutFuture::new(10).await;
        let init = KeyboardEventInit::new();
        init.set_key("Enter");
        init.set_bubbles(true);
        let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("a key event");
        let _ = input.dispatch_event(&ev);
        TimeoutFuture::new(50).await;
    }

    #[wasm_bindgen_test]
    async fn the_page_runs_a_command_and_shows_its_output() {
        let root = document().create_element("div").expect("a div");
        document()
            .body()
            .expect("a body")
            .append_child(&root)
            .expect("appended");
        yew::Renderer::<kube_playground::ui::App>::with_root(root).render();
        TimeoutFuture::new(100).await;
        assert_eq!(query("[data-testid=terminal-input]").len(), 1);
        assert!(query("[data-testid=terminal-output]").len() == 1);
        type_line("kubectl get ns").await;
        let entries = query("[data-testid=terminal-entry]");
        assert_eq!(entries.len(), 1);
        let text = entries[0].text_content().unwrap_or_default();
        assert!(text.contains("kube-system       Active"), "{text}");
        type_line("nosuchcommand").await;
        let entries = query("[data-testid=terminal-entry]");
        let text = entries
            .last()
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        assert!(text.contains("nosuchcommand: command not found"), "{text}");
    }
}

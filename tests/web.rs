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

//! The web entry point: Trunk builds this binary for wasm32 and it renders the Yew app.

#[cfg(target_arch = "wasm32")]
fn main() {
    kube_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kube-playground-web is the browser build; run `kube-playground` for the terminal.");
    std::process::exit(2);
}

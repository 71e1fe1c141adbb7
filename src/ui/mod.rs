//! The web page (Yew): a terminal, a YAML editor, the live cluster view, "what happened" and
//! the time controls, in Korean and English. The only layer that touches the browser: it
//! drives a `Session` and shows what it returns.
//!
//! The models are plain Rust, built and tested natively: `state` (the one reducer), `vi` (the
//! editor's buffer and keys), `yaml_check` and `highlight` (what the editor marks and colours),
//! `snapshot` (the cluster view), `story` ("what happened"), `templates`, `format`. The Yew side
//! (wasm32 only): `app` (the root and the shared session), `runner` (everything that talks to
//! the session), `hooks` (the one clock interval, the only place real time enters the app) and
//! `components`, one per file.

pub mod format;
pub mod highlight;
pub mod readline;
pub mod snapshot;
pub mod state;
pub mod story;
pub mod templates;
pub mod vi;
pub mod yaml_check;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod runner;

#[cfg(target_arch = "wasm32")]
pub use app::{start, App, SharedSession};

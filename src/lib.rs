//! Kube Playground: a Kubernetes cluster simulated in plain Rust.
//!
//! The core (everything but `ui`) has no web dependency and no wall clock: it builds and tests
//! natively. See `ARCHITECTURE.md` for the map.

// API errors (`Status`) carry a message and causes; they are cold paths, so their size is fine.
#![allow(clippy::result_large_err)]

pub mod i18n;
pub mod kubectl;
pub mod lessons;
pub mod printers;
pub mod session;
pub mod shell;
pub mod sim;
pub mod sorting;
pub mod vfs;

/// The page. Its models (editor buffer, cluster view, "what happened") are plain Rust and are
/// tested natively; the Yew components in it build for wasm32 only.
pub mod ui;

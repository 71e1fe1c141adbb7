//! The page's components, one per file. Props down, callbacks up: none of them holds the
//! session; they show state and report what the learner did.

pub mod cluster_view;
pub mod editor;
pub mod lesson_panel;
pub mod new_manifest;
pub mod playground_menu;
pub mod pod_detail;
pub mod prefs;
pub mod splitter;
pub mod terminal;
pub mod time_controls;
pub mod topbar;
pub mod what_happened;

//! Printers turn API objects into the text kubectl prints: tables, ages, YAML and JSON.
//! They know objects only, never the cluster.

pub mod age;
pub mod custom_columns;
pub mod describe;
pub mod get;
pub mod gosort;
pub mod gotemplate;
pub mod json;
pub mod jsonpath;
pub use crate::sim::quantity;
pub mod tabwriter;
pub mod yaml;

//! Server-side field validation as kubectl v1.31 asks for it: `--validate=strict` (the default,
//! also `true`) sends `fieldValidation=Strict`, `warn` sends `Warn` (unknown fields come back as
//! `Warning: unknown field "…"` lines on stderr), `ignore`/`false` sends `Ignore`. Type errors
//! fail the request in every mode, as decoding does.

use super::flags::Parsed;
use crate::shell::Io;
use crate::sim::apiserver::Status;
use crate::sim::resources::ResourceType;
use crate::sim::schema::{self, FieldValidation};
use serde_json::Value;

/// The mode the `--validate` flag asks for (an invalid value is rejected earlier by
/// `builder::validate_flag`; here it counts as strict).
pub fn mode(p: &Parsed) -> FieldValidation {
    match p.get_string("validate").to_ascii_lowercase().as_str() {
        "false" | "ignore" => FieldValidation::Ignore,
        "warn" => FieldValidation::Warn,
        _ => FieldValidation::Strict,
    }
}

/// Runs the API server's decoding of `obj`: prints warnings, or returns the BadRequest.
pub fn check(
    io: &mut Io,
    rt: &ResourceType,
    obj: &Value,
    mode: FieldValidation,
) -> Result<(), Status> {
    match schema::decode(rt.kind, obj, mode) {
        Ok(warnings) => {
            for w in warnings {
                io.err(format!("Warning: {w}\n"));
            }
            Ok(())
        }
        Err(msg) => Err(Status::bad_request(msg)),
    }
}

/// `kubectl patch` sends no `fieldValidation`, so the server's default, Warn, applies to what the
/// patch adds: new unknown fields come back as warnings, a new type error fails the request.
pub fn check_patch(
    io: &mut Io,
    rt: &ResourceType,
    before: &Value,
    after: &Value,
) -> Result<(), Status> {
    let old = schema::decode(rt.kind, before, FieldValidation::Warn);
    match schema::decode(rt.kind, after, FieldValidation::Warn) {
        Ok(warnings) => {
            let old = old.unwrap_or_default();
            for w in warnings.into_iter().filter(|w| !old.contains(w)) {
                io.err(format!("Warning: {w}\n"));
            }
            Ok(())
        }
        Err(msg) if old.as_ref().err() != Some(&msg) => Err(Status::bad_request(msg)),
        Err(_) => Ok(()),
    }
}

//! YAML and JSON manifests as `kubectl apply -f` reads them: documents, errors, never a crash.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = kube_playground::kubectl::manifest::decode_stream(&text);
    let _ = kube_playground::kubectl::manifest::yaml_to_json(&text);
    let _ = kube_playground::kubectl::manifest::json_syntax_error(&text);
});

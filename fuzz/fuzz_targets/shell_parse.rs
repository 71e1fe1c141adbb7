//! Shell lexing and parsing of any input line: an error or a parse tree, never a crash.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let _ = kube_playground::shell::lex::lex(&line);
    let _ = kube_playground::shell::parse::parse(&line, &Default::default());
});

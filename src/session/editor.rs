//! Text editors typed at the prompt: `vi`, `vim`, `nano`.
//!
//! The web page has an editor pane, so there the command only records an [`EditorRequest`]
//! (which file, which editor) and the page opens it after the line has run; the file is written
//! when the learner saves. The native runner has no screen to draw an editor on, so there the
//! command answers as the real editor does when its output is not a terminal and its input
//! ends at once (`vim FILE < /dev/null > out`): Vim prints its two warnings, finds no input and
//! gives up with status 1; nano, a curses program, cannot open a terminal and exits 1. The file
//! is left as it was, as it would be.

use crate::shell::Io;
use crate::vfs::normalize;

/// The editors a session knows.
pub const EDITORS: &[&str] = &["vi", "vim", "nano"];

/// What `vi FILE` asks the page to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorRequest {
    /// `vi`, `vim` or `nano`: the page opens vi's modes for the first two.
    pub editor: String,
    /// The file, absolute; None for an editor started without one (`vi` alone).
    pub path: Option<String>,
}

impl EditorRequest {
    /// Reads the editor's arguments: options (`-R`, `+10`) are skipped, the first file is
    /// opened (the real editors queue the others; the pane edits one file at a time).
    pub fn from_argv(argv: &[String], cwd: &str) -> EditorRequest {
        let editor = argv.first().cloned().unwrap_or_default();
        let mut options_done = false;
        let mut path = None;
        for a in argv.iter().skip(1) {
            if !options_done && a == "--" {
                options_done = true;
                continue;
            }
            if !options_done && (a.starts_with('-') || a.starts_with('+')) && a.len() > 1 {
                continue;
            }
            path = Some(normalize(cwd, a));
            break;
        }
        EditorRequest { editor, path }
    }

    pub fn vi_keys(&self) -> bool {
        self.editor != "nano"
    }
}

/// What the editor prints without a terminal (see the module comment); returns its status.
pub fn without_terminal(editor: &str, io: &mut Io) -> i32 {
    if editor == "nano" {
        io.err("Error opening terminal: unknown.\n");
    } else {
        io.err(concat!(
            "Vim: Warning: Output is not to a terminal\n",
            "Vim: Warning: Input is not from a terminal\n",
            "Vim: Error reading input, exiting...\n",
            "Vim: Finished.\n",
        ));
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn the_first_file_is_opened_relative_to_the_working_directory() {
        let r = EditorRequest::from_argv(&argv("vim -R +3 pod.yaml other.yaml"), "/root");
        assert_eq!(r.path.as_deref(), Some("/root/pod.yaml"));
        assert!(r.vi_keys());
        let r = EditorRequest::from_argv(&argv("nano"), "/root");
        assert_eq!(r.path, None);
        assert!(!r.vi_keys());
        let r = EditorRequest::from_argv(&argv("vi -- -x"), "/tmp");
        assert_eq!(r.path.as_deref(), Some("/tmp/-x"));
    }
}

#[cfg(test)]
mod session_tests {
    use crate::session::Session;
    use crate::shell::TermChunk;

    fn run(s: &mut Session, line: &str) -> (String, i32) {
        let r = s.run_line(line).result;
        let text = r
            .output
            .iter()
            .filter_map(|c| match c {
                TermChunk::Out(t) | TermChunk::Err(t) => Some(t.as_str()),
                TermChunk::Clear => None,
            })
            .collect();
        (text, r.status)
    }

    #[test]
    fn without_a_pane_the_editors_answer_as_without_a_terminal() {
        let mut s = Session::new(0);
        let (out, status) = run(&mut s, "vim pod.yaml");
        assert_eq!(status, 1);
        assert!(
            out.starts_with("Vim: Warning: Output is not to a terminal\n"),
            "{out}"
        );
        assert_eq!(
            run(&mut s, "nano x").0,
            "Error opening terminal: unknown.\n"
        );
        assert_eq!(run(&mut s, "ls pod.yaml x").1, 2, "no file was written");
        assert_eq!(s.take_editor_request(), None);
    }

    #[test]
    fn with_a_pane_vi_asks_for_it() {
        let mut s = Session::new(0);
        s.editor_pane = true;
        assert_eq!(run(&mut s, "cd /tmp && vi pod.yaml"), (String::new(), 0));
        let r = s.take_editor_request().expect("a request");
        assert_eq!(r.path.as_deref(), Some("/tmp/pod.yaml"));
        assert_eq!(s.take_editor_request(), None, "taken once");
        assert_eq!(run(&mut s, "type vim").0, "vim is /usr/bin/vim\n");
    }
}

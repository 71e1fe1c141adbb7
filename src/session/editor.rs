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

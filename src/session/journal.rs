//! What was done in a session, in order, with the cluster time of each: the lines typed, the
//! files the editor wrote, Ctrl+C. Since the playground is deterministic, a fresh session with
//! the same seed (and lesson step) that replays the journal at the same times is the same
//! session: that is what a share link carries, a few hundred bytes instead of the whole cluster.
//! (Only the heartbeats in between — lease renewals, node status posts, written when the clock
//! moves — follow the clock's steps, so resourceVersions may differ.)

use serde::{Deserialize, Serialize};

use super::Session;
use crate::sim::clock::TimeMs;

/// The most entries a journal keeps; a longer session is shared by its state instead.
pub const MAX_ENTRIES: usize = 2_000;

/// One thing the learner did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entry {
    /// A line typed at the prompt (or a Run button's line).
    Line(String),
    /// The editor pane wrote a file on the terminal's node: (path, text).
    Write(String, String),
    /// Ctrl+C at the prompt.
    Interrupt,
}

/// Where a session started, and everything done since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub seed: u64,
    /// A built-in lesson and the step (0-based) the session started at.
    #[serde(default)]
    pub lesson: Option<(String, usize)>,
    #[serde(default)]
    pub entries: Vec<(TimeMs, Entry)>,
    /// False when the session cannot be rebuilt from it (restored from an older save, a lesson
    /// brought from a folder, too many entries).
    #[serde(default)]
    pub complete: bool,
}

impl Journal {
    pub fn new(seed: u64) -> Journal {
        Journal {
            seed,
            lesson: None,
            entries: Vec::new(),
            complete: true,
        }
    }

    pub fn record(&mut self, at: TimeMs, entry: Entry) {
        if !self.complete {
            return;
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.complete = false;
            self.entries = Vec::new();
            return;
        }
        self.entries.push((at, entry));
    }

    /// The session it describes, its clock moved on to `now`; None when it is incomplete or
    /// names a lesson this build does not have.
    pub fn replay(&self, now: TimeMs) -> Option<Session> {
        if !self.complete {
            return None;
        }
        let mut session = match &self.lesson {
            Some((id, step)) => {
                let lesson = crate::lessons::all().iter().find(|l| &l.id == id)?;
                if *step > lesson.steps.len() {
                    return None;
                }
                Session::for_lesson(lesson, *step, self.seed)
            }
            None => Session::new(self.seed),
        };
        for (at, entry) in &self.entries {
            let wait = at - session.cluster.now();
            if wait > 0 {
                session.tick(wait);
            }
            match entry {
                Entry::Line(line) => {
                    session.run_line(line);
                }
                Entry::Write(path, text) => {
                    let _ = session.write_file(path, text);
                }
                Entry::Interrupt => session.interrupt(),
            }
        }
        let wait = now - session.cluster.now();
        if wait > 0 {
            session.tick(wait);
        }
        Some(session)
    }
}

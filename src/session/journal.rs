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
/// The longest stretch of cluster time a journal replays (a week); beyond it, the state is
/// shared instead, so no link makes the page simulate months.
pub const MAX_REPLAY_MS: TimeMs = 7 * 24 * 3600 * 1000;

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
    /// Recorded in the page, where `kubectl get -w` runs on until Ctrl+C.
    #[serde(default)]
    pub live: bool,
    /// The cluster time the session started at.
    #[serde(default)]
    pub started_at: TimeMs,
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
            live: false,
            started_at: 0,
            complete: true,
        }
    }

    /// Whether `replay` can rebuild the session as of `now`.
    pub fn replayable(&self, now: TimeMs) -> bool {
        self.complete && now - self.started_at <= MAX_REPLAY_MS
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
        session.editor_pane = self.live;
        if now - session.cluster.now() > MAX_REPLAY_MS
            || self.entries.iter().any(|(at, _)| *at > now)
        {
            return None;
        }
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
        // The page that opens it sets its own.
        session.editor_pane = false;
        Some(session)
    }
}

/// The most a share link's fragment may hold (characters, after compression): longer links
/// break in chat tools and address bars.
pub const MAX_SHARE_LINK: usize = 60_000;

/// What a share link carries, before compression: the journal when it can rebuild the session
/// (small), the whole save otherwise; and the lesson step on screen.
pub fn share_payload(session: &Session, panel: Option<(String, usize)>) -> String {
    let body = if session.journal.replayable(session.cluster.now()) {
        serde_json::json!({
            "v": 1,
            "journal": session.journal,
            "now": session.cluster.now(),
            "panel": panel,
        })
    } else {
        let save: serde_json::Value = serde_json::from_str(&session.save()).unwrap_or_default();
        serde_json::json!({"v": 1, "save": save, "panel": panel})
    };
    body.to_string()
}

/// A shared session and the lesson step to show, from `share_payload`'s text.
pub fn open_share(payload: &str) -> Result<(Session, Option<(String, usize)>), String> {
    #[derive(Deserialize)]
    struct Payload {
        v: u32,
        #[serde(default)]
        journal: Option<Journal>,
        #[serde(default)]
        now: TimeMs,
        #[serde(default)]
        save: Option<serde_json::Value>,
        #[serde(default)]
        panel: Option<(String, usize)>,
    }
    let p: Payload = serde_json::from_str(payload).map_err(|e| e.to_string())?;
    if p.v != 1 {
        return Err(format!("format {}", p.v));
    }
    let session = match (p.journal, p.save) {
        (Some(j), _) => j
            .replay(p.now)
            .ok_or_else(|| "the lesson it starts from is not in this version".to_string())?,
        (None, Some(save)) => Session::load(&save.to_string()).map_err(|e| match e {
            super::LoadError::TooNew(v) => format!("format {v}"),
            super::LoadError::Corrupt(why) => why,
        })?,
        (None, None) => return Err("empty".into()),
    };
    Ok((session, p.panel))
}

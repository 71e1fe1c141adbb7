//! Lessons: a lesson is a sequence of steps, each with checks evaluated against the live cluster.
//! (The lesson files and the panel arrive with the lessons work; this is the model they load into.)

use serde::{Deserialize, Serialize};

/// One lesson as `lessons/<NN-slug>/lesson.yaml` describes it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Lesson {
    pub id: String,
    pub title_en: String,
    pub title_ko: String,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Step {
    pub commands: Vec<String>,
}

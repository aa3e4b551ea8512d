//! Lessons (*leerpunten*): what the organisation learns from a complaint.
//! Issue 7 builds the register; cases record them from the start.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::vocabulary! {
    /// At which level the lesson applies (SPEC §5).
    pub enum LessonLevel {
        /// This case: put right what went wrong for this citizen.
        Case = ("case", "Deze zaak"),
        /// How the work is done: a process, a letter, a system.
        Execution = ("execution", "Uitvoering"),
        /// The rules or policy themselves.
        Policy = ("policy", "Beleid"),
    }
}

crate::vocabulary! {
    /// Who should learn.
    pub enum Learner {
        Employee = ("employee", "De medewerker"),
        Team = ("team", "Het team"),
        PolicyOwner = ("policy_owner", "De beleidseigenaar"),
        OtherOrganisation = ("other_organisation", "Een andere organisatie"),
    }
}

/// A lesson drawn from a case. It also starts an entry in the lessons
/// register under the same id, where it gets its action, owner and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// The register entry's id; nil in lessons recorded before the register
    /// existed.
    #[serde(default)]
    pub id: Uuid,
    pub level: LessonLevel,
    pub learner: Learner,
    pub text: String,
    /// A positive lesson: an employee or team did well and hears so.
    #[serde(default)]
    pub positive: bool,
}

pub mod register;

//! Lessons (*leerpunten*): what the organisation learns from a complaint.
//! Issue 7 builds the register; cases record them from the start.

use serde::{Deserialize, Serialize};

/// At which level the lesson applies (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LessonLevel {
    /// This case: put right what went wrong for this citizen.
    Case,
    /// How the work is done: a process, a letter, a system.
    Execution,
    /// The rules or policy themselves.
    Policy,
}

impl LessonLevel {
    pub const ALL: [Self; 3] = [Self::Case, Self::Execution, Self::Policy];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Case => "case",
            Self::Execution => "execution",
            Self::Policy => "policy",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Case => "Deze zaak",
            Self::Execution => "Uitvoering",
            Self::Policy => "Beleid",
        }
    }
}

/// Who should learn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Learner {
    Employee,
    Team,
    PolicyOwner,
    OtherOrganisation,
}

impl Learner {
    pub const ALL: [Self; 4] = [Self::Employee, Self::Team, Self::PolicyOwner, Self::OtherOrganisation];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Employee => "employee",
            Self::Team => "team",
            Self::PolicyOwner => "policy_owner",
            Self::OtherOrganisation => "other_organisation",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Employee => "De medewerker",
            Self::Team => "Het team",
            Self::PolicyOwner => "De beleidseigenaar",
            Self::OtherOrganisation => "Een andere organisatie",
        }
    }
}

/// A lesson drawn from a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub level: LessonLevel,
    pub learner: Learner,
    pub text: String,
}

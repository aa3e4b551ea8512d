//! Escalation to a manager: when the handler needs a mandate, or a colleague
//! will not cooperate, the manager decides.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why the handler escalates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationReason {
    /// The solution needs a decision beyond the handler's mandate.
    Mandate,
    /// A colleague or department does not cooperate.
    NoCooperation,
    Other,
}

impl EscalationReason {
    pub const ALL: [Self; 3] = [Self::Mandate, Self::NoCooperation, Self::Other];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Mandate => "mandate",
            Self::NoCooperation => "no_cooperation",
            Self::Other => "other",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Mandate => "Ik heb mandaat nodig",
            Self::NoCooperation => "Een collega of afdeling werkt niet mee",
            Self::Other => "Anders",
        }
    }
}

/// A question to a manager and, once given, the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub id: Uuid,
    pub raised_at: Timestamp,
    pub raised_by: String,
    pub reason: EscalationReason,
    pub explanation: String,
    pub requested_decision: String,
    pub answer: Option<EscalationAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationAnswer {
    pub decision: String,
    pub by: String,
    pub at: Timestamp,
}

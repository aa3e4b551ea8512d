//! Escalation to a manager: when the handler needs a mandate, or a colleague
//! will not cooperate, the manager decides.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::vocabulary! {
    /// Why the handler escalates.
    pub enum EscalationReason {
        /// The solution needs a decision beyond the handler's mandate.
        Mandate = ("mandate", "Ik heb mandaat nodig"),
        /// A colleague or department does not cooperate.
        NoCooperation = ("no_cooperation", "Een collega of afdeling werkt niet mee"),
        Other = ("other", "Anders"),
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

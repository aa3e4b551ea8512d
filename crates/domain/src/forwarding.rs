//! Forwarding to the competent organisation (Awb 2:3) with a warm referral,
//! and the control question that closes a solved case (Awb 9:5).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::contact::ContactMethod;

/// Awb 2:3: a complaint meant for another body is sent on without delay,
/// with notice to the sender. The ombudsvisie asks for a *warm* referral:
/// a named contact person, and the citizen's agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarding {
    pub organisation: String,
    pub contact_person: String,
    pub citizen_agreed: bool,
    /// When the citizen was told (Awb 2:3 lid 1: notice to the sender).
    pub notice_sent_on: Option<Date>,
    /// The organisation keeps a part of the complaint and goes on with it.
    pub keeps_part: bool,
}

/// The answer to the control question after a solution (Awb 9:5: once the
/// complaint is met to the complainant's satisfaction, the formal duties
/// lapse).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControlAnswer {
    pub satisfied: bool,
    pub all_addressed: bool,
    pub how_asked: ContactMethod,
    /// Whether the citizen wants the outcome in a letter.
    pub wants_letter: bool,
    pub note: Option<String>,
}

impl ControlAnswer {
    /// Both questions answered with yes.
    #[must_use]
    pub const fn confirms_solution(&self) -> bool {
        self.satisfied && self.all_addressed
    }
}

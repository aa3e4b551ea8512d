//! Step 3 of the complaint ladder: the ombudsman (Awb titel 9.2).

use jiff::{Span, civil::Date};
use serde::{Deserialize, Serialize};

/// The organisation's competent ombudsman (Awb 9:17), as closing letters
/// name it. Kept in the organisation's settings.
pub const DEFAULT_OMBUDSMAN: &str = "de Nationale ombudsman";

/// Awb 9:24: the ombudsman need not investigate a request made more than
/// one year after the organisation ended its handling (the notice of
/// findings of Awb 9:12), so closing letters name the last day of that year.
///
/// ```
/// use gehoord_domain::ombudsman::ombudsman_term_end;
/// use jiff::civil::date;
/// assert_eq!(ombudsman_term_end(date(2026, 5, 4)), date(2027, 5, 4));
/// assert_eq!(ombudsman_term_end(date(2028, 2, 29)), date(2029, 2, 28));
/// ```
#[must_use]
pub fn ombudsman_term_end(notice_on: Date) -> Date {
    notice_on.checked_add(Span::new().years(1)).unwrap_or(Date::MAX)
}

/// The citizen took the complaint to the ombudsman, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanCase {
    pub ombudsman: String,
    pub requested_on: Date,
    /// The ombudsman's own reference.
    pub reference: Option<String>,
    pub conclusion: Option<OmbudsmanConclusion>,
}

/// The ombudsman's outcome and what the organisation does with it (Awb
/// 9:27 lid 3 and 9:36: the organisation reports how it follows up
/// recommendations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanConclusion {
    pub concluded_on: Date,
    pub outcome: String,
    pub recommendations: Option<String>,
    /// What the organisation does with the outcome and recommendations.
    pub response: String,
}

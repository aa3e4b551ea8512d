//! The people whose conduct the complaint is about (*beklaagden*), and the
//! impartiality rule of Awb 9:7.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An employee involved in the conduct complained about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    pub id: Uuid,
    /// The staff account, when the respondent has one; impartiality is
    /// checked against it.
    pub user_id: Option<Uuid>,
    pub name: String,
    pub department: Option<String>,
}

/// Awb 9:7 lid 1: a complaint is handled by a person who was not involved
/// in the conduct complained about. Lid 2: that does not apply when the
/// conduct is that of the body itself (or its chair or a member), which an
/// administrator marks on the case.
///
/// ```
/// use gehoord_domain::respondent::{Respondent, is_impartial};
/// let jan = uuid::Uuid::from_u128(1);
/// let involved = [Respondent { id: uuid::Uuid::from_u128(9), user_id: Some(jan), name: "Jan".into(), department: None }];
/// assert!(!is_impartial(jan, &involved, false));
/// assert!(is_impartial(jan, &involved, true)); // the body's own conduct
/// assert!(is_impartial(uuid::Uuid::from_u128(2), &involved, false));
/// ```
#[must_use]
pub fn is_impartial(handler: Uuid, respondents: &[Respondent], body_conduct: bool) -> bool {
    body_conduct || !respondents.iter().any(|r| r.user_id == Some(handler))
}

//! Solutions (rule of thumb 3: is there a solution? solve it).

use serde::{Deserialize, Serialize};

/// The kind of a tailor-made solution (ombudsvisie §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolutionKind {
    Explanation,
    RepairMistake,
    Apology,
    Compensation,
    MediationConversation,
    WarmReferral,
    OtherDepartmentAction,
    Other,
}

impl SolutionKind {
    pub const ALL: [Self; 8] = [
        Self::Explanation,
        Self::RepairMistake,
        Self::Apology,
        Self::Compensation,
        Self::MediationConversation,
        Self::WarmReferral,
        Self::OtherDepartmentAction,
        Self::Other,
    ];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Explanation => "explanation",
            Self::RepairMistake => "repair_mistake",
            Self::Apology => "apology",
            Self::Compensation => "compensation",
            Self::MediationConversation => "mediation_conversation",
            Self::WarmReferral => "warm_referral",
            Self::OtherDepartmentAction => "other_department_action",
            Self::Other => "other",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Explanation => "Uitleg",
            Self::RepairMistake => "Fout hersteld",
            Self::Apology => "Excuses",
            Self::Compensation => "Tegemoetkoming",
            Self::MediationConversation => "(Bemiddelings)gesprek",
            Self::WarmReferral => "Warme doorverwijzing",
            Self::OtherDepartmentAction => "Actie door andere afdeling of ketenpartner",
            Self::Other => "Anders",
        }
    }
}

/// A solution tried or agreed, with the reasoning that keeps it from being
/// arbitrary: why this solution, for this citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    pub kind: SolutionKind,
    pub description: String,
    pub reasoning: String,
    /// Colleagues, departments or partners consulted.
    pub consulted: Option<String>,
    /// Agreed with the citizen, or only an attempt.
    pub agreed: bool,
}

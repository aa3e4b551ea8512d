//! Solutions (rule of thumb 3: is there a solution? solve it).

use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// The kind of a tailor-made solution (ombudsvisie §4.4).
    pub enum SolutionKind {
        Explanation = ("explanation", "Uitleg"),
        RepairMistake = ("repair_mistake", "Fout hersteld"),
        Apology = ("apology", "Excuses"),
        Compensation = ("compensation", "Tegemoetkoming"),
        MediationConversation = ("mediation_conversation", "(Bemiddelings)gesprek"),
        WarmReferral = ("warm_referral", "Warme doorverwijzing"),
        OtherDepartmentAction = ("other_department_action", "Actie door andere afdeling of ketenpartner"),
        Other = ("other", "Anders"),
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

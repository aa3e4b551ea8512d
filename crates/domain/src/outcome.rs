//! How a case ended.

use serde::{Deserialize, Serialize};

/// How a case ended (DOMAIN.md, "Outcomes"). The vocabulary is complete from
/// the start so reports never need a migration; which outcomes a case can reach
/// grows with the commands that lead to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Solved informally and confirmed with the control question (Awb 9:5).
    Solved,
    /// Judged after investigation (Awb 9:12).
    Judged,
    /// Not handled on a ground of Awb 9:8.
    NotHandled,
    /// Forwarded to the competent body (Awb 2:3).
    Forwarded,
    /// Withdrawn by the complainant.
    Withdrawn,
    /// Closed because of complex complaint behaviour under a conduct protocol.
    ConductProtocol,
}

impl Outcome {
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Solved => "solved",
            Self::Judged => "judged",
            Self::NotHandled => "not_handled",
            Self::Forwarded => "forwarded",
            Self::Withdrawn => "withdrawn",
            Self::ConductProtocol => "conduct_protocol",
        }
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Solved => "Opgelost",
            Self::Judged => "Beoordeeld na onderzoek",
            Self::NotHandled => "Niet in behandeling genomen",
            Self::Forwarded => "Doorgestuurd",
            Self::Withdrawn => "Ingetrokken",
            Self::ConductProtocol => "Afgesloten vanwege gedragslijn",
        }
    }
}

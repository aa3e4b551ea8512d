//! The complaint ladder (*klachtbehandelingsladder*).

use serde::{Deserialize, Serialize};

/// How high a case went on the complaint ladder (ombudsvisie §3.2). The art
/// is to stay as low as possible; reports count cases per step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LadderStep {
    /// Step 1: the employee took the dissatisfaction away in the contact itself.
    InContact,
    /// Step 2: the organisation's complaint handler looks for a solution.
    ComplaintHandling,
    /// Step 3: an external body (an ombudsman) is involved.
    External,
}

impl LadderStep {
    pub const ALL: [Self; 3] = [Self::InContact, Self::ComplaintHandling, Self::External];

    /// The step number, 1–3.
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Self::InContact => 1,
            Self::ComplaintHandling => 2,
            Self::External => 3,
        }
    }

    #[must_use]
    pub fn from_number(number: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.number() == number)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::InContact => "Trede 1: opgelost in het contact",
            Self::ComplaintHandling => "Trede 2: klachtbehandeling",
            Self::External => "Trede 3: ombudsman",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_from_one() {
        assert_eq!(LadderStep::InContact.number(), 1);
        assert_eq!(LadderStep::from_number(3), Some(LadderStep::External));
        assert_eq!(LadderStep::from_number(0), None);
        assert!(LadderStep::InContact < LadderStep::External);
    }
}

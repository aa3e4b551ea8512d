//! The five rules of thumb of the ombudsvisie as the phases of a case.

use serde::{Deserialize, Serialize};

/// Where a case stands in the Nationale ombudsman's five rules of thumb
/// (ombudsvisie 2018/005, ch. 4). A handler can always go back: a solution
/// can still come during a formal investigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Rule 1, *binnenkomst*: be alert and give access; the complaint is registered.
    Intake,
    /// Rule 2, *verken het probleem*: personal contact, the core and the wishes.
    Explore,
    /// Rule 3, *los op*: a tailor-made solution and commitments.
    Resolve,
    /// Rule 4, *geef zo nodig een oordeel*: formal handling under the Awb.
    Judge,
    /// Rule 5, *afronding*: close with motivated clarity, and learn.
    Close,
}

impl Phase {
    pub const ALL: [Self; 5] = [Self::Intake, Self::Explore, Self::Resolve, Self::Judge, Self::Close];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Intake => "intake",
            Self::Explore => "explore",
            Self::Resolve => "resolve",
            Self::Judge => "judge",
            Self::Close => "close",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Dutch label for the UI.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Intake => "Binnenkomst",
            Self::Explore => "Verkennen",
            Self::Resolve => "Oplossen",
            Self::Judge => "Oordelen",
            Self::Close => "Afronden",
        }
    }

    /// The number of the rule of thumb (1–5).
    #[must_use]
    pub const fn rule_of_thumb(self) -> u8 {
        match self {
            Self::Intake => 1,
            Self::Explore => 2,
            Self::Resolve => 3,
            Self::Judge => 4,
            Self::Close => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_the_rules_of_thumb_in_order() {
        let numbers: Vec<u8> = Phase::ALL.iter().map(|p| p.rule_of_thumb()).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        for phase in Phase::ALL {
            assert_eq!(Phase::from_code(phase.code()), Some(phase));
        }
    }
}

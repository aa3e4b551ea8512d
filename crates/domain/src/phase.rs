//! The five rules of thumb of the ombudsvisie as the phases of a case.

crate::vocabulary! {
    /// Where a case stands in the Nationale ombudsman's five rules of thumb
    /// (ombudsvisie 2018/005, ch. 4). A handler can always go back: a solution
    /// can still come during a formal investigation.
    #[derive(PartialOrd, Ord)]
    pub enum Phase {
        /// Rule 1, *binnenkomst*: be alert and give access; the complaint is registered.
        Intake = ("intake", "Binnenkomst"),
        /// Rule 2, *verken het probleem*: personal contact, the core and the wishes.
        Explore = ("explore", "Verkennen"),
        /// Rule 3, *los op*: a tailor-made solution and commitments.
        Resolve = ("resolve", "Oplossen"),
        /// Rule 4, *geef zo nodig een oordeel*: formal handling under the Awb.
        Judge = ("judge", "Oordelen"),
        /// Rule 5, *afronding*: close with motivated clarity, and learn.
        Close = ("close", "Afronden"),
    }
}

impl Phase {
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

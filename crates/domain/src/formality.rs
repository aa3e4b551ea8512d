//! Whether a complaint is *formal* in the sense of Awb 9:4.

use serde::{Deserialize, Serialize};

use crate::{Channel, Complainant};

/// A requirement of Awb 9:4 for the formal procedure (9:5–9:12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormalRequirement {
    /// Awb 9:4 lid 1: the complaint is made in writing.
    Written,
    /// Awb 9:4 lid 2: the complaint is signed.
    Signed,
    /// Awb 9:4 lid 2 sub a: name of the complainant.
    Name,
    /// Awb 9:4 lid 2 sub a: address of the complainant.
    Address,
    /// Awb 9:4 lid 2 sub c: a description of the conduct complained about.
    ConductDescribed,
}

impl FormalRequirement {
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Written => "niet schriftelijk",
            Self::Signed => "niet ondertekend",
            Self::Name => "geen naam",
            Self::Address => "geen adres",
            Self::ConductDescribed => "geen omschrijving van de gedraging",
        }
    }
}

/// The outcome of checking Awb 9:4.
///
/// An informal complaint is never refused: Awb 9:2 obliges the body to
/// handle oral and other complaints properly too. Formality only decides
/// which statutory duties (acknowledgement, hearing, term, written findings)
/// apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Formality {
    Formal,
    Informal { missing: Vec<FormalRequirement> },
}

impl Formality {
    /// Awb 9:4: a written, signed complaint with the complainant's name and
    /// address, a date and a description of the conduct is a formal
    /// complaint. The date is the date of receipt, which Gehoord always
    /// records, so it is never missing.
    ///
    /// A submission through the organisation's own web form or API counts as
    /// signed: the organisation opened that electronic route and accepts it
    /// as sufficiently reliable (Awb 2:15 and 2:16). For other written
    /// channels staff say whether a signature is present.
    ///
    /// ```
    /// use gehoord_domain::{Channel, Complainant, Formality};
    /// use gehoord_domain::formality::FormalRequirement;
    /// let c = Complainant { name: Some("Jan".into()), ..Complainant::default() };
    /// let f = Formality::assess(Channel::Phone, false, &c, true);
    /// assert_eq!(f, Formality::Informal { missing: vec![
    ///     FormalRequirement::Written, FormalRequirement::Signed, FormalRequirement::Address] });
    /// ```
    #[must_use]
    pub fn assess(channel: Channel, signed: bool, complainant: &Complainant, conduct_described: bool) -> Self {
        let signed = signed || matches!(channel, Channel::WebForm | Channel::Api);
        let checks = [
            (FormalRequirement::Written, channel.is_written()),
            (FormalRequirement::Signed, signed && channel.is_written()),
            (FormalRequirement::Name, complainant.name.is_some()),
            (FormalRequirement::Address, complainant.address.is_some()),
            (FormalRequirement::ConductDescribed, conduct_described),
        ];
        let missing: Vec<_> = checks.into_iter().filter(|(_, ok)| !ok).map(|(r, _)| r).collect();
        if missing.is_empty() { Self::Formal } else { Self::Informal { missing } }
    }

    #[must_use]
    pub const fn is_formal(&self) -> bool {
        matches!(self, Self::Formal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Complainant {
        Complainant {
            name: Some("A. de Boer".into()),
            address: Some("Markt 1, 1234 AB Dorp".into()),
            ..Complainant::default()
        }
    }

    #[test]
    fn awb_9_4_signed_letter_with_name_address_and_conduct_is_formal() {
        assert!(Formality::assess(Channel::Letter, true, &full(), true).is_formal());
    }

    #[test]
    fn awb_9_4_unsigned_letter_is_informal() {
        assert_eq!(
            Formality::assess(Channel::Letter, false, &full(), true),
            Formality::Informal { missing: vec![FormalRequirement::Signed] }
        );
    }

    #[test]
    fn awb_9_4_web_form_counts_as_signed() {
        assert!(Formality::assess(Channel::WebForm, false, &full(), true).is_formal());
        assert!(Formality::assess(Channel::Api, false, &full(), true).is_formal());
    }

    #[test]
    fn awb_9_4_oral_complaint_is_never_formal_even_when_marked_signed() {
        let f = Formality::assess(Channel::Counter, true, &full(), true);
        assert_eq!(f, Formality::Informal { missing: vec![FormalRequirement::Written, FormalRequirement::Signed] });
    }

    #[test]
    fn awb_9_4_anonymous_web_complaint_misses_name_and_address() {
        let f = Formality::assess(Channel::WebForm, false, &Complainant::default(), true);
        assert_eq!(f, Formality::Informal { missing: vec![FormalRequirement::Name, FormalRequirement::Address] });
    }
}

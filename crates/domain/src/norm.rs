//! The 22 propriety norms of the Nationale ombudsman's behoorlijkheidswijzer,
//! grouped in four core values. A judgment on a complaint part names the
//! norms it tested (DOMAIN.md); reports count them. The one-line
//! explanations are Gehoord's own words.

crate::vocabulary! {
    /// One of the four core values the norms are grouped under.
    pub enum CoreValue {
        OpenAndClear = ("open_and_clear", "Open en duidelijk"),
        Respectful = ("respectful", "Respectvol"),
        Engaged = ("engaged", "Betrokken en oplossingsgericht"),
        HonestAndReliable = ("honest_and_reliable", "Eerlijk en betrouwbaar"),
    }
}

crate::vocabulary! {
    /// A propriety norm (*behoorlijkheidsvereiste*), in the national order.
    pub enum Norm {
        Transparency = ("transparency", "Transparant"),
        Information = ("information", "Goede informatieverstrekking"),
        Listening = ("listening", "Luisteren naar de burger"),
        Reasoning = ("reasoning", "Goede motivering"),
        FundamentalRights = ("fundamental_rights", "Respecteren van grondrechten"),
        Participation = ("participation", "Bevorderen van actieve deelname door de burger"),
        DecentTreatment = ("decent_treatment", "Fatsoenlijke bejegening"),
        FairPlay = ("fair_play", "Fair play"),
        Proportionality = ("proportionality", "Evenredigheid"),
        SpecialCare = ("special_care", "Bijzondere zorg"),
        TailorMade = ("tailor_made", "Maatwerk"),
        Cooperation = ("cooperation", "Samenwerking"),
        Accommodating = ("accommodating", "Coulante opstelling"),
        Promptness = ("promptness", "Voortvarendheid"),
        DeEscalation = ("de_escalation", "De-escalatie"),
        Integrity = ("integrity", "Integriteit"),
        Reliability = ("reliability", "Betrouwbaarheid"),
        Impartiality = ("impartiality", "Onpartijdigheid"),
        Reasonableness = ("reasonableness", "Redelijkheid"),
        Preparation = ("preparation", "Goede voorbereiding"),
        Organisation = ("organisation", "Goede organisatie"),
        Professionalism = ("professionalism", "Professionaliteit"),
    }
}

impl Norm {
    /// The norm's number in the behoorlijkheidswijzer (1–22).
    #[must_use]
    pub fn number(self) -> u8 {
        // ALL is in the national order and has 22 entries.
        Self::ALL.iter().position(|n| *n == self).map_or(0, |i| u8::try_from(i + 1).unwrap_or(0))
    }

    #[must_use]
    pub const fn core_value(self) -> CoreValue {
        match self {
            Self::Transparency | Self::Information | Self::Listening | Self::Reasoning => CoreValue::OpenAndClear,
            Self::FundamentalRights
            | Self::Participation
            | Self::DecentTreatment
            | Self::FairPlay
            | Self::Proportionality
            | Self::SpecialCare => CoreValue::Respectful,
            Self::TailorMade | Self::Cooperation | Self::Accommodating | Self::Promptness | Self::DeEscalation => {
                CoreValue::Engaged
            }
            Self::Integrity
            | Self::Reliability
            | Self::Impartiality
            | Self::Reasonableness
            | Self::Preparation
            | Self::Organisation
            | Self::Professionalism => CoreValue::HonestAndReliable,
        }
    }

    /// What the norm asks of the organisation, in one plain sentence.
    #[must_use]
    pub const fn explanation(self) -> &'static str {
        match self {
            Self::Transparency => "De overheid is open over wat zij doet en waarom, zodat de burger haar kan volgen.",
            Self::Information => "De burger krijgt uit zichzelf juiste, volledige en begrijpelijke informatie.",
            Self::Listening => "De overheid hoort wat de burger zegt en laat merken dat zij het begrijpt.",
            Self::Reasoning => "Een besluit of antwoord legt uit waarom, in woorden die de burger snapt.",
            Self::FundamentalRights => {
                "De overheid houdt zich aan de grondrechten, zoals privacy en gelijke behandeling."
            }
            Self::Participation => "De burger kan meedoen en meedenken over wat hem aangaat.",
            Self::DecentTreatment => "De burger wordt beleefd, vriendelijk en met respect behandeld.",
            Self::FairPlay => "De burger krijgt een eerlijke kans om zijn zaak te verdedigen en rechten te gebruiken.",
            Self::Proportionality => "Wat de overheid doet staat in verhouding tot het doel; geen onnodige last.",
            Self::SpecialCare => "Wie extra kwetsbaar is, krijgt extra aandacht en hulp.",
            Self::TailorMade => "De overheid kijkt naar de situatie van deze burger en past zo nodig de regels aan.",
            Self::Cooperation => {
                "Afdelingen en organisaties werken samen, zodat de burger niet van loket naar loket gaat."
            }
            Self::Accommodating => "De overheid is ruimhartig, erkent fouten en maakt ze goed.",
            Self::Promptness => "De overheid werkt snel en houdt zich aan termijnen.",
            Self::DeEscalation => {
                "De overheid voorkomt dat een conflict groter wordt en zoekt actief naar een oplossing."
            }
            Self::Integrity => "Medewerkers handelen eerlijk en gebruiken hun positie niet voor eigen belang.",
            Self::Reliability => "De overheid doet wat zij belooft en handelt volgens de regels.",
            Self::Impartiality => "De overheid is neutraal en laat zich niet leiden door vooroordelen.",
            Self::Reasonableness => "De overheid weegt belangen goed af en komt tot een redelijke beslissing.",
            Self::Preparation => "De overheid zoekt de feiten goed uit voordat zij beslist.",
            Self::Organisation => "Processen, systemen en dossiers zijn zo ingericht dat het werk goed gaat.",
            Self::Professionalism => "Medewerkers kennen hun vak en gedragen zich daarnaar.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_two_norms_in_four_core_values_in_the_national_order() {
        assert_eq!(Norm::ALL.len(), 22);
        assert_eq!(Norm::Transparency.number(), 1);
        assert_eq!(Norm::Professionalism.number(), 22);
        let per_value = |v: CoreValue| Norm::ALL.iter().filter(|n| n.core_value() == v).count();
        assert_eq!(
            [CoreValue::OpenAndClear, CoreValue::Respectful, CoreValue::Engaged, CoreValue::HonestAndReliable]
                .map(per_value),
            [4, 6, 5, 7]
        );
        // The groups are contiguous: numbers 1–4, 5–10, 11–15, 16–22.
        assert_eq!(Norm::SpecialCare.number(), 10);
        assert_eq!(Norm::DeEscalation.number(), 15);
        assert!(Norm::ALL.iter().all(|n| n.explanation().ends_with('.')));
    }
}

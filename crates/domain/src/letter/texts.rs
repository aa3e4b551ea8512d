//! The wording of letters: every fixed passage has a default written by us,
//! in Dutch at B1 level, which the organisation may replace with its own.
//!
//! A passage is text with *fields* in braces (`{kenmerk}`, `{termijn}`)
//! that the draft fills from the case. An organisation's own wording is
//! checked when it is saved ([`LetterTexts::set`]): only the passage's own
//! fields, and every field the law needs in that passage (the ombudsman and
//! the last day to go there, the expected term…) must stay. The letter
//! check reads the structured blocks regardless, so a wording can never
//! remove what [`super::check`] requires.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::LetterKind;

/// Longest passage accepted, in characters: a passage is a paragraph.
pub const MAX_PASSAGE_CHARS: usize = 2_000;

/// A field a passage may contain: its name, what it is filled with, and
/// whether the passage must keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub meaning: &'static str,
    pub required: bool,
}

// Macros rather than `const fn`s: a struct literal in `&[…]` is promoted
// to a static, a function call is not.
macro_rules! field {
    ($name:literal, $meaning:literal) => {
        Field { name: $name, meaning: $meaning, required: false }
    };
}

macro_rules! required {
    ($name:literal, $meaning:literal) => {
        Field { name: $name, meaning: $meaning, required: true }
    };
}

const KENMERK: Field = required!("kenmerk", "het kenmerk van de klacht");
const ONTVANGEN: Field = field!("ontvangen", "de datum waarop de klacht binnenkwam");
const ONDERWERP: Field = field!("onderwerp", "waar de klacht over gaat, in de woorden van het dossier");

crate::vocabulary! {
    /// A fixed passage of a letter that the organisation may word itself.
    pub enum Passage {
        Salutation = ("salutation", "Aanhef"),
        DoorOpen = ("door_open", "De deur blijft open"),
        OmbudsmanReferral = ("ombudsman", "Verwijzing naar de ombudsman"),
        Commitment = ("commitment", "Een toezegging"),
        Apology = ("apology", "Excuses"),
        Lesson = ("lesson", "Wat wij leren"),
        AcknowledgementSubject = ("acknowledgement_subject", "Onderwerp"),
        AcknowledgementReceived = ("acknowledgement_received", "Ontvangst"),
        AcknowledgementProcedure = ("acknowledgement_procedure", "Wat er nu gebeurt"),
        AcknowledgementHearing = ("acknowledgement_hearing", "Horen"),
        AcknowledgementCommittee = ("acknowledgement_committee", "Adviescommissie"),
        AcknowledgementTerm = ("acknowledgement_term", "Termijn"),
        NotHandlingSubject = ("not_handling_subject", "Onderwerp"),
        NotHandlingIntro = ("not_handling_intro", "Inleiding"),
        NotHandlingGround = ("not_handling_ground", "Grond en motivering"),
        RespondentCopySubject = ("respondent_copy_subject", "Onderwerp"),
        RespondentCopyIntro = ("respondent_copy_intro", "Inleiding"),
        RespondentCopyProcedure = ("respondent_copy_procedure", "Wat er nu gebeurt"),
        PostponementSubject = ("postponement_subject", "Onderwerp"),
        PostponementReason = ("postponement_reason", "Reden"),
        PostponementTerm = ("postponement_term", "Nieuwe termijn"),
        PostponementRespondentSubject = ("postponement_respondent_subject", "Onderwerp"),
        PostponementRespondentReason = ("postponement_respondent_reason", "Reden"),
        PostponementRespondentTerm = ("postponement_respondent_term", "Nieuwe termijn"),
        HearingSubject = ("hearing_subject", "Onderwerp"),
        HearingDetails = ("hearing_details", "Wanneer en waar"),
        HearingExplained = ("hearing_explained", "Hoe het gesprek gaat"),
        ForwardingSubject = ("forwarding_subject", "Onderwerp"),
        ForwardedTo = ("forwarded_to", "Naar wie de klacht ging"),
        SolvedSubject = ("solved_subject", "Onderwerp"),
        SolvedSummary = ("solved_summary", "Samenvatting van het gesprek"),
        SolvedAgreement = ("solved_agreement", "Wat is afgesproken"),
        JudgedSubject = ("judged_subject", "Onderwerp"),
        JudgedSummary = ("judged_summary", "Inleiding"),
        CommitteeFollowed = ("committee_followed", "Advies gevolgd"),
        CommitteeDeparted = ("committee_departed", "Afgeweken van het advies"),
        ConductSubject = ("conduct_subject", "Onderwerp"),
        ConductBehaviour = ("conduct_behaviour", "Het gedrag"),
        ConductMeasures = ("conduct_measures", "De afspraken"),
        ConductContact = ("conduct_contact", "Hoe het contact doorgaat"),
        ConductRemedies = ("conduct_remedies", "Rechtsmiddelen blijven"),
        ConductReview = ("conduct_review", "Wanneer wij opnieuw kijken"),
    }
}

impl Passage {
    /// The letter this passage belongs to; `None` for passages shared by
    /// several letters.
    #[must_use]
    pub const fn letter(self) -> Option<LetterKind> {
        use LetterKind as K;
        Some(match self {
            Self::Salutation
            | Self::DoorOpen
            | Self::OmbudsmanReferral
            | Self::Commitment
            | Self::Apology
            | Self::Lesson => {
                return None;
            }
            Self::AcknowledgementSubject
            | Self::AcknowledgementReceived
            | Self::AcknowledgementProcedure
            | Self::AcknowledgementHearing
            | Self::AcknowledgementCommittee
            | Self::AcknowledgementTerm => K::Acknowledgement,
            Self::NotHandlingSubject | Self::NotHandlingIntro | Self::NotHandlingGround => K::NotHandling,
            Self::RespondentCopySubject | Self::RespondentCopyIntro | Self::RespondentCopyProcedure => {
                K::RespondentCopy
            }
            Self::PostponementSubject | Self::PostponementReason | Self::PostponementTerm => K::Postponement,
            Self::PostponementRespondentSubject
            | Self::PostponementRespondentReason
            | Self::PostponementRespondentTerm => K::PostponementRespondent,
            Self::HearingSubject | Self::HearingDetails | Self::HearingExplained => K::HearingInvitation,
            Self::ForwardingSubject | Self::ForwardedTo => K::Forwarding,
            Self::SolvedSubject | Self::SolvedSummary | Self::SolvedAgreement => K::ClosingSolved,
            Self::JudgedSubject | Self::JudgedSummary | Self::CommitteeFollowed | Self::CommitteeDeparted => {
                K::ClosingJudged
            }
            Self::ConductSubject
            | Self::ConductBehaviour
            | Self::ConductMeasures
            | Self::ConductContact
            | Self::ConductRemedies
            | Self::ConductReview => K::ConductProtocol,
        })
    }

    /// Whether this is a letter's subject line (one line, no full stop needed).
    #[must_use]
    pub const fn is_subject(self) -> bool {
        matches!(
            self,
            Self::AcknowledgementSubject
                | Self::NotHandlingSubject
                | Self::RespondentCopySubject
                | Self::PostponementSubject
                | Self::PostponementRespondentSubject
                | Self::HearingSubject
                | Self::ForwardingSubject
                | Self::SolvedSubject
                | Self::JudgedSubject
                | Self::ConductSubject
        )
    }

    /// The fields this passage may contain.
    #[must_use]
    pub const fn fields(self) -> &'static [Field] {
        match self {
            Self::Salutation => &[required!("naam", "de naam van wie de brief krijgt")],
            Self::DoorOpen | Self::RespondentCopySubject | Self::PostponementRespondentSubject => &[KENMERK],
            Self::PostponementRespondentReason => &[KENMERK, required!("reden", "waarom het langer duurt")],
            Self::PostponementRespondentTerm => &[
                required!("termijn", "de nieuwe datum waarop de behandeling klaar is"),
                field!("verdaging", "hoeveel later dat is, bijvoorbeeld ‘4 weken’"),
            ],
            Self::OmbudsmanReferral => &[
                required!("ombudsman", "de ombudsman die over de klacht gaat"),
                required!("tot", "de laatste dag om naar de ombudsman te gaan"),
            ],
            Self::Commitment => &[
                required!("toezegging", "wat wij hebben toegezegd"),
                required!("uiterlijk", "de datum waarop wij het doen"),
            ],
            Self::Apology => &[required!("excuses", "waarvoor wij excuses maken")],
            Self::Lesson => &[required!("lessen", "wat wij van de klacht leren")],
            Self::AcknowledgementReceived | Self::NotHandlingIntro => &[ONTVANGEN, ONDERWERP],
            Self::AcknowledgementProcedure => {
                &[required!("werkdagen", "het aantal werkdagen waarbinnen wij contact opnemen")]
            }
            Self::AcknowledgementTerm => &[required!("termijn", "de datum waarop de klager ons oordeel hoort")],
            Self::NotHandlingGround => &[
                required!("grond", "de grond uit artikel 9:8 Awb, in gewone woorden"),
                required!("motivering", "waarom die grond hier geldt"),
            ],
            Self::RespondentCopyIntro | Self::SolvedSummary | Self::JudgedSummary => &[ONDERWERP],
            Self::PostponementReason => &[required!("reden", "waarom het langer duurt")],
            Self::PostponementTerm => &[
                required!("termijn", "de nieuwe datum waarop de klager ons oordeel hoort"),
                field!("verdaging", "hoeveel later dat is, bijvoorbeeld ‘4 weken’"),
            ],
            Self::HearingDetails => &[
                required!("datum", "de dag van het gesprek"),
                required!("tijd", "het tijdstip van het gesprek"),
                required!("plaats", "waar of hoe het gesprek is"),
                field!("deelnemers", "wie er bij het gesprek zijn"),
            ],
            Self::ForwardedTo => &[
                required!("organisatie", "de organisatie die de klacht nu behandelt"),
                field!("contactpersoon", "wie daar helpt"),
            ],
            Self::SolvedAgreement => &[required!("afspraken", "de afgesproken oplossingen")],
            Self::CommitteeFollowed => &[required!("advies", "het advies van de commissie")],
            Self::CommitteeDeparted => {
                &[required!("advies", "het advies van de commissie"), required!("reden", "waarom wij afwijken")]
            }
            Self::ConductBehaviour => &[required!("gedrag", "het gedrag dat niet langer kan")],
            Self::ConductMeasures => &[
                field!("reden", "waarom de afspraken nodig zijn"),
                field!("geprobeerd", "welke afspraken wij eerst probeerden"),
                required!("vanaf", "de dag waarop de afspraken gelden"),
                required!("afspraken", "de beperkingen van het contact"),
            ],
            Self::ConductContact => &[required!("contact", "hoe het contact doorgaat")],
            Self::ConductReview => &[required!("uiterlijk", "de dag waarop wij opnieuw kijken")],
            Self::AcknowledgementSubject
            | Self::AcknowledgementHearing
            | Self::AcknowledgementCommittee
            | Self::NotHandlingSubject
            | Self::RespondentCopyProcedure
            | Self::PostponementSubject
            | Self::HearingSubject
            | Self::HearingExplained
            | Self::ForwardingSubject
            | Self::SolvedSubject
            | Self::JudgedSubject
            | Self::ConductSubject
            | Self::ConductRemedies => &[],
        }
    }

    /// Gehoord's own wording.
    #[must_use]
    pub const fn default_text(self) -> &'static str {
        match self {
            Self::Salutation => "Beste {naam},",
            Self::DoorOpen => {
                "Heeft u nog vragen, of is er iets niet goed opgelost? Neem dan contact met ons op. U kunt altijd bij ons terecht. Noem dan het kenmerk {kenmerk}."
            }
            Self::OmbudsmanReferral => {
                "Bent u het niet eens met deze afhandeling? Dan kunt u naar {ombudsman}. Dat kan tot en met {tot}. De ombudsman bekijkt dan opnieuw hoe wij met uw klacht zijn omgegaan."
            }
            Self::Commitment => "Wij hebben toegezegd: {toezegging} Dit doen wij uiterlijk {uiterlijk}.",
            Self::Apology => "Het spijt ons wat er is gebeurd. {excuses}",
            Self::Lesson => "Wat wij hiervan leren: {lessen}",
            Self::AcknowledgementSubject => "Wij hebben uw klacht ontvangen",
            Self::AcknowledgementReceived => {
                "Op {ontvangen} kregen wij uw klacht. Het gaat over: {onderwerp} Dank u wel dat u dit aan ons laat weten."
            }
            Self::AcknowledgementProcedure => {
                "Wat gebeurt er nu? Een klachtbehandelaar neemt binnen {werkdagen} werkdagen contact met u op, meestal met een telefoontje. Samen kijken we wat er is gebeurd en wat u wilt bereiken. Vaak lossen we het zo samen op."
            }
            Self::AcknowledgementHearing => {
                "Lukt dat niet, dan onderzoeken we uw klacht. U mag dan in een gesprek uw verhaal vertellen. Ook de medewerker over wie u klaagt, mag zijn kant vertellen."
            }
            Self::AcknowledgementCommittee => {
                "Een adviescommissie geeft ons advies over uw klacht. De commissie hoort u dan ook."
            }
            Self::AcknowledgementTerm => "U hoort uiterlijk {termijn} wat wij van uw klacht vinden.",
            Self::NotHandlingSubject => "Wij behandelen uw klacht niet",
            Self::NotHandlingIntro => {
                "Op {ontvangen} kregen wij uw klacht. Het gaat over: {onderwerp} Wij hebben u hierover gesproken."
            }
            Self::NotHandlingGround => "Wij behandelen uw klacht niet. {grond} {motivering}",
            Self::RespondentCopySubject => "Kopie van klacht {kenmerk}",
            Self::RespondentCopyIntro => {
                "Wij hebben een klacht gekregen waarin uw naam staat. Het gaat over: {onderwerp} Bij deze brief krijgt u een kopie van de klacht en de bijlagen."
            }
            Self::RespondentCopyProcedure => {
                "Wij onderzoeken de klacht. U krijgt de kans om uw kant van het verhaal te vertellen, in een gesprek. Wij nemen daarvoor contact met u op."
            }
            Self::PostponementSubject => "Uw klacht: het duurt langer",
            Self::PostponementReason => {
                "Het onderzoek naar uw klacht duurt langer dan wij hadden gedacht. De reden: {reden}"
            }
            Self::PostponementTerm => {
                "U hoort nu uiterlijk {termijn} wat wij van uw klacht vinden. Dat is {verdaging} later."
            }
            Self::PostponementRespondentSubject => "Klacht {kenmerk}: de behandeling duurt langer",
            Self::PostponementRespondentReason => {
                "De behandeling van de klacht {kenmerk}, waarin uw naam staat, duurt langer dan wij hadden gedacht. De reden: {reden}"
            }
            Self::PostponementRespondentTerm => {
                "Wij ronden de behandeling nu uiterlijk {termijn} af. Dat is {verdaging} later. Heeft u vragen? Neem dan contact op met de klachtbehandelaar."
            }
            Self::HearingSubject => "Uitnodiging voor een gesprek over uw klacht",
            Self::HearingDetails => {
                "Wij nodigen u uit voor een gesprek over uw klacht. Het gesprek is op {datum} om {tijd}, {plaats}. Bij het gesprek zijn: {deelnemers}."
            }
            Self::HearingExplained => {
                "In het gesprek vertelt u wat er is gebeurd. Daarna hoort u de kant van de medewerker. Wij maken een verslag en sturen dat naar u. Kunt u niet op dit moment? Laat het ons weten, dan zoeken we samen een ander moment."
            }
            Self::ForwardingSubject => "Uw klacht is doorgestuurd",
            Self::ForwardedTo => {
                "Uw klacht gaat over het werk van {organisatie}. Daarom hebben wij uw klacht naar hen gestuurd. Daar helpt {contactpersoon} u verder."
            }
            Self::SolvedSubject => "Afronding van uw klacht",
            Self::SolvedSummary => "Dank u wel voor het gesprek over uw klacht. Het ging over: {onderwerp}",
            Self::SolvedAgreement => "Wij hebben afgesproken: {afspraken}",
            Self::JudgedSubject => "Ons oordeel over uw klacht",
            Self::JudgedSummary => "Wij hebben uw klacht onderzocht. Het ging over: {onderwerp}",
            Self::CommitteeFollowed => {
                "De adviescommissie adviseerde: {advies} Wij volgen dat advies. Het advies zit bij deze brief."
            }
            Self::CommitteeDeparted => {
                "De adviescommissie adviseerde: {advies} Wij wijken daarvan af. {reden} Het advies zit bij deze brief."
            }
            Self::ConductSubject => "Afspraken over ons contact",
            Self::ConductBehaviour => "Wij willen u goed helpen. Maar dit gedrag kan niet langer: {gedrag}",
            Self::ConductMeasures => {
                "{reden} Wij hebben eerst geprobeerd afspraken te maken: {geprobeerd} Dat is niet gelukt. Daarom geldt vanaf {vanaf}: {afspraken}."
            }
            Self::ConductContact => "Zo houden wij contact: {contact}",
            Self::ConductRemedies => {
                "U kunt altijd een klacht indienen, bezwaar maken of ons schrijven. Elke brief van u wordt geregistreerd en bekeken."
            }
            Self::ConductReview => "Uiterlijk {uiterlijk} kijken wij of deze afspraken nog nodig zijn.",
        }
    }
}

/// The organisation's wording: its own text where it has one, ours
/// elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LetterTexts {
    own: HashMap<Passage, String>,
}

impl LetterTexts {
    /// The wording in use for `passage`.
    #[must_use]
    pub fn text(&self, passage: Passage) -> &str {
        self.own.get(&passage).map_or_else(|| passage.default_text(), String::as_str)
    }

    /// Whether the organisation worded `passage` itself.
    #[must_use]
    pub fn is_own(&self, passage: Passage) -> bool {
        self.own.contains_key(&passage)
    }

    /// Sets the organisation's wording of `passage`. Text equal to the
    /// default (or empty) goes back to the default, so later improvements
    /// of ours reach organisations that never changed it.
    ///
    /// # Errors
    /// A Dutch message when the text is too long, names an unknown field,
    /// leaves out a required one or has an unclosed brace; nothing changes.
    pub fn set(&mut self, passage: Passage, text: &str) -> Result<(), String> {
        let text = text.trim();
        if text.is_empty() || text == passage.default_text() {
            self.own.remove(&passage);
            return Ok(());
        }
        validate(passage, text)?;
        self.own.insert(passage, text.to_owned());
        Ok(())
    }

    /// The wording of `passage` with its fields filled in. A field without
    /// a value is left as written, which the handler sees in the draft.
    #[must_use]
    pub fn fill(&self, passage: Passage, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for piece in pieces(self.text(passage)) {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Field(name) => match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value.trim()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
                Piece::Unclosed(t) => out.push_str(t),
            }
        }
        out
    }
}

enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
    Unclosed(&'a str),
}

/// Splits wording into plain text and `{field}`s.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 1..];
        match after.find(['}', '{']) {
            Some(close) if after.as_bytes()[close] == b'}' => {
                out.push(Piece::Field(after[..close].trim()));
                rest = &after[close + 1..];
            }
            _ => {
                out.push(Piece::Unclosed(&rest[open..]));
                return out;
            }
        }
    }
    out.push(Piece::Text(rest));
    out
}

/// The checks of [`LetterTexts::set`].
fn validate(passage: Passage, text: &str) -> Result<(), String> {
    if text.chars().count() > MAX_PASSAGE_CHARS {
        return Err(format!("Deze tekst is te lang. Houd het bij {MAX_PASSAGE_CHARS} tekens."));
    }
    if passage.is_subject() && text.contains('\n') {
        return Err("Een onderwerp past op één regel.".to_owned());
    }
    let fields = passage.fields();
    let mut used = Vec::new();
    for piece in pieces(text) {
        match piece {
            Piece::Unclosed(_) => {
                return Err("Er staat een { zonder }. Schrijf invulvelden als {kenmerk}.".to_owned());
            }
            Piece::Field(name) if fields.iter().any(|f| f.name == name) => used.push(name),
            Piece::Field(name) => {
                let known: Vec<String> = fields.iter().map(|f| format!("{{{}}}", f.name)).collect();
                return Err(if known.is_empty() {
                    format!("Het invulveld {{{name}}} bestaat niet. In deze tekst kunt u geen invulvelden gebruiken.")
                } else {
                    format!("Het invulveld {{{name}}} bestaat niet. U kunt gebruiken: {}.", known.join(", "))
                });
            }
            Piece::Text(t) if t.contains('}') => {
                return Err("Er staat een } zonder {. Schrijf invulvelden als {kenmerk}.".to_owned());
            }
            Piece::Text(_) => {}
        }
    }
    match fields.iter().find(|f| f.required && !used.contains(&f.name)) {
        Some(f) => Err(format!("Het invulveld {{{}}} moet in deze tekst blijven staan: {}.", f.name, f.meaning)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_valid_wording_of_its_own_passage() {
        for passage in Passage::ALL {
            assert_eq!(validate(passage, passage.default_text()), Ok(()), "{passage:?}");
            for f in passage.fields() {
                assert!(passage.default_text().contains(&format!("{{{}}}", f.name)), "{passage:?} lacks {}", f.name);
            }
        }
    }

    #[test]
    fn fields_are_filled_and_unknown_values_stay_visible() {
        let texts = LetterTexts::default();
        assert_eq!(
            texts.fill(Passage::OmbudsmanReferral, &[("ombudsman", "de Nationale ombudsman"), ("tot", "1 maart 2027")]),
            "Bent u het niet eens met deze afhandeling? Dan kunt u naar de Nationale ombudsman. Dat kan tot en met 1 maart 2027. De ombudsman bekijkt dan opnieuw hoe wij met uw klacht zijn omgegaan."
        );
        assert_eq!(texts.fill(Passage::Apology, &[]), "Het spijt ons wat er is gebeurd. {excuses}");
    }

    #[test]
    fn own_wording_replaces_the_default_until_it_is_emptied() {
        let mut texts = LetterTexts::default();
        texts.set(Passage::Apology, "  Excuses: {excuses}\n").unwrap();
        assert!(texts.is_own(Passage::Apology));
        assert_eq!(texts.fill(Passage::Apology, &[("excuses", "te laat.")]), "Excuses: te laat.");
        texts.set(Passage::Apology, "").unwrap();
        assert!(!texts.is_own(Passage::Apology));
        texts.set(Passage::Apology, Passage::Apology.default_text()).unwrap();
        assert!(!texts.is_own(Passage::Apology), "the default itself is not kept as own wording");
    }

    #[test]
    fn a_required_field_cannot_be_left_out() {
        let mut texts = LetterTexts::default();
        let err = texts.set(Passage::OmbudsmanReferral, "U kunt naar {ombudsman}.").unwrap_err();
        assert_eq!(
            err,
            "Het invulveld {tot} moet in deze tekst blijven staan: de laatste dag om naar de ombudsman te gaan."
        );
        assert!(!texts.is_own(Passage::OmbudsmanReferral), "a refused text changes nothing");
    }

    #[test]
    fn unknown_fields_and_stray_braces_are_refused_in_dutch() {
        let mut texts = LetterTexts::default();
        assert_eq!(
            texts.set(Passage::DoorOpen, "Bel ons over {kenmerk} of {zaaknummer}.").unwrap_err(),
            "Het invulveld {zaaknummer} bestaat niet. U kunt gebruiken: {kenmerk}."
        );
        assert_eq!(
            texts.set(Passage::SolvedSubject, "Klacht {kenmerk}").unwrap_err(),
            "Het invulveld {kenmerk} bestaat niet. In deze tekst kunt u geen invulvelden gebruiken."
        );
        assert!(texts.set(Passage::DoorOpen, "Noem {kenmerk").unwrap_err().contains("{ zonder }"));
        assert!(texts.set(Passage::DoorOpen, "Noem {kenmerk}}").unwrap_err().contains("} zonder {"));
        assert!(texts.set(Passage::DoorOpen, "Noem {ken{kenmerk}").unwrap_err().contains("{ zonder }"));
    }

    #[test]
    fn subjects_are_one_line_and_passages_a_paragraph() {
        let mut texts = LetterTexts::default();
        assert_eq!(
            texts.set(Passage::SolvedSubject, "Uw klacht\nis klaar").unwrap_err(),
            "Een onderwerp past op één regel."
        );
        let long = format!("{} {{kenmerk}}", "a".repeat(MAX_PASSAGE_CHARS));
        assert!(texts.set(Passage::DoorOpen, &long).unwrap_err().contains("te lang"));
    }

    #[test]
    fn stored_wording_round_trips_by_passage_code() {
        let mut texts = LetterTexts::default();
        texts.set(Passage::Lesson, "Dit leren wij: {lessen}").unwrap();
        let json = serde_json::to_string(&texts).unwrap();
        assert_eq!(json, r#"{"lesson":"Dit leren wij: {lessen}"}"#);
        assert_eq!(serde_json::from_str::<LetterTexts>(&json).unwrap(), texts);
    }

    #[test]
    fn every_letter_kind_has_a_subject_passage() {
        for kind in LetterKind::ALL {
            assert!(
                Passage::ALL.iter().any(|p| p.is_subject() && p.letter() == Some(kind)),
                "{kind:?} has no subject passage"
            );
        }
    }
}

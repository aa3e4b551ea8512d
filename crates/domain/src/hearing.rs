//! Hearing (*horen*, Awb 9:10): sessions with participants, their reports,
//! and the legal grounds to skip hearing the complainant.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::vocabulary! {
    /// In which capacity someone takes part in a hearing.
    pub enum ParticipantRole {
        Complainant = ("complainant", "Klager"),
        Respondent = ("respondent", "Beklaagde"),
        Witness = ("witness", "Getuige"),
        /// Someone else; heard only with the complainant's agreement,
        /// because it shares the complaint with them.
        ThirdParty = ("third_party", "Derde"),
    }
}

crate::vocabulary! {
    /// Whether complainant and respondent are heard together (the default
    /// of Awb 9:10 lid 1: in each other's presence) or apart.
    pub enum HearingSetting {
        Together = ("together", "In elkaars aanwezigheid"),
        Separately = ("separately", "Apart van elkaar"),
    }
}

crate::vocabulary! {
    /// Awb 9:10 lid 2: the only grounds on which the complainant need not be heard.
    pub enum HearingWaiverGround {
        /// Sub a: the complaint is evidently unfounded.
        EvidentlyUnfounded = ("evidently_unfounded", "De klacht is kennelijk ongegrond (Awb 9:10 lid 2 sub a)"),
        /// Sub b: the complainant said they do not want to be heard.
        ComplainantDeclined = ("complainant_declined", "De klager wil niet gehoord worden (Awb 9:10 lid 2 sub b)"),
        /// Sub c: asked to say within a reasonable term whether they want to
        /// be heard, the complainant did not answer.
        NoAnswerInTerm = ("no_answer_in_term", "De klager reageerde niet binnen de gestelde termijn (Awb 9:10 lid 2 sub c)"),
    }
}

/// Someone invited to a hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub role: ParticipantRole,
    pub name: String,
}

/// A planned hearing session and, once held, its report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    pub id: Uuid,
    pub at: Timestamp,
    pub place: String,
    pub setting: HearingSetting,
    pub participants: Vec<Participant>,
    /// 1, or 2 for a second round after accounts differed.
    pub round: u8,
    /// Held by the advisory committee (Awb 9:15).
    pub by_committee: bool,
    /// The complainant agreed that third parties take part.
    pub third_party_consent: bool,
    pub report: Option<HearingReport>,
}

impl Hearing {
    #[must_use]
    pub fn hears(&self, role: ParticipantRole) -> bool {
        self.participants.iter().any(|p| p.role == role)
    }

    #[must_use]
    pub const fn is_held(&self) -> bool {
        self.report.is_some()
    }
}

/// The report (*verslag*) of a hearing session (Awb 9:10 lid 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingReport {
    pub held_on: Date,
    pub text: String,
    /// The accounts of complainant and respondent differ, which may call
    /// for a second round.
    pub accounts_differ: bool,
}

/// The recorded decision not to hear the complainant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingWaiver {
    pub ground: HearingWaiverGround,
    pub explanation: String,
}

//! Evidence (*bewijsstukken*) on a case: documents, photos and audio
//! recordings, with what fairness asks around a recording (Awb 9:10 lid 1
//! and the ombudsman's *fair play*: the respondent may know and hear what is
//! held against them).
//!
//! The bytes themselves are stored beside the event by the store; the event
//! carries their content hash, so the hash chain covers the file too.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    DomainError,
    case::{Case, Context, EventPayload, Problems, trimmed},
    error::Field,
};

/// The largest file Gehoord accepts: a half-hour phone call as MP3 fits.
pub const MAX_EVIDENCE_BYTES: u64 = 25 * 1024 * 1024;

crate::vocabulary! {
    /// What kind of evidence a file is; follows from its content.
    pub enum EvidenceKind {
        Document = ("document", "Document"),
        Photo = ("photo", "Foto"),
        Audio = ("audio", "Geluidsopname"),
    }
}

crate::vocabulary! {
    /// Who provided the evidence.
    pub enum EvidenceSource {
        Complainant = ("complainant", "Klager"),
        Respondent = ("respondent", "Betrokken medewerker"),
        Organisation = ("organisation", "De organisatie"),
        Other = ("other", "Iemand anders"),
    }
}

/// The media types Gehoord accepts, found from the file's content (never
/// from its name), with their kind.
pub const ACCEPTED_MEDIA_TYPES: [(&str, EvidenceKind); 14] = [
    ("application/pdf", EvidenceKind::Document),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", EvidenceKind::Document),
    ("application/vnd.oasis.opendocument.text", EvidenceKind::Document),
    ("text/plain", EvidenceKind::Document),
    ("image/jpeg", EvidenceKind::Photo),
    ("image/png", EvidenceKind::Photo),
    ("image/heif", EvidenceKind::Photo),
    ("image/webp", EvidenceKind::Photo),
    ("audio/mpeg", EvidenceKind::Audio),
    ("audio/m4a", EvidenceKind::Audio),
    ("audio/x-wav", EvidenceKind::Audio),
    ("audio/ogg", EvidenceKind::Audio),
    ("audio/opus", EvidenceKind::Audio),
    ("audio/aac", EvidenceKind::Audio),
];

/// The kind of an accepted media type, or `None` when it is not accepted.
///
/// ```
/// use gehoord_domain::evidence::{EvidenceKind, kind_of};
/// assert_eq!(kind_of("audio/mpeg"), Some(EvidenceKind::Audio));
/// assert_eq!(kind_of("application/vnd.microsoft.portable-executable"), None);
/// ```
#[must_use]
pub fn kind_of(media_type: &str) -> Option<EvidenceKind> {
    ACCEPTED_MEDIA_TYPES.iter().find(|(t, _)| *t == media_type).map(|(_, k)| *k)
}

/// For an audio recording: whether it was announced to the people on it,
/// and whether the respondent was told about it and could listen to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioRecording {
    /// The people recorded knew it at the time.
    pub announced: bool,
    /// The respondent was told of the recording on this day.
    pub respondent_told_on: Option<Date>,
    /// The respondent could listen to it before the judgment.
    pub respondent_could_listen: bool,
}

/// One file of evidence on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: Uuid,
    /// The name the file came with, for people; never used to find the type.
    pub file_name: String,
    /// Found from the content.
    pub media_type: String,
    pub size: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub description: String,
    pub source: EvidenceSource,
    /// Set for audio recordings.
    pub audio: Option<AudioRecording>,
}

impl Evidence {
    #[must_use]
    pub fn kind(&self) -> Option<EvidenceKind> {
        kind_of(&self.media_type)
    }
}

/// Checks a new file of evidence and records it.
pub(crate) fn add(case: &Case, evidence: Evidence, p: &mut Problems) -> EventPayload {
    let kind = evidence.kind();
    p.check(
        kind.is_some(),
        Field::File,
        "Dit soort bestand nemen we niet aan. Kies een PDF-, Word- of OpenDocument-bestand, een foto (JPEG, PNG, HEIC of WebP) of een geluidsopname (MP3, M4A, WAV of OGG).",
    );
    p.check(evidence.size > 0, Field::File, "Het bestand is leeg. Kies een ander bestand.");
    p.check(
        evidence.size <= MAX_EVIDENCE_BYTES,
        Field::File,
        "Het bestand is te groot. Een bestand mag ten hoogste 25 MB zijn.",
    );
    p.check(
        evidence.sha256.len() == 64 && evidence.sha256.bytes().all(|b| b.is_ascii_hexdigit()),
        Field::File,
        "Het bestand is niet goed aangekomen. Probeer het nog eens.",
    );
    p.require(&evidence.description, Field::EvidenceDescription, "Beschrijf wat dit bestand laat zien of horen.");
    p.check(!case.evidence.iter().any(|e| e.id == evidence.id), Field::File, "Dit bestand is al toegevoegd.");
    let is_audio = kind == Some(EvidenceKind::Audio);
    p.check(
        is_audio || evidence.audio.is_none(),
        Field::Announced,
        "Alleen bij een geluidsopname geeft u aan of de opname was aangekondigd.",
    );
    p.check(
        !is_audio || evidence.audio.is_some(),
        Field::Announced,
        "Geef aan of de mensen op de opname wisten dat er werd opgenomen.",
    );
    let file_name = match evidence.file_name.trim() {
        "" => "bestand".to_owned(),
        name => name.chars().filter(|c| !c.is_control()).take(200).collect(),
    };
    EventPayload::EvidenceAdded(Evidence { file_name, description: trimmed(&evidence.description), ..evidence })
}

/// Records that the respondent was told of a recording and whether they
/// could listen to it.
pub(crate) fn disclose(
    case: &Case,
    id: Uuid,
    told_on: Date,
    could_listen: bool,
    ctx: &Context,
    p: &mut Problems,
) -> Result<EventPayload, DomainError> {
    let evidence = case.evidence.iter().find(|e| e.id == id).ok_or(DomainError::UnknownEvidence)?;
    if evidence.kind() != Some(EvidenceKind::Audio) {
        return Err(DomainError::NotARecording);
    }
    p.past_date(told_on, case, ctx, Field::ToldOn);
    Ok(EventPayload::AudioDisclosed { id, told_on, could_listen })
}

/// Fair play before a judgment: every recording was made known to the
/// respondent, who could listen to it.
#[must_use]
pub fn recordings_disclosed(case: &Case) -> bool {
    case.respondents.is_empty()
        || case
            .evidence
            .iter()
            .filter_map(|e| e.audio.as_ref())
            .all(|a| a.respondent_told_on.is_some() && a.respondent_could_listen)
}

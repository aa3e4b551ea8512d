//! Sending a letter: the check once more, overrides with their reasons, and
//! the letter kept as sent, with a hash of its content.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use super::{Delivery, Letter, Severity, check};
use crate::{
    DomainError,
    case::{Case, Context, EventPayload, Problems},
    error::Field,
};

/// The handler's reason to send despite a blocking finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub code: super::FindingCode,
    pub reason: String,
}

/// A letter as sent, and what happened to it since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentLetter {
    pub id: Uuid,
    pub letter: Letter,
    /// SHA-256 of the letter's stored JSON, hex.
    pub sha256: String,
    /// SHA-256 of the PDF kept with the letter, hex; `None` for letters
    /// sent before PDFs were stored (their event lacks the field).
    pub pdf_sha256: Option<String>,
    pub overrides: Vec<Override>,
    pub sent_at: Timestamp,
    pub sent_by: String,
    /// By e-mail: when the mail server took it.
    pub delivered_at: Option<Timestamp>,
    /// By post: the day it was posted.
    pub posted_on: Option<Date>,
}

/// The hash that identifies a letter's content.
#[must_use]
pub fn content_hash(letter: &Letter) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(letter).unwrap_or_default()))
}

/// Checks the letter once more and records it as sent. Every blocking
/// finding needs an override with a reason; the way it goes needs its
/// address.
pub(crate) fn send(
    case: &Case,
    id: Uuid,
    letter: Letter,
    overrides: Vec<Override>,
    pdf_sha256: Option<String>,
    ctx: &Context,
    p: &mut Problems,
) -> EventPayload {
    p.check(letter.reference == case.reference, Field::Letter, "Deze brief hoort bij een andere klacht.");
    p.check(!case.letters.iter().any(|l| l.id == id), Field::Letter, "Deze brief is al verstuurd.");
    for finding in check(&letter, case, &ctx.rules).iter().filter(|f| f.severity == Severity::Blocking) {
        let overridden = overrides.iter().any(|o| o.code == finding.code && !o.reason.trim().is_empty());
        p.check(overridden, Field::Letter, &finding.message);
    }
    match letter.delivery {
        Delivery::Email => p.check(
            letter.recipient.email.as_deref().is_some_and(|e| e.contains('@')),
            Field::Email,
            "Vul een e-mailadres in, of verstuur de brief per post.",
        ),
        Delivery::Post => p.check(
            letter.recipient.address.as_deref().is_some_and(|a| !a.trim().is_empty()),
            Field::Address,
            "Vul een adres in, of verstuur de brief per e-mail.",
        ),
    }
    let overrides = overrides.into_iter().filter(|o| !o.reason.trim().is_empty()).collect();
    EventPayload::LetterSent { id, sha256: content_hash(&letter), letter: Box::new(letter), overrides, pdf_sha256 }
}

/// The mail server accepted the letter (recorded by the system).
pub(crate) fn delivered(case: &Case, id: Uuid) -> Result<EventPayload, DomainError> {
    let sent = case.letters.iter().find(|l| l.id == id).ok_or(DomainError::UnknownLetter)?;
    if sent.delivered_at.is_some() {
        return Err(DomainError::LetterDelivered);
    }
    Ok(EventPayload::LetterDelivered { id })
}

/// A letter by post was posted on `on`.
pub(crate) fn posted(
    case: &Case,
    id: Uuid,
    on: Date,
    ctx: &Context,
    p: &mut Problems,
) -> Result<EventPayload, DomainError> {
    let sent = case.letters.iter().find(|l| l.id == id).ok_or(DomainError::UnknownLetter)?;
    p.check(sent.letter.delivery == Delivery::Post, Field::PostedOn, "Deze brief ging per e-mail.");
    p.check(on <= ctx.today(), Field::PostedOn, "De datum ligt in de toekomst. Kies vandaag of een eerdere dag.");
    p.check(on >= sent.letter.date, Field::PostedOn, "De datum ligt vóór de datum van de brief.");
    Ok(EventPayload::LetterPosted { id, on })
}

/// Folds the letter events.
pub(crate) fn apply(case: &mut Case, payload: &EventPayload, at: Timestamp, by: String) {
    match payload {
        EventPayload::LetterSent { id, letter, sha256, overrides, pdf_sha256 } => case.letters.push(SentLetter {
            id: *id,
            letter: (**letter).clone(),
            sha256: sha256.clone(),
            pdf_sha256: pdf_sha256.clone(),
            overrides: overrides.clone(),
            sent_at: at,
            sent_by: by,
            delivered_at: None,
            posted_on: None,
        }),
        EventPayload::LetterDelivered { id } => {
            if let Some(l) = case.letters.iter_mut().find(|l| l.id == *id) {
                l.delivered_at = Some(at);
            }
        }
        EventPayload::LetterPosted { id, on } => {
            if let Some(l) = case.letters.iter_mut().find(|l| l.id == *id) {
                l.posted_on = Some(*on);
            }
        }
        _ => {}
    }
}

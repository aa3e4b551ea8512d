//! Evidence on the case page: uploading a file (multipart; the CSRF layer
//! checks its token), downloading it, and recording that the respondent
//! was told of a recording and could listen to it.
//!
//! The type of a file comes from its content, never from its name or the
//! browser's say-so; the store keeps the bytes in the same transaction as
//! the event that carries their SHA-256.

use axum::{
    extract::{Multipart, Path, State},
    response::Response,
};
use gehoord_domain::{
    Command, Role,
    evidence::{AudioRecording, Evidence, EvidenceKind, EvidenceSource, MAX_EVIDENCE_BYTES, kind_of},
    time::date_in_amsterdam,
};
use gehoord_store::NewAttachment;
use serde::Deserialize;
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use super::{
    case::ActionForm,
    case_actions::{Attempt, choose, required_date, run, ticked, yes_no},
    case_id,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm},
};

const SECTION: &str = "bewijs";

/// The media type of `content`, from its first bytes; text that is valid
/// UTF-8 without control bytes is plain text.
#[must_use]
pub fn sniff(content: &[u8]) -> Option<&'static str> {
    if let Some(kind) = infer::get(content) {
        return Some(kind.mime_type());
    }
    let text = std::str::from_utf8(content).ok()?;
    let plain = !text.is_empty() && text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    plain.then_some("text/plain")
}

/// What the upload form sent.
#[derive(Debug, Default)]
struct Upload {
    file_name: String,
    content: Vec<u8>,
    description: String,
    source: String,
    announced: String,
}

/// Reads the multipart form; a broken body is a Dutch error page.
async fn read_upload(mut multipart: Multipart) -> Result<Upload, PageError> {
    let broken = |_| PageError::BadRequest("Het formulier is niet goed aangekomen. Probeer het nog eens.".to_owned());
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name().unwrap_or_default() {
            "file" => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                upload.content = field.bytes().await.map_err(broken)?.to_vec();
            }
            "evidenceDescription" => upload.description = field.text().await.map_err(broken)?,
            "source" => upload.source = field.text().await.map_err(broken)?,
            "announced" => upload.announced = field.text().await.map_err(broken)?,
            _ => {}
        }
    }
    Ok(upload)
}

/// Adds a file of evidence to the case.
pub async fn evidence_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let upload = read_upload(multipart).await?;
    let mut form = FormState::default()
        .with("evidenceDescription", &upload.description)
        .with("source", &upload.source)
        .with("announced", &upload.announced);
    if upload.content.is_empty() {
        form.error("file", "Kies een bestand.");
    }
    let source =
        choose(&upload.source, EvidenceSource::from_code, &mut form, "source", "Kies van wie het bestand komt.");
    // Unknown content keeps a type no rule accepts, so the rules name the problem.
    let media_type = sniff(&upload.content).unwrap_or("application/octet-stream");
    let audio = if kind_of(media_type) == Some(EvidenceKind::Audio) {
        yes_no(
            &upload.announced,
            &mut form,
            "announced",
            "Geef aan of de mensen op de opname wisten dat er werd opgenomen.",
        )
        .map(|announced| AudioRecording {
            announced,
            respondent_told_on: None,
            respondent_could_listen: false,
        })
    } else {
        None
    };
    let sha256 = hex::encode(Sha256::digest(&upload.content));
    let evidence = Evidence {
        id: Uuid::now_v7(),
        file_name: upload.file_name,
        media_type: media_type.to_owned(),
        size: u64::try_from(upload.content.len()).unwrap_or(MAX_EVIDENCE_BYTES + 1),
        sha256: sha256.clone(),
        description: upload.description,
        source: source.unwrap_or(EvidenceSource::Other),
        audio,
    };
    let file = NewAttachment { id: evidence.id, sha256, media_type: media_type.to_owned(), content: upload.content };
    let a = Attempt::new(ActionForm::Evidence, form, SECTION, "add_evidence")
        .command(Command::AddEvidence(evidence))
        .file(file)
        .order(&["file", "evidenceDescription", "source", "announced"]);
    run(&state, &staff, &csrf, id, a).await
}

/// Serves a stored file as a download, never inline: it came from outside.
pub async fn evidence_get(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, evidence)): Path<(String, String)>,
) -> Result<Response, PageError> {
    staff.require(Role::may_read_cases)?;
    let id = case_id(&id)?;
    let evidence = case_id(&evidence)?;
    let view = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let record = view.detail.evidence.iter().find(|e| e.id == evidence).ok_or(PageError::NotFound)?;
    let file = state.store.attachment(id, evidence).await?.ok_or(PageError::NotFound)?;
    tracing::info!(action = "download_evidence", case_id = %id, actor = %staff.0.id);
    Ok(crate::download::evidence_file(file, &record.file_name))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DisclosureForm {
    recording_id: String,
    told_on: String,
    could_listen: String,
}

/// Fair play: the respondent was told of a recording and could listen.
pub async fn disclosure_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<DisclosureForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("recordingId", &input.recording_id)
        .with("toldOn", &input.told_on)
        .with("couldListen", &input.could_listen);
    let recording =
        choose(&input.recording_id, |r| r.parse::<Uuid>().ok(), &mut form, "recordingId", "Kies de geluidsopname.");
    let told_on = required_date(&input.told_on, &mut form, "toldOn", "Vul een datum in zoals 15-03-2026.");
    let mut a = Attempt::new(ActionForm::Disclosure, form, SECTION, "disclose_recording").order(&[
        "recordingId",
        "toldOn",
        "couldListen",
    ]);
    if let Some(recording) = recording {
        a = a.command(Command::DiscloseRecording {
            id: recording,
            told_on: told_on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
            could_listen: ticked(&input.could_listen),
        });
    }
    run(&state, &staff, &csrf, id, a).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some("image/jpeg"));
        assert_eq!(sniff(b"ID3\x04\x00\x00\x00\x00\x00\x00"), Some("audio/mpeg"));
        assert_eq!(sniff("Gesprek met de klager, 3 maart.\n".as_bytes()), Some("text/plain"));
        assert_eq!(sniff(b"MZ\x90\x00\x03\x00\x00\x00"), Some("application/vnd.microsoft.portable-executable"));
        assert_eq!(sniff(b"\x00\x01\x02binary"), None);
        assert_eq!(sniff(b""), None);
    }
}

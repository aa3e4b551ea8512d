//! Evidence (*bewijsstukken*) on a complaint: what the complaint detail says
//! of each file, and `GET /v1/klachten/{id}/bewijs/{evidenceId}` for the
//! bytes. Adding evidence stays with staff in the case page.

use axum::{
    extract::{Path, State},
    response::Response,
};
use gehoord_domain::evidence::{self, ACCEPTED_MEDIA_TYPES};
use jiff::civil::Date;
use serde::Serialize;
use utoipa::{
    Modify, ToSchema,
    openapi::{ContentBuilder, RefOr},
};
use uuid::Uuid;

use super::{codes::EvidenceSourceCode, extract::Integration, problem::Problem};
use crate::AppState;

/// A file of evidence on a complaint. The bytes are at `href`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceItem {
    id: Uuid,
    /// The name the file came with, for people. The type never follows from it.
    file_name: String,
    /// The media type, found from the content, e.g. `application/pdf`.
    media_type: String,
    /// In bytes.
    size: u64,
    /// SHA-256 of the content, hex; also sent as `X-Content-SHA256` with the file.
    sha256: String,
    /// What the file shows or lets you hear.
    description: String,
    /// Who provided the file.
    source: EvidenceSourceCode,
    /// For an audio recording: whether it was announced and made known to
    /// the respondent (fair play). Null for other files.
    audio: Option<AudioRecording>,
    /// Where to download the file.
    href: String,
}

/// What fairness asks around a recording.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AudioRecording {
    /// The people recorded knew it at the time.
    announced: bool,
    /// When the respondent was told of the recording.
    #[schema(value_type = Option<String>, format = Date)]
    respondent_told_on: Option<Date>,
    /// The respondent could listen to it before the judgment.
    respondent_could_listen: bool,
}

/// The evidence of a complaint as the detail shows it.
pub fn evidence_items(case_id: Uuid, evidence: Vec<evidence::Evidence>) -> Vec<EvidenceItem> {
    evidence
        .into_iter()
        .map(|e| EvidenceItem {
            href: format!("/v1/klachten/{case_id}/bewijs/{}", e.id),
            id: e.id,
            file_name: e.file_name,
            media_type: e.media_type,
            size: e.size,
            sha256: e.sha256,
            description: e.description,
            source: EvidenceSourceCode(e.source),
            audio: e.audio.map(|a| AudioRecording {
                announced: a.announced,
                respondent_told_on: a.respondent_told_on,
                respondent_could_listen: a.respondent_could_listen,
            }),
        })
        .collect()
}

/// Download a file of evidence, always as an attachment: it came from outside.
#[utoipa::path(
    get,
    path = "/v1/klachten/{id}/bewijs/{evidenceId}",
    operation_id = "getEvidenceFile",
    tag = "klachten",
    params(
        ("id" = Uuid, Path, description = "De id van de klacht"),
        ("evidenceId" = Uuid, Path, description = "De id van het bewijsstuk, zie `evidence` van de klacht"),
    ),
    security(("apiToken" = [])),
    responses(
        (status = 200,
            description = "Het bestand, met het mediatype dat uit de inhoud volgt (PDF, Word, OpenDocument, tekst, foto of geluidsopname)",
            content(("application/octet-stream")),
            headers(
                ("Content-Disposition" = String, description = "Altijd `attachment`, met een veilige ASCII-bestandsnaam"),
                ("X-Content-SHA256" = String, description = "SHA-256 van de inhoud, hexadecimaal; gelijk aan `sha256` van het bewijsstuk"),
            )),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Onbekende klacht, of het bewijsstuk hoort niet bij deze klacht",
            body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_evidence_file(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path((id, evidence_id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let id: Uuid = id.parse().map_err(|_| Problem::not_found())?;
    let evidence_id: Uuid = evidence_id.parse().map_err(|_| Problem::not_found())?;
    let view = state.store.case_view(id).await?.ok_or_else(Problem::not_found)?;
    let record = view.detail.evidence.iter().find(|e| e.id == evidence_id).ok_or_else(Problem::not_found)?;
    let file = state.store.attachment(id, evidence_id).await?.ok_or_else(Problem::not_found)?;
    tracing::info!(action = "download_evidence", case_id = %id, evidence_id = %evidence_id, actor = %token.id, origin = "api");
    Ok(crate::download::evidence_file(file, &record.file_name))
}

/// Lists the media types a downloaded file can have, from the domain's list
/// of accepted types, as the content of the file's 200 response.
pub struct EvidenceMediaTypes;

impl Modify for EvidenceMediaTypes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(operation) =
            openapi.paths.paths.get_mut("/v1/klachten/{id}/bewijs/{evidenceId}").and_then(|p| p.get.as_mut())
        else {
            return;
        };
        if let Some(RefOr::T(ok)) = operation.responses.responses.get_mut("200") {
            ok.content = ACCEPTED_MEDIA_TYPES
                .iter()
                .map(|(media_type, _)| ((*media_type).to_owned(), ContentBuilder::new().into()))
                .collect();
        }
    }
}

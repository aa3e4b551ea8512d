//! The `/v1` JSON API, following the Dutch API Design Rules: Dutch plural
//! resource names, camelCase members, problem+json errors, an `API-Version`
//! header on every response and a public OpenAPI document.

mod codes;
mod complaints;
mod conduct;
mod evidence;
mod extract;
mod formal;
mod insight;
mod lessons;
mod norms;
mod problem;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::{get, post},
};
pub use problem::Problem;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use self::evidence::EvidenceMediaTypes;
use crate::AppState;

/// The API's semantic version, sent as `API-Version` on every response.
pub const API_VERSION: &str = "1.0.0";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Gehoord API",
        version = "1.0.0",
        description = "Submit and read complaints (klachten), with their terms, formal handling, evidence files and conduct protocols, list the 22 propriety norms (normen) judgments are tested against, keep the lessons register (leerpunten) and read the dashboard's figures (inzicht). Submitting and the norms are public, like the complaint form; reading complaints needs an API token (`gehoord api-token create`), sent as `Authorization: Bearer <token>`. Every error is application/problem+json (RFC 9457) with a stable `code` and a Dutch `detail` that can be shown to people. Every response carries `API-Version`."
    ),
    paths(
        complaints::create_complaint,
        complaints::get_complaint,
        evidence::get_evidence_file,
        complaints::list_complaints,
        norms::list_norms,
        lessons::list_lessons,
        lessons::create_lesson,
        lessons::get_lesson,
        lessons::agree_lesson,
        lessons::complete_lesson,
        lessons::reject_lesson,
        lessons::reconsider_lesson,
        lessons::record_citizens_told,
        insight::get_insight
    ),
    modifiers(&BearerAuth, &EvidenceMediaTypes),
    tags(
        (name = "klachten", description = "Klachten en uitingen van onvrede"),
        (name = "normen", description = "De 22 behoorlijkheidsvereisten van de Nationale ombudsman"),
        (name = "leerpunten", description = "Het register van leerpunten: wat de organisatie leert van klachten"),
        (name = "inzicht", description = "De cijfers van het dashboard: ontvangen, afgehandeld, doorlooptijden, oordelen")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "apiToken",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The OpenAPI document as JSON text (also used by tests and snapshots).
#[must_use]
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/klachten", get(complaints::list_complaints).post(complaints::create_complaint))
        .route("/klachten/{id}", get(complaints::get_complaint))
        .route("/klachten/{id}/bewijs/{evidence_id}", get(evidence::get_evidence_file))
        .route("/normen", get(norms::list_norms))
        .route("/leerpunten", get(lessons::list_lessons).post(lessons::create_lesson))
        .route("/leerpunten/{id}", get(lessons::get_lesson))
        .route("/leerpunten/{id}/afspreken", post(lessons::agree_lesson))
        .route("/leerpunten/{id}/uitvoeren", post(lessons::complete_lesson))
        .route("/leerpunten/{id}/afwijzen", post(lessons::reject_lesson))
        .route("/leerpunten/{id}/opnieuw-voorstellen", post(lessons::reconsider_lesson))
        .route("/leerpunten/{id}/burgers-geinformeerd", post(lessons::record_citizens_told))
        .route("/inzicht", get(insight::get_insight))
        .route("/openapi.json", get(openapi))
        .fallback(|| async { Problem::not_found() })
        .layer(axum::middleware::from_fn(api_version))
}

/// `GET /v1/openapi.json`: public, readable from any origin.
async fn openapi() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        openapi_json(),
    )
}

async fn api_version(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert("api-version", HeaderValue::from_static(API_VERSION));
    response
}

//! The `/v1` JSON API, following the Dutch API Design Rules: Dutch plural
//! resource names, camelCase members, problem+json errors, an `API-Version`
//! header on every response and a public OpenAPI document.

mod codes;
mod complaints;
mod conduct;
mod evidence;
mod extract;
mod formal;
mod norms;
mod problem;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
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
        description = "Submit and read complaints (klachten), with their terms, formal handling, evidence files and conduct protocols, and list the 22 propriety norms (normen) judgments are tested against. Submitting and the norms are public, like the complaint form; reading complaints needs an API token (`gehoord api-token create`), sent as `Authorization: Bearer <token>`. Every error is application/problem+json (RFC 9457) with a stable `code` and a Dutch `detail` that can be shown to people. Every response carries `API-Version`."
    ),
    paths(
        complaints::create_complaint,
        complaints::get_complaint,
        evidence::get_evidence_file,
        complaints::list_complaints,
        norms::list_norms
    ),
    modifiers(&BearerAuth, &EvidenceMediaTypes),
    tags(
        (name = "klachten", description = "Klachten en uitingen van onvrede"),
        (name = "normen", description = "De 22 behoorlijkheidsvereisten van de Nationale ombudsman")
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

//! RFC 9457 problem details: every API error, with a stable code and a Dutch
//! explanation.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use gehoord_domain::{DomainError, error::FieldError};
use gehoord_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error as `application/problem+json` (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// A URI reference naming the kind of problem; stable per `code`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short Dutch summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// A Dutch explanation of this occurrence.
    pub detail: String,
    /// A stable machine-readable code.
    pub code: String,
    /// For invalid input: every problem with every member.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// One invalid member of the request.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvalidParam {
    /// The member, e.g. `description` or `complainant.email`.
    pub name: String,
    pub code: String,
    /// Dutch, for people.
    pub reason: String,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            kind: format!("/v1/problemen#{code}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            code: code.to_owned(),
            invalid_params: Vec::new(),
        }
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "Niet gevonden", "Deze bron bestaat niet.")
    }

    pub fn bad_request(code: &str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, "Ongeldige invoer", detail)
    }

    pub fn invalid(params: Vec<InvalidParam>) -> Self {
        let mut p = Self::bad_request("invalid", "De gegevens zijn niet volledig of niet juist. Zie invalidParams.");
        p.invalid_params = params;
        p
    }

    /// Input problems; contact details live under `complainant` in the API.
    pub fn from_fields(errors: &[FieldError]) -> Self {
        Self::invalid(
            errors
                .iter()
                .map(|e| {
                    let name = e.field.name();
                    let is_contact = matches!(name, "name" | "email" | "phone" | "address");
                    InvalidParam {
                        name: if is_contact { format!("complainant.{name}") } else { name.to_owned() },
                        code: "invalid".to_owned(),
                        reason: e.message.clone(),
                    }
                })
                .collect(),
        )
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Niet aangemeld",
            "Stuur een geldig API-token mee als `Authorization: Bearer <token>`. Een token maakt u met `gehoord api-token create`.",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Interne fout",
            "Er ging iets mis bij ons. Probeer het later opnieuw; er is niets half opgeslagen.",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Domain(DomainError::Invalid(errors)) => Self::from_fields(&errors),
            StoreError::Domain(DomainError::NotRegistered) | StoreError::NotFound => Self::not_found(),
            StoreError::Domain(d) => Self::new(StatusCode::CONFLICT, d.code(), "Niet mogelijk", d.to_string()),
            StoreError::Conflict => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                "Gelijktijdige wijziging",
                "De klacht is tegelijk door iemand anders gewijzigd. Probeer het opnieuw.",
            ),
            other => {
                tracing::error!(error = %other, "API request failed");
                Self::internal()
            }
        }
    }
}

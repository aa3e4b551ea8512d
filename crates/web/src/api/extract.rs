//! Request extractors for the API whose failures are problem+json.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{StatusCode, header, request::Parts},
};
use gehoord_store::ApiToken;
use serde::de::DeserializeOwned;

use super::problem::Problem;
use crate::AppState;

/// A JSON body: 415 without a JSON content type, 413 when too large, 400
/// for malformed JSON, unknown members or wrong types.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Verkeerd formaat",
                "Stuur de gegevens als JSON met de header `Content-Type: application/json`.",
            )),
            Err(JsonRejection::JsonSyntaxError(e)) => {
                Err(Problem::bad_request("malformed_json", format!("De JSON is niet geldig: {}", e.body_text())))
            }
            Err(JsonRejection::JsonDataError(e)) => Err(Problem::bad_request(
                "invalid_json",
                format!("De JSON past niet bij wat deze bron verwacht (onbekend of verkeerd veld): {}", e.body_text()),
            )),
            Err(JsonRejection::BytesRejection(e)) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Te groot",
                "Het verzoek is groter dan toegestaan. Er is niets opgeslagen.",
            )),
            Err(e) => Err(Problem::bad_request(
                "unreadable_body",
                format!("Het verzoek kon niet gelezen worden: {}", e.body_text()),
            )),
        }
    }
}

/// The API token of an integrating system, from `Authorization: Bearer …`.
#[derive(Debug, Clone)]
pub struct Integration(pub ApiToken);

/// Like [`Integration`], but absent when no `Authorization` header is sent
/// (public endpoints); a header with a wrong token is still refused.
#[derive(Debug, Clone)]
pub struct MaybeIntegration(pub Option<ApiToken>);

async fn token(parts: &Parts, state: &AppState) -> Result<Option<ApiToken>, Problem> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let secret = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(Problem::unauthorized)?;
    match state.store.api_token(secret).await? {
        Some(t) => Ok(Some(t)),
        None => Err(Problem::unauthorized()),
    }
}

impl FromRequestParts<AppState> for Integration {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        token(parts, state).await?.map(Self).ok_or_else(Problem::unauthorized)
    }
}

impl FromRequestParts<AppState> for MaybeIntegration {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Self(token(parts, state).await?))
    }
}

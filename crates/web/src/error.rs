//! Errors at the edge: a Dutch error page for people, problem+json for the API.

use std::any::Any;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    http::{HeaderValue, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};
use gehoord_domain::DomainError;
use gehoord_store::StoreError;

use crate::{api::Problem, view::Layout};

/// Something went wrong while serving a page.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("payload too large")]
    TooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// Too many public POSTs from one client in a short time.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("form token mismatch")]
    FormExpired,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("internal: {0}")]
    Internal(String),
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    title: &'static str,
    message: String,
}

impl PageError {
    fn status_title_message(&self) -> (StatusCode, &'static str, String) {
        match self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "Pagina niet gevonden",
                "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de vorige pagina.".to_owned(),
            ),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                "Geen toegang",
                "U hebt geen rechten om deze pagina te zien. Denkt u dat dit niet klopt? Vraag het aan de functioneel beheerder.".to_owned(),
            ),
            Self::BadRequest(message) => (StatusCode::BAD_REQUEST, "Dit ging niet goed", message.clone()),
            Self::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Uw bericht is te groot",
                "Wat u stuurde is te groot om te verwerken. Maak de tekst korter of stuur bijlagen apart. Er is niets opgeslagen.".to_owned(),
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Dit formulier kunnen we niet lezen",
                "Gebruik het formulier op deze website. Er is niets opgeslagen.".to_owned(),
            ),
            Self::TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "Even wachten, alstublieft",
                "U hebt in korte tijd vaak iets verstuurd. Wacht een minuut en probeer het opnieuw. Er is niets opgeslagen. Lukt het dan nog niet? Bel ons.".to_owned(),
            ),
            Self::FormExpired => (
                StatusCode::FORBIDDEN,
                "Het formulier is verlopen",
                "Ga terug, laad de pagina opnieuw en verstuur het formulier nog een keer. Er is niets opgeslagen.".to_owned(),
            ),
            Self::Conflict(message) => (StatusCode::CONFLICT, "Dit kan nu niet", message.clone()),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Er ging iets mis bij ons",
                "Probeer het over een paar minuten opnieuw. Lukt het dan nog niet? Neem contact met ons op.".to_owned(),
            ),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if let Self::Internal(detail) = &self {
            tracing::error!(error = %detail, "page failed");
        }
        let (status, title, message) = self.status_title_message();
        let page = ErrorPage { layout: Layout::new(None, None, ""), title, message };
        let mut response = (status, page).into_response();
        if let Self::TooManyRequests { retry_after_secs } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Domain(DomainError::NotRegistered) | StoreError::NotFound => Self::NotFound,
            StoreError::Domain(DomainError::NotPermitted) => Self::Forbidden,
            StoreError::Domain(d @ DomainError::CaseClosed) => Self::Conflict(d.to_string()),
            StoreError::Domain(d) => Self::BadRequest(d.to_string()),
            StoreError::Conflict => Self::Conflict(
                "Iemand anders heeft deze klacht net gewijzigd. Laad de pagina opnieuw en probeer het nog eens."
                    .to_owned(),
            ),
            other => Self::Internal(other.to_string()),
        }
    }
}

/// Unknown paths: problem+json under `/v1`, a Dutch page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path() == "/v1" || uri.path().starts_with("/v1/") {
        Problem::not_found().into_response()
    } else {
        PageError::NotFound.into_response()
    }
}

/// A handler panicked: log it and answer 500 without details.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    PageError::Internal(format!("panic: {detail}")).into_response()
}

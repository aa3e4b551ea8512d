//! Staff login sessions: an opaque random token in an `HttpOnly` cookie,
//! stored hashed in the database so any app node can check it.

use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{Actor, Role};
use gehoord_store::User;

use crate::{AppState, csrf::cookie, error::PageError};

pub const SESSION_COOKIE: &str = "gehoord_session";

/// A logged-in, active staff member. Pages that take this extractor send
/// visitors without a session to the login page, and back afterwards.
#[derive(Debug, Clone)]
pub struct Staff(pub User);

impl Staff {
    /// Refuses the request unless the role allows it.
    pub fn require(&self, allowed: fn(Role) -> bool) -> Result<(), PageError> {
        if allowed(self.0.role) { Ok(()) } else { Err(PageError::Forbidden) }
    }

    #[must_use]
    pub fn actor(&self) -> Actor {
        Actor::Staff { user_id: self.0.id, name: self.0.display_name.clone() }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
            match state.store.session_user(token, state.clock.now()).await {
                Ok(Some(user)) => return Ok(Self(user)),
                Ok(None) => {}
                Err(e) => return Err(PageError::from(e).into_response()),
            }
        }
        let back = parts.uri.path_and_query().map_or("/klachten", |p| p.as_str());
        Err(Redirect::to(&format!("/inloggen?terug={}", encode_path(back))).into_response())
    }
}

/// Percent-encodes a local path for use in a query parameter.
fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Only local paths are followed after login, never another site.
#[must_use]
pub fn safe_return_path(candidate: Option<&str>) -> &str {
    match candidate {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p,
        _ => "/klachten",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/klachten/abc")), "/klachten/abc");
        assert_eq!(safe_return_path(Some("//evil.example")), "/klachten");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/klachten");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/klachten");
        assert_eq!(safe_return_path(None), "/klachten");
    }

    #[test]
    fn paths_are_encoded_for_a_query() {
        assert_eq!(encode_path("/klachten?toon=mijn&pagina=2"), "/klachten%3Ftoon%3Dmijn%26pagina%3D2");
    }
}

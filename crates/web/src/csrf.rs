//! CSRF protection for every HTML form, in one place.
//!
//! Double-submit cookie: each browser gets a random token in an `HttpOnly`,
//! `SameSite=Lax` cookie; every form carries the same token in a hidden
//! `_csrf` field; a form POST whose field does not match the cookie is
//! refused before any handler runs. A cross-site page can neither read the
//! cookie nor set it, so it cannot forge the field. Works for the public form
//! (no session) and the staff pages alike. The JSON API is exempt: it uses
//! bearer tokens or is public by design, and browsers cannot send JSON
//! cross-site without CORS consent.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use gehoord_store::secret::new_token;

use crate::{AppState, error::PageError};

pub const CSRF_COOKIE: &str = "gehoord_csrf";
pub const CSRF_FIELD: &str = "_csrf";

/// The token for forms rendered in this request.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with our fixed attributes.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> Option<HeaderValue> {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).ok()
}

fn is_token(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The `_csrf` field of a multipart body. Forms put it first, so only the
/// first part is read in practice.
async fn multipart_field(content_type: &str, body: axum::body::Bytes) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(part)) = multipart.next_field().await {
        if part.name() == Some(CSRF_FIELD) {
            return part.text().await.ok();
        }
    }
    None
}

/// Whether a page route takes files: only these accept a multipart body, read
/// up to the upload limit. Every other form is urlencoded and small, so a
/// multipart POST elsewhere is refused before its body is read.
fn takes_files(path: &str) -> bool {
    let mut segments = path.strip_prefix('/').unwrap_or(path).split('/');
    match (segments.next(), segments.next(), segments.next(), segments.next()) {
        // Evidence for a case: /klachten/{id}/bewijs.
        (Some("klachten"), Some(id), Some("bewijs"), None) => !id.is_empty(),
        // The organisation's house style with its logo: /beheer/huisstijl.
        (Some("beheer"), Some("huisstijl"), None, None) => true,
        // The public complaint form, whose check page takes attachments.
        (Some("klacht-indienen"), None, None, None) => true,
        // The citizen's status page: a file with more information.
        (Some("mijn-klacht"), Some(token), Some("informatie"), None) => !token.is_empty(),
        _ => false,
    }
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `_csrf` field of an urlencoded body (the token is hex, so no decoding).
fn field(body: &[u8]) -> Option<&str> {
    std::str::from_utf8(body)
        .ok()?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == CSRF_FIELD)
        .map(|(_, v)| v)
}

pub async fn protect_forms(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with("/v1") || path.starts_with("/static/") || path == "/healthz" || path == "/readyz" {
        return next.run(request).await;
    }
    let existing = cookie(request.headers(), CSRF_COOKIE).filter(|t| is_token(t)).map(str::to_owned);

    if request.method() == Method::POST {
        let Some(expected) = existing else {
            return PageError::FormExpired.into_response();
        };
        let content_type =
            request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let multipart = content_type.starts_with("multipart/form-data");
        let accepted =
            if multipart { takes_files(path) } else { content_type.starts_with("application/x-www-form-urlencoded") };
        if !accepted {
            return PageError::UnsupportedMediaType.into_response();
        }
        // Files come only as multipart, and only they may be large.
        let limit = if multipart { state.config.upload_limit } else { state.config.body_limit };
        let (parts, body) = request.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
            return PageError::TooLarge.into_response();
        };
        let given = if multipart {
            multipart_field(&content_type, bytes.clone()).await
        } else {
            field(&bytes).map(str::to_owned)
        };
        if !given.is_some_and(|given| same(&given, &expected)) {
            tracing::warn!("form refused: CSRF token missing or wrong");
            return PageError::FormExpired.into_response();
        }
        request = Request::from_parts(parts, Body::from(bytes));
        request.extensions_mut().insert(CsrfToken(expected));
        return next.run(request).await;
    }

    let (token, fresh) = match existing {
        Some(t) => (t, false),
        None => match new_token("") {
            Ok(t) => (t, true),
            Err(e) => return PageError::Internal(e.to_string()).into_response(),
        },
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if fresh && let Some(v) = set_cookie(CSRF_COOKIE, &token, None, state.config.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for CsrfToken {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Self>().cloned().ok_or_else(|| PageError::Internal("CSRF layer missing".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_among_others() {
        let t = "a".repeat(64);
        let body = format!("description=hallo&_csrf={t}&name=x");
        assert_eq!(field(body.as_bytes()), Some(t.as_str()));
        assert_eq!(field(b"description=hallo"), None);
    }

    #[test]
    fn reads_cookies_from_several_headers() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; gehoord_csrf=abc"));
        h.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(cookie(&h, "gehoord_csrf"), Some("abc"));
        assert_eq!(cookie(&h, "b"), Some("2"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn tokens_compare_exactly() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert!(is_token(&"0f".repeat(32)));
        assert!(!is_token("xyz"));
    }

    #[test]
    fn only_the_upload_routes_take_files() {
        assert!(takes_files("/klachten/0190f3b2-8c4e-7d1a-9f00-123456789abc/bewijs"));
        assert!(takes_files("/beheer/huisstijl"));
        assert!(takes_files("/klacht-indienen"));
        assert!(takes_files("/mijn-klacht/0123abcd/informatie"));
        assert!(!takes_files("/mijn-klacht/0123abcd/heropenen"));
        for path in [
            "/klachten//bewijs",
            "/klachten/0190f3b2/bewijs/opname",
            "/klachten/0190f3b2/bewijs/",
            "/klachten/0190f3b2/contact",
            "/klachten/registreren",
            "/klacht-indienen/ontvangen/x",
            "/beheer/huisstijl/logo",
            "/beheer/instellingen",
            "/beheer/briefteksten",
            "/inloggen",
            "/",
        ] {
            assert!(!takes_files(path), "{path}");
        }
    }
}

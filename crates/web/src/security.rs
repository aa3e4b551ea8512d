//! Response headers that protect every page and the request span that logs
//! without personal data.

use axum::{
    extract::{MatchedPath, Request},
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Our own stylesheet, compiled into the binary. No third-party assets.
const STYLESHEET: &str = include_str!("../static/gehoord.css");

/// Sets security headers on every response. The CSP allows only our own
/// resources and no scripts at all: every flow works without JavaScript.
pub async fn headers(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/v1");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(h, header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()");
    // Pages can hold personal data; never keep them in shared caches. The
    // OpenAPI document and the stylesheet set their own policy.
    if !is_api {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    response
}

/// `GET /static/gehoord.css`.
pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLESHEET)
}

/// The tracing span per request: method and route template, never the raw
/// query string or body, which may carry personal data.
pub fn request_span(request: &Request) -> tracing::Span {
    let route = request.extensions().get::<MatchedPath>().map_or("(unmatched)", MatchedPath::as_str);
    tracing::info_span!("request", method = %request.method(), route = %route)
}

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
/// path, query string or body, which may carry personal data or a secret
/// (the status page's link is `/mijn-klacht/{token}`: the span says just that).
pub fn request_span(request: &Request) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), route = %route_of(request))
}

/// The route template the request matched, or `(unmatched)`.
fn route_of(request: &Request) -> &str {
    request.extensions().get::<MatchedPath>().map_or("(unmatched)", MatchedPath::as_str)
}

#[cfg(test)]
mod tests {
    use axum::{Router, body::Body, routing::get};
    use tower::ServiceExt;

    use super::*;

    /// What the span would log for `path`, through real routing.
    async fn logged_route(path: &str) -> String {
        let echo = |request: Request| async move { route_of(&request).to_owned() };
        let app =
            Router::new().route("/mijn-klacht/{token}", get(echo)).route("/klachten/{id}", get(echo)).fallback(echo);
        let response = app.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
        let bytes = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[tokio::test]
    async fn tokens_and_ids_in_the_path_are_never_logged() {
        let token = "k7Qh2vX9pL4mN8rT1wZ5yB3cD6fG0jH";
        assert_eq!(logged_route(&format!("/mijn-klacht/{token}")).await, "/mijn-klacht/{token}");
        assert_eq!(logged_route(&format!("/mijn-klacht/{token}/bijlage?naam=jan")).await, "(unmatched)");
        assert_eq!(logged_route("/klachten/0190f3b2-8c4e-7d1a-9f00-123456789abc").await, "/klachten/{id}");
        assert_eq!(logged_route("/iets/anders?email=jan@example.org").await, "(unmatched)");
    }
}

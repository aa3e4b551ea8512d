//! The HTTP adapter of Gehoord: server-rendered Dutch pages for citizens and
//! staff, and the `/v1` JSON API for integrating systems.
//!
//! Handlers are thin: they turn a request into a domain command, let the
//! store run it, and render the result. Rules live in `gehoord-domain`.

mod api;
mod auth;
pub mod charts;
mod clock;
mod csrf;
mod download;
mod error;
pub mod export;
mod forms;
mod intake;
pub mod outbox;
mod pages;
mod ratelimit;
mod security;
mod view;

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    extract::{DefaultBodyLimit, State},
    http::StatusCode,
    response::IntoResponse,
    routing::get,
};
use gehoord_domain::{Actor, Context, case::Rules};
use gehoord_store::{IntakeQueue, Store, StoreError};
use jiff::SignedDuration;
use tower_http::{catch_panic::CatchPanicLayer, timeout::TimeoutLayer, trace::TraceLayer};

pub use api::openapi_json;
pub use clock::Clock;
pub use ratelimit::PostLimit;

/// How the web adapter behaves; built by the binary from its flags.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (serve over HTTPS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// The largest request body accepted, in bytes. Descriptions have no
    /// maximum length, but a request has to end somewhere.
    pub body_limit: usize,
    /// Largest multipart request: one evidence file and the form around it.
    pub upload_limit: usize,
    /// How long a staff login lasts.
    pub session_ttl: SignedDuration,
    /// The rate limit on POSTs anyone can send (the complaint form, the
    /// status page), per client address; `None` switches it off.
    pub public_post_limit: Option<PostLimit>,
    /// Behind a reverse proxy: take the client's address from the last
    /// `X-Forwarded-For` entry instead of the connection. Only when the proxy
    /// sets that header, or clients could choose their own address.
    pub trust_forwarded_for: bool,
    /// The address citizens reach Gehoord at (`https://klachten.example.nl`),
    /// for the private link in e-mails. Never taken from a request's Host
    /// header: a forged one would put someone else's site in our e-mail.
    pub public_url: Option<String>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            body_limit: 2 * 1024 * 1024,
            upload_limit: usize::try_from(gehoord_domain::evidence::MAX_EVIDENCE_BYTES).unwrap_or(usize::MAX)
                + 64 * 1024,
            session_ttl: SignedDuration::from_hours(10),
            public_post_limit: Some(PostLimit::default()),
            trust_forwarded_for: false,
            public_url: None,
        }
    }
}

/// Shared state of every handler.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub store: Store,
    /// Registrations go through the group-commit writer (see `IntakeQueue`).
    pub intake: IntakeQueue,
    pub config: WebConfig,
    pub clock: Clock,
}

impl AppState {
    /// Must be called on a Tokio runtime: it starts the intake writer.
    #[must_use]
    pub fn new(store: Store, config: WebConfig, clock: Clock) -> Self {
        let intake = IntakeQueue::start(store.clone());
        Self(Arc::new(Inner { store, intake, config, clock }))
    }
}

impl Inner {
    /// The organisation's calendar and service norms, as stored now (read per
    /// request, so a change on one app node holds on every node at once).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn rules(&self) -> Result<Rules, StoreError> {
        self.store.rules().await
    }

    /// The context for a command by `actor`, now, under this organisation's rules.
    ///
    /// # Errors
    /// When the rules cannot be read.
    pub async fn context(&self, actor: Actor) -> Result<Context, StoreError> {
        Ok(Context::new(self.clock.now(), actor).with_rules(self.rules().await?))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The whole application: pages, API, health checks and the layers that
/// guard them (body limit, CSRF on forms, rate limit on public POSTs,
/// security headers, panics caught).
///
/// Serve it with `into_make_service_with_connect_info::<SocketAddr>()`: the
/// rate limit counts per client address and skips requests without one.
pub fn router(state: AppState) -> Router {
    let limit = state.config.body_limit;
    Router::new()
        .merge(pages::router())
        .nest("/v1", api::router())
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/gehoord.css", get(security::stylesheet))
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::protect_forms))
        // Before CSRF reads the body: a request over the limit is not read at all.
        .layer(axum::middleware::from_fn_with_state(
            ratelimit::Limits::from_config(&state.config),
            ratelimit::limit_public_posts,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(limit))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(TraceLayer::new_for_http().make_span_with(security::request_span))
        .with_state(state)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; load balancers send traffic only then.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

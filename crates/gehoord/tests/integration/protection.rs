//! Protection of the public forms without barriers, over in-process HTTP on both
//! databases: the rate limit per client address on public POSTs (429, Retry-After, a
//! Dutch page, nothing stored; other clients and staff untouched) and the Dutch page
//! for a form that is too large.
//!
//! The in-process harness sends requests without a connection; here each request
//! carries the peer address a real listener would give it (`ConnectInfo`).

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use gehoord_web::{PostLimit, WebConfig};

use crate::harness::{Db, TestApp, TestResponse, encode};

/// 10 POSTs at once, and then only one a minute: the 11th quick one is refused.
fn config(trust_forwarded_for: bool) -> WebConfig {
    WebConfig {
        public_post_limit: Some(PostLimit { per_minute: 1.try_into().unwrap(), burst: 10.try_into().unwrap() }),
        trust_forwarded_for,
        ..WebConfig::default()
    }
}

/// A citizen's browser at one address: the CSRF cookie from the form, then POSTs.
struct Visitor<'a> {
    app: &'a TestApp,
    peer: Option<SocketAddr>,
    forwarded_for: Option<&'static str>,
    csrf: String,
}

impl<'a> Visitor<'a> {
    async fn at(app: &'a TestApp, peer: Option<&str>) -> Self {
        let page = app.send(Request::get("/klacht-indienen").body(Body::empty()).unwrap()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let cookie = page.header("set-cookie").expect("a CSRF cookie");
        let csrf = cookie.split(';').next().unwrap().strip_prefix("gehoord_csrf=").unwrap().to_owned();
        Self { app, peer: peer.map(|p| p.parse().unwrap()), forwarded_for: None, csrf }
    }

    fn via_proxy(mut self, forwarded_for: &'static str) -> Self {
        self.forwarded_for = Some(forwarded_for);
        self
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut all: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        all.push(("_csrf", self.csrf.clone()));
        let mut request = Request::post(path)
            .header(header::COOKIE, format!("gehoord_csrf={}", self.csrf))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(forwarded) = self.forwarded_for {
            request = request.header("x-forwarded-for", forwarded);
        }
        let mut request = request.body(Body::from(encode(&all))).unwrap();
        if let Some(peer) = self.peer {
            request.extensions_mut().insert(ConnectInfo(peer));
        }
        self.app.send(request).await
    }

    /// A complaint form with nothing filled in: refused by validation, nothing stored.
    async fn post_empty_form(&self) -> TestResponse {
        self.post("/klacht-indienen", &[("description", "")]).await
    }
}

fn assert_limited(r: &TestResponse) {
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let wait: u64 = r.header("retry-after").expect("Retry-After").parse().expect("seconds");
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    assert!(r.body.contains("<html lang=\"nl\">"));
    assert!(r.body.contains("U hebt in korte tijd vaak iets verstuurd. Wacht een minuut en probeer het opnieuw."));
    assert!(r.body.contains("Lukt het dan nog niet? Bel ons."));
    assert!(r.body.contains("Er is niets opgeslagen."));
    assert!(r.headers.get("content-security-policy").is_some(), "the usual security headers");
}

/// Runs each check once on SQLite and once on PostgreSQL.
macro_rules! on_both_dbs {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(super::Db::Sqlite).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(super::Db::Postgres).await;
                }
            }
        )*
    };
}

on_both_dbs!(
    the_eleventh_quick_post_is_refused_and_nothing_is_stored,
    other_clients_and_staff_are_not_affected,
    the_status_page_posts_share_the_limit,
    a_trusted_proxy_names_the_client,
    requests_without_a_peer_are_not_limited,
    a_form_that_is_too_large_gets_a_dutch_page,
);

async fn the_eleventh_quick_post_is_refused_and_nothing_is_stored(kind: Db) {
    let app = TestApp::spawn_with(kind, config(false)).await;
    app.set_up_organisation().await;
    let citizen = Visitor::at(&app, Some("192.0.2.10:50000")).await;
    for i in 1..=10 {
        let r = citizen.post_empty_form().await;
        assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS, "POST {i} is within the limit");
    }
    let before = app.counts().await;
    // Even a complete complaint is refused now, before it is read.
    let r =
        citizen.post("/klacht-indienen", &[("description", "Mijn container is niet geleegd."), ("name", "Jan")]).await;
    assert_limited(&r);
    assert_eq!(app.counts().await, before, "nothing stored");
    // The same citizen can still read the form.
    let form = app.send(Request::get("/klacht-indienen").body(Body::empty()).unwrap()).await;
    assert_eq!(form.status, StatusCode::OK);
    // A new port is the same client.
    let again = Visitor::at(&app, Some("192.0.2.10:50001")).await;
    assert_limited(&again.post_empty_form().await);
}

async fn other_clients_and_staff_are_not_affected(kind: Db) {
    let app = TestApp::spawn_with(kind, config(false)).await;
    app.set_up_organisation().await;
    let busy = Visitor::at(&app, Some("192.0.2.10:50000")).await;
    for _ in 0..10 {
        busy.post_empty_form().await;
    }
    assert_limited(&busy.post_empty_form().await);

    let neighbour = Visitor::at(&app, Some("192.0.2.11:50000")).await;
    let r = neighbour.post_empty_form().await;
    assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS, "another address has its own limit");
    let ipv6 = Visitor::at(&app, Some("[2001:db8:1:2::1]:443")).await;
    assert_ne!(ipv6.post_empty_form().await.status, StatusCode::TOO_MANY_REQUESTS);

    // Staff behind the same address log in as usual: the login is not a public form.
    app.create_user("hanna", "een-lang-wachtwoord", gehoord_domain::Role::Handler).await;
    let staff = Visitor::at(&app, Some("192.0.2.10:50002")).await;
    let r = staff.post("/inloggen", &[("username", "hanna"), ("password", "een-lang-wachtwoord")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

async fn the_status_page_posts_share_the_limit(kind: Db) {
    let app = TestApp::spawn_with(kind, config(false)).await;
    let citizen = Visitor::at(&app, Some("198.51.100.20:40000")).await;
    for _ in 0..10 {
        citizen.post_empty_form().await;
    }
    // Whatever the status page does with a POST, over the limit it is not reached.
    let r = citizen.post("/mijn-klacht/0123456789abcdef/reactie", &[("message", "Nog een foto")]).await;
    assert_limited(&r);
}

async fn a_trusted_proxy_names_the_client(kind: Db) {
    // Not trusted: every request comes from the proxy's address, the header is ignored.
    let app = TestApp::spawn_with(kind, config(false)).await;
    for _ in 0..10 {
        Visitor::at(&app, Some("10.0.0.1:1000")).await.via_proxy("192.0.2.30").post_empty_form().await;
    }
    let r = Visitor::at(&app, Some("10.0.0.1:1000")).await.via_proxy("192.0.2.31").post_empty_form().await;
    assert_limited(&r);
    drop(app);

    // Trusted: the last entry, the address the proxy saw, is the client.
    let app = TestApp::spawn_with(kind, config(true)).await;
    for _ in 0..10 {
        Visitor::at(&app, Some("10.0.0.1:1000")).await.via_proxy("192.0.2.30").post_empty_form().await;
    }
    let app = &app;
    let proxy = |forwarded| async move { Visitor::at(app, Some("10.0.0.1:1000")).await.via_proxy(forwarded) };
    assert_limited(&proxy("192.0.2.30").await.post_empty_form().await);
    assert_limited(&proxy("203.0.113.99, 192.0.2.30").await.post_empty_form().await);
    let r = proxy("192.0.2.30, 192.0.2.31").await.post_empty_form().await;
    assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS, "a made-up first entry does not matter; the last does");
}

async fn requests_without_a_peer_are_not_limited(kind: Db) {
    let app = TestApp::spawn_with(kind, config(false)).await;
    let citizen = Visitor::at(&app, None).await;
    for i in 1..=15 {
        let r = citizen.post_empty_form().await;
        assert_ne!(r.status, StatusCode::TOO_MANY_REQUESTS, "POST {i} without a peer address");
    }
}

async fn a_form_that_is_too_large_gets_a_dutch_page(kind: Db) {
    let app = TestApp::spawn_with(kind, WebConfig { body_limit: 4 * 1024, ..config(false) }).await;
    app.set_up_organisation().await;
    let citizen = Visitor::at(&app, Some("192.0.2.40:1234")).await;
    let before = app.counts().await;
    let long = "Mijn klacht. ".repeat(1_000);
    let r = citizen.post("/klacht-indienen", &[("description", &long), ("name", "Jan")]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("<html lang=\"nl\">"));
    assert!(r.body.contains("<h1>Uw bericht is te groot</h1>"), "{}", r.body);
    assert!(r.body.contains("Maak de tekst korter"));
    assert!(r.body.contains("Er is niets opgeslagen."));
    assert_eq!(app.counts().await, before, "nothing stored");
}

//! The one test harness: the real router on a fresh database, SQLite (a file
//! in a temp dir) or PostgreSQL (a fresh database on the server the test
//! command provides), with a settable clock. Requests go in-process through
//! the router, or over a real listener on 127.0.0.1 for browsers and
//! processes.

use std::{collections::HashMap, net::SocketAddr, sync::Mutex};

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use gehoord_domain::Role;
use gehoord_store::{NewUser, Store, User};
use gehoord_web::{AppState, Clock, WebConfig};
use jiff::Timestamp;
use tempfile::TempDir;
use tower::ServiceExt;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server to create test databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A fresh, empty database of the given kind, removed when dropped.
pub struct TestDb {
    pub url: String,
    _dir: Option<TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    pub async fn new(kind: Db) -> Self {
        match kind {
            Db::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("gehoord.db").display());
                Self { url, _dir: Some(dir), pg_name: None }
            }
            Db::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("gehoord_test_{}", uuid::Uuid::now_v7().simple());
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is required for the tests and was not reachable at {admin}: {e}. \
                         Run the suite with scripts/test, which starts or finds a server."
                    )
                });
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                Self { url: format!("{base}/{name}"), _dir: None, pg_name: Some(name) }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        // Async work cannot run in Drop; a short-lived runtime on its own
        // thread removes the database (FORCE ends leftover connections).
        let admin = postgres_admin_url();
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                return;
            };
            rt.block_on(async {
                if let Ok(mut conn) = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await;
                }
            });
        })
        .join();
    }
}

/// A running Gehoord on a fresh database.
pub struct TestApp {
    pub store: Store,
    pub router: Router,
    pub clock: Clock,
    /// Kept for its lifetime: dropping it removes the database.
    _db: TestDb,
    addr: Option<SocketAddr>,
}

/// The moment tests start at unless they move the clock.
pub fn test_now() -> Timestamp {
    Timestamp::now()
}

impl TestApp {
    /// The app with in-process requests only.
    pub async fn spawn(kind: Db) -> Self {
        Self::spawn_with(kind, WebConfig::default()).await
    }

    pub async fn spawn_with(kind: Db, config: WebConfig) -> Self {
        let db = TestDb::new(kind).await;
        let store = Store::open(&db.url).await.expect("open test database");
        let clock = Clock::fixed(test_now());
        let router = gehoord_web::router(AppState::new(store.clone(), config, clock.clone()));
        Self { store, router, clock, _db: db, addr: None }
    }

    /// The app behind a real HTTP listener on 127.0.0.1 (for browsers).
    pub async fn spawn_listening(kind: Db) -> Self {
        let mut app = Self::spawn(kind).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        app.addr = Some(listener.local_addr().expect("local addr"));
        let router = app.router.clone();
        tokio::spawn(async move { axum::serve(listener, router).await });
        app
    }

    /// As [`TestApp::spawn_listening`], with a configuration that may use the
    /// listener's own address (its public URL, for links in e-mails).
    pub async fn spawn_listening_with(kind: Db, config: impl FnOnce(&str) -> WebConfig) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let mut app = Self::spawn_with(kind, config(&format!("http://{addr}"))).await;
        app.addr = Some(addr);
        let router = app.router.clone();
        tokio::spawn(async move { axum::serve(listener, router).await });
        app
    }

    /// An absolute URL on the real listener.
    pub fn url(&self, path: &str) -> String {
        let addr = self.addr.expect("url() needs TestApp::spawn_listening");
        format!("http://{addr}{path}")
    }

    pub async fn create_user(&self, username: &str, password: &str, role: Role) -> User {
        let display_name = format!("{}{} Tester", username[..1].to_uppercase(), &username[1..]);
        self.store
            .create_user(
                &NewUser { username: username.to_owned(), display_name, password: password.to_owned(), role },
                self.clock.now(),
            )
            .await
            .expect("create user")
    }

    /// Names the organisation, as first-run set-up would.
    pub async fn set_up_organisation(&self) {
        let admin = NewUser {
            username: "beheer".into(),
            display_name: "Beheerder".into(),
            password: "beheer-wachtwoord".into(),
            role: Role::Admin,
        };
        self.store.set_up("Gemeente Teststad", &admin, None, self.clock.now()).await.expect("set up");
    }

    /// A browser-like client: keeps cookies and fills in the CSRF field.
    pub fn client(&self) -> Client<'_> {
        Client { app: self, cookies: Mutex::new(HashMap::new()) }
    }

    /// A staff client that is logged in with a new account of `role`.
    pub async fn logged_in(&self, username: &str, role: Role) -> Client<'_> {
        self.create_user(username, "een-lang-wachtwoord", role).await;
        let client = self.client();
        client.get("/inloggen").await;
        let r = client.post_form("/inloggen", &[("username", username), ("password", "een-lang-wachtwoord")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login failed: {}", r.body);
        client
    }

    /// Sends one request through the router.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    pub async fn api(&self, method: Method, path: &str, token: Option<&str>, json: Option<&str>) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match json {
            Some(j) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_owned())
            }
            None => Body::empty(),
        };
        self.send(builder.body(body).expect("request")).await
    }

    pub async fn api_token(&self) -> String {
        self.store.create_api_token("Test-koppeling", self.clock.now()).await.expect("token").1
    }

    /// Number of events and cases in the database, to prove nothing was written.
    pub async fn counts(&self) -> (i64, i64) {
        let q = |sql: &'static str| async move {
            match &self.store {
                Store::Sqlite(p) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await,
                Store::Postgres(p) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await,
            }
            .expect("count")
        };
        (q("SELECT COUNT(*) FROM events").await, q("SELECT COUNT(*) FROM cases").await)
    }
}

/// A response with its body read.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as it came, for files.
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or_else(|| panic!("no Location header ({}): {}", self.status, self.body))
    }
}

/// Cookies and CSRF like a browser, over in-process requests.
pub struct Client<'a> {
    app: &'a TestApp,
    cookies: Mutex<HashMap<String, String>>,
}

impl Client<'_> {
    fn cookie_header(&self) -> String {
        self.cookies.lock().unwrap().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn remember(&self, response: &TestResponse) {
        for value in response.headers.get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                let mut jar = self.cookies.lock().unwrap();
                if v.is_empty() || text.contains("Max-Age=0") {
                    jar.remove(k);
                } else {
                    jar.insert(k.to_owned(), v.to_owned());
                }
            }
        }
    }

    pub fn csrf(&self) -> String {
        self.cookies.lock().unwrap().get("gehoord_csrf").cloned().expect("visit a page with a form first")
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        let request =
            Request::get(path).header(header::COOKIE, self.cookie_header()).body(Body::empty()).expect("request");
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// Posts a form with the CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut all: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        all.push(("_csrf", self.csrf()));
        self.post_raw(path, &encode(&all)).await
    }

    /// Posts a `multipart/form-data` form: the CSRF token first (as the
    /// page does), the text fields, then one file.
    pub async fn post_multipart(&self, path: &str, fields: &[(&str, &str)], file: (&str, &[u8])) -> TestResponse {
        self.post_multipart_as(path, fields, "file", file).await
    }

    /// As [`Client::post_multipart`], with the file under `field`.
    pub async fn post_multipart_as(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        field: &str,
        file: (&str, &[u8]),
    ) -> TestResponse {
        const BOUNDARY: &str = "gehoord-test-boundary-7f3a";
        let mut body = Vec::new();
        let csrf = self.csrf();
        for (name, value) in std::iter::once(("_csrf", csrf.as_str())).chain(fields.iter().copied()) {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        let (file_name, content) = file;
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Body::from(body))
            .expect("request");
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// Posts an urlencoded body exactly as given.
    pub async fn post_raw(&self, path: &str, body: &str) -> TestResponse {
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.to_owned()))
            .expect("request");
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }
}

/// `application/x-www-form-urlencoded` encoding.
pub fn encode(fields: &[(&str, String)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Runs each test body once on SQLite and once on PostgreSQL, as
/// `name::sqlite` and `name::postgres`.
macro_rules! both_dbs {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let $app = $crate::harness::TestApp::spawn($crate::harness::Db::Sqlite).await;
                    $body
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let $app = $crate::harness::TestApp::spawn($crate::harness::Db::Postgres).await;
                    $body
                }
            }
        )*
    };
}
pub(crate) use both_dbs;

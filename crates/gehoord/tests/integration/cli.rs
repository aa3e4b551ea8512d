//! The `gehoord` binary as people run it: first-run guidance, account and
//! token commands, `verify` against a tampered history, and the durability
//! promise under `kill -9`, on both databases.

use std::{process::Stdio, time::Duration};

use gehoord_domain::Role;
use gehoord_store::Store;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    process::{Child, Command},
};

use crate::harness::{Db, TestDb};

fn gehoord(db: &TestDb) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gehoord"));
    // E-mails of a test server go to the system's temp folder, not the checkout.
    let outbox = std::env::temp_dir().join("gehoord-test-outbox");
    cmd.env("GEHOORD_DATABASE_URL", &db.url)
        .env("GEHOORD_LOG", "warn")
        .env("GEHOORD_OUTBOX_DIR", outbox)
        .kill_on_drop(true);
    cmd
}

/// Runs a command to completion and returns (success, stdout).
async fn run(mut cmd: Command, stdin: Option<&str>) -> (bool, String) {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn gehoord");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).await.unwrap();
    }
    let out = child.wait_with_output().await.unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// A `gehoord serve` process on a free port, with its console output.
struct Server {
    child: Child,
    base: String,
    console: Vec<String>,
}

impl Server {
    async fn start(db: &TestDb) -> Self {
        Self::start_with(db, &[]).await
    }

    async fn start_with(db: &TestDb, flags: &[&str]) -> Self {
        let mut cmd = gehoord(db);
        cmd.args(["serve", "--listen", "127.0.0.1:0"]).args(flags).stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = cmd.spawn().expect("spawn gehoord serve");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut console = Vec::new();
        let base = tokio::time::timeout(Duration::from_secs(30), async {
            loop {
                let line = lines.next_line().await.unwrap().expect("server exited before listening");
                console.push(line.clone());
                if let Some(rest) = line.strip_prefix("Gehoord luistert op ") {
                    return rest.split_whitespace().next().unwrap().to_owned();
                }
            }
        })
        .await
        .expect("server did not start");
        // Keep reading the console briefly so the first-run lines are captured too.
        while let Ok(Ok(Some(line))) = tokio::time::timeout(Duration::from_millis(500), lines.next_line()).await {
            console.push(line);
        }
        Self { child, base, console }
    }
}

async fn wait_ready(client: &reqwest::Client, base: &str) {
    for _ in 0..100 {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server never became ready");
}

/// Every complaint the server acknowledged survives `kill -9` of the server.
async fn acknowledged_complaints_survive_kill_9(kind: Db) {
    let db = TestDb::new(kind).await;
    let mut server = Server::start(&db).await;
    let client = reqwest::Client::new();
    wait_ready(&client, &server.base).await;

    let (ack_tx, mut ack_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut senders = Vec::new();
    for worker in 0..8 {
        let client = client.clone();
        let url = format!("{}/v1/klachten", server.base);
        let ack_tx = ack_tx.clone();
        senders.push(tokio::spawn(async move {
            for i in 0..1_000 {
                let body = serde_json::json!({"description": format!("Duurzaamheidstest {worker}-{i}")});
                match client.post(&url).json(&body).send().await {
                    Ok(r) if r.status() == reqwest::StatusCode::CREATED => {
                        let created: serde_json::Value = r.json().await.unwrap();
                        let _ = ack_tx.send((
                            created["id"].as_str().unwrap().to_owned(),
                            created["reference"].as_str().unwrap().to_owned(),
                        ));
                    }
                    _ => return, // the server is gone
                }
            }
        }));
    }
    drop(ack_tx);
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 150 {
        acknowledged.push(ack_rx.recv().await.expect("acknowledgements stopped early"));
    }
    // SIGKILL while requests are in flight: no graceful shutdown, no flush.
    server.child.start_kill().unwrap();
    server.child.wait().await.unwrap();
    while let Ok(ack) = ack_rx.try_recv() {
        acknowledged.push(ack);
    }
    for s in senders {
        let _ = s.await;
    }

    let store = Store::open(&db.url).await.unwrap();
    for (id, reference) in &acknowledged {
        let view = store.case_view(id.parse().unwrap()).await.unwrap();
        let view = view.unwrap_or_else(|| panic!("acknowledged complaint {reference} was lost"));
        assert_eq!(&view.row.reference, reference);
    }
    let report = store.verify().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert!(report.cases >= acknowledged.len() as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn durable_on_sqlite_after_kill_9() {
    acknowledged_complaints_survive_kill_9(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn durable_on_postgres_after_kill_9() {
    acknowledged_complaints_survive_kill_9(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_prints_a_working_set_up_link() {
    let db = TestDb::new(Db::Sqlite).await;
    let server = Server::start(&db).await;
    let link = server
        .console
        .iter()
        .find_map(|l| {
            l.trim()
                .strip_prefix(&format!("{}/inrichten?token=", server.base))
                .map(|t| format!("{}/inrichten?token={t}", server.base))
        })
        .unwrap_or_else(|| panic!("no set-up link on the console: {:#?}", server.console));
    assert!(server.console.iter().any(|l| l.contains("gehoord setup")), "the CLI alternative is named too");
    let page = reqwest::get(&link).await.unwrap().text().await.unwrap();
    assert!(page.contains("Naam van de organisatie"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_user_and_token_commands_work_from_the_console() {
    for kind in [Db::Sqlite, Db::Postgres] {
        let db = TestDb::new(kind).await;
        let mut setup = gehoord(&db);
        setup.args([
            "setup",
            "--organisation",
            "Gemeente Voorbeeld",
            "--admin-username",
            "beheer",
            "--admin-name",
            "Bea Heer",
            "--password-stdin",
        ]);
        let (ok, out) = run(setup, Some("een-heel-goed-wachtwoord\n")).await;
        assert!(ok, "{out}");
        let mut again = gehoord(&db);
        again.args(["setup", "--organisation", "X", "--admin-username", "b2", "--admin-name", "B"]);
        let (ok, out) = run(again, None).await;
        assert!(!ok && out.contains("already set up"), "{out}");

        let mut add = gehoord(&db);
        add.args(["user", "add", "hanna", "--name", "Hanna de Boer", "--role", "handler"]);
        let (ok, out) = run(add, None).await;
        assert!(ok, "{out}");
        let password = out.lines().find_map(|l| l.strip_prefix("Password: ")).expect("a generated password is printed");
        let mut bad_role = gehoord(&db);
        bad_role.args(["user", "add", "x", "--name", "X", "--role", "god"]);
        assert!(!run(bad_role, None).await.0);

        // A manager's own department, set when added and changed later.
        let mut manager = gehoord(&db);
        manager.args(["user", "add", "mila", "--name", "Mila Jansen", "--role", "manager", "--afdeling", "Parkeren"]);
        let (ok, out) = run(manager, None).await;
        assert!(ok && out.contains("Created mila (Mila Jansen) with role manager in department Parkeren."), "{out}");
        let mut edit = gehoord(&db);
        edit.args(["user", "edit", "mila", "--afdeling", "Afval en Reiniging"]);
        let (ok, out) = run(edit, None).await;
        assert!(ok && out.contains("mila (Mila Jansen) is now in department Afval en Reiniging."), "{out}");
        let mut list = gehoord(&db);
        list.args(["user", "list"]);
        let (ok, out) = run(list, None).await;
        assert!(ok && out.contains("mila\tmanager\tAfval en Reiniging\tMila Jansen"), "{out}");
        let mut clear = gehoord(&db);
        clear.args(["user", "edit", "hanna", "--afdeling", ""]);
        let (ok, out) = run(clear, None).await;
        assert!(ok && out.contains("has no department now"), "{out}");
        let mut unknown = gehoord(&db);
        unknown.args(["user", "edit", "niemand", "--afdeling", "Afval"]);
        let (ok, out) = run(unknown, None).await;
        assert!(!ok && out.contains("no account with username niemand"), "{out}");

        let mut token = gehoord(&db);
        token.args(["api-token", "create", "--name", "KCC-systeem"]);
        let (ok, out) = run(token, None).await;
        assert!(ok, "{out}");
        let secret = out.lines().find(|l| l.starts_with("gh_api_")).expect("the token is printed once");

        let store = Store::open(&db.url).await.unwrap();
        assert_eq!(store.organisation().await.unwrap().unwrap().name, "Gemeente Voorbeeld");
        assert_eq!(store.authenticate("beheer", "een-heel-goed-wachtwoord").await.unwrap().unwrap().role, Role::Admin);
        assert_eq!(store.authenticate("hanna", password).await.unwrap().unwrap().display_name, "Hanna de Boer");
        let mila = store.users().await.unwrap().into_iter().find(|u| u.username == "mila").unwrap();
        assert_eq!((mila.role, mila.department.as_deref()), (Role::Manager, Some("Afval en Reiniging")));
        assert_eq!(store.api_token(secret).await.unwrap().unwrap().name, "KCC-systeem");
        store.close().await;
    }
}

/// Global options go before or after the command, as people type them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn global_options_work_before_the_command() {
    let db = TestDb::new(Db::Sqlite).await;
    for args in [vec!["--database-url", db.url.as_str(), "migrate"], vec!["migrate", "--database-url", db.url.as_str()]]
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gehoord"));
        cmd.args(&args).env_remove("GEHOORD_DATABASE_URL").env("GEHOORD_LOG", "warn");
        let (ok, out) = run(cmd, None).await;
        assert!(ok, "{args:?}: {out}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_fails_after_an_event_is_edited_by_hand() {
    for kind in [Db::Sqlite, Db::Postgres] {
        let db = TestDb::new(kind).await;
        let store = Store::open(&db.url).await.unwrap();
        let mut demo = gehoord(&db);
        demo.args(["user", "list"]);
        assert!(run(demo, None).await.0);
        // A complaint through the real API path of the binary would need a
        // server; the store writes the same events.
        let app_state =
            gehoord_web::AppState::new(store.clone(), gehoord_web::WebConfig::default(), gehoord_web::Clock::System);
        let router = gehoord_web::router(app_state);
        let request = axum::http::Request::post("/v1/klachten")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(r#"{"description":"Mijn paspoort is kwijtgeraakt bij de balie."}"#))
            .unwrap();
        let response = tower::ServiceExt::oneshot(router.clone(), request).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::CREATED);
        // A lesson written directly into the register, through the API.
        let (_, secret) = store.create_api_token("Test", jiff::Timestamp::now()).await.unwrap();
        let request = axum::http::Request::post("/v1/leerpunten")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {secret}"))
            .body(axum::body::Body::from(
                r#"{"text":"Balie legt de regels voor paspoorten uit","level":"execution","learner":"team"}"#,
            ))
            .unwrap();
        let response = tower::ServiceExt::oneshot(router, request).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::CREATED);

        let (ok, out) = run(
            {
                let mut c = gehoord(&db);
                c.arg("verify");
                c
            },
            None,
        )
        .await;
        assert!(ok && out.contains("OK: 1 events in 1 cases"), "{out}");
        assert!(out.contains("OK: 1 lesson events in 1 lessons"), "{out}");

        let tamper = match &store {
            Store::Sqlite(p) => sqlx::raw_sql("DROP TRIGGER events_refuse_update; UPDATE events SET payload = replace(payload, 'kwijtgeraakt', 'teruggevonden'); \
                DROP TRIGGER lesson_events_refuse_update; UPDATE lesson_events SET payload = replace(payload, 'paspoorten', 'rijbewijzen')").execute(p).await.map(|_| ()),
            Store::Postgres(p) => sqlx::raw_sql("ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET payload = replace(payload, 'kwijtgeraakt', 'teruggevonden'); \
                ALTER TABLE lesson_events DISABLE TRIGGER USER; UPDATE lesson_events SET payload = replace(payload, 'paspoorten', 'rijbewijzen')").execute(p).await.map(|_| ()),
        };
        tamper.unwrap();
        store.close().await;
        let (ok, out) = run(
            {
                let mut c = gehoord(&db);
                c.arg("verify");
                c
            },
            None,
        )
        .await;
        assert!(!ok, "verify must fail: {out}");
        assert!(out.contains("BROKEN: case") && out.contains("event 1") && out.contains("changed"), "{out}");
        assert!(out.contains("BROKEN: lesson") && out.contains("the lesson event's content"), "the lesson too: {out}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebuild_restores_the_inbox_from_events() {
    let db = TestDb::new(Db::Sqlite).await;
    let store = Store::open(&db.url).await.unwrap();
    let router = gehoord_web::router(gehoord_web::AppState::new(
        store.clone(),
        gehoord_web::WebConfig::default(),
        gehoord_web::Clock::System,
    ));
    for i in 0..3 {
        let request = axum::http::Request::post("/v1/klachten")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(format!(r#"{{"description":"Klacht {i}"}}"#)))
            .unwrap();
        assert_eq!(
            tower::ServiceExt::oneshot(router.clone(), request).await.unwrap().status(),
            axum::http::StatusCode::CREATED
        );
    }
    let Store::Sqlite(pool) = &store else { unreachable!() };
    sqlx::raw_sql("DELETE FROM cases").execute(pool).await.unwrap();
    store.close().await;
    let (ok, out) = run(
        {
            let mut c = gehoord(&db);
            c.arg("rebuild");
            c
        },
        None,
    )
    .await;
    assert!(ok && out.contains("Rebuilt the projections of 3 cases"), "{out}");
    let store = Store::open(&db.url).await.unwrap();
    assert_eq!(store.inbox(&Default::default()).await.unwrap().total, 3);
}

/// `gehoord serve` limits public POSTs per connection address (default: a burst of 20),
/// and with `--trust-forwarded-for` per address the proxy names in `X-Forwarded-For`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_limits_public_posts_per_client_address() {
    let client = reqwest::Client::new();
    // Without a CSRF cookie each POST is refused (403), but it counts: the limit comes first.
    let post = |base: &str, forwarded: &str| {
        client
            .post(format!("{base}/klacht-indienen"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-forwarded-for", forwarded)
            .body("description=")
            .send()
    };
    let db = TestDb::new(Db::Sqlite).await;
    let server = Server::start(&db).await;
    wait_ready(&client, &server.base).await;
    for i in 1..=20 {
        let status = post(&server.base, &format!("192.0.2.{i}")).await.unwrap().status();
        assert_ne!(status.as_u16(), 429, "POST {i} is within the burst");
    }
    let refused = post(&server.base, "192.0.2.99").await.unwrap();
    assert_eq!(refused.status().as_u16(), 429, "the header is not trusted by default: one client, 127.0.0.1");
    assert!(refused.headers().get("retry-after").is_some());
    assert!(refused.text().await.unwrap().contains("Wacht een minuut"));
    drop(server);

    let db = TestDb::new(Db::Sqlite).await;
    let server = Server::start_with(&db, &["--trust-forwarded-for"]).await;
    wait_ready(&client, &server.base).await;
    for _ in 0..20 {
        assert_ne!(post(&server.base, "192.0.2.1").await.unwrap().status().as_u16(), 429);
    }
    assert_eq!(post(&server.base, "192.0.2.1").await.unwrap().status().as_u16(), 429);
    assert_ne!(
        post(&server.base, "192.0.2.2").await.unwrap().status().as_u16(),
        429,
        "another client behind the proxy"
    );
}

/// `gehoord` without a command serves, and stops cleanly on SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_by_default_and_shuts_down_gracefully() {
    let db = TestDb::new(Db::Sqlite).await;
    let mut cmd = gehoord(&db);
    cmd.args(["--listen", "127.0.0.1:0"]).stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line()).await.unwrap().unwrap().unwrap();
    let base = line.strip_prefix("Gehoord luistert op ").unwrap().split_whitespace().next().unwrap().to_owned();
    wait_ready(&reqwest::Client::new(), &base).await;
    let pid = child.id().unwrap().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().await.unwrap().success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("stops within 10 s").unwrap();
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

/// `gehoord deadlines` needs no database: the Awb 9:11 and 9:8 lid 3 terms
/// for a complaint received on 23 February 2026, as JSON, and a clear refusal
/// of a date that does not exist.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deadlines_awb_9_11_and_9_8_lid_3_without_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent").join("gehoord.db");
    let deadlines = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gehoord"));
        // A database that does not exist (and cannot be created) proves none is opened.
        cmd.arg("deadlines")
            .args(args)
            .env("GEHOORD_DATABASE_URL", format!("sqlite://{}", missing.display()))
            .env("GEHOORD_LOG", "warn")
            .kill_on_drop(true);
        cmd
    };

    let (ok, out) = run(deadlines(&["--received", "2026-02-23", "--json"]), None).await;
    assert!(ok, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(json["decision"]["date"], "2026-04-07", "{out}");
    assert_eq!(json["notHandlingNotice"]["date"], "2026-03-23", "{out}");
    let explanation = json["decision"]["explanation"]["text"].as_str().unwrap();
    assert!(explanation.contains("Tweede Paasdag") && explanation.contains("Awb 9:11 lid 1"), "{explanation}");
    assert!(json["notHandlingNotice"]["explanation"]["text"].as_str().unwrap().contains("Awb 9:8 lid 3"));

    let (ok, out) = run(deadlines(&["--received", "2026-02-23", "--committee", "--postpone-weeks", "4"]), None).await;
    assert!(ok, "{out}");
    assert!(out.contains("Afhandeling van de klacht: uiterlijk maandag 1 juni 2026"), "{out}");
    assert!(out.contains("verdaagd met 4 weken"), "{out}");

    let (ok, out) = run(deadlines(&["--received", "2026-02-30"]), None).await;
    assert!(!ok, "an impossible date must fail: {out}");
    assert!(out.contains("'2026-02-30' is geen geldige datum"), "{out}");

    let (ok, out) = run(deadlines(&["--received", "2026-02-23", "--postpone-weeks", "5"]), None).await;
    assert!(!ok, "a postponement of 5 weeks must fail: {out}");
    assert!(out.contains("ten hoogste 4 weken (Awb 9:11 lid 2)"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    assert!(!missing.exists());
}

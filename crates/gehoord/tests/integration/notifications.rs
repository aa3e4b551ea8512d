//! Notices to the complainant, on both databases: the first e-mail with the
//! private link after the public form, the news that comes with an event
//! (taken into handling), delivered once through the outbox worker, and
//! none for a citizen who chose post.

use axum::http::StatusCode;
use gehoord_web::{
    WebConfig,
    outbox::{MailConfig, Mailer, deliver_due},
};
use uuid::Uuid;

use crate::harness::{Db, TestApp};

async fn app_at(kind: Db) -> TestApp {
    TestApp::spawn_with(
        kind,
        WebConfig { public_url: Some("https://klachten.example.nl".into()), ..WebConfig::default() },
    )
    .await
}

/// The public form sent in one go; returns the case and its status token.
async fn complain(app: &TestApp, preference: &str) -> (Uuid, String) {
    let citizen = app.client();
    citizen.get("/klacht-indienen").await;
    let r = citizen
        .post_form(
            "/klacht-indienen",
            &[
                ("description", "De bus reed niet en niemand wist waarom."),
                ("name", "Sam Jansen"),
                ("email", "sam@example.nl"),
                ("address", "Dorpsstraat 1, 1234 AB Ergens"),
                ("contactPreference", preference),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let token = r.location().trim_start_matches("/klacht-indienen/ontvangen/").to_owned();
    (app.store.case_by_status_token(&token).await.unwrap().unwrap(), token)
}

async fn notices_are_sent_once_with_the_private_link(kind: Db) {
    let app = app_at(kind).await;
    let (id, token) = complain(&app, "email").await;
    let due = app.store.due_notifications(app.clock.now(), 10).await.unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!((due[0].case_id, due[0].recipient.as_str()), (id, "sam@example.nl"));
    assert!(due[0].body.contains(&format!("https://klachten.example.nl/mijn-klacht/{token}")), "{}", due[0].body);

    let dir = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(&MailConfig::Files(dir.path().to_path_buf()), "klachten@ergens.nl").unwrap();
    assert_eq!(deliver_due(&app.store, &mailer, app.clock.now()).await.unwrap(), 1);
    assert_eq!(deliver_due(&app.store, &mailer, app.clock.now()).await.unwrap(), 0, "delivered once");
    let eml: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    assert_eq!(eml.len(), 1);
    assert!(eml[0].contains("Wij hebben uw klacht ontvangen"), "{}", eml[0]);

    // The news comes with its event: taken into handling.
    let hanna = app.logged_in("hanna", gehoord_domain::Role::Handler).await;
    let r = hanna.post_form(&format!("/klachten/{id}/in-behandeling-nemen"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let subjects = app.store.notifications(id).await.unwrap();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects[1].0.starts_with("Uw klacht is in behandeling"), "{subjects:?}");
    assert_eq!(subjects[0].1, "delivered");
    // The handler sees what was e-mailed, and how it went.
    let page = hanna.get(&format!("/klachten/{id}")).await;
    assert!(page.body.contains("Wij hebben uw klacht ontvangen (KL-"), "{}", page.body);
    assert!(page.body.contains("(afgeleverd)") && page.body.contains("(in de wachtrij)"), "{}", page.body);
}

async fn a_call_back_request_stands_out_on_the_case_page(kind: Db) {
    let app = app_at(kind).await;
    let citizen = app.client();
    citizen.get("/klacht-indienen").await;
    let r = citizen
        .post_form(
            "/klacht-indienen",
            &[
                ("description", "Ik begrijp de brief over mijn toeslag niet."),
                ("name", "Sam Jansen"),
                ("phone", "06 12345678"),
                ("callBack", "ja"),
                ("callBackTime", "dinsdagochtend"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let token = r.location().trim_start_matches("/klacht-indienen/ontvangen/").to_owned();
    let id = app.store.case_by_status_token(&token).await.unwrap().unwrap();
    let hanna = app.logged_in("hanna", gehoord_domain::Role::Handler).await;
    let page = hanna.get(&format!("/klachten/{id}")).await;
    assert!(page.body.contains("<strong>Wil gebeld worden</strong>: dinsdagochtend"), "{}", page.body);
}

async fn a_citizen_who_chose_post_gets_no_email(kind: Db) {
    let app = app_at(kind).await;
    let (id, _) = complain(&app, "letter").await;
    let hanna = app.logged_in("hanna", gehoord_domain::Role::Handler).await;
    hanna.post_form(&format!("/klachten/{id}/in-behandeling-nemen"), &[]).await;
    assert_eq!(app.store.notifications(id).await.unwrap(), vec![]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_sqlite() {
    notices_are_sent_once_with_the_private_link(Db::Sqlite).await;
    a_citizen_who_chose_post_gets_no_email(Db::Sqlite).await;
    a_call_back_request_stands_out_on_the_case_page(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_postgres() {
    notices_are_sent_once_with_the_private_link(Db::Postgres).await;
    a_citizen_who_chose_post_gets_no_email(Db::Postgres).await;
    a_call_back_request_stands_out_on_the_case_page(Db::Postgres).await;
}

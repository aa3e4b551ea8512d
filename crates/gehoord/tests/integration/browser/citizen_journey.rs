//! Issue 6's journey, end to end as a new citizen lives it, in a real browser: complain
//! (with a failed validation first), receive the private link by e-mail (the outbox
//! delivers it to the test's SMTP sink), follow progress while a handler works the case, add a
//! document, answer the control question, and after closing say the handling was not good,
//! which asks the handler to reopen, who does. axe-core checks the status page in each
//! state. Page contracts: see `public_form.rs` and `status_page.rs`.

use gehoord_domain::{
    Actor, Command, Context, Role, decide,
    lesson::{Learner, Lesson, LessonLevel},
    solution::{Solution, SolutionKind},
};
use gehoord_web::{
    WebConfig,
    outbox::{MailConfig, Mailer, SmtpServer, deliver_due},
};
use uuid::Uuid;

use super::{Browser, public_form::complain, wait_for_text};
use crate::{
    harness::{Db, TestApp},
    smtp_sink::{SmtpSink, free_port},
};

/// The private link in the one e-mail the mail sink received (quoted-printable lines joined).
fn link_in_mail(mails: &[String], base: &str) -> String {
    assert_eq!(mails.len(), 1, "one e-mail: {mails:?}");
    let text = mails[0].replace("=\r\n", "").replace("=\n", "");
    let start = text.find(&format!("{base}/mijn-klacht/")).unwrap_or_else(|| panic!("no link in {text}"));
    text[start..].split_whitespace().next().expect("the link").to_owned()
}

/// Runs a command as the handler, straight through the store.
async fn as_handler(app: &TestApp, id: Uuid, command: Command) {
    let hanna = app.store.users().await.expect("users").into_iter().find(|u| u.username == "hanna").expect("hanna");
    let ctx = Context::new(app.clock.now(), Actor::Staff { user_id: hanna.id, name: hanna.display_name })
        .with_rules(app.store.rules().await.expect("rules"));
    app.store.execute(id, |s| decide(s, command.clone(), &ctx)).await.expect("the handler's step");
}

async fn current_step(browser: &Browser) -> String {
    browser.text("[aria-current=\"step\"]").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_complains_gets_the_link_by_email_follows_the_case_and_reopens_it() {
    let mut base = String::new();
    let app = TestApp::spawn_listening_with(Db::Sqlite, |url| {
        base = url.to_owned();
        WebConfig { public_url: Some(url.to_owned()), ..WebConfig::default() }
    })
    .await;
    app.set_up_organisation().await;
    let browser = Browser::start().await;

    // A first try without a description: the summary says what is missing.
    browser.goto(&app.url("/klacht-indienen")).await;
    browser.click("#volgende").await;
    browser.wait_for("#error-summary a[href=\"#description\"]").await;
    let (_, id) = complain(
        &browser,
        &app,
        "Mijn aanvraag voor een parkeervergunning is al drie maanden zoek.",
        &[("name", "Sam Jansen"), ("email", "sam@example.nl")],
        "email",
    )
    .await;

    // The link arrives by e-mail, through a real SMTP server (the test's mail sink).
    let port = free_port().await;
    let sink = SmtpSink::start(port).await;
    let server = SmtpServer::parse(&format!("smtp://127.0.0.1:{port}")).expect("the sink's URL");
    let mailer = Mailer::new(&MailConfig::Smtp(server), "klachten@teststad.nl").expect("mailer");
    assert_eq!(deliver_due(&app.store, &mailer, app.clock.now()).await.expect("delivery"), 1);
    let link = link_in_mail(&sink.messages(), &base);
    browser.goto(&link).await;
    browser.wait_for("ol.progress").await;
    assert!(current_step(&browser).await.starts_with("Ontvangen"));
    browser.assert_accessible("the status page just after complaining").await;

    // A handler takes the case: the page says who.
    let hanna = app.logged_in("hanna", Role::Handler).await;
    hanna.post_form(&format!("/klachten/{id}/in-behandeling-nemen"), &[]).await;
    browser.goto(&link).await;
    wait_for_text(&browser, "#handler", "Uw klachtbehandelaar is").await;
    assert!(current_step(&browser).await.starts_with("In gesprek"));

    // The citizen adds a document.
    let dir = tempfile::tempdir().expect("a folder");
    let letter = dir.path().join("ontvangstbewijs.pdf");
    std::fs::write(&letter, b"%PDF-1.4\n% ontvangstbewijs van de aanvraag\n").expect("write the file");
    browser.fill("information", "Hierbij het bewijs dat ik de aanvraag op 2 maart heb ingediend.").await;
    browser.find("#file").await.send_keys(&letter.display().to_string()).await.expect("choose the file");
    browser.click("#information-submit").await;
    wait_for_text(&browser, "[role=\"status\"]", "Dank u wel.").await;
    let state = app.store.case_view(id).await.expect("the case").expect("exists");
    assert!(state.detail.evidence.iter().any(|e| e.file_name == "ontvangstbewijs.pdf"), "the document is on the case");

    // A solution is agreed; the citizen answers the control question on the page.
    as_handler(
        &app,
        id,
        Command::RecordSolution(Solution {
            kind: SolutionKind::RepairMistake,
            description: "De aanvraag is alsnog behandeld en de vergunning verstuurd.".into(),
            reasoning: "De aanvraag lag op de verkeerde afdeling.".into(),
            consulted: None,
            agreed: true,
        }),
    )
    .await;
    browser.goto(&link).await;
    browser.wait_for("#control-submit").await;
    browser.assert_accessible("the status page with the control question").await;
    browser.click("#satisfied-ja").await;
    browser.click("#allAddressed-ja").await;
    browser.click("#control-submit").await;
    wait_for_text(&browser, "[role=\"status\"]", "Dank u wel.").await;

    // Closed; the citizen is not happy with how it went: that asks to reopen.
    as_handler(
        &app,
        id,
        Command::RecordLesson(Lesson {
            id: uuid::Uuid::nil(),
            positive: false,
            level: LessonLevel::Execution,
            learner: Learner::Team,
            text: "Aanvragen bij binnenkomst op de juiste afdeling zetten.".into(),
        }),
    )
    .await;
    as_handler(&app, id, Command::CloseSolved { no_lesson_reason: None }).await;
    browser.goto(&link).await;
    browser.wait_for("#feedback-submit").await;
    assert!(current_step(&browser).await.starts_with("Afgerond"));
    browser.assert_accessible("the status page after closing").await;
    browser.click("#handlingSatisfied-nee").await;
    browser.fill("feedback", "Ik moest drie keer bellen voordat iemand iets deed.").await;
    browser.click("#feedback-submit").await;
    wait_for_text(&browser, "#reopen-requested", "opnieuw naar uw klacht te kijken").await;

    // The handler finds the request in the inbox and reopens.
    let waiting = hanna.get("/klachten?status=heropenverzoek").await;
    assert!(waiting.body.contains(&format!("/klachten/{id}")), "the request is in the inbox");
    let reopen = hanna
        .post_form(&format!("/klachten/{id}/heropenen"), &[("reopenReason", "Terugkoppeling van de klager")])
        .await;
    assert_eq!(reopen.status, axum::http::StatusCode::SEE_OTHER, "{}", reopen.body);
    browser.goto(&link).await;
    browser.wait_for("#information-submit").await;
    assert!(!browser.exists("#reopen-requested").await, "answered by reopening");
    browser.assert_accessible("the status page of the reopened complaint").await;
    browser.close().await;
}

/// Issue 6: the public pages work on a phone screen: at 375 CSS pixels wide nothing
/// scrolls sideways, through the form, the confirmation, the status page and the
/// information pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_pages_fit_a_phone_screen() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let browser = Browser::start().await;
    browser.resize(375, 812).await;
    browser.goto(&app.url("/klacht-indienen")).await;
    browser.wait_for("#description").await;
    assert!(!browser.scrolls_sideways().await, "step 1 fits");
    complain(
        &browser,
        &app,
        "De stoep voor mijn deur ligt al weken open en niemand zegt wanneer het klaar is.",
        &[("name", "Sam Jansen"), ("email", "sam@example.nl"), ("address", "Dorpsstraat 1\n1234 AB Ergens")],
        "email",
    )
    .await;
    assert!(!browser.scrolls_sideways().await, "the confirmation with the long private link fits");
    browser.click("#status-link").await;
    browser.wait_for("ol.progress").await;
    assert!(!browser.scrolls_sideways().await, "the status page fits");
    for path in ["/klachtenprocedure", "/toegankelijkheid"] {
        browser.goto(&app.url(path)).await;
        browser.wait_for("h1").await;
        assert!(!browser.scrolls_sideways().await, "{path} fits");
    }
    browser.close().await;
}

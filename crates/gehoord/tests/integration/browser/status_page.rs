//! The citizen's status page in a real browser, axe-clean in its states: open with the
//! form to add information, refused without anything to add, and after closing with the
//! feedback form; and the handler's section "De klager online" on the case page. The same
//! journeys over plain HTTP, on both databases, are in `status_page.rs`.
//!
//! Page contract used here: the status page has the progress list `ol.progress` with the
//! current step marked `aria-current="step"`, the fields `#information` and `#file`, the
//! buttons `#information-submit`, `#feedback-submit` and `#reopen-submit`; the case page has
//! the section `#burger` with `#status-links` and `#citizen-added`.

use gehoord_domain::{
    Actor, Command, Context, Role, decide,
    formal::FormalCommand,
    not_handling::{NotHandling, NotHandlingGround},
    time::date_in_amsterdam,
};

use super::{Browser, log_in, wait_for_text};
use crate::{
    harness::{Db, TestApp},
    letters::complaint,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_citizen_uses_the_status_page_and_the_handler_sees_it() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let (_, id) = complaint(&app, Some("fatima@example.nl")).await;
    let (_, token) = app.store.issue_status_link(id, app.clock.now()).await.expect("a link");
    let browser = Browser::start().await;

    browser.goto(&app.url(&format!("/mijn-klacht/{token}"))).await;
    browser.wait_for("ol.progress").await;
    let current = browser.text("[aria-current=\"step\"]").await;
    assert!(current.starts_with("In gesprek"), "{current}");
    browser.assert_accessible("the status page of an open complaint").await;

    // Nothing to add: the summary says so and links to the field.
    browser.click("#information-submit").await;
    browser.wait_for("#error-summary").await;
    assert!(browser.exists("#error-summary a[href=\"#information\"]").await);
    browser.assert_accessible("the status page with a refused addition").await;
    browser.fill("information", "Ik vond nog een brief van u, van 2 maart.").await;
    browser.click("#information-submit").await;
    wait_for_text(&browser, "[role=\"status\"]", "Dank u wel.").await;
    assert!(browser.page_text().await.contains("Ik vond nog een brief van u, van 2 maart."));

    // Closed: the feedback and reopen forms, axe-clean too.
    let hanna = app.store.users().await.expect("users").into_iter().find(|u| u.username == "hanna").expect("hanna");
    let ctx = Context::new(app.clock.now(), Actor::Staff { user_id: hanna.id, name: hanna.display_name })
        .with_rules(app.store.rules().await.expect("rules"));
    let close = Command::Formal(FormalCommand::NotHandle {
        decision: NotHandling {
            ground: NotHandlingGround::InsufficientInterest,
            motivation: "Het ging om één minuut wachten.".into(),
            personal_contact_made: true,
            notice_sent_on: date_in_amsterdam(app.clock.now()),
        },
        no_lesson_reason: Some("Geen".into()),
    });
    app.store.execute(id, |s| decide(s, close.clone(), &ctx)).await.expect("closed");
    browser.goto(&app.url(&format!("/mijn-klacht/{token}"))).await;
    browser.wait_for("#feedback-submit").await;
    assert!(browser.exists("#reopen-submit").await);
    browser.assert_accessible("the status page of a closed complaint").await;

    // The handler's side of it.
    app.create_user("ans", super::PASSWORD, Role::Manager).await;
    log_in(&browser, &app, "ans").await;
    browser.goto(&app.url(&format!("/klachten/{id}#burger"))).await;
    wait_for_text(&browser, "#citizen-added", "Ik vond nog een brief van u").await;
    assert!(browser.text("#status-links").await.contains("Gemaakt op"));
    browser.assert_accessible("the case page with the citizen's side").await;
    browser.click("#issue-status-link").await;
    wait_for_text(&browser, "#status-link", "/mijn-klacht/").await;
    browser.assert_accessible("the page with a new status link").await;
    browser.close().await;
}

/// With the code by e-mail switched on, the code page is axe-clean when asked, after
/// sending a code and with a wrong code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_code_page_is_accessible() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.store.set_status_code_required(true).await.expect("the setting");
    let (_, id) = complaint(&app, Some("fatima@example.nl")).await;
    let (_, token) = app.store.issue_status_link(id, app.clock.now()).await.expect("a link");
    let browser = Browser::start().await;
    browser.goto(&app.url(&format!("/mijn-klacht/{token}"))).await;
    browser.wait_for("#code").await;
    browser.assert_accessible("the code page").await;
    browser.click("#send-code").await;
    wait_for_text(&browser, "[role=\"status\"]", "Wij hebben een code gestuurd.").await;
    browser.assert_accessible("the code page after sending a code").await;
    browser.fill("code", "12345x").await;
    browser.click("#code-submit").await;
    browser.wait_for("#error-summary a[href=\"#code\"]").await;
    browser.assert_accessible("the code page with a wrong code").await;
    browser.close().await;
}

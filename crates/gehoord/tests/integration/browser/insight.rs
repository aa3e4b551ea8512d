//! Insight in a real browser: a manager opens the dashboard from the main
//! menu, corrects a wrong filter with the keyboard, works through the signal
//! list with the keyboard and reads the annual report; an administrator
//! keeps the categories. Every page and state passes axe-core, also at phone
//! width.
//!
//! Page contract used here: the menu link `a[href="/inzicht"]`, the key
//! figures `.key-figures`, the filter fields `#van` and `#tot`, the error
//! summary `#error-summary`, the signal tables `#flagged` and `#rising-empty`,
//! a signal's "Geen actie nodig" disclosure `#geen-actie-1` with its reason
//! `#reden-1`, the notice `#signal-notice`, the dealt-with list `#dealt`,
//! the report `#annual-report`, the categories field `#categories`.

use gehoord_domain::{Actor, Channel, Command, Context, Role, decide, learning::LearningCommand};
use gehoord_store::NewUser;
use uuid::Uuid;

use super::{Browser, Key, PASSWORD, log_in, wait_for_text};
use crate::{
    harness::{Db, TestApp},
    insight::pages::complaint,
};

async fn user(app: &TestApp, username: &str, role: Role) {
    let user = NewUser {
        username: username.into(),
        display_name: format!("{username} Tester"),
        password: PASSWORD.into(),
        role,
    };
    app.store.create_user(&user, app.clock.now()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_reads_the_dashboard_signals_and_annual_report() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    user(&app, "mila", Role::Manager).await;
    let now = app.clock.now();
    let mut ids = Vec::new();
    for (channel, department) in [
        (Channel::WebForm, "Afval en Reiniging"),
        (Channel::Phone, "Afval en Reiniging"),
        (Channel::Counter, "Burgerzaken"),
    ] {
        ids.push(complaint(&app, now, channel, department).await);
    }
    // A handler flagged one as an important signal.
    let ctx = Context::new(now, Actor::Staff { user_id: Uuid::nil(), name: "Hanna Tester".into() });
    let flag = LearningCommand::FlagSignal { reason: "Raakt de hele straat".into() };
    app.store.execute(ids[2], |s| decide(s, Command::Learning(flag.clone()), &ctx)).await.unwrap();
    let browser = Browser::start().await;
    log_in(&browser, &app, "mila").await;

    browser.click(".site-nav a[href=\"/inzicht\"]").await;
    browser.wait_for_path("/inzicht").await;
    browser.wait_for(".key-figures").await;
    wait_for_text(&browser, ".key-figures", "Ontvangen").await;
    browser.assert_accessible("inzicht").await;

    // A date as people type it wrongly: the summary says so, the field is marked.
    browser.tab_to("#van", 80).await;
    browser.type_text("gisteren").await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#error-summary", "De begindatum is geen datum").await;
    browser.assert_accessible("inzicht met een fout").await;

    // At phone width the page itself does not scroll sideways (charts and tables do).
    browser.resize(375, 800).await;
    browser.goto(&app.url("/inzicht")).await;
    browser.wait_for(".key-figures").await;
    assert!(
        !browser.scrolls_sideways().await,
        "the page scrolls sideways at 375 px:\n{}",
        browser.sticking_out().await
    );
    browser.assert_accessible("inzicht op een telefoon").await;
    browser.resize(1280, 900).await;

    browser.goto(&app.url("/inzicht/signalen")).await;
    browser.wait_for("#rising-empty").await;
    browser.wait_for("#flagged").await;
    browser.assert_accessible("signalen").await;

    // "Geen actie nodig" with the keyboard: open the form, send it without a
    // reason, read the error, then give the reason.
    browser.tab_to("#geen-actie-1 summary", 80).await;
    browser.press(Key::Enter).await;
    browser.tab_to("#reden-1", 3).await;
    browser.tab_to("#geen-actie-1 button[type=\"submit\"]", 3).await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#error-summary", "Schrijf op waarom er geen actie nodig is.").await;
    browser.assert_accessible("signalen met een fout").await;
    browser.tab_to("#reden-1", 20).await;
    browser.type_text("Besproken in het teamoverleg.").await;
    browser.tab_to("#geen-actie-1 button[type=\"submit\"]", 3).await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#signal-notice", "afgehandelde signalen").await;
    browser.wait_for("#flagged-empty").await;
    wait_for_text(&browser, "#dealt", "Besproken in het teamoverleg.").await;
    browser.assert_accessible("signalen afgehandeld").await;

    browser.goto(&app.url("/inzicht/jaarverslag")).await;
    browser.wait_for("#annual-report").await;
    wait_for_text(&browser, "#annual-report h1", "Jaarverslag klachten").await;
    browser.assert_accessible("jaarverslag").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_keeps_the_categories() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    user(&app, "bea", Role::Admin).await;
    let browser = Browser::start().await;
    log_in(&browser, &app, "bea").await;
    browser.goto(&app.url("/beheer/categorieen")).await;
    browser.fill("categories", "Bejegening\nAfval\nParkeren").await;
    browser.click("form[action=\"/beheer/categorieen\"] button[type=\"submit\"]").await;
    wait_for_text(&browser, ".notice", "De categorieën zijn opgeslagen.").await;
    browser.assert_accessible("categorieen").await;

    browser.fill("categories", "Bejegening\nAfval").await;
    browser.click("form[action=\"/beheer/categorieen\"] button[type=\"submit\"]").await;
    wait_for_text(&browser, "#retired-categories", "Parkeren").await;
    browser.close().await;
}

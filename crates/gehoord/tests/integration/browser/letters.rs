//! Letters in a real browser, with axe-core on the draft page in its states (fresh, after
//! "Controleren" with a blocking finding, refused) and on the case page with a sent letter.
//! The same journeys over plain HTTP, on both databases, are in `letters.rs`.
//!
//! Page contract used here:
//! - the case page: section `#brieven`, the sent letters `#letters`, links "Brief opstellen:
//!   …" to `/klachten/{id}/brieven/nieuw?soort={kind}`, the posting form's button
//!   `#posted-submit-{letter id}`.
//! - the draft page: the form `#letter-form`; per block a hidden `block-{i}-kind` and a
//!   textarea `#block-{i}-text`; the check `#check-result` and `#findings`, a reason field
//!   `#override-{code}` per blocking finding; the readability `#readability-result`; the
//!   buttons `#check-submit` ("Controleren") and `#send-submit` ("Versturen").

use gehoord_domain::Role;

use super::{Browser, PASSWORD, log_in, wait_for_text};
use crate::harness::{Db, TestApp};
/// The current value of the field matching `css`.
async fn value(browser: &Browser, css: &str) -> String {
    let element = browser.find(css).await;
    element.prop("value").await.ok().flatten().unwrap_or_default()
}

/// A letter registered by the handler, handed over and taken. Returns the case's path.
async fn register_and_take(browser: &Browser, app: &TestApp) -> String {
    browser.goto(&app.url("/klachten/registreren")).await;
    browser.wait_for("#register-form").await;
    browser.click("#channel-letter").await;
    browser.fill("description", "Mijn melding over de kapotte lantaarnpaal is kwijt.").await;
    browser.fill("name", "Fatima El Amrani").await;
    browser.fill("address", "Kerkstraat 4, 1234 AB Ergens").await;
    browser.click("#signed").await;
    browser.click("#handling-handover").await;
    browser.click("#submit").await;
    browser.wait_for("#reference").await;
    let mut to_case = None;
    for link in browser.find_all(".link-list a").await {
        if link.text().await.is_ok_and(|t| t.trim() == "Naar de klacht") {
            to_case = Some(link);
            break;
        }
    }
    let to_case = to_case.expect("the confirmation links to the case for a handler");
    to_case.click().await.unwrap_or_else(|e| panic!("cannot follow \"Naar de klacht\": {e}"));
    browser.wait_for("#take").await;
    browser.click("#take").await;
    wait_for_text(browser, "#current-handler", "Hanna Tester").await;
    browser.path().await
}

/// Issue 5: the handler drafts the acknowledgement, edits it, checks it, and sends it by
/// post with a reason for what the check blocked; then records the posting date.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_drafts_checks_and_sends_an_acknowledgement() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("hanna", PASSWORD, Role::Handler).await;
    let browser = Browser::start().await;
    log_in(&browser, &app, "hanna").await;
    let case = register_and_take(&browser, &app).await;

    // From the section "Brieven" to the drafted acknowledgement.
    let offers = browser.text("#letter-offers").await;
    assert!(offers.contains("Brief opstellen: Ontvangstbevestiging"), "{offers}");
    browser.click("#letter-offers a[href$=\"soort=acknowledgement\"]").await;
    browser.wait_for("#letter-form").await;
    assert_eq!(browser.path().await, format!("{case}/brieven/nieuw"));
    let result = browser.text("#check-result").await;
    assert!(result.contains("De controle vond niets."), "{result}");
    assert!(browser.text("#readability-result").await.contains("van de zinnen is eenvoudig"));
    assert!(browser.page_text().await.contains("uiterlijk"), "the term is in the letter");
    browser.assert_accessible("the draft page of an acknowledgement").await;

    // A friendlier salutation, and the hearing's text removed: "Controleren".
    browser.fill("block-0-text", "Beste mevrouw El Amrani,").await;
    let hearing = browser.find("input[type=\"hidden\"][value=\"hearing\"]").await;
    let name = hearing.attr("name").await.ok().flatten().expect("the hearing block has a name");
    let hearing = name.trim_end_matches("-kind").to_owned();
    browser.fill(&format!("{hearing}-text"), " ").await;
    browser.click("#check-submit").await;
    wait_for_text(&browser, "#check-result", "Opnieuw gecontroleerd.").await;
    let findings = browser.text("#findings").await;
    assert!(findings.contains("Blokkeert") && findings.contains("Dit tekstblok is leeg."), "{findings}");
    assert_eq!(value(&browser, "#block-0-text").await, "Beste mevrouw El Amrani,", "the edit is kept");
    assert!(!browser.exists("#error-summary").await, "checking is not a refusal");
    browser.assert_accessible("the draft page with a blocking finding").await;

    // "Versturen" without a reason is refused; the summary links to the reason field.
    browser.click("#send-submit").await;
    browser.wait_for("#error-summary").await;
    assert!(
        browser.exists("#error-summary a[href=\"#override-empty_block\"]").await,
        "the summary links to the reason: {}",
        browser.text("#error-summary").await
    );
    assert!(browser.text("#override-empty_block-error").await.contains("Dit tekstblok is leeg."));
    browser.assert_accessible("the draft page with a refused letter").await;

    // With a reason it goes.
    browser.fill("override-empty_block", "De klager wil geen gesprek; dat is al besproken.").await;
    browser.click("#send-submit").await;
    browser.wait_for_path(&case).await;
    wait_for_text(&browser, "#letters", "Ontvangstbevestiging").await;
    let letters = browser.text("#letters").await;
    assert!(letters.contains("Nog niet op de post gedaan"), "{letters}");
    assert!(letters.contains("Toch verstuurd: Leeg tekstblok"), "{letters}");
    browser.assert_accessible("the case page with a sent letter").await;

    // Posted today (the date is filled in already).
    browser.click("#letters button[id^=\"posted-submit-\"]").await;
    wait_for_text(&browser, "#letters", "Op de post gedaan op").await;
    assert!(!browser.exists("#letters form").await, "posted once");
    let timeline = browser.text("#timeline").await;
    assert!(timeline.contains("Brief verstuurd per post: ontvangstbevestiging"), "{timeline}");
    assert!(timeline.contains("Brief op de post gedaan op"), "{timeline}");
    browser.assert_accessible("the case page with a posted letter").await;
    browser.close().await;
}

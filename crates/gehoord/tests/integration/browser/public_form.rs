//! The public complaint form in a real browser, as a new user walks it: step by step with
//! a failed validation and its error summary, axe-core on every step, the check page and
//! the confirmation; and the whole form with the keyboard only. The same form over plain
//! HTTP, on both databases, is in `pages.rs`.
//!
//! Page contract used here (and by `journeys.rs`):
//! - every step: form `#complaint-form`, heading count `#step-count` ("Stap x van n"),
//!   button `#volgende` (next step) and `#vorige` (previous step); on errors an
//!   `#error-summary` that takes focus, linking to the fields.
//! - step 1: `#description`, `#conductDate`; step 2: radios `#forWhom-{myself,someone_else,anonymous}`;
//!   step 3: `#representativeName` (for someone else), `#name`, `#email`, `#phone`, `#address`,
//!   radios `#contactPreference-{no_preference,phone,email,letter}`, `#callBack`, `#callBackTime`;
//!   check page: "Wijzigen" buttons `#wijzig-{1,2,3}`, file input `#bijlagen`, `#versturen`.
//! - confirmation (`/klacht-indienen/ontvangen/{token}`): `#reference`, `#next-steps`,
//!   the private link `#status-link` to `/mijn-klacht/{token}`.

use fantoccini::key::Key;
use gehoord_domain::case::EventPayload;
use uuid::Uuid;

use super::{Browser, wait_for_text};
use crate::harness::{Db, TestApp};

/// A reference like `KL-2026-000001` in `text`.
fn reference_in(text: &str) -> Option<String> {
    text.split_whitespace().find(|w| w.starts_with("KL-") && w.len() == "KL-2026-000001".len()).map(str::to_owned)
}

/// Waits until the element matching `css` has focus (the page may still be loading after
/// a key press that submits a form); fails with what has focus instead.
async fn wait_for_focus(browser: &Browser, css: &str, why: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !browser.focused_matches(css).await {
        assert!(
            std::time::Instant::now() < deadline,
            "{why}: focus should be on {css}, not {}",
            browser.focused().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The case behind the confirmation page the browser is on.
pub async fn case_on_confirmation(browser: &Browser, app: &TestApp) -> Uuid {
    let path = browser.path().await;
    let token =
        path.strip_prefix("/klacht-indienen/ontvangen/").unwrap_or_else(|| panic!("not a confirmation page: {path}"));
    app.store.case_by_status_token(token).await.expect("the store").expect("the token finds the case")
}

/// Walks the form with the mouse for a complaint for oneself: `description`, then the
/// contact fields (`(id, value)`) and a contact preference radio, then sends. Returns the
/// reference and the case id from the confirmation page.
pub async fn complain(
    browser: &Browser,
    app: &TestApp,
    description: &str,
    contact: &[(&str, &str)],
    preference: &str,
) -> (String, Uuid) {
    browser.goto(&app.url("/klacht-indienen")).await;
    browser.fill("description", description).await;
    browser.click("#volgende").await;
    browser.wait_for("#forWhom-myself").await;
    browser.click("#forWhom-myself").await;
    browser.click("#volgende").await;
    browser.wait_for("#email").await;
    for (id, value) in contact {
        browser.fill(id, value).await;
    }
    browser.click(&format!("#contactPreference-{preference}")).await;
    browser.click("#volgende").await;
    browser.wait_for("#versturen").await;
    browser.click("#versturen").await;
    browser.wait_for("#reference").await;
    let reference = reference_in(&browser.text("#reference").await).expect("a reference on the confirmation");
    (reference, case_on_confirmation(browser, app).await)
}

/// A new user walks every step, makes mistakes the summary points out, goes back and
/// forth, adds two files on the check page and sends; every page passes axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_walks_the_form_step_by_step_and_every_page_passes_axe() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let browser = Browser::start().await;

    // Step 1, sent empty: the error summary takes focus and leads to the field.
    browser.goto(&app.url("/klacht-indienen")).await;
    wait_for_text(&browser, "#step-count", "Stap 1 van 4").await;
    browser.assert_accessible("stap 1").await;
    browser.click("#volgende").await;
    browser.wait_for("#error-summary").await;
    wait_for_focus(&browser, "#error-summary", "the error summary takes focus").await;
    assert!(browser.exists("#error-summary a[href=\"#description\"]").await);
    browser.assert_accessible("stap 1 met een fout").await;
    browser.click("#error-summary a[href=\"#description\"]").await;
    wait_for_focus(&browser, "#description", "the link puts the cursor in the field").await;
    browser.fill("description", "Mijn vader kreeg een boete voor een auto die hij al verkocht had.").await;
    browser.fill("conductDate", "02-03-2026").await;
    browser.click("#volgende").await;

    // Step 2: for someone else.
    wait_for_text(&browser, "#step-count", "Stap 2 van 4").await;
    browser.assert_accessible("stap 2").await;
    browser.click("#forWhom-someone_else").await;
    browser.click("#volgende").await;

    // Step 3: a call-back without a phone number is pointed out.
    wait_for_text(&browser, "#step-count", "Stap 3 van 4").await;
    browser.assert_accessible("stap 3").await;
    browser.fill("representativeName", "Sanne Bakker").await;
    browser.fill("name", "Henk Bakker").await;
    browser.fill("email", "sanne@example.nl").await;
    browser.click("#callBack").await;
    browser.fill("callBackTime", "na 17.00 uur").await;
    browser.click("#volgende").await;
    browser.wait_for("#error-summary a[href=\"#phone\"]").await;
    wait_for_focus(&browser, "#error-summary", "focus on the summary again").await;
    browser.assert_accessible("stap 3 met een fout").await;
    browser.fill("phone", "06 12345678").await;
    browser.click("#volgende").await;

    // The check page; back to step 3 keeps everything, and forward again.
    wait_for_text(&browser, "#step-count", "Stap 4 van 4").await;
    let check = browser.page_text().await;
    for text in ["Sanne Bakker", "Henk Bakker", "Ja, na 17.00 uur", "Voor iemand anders", "02-03-2026"] {
        assert!(check.contains(text), "the check page shows {text}:\n{check}");
    }
    browser.assert_accessible("controleren en versturen").await;
    browser.click("#wijzig-3").await;
    wait_for_text(&browser, "#step-count", "Stap 3 van 4").await;
    let kept = browser.find("#representativeName").await.prop("value").await.ok().flatten();
    assert_eq!(kept.as_deref(), Some("Sanne Bakker"), "what was typed is kept");
    browser.click("#volgende").await;
    wait_for_text(&browser, "#step-count", "Stap 4 van 4").await;

    // Two files, and send.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let letter = dir.path().join("boete.pdf");
    std::fs::write(&letter, b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").expect("write the letter");
    let photo = dir.path().join("verkoopbewijs.png");
    std::fs::write(
        &photo,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
    )
    .expect("write the photo");
    let files = format!("{}\n{}", letter.display(), photo.display());
    browser.find("#bijlagen").await.send_keys(&files).await.unwrap_or_else(|e| panic!("cannot choose the files: {e}"));
    browser.click("#versturen").await;

    // The confirmation: reference, what happens next, the private link.
    browser.wait_for("#reference").await;
    assert!(reference_in(&browser.text("#reference").await).is_some());
    let next = browser.text("#next-steps").await;
    assert!(next.contains("Wij bellen u binnen 2 werkdagen"), "{next}");
    let link = browser.find("#status-link").await.attr("href").await.ok().flatten().unwrap_or_default();
    assert!(link.starts_with("/mijn-klacht/") && link.len() > 40, "the private link: {link}");
    browser.assert_accessible("de bevestiging").await;

    let id = case_on_confirmation(&browser, &app).await;
    let detail = app.store.case_view(id).await.expect("the store").expect("the case").detail;
    assert_eq!(detail.complainant.representative.as_deref(), Some("Sanne Bakker"));
    assert_eq!(detail.complainant.name.as_deref(), Some("Henk Bakker"));
    let files: Vec<String> = app
        .store
        .events(id)
        .await
        .expect("the events")
        .into_iter()
        .filter_map(|e| match e.event.payload {
            EventPayload::EvidenceAdded(evidence) => Some(evidence.file_name),
            _ => None,
        })
        .collect();
    assert_eq!(files, ["boete.pdf", "verkoopbewijs.png"]);
    browser.close().await;
}

/// The whole form with the keyboard only: Tab, typing, Space and Enter, from step 1 to
/// the confirmation, including a mistake and the error summary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_works_with_the_keyboard_only() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/klacht-indienen")).await;

    // The first Tab reaches the skip link; following it skips the page header.
    browser.press(Key::Tab).await;
    assert!(
        browser.focused_matches("a.skip-link").await,
        "the first Tab should reach the \"skip to content\" link, not {}",
        browser.focused().await
    );
    browser.press(Key::Enter).await;

    // Step 1, first without a description: the summary takes focus, its link leads to the field.
    browser.tab_to("#volgende", 30).await;
    browser.press(Key::Enter).await;
    browser.wait_for("#error-summary").await;
    wait_for_focus(&browser, "#error-summary", "the error summary takes focus").await;
    browser.tab_to("#error-summary a[href=\"#description\"]", 5).await;
    browser.press(Key::Enter).await;
    wait_for_focus(&browser, "#description", "the link puts the cursor in the field").await;
    browser.type_text("Mijn container is al drie weken niet geleegd.").await;
    browser.tab_to("#volgende", 10).await;
    browser.press(Key::Enter).await;

    // Step 2: the first radio with Tab, chosen with Space.
    wait_for_text(&browser, "#step-count", "Stap 2 van 4").await;
    browser.tab_to("#forWhom-myself", 30).await;
    browser.press(Key::Space).await;
    browser.tab_to("#volgende", 10).await;
    browser.press(Key::Enter).await;

    // Step 3: name and e-mail address; the rest stays as it is.
    wait_for_text(&browser, "#step-count", "Stap 3 van 4").await;
    browser.tab_to("#name", 30).await;
    browser.type_text("Jan de Vries").await;
    browser.tab_to("#email", 5).await;
    browser.type_text("jan@example.nl").await;
    browser.tab_to("#volgende", 30).await;
    browser.press(Key::Enter).await;

    // The check page: send.
    wait_for_text(&browser, "#step-count", "Stap 4 van 4").await;
    assert!(browser.page_text().await.contains("jan@example.nl"));
    browser.tab_to("#versturen", 40).await;
    browser.press(Key::Enter).await;

    browser.wait_for("#reference").await;
    let confirmation = browser.text("#reference").await;
    assert!(reference_in(&confirmation).is_some(), "a keyboard user reaches the confirmation, not {confirmation:?}");
    browser.close().await;
}

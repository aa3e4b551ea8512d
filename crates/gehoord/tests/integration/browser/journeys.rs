//! What citizens and handlers do in a real browser, end to end, with axe-core on every page.
//!
//! Page contract (paths and element ids) that these tests rely on:
//! - `/klacht-indienen`: form `#complaint-form` with `#description`, `#name`, `#email`,
//!   `#phone`, `#address`, radios `#contactPreference-{no_preference,phone,email,letter}`,
//!   button `#submit`; on invalid input an `#error-summary` linking to the fields; a
//!   skip link `a.skip-link` as the first thing Tab reaches.
//! - confirmation page: `#reference` holds `KL-YYYY-NNNNNN`.
//! - `/inloggen`: `#username`, `#password`, `#submit`; success goes to `/klachten`.
//! - `/klachten`: table `#inbox` with links to `/klachten/{id}` whose text is the reference.
//! - `/klachten/{id}`: `#reference`, the description, list `#timeline` with items.

use fantoccini::key::Key;
use gehoord_domain::Role;

use super::Browser;
use crate::harness::{Db, TestApp};

const DESCRIPTION: &str = "De stoep voor mijn huis ligt al drie maanden open. \
    Niemand van de gemeente laat weten wanneer het klaar is.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_submits_a_complaint_and_a_handler_finds_it_in_the_inbox() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let _handler = app.create_user("hanna", "correct-horse-battery", Role::Handler).await;
    let browser = Browser::start().await;

    // The citizen opens the public form and sends it without describing the problem.
    browser.goto(&app.url("/klacht-indienen")).await;
    browser.find("#complaint-form").await;
    browser.assert_accessible("the public complaint form").await;
    browser.click("#submit").await;
    browser.wait_for("#error-summary").await;
    assert!(
        browser.exists("#error-summary a[href=\"#description\"]").await,
        "the error summary should link to the description field; it says: {}",
        browser.text("#error-summary").await
    );
    browser.assert_accessible("the public complaint form with errors").await;
    // The link in the summary takes them to the field.
    browser.click("#error-summary a[href=\"#description\"]").await;
    assert!(
        browser.focused_matches("#description").await,
        "following the error summary's link should put the cursor in the description, \
         not in {}",
        browser.focused().await
    );

    // They describe the problem and how they want to be reached, and send it again.
    browser.fill("description", DESCRIPTION).await;
    browser.fill("name", "Jan de Vries").await;
    browser.fill("email", "jan.devries@example.nl").await;
    browser.fill("phone", "0612345678").await;
    browser.fill("address", "Dorpsstraat 1, 1234 AB Ergenshuizen").await;
    browser.click("#contactPreference-email").await;
    browser.click("#submit").await;
    browser.wait_for("#reference").await;
    let confirmation = browser.text("#reference").await;
    let reference = find_reference(&confirmation).unwrap_or_else(|| {
        panic!("the confirmation should show a reference like KL-2026-000001, not {confirmation:?}")
    });
    browser.assert_accessible("the confirmation page").await;

    // A handler logs in and finds the complaint in the inbox.
    browser.goto(&app.url("/inloggen")).await;
    browser.assert_accessible("the login page").await;
    browser.fill("username", "hanna").await;
    browser.fill("password", "correct-horse-battery").await;
    browser.click("#submit").await;
    browser.wait_for_path("/klachten").await;
    browser.wait_for("#inbox").await;
    browser.assert_accessible("the inbox").await;
    let mut case_link = None;
    for link in browser.find_all("#inbox a").await {
        if link.text().await.is_ok_and(|text| text.trim() == reference) {
            case_link = Some(link);
            break;
        }
    }
    let Some(case_link) = case_link else {
        panic!("the inbox should list {reference}; it shows:\n{}", browser.text("#inbox").await);
    };

    // They open the case: its reference, the citizen's words and the timeline.
    case_link.click().await.unwrap_or_else(|e| panic!("cannot open {reference} from the inbox: {e}"));
    browser.wait_for("#timeline").await;
    let path = browser.path().await;
    assert!(
        path.starts_with("/klachten/") && path.len() > "/klachten/".len(),
        "the inbox link should lead to /klachten/{{id}}, not {path}"
    );
    assert!(browser.text("#reference").await.contains(&reference), "the case page should show {reference}");
    assert!(browser.page_text().await.contains(DESCRIPTION), "the case page should show the citizen's description");
    assert!(
        !browser.find_all("#timeline li").await.is_empty(),
        "the case page's timeline should have at least the submission in it"
    );
    browser.assert_accessible("the case page").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_submits_a_complaint_with_the_keyboard_only() {
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

    browser.tab_to("#description", 30).await;
    browser.type_text("Mijn container is al drie weken niet geleegd.").await;
    browser.tab_to("#submit", 30).await;
    browser.press(Key::Enter).await;

    browser.wait_for("#reference").await;
    let confirmation = browser.text("#reference").await;
    assert!(
        find_reference(&confirmation).is_some(),
        "a keyboard user should reach the confirmation with a reference, not {confirmation:?}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_register_by_phone_and_a_handler_takes_the_case() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("kees", "correct-horse-battery", Role::Employee).await;
    app.create_user("hanna", "correct-horse-battery", Role::Handler).await;
    let browser = Browser::start().await;

    // A call-centre employee logs in and lands on the registration form.
    browser.goto(&app.url("/inloggen")).await;
    browser.fill("username", "kees").await;
    browser.fill("password", "correct-horse-battery").await;
    browser.click("#submit").await;
    browser.wait_for_path("/klachten/registreren").await;
    browser.assert_accessible("the staff registration form").await;

    // Sending it without choices shows every problem at once.
    browser.click("#submit").await;
    browser.wait_for("#error-summary").await;
    for field in ["channel", "description", "handling"] {
        assert!(
            browser.exists(&format!("#error-summary a[href=\"#{field}\"]")).await,
            "the summary should name {field}: {}",
            browser.text("#error-summary").await
        );
    }
    browser.assert_accessible("the staff registration form with errors").await;

    // A phone call handed over to complaint handling.
    browser.click("#channel-phone").await;
    browser.fill("description", "Mevrouw belt voor de derde keer over haar kapotte lantaarnpaal.").await;
    browser.fill("name", "Mevrouw Jansen").await;
    browser.fill("phone", "06 12345678").await;
    browser.click("#contactPreference-phone").await;
    browser.click("#handling-handover").await;
    browser.fill("handoverNote", "Graag vandaag terugbellen.").await;
    browser.click("#submit").await;
    browser.wait_for("#reference").await;
    let reference = find_reference(&browser.text("#reference").await).expect("a reference");
    assert!(browser.page_text().await.contains("overgedragen aan klachtbehandeling"));
    browser.assert_accessible("the registration confirmation").await;

    // The handler finds it among the cases nobody has taken yet, and takes it.
    browser.click(".site-nav__logout button").await;
    browser.wait_for_path("/inloggen").await;
    browser.fill("username", "hanna").await;
    browser.fill("password", "correct-horse-battery").await;
    browser.click("#submit").await;
    browser.goto(&app.url("/klachten?toon=niet-toegewezen&kanaal=phone")).await;
    assert!(browser.text("#inbox").await.contains(&reference));
    browser.click("#inbox a").await;
    browser.wait_for("#take").await;
    browser.click("#take").await;
    browser.wait_for("#timeline").await;
    let page = browser.page_text().await;
    assert!(page.contains("In behandeling genomen door Hanna Tester"), "{page}");
    assert!(page.contains("Notitie: Graag vandaag terugbellen."), "{page}");
    browser.assert_accessible("the case page of a case in handling").await;
    browser.goto(&app.url("/klachten?toon=mijn")).await;
    assert!(browser.text("#inbox").await.contains(&reference));
    browser.assert_accessible("the inbox filtered on my cases").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_set_up_page_is_accessible() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    let token = app.store.create_setup_token(app.clock.now()).await.expect("token");
    let browser = Browser::start().await;
    browser.goto(&app.url(&format!("/inrichten?token={token}"))).await;
    browser.assert_accessible("the set-up page").await;
    browser.click("#submit").await;
    browser.wait_for("#error-summary").await;
    browser.assert_accessible("the set-up page with errors").await;
    browser.fill("organisation", "Gemeente Teststad").await;
    browser.fill("adminName", "Ada Beheer").await;
    browser.fill("username", "ada").await;
    browser.fill("password", "een-lang-wachtwoord").await;
    browser.fill("passwordRepeat", "een-lang-wachtwoord").await;
    browser.click("#submit").await;
    browser.wait_for_path("/klachten").await;
    assert!(browser.page_text().await.contains("Gemeente Teststad"));
    browser.assert_accessible("the empty inbox").await;
    browser.goto(&app.url("/bestaat-niet")).await;
    browser.assert_accessible("the not-found page").await;
    browser.close().await;
}

/// The first `KL-YYYY-NNNNNN` in `text`.
fn find_reference(text: &str) -> Option<String> {
    let shape = "KL-dddd-dddddd";
    text.char_indices().find_map(|(start, _)| {
        let candidate = text.get(start..start + shape.len())?;
        let fits = candidate.chars().zip(shape.chars()).all(|(c, s)| match s {
            'd' => c.is_ascii_digit(),
            s => c == s,
        });
        fits.then(|| candidate.to_owned())
    })
}

#[test]
fn finds_a_reference_in_text() {
    assert_eq!(find_reference("Uw kenmerk is KL-2026-000042.").as_deref(), Some("KL-2026-000042"));
    assert_eq!(find_reference("KL-2026-00004"), None);
    assert_eq!(find_reference("Ünïcode vóór KL-2026-123456"), Some("KL-2026-123456".into()));
}

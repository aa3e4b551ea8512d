//! What citizens and handlers do in a real browser, end to end, with axe-core on every page.
//!
//! Page contract (paths and element ids) that these tests rely on:
//! - `/klacht-indienen`: the form in steps, see `public_form.rs` (which also walks it with
//!   the keyboard only); on invalid input an `#error-summary` linking to the fields.
//! - confirmation page: `#reference` holds `KL-YYYY-NNNNNN`.
//! - `/inloggen`: `#username`, `#password`, `#submit`; success goes to `/klachten`.
//! - `/klachten`: table `#inbox` with links to `/klachten/{id}` whose text is the reference.
//! - `/klachten/{id}`: `#reference`, the description, list `#timeline` with items.

use gehoord_domain::Role;

use super::{Browser, public_form::complain};
use crate::harness::{Db, TestApp};

const DESCRIPTION: &str = "De stoep voor mijn huis ligt al drie maanden open. \
    Niemand van de gemeente laat weten wanneer het klaar is.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_submits_a_complaint_and_a_handler_finds_it_in_the_inbox() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let _handler = app.create_user("hanna", "correct-horse-battery", Role::Handler).await;
    let browser = Browser::start().await;

    // The citizen opens the public form and goes on without describing the problem.
    browser.goto(&app.url("/klacht-indienen")).await;
    browser.find("#complaint-form").await;
    browser.assert_accessible("the public complaint form").await;
    browser.click("#volgende").await;
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

    // They describe the problem and how they want to be reached, and send it.
    let (reference, _) = complain(
        &browser,
        &app,
        DESCRIPTION,
        &[
            ("name", "Jan de Vries"),
            ("email", "jan.devries@example.nl"),
            ("phone", "0612345678"),
            ("address", "Dorpsstraat 1, 1234 AB Ergenshuizen"),
        ],
        "email",
    )
    .await;
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
    browser.goto(&app.url("/beheer/instellingen")).await;
    browser.assert_accessible("the settings page").await;
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

/// Issue 3's informal path, end to end: intake → contact → exploration → an agreed solution
/// with a commitment → the commitment kept → the control question → a lesson → closed →
/// reopened, with axe-core on the case page in its main states and on both overviews.
///
/// Page contract used here: the case page groups its work per rule of thumb; every action is a
/// form in a `<details>` opened by `#open-{action}` (e.g. `#open-contact`,
/// `#open-toezegging-{id}`), with fields named as in the domain (`summary`, `core`, `wishes`,
/// `what`, `due`, …) and a submit button `#{action}-submit`; closing and reopening are plain
/// forms with `#close-submit` and `#reopen-submit`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handler_solves_a_complaint_informally_and_the_door_stays_open() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("hanna", "correct-horse-battery", Role::Handler).await;
    app.create_user("mo", "correct-horse-battery", Role::Manager).await;
    let today = gehoord_domain::time::date_in_amsterdam(app.clock.now());
    let next_week = today.checked_add(jiff::Span::new().days(7)).expect("a date").strftime("%d-%m-%Y").to_string();
    let browser = Browser::start().await;

    // A citizen complains through the public form and prefers the phone.
    let (reference, case_id) = complain(
        &browser,
        &app,
        "Mijn parkeervergunning is zes weken te laat. Niemand belt mij terug.",
        &[("name", "Jan de Vries"), ("phone", "0612345678")],
        "phone",
    )
    .await;
    let case_url = app.url(&format!("/klachten/{case_id}"));

    // The handler logs in, opens the new case and takes it.
    log_in(&browser, &app, "hanna").await;
    browser.goto(&case_url).await;
    browser.wait_for("#take").await;
    assert!(browser.text("#reference").await.contains(&reference));
    let page = browser.page_text().await;
    assert!(page.contains("Neem uiterlijk"), "the first-contact norm shows on a new case:\n{page}");
    browser.assert_accessible("the case page of a new case").await;
    browser.click("#take").await;
    assert!(browser.wait_for("#current-handler").await.text().await.is_ok_and(|t| t.contains("Hanna Tester")));

    // Rule 2: she phones the citizen and records the core of the complaint.
    browser.click("#open-contact").await;
    browser.click("#contactMethod-phone").await;
    browser.click("#outcome-reached").await;
    browser.fill("summary", "Gebeld. Meneer is boos: hij wacht al zes weken en kreeg geen antwoord.").await;
    browser.click("#contact-submit").await;
    browser.wait_for("#contacts").await;
    assert!(browser.text("#contacts").await.contains("Gebeld. Meneer is boos"));
    assert!(browser.text("#contactnorm").await.contains("Persoonlijk contact gezocht op"), "the norm is met");

    browser.click("#open-verkenning").await;
    browser.fill("core", "Meneer voelt zich niet serieus genomen.").await;
    browser.fill("wishes", "Zijn vergunning deze week, en dat iemand terugbelt.").await;
    browser.click("#procedureExplained").await;
    browser.click("#exploration-submit").await;
    browser.wait_for("#verkenning + dl").await;
    assert!(browser.page_text().await.contains("Meneer voelt zich niet serieus genomen."));

    // Rule 3: an agreed solution, with a commitment.
    browser.click("#open-oplossing").await;
    browser.click("#solutionKind-repair_mistake").await;
    browser.fill("solutionDescription", "Aanvraag alsnog behandeld; vergunning gaat vandaag de deur uit.").await;
    browser.fill("reasoning", "De aanvraag was zoekgeraakt; meneer had recht op een vergunning.").await;
    browser.click("#agreed-ja").await;
    browser.click("#solution-submit").await;
    browser.wait_for("#oplossingen + ul").await;
    assert!(browser.page_text().await.contains("De aanvraag was zoekgeraakt"));

    browser.click("#open-toezegging").await;
    browser.fill("what", "Vergunning per post versturen en meneer bellen als hij verstuurd is.").await;
    browser.fill("due", &next_week).await;
    browser.click("#commitment-submit").await;
    browser.wait_for("li[id^=\"toezegging-\"]").await;
    assert!(browser.page_text().await.contains("Er staat nog 1 toezegging open."));

    // Settling it without saying how it went names the problem, on a page with an open
    // commitment.
    browser.click("summary[id^=\"open-toezegging-\"]").await;
    browser.click("button[id^=\"settle-submit-\"]").await;
    browser.wait_for("#error-summary").await;
    assert!(browser.text("#error-summary").await.contains("Kies of de toezegging is nagekomen of niet."));
    browser.assert_accessible("the case page with an open commitment and errors").await;

    // The commitments overview lists it.
    browser.goto(&app.url("/toezeggingen")).await;
    browser.wait_for("#commitments").await;
    assert!(browser.text("#commitments").await.contains(&reference));
    browser.assert_accessible("the commitments overview").await;

    // Back on the case: the commitment is kept.
    browser.goto(&case_url).await;
    browser.wait_for("summary[id^=\"open-toezegging-\"]").await;
    browser.click("summary[id^=\"open-toezegging-\"]").await;
    browser.click("input[id$=\"-kept\"]").await;
    browser.click("button[id^=\"settle-submit-\"]").await;
    browser.wait_for("li.record--kept").await;
    assert!(browser.page_text().await.contains("Nagekomen op"));

    // Rule 5: the control question (yes), a lesson, and closing.
    browser.click("#open-controlevraag").await;
    browser.click("#satisfied-ja").await;
    browser.click("#allAddressed-ja").await;
    browser.click("#howAsked-phone").await;
    browser.click("#control-submit").await;
    browser.wait_for("#controlevraag + dl").await;
    assert!(browser.page_text().await.contains("Gedaan: Controlevraag gesteld: de burger is tevreden"));

    browser.click("#open-leerpunt").await;
    browser.click("#lessonLevel-execution").await;
    browser.click("#learner-team").await;
    browser
        .fill("lessonText", "Aanvragen die langer dan vier weken liggen, komen op de lijst van de teamleider.")
        .await;
    browser.click("#lesson-submit").await;
    browser.wait_for("#leerpunten + ul").await;

    browser.click("#close-submit").await;
    browser.wait_for("#reopen-submit").await;
    let page = browser.page_text().await;
    assert!(page.contains("Afgerond: Opgelost"), "{page}");
    assert!(page.contains("Trede 2: klachtbehandeling"));
    browser.assert_accessible("the case page of a closed case").await;

    // The door stays open: the citizen calls back and she reopens the case.
    browser.fill("reopenReason", "Meneer belt: de vergunning heeft het verkeerde kenteken.").await;
    browser.click("#reopen-submit").await;
    browser.wait_for("#open-contact").await;
    let page = browser.page_text().await;
    assert!(page.contains("Heropend"), "{page}");
    assert!(page.contains("Reden: Meneer belt: de vergunning heeft het verkeerde kenteken."));

    // A question for the manager, who finds it in the escalations overview and decides.
    browser.click("#open-escalatie").await;
    browser.click("#escalationReason-mandate").await;
    browser.fill("escalationExplanation", "Meneer vraagt de leges terug: 45 euro.").await;
    browser.fill("requestedDecision", "Akkoord met terugbetalen van de leges?").await;
    browser.click("#escalate-submit").await;
    browser.wait_for("li[id^=\"escalatie-\"]").await;
    browser.click(".site-nav__logout button").await;
    browser.wait_for_path("/inloggen").await;
    log_in(&browser, &app, "mo").await;
    browser.goto(&app.url("/escalaties")).await;
    browser.wait_for("#escalations").await;
    assert!(browser.text("#escalations").await.contains("Akkoord met terugbetalen van de leges?"));
    browser.assert_accessible("the escalations overview").await;
    browser.click("#escalations a").await;
    browser.wait_for("summary[id^=\"open-escalatie-\"]").await;
    browser.click("summary[id^=\"open-escalatie-\"]").await;
    browser.fill(&format!("decision-{}", escalation_id(&browser).await), "Akkoord.").await;
    browser.click("button[id^=\"answer-submit-\"]").await;
    browser.wait_for("li.record--answered").await;
    assert!(browser.page_text().await.contains("Besloten door"));
    browser.close().await;
}

/// Logs in on the login page as `username` (password `correct-horse-battery`).
async fn log_in(browser: &Browser, app: &TestApp, username: &str) {
    browser.goto(&app.url("/inloggen")).await;
    browser.fill("username", username).await;
    browser.fill("password", "correct-horse-battery").await;
    browser.click("#submit").await;
    browser.wait_for_path("/klachten").await;
}

/// The id of the (first) escalation on the case page, from its list item `escalatie-{id}`.
async fn escalation_id(browser: &Browser) -> String {
    let item = browser.find("li[id^=\"escalatie-\"]").await;
    let id = item.attr("id").await.ok().flatten().unwrap_or_default();
    id.trim_start_matches("escalatie-").to_owned()
}

/// The deadline overview with an overdue, a warning and an on-track row: the red-tinted
/// overdue row and the flags must keep enough contrast (WCAG AA).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_overview_is_accessible_with_late_and_warning_cases() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("hanna", "correct-horse-battery", Role::Handler).await;
    let mut references = Vec::new();
    // Due 16 March (late), 13 April (warning) and 28 April 2026 (on track).
    for (at, department) in [
        ("2026-02-02T10:00:00Z", "Openbare Ruimte"),
        ("2026-03-02T10:00:00Z", "Burgerzaken"),
        ("2026-03-16T10:00:00Z", "Burgerzaken"),
    ] {
        app.clock.set(at.parse().expect("an instant"));
        let body = format!(r#"{{"description": "De stoep ligt open.", "department": "{department}"}}"#);
        let r = app.api(axum::http::Method::POST, "/v1/klachten", None, Some(&body)).await;
        references.push(r.json()["reference"].as_str().expect("a reference").to_owned());
    }
    app.clock.set("2026-04-08T10:00:00Z".parse().expect("an instant"));
    let browser = Browser::start().await;
    log_in(&browser, &app, "hanna").await;
    browser.click("a[href=\"/termijnen\"]").await;
    browser.wait_for("#deadlines").await;
    let table = browser.text("#deadlines").await;
    assert!(table.contains("Te laat") && table.contains("Bijna verlopen"), "{table}");
    assert!(references.iter().all(|r| table.contains(r.as_str())), "{table}");
    assert!(browser.exists("tr.table__row--late").await);
    browser.assert_accessible("the deadline overview").await;
    browser.click("#afdeling option[value=\"Burgerzaken\"]").await;
    browser.click(".filters button[type=\"submit\"]").await;
    browser.wait_for("#afdeling option[value=\"Burgerzaken\"][selected]").await;
    assert!(!browser.text("#deadlines").await.contains(&references[0]));
    browser.goto(&app.url("/termijnen?afdeling=Belastingen")).await;
    browser.wait_for("#deadlines-empty").await;
    browser.assert_accessible("the deadline overview without results").await;
    browser.close().await;
}

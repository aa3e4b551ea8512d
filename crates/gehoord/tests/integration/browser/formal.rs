//! Formal handling (rule of thumb 4) in a real browser, with axe-core on the case page in
//! its formal states: the journey from a signed letter to a judgment per part, and the
//! Awb 9:8 refusal to handle conduct of more than a year ago. The same journeys over plain
//! HTTP are in `case_formal.rs`; these add what only a browser shows: the `<details>` forms
//! of section "4. Oordelen" opened and checked by axe, the error summary and the
//! explanation beside the verdict, and the keyboard.
//!
//! Page contract used here (besides the one in `journeys.rs`):
//! - `/klachten/registreren`: radios `#channel-{code}`, `#handling-handover`, checkbox
//!   `#signed`, fields `#conductDate`, `#description`, `#name`, `#address`; the
//!   confirmation links "Naar de klacht".
//! - the case page: section `#oordelen`; every action is a `<details>` opened by its
//!   summary `#open-{action}` with a form `#form-{action}` and a button `#{action}-submit`;
//!   yes/no questions are radios `#{name}-ja` / `#{name}-nee`, other radios
//!   `#{name}-{code}`; norms are checkboxes `#norm-{code}`; closing with a judgment is the
//!   plain form `#form-afronden-oordeel` with `#close-judged-submit`.
//! - after formal start `#formal-started`; the respondent's copy `#respondent-copy`;
//!   hearings `#hearings`; parts `#parts`; the postponement `#postponement` and the terms
//!   `#terms`; findings `#findings`; the timeline `#timeline`.

use fantoccini::key::Key;
use gehoord_domain::Role;
use jiff::civil::Date;

use super::{Browser, PASSWORD, log_in, wait_for_text};
use crate::harness::{Db, TestApp};

/// Today in Amsterdam, on the app's (fixed) clock.
fn today(app: &TestApp) -> Date {
    gehoord_domain::time::date_in_amsterdam(app.clock.now())
}

/// A date as the forms want it: 15-03-2026.
fn dutch(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

/// Whether the radio button or checkbox matching `css` is ticked.
async fn is_ticked(browser: &Browser, css: &str) -> bool {
    let element = browser.find(css).await;
    element.is_selected().await.unwrap_or_else(|e| panic!("cannot tell whether {css} is ticked: {e}"))
}

/// The id of the radio button in the fieldset `fieldset` whose label starts with `label`.
async fn radio_labelled(browser: &Browser, fieldset: &str, label: &str) -> String {
    let mut seen = Vec::new();
    for element in browser.find_all(&format!("{fieldset} label")).await {
        let text = element.text().await.unwrap_or_default();
        if text.trim().starts_with(label) {
            let id = element.attr("for").await.ok().flatten();
            return id.unwrap_or_else(|| panic!("the label {text:?} in {fieldset} belongs to no field"));
        }
        seen.push(text);
    }
    panic!("{fieldset} has no option {label:?}; it has: {seen:?}")
}

/// Opens every closed `<details>` in the section `section` by clicking its summary, as a
/// user would, and checks that none is left closed. Returns how many it opened.
async fn open_every_action(browser: &Browser, section: &str) -> usize {
    let closed = format!("{section} details:not([open])");
    let summaries = browser.find_all(&format!("{closed} > summary")).await;
    let opened = summaries.len();
    for summary in summaries {
        summary.click().await.unwrap_or_else(|e| panic!("cannot open a form in {section}: {e}"));
    }
    assert!(!browser.exists(&closed).await, "every form in {section} should be open now");
    assert!(
        browser.find_all(&format!("{section} details[open] form")).await.len() >= opened,
        "every opened <details> in {section} should show its form"
    );
    opened
}

/// A signed letter registered by the handler on the staff registration form and handed
/// over; conduct on `conduct`. Returns the case's URL, on the case page.
async fn register_letter(browser: &Browser, app: &TestApp, conduct: Option<Date>) -> String {
    browser.goto(&app.url("/klachten/registreren")).await;
    browser.wait_for("#register-form").await;
    browser.click("#channel-letter").await;
    browser.fill("description", "De buitendienst was onbeleefd en mijn melding over de lantaarnpaal is kwijt.").await;
    if let Some(conduct) = conduct {
        browser.fill("conductDate", &dutch(conduct)).await;
    }
    browser.fill("name", "Fatima El Amrani").await;
    browser.fill("address", "Kerkstraat 4, 1234 AB Ergens").await;
    assert!(
        is_ticked(browser, "#contactPreference-no_preference").await,
        "no contact preference is the default on the registration form"
    );
    browser.click("#signed").await;
    browser.click("#handling-handover").await;
    browser.click("#submit").await;
    browser.wait_for("#reference").await;
    assert!(browser.page_text().await.contains("overgedragen aan klachtbehandeling"));
    let mut to_case = None;
    for link in browser.find_all(".link-list a").await {
        if link.text().await.is_ok_and(|t| t.trim() == "Naar de klacht") {
            to_case = Some(link);
            break;
        }
    }
    let to_case = to_case.expect("the confirmation should link to the case for a handler");
    to_case.click().await.unwrap_or_else(|e| panic!("cannot follow \"Naar de klacht\": {e}"));
    browser.wait_for("#take").await;
    let path = browser.path().await;
    assert!(path.starts_with("/klachten/") && path.len() > "/klachten/".len(), "not a case page: {path}");
    app.url(&path)
}

/// Takes the case on the case page and checks that the page says so.
async fn take(browser: &Browser) {
    browser.click("#take").await;
    wait_for_text(browser, "#current-handler", "Hanna Tester").await;
}

/// Issue: the formal path on the case page, from a signed letter to a judgment per part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_formal_complaint_from_intake_to_a_judgment() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("hanna", PASSWORD, Role::Handler).await;
    let today = dutch(today(&app));
    let browser = Browser::start().await;

    // The handler registers a signed letter, hands it over, and takes it.
    log_in(&browser, &app, "hanna").await;
    let case_url = register_letter(&browser, &app, None).await;
    take(&browser).await;

    // Rule 2: she phones the complainant and records the core and the wishes; there is
    // no solution that the complainant accepts: she wants a judgment.
    browser.click("#open-contact").await;
    browser.click("#contactMethod-phone").await;
    browser.click("#outcome-reached").await;
    browser.fill("summary", "Gebeld. Mevrouw wil dat de gemeente uitspreekt dat dit niet goed ging.").await;
    browser.click("#contact-submit").await;
    wait_for_text(&browser, "#contacts", "Mevrouw wil dat de gemeente uitspreekt").await;

    browser.click("#open-verkenning").await;
    browser.fill("core", "Mevrouw voelt zich onheus bejegend en haar melding is zoekgeraakt.").await;
    browser.fill("wishes", "Een oordeel over het gedrag en over de zoekgeraakte melding.").await;
    browser.click("#procedureExplained").await;
    browser.click("#exploration-submit").await;
    browser.wait_for("#verkenning + dl").await;
    assert!(browser.text("#verkenning + dl").await.contains("Mevrouw voelt zich onheus bejegend"));

    // Rule 4: formal handling starts.
    assert!(browser.exists("#form-formeel").await, "formal handling can start on a case in handling");
    browser.click("#open-formeel").await;
    browser.fill("formalReason", "Verkend, geen oplossing: de klager wil een oordeel.").await;
    browser.click("#signed-ja").await;
    browser.click("#formal-submit").await;
    wait_for_text(&browser, "#formal-started", "Verkend, geen oplossing: de klager wil een oordeel.").await;
    assert!(!browser.exists("#form-formeel").await, "formal handling starts only once");

    // Every form of section 4 open at once must be accessible.
    let opened = open_every_action(&browser, "#oordelen").await;
    assert!(opened >= 6, "section 4 should offer its forms after the formal start; it opened {opened}");
    for form in ["#form-niet-behandelen", "#form-verdagen", "#form-kopie-beklaagde", "#form-hoorzitting"] {
        assert!(browser.exists(form).await, "{form} is in section 4 after the formal start");
    }
    browser.assert_accessible("the case page after the formal start, every form open").await;

    // The respondent (Betrokkenen), the copy of the complaint (Awb 9:9) and a hearing of
    // both together (Awb 9:10) with its report.
    browser.goto(&case_url).await;
    browser.click("#open-betrokkene").await;
    browser.fill("respondentName", "Piet Smit").await;
    browser.fill("respondentDepartment", "Buitendienst").await;
    browser.click("#respondent-submit").await;
    wait_for_text(&browser, "#betrokkenen + ul", "Piet Smit, Buitendienst").await;

    browser.click("#open-kopie-beklaagde").await;
    browser.fill("copyTo", "Piet Smit").await;
    browser.fill("sentOn", &today).await;
    browser.fill("enclosures", "Foto van de lantaarnpaal").await;
    browser.click("#copy-submit").await;
    wait_for_text(&browser, "#respondent-copy", "Piet Smit kreeg een kopie van de klacht").await;
    assert!(browser.text("#respondent-copy").await.contains("met: Foto van de lantaarnpaal"));

    browser.click("#open-hoorzitting").await;
    browser.fill("hearingDate", &today).await;
    browser.fill("hearingTime", "10:00").await;
    browser.fill("place", "Stadhuis, kamer 2").await;
    browser.click("#setting-together").await;
    browser.fill("complainantHeard", "Fatima El Amrani").await;
    browser.fill("respondentNames", "Piet Smit").await;
    browser.click("#round-1").await;
    browser.click("#hearing-submit").await;
    wait_for_text(&browser, "#hearings", "Stadhuis, kamer 2").await;
    let hearings = browser.text("#hearings").await;
    assert!(hearings.contains("Ronde 1") && hearings.contains("in elkaars aanwezigheid"), "{hearings}");
    assert!(hearings.contains("Nog geen verslag."), "{hearings}");

    // With a hearing waiting for its report, the report form is there too: all open, axe.
    open_every_action(&browser, "#oordelen").await;
    assert!(browser.exists("#form-verslag").await, "a planned hearing can get its report");
    browser.assert_accessible("the case page with a planned hearing, every form open").await;

    browser.goto(&case_url).await;
    browser.click("#open-verslag").await;
    let hearing = browser.find_all("#hearingId input[type=\"radio\"]").await;
    assert_eq!(hearing.len(), 1, "one hearing waits for its report");
    hearing[0].click().await.unwrap_or_else(|e| panic!("cannot choose the hearing: {e}"));
    browser.fill("heldOn", &today).await;
    browser.fill("hearingReport", "Klager en medewerker vertelden elk hun verhaal.").await;
    browser.click("#accountsDiffer").await;
    browser.click("#report-submit").await;
    wait_for_text(&browser, "#hearings", "Klager en medewerker vertelden elk hun verhaal.").await;
    assert!(browser.text("#hearings").await.contains("De verhalen verschillen."));
    assert!(!browser.exists("#form-verslag").await, "no hearing waits for a report any more");

    // The first part with the keyboard only: from the page's section links to section 4,
    // open "Klachtonderdeel toevoegen" with Enter, type, and send it with Enter.
    browser.goto(&case_url).await;
    browser.tab_to("a[href=\"#oordelen\"]", 40).await;
    browser.press(Key::Enter).await;
    browser.tab_to("#open-klachtonderdeel", 30).await;
    browser.press(Key::Enter).await;
    assert!(
        browser.exists("#open-klachtonderdeel:focus").await
            && browser.exists("details[open] > #open-klachtonderdeel").await,
        "Enter on the summary should open \"Klachtonderdeel toevoegen\" (focus: {})",
        browser.focused().await
    );
    browser.tab_to("#partDescription", 5).await;
    browser.type_text("De melding is kwijtgeraakt").await;
    browser.press(Key::Enter).await;
    wait_for_text(&browser, "#parts", "De melding is kwijtgeraakt").await;

    browser.click("#open-klachtonderdeel").await;
    browser.fill("partDescription", "De medewerker was onbeleefd").await;
    browser.click("#part-submit").await;
    wait_for_text(&browser, "#parts", "De medewerker was onbeleefd").await;
    assert_eq!(browser.find_all("#parts > li").await.len(), 2, "two parts");

    // With parts, the judgment form is there too: all open, axe.
    open_every_action(&browser, "#oordelen").await;
    assert!(browser.exists("#form-oordeel").await, "parts can be judged");
    assert_eq!(browser.find_all("#norms input[name=\"norm\"]").await.len(), 22, "the 22 norms");
    browser.assert_accessible("the case page with two parts, every form open").await;

    // The first part is well-founded: facts established, two norms not met, an apology.
    browser.goto(&case_url).await;
    browser.click("#open-oordeel").await;
    let lost = radio_labelled(&browser, "#partId", "De melding is kwijtgeraakt").await;
    browser.click(&format!("#{lost}")).await;
    browser.click("#factsEstablished-ja").await;
    browser.click("#verdict-well_founded").await;
    browser.click("#norm-organisation").await;
    browser.click("#norm-reliability").await;
    browser.fill("judgmentMotivation", "De melding is niet geregistreerd.").await;
    browser.fill("apology", "Excuses voor de kwijtgeraakte melding").await;
    browser.click("#judge-submit").await;
    wait_for_text(&browser, "#parts", "Gegrond").await;
    let parts = browser.text("#parts").await;
    assert!(parts.contains("Excuses: Excuses voor de kwijtgeraakte melding"), "{parts}");
    assert!(parts.contains("Getoetst aan:"), "the norms are named: {parts}");

    // "Ongegrond" when the facts cannot be established is refused, with the reason beside
    // the verdict and in the error summary, which links to the verdict.
    browser.click("#open-oordeel").await;
    let rude = radio_labelled(&browser, "#partId", "De medewerker was onbeleefd").await;
    browser.click(&format!("#{rude}")).await;
    browser.click("#factsEstablished-nee").await;
    browser.click("#verdict-unfounded").await;
    browser.click("#norm-decent_treatment").await;
    browser.fill("judgmentMotivation", "Woord tegen woord.").await;
    browser.click("#judge-submit").await;
    browser.wait_for("#error-summary").await;
    let summary = browser.text("#error-summary").await;
    assert!(browser.exists("#error-summary a[href=\"#verdict\"]").await, "the summary links to the verdict: {summary}");
    assert!(summary.contains("Kies dan \"geen oordeel\""), "{summary}");
    let beside = browser.text("#verdict-error").await;
    assert!(
        beside.contains("De feiten zijn niet vast te stellen.")
            && beside.contains("\"ongegrond\" zou zeggen dat de klager ongelijk heeft, en dat weet u niet."),
        "the explanation stands beside the verdict: {beside}"
    );
    let described_by = browser.find("#verdict").await.attr("aria-describedby").await.ok().flatten().unwrap_or_default();
    assert!(described_by.split(' ').any(|id| id == "verdict-error"), "the verdict fieldset names its error");
    assert!(browser.exists("details[open] > #form-oordeel").await, "the refused form stays open");
    assert!(is_ticked(&browser, &format!("#{rude}")).await, "the chosen part stays chosen");
    assert!(is_ticked(&browser, "#verdict-unfounded").await, "the chosen verdict stays chosen");
    assert!(is_ticked(&browser, "#norm-decent_treatment").await, "the ticked norm stays ticked");
    assert!(browser.page_text().await.contains("Woord tegen woord."), "the motivation is kept");
    browser.assert_accessible("the case page with a refused judgment").await;

    // Following the summary's link and pressing Tab lands on the verdict; the arrow key
    // moves to "geen oordeel", which is what the explanation asks for.
    browser.click("#error-summary a[href=\"#verdict\"]").await;
    browser.press(Key::Tab).await;
    assert!(
        browser.focused_matches("#verdict input[type=\"radio\"]").await,
        "after the summary's link, Tab should reach the verdict, not {}",
        browser.focused().await
    );
    browser.press(Key::Down).await;
    assert!(
        is_ticked(&browser, "#verdict-no_judgment").await,
        "the arrow key should move from \"ongegrond\" to \"geen oordeel\" (focus: {})",
        browser.focused().await
    );
    browser.click("#norm-decent_treatment").await;
    browser.fill("judgmentMotivation", "Woord tegen woord; er waren geen getuigen.").await;
    browser.click("#judge-submit").await;
    wait_for_text(&browser, "#parts", "Geen oordeel").await;
    let parts = browser.text("#parts").await;
    assert!(parts.contains("de feiten zijn niet vast te stellen"), "{parts}");
    assert!(!parts.contains("Ongegrond"), "the refused verdict was not recorded: {parts}");
    assert!(!browser.exists("#error-summary").await);

    // Postponed once by 2 weeks (Awb 9:11 lid 2): the terms say so.
    browser.click("#open-verdagen").await;
    browser.fill("weeks", "2").await;
    browser.fill("postponeReason", "De getuige is op vakantie").await;
    browser.fill("notifiedOn", &today).await;
    browser.click("#respondentNotified").await;
    browser.click("#postpone-submit").await;
    wait_for_text(&browser, "#postponement", "Verdaagd met 2 weken").await;
    let terms = browser.text("#terms").await;
    assert!(terms.contains("verdaagd met 2 weken"), "the terms explain the postponement: {terms}");
    assert!(!browser.exists("#open-verdagen").await, "postponing happens once");

    // A lesson, and closing with a judgment (Awb 9:12).
    browser.click("#open-leerpunt").await;
    browser.click("#lessonLevel-execution").await;
    browser.click("#learner-team").await;
    browser.fill("lessonText", "Meldingen direct registreren").await;
    browser.click("#lesson-submit").await;
    wait_for_text(&browser, "#leerpunten + ul", "Meldingen direct registreren").await;

    browser.fill("conclusions", "Wij bieden excuses aan en registreren meldingen voortaan direct.").await;
    browser.click("#close-judged-submit").await;
    browser.wait_for("#findings").await;
    let page = browser.page_text().await;
    assert!(page.contains("Afgerond: Beoordeeld na onderzoek"), "{page}");
    let findings = browser.text("#findings").await;
    assert!(findings.contains("Wij bieden excuses aan en registreren meldingen voortaan direct."), "{findings}");
    assert!(findings.contains("naar de Nationale ombudsman (Awb 9:24)"), "{findings}");
    assert!(!browser.exists("#form-afronden-oordeel").await, "a closed case cannot be closed again");

    let timeline = browser.text("#timeline").await;
    for entry in [
        "Klacht ontvangen via brief",
        "Overgedragen aan klachtbehandeling (trede 2)",
        "In behandeling genomen door Hanna Tester",
        "Contact: telefoon – bereikt",
        "Kern van de klacht en wensen vastgelegd",
        "Formele behandeling gestart (oordelen)",
        "Betrokken medewerker vastgelegd: Piet Smit",
        "Kopie van de klacht naar Piet Smit (Awb 9:9)",
        "Hoorzitting gepland op",
        "Verslag van de hoorzitting vastgelegd",
        "Klachtonderdeel: De melding is kwijtgeraakt",
        "Klachtonderdeel: De medewerker was onbeleefd",
        "Klachtonderdeel beoordeeld: gegrond",
        "Klachtonderdeel beoordeeld: geen oordeel",
        "Behandeling verdaagd met 2 weken tot",
        "Leerpunt vastgelegd",
        "Bevindingen, oordeel en conclusies vastgesteld (Awb 9:12)",
        "Afgerond: beoordeeld na onderzoek",
    ] {
        assert!(timeline.contains(entry), "the timeline should say {entry:?}:\n{timeline}");
    }
    assert!(!timeline.contains("beoordeeld: ongegrond"), "the refused judgment left no trace:\n{timeline}");
    browser.assert_accessible("the case page of a case closed with a judgment").await;
    open_every_action(&browser, "#oordelen").await;
    browser.assert_accessible("the case page of a case closed with a judgment, every form open").await;
    browser.close().await;
}

/// Awb 9:8 lid 1 b: conduct of more than a year before the complaint. The page suggests
/// the ground, but refuses to close before personal contact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_about_conduct_over_a_year_old_is_not_handled() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("hanna", PASSWORD, Role::Handler).await;
    let conduct = today(&app).checked_sub(jiff::Span::new().days(366)).expect("a date");
    let sent_on = gehoord_domain::time::LongDate(today(&app)).to_string();
    let today = dutch(today(&app));
    let browser = Browser::start().await;

    log_in(&browser, &app, "hanna").await;
    let case_url = register_letter(&browser, &app, Some(conduct)).await;
    let conduct_on = gehoord_domain::time::LongDate(conduct).to_string();
    assert!(browser.text("#summary-title + dl").await.contains(&conduct_on), "the case page shows the conduct date");
    take(&browser).await;

    // The Awb 9:8 form, opened with the keyboard (the section link, then Space on its
    // summary), suggests ground b and has it chosen already.
    browser.goto(&case_url).await;
    browser.tab_to("a[href=\"#oordelen\"]", 40).await;
    browser.press(Key::Enter).await;
    browser.tab_to("#open-niet-behandelen", 20).await;
    browser.press(Key::Space).await;
    assert!(
        browser.exists("details[open] > #open-niet-behandelen").await,
        "Space on the summary should open the Awb 9:8 form (focus: {})",
        browser.focused().await
    );
    let suggestion = browser.text("#ground-suggestion").await;
    assert!(suggestion.contains("meer dan een jaar"), "{suggestion}");
    assert!(is_ticked(&browser, "#ground-lid_1_b").await, "ground b is preselected");

    // Without personal contact first, it is refused.
    browser.fill("notHandlingMotivation", "Meer dan een jaar geleden.").await;
    browser.fill("notHandlingNoticeOn", &today).await;
    browser.fill("notHandlingNoLesson", "Niets te leren").await;
    browser.click("#not-handle-submit").await;
    browser.wait_for("#error-summary").await;
    let summary = browser.text("#error-summary").await;
    assert!(
        browser.exists("#error-summary a[href=\"#personalContact\"]").await,
        "the summary links to the personal-contact checkbox: {summary}"
    );
    assert!(summary.contains("Neem eerst persoonlijk contact op met de klager"), "{summary}");
    assert!(browser.text("#personalContact-error").await.contains("Neem eerst persoonlijk contact op"));
    assert!(browser.exists("details[open] > #form-niet-behandelen").await, "the refused form stays open");
    assert!(is_ticked(&browser, "#ground-lid_1_b").await, "the ground stays chosen");
    assert!(browser.text("#summary-title + dl").await.contains("Open"), "the case is still open");
    browser.assert_accessible("the case page with a refused Awb 9:8 decision").await;

    // Following the link puts the cursor on the checkbox; Space ticks it. Then it closes.
    browser.click("#error-summary a[href=\"#personalContact\"]").await;
    assert!(
        browser.focused_matches("#personalContact").await,
        "the summary's link should put the focus on the checkbox, not on {}",
        browser.focused().await
    );
    browser.press(Key::Space).await;
    assert!(is_ticked(&browser, "#personalContact").await, "Space ticks the checkbox");
    browser.fill("notHandlingMotivation", "Meer dan een jaar geleden; besproken met de klager.").await;
    browser.click("#not-handle-submit").await;
    browser.wait_for("#niet-behandeld").await;
    let page = browser.page_text().await;
    assert!(page.contains("Afgerond: Niet in behandeling genomen"), "{page}");
    let decision = browser.text("#niet-behandeld + dl").await;
    assert!(decision.contains("Meer dan een jaar geleden; besproken met de klager."), "{decision}");
    assert!(decision.contains(&format!("Verstuurd op {sent_on}")), "{decision}");
    let timeline = browser.text("#timeline").await;
    assert!(timeline.contains("Besloten de klacht niet te behandelen"), "{timeline}");
    assert!(timeline.contains("Afgerond: niet in behandeling genomen"), "{timeline}");
    assert!(!browser.exists("#form-niet-behandelen").await, "a closed case offers no Awb 9:8 form");
    browser.assert_accessible("the case page of a case not handled").await;
    browser.close().await;
}

/// Ombudsvisie §4.6 and evidence: imposing a conduct protocol in the browser, the
/// protocol's banner and forms, and the evidence upload with its refusal; axe-clean with
/// every form of the sections open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conduct_protocol_and_evidence_in_the_browser() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("hanna", PASSWORD, Role::Handler).await;
    let today = today(&app);
    let review = dutch(today.checked_add(jiff::Span::new().months(6)).expect("a date"));
    let browser = Browser::start().await;
    log_in(&browser, &app, "hanna").await;
    let case_url = register_letter(&browser, &app, None).await;
    take(&browser).await;

    // Evidence: the upload form, refused without a file, then a real file from disk.
    browser.goto(&case_url).await;
    browser.click("#open-bewijs").await;
    browser.fill("evidenceDescription", "Foto van de kapotte lantaarnpaal").await;
    browser.click("#source-complainant").await;
    browser.click("#evidence-submit").await;
    browser.wait_for("#error-summary").await;
    assert!(browser.exists("#error-summary a[href=\"#file\"]").await, "the summary links to the file field");
    browser.assert_accessible("the case page with a refused upload").await;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let photo = dir.path().join("lantaarnpaal.png");
    std::fs::write(
        &photo,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
    )
    .expect("write the photo");
    let input = browser.find("#file").await;
    input.send_keys(&photo.display().to_string()).await.unwrap_or_else(|e| panic!("cannot choose the file: {e}"));
    browser.click("#evidence-submit").await;
    wait_for_text(&browser, "#evidence", "lantaarnpaal.png").await;
    assert!(browser.text("#evidence").await.contains("Foto"), "the kind comes from the content");

    // The conduct protocol: imposed with every form of the section opened first.
    browser.goto(&case_url).await;
    let opened = open_every_action(&browser, "#gedragslijn").await;
    assert!(opened >= 1, "the protocol form is there");
    browser.assert_accessible("the case page with the conduct protocol form open").await;
    browser.click("#limit-written_only").await;
    browser.fill("behaviour", "U belt elke dag meerdere keren en scheldt medewerkers uit.").await;
    browser.fill("protocolReason", "Het team kan andere burgers niet meer helpen.").await;
    browser.fill("agreementsTried", "Een vast belmoment per week; dat hield geen stand.").await;
    browser.fill("contactContinues", "U kunt ons schrijven; wij antwoorden binnen twee weken.").await;
    browser.fill("reviewOn", &review).await;
    browser.click("#protocol-submit").await;
    wait_for_text(&browser, "#protocol-warning", "Alleen schriftelijk contact").await;
    assert!(browser.text("#protocols").await.contains("U belt elke dag"));
    browser.goto(&case_url).await;
    open_every_action(&browser, "#gedragslijn").await;
    open_every_action(&browser, "#oordelen").await;
    browser.assert_accessible("the case page with an active protocol and every form open").await;
    browser.close().await;
}

//! Letters on the case page over in-process HTTP, on both databases: the
//! drafted acknowledgement with its term, the check after editing, sending
//! with and without a reason for a blocking finding, the e-mail outbox
//! (queued, failed, sent again) and the posting date of a letter by post.
//!
//! The outbox worker is not part of the test app; the delivery state is read
//! from `store.deliveries` and the page must say the same.

use axum::http::StatusCode;
use gehoord_domain::{
    CaseState, Role,
    letter::{Block, Delivery, SentLetter},
    time::LongDate,
};
use jiff::civil::Date;
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use crate::harness::{Client, TestApp, TestResponse, both_dbs};

fn path(id: Uuid) -> String {
    format!("/klachten/{id}")
}

fn draft_path(id: Uuid, kind: &str) -> String {
    format!("/klachten/{id}/brieven/nieuw?soort={kind}")
}

fn today(app: &TestApp) -> Date {
    gehoord_domain::time::date_in_amsterdam(app.clock.now())
}

fn dutch(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

/// A complaint by letter registered and taken by a handler; with an e-mail
/// address and a preference for e-mail when `email` is given, else with a
/// postal address only.
pub(crate) async fn complaint<'a>(app: &'a TestApp, email: Option<&str>) -> (Client<'a>, Uuid) {
    let handler = app.logged_in("hanna", Role::Handler).await;
    handler.get("/klachten/registreren").await;
    let now = app.clock.now().to_zoned_datetime(gehoord_domain::time::amsterdam());
    let (email, address, preference) = match email {
        Some(e) => (e, "", "email"),
        None => ("", "Kerkstraat 4, 1234 AB Ergens", "no_preference"),
    };
    let r = handler
        .post_form(
            "/klachten/registreren",
            &[
                ("channel", "letter"),
                ("receivedDate", &dutch(today(app))),
                ("receivedTime", &now.strftime("%H:%M").to_string()),
                ("description", "Mijn melding over de kapotte lantaarnpaal is kwijt."),
                ("name", "Fatima El Amrani"),
                ("email", email),
                ("address", address),
                ("contactPreference", preference),
                ("signed", "ja"),
                ("handling", "handover"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: Uuid = r.location().rsplit('/').next().unwrap().parse().unwrap();
    let taken = handler.post_form(&format!("{}/in-behandeling-nemen", path(id)), &[]).await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    (handler, id)
}

/// The letters sent on the case, from its events.
async fn sent(app: &TestApp, id: Uuid) -> Vec<SentLetter> {
    let events = app.store.events(id).await.unwrap();
    CaseState::from_events(events.iter().map(|e| &e.event)).case().unwrap().letters.clone()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

/// What the draft page's form would send as it stands: hidden fields, text
/// fields, textareas and the ticked radio buttons and checkboxes.
fn fields(page: &TestResponse) -> Vec<(String, String)> {
    let body = &page.body;
    let start = body.find("<form id=\"letter-form\"").unwrap_or_else(|| panic!("no letter form: {}", page.status));
    let form = &body[start..start + body[start..].find("</form>").unwrap()];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        if tag.starts_with("<input") {
            let kind = attr(tag, "type").unwrap_or_default();
            let ticked = !matches!(kind.as_str(), "radio" | "checkbox") || tag.contains(" checked");
            if let Some(name) = attr(tag, "name")
                && name != "_csrf"
                && ticked
            {
                out.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea") {
            let content = &rest[end + 1..];
            let text = &content[..content.find("</textarea>").unwrap()];
            out.push((attr(tag, "name").unwrap(), unescape(text)));
        }
        rest = &rest[end..];
    }
    out
}

fn get<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(field) => field.1 = value.to_owned(),
        None => fields.push((name.to_owned(), value.to_owned())),
    }
}

/// The index of the first block of this kind on the draft page.
fn block(fields: &[(String, String)], kind: &str) -> usize {
    (0..)
        .take_while(|i| !get(fields, &format!("block-{i}-kind")).is_empty())
        .find(|i| get(fields, &format!("block-{i}-kind")) == kind)
        .unwrap_or_else(|| panic!("no {kind} block in {fields:?}"))
}

async fn post(client: &Client<'_>, to: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.post_form(to, &pairs).await
}

fn error_summary(r: &TestResponse) -> String {
    match r.body.find("id=\"error-summary\"") {
        Some(i) => r.body[i..i + r.body[i..].find("</div>").unwrap_or(0)].to_owned(),
        None => format!("{} (no error summary)", r.status),
    }
}

fn links_to(r: &TestResponse, field: &str) -> bool {
    error_summary(r).contains(&format!("<a href=\"#{field}\">"))
}

/// The case page's section "Brieven".
async fn letters_section(client: &Client<'_>, id: Uuid) -> String {
    let page = client.get(&path(id)).await;
    assert_eq!(page.status, StatusCode::OK);
    let start = page.body.find("id=\"brieven\"").expect("the case page has a section Brieven");
    let end = start + page.body[start..].find("</section>").unwrap();
    page.body[start..end].to_owned()
}

both_dbs! {
    async fn an_acknowledgement_is_drafted_with_its_term_and_an_emptied_block_blocks(app) {
        let (hanna, id) = complaint(&app, None).await;
        let section = letters_section(&hanna, id).await;
        assert!(section.contains("Er is nog geen brief verstuurd."), "{section}");
        assert!(
            section.contains(&format!("<a href=\"{}\">Brief opstellen: Ontvangstbevestiging</a>", draft_path(id, "acknowledgement"))),
            "{section}"
        );
        assert!(section.contains("Er zijn nog geen klachtonderdelen beoordeeld."), "a closing letter does not fit yet: {section}");
        assert!(!section.contains("soort=closing_judged"), "{section}");

        let page = hanna.get(&draft_path(id, "acknowledgement")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let due = app.store.case_view(id).await.unwrap().unwrap().row.decision_due.unwrap();
        assert!(page.body.contains(&format!("uiterlijk {}", LongDate(due))), "the term date is in the letter");
        assert!(page.body.contains("De controle vond niets."), "a fresh draft passes its check");
        assert!(!page.body.contains("Blokkeert"));
        assert!(page.body.contains("van de zinnen is eenvoudig") && page.body.contains("Taalniveau B1:"));
        let mut form = fields(&page);
        assert_eq!(get(&form, "delivery"), "post", "no e-mail address, so by post");
        assert_eq!(get(&form, "recipientAddress"), "Kerkstraat 4, 1234 AB Ergens");
        assert_eq!(get(&form, "block-0-kind"), "salutation");
        assert_eq!(get(&form, "block-0-text"), "Beste Fatima El Amrani,");
        let term = block(&form, "expected_term");
        assert_eq!(get(&form, &format!("block-{term}-date")), due.to_string());
        assert!(page.body.contains(&format!("<label class=\"field__label\" for=\"block-{term}-text\">Termijn</label>")));

        // The hearing's text emptied: the check blocks it, and nothing is sent.
        let hearing = block(&form, "hearing");
        set(&mut form, &format!("block-{hearing}-text"), "");
        let checked = post(&hanna, &draft_path(id, "acknowledgement"), &form).await;
        assert_eq!(checked.status, StatusCode::OK, "{}", error_summary(&checked));
        assert!(checked.body.contains("Opnieuw gecontroleerd."));
        assert!(checked.body.contains("Blokkeert"), "the empty block blocks");
        assert!(checked.body.contains("Dit tekstblok is leeg."));
        assert!(checked.body.contains(&format!("<a href=\"#block-{hearing}-text\">Naar het tekstblok: Horen</a>")));
        assert!(checked.body.contains("name=\"override-empty_block\""), "a reason can be given");
        assert!(!checked.body.contains("id=\"error-summary\""), "checking is not a refusal");
        assert_eq!(get(&fields(&checked), &format!("block-{hearing}-text")), "", "the edit is kept");

        // Leaving the hearing out instead: the acknowledgement misses it (Awb 9:10).
        set(&mut form, &format!("block-{hearing}-remove"), "ja");
        let checked = post(&hanna, &draft_path(id, "acknowledgement"), &form).await;
        assert!(checked.body.contains("Horen ontbreekt"), "{}", checked.body);
        assert!(!fields(&checked).iter().any(|(_, v)| v == "hearing"), "the block is gone");
        assert!(sent(&app, id).await.is_empty(), "checking sends nothing");
    }

    async fn sending_needs_a_reason_for_a_blocking_finding_and_a_posted_letter_gets_its_date(app) {
        let (hanna, id) = complaint(&app, None).await;
        let page = hanna.get(&draft_path(id, "acknowledgement")).await;
        let mut form = fields(&page);
        let hearing = block(&form, "hearing");
        set(&mut form, &format!("block-{hearing}-text"), "");
        set(&mut form, "block-0-text", "Beste mevrouw El Amrani,");

        // No way chosen: that is the problem, not a missing address.
        let mut unchosen = form.clone();
        set(&mut unchosen, "delivery", "");
        let r = post(&hanna, &format!("{}/brieven", path(id)), &unchosen).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(links_to(&r, "delivery") && !links_to(&r, "recipientAddress"), "{}", error_summary(&r));

        set(&mut form, "delivery", "email");
        let r = post(&hanna, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("<title>Fout: Brief opstellen: Ontvangstbevestiging"), "the title says so");
        assert!(links_to(&r, "recipientEmail"), "by e-mail needs an address: {}", error_summary(&r));
        assert!(links_to(&r, "override-empty_block"), "{}", error_summary(&r));
        assert!(r.body.contains("id=\"recipientEmail-error\""), "the error stands beside the field");
        assert!(r.body.contains("id=\"override-empty_block-error\""));
        assert!(sent(&app, id).await.is_empty(), "refused: nothing sent");

        // By post, and a reason to send it anyway.
        set(&mut form, "delivery", "post");
        set(&mut form, "override-empty_block", "De klager wil geen gesprek; dat is al besproken.");
        let r = post(&hanna, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        assert_eq!(r.location(), format!("{}#brieven", path(id)));
        let letters = sent(&app, id).await;
        assert_eq!(letters.len(), 1);
        let letter = &letters[0];
        assert_eq!(letter.letter.delivery, Delivery::Post);
        assert_eq!(letter.letter.blocks[0], Block::Salutation { text: "Beste mevrouw El Amrani,".into() }, "the edit is sent");
        assert_eq!(letter.overrides.len(), 1);
        assert_eq!(letter.sent_by, "Hanna Tester");
        assert!(app.store.deliveries(id).await.unwrap().is_empty(), "a letter by post is not in the e-mail outbox");

        // Sent twice (a double click) sends once.
        let again = post(&hanna, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(error_summary(&again).contains("Deze brief is al verstuurd."), "{}", error_summary(&again));
        assert_eq!(sent(&app, id).await.len(), 1);

        let section = letters_section(&hanna, id).await;
        assert!(section.contains("Ontvangstbevestiging"), "{section}");
        assert!(section.contains("Nog niet op de post gedaan"), "{section}");
        assert!(section.contains("Toch verstuurd: Leeg tekstblok"), "{section}");
        assert!(section.contains("De klager wil geen gesprek; dat is al besproken."));
        assert!(section.contains(&format!("id=\"form-gepost-{}\"", letter.id)));

        // The posting date: not in the future, then today.
        let posted = format!("{}/brieven/{}/gepost", path(id), letter.id);
        let tomorrow = today(&app).checked_add(jiff::Span::new().days(1)).unwrap();
        let r = hanna.post_form(&posted, &[("postedOn", &dutch(tomorrow))]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(links_to(&r, &format!("postedOn-{}", letter.id)), "{}", error_summary(&r));
        assert!(r.body.contains(&format!("value=\"{}\"", dutch(tomorrow))), "the date typed is kept");
        let r = hanna.post_form(&posted, &[("postedOn", &dutch(today(&app)))]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        assert_eq!(r.location(), format!("{}#brieven", path(id)));
        assert_eq!(sent(&app, id).await[0].posted_on, Some(today(&app)));
        let section = letters_section(&hanna, id).await;
        assert!(section.contains(&format!("Op de post gedaan op {}", LongDate(today(&app)))), "{section}");
        assert!(!section.contains("form-gepost-"), "posted once");
    }

    async fn an_email_waits_in_the_outbox_and_a_failed_one_is_sent_again(app) {
        let (hanna, id) = complaint(&app, Some("fatima@example.org")).await;
        let page = hanna.get(&draft_path(id, "acknowledgement")).await;
        let form = fields(&page);
        assert_eq!(get(&form, "delivery"), "email", "she prefers e-mail");
        assert_eq!(get(&form, "recipientEmail"), "fatima@example.org");
        let r = post(&hanna, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        let letter = sent(&app, id).await[0].id;

        let deliveries = app.store.deliveries(id).await.unwrap();
        assert_eq!(deliveries.len(), 1);
        assert_eq!(deliveries[0].letter_id, letter);
        let section = letters_section(&hanna, id).await;
        match app.store.deliveries(id).await.unwrap()[0].status.as_str() {
            "pending" => assert!(section.contains("In de wachtrij"), "{section}"),
            "delivered" => assert!(section.contains("Afgeleverd op"), "{section}"),
            other => panic!("a letter just sent is {other}"),
        }
        assert!(!section.contains("Opnieuw versturen"));

        // The mail server refused it for good: a person sends it again.
        app.store.letter_failed(letter, "550 mailbox unavailable", None).await.unwrap();
        assert_eq!(app.store.deliveries(id).await.unwrap()[0].status, "failed", "the worker must not have delivered it");
        let section = letters_section(&hanna, id).await;
        assert!(section.contains("Mislukt: 550 mailbox unavailable"), "{section}");
        assert!(section.contains(&format!("id=\"retry-{letter}\"")) && section.contains("Opnieuw versturen"), "{section}");

        let r = hanna.post_form(&format!("{}/brieven/{letter}/opnieuw", path(id)), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), format!("{}#brieven", path(id)));
        let delivery = &app.store.deliveries(id).await.unwrap()[0];
        assert!(delivery.status == "pending" || delivery.status == "delivered", "back in the queue: {delivery:?}");
        let section = letters_section(&hanna, id).await;
        assert!(!section.contains("Mislukt:") && !section.contains("Opnieuw versturen"), "{section}");
        if app.store.deliveries(id).await.unwrap()[0].status == "pending" {
            assert!(section.contains("In de wachtrij"), "{section}");
        }

        // An unknown letter is not found.
        let r = hanna.post_form(&format!("{}/brieven/{}/opnieuw", path(id), Uuid::now_v7()), &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }

    async fn only_handlers_draft_and_send_letters(app) {
        let (hanna, id) = complaint(&app, None).await;
        let page = hanna.get(&draft_path(id, "acknowledgement")).await;
        let form = fields(&page);
        assert_eq!(hanna.get(&draft_path(id, "geen_brief")).await.status, StatusCode::NOT_FOUND);
        let r = hanna.get(&draft_path(id, "closing_judged")).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "a letter that does not fit the case yet");
        assert!(r.body.contains("Er zijn nog geen klachtonderdelen beoordeeld."));

        let admin = app.logged_in("beheer", Role::Admin).await;
        let section = letters_section(&admin, id).await;
        assert!(!section.contains("Brief opstellen"), "reading only: {section}");
        assert_eq!(admin.get(&draft_path(id, "acknowledgement")).await.status, StatusCode::FORBIDDEN);
        let r = post(&admin, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(sent(&app, id).await.is_empty());
    }
}

both_dbs! {
    async fn the_awb_9_8_notice_is_sent_after_the_decision_closed_the_case(app) {
        let (hanna, id) = complaint(&app, None).await;
        let today = dutch(today(&app));
        let r = hanna
            .post_form(&format!("{}/niet-behandelen", path(id)), &[
                ("ground", "lid_1_c"),
                ("notHandlingMotivation", "Tegen het besluit staat bezwaar open; besproken met de klager."),
                ("personalContact", "ja"),
                ("notHandlingNoticeOn", &today),
                ("notHandlingNoLesson", "Niets te leren"),
            ])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        let page = hanna.get(&draft_path(id, "not_handling")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("bezwaar maken"), "the ground said plainly");
        let mut form = fields(&page);
        set(&mut form, "delivery", "post");
        let r = post(&hanna, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        let letters = sent(&app, id).await;
        assert_eq!(letters.len(), 1);
        assert!(letters[0].letter.plain_text().contains("de Nationale ombudsman"));
        // A letter that belongs to an open case is not sent on a closed one.
        let ack = hanna.get(&draft_path(id, "acknowledgement")).await;
        assert_ne!(ack.status, StatusCode::OK, "only closing letters are drafted on a closed case");
    }
}

both_dbs! {
    async fn a_sent_letter_downloads_as_a_pdf(app) {
        let (hanna, id) = complaint(&app, None).await;
        let page = hanna.get(&draft_path(id, "acknowledgement")).await;
        let mut form = fields(&page);
        set(&mut form, "delivery", "post");
        let r = post(&hanna, &format!("{}/brieven", path(id)), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        let letter = sent(&app, id).await.remove(0);
        let section = letters_section(&hanna, id).await;
        assert!(section.contains(&format!("/brieven/{}/pdf", letter.id)), "{section}");
        let pdf = hanna.get(&format!("{}/brieven/{}/pdf", path(id), letter.id)).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");
        assert!(pdf.headers.get("content-disposition").unwrap().to_str().unwrap().contains("acknowledgement.pdf"));
        assert!(pdf.body.starts_with("%PDF-"), "a PDF");
        let sha256 = hex::encode(Sha256::digest(&pdf.bytes));
        assert_eq!(letter.pdf_sha256.as_deref(), Some(sha256.as_str()), "the event names the stored PDF");
        // A new house style changes letters to come, not the archived one.
        app.set_up_organisation().await;
        let mut branding = app.store.branding().await.unwrap().unwrap();
        branding.organisation = "Gemeente Anders".into();
        app.store.set_branding(&branding).await.unwrap();
        let again = hanna.get(&format!("{}/brieven/{}/pdf", path(id), letter.id)).await;
        assert_eq!(again.bytes, pdf.bytes, "the PDF as sent");
        let report = app.store.verify().await.unwrap();
        assert_eq!((report.first_broken, report.files), (None, 1), "verify checks the letter's PDF");
        assert_eq!(hanna.get(&format!("{}/brieven/{}/pdf", path(id), Uuid::now_v7())).await.status, StatusCode::NOT_FOUND);
    }
}

//! The server-rendered pages over in-process HTTP, on both databases:
//! the public form, CSRF, login, the staff intake, inbox and case page.

use axum::http::StatusCode;
use gehoord_domain::Role;

use uuid::Uuid;

use crate::harness::{Client, TestApp, TestResponse, both_dbs};

/// Submits the public form step by step, as a browser would; returns the
/// confirmation page's path and the new case's id.
async fn submit_complaint(app: &TestApp, description: &str) -> (String, Uuid) {
    let citizen = app.client();
    let page = citizen.get("/klacht-indienen").await;
    let page = step(&citizen, &page, &[("description", description)], "2").await;
    let page = step(&citizen, &page, &[("forWhom", "myself")], "3").await;
    let page = step(&citizen, &page, &[("name", "Jan de Vries"), ("email", "jan@example.nl")], "4").await;
    let r = step(&citizen, &page, &[], "versturen").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let confirmation = r.location().to_owned();
    let id = case_of(app, &confirmation).await;
    (confirmation, id)
}

/// The case behind a confirmation page `/klacht-indienen/ontvangen/{token}`.
async fn case_of(app: &TestApp, confirmation: &str) -> Uuid {
    let token = confirmation.strip_prefix("/klacht-indienen/ontvangen/").expect("a confirmation path");
    app.store.case_by_status_token(token).await.unwrap().expect("the token finds the case")
}

fn case_path(id: Uuid) -> String {
    format!("/klachten/{id}")
}

/// Undoes askama's HTML escaping.
fn unescape(text: &str) -> String {
    text.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The value of `name` in one start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

/// What a browser sends from the complaint form on `html`: hidden and text
/// inputs, ticked radios and checkboxes, textareas (not the buttons, files
/// or the CSRF token, which the client adds).
fn form_fields(html: &str) -> Vec<(String, String)> {
    let form = &html[html.find("<form id=\"complaint-form\"").expect("the complaint form")..];
    let form = &form[..form.find("</form>").expect("the end of the form")];
    let mut fields = Vec::new();
    for (i, _) in form.match_indices("<input ") {
        let tag = &form[i..i + form[i..].find('>').unwrap()];
        let (Some(name), kind) = (attr(tag, "name"), attr(tag, "type").unwrap_or_default()) else { continue };
        let ticked = tag.contains(" checked");
        match kind.as_str() {
            "file" => {}
            "radio" | "checkbox" if !ticked => {}
            _ if name == "_csrf" => {}
            _ => fields.push((name, attr(tag, "value").unwrap_or_default())),
        }
    }
    for (i, _) in form.match_indices("<textarea ") {
        let tag_end = i + form[i..].find('>').unwrap();
        let name = attr(&form[i..tag_end], "name").unwrap();
        let content = &form[tag_end + 1..tag_end + 1 + form[tag_end + 1..].find("</textarea>").unwrap()];
        fields.push((name, unescape(content)));
    }
    fields
}

/// Fills in `answers` on the form of `page` (replacing what is there; a
/// radio or checkbox set to "" is unticked) and presses the button that
/// goes to `naar`.
async fn step(citizen: &Client<'_>, page: &TestResponse, answers: &[(&str, &str)], naar: &str) -> TestResponse {
    let mut fields = form_fields(&page.body);
    for (name, value) in answers {
        fields.retain(|(k, _)| k != name);
        if !value.is_empty() {
            fields.push(((*name).to_owned(), (*value).to_owned()));
        }
    }
    fields.push(("naar".to_owned(), naar.to_owned()));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    citizen.post_form("/klacht-indienen", &pairs).await
}

/// The fields the error summary links to, in order.
fn summary_links(body: &str) -> Vec<&str> {
    body.match_indices("<li><a href=\"#")
        .map(|(i, _)| &body[i + 14..i + 14 + body[i + 14..].find('"').unwrap()])
        .collect()
}

/// The "Stap x van n" of a page.
fn step_count(body: &str) -> &str {
    let start = body.find("id=\"step-count\">").expect("a step count") + 16;
    &body[start..start + body[start..].find('<').unwrap()]
}

both_dbs! {
    async fn the_public_form_follows_nl_design_system_conventions(app) {
        let page = app.client().get("/klacht-indienen").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.body;
        assert!(html.contains("<html lang=\"nl\">"));
        assert!(html.contains("novalidate"), "no browser validation");
        assert!(!html.contains("required"), "no required attributes: errors come from the server in Dutch");
        assert!(!html.contains("maxlength"), "no maximum length");
        assert!(html.contains("<label class=\"field__label\" for=\"description\">"));
        assert!(html.contains("(optioneel)"));
        assert!(html.contains("class=\"skip-link\""));
        assert_eq!(step_count(&html), "Stap 1 van 4");
        assert!(html.contains("<title>Wat is er gebeurd? (stap 1 van 4) - Klacht indienen"));
        assert!(!html.contains("Vorige stap"), "nothing before the first step");
        assert!(page.headers.get("content-security-policy").is_some());
    }

    async fn an_empty_step_comes_back_with_an_error_summary_and_nothing_is_saved(app) {
        let citizen = app.client();
        let page = citizen.get("/klacht-indienen").await;
        let r = step(&citizen, &page, &[("description", "  "), ("conductDate", "31-02-2026")], "2").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("<title>Fout: Wat is er gebeurd? (stap 1 van 4)"));
        assert!(r.body.contains("id=\"error-summary\""));
        assert_eq!(summary_links(&r.body), ["description", "conductDate"], "summary in page order");
        assert!(r.body.contains("value=\"31-02-2026\""), "what was typed is kept");
        assert!(r.body.contains("aria-invalid=\"true\""));
        assert_eq!(app.counts().await, (0, 0));
    }

    async fn a_complaint_gets_a_reference_and_reaches_the_inbox(app) {
        let (confirmation, id) = submit_complaint(&app, "Mijn container is al drie weken niet geleegd.").await;
        let page = app.client().get(&confirmation).await;
        assert_eq!(page.status, StatusCode::OK);
        let year = gehoord_domain::time::date_in_amsterdam(app.clock.now()).year();
        assert!(page.body.contains(&format!("id=\"reference\">KL-{year}-000001<")), "{}", page.body);

        let handler = app.logged_in("hanna", Role::Handler).await;
        let inbox = handler.get("/klachten").await;
        assert_eq!(inbox.status, StatusCode::OK);
        assert!(inbox.body.contains(&format!("KL-{year}-000001")));
        assert!(inbox.body.contains("Mijn container is al drie weken niet geleegd."));
        assert!(inbox.body.contains("1 klacht"));

        let case = handler.get(&case_path(id)).await;
        assert_eq!(case.status, StatusCode::OK);
        assert!(case.body.contains("Mijn container is al drie weken niet geleegd."));
        assert!(case.body.contains("Klacht ontvangen via webformulier"));
        assert!(case.body.contains("aria-current=\"step\">1. Binnenkomst"));
        assert!(case.body.contains("id=\"terms\""), "the statutory terms are shown");
        assert!(case.body.contains("6 weken na ontvangst op") && case.body.contains("Awb 9:11 lid 1"));
        assert!(case.body.contains("4 weken na ontvangst op") && case.body.contains("Awb 9:8 lid 3"));
    }

    async fn forms_without_the_csrf_token_are_refused(app) {
        let citizen = app.client();
        citizen.get("/klacht-indienen").await;
        let r = citizen.post_raw("/klacht-indienen", "description=Klacht").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("Het formulier is verlopen"));
        let r = citizen.post_raw("/klacht-indienen", &format!("description=Klacht&_csrf={}", "0".repeat(64))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let stranger = app.client();
        let r = stranger.post_raw("/klacht-indienen", "description=Klacht").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "no cookie at all");
        assert_eq!(app.counts().await, (0, 0));
    }

    async fn an_oversized_form_gets_a_dutch_413_and_nothing_is_saved(app) {
        let citizen = app.client();
        citizen.get("/klacht-indienen").await;
        let huge = "a".repeat(3 * 1024 * 1024);
        let r = citizen.post_form("/klacht-indienen", &[("description", &huge)]).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(r.body.contains("Uw bericht is te groot"));
        assert_eq!(app.counts().await, (0, 0));
    }

    async fn a_long_description_is_accepted_whole(app) {
        let long = "Dit is een lange klacht. ".repeat(20_000);
        let (_, id) = submit_complaint(&app, &long).await;
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.detail.description, long.trim());
    }

    async fn staff_pages_need_a_login_and_return_there_afterwards(app) {
        let visitor = app.client();
        let r = visitor.get("/klachten?toon=mijn").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/inloggen?terug=/klachten%3Ftoon%3Dmijn");
        app.create_user("hanna", "een-lang-wachtwoord", Role::Handler).await;
        visitor.get("/inloggen").await;
        let wrong = visitor.post_form("/inloggen", &[("username", "hanna"), ("password", "fout"), ("terug", "/klachten?toon=mijn")]).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.body.contains("klopt niet"));
        let ok = visitor.post_form("/inloggen", &[("username", "hanna"), ("password", "een-lang-wachtwoord"), ("terug", "/klachten?toon=mijn")]).await;
        assert_eq!(ok.location(), "/klachten?toon=mijn");
        let cookie = ok.header("set-cookie").unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert_eq!(visitor.get("/klachten").await.status, StatusCode::OK);
        let evil = visitor.post_form("/inloggen", &[("username", "hanna"), ("password", "een-lang-wachtwoord"), ("terug", "//evil.example")]).await;
        assert_eq!(evil.location(), "/klachten");

        let out = visitor.post_form("/uitloggen", &[]).await;
        assert_eq!(out.location(), "/inloggen");
        assert_eq!(visitor.get("/klachten").await.status, StatusCode::SEE_OTHER);
    }

    async fn an_employee_registers_and_solves_in_the_contact(app) {
        let employee = app.logged_in("kees", Role::Employee).await;
        assert_eq!(employee.get("/klachten").await.status, StatusCode::FORBIDDEN, "employees do not read case files");
        let form = employee.get("/klachten/registreren").await;
        assert_eq!(form.status, StatusCode::OK);
        let r = employee.post_form("/klachten/registreren", &[
            ("channel", "phone"), ("receivedDate", &gehoord_web_date(&app)), ("receivedTime", "00:01"),
            ("description", "Meneer is boos: hij wacht al een maand op zijn parkeervergunning."),
            ("name", "Ahmed Yilmaz"), ("phone", "06 12345678"), ("contactPreference", "phone"),
            ("handling", "solved"), ("whatWasDone", "Status opgezocht en uitgelegd; vergunning komt deze week."),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let done = employee.get(r.location()).await;
        assert!(done.body.contains("opgelost in het contact en afgerond (trede 1)"));

        let handler = app.logged_in("hanna", Role::Handler).await;
        let closed = handler.get("/klachten?status=afgerond").await;
        assert!(closed.body.contains("Telefoon"));
        let open = handler.get("/klachten").await;
        assert!(open.body.contains("Geen klachten gevonden"));
        let case = handler.get(&format!("/klachten/{}", r.location().rsplit('/').next().unwrap())).await;
        assert!(case.body.contains("Trede 1: opgelost in het contact"));
        assert!(!case.body.contains("id=\"terms\""), "no terms run for a complaint solved in the contact");
        assert!(case.body.contains("Wat is gedaan: Status opgezocht en uitgelegd"));
        assert!(case.body.contains("Kees Tester"), "who registered it");
    }

    async fn the_staff_form_names_every_problem(app) {
        let employee = app.logged_in("kees", Role::Employee).await;
        employee.get("/klachten/registreren").await;
        let r = employee.post_form("/klachten/registreren", &[("receivedDate", "gisteren"), ("handling", "solved")]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        for field in ["channel", "receivedAt", "description", "whatWasDone"] {
            assert!(r.body.contains(&format!("<li><a href=\"#{field}\">")), "{field} missing in summary");
        }
        assert_eq!(app.counts().await, (0, 0));
    }

    async fn a_handler_takes_a_case_and_finds_it_under_mine(app) {
        let (_, id) = submit_complaint(&app, "Niemand beantwoordt mijn e-mail.").await;
        let path = case_path(id);
        let handler = app.logged_in("hanna", Role::Handler).await;
        assert!(handler.get("/klachten?toon=mijn").await.body.contains("Geen klachten gevonden"));
        assert!(handler.get("/klachten?toon=niet-toegewezen").await.body.contains("1 klacht"));
        handler.get(&path).await;
        let r = handler.post_form(&format!("{path}/in-behandeling-nemen"), &[]).await;
        assert_eq!(r.location(), path);
        let case = handler.get(&path).await;
        assert!(case.body.contains("In behandeling genomen door Hanna Tester"));
        assert!(case.body.contains("aria-current=\"step\">2. Verkennen"));
        assert!(!case.body.contains("id=\"take\""), "no button to take your own case again");
        assert!(handler.get("/klachten?toon=mijn").await.body.contains("1 klacht"));
        assert!(handler.get("/klachten?fase=explore").await.body.contains("1 klacht"));
        let admin = app.logged_in("ada", Role::Admin).await;
        admin.get(&path).await;
        assert_eq!(admin.post_form(&format!("{path}/in-behandeling-nemen"), &[]).await.status, StatusCode::FORBIDDEN);
    }

    async fn bad_inbox_parameters_get_a_dutch_message(app) {
        let handler = app.logged_in("hanna", Role::Handler).await;
        for query in ["pagina=0", "pagina=abc", "fase=slapen", "kanaal=fax", "toon=iedereen"] {
            let r = handler.get(&format!("/klachten?{query}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
            assert!(r.body.contains("Dit ging niet goed"), "{query}");
        }
        assert_eq!(handler.get("/klachten/niet-een-id").await.status, StatusCode::NOT_FOUND);
        assert_eq!(handler.get(&format!("/klachten/{}", uuid::Uuid::now_v7())).await.status, StatusCode::NOT_FOUND);
    }

    async fn first_run_set_up_through_the_one_time_link(app) {
        let visitor = app.client();
        let login = visitor.get("/inloggen").await;
        assert!(login.body.contains("nog niet ingericht"));
        let bad = visitor.get("/inrichten?token=onzin").await;
        assert!(bad.body.contains("Deze link werkt niet"));
        let token = app.store.create_setup_token(app.clock.now()).await.unwrap();
        let page = visitor.get(&format!("/inrichten?token={token}")).await;
        assert!(page.body.contains("Naam van de organisatie"));
        let short = visitor.post_form("/inrichten", &[("token", &token), ("organisation", "Gemeente Teststad"), ("adminName", "Ada"), ("username", "ada"), ("password", "kort"), ("passwordRepeat", "kort")]).await;
        assert_eq!(short.status, StatusCode::BAD_REQUEST);
        assert!(short.body.contains("minstens 10 tekens"));
        let ok = visitor.post_form("/inrichten", &[("token", &token), ("organisation", "Gemeente Teststad"), ("adminName", "Ada"), ("username", "ada"), ("password", "lang-genoeg-wachtwoord"), ("passwordRepeat", "lang-genoeg-wachtwoord")]).await;
        assert_eq!(ok.location(), "/klachten");
        let inbox = visitor.get("/klachten").await;
        assert_eq!(inbox.status, StatusCode::OK);
        assert!(inbox.body.contains("Gemeente Teststad"));
        assert_eq!(visitor.get(&format!("/inrichten?token={token}")).await.location(), "/inloggen");
    }

    async fn an_admin_sets_the_first_contact_norm_and_designated_days(app) {
        app.set_up_organisation().await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        assert_eq!(handler.get("/beheer/instellingen").await.status, StatusCode::FORBIDDEN);
        let admin = app.logged_in("ada", Role::Admin).await;
        let page = admin.get("/beheer/instellingen").await;
        assert!(page.body.contains("value=\"2\""), "the default norm is 2 working days");
        assert!(page.body.contains("Tweede Paasdag"));
        assert!(page.body.contains("value=\"de Nationale ombudsman\""), "the default ombudsman");
        let bad = admin.post_form("/beheer/instellingen", &[("firstContactWorkingDays", "0"), ("warningWorkingDays", "21"), ("ombudsman", " "), ("extraDays", "morgen vrij")]).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        for field in ["firstContactWorkingDays", "warningWorkingDays", "ombudsman", "extraDays"] {
            assert!(bad.body.contains(&format!("<a href=\"#{field}\">")), "{field} is in the error summary");
        }

        // Designate tomorrow and the day after as extra days: with a norm of
        // one working day, first contact moves past them.
        let today = gehoord_domain::time::date_in_amsterdam(app.clock.now());
        let day = |n: i64| today.checked_add(jiff::Span::new().days(n)).unwrap();
        let extra = format!("{} Gelijkgestelde dag\n{} Nog een dag", day(1).strftime("%d-%m-%Y"), day(2).strftime("%d-%m-%Y"));
        let saved = admin.post_form("/beheer/instellingen", &[("firstContactWorkingDays", "1"), ("warningWorkingDays", "8"), ("ombudsman", "de Ombudsman Metropool Amsterdam"), ("extraDays", &extra)]).await;
        assert_eq!(saved.location(), "/beheer/instellingen?opgeslagen=1");
        assert!(admin.get(saved.location()).await.body.contains("opgeslagen"));
        let rules = app.store.rules().await.unwrap();
        assert_eq!(rules.first_contact_working_days, 1);
        assert_eq!((rules.warning_working_days, rules.ombudsman.as_str()), (8, "de Ombudsman Metropool Amsterdam"));
        let expected = rules.calendar.add_working_days(today, 1);
        assert!(expected > day(2), "the designated days do not count");

        let (_, id) = submit_complaint(&app, "Klacht na het wijzigen van de norm").await;
        assert_eq!(app.store.case_view(id).await.unwrap().unwrap().row.first_contact_due, Some(expected));
    }

    async fn the_inbox_pages_with_its_filters_kept(app) {
        for i in 0..26 {
            let body = format!(r#"{{"description": "Klacht {i}"}}"#);
            let r = app.api(axum::http::Method::POST, "/v1/klachten", None, Some(&body)).await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let handler = app.logged_in("hanna", Role::Handler).await;
        let first = handler.get("/klachten?toon=niet-toegewezen").await;
        assert!(first.body.contains("26 klachten"));
        assert!(first.body.contains("Pagina 1 van 2"));
        assert!(first.body.contains("toon=niet-toegewezen&#38;pagina=2\" rel=\"next\""), "the filter is kept in the link");
        assert!(!first.body.contains("rel=\"prev\""));
        let second = handler.get("/klachten?toon=niet-toegewezen&pagina=2").await;
        assert!(second.body.contains("Pagina 2 van 2") && second.body.contains("rel=\"prev\"") && !second.body.contains("rel=\"next\""));
        assert_eq!(second.body.matches("<td><a href=\"/klachten/").count(), 1, "25 on the first page, 1 on the second");
    }

    async fn unknown_pages_and_health(app) {
        let r = app.client().get("/bestaat-niet").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Pagina niet gevonden"));
        assert_eq!(app.client().get("/healthz").await.status, StatusCode::OK);
        assert_eq!(app.client().get("/readyz").await.status, StatusCode::OK);
        let css = app.client().get("/static/gehoord.css").await;
        assert!(css.body.contains("--gehoord-color-primary"));
    }
}

/// Today's date as the staff form shows it.
fn gehoord_web_date(app: &TestApp) -> String {
    app.clock.now().to_zoned_datetime(gehoord_domain::time::amsterdam()).strftime("%d-%m-%Y").to_string()
}

/// Submits a complaint through the API at `at` (the app's clock), about
/// `department`; returns its id and reference.
async fn complaint_received_on(app: &TestApp, at: &str, department: &str) -> (String, String) {
    app.clock.set(at.parse().unwrap());
    let body = serde_json::json!({"description": format!("Klacht over {department}"), "department": department});
    let r = app.api(axum::http::Method::POST, "/v1/klachten", None, Some(&body.to_string())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let created = r.json();
    (created["id"].as_str().unwrap().to_owned(), created["reference"].as_str().unwrap().to_owned())
}

/// The table row that holds `reference`.
fn row_of<'a>(html: &'a str, reference: &str) -> &'a str {
    let at = html.find(&format!(">{reference}</a>")).unwrap_or_else(|| panic!("{reference} not listed:\n{html}"));
    let start = html[..at].rfind("<tr").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

/// The references of `candidates` in the order the page lists them.
fn listed<'a>(html: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    let mut found: Vec<(usize, &str)> =
        candidates.iter().filter_map(|r| html.find(&format!(">{r}</a>")).map(|i| (i, *r))).collect();
    found.sort_unstable();
    found.into_iter().map(|(_, r)| r).collect()
}

both_dbs! {
    async fn the_deadline_overview_lists_open_cases_by_their_awb_9_11_term(app) {
        // Received Monday 2 March 2026: 6 weeks end on Monday 13 April.
        let (_, march) = complaint_received_on(&app, "2026-03-02T10:00:00Z", "Openbare Ruimte").await;
        // Received Monday 16 March: 6 weeks end on King's Day, so Tuesday 28 April.
        let (later_id, later) = complaint_received_on(&app, "2026-03-16T10:00:00Z", "Burgerzaken").await;
        // Received last, but earliest: Monday 2 February, due Monday 16 March.
        let (_, february) = complaint_received_on(&app, "2026-02-02T10:00:00Z", "Openbare Ruimte").await;
        let all = [march.as_str(), later.as_str(), february.as_str()];

        // Wednesday 8 April 2026; the warning starts 5 working days before the term.
        app.clock.set("2026-04-08T10:00:00Z".parse().unwrap());
        let hanna = app.logged_in("hanna", Role::Handler).await;
        let page = hanna.get("/termijnen").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let html = &page.body;
        assert!(html.contains("<h1>Termijnen</h1>"));
        assert!(html.contains("<a href=\"/termijnen\">Termijnen</a>"), "in the menu");
        assert!(html.contains("Vanaf 5 werkdagen voor de termijn"));
        assert!(html.contains("3 klachten"));
        assert_eq!(listed(html, &all), [february.as_str(), march.as_str(), later.as_str()], "earliest term first");

        let overdue = row_of(html, &february);
        assert!(overdue.contains("class=\"table__row--late\""), "{overdue}");
        assert!(overdue.contains("<span class=\"flag flag--late\">Te laat</span>"), "{overdue}");
        assert!(overdue.contains("16 maart 2026") && overdue.contains("datetime=\"2026-03-16\""), "{overdue}");
        // Good Friday and Easter Monday do not count.
        assert!(overdue.contains("15 werkdagen te laat"), "{overdue}");
        let warning = row_of(html, &march);
        assert!(warning.contains("<span class=\"flag\">Bijna verlopen</span>") && warning.contains("nog 3 werkdagen"), "{warning}");
        assert!(!warning.contains("table__row--late"));
        let on_track = row_of(html, &later);
        assert!(on_track.contains("28 april 2026") && on_track.contains("nog 13 werkdagen"), "{on_track}");
        assert!(!on_track.contains("class=\"flag") && on_track.contains("Nog niemand"), "{on_track}");
        assert_eq!(html.matches("table__row--late\"").count(), 1);

        // Per department (the select offers the departments of open cases).
        assert!(html.contains("<option value=\"Burgerzaken\">Burgerzaken</option>"));
        let department = hanna.get("/termijnen?afdeling=Openbare+Ruimte").await;
        assert!(department.body.contains("2 klachten"));
        assert_eq!(listed(&department.body, &all), [february.as_str(), march.as_str()]);
        assert!(department.body.contains("<option value=\"Openbare Ruimte\" selected>"));
        let none = hanna.get("/termijnen?afdeling=Belastingen").await;
        assert!(none.body.contains("Er zijn geen open klachten die bij deze filters passen."), "{}", none.body);

        // Warnings and overdue, then overdue only.
        let warnings = hanna.get("/termijnen?toon=waarschuwing").await;
        assert_eq!(listed(&warnings.body, &all), [february.as_str(), march.as_str()]);
        let late = hanna.get("/termijnen?toon=te-laat").await;
        assert!(late.body.contains("1 klacht<"));
        assert_eq!(listed(&late.body, &all), [february.as_str()]);

        // Per handler: hers, by "mijn" and by her id.
        let path = format!("/klachten/{later_id}");
        hanna.get(&path).await;
        assert_eq!(hanna.post_form(&format!("{path}/in-behandeling-nemen"), &[]).await.status, StatusCode::SEE_OTHER);
        let hanna_id = app.store.users().await.unwrap().into_iter().find(|u| u.username == "hanna").unwrap().id;
        for query in ["behandelaar=mijn".to_owned(), format!("behandelaar={hanna_id}")] {
            let mine = hanna.get(&format!("/termijnen?{query}")).await;
            assert_eq!(listed(&mine.body, &all), [later.as_str()], "{query}");
            assert!(row_of(&mine.body, &later).contains("Hanna Tester"));
        }
        assert!(hanna.get(&format!("/termijnen?behandelaar={hanna_id}")).await.body.contains(&format!("<option value=\"{hanna_id}\" selected>Hanna Tester</option>")));

        // Bad parameters get a Dutch message; other roles do not see the page.
        let bad = hanna.get("/termijnen?toon=iedereen").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("Dit ging niet goed") && bad.body.contains("Kies een filter op de pagina."), "{}", bad.body);
        let stranger = format!("behandelaar={}", uuid::Uuid::now_v7());
        for query in ["behandelaar=onzin", stranger.as_str(), "pagina=0"] {
            let r = hanna.get(&format!("/termijnen?{query}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
            assert!(r.body.contains("Dit ging niet goed"), "{query}");
        }
        let employee = app.logged_in("kees", Role::Employee).await;
        assert_eq!(employee.get("/termijnen").await.status, StatusCode::FORBIDDEN);
        assert!(!employee.get("/klachten/registreren").await.body.contains("href=\"/termijnen\""), "no menu item");

        // Tuesday 14 April: the March complaint is late too (a manager logs in, as the
        // handler's session has ended by then).
        app.clock.set("2026-04-14T10:00:00Z".parse().unwrap());
        let manager = app.logged_in("mo", Role::Manager).await;
        assert!(manager.get("/termijnen").await.body.contains("3 klachten"));
        let late = manager.get("/termijnen?toon=te-laat").await;
        assert_eq!(listed(&late.body, &all), [february.as_str(), march.as_str()]);
        assert!(row_of(&late.body, &march).contains("1 werkdag te laat"));
    }
}

/// A tiny valid PDF and an MP3 header: the type comes from the content.
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const MP3: &[u8] = b"ID3\x04\x00\x00\x00\x00\x00\x00rest of a recording";

/// Sends the check page `page` as multipart with one file under `bijlagen`.
async fn send_with_file(
    citizen: &Client<'_>,
    page: &TestResponse,
    extra: &[(&str, &str)],
    file: (&str, &[u8]),
) -> TestResponse {
    let mut fields = form_fields(&page.body);
    for (name, value) in extra {
        fields.retain(|(k, _)| k != name);
        fields.push(((*name).to_owned(), (*value).to_owned()));
    }
    fields.push(("naar".to_owned(), "versturen".to_owned()));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    citizen.post_multipart_as("/klacht-indienen", &pairs, "bijlagen", file).await
}

/// Walks to the check page for a complaint by Jan for himself, by e-mail.
async fn to_check_page(citizen: &Client<'_>) -> TestResponse {
    let page = citizen.get("/klacht-indienen").await;
    let page = step(citizen, &page, &[("description", "De bus stopt niet meer bij mijn halte.")], "2").await;
    let page = step(citizen, &page, &[("forWhom", "myself")], "3").await;
    let page = step(citizen, &page, &[("name", "Jan de Vries"), ("email", "jan@example.nl")], "4").await;
    assert_eq!(step_count(&page.body), "Stap 4 van 4");
    page
}

both_dbs! {
    async fn the_steps_validate_their_own_fields_and_back_and_forth_keeps_everything(app) {
        let citizen = app.client();
        let page = citizen.get("/klacht-indienen").await;
        let two = step(&citizen, &page, &[("description", "Mijn moeder kreeg <geen> antwoord & wacht al \"weken\"."), ("conductDate", "03-02-2026")], "2").await;
        assert_eq!(two.status, StatusCode::OK, "{}", two.body);
        assert_eq!(step_count(&two.body), "Stap 2 van 4");
        assert!(two.body.contains("Vorige stap"));
        // Step 2 asks for whom; going on without an answer names the problem.
        let r = step(&citizen, &two, &[], "3").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(summary_links(&r.body), ["forWhom"]);
        assert!(r.body.contains("Kies voor wie u deze klacht indient."));
        let three = step(&citizen, &r, &[("forWhom", "someone_else")], "3").await;
        assert_eq!(step_count(&three.body), "Stap 3 van 4");
        assert!(three.body.contains("Naam van de persoon voor wie u klaagt"));
        // Step 3: both names and a way to reach the representative.
        let r = step(&citizen, &three, &[("phone", "12")], "4").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(summary_links(&r.body), ["representativeName", "name", "phone"], "{}", r.body);
        let r = step(&citizen, &r, &[("phone", "")], "4").await;
        assert_eq!(summary_links(&r.body), ["representativeName", "name", "email"], "no way to reach anyone");
        // Back to step 1 without fixing anything: no errors, and everything is still there.
        let back = step(&citizen, &r, &[("representativeName", "Piet Jansen")], "2").await;
        assert_eq!(back.status, StatusCode::OK);
        assert!(back.body.contains("value=\"someone_else\" aria-describedby=\"forWhom-someone_else-hint\" checked"));
        let one = step(&citizen, &back, &[], "1").await;
        assert!(one.body.contains("Mijn moeder kreeg &#60;geen&#62; antwoord") || one.body.contains("Mijn moeder kreeg &lt;geen&gt; antwoord"), "{}", one.body);
        assert!(one.body.contains("value=\"03-02-2026\""));
        assert!(!one.body.contains("error-summary"));
        let two = step(&citizen, &one, &[], "2").await;
        let three = step(&citizen, &two, &[], "3").await;
        assert!(three.body.contains("value=\"Piet Jansen\""), "typed on step 3 before going back");
        let check = step(&citizen, &three, &[("name", "Anna Jansen"), ("phone", "06 12345678"), ("needsReading", "ja")], "4").await;
        assert_eq!(check.status, StatusCode::OK, "{}", check.body);
        assert!(check.body.contains("<title>Controleren en versturen (stap 4 van 4)"));
        for text in ["Piet Jansen", "Anna Jansen", "06 12345678", "Voor iemand anders", "Leest niet zo goed", "03-02-2026", "Wijzigen<span class=\"visually-hidden\"> uw contactgegevens</span>"] {
            assert!(check.body.contains(text), "{text}");
        }
        // "Wijzigen" on the check page opens that step with its answers.
        let change = step(&citizen, &check, &[], "1").await;
        assert_eq!(step_count(&change.body), "Stap 1 van 4");
        let check = step(&citizen, &change, &[("conductDate", "04-02-2026")], "4").await;
        assert!(check.body.contains("04-02-2026"), "{}", check.body);
        assert_eq!(app.counts().await, (0, 0), "nothing is stored before sending");

        let sent = step(&citizen, &check, &[], "versturen").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let id = case_of(&app, sent.location()).await;
        let detail = app.store.case_view(id).await.unwrap().unwrap().detail;
        assert_eq!(detail.complainant.name.as_deref(), Some("Anna Jansen"), "the person complained for");
        assert_eq!(detail.complainant.representative.as_deref(), Some("Piet Jansen"));
        assert_eq!(detail.complainant.needs.as_deref(), Some("Leest niet zo goed"));
        assert_eq!(detail.description, "Mijn moeder kreeg <geen> antwoord & wacht al \"weken\".");
    }

    async fn an_anonymous_signal_skips_the_contact_step_and_keeps_no_details(app) {
        let citizen = app.client();
        let page = citizen.get("/klacht-indienen").await;
        let two = step(&citizen, &page, &[("description", "Het loket was dicht terwijl de website zei dat het open was.")], "2").await;
        // First as themselves with an e-mail address, then they change their mind.
        let three = step(&citizen, &two, &[("forWhom", "myself")], "3").await;
        let four = step(&citizen, &three, &[("email", "iemand@example.nl")], "4").await;
        let two = step(&citizen, &four, &[], "2").await;
        assert!(two.body.contains("Wij kunnen u dan geen antwoord geven"), "the choice is explained");
        let check = step(&citizen, &two, &[("forWhom", "anonymous")], "3").await;
        assert_eq!(check.status, StatusCode::OK, "{}", check.body);
        assert_eq!(step_count(&check.body), "Stap 3 van 3", "honest about the skipped step");
        assert!(check.body.contains("id=\"anonymous-notice\""));
        assert!(!check.body.contains("<dd class=\"check-section__value\">iemand@example.nl"), "no contact details in the summary");
        assert!(check.body.contains("name=\"naar\" value=\"2\" id=\"vorige\""), "back goes to step 2");
        // Back from step 1 counts the same way.
        let one = step(&citizen, &check, &[], "1").await;
        assert_eq!(step_count(&one.body), "Stap 1 van 3");
        let two = step(&citizen, &one, &[], "2").await;
        let check = step(&citizen, &two, &[], "3").await;
        let sent = step(&citizen, &check, &[], "versturen").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let id = case_of(&app, sent.location()).await;
        let detail = app.store.case_view(id).await.unwrap().unwrap().detail;
        assert!(detail.complainant.is_anonymous(), "{:?}", detail.complainant);
        assert_eq!(detail.complainant.email, None, "the e-mail address typed before is not kept");
        let page = citizen.get(sent.location()).await;
        assert!(page.body.contains("Uw melding is ontvangen"));
        assert!(page.body.contains("Wij kunnen u daarom geen antwoord geven"), "{}", page.body);
    }

    async fn a_call_back_needs_a_phone_number_and_the_confirmation_says_we_call(app) {
        let citizen = app.client();
        let page = citizen.get("/klacht-indienen").await;
        let two = step(&citizen, &page, &[("description", "Ik begrijp de brief over mijn toeslag niet.")], "2").await;
        let three = step(&citizen, &two, &[("forWhom", "myself")], "3").await;
        let r = step(&citizen, &three, &[("email", "jan@example.nl"), ("callBack", "ja"), ("callBackTime", "dinsdagochtend")], "4").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(summary_links(&r.body), ["phone"]);
        assert!(r.body.contains("U wilt liever gebeld worden. Vul uw telefoonnummer in."));
        assert!(r.body.contains("value=\"dinsdagochtend\""));
        let check = step(&citizen, &r, &[("phone", "020 1234567")], "4").await;
        assert_eq!(check.status, StatusCode::OK, "{}", check.body);
        assert!(check.body.contains("Ja, dinsdagochtend"));
        let sent = step(&citizen, &check, &[], "versturen").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let id = case_of(&app, sent.location()).await;
        let c = app.store.case_view(id).await.unwrap().unwrap().detail.complainant;
        assert_eq!(c.call_back.as_deref(), Some("dinsdagochtend"));
        let page = citizen.get(sent.location()).await;
        assert!(page.body.contains("Wij bellen u binnen 2 werkdagen"), "{}", page.body);
        assert!(page.body.contains("dinsdagochtend"));
    }

    async fn a_filled_honeypot_registers_nothing_and_shows_the_check_page_again(app) {
        let citizen = app.client();
        let check = to_check_page(&citizen).await;
        assert!(check.body.contains("<div class=\"form-trap\">"));
        assert!(check.body.contains("Laat dit veld leeg"));
        assert!(check.body.contains("name=\"website\" value=\"\" tabindex=\"-1\" autocomplete=\"off\""));
        let r = step(&citizen, &check, &[("website", "https://spam.example")], "versturen").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.counts().await, (0, 0), "nothing registered");
        assert_eq!(step_count(&r.body), "Stap 4 van 4", "the check page again");
        assert_eq!(summary_links(&r.body), ["versturen"]);
        assert!(r.body.contains("klik nog een keer op &#39;Klacht versturen&#39;") || r.body.contains("klik nog een keer op &#x27;Klacht versturen&#x27;"), "{}", r.body);
        assert!(r.body.contains("De bus stopt niet meer bij mijn halte."), "the complaint is not lost");
        assert!(!r.body.contains("spam.example"), "the honeypot is empty again");
        let sent = step(&citizen, &r, &[], "versturen").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        assert_eq!(app.counts().await.1, 1);
    }

    async fn attachments_are_stored_with_the_complaint(app) {
        let citizen = app.client();
        let check = to_check_page(&citizen).await;
        assert!(check.body.contains("enctype=\"multipart/form-data\""));
        assert!(check.body.contains("type=\"file\" id=\"bijlagen\" name=\"bijlagen\" multiple"));
        let sent = send_with_file(&citizen, &check, &[], ("brief van de gemeente.pdf", PDF)).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let id = case_of(&app, sent.location()).await;
        let events = app.store.events(id).await.unwrap();
        let evidence = events
            .iter()
            .find_map(|e| match &e.event.payload {
                gehoord_domain::case::EventPayload::EvidenceAdded(evidence) => Some(evidence.clone()),
                _ => None,
            })
            .expect("an evidence_added event");
        assert_eq!(events.last().unwrap().event.payload.kind(), "evidence_added");
        assert_eq!(evidence.file_name, "brief van de gemeente.pdf");
        assert_eq!(evidence.media_type, "application/pdf");
        assert_eq!(evidence.description, "Bijlage bij de klacht");
        assert_eq!(evidence.source, gehoord_domain::evidence::EvidenceSource::Complainant);
        let file = app.store.attachment(id, evidence.id).await.unwrap().expect("the bytes");
        assert_eq!(file.content, PDF);
    }

    async fn a_bad_attachment_is_refused_on_the_check_page_and_nothing_is_registered(app) {
        let citizen = app.client();
        let check = to_check_page(&citizen).await;
        let r = send_with_file(&citizen, &check, &[], ("gesprek.mp3", MP3)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.counts().await, (0, 0));
        assert_eq!(step_count(&r.body), "Stap 4 van 4");
        assert_eq!(summary_links(&r.body), ["bijlagen", "bijlagen"]);
        assert!(r.body.contains("gesprek.mp3 is een geluidsopname"), "{}", r.body);
        assert!(r.body.contains("Kies daarna de bestanden die u wilt meesturen opnieuw."));
        let r = send_with_file(&citizen, &r, &[], ("programma.exe", b"MZ\x90\x00\x03\x00\x00\x00")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("programma.exe kunnen wij niet openen"));
        assert_eq!(app.counts().await, (0, 0));
        // Without the file it goes through.
        let sent = step(&citizen, &r, &[], "versturen").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }

    async fn the_confirmation_page_is_found_by_its_token_only(app) {
        let (confirmation, id) = submit_complaint(&app, "Mijn aanvraag is kwijt.").await;
        let token = confirmation.rsplit('/').next().unwrap();
        assert!(token.len() >= 32, "an unguessable token, not a case id");
        assert!(!confirmation.contains(&id.to_string()));
        let page = app.client().get(&confirmation).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(page.header("cache-control"), Some("no-store"));
        assert!(page.body.contains(&format!("href=\"/mijn-klacht/{token}\"")));
        assert!(page.body.contains("Bewaar deze link."));
        assert!(page.body.contains("Deel de link niet met anderen."));
        assert!(page.body.contains("Wij nemen binnen 2 werkdagen contact met u op"));
        let unknown = app.client().get(&format!("/klacht-indienen/ontvangen/{}", "a".repeat(43))).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        let by_id = app.client().get(&format!("/klacht-indienen/ontvangen/{id}")).await;
        assert_eq!(by_id.status, StatusCode::NOT_FOUND, "the case id no longer opens it");
    }
}

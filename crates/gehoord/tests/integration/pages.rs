//! The server-rendered pages over in-process HTTP, on both databases:
//! the public form, CSRF, login, the staff intake, inbox and case page.

use axum::http::StatusCode;
use gehoord_domain::Role;

use crate::harness::{TestApp, both_dbs};

/// Submits the public form and returns the confirmation page's path.
async fn submit_complaint(app: &TestApp, description: &str) -> String {
    let citizen = app.client();
    citizen.get("/klacht-indienen").await;
    let r = citizen
        .post_form(
            "/klacht-indienen",
            &[("description", description), ("name", "Jan de Vries"), ("contactPreference", "no_preference")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_owned()
}

fn case_path(confirmation: &str) -> String {
    format!("/klachten/{}", confirmation.rsplit('/').next().unwrap())
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
        assert!(page.headers.get("content-security-policy").is_some());
    }

    async fn an_empty_form_comes_back_with_an_error_summary_and_nothing_is_saved(app) {
        let citizen = app.client();
        citizen.get("/klacht-indienen").await;
        let r = citizen.post_form("/klacht-indienen", &[("description", "  "), ("email", "jan@"), ("contactPreference", "phone"), ("conductDate", "31-02-2026"), ("name", "Jan")]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("<title>Fout: Klacht indienen"));
        assert!(r.body.contains("id=\"error-summary\""));
        let links: Vec<&str> = r.body.match_indices("<li><a href=\"#").map(|(i, _)| &r.body[i + 14..i + 14 + r.body[i + 14..].find('"').unwrap()]).collect();
        assert_eq!(links, ["description", "conductDate", "email", "phone"], "summary in page order");
        assert!(r.body.contains("value=\"Jan\""), "what was typed is kept");
        assert!(r.body.contains("aria-invalid=\"true\""));
        assert_eq!(app.counts().await, (0, 0));
    }

    async fn a_complaint_gets_a_reference_and_reaches_the_inbox(app) {
        let confirmation = submit_complaint(&app, "Mijn container is al drie weken niet geleegd.").await;
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

        let case = handler.get(&case_path(&confirmation)).await;
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
        let confirmation = submit_complaint(&app, &long).await;
        let id = confirmation.rsplit('/').next().unwrap().parse().unwrap();
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
        let confirmation = submit_complaint(&app, "Niemand beantwoordt mijn e-mail.").await;
        let path = case_path(&confirmation);
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

        let confirmation = submit_complaint(&app, "Klacht na het wijzigen van de norm").await;
        let id = confirmation.rsplit('/').next().unwrap().parse().unwrap();
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

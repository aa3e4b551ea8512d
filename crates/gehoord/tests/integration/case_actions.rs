//! The handler's actions on the case page over in-process HTTP, on both
//! databases: every command's happy path, the rules' refusals as Dutch
//! messages on the page (Awb 9:7, 9:5, 2:3), roles, and the overviews of
//! commitments and escalations.

use axum::http::StatusCode;
use gehoord_domain::{Role, time::amsterdam};
use jiff::{SignedDuration, civil::Date};
use uuid::Uuid;

use crate::harness::{Client, TestApp, TestResponse, both_dbs};

/// A complaint through the public form with a contact preference; returns
/// the case id.
async fn submit(app: &TestApp, preference: &str) -> Uuid {
    let citizen = app.client();
    citizen.get("/klacht-indienen").await;
    let r = citizen
        .post_form(
            "/klacht-indienen",
            &[
                ("description", "Mijn vergunning is al zes weken te laat en niemand belt terug."),
                ("name", "Jan de Vries"),
                ("email", "jan@example.nl"),
                ("phone", "06 12345678"),
                ("address", "Dorpsstraat 1, 1234 AB Ergens"),
                ("contactPreference", preference),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The confirmation page is found by the private status-link token.
    let token = r.location().rsplit('/').next().unwrap();
    app.store.case_by_status_token(token).await.unwrap().expect("the case of the token")
}

fn path(id: Uuid) -> String {
    format!("/klachten/{id}")
}

fn dutch(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

fn today(app: &TestApp) -> Date {
    gehoord_domain::time::date_in_amsterdam(app.clock.now())
}

fn in_days(app: &TestApp, days: i64) -> String {
    dutch(today(app).checked_add(jiff::Span::new().days(days)).unwrap())
}

fn now_time(app: &TestApp) -> String {
    app.clock.now().to_zoned_datetime(amsterdam()).strftime("%H:%M").to_string()
}

/// The fields a summary links to, in order.
fn summary_links(r: &TestResponse) -> Vec<String> {
    let body = &r.body;
    let Some(start) = body.find("id=\"error-summary\"") else {
        return Vec::new();
    };
    let end = start + body[start..].find("</div>").unwrap();
    body[start..end]
        .match_indices("<a href=\"#")
        .map(|(i, _)| {
            let from = i + "<a href=\"#".len();
            body[start + from..start + from + body[start + from..].find('"').unwrap()].to_owned()
        })
        .collect()
}

/// Posts `fields` to the case's action `action` and expects a redirect to
/// the case page at `fragment`.
async fn ok(client: &Client<'_>, id: Uuid, action: &str, fields: &[(&str, &str)], fragment: &str) {
    let r = client.post_form(&format!("{}/{action}", path(id)), fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", summary_text(&r));
    assert_eq!(r.location(), format!("{}#{fragment}", path(id)), "{action}");
}

/// Posts and expects the case page back with 400.
async fn refused(client: &Client<'_>, id: Uuid, action: &str, fields: &[(&str, &str)]) -> TestResponse {
    let r = client.post_form(&format!("{}/{action}", path(id)), fields).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{action} should be refused");
    assert!(r.body.contains("<title>Fout: Klacht KL-"), "{action}: the title says something is wrong");
    assert!(r.body.contains("id=\"error-summary\""), "{action}: an error summary");
    r
}

fn summary_text(r: &TestResponse) -> String {
    match r.body.find("id=\"error-summary\"") {
        Some(i) => r.body[i..i + r.body[i..].find("</div>").unwrap_or(0)].to_owned(),
        None => format!("{} (no error summary)", r.status),
    }
}

/// A handler who has taken the case.
async fn handler_with_case<'a>(app: &'a TestApp, preference: &str) -> (Client<'a>, Uuid) {
    let id = submit(app, preference).await;
    let handler = app.logged_in("hanna", Role::Handler).await;
    handler.get(&path(id)).await;
    let r = handler.post_form(&format!("{}/in-behandeling-nemen", path(id)), &[]).await;
    assert_eq!(r.location(), path(id));
    (handler, id)
}

/// A new login for an existing account (after the clock moved past the session).
async fn login_again<'a>(app: &'a TestApp, username: &str) -> Client<'a> {
    let client = app.client();
    client.get("/inloggen").await;
    let r = client.post_form("/inloggen", &[("username", username), ("password", "een-lang-wachtwoord")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "login failed: {}", r.body);
    client
}

async fn user_id(app: &TestApp, username: &str) -> Uuid {
    app.store.users().await.unwrap().into_iter().find(|u| u.username == username).unwrap().id
}

async fn commitment_ids(app: &TestApp, id: Uuid) -> Vec<Uuid> {
    app.store.case_view(id).await.unwrap().unwrap().detail.commitments.iter().map(|c| c.id).collect()
}

both_dbs! {
    async fn the_case_page_groups_the_work_per_rule_of_thumb(app) {
        let id = submit(&app, "no_preference").await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        let page = handler.get(&path(id)).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = &page.body;
        let headings = ["binnenkomst-title\">1. Binnenkomst", "verkennen-title\">2. Verkennen", "oplossen-title\">3. Oplossen", "oordelen-title\">4. Oordelen", "afronden-title\">5. Afronden", "timeline-title\">Tijdlijn"];
        let positions: Vec<usize> = headings.iter().map(|h| html.find(&format!("<h2 id=\"{h}")).unwrap_or_else(|| panic!("{h}"))).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "the rules in order, then the timeline");
        for id_attr in ["id=\"reference\"", "id=\"timeline\"", "id=\"take\""] {
            assert!(html.contains(id_attr), "{id_attr}");
        }
        assert!(html.contains("id=\"form-formeel\"") && html.contains("id=\"form-niet-behandelen\""), "formal handling and Awb 9:8 are offered");
        assert!(html.contains("Nog doen:</span> Behandelaar gekozen"), "what is still open");
        assert!(html.contains("Gedaan:</span> Klacht geregistreerd"), "what is done");
        assert!(html.contains("Neem uiterlijk"), "the first-contact norm");
        assert_eq!(html.matches("novalidate").count(), html.matches("method=\"post\" action=\"/klachten/").count() - 1, "every action form but the take button has novalidate");
        assert!(!html.contains(" required"), "no browser validation");
        assert!(html.contains("(optioneel)"));
        assert!(html.contains("name=\"_csrf\""));
        let admin = app.logged_in("ada", Role::Admin).await;
        let read_only = admin.get(&path(id)).await;
        assert!(!read_only.body.contains("id=\"form-contact\""), "an admin reads but does not handle");
        assert!(read_only.body.contains("id=\"form-eigen-gedrag\""), "an admin may mark the body's own conduct");
        assert_eq!(admin.post_form(&format!("{}/contact", path(id)), &[("summary", "x")]).await.status, StatusCode::FORBIDDEN);
    }

    async fn contact_exploration_and_respondent_informed_are_recorded(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let date = dutch(today(&app));
        let time = now_time(&app);
        ok(&handler, id, "contact", &[("contactMethod", "phone"), ("initiative", "organisation"), ("outcome", "reached"), ("contactDate", &date), ("contactTime", &time), ("summary", "Gebeld, meneer is erg boos over de wachttijd.")], "contacten").await;
        ok(&handler, id, "verkenning", &[("core", "Hij voelt zich niet serieus genomen."), ("wishes", "Een datum voor de vergunning."), ("expectations", ""), ("procedureExplained", "ja")], "verkenning").await;
        ok(&handler, id, "betrokkene", &[("respondentName", "Piet Baliemedewerker"), ("respondentDepartment", "Vergunningen")], "betrokkenen").await;
        ok(&handler, id, "betrokkene-geinformeerd", &[("informedOn", &date), ("how", "In een gesprek")], "betrokkene-geinformeerd").await;
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Gebeld, meneer is erg boos over de wachttijd."));
        assert!(page.body.contains("Persoonlijk contact gezocht op"), "the norm is met");
        assert!(page.body.contains("Hij voelt zich niet serieus genomen."));
        assert!(page.body.contains("Piet Baliemedewerker, Vergunningen"));
        assert!(page.body.contains("Geïnformeerd op"));
        assert!(page.body.contains("Gedaan:</span> Procedure uitgelegd aan de burger"));
        assert!(page.body.contains("Contact: telefoon – bereikt"), "the timeline");
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.detail.contacts.len(), 1);
        assert!(view.row.first_contact_done);
    }

    async fn the_first_contact_norm_turns_red_when_it_has_passed(app) {
        let id = submit(&app, "no_preference").await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        assert!(handler.get(&path(id)).await.body.contains("class=\"norm\" id=\"contactnorm\">Neem uiterlijk"));
        app.clock.set(app.clock.now() + SignedDuration::from_hours(24 * 10));
        let handler = login_again(&app, "hanna").await;
        let late = handler.get(&path(id)).await;
        assert!(late.body.contains("class=\"norm norm--late\" id=\"contactnorm\"><strong>Te laat:</strong>"), "{}", late.body);
    }

    async fn every_problem_is_named_in_page_order_and_what_was_typed_stays(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let r = refused(&handler, id, "contact", &[("contactDate", "gisteren"), ("contactTime", "12:00"), ("summary", " ")]).await;
        assert_eq!(summary_links(&r), ["contactMethod", "initiative", "outcome", "contactAt", "summary"]);
        assert!(r.body.contains("value=\"gisteren\""), "what was typed is kept");
        assert!(r.body.contains("<details class=\"action\" open>\n    <summary class=\"action__summary\" id=\"open-contact\">"), "the sent form is open");
        assert!(r.body.contains("aria-invalid=\"true\""));
        let future = in_days(&app, 2);
        let r = refused(&handler, id, "contact", &[("contactMethod", "phone"), ("initiative", "organisation"), ("outcome", "not_reached"), ("contactDate", &future), ("contactTime", "10:00"), ("summary", "Gebeld")]).await;
        assert_eq!(summary_links(&r), ["contactAt"]);
        assert!(r.body.contains("Het contact ligt in de toekomst."));
        assert!(app.store.case_view(id).await.unwrap().unwrap().detail.contacts.is_empty(), "nothing saved");
    }

    async fn phoning_someone_who_prefers_written_contact_needs_the_checkbox(app) {
        let (handler, id) = handler_with_case(&app, "email").await;
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("id=\"preference-warning\""), "the page warns before a call");
        assert!(page.body.contains("id=\"contactMethod-email\" name=\"contactMethod\" value=\"email\" checked"), "e-mail is the default");
        let date = dutch(today(&app));
        let time = now_time(&app);
        let call = [("contactMethod", "phone"), ("initiative", "organisation"), ("outcome", "reached"), ("contactDate", date.as_str()), ("contactTime", time.as_str()), ("summary", "Toch gebeld: het was dringend.")];
        let r = refused(&handler, id, "contact", &call).await;
        assert_eq!(summary_links(&r), ["contactMethod"]);
        assert!(r.body.contains("De burger wil liever schriftelijk contact."));
        assert!(r.body.contains("Toch gebeld: het was dringend."), "the summary is kept");
        let mut confirmed = call.to_vec();
        confirmed.push(("preferenceOverridden", "ja"));
        ok(&handler, id, "contact", &confirmed, "contacten").await;
        let mail = [("contactMethod", "email"), ("initiative", "organisation"), ("outcome", "reached"), ("contactDate", date.as_str()), ("contactTime", time.as_str()), ("summary", "Mail gestuurd.")];
        ok(&handler, id, "contact", &mail, "contacten").await;
    }

    async fn awb_9_7_an_involved_handler_is_refused_unless_it_is_the_bodys_own_conduct(app) {
        let (hanna, id) = handler_with_case(&app, "no_preference").await;
        let piet = app.logged_in("piet", Role::Handler).await;
        let piet_id = user_id(&app, "piet").await;
        ok(&hanna, id, "betrokkene", &[("respondentName", ""), ("respondentUser", &piet_id.to_string())], "betrokkenen").await;
        let page = piet.get(&path(id)).await;
        assert!(page.body.contains("Piet Tester <span class=\"muted\">(account: Piet Tester)</span>"), "the account's name is the respondent's");
        let r = piet.post_form(&format!("{}/in-behandeling-nemen", path(id)), &[]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let message = "Piet Tester is betrokken bij de gedraging waarover geklaagd wordt en mag deze klacht daarom niet behandelen (Awb 9:7).";
        assert!(r.body.contains(&format!("<p class=\"form-refusal\"><span class=\"visually-hidden\">Fout: </span>{message}</p>")), "{}", summary_text(&r));
        assert_eq!(summary_links(&r), ["form-in-behandeling"], "the summary links to the refused form");

        let manager = app.logged_in("mo", Role::Manager).await;
        manager.get(&path(id)).await;
        let r = refused(&manager, id, "toewijzen", &[("handlerId", &piet_id.to_string())]).await;
        assert!(r.body.contains(message));
        assert!(r.body.contains(&format!("value=\"{piet_id}\" selected")), "the choice is kept");

        // The handler herself added as a respondent: the page warns.
        let hanna_id = user_id(&app, "hanna").await;
        ok(&hanna, id, "betrokkene", &[("respondentName", "Hanna Tester"), ("respondentUser", &hanna_id.to_string())], "betrokkenen").await;
        let page = hanna.get(&path(id)).await;
        assert!(page.body.contains("id=\"impartiality-warning\""));
        assert!(page.body.contains("Hanna Tester is zelf betrokken"));

        // Awb 9:7 lid 2: only an admin marks the body's own conduct; then the rule does not apply.
        assert_eq!(hanna.post_form(&format!("{}/eigen-gedrag", path(id)), &[("bodyConductReason", "x")]).await.status, StatusCode::FORBIDDEN);
        let admin = app.logged_in("ada", Role::Admin).await;
        admin.get(&path(id)).await;
        let r = refused(&admin, id, "eigen-gedrag", &[("bodyConductReason", " ")]).await;
        assert_eq!(summary_links(&r), ["bodyConductReason"]);
        ok(&admin, id, "eigen-gedrag", &[("bodyConductReason", "De klacht gaat over een besluit van het college zelf.")], "betrokkenen").await;
        assert!(!hanna.get(&path(id)).await.body.contains("id=\"impartiality-warning\""));
        let r = manager.post_form(&format!("{}/toewijzen", path(id)), &[("handlerId", &piet_id.to_string())]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(app.store.case_view(id).await.unwrap().unwrap().row.handler_name.as_deref(), Some("Piet Tester"));
    }

    async fn a_manager_assigns_from_the_list_of_handlers_and_a_handler_may_not(app) {
        let id = submit(&app, "no_preference").await;
        let hanna = app.logged_in("hanna", Role::Handler).await;
        app.create_user("kees", "een-lang-wachtwoord", Role::Employee).await;
        let manager = app.logged_in("mo", Role::Manager).await;
        let page = manager.get(&path(id)).await;
        assert!(page.body.contains("id=\"form-toewijzen\""));
        let select = &page.body[page.body.find("id=\"handlerId\"").unwrap()..];
        let select = &select[..select.find("</select>").unwrap()];
        assert!(select.contains("Hanna Tester") && select.contains("Mo Tester"), "handlers and managers");
        assert!(!select.contains("Kees Tester") && !select.contains("Beheer"), "no employees or admins");
        let r = refused(&manager, id, "toewijzen", &[("handlerId", "")]).await;
        assert_eq!(summary_links(&r), ["handlerId"]);
        let kees = user_id(&app, "kees").await;
        let r = refused(&manager, id, "toewijzen", &[("handlerId", &kees.to_string())]).await;
        assert!(r.body.contains("Kies een behandelaar uit de lijst."), "an employee cannot handle");
        let hanna_id = user_id(&app, "hanna").await;
        ok(&manager, id, "toewijzen", &[("handlerId", &hanna_id.to_string())], "behandelaar").await;
        assert!(hanna.get(&path(id)).await.body.contains("Hanna Tester behandelt deze klacht."));
        assert!(!hanna.get(&path(id)).await.body.contains("id=\"form-toewijzen\""), "handlers do not assign others");
        assert_eq!(hanna.post_form(&format!("{}/toewijzen", path(id)), &[("handlerId", &hanna_id.to_string())]).await.status, StatusCode::FORBIDDEN);
    }

    async fn a_solution_needs_its_reasoning(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let r = refused(&handler, id, "oplossing", &[("solutionKind", "apology"), ("solutionDescription", "Excuses gemaakt"), ("reasoning", " ")]).await;
        assert_eq!(summary_links(&r), ["reasoning", "agreed"]);
        assert!(r.body.contains("Zo voorkomt u willekeur."));
        ok(&handler, id, "oplossing", &[("solutionKind", "apology"), ("solutionDescription", "Excuses gemaakt"), ("reasoning", "Meneer wilde vooral erkenning."), ("consulted", "Teamleider"), ("agreed", "ja")], "oplossingen").await;
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Meneer wilde vooral erkenning."));
        assert!(page.body.contains("Gedaan:</span> Oplossing afgesproken met de burger"));
        assert!(page.body.contains("aria-current=\"step\">3. Oplossen"));
    }

    async fn commitments_are_made_then_kept_or_broken(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let yesterday = in_days(&app, -1);
        let r = refused(&handler, id, "toezegging", &[("what", "Vergunning versturen"), ("toWhom", "Jan de Vries"), ("owner", "Team Vergunningen"), ("due", &yesterday)]).await;
        assert_eq!(summary_links(&r), ["due"]);
        let r = refused(&handler, id, "toezegging", &[("what", ""), ("toWhom", "Jan de Vries"), ("owner", "Team Vergunningen"), ("due", "volgende week")]).await;
        assert_eq!(summary_links(&r), ["what", "due"], "the web's and the rules' problems together");
        let next_week = in_days(&app, 7);
        ok(&handler, id, "toezegging", &[("what", "Vergunning versturen"), ("toWhom", "Jan de Vries"), ("owner", "Team Vergunningen"), ("due", &next_week)], "toezeggingen").await;
        ok(&handler, id, "toezegging", &[("what", "Terugbellen"), ("toWhom", "Jan de Vries"), ("owner", "Hanna"), ("due", &next_week)], "toezeggingen").await;
        let ids = commitment_ids(&app, id).await;
        assert_eq!(ids.len(), 2);
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Er staan nog 2 toezeggingen open."));

        let settle = |c: Uuid| format!("toezegging/{c}/afhandelen");
        let r = refused(&handler, id, &settle(ids[0]), &[("result", ""), ("explanation", "")]).await;
        assert_eq!(summary_links(&r), [format!("result-{}", ids[0])]);
        let r = refused(&handler, id, &settle(ids[0]), &[("result", "broken"), ("explanation", "")]).await;
        assert_eq!(summary_links(&r), [format!("explanation-{}", ids[0])]);
        assert!(r.body.contains(&format!("id=\"result-{}-broken\" name=\"result\" value=\"broken\" checked", ids[0])));
        let tomorrow = in_days(&app, 1);
        let r = refused(&handler, id, &settle(ids[0]), &[("result", "kept"), ("settledOn", &tomorrow)]).await;
        assert_eq!(summary_links(&r), [format!("settledOn-{}", ids[0])], "a commitment is not kept in the future");
        let r = refused(&handler, id, &settle(ids[0]), &[("result", "kept"), ("settledOn", "gisteren")]).await;
        assert_eq!(summary_links(&r), [format!("settledOn-{}", ids[0])]);
        ok(&handler, id, &settle(ids[0]), &[("result", "kept"), ("explanation", ""), ("settledOn", "")], "toezeggingen").await;
        ok(&handler, id, &settle(ids[1]), &[("result", "broken"), ("explanation", "Ziek; collega belt morgen.")], "toezeggingen").await;
        let r = refused(&handler, id, &settle(ids[1]), &[("result", "kept")]).await;
        assert!(r.body.contains("Deze toezegging is al afgehandeld."));
        let r = refused(&handler, id, &settle(Uuid::now_v7()), &[("result", "kept")]).await;
        assert!(r.body.contains("Deze toezegging bestaat niet."));
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Nagekomen op"));
        assert!(page.body.contains("Niet nagekomen (vastgelegd op"));
        assert!(page.body.contains("Ziek; collega belt morgen."));
        assert!(page.body.contains("Gedaan:</span> Toezeggingen afgehandeld"));
    }

    async fn an_overdue_commitment_is_flagged_on_the_case_and_in_the_overview(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let tomorrow = in_days(&app, 1);
        ok(&handler, id, "toezegging", &[("what", "Vergunning versturen"), ("toWhom", "Jan"), ("owner", "Team"), ("due", &tomorrow)], "toezeggingen").await;
        assert!(!handler.get(&path(id)).await.body.contains("Te laat</span>"));
        assert!(!handler.get("/toezeggingen").await.body.contains("flag--late"));
        app.clock.set(app.clock.now() + SignedDuration::from_hours(24 * 14));
        let handler = login_again(&app, "hanna").await;
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("record record--open record--late"), "overdue on the case");
        assert!(page.body.contains("Open, te laat"));
        let overview = handler.get("/toezeggingen").await;
        assert!(overview.body.contains("<span class=\"flag flag--late\">Te laat</span>"), "overdue in the overview");
    }

    async fn an_escalation_is_answered_by_a_manager_and_not_by_a_handler(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let r = refused(&handler, id, "escalatie", &[("escalationExplanation", ""), ("requestedDecision", "")]).await;
        assert_eq!(summary_links(&r), ["escalationReason", "escalationExplanation", "requestedDecision"]);
        ok(&handler, id, "escalatie", &[("escalationReason", "mandate"), ("escalationExplanation", "Meneer vraagt 150 euro voor de leges."), ("requestedDecision", "Akkoord met terugbetaling?")], "escalaties").await;
        let eid = app.store.case_view(id).await.unwrap().unwrap().detail.escalations[0].id;
        let answer = format!("escalatie/{eid}/besluit");
        assert_eq!(handler.get("/escalaties").await.status, StatusCode::FORBIDDEN);
        assert_eq!(handler.post_form(&format!("{}/{answer}", path(id)), &[("decision", "Akkoord")]).await.status, StatusCode::FORBIDDEN);
        assert!(!handler.get(&path(id)).await.body.contains(&format!("id=\"form-escalatie-{eid}\"")));

        let manager = app.logged_in("mo", Role::Manager).await;
        let overview = manager.get("/escalaties").await;
        assert_eq!(overview.status, StatusCode::OK);
        assert!(overview.body.contains("1 vraag wacht op een besluit"));
        assert!(overview.body.contains(&format!("href=\"/klachten/{id}#escalatie-{eid}\"")));
        assert!(overview.body.contains("Akkoord met terugbetaling?"));
        assert!(overview.body.contains("href=\"/escalaties\">Escalaties</a>"), "in the managers' menu");
        assert!(!handler.get("/klachten").await.body.contains("href=\"/escalaties\""), "not in a handler's menu");
        let r = refused(&manager, id, &answer, &[("decision", " ")]).await;
        assert_eq!(summary_links(&r), [format!("decision-{eid}")]);
        ok(&manager, id, &answer, &[("decision", "Akkoord, betaal de leges terug.")], "escalaties").await;
        let r = refused(&manager, id, &answer, &[("decision", "Toch niet")]).await;
        assert!(r.body.contains("Deze escalatie is al beantwoord."));
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Akkoord, betaal de leges terug."));
        assert!(page.body.contains("Mo Tester op"));
        assert!(manager.get("/escalaties").await.body.contains("Er wacht geen vraag op een besluit"));
    }

    async fn forwarding_closes_the_case_unless_a_part_stays(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let r = refused(&handler, id, "doorsturen", &[("organisation", "UWV"), ("contactPerson", ""), ("noticeSentOn", "morgen")]).await;
        assert_eq!(summary_links(&r), ["contactPerson", "noticeSentOn"]);
        let date = dutch(today(&app));
        ok(&handler, id, "doorsturen", &[("organisation", "UWV"), ("contactPerson", "J. Smit, team WW"), ("citizenAgreed", "ja"), ("noticeSentOn", &date)], "doorsturen").await;
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert!(!view.row.is_open);
        assert_eq!(view.row.outcome, Some(gehoord_domain::Outcome::Forwarded));
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Afgerond: Doorgestuurd"));
        assert!(page.body.contains("J. Smit, team WW"));
        assert!(!page.body.contains("id=\"form-contact\""), "a closed case has no work forms");
        assert!(page.body.contains("id=\"form-heropenen\""), "but the door stays open");

        let other = submit(&app, "no_preference").await;
        handler.get(&path(other)).await;
        ok(&handler, other, "doorsturen", &[("organisation", "SVB"), ("contactPerson", "A. de Wit"), ("citizenAgreed", "ja"), ("keepsPart", "ja")], "doorsturen").await;
        assert!(app.store.case_view(other).await.unwrap().unwrap().row.is_open, "a part stays with us");
    }

    async fn closing_needs_a_yes_to_the_control_question_and_the_door_stays_open(app) {
        let (handler, id) = handler_with_case(&app, "no_preference").await;
        let r = refused(&handler, id, "afronden", &[("noLessonReason", "")]).await;
        assert!(r.body.contains("Stel eerst de controlevraag: is de burger tevreden en is alles besproken?"));
        assert_eq!(summary_links(&r), ["form-afronden"]);

        let r = refused(&handler, id, "controlevraag", &[("satisfied", "ja")]).await;
        assert_eq!(summary_links(&r), ["allAddressed", "howAsked"]);
        ok(&handler, id, "controlevraag", &[("satisfied", "ja"), ("allAddressed", "nee"), ("howAsked", "phone"), ("controlNote", "Hij wil ook nog praten over de toon van de brief.")], "controlevraag").await;
        let r = refused(&handler, id, "afronden", &[]).await;
        assert!(r.body.contains("De burger is nog niet tevreden of nog niet alles is besproken."));
        assert!(app.store.case_view(id).await.unwrap().unwrap().row.is_open, "a no keeps the case open");
        assert!(handler.get(&path(id)).await.body.contains("De klacht blijft open"));

        ok(&handler, id, "controlevraag", &[("satisfied", "ja"), ("allAddressed", "ja"), ("howAsked", "phone"), ("wantsLetter", "ja")], "controlevraag").await;
        let r = refused(&handler, id, "afronden", &[("noLessonReason", " ")]).await;
        assert_eq!(summary_links(&r), ["noLessonReason"]);
        let r = refused(&handler, id, "leerpunt", &[("lessonText", "")]).await;
        assert_eq!(summary_links(&r), ["lessonLevel", "learner", "lessonText"]);
        ok(&handler, id, "leerpunt", &[("lessonLevel", "execution"), ("learner", "team"), ("lessonText", "Bel terug binnen twee dagen.")], "leerpunten").await;
        ok(&handler, id, "afronden", &[], "afronden").await;
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert!(!view.row.is_open);
        assert_eq!(view.row.outcome, Some(gehoord_domain::Outcome::Solved));
        assert_eq!(view.row.ladder_step, gehoord_domain::LadderStep::ComplaintHandling);
        let page = handler.get(&path(id)).await;
        assert!(page.body.contains("Gedaan:</span> Klacht afgerond"));
        assert!(page.body.contains("Bel terug binnen twee dagen."));

        let r = refused(&handler, id, "leerpunt", &[("lessonLevel", "case"), ("learner", "team"), ("lessonText", "Nog iets")]).await;
        assert!(r.body.contains("Deze klacht is afgerond. Open de klacht eerst opnieuw."));

        // Years later the citizen comes back: no term limits that.
        app.clock.set(app.clock.now() + SignedDuration::from_hours(24 * 365 * 3));
        let handler = login_again(&app, "hanna").await;
        handler.get(&path(id)).await;
        let r = refused(&handler, id, "heropenen", &[("reopenReason", "")]).await;
        assert_eq!(summary_links(&r), ["reopenReason"]);
        ok(&handler, id, "heropenen", &[("reopenReason", "Meneer belt: de vergunning klopt niet.")], "afronden").await;
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert!(view.row.is_open);
        assert!(handler.get(&path(id)).await.body.contains("Reden: Meneer belt: de vergunning klopt niet."));
        let r = refused(&handler, id, "afronden", &[]).await;
        assert!(r.body.contains("Stel eerst de controlevraag"), "a new control question is needed");
        let admin = app.logged_in("ada", Role::Admin).await;
        assert_eq!(admin.post_form(&format!("{}/heropenen", path(id)), &[("reopenReason", "x")]).await.status, StatusCode::FORBIDDEN);
    }

    async fn the_commitments_overview_lists_earliest_first_and_filters_mine(app) {
        let (hanna, first) = handler_with_case(&app, "no_preference").await;
        let second = submit(&app, "no_preference").await;
        let piet = app.logged_in("piet", Role::Handler).await;
        piet.get(&path(second)).await;
        assert_eq!(piet.post_form(&format!("{}/in-behandeling-nemen", path(second)), &[]).await.status, StatusCode::SEE_OTHER);
        let later = in_days(&app, 9);
        let sooner = in_days(&app, 3);
        ok(&hanna, first, "toezegging", &[("what", "Hanna belt terug"), ("toWhom", "Jan"), ("owner", "Hanna"), ("due", &later)], "toezeggingen").await;
        ok(&piet, second, "toezegging", &[("what", "Piet stuurt de brief"), ("toWhom", "Jan"), ("owner", "Piet"), ("due", &sooner)], "toezeggingen").await;
        let all = hanna.get("/toezeggingen").await;
        assert_eq!(all.status, StatusCode::OK);
        assert!(all.body.contains("2 open toezeggingen"));
        let (p, h) = (all.body.find("Piet stuurt de brief").unwrap(), all.body.find("Hanna belt terug").unwrap());
        assert!(p < h, "earliest due first");
        assert!(all.body.contains(&format!("href=\"/klachten/{first}#toezeggingen\"")));
        let mine = hanna.get("/toezeggingen?toon=mijn").await;
        assert!(mine.body.contains("1 open toezegging"));
        assert!(mine.body.contains("Hanna belt terug") && !mine.body.contains("Piet stuurt de brief"));
        assert!(mine.body.contains("<option value=\"mijn\" selected>"));
        assert!(all.body.contains("href=\"/toezeggingen\">Toezeggingen</a>"), "in the handlers' menu");
        assert_eq!(hanna.get("/toezeggingen?toon=iedereen").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(hanna.get("/toezeggingen?pagina=0").await.status, StatusCode::BAD_REQUEST);
        let kept = commitment_ids(&app, second).await[0];
        ok(&piet, second, &format!("toezegging/{kept}/afhandelen"), &[("result", "kept")], "toezeggingen").await;
        assert!(hanna.get("/toezeggingen").await.body.contains("1 open toezegging"), "kept ones leave the list");
        let employee = app.logged_in("kees", Role::Employee).await;
        assert_eq!(employee.get("/toezeggingen").await.status, StatusCode::FORBIDDEN);
        assert!(!employee.get("/klachten/registreren").await.body.contains("href=\"/toezeggingen\""));
    }
}

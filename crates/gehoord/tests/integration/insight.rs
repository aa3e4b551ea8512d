//! Learning from complaints in numbers: the dashboards' figures, read from
//! the case-facts projection, equal the domain's reference metrics over the
//! same cases (demo data, on both databases), and the insight pages answer.

use gehoord_domain::{
    Actor, CaseState, Command, Context, decide,
    insight::{self, CaseFacts, Share},
    learning::LearningCommand,
};
use gehoord_store::{InboxFilter, InboxQuery, InsightFilter, Store};
use jiff::civil::{Date, date};
use tokio::process::Command as Process;
use uuid::Uuid;

use crate::harness::{Db, TestDb};

/// Fills `db` with `cases` demo complaints over two years up to 31 October 2026.
async fn demo(db: &TestDb, cases: u64) {
    let out = Process::new(env!("CARGO_BIN_EXE_gehoord"))
        .env("GEHOORD_DATABASE_URL", &db.url)
        .env("GEHOORD_LOG", "warn")
        .args(["demo-data", "--cases", &cases.to_string(), "--years", "2", "--until", "2026-10-31", "--seed", "7"])
        .output()
        .await
        .expect("run gehoord demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Every case's facts, folded from its events by the domain.
async fn all_facts(store: &Store) -> Vec<(Uuid, CaseFacts)> {
    let mut facts = Vec::new();
    for page in 1.. {
        let q = InboxQuery { status: InboxFilter::All, page, page_size: 200, ..InboxQuery::default() };
        let rows = store.inbox(&q).await.unwrap();
        for row in &rows.items {
            let events = store.events(row.id).await.unwrap();
            let state = CaseState::from_events(events.iter().map(|e| &e.event));
            facts.push((row.id, CaseFacts::of(state.case().unwrap())));
        }
        if !rows.has_next() {
            break;
        }
    }
    facts
}

fn between(day: Option<Date>, f: &InsightFilter) -> bool {
    day.is_some_and(|d| d >= f.from && d <= f.to)
}

fn matches(facts: &CaseFacts, f: &InsightFilter) -> bool {
    f.department.as_ref().is_none_or(|d| facts.department.as_ref() == Some(d))
        && f.channel.is_none_or(|c| facts.channel == c)
        && f.category.as_ref().is_none_or(|c| facts.category.as_ref() == Some(c))
        && f.handler_id.is_none_or(|h| facts.handler_id == Some(h))
}

/// The store's figures against the domain's over the same rows.
async fn check(store: &Store, all: &[(Uuid, CaseFacts)], filter: &InsightFilter, today: Date) {
    let got = store.insight(filter, today).await.unwrap();
    let received: Vec<CaseFacts> = all
        .iter()
        .map(|(_, f)| f)
        .filter(|f| matches(f, filter) && between(Some(f.received), filter))
        .cloned()
        .collect();
    let closed: Vec<CaseFacts> =
        all.iter().map(|(_, f)| f).filter(|f| matches(f, filter) && between(f.closed, filter)).cloned().collect();
    let context = format!("{filter:?}");
    assert_eq!(got.received, received.len(), "{context}");
    assert_eq!(got.by_channel.iter().map(|(_, n)| n).sum::<usize>(), received.len(), "{context}");
    let months: usize = got.by_month.iter().flat_map(|(_, per)| per).map(|(_, n)| n).sum();
    assert_eq!(months, received.len(), "{context}");
    for (name, n) in &got.by_category {
        let by_month: usize =
            got.by_month_category.iter().flat_map(|(_, per)| per).filter(|(c, _)| c == name).map(|(_, n)| n).sum();
        assert_eq!(by_month, *n, "{context}: {name:?}");
        assert_eq!(*n, received.iter().filter(|f| &f.category == name).count(), "{context}: {name:?}");
    }
    let overdue = received.iter().filter(|f| f.overdue(today)).count();
    let open_formal = received.iter().filter(|f| f.formal && f.closed.is_none()).count();
    assert_eq!(got.overdue, Share { part: overdue, of: open_formal }, "{context}");

    assert_eq!(got.closed, closed.len(), "{context}");
    assert_eq!(got.ladder, insight::ladder(&closed), "{context}");
    assert_eq!(got.handling, insight::handling(&closed), "{context}");
    assert_eq!(got.lead_times, insight::lead_times(&closed), "{context}");
    assert_eq!(got.verdicts, insight::verdicts(&closed), "{context}");
    assert_eq!(got.norms_violated, insight::norms_violated(&closed), "{context}");
    assert_eq!(got.commitments_kept, insight::commitments_kept(&closed), "{context}");
    assert_eq!(got.satisfaction, insight::satisfaction(&closed), "{context}");
    assert_eq!(got.reopened, closed.iter().filter(|f| f.reopened > 0).count(), "{context}");
    let grounds: usize = got.not_handling.iter().map(|(_, n)| n).sum();
    assert_eq!(grounds, closed.iter().filter(|f| f.not_handling_ground.is_some()).count(), "{context}");
}

async fn learn(store: &Store, id: Uuid, command: LearningCommand) {
    let ctx = Context::new(jiff::Timestamp::now(), Actor::Staff { user_id: Uuid::nil(), name: "Manager".into() });
    store.execute(id, |s| decide(s, Command::Learning(command.clone()), &ctx)).await.unwrap();
}

async fn projection_equals_the_domain(kind: Db) {
    let db = TestDb::new(kind).await;
    demo(&db, 400).await;
    let store = Store::open(&db.url).await.unwrap();
    // Categories and a signal, which the demo does not set.
    let before = all_facts(&store).await;
    for (i, (id, _)) in before.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let category = if i % 2 == 0 { "Parkeren" } else { "Afval" };
        learn(&store, *id, LearningCommand::Categorise { category: Some(category.into()) }).await;
    }
    learn(&store, before[1].0, LearningCommand::FlagSignal { reason: "Komt vaker voor".into() }).await;
    // Reopened cases leave the closed figures of their month until closed again.
    let ctx = Context::new(jiff::Timestamp::now(), Actor::Staff { user_id: Uuid::nil(), name: "Behandelaar".into() });
    for (id, _) in before.iter().filter(|(_, f)| f.closed.is_some()).take(5) {
        let reopen = Command::Reopen { reason: "De klager belde opnieuw.".into() };
        store.execute(*id, |s| decide(s, reopen.clone(), &ctx)).await.unwrap();
    }
    let all = all_facts(&store).await;
    assert!(all.iter().filter(|(_, f)| f.reopened > 0 && f.closed.is_none()).count() >= 5);
    assert!(all.iter().any(|(_, f)| f.formal && !f.verdicts.is_empty()), "the demo judges some cases");
    assert!(all.iter().any(|(_, f)| f.closed.is_some() && f.closed.map(|d| d.year()) != Some(f.received.year())));

    let today = date(2026, 11, 29);
    let year = |y: i16| InsightFilter {
        from: date(y, 1, 1),
        to: date(y, 12, 31),
        department: None,
        channel: None,
        category: None,
        handler_id: None,
    };
    let everything = InsightFilter { from: date(2000, 1, 1), to: date(2030, 12, 31), ..year(2026) };
    check(&store, &all, &everything, today).await;
    check(&store, &all, &year(2025), today).await;
    check(&store, &all, &year(2026), today).await;
    let department = all.iter().find_map(|(_, f)| f.department.clone()).unwrap();
    check(&store, &all, &InsightFilter { department: Some(department), ..everything.clone() }, today).await;
    check(&store, &all, &InsightFilter { channel: Some(all[0].1.channel), ..everything.clone() }, today).await;
    check(&store, &all, &InsightFilter { category: Some("Parkeren".into()), ..everything.clone() }, today).await;
    let handler = all.iter().find_map(|(_, f)| f.handler_id).unwrap();
    check(&store, &all, &InsightFilter { handler_id: Some(handler), ..year(2026) }, today).await;
    // Periods that do not start or end on a month's edge: whole months from
    // the roll-ups, the days at either end from the facts.
    let ragged = InsightFilter { from: date(2025, 3, 17), to: date(2026, 10, 9), ..year(2026) };
    check(&store, &all, &ragged, today).await;
    check(&store, &all, &InsightFilter { from: date(2026, 2, 3), to: date(2026, 2, 20), ..ragged.clone() }, today)
        .await;
    check(&store, &all, &InsightFilter { handler_id: Some(handler), ..ragged.clone() }, today).await;
    check(&store, &all, &InsightFilter { category: Some("Afval".into()), ..ragged.clone() }, today).await;

    // A rebuild gives the same figures as the writes did.
    let written = store.insight(&everything, today).await.unwrap();
    let written_ragged = store.insight(&ragged, today).await.unwrap();
    store.rebuild(|_| {}).await.unwrap();
    assert_eq!(store.insight(&everything, today).await.unwrap(), written);
    assert_eq!(store.insight(&ragged, today).await.unwrap(), written_ragged);

    // The demo flags some cases too; the list holds exactly the flagged ones.
    let flagged = store.signal_cases(1000).await.unwrap();
    assert_eq!(flagged.len(), all.iter().filter(|(_, f)| f.signal).count());
    let ours = flagged.iter().find(|s| s.case_id == before[1].0).expect("the flagged case is listed");
    assert_eq!(ours.reason, "Komt vaker voor");
    assert!(flagged.windows(2).all(|w| w[0].received >= w[1].received), "newest first");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_figures_equal_the_domain_metrics_on_sqlite() {
    projection_equals_the_domain(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_figures_equal_the_domain_metrics_on_postgres() {
    projection_equals_the_domain(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn volumes_per_four_weeks_feed_the_rising_signal() {
    let db = TestDb::new(Db::Sqlite).await;
    demo(&db, 300).await;
    let store = Store::open(&db.url).await.unwrap();
    let all = all_facts(&store).await;
    let today = date(2026, 10, 31);
    let groups = store.group_volumes(today).await.unwrap();
    let department = all.iter().find_map(|(_, f)| f.department.clone()).unwrap();
    let windows = &groups.iter().find(|g| g.dimension == "department" && g.name == department).unwrap().windows;
    assert_eq!(windows.len(), insight::SIGNAL_WINDOWS);
    // The last window is the 28 days up to today, by the domain's count.
    let last: u32 = all
        .iter()
        .filter(|(_, f)| f.department.as_ref() == Some(&department))
        .filter(|(_, f)| (today - f.received).get_days() < insight::SIGNAL_WINDOW_DAYS && f.received <= today)
        .count()
        .try_into()
        .unwrap();
    assert_eq!(windows.last().copied(), Some(last));
    store.close().await;
}

pub(crate) mod pages {
    use axum::http::StatusCode;
    use gehoord_domain::{
        Channel, Complainant, Role,
        case::{InitialHandling, Intake},
        time::date_in_amsterdam,
    };
    use jiff::Timestamp;

    use super::*;
    use crate::harness::{TestApp, both_dbs};

    /// Registers a complaint from the web form received at `at`.
    pub(crate) async fn complaint(app: &TestApp, at: Timestamp, channel: Channel, department: &str) -> Uuid {
        let text = "Mijn container is drie weken niet geleegd. Ik ben Jan Jansen uit de Dorpsstraat.";
        complaint_saying(app, at, channel, department, text).await
    }

    async fn complaint_saying(app: &TestApp, at: Timestamp, channel: Channel, department: &str, text: &str) -> Uuid {
        let id = Uuid::now_v7();
        let actor = if channel == Channel::WebForm {
            Actor::Citizen
        } else {
            Actor::Staff { user_id: Uuid::nil(), name: "Kees van het KCC".into() }
        };
        let ctx = Context::new(at, actor);
        app.store
            .register_case(id, date_in_amsterdam(at).year(), |reference| {
                let intake = Intake {
                    reference,
                    channel,
                    received_at: at,
                    description: text.into(),
                    complainant: Complainant { name: Some("Jan Jansen".into()), ..Complainant::default() },
                    conduct_date: None,
                    department: Some(department.into()),
                    employees_involved: None,
                    signed: false,
                    handling: InitialHandling::ToComplaintHandling,
                };
                decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)
            })
            .await
            .unwrap();
        id
    }

    both_dbs! {
        async fn managers_see_the_dashboard_with_charts_tables_and_exports(app) {
            app.set_up_organisation().await;
            let now = app.clock.now();
            let year = date_in_amsterdam(now).year();
            let admin = app.client();
            admin.get("/inloggen").await;
            admin.post_form("/inloggen", &[("username", "beheer"), ("password", "beheer-wachtwoord")]).await;
            let saved = admin.post_form("/beheer/categorieen", &[("categories", "Afval\n\nParkeren\nafval\n")]).await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
            let page = admin.get("/beheer/categorieen?opgeslagen=1").await.body;
            assert!(page.contains(">Afval\nParkeren</textarea>"), "blank lines and repeats dropped: {page}");

            let a = complaint(&app, now, Channel::WebForm, "Afval en Reiniging").await;
            complaint(&app, now, Channel::Phone, "Afval en Reiniging").await;
            complaint(&app, now, Channel::Phone, "Parkeren").await;
            let handler = app.logged_in("hanna", Role::Handler).await;
            let set = handler.post_form(&format!("/klachten/{a}/categorie"), &[("category", "Afval")]).await;
            assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
            let wrong = handler.post_form(&format!("/klachten/{a}/categorie"), &[("category", "Bestaat niet")]).await;
            assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
            assert!(wrong.body.contains("Deze categorie bestaat niet. Kies een categorie uit de lijst."));
            assert!(handler.get(&format!("/klachten/{a}")).await.body.contains("<dd id=\"case-category\">Afval</dd>"));
            // Dashboards are for managers and administrators.
            assert_eq!(handler.get("/inzicht").await.status, StatusCode::FORBIDDEN);

            let manager = app.logged_in("mira", Role::Manager).await;
            let page = manager.get("/inzicht").await;
            assert_eq!(page.status, StatusCode::OK);
            let html = &page.body;
            assert!(html.contains("<a href=\"/inzicht\">Inzicht</a>"), "in the main menu");
            assert!(html.contains(&format!("Periode: 01-01-{year} tot en met")), "{html}");
            let received = &html[html.find("<dt>Ontvangen</dt>").unwrap()..];
            assert!(received.starts_with("<dt>Ontvangen</dt>\n    <dd><span class=\"key-figures__value\">3</span>"), "{received}");
            assert!(html.contains("role=\"img\""), "charts");
            assert!(html.contains("<caption>Ontvangen klachten per kanaal") || html.contains("<caption>Ontvangen klachten per maand"));
            assert!(html.contains("<th scope=\"row\">Afval</th>"), "the category table");
            assert!(html.contains("<th scope=\"row\">Zonder categorie</th>"));

            // Filters narrow every figure.
            let filtered = manager.get("/inzicht?afdeling=Parkeren").await.body;
            assert!(filtered.contains("<dt>Ontvangen</dt>\n    <dd><span class=\"key-figures__value\">1</span>"));
            // Bad filters: a Dutch message, and the defaults for the rest.
            let bad = manager.get("/inzicht?van=gisteren&kanaal=duif").await;
            assert_eq!(bad.status, StatusCode::OK);
            assert!(bad.body.contains("De begindatum is geen datum. Schrijf de datum zo: 15-03-2026."));
            assert!(bad.body.contains("Dit kanaal bestaat niet. Kies een kanaal uit de lijst."));
            let reversed = manager.get(&format!("/inzicht?van=31-12-{year}&tot=01-01-{year}")).await.body;
            assert!(reversed.contains("De begindatum ligt na de einddatum."));

            // Every table exports, as CSV for Excel and as a workbook.
            let csv = manager.get("/inzicht?formaat=csv").await;
            assert_eq!(csv.status, StatusCode::OK);
            assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
            assert!(csv.header("content-disposition").unwrap().contains(&format!("inzicht-{year}-01-01-")));
            assert!(csv.body.contains("Ontvangen klachten per maand"));
            assert!(csv.body.contains("Maand;Webformulier;Telefoon;Totaal\r\n"), "{}", csv.body);
            let xlsx = manager.get("/inzicht?formaat=xlsx").await;
            assert!(xlsx.bytes.starts_with(b"PK"), "a zip file");
            assert_eq!(manager.get("/inzicht?formaat=pdf").await.status, StatusCode::BAD_REQUEST);
        }

        async fn the_whole_inbox_exports_in_keyset_chunks_in_its_own_order(app) {
            app.set_up_organisation().await;
            let start = app.clock.now();
            let mut ids = Vec::new();
            for minutes in 0..5 {
                let at = start - jiff::SignedDuration::from_mins(minutes);
                ids.push(complaint(&app, at, Channel::Phone, "Burgerzaken").await);
            }
            // Two at a time, newest first and oldest first: every case once, in order.
            for oldest_first in [false, true] {
                let q = gehoord_store::InboxQuery { oldest_first, ..gehoord_store::InboxQuery::default() };
                let (mut seen, mut after) = (Vec::new(), None);
                loop {
                    let chunk = app.store.inbox_chunk(&q, after, 2).await.unwrap();
                    seen.extend(chunk.iter().map(|r| r.id));
                    after = chunk.last().map(|r| (r.received_at, r.id));
                    if chunk.len() < 2 {
                        break;
                    }
                }
                let expected: Vec<Uuid> = if oldest_first { ids.iter().rev().copied().collect() } else { ids.clone() };
                assert_eq!(seen, expected, "oldest first: {oldest_first}");
            }

            let handler = app.logged_in("hanna", Role::Handler).await;
            let page = handler.get("/klachten?kanaal=phone").await.body;
            assert!(page.contains("href=\"/klachten?kanaal=phone&#38;formaat=xlsx\""), "{page}");
            let csv = handler.get("/klachten?kanaal=phone&formaat=csv").await;
            assert_eq!(csv.status, StatusCode::OK);
            assert!(csv.header("content-disposition").unwrap().contains("klachten.csv"));
            let lines: Vec<&str> = csv.body.lines().collect();
            assert!(lines[0].trim_start_matches('\u{feff}').starts_with("Kenmerk;Ontvangen;Kanaal;Fase"), "{lines:?}");
            assert_eq!(lines.iter().filter(|l| l.starts_with("KL-")).count(), 5);
            let xlsx = handler.get("/klachten?formaat=xlsx").await;
            assert!(xlsx.bytes.starts_with(b"PK"));
            assert_eq!(handler.get("/klachten?formaat=doc").await.status, StatusCode::BAD_REQUEST);
        }

        async fn the_lessons_register_exports_as_a_whole(app) {
            app.set_up_organisation().await;
            let id = complaint(&app, app.clock.now(), Channel::Phone, "Burgerzaken").await;
            let handler = app.logged_in("hanna", Role::Handler).await;
            let recorded = handler
                .post_form(
                    &format!("/klachten/{id}/leerpunt"),
                    &[("lessonLevel", "execution"), ("learner", "team"), ("lessonText", "Balie; belt terug \"binnen\" een dag")],
                )
                .await;
            assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
            let manager = app.logged_in("mira", Role::Manager).await;
            assert!(manager.get("/leerpunten").await.body.contains("formaat=csv"));
            let csv = manager.get("/leerpunten?formaat=csv").await;
            assert_eq!(csv.status, StatusCode::OK);
            assert!(csv.body.contains("Leerpunt;Soort;Niveau"), "{}", csv.body);
            assert!(csv.body.contains("\"Balie; belt terug \"\"binnen\"\" een dag\";verbetering;Uitvoering"), "{}", csv.body);
        }

        async fn the_overviews_export_too(app) {
            app.set_up_organisation().await;
            let manager = app.logged_in("mira", Role::Manager).await;
            for (path, header) in [
                ("/termijnen", "Kenmerk;Samenvatting;Behandelaar;Afdeling;Fase;Uiterlijk afhandelen"),
                ("/toezeggingen", "Kenmerk;Toezegging;Aan wie;Wie zorgt ervoor;Uiterlijk op;Behandelaar"),
                ("/escalaties", "Kenmerk;Gevraagd op;Door;Reden;Toelichting;Gevraagd besluit"),
            ] {
                assert!(manager.get(path).await.body.contains("formaat=xlsx"), "{path} links its export");
                let csv = manager.get(&format!("{path}?formaat=csv")).await;
                assert_eq!(csv.status, StatusCode::OK, "{path}");
                assert_eq!(csv.body.trim_start_matches('\u{feff}').lines().next(), Some(header), "{path}");
                assert!(manager.get(&format!("{path}?formaat=xlsx")).await.bytes.starts_with(b"PK"), "{path}");
                assert_eq!(manager.get(&format!("{path}?formaat=pdf")).await.status, StatusCode::BAD_REQUEST);
            }
        }

        async fn a_flagged_case_is_on_the_signal_list_until_cleared(app) {
            app.set_up_organisation().await;
            let id = complaint(&app, app.clock.now(), Channel::Email, "Burgerzaken").await;
            let handler = app.logged_in("hanna", Role::Handler).await;
            let empty = handler.post_form(&format!("/klachten/{id}/signaal"), &[("signalReason", " ")]).await;
            assert_eq!(empty.status, StatusCode::BAD_REQUEST);
            assert!(empty.body.contains("Schrijf op waarom dit een belangrijk signaal is."));
            let flag = handler.post_form(&format!("/klachten/{id}/signaal"), &[("signalReason", "Raakt de hele straat")]).await;
            assert_eq!(flag.status, StatusCode::SEE_OTHER);

            let manager = app.logged_in("mira", Role::Manager).await;
            let list = manager.get("/inzicht/signalen").await.body;
            assert!(list.contains("Raakt de hele straat"), "{list}");
            assert!(list.contains(&format!("<a href=\"/klachten/{id}\">")));
            assert!(list.contains("id=\"rising-empty\""), "three complaints are no rise");

            assert!(list.contains("id=\"themes-empty\""), "one complaint is no theme");

            // Two more about the container and a few about other things: a theme.
            for text in [
                "Alweer is de container niet geleegd in onze straat.",
                "De container wordt niet geleegd, nu al twee weken.",
                "Mijn paspoort is kwijtgeraakt bij de balie.",
                "De parkeerboete klopt niet.",
                "Niemand belt terug over mijn uitkering.",
            ] {
                complaint_saying(&app, app.clock.now(), Channel::Email, "Afval en Reiniging", text).await;
            }
            let list = manager.get("/inzicht/signalen").await.body;
            let themes = &list[list.find("id=\"themes\"").expect("a themes table")..];
            assert!(themes.contains("container") && themes.contains("geleegd"), "{themes}");
            assert!(themes.contains("<td class=\"table__numeric\">3</td>"), "{themes}");

            handler.post_form(&format!("/klachten/{id}/signaal"), &[("action", "weghalen")]).await;
            assert!(manager.get("/inzicht/signalen").await.body.contains("id=\"flagged-empty\""));
        }

        async fn the_dashboard_figures_as_an_api_with_problems_for_bad_filters(app) {
            use axum::http::Method;
            let now = app.clock.now();
            let today = date_in_amsterdam(now);
            complaint(&app, now, Channel::WebForm, "Afval en Reiniging").await;
            complaint(&app, now, Channel::Phone, "Burgerzaken").await;
            complaint(&app, now, Channel::Phone, "Burgerzaken").await;
            let token = app.api_token().await;
            let t = Some(token.as_str());
            assert_eq!(app.api(Method::GET, "/v1/inzicht", None, None).await.status, StatusCode::UNAUTHORIZED);

            let r = app.api(Method::GET, "/v1/inzicht", t, None).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            let j = r.json();
            assert_eq!(j["from"], format!("{}-01-01", today.year()));
            assert_eq!(j["to"], today.to_string());
            assert_eq!(j["received"], 3);
            assert_eq!(j["byChannel"], serde_json::json!([{"channel": "web_form", "count": 1}, {"channel": "phone", "count": 2}]));
            assert_eq!(j["byDepartment"][0], serde_json::json!({"name": "Burgerzaken", "count": 2}));
            let month = format!("{}-{:02}", today.year(), today.month());
            assert_eq!(j["perMonth"][0]["month"], month);
            assert_eq!(j["closed"], 0);
            assert_eq!(j["leadTimes"]["medianDays"], serde_json::Value::Null);
            assert_eq!(j["ladder"]["inContact"], serde_json::json!({"part": 0, "of": 0}));

            let r = app.api(Method::GET, "/v1/inzicht?department=Burgerzaken&channel=phone", t, None).await;
            assert_eq!(r.json()["received"], 2);
            let last_year = format!("/v1/inzicht?from={0}-01-01&to={0}-12-31", today.year() - 1);
            assert_eq!(app.api(Method::GET, &last_year, t, None).await.json()["received"], 0);

            let r = app.api(Method::GET, "/v1/inzicht?from=gisteren&channel=duif&handlerId=7", t, None).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST);
            assert_eq!(r.header("content-type"), Some("application/problem+json"));
            let names: Vec<String> =
                r.json()["invalidParams"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect();
            assert_eq!(names, ["from", "channel", "handlerId"]);
            let r = app.api(Method::GET, "/v1/inzicht?from=2026-05-01&to=2026-04-01", t, None).await;
            assert_eq!(r.json()["invalidParams"][0]["name"], "from");
            let r = app.api(Method::GET, "/v1/inzicht?afdeling=x", t, None).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown parameters are refused, not ignored");
        }

        async fn the_annual_report_as_page_pdf_and_open_data(app) {
            app.set_up_organisation().await;
            let now = app.clock.now();
            let year = date_in_amsterdam(now).year();
            complaint(&app, now, Channel::WebForm, "Afval en Reiniging").await;
            complaint(&app, now, Channel::Counter, "Burgerzaken").await;
            // Received last December, closed (forwarded) this year: in this
            // year's open data once, and in last year's too.
            let december = date(year - 1, 12, 20).at(12, 0, 0, 0).in_tz("Europe/Amsterdam").unwrap();
            let old = complaint(&app, december.timestamp(), Channel::Letter, "Belastingen").await;
            let forward = Command::Forward(gehoord_domain::forwarding::Forwarding {
                organisation: "Waterschap Rivierenland".into(),
                contact_person: "mevrouw De Vries".into(),
                citizen_agreed: true,
                notice_sent_on: Some(date_in_amsterdam(now)),
                keeps_part: false,
            });
            let ctx = Context::new(now, Actor::Staff { user_id: Uuid::nil(), name: "Behandelaar".into() });
            app.store.execute(old, |s| decide(s, forward.clone(), &ctx)).await.unwrap();
            let admin = app.client();
            admin.get("/inloggen").await;
            admin.post_form("/inloggen", &[("username", "beheer"), ("password", "beheer-wachtwoord")]).await;

            let index = admin.get(&format!("/inzicht/jaarverslag?jaar={year}")).await;
            assert_eq!(index.location(), format!("/inzicht/jaarverslag/{year}"));
            let page = admin.get(&format!("/inzicht/jaarverslag/{year}")).await;
            assert_eq!(page.status, StatusCode::OK);
            let html = &page.body;
            assert!(html.contains(&format!("<h1>Jaarverslag klachten {year}</h1>")));
            assert!(html.contains("Gemeente Teststad"));
            assert!(html.contains(&format!("In {year} kregen wij 2 klachten en rondden wij 1 klacht af.")), "{html}");
            assert!(html.contains("artikel 9:12a"));
            for heading in ["Wat wij ontvingen", "Hoe wij de klachten behandelden", "Oordelen", "Snelheid", "Wat wij leerden"] {
                assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
            }
            assert_eq!(admin.get("/inzicht/jaarverslag/1999").await.status, StatusCode::BAD_REQUEST);

            let pdf = admin.get(&format!("/inzicht/jaarverslag/{year}/pdf")).await;
            assert_eq!(pdf.header("content-type"), Some("application/pdf"));
            assert!(pdf.bytes.starts_with(b"%PDF-"));

            let csv = admin.get(&format!("/inzicht/jaarverslag/{year}/open-data.csv")).await;
            assert_eq!(csv.status, StatusCode::OK);
            let mut lines = csv.body.lines();
            let header = lines.next().unwrap();
            assert!(header.starts_with("kenmerk,maand_ontvangen,maand_afgerond,kanaal,afdeling,categorie,trede"), "{header}");
            let rows: Vec<&str> = lines.filter(|l| l.starts_with("KL-")).collect();
            assert_eq!(rows.len(), 3, "{rows:?}");
            assert!(rows.iter().any(|r| r.contains(",counter,Burgerzaken,")), "{rows:?}");
            let month = |d: Date| format!("{}-{:02}", d.year(), d.month());
            let forwarded = rows.iter().find(|r| r.contains(",letter,Belastingen,")).expect("the forwarded case");
            assert!(
                forwarded.contains(&format!(",{},{},letter,", month(december.date()), month(date_in_amsterdam(now)))),
                "{forwarded}"
            );
            let last_year = admin.get(&format!("/inzicht/jaarverslag/{}/open-data.csv", year - 1)).await;
            assert_eq!(last_year.body.lines().filter(|l| l.starts_with("KL-")).count(), 1, "{}", last_year.body);
            // No personal data and no free text.
            assert!(!csv.body.contains("Jansen") && !csv.body.contains("container"));
        }
    }
}

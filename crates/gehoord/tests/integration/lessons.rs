//! The lessons register over in-process HTTP and in the store, on both
//! databases: a lesson recorded on a case enters the register in the same
//! transaction, managers agree, reject and reconsider, handlers record what
//! was done and link cases from either side, filters and counts, the API
//! under `/v1/leerpunten`, the hash chain and the rebuild.

use axum::http::{Method, StatusCode};
use gehoord_domain::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, Context, DomainError, Role,
    case::{InitialHandling, Intake},
    decide,
    learning::LearningCommand,
    lesson::{
        Learner, Lesson, LessonLevel,
        register::{LessonStatus, Proposal},
    },
};
use gehoord_store::{LessonQuery, LessonStatusFilter, Store, StoreError};
use jiff::{SignedDuration, civil::Date};
use uuid::Uuid;

use crate::harness::{Client, TestApp, TestResponse, both_dbs};

/// A complaint about `department`, registered by phone and taken by a
/// handler; returns its id and reference.
async fn case_of(app: &TestApp, department: &str, description: &str) -> (Uuid, CaseReference) {
    let id = Uuid::now_v7();
    let at = app.clock.now();
    let year = gehoord_domain::time::date_in_amsterdam(at).year();
    let ctx = Context::new(at, handler_actor());
    let reference = app
        .store
        .register_case(id, year, |reference| {
            let intake = Intake {
                reference,
                channel: Channel::Phone,
                received_at: at,
                description: description.to_owned(),
                complainant: Complainant { name: Some("Fatima El Amrani".into()), ..Complainant::default() },
                conduct_date: None,
                department: Some(department.to_owned()),
                employees_involved: None,
                signed: false,
                handling: InitialHandling::ToComplaintHandling,
            };
            decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)
        })
        .await
        .expect("register");
    app.store.execute(id, |s| decide(s, Command::TakeIntoHandling, &ctx)).await.expect("take");
    (id, reference)
}

fn handler_actor() -> Actor {
    Actor::Staff { user_id: Uuid::from_u128(1), name: "Hanna de Vries".into() }
}

/// Records a lesson on the case through the store (as the case page does);
/// returns the register id.
async fn record(app: &TestApp, case: Uuid, text: &str, positive: bool) -> Uuid {
    let id = Uuid::now_v7();
    let lesson = Lesson { id, level: LessonLevel::Execution, learner: Learner::Team, text: text.to_owned(), positive };
    let ctx = Context::new(app.clock.now(), handler_actor());
    app.store.execute(case, |s| decide(s, Command::RecordLesson(lesson.clone()), &ctx)).await.expect("record lesson");
    id
}

fn dutch(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

fn today(app: &TestApp) -> Date {
    gehoord_domain::time::date_in_amsterdam(app.clock.now())
}

fn in_days(app: &TestApp, days: i64) -> Date {
    today(app).checked_add(jiff::Span::new().days(days)).unwrap()
}

/// The ids the error summary links to, in order.
fn summary_links(r: &TestResponse) -> Vec<String> {
    let body = &r.body;
    let Some(start) = body.find("id=\"error-summary\"") else {
        return Vec::new();
    };
    let end = start + body[start..].find("</div>").unwrap();
    body[start..end]
        .match_indices("<a href=\"#")
        .map(|(i, _)| {
            let from = start + i + "<a href=\"#".len();
            body[from..from + body[from..].find('"').unwrap()].to_owned()
        })
        .collect()
}

async fn post_ok(client: &Client<'_>, path: &str, fields: &[(&str, &str)], to: &str) {
    let r = client.post_form(path, fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {:?} {}", summary_links(&r), r.body.len());
    assert_eq!(r.location(), to, "{path}");
}

async fn status_of(app: &TestApp, lesson: Uuid) -> LessonStatus {
    app.store.lesson(lesson).await.unwrap().unwrap().entry.status
}

both_dbs! {
    async fn a_lesson_recorded_on_a_case_enters_the_register_and_is_worked_to_done(app) {
        let (case, reference) = case_of(&app, "Parkeren", "De brief over mijn vergunning snap ik niet.").await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        handler.get(&format!("/klachten/{case}")).await;
        post_ok(
            &handler,
            &format!("/klachten/{case}/leerpunt"),
            &[("lessonLevel", "execution"), ("learner", "team"), ("lessonText", "Brieven over vergunningen zijn te moeilijk")],
            &format!("/klachten/{case}#leerpunten"),
        )
        .await;
        let lessons = app.store.lessons_of_case(case).await.unwrap();
        assert_eq!(lessons.len(), 1, "the case's lesson is in the register, in the same transaction");
        let lesson = lessons[0].id;
        assert_eq!((lessons[0].department.as_deref(), lessons[0].status), (Some("Parkeren"), LessonStatus::Proposed));

        // The case page links to the register entry; the register lists it.
        let page = handler.get(&format!("/klachten/{case}")).await;
        assert!(page.body.contains(&format!("href=\"/leerpunten/{lesson}\"")), "case page links the lesson");
        let list = handler.get("/leerpunten").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Brieven over vergunningen zijn te moeilijk") && list.body.contains("<caption"));
        assert!(list.body.contains("href=\"/leerpunten\">Leerpunten</a>"), "in the main menu");
        let detail = handler.get(&format!("/leerpunten/{lesson}")).await;
        assert!(detail.body.contains(&reference.to_string()) && detail.body.contains("hier komt het leerpunt vandaan"));
        assert!(!detail.body.contains("form-afspreken"), "a handler does not agree lessons");

        // Only a manager agrees; a due date in the past is refused in Dutch.
        let r = handler.post_form(&format!("/leerpunten/{lesson}/afspreken"), &[("action", "x"), ("owner", "y"), ("due", "")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let manager = app.logged_in("mila", Role::Manager).await;
        manager.get(&format!("/leerpunten/{lesson}")).await;
        let r = manager
            .post_form(&format!("/leerpunten/{lesson}/afspreken"), &[("action", " "), ("owner", ""), ("due", &dutch(in_days(&app, -1)))])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(summary_links(&r), ["action", "owner", "due"]);
        assert!(r.body.contains("De datum ligt in het verleden"));
        let r = manager.post_form(&format!("/leerpunten/{lesson}/afspreken"), &[("action", "x"), ("owner", "y"), ("due", "31-02-2026")]).await;
        assert_eq!(summary_links(&r), ["due"], "a date that does not exist");

        // Done before agreed is refused at the top of the form.
        let r = handler
            .post_form(&format!("/leerpunten/{lesson}/uitgevoerd"), &[("whatWasDone", "Brief herschreven"), ("doneOn", &dutch(today(&app)))])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(summary_links(&r), ["form-uitgevoerd"]);
        assert!(r.body.contains("nog niet afgesproken"));

        let due = dutch(in_days(&app, 14));
        post_ok(
            &manager,
            &format!("/leerpunten/{lesson}/afspreken"),
            &[("action", "Brief herschrijven op taalniveau B1"), ("owner", "Team Vergunningen"), ("due", &due)],
            &format!("/leerpunten/{lesson}"),
        )
        .await;
        assert_eq!(status_of(&app, lesson).await, LessonStatus::Agreed);
        post_ok(
            &handler,
            &format!("/leerpunten/{lesson}/uitgevoerd"),
            &[("whatWasDone", "Nieuwe brief sinds 1 april"), ("doneOn", &dutch(today(&app)))],
            &format!("/leerpunten/{lesson}"),
        )
        .await;
        post_ok(
            &handler,
            &format!("/leerpunten/{lesson}/burgers-geinformeerd"),
            &[("toldOn", &dutch(today(&app))), ("how", "In de brief bij het afronden")],
            &format!("/leerpunten/{lesson}"),
        )
        .await;
        let detail = app.store.lesson(lesson).await.unwrap().unwrap();
        assert_eq!(detail.entry.status, LessonStatus::Done);
        assert_eq!(detail.entry.citizens_told.unwrap().how, "In de brief bij het afronden");
        let kinds: Vec<&str> = detail.history.iter().map(|h| h.payload.kind()).collect();
        assert_eq!(kinds, ["lesson_proposed", "lesson_agreed", "lesson_completed", "lesson_citizens_told"]);
        assert_eq!(detail.history[0].actor, "Hanna Tester", "drawn with the case event's actor");
        let page = manager.get(&format!("/leerpunten/{lesson}")).await;
        assert!(page.body.contains("Uitgevoerd") && page.body.contains("Nieuwe brief sinds 1 april"));
        assert!(!page.body.contains("id=\"form-afspreken\""), "a done lesson has no agree form");

        // The lesson's own hash chain, like a case's.
        let events = app.store.lesson_events(lesson).await.unwrap();
        let mut prev = gehoord_store::chain::GENESIS.to_owned();
        for e in &events {
            let actor = serde_json::to_string(&e.event.actor).unwrap();
            let payload = e.event.payload.encode();
            let fields = gehoord_store::chain::ChainedFields {
                case_id: lesson,
                seq: e.seq,
                event_type: e.event.payload.kind(),
                event_version: 1,
                recorded_at: e.event.at.as_microsecond(),
                actor: &actor,
                payload: &payload,
            };
            let hash = gehoord_store::chain::hash_event(&prev, &fields);
            assert_eq!(hash, e.hash, "event {}", e.seq);
            prev = hash;
        }
    }

    async fn cases_are_linked_from_the_case_page_and_from_the_lesson_page(app) {
        let (first, _) = case_of(&app, "Parkeren", "Weer een onduidelijke brief.").await;
        let lesson = record(&app, first, "Brieven over parkeren zijn onduidelijk", false).await;
        let (second, second_ref) = case_of(&app, "Parkeren", "Ik snap de brief niet.").await;
        let (third, third_ref) = case_of(&app, "Afval", "De brief over de container is vaag.").await;
        // Another open lesson of another department, to check the order of the choice.
        let manager = app.logged_in("mila", Role::Manager).await;
        manager.get("/leerpunten/nieuw").await;
        let r = manager
            .post_form("/leerpunten", &[("lessonLevel", "policy"), ("learner", "policy_owner"), ("lessonText", "Containerregels herzien"), ("department", "Afval")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let other: Uuid = r.location().trim_start_matches("/leerpunten/").parse().unwrap();
        let choice = app.store.open_lessons_for_linking(Some("Parkeren"), 10).await.unwrap();
        assert_eq!(choice.iter().map(|l| l.id).collect::<Vec<_>>(), [lesson, other], "same department first");
        let choice = app.store.open_lessons_for_linking(Some("Afval"), 10).await.unwrap();
        assert_eq!(choice[0].id, other);

        // From the case page: "Koppel aan een bestaand leerpunt".
        let handler = app.logged_in("hanna", Role::Handler).await;
        let page = handler.get(&format!("/klachten/{second}")).await;
        assert!(page.body.contains("Koppel aan een bestaand leerpunt") && page.body.contains(&format!("value=\"{lesson}\"")));
        let r = handler.post_form(&format!("/klachten/{second}/leerpunt-koppelen"), &[("linkLessonId", "")]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(summary_links(&r), ["linkLessonId"]);
        let r = handler.post_form(&format!("/klachten/{second}/leerpunt-koppelen"), &[("linkLessonId", &Uuid::now_v7().to_string())]).await;
        assert_eq!(summary_links(&r), ["linkLessonId"], "an unknown lesson");
        post_ok(
            &handler,
            &format!("/klachten/{second}/leerpunt-koppelen"),
            &[("linkLessonId", &lesson.to_string())],
            &format!("/klachten/{second}#leerpunten"),
        )
        .await;
        let case = app.store.events(second).await.unwrap();
        assert!(case.iter().any(|e| e.event.payload.kind() == "lesson_linked"), "the case records the link");
        let page = handler.get(&format!("/klachten/{second}")).await;
        assert!(page.body.contains(&format!("href=\"/leerpunten/{lesson}\"")));

        // From the lesson page, by reference: wrong input first.
        handler.get(&format!("/leerpunten/{lesson}")).await;
        for (input, message) in [
            ("", "Vul het kenmerk van de klacht in"),
            ("mijn klacht", "Dit is geen kenmerk van een klacht"),
            ("KL-2099-000999", "Er is geen klacht met kenmerk KL-2099-000999"),
        ] {
            let r = handler.post_form(&format!("/leerpunten/{lesson}/klacht-koppelen"), &[("caseReference", input)]).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{input}");
            assert_eq!(summary_links(&r), ["caseReference"], "{input}");
            assert!(r.body.contains(message), "{input}");
        }
        post_ok(
            &handler,
            &format!("/leerpunten/{lesson}/klacht-koppelen"),
            &[("caseReference", &format!(" {third_ref} "))],
            &format!("/leerpunten/{lesson}#klachten"),
        )
        .await;
        // Linking again changes nothing.
        post_ok(
            &handler,
            &format!("/leerpunten/{lesson}/klacht-koppelen"),
            &[("caseReference", &second_ref.to_string())],
            &format!("/leerpunten/{lesson}#klachten"),
        )
        .await;
        let detail = app.store.lesson(lesson).await.unwrap().unwrap();
        assert_eq!(detail.cases.iter().map(|c| c.case_id).collect::<Vec<_>>(), [first, second, third]);
        assert_eq!(detail.entry.cases.len(), 3);
        let row = app.store.lessons_of_case(third).await.unwrap();
        assert_eq!((row.len(), row[0].case_count), (1, 3));
        let page = handler.get(&format!("/leerpunten/{lesson}")).await;
        assert!(page.body.contains(&third_ref.to_string()) && page.body.contains("De brief over de container is vaag."));
    }

    async fn a_link_to_a_lesson_that_does_not_exist_refuses_the_case_command(app) {
        let (case, _) = case_of(&app, "Parkeren", "Klacht").await;
        let before = app.store.events(case).await.unwrap().len();
        let ctx = Context::new(app.clock.now(), handler_actor());
        let link = Command::Learning(LearningCommand::LinkLesson { lesson_id: Uuid::now_v7(), text: "Bestaat niet".into() });
        let result = app.store.execute(case, |s| decide(s, link.clone(), &ctx)).await;
        assert!(matches!(result, Err(StoreError::Domain(DomainError::UnknownLesson))), "{result:?}");
        assert_eq!(app.store.events(case).await.unwrap().len(), before, "nothing half written");
    }

    async fn managers_reject_and_reconsider_and_positive_lessons_are_passed_on(app) {
        let (case, _) = case_of(&app, "Burgerzaken", "De medewerker aan de balie hielp mij geweldig, maar de wachttijd was lang.").await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        handler.get(&format!("/klachten/{case}")).await;
        post_ok(
            &handler,
            &format!("/klachten/{case}/leerpunt"),
            &[("lessonLevel", "case"), ("learner", "employee"), ("lessonText", "Petra aan de balie nam echt de tijd"), ("positive", "ja")],
            &format!("/klachten/{case}#leerpunten"),
        )
        .await;
        let positive = app.store.lessons_of_case(case).await.unwrap()[0].clone();
        assert!(positive.positive);
        let improvement = record(&app, case, "Wachttijd aan de balie is te lang", false).await;

        let manager = app.logged_in("mila", Role::Manager).await;
        let list = manager.get("/leerpunten?soort=positief").await;
        assert!(list.body.contains("Petra aan de balie") && !list.body.contains("Wachttijd aan de balie"));
        let page = manager.get(&format!("/leerpunten/{}", positive.id)).await;
        assert!(page.body.contains("Doorgeven aan de medewerker of het team") && !page.body.contains("id=\"action\""));
        post_ok(&manager, &format!("/leerpunten/{}/afspreken", positive.id), &[("owner", "Petra en haar teamleider")], &format!("/leerpunten/{}", positive.id)).await;
        let page = manager.get(&format!("/leerpunten/{}", positive.id)).await;
        assert!(page.body.contains("Doorgegeven"));
        assert!(!app.store.lesson(positive.id).await.unwrap().unwrap().entry.is_open());

        // Reject needs a reason; a rejected lesson can be proposed again.
        manager.get(&format!("/leerpunten/{improvement}")).await;
        let r = manager.post_form(&format!("/leerpunten/{improvement}/afwijzen"), &[("rejectReason", " ")]).await;
        assert_eq!((r.status, summary_links(&r)), (StatusCode::BAD_REQUEST, vec!["rejectReason".to_owned()]));
        post_ok(&manager, &format!("/leerpunten/{improvement}/afwijzen"), &[("rejectReason", "Eenmalige drukte door ziekte")], &format!("/leerpunten/{improvement}")).await;
        assert_eq!(status_of(&app, improvement).await, LessonStatus::Rejected);
        let r = manager
            .post_form(&format!("/leerpunten/{improvement}/afspreken"), &[("action", "x"), ("owner", "y"), ("due", &dutch(in_days(&app, 3)))])
            .await;
        assert_eq!(summary_links(&r), ["form-afspreken"], "a rejected lesson is not agreed");
        post_ok(&manager, &format!("/leerpunten/{improvement}/opnieuw-voorstellen"), &[("reconsiderReason", "Drie nieuwe klachten")], &format!("/leerpunten/{improvement}")).await;
        assert_eq!(status_of(&app, improvement).await, LessonStatus::Proposed);
        let r = handler.post_form(&format!("/leerpunten/{improvement}/afwijzen"), &[("rejectReason", "x")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "handlers do not reject");

        // Editing the words.
        post_ok(
            &manager,
            &format!("/leerpunten/{improvement}/wijzigen"),
            &[("lessonText", "Wachttijd aan de balie op drukke dagen"), ("lessonLevel", "execution"), ("learner", "team"), ("department", "Publiekszaken")],
            &format!("/leerpunten/{improvement}"),
        )
        .await;
        let entry = app.store.lesson(improvement).await.unwrap().unwrap().entry;
        assert_eq!((entry.text.as_str(), entry.department.as_deref()), ("Wachttijd aan de balie op drukke dagen", Some("Publiekszaken")));

        // Unknown lessons are pages that do not exist.
        assert_eq!(manager.get(&format!("/leerpunten/{}", Uuid::now_v7())).await.status, StatusCode::NOT_FOUND);
        assert_eq!(manager.get("/leerpunten/geen-id").await.status, StatusCode::NOT_FOUND);
        let r = manager.post_form(&format!("/leerpunten/{}/afwijzen", Uuid::now_v7()), &[("rejectReason", "x")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // Employees and admins do not see the register.
        let employee = app.logged_in("eva", Role::Employee).await;
        assert_eq!(employee.get("/leerpunten").await.status, StatusCode::FORBIDDEN);
    }

    async fn the_register_filters_counts_pages_and_finds_overdue_actions(app) {
        let (parking, _) = case_of(&app, "Parkeren", "Klacht over parkeren").await;
        let (waste, _) = case_of(&app, "Afval", "Klacht over afval").await;
        let late = record(&app, parking, "Parkeerautomaat geeft geen bon", false).await;
        record(&app, parking, "Uitleg aan de telefoon was goed", true).await;
        for i in 0..26 {
            record(&app, waste, &format!("Afvalpunt {i:02}"), false).await;
        }
        let manager = app.logged_in("mila", Role::Manager).await;
        manager.get(&format!("/leerpunten/{late}")).await;
        post_ok(
            &manager,
            &format!("/leerpunten/{late}/afspreken"),
            &[("action", "Automaat laten repareren"), ("owner", "Team Parkeren"), ("due", &dutch(in_days(&app, 2)))],
            &format!("/leerpunten/{late}"),
        )
        .await;
        let q = |f: fn(&mut LessonQuery)| {
            let mut q = LessonQuery::default();
            f(&mut q);
            q
        };
        let store = &app.store;
        assert_eq!(store.lessons(&LessonQuery::default()).await.unwrap().total, 28);
        assert_eq!(store.lessons(&q(|q| q.department = Some("Parkeren".into()))).await.unwrap().total, 2);
        assert_eq!(store.lessons(&q(|q| q.positive = Some(true))).await.unwrap().total, 1);
        assert_eq!(store.lessons(&q(|q| q.status = LessonStatusFilter::Is(LessonStatus::Agreed))).await.unwrap().total, 1);
        assert_eq!(store.lessons(&q(|q| q.text = Some("AFVALPUNT 1".into()))).await.unwrap().total, 10);
        assert_eq!(store.lessons(&q(|q| q.text = Some("%".into()))).await.unwrap().total, 0, "wildcards are literal");
        assert_eq!(store.lessons(&q(|q| q.level = Some(LessonLevel::Policy))).await.unwrap().total, 0);

        // Not overdue on the due day; overdue the day after.
        let on_due_day = in_days(&app, 2);
        assert_eq!(store.lessons(&q(|q| q.overdue_on = Some(jiff::civil::date(2000, 1, 1)))).await.unwrap().total, 0);
        let mut overdue = LessonQuery { overdue_on: Some(on_due_day), ..LessonQuery::default() };
        assert_eq!(store.lessons(&overdue).await.unwrap().total, 0);
        overdue.overdue_on = Some(in_days(&app, 3));
        assert_eq!(store.lessons(&overdue).await.unwrap().items[0].id, late);
        app.clock.set(app.clock.now() + SignedDuration::from_hours(24 * 3));
        let counts = store.lesson_counts(Some("Parkeren"), today(&app)).await.unwrap();
        assert_eq!((counts.proposed, counts.agreed, counts.overdue, counts.positive), (1, 1, 1, 1));
        // The login of three days ago has expired.
        let manager = app.logged_in("mila2", Role::Manager).await;
        let list = manager.get("/leerpunten?te-laat=ja").await;
        assert!(list.body.contains("Parkeerautomaat geeft geen bon") && list.body.contains("Te laat"));
        assert!(list.body.contains("1 leerpunt"));

        // Paging over the HTTP list, with the filters kept.
        let first = manager.get("/leerpunten?afdeling=Afval").await;
        assert!(first.body.contains("26 leerpunten") && first.body.contains("pagina=2"));
        let second = manager.get("/leerpunten?afdeling=Afval&pagina=2").await;
        assert_eq!(second.status, StatusCode::OK);
        assert_eq!(second.body.matches("Afvalpunt ").count(), 1, "one row on the last page");
        for bad in ["/leerpunten?status=klaar", "/leerpunten?pagina=0", "/leerpunten?soort=x", "/leerpunten?niveau=x"] {
            assert_eq!(manager.get(bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }

    async fn the_api_lists_reads_writes_and_works_lessons(app) {
        let token = app.api_token().await;
        let t = Some(token.as_str());
        assert_eq!(app.api(Method::GET, "/v1/leerpunten", None, None).await.status, StatusCode::UNAUTHORIZED);
        let r = app.api(Method::POST, "/v1/leerpunten", t, Some(r#"{"text":" ","level":"policy","learner":"team"}"#)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["invalidParams"][0]["name"], "text", "the API's own member name");
        let r = app.api(Method::POST, "/v1/leerpunten", t, Some(r#"{"text":"Regels voor kwijtschelding uitleggen","level":"policy","learner":"policy_owner","department":"Belastingen"}"#)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(r.location(), format!("/v1/leerpunten/{id}"));
        assert_eq!(r.header("api-version"), Some("1.0.0"));
        assert_eq!(r.json()["status"], "proposed");
        assert_eq!(r.json()["history"][0]["actor"], "Koppeling Test-koppeling");

        let r = app.api(Method::GET, "/v1/leerpunten?department=Belastingen&level=policy&positive=false", t, None).await;
        assert_eq!((r.status, r.json()["total"].as_u64()), (StatusCode::OK, Some(1)));
        assert_eq!(r.json()["items"][0]["id"], id.as_str());
        let r = app.api(Method::GET, "/v1/leerpunten?statuss=open", t, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown query keys");
        let r = app.api(Method::GET, "/v1/leerpunten?status=klaar&overdue=ja", t, None).await;
        assert_eq!(r.json()["invalidParams"].as_array().unwrap().len(), 2);

        let path = |step: &str| format!("/v1/leerpunten/{id}/{step}");
        let r = app.api(Method::POST, &path("uitvoeren"), t, Some(&format!(r#"{{"whatWasDone":"x","on":"{}"}}"#, today(&app)))).await;
        assert_eq!((r.status, r.json()["code"].as_str()), (StatusCode::CONFLICT, Some("lesson_not_agreed")));
        let past = format!(r#"{{"action":"Uitleg op de website","owner":"Team Belastingen","due":"{}"}}"#, in_days(&app, -1));
        let r = app.api(Method::POST, &path("afspreken"), t, Some(&past)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["invalidParams"][0]["name"], "due");
        let ok = format!(r#"{{"action":"Uitleg op de website","owner":"Team Belastingen","due":"{}"}}"#, in_days(&app, 30));
        let r = app.api(Method::POST, &path("afspreken"), t, Some(&ok)).await;
        assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("agreed")));

        // Linking a complaint is staff work (the case's rules); the API shows the result.
        let (case, _) = case_of(&app, "Belastingen", "Ik begrijp de afwijzing van kwijtschelding niet.").await;
        let r = app.api(Method::POST, &path("klachten"), t, Some(r#"{"reference":"KL-2026-000001"}"#)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "not offered to integrations");
        let lesson_id: Uuid = id.parse().unwrap();
        let ctx = Context::new(app.clock.now(), handler_actor());
        let link = Command::Learning(LearningCommand::LinkLesson { lesson_id, text: "Regels".into() });
        app.store.execute(case, |s| decide(s, link.clone(), &ctx)).await.unwrap();
        let r = app.api(Method::GET, &format!("/v1/leerpunten/{id}"), t, None).await;
        assert_eq!(r.json()["complaints"][0]["id"], case.to_string().as_str());
        assert_eq!(r.json()["complaints"][0]["reference"].as_str().unwrap().len(), "KL-2026-000001".len());

        let r = app.api(Method::POST, &path("burgers-geinformeerd"), t, Some(&format!(r#"{{"on":"{}","how":"Per brief"}}"#, today(&app)))).await;
        assert_eq!(r.json()["citizensTold"]["how"], "Per brief");
        let r = app.api(Method::POST, &path("uitvoeren"), t, Some(&format!(r#"{{"whatWasDone":"Tekst staat online","on":"{}"}}"#, today(&app)))).await;
        assert_eq!(r.json()["status"], "done");
        assert_eq!(r.json()["completion"]["whatWasDone"], "Tekst staat online");
        let r = app.api(Method::POST, &path("afwijzen"), t, Some(r#"{"reason":"Toch niet"}"#)).await;
        assert_eq!((r.status, r.json()["code"].as_str()), (StatusCode::CONFLICT, Some("lesson_finished")));
        let r = app.api(Method::POST, &path("opnieuw-voorstellen"), t, Some(r#"{"reason":"x"}"#)).await;
        assert_eq!(r.json()["code"], "lesson_not_rejected");

        let r = app.api(Method::GET, &format!("/v1/leerpunten/{id}"), t, None).await;
        let json = r.json();
        let kinds: Vec<&str> = json["history"].as_array().unwrap().iter().map(|h| h["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["lesson_proposed", "lesson_agreed", "lesson_case_linked", "lesson_citizens_told", "lesson_completed"]);
        let unknown = Uuid::now_v7();
        assert_eq!(app.api(Method::GET, &format!("/v1/leerpunten/{unknown}"), t, None).await.status, StatusCode::NOT_FOUND);
        let r = app.api(Method::POST, &format!("/v1/leerpunten/{unknown}/afwijzen"), t, Some(r#"{"reason":"x"}"#)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app.api(Method::POST, &path("afwijzen"), t, Some(r#"{"reden":"x"}"#)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown members");
    }

    async fn the_register_is_append_only_and_rebuilt_from_its_events(app) {
        let (case, _) = case_of(&app, "Parkeren", "Klacht").await;
        let lesson = record(&app, case, "Leerpunt", false).await;
        let ctx = Context::new(app.clock.now(), Actor::Staff { user_id: Uuid::from_u128(2), name: "Mila".into() });
        let direct = Uuid::now_v7();
        let propose = gehoord_domain::lesson::register::LessonCommand::Propose(Proposal {
            text: "Direct".into(),
            level: LessonLevel::Policy,
            learner: Learner::PolicyOwner,
            positive: false,
            department: None,
            case_id: None,
        });
        app.store
            .execute_lesson(direct, |s| gehoord_domain::lesson::register::decide(s, propose.clone(), &ctx))
            .await
            .unwrap();
        let link = Command::Learning(LearningCommand::LinkLesson { lesson_id: direct, text: "Direct".into() });
        app.store.execute(case, |s| decide(s, link.clone(), &ctx)).await.unwrap();
        let before = (app.store.lesson(lesson).await.unwrap(), app.store.lesson(direct).await.unwrap());
        let before_list = app.store.lessons(&LessonQuery { status: LessonStatusFilter::All, ..LessonQuery::default() }).await.unwrap();

        for sql in ["UPDATE lesson_events SET payload = '{}'", "DELETE FROM lesson_events"] {
            assert!(raw(&app.store, sql).await.is_err(), "{sql}");
        }
        raw(&app.store, "DELETE FROM lesson_cases").await.unwrap();
        raw(&app.store, "DELETE FROM lessons").await.unwrap();
        assert!(app.store.lesson(lesson).await.unwrap().is_none());
        assert_eq!(app.store.rebuild_lessons().await.unwrap(), 2);
        assert_eq!((app.store.lesson(lesson).await.unwrap(), app.store.lesson(direct).await.unwrap()), before);
        let after_list = app.store.lessons(&LessonQuery { status: LessonStatusFilter::All, ..LessonQuery::default() }).await.unwrap();
        assert_eq!(after_list, before_list);
        assert_eq!(app.store.lessons_of_case(case).await.unwrap().len(), 2);
    }

    async fn a_manager_with_a_department_opens_the_register_and_insight_on_it_and_may_choose_all(app) {
        let (parking, _) = case_of(&app, "Parkeren", "Klacht over parkeren").await;
        let (waste, _) = case_of(&app, "Afval", "Klacht over afval").await;
        // The older lesson gets an action that will be overdue.
        let late = record(&app, parking, "Bebording bij de garage is onduidelijk", false).await;
        app.clock.set(app.clock.now() + SignedDuration::from_mins(5));
        record(&app, parking, "Parkeerautomaat geeft geen bon", false).await;
        record(&app, waste, "Containers worden te laat geleegd", false).await;
        let first = app.logged_in("mila", Role::Manager).await;
        first.get(&format!("/leerpunten/{late}")).await;
        post_ok(
            &first,
            &format!("/leerpunten/{late}/afspreken"),
            &[("action", "Borden vervangen"), ("owner", "Team Parkeren"), ("due", &dutch(in_days(&app, 1)))],
            &format!("/leerpunten/{late}"),
        )
        .await;
        // Without a department of their own: every department, newest first.
        let list = first.get("/leerpunten").await;
        assert!(list.body.contains("Containers worden te laat geleegd") && !list.body.contains("id=\"own-department\""));
        assert!(list.body.find("Parkeerautomaat").unwrap() < list.body.find("Bebording").unwrap(), "newest first");

        // Two days on the action is overdue; an administrator gave Mila a department.
        app.clock.set(app.clock.now() + SignedDuration::from_hours(48));
        let manager = app.logged_in("mila2", Role::Manager).await;
        let user = app.store.set_user_department("MILA2", Some(" Parkeren ")).await.unwrap();
        assert_eq!(user.department.as_deref(), Some("Parkeren"), "trimmed, found by username in any case");
        assert!(matches!(app.store.set_user_department("niemand", Some("Afval")).await, Err(StoreError::NotFound)));

        let list = manager.get("/leerpunten").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("id=\"own-department\"") && list.body.contains("<strong>Parkeren</strong>"), "says whose list it is");
        assert!(list.body.contains("href=\"/leerpunten?afdeling=alle\" id=\"all-departments\""), "a visible way to all departments");
        assert!(list.body.contains("<option value=\"Parkeren\" selected>"), "the filter shows the choice");
        assert!(!list.body.contains("Containers"), "only the own department");
        assert!(list.body.contains("2 leerpunten"));
        let (overdue, newer) = (list.body.find("Bebording").unwrap(), list.body.find("Parkeerautomaat").unwrap());
        assert!(overdue < newer, "the overdue action first");
        assert!(list.body[overdue..newer].contains("Te laat"), "and marked");
        assert!(list.body.contains("id=\"overdue-link\""));

        let all = manager.get("/leerpunten?afdeling=alle").await;
        assert!(all.body.contains("Containers worden te laat geleegd") && all.body.contains("3 leerpunten"));
        assert!(all.body.contains("<option value=\"alle\" selected>") && all.body.contains("id=\"own-department-link\""));
        assert!(!all.body.contains("id=\"own-department\""));
        let other = manager.get("/leerpunten?afdeling=Afval").await;
        assert!(other.body.contains("Containers") && !other.body.contains("Bebording"), "another department by choice");
        let export = manager.get("/leerpunten?formaat=csv").await;
        assert!(export.body.contains("Bebording") && !export.body.contains("Containers"), "the export of what is shown");

        // A handler with a department keeps the whole register.
        let handler = app.logged_in("hanna", Role::Handler).await;
        app.store.set_user_department("hanna", Some("Parkeren")).await.unwrap();
        assert!(handler.get("/leerpunten").await.body.contains("Containers"));

        // Insight opens on the department too, and keeps the period for "all".
        let insight = manager.get("/inzicht").await;
        assert_eq!(insight.status, StatusCode::OK);
        assert!(insight.body.contains("id=\"own-department\"") && insight.body.contains("<option value=\"Parkeren\" selected>"));
        let everything = manager.get("/inzicht?van=01-01-2026&afdeling=alle").await;
        assert!(everything.body.contains("<option value=\"alle\" selected>") && !everything.body.contains("id=\"own-department\""));
        let chosen = manager.get("/inzicht?afdeling=Afval").await;
        assert!(chosen.body.contains("<option value=\"Afval\" selected>") && !chosen.body.contains("id=\"own-department\""));
        let link = insight.body.split("id=\"all-departments\"").next().unwrap().rsplit("href=\"").next().unwrap().to_owned();
        assert!(link.starts_with("/inzicht?van=") && link.contains("afdeling=alle"), "{link}");
    }

    async fn verify_walks_the_lesson_chains_and_names_a_changed_inserted_or_removed_event(app) {
        let store = &app.store;
        let (case, _) = case_of(&app, "Parkeren", "De brief over mijn vergunning snap ik niet.").await;
        let (again, _) = case_of(&app, "Parkeren", "Ook ik snap de brief niet.").await;
        let lesson = record(&app, case, "Brieven over vergunningen zijn te moeilijk", false).await;
        let other = record(&app, case, "Uitleg aan de telefoon was goed", true).await;
        let ctx = Context::new(app.clock.now(), handler_actor());
        let link = Command::Learning(LearningCommand::LinkLesson { lesson_id: lesson, text: "Brieven".into() });
        store.execute(again, |s| decide(s, link.clone(), &ctx)).await.unwrap();
        let report = store.verify().await.unwrap();
        assert!(report.is_intact(), "an untouched register verifies clean: {report:?}");
        assert_eq!((report.lessons, report.lesson_events), (2, 3));
        assert_eq!((report.cases, report.events), (2, 7), "the case chains are walked as before");

        let (update, delete) = match store {
            Store::Sqlite(_) => ("DROP TRIGGER lesson_events_refuse_update", "DROP TRIGGER lesson_events_refuse_delete"),
            Store::Postgres(_) => ("ALTER TABLE lesson_events DISABLE TRIGGER USER", "SELECT 1"),
        };
        raw(store, update).await.unwrap();
        raw(store, delete).await.unwrap();
        let of = |id: Uuid| match store {
            Store::Sqlite(_) => format!("X'{}'", id.simple()),
            Store::Postgres(_) => format!("'{id}'"),
        };

        // A changed event: the hash no longer covers the content.
        let edit = |from: &str, to: &str| {
            format!("UPDATE lesson_events SET payload = replace(payload, '{from}', '{to}') WHERE seq = 1 AND lesson_id = {}", of(lesson))
        };
        assert_eq!(raw(store, &edit("te moeilijk", "duidelijk")).await.unwrap(), 1);
        let report = store.verify().await.unwrap();
        assert!(report.first_broken.is_none(), "the cases are untouched: {report:?}");
        let broken = report.first_broken_lesson.expect("a changed lesson event must be found");
        assert_eq!((broken.lesson_id, broken.seq), (lesson, 1));
        assert!(broken.reason.contains("changed"), "{}", broken.reason);
        raw(store, &edit("duidelijk", "te moeilijk")).await.unwrap();
        assert!(store.verify().await.unwrap().is_intact(), "restored");

        // An inserted event after the last one, with a made-up hash.
        let last_hash = store.lesson_events(lesson).await.unwrap().last().unwrap().hash.clone();
        raw(store, &format!(
            "INSERT INTO lesson_events (lesson_id, seq, event_type, event_version, recorded_at, actor, payload, prev_hash, hash) \
             VALUES ({}, 3, 'lesson_citizens_told', 1, 0, '{{\"kind\":\"system\"}}', '{{}}', '{last_hash}', '{}')",
            of(lesson),
            "0".repeat(64)
        )).await.unwrap();
        let broken = store.verify().await.unwrap().first_broken_lesson.expect("an inserted event must be found");
        assert_eq!((broken.lesson_id, broken.seq), (lesson, 3));
        assert!(broken.reason.contains("changed"), "{}", broken.reason);
        raw(store, &format!("DELETE FROM lesson_events WHERE seq = 3 AND lesson_id = {}", of(lesson))).await.unwrap();
        assert!(store.verify().await.unwrap().is_intact(), "removed again");

        // A lesson whose whole history was removed, its record left.
        raw(store, &format!("DELETE FROM lesson_events WHERE lesson_id = {}", of(other))).await.unwrap();
        let broken = store.verify().await.unwrap().first_broken_lesson.expect("a record without events must be found");
        assert_eq!((broken.lesson_id, broken.seq), (other, 0));
        assert!(broken.reason.contains("none exist"), "{}", broken.reason);
        raw(store, &format!("DELETE FROM lessons WHERE id = {}", of(other))).await.unwrap();

        // A removed last event: the record knows more events than exist.
        raw(store, &format!("DELETE FROM lesson_events WHERE seq = 2 AND lesson_id = {}", of(lesson))).await.unwrap();
        let report = store.verify().await.unwrap();
        let broken = report.first_broken_lesson.expect("a removed event must be found");
        assert_eq!((broken.lesson_id, broken.seq), (lesson, 1));
        assert!(broken.reason.contains("knows 2 events but 1 exist"), "{}", broken.reason);
        assert_eq!(report.lesson_events, 1);
    }
}

/// Runs a statement that the application never would (tampering, or
/// clearing a projection).
async fn raw(store: &Store, sql: &str) -> Result<u64, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match store {
        Store::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(|r| r.rows_affected()),
        Store::Postgres(p) => sqlx::raw_sql(sql).execute(p).await.map(|r| r.rows_affected()),
    }
}

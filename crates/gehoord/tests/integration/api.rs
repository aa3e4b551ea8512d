//! The `/v1` API over in-process HTTP on both databases, and the API design
//! rules checked against the generated OpenAPI document.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::both_dbs;

fn assert_problem(r: &crate::harness::TestResponse, status: StatusCode, code: &str) -> Value {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert_eq!(r.header("api-version"), Some("1.0.0"));
    let p = r.json();
    assert_eq!(p["status"], status.as_u16());
    assert_eq!(p["code"], code, "{p}");
    assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(p["detail"].as_str().is_some_and(|t| !t.is_empty()));
    p
}

both_dbs! {
    async fn submitting_answers_201_with_location_and_reference(app) {
        let body = json!({
            "description": "De lantaarnpaal in mijn straat is al weken kapot.",
            "complainant": {"name": "Els Visser", "email": "els@example.nl", "contactPreference": "email"},
            "conductDate": "2026-01-15",
            "department": "Openbare Ruimte"
        });
        let r = app.api(Method::POST, "/v1/klachten", None, Some(&body.to_string())).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.header("api-version"), Some("1.0.0"));
        let created = r.json();
        let id = created["id"].as_str().unwrap();
        assert_eq!(r.location(), format!("/v1/klachten/{id}"));
        assert!(created["reference"].as_str().unwrap().starts_with("KL-"));

        let token = app.api_token().await;
        let one = app.api(Method::GET, r.location(), Some(&token), None).await;
        assert_eq!(one.status, StatusCode::OK, "{}", one.body);
        let c = one.json();
        assert_eq!(c["reference"], created["reference"]);
        assert_eq!(c["channel"], "api");
        assert_eq!(c["phase"], "intake");
        assert_eq!(c["status"], "open");
        assert_eq!(c["ladderStep"], 2);
        assert_eq!(c["formal"], false, "no address, so not formal under Awb 9:4");
        assert_eq!(c["conductDate"], "2026-01-15");
        assert_eq!(c["complainant"]["email"], "els@example.nl");
        assert_eq!(c["department"], "Openbare Ruimte");
        assert_eq!(c["timeline"][0]["type"], "complaint_received");
        assert!(c["firstContactDue"].as_str().is_some_and(|d| d.len() == 10), "{c}");
        assert_eq!(c["firstContactDone"], false);
        assert_eq!(c["commitments"], json!([]));
        assert_eq!(c["timeline"][0]["actor"], "Burger");
    }

    async fn an_integration_may_pass_on_other_channels(app) {
        let token = app.api_token().await;
        let body = json!({"description": "Telefonisch gemeld", "channel": "phone"}).to_string();
        let anonymous = app.api(Method::POST, "/v1/klachten", None, Some(&body)).await;
        let p = assert_problem(&anonymous, StatusCode::BAD_REQUEST, "invalid");
        assert_eq!(p["invalidParams"][0]["name"], "channel");
        let r = app.api(Method::POST, "/v1/klachten", Some(&token), Some(&body)).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let c = app.api(Method::GET, r.location(), Some(&token), None).await.json();
        assert_eq!(c["channel"], "phone");
        assert_eq!(c["timeline"][0]["actor"], "Koppeling Test-koppeling");
        let wrong = app.api(Method::POST, "/v1/klachten", Some("gh_api_nope"), Some(&body)).await;
        assert_problem(&wrong, StatusCode::UNAUTHORIZED, "unauthorized");
        assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));
    }

    async fn invalid_input_gets_problem_json_and_writes_nothing(app) {
        let post = |body: &'static str| app.api(Method::POST, "/v1/klachten", None, Some(body));
        let p = assert_problem(&post(r#"{"description": "  "}"#).await, StatusCode::BAD_REQUEST, "invalid");
        assert_eq!(p["invalidParams"][0]["name"], "description");
        assert!(p["invalidParams"][0]["reason"].as_str().unwrap().contains("Beschrijf"));
        assert_problem(&post("{}").await, StatusCode::BAD_REQUEST, "invalid");
        assert_problem(&post(r#"{"description": "x", "complainant": {"email": "nee"}}"#).await, StatusCode::BAD_REQUEST, "invalid");
        assert_problem(&post(r#"{"description": "x""#).await, StatusCode::BAD_REQUEST, "malformed_json");
        assert_problem(&post(r#"{"description": "x", "priority": 1}"#).await, StatusCode::BAD_REQUEST, "invalid_json");
        assert_problem(&post(r#"{"description": 5}"#).await, StatusCode::BAD_REQUEST, "invalid_json");
        assert_problem(&post(r#"{"description": "x", "channel": "fax"}"#).await, StatusCode::BAD_REQUEST, "invalid_json");
        assert_problem(&post(r#"{"description": "x", "conductDate": "15-01-2026"}"#).await, StatusCode::BAD_REQUEST, "invalid_json");

        let form = axum::http::Request::post("/v1/klachten")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("description=x"))
            .unwrap();
        assert_problem(&app.send(form).await, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
        let huge = json!({"description": "a".repeat(3 * 1024 * 1024)}).to_string();
        let r = app.api(Method::POST, "/v1/klachten", None, Some(&huge)).await;
        assert_problem(&r, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
        assert_eq!(app.counts().await, (0, 0));
    }

    async fn reading_needs_a_token(app) {
        let r = app.api(Method::GET, "/v1/klachten", None, None).await;
        assert_problem(&r, StatusCode::UNAUTHORIZED, "unauthorized");
        let token = app.api_token().await;
        let missing = app.api(Method::GET, &format!("/v1/klachten/{}", uuid::Uuid::now_v7()), Some(&token), None).await;
        assert_problem(&missing, StatusCode::NOT_FOUND, "not_found");
        let nonsense = app.api(Method::GET, "/v1/klachten/abc", Some(&token), None).await;
        assert_problem(&nonsense, StatusCode::NOT_FOUND, "not_found");
        assert_problem(&app.api(Method::GET, "/v1/bestaat-niet", None, None).await, StatusCode::NOT_FOUND, "not_found");
    }

    async fn listing_pages_and_filters(app) {
        for i in 0..5 {
            let body = json!({"description": format!("Klacht {i}")}).to_string();
            assert_eq!(app.api(Method::POST, "/v1/klachten", None, Some(&body)).await.status, StatusCode::CREATED);
        }
        let token = app.api_token().await;
        let page = app.api(Method::GET, "/v1/klachten?page=2&pageSize=2", Some(&token), None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let list = page.json();
        assert_eq!(list["total"], 5);
        assert_eq!(list["totalIsExact"], true);
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
        assert_eq!(list["items"][0]["summary"], "Klacht 2");
        assert_eq!(list["links"]["next"], "/v1/klachten?page=3&pageSize=2");
        assert_eq!(list["links"]["prev"], "/v1/klachten?page=1&pageSize=2");
        let unassigned = app.api(Method::GET, "/v1/klachten?unassigned=true&channel=api&phase=intake&status=all", Some(&token), None).await.json();
        assert_eq!(unassigned["total"], 5);
        let closed = app.api(Method::GET, "/v1/klachten?status=closed", Some(&token), None).await.json();
        assert_eq!(closed["total"], 0);
        let late = app.api(Method::GET, "/v1/klachten?needsAttention=true", Some(&token), None).await.json();
        assert_eq!(late["total"], 0, "nothing is overdue on the day of receipt");
        let bad_flag = app.api(Method::GET, "/v1/klachten?needsAttention=ja", Some(&token), None).await;
        assert_eq!(assert_problem(&bad_flag, StatusCode::BAD_REQUEST, "invalid")["invalidParams"][0]["name"], "needsAttention");

        let bad = app.api(Method::GET, "/v1/klachten?page=0&pageSize=1000&status=half&handlerId=x", Some(&token), None).await;
        let p = assert_problem(&bad, StatusCode::BAD_REQUEST, "invalid");
        let names: Vec<&str> = p["invalidParams"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["page", "pageSize", "status", "handlerId"]);
        let unknown = app.api(Method::GET, "/v1/klachten?sort=desc", Some(&token), None).await;
        assert_problem(&unknown, StatusCode::BAD_REQUEST, "invalid_query");
    }

    async fn a_complaint_shows_its_terms_and_formal_handling(app) {
        use gehoord_domain::{
            Actor, Command, Context, decide,
            formal::{FormalCommand, HearingPlan},
            hearing::{HearingReport, HearingSetting, Participant, ParticipantRole},
            judgment::{Judgment, Verdict},
            norm::Norm,
        };
        use jiff::civil::date;
        // Received Monday 23 February 2026: 6 weeks end on Easter Monday, so Tuesday 7 April.
        app.clock.set("2026-02-23T09:00:00Z".parse().unwrap());
        let body = json!({
            "description": "Mijn melding over de kapotte stoep is kwijtgeraakt.",
            "complainant": {"name": "Els Visser", "address": "Kerkstraat 1, Teststad"}
        });
        let r = app.api(Method::POST, "/v1/klachten", None, Some(&body.to_string())).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let location = r.location().to_owned();
        let id: uuid::Uuid = r.json()["id"].as_str().unwrap().parse().unwrap();
        let token = app.api_token().await;

        let c = app.api(Method::GET, &location, Some(&token), None).await.json();
        assert_eq!(c["decisionDue"], "2026-04-07", "{c}");
        assert_eq!(c["deadlines"]["decision"]["date"], "2026-04-07");
        assert_eq!(c["deadlines"]["decision"]["urgency"], "on_track");
        assert!(c["deadlines"]["decision"]["explanation"].as_str().unwrap().contains("Tweede Paasdag"), "{c}");
        assert_eq!(c["deadlines"]["notHandlingNotice"]["date"], "2026-03-23");
        assert_eq!(c["formalHandling"], Value::Null, "nothing formal recorded yet");

        // Staff handle formally in the case page; here straight through the store.
        app.clock.set("2026-03-02T10:00:00Z".parse().unwrap());
        let hanna = Actor::Staff { user_id: uuid::Uuid::now_v7(), name: "Hanna de Boer".into() };
        let store = &app.store;
        let run = |command: FormalCommand| {
            let ctx = Context::new(app.clock.now(), hanna.clone());
            async move { store.execute(id, |s| decide(s, Command::Formal(command.clone()), &ctx)).await.unwrap() }
        };
        run(FormalCommand::Start { reason: "Geen oplossing gevonden".into(), signed: true }).await;
        run(FormalCommand::Postpone { weeks: 3, reason: "Getuige afwezig".into(), complainant_notified_on: date(2026, 3, 2), respondent_notified: false }).await;
        let hearing = uuid::Uuid::now_v7();
        run(FormalCommand::PlanHearing(HearingPlan {
            id: hearing,
            at: "2026-03-02T09:00:00Z".parse().unwrap(),
            place: "Gemeentehuis, kamer 2".into(),
            setting: HearingSetting::Separately,
            participants: vec![Participant { role: ParticipantRole::Complainant, name: "Els Visser".into() }],
            round: 1,
            by_committee: false,
            third_party_consent: false,
        })).await;
        run(FormalCommand::RecordHearingReport { id: hearing, report: HearingReport { held_on: date(2026, 3, 2), text: "Mevrouw Visser vertelde".into(), accounts_differ: false } }).await;
        let part = uuid::Uuid::now_v7();
        run(FormalCommand::AddPart { id: part, description: "Melding kwijt".into() }).await;
        run(FormalCommand::JudgePart { id: part, judgment: Judgment { verdict: Verdict::WellFounded, facts_established: true, lawfulness_tested: false, norms: vec![Norm::Organisation], motivation: "Niet geregistreerd".into(), apology: Some("Excuses".into()), compensation: None } }).await;

        let c = app.api(Method::GET, &location, Some(&token), None).await.json();
        // 6 weeks unextended end on Monday 6 April, + 3 weeks: Monday 27 April (King's Day), so Tuesday 28 April.
        assert_eq!(c["decisionDue"], "2026-04-28", "{c}");
        let decision = &c["deadlines"]["decision"];
        assert_eq!(decision["date"], "2026-04-28");
        assert!(decision["explanation"].as_str().unwrap().contains("verdaagd"), "{decision}");
        assert_eq!(decision["urgency"], "on_track");
        let f = &c["formalHandling"];
        assert!(f["startedAt"].as_str().is_some_and(|t| t.starts_with("2026-03-02T10:00:00")), "{f}");
        assert_eq!(f["startReason"], "Geen oplossing gevonden");
        assert_eq!(f["formal"], true, "name and address, submitted through the API");
        assert_eq!(f["committee"], Value::Null);
        assert_eq!(f["postponement"], json!({"weeks": 3, "reason": "Getuige afwezig", "complainantNotifiedOn": "2026-03-02", "respondentNotified": false}));
        assert_eq!(f["consents"], json!([]));
        assert_eq!(f["notHandling"], Value::Null);
        assert_eq!(f["hearings"][0]["setting"], "separately");
        assert_eq!(f["hearings"][0]["participants"], json!([{"role": "complainant", "name": "Els Visser"}]));
        assert_eq!(f["hearings"][0]["report"]["heldOn"], "2026-03-02");
        assert_eq!(f["hearingWaiver"], Value::Null);
        assert_eq!(f["parts"][0]["id"], part.to_string());
        let judgment = &f["parts"][0]["judgment"];
        assert_eq!(judgment["verdict"], "well_founded");
        assert_eq!(judgment["norms"], json!(["organisation"]));
        assert_eq!(judgment["factsEstablished"], true);
        assert_eq!(judgment["apology"], "Excuses");
        assert_eq!(f["findings"], Value::Null);
        assert_eq!(f["ombudsman"], Value::Null);

        let list = app.api(Method::GET, "/v1/klachten", Some(&token), None).await.json();
        assert_eq!(list["items"][0]["decisionDue"], "2026-04-28");

        // The day after the deadline the term is overdue.
        app.clock.set("2026-04-29T10:00:00Z".parse().unwrap());
        let c = app.api(Method::GET, &location, Some(&token), None).await.json();
        assert_eq!(c["deadlines"]["decision"]["urgency"], "overdue");
    }

    async fn evidence_is_listed_and_downloaded_only_through_its_own_complaint(app) {
        use gehoord_domain::{Actor, Command, Context, decide, evidence::{AudioRecording, Evidence, EvidenceSource}};
        use gehoord_store::NewAttachment;
        use sha2::Digest as _;
        let token = app.api_token().await;
        let (id, location) = submit(&app, "Mijn brief is niet beantwoord.", "els@example.nl").await;
        let (other, other_location) = submit(&app, "Een andere klacht.", "piet@example.nl").await;

        // Staff add files in the case page; here straight through the store.
        let hanna = Actor::Staff { user_id: uuid::Uuid::now_v7(), name: "Hanna de Boer".into() };
        let add = |content: &'static [u8], media_type: &'static str, file_name: &'static str, audio: Option<AudioRecording>| {
            let ctx = Context::new(app.clock.now(), hanna.clone());
            let sha256 = hex::encode(sha2::Sha256::digest(content));
            let file = NewAttachment { id: uuid::Uuid::now_v7(), sha256: sha256.clone(), media_type: media_type.into(), content: content.to_vec() };
            let evidence = Evidence {
                id: file.id,
                file_name: file_name.into(),
                media_type: media_type.into(),
                size: content.len() as u64,
                sha256,
                description: "Brief van 3 maart".into(),
                source: EvidenceSource::Complainant,
                audio,
            };
            let store = &app.store;
            async move {
                store.execute_with_file(id, &file, |s| decide(s, Command::AddEvidence(evidence.clone()), &ctx)).await.unwrap();
                file
            }
        };
        let letter = add(b"%PDF-1.7 brief van de gemeente", "application/pdf", "Brief \"gemeente\" 3 maart\u{e9}.pdf", None).await;
        let recording = AudioRecording { announced: true, respondent_told_on: None, respondent_could_listen: false };
        let call = add(b"ID3\x04\x00\x00\x00\x00\x00\x00 gesprek", "audio/mpeg", "gesprek.mp3", Some(recording)).await;

        let c = app.api(Method::GET, &location, Some(&token), None).await.json();
        let evidence = c["evidence"].as_array().unwrap();
        assert_eq!(evidence.len(), 2, "{c}");
        assert_eq!(evidence[0], json!({
            "id": letter.id.to_string(),
            "fileName": "Brief \"gemeente\" 3 maart\u{e9}.pdf",
            "mediaType": "application/pdf",
            "size": 30,
            "sha256": letter.sha256,
            "description": "Brief van 3 maart",
            "source": "complainant",
            "audio": null,
            "href": format!("/v1/klachten/{id}/bewijs/{}", letter.id),
        }));
        assert_eq!(evidence[1]["mediaType"], "audio/mpeg");
        assert_eq!(evidence[1]["audio"], json!({"announced": true, "respondentToldOn": null, "respondentCouldListen": false}));
        let other_detail = app.api(Method::GET, &other_location, Some(&token), None).await.json();
        assert_eq!(other_detail["evidence"], json!([]));

        let href = evidence[0]["href"].as_str().unwrap();
        let r = app.api(Method::GET, href, Some(&token), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body.as_bytes(), b"%PDF-1.7 brief van de gemeente");
        assert_eq!(r.header("content-type"), Some("application/pdf"));
        assert_eq!(r.header("content-disposition"), Some("attachment; filename=\"Brief__gemeente__3_maart_.pdf\""));
        assert_eq!(r.header("x-content-sha256"), Some(letter.sha256.as_str()));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("api-version"), Some("1.0.0"));
        let r = app.api(Method::GET, evidence[1]["href"].as_str().unwrap(), Some(&token), None).await;
        assert_eq!((r.status, r.header("content-type")), (StatusCode::OK, Some("audio/mpeg")));
        assert_eq!(r.header("x-content-sha256"), Some(call.sha256.as_str()));

        assert_problem(&app.api(Method::GET, href, None, None).await, StatusCode::UNAUTHORIZED, "unauthorized");
        let unknown = format!("/v1/klachten/{id}/bewijs/{}", uuid::Uuid::now_v7());
        assert_problem(&app.api(Method::GET, &unknown, Some(&token), None).await, StatusCode::NOT_FOUND, "not_found");
        let elsewhere = format!("/v1/klachten/{other}/bewijs/{}", letter.id);
        assert_problem(&app.api(Method::GET, &elsewhere, Some(&token), None).await, StatusCode::NOT_FOUND, "not_found");
        let no_case = format!("/v1/klachten/{}/bewijs/{}", uuid::Uuid::now_v7(), letter.id);
        assert_problem(&app.api(Method::GET, &no_case, Some(&token), None).await, StatusCode::NOT_FOUND, "not_found");
        let nonsense = format!("/v1/klachten/{id}/bewijs/brief.pdf");
        assert_problem(&app.api(Method::GET, &nonsense, Some(&token), None).await, StatusCode::NOT_FOUND, "not_found");
    }

    async fn a_conduct_protocol_shows_on_every_complaint_of_the_person(app) {
        use gehoord_domain::{Actor, Command, Context, decide, conduct::{ConductProtocol, ContactLimit, ProtocolReview}};
        let token = app.api_token().await;
        let (first, first_location) = submit(&app, "Eerste klacht", "karel@example.nl").await;
        let (stranger, stranger_location) = submit(&app, "Van iemand anders", "iemand@example.nl").await;
        let c = app.api(Method::GET, &first_location, Some(&token), None).await.json();
        assert_eq!(c["conductProtocols"], json!([]));
        assert_eq!(c["conductClosure"], Value::Null);

        let hanna = Actor::Staff { user_id: uuid::Uuid::now_v7(), name: "Hanna de Boer".into() };
        let ctx = Context::new(app.clock.now(), hanna);
        let today = gehoord_domain::time::date_in_amsterdam(app.clock.now());
        let review_on = today.checked_add(jiff::Span::new().months(6)).unwrap();
        let next_review_on = today.checked_add(jiff::Span::new().months(9)).unwrap();
        let protocol = ConductProtocol {
            id: uuid::Uuid::now_v7(),
            limits: vec![ContactLimit::WrittenOnly, ContactLimit::FixedContactPerson],
            other_limit: Some("Geen bezoek aan de balie".into()),
            behaviour: "Dagelijks meerdere boze telefoontjes".into(),
            reason: "Het team kan anderen niet meer helpen".into(),
            agreements_tried: "Wekelijks belmoment afgesproken".into(),
            contact_continues: "Schrijf ons; wij antwoorden binnen twee weken".into(),
            from: today,
            review_on,
        };
        app.store.execute(first, |s| decide(s, Command::ImposeConductProtocol(protocol.clone()), &ctx)).await.unwrap();
        let review = ProtocolReview { on: today, note: "Nog nodig".into(), next_review_on: Some(next_review_on) };
        app.store.execute(first, |s| decide(s, Command::ReviewConductProtocol { id: protocol.id, review: review.clone() }, &ctx)).await.unwrap();

        // A new complaint of the same person, with the e-mail address written differently.
        let (second, second_location) = submit(&app, "Tweede klacht", "Karel@Example.nl").await;
        let c = app.api(Method::GET, &second_location, Some(&token), None).await.json();
        let protocols = c["conductProtocols"].as_array().unwrap();
        assert_eq!(protocols.len(), 1, "{c}");
        let first_reference = app.api(Method::GET, &first_location, Some(&token), None).await.json()["reference"].clone();
        assert_eq!(protocols[0], json!({
            "id": protocol.id.to_string(),
            "imposedOnComplaint": {"id": first.to_string(), "reference": first_reference},
            "limits": ["written_only", "fixed_contact_person"],
            "otherLimit": "Geen bezoek aan de balie",
            "behaviour": "Dagelijks meerdere boze telefoontjes",
            "reason": "Het team kan anderen niet meer helpen",
            "agreementsTried": "Wekelijks belmoment afgesproken",
            "contactContinues": "Schrijf ons; wij antwoorden binnen twee weken",
            "from": today.to_string(),
            "reviewOn": next_review_on.to_string(),
            "reviews": [{"on": today.to_string(), "note": "Nog nodig", "nextReviewOn": next_review_on.to_string()}],
            "active": true,
        }));
        let on_first = app.api(Method::GET, &first_location, Some(&token), None).await.json();
        assert_eq!(on_first["conductProtocols"], c["conductProtocols"], "also on the complaint it was imposed on");
        let on_stranger = app.api(Method::GET, &stranger_location, Some(&token), None).await.json();
        assert_eq!(on_stranger["conductProtocols"], json!([]), "not on someone else's complaint ({stranger})");

        // Closing the second complaint for the protocol still names the ombudsman.
        let close = Command::CloseForConductProtocol {
            protocol_id: protocol.id,
            explanation: "Wij beantwoorden deze herhaalde vraag niet opnieuw".into(),
            no_lesson_reason: Some("Herhaalde vraag".into()),
        };
        app.store.execute(second, |s| decide(s, close.clone(), &ctx)).await.unwrap();
        let c = app.api(Method::GET, &second_location, Some(&token), None).await.json();
        assert_eq!(c["status"], "closed");
        let closure = &c["conductClosure"];
        assert_eq!(closure["protocolId"], protocol.id.to_string());
        assert_eq!(closure["explanation"], "Wij beantwoorden deze herhaalde vraag niet opnieuw");
        assert!(closure["ombudsman"].as_str().is_some_and(|o| !o.is_empty()), "{closure}");
        assert!(closure["ombudsmanTermUntil"].as_str().is_some_and(|d| d.len() == 10 && d > today.to_string().as_str()), "{closure}");

        // An ended protocol no longer shows.
        let end = ProtocolReview { on: today, note: "Contact gaat weer goed".into(), next_review_on: None };
        app.store.execute(first, |s| decide(s, Command::ReviewConductProtocol { id: protocol.id, review: end.clone() }, &ctx)).await.unwrap();
        let c = app.api(Method::GET, &second_location, Some(&token), None).await.json();
        assert_eq!(c["conductProtocols"], json!([]));
        assert_eq!(c["conductClosure"]["protocolId"], protocol.id.to_string(), "the closure stays as it was");
    }

    async fn the_22_norms_are_public(app) {
        let r = app.api(Method::GET, "/v1/normen", None, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.header("api-version"), Some("1.0.0"));
        let norms = r.json();
        let items = norms["items"].as_array().unwrap();
        assert_eq!(items.len(), 22);
        assert_eq!(items[0]["number"], 1);
        assert_eq!(items[0]["code"], "transparency");
        assert_eq!(items[0]["label"], "Transparant");
        assert_eq!(items[0]["coreValue"], json!({"code": "open_and_clear", "label": "Open en duidelijk"}));
        assert!(items[0]["explanation"].as_str().is_some_and(|e| e.ends_with('.')));
        assert_eq!(items[21]["number"], 22);
        assert_eq!(items[21]["code"], "professionalism");
        let organisation = items.iter().find(|n| n["code"] == "organisation").unwrap();
        assert_eq!(organisation["coreValue"]["code"], "honest_and_reliable");
    }

    async fn the_openapi_document_is_public_and_follows_the_design_rules(app) {
        let r = app.api(Method::GET, "/v1/openapi.json", None, None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(r.header("api-version"), Some("1.0.0"));
        let spec = r.json();
        assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
        let paths = spec["paths"].as_object().unwrap();
        assert!(paths.contains_key("/v1/klachten") && paths.contains_key("/v1/klachten/{id}") && paths.contains_key("/v1/normen"));
        let file = &paths["/v1/klachten/{id}/bewijs/{evidenceId}"]["get"]["responses"]["200"];
        let media_types: Vec<&String> = file["content"].as_object().unwrap().keys().collect();
        assert_eq!(media_types.len(), gehoord_domain::evidence::ACCEPTED_MEDIA_TYPES.len(), "{file}");
        assert!(media_types.iter().all(|t| gehoord_domain::evidence::kind_of(t).is_some()), "{file}");
        assert!(file["headers"]["X-Content-SHA256"].is_object() && file["headers"]["Content-Disposition"].is_object(), "{file}");
        for (path, item) in paths {
            assert!(path.starts_with("/v1/"), "{path}");
            assert!(!path.ends_with('/'), "no trailing slash: {path}");
            for segment in path.split('/').skip(2) {
                let is_param = segment.starts_with('{') && segment.ends_with('}');
                let kebab = !segment.is_empty() && segment.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                assert!(is_param || kebab, "path segments are kebab-case: {path}");
            }
            for (method, op) in item.as_object().unwrap() {
                assert_camel_case(op["operationId"].as_str().unwrap(), &format!("{method} {path} operationId"));
                let responses = op["responses"].as_object().unwrap();
                for (status, response) in responses {
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(response["content"]["application/problem+json"].is_object(), "{method} {path} {status} must be problem+json");
                    }
                }
                for param in op["parameters"].as_array().into_iter().flatten() {
                    assert_camel_case(param["name"].as_str().unwrap(), &format!("{method} {path} parameter"));
                }
            }
        }
        let schemas = spec["components"]["schemas"].as_object().unwrap();
        assert!(schemas.contains_key("Problem"));
        for (name, schema) in schemas {
            for property in schema["properties"].as_object().into_iter().flatten().map(|(k, _)| k) {
                if property != "self" && property != "type" {
                    assert_camel_case(property, &format!("schema {name}"));
                }
            }
        }
        let bad_paging = app.api(Method::GET, "/v1/klachten?page=-1", None, None).await;
        assert_eq!(bad_paging.header("api-version"), Some("1.0.0"));
    }
}

/// Submits a complaint through the API with an e-mail address; its id and location.
async fn submit(app: &crate::harness::TestApp, description: &str, email: &str) -> (uuid::Uuid, String) {
    let body = json!({"description": description, "complainant": {"email": email}}).to_string();
    let r = app.api(Method::POST, "/v1/klachten", None, Some(&body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    (r.json()["id"].as_str().unwrap().parse().unwrap(), r.location().to_owned())
}

fn assert_camel_case(name: &str, context: &str) {
    let ok =
        name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_alphanumeric());
    assert!(ok, "{context}: {name:?} is not camelCase");
}

/// The published contract: `docs/openapi.json` is what the server serves.
/// A change to the API shows up in review as a change to that file; rewrite
/// it with `GEHOORD_UPDATE_SNAPSHOTS=1 scripts/test api::`.
#[test]
fn the_committed_openapi_document_matches_the_served_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let served = format!("{}\n", gehoord_web::openapi_json());
    if std::env::var_os("GEHOORD_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &served).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == served,
        "docs/openapi.json is out of date; rerun with GEHOORD_UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

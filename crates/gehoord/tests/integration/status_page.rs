//! The citizen's private status page over in-process HTTP, on both
//! databases: following the complaint by its link, adding information and a
//! file, answering the control question, unhappy feedback that asks to
//! reopen, the handler declining and then reopening, and links that are
//! revoked or replaced.

use axum::http::StatusCode;
use gehoord_domain::{
    Actor, CaseState, Command, Context, decide,
    formal::FormalCommand,
    not_handling::{NotHandling, NotHandlingGround},
    solution::{Solution, SolutionKind},
};
use uuid::Uuid;

use crate::{
    harness::{Client, TestApp, both_dbs},
    letters::complaint,
};

/// Runs a command as the handler "hanna", straight through the store.
async fn as_handler(app: &TestApp, id: Uuid, command: Command) {
    let hanna = app.store.users().await.unwrap().into_iter().find(|u| u.username == "hanna").unwrap();
    let ctx = Context::new(app.clock.now(), Actor::Staff { user_id: hanna.id, name: hanna.display_name.clone() })
        .with_rules(app.store.rules().await.unwrap());
    app.store.execute(id, |s| decide(s, command.clone(), &ctx)).await.unwrap();
}

async fn kinds(app: &TestApp, id: Uuid) -> Vec<String> {
    app.store.events(id).await.unwrap().iter().map(|e| e.event.payload.kind().to_owned()).collect()
}

fn not_handled(app: &TestApp) -> Command {
    Command::Formal(FormalCommand::NotHandle {
        decision: NotHandling {
            ground: NotHandlingGround::InsufficientInterest,
            motivation: "Het ging om één minuut wachten.".into(),
            personal_contact_made: true,
            notice_sent_on: gehoord_domain::time::date_in_amsterdam(app.clock.now()),
        },
        no_lesson_reason: Some("Geen".into()),
    })
}

async fn open_page<'a>(app: &'a TestApp, token: &str) -> (Client<'a>, String) {
    let citizen = app.client();
    let page = citizen.get(&format!("/mijn-klacht/{token}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (citizen, page.body)
}

both_dbs! {
    async fn the_citizen_follows_the_complaint_and_adds_information_and_a_file(app) {
        let (hanna, id) = complaint(&app, Some("fatima@example.nl")).await;
        let (_, token) = app.store.issue_status_link(id, app.clock.now()).await.unwrap();
        let citizen = app.client();
        let page = citizen.get(&format!("/mijn-klacht/{token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(page.header("cache-control"), Some("no-store"));
        assert!(page.body.contains(r#"aria-current="step">In gesprek"#), "{}", page.body);
        assert!(page.body.contains("Uw klachtbehandelaar is Hanna"), "{}", page.body);
        assert!(!page.body.contains("Is uw klacht opgelost?"), "no solution agreed yet");

        // Nothing to add is refused at the field, in Dutch.
        let path = format!("/mijn-klacht/{token}/informatie");
        let r = citizen.post_multipart_as(&path, &[("information", " ")], "file", ("", b"")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Schrijf wat u wilt toevoegen, of kies een bestand."), "{}", r.body);

        let r = citizen
            .post_multipart_as(&path, &[("information", "Ik vond nog een brief van u.")], "file", ("brief.pdf", b"%PDF-1.4 brief"))
            .await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/mijn-klacht/{token}?ontvangen=1").as_str()));
        let events = kinds(&app, id).await;
        assert!(events.ends_with(&["information_added".to_owned(), "evidence_added".to_owned()]), "{events:?}");
        let state = CaseState::from_events(app.store.events(id).await.unwrap().iter().map(|e| &e.event));
        let evidence = state.case().unwrap().evidence[0].clone();
        assert_eq!(app.store.attachment(id, evidence.id).await.unwrap().unwrap().content, b"%PDF-1.4 brief");
        let page = citizen.get(&format!("/mijn-klacht/{token}?ontvangen=1")).await;
        assert!(page.body.contains("Dank u wel. Wij hebben het ontvangen"), "{}", page.body);
        assert!(page.body.contains("Ik vond nog een brief van u."));
        let staff_page = hanna.get(&format!("/klachten/{id}")).await;
        assert!(staff_page.body.contains("Ik vond nog een brief van u."), "the handler sees it");

        // A letter sent to the complainant is on the page, as PDF; the respondent's are not.
        let state = CaseState::from_events(app.store.events(id).await.unwrap().iter().map(|e| &e.event));
        let sender = gehoord_domain::letter::Sender { organisation: "Gemeente Teststad".into(), name: "Hanna".into() };
        let mut letter = gehoord_domain::letter::draft(
            gehoord_domain::letter::LetterKind::Acknowledgement,
            state.case().unwrap(),
            &app.store.rules().await.unwrap(),
            &app.store.letter_texts().await.unwrap(),
            &sender,
            gehoord_domain::time::date_in_amsterdam(app.clock.now()),
        )
        .unwrap();
        letter.delivery = gehoord_domain::letter::Delivery::Email;
        let letter_id = Uuid::now_v7();
        as_handler(&app, id, Command::SendLetter { id: letter_id, letter: Box::new(letter), overrides: vec![], pdf_sha256: None }).await;
        let page = citizen.get(&format!("/mijn-klacht/{token}")).await;
        let href = format!("/mijn-klacht/{token}/brieven/{letter_id}.pdf");
        assert!(page.body.contains(&href), "{}", page.body);
        let pdf = citizen.get(&href).await;
        assert_eq!((pdf.status, pdf.header("content-type")), (StatusCode::OK, Some("application/pdf")));
        assert!(pdf.body.starts_with("%PDF-"));

        // A solution was agreed: the citizen answers the control question.
        as_handler(&app, id, Command::RecordSolution(Solution {
            kind: SolutionKind::Explanation,
            description: "Uitleg over de melding.".into(),
            reasoning: "Dat vroeg de klager.".into(),
            consulted: None,
            agreed: true,
        }))
        .await;
        let page = citizen.get(&format!("/mijn-klacht/{token}")).await;
        assert!(page.body.contains("Is uw klacht opgelost?"));
        let control = format!("/mijn-klacht/{token}/controlevraag");
        let r = citizen.post_form(&control, &[("satisfied", "ja")]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Kies ja of nee: is alles besproken wat u wilde?"), "{}", r.body);
        let r = citizen.post_form(&control, &[("satisfied", "ja"), ("allAddressed", "nee"), ("note", "De brief mist nog.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let state = CaseState::from_events(app.store.events(id).await.unwrap().iter().map(|e| &e.event));
        let answer = state.case().unwrap().control_answer.clone().unwrap();
        assert_eq!((answer.satisfied, answer.all_addressed, answer.how_asked.code()), (true, false, "online"));
    }

    async fn unhappy_feedback_asks_to_reopen_and_the_handler_answers(app) {
        let (hanna, id) = complaint(&app, None).await;
        let (_, token) = app.store.issue_status_link(id, app.clock.now()).await.unwrap();
        as_handler(&app, id, not_handled(&app)).await;
        let (citizen, page) = open_page(&app, &token).await;
        assert!(page.contains(r#"aria-current="step">Afgerond"#), "{page}");
        assert!(page.contains("Hoe vond u de afhandeling?"));
        let r = citizen
            .post_form(
                &format!("/mijn-klacht/{token}/terugkoppeling"),
                &[("handlingSatisfied", "nee"), ("feedback", "Niemand heeft naar mijn kant gevraagd."), ("mayContact", "ja")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(kinds(&app, id).await.ends_with(&["feedback_given".to_owned(), "reopen_requested".to_owned()]));
        let (_, page) = open_page(&app, &token).await;
        assert!(page.contains("U vroeg ons om opnieuw naar uw klacht te kijken."));
        assert!(!page.contains("Hoe vond u de afhandeling?"), "feedback once per closing");

        // The handler finds it in the inbox, though the case is closed.
        let waiting = hanna.get("/klachten?status=heropenverzoek").await;
        assert_eq!(waiting.status, StatusCode::OK);
        assert!(waiting.body.contains(&format!("/klachten/{id}")), "{}", waiting.body);
        assert!(waiting.body.contains("Klager vraagt om heropenen"));
        // The handler sees the request and declines it, with a reason.
        let case_page = hanna.get(&format!("/klachten/{id}")).await;
        assert!(case_page.body.contains("Niemand heeft naar mijn kant gevraagd."), "{}", case_page.body);
        let decline = format!("/klachten/{id}/heropenverzoek");
        let r = hanna.post_form(&decline, &[("declineExplanation", " ")]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = hanna.post_form(&decline, &[("declineExplanation", "Wij belden u op 3 maart; het blijft zo.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let waiting = hanna.get("/klachten?status=heropenverzoek").await;
        assert!(!waiting.body.contains(&format!("/klachten/{id}")), "answered: off the list");

        // The door stays open: the citizen asks again, and the case reopens.
        let r = citizen.post_form(&format!("/mijn-klacht/{token}/heropenen"), &[("reason", "Er is nieuw nieuws.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = hanna.post_form(&format!("/klachten/{id}/heropenen"), &[("reopenReason", "Verzoek van de klager")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let (_, page) = open_page(&app, &token).await;
        assert!(page.contains("Iets toevoegen"), "open again: the citizen can add information");
    }

    async fn a_link_can_be_revoked_and_replaced_and_a_wrong_link_shows_nothing(app) {
        let (hanna, id) = complaint(&app, None).await;
        let (link, token) = app.store.issue_status_link(id, app.clock.now()).await.unwrap();
        let citizen = app.client();
        for wrong in ["abc", &"0".repeat(64), &format!("{token}x")] {
            assert_eq!(citizen.get(&format!("/mijn-klacht/{wrong}")).await.status, StatusCode::NOT_FOUND, "{wrong}");
        }
        let r = hanna.post_form(&format!("/klachten/{id}/statuslink/{link}/intrekken"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(citizen.get(&format!("/mijn-klacht/{token}")).await.status, StatusCode::NOT_FOUND, "revoked");
        let r = citizen.post_form(&format!("/mijn-klacht/{token}/heropenen"), &[("reason", "x")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "a revoked link acts on nothing");

        let issued = hanna.post_form(&format!("/klachten/{id}/statuslink"), &[]).await;
        assert_eq!(issued.status, StatusCode::OK);
        let start = issued.body.find("/mijn-klacht/").unwrap();
        let path: String = issued.body[start..].chars().take_while(|c| *c != '<').collect();
        assert_eq!(citizen.get(&path).await.status, StatusCode::OK, "the new link works");
        let case_page = hanna.get(&format!("/klachten/{id}")).await;
        assert!(case_page.body.contains("ingetrokken op"), "{}", case_page.body);
        assert_eq!(citizen.get(&format!("{path}/brieven/{}.pdf", Uuid::now_v7())).await.status, StatusCode::NOT_FOUND);
    }

    async fn with_a_code_by_email_only_the_browser_that_entered_it_sees_the_page(app) {
        app.set_up_organisation().await;
        let (_, id) = complaint(&app, Some("fatima@example.nl")).await;
        let (_, token) = app.store.issue_status_link(id, app.clock.now()).await.unwrap();
        let admin = app.logged_in("ans", gehoord_domain::Role::Admin).await;
        let settings = admin.get("/beheer/instellingen").await;
        assert!(settings.body.contains("Vraag een code per e-mail"));
        let r = admin
            .post_form(
                "/beheer/instellingen",
                &[("firstContactWorkingDays", "3"), ("warningWorkingDays", "5"), ("ombudsman", "de Nationale ombudsman"), ("statusCode", "ja")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(app.store.status_code_required().await.unwrap());

        let citizen = app.client();
        let page = citizen.get(&format!("/mijn-klacht/{token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Code uit de e-mail"), "{}", page.body);
        assert!(!page.body.contains("Waar is uw klacht nu?"), "nothing of the complaint before the code");
        let r = citizen.post_form(&format!("/mijn-klacht/{token}/heropenen"), &[("reason", "x")]).await;
        assert_eq!(r.location(), format!("/mijn-klacht/{token}"), "no action without the code");

        let r = citizen.post_form(&format!("/mijn-klacht/{token}/code"), &[]).await;
        assert_eq!(r.location(), format!("/mijn-klacht/{token}?code=verstuurd"));
        let notices = app.store.due_notifications(app.clock.now(), 10).await.unwrap();
        let mail = notices.iter().find(|n| n.subject.starts_with("Uw code")).expect("the code by e-mail");
        assert_eq!(mail.recipient, "fatima@example.nl");
        let code: String = mail.body.trim_start_matches("Uw code is: ").chars().take(6).collect();
        assert!(code.chars().all(|c| c.is_ascii_digit()), "{}", mail.body);

        let wrong = if code == "000000" { "111111" } else { "000000" };
        let r = citizen.post_form(&format!("/mijn-klacht/{token}/toegang"), &[("code", wrong)]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Deze code klopt niet"), "{}", r.body);
        let r = citizen.post_form(&format!("/mijn-klacht/{token}/toegang"), &[("code", &code)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = citizen.get(&format!("/mijn-klacht/{token}")).await;
        assert!(page.body.contains("Waar is uw klacht nu?"), "this browser is let in");
        let r = citizen.post_form(&format!("/mijn-klacht/{token}/toegang"), &[("code", &code)]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "a code works once");
        let stranger = app.client();
        assert!(stranger.get(&format!("/mijn-klacht/{token}")).await.body.contains("Code uit de e-mail"), "another browser is not");

        // Five wrong tries and the code stops working, even the right one.
        let code = app.store.issue_status_code(&token, app.clock.now()).await.unwrap();
        for _ in 0..5 {
            assert_eq!(app.store.check_status_code(&token, "abc", app.clock.now()).await.unwrap(), None);
        }
        assert_eq!(app.store.check_status_code(&token, &code, app.clock.now()).await.unwrap(), None);
        // And a code expires after a quarter of an hour.
        let code = app.store.issue_status_code(&token, app.clock.now()).await.unwrap();
        let later = app.clock.now() + jiff::SignedDuration::from_mins(16);
        assert_eq!(app.store.check_status_code(&token, &code, later).await.unwrap(), None);
    }
}

//! Formal handling on the case page over in-process HTTP, on both
//! databases: the journey from starting formal handling to closing with a
//! judgment, the rules' refusals as Dutch messages beside the right field,
//! the Awb 9:8 refusal with the one-year suggestion, and step 3.

use axum::http::StatusCode;
use gehoord_domain::{Outcome, Phase, Role, judgment::Verdict, norm::Norm};
use jiff::civil::Date;
use uuid::Uuid;

use crate::harness::{Client, TestApp, TestResponse, both_dbs};

fn path(id: Uuid) -> String {
    format!("/klachten/{id}")
}

fn today(app: &TestApp) -> Date {
    gehoord_domain::time::date_in_amsterdam(app.clock.now())
}

fn dutch(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

/// A signed letter registered by staff, conduct on `conduct`; the handler
/// who registered it takes it.
async fn letter<'a>(app: &'a TestApp, conduct: Option<Date>) -> (Client<'a>, Uuid) {
    letter_received(app, conduct, 0).await
}

/// As [`letter`], received `days_ago` days before today.
async fn letter_received<'a>(app: &'a TestApp, conduct: Option<Date>, days_ago: i64) -> (Client<'a>, Uuid) {
    let handler = app.logged_in("hanna", Role::Handler).await;
    let received = today(app).checked_sub(jiff::Span::new().days(days_ago)).unwrap();
    handler.get("/klachten/registreren").await;
    let now = app.clock.now().to_zoned_datetime(gehoord_domain::time::amsterdam());
    let conduct = conduct.map(dutch).unwrap_or_default();
    let r = handler
        .post_form(
            "/klachten/registreren",
            &[
                ("channel", "letter"),
                ("receivedDate", &dutch(received)),
                ("receivedTime", &now.strftime("%H:%M").to_string()),
                ("description", "De buitendienst was onbeleefd en mijn melding over de lantaarnpaal is kwijt."),
                ("conductDate", &conduct),
                ("name", "Fatima El Amrani"),
                ("address", "Kerkstraat 4, 1234 AB Ergens"),
                ("contactPreference", "no_preference"),
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

async fn ok(client: &Client<'_>, id: Uuid, action: &str, fields: &[(&str, &str)], fragment: &str) {
    let r = client.post_form(&format!("{}/{action}", path(id)), fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", error_summary(&r));
    assert_eq!(r.location(), format!("{}#{fragment}", path(id)), "{action}");
}

async fn refused(client: &Client<'_>, id: Uuid, action: &str, fields: &[(&str, &str)]) -> TestResponse {
    let r = client.post_form(&format!("{}/{action}", path(id)), fields).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{action} should be refused");
    assert!(r.body.contains("id=\"error-summary\""), "{action}: an error summary");
    r
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

async fn part_ids(app: &TestApp, id: Uuid) -> Vec<String> {
    let view = app.store.case_view(id).await.unwrap().unwrap();
    view.detail.formal_handling.parts.iter().map(|p| p.id.to_string()).collect()
}

both_dbs! {
    async fn a_formal_complaint_is_heard_judged_per_part_postponed_and_closed(app) {
        let (hanna, id) = letter(&app, None).await;
        let today = dutch(today(&app));
        let page = hanna.get(&path(id)).await;
        assert!(page.body.contains("id=\"form-formeel\""), "formal handling can start");

        let r = refused(&hanna, id, "formeel", &[("formalReason", ""), ("signed", "ja")]).await;
        assert!(links_to(&r, "formalReason"));
        ok(&hanna, id, "formeel", &[("formalReason", "Geen oplossing: de klager wil een oordeel"), ("signed", "ja")], "oordelen").await;
        ok(&hanna, id, "betrokkene", &[("respondentName", "Piet Smit"), ("respondentDepartment", "Buitendienst")], "betrokkenen").await;

        // Awb 9:9, then one hearing of both with a report.
        ok(&hanna, id, "kopie-beklaagde", &[("copyTo", "Piet Smit"), ("sentOn", &today), ("enclosures", "Foto van de lantaarnpaal")], "kopie-beklaagde").await;
        let r = refused(&hanna, id, "hoorzitting", &[("hearingDate", &today), ("hearingTime", "10:00"), ("place", "Stadhuis"), ("setting", "together"), ("complainantHeard", "Fatima El Amrani"), ("thirdParties", "Buurman"), ("round", "1")]).await;
        assert!(links_to(&r, "thirdPartyConsent"), "third parties need consent: {}", error_summary(&r));
        ok(&hanna, id, "hoorzitting", &[("hearingDate", &today), ("hearingTime", "10:00"), ("place", "Stadhuis, kamer 2"), ("setting", "together"), ("complainantHeard", "Fatima El Amrani"), ("respondentNames", "Piet Smit"), ("round", "1")], "horen").await;
        let hearing = app.store.case_view(id).await.unwrap().unwrap().detail.formal_handling.hearings[0].id.to_string();
        ok(&hanna, id, "hoorzitting/verslag", &[("hearingId", &hearing), ("heldOn", &today), ("hearingReport", "Klager en medewerker vertelden elk hun verhaal."), ("accountsDiffer", "ja")], "horen").await;

        // Two parts: one well-founded, one where the facts cannot be established.
        ok(&hanna, id, "klachtonderdeel", &[("partDescription", "De melding is kwijtgeraakt")], "klachtonderdelen").await;
        ok(&hanna, id, "klachtonderdeel", &[("partDescription", "De medewerker was onbeleefd")], "klachtonderdelen").await;
        let parts = part_ids(&app, id).await;
        ok(&hanna, id, "klachtonderdeel/oordeel", &[("partId", &parts[0]), ("factsEstablished", "ja"), ("verdict", "well_founded"), ("norm", "organisation"), ("norm", "reliability"), ("judgmentMotivation", "De melding is niet geregistreerd."), ("apology", "Excuses voor de kwijtgeraakte melding")], "klachtonderdelen").await;
        let r = refused(&hanna, id, "klachtonderdeel/oordeel", &[("partId", &parts[1]), ("factsEstablished", "nee"), ("verdict", "unfounded"), ("norm", "decent_treatment"), ("judgmentMotivation", "Woord tegen woord.")]).await;
        assert!(links_to(&r, "verdict"));
        assert!(r.body.contains("zou zeggen dat de klager ongelijk heeft"), "the page explains why not unfounded");
        assert!(r.body.contains("value=\"decent_treatment\" aria-describedby=\"norm-decent_treatment-hint\" checked"), "the ticked norm stays ticked");

        // Closing too early lists what is missing, linked to its section.
        let r = refused(&hanna, id, "afronden-oordeel", &[("conclusions", "")]).await;
        for field in ["klachtonderdelen", "conclusions", "judgedNoLesson"] {
            assert!(links_to(&r, field), "{field}: {}", error_summary(&r));
        }
        ok(&hanna, id, "klachtonderdeel/oordeel", &[("partId", &parts[1]), ("factsEstablished", "nee"), ("verdict", "no_judgment"), ("judgmentMotivation", "Woord tegen woord; er waren geen getuigen.")], "klachtonderdelen").await;

        // Postponement: 4 weeks at most, recomputed and shown.
        let r = refused(&hanna, id, "verdagen", &[("weeks", "5"), ("postponeReason", "Drukte"), ("notifiedOn", &today), ("respondentNotified", "ja")]).await;
        assert!(links_to(&r, "weeks"));
        let before = app.store.case_view(id).await.unwrap().unwrap().row.decision_due.unwrap();
        ok(&hanna, id, "verdagen", &[("weeks", "2"), ("postponeReason", "De getuige is op vakantie"), ("notifiedOn", &today), ("respondentNotified", "ja")], "termijn").await;
        let after = app.store.case_view(id).await.unwrap().unwrap().row.decision_due.unwrap();
        assert!(after > before, "the postponement moves the deadline");
        assert!(hanna.get(&path(id)).await.body.contains("verdaagd met 2 weken"), "the explanation names the postponement");

        ok(&hanna, id, "leerpunt", &[("lessonLevel", "execution"), ("learner", "team"), ("lessonText", "Meldingen direct registreren")], "leerpunten").await;
        ok(&hanna, id, "afronden-oordeel", &[("conclusions", "Wij bieden excuses aan en registreren meldingen voortaan direct.")], "oordelen").await;

        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert_eq!((view.row.is_open, view.row.outcome, view.row.phase), (false, Some(Outcome::Judged), Phase::Close));
        let f = &view.detail.formal_handling;
        let verdicts: Vec<Verdict> = f.parts.iter().filter_map(|p| p.judgment.as_ref()).map(|j| j.verdict).collect();
        assert_eq!(verdicts, [Verdict::WellFounded, Verdict::NoJudgment]);
        assert_eq!(f.parts[0].judgment.as_ref().unwrap().norms, [Norm::Organisation, Norm::Reliability]);
        let findings = f.findings.as_ref().unwrap();
        assert_eq!(findings.ombudsman, "de Nationale ombudsman");
        let page = hanna.get(&path(id)).await;
        assert!(page.body.contains("id=\"findings\""));
        assert!(page.body.contains("naar de Nationale ombudsman (Awb 9:24)"));
    }

    async fn awb_9_8_suggests_ground_b_for_old_conduct_and_needs_contact_first(app) {
        let conduct = today(&app).checked_sub(jiff::Span::new().days(366)).unwrap();
        let (hanna, id) = letter(&app, Some(conduct)).await;
        let page = hanna.get(&path(id)).await;
        assert!(page.body.contains("id=\"ground-suggestion\""), "the one-year suggestion shows");
        assert!(page.body.contains("value=\"lid_1_b\" checked"), "and ground b is preselected");
        let today = dutch(today(&app));
        let r = refused(&hanna, id, "niet-behandelen", &[("ground", "lid_1_b"), ("notHandlingMotivation", "Meer dan een jaar geleden."), ("notHandlingNoticeOn", &today), ("notHandlingNoLesson", "Niets te leren")]).await;
        assert!(links_to(&r, "personalContact"), "{}", error_summary(&r));
        ok(&hanna, id, "niet-behandelen", &[("ground", "lid_1_b"), ("notHandlingMotivation", "Meer dan een jaar geleden; besproken met de klager."), ("personalContact", "ja"), ("notHandlingNoticeOn", &today), ("notHandlingNoLesson", "Niets te leren")], "oordelen").await;
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.row.outcome, Some(Outcome::NotHandled));

        // Step 3 after closing: the citizen went to the ombudsman.
        ok(&hanna, id, "ombudsman", &[("ombudsmanName", "de Nationale ombudsman"), ("requestedOn", &today), ("ombudsmanReference", "2026.0042")], "ombudsman").await;
        let r = refused(&hanna, id, "ombudsman/uitkomst", &[("concludedOn", &today), ("ombudsmanOutcome", "Niet behoorlijk"), ("response", "")]).await;
        assert!(links_to(&r, "response"));
        ok(&hanna, id, "ombudsman/uitkomst", &[("concludedOn", &today), ("ombudsmanOutcome", "Niet behoorlijk"), ("recommendations", "Alsnog behandelen"), ("response", "Wij behandelen de klacht alsnog.")], "ombudsman").await;
        let view = app.store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.row.ladder_step, gehoord_domain::LadderStep::External);
    }

    async fn conduct_within_the_year_gets_no_suggestion_and_ground_b_is_refused(app) {
        let conduct = today(&app).checked_sub(jiff::Span::new().days(300)).unwrap();
        let (hanna, id) = letter(&app, Some(conduct)).await;
        let page = hanna.get(&path(id)).await;
        assert!(!page.body.contains("id=\"ground-suggestion\""));
        let today = dutch(today(&app));
        let r = refused(&hanna, id, "niet-behandelen", &[("ground", "lid_1_b"), ("notHandlingMotivation", "Oud"), ("personalContact", "ja"), ("notHandlingNoticeOn", &today), ("notHandlingNoLesson", "x")]).await;
        assert!(links_to(&r, "ground"), "{}", error_summary(&r));
    }

    async fn only_handlers_handle_formally(app) {
        let (_, id) = letter(&app, None).await;
        let reader = app.logged_in("eva", Role::Employee).await;
        reader.get(&path(id)).await;
        let r = reader.post_form(&format!("{}/formeel", path(id)), &[("formalReason", "x"), ("signed", "ja")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

both_dbs! {
    async fn evidence_is_uploaded_typed_by_content_downloaded_and_recordings_are_disclosed(app) {
        let (hanna, id) = letter(&app, None).await;
        ok(&hanna, id, "betrokkene", &[("respondentName", "Piet Smit")], "betrokkenen").await;
        let upload = |fields: &'static [(&'static str, &'static str)], name: &'static str, content: &'static [u8]| {
            let hanna = &hanna;
            async move { hanna.post_multipart(&format!("{}/bewijs", path(id)), fields, (name, content)).await }
        };
        // A program named like a document is refused by its content.
        let r = upload(&[("evidenceDescription", "Brief"), ("source", "complainant")], "brief.pdf", b"MZ\x90\x00\x03\x00\x00\x00").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(links_to(&r, "file"), "{}", error_summary(&r));
        assert!(r.body.contains("Dit soort bestand nemen we niet aan"));
        // Nothing chosen, nothing described.
        let r = upload(&[("source", "complainant")], "", b"").await;
        assert!(links_to(&r, "file") && links_to(&r, "evidenceDescription"), "{}", error_summary(&r));

        let pdf: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
        let r = upload(&[("evidenceDescription", "Brief van de gemeente van 3 maart"), ("source", "complainant")], "brief 3 maart.pdf", pdf).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));
        assert_eq!(r.location(), format!("{}#bewijs", path(id)));

        // An audio recording must say whether it was announced.
        let mp3: &[u8] = b"ID3\x04\x00\x00\x00\x00\x00\x00 opname";
        let r = upload(&[("evidenceDescription", "Telefoongesprek"), ("source", "complainant")], "gesprek.mp3", mp3).await;
        assert!(links_to(&r, "announced"), "{}", error_summary(&r));
        let r = upload(&[("evidenceDescription", "Telefoongesprek"), ("source", "complainant"), ("announced", "nee")], "gesprek.mp3", mp3).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", error_summary(&r));

        let evidence = app.store.case_view(id).await.unwrap().unwrap().detail.evidence;
        assert_eq!(evidence.iter().map(|e| e.media_type.as_str()).collect::<Vec<_>>(), ["application/pdf", "audio/mpeg"]);
        let download = hanna.get(&format!("{}/bewijs/{}", path(id), evidence[0].id)).await;
        assert_eq!(download.status, StatusCode::OK);
        assert_eq!(download.body.as_bytes(), pdf);
        assert_eq!(download.headers.get("content-type").unwrap(), "application/pdf");
        assert_eq!(download.headers.get("content-disposition").unwrap(), "attachment; filename=\"brief_3_maart.pdf\"");
        assert_eq!(hanna.get(&format!("{}/bewijs/{}", path(id), Uuid::now_v7())).await.status, StatusCode::NOT_FOUND);

        let page = hanna.get(&path(id)).await;
        assert!(page.body.contains("De opname was niet aangekondigd."));
        assert!(page.body.contains("id=\"form-opname\""), "the recording still has to be disclosed");
        let today = dutch(today(&app));
        let recording = evidence[1].id.to_string();
        ok(&hanna, id, "bewijs/opname", &[("recordingId", &recording), ("toldOn", &today), ("couldListen", "ja")], "bewijs").await;
        assert!(hanna.get(&path(id)).await.body.contains("heeft de opname kunnen horen"));
    }

    async fn an_upload_without_the_form_token_is_refused(app) {
        let (hanna, id) = letter(&app, None).await;
        let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.7\r\n--b--\r\n";
        let request = axum::http::Request::post(format!("{}/bewijs", path(id)))
            .header("cookie", format!("gehoord_csrf={}", hanna.csrf()))
            .header("content-type", "multipart/form-data; boundary=b")
            .body(axum::body::Body::from(body))
            .unwrap();
        let r = app.send(request).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "no _csrf field in the upload");
        assert!(app.store.case_view(id).await.unwrap().unwrap().detail.evidence.is_empty());
    }

    async fn only_upload_forms_take_multipart(app) {
        let (hanna, id) = letter(&app, None).await;
        let before = app.store.events(id).await.unwrap().len();
        // A valid form token, but a form that takes no files: refused before its body is read.
        let r = hanna
            .post_multipart(&format!("{}/leerpunt", path(id)), &[("lesson", "Beter uitleggen")], ("x.pdf", b"%PDF-1.7"))
            .await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let r = hanna.post_multipart("/klachten/registreren", &[("description", "Een klacht")], ("x.pdf", b"%PDF-1.7")).await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(app.store.events(id).await.unwrap().len(), before, "nothing recorded");
    }
}

/// A complaint through the public form from Karel Dekker.
async fn from_karel(app: &TestApp, description: &str) -> Uuid {
    let citizen = app.client();
    citizen.get("/klacht-indienen").await;
    let r = citizen
        .post_form(
            "/klacht-indienen",
            &[
                ("description", description),
                ("name", "Karel Dekker"),
                ("email", "karel@example.nl"),
                ("contactPreference", "email"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The confirmation page is found by the private status-link token.
    let token = r.location().rsplit('/').next().unwrap();
    app.store.case_by_status_token(token).await.unwrap().expect("the case of the token")
}

both_dbs! {
    async fn a_conduct_protocol_shows_on_every_case_of_the_person_and_can_close_one(app) {
        let first = from_karel(&app, "Niemand belt mij terug over mijn aanslag.").await;
        let hanna = app.logged_in("hanna", Role::Handler).await;
        hanna.get(&path(first)).await;
        hanna.post_form(&format!("{}/in-behandeling-nemen", path(first)), &[]).await;
        let today = today(&app);
        let in_months = |m: i64| dutch(today.checked_add(jiff::Span::new().months(m)).unwrap());
        let r = refused(&hanna, first, "gedragslijn", &[("from", &dutch(today)), ("reviewOn", &in_months(13))]).await;
        for field in ["limits", "behaviour", "protocolReason", "agreementsTried", "contactContinues", "reviewOn"] {
            assert!(links_to(&r, field), "{field}: {}", error_summary(&r));
        }
        ok(&hanna, first, "gedragslijn", &[
            ("limit", "written_only"), ("limit", "fixed_contact_person"),
            ("behaviour", "U belt elke dag meerdere keren en scheldt medewerkers uit."),
            ("protocolReason", "Het team kan andere burgers niet meer helpen."),
            ("agreementsTried", "Op 1 maart een vast belmoment per week afgesproken; dat hield geen stand."),
            ("contactContinues", "U kunt ons schrijven. Hanna beantwoordt nieuwe vragen binnen twee weken."),
            ("from", &dutch(today)), ("reviewOn", &in_months(6)),
        ], "gedragslijn").await;

        // A new complaint of the same person shows the protocol, and can still be registered.
        let second = from_karel(&app, "En nu is mijn brief ook kwijt.").await;
        let page = hanna.get(&path(second)).await;
        assert!(page.body.contains("id=\"protocol-warning\""), "the person's protocol shows on the new case");
        assert!(page.body.contains(&format!("href=\"/klachten/{first}#gedragslijn\"")), "with a link to where it was imposed");
        assert!(page.body.contains("Alleen schriftelijk contact; Eén vaste contactpersoon"));
        hanna.post_form(&format!("{}/in-behandeling-nemen", path(second)), &[]).await;
        let protocol = app.store.case_view(first).await.unwrap().unwrap().detail.conduct_protocols[0].protocol.id.to_string();
        let r = refused(&hanna, second, "gedragslijn/afronden", &[("protocolId", &Uuid::now_v7().to_string()), ("protocolExplanation", "x"), ("protocolNoLesson", "x")]).await;
        assert!(links_to(&r, "closeProtocolId"), "only an active protocol of this person counts");
        ok(&hanna, second, "gedragslijn/afronden", &[("protocolId", &protocol), ("protocolExplanation", "Uw vraag over de brief is beantwoord in onze brief van vandaag."), ("protocolNoLesson", "Geen nieuw leerpunt")], "gedragslijn").await;
        let closed = app.store.case_view(second).await.unwrap().unwrap();
        assert_eq!(closed.row.outcome, Some(Outcome::ConductProtocol));
        assert!(hanna.get(&path(second)).await.body.contains("naar de Nationale ombudsman"), "the ombudsman is still named");

        // Ending the protocol lifts it from the person's cases.
        ok(&hanna, first, "gedragslijn/evaluatie", &[("protocolId", &protocol), ("reviewedOn", &dutch(today)), ("reviewNote", "Het contact gaat weer goed."), ("end", "ja")], "gedragslijn").await;
        let third = from_karel(&app, "Nog een vraag.").await;
        assert!(!hanna.get(&path(third)).await.body.contains("id=\"protocol-warning\""));
    }
}

both_dbs! {
    async fn awb_9_16_departing_from_the_committee_advice_needs_an_explicit_choice_and_reasons(app) {
        let (hanna, id) = letter(&app, None).await;
        let today = dutch(today(&app));
        ok(&hanna, id, "formeel", &[("formalReason", "Oordeel gevraagd"), ("signed", "ja")], "oordelen").await;
        ok(&hanna, id, "adviescommissie", &[("members", "mr. A. Jansen\nB. Kok")], "adviescommissie").await;
        ok(&hanna, id, "afzien-horen", &[("waiverGround", "complainant_declined"), ("waiverExplanation", "Klager liet op 2 maart weten niet gehoord te willen worden.")], "horen").await;
        ok(&hanna, id, "klachtonderdeel", &[("partDescription", "De melding is kwijtgeraakt")], "klachtonderdelen").await;
        let part = part_ids(&app, id).await.remove(0);
        ok(&hanna, id, "klachtonderdeel/oordeel", &[("partId", &part), ("factsEstablished", "ja"), ("verdict", "unfounded"), ("norm", "organisation"), ("judgmentMotivation", "De melding staat in het systeem.")], "klachtonderdelen").await;
        ok(&hanna, id, "adviescommissie/advies", &[("advisedOn", &today), ("committeeReport", "De commissie sprak met beide partijen."), ("advice", "Gegrond verklaren")], "adviescommissie").await;
        ok(&hanna, id, "leerpunt", &[("lessonLevel", "execution"), ("learner", "team"), ("lessonText", "Meldingen bevestigen")], "leerpunten").await;
        let r = refused(&hanna, id, "afronden-oordeel", &[("conclusions", "Ongegrond.")]).await;
        assert!(links_to(&r, "followsAdvice"), "{}", error_summary(&r));
        let r = refused(&hanna, id, "afronden-oordeel", &[("conclusions", "Ongegrond."), ("followsAdvice", "nee")]).await;
        assert!(links_to(&r, "departureReason"), "{}", error_summary(&r));
        ok(&hanna, id, "afronden-oordeel", &[("conclusions", "Ongegrond."), ("followsAdvice", "nee"), ("departureReason", "De commissie ging uit van een onjuist feit: de melding is wel geregistreerd.")], "oordelen").await;
        let findings = app.store.case_view(id).await.unwrap().unwrap().detail.formal_handling.findings.unwrap();
        assert!(findings.departure_reason.unwrap().contains("onjuist feit"));
    }

    async fn awb_9_8_lid_3_a_late_notice_of_not_handling_is_shown_as_late(app) {
        // Received 5 weeks ago: the 4-week term has passed.
        let (hanna, id) = letter_received(&app, None, 35).await;
        let today = dutch(today(&app));
        ok(&hanna, id, "niet-behandelen", &[("ground", "lid_1_c"), ("notHandlingMotivation", "Tegen het besluit staat bezwaar open; besproken met de klager."), ("personalContact", "ja"), ("notHandlingNoticeOn", &today), ("notHandlingNoLesson", "Niets te leren")], "oordelen").await;
        let page = hanna.get(&path(id)).await;
        assert!(page.body.contains("De termijn van 4 weken liep tot en met"), "the page says the notice was late");
    }
}

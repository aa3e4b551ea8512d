//! Step 3 in the annual report (Awb 9:12a, 9:36): the ombudsman's
//! conclusions of a year, found through the index of migration 0014 and
//! listed with the recommendations and the organisation's response, on both
//! databases, without the complainant's name.

use axum::http::StatusCode;
use gehoord_domain::{Role, time::date_in_amsterdam};
use jiff::civil::{Date, date};
use uuid::Uuid;

use crate::harness::{Client, TestApp, both_dbs};

fn dutch(day: Date) -> String {
    day.strftime("%d-%m-%Y").to_string()
}

/// A signed letter about conduct of more than a year ago, not handled
/// (Awb 9:8 lid 1 sub b), then taken to the ombudsman; returns its id and
/// reference.
async fn at_the_ombudsman(app: &TestApp, handler: &Client<'_>, name: &str) -> (Uuid, String) {
    let today = date_in_amsterdam(app.clock.now());
    let conduct = today.checked_sub(jiff::Span::new().days(400)).unwrap();
    let now = app.clock.now().to_zoned_datetime(gehoord_domain::time::amsterdam());
    let r = handler
        .post_form(
            "/klachten/registreren",
            &[
                ("channel", "letter"),
                ("receivedDate", &dutch(today)),
                ("receivedTime", &now.strftime("%H:%M").to_string()),
                ("description", "Mijn aanvraag voor een vergunning is nooit behandeld."),
                ("conductDate", &dutch(conduct)),
                ("name", name),
                ("address", "Kerkstraat 4, 1234 AB Ergens"),
                ("contactPreference", "no_preference"),
                ("signed", "ja"),
                ("handling", "handover"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: Uuid = r.location().rsplit('/').next().unwrap().parse().unwrap();
    let post = |action: &'static str, fields: Vec<(&'static str, String)>| async move {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = handler.post_form(&format!("/klachten/{id}/{action}"), &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}");
    };
    post("in-behandeling-nemen", vec![]).await;
    post(
        "niet-behandelen",
        vec![
            ("ground", "lid_1_b".into()),
            ("notHandlingMotivation", "Meer dan een jaar geleden; besproken met de klager.".into()),
            ("personalContact", "ja".into()),
            ("notHandlingNoticeOn", dutch(today)),
            ("notHandlingNoLesson", "Niets te leren".into()),
        ],
    )
    .await;
    post(
        "ombudsman",
        vec![
            ("ombudsmanName", "de Nationale ombudsman".into()),
            ("requestedOn", dutch(today)),
            ("ombudsmanReference", "2026.0042".into()),
        ],
    )
    .await;
    let reference = app.store.case_view(id).await.unwrap().unwrap().row.reference.to_string();
    (id, reference)
}

both_dbs! {
    async fn the_annual_report_lists_the_ombudsman_conclusions_of_the_year(app) {
        app.set_up_organisation().await;
        let today = date_in_amsterdam(app.clock.now());
        let year = today.year();
        let handler = app.logged_in("hanna", Role::Handler).await;
        handler.get("/klachten/registreren").await;
        let (concluded, reference) = at_the_ombudsman(&app, &handler, "Fatima El Amrani").await;
        let (_pending, pending_reference) = at_the_ombudsman(&app, &handler, "Johan de Wit").await;
        let r = handler
            .post_form(
                &format!("/klachten/{concluded}/ombudsman/uitkomst"),
                &[
                    ("concludedOn", &dutch(today)),
                    ("ombudsmanOutcome", "De klacht is gegrond: de aanvraag bleef liggen"),
                    ("recommendations", "Behandel de aanvraag binnen vier weken"),
                    ("response", "Wij behandelen de aanvraag nu en bellen de klager elke week."),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);

        // The store: only the concluded case, only in its year.
        let found = app.store.ombudsman_conclusions(date(year, 1, 1), date(year, 12, 31)).await.unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].case_id, found[0].reference.as_str()), (concluded, reference.as_str()));
        assert_eq!(found[0].conclusion.concluded_on, today);
        assert_eq!(found[0].conclusion.recommendations.as_deref(), Some("Behandel de aanvraag binnen vier weken"));
        assert_eq!(found[0].ombudsman, "de Nationale ombudsman");
        assert!(app.store.ombudsman_conclusions(date(year - 1, 1, 1), date(year - 1, 12, 31)).await.unwrap().is_empty());
        let tomorrow = today.tomorrow().unwrap();
        assert!(app.store.ombudsman_conclusions(tomorrow, date(year + 1, 12, 31)).await.unwrap().is_empty());
        // A rebuild of the projection gives the same list.
        app.store.rebuild(|_| {}).await.unwrap();
        assert_eq!(app.store.ombudsman_conclusions(date(year, 1, 1), date(year, 12, 31)).await.unwrap(), found);

        // The report: reference, date, outcome, advice and response; no names.
        let admin = app.client();
        admin.get("/inloggen").await;
        admin.post_form("/inloggen", &[("username", "beheer"), ("password", "beheer-wachtwoord")]).await;
        let page = admin.get(&format!("/inzicht/jaarverslag/{year}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = &page.body;
        assert!(html.contains(&format!("In {year} gaf de ombudsman een uitkomst over 1 klacht.")), "{html}");
        let item = format!(
            "Klacht {reference}, uitkomst van {}. Wat de ombudsman vond: De klacht is gegrond: de aanvraag bleef liggen. \
             Aanbevelingen: Behandel de aanvraag binnen vier weken. Wat wij doen: Wij behandelen de aanvraag nu en bellen de klager elke week.",
            gehoord_domain::time::LongDate(today)
        );
        assert!(html.contains(&item), "{html}");
        assert!(html.contains("artikel 9:36"));
        assert!(!html.contains(&pending_reference), "no conclusion yet, not listed");
        assert!(!html.contains("Fatima") && !html.contains("Johan de Wit") && !html.contains("Kerkstraat"), "no personal data");
        let pdf = admin.get(&format!("/inzicht/jaarverslag/{year}/pdf")).await;
        assert!(pdf.bytes.starts_with(b"%PDF-"), "the PDF typesets the list too");
    }
}

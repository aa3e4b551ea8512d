//! The public information pages over in-process HTTP, on both databases: the
//! complaint procedure from the organisation's own settings, the
//! accessibility statement, and the footer that links both from every page.

use axum::http::StatusCode;
use gehoord_domain::letter::Branding;

use crate::harness::both_dbs;

/// The footer links to both information pages.
fn assert_footer_links(html: &str) {
    assert!(html.contains("<nav aria-label=\"Informatie\">"), "footer navigation");
    assert!(html.contains("<a href=\"/klachtenprocedure\">Zo behandelen wij uw klacht</a>"));
    assert!(html.contains("<a href=\"/toegankelijkheid\">Toegankelijkheid</a>"));
}

both_dbs! {
    async fn the_procedure_page_follows_the_organisations_settings(app) {
        app.set_up_organisation().await;
        let mut rules = app.store.rules().await.unwrap();
        rules.first_contact_working_days = 4;
        rules.ombudsman = "de Ombudsman Metropool Amsterdam".to_owned();
        app.store.set_rules(&rules).await.unwrap();

        let page = app.client().get("/klachtenprocedure").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = &page.body;
        assert!(html.contains("<title>Zo behandelen wij uw klacht - Gemeente Teststad</title>"), "{html}");
        assert!(html.contains("Bent u niet tevreden over hoe Gemeente Teststad met u is omgegaan?"));
        assert!(html.contains("<span id=\"first-contact\">4 werkdagen</span>"));
        assert!(html.contains("<span id=\"ombudsman\">de Ombudsman Metropool Amsterdam</span>"));
        assert!(!html.contains("Nationale ombudsman</span>"), "not the default ombudsman");
        // The five steps in order, with the statutory terms.
        let steps = &html[html.find("id=\"procedure-steps\"").unwrap()..];
        let steps = &steps[..steps.find("</ol>").unwrap()];
        assert_eq!(steps.matches("<li>").count(), 5);
        for (a, b) in [("ontvangen", "4 werkdagen"), ("4 werkdagen", "6 weken"), ("6 weken", "oordeel"), ("oordeel", "ombudsman")] {
            assert!(steps.find(a).unwrap() < steps.find(b).unwrap(), "{a} before {b}");
        }
        for term in ["10 weken", "maximaal 4 weken", "in een brief", "binnen 1 jaar", "horen"] {
            assert!(steps.contains(term), "{term}");
        }
        // The example of the ombudsman's term is one year from today.
        let today = gehoord_domain::time::date_in_amsterdam(app.clock.now());
        let end = gehoord_domain::ombudsman::ombudsman_term_end(today);
        assert!(html.contains(&format!("tot en met {} naar de ombudsman", gehoord_domain::time::LongDate(end))));
        // Any channel, help from someone else, and the door stays open.
        for text in ["aan de balie", "door ons te bellen", "gemachtigde", "geen termijn"] {
            assert!(html.contains(text), "{text}");
        }
        assert_footer_links(html);

        // A change of the settings shows at once; 1 working day is singular.
        rules.first_contact_working_days = 1;
        rules.ombudsman = "de Nationale ombudsman".to_owned();
        app.store.set_rules(&rules).await.unwrap();
        let html = app.client().get("/klachtenprocedure").await.body;
        assert!(html.contains("<span id=\"first-contact\">1 werkdag</span>"));
        assert!(html.contains("<span id=\"ombudsman\">de Nationale ombudsman</span>"));
    }

    async fn the_procedure_page_shows_how_to_reach_us_from_the_house_style(app) {
        app.set_up_organisation().await;
        let html = app.client().get("/klachtenprocedure").await.body;
        assert!(html.contains("onze contactgegevens op onze website"), "without contact details, a pointer");
        assert!(!html.contains("id=\"contact-lines\""));

        let mut branding: Branding = app.store.branding().await.unwrap().unwrap();
        branding.contact = Some("Telefoon 14 010\n\nwww.teststad.nl".to_owned());
        branding.address = Some("Postbus 1\n1000 AA Teststad".to_owned());
        app.store.set_branding(&branding).await.unwrap();
        let html = app.client().get("/klachtenprocedure").await.body;
        assert!(html.contains("<p id=\"contact-lines\">Telefoon 14 010<br>www.teststad.nl</p>"), "{html}");
        assert!(html.contains("<address id=\"address-lines\">Postbus 1<br>1000 AA Teststad</address>"));
    }

    async fn the_procedure_page_works_before_set_up(app) {
        let page = app.client().get("/klachtenprocedure").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<span id=\"ombudsman\">de Nationale ombudsman</span>"), "the default");
        assert!(page.body.contains("<span id=\"first-contact\">2 werkdagen</span>"));
    }

    async fn the_accessibility_statement_names_standard_status_limits_and_date(app) {
        app.set_up_organisation().await;
        let page = app.client().get("/toegankelijkheid").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = &page.body;
        assert!(html.contains("<title>Toegankelijkheid - Gemeente Teststad</title>"));
        for text in ["WCAG 2.1", "niveau AA", "EN 301 549", "axe-core", "toetsenbord", "PDF/UA-1", "id=\"known-limitations\"", "id=\"statement-status\""] {
            assert!(html.contains(text), "{text}");
        }
        assert!(html.contains("<a href=\"/klacht-indienen\">klachtformulier</a>"), "how to report a problem");
        assert!(html.contains("<span id=\"statement-date\">"), "the date of the statement");
        assert_footer_links(html);
    }

    async fn every_page_links_the_information_pages_in_its_footer(app) {
        app.set_up_organisation().await;
        let form = app.client().get("/klacht-indienen").await;
        assert_eq!(form.status, StatusCode::OK);
        assert_footer_links(&form.body);
        let login = app.client().get("/inloggen").await;
        assert_footer_links(&login.body);
        let missing = app.client().get("/bestaat-niet").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_footer_links(&missing.body);
        let handler = app.logged_in("hanna", gehoord_domain::Role::Handler).await;
        assert_footer_links(&handler.get("/klachten").await.body);
    }
}

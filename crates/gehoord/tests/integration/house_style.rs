//! The organisation's letters over in-process HTTP, on both databases: the
//! house style with its logo and the example letter, the wording of
//! passages with the rules on fields, and both reaching a drafted letter.

use axum::http::StatusCode;
use gehoord_domain::{
    Role,
    letter::{LogoFormat, Passage},
};

use crate::{
    harness::{Client, TestApp, both_dbs},
    letters::complaint,
};

/// A 4×2 pixel PNG.
const PNG_LOGO: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0, 0, 0, 240, 202, 234,
    52, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 132, 35, 6, 100, 14, 0, 90, 186, 7, 49, 74, 36, 198,
    109, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

const HOUSE_STYLE: &str = "/beheer/huisstijl";
const TEXTS: &str = "/beheer/briefteksten";

async fn admin(app: &TestApp) -> Client<'_> {
    app.set_up_organisation().await;
    let admin = app.logged_in("ans", Role::Admin).await;
    assert_eq!(admin.get(HOUSE_STYLE).await.status, StatusCode::OK);
    admin
}

fn style<'a>(name: &'a str, signature: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("organisation", name),
        ("address", "Postbus 1\r\n1234 AA Ergens"),
        ("contact", "Telefoon 14 0123"),
        ("signature", signature),
    ]
}

both_dbs! {
    async fn the_house_style_with_a_logo_is_saved_and_shown_in_the_example_letter(app) {
        let admin = admin(&app).await;
        let r = admin
            .post_multipart_as(HOUSE_STYLE, &style("Gemeente Ergens", "Team Klachten"), "logo", ("logo.png", PNG_LOGO))
            .await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/beheer/huisstijl?opgeslagen=1"), "{}", r.body);
        let branding = app.store.branding().await.unwrap().unwrap();
        assert_eq!(branding.organisation, "Gemeente Ergens");
        assert_eq!(branding.address.as_deref(), Some("Postbus 1\n1234 AA Ergens"));
        assert_eq!(branding.logo.as_ref().map(|l| (l.format, l.content.as_slice())), Some((LogoFormat::Png, PNG_LOGO)));
        let page = admin.get("/beheer/huisstijl?opgeslagen=1").await;
        assert!(page.body.contains("De huisstijl is opgeslagen"), "{}", page.body);
        assert!(page.body.contains(r#"src="/beheer/huisstijl/logo""#));
        let logo = admin.get("/beheer/huisstijl/logo").await;
        assert_eq!((logo.status, logo.header("content-type")), (StatusCode::OK, Some("image/png")));
        assert_eq!(logo.bytes, PNG_LOGO);
        let example = admin.get("/beheer/huisstijl/voorbeeld").await;
        assert_eq!((example.status, example.header("content-type")), (StatusCode::OK, Some("application/pdf")));
        assert!(example.body.contains("Logo van Gemeente Ergens"), "the logo has its alternative text");

        // Saving again without a file keeps the logo; ticking the box removes it.
        let r = admin.post_multipart_as(HOUSE_STYLE, &style("Gemeente Ergens", ""), "logo", ("", b"")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let kept = app.store.branding().await.unwrap().unwrap();
        assert!(kept.logo.is_some(), "no new file keeps the logo");
        assert_eq!(kept.signature, None, "an empty signature means the organisation's name");
        let mut fields = style("Gemeente Ergens", "").to_vec();
        fields.push(("removeLogo", "ja"));
        let r = admin.post_multipart_as(HOUSE_STYLE, &fields, "logo", ("", b"")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(app.store.branding().await.unwrap().unwrap().logo, None);
        assert_eq!(admin.get("/beheer/huisstijl/logo").await.status, StatusCode::NOT_FOUND);
    }

    async fn a_wrong_logo_or_an_empty_name_is_refused_in_dutch_and_nothing_changes(app) {
        let admin = admin(&app).await;
        let before = app.store.branding().await.unwrap();
        let r = admin.post_multipart_as(HOUSE_STYLE, &style("", ""), "logo", ("logo.pdf", b"%PDF-1.7 no logo")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Vul de naam van de organisatie in."), "{}", r.body);
        assert!(r.body.contains("Kies een logo als PNG, JPEG of SVG."), "{}", r.body);
        assert!(r.body.contains(r##"<a href="#logo">"##), "the summary links to the field");
        // An image typst cannot read is caught before it stops every letter.
        let broken = [&PNG_LOGO[..20], b"broken"].concat();
        let r = admin.post_multipart_as(HOUSE_STYLE, &style("Gemeente Ergens", ""), "logo", ("logo.png", &broken)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Dit logo kunnen wij niet in een brief zetten."), "{}", r.body);
        let big = [PNG_LOGO, &vec![0; 600 * 1024]].concat();
        let r = admin.post_multipart_as(HOUSE_STYLE, &style("Gemeente Ergens", ""), "logo", ("logo.png", &big)).await;
        assert!(r.body.contains("Dit logo is te groot."), "{}", r.body);
        assert_eq!(app.store.branding().await.unwrap(), before, "nothing was saved");
    }

    async fn only_admins_see_the_letters_settings(app) {
        app.set_up_organisation().await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        for path in [HOUSE_STYLE, TEXTS, "/beheer/huisstijl/voorbeeld"] {
            assert_eq!(handler.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
        }
        assert_eq!(handler.post_form(TEXTS, &[("door_open", "Bel ons.")]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.store.letter_texts().await.unwrap(), Default::default());
    }

    async fn own_wording_is_checked_saved_all_at_once_and_used_in_the_next_draft(app) {
        let admin = admin(&app).await;
        let page = admin.get(TEXTS).await;
        for passage in Passage::ALL {
            assert!(page.body.contains(&format!(r#"id="{}""#, passage.code())), "{passage:?} is on the page");
        }
        // One refused text keeps every edit on the page and saves none.
        let r = admin
            .post_form(
                TEXTS,
                &[
                    ("salutation", "Geachte {naam},"),
                    ("ombudsman", "Niet tevreden? Ga naar {ombudsman}."),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.body.contains("In meerdere brieven, verwijzing naar de ombudsman: Het invulveld {tot} moet in deze tekst blijven staan"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Geachte {naam},"), "the other edit stays on the page");
        assert_eq!(app.store.letter_texts().await.unwrap(), Default::default(), "nothing saved");

        let r = admin.post_form(TEXTS, &[("salutation", "Geachte {naam},")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/beheer/briefteksten?opgeslagen=1"), "{}", r.body);
        let texts = app.store.letter_texts().await.unwrap();
        assert!(texts.is_own(Passage::Salutation));
        assert!(!texts.is_own(Passage::DoorOpen), "an empty field keeps Gehoord's text");
        let page = admin.get(TEXTS).await;
        assert!(page.body.contains("eigen tekst"), "own wording is marked");

        let (hanna, id) = complaint(&app, None).await;
        let draft = hanna.get(&format!("/klachten/{id}/brieven/nieuw?soort=acknowledgement")).await;
        assert_eq!(draft.status, StatusCode::OK);
        assert!(draft.body.contains("Geachte Fatima El Amrani,"), "{}", draft.body);
    }
}

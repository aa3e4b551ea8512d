//! The admin's letter settings in a real browser, axe-clean in every state: the house
//! style with a refused and then an accepted logo, and the wording page with a refused
//! and then a saved passage. The same rules over plain HTTP, on both databases, are in
//! `house_style.rs` beside the other integration tests.
//!
//! Page contract used here: the settings pages share the navigation `nav[aria-label=Beheer]`;
//! the house style form has `#organisation`, `#address`, `#contact`, `#signature`, the file
//! field `#logo` and `#submit`; the wording page has one textarea per passage with the
//! passage's code as id (`#salutation`, `#ombudsman`…) and `#submit`.

use gehoord_domain::Role;

use super::{Browser, PASSWORD, log_in, wait_for_text};
use crate::harness::{Db, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_the_house_style_and_the_wording_of_letters() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    app.create_user("ans", PASSWORD, Role::Admin).await;
    let browser = Browser::start().await;
    log_in(&browser, &app, "ans").await;

    // From the settings to the house style, by the settings' own navigation.
    browser.goto(&app.url("/beheer/instellingen")).await;
    browser.click("nav[aria-label=\"Beheer\"] a[href=\"/beheer/huisstijl\"]").await;
    browser.wait_for("#organisation").await;
    browser.assert_accessible("the house style page").await;

    // A PDF is no logo: the summary names it and links to the field.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let not_a_logo = dir.path().join("logo.pdf");
    std::fs::write(&not_a_logo, b"%PDF-1.7 no logo").expect("write the file");
    browser.find("#logo").await.send_keys(&not_a_logo.display().to_string()).await.expect("choose the file");
    browser.fill("address", "Postbus 1\n1234 AA Teststad").await;
    browser.click("#submit").await;
    browser.wait_for("#error-summary").await;
    assert!(browser.exists("#error-summary a[href=\"#logo\"]").await, "the summary links to the logo field");
    assert!(browser.text("#error-summary").await.contains("Kies een logo als PNG, JPEG of SVG."));
    browser.assert_accessible("the house style page with a refused logo").await;

    // An SVG logo is accepted and shown beside the form.
    let logo = dir.path().join("logo.svg");
    std::fs::write(
        &logo,
        br##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="#1f4e79"/></svg>"##,
    )
    .expect("write the logo");
    browser.find("#logo").await.send_keys(&logo.display().to_string()).await.expect("choose the logo");
    browser.fill("signature", "Team Klachten").await;
    browser.click("#submit").await;
    wait_for_text(&browser, "[role=\"status\"]", "De huisstijl is opgeslagen.").await;
    assert!(browser.exists("img[src=\"/beheer/huisstijl/logo\"]").await, "the current logo is shown");
    browser.assert_accessible("the house style page with a logo").await;
    let style = app.store.branding().await.expect("read").expect("set up");
    assert_eq!(style.address.as_deref(), Some("Postbus 1\n1234 AA Teststad"));
    assert!(style.logo.is_some());

    // The wording: a passage without a field the law needs is refused, then saved.
    browser.click("nav[aria-label=\"Beheer\"] a[href=\"/beheer/briefteksten\"]").await;
    browser.wait_for("#salutation").await;
    browser.assert_accessible("the wording page").await;
    browser.fill("ombudsman", "Niet tevreden? Ga naar {ombudsman}.").await;
    browser.click("#submit").await;
    browser.wait_for("#error-summary").await;
    assert!(browser.exists("#error-summary a[href=\"#ombudsman\"]").await);
    assert!(browser.text("#error-summary").await.contains("{tot}"), "the missing field is named");
    browser.assert_accessible("the wording page with a refused passage").await;
    browser.fill("ombudsman", "Niet tevreden? Ga tot en met {tot} naar {ombudsman}.").await;
    browser.click("#submit").await;
    wait_for_text(&browser, "[role=\"status\"]", "De teksten zijn opgeslagen.").await;
    assert!(browser.text("label[for=\"ombudsman\"]").await.contains("eigen tekst"));
    browser.close().await;
}

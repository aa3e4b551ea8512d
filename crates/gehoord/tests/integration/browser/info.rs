//! The public information pages in a real browser, reached from the footer of the
//! complaint form, with axe-core on both. The same pages over plain HTTP, on both
//! databases, are in `info.rs`.
//!
//! Page contract used here: the footer links `a[href="/klachtenprocedure"]` and
//! `a[href="/toegankelijkheid"]`; the procedure's steps `#procedure-steps`, the
//! accessibility statement's `#statement-status`.

use super::{Browser, wait_for_text};
use crate::harness::{Db, TestApp};

/// A citizen on the complaint form follows the footer to the complaint procedure and on
/// to the accessibility statement; both pass axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_information_pages_are_reached_from_the_footer_and_pass_axe() {
    let app = TestApp::spawn_listening(Db::Sqlite).await;
    app.set_up_organisation().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/klacht-indienen")).await;

    browser.click(".site-footer a[href=\"/klachtenprocedure\"]").await;
    browser.wait_for_path("/klachtenprocedure").await;
    browser.wait_for("#procedure-steps").await;
    wait_for_text(&browser, "#first-contact", "2 werkdagen").await;
    wait_for_text(&browser, "#ombudsman", "de Nationale ombudsman").await;
    browser.assert_accessible("klachtenprocedure").await;

    browser.click(".site-footer a[href=\"/toegankelijkheid\"]").await;
    browser.wait_for_path("/toegankelijkheid").await;
    wait_for_text(&browser, "#statement-status", "eerste maatregelen genomen").await;
    browser.assert_accessible("toegankelijkheid").await;
    browser.close().await;
}

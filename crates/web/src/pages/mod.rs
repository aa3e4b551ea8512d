//! Server-rendered Dutch pages: the public complaint form, staff login,
//! first-run set-up, the staff intake form, the inbox, the case page with
//! its actions, and the overviews of deadlines, commitments and escalations.

mod annual_report;
mod case;
mod case_actions;
mod case_citizen;
mod case_conduct;
mod case_evidence;
mod case_formal;
mod case_learning;
mod categories;
mod deadlines;
mod house_style;
mod inbox;
mod info;
mod insight;
mod lessons;
mod letters;
mod login;
mod overviews;
mod public;
mod register;
mod settings;
mod setup;
mod signals;
mod status;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    response::Redirect,
    routing::{get, post},
};
use gehoord_store::User;

use crate::{AppState, error::PageError, view::Layout};

/// Rows per page on every staff list.
pub const PAGE_SIZE: u32 = 25;

/// Every row of a paged list, 200 at a time, for an export. The overviews
/// hold open work (thousands of rows, not millions), so pages will do.
pub(crate) async fn all_pages<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, crate::error::PageError>
where
    F: FnMut(u32, u32) -> Fut,
    Fut: Future<Output = Result<gehoord_store::Page<T>, gehoord_store::StoreError>>,
{
    let mut all = Vec::new();
    for page in 1.. {
        let rows = fetch(page, 200).await?;
        let more = rows.has_next();
        all.extend(rows.items);
        if !more {
            break;
        }
    }
    Ok(all)
}

/// The export format asked for in `formaat`, if any.
pub(crate) fn export_format(raw: &str) -> Result<Option<crate::export::ExportFormat>, crate::error::PageError> {
    match raw.trim() {
        "" => Ok(None),
        code => crate::export::ExportFormat::parse(code).map(Some).ok_or_else(|| {
            crate::error::PageError::BadRequest("Dit bestandsformaat bestaat niet. Kies CSV of Excel.".to_owned())
        }),
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/klacht-indienen") }))
        // The check page takes files; the CSRF layer already read the body within its limits.
        .route("/klacht-indienen", get(public::form_get).post(public::form_post).layer(DefaultBodyLimit::disable()))
        .route("/klacht-indienen/ontvangen/{token}", get(public::received_get))
        // The citizen's private status page, by the token in its link.
        .route("/mijn-klacht/{token}", get(status::status_get))
        .route("/mijn-klacht/{token}/informatie", post(status::information_post).layer(DefaultBodyLimit::disable()))
        .route("/mijn-klacht/{token}/controlevraag", post(status::control_post))
        .route("/mijn-klacht/{token}/heropenen", post(status::reopen_post))
        .route("/mijn-klacht/{token}/terugkoppeling", post(status::feedback_post))
        .route("/mijn-klacht/{token}/brieven/{letter}", get(status::letter_get))
        .route("/mijn-klacht/{token}/code", post(status::code_post))
        .route("/mijn-klacht/{token}/toegang", post(status::access_post))
        .route("/inloggen", get(login::login_get).post(login::login_post))
        .route("/uitloggen", post(login::logout_post))
        .route("/inrichten", get(setup::setup_get).post(setup::setup_post))
        .route("/beheer/instellingen", get(settings::settings_get).post(settings::settings_post))
        .route(
            "/beheer/huisstijl",
            get(house_style::house_style_get).post(house_style::house_style_post).layer(DefaultBodyLimit::disable()),
        )
        .route("/beheer/huisstijl/logo", get(house_style::logo_get))
        .route("/beheer/huisstijl/voorbeeld", get(house_style::example_get))
        .route("/beheer/briefteksten", get(house_style::texts_get).post(house_style::texts_post))
        .route("/beheer/categorieen", get(categories::categories_get).post(categories::categories_post))
        .route("/klachten", get(inbox::inbox_get))
        .route("/klachten/registreren", get(register::register_get).post(register::register_post))
        .route("/klachten/geregistreerd/{id}", get(register::registered_get))
        .route("/klachten/{id}", get(case::case_get))
        .route("/klachten/{id}/heropenverzoek", post(case_actions::decline_reopen_post))
        .route("/klachten/{id}/statuslink", post(case_citizen::issue_post))
        .route("/klachten/{id}/statuslink/{link}/intrekken", post(case_citizen::revoke_post))
        .route("/klachten/{id}/in-behandeling-nemen", post(case::take_post))
        .route("/klachten/{id}/toewijzen", post(case_actions::assign_post))
        .route("/klachten/{id}/betrokkene", post(case_actions::respondent_post))
        .route("/klachten/{id}/eigen-gedrag", post(case_actions::body_conduct_post))
        .route("/klachten/{id}/contact", post(case_actions::contact_post))
        .route("/klachten/{id}/verkenning", post(case_actions::exploration_post))
        .route("/klachten/{id}/betrokkene-geinformeerd", post(case_actions::informed_post))
        .route("/klachten/{id}/oplossing", post(case_actions::solution_post))
        .route("/klachten/{id}/toezegging", post(case_actions::commitment_post))
        .route("/klachten/{id}/toezegging/{cid}/afhandelen", post(case_actions::settle_post))
        .route("/klachten/{id}/escalatie", post(case_actions::escalate_post))
        .route("/klachten/{id}/escalatie/{eid}/besluit", post(case_actions::answer_post))
        .route("/klachten/{id}/doorsturen", post(case_actions::forward_post))
        .route("/klachten/{id}/leerpunt", post(case_actions::lesson_post))
        .route("/klachten/{id}/categorie", post(case_learning::category_post))
        .route("/klachten/{id}/signaal", post(case_learning::signal_post))
        .route("/klachten/{id}/leerpunt-koppelen", post(lessons::case_link_post))
        .route("/klachten/{id}/controlevraag", post(case_actions::control_post))
        .route("/klachten/{id}/afronden", post(case_actions::close_post))
        .route("/klachten/{id}/heropenen", post(case_actions::reopen_post))
        // The CSRF layer already read the upload within its own, larger limit.
        .route("/klachten/{id}/bewijs", post(case_evidence::evidence_post).layer(DefaultBodyLimit::disable()))
        .route("/klachten/{id}/bewijs/opname", post(case_evidence::disclosure_post))
        .route("/klachten/{id}/bewijs/{eid}", get(case_evidence::evidence_get))
        .route("/klachten/{id}/gedragslijn", post(case_conduct::impose_post))
        .route("/klachten/{id}/gedragslijn/evaluatie", post(case_conduct::review_post))
        .route("/klachten/{id}/gedragslijn/afronden", post(case_conduct::close_post))
        .route("/klachten/{id}/formeel", post(case_formal::start_post))
        .route("/klachten/{id}/niet-behandelen", post(case_formal::not_handle_post))
        .route("/klachten/{id}/adviescommissie", post(case_formal::committee_post))
        .route("/klachten/{id}/adviescommissie/advies", post(case_formal::advice_post))
        .route("/klachten/{id}/verdagen", post(case_formal::postpone_post))
        .route("/klachten/{id}/instemming", post(case_formal::consent_post))
        .route("/klachten/{id}/kopie-beklaagde", post(case_formal::respondent_copy_post))
        .route("/klachten/{id}/hoorzitting", post(case_formal::hearing_post))
        .route("/klachten/{id}/hoorzitting/verslag", post(case_formal::report_post))
        .route("/klachten/{id}/afzien-horen", post(case_formal::waiver_post))
        .route("/klachten/{id}/klachtonderdeel", post(case_formal::part_post))
        .route("/klachten/{id}/klachtonderdeel/oordeel", post(case_formal::judge_post))
        .route("/klachten/{id}/afronden-oordeel", post(case_formal::close_judged_post))
        .route("/klachten/{id}/ombudsman", post(case_formal::ombudsman_post))
        .route("/klachten/{id}/ombudsman/uitkomst", post(case_formal::ombudsman_conclusion_post))
        .route("/klachten/{id}/brieven", post(letters::send_post))
        .route("/klachten/{id}/brieven/nieuw", get(letters::draft_get).post(letters::check_post))
        .route("/klachten/{id}/brieven/{letter}/pdf", get(letters::pdf_get))
        .route("/klachten/{id}/brieven/{letter}/opnieuw", post(letters::retry_post))
        .route("/klachten/{id}/brieven/{letter}/gepost", post(letters::posted_post))
        .route("/toezeggingen", get(overviews::commitments_get))
        .route("/escalaties", get(overviews::escalations_get))
        .route("/inzicht", get(insight::insight_get))
        .route("/inzicht/signalen", get(signals::signals_get))
        .route("/inzicht/signalen/geen-actie", post(signals::dismiss_post))
        .route("/inzicht/jaarverslag", get(annual_report::annual_report_index))
        .route("/inzicht/jaarverslag/{year}", get(annual_report::annual_report_get))
        .route("/inzicht/jaarverslag/{year}/pdf", get(annual_report::annual_report_pdf))
        .route("/inzicht/jaarverslag/{year}/open-data.csv", get(annual_report::open_data_csv))
        .route("/leerpunten", get(lessons::list_get).post(lessons::new_post))
        .route("/leerpunten/nieuw", get(lessons::new_get))
        .route("/leerpunten/{id}", get(lessons::detail_get))
        .route("/leerpunten/{id}/afspreken", post(lessons::agree_post))
        .route("/leerpunten/{id}/uitgevoerd", post(lessons::complete_post))
        .route("/leerpunten/{id}/afwijzen", post(lessons::reject_post))
        .route("/leerpunten/{id}/opnieuw-voorstellen", post(lessons::reconsider_post))
        .route("/leerpunten/{id}/klacht-koppelen", post(lessons::link_case_post))
        .route("/leerpunten/{id}/burgers-geinformeerd", post(lessons::told_post))
        .route("/leerpunten/{id}/wijzigen", post(lessons::edit_post))
        .route("/termijnen", get(deadlines::deadlines_get))
        // Public information, linked from the footer of every page.
        .route("/klachtenprocedure", get(info::procedure_get))
        .route("/toegankelijkheid", get(info::accessibility_get))
}

/// The page frame for this request.
async fn layout(state: &AppState, user: Option<&User>, csrf: &str) -> Result<Layout, PageError> {
    let org = state.store.organisation().await?.map(|o| o.name);
    Ok(Layout::new(org, user, csrf))
}

/// A case id from the path; anything else is a page that does not exist.
fn case_id(raw: &str) -> Result<uuid::Uuid, PageError> {
    raw.parse().map_err(|_| PageError::NotFound)
}

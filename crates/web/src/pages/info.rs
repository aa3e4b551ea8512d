//! Public information pages, linked from the footer of every page: how a
//! complaint is handled (in B1 Dutch, from the organisation's own settings)
//! and the accessibility statement.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use gehoord_domain::{ombudsman::ombudsman_term_end, time::date_in_amsterdam};

use super::layout;
use crate::{AppState, csrf::CsrfToken, error::PageError, view::Layout};

/// The date of the accessibility statement: when it was last checked
/// against the pages (update it with the statement).
pub const ACCESSIBILITY_STATEMENT_DATE: &str = "29 november 2026";

#[derive(Template, WebTemplate)]
#[template(path = "info/procedure.html")]
pub struct ProcedurePage {
    layout: Layout,
    /// "2 werkdagen", "1 werkdag".
    first_contact: String,
    /// The competent ombudsman, as the organisation names it.
    ombudsman: String,
    /// An example of the ombudsman's term: a letter dated today…
    example_letter_date: String,
    /// …can go to the ombudsman until and including this day.
    example_term_end: String,
    /// How to reach us: the contact and address lines of the house style.
    contact_lines: Vec<String>,
    address_lines: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "info/accessibility.html")]
pub struct AccessibilityPage {
    layout: Layout,
    statement_date: &'static str,
}

/// The non-empty lines of a multi-line setting.
fn lines(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// "1 werkdag", "3 werkdagen".
fn working_days(n: u32) -> String {
    if n == 1 { "1 werkdag".to_owned() } else { format!("{n} werkdagen") }
}

/// `GET /klachtenprocedure`.
pub async fn procedure_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<ProcedurePage, PageError> {
    let rules = state.rules().await?;
    let branding = state.store.branding().await?;
    let today = date_in_amsterdam(state.clock.now());
    Ok(ProcedurePage {
        layout: layout(&state, None, &csrf).await?,
        first_contact: working_days(rules.first_contact_working_days),
        ombudsman: rules.ombudsman,
        example_letter_date: crate::view::long_date(today),
        example_term_end: crate::view::long_date(ombudsman_term_end(today)),
        contact_lines: lines(branding.as_ref().and_then(|b| b.contact.as_deref())),
        address_lines: lines(branding.as_ref().and_then(|b| b.address.as_deref())),
    })
}

/// `GET /toegankelijkheid`.
pub async fn accessibility_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<AccessibilityPage, PageError> {
    Ok(AccessibilityPage { layout: layout(&state, None, &csrf).await?, statement_date: ACCESSIBILITY_STATEMENT_DATE })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_are_counted_in_words_a_reader_expects() {
        assert_eq!(working_days(1), "1 werkdag");
        assert_eq!(working_days(2), "2 werkdagen");
        assert_eq!(working_days(10), "10 werkdagen");
    }

    #[test]
    fn empty_lines_of_a_setting_are_left_out() {
        assert_eq!(lines(Some("Telefoon 14 010\n\n  www.teststad.nl  ")), ["Telefoon 14 010", "www.teststad.nl"]);
        assert!(lines(None).is_empty());
        assert!(lines(Some("  \n")).is_empty());
    }
}

//! The organisation's rules, for admins: the service norm for first
//! personal contact, the warning threshold before legal deadlines, the
//! competent ombudsman and the extra days designated by royal decree.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    Role,
    calendar::{Calendar, ExtraDay},
    case::Rules,
    time::date_in_amsterdam,
};
use serde::Deserialize;

use super::layout;
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm, parse_date},
    view::{self, Layout},
};

/// More than this is no longer a norm for *first* contact.
const MAX_FIRST_CONTACT_DAYS: u32 = 30;
/// The 9:11 term is 30 working days at most; warning earlier says nothing.
const MAX_WARNING_DAYS: u32 = 20;

#[derive(Template, WebTemplate)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    layout: Layout,
    form: FormState,
    saved: bool,
    /// This year's and next year's statutory holidays, for reference.
    holidays: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SettingsForm {
    first_contact_working_days: String,
    warning_working_days: String,
    ombudsman: String,
    extra_days: String,
    status_code: String,
}

/// A whole number of working days within `1..=max`, or a Dutch message.
fn working_days(text: &str, max: u32) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=max).contains(d))
        .ok_or_else(|| format!("Vul een aantal werkdagen in van 1 tot en met {max}."))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub(super) opgeslagen: Option<String>,
}

/// One designated day per line: a date, then its name.
fn extra_days_text(calendar: &Calendar) -> String {
    calendar
        .extra_days()
        .iter()
        .map(|d| format!("{} {}", view::short_civil_date(d.date), d.name))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads "15-05-2026 Dag na Hemelvaart" lines; returns the days or the
/// first line that is not understood.
fn parse_extra_days(text: &str) -> Result<Vec<ExtraDay>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            parse_date(date).map(|d| ExtraDay::new(d, name.trim())).ok_or_else(|| line.to_owned())
        })
        .collect()
}

async fn page(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    form: FormState,
    saved: bool,
) -> Result<SettingsPage, PageError> {
    let year = date_in_amsterdam(state.clock.now()).year();
    let calendar = state.rules().await?.calendar;
    let holidays = [year, year + 1]
        .into_iter()
        .flat_map(|y| calendar.holidays_in_year(y))
        .map(|(date, holiday)| (view::long_date(date), holiday.name().to_owned()))
        .collect();
    Ok(SettingsPage { layout: layout(state, Some(&staff.0), csrf).await?, form, saved, holidays })
}

pub async fn settings_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<SettingsPage, PageError> {
    staff.require(Role::may_manage_settings)?;
    let rules = state.rules().await?;
    let form = FormState::default()
        .with("firstContactWorkingDays", rules.first_contact_working_days.to_string())
        .with("warningWorkingDays", rules.warning_working_days.to_string())
        .with("ombudsman", &rules.ombudsman)
        .with("extraDays", extra_days_text(&rules.calendar))
        .with("statusCode", if state.store.status_code_required().await? { "ja" } else { "" });
    page(&state, &staff, &csrf, form, q.opgeslagen.is_some()).await
}

pub async fn settings_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<SettingsForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_manage_settings)?;
    let mut form = FormState::default()
        .with("firstContactWorkingDays", &input.first_contact_working_days)
        .with("warningWorkingDays", &input.warning_working_days)
        .with("ombudsman", &input.ombudsman)
        .with("extraDays", &input.extra_days)
        .with("statusCode", &input.status_code);
    let first_contact = working_days(&input.first_contact_working_days, MAX_FIRST_CONTACT_DAYS)
        .map_err(|message| form.error("firstContactWorkingDays", message));
    let warning = working_days(&input.warning_working_days, MAX_WARNING_DAYS)
        .map_err(|message| form.error("warningWorkingDays", message));
    let ombudsman = input.ombudsman.trim().to_owned();
    if ombudsman.is_empty() {
        form.error(
            "ombudsman",
            "Vul in naar welke ombudsman burgers kunnen gaan, bijvoorbeeld: de Nationale ombudsman.",
        );
    }
    let extra = match parse_extra_days(&input.extra_days) {
        Ok(days) => days,
        Err(line) => {
            form.error("extraDays", format!("Deze regel begrijpen we niet: \u{201c}{line}\u{201d}. Schrijf per regel een datum en een naam, zoals 15-05-2026 Dag na Hemelvaart."));
            Vec::new()
        }
    };
    if let (Ok(first_contact_working_days), Ok(warning_working_days), false) =
        (first_contact, warning, form.has_errors())
    {
        let rules = Rules {
            calendar: Calendar::with_extra_days(extra),
            first_contact_working_days,
            warning_working_days,
            ombudsman,
        };
        state.store.set_rules(&rules).await?;
        state.store.set_status_code_required(input.status_code == "ja").await?;
        tracing::info!(action = "settings", actor = %staff.0.id, result = "ok");
        return Ok(Redirect::to("/beheer/instellingen?opgeslagen=1").into_response());
    }
    Ok((StatusCode::BAD_REQUEST, page(&state, &staff, &csrf, form, false).await?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn designated_days_are_read_one_per_line() {
        let days = parse_extra_days("15-05-2026 Dag na Hemelvaart\n\n 2027-05-07   Vrijdag na Hemelvaart ").unwrap();
        assert_eq!(
            days,
            vec![
                ExtraDay::new(date(2026, 5, 15), "Dag na Hemelvaart"),
                ExtraDay::new(date(2027, 5, 7), "Vrijdag na Hemelvaart")
            ]
        );
        assert_eq!(parse_extra_days("morgen vrij"), Err("morgen vrij".to_owned()));
        let text = extra_days_text(&Calendar::with_extra_days(days.clone()));
        assert_eq!(parse_extra_days(&text).unwrap(), days);
    }
}

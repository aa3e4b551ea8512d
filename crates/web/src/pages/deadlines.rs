//! The deadline overview: every open case by its Awb 9:11 deadline, earliest
//! first, with a warning from the organisation's threshold and overdue cases
//! marked, so handlers and managers see in time what is about to run out.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use gehoord_domain::{Role, calendar::Calendar, terms::Urgency, time::date_in_amsterdam};
use gehoord_store::{CaseRow, DeadlineQuery, Page};
use jiff::civil::Date;
use serde::Deserialize;
use uuid::Uuid;

use super::{PAGE_SIZE, layout, overviews::page_number};
use crate::{
    AppState,
    auth::Staff,
    charts::{Cell, Table},
    csrf::CsrfToken,
    error::PageError,
    export,
    view::{self, Layout, encode},
};

#[derive(Template, WebTemplate)]
#[template(path = "deadlines.html")]
pub struct DeadlinesPage {
    layout: Layout,
    page: Page<CaseRow>,
    filters: DeadlineFilters,
    /// `(id, name)` of the people a case can be filtered on.
    handlers: Vec<(String, String)>,
    departments: Vec<String>,
    today: Date,
    calendar: Calendar,
    warning_working_days: u32,
}

/// The filters as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DeadlineFilters {
    behandelaar: String,
    afdeling: String,
    toon: String,
    pagina: String,
    /// `csv`, `xlsx`: the whole list as a file.
    formaat: String,
}

impl DeadlineFilters {
    fn any(&self) -> bool {
        !(self.behandelaar.is_empty() && self.afdeling.is_empty() && self.toon.is_empty())
    }

    /// The whole list with these filters as a file.
    fn export_link(&self, format: &str) -> String {
        self.page_link(1).replace("pagina=1", &format!("formaat={format}"))
    }

    /// The link to another page with the same filters.
    fn page_link(&self, page: u32) -> String {
        let mut parts = Vec::new();
        for (key, value) in [("behandelaar", &self.behandelaar), ("afdeling", &self.afdeling), ("toon", &self.toon)] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode(value)));
            }
        }
        parts.push(format!("pagina={page}"));
        format!("/termijnen?{}", parts.join("&"))
    }
}

/// The last day a case can be due on and still be within the warning
/// threshold: the day before the first working day past it. So a deadline
/// on a day off right after the threshold counts too, as in
/// `Deadline::urgency`.
fn warning_until(today: Date, calendar: &Calendar, warning_working_days: u32) -> Date {
    let past = calendar.add_working_days(today, warning_working_days.saturating_add(1));
    past.yesterday().unwrap_or(past)
}

pub async fn deadlines_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(mut filters): Query<DeadlineFilters>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_commitments)?;
    let rules = state.rules().await?;
    let today = date_in_amsterdam(state.clock.now());
    let users = state.store.users().await?;

    filters.behandelaar = filters.behandelaar.trim().to_owned();
    let handler = match filters.behandelaar.as_str() {
        "" => None,
        "mijn" => Some(staff.0.id),
        raw => {
            let id = raw.parse::<Uuid>().ok().filter(|id| users.iter().any(|u| u.id == *id)).ok_or_else(|| {
                PageError::BadRequest("Deze behandelaar bestaat niet. Kies een behandelaar op de pagina.".to_owned())
            })?;
            filters.behandelaar = id.to_string();
            Some(id)
        }
    };
    filters.afdeling = filters.afdeling.trim().to_owned();
    let department = (!filters.afdeling.is_empty()).then(|| filters.afdeling.clone());
    let due_until = match filters.toon.as_str() {
        "" => None,
        "waarschuwing" => Some(warning_until(today, &rules.calendar, rules.warning_working_days)),
        "te-laat" => Some(today.yesterday().unwrap_or(today)),
        _ => {
            return Err(PageError::BadRequest(
                "Deze keuze bij ‘Toon’ bestaat niet. Kies een filter op de pagina.".to_owned(),
            ));
        }
    };
    if let Some(format) = super::export_format(&filters.formaat)? {
        let query = DeadlineQuery { handler, department, due_until, page: 1, page_size: PAGE_SIZE };
        let rows = super::all_pages(|page, page_size| {
            let (store, q) = (state.store.clone(), DeadlineQuery { page, page_size, ..query.clone() });
            async move { store.open_by_deadline(&q).await }
        })
        .await?;
        let columns = ["Kenmerk", "Samenvatting", "Behandelaar", "Afdeling", "Fase", "Uiterlijk afhandelen"];
        let mut table = Table::new("Open klachten op termijn", columns.map(str::to_owned).to_vec());
        table.rows = rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.reference.clone()),
                    Cell::Text(r.summary.clone()),
                    Cell::from(r.handler_name.clone()),
                    Cell::from(r.department.clone()),
                    Cell::Text(r.phase.label().to_owned()),
                    Cell::from(r.decision_due),
                ]
            })
            .collect();
        return Ok(export::download(&table, format, "termijnen"));
    }
    let number = page_number(&filters.pagina)?;
    let page = state
        .store
        .open_by_deadline(&DeadlineQuery { handler, department, due_until, page: number, page_size: PAGE_SIZE })
        .await?;

    let handlers = users
        .iter()
        .filter(|u| (u.active && u.role.may_handle()) || filters.behandelaar == u.id.to_string())
        .map(|u| (u.id.to_string(), u.display_name.clone()))
        .collect();
    let mut departments = state.store.open_departments().await?;
    if !filters.afdeling.is_empty() && !departments.contains(&filters.afdeling) {
        departments.push(filters.afdeling.clone());
    }
    Ok(DeadlinesPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        page,
        filters,
        handlers,
        departments,
        today,
        warning_working_days: rules.warning_working_days,
        calendar: rules.calendar,
    }
    .into_response())
}

impl DeadlinesPage {
    /// The same rule as `Deadline::urgency`: overdue after the day, a warning
    /// from the threshold up to the day itself.
    fn urgency(&self, row: &CaseRow) -> Urgency {
        match row.decision_due {
            Some(due) if self.today > due => Urgency::Overdue,
            Some(due)
                if i64::from(self.calendar.working_days_between(self.today, due))
                    <= i64::from(self.warning_working_days) =>
            {
                Urgency::Warning
            }
            _ => Urgency::OnTrack,
        }
    }

    fn is_overdue(&self, row: &CaseRow) -> bool {
        self.urgency(row) == Urgency::Overdue
    }

    fn is_warning(&self, row: &CaseRow) -> bool {
        self.urgency(row) == Urgency::Warning
    }

    fn due(&self, row: &CaseRow) -> String {
        row.decision_due.map(view::long_date).unwrap_or_default()
    }

    fn iso_due(&self, row: &CaseRow) -> String {
        row.decision_due.map(|d| d.to_string()).unwrap_or_default()
    }

    /// "nog 3 werkdagen", "vandaag", "2 werkdagen te laat".
    fn days_left(&self, row: &CaseRow) -> String {
        let Some(due) = row.decision_due else {
            return String::new();
        };
        let days = |n: i32| if n == 1 { "1 werkdag".to_owned() } else { format!("{n} werkdagen") };
        match self.calendar.working_days_between(self.today, due) {
            _ if due == self.today => "vandaag".to_owned(),
            0 if due > self.today => "geen werkdag meer".to_owned(),
            0 => "net te laat".to_owned(),
            n if n > 0 => format!("nog {}", days(n)),
            n => format!("{} te laat", days(-n)),
        }
    }

    /// "5 werkdagen" before the deadline the warning starts.
    fn warning_text(&self) -> String {
        match self.warning_working_days {
            1 => "1 werkdag".to_owned(),
            n => format!("{n} werkdagen"),
        }
    }

    fn previous_link(&self) -> Option<String> {
        (self.page.page > 1).then(|| self.filters.page_link(self.page.page - 1))
    }

    fn next_link(&self) -> Option<String> {
        self.page.has_next().then(|| self.filters.page_link(self.page.page + 1))
    }

    fn total_text(&self) -> String {
        match (self.page.total, self.page.total_is_exact) {
            (0, _) => "Geen klachten gevonden".to_owned(),
            (1, true) => "1 klacht".to_owned(),
            (n, true) => format!("{n} klachten"),
            (n, false) => format!("Meer dan {n} klachten"),
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn the_warning_filter_ends_where_the_warning_ends() {
        let calendar = Calendar::default();
        // Thursday 2 April 2026, 1 working day: Good Friday and the weekend
        // do not count, so everything up to Easter Monday warns, and
        // Tuesday 7 April (1 working day left) too.
        assert_eq!(warning_until(date(2026, 4, 2), &calendar, 1), date(2026, 4, 7));
        assert_eq!(warning_until(date(2026, 4, 2), &calendar, 0), date(2026, 4, 6));
        assert_eq!(warning_until(date(2026, 3, 9), &calendar, 5), date(2026, 3, 16));
    }

    #[test]
    fn filters_stay_in_the_page_links() {
        let filters = DeadlineFilters {
            behandelaar: "mijn".into(),
            afdeling: "Wonen & Zorg".into(),
            toon: String::new(),
            pagina: "3".into(),
            formaat: String::new(),
        };
        assert_eq!(filters.page_link(2), "/termijnen?behandelaar=mijn&afdeling=Wonen%20%26%20Zorg&pagina=2");
        assert_eq!(filters.export_link("csv"), "/termijnen?behandelaar=mijn&afdeling=Wonen%20%26%20Zorg&formaat=csv");
        assert!(filters.any());
        assert!(!DeadlineFilters::default().any());
    }
}

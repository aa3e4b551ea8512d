//! Overviews across cases: open commitments by due date (handlers and
//! managers keep control of what was promised) and escalations waiting for
//! a manager's decision.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use gehoord_domain::{Role, commitment::overdue_when_due_on_or_before, time::date_in_amsterdam};
use gehoord_store::{CommitmentRow, EscalationRow, Page};
use jiff::civil::Date;
use serde::Deserialize;

use super::{PAGE_SIZE, layout};
use crate::{
    AppState,
    auth::Staff,
    charts::{Cell, Table},
    csrf::CsrfToken,
    error::PageError,
    export,
    view::{self, Layout},
};

#[derive(Template, WebTemplate)]
#[template(path = "commitments.html")]
pub struct CommitmentsPage {
    layout: Layout,
    page: Page<CommitmentRow>,
    filters: CommitmentFilters,
    /// A commitment due on or before this day is overdue.
    overdue_from: Date,
}

#[derive(Template, WebTemplate)]
#[template(path = "escalations.html")]
pub struct EscalationsPage {
    layout: Layout,
    page: Page<EscalationRow>,
}

/// The filters as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CommitmentFilters {
    toon: String,
    pagina: String,
    /// `csv`, `xlsx`: the whole list as a file.
    formaat: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Paging {
    pagina: String,
    /// `csv`, `xlsx`: the whole list as a file.
    formaat: String,
}

pub(super) fn page_number(raw: &str) -> Result<u32, PageError> {
    match raw.trim() {
        "" => Ok(1),
        p => p.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| {
            PageError::BadRequest("Het paginanummer klopt niet. Een paginanummer is een heel getal vanaf 1.".to_owned())
        }),
    }
}

pub async fn commitments_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(filters): Query<CommitmentFilters>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_commitments)?;
    let handler = match filters.toon.as_str() {
        "" | "alle" => None,
        "mijn" => Some(staff.0.id),
        _ => return Err(PageError::BadRequest("Deze keuze bestaat niet. Kies een filter op de pagina.".to_owned())),
    };
    if let Some(format) = super::export_format(&filters.formaat)? {
        let rows = super::all_pages(|page, size| {
            let store = state.store.clone();
            async move { store.open_commitments(handler, page, size).await }
        })
        .await?;
        let columns = ["Kenmerk", "Toezegging", "Aan wie", "Wie zorgt ervoor", "Uiterlijk op", "Behandelaar"];
        let mut table = Table::new("Open toezeggingen", columns.map(str::to_owned).to_vec());
        table.rows = rows
            .into_iter()
            .map(|r| {
                vec![
                    Cell::Text(r.reference),
                    Cell::Text(r.what),
                    Cell::Text(r.to_whom),
                    Cell::Text(r.owner),
                    Cell::Date(r.due),
                    Cell::from(r.handler_name),
                ]
            })
            .collect();
        return Ok(export::download(&table, format, "toezeggingen"));
    }
    let number = page_number(&filters.pagina)?;
    let page = state.store.open_commitments(handler, number, PAGE_SIZE).await?;
    let today = date_in_amsterdam(state.clock.now());
    Ok(CommitmentsPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        page,
        filters,
        overdue_from: overdue_when_due_on_or_before(today, &state.rules().await?.calendar),
    }
    .into_response())
}

impl CommitmentsPage {
    fn due(&self, row: &CommitmentRow) -> String {
        view::short_civil_date(row.due)
    }

    fn iso_due(&self, row: &CommitmentRow) -> String {
        row.due.to_string()
    }

    /// Same rule as `Commitment::is_overdue`: the due working day has passed.
    fn is_overdue(&self, row: &CommitmentRow) -> bool {
        row.due <= self.overdue_from
    }

    fn link(&self, page: u32) -> String {
        match self.filters.toon.as_str() {
            "" => format!("/toezeggingen?pagina={page}"),
            toon => format!("/toezeggingen?toon={toon}&pagina={page}"),
        }
    }

    /// The whole list with this filter as a file.
    fn export_link(&self, format: &str) -> String {
        match self.filters.toon.as_str() {
            "" => format!("/toezeggingen?formaat={format}"),
            toon => format!("/toezeggingen?toon={toon}&formaat={format}"),
        }
    }

    fn previous_link(&self) -> Option<String> {
        (self.page.page > 1).then(|| self.link(self.page.page - 1))
    }

    fn next_link(&self) -> Option<String> {
        self.page.has_next().then(|| self.link(self.page.page + 1))
    }

    fn total_text(&self) -> String {
        match (self.page.total, self.page.total_is_exact) {
            (0, _) => "Geen open toezeggingen".to_owned(),
            (1, true) => "1 open toezegging".to_owned(),
            (n, true) => format!("{n} open toezeggingen"),
            (n, false) => format!("Meer dan {n} open toezeggingen"),
        }
    }
}

pub async fn escalations_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(paging): Query<Paging>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_escalations)?;
    if let Some(format) = super::export_format(&paging.formaat)? {
        let rows = super::all_pages(|page, size| {
            let store = state.store.clone();
            async move { store.open_escalations(page, size).await }
        })
        .await?;
        let columns = ["Kenmerk", "Gevraagd op", "Door", "Reden", "Toelichting", "Gevraagd besluit"];
        let mut table = Table::new("Vragen aan de leidinggevende", columns.map(str::to_owned).to_vec());
        table.rows = rows
            .into_iter()
            .map(|r| {
                vec![
                    Cell::Text(r.reference),
                    Cell::Date(gehoord_domain::time::date_in_amsterdam(r.raised_at)),
                    Cell::Text(r.raised_by),
                    Cell::Text(r.reason.label().to_owned()),
                    Cell::Text(r.explanation),
                    Cell::Text(r.requested_decision),
                ]
            })
            .collect();
        return Ok(export::download(&table, format, "escalaties"));
    }
    let number = page_number(&paging.pagina)?;
    let page = state.store.open_escalations(number, PAGE_SIZE).await?;
    Ok(EscalationsPage { layout: layout(&state, Some(&staff.0), &csrf).await?, page }.into_response())
}

impl EscalationsPage {
    fn raised(&self, row: &EscalationRow) -> String {
        view::date_time(row.raised_at)
    }

    fn iso(&self, row: &EscalationRow) -> String {
        view::iso(row.raised_at)
    }

    fn previous_link(&self) -> Option<String> {
        (self.page.page > 1).then(|| format!("/escalaties?pagina={}", self.page.page - 1))
    }

    fn next_link(&self) -> Option<String> {
        self.page.has_next().then(|| format!("/escalaties?pagina={}", self.page.page + 1))
    }

    fn total_text(&self) -> String {
        match (self.page.total, self.page.total_is_exact) {
            (0, _) => "Er wacht geen vraag op een besluit".to_owned(),
            (1, true) => "1 vraag wacht op een besluit".to_owned(),
            (n, true) => format!("{n} vragen wachten op een besluit"),
            (n, false) => format!("Meer dan {n} vragen wachten op een besluit"),
        }
    }
}

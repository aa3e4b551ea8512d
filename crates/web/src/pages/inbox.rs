//! The handler's inbox: open cases, filtered and paged, from the `cases`
//! projection.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use futures_util::TryStreamExt as _;
use gehoord_domain::commitment::overdue_when_due_on_or_before;
use gehoord_domain::{Channel, Phase, Role};
use gehoord_store::{Attention, CaseRow, InboxFilter, InboxQuery, Page, Store};
use serde::Deserialize;

use super::{PAGE_SIZE, layout};
use crate::{
    AppState,
    auth::Staff,
    charts::Cell,
    csrf::CsrfToken,
    error::PageError,
    export::{self, ExportFormat},
    view::{self, Layout},
};

#[derive(Template, WebTemplate)]
#[template(path = "inbox.html")]
pub struct InboxPage {
    layout: Layout,
    attention: Attention,
    page: Page<CaseRow>,
    filters: Filters,
    phases: &'static [Phase],
    channels: &'static [Channel],
}

/// The filters as they appear in the URL (Dutch, for people who share links).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    toon: String,
    status: String,
    fase: String,
    kanaal: String,
    volgorde: String,
    pagina: String,
    /// `csv`, `xlsx`: the whole list as a file instead of a page.
    formaat: String,
}

impl Filters {
    /// The query string for another page with the same filters.
    fn page_link(&self, page: u32) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("toon", &self.toon),
            ("status", &self.status),
            ("fase", &self.fase),
            ("kanaal", &self.kanaal),
            ("volgorde", &self.volgorde),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={value}"));
            }
        }
        parts.push(format!("pagina={page}"));
        format!("/klachten?{}", parts.join("&"))
    }

    /// The whole list with these filters as a file.
    fn export_link(&self, format: &str) -> String {
        self.page_link(1).replace("pagina=1", &format!("formaat={format}"))
    }

    fn to_query(&self, me: uuid::Uuid, attention: Attention) -> Result<InboxQuery, PageError> {
        let bad = |what: &str| PageError::BadRequest(format!("{what} Kies een filter op de pagina."));
        let page = match self.pagina.trim() {
            "" => 1,
            p => p.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| {
                PageError::BadRequest(
                    "Het paginanummer klopt niet. Een paginanummer is een heel getal vanaf 1.".to_owned(),
                )
            })?,
        };
        Ok(InboxQuery {
            status: match self.status.as_str() {
                "" | "open" => InboxFilter::Open,
                "afgerond" => InboxFilter::Closed,
                "alle" => InboxFilter::All,
                "heropenverzoek" => InboxFilter::ReopenRequested,
                _ => return Err(bad("Deze status bestaat niet.")),
            },
            handler: (self.toon == "mijn").then_some(me),
            attention: (self.toon == "aandacht").then_some(attention),
            unassigned: match self.toon.as_str() {
                "" | "alle" | "mijn" | "aandacht" => false,
                "niet-toegewezen" => true,
                _ => return Err(bad("Deze keuze bestaat niet.")),
            },
            phase: match self.fase.as_str() {
                "" => None,
                code => Some(Phase::from_code(code).ok_or_else(|| bad("Deze fase bestaat niet."))?),
            },
            channel: match self.kanaal.as_str() {
                "" => None,
                code => Some(Channel::from_code(code).ok_or_else(|| bad("Dit kanaal bestaat niet."))?),
            },
            oldest_first: match self.volgorde.as_str() {
                "" | "nieuwste" => false,
                "oudste" => true,
                _ => return Err(bad("Deze volgorde bestaat niet.")),
            },
            page,
            page_size: PAGE_SIZE,
        })
    }
}

pub async fn inbox_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(filters): Query<Filters>,
) -> Result<Response, PageError> {
    staff.require(Role::may_read_cases)?;
    let today = gehoord_domain::time::date_in_amsterdam(state.clock.now());
    let attention = Attention {
        today,
        commitments_due_on_or_before: overdue_when_due_on_or_before(today, &state.rules().await?.calendar),
    };
    let query = filters.to_query(staff.0.id, attention)?;
    if let Some(format) = super::export_format(&filters.formaat)? {
        tracing::info!(action = "export_inbox", actor = %staff.0.id, format = format.code(), result = "ok");
        return Ok(export_all(state.store.clone(), query, format).await);
    }
    let page = state.store.inbox(&query).await?;
    Ok(InboxPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        page,
        filters,
        attention,
        phases: &Phase::ALL,
        channels: &Channel::ALL,
    }
    .into_response())
}

/// Rows fetched per query while exporting.
const EXPORT_CHUNK: u32 = 1_000;

/// Every case of the list, in its order and without a row limit: keyset
/// chunks streamed into the file as they come.
async fn export_all(store: Store, query: InboxQuery, format: ExportFormat) -> Response {
    let columns = [
        "Kenmerk",
        "Ontvangen",
        "Kanaal",
        "Fase",
        "Trede",
        "Formeel",
        "Afdeling",
        "Behandelaar",
        "Klager",
        "Samenvatting",
        "Afgerond",
        "Uitkomst",
        "Wettelijke termijn",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows =
        futures_util::stream::try_unfold((store, query, None, false), |(store, query, after, done)| async move {
            if done {
                return Ok::<_, gehoord_store::StoreError>(None);
            }
            let chunk = store.inbox_chunk(&query, after, EXPORT_CHUNK).await?;
            let next = chunk.last().map(|r| (r.received_at, r.id));
            let done = chunk.len() < EXPORT_CHUNK as usize;
            Ok(Some((
                futures_util::stream::iter(chunk.into_iter().map(|r| Ok::<_, gehoord_store::StoreError>(row(&r)))),
                (store, query, next, done),
            )))
        })
        .try_flatten();
    export::download_rows("Klachten".to_owned(), columns, rows, format, "klachten").await
}

fn row(r: &CaseRow) -> Vec<Cell> {
    let day = |at: jiff::Timestamp| Cell::Date(gehoord_domain::time::date_in_amsterdam(at));
    vec![
        Cell::Text(r.reference.clone()),
        day(r.received_at),
        Cell::Text(r.channel.label().to_owned()),
        Cell::Text(r.phase.label().to_owned()),
        Cell::Count(u64::from(r.ladder_step.number())),
        Cell::Text(if r.formal { "ja" } else { "nee" }.to_owned()),
        Cell::from(r.department.clone()),
        Cell::from(r.handler_name.clone()),
        Cell::from(r.complainant_name.clone()),
        Cell::Text(r.summary.clone()),
        r.closed_at.map_or(Cell::Empty, day),
        r.outcome.map_or(Cell::Empty, |o| Cell::Text(o.label().to_owned())),
        Cell::from(r.decision_due),
    ]
}

impl InboxPage {
    fn received(&self, row: &CaseRow) -> String {
        view::short_date(row.received_at)
    }

    fn iso(&self, row: &CaseRow) -> String {
        view::iso(row.received_at)
    }

    /// "Contact uiterlijk 08-04-2026", when the first contact is still to be made.
    fn contact_before(&self, row: &CaseRow) -> Option<String> {
        row.first_contact_due.filter(|_| row.is_open && !row.first_contact_done).map(view::short_civil_date)
    }

    fn contact_overdue(&self, row: &CaseRow) -> bool {
        row.is_open && !row.first_contact_done && row.first_contact_due.is_some_and(|d| d < self.attention.today)
    }

    fn commitment_overdue(&self, row: &CaseRow) -> bool {
        row.is_open && row.next_commitment_due.is_some_and(|d| d <= self.attention.commitments_due_on_or_before)
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

//! The case page: the summary of the complaint and its full timeline.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::Redirect,
};
use gehoord_domain::{EventPayload, Phase, Role, decide};
use gehoord_store::{CaseView, TimelineEntry};

use super::{case_id, layout};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    view::{self, Layout},
};

#[derive(Template, WebTemplate)]
#[template(path = "case.html")]
pub struct CasePage {
    layout: Layout,
    case: CaseView,
    timeline: Vec<TimelineEntry>,
    phases: &'static [Phase],
    may_take: bool,
}

impl CasePage {
    fn received(&self) -> String {
        view::date_time(self.case.row.received_at)
    }

    fn conduct_date(&self) -> Option<String> {
        self.case.detail.conduct_date.map(view::long_date)
    }

    fn closed(&self) -> Option<String> {
        self.case.row.closed_at.map(view::date_time)
    }

    fn missing_for_formal(&self) -> String {
        match &self.case.detail.formality {
            gehoord_domain::Formality::Formal => String::new(),
            gehoord_domain::Formality::Informal { missing } => {
                missing.iter().map(|m| m.label()).collect::<Vec<_>>().join(", ")
            }
        }
    }

    fn at(&self, entry: &TimelineEntry) -> String {
        view::date_time(entry.at)
    }

    fn iso(&self, entry: &TimelineEntry) -> String {
        view::iso(entry.at)
    }

    /// The event's own words beyond its one-line description, if any.
    fn detail(&self, entry: &TimelineEntry) -> Option<String> {
        match &entry.payload {
            EventPayload::SolvedInContact { what_was_done } => Some(format!("Wat is gedaan: {what_was_done}")),
            EventPayload::HandedOver { note: Some(note) } => Some(format!("Notitie: {note}")),
            _ => None,
        }
    }
}

pub async fn case_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<CasePage, PageError> {
    staff.require(Role::may_read_cases)?;
    let id = case_id(&id)?;
    let case = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let timeline = state.store.timeline(id).await?;
    let may_take = staff.0.role.may_handle() && case.row.is_open && case.row.handler_id != Some(staff.0.id);
    Ok(CasePage { layout: layout(&state, Some(&staff.0), &csrf).await?, case, timeline, phases: &Phase::ALL, may_take })
}

/// The handler takes the case into handling (assigns it to themselves).
pub async fn take_post(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Redirect, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let ctx = state.context(staff.actor());
    state.store.execute(id, |s| decide(s, gehoord_domain::Command::TakeIntoHandling, &ctx)).await?;
    tracing::info!(action = "take_into_handling", case_id = %id, actor = %staff.0.id, result = "ok");
    Ok(Redirect::to(&format!("/klachten/{id}")))
}

//! The complainant's status-page links, for staff: a new link when the
//! citizen lost theirs (shown once, never stored), and revoking a link that
//! went astray.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::Role;

use super::{case_id, layout};
use crate::{AppState, auth::Staff, csrf::CsrfToken, error::PageError, view::Layout};

#[derive(Template, WebTemplate)]
#[template(path = "status_link_issued.html")]
pub struct LinkIssuedPage {
    layout: Layout,
    case_id: uuid::Uuid,
    reference: String,
    path: String,
}

/// A new link to the case's status page, shown once on the response.
pub async fn issue_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let view = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let (link_id, token) = state.store.issue_status_link(id, state.clock.now()).await?;
    tracing::info!(action = "issue_status_link", case_id = %id, actor = %staff.0.id, %link_id);
    let page = LinkIssuedPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        case_id: id,
        reference: view.row.reference,
        path: format!("/mijn-klacht/{token}"),
    };
    Ok(([(header::CACHE_CONTROL, "no-store"), (header::REFERRER_POLICY, "no-referrer")], page).into_response())
}

/// Revokes a link: it opens nothing any more.
pub async fn revoke_post(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, link)): Path<(String, String)>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let link = case_id(&link)?;
    let revoked = state.store.revoke_status_link(id, link, state.clock.now()).await?;
    tracing::info!(action = "revoke_status_link", case_id = %id, actor = %staff.0.id, link_id = %link, revoked);
    Ok(Redirect::to(&format!("/klachten/{id}#burger")).into_response())
}

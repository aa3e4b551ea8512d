//! The organisation's list of complaint categories (`/beheer/categorieen`):
//! one subject per line, in the order staff see them. A line taken away
//! retires the category; cases keep it.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::Role;
use gehoord_store::Category;
use serde::Deserialize;

use super::{layout, settings::SavedQuery};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm},
    view::Layout,
};

/// Longest category name: it must fit a select list and a chart label.
const MAX_NAME: usize = 60;

#[derive(Template, WebTemplate)]
#[template(path = "categories.html")]
pub struct CategoriesPage {
    layout: Layout,
    form: FormState,
    saved: bool,
    retired: Vec<String>,
}

async fn page(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    form: FormState,
    saved: bool,
) -> Result<CategoriesPage, PageError> {
    let retired = state.store.categories().await?.into_iter().filter(|c| !c.active).map(|c| c.name).collect();
    Ok(CategoriesPage { layout: layout(state, Some(&staff.0), csrf).await?, form, saved, retired })
}

fn lines(categories: &[Category]) -> String {
    categories.iter().filter(|c| c.active).map(|c| c.name.as_str()).collect::<Vec<_>>().join("\n")
}

pub async fn categories_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<CategoriesPage, PageError> {
    staff.require(Role::may_manage_settings)?;
    let form = FormState::default().with("categories", lines(&state.store.categories().await?));
    page(&state, &staff, &csrf, form, q.opgeslagen.is_some()).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoriesForm {
    categories: String,
}

pub async fn categories_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<CategoriesForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_manage_settings)?;
    let names: Vec<String> = input.categories.lines().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    let mut form = FormState::default().with("categories", &input.categories);
    if let Some(long) = names.iter().find(|n| n.chars().count() > MAX_NAME) {
        form.error(
            "categories",
            format!("De categorie ‘{long}’ is te lang. Gebruik hoogstens {MAX_NAME} tekens per categorie."),
        );
        return Ok(
            (axum::http::StatusCode::BAD_REQUEST, page(&state, &staff, &csrf, form, false).await?).into_response()
        );
    }
    state.store.set_categories(&names).await?;
    tracing::info!(action = "set_categories", actor = %staff.0.id, count = names.len(), result = "ok");
    Ok(Redirect::to("/beheer/categorieen?opgeslagen=1").into_response())
}

//! Server-rendered Dutch pages: the public complaint form, staff login,
//! first-run set-up, the staff intake form, the inbox and the case page.

mod case;
mod inbox;
mod login;
mod public;
mod register;
mod setup;

use axum::{
    Router,
    response::Redirect,
    routing::{get, post},
};
use gehoord_store::User;

use crate::{AppState, error::PageError, view::Layout};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/klacht-indienen") }))
        .route("/klacht-indienen", get(public::form_get).post(public::form_post))
        .route("/klacht-indienen/ontvangen/{id}", get(public::received_get))
        .route("/inloggen", get(login::login_get).post(login::login_post))
        .route("/uitloggen", post(login::logout_post))
        .route("/inrichten", get(setup::setup_get).post(setup::setup_post))
        .route("/klachten", get(inbox::inbox_get))
        .route("/klachten/registreren", get(register::register_get).post(register::register_post))
        .route("/klachten/geregistreerd/{id}", get(register::registered_get))
        .route("/klachten/{id}", get(case::case_get))
        .route("/klachten/{id}/in-behandeling-nemen", post(case::take_post))
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

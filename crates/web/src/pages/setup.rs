//! First-run set-up through the one-time link that `gehoord serve` prints.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::Role;
use gehoord_store::{NewUser, StoreError, secret::MIN_PASSWORD_LEN};
use serde::Deserialize;

use super::layout;
use crate::{
    AppState,
    auth::SESSION_COOKIE,
    csrf::{CsrfToken, set_cookie},
    error::PageError,
    forms::{FormState, HtmlForm},
    view::Layout,
};

#[derive(Template, WebTemplate)]
#[template(path = "setup.html")]
pub struct SetupPage {
    layout: Layout,
    form: FormState,
    token: String,
    token_valid: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupQuery {
    token: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SetupForm {
    token: String,
    organisation: String,
    admin_name: String,
    username: String,
    password: String,
    password_repeat: String,
}

pub async fn setup_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<SetupQuery>,
) -> Result<Response, PageError> {
    if state.store.organisation().await?.is_some() {
        return Ok(Redirect::to("/inloggen").into_response());
    }
    let token_valid = state.store.setup_token_valid(&q.token, state.clock.now()).await?;
    let page = SetupPage {
        layout: layout(&state, None, &csrf).await?,
        form: FormState::default(),
        token: q.token,
        token_valid,
    };
    Ok(page.into_response())
}

pub async fn setup_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<SetupForm>,
) -> Result<Response, PageError> {
    let mut form = FormState::default()
        .with("organisation", &input.organisation)
        .with("adminName", &input.admin_name)
        .with("username", &input.username);
    if input.organisation.trim().is_empty() {
        form.error("organisation", "Vul de naam van de organisatie in, zoals burgers die kennen.");
    }
    if input.admin_name.trim().is_empty() {
        form.error("adminName", "Vul uw naam in.");
    }
    if input.username.trim().is_empty() {
        form.error("username", "Kies een gebruikersnaam.");
    }
    if input.password.chars().count() < MIN_PASSWORD_LEN {
        form.error("password", format!("Kies een wachtwoord van minstens {MIN_PASSWORD_LEN} tekens."));
    } else if input.password != input.password_repeat {
        form.error("passwordRepeat", "De twee wachtwoorden zijn niet gelijk. Typ het wachtwoord nog een keer.");
    }
    if !form.has_errors() {
        let admin = NewUser {
            username: input.username.clone(),
            display_name: input.admin_name.clone(),
            password: input.password.clone(),
            role: Role::Admin,
        };
        let now = state.clock.now();
        match state.store.set_up(&input.organisation, &admin, Some(&input.token), now).await {
            Ok(user) => {
                tracing::info!(action = "setup", actor = %user.id, result = "ok");
                let token = state.store.create_session(user.id, now, state.config.session_ttl).await?;
                let mut response = Redirect::to("/klachten").into_response();
                let age = state.config.session_ttl.as_secs();
                if let Some(c) = set_cookie(SESSION_COOKIE, &token, Some(age), state.config.secure_cookies) {
                    response.headers_mut().append(header::SET_COOKIE, c);
                }
                return Ok(response);
            }
            Err(StoreError::Duplicate(_)) => return Ok(Redirect::to("/inloggen").into_response()),
            Err(StoreError::NotFound) => {
                let page = SetupPage {
                    layout: layout(&state, None, &csrf).await?,
                    form,
                    token: input.token,
                    token_valid: false,
                };
                return Ok((StatusCode::BAD_REQUEST, page).into_response());
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = SetupPage { layout: layout(&state, None, &csrf).await?, form, token: input.token, token_valid: true };
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

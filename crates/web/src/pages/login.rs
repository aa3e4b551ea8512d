//! Staff login and logout.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::Role;
use serde::Deserialize;

use super::layout;
use crate::{
    AppState,
    auth::{SESSION_COOKIE, safe_return_path},
    csrf::{CsrfToken, cookie, set_cookie},
    error::PageError,
    forms::{FormState, HtmlForm},
    view::Layout,
};

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    layout: Layout,
    form: FormState,
    back: String,
    needs_setup: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    terug: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    username: String,
    password: String,
    terug: String,
}

pub async fn login_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<LoginQuery>,
) -> Result<LoginPage, PageError> {
    let layout = layout(&state, None, &csrf).await?;
    Ok(LoginPage {
        needs_setup: state.store.organisation().await?.is_none(),
        layout,
        form: FormState::default(),
        back: safe_return_path(q.terug.as_deref()).to_owned(),
    })
}

pub async fn login_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<LoginForm>,
) -> Result<Response, PageError> {
    let mut form = FormState::default().with("username", input.username.trim());
    if input.username.trim().is_empty() {
        form.error("username", "Vul uw gebruikersnaam in.");
    }
    if input.password.is_empty() {
        form.error("password", "Vul uw wachtwoord in.");
    }
    if !form.has_errors() {
        if let Some(user) = state.store.authenticate(&input.username, &input.password).await? {
            let now = state.clock.now();
            let ttl = state.config.session_ttl;
            let token = state.store.create_session(user.id, now, ttl).await?;
            tracing::info!(action = "login", actor = %user.id, result = "ok");
            let target = match user.role {
                Role::Employee => "/klachten/registreren",
                _ => safe_return_path(Some(&input.terug)),
            };
            let mut response = Redirect::to(target).into_response();
            if let Some(c) = set_cookie(SESSION_COOKIE, &token, Some(ttl.as_secs()), state.config.secure_cookies) {
                response.headers_mut().append(header::SET_COOKIE, c);
            }
            return Ok(response);
        }
        tracing::info!(action = "login", result = "refused");
        form.error("username", "De gebruikersnaam of het wachtwoord klopt niet. Probeer het opnieuw.");
    }
    let page = LoginPage {
        layout: layout(&state, None, &csrf).await?,
        form,
        back: safe_return_path(Some(&input.terug)).to_owned(),
        needs_setup: false,
    };
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

pub async fn logout_post(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Result<Response, PageError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.delete_session(token).await?;
    }
    let mut response = Redirect::to("/inloggen").into_response();
    if let Some(c) = set_cookie(SESSION_COOKIE, "", Some(0), state.config.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(response)
}

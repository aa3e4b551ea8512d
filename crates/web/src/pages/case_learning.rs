//! Classifying a case for learning (issue 7): its subject category from the
//! organisation's list, and a handler's "important signal" flag that puts
//! it on the managers' signal list. Both are allowed after closing too.

use axum::{
    extract::{Path, State},
    response::Response,
};
use gehoord_domain::{Command, Role, learning::LearningCommand};
use serde::Deserialize;

use super::{
    case::ActionForm,
    case_actions::{Attempt, run},
    case_id,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm},
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryForm {
    category: String,
}

/// Sets or clears the case's category; only a category on the list counts.
pub async fn category_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CategoryForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default().with("category", &input.category);
    let chosen = input.category.trim();
    let category = if chosen.is_empty() {
        None
    } else if state.store.categories().await?.iter().any(|c| c.name == chosen) {
        Some(chosen.to_owned())
    } else {
        form.error("category", "Deze categorie bestaat niet. Kies een categorie uit de lijst.");
        None
    };
    let a = Attempt::new(ActionForm::Categorise, form, "leren", "categorise")
        .command(Command::Learning(LearningCommand::Categorise { category }));
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SignalForm {
    signal_reason: String,
    /// "weghalen" clears the flag.
    action: String,
}

/// Flags the case as an important signal, or clears the flag.
pub async fn signal_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<SignalForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("signalReason", &input.signal_reason);
    let command = if input.action == "weghalen" {
        LearningCommand::UnflagSignal
    } else {
        LearningCommand::FlagSignal { reason: input.signal_reason }
    };
    let a = Attempt::new(ActionForm::Signal, form, "leren", "flag_signal")
        .command(Command::Learning(command))
        .rename("reason", "signalReason");
    run(&state, &staff, &csrf, id, a).await
}

//! Registering a complaint, shared by the public form, the staff form and
//! the API: one transaction allocates the reference and writes the events.

use gehoord_domain::{
    Actor, CaseId, CaseReference, CaseState, Command, DomainError, case::Intake, error::FieldError,
    time::date_in_amsterdam,
};
use gehoord_store::StoreError;
use uuid::Uuid;

use crate::AppState;

/// Registers `intake` (its reference is replaced by the allocated one) on
/// behalf of `actor`, and returns the new case's id and reference.
pub async fn register(state: &AppState, intake: Intake, actor: Actor) -> Result<(CaseId, CaseReference), StoreError> {
    let id = Uuid::now_v7();
    let year = date_in_amsterdam(intake.received_at).year();
    let ctx = state.context(actor).await?;
    let decide_ctx = ctx.clone();
    let reference = state
        .intake
        .register(id, year, move |reference| {
            let intake = Intake { reference, ..intake };
            gehoord_domain::decide(&CaseState::New, Command::Register(Box::new(intake)), &decide_ctx)
        })
        .await?;
    tracing::info!(action = "register", case_id = %id, %reference, actor = %actor_id(&ctx.actor), result = "ok");
    Ok((id, reference))
}

/// The input problems the domain would report for `intake`, without writing
/// anything; lets a form show every problem at once, its own and the rules'.
///
/// # Errors
/// When the organisation's rules cannot be read.
pub async fn check(state: &AppState, intake: &Intake, actor: &Actor) -> Result<Vec<FieldError>, StoreError> {
    let ctx = state.context(actor.clone()).await?;
    match gehoord_domain::decide(&CaseState::New, Command::Register(Box::new(intake.clone())), &ctx) {
        Err(DomainError::Invalid(errors)) => Ok(errors),
        _ => Ok(Vec::new()),
    }
}

/// Who acted, for logs: an id, never a name (names are personal data).
pub fn actor_id(actor: &Actor) -> String {
    match actor {
        Actor::Citizen => "citizen".to_owned(),
        Actor::Staff { user_id, .. } => user_id.to_string(),
        Actor::Integration { token_id, .. } => format!("api-token:{token_id}"),
        Actor::System => "system".to_owned(),
    }
}

//! Conduct protocols on the case page (ombudsvisie §4.6): imposing one on
//! the person of this case, reviewing it, and closing a case because of an
//! active protocol of this person (which may live on another case).

use axum::{
    extract::{Path, State},
    response::Response,
};
use gehoord_domain::{
    Command, Role,
    conduct::{ConductProtocol, ContactLimit, ProtocolReview},
    time::date_in_amsterdam,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    case::ActionForm,
    case_actions::{Attempt, choose, required_date, run, some, ticked},
    case_id,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormPairs, FormState, HtmlForm},
};

const SECTION: &str = "gedragslijn";
const DATE_HINT: &str = "Vul een datum in zoals 15-03-2026.";

/// Imposes a protocol. Read as pairs: the limits are checkboxes with one name.
pub async fn impose_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(pairs): HtmlForm<FormPairs>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let get = |name: &str| pairs.get(name);
    let limits = pairs.codes("limit", ContactLimit::from_code);
    let mut form = pairs.form_state(
        &["otherLimit", "behaviour", "protocolReason", "agreementsTried", "contactContinues", "from", "reviewOn"],
        limits.iter().map(|l| l.code()),
    );
    let today = date_in_amsterdam(state.clock.now());
    let from = required_date(get("from"), &mut form, "from", DATE_HINT);
    let review_on = required_date(get("reviewOn"), &mut form, "reviewOn", DATE_HINT);
    let protocol = ConductProtocol {
        id: Uuid::now_v7(),
        limits,
        other_limit: some(get("otherLimit")),
        behaviour: get("behaviour").to_owned(),
        reason: get("protocolReason").to_owned(),
        agreements_tried: get("agreementsTried").to_owned(),
        contact_continues: get("contactContinues").to_owned(),
        from: from.unwrap_or(today),
        review_on: review_on.unwrap_or(today),
    };
    let a = Attempt::new(ActionForm::ImposeProtocol, form, SECTION, "impose_conduct_protocol")
        .command(Command::ImposeConductProtocol(protocol))
        .rename("reason", "protocolReason")
        .order(&[
            "limits",
            "otherLimit",
            "behaviour",
            "protocolReason",
            "agreementsTried",
            "contactContinues",
            "from",
            "reviewOn",
        ]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReviewForm {
    protocol_id: String,
    reviewed_on: String,
    review_note: String,
    end: String,
    next_review_on: String,
}

/// Reviews a protocol: continue until a next review, or end it.
pub async fn review_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ReviewForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("protocolId", &input.protocol_id)
        .with("reviewedOn", &input.reviewed_on)
        .with("reviewNote", &input.review_note)
        .with("end", &input.end)
        .with("nextReviewOn", &input.next_review_on);
    let today = date_in_amsterdam(state.clock.now());
    let protocol =
        choose(&input.protocol_id, |p| p.parse::<Uuid>().ok(), &mut form, "protocolId", "Kies de gedragslijn.");
    let on = required_date(&input.reviewed_on, &mut form, "reviewedOn", DATE_HINT);
    let next = if ticked(&input.end) {
        None
    } else {
        Some(
            required_date(
                &input.next_review_on,
                &mut form,
                "nextReviewOn",
                "Vul de datum van de volgende evaluatie in, of kies voor beëindigen.",
            )
            .unwrap_or(today),
        )
    };
    let mut a = Attempt::new(ActionForm::ReviewProtocol, form, SECTION, "review_conduct_protocol")
        .rename("reviewOn", "nextReviewOn")
        .order(&["protocolId", "reviewedOn", "reviewNote", "end", "nextReviewOn"]);
    if let Some(protocol) = protocol {
        let review = ProtocolReview { on: on.unwrap_or(today), note: input.review_note, next_review_on: next };
        a = a.command(Command::ReviewConductProtocol { id: protocol, review });
    }
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CloseForm {
    protocol_id: String,
    protocol_explanation: String,
    protocol_no_lesson: String,
}

/// Closes this case because of an active protocol of its person.
pub async fn close_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CloseForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("closeProtocolId", &input.protocol_id)
        .with("protocolExplanation", &input.protocol_explanation)
        .with("protocolNoLesson", &input.protocol_no_lesson);
    // Only a protocol that is active for this person counts.
    let view = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let active = state.store.protocols_for(&view.detail.complainant).await?;
    let protocol = input.protocol_id.parse::<Uuid>().ok().filter(|p| active.iter().any(|a| a.record.protocol.id == *p));
    if protocol.is_none() {
        form.error("closeProtocolId", "Kies een gedragslijn die nu geldt voor deze persoon.");
    }
    let command = Command::CloseForConductProtocol {
        protocol_id: protocol.unwrap_or_default(),
        explanation: input.protocol_explanation,
        no_lesson_reason: some(&input.protocol_no_lesson),
    };
    let a = Attempt::new(ActionForm::CloseForProtocol, form, SECTION, "close_for_conduct_protocol")
        .command(command)
        .rename("explanation", "protocolExplanation")
        .rename("noLessonReason", "protocolNoLesson")
        .order(&["closeProtocolId", "protocolExplanation", "protocolNoLesson"]);
    run(&state, &staff, &csrf, id, a).await
}

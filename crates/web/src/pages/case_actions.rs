//! What a handler does on the case page: one POST handler per domain
//! command, each posting to `/klachten/{id}/…` (POST-redirect-GET).
//!
//! A handler reads the form as text (so nothing typed is lost), turns it into
//! a command, and lets the store run it under the domain's rules. Success
//! goes back to the case page at the section that changed. Input problems
//! come back on the case page with status 400: the web's own (a date it
//! cannot read, a choice not made) and the rules' together, in the order of
//! the fields. A refusal that is not about one field (Awb 9:7, no control
//! question yet, a citizen who is not satisfied) shows at the top of the form
//! that was sent.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    CaseState, Command, DomainError, Role,
    case::{Exploration, RespondentNotice},
    contact::{Contact, ContactMethod, ContactOutcome, Initiative},
    decide,
    error::FieldError,
    escalation::EscalationReason,
    forwarding::{ControlAnswer, Forwarding},
    lesson::{Learner, Lesson, LessonLevel},
    respondent::Respondent,
    solution::{Solution, SolutionKind},
    time::date_in_amsterdam,
};
use gehoord_store::{NewAttachment, StoreError};
use jiff::civil::Date;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    case::{self, ActionForm, Submitted},
    case_id,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm, amsterdam_instant, parse_date, parse_time},
};

/// One action as the handlers prepare it for [`run`].
pub(super) struct Attempt {
    form: ActionForm,
    /// What was typed, with the problems the web itself found.
    state: FormState,
    /// The command; where input could not be read it carries a stand-in so
    /// the rules can still name their own problems. `None` when there is
    /// nothing to try.
    command: Option<Command>,
    /// Domain field names whose input has another id on the page.
    rename: Vec<(&'static str, String)>,
    /// The input ids in page order, for the error summary.
    order: Vec<String>,
    /// The section of the case page to return to (none: the top).
    section: &'static str,
    /// For the log.
    action: &'static str,
    /// A file stored with the command's events.
    file: Option<NewAttachment>,
}

impl Attempt {
    pub(super) fn new(form: ActionForm, state: FormState, section: &'static str, action: &'static str) -> Self {
        Self { form, state, command: None, rename: Vec::new(), order: Vec::new(), section, action, file: None }
    }

    pub(super) fn command(mut self, command: Command) -> Self {
        self.command = Some(command);
        self
    }

    pub(super) fn file(mut self, file: NewAttachment) -> Self {
        self.file = Some(file);
        self
    }

    pub(super) fn order(mut self, ids: &[&str]) -> Self {
        self.order = ids.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    pub(super) fn rename(mut self, field: &'static str, id: impl Into<String>) -> Self {
        self.rename.push((field, id.into()));
        self
    }

    /// Adds the rules' field problems, under the input ids of this form; a
    /// field the web already complained about keeps the web's message.
    fn add(&mut self, errors: &[FieldError]) {
        for e in errors {
            let name = e.field.name();
            let id = self
                .rename
                .iter()
                .find(|(from, _)| *from == name)
                .map_or_else(|| name.to_owned(), |(_, to)| to.clone());
            if self.state.error_for(&id).is_none() {
                self.state.error(&id, e.message.clone());
            }
        }
    }
}

/// Runs an attempt: redirect on success, the case page with 400 otherwise.
pub(super) async fn run(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    id: Uuid,
    mut a: Attempt,
) -> Result<Response, PageError> {
    let ctx = state.context(staff.actor()).await?;
    let mut refusal = None;
    if a.state.has_errors() {
        // Dry run, so every problem shows at once.
        if let Some(command) = a.command.take() {
            let events = state.store.events(id).await?;
            let current = CaseState::from_events(events.iter().map(|e| &e.event));
            if let Err(DomainError::Invalid(errors)) = decide(&current, command, &ctx) {
                a.add(&errors);
            }
        }
        tracing::info!(action = a.action, case_id = %id, actor = %staff.0.id, result = "invalid");
    } else {
        let Some(command) = a.command.take() else {
            return Err(PageError::BadRequest("Het formulier is niet goed aangekomen.".to_owned()));
        };
        let decide = |s: &CaseState| decide(s, command.clone(), &ctx);
        let result = match &a.file {
            Some(file) => state.store.execute_with_file(id, file, decide).await,
            None => state.store.execute(id, decide).await,
        };
        match result {
            Ok(_) => {
                tracing::info!(action = a.action, case_id = %id, actor = %staff.0.id, result = "ok");
                let to = match a.section {
                    "" => format!("/klachten/{id}"),
                    section => format!("/klachten/{id}#{section}"),
                };
                return Ok(Redirect::to(&to).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => {
                tracing::info!(action = a.action, case_id = %id, actor = %staff.0.id, result = "invalid");
                a.add(&errors);
            }
            Err(StoreError::Domain(e)) if !matches!(e, DomainError::NotPermitted | DomainError::NotRegistered) => {
                tracing::info!(action = a.action, case_id = %id, actor = %staff.0.id, result = "refused", code = e.code());
                refusal = Some(e.to_string());
            }
            Err(e) => return Err(e.into()),
        }
    }
    let order: Vec<&str> = a.order.iter().map(String::as_str).collect();
    a.state.order_errors(&order);
    let sent = Submitted { form: a.form, state: a.state, refusal };
    let page = case::render(state, staff, csrf, id, Some(sent)).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// A choice from a list of codes, or an error on `field`.
pub(super) fn choose<T>(
    code: &str,
    from_code: fn(&str) -> Option<T>,
    form: &mut FormState,
    field: &str,
    message: &str,
) -> Option<T> {
    let chosen = from_code(code);
    if chosen.is_none() {
        form.error(field, message);
    }
    chosen
}

/// `ja` or `nee` from a pair of radio buttons.
pub(super) fn yes_no(value: &str, form: &mut FormState, field: &str, message: &str) -> Option<bool> {
    choose(
        value,
        |v| match v {
            "ja" => Some(true),
            "nee" => Some(false),
            _ => None,
        },
        form,
        field,
        message,
    )
}

/// A date the user must give, as Dutch people type it.
pub(super) fn required_date(text: &str, form: &mut FormState, field: &str, message: &str) -> Option<Date> {
    let date = parse_date(text);
    if date.is_none() {
        form.error(field, message);
    }
    date
}

/// A date that may be left empty.
pub(super) fn optional_date(text: &str, form: &mut FormState, field: &str) -> Option<Date> {
    if text.trim().is_empty() {
        return None;
    }
    let date = parse_date(text);
    if date.is_none() {
        form.error(field, "Vul een datum in zoals 15-03-2026, of laat dit veld leeg.");
    }
    date
}

pub(super) fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// A checkbox that is ticked.
pub(super) fn ticked(value: &str) -> bool {
    value == "ja"
}

// ---------------------------------------------------------------- Binnenkomst

/// The handler takes the case (Awb 9:7 may refuse).
pub async fn take(state: AppState, staff: Staff, csrf: String, id: String) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    // Back to the top of the page, where the button was.
    let a = Attempt::new(ActionForm::Take, FormState::default(), "", "take_into_handling")
        .command(Command::TakeIntoHandling);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AssignForm {
    handler_id: String,
}

/// A manager assigns the case to a handler.
pub async fn assign_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<AssignForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_assign)?;
    let id = case_id(&id)?;
    let mut form = FormState::default().with("handlerId", &input.handler_id);
    let user = match input.handler_id.parse::<Uuid>() {
        Ok(user_id) => state.store.user(user_id).await?.filter(|u| u.active && u.role.may_handle()),
        Err(_) => None,
    };
    if user.is_none() {
        form.error("handlerId", "Kies een behandelaar uit de lijst.");
    }
    let mut a = Attempt::new(ActionForm::Assign, form, "behandelaar", "assign_handler").order(&["handlerId"]);
    if let Some(user) = user {
        a = a.command(Command::AssignHandler { user_id: user.id, name: user.display_name });
    }
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RespondentForm {
    respondent_name: String,
    respondent_department: String,
    respondent_user: String,
}

/// Records an employee involved in the conduct complained about.
pub async fn respondent_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<RespondentForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("respondentName", &input.respondent_name)
        .with("respondentDepartment", &input.respondent_department)
        .with("respondentUser", &input.respondent_user);
    let account = match input.respondent_user.trim() {
        "" => None,
        raw => {
            let user = match raw.parse::<Uuid>() {
                Ok(user_id) => state.store.user(user_id).await?,
                Err(_) => None,
            };
            if user.is_none() {
                form.error("respondentUser", "Kies een medewerker uit de lijst, of laat dit leeg.");
            }
            user
        }
    };
    // Choosing the account is enough: its name is the respondent's name.
    let name = match (&account, input.respondent_name.trim()) {
        (Some(user), "") => user.display_name.clone(),
        _ => input.respondent_name.clone(),
    };
    let respondent = Respondent {
        id: Uuid::now_v7(),
        user_id: account.map(|u| u.id),
        name,
        department: some(&input.respondent_department),
    };
    let a = Attempt::new(ActionForm::Respondent, form, "betrokkenen", "add_respondent")
        .command(Command::AddRespondent(respondent))
        .order(&["respondentName", "respondentDepartment", "respondentUser"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BodyConductForm {
    body_conduct_reason: String,
}

/// Awb 9:7 lid 2: an admin records that the conduct is the body's own.
pub async fn body_conduct_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<BodyConductForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_mark_body_conduct)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("bodyConductReason", &input.body_conduct_reason);
    let a = Attempt::new(ActionForm::BodyConduct, form, "betrokkenen", "mark_body_conduct")
        .command(Command::MarkBodyConduct { reason: input.body_conduct_reason })
        .rename("reason", "bodyConductReason")
        .order(&["bodyConductReason"]);
    run(&state, &staff, &csrf, id, a).await
}

// ---------------------------------------------------------------- Verkennen

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContactForm {
    contact_method: String,
    initiative: String,
    outcome: String,
    contact_date: String,
    contact_time: String,
    summary: String,
    preference_overridden: String,
}

/// Logs a contact or an attempt; against a preference for written contact
/// only with the box ticked.
pub async fn contact_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ContactForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("contactMethod", &input.contact_method)
        .with("initiative", &input.initiative)
        .with("outcome", &input.outcome)
        .with("contactDate", &input.contact_date)
        .with("contactTime", &input.contact_time)
        .with("summary", &input.summary)
        .with("preferenceOverridden", &input.preference_overridden);
    let method = choose(
        &input.contact_method,
        ContactMethod::from_code,
        &mut form,
        "contactMethod",
        "Kies hoe het contact was: telefoon, gesprek, e-mail of een andere vorm.",
    );
    let initiative =
        choose(&input.initiative, Initiative::from_code, &mut form, "initiative", "Kies wie het initiatief nam.");
    let outcome =
        choose(&input.outcome, ContactOutcome::from_code, &mut form, "outcome", "Kies of u de burger hebt bereikt.");
    let at = match (parse_date(&input.contact_date), parse_time(&input.contact_time)) {
        (Some(d), Some(t)) => amsterdam_instant(d, t),
        _ => None,
    };
    if at.is_none() {
        form.error("contactAt", "Vul de datum en de tijd van het contact in, zoals 15-03-2026 en 14:05.");
    }
    let contact = Contact {
        at: at.unwrap_or_else(|| state.clock.now()),
        method: method.unwrap_or(ContactMethod::Email),
        initiative: initiative.unwrap_or(Initiative::Organisation),
        outcome: outcome.unwrap_or(ContactOutcome::Reached),
        summary: input.summary,
    };
    let command = Command::LogContact { contact, preference_overridden: ticked(&input.preference_overridden) };
    let a = Attempt::new(ActionForm::Contact, form, "contacten", "log_contact").command(command).order(&[
        "contactMethod",
        "initiative",
        "outcome",
        "contactAt",
        "summary",
    ]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExplorationForm {
    core: String,
    wishes: String,
    expectations: String,
    procedure_explained: String,
}

/// Records the core of the complaint, the citizen's wishes and expectations.
pub async fn exploration_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ExplorationForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let form = FormState::default()
        .with("core", &input.core)
        .with("wishes", &input.wishes)
        .with("expectations", &input.expectations)
        .with("procedureExplained", &input.procedure_explained);
    let exploration = Exploration {
        core: input.core,
        wishes: input.wishes,
        expectations: some(&input.expectations),
        procedure_explained: ticked(&input.procedure_explained),
    };
    let a = Attempt::new(ActionForm::Exploration, form, "verkenning", "record_exploration")
        .command(Command::RecordExploration(exploration))
        .order(&["core", "wishes", "expectations"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct InformedForm {
    informed_on: String,
    how: String,
}

/// Records that the respondent was told about the complaint and the procedure.
pub async fn informed_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<InformedForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default().with("informedOn", &input.informed_on).with("how", &input.how);
    let on = required_date(
        &input.informed_on,
        &mut form,
        "informedOn",
        "Vul de datum in waarop de medewerker is geïnformeerd, zoals 15-03-2026.",
    );
    let notice = RespondentNotice { on: on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())), how: input.how };
    let a = Attempt::new(ActionForm::RespondentInformed, form, "betrokkene-geinformeerd", "record_respondent_informed")
        .command(Command::RecordRespondentInformed(notice))
        .order(&["informedOn", "how"]);
    run(&state, &staff, &csrf, id, a).await
}

// ---------------------------------------------------------------- Oplossen

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SolutionForm {
    solution_kind: String,
    solution_description: String,
    reasoning: String,
    consulted: String,
    agreed: String,
}

/// Records a solution, tried or agreed, with its reasoning.
pub async fn solution_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<SolutionForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("solutionKind", &input.solution_kind)
        .with("solutionDescription", &input.solution_description)
        .with("reasoning", &input.reasoning)
        .with("consulted", &input.consulted)
        .with("agreed", &input.agreed);
    let kind =
        choose(&input.solution_kind, SolutionKind::from_code, &mut form, "solutionKind", "Kies het soort oplossing.");
    let agreed = yes_no(
        &input.agreed,
        &mut form,
        "agreed",
        "Kies of de oplossing met de burger is afgesproken of alleen is geprobeerd.",
    );
    let solution = Solution {
        kind: kind.unwrap_or(SolutionKind::Other),
        description: input.solution_description,
        reasoning: input.reasoning,
        consulted: some(&input.consulted),
        agreed: agreed.unwrap_or(false),
    };
    let a = Attempt::new(ActionForm::Solution, form, "oplossingen", "record_solution")
        .command(Command::RecordSolution(solution))
        .order(&["solutionKind", "solutionDescription", "reasoning", "consulted", "agreed"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommitmentForm {
    what: String,
    to_whom: String,
    owner: String,
    due: String,
}

/// Makes a commitment (toezegging) with an owner and a due date.
pub async fn commitment_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CommitmentForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("what", &input.what)
        .with("toWhom", &input.to_whom)
        .with("owner", &input.owner)
        .with("due", &input.due);
    let due = required_date(
        &input.due,
        &mut form,
        "due",
        "Vul de datum in waarop de toezegging uiterlijk is nagekomen, zoals 15-03-2026.",
    );
    let command = Command::MakeCommitment {
        id: Uuid::now_v7(),
        what: input.what,
        to_whom: input.to_whom,
        owner: input.owner,
        due: due.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
    };
    let a = Attempt::new(ActionForm::Commitment, form, "toezeggingen", "make_commitment")
        .command(command)
        .order(&["what", "toWhom", "owner", "due"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SettleForm {
    result: String,
    explanation: String,
    settled_on: String,
}

/// Settles a commitment: kept, or broken with an explanation.
pub async fn settle_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path((id, commitment)): Path<(String, String)>,
    HtmlForm(input): HtmlForm<SettleForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let commitment = case_id(&commitment)?;
    let result_id = format!("result-{commitment}");
    let explanation_id = format!("explanation-{commitment}");
    let settled_on_id = format!("settledOn-{commitment}");
    let mut form = FormState::default()
        .with("result", &input.result)
        .with("explanation", &input.explanation)
        .with("settledOn", &input.settled_on);
    let today = date_in_amsterdam(state.clock.now());
    let on = match input.settled_on.trim() {
        "" => Some(today),
        text => parse_date(text),
    };
    if on.is_none() {
        form.error(&settled_on_id, "Vul een datum in zoals 15-03-2026, of laat het veld leeg voor vandaag.");
    }
    let kept = choose(
        &input.result,
        |v| match v {
            "kept" => Some(true),
            "broken" => Some(false),
            _ => None,
        },
        &mut form,
        &result_id,
        "Kies of de toezegging is nagekomen of niet.",
    );
    let command = Command::SettleCommitment {
        id: commitment,
        kept: kept.unwrap_or(true),
        explanation: some(&input.explanation),
        on: on.unwrap_or(today),
    };
    let a = Attempt::new(ActionForm::Settle(commitment), form, "toezeggingen", "settle_commitment")
        .command(command)
        .rename("explanation", explanation_id.clone())
        .rename("settledOn", settled_on_id.clone())
        .order(&[result_id.as_str(), settled_on_id.as_str(), explanation_id.as_str()]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EscalateForm {
    escalation_reason: String,
    escalation_explanation: String,
    requested_decision: String,
}

/// Asks a manager for a decision.
pub async fn escalate_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<EscalateForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("escalationReason", &input.escalation_reason)
        .with("escalationExplanation", &input.escalation_explanation)
        .with("requestedDecision", &input.requested_decision);
    let reason = choose(
        &input.escalation_reason,
        EscalationReason::from_code,
        &mut form,
        "escalationReason",
        "Kies waarom u de leidinggevende nodig hebt.",
    );
    let command = Command::Escalate {
        id: Uuid::now_v7(),
        reason: reason.unwrap_or(EscalationReason::Other),
        explanation: input.escalation_explanation,
        requested_decision: input.requested_decision,
    };
    let a = Attempt::new(ActionForm::Escalate, form, "escalaties", "escalate")
        .command(command)
        .rename("explanation", "escalationExplanation")
        .order(&["escalationReason", "escalationExplanation", "requestedDecision"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AnswerForm {
    decision: String,
}

/// A manager decides on an escalation.
pub async fn answer_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path((id, escalation)): Path<(String, String)>,
    HtmlForm(input): HtmlForm<AnswerForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_answer_escalations)?;
    let id = case_id(&id)?;
    let escalation = case_id(&escalation)?;
    let decision_id = format!("decision-{escalation}");
    let form = FormState::default().with("decision", &input.decision);
    let a = Attempt::new(ActionForm::Answer(escalation), form, "escalaties", "answer_escalation")
        .command(Command::AnswerEscalation { id: escalation, decision: input.decision })
        .rename("decision", decision_id.clone())
        .order(&[decision_id.as_str()]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ForwardForm {
    organisation: String,
    contact_person: String,
    citizen_agreed: String,
    notice_sent_on: String,
    keeps_part: String,
}

/// Awb 2:3: forwards the complaint to the competent organisation.
pub async fn forward_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ForwardForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("organisation", &input.organisation)
        .with("contactPerson", &input.contact_person)
        .with("citizenAgreed", &input.citizen_agreed)
        .with("noticeSentOn", &input.notice_sent_on)
        .with("keepsPart", &input.keeps_part);
    let notice_sent_on = optional_date(&input.notice_sent_on, &mut form, "noticeSentOn");
    let forwarding = Forwarding {
        organisation: input.organisation,
        contact_person: input.contact_person,
        citizen_agreed: ticked(&input.citizen_agreed),
        notice_sent_on,
        keeps_part: ticked(&input.keeps_part),
    };
    let a = Attempt::new(ActionForm::Forward, form, "doorsturen", "forward")
        .command(Command::Forward(forwarding))
        .order(&["organisation", "contactPerson", "noticeSentOn"]);
    run(&state, &staff, &csrf, id, a).await
}

// ---------------------------------------------------------------- Afronden

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LessonForm {
    lesson_level: String,
    learner: String,
    lesson_text: String,
    positive: String,
}

/// Records what the organisation can learn.
pub async fn lesson_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<LessonForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("lessonLevel", &input.lesson_level)
        .with("learner", &input.learner)
        .with("lessonText", &input.lesson_text)
        .with("positive", &input.positive);
    let level = choose(
        &input.lesson_level,
        LessonLevel::from_code,
        &mut form,
        "lessonLevel",
        "Kies waar het leerpunt over gaat.",
    );
    let learner = choose(&input.learner, Learner::from_code, &mut form, "learner", "Kies wie hiervan moet leren.");
    let lesson = Lesson {
        id: uuid::Uuid::now_v7(),
        positive: ticked(&input.positive),
        level: level.unwrap_or(LessonLevel::Case),
        learner: learner.unwrap_or(Learner::Team),
        text: input.lesson_text,
    };
    let a = Attempt::new(ActionForm::Lesson, form, "leerpunten", "record_lesson")
        .command(Command::RecordLesson(lesson))
        .order(&["lessonLevel", "learner", "lessonText"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ControlForm {
    satisfied: String,
    all_addressed: String,
    how_asked: String,
    wants_letter: String,
    control_note: String,
}

/// Awb 9:5: records the answer to the control question.
pub async fn control_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ControlForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("satisfied", &input.satisfied)
        .with("allAddressed", &input.all_addressed)
        .with("howAsked", &input.how_asked)
        .with("wantsLetter", &input.wants_letter)
        .with("controlNote", &input.control_note);
    let satisfied = yes_no(&input.satisfied, &mut form, "satisfied", "Kies of de burger tevreden is.");
    let all_addressed =
        yes_no(&input.all_addressed, &mut form, "allAddressed", "Kies of alles besproken is wat de burger wilde.");
    let how_asked =
        choose(&input.how_asked, ContactMethod::from_code, &mut form, "howAsked", "Kies hoe u het hebt gevraagd.");
    let answer = ControlAnswer {
        satisfied: satisfied.unwrap_or(false),
        all_addressed: all_addressed.unwrap_or(false),
        how_asked: how_asked.unwrap_or(ContactMethod::Phone),
        wants_letter: ticked(&input.wants_letter),
        note: some(&input.control_note),
    };
    let a = Attempt::new(ActionForm::Control, form, "controlevraag", "answer_control_question")
        .command(Command::AnswerControlQuestion(answer))
        .order(&["satisfied", "allAddressed", "howAsked", "controlNote"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CloseForm {
    no_lesson_reason: String,
}

/// Closes a solved case; the rules ask for a yes to the control question.
pub async fn close_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CloseForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("noLessonReason", &input.no_lesson_reason);
    let a = Attempt::new(ActionForm::Close, form, "afronden", "close_solved")
        .command(Command::CloseSolved { no_lesson_reason: some(&input.no_lesson_reason) })
        .order(&["noLessonReason"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReopenForm {
    reopen_reason: String,
}

/// The door stays open: reopens a closed case, at any time.
pub async fn reopen_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ReopenForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_reopen)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("reopenReason", &input.reopen_reason);
    let a = Attempt::new(ActionForm::Reopen, form, "afronden", "reopen")
        .command(Command::Reopen { reason: input.reopen_reason })
        .rename("reason", "reopenReason")
        .order(&["reopenReason"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DeclineReopenForm {
    decline_explanation: String,
}

/// Answers the citizen's request to reopen without reopening, with the
/// reason (reopening itself is the form "Heropenen").
pub async fn decline_reopen_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<DeclineReopenForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_reopen)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("declineExplanation", &input.decline_explanation);
    let a = Attempt::new(ActionForm::DeclineReopen, form, "burger", "decline_reopen_request")
        .command(Command::DeclineReopenRequest { explanation: input.decline_explanation })
        .rename("explanation", "declineExplanation")
        .order(&["declineExplanation"]);
    run(&state, &staff, &csrf, id, a).await
}

//! The citizen's private status page, reached through the unguessable link
//! from the confirmation page (no account): where the complaint is, what
//! comes next, the letters sent, and what the citizen can do themselves —
//! add information or a file, answer the control question, ask to reopen,
//! and say how the handling went. Every action is an event on the case.
//!
//! The token is the only key: it never appears in logs (the request span
//! shortens these paths), pages say `no-referrer` and are not cached.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, Path, Query, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    Actor, CaseId, CaseState, Command, DomainError,
    case::Case,
    citizen::{CitizenCommand, Feedback, Progress, Stage, progress},
    decide,
    evidence::{Evidence, EvidenceKind, EvidenceSource, kind_of},
    time::date_in_amsterdam,
};
use gehoord_store::{NewAttachment, StoreError};
use serde::Deserialize;
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use super::{case_actions::yes_no, case_evidence::sniff, layout, letters::pdf_download};
use crate::{
    AppState,
    csrf::{CsrfToken, cookie, set_cookie},
    error::PageError,
    forms::{FormState, HtmlForm},
    view::{self, Layout},
};

/// The headers every status-page response carries.
const PRIVATE: [(HeaderName, HeaderValue); 3] = [
    (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    (HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex")),
];

/// The browser's pass after the right e-mailed code.
const ACCESS_COOKIE: &str = "gehoord_status";

/// Whether this browser may see the page: always, unless the organisation
/// asks for a code by e-mail and the complainant gave an address (a page
/// without one could not be opened at all).
async fn let_in(state: &AppState, headers: &HeaderMap, token: &str, case: &Case) -> Result<bool, PageError> {
    if case.complainant.email.is_none() || !state.store.status_code_required().await? {
        return Ok(true);
    }
    match cookie(headers, ACCESS_COOKIE) {
        Some(access) => Ok(state.store.status_access_valid(token, access, state.clock.now()).await?),
        None => Ok(false),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "status_code.html")]
pub struct CodePage {
    layout: Layout,
    token: String,
    sent: bool,
    form: FormState,
}

async fn code_page(
    state: &AppState,
    csrf: &str,
    token: &str,
    sent: bool,
    form: FormState,
) -> Result<Response, PageError> {
    let status = if form.has_errors() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let page = CodePage { layout: layout(state, None, csrf).await?, token: token.to_owned(), sent, form };
    Ok(private((status, page)))
}

/// One step of the progress list.
#[derive(Debug, Clone)]
pub struct StepLine {
    pub label: &'static str,
    /// "done", "current" or "todo".
    pub state: &'static str,
}

/// A letter the citizen received.
#[derive(Debug, Clone)]
pub struct LetterLine {
    pub id: Uuid,
    pub subject: String,
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "status.html")]
pub struct StatusPage {
    layout: Layout,
    token: String,
    reference: String,
    received: String,
    steps: Vec<StepLine>,
    progress: Progress,
    next: Option<(String, String)>,
    letters: Vec<LetterLine>,
    /// The citizen's own additions, newest first.
    added: Vec<(String, String)>,
    form: FormState,
    notice: Option<&'static str>,
    yes_no: Vec<(&'static str, &'static str)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeQuery {
    ontvangen: Option<String>,
    code: Option<String>,
}

/// The case behind a token; an unknown or revoked link is a page that does
/// not exist (the same answer for both, so nothing is learned by trying).
async fn case_for(state: &AppState, token: &str) -> Result<(CaseId, Case), PageError> {
    let looks_right = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !looks_right {
        return Err(PageError::NotFound);
    }
    let id = state.store.case_by_status_token(token).await?.ok_or(PageError::NotFound)?;
    let events = state.store.events(id).await?;
    let case = CaseState::from_events(events.iter().map(|e| &e.event)).case().cloned().ok_or(PageError::NotFound)?;
    Ok((id, case))
}

fn steps(stage: Stage, formal: bool) -> Vec<StepLine> {
    let mut order = vec![Stage::Received, Stage::InConversation];
    if formal {
        order.extend([Stage::Investigating, Stage::HearingPlanned]);
    }
    order.push(Stage::Closed);
    let at = order.iter().position(|s| *s == stage).unwrap_or(0);
    order
        .into_iter()
        .enumerate()
        .map(|(i, s)| StepLine {
            label: s.label(),
            state: match i.cmp(&at) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            },
        })
        .collect()
}

async fn page(
    state: &AppState,
    csrf: &str,
    token: &str,
    case: &Case,
    form: FormState,
    notice: Option<&'static str>,
) -> Result<StatusPage, PageError> {
    let today = date_in_amsterdam(state.clock.now());
    let progress = progress(case, today);
    let mut added: Vec<(String, String)> =
        case.added_information.iter().map(|a| (view::date_time(a.at), a.text.clone())).collect();
    added.reverse();
    Ok(StatusPage {
        layout: layout(state, None, csrf).await?,
        token: token.to_owned(),
        reference: case.reference.to_string(),
        received: view::long_date(date_in_amsterdam(case.received_at)),
        steps: steps(progress.stage, case.formal.started.is_some()),
        next: progress.next.as_ref().map(|(d, what)| (view::long_date(*d), what.clone())),
        letters: case
            .letters
            .iter()
            .filter(|l| !l.letter.kind.to_respondent())
            .map(|l| LetterLine { id: l.id, subject: l.letter.subject.clone(), date: view::long_date(l.letter.date) })
            .collect(),
        added,
        progress,
        form,
        notice,
        yes_no: vec![("ja", "Ja"), ("nee", "Nee")],
    })
}

fn private(response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    for (name, value) in PRIVATE {
        response.headers_mut().insert(name, value);
    }
    response
}

pub async fn status_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    Query(q): Query<NoticeQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (_, case) = case_for(&state, &token).await?;
    if !let_in(&state, &headers, &token, &case).await? {
        return code_page(&state, &csrf, &token, q.code.is_some(), FormState::default()).await;
    }
    let notice = q.ontvangen.map(|_| "Dank u wel. Wij hebben het ontvangen en de klachtbehandelaar ziet het.");
    Ok(private(page(&state, &csrf, &token, &case, FormState::default(), notice).await?))
}

/// Runs a citizen action; on success back to the page with a thank-you, on
/// refusal the page again (400) with the reasons at the fields.
async fn act(
    state: &AppState,
    csrf: &str,
    headers: &HeaderMap,
    token: &str,
    mut form: FormState,
    action: CitizenCommand,
    file: Option<NewAttachment>,
) -> Result<Response, PageError> {
    let (id, case) = case_for(state, token).await?;
    if !let_in(state, headers, token, &case).await? {
        return Ok(private(Redirect::to(&format!("/mijn-klacht/{token}"))));
    }
    let ctx = state.context(Actor::Citizen).await?;
    if !form.has_errors() {
        let command = Command::Citizen(action.clone());
        let decided = |s: &CaseState| decide(s, command.clone(), &ctx);
        let result = match &file {
            Some(f) => state.store.execute_with_file(id, f, decided).await,
            None => state.store.execute(id, decided).await,
        };
        match result {
            Ok(_) => {
                tracing::info!(action = "citizen_action", case_id = %id, result = "ok");
                return Ok(private(Redirect::to(&format!("/mijn-klacht/{token}?ontvangen=1"))));
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => form.domain_errors(&errors),
            Err(StoreError::Domain(e)) if !matches!(e, DomainError::NotPermitted) => {
                form.error("status", e.to_string());
            }
            Err(e) => return Err(e.into()),
        }
    }
    tracing::info!(action = "citizen_action", case_id = %id, result = "invalid");
    let page = page(state, csrf, token, &case, form, None).await?;
    Ok(private((StatusCode::BAD_REQUEST, page)))
}

/// More information, a file, or both.
pub async fn information_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let broken = |_| PageError::BadRequest("Het formulier is niet goed aangekomen. Probeer het nog eens.".to_owned());
    let (mut text, mut file_name, mut content) = (String::new(), String::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name().unwrap_or_default() {
            "information" => text = field.text().await.map_err(broken)?,
            "file" => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                content = field.bytes().await.map_err(broken)?.to_vec();
            }
            _ => {}
        }
    }
    let mut form = FormState::default().with("information", &text);
    let (file, evidence) = if content.is_empty() {
        (None, None)
    } else {
        // Unknown content keeps a type no rule accepts, so the rules name it.
        let media_type = sniff(&content).unwrap_or("application/octet-stream");
        if kind_of(media_type) == Some(EvidenceKind::Audio) {
            form.error("file", "Een geluidsopname kunt u hier niet sturen. Bel ons, dan spreken we af hoe.");
        }
        let sha256 = hex::encode(Sha256::digest(&content));
        let evidence = Evidence {
            id: Uuid::now_v7(),
            file_name,
            media_type: media_type.to_owned(),
            size: u64::try_from(content.len()).unwrap_or(u64::MAX),
            sha256: sha256.clone(),
            description: "Toegevoegd door de klager via de statuspagina".to_owned(),
            source: EvidenceSource::Complainant,
            audio: None,
        };
        let file = NewAttachment { id: evidence.id, sha256, media_type: media_type.to_owned(), content };
        (Some(file), Some(evidence))
    };
    act(&state, &csrf, &headers, &token, form, CitizenCommand::AddInformation { text, file: evidence }, file).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ControlForm {
    satisfied: String,
    #[serde(rename = "allAddressed")]
    all_addressed: String,
    note: String,
}

pub async fn control_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    headers: HeaderMap,
    HtmlForm(input): HtmlForm<ControlForm>,
) -> Result<Response, PageError> {
    let mut form = FormState::default()
        .with("satisfied", &input.satisfied)
        .with("allAddressed", &input.all_addressed)
        .with("note", &input.note);
    let satisfied =
        yes_no(&input.satisfied, &mut form, "satisfied", "Kies ja of nee: bent u tevreden met de oplossing?");
    let all_addressed =
        yes_no(&input.all_addressed, &mut form, "allAddressed", "Kies ja of nee: is alles besproken wat u wilde?");
    // A missing answer is an error at its field, so the action does not run.
    let action = CitizenCommand::AnswerControlQuestion {
        satisfied: satisfied.unwrap_or(false),
        all_addressed: all_addressed.unwrap_or(false),
        note: Some(input.note),
    };
    act(&state, &csrf, &headers, &token, form, action, None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReopenForm {
    reason: String,
}

pub async fn reopen_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    headers: HeaderMap,
    HtmlForm(input): HtmlForm<ReopenForm>,
) -> Result<Response, PageError> {
    let form = FormState::default().with("reason", &input.reason);
    act(&state, &csrf, &headers, &token, form, CitizenCommand::RequestReopen { reason: input.reason }, None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FeedbackForm {
    handling_satisfied: String,
    may_contact: String,
    feedback: String,
}

pub async fn feedback_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    headers: HeaderMap,
    HtmlForm(input): HtmlForm<FeedbackForm>,
) -> Result<Response, PageError> {
    let mut form = FormState::default()
        .with("handlingSatisfied", &input.handling_satisfied)
        .with("mayContact", &input.may_contact)
        .with("feedback", &input.feedback);
    let satisfied = yes_no(
        &input.handling_satisfied,
        &mut form,
        "handlingSatisfied",
        "Kies ja of nee: bent u tevreden over hoe wij uw klacht behandelden?",
    )
    .unwrap_or(false);
    let may_contact = input.may_contact == "ja";
    let feedback = Feedback { satisfied, may_contact, text: Some(input.feedback) };
    act(&state, &csrf, &headers, &token, form, CitizenCommand::GiveFeedback(feedback), None).await
}

/// A letter the complainant received, as the PDF kept when it was sent.
pub async fn letter_get(
    State(state): State<AppState>,
    Path((token, letter)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (id, case) = case_for(&state, &token).await?;
    if !let_in(&state, &headers, &token, &case).await? {
        return Ok(private(Redirect::to(&format!("/mijn-klacht/{token}"))));
    }
    let letter_id: Uuid = letter.trim_end_matches(".pdf").parse().map_err(|_| PageError::NotFound)?;
    let sent =
        case.letters.iter().find(|l| l.id == letter_id && !l.letter.kind.to_respondent()).ok_or(PageError::NotFound)?;
    Ok(private(pdf_download(&state, id, &case, sent).await?))
}

/// Sends a new code to the complainant's e-mail address.
pub async fn code_post(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, PageError> {
    let (id, case) = case_for(&state, &token).await?;
    let code = state.store.issue_status_code(&token, state.clock.now()).await?;
    if let Some(notice) = gehoord_domain::notification::access_code(&case, &code) {
        state.store.queue_notification(id, &notice, state.clock.now()).await?;
    }
    tracing::info!(action = "status_code", case_id = %id, result = "sent");
    Ok(private(Redirect::to(&format!("/mijn-klacht/{token}?code=verstuurd"))))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    code: String,
}

/// The code from the e-mail: right, and this browser may see the page.
pub async fn access_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    HtmlForm(input): HtmlForm<CodeForm>,
) -> Result<Response, PageError> {
    let (id, _) = case_for(&state, &token).await?;
    match state.store.check_status_code(&token, &input.code, state.clock.now()).await? {
        Some(access) => {
            tracing::info!(action = "status_access", case_id = %id, result = "ok");
            let mut response = private(Redirect::to(&format!("/mijn-klacht/{token}")));
            let age = 12 * 60 * 60;
            if let Some(c) = set_cookie(ACCESS_COOKIE, &access, Some(age), state.config.secure_cookies) {
                response.headers_mut().append(header::SET_COOKIE, c);
            }
            Ok(response)
        }
        None => {
            tracing::info!(action = "status_access", case_id = %id, result = "refused");
            let mut form = FormState::default();
            form.error(
                "code",
                "Deze code klopt niet of werkt niet meer. Kijk of u de code goed overnam, of vraag een nieuwe code.",
            );
            code_page(&state, &csrf, &token, true, form).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_show_where_the_complaint_is() {
        let states = |stage, formal| steps(stage, formal).iter().map(|s| s.state).collect::<Vec<_>>();
        assert_eq!(states(Stage::Received, false), ["current", "todo", "todo"]);
        assert_eq!(states(Stage::Closed, false), ["done", "done", "current"]);
        assert_eq!(states(Stage::HearingPlanned, true), ["done", "done", "done", "current", "todo"]);
    }
}

//! The lessons register as `/v1/leerpunten`: list with filters, one lesson
//! with its complaints and history, writing a lesson directly, and the steps
//! of its life (agree, carry out, reject, propose again, link a complaint,
//! tell the citizens). Every call needs an API token; the integrating
//! system is the actor in the lesson's history.
//!
//! Linking a complaint to a lesson is not offered here: it is also an event
//! on the complaint, and the case's rules let only staff classify a case
//! (`learning::decide`). Staff link on the case page or the lesson page.

use axum::{
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use gehoord_domain::{
    Actor, DomainError,
    lesson::register::{self, CitizensTold, LessonCommand, LessonStatus, Proposal},
    time::date_in_amsterdam,
};
use gehoord_store::{LessonDetail, LessonQuery, LessonRow, LessonStatusFilter, StoreError};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    codes::{LearnerCode, LessonLevelCode, LessonStatusCode},
    extract::{ApiJson, Integration},
    problem::{InvalidParam, Problem},
};
use crate::AppState;

const DEFAULT_PAGE_SIZE: u32 = 20;
const MAX_PAGE_SIZE: u32 = 100;

/// A lesson in a list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonSummary {
    id: Uuid,
    text: String,
    level: LessonLevelCode,
    learner: LearnerCode,
    /// An employee or team did well.
    positive: bool,
    department: Option<String>,
    status: LessonStatusCode,
    /// Proposed, or agreed and not carried out (a passed-on positive lesson is finished).
    open: bool,
    /// Agreed, not done, and the due date has passed.
    overdue: bool,
    action: Option<String>,
    owner: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    due: Option<Date>,
    citizens_told: bool,
    /// How many complaints the lesson came from or happened again in.
    complaint_count: i64,
    /// When it was proposed (RFC 3339).
    proposed_at: String,
}

/// A page of lessons.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonList {
    page: u32,
    page_size: u32,
    total: u64,
    /// False when there are more matches than were counted.
    total_is_exact: bool,
    items: Vec<LessonSummary>,
    links: LessonPageLinks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonPageLinks {
    #[serde(rename = "self")]
    this: String,
    next: Option<String>,
    prev: Option<String>,
}

/// What was done, and when.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonCompletion {
    what_was_done: String,
    #[schema(value_type = String, format = Date)]
    on: Date,
}

/// That, when and how the citizens were told what changed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonCitizensTold {
    #[schema(value_type = String, format = Date)]
    on: Date,
    how: String,
}

/// A complaint the lesson came from or happened again in.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonComplaint {
    id: Uuid,
    reference: String,
    summary: String,
    /// When it was linked (RFC 3339).
    linked_at: String,
}

/// One line of a lesson's history.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonHistoryItem {
    /// RFC 3339.
    at: String,
    actor: String,
    /// The stable event type, e.g. `lesson_agreed`.
    #[serde(rename = "type")]
    kind: String,
    /// One Dutch line.
    description: String,
    detail: Option<String>,
}

/// A lesson with its complaints and history.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lesson {
    id: Uuid,
    text: String,
    level: LessonLevelCode,
    learner: LearnerCode,
    positive: bool,
    department: Option<String>,
    status: LessonStatusCode,
    open: bool,
    overdue: bool,
    /// The agreed improvement action; never for a positive lesson.
    action: Option<String>,
    /// Who carries it out; for a positive lesson, to whom it was passed on.
    owner: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    due: Option<Date>,
    completion: Option<LessonCompletion>,
    rejection_reason: Option<String>,
    citizens_told: Option<LessonCitizensTold>,
    proposed_at: String,
    proposed_by: String,
    complaints: Vec<LessonComplaint>,
    history: Vec<LessonHistoryItem>,
}

/// Filters and paging for `GET /v1/leerpunten`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page number, from 1. Default 1.
    #[param(value_type = Option<u32>, minimum = 1)]
    page: Option<String>,
    /// Items per page, 1–100. Default 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    page_size: Option<String>,
    /// `open` (default), `all`, or one status: `proposed`, `agreed`, `done`, `rejected`.
    status: Option<String>,
    /// Only lessons of this department.
    department: Option<String>,
    /// Only this level.
    #[param(value_type = Option<LessonLevelCode>)]
    level: Option<String>,
    /// `true`: only positive lessons; `false`: only improvements.
    #[param(value_type = Option<bool>)]
    positive: Option<String>,
    /// `true`: only agreed actions past their due date.
    #[param(value_type = Option<bool>)]
    overdue: Option<String>,
    /// Words in the lesson's text.
    text: Option<String>,
}

impl ListParams {
    #[expect(clippy::result_large_err, reason = "made once per request; boxing would buy nothing")]
    fn to_query(&self, today: Date) -> Result<LessonQuery, Problem> {
        let mut problems = Vec::new();
        let mut bad = |name: &str, reason: &str| {
            problems.push(InvalidParam {
                name: name.to_owned(),
                code: "invalid".to_owned(),
                reason: reason.to_owned(),
            });
        };
        let number = |v: &Option<String>| v.as_deref().map(|s| s.parse::<u32>().ok());
        let page = match number(&self.page) {
            None => 1,
            Some(Some(p)) if p >= 1 => p,
            Some(_) => {
                bad("page", "Het paginanummer is een heel getal vanaf 1.");
                1
            }
        };
        let page_size = match number(&self.page_size) {
            None => DEFAULT_PAGE_SIZE,
            Some(Some(s)) if (1..=MAX_PAGE_SIZE).contains(&s) => s,
            Some(_) => {
                bad("pageSize", "De paginagrootte is een heel getal van 1 tot en met 100.");
                DEFAULT_PAGE_SIZE
            }
        };
        let status = match self.status.as_deref() {
            None | Some("open") => LessonStatusFilter::Open,
            Some("all") => LessonStatusFilter::All,
            Some(code) => LessonStatus::from_code(code).map_or_else(
                || {
                    bad("status", "Kies open, all, proposed, agreed, done of rejected.");
                    LessonStatusFilter::Open
                },
                LessonStatusFilter::Is,
            ),
        };
        let level = self.level.as_deref().and_then(|l| {
            let level = gehoord_domain::lesson::LessonLevel::from_code(l);
            if level.is_none() {
                bad("level", "Kies case, execution of policy.");
            }
            level
        });
        let mut flag = |name: &str, value: Option<&str>| match value {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(_) => {
                bad(name, "Kies true of false.");
                None
            }
        };
        let positive = flag("positive", self.positive.as_deref());
        let overdue = flag("overdue", self.overdue.as_deref()).unwrap_or(false);
        if !problems.is_empty() {
            return Err(Problem::invalid(problems));
        }
        Ok(LessonQuery {
            status,
            department: self.department.clone().filter(|d| !d.trim().is_empty()),
            level,
            positive,
            overdue_on: overdue.then_some(today),
            text: self.text.clone(),
            overdue_first_on: None,
            page,
            page_size,
        })
    }

    fn link(&self, page: u32) -> String {
        let mut parts = vec![format!("page={page}")];
        let fields = [
            ("pageSize", &self.page_size),
            ("status", &self.status),
            ("department", &self.department),
            ("level", &self.level),
            ("positive", &self.positive),
            ("overdue", &self.overdue),
            ("text", &self.text),
        ];
        parts.extend(fields.iter().filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::view::encode(v)))));
        format!("/v1/leerpunten?{}", parts.join("&"))
    }
}

fn summary(row: LessonRow, today: Date) -> LessonSummary {
    LessonSummary {
        overdue: row.is_overdue(today),
        id: row.id,
        text: row.text,
        level: LessonLevelCode(row.level),
        learner: LearnerCode(row.learner),
        positive: row.positive,
        department: row.department,
        status: LessonStatusCode(row.status),
        open: row.is_open,
        action: row.action,
        owner: row.owner,
        due: row.due,
        citizens_told: row.citizens_told,
        complaint_count: row.case_count,
        proposed_at: row.proposed_at.to_string(),
    }
}

fn lesson(detail: LessonDetail, today: Date) -> Lesson {
    let LessonDetail { entry, cases, history } = detail;
    Lesson {
        overdue: entry.is_overdue(today),
        open: entry.is_open(),
        id: entry.id,
        text: entry.text,
        level: LessonLevelCode(entry.level),
        learner: LearnerCode(entry.learner),
        positive: entry.positive,
        department: entry.department,
        status: LessonStatusCode(entry.status),
        action: entry.action,
        owner: entry.owner,
        due: entry.due,
        completion: entry.completion.map(|c| LessonCompletion { what_was_done: c.what_was_done, on: c.on }),
        rejection_reason: entry.rejection_reason,
        citizens_told: entry.citizens_told.map(|t| LessonCitizensTold { on: t.on, how: t.how }),
        proposed_at: entry.proposed_at.to_string(),
        proposed_by: entry.proposed_by,
        complaints: cases
            .into_iter()
            .map(|c| LessonComplaint {
                id: c.case_id,
                reference: c.reference,
                summary: c.summary,
                linked_at: c.linked_at.to_string(),
            })
            .collect(),
        history: history
            .into_iter()
            .map(|h| LessonHistoryItem {
                at: h.at.to_string(),
                actor: h.actor,
                kind: h.payload.kind().to_owned(),
                description: h.payload.describe(),
                detail: h.payload.detail(),
            })
            .collect(),
    }
}

#[expect(clippy::result_large_err, reason = "made once per request; boxing would buy nothing")]
fn lesson_id(raw: &str) -> Result<Uuid, Problem> {
    raw.parse().map_err(|_| Problem::not_found())
}

/// A refusal as problem+json: an unknown lesson is 404, and input problems
/// name this API's members (`text`, `on`) rather than the form fields.
fn problem(e: StoreError) -> Problem {
    match e {
        StoreError::Domain(DomainError::UnknownLesson) => Problem::not_found(),
        other => {
            let mut p = Problem::from(other);
            for param in &mut p.invalid_params {
                let member = match param.name.as_str() {
                    "lessonText" => "text",
                    "doneOn" | "toldOn" => "on",
                    _ => continue,
                };
                member.clone_into(&mut param.name);
            }
            p
        }
    }
}

async fn read(state: &AppState, id: Uuid) -> Result<Lesson, Problem> {
    let today = date_in_amsterdam(state.clock.now());
    let detail = state.store.lesson(id).await?.ok_or_else(Problem::not_found)?;
    Ok(lesson(detail, today))
}

#[utoipa::path(
    get,
    path = "/v1/leerpunten",
    operation_id = "listLessons",
    tag = "leerpunten",
    params(ListParams),
    security(("apiToken" = [])),
    responses(
        (status = 200, body = LessonList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_lessons(
    State(state): State<AppState>,
    Integration(token): Integration,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<axum::Json<LessonList>, Problem> {
    let Query(params) = params.map_err(|e| {
        Problem::bad_request("invalid_query", format!("Onbekende of ongeldige queryparameter: {}", e.body_text()))
    })?;
    let today = date_in_amsterdam(state.clock.now());
    let query = params.to_query(today)?;
    tracing::info!(action = "list_lessons", actor = %token.id, origin = "api");
    let page = state.store.lessons(&query).await?;
    let links = LessonPageLinks {
        this: params.link(page.page),
        next: page.has_next().then(|| params.link(page.page + 1)),
        prev: (page.page > 1).then(|| params.link(page.page - 1)),
    };
    Ok(axum::Json(LessonList {
        page: page.page,
        page_size: page.page_size,
        total: page.total,
        total_is_exact: page.total_is_exact,
        items: page.items.into_iter().map(|r| summary(r, today)).collect(),
        links,
    }))
}

#[utoipa::path(
    get,
    path = "/v1/leerpunten/{id}",
    operation_id = "getLesson",
    tag = "leerpunten",
    params(("id" = Uuid, Path, description = "De id van het leerpunt")),
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Lesson),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_lesson(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
) -> Result<axum::Json<Lesson>, Problem> {
    let id = lesson_id(&id)?;
    tracing::info!(action = "read_lesson", lesson_id = %id, actor = %token.id, origin = "api");
    Ok(axum::Json(read(&state, id).await?))
}

/// A lesson written directly, without a complaint.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewLesson {
    /// What the organisation learns. Required.
    #[serde(default)]
    #[schema(required = true, example = "Brieven over de parkeervergunning zijn te moeilijk.")]
    text: String,
    level: LessonLevelCode,
    learner: LearnerCode,
    /// An employee or team did well. Default false.
    #[serde(default)]
    positive: bool,
    department: Option<String>,
}

#[utoipa::path(
    post,
    path = "/v1/leerpunten",
    operation_id = "createLesson",
    tag = "leerpunten",
    request_body = NewLesson,
    security(("apiToken" = [])),
    responses(
        (status = 201, body = Lesson, headers(("Location" = String, description = "Het nieuwe leerpunt"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_lesson(
    State(state): State<AppState>,
    Integration(token): Integration,
    ApiJson(input): ApiJson<NewLesson>,
) -> Result<Response, Problem> {
    let id = Uuid::now_v7();
    let ctx = state.context(Actor::Integration { token_id: token.id, name: token.name.clone() }).await?;
    let command = LessonCommand::Propose(Proposal {
        text: input.text,
        level: input.level.0,
        learner: input.learner.0,
        positive: input.positive,
        department: input.department,
        case_id: None,
    });
    state.store.execute_lesson(id, |s| register::decide(s, command.clone(), &ctx)).await.map_err(problem)?;
    tracing::info!(action = "propose_lesson", lesson_id = %id, actor = %token.id, origin = "api", result = "ok");
    let body = read(&state, id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/v1/leerpunten/{id}"))], axum::Json(body)).into_response())
}

/// Runs one step on a lesson and answers with the lesson as it is now.
async fn step(
    state: &AppState,
    token: &gehoord_store::ApiToken,
    raw_id: &str,
    command: LessonCommand,
    log: &'static str,
) -> Result<axum::Json<Lesson>, Problem> {
    let id = lesson_id(raw_id)?;
    let ctx = state.context(Actor::Integration { token_id: token.id, name: token.name.clone() }).await?;
    state.store.execute_lesson(id, |s| register::decide(s, command.clone(), &ctx)).await.map_err(problem)?;
    tracing::info!(action = log, lesson_id = %id, actor = %token.id, origin = "api", result = "ok");
    Ok(axum::Json(read(state, id).await?))
}

/// The improvement action, owner and due date (for a positive lesson: only
/// `owner`, to whom it was passed on).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Agreement {
    action: Option<String>,
    #[serde(default)]
    owner: String,
    /// The last day (ISO date), today or later.
    #[schema(value_type = Option<String>, format = Date)]
    due: Option<Date>,
}

#[utoipa::path(
    post,
    path = "/v1/leerpunten/{id}/afspreken",
    operation_id = "agreeLesson",
    tag = "leerpunten",
    params(("id" = Uuid, Path, description = "De id van het leerpunt")),
    request_body = Agreement,
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Lesson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Niet mogelijk in deze status", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn agree_lesson(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Agreement>,
) -> Result<axum::Json<Lesson>, Problem> {
    let command = LessonCommand::Agree { action: input.action, owner: input.owner, due: input.due };
    step(&state, &token, &id, command, "agree_lesson").await
}

/// What was done, and on which day.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Completion {
    #[serde(default)]
    what_was_done: String,
    #[schema(value_type = String, format = Date)]
    on: Date,
}

#[utoipa::path(
    post,
    path = "/v1/leerpunten/{id}/uitvoeren",
    operation_id = "completeLesson",
    tag = "leerpunten",
    params(("id" = Uuid, Path, description = "De id van het leerpunt")),
    request_body = Completion,
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Lesson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nog niet afgesproken, of al afgerond", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn complete_lesson(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Completion>,
) -> Result<axum::Json<Lesson>, Problem> {
    let command = LessonCommand::Complete { what_was_done: input.what_was_done, on: input.on };
    step(&state, &token, &id, command, "complete_lesson").await
}

/// Why.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Reason {
    #[serde(default)]
    reason: String,
}

#[utoipa::path(
    post,
    path = "/v1/leerpunten/{id}/afwijzen",
    operation_id = "rejectLesson",
    tag = "leerpunten",
    params(("id" = Uuid, Path, description = "De id van het leerpunt")),
    request_body = Reason,
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Lesson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Al afgerond", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reject_lesson(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Reason>,
) -> Result<axum::Json<Lesson>, Problem> {
    step(&state, &token, &id, LessonCommand::Reject { reason: input.reason }, "reject_lesson").await
}

#[utoipa::path(
    post,
    path = "/v1/leerpunten/{id}/opnieuw-voorstellen",
    operation_id = "reconsiderLesson",
    tag = "leerpunten",
    params(("id" = Uuid, Path, description = "De id van het leerpunt")),
    request_body = Reason,
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Lesson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Niet afgewezen", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reconsider_lesson(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Reason>,
) -> Result<axum::Json<Lesson>, Problem> {
    step(&state, &token, &id, LessonCommand::Reconsider { reason: input.reason }, "reconsider_lesson").await
}

/// When and how the citizens were told.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Told {
    #[schema(value_type = String, format = Date)]
    on: Date,
    #[serde(default)]
    how: String,
}

#[utoipa::path(
    post,
    path = "/v1/leerpunten/{id}/burgers-geinformeerd",
    operation_id = "recordCitizensTold",
    tag = "leerpunten",
    params(("id" = Uuid, Path, description = "De id van het leerpunt")),
    request_body = Told,
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Lesson),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn record_citizens_told(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<Told>,
) -> Result<axum::Json<Lesson>, Problem> {
    let command = LessonCommand::RecordCitizensTold(CitizensTold { on: input.on, how: input.how });
    step(&state, &token, &id, command, "lesson_citizens_told").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_filters_are_checked_together() {
        let params = ListParams {
            page: Some("0".into()),
            status: Some("klaar".into()),
            positive: Some("ja".into()),
            ..ListParams::default()
        };
        let Err(p) = params.to_query(jiff::civil::date(2026, 3, 2)) else { panic!("refused") };
        let names: Vec<&str> = p.invalid_params.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["page", "status", "positive"]);
        let ok = ListParams { overdue: Some("true".into()), ..ListParams::default() };
        assert_eq!(ok.to_query(jiff::civil::date(2026, 3, 2)).unwrap().overdue_on, Some(jiff::civil::date(2026, 3, 2)));
    }

    #[test]
    fn unknown_lessons_are_not_found() {
        assert_eq!(problem(StoreError::Domain(DomainError::UnknownLesson)).status, 404);
        assert_eq!(problem(StoreError::Domain(DomainError::LessonNotAgreed)).status, 409);
        let invalid = DomainError::Invalid(vec![gehoord_domain::error::FieldError::new(
            gehoord_domain::error::Field::DoneOn,
            "x",
        )]);
        assert_eq!(problem(StoreError::Domain(invalid)).invalid_params[0].name, "on");
    }
}

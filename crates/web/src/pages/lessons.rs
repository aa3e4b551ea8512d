//! The lessons register (*leerpunten*): the list managers work through
//! (open lessons of their department, overdue actions), a page per lesson
//! with its cases, history and the forms for the next step, a form to write
//! a lesson directly, and the case page's "Koppel aan een bestaand leerpunt".
//!
//! Every action is a plain form (POST-redirect-GET). Input problems come
//! back on the lesson page with status 400, an error summary and the errors
//! beside the fields of the form that was sent; a refusal that is not about
//! one field (not agreed yet, already done) shows at the top of that form.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    CaseReference, Command, DomainError, Role,
    error::FieldError,
    learning::LearningCommand,
    lesson::{
        Learner, LessonLevel,
        register::{
            self, CitizensTold, LessonCommand, LessonEntry, LessonEventPayload, LessonState, LessonStatus, Proposal,
        },
    },
    time::date_in_amsterdam,
};
use gehoord_store::{
    LessonCase, LessonCounts, LessonDetail, LessonHistoryEntry, LessonQuery, LessonRow, LessonStatusFilter, Page,
    StoreError,
};
use jiff::civil::Date;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    PAGE_SIZE,
    case::ActionForm,
    case_actions::{self, Attempt, choose, required_date, ticked},
    case_id, layout,
    overviews::page_number,
};
use crate::{
    AppState,
    auth::Staff,
    charts::{Cell, Table},
    csrf::CsrfToken,
    error::PageError,
    export,
    forms::{FormState, HtmlForm},
    view::{self, Layout, encode},
};

// ---------------------------------------------------------------- List

#[derive(Template, WebTemplate)]
#[template(path = "lessons/list.html")]
pub struct ListPage {
    layout: Layout,
    page: Page<LessonRow>,
    filters: Filters,
    counts: LessonCounts,
    departments: Vec<String>,
    levels: &'static [LessonLevel],
    today: Date,
    may_decide: bool,
    /// The department the list shows, chosen or the manager's own.
    department: Option<String>,
    /// The manager's own department, for the links between "mine" and "all".
    own_department: Option<String>,
}

/// The filters as they appear in the URL (Dutch, for people who share links).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    status: String,
    afdeling: String,
    niveau: String,
    soort: String,
    #[serde(rename = "te-laat")]
    te_laat: String,
    zoek: String,
    pagina: String,
    /// `csv`, `xlsx`: the whole list as a file instead of a page.
    formaat: String,
}

/// `afdeling=alle`: every department, also for a manager with one of their own.
const ALL_DEPARTMENTS: &str = "alle";

/// The department a manager's register opens on when the address names
/// none (issue 7: managers see open lessons of their department). A filter,
/// not a restriction: `afdeling=alle` shows every department.
pub(crate) fn own_department(user: &gehoord_store::User) -> Option<&str> {
    (user.role == Role::Manager).then_some(user.department.as_deref()).flatten()
}

impl Filters {
    /// The department asked for, or `own` when none is named.
    fn department(&self, own: Option<&str>) -> Option<String> {
        match self.afdeling.trim() {
            "" => own.map(str::to_owned),
            ALL_DEPARTMENTS => None,
            d => Some(d.to_owned()),
        }
    }

    fn to_query(&self, today: Date, own: Option<&str>) -> Result<LessonQuery, PageError> {
        let bad = |what: &str| PageError::BadRequest(format!("{what} Kies een filter op de pagina."));
        Ok(LessonQuery {
            status: match self.status.as_str() {
                "" | "open" => LessonStatusFilter::Open,
                "alle" => LessonStatusFilter::All,
                code => LessonStatusFilter::Is(
                    LessonStatus::from_code(code).ok_or_else(|| bad("Deze status bestaat niet."))?,
                ),
            },
            department: self.department(own),
            level: match self.niveau.as_str() {
                "" => None,
                code => Some(LessonLevel::from_code(code).ok_or_else(|| bad("Dit niveau bestaat niet."))?),
            },
            positive: match self.soort.as_str() {
                "" => None,
                "positief" => Some(true),
                "verbetering" => Some(false),
                _ => return Err(bad("Deze soort bestaat niet.")),
            },
            overdue_on: match self.te_laat.as_str() {
                "" => None,
                "ja" => Some(today),
                _ => return Err(bad("Deze keuze bestaat niet.")),
            },
            text: Some(self.zoek.trim().to_owned()).filter(|t| !t.is_empty()),
            overdue_first_on: Some(today),
            page: page_number(&self.pagina)?,
            page_size: PAGE_SIZE,
        })
    }

    /// The whole list with these filters as a file.
    fn export_link(&self, format: &str) -> String {
        self.page_link(1).replace("pagina=1", &format!("formaat={format}"))
    }

    /// The address of another page with the same filters.
    fn page_link(&self, page: u32) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("status", &self.status),
            ("afdeling", &self.afdeling),
            ("niveau", &self.niveau),
            ("soort", &self.soort),
            ("te-laat", &self.te_laat),
            ("zoek", &self.zoek),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode(value)));
            }
        }
        parts.push(format!("pagina={page}"));
        format!("/leerpunten?{}", parts.join("&"))
    }
}

pub async fn list_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(filters): Query<Filters>,
) -> Result<Response, PageError> {
    staff.require(register::may_see_register)?;
    let today = date_in_amsterdam(state.clock.now());
    let own = own_department(&staff.0);
    let query = filters.to_query(today, own)?;
    if let Some(format) = super::export_format(&filters.formaat)? {
        return Ok(export::download(&export_table(&state, query, today).await?, format, "leerpunten"));
    }
    let page = state.store.lessons(&query).await?;
    let counts = state.store.lesson_counts(query.department.as_deref(), today).await?;
    // The own department can be chosen before it has any lesson.
    let mut departments = state.store.lesson_departments().await?;
    for d in own.into_iter().chain(query.department.as_deref()) {
        if !departments.iter().any(|x| x == d) {
            departments.push(d.to_owned());
        }
    }
    departments.sort();
    departments.dedup();
    Ok(ListPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        page,
        counts,
        departments,
        levels: &LessonLevel::ALL,
        today,
        may_decide: register::may_decide(staff.0.role),
        department: query.department,
        own_department: own.map(str::to_owned),
        filters,
    }
    .into_response())
}

/// Every lesson of the list, as a table.
async fn export_table(state: &AppState, query: LessonQuery, today: Date) -> Result<Table, PageError> {
    let columns = [
        "Leerpunt",
        "Soort",
        "Niveau",
        "Wie leert",
        "Afdeling",
        "Status",
        "Actie",
        "Eigenaar",
        "Uiterlijk",
        "Te laat",
        "Klachten",
        "Burgers geïnformeerd",
        "Voorgesteld",
    ];
    let mut table = Table::new("Leerpunten", columns.map(str::to_owned).to_vec());
    let rows = super::all_pages(|page, page_size| {
        let q = LessonQuery { page, page_size, ..query.clone() };
        async move { state.store.lessons(&q).await }
    })
    .await?;
    let yes_no = |b: bool| Cell::Text(if b { "ja" } else { "nee" }.to_owned());
    table.rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.text.clone()),
                Cell::Text(if r.positive { "positief" } else { "verbetering" }.to_owned()),
                Cell::Text(r.level.label().to_owned()),
                Cell::Text(r.learner.label().to_owned()),
                Cell::from(r.department.clone()),
                Cell::Text(r.status_label().to_owned()),
                Cell::from(r.action.clone()),
                Cell::from(r.owner.clone()),
                Cell::from(r.due),
                yes_no(r.is_overdue(today)),
                Cell::Count(u64::try_from(r.case_count).unwrap_or(0)),
                yes_no(r.citizens_told),
                Cell::Date(date_in_amsterdam(r.proposed_at)),
            ]
        })
        .collect();
    Ok(table)
}

impl ListPage {
    fn is_overdue(&self, row: &LessonRow) -> bool {
        row.is_overdue(self.today)
    }

    fn due(&self, row: &LessonRow) -> Option<String> {
        row.due.map(view::short_civil_date)
    }

    fn proposed(&self, row: &LessonRow) -> String {
        view::short_date(row.proposed_at)
    }

    fn summary(&self, row: &LessonRow) -> String {
        gehoord_domain::case::summarise(&row.text, 120)
    }

    fn previous_link(&self) -> Option<String> {
        (self.page.page > 1).then(|| self.filters.page_link(self.page.page - 1))
    }

    fn next_link(&self) -> Option<String> {
        self.page.has_next().then(|| self.filters.page_link(self.page.page + 1))
    }

    /// The overdue actions, of the department chosen.
    fn overdue_link(&self) -> String {
        match (self.department.as_deref(), self.filters.afdeling.is_empty()) {
            // The manager's own department: the default keeps applying.
            (_, true) => "/leerpunten?te-laat=ja".to_owned(),
            (None, false) => format!("/leerpunten?te-laat=ja&afdeling={ALL_DEPARTMENTS}"),
            (Some(d), false) => format!("/leerpunten?te-laat=ja&afdeling={}", encode(d)),
        }
    }

    /// Whether the list shows the manager's own department because the
    /// address named none.
    fn shows_own_department(&self) -> bool {
        self.filters.afdeling.trim().is_empty() && self.own_department.is_some()
    }

    fn is_chosen(&self, department: &str) -> bool {
        self.department.as_deref() == Some(department)
    }

    fn all_departments_link(&self) -> String {
        format!("/leerpunten?afdeling={ALL_DEPARTMENTS}")
    }

    fn own_department_link(&self) -> Option<String> {
        self.own_department
            .as_deref()
            .filter(|own| self.department.as_deref() != Some(own))
            .map(|own| format!("/leerpunten?afdeling={}", encode(own)))
    }

    fn total_text(&self) -> String {
        match (self.page.total, self.page.total_is_exact) {
            (0, _) => "Geen leerpunten gevonden".to_owned(),
            (1, true) => "1 leerpunt".to_owned(),
            (n, true) => format!("{n} leerpunten"),
            (n, false) => format!("Meer dan {n} leerpunten"),
        }
    }
}

// ---------------------------------------------------------------- One lesson

/// Which form on the lesson page was sent; `anchor` is the form's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LessonForm {
    Agree,
    Complete,
    Reject,
    Reconsider,
    LinkCase,
    Told,
    Edit,
}

impl LessonForm {
    const fn anchor(self) -> &'static str {
        match self {
            Self::Agree => "form-afspreken",
            Self::Complete => "form-uitgevoerd",
            Self::Reject => "form-afwijzen",
            Self::Reconsider => "form-opnieuw",
            Self::LinkCase => "form-klacht-koppelen",
            Self::Told => "form-burgers",
            Self::Edit => "form-wijzigen",
        }
    }
}

/// The values every form starts with, and the one that came back.
#[derive(Debug, Clone, Default)]
struct Forms {
    agree: FormState,
    complete: FormState,
    reject: FormState,
    reconsider: FormState,
    link: FormState,
    told: FormState,
    edit: FormState,
}

#[derive(Template, WebTemplate)]
#[template(path = "lessons/detail.html")]
pub struct DetailPage {
    layout: Layout,
    lesson: LessonEntry,
    cases: Vec<LessonCase>,
    history: Vec<LessonHistoryEntry>,
    forms: Forms,
    /// The summary of the form that came back.
    sent: FormState,
    sent_anchor: &'static str,
    refusal: Option<String>,
    levels: &'static [LessonLevel],
    learners: &'static [Learner],
    today: Date,
    may_decide: bool,
}

impl DetailPage {
    fn is_sent(&self, anchor: &str) -> bool {
        self.sent_anchor == anchor
    }

    fn refusal_for(&self, anchor: &str) -> Option<&str> {
        if self.sent_anchor == anchor { self.refusal.as_deref() } else { None }
    }

    fn is_overdue(&self) -> bool {
        self.lesson.is_overdue(self.today)
    }

    /// Not done, rejected or (positive) passed on.
    fn is_finished(&self) -> bool {
        matches!(self.lesson.status, LessonStatus::Done | LessonStatus::Rejected)
            || (self.lesson.positive && self.lesson.status == LessonStatus::Agreed)
    }

    fn may_complete(&self) -> bool {
        !self.lesson.positive && self.lesson.status == LessonStatus::Agreed
    }

    fn date(&self, d: &Date) -> String {
        view::long_date(*d)
    }

    fn proposed(&self) -> String {
        view::date_time(self.lesson.proposed_at)
    }

    fn at(&self, e: &LessonHistoryEntry) -> String {
        view::date_time(e.at)
    }

    fn iso(&self, e: &LessonHistoryEntry) -> String {
        view::iso(e.at)
    }

    fn linked(&self, c: &LessonCase) -> String {
        view::short_date(c.linked_at)
    }

    fn detail(&self, e: &LessonHistoryEntry) -> Option<String> {
        e.payload.detail()
    }

    fn describe(&self, e: &LessonHistoryEntry) -> String {
        e.payload.describe()
    }

    /// The source case is the one the lesson was drawn from.
    fn is_source(&self, c: &LessonCase) -> bool {
        self.history
            .first()
            .is_some_and(|h| matches!(&h.payload, LessonEventPayload::Proposed(p) if p.case_id == Some(c.case_id)))
    }
}

/// A form that came back with problems or a refusal.
struct Sent {
    form: LessonForm,
    state: FormState,
    refusal: Option<String>,
}

async fn render(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    id: Uuid,
    sent: Option<Sent>,
) -> Result<DetailPage, PageError> {
    let LessonDetail { entry, cases, history } = state.store.lesson(id).await?.ok_or(PageError::NotFound)?;
    let today = date_in_amsterdam(state.clock.now());
    let dutch_today = today.strftime("%d-%m-%Y").to_string();
    let mut forms = Forms {
        agree: FormState::default()
            .with("action", entry.action.clone().unwrap_or_default())
            .with("owner", entry.owner.clone().unwrap_or_default())
            .with("due", entry.due.map(|d| d.strftime("%d-%m-%Y").to_string()).unwrap_or_default()),
        complete: FormState::default().with("doneOn", dutch_today.clone()),
        told: FormState::default().with("toldOn", dutch_today),
        edit: FormState::default()
            .with("lessonText", entry.text.clone())
            .with("lessonLevel", entry.level.code())
            .with("learner", entry.learner.code())
            .with("department", entry.department.clone().unwrap_or_default()),
        ..Forms::default()
    };
    let (summary, sent_anchor, refusal) = match sent {
        None => (FormState::default(), "", None),
        Some(Sent { form, state: form_state, refusal }) => {
            let mut summary = form_state.clone();
            if let Some(message) = &refusal {
                summary.error(form.anchor(), message.clone());
            }
            let slot = match form {
                LessonForm::Agree => &mut forms.agree,
                LessonForm::Complete => &mut forms.complete,
                LessonForm::Reject => &mut forms.reject,
                LessonForm::Reconsider => &mut forms.reconsider,
                LessonForm::LinkCase => &mut forms.link,
                LessonForm::Told => &mut forms.told,
                LessonForm::Edit => &mut forms.edit,
            };
            *slot = form_state;
            (summary, form.anchor(), refusal)
        }
    };
    Ok(DetailPage {
        layout: layout(state, Some(&staff.0), csrf).await?,
        lesson: entry,
        cases,
        history,
        forms,
        sent: summary,
        sent_anchor,
        refusal,
        levels: &LessonLevel::ALL,
        learners: &Learner::ALL,
        today,
        may_decide: register::may_decide(staff.0.role),
    })
}

fn lesson_id(raw: &str) -> Result<Uuid, PageError> {
    raw.parse().map_err(|_| PageError::NotFound)
}

pub async fn detail_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<DetailPage, PageError> {
    staff.require(register::may_see_register)?;
    render(&state, &staff, &csrf, lesson_id(&id)?, None).await
}

/// One lesson action as a handler prepares it for [`act`].
struct Action {
    form: LessonForm,
    state: FormState,
    /// Absent when the web could not read the input at all.
    command: Option<LessonCommand>,
    /// Domain field names whose input has another id on the page.
    rename: &'static [(&'static str, &'static str)],
    order: &'static [&'static str],
    log: &'static str,
}

/// Adds the rules' problems under this form's input ids; a field the web
/// already complained about keeps the web's message.
fn add_errors(state: &mut FormState, errors: &[FieldError], rename: &[(&str, &str)]) {
    for e in errors {
        let name = e.field.name();
        let id = rename.iter().find(|(from, _)| *from == name).map_or(name, |(_, to)| *to);
        if state.error_for(id).is_none() {
            state.error(id, e.message.clone());
        }
    }
}

/// Runs a lesson action: back to the lesson on success, the lesson page
/// with 400 otherwise.
async fn act(state: &AppState, staff: &Staff, csrf: &str, id: Uuid, mut a: Action) -> Result<Response, PageError> {
    let ctx = state.context(staff.actor()).await?;
    let mut refusal = None;
    if a.state.has_errors() {
        // A dry run, so every problem shows at once.
        if let Some(command) = a.command.take() {
            let events = state.store.lesson_events(id).await?;
            let current = LessonState::from_events(id, events.iter().map(|e| &e.event));
            if let Err(DomainError::Invalid(errors)) = register::decide(&current, command, &ctx) {
                add_errors(&mut a.state, &errors, a.rename);
            }
        }
        tracing::info!(action = a.log, lesson_id = %id, actor = %staff.0.id, result = "invalid");
    } else {
        let Some(command) = a.command.take() else {
            return Err(PageError::BadRequest("Het formulier is niet goed aangekomen.".to_owned()));
        };
        match state.store.execute_lesson(id, |s| register::decide(s, command.clone(), &ctx)).await {
            Ok(_) => {
                tracing::info!(action = a.log, lesson_id = %id, actor = %staff.0.id, result = "ok");
                return Ok(Redirect::to(&format!("/leerpunten/{id}")).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => {
                tracing::info!(action = a.log, lesson_id = %id, actor = %staff.0.id, result = "invalid");
                add_errors(&mut a.state, &errors, a.rename);
            }
            Err(StoreError::Domain(DomainError::UnknownLesson)) => return Err(PageError::NotFound),
            Err(StoreError::Domain(e)) if e != DomainError::NotPermitted => {
                tracing::info!(action = a.log, lesson_id = %id, actor = %staff.0.id, result = "refused", code = e.code());
                refusal = Some(e.to_string());
            }
            Err(e) => return Err(e.into()),
        }
    }
    a.state.order_errors(a.order);
    let page = render(state, staff, csrf, id, Some(Sent { form: a.form, state: a.state, refusal })).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgreeForm {
    action: String,
    owner: String,
    due: String,
}

/// A manager agrees the improvement action (or, for a positive lesson, to
/// whom it was passed on).
pub async fn agree_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<AgreeForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_decide)?;
    let id = lesson_id(&id)?;
    let mut form =
        FormState::default().with("action", &input.action).with("owner", &input.owner).with("due", &input.due);
    let due = case_actions::optional_date(&input.due, &mut form, "due");
    let command = LessonCommand::Agree { action: Some(input.action), owner: input.owner, due };
    let a = Action {
        form: LessonForm::Agree,
        state: form,
        command: Some(command),
        rename: &[],
        order: &["action", "owner", "due"],
        log: "agree_lesson",
    };
    act(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompleteForm {
    what_was_done: String,
    done_on: String,
}

/// The agreed action was carried out.
pub async fn complete_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CompleteForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_see_register)?;
    let id = lesson_id(&id)?;
    let mut form = FormState::default().with("whatWasDone", &input.what_was_done).with("doneOn", &input.done_on);
    let on = required_date(&input.done_on, &mut form, "doneOn", "Vul een datum in zoals 15-03-2026.");
    let a = Action {
        form: LessonForm::Complete,
        state: form,
        command: on.map(|on| LessonCommand::Complete { what_was_done: input.what_was_done, on }),
        rename: &[],
        order: &["whatWasDone", "doneOn"],
        log: "complete_lesson",
    };
    act(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RejectForm {
    reject_reason: String,
}

pub async fn reject_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<RejectForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_decide)?;
    let id = lesson_id(&id)?;
    let a = Action {
        form: LessonForm::Reject,
        state: FormState::default().with("rejectReason", &input.reject_reason),
        command: Some(LessonCommand::Reject { reason: input.reject_reason }),
        rename: &[("reason", "rejectReason")],
        order: &["rejectReason"],
        log: "reject_lesson",
    };
    act(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReconsiderForm {
    reconsider_reason: String,
}

pub async fn reconsider_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ReconsiderForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_decide)?;
    let id = lesson_id(&id)?;
    let a = Action {
        form: LessonForm::Reconsider,
        state: FormState::default().with("reconsiderReason", &input.reconsider_reason),
        command: Some(LessonCommand::Reconsider { reason: input.reconsider_reason }),
        rename: &[("reason", "reconsiderReason")],
        order: &["reconsiderReason"],
        log: "reconsider_lesson",
    };
    act(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ToldForm {
    told_on: String,
    how: String,
}

pub async fn told_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ToldForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_see_register)?;
    let id = lesson_id(&id)?;
    let mut form = FormState::default().with("toldOn", &input.told_on).with("how", &input.how);
    let on = required_date(&input.told_on, &mut form, "toldOn", "Vul een datum in zoals 15-03-2026.");
    let a = Action {
        form: LessonForm::Told,
        state: form,
        command: on.map(|on| LessonCommand::RecordCitizensTold(CitizensTold { on, how: input.how })),
        rename: &[],
        order: &["toldOn", "how"],
        log: "lesson_citizens_told",
    };
    act(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EditForm {
    lesson_text: String,
    lesson_level: String,
    learner: String,
    department: String,
}

pub async fn edit_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<EditForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_decide)?;
    let id = lesson_id(&id)?;
    let mut form = FormState::default()
        .with("lessonText", &input.lesson_text)
        .with("lessonLevel", &input.lesson_level)
        .with("learner", &input.learner)
        .with("department", &input.department);
    let level = choose(
        &input.lesson_level,
        LessonLevel::from_code,
        &mut form,
        "lessonLevel",
        "Kies waar het leerpunt over gaat.",
    );
    let learner = choose(&input.learner, Learner::from_code, &mut form, "learner", "Kies wie hiervan moet leren.");
    let a = Action {
        form: LessonForm::Edit,
        state: form,
        command: Some(LessonCommand::Edit {
            text: input.lesson_text,
            level: level.unwrap_or(LessonLevel::Case),
            learner: learner.unwrap_or(Learner::Team),
            department: Some(input.department),
        }),
        rename: &[],
        order: &["lessonText", "lessonLevel", "learner", "department"],
        log: "edit_lesson",
    };
    act(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LinkCaseForm {
    case_reference: String,
}

/// "Dit gebeurde opnieuw": links a case, found by its reference, to this
/// lesson. The case records the link too, in the same transaction.
pub async fn link_case_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<LinkCaseForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_see_register)?;
    let id = lesson_id(&id)?;
    let lesson = state.store.lesson(id).await?.ok_or(PageError::NotFound)?.entry;
    let mut form = FormState::default().with("caseReference", &input.case_reference);
    let mut refusal = None;
    let case = match input.case_reference.trim().parse::<CaseReference>() {
        Err(_) if input.case_reference.trim().is_empty() => {
            form.error("caseReference", "Vul het kenmerk van de klacht in, bijvoorbeeld KL-2026-000042.");
            None
        }
        Err(_) => {
            form.error(
                "caseReference",
                "Dit is geen kenmerk van een klacht. Een kenmerk ziet eruit als KL-2026-000042.",
            );
            None
        }
        Ok(reference) => {
            let found = state.store.case_id_by_reference(&reference).await?;
            if found.is_none() {
                form.error(
                    "caseReference",
                    format!("Er is geen klacht met kenmerk {reference}. Controleer het kenmerk."),
                );
            }
            found
        }
    };
    if let Some(case_id) = case {
        let ctx = state.context(staff.actor()).await?;
        let command = Command::Learning(LearningCommand::LinkLesson { lesson_id: id, text: lesson.text.clone() });
        match state.store.execute(case_id, |s| gehoord_domain::decide(s, command.clone(), &ctx)).await {
            Ok(_) => {
                tracing::info!(action = "link_case_to_lesson", lesson_id = %id, case_id = %case_id, actor = %staff.0.id, result = "ok");
                return Ok(Redirect::to(&format!("/leerpunten/{id}#klachten")).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => {
                add_errors(&mut form, &errors, &[("lessonText", "caseReference")]);
            }
            Err(StoreError::Domain(e)) if e != DomainError::NotPermitted => refusal = Some(e.to_string()),
            Err(e) => return Err(e.into()),
        }
    }
    let sent = Sent { form: LessonForm::LinkCase, state: form, refusal };
    let page = render(&state, &staff, &csrf, id, Some(sent)).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

// ---------------------------------------------------------------- New lesson

#[derive(Template, WebTemplate)]
#[template(path = "lessons/new.html")]
pub struct NewPage {
    layout: Layout,
    form: FormState,
    levels: &'static [LessonLevel],
    learners: &'static [Learner],
}

/// A start for the new lesson, from the signal list: what was seen, and
/// in which department.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    tekst: String,
    afdeling: String,
    /// The key of the signal the lesson comes from.
    signaal: String,
}

pub async fn new_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(start): Query<NewQuery>,
) -> Result<NewPage, PageError> {
    staff.require(register::may_decide)?;
    Ok(NewPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        form: FormState::default()
            .with("lessonText", start.tekst.trim())
            .with("department", start.afdeling.trim())
            .with("signal", start.signaal.trim()),
        levels: &LessonLevel::ALL,
        learners: &Learner::ALL,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NewForm {
    lesson_text: String,
    lesson_level: String,
    learner: String,
    positive: String,
    department: String,
    /// The key of the signal the lesson comes from: writing the lesson
    /// deals with that signal.
    signal: String,
}

/// A manager writes a lesson directly, without a case (e.g. from a team
/// meeting, or a pattern seen across cases); cases are linked afterwards.
pub async fn new_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<NewForm>,
) -> Result<Response, PageError> {
    staff.require(register::may_decide)?;
    let mut form = FormState::default()
        .with("lessonText", &input.lesson_text)
        .with("lessonLevel", &input.lesson_level)
        .with("learner", &input.learner)
        .with("positive", &input.positive)
        .with("department", &input.department)
        .with("signal", &input.signal);
    // A key that does not read is dropped: the lesson matters more.
    let signal = input.signal.trim().parse::<gehoord_domain::signal::SignalKey>().ok();
    let lesson_text = input.lesson_text.clone();
    let level = choose(
        &input.lesson_level,
        LessonLevel::from_code,
        &mut form,
        "lessonLevel",
        "Kies waar het leerpunt over gaat.",
    );
    let learner = choose(&input.learner, Learner::from_code, &mut form, "learner", "Kies wie hiervan moet leren.");
    let proposal = Proposal {
        text: input.lesson_text,
        level: level.unwrap_or(LessonLevel::Case),
        learner: learner.unwrap_or(Learner::Team),
        positive: ticked(&input.positive),
        department: Some(input.department),
        case_id: None,
    };
    let id = Uuid::now_v7();
    let ctx = state.context(staff.actor()).await?;
    let command = LessonCommand::Propose(proposal);
    if form.has_errors() {
        if let Err(DomainError::Invalid(errors)) = register::decide(&LessonState::New, command, &ctx) {
            add_errors(&mut form, &errors, &[]);
        }
    } else {
        let decide = |s: &LessonState| register::decide(s, command.clone(), &ctx);
        let written = match signal {
            Some(key) => super::signals::propose_lesson(&state, &staff, id, key, &lesson_text, decide).await,
            None => state.store.execute_lesson(id, decide).await,
        };
        match written {
            Ok(_) => {
                tracing::info!(action = "propose_lesson", lesson_id = %id, actor = %staff.0.id, result = "ok");
                return Ok(Redirect::to(&format!("/leerpunten/{id}")).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => add_errors(&mut form, &errors, &[]),
            Err(e) => return Err(e.into()),
        }
    }
    form.order_errors(&["lessonLevel", "learner", "lessonText", "department"]);
    let page = NewPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        form,
        levels: &LessonLevel::ALL,
        learners: &Learner::ALL,
    };
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

// ---------------------------------------------------------------- On the case page

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CaseLinkForm {
    link_lesson_id: String,
}

/// "Koppel aan een bestaand leerpunt" on the case page: this case is
/// another instance of a lesson in the register.
pub async fn case_link_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CaseLinkForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default().with("linkLessonId", &input.link_lesson_id);
    let lesson = match input.link_lesson_id.parse::<Uuid>() {
        Ok(lesson_id) => state.store.lesson(lesson_id).await?.map(|l| l.entry),
        Err(_) => None,
    };
    if lesson.is_none() {
        form.error("linkLessonId", "Kies het leerpunt waaraan u de klacht koppelt.");
    }
    let (lesson_id, text) = lesson.map_or((Uuid::nil(), String::new()), |l| (l.id, l.text));
    let a = Attempt::new(ActionForm::LinkLesson, form, "leerpunten", "link_lesson")
        .command(Command::Learning(LearningCommand::LinkLesson { lesson_id, text }))
        .rename("lessonText", "linkLessonId")
        .order(&["linkLessonId"]);
    case_actions::run(&state, &staff, &csrf, id, a).await
}

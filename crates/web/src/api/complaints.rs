//! `/v1/klachten`: submit a complaint (public), read one, list them.

use axum::{
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use gehoord_domain::{
    Actor, CaseReference, Channel, Complainant,
    case::{InitialHandling, Intake},
    commitment::{CommitmentStatus, overdue_when_due_on_or_before},
};
use gehoord_store::{Attention, CaseRow, CaseView, InboxFilter, InboxQuery};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    codes::{ChannelCode, ContactPreferenceCode, PhaseCode},
    conduct::{ConductClosure, ConductProtocol, conduct_closure, conduct_protocols},
    evidence::{EvidenceItem, evidence_items},
    extract::{ApiJson, Integration, MaybeIntegration},
    formal::{ComplaintDeadlines, FormalHandling, deadlines, formal_handling},
    problem::{InvalidParam, Problem},
};
use crate::{AppState, intake::register};

/// A new complaint. Only `description` is required: no demands on form
/// (Awb 9:2).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewComplaint {
    /// The complaint in the citizen's own words. Required, no maximum length.
    #[serde(default)]
    #[schema(required = true, example = "Mijn uitkering is twee keer te laat betaald.")]
    description: String,
    /// How the complaint came in. Default `api`. Without an API token only
    /// `api` is allowed; an integrating system may pass on e.g. `phone`.
    channel: Option<ChannelCode>,
    complainant: Option<NewComplainant>,
    /// When the conduct complained about happened (ISO date).
    #[schema(value_type = Option<String>, format = Date, example = "2026-03-15")]
    conduct_date: Option<Date>,
    /// The department the complaint is about, if known.
    department: Option<String>,
}

/// Who complains and how to reach them. Everything optional.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewComplainant {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    contact_preference: Option<ContactPreferenceCode>,
    /// Needs such as "leest niet goed" or "tolk nodig".
    needs: Option<String>,
    /// A representative acting for the complainant (gemachtigde).
    representative: Option<String>,
}

/// The answer to a submission.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintCreated {
    id: Uuid,
    /// The human reference, e.g. `KL-2026-000042`.
    reference: String,
    links: Links,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Links {
    #[serde(rename = "self")]
    this: String,
}

/// The handler assigned to a complaint.
#[derive(Debug, Serialize, ToSchema)]
pub struct HandlerRef {
    id: Uuid,
    name: String,
}

/// A complaint in a list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintSummary {
    id: Uuid,
    reference: String,
    channel: ChannelCode,
    phase: PhaseCode,
    /// `open` or `closed`.
    status: String,
    /// Step on the complaint ladder: 1 (solved in the contact), 2 (complaint handling), 3 (ombudsman).
    ladder_step: u8,
    /// Whether the formal procedure of Awb 9:4 applies.
    formal: bool,
    /// RFC 3339 instant.
    received_at: String,
    handler: Option<HandlerRef>,
    department: Option<String>,
    summary: String,
    /// How the case ended, when closed.
    outcome: Option<String>,
    closed_at: Option<String>,
    /// Service norm: personal contact is due by this date (working days after receipt).
    #[schema(value_type = Option<String>, format = Date)]
    first_contact_due: Option<Date>,
    /// Whether the organisation has tried or made personal contact.
    first_contact_done: bool,
    /// The earliest due date of an open commitment.
    #[schema(value_type = Option<String>, format = Date)]
    next_commitment_due: Option<Date>,
    /// The deadline for handling (Awb 9:11) as last recorded, with the
    /// committee term, the postponement and the complainant's consent.
    #[schema(value_type = Option<String>, format = Date)]
    decision_due: Option<Date>,
    links: Links,
}

/// A complaint with its details and history.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Complaint {
    #[serde(flatten)]
    summary: ComplaintSummary,
    description: String,
    complainant: NewComplainant,
    #[schema(value_type = Option<String>, format = Date)]
    conduct_date: Option<Date>,
    employees_involved: Option<String>,
    /// What the organisation promised (toezeggingen).
    commitments: Vec<CommitmentItem>,
    /// The statutory terms, as the case page shows them; null once the
    /// case is closed and for a complaint solved in the contact (ladder step 1).
    deadlines: Option<ComplaintDeadlines>,
    /// Null until formal handling started or a term or decision of it was recorded.
    formal_handling: Option<FormalHandling>,
    /// The files of evidence, each downloadable at its `href`.
    evidence: Vec<EvidenceItem>,
    /// The active conduct protocols of this complainant, found on any of
    /// their complaints (by e-mail, phone, or name and address).
    conduct_protocols: Vec<ConductProtocol>,
    /// Set when the complaint was closed because of a conduct protocol.
    conduct_closure: Option<ConductClosure>,
    timeline: Vec<TimelineItem>,
}

/// A commitment made to the complainant.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentItem {
    id: Uuid,
    what: String,
    to_whom: String,
    owner: String,
    #[schema(value_type = String, format = Date)]
    due: Date,
    /// `open`, `kept` or `broken`.
    status: String,
}

/// One event in a complaint's history.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelineItem {
    seq: i64,
    at: String,
    actor: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
}

/// A page of complaints.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintList {
    items: Vec<ComplaintSummary>,
    page: u32,
    page_size: u32,
    /// Number of matches, counted up to 10,000.
    total: u64,
    /// False when there are more matches than `total`.
    total_is_exact: bool,
    links: PageLinks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PageLinks {
    #[serde(rename = "self")]
    this: String,
    next: Option<String>,
    prev: Option<String>,
}

/// Filters and paging for `GET /v1/klachten`.
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
    /// `open` (default), `closed` or `all`.
    status: Option<String>,
    /// Only this phase.
    #[param(value_type = Option<PhaseCode>)]
    phase: Option<String>,
    /// Only this channel.
    #[param(value_type = Option<ChannelCode>)]
    channel: Option<String>,
    /// Only complaints of this handler.
    #[param(value_type = Option<Uuid>)]
    handler_id: Option<String>,
    /// `true`: only complaints nobody has taken yet.
    #[param(value_type = Option<bool>)]
    unassigned: Option<String>,
    /// `true`: only complaints whose first contact or a commitment is overdue,
    /// by the organisation's working-day calendar.
    #[param(value_type = Option<bool>)]
    needs_attention: Option<String>,
}

const DEFAULT_PAGE_SIZE: u32 = 20;
const MAX_PAGE_SIZE: u32 = 100;

impl ListParams {
    #[expect(clippy::result_large_err, reason = "made once per request; boxing would buy nothing")]
    fn to_query(&self, attention: Attention) -> Result<InboxQuery, Problem> {
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
            None | Some("open") => InboxFilter::Open,
            Some("closed") => InboxFilter::Closed,
            Some("all") => InboxFilter::All,
            Some(_) => {
                bad("status", "Kies open, closed of all.");
                InboxFilter::Open
            }
        };
        let phase = self.phase.as_deref().and_then(|p| {
            let phase = gehoord_domain::Phase::from_code(p);
            if phase.is_none() {
                bad("phase", "Kies intake, explore, resolve, judge of close.");
            }
            phase
        });
        let channel = self.channel.as_deref().and_then(|c| {
            let channel = Channel::from_code(c);
            if channel.is_none() {
                bad("channel", "Dit kanaal bestaat niet; zie de OpenAPI-beschrijving voor de mogelijke waarden.");
            }
            channel
        });
        let handler = self.handler_id.as_deref().and_then(|h| {
            let id = h.parse::<Uuid>().ok();
            if id.is_none() {
                bad("handlerId", "Geef de id van de behandelaar als UUID.");
            }
            id
        });
        let mut flag = |name: &str, value: Option<&str>| match value {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => {
                bad(name, "Kies true of false.");
                false
            }
        };
        let unassigned = flag("unassigned", self.unassigned.as_deref());
        let attention = flag("needsAttention", self.needs_attention.as_deref()).then_some(attention);
        if !problems.is_empty() {
            return Err(Problem::invalid(problems));
        }
        Ok(InboxQuery { status, handler, unassigned, phase, channel, attention, oldest_first: false, page, page_size })
    }

    fn link(&self, page: u32) -> String {
        let mut parts = vec![format!("page={page}")];
        let fields = [
            ("pageSize", &self.page_size),
            ("status", &self.status),
            ("phase", &self.phase),
            ("channel", &self.channel),
            ("handlerId", &self.handler_id),
            ("unassigned", &self.unassigned),
            ("needsAttention", &self.needs_attention),
        ];
        parts.extend(fields.iter().filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}"))));
        format!("/v1/klachten?{}", parts.join("&"))
    }
}

fn summary(row: CaseRow) -> ComplaintSummary {
    ComplaintSummary {
        links: Links { this: format!("/v1/klachten/{}", row.id) },
        id: row.id,
        reference: row.reference,
        channel: ChannelCode(row.channel),
        phase: PhaseCode(row.phase),
        status: if row.is_open { "open" } else { "closed" }.to_owned(),
        ladder_step: row.ladder_step.number(),
        formal: row.formal,
        received_at: row.received_at.to_string(),
        handler: row.handler_id.zip(row.handler_name).map(|(id, name)| HandlerRef { id, name }),
        department: row.department,
        summary: row.summary,
        outcome: row.outcome.map(|o| o.code().to_owned()),
        closed_at: row.closed_at.map(|t| t.to_string()),
        first_contact_due: row.first_contact_due,
        first_contact_done: row.first_contact_done,
        next_commitment_due: row.next_commitment_due,
        decision_due: row.decision_due,
    }
}

/// Submit a complaint.
#[utoipa::path(
    post,
    path = "/v1/klachten",
    operation_id = "createComplaint",
    tag = "klachten",
    request_body = NewComplaint,
    responses(
        (status = 201, description = "Ontvangen en geregistreerd", body = ComplaintCreated,
            headers(("Location" = String, description = "De nieuwe klacht"))),
        (status = 400, description = "Ongeldige invoer", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Ongeldig API-token", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Te groot", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Geen JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_complaint(
    State(state): State<AppState>,
    MaybeIntegration(token): MaybeIntegration,
    ApiJson(input): ApiJson<NewComplaint>,
) -> Result<Response, Problem> {
    let actor = match token {
        Some(t) => Actor::Integration { token_id: t.id, name: t.name },
        None => Actor::Citizen,
    };
    let c = input.complainant.unwrap_or_default();
    let intake = Intake {
        reference: CaseReference::new(0, 1),
        channel: input.channel.map_or(Channel::Api, |c| c.0),
        received_at: state.clock.now(),
        description: input.description,
        complainant: Complainant {
            name: c.name,
            email: c.email,
            phone: c.phone,
            address: c.address,
            contact_preference: c.contact_preference.map(|p| p.0).unwrap_or_default(),
            needs: c.needs,
            representative: c.representative,
            call_back: None,
        },
        conduct_date: input.conduct_date,
        department: input.department,
        employees_involved: None,
        signed: false,
        handling: InitialHandling::ToComplaintHandling,
    };
    let (id, reference) = register(&state, intake, actor).await?;
    let location = format!("/v1/klachten/{id}");
    let body = ComplaintCreated { id, reference: reference.to_string(), links: Links { this: location.clone() } };
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], axum::Json(body)).into_response())
}

/// Read one complaint with its terms, formal handling, evidence, conduct protocols and history.
#[utoipa::path(
    get,
    path = "/v1/klachten/{id}",
    operation_id = "getComplaint",
    tag = "klachten",
    params(("id" = Uuid, Path, description = "De id van de klacht")),
    security(("apiToken" = [])),
    responses(
        (status = 200, body = Complaint),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_complaint(
    State(state): State<AppState>,
    Integration(token): Integration,
    Path(id): Path<String>,
) -> Result<axum::Json<Complaint>, Problem> {
    let id: Uuid = id.parse().map_err(|_| Problem::not_found())?;
    tracing::info!(action = "read", case_id = %id, actor = %token.id, origin = "api");
    let CaseView { row, detail } = state.store.case_view(id).await?.ok_or_else(Problem::not_found)?;
    let today = gehoord_domain::time::date_in_amsterdam(state.clock.now());
    let deadlines = deadlines(&row, &detail.formal_handling, &state.rules().await?, today);
    let formal_handling = formal_handling(detail.formal_handling, row.formal);
    let protocols = conduct_protocols(state.store.protocols_for(&detail.complainant).await?);
    let timeline = state
        .store
        .timeline(id)
        .await?
        .into_iter()
        .map(|e| TimelineItem {
            seq: e.seq,
            at: e.at.to_string(),
            actor: e.actor,
            kind: e.payload.kind().to_owned(),
            description: e.payload.describe(),
        })
        .collect();
    let c = detail.complainant;
    Ok(axum::Json(Complaint {
        summary: summary(row),
        description: detail.description,
        complainant: NewComplainant {
            name: c.name,
            email: c.email,
            phone: c.phone,
            address: c.address,
            contact_preference: Some(ContactPreferenceCode(c.contact_preference)),
            needs: c.needs,
            representative: c.representative,
        },
        conduct_date: detail.conduct_date,
        employees_involved: detail.employees_involved,
        commitments: detail
            .commitments
            .into_iter()
            .map(|c| CommitmentItem {
                status: match c.status {
                    CommitmentStatus::Open => "open",
                    CommitmentStatus::Kept { .. } => "kept",
                    CommitmentStatus::Broken { .. } => "broken",
                }
                .to_owned(),
                id: c.id,
                what: c.what,
                to_whom: c.to_whom,
                owner: c.owner,
                due: c.due,
            })
            .collect(),
        deadlines,
        formal_handling,
        evidence: evidence_items(id, detail.evidence),
        conduct_protocols: protocols,
        conduct_closure: detail.conduct_closure.map(conduct_closure),
        timeline,
    }))
}

/// List complaints, newest first, filtered and paged.
#[utoipa::path(
    get,
    path = "/v1/klachten",
    operation_id = "listComplaints",
    tag = "klachten",
    params(ListParams),
    security(("apiToken" = [])),
    responses(
        (status = 200, body = ComplaintList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_complaints(
    State(state): State<AppState>,
    Integration(token): Integration,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<axum::Json<ComplaintList>, Problem> {
    let Query(params) = params.map_err(|e| {
        Problem::bad_request("invalid_query", format!("Onbekende of ongeldige queryparameter: {}", e.body_text()))
    })?;
    let today = gehoord_domain::time::date_in_amsterdam(state.clock.now());
    let attention = Attention {
        today,
        commitments_due_on_or_before: overdue_when_due_on_or_before(today, &state.rules().await?.calendar),
    };
    let query = params.to_query(attention)?;
    tracing::info!(action = "list", actor = %token.id, origin = "api");
    let page = state.store.inbox(&query).await?;
    let links = PageLinks {
        this: params.link(page.page),
        next: page.has_next().then(|| params.link(page.page + 1)),
        prev: (page.page > 1).then(|| params.link(page.page - 1)),
    };
    Ok(axum::Json(ComplaintList {
        page: page.page,
        page_size: page.page_size,
        total: page.total,
        total_is_exact: page.total_is_exact,
        items: page.items.into_iter().map(summary).collect(),
        links,
    }))
}

//! Cases: appending events with their hash chain, the projection rows the
//! inbox and case page read, and those reads.

use gehoord_domain::{
    Actor, CaseId, CaseReference, CaseState, Channel, Complainant, DomainError, Event, EventPayload, Formality,
    LadderStep, Outcome, Phase,
    case::{Case, Exploration, RespondentNotice},
    commitment::{Commitment, CommitmentStatus},
    conduct::{ConductClosure, ProtocolRecord},
    contact::Contact,
    escalation::Escalation,
    evidence::Evidence,
    formal::FormalHandling,
    forwarding::{ControlAnswer, Forwarding},
    lesson::Lesson,
    letter::SentLetter,
    respondent::Respondent,
    solution::Solution,
};
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};
use sqlx::{PgPool, Postgres, QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use uuid::Uuid;

use crate::{Store, StoreError, instant, micros, on_db};

/// How often a command is retried when another writer appended to the same
/// case in between (PostgreSQL; SQLite serialises writers up front).
const MAX_ATTEMPTS: usize = 3;

/// Beyond this many matches a list says "more than" instead of counting on:
/// counting a million rows costs more than the page itself.
pub const COUNT_CAP: i64 = 10_000;

/// Opens a write transaction. SQLite takes the write lock at `BEGIN
/// IMMEDIATE`, so two writers never both read and then collide.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    async fn begin_write(&self) -> Result<Transaction<'static, Self::Db>, sqlx::Error>;
}

impl BeginWrite for SqlitePool {
    type Db = Sqlite;
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Db = Postgres;
    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// An event as stored, with its place in the case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub seq: i64,
    pub event: Event,
    pub hash: String,
}

/// A file to store with the event that records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub id: Uuid,
    /// SHA-256 of `content`, hex; the event carries the same value.
    pub sha256: String,
    pub media_type: String,
    pub content: Vec<u8>,
}

/// What else a command's transaction writes besides events.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Extra<'a> {
    None,
    /// An evidence file, whose hash the event carries.
    File(&'a NewAttachment),
    /// The outbox row of a letter the mail server accepted (microseconds).
    Delivered {
        letter_id: Uuid,
        at: i64,
    },
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub media_type: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

/// One line of a case's timeline: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: String,
    pub payload: EventPayload,
}

/// A case as the inbox lists it (the `cases` projection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: CaseId,
    pub reference: String,
    pub channel: Channel,
    pub phase: Phase,
    pub is_open: bool,
    pub ladder_step: LadderStep,
    pub formal: bool,
    pub received_at: Timestamp,
    pub handler_id: Option<Uuid>,
    pub handler_name: Option<String>,
    pub department: Option<String>,
    pub complainant_name: Option<String>,
    pub summary: String,
    pub outcome: Option<Outcome>,
    pub closed_at: Option<Timestamp>,
    pub version: i64,
    /// The service norm for first personal contact.
    pub first_contact_due: Option<Date>,
    /// Whether the organisation has tried or made personal contact.
    pub first_contact_done: bool,
    /// The earliest due date of an open commitment.
    pub next_commitment_due: Option<Date>,
    pub open_escalations: i64,
    /// The Awb 9:11 deadline as last recorded.
    pub decision_due: Option<Date>,
    /// The citizen asked to reopen and the handler has not answered yet.
    pub reopen_requested: bool,
}

/// What the case page needs beyond the list row, kept as one JSON column of
/// the projection so the page is a single indexed read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub description: String,
    pub complainant: Complainant,
    pub conduct_date: Option<Date>,
    pub employees_involved: Option<String>,
    pub formality: Formality,
    pub registered_by: String,
    #[serde(default)]
    pub first_contact_due: Option<Date>,
    #[serde(default)]
    pub respondents: Vec<Respondent>,
    #[serde(default)]
    pub body_conduct: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub exploration: Option<Exploration>,
    #[serde(default)]
    pub respondent_informed: Option<RespondentNotice>,
    #[serde(default)]
    pub solutions: Vec<Solution>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub escalations: Vec<Escalation>,
    #[serde(default)]
    pub forwarding: Option<Forwarding>,
    #[serde(default)]
    pub lessons: Vec<Lesson>,
    #[serde(default)]
    pub control_answer: Option<ControlAnswer>,
    #[serde(default)]
    pub formal_handling: FormalHandling,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub conduct_protocols: Vec<ProtocolRecord>,
    #[serde(default)]
    pub conduct_closure: Option<ConductClosure>,
    #[serde(default)]
    pub letters: Vec<SentLetter>,
}

/// The case page's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    pub row: CaseRow,
    pub detail: CaseDetail,
}

/// Which cases a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InboxFilter {
    #[default]
    Open,
    Closed,
    All,
    /// Open or closed, with a citizen's request to reopen waiting.
    ReopenRequested,
}

/// A page of the inbox (or of `GET /v1/klachten`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxQuery {
    pub status: InboxFilter,
    /// Only cases of this handler ("mine").
    pub handler: Option<Uuid>,
    /// Only cases nobody has taken yet.
    pub unassigned: bool,
    pub phase: Option<Phase>,
    pub channel: Option<Channel>,
    /// Only cases whose first contact or a commitment is overdue.
    pub attention: Option<Attention>,
    /// Oldest first instead of newest first.
    pub oldest_first: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for InboxQuery {
    fn default() -> Self {
        Self {
            status: InboxFilter::Open,
            handler: None,
            unassigned: false,
            phase: None,
            channel: None,
            attention: None,
            oldest_first: false,
            page: 1,
            page_size: 25,
        }
    }
}

/// What "overdue" means today, worked out by the caller with the
/// organisation's calendar (the store knows no holidays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attention {
    /// First contact is overdue when its due date is before this day.
    pub today: Date,
    /// A commitment is overdue when due on or before this day: the last
    /// working day before today (see `Commitment::is_overdue`).
    pub commitments_due_on_or_before: Date,
}

/// One page of results with the number of matches, counted up to
/// [`COUNT_CAP`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub page_size: u32,
    pub total: u64,
    /// False when there are more than [`COUNT_CAP`] matches and `total` is that cap.
    pub total_is_exact: bool,
}

impl<T> Page<T> {
    /// A page whose `total` was counted up to [`COUNT_CAP`] + 1.
    #[must_use]
    pub fn capped(items: Vec<T>, page: u32, page_size: u32, counted: i64) -> Self {
        Self {
            items,
            page,
            page_size,
            total: u64::try_from(counted.min(COUNT_CAP)).unwrap_or_default(),
            total_is_exact: counted <= COUNT_CAP,
        }
    }

    #[must_use]
    pub fn last_page(&self) -> u32 {
        let pages = self.total.div_ceil(u64::from(self.page_size.max(1)));
        u32::try_from(pages).unwrap_or(u32::MAX).max(1)
    }

    #[must_use]
    pub fn has_next(&self) -> bool {
        self.page < self.last_page() || !self.total_is_exact
    }
}

/// The projection row of a case, derived from its state alone.
pub(crate) struct Projection {
    pub(crate) id: CaseId,
    pub(crate) reference: String,
    pub(crate) channel: &'static str,
    pub(crate) phase: &'static str,
    pub(crate) is_open: bool,
    pub(crate) ladder_step: i64,
    pub(crate) formal: bool,
    pub(crate) received_at: i64,
    pub(crate) handler_id: Option<Uuid>,
    pub(crate) handler_name: Option<String>,
    pub(crate) department: Option<String>,
    pub(crate) complainant_name: Option<String>,
    pub(crate) summary: String,
    pub(crate) outcome: Option<&'static str>,
    pub(crate) closed_at: Option<i64>,
    pub(crate) version: i64,
    pub(crate) detail: String,
    pub(crate) first_contact_due: Option<String>,
    pub(crate) first_contact_done: bool,
    pub(crate) next_commitment_due: Option<String>,
    pub(crate) open_escalations: i64,
    pub(crate) decision_due: Option<String>,
    pub(crate) reopen_requested: bool,
}

impl Projection {
    pub(crate) fn of(id: CaseId, case: &Case, version: i64) -> Self {
        let detail = CaseDetail {
            description: case.description.clone(),
            complainant: case.complainant.clone(),
            conduct_date: case.conduct_date,
            employees_involved: case.employees_involved.clone(),
            formality: case.formality.clone(),
            registered_by: case.registered_by.display_name(),
            first_contact_due: case.first_contact_due,
            respondents: case.respondents.clone(),
            body_conduct: case.body_conduct.clone(),
            contacts: case.contacts.clone(),
            exploration: case.exploration.clone(),
            respondent_informed: case.respondent_informed.clone(),
            solutions: case.solutions.clone(),
            commitments: case.commitments.clone(),
            escalations: case.escalations.clone(),
            forwarding: case.forwarding.clone(),
            lessons: case.lessons.clone(),
            control_answer: case.control_answer.clone(),
            formal_handling: case.formal.clone(),
            evidence: case.evidence.clone(),
            conduct_protocols: case.conduct_protocols.clone(),
            conduct_closure: case.conduct_closure.clone(),
            letters: case.letters.clone(),
        };
        Self {
            id,
            reference: case.reference.to_string(),
            channel: case.channel.code(),
            phase: case.phase.code(),
            is_open: case.is_open(),
            ladder_step: i64::from(case.ladder_step.number()),
            formal: case.formality.is_formal(),
            received_at: micros(case.received_at),
            handler_id: case.handler.as_ref().map(|h| h.user_id),
            handler_name: case.handler.as_ref().map(|h| h.name.clone()),
            department: case.department.clone(),
            complainant_name: case.complainant.name.clone(),
            summary: case.summary(),
            outcome: case.outcome.map(Outcome::code),
            closed_at: case.closed_at.map(micros),
            version,
            detail: serde_json::to_string(&detail).unwrap_or_default(),
            first_contact_due: case.first_contact_due.map(|d| d.to_string()),
            first_contact_done: case.first_contact_attempt().is_some() || case.first_personal_contact().is_some(),
            next_commitment_due: case.open_commitments().map(|c| c.due).min().map(|d| d.to_string()),
            open_escalations: i64::try_from(case.open_escalations().count()).unwrap_or(i64::MAX),
            decision_due: case.decision_due.map(|d| d.to_string()),
            reopen_requested: case.reopen_request.is_some(),
        }
    }
}

pub(crate) const INSERT_COMMITMENT: &str = "INSERT INTO case_commitments \
     (commitment_id, case_id, what, to_whom, owner, due, status) VALUES ($1, $2, $3, $4, $5, $6, $7)";

pub(crate) const INSERT_ESCALATION: &str = "INSERT INTO case_escalations \
     (escalation_id, case_id, reason, explanation, requested_decision, raised_at, raised_by, answered) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

pub(crate) const fn commitment_status(status: &CommitmentStatus) -> &'static str {
    match status {
        CommitmentStatus::Open => "open",
        CommitmentStatus::Kept { .. } => "kept",
        CommitmentStatus::Broken { .. } => "broken",
    }
}

pub(crate) const UPSERT_CASE: &str = "INSERT INTO cases (id, reference, channel, phase, is_open, ladder_step, formal, received_at, \
     handler_id, handler_name, department, complainant_name, summary, outcome, closed_at, version, detail, \
     first_contact_due, first_contact_done, next_commitment_due, open_escalations, decision_due, reopen_requested) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) \
     ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, channel = excluded.channel, \
     phase = excluded.phase, is_open = excluded.is_open, ladder_step = excluded.ladder_step, \
     formal = excluded.formal, received_at = excluded.received_at, handler_id = excluded.handler_id, \
     handler_name = excluded.handler_name, department = excluded.department, \
     complainant_name = excluded.complainant_name, summary = excluded.summary, outcome = excluded.outcome, \
     closed_at = excluded.closed_at, version = excluded.version, detail = excluded.detail, \
     first_contact_due = excluded.first_contact_due, first_contact_done = excluded.first_contact_done, \
     next_commitment_due = excluded.next_commitment_due, open_escalations = excluded.open_escalations, \
     decision_due = excluded.decision_due, reopen_requested = excluded.reopen_requested";

pub(crate) const INSERT_EVENT: &str = "INSERT INTO events (case_id, seq, event_type, event_version, recorded_at, actor, payload, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

pub(crate) const SELECT_EVENTS: &str = "SELECT seq, event_type, event_version, recorded_at, actor, payload, hash \
     FROM events WHERE case_id = $1 ORDER BY seq";

pub(crate) const CASE_COLUMNS: &str = "id, reference, channel, phase, is_open, ladder_step, formal, received_at, handler_id, \
     handler_name, department, complainant_name, summary, outcome, closed_at, version, \
     first_contact_due, first_contact_done, next_commitment_due, open_escalations, decision_due, reopen_requested";

/// Writes a case's projection row inside an open transaction.
macro_rules! upsert_projection {
    ($tx:expr, $case_id:expr, $case:expr, $version:expr, $before:expr) => {{
        let p = $crate::cases::Projection::of($case_id, $case, $version);
        sqlx::query($crate::cases::UPSERT_CASE)
            .bind(p.id)
            .bind(p.reference)
            .bind(p.channel)
            .bind(p.phase)
            .bind(p.is_open)
            .bind(p.ladder_step)
            .bind(p.formal)
            .bind(p.received_at)
            .bind(p.handler_id)
            .bind(p.handler_name)
            .bind(p.department)
            .bind(p.complainant_name)
            .bind(p.summary)
            .bind(p.outcome)
            .bind(p.closed_at)
            .bind(p.version)
            .bind(p.detail)
            .bind(p.first_contact_due)
            .bind(p.first_contact_done)
            .bind(p.next_commitment_due)
            .bind(p.open_escalations)
            .bind(p.decision_due)
            .bind(p.reopen_requested)
            .execute(&mut *$tx)
            .await?;
        $crate::facts::upsert_facts!($tx, $case_id, $case, $before);
        // Commitments and escalations only ever grow, so a case without any
        // (every new complaint) skips this.
        let case: &gehoord_domain::case::Case = $case;
        if !case.commitments.is_empty() || !case.escalations.is_empty() {
            for sql in
                ["DELETE FROM case_commitments WHERE case_id = $1", "DELETE FROM case_escalations WHERE case_id = $1"]
            {
                sqlx::query(sql).bind($case_id).execute(&mut *$tx).await?;
            }
            for c in &case.commitments {
                sqlx::query($crate::cases::INSERT_COMMITMENT)
                    .bind(c.id)
                    .bind($case_id)
                    .bind(&c.what)
                    .bind(&c.to_whom)
                    .bind(&c.owner)
                    .bind(c.due.to_string())
                    .bind($crate::cases::commitment_status(&c.status))
                    .execute(&mut *$tx)
                    .await?;
            }
            for e in &case.escalations {
                sqlx::query($crate::cases::INSERT_ESCALATION)
                    .bind(e.id)
                    .bind($case_id)
                    .bind(e.reason.code())
                    .bind(&e.explanation)
                    .bind(&e.requested_decision)
                    .bind($crate::micros(e.raised_at))
                    .bind(&e.raised_by)
                    .bind(e.answer.is_some())
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        // Protocols only ever grow too; their person keys follow the case's complainant.
        if !case.conduct_protocols.is_empty() {
            sqlx::query("DELETE FROM conduct_protocols WHERE case_id = $1").bind($case_id).execute(&mut *$tx).await?;
            let keys = case.complainant.person_keys();
            for record in &case.conduct_protocols {
                sqlx::query($crate::cases::INSERT_PROTOCOL)
                    .bind(record.protocol.id)
                    .bind($case_id)
                    .bind(case.reference.to_string())
                    .bind(&keys.email)
                    .bind(&keys.phone)
                    .bind(&keys.name_address)
                    .bind(record.is_active())
                    .bind(serde_json::to_string(record).unwrap_or_default())
                    .execute(&mut *$tx)
                    .await?;
            }
        }
    }};
}
pub(crate) use upsert_projection;

pub(crate) const INSERT_PROTOCOL: &str = "INSERT INTO conduct_protocols \
     (protocol_id, case_id, reference, email_key, phone_key, name_address_key, active, detail) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// Writes events and the projection inside an open transaction. Generic code
/// per database is stamped out by this macro rather than trait bounds.
macro_rules! write_case {
    ($tx:expr, $case_id:expr, $history:expr, $new:expr) => {
        $crate::cases::write_case!($tx, $case_id, $history, $new, notify = true)
    };
    ($tx:expr, $case_id:expr, $history:expr, $new:expr, notify = $notify:expr) => {{
        let case_id: gehoord_domain::CaseId = $case_id;
        let history: &[$crate::cases::StoredEvent] = $history;
        // Instants are stored in microseconds; fold what will be read back, so
        // the projection equals a rebuild from the stored events.
        let new: Vec<gehoord_domain::Event> = $new
            .iter()
            .map(|e| gehoord_domain::Event { at: $crate::instant($crate::micros(e.at)), ..e.clone() })
            .collect();
        let new = new.as_slice();
        let mut prev_hash = history.last().map_or_else(|| $crate::chain::GENESIS.to_owned(), |e| e.hash.clone());
        let mut seq = history.last().map_or(0, |e| e.seq);
        for event in new {
            seq += 1;
            let actor = serde_json::to_string(&event.actor).unwrap_or_default();
            let payload = event.payload.encode();
            let fields = $crate::chain::ChainedFields {
                case_id,
                seq,
                event_type: event.payload.kind(),
                event_version: i64::from(event.payload.version()),
                recorded_at: $crate::micros(event.at),
                actor: &actor,
                payload: &payload,
            };
            let hash = $crate::chain::hash_event(&prev_hash, &fields);
            sqlx::query($crate::cases::INSERT_EVENT)
                .bind(case_id)
                .bind(seq)
                .bind(fields.event_type)
                .bind(fields.event_version)
                .bind(fields.recorded_at)
                .bind(&actor)
                .bind(&payload)
                .bind(&prev_hash)
                .bind(&hash)
                .execute(&mut *$tx)
                .await?;
            prev_hash = hash;
            // A letter by e-mail goes into the outbox with its event.
            if let gehoord_domain::EventPayload::LetterSent { id, letter, .. } = &event.payload
                && letter.delivery == gehoord_domain::letter::Delivery::Email
            {
                sqlx::query($crate::outbox::INSERT_OUTBOX)
                    .bind(*id)
                    .bind(case_id)
                    .bind(letter.recipient.email.clone().unwrap_or_default())
                    .bind(serde_json::to_string(letter).unwrap_or_default())
                    .bind(fields.recorded_at)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        let before = history.iter().map(|e| &e.event).fold(gehoord_domain::CaseState::New, gehoord_domain::apply);
        let facts_before = before.case().map($crate::facts::FactsRow::of);
        let state = new.iter().fold(before, gehoord_domain::apply);
        if let Some(case) = state.case() {
            $crate::cases::upsert_projection!(
                $tx,
                case_id,
                case,
                seq,
                $crate::facts::Before::Known(facts_before.as_ref())
            );
            $crate::lessons::lessons_from_case!($tx, case_id, case, new);
            // The complainant's news goes out with the event that is the news.
            let notify: bool = $notify;
            for event in new.iter().filter(|_| notify) {
                if let Some(notice) = gehoord_domain::notification::after(case, &event.payload) {
                    sqlx::query($crate::notifications::INSERT_NOTIFICATION)
                        .bind(uuid::Uuid::now_v7())
                        .bind(case_id)
                        .bind(&notice.to)
                        .bind(&notice.subject)
                        .bind(&notice.body)
                        .bind($crate::micros(event.at))
                        .execute(&mut *$tx)
                        .await?;
                }
            }
        }
        Ok::<gehoord_domain::CaseState, $crate::StoreError>(state)
    }};
}
pub(crate) use write_case;

pub(crate) fn decode_event<R: Row>(row: &R) -> Result<StoredEvent, StoreError>
where
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let kind: String = row.try_get("event_type")?;
    let version: i64 = row.try_get("event_version")?;
    let payload: String = row.try_get("payload")?;
    let actor: String = row.try_get("actor")?;
    let seq: i64 = row.try_get("seq")?;
    let version = u16::try_from(version).map_err(|_| StoreError::Corrupt(format!("event version {version}")))?;
    let payload =
        EventPayload::decode(&kind, version, &payload).map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
    let actor: Actor =
        serde_json::from_str(&actor).map_err(|e| StoreError::Corrupt(format!("event {seq} actor: {e}")))?;
    Ok(StoredEvent {
        seq,
        event: Event { at: instant(row.try_get("recorded_at")?), actor, payload },
        hash: row.try_get("hash")?,
    })
}

pub(crate) fn decode_case_row<R: Row>(row: &R) -> Result<CaseRow, StoreError>
where
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Uuid: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let code = |col: &str| -> Result<String, StoreError> { Ok(row.try_get::<String, _>(col)?) };
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("{what} {value:?}"));
    let channel = code("channel")?;
    let phase = code("phase")?;
    let ladder: i64 = row.try_get("ladder_step")?;
    let outcome: Option<String> = row.try_get("outcome")?;
    Ok(CaseRow {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        channel: Channel::from_code(&channel).ok_or_else(|| corrupt("channel", &channel))?,
        phase: Phase::from_code(&phase).ok_or_else(|| corrupt("phase", &phase))?,
        is_open: row.try_get("is_open")?,
        ladder_step: u8::try_from(ladder)
            .ok()
            .and_then(LadderStep::from_number)
            .ok_or_else(|| corrupt("ladder step", &ladder.to_string()))?,
        formal: row.try_get("formal")?,
        received_at: instant(row.try_get("received_at")?),
        handler_id: row.try_get("handler_id")?,
        handler_name: row.try_get("handler_name")?,
        department: row.try_get("department")?,
        complainant_name: row.try_get("complainant_name")?,
        summary: row.try_get("summary")?,
        outcome: match outcome {
            None => None,
            Some(code) => Some(Outcome::from_code(&code).ok_or_else(|| corrupt("outcome", &code))?),
        },
        closed_at: row.try_get::<Option<i64>, _>("closed_at")?.map(instant),
        version: row.try_get("version")?,
        first_contact_due: civil_date(row.try_get("first_contact_due")?)?,
        first_contact_done: row.try_get("first_contact_done")?,
        next_commitment_due: civil_date(row.try_get("next_commitment_due")?)?,
        open_escalations: row.try_get("open_escalations")?,
        decision_due: civil_date(row.try_get("decision_due")?)?,
        reopen_requested: row.try_get("reopen_requested")?,
    })
}

/// A stored civil date (ISO text).
pub(crate) fn civil_date(text: Option<String>) -> Result<Option<Date>, StoreError> {
    text.map(|t| t.parse::<Date>().map_err(|e| StoreError::Corrupt(format!("date {t:?}: {e}")))).transpose()
}

/// Allocates the next reference of `$year`, lets `$decide` produce the
/// case's first events and writes them with the projection, inside an open
/// transaction. Evaluates to `Result<CaseReference, StoreError>`; on `Err`
/// the caller rolls back (the whole transaction, or a savepoint).
macro_rules! register_in_tx {
    ($tx:expr, $case_id:expr, $year:expr, $decide:expr) => {
        async {
            let year: i16 = $year;
            let number: i64 =
                sqlx::query_scalar($crate::cases::NEXT_REFERENCE).bind(i64::from(year)).fetch_one(&mut *$tx).await?;
            let number =
                u32::try_from(number).map_err(|_| $crate::StoreError::Corrupt(format!("reference number {number}")))?;
            let reference = gehoord_domain::CaseReference::new(year, number);
            let events = ($decide)(reference)?;
            $crate::cases::write_case!($tx, $case_id, &[], &events)?;
            Ok::<_, $crate::StoreError>(reference)
        }
        .await
    };
}
pub(crate) use register_in_tx;

pub(crate) const NEXT_REFERENCE: &str = "INSERT INTO reference_counters (year, last_number) VALUES ($1, 1) \
     ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1 \
     RETURNING last_number";

impl Store {
    /// Registers a new case: allocates the next reference of `year`, lets
    /// `decide` produce the first events, and writes events, projection and
    /// counter in one transaction. Nothing is written when `decide` refuses.
    ///
    /// # Errors
    /// The domain's refusal, or a database failure (then nothing is written).
    pub async fn register_case<F>(&self, case_id: CaseId, year: i16, decide: F) -> Result<CaseReference, StoreError>
    where
        F: FnOnce(CaseReference) -> Result<Vec<Event>, DomainError>,
    {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            // Dropping the transaction on refusal rolls the counter back too.
            let reference = register_in_tx!(tx, case_id, year, decide)?;
            tx.commit().await?;
            Ok(reference)
        })
    }

    /// Runs a command against the current state of a case and appends what it
    /// decides, retrying when another writer got there first.
    ///
    /// # Errors
    /// The domain's refusal, [`StoreError::Conflict`] after repeated
    /// collisions, or a database failure.
    pub async fn execute<F>(&self, case_id: CaseId, decide: F) -> Result<CaseState, StoreError>
    where
        F: Fn(&CaseState) -> Result<Vec<Event>, DomainError>,
    {
        self.execute_with(case_id, Extra::None, decide).await
    }

    /// As [`Store::execute`], storing `file` in the same transaction as the
    /// events (whose payload carries the file's hash).
    ///
    /// # Errors
    /// As [`Store::execute`].
    pub async fn execute_with_file<F>(
        &self,
        case_id: CaseId,
        file: &NewAttachment,
        decide: F,
    ) -> Result<CaseState, StoreError>
    where
        F: Fn(&CaseState) -> Result<Vec<Event>, DomainError>,
    {
        self.execute_with(case_id, Extra::File(file), decide).await
    }

    pub(crate) async fn execute_with<F>(
        &self,
        case_id: CaseId,
        extra: Extra<'_>,
        decide: F,
    ) -> Result<CaseState, StoreError>
    where
        F: Fn(&CaseState) -> Result<Vec<Event>, DomainError>,
    {
        for _ in 0..MAX_ATTEMPTS {
            let attempt = on_db!(self, |pool| {
                let mut tx = pool.begin_write().await?;
                let rows = sqlx::query(SELECT_EVENTS).bind(case_id).fetch_all(&mut *tx).await?;
                let history = rows.iter().map(decode_event).collect::<Result<Vec<_>, _>>()?;
                let state = CaseState::from_events(history.iter().map(|e| &e.event));
                let new = decide(&state)?;
                if new.is_empty() {
                    return Ok(state);
                }
                async {
                    if let Extra::Delivered { letter_id, at } = extra {
                        sqlx::query("UPDATE outbox SET status = 'delivered', delivered_at = $1 WHERE letter_id = $2")
                            .bind(at)
                            .bind(letter_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    if let Extra::File(f) = extra {
                        sqlx::query(
                            "INSERT INTO attachments (id, case_id, sha256, media_type, size, content) \
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(f.id)
                        .bind(case_id)
                        .bind(&f.sha256)
                        .bind(&f.media_type)
                        .bind(i64::try_from(f.content.len()).unwrap_or(i64::MAX))
                        .bind(&f.content)
                        .execute(&mut *tx)
                        .await?;
                    }
                    let state = write_case!(tx, case_id, &history, &new)?;
                    tx.commit().await?;
                    Ok::<_, StoreError>(state)
                }
                .await
            });
            match attempt {
                Err(StoreError::Database(e)) if StoreError::is_unique_violation(&e) => {
                    tracing::debug!(%case_id, "concurrent append, retrying");
                }
                other => return other,
            }
        }
        Err(StoreError::Conflict)
    }

    /// A stored file of a case, with its media type.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn attachment(&self, case_id: CaseId, id: Uuid) -> Result<Option<StoredAttachment>, StoreError> {
        on_db!(self, |pool| {
            let row: Option<(String, String, Vec<u8>)> =
                sqlx::query_as("SELECT media_type, sha256, content FROM attachments WHERE case_id = $1 AND id = $2")
                    .bind(case_id)
                    .bind(id)
                    .fetch_optional(pool)
                    .await?;
            Ok(row.map(|(media_type, sha256, content)| StoredAttachment { media_type, sha256, content }))
        })
    }

    /// A case's full history, oldest first.
    ///
    /// # Errors
    /// When the database fails or an event cannot be read.
    pub async fn events(&self, case_id: CaseId) -> Result<Vec<StoredEvent>, StoreError> {
        on_db!(self, |pool| {
            let rows = sqlx::query(SELECT_EVENTS).bind(case_id).fetch_all(pool).await?;
            rows.iter().map(decode_event).collect()
        })
    }

    /// The case's timeline for the case page: every event with who and when.
    ///
    /// # Errors
    /// As [`Store::events`].
    pub async fn timeline(&self, case_id: CaseId) -> Result<Vec<TimelineEntry>, StoreError> {
        Ok(self
            .events(case_id)
            .await?
            .into_iter()
            .map(|e| TimelineEntry {
                seq: e.seq,
                at: e.event.at,
                actor: e.event.actor.display_name(),
                payload: e.event.payload,
            })
            .collect())
    }

    /// The case page's summary, from the projection.
    ///
    /// # Errors
    /// When the database fails or the row cannot be read.
    pub async fn case_view(&self, case_id: CaseId) -> Result<Option<CaseView>, StoreError> {
        on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!("SELECT {CASE_COLUMNS}, detail FROM cases WHERE id = $1"));
            let Some(row) = sqlx::query(sql).bind(case_id).fetch_optional(pool).await? else {
                return Ok(None);
            };
            let detail: String = row.try_get("detail")?;
            let detail = serde_json::from_str(&detail).map_err(|e| StoreError::Corrupt(format!("case detail: {e}")))?;
            Ok(Some(CaseView { row: decode_case_row(&row)?, detail }))
        })
    }

    /// Finds a case by its human reference.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn case_id_by_reference(&self, reference: &CaseReference) -> Result<Option<CaseId>, StoreError> {
        on_db!(self, |pool| {
            Ok(sqlx::query_scalar("SELECT id FROM cases WHERE reference = $1")
                .bind(reference.to_string())
                .fetch_optional(pool)
                .await?)
        })
    }

    /// A page of cases, filtered and sorted by receipt. Every filter
    /// combination is served by an index ending in `received_at`.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn inbox(&self, q: &InboxQuery) -> Result<Page<CaseRow>, StoreError> {
        let page = q.page.max(1);
        let page_size = q.page_size.clamp(1, 200);
        let offset = i64::from(page - 1) * i64::from(page_size);
        on_db!(self, |pool| {
            let mut list = QueryBuilder::new(format!("SELECT {CASE_COLUMNS} FROM cases"));
            push_filters(&mut list, q, None);
            // The tie-break on id runs opposite to received_at so both orders are
            // one scan of the `(…, received_at DESC, id)` indexes, forwards or back.
            list.push(if q.oldest_first {
                " ORDER BY received_at ASC, id DESC"
            } else {
                " ORDER BY received_at DESC, id ASC"
            });
            list.push(" LIMIT ").push_bind(i64::from(page_size)).push(" OFFSET ").push_bind(offset);
            let rows = list.build().fetch_all(pool).await?;
            let items = rows.iter().map(decode_case_row).collect::<Result<Vec<_>, _>>()?;

            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM (SELECT 1 FROM cases");
            push_filters(&mut count, q, None);
            count.push(" LIMIT ").push_bind(COUNT_CAP + 1).push(") AS capped");
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            Ok(Page::capped(items, page, page_size, total))
        })
    }
}

/// Where a chunk of an export continues: after this row in the list's order.
pub type After = (Timestamp, CaseId);

impl Store {
    /// The rows of the inbox `q` after `after`, in its order, `limit` at a
    /// time: for exporting a whole list without offsets.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn inbox_chunk(
        &self,
        q: &InboxQuery,
        after: Option<After>,
        limit: u32,
    ) -> Result<Vec<CaseRow>, StoreError> {
        on_db!(self, |pool| {
            let mut list = QueryBuilder::new(format!("SELECT {CASE_COLUMNS} FROM cases"));
            push_filters(&mut list, q, after);
            list.push(if q.oldest_first {
                " ORDER BY received_at ASC, id DESC"
            } else {
                " ORDER BY received_at DESC, id ASC"
            });
            list.push(" LIMIT ").push_bind(i64::from(limit));
            let rows = list.build().fetch_all(pool).await?;
            rows.iter().map(decode_case_row).collect()
        })
    }
}

fn push_filters<DB>(b: &mut QueryBuilder<DB>, q: &InboxQuery, after: Option<After>)
where
    DB: sqlx::Database,
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> bool: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> Uuid: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> &'static str: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut sep = " WHERE ";
    let mut and = |b: &mut QueryBuilder<DB>| {
        b.push(sep);
        sep = " AND ";
    };
    match q.status {
        InboxFilter::Open => {
            and(b);
            b.push("is_open = ").push_bind(true);
        }
        InboxFilter::Closed => {
            and(b);
            b.push("is_open = ").push_bind(false);
        }
        InboxFilter::All => {}
        InboxFilter::ReopenRequested => {
            and(b);
            b.push("reopen_requested = ").push_bind(true);
        }
    }
    if let Some(handler) = q.handler {
        and(b);
        b.push("handler_id = ").push_bind(handler);
    }
    if q.unassigned {
        and(b);
        b.push("handler_id IS NULL");
    }
    if let Some(phase) = q.phase {
        and(b);
        b.push("phase = ").push_bind(phase.code());
    }
    if let Some(channel) = q.channel {
        and(b);
        b.push("channel = ").push_bind(channel.code());
    }
    if let Some((at, id)) = after {
        // Keyset paging in the list's own order (received_at one way, id the
        // other), so every chunk is one index range, however deep.
        let (earlier, id_after) = if q.oldest_first { (">", "<") } else { ("<", ">") };
        and(b);
        b.push(format!("(received_at {earlier} "))
            .push_bind(crate::micros(at))
            .push(" OR (received_at = ")
            .push_bind(crate::micros(at))
            .push(format!(" AND id {id_after} "))
            .push_bind(id)
            .push("))");
    }
    if let Some(a) = q.attention {
        and(b);
        b.push("((first_contact_done = ")
            .push_bind(false)
            .push(" AND first_contact_due < ")
            .push_bind(a.today.to_string())
            .push(") OR next_commitment_due <= ")
            .push_bind(a.commitments_due_on_or_before.to_string())
            .push(")");
    }
}

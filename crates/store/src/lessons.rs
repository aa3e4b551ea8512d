//! The lessons register: the hash-chained `lesson_events`, the `lessons`
//! projection with the `lesson_cases` links, and the lists and counts
//! managers read.
//!
//! A lesson recorded on a case enters the register in the same transaction
//! as the case's event ([`lessons_from_case!`], called from `write_case!`),
//! and so does a case linked to an existing lesson: a refused link (an
//! unknown lesson) refuses the case's command as well, so the two histories
//! never disagree.

use gehoord_domain::{
    Actor, DomainError,
    lesson::{
        Learner, LessonLevel,
        register::{LessonEntry, LessonEvent, LessonEventPayload, LessonId, LessonState, LessonStatus},
    },
};
use jiff::{Timestamp, civil::Date};
use sqlx::{QueryBuilder, Row};
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::{BeginWrite, COUNT_CAP, Page, civil_date},
    instant, on_db,
};

/// How often a lesson command is retried when another writer appended to
/// the same lesson in between.
const MAX_ATTEMPTS: usize = 3;

pub(crate) const SELECT_LESSON_EVENTS: &str = "SELECT seq, event_type, event_version, recorded_at, actor, payload, hash \
     FROM lesson_events WHERE lesson_id = $1 ORDER BY seq";

pub(crate) const INSERT_LESSON_EVENT: &str = "INSERT INTO lesson_events \
     (lesson_id, seq, event_type, event_version, recorded_at, actor, payload, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

pub(crate) const UPSERT_LESSON: &str = "INSERT INTO lessons (id, text, level, learner, positive, department, status, \
     is_open, action, owner, due, citizens_told, case_count, proposed_at, updated_at, version, detail) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
     ON CONFLICT (id) DO UPDATE SET text = excluded.text, level = excluded.level, learner = excluded.learner, \
     positive = excluded.positive, department = excluded.department, status = excluded.status, \
     is_open = excluded.is_open, action = excluded.action, owner = excluded.owner, due = excluded.due, \
     citizens_told = excluded.citizens_told, case_count = excluded.case_count, \
     proposed_at = excluded.proposed_at, updated_at = excluded.updated_at, version = excluded.version, \
     detail = excluded.detail";

pub(crate) const INSERT_LESSON_CASE: &str = "INSERT INTO lesson_cases (lesson_id, case_id, linked_at) \
     VALUES ($1, $2, $3) ON CONFLICT (lesson_id, case_id) DO NOTHING";

const LESSON_COLUMNS: &str = "id, text, level, learner, positive, department, status, is_open, action, owner, due, \
     citizens_told, case_count, proposed_at, updated_at";

/// A lesson event as stored, with its place in the lesson's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLessonEvent {
    pub seq: i64,
    pub event: LessonEvent,
    pub hash: String,
}

/// A lesson as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonRow {
    pub id: LessonId,
    pub text: String,
    pub level: LessonLevel,
    pub learner: Learner,
    pub positive: bool,
    pub department: Option<String>,
    pub status: LessonStatus,
    pub is_open: bool,
    pub action: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub citizens_told: bool,
    pub case_count: i64,
    pub proposed_at: Timestamp,
    pub updated_at: Timestamp,
}

impl LessonRow {
    /// Same rule as `LessonEntry::is_overdue`.
    #[must_use]
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open && self.status == LessonStatus::Agreed && self.due.is_some_and(|d| today > d)
    }

    /// As `LessonEntry::status_label`: an agreed positive lesson was passed on.
    #[must_use]
    pub const fn status_label(&self) -> &'static str {
        match self.status {
            LessonStatus::Agreed if self.positive => "Doorgegeven",
            s => s.label(),
        }
    }
}

/// A case a lesson came from or happened again in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonCase {
    pub case_id: Uuid,
    pub reference: String,
    pub summary: String,
    pub is_open: bool,
    pub linked_at: Timestamp,
}

/// One line of a lesson's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonHistoryEntry {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: String,
    pub payload: LessonEventPayload,
}

/// Everything the lesson page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonDetail {
    pub entry: LessonEntry,
    /// Oldest link first: the case it was drawn from leads.
    pub cases: Vec<LessonCase>,
    pub history: Vec<LessonHistoryEntry>,
}

/// Which lessons by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LessonStatusFilter {
    /// Proposed, or agreed and not done (a passed-on positive lesson is done).
    #[default]
    Open,
    All,
    Is(LessonStatus),
}

/// A page of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonQuery {
    pub status: LessonStatusFilter,
    pub department: Option<String>,
    pub level: Option<LessonLevel>,
    pub positive: Option<bool>,
    /// Only open, agreed lessons due before this day (today).
    pub overdue_on: Option<Date>,
    /// Words in the lesson's text (case-insensitive, anywhere).
    pub text: Option<String>,
    /// Overdue actions on this day (today) first, then newest first: what a
    /// manager works through.
    pub overdue_first_on: Option<Date>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for LessonQuery {
    fn default() -> Self {
        Self {
            status: LessonStatusFilter::Open,
            department: None,
            level: None,
            positive: None,
            overdue_on: None,
            text: None,
            overdue_first_on: None,
            page: 1,
            page_size: 25,
        }
    }
}

/// The numbers at the top of a manager's register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LessonCounts {
    pub proposed: i64,
    /// Agreed improvement actions not yet done.
    pub agreed: i64,
    pub overdue: i64,
    pub done: i64,
    pub rejected: i64,
    pub positive: i64,
}

/// Appends lesson events with their hash chain and rewrites the lesson's
/// projection, inside an open transaction. Evaluates to
/// `Result<LessonState, StoreError>`.
macro_rules! append_lesson {
    ($tx:expr, $lesson_id:expr, $history:expr, $new:expr) => {
        async {
            let lesson_id: gehoord_domain::lesson::register::LessonId = $lesson_id;
            let history: &[$crate::lessons::StoredLessonEvent] = $history;
            // Fold what will be read back (microseconds), so the projection
            // equals a rebuild.
            let new: Vec<gehoord_domain::lesson::register::LessonEvent> = $new
                .iter()
                .map(|e: &gehoord_domain::lesson::register::LessonEvent| {
                    gehoord_domain::lesson::register::LessonEvent {
                        at: $crate::instant($crate::micros(e.at)),
                        ..e.clone()
                    }
                })
                .collect();
            let mut prev_hash = history.last().map_or_else(|| $crate::chain::GENESIS.to_owned(), |e| e.hash.clone());
            let mut seq = history.last().map_or(0, |e| e.seq);
            for event in &new {
                seq += 1;
                let actor = serde_json::to_string(&event.actor).unwrap_or_default();
                let payload = event.payload.encode();
                let fields = $crate::chain::ChainedFields {
                    case_id: lesson_id,
                    seq,
                    event_type: event.payload.kind(),
                    event_version: i64::from(event.payload.version()),
                    recorded_at: $crate::micros(event.at),
                    actor: &actor,
                    payload: &payload,
                };
                let hash = $crate::chain::hash_event(&prev_hash, &fields);
                sqlx::query($crate::lessons::INSERT_LESSON_EVENT)
                    .bind(lesson_id)
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
            }
            let state = history
                .iter()
                .map(|e| &e.event)
                .chain(new.iter())
                .fold(gehoord_domain::lesson::register::LessonState::New, |s, e| {
                    gehoord_domain::lesson::register::apply(lesson_id, s, e)
                });
            let linked: Vec<(uuid::Uuid, i64)> = new
                .iter()
                .filter_map(|e| match &e.payload {
                    gehoord_domain::lesson::register::LessonEventPayload::Proposed(p) => {
                        p.case_id.map(|c| (c, $crate::micros(e.at)))
                    }
                    gehoord_domain::lesson::register::LessonEventPayload::CaseLinked { case_id } => {
                        Some((*case_id, $crate::micros(e.at)))
                    }
                    _ => None,
                })
                .collect();
            if let Some(entry) = state.entry() {
                $crate::lessons::upsert_lesson!($tx, entry, seq);
                for (case_id, at) in linked {
                    sqlx::query($crate::lessons::INSERT_LESSON_CASE)
                        .bind(lesson_id)
                        .bind(case_id)
                        .bind(at)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
            Ok::<_, $crate::StoreError>(state)
        }
        .await
    };
}
pub(crate) use append_lesson;

/// Writes a lesson's projection row inside an open transaction.
macro_rules! upsert_lesson {
    ($tx:expr, $entry:expr, $version:expr) => {{
        let entry: &gehoord_domain::lesson::register::LessonEntry = $entry;
        sqlx::query($crate::lessons::UPSERT_LESSON)
            .bind(entry.id)
            .bind(&entry.text)
            .bind(entry.level.code())
            .bind(entry.learner.code())
            .bind(entry.positive)
            .bind(&entry.department)
            .bind(entry.status.code())
            .bind(entry.is_open())
            .bind(&entry.action)
            .bind(&entry.owner)
            .bind(entry.due.map(|d| d.to_string()))
            .bind(entry.citizens_told.is_some())
            .bind(i64::try_from(entry.cases.len()).unwrap_or(i64::MAX))
            .bind($crate::micros(entry.proposed_at))
            .bind($crate::micros(entry.updated_at))
            .bind($version)
            .bind(serde_json::to_string(entry).unwrap_or_default())
            .execute(&mut *$tx)
            .await?;
    }};
}
pub(crate) use upsert_lesson;

/// The register's side of a case's new events, in the case's transaction:
/// a lesson recorded on the case starts a register entry under its own id
/// (with the case and the case's department), and a link to an existing
/// lesson is added to that lesson. Called from `write_case!` after the
/// case's projection row is written (the links refer to it).
macro_rules! lessons_from_case {
    ($tx:expr, $case_id:expr, $case:expr, $new:expr) => {{
        let case: &gehoord_domain::case::Case = $case;
        for event in $new.iter() {
            let event: &gehoord_domain::Event = event;
            match &event.payload {
                gehoord_domain::EventPayload::LessonRecorded(lesson) => {
                    if let Some(payload) =
                        gehoord_domain::lesson::register::drawn_from_case(lesson, $case_id, case.department.clone())
                    {
                        let first = gehoord_domain::lesson::register::LessonEvent {
                            at: event.at,
                            actor: event.actor.clone(),
                            payload,
                        };
                        $crate::lessons::append_lesson!($tx, lesson.id, &[], &[first])?;
                    }
                }
                gehoord_domain::EventPayload::LessonLinked(link) => {
                    let rows = sqlx::query($crate::lessons::SELECT_LESSON_EVENTS)
                        .bind(link.lesson_id)
                        .fetch_all(&mut *$tx)
                        .await?;
                    let history = rows
                        .iter()
                        .map($crate::lessons::decode_lesson_event)
                        .collect::<Result<Vec<_>, $crate::StoreError>>()?;
                    let state = gehoord_domain::lesson::register::LessonState::from_events(
                        link.lesson_id,
                        history.iter().map(|e| &e.event),
                    );
                    let ctx = gehoord_domain::Context::new(event.at, event.actor.clone());
                    let linked = gehoord_domain::lesson::register::decide(
                        &state,
                        gehoord_domain::lesson::register::LessonCommand::LinkCase { case_id: $case_id },
                        &ctx,
                    )?;
                    if !linked.is_empty() {
                        $crate::lessons::append_lesson!($tx, link.lesson_id, &history, &linked)?;
                    }
                }
                _ => {}
            }
        }
    }};
}
pub(crate) use lessons_from_case;

pub(crate) fn decode_lesson_event<R: Row>(row: &R) -> Result<StoredLessonEvent, StoreError>
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
    let version = u16::try_from(version).map_err(|_| StoreError::Corrupt(format!("lesson event version {version}")))?;
    let payload = LessonEventPayload::decode(&kind, version, &payload)
        .map_err(|e| StoreError::Corrupt(format!("lesson event {seq}: {e}")))?;
    let actor: Actor =
        serde_json::from_str(&actor).map_err(|e| StoreError::Corrupt(format!("lesson event {seq} actor: {e}")))?;
    Ok(StoredLessonEvent {
        seq,
        event: LessonEvent { at: instant(row.try_get("recorded_at")?), actor, payload },
        hash: row.try_get("hash")?,
    })
}

fn decode_lesson_row<R: Row>(row: &R) -> Result<LessonRow, StoreError>
where
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Uuid: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("lesson {what} {value:?}"));
    let level: String = row.try_get("level")?;
    let learner: String = row.try_get("learner")?;
    let status: String = row.try_get("status")?;
    Ok(LessonRow {
        id: row.try_get("id")?,
        text: row.try_get("text")?,
        level: LessonLevel::from_code(&level).ok_or_else(|| corrupt("level", &level))?,
        learner: Learner::from_code(&learner).ok_or_else(|| corrupt("learner", &learner))?,
        positive: row.try_get("positive")?,
        department: row.try_get("department")?,
        status: LessonStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
        is_open: row.try_get("is_open")?,
        action: row.try_get("action")?,
        owner: row.try_get("owner")?,
        due: civil_date(row.try_get("due")?)?,
        citizens_told: row.try_get("citizens_told")?,
        case_count: row.try_get("case_count")?,
        proposed_at: instant(row.try_get("proposed_at")?),
        updated_at: instant(row.try_get("updated_at")?),
    })
}

/// `%words%` for LIKE, with the wildcards in the words taken literally.
fn like_pattern(words: &str) -> String {
    let escaped = words.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn push_lesson_filters<DB>(b: &mut QueryBuilder<DB>, q: &LessonQuery)
where
    DB: sqlx::Database,
    for<'t> bool: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> &'static str: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut sep = " WHERE ";
    let mut and = |b: &mut QueryBuilder<DB>| {
        b.push(sep);
        sep = " AND ";
    };
    match q.status {
        LessonStatusFilter::Open => {
            and(b);
            b.push("is_open = ").push_bind(true);
        }
        LessonStatusFilter::All => {}
        LessonStatusFilter::Is(status) => {
            and(b);
            b.push("status = ").push_bind(status.code());
        }
    }
    if let Some(department) = &q.department {
        and(b);
        b.push("department = ").push_bind(department.clone());
    }
    if let Some(level) = q.level {
        and(b);
        b.push("level = ").push_bind(level.code());
    }
    if let Some(positive) = q.positive {
        and(b);
        b.push("positive = ").push_bind(positive);
    }
    if let Some(today) = q.overdue_on {
        and(b);
        b.push("is_open = ")
            .push_bind(true)
            .push(" AND status = ")
            .push_bind(LessonStatus::Agreed.code())
            .push(" AND due < ")
            .push_bind(today.to_string());
    }
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        and(b);
        b.push("LOWER(text) LIKE ").push_bind(like_pattern(text)).push(" ESCAPE '\\'");
    }
}

impl Store {
    /// A lesson's full history, oldest first.
    ///
    /// # Errors
    /// When the database fails or an event cannot be read.
    pub async fn lesson_events(&self, id: LessonId) -> Result<Vec<StoredLessonEvent>, StoreError> {
        on_db!(self, |pool| {
            let rows = sqlx::query(SELECT_LESSON_EVENTS).bind(id).fetch_all(pool).await?;
            rows.iter().map(decode_lesson_event).collect()
        })
    }

    /// Runs a command against a lesson's current state and appends what it
    /// decides, with the projection, retrying when another writer got there
    /// first. A new lesson (a proposal) starts from the empty state.
    ///
    /// # Errors
    /// The domain's refusal, [`StoreError::Conflict`] after repeated
    /// collisions, or a database failure.
    pub async fn execute_lesson<F>(&self, id: LessonId, decide: F) -> Result<LessonState, StoreError>
    where
        F: Fn(&LessonState) -> Result<Vec<LessonEvent>, DomainError>,
    {
        for _ in 0..MAX_ATTEMPTS {
            let attempt = on_db!(self, |pool| {
                let mut tx = pool.begin_write().await?;
                let rows = sqlx::query(SELECT_LESSON_EVENTS).bind(id).fetch_all(&mut *tx).await?;
                let history = rows.iter().map(decode_lesson_event).collect::<Result<Vec<_>, _>>()?;
                let state = LessonState::from_events(id, history.iter().map(|e| &e.event));
                let new = decide(&state)?;
                if new.is_empty() {
                    return Ok(state);
                }
                let state = append_lesson!(tx, id, &history, &new)?;
                tx.commit().await?;
                Ok::<_, StoreError>(state)
            });
            match attempt {
                Err(StoreError::Database(e)) if StoreError::is_unique_violation(&e) => {
                    tracing::debug!(lesson_id = %id, "concurrent lesson append, retrying");
                }
                other => return other,
            }
        }
        Err(StoreError::Conflict)
    }

    /// A page of the register, newest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn lessons(&self, q: &LessonQuery) -> Result<Page<LessonRow>, StoreError> {
        let page = q.page.max(1);
        let page_size = q.page_size.clamp(1, 200);
        let offset = i64::from(page - 1) * i64::from(page_size);
        on_db!(self, |pool| {
            let mut list = QueryBuilder::new(format!("SELECT {LESSON_COLUMNS} FROM lessons"));
            push_lesson_filters(&mut list, q);
            list.push(" ORDER BY ");
            if let Some(today) = q.overdue_first_on {
                // The same rule as `LessonRow::is_overdue`.
                list.push("CASE WHEN is_open = ")
                    .push_bind(true)
                    .push(" AND status = ")
                    .push_bind(LessonStatus::Agreed.code())
                    .push(" AND due < ")
                    .push_bind(today.to_string())
                    .push(" THEN 0 ELSE 1 END, ");
            }
            list.push("proposed_at DESC, id ASC");
            list.push(" LIMIT ").push_bind(i64::from(page_size)).push(" OFFSET ").push_bind(offset);
            let rows = list.build().fetch_all(pool).await?;
            let items = rows.iter().map(decode_lesson_row).collect::<Result<Vec<_>, _>>()?;

            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM (SELECT 1 FROM lessons");
            push_lesson_filters(&mut count, q);
            count.push(" LIMIT ").push_bind(COUNT_CAP + 1).push(") AS capped");
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            Ok(Page::capped(items, page, page_size, total))
        })
    }

    /// One lesson with its cases and history.
    ///
    /// # Errors
    /// When the database fails or a stored row cannot be read.
    pub async fn lesson(&self, id: LessonId) -> Result<Option<LessonDetail>, StoreError> {
        let detail: Option<String> = on_db!(self, |pool| {
            sqlx::query_scalar("SELECT detail FROM lessons WHERE id = $1").bind(id).fetch_optional(pool).await?
        });
        let Some(detail) = detail else {
            return Ok(None);
        };
        let entry: LessonEntry =
            serde_json::from_str(&detail).map_err(|e| StoreError::Corrupt(format!("lesson detail: {e}")))?;
        let cases = on_db!(self, |pool| {
            let rows = sqlx::query(
                "SELECT c.id, c.reference, c.summary, c.is_open, l.linked_at FROM lesson_cases l \
                 JOIN cases c ON c.id = l.case_id WHERE l.lesson_id = $1 ORDER BY l.linked_at, c.reference",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(LessonCase {
                        case_id: r.try_get("id")?,
                        reference: r.try_get("reference")?,
                        summary: r.try_get("summary")?,
                        is_open: r.try_get("is_open")?,
                        linked_at: instant(r.try_get("linked_at")?),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?
        });
        let history = self
            .lesson_events(id)
            .await?
            .into_iter()
            .map(|e| LessonHistoryEntry {
                seq: e.seq,
                at: e.event.at,
                actor: e.event.actor.display_name(),
                payload: e.event.payload,
            })
            .collect();
        Ok(Some(LessonDetail { entry, cases, history }))
    }

    /// The register's lessons a case came from or was linked to, oldest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn lessons_of_case(&self, case_id: Uuid) -> Result<Vec<LessonRow>, StoreError> {
        on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {} FROM lessons JOIN lesson_cases lc ON lc.lesson_id = lessons.id \
                 WHERE lc.case_id = $1 ORDER BY lc.linked_at, lessons.id",
                LESSON_COLUMNS.split(", ").map(|c| format!("lessons.{c}")).collect::<Vec<_>>().join(", ")
            ));
            let rows = sqlx::query(sql).bind(case_id).fetch_all(pool).await?;
            rows.iter().map(decode_lesson_row).collect()
        })
    }

    /// Open lessons to link a case to: those of `department` first, then
    /// the rest, newest first within each; at most `limit`.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn open_lessons_for_linking(
        &self,
        department: Option<&str>,
        limit: i64,
    ) -> Result<Vec<LessonRow>, StoreError> {
        on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {LESSON_COLUMNS} FROM lessons WHERE is_open = $1 \
                 ORDER BY CASE WHEN department = $2 THEN 0 ELSE 1 END, proposed_at DESC, id LIMIT $3"
            ));
            let rows =
                sqlx::query(sql).bind(true).bind(department.map(str::to_owned)).bind(limit).fetch_all(pool).await?;
            rows.iter().map(decode_lesson_row).collect()
        })
    }

    /// The departments lessons are registered for, for the filter.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn lesson_departments(&self) -> Result<Vec<String>, StoreError> {
        on_db!(self, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT DISTINCT department FROM lessons WHERE department IS NOT NULL ORDER BY department",
            )
            .fetch_all(pool)
            .await?)
        })
    }

    /// How many lessons stand where, optionally for one department.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn lesson_counts(&self, department: Option<&str>, today: Date) -> Result<LessonCounts, StoreError> {
        on_db!(self, |pool| {
            let row = sqlx::query(
                "SELECT \
                   COALESCE(SUM(CASE WHEN status = 'proposed' THEN 1 ELSE 0 END), 0) AS proposed, \
                   COALESCE(SUM(CASE WHEN status = 'agreed' AND is_open = $1 THEN 1 ELSE 0 END), 0) AS agreed, \
                   COALESCE(SUM(CASE WHEN status = 'agreed' AND is_open = $1 AND due < $2 THEN 1 ELSE 0 END), 0) AS overdue, \
                   COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0) AS done, \
                   COALESCE(SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END), 0) AS rejected, \
                   COALESCE(SUM(CASE WHEN positive = $1 THEN 1 ELSE 0 END), 0) AS positive \
                 FROM lessons WHERE ($3 IS NULL OR department = $3)",
            )
            .bind(true)
            .bind(today.to_string())
            .bind(department.map(str::to_owned))
            .fetch_one(pool)
            .await?;
            Ok(LessonCounts {
                proposed: row.try_get("proposed")?,
                agreed: row.try_get("agreed")?,
                overdue: row.try_get("overdue")?,
                done: row.try_get("done")?,
                rejected: row.try_get("rejected")?,
                positive: row.try_get("positive")?,
            })
        })
    }

    /// Recomputes every lesson's projection row and case links from
    /// `lesson_events`. Cheap: lessons are few next to cases.
    ///
    /// # Errors
    /// When the database fails or an event cannot be read.
    pub async fn rebuild_lessons(&self) -> Result<u64, StoreError> {
        let mut done = 0_u64;
        let mut after = Uuid::nil();
        loop {
            let ids: Vec<Uuid> = on_db!(self, |pool| {
                sqlx::query_scalar(
                    "SELECT DISTINCT lesson_id FROM lesson_events WHERE lesson_id > $1 ORDER BY lesson_id LIMIT 500",
                )
                .bind(after)
                .fetch_all(pool)
                .await?
            });
            let Some(last) = ids.last() else { break };
            after = *last;
            on_db!(self, |pool| {
                let mut tx = pool.begin_write().await?;
                for id in &ids {
                    let rows = sqlx::query(SELECT_LESSON_EVENTS).bind(*id).fetch_all(&mut *tx).await?;
                    let history = rows.iter().map(decode_lesson_event).collect::<Result<Vec<_>, _>>()?;
                    let state = LessonState::from_events(*id, history.iter().map(|e| &e.event));
                    if let Some(entry) = state.entry() {
                        let version = history.last().map_or(0, |e| e.seq);
                        upsert_lesson!(tx, entry, version);
                        for e in &history {
                            let case_id = match &e.event.payload {
                                LessonEventPayload::Proposed(p) => p.case_id,
                                LessonEventPayload::CaseLinked { case_id } => Some(*case_id),
                                _ => None,
                            };
                            if let Some(case_id) = case_id {
                                sqlx::query(INSERT_LESSON_CASE)
                                    .bind(*id)
                                    .bind(case_id)
                                    .bind(crate::micros(e.event.at))
                                    .execute(&mut *tx)
                                    .await?;
                            }
                        }
                    }
                }
                tx.commit().await?;
                Ok::<_, StoreError>(())
            })?;
            done += ids.len() as u64;
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern(" Brief 50%_ "), "%brief 50\\%\\_%");
    }
}

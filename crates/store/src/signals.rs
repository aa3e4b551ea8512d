//! What managers did with the signals on the signal list: a signal turned
//! into a lesson, or set aside with the reason no action is needed
//! (`signal_decisions`, migration 0015). A decision is written once and
//! never changed (triggers refuse UPDATE and DELETE); a second decision on
//! the same key is ignored, so two managers acting at once cannot both
//! record one. The keys and when a new signal is "the same" are defined in
//! [`gehoord_domain::signal`].

use std::collections::{HashMap, HashSet};

use gehoord_domain::{
    DomainError,
    lesson::register::{LessonEvent, LessonId, LessonState},
    signal::{Dimension, SignalKey, SignalKind},
};
use jiff::{Timestamp, civil::Date};
use sqlx::{QueryBuilder, Row};
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::BeginWrite,
    facts::{day_number, day_of},
    instant, micros, on_db,
};

/// A decision about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignalDecision {
    pub key: SignalKey,
    /// The signal as the list showed it.
    pub title: String,
    /// A theme's complaints when it was dealt with (empty for other kinds).
    pub members: Vec<Uuid>,
    pub at: Timestamp,
    pub by_id: Uuid,
    pub by: String,
}

/// A recorded decision, as the list of dealt-with signals shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalDecision {
    pub key: SignalKey,
    pub kind: SignalKind,
    pub title: String,
    pub at: Timestamp,
    pub by: String,
    /// The lesson it became, with that lesson's current text.
    pub lesson: Option<(Uuid, Option<String>)>,
    /// Why no action was needed.
    pub reason: Option<String>,
}

/// A theme that was dealt with: its anchor and its complaints then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeDecision {
    pub anchor: Uuid,
    pub members: HashSet<Uuid>,
}

const INSERT_DECISION: &str = "INSERT INTO signal_decisions (signal_key, kind, title, dimension, name, window_end, \
     case_id, decided_at, decided_by_id, decided_by, lesson_id, reason) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (signal_key) DO NOTHING";

const INSERT_MEMBER: &str =
    "INSERT INTO signal_decision_cases (signal_key, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

const SELECT_DECISIONS: &str = "SELECT d.signal_key, d.title, d.decided_at, d.decided_by, d.lesson_id, d.reason, \
     l.text AS lesson_text FROM signal_decisions d LEFT JOIN lessons l ON l.id = d.lesson_id";

/// Writes a decision inside an open transaction; evaluates to whether it
/// was new (`false`: the signal had been dealt with already).
macro_rules! insert_decision {
    ($tx:expr, $d:expr, $lesson:expr, $reason:expr) => {{
        let d: &NewSignalDecision = $d;
        let key = d.key.to_string();
        let (dimension, name, window_end, case_id) = match &d.key {
            SignalKey::Rise { dimension, name, window_end } => {
                (Some(dimension.code()), Some(name.as_str()), Some(day_number(*window_end)), None)
            }
            SignalKey::Theme { .. } => (None, None, None, None),
            SignalKey::Flag { case_id, .. } => (None, None, None, Some(*case_id)),
        };
        let done = sqlx::query(INSERT_DECISION)
            .bind(&key)
            .bind(d.key.kind().code())
            .bind(&d.title)
            .bind(dimension)
            .bind(name)
            .bind(window_end)
            .bind(case_id)
            .bind(micros(d.at))
            .bind(d.by_id)
            .bind(&d.by)
            .bind($lesson)
            .bind($reason)
            .execute(&mut *$tx)
            .await?;
        let new = done.rows_affected() == 1;
        if new {
            for member in &d.members {
                sqlx::query(INSERT_MEMBER).bind(&key).bind(*member).execute(&mut *$tx).await?;
            }
        }
        new
    }};
}

fn decode(r: &impl DecodeRow) -> Result<Option<SignalDecision>, StoreError> {
    let key: String = r.text("signal_key")?;
    let Ok(key) = key.parse::<SignalKey>() else {
        tracing::warn!(key, "a stored signal key that does not read back; skipped");
        return Ok(None);
    };
    Ok(Some(SignalDecision {
        kind: key.kind(),
        key,
        title: r.text("title")?,
        at: instant(r.int("decided_at")?),
        by: r.text("decided_by")?,
        lesson: r.uuid("lesson_id")?.map(|id| Ok::<_, StoreError>((id, r.opt_text("lesson_text")?))).transpose()?,
        reason: r.opt_text("reason")?,
    }))
}

/// Reading one row the same way from either database.
trait DecodeRow {
    fn text(&self, column: &str) -> Result<String, StoreError>;
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError>;
    fn int(&self, column: &str) -> Result<i64, StoreError>;
    fn uuid(&self, column: &str) -> Result<Option<Uuid>, StoreError>;
}

macro_rules! decode_row {
    ($row:ty) => {
        impl DecodeRow for $row {
            fn text(&self, column: &str) -> Result<String, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn int(&self, column: &str) -> Result<i64, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn uuid(&self, column: &str) -> Result<Option<Uuid>, StoreError> {
                Ok(self.try_get(column)?)
            }
        }
    };
}
decode_row!(sqlx::sqlite::SqliteRow);
decode_row!(sqlx::postgres::PgRow);

impl Store {
    /// Records that no action is needed for a signal, with the reason.
    /// Returns `false` when the signal had been dealt with already (the
    /// earlier decision stands).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn dismiss_signal(&self, decision: &NewSignalDecision, reason: &str) -> Result<bool, StoreError> {
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let new = insert_decision!(tx, decision, None::<Uuid>, Some(reason));
            tx.commit().await?;
            Ok(new)
        })
    }

    /// Writes a new lesson (a proposal) and, in the same transaction, that
    /// the signal it came from is dealt with by it. Returns the lesson and
    /// whether the signal decision was new (`false`: someone dealt with
    /// the signal in between; the lesson is written all the same).
    ///
    /// # Errors
    /// The domain's refusal of the lesson, or a database failure.
    pub async fn propose_lesson_for_signal<F>(
        &self,
        id: LessonId,
        decide: F,
        decision: &NewSignalDecision,
    ) -> Result<(LessonState, bool), StoreError>
    where
        F: FnOnce(&LessonState) -> Result<Vec<LessonEvent>, DomainError>,
    {
        let new = decide(&LessonState::New)?;
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT seq FROM lesson_events WHERE lesson_id = $1 LIMIT 1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if existing.is_some() {
                return Err(StoreError::Conflict);
            }
            let state = crate::lessons::append_lesson!(tx, id, &[], &new)?;
            let recorded = insert_decision!(tx, decision, Some(id), None::<&str>);
            tx.commit().await?;
            Ok((state, recorded))
        })
    }

    /// The signals dealt with, newest decision first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn signal_decisions(&self, limit: i64) -> Result<Vec<SignalDecision>, StoreError> {
        on_db!(self, |pool| {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "{SELECT_DECISIONS} ORDER BY d.decided_at DESC, d.signal_key LIMIT $1"
            )))
            .bind(limit)
            .fetch_all(pool)
            .await?;
            Ok(rows.iter().map(decode).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
        })
    }

    /// The decision on one signal, if any.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn signal_decision(&self, key: &SignalKey) -> Result<Option<SignalDecision>, StoreError> {
        on_db!(self, |pool| {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT_DECISIONS} WHERE d.signal_key = $1")))
                .bind(key.to_string())
                .fetch_optional(pool)
                .await?;
            Ok(row.as_ref().map(decode).transpose()?.flatten())
        })
    }

    /// The latest decision on a flag of this case (the case page shows it).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn case_signal_decision(&self, case_id: Uuid) -> Result<Option<SignalDecision>, StoreError> {
        on_db!(self, |pool| {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                "{SELECT_DECISIONS} WHERE d.case_id = $1 ORDER BY d.decided_at DESC LIMIT 1"
            )))
            .bind(case_id)
            .fetch_optional(pool)
            .await?;
            Ok(row.as_ref().map(decode).transpose()?.flatten())
        })
    }

    /// Rises dealt with in a window ending on or after `from`:
    /// `(dimension, name, last day of the window)`.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn dealt_rises(&self, from: Date) -> Result<Vec<(Dimension, String, Date)>, StoreError> {
        let rows: Vec<(Option<String>, Option<String>, Option<i64>)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT dimension, name, window_end FROM signal_decisions WHERE kind = 'rise' AND window_end >= $1",
            )
            .bind(day_number(from))
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(d, name, end)| Some((Dimension::from_code(d.as_deref()?)?, name?, day_of(end?)?)))
            .collect())
    }

    /// Themes dealt with since `since`, with their complaints then.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn dealt_themes(&self, since: Timestamp) -> Result<Vec<ThemeDecision>, StoreError> {
        let rows: Vec<(String, Option<Uuid>)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT d.signal_key, m.case_id FROM signal_decisions d \
                 LEFT JOIN signal_decision_cases m ON m.signal_key = d.signal_key \
                 WHERE d.kind = 'theme' AND d.decided_at >= $1",
            )
            .bind(micros(since))
            .fetch_all(pool)
            .await?
        });
        let mut themes: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
        for (key, member) in rows {
            if let Ok(SignalKey::Theme { anchor }) = key.parse() {
                let members = themes.entry(anchor).or_default();
                members.extend(member);
            }
        }
        Ok(themes.into_iter().map(|(anchor, members)| ThemeDecision { anchor, members }).collect())
    }

    /// Which of `keys` have been dealt with.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn dealt_keys(&self, keys: &[SignalKey]) -> Result<HashSet<SignalKey>, StoreError> {
        if keys.is_empty() {
            return Ok(HashSet::new());
        }
        let mut found = HashSet::new();
        for chunk in keys.chunks(500) {
            let rows: Vec<String> = on_db!(self, |pool| {
                let mut b = QueryBuilder::new("SELECT signal_key FROM signal_decisions WHERE signal_key IN (");
                let mut list = b.separated(", ");
                for key in chunk {
                    list.push_bind(key.to_string());
                }
                b.push(")");
                b.build_query_scalar().fetch_all(pool).await?
            });
            found.extend(rows.iter().filter_map(|k| k.parse().ok()));
        }
        Ok(found)
    }

    /// When each of these cases was last flagged as an important signal.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn flag_times(&self, case_ids: &[Uuid]) -> Result<HashMap<Uuid, Timestamp>, StoreError> {
        let mut out = HashMap::new();
        for chunk in case_ids.chunks(500) {
            let rows: Vec<(Uuid, i64)> = on_db!(self, |pool| {
                let mut b = QueryBuilder::new(
                    "SELECT case_id, MAX(recorded_at) FROM events WHERE event_type = 'signal_flagged' AND case_id IN (",
                );
                let mut list = b.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                b.push(") GROUP BY case_id");
                b.build_query_as().fetch_all(pool).await?
            });
            out.extend(rows.into_iter().map(|(id, at)| (id, instant(at))));
        }
        Ok(out)
    }
}

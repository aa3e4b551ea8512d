//! The outbox of letters by e-mail: written with the "letter sent" event,
//! read by the delivery worker, which retries with backoff and records
//! delivery as an event in the same transaction as the row's new state.

use gehoord_domain::{Actor, CaseId, Command, Context, DomainError, decide, letter::Letter};
use jiff::Timestamp;
use sqlx::Row;
use uuid::Uuid;

use crate::{Store, StoreError, cases::Extra, instant, micros, on_db};

pub(crate) const INSERT_OUTBOX: &str = "INSERT INTO outbox \
     (letter_id, case_id, recipient, letter, status, attempts, next_attempt_at) \
     VALUES ($1, $2, $3, $4, 'pending', 0, $5)";

/// A letter waiting to be delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub letter_id: Uuid,
    pub case_id: CaseId,
    pub recipient: String,
    pub letter: Letter,
    /// Earlier failed attempts.
    pub attempts: u32,
}

/// A letter's delivery state, for the case page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub letter_id: Uuid,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: u32,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub delivered_at: Option<Timestamp>,
}

impl Store {
    /// Letters due for (another) attempt at `now`, oldest first.
    ///
    /// # Errors
    /// When the database fails or a stored letter cannot be read.
    pub async fn due_letters(&self, now: Timestamp, limit: u32) -> Result<Vec<OutboxItem>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String, String, i64)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT letter_id, case_id, recipient, letter, attempts FROM outbox \
                 WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2",
            )
            .bind(micros(now))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(letter_id, case_id, recipient, letter, attempts)| {
                Ok(OutboxItem {
                    letter_id,
                    case_id,
                    recipient,
                    letter: serde_json::from_str(&letter)
                        .map_err(|e| StoreError::Corrupt(format!("outbox letter {letter_id}: {e}")))?,
                    attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                })
            })
            .collect()
    }

    /// The mail server accepted the letter: the row and the case's
    /// "delivered" event change together. Delivered twice (two workers)
    /// records it once.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn letter_delivered(&self, item: &OutboxItem, now: Timestamp) -> Result<(), StoreError> {
        let ctx = Context::new(now, Actor::System);
        let extra = Extra::Delivered { letter_id: item.letter_id, at: micros(now) };
        let command = Command::RecordLetterDelivered { id: item.letter_id };
        match self.execute_with(item.case_id, extra, |s| decide(s, command.clone(), &ctx)).await {
            Ok(_) | Err(StoreError::Domain(DomainError::LetterDelivered)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// An attempt failed: try again at `retry_at`, or give up (`None`) and
    /// leave it for a person to resend.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn letter_failed(
        &self,
        letter_id: Uuid,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.record_failure(
            "UPDATE outbox SET status = $1, attempts = attempts + 1, last_error = $2, \
             next_attempt_at = COALESCE($3, next_attempt_at) WHERE letter_id = $4 AND status = 'pending'",
            letter_id,
            error,
            retry_at,
        )
        .await
    }

    /// A failed attempt of a queued e-mail (`sql` names the queue): pending
    /// again at `retry_at`, or failed for good when there is none.
    pub(crate) async fn record_failure(
        &self,
        sql: &'static str,
        id: Uuid,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        let status = if retry_at.is_some() { "pending" } else { "failed" };
        on_db!(self, |pool| {
            sqlx::query(sql).bind(status).bind(error).bind(retry_at.map(micros)).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    /// Puts a failed letter back in the queue, due now.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn retry_letter(&self, case_id: CaseId, letter_id: Uuid, now: Timestamp) -> Result<bool, StoreError> {
        let changed = on_db!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET status = 'pending', next_attempt_at = $1 \
                 WHERE letter_id = $2 AND case_id = $3 AND status = 'failed'",
            )
            .bind(micros(now))
            .bind(letter_id)
            .bind(case_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(changed == 1)
    }

    /// The delivery state of every e-mailed letter of a case.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn deliveries(&self, case_id: CaseId) -> Result<Vec<Delivery>, StoreError> {
        on_db!(self, |pool| {
            let rows = sqlx::query(
                "SELECT letter_id, status, attempts, next_attempt_at, last_error, delivered_at FROM outbox WHERE case_id = $1",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(Delivery {
                        letter_id: r.try_get("letter_id")?,
                        status: r.try_get("status")?,
                        attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                        next_attempt_at: instant(r.try_get("next_attempt_at")?),
                        last_error: r.try_get("last_error")?,
                        delivered_at: r.try_get::<Option<i64>, _>("delivered_at")?.map(instant),
                    })
                })
                .collect()
        })
    }
}

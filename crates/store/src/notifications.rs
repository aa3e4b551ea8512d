//! Notices to the complainant by e-mail: queued with the event that is the
//! news (see `write_case!`) or, for the first one with the private link, by
//! the intake; delivered by the outbox worker with retries.

use gehoord_domain::{CaseId, notification::Notice};
use jiff::Timestamp;
use uuid::Uuid;

use crate::{Store, StoreError, micros, on_db};

pub(crate) const INSERT_NOTIFICATION: &str = "INSERT INTO notifications \
     (id, case_id, recipient, subject, body, status, attempts, next_attempt_at) \
     VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6)";

/// A notice waiting to be delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationItem {
    pub id: Uuid,
    pub case_id: CaseId,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Earlier failed attempts.
    pub attempts: u32,
}

impl Store {
    /// Queues a notice for the case, due at `now`.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn queue_notification(&self, case_id: CaseId, notice: &Notice, now: Timestamp) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query(INSERT_NOTIFICATION)
                .bind(Uuid::now_v7())
                .bind(case_id)
                .bind(&notice.to)
                .bind(&notice.subject)
                .bind(&notice.body)
                .bind(micros(now))
                .execute(pool)
                .await
                .map(drop)
                .map_err(StoreError::from)
        })
    }

    /// Notices due for (another) attempt at `now`, oldest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn due_notifications(&self, now: Timestamp, limit: u32) -> Result<Vec<NotificationItem>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String, String, String, i64)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, case_id, recipient, subject, body, attempts FROM notifications \
                 WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2",
            )
            .bind(micros(now))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, case_id, recipient, subject, body, attempts)| NotificationItem {
                id,
                case_id,
                recipient,
                subject,
                body,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            })
            .collect())
    }

    /// The mail server took the notice.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn notification_delivered(&self, id: Uuid, now: Timestamp) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query("UPDATE notifications SET status = 'delivered', delivered_at = $1 WHERE id = $2")
                .bind(micros(now))
                .bind(id)
                .execute(pool)
                .await
                .map(drop)
                .map_err(StoreError::from)
        })
    }

    /// An attempt failed: try again at `retry_at`, or give up (`None`).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn notification_failed(
        &self,
        id: Uuid,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.record_failure(
            "UPDATE notifications SET status = $1, attempts = attempts + 1, last_error = $2, \
             next_attempt_at = COALESCE($3, next_attempt_at) WHERE id = $4 AND status = 'pending'",
            id,
            error,
            retry_at,
        )
        .await
    }

    /// The subjects and states of a case's notices, oldest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn notifications(&self, case_id: CaseId) -> Result<Vec<(String, String)>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_as("SELECT subject, status FROM notifications WHERE case_id = $1 ORDER BY next_attempt_at, id")
                .bind(case_id)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from)
        })
    }
}

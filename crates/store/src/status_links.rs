//! Links to the citizen's private status page: an unguessable token per
//! link, of which only the hash is kept; staff can revoke a link and issue
//! a new one.

use gehoord_domain::CaseId;
use jiff::Timestamp;
use uuid::Uuid;

use crate::{
    Store, StoreError, instant, micros, on_db,
    secret::{new_token, token_hash},
};

/// A link as staff see it (never the token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLink {
    pub id: Uuid,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

impl Store {
    /// Issues a new link to the case's status page and returns its id and
    /// token. The token is shown once (the confirmation page, the e-mail);
    /// only its hash is stored.
    ///
    /// # Errors
    /// When the database fails or there is no randomness.
    pub async fn issue_status_link(&self, case_id: CaseId, now: Timestamp) -> Result<(Uuid, String), StoreError> {
        let token = new_token("")?;
        let id = Uuid::now_v7();
        on_db!(self, |pool| {
            sqlx::query("INSERT INTO status_links (token_hash, id, case_id, created_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash(&token))
                .bind(id)
                .bind(case_id)
                .bind(micros(now))
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok((id, token))
    }

    /// The case a token opens, while its link is not revoked.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn case_by_status_token(&self, token: &str) -> Result<Option<CaseId>, StoreError> {
        on_db!(self, |pool| {
            sqlx::query_scalar("SELECT case_id FROM status_links WHERE token_hash = $1 AND revoked_at IS NULL")
                .bind(token_hash(token))
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from)
        })
    }

    /// Every link issued for the case, oldest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn status_links(&self, case_id: CaseId) -> Result<Vec<StatusLink>, StoreError> {
        let rows: Vec<(Uuid, i64, Option<i64>)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, created_at, revoked_at FROM status_links WHERE case_id = $1 ORDER BY created_at, id",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, created, revoked)| StatusLink {
                id,
                created_at: instant(created),
                revoked_at: revoked.map(instant),
            })
            .collect())
    }

    /// Revokes a link of the case; `false` when there is no such open link.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn revoke_status_link(&self, case_id: CaseId, id: Uuid, now: Timestamp) -> Result<bool, StoreError> {
        let done = on_db!(self, |pool| {
            sqlx::query("UPDATE status_links SET revoked_at = $1 WHERE case_id = $2 AND id = $3 AND revoked_at IS NULL")
                .bind(micros(now))
                .bind(case_id)
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(done > 0)
    }
}

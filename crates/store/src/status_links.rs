//! Links to the citizen's private status page: an unguessable token per
//! link, of which only the hash is kept; staff can revoke a link and issue
//! a new one.

use gehoord_domain::CaseId;
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::BeginWrite,
    instant, micros, on_db,
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

/// How long an e-mailed code works.
const CODE_TTL: SignedDuration = SignedDuration::from_mins(15);
/// Wrong tries before a code stops working (a new one can be asked).
const CODE_TRIES: i64 = 5;
/// How long a browser stays let in after the right code.
const ACCESS_TTL: SignedDuration = SignedDuration::from_hours(12);

impl Store {
    /// Whether the status page asks for a code sent by e-mail.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn status_code_required(&self) -> Result<bool, StoreError> {
        let required: Option<bool> = on_db!(self, |pool| {
            sqlx::query_scalar("SELECT status_code_by_email FROM organisation WHERE id = 1")
                .fetch_optional(pool)
                .await?
        });
        Ok(required.unwrap_or(false))
    }

    /// Turns the code by e-mail on or off.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] before set-up; database failures.
    pub async fn set_status_code_required(&self, required: bool) -> Result<(), StoreError> {
        let updated = on_db!(self, |pool| {
            sqlx::query("UPDATE organisation SET status_code_by_email = $1 WHERE id = 1")
                .bind(required)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if updated == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// A new six-digit code for the link `token` (an earlier one stops
    /// working), valid for a quarter of an hour.
    ///
    /// # Errors
    /// When the database fails or there is no randomness.
    pub async fn issue_status_code(&self, token: &str, now: Timestamp) -> Result<String, StoreError> {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| StoreError::Config(format!("no randomness: {e}")))?;
        let code = format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000);
        on_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO status_codes (token_hash, code_hash, expires_at, attempts) VALUES ($1, $2, $3, 0) \
                 ON CONFLICT (token_hash) DO UPDATE SET code_hash = excluded.code_hash, \
                 expires_at = excluded.expires_at, attempts = 0",
            )
            .bind(token_hash(token))
            .bind(token_hash(&code))
            .bind(micros(now + CODE_TTL))
            .execute(pool)
            .await
            .map(drop)
        })?;
        Ok(code)
    }

    /// Checks a code for the link `token`: the right one, in time and
    /// within the tries, is used up and returns an access token for the
    /// browser; anything else counts as a wrong try.
    ///
    /// # Errors
    /// When the database fails or there is no randomness.
    pub async fn check_status_code(
        &self,
        token: &str,
        code: &str,
        now: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        let link = token_hash(token);
        let access = new_token("")?;
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let row: Option<(String, i64, i64)> =
                sqlx::query_as("SELECT code_hash, expires_at, attempts FROM status_codes WHERE token_hash = $1")
                    .bind(&link)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((code_hash, expires_at, attempts)) = row else { return Ok(None) };
            let fits = expires_at > micros(now) && attempts < CODE_TRIES && code_hash == token_hash(code.trim());
            if !fits {
                sqlx::query("UPDATE status_codes SET attempts = attempts + 1 WHERE token_hash = $1")
                    .bind(&link)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                return Ok(None);
            }
            sqlx::query("DELETE FROM status_codes WHERE token_hash = $1").bind(&link).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO status_access (access_hash, token_hash, expires_at) VALUES ($1, $2, $3)")
                .bind(token_hash(&access))
                .bind(&link)
                .bind(micros(now + ACCESS_TTL))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<_, StoreError>(Some(access))
        })
    }

    /// Whether `access` (from the browser's cookie) lets it in on the link `token`.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn status_access_valid(&self, token: &str, access: &str, now: Timestamp) -> Result<bool, StoreError> {
        let found: Option<i64> = on_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT expires_at FROM status_access WHERE access_hash = $1 AND token_hash = $2 AND expires_at > $3",
            )
            .bind(token_hash(access))
            .bind(token_hash(token))
            .bind(micros(now))
            .fetch_optional(pool)
            .await?
        });
        Ok(found.is_some())
    }
}

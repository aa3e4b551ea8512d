//! Staff accounts, login sessions, API tokens and the organisation itself.

use gehoord_domain::{
    Role,
    calendar::{Calendar, ExtraDay},
    case::Rules,
};
use jiff::{SignedDuration, Timestamp};
use sqlx::Row;
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::BeginWrite,
    instant, micros, on_db,
    secret::{dummy_hash, hash_password, new_token, token_hash, verify_password},
};

/// How long a set-up link works.
const SETUP_TOKEN_TTL: SignedDuration = SignedDuration::from_hours(24);

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// Their own department, set by an administrator: a manager's lessons
    /// register and insight dashboard open on it (a default filter; they
    /// may still choose every department).
    pub department: Option<String>,
}

/// The logged-in user behind a session.
pub type SessionUser = User;

/// What is needed to create an account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

/// The organisation Gehoord runs for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
}

/// An API token's public part (the secret itself is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: Uuid,
    pub name: String,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

const USER_COLUMNS: &str = "id, username, display_name, role, active, department";

fn decode_user<R: Row>(row: &R) -> Result<User, StoreError>
where
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Uuid: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: Role::from_code(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
        active: row.try_get("active")?,
        department: row.try_get("department")?,
    })
}

/// Inserts a user row; one statement for every path that creates accounts.
macro_rules! insert_user {
    ($executor:expr, $user:expr, $hash:expr, $now:expr) => {{
        let user: &User = $user;
        sqlx::query(
            "INSERT INTO users (id, username, display_name, password_hash, role, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user.id)
        .bind(&user.username)
        .bind(&user.display_name)
        .bind($hash)
        .bind(user.role.code())
        .bind(user.active)
        .bind(micros($now))
        .execute($executor)
        .await
    }};
}

impl NewUser {
    /// The account as it will be stored: a new id, the normalised username.
    fn account(&self, role: Role) -> User {
        User {
            id: Uuid::now_v7(),
            username: normalise_username(&self.username),
            display_name: self.display_name.trim().to_owned(),
            role,
            active: true,
            department: None,
        }
    }
}

/// Usernames compare without regard to case or surrounding spaces.
fn normalise_username(username: &str) -> String {
    username.trim().to_lowercase()
}

impl Store {
    /// Creates a staff account.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] when the username is taken.
    pub async fn create_user(&self, new: &NewUser, now: Timestamp) -> Result<User, StoreError> {
        let hash = hash_blocking(new.password.clone()).await?;
        let user = new.account(new.role);
        let inserted = on_db!(self, |pool| { insert_user!(pool, &user, &hash, now).map(|_| ()) });
        match inserted {
            Ok(_) => Ok(user),
            Err(e) if StoreError::is_unique_violation(&e) => Err(StoreError::Duplicate(user.username)),
            Err(e) => Err(e.into()),
        }
    }

    /// Checks a username and password. Unknown users cost the same time as
    /// wrong passwords, so logins do not reveal which accounts exist.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn authenticate(&self, username: &str, password: &str) -> Result<Option<User>, StoreError> {
        let username = normalise_username(username);
        let found = on_db!(self, |pool| {
            let sql =
                sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = $1"));
            match sqlx::query(sql).bind(&username).fetch_optional(pool).await? {
                Some(row) => Some((decode_user(&row)?, row.try_get::<String, _>("password_hash")?)),
                None => None,
            }
        });
        let stored = found.as_ref().map_or_else(|| dummy_hash().to_owned(), |(_, h)| h.clone());
        let password = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || verify_password(&password, &stored)).await.unwrap_or(false);
        Ok(found.filter(|(user, _)| matches && user.active).map(|(user, _)| user))
    }

    /// A staff member by id.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn user(&self, id: Uuid) -> Result<Option<User>, StoreError> {
        on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"));
            sqlx::query(sql).bind(id).fetch_optional(pool).await?.as_ref().map(decode_user).transpose()
        })
    }

    /// Every staff member, by name.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users ORDER BY display_name, username"));
            sqlx::query(sql).fetch_all(pool).await?.iter().map(decode_user).collect()
        })
    }

    /// Sets or clears (`None`, or only spaces) a staff member's department.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when no account has this username; database
    /// failures.
    pub async fn set_user_department(&self, username: &str, department: Option<&str>) -> Result<User, StoreError> {
        let username = normalise_username(username);
        let department = department.map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned);
        let updated = on_db!(self, |pool| {
            sqlx::query("UPDATE users SET department = $1 WHERE username = $2")
                .bind(&department)
                .bind(&username)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        let user = on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1"));
            sqlx::query(sql).bind(&username).fetch_optional(pool).await?.as_ref().map(decode_user).transpose()
        })?;
        user.ok_or(StoreError::NotFound)
    }

    /// Starts a login session and returns its secret token (for the cookie).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn create_session(
        &self,
        user_id: Uuid,
        now: Timestamp,
        ttl: SignedDuration,
    ) -> Result<String, StoreError> {
        let token = new_token("")?;
        on_db!(self, |pool| {
            // Housekeeping on login keeps the table small without a job.
            sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(micros(now)).execute(pool).await?;
            sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash(&token))
                .bind(user_id)
                .bind(micros(now))
                .bind(micros(now + ttl))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(token)
    }

    /// The active user behind a session token, if the session is still valid.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn session_user(&self, token: &str, now: Timestamp) -> Result<Option<SessionUser>, StoreError> {
        on_db!(self, |pool| {
            let sql = sqlx::AssertSqlSafe(format!(
                "SELECT {} FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = $3",
                USER_COLUMNS.split(", ").map(|c| format!("u.{c}")).collect::<Vec<_>>().join(", ")
            ));
            sqlx::query(sql)
                .bind(token_hash(token))
                .bind(micros(now))
                .bind(true)
                .fetch_optional(pool)
                .await?
                .as_ref()
                .map(decode_user)
                .transpose()
        })
    }

    /// Ends a session (logout).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        on_db!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash(token))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Issues an API token for an integrating system. The secret is returned
    /// once and stored only as a hash.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn create_api_token(&self, name: &str, now: Timestamp) -> Result<(ApiToken, String), StoreError> {
        let secret = new_token("gh_api_")?;
        let token = ApiToken { id: Uuid::now_v7(), name: name.trim().to_owned(), created_at: now, revoked_at: None };
        on_db!(self, |pool| {
            sqlx::query("INSERT INTO api_tokens (id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)")
                .bind(token.id)
                .bind(&token.name)
                .bind(token_hash(&secret))
                .bind(micros(now))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok((token, secret))
    }

    /// The unrevoked token with this secret, if any.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn api_token(&self, secret: &str) -> Result<Option<ApiToken>, StoreError> {
        on_db!(self, |pool| {
            let row =
                sqlx::query("SELECT id, name, created_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
                    .bind(token_hash(secret))
                    .fetch_optional(pool)
                    .await?;
            row.map(|r| {
                Ok(ApiToken {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    created_at: instant(r.try_get("created_at")?),
                    revoked_at: None,
                })
            })
            .transpose()
        })
    }

    /// Every API token, newest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn api_tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        on_db!(self, |pool| {
            let rows = sqlx::query("SELECT id, name, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC")
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|r| {
                    Ok(ApiToken {
                        id: r.try_get("id")?,
                        name: r.try_get("name")?,
                        created_at: instant(r.try_get("created_at")?),
                        revoked_at: r.try_get::<Option<i64>, _>("revoked_at")?.map(instant),
                    })
                })
                .collect()
        })
    }

    /// Revokes a token; returns whether one was revoked.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn revoke_api_token(&self, id: Uuid, now: Timestamp) -> Result<bool, StoreError> {
        let done = on_db!(self, |pool| {
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(micros(now))
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(done > 0)
    }

    /// The organisation, once set up.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn organisation(&self) -> Result<Option<Organisation>, StoreError> {
        on_db!(self, |pool| {
            let name: Option<String> =
                sqlx::query_scalar("SELECT name FROM organisation WHERE id = 1").fetch_optional(pool).await?;
            Ok(name.map(|name| Organisation { name }))
        })
    }

    /// The organisation's calendar and service norms; the defaults until set-up.
    ///
    /// # Errors
    /// When the database fails or the stored days cannot be read.
    pub async fn rules(&self) -> Result<Rules, StoreError> {
        let row: Option<(i64, String, i64, String)> = on_db!(self, |pool| {
            sqlx::query_as(
                "SELECT first_contact_working_days, extra_days, warning_working_days, ombudsman \
                 FROM organisation WHERE id = 1",
            )
            .fetch_optional(pool)
            .await?
        });
        let Some((days, extra, warning, ombudsman)) = row else { return Ok(Rules::default()) };
        let extra: Vec<ExtraDay> =
            serde_json::from_str(&extra).map_err(|e| StoreError::Corrupt(format!("extra days: {e}")))?;
        let count = |n: i64| u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("working days {n}")));
        Ok(Rules {
            calendar: Calendar::with_extra_days(extra),
            first_contact_working_days: count(days)?,
            warning_working_days: count(warning)?,
            ombudsman,
        })
    }

    /// Stores the organisation's calendar, service norms and ombudsman.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] before set-up; database failures.
    pub async fn set_rules(&self, rules: &Rules) -> Result<(), StoreError> {
        let extra = serde_json::to_string(rules.calendar.extra_days()).unwrap_or_else(|_| "[]".to_owned());
        let updated = on_db!(self, |pool| {
            sqlx::query(
                "UPDATE organisation SET first_contact_working_days = $1, extra_days = $2, \
                 warning_working_days = $3, ombudsman = $4 WHERE id = 1",
            )
            .bind(i64::from(rules.first_contact_working_days))
            .bind(extra)
            .bind(i64::from(rules.warning_working_days))
            .bind(&rules.ombudsman)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if updated == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// Issues a one-time link token for first-run set-up, valid for a day.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn create_setup_token(&self, now: Timestamp) -> Result<String, StoreError> {
        let token = new_token("")?;
        on_db!(self, |pool| {
            sqlx::query("INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)")
                .bind(token_hash(&token))
                .bind(micros(now))
                .bind(micros(now + SETUP_TOKEN_TTL))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(token)
    }

    /// Whether a set-up token is valid now (without using it up).
    ///
    /// # Errors
    /// When the database fails.
    pub async fn setup_token_valid(&self, token: &str, now: Timestamp) -> Result<bool, StoreError> {
        on_db!(self, |pool| {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT expires_at FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2")
                    .bind(token_hash(token))
                    .bind(micros(now))
                    .fetch_optional(pool)
                    .await?;
            Ok(found.is_some())
        })
    }

    /// First-run set-up: names the organisation and creates the first
    /// administrator, in one transaction. With a `setup_token` (the web link),
    /// the token must be valid and is used up; the CLI passes `None`.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] when set-up was already done,
    /// [`StoreError::NotFound`] when the token is not valid (any more).
    pub async fn set_up(
        &self,
        organisation: &str,
        admin: &NewUser,
        setup_token: Option<&str>,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let hash = hash_blocking(admin.password.clone()).await?;
        let user = admin.account(Role::Admin);
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let done: Option<i64> =
                sqlx::query_scalar("SELECT id FROM organisation WHERE id = 1").fetch_optional(&mut *tx).await?;
            if done.is_some() {
                return Err(StoreError::Duplicate("organisation".to_owned()));
            }
            if let Some(token) = setup_token {
                let used = sqlx::query("DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2")
                    .bind(token_hash(token))
                    .bind(micros(now))
                    .execute(&mut *tx)
                    .await?;
                if used.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            sqlx::query("INSERT INTO organisation (id, name, created_at) VALUES (1, $1, $2)")
                .bind(organisation.trim())
                .bind(micros(now))
                .execute(&mut *tx)
                .await?;
            let inserted = insert_user!(&mut *tx, &user, &hash, now);
            match inserted {
                Err(e) if StoreError::is_unique_violation(&e) => {
                    return Err(StoreError::Duplicate(user.username));
                }
                other => other?,
            };
            sqlx::query("DELETE FROM setup_tokens").execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(user)
        })
    }
}

/// Argon2 is deliberately slow; keep it off the async worker threads.
async fn hash_blocking(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| StoreError::Config(format!("hashing task failed: {e}")))?
}

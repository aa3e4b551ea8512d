//! Schema migrations, embedded in the binary and applied in order.
//!
//! A small runner instead of `sqlx::migrate!`: that macro would compile both
//! database drivers a second time for the build host, and the two folders must
//! stay in lockstep anyway, which [`MIGRATIONS_SQLITE`] and
//! [`MIGRATIONS_POSTGRES`] make testable.

use crate::{Store, StoreError, on_db};

/// One schema change.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS_SQLITE: &[Migration] = &[
    Migration { version: 1, name: "init", sql: include_str!("../migrations/sqlite/0001_init.sql") },
    Migration { version: 2, name: "informal_path", sql: include_str!("../migrations/sqlite/0002_informal_path.sql") },
    Migration {
        version: 3,
        name: "organisation_rules",
        sql: include_str!("../migrations/sqlite/0003_organisation_rules.sql"),
    },
    Migration {
        version: 4,
        name: "inbox_all_statuses",
        sql: include_str!("../migrations/sqlite/0004_inbox_all_statuses.sql"),
    },
    Migration {
        version: 5,
        name: "formal_handling",
        sql: include_str!("../migrations/sqlite/0005_formal_handling.sql"),
    },
    Migration { version: 6, name: "house_style", sql: include_str!("../migrations/sqlite/0006_house_style.sql") },
    Migration { version: 7, name: "status_links", sql: include_str!("../migrations/sqlite/0007_status_links.sql") },
    Migration {
        version: 8,
        name: "reopen_requests",
        sql: include_str!("../migrations/sqlite/0008_reopen_requests.sql"),
    },
    Migration { version: 9, name: "notifications", sql: include_str!("../migrations/sqlite/0009_notifications.sql") },
    Migration { version: 10, name: "status_codes", sql: include_str!("../migrations/sqlite/0010_status_codes.sql") },
    Migration { version: 11, name: "lessons", sql: include_str!("../migrations/sqlite/0011_lessons.sql") },
    Migration { version: 12, name: "case_facts", sql: include_str!("../migrations/sqlite/0012_case_facts.sql") },
    Migration { version: 13, name: "rollups", sql: include_str!("../migrations/sqlite/0013_rollups.sql") },
    Migration {
        version: 14,
        name: "ombudsman_departments",
        sql: include_str!("../migrations/sqlite/0014_ombudsman_departments.sql"),
    },
    Migration {
        version: 15,
        name: "signal_decisions",
        sql: include_str!("../migrations/sqlite/0015_signal_decisions.sql"),
    },
];

pub const MIGRATIONS_POSTGRES: &[Migration] = &[
    Migration { version: 1, name: "init", sql: include_str!("../migrations/postgres/0001_init.sql") },
    Migration { version: 2, name: "informal_path", sql: include_str!("../migrations/postgres/0002_informal_path.sql") },
    Migration {
        version: 3,
        name: "organisation_rules",
        sql: include_str!("../migrations/postgres/0003_organisation_rules.sql"),
    },
    Migration {
        version: 4,
        name: "inbox_all_statuses",
        sql: include_str!("../migrations/postgres/0004_inbox_all_statuses.sql"),
    },
    Migration {
        version: 5,
        name: "formal_handling",
        sql: include_str!("../migrations/postgres/0005_formal_handling.sql"),
    },
    Migration { version: 6, name: "house_style", sql: include_str!("../migrations/postgres/0006_house_style.sql") },
    Migration { version: 7, name: "status_links", sql: include_str!("../migrations/postgres/0007_status_links.sql") },
    Migration {
        version: 8,
        name: "reopen_requests",
        sql: include_str!("../migrations/postgres/0008_reopen_requests.sql"),
    },
    Migration { version: 9, name: "notifications", sql: include_str!("../migrations/postgres/0009_notifications.sql") },
    Migration { version: 10, name: "status_codes", sql: include_str!("../migrations/postgres/0010_status_codes.sql") },
    Migration { version: 11, name: "lessons", sql: include_str!("../migrations/postgres/0011_lessons.sql") },
    Migration { version: 12, name: "case_facts", sql: include_str!("../migrations/postgres/0012_case_facts.sql") },
    Migration { version: 13, name: "rollups", sql: include_str!("../migrations/postgres/0013_rollups.sql") },
    Migration {
        version: 14,
        name: "ombudsman_departments",
        sql: include_str!("../migrations/postgres/0014_ombudsman_departments.sql"),
    },
    Migration {
        version: 15,
        name: "signal_decisions",
        sql: include_str!("../migrations/postgres/0015_signal_decisions.sql"),
    },
];

/// Serialises concurrent migrations of several app nodes on PostgreSQL.
const PG_MIGRATION_LOCK: i64 = 0x0067_6568_6f6f_7264; // "gehoord"

impl Store {
    /// Applies every migration that has not run yet, each in its own
    /// transaction. On PostgreSQL an advisory lock keeps nodes from migrating
    /// at the same time.
    ///
    /// # Errors
    /// When a migration fails; it is rolled back and later ones are not tried.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrations = match self {
            Self::Sqlite(_) => MIGRATIONS_SQLITE,
            Self::Postgres(_) => MIGRATIONS_POSTGRES,
        };
        let mut newly_applied = Vec::new();
        on_db!(self, |pool| {
            let mut conn = pool.acquire().await?;
            if matches!(self, Self::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_lock($1)").bind(PG_MIGRATION_LOCK).execute(&mut *conn).await?;
            }
            sqlx::raw_sql(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .execute(&mut *conn)
            .await?;
            let mut result = Ok(());
            for m in migrations {
                let done: Option<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(m.version)
                    .fetch_optional(&mut *conn)
                    .await?;
                if done.is_some() {
                    continue;
                }
                let applied = async {
                    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                    sqlx::raw_sql(m.sql).execute(&mut *tx).await?;
                    sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
                        .bind(m.version)
                        .bind(m.name)
                        .bind(jiff::Timestamp::now().to_string())
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await
                }
                .await;
                if let Err(e) = applied {
                    result = Err(StoreError::Migration { version: m.version, message: e.to_string() });
                    break;
                }
                tracing::info!(version = m.version, name = m.name, "migration applied");
                newly_applied.push(m.version);
            }
            if matches!(self, Self::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_unlock($1)").bind(PG_MIGRATION_LOCK).execute(&mut *conn).await?;
            }
            result
        })?;
        // A migration that adds a projection starts it empty; fill it from the
        // events so existing cases count at once.
        if newly_applied.iter().any(|v| FILLED_BY_REBUILD.contains(v)) {
            let cases = self.rebuild(|_| {}).await?;
            if cases > 0 {
                tracing::info!(cases, "projections rebuilt after migration");
            }
        } else if newly_applied.iter().any(|v| FILLED_FROM_FACTS.contains(v)) {
            self.rebuild_rollups().await?;
        }
        Ok(())
    }
}

/// Migrations that add a projection table (12: case facts).
const FILLED_BY_REBUILD: &[i64] = &[12];
/// Migrations that add a roll-up of the case facts (13); a rebuild fills
/// them too.
const FILLED_FROM_FACTS: &[i64] = &[13];

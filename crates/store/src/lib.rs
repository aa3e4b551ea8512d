//! Persistence for Gehoord: an append-only, hash-chained event store with the
//! projections the inbox and case page read, on SQLite or PostgreSQL.
//!
//! [`Store`] is one interface over both databases. Queries are written once
//! where the SQL is the same (`$1` placeholders work in both) and the
//! [`on_db!`] macro compiles them for each pool; where the databases differ,
//! the code says so at that spot.

mod accounts;
mod bulk;
mod cases;
mod categories;
pub mod chain;
mod error;
mod facts;
mod house_style;
mod intake_queue;
mod lessons;
mod migrate;
mod notifications;
mod ombudsman;
mod outbox;
mod overviews;
mod rollup;
pub mod secret;
mod signals;
mod status_links;
mod verify;

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    PgPool, SqlitePool,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

pub use accounts::{ApiToken, NewUser, Organisation, SessionUser, User};
pub use cases::{
    After, Attention, CaseDetail, CaseRow, CaseView, InboxFilter, InboxQuery, NewAttachment, Page, StoredAttachment,
    StoredEvent, TimelineEntry,
};
pub use categories::Category;
pub use error::StoreError;
pub use facts::{CategoryCount, GroupVolumes, Insight, InsightFilter, OpenDataRow, SignalCase};
pub use intake_queue::IntakeQueue;
pub use lessons::{
    LessonCase, LessonCounts, LessonDetail, LessonHistoryEntry, LessonQuery, LessonRow, LessonStatusFilter,
    StoredLessonEvent,
};
pub use migrate::{MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE, Migration};
pub use notifications::NotificationItem;
pub use ombudsman::ConcludedOmbudsmanCase;
pub use outbox::{Delivery, OutboxItem};
pub use overviews::{CommitmentRow, DeadlineQuery, EscalationRow, PersonProtocol};
pub use signals::{NewSignalDecision, SignalDecision, ThemeDecision};
pub use status_links::StatusLink;
pub use verify::{BrokenLessonLink, BrokenLink, VerifyReport};

/// Runs `$body` with `$pool` bound to whichever pool the store holds. The body
/// is compiled once per database, so shared SQL stays shared without generic
/// trait bounds.
macro_rules! on_db {
    ($store:expr, |$pool:ident| $body:expr) => {
        match $store {
            $crate::Store::Sqlite($pool) => $body,
            $crate::Store::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// The database behind Gehoord. Cheap to clone (pools are shared).
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Opens the database at `url` (`sqlite://path/to/file.db` or
    /// `postgres://…`), creating a SQLite file and its folder when missing,
    /// and brings the schema up to date.
    ///
    /// # Errors
    /// When the URL is not understood, the database cannot be reached, or a
    /// migration fails.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without migrating.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Self::Postgres(pool))
        } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            let path = path.split('?').next().unwrap_or(path);
            if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::Config(format!("cannot create {}: {e}", dir.display())))?;
            }
            // WAL lets readers work beside the one writer; synchronous=FULL
            // fsyncs the log on every commit, so an acknowledged complaint
            // survives a power cut (see docs/PERFORMANCE.md for its price).
            let options = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", "-65536");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Self::Sqlite(pool))
        } else {
            Err(StoreError::Config(format!(
                "database URL must start with sqlite:// or postgres://, got {:?}",
                url.split(':').next().unwrap_or_default()
            )))
        }
    }

    #[must_use]
    pub const fn kind(&self) -> DbKind {
        match self {
            Self::Sqlite(_) => DbKind::Sqlite,
            Self::Postgres(_) => DbKind::Postgres,
        }
    }

    /// Whether the database answers (`/readyz`).
    ///
    /// # Errors
    /// When it does not.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_db!(self, |pool| sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Closes every connection; waits for running queries.
    pub async fn close(&self) {
        on_db!(self, |pool| pool.close().await);
    }
}

/// Microseconds since the epoch, the stored form of an instant.
pub(crate) fn micros(at: jiff::Timestamp) -> i64 {
    at.as_microsecond()
}

/// The inverse of [`micros`]; out-of-range values (only by hand editing)
/// clamp to the epoch rather than failing a read.
pub(crate) fn instant(micros: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_microsecond(micros).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

use gehoord_domain::DomainError;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The domain refused the command; nothing was written.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// Someone else changed the case in between, more often than retries allow.
    #[error("the case was changed by someone else at the same time")]
    Conflict,
    #[error("not found")]
    NotFound,
    /// A value that must be unique already exists (e.g. a username).
    #[error("already exists: {0}")]
    Duplicate(String),
    /// Stored data could not be read back (hand-edited or from a newer version).
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
    #[error("configuration: {0}")]
    Config(String),
    #[error("migration {version} failed: {message}")]
    Migration { version: i64, message: String },
    /// The write did not happen because the database or the writer failed
    /// for a whole batch; the details are in the log.
    #[error("the database is not available; nothing was written")]
    Unavailable,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Whether the database reported a unique-constraint violation.
    pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
        matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
    }
}

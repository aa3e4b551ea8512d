//! The organisation's own list of complaint subjects (issue 7). The reports
//! group by it beside the 22 national norms. A category taken off the list
//! is kept, inactive: the cases that carry it keep their history.

use crate::{Store, StoreError, cases::BeginWrite, on_db};

/// One subject on the organisation's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    /// Offered for new classifications.
    pub active: bool,
}

impl Store {
    /// Every category ever listed: the active ones in the organisation's
    /// order, then the retired ones by name.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn categories(&self) -> Result<Vec<Category>, StoreError> {
        let rows: Vec<(String, bool)> = on_db!(self, |pool| {
            sqlx::query_as("SELECT name, active FROM categories ORDER BY active DESC, position, name")
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(|(name, active)| Category { name, active }).collect())
    }

    /// Makes `names` the active list, in this order (trimmed, blanks and
    /// repeats dropped); every other category becomes inactive.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn set_categories(&self, names: &[String]) -> Result<(), StoreError> {
        let mut seen = std::collections::HashSet::new();
        let names: Vec<&str> =
            names.iter().map(|n| n.trim()).filter(|n| !n.is_empty() && seen.insert(n.to_lowercase())).collect();
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE categories SET active = $1").bind(false).execute(&mut *tx).await?;
            for (position, name) in names.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO categories (name, position, active) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO UPDATE SET position = excluded.position, active = excluded.active",
                )
                .bind(*name)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .bind(true)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok::<_, StoreError>(())
        })
    }
}

//! Step 3 of the complaint ladder as the annual report tells it: the
//! ombudsman's conclusions of a year with what the organisation does with
//! them (Awb 9:12a, 9:36).
//!
//! The ombudsman case lives in the case's detail JSON (`formal_handling.
//! ombudsman`); migration 0014 indexes the day of its conclusion with a
//! partial expression index, so a year's conclusions are one range over the
//! few cases that have one. The expressions below must stay exactly those
//! of the index, or the database scans every case.

use gehoord_domain::ombudsman::{OmbudsmanCase, OmbudsmanConclusion};
use jiff::civil::Date;
use sqlx::Row;
use uuid::Uuid;

use crate::{Store, StoreError};

/// A case the ombudsman concluded on, with the organisation's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcludedOmbudsmanCase {
    pub case_id: Uuid,
    pub reference: String,
    /// Which ombudsman (Awb 9:17).
    pub ombudsman: String,
    pub requested_on: Date,
    pub conclusion: OmbudsmanConclusion,
}

const SQLITE: &str = "SELECT id, reference, json_extract(detail, '$.formal_handling.ombudsman') AS ombudsman \
     FROM cases \
     WHERE json_extract(detail, '$.formal_handling.ombudsman.conclusion.concluded_on') IS NOT NULL \
     AND json_extract(detail, '$.formal_handling.ombudsman.conclusion.concluded_on') BETWEEN $1 AND $2 \
     ORDER BY json_extract(detail, '$.formal_handling.ombudsman.conclusion.concluded_on'), reference";

const POSTGRES: &str = "SELECT id, reference, ((detail::jsonb) #> '{formal_handling,ombudsman}')::text AS ombudsman \
     FROM cases \
     WHERE ((detail::jsonb) #>> '{formal_handling,ombudsman,conclusion,concluded_on}') IS NOT NULL \
     AND ((detail::jsonb) #>> '{formal_handling,ombudsman,conclusion,concluded_on}') BETWEEN $1 AND $2 \
     ORDER BY ((detail::jsonb) #>> '{formal_handling,ombudsman,conclusion,concluded_on}'), reference";

fn decode<R: Row>(row: &R) -> Result<Option<ConcludedOmbudsmanCase>, StoreError>
where
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Uuid: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let case_id: Uuid = row.try_get("id")?;
    let reference: String = row.try_get("reference")?;
    let json: String = row.try_get("ombudsman")?;
    let case: OmbudsmanCase =
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("ombudsman case of {reference}: {e}")))?;
    Ok(case.conclusion.map(|conclusion| ConcludedOmbudsmanCase {
        case_id,
        reference,
        ombudsman: case.ombudsman,
        requested_on: case.requested_on,
        conclusion,
    }))
}

impl Store {
    /// The cases whose ombudsman conclusion is dated `from` to `to`
    /// (inclusive), earliest conclusion first.
    ///
    /// # Errors
    /// When the database fails or a stored ombudsman case cannot be read.
    pub async fn ombudsman_conclusions(&self, from: Date, to: Date) -> Result<Vec<ConcludedOmbudsmanCase>, StoreError> {
        // ISO dates compare as text in both databases.
        let (from, to) = (from.to_string(), to.to_string());
        let found = match self {
            Self::Sqlite(pool) => {
                let rows = sqlx::query(SQLITE).bind(from).bind(to).fetch_all(pool).await?;
                rows.iter().map(decode).collect::<Result<Vec<_>, _>>()?
            }
            Self::Postgres(pool) => {
                let rows = sqlx::query(POSTGRES).bind(from).bind(to).fetch_all(pool).await?;
                rows.iter().map(decode).collect::<Result<Vec<_>, _>>()?
            }
        };
        Ok(found.into_iter().flatten().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_year_of_conclusions_reads_the_partial_index_not_every_case() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("plan.db").display())).await.unwrap();
        let Store::Sqlite(pool) = &store else { unreachable!("a SQLite URL") };
        let plan = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {SQLITE}")))
            .bind("2026-01-01")
            .bind("2026-12-31")
            .fetch_all(pool)
            .await
            .unwrap();
        let steps: Vec<String> = plan.iter().map(|r| r.get::<String, _>("detail")).collect();
        assert!(steps.iter().any(|s| s.contains("USING INDEX cases_ombudsman_concluded")), "{steps:?}");
        assert!(!steps.iter().any(|s| s.contains("TEMP B-TREE")), "the index gives the order: {steps:?}");
        store.close().await;
    }
}

//! Registering many new cases at once (demo data, benchmarks, and later
//! imports from a previous system).
//!
//! A bulk-written case is indistinguishable from one written by
//! [`Store::register_case`]: its reference comes from the same yearly counter,
//! its events are produced by the caller's `decide` and written by the same
//! `write_case!` code (hash chain, projection row), only many cases share one
//! transaction and so one commit (one fsync) instead of one each.

use std::collections::BTreeMap;

use gehoord_domain::{CaseId, CaseReference, DomainError, Event};

use crate::{
    Store, StoreError,
    cases::{BeginWrite, write_case},
    on_db,
};

/// Reserves `count` consecutive numbers of `year`; returns the last of them.
const RESERVE_NUMBERS: &str = "INSERT INTO reference_counters (year, last_number) VALUES ($1, $2) \
     ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + $2 \
     RETURNING last_number";

impl Store {
    /// Registers new cases in one transaction: reserves their references
    /// (per year, in the order given), lets each `decide` produce the case's
    /// first events for its reference, and writes events and projection rows
    /// exactly as [`Store::register_case`] does.
    ///
    /// All or nothing: when one `decide` refuses or the database fails,
    /// nothing of this call is written and no reference is used up. Call it
    /// with batches of about a thousand cases; one call holds the write lock
    /// (SQLite) for its whole duration.
    ///
    /// # Errors
    /// The first domain refusal, or a database failure.
    pub async fn import_cases<F>(&self, cases: Vec<(CaseId, i16, F)>) -> Result<Vec<CaseReference>, StoreError>
    where
        F: FnOnce(CaseReference) -> Result<Vec<Event>, DomainError>,
    {
        let mut per_year: BTreeMap<i16, i64> = BTreeMap::new();
        for (_, year, _) in &cases {
            *per_year.entry(*year).or_default() += 1;
        }
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut next: BTreeMap<i16, u32> = BTreeMap::new();
            for (&year, &count) in &per_year {
                let last: i64 =
                    sqlx::query_scalar(RESERVE_NUMBERS).bind(i64::from(year)).bind(count).fetch_one(&mut *tx).await?;
                let first = u32::try_from(last - count + 1)
                    .map_err(|_| StoreError::Corrupt(format!("reference number {last}")))?;
                next.insert(year, first);
            }
            let mut references = Vec::with_capacity(cases.len());
            for (case_id, year, decide) in cases {
                let number = next
                    .get_mut(&year)
                    .ok_or_else(|| StoreError::Corrupt(format!("no numbers reserved for {year}")))?;
                let reference = CaseReference::new(year, *number);
                *number += 1;
                // Dropping the transaction on refusal rolls the counters back too.
                let events = decide(reference)?;
                // History, not news: imported cases notify nobody.
                write_case!(tx, case_id, &[], &events, notify = false)?;
                references.push(reference);
            }
            tx.commit().await?;
            Ok(references)
        })
    }
}

#[cfg(test)]
mod tests {
    use gehoord_domain::{
        Actor, CaseState, Channel, Command, Complainant, Context, case::InitialHandling, case::Intake, decide,
    };
    use jiff::Timestamp;
    use uuid::Uuid;

    use super::*;
    use crate::InboxQuery;

    fn intake(reference: CaseReference, at: Timestamp, handling: InitialHandling) -> Intake {
        Intake {
            reference,
            channel: Channel::Phone,
            received_at: at,
            description: "De container is al drie weken niet geleegd.".into(),
            complainant: Complainant { name: Some("Fatima el Idrissi".into()), ..Complainant::default() },
            conduct_date: None,
            department: Some("Afval en Reiniging".into()),
            employees_involved: None,
            signed: false,
            handling,
        }
    }

    fn register(reference: CaseReference, at: Timestamp, solved: bool) -> Result<Vec<Event>, DomainError> {
        let handling = if solved {
            InitialHandling::SolvedInContact { what_was_done: "Extra ophaalronde ingepland.".into() }
        } else {
            InitialHandling::HandOver { note: None }
        };
        let staff = Actor::Staff { user_id: Uuid::nil(), name: "Sanne Bakker".into() };
        decide(&CaseState::New, Command::Register(Box::new(intake(reference, at, handling))), &Context::new(at, staff))
    }

    async fn bulk_and_single_paths_agree(store: Store) {
        let at: Timestamp = "2025-03-04T10:00:00Z".parse().unwrap();
        let single = store.register_case(Uuid::now_v7(), 2025, |r| register(r, at, false)).await.unwrap();
        assert_eq!(single, CaseReference::new(2025, 1));

        let ids: Vec<CaseId> = (0..5).map(|_| Uuid::now_v7()).collect();
        let batch = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, if i == 3 { 2024 } else { 2025 }, move |r| register(r, at, i % 2 == 0)))
            .collect();
        let refs = store.import_cases(batch).await.unwrap();
        let numbers: Vec<String> = refs.iter().map(ToString::to_string).collect();
        assert_eq!(numbers, ["KL-2025-000002", "KL-2025-000003", "KL-2025-000004", "KL-2024-000001", "KL-2025-000005"]);

        // The counter carries on where the bulk import stopped.
        let after = store.register_case(Uuid::now_v7(), 2025, |r| register(r, at, false)).await.unwrap();
        assert_eq!(after, CaseReference::new(2025, 6));

        // Same events as the single path would have written for that reference.
        let stored = store.events(ids[1]).await.unwrap();
        let expected = register(CaseReference::new(2025, 3), at, false).unwrap();
        assert_eq!(stored.iter().map(|e| e.event.clone()).collect::<Vec<_>>(), expected);
        assert_eq!(stored.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);

        let view = store.case_view(ids[0]).await.unwrap().unwrap();
        assert!(!view.row.is_open);
        assert_eq!(view.row.reference, "KL-2025-000002");
        let open = store.inbox(&InboxQuery::default()).await.unwrap();
        assert_eq!(open.total, 4);

        let report = store.verify().await.unwrap();
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(report.cases, 7);
    }

    async fn refusal_writes_nothing(store: Store) {
        let at: Timestamp = "2025-03-04T10:00:00Z".parse().unwrap();
        let good = move |r| register(r, at, false);
        type Decide = Box<dyn FnOnce(CaseReference) -> Result<Vec<Event>, DomainError>>;
        let batch: Vec<(CaseId, i16, Decide)> = vec![
            (Uuid::now_v7(), 2025, Box::new(good)),
            (Uuid::now_v7(), 2025, Box::new(|_| Err(DomainError::NotPermitted))),
        ];
        assert!(matches!(store.import_cases(batch).await, Err(StoreError::Domain(DomainError::NotPermitted))));
        let next = store.register_case(Uuid::now_v7(), 2025, good).await.unwrap();
        assert_eq!(next, CaseReference::new(2025, 1), "no reference may be used up");
        assert_eq!(store.verify().await.unwrap().cases, 1);
    }

    async fn on_sqlite(test: impl AsyncFnOnce(Store)) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("bulk.db").display());
        test(Store::open(&url).await.unwrap()).await;
    }

    /// A fresh database on the PostgreSQL server of `TEST_DATABASE_URL`
    /// (default: the local server), dropped afterwards. Fails, never skips,
    /// when the server is not there.
    async fn on_postgres(test: impl AsyncFnOnce(Store)) {
        let server =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let admin = Store::connect(&server).await.expect("PostgreSQL for the store tests (set TEST_DATABASE_URL)");
        let name = format!("gehoord_bulk_{}", Uuid::now_v7().simple());
        let Store::Postgres(pool) = &admin else { panic!("TEST_DATABASE_URL must be postgres://") };
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(pool).await.unwrap();
        let (base, _) = server.rsplit_once('/').unwrap();
        let store = Store::open(&format!("{base}/{name}")).await.unwrap();
        test(store.clone()).await;
        store.close().await;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}"))).execute(pool).await.unwrap();
    }

    #[tokio::test]
    async fn bulk_import_matches_register_case_on_sqlite() {
        on_sqlite(bulk_and_single_paths_agree).await;
        on_sqlite(refusal_writes_nothing).await;
    }

    #[tokio::test]
    async fn bulk_import_matches_register_case_on_postgres() {
        on_postgres(bulk_and_single_paths_agree).await;
        on_postgres(refusal_writes_nothing).await;
    }
}

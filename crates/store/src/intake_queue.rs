//! Group commit for intake: registrations that arrive together are written
//! in one transaction, so they share one fsync.
//!
//! Durability costs one fsync per commit (ADR 0004). One transaction per
//! complaint caps intake at the disk's fsync rate; a single writer that
//! takes every registration waiting at that moment and commits them together
//! lets throughput grow with load while a lone request is written at once.
//! Each registration runs inside its own savepoint, so one refused or failed
//! registration never takes its neighbours down, and none is half-written.
//! A caller gets its answer only after the shared commit succeeded.

use gehoord_domain::{CaseId, CaseReference, DomainError, Event};
use tokio::sync::{mpsc, oneshot};

use crate::{
    Store, StoreError,
    cases::{BeginWrite, register_in_tx},
    on_db,
};

/// At most this many registrations share a commit; bounds the time the
/// write lock is held and a caller waits behind others.
const MAX_BATCH: usize = 256;

/// Registrations waiting when the queue is full make their callers wait
/// (back-pressure) instead of growing memory without bound.
const QUEUE_DEPTH: usize = 4 * MAX_BATCH;

type Decide = Box<dyn FnOnce(CaseReference) -> Result<Vec<Event>, DomainError> + Send>;

struct Job {
    case_id: CaseId,
    year: i16,
    decide: Decide,
    reply: oneshot::Sender<Result<CaseReference, StoreError>>,
}

/// The handle through which requests register new cases. Cheap to clone;
/// the writer stops when the last handle is dropped.
#[derive(Debug, Clone)]
pub struct IntakeQueue {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("case_id", &self.case_id).field("year", &self.year).finish_non_exhaustive()
    }
}

impl IntakeQueue {
    /// Starts the writer for `store` on the current Tokio runtime.
    #[must_use]
    pub fn start(store: Store) -> Self {
        let (jobs, inbox) = mpsc::channel(QUEUE_DEPTH);
        tokio::spawn(write_batches(store, inbox));
        Self { jobs }
    }

    /// Registers a new case exactly as [`Store::register_case`] does, sharing
    /// the commit with registrations that arrive at the same time. Returns
    /// once the case is durably stored.
    ///
    /// # Errors
    /// The domain's refusal, or a database failure; in both cases nothing of
    /// this registration is written.
    pub async fn register<F>(&self, case_id: CaseId, year: i16, decide: F) -> Result<CaseReference, StoreError>
    where
        F: FnOnce(CaseReference) -> Result<Vec<Event>, DomainError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job = Job { case_id, year, decide: Box::new(decide), reply };
        self.jobs.send(job).await.map_err(|_| StoreError::Unavailable)?;
        answer.await.map_err(|_| StoreError::Unavailable)?
    }
}

async fn write_batches(store: Store, mut inbox: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while inbox.recv_many(&mut batch, MAX_BATCH).await > 0 {
        write_batch(&store, std::mem::take(&mut batch)).await;
    }
}

/// Writes one batch and answers every caller in it.
async fn write_batch(store: &Store, batch: Vec<Job>) {
    let size = batch.len();
    let mut done: Vec<(oneshot::Sender<Result<CaseReference, StoreError>>, CaseReference)> = Vec::with_capacity(size);
    let outcome: Result<(), StoreError> = on_db!(store, |pool| {
        async {
            let mut tx = pool.begin_write().await?;
            for job in batch {
                sqlx::query("SAVEPOINT registration").execute(&mut *tx).await?;
                match register_in_tx!(tx, job.case_id, job.year, job.decide) {
                    Ok(reference) => {
                        sqlx::query("RELEASE SAVEPOINT registration").execute(&mut *tx).await?;
                        done.push((job.reply, reference));
                    }
                    Err(e) => {
                        sqlx::query("ROLLBACK TO SAVEPOINT registration").execute(&mut *tx).await?;
                        sqlx::query("RELEASE SAVEPOINT registration").execute(&mut *tx).await?;
                        let _ = job.reply.send(Err(e));
                    }
                }
            }
            tx.commit().await?;
            Ok(())
        }
        .await
    });
    match outcome {
        Ok(()) => {
            tracing::debug!(size, written = done.len(), "intake batch committed");
            for (reply, reference) in done {
                let _ = reply.send(Ok(reference));
            }
        }
        Err(e) => {
            // Nothing of this batch was committed; every caller hears so.
            tracing::error!(error = %e, size, "intake batch failed");
            for (reply, _) in done {
                let _ = reply.send(Err(StoreError::Unavailable));
            }
        }
    }
}

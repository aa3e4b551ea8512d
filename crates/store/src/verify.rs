//! Checking the hash chains (`gehoord verify`) and rebuilding projections
//! from the events (`gehoord rebuild`).

use gehoord_domain::{
    CaseId, CaseState,
    lesson::register::{LessonEventPayload, LessonId},
};
use sha2::{Digest as _, Sha256};
use sqlx::Row;
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::{BeginWrite, StoredEvent},
    chain::{ChainedFields, GENESIS, hash_event},
    on_db,
};

/// Events read per round trip; verification holds one batch in memory.
const BATCH: i64 = 5_000;

/// The first place where the history does not check out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub case_id: CaseId,
    pub seq: i64,
    pub reason: String,
}

/// The first place where a lesson's history does not check out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLessonLink {
    pub lesson_id: LessonId,
    pub seq: i64,
    pub reason: String,
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyReport {
    pub cases: u64,
    pub events: u64,
    /// Evidence files and letter PDFs checked against the hash in their event.
    pub files: u64,
    pub first_broken: Option<BrokenLink>,
    /// Lessons of the register and their events walked.
    pub lessons: u64,
    pub lesson_events: u64,
    /// The lessons' chains are walked even when a case's chain is broken:
    /// they are separate histories.
    pub first_broken_lesson: Option<BrokenLessonLink>,
}

impl VerifyReport {
    #[must_use]
    pub const fn is_intact(&self) -> bool {
        self.first_broken.is_none() && self.first_broken_lesson.is_none()
    }
}

/// The chain state of the case (or lesson) being walked.
struct Walk {
    case_id: Option<Uuid>,
    seq: i64,
    hash: String,
    projected_version: Option<i64>,
}

/// One stored event of a hash chain (a case's or a lesson's), as the walks
/// read it.
struct ChainRow {
    owner: Uuid,
    seq: i64,
    kind: String,
    version: i64,
    recorded_at: i64,
    actor: String,
    payload: String,
    prev_hash: String,
    hash: String,
    projected: Option<i64>,
}

impl Store {
    /// Walks every case's events in order and checks: sequence numbers run
    /// 1, 2, 3 … without gaps; each `prev_hash` is the previous event's hash;
    /// each hash matches the event's content; every payload is readable; and
    /// the projection knows as many events as exist (a removed last event is
    /// caught there); and every evidence file and stored letter PDF is there
    /// with the content its event's SHA-256 names. Stops at the first broken link.
    ///
    /// Then walks the lessons register's chains (`lesson_events`) the same
    /// way, against the `lessons` projection's version, and reports the first
    /// broken lesson apart from the cases.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn verify(&self) -> Result<VerifyReport, StoreError> {
        let mut report = VerifyReport::default();
        self.verify_cases(&mut report).await?;
        self.verify_lessons(&mut report).await?;
        Ok(report)
    }

    /// The next events of a chain table after `after` (owner, seq), with
    /// the owner's projected version. The names are this module's constants
    /// (`events`/`case_id`/`cases` or `lesson_events`/`lesson_id`/`lessons`),
    /// never input.
    async fn chain_batch(
        &self,
        events: &str,
        owner: &str,
        projection: &str,
        after: (Uuid, i64),
    ) -> Result<Vec<ChainRow>, StoreError> {
        let sql = format!(
            "SELECT e.{owner} AS owner, e.seq, e.event_type, e.event_version, e.recorded_at, e.actor, e.payload, \
             e.prev_hash, e.hash, p.version AS projected_version \
             FROM {events} e LEFT JOIN {projection} p ON p.id = e.{owner} \
             WHERE (e.{owner}, e.seq) > ($1, $2) ORDER BY e.{owner}, e.seq LIMIT $3"
        );
        on_db!(self, |pool| {
            let rows =
                sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after.0).bind(after.1).bind(BATCH).fetch_all(pool).await?;
            rows.iter()
                .map(|r| {
                    Ok(ChainRow {
                        owner: r.try_get("owner")?,
                        seq: r.try_get("seq")?,
                        kind: r.try_get("event_type")?,
                        version: r.try_get("event_version")?,
                        recorded_at: r.try_get("recorded_at")?,
                        actor: r.try_get("actor")?,
                        payload: r.try_get("payload")?,
                        prev_hash: r.try_get("prev_hash")?,
                        hash: r.try_get("hash")?,
                        projected: r.try_get("projected_version")?,
                    })
                })
                .collect()
        })
    }

    /// The case chains and their files; stops at the first broken link.
    async fn verify_cases(&self, report: &mut VerifyReport) -> Result<(), StoreError> {
        let mut walk = Walk { case_id: None, seq: 0, hash: GENESIS.to_owned(), projected_version: None };
        let mut after = (Uuid::nil(), 0_i64);
        // (case, seq, file id, sha256) of every evidence file and letter PDF, checked after the chains.
        let mut files = Vec::new();
        loop {
            let batch = self.chain_batch("events", "case_id", "cases", after).await?;
            let Some(last) = batch.last() else { break };
            after = (last.owner, last.seq);
            for ChainRow {
                owner: case_id,
                seq,
                kind,
                version,
                recorded_at,
                actor,
                payload,
                prev_hash,
                hash,
                projected,
            } in batch
            {
                if walk.case_id != Some(case_id) {
                    if let Some(broken) = walk.finish() {
                        report.first_broken = Some(broken);
                        return Ok(());
                    }
                    walk =
                        Walk { case_id: Some(case_id), seq: 0, hash: GENESIS.to_owned(), projected_version: projected };
                    report.cases += 1;
                }
                report.events += 1;
                let broken = |reason: String| Some(BrokenLink { case_id, seq, reason });
                let fields = ChainedFields {
                    case_id,
                    seq,
                    event_type: &kind,
                    event_version: version,
                    recorded_at,
                    actor: &actor,
                    payload: &payload,
                };
                report.first_broken = if seq != walk.seq + 1 {
                    broken(format!("expected event {} but found {seq}: an event is missing", walk.seq + 1))
                } else if prev_hash != walk.hash {
                    broken("prev_hash does not match the previous event's hash".to_owned())
                } else if hash_event(&prev_hash, &fields) != hash {
                    broken("hash does not match the event's content: the event was changed".to_owned())
                } else {
                    match u16::try_from(version).map_err(|e| e.to_string()).and_then(|v| {
                        gehoord_domain::EventPayload::decode(&kind, v, &payload).map_err(|e| e.to_string())
                    }) {
                        Err(e) => broken(format!("payload cannot be read: {e}")),
                        Ok(gehoord_domain::EventPayload::EvidenceAdded(e)) => {
                            files.push((case_id, seq, e.id, e.sha256));
                            None
                        }
                        Ok(gehoord_domain::EventPayload::LetterSent { id, pdf_sha256: Some(sha256), .. }) => {
                            files.push((case_id, seq, id, sha256));
                            None
                        }
                        Ok(_) => None,
                    }
                };
                if report.first_broken.is_some() {
                    return Ok(());
                }
                walk.seq = seq;
                walk.hash = hash;
            }
        }
        report.first_broken = walk.finish();
        if report.first_broken.is_none() {
            report.first_broken = self.verify_files(&files, &mut report.files).await?;
        }
        Ok(())
    }

    /// Walks every lesson's events in order with the checks of the case
    /// walk: sequence without gaps, `prev_hash` links, each hash over the
    /// event's content, a readable payload and actor, and the `lessons` row
    /// knowing as many events as exist. A `lessons` row without any event
    /// is reported too (its whole history was removed). Stops at the first
    /// broken lesson.
    async fn verify_lessons(&self, report: &mut VerifyReport) -> Result<(), StoreError> {
        let mut walk = Walk { case_id: None, seq: 0, hash: GENESIS.to_owned(), projected_version: None };
        let mut after = (Uuid::nil(), 0_i64);
        loop {
            let batch = self.chain_batch("lesson_events", "lesson_id", "lessons", after).await?;
            let Some(last) = batch.last() else { break };
            after = (last.owner, last.seq);
            for ChainRow {
                owner: lesson_id,
                seq,
                kind,
                version,
                recorded_at,
                actor,
                payload,
                prev_hash,
                hash,
                projected,
            } in batch
            {
                if walk.case_id != Some(lesson_id) {
                    if let Some(broken) = walk.finish_lesson() {
                        report.first_broken_lesson = Some(broken);
                        return Ok(());
                    }
                    walk = Walk {
                        case_id: Some(lesson_id),
                        seq: 0,
                        hash: GENESIS.to_owned(),
                        projected_version: projected,
                    };
                    report.lessons += 1;
                }
                report.lesson_events += 1;
                let broken = |reason: String| Some(BrokenLessonLink { lesson_id, seq, reason });
                // The lesson's id takes the place of the case's in the hash.
                let fields = ChainedFields {
                    case_id: lesson_id,
                    seq,
                    event_type: &kind,
                    event_version: version,
                    recorded_at,
                    actor: &actor,
                    payload: &payload,
                };
                report.first_broken_lesson = if seq != walk.seq + 1 {
                    broken(format!("expected lesson event {} but found {seq}: an event is missing", walk.seq + 1))
                } else if prev_hash != walk.hash {
                    broken("prev_hash does not match the previous lesson event's hash".to_owned())
                } else if hash_event(&prev_hash, &fields) != hash {
                    broken("hash does not match the lesson event's content: the event was changed".to_owned())
                } else if let Err(e) = u16::try_from(version)
                    .map_err(|e| e.to_string())
                    .and_then(|v| LessonEventPayload::decode(&kind, v, &payload).map_err(|e| e.to_string()))
                {
                    broken(format!("payload cannot be read: {e}"))
                } else if let Err(e) = serde_json::from_str::<gehoord_domain::Actor>(&actor) {
                    broken(format!("actor cannot be read: {e}"))
                } else {
                    None
                };
                if report.first_broken_lesson.is_some() {
                    return Ok(());
                }
                walk.seq = seq;
                walk.hash = hash;
            }
        }
        report.first_broken_lesson = walk.finish_lesson();
        if report.first_broken_lesson.is_none() {
            // A register row whose every event is gone never appears in the walk above.
            let orphan: Option<(Uuid, i64)> = on_db!(self, |pool| {
                sqlx::query_as(
                    "SELECT l.id, l.version FROM lessons l \
                     WHERE NOT EXISTS (SELECT 1 FROM lesson_events e WHERE e.lesson_id = l.id) \
                     ORDER BY l.id LIMIT 1",
                )
                .fetch_optional(pool)
                .await?
            });
            report.first_broken_lesson = orphan.map(|(lesson_id, version)| BrokenLessonLink {
                lesson_id,
                seq: 0,
                reason: format!("the lesson record knows {version} events but none exist: events were removed by hand"),
            });
        }
        Ok(())
    }

    /// Each recorded file exists and hashes to what its event says.
    async fn verify_files(
        &self,
        files: &[(Uuid, i64, Uuid, String)],
        checked: &mut u64,
    ) -> Result<Option<BrokenLink>, StoreError> {
        for (case_id, seq, id, sha256) in files {
            let broken = |reason: &str| Some(BrokenLink { case_id: *case_id, seq: *seq, reason: reason.to_owned() });
            let Some(file) = self.attachment(*case_id, *id).await? else {
                return Ok(broken("the file (evidence or letter PDF) of this event is missing"));
            };
            if hex::encode(Sha256::digest(&file.content)) != *sha256 || file.sha256 != *sha256 {
                return Ok(broken("the file does not match the hash in its event: the file was changed"));
            }
            *checked += 1;
        }
        Ok(None)
    }

    /// Recomputes every case's projection row from its events. Safe to run
    /// while Gehoord serves requests: each case is rewritten under the write
    /// lock with the events as they are then.
    ///
    /// # Errors
    /// When the database fails or an event cannot be read.
    pub async fn rebuild(&self, mut progress: impl FnMut(u64)) -> Result<u64, StoreError> {
        let mut done = 0_u64;
        let mut after = Uuid::nil();
        loop {
            let ids: Vec<Uuid> = on_db!(self, |pool| {
                sqlx::query_scalar("SELECT DISTINCT case_id FROM events WHERE case_id > $1 ORDER BY case_id LIMIT $2")
                    .bind(after)
                    .bind(BATCH / 10)
                    .fetch_all(pool)
                    .await?
            });
            let Some(last) = ids.last() else { break };
            after = *last;
            on_db!(self, |pool| {
                let mut tx = pool.begin_write().await?;
                for id in &ids {
                    let rows = sqlx::query(crate::cases::SELECT_EVENTS).bind(*id).fetch_all(&mut *tx).await?;
                    let history =
                        rows.iter().map(crate::cases::decode_event).collect::<Result<Vec<StoredEvent>, _>>()?;
                    let state = CaseState::from_events(history.iter().map(|e| &e.event));
                    if let Some(case) = state.case() {
                        let version = history.last().map_or(0, |e| e.seq);
                        crate::cases::upsert_projection!(tx, *id, case, version, crate::facts::Before::Rebuild);
                    }
                }
                tx.commit().await?;
                Ok::<_, StoreError>(())
            })?;
            done += ids.len() as u64;
            progress(done);
        }
        // The facts were rewritten without moving the roll-ups: count afresh.
        self.rebuild_rollups().await?;
        Ok(done)
    }
}

impl Walk {
    /// Checks the end of a lesson's chain against its `lessons` row.
    fn finish_lesson(&self) -> Option<BrokenLessonLink> {
        let lesson_id = self.case_id?;
        let broken = |reason: String| Some(BrokenLessonLink { lesson_id, seq: self.seq, reason });
        match self.projected_version {
            Some(v) if v == self.seq => None,
            Some(v) => broken(format!(
                "the lesson record knows {v} events but {} exist: events were removed or added by hand",
                self.seq
            )),
            None => broken("lesson events exist without a lesson record".to_owned()),
        }
    }

    /// Checks the end of a case's chain against its projection.
    fn finish(&self) -> Option<BrokenLink> {
        let case_id = self.case_id?;
        match self.projected_version {
            Some(v) if v == self.seq => None,
            Some(v) => Some(BrokenLink {
                case_id,
                seq: self.seq,
                reason: format!(
                    "the case record knows {v} events but {} exist: events were removed or added by hand",
                    self.seq
                ),
            }),
            None => {
                Some(BrokenLink { case_id, seq: self.seq, reason: "events exist without a case record".to_owned() })
            }
        }
    }
}

//! The case-facts projection (issue 7): one narrow row per case from
//! [`CaseFacts`], written with the `cases` row, and the aggregates the
//! dashboards and the annual report read from it.
//!
//! The domain's metric functions in [`gehoord_domain::insight`] are the
//! reference; every aggregate here is tested to give the same numbers over
//! the same cases. Intake figures (volumes, channels, categories) count the
//! cases *received* in the period; outcome figures (handling, lead times,
//! verdicts, norms, satisfaction) count the cases *closed* in it, as an
//! annual report does.

use std::collections::BTreeMap;

use gehoord_domain::{
    Channel, LadderStep, Outcome,
    insight::{CaseFacts, Handling, LeadTimes, Ombudsman, SIGNAL_WINDOW_DAYS, SIGNAL_WINDOWS, Share},
    judgment::Verdict,
    norm::Norm,
    not_handling::NotHandlingGround,
};
use jiff::civil::Date;
use sqlx::{QueryBuilder, Row};
use uuid::Uuid;

use crate::{
    Store, StoreError, on_db,
    rollup::{SUMMED, Span, Sums, Tally},
};

/// A civil day as stored: `yyyymmdd`.
#[must_use]
pub(crate) fn day_number(day: Date) -> i64 {
    i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())
}

/// The inverse of [`day_number`]; `None` for a number that is no day.
#[must_use]
pub(crate) fn day_of(number: i64) -> Option<Date> {
    let year = i16::try_from(number / 10_000).ok()?;
    let month = i8::try_from(number / 100 % 100).ok()?;
    let day = i8::try_from(number % 100).ok()?;
    Date::new(year, month, day).ok()
}

pub(crate) const UPSERT_FACTS: &str = "INSERT INTO case_facts \
    (case_id, received, closed, channel, department, category, handler_id, ladder_step, outcome, formal, \
     not_handling_ground, decision_due, lead_days, within_term, postponed, well_founded, unfounded, no_judgment, \
     commitments_kept, commitments_broken, satisfied, reopened, signal, ombudsman) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) \
    ON CONFLICT (case_id) DO UPDATE SET received = excluded.received, closed = excluded.closed, \
     channel = excluded.channel, department = excluded.department, category = excluded.category, \
     handler_id = excluded.handler_id, ladder_step = excluded.ladder_step, outcome = excluded.outcome, \
     formal = excluded.formal, not_handling_ground = excluded.not_handling_ground, \
     decision_due = excluded.decision_due, lead_days = excluded.lead_days, within_term = excluded.within_term, \
     postponed = excluded.postponed, well_founded = excluded.well_founded, unfounded = excluded.unfounded, \
     no_judgment = excluded.no_judgment, commitments_kept = excluded.commitments_kept, \
     commitments_broken = excluded.commitments_broken, satisfied = excluded.satisfied, \
     reopened = excluded.reopened, signal = excluded.signal, ombudsman = excluded.ombudsman";

pub(crate) const INSERT_NORM: &str =
    "INSERT INTO case_fact_norms (case_id, part, norm, verdict) VALUES ($1, $2, $3, $4)";

/// The columns of a facts row, as [`FactsRow::decode`] reads them.
pub(crate) const FACT_COLUMNS: &str = "received, closed, channel, department, category, handler_id, ladder_step, \
    outcome, formal, not_handling_ground, decision_due, lead_days, within_term, postponed, well_founded, unfounded, \
    no_judgment, commitments_kept, commitments_broken, satisfied, reopened, signal, ombudsman";

/// The stored shape of [`CaseFacts`]: flags as 0/1 so both databases sum them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactsRow {
    pub(crate) received: i64,
    pub(crate) closed: Option<i64>,
    pub(crate) channel: &'static str,
    pub(crate) department: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) handler_id: Option<Uuid>,
    pub(crate) ladder_step: i32,
    pub(crate) outcome: Option<&'static str>,
    pub(crate) formal: i32,
    pub(crate) not_handling_ground: Option<&'static str>,
    pub(crate) decision_due: Option<i64>,
    pub(crate) lead_days: Option<i32>,
    pub(crate) within_term: Option<i32>,
    pub(crate) postponed: i32,
    pub(crate) verdicts: [i32; 3],
    pub(crate) commitments_kept: i32,
    pub(crate) commitments_broken: i32,
    pub(crate) satisfied: Option<i32>,
    pub(crate) reopened: i32,
    pub(crate) signal: Option<String>,
    pub(crate) ombudsman: i32,
    /// (part, norm, verdict) of every judged part.
    pub(crate) norms: Vec<(i32, &'static str, &'static str)>,
}

impl FactsRow {
    pub(crate) fn of(case: &gehoord_domain::case::Case) -> Self {
        let f = CaseFacts::of(case);
        let count = |v: Verdict| clamp(f.verdicts.iter().filter(|(verdict, _)| *verdict == v).count());
        Self {
            received: day_number(f.received),
            closed: f.closed.map(day_number),
            channel: f.channel.code(),
            department: f.department.clone(),
            category: f.category.clone(),
            handler_id: f.handler_id,
            ladder_step: i32::from(f.ladder_step.number()),
            outcome: f.outcome.map(Outcome::code),
            formal: i32::from(f.formal),
            not_handling_ground: f.not_handling_ground.map(NotHandlingGround::code),
            decision_due: f.decision_due.map(day_number),
            lead_days: f.lead_days().map(|d| i32::try_from(d).unwrap_or(i32::MAX)),
            within_term: f.within_term().map(i32::from),
            postponed: i32::from(f.postponed),
            verdicts: [count(Verdict::WellFounded), count(Verdict::Unfounded), count(Verdict::NoJudgment)],
            commitments_kept: clamp(f.commitments_kept as usize),
            commitments_broken: clamp(f.commitments_broken as usize),
            satisfied: f.satisfied.map(i32::from),
            reopened: clamp(f.reopened as usize),
            signal: case.signal.as_ref().map(|s| s.reason.clone()),
            ombudsman: match f.ombudsman {
                None => 0,
                Some(Ombudsman::Pending) => 1,
                Some(Ombudsman::Concluded) => 2,
            },
            norms: f
                .verdicts
                .iter()
                .enumerate()
                .flat_map(|(part, (verdict, norms))| norms.iter().map(move |n| (clamp(part), n.code(), verdict.code())))
                .collect(),
        }
    }

    /// A stored row ([`FACT_COLUMNS`]) without its norms, which live in
    /// their own table.
    pub(crate) fn decode<R: Row>(row: &R) -> Result<Self, StoreError>
    where
        for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> Uuid: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> &'r str: sqlx::ColumnIndex<R>,
    {
        fn known<T>(
            value: Option<String>,
            what: &str,
            from: impl Fn(&str) -> Option<T>,
        ) -> Result<Option<T>, StoreError> {
            value.map(|v| from(&v).ok_or_else(|| StoreError::Corrupt(format!("unknown {what} {v}")))).transpose()
        }
        let channel = known(Some(row.try_get("channel")?), "channel", Channel::from_code)?;
        Ok(Self {
            received: row.try_get("received")?,
            closed: row.try_get("closed")?,
            channel: channel.map_or("", Channel::code),
            department: row.try_get("department")?,
            category: row.try_get("category")?,
            handler_id: row.try_get("handler_id")?,
            ladder_step: row.try_get("ladder_step")?,
            outcome: known(row.try_get("outcome")?, "outcome", Outcome::from_code)?.map(Outcome::code),
            formal: row.try_get("formal")?,
            not_handling_ground: known(row.try_get("not_handling_ground")?, "ground", NotHandlingGround::from_code)?
                .map(NotHandlingGround::code),
            decision_due: row.try_get("decision_due")?,
            lead_days: row.try_get::<Option<i64>, _>("lead_days")?.map(|d| i32::try_from(d).unwrap_or(i32::MAX)),
            within_term: row.try_get("within_term")?,
            postponed: row.try_get("postponed")?,
            verdicts: [row.try_get("well_founded")?, row.try_get("unfounded")?, row.try_get("no_judgment")?],
            commitments_kept: row.try_get("commitments_kept")?,
            commitments_broken: row.try_get("commitments_broken")?,
            satisfied: row.try_get("satisfied")?,
            reopened: row.try_get("reopened")?,
            signal: row.try_get("signal")?,
            ombudsman: row.try_get("ombudsman")?,
            norms: Vec::new(),
        })
    }
}

/// What a write knows of the case's facts before it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Before<'a> {
    /// The facts as stored (`None`: a new case); the roll-ups move with the
    /// change.
    Known(Option<&'a FactsRow>),
    /// Not known (a rebuild): the roll-ups are recomputed afterwards.
    Rebuild,
}

fn clamp(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Writes the facts row of `$case` (and its judged norms) in `$tx`, and
/// moves the case in the roll-ups from its facts `$before` (a [`Before`]).
/// Nothing is written when the facts did not change.
macro_rules! upsert_facts {
    ($tx:expr, $case_id:expr, $case:expr, $before:expr) => {{
        let f = $crate::facts::FactsRow::of($case);
        let before: $crate::facts::Before = $before;
        if !matches!(before, $crate::facts::Before::Known(Some(b)) if *b == f) {
            sqlx::query($crate::facts::UPSERT_FACTS)
                .bind($case_id)
                .bind(f.received)
                .bind(f.closed)
                .bind(f.channel)
                .bind(&f.department)
                .bind(&f.category)
                .bind(f.handler_id)
                .bind(f.ladder_step)
                .bind(f.outcome)
                .bind(f.formal)
                .bind(f.not_handling_ground)
                .bind(f.decision_due)
                .bind(f.lead_days)
                .bind(f.within_term)
                .bind(f.postponed)
                .bind(f.verdicts[0])
                .bind(f.verdicts[1])
                .bind(f.verdicts[2])
                .bind(f.commitments_kept)
                .bind(f.commitments_broken)
                .bind(f.satisfied)
                .bind(f.reopened)
                .bind(&f.signal)
                .bind(f.ombudsman)
                .execute(&mut *$tx)
                .await?;
            // Judgments are rare and only ever added or revised on formal cases.
            if !f.norms.is_empty() {
                sqlx::query("DELETE FROM case_fact_norms WHERE case_id = $1").bind($case_id).execute(&mut *$tx).await?;
                for (part, norm, verdict) in &f.norms {
                    sqlx::query($crate::facts::INSERT_NORM)
                        .bind($case_id)
                        .bind(*part)
                        .bind(*norm)
                        .bind(*verdict)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
            if let $crate::facts::Before::Known(b) = before {
                $crate::rollup::shift_rollups!($tx, b, &f);
            }
        }
    }};
}
pub(crate) use upsert_facts;

/// Which cases a dashboard or report counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightFilter {
    /// First day of the period.
    pub from: Date,
    /// Last day of the period (inclusive).
    pub to: Date,
    pub department: Option<String>,
    pub channel: Option<Channel>,
    pub category: Option<String>,
    pub handler_id: Option<Uuid>,
}

/// A category (`None`: none chosen) and how many complaints it has.
pub type CategoryCount = (Option<String>, usize);

/// Everything a dashboard shows for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Insight {
    /// Cases received in the period.
    pub received: usize,
    /// Received per month (`yyyymm`) and channel, months in order.
    pub by_month: Vec<(i32, Vec<(Channel, usize)>)>,
    /// Received per month and category (`None`: no category), months in order.
    pub by_month_category: Vec<(i32, Vec<CategoryCount>)>,
    pub by_channel: Vec<(Channel, usize)>,
    /// Per category, most first; `None` is "no category".
    pub by_category: Vec<(Option<String>, usize)>,
    pub by_department: Vec<(Option<String>, usize)>,
    /// Formal cases received in the period, still open today past their term.
    pub overdue: Share,
    /// Cases closed in the period.
    pub closed: usize,
    /// Of the closed: the highest ladder step reached.
    pub ladder: Vec<(LadderStep, Share)>,
    pub handling: Vec<(Handling, usize)>,
    pub lead_times: LeadTimes,
    pub verdicts: Vec<(Verdict, usize)>,
    pub not_handling: Vec<(NotHandlingGround, usize)>,
    /// Norms named on well-founded parts, most first.
    pub norms_violated: Vec<(Norm, usize)>,
    pub commitments_kept: Share,
    pub satisfaction: Share,
    /// Closed cases that had been reopened at least once.
    pub reopened: usize,
    /// Closed cases that went to the ombudsman, and of those concluded.
    pub ombudsman: usize,
    pub ombudsman_concluded: usize,
}

/// A case flagged as an important signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalCase {
    pub case_id: Uuid,
    pub reference: String,
    pub summary: String,
    pub department: Option<String>,
    pub category: Option<String>,
    pub received: Date,
    pub reason: String,
}

/// The figures per group a volume signal compares (see
/// [`gehoord_domain::insight::rising`]): counts per four-week window, the
/// oldest first and the one ending today last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupVolumes {
    /// `"category"` or `"department"`.
    pub dimension: &'static str,
    pub name: String,
    pub windows: Vec<u32>,
}

/// `WHERE` the `column` (a day or month number) lies in `first..=last` and
/// the filter's groups match; every table read here calls itself `f`.
fn push_filter<DB>(b: &mut QueryBuilder<DB>, f: &InsightFilter, column: &str, first: i64, last: i64)
where
    DB: sqlx::Database,
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> Uuid: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> &'static str: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    b.push(format!(" WHERE {column} >= ")).push_bind(first).push(format!(" AND {column} <= ")).push_bind(last);
    push_groups(b, f);
}

/// `WHERE` a roll-up row lies in one of `spans` and the filter's groups match.
fn push_spans<DB>(b: &mut QueryBuilder<DB>, f: &InsightFilter, spans: &[Span])
where
    DB: sqlx::Database,
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> Uuid: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> &'static str: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    b.push(" WHERE (");
    for (i, span) in spans.iter().enumerate() {
        let (first, last, rows) = match *span {
            Span::Years(first, last) => (first, last, " AND f.month % 100 = 0)"),
            Span::Months(first, last) => (first, last, " AND f.month % 100 <> 0)"),
        };
        b.push(if i == 0 { "(f.month >= " } else { " OR (f.month >= " });
        b.push_bind(first).push(" AND f.month <= ").push_bind(last).push(rows);
    }
    b.push(")");
    push_groups(b, f);
}

fn push_groups<DB>(b: &mut QueryBuilder<DB>, f: &InsightFilter)
where
    DB: sqlx::Database,
    for<'t> Uuid: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> &'static str: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> String: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    if let Some(d) = &f.department {
        b.push(" AND f.department = ").push_bind(d.clone());
    }
    if let Some(c) = f.channel {
        b.push(" AND f.channel = ").push_bind(c.code());
    }
    if let Some(c) = &f.category {
        b.push(" AND f.category = ").push_bind(c.clone());
    }
    if let Some(h) = f.handler_id {
        b.push(" AND f.handler_id = ").push_bind(h);
    }
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Intake of whole months, from the roll-up.
const INTAKE_MONTHS: &str = "SELECT f.month, f.channel, NULLIF(f.category, '') AS category, \
    NULLIF(f.department, '') AS department, CAST(SUM(f.received) AS BIGINT) AS n FROM intake_months f";
/// Intake of edge days, from the facts (the covering received index).
const INTAKE_DAYS: &str = "SELECT f.received / 100 AS month, f.channel, f.category, f.department, \
    COUNT(*) AS n FROM case_facts f";
/// In the roll-up's key order, so SQLite groups without sorting.
const INTAKE_GROUPS: &str = " GROUP BY 1, f.channel, f.department, f.category";

impl Store {
    /// The dashboard's figures for `filter`, as of `today` (for overdue).
    ///
    /// Whole years and months come from the roll-ups, the days at the
    /// period's edges from `case_facts` ([`crate::rollup::cut`]), so any
    /// period costs about the same.
    ///
    /// # Errors
    /// When the database fails or holds a value no code knows.
    pub async fn insight(&self, filter: &InsightFilter, today: Date) -> Result<Insight, StoreError> {
        let cut = crate::rollup::cut(filter.from, filter.to);
        let (from, to) = (day_number(filter.from), day_number(filter.to));
        // Independent reads side by side on their own connections (SQLite's
        // WAL lets readers share the file).
        let (intake, (open_formal, overdue), tally) = on_db!(self, |pool| {
            let intake = async {
                let mut intake = Intake::default();
                let mut queries = Vec::new();
                if !cut.rollups.is_empty() {
                    let mut b = QueryBuilder::new(INTAKE_MONTHS);
                    push_spans(&mut b, filter, &cut.months());
                    b.push(INTAKE_GROUPS);
                    queries.push(b);
                }
                for (first, last) in &cut.edges {
                    let mut b = QueryBuilder::new(INTAKE_DAYS);
                    push_filter(&mut b, filter, "f.received", *first, *last);
                    b.push(INTAKE_GROUPS);
                    queries.push(b);
                }
                for mut b in queries {
                    for row in b.build().fetch_all(pool).await? {
                        let month: i64 = row.try_get("month")?;
                        let channel: String = row.try_get("channel")?;
                        let channel = Channel::from_code(&channel)
                            .ok_or_else(|| StoreError::Corrupt(format!("unknown channel {channel}")))?;
                        intake.add(
                            i32::try_from(month).unwrap_or_default(),
                            channel,
                            row.try_get("category")?,
                            row.try_get("department")?,
                            count(row.try_get("n")?),
                        );
                    }
                }
                Ok::<_, StoreError>(intake)
            };
            let overdue = async {
                // Open formal cases are few whatever the history: a partial index.
                let mut b = QueryBuilder::new(
                    "SELECT COUNT(*) AS open_formal, \
                     COALESCE(SUM(CASE WHEN f.decision_due < ",
                );
                b.push_bind(day_number(today)).push(" THEN 1 ELSE 0 END), 0) AS overdue FROM case_facts f");
                push_filter(&mut b, filter, "f.received", from, to);
                b.push(" AND f.closed IS NULL AND f.formal = 1");
                let row = b.build().fetch_one(pool).await?;
                Ok::<_, StoreError>((count(row.try_get("open_formal")?), count(row.try_get("overdue")?)))
            };
            // Whole years and months: the sums in one row, the counted maps as text
            // (grounds and norms only where there are any), side by side.
            let months = async {
                if cut.rollups.is_empty() {
                    return Ok(Tally::default());
                }
                let sums = async {
                    let mut b = QueryBuilder::new(format!("SELECT {} FROM outcome_months f", &*SUMMED));
                    push_spans(&mut b, filter, &cut.rollups);
                    let row = b.build().fetch_one(pool).await?;
                    Sums::decode(&row)
                };
                let lead_days = async {
                    let mut b = QueryBuilder::new("SELECT f.lead_days FROM outcome_months f");
                    push_spans(&mut b, filter, &cut.rollups);
                    b.push(" AND f.lead_days <> ''");
                    let mut tally = Tally::default();
                    for row in b.build().fetch_all(pool).await? {
                        tally.add_texts(&row.try_get::<String, _>("lead_days")?, "", "")?;
                    }
                    Ok::<_, StoreError>(tally)
                };
                let grounds_and_norms = async {
                    let mut b = QueryBuilder::new("SELECT f.grounds, f.norms FROM outcome_months f");
                    push_spans(&mut b, filter, &cut.rollups);
                    b.push(" AND (f.grounds <> '' OR f.norms <> '')");
                    let mut tally = Tally::default();
                    for row in b.build().fetch_all(pool).await? {
                        let text = |column: &str| row.try_get::<String, _>(column);
                        tally.add_texts("", &text("grounds")?, &text("norms")?)?;
                    }
                    Ok::<_, StoreError>(tally)
                };
                let (sums, mut tally, maps) = tokio::try_join!(sums, lead_days, grounds_and_norms)?;
                tally.sums = sums;
                tally.add(&maps, 1);
                Ok::<_, StoreError>(tally)
            };
            let edges = async {
                let mut tally = Tally::default();
                for (first, last) in &cut.edges {
                    let mut b = QueryBuilder::new(format!("SELECT {FACT_COLUMNS} FROM case_facts f"));
                    push_filter(&mut b, filter, "f.closed", *first, *last);
                    for row in b.build().fetch_all(pool).await? {
                        tally.add(&Tally::of(&FactsRow::decode(&row)?), 1);
                    }
                    let mut b = QueryBuilder::new(
                        "SELECT n.norm, COUNT(*) AS times FROM case_fact_norms n \
                         JOIN case_facts f ON f.case_id = n.case_id",
                    );
                    push_filter(&mut b, filter, "f.closed", *first, *last);
                    b.push(" AND n.verdict = 'well_founded' GROUP BY n.norm");
                    for row in b.build().fetch_all(pool).await? {
                        let norm: String = row.try_get("norm")?;
                        let norm = Norm::from_code(&norm)
                            .ok_or_else(|| StoreError::Corrupt(format!("unknown norm {norm}")))?;
                        let times: i64 = row.try_get("times")?;
                        *tally.norms.entry(norm.code()).or_default() += times;
                    }
                }
                Ok(tally)
            };
            let (intake, overdue, mut tally, edges) = tokio::try_join!(intake, overdue, months, edges)?;
            tally.add(&edges, 1);
            (intake, overdue, tally)
        });
        let s = &tally.sums;
        let n = |v: i64| usize::try_from(v).unwrap_or(0);
        let closed = n(s.closed);
        let histogram: Vec<(i64, usize)> = tally.lead_days.iter().map(|(d, k)| (*d, n(*k))).collect();
        let days = |p| gehoord_domain::insight::percentile_counted(&histogram, p);
        let mut norms: Vec<(Norm, usize)> =
            tally.norms.iter().filter_map(|(code, times)| Some((Norm::from_code(code)?, n(*times)))).collect();
        // Most first; ties in the national order, as the domain does.
        norms.sort_by_key(|(norm, times)| (std::cmp::Reverse(*times), norm.number()));
        Ok(Insight {
            received: intake.total,
            by_month: intake.by_month(),
            by_month_category: intake
                .month_categories
                .iter()
                .map(|(m, per)| (*m, per.iter().map(|(c, n)| (c.clone(), *n)).collect()))
                .collect(),
            by_channel: intake.by_channel(),
            by_category: Intake::most_first(intake.categories),
            by_department: Intake::most_first(intake.departments),
            overdue: Share { part: overdue, of: open_formal },
            closed,
            ladder: vec![
                (LadderStep::InContact, Share { part: n(s.step1), of: closed }),
                (LadderStep::ComplaintHandling, Share { part: n(s.step2), of: closed }),
                (LadderStep::External, Share { part: n(s.step3), of: closed }),
            ],
            handling: vec![
                (Handling::Informal, n(s.closed - s.forwarded - s.not_handled - s.formal)),
                (Handling::Formal, n(s.formal)),
                (Handling::NotHandled, n(s.not_handled)),
                (Handling::Forwarded, n(s.forwarded)),
            ],
            lead_times: LeadTimes {
                closed: histogram.iter().map(|(_, k)| k).sum(),
                median_days: days(50),
                p90_days: days(90),
                within_term: Share { part: n(s.within_term), of: n(s.term_judged) },
                postponed: Share { part: n(s.postponed), of: n(s.formal_closed) },
            },
            verdicts: vec![
                (Verdict::WellFounded, n(s.well_founded)),
                (Verdict::Unfounded, n(s.unfounded)),
                (Verdict::NoJudgment, n(s.no_judgment)),
            ],
            not_handling: NotHandlingGround::ALL
                .into_iter()
                .map(|g| (g, n(tally.grounds.get(g.code()).copied().unwrap_or(0))))
                .collect(),
            norms_violated: norms,
            commitments_kept: Share { part: n(s.kept), of: n(s.kept + s.broken) },
            satisfaction: Share { part: n(s.satisfied), of: n(s.said) },
            reopened: n(s.reopened),
            ombudsman: n(s.ombudsman),
            ombudsman_concluded: n(s.ombudsman_concluded),
        })
    }

    /// Four-week volumes per category and per department over the last
    /// [`SIGNAL_WINDOWS`] windows up to `today`, for the rising-volume
    /// signals. Groups without a name are left out.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn group_volumes(&self, today: Date) -> Result<Vec<GroupVolumes>, StoreError> {
        let span = SIGNAL_WINDOW_DAYS * i32::try_from(SIGNAL_WINDOWS).unwrap_or(13);
        let first = today.checked_sub(jiff::Span::new().days(span - 1)).unwrap_or(today);
        let mut groups: BTreeMap<(&'static str, String), Vec<u32>> = BTreeMap::new();
        for (dimension, column) in [("category", "category"), ("department", "department")] {
            let rows: Vec<(i64, Option<String>, i64)> = on_db!(self, |pool| {
                // `column` is one of the two names above, never input.
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT received, {column}, COUNT(*) FROM case_facts \
                     WHERE received >= $1 AND received <= $2 AND {column} IS NOT NULL GROUP BY received, {column}"
                )))
                .bind(day_number(first))
                .bind(day_number(today))
                .fetch_all(pool)
                .await?
            });
            for (received, name, n) in rows {
                let (Some(name), Some(day)) = (name, day_of(received)) else { continue };
                let back = (today - day).get_days() / SIGNAL_WINDOW_DAYS;
                let Some(slot) = usize::try_from(back).ok().and_then(|b| SIGNAL_WINDOWS.checked_sub(b + 1)) else {
                    continue;
                };
                let windows = groups.entry((dimension, name)).or_insert_with(|| vec![0; SIGNAL_WINDOWS]);
                windows[slot] += u32::try_from(n).unwrap_or(u32::MAX);
            }
        }
        Ok(groups.into_iter().map(|((dimension, name), windows)| GroupVolumes { dimension, name, windows }).collect())
    }

    /// Every department any case names, for the dashboards' filter; a
    /// loose index scan, each department once.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn departments(&self) -> Result<Vec<String>, StoreError> {
        on_db!(self, |pool| {
            Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!("{} ORDER BY dep", crate::overviews::DEPARTMENTS)))
                .fetch_all(pool)
                .await?)
        })
    }

    /// The most recent complaints received since `since` (at most `limit`,
    /// newest first): id, reference and the first words of the text, for
    /// finding recurring themes.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn recent_texts(
        &self,
        since: jiff::Timestamp,
        limit: i64,
    ) -> Result<Vec<(Uuid, String, String)>, StoreError> {
        on_db!(self, |pool| {
            Ok(sqlx::query_as(
                "SELECT id, reference, summary FROM cases WHERE received_at >= $1 \
                 ORDER BY received_at DESC LIMIT $2",
            )
            .bind(crate::micros(since))
            .bind(limit)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Cases flagged as an important signal, newest first.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn signal_cases(&self, limit: i64) -> Result<Vec<SignalCase>, StoreError> {
        on_db!(self, |pool| {
            let rows = sqlx::query(
                "SELECT f.case_id, c.reference, c.summary, f.department, f.category, f.received, f.signal \
                 FROM case_facts f JOIN cases c ON c.id = f.case_id WHERE f.signal IS NOT NULL \
                 ORDER BY f.received DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(SignalCase {
                        case_id: r.try_get("case_id")?,
                        reference: r.try_get("reference")?,
                        summary: r.try_get("summary")?,
                        department: r.try_get("department")?,
                        category: r.try_get("category")?,
                        received: day_of(r.try_get("received")?).unwrap_or_default(),
                        reason: r.try_get("signal")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()
        })
    }
}

/// One case as open data (Woo): facts only, no personal data and no free
/// text. Days are reduced to months, so a row cannot be matched to a
/// person by the day they wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDataRow {
    pub reference: String,
    /// `yyyymm`.
    pub received_month: i64,
    pub closed_month: Option<i64>,
    pub channel: String,
    pub department: Option<String>,
    pub category: Option<String>,
    pub ladder_step: i64,
    pub outcome: Option<String>,
    pub formal: bool,
    pub not_handling_ground: Option<String>,
    pub lead_days: Option<i64>,
    pub within_term: Option<bool>,
    pub postponed: bool,
    pub well_founded: i64,
    pub unfounded: i64,
    pub no_judgment: i64,
    pub ombudsman: bool,
}

impl OpenDataRow {
    fn decode<R: Row>(r: &R) -> Result<Self, StoreError>
    where
        for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> &'r str: sqlx::ColumnIndex<R>,
    {
        let closed: Option<i64> = r.try_get("closed")?;
        let within_term: Option<i64> = r.try_get("within_term")?;
        Ok(Self {
            reference: r.try_get("reference")?,
            received_month: r.try_get::<i64, _>("received")? / 100,
            closed_month: closed.map(|c| c / 100),
            channel: r.try_get("channel")?,
            department: r.try_get("department")?,
            category: r.try_get("category")?,
            ladder_step: r.try_get("ladder_step")?,
            outcome: r.try_get("outcome")?,
            formal: r.try_get::<i64, _>("formal")? == 1,
            not_handling_ground: r.try_get("not_handling_ground")?,
            lead_days: r.try_get("lead_days")?,
            within_term: within_term.map(|w| w == 1),
            postponed: r.try_get::<i64, _>("postponed")? == 1,
            well_founded: r.try_get("well_founded")?,
            unfounded: r.try_get("unfounded")?,
            no_judgment: r.try_get("no_judgment")?,
            ombudsman: r.try_get::<i64, _>("ombudsman")? > 0,
        })
    }
}

impl Store {
    /// One day of a year's open data: the cases received on `day`, then
    /// those closed on it that were received before its year, each by
    /// reference. A year's file is its days in order, so it streams a day
    /// at a time (two indexed lookups) in constant memory.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn open_data_day(&self, day: Date) -> Result<Vec<OpenDataRow>, StoreError> {
        const SELECT: &str = "SELECT c.reference, f.received, f.closed, f.channel, f.department, f.category, \
             CAST(f.ladder_step AS BIGINT) AS ladder_step, f.outcome, CAST(f.formal AS BIGINT) AS formal, \
             f.not_handling_ground, f.lead_days, CAST(f.within_term AS BIGINT) AS within_term, \
             CAST(f.postponed AS BIGINT) AS postponed, CAST(f.well_founded AS BIGINT) AS well_founded, \
             CAST(f.unfounded AS BIGINT) AS unfounded, CAST(f.no_judgment AS BIGINT) AS no_judgment, \
             CAST(f.ombudsman AS BIGINT) AS ombudsman \
             FROM case_facts f JOIN cases c ON c.id = f.case_id";
        let year_start = i64::from(day.year()) * 10_000 + 101;
        let mut out = Vec::new();
        for condition in ["f.received = $1 AND f.received >= $2", "f.closed = $1 AND f.received < $2"] {
            let rows = on_db!(self, |pool| {
                sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE {condition} ORDER BY c.reference")))
                    .bind(day_number(day))
                    .bind(year_start)
                    .fetch_all(pool)
                    .await?
                    .iter()
                    .map(OpenDataRow::decode)
                    .collect::<Result<Vec<_>, StoreError>>()?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// The first year any case was received, for the report's year list.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn first_case_year(&self) -> Result<Option<i16>, StoreError> {
        let first: Option<i64> =
            on_db!(self, |pool| sqlx::query_scalar("SELECT MIN(received) FROM case_facts").fetch_one(pool).await?);
        Ok(first.and_then(|d| i16::try_from(d / 10_000).ok()))
    }
}

/// The intake rows folded into the groupings the dashboard shows.
#[derive(Default)]
struct Intake {
    total: usize,
    months: BTreeMap<i32, BTreeMap<&'static str, (Channel, usize)>>,
    month_categories: BTreeMap<i32, BTreeMap<Option<String>, usize>>,
    channels: BTreeMap<&'static str, (Channel, usize)>,
    categories: BTreeMap<Option<String>, usize>,
    departments: BTreeMap<Option<String>, usize>,
}

impl Intake {
    fn add(&mut self, month: i32, channel: Channel, category: Option<String>, department: Option<String>, n: usize) {
        self.total += n;
        self.months.entry(month).or_default().entry(channel.code()).or_insert((channel, 0)).1 += n;
        *self.month_categories.entry(month).or_default().entry(category.clone()).or_default() += n;
        self.channels.entry(channel.code()).or_insert((channel, 0)).1 += n;
        *self.categories.entry(category).or_default() += n;
        *self.departments.entry(department).or_default() += n;
    }

    fn by_month(&self) -> Vec<(i32, Vec<(Channel, usize)>)> {
        self.months.iter().map(|(m, channels)| (*m, Self::in_channel_order(channels))).collect()
    }

    fn by_channel(&self) -> Vec<(Channel, usize)> {
        Self::in_channel_order(&self.channels)
    }

    fn in_channel_order(channels: &BTreeMap<&'static str, (Channel, usize)>) -> Vec<(Channel, usize)> {
        Channel::ALL.into_iter().filter_map(|c| channels.get(c.code()).copied()).collect()
    }

    fn most_first(groups: BTreeMap<Option<String>, usize>) -> Vec<(Option<String>, usize)> {
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        groups
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn days_are_stored_as_yyyymmdd_and_read_back() {
        assert_eq!(day_number(date(2026, 2, 28)), 20_260_228);
        assert_eq!(day_of(20_261_231), Some(date(2026, 12, 31)));
        assert_eq!(day_of(20_260_230), None, "no 30 February");
        assert_eq!(day_of(-1), None);
        // Months and years are integer divisions of the same number.
        assert_eq!((day_number(date(2027, 1, 4)) / 100, day_number(date(2027, 1, 4)) / 10_000), (202_701, 2027));
    }
}

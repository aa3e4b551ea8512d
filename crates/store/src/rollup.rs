//! Monthly roll-ups of the case facts (issue 7, ADR 0011): per month and per
//! combination of the dashboard's filters (channel, department, category,
//! handler) the number of complaints received and the tally of those closed,
//! the tally also per whole year (`month` = `yyyy00`).
//! A dashboard over any period reads its whole years and months from these
//! rows and only the days at its edges from `case_facts`, so five years of a
//! million complaints answer in well under a second.
//!
//! The roll-ups are kept in the case's own write transaction by
//! [`shift_rollups!`]: the case's facts before the write are taken out and
//! its facts after the write put in. `gehoord rebuild` and migration 13
//! recompute them from `case_facts` ([`Store::rebuild_rollups`]).

use std::{collections::BTreeMap, sync::LazyLock};

use gehoord_domain::{Channel, norm::Norm, not_handling::NotHandlingGround};
use jiff::civil::Date;
use sqlx::Row;
use uuid::Uuid;

use crate::{
    Store, StoreError,
    cases::BeginWrite,
    facts::{FactsRow, day_number},
    on_db,
};

/// The group a roll-up row counts: a month (`yyyymm`), or a whole year
/// (`yyyy00`), and the dashboard's filters. "None" is stored as `''` and the
/// nil id, so the key can be a primary key in both databases.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct RollupKey {
    pub(crate) month: i64,
    pub(crate) channel: &'static str,
    pub(crate) department: String,
    pub(crate) category: String,
    pub(crate) handler_id: Uuid,
}

impl RollupKey {
    fn at(day: i64, f: &FactsRow) -> Self {
        Self {
            month: day / 100,
            channel: f.channel,
            department: f.department.clone().unwrap_or_default(),
            category: f.category.clone().unwrap_or_default(),
            handler_id: f.handler_id.unwrap_or_default(),
        }
    }

    /// The same group over the whole year.
    fn year(&self) -> Self {
        Self { month: self.month / 100 * 100, ..self.clone() }
    }

    /// Where a case counts as received.
    pub(crate) fn intake(f: &FactsRow) -> Self {
        Self::at(f.received, f)
    }

    /// Where a case counts as closed; `None` while it is open.
    pub(crate) fn outcome(f: &FactsRow) -> Option<Self> {
        f.closed.map(|day| Self::at(day, f))
    }
}

/// Declares the summed outcome figures once: the struct, its columns and
/// how two tallies add up.
macro_rules! sums {
    ($($field:ident),* $(,)?) => {
        /// The summed outcome figures of a group of closed cases.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub(crate) struct Sums {
            $(pub(crate) $field: i64,)*
        }

        impl Sums {
            pub(crate) const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn values(&self) -> Vec<i64> {
                vec![$(self.$field),*]
            }

            fn add(&mut self, other: &Self, sign: i64) {
                $(self.$field += sign * other.$field;)*
            }

            pub(crate) fn decode<R: Row>(row: &R) -> Result<Self, StoreError>
            where
                for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
                for<'r> &'r str: sqlx::ColumnIndex<R>,
            {
                Ok(Self { $($field: row.try_get(stringify!($field))?,)* })
            }
        }
    };
}

sums!(
    closed,
    step1,
    step2,
    step3,
    forwarded,
    not_handled,
    formal,
    within_term,
    term_judged,
    postponed,
    formal_closed,
    well_founded,
    unfounded,
    no_judgment,
    kept,
    broken,
    satisfied,
    said,
    reopened,
    ombudsman,
    ombudsman_concluded,
);

/// What a group of closed cases adds up to: the sums, the closed cases per
/// lead time in days (for the median and 90th percentile), per 9:8 ground,
/// and the norms named on well-founded parts. Tallies add and subtract, so
/// a case's change is its new tally minus its old one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) sums: Sums,
    pub(crate) lead_days: BTreeMap<i64, i64>,
    pub(crate) grounds: BTreeMap<&'static str, i64>,
    pub(crate) norms: BTreeMap<&'static str, i64>,
}

impl Tally {
    /// One closed case's contribution. The definition of every outcome
    /// figure; the domain's metrics in `gehoord_domain::insight` are the
    /// reference it is tested against.
    pub(crate) fn of(f: &FactsRow) -> Self {
        let flag = |b: bool| i64::from(b);
        let forwarded = f.outcome == Some("forwarded");
        let not_handled = !forwarded && f.outcome.is_some() && f.not_handling_ground.is_some();
        let formal = f.formal == 1;
        let sums = Sums {
            closed: 1,
            step1: flag(f.ladder_step == 1),
            step2: flag(f.ladder_step == 2),
            step3: flag(f.ladder_step == 3),
            forwarded: flag(forwarded),
            not_handled: flag(not_handled),
            formal: flag(!forwarded && f.outcome.is_some() && f.not_handling_ground.is_none() && formal),
            within_term: i64::from(f.within_term.unwrap_or(0)),
            term_judged: flag(f.within_term.is_some()),
            postponed: flag(formal && f.postponed == 1),
            formal_closed: flag(formal),
            well_founded: i64::from(f.verdicts[0]),
            unfounded: i64::from(f.verdicts[1]),
            no_judgment: i64::from(f.verdicts[2]),
            kept: i64::from(f.commitments_kept),
            broken: i64::from(f.commitments_broken),
            satisfied: i64::from(f.satisfied.unwrap_or(0)),
            said: flag(f.satisfied.is_some()),
            reopened: flag(f.reopened > 0),
            ombudsman: flag(f.ombudsman > 0),
            ombudsman_concluded: flag(f.ombudsman == 2),
        };
        let mut tally = Self { sums, ..Self::default() };
        if let Some(days) = f.lead_days {
            tally.lead_days.insert(i64::from(days), 1);
        }
        if let Some(ground) = f.not_handling_ground {
            tally.grounds.insert(ground, 1);
        }
        for (_, norm, verdict) in &f.norms {
            if *verdict == "well_founded" {
                *tally.norms.entry(norm).or_default() += 1;
            }
        }
        tally
    }

    /// Adds `other` (`sign` 1) or takes it out (`sign` -1).
    pub(crate) fn add(&mut self, other: &Self, sign: i64) {
        fn merge<K: Ord + Copy>(into: &mut BTreeMap<K, i64>, from: &BTreeMap<K, i64>, sign: i64) {
            for (k, n) in from {
                let slot = into.entry(*k).or_default();
                *slot += sign * n;
                if *slot == 0 {
                    into.remove(k);
                }
            }
        }
        self.sums.add(&other.sums, sign);
        merge(&mut self.lead_days, &other.lead_days, sign);
        merge(&mut self.grounds, &other.grounds, sign);
        merge(&mut self.norms, &other.norms, sign);
    }

    pub(crate) fn is_zero(&self) -> bool {
        *self == Self::default()
    }

    pub(crate) fn decode<R: Row>(row: &R) -> Result<Self, StoreError>
    where
        for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
        for<'r> &'r str: sqlx::ColumnIndex<R>,
    {
        let text = |column: &str| row.try_get::<String, _>(column);
        let mut tally = Self { sums: Sums::decode(row)?, ..Self::default() };
        tally.add_texts(&text("lead_days")?, &text("grounds")?, &text("norms")?)?;
        Ok(tally)
    }

    /// Adds the three counted maps as stored, parsed in place: a dashboard
    /// over years adds a hundred thousand of them.
    pub(crate) fn add_texts(&mut self, lead_days: &str, grounds: &str, norms: &str) -> Result<(), StoreError> {
        add_counts(&mut self.lead_days, lead_days, |k| k.parse().ok())?;
        add_counts(&mut self.grounds, grounds, |k| NotHandlingGround::from_code(k).map(NotHandlingGround::code))?;
        add_counts(&mut self.norms, norms, |k| Norm::from_code(k).map(Norm::code))
    }

    /// The three counted maps as stored: `key:count` separated by spaces.
    pub(crate) fn encoded_maps(&self) -> [String; 3] {
        fn encode<K: std::fmt::Display>(counts: &BTreeMap<K, i64>) -> String {
            counts.iter().map(|(k, n)| format!("{k}:{n}")).collect::<Vec<_>>().join(" ")
        }
        [encode(&self.lead_days), encode(&self.grounds), encode(&self.norms)]
    }

    pub(crate) fn values(&self) -> Vec<i64> {
        self.sums.values()
    }
}

fn add_counts<K: Ord>(
    into: &mut BTreeMap<K, i64>,
    text: &str,
    key: impl Fn(&str) -> Option<K>,
) -> Result<(), StoreError> {
    let corrupt = || StoreError::Corrupt(format!("roll-up counts {text:?}"));
    for pair in text.split_ascii_whitespace() {
        let (k, n) = pair.split_once(':').ok_or_else(corrupt)?;
        let n: i64 = n.parse().map_err(|_| corrupt())?;
        *into.entry(key(k).ok_or_else(corrupt)?).or_default() += n;
    }
    Ok(())
}

/// How the intake roll-up changes when a case's facts go from `old` to
/// `new`: nothing while it stays in the same group, else one out of the old
/// group and one into the new, in key order. Intake is shown per month, so
/// it has month rows only.
pub(crate) fn intake_deltas(old: Option<&FactsRow>, new: &FactsRow) -> Vec<(RollupKey, i64)> {
    let mut deltas: BTreeMap<RollupKey, i64> = BTreeMap::new();
    for (facts, sign) in old.map(|o| (o, -1)).into_iter().chain([(new, 1)]) {
        *deltas.entry(RollupKey::intake(facts)).or_default() += sign;
    }
    deltas.into_iter().filter(|(_, d)| *d != 0).collect()
}

/// How the outcome roll-up changes when a case's facts go from `old` to
/// `new`, per group in key order (so concurrent writers lock rows in the
/// same order).
pub(crate) fn outcome_deltas(old: Option<&FactsRow>, new: &FactsRow) -> BTreeMap<RollupKey, Tally> {
    let mut deltas: BTreeMap<RollupKey, Tally> = BTreeMap::new();
    for (facts, sign) in old.map(|o| (o, -1)).into_iter().chain([(new, 1)]) {
        if let Some(key) = RollupKey::outcome(facts) {
            let tally = Tally::of(facts);
            deltas.entry(key.year()).or_default().add(&tally, sign);
            deltas.entry(key).or_default().add(&tally, sign);
        }
    }
    deltas.retain(|_, delta| !delta.is_zero());
    deltas
}

/// Every [`Sums`] column summed over the rows read (as `BIGINT`: in
/// PostgreSQL the `SUM` of a `BIGINT` is a `NUMERIC`).
pub(crate) static SUMMED: LazyLock<String> = LazyLock::new(|| {
    Sums::COLUMNS
        .iter()
        .map(|c| format!("CAST(COALESCE(SUM(f.{c}), 0) AS BIGINT) AS {c}"))
        .collect::<Vec<_>>()
        .join(", ")
});

const KEY: &str = "month, channel, department, category, handler_id";
const KEY_MATCH: &str = "month = $1 AND channel = $2 AND department = $3 AND category = $4 AND handler_id = $5";

pub(crate) const BUMP_INTAKE: &str = "INSERT INTO intake_months \
    (month, channel, department, category, handler_id, received) VALUES ($1, $2, $3, $4, $5, $6) \
    ON CONFLICT (month, channel, department, category, handler_id) \
    DO UPDATE SET received = intake_months.received + excluded.received";

pub(crate) const DROP_EMPTY_INTAKE: &str = "DELETE FROM intake_months WHERE month = $1 AND channel = $2 \
    AND department = $3 AND category = $4 AND handler_id = $5 AND received = 0";

/// The outcome roll-up's statements, built once from [`Sums::COLUMNS`].
pub(crate) struct OutcomeSql {
    /// Creates the group's row if missing, else touches it: either way the
    /// row is locked until commit (PostgreSQL), so the read that follows
    /// sees every committed change and no other writer's.
    pub(crate) claim: String,
    pub(crate) select: String,
    pub(crate) update: String,
    pub(crate) delete: String,
    pub(crate) insert: String,
}

pub(crate) static OUTCOME_SQL: LazyLock<OutcomeSql> = LazyLock::new(|| {
    let columns = Sums::COLUMNS.join(", ");
    let zeros = vec!["0"; Sums::COLUMNS.len()].join(", ");
    let n = Sums::COLUMNS.len();
    let placeholders = (6..6 + n + 3).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sets = Sums::COLUMNS
        .iter()
        .chain(&["lead_days", "grounds", "norms"])
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 6))
        .collect::<Vec<_>>()
        .join(", ");
    OutcomeSql {
        claim: format!(
            "INSERT INTO outcome_months ({KEY}, {columns}, lead_days, grounds, norms) \
             VALUES ($1, $2, $3, $4, $5, {zeros}, '', '', '') \
             ON CONFLICT ({KEY}) DO UPDATE SET closed = outcome_months.closed"
        ),
        select: format!("SELECT {columns}, lead_days, grounds, norms FROM outcome_months WHERE {KEY_MATCH}"),
        update: format!("UPDATE outcome_months SET {sets} WHERE {KEY_MATCH}"),
        delete: format!("DELETE FROM outcome_months WHERE {KEY_MATCH}"),
        insert: format!(
            "INSERT INTO outcome_months ({KEY}, {columns}, lead_days, grounds, norms) \
             VALUES ($1, $2, $3, $4, $5, {placeholders})"
        ),
    }
});

/// Binds a roll-up key as `$1`–`$5`.
macro_rules! bind_key {
    ($query:expr, $key:expr) => {{
        let key: &$crate::rollup::RollupKey = $key;
        $query.bind(key.month).bind(key.channel).bind(&key.department).bind(&key.category).bind(key.handler_id)
    }};
}
pub(crate) use bind_key;

/// Binds a tally's sums and counted maps after the key.
macro_rules! bind_tally {
    ($query:expr, $tally:expr) => {{
        let tally: &$crate::rollup::Tally = $tally;
        let mut query = $query;
        for value in tally.values() {
            query = query.bind(value);
        }
        let [lead_days, grounds, norms] = tally.encoded_maps();
        query.bind(lead_days).bind(grounds).bind(norms)
    }};
}
pub(crate) use bind_tally;

/// Moves a case from its old facts to its new ones in both roll-ups, inside
/// the case's write transaction.
macro_rules! shift_rollups {
    ($tx:expr, $old:expr, $new:expr) => {{
        let old: Option<&$crate::facts::FactsRow> = $old;
        let new: &$crate::facts::FactsRow = $new;
        for (key, delta) in $crate::rollup::intake_deltas(old, new) {
            $crate::rollup::bind_key!(sqlx::query($crate::rollup::BUMP_INTAKE), &key)
                .bind(delta)
                .execute(&mut *$tx)
                .await?;
            if delta < 0 {
                $crate::rollup::bind_key!(sqlx::query($crate::rollup::DROP_EMPTY_INTAKE), &key)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        let sql = &*$crate::rollup::OUTCOME_SQL;
        for (key, delta) in $crate::rollup::outcome_deltas(old, new) {
            $crate::rollup::bind_key!(sqlx::query(sqlx::AssertSqlSafe(sql.claim.as_str())), &key)
                .execute(&mut *$tx)
                .await?;
            let row = $crate::rollup::bind_key!(sqlx::query(sqlx::AssertSqlSafe(sql.select.as_str())), &key)
                .fetch_one(&mut *$tx)
                .await?;
            let mut tally = $crate::rollup::Tally::decode(&row)?;
            tally.add(&delta, 1);
            if tally.is_zero() {
                $crate::rollup::bind_key!(sqlx::query(sqlx::AssertSqlSafe(sql.delete.as_str())), &key)
                    .execute(&mut *$tx)
                    .await?;
            } else {
                let update = $crate::rollup::bind_key!(sqlx::query(sqlx::AssertSqlSafe(sql.update.as_str())), &key);
                $crate::rollup::bind_tally!(update, &tally).execute(&mut *$tx).await?;
            }
        }
    }};
}
pub(crate) use shift_rollups;

/// A period cut into whole years and whole months, read from the roll-ups,
/// and the days at either edge, read from `case_facts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Outcome roll-up rows to read, as ranges of their `month` key: whole
    /// years (`yyyy00`, inclusive) and whole months (`yyyymm`, inclusive).
    pub(crate) rollups: Vec<Span>,
    /// Day ranges (`yyyymmdd`, inclusive) outside the whole months.
    pub(crate) edges: Vec<(i64, i64)>,
}

/// A range of roll-up rows: year rows or month rows between two keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Span {
    Years(i64, i64),
    Months(i64, i64),
}

impl Cut {
    /// The same whole months as month rows only, for the intake roll-up
    /// (volumes are shown per month).
    pub(crate) fn months(&self) -> Vec<Span> {
        self.rollups
            .iter()
            .map(|span| match *span {
                Span::Years(first, last) => Span::Months(first + 1, last + 12),
                months @ Span::Months(..) => months,
            })
            .collect()
    }
}

/// Cuts `from..=to` into whole years, whole months and edge days, so a
/// period of any length reads a few thousand roll-up rows per year and per
/// month at its ends.
pub(crate) fn cut(from: Date, to: Date) -> Cut {
    if from > to {
        return Cut { rollups: Vec::new(), edges: Vec::new() };
    }
    let first_whole = if from.day() == 1 { from } else { from.last_of_month().tomorrow().unwrap_or(Date::MAX) };
    let last_whole_end =
        if to == to.last_of_month() { to } else { to.first_of_month().yesterday().unwrap_or(Date::MIN) };
    if first_whole > last_whole_end {
        return Cut { rollups: Vec::new(), edges: vec![(day_number(from), day_number(to))] };
    }
    let mut edges = Vec::new();
    if from < first_whole {
        edges.push((day_number(from), day_number(first_whole.yesterday().unwrap_or(from))));
    }
    if to > last_whole_end {
        edges.push((day_number(last_whole_end.tomorrow().unwrap_or(to)), day_number(to)));
    }
    let (first_month, last_month) = (day_number(first_whole) / 100, day_number(last_whole_end) / 100);
    // Whole years inside the whole months.
    let first_year = if first_month % 100 == 1 { first_month / 100 } else { first_month / 100 + 1 };
    let last_year = if last_month % 100 == 12 { last_month / 100 } else { last_month / 100 - 1 };
    let rollups = if first_year > last_year {
        vec![Span::Months(first_month, last_month)]
    } else {
        let mut spans = Vec::new();
        if first_month < first_year * 100 + 1 {
            spans.push(Span::Months(first_month, (first_year - 1) * 100 + 12));
        }
        spans.push(Span::Years(first_year * 100, last_year * 100));
        if last_month > last_year * 100 + 12 {
            spans.push(Span::Months((last_year + 1) * 100 + 1, last_month));
        }
        spans
    };
    Cut { rollups, edges }
}

impl Store {
    /// Recomputes both roll-ups from `case_facts`, in one write transaction
    /// that keeps case writes out meanwhile (they wait, then shift the fresh
    /// roll-ups). Run by `gehoord rebuild` and after migration 13.
    ///
    /// # Errors
    /// When the database fails or holds a value no code knows.
    pub async fn rebuild_rollups(&self) -> Result<(), StoreError> {
        const PAGE: i64 = 20_000;
        let postgres = matches!(self, Self::Postgres(_));
        on_db!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            if postgres {
                sqlx::query("LOCK TABLE intake_months, outcome_months IN EXCLUSIVE MODE").execute(&mut *tx).await?;
            }
            sqlx::query("DELETE FROM intake_months").execute(&mut *tx).await?;
            sqlx::query("DELETE FROM outcome_months").execute(&mut *tx).await?;
            let mut intake: BTreeMap<RollupKey, i64> = BTreeMap::new();
            let mut outcomes: BTreeMap<RollupKey, Tally> = BTreeMap::new();
            let mut after = Uuid::nil();
            loop {
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT f.case_id, {} FROM case_facts f WHERE f.case_id > $1 ORDER BY f.case_id LIMIT $2",
                    crate::facts::FACT_COLUMNS
                )))
                .bind(after)
                .bind(PAGE)
                .fetch_all(&mut *tx)
                .await?;
                let Some(last) = rows.last() else { break };
                after = last.try_get("case_id")?;
                for row in &rows {
                    let facts = FactsRow::decode(row)?;
                    *intake.entry(RollupKey::intake(&facts)).or_default() += 1;
                    if let Some(key) = RollupKey::outcome(&facts) {
                        let tally = Tally::of(&facts);
                        outcomes.entry(key.year()).or_default().add(&tally, 1);
                        outcomes.entry(key).or_default().add(&tally, 1);
                    }
                }
            }
            // The norms of judged parts count where their case closed.
            let norms = sqlx::query(
                "SELECT f.closed, f.channel, f.department, f.category, f.handler_id, n.norm \
                 FROM case_fact_norms n JOIN case_facts f ON f.case_id = n.case_id \
                 WHERE n.verdict = 'well_founded' AND f.closed IS NOT NULL",
            )
            .fetch_all(&mut *tx)
            .await?;
            for row in &norms {
                let closed: i64 = row.try_get("closed")?;
                let channel: String = row.try_get("channel")?;
                let norm: String = row.try_get("norm")?;
                let key = RollupKey {
                    month: closed / 100,
                    channel: Channel::from_code(&channel)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown channel {channel}")))?
                        .code(),
                    department: row.try_get::<Option<String>, _>("department")?.unwrap_or_default(),
                    category: row.try_get::<Option<String>, _>("category")?.unwrap_or_default(),
                    handler_id: row.try_get::<Option<Uuid>, _>("handler_id")?.unwrap_or_default(),
                };
                let norm = Norm::from_code(&norm).ok_or_else(|| StoreError::Corrupt(format!("unknown norm {norm}")))?;
                *outcomes.entry(key.year()).or_default().norms.entry(norm.code()).or_default() += 1;
                *outcomes.entry(key).or_default().norms.entry(norm.code()).or_default() += 1;
            }
            for (key, received) in &intake {
                bind_key!(sqlx::query(BUMP_INTAKE), key).bind(*received).execute(&mut *tx).await?;
            }
            let insert = OUTCOME_SQL.insert.as_str();
            for (key, tally) in &outcomes {
                let query = bind_key!(sqlx::query(sqlx::AssertSqlSafe(insert)), key);
                bind_tally!(query, tally).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<_, StoreError>(())
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn closed_case(closed: i64, department: &str) -> FactsRow {
        FactsRow {
            received: closed - 3,
            closed: Some(closed),
            channel: "phone",
            department: Some(department.to_owned()),
            category: None,
            handler_id: None,
            ladder_step: 1,
            outcome: Some("solved"),
            formal: 0,
            not_handling_ground: None,
            decision_due: None,
            lead_days: Some(3),
            within_term: None,
            postponed: 0,
            verdicts: [0, 0, 0],
            commitments_kept: 1,
            commitments_broken: 0,
            satisfied: Some(1),
            reopened: 0,
            signal: None,
            ombudsman: 0,
            norms: Vec::new(),
        }
    }

    #[test]
    fn a_period_is_cut_into_whole_years_whole_months_and_edge_days() {
        use Span::{Months, Years};
        let whole_year = cut(date(2025, 1, 1), date(2025, 12, 31));
        assert_eq!(whole_year, Cut { rollups: vec![Years(202_500, 202_500)], edges: vec![] });

        let ragged = cut(date(2025, 1, 15), date(2025, 3, 10));
        assert_eq!(
            ragged,
            Cut {
                rollups: vec![Months(202_502, 202_502)],
                edges: vec![(20_250_115, 20_250_131), (20_250_301, 20_250_310)]
            }
        );
        // Years in the middle, months and days at the ends.
        assert_eq!(
            cut(date(2021, 10, 5), date(2025, 2, 28)),
            Cut {
                rollups: vec![Months(202_111, 202_112), Years(202_200, 202_400), Months(202_501, 202_502)],
                edges: vec![(20_211_005, 20_211_031)]
            }
        );
        // Whole months across a year's end are months, not a year.
        assert_eq!(cut(date(2024, 11, 1), date(2025, 2, 28)).rollups, vec![Months(202_411, 202_502)]);
        let history = cut(date(2000, 1, 1), date(2026, 11, 30));
        assert_eq!(history.rollups, vec![Years(200_000, 202_500), Months(202_601, 202_611)]);
        assert_eq!(history.months(), vec![Months(200_001, 202_512), Months(202_601, 202_611)]);

        // Within one month there is no whole month, only days.
        assert_eq!(
            cut(date(2025, 2, 2), date(2025, 2, 27)),
            Cut { rollups: vec![], edges: vec![(20_250_202, 20_250_227)] }
        );
        // A leap day ends February.
        assert_eq!(cut(date(2024, 2, 1), date(2024, 2, 29)).rollups, vec![Months(202_402, 202_402)]);
        assert_eq!(cut(date(2025, 2, 1), date(2025, 2, 28)).edges, vec![]);
        // Across a year's end.
        assert_eq!(
            cut(date(2025, 12, 31), date(2026, 1, 1)),
            Cut { rollups: vec![], edges: vec![(20_251_231, 20_260_101)] }
        );
        assert_eq!(cut(date(2025, 3, 1), date(2025, 2, 1)), Cut { rollups: vec![], edges: vec![] }, "empty period");
    }

    #[test]
    fn a_case_moving_group_leaves_the_old_one_and_joins_the_new() {
        let before = closed_case(20_250_310, "Burgerzaken");
        let after = FactsRow { department: Some("Belastingen".into()), ..before.clone() };
        assert_eq!(intake_deltas(None, &before), vec![(RollupKey::intake(&before), 1)]);
        assert!(intake_deltas(Some(&before), &before).is_empty(), "unchanged group, no write");
        let moved = intake_deltas(Some(&before), &after);
        assert_eq!(moved.len(), 2);
        assert_eq!(moved.iter().map(|(_, d)| d).sum::<i64>(), 0);
        assert!(moved.windows(2).all(|w| w[0].0 < w[1].0), "in key order");

        // Outcomes also have a row per year, so a long period reads years.
        let deltas = outcome_deltas(Some(&before), &after);
        assert_eq!(deltas.len(), 4, "out of the month and year, into the month and year");
        assert!(deltas.keys().any(|k| k.month == 202_500));
        let old = &deltas[&RollupKey::outcome(&before).unwrap()];
        assert_eq!((old.sums.closed, old.sums.kept, old.lead_days.get(&3)), (-1, -1, Some(&-1)));
        let new = &deltas[&RollupKey::outcome(&after).unwrap()];
        assert_eq!(*new, Tally::of(&after));
    }

    #[test]
    fn reopening_takes_a_case_out_of_the_closed_tally_and_closing_again_puts_it_back() {
        let closed = closed_case(20_250_310, "Burgerzaken");
        let reopened = FactsRow { closed: None, lead_days: None, reopened: 1, ..closed.clone() };
        let out = outcome_deltas(Some(&closed), &reopened);
        let mut total = Tally::of(&closed);
        for (_, delta) in out.iter().filter(|(key, _)| key.month % 100 != 0) {
            total.add(delta, 1);
        }
        assert!(total.is_zero(), "nothing left of the case: {total:?}");
        // Closed again next year: counted once, in the new month, as reopened.
        let again = FactsRow { closed: Some(20_260_105), lead_days: Some(300), ..reopened };
        let back = outcome_deltas(Some(&FactsRow { closed: None, ..again.clone() }), &again);
        let months: Vec<(i64, i64, i64)> =
            back.iter().map(|(k, d)| (k.month, d.sums.closed, d.sums.reopened)).collect();
        assert_eq!(months, [(202_600, 1, 1), (202_601, 1, 1)]);
    }

    #[test]
    fn tallies_survive_storage_as_text() {
        let mut tally = Tally::of(&closed_case(20_250_310, "Burgerzaken"));
        tally.grounds.insert(NotHandlingGround::ALL[0].code(), 2);
        tally.norms.insert(Norm::Promptness.code(), 4);
        let [lead, grounds, norms] = tally.encoded_maps();
        assert_eq!(lead, "3:1");
        let mut read = Tally { sums: tally.sums, ..Tally::default() };
        read.add_texts(&lead, &grounds, &norms).unwrap();
        assert_eq!(read, tally);
        // Read twice, counted twice.
        read.add_texts(&lead, "", "").unwrap();
        assert_eq!(read.lead_days.get(&3), Some(&2));
        assert!(read.add_texts("3", "", "").is_err(), "a pair without count is corrupt");
        assert!(read.add_texts("", "", "geen_norm:1").is_err(), "an unknown norm is corrupt");
    }
}

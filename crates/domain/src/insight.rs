//! Learning from complaints in numbers (issue 7, first part): each case as a
//! compact row of facts, and the metrics a manager reads from many of them.
//!
//! The facts are what the annual report (Awb 9:12a) and the dashboards
//! count; keeping them as one flat row per case lets the store aggregate
//! over an indexed table instead of folding every history. The metrics here
//! are the reference: plain functions over rows, tested on fixtures small
//! enough to count by hand.

use jiff::civil::Date;

use crate::{
    Channel, LadderStep, Outcome, case::Case, commitment::CommitmentStatus, judgment::Verdict, norm::Norm,
    not_handling::NotHandlingGround, time::date_in_amsterdam,
};

/// One case as the reports count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub received: Date,
    /// The day it was (last) closed; `None` while open.
    pub closed: Option<Date>,
    pub channel: Channel,
    pub department: Option<String>,
    /// The highest step of the complaint ladder reached.
    pub ladder_step: LadderStep,
    pub outcome: Option<Outcome>,
    /// Formal handling under the Awb was started.
    pub formal: bool,
    /// The Awb 9:11 deadline as last recorded (formal handling).
    pub decision_due: Option<Date>,
    pub postponed: bool,
    /// Each judged part: its verdict and the norms it names.
    pub verdicts: Vec<(Verdict, Vec<Norm>)>,
    pub not_handling_ground: Option<NotHandlingGround>,
    pub commitments_kept: u32,
    pub commitments_broken: u32,
    /// The citizen's feedback after closing, when given.
    pub satisfied: Option<bool>,
}

impl CaseFacts {
    /// The facts of `case` as it stands.
    #[must_use]
    pub fn of(case: &Case) -> Self {
        let count = |kept: bool| {
            let n = case
                .commitments
                .iter()
                .filter(|c| match c.status {
                    CommitmentStatus::Kept { .. } => kept,
                    CommitmentStatus::Broken { .. } => !kept,
                    CommitmentStatus::Open => false,
                })
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        Self {
            received: date_in_amsterdam(case.received_at),
            closed: case.closed_at.map(date_in_amsterdam),
            channel: case.channel,
            department: case.department.clone(),
            ladder_step: case.ladder_step,
            outcome: case.outcome,
            formal: case.formal.started.is_some(),
            decision_due: case.decision_due,
            postponed: case.formal.postponement.is_some(),
            verdicts: case
                .formal
                .parts
                .iter()
                .filter_map(|p| p.judgment.as_ref().map(|j| (j.verdict, j.norms.clone())))
                .collect(),
            not_handling_ground: case.formal.not_handling.as_ref().map(|n| n.ground),
            commitments_kept: count(true),
            commitments_broken: count(false),
            satisfied: case.feedback.as_ref().map(|f| f.satisfied),
        }
    }

    /// Calendar days from receipt to closing; `None` while open.
    #[must_use]
    pub fn lead_days(&self) -> Option<i64> {
        self.closed.map(|closed| i64::from((closed - self.received).get_days()))
    }

    /// Awb 9:11: closed on or before the deadline as last recorded (with a
    /// postponement or the complainant's consent). `None` when no legal
    /// term ran (informal handling) or the case is open.
    #[must_use]
    pub fn within_term(&self) -> Option<bool> {
        let due = self.decision_due.filter(|_| self.formal)?;
        self.closed.map(|closed| closed <= due)
    }
}

/// A part of a whole, as the reports show it ("12 van 40, 30%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    pub part: usize,
    pub of: usize,
}

impl Share {
    /// Rounded to a whole percent; `None` of nothing.
    #[must_use]
    pub fn percent(self) -> Option<usize> {
        (self.of > 0).then(|| (self.part * 200 + self.of) / (2 * self.of))
    }
}

/// The `p`th percentile (nearest rank) of `values`; `None` of none.
#[must_use]
pub fn percentile(values: &[i64], p: usize) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    // Nearest rank: the smallest value with at least p% at or below it.
    let rank = (p.min(100) * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// How long handling took, over the closed cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadTimes {
    pub closed: usize,
    pub median_days: Option<i64>,
    pub p90_days: Option<i64>,
    /// Formal cases closed within their legal term.
    pub within_term: Share,
    /// Formal cases that were postponed.
    pub postponed: Share,
}

#[must_use]
pub fn lead_times(facts: &[CaseFacts]) -> LeadTimes {
    let days: Vec<i64> = facts.iter().filter_map(CaseFacts::lead_days).collect();
    let judged: Vec<bool> = facts.iter().filter_map(CaseFacts::within_term).collect();
    let formal_closed = facts.iter().filter(|f| f.formal && f.closed.is_some());
    LeadTimes {
        closed: days.len(),
        median_days: percentile(&days, 50),
        p90_days: percentile(&days, 90),
        within_term: Share { part: judged.iter().filter(|w| **w).count(), of: judged.len() },
        postponed: Share { part: formal_closed.clone().filter(|f| f.postponed).count(), of: formal_closed.count() },
    }
}

/// How far up the complaint ladder the cases went: per step, the share
/// that ended there (the ombudsvisie wants most solved at step 1 or 2).
#[must_use]
pub fn ladder(facts: &[CaseFacts]) -> Vec<(LadderStep, Share)> {
    [LadderStep::InContact, LadderStep::ComplaintHandling, LadderStep::External]
        .into_iter()
        .map(|step| (step, Share { part: facts.iter().filter(|f| f.ladder_step == step).count(), of: facts.len() }))
        .collect()
}

/// Verdicts over all judged parts.
#[must_use]
pub fn verdicts(facts: &[CaseFacts]) -> Vec<(Verdict, usize)> {
    Verdict::ALL
        .into_iter()
        .map(|v| (v, facts.iter().flat_map(|f| &f.verdicts).filter(|(verdict, _)| *verdict == v).count()))
        .collect()
}

/// The propriety norms most often not met (named on well-founded parts),
/// most first; ties in the national order of the norms.
#[must_use]
pub fn norms_violated(facts: &[CaseFacts]) -> Vec<(Norm, usize)> {
    let mut counted: Vec<(Norm, usize)> = Norm::ALL
        .into_iter()
        .map(|n| {
            let times = facts
                .iter()
                .flat_map(|f| &f.verdicts)
                .filter(|(v, norms)| *v == Verdict::WellFounded && norms.contains(&n))
                .count();
            (n, times)
        })
        .filter(|(_, times)| *times > 0)
        .collect();
    counted.sort_by_key(|(_, times)| std::cmp::Reverse(*times));
    counted
}

/// Commitments settled: kept of kept and broken.
#[must_use]
pub fn commitments_kept(facts: &[CaseFacts]) -> Share {
    let kept: u32 = facts.iter().map(|f| f.commitments_kept).sum();
    let broken: u32 = facts.iter().map(|f| f.commitments_broken).sum();
    Share { part: kept as usize, of: (kept + broken) as usize }
}

/// Citizens satisfied with the handling, of those who said.
#[must_use]
pub fn satisfaction(facts: &[CaseFacts]) -> Share {
    let said: Vec<bool> = facts.iter().filter_map(|f| f.satisfied).collect();
    Share { part: said.iter().filter(|s| **s).count(), of: said.len() }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn facts(received: Date, closed: Option<Date>) -> CaseFacts {
        CaseFacts {
            received,
            closed,
            channel: Channel::WebForm,
            department: None,
            ladder_step: LadderStep::ComplaintHandling,
            outcome: closed.map(|_| Outcome::Solved),
            formal: false,
            decision_due: None,
            postponed: false,
            verdicts: vec![],
            not_handling_ground: None,
            commitments_kept: 0,
            commitments_broken: 0,
            satisfied: None,
        }
    }

    fn formal(received: Date, closed: Option<Date>, due: Date, postponed: bool) -> CaseFacts {
        CaseFacts {
            formal: true,
            decision_due: Some(due),
            postponed,
            outcome: closed.map(|_| Outcome::Judged),
            ..facts(received, closed)
        }
    }

    #[test]
    fn percentiles_by_nearest_rank_counted_by_hand() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 90), Some(7));
        // 1..=10: the median is the 5th value, p90 the 9th.
        let ten: Vec<i64> = (1..=10).rev().collect();
        assert_eq!((percentile(&ten, 50), percentile(&ten, 90), percentile(&ten, 100)), (Some(5), Some(9), Some(10)));
        assert_eq!(percentile(&[3, 1, 2], 50), Some(2));
    }

    #[test]
    fn lead_times_count_closed_cases_and_a_case_closed_the_next_year() {
        let rows = [
            facts(date(2026, 3, 2), Some(date(2026, 3, 4))),   // 2 days
            facts(date(2026, 3, 2), Some(date(2026, 3, 12))),  // 10 days
            facts(date(2026, 12, 28), Some(date(2027, 1, 4))), // 7 days, across the new year
            facts(date(2026, 3, 2), None),                     // open: not counted
            // Formal: within the term, late, and postponed but in time.
            formal(date(2026, 1, 5), Some(date(2026, 2, 16)), date(2026, 2, 16), false), // 42 days, on the day
            formal(date(2026, 1, 5), Some(date(2026, 2, 20)), date(2026, 2, 16), false), // 46 days, late
            formal(date(2026, 1, 5), Some(date(2026, 3, 2)), date(2026, 3, 16), true),   // 56 days, postponed
            formal(date(2026, 1, 5), None, date(2026, 2, 16), false),                    // open
        ];
        let t = lead_times(&rows);
        assert_eq!(t.closed, 6);
        // Sorted: 2, 7, 10, 42, 46, 56 → median (3rd) 10, p90 (6th) 56.
        assert_eq!((t.median_days, t.p90_days), (Some(10), Some(56)));
        assert_eq!(t.within_term, Share { part: 2, of: 3 });
        assert_eq!(t.postponed, Share { part: 1, of: 3 });
        assert_eq!(t.within_term.percent(), Some(67));
    }

    #[test]
    fn the_ladder_verdicts_norms_commitments_and_satisfaction() {
        let mut a = facts(date(2026, 3, 2), Some(date(2026, 3, 3)));
        a.ladder_step = LadderStep::InContact;
        a.satisfied = Some(true);
        let mut b = formal(date(2026, 3, 2), Some(date(2026, 4, 1)), date(2026, 4, 13), false);
        b.verdicts = vec![
            (Verdict::WellFounded, vec![Norm::Organisation, Norm::Listening]),
            (Verdict::WellFounded, vec![Norm::Organisation]),
            (Verdict::Unfounded, vec![Norm::Listening]),
            (Verdict::NoJudgment, vec![]),
        ];
        b.commitments_kept = 2;
        b.commitments_broken = 1;
        b.satisfied = Some(false);
        let mut c = formal(date(2026, 3, 2), None, date(2026, 4, 13), false);
        c.ladder_step = LadderStep::External;
        let rows = [a, b, c];
        assert_eq!(
            ladder(&rows),
            [
                (LadderStep::InContact, Share { part: 1, of: 3 }),
                (LadderStep::ComplaintHandling, Share { part: 1, of: 3 }),
                (LadderStep::External, Share { part: 1, of: 3 })
            ]
        );
        assert_eq!(verdicts(&rows), [(Verdict::WellFounded, 2), (Verdict::Unfounded, 1), (Verdict::NoJudgment, 1)]);
        // The norm named on an unfounded part was met: it does not count.
        assert_eq!(norms_violated(&rows), [(Norm::Organisation, 2), (Norm::Listening, 1)]);
        assert_eq!(commitments_kept(&rows), Share { part: 2, of: 3 });
        assert_eq!(satisfaction(&rows), Share { part: 1, of: 2 });
        assert_eq!(Share::default().percent(), None);
    }

    #[test]
    fn facts_of_a_case_as_recorded() {
        let mut flow = crate::test_support::Flow::started();
        flow.ok(crate::test_support::formal(crate::formal::FormalCommand::Postpone {
            weeks: 2,
            reason: "Een getuige is op vakantie.".into(),
            complainant_notified_on: flow.today,
            respondent_notified: true,
        }));
        let f = CaseFacts::of(flow.case());
        assert!(f.formal && f.postponed);
        assert_eq!((f.received, f.closed, f.lead_days(), f.within_term()), (date(2026, 2, 23), None, None, None));
        assert_eq!(f.decision_due, flow.case().decision_due);
        assert_eq!(f.department.as_deref(), Some("Buitendienst"));
    }
}

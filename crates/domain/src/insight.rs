//! Learning from complaints in numbers (issue 7, first part): each case as a
//! compact row of facts, and the metrics a manager reads from many of them.
//!
//! The facts are what the annual report (Awb 9:12a) and the dashboards
//! count; keeping them as one flat row per case lets the store aggregate
//! over an indexed table instead of folding every history. The metrics here
//! are the reference: plain functions over rows, tested on fixtures small
//! enough to count by hand.

use jiff::civil::Date;
use uuid::Uuid;

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
    /// The organisation's subject category.
    pub category: Option<String>,
    pub handler_id: Option<Uuid>,
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
    /// How often the case was reopened.
    pub reopened: u32,
    /// A handler flagged it as an important signal.
    pub signal: bool,
    /// Step 3: the complainant went to the ombudsman after closing.
    pub ombudsman: Option<Ombudsman>,
}

/// Where a case at the ombudsman stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ombudsman {
    Pending,
    Concluded,
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
            category: case.category.clone(),
            handler_id: case.handler.as_ref().map(|h| h.user_id),
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
            reopened: case.reopened,
            signal: case.signal.is_some(),
            ombudsman: case
                .formal
                .ombudsman
                .as_ref()
                .map(|o| if o.conclusion.is_some() { Ombudsman::Concluded } else { Ombudsman::Pending }),
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

/// [`percentile`] of values given as `(value, how often)`: the same
/// nearest rank without spelling out every value (a lead-time histogram).
#[must_use]
pub fn percentile_counted(counted: &[(i64, usize)], p: usize) -> Option<i64> {
    let total: usize = counted.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let mut sorted: Vec<(i64, usize)> = counted.iter().copied().filter(|(_, n)| *n > 0).collect();
    sorted.sort_unstable();
    let rank = (p.min(100) * total).div_ceil(100).max(1);
    let mut seen = 0;
    sorted.into_iter().find_map(|(value, n)| {
        seen += n;
        (seen >= rank).then_some(value)
    })
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

/// How a case was handled, as the annual report (Awb 9:12a) groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Handling {
    /// Solved or closed without judging (rules of thumb 1–3).
    Informal,
    /// Judged under Awb 9:4–9:12.
    Formal,
    /// Not handled on a ground of Awb 9:8.
    NotHandled,
    /// Sent on to the competent organisation (Awb 2:3).
    Forwarded,
}

impl Handling {
    pub const ALL: [Self; 4] = [Self::Informal, Self::Formal, Self::NotHandled, Self::Forwarded];

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Informal => "Informeel opgelost of afgerond",
            Self::Formal => "Formeel behandeld (oordeel)",
            Self::NotHandled => "Niet behandeld (Awb 9:8)",
            Self::Forwarded => "Doorgestuurd (Awb 2:3)",
        }
    }
}

impl CaseFacts {
    /// How the case was handled; `None` while open.
    #[must_use]
    pub fn handling(&self) -> Option<Handling> {
        self.closed?;
        Some(match self.outcome {
            Some(Outcome::Forwarded) => Handling::Forwarded,
            _ if self.not_handling_ground.is_some() => Handling::NotHandled,
            _ if self.formal => Handling::Formal,
            _ => Handling::Informal,
        })
    }

    /// Awb 9:11: open on `today` past its legal term.
    #[must_use]
    pub fn overdue(&self, today: Date) -> bool {
        self.closed.is_none() && self.formal && self.decision_due.is_some_and(|due| due < today)
    }
}

/// Closed cases per way of handling.
#[must_use]
pub fn handling(facts: &[CaseFacts]) -> Vec<(Handling, usize)> {
    Handling::ALL.into_iter().map(|h| (h, facts.iter().filter(|f| f.handling() == Some(h)).count())).collect()
}

/// The number of four-week windows a volume signal compares: the current
/// window and the twelve before it (close to a year).
pub const SIGNAL_WINDOWS: usize = 13;
/// Days per window.
pub const SIGNAL_WINDOW_DAYS: i32 = 28;

/// A volume that rose significantly against its own history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rise {
    /// Complaints in the last four weeks.
    pub current: u32,
    /// The average per four weeks over the twelve windows before.
    pub baseline: f64,
}

impl Rise {
    /// How many times the baseline the current window is (∞ shows as none).
    #[must_use]
    pub fn factor(&self) -> Option<f64> {
        (self.baseline > 0.0).then(|| f64::from(self.current) / self.baseline)
    }
}

/// Rolling-baseline signal: is the last of `windows` (four-week counts,
/// oldest first, the current one last) a significant rise?
///
/// Method: the baseline is the mean of the twelve windows before the
/// current one. Counts of complaints behave roughly like a Poisson
/// process, whose spread is the square root of its mean, so the current
/// window signals when it lies more than three of those above the baseline
/// (about a 1-in-700 chance by accident for a steady volume), is at least
/// one and a half times the baseline, and holds at least five complaints, so
/// a jump from one to three never raises an alarm. A group without history
/// (all zero) signals from five complaints on.
///
/// ```
/// use gehoord_domain::insight::rising;
/// let steady = [10, 12, 9, 11, 10, 10, 12, 8, 11, 10, 9, 11];
/// assert!(rising(&[&steady[..], &[13]].concat()).is_none());
/// assert_eq!(rising(&[&steady[..], &[25]].concat()).map(|r| r.current), Some(25));
/// ```
#[must_use]
pub fn rising(windows: &[u32]) -> Option<Rise> {
    let (&current, history) = windows.split_last()?;
    if history.is_empty() {
        return None;
    }
    let baseline = history.iter().map(|&n| f64::from(n)).sum::<f64>() / history.len() as f64;
    let observed = f64::from(current);
    let significant = observed > baseline + 3.0 * baseline.sqrt() && observed >= 1.5 * baseline && current >= 5;
    significant.then_some(Rise { current, baseline })
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
            category: None,
            handler_id: None,
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
            reopened: 0,
            signal: false,
            ombudsman: None,
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
        // The counted form agrees, also unsorted and with zero counts.
        let counted = [(9, 1), (1, 3), (4, 0), (5, 2)]; // 1 1 1 5 5 9
        let spelled = [1, 1, 1, 5, 5, 9];
        for p in [0, 10, 50, 51, 67, 90, 100] {
            assert_eq!(percentile_counted(&counted, p), percentile(&spelled, p), "p{p}");
        }
        assert_eq!(percentile_counted(&[(3, 0)], 50), None);
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

    #[test]
    fn handling_groups_closed_cases_and_overdue_counts_open_formal_cases_past_the_term() {
        let informal = facts(date(2026, 3, 2), Some(date(2026, 3, 3)));
        let judged = formal(date(2026, 1, 5), Some(date(2026, 2, 16)), date(2026, 2, 16), false);
        let mut refused = formal(date(2026, 1, 5), Some(date(2026, 1, 20)), date(2026, 2, 16), false);
        refused.not_handling_ground = Some(NotHandlingGround::OlderThanOneYear);
        let mut forwarded = facts(date(2026, 3, 2), Some(date(2026, 3, 2)));
        forwarded.outcome = Some(Outcome::Forwarded);
        let open = formal(date(2026, 1, 5), None, date(2026, 2, 16), false);
        let rows = [informal, judged, refused, forwarded, open.clone()];
        assert_eq!(
            handling(&rows),
            [(Handling::Informal, 1), (Handling::Formal, 1), (Handling::NotHandled, 1), (Handling::Forwarded, 1)]
        );
        // Overdue from the day after the deadline; a closed case never is.
        assert!(!open.overdue(date(2026, 2, 16)));
        assert!(open.overdue(date(2026, 2, 17)));
        assert!(!rows[1].overdue(date(2026, 12, 1)));
    }

    #[test]
    fn a_reopened_case_counts_from_receipt_to_its_last_closing() {
        let mut flow = crate::test_support::Flow::new(true, None);
        let answer = || {
            crate::Command::AnswerControlQuestion(crate::forwarding::ControlAnswer {
                satisfied: true,
                all_addressed: true,
                how_asked: crate::contact::ContactMethod::Phone,
                wants_letter: false,
                note: None,
            })
        };
        let close = || crate::Command::CloseSolved { no_lesson_reason: Some("Eenmalig".into()) };
        flow.ok(crate::Command::TakeIntoHandling);
        flow.ok(answer());
        flow.ok(close());
        flow.today = date(2026, 3, 20);
        flow.ok(crate::Command::Reopen { reason: "Toch niet opgelost".into() });
        let f = CaseFacts::of(flow.case());
        assert_eq!((f.closed, f.reopened, f.handling()), (None, 1, None), "reopened: open again");
        flow.today = date(2026, 4, 1);
        flow.ok(answer());
        flow.ok(close());
        let f = CaseFacts::of(flow.case());
        assert_eq!((f.closed, f.lead_days(), f.reopened), (Some(date(2026, 4, 1)), Some(37), 1));
        assert_eq!(f.handling(), Some(Handling::Informal));
    }

    #[test]
    fn a_volume_signals_only_on_a_significant_rise_against_its_own_history() {
        let year = |n: u32| vec![n; SIGNAL_WINDOWS - 1];
        let with = |history: Vec<u32>, current: u32| [history, vec![current]].concat();
        // Baseline 10: the bar is 10 + 3·√10 ≈ 19.5.
        assert!(rising(&with(year(10), 19)).is_none());
        let rise = rising(&with(year(10), 20)).unwrap();
        assert_eq!(rise.current, 20);
        assert!((rise.factor().unwrap() - 2.0).abs() < 1e-9);
        // Small numbers: 1 → 4 is not a signal, 0 → 5 is.
        assert!(rising(&with(year(1), 4)).is_none());
        assert!(rising(&with(year(0), 4)).is_none());
        assert_eq!(rising(&with(year(0), 5)).map(|r| r.factor()), Some(None));
        // Large numbers: the 1.5× floor holds when the spread alone would not.
        assert!(rising(&with(year(400), 470)).is_none());
        assert!(rising(&with(year(400), 600)).is_some());
        assert!(rising(&[7]).is_none() && rising(&[]).is_none());
    }
}

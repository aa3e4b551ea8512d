//! Commitments (*toezeggingen*): what the organisation promised, to whom,
//! who makes it happen and by when. The handler keeps control (regie):
//! open commitments stay visible and overdue ones surface.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::Calendar;

/// Where a commitment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CommitmentStatus {
    Open,
    Kept { on: Date, explanation: Option<String> },
    Broken { on: Date, explanation: String },
}

/// A promise made to the citizen (or to someone on their behalf).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: Uuid,
    pub what: String,
    pub to_whom: String,
    /// Who makes it happen.
    pub owner: String,
    pub due: Date,
    pub status: CommitmentStatus,
}

impl Commitment {
    #[must_use]
    pub const fn is_open(&self) -> bool {
        matches!(self.status, CommitmentStatus::Open)
    }

    /// An open commitment is overdue once the working day it was due on has
    /// passed. A due date on a weekend or public holiday means the first
    /// working day after it: nobody can keep a promise at a closed office.
    ///
    /// ```
    /// use gehoord_domain::{calendar::Calendar, commitment::{Commitment, CommitmentStatus}};
    /// use jiff::civil::date;
    /// let c = Commitment { id: uuid::Uuid::nil(), what: "Terugbellen".into(), to_whom: "Klager".into(),
    ///     owner: "Sanne".into(), due: date(2026, 4, 4) /* Holy Saturday */, status: CommitmentStatus::Open };
    /// let cal = Calendar::default();
    /// assert!(!c.is_overdue(date(2026, 4, 7), &cal)); // Tuesday after Easter Monday: the due day
    /// assert!(c.is_overdue(date(2026, 4, 8), &cal));
    /// ```
    #[must_use]
    pub fn is_overdue(&self, today: Date, calendar: &Calendar) -> bool {
        self.is_open() && today > calendar.next_working_day_on_or_after(self.due)
    }
}

/// The latest due date that makes an open commitment overdue `today`: the
/// last working day before today. Lets a database filter with one
/// comparison what [`Commitment::is_overdue`] decides per commitment.
#[must_use]
pub fn overdue_when_due_on_or_before(today: Date, calendar: &Calendar) -> Date {
    let mut day = today.yesterday().unwrap_or(today);
    while !calendar.is_working_day(day) {
        match day.yesterday() {
            Ok(d) => day = d,
            Err(_) => break,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;

    fn due(on: Date) -> Commitment {
        Commitment {
            id: Uuid::nil(),
            what: "x".into(),
            to_whom: "y".into(),
            owner: "z".into(),
            due: on,
            status: CommitmentStatus::Open,
        }
    }

    #[test]
    fn the_threshold_skips_back_over_easter() {
        // Tuesday after Easter 2026: the last working day before it is Thursday 2 April.
        assert_eq!(overdue_when_due_on_or_before(date(2026, 4, 7), &Calendar::default()), date(2026, 4, 2));
    }

    #[test]
    fn settled_commitments_are_never_overdue() {
        let mut c = due(date(2026, 1, 5));
        c.status = CommitmentStatus::Kept { on: date(2026, 1, 5), explanation: None };
        assert!(!c.is_overdue(date(2026, 6, 1), &Calendar::default()));
    }

    proptest! {
        /// The one-comparison threshold agrees with the per-commitment rule.
        #[test]
        fn threshold_agrees_with_is_overdue(due_offset in 0i64..3000, gap in -20i64..40) {
            let base = date(2024, 1, 1);
            let due_on = base.checked_add(jiff::Span::new().days(due_offset)).unwrap();
            let today = due_on.checked_add(jiff::Span::new().days(gap)).unwrap();
            let cal = Calendar::default();
            prop_assert_eq!(due(due_on).is_overdue(today, &cal), due_on <= overdue_when_due_on_or_before(today, &cal));
        }
    }
}

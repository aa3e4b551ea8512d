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

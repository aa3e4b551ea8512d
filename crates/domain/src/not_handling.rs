//! Not handling a complaint (Awb 9:8): the grounds, and the one the system
//! can suggest from the dates.

use jiff::{Span, civil::Date};
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// A ground on which the body need not handle a complaint. The body *may*
    /// still handle it; the ombudsvisie asks it to make contact first and to
    /// use these grounds sparingly.
    pub enum NotHandlingGround {
        /// Lid 1 sub a: the conduct was already handled under 9:4 ff.
        AlreadyHandled = ("lid_1_a", "Al eerder als klacht behandeld (Awb 9:8 lid 1 sub a)"),
        /// Lid 1 sub b: the conduct took place more than a year before the complaint.
        OlderThanOneYear = ("lid_1_b", "Gedraging langer dan een jaar geleden (Awb 9:8 lid 1 sub b)"),
        /// Lid 1 sub c: the complainant could have objected (bezwaar) or could still.
        ObjectionPossible = ("lid_1_c", "Bezwaar is of was mogelijk (Awb 9:8 lid 1 sub c)"),
        /// Lid 1 sub d: open to administrative appeal (beroep), other than
        /// for not deciding on time.
        AppealPossible = ("lid_1_d", "Beroep is of was mogelijk (Awb 9:8 lid 1 sub d)"),
        /// Lid 1 sub e: before a court other than an administrative court.
        BeforeCourt = ("lid_1_e", "Ligt bij de rechter (Awb 9:8 lid 1 sub e)"),
        /// Lid 1 sub f: under criminal investigation or prosecution.
        CriminalInvestigation = ("lid_1_f", "Strafrechtelijk onderzoek of vervolging (Awb 9:8 lid 1 sub f)"),
        /// Lid 2: the complainant's interest or the weight of the conduct is
        /// evidently insufficient.
        InsufficientInterest = ("lid_2", "Belang of gewicht onvoldoende (Awb 9:8 lid 2)"),
    }
}

/// The decision not to handle a complaint, with what Awb 9:8 and the
/// ombudsvisie ask to be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotHandling {
    pub ground: NotHandlingGround,
    /// Why the ground applies to this complaint.
    pub motivation: String,
    /// The handler confirms personal contact was made before deciding.
    pub personal_contact_made: bool,
    /// When the written notice (Awb 9:8 lid 3) was sent.
    pub notice_sent_on: Date,
}

/// Awb 9:8 lid 1 sub b: whether the conduct took place *more than* a year
/// before the complaint was received. Exactly one year (the same calendar
/// date) is not more; from 29 February the year ends on 28 February.
///
/// ```
/// use gehoord_domain::not_handling::conduct_more_than_a_year_before;
/// use jiff::civil::date;
/// assert!(!conduct_more_than_a_year_before(date(2025, 3, 1), date(2026, 3, 1)));
/// assert!(conduct_more_than_a_year_before(date(2025, 3, 1), date(2026, 3, 2)));
/// ```
#[must_use]
pub fn conduct_more_than_a_year_before(conduct: Date, received: Date) -> bool {
    conduct.checked_add(Span::new().years(1)).is_ok_and(|year_later| received > year_later)
}

/// The ground the system suggests: sub b when the conduct date is known and
/// more than a year before receipt. Only a suggestion; the handler decides,
/// and the body may still handle the complaint.
#[must_use]
pub fn suggested_ground(conduct: Option<Date>, received: Date) -> Option<NotHandlingGround> {
    conduct.filter(|c| conduct_more_than_a_year_before(*c, received)).map(|_| NotHandlingGround::OlderThanOneYear)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn awb_9_8_lid_1_b_conduct_366_days_before_receipt_is_more_than_a_year() {
        // 2025 has no 29 February: 366 days is a year and a day.
        let received = date(2026, 3, 2);
        let conduct = received.checked_sub(Span::new().days(366)).unwrap();
        assert_eq!(conduct, date(2025, 3, 1));
        assert_eq!(suggested_ground(Some(conduct), received), Some(NotHandlingGround::OlderThanOneYear));
    }

    #[test]
    fn awb_9_8_lid_1_b_exactly_a_year_is_not_more_than_a_year() {
        assert_eq!(suggested_ground(Some(date(2025, 3, 2)), date(2026, 3, 2)), None);
        assert_eq!(suggested_ground(Some(date(2025, 3, 3)), date(2026, 3, 2)), None);
    }

    #[test]
    fn awb_9_8_lid_1_b_across_a_leap_day() {
        // 366 days before 1 March 2025 is 29 February 2024: exactly a year
        // counted from 29 Feb ends on 28 Feb 2025, so 1 March is later.
        assert!(conduct_more_than_a_year_before(date(2024, 2, 29), date(2025, 3, 1)));
        assert!(!conduct_more_than_a_year_before(date(2024, 2, 29), date(2025, 2, 28)));
        // 365 days before 1 March 2025 is 1 March 2024: exactly a year.
        assert!(!conduct_more_than_a_year_before(date(2024, 3, 1), date(2025, 3, 1)));
        // 366 days in a leap year: 1 March 2024 to 2 March 2025.
        assert!(conduct_more_than_a_year_before(date(2024, 3, 1), date(2025, 3, 2)));
    }

    #[test]
    fn no_suggestion_without_a_conduct_date() {
        assert_eq!(suggested_ground(None, date(2026, 3, 2)), None);
    }
}

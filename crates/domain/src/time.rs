//! Civil time as people in the Netherlands see it.

use jiff::{Timestamp, civil::Date, tz::TimeZone};

/// Europe/Amsterdam: the zone for every date shown to people and for every
/// term, which runs in civil days.
#[must_use]
pub fn amsterdam() -> TimeZone {
    // The tz database is compiled in (jiff's `tzdb-bundle-always`), so the
    // lookup cannot fail at run time; UTC only keeps the type total.
    TimeZone::get("Europe/Amsterdam").unwrap_or(TimeZone::UTC)
}

/// The civil date in Amsterdam at an instant.
#[must_use]
pub fn date_in_amsterdam(at: Timestamp) -> Date {
    at.to_zoned_datetime(amsterdam()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_the_next_day_in_amsterdam() {
        let at: Timestamp = "2026-06-30T22:30:00Z".parse().unwrap();
        assert_eq!(date_in_amsterdam(at), jiff::civil::date(2026, 7, 1));
        let winter: Timestamp = "2026-12-31T22:59:59Z".parse().unwrap();
        assert_eq!(date_in_amsterdam(winter), jiff::civil::date(2026, 12, 31));
    }
}

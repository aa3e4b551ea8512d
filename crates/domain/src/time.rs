//! Civil time as people in the Netherlands see it.

use std::fmt;

use jiff::{
    Timestamp,
    civil::{Date, Weekday},
    tz::TimeZone,
};

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

/// The Dutch name of a weekday, as written in running text ("dinsdag").
#[must_use]
pub const fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "maandag",
        Weekday::Tuesday => "dinsdag",
        Weekday::Wednesday => "woensdag",
        Weekday::Thursday => "donderdag",
        Weekday::Friday => "vrijdag",
        Weekday::Saturday => "zaterdag",
        Weekday::Sunday => "zondag",
    }
}

/// The Dutch name of a month (1–12), as written in running text ("april").
#[must_use]
pub const fn month_name(month: i8) -> &'static str {
    match month {
        1 => "januari",
        2 => "februari",
        3 => "maart",
        4 => "april",
        5 => "mei",
        6 => "juni",
        7 => "juli",
        8 => "augustus",
        9 => "september",
        10 => "oktober",
        11 => "november",
        _ => "december",
    }
}

/// A date as people write it in a letter: "7 april 2026".
///
/// ```
/// use gehoord_domain::time::{DayAndDate, LongDate};
/// let d = jiff::civil::date(2026, 4, 7);
/// assert_eq!(LongDate(d).to_string(), "7 april 2026");
/// assert_eq!(DayAndDate(d).to_string(), "dinsdag 7 april 2026");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongDate(pub Date);

impl fmt::Display for LongDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.0.day(), month_name(self.0.month()), self.0.year())
    }
}

/// A date with its weekday, for deadlines: "dinsdag 7 april 2026".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayAndDate(pub Date);

impl fmt::Display for DayAndDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", weekday_name(self.0.weekday()), LongDate(self.0))
    }
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

//! Working days and public holidays under the Algemene termijnenwet (Atw).
//!
//! Two kinds of day are not working days:
//!
//! - the **weekend**: Saturday and Sunday, named on their own in Atw art. 1
//!   lid 1 ([`is_weekend`]);
//! - **public holidays** ([`PublicHoliday`]): the *algemeen erkende
//!   feestdagen* of Atw art. 3 lid 1, Good Friday (art. 3 lid 2) and the days
//!   designated by royal decree under art. 3 lid 3 ([`ExtraDay`]).
//!
//! A [`Calendar`] combines the statutory days ([`Holiday`]) with the designated
//! ones, which are data an administrator extends, and answers the questions
//! the deadline rules ask:
//!
//! - [`Calendar::extend_statutory_term`]: Atw art. 1 lid 1, for terms set by
//!   law, such as the 6-week term of Awb 9:11;
//! - [`Calendar::add_working_days`] and [`Calendar::working_days_between`]:
//!   for the organisation's own service norms, which count working days.
//!
//! Everything here is pure: there is no clock, and "today" is always a
//! parameter of the caller.
//!
//! ```
//! use gehoord_domain::calendar::{Calendar, Holiday};
//! use jiff::civil::date;
//!
//! let calendar = Calendar::default();
//! // Six weeks after Monday 23 February 2026 is Monday 6 April 2026, which is
//! // Easter Monday: the Awb 9:11 term runs until Tuesday 7 April.
//! let (end, skipped) = calendar.extend_statutory_term(date(2026, 4, 6));
//! assert_eq!(end, date(2026, 4, 7));
//! assert_eq!(skipped[0].to_string(), "maandag 6 april 2026 (Tweede Paasdag)");
//! ```

use std::{collections::BTreeSet, fmt};

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::time::{DayAndDate, weekday_name};

/// Easter Sunday (Eerste Paasdag) of a year in the Gregorian calendar.
///
/// Uses the anonymous Gregorian computus (Meeus/Jones/Butcher). Easter always
/// falls on a Sunday from 22 March to 25 April. Years before 1583 get the
/// proleptic Gregorian answer, which is what [`Date`] models.
///
/// Returns `None` only for a year outside the range of [`Date`]
/// (`-9999..=9999`).
///
/// ```
/// use gehoord_domain::calendar::easter_sunday;
/// use jiff::civil::date;
///
/// assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
/// assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22))); // as early as it gets
/// assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25))); // as late as it gets
/// assert_eq!(easter_sunday(10_000), None);
/// ```
#[must_use]
pub fn easter_sunday(year: i16) -> Option<Date> {
    let (month, day) = easter_month_day(year);
    Date::new(year, month, day).ok()
}

/// The computus proper: month (3 or 4) and day of Easter Sunday.
///
/// Euclidean division keeps the arithmetic correct for negative years too.
fn easter_month_day(year: i16) -> (i8, i8) {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // 0 ≤ h < 30 and 0 ≤ l < 7 keep n within 3·31 + 22 ..= 4·31 + 24, so
    // the month is 3 or 4 and the day 1..=31: both fit an i8.
    let month = i8::try_from(n / 31).unwrap_or(4);
    let day = i8::try_from(n % 31 + 1).unwrap_or(1);
    (month, day)
}

/// The day of the year (1-based) of Easter Sunday; total for every `i16`.
fn easter_day_of_year(year: i16) -> i16 {
    let (month, day) = easter_month_day(year);
    let leap = i16::from(is_leap_year(year));
    // 31 January + 28/29 February = 59/60 days before 1 March.
    let before_march = 59 + leap;
    let in_spring = if month == 3 { i16::from(day) } else { 31 + i16::from(day) };
    before_march + in_spring
}

fn is_leap_year(year: i16) -> bool {
    let y = i32::from(year);
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// Saturday or Sunday: named separately from the public holidays in Atw art. 1
/// lid 1, and never a working day.
///
/// ```
/// use gehoord_domain::calendar::is_weekend;
/// use jiff::civil::date;
///
/// assert!(is_weekend(date(2026, 4, 4))); // Saturday
/// assert!(!is_weekend(date(2026, 4, 6))); // Easter Monday: a holiday, not a weekend day
/// ```
#[must_use]
pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// A public holiday that follows from the law itself, computed for any year.
///
/// The list is Atw art. 3 lid 1 (*algemeen erkende feestdagen*) plus Good
/// Friday, which art. 3 lid 2 puts on a par with them. Easter Sunday and Whit
/// Sunday are not in the article — they are Sundays, which art. 1 lid 1
/// already covers — but they are named here so that an explanation can say
/// "Eerste Paasdag" instead of just "zondag".
///
/// The rules are those in force now and are applied to every year. Before 2014
/// the monarch's birthday was celebrated on 30 April (Koninginnedag); this type
/// does not model that history.
///
/// The serialised form and [`Holiday::code`] are stable codes; the Dutch name
/// for people is [`Holiday::name`].
///
/// ```
/// use gehoord_domain::calendar::Holiday;
/// use jiff::civil::date;
///
/// assert_eq!(Holiday::on(date(2026, 4, 6)), Some(Holiday::EasterMonday));
/// assert_eq!(Holiday::EasterMonday.name(), "Tweede Paasdag");
/// assert_eq!(Holiday::EasterMonday.code(), "easter_monday");
/// // 27 April 2025 is a Sunday, so Koningsdag moves back to Saturday 26 April.
/// assert_eq!(Holiday::KingsDay.date_in(2025), Some(date(2025, 4, 26)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// Nieuwjaarsdag, 1 January.
    NewYearsDay,
    /// Goede Vrijdag, two days before Easter (Atw art. 3 lid 2).
    GoodFriday,
    /// Eerste Paasdag (always a Sunday).
    EasterSunday,
    /// Tweede Paasdag, the day after Easter Sunday.
    EasterMonday,
    /// Koningsdag: 27 April, or Saturday 26 April when the 27th is a Sunday.
    KingsDay,
    /// Bevrijdingsdag, 5 May, every year.
    LiberationDay,
    /// Hemelvaartsdag, the Thursday 39 days after Easter Sunday.
    AscensionDay,
    /// Eerste Pinksterdag, 49 days after Easter Sunday (always a Sunday).
    WhitSunday,
    /// Tweede Pinksterdag, the day after Whit Sunday.
    WhitMonday,
    /// Eerste Kerstdag, 25 December.
    ChristmasDay,
    /// Tweede Kerstdag, 26 December.
    BoxingDay,
}

impl Holiday {
    /// Every statutory holiday, in the order of the year.
    pub const ALL: [Self; 11] = [
        Self::NewYearsDay,
        Self::GoodFriday,
        Self::EasterSunday,
        Self::EasterMonday,
        Self::KingsDay,
        Self::LiberationDay,
        Self::AscensionDay,
        Self::WhitSunday,
        Self::WhitMonday,
        Self::ChristmasDay,
        Self::BoxingDay,
    ];

    /// The stable code used in storage and the API.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::NewYearsDay => "new_years_day",
            Self::GoodFriday => "good_friday",
            Self::EasterSunday => "easter_sunday",
            Self::EasterMonday => "easter_monday",
            Self::KingsDay => "kings_day",
            Self::LiberationDay => "liberation_day",
            Self::AscensionDay => "ascension_day",
            Self::WhitSunday => "whit_sunday",
            Self::WhitMonday => "whit_monday",
            Self::ChristmasDay => "christmas_day",
            Self::BoxingDay => "boxing_day",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == code)
    }

    /// The Dutch name, for explanations such as "wegens Tweede Paasdag".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::NewYearsDay => "Nieuwjaarsdag",
            Self::GoodFriday => "Goede Vrijdag",
            Self::EasterSunday => "Eerste Paasdag",
            Self::EasterMonday => "Tweede Paasdag",
            Self::KingsDay => "Koningsdag",
            Self::LiberationDay => "Bevrijdingsdag",
            Self::AscensionDay => "Hemelvaartsdag",
            Self::WhitSunday => "Eerste Pinksterdag",
            Self::WhitMonday => "Tweede Pinksterdag",
            Self::ChristmasDay => "Eerste Kerstdag",
            Self::BoxingDay => "Tweede Kerstdag",
        }
    }

    /// The provision that makes this day a non-working day.
    ///
    /// ```
    /// use gehoord_domain::calendar::Holiday;
    ///
    /// assert_eq!(Holiday::WhitMonday.legal_basis(), "Atw art. 3 lid 1");
    /// assert_eq!(Holiday::GoodFriday.legal_basis(), "Atw art. 3 lid 2");
    /// assert_eq!(Holiday::EasterSunday.legal_basis(), "Atw art. 1 lid 1 (zondag)");
    /// ```
    #[must_use]
    pub const fn legal_basis(self) -> &'static str {
        match self {
            Self::GoodFriday => "Atw art. 3 lid 2",
            Self::EasterSunday | Self::WhitSunday => "Atw art. 1 lid 1 (zondag)",
            Self::NewYearsDay
            | Self::EasterMonday
            | Self::KingsDay
            | Self::LiberationDay
            | Self::AscensionDay
            | Self::WhitMonday
            | Self::ChristmasDay
            | Self::BoxingDay => "Atw art. 3 lid 1",
        }
    }

    /// The date of this holiday in `year`; `None` only for a year outside the
    /// range of [`Date`].
    ///
    /// ```
    /// use gehoord_domain::calendar::Holiday;
    /// use jiff::civil::date;
    ///
    /// assert_eq!(Holiday::AscensionDay.date_in(2026), Some(date(2026, 5, 14)));
    /// assert_eq!(Holiday::KingsDay.date_in(2026), Some(date(2026, 4, 27)));
    /// ```
    #[must_use]
    pub fn date_in(self, year: i16) -> Option<Date> {
        let day_of_year = self.day_of_year_in(year);
        Date::new(year, 1, 1).ok()?.with().day_of_year(day_of_year).build().ok()
    }

    /// The statutory holiday on `date`, if any.
    ///
    /// Bevrijdingsdag and Hemelvaartsdag can fall on the same day (5 May
    /// 2016); then the one earlier in [`Holiday::ALL`] is returned,
    /// Bevrijdingsdag. Either way the day is not a working day.
    #[must_use]
    pub fn on(date: Date) -> Option<Self> {
        let year = date.year();
        let day = date.day_of_year();
        Self::ALL.into_iter().find(|holiday| holiday.day_of_year_in(year) == day)
    }

    /// The 1-based day of the year of this holiday; total for every `i16`.
    fn day_of_year_in(self, year: i16) -> i16 {
        let easter = easter_day_of_year(year);
        let leap = i16::from(is_leap_year(year));
        // Day of the year of a date from March on.
        let spring = |month_start: i16, day: i16| month_start + leap + day;
        match self {
            Self::NewYearsDay => 1,
            Self::GoodFriday => easter - 2,
            Self::EasterSunday => easter,
            Self::EasterMonday => easter + 1,
            Self::KingsDay => {
                // 1 April is day 91 (+1 in a leap year).
                let the_27th = spring(90, 27);
                if Self::weekday_of(year, the_27th) == Weekday::Sunday { the_27th - 1 } else { the_27th }
            }
            Self::LiberationDay => spring(120, 5),
            Self::AscensionDay => easter + 39,
            Self::WhitSunday => easter + 49,
            Self::WhitMonday => easter + 50,
            Self::ChristmasDay => spring(334, 25),
            Self::BoxingDay => spring(334, 26),
        }
    }

    /// Weekday of a day of the year, without building a `Date` (the year may
    /// be outside jiff's range; the answer is then never used for a `Date`).
    fn weekday_of(year: i16, day_of_year: i16) -> Weekday {
        // Sakamoto-style: days since a known Monday, 1 January 2001, using the
        // 400-year Gregorian cycle of 146 097 days (a whole number of weeks).
        let y = i64::from(year) - 2001;
        let leap_days = y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400);
        let days = 365 * y + leap_days + i64::from(day_of_year) - 1;
        let offset = i8::try_from(days.rem_euclid(7)).unwrap_or(0);
        Weekday::from_monday_zero_offset(offset).unwrap_or(Weekday::Monday)
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A day designated by royal decree as equal to the public holidays (Atw
/// art. 3 lid 3), such as the Friday after Ascension Day.
///
/// Designations are published in the Staatscourant, usually for a few years at
/// a time; they are kept as data that an administrator extends. Only put real
/// designations here: the day extends statutory terms, so an organisation's
/// own closing days do not belong in this list.
///
/// ```
/// use gehoord_domain::calendar::ExtraDay;
/// use jiff::civil::date;
///
/// let day: ExtraDay = serde_json::from_str(
///     r#"{"date": "2026-05-15", "name": "Vrijdag na Hemelvaartsdag"}"#,
/// ).unwrap();
/// assert_eq!(day, ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraDay {
    pub date: Date,
    /// The Dutch name shown in explanations.
    pub name: String,
}

impl ExtraDay {
    #[must_use]
    pub fn new(date: Date, name: impl Into<String>) -> Self {
        Self { date, name: name.into() }
    }
}

/// A public holiday in the sense of the Atw: a statutory one, or one
/// designated by royal decree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PublicHoliday {
    /// Atw art. 3 lid 1 and 2 (and the Sundays of Easter and Whitsun).
    Statutory { holiday: Holiday },
    /// Atw art. 3 lid 3, from the calendar's [`ExtraDay`]s.
    Designated { name: String },
}

impl PublicHoliday {
    /// The Dutch name, for example "Tweede Paasdag".
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Statutory { holiday } => holiday.name(),
            Self::Designated { name } => name,
        }
    }

    /// The provision that makes this day a non-working day.
    #[must_use]
    pub const fn legal_basis(&self) -> &'static str {
        match self {
            Self::Statutory { holiday } => holiday.legal_basis(),
            Self::Designated { .. } => "Atw art. 3 lid 3",
        }
    }
}

impl fmt::Display for PublicHoliday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A day that is not a working day, with why: the explanation of a moved
/// deadline lists these.
///
/// A public holiday on a Saturday or Sunday carries both facts: the weekday is
/// in `date`, the holiday in `holiday`.
///
/// ```
/// use gehoord_domain::calendar::Calendar;
/// use jiff::civil::date;
///
/// let calendar = Calendar::default();
/// let day = calendar.non_working_day(date(2025, 4, 26)).unwrap();
/// assert!(day.is_weekend());
/// assert_eq!(day.reason(), "Koningsdag");
/// assert_eq!(day.to_string(), "zaterdag 26 april 2025 (Koningsdag)");
///
/// let day = calendar.non_working_day(date(2026, 4, 4)).unwrap();
/// assert_eq!(day.reason(), "zaterdag");
/// assert_eq!(day.legal_basis(), "Atw art. 1 lid 1");
/// assert_eq!(day.to_string(), "zaterdag 4 april 2026");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonWorkingDay {
    pub date: Date,
    /// The public holiday on this day, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holiday: Option<PublicHoliday>,
}

impl NonWorkingDay {
    /// Saturday or Sunday.
    #[must_use]
    pub fn is_weekend(&self) -> bool {
        is_weekend(self.date)
    }

    /// A short Dutch reason: the holiday's name, else "zaterdag" or "zondag".
    #[must_use]
    pub fn reason(&self) -> &str {
        match &self.holiday {
            Some(holiday) => holiday.name(),
            None => weekday_name(self.date.weekday()),
        }
    }

    /// The provision that makes this day a non-working day: the holiday's, or
    /// Atw art. 1 lid 1 for a plain Saturday or Sunday.
    #[must_use]
    pub fn legal_basis(&self) -> &'static str {
        match &self.holiday {
            Some(holiday) => holiday.legal_basis(),
            None => "Atw art. 1 lid 1",
        }
    }
}

/// "zondag 5 april 2026 (Eerste Paasdag)", or "zaterdag 4 april 2026" for a
/// plain weekend day.
impl fmt::Display for NonWorkingDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", DayAndDate(self.date))?;
        if let Some(holiday) = &self.holiday {
            write!(f, " ({})", holiday.name())?;
        }
        Ok(())
    }
}

/// The days that are not working days: weekends, statutory holidays and the
/// days designated by royal decree.
///
/// `Calendar::default()` knows the statutory holidays only. It serialises as
/// the list of its [`ExtraDay`]s, so the designations can live in a data file.
///
/// Dates are jiff civil dates (years `-9999..=9999`). Where an answer would lie
/// after [`Date::MAX`], the methods stop there and return `Date::MAX` instead
/// of panicking; no real deadline comes near it.
///
/// ```
/// use gehoord_domain::calendar::{Calendar, ExtraDay};
/// use jiff::civil::date;
///
/// let calendar = Calendar::with_extra_days([
///     ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
/// ]);
/// assert!(!calendar.is_working_day(date(2026, 5, 14))); // Hemelvaartsdag
/// assert!(!calendar.is_working_day(date(2026, 5, 15))); // designated
/// assert!(calendar.is_working_day(date(2026, 5, 18)));
/// assert_eq!(calendar.holiday(date(2026, 5, 15)).unwrap().name(), "Vrijdag na Hemelvaartsdag");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<ExtraDay>", into = "Vec<ExtraDay>")]
pub struct Calendar {
    /// Sorted by date, one entry per date.
    extra: Vec<ExtraDay>,
}

impl From<Vec<ExtraDay>> for Calendar {
    fn from(days: Vec<ExtraDay>) -> Self {
        Self::with_extra_days(days)
    }
}

impl From<Calendar> for Vec<ExtraDay> {
    fn from(calendar: Calendar) -> Self {
        calendar.extra
    }
}

impl Calendar {
    /// The name used for a designated day whose name was left empty.
    pub const UNNAMED_EXTRA_DAY: &'static str = "Gelijkgestelde dag";

    /// The statutory holidays plus days designated by royal decree (Atw art. 3
    /// lid 3).
    ///
    /// Names are trimmed; an empty name becomes
    /// [`Calendar::UNNAMED_EXTRA_DAY`]. When a date is listed twice, the later
    /// entry wins.
    #[must_use]
    pub fn with_extra_days(days: impl IntoIterator<Item = ExtraDay>) -> Self {
        let mut extra: Vec<ExtraDay> = Vec::new();
        for ExtraDay { date, name } in days {
            let name = match name.trim() {
                "" => Self::UNNAMED_EXTRA_DAY,
                trimmed => trimmed,
            }
            .to_owned();
            match extra.binary_search_by_key(&date, |day| day.date) {
                Ok(at) => extra[at].name = name,
                Err(at) => extra.insert(at, ExtraDay { date, name }),
            }
        }
        Self { extra }
    }

    /// The designated days, sorted by date.
    #[must_use]
    pub fn extra_days(&self) -> &[ExtraDay] {
        &self.extra
    }

    fn extra_day(&self, date: Date) -> Option<&ExtraDay> {
        self.extra.binary_search_by_key(&date, |day| day.date).ok().and_then(|at| self.extra.get(at))
    }

    /// The public holiday on `date`, statutory or designated; `None` for any
    /// other day, including a plain Saturday or Sunday.
    ///
    /// A statutory holiday takes precedence over a designation of the same
    /// date.
    ///
    /// ```
    /// use gehoord_domain::calendar::{Calendar, Holiday, PublicHoliday};
    /// use jiff::civil::date;
    ///
    /// let calendar = Calendar::default();
    /// assert_eq!(
    ///     calendar.holiday(date(2027, 12, 25)),
    ///     Some(PublicHoliday::Statutory { holiday: Holiday::ChristmasDay }),
    /// );
    /// assert_eq!(calendar.holiday(date(2027, 12, 27)), None);
    /// ```
    #[must_use]
    pub fn holiday(&self, date: Date) -> Option<PublicHoliday> {
        if let Some(holiday) = Holiday::on(date) {
            return Some(PublicHoliday::Statutory { holiday });
        }
        self.extra_day(date).map(|day| PublicHoliday::Designated { name: day.name.clone() })
    }

    /// Whether `date` is a public holiday, statutory or designated.
    #[must_use]
    pub fn is_holiday(&self, date: Date) -> bool {
        Holiday::on(date).is_some() || self.extra_day(date).is_some()
    }

    /// A working day: not a Saturday, Sunday or public holiday. Service norms
    /// count these.
    ///
    /// ```
    /// use gehoord_domain::calendar::Calendar;
    /// use jiff::civil::date;
    ///
    /// let calendar = Calendar::default();
    /// assert!(calendar.is_working_day(date(2026, 4, 7))); // Tuesday after Easter
    /// assert!(!calendar.is_working_day(date(2026, 4, 6))); // Easter Monday
    /// assert!(!calendar.is_working_day(date(2026, 4, 11))); // Saturday
    /// ```
    #[must_use]
    pub fn is_working_day(&self, date: Date) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }

    /// Why `date` is not a working day, or `None` when it is one.
    #[must_use]
    pub fn non_working_day(&self, date: Date) -> Option<NonWorkingDay> {
        let holiday = self.holiday(date);
        (holiday.is_some() || is_weekend(date)).then_some(NonWorkingDay { date, holiday })
    }

    /// `date` itself if it is a working day, else the first working day after
    /// it.
    ///
    /// ```
    /// use gehoord_domain::calendar::Calendar;
    /// use jiff::civil::date;
    ///
    /// let calendar = Calendar::default();
    /// assert_eq!(calendar.next_working_day_on_or_after(date(2026, 12, 25)), date(2026, 12, 28));
    /// assert_eq!(calendar.next_working_day_on_or_after(date(2026, 12, 28)), date(2026, 12, 28));
    /// ```
    #[must_use]
    pub fn next_working_day_on_or_after(&self, date: Date) -> Date {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        day
    }

    /// The date `n` working days after `start`, for service norms such as
    /// "contact within 2 working days".
    ///
    /// Day 0 is `start` itself, whatever day it is; working day 1 is the first
    /// working day after `start`. Complaints received on a Friday with a norm
    /// of 2 working days are due on Tuesday; holidays are skipped.
    ///
    /// This is *not* how a statutory term is computed: a term of the Awb is
    /// counted in calendar days or weeks and then moved by
    /// [`Calendar::extend_statutory_term`].
    ///
    /// ```
    /// use gehoord_domain::calendar::Calendar;
    /// use jiff::civil::date;
    ///
    /// let calendar = Calendar::default();
    /// let friday = date(2026, 3, 13);
    /// assert_eq!(calendar.add_working_days(friday, 0), friday);
    /// assert_eq!(calendar.add_working_days(friday, 2), date(2026, 3, 17));
    /// // Received on Maundy Thursday 2026: Good Friday and Easter Monday do not count.
    /// assert_eq!(calendar.add_working_days(date(2026, 4, 2), 2), date(2026, 4, 8));
    /// ```
    #[must_use]
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut day = start;
        for _ in 0..n {
            match day.tomorrow() {
                Ok(next) => day = self.next_working_day_on_or_after(next),
                Err(_) => break,
            }
        }
        day
    }

    /// The number of working days after `from` up to and including `to`;
    /// negative when `to` is before `from`.
    ///
    /// It is the inverse of [`Calendar::add_working_days`]:
    /// `working_days_between(a, add_working_days(a, n)) == n`. Use it to say
    /// how many working days a service norm took or has left.
    ///
    /// ```
    /// use gehoord_domain::calendar::Calendar;
    /// use jiff::civil::date;
    ///
    /// let calendar = Calendar::default();
    /// let friday = date(2026, 3, 13);
    /// let tuesday = date(2026, 3, 17);
    /// assert_eq!(calendar.working_days_between(friday, tuesday), 2);
    /// assert_eq!(calendar.working_days_between(tuesday, friday), -2);
    /// assert_eq!(calendar.working_days_between(friday, friday), 0);
    /// // Christmas week 2026: Friday 25 December is a holiday.
    /// assert_eq!(calendar.working_days_between(date(2026, 12, 20), date(2026, 12, 27)), 4);
    /// ```
    #[must_use]
    pub fn working_days_between(&self, from: Date, to: Date) -> i32 {
        match from.cmp(&to) {
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Less => self.working_days_after_up_to(from, to),
            std::cmp::Ordering::Greater => -self.working_days_after_up_to(to, from),
        }
    }

    /// Working days in `(after, up_to]`, with `after < up_to`: weekdays by
    /// arithmetic, minus the holidays that fall on weekdays, so the cost grows
    /// with the number of years, not days.
    fn working_days_after_up_to(&self, after: Date, up_to: Date) -> i32 {
        let weekdays = weekdays_through(up_to) - weekdays_through(after);
        let in_range = |date: &Date| *date > after && *date <= up_to && !is_weekend(*date);
        let mut holidays: BTreeSet<Date> = (after.year()..=up_to.year())
            .flat_map(|year| Holiday::ALL.into_iter().filter_map(move |h| h.date_in(year)))
            .filter(in_range)
            .collect();
        holidays.extend(self.extra.iter().map(|day| day.date).filter(in_range));
        let holidays = i64::try_from(holidays.len()).unwrap_or(i64::MAX);
        // At most 5/7 of jiff's ~7.3 million days: always fits.
        i32::try_from(weekdays - holidays).unwrap_or(i32::MAX)
    }

    /// Atw art. 1 lid 1: a statutory term that ends on a Saturday, Sunday or
    /// public holiday is extended to the next day that is none of these.
    ///
    /// `end` is the last day of the term as computed by the rule that sets it
    /// (for Awb 9:11, receipt + 6 weeks). Returns the day the term really
    /// ends, and every day it was moved past with the reason, in order, so
    /// that the deadline can be explained ("verschoven naar dinsdag 7 april
    /// 2026 wegens Tweede Paasdag"). The list is empty when `end` is a working
    /// day.
    ///
    /// The caller decides whether the Atw applies: only to terms set by law
    /// (not to the organisation's own service norms), not to terms of more
    /// than 12 weeks (Atw art. 4), and art. 1 lid 2 excludes terms counted
    /// backwards from an event. The 6- and 10-week terms and the 4-week
    /// postponement of Awb 9:11 and the 4-week term of Awb 9:8 lid 3 qualify.
    /// Atw art. 2 (a term of at least three days contains at least two
    /// working days) is not applied here; it cannot change a term of weeks.
    ///
    /// ```
    /// use gehoord_domain::calendar::Calendar;
    /// use jiff::civil::date;
    ///
    /// let calendar = Calendar::default();
    /// // Ends on Holy Saturday 2026: Saturday, Easter Sunday and Easter Monday pass.
    /// let (end, skipped) = calendar.extend_statutory_term(date(2026, 4, 4));
    /// assert_eq!(end, date(2026, 4, 7));
    /// let reasons: Vec<&str> = skipped.iter().map(|day| day.reason()).collect();
    /// assert_eq!(reasons, ["zaterdag", "Eerste Paasdag", "Tweede Paasdag"]);
    ///
    /// // A working day stays as it is.
    /// assert_eq!(calendar.extend_statutory_term(date(2026, 4, 8)), (date(2026, 4, 8), vec![]));
    /// ```
    #[must_use]
    pub fn extend_statutory_term(&self, end: Date) -> (Date, Vec<NonWorkingDay>) {
        let mut day = end;
        let mut skipped = Vec::new();
        while let Some(non_working) = self.non_working_day(day) {
            skipped.push(non_working);
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        (day, skipped)
    }

    /// Every public holiday in `year`, statutory and designated, in date
    /// order; for an overview page. A date with two holidays (Bevrijdingsdag
    /// on Hemelvaartsdag) is listed once per holiday.
    ///
    /// ```
    /// use gehoord_domain::calendar::Calendar;
    ///
    /// let names: Vec<String> = Calendar::default()
    ///     .holidays_in_year(2026)
    ///     .into_iter()
    ///     .map(|(_, holiday)| holiday.name().to_owned())
    ///     .collect();
    /// assert_eq!(names.first().map(String::as_str), Some("Nieuwjaarsdag"));
    /// assert_eq!(names.len(), 11);
    /// ```
    #[must_use]
    pub fn holidays_in_year(&self, year: i16) -> Vec<(Date, PublicHoliday)> {
        let statutory = Holiday::ALL.into_iter().filter_map(|holiday| {
            let date = holiday.date_in(year)?;
            Some((date, PublicHoliday::Statutory { holiday }))
        });
        let designated =
            self.extra.iter().filter(|day| day.date.year() == year && Holiday::on(day.date).is_none()).map(|day| {
                let name = day.name.clone();
                (day.date, PublicHoliday::Designated { name })
            });
        let mut all: Vec<_> = statutory.chain(designated).collect();
        all.sort_by_key(|(date, _)| *date);
        all
    }
}

/// The number of Mondays to Fridays from a fixed Monday up to and including
/// `date` (negative before it); differences give weekdays in a range.
fn weekdays_through(date: Date) -> i64 {
    // 1 January 2001 was a Monday.
    const MONDAY: Date = Date::constant(2001, 1, 1);
    // Whole days: the duration between two civil dates is a multiple of 24 h.
    let days = date.duration_since(MONDAY).as_hours() / 24;
    // Weekdays among the day indices 0..=days (or the negative of those in
    // days+1..0): five per whole week plus up to five of the rest.
    let count = days + 1;
    5 * count.div_euclid(7) + count.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use jiff::{ToSpan, civil::date};
    use proptest::prelude::*;

    use super::*;

    fn statutory(holiday: Holiday) -> Option<PublicHoliday> {
        Some(PublicHoliday::Statutory { holiday })
    }

    // ---- Easter (computus) -------------------------------------------------

    #[test]
    fn computus_matches_known_easter_dates() {
        for (year, month, day) in [
            (1818, 3, 22),
            (1943, 4, 25),
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2016, 3, 27),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(year), Some(date(year, month, day)), "Easter {year}");
        }
    }

    #[test]
    fn computus_is_total_over_the_range_of_dates() {
        assert!(easter_sunday(-9999).is_some());
        assert!(easter_sunday(9999).is_some());
        assert_eq!(easter_sunday(-10_000), None);
        assert_eq!(easter_sunday(i16::MAX), None);
        // The day-of-year shortcut agrees with the date.
        for year in 1900..=2200 {
            let easter = easter_sunday(year).unwrap();
            assert_eq!(easter.day_of_year(), easter_day_of_year(year), "{year}");
        }
    }

    proptest! {
        #[test]
        fn easter_is_a_sunday_from_22_march_to_25_april(year in -9999i16..=9999) {
            let easter = easter_sunday(year).unwrap();
            prop_assert_eq!(easter.weekday(), Weekday::Sunday);
            prop_assert!(easter >= date(year, 3, 22));
            prop_assert!(easter <= date(year, 4, 25));
            prop_assert_eq!(Holiday::on(easter), Some(Holiday::EasterSunday));
        }
    }

    // ---- Atw art. 3: the statutory holidays ---------------------------------

    /// Worked out by hand from the Easter dates above and a perpetual calendar.
    const HOLIDAYS: &[(i16, i8, i8, Holiday)] = &[
        // 2025 (Easter 20 April; 27 April is a Sunday)
        (2025, 1, 1, Holiday::NewYearsDay),
        (2025, 4, 18, Holiday::GoodFriday),
        (2025, 4, 20, Holiday::EasterSunday),
        (2025, 4, 21, Holiday::EasterMonday),
        (2025, 4, 26, Holiday::KingsDay),
        (2025, 5, 5, Holiday::LiberationDay),
        (2025, 5, 29, Holiday::AscensionDay),
        (2025, 6, 8, Holiday::WhitSunday),
        (2025, 6, 9, Holiday::WhitMonday),
        (2025, 12, 25, Holiday::ChristmasDay),
        (2025, 12, 26, Holiday::BoxingDay),
        // 2026 (Easter 5 April)
        (2026, 1, 1, Holiday::NewYearsDay),
        (2026, 4, 3, Holiday::GoodFriday),
        (2026, 4, 5, Holiday::EasterSunday),
        (2026, 4, 6, Holiday::EasterMonday),
        (2026, 4, 27, Holiday::KingsDay),
        (2026, 5, 5, Holiday::LiberationDay),
        (2026, 5, 14, Holiday::AscensionDay),
        (2026, 5, 24, Holiday::WhitSunday),
        (2026, 5, 25, Holiday::WhitMonday),
        (2026, 12, 25, Holiday::ChristmasDay),
        (2026, 12, 26, Holiday::BoxingDay),
        // 2027 (Easter 28 March)
        (2027, 1, 1, Holiday::NewYearsDay),
        (2027, 3, 26, Holiday::GoodFriday),
        (2027, 3, 28, Holiday::EasterSunday),
        (2027, 3, 29, Holiday::EasterMonday),
        (2027, 4, 27, Holiday::KingsDay),
        (2027, 5, 5, Holiday::LiberationDay),
        (2027, 5, 6, Holiday::AscensionDay),
        (2027, 5, 16, Holiday::WhitSunday),
        (2027, 5, 17, Holiday::WhitMonday),
        (2027, 12, 25, Holiday::ChristmasDay),
        (2027, 12, 26, Holiday::BoxingDay),
        // 2028 (Easter 16 April)
        (2028, 4, 14, Holiday::GoodFriday),
        (2028, 4, 17, Holiday::EasterMonday),
        (2028, 4, 27, Holiday::KingsDay),
        (2028, 5, 25, Holiday::AscensionDay),
        (2028, 6, 5, Holiday::WhitMonday),
        // 2029 (Easter 1 April; 5 May is a Saturday)
        (2029, 1, 1, Holiday::NewYearsDay),
        (2029, 3, 30, Holiday::GoodFriday),
        (2029, 4, 2, Holiday::EasterMonday),
        (2029, 5, 5, Holiday::LiberationDay),
        (2029, 5, 10, Holiday::AscensionDay),
        (2029, 5, 21, Holiday::WhitMonday),
        // 2030 (Easter 21 April)
        (2030, 4, 19, Holiday::GoodFriday),
        (2030, 4, 22, Holiday::EasterMonday),
        (2030, 5, 30, Holiday::AscensionDay),
        (2030, 6, 10, Holiday::WhitMonday),
        // 2031: 27 April is again a Sunday
        (2031, 4, 26, Holiday::KingsDay),
    ];

    #[test]
    fn atw_3_holidays_fall_on_their_hand_checked_dates() {
        assert!(HOLIDAYS.len() >= 40);
        let calendar = Calendar::default();
        for &(year, month, day, holiday) in HOLIDAYS {
            let d = date(year, month, day);
            assert_eq!(Holiday::on(d), Some(holiday), "{d}");
            assert_eq!(holiday.date_in(year), Some(d), "{holiday:?} {year}");
            assert_eq!(calendar.holiday(d), statutory(holiday), "{d}");
            assert!(!calendar.is_working_day(d), "{d}");
        }
    }

    #[test]
    fn atw_3_every_holiday_of_2026_and_2027_and_no_other_day() {
        let calendar = Calendar::default();
        for year in [2026, 2027] {
            let expected: Vec<Date> =
                HOLIDAYS.iter().filter(|(y, ..)| *y == year).map(|&(y, m, d, _)| date(y, m, d)).collect();
            assert_eq!(expected.len(), Holiday::ALL.len());
            let found: Vec<Date> = date(year, 1, 1)
                .series(1.day())
                .take_while(|d| d.year() == year)
                .filter(|d| calendar.is_holiday(*d))
                .collect();
            assert_eq!(found, expected, "{year}");
            let listed: Vec<Date> = calendar.holidays_in_year(year).into_iter().map(|(d, _)| d).collect();
            assert_eq!(listed, expected, "{year}");
        }
    }

    #[test]
    fn atw_3_moveable_feasts_fall_on_their_weekdays() {
        for year in 1900..=2200 {
            let on = |h: Holiday| h.date_in(year).unwrap().weekday();
            assert_eq!(on(Holiday::GoodFriday), Weekday::Friday);
            assert_eq!(on(Holiday::EasterMonday), Weekday::Monday);
            assert_eq!(on(Holiday::AscensionDay), Weekday::Thursday);
            assert_eq!(on(Holiday::WhitSunday), Weekday::Sunday);
            assert_eq!(on(Holiday::WhitMonday), Weekday::Monday);
            assert_ne!(on(Holiday::KingsDay), Weekday::Sunday);
        }
    }

    #[test]
    fn atw_3_kings_day_moves_to_the_26th_only_when_the_27th_is_a_sunday() {
        for year in 2014..=2100 {
            let the_27th = date(year, 4, 27);
            let expected = if the_27th.weekday() == Weekday::Sunday { date(year, 4, 26) } else { the_27th };
            assert_eq!(Holiday::KingsDay.date_in(year), Some(expected), "{year}");
        }
        assert_eq!(date(2025, 4, 27).weekday(), Weekday::Sunday);
        assert_eq!(date(2031, 4, 27).weekday(), Weekday::Sunday);
        assert_eq!(Holiday::on(date(2025, 4, 27)), None);
        assert_eq!(Holiday::on(date(2031, 4, 26)), Some(Holiday::KingsDay));
        assert_eq!(date(2031, 4, 26).weekday(), Weekday::Saturday);
    }

    #[test]
    fn atw_3_liberation_day_is_every_year_and_may_share_ascension_day() {
        for year in 2000..=2100 {
            assert_eq!(Holiday::on(date(year, 5, 5)), Some(Holiday::LiberationDay));
        }
        // 5 May 2016 was also Ascension Day; the day counts once.
        assert_eq!(Holiday::AscensionDay.date_in(2016), Some(date(2016, 5, 5)));
        let calendar = Calendar::default();
        assert!(!calendar.is_working_day(date(2016, 5, 5)));
        assert_eq!(calendar.holidays_in_year(2016).len(), Holiday::ALL.len());
        assert_eq!(calendar.working_days_between(date(2016, 5, 1), date(2016, 5, 8)), 4);
    }

    #[test]
    fn atw_3_dates_that_look_like_holidays_are_not() {
        let calendar = Calendar::default();
        for d in [
            date(2026, 4, 2),   // Maundy Thursday
            date(2026, 4, 7),   // Tuesday after Easter
            date(2026, 4, 28),  // day after King's Day
            date(2026, 5, 15),  // Friday after Ascension: only when designated
            date(2026, 12, 24), // Christmas Eve
            date(2026, 12, 31), // New Year's Eve
            date(2027, 4, 26),  // 27 April 2027 is a Tuesday
        ] {
            assert_eq!(calendar.holiday(d), None, "{d}");
            assert!(calendar.is_working_day(d), "{d}");
        }
    }

    #[test]
    fn holiday_codes_are_unique_and_round_trip() {
        for holiday in Holiday::ALL {
            assert_eq!(Holiday::from_code(holiday.code()), Some(holiday));
            let json = serde_json::to_string(&holiday).unwrap();
            assert_eq!(json, format!("\"{}\"", holiday.code()));
            assert_eq!(holiday.to_string(), holiday.name());
        }
        assert_eq!(Holiday::from_code("carnival"), None);
    }

    #[test]
    fn atw_3_legal_basis_names_the_provision() {
        assert_eq!(Holiday::NewYearsDay.legal_basis(), "Atw art. 3 lid 1");
        assert_eq!(Holiday::GoodFriday.legal_basis(), "Atw art. 3 lid 2");
        let designated = PublicHoliday::Designated { name: "Vrijdag na Hemelvaartsdag".into() };
        assert_eq!(designated.legal_basis(), "Atw art. 3 lid 3");
    }

    // ---- Atw art. 3 lid 3: designated days ----------------------------------

    #[test]
    fn atw_3_lid_3_designated_days_are_holidays_and_statutory_ones_win() {
        let calendar = Calendar::with_extra_days([
            ExtraDay::new(date(2026, 5, 15), "  Vrijdag na Hemelvaartsdag "),
            ExtraDay::new(date(2026, 12, 25), "Dubbel"),
            ExtraDay::new(date(2027, 5, 7), ""),
            ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
        ]);
        assert_eq!(calendar.extra_days().len(), 3);
        assert_eq!(
            calendar.holiday(date(2026, 5, 15)),
            Some(PublicHoliday::Designated { name: "Vrijdag na Hemelvaartsdag".into() })
        );
        assert_eq!(calendar.holiday(date(2026, 12, 25)), statutory(Holiday::ChristmasDay));
        assert_eq!(calendar.holiday(date(2027, 5, 7)).unwrap().name(), Calendar::UNNAMED_EXTRA_DAY);
        let in_2026 = calendar.holidays_in_year(2026);
        assert_eq!(in_2026.len(), Holiday::ALL.len() + 1);
        assert!(in_2026.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn calendar_serialises_as_its_list_of_extra_days() {
        let calendar = Calendar::with_extra_days([
            ExtraDay::new(date(2027, 5, 7), "Vrijdag na Hemelvaartsdag"),
            ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
        ]);
        let json = serde_json::to_string(&calendar).unwrap();
        assert_eq!(
            json,
            r#"[{"date":"2026-05-15","name":"Vrijdag na Hemelvaartsdag"},{"date":"2027-05-07","name":"Vrijdag na Hemelvaartsdag"}]"#
        );
        assert_eq!(serde_json::from_str::<Calendar>(&json).unwrap(), calendar);
        assert_eq!(serde_json::from_str::<Calendar>("[]").unwrap(), Calendar::default());
    }

    #[test]
    fn non_working_day_serialises_with_its_reason() {
        let calendar = Calendar::default();
        let easter_monday = calendar.non_working_day(date(2026, 4, 6)).unwrap();
        let json = serde_json::to_string(&easter_monday).unwrap();
        assert_eq!(json, r#"{"date":"2026-04-06","holiday":{"kind":"statutory","holiday":"easter_monday"}}"#);
        assert_eq!(serde_json::from_str::<NonWorkingDay>(&json).unwrap(), easter_monday);
        let saturday = calendar.non_working_day(date(2026, 4, 11)).unwrap();
        assert_eq!(serde_json::to_string(&saturday).unwrap(), r#"{"date":"2026-04-11"}"#);
        assert_eq!(calendar.non_working_day(date(2026, 4, 7)), None);
    }

    // ---- Atw art. 1 lid 1: extending a statutory term -----------------------

    fn extended(end: Date) -> (Date, Vec<String>) {
        let (date, skipped) = Calendar::default().extend_statutory_term(end);
        (date, skipped.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn atw_1_term_ending_on_a_working_day_stays() {
        assert_eq!(extended(date(2026, 4, 7)), (date(2026, 4, 7), vec![]));
    }

    #[test]
    fn atw_1_term_ending_on_a_saturday_moves_to_monday() {
        assert_eq!(
            extended(date(2026, 3, 14)),
            (date(2026, 3, 16), vec!["zaterdag 14 maart 2026".into(), "zondag 15 maart 2026".into()])
        );
    }

    #[test]
    fn atw_1_term_ending_on_easter_monday_moves_to_tuesday() {
        assert_eq!(
            extended(date(2026, 4, 6)),
            (date(2026, 4, 7), vec!["maandag 6 april 2026 (Tweede Paasdag)".into()])
        );
    }

    #[test]
    fn atw_1_term_ending_on_good_friday_moves_to_the_tuesday_after_easter() {
        let (end, skipped) = extended(date(2027, 3, 26));
        assert_eq!(end, date(2027, 3, 30));
        assert_eq!(
            skipped,
            [
                "vrijdag 26 maart 2027 (Goede Vrijdag)",
                "zaterdag 27 maart 2027",
                "zondag 28 maart 2027 (Eerste Paasdag)",
                "maandag 29 maart 2027 (Tweede Paasdag)",
            ]
        );
    }

    #[test]
    fn atw_1_term_ending_on_the_saturday_before_easter_moves_to_tuesday() {
        let (end, skipped) = extended(date(2026, 4, 4));
        assert_eq!(end, date(2026, 4, 7));
        assert_eq!(
            skipped,
            ["zaterdag 4 april 2026", "zondag 5 april 2026 (Eerste Paasdag)", "maandag 6 april 2026 (Tweede Paasdag)",]
        );
    }

    #[test]
    fn atw_1_term_ending_on_christmas_day_on_a_friday_moves_to_monday_28() {
        assert_eq!(date(2026, 12, 25).weekday(), Weekday::Friday);
        let (end, skipped) = extended(date(2026, 12, 25));
        assert_eq!(end, date(2026, 12, 28));
        assert_eq!(
            skipped,
            [
                "vrijdag 25 december 2026 (Eerste Kerstdag)",
                "zaterdag 26 december 2026 (Tweede Kerstdag)",
                "zondag 27 december 2026",
            ]
        );
    }

    #[test]
    fn atw_1_term_ending_on_christmas_eve_stays() {
        assert_eq!(extended(date(2026, 12, 24)), (date(2026, 12, 24), vec![]));
    }

    #[test]
    fn atw_1_term_ending_on_ascension_day_moves_to_friday() {
        assert_eq!(date(2026, 5, 14).weekday(), Weekday::Thursday);
        assert_eq!(
            extended(date(2026, 5, 14)),
            (date(2026, 5, 15), vec!["donderdag 14 mei 2026 (Hemelvaartsdag)".into()])
        );
    }

    #[test]
    fn atw_3_lid_3_designated_friday_after_ascension_moves_the_term_to_monday() {
        let calendar = Calendar::with_extra_days([ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag")]);
        let (end, skipped) = calendar.extend_statutory_term(date(2026, 5, 14));
        assert_eq!(end, date(2026, 5, 18));
        assert_eq!(skipped.len(), 4);
        assert_eq!(skipped[1].reason(), "Vrijdag na Hemelvaartsdag");
        assert_eq!(skipped[1].legal_basis(), "Atw art. 3 lid 3");
    }

    #[test]
    fn atw_1_term_ending_on_5_may_on_a_saturday_moves_to_monday() {
        assert_eq!(date(2029, 5, 5).weekday(), Weekday::Saturday);
        assert_eq!(
            extended(date(2029, 5, 5)),
            (date(2029, 5, 7), vec!["zaterdag 5 mei 2029 (Bevrijdingsdag)".into(), "zondag 6 mei 2029".into()])
        );
    }

    #[test]
    fn atw_1_term_ending_on_5_may_on_a_weekday_moves_to_the_next_day() {
        assert_eq!(extended(date(2026, 5, 5)), (date(2026, 5, 6), vec!["dinsdag 5 mei 2026 (Bevrijdingsdag)".into()]));
    }

    #[test]
    fn atw_1_term_ending_on_whit_sunday_or_monday_moves_to_tuesday() {
        assert_eq!(extended(date(2026, 5, 25)).0, date(2026, 5, 26));
        let (end, skipped) = extended(date(2026, 5, 23));
        assert_eq!(end, date(2026, 5, 26));
        assert_eq!(
            skipped,
            [
                "zaterdag 23 mei 2026",
                "zondag 24 mei 2026 (Eerste Pinksterdag)",
                "maandag 25 mei 2026 (Tweede Pinksterdag)",
            ]
        );
    }

    #[test]
    fn atw_1_term_ending_on_new_years_day_on_a_monday_moves_to_tuesday() {
        assert_eq!(date(2029, 1, 1).weekday(), Weekday::Monday);
        assert_eq!(
            extended(date(2029, 1, 1)),
            (date(2029, 1, 2), vec!["maandag 1 januari 2029 (Nieuwjaarsdag)".into()])
        );
        // From the weekend before, across the year boundary.
        assert_eq!(extended(date(2028, 12, 30)).0, date(2029, 1, 2));
    }

    #[test]
    fn atw_1_term_ending_on_kings_day_on_a_saturday_moves_to_monday() {
        let (end, skipped) = extended(date(2025, 4, 26));
        assert_eq!(end, date(2025, 4, 28));
        assert_eq!(skipped, ["zaterdag 26 april 2025 (Koningsdag)", "zondag 27 april 2025"]);
    }

    #[test]
    fn awb_9_11_six_weeks_from_receipt_ending_on_easter_monday() {
        // Received Monday 23 February 2026; 6 weeks later is Easter Monday.
        let received = date(2026, 2, 23);
        let end = received.checked_add(6.weeks()).unwrap();
        assert_eq!(end, date(2026, 4, 6));
        let (deadline, skipped) = Calendar::default().extend_statutory_term(end);
        assert_eq!(deadline, date(2026, 4, 7));
        assert_eq!(skipped[0].reason(), "Tweede Paasdag");
        assert_eq!(skipped[0].legal_basis(), "Atw art. 3 lid 1");
    }

    #[test]
    fn atw_1_at_the_end_of_time_does_not_panic() {
        let calendar = Calendar::with_extra_days([ExtraDay::new(Date::MAX, "Einde")]);
        let (end, skipped) = calendar.extend_statutory_term(Date::MAX);
        assert_eq!(end, Date::MAX);
        assert_eq!(skipped.len(), 1);
        assert_eq!(calendar.next_working_day_on_or_after(Date::MAX), Date::MAX);
        assert_eq!(calendar.add_working_days(date(9999, 12, 20), 100), Date::MAX);
        assert!(calendar.working_days_between(Date::MIN, Date::MAX) > 5_000_000);
    }

    // ---- working days for service norms ----------------------------------

    #[test]
    fn service_norm_of_two_working_days_from_friday_is_tuesday() {
        let calendar = Calendar::default();
        let friday = date(2026, 3, 13);
        assert_eq!(friday.weekday(), Weekday::Friday);
        assert_eq!(calendar.add_working_days(friday, 1), date(2026, 3, 16));
        assert_eq!(calendar.add_working_days(friday, 2), date(2026, 3, 17));
        assert_eq!(calendar.working_days_between(friday, date(2026, 3, 17)), 2);
    }

    #[test]
    fn service_norm_counted_from_a_weekend_day_starts_on_monday() {
        let calendar = Calendar::default();
        let saturday = date(2026, 3, 14);
        assert_eq!(calendar.add_working_days(saturday, 0), saturday);
        assert_eq!(calendar.add_working_days(saturday, 1), date(2026, 3, 16));
        assert_eq!(calendar.working_days_between(saturday, date(2026, 3, 16)), 1);
    }

    #[test]
    fn service_norm_across_easter_skips_good_friday_and_easter_monday() {
        let calendar = Calendar::default();
        // Thursday 2 April 2026 + 3 working days: Tue 7, Wed 8, Thu 9.
        assert_eq!(calendar.add_working_days(date(2026, 4, 2), 1), date(2026, 4, 7));
        assert_eq!(calendar.add_working_days(date(2026, 4, 2), 3), date(2026, 4, 9));
        assert_eq!(calendar.working_days_between(date(2026, 3, 27), date(2026, 4, 10)), 8);
    }

    #[test]
    fn service_norm_across_christmas_and_new_year_skips_the_holidays() {
        let calendar = Calendar::default();
        // Wednesday 23 December 2026: Thu 24, Mon 28, Tue 29, Wed 30, Thu 31, Mon 4 Jan.
        let start = date(2026, 12, 23);
        assert_eq!(calendar.add_working_days(start, 1), date(2026, 12, 24));
        assert_eq!(calendar.add_working_days(start, 2), date(2026, 12, 28));
        assert_eq!(calendar.add_working_days(start, 5), date(2026, 12, 31));
        // 1 January 2027 is a Friday and a holiday.
        assert_eq!(calendar.add_working_days(start, 6), date(2027, 1, 4));
        assert_eq!(calendar.working_days_between(start, date(2027, 1, 4)), 6);
    }

    #[test]
    fn working_days_between_counts_designated_days_once() {
        let calendar = Calendar::with_extra_days([
            ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
            ExtraDay::new(date(2026, 5, 14), "Samenvallend met Hemelvaartsdag"),
            ExtraDay::new(date(2026, 5, 16), "Op een zaterdag"),
        ]);
        // Mon 11 … Fri 15 May 2026: Thursday and Friday are off.
        assert_eq!(calendar.working_days_between(date(2026, 5, 10), date(2026, 5, 17)), 3);
    }

    #[test]
    fn weekday_count_reference_is_a_monday() {
        assert_eq!(date(2001, 1, 1).weekday(), Weekday::Monday);
        assert_eq!(weekdays_through(date(2001, 1, 1)), 1);
        assert_eq!(weekdays_through(date(2000, 12, 31)), 0);
        // Friday 29 December 2000 is followed by a weekend: nothing between.
        assert_eq!(weekdays_through(date(2000, 12, 29)), 0);
        assert_eq!(weekdays_through(date(2000, 12, 28)), -1);
    }

    // ---- properties --------------------------------------------------------

    /// Dates from 1900 to about 2200.
    fn any_date() -> impl Strategy<Value = Date> {
        (0i32..110_000).prop_map(|days| date(1900, 1, 1).checked_add(days.days()).unwrap())
    }

    /// A calendar with a few designated days, or none.
    fn any_calendar() -> impl Strategy<Value = Calendar> {
        proptest::collection::vec(any_date(), 0..20)
            .prop_map(|dates| Calendar::with_extra_days(dates.into_iter().map(|d| ExtraDay::new(d, "Gelijkgesteld"))))
    }

    proptest! {
        #[test]
        fn atw_1_extended_term_is_a_working_day_and_never_earlier(
            calendar in any_calendar(),
            end in any_date(),
        ) {
            let (extended, skipped) = calendar.extend_statutory_term(end);
            prop_assert!(extended >= end);
            prop_assert!(calendar.is_working_day(extended));
            // Exactly the days from `end` up to the new end are skipped, each
            // with a true reason.
            let days = end.until(extended).unwrap().get_days();
            prop_assert_eq!(skipped.len(), usize::try_from(days).unwrap());
            for (i, day) in skipped.iter().enumerate() {
                prop_assert_eq!(day.date, end.checked_add(i32::try_from(i).unwrap().days()).unwrap());
                prop_assert!(!calendar.is_working_day(day.date));
                prop_assert_eq!(day.holiday.is_some(), calendar.is_holiday(day.date));
            }
            prop_assert_eq!(extended, calendar.next_working_day_on_or_after(end));
        }

        #[test]
        fn next_working_day_is_idempotent(calendar in any_calendar(), d in any_date()) {
            let next = calendar.next_working_day_on_or_after(d);
            prop_assert!(next >= d);
            prop_assert!(calendar.is_working_day(next));
            prop_assert_eq!(calendar.next_working_day_on_or_after(next), next);
        }

        #[test]
        fn add_working_days_is_monotone_in_n(
            calendar in any_calendar(),
            start in any_date(),
            n in 0u32..60,
        ) {
            let here = calendar.add_working_days(start, n);
            let further = calendar.add_working_days(start, n + 1);
            prop_assert!(further > here);
            prop_assert!(calendar.is_working_day(further));
        }

        #[test]
        fn add_working_days_is_monotone_in_the_start_date(
            calendar in any_calendar(),
            start in any_date(),
            later_by in 0i32..30,
            n in 0u32..60,
        ) {
            let later = start.checked_add(later_by.days()).unwrap();
            prop_assert!(calendar.add_working_days(start, n) <= calendar.add_working_days(later, n));
        }

        #[test]
        fn working_days_between_inverts_add_working_days(
            calendar in any_calendar(),
            start in any_date(),
            n in 0u32..400,
        ) {
            let end = calendar.add_working_days(start, n);
            let n = i32::try_from(n).unwrap();
            prop_assert_eq!(calendar.working_days_between(start, end), n);
            prop_assert_eq!(calendar.working_days_between(end, start), -n);
        }

        #[test]
        fn working_days_between_matches_counting_day_by_day(
            calendar in any_calendar(),
            from in any_date(),
            span in 0i32..800,
        ) {
            let to = from.checked_add(span.days()).unwrap();
            let counted = from
                .series(1.day())
                .skip(1)
                .take_while(|d| *d <= to)
                .filter(|d| calendar.is_working_day(*d))
                .count();
            prop_assert_eq!(
                calendar.working_days_between(from, to),
                i32::try_from(counted).unwrap()
            );
        }
    }
}

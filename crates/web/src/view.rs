//! What every page shares, and how values are shown to people: Dutch
//! labels, dates and times in Europe/Amsterdam.

use gehoord_domain::time::amsterdam;
use gehoord_store::User;
use jiff::{Timestamp, civil::Date};

/// The frame around every page: organisation, logged-in user, CSRF token.
#[derive(Debug, Clone)]
pub struct Layout {
    pub org_name: String,
    pub user: Option<NavUser>,
    pub csrf: String,
}

/// The logged-in staff member as the header shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub role_label: &'static str,
    pub may_read_cases: bool,
    /// The overview of open commitments (handlers and managers).
    pub may_see_commitments: bool,
    /// The overview of open escalations (managers).
    pub may_see_escalations: bool,
    /// The organisation's settings (admins).
    pub may_manage_settings: bool,
    /// The lessons register (handlers and managers).
    pub may_see_lessons: bool,
    pub may_see_insight: bool,
}

impl NavUser {
    #[must_use]
    pub fn of(user: &User) -> Self {
        Self {
            name: user.display_name.clone(),
            role_label: user.role.label(),
            may_read_cases: user.role.may_read_cases(),
            may_see_commitments: user.role.may_see_commitments(),
            may_see_escalations: user.role.may_see_escalations(),
            may_manage_settings: user.role.may_manage_settings(),
            may_see_lessons: gehoord_domain::lesson::register::may_see_register(user.role),
            may_see_insight: user.role.may_see_insight(),
        }
    }
}

impl Layout {
    #[must_use]
    pub fn new(org_name: Option<String>, user: Option<&User>, csrf: &str) -> Self {
        Self {
            org_name: org_name.unwrap_or_else(|| "Gehoord".to_owned()),
            user: user.map(NavUser::of),
            csrf: csrf.to_owned(),
        }
    }
}

/// A vocabulary as `(code, label)` pairs for radio buttons and selects.
#[must_use]
pub fn options<T: Copy>(
    values: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    values.iter().map(|v| (code(*v), label(*v))).collect()
}

/// How a citizen can prefer to be contacted, for the radio buttons.
#[must_use]
pub fn contact_preferences() -> Vec<(&'static str, &'static str)> {
    options(
        &gehoord_domain::ContactPreference::ALL,
        gehoord_domain::ContactPreference::code,
        gehoord_domain::ContactPreference::label,
    )
}

/// "27 april 2026".
#[must_use]
pub fn long_date(date: Date) -> String {
    gehoord_domain::time::LongDate(date).to_string()
}

/// "27-04-2026 14:05", in Amsterdam time.
#[must_use]
pub fn date_time(at: Timestamp) -> String {
    at.to_zoned_datetime(amsterdam()).strftime("%d-%m-%Y %H:%M").to_string()
}

/// "27-04-2026", in Amsterdam time.
#[must_use]
pub fn short_date(at: Timestamp) -> String {
    at.to_zoned_datetime(amsterdam()).strftime("%d-%m-%Y").to_string()
}

/// "08-04-2026" for a civil date.
#[must_use]
pub fn short_civil_date(date: Date) -> String {
    date.strftime("%d-%m-%Y").to_string()
}

/// A machine-readable instant for `<time datetime>`.
#[must_use]
pub fn iso(at: Timestamp) -> String {
    at.to_zoned_datetime(amsterdam()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Percent-encodes a query value (departments, categories and search words
/// are free text).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_dutch_people_write_them() {
        assert_eq!(long_date(jiff::civil::date(2026, 4, 27)), "27 april 2026");
        let at: Timestamp = "2026-12-31T23:30:00Z".parse().unwrap();
        assert_eq!(date_time(at), "01-01-2027 00:30");
        assert_eq!(short_date(at), "01-01-2027");
        assert_eq!(iso(at), "2027-01-01T00:30:00+01:00");
    }
}

//! Form handling shared by every page: values and errors for re-rendering,
//! parsing of Dutch dates and times, and a form extractor whose failures are
//! Dutch pages instead of plain-text rejections.

use std::collections::HashMap;

use axum::extract::{FromRequest, Request, rejection::FormRejection};
use gehoord_domain::error::FieldError;
use jiff::{Timestamp, civil::Date};
use serde::de::DeserializeOwned;

use crate::error::PageError;

/// An urlencoded form, with errors as Dutch pages.
#[derive(Debug)]
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for HtmlForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Self(value)),
            Err(FormRejection::InvalidFormContentType(_)) => Err(PageError::UnsupportedMediaType),
            Err(FormRejection::BytesRejection(_)) => Err(PageError::TooLarge),
            Err(e) => Err(PageError::BadRequest(format!(
                "Het formulier is niet goed aangekomen. Laad de pagina opnieuw en probeer het nog eens. ({})",
                e.body_text()
            ))),
        }
    }
}

/// A form read as its name–value pairs, for forms where one name repeats
/// (a list of checkboxes).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct FormPairs(Vec<(String, String)>);

impl FormPairs {
    /// The first value of `name`, or empty.
    #[must_use]
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name` that `from_code` knows, in the order sent.
    pub fn codes<T>(&self, name: &str, from_code: fn(&str) -> Option<T>) -> Vec<T> {
        self.0.iter().filter(|(k, _)| k == name).filter_map(|(_, v)| from_code(v)).collect()
    }

    /// The form as sent, to show it again: the value of each of `fields`,
    /// and each code ticked in a checkbox list as a field of its own set to
    /// `ja` (the templates ask `form.is(code, "ja")`).
    #[must_use]
    pub fn form_state(&self, fields: &[&'static str], ticked: impl IntoIterator<Item = &'static str>) -> FormState {
        let form = fields.iter().fold(FormState::default(), |form, &name| form.with(name, self.get(name)));
        ticked.into_iter().fold(form, |form, code| form.with(code, "ja"))
    }
}

/// One error as the page shows it: in the summary (linking to the field)
/// and beside the field.
#[derive(Debug, Clone)]
pub struct ShownError {
    pub field: String,
    pub message: String,
}

/// The values and errors a form is rendered with.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    values: HashMap<&'static str, String>,
    pub errors: Vec<ShownError>,
}

impl FormState {
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.insert(name, value.into());
        self
    }

    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(ShownError { field: field.to_owned(), message: message.into() });
    }

    pub fn domain_errors(&mut self, errors: &[FieldError]) {
        for e in errors {
            self.error(e.field.name(), e.message.clone());
        }
    }

    /// Puts errors in the order of the fields on the page (stable for
    /// several errors on one field); unknown fields go last.
    pub fn order_errors(&mut self, order: &[&str]) {
        self.errors.sort_by_key(|e| order.iter().position(|f| *f == e.field).unwrap_or(order.len()));
    }

    #[must_use]
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    #[must_use]
    pub fn is(&self, name: &str, value: &str) -> bool {
        self.value(name) == value
    }

    #[must_use]
    pub fn error_for(&self, name: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == name).map(|e| e.message.as_str())
    }

    #[must_use]
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Reads a date as Dutch people type it: `15-3-2026`, `15-03-2026`,
/// `15/03/2026`, `15.03.2026`, or ISO `2026-03-15`.
#[must_use]
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| s.trim().parse::<i16>().ok();
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return None;
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Reads a time of day `14:05` or `14.05`.
#[must_use]
pub fn parse_time(text: &str) -> Option<jiff::civil::Time> {
    let (h, m) = text.trim().split_once([':', '.'])?;
    jiff::civil::Time::new(h.trim().parse().ok()?, m.trim().parse().ok()?, 0, 0).ok()
}

/// A civil date and time in Amsterdam as an instant.
#[must_use]
pub fn amsterdam_instant(date: Date, time: jiff::civil::Time) -> Option<Timestamp> {
    date.to_datetime(time).to_zoned_datetime(gehoord_domain::time::amsterdam()).ok().map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_in_dutch_and_iso_notation() {
        for text in ["15-3-2026", "15-03-2026", "15/03/2026", "15.03.2026", "2026-03-15", " 15-03-2026 "] {
            assert_eq!(parse_date(text), Some(date(2026, 3, 15)), "{text}");
        }
        for bad in ["", "15-03", "31-02-2026", "2026", "gisteren", "15-03-26"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_and_amsterdam_instants() {
        assert_eq!(parse_time("14:05"), Some(jiff::civil::time(14, 5, 0, 0)));
        assert_eq!(parse_time("9.30"), Some(jiff::civil::time(9, 30, 0, 0)));
        assert_eq!(parse_time("25:00"), None);
        let at = amsterdam_instant(date(2026, 7, 1), jiff::civil::time(10, 0, 0, 0)).unwrap();
        assert_eq!(at.to_string(), "2026-07-01T08:00:00Z");
    }

    #[test]
    fn form_pairs_become_the_form_state_with_ticked_codes() {
        let pairs: FormPairs =
            serde_json::from_str(r#"[["norm","a"],["motivation","Zo"],["norm","b"],["other","x"]]"#).unwrap();
        let codes = pairs.codes("norm", |c| Some(if c == "a" { "norm-a" } else { "norm-b" }));
        let form = pairs.form_state(&["motivation", "missing"], codes);
        assert!(form.is("motivation", "Zo"));
        assert!(form.is("missing", ""));
        assert!(form.is("norm-a", "ja") && form.is("norm-b", "ja"));
        assert!(form.is("other", ""), "only the fields asked for");
    }

    #[test]
    fn form_state_finds_values_and_errors() {
        let mut f = FormState::default().with("channel", "phone");
        assert!(f.is("channel", "phone"));
        assert_eq!(f.value("missing"), "");
        f.error("description", "Vul dit in.");
        assert_eq!(f.error_for("description"), Some("Vul dit in."));
        assert!(f.has_errors());
    }
}

//! Charts for the insight dashboard and the annual report: server-rendered
//! SVG, no JavaScript, and always the same numbers as a table beside them.
//!
//! Every chart is plain data (`BarChart`, `ColumnChart`, `ShareBar`) with two
//! renderings from that one source, so the picture and the table cannot
//! drift apart: [`Chart::render`] (the SVG, for a page; [`Chart::svg`] bare)
//! and [`Chart::table`] (a [`Table`], which also feeds the CSV/XLSX export).
//!
//! Accessibility (WCAG 2.1 AA):
//! - `<svg role="img" aria-labelledby="…-title …-desc">` with a `<title>` and
//!   a `<desc>` that states the key numbers in Dutch, so a screen reader
//!   hears the message without the table;
//! - series differ in colour *and* pattern, values are printed at the bars,
//!   and a legend names every series (never colour alone, 1.4.1);
//! - the default colours have at least 3:1 contrast on white (1.4.11), a
//!   unit test checks them; organisations theme them with the
//!   `--gehoord-chart-color-N` custom properties in the stylesheet;
//! - text is 12 or 14 units in a 640-unit-wide `viewBox`; the stylesheet
//!   keeps a chart at least 36rem wide (scrolling sideways on a phone) so
//!   text never renders below 12px.
//!
//! A chart renders only the (wrapped) `<svg>`: the page gives it a heading
//! and puts `table().render()` beside it. Without data it renders the
//! sentence [`NO_DATA`] instead of an empty frame.

mod bar;
mod column;
mod share;
mod svg;
mod table;
#[cfg(test)]
mod tests;

use std::fmt;

pub use bar::BarChart;
pub use column::{ColumnChart, Series};
pub use share::ShareBar;
pub use table::{Cell, Table};

/// What a chart or table shows when there is nothing to count.
pub const NO_DATA: &str = "Geen gegevens in deze periode.";

/// Finished HTML/SVG markup, built here from escaped parts only. Askama
/// writes it as is (no double escaping); nothing outside this module can
/// construct one, so a template cannot smuggle unescaped text through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup(String);

impl Markup {
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Markup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Markup {}

/// A chart: one set of numbers, drawn and tabulated.
pub trait Chart {
    /// The bare accessible `<svg>`, or `None` when there is nothing to
    /// draw. For embedding elsewhere (the PDF report); pages use
    /// [`Chart::render`].
    fn svg(&self) -> Option<Markup>;
    /// The same numbers as a table, for beside the chart and for export.
    fn table(&self) -> Table;
    /// The Dutch text of the chart's `<desc>`: what it shows and its key
    /// numbers.
    fn description(&self) -> String;

    /// For a page: the SVG in a wrapper that scrolls sideways on narrow
    /// screens (so its text keeps a readable size), or the [`NO_DATA`]
    /// sentence. The wrapper takes keyboard focus, so keyboard users can
    /// scroll it too (WCAG 2.1.1).
    fn render(&self) -> Markup {
        match self.svg() {
            Some(svg) => Markup(format!(r#"<div class="gehoord-chart-figure" tabindex="0">{svg}</div>"#)),
            None => svg::no_data(),
        }
    }
}

/// What is counted, in the singular and plural ("1 klacht", "2 klachten"),
/// for descriptions, tooltips and the table's column header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub one: &'static str,
    pub many: &'static str,
}

impl Unit {
    pub const COMPLAINTS: Self = Self { one: "klacht", many: "klachten" };
    pub const PARTS: Self = Self { one: "klachtonderdeel", many: "klachtonderdelen" };
    pub const DAYS: Self = Self { one: "dag", many: "dagen" };

    /// "1 klacht", "1.234 klachten".
    #[must_use]
    pub fn count(self, n: u64) -> String {
        format!("{} {}", count(n), if n == 1 { self.one } else { self.many })
    }

    /// The header of the value column: "Aantal klachten".
    #[must_use]
    pub fn header(self) -> String {
        format!("Aantal {}", self.many)
    }
}

/// A whole number as Dutch readers write it: `1234567` → "1.234.567".
#[must_use]
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with one decimal, Dutch style: `1234.56` → "1.234,6".
/// Not a number (NaN, infinite) shows as "–".
#[must_use]
pub fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let tenths = (value.abs() * 10.0).round();
    // Rounded, finite and non-negative; counts and days stay far below 2^53.
    let tenths = tenths as u64;
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{},{}", count(tenths / 10), tenths % 10)
}

/// A fraction as a whole percentage, rounded half up: `0.705` → "71%".
#[must_use]
pub fn percent(fraction: f64) -> String {
    match whole_percent(fraction) {
        Some(p) => format!("{p}%"),
        None => "–".to_owned(),
    }
}

/// `fraction` (0.0–1.0) as a rounded whole percentage; `None` if not a
/// number. Nudged by a tiny epsilon so 0.285 (stored as 0.28499…) rounds
/// to 29, as it would on paper.
fn whole_percent(fraction: f64) -> Option<u64> {
    if !fraction.is_finite() {
        return None;
    }
    let p = (fraction.max(0.0) * 100.0 + 1e-9).round();
    Some(p as u64)
}

/// `part / whole`, or 0 of nothing.
fn fraction(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { to_f64(part) / to_f64(whole) }
}

fn to_f64(n: u64) -> f64 {
    n as f64
}

//! The numbers of a chart (or any list) as a table: rendered as accessible
//! HTML beside the chart, and exported to CSV and XLSX by `crate::export`.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{Markup, NO_DATA, svg::escape};

/// One value in a table. The kind decides how it is shown (Dutch number
/// formatting, right-aligned) and how it is exported (a number stays a
/// number in Excel, a date a date).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A whole count, shown as "1.234".
    Count(u64),
    /// A measured value shown with one decimal, "12,5" (median days, an
    /// average score).
    Decimal(f64),
    /// A share as a fraction from 0.0 to 1.0, shown as a whole percentage
    /// "70%". Exported as the fraction, so Excel can compute with it.
    Percent(f64),
    /// A civil date, shown as "08-04-2026".
    Date(Date),
    /// No value (shown as an empty cell, not as 0).
    Empty,
}

impl Cell {
    /// Counts, decimals and percentages line up on the right.
    #[must_use]
    pub fn is_numeric(&self) -> bool {
        matches!(self, Self::Count(_) | Self::Decimal(_) | Self::Percent(_))
    }

    /// The value as people read it on the page.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Count(n) => super::count(*n),
            Self::Decimal(value) => super::decimal(*value),
            Self::Percent(fraction) => super::percent(*fraction),
            Self::Date(date) => crate::view::short_civil_date(*date),
            Self::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Self::Count(n)
    }
}

impl From<Date> for Cell {
    fn from(date: Date) -> Self {
        Self::Date(date)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Empty, Into::into)
    }
}

/// A table with a caption, column headers and rows. The first cell of each
/// row is its row header (`<th scope="row">`): the category, the month, the
/// case reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Says what the table shows; also the export's sheet name.
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    #[must_use]
    pub fn new(caption: impl Into<String>, columns: Vec<String>) -> Self {
        Self { caption: caption.into(), columns, rows: Vec::new() }
    }

    /// The table as HTML, in a wrapper that scrolls sideways on narrow
    /// screens; without rows, the [`NO_DATA`] sentence under the caption.
    #[must_use]
    pub fn render(&self) -> Markup {
        let mut out = String::new();
        if self.rows.is_empty() {
            let _ = write!(
                out,
                r#"<p class="gehoord-chart__empty"><span class="visually-hidden">{}: </span>{NO_DATA}</p>"#,
                escape(&self.caption)
            );
            return Markup(out);
        }
        // A column is numeric when its cells are: its header aligns with them.
        let numeric: Vec<bool> = (0..self.columns.len())
            .map(|c| {
                self.rows.iter().filter_map(|row| row.get(c)).any(Cell::is_numeric)
                    && self
                        .rows
                        .iter()
                        .filter_map(|row| row.get(c))
                        .all(|cell| cell.is_numeric() || *cell == Cell::Empty)
            })
            .collect();
        let align = |c: usize| if numeric.get(c).copied().unwrap_or(false) { r#" class="table__numeric""# } else { "" };
        let _ = write!(
            out,
            r#"<div class="table-wrapper" tabindex="0"><table class="table gehoord-chart-table"><caption>{}</caption><thead><tr>"#,
            escape(&self.caption)
        );
        for (c, header) in self.columns.iter().enumerate() {
            let _ = write!(out, r#"<th scope="col"{}>{}</th>"#, align(c), escape(header));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            out.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                let class = if cell.is_numeric() { r#" class="table__numeric""# } else { "" };
                let tag = if c == 0 { r#"th scope="row""# } else { "td" };
                let end = if c == 0 { "th" } else { "td" };
                let _ = write!(out, "<{tag}{class}>{}</{end}>", escape(&cell.display()));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div>");
        Markup(out)
    }
}

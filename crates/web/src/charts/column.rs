//! Columns over time (volumes per month), stacked when there is more than
//! one series (per channel, per category), with a legend.

use std::fmt::Write as _;

use super::{
    Cell, Chart, Markup, Table, Unit,
    bar::with_stop,
    svg::{self, AXIS_COLOUR, FONT, SMALL_FONT, WIDTH, escape, n},
};

const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 24.0;
const PLOT_HEIGHT: f64 = 220.0;
/// Below the plot: the period labels.
const AXIS_ROOM: f64 = 28.0;
const LEGEND_ROW: f64 = 24.0;
/// Series names longer than this are cut in the legend (in full in the table).
const LEGEND_CHARS: usize = 40;
const GRID_COLOUR: &str = "#d0d0d0";

/// One series of a [`ColumnChart`]: its name (legend, table header) and one
/// value per period. Missing values count as 0; extra ones are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<u64>,
}

/// Columns per period, stacked by series.
///
/// ```ignore
/// let chart = ColumnChart {
///     id: "volume".into(),
///     title: "Klachten per maand".into(),
///     description: "Ontvangen klachten per maand, per kanaal.".into(),
///     period_header: "Maand".into(),
///     unit: Unit::COMPLAINTS,
///     periods: vec!["jan 2026".into(), "feb 2026".into()],
///     series: vec![
///         Series { name: "Webformulier".into(), values: vec![40, 52] },
///         Series { name: "Telefoon".into(), values: vec![12, 9] },
///     ],
/// };
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChart {
    /// Prefix for the ids inside the SVG; unique on the page.
    pub id: String,
    pub title: String,
    /// One sentence on what is counted; the key numbers are added to it.
    pub description: String,
    /// Header of the period column in the table ("Maand", "Week").
    pub period_header: String,
    pub unit: Unit,
    /// Period labels, oldest first ("jan 2026").
    pub periods: Vec<String>,
    /// One series draws plain columns; more are stacked in this order
    /// from the bottom, with a legend.
    pub series: Vec<Series>,
}

impl ColumnChart {
    fn value(&self, series: usize, period: usize) -> u64 {
        self.series.get(series).and_then(|s| s.values.get(period)).copied().unwrap_or(0)
    }

    fn total(&self, period: usize) -> u64 {
        (0..self.series.len()).map(|s| self.value(s, period)).sum()
    }

    fn stacked(&self) -> bool {
        self.series.len() > 1
    }
}

/// A round step for about four grid lines: 1, 2 or 5 times a power of ten.
pub(super) fn step_for(max: u64) -> u64 {
    let rough = max.div_ceil(4).max(1);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= rough {
        magnitude *= 10;
    }
    [1, 2, 5, 10].into_iter().map(|f| f * magnitude).find(|step| *step >= rough).unwrap_or(10 * magnitude)
}

impl Chart for ColumnChart {
    fn svg(&self) -> Option<Markup> {
        if self.periods.is_empty() || self.series.is_empty() {
            return None;
        }
        let id = svg::id_prefix(&self.id);
        let count = self.periods.len();
        let max = (0..count).map(|p| self.total(p)).max().unwrap_or(0);
        let step = step_for(max);
        let top_value = max.div_ceil(step).max(1) * step;
        let plot_width = WIDTH - LEFT - RIGHT;
        let slot = plot_width / super::to_f64(count as u64);
        let column = (slot * 0.7).min(48.0);
        let scale = |v: u64| PLOT_HEIGHT * super::fraction(v, top_value);
        let base = TOP + PLOT_HEIGHT;

        // The legend flows in rows under the axis labels.
        let mut legend = Vec::new();
        if self.stacked() {
            let (mut x, mut y) = (LEFT, base + AXIS_ROOM + 8.0);
            for (i, series) in self.series.iter().enumerate() {
                let name = svg::truncate(&series.name, LEGEND_CHARS);
                let width = 22.0 + svg::text_width(&name, FONT) + 20.0;
                if x > LEFT && x + width > WIDTH {
                    x = LEFT;
                    y += LEGEND_ROW;
                }
                legend.push((i, name, x, y));
                x += width;
            }
        }
        let height = legend.last().map_or(base + AXIS_ROOM, |(_, _, _, y)| y + LEGEND_ROW);

        let mut out = String::new();
        let patterns = self.series.len();
        svg::open(&mut out, &id, "column", height, &self.title, &self.description(), patterns);

        // Grid lines with their values: 0, step, 2×step … top.
        let mut tick = 0;
        while tick <= top_value {
            let y = base - scale(tick);
            let colour = if tick == 0 { AXIS_COLOUR } else { GRID_COLOUR };
            let _ = write!(
                out,
                r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="1" class="gehoord-chart__{}"/>"#,
                n(LEFT),
                n(WIDTH - RIGHT),
                if tick == 0 { "axis" } else { "grid" },
                y = n(y),
            );
            svg::text(&mut out, LEFT - 6.0, y + SMALL_FONT * 0.35, "end", SMALL_FONT, &super::count(tick));
            tick += step;
        }

        // Every k-th period label, so labels never overlap.
        let widest = self.periods.iter().map(|p| svg::text_width(p, SMALL_FONT)).fold(0.0, f64::max) + 6.0;
        let every = usize::try_from((widest / slot).ceil() as u64).unwrap_or(1).max(1);
        let totals_fit = self
            .periods
            .iter()
            .enumerate()
            .all(|(p, _)| svg::text_width(&super::count(self.total(p)), SMALL_FONT) + 4.0 <= slot);

        for p in 0..count {
            let x = LEFT + slot * super::to_f64(p as u64) + (slot - column) / 2.0;
            let centre = x + column / 2.0;
            let total = self.total(p);
            let _ = write!(out, r#"<g class="gehoord-chart__column"><title>{}</title>"#, escape(&self.tooltip(p)));
            let mut bottom = base;
            for s in 0..self.series.len() {
                let height = scale(self.value(s, p));
                if height > 0.0 {
                    let _ = write!(
                        out,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" stroke-width="1" {}/>"#,
                        n(x),
                        n(bottom - height),
                        n(column),
                        n(height),
                        svg::series_paint(&id, s)
                    );
                    bottom -= height;
                }
            }
            if totals_fit {
                svg::text(&mut out, centre, base - scale(total) - 5.0, "middle", SMALL_FONT, &super::count(total));
            }
            if p % every == 0 {
                svg::text(&mut out, centre, base + 18.0, "middle", SMALL_FONT, &self.periods[p]);
            }
            out.push_str("</g>");
        }

        for (i, name, x, y) in legend {
            svg::swatch(&mut out, &id, i, x, y);
            svg::text(&mut out, x + 20.0, y + 12.0, "start", FONT, &name);
        }
        svg::close(&mut out);
        Some(Markup(out))
    }

    fn table(&self) -> Table {
        let mut columns = vec![self.period_header.clone()];
        if self.stacked() {
            columns.extend(self.series.iter().map(|s| s.name.clone()));
            columns.push("Totaal".to_owned());
        } else {
            columns.push(self.unit.header());
        }
        let rows = (0..self.periods.len())
            .map(|p| {
                let mut row = vec![Cell::Text(self.periods[p].clone())];
                if self.stacked() {
                    row.extend((0..self.series.len()).map(|s| Cell::Count(self.value(s, p))));
                }
                row.push(Cell::Count(self.total(p)));
                row
            })
            .collect();
        Table { caption: self.title.clone(), columns, rows }
    }

    /// "… Totaal 113 klachten. Meeste in feb 2026: 61. Minste in jan 2026:
    /// 52. Per reeks: Webformulier 92 en Telefoon 21."
    fn description(&self) -> String {
        let mut text = with_stop(&self.description);
        let totals: Vec<u64> = (0..self.periods.len()).map(|p| self.total(p)).collect();
        let sum: u64 = totals.iter().sum();
        let _ = write!(text, "Totaal {}.", self.unit.count(sum));
        // The first period with the most and the first with the least.
        let most = totals.iter().enumerate().rev().max_by_key(|(_, t)| **t);
        let least = totals.iter().enumerate().min_by_key(|(_, t)| **t);
        if let (Some((hi, hi_n)), Some((lo, lo_n))) = (most, least)
            && totals.len() > 1
        {
            let _ = write!(
                text,
                " Meeste in {}: {}. Minste in {}: {}.",
                self.periods[hi],
                super::count(*hi_n),
                self.periods[lo],
                super::count(*lo_n)
            );
        }
        if self.stacked() {
            let per_series: Vec<String> = self
                .series
                .iter()
                .enumerate()
                .map(|(s, series)| {
                    let n: u64 = (0..self.periods.len()).map(|p| self.value(s, p)).sum();
                    format!("{} {}", series.name, super::count(n))
                })
                .collect();
            let _ = write!(text, " Per reeks: {}.", svg::dutch_list(&per_series));
        }
        text
    }
}

impl ColumnChart {
    /// "feb 2026: 61 klachten (Webformulier 52, Telefoon 9)".
    fn tooltip(&self, period: usize) -> String {
        let mut text = format!("{}: {}", self.periods[period], self.unit.count(self.total(period)));
        if self.stacked() {
            let parts: Vec<String> = self
                .series
                .iter()
                .enumerate()
                .map(|(s, series)| format!("{} {}", series.name, super::count(self.value(s, period))))
                .collect();
            let _ = write!(text, " ({})", parts.join(", "));
        }
        text
    }
}

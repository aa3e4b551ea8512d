//! One bar divided into parts of a whole: "70% within the legal term",
//! outcomes (gegrond / ongegrond / geen oordeel), the ladder step reached.

use std::fmt::Write as _;

use super::{
    Cell, Chart, Markup, Table, Unit,
    bar::with_stop,
    svg::{self, FONT, WIDTH, escape, n},
};

const BAR_HEIGHT: f64 = 36.0;
const LEGEND_TOP: f64 = BAR_HEIGHT + 14.0;
const LEGEND_ROW: f64 = 26.0;

/// A whole split into parts, drawn as one 100% bar with a legend that
/// prints each part's count and percentage.
///
/// ```ignore
/// let chart = ShareBar {
///     id: "termijn".into(),
///     title: "Binnen de wettelijke termijn".into(),
///     description: "Formele klachten die in 2026 zijn afgehandeld.".into(),
///     label_header: "Afhandeling".into(),
///     unit: Unit::COMPLAINTS,
///     parts: vec![("Binnen de termijn".into(), 140), ("Te laat".into(), 60)],
/// };
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareBar {
    /// Prefix for the ids inside the SVG; unique on the page.
    pub id: String,
    pub title: String,
    /// One sentence on what the whole is; the key numbers are added to it.
    pub description: String,
    /// Header of the label column in the table ("Afhandeling", "Oordeel").
    pub label_header: String,
    pub unit: Unit,
    /// The parts, left to right; together they are the whole.
    pub parts: Vec<(String, u64)>,
}

impl ShareBar {
    fn whole(&self) -> u64 {
        self.parts.iter().map(|(_, v)| *v).sum()
    }

    fn share(&self, value: u64) -> f64 {
        super::fraction(value, self.whole())
    }
}

impl Chart for ShareBar {
    fn svg(&self) -> Option<Markup> {
        let whole = self.whole();
        if whole == 0 {
            return None;
        }
        let id = svg::id_prefix(&self.id);
        let height = LEGEND_TOP + LEGEND_ROW * super::to_f64(self.parts.len() as u64);
        let mut out = String::new();
        svg::open(&mut out, &id, "share", height, &self.title, &self.description(), self.parts.len());
        let mut x = 0.0;
        for (i, (label, value)) in self.parts.iter().enumerate() {
            let width = WIDTH * self.share(*value);
            if width > 0.0 {
                let _ = write!(
                    out,
                    r#"<g class="gehoord-chart__part"><title>{}</title><rect x="{}" y="1" width="{}" height="{}" stroke-width="1" {}/></g>"#,
                    escape(&self.legend_text(label, *value)),
                    n(x),
                    n(width),
                    n(BAR_HEIGHT - 2.0),
                    svg::series_paint(&id, i)
                );
                x += width;
            }
        }
        for (i, (label, value)) in self.parts.iter().enumerate() {
            let y = LEGEND_TOP + LEGEND_ROW * super::to_f64(i as u64);
            svg::swatch(&mut out, &id, i, 0.0, y);
            svg::text(&mut out, 22.0, y + 12.0, "start", FONT, &svg::truncate(&self.legend_text(label, *value), 80));
        }
        svg::close(&mut out);
        Some(Markup(out))
    }

    fn table(&self) -> Table {
        let mut rows: Vec<Vec<Cell>> = self
            .parts
            .iter()
            .map(|(label, value)| {
                vec![Cell::Text(label.clone()), Cell::Count(*value), Cell::Percent(self.share(*value))]
            })
            .collect();
        if !rows.is_empty() {
            let whole = self.whole();
            let all = if whole == 0 { Cell::Empty } else { Cell::Percent(1.0) };
            rows.push(vec![Cell::Text("Totaal".to_owned()), Cell::Count(whole), all]);
        }
        Table {
            caption: self.title.clone(),
            columns: vec![self.label_header.clone(), self.unit.header(), "Aandeel".to_owned()],
            rows,
        }
    }

    /// "… Van de 200 klachten: Binnen de termijn 140 (70%) en Te laat 60
    /// (30%)."
    fn description(&self) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(label, value)| format!("{label} {} ({})", super::count(*value), super::percent(self.share(*value))))
            .collect();
        format!(
            "{}Van de {}: {}.",
            with_stop(&self.description),
            self.unit.count(self.whole()),
            svg::dutch_list(&parts)
        )
    }
}

impl ShareBar {
    /// "Binnen de termijn: 140 (70%)".
    fn legend_text(&self, label: &str, value: u64) -> String {
        format!("{label}: {} ({})", super::count(value), super::percent(self.share(value)))
    }
}

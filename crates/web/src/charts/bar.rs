//! Horizontal bars: one count per label, for rankings such as "the norms
//! most often violated" or "complaints per department".

use std::fmt::Write as _;

use super::{
    Cell, Chart, Markup, Table, Unit,
    svg::{self, AXIS_COLOUR, FONT, WIDTH, escape, n},
};

/// Labels longer than this are cut with "…" (full text in the tooltip and
/// in the table).
const LABEL_CHARS: usize = 30;
const LABEL_RIGHT: f64 = 228.0;
const BAR_LEFT: f64 = 236.0;
/// Room right of the longest bar for its value.
const VALUE_ROOM: f64 = 72.0;
const ROW: f64 = 32.0;
const BAR_HEIGHT: f64 = 20.0;
const PAD: f64 = 8.0;

/// Horizontal bars in the order given (sort before, e.g. most first).
///
/// ```ignore
/// let chart = BarChart {
///     id: "normen".into(),
///     title: "Meest geschonden behoorlijkheidsnormen".into(),
///     description: "Gegronde klachtonderdelen per norm in 2026.".into(),
///     label_header: "Norm".into(),
///     unit: Unit::PARTS,
///     bars: vec![("Luisteren naar de burger".into(), 12), ("Voortvarendheid".into(), 7)],
/// };
/// let svg = chart.render();   // in the template: {{ svg }}
/// let table = chart.table();  // beside it: {{ table.render() }}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    /// Prefix for the ids inside the SVG; unique on the page.
    pub id: String,
    pub title: String,
    /// One sentence on what is counted; the key numbers are added to it.
    pub description: String,
    /// Header of the label column in the table ("Norm", "Afdeling").
    pub label_header: String,
    pub unit: Unit,
    pub bars: Vec<(String, u64)>,
}

impl Chart for BarChart {
    fn svg(&self) -> Option<Markup> {
        if self.bars.is_empty() {
            return None;
        }
        let id = svg::id_prefix(&self.id);
        let max = self.bars.iter().map(|(_, v)| *v).max().unwrap_or(0);
        let span = WIDTH - BAR_LEFT - VALUE_ROOM;
        let height = PAD * 2.0 + ROW * super::to_f64(self.bars.len() as u64);
        let mut out = String::new();
        svg::open(&mut out, &id, "bar", height, &self.title, &self.description(), 1);
        for (i, (label, value)) in self.bars.iter().enumerate() {
            let top = PAD + ROW * super::to_f64(i as u64);
            let middle = top + ROW / 2.0 + FONT * 0.35;
            let length = if max == 0 { 0.0 } else { span * super::fraction(*value, max) };
            let _ = write!(
                out,
                r#"<g class="gehoord-chart__bar"><title>{}: {}</title>"#,
                escape(label),
                escape(&self.unit.count(*value))
            );
            svg::text(&mut out, LABEL_RIGHT, middle, "end", FONT, &svg::truncate(label, LABEL_CHARS));
            if length > 0.0 {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" stroke-width="1" {}/>"#,
                    n(BAR_LEFT),
                    n(top + (ROW - BAR_HEIGHT) / 2.0),
                    n(length),
                    n(BAR_HEIGHT),
                    svg::series_paint(&id, 0)
                );
            }
            svg::text(&mut out, BAR_LEFT + length + 6.0, middle, "start", FONT, &super::count(*value));
            out.push_str("</g>");
        }
        // The baseline the bars grow from.
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{AXIS_COLOUR}" stroke-width="1" class="gehoord-chart__axis"/>"#,
            x = n(BAR_LEFT),
            y1 = n(PAD / 2.0),
            y2 = n(height - PAD / 2.0),
        );
        svg::close(&mut out);
        Some(Markup(out))
    }

    fn table(&self) -> Table {
        Table {
            caption: self.title.clone(),
            columns: vec![self.label_header.clone(), self.unit.header()],
            rows: self.bars.iter().map(|(label, value)| vec![Cell::Text(label.clone()), Cell::Count(*value)]).collect(),
        }
    }

    /// "… Totaal 19 klachtonderdelen. Luisteren naar de burger: 12,
    /// Voortvarendheid: 7." With more than eight bars the rest is left to
    /// the table.
    fn description(&self) -> String {
        let total: u64 = self.bars.iter().map(|(_, v)| *v).sum();
        let shown: Vec<String> =
            self.bars.iter().take(8).map(|(label, value)| format!("{label}: {}", super::count(*value))).collect();
        let mut text = with_stop(&self.description);
        let _ = write!(text, "Totaal {}. {}.", self.unit.count(total), svg::dutch_list(&shown));
        if self.bars.len() > 8 {
            let _ = write!(text, " En nog {} andere; zie de tabel.", self.bars.len() - 8);
        }
        text
    }
}

/// The caller's sentence, ending in a full stop and a space, or nothing.
pub(super) fn with_stop(sentence: &str) -> String {
    let sentence = sentence.trim();
    if sentence.is_empty() {
        String::new()
    } else if sentence.ends_with(['.', '!', '?']) {
        format!("{sentence} ")
    } else {
        format!("{sentence}. ")
    }
}

//! The parts every chart shares: escaping, ids, the frame with title and
//! description, the series styles (colour plus pattern) and label fitting.

use std::fmt::Write as _;

/// Width of every chart's `viewBox`; heights follow the content.
pub const WIDTH: f64 = 640.0;
/// Body text size in `viewBox` units.
pub const FONT: f64 = 14.0;
/// Small text (axis ticks, totals above columns).
pub const SMALL_FONT: f64 = 12.0;
/// Text colour (17:1 on white) and the axis colour (5.3:1); the stylesheet
/// may override both through classes.
pub const TEXT_COLOUR: &str = "#1a1a1a";
pub const AXIS_COLOUR: &str = "#6b6b6b";

/// The default series colours, each at least 3:1 on white (WCAG 1.4.11;
/// checked by a test), and the stylesheet's custom properties that theme
/// them (`--gehoord-chart-color-1` …).
pub const PALETTE: [&str; 6] = ["#154273", "#b34700", "#00707a", "#7a2e8e", "#2e7d32", "#8a6d00"];

/// How many series styles there are; more series repeat them (group the
/// smallest into "Overig" before that happens).
const PATTERNS: usize = PALETTE.len();

/// Text for HTML and SVG alike: `& < > " '` escaped, and control
/// characters that XML forbids dropped (so the SVG also parses as XML, e.g.
/// in the PDF report).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An id prefix made safe for `id` and `url(#…)`: ASCII letters, digits and
/// dashes, starting with a letter.
pub fn id_prefix(id: &str) -> String {
    let cleaned: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' }).collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) { cleaned } else { format!("chart-{cleaned}") }
}

/// A number in the `viewBox` with at most one decimal: short output, and
/// stable snapshots.
pub fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

/// A generous width of `text` at `font` size: digits and the average
/// glyph of a sans serif are about 0.55 em; 0.6 leaves room. Used to fit
/// labels, never for exact layout.
pub fn text_width(text: &str, font: f64) -> f64 {
    super::to_f64(text.chars().count() as u64) * font * 0.6
}

/// `label` cut to `max_chars` with an ellipsis; the full label goes into
/// the element's `<title>` so it stays available.
pub fn truncate(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The opening `<svg>` with its accessible name and description, and the
/// pattern definitions of the first `series` series.
pub fn open(out: &mut String, id: &str, kind: &str, height: f64, title: &str, description: &str, series: usize) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="gehoord-chart gehoord-chart--{kind}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" font-family="Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif" font-size="{font}"><title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>"#,
        w = n(WIDTH),
        h = n(height),
        font = n(FONT),
        title = escape(title),
        description = escape(description),
    );
    if series > 0 {
        out.push_str("<defs>");
        for i in 0..series.min(PATTERNS) {
            pattern(out, id, i);
        }
        out.push_str("</defs>");
    }
}

pub fn close(out: &mut String) {
    out.push_str("</svg>");
}

/// Series `i`'s pattern: its colour with white marks that differ per
/// series (none, diagonal stripes, dots, cross-hatch, horizontal and
/// vertical lines), so series differ without colour too, also in print.
fn pattern(out: &mut String, id: &str, i: usize) {
    let colour = PALETTE[i];
    let class = i + 1;
    let marks = match i {
        0 => "",
        1 => r##"<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="2"/>"##,
        2 => r##"<circle cx="4" cy="4" r="1.8" fill="#fff"/>"##,
        3 => r##"<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.5"/>"##,
        4 => r##"<path d="M0,4 H8" stroke="#fff" stroke-width="2"/>"##,
        _ => r##"<path d="M4,0 V8" stroke="#fff" stroke-width="2"/>"##,
    };
    let _ = write!(
        out,
        r#"<pattern id="{id}-pattern-{class}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" class="gehoord-chart__fill--{class}" fill="{colour}"/>{marks}</pattern>"#,
    );
}

/// The `fill` and `stroke` attributes of series `i`: its pattern, and a
/// solid outline in its colour so the shape's edge keeps full contrast.
pub fn series_paint(id: &str, i: usize) -> String {
    let slot = i % PATTERNS;
    format!(
        r#"fill="url(#{id}-pattern-{class})" stroke="{colour}" class="gehoord-chart__stroke--{class}""#,
        class = slot + 1,
        colour = PALETTE[slot],
    )
}

/// A legend swatch (14×14) for series `i` at (`x`, `y`).
pub fn swatch(out: &mut String, id: &str, i: usize, x: f64, y: f64) {
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="14" height="14" stroke-width="1" {paint}/>"#,
        x = n(x),
        y = n(y),
        paint = series_paint(id, i),
    );
}

/// A `<text>` element; `anchor` is `start`, `middle` or `end`.
pub fn text(out: &mut String, x: f64, y: f64, anchor: &str, font: f64, content: &str) {
    let size = if (font - FONT).abs() < f64::EPSILON { String::new() } else { format!(r#" font-size="{}""#, n(font)) };
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" text-anchor="{anchor}"{size} fill="{TEXT_COLOUR}" class="gehoord-chart__text">{content}</text>"#,
        x = n(x),
        y = n(y),
        content = escape(content),
    );
}

/// The sentence shown instead of a chart without data.
pub fn no_data() -> super::Markup {
    super::Markup(format!(r#"<p class="gehoord-chart__empty">{}</p>"#, super::NO_DATA))
}

/// "a, b en c".
pub fn dutch_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

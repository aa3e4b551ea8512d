//! Reports as PDF (the annual report of Awb 9:12a): a plain document model
//! of headed sections with paragraphs and tables, typeset with the same
//! fonts and house style as the letters, tagged (PDF/UA-1) so headings and
//! table headers reach a screen reader.
//!
//! The web layer renders the same [`Document`] as HTML, so the published
//! page and the PDF cannot say different things.

use std::fmt::Write as _;

use gehoord_domain::letter::Branding;

use crate::{LetterWorld, RenderError, compile_pdf, lines_markup, literal};

/// A report: a title page heading and sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Under the title: the period, the organisation.
    pub subtitle: String,
    /// The day the report was made (the PDF's date).
    pub date: jiff::civil::Date,
    pub sections: Vec<Section>,
}

/// A section under a level-2 heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// What a section holds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A bulleted list.
    List(Vec<String>),
    Table(Table),
}

/// A table: caption, column headers, rows of text; numeric columns are
/// right-aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    /// Per column: right-aligned numbers.
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

/// The report as a tagged PDF in the organisation's house style.
///
/// # Errors
/// When typst reports an error (a bug in the generated source).
pub fn render_report_pdf(document: &Document, branding: &Branding) -> Result<Vec<u8>, RenderError> {
    let world = LetterWorld::new(source(document, branding), document.date, branding.logo.as_ref());
    compile_pdf(&world)
}

fn source(d: &Document, branding: &Branding) -> String {
    let mut s = String::new();
    let title = literal(&d.title);
    let _ = writeln!(s, "#set document(title: {title}, author: {})", literal(&branding.organisation));
    s.push_str("#set page(paper: \"a4\", margin: (x: 22mm, top: 20mm, bottom: 22mm), numbering: \"1\")\n");
    s.push_str("#set text(lang: \"nl\", region: \"NL\", font: \"Libertinus Serif\", size: 11pt)\n");
    s.push_str("#set par(justify: false, leading: 0.75em, spacing: 1em)\n");
    s.push_str("#set table(stroke: (x, y) => if y == 0 { (bottom: 0.8pt) } else { (bottom: 0.3pt + luma(180)) }, inset: 5pt)\n");
    s.push_str("#show heading.where(level: 2): set text(size: 13pt)\n");
    if let Some(logo) = &branding.logo {
        let _ = writeln!(
            s,
            "#image({}, height: 16mm, alt: {})",
            literal(&crate::logo_path(logo)),
            literal(&format!("Logo van {}", branding.organisation))
        );
    }
    let _ = writeln!(s, "#heading(level: 1, text(size: 18pt)[#{title}])");
    let _ = writeln!(s, "#text(size: 12pt)[{}]\n", lines_markup(&d.subtitle));
    for section in &d.sections {
        let _ = writeln!(s, "\n#heading(level: 2)[#{}]", literal(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    let _ = writeln!(s, "\n#{}\n", literal(text.trim()));
                }
                Block::List(items) => {
                    for item in items {
                        let _ = writeln!(s, "- #{}", literal(item.trim()));
                    }
                    s.push('\n');
                }
                Block::Table(t) => table(&mut s, t),
            }
        }
    }
    s
}

fn table(s: &mut String, t: &Table) {
    if t.rows.is_empty() {
        let _ = writeln!(s, "\n#emph[#{}]: geen gegevens.\n", literal(&t.caption));
        return;
    }
    let align: Vec<&str> = (0..t.columns.len())
        .map(|c| if t.numeric.get(c).copied().unwrap_or(false) { "right" } else { "left" })
        .collect();
    let _ = writeln!(s, "\n#figure(kind: table, caption: figure.caption(position: top)[#{}],", literal(&t.caption));
    let _ = writeln!(s, "table(columns: {}, align: ({},),", t.columns.len(), align.join(", "));
    let headers: Vec<String> = t.columns.iter().map(|h| format!("[#strong[#{}]]", literal(h))).collect();
    let _ = writeln!(s, "table.header({}),", headers.join(", "));
    for row in &t.rows {
        let cells: Vec<String> =
            (0..t.columns.len()).map(|c| format!("[#{}]", literal(row.get(c).map_or("", String::as_str)))).collect();
        let _ = writeln!(s, "{},", cells.join(", "));
    }
    s.push_str("))\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Document {
        Document {
            title: "Jaarverslag klachten 2026".into(),
            subtitle: "Gemeente Voorbeeld\n1 januari tot en met 31 december 2026".into(),
            date: jiff::civil::date(2027, 1, 15),
            sections: vec![Section {
                heading: "Ontvangen klachten".into(),
                blocks: vec![
                    Block::Paragraph("In 2026 kregen wij 1.234 klachten. Zie #tabel \"1\".".into()),
                    Block::List(vec!["Meer via het webformulier".into()]),
                    Block::Table(Table {
                        caption: "Klachten per kanaal".into(),
                        columns: vec!["Kanaal".into(), "Aantal".into()],
                        numeric: vec![false, true],
                        rows: vec![vec!["Webformulier".into(), "1.000".into()], vec!["Telefoon".into(), "234".into()]],
                    }),
                    Block::Table(Table {
                        caption: "Leeg".into(),
                        columns: vec!["A".into()],
                        numeric: vec![false],
                        rows: vec![],
                    }),
                ],
            }],
        }
    }

    #[test]
    fn a_report_typesets_to_a_tagged_pdf_with_its_text_as_data() {
        let branding = Branding { organisation: "Gemeente Voorbeeld".into(), ..Branding::default() };
        let source = source(&document(), &branding);
        assert!(source.contains(r#"#"In 2026 kregen wij 1.234 klachten. Zie #tabel \"1\".""#), "{source}");
        assert!(source.contains("table.header("));
        let pdf = render_report_pdf(&document(), &branding).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/StructTreeRoot"), "tagged");
    }
}

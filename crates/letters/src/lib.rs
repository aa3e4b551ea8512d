//! Letters as PDF, for post and the archive: typst typesets the checked
//! letter's blocks with embedded fonts into a tagged PDF (PDF/UA-1), so a
//! screen reader can read the archived letter too.
//!
//! This crate is separate because typst roughly doubles a cold build; only
//! the binary and the web layer depend on it.

mod report;

use std::{fmt::Write as _, sync::LazyLock};

pub use report::{Block as ReportBlock, Document, Section, Table as ReportTable, render_report_pdf};

pub use gehoord_domain::letter::Branding;
use gehoord_domain::{
    letter::{Block, Letter, Logo},
    time::LongDate,
};
use typst::{
    Library, LibraryExt as _, World,
    diag::{FileError, FileResult},
    foundations::{Bytes, Datetime},
    layout::PagedDocument,
    syntax::{FileId, Source, VirtualPath},
    text::{Font, FontBook},
    utils::LazyHash,
};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Why a letter could not be typeset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("typst: {0}")]
    Typst(String),
}

/// The letter as a PDF.
///
/// # Errors
/// When typst reports an error (a bug in the generated source).
pub fn render_pdf(letter: &Letter, branding: &Branding) -> Result<Vec<u8>, RenderError> {
    compile_pdf(&LetterWorld::new(source(letter, branding), letter.date, branding.logo.as_ref()))
}

/// Compiles a world's source to a tagged PDF (PDF/UA-1).
fn compile_pdf(world: &LetterWorld) -> Result<Vec<u8>, RenderError> {
    let document = typst::compile::<PagedDocument>(world).output.map_err(|errors| {
        RenderError::Typst(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| RenderError::Typst(e.to_string()))?;
    let options = PdfOptions { standards, ..PdfOptions::default() };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
        RenderError::Typst(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    });
    // typst memoises across compilations; in a long-running server the cache
    // would only grow. Keep what the last few letters used (as typst's own
    // watcher does), drop the rest.
    typst::comemo::evict(CACHE_GENERATIONS);
    pdf
}

/// How many renders an unused memoised result survives.
const CACHE_GENERATIONS: usize = 10;

/// A typst string literal: the text is data, never markup.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text of several lines as typst markup, each line a literal.
fn lines_markup(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("#{}", literal(l)))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Where the letter's source finds the logo; the extension tells typst
/// the format.
fn logo_path(logo: &Logo) -> String {
    format!("/logo.{}", logo.format.extension())
}

/// The typst source of a letter: letterhead, address, date and reference,
/// subject, the blocks as paragraphs, the signature.
fn source(letter: &Letter, branding: &Branding) -> String {
    let mut s = String::new();
    let title = literal(&letter.subject);
    let author = literal(&branding.organisation);
    let _ = writeln!(s, "#set document(title: {title}, author: {author})");
    s.push_str("#set page(paper: \"a4\", margin: (x: 25mm, top: 20mm, bottom: 25mm))\n");
    s.push_str("#set text(lang: \"nl\", region: \"NL\", font: \"Libertinus Serif\", size: 11.5pt)\n");
    s.push_str("#set par(justify: false, leading: 0.8em, spacing: 1.1em)\n");
    let logo = branding.logo.as_ref().map_or_else(
        || "[]".to_owned(),
        |logo| {
            format!(
                "image({}, height: 18mm, alt: {})",
                literal(&logo_path(logo)),
                literal(&format!("Logo van {}", branding.organisation))
            )
        },
    );
    let mut head = format!("#text(size: 14pt, weight: \"bold\")[#{author}]");
    for lines in [&branding.address, &branding.contact].into_iter().flatten() {
        let _ = write!(head, "\\\n#text(size: 9pt)[{}]", lines_markup(lines));
    }
    let _ = writeln!(s, "#grid(columns: (1fr, auto), align: (left + top, right + top), {logo}, [{head}])");
    s.push_str("#v(12mm)\n");
    let _ = writeln!(s, "#{}\\", literal(&letter.recipient.name));
    if let Some(address) = &letter.recipient.address {
        for line in address.split([',', '\n']).map(str::trim).filter(|l| !l.is_empty()) {
            let _ = writeln!(s, "#{}\\", literal(line));
        }
    }
    s.push_str("#v(10mm)\n");
    let _ = writeln!(
        s,
        "#grid(columns: (auto, 1fr), column-gutter: 6mm, row-gutter: 2mm, [Datum], [#{}], [Ons kenmerk], [#{}])",
        literal(&LongDate(letter.date).to_string()),
        literal(&letter.reference.to_string())
    );
    s.push_str("#v(6mm)\n");
    let _ = writeln!(s, "#heading(level: 1, text(size: 13pt)[#{title}])");
    for block in &letter.blocks {
        match block {
            Block::Signature { name, organisation } => {
                let _ = writeln!(
                    s,
                    "\nMet vriendelijke groet,\n\n#v(10mm)\n#{}\\\n{}",
                    literal(name),
                    lines_markup(organisation)
                );
            }
            Block::PartVerdict { verdict, text, .. } => {
                let _ = writeln!(
                    s,
                    "\n#strong[#{}] #{}\n",
                    literal(&format!("Oordeel: {}.", verdict.label().to_lowercase())),
                    literal(text.trim())
                );
            }
            other => {
                let _ = writeln!(s, "\n#{}\n", literal(other.text().trim()));
            }
        }
    }
    s
}

/// What every letter shares: the standard library and the embedded fonts,
/// parsed once per process rather than per letter.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
});

/// Just enough of a typst world for one letter: its source, the embedded
/// fonts, the logo, and the letter's date as "today".
struct LetterWorld {
    shared: &'static Shared,
    source: Source,
    today: jiff::civil::Date,
    logo: Option<(FileId, Bytes)>,
}

impl LetterWorld {
    fn new(text: String, today: jiff::civil::Date, logo: Option<&Logo>) -> Self {
        let id = FileId::new(None, VirtualPath::new("brief.typ"));
        Self {
            shared: &SHARED,
            source: Source::new(id, text),
            today,
            logo: logo.map(|l| (FileId::new(None, VirtualPath::new(logo_path(l))), Bytes::new(l.content.clone()))),
        }
    }
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match &self.logo {
            Some((logo, bytes)) if *logo == id => Ok(bytes.clone()),
            _ => Err(FileError::NotFound(id.vpath().as_rootless_path().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Datetime::from_ymd(
            i32::from(self.today.year()),
            self.today.month().cast_unsigned(),
            self.today.day().cast_unsigned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_data_never_markup() {
        assert_eq!(literal("Zie #art. 9:8 \"lid 3\" \\ *vet*"), "\"Zie #art. 9:8 \\\"lid 3\\\" \\\\ *vet*\"");
        assert_eq!(literal("regel\r\ntwee"), "\"regel\\ntwee\"");
    }
}

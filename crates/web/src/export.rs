//! Export of any list or dashboard table to CSV and Excel (XLSX), without
//! row limits (issue 7).
//!
//! Entry points: [`download`] for a [`Table`] that is already in memory (a
//! chart's numbers), [`download_tables`] for a whole dashboard in one file,
//! and [`download_rows`] for a stream of rows read page by page from the
//! store (a list of a million cases), which never holds all rows in memory.
//! [`write_csv`] and [`xlsx`] are the encoders underneath, for the CLI.
//!
//! CSV comes in two dialects, because its two audiences disagree:
//! - [`CsvDialect::Excel`]: what a Dutch Excel opens with a double click:
//!   `;` between fields (Dutch Excel takes `,` as the decimal sign), a
//!   decimal comma, a UTF-8 byte order mark (or Excel reads "é" as "Ã©"),
//!   and protection against formula injection: a text cell that starts with
//!   `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
//!   Excel shows it as text instead of running it (category names and
//!   free text are user data).
//! - [`CsvDialect::OpenData`]: RFC 4180 as machines read it, for open data
//!   (Woo): `,` between fields, a decimal point, no byte order mark, and the
//!   values exactly as they are (no apostrophes).
//!
//! Both: UTF-8, CRLF line ends, fields quoted only when needed (RFC 4180),
//! dates as ISO 8601 (`2026-04-08`), counts without thousands separators.
//!
//! XLSX is written with `rust_xlsxwriter` in its constant-memory mode (rows
//! go to a temporary file as they come): numbers as numbers, dates as
//! dates, a bold header row that stays in view, an autofilter and column
//! widths fitted to the first rows. Text cells are always text, never
//! formulas, so XLSX needs no apostrophes. Past Excel's 1,048,576 rows a
//! sheet continues on the next ("Klachten (2)"), header and all.

use std::{fmt::Display, io::Write, pin::Pin};

use axum::{
    body::{Body, Bytes},
    http::header,
    response::{IntoResponse, Response},
};
use futures_util::{Stream, StreamExt as _};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::{
    charts::{Cell, Table},
    error::PageError,
};

/// CSV for people with Excel, or CSV for machines; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvDialect {
    Excel,
    OpenData,
}

/// What the user asked to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    /// CSV for Dutch Excel ([`CsvDialect::Excel`]).
    Csv,
    /// CSV as open data ([`CsvDialect::OpenData`]).
    CsvOpenData,
}

impl ExportFormat {
    pub const ALL: [Self; 3] = [Self::Xlsx, Self::Csv, Self::CsvOpenData];

    /// From the URL code (`?formaat=xlsx`, `csv`, `csv-open-data`).
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.code() == code)
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::CsvOpenData => "csv-open-data",
        }
    }

    /// The Dutch name for a download link or a select option.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Xlsx => "Excel (.xlsx)",
            Self::Csv => "CSV voor Excel (.csv)",
            Self::CsvOpenData => "CSV als open data (.csv)",
        }
    }

    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv | Self::CsvOpenData => "csv",
        }
    }

    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv | Self::CsvOpenData => "text/csv; charset=utf-8; header=present",
        }
    }

    /// The CSV dialect, `None` for XLSX.
    #[must_use]
    pub fn csv_dialect(self) -> Option<CsvDialect> {
        match self {
            Self::Xlsx => None,
            Self::Csv => Some(CsvDialect::Excel),
            Self::CsvOpenData => Some(CsvDialect::OpenData),
        }
    }
}

/// Why an export could not be written; shown to users as a plain 500.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the XLSX failed: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("reading the rows failed: {0}")]
    Rows(String),
}

/// The table as a file download (`Content-Disposition: attachment`), named
/// `file_stem` plus the format's extension.
///
/// ```ignore
/// let table = chart.table();
/// Ok(export::download(&table, ExportFormat::Xlsx, "klachten-per-maand-2026"))
/// ```
#[must_use]
pub fn download(table: &Table, format: ExportFormat, file_stem: &str) -> Response {
    download_tables(std::slice::from_ref(table), format, file_stem)
}

/// Several tables (a whole dashboard) as one download: in XLSX one sheet
/// per table, named after its caption; in CSV the tables one after the
/// other, each as its caption on a line of its own, the header and the
/// rows, with an empty line between tables.
///
/// ```ignore
/// let tables: Vec<Table> = charts.iter().map(|c| c.table()).collect();
/// Ok(export::download_tables(&tables, ExportFormat::Csv, "inzicht-2026"))
/// ```
#[must_use]
pub fn download_tables(tables: &[Table], format: ExportFormat, file_stem: &str) -> Response {
    let body = match format.csv_dialect() {
        None => xlsx_tables(tables),
        Some(dialect) => csv_tables(tables, dialect),
    };
    match body {
        Ok(body) => attachment(format, file_stem, Body::from(body)),
        Err(e) => PageError::Internal(e.to_string()).into_response(),
    }
}

/// One CSV for one table (just header and rows) or several (see
/// [`download_tables`]).
fn csv_tables(tables: &[Table], dialect: CsvDialect) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    if let [table] = tables {
        write_csv(&mut out, &table.columns, &table.rows, dialect)?;
        return Ok(out);
    }
    if dialect == CsvDialect::Excel {
        out.extend_from_slice(BOM);
    }
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        // A writer per table: the empty line between them is no record.
        let mut encoder = CsvEncoder { writer: csv_writer(&mut out, dialect), dialect };
        encoder.writer.write_record([header_field(&table.caption, dialect)])?;
        encoder.header(&table.columns)?;
        for row in &table.rows {
            encoder.row(row)?;
        }
        encoder.writer.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

/// Rows read as they come, for exports too large to hold: CSV streams to
/// the client in chunks of about 64 KiB; XLSX is built on a blocking
/// thread in constant memory and sent when complete (a zip file cannot be
/// streamed before it is finished). The stream must own what it reads (a
/// `Store` clone with keyset paging, say), as the response outlives the
/// handler.
///
/// A failing row stream answers 500 for XLSX; for CSV, whose first bytes
/// may already be on their way, it breaks off the download, so a client
/// never mistakes a part for the whole.
///
/// ```ignore
/// let rows = futures_util::stream::iter(cases.into_iter().map(|c| Ok::<_, StoreError>(vec![
///     Cell::Text(c.reference), Cell::Date(c.received), Cell::from(c.closed),
/// ])));
/// export::download_rows("Klachten 2026".into(), columns, rows, format, "klachten-2026").await
/// ```
pub async fn download_rows<S, E>(
    caption: String,
    columns: Vec<String>,
    rows: S,
    format: ExportFormat,
    file_stem: &str,
) -> Response
where
    S: Stream<Item = Result<Vec<Cell>, E>> + Send + 'static,
    E: Display + Send + 'static,
{
    match format.csv_dialect() {
        Some(dialect) => match csv_body(columns, rows, dialect) {
            Ok(body) => attachment(format, file_stem, body),
            Err(e) => PageError::Internal(e.to_string()).into_response(),
        },
        None => match xlsx_from_stream(caption, columns, rows).await {
            Ok(bytes) => attachment(format, file_stem, Body::from(bytes)),
            Err(e) => PageError::Internal(e.to_string()).into_response(),
        },
    }
}

fn attachment(format: ExportFormat, file_stem: &str, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{}.{}\"", safe_stem(file_stem), format.extension());
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            // Exports hold case data: never in a shared cache.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// A file name stem that is safe in a header: ASCII letters, digits, dash
/// and underscore; anything else becomes a dash ("Klachten 2026" →
/// "Klachten-2026").
fn safe_stem(stem: &str) -> String {
    let safe: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') { c } else { '-' }).collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() { "export".to_owned() } else { safe.to_owned() }
}

// --- CSV ---------------------------------------------------------------

const BOM: &[u8] = b"\xEF\xBB\xBF";
const CHUNK: usize = 64 * 1024;

/// Writes the header and the rows as CSV in `dialect` (see the module docs).
///
/// ```ignore
/// let mut file = Vec::new();
/// export::write_csv(&mut file, &table.columns, &table.rows, CsvDialect::Excel)?;
/// ```
pub fn write_csv<W, R>(
    out: W,
    columns: &[String],
    rows: impl IntoIterator<Item = R>,
    dialect: CsvDialect,
) -> Result<(), ExportError>
where
    W: Write,
    R: AsRef<[Cell]>,
{
    let mut encoder = CsvEncoder::new(out, columns, dialect)?;
    for row in rows {
        encoder.row(row.as_ref())?;
    }
    encoder.writer.flush().map_err(csv::Error::from)?;
    Ok(())
}

struct CsvEncoder<W: Write> {
    writer: csv::Writer<W>,
    dialect: CsvDialect,
}

fn csv_writer<W: Write>(out: W, dialect: CsvDialect) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(if dialect == CsvDialect::Excel { b';' } else { b',' })
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        // Several tables in one file have different widths.
        .flexible(true)
        .from_writer(out)
}

impl<W: Write> CsvEncoder<W> {
    /// The byte order mark (Excel dialect) and the header.
    fn new(mut out: W, columns: &[String], dialect: CsvDialect) -> Result<Self, ExportError> {
        if dialect == CsvDialect::Excel {
            out.write_all(BOM).map_err(csv::Error::from)?;
        }
        let mut encoder = Self { writer: csv_writer(out, dialect), dialect };
        encoder.header(columns)?;
        Ok(encoder)
    }

    fn header(&mut self, columns: &[String]) -> Result<(), ExportError> {
        let dialect = self.dialect;
        self.writer.write_record(columns.iter().map(|c| header_field(c, dialect)))?;
        Ok(())
    }

    fn row(&mut self, row: &[Cell]) -> Result<(), ExportError> {
        let dialect = self.dialect;
        self.writer.write_record(row.iter().map(|cell| csv_field(cell, dialect)))?;
        Ok(())
    }
}

impl CsvEncoder<Vec<u8>> {
    /// What was written so far, leaving an empty buffer to go on with.
    fn take(&mut self) -> std::io::Result<Vec<u8>> {
        let fresh = csv_writer(Vec::with_capacity(CHUNK), self.dialect);
        let full = std::mem::replace(&mut self.writer, fresh);
        full.into_inner().map_err(|e| e.into_error())
    }
}

/// A header is text like any other: guarded in the Excel dialect.
fn header_field(text: &str, dialect: CsvDialect) -> String {
    csv_field(&Cell::Text(text.to_owned()), dialect)
}

/// One cell as CSV text.
fn csv_field(cell: &Cell, dialect: CsvDialect) -> String {
    let excel = dialect == CsvDialect::Excel;
    match cell {
        Cell::Text(text) if excel && text.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{text}"),
        Cell::Text(text) => text.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Decimal(value) if value.is_finite() => {
            let text = value.to_string();
            if excel { text.replace('.', ",") } else { text }
        }
        // Excel reads "70%" as the number 0.7 shown as a percentage;
        // machines get the fraction itself.
        Cell::Percent(fraction) if fraction.is_finite() => {
            if excel {
                crate::charts::percent(*fraction)
            } else {
                fraction.to_string()
            }
        }
        Cell::Decimal(_) | Cell::Percent(_) | Cell::Empty => String::new(),
        Cell::Date(date) => date.to_string(),
    }
}

/// The CSV body as a stream of chunks, pulled only as fast as the client
/// reads.
fn csv_body<S, E>(columns: Vec<String>, rows: S, dialect: CsvDialect) -> Result<Body, ExportError>
where
    S: Stream<Item = Result<Vec<Cell>, E>> + Send + 'static,
    E: Display + Send + 'static,
{
    struct State<S> {
        rows: Pin<Box<S>>,
        encoder: CsvEncoder<Vec<u8>>,
        done: bool,
    }
    let encoder = CsvEncoder::new(Vec::with_capacity(CHUNK), &columns, dialect)?;
    let state = State { rows: Box::pin(rows), encoder, done: false };
    let chunks = futures_util::stream::unfold(state, |mut state| async move {
        if state.done {
            return None;
        }
        loop {
            let failure = match state.rows.next().await {
                Some(Ok(row)) => match state.encoder.row(&row) {
                    Ok(()) if state.encoder.writer.get_ref().len() < CHUNK => continue,
                    Ok(()) => None,
                    Err(e) => Some(e.to_string()),
                },
                Some(Err(e)) => Some(e.to_string()),
                None => {
                    state.done = true;
                    None
                }
            };
            if let Some(message) = failure {
                tracing::error!(error = %message, "CSV export broken off");
                state.done = true;
                return Some((Err(std::io::Error::other(message)), state));
            }
            let chunk = state.encoder.take().map(Bytes::from);
            if chunk.is_err() {
                state.done = true;
            }
            return Some((chunk, state));
        }
    });
    Ok(Body::from_stream(chunks))
}

// --- XLSX --------------------------------------------------------------

/// Excel's last row is 1,048,576; one is the header.
const EXCEL_ROWS: u32 = 1_048_575;
/// Column widths are fitted to the header and this many rows.
const WIDTH_SAMPLE: usize = 200;
/// Excel's limit for the text in one cell.
const EXCEL_TEXT: usize = 32_767;

/// The rows as an XLSX workbook, one sheet named after `caption` (more if
/// the rows do not fit in one).
///
/// ```ignore
/// let bytes = export::xlsx(&table.caption, &table.columns, &table.rows)?;
/// ```
pub fn xlsx<R: AsRef<[Cell]>>(
    caption: &str,
    columns: &[String],
    rows: impl IntoIterator<Item = R>,
) -> Result<Vec<u8>, ExportError> {
    write_xlsx(caption, columns, rows, EXCEL_ROWS)
}

async fn xlsx_from_stream<S, E>(caption: String, columns: Vec<String>, rows: S) -> Result<Vec<u8>, ExportError>
where
    S: Stream<Item = Result<Vec<Cell>, E>> + Send + 'static,
    E: Display + Send + 'static,
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<Cell>>(1024);
    let writer = tokio::task::spawn_blocking(move || {
        write_xlsx(&caption, &columns, std::iter::from_fn(|| receiver.blocking_recv()), EXCEL_ROWS)
    });
    let mut rows = Box::pin(rows);
    let mut failure = None;
    while let Some(row) = rows.next().await {
        match row {
            Ok(row) => {
                if sender.send(row).await.is_err() {
                    break; // The writer stopped; its error follows.
                }
            }
            Err(e) => {
                failure = Some(e.to_string());
                break;
            }
        }
    }
    drop(sender);
    let written = writer.await.map_err(|e| ExportError::Rows(e.to_string()))?;
    match failure {
        Some(message) => Err(ExportError::Rows(message)),
        None => written,
    }
}

struct Formats {
    header: Format,
    count: Format,
    decimal: Format,
    percent: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold().set_border_bottom(FormatBorder::Medium),
            count: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.0"),
            percent: Format::new().set_num_format("0%"),
            date: Format::new().set_num_format("dd-mm-yyyy"),
        }
    }
}

fn write_xlsx<R: AsRef<[Cell]>>(
    caption: &str,
    columns: &[String],
    rows: impl IntoIterator<Item = R>,
    rows_per_sheet: u32,
) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let mut names = Vec::new();
    add_sheets(&mut workbook, &mut names, caption, columns, rows, rows_per_sheet)?;
    Ok(workbook.save_to_buffer()?)
}

/// Every table on a sheet of its own.
fn xlsx_tables(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let mut names = Vec::new();
    for table in tables {
        add_sheets(&mut workbook, &mut names, &table.caption, &table.columns, &table.rows, EXCEL_ROWS)?;
    }
    if tables.is_empty() {
        add_sheets(&mut workbook, &mut names, "", &[], Vec::<Vec<Cell>>::new(), EXCEL_ROWS)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// The rows on one sheet named after `caption`, continued on more sheets
/// when there are over `rows_per_sheet`. `names` holds the sheet names
/// taken so far (Excel wants them unique).
fn add_sheets<R: AsRef<[Cell]>>(
    workbook: &mut Workbook,
    names: &mut Vec<String>,
    caption: &str,
    columns: &[String],
    rows: impl IntoIterator<Item = R>,
    rows_per_sheet: u32,
) -> Result<(), ExportError> {
    let formats = Formats::new();
    let mut rows = rows.into_iter();
    let mut sample: Vec<R> = Vec::new();
    while sample.len() < WIDTH_SAMPLE {
        match rows.next() {
            Some(row) => sample.push(row),
            None => break,
        }
    }
    let widths = column_widths(columns, &sample);
    let mut rows = sample.into_iter().chain(rows).peekable();
    let base = sheet_name(caption);
    loop {
        let name = unique_name(&base, names);
        names.push(name.to_lowercase());
        let worksheet = workbook.add_worksheet_with_constant_memory()?;
        worksheet.set_name(name)?;
        for (c, width) in widths.iter().enumerate() {
            worksheet.set_column_width(col(c)?, *width)?;
        }
        for (c, header) in columns.iter().enumerate() {
            worksheet.write_string_with_format(0, col(c)?, header.as_str(), &formats.header)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        let mut written = 0u32;
        while written < rows_per_sheet {
            let Some(row) = rows.next() else { break };
            written += 1;
            for (c, cell) in row.as_ref().iter().enumerate() {
                write_cell(worksheet, written, col(c)?, cell, &formats)?;
            }
        }
        if !columns.is_empty() {
            worksheet.autofilter(0, 0, written, col(columns.len() - 1)?)?;
        }
        if rows.peek().is_none() {
            return Ok(());
        }
    }
}

/// `base`, or `base (2)`, `base (3)` … when taken (Excel compares names
/// without case).
fn unique_name(base: &str, taken: &[String]) -> String {
    let free = |name: &str| !taken.contains(&name.to_lowercase());
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{} ({n})", truncate(base, 24).trim_end()))
        .find(|name| free(name))
        .unwrap_or_else(|| base.to_owned())
}

fn col(index: usize) -> Result<u16, ExportError> {
    u16::try_from(index).map_err(|_| ExportError::Xlsx(XlsxError::RowColumnLimitError))
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell, formats: &Formats) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) if text.is_empty() => {}
        Cell::Text(text) => {
            sheet.write_string(row, col, truncate(text, EXCEL_TEXT))?;
        }
        Cell::Count(n) => {
            // Exact up to 2^53, far beyond any count.
            sheet.write_number_with_format(row, col, *n as f64, &formats.count)?;
        }
        Cell::Decimal(value) if value.is_finite() => {
            sheet.write_number_with_format(row, col, *value, &formats.decimal)?;
        }
        Cell::Percent(fraction) if fraction.is_finite() => {
            sheet.write_number_with_format(row, col, *fraction, &formats.percent)?;
        }
        Cell::Date(date) => {
            let excel = u16::try_from(date.year()).ok().and_then(|year| {
                ExcelDateTime::from_ymd(year, date.month().unsigned_abs(), date.day().unsigned_abs()).ok()
            });
            match excel {
                Some(excel) => sheet.write_datetime_with_format(row, col, excel, &formats.date)?,
                // Before 1900 Excel has no dates: keep it readable as text.
                None => sheet.write_string(row, col, date.to_string())?,
            };
        }
        Cell::Decimal(_) | Cell::Percent(_) | Cell::Empty => {}
    }
    Ok(())
}

/// Widths in Excel's character units: the longest of the header and the
/// sampled cells, plus room for the filter button, between 8 and 60.
fn column_widths<R: AsRef<[Cell]>>(columns: &[String], sample: &[R]) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(c, header)| {
            let cells = sample.iter().filter_map(|row| row.as_ref().get(c)).map(|cell| cell.display().chars().count());
            let widest = cells.chain([header.chars().count() + 3]).max().unwrap_or(0);
            let widest = u32::try_from(widest.min(58)).unwrap_or(58);
            f64::from(widest + 2).max(8.0)
        })
        .collect()
}

/// A valid sheet name: at most 31 characters, none of `[]:*?/\`, not
/// starting or ending with an apostrophe.
fn sheet_name(caption: &str) -> String {
    let cleaned: String = caption
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { ' ' } else { c })
        .collect();
    let name = truncate(cleaned.trim().trim_matches('\''), 31);
    let name = name.trim().trim_matches('\'');
    if name.is_empty() { "Gegevens".to_owned() } else { name.to_owned() }
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

#[cfg(test)]
mod tests;

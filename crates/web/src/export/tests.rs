use std::io::{Cursor, Read as _};

use axum::http::{StatusCode, header};
use jiff::civil::date;

use super::*;

fn columns() -> Vec<String> {
    vec![
        "Kenmerk".into(),
        "Onderwerp; \"kort\"".into(),
        "Aantal".into(),
        "Doorlooptijd".into(),
        "Aandeel".into(),
        "Ontvangen".into(),
    ]
}

fn awkward_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Cell::Text("KL-2026-000001".into()),
            Cell::Text("Hij zei: \"dat kan niet\"; daarna\r\nniets meer".into()),
            Cell::Count(1234),
            Cell::Decimal(12.5),
            Cell::Percent(0.7),
            Cell::Date(date(2026, 4, 8)),
        ],
        vec![
            Cell::Text("KL-2026-000002".into()),
            Cell::Text("=HYPERLINK(\"http://x\",\"klik\")".into()),
            Cell::Count(0),
            Cell::Empty,
            Cell::Decimal(f64::NAN),
            Cell::Empty,
        ],
        vec![
            Cell::Text("KL-2026-000003".into()),
            Cell::Text("Één, twee — drie ß".into()),
            Cell::Count(7),
            Cell::Decimal(3.25),
            Cell::Percent(1.0 / 3.0),
            Cell::Date(date(1850, 6, 1)),
        ],
    ]
}

fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn excel_csv_round_trips_quotes_newlines_and_semicolons() {
    let mut out = Vec::new();
    write_csv(&mut out, &columns(), awkward_rows(), CsvDialect::Excel).unwrap();
    assert!(out.starts_with(BOM), "Excel needs the byte order mark for UTF-8");
    let text = std::str::from_utf8(&out[BOM.len()..]).unwrap();
    assert!(text.starts_with("Kenmerk;\"Onderwerp; \"\"kort\"\"\";Aantal;"), "{text}");
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        read_csv(&out[BOM.len()..], b';'),
        [
            vec!["Kenmerk", "Onderwerp; \"kort\"", "Aantal", "Doorlooptijd", "Aandeel", "Ontvangen"],
            vec![
                "KL-2026-000001",
                "Hij zei: \"dat kan niet\"; daarna\r\nniets meer",
                "1234",
                "12,5",
                "70%",
                "2026-04-08"
            ],
            vec!["KL-2026-000002", "'=HYPERLINK(\"http://x\",\"klik\")", "0", "", "", ""],
            vec!["KL-2026-000003", "Één, twee — drie ß", "7", "3,25", "33%", "1850-06-01"],
        ]
    );
}

#[test]
fn open_data_csv_is_plain_rfc_4180_with_exact_values() {
    let mut out = Vec::new();
    write_csv(&mut out, &columns(), awkward_rows(), CsvDialect::OpenData).unwrap();
    assert!(!out.starts_with(BOM));
    let records = read_csv(&out, b',');
    assert_eq!(records[0][1], "Onderwerp; \"kort\"");
    assert_eq!(records[1][3..], ["12.5", "0.7", "2026-04-08"]);
    assert_eq!(records[2][1], "=HYPERLINK(\"http://x\",\"klik\")", "open data keeps values exact");
    assert_eq!(records[3][1..4], ["Één, twee — drie ß", "7", "3.25"]);
    assert!(std::str::from_utf8(&out).unwrap().contains("\"Één, twee — drie ß\""), "a comma forces quotes");
}

#[test]
fn excel_csv_disarms_formulas_in_text_but_not_numbers() {
    for (text, expected) in [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tverborgen", "'\tverborgen"),
        ("gewoon", "gewoon"),
        ("a=b", "a=b"),
    ] {
        assert_eq!(csv_field(&Cell::Text(text.into()), CsvDialect::Excel), expected);
        assert_eq!(csv_field(&Cell::Text(text.into()), CsvDialect::OpenData), text);
    }
    assert_eq!(csv_field(&Cell::Decimal(-2.5), CsvDialect::Excel), "-2,5");
    // Headers are guarded too.
    let mut out = Vec::new();
    write_csv(&mut out, &["=kop".to_owned()], Vec::<Vec<Cell>>::new(), CsvDialect::Excel).unwrap();
    assert_eq!(&out[BOM.len()..], b"'=kop\r\n");
}

fn unzip(bytes: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut file = archive.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    Some(text)
}

#[test]
fn xlsx_has_no_row_limit_and_keeps_numbers_and_dates_typed() {
    let started = std::time::Instant::now();
    let rows = (0..100_000u64).map(|i| {
        [Cell::Text(format!("KL-2026-{i:06}")), Cell::Count(i), Cell::Date(date(2026, 1, 1)), Cell::Percent(0.25)]
    });
    let columns = ["Kenmerk", "Aantal", "Ontvangen", "Aandeel"].map(String::from);
    let bytes = xlsx("Klachten 2026", &columns, rows).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml").unwrap();
    assert!(sheet.contains(r#"<row r="100001""#), "the last row is there");
    assert!(!sheet.contains(r#"<row r="100002""#));
    assert!(sheet.contains(r#"<autoFilter ref="A1:D100001"/>"#));
    assert!(sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#), "header row frozen");
    assert!(sheet.contains("<v>99999</v>"), "counts are numbers");
    assert!(sheet.contains("<v>46023</v>"), "1 January 2026 is Excel day 46023");
    assert!(sheet.contains("<v>0.25</v>"), "a share is the fraction, formatted as percent");
    assert!(sheet.contains("KL-2026-099999"));
    assert!(sheet.contains("<cols>"), "column widths are set");
    let styles = unzip(&bytes, "xl/styles.xml").unwrap();
    assert!(styles.contains("<b/>") && styles.contains("dd-mm-yyyy"));
    assert!(styles.contains(r#"formatCode="0%""#), "{styles}");
    let workbook = unzip(&bytes, "xl/workbook.xml").unwrap();
    assert!(workbook.contains(r#"name="Klachten 2026""#));
    assert!(unzip(&bytes, "xl/worksheets/sheet2.xml").is_none());
    // The test runs in debug; in release this is ~10x faster.
    assert!(elapsed.as_secs() < 10, "100,000 rows took {elapsed:?}");
}

#[test]
fn xlsx_text_is_never_a_formula_and_odd_values_still_make_a_valid_file() {
    let bytes = xlsx("Rapport: [2026]/Q1*?", &columns(), awkward_rows()).unwrap();
    let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml").unwrap();
    assert!(!sheet.contains("<f>"), "no formulas");
    assert!(sheet.contains("=HYPERLINK("));
    assert!(sheet.contains("<v>12.5</v>"));
    assert!(!sheet.contains("NaN"));
    // 1850 has no Excel date: it stays as readable text.
    assert!(sheet.contains("1850-06-01"));
    let workbook = unzip(&bytes, "xl/workbook.xml").unwrap();
    assert!(workbook.contains(r#"name="Rapport   2026  Q1""#), "{workbook}");
}

#[test]
fn rows_beyond_a_sheet_continue_on_the_next_with_the_header_again() {
    let rows = (0..25u64).map(|i| vec![Cell::Count(i)]);
    let bytes = write_xlsx("Klachten", &["Nummer".to_owned()], rows, 10).unwrap();
    let workbook = unzip(&bytes, "xl/workbook.xml").unwrap();
    for name in ["Klachten", "Klachten (2)", "Klachten (3)"] {
        assert!(workbook.contains(&format!(r#"name="{name}""#)), "{name} in {workbook}");
    }
    let third = unzip(&bytes, "xl/worksheets/sheet3.xml").unwrap();
    assert!(third.contains("Nummer"));
    assert!(third.contains(r#"<row r="6""#) && !third.contains(r#"<row r="7""#));
    assert!(third.contains("<v>24</v>"));
    assert!(unzip(&bytes, "xl/worksheets/sheet4.xml").is_none());
    // Exactly full: no empty extra sheet.
    let rows = (0..20u64).map(|i| vec![Cell::Count(i)]);
    let bytes = write_xlsx("Klachten", &["Nummer".to_owned()], rows, 10).unwrap();
    assert!(unzip(&bytes, "xl/worksheets/sheet3.xml").is_none());
}

#[test]
fn sheet_names_and_file_names_are_made_safe() {
    assert_eq!(sheet_name("Klachten per maand in het jaar 2026 (alle afdelingen)"), "Klachten per maand in het jaar");
    assert_eq!(sheet_name("'[]'"), "Gegevens");
    assert_eq!(safe_stem("Klachten 2026 (Één)"), "Klachten-2026----n");
    assert_eq!(safe_stem("../\"x\"\r\n"), "x");
    assert_eq!(safe_stem("***"), "export");
    for format in ExportFormat::ALL {
        assert_eq!(ExportFormat::parse(format.code()), Some(format));
    }
    assert_eq!(ExportFormat::parse("pdf"), None);
}

fn table() -> Table {
    Table { caption: "Klachten per maand".into(), columns: columns(), rows: awkward_rows() }
}

async fn body(response: Response) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()
}

#[tokio::test]
async fn a_table_downloads_as_an_attachment_in_each_format() {
    let response = download(&table(), ExportFormat::Csv, "klachten per maand");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8; header=present");
    assert_eq!(headers[header::CONTENT_DISPOSITION], "attachment; filename=\"klachten-per-maand.csv\"");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
    let csv = body(response).await;
    assert!(csv.starts_with(BOM));
    assert_eq!(read_csv(&csv[BOM.len()..], b';').len(), 4);

    let response = download(&table(), ExportFormat::Xlsx, "klachten");
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(response.headers()[header::CONTENT_DISPOSITION], "attachment; filename=\"klachten.xlsx\"");
    let xlsx = body(response).await;
    assert!(unzip(&xlsx, "xl/worksheets/sheet1.xml").unwrap().contains("KL-2026-000003"));
}

#[tokio::test]
async fn streamed_rows_arrive_complete_in_chunks() {
    let rows = futures_util::stream::iter(
        (0..20_000u64)
            .map(|i| Ok::<_, std::convert::Infallible>(vec![Cell::Text(format!("KL-2026-{i:06}")), Cell::Count(i)])),
    );
    let columns = vec!["Kenmerk".to_owned(), "Aantal".to_owned()];
    let response = download_rows("Klachten".into(), columns.clone(), rows, ExportFormat::CsvOpenData, "k").await;
    let mut stream = response.into_body().into_data_stream();
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.next().await {
        chunks.push(chunk.unwrap());
    }
    assert!(chunks.len() > 3, "streamed in {} chunks", chunks.len());
    assert!(chunks.iter().all(|c| c.len() <= CHUNK + 64));
    let csv: Vec<u8> = chunks.concat();
    let records = read_csv(&csv, b',');
    assert_eq!(records.len(), 20_001);
    assert_eq!(records[20_000], ["KL-2026-019999", "19999"]);

    let rows = futures_util::stream::iter((0..3u64).map(|i| Ok::<_, String>(vec![Cell::Count(i)])));
    let response = download_rows("Klachten".into(), columns, rows, ExportFormat::Xlsx, "k").await;
    assert_eq!(response.status(), StatusCode::OK);
    let xlsx = body(response).await;
    assert!(unzip(&xlsx, "xl/worksheets/sheet1.xml").unwrap().contains(r#"<row r="4""#));
}

#[tokio::test]
async fn a_failing_row_source_never_looks_like_a_complete_file() {
    fn failing() -> impl Stream<Item = Result<Vec<Cell>, String>> + Send + 'static {
        futures_util::stream::iter(
            (0..50_000u64)
                .map(|i| if i == 40_000 { Err("database gone".to_owned()) } else { Ok(vec![Cell::Count(i)]) }),
        )
    }
    let columns = vec!["Aantal".to_owned()];
    let response = download_rows("K".into(), columns.clone(), failing(), ExportFormat::Csv, "k").await;
    assert!(axum::body::to_bytes(response.into_body(), usize::MAX).await.is_err(), "the download breaks off");

    let response = download_rows("K".into(), columns, failing(), ExportFormat::Xlsx, "k").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn a_dashboard_downloads_every_table_on_a_sheet_or_section_of_its_own() {
    let volume = Table {
        caption: "Klachten per maand".into(),
        columns: vec!["Maand".into(), "Aantal klachten".into()],
        rows: vec![vec![Cell::Text("jan 2026".into()), Cell::Count(52)]],
    };
    let mut same_caption = volume.clone();
    same_caption.rows[0][1] = Cell::Count(7);
    let share = Table {
        caption: "Binnen de termijn".into(),
        columns: vec!["Afhandeling".into(), "Aantal klachten".into(), "Aandeel".into()],
        rows: vec![vec![Cell::Text("Te laat".into()), Cell::Count(3), Cell::Percent(0.25)]],
    };
    let tables = [volume, same_caption, share];

    let xlsx = body(download_tables(&tables, ExportFormat::Xlsx, "inzicht")).await;
    let workbook = unzip(&xlsx, "xl/workbook.xml").unwrap();
    for name in ["Klachten per maand", "Klachten per maand (2)", "Binnen de termijn"] {
        assert!(workbook.contains(&format!(r#"name="{name}""#)), "{name} in {workbook}");
    }
    assert!(unzip(&xlsx, "xl/worksheets/sheet2.xml").unwrap().contains("<v>7</v>"));
    assert!(unzip(&xlsx, "xl/worksheets/sheet3.xml").unwrap().contains("<v>0.25</v>"));

    let csv = body(download_tables(&tables, ExportFormat::Csv, "inzicht")).await;
    assert!(csv.starts_with(BOM));
    let text = std::str::from_utf8(&csv[BOM.len()..]).unwrap();
    assert_eq!(
        text,
        "Klachten per maand\r\nMaand;Aantal klachten\r\njan 2026;52\r\n\r\n\
         Klachten per maand\r\nMaand;Aantal klachten\r\njan 2026;7\r\n\r\n\
         Binnen de termijn\r\nAfhandeling;Aantal klachten;Aandeel\r\nTe laat;3;25%\r\n"
    );

    // No tables at all still make a file that opens.
    let empty = body(download_tables(&[], ExportFormat::Xlsx, "inzicht")).await;
    assert!(unzip(&empty, "xl/workbook.xml").unwrap().contains(r#"name="Gegevens""#));
}

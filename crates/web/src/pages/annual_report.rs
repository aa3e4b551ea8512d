//! The annual report on complaints (Awb 9:12a: the body registers the
//! complaints it receives and publishes them yearly). One [`Document`] per
//! year, built from the same figures as the dashboards, shown as an HTML
//! page the organisation can publish and typeset as a tagged PDF; beside it
//! the cases of the year as open data (CSV, one row per case, no personal
//! data and no free text) for the Woo.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use futures_util::{StreamExt, TryStreamExt};
use gehoord_domain::{Role, insight::Share, lesson::register::LessonStatus, time::date_in_amsterdam};
use gehoord_letters::{Document, ReportBlock as Block, ReportTable, Section};
use gehoord_store::{ConcludedOmbudsmanCase, Insight, InsightFilter, LessonQuery, LessonStatusFilter, OpenDataRow};
use jiff::civil::{Date, date};
use serde::Deserialize;

use super::{insight::figures, layout};
use crate::{
    AppState,
    auth::Staff,
    charts::{Cell, Table},
    csrf::CsrfToken,
    error::PageError,
    export::{self, ExportFormat},
    view::{Layout, long_date, short_civil_date},
};

/// A lesson as the report tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedLesson {
    pub text: String,
    pub status: &'static str,
    pub action: Option<String>,
    pub cases: i64,
    pub positive: bool,
}

fn whole(share: Share) -> String {
    share.percent().map_or_else(|| "niet bekend".to_owned(), |p| format!("{p} procent"))
}

fn days(days: Option<i64>) -> String {
    match days {
        None => "niet bekend".to_owned(),
        Some(1) => "1 dag".to_owned(),
        Some(n) => format!("{n} dagen"),
    }
}

fn report_table(table: &Table) -> ReportTable {
    ReportTable {
        caption: table.caption.clone(),
        columns: table.columns.clone(),
        numeric: (0..table.columns.len())
            .map(|c| table.rows.iter().filter_map(|r| r.get(c)).any(Cell::is_numeric))
            .collect(),
        rows: table.rows.iter().map(|r| r.iter().map(Cell::display).collect()).collect(),
    }
}

/// The report of `year` for `organisation`: pure, so a snapshot test can
/// hold its wording and numbers. `ombudsman` holds the ombudsman's
/// conclusions dated in the year with the organisation's response (Awb
/// 9:36); they are the ombudsman's and the organisation's texts, shown with
/// the case reference only, never the complainant.
#[must_use]
pub fn annual_report(
    organisation: &str,
    year: i16,
    insight: &Insight,
    filter: &InsightFilter,
    lessons: &[ReportedLesson],
    ombudsman: &[ConcludedOmbudsmanCase],
    made_on: Date,
) -> Document {
    let tables: Vec<Table> = figures(insight, filter).into_iter().map(|f| f.table).collect();
    let table = |caption_start: &str| -> Block {
        let t = tables.iter().find(|t| t.caption.starts_with(caption_start));
        Block::Table(t.map_or_else(
            || ReportTable { caption: caption_start.to_owned(), columns: vec![], numeric: vec![], rows: vec![] },
            report_table,
        ))
    };
    let i = insight;
    let solved_early =
        Share { part: i.ladder.iter().filter(|(step, _)| step.number() < 3).map(|(_, s)| s.part).sum(), of: i.closed };
    let mut sections = vec![
        Section {
            heading: "Over dit verslag".into(),
            blocks: vec![
                Block::Paragraph(format!(
                    "Dit is het verslag van {organisation} over de klachten van {year}. Elk bestuursorgaan registreert de klachten die het krijgt en maakt ze elk jaar openbaar (artikel 9:12a van de Algemene wet bestuursrecht)."
                )),
                Block::Paragraph(format!(
                    "In {year} kregen wij {} en rondden wij {} af. Klachten tellen mee in het jaar waarin wij ze kregen; de afhandeling telt mee in het jaar waarin wij de klacht afrondden.",
                    complaints(i.received),
                    complaints(i.closed)
                )),
            ],
        },
        Section {
            heading: "Wat wij ontvingen".into(),
            blocks: vec![
                Block::Paragraph("Mensen konden op veel manieren klagen: via het formulier op de website, per e-mail, brief of telefoon, aan de balie en via sociale media. Elke uiting van ongenoegen telt als klacht.".into()),
                table("Ontvangen klachten per maand"),
                table("Ontvangen klachten per afdeling"),
                table("Ontvangen klachten per categorie"),
            ],
        },
        Section {
            heading: "Hoe wij de klachten behandelden".into(),
            blocks: vec![
                Block::Paragraph(format!(
                    "Wij proberen eerst het probleem van de klager op te lossen, het liefst meteen in het contact. {} van de afgeronde klachten is opgelost zonder dat de klager naar de ombudsman ging. Een oordeel geven wij alleen als dat nodig is.",
                    capitalise(&whole(solved_early))
                )),
                table("Hoogste trede"),
                table("Manier van afhandelen"),
                table("Niet behandelde klachten per grond"),
            ],
        },
        Section {
            heading: "Oordelen".into(),
            blocks: vec![
                Block::Paragraph("Bij een formele behandeling oordelen wij per klachtonderdeel: gegrond, ongegrond of geen oordeel. Bij een gegrond onderdeel noemen wij welke behoorlijkheidsnormen van de Nationale ombudsman niet zijn nageleefd.".into()),
                table("Oordelen over klachtonderdelen"),
                table("Niet nageleefde behoorlijkheidsnormen"),
            ],
        },
        Section {
            heading: "Snelheid".into(),
            blocks: vec![
                Block::Paragraph(format!(
                    "De helft van de klachten was binnen {} afgerond; 9 van de 10 binnen {}. Van de formeel behandelde klachten was {} binnen de wettelijke termijn klaar (artikel 9:11 Awb). Wij verdaagden {} van de {} formeel afgehandelde klachten.",
                    days(i.lead_times.median_days),
                    days(i.lead_times.p90_days),
                    whole(i.lead_times.within_term),
                    n(i.lead_times.postponed.part),
                    n(i.lead_times.postponed.of),
                )),
                table("Formele klachten binnen en buiten de termijn"),
            ],
        },
        Section {
            heading: "Klachten bij de Nationale ombudsman".into(),
            blocks: ombudsman_blocks(year, i, ombudsman),
        },
        Section {
            heading: "Wat klagers ervan vonden".into(),
            blocks: vec![
                Block::Paragraph(format!(
                    "Na afronding konden klagers laten weten hoe zij de behandeling vonden. {} van hen was tevreden ({} van {}). {} klachten hebben wij na afronding opnieuw geopend.",
                    capitalise(&whole(i.satisfaction)),
                    n(i.satisfaction.part),
                    n(i.satisfaction.of),
                    n(i.reopened)
                )),
                table("Toezeggingen nagekomen"),
            ],
        },
    ];
    let improvements: Vec<String> = lessons
        .iter()
        .filter(|l| !l.positive)
        .map(|l| {
            let action = l
                .action
                .as_deref()
                .map(|a| format!(" Wat wij doen: {}.", a.trim().trim_end_matches('.')))
                .unwrap_or_default();
            let cases = if l.cases == 1 { "1 klacht".to_owned() } else { format!("{} klachten", l.cases) };
            format!("{} ({}, {cases}).{action}", l.text.trim_end_matches('.'), l.status.to_lowercase())
        })
        .collect();
    let praise: Vec<String> = lessons.iter().filter(|l| l.positive).map(|l| l.text.clone()).collect();
    let mut blocks = vec![Block::Paragraph(
        "Elke klacht vertelt iets over ons werk. Dit zijn de belangrijkste leerpunten van dit jaar en wat wij ermee doen, het vaakst voorkomende eerst.".into(),
    )];
    if improvements.is_empty() {
        blocks.push(Block::Paragraph("Dit jaar zijn er geen leerpunten vastgelegd.".into()));
    } else {
        blocks.push(Block::List(improvements));
    }
    if !praise.is_empty() {
        blocks.push(Block::Paragraph("Klagers lieten ook weten wat goed ging:".into()));
        blocks.push(Block::List(praise));
    }
    sections.push(Section { heading: "Wat wij leerden".into(), blocks });
    Document {
        title: format!("Jaarverslag klachten {year}"),
        subtitle: format!("{organisation}\nOpgesteld op {}", short_civil_date(made_on)),
        date: made_on,
        sections,
    }
}

/// The ombudsman section: the counts of the closed cases, then each
/// conclusion of the year with its recommendations and what we do with them.
fn ombudsman_blocks(year: i16, i: &Insight, concluded: &[ConcludedOmbudsmanCase]) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(format!(
        "Na onze afhandeling legden klagers {} klachten voor aan de ombudsman. Bij {} daarvan gaf de ombudsman al een uitkomst.",
        n(i.ombudsman),
        n(i.ombudsman_concluded)
    ))];
    if concluded.is_empty() {
        blocks.push(Block::Paragraph(format!("In {year} gaf de ombudsman geen uitkomst over een klacht over ons.")));
        return blocks;
    }
    let cases = if concluded.len() == 1 { "1 klacht".to_owned() } else { format!("{} klachten", n(concluded.len())) };
    blocks.push(Block::Paragraph(format!(
        "In {year} gaf de ombudsman een uitkomst over {cases}. Hieronder staat per klacht wat de ombudsman vond, wat de ombudsman ons aanraadde en wat wij daarmee doen. Wat wij met een aanbeveling doen, laten wij ook aan de ombudsman weten (artikel 9:36 van de Algemene wet bestuursrecht)."
    )));
    let sentence = |text: &str| {
        let text = text.trim().trim_end_matches('.');
        format!("{text}.")
    };
    blocks.push(Block::List(
        concluded
            .iter()
            .map(|c| {
                let advice = c
                    .conclusion
                    .recommendations
                    .as_deref()
                    .filter(|r| !r.trim().is_empty())
                    .map_or_else(|| "Geen aanbevelingen.".to_owned(), sentence);
                format!(
                    "Klacht {}, uitkomst van {}. Wat de ombudsman vond: {} Aanbevelingen: {advice} Wat wij doen: {}",
                    c.reference,
                    long_date(c.conclusion.concluded_on),
                    sentence(&c.conclusion.outcome),
                    sentence(&c.conclusion.response),
                )
            })
            .collect(),
    ));
    blocks
}

/// A count in a sentence, as Dutch readers write it ("1.234").
fn n(count: usize) -> String {
    crate::charts::count(count as u64)
}

/// "1 klacht", "2 klachten".
fn complaints(count: usize) -> String {
    format!("{} {}", n(count), if count == 1 { "klacht" } else { "klachten" })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The most important lessons of `year`: those proposed in it, most linked
/// cases first, at most twenty.
async fn year_lessons(state: &AppState, year: i16) -> Result<Vec<ReportedLesson>, PageError> {
    let mut found = Vec::new();
    for page in 1.. {
        let q = LessonQuery { status: LessonStatusFilter::All, page, page_size: 200, ..LessonQuery::default() };
        let rows = state.store.lessons(&q).await?;
        let mut older = false;
        for row in &rows.items {
            let proposed = date_in_amsterdam(row.proposed_at).year();
            older |= proposed < year;
            if proposed == year && row.status != LessonStatus::Rejected {
                found.push(ReportedLesson {
                    text: row.text.clone(),
                    status: row.status_label(),
                    action: row.action.clone(),
                    cases: row.case_count,
                    positive: row.positive,
                });
            }
        }
        // Newest first: once a page reaches earlier years, the rest is older.
        if older || !rows.has_next() {
            break;
        }
    }
    found.sort_by_key(|l| std::cmp::Reverse(l.cases));
    found.truncate(20);
    Ok(found)
}

async fn document(state: &AppState, year: i16) -> Result<Document, PageError> {
    let today = date_in_amsterdam(state.clock.now());
    let filter = year_filter(year);
    let insight = state.store.insight(&filter, today).await?;
    let lessons = year_lessons(state, year).await?;
    let ombudsman = state.store.ombudsman_conclusions(filter.from, filter.to).await?;
    let organisation = branding(state).await?.organisation;
    Ok(annual_report(&organisation, year, &insight, &filter, &lessons, &ombudsman, today))
}

/// The house style, or the organisation's name before one is set.
async fn branding(state: &AppState) -> Result<gehoord_letters::Branding, PageError> {
    if let Some(branding) = state.store.branding().await? {
        return Ok(branding);
    }
    let organisation = state.store.organisation().await?.map_or_else(|| "Gehoord".to_owned(), |o| o.name);
    Ok(gehoord_letters::Branding { organisation, ..gehoord_letters::Branding::default() })
}

fn year_filter(year: i16) -> InsightFilter {
    InsightFilter {
        from: date(year, 1, 1),
        to: date(year, 12, 31),
        department: None,
        channel: None,
        category: None,
        handler_id: None,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "annual_report.html")]
pub struct AnnualReportPage {
    layout: Layout,
    year: i16,
    years: Vec<i16>,
    document: Document,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    jaar: String,
}

/// The years a report can be made for: from the first complaint to now.
async fn years(state: &AppState, today: Date) -> Result<Vec<i16>, PageError> {
    let first = state.store.first_case_year().await?.unwrap_or(today.year()).min(today.year());
    Ok((first..=today.year()).rev().collect())
}

/// The year in the path, if a report can be made for it.
async fn path_year(state: &AppState, raw: &str) -> Result<i16, PageError> {
    parse_year(raw, &years(state, date_in_amsterdam(state.clock.now())).await?)
}

fn parse_year(raw: &str, years: &[i16]) -> Result<i16, PageError> {
    raw.trim().parse::<i16>().ok().filter(|y| years.contains(y)).ok_or_else(|| {
        PageError::BadRequest("Voor dit jaar is er geen verslag. Kies een jaar uit de lijst.".to_owned())
    })
}

/// `/inzicht/jaarverslag`: the choice of year (last year by default).
pub async fn annual_report_index(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_insight)?;
    let today = date_in_amsterdam(state.clock.now());
    let years = years(&state, today).await?;
    let year = if q.jaar.trim().is_empty() {
        years.iter().copied().find(|y| *y < today.year()).unwrap_or(today.year())
    } else {
        parse_year(&q.jaar, &years)?
    };
    Ok(Redirect::to(&format!("/inzicht/jaarverslag/{year}")).into_response())
}

/// The report of a year as a page.
pub async fn annual_report_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(year): Path<String>,
) -> Result<AnnualReportPage, PageError> {
    staff.require(Role::may_see_insight)?;
    let today = date_in_amsterdam(state.clock.now());
    let years = years(&state, today).await?;
    let year = parse_year(&year, &years)?;
    Ok(AnnualReportPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        year,
        years,
        document: document(&state, year).await?,
    })
}

/// The report of a year as a tagged PDF in the house style.
pub async fn annual_report_pdf(
    State(state): State<AppState>,
    staff: Staff,
    Path(year): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_insight)?;
    let year = path_year(&state, &year).await?;
    let document = document(&state, year).await?;
    let branding = branding(&state).await?;
    let pdf = tokio::task::spawn_blocking(move || gehoord_letters::render_report_pdf(&document, &branding))
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?
        .map_err(|e| PageError::Internal(e.to_string()))?;
    tracing::info!(action = "annual_report_pdf", actor = %staff.0.id, year, result = "ok");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"jaarverslag-klachten-{year}.pdf\"")),
        ],
        pdf,
    )
        .into_response())
}

/// The columns of the open data, with what each means in the header.
const OPEN_DATA_COLUMNS: [&str; 17] = [
    "kenmerk",
    "maand_ontvangen",
    "maand_afgerond",
    "kanaal",
    "afdeling",
    "categorie",
    "trede",
    "uitkomst",
    "formeel",
    "grond_niet_behandelen",
    "doorlooptijd_dagen",
    "binnen_termijn",
    "verdaagd",
    "onderdelen_gegrond",
    "onderdelen_ongegrond",
    "onderdelen_geen_oordeel",
    "ombudsman",
];

/// One case as an open-data row: codes, not labels, so the file stays
/// stable when wording changes.
#[must_use]
pub fn open_data_cells(r: &OpenDataRow) -> Vec<Cell> {
    let month = |m: i64| Cell::Text(format!("{}-{:02}", m / 100, m % 100));
    let yes_no = |b: bool| Cell::Text(if b { "ja" } else { "nee" }.to_owned());
    let count = |n: i64| Cell::Count(u64::try_from(n).unwrap_or(0));
    vec![
        Cell::Text(r.reference.clone()),
        month(r.received_month),
        r.closed_month.map_or(Cell::Empty, month),
        Cell::Text(r.channel.clone()),
        r.department.clone().map_or(Cell::Empty, Cell::Text),
        r.category.clone().map_or(Cell::Empty, Cell::Text),
        count(r.ladder_step),
        r.outcome.clone().map_or(Cell::Empty, Cell::Text),
        yes_no(r.formal),
        r.not_handling_ground.clone().map_or(Cell::Empty, Cell::Text),
        r.lead_days.map_or(Cell::Empty, count),
        r.within_term.map_or(Cell::Empty, yes_no),
        yes_no(r.postponed),
        count(r.well_founded),
        count(r.unfounded),
        count(r.no_judgment),
        yes_no(r.ombudsman),
    ]
}

/// The cases of a year as open data (CSV), streamed a day at a time
/// (see [`gehoord_store::Store::open_data_day`]): no row limit, constant
/// memory.
pub async fn open_data_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(year): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_insight)?;
    let year = path_year(&state, &year).await?;
    tracing::info!(action = "open_data", actor = %staff.0.id, year, result = "ok");
    let first = jiff::civil::date(year, 1, 1);
    let days = first.series(jiff::Span::new().days(1)).take_while(move |d| d.year() == year);
    let store = state.store.clone();
    let rows = futures_util::stream::iter(days)
        .then(move |day| {
            let store = store.clone();
            async move { store.open_data_day(day).await }
        })
        .map_ok(|rows| {
            futures_util::stream::iter(
                rows.into_iter().map(|r| Ok::<_, gehoord_store::StoreError>(open_data_cells(&r))),
            )
        })
        .try_flatten();
    let columns = OPEN_DATA_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    Ok(export::download_rows(
        format!("Klachten {year}"),
        columns,
        rows,
        ExportFormat::CsvOpenData,
        &format!("klachten-{year}-open-data"),
    )
    .await)
}

impl AnnualReportPage {
    fn numeric(&self, table: &ReportTable, column: &usize) -> bool {
        table.numeric.get(*column).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use gehoord_domain::{
        Channel, LadderStep,
        insight::{Handling, LeadTimes},
        judgment::Verdict,
        norm::Norm,
        not_handling::NotHandlingGround,
    };

    use super::*;

    /// The document as plain text: what the snapshot holds.
    fn text(d: &Document) -> String {
        let mut out = format!("# {}\n{}\n", d.title, d.subtitle);
        for section in &d.sections {
            out.push_str(&format!("\n## {}\n", section.heading));
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) => out.push_str(&format!("{p}\n")),
                    Block::List(items) => items.iter().for_each(|i| out.push_str(&format!("- {i}\n"))),
                    Block::Table(t) => {
                        out.push_str(&format!("[{}] {}\n", t.caption, t.columns.join(" | ")));
                        for row in &t.rows {
                            out.push_str(&format!("  {}\n", row.join(" | ")));
                        }
                    }
                }
            }
        }
        out
    }

    fn insight() -> Insight {
        Insight {
            received: 1234,
            by_month: vec![
                (202601, vec![(Channel::WebForm, 60), (Channel::Phone, 40)]),
                (202602, vec![(Channel::WebForm, 70), (Channel::Phone, 30)]),
            ],
            by_month_category: vec![
                (202601, vec![(Some("Afval".into()), 70), (None, 30)]),
                (202602, vec![(Some("Afval".into()), 50), (None, 50)]),
            ],
            by_channel: vec![(Channel::WebForm, 130), (Channel::Phone, 70)],
            by_category: vec![(Some("Afval".into()), 120), (None, 80)],
            by_department: vec![(Some("Afval en Reiniging".into()), 150), (Some("Burgerzaken".into()), 50)],
            overdue: Share { part: 2, of: 9 },
            closed: 180,
            ladder: vec![
                (LadderStep::InContact, Share { part: 90, of: 180 }),
                (LadderStep::ComplaintHandling, Share { part: 81, of: 180 }),
                (LadderStep::External, Share { part: 9, of: 180 }),
            ],
            handling: vec![
                (Handling::Informal, 150),
                (Handling::Formal, 20),
                (Handling::NotHandled, 6),
                (Handling::Forwarded, 4),
            ],
            lead_times: LeadTimes {
                closed: 180,
                median_days: Some(9),
                p90_days: Some(41),
                within_term: Share { part: 17, of: 20 },
                postponed: Share { part: 3, of: 20 },
            },
            verdicts: vec![(Verdict::WellFounded, 12), (Verdict::Unfounded, 15), (Verdict::NoJudgment, 1)],
            not_handling: vec![(NotHandlingGround::OlderThanOneYear, 4), (NotHandlingGround::ObjectionPossible, 2)],
            norms_violated: vec![(Norm::Promptness, 7), (Norm::Information, 4)],
            commitments_kept: Share { part: 40, of: 44 },
            satisfaction: Share { part: 30, of: 40 },
            reopened: 3,
            ombudsman: 9,
            ombudsman_concluded: 5,
        }
    }

    #[test]
    fn the_annual_report_reads_as_its_snapshot() {
        let lessons = [
            ReportedLesson {
                text: "Brieven over terugvordering leggen het bedrag uit.".into(),
                status: "Afgesproken",
                action: Some("Nieuwe standaardbrief per 1 maart".into()),
                cases: 6,
                positive: false,
            },
            ReportedLesson {
                text: "Het team Burgerzaken belde snel terug.".into(),
                status: "Doorgegeven",
                action: None,
                cases: 1,
                positive: true,
            },
        ];
        let filter = year_filter(2026);
        let ombudsman = [
            ConcludedOmbudsmanCase {
                case_id: uuid::Uuid::nil(),
                reference: "KL-2025-000412".into(),
                ombudsman: "de Nationale ombudsman".into(),
                requested_on: date(2025, 11, 3),
                conclusion: gehoord_domain::ombudsman::OmbudsmanConclusion {
                    concluded_on: date(2026, 4, 20),
                    outcome: "De klacht over de late terugbetaling is gegrond.".into(),
                    recommendations: Some("Betaal binnen twee weken terug en bied excuses aan".into()),
                    response: " Wij hebben terugbetaald en excuses aangeboden. ".into(),
                },
            },
            ConcludedOmbudsmanCase {
                case_id: uuid::Uuid::nil(),
                reference: "KL-2026-000077".into(),
                ombudsman: "de Nationale ombudsman".into(),
                requested_on: date(2026, 5, 1),
                conclusion: gehoord_domain::ombudsman::OmbudsmanConclusion {
                    concluded_on: date(2026, 9, 8),
                    outcome: "De gemeente heeft behoorlijk gehandeld".into(),
                    recommendations: None,
                    response: "Geen verdere actie nodig".into(),
                },
            },
        ];
        let document =
            annual_report("Gemeente Voorbeeld", 2026, &insight(), &filter, &lessons, &ombudsman, date(2027, 1, 15));
        insta::assert_snapshot!(text(&document));
        let quiet = annual_report("Gemeente Voorbeeld", 2026, &insight(), &filter, &lessons, &[], date(2027, 1, 15));
        assert!(
            text(&quiet).contains("In 2026 gaf de ombudsman geen uitkomst over een klacht over ons."),
            "a year without conclusions says so"
        );
    }

    #[test]
    fn open_data_holds_codes_and_months_not_days_or_text() {
        let row = OpenDataRow {
            reference: "KL-2026-000001".into(),
            received_month: 202603,
            closed_month: None,
            channel: "phone".into(),
            department: Some("Burgerzaken".into()),
            category: None,
            ladder_step: 2,
            outcome: None,
            formal: true,
            not_handling_ground: None,
            lead_days: None,
            within_term: None,
            postponed: false,
            well_founded: 1,
            unfounded: 0,
            no_judgment: 0,
            ombudsman: false,
        };
        let cells = open_data_cells(&row);
        assert_eq!(cells.len(), OPEN_DATA_COLUMNS.len());
        let shown: Vec<String> = cells.iter().map(Cell::display).collect();
        assert_eq!(shown[..4], ["KL-2026-000001", "2026-03", "", "phone"]);
        assert_eq!(shown[8], "ja");
    }
}

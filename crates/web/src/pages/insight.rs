//! Insight (`/inzicht`): what the organisation can learn from its
//! complaints in numbers, for a period and filters (ombudsvisie §4.2). Every
//! chart is server-rendered SVG with the same numbers as a table beside it;
//! every table exports to CSV and Excel.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use gehoord_domain::{
    Channel, Role,
    insight::{Handling, Share},
    time::date_in_amsterdam,
};
use gehoord_store::{Insight, InsightFilter};
use jiff::civil::{Date, date};
use serde::Deserialize;
use uuid::Uuid;

use super::layout;
use crate::{
    AppState,
    auth::Staff,
    charts::{BarChart, Chart, ColumnChart, Markup, Series, ShareBar, Table, Unit},
    csrf::CsrfToken,
    error::PageError,
    export::{self, ExportFormat},
    forms::{FormState, parse_date},
    view::{Layout, short_civil_date},
};

/// The filters as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InsightParams {
    van: String,
    tot: String,
    afdeling: String,
    kanaal: String,
    categorie: String,
    behandelaar: String,
    formaat: String,
}

/// One chart with its table, under a heading.
pub struct Figure {
    pub id: &'static str,
    pub heading: &'static str,
    /// One B1 sentence on how to read it.
    pub intro: String,
    pub chart: Markup,
    /// The same numbers; also what the export writes.
    pub table: Table,
}

/// A headline number.
pub struct KeyFigure {
    pub label: &'static str,
    pub value: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "insight.html")]
pub struct InsightPage {
    layout: Layout,
    params: InsightParams,
    /// The filter form; a problem is shown above it and the page uses the
    /// default for what was wrong.
    form: FormState,
    period: String,
    departments: Vec<String>,
    channels: Vec<(&'static str, &'static str)>,
    categories: Vec<String>,
    handlers: Vec<(String, String)>,
    key_figures: Vec<KeyFigure>,
    figures: Vec<Figure>,
    export_query: String,
    presets: Vec<(&'static str, String)>,
    /// The manager's own department, shown because the address named none.
    own_department: Option<String>,
    /// The same period and filters for every department.
    all_departments_link: String,
}

/// The filters read from the URL, with a Dutch message per problem.
struct Filters {
    pub filter: InsightFilter,
    pub errors: Vec<(&'static str, String)>,
}

/// January 1st of `today`'s year up to today: the default period.
fn year_to_date(today: Date) -> (Date, Date) {
    (date(today.year(), 1, 1), today)
}

fn read_filters(params: &mut InsightParams, today: Date, handler_ids: &[Uuid]) -> Filters {
    let mut errors = Vec::new();
    let (default_from, default_to) = year_to_date(today);
    let mut day = |raw: &mut String, field: &'static str, label: &str, default: Date| {
        *raw = raw.trim().to_owned();
        if raw.is_empty() {
            return default;
        }
        parse_date(raw).unwrap_or_else(|| {
            errors.push((field, format!("{label} is geen datum. Schrijf de datum zo: 15-03-2026.")));
            default
        })
    };
    let mut from = day(&mut params.van, "van", "De begindatum", default_from);
    let mut to = day(&mut params.tot, "tot", "De einddatum", default_to);
    if from > to {
        errors.push(("van", "De begindatum ligt na de einddatum. Kies een begindatum die eerder is.".to_owned()));
        (from, to) = (default_from, default_to);
    }
    let text = |raw: &mut String| {
        *raw = raw.trim().to_owned();
        (!raw.is_empty()).then(|| raw.clone())
    };
    // `alle`: every department, also for a manager with one of their own.
    let department = text(&mut params.afdeling).filter(|d| d != "alle");
    let category = text(&mut params.categorie);
    let channel = text(&mut params.kanaal).and_then(|code| {
        let channel = Channel::from_code(&code);
        if channel.is_none() {
            errors.push(("kanaal", "Dit kanaal bestaat niet. Kies een kanaal uit de lijst.".to_owned()));
        }
        channel
    });
    let handler_id = text(&mut params.behandelaar).and_then(|raw| {
        let id = raw.parse::<Uuid>().ok().filter(|id| handler_ids.contains(id));
        if id.is_none() {
            errors
                .push(("behandelaar", "Deze behandelaar bestaat niet. Kies een behandelaar uit de lijst.".to_owned()));
        }
        id
    });
    Filters { filter: InsightFilter { from, to, department, channel, category, handler_id }, errors }
}

pub async fn insight_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(mut params): Query<InsightParams>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_insight)?;
    let today = date_in_amsterdam(state.clock.now());
    let users = state.store.users().await?;
    let handler_ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    // A manager with a department sees it unless the address names another
    // or `alle` (a default filter, not a restriction).
    let own_department =
        super::lessons::own_department(&staff.0).filter(|_| params.afdeling.trim().is_empty()).map(str::to_owned);
    if let Some(own) = &own_department {
        params.afdeling.clone_from(own);
    }
    let Filters { filter, errors } = read_filters(&mut params, today, &handler_ids);
    let insight = state.store.insight(&filter, today).await?;
    let figures = figures(&insight, &filter);

    let format =
        match params.formaat.trim() {
            "" => None,
            code => Some(ExportFormat::parse(code).ok_or_else(|| {
                PageError::BadRequest("Dit bestandsformaat bestaat niet. Kies CSV of Excel.".to_owned())
            })?),
        };
    if let Some(format) = format {
        let tables: Vec<Table> = figures.into_iter().map(|f| f.table).collect();
        let stem = format!("inzicht-{}-{}", filter.from, filter.to);
        return Ok(export::download_tables(&tables, format, &stem));
    }

    let categories = state.store.categories().await?.into_iter().map(|c| c.name).collect();
    let handlers = users
        .iter()
        .filter(|u| u.role.may_handle() || params.behandelaar == u.id.to_string())
        .map(|u| (u.id.to_string(), u.display_name.clone()))
        .collect();
    let export_query = params_query(&params, &filter);
    let all_departments_link =
        format!("/inzicht?{}", params_query(&InsightParams { afdeling: "alle".to_owned(), ..params.clone() }, &filter));
    let (year_from, _) = year_to_date(today);
    let last_year = date(today.year() - 1, 1, 1);
    let presets = vec![
        ("Dit jaar", format!("van={}&tot={today}", year_from)),
        ("Vorig jaar", format!("van={last_year}&tot={}", date(today.year() - 1, 12, 31))),
        (
            "Laatste 12 maanden",
            format!(
                "van={}&tot={today}",
                today.checked_sub(jiff::Span::new().years(1)).unwrap_or(today).tomorrow().unwrap_or(today)
            ),
        ),
    ];
    let mut departments = state.store.departments().await?;
    if let Some(d) = filter.department.as_ref().filter(|d| !departments.contains(d)) {
        departments.push(d.clone());
        departments.sort();
    }
    Ok(InsightPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        form: filter_form(&params, errors),
        period: format!("{} tot en met {}", short_civil_date(filter.from), short_civil_date(filter.to)),
        departments,
        own_department,
        all_departments_link,
        channels: Channel::ALL.iter().map(|c| (c.code(), c.label())).collect(),
        categories,
        handlers,
        key_figures: key_figures(&insight),
        figures,
        export_query,
        presets,
        params,
    }
    .into_response())
}

fn filter_form(params: &InsightParams, errors: Vec<(&'static str, String)>) -> FormState {
    let mut form = FormState::default().with("van", params.van.clone()).with("tot", params.tot.clone());
    for (field, message) in errors {
        form.error(field, message);
    }
    form
}

/// The query string of the filters as read (dates in ISO), for the export
/// links.
fn params_query(params: &InsightParams, filter: &InsightFilter) -> String {
    let mut parts = vec![format!("van={}", filter.from), format!("tot={}", filter.to)];
    for (key, value) in [
        ("afdeling", &params.afdeling),
        ("kanaal", &params.kanaal),
        ("categorie", &params.categorie),
        ("behandelaar", &params.behandelaar),
    ] {
        if !value.is_empty() {
            parts.push(format!("{key}={}", crate::view::encode(value)));
        }
    }
    parts.join("&")
}

fn percent_text(share: Share) -> String {
    share.percent().map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
}

fn days_text(days: Option<i64>) -> String {
    match days {
        None => "–".to_owned(),
        Some(1) => "1 dag".to_owned(),
        Some(n) => format!("{n} dagen"),
    }
}

fn key_figures(i: &Insight) -> Vec<KeyFigure> {
    vec![
        KeyFigure { label: "Ontvangen", value: i.received.to_string(), note: "klachten in deze periode".to_owned() },
        KeyFigure { label: "Afgehandeld", value: i.closed.to_string(), note: "klachten in deze periode".to_owned() },
        KeyFigure {
            label: "Doorlooptijd",
            value: days_text(i.lead_times.median_days),
            note: format!("mediaan; 9 van de 10 klachten binnen {}", days_text(i.lead_times.p90_days)),
        },
        KeyFigure {
            label: "Binnen de wettelijke termijn",
            value: percent_text(i.lead_times.within_term),
            note: format!(
                "{} van {} formeel behandelde klachten",
                i.lead_times.within_term.part, i.lead_times.within_term.of
            ),
        },
        KeyFigure {
            label: "Opgelost in trede 1 of 2",
            value: percent_text(Share {
                part: i.ladder.iter().filter(|(s, _)| s.number() < 3).map(|(_, s)| s.part).sum(),
                of: i.closed,
            }),
            note: "zonder dat de klager naar de ombudsman ging".to_owned(),
        },
        KeyFigure {
            label: "Tevreden klagers",
            value: percent_text(i.satisfaction),
            note: format!("{} van {} klagers die iets lieten weten", i.satisfaction.part, i.satisfaction.of),
        },
    ]
}

fn count(n: usize) -> u64 {
    n as u64
}

const MONTHS: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

fn month_label(yyyymm: i32) -> String {
    let month = usize::try_from(yyyymm % 100).unwrap_or(1).clamp(1, 12);
    format!("{} {}", MONTHS[month - 1], yyyymm / 100)
}

fn named(name: &Option<String>, none: &str) -> String {
    name.clone().unwrap_or_else(|| none.to_owned())
}

/// Every chart of the dashboard with the heading it appears under, and its
/// table (for the page and for the export).
pub(crate) fn figures(i: &Insight, f: &InsightFilter) -> Vec<Figure> {
    let period = format!("van {} tot en met {}", short_civil_date(f.from), short_civil_date(f.to));
    let mut out = Vec::new();
    let mut push = |id: &'static str, heading: &'static str, intro: String, chart: &dyn Chart| {
        out.push(Figure { id, heading, intro, chart: chart.render(), table: chart.table() });
    };

    let channels_used: Vec<Channel> =
        Channel::ALL.into_iter().filter(|c| i.by_channel.iter().any(|(x, _)| x == c)).collect();
    push(
        "volume",
        "Ontvangen klachten per maand",
        "Hoeveel klachten er per maand binnenkwamen, per kanaal. Zo ziet u pieken en verschuivingen tussen kanalen."
            .to_owned(),
        &ColumnChart {
            id: "volume".into(),
            title: "Ontvangen klachten per maand".into(),
            description: format!("Ontvangen klachten per maand en per kanaal, {period}."),
            period_header: "Maand".into(),
            unit: Unit::COMPLAINTS,
            periods: i.by_month.iter().map(|(m, _)| month_label(*m)).collect(),
            series: channels_used
                .iter()
                .map(|c| Series {
                    name: c.label().to_owned(),
                    values: i
                        .by_month
                        .iter()
                        .map(|(_, per)| per.iter().find(|(x, _)| x == c).map_or(0, |(_, n)| count(*n)))
                        .collect(),
                })
                .collect(),
        },
    );
    // The five largest categories each a series of their own, the rest together.
    let top: Vec<&Option<String>> = i.by_category.iter().filter(|(c, _)| c.is_some()).take(5).map(|(c, _)| c).collect();
    let series_of = |c: &Option<String>| -> usize {
        match top.iter().position(|t| *t == c) {
            Some(p) => p,
            None if c.is_none() => top.len() + 1,
            None => top.len(),
        }
    };
    let mut names: Vec<String> = top.iter().map(|c| named(c, "")).collect();
    names.push("Overige categorieën".into());
    names.push("Zonder categorie".into());
    let mut values = vec![vec![0u64; i.by_month_category.len()]; names.len()];
    for (m, (_, per)) in i.by_month_category.iter().enumerate() {
        for (c, n) in per {
            values[series_of(c)][m] += count(*n);
        }
    }
    push(
        "volume-categorie",
        "Ontvangen klachten per maand en categorie",
        "Waarover klagen mensen, en verandert dat? De vijf grootste categorieën apart, de rest samen.".to_owned(),
        &ColumnChart {
            id: "volume-categorie".into(),
            title: "Ontvangen klachten per maand en categorie".into(),
            description: format!("Ontvangen klachten per maand en per categorie, {period}."),
            period_header: "Maand".into(),
            unit: Unit::COMPLAINTS,
            periods: i.by_month_category.iter().map(|(m, _)| month_label(*m)).collect(),
            series: names
                .into_iter()
                .zip(values)
                .filter(|(_, v)| v.iter().any(|n| *n > 0))
                .map(|(name, values)| Series { name, values })
                .collect(),
        },
    );
    let bars = |id: &str, title: &str, header: &str, unit: Unit, description: String, bars: Vec<(String, u64)>| {
        BarChart { id: id.into(), title: title.into(), description, label_header: header.into(), unit, bars }
    };
    push(
        "categorie",
        "Onderwerpen",
        "Waarover klagen mensen? De categorieën stelt uw organisatie zelf vast.".to_owned(),
        &bars(
            "categorie",
            "Ontvangen klachten per categorie",
            "Categorie",
            Unit::COMPLAINTS,
            format!("Ontvangen klachten per categorie, {period}."),
            i.by_category.iter().map(|(c, n)| (named(c, "Zonder categorie"), count(*n))).collect(),
        ),
    );
    push(
        "afdeling",
        "Afdelingen",
        "Over welke afdeling gaan de klachten?".to_owned(),
        &bars(
            "afdeling",
            "Ontvangen klachten per afdeling",
            "Afdeling",
            Unit::COMPLAINTS,
            format!("Ontvangen klachten per afdeling, {period}."),
            i.by_department.iter().map(|(d, n)| (named(d, "Onbekend"), count(*n))).collect(),
        ),
    );
    let share = |id: &str, title: &str, header: &str, unit: Unit, description: String, parts: Vec<(String, u64)>| {
        ShareBar { id: id.into(), title: title.into(), description, label_header: header.into(), unit, parts }
    };
    push(
        "ladder",
        "De klachtenladder",
        "Hoe ver kwam de klacht? De ombudsman wil dat de meeste klachten in het contact (trede 1) of door de klachtbehandeling (trede 2) worden opgelost.".to_owned(),
        &share(
            "ladder",
            "Hoogste trede van de afgehandelde klachten",
            "Trede",
            Unit::COMPLAINTS,
            format!("Afgehandelde klachten naar de hoogste trede van de klachtenladder, {period}."),
            i.ladder.iter().map(|(s, sh)| (s.label().to_owned(), count(sh.part))).collect(),
        ),
    );
    push(
        "afhandeling",
        "Hoe de klachten zijn afgehandeld",
        "Informeel opgelost, formeel beoordeeld, niet behandeld (artikel 9:8 Awb) of doorgestuurd (artikel 2:3 Awb)."
            .to_owned(),
        &share(
            "afhandeling",
            "Manier van afhandelen",
            "Afhandeling",
            Unit::COMPLAINTS,
            format!("Afgehandelde klachten per manier van afhandelen, {period}."),
            i.handling.iter().map(|(h, n)| (Handling::label(*h).to_owned(), count(*n))).collect(),
        ),
    );
    let late = i.lead_times.within_term.of - i.lead_times.within_term.part;
    push(
        "termijn",
        "Binnen de wettelijke termijn",
        format!(
            "Formeel behandelde klachten moeten binnen de termijn van artikel 9:11 Awb klaar zijn. Mediane doorlooptijd van alle afgehandelde klachten: {}; 90 procent binnen {}. Verdaagd: {} van {}. Nu te laat en nog open: {} van {}.",
            days_text(i.lead_times.median_days),
            days_text(i.lead_times.p90_days),
            i.lead_times.postponed.part,
            i.lead_times.postponed.of,
            i.overdue.part,
            i.overdue.of,
        ),
        &share(
            "termijn",
            "Formele klachten binnen en buiten de termijn",
            "Termijn",
            Unit::COMPLAINTS,
            format!("Formeel afgehandelde klachten binnen en buiten de wettelijke termijn, {period}."),
            vec![("Binnen de termijn".into(), count(i.lead_times.within_term.part)), ("Te laat".into(), count(late))],
        ),
    );
    push(
        "oordelen",
        "Oordelen",
        "Het oordeel per klachtonderdeel. ‘Geen oordeel’ alleen als de feiten niet vast te stellen zijn.".to_owned(),
        &share(
            "oordelen",
            "Oordelen over klachtonderdelen",
            "Oordeel",
            Unit::PARTS,
            format!("Beoordeelde klachtonderdelen per oordeel, {period}."),
            i.verdicts.iter().map(|(v, n)| (v.label().to_owned(), count(*n))).collect(),
        ),
    );
    push(
        "normen",
        "Behoorlijkheidsnormen die niet zijn nageleefd",
        "Bij gegronde klachtonderdelen: welke van de 22 normen van de Nationale ombudsman niet zijn nageleefd, de meest voorkomende bovenaan.".to_owned(),
        &bars(
            "normen",
            "Niet nageleefde behoorlijkheidsnormen",
            "Norm",
            Unit::PARTS,
            format!("Gegronde klachtonderdelen per behoorlijkheidsnorm, {period}."),
            i.norms_violated.iter().map(|(n, times)| (format!("{}. {}", n.number(), n.label()), count(*times))).collect(),
        ),
    );
    push(
        "niet-behandeld",
        "Niet behandeld (artikel 9:8 Awb)",
        "Op welke grond een klacht niet is behandeld. Gebruik deze gronden zo weinig mogelijk.".to_owned(),
        &bars(
            "niet-behandeld",
            "Niet behandelde klachten per grond",
            "Grond",
            Unit::COMPLAINTS,
            format!("Niet behandelde klachten per grond van artikel 9:8 Awb, {period}."),
            i.not_handling.iter().filter(|(_, n)| *n > 0).map(|(g, n)| (g.label().to_owned(), count(*n))).collect(),
        ),
    );
    push(
        "toezeggingen",
        "Toezeggingen",
        "Kwam de organisatie na wat zij de klager beloofde?".to_owned(),
        &share(
            "toezeggingen",
            "Toezeggingen nagekomen en niet nagekomen",
            "Toezegging",
            Unit { one: "toezegging", many: "toezeggingen" },
            format!("Toezeggingen bij klachten die zijn afgehandeld {period}."),
            vec![
                ("Nagekomen".into(), count(i.commitments_kept.part)),
                ("Niet nagekomen".into(), count(i.commitments_kept.of - i.commitments_kept.part)),
            ],
        ),
    );
    push(
        "tevredenheid",
        "Tevredenheid van klagers",
        format!(
            "Wat klagers na afloop lieten weten via hun statuspagina. Heropend na afronding: {} klachten. Naar de ombudsman: {} klachten, waarvan {} met een uitkomst.",
            i.reopened, i.ombudsman, i.ombudsman_concluded
        ),
        &share(
            "tevredenheid",
            "Tevreden en ontevreden klagers",
            "Oordeel van de klager",
            Unit { one: "klager", many: "klagers" },
            format!("Terugkoppeling van klagers over klachten die zijn afgehandeld {period}."),
            vec![
                ("Tevreden".into(), count(i.satisfaction.part)),
                ("Niet tevreden".into(), count(i.satisfaction.of - i.satisfaction.part)),
            ],
        ),
    );
    out
}

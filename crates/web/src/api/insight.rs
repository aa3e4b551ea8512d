//! The dashboard's figures as `/v1/inzicht`, for an organisation's own
//! reporting tools: the same numbers as the page `/inzicht` for a period and
//! the same filters, read the same way (`Store::insight`). Counts only: no
//! case, name or text. Every call needs an API token.

use axum::extract::{Query, State, rejection::QueryRejection};
use gehoord_domain::{
    Channel,
    insight::{Handling, Share},
    time::date_in_amsterdam,
};
use gehoord_store::{Insight, InsightFilter};
use jiff::civil::{Date, date};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    codes::{ChannelCode, NormCode, NotHandlingGroundCode},
    extract::Integration,
    problem::{InvalidParam, Problem},
};
use crate::AppState;

/// The period and filters; every one optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct InsightParams {
    /// First day of the period (YYYY-MM-DD). Default: 1 January of this year.
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// Last day of the period, inclusive. Default: today.
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
    /// Only complaints about this department.
    department: Option<String>,
    /// Only complaints that came in by this channel.
    #[param(value_type = Option<ChannelCode>)]
    channel: Option<String>,
    /// Only complaints of this category.
    category: Option<String>,
    /// Only complaints this handler handles or handled.
    #[param(value_type = Option<Uuid>)]
    handler_id: Option<String>,
}

impl InsightParams {
    #[expect(clippy::result_large_err, reason = "made once per request; boxing would buy nothing")]
    fn to_filter(&self, today: Date) -> Result<InsightFilter, Problem> {
        let mut problems = Vec::new();
        let mut bad = |name: &str, reason: &str| {
            problems.push(InvalidParam {
                name: name.to_owned(),
                code: "invalid".to_owned(),
                reason: reason.to_owned(),
            });
        };
        let mut day = |value: &Option<String>, name: &str, default: Date| match value.as_deref().map(str::parse::<Date>)
        {
            None => default,
            Some(Ok(d)) => d,
            Some(Err(_)) => {
                bad(name, "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-15.");
                default
            }
        };
        let from = day(&self.from, "from", date(today.year(), 1, 1));
        let to = day(&self.to, "to", today);
        let channel = self.channel.as_deref().and_then(|code| {
            let channel = Channel::from_code(code);
            if channel.is_none() {
                let allowed: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
                bad("channel", &format!("Kies een van: {}.", allowed.join(", ")));
            }
            channel
        });
        let handler_id = self.handler_id.as_deref().and_then(|raw| {
            let id = raw.parse::<Uuid>().ok();
            if id.is_none() {
                bad("handlerId", "De id van een behandelaar is een UUID.");
            }
            id
        });
        if from > to {
            bad("from", "De begindatum ligt na de einddatum.");
        }
        if !problems.is_empty() {
            return Err(Problem::invalid(problems));
        }
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        Ok(InsightFilter {
            from,
            to,
            department: text(&self.department),
            channel,
            category: text(&self.category),
            handler_id,
        })
    }
}

/// A part of a whole, e.g. 12 of 40.
#[derive(Debug, Serialize, ToSchema)]
pub struct Part {
    part: usize,
    of: usize,
}

impl From<Share> for Part {
    fn from(s: Share) -> Self {
        Self { part: s.part, of: s.of }
    }
}

/// A named group and how many complaints it has; `name` null is "none".
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupCount {
    name: Option<String>,
    count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelCount {
    channel: ChannelCode,
    count: usize,
}

/// Complaints received in one month.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthIntake {
    /// YYYY-MM.
    month: String,
    channels: Vec<ChannelCount>,
    categories: Vec<GroupCount>,
}

/// The highest step of the complaint ladder the closed complaints reached.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LadderFigures {
    /// Solved in the contact with the organisation (step 1).
    in_contact: Part,
    /// Solved in complaint handling (step 2).
    complaint_handling: Part,
    /// Went on to the ombudsman (step 3).
    external: Part,
}

/// How the closed complaints were handled.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HandlingFigures {
    informal: usize,
    formal: usize,
    /// Not handled under Awb 9:8.
    not_handled: usize,
    /// Sent on to the competent body (Awb 2:3).
    forwarded: usize,
}

/// Lead times of the closed complaints, in calendar days from receipt.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadTimeFigures {
    closed: usize,
    median_days: Option<i64>,
    p90_days: Option<i64>,
    /// Formal complaints closed within the term of Awb 9:11.
    within_term: Part,
    /// Formal complaints whose term was postponed.
    postponed: Part,
}

/// Verdicts per complaint part.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VerdictFigures {
    well_founded: usize,
    unfounded: usize,
    no_judgment: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroundCount {
    ground: NotHandlingGroundCode,
    count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NormCount {
    norm: NormCode,
    count: usize,
}

/// The dashboard's figures. Intake figures count complaints received in the
/// period; outcome figures count those closed in it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InsightFigures {
    #[schema(value_type = String, format = Date)]
    from: Date,
    #[schema(value_type = String, format = Date)]
    to: Date,
    received: usize,
    per_month: Vec<MonthIntake>,
    by_channel: Vec<ChannelCount>,
    by_category: Vec<GroupCount>,
    by_department: Vec<GroupCount>,
    /// Formal complaints received in the period, open today past their term.
    overdue: Part,
    closed: usize,
    ladder: LadderFigures,
    handling: HandlingFigures,
    lead_times: LeadTimeFigures,
    verdicts: VerdictFigures,
    not_handling: Vec<GroundCount>,
    /// Norms named on well-founded parts, most first.
    norms_violated: Vec<NormCount>,
    commitments_kept: Part,
    satisfaction: Part,
    reopened: usize,
    ombudsman: usize,
    ombudsman_concluded: usize,
}

fn figures(i: Insight, filter: &InsightFilter) -> InsightFigures {
    let groups =
        |g: Vec<(Option<String>, usize)>| g.into_iter().map(|(name, count)| GroupCount { name, count }).collect();
    let channels = |c: Vec<(Channel, usize)>| {
        c.into_iter().map(|(c, count)| ChannelCount { channel: ChannelCode(c), count }).collect()
    };
    let ladder = |n: usize| i.ladder.get(n).map_or(Part { part: 0, of: i.closed }, |(_, s)| Part::from(*s));
    let handled = |h: Handling| i.handling.iter().find(|(x, _)| *x == h).map_or(0, |(_, n)| *n);
    let verdict = |n: usize| i.verdicts.get(n).map_or(0, |(_, k)| *k);
    let mut categories_per_month = i.by_month_category.into_iter().collect::<std::collections::BTreeMap<_, _>>();
    InsightFigures {
        from: filter.from,
        to: filter.to,
        received: i.received,
        per_month: i
            .by_month
            .into_iter()
            .map(|(month, per)| MonthIntake {
                month: format!("{}-{:02}", month / 100, month % 100),
                channels: channels(per),
                categories: groups(categories_per_month.remove(&month).unwrap_or_default()),
            })
            .collect(),
        by_channel: channels(i.by_channel),
        by_category: groups(i.by_category),
        by_department: groups(i.by_department),
        overdue: i.overdue.into(),
        closed: i.closed,
        ladder: LadderFigures { in_contact: ladder(0), complaint_handling: ladder(1), external: ladder(2) },
        handling: HandlingFigures {
            informal: handled(Handling::Informal),
            formal: handled(Handling::Formal),
            not_handled: handled(Handling::NotHandled),
            forwarded: handled(Handling::Forwarded),
        },
        lead_times: LeadTimeFigures {
            closed: i.lead_times.closed,
            median_days: i.lead_times.median_days,
            p90_days: i.lead_times.p90_days,
            within_term: i.lead_times.within_term.into(),
            postponed: i.lead_times.postponed.into(),
        },
        verdicts: VerdictFigures { well_founded: verdict(0), unfounded: verdict(1), no_judgment: verdict(2) },
        not_handling: i
            .not_handling
            .into_iter()
            .map(|(g, count)| GroundCount { ground: NotHandlingGroundCode(g), count })
            .collect(),
        norms_violated: i.norms_violated.into_iter().map(|(n, count)| NormCount { norm: NormCode(n), count }).collect(),
        commitments_kept: i.commitments_kept.into(),
        satisfaction: i.satisfaction.into(),
        reopened: i.reopened,
        ombudsman: i.ombudsman,
        ombudsman_concluded: i.ombudsman_concluded,
    }
}

#[utoipa::path(
    get,
    path = "/v1/inzicht",
    operation_id = "getInsight",
    tag = "inzicht",
    params(InsightParams),
    security(("apiToken" = [])),
    responses(
        (status = 200, body = InsightFigures),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_insight(
    State(state): State<AppState>,
    Integration(token): Integration,
    params: Result<Query<InsightParams>, QueryRejection>,
) -> Result<axum::Json<InsightFigures>, Problem> {
    let Query(params) = params.map_err(|e| {
        Problem::bad_request("invalid_query", format!("Onbekende of ongeldige queryparameter: {}", e.body_text()))
    })?;
    let today = date_in_amsterdam(state.clock.now());
    let filter = params.to_filter(today)?;
    tracing::info!(action = "get_insight", actor = %token.id, origin = "api");
    let insight = state.store.insight(&filter, today).await?;
    Ok(axum::Json(figures(insight, &filter)))
}

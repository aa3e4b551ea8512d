//! `/v1/normen`: the 22 propriety norms a judgment is tested against.

use axum::{http::header, response::IntoResponse};
use gehoord_domain::norm::Norm;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{CoreValueCode, NormCode};

/// The propriety norms (*behoorlijkheidsvereisten*) of the Nationale
/// ombudsman's behoorlijkheidswijzer, in the national order.
#[derive(Debug, Serialize, ToSchema)]
pub struct NormList {
    items: Vec<NormItem>,
}

/// One propriety norm.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NormItem {
    /// The stable code, as used in a judgment's `norms`.
    code: NormCode,
    /// The norm's number in the behoorlijkheidswijzer, 1–22.
    number: u8,
    /// The Dutch name.
    label: String,
    core_value: CoreValueItem,
    /// What the norm asks of the organisation, in one Dutch sentence.
    explanation: String,
}

/// One of the four core values the norms are grouped under.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoreValueItem {
    code: CoreValueCode,
    /// The Dutch name.
    label: String,
}

/// List the 22 propriety norms.
///
/// Public, like the complaint form. The codes are those of a judgment's `norms`.
#[utoipa::path(
    get,
    path = "/v1/normen",
    operation_id = "listNorms",
    tag = "normen",
    responses((status = 200, body = NormList))
)]
pub async fn list_norms() -> impl IntoResponse {
    let items = Norm::ALL
        .into_iter()
        .map(|n| NormItem {
            code: NormCode(n),
            number: n.number(),
            label: n.label().to_owned(),
            core_value: CoreValueItem { code: CoreValueCode(n.core_value()), label: n.core_value().label().to_owned() },
            explanation: n.explanation().to_owned(),
        })
        .collect();
    ([(header::CACHE_CONTROL, "public, max-age=300")], axum::Json(NormList { items }))
}

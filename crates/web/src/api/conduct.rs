//! Conduct protocols (*gedragslijnen*, ombudsvisie §4.6) as read-only parts
//! of `GET /v1/klachten/{id}`: a protocol belongs to a person, so a complaint
//! shows every active protocol of its complainant, whichever of their
//! complaints it was imposed on. Imposing, reviewing and closing for one stay
//! with staff in the case page.

use gehoord_domain::conduct;
use gehoord_store::PersonProtocol;
use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::codes::ContactLimitCode;

/// A conduct protocol: it limits how contact goes, never whether the person
/// can complain or write.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConductProtocol {
    id: Uuid,
    /// The complaint the protocol was imposed on; its events live there.
    imposed_on_complaint: ComplaintRef,
    /// The limits on contact.
    limits: Vec<ContactLimitCode>,
    /// A limit in the handler's own words.
    other_limit: Option<String>,
    /// The unwanted behaviour, named concretely.
    behaviour: String,
    /// Why the protocol is needed.
    reason: String,
    /// Which working agreements were tried first.
    agreements_tried: String,
    /// How contact goes on, as the announcement letter says.
    contact_continues: String,
    /// The first day the protocol applies.
    #[schema(value_type = String, format = Date)]
    from: Date,
    /// The review date now in force: the last review's next date, or the
    /// one set when imposed.
    #[schema(value_type = String, format = Date)]
    review_on: Date,
    /// The reviews so far, oldest first.
    reviews: Vec<ProtocolReview>,
    /// Whether the protocol still applies.
    active: bool,
}

/// A complaint referred to from another.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintRef {
    id: Uuid,
    /// The human reference, e.g. `KL-2026-000042`.
    reference: String,
}

/// A review of a protocol: continue until a next review, or end.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProtocolReview {
    #[schema(value_type = String, format = Date)]
    on: Date,
    note: String,
    /// The next review; null when the review ended the protocol.
    #[schema(value_type = Option<String>, format = Date)]
    next_review_on: Option<Date>,
}

/// Why a complaint was closed because of a protocol; the citizen can still
/// go to the ombudsman.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConductClosure {
    /// The protocol the closure relies on.
    protocol_id: Uuid,
    /// What the citizen is told: why this complaint ends here.
    explanation: String,
    /// The competent ombudsman named in the notice.
    ombudsman: String,
    /// The last day to go to the ombudsman (Awb 9:24).
    #[schema(value_type = String, format = Date)]
    ombudsman_term_until: Date,
}

/// The protocols of a person, as the store found them on any of their cases.
pub fn conduct_protocols(found: Vec<PersonProtocol>) -> Vec<ConductProtocol> {
    found
        .into_iter()
        .map(|p| {
            let review_on = p.record.review_on();
            let active = p.record.is_active();
            let conduct::ProtocolRecord { protocol, reviews, .. } = p.record;
            ConductProtocol {
                id: protocol.id,
                imposed_on_complaint: ComplaintRef { id: p.case_id, reference: p.reference },
                limits: protocol.limits.into_iter().map(ContactLimitCode).collect(),
                other_limit: protocol.other_limit,
                behaviour: protocol.behaviour,
                reason: protocol.reason,
                agreements_tried: protocol.agreements_tried,
                contact_continues: protocol.contact_continues,
                from: protocol.from,
                review_on,
                reviews: reviews
                    .into_iter()
                    .map(|r| ProtocolReview { on: r.on, note: r.note, next_review_on: r.next_review_on })
                    .collect(),
                active,
            }
        })
        .collect()
}

/// The closure of a complaint for a protocol.
pub fn conduct_closure(c: conduct::ConductClosure) -> ConductClosure {
    ConductClosure {
        protocol_id: c.protocol_id,
        explanation: c.explanation,
        ombudsman: c.ombudsman,
        ombudsman_term_until: c.ombudsman_term_until,
    }
}

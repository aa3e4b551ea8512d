//! The terms and the formal handling of a complaint (rule of thumb 4, Awb
//! 9:4–9:16 and step 3) as read-only parts of `GET /v1/klachten/{id}`.
//! Recording them stays with staff in the case page.

use gehoord_domain::{
    Formality, LadderStep,
    case::Rules,
    formal, hearing, judgment, ombudsman,
    terms::{self, Deadlines},
    time::date_in_amsterdam,
};
use gehoord_store::CaseRow;
use jiff::civil::Date;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::codes::{
    HearingSettingCode, HearingWaiverGroundCode, NormCode, NotHandlingGroundCode, ParticipantRoleCode, UrgencyCode,
    VerdictCode,
};

/// The statutory terms of an open complaint in complaint handling: not
/// handling (Awb 9:8 lid 3) and handling (Awb 9:11), counted from receipt with
/// the committee term, the postponement and the complainant's consent as
/// recorded, and extended under the Algemene termijnenwet.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintDeadlines {
    /// The written notice that the complaint will not be handled (Awb 9:8 lid 3).
    not_handling_notice: DeadlineItem,
    /// Handling of the complaint (Awb 9:11).
    decision: DeadlineItem,
}

/// One term: the last day, why it falls there, and how close it is.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineItem {
    /// The last day on which the organisation is on time.
    #[schema(value_type = String, format = Date)]
    date: Date,
    /// Why the deadline falls on this day, in Dutch, e.g. "6 weken na
    /// ontvangst op 23 februari 2026 (Awb 9:11 lid 1), verdaagd met 3 weken
    /// tot …".
    explanation: String,
    /// How close the deadline is today, by the organisation's warning
    /// threshold in working days.
    urgency: UrgencyCode,
}

impl DeadlineItem {
    fn new(deadline: terms::Deadline, today: Date, rules: &Rules) -> Self {
        Self {
            urgency: UrgencyCode(deadline.urgency(today, &rules.calendar, rules.warning_working_days)),
            date: deadline.date,
            explanation: deadline.explanation.to_string(),
        }
    }
}

/// The terms as the case page shows them: only for an open case beyond the
/// contact itself (ladder step 1 has no statutory terms), and none when the
/// recorded procedure cannot be counted.
pub fn deadlines(
    row: &CaseRow,
    formal: &formal::FormalHandling,
    rules: &Rules,
    today: Date,
) -> Option<ComplaintDeadlines> {
    if !row.is_open || row.ladder_step == LadderStep::InContact {
        return None;
    }
    let d = Deadlines::compute(date_in_amsterdam(row.received_at), &formal.procedure(), rules).ok()?;
    Some(ComplaintDeadlines {
        not_handling_notice: DeadlineItem::new(d.not_handling_notice, today, rules),
        decision: DeadlineItem::new(d.decision, today, rules),
    })
}

/// The formal handling of a complaint (rule of thumb 4): Awb 9:8–9:16 and
/// step 3 of the complaint ladder.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FormalHandling {
    /// When formal handling started (RFC 3339); null when only a term or a
    /// decision not to handle was recorded.
    started_at: Option<String>,
    /// Why a judgment was needed.
    start_reason: Option<String>,
    /// Whether the complaint meets Awb 9:4, as assessed when formal handling
    /// started. An informal complaint can still be investigated and judged.
    formal: bool,
    /// The advisory committee of Awb afdeling 9.1.3.
    committee: Option<Committee>,
    /// The one postponement of Awb 9:11 lid 2.
    postponement: Option<Postponement>,
    /// Further delays with the complainant's written consent (Awb 9:11 lid 3).
    consents: Vec<Consent>,
    /// The decision not to handle the complaint (Awb 9:8).
    not_handling: Option<NotHandling>,
    /// The copy of the complaint for the respondent (Awb 9:9).
    respondent_copy: Option<RespondentCopy>,
    /// Hearing sessions (Awb 9:10).
    hearings: Vec<Hearing>,
    /// Why the complainant is not heard (Awb 9:10 lid 2).
    hearing_waiver: Option<HearingWaiver>,
    /// The parts of the complaint, each with its judgment.
    parts: Vec<ComplaintPart>,
    /// The closing findings (Awb 9:12).
    findings: Option<Findings>,
    /// Step 3: the complainant went to the ombudsman.
    ombudsman: Option<OmbudsmanCase>,
}

/// The advisory committee and its advice.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Committee {
    members: Vec<String>,
    /// The committee's report and advice (Awb 9:15 lid 3), once given.
    advice: Option<CommitteeAdvice>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeAdvice {
    #[schema(value_type = String, format = Date)]
    advised_on: Date,
    report: String,
    advice: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Postponement {
    /// At most 4.
    weeks: u32,
    reason: String,
    /// When the complainant was told in writing.
    #[schema(value_type = String, format = Date)]
    complainant_notified_on: Date,
    /// Whether the respondent was told in writing too.
    respondent_notified: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    /// The complainant agreed to a decision by this date.
    #[schema(value_type = String, format = Date)]
    until: Date,
    #[schema(value_type = String, format = Date)]
    given_on: Date,
    /// Where the written consent is, e.g. "e-mail van 3 mei".
    how: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotHandling {
    /// The legal ground: a paragraph of Awb 9:8.
    ground: NotHandlingGroundCode,
    motivation: String,
    /// Whether there was personal contact with the complainant first.
    personal_contact_made: bool,
    /// When the written notice of Awb 9:8 lid 3 was sent.
    #[schema(value_type = String, format = Date)]
    notice_sent_on: Date,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RespondentCopy {
    /// Who received the copy.
    to: String,
    #[schema(value_type = String, format = Date)]
    sent_on: Date,
    enclosures: Option<String>,
}

/// A hearing session, planned or held.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Hearing {
    id: Uuid,
    /// RFC 3339 instant.
    at: String,
    place: String,
    setting: HearingSettingCode,
    /// 1, or 2 when the accounts of complainant and respondent differ.
    round: u8,
    by_committee: bool,
    /// Whether the complainant agreed to a third party being present.
    third_party_consent: bool,
    participants: Vec<HearingParticipant>,
    /// The report, once the session was held (Awb 9:10 lid 3).
    report: Option<HearingReport>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HearingParticipant {
    role: ParticipantRoleCode,
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HearingReport {
    #[schema(value_type = String, format = Date)]
    held_on: Date,
    text: String,
    /// Whether the accounts of complainant and respondent differ.
    accounts_differ: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HearingWaiver {
    /// The legal ground: a paragraph of Awb 9:10 lid 2.
    ground: HearingWaiverGroundCode,
    explanation: String,
}

/// A part of the complaint and its judgment.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintPart {
    id: Uuid,
    description: String,
    /// Null until judged.
    judgment: Option<Judgment>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Judgment {
    verdict: VerdictCode,
    /// Whether the facts could be established.
    facts_established: bool,
    /// Whether the conduct was tested against the rules (lawfulness).
    lawfulness_tested: bool,
    /// The propriety norms the conduct was tested against; see `GET /v1/normen`.
    norms: Vec<NormCode>,
    motivation: String,
    apology: Option<String>,
    compensation: Option<String>,
}

/// What the closing notice says beyond the parts' judgments (Awb 9:12).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Findings {
    conclusions: String,
    /// Why the decision departs from the committee's advice (Awb 9:16 lid 2).
    departure_reason: Option<String>,
    /// The competent ombudsman named in the notice.
    ombudsman: String,
    /// The last day to go to the ombudsman (Awb 9:24).
    #[schema(value_type = String, format = Date)]
    ombudsman_term_until: Date,
}

/// Step 3 of the complaint ladder.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OmbudsmanCase {
    ombudsman: String,
    #[schema(value_type = String, format = Date)]
    requested_on: Date,
    /// The ombudsman's reference.
    reference: Option<String>,
    conclusion: Option<OmbudsmanConclusion>,
}

/// The ombudsman's outcome and the organisation's response.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OmbudsmanConclusion {
    #[schema(value_type = String, format = Date)]
    concluded_on: Date,
    outcome: String,
    recommendations: Option<String>,
    response: String,
}

/// The formal handling, or none while nothing of it has been recorded.
pub fn formal_handling(f: formal::FormalHandling, formal_now: bool) -> Option<FormalHandling> {
    if f == formal::FormalHandling::default() {
        return None;
    }
    let (started_at, start_reason, formal) = match f.started {
        Some(s) => (Some(s.at.to_string()), Some(s.reason), s.formality == Formality::Formal),
        None => (None, None, formal_now),
    };
    Some(FormalHandling {
        started_at,
        start_reason,
        formal,
        committee: f.committee.map(|c| Committee {
            members: c.members,
            advice: c.advice.map(|a| CommitteeAdvice { advised_on: a.on, report: a.report, advice: a.advice }),
        }),
        postponement: f.postponement.map(|p| Postponement {
            weeks: p.weeks,
            reason: p.reason,
            complainant_notified_on: p.complainant_notified_on,
            respondent_notified: p.respondent_notified,
        }),
        consents: f
            .consents
            .into_iter()
            .map(|c| Consent { until: c.until, given_on: c.given_on, how: c.how })
            .collect(),
        not_handling: f.not_handling.map(|n| NotHandling {
            ground: NotHandlingGroundCode(n.ground),
            motivation: n.motivation,
            personal_contact_made: n.personal_contact_made,
            notice_sent_on: n.notice_sent_on,
        }),
        respondent_copy: f.respondent_copy.map(|c| RespondentCopy {
            to: c.to,
            sent_on: c.on,
            enclosures: c.enclosures,
        }),
        hearings: f.hearings.into_iter().map(hearing).collect(),
        hearing_waiver: f
            .waiver
            .map(|w| HearingWaiver { ground: HearingWaiverGroundCode(w.ground), explanation: w.explanation }),
        parts: f
            .parts
            .into_iter()
            .map(|p| ComplaintPart { id: p.id, description: p.description, judgment: p.judgment.map(judgment) })
            .collect(),
        findings: f.findings.map(|x| Findings {
            conclusions: x.conclusions,
            departure_reason: x.departure_reason,
            ombudsman: x.ombudsman,
            ombudsman_term_until: x.ombudsman_term_until,
        }),
        ombudsman: f.ombudsman.map(ombudsman_case),
    })
}

fn hearing(h: hearing::Hearing) -> Hearing {
    Hearing {
        id: h.id,
        at: h.at.to_string(),
        place: h.place,
        setting: HearingSettingCode(h.setting),
        round: h.round,
        by_committee: h.by_committee,
        third_party_consent: h.third_party_consent,
        participants: h
            .participants
            .into_iter()
            .map(|p| HearingParticipant { role: ParticipantRoleCode(p.role), name: p.name })
            .collect(),
        report: h.report.map(|r| HearingReport {
            held_on: r.held_on,
            text: r.text,
            accounts_differ: r.accounts_differ,
        }),
    }
}

fn judgment(j: judgment::Judgment) -> Judgment {
    Judgment {
        verdict: VerdictCode(j.verdict),
        facts_established: j.facts_established,
        lawfulness_tested: j.lawfulness_tested,
        norms: j.norms.into_iter().map(NormCode).collect(),
        motivation: j.motivation,
        apology: j.apology,
        compensation: j.compensation,
    }
}

fn ombudsman_case(o: ombudsman::OmbudsmanCase) -> OmbudsmanCase {
    OmbudsmanCase {
        ombudsman: o.ombudsman,
        requested_on: o.requested_on,
        reference: o.reference,
        conclusion: o.conclusion.map(|c| OmbudsmanConclusion {
            concluded_on: c.concluded_on,
            outcome: c.outcome,
            recommendations: c.recommendations,
            response: c.response,
        }),
    }
}

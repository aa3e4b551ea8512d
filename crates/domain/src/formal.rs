//! Formal handling (rule of thumb 4, Awb 9:4–9:16): judge only when needed,
//! and then by the book.
//!
//! The commands here are decided by [`decide`] and folded by [`apply`],
//! called from [`crate::case`]. Every rule names its article.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    DomainError, Formality, LadderStep, Outcome, Phase,
    case::{Case, Context, EventPayload, Problems, trimmed},
    complainant::clean,
    error::Field,
    hearing::{
        Hearing, HearingReport, HearingSetting, HearingWaiver, HearingWaiverGround, Participant, ParticipantRole,
    },
    judgment::{ComplaintPart, Judgment, Verdict},
    not_handling::{NotHandling, NotHandlingGround, conduct_more_than_a_year_before},
    ombudsman::{OmbudsmanCase, OmbudsmanConclusion, ombudsman_term_end},
    terms::{Deadlines, Procedure, TermError},
    time::date_in_amsterdam,
};

/// A command of formal handling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormalCommand {
    /// Start formal handling. `signed` re-assesses Awb 9:4 (a signature may
    /// have arrived after registration).
    Start {
        reason: String,
        signed: bool,
    },
    /// Awb 9:14: an advisory committee advises on this complaint.
    AppointCommittee {
        members: Vec<String>,
    },
    /// Awb 9:11 lid 2: the one postponement, notified in writing.
    Postpone {
        weeks: u32,
        reason: String,
        complainant_notified_on: Date,
        respondent_notified: bool,
    },
    /// Awb 9:11 lid 3: further delay with the complainant's written consent.
    RecordConsent {
        until: Date,
        given_on: Date,
        how: String,
    },
    /// Awb 9:8: not handling the complaint; closes the case.
    NotHandle {
        decision: NotHandling,
        no_lesson_reason: Option<String>,
    },
    /// Awb 9:9: the respondent received the complaint and its enclosures.
    RecordRespondentCopy {
        to: String,
        on: Date,
        enclosures: Option<String>,
    },
    /// Awb 9:10: plan a hearing session.
    PlanHearing(HearingPlan),
    /// Awb 9:10 lid 3: the report of a session that took place.
    RecordHearingReport {
        id: Uuid,
        report: HearingReport,
    },
    /// Awb 9:10 lid 2: do not hear the complainant, on a legal ground.
    WaiveHearing(HearingWaiver),
    AddPart {
        id: Uuid,
        description: String,
    },
    JudgePart {
        id: Uuid,
        judgment: Judgment,
    },
    /// Awb 9:15 lid 3: the committee's report with its advice.
    RecordCommitteeAdvice {
        on: Date,
        report: String,
        advice: String,
    },
    /// Awb 9:12: close with findings, judgment and conclusions.
    CloseJudged {
        conclusions: String,
        departure_reason: Option<String>,
        no_lesson_reason: Option<String>,
    },
    /// Step 3: the citizen went to the ombudsman (also after closing).
    RecordOmbudsmanRequest {
        ombudsman: String,
        on: Date,
        reference: Option<String>,
    },
    /// Step 3: the ombudsman's outcome and the organisation's response.
    RecordOmbudsmanConclusion(OmbudsmanConclusion),
}

impl FormalCommand {
    /// Step 3 happens after the organisation closed the case.
    #[must_use]
    pub const fn allowed_when_closed(&self) -> bool {
        matches!(self, Self::RecordOmbudsmanRequest { .. } | Self::RecordOmbudsmanConclusion(_))
    }
}

/// What a hearing is planned with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingPlan {
    pub id: Uuid,
    pub at: Timestamp,
    pub place: String,
    pub setting: HearingSetting,
    pub participants: Vec<Participant>,
    pub round: u8,
    pub by_committee: bool,
    pub third_party_consent: bool,
}

/// How formal handling started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormalStart {
    pub at: Timestamp,
    pub reason: String,
    /// Awb 9:4 as assessed when formal handling started. An informal
    /// complaint can still be investigated and judged (Awb 9:2); the
    /// statutory duties then apply as good practice.
    pub formality: Formality,
}

/// The postponement of Awb 9:11 lid 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postponement {
    pub weeks: u32,
    pub reason: String,
    pub complainant_notified_on: Date,
    pub respondent_notified: bool,
}

/// The complainant's written consent to a further delay (Awb 9:11 lid 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub until: Date,
    pub given_on: Date,
    /// Where the written consent is: "e-mail van 3 mei".
    pub how: String,
}

/// Awb 9:9: the copy of the complaint for the respondent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RespondentCopy {
    pub to: String,
    pub on: Date,
    pub enclosures: Option<String>,
}

/// The advisory committee of Awb afdeling 9.1.3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committee {
    pub members: Vec<String>,
    pub advice: Option<CommitteeAdvice>,
}

/// Awb 9:15 lid 3: the committee's report and advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeAdvice {
    pub on: Date,
    pub report: String,
    pub advice: String,
}

/// Awb 9:12: what the closing notice says beyond the parts' judgments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    pub conclusions: String,
    /// Awb 9:16 lid 2: why the decision departs from the committee's advice.
    pub departure_reason: Option<String>,
    /// The competent ombudsman (Awb 9:12 lid 2), from the settings.
    pub ombudsman: String,
    /// The last day to go to the ombudsman (Awb 9:24).
    pub ombudsman_term_until: Date,
}

/// The formal side of a case, as folded from its events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormalHandling {
    pub started: Option<FormalStart>,
    pub committee: Option<Committee>,
    pub postponement: Option<Postponement>,
    pub consents: Vec<Consent>,
    pub not_handling: Option<NotHandling>,
    pub respondent_copy: Option<RespondentCopy>,
    pub hearings: Vec<Hearing>,
    pub waiver: Option<HearingWaiver>,
    pub parts: Vec<ComplaintPart>,
    pub findings: Option<Findings>,
    pub ombudsman: Option<OmbudsmanCase>,
}

impl FormalHandling {
    /// What the deadline engine needs to know.
    #[must_use]
    pub fn procedure(&self) -> Procedure {
        Procedure {
            committee: self.committee.is_some(),
            postponement_weeks: self.postponement.as_ref().map(|p| p.weeks),
            consented_until: self.consents.iter().map(|c| c.until).max(),
        }
    }

    /// Awb 9:10 lid 1: the complainant was heard in a session with a
    /// report, or hearing was waived on a legal ground (lid 2).
    #[must_use]
    pub fn complainant_heard_or_waived(&self) -> bool {
        self.waiver.is_some() || self.heard(ParticipantRole::Complainant)
    }

    /// Whether someone in `role` took part in a session that was held.
    #[must_use]
    pub fn heard(&self, role: ParticipantRole) -> bool {
        self.hearings.iter().any(|h| h.is_held() && h.hears(role))
    }

    /// Whether every part has a judgment (and there is at least one part).
    #[must_use]
    pub fn all_parts_judged(&self) -> bool {
        !self.parts.is_empty() && self.parts.iter().all(|p| p.judgment.is_some())
    }
}

/// The case's deadline for handling under a changed procedure.
fn decision_due(case: &Case, procedure: &Procedure, ctx: &Context) -> Result<Date, TermError> {
    Deadlines::compute(date_in_amsterdam(case.received_at), procedure, &ctx.rules).map(|d| d.decision.date)
}

/// Decides a formal command on an existing case; `case_open` was checked
/// by the caller except for step 3.
pub(crate) fn decide(case: &Case, command: FormalCommand, ctx: &Context) -> Result<Vec<EventPayload>, DomainError> {
    let formal = &case.formal;
    let mut p = Problems::default();
    let started = || formal.started.as_ref().ok_or(DomainError::FormalNotStarted);
    let payload = match command {
        FormalCommand::Start { reason, signed } => {
            if formal.started.is_some() {
                return Err(DomainError::FormalAlreadyStarted);
            }
            p.require(
                &reason,
                Field::Reason,
                "Schrijf op waarom een oordeel nodig is, bijvoorbeeld: er is geen oplossing gevonden.",
            );
            let formality = case.formality_with_signature(signed);
            EventPayload::FormalHandlingStarted { reason: trimmed(&reason), formality }
        }
        FormalCommand::AppointCommittee { members } => {
            started()?;
            if formal.committee.is_some() {
                return Err(DomainError::CommitteeAppointed);
            }
            let members: Vec<String> = members.iter().map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()).collect();
            p.check(!members.is_empty(), Field::Members, "Vul ten minste één lid van de adviescommissie in.");
            // A committee cannot revive a term that has already run out.
            p.check(
                case.decision_due.is_none_or(|due| ctx.today() <= due),
                Field::Members,
                "De termijn voor afhandeling is al verstreken. Een adviescommissie kan de termijn niet meer verlengen.",
            );
            let procedure = Procedure { committee: true, ..formal.procedure() };
            let decision_due = decision_due(case, &procedure, ctx).map_err(term_problem)?;
            EventPayload::CommitteeAppointed { members, decision_due }
        }
        FormalCommand::Postpone { weeks, reason, complainant_notified_on, respondent_notified } => {
            if formal.postponement.is_some() {
                return Err(DomainError::AlreadyPostponed);
            }
            p.require(&reason, Field::Reason, "Schrijf op waarom de behandeling langer duurt.");
            p.past_date(complainant_notified_on, case, ctx, Field::NotifiedOn);
            // Awb 9:11 lid 2: the postponement is notified before the term ends.
            p.check(
                case.decision_due.is_none_or(|due| complainant_notified_on <= due && ctx.today() <= due),
                Field::NotifiedOn,
                "De termijn is al verstreken. Verdagen kan alleen vóór het einde van de termijn; vraag de klager nu om schriftelijke instemming (Awb 9:11 lid 3).",
            );
            p.check(
                respondent_notified || case.respondents.is_empty(),
                Field::RespondentNotified,
                "Laat ook de betrokken medewerker schriftelijk weten dat de behandeling langer duurt (Awb 9:11 lid 2).",
            );
            let procedure = Procedure { postponement_weeks: Some(weeks), ..formal.procedure() };
            let decision_due = decision_due(case, &procedure, ctx).map_err(term_problem)?;
            EventPayload::HandlingPostponed {
                postponement: Postponement {
                    weeks,
                    reason: trimmed(&reason),
                    complainant_notified_on,
                    respondent_notified,
                },
                decision_due,
            }
        }
        FormalCommand::RecordConsent { until, given_on, how } => {
            p.require(
                &how,
                Field::How,
                "Schrijf op waar de schriftelijke instemming staat, bijvoorbeeld: e-mail van 3 mei.",
            );
            p.past_date(given_on, case, ctx, Field::GivenOn);
            if let Some(earlier) = formal.procedure().consented_until {
                p.check(
                    until > earlier,
                    Field::ConsentUntil,
                    &format!(
                        "De klager stemde al in met uitstel tot {}. Vul een latere datum in.",
                        crate::time::DayAndDate(earlier)
                    ),
                );
            }
            let procedure = Procedure { consented_until: Some(until), ..formal.procedure() };
            let decision_due = decision_due(case, &procedure, ctx).map_err(term_problem)?;
            EventPayload::DelayConsented { consent: Consent { until, given_on, how: trimmed(&how) }, decision_due }
        }
        FormalCommand::NotHandle { decision, no_lesson_reason } => {
            return not_handle(case, decision, no_lesson_reason, ctx);
        }
        FormalCommand::RecordRespondentCopy { to, on, enclosures } => {
            started()?;
            p.require(&to, Field::RespondentName, "Vul in wie de kopie van de klacht heeft gekregen.");
            p.past_date(on, case, ctx, Field::SentOn);
            EventPayload::RespondentCopySent(RespondentCopy { to: trimmed(&to), on, enclosures: clean(enclosures) })
        }
        FormalCommand::PlanHearing(plan) => {
            started()?;
            plan_hearing(&mut p, formal, plan)
        }
        FormalCommand::RecordHearingReport { id, report } => {
            let hearing = formal.hearings.iter().find(|h| h.id == id).ok_or(DomainError::UnknownHearing)?;
            if hearing.is_held() {
                return Err(DomainError::HearingReported);
            }
            p.require(&report.text, Field::Report, "Schrijf het verslag van de hoorzitting.");
            p.past_date(report.held_on, case, ctx, Field::HeldOn);
            EventPayload::HearingHeld { id, report: HearingReport { text: trimmed(&report.text), ..report } }
        }
        FormalCommand::WaiveHearing(waiver) => {
            started()?;
            if formal.heard(ParticipantRole::Complainant) {
                return Err(DomainError::ComplainantHeard);
            }
            p.require(&waiver.explanation, Field::Explanation, waiver_prompt(waiver.ground));
            EventPayload::ComplainantHearingWaived(HearingWaiver {
                explanation: trimmed(&waiver.explanation),
                ..waiver
            })
        }
        FormalCommand::AddPart { id, description } => {
            started()?;
            p.require(&description, Field::PartDescription, "Beschrijf het klachtonderdeel in één zin.");
            p.check(
                !formal.parts.iter().any(|part| part.id == id),
                Field::PartDescription,
                "Dit klachtonderdeel bestaat al.",
            );
            EventPayload::ComplaintPartAdded { id, description: trimmed(&description) }
        }
        FormalCommand::JudgePart { id, judgment } => {
            if !formal.parts.iter().any(|part| part.id == id) {
                return Err(DomainError::UnknownPart);
            }
            check_judgment(&mut p, &judgment);
            let judgment = Judgment {
                motivation: trimmed(&judgment.motivation),
                apology: clean(judgment.apology),
                compensation: clean(judgment.compensation),
                ..judgment
            };
            EventPayload::PartJudged { id, judgment }
        }
        FormalCommand::RecordCommitteeAdvice { on, report, advice } => {
            let committee = formal.committee.as_ref().ok_or(DomainError::NoCommittee)?;
            if committee.advice.is_some() {
                return Err(DomainError::AdviceRecorded);
            }
            p.require(
                &report,
                Field::Report,
                "Vul het rapport van de commissie in: wat zij heeft gehoord en gevonden.",
            );
            p.require(&advice, Field::Advice, "Vul het advies van de commissie in.");
            p.past_date(on, case, ctx, Field::AdvisedOn);
            EventPayload::CommitteeAdvised(CommitteeAdvice { on, report: trimmed(&report), advice: trimmed(&advice) })
        }
        FormalCommand::CloseJudged { conclusions, departure_reason, no_lesson_reason } => {
            return close_judged(case, &conclusions, departure_reason, no_lesson_reason, ctx);
        }
        FormalCommand::RecordOmbudsmanRequest { ombudsman, on, reference } => {
            if formal.ombudsman.is_some() {
                return Err(DomainError::OmbudsmanRecorded);
            }
            p.require(&ombudsman, Field::Ombudsman, "Vul in bij welke ombudsman de burger is.");
            p.past_date(on, case, ctx, Field::RequestedOn);
            EventPayload::OmbudsmanApproached(OmbudsmanCase {
                ombudsman: trimmed(&ombudsman),
                requested_on: on,
                reference: clean(reference),
                conclusion: None,
            })
        }
        FormalCommand::RecordOmbudsmanConclusion(c) => {
            let request = formal.ombudsman.as_ref().ok_or(DomainError::NoOmbudsmanRequest)?;
            p.require(&c.outcome, Field::OmbudsmanOutcome, "Vul de uitkomst van de ombudsman in.");
            p.require(
                &c.response,
                Field::Response,
                "Schrijf op wat de organisatie doet met de uitkomst en de aanbevelingen.",
            );
            p.check(
                c.concluded_on <= ctx.today(),
                Field::ConcludedOn,
                "De datum ligt in de toekomst. Kies vandaag of een eerdere dag.",
            );
            p.check(
                c.concluded_on >= request.requested_on,
                Field::ConcludedOn,
                "De datum ligt vóór het verzoek aan de ombudsman. Controleer de datum.",
            );
            EventPayload::OmbudsmanConcluded(OmbudsmanConclusion {
                outcome: trimmed(&c.outcome),
                recommendations: clean(c.recommendations),
                response: trimmed(&c.response),
                ..c
            })
        }
    };
    p.finish()?;
    Ok(vec![payload])
}

/// A term problem belongs to the field that caused it.
fn term_problem(error: TermError) -> DomainError {
    let field = match error {
        TermError::ConsentBeforeDeadline { .. } => Field::ConsentUntil,
        TermError::PostponementTooLong { .. } | TermError::PostponementOfNothing | TermError::BeyondCalendar => {
            Field::Weeks
        }
    };
    DomainError::Invalid(vec![crate::error::FieldError::new(field, error.to_string())])
}

const fn waiver_prompt(ground: HearingWaiverGround) -> &'static str {
    match ground {
        HearingWaiverGround::EvidentlyUnfounded => {
            "Leg uit waarom de klacht kennelijk ongegrond is: dat moet zonder gesprek al duidelijk zijn."
        }
        HearingWaiverGround::ComplainantDeclined => {
            "Schrijf op wanneer en hoe de klager liet weten niet gehoord te willen worden."
        }
        HearingWaiverGround::NoAnswerInTerm => {
            "Schrijf op welke termijn de klager kreeg om te laten weten of hij gehoord wil worden, en wanneer die afliep."
        }
    }
}

/// Awb 9:8: a ground, its motivation, contact first, and the notice of lid 3.
fn not_handle(
    case: &Case,
    decision: NotHandling,
    no_lesson_reason: Option<String>,
    ctx: &Context,
) -> Result<Vec<EventPayload>, DomainError> {
    let mut p = Problems::default();
    p.require(&decision.motivation, Field::Motivation, "Leg uit waarom deze grond van toepassing is op deze klacht.");
    p.check(
        decision.personal_contact_made,
        Field::PersonalContact,
        "Neem eerst persoonlijk contact op met de klager, en bevestig dat hier. Vaak is er toch een oplossing.",
    );
    p.past_date(decision.notice_sent_on, case, ctx, Field::NoticeSentOn);
    if decision.ground == NotHandlingGround::OlderThanOneYear
        && let Some(conduct) = case.conduct_date
    {
        p.check(
            conduct_more_than_a_year_before(conduct, date_in_amsterdam(case.received_at)),
            Field::Ground,
            "De gedraging was niet langer dan een jaar vóór de klacht. Deze grond (Awb 9:8 lid 1 sub b) past dan niet.",
        );
    }
    let no_lesson_reason = p.lesson_or_reason(case, no_lesson_reason);
    p.finish()?;
    Ok(vec![
        EventPayload::NotHandlingDecided(NotHandling { motivation: trimmed(&decision.motivation), ..decision }),
        EventPayload::CaseClosed { outcome: Outcome::NotHandled, no_lesson_reason },
    ])
}

/// Awb 9:10: who is heard, how, and when a second round is allowed.
fn plan_hearing(p: &mut Problems, formal: &FormalHandling, plan: HearingPlan) -> EventPayload {
    let participants: Vec<Participant> = plan
        .participants
        .into_iter()
        .map(|x| Participant { name: x.name.trim().to_owned(), ..x })
        .filter(|x| !x.name.is_empty())
        .collect();
    p.check(!participants.is_empty(), Field::Participants, "Vul in wie er gehoord worden.");
    p.require(
        &plan.place,
        Field::Place,
        "Vul in waar het gesprek is, bijvoorbeeld: gemeentehuis, kamer 2, of telefonisch.",
    );
    let third_party = participants.iter().any(|x| x.role == ParticipantRole::ThirdParty);
    p.check(
        !third_party || plan.third_party_consent,
        Field::ThirdPartyConsent,
        "Vraag de klager eerst of een derde bij het horen mag zijn, en leg de instemming vast.",
    );
    p.check(
        !plan.by_committee || formal.committee.is_some(),
        Field::ByCommittee,
        "Er is geen adviescommissie voor deze klacht. Stel eerst een commissie in.",
    );
    match plan.round {
        1 => {}
        2 => p.check(
            formal.hearings.iter().any(|h| h.report.as_ref().is_some_and(|r| r.accounts_differ)),
            Field::Round,
            "Een tweede ronde is voor als de verhalen van klager en beklaagde verschillen. Leg dat eerst vast in het verslag van de eerste ronde.",
        ),
        _ => p.check(false, Field::Round, "Kies ronde 1 of 2."),
    }
    p.check(!formal.hearings.iter().any(|h| h.id == plan.id), Field::Participants, "Deze hoorzitting bestaat al.");
    EventPayload::HearingPlanned(Hearing {
        id: plan.id,
        at: plan.at,
        place: plan.place.trim().to_owned(),
        setting: plan.setting,
        participants,
        round: plan.round,
        by_committee: plan.by_committee,
        third_party_consent: plan.third_party_consent,
        report: None,
    })
}

/// A verdict that fits the facts, tested against something, with reasons.
fn check_judgment(p: &mut Problems, judgment: &Judgment) {
    p.require(
        &judgment.motivation,
        Field::Motivation,
        "Motiveer het oordeel: wat is er gebeurd, en waaraan is het getoetst?",
    );
    p.check(
        judgment.facts_established || judgment.verdict == Verdict::NoJudgment,
        Field::Verdict,
        "De feiten zijn niet vast te stellen. Kies dan \"geen oordeel\": \"ongegrond\" zou zeggen dat de klager ongelijk heeft, en dat weet u niet.",
    );
    p.check(
        judgment.verdict == Verdict::NoJudgment || judgment.lawfulness_tested || !judgment.norms.is_empty(),
        Field::Norms,
        "Kies de behoorlijkheidsvereisten waaraan u het gedrag hebt getoetst, of geef aan dat u aan de regels hebt getoetst.",
    );
}

/// Awb 9:12: every part judged, complainant heard or waived (9:10), the
/// respondent's copy (9:9) and hearing, the committee's advice (9:16), the
/// conclusions, and a lesson.
fn close_judged(
    case: &Case,
    conclusions: &str,
    departure_reason: Option<String>,
    no_lesson_reason: Option<String>,
    ctx: &Context,
) -> Result<Vec<EventPayload>, DomainError> {
    let formal = &case.formal;
    formal.started.as_ref().ok_or(DomainError::FormalNotStarted)?;
    let mut p = Problems::default();
    p.check(
        !formal.parts.is_empty(),
        Field::Parts,
        "Voeg ten minste één klachtonderdeel toe en geef er een oordeel over.",
    );
    p.check(
        formal.parts.is_empty() || formal.all_parts_judged(),
        Field::Parts,
        "Geef een oordeel over elk klachtonderdeel.",
    );
    p.check(
        formal.complainant_heard_or_waived(),
        Field::Hearing,
        "Hoor de klager, of leg vast op welke grond dat niet hoeft (Awb 9:10).",
    );
    let has_respondent = !case.respondents.is_empty();
    p.check(
        !has_respondent || formal.respondent_copy.is_some(),
        Field::RespondentCopy,
        "Leg vast dat de betrokken medewerker een kopie van de klacht heeft gekregen (Awb 9:9).",
    );
    p.check(
        !has_respondent || formal.heard(ParticipantRole::Respondent),
        Field::Hearing,
        "Geef ook de betrokken medewerker de gelegenheid om gehoord te worden, en maak er een verslag van (Awb 9:10).",
    );
    p.check(
        crate::evidence::recordings_disclosed(case),
        Field::Evidence,
        "Laat de betrokken medewerker weten dat er een geluidsopname is, en laat hem die horen voordat u oordeelt (fair play).",
    );
    let departure_reason = clean(departure_reason);
    if let Some(committee) = &formal.committee {
        p.check(
            committee.advice.is_some(),
            Field::Advice,
            "Leg eerst het rapport en het advies van de adviescommissie vast (Awb 9:15).",
        );
    } else {
        p.check(
            departure_reason.is_none(),
            Field::DepartureReason,
            "Er is geen adviescommissie, dus ook geen advies om van af te wijken.",
        );
    }
    p.require(
        conclusions,
        Field::Conclusions,
        "Schrijf de conclusies op: wat betekent het oordeel voor de klager, en wat gaat de organisatie doen?",
    );
    let no_lesson_reason = p.lesson_or_reason(case, no_lesson_reason);
    p.finish()?;
    let today = ctx.today();
    Ok(vec![
        EventPayload::FindingsConcluded(Findings {
            conclusions: trimmed(conclusions),
            departure_reason,
            ombudsman: ctx.rules.ombudsman.clone(),
            ombudsman_term_until: ombudsman_term_end(today),
        }),
        EventPayload::CaseClosed { outcome: Outcome::Judged, no_lesson_reason },
    ])
}

/// Folds a formal event; other events are left to [`crate::case::apply`].
pub(crate) fn apply(case: &mut Case, payload: &EventPayload, at: Timestamp) {
    let formal = &mut case.formal;
    match payload {
        EventPayload::FormalHandlingStarted { reason, formality } => {
            formal.started = Some(FormalStart { at, reason: reason.clone(), formality: formality.clone() });
            case.formality = formality.clone();
            case.ladder_step = case.ladder_step.max(LadderStep::ComplaintHandling);
            case.phase = case.phase.max(Phase::Judge);
        }
        EventPayload::CommitteeAppointed { members, decision_due } => {
            formal.committee = Some(Committee { members: members.clone(), advice: None });
            case.decision_due = Some(*decision_due);
        }
        EventPayload::HandlingPostponed { postponement, decision_due } => {
            formal.postponement = Some(postponement.clone());
            case.decision_due = Some(*decision_due);
        }
        EventPayload::DelayConsented { consent, decision_due } => {
            formal.consents.push(consent.clone());
            case.decision_due = Some(*decision_due);
        }
        EventPayload::NotHandlingDecided(n) => formal.not_handling = Some(n.clone()),
        EventPayload::RespondentCopySent(c) => formal.respondent_copy = Some(c.clone()),
        EventPayload::HearingPlanned(h) => formal.hearings.push(h.clone()),
        EventPayload::HearingHeld { id, report } => {
            if let Some(h) = formal.hearings.iter_mut().find(|h| h.id == *id) {
                h.report = Some(report.clone());
            }
        }
        EventPayload::ComplainantHearingWaived(w) => formal.waiver = Some(w.clone()),
        EventPayload::ComplaintPartAdded { id, description } => {
            formal.parts.push(ComplaintPart { id: *id, description: description.clone(), judgment: None });
        }
        EventPayload::PartJudged { id, judgment } => {
            if let Some(part) = formal.parts.iter_mut().find(|part| part.id == *id) {
                part.judgment = Some(judgment.clone());
            }
        }
        EventPayload::CommitteeAdvised(advice) => {
            if let Some(committee) = &mut formal.committee {
                committee.advice = Some(advice.clone());
            }
        }
        EventPayload::FindingsConcluded(f) => formal.findings = Some(f.clone()),
        EventPayload::OmbudsmanApproached(o) => {
            formal.ombudsman = Some(o.clone());
            case.ladder_step = LadderStep::External;
        }
        EventPayload::OmbudsmanConcluded(c) => {
            if let Some(o) = &mut formal.ombudsman {
                o.conclusion = Some(c.clone());
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::{Date, date};

    use super::*;
    use crate::{
        Actor, CaseState, Channel, Command,
        error::Field,
        formality::FormalRequirement,
        lesson::{Learner, Lesson, LessonLevel},
        norm::Norm,
        test_support::{Flow, at, formal, id, respondent},
    };

    fn postpone(weeks: u32, notified_on: Date) -> Command {
        formal(FormalCommand::Postpone {
            weeks,
            reason: "Getuige is op vakantie".into(),
            complainant_notified_on: notified_on,
            respondent_notified: true,
        })
    }

    fn plan(n: u128, participants: &[(ParticipantRole, &str)], round: u8) -> HearingPlan {
        HearingPlan {
            id: id(n),
            at: at(date(2026, 3, 10)),
            place: "Stadhuis, kamer 2".into(),
            setting: HearingSetting::Together,
            participants: participants
                .iter()
                .map(|(role, name)| Participant { role: *role, name: (*name).into() })
                .collect(),
            round,
            by_committee: false,
            third_party_consent: false,
        }
    }

    fn report(held_on: Date, accounts_differ: bool) -> HearingReport {
        HearingReport { held_on, text: "Beide partijen vertelden hun verhaal.".into(), accounts_differ }
    }

    fn judgment(verdict: Verdict, facts_established: bool, norms: &[Norm]) -> Judgment {
        Judgment {
            verdict,
            facts_established,
            lawfulness_tested: false,
            norms: norms.to_vec(),
            motivation: "Uit het verslag blijkt wat er is gebeurd.".into(),
            apology: None,
            compensation: None,
        }
    }

    #[test]
    fn awb_9_11_decision_term_is_recorded_at_receipt_and_skips_easter_monday() {
        let flow = Flow::new(true, None);
        assert_eq!(flow.case().decision_due, Some(date(2026, 4, 7)));
    }

    #[test]
    fn rule_of_thumb_4_starting_formal_handling_moves_to_judging_and_reassesses_awb_9_4() {
        let mut flow = Flow::new(false, None);
        assert_eq!(flow.case().formality, Formality::Informal { missing: vec![FormalRequirement::Signed] });
        assert_eq!(flow.fields(formal(FormalCommand::Start { reason: " ".into(), signed: true })), [Field::Reason]);
        flow.ok(formal(FormalCommand::Start { reason: "De klager wil een oordeel".into(), signed: true }));
        assert_eq!(flow.case().phase, Phase::Judge);
        assert!(flow.case().formality.is_formal(), "the signature arrived later");
        assert_eq!(
            flow.run(formal(FormalCommand::Start { reason: "Nog eens".into(), signed: true })),
            Err(DomainError::FormalAlreadyStarted)
        );
    }

    #[test]
    fn awb_9_2_an_oral_complaint_can_be_judged_but_stays_informal() {
        let mut flow = Flow::new(false, None);
        flow.state = CaseState::Registered(Box::new(Case { channel: Channel::Phone, ..flow.case().clone() }));
        flow.ok(formal(FormalCommand::Start { reason: "Oordeel gevraagd".into(), signed: true }));
        assert!(!flow.case().formality.is_formal());
        assert_eq!(flow.case().phase, Phase::Judge);
    }

    #[test]
    fn awb_9_11_lid_2_one_postponement_of_at_most_four_weeks_recomputes_the_deadline() {
        let mut flow = Flow::started();
        flow.ok(respondent());
        assert_eq!(flow.fields(postpone(5, date(2026, 3, 2))), [Field::Weeks]);
        let unnotified = formal(FormalCommand::Postpone {
            weeks: 2,
            reason: "Drukte".into(),
            complainant_notified_on: date(2026, 3, 2),
            respondent_notified: false,
        });
        assert_eq!(flow.fields(unnotified), [Field::RespondentNotified]);
        let events = flow.ok(postpone(4, date(2026, 3, 2)));
        // 6 weeks end on Monday 6 April (unextended), plus 4 weeks: Monday 4 May.
        assert!(
            matches!(events[0].payload, EventPayload::HandlingPostponed { decision_due, .. } if decision_due == date(2026, 5, 4))
        );
        assert_eq!(flow.case().decision_due, Some(date(2026, 5, 4)));
        assert_eq!(flow.run(postpone(1, date(2026, 3, 2))), Err(DomainError::AlreadyPostponed));
    }

    #[test]
    fn awb_9_11_lid_2_postponing_after_the_term_has_ended_is_refused() {
        let mut flow = Flow::started();
        flow.today = date(2026, 4, 7);
        assert!(flow.run(postpone(2, date(2026, 4, 7))).is_ok(), "the last day is still in time");
        let mut late = Flow::started();
        late.today = date(2026, 4, 8);
        assert_eq!(late.fields(postpone(2, date(2026, 4, 8))), [Field::NotifiedOn]);
    }

    #[test]
    fn awb_9_11_lid_3_consent_extends_but_never_shortens() {
        let mut flow = Flow::started();
        let consent = |until| {
            formal(FormalCommand::RecordConsent { until, given_on: date(2026, 3, 2), how: "E-mail van 2 maart".into() })
        };
        assert_eq!(flow.fields(consent(date(2026, 4, 6))), [Field::ConsentUntil]);
        flow.ok(consent(date(2026, 5, 29)));
        assert_eq!(flow.case().decision_due, Some(date(2026, 5, 29)));
        flow.ok(consent(date(2026, 6, 30)));
        assert_eq!(flow.case().decision_due, Some(date(2026, 6, 30)));
        assert_eq!(flow.fields(consent(date(2026, 6, 1))), [Field::ConsentUntil]);
    }

    #[test]
    fn awb_9_11_lid_1_a_committee_makes_the_term_ten_weeks_and_a_postponement_counts_from_there() {
        let mut flow = Flow::started();
        assert_eq!(
            flow.fields(formal(FormalCommand::AppointCommittee { members: vec![" ".into()] })),
            [Field::Members]
        );
        flow.ok(formal(FormalCommand::AppointCommittee { members: vec!["mr. A. Jansen".into(), "B. Kok".into()] }));
        // 10 weeks after 23 February: Monday 4 May (5 May is the holiday).
        assert_eq!(flow.case().decision_due, Some(date(2026, 5, 4)));
        flow.ok(postpone(4, date(2026, 3, 2)));
        assert_eq!(flow.case().decision_due, Some(date(2026, 6, 1)));
        assert_eq!(
            flow.run(formal(FormalCommand::AppointCommittee { members: vec!["C".into()] })),
            Err(DomainError::CommitteeAppointed)
        );
    }

    #[test]
    fn awb_9_14_a_committee_cannot_revive_a_term_that_ended() {
        let mut flow = Flow::started();
        flow.today = date(2026, 4, 8);
        assert_eq!(
            flow.fields(formal(FormalCommand::AppointCommittee { members: vec!["A".into()] })),
            [Field::Members]
        );
    }

    fn not_handle(ground: NotHandlingGround, contact: bool) -> Command {
        formal(FormalCommand::NotHandle {
            decision: NotHandling {
                ground,
                motivation: "De gedraging is van lang geleden.".into(),
                personal_contact_made: contact,
                notice_sent_on: date(2026, 3, 2),
            },
            no_lesson_reason: Some("Niets nieuws".into()),
        })
    }

    #[test]
    fn awb_9_8_not_handling_needs_contact_first_and_closes_with_the_ground() {
        let mut flow = Flow::new(true, Some(date(2024, 5, 1)));
        flow.today = date(2026, 3, 2);
        assert_eq!(flow.fields(not_handle(NotHandlingGround::OlderThanOneYear, false)), [Field::PersonalContact]);
        flow.ok(not_handle(NotHandlingGround::OlderThanOneYear, true));
        let case = flow.case();
        assert_eq!(case.outcome, Some(Outcome::NotHandled));
        assert!(!case.is_open());
        assert_eq!(case.formal.not_handling.as_ref().map(|n| n.ground), Some(NotHandlingGround::OlderThanOneYear));
    }

    #[test]
    fn awb_9_8_lid_1_b_refused_for_conduct_within_the_year_and_accepted_366_days_back() {
        // Received 23 February 2026; 366 days earlier is 22 February 2025.
        let mut recent = Flow::new(true, Some(date(2025, 2, 23)));
        recent.today = date(2026, 3, 2);
        assert_eq!(recent.fields(not_handle(NotHandlingGround::OlderThanOneYear, true)), [Field::Ground]);
        let mut old = Flow::new(true, Some(date(2025, 2, 22)));
        old.today = date(2026, 3, 2);
        assert!(old.run(not_handle(NotHandlingGround::OlderThanOneYear, true)).is_ok());
        // Without a conduct date the handler's judgment stands.
        let mut unknown = Flow::new(true, None);
        unknown.today = date(2026, 3, 2);
        assert!(unknown.run(not_handle(NotHandlingGround::OlderThanOneYear, true)).is_ok());
    }

    #[test]
    fn awb_9_8_every_ground_needs_a_motivation_a_notice_date_and_a_lesson_or_reason() {
        let mut flow = Flow::new(true, None);
        flow.today = date(2026, 3, 2);
        let command = formal(FormalCommand::NotHandle {
            decision: NotHandling {
                ground: NotHandlingGround::InsufficientInterest,
                motivation: " ".into(),
                personal_contact_made: true,
                notice_sent_on: date(2026, 3, 3),
            },
            no_lesson_reason: None,
        });
        assert_eq!(flow.fields(command), [Field::Motivation, Field::NoticeSentOn, Field::NoLessonReason]);
    }

    #[test]
    fn awb_9_9_respondent_copy_needs_formal_handling() {
        let mut flow = Flow::new(true, None);
        flow.today = date(2026, 3, 2);
        let copy = || {
            formal(FormalCommand::RecordRespondentCopy {
                to: "Piet Smit".into(),
                on: date(2026, 3, 2),
                enclosures: None,
            })
        };
        assert_eq!(flow.run(copy()), Err(DomainError::FormalNotStarted));
        let mut flow = Flow::started();
        flow.ok(copy());
        assert_eq!(flow.case().formal.respondent_copy.as_ref().map(|c| c.to.as_str()), Some("Piet Smit"));
    }

    #[test]
    fn awb_9_10_third_parties_only_with_the_complainants_agreement() {
        let mut flow = Flow::started();
        let mut with_neighbour =
            plan(1, &[(ParticipantRole::Complainant, "Fatima"), (ParticipantRole::ThirdParty, "Buurman")], 1);
        assert_eq!(flow.fields(formal(FormalCommand::PlanHearing(with_neighbour.clone()))), [Field::ThirdPartyConsent]);
        with_neighbour.third_party_consent = true;
        flow.ok(formal(FormalCommand::PlanHearing(with_neighbour)));
        assert_eq!(flow.case().formal.hearings.len(), 1);
    }

    #[test]
    fn awb_9_10_a_second_round_only_when_accounts_differ() {
        let mut flow = Flow::started();
        let both = [(ParticipantRole::Complainant, "Fatima"), (ParticipantRole::Respondent, "Piet")];
        flow.ok(formal(FormalCommand::PlanHearing(plan(1, &both, 1))));
        assert_eq!(flow.fields(formal(FormalCommand::PlanHearing(plan(2, &both, 2)))), [Field::Round]);
        flow.today = date(2026, 3, 10);
        flow.ok(formal(FormalCommand::RecordHearingReport { id: id(1), report: report(date(2026, 3, 10), true) }));
        assert!(flow.case().formal.heard(ParticipantRole::Complainant));
        flow.ok(formal(FormalCommand::PlanHearing(plan(2, &both, 2))));
        assert_eq!(
            flow.run(formal(FormalCommand::RecordHearingReport {
                id: id(1),
                report: report(date(2026, 3, 10), false)
            })),
            Err(DomainError::HearingReported)
        );
        assert_eq!(
            flow.run(formal(FormalCommand::RecordHearingReport {
                id: id(9),
                report: report(date(2026, 3, 10), false)
            })),
            Err(DomainError::UnknownHearing)
        );
    }

    #[test]
    fn awb_9_10_a_report_cannot_predate_the_complaint_or_lie_ahead() {
        let mut flow = Flow::started();
        flow.ok(formal(FormalCommand::PlanHearing(plan(1, &[(ParticipantRole::Complainant, "Fatima")], 1))));
        let early = formal(FormalCommand::RecordHearingReport { id: id(1), report: report(date(2026, 2, 20), false) });
        assert_eq!(flow.fields(early), [Field::HeldOn]);
        let ahead = formal(FormalCommand::RecordHearingReport { id: id(1), report: report(date(2026, 3, 3), false) });
        assert_eq!(flow.fields(ahead), [Field::HeldOn]);
    }

    #[test]
    fn awb_9_10_lid_2_waiving_the_hearing_on_a_legal_ground_with_an_explanation() {
        let mut flow = Flow::started();
        let waive = |explanation: &str| {
            formal(FormalCommand::WaiveHearing(HearingWaiver {
                ground: HearingWaiverGround::ComplainantDeclined,
                explanation: explanation.into(),
            }))
        };
        assert_eq!(flow.fields(waive("")), [Field::Explanation]);
        flow.ok(waive("Klager zei op 1 maart aan de telefoon geen gesprek te willen."));
        assert!(flow.case().formal.complainant_heard_or_waived());
    }

    #[test]
    fn awb_9_10_lid_2_no_waiver_once_the_complainant_was_heard() {
        let mut flow = Flow::started();
        flow.ok(formal(FormalCommand::PlanHearing(plan(1, &[(ParticipantRole::Complainant, "Fatima")], 1))));
        flow.ok(formal(FormalCommand::RecordHearingReport { id: id(1), report: report(date(2026, 3, 2), false) }));
        let waiver = HearingWaiver { ground: HearingWaiverGround::EvidentlyUnfounded, explanation: "x".into() };
        assert_eq!(flow.run(formal(FormalCommand::WaiveHearing(waiver))), Err(DomainError::ComplainantHeard));
    }

    #[test]
    fn awb_9_15_a_committee_hearing_needs_a_committee() {
        let mut flow = Flow::started();
        let mut by_committee = plan(1, &[(ParticipantRole::Complainant, "Fatima")], 1);
        by_committee.by_committee = true;
        assert_eq!(flow.fields(formal(FormalCommand::PlanHearing(by_committee.clone()))), [Field::ByCommittee]);
        flow.ok(formal(FormalCommand::AppointCommittee { members: vec!["A".into()] }));
        flow.ok(formal(FormalCommand::PlanHearing(by_committee)));
    }

    #[test]
    fn awb_9_12_when_facts_cannot_be_established_only_no_judgment_is_allowed() {
        let mut flow = Flow::started();
        flow.ok(formal(FormalCommand::AddPart { id: id(10), description: "Onbeschoft aan de deur".into() }));
        let unfounded = judgment(Verdict::Unfounded, false, &[Norm::DecentTreatment]);
        assert_eq!(flow.fields(formal(FormalCommand::JudgePart { id: id(10), judgment: unfounded })), [Field::Verdict]);
        let well_founded = judgment(Verdict::WellFounded, false, &[Norm::DecentTreatment]);
        assert_eq!(
            flow.fields(formal(FormalCommand::JudgePart { id: id(10), judgment: well_founded })),
            [Field::Verdict]
        );
        flow.ok(formal(FormalCommand::JudgePart { id: id(10), judgment: judgment(Verdict::NoJudgment, false, &[]) }));
        assert!(flow.case().formal.all_parts_judged());
    }

    #[test]
    fn awb_9_12_a_verdict_names_what_it_was_tested_against_and_why() {
        let mut flow = Flow::started();
        flow.ok(formal(FormalCommand::AddPart { id: id(10), description: "Melding kwijt".into() }));
        let mut untested = judgment(Verdict::WellFounded, true, &[]);
        untested.motivation = String::new();
        assert_eq!(
            flow.fields(formal(FormalCommand::JudgePart { id: id(10), judgment: untested.clone() })),
            [Field::Motivation, Field::Norms]
        );
        untested.lawfulness_tested = true;
        untested.motivation = "De regels zijn niet gevolgd.".into();
        flow.ok(formal(FormalCommand::JudgePart { id: id(10), judgment: untested }));
        assert_eq!(
            flow.run(formal(FormalCommand::JudgePart {
                id: id(11),
                judgment: judgment(Verdict::NoJudgment, false, &[])
            })),
            Err(DomainError::UnknownPart)
        );
    }

    fn lesson() -> Command {
        Command::RecordLesson(Lesson {
            id: uuid::Uuid::nil(),
            positive: false,
            level: LessonLevel::Execution,
            learner: Learner::Team,
            text: "Meldingen altijd registreren".into(),
        })
    }

    fn close(departure: Option<&str>) -> Command {
        formal(FormalCommand::CloseJudged {
            conclusions: "Wij bieden excuses aan en registreren meldingen voortaan direct.".into(),
            departure_reason: departure.map(Into::into),
            no_lesson_reason: None,
        })
    }

    #[test]
    fn awb_9_12_closing_lists_everything_still_missing() {
        let mut flow = Flow::started();
        flow.ok(respondent());
        let empty = formal(FormalCommand::CloseJudged {
            conclusions: " ".into(),
            departure_reason: None,
            no_lesson_reason: None,
        });
        assert_eq!(
            flow.fields(empty),
            [
                Field::Parts,
                Field::Hearing,
                Field::RespondentCopy,
                Field::Hearing,
                Field::Conclusions,
                Field::NoLessonReason
            ]
        );
    }

    #[test]
    fn awb_9_12_the_formal_journey_closes_judged_with_the_ombudsman_and_its_term() {
        let mut flow = Flow::started();
        flow.rules.ombudsman = "de Gemeentelijke Ombudsman".into();
        flow.ok(respondent());
        flow.ok(formal(FormalCommand::RecordRespondentCopy {
            to: "Piet Smit".into(),
            on: date(2026, 3, 2),
            enclosures: Some("Foto".into()),
        }));
        let both = [(ParticipantRole::Complainant, "Fatima"), (ParticipantRole::Respondent, "Piet")];
        flow.ok(formal(FormalCommand::PlanHearing(plan(1, &both, 1))));
        flow.today = date(2026, 3, 10);
        flow.ok(formal(FormalCommand::RecordHearingReport { id: id(1), report: report(date(2026, 3, 10), false) }));
        flow.ok(formal(FormalCommand::AddPart { id: id(10), description: "Melding kwijt".into() }));
        flow.ok(formal(FormalCommand::AddPart { id: id(11), description: "Onbeschoft".into() }));
        let mut well_founded = judgment(Verdict::WellFounded, true, &[Norm::Organisation, Norm::Reliability]);
        well_founded.apology = Some("Excuses voor de kwijtgeraakte melding".into());
        flow.ok(formal(FormalCommand::JudgePart { id: id(10), judgment: well_founded }));
        assert_eq!(flow.fields(close(None)), [Field::Parts, Field::NoLessonReason]);
        flow.ok(formal(FormalCommand::JudgePart { id: id(11), judgment: judgment(Verdict::NoJudgment, false, &[]) }));
        flow.ok(postpone(2, date(2026, 3, 10)));
        flow.ok(lesson());
        assert_eq!(flow.fields(close(Some("Anders"))), [Field::DepartureReason]);
        flow.today = date(2026, 3, 20);
        flow.ok(close(None));
        let case = flow.case();
        assert_eq!(case.outcome, Some(Outcome::Judged));
        assert_eq!(case.phase, Phase::Close);
        let findings = case.formal.findings.as_ref().unwrap();
        assert_eq!(findings.ombudsman, "de Gemeentelijke Ombudsman");
        assert_eq!(findings.ombudsman_term_until, date(2027, 3, 20));
        assert_eq!(
            flow.run(formal(FormalCommand::AddPart { id: id(12), description: "x".into() })),
            Err(DomainError::CaseClosed)
        );
    }

    #[test]
    fn awb_9_16_closing_after_committee_advice_and_departing_needs_no_extra_when_following_it() {
        let mut flow = Flow::started();
        flow.ok(formal(FormalCommand::AppointCommittee { members: vec!["A".into()] }));
        flow.ok(formal(FormalCommand::WaiveHearing(HearingWaiver {
            ground: HearingWaiverGround::NoAnswerInTerm,
            explanation: "Brief van 1 maart, termijn 2 weken".into(),
        })));
        flow.ok(formal(FormalCommand::AddPart { id: id(10), description: "Melding kwijt".into() }));
        flow.ok(formal(FormalCommand::JudgePart {
            id: id(10),
            judgment: judgment(Verdict::Unfounded, true, &[Norm::Promptness]),
        }));
        flow.ok(lesson());
        assert_eq!(flow.fields(close(None)), [Field::Advice]);
        let advice = |on| {
            formal(FormalCommand::RecordCommitteeAdvice { on, report: "Rapport".into(), advice: "Gegrond".into() })
        };
        assert_eq!(flow.fields(advice(date(2026, 3, 3))), [Field::AdvisedOn]);
        flow.ok(advice(date(2026, 3, 2)));
        assert_eq!(flow.run(advice(date(2026, 3, 2))), Err(DomainError::AdviceRecorded));
        flow.ok(close(Some("Het advies ging uit van een onjuist feit: de melding is wel geregistreerd.")));
        let findings = flow.case().formal.findings.clone().unwrap();
        assert!(findings.departure_reason.is_some());
    }

    #[test]
    fn step_3_the_ombudsman_after_closing_moves_the_case_to_step_three() {
        let mut flow = Flow::new(true, Some(date(2024, 1, 1)));
        flow.today = date(2026, 3, 2);
        flow.ok(not_handle(NotHandlingGround::OlderThanOneYear, true));
        let conclusion = |response: &str| {
            formal(FormalCommand::RecordOmbudsmanConclusion(OmbudsmanConclusion {
                concluded_on: date(2026, 3, 2),
                outcome: "Niet behoorlijk".into(),
                recommendations: Some("Alsnog behandelen".into()),
                response: response.into(),
            }))
        };
        assert_eq!(flow.run(conclusion("Wij volgen het op")), Err(DomainError::NoOmbudsmanRequest));
        flow.ok(formal(FormalCommand::RecordOmbudsmanRequest {
            ombudsman: "de Nationale ombudsman".into(),
            on: date(2026, 3, 2),
            reference: Some("2026.123".into()),
        }));
        assert_eq!(flow.case().ladder_step, LadderStep::External);
        assert_eq!(flow.fields(conclusion(" ")), [Field::Response]);
        flow.ok(conclusion("Wij behandelen de klacht alsnog."));
        assert!(flow.case().formal.ombudsman.as_ref().unwrap().conclusion.is_some());
    }

    #[test]
    fn only_staff_handle_formally() {
        let mut flow = Flow::new(true, None);
        let events = crate::decide(
            &flow.state,
            formal(FormalCommand::Start { reason: "x".into(), signed: true }),
            &Context::new(at(date(2026, 3, 2)), Actor::Citizen),
        );
        assert_eq!(events, Err(DomainError::NotPermitted));
        flow.today = date(2026, 3, 2);
        assert!(flow.run(formal(FormalCommand::Start { reason: "x".into(), signed: true })).is_ok());
    }

    fn evidence(n: u128, media_type: &str, audio: Option<crate::evidence::AudioRecording>) -> Command {
        Command::AddEvidence(crate::evidence::Evidence {
            id: id(n),
            file_name: "opname.mp3".into(),
            media_type: media_type.into(),
            size: 1000,
            sha256: "ab".repeat(32),
            description: "Telefoongesprek van 3 maart".into(),
            source: crate::evidence::EvidenceSource::Complainant,
            audio,
        })
    }

    #[test]
    fn evidence_is_accepted_by_content_type_within_the_size_limit() {
        let mut flow = Flow::started();
        assert_eq!(flow.fields(evidence(1, "application/x-msdownload", None)), [Field::File]);
        let mut huge = evidence(1, "application/pdf", None);
        if let Command::AddEvidence(e) = &mut huge {
            e.size = crate::evidence::MAX_EVIDENCE_BYTES + 1;
            e.description = String::new();
        }
        assert_eq!(flow.fields(huge), [Field::File, Field::EvidenceDescription]);
        flow.ok(evidence(1, "application/pdf", None));
        assert_eq!(flow.fields(evidence(1, "application/pdf", None)), [Field::File], "the same file twice");
        assert_eq!(flow.case().evidence.len(), 1);
    }

    #[test]
    fn fair_play_a_recording_says_whether_it_was_announced_and_is_disclosed_before_a_judgment() {
        let mut flow = Flow::started();
        flow.ok(respondent());
        assert_eq!(flow.fields(evidence(2, "audio/mpeg", None)), [Field::Announced]);
        let unannounced = crate::evidence::AudioRecording {
            announced: false,
            respondent_told_on: None,
            respondent_could_listen: false,
        };
        flow.ok(evidence(2, "audio/mpeg", Some(unannounced)));
        assert_eq!(
            flow.run(Command::DiscloseRecording { id: id(9), told_on: date(2026, 3, 2), could_listen: true }),
            Err(DomainError::UnknownEvidence)
        );
        flow.ok(evidence(3, "application/pdf", None));
        assert_eq!(
            flow.run(Command::DiscloseRecording { id: id(3), told_on: date(2026, 3, 2), could_listen: true }),
            Err(DomainError::NotARecording)
        );
        let close = formal(FormalCommand::CloseJudged {
            conclusions: "x".into(),
            departure_reason: None,
            no_lesson_reason: Some("y".into()),
        });
        assert!(flow.fields(close.clone()).contains(&Field::Evidence));
        flow.ok(Command::DiscloseRecording { id: id(2), told_on: date(2026, 3, 2), could_listen: true });
        assert!(!flow.fields(close).contains(&Field::Evidence));
        let audio = flow.case().evidence[0].audio.clone().unwrap();
        assert_eq!(
            (audio.announced, audio.respondent_told_on, audio.respondent_could_listen),
            (false, Some(date(2026, 3, 2)), true)
        );
    }
}

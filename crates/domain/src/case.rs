//! The case aggregate: commands, events, `decide` and `apply`.
//!
//! All rules live in [`decide`]; [`apply`] only folds facts that were already
//! accepted and therefore never fails. Events are stored as versioned JSON and
//! never changed; a new shape gets a new version and an upcaster in
//! [`EventPayload::decode`].

use jiff::{SignedDuration, Timestamp, civil::Date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    Actor, CaseReference, Channel, Complainant, DomainError, Formality, LadderStep, Outcome, Phase,
    calendar::Calendar,
    citizen::{self, AddedInformation, CitizenCommand, Feedback, ReopenRequest},
    commitment::{Commitment, CommitmentStatus},
    complainant::clean,
    conduct::{self, ConductClosure, ConductProtocol, ProtocolRecord, ProtocolReview},
    contact::{Contact, Initiative},
    error::{Field, FieldError},
    escalation::{Escalation, EscalationAnswer, EscalationReason},
    evidence::{self, Evidence},
    formal::{self, CommitteeAdvice, Consent, Findings, FormalCommand, FormalHandling, Postponement, RespondentCopy},
    forwarding::{ControlAnswer, Forwarding},
    hearing::{Hearing, HearingReport, HearingWaiver},
    judgment::Judgment,
    learning::{self, LearningCommand, LinkedLesson, Signal},
    lesson::Lesson,
    letter::{self, Letter, Override, SentLetter},
    not_handling::NotHandling,
    ombudsman::{DEFAULT_OMBUDSMAN, OmbudsmanCase, OmbudsmanConclusion},
    respondent::{Respondent, is_impartial},
    solution::Solution,
    terms::{Deadlines, Procedure},
    time::{DayAndDate, LongDate, date_in_amsterdam},
};

/// A case's identity (UUIDv7, made by the adapter that registers it).
pub type CaseId = Uuid;

/// The organisation's rules that decisions depend on: the holiday calendar
/// and its service norms. Kept as data (DOMAIN.md: rules that change are
/// data, not code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub calendar: Calendar,
    /// Service norm: personal contact within this many working days after
    /// receipt (an organisation's own norm, so counted in working days and
    /// not extended under the Algemene termijnenwet).
    pub first_contact_working_days: u32,
    /// Warn this many working days before a legal deadline.
    pub warning_working_days: u32,
    /// The competent ombudsman (Awb 9:17), named in closing letters.
    pub ombudsman: String,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            calendar: Calendar::default(),
            first_contact_working_days: 2,
            warning_working_days: crate::terms::ServiceNorms::DEFAULT_WARNING_WORKING_DAYS,
            ombudsman: DEFAULT_OMBUDSMAN.to_owned(),
        }
    }
}

/// Outside facts a decision may depend on.
#[derive(Debug, Clone)]
pub struct Context {
    pub now: Timestamp,
    pub actor: Actor,
    pub rules: Rules,
}

impl Context {
    /// A context with the default rules (statutory holidays only, contact
    /// within 2 working days).
    #[must_use]
    pub fn new(now: Timestamp, actor: Actor) -> Self {
        Self { now, actor, rules: Rules::default() }
    }

    #[must_use]
    pub fn with_rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    pub(crate) fn today(&self) -> Date {
        date_in_amsterdam(self.now)
    }
}

/// How much later than `now` a stated moment may be, to absorb clocks that
/// differ a little between a desk computer and the server.
const CLOCK_SKEW: SignedDuration = SignedDuration::from_mins(5);

/// What happens right after registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitialHandling {
    /// The complaint goes straight to complaint handling (web form, API).
    ToComplaintHandling,
    /// Ladder step 1: the employee took the dissatisfaction away in the
    /// contact itself; the case is recorded with what was done and closed.
    SolvedInContact { what_was_done: String },
    /// Ladder step 2: the employee hands the complaint to a handler.
    HandOver { note: Option<String> },
}

/// Everything known when a complaint comes in (rule of thumb 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    /// Allocated by the store in the same transaction.
    pub reference: CaseReference,
    pub channel: Channel,
    /// When the complaint reached the organisation; a letter registered
    /// today may have arrived yesterday. The Awb terms run from this moment.
    pub received_at: Timestamp,
    /// The citizen's own words.
    pub description: String,
    pub complainant: Complainant,
    /// When the conduct complained about happened, if known.
    pub conduct_date: Option<Date>,
    pub department: Option<String>,
    pub employees_involved: Option<String>,
    /// Staff's statement that a written complaint is signed (Awb 9:4 lid 2).
    pub signed: bool,
    pub handling: InitialHandling,
}

/// What rule of thumb 2 asks the handler to find out and write down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exploration {
    /// The core of the complaint (*kern*), in the handler's words.
    pub core: String,
    /// What the citizen wants to achieve, peeled back to an achievable aim.
    pub wishes: String,
    /// What the citizen expects of the procedure.
    pub expectations: Option<String>,
    /// Whether the procedure was explained to the citizen.
    pub procedure_explained: bool,
}

/// That the respondent was told about the complaint and the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RespondentNotice {
    pub on: Date,
    pub how: String,
}

/// What someone asks of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Register a new complaint from any channel.
    Register(Box<Intake>),
    /// The acting staff member takes the case into handling.
    TakeIntoHandling,
    /// A manager assigns (or reassigns) the case to a handler.
    AssignHandler {
        user_id: Uuid,
        name: String,
    },
    /// Record an employee involved in the conduct.
    AddRespondent(Respondent),
    /// Awb 9:7 lid 2: the conduct is the body's own (an admin decision).
    MarkBodyConduct {
        reason: String,
    },
    /// Record a contact or an attempt. Personal contact against a stated
    /// preference for written contact needs `preference_overridden`.
    LogContact {
        contact: Contact,
        preference_overridden: bool,
    },
    RecordExploration(Exploration),
    RecordRespondentInformed(RespondentNotice),
    RecordSolution(Solution),
    MakeCommitment {
        id: Uuid,
        what: String,
        to_whom: String,
        owner: String,
        due: Date,
    },
    /// Settle a commitment: kept, or broken with an explanation.
    SettleCommitment {
        id: Uuid,
        kept: bool,
        explanation: Option<String>,
        /// When it was kept (or found broken); may lie in the past.
        on: Date,
    },
    Escalate {
        id: Uuid,
        reason: EscalationReason,
        explanation: String,
        requested_decision: String,
    },
    AnswerEscalation {
        id: Uuid,
        decision: String,
    },
    /// Awb 2:3: send the complaint on to the competent organisation.
    Forward(Forwarding),
    RecordLesson(Lesson),
    AnswerControlQuestion(ControlAnswer),
    /// Close after a solution; needs a confirming control question and a
    /// lesson, or the reason there is none.
    CloseSolved {
        no_lesson_reason: Option<String>,
    },
    /// The door stays open: any closed case can be reopened, at any time.
    Reopen {
        reason: String,
    },
    /// The handler answers a citizen's request to reopen without reopening,
    /// and says why.
    DeclineReopenRequest {
        explanation: String,
    },
    /// What the citizen does on the status page.
    Citizen(CitizenCommand),
    /// Classify the case for learning: category, signal, linked lesson.
    Learning(LearningCommand),
    /// Rule of thumb 4: formal handling under the Awb.
    Formal(FormalCommand),
    /// A file of evidence; the store keeps its bytes.
    AddEvidence(Evidence),
    /// The respondent was told of a recording, and whether they could listen.
    DiscloseRecording {
        id: Uuid,
        told_on: Date,
        could_listen: bool,
    },
    /// A conduct protocol for the person of this case (§4.6).
    ImposeConductProtocol(ConductProtocol),
    /// Review a protocol imposed on this case; also after the case closed.
    ReviewConductProtocol {
        id: Uuid,
        review: ProtocolReview,
    },
    /// Close because of an active protocol for this person.
    CloseForConductProtocol {
        protocol_id: Uuid,
        explanation: String,
        no_lesson_reason: Option<String>,
    },
    /// Send a checked letter; blocking findings need an override with a reason.
    SendLetter {
        id: Uuid,
        letter: Box<Letter>,
        overrides: Vec<Override>,
        /// SHA-256 (hex) of the typeset PDF the adapter stores with the
        /// letter, so the archived document is tied to this event.
        pdf_sha256: Option<String>,
    },
    /// The system: the mail server accepted the letter.
    RecordLetterDelivered {
        id: Uuid,
    },
    /// A letter by post was posted.
    RecordLetterPosted {
        id: Uuid,
        on: Date,
    },
}

/// A fact about a case, with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: Timestamp,
    pub actor: Actor,
    pub payload: EventPayload,
}

/// The first event of every case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintReceived {
    pub reference: CaseReference,
    pub channel: Channel,
    pub received_at: Timestamp,
    pub description: String,
    pub complainant: Complainant,
    pub conduct_date: Option<Date>,
    pub department: Option<String>,
    pub employees_involved: Option<String>,
    pub formality: Formality,
    pub ladder_step: LadderStep,
    /// The service norm for first personal contact, as it applied at receipt.
    #[serde(default)]
    pub first_contact_due: Option<Date>,
    /// The Awb 9:11 deadline as it applied at receipt.
    #[serde(default)]
    pub decision_due: Option<Date>,
}

/// What happened, in the past tense. Internally tagged JSON so the stored
/// text names its own type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventPayload {
    ComplaintReceived(Box<ComplaintReceived>),
    SolvedInContact { what_was_done: String },
    HandedOver { note: Option<String> },
    HandlerAssigned { handler_id: Uuid, handler_name: String },
    RespondentAdded(Respondent),
    BodyConductMarked { reason: String },
    ContactLogged(Contact),
    ExplorationRecorded(Exploration),
    RespondentInformed(RespondentNotice),
    SolutionRecorded(Solution),
    CommitmentMade { id: Uuid, what: String, to_whom: String, owner: String, due: Date },
    CommitmentKept { id: Uuid, on: Date, explanation: Option<String> },
    CommitmentBroken { id: Uuid, on: Date, explanation: String },
    Escalated { id: Uuid, reason: EscalationReason, explanation: String, requested_decision: String },
    EscalationAnswered { id: Uuid, decision: String },
    Forwarded(Forwarding),
    LessonRecorded(Lesson),
    ControlQuestionAnswered(ControlAnswer),
    CaseClosed { outcome: Outcome, no_lesson_reason: Option<String> },
    CaseReopened { reason: String },
    FormalHandlingStarted { reason: String, formality: Formality },
    CommitteeAppointed { members: Vec<String>, decision_due: Date },
    HandlingPostponed { postponement: Postponement, decision_due: Date },
    DelayConsented { consent: Consent, decision_due: Date },
    NotHandlingDecided(NotHandling),
    RespondentCopySent(RespondentCopy),
    HearingPlanned(Hearing),
    HearingHeld { id: Uuid, report: HearingReport },
    ComplainantHearingWaived(HearingWaiver),
    ComplaintPartAdded { id: Uuid, description: String },
    PartJudged { id: Uuid, judgment: Judgment },
    CommitteeAdvised(CommitteeAdvice),
    FindingsConcluded(Findings),
    OmbudsmanApproached(OmbudsmanCase),
    OmbudsmanConcluded(OmbudsmanConclusion),
    EvidenceAdded(Evidence),
    AudioDisclosed { id: Uuid, told_on: Date, could_listen: bool },
    ConductProtocolImposed(ConductProtocol),
    ConductProtocolReviewed { id: Uuid, review: ProtocolReview },
    ClosedForConductProtocol(ConductClosure),
    LetterSent { id: Uuid, letter: Box<Letter>, sha256: String, overrides: Vec<Override>, pdf_sha256: Option<String> },
    LetterDelivered { id: Uuid },
    LetterPosted { id: Uuid, on: Date },
    InformationAdded { text: String },
    ReopenRequested { reason: String },
    ReopenRequestDeclined { explanation: String },
    FeedbackGiven(Feedback),
    Categorised { category: Option<String> },
    SignalFlagged { reason: String },
    SignalUnflagged,
    LessonLinked(LinkedLesson),
}

impl EventPayload {
    /// The stable type name stored beside the payload.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::ComplaintReceived(_) => "complaint_received",
            Self::SolvedInContact { .. } => "solved_in_contact",
            Self::HandedOver { .. } => "handed_over",
            Self::HandlerAssigned { .. } => "handler_assigned",
            Self::RespondentAdded(_) => "respondent_added",
            Self::BodyConductMarked { .. } => "body_conduct_marked",
            Self::ContactLogged(_) => "contact_logged",
            Self::ExplorationRecorded(_) => "exploration_recorded",
            Self::RespondentInformed(_) => "respondent_informed",
            Self::SolutionRecorded(_) => "solution_recorded",
            Self::CommitmentMade { .. } => "commitment_made",
            Self::CommitmentKept { .. } => "commitment_kept",
            Self::CommitmentBroken { .. } => "commitment_broken",
            Self::Escalated { .. } => "escalated",
            Self::EscalationAnswered { .. } => "escalation_answered",
            Self::Forwarded(_) => "forwarded",
            Self::LessonRecorded(_) => "lesson_recorded",
            Self::ControlQuestionAnswered(_) => "control_question_answered",
            Self::CaseClosed { .. } => "case_closed",
            Self::CaseReopened { .. } => "case_reopened",
            Self::FormalHandlingStarted { .. } => "formal_handling_started",
            Self::CommitteeAppointed { .. } => "committee_appointed",
            Self::HandlingPostponed { .. } => "handling_postponed",
            Self::DelayConsented { .. } => "delay_consented",
            Self::NotHandlingDecided(_) => "not_handling_decided",
            Self::RespondentCopySent(_) => "respondent_copy_sent",
            Self::HearingPlanned(_) => "hearing_planned",
            Self::HearingHeld { .. } => "hearing_held",
            Self::ComplainantHearingWaived(_) => "complainant_hearing_waived",
            Self::ComplaintPartAdded { .. } => "complaint_part_added",
            Self::PartJudged { .. } => "part_judged",
            Self::CommitteeAdvised(_) => "committee_advised",
            Self::FindingsConcluded(_) => "findings_concluded",
            Self::OmbudsmanApproached(_) => "ombudsman_approached",
            Self::OmbudsmanConcluded(_) => "ombudsman_concluded",
            Self::EvidenceAdded(_) => "evidence_added",
            Self::AudioDisclosed { .. } => "audio_disclosed",
            Self::ConductProtocolImposed(_) => "conduct_protocol_imposed",
            Self::ConductProtocolReviewed { .. } => "conduct_protocol_reviewed",
            Self::ClosedForConductProtocol(_) => "closed_for_conduct_protocol",
            Self::LetterSent { .. } => "letter_sent",
            Self::LetterDelivered { .. } => "letter_delivered",
            Self::LetterPosted { .. } => "letter_posted",
            Self::InformationAdded { .. } => "information_added",
            Self::ReopenRequested { .. } => "reopen_requested",
            Self::ReopenRequestDeclined { .. } => "reopen_request_declined",
            Self::FeedbackGiven(_) => "feedback_given",
            Self::Categorised { .. } => "categorised",
            Self::SignalFlagged { .. } => "signal_flagged",
            Self::SignalUnflagged => "signal_unflagged",
            Self::LessonLinked(_) => "lesson_linked",
        }
    }

    /// The schema version written today. Bump it, and teach
    /// [`EventPayload::decode`] to upcast the old shape, when a payload changes.
    #[must_use]
    pub const fn version(&self) -> u16 {
        1
    }

    /// Reads a stored payload, upcasting older versions to today's shape.
    ///
    /// # Errors
    /// When the text is not a payload of a known type and version.
    pub fn decode(kind: &str, version: u16, json: &str) -> Result<Self, DecodeError> {
        if version != 1 {
            return Err(DecodeError::UnknownVersion { kind: kind.to_owned(), version });
        }
        let payload: Self = serde_json::from_str(json).map_err(|e| DecodeError::Json(e.to_string()))?;
        if payload.kind() != kind {
            return Err(DecodeError::KindMismatch { stored: kind.to_owned(), payload: payload.kind() });
        }
        Ok(payload)
    }

    /// The payload as stored: compact JSON with the type tag first.
    #[must_use]
    pub fn encode(&self) -> String {
        // Serialising plain data structs into a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// One Dutch line for the timeline.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::ComplaintReceived(r) => format!("Klacht ontvangen via {}", r.channel.label().to_lowercase()),
            Self::SolvedInContact { .. } => "Opgelost in het contact (trede 1) en afgerond".to_owned(),
            Self::HandedOver { .. } => "Overgedragen aan klachtbehandeling (trede 2)".to_owned(),
            Self::HandlerAssigned { handler_name, .. } => format!("In behandeling genomen door {handler_name}"),
            Self::RespondentAdded(r) => format!("Betrokken medewerker vastgelegd: {}", r.name),
            Self::BodyConductMarked { .. } => {
                "Vastgelegd: de klacht gaat over gedrag van het bestuursorgaan zelf (Awb 9:7 lid 2)".to_owned()
            }
            Self::ContactLogged(c) => {
                format!("Contact: {} – {}", c.method.label().to_lowercase(), c.outcome.label().to_lowercase())
            }
            Self::ExplorationRecorded(_) => "Kern van de klacht en wensen vastgelegd".to_owned(),
            Self::RespondentInformed(_) => {
                "Betrokken medewerker geïnformeerd over de klacht en de procedure".to_owned()
            }
            Self::SolutionRecorded(s) if s.agreed => {
                format!("Oplossing afgesproken: {}", s.kind.label().to_lowercase())
            }
            Self::SolutionRecorded(s) => format!("Oplossing geprobeerd: {}", s.kind.label().to_lowercase()),
            Self::CommitmentMade { what, .. } => format!("Toezegging gedaan: {what}"),
            Self::CommitmentKept { .. } => "Toezegging nagekomen".to_owned(),
            Self::CommitmentBroken { .. } => "Toezegging niet nagekomen".to_owned(),
            Self::Escalated { .. } => "Voorgelegd aan een leidinggevende".to_owned(),
            Self::EscalationAnswered { .. } => "Leidinggevende heeft besloten".to_owned(),
            Self::Forwarded(f) => format!("Doorgestuurd naar {} (Awb 2:3)", f.organisation),
            Self::LessonRecorded(l) if l.positive => "Positief leerpunt vastgelegd".to_owned(),
            Self::LessonRecorded(l) => format!("Leerpunt vastgelegd ({})", l.level.label().to_lowercase()),
            Self::Categorised { category: Some(c) } => format!("Categorie: {c}"),
            Self::Categorised { category: None } => "Categorie weggehaald".to_owned(),
            Self::SignalFlagged { .. } => "Gemarkeerd als belangrijk signaal".to_owned(),
            Self::SignalUnflagged => "Markering belangrijk signaal weggehaald".to_owned(),
            Self::LessonLinked(l) => format!("Gekoppeld aan leerpunt: {}", l.text),
            Self::ControlQuestionAnswered(a) if a.confirms_solution() => {
                "Controlevraag: de burger is tevreden".to_owned()
            }
            Self::ControlQuestionAnswered(_) => "Controlevraag: de burger is nog niet tevreden".to_owned(),
            Self::CaseClosed { outcome, .. } => format!("Afgerond: {}", outcome.label().to_lowercase()),
            Self::CaseReopened { .. } => "Heropend".to_owned(),
            Self::FormalHandlingStarted { .. } => "Formele behandeling gestart (oordelen)".to_owned(),
            Self::CommitteeAppointed { decision_due, .. } => {
                format!("Adviescommissie ingesteld; afhandelen uiterlijk {}", DayAndDate(*decision_due))
            }
            Self::HandlingPostponed { postponement, decision_due } => format!(
                "Behandeling verdaagd met {} {} tot {} (Awb 9:11 lid 2)",
                postponement.weeks,
                if postponement.weeks == 1 { "week" } else { "weken" },
                DayAndDate(*decision_due)
            ),
            Self::DelayConsented { decision_due, .. } => {
                format!("Klager stemt in met uitstel tot {} (Awb 9:11 lid 3)", DayAndDate(*decision_due))
            }
            Self::NotHandlingDecided(n) => format!("Besloten de klacht niet te behandelen: {}", n.ground.label()),
            Self::RespondentCopySent(c) => format!("Kopie van de klacht naar {} (Awb 9:9)", c.to),
            Self::HearingPlanned(h) => format!("Hoorzitting gepland op {}", LongDate(date_in_amsterdam(h.at))),
            Self::HearingHeld { .. } => "Verslag van de hoorzitting vastgelegd".to_owned(),
            Self::ComplainantHearingWaived(w) => format!("Klager wordt niet gehoord: {}", w.ground.label()),
            Self::ComplaintPartAdded { description, .. } => format!("Klachtonderdeel: {description}"),
            Self::PartJudged { judgment, .. } => {
                format!("Klachtonderdeel beoordeeld: {}", judgment.verdict.label().to_lowercase())
            }
            Self::CommitteeAdvised(_) => "Advies van de adviescommissie ontvangen".to_owned(),
            Self::FindingsConcluded(_) => "Bevindingen, oordeel en conclusies vastgesteld (Awb 9:12)".to_owned(),
            Self::OmbudsmanApproached(o) => format!("De burger is naar {} gegaan (trede 3)", o.ombudsman),
            Self::OmbudsmanConcluded(_) => "Uitkomst van de ombudsman vastgelegd".to_owned(),
            Self::EvidenceAdded(e) => format!("Bewijsstuk toegevoegd: {}", e.file_name),
            Self::AudioDisclosed { could_listen: true, .. } => {
                "Betrokken medewerker heeft de geluidsopname gehoord".to_owned()
            }
            Self::AudioDisclosed { .. } => "Betrokken medewerker is op de hoogte van de geluidsopname".to_owned(),
            Self::ConductProtocolImposed(p) => format!("Gedragslijn opgelegd vanaf {}", DayAndDate(p.from)),
            Self::ConductProtocolReviewed { review, .. } if review.next_review_on.is_none() => {
                "Gedragslijn geëvalueerd en beëindigd".to_owned()
            }
            Self::ConductProtocolReviewed { .. } => "Gedragslijn geëvalueerd en voortgezet".to_owned(),
            Self::ClosedForConductProtocol(_) => "Afgerond vanwege de gedragslijn".to_owned(),
            Self::LetterSent { letter, .. } => {
                format!(
                    "Brief verstuurd per {}: {}",
                    letter.delivery.label().to_lowercase(),
                    letter.kind.label().to_lowercase()
                )
            }
            Self::LetterDelivered { .. } => "E-mail afgeleverd bij de mailserver".to_owned(),
            Self::LetterPosted { on, .. } => format!("Brief op de post gedaan op {}", DayAndDate(*on)),
            Self::InformationAdded { .. } => "De klager heeft informatie toegevoegd".to_owned(),
            Self::ReopenRequested { .. } => "De klager vraagt de klacht opnieuw te bekijken".to_owned(),
            Self::ReopenRequestDeclined { .. } => "Verzoek om opnieuw te bekijken beantwoord: niet heropend".to_owned(),
            Self::FeedbackGiven(f) if f.satisfied => {
                "Terugkoppeling: de klager is tevreden over de afhandeling".to_owned()
            }
            Self::FeedbackGiven(_) => "Terugkoppeling: de klager is niet tevreden over de afhandeling".to_owned(),
        }
    }
}

/// A stored event could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("unknown version {version} of event type {kind}")]
    UnknownVersion { kind: String, version: u16 },
    #[error("stored type {stored} does not match payload type {payload}")]
    KindMismatch { stored: String, payload: &'static str },
    #[error("payload is not valid: {0}")]
    Json(String),
}

/// The assigned complaint handler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    pub user_id: Uuid,
    pub name: String,
}

/// A registered case, as folded from its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub reference: CaseReference,
    pub channel: Channel,
    pub received_at: Timestamp,
    pub registered_by: Actor,
    pub description: String,
    pub complainant: Complainant,
    pub conduct_date: Option<Date>,
    pub department: Option<String>,
    pub employees_involved: Option<String>,
    pub formality: Formality,
    pub phase: Phase,
    pub ladder_step: LadderStep,
    pub handler: Option<Handler>,
    pub outcome: Option<Outcome>,
    pub closed_at: Option<Timestamp>,
    pub first_contact_due: Option<Date>,
    pub respondents: Vec<Respondent>,
    /// Awb 9:7 lid 2, with the reason.
    pub body_conduct: Option<String>,
    pub contacts: Vec<Contact>,
    pub exploration: Option<Exploration>,
    pub respondent_informed: Option<RespondentNotice>,
    pub solutions: Vec<Solution>,
    pub commitments: Vec<Commitment>,
    pub escalations: Vec<Escalation>,
    pub forwarding: Option<Forwarding>,
    pub lessons: Vec<Lesson>,
    /// The latest answer to the control question since the case was last
    /// (re)opened.
    pub control_answer: Option<ControlAnswer>,
    /// The Awb 9:11 deadline as last recorded.
    pub decision_due: Option<Date>,
    pub formal: FormalHandling,
    pub evidence: Vec<Evidence>,
    /// Protocols imposed on the person through this case.
    pub conduct_protocols: Vec<ProtocolRecord>,
    pub conduct_closure: Option<ConductClosure>,
    pub letters: Vec<SentLetter>,
    /// What the citizen added on the status page.
    pub added_information: Vec<AddedInformation>,
    /// A citizen's request to reopen, until the handler answers it.
    pub reopen_request: Option<ReopenRequest>,
    /// The citizen's feedback since the case was last closed.
    pub feedback: Option<Feedback>,
    /// The organisation's subject category, for the reports.
    pub category: Option<String>,
    /// A handler's "important signal" flag, until cleared.
    pub signal: Option<Signal>,
    /// Lessons in the register this case is another instance of.
    pub linked_lessons: Vec<LinkedLesson>,
    /// How often the case was reopened.
    pub reopened: u32,
}

impl Case {
    #[must_use]
    pub const fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    /// The first words of the complaint, for lists.
    #[must_use]
    pub fn summary(&self) -> String {
        summarise(&self.description, 140)
    }

    /// When the organisation first tried personal contact on its own
    /// initiative (reached or not): the service norm asks it to take the
    /// initiative, which it cannot make the citizen answer.
    #[must_use]
    pub fn first_contact_attempt(&self) -> Option<Timestamp> {
        self.contacts
            .iter()
            .filter(|c| c.method.is_personal() && c.initiative == Initiative::Organisation)
            .map(|c| c.at)
            .min()
    }

    /// When personal contact first reached the citizen, on anyone's initiative.
    #[must_use]
    pub fn first_personal_contact(&self) -> Option<Timestamp> {
        self.contacts.iter().filter(|c| c.is_personal_contact()).map(|c| c.at).min()
    }

    /// Whether the first-contact norm has passed without any attempt by the
    /// organisation (and without the citizen being reached some other way).
    #[must_use]
    pub fn first_contact_overdue(&self, today: Date) -> bool {
        self.is_open()
            && self.first_contact_attempt().is_none()
            && self.first_personal_contact().is_none()
            && self.first_contact_due.is_some_and(|due| today > due)
    }

    pub fn open_commitments(&self) -> impl Iterator<Item = &Commitment> {
        self.commitments.iter().filter(|c| c.is_open())
    }

    pub fn open_escalations(&self) -> impl Iterator<Item = &Escalation> {
        self.escalations.iter().filter(|e| e.answer.is_none())
    }

    /// Awb 9:4 re-assessed with what staff now say about the signature.
    #[must_use]
    pub fn formality_with_signature(&self, signed: bool) -> Formality {
        Formality::assess(self.channel, signed, &self.complainant, !self.description.is_empty())
    }

    /// Awb 9:7: whether the assigned handler is among the respondents.
    #[must_use]
    pub fn impartiality_conflict(&self) -> bool {
        self.handler.as_ref().is_some_and(|h| !is_impartial(h.user_id, &self.respondents, self.body_conduct.is_some()))
    }
}

/// Cuts `text` to its first line and at most `max` characters, on a word
/// boundary where possible, marking a cut with an ellipsis.
#[must_use]
pub fn summarise(text: &str, max: usize) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if line.chars().count() <= max && text.trim() == line {
        return line.to_owned();
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 && line.chars().count() > max => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

/// A case as known from its events: nothing yet, or a registered case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CaseState {
    #[default]
    New,
    Registered(Box<Case>),
}

impl CaseState {
    /// Folds a history into a state.
    #[must_use]
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        events.into_iter().fold(Self::New, apply)
    }

    #[must_use]
    pub fn case(&self) -> Option<&Case> {
        match self {
            Self::New => None,
            Self::Registered(case) => Some(case),
        }
    }
}

/// Collects input problems so a form can show them all at once.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub(crate) fn require(&mut self, text: &str, field: Field, message: &str) {
        if text.trim().is_empty() {
            self.0.push(FieldError::new(field, message));
        }
    }

    pub(crate) fn check(&mut self, ok: bool, field: Field, message: &str) {
        if !ok {
            self.0.push(FieldError::new(field, message));
        }
    }

    /// Every way of closing records a lesson, or why there is none (the
    /// ombudsvisie's "bij elke afronding: leren van klachten"). Returns the
    /// cleaned reason.
    pub(crate) fn lesson_or_reason(&mut self, case: &Case, no_lesson_reason: Option<String>) -> Option<String> {
        let reason = clean(no_lesson_reason);
        self.check(
            !case.lessons.is_empty() || !case.linked_lessons.is_empty() || reason.is_some(),
            Field::NoLessonReason,
            "Leg een leerpunt vast, of schrijf op waarom er niets te leren valt.",
        );
        reason
    }

    /// A day something happened: not in the future, not before receipt.
    pub(crate) fn past_date(&mut self, on: Date, case: &Case, ctx: &Context, field: Field) {
        self.check(on <= ctx.today(), field, "De datum ligt in de toekomst. Kies vandaag of een eerdere dag.");
        self.check(
            on >= date_in_amsterdam(case.received_at),
            field,
            "De datum ligt vóór de ontvangst van de klacht. Controleer de datum.",
        );
    }

    pub(crate) fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() { Ok(()) } else { Err(DomainError::Invalid(self.0)) }
    }
}

pub(crate) fn trimmed(text: &str) -> String {
    text.trim().to_owned()
}

/// Decides which events a command produces, or why it is refused.
///
/// # Errors
/// A [`DomainError`] naming the rule that refuses the command; for input
/// problems every problem is listed.
pub fn decide(state: &CaseState, command: Command, ctx: &Context) -> Result<Vec<Event>, DomainError> {
    let payloads = decide_payloads(state, command, ctx)?;
    Ok(payloads.into_iter().map(|payload| Event { at: ctx.now, actor: ctx.actor.clone(), payload }).collect())
}

fn decide_payloads(state: &CaseState, command: Command, ctx: &Context) -> Result<Vec<EventPayload>, DomainError> {
    if let Command::Register(intake) = command {
        if !matches!(state, CaseState::New) {
            return Err(DomainError::AlreadyRegistered);
        }
        let (received, follow_up) = register(*intake, ctx)?;
        return Ok(std::iter::once(EventPayload::ComplaintReceived(Box::new(received))).chain(follow_up).collect());
    }
    let case = state.case().ok_or(DomainError::NotRegistered)?;
    if let Command::Reopen { reason } = command {
        if case.is_open() {
            return Err(DomainError::NotClosed);
        }
        let mut p = Problems::default();
        p.require(&reason, Field::Reason, "Schrijf op waarom de klacht opnieuw wordt geopend.");
        p.finish()?;
        return Ok(vec![EventPayload::CaseReopened { reason: trimmed(&reason) }]);
    }
    if let Command::Citizen(action) = command {
        if !matches!(ctx.actor, Actor::Citizen) {
            return Err(DomainError::NotPermitted);
        }
        return citizen::decide(case, action);
    }
    if let Command::Learning(action) = command {
        return learning::decide(case, action, &ctx.actor);
    }
    if let Command::DeclineReopenRequest { explanation } = command {
        if !matches!(ctx.actor, Actor::Staff { .. }) {
            return Err(DomainError::NotPermitted);
        }
        if case.reopen_request.is_none() {
            return Err(DomainError::NoReopenRequest);
        }
        let mut p = Problems::default();
        p.require(&explanation, Field::Explanation, "Schrijf op waarom de klacht niet opnieuw wordt geopend.");
        p.finish()?;
        return Ok(vec![EventPayload::ReopenRequestDeclined { explanation: trimmed(&explanation) }]);
    }
    if let Command::RecordLetterDelivered { id } = command {
        // The outbox records delivery, whatever state the case is in now.
        if !matches!(ctx.actor, Actor::System) {
            return Err(DomainError::NotPermitted);
        }
        return Ok(vec![letter::delivered(case, id)?]);
    }
    if let Command::ReviewConductProtocol { id, review } = command {
        if !matches!(ctx.actor, Actor::Staff { .. }) {
            return Err(DomainError::NotPermitted);
        }
        // A protocol outlives the case it was imposed on.
        let mut p = Problems::default();
        let payload = conduct::review(case, id, review, ctx, &mut p)?;
        p.finish()?;
        return Ok(vec![payload]);
    }
    if let Command::Formal(formal) = command {
        if !matches!(ctx.actor, Actor::Staff { .. }) {
            return Err(DomainError::NotPermitted);
        }
        if !case.is_open() && !formal.allowed_when_closed() {
            return Err(DomainError::CaseClosed);
        }
        return formal::decide(case, formal, ctx);
    }
    // The letter that reports a closing goes out after it, and a posting
    // date is recorded whenever the letter was posted.
    let after_closing = match &command {
        Command::SendLetter { letter, .. } => letter.kind.follows_closing(),
        Command::RecordLetterPosted { .. } => true,
        _ => false,
    };
    if !case.is_open() && !after_closing {
        return Err(DomainError::CaseClosed);
    }
    let Actor::Staff { user_id, name } = &ctx.actor else {
        return Err(DomainError::NotPermitted);
    };
    let mut p = Problems::default();
    let payload = match command {
        Command::Register(_)
        | Command::Reopen { .. }
        | Command::Formal(_)
        | Command::ReviewConductProtocol { .. }
        | Command::Citizen(_)
        | Command::Learning(_)
        | Command::DeclineReopenRequest { .. }
        | Command::RecordLetterDelivered { .. } => return Err(DomainError::NotPermitted),
        Command::SendLetter { id, letter, overrides, pdf_sha256 } => {
            letter::send(case, id, *letter, overrides, pdf_sha256, ctx, &mut p)
        }
        Command::RecordLetterPosted { id, on } => letter::posted(case, id, on, ctx, &mut p)?,
        Command::ImposeConductProtocol(protocol) => conduct::impose(case, protocol, ctx, &mut p),
        Command::CloseForConductProtocol { protocol_id, explanation, no_lesson_reason } => {
            return conduct::close(case, protocol_id, &explanation, no_lesson_reason, ctx);
        }
        Command::AddEvidence(e) => evidence::add(case, e, &mut p),
        Command::DiscloseRecording { id, told_on, could_listen } => {
            evidence::disclose(case, id, told_on, could_listen, ctx, &mut p)?
        }
        Command::TakeIntoHandling => return assign(case, *user_id, name),
        Command::AssignHandler { user_id, name } => return assign(case, user_id, &name),
        Command::AddRespondent(r) => {
            p.require(&r.name, Field::RespondentName, "Vul de naam van de betrokken medewerker in.");
            EventPayload::RespondentAdded(Respondent { name: trimmed(&r.name), department: clean(r.department), ..r })
        }
        Command::MarkBodyConduct { reason } => {
            p.require(&reason, Field::Reason, "Leg uit waarom het om gedrag van het bestuursorgaan zelf gaat.");
            EventPayload::BodyConductMarked { reason: trimmed(&reason) }
        }
        Command::LogContact { contact, preference_overridden } => {
            p.require(&contact.summary, Field::Summary, "Vat kort samen wat er is besproken of geprobeerd.");
            p.check(
                contact.at <= ctx.now + CLOCK_SKEW,
                Field::ContactAt,
                "Het contact ligt in de toekomst. Leg alleen contact vast dat al heeft plaatsgevonden.",
            );
            p.check(
                contact.at >= case.received_at - CLOCK_SKEW,
                Field::ContactAt,
                "Het contact ligt vóór de ontvangst van de klacht. Controleer de datum.",
            );
            let against = contact.initiative == Initiative::Organisation
                && contact.method.goes_against(case.complainant.contact_preference);
            p.check(
                !against || preference_overridden,
                Field::ContactMethod,
                "De burger wil liever schriftelijk contact. Kies een schriftelijke vorm, of bevestig dat u daar met een goede reden van afwijkt.",
            );
            EventPayload::ContactLogged(Contact { summary: trimmed(&contact.summary), ..contact })
        }
        Command::RecordExploration(e) => {
            p.require(&e.core, Field::Core, "Beschrijf de kern van de klacht.");
            p.require(&e.wishes, Field::Wishes, "Beschrijf wat de burger wil bereiken.");
            EventPayload::ExplorationRecorded(Exploration {
                core: trimmed(&e.core),
                wishes: trimmed(&e.wishes),
                expectations: clean(e.expectations),
                procedure_explained: e.procedure_explained,
            })
        }
        Command::RecordRespondentInformed(n) => {
            p.require(&n.how, Field::How, "Beschrijf hoe de medewerker is geïnformeerd, bijvoorbeeld: in een gesprek.");
            p.check(n.on <= ctx.today(), Field::InformedOn, "De datum ligt in de toekomst.");
            EventPayload::RespondentInformed(RespondentNotice { on: n.on, how: trimmed(&n.how) })
        }
        Command::RecordSolution(s) => {
            p.require(&s.description, Field::SolutionDescription, "Beschrijf de oplossing.");
            p.require(
                &s.reasoning,
                Field::Reasoning,
                "Leg uit waarom deze oplossing past bij deze burger. Zo voorkomt u willekeur.",
            );
            EventPayload::SolutionRecorded(Solution {
                description: trimmed(&s.description),
                reasoning: trimmed(&s.reasoning),
                consulted: clean(s.consulted),
                ..s
            })
        }
        Command::MakeCommitment { id, what, to_whom, owner, due } => {
            p.require(&what, Field::What, "Beschrijf wat er is toegezegd.");
            p.require(&to_whom, Field::ToWhom, "Vul in aan wie het is toegezegd.");
            p.require(&owner, Field::Owner, "Vul in wie de toezegging nakomt.");
            p.check(due >= ctx.today(), Field::Due, "De datum ligt in het verleden. Kies een datum vanaf vandaag.");
            p.check(!case.commitments.iter().any(|c| c.id == id), Field::What, "Deze toezegging bestaat al.");
            EventPayload::CommitmentMade {
                id,
                what: trimmed(&what),
                to_whom: trimmed(&to_whom),
                owner: trimmed(&owner),
                due,
            }
        }
        Command::SettleCommitment { id, kept, explanation, on } => {
            let c = case.commitments.iter().find(|c| c.id == id).ok_or(DomainError::UnknownCommitment)?;
            if !c.is_open() {
                return Err(DomainError::CommitmentSettled);
            }
            p.past_date(on, case, ctx, Field::SettledOn);
            if kept {
                EventPayload::CommitmentKept { id, on, explanation: clean(explanation) }
            } else {
                let explanation = clean(explanation).unwrap_or_default();
                p.require(
                    &explanation,
                    Field::Explanation,
                    "Leg uit waarom de toezegging niet is nagekomen en wat u nu doet.",
                );
                EventPayload::CommitmentBroken { id, on, explanation }
            }
        }
        Command::Escalate { id, reason, explanation, requested_decision } => {
            p.require(&explanation, Field::Explanation, "Beschrijf de situatie voor de leidinggevende.");
            p.require(&requested_decision, Field::RequestedDecision, "Schrijf op welk besluit u vraagt.");
            EventPayload::Escalated {
                id,
                reason,
                explanation: trimmed(&explanation),
                requested_decision: trimmed(&requested_decision),
            }
        }
        Command::AnswerEscalation { id, decision } => {
            let e = case.escalations.iter().find(|e| e.id == id).ok_or(DomainError::UnknownEscalation)?;
            if e.answer.is_some() {
                return Err(DomainError::EscalationAnswered);
            }
            p.require(&decision, Field::Decision, "Schrijf uw besluit op.");
            EventPayload::EscalationAnswered { id, decision: trimmed(&decision) }
        }
        Command::Forward(f) => {
            p.require(&f.organisation, Field::Organisation, "Vul de organisatie in waar de klacht naartoe gaat.");
            p.require(
                &f.contact_person,
                Field::ContactPerson,
                "Vul een contactpersoon in: een warme doorverwijzing heeft een naam.",
            );
            let forwarding =
                Forwarding { organisation: trimmed(&f.organisation), contact_person: trimmed(&f.contact_person), ..f };
            p.finish()?;
            let keeps_part = forwarding.keeps_part;
            let mut events = vec![EventPayload::Forwarded(forwarding)];
            if !keeps_part {
                events.push(EventPayload::CaseClosed { outcome: Outcome::Forwarded, no_lesson_reason: None });
            }
            return Ok(events);
        }
        Command::RecordLesson(l) => {
            p.require(&l.text, Field::LessonText, "Beschrijf wat de organisatie kan leren.");
            p.check(
                l.id.is_nil() || !case.lessons.iter().any(|x| x.id == l.id),
                Field::LessonText,
                "Dit leerpunt is al vastgelegd.",
            );
            EventPayload::LessonRecorded(Lesson { text: trimmed(&l.text), ..l })
        }
        Command::AnswerControlQuestion(a) => {
            EventPayload::ControlQuestionAnswered(ControlAnswer { note: clean(a.note), ..a })
        }
        Command::CloseSolved { no_lesson_reason } => {
            let answer = case.control_answer.as_ref().ok_or(DomainError::ControlQuestionMissing)?;
            if !answer.confirms_solution() {
                return Err(DomainError::NotSatisfied);
            }
            let no_lesson_reason = p.lesson_or_reason(case, no_lesson_reason);
            EventPayload::CaseClosed { outcome: Outcome::Solved, no_lesson_reason }
        }
    };
    p.finish()?;
    Ok(vec![payload])
}

/// Awb 9:7: assigning a handler who is involved in the conduct is refused.
fn assign(case: &Case, user_id: Uuid, name: &str) -> Result<Vec<EventPayload>, DomainError> {
    if !is_impartial(user_id, &case.respondents, case.body_conduct.is_some()) {
        return Err(DomainError::NotImpartial(name.to_owned()));
    }
    if case.handler.as_ref().is_some_and(|h| h.user_id == user_id) {
        return Ok(Vec::new());
    }
    Ok(vec![EventPayload::HandlerAssigned { handler_id: user_id, handler_name: name.to_owned() }])
}

/// Rule of thumb 1 and Awb 9:2: any channel, no demands on form beyond the
/// citizen's words. Checks that the facts fit together and records whether
/// the formal procedure of Awb 9:4 applies.
fn register(intake: Intake, ctx: &Context) -> Result<(ComplaintReceived, Option<EventPayload>), DomainError> {
    let mut problems = Vec::new();
    let description = intake.description.trim().to_owned();
    if description.is_empty() {
        problems.push(FieldError::new(Field::Description, "Beschrijf de klacht. Dit mag in uw eigen woorden."));
    }
    let complainant = intake.complainant.normalised();
    problems.extend(complainant.problems());

    let channel_fits = match ctx.actor {
        // Anonymous submissions come through the public form or the public API.
        Actor::Citizen => matches!(intake.channel, Channel::WebForm | Channel::Api),
        Actor::Staff { .. } => Channel::STAFF.contains(&intake.channel),
        Actor::Integration { .. } => intake.channel != Channel::WebForm,
        Actor::System => true,
    };
    if !channel_fits {
        problems.push(FieldError::new(Field::Channel, "Kies hoe de klacht is binnengekomen."));
    }
    if intake.received_at > ctx.now + CLOCK_SKEW {
        problems.push(FieldError::new(
            Field::ReceivedAt,
            "Het moment van ontvangst ligt in de toekomst. Vul een moment in dat al voorbij is.",
        ));
    }
    if let Some(conduct) = intake.conduct_date
        && conduct > date_in_amsterdam(intake.received_at)
    {
        problems.push(FieldError::new(
            Field::ConductDate,
            "De datum van de gedraging ligt na de datum van ontvangst. Controleer de datum.",
        ));
    }

    let staff = matches!(ctx.actor, Actor::Staff { .. } | Actor::System);
    let (ladder_step, follow_up) = match intake.handling {
        InitialHandling::ToComplaintHandling => (LadderStep::ComplaintHandling, None),
        InitialHandling::SolvedInContact { what_was_done } => {
            let what_was_done = clean(Some(what_was_done));
            if what_was_done.is_none() {
                problems.push(FieldError::new(
                    Field::WhatWasDone,
                    "Beschrijf wat u in het contact hebt gedaan om de onvrede weg te nemen.",
                ));
            }
            let what_was_done = what_was_done.unwrap_or_default();
            (LadderStep::InContact, Some(EventPayload::SolvedInContact { what_was_done }))
        }
        InitialHandling::HandOver { note } => {
            (LadderStep::InContact, Some(EventPayload::HandedOver { note: clean(note) }))
        }
    };
    if follow_up.is_some() && !staff {
        problems.push(FieldError::new(
            Field::Handling,
            "Alleen een medewerker kan een klacht in het contact oplossen of overdragen.",
        ));
    }
    if !problems.is_empty() {
        return Err(DomainError::Invalid(problems));
    }
    let formality = Formality::assess(intake.channel, intake.signed, &complainant, true);
    let received_on = date_in_amsterdam(intake.received_at);
    let first_contact_due = (ladder_step == LadderStep::ComplaintHandling
        || matches!(follow_up, Some(EventPayload::HandedOver { .. })))
    .then(|| ctx.rules.calendar.add_working_days(received_on, ctx.rules.first_contact_working_days));
    // Awb 9:11 runs for every complaint that reaches complaint handling.
    let decision_due = first_contact_due
        .and_then(|_| Deadlines::compute(received_on, &Procedure::default(), &ctx.rules).ok().map(|d| d.decision.date));
    let received = ComplaintReceived {
        reference: intake.reference,
        channel: intake.channel,
        received_at: intake.received_at,
        description,
        complainant,
        conduct_date: intake.conduct_date,
        department: clean(intake.department),
        employees_involved: clean(intake.employees_involved),
        formality,
        ladder_step,
        first_contact_due,
        decision_due,
    };
    Ok((received, follow_up))
}

/// Folds one accepted event into the state. Never fails: an event that does
/// not fit (which `decide` prevents) leaves the state as it was.
#[must_use]
pub fn apply(state: CaseState, event: &Event) -> CaseState {
    let mut case = match (state, &event.payload) {
        (CaseState::New, EventPayload::ComplaintReceived(r)) => {
            return CaseState::Registered(Box::new(Case {
                reference: r.reference,
                channel: r.channel,
                received_at: r.received_at,
                registered_by: event.actor.clone(),
                description: r.description.clone(),
                complainant: r.complainant.clone(),
                conduct_date: r.conduct_date,
                department: r.department.clone(),
                employees_involved: r.employees_involved.clone(),
                formality: r.formality.clone(),
                phase: Phase::Intake,
                ladder_step: r.ladder_step,
                handler: None,
                outcome: None,
                closed_at: None,
                first_contact_due: r.first_contact_due,
                respondents: Vec::new(),
                body_conduct: None,
                contacts: Vec::new(),
                exploration: None,
                respondent_informed: None,
                solutions: Vec::new(),
                commitments: Vec::new(),
                escalations: Vec::new(),
                forwarding: None,
                lessons: Vec::new(),
                control_answer: None,
                decision_due: r.decision_due,
                formal: FormalHandling::default(),
                evidence: Vec::new(),
                conduct_protocols: Vec::new(),
                conduct_closure: None,
                letters: Vec::new(),
                added_information: Vec::new(),
                reopen_request: None,
                feedback: None,
                category: None,
                signal: None,
                linked_lessons: Vec::new(),
                reopened: 0,
            }));
        }
        (CaseState::Registered(case), _) => case,
        (state @ CaseState::New, _) => return state,
    };
    // Phases move forward as the work shows; going back is a reopen.
    let advance = |case: &mut Case, to: Phase| case.phase = case.phase.max(to);
    match &event.payload {
        EventPayload::ComplaintReceived(_) => {}
        EventPayload::SolvedInContact { .. } => {
            case.ladder_step = LadderStep::InContact;
            case.phase = Phase::Close;
            case.outcome = Some(Outcome::Solved);
            case.closed_at = Some(event.at);
        }
        EventPayload::HandedOver { .. } => {
            case.ladder_step = LadderStep::ComplaintHandling;
        }
        EventPayload::HandlerAssigned { handler_id, handler_name } => {
            case.handler = Some(Handler { user_id: *handler_id, name: handler_name.clone() });
            // Taking a case into handling ends intake: rule of thumb 2
            // starts with the handler's own initiative for contact.
            advance(&mut case, Phase::Explore);
        }
        EventPayload::RespondentAdded(r) => case.respondents.push(r.clone()),
        EventPayload::BodyConductMarked { reason } => case.body_conduct = Some(reason.clone()),
        EventPayload::ContactLogged(c) => {
            case.contacts.push(c.clone());
            advance(&mut case, Phase::Explore);
        }
        EventPayload::ExplorationRecorded(e) => {
            case.exploration = Some(e.clone());
            advance(&mut case, Phase::Explore);
        }
        EventPayload::RespondentInformed(n) => case.respondent_informed = Some(n.clone()),
        EventPayload::SolutionRecorded(s) => {
            case.solutions.push(s.clone());
            advance(&mut case, Phase::Resolve);
        }
        EventPayload::CommitmentMade { id, what, to_whom, owner, due } => {
            case.commitments.push(Commitment {
                id: *id,
                what: what.clone(),
                to_whom: to_whom.clone(),
                owner: owner.clone(),
                due: *due,
                status: CommitmentStatus::Open,
            });
            advance(&mut case, Phase::Resolve);
        }
        EventPayload::CommitmentKept { id, on, explanation } => {
            if let Some(c) = case.commitments.iter_mut().find(|c| c.id == *id) {
                c.status = CommitmentStatus::Kept { on: *on, explanation: explanation.clone() };
            }
        }
        EventPayload::CommitmentBroken { id, on, explanation } => {
            if let Some(c) = case.commitments.iter_mut().find(|c| c.id == *id) {
                c.status = CommitmentStatus::Broken { on: *on, explanation: explanation.clone() };
            }
        }
        EventPayload::Escalated { id, reason, explanation, requested_decision } => case.escalations.push(Escalation {
            id: *id,
            raised_at: event.at,
            raised_by: event.actor.display_name(),
            reason: *reason,
            explanation: explanation.clone(),
            requested_decision: requested_decision.clone(),
            answer: None,
        }),
        EventPayload::EscalationAnswered { id, decision } => {
            if let Some(e) = case.escalations.iter_mut().find(|e| e.id == *id) {
                e.answer =
                    Some(EscalationAnswer { decision: decision.clone(), by: event.actor.display_name(), at: event.at });
            }
        }
        EventPayload::Forwarded(f) => case.forwarding = Some(f.clone()),
        EventPayload::LessonRecorded(l) => case.lessons.push(l.clone()),
        EventPayload::Categorised { category } => case.category.clone_from(category),
        EventPayload::SignalFlagged { reason } => {
            case.signal = Some(Signal { reason: reason.clone(), by: event.actor.display_name(), at: event.at });
        }
        EventPayload::SignalUnflagged => case.signal = None,
        EventPayload::LessonLinked(l) => case.linked_lessons.push(l.clone()),
        EventPayload::ControlQuestionAnswered(a) => case.control_answer = Some(a.clone()),
        EventPayload::CaseClosed { outcome, .. } => {
            case.phase = Phase::Close;
            case.outcome = Some(*outcome);
            case.closed_at = Some(event.at);
        }
        EventPayload::CaseReopened { .. } => {
            case.reopened += 1;
            case.phase = Phase::Explore;
            case.outcome = None;
            case.closed_at = None;
            case.control_answer = None;
            // A new closing asks anew how it went.
            case.reopen_request = None;
            case.feedback = None;
            // Solved in the contact and then reopened: complaint handling
            // takes over, so the case is now at step 2.
            case.ladder_step = case.ladder_step.max(LadderStep::ComplaintHandling);
        }
        EventPayload::FormalHandlingStarted { .. }
        | EventPayload::CommitteeAppointed { .. }
        | EventPayload::HandlingPostponed { .. }
        | EventPayload::DelayConsented { .. }
        | EventPayload::NotHandlingDecided(_)
        | EventPayload::RespondentCopySent(_)
        | EventPayload::HearingPlanned(_)
        | EventPayload::HearingHeld { .. }
        | EventPayload::ComplainantHearingWaived(_)
        | EventPayload::ComplaintPartAdded { .. }
        | EventPayload::PartJudged { .. }
        | EventPayload::CommitteeAdvised(_)
        | EventPayload::FindingsConcluded(_)
        | EventPayload::OmbudsmanApproached(_)
        | EventPayload::OmbudsmanConcluded(_) => formal::apply(&mut case, &event.payload, event.at),
        EventPayload::EvidenceAdded(e) => case.evidence.push(e.clone()),
        EventPayload::ConductProtocolImposed(_) | EventPayload::ConductProtocolReviewed { .. } => {
            conduct::apply(&mut case, &event.payload);
        }
        EventPayload::ClosedForConductProtocol(c) => case.conduct_closure = Some(c.clone()),
        EventPayload::LetterSent { .. } | EventPayload::LetterDelivered { .. } | EventPayload::LetterPosted { .. } => {
            letter::apply(&mut case, &event.payload, event.at, event.actor.display_name());
        }
        EventPayload::InformationAdded { .. }
        | EventPayload::ReopenRequested { .. }
        | EventPayload::FeedbackGiven(_) => {
            citizen::apply(&mut case, &event.payload, event.at);
        }
        EventPayload::ReopenRequestDeclined { .. } => case.reopen_request = None,
        EventPayload::AudioDisclosed { id, told_on, could_listen } => {
            if let Some(audio) = case.evidence.iter_mut().find(|e| e.id == *id).and_then(|e| e.audio.as_mut()) {
                audio.respondent_told_on = Some(*told_on);
                audio.respondent_could_listen = *could_listen;
            }
        }
    }
    CaseState::Registered(case)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactPreference, formality::FormalRequirement};

    fn now() -> Timestamp {
        "2026-04-27T10:00:00Z".parse().unwrap()
    }

    fn staff() -> Actor {
        Actor::Staff { user_id: Uuid::nil(), name: "Sanne Bakker".into() }
    }

    fn ctx(actor: Actor) -> Context {
        Context::new(now(), actor)
    }

    fn intake(channel: Channel, handling: InitialHandling) -> Intake {
        Intake {
            reference: CaseReference::new(2026, 1),
            channel,
            received_at: now(),
            description: "  Mijn uitkering is twee keer te laat betaald.  ".into(),
            complainant: Complainant { name: Some("Jan Jansen".into()), ..Complainant::default() },
            conduct_date: Some(jiff::civil::date(2026, 4, 1)),
            department: Some("Werk en Inkomen".into()),
            employees_involved: None,
            signed: false,
            handling,
        }
    }

    fn register(intake: Intake, actor: Actor) -> Result<Vec<Event>, DomainError> {
        decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx(actor))
    }

    fn fields(err: &DomainError) -> Vec<Field> {
        err.field_errors().iter().map(|e| e.field).collect()
    }

    #[test]
    fn web_form_complaint_goes_to_complaint_handling_in_intake() {
        let events = register(intake(Channel::WebForm, InitialHandling::ToComplaintHandling), Actor::Citizen).unwrap();
        assert_eq!(events.len(), 1);
        let state = CaseState::from_events(&events);
        let case = state.case().unwrap();
        assert_eq!(case.phase, Phase::Intake);
        assert_eq!(case.ladder_step, LadderStep::ComplaintHandling);
        assert_eq!(case.description, "Mijn uitkering is twee keer te laat betaald.");
        assert!(case.is_open());
        assert_eq!(case.registered_by, Actor::Citizen);
    }

    #[test]
    fn solved_in_contact_closes_at_ladder_step_one() {
        let handling = InitialHandling::SolvedInContact { what_was_done: "Uitleg gegeven over de betaaldatum.".into() };
        let events = register(intake(Channel::Phone, handling), staff()).unwrap();
        assert_eq!(
            events.iter().map(|e| e.payload.kind()).collect::<Vec<_>>(),
            ["complaint_received", "solved_in_contact"]
        );
        let state = CaseState::from_events(&events);
        let case = state.case().unwrap();
        assert_eq!(case.ladder_step, LadderStep::InContact);
        assert_eq!(case.phase, Phase::Close);
        assert_eq!(case.outcome, Some(Outcome::Solved));
        assert_eq!(case.closed_at, Some(now()));
    }

    #[test]
    fn hand_over_moves_to_ladder_step_two_and_stays_open() {
        let events =
            register(intake(Channel::Counter, InitialHandling::HandOver { note: Some(" boos ".into()) }), staff())
                .unwrap();
        assert_eq!(events[1].payload, EventPayload::HandedOver { note: Some("boos".into()) });
        let state = CaseState::from_events(&events);
        let case = state.case().unwrap();
        assert_eq!(case.ladder_step, LadderStep::ComplaintHandling);
        assert_eq!(case.phase, Phase::Intake);
        assert!(case.is_open());
    }

    #[test]
    fn solving_in_contact_needs_what_was_done() {
        let handling = InitialHandling::SolvedInContact { what_was_done: "   ".into() };
        let err = register(intake(Channel::Phone, handling), staff()).unwrap_err();
        assert_eq!(fields(&err), [Field::WhatWasDone]);
    }

    #[test]
    fn a_citizen_cannot_mark_a_complaint_solved() {
        let handling = InitialHandling::SolvedInContact { what_was_done: "Opgelost".into() };
        let err = register(intake(Channel::WebForm, handling), Actor::Citizen).unwrap_err();
        assert_eq!(fields(&err), [Field::Handling]);
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let mut i = intake(Channel::WebForm, InitialHandling::ToComplaintHandling);
        i.description = "\n \t".into();
        i.complainant = Complainant {
            email: Some("geen-adres".into()),
            contact_preference: ContactPreference::Phone,
            ..Complainant::default()
        };
        i.conduct_date = Some(jiff::civil::date(2026, 5, 1));
        let err = register(i, Actor::Citizen).unwrap_err();
        assert_eq!(fields(&err), [Field::Description, Field::Email, Field::Phone, Field::ConductDate]);
        assert_eq!(err.code(), "invalid");
    }

    #[test]
    fn channel_must_fit_the_actor() {
        let err = register(intake(Channel::Phone, InitialHandling::ToComplaintHandling), Actor::Citizen).unwrap_err();
        assert_eq!(fields(&err), [Field::Channel]);
        let err = register(intake(Channel::WebForm, InitialHandling::HandOver { note: None }), staff()).unwrap_err();
        assert_eq!(fields(&err), [Field::Channel]);
        let integration = Actor::Integration { token_id: Uuid::nil(), name: "KCC".into() };
        assert!(register(intake(Channel::Phone, InitialHandling::ToComplaintHandling), integration).is_ok());
    }

    #[test]
    fn receipt_may_not_lie_in_the_future_beyond_clock_skew() {
        let mut i = intake(Channel::Letter, InitialHandling::HandOver { note: None });
        i.received_at = now() + SignedDuration::from_mins(4);
        assert!(register(i.clone(), staff()).is_ok());
        i.received_at = now() + SignedDuration::from_mins(6);
        assert_eq!(fields(&register(i, staff()).unwrap_err()), [Field::ReceivedAt]);
    }

    #[test]
    fn conduct_on_the_day_of_receipt_in_amsterdam_is_accepted() {
        // 23:30 UTC on 26 April is already 27 April in Amsterdam (CEST).
        let mut i = intake(Channel::Letter, InitialHandling::HandOver { note: None });
        i.received_at = "2026-04-26T23:30:00Z".parse().unwrap();
        i.conduct_date = Some(jiff::civil::date(2026, 4, 27));
        assert!(register(i, staff()).is_ok());
    }

    #[test]
    fn awb_9_4_formality_is_recorded_at_registration() {
        let mut i = intake(Channel::Letter, InitialHandling::HandOver { note: None });
        i.signed = true;
        i.complainant.address = Some("Dorpsstraat 1, 1234 AB Ergens".into());
        let events = register(i, staff()).unwrap();
        assert!(CaseState::from_events(&events).case().unwrap().formality.is_formal());

        let events = register(intake(Channel::Phone, InitialHandling::HandOver { note: None }), staff()).unwrap();
        let case = CaseState::from_events(&events).case().cloned().unwrap();
        assert_eq!(
            case.formality,
            Formality::Informal {
                missing: vec![FormalRequirement::Written, FormalRequirement::Signed, FormalRequirement::Address]
            }
        );
    }

    #[test]
    fn registering_twice_is_refused() {
        let events = register(intake(Channel::WebForm, InitialHandling::ToComplaintHandling), Actor::Citizen).unwrap();
        let state = CaseState::from_events(&events);
        let again = decide(
            &state,
            Command::Register(Box::new(intake(Channel::WebForm, InitialHandling::ToComplaintHandling))),
            &ctx(Actor::Citizen),
        );
        assert_eq!(again, Err(DomainError::AlreadyRegistered));
    }

    #[test]
    fn taking_into_handling_assigns_and_starts_exploring() {
        let events = register(intake(Channel::WebForm, InitialHandling::ToComplaintHandling), Actor::Citizen).unwrap();
        let state = CaseState::from_events(&events);
        let taken = decide(&state, Command::TakeIntoHandling, &ctx(staff())).unwrap();
        let state = taken.iter().fold(state, apply);
        let case = state.case().unwrap();
        assert_eq!(case.handler.as_ref().map(|h| h.name.as_str()), Some("Sanne Bakker"));
        assert_eq!(case.phase, Phase::Explore);
        // Taking it again changes nothing and records nothing.
        assert_eq!(decide(&state, Command::TakeIntoHandling, &ctx(staff())), Ok(vec![]));
    }

    #[test]
    fn only_staff_take_cases_and_never_closed_or_unknown_ones() {
        assert_eq!(decide(&CaseState::New, Command::TakeIntoHandling, &ctx(staff())), Err(DomainError::NotRegistered));
        let handling = InitialHandling::SolvedInContact { what_was_done: "Uitgelegd".into() };
        let closed = CaseState::from_events(&register(intake(Channel::Phone, handling), staff()).unwrap());
        assert_eq!(decide(&closed, Command::TakeIntoHandling, &ctx(staff())), Err(DomainError::CaseClosed));
        let open = CaseState::from_events(
            &register(intake(Channel::WebForm, InitialHandling::ToComplaintHandling), Actor::Citizen).unwrap(),
        );
        assert_eq!(decide(&open, Command::TakeIntoHandling, &ctx(Actor::Citizen)), Err(DomainError::NotPermitted));
    }

    #[test]
    fn events_round_trip_through_their_stored_form() {
        let handling = InitialHandling::SolvedInContact { what_was_done: "Excuses gemaakt".into() };
        for event in register(intake(Channel::Phone, handling), staff()).unwrap() {
            let json = event.payload.encode();
            assert!(json.starts_with(&format!("{{\"type\":\"{}\"", event.payload.kind())), "{json}");
            assert_eq!(EventPayload::decode(event.payload.kind(), 1, &json).unwrap(), event.payload);
        }
    }

    #[test]
    fn decoding_refuses_unknown_versions_and_mismatched_types() {
        let json = EventPayload::HandedOver { note: None }.encode();
        assert!(matches!(EventPayload::decode("handed_over", 9, &json), Err(DecodeError::UnknownVersion { .. })));
        assert!(matches!(EventPayload::decode("solved_in_contact", 1, &json), Err(DecodeError::KindMismatch { .. })));
        assert!(matches!(EventPayload::decode("handed_over", 1, "{"), Err(DecodeError::Json(_))));
    }

    #[test]
    fn summaries_cut_on_a_word_and_keep_the_first_line() {
        assert_eq!(summarise("Kort.", 140), "Kort.");
        assert_eq!(summarise("\nEerste regel\nTweede regel", 140), "Eerste regel…");
        let long = "woord ".repeat(40);
        let s = summarise(&long, 20);
        assert!(s.ends_with('…') && s.chars().count() <= 21, "{s}");
        assert!(!s.contains("woo…"));
    }

    mod informal_path {
        use super::*;
        use crate::{
            contact::{ContactMethod, ContactOutcome},
            forwarding::{ControlAnswer, Forwarding},
            lesson::{Learner, Lesson, LessonLevel},
            solution::{Solution, SolutionKind},
        };
        use jiff::civil::date;

        fn handler() -> Actor {
            Actor::Staff { user_id: Uuid::from_u128(7), name: "Hanna de Boer".into() }
        }

        /// A web complaint received on `received` (Amsterdam noon), taken by `handler()`.
        fn open_case_received(received: Date) -> CaseState {
            let at = received.at(12, 0, 0, 0).to_zoned_datetime(crate::time::amsterdam()).unwrap().timestamp();
            let mut i = intake(Channel::WebForm, InitialHandling::ToComplaintHandling);
            i.received_at = at;
            i.conduct_date = None;
            let events =
                decide(&CaseState::New, Command::Register(Box::new(i)), &Context::new(at, Actor::Citizen)).unwrap();
            CaseState::from_events(&events)
        }

        fn open_case() -> CaseState {
            let state = open_case_received(date(2026, 4, 20));
            run(state, Command::TakeIntoHandling, handler()).unwrap()
        }

        fn run(state: CaseState, command: Command, actor: Actor) -> Result<CaseState, DomainError> {
            run_at(state, command, actor, now())
        }

        fn run_at(state: CaseState, command: Command, actor: Actor, at: Timestamp) -> Result<CaseState, DomainError> {
            let events = decide(&state, command, &Context::new(at, actor))?;
            Ok(events.iter().fold(state, apply))
        }

        fn contact(method: ContactMethod, outcome: ContactOutcome) -> Contact {
            Contact {
                at: now(),
                method,
                initiative: Initiative::Organisation,
                outcome,
                summary: "Gebeld over de klacht.".into(),
            }
        }

        fn yes() -> ControlAnswer {
            ControlAnswer {
                satisfied: true,
                all_addressed: true,
                how_asked: ContactMethod::Phone,
                wants_letter: false,
                note: None,
            }
        }

        fn lesson() -> Lesson {
            Lesson {
                id: uuid::Uuid::nil(),
                positive: false,
                level: LessonLevel::Execution,
                learner: Learner::Team,
                text: "Betaaldata duidelijker uitleggen.".into(),
            }
        }

        fn respondent(user: u128) -> Respondent {
            Respondent {
                id: Uuid::from_u128(100 + user),
                user_id: Some(Uuid::from_u128(user)),
                name: "Piet Balie".into(),
                department: None,
            }
        }

        #[test]
        fn awb_9_7_an_involved_employee_cannot_take_the_case() {
            let state = open_case_received(date(2026, 4, 20));
            let state = run(state, Command::AddRespondent(respondent(7)), handler()).unwrap();
            let refused = run(state.clone(), Command::TakeIntoHandling, handler()).unwrap_err();
            assert_eq!(refused, DomainError::NotImpartial("Hanna de Boer".into()));
            assert!(refused.to_string().contains("Awb 9:7"));
            let manager = Actor::Staff { user_id: Uuid::from_u128(1), name: "Mo Manager".into() };
            let assign = Command::AssignHandler { user_id: Uuid::from_u128(7), name: "Hanna de Boer".into() };
            assert!(matches!(run(state.clone(), assign.clone(), manager.clone()), Err(DomainError::NotImpartial(_))));
            assert!(
                run(
                    state.clone(),
                    Command::AssignHandler { user_id: Uuid::from_u128(8), name: "Ander".into() },
                    manager.clone()
                )
                .is_ok()
            );
            // Awb 9:7 lid 2: about the body's own conduct the rule does not apply.
            let state = run(
                state,
                Command::MarkBodyConduct { reason: "Klacht over een besluit van het college".into() },
                manager.clone(),
            )
            .unwrap();
            assert!(run(state, assign, manager).is_ok());
        }

        #[test]
        fn awb_9_7_a_respondent_added_later_flags_the_handler() {
            let state = open_case();
            assert!(!state.case().unwrap().impartiality_conflict());
            let state = run(state, Command::AddRespondent(respondent(7)), handler()).unwrap();
            assert!(state.case().unwrap().impartiality_conflict());
        }

        #[test]
        fn first_contact_norm_counts_working_days_past_easter() {
            // Received on Good Friday 3 April 2026: Easter Monday is no working
            // day, so two working days later is Wednesday 8 April.
            let state = open_case_received(date(2026, 4, 3));
            let case = state.case().unwrap();
            assert_eq!(case.first_contact_due, Some(date(2026, 4, 8)));
            assert!(!case.first_contact_overdue(date(2026, 4, 8)));
            assert!(case.first_contact_overdue(date(2026, 4, 9)));
            let attempt = Contact {
                at: "2026-04-08T08:00:00Z".parse().unwrap(),
                ..contact(ContactMethod::Phone, ContactOutcome::NotReached)
            };
            let state = run_at(
                state,
                Command::LogContact { contact: attempt, preference_overridden: false },
                handler(),
                "2026-04-09T08:00:00Z".parse().unwrap(),
            )
            .unwrap();
            assert!(
                !state.case().unwrap().first_contact_overdue(date(2026, 4, 9)),
                "a failed attempt shows the organisation took the initiative"
            );
        }

        #[test]
        fn no_first_contact_norm_after_a_solution_in_the_contact() {
            let handling = InitialHandling::SolvedInContact { what_was_done: "Uitgelegd".into() };
            let events = register(intake(Channel::Phone, handling), staff()).unwrap();
            assert_eq!(CaseState::from_events(&events).case().unwrap().first_contact_due, None);
        }

        #[test]
        fn phoning_someone_who_prefers_letters_needs_an_explicit_choice() {
            let mut i = intake(Channel::WebForm, InitialHandling::ToComplaintHandling);
            i.complainant.contact_preference = ContactPreference::Letter;
            i.complainant.address = Some("Kerkstraat 1, Ergens".into());
            let state = CaseState::from_events(
                &decide(&CaseState::New, Command::Register(Box::new(i)), &ctx(Actor::Citizen)).unwrap(),
            );
            let phone = contact(ContactMethod::Phone, ContactOutcome::Reached);
            let refused = run(
                state.clone(),
                Command::LogContact { contact: phone.clone(), preference_overridden: false },
                handler(),
            )
            .unwrap_err();
            assert_eq!(fields(&refused), [Field::ContactMethod]);
            assert!(
                run(
                    state.clone(),
                    Command::LogContact { contact: phone.clone(), preference_overridden: true },
                    handler()
                )
                .is_ok()
            );
            let their_call = Contact { initiative: Initiative::Citizen, ..phone };
            assert!(
                run(
                    state.clone(),
                    Command::LogContact { contact: their_call, preference_overridden: false },
                    handler()
                )
                .is_ok()
            );
            let letter = contact(ContactMethod::Letter, ContactOutcome::Reached);
            let state =
                run(state, Command::LogContact { contact: letter, preference_overridden: false }, handler()).unwrap();
            assert_eq!(state.case().unwrap().phase, Phase::Explore);
        }

        #[test]
        fn contacts_need_a_summary_and_a_moment_that_has_passed() {
            let future = Contact {
                at: now() + SignedDuration::from_hours(2),
                summary: " ".into(),
                ..contact(ContactMethod::Phone, ContactOutcome::Reached)
            };
            let err =
                run(open_case(), Command::LogContact { contact: future, preference_overridden: false }, handler())
                    .unwrap_err();
            assert_eq!(fields(&err), [Field::Summary, Field::ContactAt]);
        }

        #[test]
        fn exploring_records_core_and_wishes() {
            let e =
                Exploration { core: " ".into(), wishes: String::new(), expectations: None, procedure_explained: true };
            assert_eq!(
                fields(&run(open_case(), Command::RecordExploration(e), handler()).unwrap_err()),
                [Field::Core, Field::Wishes]
            );
            let e = Exploration {
                core: "Betaling te laat".into(),
                wishes: "Geld deze week".into(),
                expectations: Some("  ".into()),
                procedure_explained: true,
            };
            let state = run(open_case(), Command::RecordExploration(e), handler()).unwrap();
            assert_eq!(state.case().unwrap().exploration.as_ref().unwrap().expectations, None);
        }

        #[test]
        fn a_solution_needs_its_reasoning() {
            let s = Solution {
                kind: SolutionKind::Apology,
                description: "Excuses gemaakt".into(),
                reasoning: " ".into(),
                consulted: None,
                agreed: true,
            };
            let err = run(open_case(), Command::RecordSolution(s.clone()), handler()).unwrap_err();
            assert_eq!(fields(&err), [Field::Reasoning]);
            let s = Solution { reasoning: "Mevrouw wilde vooral erkenning.".into(), ..s };
            let state = run(open_case(), Command::RecordSolution(s), handler()).unwrap();
            assert_eq!(state.case().unwrap().phase, Phase::Resolve);
        }

        #[test]
        fn commitments_are_made_kept_or_broken_once() {
            let id = Uuid::from_u128(55);
            let make = |due| Command::MakeCommitment {
                id,
                what: "Terugbetalen".into(),
                to_whom: "Klager".into(),
                owner: "Team Betalingen".into(),
                due,
            };
            let past = run(open_case(), make(date(2026, 4, 1)), handler()).unwrap_err();
            assert_eq!(fields(&past), [Field::Due]);
            let state = run(open_case(), make(date(2026, 5, 1)), handler()).unwrap();
            assert_eq!(state.case().unwrap().open_commitments().count(), 1);
            let broken = run(
                state.clone(),
                Command::SettleCommitment { id, kept: false, explanation: None, on: date(2026, 4, 27) },
                handler(),
            )
            .unwrap_err();
            assert_eq!(fields(&broken), [Field::Explanation]);
            let unknown = run(
                state.clone(),
                Command::SettleCommitment { id: Uuid::nil(), kept: true, explanation: None, on: date(2026, 4, 27) },
                handler(),
            );
            assert_eq!(unknown, Err(DomainError::UnknownCommitment));
            let kept = run(
                state,
                Command::SettleCommitment { id, kept: true, explanation: None, on: date(2026, 4, 27) },
                handler(),
            )
            .unwrap();
            assert_eq!(kept.case().unwrap().open_commitments().count(), 0);
            let again = run(
                kept,
                Command::SettleCommitment { id, kept: true, explanation: None, on: date(2026, 4, 27) },
                handler(),
            );
            assert_eq!(again, Err(DomainError::CommitmentSettled));
        }

        #[test]
        fn a_commitment_may_be_settled_on_an_earlier_day_but_not_a_later_one() {
            let id = Uuid::from_u128(56);
            let make = Command::MakeCommitment {
                id,
                what: "Terugbellen".into(),
                to_whom: "Klager".into(),
                owner: "Hanna".into(),
                due: date(2026, 5, 1),
            };
            let state = run(open_case(), make, handler()).unwrap();
            let settle = |on| Command::SettleCommitment { id, kept: true, explanation: None, on };
            let future = run(state.clone(), settle(date(2026, 4, 28)), handler()).unwrap_err();
            assert_eq!(fields(&future), [Field::SettledOn]);
            let before_receipt = run(state.clone(), settle(date(2026, 4, 19)), handler()).unwrap_err();
            assert_eq!(fields(&before_receipt), [Field::SettledOn]);
            let kept = run(state, settle(date(2026, 4, 24)), handler()).unwrap();
            let status = kept.case().unwrap().commitments[0].status.clone();
            assert_eq!(status, crate::commitment::CommitmentStatus::Kept { on: date(2026, 4, 24), explanation: None });
        }

        #[test]
        fn an_escalation_is_answered_once() {
            let id = Uuid::from_u128(66);
            let esc = Command::Escalate {
                id,
                reason: EscalationReason::Mandate,
                explanation: "Tegemoetkoming van 150 euro".into(),
                requested_decision: "Akkoord?".into(),
            };
            let state = run(open_case(), esc, handler()).unwrap();
            assert_eq!(state.case().unwrap().open_escalations().count(), 1);
            let manager = Actor::Staff { user_id: Uuid::from_u128(1), name: "Mo Manager".into() };
            let state =
                run(state, Command::AnswerEscalation { id, decision: "Akkoord".into() }, manager.clone()).unwrap();
            let answer = state.case().unwrap().escalations[0].answer.clone().unwrap();
            assert_eq!(answer.by, "Mo Manager");
            assert_eq!(state.case().unwrap().open_escalations().count(), 0);
            assert_eq!(
                run(state, Command::AnswerEscalation { id, decision: "Nee".into() }, manager),
                Err(DomainError::EscalationAnswered)
            );
        }

        #[test]
        fn awb_2_3_forwarding_closes_unless_a_part_stays() {
            let f = Forwarding {
                organisation: "UWV".into(),
                contact_person: "".into(),
                citizen_agreed: true,
                notice_sent_on: None,
                keeps_part: false,
            };
            let err = run(open_case(), Command::Forward(f.clone()), handler()).unwrap_err();
            assert_eq!(fields(&err), [Field::ContactPerson]);
            let f = Forwarding { contact_person: "J. Smit, team WW".into(), ..f };
            let closed = run(open_case(), Command::Forward(f.clone()), handler()).unwrap();
            assert_eq!(closed.case().unwrap().outcome, Some(Outcome::Forwarded));
            assert!(!closed.case().unwrap().is_open());
            let kept = run(open_case(), Command::Forward(Forwarding { keeps_part: true, ..f }), handler()).unwrap();
            assert!(kept.case().unwrap().is_open());
        }

        #[test]
        fn awb_9_5_closing_needs_a_satisfied_citizen_and_a_lesson_or_reason() {
            let close = || Command::CloseSolved { no_lesson_reason: None };
            assert_eq!(run(open_case(), close(), handler()), Err(DomainError::ControlQuestionMissing));
            let no = ControlAnswer { satisfied: true, all_addressed: false, ..yes() };
            let state = run(open_case(), Command::AnswerControlQuestion(no), handler()).unwrap();
            assert_eq!(run(state.clone(), close(), handler()), Err(DomainError::NotSatisfied));
            assert!(state.case().unwrap().is_open(), "a no keeps the case open");
            let state = run(state, Command::AnswerControlQuestion(yes()), handler()).unwrap();
            assert_eq!(fields(&run(state.clone(), close(), handler()).unwrap_err()), [Field::NoLessonReason]);
            let reasoned = run(
                state.clone(),
                Command::CloseSolved { no_lesson_reason: Some("Eenmalige vergissing, al besproken".into()) },
                handler(),
            )
            .unwrap();
            assert!(!reasoned.case().unwrap().is_open());
            let state = run(state, Command::RecordLesson(lesson()), handler()).unwrap();
            let closed = run(state, close(), handler()).unwrap();
            let case = closed.case().unwrap();
            assert_eq!(
                (case.outcome, case.ladder_step, case.phase),
                (Some(Outcome::Solved), LadderStep::ComplaintHandling, Phase::Close)
            );
        }

        #[test]
        fn the_door_stays_open_reopen_after_any_time() {
            let state = run(open_case(), Command::AnswerControlQuestion(yes()), handler()).unwrap();
            let state = run(state, Command::RecordLesson(lesson()), handler()).unwrap();
            assert_eq!(
                run(state.clone(), Command::Reopen { reason: "x".into() }, handler()),
                Err(DomainError::NotClosed)
            );
            let closed = run(state, Command::CloseSolved { no_lesson_reason: None }, handler()).unwrap();
            assert_eq!(run(closed.clone(), Command::RecordLesson(lesson()), handler()), Err(DomainError::CaseClosed));
            // Eleven years later the citizen comes back: no term limits that.
            let later: Timestamp = "2037-06-01T09:00:00Z".parse().unwrap();
            let blank =
                run_at(closed.clone(), Command::Reopen { reason: " ".into() }, Actor::Citizen, later).unwrap_err();
            assert_eq!(fields(&blank), [Field::Reason]);
            let reopened =
                run_at(closed, Command::Reopen { reason: "Het probleem is terug".into() }, Actor::Citizen, later)
                    .unwrap();
            let case = reopened.case().unwrap();
            assert!(case.is_open());
            assert_eq!((case.phase, case.outcome, case.control_answer.clone()), (Phase::Explore, None, None));
            assert_eq!(
                run(reopened, Command::CloseSolved { no_lesson_reason: None }, handler()),
                Err(DomainError::ControlQuestionMissing),
                "a new control question is needed"
            );
        }

        #[test]
        fn reopening_a_case_solved_in_the_contact_moves_it_to_step_two() {
            let handling = InitialHandling::SolvedInContact { what_was_done: "Uitgelegd".into() };
            let closed = CaseState::from_events(&register(intake(Channel::Phone, handling), staff()).unwrap());
            let reopened = run(closed, Command::Reopen { reason: "Toch niet opgelost".into() }, staff()).unwrap();
            assert_eq!(reopened.case().unwrap().ladder_step, LadderStep::ComplaintHandling);
        }

        #[test]
        fn only_staff_work_on_a_case() {
            assert_eq!(
                run(open_case(), Command::RecordLesson(lesson()), Actor::Citizen),
                Err(DomainError::NotPermitted)
            );
        }

        #[test]
        fn every_new_event_round_trips_and_describes_itself() {
            let id = Uuid::from_u128(3);
            let state = open_case();
            let commands = vec![
                Command::AddRespondent(respondent(9)),
                Command::LogContact {
                    contact: contact(ContactMethod::Meeting, ContactOutcome::Reached),
                    preference_overridden: false,
                },
                Command::RecordRespondentInformed(RespondentNotice { on: date(2026, 4, 27), how: "Gesprek".into() }),
                Command::MakeCommitment {
                    id,
                    what: "Bellen".into(),
                    to_whom: "Klager".into(),
                    owner: "Hanna".into(),
                    due: date(2026, 5, 4),
                },
                Command::SettleCommitment { id, kept: false, explanation: Some("Ziek".into()), on: date(2026, 4, 27) },
                Command::AnswerControlQuestion(yes()),
            ];
            let mut state = state;
            for command in commands {
                let events = decide(&state, command, &ctx(handler())).unwrap();
                for e in &events {
                    assert_eq!(EventPayload::decode(e.payload.kind(), 1, &e.payload.encode()).unwrap(), e.payload);
                    assert!(!e.payload.describe().is_empty());
                }
                state = events.iter().fold(state, apply);
            }
        }
    }
}

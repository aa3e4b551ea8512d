//! The case page: the complaint, what was done per rule of thumb, what is
//! still open, the forms for the next steps, and the full timeline.
//!
//! Every action on the page is a plain form that posts to
//! `/klachten/{id}/…` (see `case_actions`). When the rules refuse an action,
//! the page comes back with status 400, an error summary at the top and the
//! errors beside the fields of the form that was sent.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::Response,
};
use gehoord_domain::{
    CaseState, ContactPreference, EventPayload, Formality, LadderStep, Phase, Role,
    case::{Case, Rules},
    commitment::{Commitment, CommitmentStatus},
    conduct::{ContactLimit, ProtocolRecord},
    contact::{Contact, ContactMethod, ContactOutcome, Initiative},
    escalation::{Escalation, EscalationReason},
    evidence::{Evidence, EvidenceSource},
    formal::FormalHandling,
    formality::FormalRequirement,
    hearing::{Hearing, HearingSetting, HearingWaiverGround},
    judgment::{ComplaintPart, Verdict},
    lesson::{Learner, LessonLevel},
    norm::{CoreValue, Norm},
    not_handling::{NotHandlingGround, suggested_ground},
    respondent::Respondent,
    solution::SolutionKind,
    terms::{Deadlines, Urgency},
    time::{amsterdam, date_in_amsterdam},
};
use gehoord_store::{CaseView, LessonRow, PersonProtocol, TimelineEntry, User};
use jiff::civil::Date;
use uuid::Uuid;

use super::{case_actions, case_id, layout, letters};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::FormState,
    view::{self, Layout},
};

/// Which form on the case page was sent. Its `anchor` is the id of the
/// `<form>` element, so an error summary can link to a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionForm {
    Take,
    Assign,
    Respondent,
    BodyConduct,
    Contact,
    Exploration,
    RespondentInformed,
    Solution,
    Commitment,
    Settle(Uuid),
    Escalate,
    Answer(Uuid),
    Forward,
    Lesson,
    Control,
    Close,
    Reopen,
    FormalStart,
    NotHandle,
    Committee,
    Postpone,
    Consent,
    RespondentCopy,
    Hearing,
    HearingReport,
    Waiver,
    Part,
    Judge,
    Advice,
    CloseJudged,
    Ombudsman,
    OmbudsmanConclusion,
    Evidence,
    Disclosure,
    ImposeProtocol,
    ReviewProtocol,
    CloseForProtocol,
    /// The posting date of a sent letter.
    Posted(Uuid),
    /// Answering a citizen's request to reopen without reopening.
    DeclineReopen,
    /// Linking the case to a lesson in the register.
    LinkLesson,
    /// The subject category, for the reports.
    Categorise,
    /// Flagging (or clearing) an important signal.
    Signal,
}

impl ActionForm {
    /// The id of the form element on the page.
    #[must_use]
    pub fn anchor(self) -> String {
        match self {
            Self::Take => "form-in-behandeling".to_owned(),
            Self::Assign => "form-toewijzen".to_owned(),
            Self::Respondent => "form-betrokkene".to_owned(),
            Self::BodyConduct => "form-eigen-gedrag".to_owned(),
            Self::Contact => "form-contact".to_owned(),
            Self::Exploration => "form-verkenning".to_owned(),
            Self::RespondentInformed => "form-betrokkene-geinformeerd".to_owned(),
            Self::Solution => "form-oplossing".to_owned(),
            Self::Commitment => "form-toezegging".to_owned(),
            Self::Settle(id) => format!("form-toezegging-{id}"),
            Self::Escalate => "form-escalatie".to_owned(),
            Self::Answer(id) => format!("form-escalatie-{id}"),
            Self::Forward => "form-doorsturen".to_owned(),
            Self::Lesson => "form-leerpunt".to_owned(),
            Self::Control => "form-controlevraag".to_owned(),
            Self::Close => "form-afronden".to_owned(),
            Self::Reopen => "form-heropenen".to_owned(),
            Self::DeclineReopen => "form-heropenverzoek".to_owned(),
            Self::FormalStart => "form-formeel".to_owned(),
            Self::NotHandle => "form-niet-behandelen".to_owned(),
            Self::Committee => "form-adviescommissie".to_owned(),
            Self::Postpone => "form-verdagen".to_owned(),
            Self::Consent => "form-instemming".to_owned(),
            Self::RespondentCopy => "form-kopie-beklaagde".to_owned(),
            Self::Hearing => "form-hoorzitting".to_owned(),
            Self::HearingReport => "form-verslag".to_owned(),
            Self::Waiver => "form-afzien-horen".to_owned(),
            Self::Part => "form-klachtonderdeel".to_owned(),
            Self::Judge => "form-oordeel".to_owned(),
            Self::Advice => "form-advies".to_owned(),
            Self::CloseJudged => "form-afronden-oordeel".to_owned(),
            Self::Ombudsman => "form-ombudsman".to_owned(),
            Self::OmbudsmanConclusion => "form-ombudsman-uitkomst".to_owned(),
            Self::Evidence => "form-bewijs".to_owned(),
            Self::Disclosure => "form-opname".to_owned(),
            Self::ImposeProtocol => "form-gedragslijn".to_owned(),
            Self::ReviewProtocol => "form-gedragslijn-evaluatie".to_owned(),
            Self::CloseForProtocol => "form-gedragslijn-afronden".to_owned(),
            Self::Posted(id) => format!("form-gepost-{id}"),
            Self::LinkLesson => "form-leerpunt-koppelen".to_owned(),
            Self::Categorise => "form-categorie".to_owned(),
            Self::Signal => "form-signaal".to_owned(),
        }
    }
}

/// A form that came back: what was typed, what is wrong, and a refusal by
/// the rules that is not about one field.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub form: ActionForm,
    pub state: FormState,
    pub refusal: Option<String>,
}

/// The values every form on the page starts with, and the one that came back.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    pub assign: FormState,
    pub respondent: FormState,
    pub body_conduct: FormState,
    pub contact: FormState,
    pub exploration: FormState,
    pub informed: FormState,
    pub solution: FormState,
    pub commitment: FormState,
    pub settle: FormState,
    pub escalate: FormState,
    pub answer: FormState,
    pub forward: FormState,
    pub lesson: FormState,
    pub control: FormState,
    pub close: FormState,
    pub reopen: FormState,
    pub decline_reopen: FormState,
    pub formal_start: FormState,
    pub not_handle: FormState,
    pub committee: FormState,
    pub postpone: FormState,
    pub consent: FormState,
    pub respondent_copy: FormState,
    pub hearing: FormState,
    pub hearing_report: FormState,
    pub waiver: FormState,
    pub part: FormState,
    pub judge: FormState,
    pub advice: FormState,
    pub close_judged: FormState,
    pub ombudsman: FormState,
    pub ombudsman_conclusion: FormState,
    pub evidence: FormState,
    pub disclosure: FormState,
    pub impose_protocol: FormState,
    pub review_protocol: FormState,
    pub close_for_protocol: FormState,
    pub posted: FormState,
    pub link_lesson: FormState,
    pub categorise: FormState,
    pub signal: FormState,
}

/// Whether a step of a rule of thumb is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Done,
    Open,
    /// Nothing to do here for this case.
    NotNeeded,
}

impl StepStatus {
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Done => "Gedaan",
            Self::Open => "Nog doen",
            Self::NotNeeded => "Niet nodig",
        }
    }

    #[must_use]
    pub const fn class(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Open => "open",
            Self::NotNeeded => "not-needed",
        }
    }
}

/// One line of a rule's checklist.
#[derive(Debug, Clone)]
pub struct Step {
    pub status: StepStatus,
    pub label: &'static str,
    pub detail: Option<String>,
}

/// A rule of thumb as a group on the page.
#[derive(Debug, Clone)]
pub struct Group {
    pub phase: Phase,
    /// The section's id, also the fragment actions return to.
    pub id: &'static str,
    /// One line in our own words from the ombudsvisie.
    pub hint: &'static str,
    pub steps: Vec<Step>,
}

/// The first-contact service norm as the page states it.
#[derive(Debug, Clone)]
pub enum FirstContact {
    /// No norm applies (the case was solved in the contact).
    None,
    /// Still to do, before the end of `due`.
    Due(String),
    /// The norm has passed without an attempt.
    Overdue(String),
    /// The organisation tried (or reached the citizen) at this moment.
    Met { at: String, due: Option<String> },
}

/// One statutory term as the case page shows it.
#[derive(Debug, Clone)]
pub struct TermLine {
    pub label: &'static str,
    pub date: String,
    pub explanation: String,
    pub urgency: Urgency,
}

/// A record of the case chosen by a radio button on the case page (macro
/// `record_radios` in `case_macros.html`): the id it is posted as.
trait Record {
    fn record_id(&self) -> Uuid;
}

impl Record for Evidence {
    fn record_id(&self) -> Uuid {
        self.id
    }
}

impl Record for Hearing {
    fn record_id(&self) -> Uuid {
        self.id
    }
}

impl Record for ComplaintPart {
    fn record_id(&self) -> Uuid {
        self.id
    }
}

impl Record for ProtocolRecord {
    fn record_id(&self) -> Uuid {
        self.protocol.id
    }
}

impl Record for PersonProtocol {
    fn record_id(&self) -> Uuid {
        self.record.protocol.id
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "case.html")]
pub struct CasePage {
    layout: Layout,
    case: CaseView,
    /// The case as folded from its events, for the rules' own helpers.
    full: Case,
    timeline: Vec<TimelineEntry>,
    phases: &'static [Phase],
    groups: Vec<Group>,
    first_contact: FirstContact,
    /// The statutory terms of Awb 9:8 lid 3 and 9:11, while the case is open.
    terms: Vec<TermLine>,
    /// Open commitments whose due working day has passed.
    overdue: Vec<Uuid>,
    /// Active staff who may handle, for the manager's assign list.
    handlers: Vec<User>,
    /// Every staff member, to link a respondent to an account (Awb 9:7).
    staff: Vec<User>,
    may_take: bool,
    /// Handler or manager, on an open case.
    may_work: bool,
    may_assign: bool,
    may_answer: bool,
    may_mark_body_conduct: bool,
    may_reopen: bool,
    forms: Forms,
    /// The form that came back, with its errors; empty otherwise.
    sent: FormState,
    sent_anchor: String,
    refusal: Option<String>,
    /// An empty form for the forms that were not sent.
    blank: FormState,
    prefers_written: bool,
    methods: &'static [ContactMethod],
    initiatives: &'static [Initiative],
    outcomes: &'static [ContactOutcome],
    solution_kinds: &'static [SolutionKind],
    reasons: &'static [EscalationReason],
    levels: &'static [LessonLevel],
    learners: &'static [Learner],
    /// Step 3 is recorded also after closing.
    may_record_ombudsman: bool,
    /// Awb 9:8 lid 1 sub b, when the conduct date says so.
    suggested_ground: Option<NotHandlingGround>,
    grounds: &'static [NotHandlingGround],
    waiver_grounds: &'static [HearingWaiverGround],
    verdicts: &'static [Verdict],
    settings: &'static [HearingSetting],
    sources: &'static [EvidenceSource],
    limits: &'static [ContactLimit],
    /// Category and signal: handlers and managers, also after closing.
    may_classify: bool,
    /// Active protocols of this person, from any of their cases.
    person_protocols: Vec<PersonProtocol>,
    /// The organisation's active categories (and the case's own, if retired).
    categories: Vec<String>,
    today: Date,
    rules: Rules,
    /// The 22 norms under their core values.
    norm_groups: Vec<(CoreValue, Vec<Norm>)>,
    /// The section "Brieven".
    letters: letters::Section,
    citizen: CitizenSide,
    /// The case's lessons in the register, and the open lessons it could be
    /// linked to (its own department first).
    register_lessons: Vec<LessonRow>,
    linkable_lessons: Vec<LessonRow>,
    /// What a manager did with the flag on the signal list, if anything.
    signal_dealt: Option<gehoord_store::SignalDecision>,
}

impl CasePage {
    fn received(&self) -> String {
        view::date_time(self.case.row.received_at)
    }

    fn conduct_date(&self) -> Option<String> {
        self.case.detail.conduct_date.map(view::long_date)
    }

    fn closed(&self) -> Option<String> {
        self.case.row.closed_at.map(view::date_time)
    }

    fn missing_for_formal(&self) -> String {
        match &self.case.detail.formality {
            gehoord_domain::Formality::Formal => String::new(),
            gehoord_domain::Formality::Informal { missing } => {
                missing.iter().map(|m| m.label()).collect::<Vec<_>>().join(", ")
            }
        }
    }

    fn at(&self, entry: &TimelineEntry) -> String {
        view::date_time(entry.at)
    }

    fn iso(&self, entry: &TimelineEntry) -> String {
        view::iso(entry.at)
    }

    fn has_errors(&self) -> bool {
        self.sent.has_errors()
    }

    /// Whether the form with this anchor is the one that came back (its
    /// `<details>` stays open).
    fn is_sent(&self, anchor: &str) -> bool {
        self.sent_anchor == anchor
    }

    fn refusal_for(&self, anchor: &str) -> Option<&str> {
        if self.sent_anchor == anchor { self.refusal.as_deref() } else { None }
    }

    /// The error on a letter's posting date, when its form came back.
    fn posted_error(&self, anchor: &str, field: &str) -> Option<&str> {
        if self.is_sent(anchor) { self.forms.posted.error_for(field) } else { None }
    }

    fn settle_sent(&self, c: &Commitment) -> bool {
        self.is_sent(&ActionForm::Settle(c.id).anchor())
    }

    fn answer_sent(&self, e: &Escalation) -> bool {
        self.is_sent(&ActionForm::Answer(e.id).anchor())
    }

    /// The settle form's state for this commitment: the sent one, or blank.
    fn settle_form(&self, c: &Commitment) -> &FormState {
        if self.settle_sent(c) { &self.forms.settle } else { &self.blank }
    }

    /// The error on the settle form's `field` of this commitment (inputs are
    /// named `{field}-{commitment id}` on the page).
    fn settle_error(&self, c: &Commitment, field: &str) -> Option<&str> {
        self.settle_form(c).error_for(&format!("{field}-{}", c.id))
    }

    fn settle_refusal(&self, c: &Commitment) -> Option<&str> {
        if self.settle_sent(c) { self.refusal.as_deref() } else { None }
    }

    fn answer_form(&self, e: &Escalation) -> &FormState {
        if self.answer_sent(e) { &self.forms.answer } else { &self.blank }
    }

    fn answer_error(&self, e: &Escalation) -> Option<&str> {
        self.answer_form(e).error_for(&format!("decision-{}", e.id))
    }

    fn answer_refusal(&self, e: &Escalation) -> Option<&str> {
        if self.answer_sent(e) { self.refusal.as_deref() } else { None }
    }

    fn respondent_names(&self) -> String {
        self.full
            .respondents
            .iter()
            .map(|r| match &r.department {
                Some(d) => format!("{} ({d})", r.name),
                None => r.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn limits_of(&self, r: &ProtocolRecord) -> String {
        let mut all: Vec<String> = r.protocol.limits.iter().map(|l| l.label().to_owned()).collect();
        all.extend(r.protocol.other_limit.clone());
        all.join("; ")
    }

    fn limit_checked(&self, limit: &ContactLimit) -> bool {
        self.forms.impose_protocol.is(limit.code(), "ja")
    }

    /// The Awb 9:8 lid 3 deadline, when the notice of not handling went out after it.
    fn not_handling_notice_late(&self) -> Option<String> {
        let sent = self.full.formal.not_handling.as_ref()?.notice_sent_on;
        let deadlines =
            Deadlines::compute(date_in_amsterdam(self.full.received_at), &self.full.formal.procedure(), &self.rules)
                .ok()?;
        (sent > deadlines.not_handling_notice.date).then(|| view::long_date(deadlines.not_handling_notice.date))
    }

    fn review_overdue(&self, r: &ProtocolRecord) -> bool {
        r.review_overdue(self.today)
    }

    fn review_date(&self, r: &ProtocolRecord) -> String {
        view::long_date(r.review_on())
    }

    fn active_here(&self) -> Vec<&ProtocolRecord> {
        self.full.conduct_protocols.iter().filter(|r| r.is_active()).collect()
    }

    /// The competent ombudsman from the settings.
    fn ombudsman(&self) -> &str {
        &self.rules.ombudsman
    }

    fn formal(&self) -> &FormalHandling {
        &self.full.formal
    }

    fn awaiting_ombudsman_conclusion(&self) -> bool {
        self.full.formal.ombudsman.as_ref().is_some_and(|o| o.conclusion.is_none())
    }

    /// Recordings the respondent has not yet been able to hear.
    fn undisclosed(&self) -> Vec<&Evidence> {
        self.full
            .evidence
            .iter()
            .filter(|e| e.audio.as_ref().is_some_and(|a| a.respondent_told_on.is_none() || !a.respondent_could_listen))
            .collect()
    }

    fn size(&self, e: &Evidence) -> String {
        match e.size {
            n if n < 1024 => format!("{n} bytes"),
            n if n < 1024 * 1024 => format!("{} kB", n.div_ceil(1024)),
            n => format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)).replace('.', ","),
        }
    }

    fn hearing_when(&self, h: &Hearing) -> String {
        view::date_time(h.at)
    }

    fn participants(&self, h: &Hearing) -> String {
        h.participants
            .iter()
            .map(|p| format!("{} ({})", p.name, p.role.label().to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn unreported(&self) -> Vec<&Hearing> {
        self.full.formal.hearings.iter().filter(|h| !h.is_held()).collect()
    }

    fn norm_checked(&self, norm: &Norm) -> bool {
        self.forms.judge.is(norm.code(), "ja")
    }

    fn norm_list(&self, part: &ComplaintPart) -> String {
        part.judgment
            .as_ref()
            .map(|j| j.norms.iter().map(|n| n.label()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    }

    fn group(&self, phase: Phase) -> Option<&Group> {
        self.groups.iter().find(|g| g.phase == phase)
    }

    fn is_current(&self, group: &Group) -> bool {
        group.phase == self.case.row.phase && self.case.row.is_open
    }

    fn contact_at(&self, c: &Contact) -> String {
        view::date_time(c.at)
    }

    fn contact_iso(&self, c: &Contact) -> String {
        view::iso(c.at)
    }

    fn date(&self, d: &Date) -> String {
        view::long_date(*d)
    }

    fn notice_sent_on(&self) -> Option<String> {
        self.full.forwarding.as_ref().and_then(|f| f.notice_sent_on).map(view::long_date)
    }

    fn is_overdue(&self, c: &Commitment) -> bool {
        self.overdue.contains(&c.id)
    }

    fn commitment_status(&self, c: &Commitment) -> String {
        match &c.status {
            CommitmentStatus::Open if self.is_overdue(c) => "Open, te laat".to_owned(),
            CommitmentStatus::Open => "Open".to_owned(),
            CommitmentStatus::Kept { on, .. } => format!("Nagekomen op {}", view::long_date(*on)),
            CommitmentStatus::Broken { on, .. } => format!("Niet nagekomen (vastgelegd op {})", view::long_date(*on)),
        }
    }

    /// `open`, `kept` or `broken`, for styling and tests.
    fn status_code(&self, c: &Commitment) -> &'static str {
        match c.status {
            CommitmentStatus::Open => "open",
            CommitmentStatus::Kept { .. } => "kept",
            CommitmentStatus::Broken { .. } => "broken",
        }
    }

    fn commitment_explanation<'a>(&self, c: &'a Commitment) -> Option<&'a str> {
        match &c.status {
            CommitmentStatus::Open => None,
            CommitmentStatus::Kept { explanation, .. } => explanation.as_deref(),
            CommitmentStatus::Broken { explanation, .. } => Some(explanation),
        }
    }

    fn escalation_at(&self, e: &Escalation) -> String {
        view::date_time(e.raised_at)
    }

    fn answer_line(&self, e: &Escalation) -> Option<String> {
        e.answer.as_ref().map(|a| format!("{} op {}", a.by, view::date_time(a.at)))
    }

    /// The staff account a respondent is linked to, by name.
    fn account_of(&self, r: &Respondent) -> Option<&str> {
        let id = r.user_id?;
        self.staff.iter().find(|u| u.id == id).map(|u| u.display_name.as_str())
    }

    /// The event's own words beyond its one-line description, if any.
    fn detail(&self, entry: &TimelineEntry) -> Option<String> {
        match &entry.payload {
            EventPayload::SolvedInContact { what_was_done } => Some(format!("Wat is gedaan: {what_was_done}")),
            EventPayload::HandedOver { note: Some(note) } => Some(format!("Notitie: {note}")),
            EventPayload::BodyConductMarked { reason } => Some(format!("Reden: {reason}")),
            EventPayload::ContactLogged(c) => Some(c.summary.clone()),
            EventPayload::CommitmentKept { explanation: Some(e), .. } => Some(e.clone()),
            EventPayload::CommitmentBroken { explanation, .. } => Some(format!("Waarom: {explanation}")),
            EventPayload::EscalationAnswered { decision, .. } => Some(format!("Besluit: {decision}")),
            EventPayload::CaseClosed { no_lesson_reason: Some(r), .. } => Some(format!("Geen leerpunt: {r}")),
            EventPayload::CaseReopened { reason } => Some(format!("Reden: {reason}")),
            EventPayload::FormalHandlingStarted { reason, .. } => Some(format!("Waarom: {reason}")),
            EventPayload::HandlingPostponed { postponement, .. } => Some(format!("Waarom: {}", postponement.reason)),
            EventPayload::NotHandlingDecided(n) => Some(format!("Motivering: {}", n.motivation)),
            EventPayload::ComplainantHearingWaived(w) => Some(w.explanation.clone()),
            EventPayload::PartJudged { judgment, .. } => Some(judgment.motivation.clone()),
            EventPayload::FindingsConcluded(f) => Some(format!("Conclusies: {}", f.conclusions)),
            EventPayload::EvidenceAdded(e) => Some(format!("{} (SHA-256 {})", e.description, e.sha256)),
            EventPayload::ConductProtocolImposed(p) => Some(format!("Gedrag: {}", p.behaviour)),
            EventPayload::ConductProtocolReviewed { review, .. } => Some(review.note.clone()),
            EventPayload::ClosedForConductProtocol(c) => Some(c.explanation.clone()),
            _ => None,
        }
    }
}

/// Yes or no, for `ja`/`nee` radio buttons.
fn yes_no(value: bool) -> &'static str {
    if value { "ja" } else { "nee" }
}

/// The checklists per rule of thumb.
fn groups(case: &Case) -> Vec<Group> {
    let status = |done: bool| if done { StepStatus::Done } else { StepStatus::Open };
    let contacted = case.first_contact_attempt().or_else(|| case.first_personal_contact());
    let exploration = case.exploration.as_ref();
    let open_commitments = case.open_commitments().count();
    let open_escalations = case.open_escalations().count();
    let answer = case.control_answer.as_ref();
    vec![
        Group {
            phase: Phase::Intake,
            id: "binnenkomst",
            hint: "Elke uiting van onvrede telt, hoe die ook binnenkomt. Zorg dat de klacht snel bij iemand ligt \
                   die er zelf niet bij betrokken was.",
            steps: vec![
                Step {
                    status: StepStatus::Done,
                    label: "Klacht geregistreerd",
                    detail: Some(format!(
                        "Ontvangen op {} via {}.",
                        view::date_time(case.received_at),
                        case.channel.label().to_lowercase()
                    )),
                },
                Step {
                    status: status(case.handler.is_some()),
                    label: "Behandelaar gekozen",
                    detail: case.handler.as_ref().map(|h| format!("{} behandelt de klacht.", h.name)),
                },
                Step {
                    status: status(case.handler.is_some() && !case.impartiality_conflict()),
                    label: "Behandelaar was zelf niet betrokken (Awb 9:7)",
                    detail: case.impartiality_conflict().then(|| {
                        "De behandelaar is zelf betrokken. Een leidinggevende wijst iemand anders toe.".into()
                    }),
                },
            ],
        },
        Group {
            phase: Phase::Explore,
            id: "verkennen",
            hint: "Neem zelf het initiatief voor persoonlijk contact, het liefst door te bellen. Zoek samen met de \
                   burger uit waar de klacht echt over gaat en wat de burger wil bereiken.",
            steps: vec![
                Step {
                    status: if case.first_contact_due.is_none() && contacted.is_none() {
                        StepStatus::NotNeeded
                    } else {
                        status(contacted.is_some())
                    },
                    label: "Persoonlijk contact gezocht",
                    detail: contacted.map(|at| format!("Op {}.", view::date_time(at))),
                },
                Step {
                    status: status(exploration.is_some()),
                    label: "Kern van de klacht en wensen van de burger vastgelegd",
                    detail: None,
                },
                Step {
                    status: status(exploration.is_some_and(|e| e.procedure_explained)),
                    label: "Procedure uitgelegd aan de burger",
                    detail: None,
                },
                Step {
                    status: if case.respondent_informed.is_some() {
                        StepStatus::Done
                    } else if case.respondents.is_empty() {
                        StepStatus::NotNeeded
                    } else {
                        StepStatus::Open
                    },
                    label: "Betrokken medewerker geïnformeerd",
                    detail: case
                        .respondents
                        .is_empty()
                        .then(|| "Er is geen betrokken medewerker vastgelegd.".to_owned())
                        .filter(|_| case.respondent_informed.is_none()),
                },
            ],
        },
        Group {
            phase: Phase::Resolve,
            id: "oplossen",
            hint: "Zoek samen met de burger een oplossing op maat. Schrijf op wat u doet en waarom, zodat burgers \
                   niet willekeurig verschillend worden behandeld. Kom afspraken na.",
            steps: vec![
                Step {
                    status: status(case.solutions.iter().any(|s| s.agreed)),
                    label: "Oplossing afgesproken met de burger",
                    detail: (!case.solutions.is_empty() && !case.solutions.iter().any(|s| s.agreed))
                        .then(|| "Er is wel iets geprobeerd, maar nog niets afgesproken.".to_owned()),
                },
                Step {
                    status: if case.commitments.is_empty() {
                        StepStatus::NotNeeded
                    } else {
                        status(open_commitments == 0)
                    },
                    label: "Toezeggingen afgehandeld",
                    detail: (open_commitments > 0).then(|| match open_commitments {
                        1 => "Er staat nog 1 toezegging open.".to_owned(),
                        n => format!("Er staan nog {n} toezeggingen open."),
                    }),
                },
                Step {
                    status: if case.escalations.is_empty() {
                        StepStatus::NotNeeded
                    } else {
                        status(open_escalations == 0)
                    },
                    label: "Vragen aan de leidinggevende beantwoord",
                    detail: (open_escalations > 0)
                        .then(|| "Er wacht nog een vraag op een besluit van een leidinggevende.".to_owned()),
                },
            ],
        },
        Group {
            phase: Phase::Judge,
            id: "oordelen",
            hint: "Lukt het niet om samen een oplossing te vinden? Dan volgt een formele behandeling: hoor en \
                   wederhoor, en een gemotiveerd oordeel per klachtonderdeel.",
            steps: judge_steps(case),
        },
        Group {
            phase: Phase::Close,
            id: "afronden",
            hint: "Vraag de burger of de klacht naar tevredenheid is opgelost en of alles besproken is. Leg vast \
                   wat de organisatie ervan leert. De burger kan altijd terugkomen.",
            steps: vec![
                Step {
                    status: status(answer.is_some_and(|a| a.confirms_solution())),
                    label: "Controlevraag gesteld: de burger is tevreden",
                    detail: answer
                        .filter(|a| !a.confirms_solution())
                        .map(|_| "De burger is nog niet tevreden, of nog niet alles is besproken.".to_owned()),
                },
                Step { status: status(!case.lessons.is_empty()), label: "Leerpunt vastgelegd", detail: None },
                Step { status: status(!case.is_open()), label: "Klacht afgerond", detail: None },
            ],
        },
    ]
}

/// The checklist of rule of thumb 4, once formal handling started.
fn judge_steps(case: &Case) -> Vec<Step> {
    let formal = &case.formal;
    if formal.started.is_none() {
        return Vec::new();
    }
    let status = |done: bool| if done { StepStatus::Done } else { StepStatus::Open };
    let needed = |needed: bool, done: bool| if needed { status(done) } else { StepStatus::NotNeeded };
    let respondents = !case.respondents.is_empty();
    let judged = formal.parts.iter().filter(|p| p.judgment.is_some()).count();
    vec![
        Step { status: StepStatus::Done, label: "Formele behandeling gestart", detail: None },
        Step {
            status: needed(respondents, formal.respondent_copy.is_some()),
            label: "Kopie van de klacht naar de betrokken medewerker (Awb 9:9)",
            detail: None,
        },
        Step {
            status: status(formal.complainant_heard_or_waived()),
            label: "Klager gehoord, of afgezien op een grond uit de wet (Awb 9:10)",
            detail: None,
        },
        Step {
            status: needed(respondents, formal.heard(gehoord_domain::hearing::ParticipantRole::Respondent)),
            label: "Betrokken medewerker gehoord (Awb 9:10)",
            detail: None,
        },
        Step {
            status: needed(formal.committee.is_some(), formal.committee.as_ref().is_some_and(|c| c.advice.is_some())),
            label: "Advies van de adviescommissie (Awb 9:15)",
            detail: None,
        },
        Step {
            status: status(formal.all_parts_judged()),
            label: "Oordeel over elk klachtonderdeel",
            detail: (!formal.parts.is_empty()).then(|| format!("{judged} van {} beoordeeld.", formal.parts.len())),
        },
    ]
}

/// The values the forms start with on a fresh page.
fn defaults(case: &Case, staff: &User, now: jiff::Timestamp, rules: &Rules) -> Forms {
    let here = now.to_zoned_datetime(amsterdam());
    let today = here.strftime("%d-%m-%Y").to_string();
    let method = match case.complainant.contact_preference {
        ContactPreference::Email => ContactMethod::Email,
        ContactPreference::Letter => ContactMethod::Letter,
        ContactPreference::Phone | ContactPreference::NoPreference => ContactMethod::Phone,
    };
    let exploration = case.exploration.as_ref();
    let case_today = here.date();
    let dutch_date = |d: Date| d.strftime("%d-%m-%Y").to_string();
    let unsigned =
        matches!(&case.formality, Formality::Informal { missing } if missing.contains(&FormalRequirement::Signed));
    let respondent_names: Vec<&str> = case.respondents.iter().map(|r| r.name.as_str()).collect();
    let second_round = case.formal.hearings.iter().any(|h| h.report.as_ref().is_some_and(|r| r.accounts_differ));
    Forms {
        contact: FormState::default()
            .with("contactMethod", method.code())
            .with("initiative", Initiative::Organisation.code())
            .with("contactDate", today.clone())
            .with("contactTime", here.strftime("%H:%M").to_string()),
        exploration: FormState::default()
            .with("core", exploration.map(|e| e.core.clone()).unwrap_or_default())
            .with("wishes", exploration.map(|e| e.wishes.clone()).unwrap_or_default())
            .with("expectations", exploration.and_then(|e| e.expectations.clone()).unwrap_or_default())
            .with("procedureExplained", if exploration.is_some_and(|e| e.procedure_explained) { "ja" } else { "" }),
        informed: FormState::default().with("informedOn", today.clone()),
        commitment: FormState::default()
            .with("toWhom", case.complainant.name.clone().unwrap_or_default())
            .with("owner", staff.display_name.clone()),
        control: case.control_answer.as_ref().map_or_else(FormState::default, |a| {
            FormState::default()
                .with("satisfied", yes_no(a.satisfied))
                .with("allAddressed", yes_no(a.all_addressed))
                .with("howAsked", a.how_asked.code())
        }),
        formal_start: FormState::default().with("signed", yes_no(!unsigned)),
        not_handle: FormState::default()
            .with(
                "ground",
                suggested_ground(case.conduct_date, date_in_amsterdam(case.received_at)).map_or("", |g| g.code()),
            )
            .with("notHandlingNoticeOn", today.clone()),
        postpone: FormState::default().with("notifiedOn", today.clone()),
        consent: FormState::default().with("givenOn", today.clone()),
        respondent_copy: FormState::default().with("copyTo", respondent_names.join(", ")).with("sentOn", today.clone()),
        hearing: FormState::default()
            .with("hearingTime", "10:00")
            .with("setting", HearingSetting::Together.code())
            .with("round", if second_round { "2" } else { "1" })
            .with("complainantHeard", case.complainant.name.clone().unwrap_or_default())
            .with("respondentNames", respondent_names.join("\n")),
        hearing_report: FormState::default().with("heldOn", today.clone()).with(
            "hearingId",
            case.formal.hearings.iter().find(|h| !h.is_held()).map(|h| h.id.to_string()).unwrap_or_default(),
        ),
        advice: FormState::default().with("advisedOn", today.clone()),
        ombudsman: FormState::default()
            .with("ombudsmanName", rules.ombudsman.clone())
            .with("requestedOn", today.clone()),
        ombudsman_conclusion: FormState::default().with("concludedOn", today.clone()),
        disclosure: FormState::default().with("toldOn", today.clone()),
        impose_protocol: FormState::default()
            .with("from", today.clone())
            .with("reviewOn", dutch_date(case_today.checked_add(jiff::Span::new().months(6)).unwrap_or(case_today))),
        review_protocol: FormState::default().with("reviewedOn", today.clone()).with(
            "protocolId",
            case.conduct_protocols
                .iter()
                .find(|r| r.is_active())
                .map(|r| r.protocol.id.to_string())
                .unwrap_or_default(),
        ),
        close_for_protocol: FormState::default(),
        ..Forms::default()
    }
}

/// Renders the case page for `staff`, with the form that came back if any.
pub async fn render(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    id: Uuid,
    sent: Option<Submitted>,
) -> Result<CasePage, PageError> {
    let view = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let events = state.store.events(id).await?;
    let folded = CaseState::from_events(events.iter().map(|e| &e.event));
    let full = folded.case().cloned().ok_or(PageError::NotFound)?;
    let timeline = events
        .into_iter()
        .map(|e| TimelineEntry {
            seq: e.seq,
            at: e.event.at,
            actor: e.event.actor.display_name(),
            payload: e.event.payload,
        })
        .collect();
    let now = state.clock.now();
    let today = date_in_amsterdam(now);
    let rules = state.rules().await?;
    let overdue = full.commitments.iter().filter(|c| c.is_overdue(today, &rules.calendar)).map(|c| c.id).collect();
    // Awb 9:8 lid 3 and 9:11 from receipt, with the committee term, the
    // postponement and the complainant's consent as recorded.
    let terms = match Deadlines::compute(date_in_amsterdam(full.received_at), &full.formal.procedure(), &rules) {
        Ok(d) if full.is_open() && full.ladder_step != LadderStep::InContact => [d.not_handling_notice, d.decision]
            .into_iter()
            .map(|t| TermLine {
                label: t.term.label(),
                date: view::long_date(t.date),
                explanation: t.explanation.to_string(),
                urgency: t.urgency(today, &rules.calendar, rules.warning_working_days),
            })
            .collect(),
        _ => Vec::new(),
    };
    let first_contact =
        match (full.first_contact_attempt().or_else(|| full.first_personal_contact()), full.first_contact_due) {
            (Some(at), due) => FirstContact::Met { at: view::date_time(at), due: due.map(view::long_date) },
            (None, Some(due)) if full.first_contact_overdue(today) => FirstContact::Overdue(view::long_date(due)),
            (None, Some(due)) if full.is_open() => FirstContact::Due(view::long_date(due)),
            (None, _) => FirstContact::None,
        };
    let users = state.store.users().await?;
    let handlers = users.iter().filter(|u| u.active && u.role.may_handle()).cloned().collect();
    let role = staff.0.role;
    let open = full.is_open();
    let person_protocols = state.store.protocols_for(&full.complainant).await?;
    let categories = state
        .store
        .categories()
        .await?
        .into_iter()
        .filter(|c| c.active || full.category.as_deref() == Some(c.name.as_str()))
        .map(|c| c.name)
        .collect();
    let letters = letters::section(state, &staff.0, id, &full, &rules, today).await?;
    let citizen = CitizenSide::load(state, id, &full).await?;
    let register_lessons = state.store.lessons_of_case(id).await?;
    // Only a decision on the current flag counts (flagged again is new).
    let signal_dealt = match &full.signal {
        Some(flag) => state.store.case_signal_decision(id).await?.filter(|d| {
            matches!(d.key, gehoord_domain::signal::SignalKey::Flag { flagged_at: Some(at), .. }
                if at.as_microsecond() == flag.at.as_microsecond())
        }),
        None => None,
    };
    let linkable_lessons = state
        .store
        .open_lessons_for_linking(full.department.as_deref(), 200)
        .await?
        .into_iter()
        .filter(|l| !register_lessons.iter().any(|r| r.id == l.id))
        .collect();
    let mut forms = defaults(&full, &staff.0, now, &rules);
    let suggestion = suggested_ground(full.conduct_date, date_in_amsterdam(full.received_at));
    let (sent_state, sent_anchor, refusal) = match sent {
        Some(Submitted { form, state: form_state, refusal }) => {
            let anchor = form.anchor();
            let slot = match form {
                ActionForm::Take => None,
                ActionForm::Assign => Some(&mut forms.assign),
                ActionForm::Respondent => Some(&mut forms.respondent),
                ActionForm::BodyConduct => Some(&mut forms.body_conduct),
                ActionForm::Contact => Some(&mut forms.contact),
                ActionForm::Exploration => Some(&mut forms.exploration),
                ActionForm::RespondentInformed => Some(&mut forms.informed),
                ActionForm::Solution => Some(&mut forms.solution),
                ActionForm::Commitment => Some(&mut forms.commitment),
                ActionForm::Settle(_) => Some(&mut forms.settle),
                ActionForm::Escalate => Some(&mut forms.escalate),
                ActionForm::Answer(_) => Some(&mut forms.answer),
                ActionForm::Forward => Some(&mut forms.forward),
                ActionForm::Lesson => Some(&mut forms.lesson),
                ActionForm::Control => Some(&mut forms.control),
                ActionForm::Close => Some(&mut forms.close),
                ActionForm::Reopen => Some(&mut forms.reopen),
                ActionForm::DeclineReopen => Some(&mut forms.decline_reopen),
                ActionForm::FormalStart => Some(&mut forms.formal_start),
                ActionForm::NotHandle => Some(&mut forms.not_handle),
                ActionForm::Committee => Some(&mut forms.committee),
                ActionForm::Postpone => Some(&mut forms.postpone),
                ActionForm::Consent => Some(&mut forms.consent),
                ActionForm::RespondentCopy => Some(&mut forms.respondent_copy),
                ActionForm::Hearing => Some(&mut forms.hearing),
                ActionForm::HearingReport => Some(&mut forms.hearing_report),
                ActionForm::Waiver => Some(&mut forms.waiver),
                ActionForm::Part => Some(&mut forms.part),
                ActionForm::Judge => Some(&mut forms.judge),
                ActionForm::Advice => Some(&mut forms.advice),
                ActionForm::CloseJudged => Some(&mut forms.close_judged),
                ActionForm::Ombudsman => Some(&mut forms.ombudsman),
                ActionForm::OmbudsmanConclusion => Some(&mut forms.ombudsman_conclusion),
                ActionForm::Evidence => Some(&mut forms.evidence),
                ActionForm::Disclosure => Some(&mut forms.disclosure),
                ActionForm::ImposeProtocol => Some(&mut forms.impose_protocol),
                ActionForm::ReviewProtocol => Some(&mut forms.review_protocol),
                ActionForm::CloseForProtocol => Some(&mut forms.close_for_protocol),
                ActionForm::Posted(_) => Some(&mut forms.posted),
                ActionForm::LinkLesson => Some(&mut forms.link_lesson),
                ActionForm::Categorise => Some(&mut forms.categorise),
                ActionForm::Signal => Some(&mut forms.signal),
            };
            // The summary at the top lists the field errors and links a
            // refusal to the form it belongs to.
            let mut summary = form_state.clone();
            if let Some(message) = &refusal {
                summary.error(&anchor, message.clone());
            }
            if let Some(slot) = slot {
                *slot = form_state;
            }
            (summary, anchor, refusal)
        }
        None => (FormState::default(), String::new(), None),
    };
    Ok(CasePage {
        layout: layout(state, Some(&staff.0), csrf).await?,
        groups: groups(&full),
        first_contact,
        terms,
        overdue,
        handlers,
        staff: users,
        may_take: role.may_handle() && open && view.row.handler_id != Some(staff.0.id),
        may_work: role.may_handle() && open,
        may_assign: role.may_assign() && open,
        may_answer: role.may_answer_escalations() && open,
        may_mark_body_conduct: role.may_mark_body_conduct() && open && full.body_conduct.is_none(),
        may_reopen: role.may_reopen() && !open,
        prefers_written: matches!(
            full.complainant.contact_preference,
            ContactPreference::Email | ContactPreference::Letter
        ),
        case: view,
        full,
        timeline,
        phases: &Phase::ALL,
        forms,
        sent: sent_state,
        sent_anchor,
        refusal,
        blank: FormState::default(),
        methods: STAFF_CONTACT_METHODS,
        initiatives: &Initiative::ALL,
        outcomes: &ContactOutcome::ALL,
        solution_kinds: &SolutionKind::ALL,
        reasons: &EscalationReason::ALL,
        levels: &LessonLevel::ALL,
        learners: &Learner::ALL,
        may_record_ombudsman: role.may_handle(),
        suggested_ground: suggestion,
        grounds: &NotHandlingGround::ALL,
        waiver_grounds: &HearingWaiverGround::ALL,
        verdicts: &Verdict::ALL,
        settings: &HearingSetting::ALL,
        sources: &EvidenceSource::ALL,
        limits: &ContactLimit::ALL,
        person_protocols,
        categories,
        may_classify: role.may_handle(),
        today,
        norm_groups: CoreValue::ALL
            .into_iter()
            .map(|v| (v, Norm::ALL.into_iter().filter(|n| n.core_value() == v).collect()))
            .collect(),
        rules,
        letters,
        citizen,
        register_lessons,
        linkable_lessons,
        signal_dealt,
    })
}

/// Contacts staff log: the status page records its own.
const STAFF_CONTACT_METHODS: &[ContactMethod] = &[
    ContactMethod::Phone,
    ContactMethod::Meeting,
    ContactMethod::VideoCall,
    ContactMethod::Email,
    ContactMethod::Letter,
    ContactMethod::Counter,
];

/// The complainant's own side of the case: the links to their status page,
/// what they added there, their request to reopen and their feedback.
#[derive(Debug, Clone, Default)]
pub struct CitizenSide {
    /// (id, issued, revoked) per link.
    pub links: Vec<(Uuid, String, Option<String>)>,
    pub added: Vec<(String, String)>,
    /// (when, reason).
    pub reopen_request: Option<(String, String)>,
    /// (satisfied, may contact, text).
    pub feedback: Option<(bool, bool, Option<String>)>,
    /// (subject, how delivery stands) of every notice e-mailed.
    pub notices: Vec<(String, &'static str)>,
}

impl CitizenSide {
    async fn load(state: &AppState, id: Uuid, case: &Case) -> Result<Self, PageError> {
        Ok(Self {
            links: state
                .store
                .status_links(id)
                .await?
                .into_iter()
                .map(|l| (l.id, view::date_time(l.created_at), l.revoked_at.map(view::date_time)))
                .collect(),
            added: case.added_information.iter().map(|a| (view::date_time(a.at), a.text.clone())).collect(),
            reopen_request: case.reopen_request.as_ref().map(|r| (view::date_time(r.at), r.reason.clone())),
            feedback: case.feedback.as_ref().map(|f| (f.satisfied, f.may_contact, f.text.clone())),
            notices: state
                .store
                .notifications(id)
                .await?
                .into_iter()
                .map(|(subject, status)| {
                    let status = match status.as_str() {
                        "delivered" => "afgeleverd",
                        "failed" => "mislukt",
                        _ => "in de wachtrij",
                    };
                    (subject, status)
                })
                .collect(),
        })
    }
}

pub async fn case_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<CasePage, PageError> {
    staff.require(Role::may_read_cases)?;
    render(&state, &staff, &csrf, case_id(&id)?, None).await
}

/// The handler takes the case into handling (assigns it to themselves).
/// Refused under Awb 9:7 when they are involved in the conduct.
pub async fn take_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    case_actions::take(state, staff, csrf, id).await
}

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
    CaseState, ContactPreference, EventPayload, LadderStep, Phase, Role,
    case::Case,
    commitment::{Commitment, CommitmentStatus},
    contact::{Contact, ContactMethod, ContactOutcome, Initiative},
    escalation::{Escalation, EscalationReason},
    lesson::{Learner, LessonLevel},
    respondent::Respondent,
    solution::SolutionKind,
    terms::{Deadlines, Procedure, ServiceNorms, Urgency},
    time::{amsterdam, date_in_amsterdam},
};
use gehoord_store::{CaseView, TimelineEntry, User};
use jiff::civil::Date;
use uuid::Uuid;

use super::{case_actions, case_id, layout};
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
            hint: "Lukt het niet om samen een oplossing te vinden? Dan volgt een formele behandeling, met een \
                   oordeel over de klacht.",
            steps: Vec::new(),
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

/// The values the forms start with on a fresh page.
fn defaults(case: &Case, staff: &User, now: jiff::Timestamp) -> Forms {
    let here = now.to_zoned_datetime(amsterdam());
    let today = here.strftime("%d-%m-%Y").to_string();
    let method = match case.complainant.contact_preference {
        ContactPreference::Email => ContactMethod::Email,
        ContactPreference::Letter => ContactMethod::Letter,
        ContactPreference::Phone | ContactPreference::NoPreference => ContactMethod::Phone,
    };
    let exploration = case.exploration.as_ref();
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
        informed: FormState::default().with("informedOn", today),
        commitment: FormState::default()
            .with("toWhom", case.complainant.name.clone().unwrap_or_default())
            .with("owner", staff.display_name.clone()),
        control: case.control_answer.as_ref().map_or_else(FormState::default, |a| {
            FormState::default()
                .with("satisfied", yes_no(a.satisfied))
                .with("allAddressed", yes_no(a.all_addressed))
                .with("howAsked", a.how_asked.code())
        }),
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
    // Awb 9:8 lid 3 and 9:11 as they run from receipt; postponement and the
    // committee term come with formal handling (issue 4).
    let terms = match Deadlines::compute(date_in_amsterdam(full.received_at), &Procedure::default(), &rules) {
        Ok(d) if full.is_open() && full.ladder_step != LadderStep::InContact => [d.not_handling_notice, d.decision]
            .into_iter()
            .map(|t| TermLine {
                label: t.term.label(),
                date: view::long_date(t.date),
                explanation: t.explanation.to_string(),
                urgency: t.urgency(today, &rules.calendar, ServiceNorms::from_rules(&rules).warning_working_days),
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
    let mut forms = defaults(&full, &staff.0, now);
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
        methods: &ContactMethod::ALL,
        initiatives: &Initiative::ALL,
        outcomes: &ContactOutcome::ALL,
        solution_kinds: &SolutionKind::ALL,
        reasons: &EscalationReason::ALL,
        levels: &LessonLevel::ALL,
        learners: &Learner::ALL,
    })
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

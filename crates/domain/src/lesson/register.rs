//! The lessons register (*leerpunten*): every lesson as a small
//! event-sourced aggregate of its own, beside the cases it came from.
//!
//! The ombudsvisie gives complaint handling two goals: help the citizen,
//! and learn from the complaint for the future (§3.3). Learning only works
//! when the organisation sees, hears and remembers what citizens tell it
//! (§4.2), and at every closing the handler asks at which level there is
//! something to learn: this one case, how the work is done, or the policy
//! behind it (§4.6). The ombudsman also stresses confirming employees who
//! did well, and looking per case at *who* should learn. A lesson in the
//! register therefore keeps its level, who should learn, the improvement
//! agreed with an owner and a due date, what was done, and whether the
//! citizens were told what changed.
//!
//! # Life of a lesson
//!
//! ```text
//!  Proposed ──Agree──▶ Agreed ──Complete──▶ Done
//!     │  ▲               │  ▲ Agree again (new plan or date)
//!     │  └─Reconsider─┐  │
//!     └──Reject──▶ Rejected ◀──Reject──┘
//! ```
//!
//! - A lesson is *proposed* when a handler records it on a case (the store
//!   draws it into the register in the same transaction) or when a manager
//!   writes one directly.
//! - *Agree* fixes the improvement action, its owner and its due date. The
//!   plan may be agreed again while it runs (a new date, another owner); the
//!   history keeps every version.
//! - A *positive* lesson (an employee or team did well) has no improvement
//!   action: agreeing it records to whom it was passed on, and that finishes
//!   it. It is never overdue and cannot be "carried out".
//! - *Done* needs an agreed action first and says what was done and when.
//! - *Rejected* needs a reason. We decided a rejected lesson can be
//!   *reconsidered* (proposed again, with a reason): the same problem coming
//!   back in new complaints is exactly when an organisation should look
//!   again. A done lesson stays done; a recurrence is linked as a new case
//!   and shows on the lesson, and a new lesson can be drawn from it.
//! - Cases can be linked at any status ("dit gebeurde opnieuw"): a case is
//!   a fact about the lesson, whatever was decided about it.
//! - Telling the citizens what changed can be recorded at any status; the
//!   latest record is the one shown.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Learner, Lesson, LessonLevel};
use crate::{
    Actor, Context, DomainError,
    case::{Problems, trimmed},
    complainant::clean,
    error::Field,
    time::date_in_amsterdam,
};

/// A lesson's identity: the id the case recorded it under, or a new UUIDv7
/// when a manager writes one directly.
pub type LessonId = Uuid;

crate::vocabulary! {
    /// Where a lesson stands.
    pub enum LessonStatus {
        /// Written down, nothing decided yet.
        Proposed = ("proposed", "Voorgesteld"),
        /// An improvement action with owner and due date is agreed (for a
        /// positive lesson: it was passed on).
        Agreed = ("agreed", "Afgesproken"),
        /// The action was carried out.
        Done = ("done", "Uitgevoerd"),
        /// Decided not to act on it, with a reason.
        Rejected = ("rejected", "Afgewezen"),
    }
}

/// Who may do what in the register. Managers own lessons (SPEC §2): they
/// write lessons directly, agree, reject and reconsider them. Handlers see
/// the register, link their cases, record what was done and that the
/// citizens were told.
#[must_use]
pub const fn may_see_register(role: crate::Role) -> bool {
    role.may_handle()
}

/// See [`may_see_register`].
#[must_use]
pub const fn may_decide(role: crate::Role) -> bool {
    matches!(role, crate::Role::Manager)
}

/// The first event of a lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub text: String,
    pub level: LessonLevel,
    pub learner: Learner,
    #[serde(default)]
    pub positive: bool,
    /// The department the lesson is for (from the case, or chosen by the
    /// manager); managers filter their open lessons by it.
    pub department: Option<String>,
    /// The case it was drawn from; none when written directly.
    pub case_id: Option<Uuid>,
}

/// That (and how) the citizens were told what the organisation learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizensTold {
    pub on: Date,
    /// How, e.g. "in de afsluitende brief" or "per telefoon".
    pub how: String,
}

/// What was done, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub what_was_done: String,
    pub on: Date,
}

/// What someone asks of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonCommand {
    /// Start a lesson: drawn from a case, or written by a manager.
    Propose(Proposal),
    /// Correct the words, level, learner or department.
    Edit { text: String, level: LessonLevel, learner: Learner, department: Option<String> },
    /// Agree the improvement action with its owner and due date; for a
    /// positive lesson only `owner`: to whom it was passed on.
    Agree { action: Option<String>, owner: String, due: Option<Date> },
    /// The agreed action was carried out.
    Complete { what_was_done: String, on: Date },
    /// Decide not to act on it.
    Reject { reason: String },
    /// Propose a rejected lesson again.
    Reconsider { reason: String },
    /// Another case where this happened.
    LinkCase { case_id: Uuid },
    /// The citizens were told what the organisation learned.
    RecordCitizensTold(CitizensTold),
}

/// What happened to a lesson, in the past tense.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LessonEventPayload {
    Proposed(Proposal),
    Edited { text: String, level: LessonLevel, learner: Learner, department: Option<String> },
    Agreed { action: Option<String>, owner: String, due: Option<Date> },
    Completed(Completion),
    Rejected { reason: String },
    Reconsidered { reason: String },
    CaseLinked { case_id: Uuid },
    CitizensTold(CitizensTold),
}

/// A lesson event with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEvent {
    pub at: Timestamp,
    pub actor: Actor,
    pub payload: LessonEventPayload,
}

/// A stored lesson event could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LessonDecodeError {
    #[error("unknown version {version} of lesson event type {kind}")]
    UnknownVersion { kind: String, version: u16 },
    #[error("stored type {stored} does not match payload type {payload}")]
    KindMismatch { stored: String, payload: &'static str },
    #[error("lesson payload is not valid: {0}")]
    Json(String),
}

impl LessonEventPayload {
    /// The stable type name stored beside the payload.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Proposed(_) => "lesson_proposed",
            Self::Edited { .. } => "lesson_edited",
            Self::Agreed { .. } => "lesson_agreed",
            Self::Completed(_) => "lesson_completed",
            Self::Rejected { .. } => "lesson_rejected",
            Self::Reconsidered { .. } => "lesson_reconsidered",
            Self::CaseLinked { .. } => "lesson_case_linked",
            Self::CitizensTold(_) => "lesson_citizens_told",
        }
    }

    /// The schema version written today (see `EventPayload::version`).
    #[must_use]
    pub const fn version(&self) -> u16 {
        1
    }

    /// Reads a stored payload; the place for upcasters later.
    ///
    /// # Errors
    /// When the text is not a lesson payload of a known type and version.
    pub fn decode(kind: &str, version: u16, json: &str) -> Result<Self, LessonDecodeError> {
        if version != 1 {
            return Err(LessonDecodeError::UnknownVersion { kind: kind.to_owned(), version });
        }
        let payload: Self = serde_json::from_str(json).map_err(|e| LessonDecodeError::Json(e.to_string()))?;
        if payload.kind() != kind {
            return Err(LessonDecodeError::KindMismatch { stored: kind.to_owned(), payload: payload.kind() });
        }
        Ok(payload)
    }

    /// The payload as stored: compact JSON with the type tag first.
    #[must_use]
    pub fn encode(&self) -> String {
        // Serialising plain data structs into a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// One Dutch line for the lesson's history.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Proposed(p) if p.case_id.is_some() => "Leerpunt vastgelegd bij een klacht".to_owned(),
            Self::Proposed(_) => "Leerpunt voorgesteld".to_owned(),
            Self::Edited { .. } => "Leerpunt aangepast".to_owned(),
            Self::Agreed { action: None, owner, .. } => format!("Doorgegeven aan {owner}"),
            Self::Agreed { owner, due: Some(due), .. } => {
                format!("Verbeteractie afgesproken: {owner}, klaar op {}", crate::time::DayAndDate(*due))
            }
            Self::Agreed { owner, .. } => format!("Verbeteractie afgesproken: {owner}"),
            Self::Completed(c) => format!("Uitgevoerd op {}", crate::time::DayAndDate(c.on)),
            Self::Rejected { .. } => "Afgewezen".to_owned(),
            Self::Reconsidered { .. } => "Opnieuw voorgesteld".to_owned(),
            Self::CaseLinked { .. } => "Klacht gekoppeld: dit gebeurde opnieuw".to_owned(),
            Self::CitizensTold(t) => format!("Burgers verteld wat er verandert ({})", t.how),
        }
    }

    /// The event's own words beyond its one line, if any.
    #[must_use]
    pub fn detail(&self) -> Option<String> {
        match self {
            Self::Agreed { action: Some(action), .. } => Some(action.clone()),
            Self::Completed(c) => Some(c.what_was_done.clone()),
            Self::Rejected { reason } | Self::Reconsidered { reason } => Some(format!("Reden: {reason}")),
            Self::Edited { text, .. } => Some(text.clone()),
            _ => None,
        }
    }
}

/// A lesson as folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEntry {
    pub id: LessonId,
    pub text: String,
    pub level: LessonLevel,
    pub learner: Learner,
    pub positive: bool,
    pub department: Option<String>,
    /// The cases it came from, the first one first.
    pub cases: Vec<Uuid>,
    pub status: LessonStatus,
    /// The agreed improvement action (none for a positive lesson).
    pub action: Option<String>,
    /// Who carries it out; for a positive lesson, to whom it was passed on.
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub completion: Option<Completion>,
    pub rejection_reason: Option<String>,
    pub citizens_told: Option<CitizensTold>,
    pub proposed_at: Timestamp,
    pub proposed_by: String,
    /// The moment of the last event.
    pub updated_at: Timestamp,
}

impl LessonEntry {
    /// Still needs work: proposed, or agreed and not yet carried out. A
    /// positive lesson is finished once passed on.
    #[must_use]
    pub const fn is_open(&self) -> bool {
        match self.status {
            LessonStatus::Proposed => true,
            LessonStatus::Agreed => !self.positive,
            LessonStatus::Done | LessonStatus::Rejected => false,
        }
    }

    /// An agreed action whose due date has passed without being done. The
    /// due date is the last day (an organisation's own term, so no Atw
    /// extension).
    ///
    /// ```
    /// use gehoord_domain::lesson::{Learner, LessonLevel, register::*};
    /// use jiff::civil::date;
    /// let mut l = LessonEntry::proposed(uuid::Uuid::nil(), Proposal { text: "Brief herschrijven".into(),
    ///     level: LessonLevel::Execution, learner: Learner::Team, positive: false, department: None, case_id: None },
    ///     jiff::Timestamp::UNIX_EPOCH, "Mila".into());
    /// l.status = LessonStatus::Agreed;
    /// l.due = Some(date(2026, 5, 1));
    /// assert!(!l.is_overdue(date(2026, 5, 1)));
    /// assert!(l.is_overdue(date(2026, 5, 2)));
    /// ```
    #[must_use]
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && self.status == LessonStatus::Agreed && self.due.is_some_and(|due| today > due)
    }

    /// The status as people read it: a positive lesson that was agreed was
    /// passed on.
    #[must_use]
    pub const fn status_label(&self) -> &'static str {
        match self.status {
            LessonStatus::Agreed if self.positive => "Doorgegeven",
            s => s.label(),
        }
    }

    /// A lesson as its first event states it.
    #[must_use]
    pub fn proposed(id: LessonId, p: Proposal, at: Timestamp, by: String) -> Self {
        Self {
            id,
            text: p.text,
            level: p.level,
            learner: p.learner,
            positive: p.positive,
            department: p.department,
            cases: p.case_id.into_iter().collect(),
            status: LessonStatus::Proposed,
            action: None,
            owner: None,
            due: None,
            completion: None,
            rejection_reason: None,
            citizens_told: None,
            proposed_at: at,
            proposed_by: by,
            updated_at: at,
        }
    }
}

/// A lesson as known from its events: nothing yet, or an entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LessonState {
    #[default]
    New,
    Exists(Box<LessonEntry>),
}

impl LessonState {
    /// Folds a lesson's history.
    #[must_use]
    pub fn from_events<'a>(id: LessonId, events: impl IntoIterator<Item = &'a LessonEvent>) -> Self {
        events.into_iter().fold(Self::New, |s, e| apply(id, s, e))
    }

    #[must_use]
    pub fn entry(&self) -> Option<&LessonEntry> {
        match self {
            Self::New => None,
            Self::Exists(e) => Some(e),
        }
    }
}

/// The register entry a lesson recorded on a case starts: same id, the
/// case's department. `None` for lessons recorded before the register
/// existed (nil id), which stay on their case only.
#[must_use]
pub fn drawn_from_case(lesson: &Lesson, case_id: Uuid, department: Option<String>) -> Option<LessonEventPayload> {
    (!lesson.id.is_nil()).then(|| {
        LessonEventPayload::Proposed(Proposal {
            text: lesson.text.clone(),
            level: lesson.level,
            learner: lesson.learner,
            positive: lesson.positive,
            department,
            case_id: Some(case_id),
        })
    })
}

/// Decides which events a command produces, or why it is refused.
///
/// # Errors
/// A [`DomainError`] naming the rule; input problems are listed together.
pub fn decide(state: &LessonState, command: LessonCommand, ctx: &Context) -> Result<Vec<LessonEvent>, DomainError> {
    let payloads = decide_payloads(state, command, ctx)?;
    Ok(payloads.into_iter().map(|payload| LessonEvent { at: ctx.now, actor: ctx.actor.clone(), payload }).collect())
}

fn decide_payloads(
    state: &LessonState,
    command: LessonCommand,
    ctx: &Context,
) -> Result<Vec<LessonEventPayload>, DomainError> {
    if matches!(ctx.actor, Actor::Citizen) {
        return Err(DomainError::NotPermitted);
    }
    let today = date_in_amsterdam(ctx.now);
    let mut p = Problems::default();
    if let LessonCommand::Propose(proposal) = command {
        if state.entry().is_some() {
            return Err(DomainError::LessonExists);
        }
        p.require(&proposal.text, Field::LessonText, "Beschrijf wat de organisatie kan leren.");
        p.finish()?;
        return Ok(vec![LessonEventPayload::Proposed(Proposal {
            text: trimmed(&proposal.text),
            department: clean(proposal.department),
            ..proposal
        })]);
    }
    let lesson = state.entry().ok_or(DomainError::UnknownLesson)?;
    let finished = matches!(lesson.status, LessonStatus::Done | LessonStatus::Rejected)
        || (lesson.positive && lesson.status == LessonStatus::Agreed);
    let payload = match command {
        LessonCommand::Propose(_) => return Err(DomainError::LessonExists),
        LessonCommand::LinkCase { case_id } => {
            if lesson.cases.contains(&case_id) {
                return Ok(Vec::new());
            }
            LessonEventPayload::CaseLinked { case_id }
        }
        LessonCommand::RecordCitizensTold(told) => {
            p.require(
                &told.how,
                Field::How,
                "Schrijf op hoe de burgers het hebben gehoord, bijvoorbeeld: in de brief.",
            );
            p.check(told.on <= today, Field::ToldOn, "De datum ligt in de toekomst. Kies vandaag of een eerdere dag.");
            p.check(
                told.on >= date_in_amsterdam(lesson.proposed_at),
                Field::ToldOn,
                "De datum ligt vóór het leerpunt. Controleer de datum.",
            );
            LessonEventPayload::CitizensTold(CitizensTold { on: told.on, how: trimmed(&told.how) })
        }
        LessonCommand::Edit { text, level, learner, department } => {
            if finished {
                return Err(DomainError::LessonFinished);
            }
            p.require(&text, Field::LessonText, "Beschrijf wat de organisatie kan leren.");
            let department = clean(department);
            let text = trimmed(&text);
            if text == lesson.text
                && level == lesson.level
                && learner == lesson.learner
                && department == lesson.department
            {
                return Ok(Vec::new());
            }
            LessonEventPayload::Edited { text, level, learner, department }
        }
        LessonCommand::Agree { action, owner, due } => {
            if finished {
                return Err(DomainError::LessonFinished);
            }
            let action = clean(action);
            if lesson.positive {
                p.check(
                    action.is_none(),
                    Field::Action,
                    "Een positief leerpunt heeft geen verbeteractie. Laat dit veld leeg.",
                );
                p.check(due.is_none(), Field::Due, "Een positief leerpunt heeft geen datum. Laat dit veld leeg.");
                p.require(&owner, Field::Owner, "Vul in aan wie het compliment is doorgegeven.");
            } else {
                p.require(action.as_deref().unwrap_or(""), Field::Action, "Beschrijf wat er gaat veranderen.");
                p.require(&owner, Field::Owner, "Vul in wie de verbeteractie uitvoert.");
                match due {
                    None => p.check(false, Field::Due, "Vul in wanneer de verbeteractie klaar moet zijn."),
                    Some(due) => p.check(
                        due >= today,
                        Field::Due,
                        "De datum ligt in het verleden. Kies vandaag of een latere dag.",
                    ),
                }
            }
            LessonEventPayload::Agreed { action, owner: trimmed(&owner), due }
        }
        LessonCommand::Complete { what_was_done, on } => {
            if lesson.positive {
                return Err(DomainError::PositiveLesson);
            }
            match lesson.status {
                LessonStatus::Agreed => {}
                LessonStatus::Proposed => return Err(DomainError::LessonNotAgreed),
                LessonStatus::Done | LessonStatus::Rejected => return Err(DomainError::LessonFinished),
            }
            p.require(&what_was_done, Field::WhatWasDone, "Beschrijf wat er is gedaan.");
            p.check(on <= today, Field::DoneOn, "De datum ligt in de toekomst. Kies vandaag of een eerdere dag.");
            p.check(
                on >= date_in_amsterdam(lesson.proposed_at),
                Field::DoneOn,
                "De datum ligt vóór het leerpunt. Controleer de datum.",
            );
            LessonEventPayload::Completed(Completion { what_was_done: trimmed(&what_was_done), on })
        }
        LessonCommand::Reject { reason } => {
            if finished {
                return Err(DomainError::LessonFinished);
            }
            p.require(&reason, Field::Reason, "Schrijf op waarom er niets met dit leerpunt gebeurt.");
            LessonEventPayload::Rejected { reason: trimmed(&reason) }
        }
        LessonCommand::Reconsider { reason } => {
            if lesson.status != LessonStatus::Rejected {
                return Err(DomainError::LessonNotRejected);
            }
            p.require(&reason, Field::Reason, "Schrijf op waarom u het leerpunt opnieuw voorstelt.");
            LessonEventPayload::Reconsidered { reason: trimmed(&reason) }
        }
    };
    p.finish()?;
    Ok(vec![payload])
}

/// Folds one accepted event; never fails. Events for a lesson that does not
/// exist yet, other than its proposal, are ignored.
#[must_use]
pub fn apply(id: LessonId, state: LessonState, event: &LessonEvent) -> LessonState {
    let mut entry = match (state, &event.payload) {
        (LessonState::New, LessonEventPayload::Proposed(p)) => {
            return LessonState::Exists(Box::new(LessonEntry::proposed(
                id,
                p.clone(),
                event.at,
                event.actor.display_name(),
            )));
        }
        (LessonState::New, _) => return LessonState::New,
        (LessonState::Exists(entry), _) => entry,
    };
    entry.updated_at = event.at;
    match &event.payload {
        LessonEventPayload::Proposed(_) => {}
        LessonEventPayload::Edited { text, level, learner, department } => {
            entry.text.clone_from(text);
            entry.level = *level;
            entry.learner = *learner;
            entry.department.clone_from(department);
        }
        LessonEventPayload::Agreed { action, owner, due } => {
            entry.status = LessonStatus::Agreed;
            entry.action.clone_from(action);
            entry.owner = Some(owner.clone());
            entry.due = *due;
        }
        LessonEventPayload::Completed(c) => {
            entry.status = LessonStatus::Done;
            entry.completion = Some(c.clone());
        }
        LessonEventPayload::Rejected { reason } => {
            entry.status = LessonStatus::Rejected;
            entry.rejection_reason = Some(reason.clone());
        }
        LessonEventPayload::Reconsidered { .. } => {
            // A fresh start: the old plan was set aside with the rejection.
            entry.status = LessonStatus::Proposed;
            entry.rejection_reason = None;
            entry.action = None;
            entry.owner = None;
            entry.due = None;
        }
        LessonEventPayload::CaseLinked { case_id } => {
            if !entry.cases.contains(case_id) {
                entry.cases.push(*case_id);
            }
        }
        LessonEventPayload::CitizensTold(t) => entry.citizens_told = Some(t.clone()),
    }
    LessonState::Exists(entry)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::test_support::{at, handler};

    const ID: Uuid = Uuid::from_u128(42);
    const CASE: Uuid = Uuid::from_u128(7);

    /// A lesson worked day by day, every event round-tripped through its
    /// stored form.
    struct Register {
        state: LessonState,
        today: Date,
    }

    impl Register {
        fn new(positive: bool) -> Self {
            let mut r = Self { state: LessonState::New, today: date(2026, 3, 2) };
            r.ok(LessonCommand::Propose(proposal(positive)));
            r
        }

        fn run_as(&mut self, actor: Actor, command: LessonCommand) -> Result<Vec<LessonEvent>, DomainError> {
            let ctx = Context::new(at(self.today), actor);
            let events = decide(&self.state, command, &ctx)?;
            for e in &events {
                let stored = LessonEventPayload::decode(e.payload.kind(), 1, &e.payload.encode()).unwrap();
                assert_eq!(stored, e.payload);
                assert!(!e.payload.describe().is_empty());
            }
            self.state = events.iter().fold(std::mem::take(&mut self.state), |s, e| apply(ID, s, e));
            Ok(events)
        }

        fn run(&mut self, command: LessonCommand) -> Result<Vec<LessonEvent>, DomainError> {
            self.run_as(handler(), command)
        }

        fn ok(&mut self, command: LessonCommand) -> Vec<LessonEvent> {
            self.run(command).unwrap()
        }

        fn fields(&mut self, command: LessonCommand) -> Vec<Field> {
            match self.run(command) {
                Err(DomainError::Invalid(errors)) => errors.into_iter().map(|e| e.field).collect(),
                other => panic!("expected input problems, got {other:?}"),
            }
        }

        fn lesson(&self) -> &LessonEntry {
            self.state.entry().unwrap()
        }
    }

    fn proposal(positive: bool) -> Proposal {
        Proposal {
            text: " Brieven over parkeren zijn te moeilijk ".into(),
            level: LessonLevel::Execution,
            learner: Learner::Team,
            positive,
            department: Some(" Parkeren ".into()),
            case_id: Some(CASE),
        }
    }

    fn agree(due: Date) -> LessonCommand {
        LessonCommand::Agree {
            action: Some("Brief herschrijven op B1".into()),
            owner: "Team Post".into(),
            due: Some(due),
        }
    }

    #[test]
    fn a_proposal_is_cleaned_starts_open_and_keeps_its_source_case() {
        let r = Register::new(false);
        let l = r.lesson();
        assert_eq!(l.text, "Brieven over parkeren zijn te moeilijk");
        assert_eq!(l.department.as_deref(), Some("Parkeren"));
        assert_eq!(l.cases, [CASE]);
        assert_eq!((l.status, l.proposed_by.as_str()), (LessonStatus::Proposed, "Hanna de Vries"));
        assert!(l.is_open() && !l.is_overdue(date(2030, 1, 1)));
    }

    #[test]
    fn a_proposal_needs_text_and_happens_once() {
        let mut empty = Register { state: LessonState::New, today: date(2026, 3, 2) };
        let blank = Proposal { text: "  ".into(), ..proposal(false) };
        assert_eq!(empty.fields(LessonCommand::Propose(blank)), [Field::LessonText]);
        let mut r = Register::new(false);
        assert_eq!(r.run(LessonCommand::Propose(proposal(false))), Err(DomainError::LessonExists));
    }

    #[test]
    fn commands_on_a_lesson_that_does_not_exist_are_refused() {
        let mut empty = Register { state: LessonState::New, today: date(2026, 3, 2) };
        assert_eq!(empty.run(LessonCommand::LinkCase { case_id: CASE }), Err(DomainError::UnknownLesson));
        assert_eq!(empty.run(LessonCommand::Reject { reason: "x".into() }), Err(DomainError::UnknownLesson));
    }

    #[test]
    fn agreeing_needs_action_owner_and_a_due_date_from_today() {
        let mut r = Register::new(false);
        let none = LessonCommand::Agree { action: Some(" ".into()), owner: String::new(), due: None };
        assert_eq!(r.fields(none), [Field::Action, Field::Owner, Field::Due]);
        assert_eq!(r.fields(agree(date(2026, 3, 1))), [Field::Due], "yesterday is refused");
        r.ok(agree(date(2026, 3, 2)));
        let l = r.lesson();
        assert_eq!(l.status, LessonStatus::Agreed);
        assert_eq!(
            (l.action.as_deref(), l.owner.as_deref(), l.due),
            (Some("Brief herschrijven op B1"), Some("Team Post"), Some(date(2026, 3, 2)))
        );
    }

    #[test]
    fn the_plan_can_be_agreed_again_while_it_runs() {
        let mut r = Register::new(false);
        r.ok(agree(date(2026, 4, 1)));
        r.ok(LessonCommand::Agree {
            action: Some("Brief herschrijven".into()),
            owner: "Sanne".into(),
            due: Some(date(2026, 5, 1)),
        });
        assert_eq!((r.lesson().owner.as_deref(), r.lesson().due), (Some("Sanne"), Some(date(2026, 5, 1))));
    }

    #[test]
    fn overdue_means_agreed_and_past_the_due_day_not_done_and_never_proposed() {
        let mut r = Register::new(false);
        r.ok(agree(date(2026, 4, 1)));
        assert!(!r.lesson().is_overdue(date(2026, 4, 1)));
        assert!(r.lesson().is_overdue(date(2026, 4, 2)));
        r.today = date(2026, 4, 3);
        r.ok(LessonCommand::Complete { what_was_done: "Nieuwe brief".into(), on: date(2026, 4, 3) });
        assert!(!r.lesson().is_overdue(date(2026, 6, 1)) && !r.lesson().is_open());
    }

    #[test]
    fn done_only_after_agreed_with_what_and_a_date_not_in_the_future_nor_before_the_lesson() {
        let mut r = Register::new(false);
        let done = |on| LessonCommand::Complete { what_was_done: "Brief aangepast".into(), on };
        assert_eq!(r.run(done(date(2026, 3, 2))), Err(DomainError::LessonNotAgreed));
        r.ok(agree(date(2026, 4, 1)));
        assert_eq!(
            r.fields(LessonCommand::Complete { what_was_done: " ".into(), on: date(2026, 3, 3) }),
            [Field::WhatWasDone, Field::DoneOn]
        );
        assert_eq!(r.fields(done(date(2026, 3, 1))), [Field::DoneOn], "before the lesson was proposed");
        r.ok(done(date(2026, 3, 2)));
        let l = r.lesson();
        assert_eq!(l.status, LessonStatus::Done);
        assert_eq!(l.completion, Some(Completion { what_was_done: "Brief aangepast".into(), on: date(2026, 3, 2) }));
        assert_eq!(r.run(done(date(2026, 3, 2))), Err(DomainError::LessonFinished));
        assert_eq!(r.run(LessonCommand::Reject { reason: "x".into() }), Err(DomainError::LessonFinished));
        assert_eq!(r.run(agree(date(2026, 4, 1))), Err(DomainError::LessonFinished));
    }

    #[test]
    fn rejecting_needs_a_reason_and_a_rejected_lesson_can_be_proposed_again_with_one() {
        let mut r = Register::new(false);
        r.ok(agree(date(2026, 4, 1)));
        assert_eq!(r.fields(LessonCommand::Reject { reason: " ".into() }), [Field::Reason]);
        assert_eq!(r.run(LessonCommand::Reconsider { reason: "x".into() }), Err(DomainError::LessonNotRejected));
        r.ok(LessonCommand::Reject { reason: " Kost te veel voor wat het oplevert ".into() });
        assert_eq!(r.lesson().status, LessonStatus::Rejected);
        assert_eq!(r.lesson().rejection_reason.as_deref(), Some("Kost te veel voor wat het oplevert"));
        assert!(!r.lesson().is_open());
        assert_eq!(r.run(agree(date(2026, 4, 1))), Err(DomainError::LessonFinished));
        assert_eq!(r.fields(LessonCommand::Reconsider { reason: String::new() }), [Field::Reason]);
        r.ok(LessonCommand::Reconsider { reason: "Drie nieuwe klachten hierover".into() });
        let l = r.lesson();
        assert_eq!(
            (l.status, l.rejection_reason.as_ref(), l.action.as_ref(), l.due),
            (LessonStatus::Proposed, None, None, None)
        );
        assert!(l.is_open());
    }

    #[test]
    fn a_positive_lesson_is_passed_on_without_action_or_date_and_is_then_finished() {
        let mut r = Register::new(true);
        assert_eq!(r.fields(agree(date(2026, 4, 1))), [Field::Action, Field::Due]);
        assert_eq!(r.fields(LessonCommand::Agree { action: None, owner: " ".into(), due: None }), [Field::Owner]);
        r.ok(LessonCommand::Agree { action: None, owner: "Petra van de balie".into(), due: None });
        let l = r.lesson();
        assert_eq!((l.status, l.status_label()), (LessonStatus::Agreed, "Doorgegeven"));
        assert!(!l.is_open() && !l.is_overdue(date(2030, 1, 1)));
        let done = LessonCommand::Complete { what_was_done: "x".into(), on: date(2026, 3, 2) };
        assert_eq!(r.run(done), Err(DomainError::PositiveLesson));
        assert_eq!(r.run(LessonCommand::Reject { reason: "x".into() }), Err(DomainError::LessonFinished));
    }

    #[test]
    fn cases_link_once_at_any_status_even_after_done() {
        let mut r = Register::new(false);
        let other = Uuid::from_u128(8);
        assert!(r.ok(LessonCommand::LinkCase { case_id: CASE }).is_empty(), "the source case is linked already");
        r.ok(LessonCommand::LinkCase { case_id: other });
        assert!(r.ok(LessonCommand::LinkCase { case_id: other }).is_empty());
        r.ok(agree(date(2026, 4, 1)));
        r.ok(LessonCommand::Complete { what_was_done: "x".into(), on: date(2026, 3, 2) });
        r.ok(LessonCommand::LinkCase { case_id: Uuid::from_u128(9) });
        assert_eq!(r.lesson().cases, [CASE, other, Uuid::from_u128(9)]);
    }

    #[test]
    fn telling_the_citizens_needs_how_and_a_date_not_in_the_future_and_the_latest_counts() {
        let mut r = Register::new(false);
        let told = |on, how: &str| LessonCommand::RecordCitizensTold(CitizensTold { on, how: how.into() });
        assert_eq!(r.fields(told(date(2026, 3, 3), " ")), [Field::How, Field::ToldOn]);
        r.ok(told(date(2026, 3, 2), " In de afsluitende brief "));
        r.today = date(2026, 3, 9);
        r.ok(told(date(2026, 3, 9), "Per telefoon"));
        assert_eq!(r.lesson().citizens_told, Some(CitizensTold { on: date(2026, 3, 9), how: "Per telefoon".into() }));
    }

    #[test]
    fn editing_changes_the_words_until_the_lesson_is_finished_and_no_change_records_nothing() {
        let mut r = Register::new(false);
        let edit = |text: &str| LessonCommand::Edit {
            text: text.into(),
            level: LessonLevel::Policy,
            learner: Learner::PolicyOwner,
            department: Some("Vergunningen".into()),
        };
        assert_eq!(r.fields(edit("")), [Field::LessonText]);
        r.ok(edit("De regel zelf is onduidelijk"));
        assert_eq!((r.lesson().level, r.lesson().department.as_deref()), (LessonLevel::Policy, Some("Vergunningen")));
        assert!(r.ok(edit(" De regel zelf is onduidelijk ")).is_empty());
        r.ok(LessonCommand::Reject { reason: "Nee".into() });
        assert_eq!(r.run(edit("Anders")), Err(DomainError::LessonFinished));
    }

    #[test]
    fn citizens_cannot_act_on_the_register_integrations_can() {
        let mut r = Register::new(false);
        assert_eq!(
            r.run_as(Actor::Citizen, LessonCommand::LinkCase { case_id: Uuid::from_u128(9) }),
            Err(DomainError::NotPermitted)
        );
        let integration = Actor::Integration { token_id: Uuid::nil(), name: "Zaaksysteem".into() };
        assert_eq!(r.run_as(integration, LessonCommand::LinkCase { case_id: Uuid::from_u128(9) }).unwrap().len(), 1);
    }

    #[test]
    fn a_case_lesson_starts_an_entry_under_its_own_id_unless_it_predates_the_register() {
        let lesson = Lesson {
            id: ID,
            level: LessonLevel::Case,
            learner: Learner::Employee,
            text: "Sorry zeggen".into(),
            positive: true,
        };
        let Some(LessonEventPayload::Proposed(p)) = drawn_from_case(&lesson, CASE, Some("Burgerzaken".into())) else {
            panic!("a proposal");
        };
        assert_eq!((p.case_id, p.positive, p.department.as_deref()), (Some(CASE), true, Some("Burgerzaken")));
        assert_eq!(drawn_from_case(&Lesson { id: Uuid::nil(), ..lesson }, CASE, None), None);
    }

    #[test]
    fn stored_payloads_of_another_kind_or_version_are_not_read() {
        let p = LessonEventPayload::Rejected { reason: "x".into() };
        assert!(matches!(
            LessonEventPayload::decode("lesson_agreed", 1, &p.encode()),
            Err(LessonDecodeError::KindMismatch { .. })
        ));
        assert!(matches!(
            LessonEventPayload::decode("lesson_rejected", 2, &p.encode()),
            Err(LessonDecodeError::UnknownVersion { .. })
        ));
    }

    #[test]
    fn roles_managers_decide_handlers_see() {
        use crate::Role;
        assert!(may_see_register(Role::Handler) && may_see_register(Role::Manager));
        assert!(!may_see_register(Role::Employee) && !may_see_register(Role::Admin));
        assert!(may_decide(Role::Manager) && !may_decide(Role::Handler));
    }
}

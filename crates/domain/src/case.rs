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
    complainant::clean,
    error::{Field, FieldError},
    time::date_in_amsterdam,
};

/// A case's identity (UUIDv7, made by the adapter that registers it).
pub type CaseId = Uuid;

/// Outside facts a decision may depend on. Later work adds the holiday
/// calendar and organisation settings here.
#[derive(Debug, Clone)]
pub struct Context {
    pub now: Timestamp,
    pub actor: Actor,
}

/// How much later than `now` a stated time of receipt may be, to absorb
/// clocks that differ a little between a desk computer and the server.
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

/// What someone asks of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Register a new complaint from any channel.
    Register(Box<Intake>),
    /// The acting staff member takes the case into handling.
    TakeIntoHandling,
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
}

/// What happened, in the past tense. Internally tagged JSON so the stored
/// text names its own type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventPayload {
    ComplaintReceived(Box<ComplaintReceived>),
    SolvedInContact {
        what_was_done: String,
    },
    HandedOver {
        note: Option<String>,
    },
    HandlerAssigned {
        handler_id: Uuid,
        handler_name: String,
    },
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
            return Err(DecodeError::UnknownVersion {
                kind: kind.to_owned(),
                version,
            });
        }
        let payload: Self =
            serde_json::from_str(json).map_err(|e| DecodeError::Json(e.to_string()))?;
        if payload.kind() != kind {
            return Err(DecodeError::KindMismatch {
                stored: kind.to_owned(),
                payload: payload.kind(),
            });
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
            Self::ComplaintReceived(r) => {
                format!("Klacht ontvangen via {}", r.channel.label().to_lowercase())
            }
            Self::SolvedInContact { .. } => {
                "Opgelost in het contact (trede 1) en afgerond".to_owned()
            }
            Self::HandedOver { .. } => "Overgedragen aan klachtbehandeling (trede 2)".to_owned(),
            Self::HandlerAssigned { handler_name, .. } => {
                format!("In behandeling genomen door {handler_name}")
            }
        }
    }
}

/// A stored event could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("unknown version {version} of event type {kind}")]
    UnknownVersion { kind: String, version: u16 },
    #[error("stored type {stored} does not match payload type {payload}")]
    KindMismatch {
        stored: String,
        payload: &'static str,
    },
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
}

/// Cuts `text` to its first line and at most `max` characters, on a word
/// boundary where possible, marking a cut with an ellipsis.
#[must_use]
pub fn summarise(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
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

/// Decides which events a command produces, or why it is refused.
///
/// # Errors
/// A [`DomainError`] naming the rule that refuses the command; for input
/// problems every problem is listed.
pub fn decide(
    state: &CaseState,
    command: Command,
    ctx: &Context,
) -> Result<Vec<Event>, DomainError> {
    let event = |payload| Event {
        at: ctx.now,
        actor: ctx.actor.clone(),
        payload,
    };
    match command {
        Command::Register(intake) => {
            if !matches!(state, CaseState::New) {
                return Err(DomainError::AlreadyRegistered);
            }
            let (received, follow_up) = register(*intake, ctx)?;
            Ok(
                std::iter::once(EventPayload::ComplaintReceived(Box::new(received)))
                    .chain(follow_up)
                    .map(event)
                    .collect(),
            )
        }
        Command::TakeIntoHandling => {
            let case = open_case(state)?;
            let Actor::Staff { user_id, name } = &ctx.actor else {
                return Err(DomainError::NotPermitted);
            };
            if case.handler.as_ref().is_some_and(|h| h.user_id == *user_id) {
                return Ok(Vec::new());
            }
            Ok(vec![event(EventPayload::HandlerAssigned {
                handler_id: *user_id,
                handler_name: name.clone(),
            })])
        }
    }
}

fn open_case(state: &CaseState) -> Result<&Case, DomainError> {
    let case = state.case().ok_or(DomainError::NotRegistered)?;
    if case.is_open() {
        Ok(case)
    } else {
        Err(DomainError::CaseClosed)
    }
}

/// Rule of thumb 1 and Awb 9:2: any channel, no demands on form beyond the
/// citizen's words. Checks that the facts fit together and records whether
/// the formal procedure of Awb 9:4 applies.
fn register(
    intake: Intake,
    ctx: &Context,
) -> Result<(ComplaintReceived, Option<EventPayload>), DomainError> {
    let mut problems = Vec::new();
    let description = intake.description.trim().to_owned();
    if description.is_empty() {
        problems.push(FieldError::new(
            Field::Description,
            "Beschrijf de klacht. Dit mag in uw eigen woorden.",
        ));
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
        problems.push(FieldError::new(
            Field::Channel,
            "Kies hoe de klacht is binnengekomen.",
        ));
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
            (
                LadderStep::InContact,
                Some(EventPayload::SolvedInContact { what_was_done }),
            )
        }
        InitialHandling::HandOver { note } => (
            LadderStep::InContact,
            Some(EventPayload::HandedOver { note: clean(note) }),
        ),
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
    };
    Ok((received, follow_up))
}

/// Folds one accepted event into the state. Never fails: an event that does
/// not fit (which `decide` prevents) leaves the state as it was.
#[must_use]
pub fn apply(state: CaseState, event: &Event) -> CaseState {
    match (state, &event.payload) {
        (CaseState::New, EventPayload::ComplaintReceived(r)) => {
            CaseState::Registered(Box::new(Case {
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
            }))
        }
        (CaseState::Registered(mut case), payload) => {
            match payload {
                EventPayload::ComplaintReceived(_) => {}
                EventPayload::SolvedInContact { .. } => {
                    case.ladder_step = LadderStep::InContact;
                    case.phase = Phase::Close;
                    case.outcome = Some(Outcome::Solved);
                    case.closed_at = Some(event.at);
                }
                EventPayload::HandedOver { .. } => case.ladder_step = LadderStep::ComplaintHandling,
                EventPayload::HandlerAssigned {
                    handler_id,
                    handler_name,
                } => {
                    case.handler = Some(Handler {
                        user_id: *handler_id,
                        name: handler_name.clone(),
                    });
                    // Taking a case into handling ends intake: rule of thumb 2
                    // starts with the handler's own initiative for contact.
                    if case.phase == Phase::Intake {
                        case.phase = Phase::Explore;
                    }
                }
            }
            CaseState::Registered(case)
        }
        (state @ CaseState::New, _) => state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactPreference, formality::FormalRequirement};

    fn now() -> Timestamp {
        "2026-04-27T10:00:00Z".parse().unwrap()
    }

    fn staff() -> Actor {
        Actor::Staff {
            user_id: Uuid::nil(),
            name: "Sanne Bakker".into(),
        }
    }

    fn ctx(actor: Actor) -> Context {
        Context { now: now(), actor }
    }

    fn intake(channel: Channel, handling: InitialHandling) -> Intake {
        Intake {
            reference: CaseReference::new(2026, 1),
            channel,
            received_at: now(),
            description: "  Mijn uitkering is twee keer te laat betaald.  ".into(),
            complainant: Complainant {
                name: Some("Jan Jansen".into()),
                ..Complainant::default()
            },
            conduct_date: Some(jiff::civil::date(2026, 4, 1)),
            department: Some("Werk en Inkomen".into()),
            employees_involved: None,
            signed: false,
            handling,
        }
    }

    fn register(intake: Intake, actor: Actor) -> Result<Vec<Event>, DomainError> {
        decide(
            &CaseState::New,
            Command::Register(Box::new(intake)),
            &ctx(actor),
        )
    }

    fn fields(err: &DomainError) -> Vec<Field> {
        err.field_errors().iter().map(|e| e.field).collect()
    }

    #[test]
    fn web_form_complaint_goes_to_complaint_handling_in_intake() {
        let events = register(
            intake(Channel::WebForm, InitialHandling::ToComplaintHandling),
            Actor::Citizen,
        )
        .unwrap();
        assert_eq!(events.len(), 1);
        let state = CaseState::from_events(&events);
        let case = state.case().unwrap();
        assert_eq!(case.phase, Phase::Intake);
        assert_eq!(case.ladder_step, LadderStep::ComplaintHandling);
        assert_eq!(
            case.description,
            "Mijn uitkering is twee keer te laat betaald."
        );
        assert!(case.is_open());
        assert_eq!(case.registered_by, Actor::Citizen);
    }

    #[test]
    fn solved_in_contact_closes_at_ladder_step_one() {
        let handling = InitialHandling::SolvedInContact {
            what_was_done: "Uitleg gegeven over de betaaldatum.".into(),
        };
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
        let events = register(
            intake(
                Channel::Counter,
                InitialHandling::HandOver {
                    note: Some(" boos ".into()),
                },
            ),
            staff(),
        )
        .unwrap();
        assert_eq!(
            events[1].payload,
            EventPayload::HandedOver {
                note: Some("boos".into())
            }
        );
        let state = CaseState::from_events(&events);
        let case = state.case().unwrap();
        assert_eq!(case.ladder_step, LadderStep::ComplaintHandling);
        assert_eq!(case.phase, Phase::Intake);
        assert!(case.is_open());
    }

    #[test]
    fn solving_in_contact_needs_what_was_done() {
        let handling = InitialHandling::SolvedInContact {
            what_was_done: "   ".into(),
        };
        let err = register(intake(Channel::Phone, handling), staff()).unwrap_err();
        assert_eq!(fields(&err), [Field::WhatWasDone]);
    }

    #[test]
    fn a_citizen_cannot_mark_a_complaint_solved() {
        let handling = InitialHandling::SolvedInContact {
            what_was_done: "Opgelost".into(),
        };
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
        assert_eq!(
            fields(&err),
            [
                Field::Description,
                Field::Email,
                Field::Phone,
                Field::ConductDate
            ]
        );
        assert_eq!(err.code(), "invalid");
    }

    #[test]
    fn channel_must_fit_the_actor() {
        let err = register(
            intake(Channel::Phone, InitialHandling::ToComplaintHandling),
            Actor::Citizen,
        )
        .unwrap_err();
        assert_eq!(fields(&err), [Field::Channel]);
        let err = register(
            intake(Channel::WebForm, InitialHandling::HandOver { note: None }),
            staff(),
        )
        .unwrap_err();
        assert_eq!(fields(&err), [Field::Channel]);
        let integration = Actor::Integration {
            token_id: Uuid::nil(),
            name: "KCC".into(),
        };
        assert!(
            register(
                intake(Channel::Phone, InitialHandling::ToComplaintHandling),
                integration
            )
            .is_ok()
        );
    }

    #[test]
    fn receipt_may_not_lie_in_the_future_beyond_clock_skew() {
        let mut i = intake(Channel::Letter, InitialHandling::HandOver { note: None });
        i.received_at = now() + SignedDuration::from_mins(4);
        assert!(register(i.clone(), staff()).is_ok());
        i.received_at = now() + SignedDuration::from_mins(6);
        assert_eq!(
            fields(&register(i, staff()).unwrap_err()),
            [Field::ReceivedAt]
        );
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
        assert!(
            CaseState::from_events(&events)
                .case()
                .unwrap()
                .formality
                .is_formal()
        );

        let events = register(
            intake(Channel::Phone, InitialHandling::HandOver { note: None }),
            staff(),
        )
        .unwrap();
        let case = CaseState::from_events(&events).case().cloned().unwrap();
        assert_eq!(
            case.formality,
            Formality::Informal {
                missing: vec![
                    FormalRequirement::Written,
                    FormalRequirement::Signed,
                    FormalRequirement::Address
                ]
            }
        );
    }

    #[test]
    fn registering_twice_is_refused() {
        let events = register(
            intake(Channel::WebForm, InitialHandling::ToComplaintHandling),
            Actor::Citizen,
        )
        .unwrap();
        let state = CaseState::from_events(&events);
        let again = decide(
            &state,
            Command::Register(Box::new(intake(
                Channel::WebForm,
                InitialHandling::ToComplaintHandling,
            ))),
            &ctx(Actor::Citizen),
        );
        assert_eq!(again, Err(DomainError::AlreadyRegistered));
    }

    #[test]
    fn taking_into_handling_assigns_and_starts_exploring() {
        let events = register(
            intake(Channel::WebForm, InitialHandling::ToComplaintHandling),
            Actor::Citizen,
        )
        .unwrap();
        let state = CaseState::from_events(&events);
        let taken = decide(&state, Command::TakeIntoHandling, &ctx(staff())).unwrap();
        let state = taken.iter().fold(state, apply);
        let case = state.case().unwrap();
        assert_eq!(
            case.handler.as_ref().map(|h| h.name.as_str()),
            Some("Sanne Bakker")
        );
        assert_eq!(case.phase, Phase::Explore);
        // Taking it again changes nothing and records nothing.
        assert_eq!(
            decide(&state, Command::TakeIntoHandling, &ctx(staff())),
            Ok(vec![])
        );
    }

    #[test]
    fn only_staff_take_cases_and_never_closed_or_unknown_ones() {
        assert_eq!(
            decide(&CaseState::New, Command::TakeIntoHandling, &ctx(staff())),
            Err(DomainError::NotRegistered)
        );
        let handling = InitialHandling::SolvedInContact {
            what_was_done: "Uitgelegd".into(),
        };
        let closed =
            CaseState::from_events(&register(intake(Channel::Phone, handling), staff()).unwrap());
        assert_eq!(
            decide(&closed, Command::TakeIntoHandling, &ctx(staff())),
            Err(DomainError::CaseClosed)
        );
        let open = CaseState::from_events(
            &register(
                intake(Channel::WebForm, InitialHandling::ToComplaintHandling),
                Actor::Citizen,
            )
            .unwrap(),
        );
        assert_eq!(
            decide(&open, Command::TakeIntoHandling, &ctx(Actor::Citizen)),
            Err(DomainError::NotPermitted)
        );
    }

    #[test]
    fn events_round_trip_through_their_stored_form() {
        let handling = InitialHandling::SolvedInContact {
            what_was_done: "Excuses gemaakt".into(),
        };
        for event in register(intake(Channel::Phone, handling), staff()).unwrap() {
            let json = event.payload.encode();
            assert!(
                json.starts_with(&format!("{{\"type\":\"{}\"", event.payload.kind())),
                "{json}"
            );
            assert_eq!(
                EventPayload::decode(event.payload.kind(), 1, &json).unwrap(),
                event.payload
            );
        }
    }

    #[test]
    fn decoding_refuses_unknown_versions_and_mismatched_types() {
        let json = EventPayload::HandedOver { note: None }.encode();
        assert!(matches!(
            EventPayload::decode("handed_over", 9, &json),
            Err(DecodeError::UnknownVersion { .. })
        ));
        assert!(matches!(
            EventPayload::decode("solved_in_contact", 1, &json),
            Err(DecodeError::KindMismatch { .. })
        ));
        assert!(matches!(
            EventPayload::decode("handed_over", 1, "{"),
            Err(DecodeError::Json(_))
        ));
    }

    #[test]
    fn summaries_cut_on_a_word_and_keep_the_first_line() {
        assert_eq!(summarise("Kort.", 140), "Kort.");
        assert_eq!(
            summarise("\nEerste regel\nTweede regel", 140),
            "Eerste regel…"
        );
        let long = "woord ".repeat(40);
        let s = summarise(&long, 20);
        assert!(s.ends_with('…') && s.chars().count() <= 21, "{s}");
        assert!(!s.contains("woo…"));
    }
}

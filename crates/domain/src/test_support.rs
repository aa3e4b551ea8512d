//! Test helpers shared by the domain's rule tests: a case worked day by
//! day, every event round-tripped through its stored form.

use jiff::{
    Timestamp,
    civil::{Date, date},
};
use uuid::Uuid;

use crate::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, DomainError, Event, EventPayload, apply,
    case::{Case, Context, InitialHandling, Intake, Rules},
    error::Field,
    formal::FormalCommand,
    respondent::Respondent,
};

/// A signed letter received on Monday 23 February 2026: the 6-week term
/// ends on Easter Monday 6 April and moves to Tuesday 7 April (Atw art. 1).
pub const RECEIVED: &str = "2026-02-23T09:00:00Z";

pub fn handler() -> Actor {
    Actor::Staff { user_id: Uuid::from_u128(1), name: "Hanna de Vries".into() }
}

pub fn at(day: Date) -> Timestamp {
    day.at(12, 0, 0, 0).to_zoned_datetime(crate::time::amsterdam()).unwrap().timestamp()
}

/// A case and the day it is worked on.
pub struct Flow {
    pub state: CaseState,
    pub today: Date,
    pub rules: Rules,
}

impl Flow {
    pub fn new(signed: bool, conduct_date: Option<Date>) -> Self {
        let intake = Intake {
            reference: CaseReference::new(2026, 7),
            channel: Channel::Letter,
            received_at: RECEIVED.parse().unwrap(),
            description: "De buitendienst was onbeschoft en mijn melding is kwijt.".into(),
            complainant: Complainant {
                name: Some("Fatima El Amrani".into()),
                address: Some("Kerkstraat 4, 1234 AB Ergens".into()),
                ..Complainant::default()
            },
            conduct_date,
            department: Some("Buitendienst".into()),
            employees_involved: None,
            signed,
            handling: InitialHandling::ToComplaintHandling,
        };
        let mut flow = Self { state: CaseState::New, today: date(2026, 2, 23), rules: Rules::default() };
        flow.ok(Command::Register(Box::new(intake)));
        flow
    }

    pub fn started() -> Self {
        let mut flow = Self::new(true, Some(date(2026, 2, 10)));
        flow.today = date(2026, 3, 2);
        flow.ok(formal(FormalCommand::Start { reason: "Geen oplossing gevonden".into(), signed: true }));
        flow
    }

    pub fn run(&mut self, command: Command) -> Result<Vec<Event>, DomainError> {
        self.run_as(handler(), command)
    }

    /// As [`Flow::run`], by `actor`.
    pub fn run_as(&mut self, actor: crate::Actor, command: Command) -> Result<Vec<Event>, DomainError> {
        let ctx = Context::new(at(self.today), actor).with_rules(self.rules.clone());
        let events = crate::decide(&self.state, command, &ctx)?;
        for event in &events {
            let stored = EventPayload::decode(event.payload.kind(), 1, &event.payload.encode()).unwrap();
            assert_eq!(stored, event.payload);
            assert!(!event.payload.describe().is_empty());
        }
        self.state = events.iter().fold(std::mem::take(&mut self.state), apply);
        Ok(events)
    }

    pub fn ok(&mut self, command: Command) -> Vec<Event> {
        self.run(command).unwrap()
    }

    pub fn fields(&mut self, command: Command) -> Vec<Field> {
        match self.run(command) {
            Err(DomainError::Invalid(problems)) => problems.iter().map(|p| p.field).collect(),
            other => panic!("expected input problems, got {other:?}"),
        }
    }

    pub fn case(&self) -> &Case {
        self.state.case().unwrap()
    }
}

pub fn formal(command: FormalCommand) -> Command {
    Command::Formal(command)
}

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub fn respondent() -> Command {
    Command::AddRespondent(Respondent {
        id: id(50),
        user_id: None,
        name: "Piet Smit".into(),
        department: Some("Buitendienst".into()),
    })
}

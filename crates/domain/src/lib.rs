//! The rules of complaint handling in Gehoord, free of IO.
//!
//! A complaint is handled as a *case*: an event-sourced aggregate that moves
//! through the five rules of thumb of the Nationale ombudsman
//! ([`Phase`]), records the channel it came through ([`Channel`]), how high on
//! the complaint ladder it went ([`LadderStep`]) and whether it is a formal
//! complaint under Awb 9:4 ([`Formality`]).
//!
//! Everything that happens to a case is decided by [`case::decide`] from a
//! [`case::Command`] and recorded as [`case::Event`]s; [`case::apply`] folds
//! those events into a [`case::CaseState`]. The clock, the acting person and
//! every other outside fact arrive as parameters in [`case::Context`], so every
//! rule can be tested without a database or a clock.

pub mod actor;
pub mod calendar;
pub mod case;
pub mod channel;
pub mod citizen;
pub mod commitment;
pub mod complainant;
pub mod conduct;
pub mod contact;
pub mod error;
pub mod escalation;
pub mod evidence;
pub mod formal;
pub mod formality;
pub mod forwarding;
pub mod hearing;
pub mod insight;
pub mod judgment;
pub mod ladder;
pub mod learning;
pub mod lesson;
pub mod letter;
pub mod norm;
pub mod not_handling;
pub mod notification;
pub mod ombudsman;
pub mod outcome;
pub mod phase;
pub mod reference;
pub mod respondent;
pub mod role;
pub mod signal;
pub mod solution;
pub mod terms;
#[cfg(test)]
mod test_support;
pub mod themes;
pub mod time;
pub mod vocabulary;

pub use actor::Actor;
pub use case::{CaseId, CaseState, Command, Context, Event, EventPayload, apply, decide};
pub use channel::Channel;
pub use complainant::{Complainant, ContactPreference};
pub use error::DomainError;
pub use formality::Formality;
pub use ladder::LadderStep;
pub use outcome::Outcome;
pub use phase::Phase;
pub use reference::CaseReference;
pub use role::Role;

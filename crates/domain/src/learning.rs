//! What staff record on a case so the organisation learns across cases
//! (ombudsvisie §4.2 "Leren van klachten"): the subject category the reports
//! group by, a handler's "important signal" flag that puts one case on the
//! managers' signal list, and a link to a lesson already in the register
//! ("this happened again").
//!
//! These are classification, not handling: they are allowed on a closed
//! case too, because a manager often sees the pattern only afterwards.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    Actor, DomainError,
    case::{Case, EventPayload, Problems, trimmed},
    complainant::clean,
    error::Field,
};

/// A staff action that classifies a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LearningCommand {
    /// Set the subject category (from the organisation's list), or clear it.
    Categorise { category: Option<String> },
    /// A handler marks the case as an important signal for managers.
    FlagSignal { reason: String },
    /// The signal was dealt with (or was none).
    UnflagSignal,
    /// The case is another instance of a lesson in the register.
    LinkLesson { lesson_id: Uuid, text: String },
}

/// An important signal on a case, until a manager clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub reason: String,
    pub by: String,
    pub at: Timestamp,
}

/// A lesson in the register that this case is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedLesson {
    pub lesson_id: Uuid,
    /// The lesson's text when linked, so the history reads on its own.
    pub text: String,
}

pub(crate) fn decide(case: &Case, command: LearningCommand, actor: &Actor) -> Result<Vec<EventPayload>, DomainError> {
    if !matches!(actor, Actor::Staff { .. }) {
        return Err(DomainError::NotPermitted);
    }
    let mut p = Problems::default();
    let payload = match command {
        LearningCommand::Categorise { category } => {
            let category = clean(category);
            if category == case.category {
                return Ok(Vec::new());
            }
            EventPayload::Categorised { category }
        }
        LearningCommand::FlagSignal { reason } => {
            p.require(&reason, Field::Reason, "Schrijf op waarom dit een belangrijk signaal is.");
            EventPayload::SignalFlagged { reason: trimmed(&reason) }
        }
        LearningCommand::UnflagSignal => {
            if case.signal.is_none() {
                return Ok(Vec::new());
            }
            EventPayload::SignalUnflagged
        }
        LearningCommand::LinkLesson { lesson_id, text } => {
            if case.linked_lessons.iter().any(|l| l.lesson_id == lesson_id) {
                return Ok(Vec::new());
            }
            p.require(&text, Field::LessonText, "Kies het leerpunt waaraan u de klacht koppelt.");
            EventPayload::LessonLinked(LinkedLesson { lesson_id, text: trimmed(&text) })
        }
    };
    p.finish()?;
    Ok(vec![payload])
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::{
        Command,
        forwarding::ControlAnswer,
        not_handling::{NotHandling, NotHandlingGround},
        test_support::{Flow, formal},
    };

    fn learn(flow: &mut Flow, command: LearningCommand) -> Vec<EventPayload> {
        flow.ok(Command::Learning(command)).into_iter().map(|e| e.payload).collect()
    }

    fn closed() -> Flow {
        let mut flow = Flow::new(true, Some(date(2024, 11, 1)));
        flow.ok(formal(crate::formal::FormalCommand::NotHandle {
            decision: NotHandling {
                ground: NotHandlingGround::OlderThanOneYear,
                motivation: "Het gebeurde in november 2024.".into(),
                personal_contact_made: true,
                notice_sent_on: flow.today,
            },
            no_lesson_reason: Some("Geen".into()),
        }));
        flow
    }

    #[test]
    fn a_category_is_set_changed_and_cleared_and_setting_it_again_records_nothing() {
        let mut flow = Flow::new(true, None);
        let set = |c: &str| LearningCommand::Categorise { category: Some(c.to_owned()) };
        assert_eq!(learn(&mut flow, set(" Parkeren ")).len(), 1);
        assert_eq!(flow.case().category.as_deref(), Some("Parkeren"));
        assert!(learn(&mut flow, set("Parkeren")).is_empty());
        learn(&mut flow, set("Afval"));
        assert_eq!(flow.case().category.as_deref(), Some("Afval"));
        learn(&mut flow, LearningCommand::Categorise { category: Some(" ".into()) });
        assert_eq!(flow.case().category, None);
    }

    #[test]
    fn a_signal_needs_a_reason_and_is_flagged_and_cleared_also_after_closing() {
        let mut flow = closed();
        assert!(!flow.case().is_open());
        assert_eq!(
            flow.fields(Command::Learning(LearningCommand::FlagSignal { reason: "  ".into() })),
            [Field::Reason]
        );
        learn(&mut flow, LearningCommand::FlagSignal { reason: " Derde keer deze maand ".into() });
        let signal = flow.case().signal.clone().unwrap();
        assert_eq!((signal.reason.as_str(), signal.by.as_str()), ("Derde keer deze maand", "Hanna de Vries"));
        learn(&mut flow, LearningCommand::UnflagSignal);
        assert_eq!(flow.case().signal, None);
        assert!(learn(&mut flow, LearningCommand::UnflagSignal).is_empty());
    }

    #[test]
    fn a_linked_lesson_counts_once_and_lets_the_case_close_without_a_reason() {
        let mut flow = Flow::new(true, None);
        flow.ok(Command::TakeIntoHandling);
        flow.ok(Command::AnswerControlQuestion(ControlAnswer {
            satisfied: true,
            all_addressed: true,
            how_asked: crate::contact::ContactMethod::Phone,
            wants_letter: false,
            note: None,
        }));
        assert_eq!(flow.fields(Command::CloseSolved { no_lesson_reason: None }), [Field::NoLessonReason]);
        let id = Uuid::from_u128(7);
        let link =
            || LearningCommand::LinkLesson { lesson_id: id, text: " Brieven over parkeren zijn onduidelijk ".into() };
        learn(&mut flow, link());
        assert!(learn(&mut flow, link()).is_empty());
        assert_eq!(
            flow.case().linked_lessons,
            [LinkedLesson { lesson_id: id, text: "Brieven over parkeren zijn onduidelijk".into() }]
        );
        flow.ok(Command::CloseSolved { no_lesson_reason: None });
        assert!(!flow.case().is_open());
    }

    #[test]
    fn only_staff_classify() {
        let mut flow = Flow::new(true, None);
        let result = flow.run_as(Actor::Citizen, Command::Learning(LearningCommand::UnflagSignal));
        assert_eq!(result, Err(DomainError::NotPermitted));
    }
}

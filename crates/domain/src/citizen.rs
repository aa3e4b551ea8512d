//! What the citizen does on their own case, through the private status
//! page: add information and files, answer the control question, ask to
//! reopen, and give feedback after closing (ombudsvisie §4.3 and §4.5:
//! procedural justice is having a voice and knowing what happens).
//!
//! Every action is an event on the case. An unhappy answer never closes a
//! door: feedback that the handling was not good, or a request to reopen,
//! becomes a [`ReopenRequest`] the handler must answer.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    case::{Case, EventPayload, Problems},
    contact::ContactMethod,
    error::Field,
    evidence::{self, Evidence, EvidenceSource},
    forwarding::ControlAnswer,
};

/// Longest text a citizen sends in one go: room for a full story.
pub const MAX_CITIZEN_TEXT: usize = 10_000;

/// An action of the citizen on the status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CitizenCommand {
    /// More information, a file, or both, while the case is open.
    AddInformation { text: String, file: Option<Evidence> },
    /// The control question, answered by the citizen themselves.
    AnswerControlQuestion { satisfied: bool, all_addressed: bool, note: Option<String> },
    /// The door stays open: ask to look at a closed complaint again.
    RequestReopen { reason: String },
    /// After closing: how the handling went for them.
    GiveFeedback(Feedback),
}

/// The citizen's view of the handling, after closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// Satisfied with how the complaint was handled.
    pub satisfied: bool,
    /// Whether the organisation may contact them about it.
    pub may_contact: bool,
    pub text: Option<String>,
}

/// A request to reopen that the handler has not answered yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReopenRequest {
    pub reason: String,
    pub at: Timestamp,
}

/// Information the citizen added on the status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedInformation {
    pub text: String,
    pub at: Timestamp,
}

/// Decides a citizen action.
pub(crate) fn decide(case: &Case, command: CitizenCommand) -> Result<Vec<EventPayload>, DomainError> {
    let mut p = Problems::default();
    let events = match command {
        CitizenCommand::AddInformation { text, file } => {
            if !case.is_open() {
                return Err(DomainError::CaseClosed);
            }
            let text = text.trim().to_owned();
            p.check(
                !text.is_empty() || file.is_some(),
                Field::Information,
                "Schrijf wat u wilt toevoegen, of kies een bestand.",
            );
            p.check(text.chars().count() <= MAX_CITIZEN_TEXT, Field::Information, TOO_LONG);
            let mut events = Vec::new();
            if !text.is_empty() {
                events.push(EventPayload::InformationAdded { text });
            }
            if let Some(file) = file {
                p.check(file.source == EvidenceSource::Complainant, Field::File, "Dit bestand komt van de klager.");
                events.push(evidence::add(case, file, &mut p));
            }
            events
        }
        CitizenCommand::AnswerControlQuestion { satisfied, all_addressed, note } => {
            if !case.is_open() {
                return Err(DomainError::CaseClosed);
            }
            let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
            p.check(note.as_ref().is_none_or(|n| n.chars().count() <= MAX_CITIZEN_TEXT), Field::Note, TOO_LONG);
            vec![EventPayload::ControlQuestionAnswered(ControlAnswer {
                satisfied,
                all_addressed,
                how_asked: ContactMethod::Online,
                wants_letter: false,
                note,
            })]
        }
        CitizenCommand::RequestReopen { reason } => {
            if case.is_open() {
                return Err(DomainError::NotClosed);
            }
            let reason = reason.trim().to_owned();
            p.require(&reason, Field::Reason, "Schrijf waarom wij opnieuw naar uw klacht moeten kijken.");
            p.check(reason.chars().count() <= MAX_CITIZEN_TEXT, Field::Reason, TOO_LONG);
            vec![EventPayload::ReopenRequested { reason }]
        }
        CitizenCommand::GiveFeedback(feedback) => {
            if case.is_open() {
                return Err(DomainError::NotClosed);
            }
            if case.feedback.is_some() {
                return Err(DomainError::FeedbackGiven);
            }
            let text = feedback.text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
            p.check(text.as_ref().is_none_or(|t| t.chars().count() <= MAX_CITIZEN_TEXT), Field::Feedback, TOO_LONG);
            let unhappy = !feedback.satisfied;
            let mut events = vec![EventPayload::FeedbackGiven(Feedback { text: text.clone(), ..feedback })];
            // An unhappy answer is a reason to look again: the handler decides.
            if unhappy && case.reopen_request.is_none() {
                events.push(EventPayload::ReopenRequested {
                    reason: text.unwrap_or_else(|| "De klager is niet tevreden over de afhandeling.".to_owned()),
                });
            }
            events
        }
    };
    p.finish()?;
    Ok(events)
}

const TOO_LONG: &str = "Deze tekst is te lang. Verdeel hem over meer berichten, of stuur een bestand.";

/// Folds the citizen's events.
pub(crate) fn apply(case: &mut Case, payload: &EventPayload, at: Timestamp) {
    match payload {
        EventPayload::InformationAdded { text } => {
            case.added_information.push(AddedInformation { text: text.clone(), at });
        }
        EventPayload::ReopenRequested { reason } => {
            case.reopen_request = Some(ReopenRequest { reason: reason.clone(), at });
        }
        EventPayload::FeedbackGiven(f) => case.feedback = Some(f.clone()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::{
        Actor, Command,
        formal::FormalCommand,
        not_handling::{NotHandling, NotHandlingGround},
        test_support::{Flow, formal, id},
    };

    fn citizen(flow: &mut Flow, action: CitizenCommand) -> Result<Vec<crate::Event>, DomainError> {
        flow.run_as(Actor::Citizen, Command::Citizen(action))
    }

    fn kinds(events: &[crate::Event]) -> Vec<&'static str> {
        events.iter().map(|e| e.payload.kind()).collect()
    }

    fn closed() -> Flow {
        let mut flow = Flow::new(true, Some(date(2024, 11, 1)));
        flow.ok(formal(FormalCommand::NotHandle {
            decision: NotHandling {
                ground: NotHandlingGround::OlderThanOneYear,
                motivation: "Het gebeurde in november 2024.".into(),
                personal_contact_made: true,
                notice_sent_on: flow.today,
            },
            no_lesson_reason: Some("Geen".into()),
        }));
        assert!(!flow.case().is_open());
        flow
    }

    fn file(source: EvidenceSource) -> Evidence {
        Evidence {
            id: id(80),
            file_name: "foto.jpg".into(),
            media_type: "image/jpeg".into(),
            size: 1200,
            sha256: "ab".repeat(32),
            description: "Bijlage bij de klacht".into(),
            source,
            audio: None,
        }
    }

    #[test]
    fn the_citizen_adds_information_and_files_while_the_case_is_open() {
        let mut flow = Flow::new(true, None);
        let add = |text: &str, file| CitizenCommand::AddInformation { text: text.into(), file };
        let events =
            citizen(&mut flow, add("  Ik heb nog een brief gevonden. ", Some(file(EvidenceSource::Complainant))))
                .unwrap();
        assert_eq!(kinds(&events), ["information_added", "evidence_added"]);
        assert_eq!(flow.case().added_information[0].text, "Ik heb nog een brief gevonden.");
        assert_eq!(flow.case().evidence.len(), 1);
        assert_eq!(
            flow.run_as(Actor::Citizen, Command::Citizen(add(" ", None))).unwrap_err().field_errors()[0].field,
            Field::Information
        );
        assert!(citizen(&mut flow, add("", Some(file(EvidenceSource::Organisation)))).is_err(), "only their own files");
        assert_eq!(
            flow.run(Command::Citizen(add("Door de behandelaar", None))),
            Err(DomainError::NotPermitted),
            "staff record their own way"
        );
        let mut closed = closed();
        assert_eq!(citizen(&mut closed, add("Nog iets", None)), Err(DomainError::CaseClosed), "then: ask to reopen");
    }

    #[test]
    fn the_citizen_answers_the_control_question_online() {
        let mut flow = Flow::new(true, None);
        let answer = CitizenCommand::AnswerControlQuestion {
            satisfied: false,
            all_addressed: true,
            note: Some(" Het geld is er nog niet. ".into()),
        };
        citizen(&mut flow, answer).unwrap();
        let a = flow.case().control_answer.clone().unwrap();
        assert_eq!(
            (a.how_asked, a.confirms_solution(), a.note.as_deref()),
            (ContactMethod::Online, false, Some("Het geld is er nog niet."))
        );
    }

    #[test]
    fn the_door_stays_open_a_request_to_reopen_waits_for_the_handler() {
        let mut open = Flow::new(true, None);
        let request = |reason: &str| CitizenCommand::RequestReopen { reason: reason.into() };
        assert_eq!(citizen(&mut open, request("Nog niet opgelost")), Err(DomainError::NotClosed));
        let mut flow = closed();
        assert_eq!(
            flow.run_as(Actor::Citizen, Command::Citizen(request(" "))).unwrap_err().field_errors()[0].field,
            Field::Reason
        );
        citizen(&mut flow, request("Het was wel minder dan een jaar geleden.")).unwrap();
        assert_eq!(
            flow.case().reopen_request.as_ref().map(|r| r.reason.as_str()),
            Some("Het was wel minder dan een jaar geleden.")
        );
        // The handler answers: declining needs a reason and clears the request.
        assert_eq!(flow.fields(Command::DeclineReopenRequest { explanation: " ".into() }), [Field::Explanation]);
        flow.ok(Command::DeclineReopenRequest { explanation: "De datum staat in uw eigen brief.".into() });
        assert_eq!(flow.case().reopen_request, None);
        assert_eq!(
            flow.run(Command::DeclineReopenRequest { explanation: "Nogmaals".into() }),
            Err(DomainError::NoReopenRequest)
        );
        // Or reopens, which answers it too.
        citizen(&mut flow, request("Toch opnieuw, alstublieft.")).unwrap();
        flow.ok(Command::Reopen { reason: "Verzoek van de klager".into() });
        assert_eq!(flow.case().reopen_request, None);
        assert!(flow.case().is_open());
    }

    #[test]
    fn unhappy_feedback_becomes_a_request_to_reopen_and_is_given_once_per_closing() {
        let give = |satisfied, text: Option<&str>| {
            CitizenCommand::GiveFeedback(Feedback { satisfied, may_contact: true, text: text.map(Into::into) })
        };
        let mut open = Flow::new(true, None);
        assert_eq!(citizen(&mut open, give(true, None)), Err(DomainError::NotClosed));

        let mut happy = closed();
        assert_eq!(kinds(&citizen(&mut happy, give(true, Some("  "))).unwrap()), ["feedback_given"]);
        assert_eq!(happy.case().feedback.as_ref().map(|f| f.text.clone()), Some(None), "blank text is no text");
        assert_eq!(citizen(&mut happy, give(false, None)), Err(DomainError::FeedbackGiven));

        let mut unhappy = closed();
        let events = citizen(&mut unhappy, give(false, Some("Niemand heeft mij gebeld."))).unwrap();
        assert_eq!(kinds(&events), ["feedback_given", "reopen_requested"]);
        assert_eq!(
            unhappy.case().reopen_request.as_ref().map(|r| r.reason.as_str()),
            Some("Niemand heeft mij gebeld.")
        );
        // Reopened and closed again: the citizen is asked anew.
        unhappy.ok(Command::Reopen { reason: "Terugkoppeling van de klager".into() });
        assert_eq!(unhappy.case().feedback, None);
    }
}

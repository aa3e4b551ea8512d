//! What the citizen does on their own case, through the private status
//! page: add information and files, answer the control question, ask to
//! reopen, and give feedback after closing (ombudsvisie §4.3 and §4.5:
//! procedural justice is having a voice and knowing what happens).
//!
//! Every action is an event on the case. An unhappy answer never closes a
//! door: feedback that the handling was not good, or a request to reopen,
//! becomes a [`ReopenRequest`] the handler must answer.

use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    case::{Case, EventPayload, Problems},
    contact::ContactMethod,
    error::Field,
    evidence::{self, Evidence, EvidenceSource},
    forwarding::ControlAnswer,
    time::{LongDate, amsterdam, date_in_amsterdam},
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

crate::vocabulary! {
    /// Where the complaint is, in the citizen's words.
    pub enum Stage {
        Received = ("received", "Ontvangen"),
        InConversation = ("in_conversation", "In gesprek"),
        Investigating = ("investigating", "In onderzoek"),
        HearingPlanned = ("hearing_planned", "Gesprek (hoorzitting) gepland"),
        Closed = ("closed", "Afgerond"),
    }
}

/// What the status page tells the citizen, in plain Dutch: where the
/// complaint is, what comes next and by when, who handles it, and what they
/// can do themselves now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    /// One or two sentences on where it is and what comes next.
    pub explanation: String,
    /// The next date the organisation holds itself to, with what happens then.
    pub next: Option<(Date, String)>,
    /// Awb 9:11 lid 2: how much later, and why.
    pub postponement: Option<(u32, String)>,
    pub handler: Option<String>,
    pub may_add_information: bool,
    pub may_answer_control_question: bool,
    pub may_request_reopen: bool,
    pub may_give_feedback: bool,
    /// A request to reopen the handler has not answered yet.
    pub reopen_requested: bool,
}

/// The citizen's view of `case` on `today`.
#[must_use]
pub fn progress(case: &Case, today: Date) -> Progress {
    let planned_hearing = case.formal.hearings.iter().find(|h| !h.is_held() && date_in_amsterdam(h.at) >= today);
    let decision = case.decision_due.filter(|_| case.formal.started.is_some());
    let (stage, explanation, next) = if !case.is_open() {
        let text = match (&case.formal.findings, &case.formal.not_handling, &case.forwarding) {
            (Some(f), _, _) => format!(
                "Wij hebben uw klacht onderzocht en u ons oordeel gestuurd. Bent u het er niet mee eens? Dan kunt u tot en met {} naar {}.",
                LongDate(f.ombudsman_term_until),
                f.ombudsman
            ),
            (None, Some(_), _) => {
                "Wij hebben besloten uw klacht niet te behandelen. In onze brief staat waarom.".to_owned()
            }
            (None, None, Some(f)) => {
                format!("Wij hebben uw klacht doorgestuurd naar {}. Daar helpen ze u verder.", f.organisation)
            }
            _ => "Uw klacht is afgerond. In onze brief of in ons gesprek hoorde u hoe.".to_owned(),
        };
        (Stage::Closed, text, None)
    } else if let Some(h) = planned_hearing {
        let when = h.at.to_zoned_datetime(amsterdam());
        (
            Stage::HearingPlanned,
            format!(
                "Wij praten met u over uw klacht op {} om {}, {}.",
                LongDate(when.date()),
                when.strftime("%H:%M"),
                h.place
            ),
            decision.map(|d| (d, "U hoort uiterlijk dan wat wij van uw klacht vinden.".to_owned())),
        )
    } else if case.formal.started.is_some() {
        (
            Stage::Investigating,
            "Wij onderzoeken uw klacht. Wij horen ook de medewerker over wie u klaagt.".to_owned(),
            decision.map(|d| (d, "U hoort uiterlijk dan wat wij van uw klacht vinden.".to_owned())),
        )
    } else if case.handler.is_some() || !case.contacts.is_empty() {
        (
            Stage::InConversation,
            "Een klachtbehandelaar werkt aan uw klacht. Samen met u zoeken wij naar een oplossing.".to_owned(),
            None,
        )
    } else {
        (
            Stage::Received,
            "Wij hebben uw klacht ontvangen. Een klachtbehandelaar neemt contact met u op.".to_owned(),
            case.first_contact_due.map(|d| (d, "Wij nemen uiterlijk dan contact met u op.".to_owned())),
        )
    };
    let solution_agreed = case.solutions.iter().any(|s| s.agreed);
    Progress {
        stage,
        explanation,
        next,
        postponement: case.formal.postponement.as_ref().map(|p| (p.weeks, p.reason.clone())),
        handler: case.handler.as_ref().map(|h| h.name.clone()),
        may_add_information: case.is_open(),
        may_answer_control_question: case.is_open() && solution_agreed && case.control_answer.is_none(),
        may_request_reopen: !case.is_open() && case.reopen_request.is_none(),
        may_give_feedback: !case.is_open() && case.feedback.is_none(),
        reopen_requested: case.reopen_request.is_some(),
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

    #[test]
    fn the_citizen_sees_where_the_complaint_is_and_what_comes_next() {
        let mut flow = Flow::new(true, None);
        let p = progress(flow.case(), flow.today);
        assert_eq!(p.stage, Stage::Received);
        assert_eq!(p.next.map(|(d, _)| d), flow.case().first_contact_due, "the first-contact norm is promised");
        assert!((p.may_add_information, p.may_answer_control_question, p.may_request_reopen) == (true, false, false));

        flow.ok(Command::TakeIntoHandling);
        let p = progress(flow.case(), flow.today);
        assert_eq!((p.stage, p.handler.as_deref(), p.next), (Stage::InConversation, Some("Hanna de Vries"), None));
        flow.ok(Command::RecordSolution(crate::solution::Solution {
            kind: crate::solution::SolutionKind::Explanation,
            description: "Uitleg over de betaling.".into(),
            reasoning: "Dat vroeg de klager.".into(),
            consulted: None,
            agreed: true,
        }));
        assert!(progress(flow.case(), flow.today).may_answer_control_question, "a solution was agreed");

        let mut formal_flow = Flow::started();
        formal_flow.ok(formal(FormalCommand::Postpone {
            weeks: 2,
            reason: "Een getuige is op vakantie.".into(),
            complainant_notified_on: formal_flow.today,
            respondent_notified: true,
        }));
        let p = progress(formal_flow.case(), formal_flow.today);
        assert_eq!(p.stage, Stage::Investigating);
        assert_eq!(p.next.map(|(d, _)| d), formal_flow.case().decision_due, "the decision term, as postponed");
        assert_eq!(p.postponement, Some((2, "Een getuige is op vakantie.".to_owned())));
        formal_flow.ok(formal(FormalCommand::PlanHearing(crate::formal::HearingPlan {
            id: id(1),
            at: crate::test_support::at(date(2026, 3, 9)),
            place: "Stadhuis, kamer 2".into(),
            setting: crate::hearing::HearingSetting::Together,
            participants: vec![crate::hearing::Participant {
                role: crate::hearing::ParticipantRole::Complainant,
                name: "Fatima El Amrani".into(),
            }],
            round: 1,
            by_committee: false,
            third_party_consent: false,
        })));
        let p = progress(formal_flow.case(), formal_flow.today);
        assert_eq!(p.stage, Stage::HearingPlanned);
        assert!(p.explanation.contains("9 maart 2026 om 12:00, Stadhuis, kamer 2"), "{}", p.explanation);
        // The day after the hearing it is no longer "planned".
        assert_eq!(progress(formal_flow.case(), date(2026, 3, 10)).stage, Stage::Investigating);

        let closed = closed();
        let p = progress(closed.case(), closed.today);
        assert_eq!((p.stage, p.next), (Stage::Closed, None));
        assert!(p.explanation.contains("niet te behandelen"), "{}", p.explanation);
        assert!((p.may_add_information, p.may_request_reopen, p.may_give_feedback) == (false, true, true));
    }
}

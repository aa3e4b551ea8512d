//! Complex complaint behaviour (ombudsvisie §4.6): a conduct protocol
//! (*gedragslijn*) limits how contact with a person goes, never whether they
//! can complain or write.
//!
//! The rule of thumb is "always keep contact, unless…": a protocol comes
//! only after working agreements did not hold, names the unwanted behaviour
//! (the behaviour is the problem, not the person), says how contact goes on,
//! is announced in writing and reviewed. Legal remedies stay untouched: a
//! protocol cannot stop a letter from being registered, and closing a case
//! because of one still points to the ombudsman.
//!
//! A protocol belongs to a person. It is imposed on one of their cases (its
//! events live there, with the case's hash chain), and the store finds it
//! for every other case of the same person.

use jiff::{Span, civil::Date};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    DomainError,
    case::{Case, Context, EventPayload, Problems, trimmed},
    complainant::clean,
    error::Field,
};

crate::vocabulary! {
    /// A limit on contact. There is deliberately no limit on complaining,
    /// objecting or writing: those are legal remedies.
    pub enum ContactLimit {
        WrittenOnly = ("written_only", "Alleen schriftelijk contact"),
        OneMomentPerWeek = ("one_moment_per_week", "Eén contactmoment per week"),
        FixedContactPerson = ("fixed_contact_person", "Eén vaste contactpersoon"),
        AppointmentOnly = ("appointment_only", "Alleen langskomen op afspraak"),
        NoAnswerToRepeats = ("no_answer_to_repeats", "Geen nieuwe reactie op brieven over wat al beantwoord is"),
    }
}

/// A conduct protocol as imposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConductProtocol {
    pub id: Uuid,
    pub limits: Vec<ContactLimit>,
    /// A limit in the handler's own words, if the list does not fit.
    pub other_limit: Option<String>,
    /// The unwanted behaviour, named concretely.
    pub behaviour: String,
    /// Why the protocol is needed: the burden on staff, on other citizens.
    pub reason: String,
    /// Which working agreements were tried first.
    pub agreements_tried: String,
    /// How contact goes on, as the announcement letter says.
    pub contact_continues: String,
    pub from: Date,
    pub review_on: Date,
}

/// A protocol with what happened to it since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRecord {
    pub protocol: ConductProtocol,
    pub reviews: Vec<ProtocolReview>,
    pub ended_on: Option<Date>,
}

impl ProtocolRecord {
    /// The review date now in force.
    #[must_use]
    pub fn review_on(&self) -> Date {
        self.reviews.iter().rev().find_map(|r| r.next_review_on).unwrap_or(self.protocol.review_on)
    }

    #[must_use]
    pub const fn is_active(&self) -> bool {
        self.ended_on.is_none()
    }

    /// Active, and its review date has passed.
    #[must_use]
    pub fn review_overdue(&self, today: Date) -> bool {
        self.is_active() && today > self.review_on()
    }
}

/// A review: continue until a next review, or end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolReview {
    pub on: Date,
    pub note: String,
    /// `None` ends the protocol.
    pub next_review_on: Option<Date>,
}

/// A protocol is temporary: reviewed within a year.
fn review_within_a_year(p: &mut Problems, from: Date, review_on: Date) {
    p.check(review_on > from, Field::ReviewOn, "De evaluatie ligt na de ingangsdatum.");
    p.check(
        from.checked_add(Span::new().years(1)).is_ok_and(|limit| review_on <= limit),
        Field::ReviewOn,
        "Evalueer de gedragslijn binnen een jaar: een gedragslijn is tijdelijk.",
    );
}

/// Imposes a protocol on the person of this case.
pub(crate) fn impose(case: &Case, protocol: ConductProtocol, ctx: &Context, p: &mut Problems) -> EventPayload {
    p.check(
        !protocol.limits.is_empty() || protocol.other_limit.as_deref().is_some_and(|l| !l.trim().is_empty()),
        Field::Limits,
        "Kies wat de gedragslijn beperkt, of beschrijf het zelf.",
    );
    p.require(
        &protocol.behaviour,
        Field::Behaviour,
        "Benoem het gedrag dat niet langer kan, zo concreet mogelijk. Het gaat om het gedrag, niet om de persoon.",
    );
    p.require(&protocol.reason, Field::Reason, "Leg uit waarom een gedragslijn nodig is.");
    p.require(
        &protocol.agreements_tried,
        Field::AgreementsTried,
        "Beschrijf welke werkafspraken eerst zijn geprobeerd. Een gedragslijn komt pas als dat niet lukt.",
    );
    p.require(
        &protocol.contact_continues,
        Field::ContactContinues,
        "Beschrijf hoe het contact doorgaat, bijvoorbeeld: u kunt ons schrijven; nieuwe vragen beantwoorden wij binnen twee weken.",
    );
    p.check(
        protocol.from >= ctx.today(),
        Field::From,
        "Een gedragslijn gaat in vanaf vandaag of later, nooit met terugwerkende kracht.",
    );
    review_within_a_year(p, protocol.from, protocol.review_on);
    p.check(
        !case.conduct_protocols.iter().any(|r| r.protocol.id == protocol.id),
        Field::Behaviour,
        "Deze gedragslijn bestaat al.",
    );
    EventPayload::ConductProtocolImposed(ConductProtocol {
        other_limit: clean(protocol.other_limit),
        behaviour: trimmed(&protocol.behaviour),
        reason: trimmed(&protocol.reason),
        agreements_tried: trimmed(&protocol.agreements_tried),
        contact_continues: trimmed(&protocol.contact_continues),
        ..protocol
    })
}

/// Reviews a protocol imposed on this case: continue or end.
pub(crate) fn review(
    case: &Case,
    id: Uuid,
    review: ProtocolReview,
    ctx: &Context,
    p: &mut Problems,
) -> Result<EventPayload, DomainError> {
    let record = case.conduct_protocols.iter().find(|r| r.protocol.id == id).ok_or(DomainError::UnknownProtocol)?;
    if !record.is_active() {
        return Err(DomainError::ProtocolEnded);
    }
    p.require(&review.note, Field::ReviewNote, "Schrijf op hoe het contact nu gaat en wat u besluit.");
    p.check(
        review.on <= ctx.today(),
        Field::ReviewedOn,
        "De datum ligt in de toekomst. Kies vandaag of een eerdere dag.",
    );
    if let Some(next) = review.next_review_on {
        review_within_a_year(p, review.on, next);
    }
    Ok(EventPayload::ConductProtocolReviewed { id, review: ProtocolReview { note: trimmed(&review.note), ..review } })
}

/// Folds the protocol events.
pub(crate) fn apply(case: &mut Case, payload: &EventPayload) {
    match payload {
        EventPayload::ConductProtocolImposed(protocol) => {
            case.conduct_protocols.push(ProtocolRecord {
                protocol: protocol.clone(),
                reviews: Vec::new(),
                ended_on: None,
            });
        }
        EventPayload::ConductProtocolReviewed { id, review } => {
            if let Some(record) = case.conduct_protocols.iter_mut().find(|r| r.protocol.id == *id) {
                if review.next_review_on.is_none() {
                    record.ended_on = Some(review.on);
                }
                record.reviews.push(review.clone());
            }
        }
        _ => {}
    }
}

/// Closing a case because of a protocol still names the ombudsman.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConductClosure {
    pub protocol_id: Uuid,
    /// What the citizen is told: why this case ends here.
    pub explanation: String,
    pub ombudsman: String,
    pub ombudsman_term_until: Date,
}

/// Closes a case of a person under an active protocol (found by the
/// caller, possibly on another case of the same person).
pub(crate) fn close(
    case: &Case,
    protocol_id: Uuid,
    explanation: &str,
    no_lesson_reason: Option<String>,
    ctx: &Context,
) -> Result<Vec<EventPayload>, DomainError> {
    let mut p = Problems::default();
    p.require(
        explanation,
        Field::Explanation,
        "Leg uit waarom deze klacht op deze manier wordt afgerond, en hoe het contact verder gaat.",
    );
    let no_lesson_reason = p.lesson_or_reason(case, no_lesson_reason);
    p.finish()?;
    Ok(vec![
        EventPayload::ClosedForConductProtocol(ConductClosure {
            protocol_id,
            explanation: trimmed(explanation),
            ombudsman: ctx.rules.ombudsman.clone(),
            ombudsman_term_until: crate::ombudsman::ombudsman_term_end(ctx.today()),
        }),
        EventPayload::CaseClosed { outcome: crate::Outcome::ConductProtocol, no_lesson_reason },
    ])
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::{
        Command, Outcome,
        test_support::{Flow, id},
    };

    fn protocol(from: Date, review_on: Date) -> ConductProtocol {
        ConductProtocol {
            id: id(70),
            limits: vec![ContactLimit::WrittenOnly, ContactLimit::FixedContactPerson],
            other_limit: None,
            behaviour: "U belt meerdere keren per dag en scheldt medewerkers uit.".into(),
            reason: "Het team kan andere burgers niet meer helpen.".into(),
            agreements_tried: "Op 1 maart afgesproken: één keer per week bellen met Hanna.".into(),
            contact_continues: "U kunt ons schrijven. Hanna de Vries beantwoordt nieuwe vragen binnen twee weken."
                .into(),
            from,
            review_on,
        }
    }

    fn working_case() -> Flow {
        let mut flow = Flow::new(true, None);
        flow.today = date(2026, 3, 2);
        flow
    }

    #[test]
    fn ombudsvisie_4_6_a_protocol_names_the_behaviour_the_agreements_tried_and_how_contact_goes_on() {
        let mut flow = working_case();
        let empty = ConductProtocol {
            limits: vec![],
            behaviour: " ".into(),
            agreements_tried: String::new(),
            contact_continues: String::new(),
            ..protocol(date(2026, 3, 2), date(2026, 9, 1))
        };
        assert_eq!(
            flow.fields(Command::ImposeConductProtocol(empty)),
            [Field::Limits, Field::Behaviour, Field::AgreementsTried, Field::ContactContinues]
        );
        flow.ok(Command::ImposeConductProtocol(protocol(date(2026, 3, 2), date(2026, 9, 1))));
        let record = &flow.case().conduct_protocols[0];
        assert!(record.is_active());
        assert_eq!(record.review_on(), date(2026, 9, 1));
    }

    #[test]
    fn ombudsvisie_4_6_a_protocol_is_temporary_and_never_retroactive() {
        let mut flow = working_case();
        assert_eq!(
            flow.fields(Command::ImposeConductProtocol(protocol(date(2026, 3, 1), date(2026, 9, 1)))),
            [Field::From]
        );
        assert_eq!(
            flow.fields(Command::ImposeConductProtocol(protocol(date(2026, 3, 2), date(2027, 3, 3)))),
            [Field::ReviewOn]
        );
        assert_eq!(
            flow.fields(Command::ImposeConductProtocol(protocol(date(2026, 3, 2), date(2026, 3, 2)))),
            [Field::ReviewOn]
        );
        assert!(flow.run(Command::ImposeConductProtocol(protocol(date(2026, 3, 2), date(2027, 3, 2)))).is_ok());
    }

    #[test]
    fn a_review_continues_or_ends_the_protocol_also_after_the_case_closed() {
        let mut flow = working_case();
        flow.ok(Command::ImposeConductProtocol(protocol(date(2026, 3, 2), date(2026, 9, 1))));
        flow.ok(Command::CloseForConductProtocol {
            protocol_id: id(70),
            explanation: "Uw klacht is beantwoord; nieuwe vragen kunt u ons schrijven.".into(),
            no_lesson_reason: Some("Geen".into()),
        });
        let case = flow.case();
        assert_eq!(case.outcome, Some(Outcome::ConductProtocol));
        assert_eq!(case.conduct_closure.as_ref().map(|c| c.ombudsman.as_str()), Some("de Nationale ombudsman"));
        assert_eq!(case.conduct_closure.as_ref().map(|c| c.ombudsman_term_until), Some(date(2027, 3, 2)));

        flow.today = date(2026, 9, 2);
        assert!(flow.case().conduct_protocols[0].review_overdue(date(2026, 9, 2)));
        let review = |next| ProtocolReview {
            on: date(2026, 9, 2),
            note: "Het contact gaat beter.".into(),
            next_review_on: next,
        };
        assert_eq!(
            flow.fields(Command::ReviewConductProtocol { id: id(70), review: review(Some(date(2027, 9, 3))) }),
            [Field::ReviewOn]
        );
        flow.ok(Command::ReviewConductProtocol { id: id(70), review: review(Some(date(2027, 3, 1))) });
        assert_eq!(flow.case().conduct_protocols[0].review_on(), date(2027, 3, 1));
        flow.ok(Command::ReviewConductProtocol { id: id(70), review: review(None) });
        assert!(!flow.case().conduct_protocols[0].is_active());
        assert_eq!(
            flow.run(Command::ReviewConductProtocol { id: id(70), review: review(None) }),
            Err(DomainError::ProtocolEnded)
        );
        assert_eq!(
            flow.run(Command::ReviewConductProtocol { id: id(71), review: review(None) }),
            Err(DomainError::UnknownProtocol)
        );
    }

    #[test]
    fn closing_for_a_protocol_needs_an_explanation_and_a_lesson_or_reason() {
        let mut flow = working_case();
        let close =
            Command::CloseForConductProtocol { protocol_id: id(70), explanation: " ".into(), no_lesson_reason: None };
        assert_eq!(flow.fields(close), [Field::Explanation, Field::NoLessonReason]);
    }
}

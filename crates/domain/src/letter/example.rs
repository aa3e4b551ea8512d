//! A letter for a made-up complaint, so an organisation sees how its
//! wording and house style read before a citizen does.

use jiff::civil::Date;

use super::{Letter, LetterKind, LetterTexts, Sender, draft};
use crate::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, Context, DomainError, apply,
    case::{InitialHandling, Intake, Rules},
    decide,
    time::amsterdam,
};

/// The acknowledgement of a made-up complaint received on `today`, drafted
/// with the organisation's rules and wording, the way every real one is.
///
/// # Errors
/// Only if the organisation's rules refuse the made-up complaint, which
/// would be a bug in them.
pub fn example(rules: &Rules, texts: &LetterTexts, sender: &Sender, today: Date) -> Result<Letter, DomainError> {
    let received = today
        .at(9, 0, 0, 0)
        .to_zoned_datetime(amsterdam())
        .map_err(|e| DomainError::LetterDoesNotFit(e.to_string()))?
        .timestamp();
    let intake = Intake {
        reference: CaseReference::new(today.year(), 1),
        channel: Channel::Letter,
        received_at: received,
        description: "De bus naar het gemeentehuis reed niet, en niemand kon mij zeggen waarom.".to_owned(),
        complainant: Complainant {
            name: Some("Sam Voorbeeld".to_owned()),
            address: Some("Voorbeeldstraat 1\n1234 AB Ergens".to_owned()),
            ..Complainant::default()
        },
        conduct_date: Some(today),
        department: None,
        employees_involved: None,
        signed: true,
        handling: InitialHandling::ToComplaintHandling,
    };
    let ctx = Context::new(received, Actor::System).with_rules(rules.clone());
    let state = decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)?.iter().fold(CaseState::New, apply);
    let case = state.case().ok_or(DomainError::NotRegistered)?;
    draft(LetterKind::Acknowledgement, case, rules, texts, sender, today)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::letter::{Block, Passage};

    #[test]
    fn the_example_is_an_acknowledgement_in_the_organisations_wording_with_its_term() {
        let mut texts = LetterTexts::default();
        texts.set(Passage::AcknowledgementSubject, "Bevestiging van uw klacht").unwrap();
        let sender = Sender { organisation: "Gemeente Ergens".into(), name: "Hanna".into() };
        // Received on Easter Monday 2027: the six weeks run from then.
        let letter = example(&Rules::default(), &texts, &sender, date(2027, 3, 29)).unwrap();
        assert_eq!((letter.kind, letter.subject.as_str()), (LetterKind::Acknowledgement, "Bevestiging van uw klacht"));
        assert_eq!(letter.recipient.name, "Sam Voorbeeld");
        let term = letter.blocks.iter().find_map(|b| match b {
            Block::ExpectedTerm { date, .. } => Some(*date),
            _ => None,
        });
        assert_eq!(term, Some(date(2027, 5, 10)), "Awb 9:11: six weeks after receipt");
    }
}

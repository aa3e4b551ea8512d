//! Drafting a letter from the case: every block filled from what was
//! recorded, in Dutch at B1 level, for the handler to edit. The texts are
//! Gehoord's own defaults; organisations will be able to change them.

use jiff::civil::Date;

use super::{Block, Delivery, Letter, LetterKind, Recipient};
use crate::{
    ContactPreference, DomainError,
    case::{Case, Rules},
    judgment::Verdict,
    not_handling::NotHandlingGround,
    ombudsman::ombudsman_term_end,
    solution::SolutionKind,
    terms::{Deadlines, ServiceNorms},
    time::{LongDate, date_in_amsterdam},
};

/// Who signs, for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub organisation: String,
    /// The handler who signs.
    pub name: String,
}

/// Drafts a letter of `kind` for the case as it is on `today`.
///
/// # Errors
/// [`DomainError::LetterDoesNotFit`] when the case has nothing for this
/// letter yet (a closing letter for an open case, an invitation without a
/// planned hearing…).
pub fn draft(
    kind: LetterKind,
    case: &Case,
    rules: &Rules,
    sender: &Sender,
    today: Date,
) -> Result<Letter, DomainError> {
    let complainant = complainant(case);
    let received = date_in_amsterdam(case.received_at);
    let about = case.exploration.as_ref().map_or_else(|| case.summary(), |e| e.core.clone());
    let deadlines = Deadlines::compute(received, &case.formal.procedure(), rules).ok();
    let decision_due = case.decision_due.or_else(|| deadlines.as_ref().map(|d| d.decision.date));
    let not_fit = |why: &str| DomainError::LetterDoesNotFit(why.to_owned());
    let salutation = |name: &str| Block::Salutation { text: format!("Beste {name},") };
    let door_open = Block::DoorOpen {
        text: format!(
            "Heeft u nog vragen, of is er iets niet goed opgelost? Neem dan contact met ons op. U kunt altijd bij ons terecht. Noem dan het kenmerk {}.",
            case.reference
        ),
    };
    let signature = Block::Signature { name: sender.name.clone(), organisation: sender.organisation.clone() };
    let ombudsman = |until: Date| Block::Ombudsman {
        name: rules.ombudsman.clone(),
        until: Some(until),
        text: format!(
            "Bent u het niet eens met deze afhandeling? Dan kunt u naar {}. Dat kan tot en met {}. De ombudsman bekijkt dan opnieuw hoe wij met uw klacht zijn omgegaan.",
            rules.ombudsman,
            LongDate(until)
        ),
    };
    let (recipient, subject, blocks) = match kind {
        LetterKind::Acknowledgement => {
            let norms = ServiceNorms::from_rules(rules);
            let due = decision_due.ok_or_else(|| not_fit("Voor deze klacht loopt geen termijn."))?;
            let mut blocks = vec![
                salutation(&complainant.name),
                Block::Paragraph {
                    text: format!(
                        "Op {} kregen wij uw klacht. Het gaat over: {about} Dank u wel dat u dit aan ons laat weten.",
                        LongDate(received)
                    ),
                },
                Block::Procedure {
                    text: format!(
                        "Wat gebeurt er nu? Een klachtbehandelaar neemt binnen {} werkdagen contact met u op, meestal met een telefoontje. Samen kijken we wat er is gebeurd en wat u wilt bereiken. Vaak lossen we het zo samen op.",
                        norms.first_contact_working_days
                    ),
                },
                Block::Hearing {
                    text: "Lukt dat niet, dan onderzoeken we uw klacht. U mag dan in een gesprek uw verhaal vertellen. Ook de medewerker over wie u klaagt, mag zijn kant vertellen.".to_owned(),
                },
            ];
            if case.formal.committee.is_some() {
                blocks.push(Block::Committee {
                    text: "Een adviescommissie geeft ons advies over uw klacht. De commissie hoort u dan ook."
                        .to_owned(),
                });
            }
            blocks.push(Block::ExpectedTerm {
                date: due,
                text: format!("U hoort uiterlijk {} wat wij van uw klacht vinden.", LongDate(due)),
            });
            blocks.extend([door_open, signature]);
            (complainant, "Wij hebben uw klacht ontvangen".to_owned(), blocks)
        }
        LetterKind::NotHandling => {
            let n = case
                .formal
                .not_handling
                .as_ref()
                .ok_or_else(|| not_fit("Er is niet besloten de klacht niet te behandelen."))?;
            let blocks = vec![
                salutation(&complainant.name),
                Block::Paragraph {
                    text: format!(
                        "Op {} kregen wij uw klacht. Het gaat over: {about} Wij hebben u hierover gesproken.",
                        LongDate(received)
                    ),
                },
                Block::NotHandlingGround {
                    text: format!("Wij behandelen uw klacht niet. {} {}", ground_text(n.ground), n.motivation),
                },
                ombudsman(ombudsman_term_end(today)),
                door_open,
                signature,
            ];
            (complainant, "Wij behandelen uw klacht niet".to_owned(), blocks)
        }
        LetterKind::RespondentCopy => {
            let name = case
                .formal
                .respondent_copy
                .as_ref()
                .map(|c| c.to.clone())
                .or_else(|| case.respondents.first().map(|r| r.name.clone()))
                .ok_or_else(|| not_fit("Er is geen betrokken medewerker vastgelegd."))?;
            let blocks = vec![
                salutation(&name),
                Block::Paragraph {
                    text: format!(
                        "Wij hebben een klacht gekregen waarin uw naam staat. Het gaat over: {about} Bij deze brief krijgt u een kopie van de klacht en de bijlagen."
                    ),
                },
                Block::Procedure {
                    text: "Wij onderzoeken de klacht. U krijgt de kans om uw kant van het verhaal te vertellen, in een gesprek. Wij nemen daarvoor contact met u op.".to_owned(),
                },
                signature,
            ];
            (Recipient { name, address: None, email: None }, format!("Kopie van klacht {}", case.reference), blocks)
        }
        LetterKind::Postponement => {
            let p = case.formal.postponement.as_ref().ok_or_else(|| not_fit("De behandeling is niet verdaagd."))?;
            let due = decision_due.ok_or_else(|| not_fit("Voor deze klacht loopt geen termijn."))?;
            let blocks = vec![
                salutation(&complainant.name),
                Block::PostponementReason {
                    text: format!(
                        "Het onderzoek naar uw klacht duurt langer dan wij hadden gedacht. De reden: {}",
                        p.reason
                    ),
                },
                Block::ExpectedTerm {
                    date: due,
                    text: format!(
                        "U hoort nu uiterlijk {} wat wij van uw klacht vinden. Dat is {} {} later.",
                        LongDate(due),
                        p.weeks,
                        if p.weeks == 1 { "week" } else { "weken" }
                    ),
                },
                door_open,
                signature,
            ];
            (complainant, "Uw klacht: het duurt langer".to_owned(), blocks)
        }
        LetterKind::HearingInvitation => {
            let h = case
                .formal
                .hearings
                .iter()
                .rev()
                .find(|h| !h.is_held())
                .ok_or_else(|| not_fit("Er is geen gesprek (hoorzitting) gepland."))?;
            let when = h.at.to_zoned_datetime(crate::time::amsterdam());
            let others: Vec<String> =
                h.participants.iter().map(|p| format!("{} ({})", p.name, p.role.label().to_lowercase())).collect();
            let blocks = vec![
                salutation(&complainant.name),
                Block::HearingDetails {
                    text: format!(
                        "Wij nodigen u uit voor een gesprek over uw klacht. Het gesprek is op {} om {}, {}. Bij het gesprek zijn: {}.",
                        LongDate(when.date()),
                        when.strftime("%H:%M"),
                        h.place,
                        others.join(", ")
                    ),
                },
                Block::Paragraph {
                    text: "In het gesprek vertelt u wat er is gebeurd. Daarna hoort u de kant van de medewerker. Wij maken een verslag en sturen dat naar u. Kunt u niet op dit moment? Laat het ons weten, dan zoeken we samen een ander moment.".to_owned(),
                },
                door_open,
                signature,
            ];
            (complainant, "Uitnodiging voor een gesprek over uw klacht".to_owned(), blocks)
        }
        LetterKind::Forwarding => {
            let f = case.forwarding.as_ref().ok_or_else(|| not_fit("De klacht is niet doorgestuurd."))?;
            let blocks = vec![
                salutation(&complainant.name),
                Block::ForwardedTo {
                    text: format!(
                        "Uw klacht gaat over het werk van {}. Daarom hebben wij uw klacht naar hen gestuurd. Daar helpt {} u verder.",
                        f.organisation, f.contact_person
                    ),
                },
                door_open,
                signature,
            ];
            (complainant, "Uw klacht is doorgestuurd".to_owned(), blocks)
        }
        LetterKind::ClosingSolved => {
            let agreed: Vec<&str> =
                case.solutions.iter().filter(|s| s.agreed).map(|s| s.description.as_str()).collect();
            if agreed.is_empty() {
                return Err(not_fit("Er is nog geen oplossing afgesproken."));
            }
            let mut blocks = vec![
                salutation(&complainant.name),
                Block::Summary { text: format!("Dank u wel voor het gesprek over uw klacht. Het ging over: {about}") },
                Block::Agreement { text: format!("Wij hebben afgesproken: {}", agreed.join(" ")) },
            ];
            blocks.extend(commitments(case));
            if let Some(apology) = case.solutions.iter().find(|s| s.agreed && s.kind == SolutionKind::Apology) {
                blocks
                    .push(Block::Apology { text: format!("Het spijt ons wat er is gebeurd. {}", apology.description) });
            }
            blocks.extend(lesson(case));
            blocks.extend([door_open, signature]);
            (complainant, "Afronding van uw klacht".to_owned(), blocks)
        }
        LetterKind::ClosingJudged => {
            if case.formal.parts.is_empty() {
                return Err(not_fit("Er zijn nog geen klachtonderdelen beoordeeld."));
            }
            let mut blocks = vec![
                salutation(&complainant.name),
                Block::Summary { text: format!("Wij hebben uw klacht onderzocht. Het ging over: {about}") },
                Block::Findings { text: findings(case) },
            ];
            for part in &case.formal.parts {
                let (verdict, reasons) = part
                    .judgment
                    .as_ref()
                    .map_or((Verdict::NoJudgment, String::new()), |j| (j.verdict, j.motivation.clone()));
                blocks.push(Block::PartVerdict {
                    part_id: part.id,
                    verdict,
                    text: format!("{} {}", part.description, reasons).trim().to_owned(),
                });
            }
            if let Some(advice) = case.formal.committee.as_ref().and_then(|c| c.advice.as_ref()) {
                let departure = case.formal.findings.as_ref().and_then(|f| f.departure_reason.clone());
                blocks.push(Block::CommitteeAdvice {
                    text: match departure {
                        Some(why) => format!("De adviescommissie adviseerde: {} Wij wijken daarvan af. {why} Het advies zit bij deze brief.", advice.advice),
                        None => format!("De adviescommissie adviseerde: {} Wij volgen dat advies. Het advies zit bij deze brief.", advice.advice),
                    },
                });
            }
            let apologies: Vec<&str> =
                case.formal.parts.iter().filter_map(|p| p.judgment.as_ref()?.apology.as_deref()).collect();
            if !apologies.is_empty() {
                blocks.push(Block::Apology { text: format!("Het spijt ons. {}", apologies.join(" ")) });
            }
            blocks.push(Block::Conclusions {
                text: case.formal.findings.as_ref().map(|f| f.conclusions.clone()).unwrap_or_default(),
            });
            blocks.extend(commitments(case));
            blocks.extend(lesson(case));
            let until =
                case.formal.findings.as_ref().map_or_else(|| ombudsman_term_end(today), |f| f.ombudsman_term_until);
            blocks.extend([ombudsman(until), door_open, signature]);
            (complainant, "Ons oordeel over uw klacht".to_owned(), blocks)
        }
        LetterKind::ConductProtocol => {
            let r = case
                .conduct_protocols
                .iter()
                .rev()
                .find(|r| r.is_active())
                .ok_or_else(|| not_fit("Via deze klacht is geen gedragslijn opgelegd."))?;
            let mut limits: Vec<String> = r.protocol.limits.iter().map(|l| l.label().to_lowercase()).collect();
            limits.extend(r.protocol.other_limit.clone());
            let blocks = vec![
                salutation(&complainant.name),
                Block::ConductBehaviour {
                    text: format!("Wij willen u goed helpen. Maar dit gedrag kan niet langer: {}", r.protocol.behaviour),
                },
                Block::Paragraph {
                    text: format!(
                        "{} Wij hebben eerst geprobeerd afspraken te maken: {} Dat is niet gelukt. Daarom geldt vanaf {}: {}.",
                        r.protocol.reason,
                        r.protocol.agreements_tried,
                        LongDate(r.protocol.from),
                        limits.join(", ")
                    ),
                },
                Block::ContactContinues { text: format!("Zo houden wij contact: {}", r.protocol.contact_continues) },
                Block::LegalRemedies {
                    text: "U kunt altijd een klacht indienen, bezwaar maken of ons schrijven. Elke brief van u wordt geregistreerd en bekeken.".to_owned(),
                },
                Block::Paragraph {
                    text: format!("Uiterlijk {} kijken wij of deze afspraken nog nodig zijn.", LongDate(r.review_on())),
                },
                ombudsman(ombudsman_term_end(today)),
                signature,
            ];
            (complainant, "Afspraken over ons contact".to_owned(), blocks)
        }
    };
    let delivery = if recipient.email.is_some()
        && (matches!(case.complainant.contact_preference, ContactPreference::Email) || recipient.address.is_none())
    {
        Delivery::Email
    } else {
        Delivery::Post
    };
    Ok(Letter { kind, reference: case.reference, date: today, recipient, delivery, subject, blocks })
}

/// The complainant as addressee; "heer of mevrouw" when anonymous.
fn complainant(case: &Case) -> Recipient {
    let c = &case.complainant;
    Recipient {
        name: c.name.clone().unwrap_or_else(|| "heer of mevrouw".to_owned()),
        address: c.address.clone(),
        email: c.email.clone(),
    }
}

/// Awb 9:8's grounds, said plainly.
const fn ground_text(ground: NotHandlingGround) -> &'static str {
    match ground {
        NotHandlingGround::AlreadyHandled => {
            "Wij hebben over dezelfde gebeurtenis al eerder een klacht van u behandeld."
        }
        NotHandlingGround::OlderThanOneYear => "Wat er gebeurde, is langer dan een jaar geleden.",
        NotHandlingGround::ObjectionPossible => "U kunt of kon bezwaar maken tegen het besluit. Dat is de juiste weg.",
        NotHandlingGround::AppealPossible => "U kunt of kon in beroep gaan bij de rechter. Dat is de juiste weg.",
        NotHandlingGround::BeforeCourt => "De zaak ligt al bij de rechter.",
        NotHandlingGround::CriminalInvestigation => "Er loopt een strafrechtelijk onderzoek.",
        NotHandlingGround::InsufficientInterest => "Het belang of de ernst is te klein om de klacht te onderzoeken.",
    }
}

/// Every commitment on the case, kept or still open.
fn commitments(case: &Case) -> Vec<Block> {
    case.commitments
        .iter()
        .map(|c| Block::Commitment {
            id: c.id,
            text: format!("Wij hebben toegezegd: {} Dit doen wij uiterlijk {}.", c.what, LongDate(c.due)),
        })
        .collect()
}

/// What the organisation learned, when it recorded something.
fn lesson(case: &Case) -> Option<Block> {
    let lessons: Vec<&str> = case.lessons.iter().map(|l| l.text.as_str()).collect();
    (!lessons.is_empty()).then(|| Block::Lesson { text: format!("Wat wij hiervan leren: {}", lessons.join(" ")) })
}

/// Who was heard, and when.
fn findings(case: &Case) -> String {
    let heard: Vec<String> = case
        .formal
        .hearings
        .iter()
        .filter_map(|h| {
            let report = h.report.as_ref()?;
            let who: Vec<&str> = h.participants.iter().map(|p| p.name.as_str()).collect();
            Some(format!("Op {} spraken wij met {}.", LongDate(report.held_on), who.join(" en ")))
        })
        .collect();
    if heard.is_empty() {
        "Wij hebben de stukken bekeken.".to_owned()
    } else {
        format!("{} Wij hebben ook de stukken bekeken.", heard.join(" "))
    }
}

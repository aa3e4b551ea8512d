//! Drafting a letter from the case: every block filled from what was
//! recorded, worded with the organisation's [`LetterTexts`], for the
//! handler to edit.

use jiff::civil::Date;

use super::{Block, Delivery, Letter, LetterKind, LetterTexts, Passage as P, Recipient};
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

impl Sender {
    /// The handler signing for the organisation: the signature lines of the
    /// house style under the name, or the organisation's name.
    #[must_use]
    pub fn signing_for(branding: &super::Branding, name: &str) -> Self {
        let organisation =
            branding.signature.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(&branding.organisation);
        Self { organisation: organisation.to_owned(), name: name.to_owned() }
    }
}

/// Drafts a letter of `kind` for the case as it is on `today`, in the
/// organisation's wording.
///
/// # Errors
/// [`DomainError::LetterDoesNotFit`] when the case has nothing for this
/// letter yet (a closing letter for an open case, an invitation without a
/// planned hearing…).
pub fn draft(
    kind: LetterKind,
    case: &Case,
    rules: &Rules,
    texts: &LetterTexts,
    sender: &Sender,
    today: Date,
) -> Result<Letter, DomainError> {
    let reference = case.reference.to_string();
    let long = |d: Date| LongDate(d).to_string();
    let complainant = complainant(case);
    let received = date_in_amsterdam(case.received_at);
    let about = case.exploration.as_ref().map_or_else(|| case.summary(), |e| e.core.clone());
    let deadlines = Deadlines::compute(received, &case.formal.procedure(), rules).ok();
    let decision_due = case.decision_due.or_else(|| deadlines.as_ref().map(|d| d.decision.date));
    let not_fit = |why: &str| DomainError::LetterDoesNotFit(why.to_owned());
    let salutation = |name: &str| Block::Salutation { text: texts.fill(P::Salutation, &[("naam", name)]) };
    let door_open = Block::DoorOpen { text: texts.fill(P::DoorOpen, &[("kenmerk", &reference)]) };
    let signature = Block::Signature { name: sender.name.clone(), organisation: sender.organisation.clone() };
    let ombudsman = |until: Date| Block::Ombudsman {
        name: rules.ombudsman.clone(),
        until: Some(until),
        text: texts.fill(P::OmbudsmanReferral, &[("ombudsman", &rules.ombudsman), ("tot", &long(until))]),
    };
    let subject_line = |passage| texts.fill(passage, &[("kenmerk", &reference)]);
    let received_about = |passage| texts.fill(passage, &[("ontvangen", &long(received)), ("onderwerp", &about)]);
    let (recipient, subject, blocks) = match kind {
        LetterKind::Acknowledgement => {
            let norms = ServiceNorms::from_rules(rules);
            let due = decision_due.ok_or_else(|| not_fit("Voor deze klacht loopt geen termijn."))?;
            let mut blocks = vec![
                salutation(&complainant.name),
                Block::Paragraph { text: received_about(P::AcknowledgementReceived) },
                Block::Procedure {
                    text: texts.fill(
                        P::AcknowledgementProcedure,
                        &[("werkdagen", &norms.first_contact_working_days.to_string())],
                    ),
                },
                Block::Hearing { text: texts.fill(P::AcknowledgementHearing, &[]) },
            ];
            if case.formal.committee.is_some() {
                blocks.push(Block::Committee { text: texts.fill(P::AcknowledgementCommittee, &[]) });
            }
            blocks.push(Block::ExpectedTerm {
                date: due,
                text: texts.fill(P::AcknowledgementTerm, &[("termijn", &long(due))]),
            });
            blocks.extend([door_open, signature]);
            (complainant, subject_line(P::AcknowledgementSubject), blocks)
        }
        LetterKind::NotHandling => {
            let n = case
                .formal
                .not_handling
                .as_ref()
                .ok_or_else(|| not_fit("Er is niet besloten de klacht niet te behandelen."))?;
            let blocks = vec![
                salutation(&complainant.name),
                Block::Paragraph { text: received_about(P::NotHandlingIntro) },
                Block::NotHandlingGround {
                    text: texts
                        .fill(P::NotHandlingGround, &[("grond", ground_text(n.ground)), ("motivering", &n.motivation)]),
                },
                ombudsman(ombudsman_term_end(today)),
                door_open,
                signature,
            ];
            (complainant, subject_line(P::NotHandlingSubject), blocks)
        }
        LetterKind::RespondentCopy => {
            let name = respondent(case).ok_or_else(|| not_fit(NO_RESPONDENT))?;
            let blocks = vec![
                salutation(&name),
                Block::Paragraph { text: texts.fill(P::RespondentCopyIntro, &[("onderwerp", &about)]) },
                Block::Procedure { text: texts.fill(P::RespondentCopyProcedure, &[]) },
                signature,
            ];
            (Recipient { name, address: None, email: None }, subject_line(P::RespondentCopySubject), blocks)
        }
        LetterKind::Postponement => {
            let p = case.formal.postponement.as_ref().ok_or_else(|| not_fit("De behandeling is niet verdaagd."))?;
            let due = decision_due.ok_or_else(|| not_fit("Voor deze klacht loopt geen termijn."))?;
            let later = format!("{} {}", p.weeks, if p.weeks == 1 { "week" } else { "weken" });
            let blocks = vec![
                salutation(&complainant.name),
                Block::PostponementReason { text: texts.fill(P::PostponementReason, &[("reden", &p.reason)]) },
                Block::ExpectedTerm {
                    date: due,
                    text: texts.fill(P::PostponementTerm, &[("termijn", &long(due)), ("verdaging", &later)]),
                },
                door_open,
                signature,
            ];
            (complainant, subject_line(P::PostponementSubject), blocks)
        }
        LetterKind::PostponementRespondent => {
            let p = case.formal.postponement.as_ref().ok_or_else(|| not_fit("De behandeling is niet verdaagd."))?;
            let due = decision_due.ok_or_else(|| not_fit("Voor deze klacht loopt geen termijn."))?;
            let name = respondent(case).ok_or_else(|| not_fit(NO_RESPONDENT))?;
            let later = format!("{} {}", p.weeks, if p.weeks == 1 { "week" } else { "weken" });
            let blocks = vec![
                salutation(&name),
                Block::PostponementReason {
                    text: texts.fill(P::PostponementRespondentReason, &[("kenmerk", &reference), ("reden", &p.reason)]),
                },
                Block::ExpectedTerm {
                    date: due,
                    text: texts.fill(P::PostponementRespondentTerm, &[("termijn", &long(due)), ("verdaging", &later)]),
                },
                signature,
            ];
            (Recipient { name, address: None, email: None }, subject_line(P::PostponementRespondentSubject), blocks)
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
                    text: texts.fill(
                        P::HearingDetails,
                        &[
                            ("datum", &long(when.date())),
                            ("tijd", &when.strftime("%H:%M").to_string()),
                            ("plaats", &h.place),
                            ("deelnemers", &others.join(", ")),
                        ],
                    ),
                },
                Block::Paragraph { text: texts.fill(P::HearingExplained, &[]) },
                door_open,
                signature,
            ];
            (complainant, subject_line(P::HearingSubject), blocks)
        }
        LetterKind::Forwarding => {
            let f = case.forwarding.as_ref().ok_or_else(|| not_fit("De klacht is niet doorgestuurd."))?;
            let blocks = vec![
                salutation(&complainant.name),
                Block::ForwardedTo {
                    text: texts.fill(
                        P::ForwardedTo,
                        &[("organisatie", &f.organisation), ("contactpersoon", &f.contact_person)],
                    ),
                },
                door_open,
                signature,
            ];
            (complainant, subject_line(P::ForwardingSubject), blocks)
        }
        LetterKind::ClosingSolved => {
            let agreed: Vec<&str> =
                case.solutions.iter().filter(|s| s.agreed).map(|s| s.description.as_str()).collect();
            if agreed.is_empty() {
                return Err(not_fit("Er is nog geen oplossing afgesproken."));
            }
            let mut blocks = vec![
                salutation(&complainant.name),
                Block::Summary { text: texts.fill(P::SolvedSummary, &[("onderwerp", &about)]) },
                Block::Agreement { text: texts.fill(P::SolvedAgreement, &[("afspraken", &agreed.join(" "))]) },
            ];
            blocks.extend(commitments(case, texts));
            if let Some(apology) = case.solutions.iter().find(|s| s.agreed && s.kind == SolutionKind::Apology) {
                blocks.push(Block::Apology { text: texts.fill(P::Apology, &[("excuses", &apology.description)]) });
            }
            blocks.extend(lesson(case, texts));
            blocks.extend([door_open, signature]);
            (complainant, subject_line(P::SolvedSubject), blocks)
        }
        LetterKind::ClosingJudged => {
            if case.formal.parts.is_empty() {
                return Err(not_fit("Er zijn nog geen klachtonderdelen beoordeeld."));
            }
            let mut blocks = vec![
                salutation(&complainant.name),
                Block::Summary { text: texts.fill(P::JudgedSummary, &[("onderwerp", &about)]) },
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
                        Some(why) => texts.fill(P::CommitteeDeparted, &[("advies", &advice.advice), ("reden", &why)]),
                        None => texts.fill(P::CommitteeFollowed, &[("advies", &advice.advice)]),
                    },
                });
            }
            let apologies: Vec<&str> =
                case.formal.parts.iter().filter_map(|p| p.judgment.as_ref()?.apology.as_deref()).collect();
            if !apologies.is_empty() {
                blocks.push(Block::Apology { text: texts.fill(P::Apology, &[("excuses", &apologies.join(" "))]) });
            }
            blocks.push(Block::Conclusions {
                text: case.formal.findings.as_ref().map(|f| f.conclusions.clone()).unwrap_or_default(),
            });
            blocks.extend(commitments(case, texts));
            blocks.extend(lesson(case, texts));
            let until =
                case.formal.findings.as_ref().map_or_else(|| ombudsman_term_end(today), |f| f.ombudsman_term_until);
            blocks.extend([ombudsman(until), door_open, signature]);
            (complainant, subject_line(P::JudgedSubject), blocks)
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
                Block::ConductBehaviour { text: texts.fill(P::ConductBehaviour, &[("gedrag", &r.protocol.behaviour)]) },
                Block::Paragraph {
                    text: texts.fill(
                        P::ConductMeasures,
                        &[
                            ("reden", &r.protocol.reason),
                            ("geprobeerd", &r.protocol.agreements_tried),
                            ("vanaf", &long(r.protocol.from)),
                            ("afspraken", &limits.join(", ")),
                        ],
                    ),
                },
                Block::ContactContinues {
                    text: texts.fill(P::ConductContact, &[("contact", &r.protocol.contact_continues)]),
                },
                Block::LegalRemedies { text: texts.fill(P::ConductRemedies, &[]) },
                Block::Paragraph { text: texts.fill(P::ConductReview, &[("uiterlijk", &long(r.review_on()))]) },
                ombudsman(ombudsman_term_end(today)),
                signature,
            ];
            (complainant, subject_line(P::ConductSubject), blocks)
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

const NO_RESPONDENT: &str = "Er is geen betrokken medewerker vastgelegd.";

/// The respondent a letter goes to: the one the copy went to, or the first
/// recorded.
fn respondent(case: &Case) -> Option<String> {
    case.formal
        .respondent_copy
        .as_ref()
        .map(|c| c.to.clone())
        .or_else(|| case.respondents.first().map(|r| r.name.clone()))
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
fn commitments(case: &Case, texts: &LetterTexts) -> Vec<Block> {
    case.commitments
        .iter()
        .map(|c| Block::Commitment {
            id: c.id,
            text: texts.fill(P::Commitment, &[("toezegging", &c.what), ("uiterlijk", &LongDate(c.due).to_string())]),
        })
        .collect()
}

/// What the organisation learned, when it recorded something.
fn lesson(case: &Case, texts: &LetterTexts) -> Option<Block> {
    let lessons: Vec<&str> = case.lessons.iter().map(|l| l.text.as_str()).collect();
    (!lessons.is_empty()).then(|| Block::Lesson { text: texts.fill(P::Lesson, &[("lessen", &lessons.join(" "))]) })
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

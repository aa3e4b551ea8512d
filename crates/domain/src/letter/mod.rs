//! Letters: every letter the law or the ombudsvisie asks for, as structured
//! content drawn from the case, checked against the law before it leaves.
//!
//! A letter is a list of [`Block`]s. Each block is one kind of content (a
//! verdict on a part, the ombudsman paragraph, a commitment…), so the check
//! in [`check`] reads what the letter *says*, not prose: a closing letter
//! without an ombudsman block, or with a part that has no verdict, is
//! blocked. The handler edits the text of every block before sending;
//! rendering to PDF and e-mail is an adapter's job.

mod branding;
mod check;
mod draft;
mod example;
mod readability;
mod send;
mod texts;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use branding::{Branding, Logo, LogoFormat, MAX_LOGO_BYTES};
pub use check::{Finding, FindingCode, Severity, check};
pub use draft::{Sender, draft};
pub use example::example;
pub use readability::{Readability, SentenceNote, readability};
pub use send::{Override, SentLetter, content_hash};
pub(crate) use send::{apply, delivered, posted, send};
pub use texts::{Field as TextField, LetterTexts, MAX_PASSAGE_CHARS, Passage};

use crate::{CaseReference, judgment::Verdict};

crate::vocabulary! {
    /// Which letter.
    pub enum LetterKind {
        /// Awb 9:6: written acknowledgement of receipt.
        Acknowledgement = ("acknowledgement", "Ontvangstbevestiging"),
        /// Awb 9:8 lid 3: notice that the complaint will not be handled.
        NotHandling = ("not_handling", "Bericht: klacht wordt niet behandeld"),
        /// Awb 9:9: the complaint's copy for the respondent.
        RespondentCopy = ("respondent_copy", "Kopie van de klacht voor de betrokken medewerker"),
        /// Awb 9:11 lid 2: postponement, to complainant and respondent.
        Postponement = ("postponement", "Bericht: de behandeling duurt langer"),
        /// Awb 9:11 lid 2: the same postponement, to the respondent.
        PostponementRespondent = (
            "postponement_respondent",
            "Bericht aan de betrokken medewerker: de behandeling duurt langer"
        ),
        /// Awb 9:10: invitation to a hearing.
        HearingInvitation = ("hearing_invitation", "Uitnodiging voor een gesprek (hoorzitting)"),
        /// Awb 2:3: notice that the complaint went to another organisation.
        Forwarding = ("forwarding", "Bericht: klacht doorgestuurd"),
        /// Closing after a solution: what was agreed, the door stays open.
        ClosingSolved = ("closing_solved", "Afronding na een oplossing"),
        /// Awb 9:12: closing after investigation, with findings and verdicts.
        ClosingJudged = ("closing_judged", "Afronding na onderzoek (oordeel)"),
        /// Ombudsvisie §4.6: announcement of a conduct protocol.
        ConductProtocol = ("conduct_protocol", "Aankondiging van een gedragslijn"),
    }
}

impl LetterKind {
    /// Letters to the respondent, not to the complainant (Awb 9:9, 9:11 lid 2).
    #[must_use]
    pub const fn to_respondent(self) -> bool {
        matches!(self, Self::RespondentCopy | Self::PostponementRespondent)
    }

    /// Letters that tell of a closing (or of what outlives it), and so may
    /// be sent once the case is closed.
    #[must_use]
    pub const fn follows_closing(self) -> bool {
        matches!(
            self,
            Self::NotHandling | Self::Forwarding | Self::ClosingSolved | Self::ClosingJudged | Self::ConductProtocol
        )
    }
}

crate::vocabulary! {
    /// How the letter reaches its reader.
    pub enum Delivery {
        Email = ("email", "E-mail"),
        Post = ("post", "Post"),
    }
}

/// Who the letter is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub name: String,
    pub address: Option<String>,
    pub email: Option<String>,
}

/// One piece of a letter's content. Texts are editable; the kind and the
/// ids tie the block to the case, which is what the check reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "block", rename_all = "snake_case")]
pub enum Block {
    Salutation {
        text: String,
    },
    /// Free text the handler adds or edits.
    Paragraph {
        text: String,
    },
    /// What happens next in the procedure (Awb 9:6).
    Procedure {
        text: String,
    },
    /// The date the organisation will have handled the complaint by.
    ExpectedTerm {
        date: Date,
        text: String,
    },
    /// That the complainant will be heard (Awb 9:10).
    Hearing {
        text: String,
    },
    /// That an advisory committee advises (Awb 9:15 lid 1).
    Committee {
        text: String,
    },
    /// The invitation's when and where.
    HearingDetails {
        text: String,
    },
    /// Awb 9:8: the ground and why it applies.
    NotHandlingGround {
        text: String,
    },
    /// Awb 9:11 lid 2: why it takes longer.
    PostponementReason {
        text: String,
    },
    /// Awb 2:3: where the complaint went and who to ask there.
    ForwardedTo {
        text: String,
    },
    /// The complaint in our words, as discussed.
    Summary {
        text: String,
    },
    /// What was done or agreed.
    Agreement {
        text: String,
    },
    /// One commitment made on the case.
    Commitment {
        id: Uuid,
        text: String,
    },
    /// Awb 9:12: what the investigation found.
    Findings {
        text: String,
    },
    /// Awb 9:12: the verdict on one part, with its reasons.
    PartVerdict {
        part_id: Uuid,
        verdict: Verdict,
        text: String,
    },
    /// Awb 9:12: what the verdicts mean.
    Conclusions {
        text: String,
    },
    /// Awb 9:16: the committee's advice and, when departing, why.
    CommitteeAdvice {
        text: String,
    },
    /// Acknowledgement and regret, naming what went wrong.
    Apology {
        text: String,
    },
    /// What the organisation learned and changes.
    Lesson {
        text: String,
    },
    /// Awb 9:12 lid 2 and 9:24: where to go next, and until when.
    Ombudsman {
        name: String,
        until: Option<Date>,
        text: String,
    },
    /// Ombudsvisie §4.6: the behaviour that can no longer go on.
    ConductBehaviour {
        text: String,
    },
    /// How contact goes on under the protocol.
    ContactContinues {
        text: String,
    },
    /// Legal remedies stay untouched.
    LegalRemedies {
        text: String,
    },
    /// The door stays open.
    DoorOpen {
        text: String,
    },
    Signature {
        name: String,
        organisation: String,
    },
}

impl Block {
    /// The block's editable text.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Self::Salutation { text }
            | Self::Paragraph { text }
            | Self::Procedure { text }
            | Self::ExpectedTerm { text, .. }
            | Self::Hearing { text }
            | Self::Committee { text }
            | Self::HearingDetails { text }
            | Self::NotHandlingGround { text }
            | Self::PostponementReason { text }
            | Self::ForwardedTo { text }
            | Self::Summary { text }
            | Self::Agreement { text }
            | Self::Commitment { text, .. }
            | Self::Findings { text }
            | Self::PartVerdict { text, .. }
            | Self::Conclusions { text }
            | Self::CommitteeAdvice { text }
            | Self::Apology { text }
            | Self::Lesson { text }
            | Self::Ombudsman { text, .. }
            | Self::ConductBehaviour { text }
            | Self::ContactContinues { text }
            | Self::LegalRemedies { text }
            | Self::DoorOpen { text } => text,
            Self::Signature { name, .. } => name,
        }
    }
}

/// A letter as drafted, edited and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub kind: LetterKind,
    pub reference: CaseReference,
    pub date: Date,
    pub recipient: Recipient,
    pub delivery: Delivery,
    pub subject: String,
    pub blocks: Vec<Block>,
}

impl Letter {
    /// The letter as plain text, in reading order: the e-mail body, and what
    /// readability and snapshots read.
    #[must_use]
    pub fn plain_text(&self) -> String {
        let mut out = format!("Onderwerp: {}\nKenmerk: {}\n\n", self.subject, self.reference);
        for block in &self.blocks {
            match block {
                Block::Signature { name, organisation } => {
                    out.push_str(&format!("Met vriendelijke groet,\n\n{name}\n{organisation}\n"));
                }
                Block::PartVerdict { verdict, text, .. } => {
                    out.push_str(&format!("Oordeel: {}. {text}\n\n", verdict.label().to_lowercase()));
                }
                other => {
                    out.push_str(other.text().trim());
                    out.push_str("\n\n");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::{
        Command,
        case::Rules,
        formal::{FormalCommand, HearingPlan},
        hearing::{HearingReport, HearingSetting, Participant, ParticipantRole},
        judgment::Judgment,
        lesson::{Learner, Lesson, LessonLevel},
        norm::Norm,
        solution::{Solution, SolutionKind},
        test_support::{Flow, at, formal, id, respondent},
    };

    fn sender() -> Sender {
        Sender { organisation: "Gemeente Ergens".into(), name: "Hanna de Vries".into() }
    }

    fn letter(flow: &Flow, kind: LetterKind) -> Letter {
        draft(kind, flow.case(), &flow.rules, &LetterTexts::default(), &sender(), flow.today).unwrap()
    }

    fn codes(findings: &[Finding]) -> Vec<FindingCode> {
        findings.iter().map(|f| f.code).collect()
    }

    fn blocking(letter: &Letter, flow: &Flow) -> Vec<FindingCode> {
        codes(
            &check(letter, flow.case(), &flow.rules)
                .into_iter()
                .filter(|f| f.severity == Severity::Blocking)
                .collect::<Vec<_>>(),
        )
    }

    /// The formal journey up to closing: respondent, hearing, two parts
    /// (one well-founded with an apology), a commitment and a lesson.
    fn judged() -> Flow {
        let mut flow = Flow::started();
        flow.ok(respondent());
        flow.ok(formal(FormalCommand::RecordRespondentCopy {
            to: "Piet Smit".into(),
            on: date(2026, 3, 2),
            enclosures: None,
        }));
        flow.ok(formal(FormalCommand::PlanHearing(HearingPlan {
            id: id(1),
            at: at(date(2026, 3, 2)),
            place: "Stadhuis".into(),
            setting: HearingSetting::Together,
            participants: vec![
                Participant { role: ParticipantRole::Complainant, name: "Fatima El Amrani".into() },
                Participant { role: ParticipantRole::Respondent, name: "Piet Smit".into() },
            ],
            round: 1,
            by_committee: false,
            third_party_consent: false,
        })));
        flow.ok(formal(FormalCommand::RecordHearingReport {
            id: id(1),
            report: HearingReport {
                held_on: date(2026, 3, 2),
                text: "Beide vertelden.".into(),
                accounts_differ: false,
            },
        }));
        for (n, what) in [(10, "De melding is kwijt."), (11, "De medewerker was onbeleefd.")] {
            flow.ok(formal(FormalCommand::AddPart { id: id(n), description: what.into() }));
        }
        let judge = |n, verdict, facts, apology: Option<&str>| {
            formal(FormalCommand::JudgePart {
                id: id(n),
                judgment: Judgment {
                    verdict,
                    facts_established: facts,
                    lawfulness_tested: false,
                    norms: if facts { vec![Norm::Organisation] } else { vec![] },
                    motivation: "Zo is het gegaan.".into(),
                    apology: apology.map(Into::into),
                    compensation: None,
                },
            })
        };
        flow.ok(judge(10, Verdict::WellFounded, true, Some("Wij zijn de melding kwijtgeraakt.")));
        flow.ok(judge(11, Verdict::NoJudgment, false, None));
        flow.ok(Command::MakeCommitment {
            id: id(20),
            what: "Melding opnieuw registreren".into(),
            to_whom: "Klager".into(),
            owner: "Team".into(),
            due: date(2026, 3, 9),
        });
        flow.ok(Command::RecordLesson(Lesson {
            id: uuid::Uuid::nil(),
            positive: false,
            level: LessonLevel::Execution,
            learner: Learner::Team,
            text: "Meldingen direct vastleggen.".into(),
        }));
        flow.ok(formal(FormalCommand::CloseJudged {
            conclusions: "Wij registreren uw melding opnieuw en passen onze werkwijze aan.".into(),
            departure_reason: None,
            no_lesson_reason: None,
        }));
        flow
    }

    #[test]
    fn every_drafted_letter_passes_its_own_check() {
        let flow = judged();
        for kind in [LetterKind::Acknowledgement, LetterKind::RespondentCopy, LetterKind::ClosingJudged] {
            let l = letter(&flow, kind);
            assert_eq!(blocking(&l, &flow), [] as [FindingCode; 0], "{kind:?}:\n{}", l.plain_text());
            assert!(l.plain_text().contains("KL-2026-000007"));
        }
    }

    #[test]
    fn postponement_invitation_forwarding_and_protocol_letters_pass_their_check() {
        let mut flow = Flow::started();
        flow.ok(respondent());
        flow.ok(formal(FormalCommand::Postpone {
            weeks: 2,
            reason: "De getuige is op vakantie.".into(),
            complainant_notified_on: date(2026, 3, 2),
            respondent_notified: true,
        }));
        flow.ok(formal(FormalCommand::PlanHearing(HearingPlan {
            id: id(1),
            at: at(date(2026, 3, 9)),
            place: "Stadhuis, kamer 2".into(),
            setting: HearingSetting::Together,
            participants: vec![Participant { role: ParticipantRole::Complainant, name: "Fatima El Amrani".into() }],
            round: 1,
            by_committee: false,
            third_party_consent: false,
        })));
        flow.ok(Command::Forward(crate::forwarding::Forwarding {
            organisation: "Waterschap Rivierenland".into(),
            contact_person: "Mevrouw Jansen".into(),
            citizen_agreed: true,
            notice_sent_on: Some(date(2026, 3, 2)),
            keeps_part: true,
        }));
        flow.ok(Command::ImposeConductProtocol(crate::conduct::ConductProtocol {
            id: id(70),
            limits: vec![crate::conduct::ContactLimit::WrittenOnly],
            other_limit: None,
            behaviour: "U belt elke dag meerdere keren.".into(),
            reason: "Het team kan anderen niet meer helpen.".into(),
            agreements_tried: "Een vast belmoment per week.".into(),
            contact_continues: "U kunt ons schrijven.".into(),
            from: date(2026, 3, 2),
            review_on: date(2026, 9, 1),
        }));
        for kind in [
            LetterKind::Postponement,
            LetterKind::PostponementRespondent,
            LetterKind::HearingInvitation,
            LetterKind::Forwarding,
            LetterKind::ConductProtocol,
        ] {
            let l = letter(&flow, kind);
            assert_eq!(blocking(&l, &flow), [] as [FindingCode; 0], "{kind:?}:\n{}", l.plain_text());
        }
        let invitation = letter(&flow, LetterKind::HearingInvitation).plain_text();
        assert!(invitation.contains("9 maart 2026 om 12:00, Stadhuis, kamer 2"), "{invitation}");
        assert!(
            letter(&flow, LetterKind::Postponement).plain_text().contains("uiterlijk 20 april 2026"),
            "6 weeks unextended end 6 April + 2"
        );
        let to_respondent = letter(&flow, LetterKind::PostponementRespondent);
        assert_eq!(to_respondent.recipient.name, "Piet Smit", "Awb 9:11 lid 2: the respondent is told too");
        assert!(to_respondent.plain_text().contains("uiterlijk 20 april 2026"), "{}", to_respondent.plain_text());
        let mut protocol = letter(&flow, LetterKind::ConductProtocol);
        protocol.blocks.retain(|b| !matches!(b, Block::LegalRemedies { .. }));
        assert_eq!(blocking(&protocol, &flow), [FindingCode::MissingRemedies]);
    }

    #[test]
    fn awb_9_6_the_acknowledgement_names_the_procedure_the_term_and_the_hearing() {
        let flow = Flow::new(true, None);
        let l = letter(&flow, LetterKind::Acknowledgement);
        let text = l.plain_text();
        // 6 weeks after 23 February end on Easter Monday: Tuesday 7 April.
        assert!(text.contains("uiterlijk 7 april 2026"), "{text}");
        assert!(text.contains("binnen 2 werkdagen"));
        assert_eq!(l.delivery, Delivery::Post, "no e-mail address, so by post");
        let mut without = l.clone();
        without.blocks.retain(|b| !matches!(b, Block::Hearing { .. } | Block::ExpectedTerm { .. }));
        assert_eq!(blocking(&without, &flow), [FindingCode::MissingTerm, FindingCode::MissingHearing]);
        let mut late = l;
        for b in &mut late.blocks {
            if let Block::ExpectedTerm { date: d, .. } = b {
                *d = date(2026, 4, 8);
            }
        }
        assert_eq!(blocking(&late, &flow), [FindingCode::WrongTerm]);
    }

    #[test]
    fn awb_9_15_an_acknowledgement_mentions_the_committee_when_one_advises() {
        let mut flow = Flow::started();
        flow.ok(formal(FormalCommand::AppointCommittee { members: vec!["A".into()] }));
        let mut l = letter(&flow, LetterKind::Acknowledgement);
        assert!(l.blocks.iter().any(|b| matches!(b, Block::Committee { .. })));
        assert!(l.plain_text().contains("uiterlijk 4 mei 2026"), "10 weeks with a committee");
        l.blocks.retain(|b| !matches!(b, Block::Committee { .. }));
        assert_eq!(blocking(&l, &flow), [FindingCode::MissingCommittee]);
    }

    #[test]
    fn awb_9_12_a_closing_letter_without_a_verdict_motivation_or_ombudsman_is_blocked() {
        let flow = judged();
        let full = letter(&flow, LetterKind::ClosingJudged);
        let text = full.plain_text();
        assert!(text.contains("Oordeel: gegrond."), "{text}");
        assert!(text.contains("de Nationale ombudsman"));
        let mut l = full.clone();
        l.blocks.retain(|b| !matches!(b, Block::PartVerdict { part_id, .. } if *part_id == id(11)));
        l.blocks.retain(|b| !matches!(b, Block::Ombudsman { .. }));
        for b in &mut l.blocks {
            if let Block::PartVerdict { text, .. } = b {
                *text = "De melding is kwijt.".into();
            }
        }
        assert_eq!(
            blocking(&l, &flow),
            [FindingCode::MissingMotivation, FindingCode::MissingVerdict, FindingCode::MissingOmbudsman]
        );
        let mut wrong = full;
        for b in &mut wrong.blocks {
            if let Block::PartVerdict { verdict, part_id, .. } = b
                && *part_id == id(11)
            {
                *verdict = Verdict::Unfounded;
            }
        }
        assert_eq!(blocking(&wrong, &flow), [FindingCode::WrongVerdict]);
    }

    #[test]
    fn a_well_founded_part_without_an_apology_is_a_warning_and_commitments_must_all_appear() {
        let flow = judged();
        let mut l = letter(&flow, LetterKind::ClosingJudged);
        l.blocks.retain(|b| !matches!(b, Block::Apology { .. } | Block::Commitment { .. }));
        let findings = check(&l, flow.case(), &flow.rules);
        let warning = findings.iter().find(|f| f.code == FindingCode::MissingApology).unwrap();
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(blocking(&l, &flow), [FindingCode::MissingCommitment]);
    }

    #[test]
    fn an_apology_made_in_the_contact_must_be_in_the_closing_letter() {
        let mut flow = Flow::new(true, None);
        flow.today = date(2026, 3, 2);
        flow.ok(Command::RecordSolution(Solution {
            kind: SolutionKind::Apology,
            description: "Excuses aan de telefoon voor het late antwoord.".into(),
            reasoning: "Dat wilde de klager horen.".into(),
            consulted: None,
            agreed: true,
        }));
        let mut l = letter(&flow, LetterKind::ClosingSolved);
        assert!(l.plain_text().contains("Het spijt ons"));
        assert_eq!(blocking(&l, &flow), [] as [FindingCode; 0]);
        l.blocks.retain(|b| !matches!(b, Block::Apology { .. }));
        assert_eq!(blocking(&l, &flow), [FindingCode::MissingApology]);
    }

    #[test]
    fn the_organisations_own_wording_reaches_the_draft_and_the_check_still_reads_the_blocks() {
        let flow = judged();
        let mut texts = LetterTexts::default();
        texts.set(Passage::Salutation, "Geachte {naam},").unwrap();
        texts.set(Passage::JudgedSubject, "Uitkomst van het klachtonderzoek").unwrap();
        texts.set(Passage::OmbudsmanReferral, "Niet tevreden? Ga tot en met {tot} naar {ombudsman}.").unwrap();
        let letter = draft(LetterKind::ClosingJudged, flow.case(), &flow.rules, &texts, &sender(), flow.today).unwrap();
        assert_eq!(letter.subject, "Uitkomst van het klachtonderzoek");
        assert!(matches!(&letter.blocks[0], Block::Salutation { text } if text.starts_with("Geachte ")));
        let ombudsman = letter.blocks.iter().find(|b| matches!(b, Block::Ombudsman { .. })).unwrap();
        assert!(ombudsman.text().starts_with("Niet tevreden? Ga tot en met "), "{}", ombudsman.text());
        assert!(ombudsman.text().ends_with(&format!("naar {}.", flow.rules.ombudsman)));
        assert_eq!(blocking(&letter, &flow), vec![], "own wording keeps every required element");
    }

    #[test]
    fn the_signature_is_the_house_styles_or_the_organisations_name() {
        let mut branding = Branding { organisation: "Gemeente Ergens".into(), ..Branding::default() };
        assert_eq!(Sender::signing_for(&branding, "Hanna").organisation, "Gemeente Ergens");
        branding.signature = Some("  ".into());
        assert_eq!(Sender::signing_for(&branding, "Hanna").organisation, "Gemeente Ergens");
        branding.signature = Some("Team Klachten\nnamens het college".into());
        assert_eq!(
            Sender::signing_for(&branding, "Hanna"),
            Sender { organisation: "Team Klachten\nnamens het college".into(), name: "Hanna".into() }
        );
    }

    #[test]
    fn a_letter_that_does_not_fit_the_case_says_why() {
        let flow = Flow::new(true, None);
        for kind in
            [LetterKind::NotHandling, LetterKind::Postponement, LetterKind::ClosingJudged, LetterKind::ConductProtocol]
        {
            assert!(
                matches!(
                    draft(kind, flow.case(), &Rules::default(), &LetterTexts::default(), &sender(), flow.today),
                    Err(crate::DomainError::LetterDoesNotFit(_))
                ),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn an_empty_block_and_another_ombudsman_are_found() {
        let mut flow = Flow::new(true, Some(date(2024, 1, 1)));
        flow.today = date(2026, 3, 2);
        flow.ok(formal(FormalCommand::NotHandle {
            decision: crate::not_handling::NotHandling {
                ground: crate::not_handling::NotHandlingGround::OlderThanOneYear,
                motivation: "Het gebeurde in januari 2024.".into(),
                personal_contact_made: true,
                notice_sent_on: date(2026, 3, 2),
            },
            no_lesson_reason: Some("Geen".into()),
        }));
        let mut l = letter(&flow, LetterKind::NotHandling);
        assert!(l.plain_text().contains("langer dan een jaar geleden"));
        assert_eq!(blocking(&l, &flow), [] as [FindingCode; 0]);
        l.blocks[1] = Block::Paragraph { text: " ".into() };
        for b in &mut l.blocks {
            if let Block::Ombudsman { name, .. } = b {
                *name = "de Kinderombudsman".into();
            }
        }
        let findings = check(&l, flow.case(), &flow.rules);
        assert_eq!(codes(&findings), [FindingCode::EmptyBlock, FindingCode::OtherOmbudsman]);
        assert_eq!(findings[0].block, Some(1));
    }

    #[test]
    fn drafted_letters_read_at_b1() {
        let flow = judged();
        for kind in [LetterKind::Acknowledgement, LetterKind::ClosingJudged] {
            let r = readability(&letter(&flow, kind).plain_text());
            assert!(r.plain_percent >= 70, "{kind:?}: {r:?}");
        }
    }

    #[test]
    fn sending_needs_a_reason_for_every_blocking_finding_and_keeps_the_letter_with_its_hash() {
        let mut flow = Flow::new(true, None);
        let mut l = letter(&flow, LetterKind::Acknowledgement);
        l.blocks.retain(|b| !matches!(b, Block::Hearing { .. }));
        let send = |l: &Letter, overrides: Vec<Override>| Command::SendLetter {
            id: id(90),
            letter: Box::new(l.clone()),
            overrides,
            pdf_sha256: Some("ab".repeat(32)),
        };
        assert_eq!(flow.fields(send(&l, vec![])), [crate::error::Field::Letter]);
        let blank = Override { code: FindingCode::MissingHearing, reason: " ".into() };
        assert_eq!(flow.fields(send(&l, vec![blank])), [crate::error::Field::Letter], "a blank reason is no reason");
        let reason =
            Override { code: FindingCode::MissingHearing, reason: "Klager wil geen gesprek; al besproken.".into() };
        let events = flow.ok(send(&l, vec![reason]));
        let crate::EventPayload::LetterSent { sha256, pdf_sha256, .. } = &events[0].payload else {
            panic!("{events:?}")
        };
        assert_eq!(sha256, &send::content_hash(&l));
        assert_eq!(pdf_sha256.as_deref(), Some("ab".repeat(32).as_str()), "the stored PDF is tied to the event");
        let sent = &flow.case().letters[0];
        assert_eq!((sent.letter.kind, sent.overrides.len(), sent.delivered_at), (LetterKind::Acknowledgement, 1, None));
        assert_eq!(
            flow.fields(send(&l, vec![])),
            [crate::error::Field::Letter, crate::error::Field::Letter],
            "sent once, and still blocked"
        );
    }

    #[test]
    fn a_letter_sent_before_pdfs_were_kept_reads_without_one() {
        let flow = Flow::new(true, None);
        let payload = crate::EventPayload::LetterSent {
            id: id(90),
            sha256: "00".repeat(32),
            letter: Box::new(letter(&flow, LetterKind::Acknowledgement)),
            overrides: vec![],
            pdf_sha256: Some("ab".repeat(32)),
        };
        let mut old = serde_json::to_value(&payload).unwrap();
        old.as_object_mut().unwrap().remove("pdf_sha256");
        let read: crate::EventPayload = serde_json::from_value(old).unwrap();
        assert!(matches!(read, crate::EventPayload::LetterSent { pdf_sha256: None, .. }), "{read:?}");
    }

    #[test]
    fn a_letter_goes_where_there_is_an_address_and_delivery_is_recorded_once_by_the_system() {
        let mut flow = Flow::new(true, None);
        let mut l = letter(&flow, LetterKind::Acknowledgement);
        l.delivery = Delivery::Email;
        assert_eq!(
            flow.fields(Command::SendLetter {
                id: id(90),
                letter: Box::new(l.clone()),
                overrides: vec![],
                pdf_sha256: None
            }),
            [crate::error::Field::Email]
        );
        l.delivery = Delivery::Post;
        flow.ok(Command::SendLetter { id: id(90), letter: Box::new(l), overrides: vec![], pdf_sha256: None });
        assert_eq!(
            flow.run(Command::RecordLetterDelivered { id: id(90) }),
            Err(crate::DomainError::NotPermitted),
            "only the outbox"
        );
        let system = crate::Context::new(at(flow.today), crate::Actor::System);
        let delivered = crate::decide(&flow.state, Command::RecordLetterDelivered { id: id(90) }, &system).unwrap();
        flow.state = delivered.iter().fold(std::mem::take(&mut flow.state), crate::apply);
        assert!(flow.case().letters[0].delivered_at.is_some());
        assert_eq!(
            crate::decide(&flow.state, Command::RecordLetterDelivered { id: id(90) }, &system),
            Err(crate::DomainError::LetterDelivered)
        );
        assert_eq!(
            flow.fields(Command::RecordLetterPosted { id: id(90), on: date(2026, 2, 22) }),
            [crate::error::Field::PostedOn]
        );
        flow.ok(Command::RecordLetterPosted { id: id(90), on: date(2026, 2, 23) });
        assert_eq!(flow.case().letters[0].posted_on, Some(date(2026, 2, 23)));
    }

    #[test]
    fn a_closing_letter_goes_out_after_closing_and_other_letters_do_not() {
        let flow = judged();
        assert!(!flow.case().is_open());
        let mut closed = Flow { state: flow.state.clone(), today: flow.today, rules: flow.rules.clone() };
        let closing = letter(&closed, LetterKind::ClosingJudged);
        closed.ok(Command::SendLetter { id: id(91), letter: Box::new(closing), overrides: vec![], pdf_sha256: None });
        closed.ok(Command::RecordLetterPosted { id: id(91), on: closed.today });
        let acknowledgement = letter(&closed, LetterKind::Acknowledgement);
        assert_eq!(
            closed.run(Command::SendLetter {
                id: id(92),
                letter: Box::new(acknowledgement),
                overrides: vec![],
                pdf_sha256: None
            }),
            Err(crate::DomainError::CaseClosed)
        );
    }
}

//! Every letter type typeset as PDF, its text extracted with pdftotext and
//! compared with a snapshot (`GEHOORD_UPDATE_SNAPSHOTS=1` rewrites them
//! after a deliberate change), and the e-mail body beside it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failed step in a test is a panic with its message")]

use std::{path::PathBuf, process::Command as Process};

use gehoord_domain::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, Context, apply,
    case::{InitialHandling, Intake, Rules},
    conduct::{ConductProtocol, ContactLimit},
    decide,
    formal::{FormalCommand, HearingPlan},
    forwarding::Forwarding,
    hearing::{HearingReport, HearingSetting, Participant, ParticipantRole},
    judgment::{Judgment, Verdict},
    lesson::{Learner, Lesson, LessonLevel},
    letter::{Letter, LetterKind, LetterTexts, Logo, LogoFormat, Sender, draft, example},
    norm::Norm,
    not_handling::{NotHandling, NotHandlingGround},
    respondent::Respondent,
    solution::{Solution, SolutionKind},
};
use gehoord_letters::{Branding, render_pdf};
use jiff::{Timestamp, civil::date};
use uuid::Uuid;

/// Runs `commands` on a fresh signed letter received 23 February 2026, each
/// on 2 March 2026 at noon.
fn case(commands: Vec<Command>) -> CaseState {
    let received: Timestamp = "2026-02-23T09:00:00Z".parse().unwrap();
    let now: Timestamp = "2026-03-02T11:00:00Z".parse().unwrap();
    let intake = Intake {
        reference: CaseReference::new(2026, 42),
        channel: Channel::Letter,
        received_at: received,
        description:
            "Mijn melding over de kapotte lantaarnpaal is kwijt, en de medewerker aan de telefoon was onbeleefd.".into(),
        complainant: Complainant {
            name: Some("Fatima El Amrani".into()),
            address: Some("Kerkstraat 4, 1234 AB Ergens".into()),
            ..Complainant::default()
        },
        conduct_date: Some(date(2024, 11, 1)),
        department: Some("Openbare Ruimte".into()),
        employees_involved: None,
        signed: true,
        handling: InitialHandling::ToComplaintHandling,
    };
    let staff = Context::new(now, Actor::Staff { user_id: Uuid::from_u128(1), name: "Hanna de Vries".into() });
    let mut state = CaseState::New;
    let register = Context::new(received, Actor::System);
    for e in decide(&state, Command::Register(Box::new(intake)), &register).unwrap() {
        state = apply(state, &e);
    }
    for command in commands {
        for e in decide(&state, command, &staff).unwrap() {
            state = apply(state, &e);
        }
    }
    state
}

fn formal(c: FormalCommand) -> Command {
    Command::Formal(c)
}

fn postponed() -> CaseState {
    case(vec![
        formal(FormalCommand::Start { reason: "Oordeel gevraagd.".into(), signed: true }),
        Command::AddRespondent(Respondent {
            id: Uuid::from_u128(50),
            user_id: None,
            name: "Piet Smit".into(),
            department: None,
        }),
        formal(FormalCommand::Postpone {
            weeks: 3,
            reason: "Een getuige is op vakantie.".into(),
            complainant_notified_on: date(2026, 3, 2),
            respondent_notified: true,
        }),
    ])
}

fn judged() -> CaseState {
    let id = Uuid::from_u128;
    case(vec![
        formal(FormalCommand::Start { reason: "De klager wil een oordeel.".into(), signed: true }),
        Command::AddRespondent(Respondent { id: id(50), user_id: None, name: "Piet Smit".into(), department: None }),
        formal(FormalCommand::RecordRespondentCopy { to: "Piet Smit".into(), on: date(2026, 3, 2), enclosures: None }),
        formal(FormalCommand::PlanHearing(HearingPlan {
            id: id(1),
            at: "2026-03-02T09:00:00Z".parse().unwrap(),
            place: "Stadhuis, kamer 2".into(),
            setting: HearingSetting::Together,
            participants: vec![
                Participant { role: ParticipantRole::Complainant, name: "Fatima El Amrani".into() },
                Participant { role: ParticipantRole::Respondent, name: "Piet Smit".into() },
            ],
            round: 1,
            by_committee: false,
            third_party_consent: false,
        })),
        formal(FormalCommand::RecordHearingReport {
            id: id(1),
            report: HearingReport {
                held_on: date(2026, 3, 2),
                text: "Beide vertelden hun verhaal.".into(),
                accounts_differ: true,
            },
        }),
        formal(FormalCommand::AddPart { id: id(10), description: "De melding is kwijtgeraakt.".into() }),
        formal(FormalCommand::AddPart { id: id(11), description: "De medewerker was onbeleefd.".into() }),
        formal(FormalCommand::JudgePart {
            id: id(10),
            judgment: Judgment {
                verdict: Verdict::WellFounded,
                facts_established: true,
                lawfulness_tested: false,
                norms: vec![Norm::Organisation],
                motivation: "De melding is niet in ons systeem gezet.".into(),
                apology: Some("Wij zijn uw melding kwijtgeraakt.".into()),
                compensation: None,
            },
        }),
        formal(FormalCommand::JudgePart {
            id: id(11),
            judgment: Judgment {
                verdict: Verdict::NoJudgment,
                facts_established: false,
                lawfulness_tested: false,
                norms: vec![],
                motivation: "Wat er gezegd is, kunnen wij niet meer vaststellen.".into(),
                apology: None,
                compensation: None,
            },
        }),
        Command::RecordLesson(Lesson {
            id: uuid::Uuid::nil(),
            positive: false,
            level: LessonLevel::Execution,
            learner: Learner::Team,
            text: "Elke melding gaat direct in het systeem.".into(),
        }),
        formal(FormalCommand::CloseJudged {
            conclusions: "Wij zetten uw melding vandaag opnieuw in het systeem.".into(),
            departure_reason: None,
            no_lesson_reason: None,
        }),
    ])
}

fn all_letters() -> Vec<(LetterKind, CaseState)> {
    let id = Uuid::from_u128;
    vec![
        (LetterKind::Acknowledgement, case(vec![])),
        (
            LetterKind::NotHandling,
            case(vec![formal(FormalCommand::NotHandle {
                decision: NotHandling {
                    ground: NotHandlingGround::OlderThanOneYear,
                    motivation: "Het gebeurde op 1 november 2024.".into(),
                    personal_contact_made: true,
                    notice_sent_on: date(2026, 3, 2),
                },
                no_lesson_reason: Some("Geen".into()),
            })]),
        ),
        (LetterKind::RespondentCopy, judged()),
        (LetterKind::Postponement, postponed()),
        (LetterKind::PostponementRespondent, postponed()),
        (
            LetterKind::HearingInvitation,
            case(vec![
                formal(FormalCommand::Start { reason: "Oordeel gevraagd.".into(), signed: true }),
                formal(FormalCommand::PlanHearing(HearingPlan {
                    id: id(1),
                    at: "2026-03-10T09:30:00Z".parse().unwrap(),
                    place: "Stadhuis, kamer 2".into(),
                    setting: HearingSetting::Together,
                    participants: vec![Participant {
                        role: ParticipantRole::Complainant,
                        name: "Fatima El Amrani".into(),
                    }],
                    round: 1,
                    by_committee: false,
                    third_party_consent: false,
                })),
            ]),
        ),
        (
            LetterKind::Forwarding,
            case(vec![Command::Forward(Forwarding {
                organisation: "Waterschap Rivierenland".into(),
                contact_person: "mevrouw Jansen".into(),
                citizen_agreed: true,
                notice_sent_on: Some(date(2026, 3, 2)),
                keeps_part: false,
            })]),
        ),
        (
            LetterKind::ClosingSolved,
            case(vec![
                Command::RecordSolution(Solution {
                    kind: SolutionKind::Apology,
                    description: "Excuses aan de telefoon voor de kwijtgeraakte melding.".into(),
                    reasoning: "Dat wilde de klager horen.".into(),
                    consulted: None,
                    agreed: true,
                }),
                Command::MakeCommitment {
                    id: id(20),
                    what: "De lantaarnpaal wordt deze week gerepareerd.".into(),
                    to_whom: "Klager".into(),
                    owner: "Team Openbare Ruimte".into(),
                    due: date(2026, 3, 6),
                },
            ]),
        ),
        (LetterKind::ClosingJudged, judged()),
        (
            LetterKind::ConductProtocol,
            case(vec![Command::ImposeConductProtocol(ConductProtocol {
                id: id(70),
                limits: vec![ContactLimit::WrittenOnly, ContactLimit::FixedContactPerson],
                other_limit: None,
                behaviour: "U belt elke dag meerdere keren en scheldt medewerkers uit.".into(),
                reason: "Medewerkers kunnen andere inwoners daardoor niet helpen.".into(),
                agreements_tried: "Op 1 maart spraken we één vast belmoment per week af.".into(),
                contact_continues: "U kunt ons schrijven. Hanna de Vries beantwoordt nieuwe vragen binnen twee weken."
                    .into(),
                from: date(2026, 3, 2),
                review_on: date(2026, 9, 1),
            })]),
        ),
    ]
}

fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("GEHOORD_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("no snapshot {}; run with GEHOORD_UPDATE_SNAPSHOTS=1 and review it", path.display())
    });
    assert_eq!(
        actual, expected,
        "{name} changed; if on purpose, run with GEHOORD_UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

/// The PDF's text as pdftotext reads it (layout kept).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Process::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils) is needed for the letter snapshots; .ci/run installs it");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_letter_type_as_pdf_and_e_mail_matches_its_snapshot() {
    let rules = Rules::default();
    let sender = Sender { organisation: "Gemeente Ergens".into(), name: "Hanna de Vries".into() };
    let branding = Branding {
        organisation: "Gemeente Ergens".into(),
        address: Some("Postbus 1\n1234 AA Ergens".into()),
        contact: Some("Telefoon 14 0123\nwww.ergens.nl".into()),
        ..Branding::default()
    };
    for (kind, state) in all_letters() {
        let case = state.case().unwrap();
        let letter = draft(kind, case, &rules, &LetterTexts::default(), &sender, date(2026, 3, 2))
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let blocking: Vec<_> = gehoord_domain::letter::check(&letter, case, &rules)
            .into_iter()
            .filter(|f| f.severity == gehoord_domain::letter::Severity::Blocking)
            .collect();
        assert!(blocking.is_empty(), "{kind:?}: {blocking:?}");
        let pdf = render_pdf(&letter, &branding).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"), "{kind:?}");
        let text = pdf_text(&pdf);
        assert!(text.contains("KL-2026-000042"), "{kind:?}: {text}");
        snapshot(&format!("{}.pdf.txt", kind.code()), &text);
        snapshot(&format!("{}.mail.txt", kind.code()), &letter.plain_text());
    }
}

/// The acknowledgement of the domain's example complaint, signed by `sender`.
fn acknowledgement(sender: Sender) -> Letter {
    example(&Rules::default(), &LetterTexts::default(), &sender, date(2026, 3, 2)).unwrap()
}

#[test]
fn the_pdf_is_tagged_with_its_title_and_language() {
    let letter = acknowledgement(Sender { organisation: "Gemeente Ergens".into(), name: "Hanna".into() });
    let pdf = render_pdf(&letter, &Branding { organisation: "Gemeente Ergens".into(), ..Branding::default() }).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/StructTreeRoot"), "tagged PDF");
    assert!(raw.contains("/Lang"), "the language is set");
    assert!(raw.contains("pdfuaid"), "declares PDF/UA");
}

/// A 4×2 pixel PNG in the organisation's blue.
const PNG_LOGO: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0, 0, 0, 240, 202, 234,
    52, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 132, 35, 6, 100, 14, 0, 90, 186, 7, 49, 74, 36, 198,
    109, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn the_house_style_logo_signature_and_contact_are_on_the_letter() {
    let letter =
        acknowledgement(Sender { organisation: "Team Klachten\nnamens het college".into(), name: "Hanna".into() });
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="#1f4e79"/></svg>"##;
    for logo in [
        Logo { format: LogoFormat::Png, content: PNG_LOGO.to_vec() },
        Logo { format: LogoFormat::Svg, content: svg.to_vec() },
    ] {
        let branding = Branding {
            organisation: "Gemeente Ergens".into(),
            address: Some("Postbus 1\n1234 AA Ergens".into()),
            contact: Some("www.ergens.nl".into()),
            signature: None,
            logo: Some(logo.clone()),
        };
        let pdf = render_pdf(&letter, &branding).unwrap_or_else(|e| panic!("{:?}: {e}", logo.format));
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("Logo van Gemeente Ergens"), "{:?}: the logo has its alternative text", logo.format);
        let text = pdf_text(&pdf);
        for line in ["Postbus 1", "1234 AA Ergens", "www.ergens.nl", "Team Klachten", "namens het college"] {
            assert!(text.contains(line), "{:?}: {line} missing in {text}", logo.format);
        }
    }
}

#[test]
fn a_logo_that_is_not_an_image_is_an_error_not_a_panic() {
    let letter = acknowledgement(Sender { organisation: "Gemeente Ergens".into(), name: "Hanna".into() });
    let branding = Branding {
        organisation: "Gemeente Ergens".into(),
        logo: Some(Logo { format: LogoFormat::Png, content: b"not a png".to_vec() }),
        ..Branding::default()
    };
    assert!(matches!(render_pdf(&letter, &branding), Err(gehoord_letters::RenderError::Typst(_))));
}

//! The letter check: what must be in a letter of each kind, and whether the
//! letter matches the case, read from its blocks. A blocking finding stops
//! the letter unless the handler overrides it with a recorded reason; a
//! warning asks the handler to look again.

use serde::{Deserialize, Serialize};

use super::{Block, Letter, LetterKind};
use crate::{
    case::{Case, Rules},
    judgment::Verdict,
    solution::SolutionKind,
    terms::Deadlines,
    time::{LongDate, date_in_amsterdam},
};

crate::vocabulary! {
    /// How serious a finding is.
    pub enum Severity {
        /// The letter cannot go without a recorded reason.
        Blocking = ("blocking", "Blokkeert"),
        Warning = ("warning", "Let op"),
    }
}

crate::vocabulary! {
    /// What a finding is about; stable for overrides and reports.
    pub enum FindingCode {
        EmptyBlock = ("empty_block", "Leeg tekstblok"),
        MissingProcedure = ("missing_procedure", "Procedure ontbreekt"),
        MissingTerm = ("missing_term", "Termijn ontbreekt"),
        WrongTerm = ("wrong_term", "Termijn klopt niet"),
        MissingHearing = ("missing_hearing", "Horen ontbreekt"),
        MissingCommittee = ("missing_committee", "Adviescommissie ontbreekt"),
        MissingGround = ("missing_ground", "Grond ontbreekt"),
        MissingOmbudsman = ("missing_ombudsman", "Ombudsman ontbreekt"),
        OtherOmbudsman = ("other_ombudsman", "Andere ombudsman"),
        MissingReason = ("missing_reason", "Reden ontbreekt"),
        MissingDetails = ("missing_details", "Gegevens ontbreken"),
        MissingAgreement = ("missing_agreement", "Afspraak ontbreekt"),
        MissingCommitment = ("missing_commitment", "Toezegging ontbreekt"),
        MissingApology = ("missing_apology", "Excuses ontbreken"),
        MissingFindings = ("missing_findings", "Bevindingen ontbreken"),
        MissingVerdict = ("missing_verdict", "Oordeel ontbreekt"),
        WrongVerdict = ("wrong_verdict", "Oordeel klopt niet"),
        MissingMotivation = ("missing_motivation", "Motivering ontbreekt"),
        MissingConclusions = ("missing_conclusions", "Conclusies ontbreken"),
        MissingAdvice = ("missing_advice", "Advies ontbreekt"),
        MissingBehaviour = ("missing_behaviour", "Gedrag niet benoemd"),
        MissingRemedies = ("missing_remedies", "Rechtsbescherming ontbreekt"),
        MissingDoorOpen = ("missing_door_open", "Deur open ontbreekt"),
    }
}

/// One thing the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    pub message: String,
    /// The block it is about, by position.
    pub block: Option<usize>,
}

impl Finding {
    fn blocking(code: FindingCode, message: impl Into<String>) -> Self {
        Self { severity: Severity::Blocking, code, message: message.into(), block: None }
    }

    fn warning(code: FindingCode, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, code, message: message.into(), block: None }
    }

    fn at(mut self, block: usize) -> Self {
        self.block = Some(block);
        self
    }
}

/// Checks a letter against what its kind requires and against the case.
#[must_use]
pub fn check(letter: &Letter, case: &Case, rules: &Rules) -> Vec<Finding> {
    let blocks = &letter.blocks;
    let has = |pred: fn(&Block) -> bool| blocks.iter().any(pred);
    let mut findings: Vec<Finding> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !matches!(b, Block::Signature { .. }) && b.text().trim().is_empty())
        .map(|(i, _)| {
            Finding::blocking(FindingCode::EmptyBlock, "Dit tekstblok is leeg. Vul het in of haal het weg.").at(i)
        })
        .collect();
    let mut require = |ok: bool, code: FindingCode, message: &str| {
        if !ok {
            findings.push(Finding::blocking(code, message));
        }
    };
    match letter.kind {
        LetterKind::Acknowledgement => {
            require(
                has(|b| matches!(b, Block::Procedure { .. })),
                FindingCode::MissingProcedure,
                "Leg uit hoe de klachtbehandeling gaat (Awb 9:6).",
            );
            require(
                has(|b| matches!(b, Block::ExpectedTerm { .. })),
                FindingCode::MissingTerm,
                "Noem de datum waarop de klager uiterlijk antwoord krijgt.",
            );
            require(
                has(|b| matches!(b, Block::Hearing { .. })),
                FindingCode::MissingHearing,
                "Vertel dat de klager gehoord kan worden (Awb 9:10).",
            );
            require(
                case.formal.committee.is_none() || has(|b| matches!(b, Block::Committee { .. })),
                FindingCode::MissingCommittee,
                "Vermeld dat een adviescommissie adviseert (Awb 9:15 lid 1).",
            );
        }
        LetterKind::NotHandling => {
            require(
                has(|b| matches!(b, Block::NotHandlingGround { .. })),
                FindingCode::MissingGround,
                "Noem de grond en waarom die geldt (Awb 9:8).",
            );
            require(
                has(|b| matches!(b, Block::Ombudsman { .. })),
                FindingCode::MissingOmbudsman,
                "Noem de ombudsman waar de klager terecht kan (Awb 9:8 lid 3).",
            );
        }
        LetterKind::RespondentCopy => {
            require(
                has(|b| matches!(b, Block::Procedure { .. })),
                FindingCode::MissingProcedure,
                "Vertel de medewerker hoe het verder gaat en dat hij gehoord wordt.",
            );
        }
        LetterKind::Postponement | LetterKind::PostponementRespondent => {
            require(
                has(|b| matches!(b, Block::PostponementReason { .. })),
                FindingCode::MissingReason,
                "Leg uit waarom het langer duurt (Awb 9:11 lid 2).",
            );
            require(
                has(|b| matches!(b, Block::ExpectedTerm { .. })),
                FindingCode::MissingTerm,
                "Noem de nieuwe datum.",
            );
        }
        LetterKind::HearingInvitation => {
            require(
                has(|b| matches!(b, Block::HearingDetails { .. })),
                FindingCode::MissingDetails,
                "Noem wanneer en waar het gesprek is, en wie er zijn.",
            );
        }
        LetterKind::Forwarding => {
            require(
                has(|b| matches!(b, Block::ForwardedTo { .. })),
                FindingCode::MissingDetails,
                "Noem waar de klacht naartoe is gestuurd, en bij wie de klager terecht kan (Awb 2:3).",
            );
        }
        LetterKind::ClosingSolved => {
            require(
                has(|b| matches!(b, Block::Agreement { .. })),
                FindingCode::MissingAgreement,
                "Schrijf op wat er is afgesproken.",
            );
            require(
                !case.solutions.iter().any(|s| s.agreed && s.kind == SolutionKind::Apology)
                    || has(|b| matches!(b, Block::Apology { .. })),
                FindingCode::MissingApology,
                "In het contact zijn excuses gemaakt. Zet die ook in de brief.",
            );
        }
        LetterKind::ClosingJudged => {
            require(
                has(|b| matches!(b, Block::Findings { .. })),
                FindingCode::MissingFindings,
                "Schrijf op wat het onderzoek heeft opgeleverd (Awb 9:12).",
            );
            require(
                has(|b| matches!(b, Block::Conclusions { .. })),
                FindingCode::MissingConclusions,
                "Schrijf de conclusies op (Awb 9:12).",
            );
            require(
                case.formal.committee.as_ref().and_then(|c| c.advice.as_ref()).is_none()
                    || has(|b| matches!(b, Block::CommitteeAdvice { .. })),
                FindingCode::MissingAdvice,
                "Noem het advies van de adviescommissie, en waarom u afwijkt als dat zo is (Awb 9:16).",
            );
            findings.extend(verdicts(letter, case));
        }
        LetterKind::ConductProtocol => {
            require(
                has(|b| matches!(b, Block::ConductBehaviour { .. })),
                FindingCode::MissingBehaviour,
                "Benoem het gedrag dat niet langer kan.",
            );
            require(
                has(|b| matches!(b, Block::ContactContinues { .. })),
                FindingCode::MissingDetails,
                "Schrijf op hoe het contact doorgaat.",
            );
            require(
                has(|b| matches!(b, Block::LegalRemedies { .. })),
                FindingCode::MissingRemedies,
                "Schrijf dat de burger altijd mag klagen, bezwaar maken en schrijven. Een gedragslijn beperkt dat nooit.",
            );
        }
    }
    if matches!(letter.kind, LetterKind::ClosingJudged | LetterKind::ConductProtocol) {
        findings.extend(ombudsman(letter, rules, true));
    } else if letter.kind == LetterKind::NotHandling {
        findings.extend(ombudsman(letter, rules, false));
    }
    if matches!(letter.kind, LetterKind::ClosingSolved | LetterKind::ClosingJudged) {
        for c in &case.commitments {
            if !blocks.iter().any(|b| matches!(b, Block::Commitment { id, .. } if *id == c.id)) {
                findings.push(Finding::blocking(
                    FindingCode::MissingCommitment,
                    format!("De toezegging \u{201c}{}\u{201d} staat niet in de brief.", c.what),
                ));
            }
        }
        if !has(|b| matches!(b, Block::DoorOpen { .. })) {
            findings.push(Finding::warning(
                FindingCode::MissingDoorOpen,
                "Laat de burger weten dat hij altijd terug kan komen.",
            ));
        }
    }
    findings.extend(terms(letter, case, rules));
    findings
}

/// Awb 9:12: a verdict with reasons for every part, as judged on the case;
/// a warning when a well-founded part comes without an apology.
fn verdicts(letter: &Letter, case: &Case) -> Vec<Finding> {
    let mut findings = Vec::new();
    for part in &case.formal.parts {
        let Some((i, verdict, text)) = letter.blocks.iter().enumerate().find_map(|(i, b)| match b {
            Block::PartVerdict { part_id, verdict, text } if *part_id == part.id => Some((i, *verdict, text)),
            _ => None,
        }) else {
            findings.push(Finding::blocking(
                FindingCode::MissingVerdict,
                format!("Het oordeel over \u{201c}{}\u{201d} staat niet in de brief.", part.description),
            ));
            continue;
        };
        match &part.judgment {
            None => findings.push(
                Finding::blocking(
                    FindingCode::MissingVerdict,
                    format!("Geef eerst een oordeel over \u{201c}{}\u{201d}.", part.description),
                )
                .at(i),
            ),
            Some(j) if j.verdict != verdict => findings.push(
                Finding::blocking(
                    FindingCode::WrongVerdict,
                    format!(
                        "In de brief staat \u{201c}{}\u{201d}, maar het oordeel is \u{201c}{}\u{201d}.",
                        verdict.label().to_lowercase(),
                        j.verdict.label().to_lowercase()
                    ),
                )
                .at(i),
            ),
            Some(_) => {}
        }
        if text.trim().len() <= part.description.trim().len() {
            findings.push(
                Finding::blocking(
                    FindingCode::MissingMotivation,
                    format!("Leg uit waarom het oordeel over \u{201c}{}\u{201d} zo is.", part.description),
                )
                .at(i),
            );
        }
        if verdict == Verdict::WellFounded && !letter.blocks.iter().any(|b| matches!(b, Block::Apology { .. })) {
            findings.push(
                Finding::warning(
                    FindingCode::MissingApology,
                    "Een onderdeel is gegrond, maar de brief biedt geen excuses aan en legt niet uit waarom niet.",
                )
                .at(i),
            );
        }
    }
    findings
}

/// The ombudsman paragraph: present, naming the competent ombudsman, and
/// (after investigation) the last day to go there.
fn ombudsman(letter: &Letter, rules: &Rules, term_required: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    let found = letter.blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Ombudsman { name, until, .. } => Some((i, name, until)),
        _ => None,
    });
    match found {
        None => findings.push(Finding::blocking(
            FindingCode::MissingOmbudsman,
            format!("Noem {} en de termijn van een jaar (Awb 9:12 lid 2 en 9:24).", rules.ombudsman),
        )),
        Some((i, name, until)) => {
            if name.trim() != rules.ombudsman.trim() {
                findings.push(
                    Finding::warning(
                        FindingCode::OtherOmbudsman,
                        format!("In de instellingen staat {} als ombudsman.", rules.ombudsman),
                    )
                    .at(i),
                );
            }
            if term_required && until.is_none() {
                findings.push(
                    Finding::blocking(
                        FindingCode::MissingTerm,
                        "Noem tot wanneer de burger naar de ombudsman kan (Awb 9:24).",
                    )
                    .at(i),
                );
            }
        }
    }
    findings
}

/// Dates in the letter agree with the deadline engine.
fn terms(letter: &Letter, case: &Case, rules: &Rules) -> Vec<Finding> {
    let Ok(deadlines) = Deadlines::compute(date_in_amsterdam(case.received_at), &case.formal.procedure(), rules) else {
        return Vec::new();
    };
    let due = case.decision_due.unwrap_or(deadlines.decision.date);
    letter
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::ExpectedTerm { date, .. } if *date > due => Some(
                Finding::blocking(
                    FindingCode::WrongTerm,
                    format!("De datum in de brief ligt na de wettelijke termijn van {} (Awb 9:11).", LongDate(due)),
                )
                .at(i),
            ),
            _ => None,
        })
        .collect()
}

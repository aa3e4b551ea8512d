//! Why a command was refused. Messages are Dutch at B1 level because they
//! reach citizens and staff unchanged; codes are stable for the API.

use serde::Serialize;

/// An input field a problem belongs to, so a form can link its error summary
/// to the field and an API can point at the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Description,
    Channel,
    ReceivedAt,
    ConductDate,
    Name,
    Email,
    Phone,
    Address,
    WhatWasDone,
    Handling,
    ContactAt,
    ContactMethod,
    Summary,
    Core,
    Wishes,
    RespondentName,
    InformedOn,
    How,
    SolutionDescription,
    Reasoning,
    What,
    ToWhom,
    Owner,
    Due,
    Explanation,
    RequestedDecision,
    Decision,
    Organisation,
    ContactPerson,
    LessonText,
    Reason,
    NoLessonReason,
    SettledOn,
    Members,
    Weeks,
    NotifiedOn,
    RespondentNotified,
    ConsentUntil,
    GivenOn,
    Motivation,
    PersonalContact,
    NoticeSentOn,
    Ground,
    SentOn,
    Participants,
    Place,
    ThirdPartyConsent,
    ByCommittee,
    Round,
    Report,
    HeldOn,
    PartDescription,
    Verdict,
    Norms,
    Advice,
    AdvisedOn,
    Parts,
    Hearing,
    RespondentCopy,
    DepartureReason,
    Conclusions,
    Ombudsman,
    RequestedOn,
    OmbudsmanOutcome,
    Response,
    ConcludedOn,
    File,
    EvidenceDescription,
    Announced,
    ToldOn,
    Evidence,
    Limits,
    Behaviour,
    AgreementsTried,
    ContactContinues,
    From,
    ReviewOn,
    ReviewNote,
    ReviewedOn,
    Protocol,
    Letter,
    PostedOn,
    Information,
    Note,
    Feedback,
    Action,
    DoneOn,
    Department,
    CaseReference,
}

impl Field {
    /// The camelCase member name used in forms and in the API.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Description => "description",
            Self::Channel => "channel",
            Self::ReceivedAt => "receivedAt",
            Self::ConductDate => "conductDate",
            Self::Name => "name",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Address => "address",
            Self::WhatWasDone => "whatWasDone",
            Self::Handling => "handling",
            Self::ContactAt => "contactAt",
            Self::ContactMethod => "contactMethod",
            Self::Summary => "summary",
            Self::Core => "core",
            Self::Wishes => "wishes",
            Self::RespondentName => "respondentName",
            Self::InformedOn => "informedOn",
            Self::How => "how",
            Self::SolutionDescription => "solutionDescription",
            Self::Reasoning => "reasoning",
            Self::What => "what",
            Self::ToWhom => "toWhom",
            Self::Owner => "owner",
            Self::Due => "due",
            Self::Explanation => "explanation",
            Self::RequestedDecision => "requestedDecision",
            Self::Decision => "decision",
            Self::Organisation => "organisation",
            Self::ContactPerson => "contactPerson",
            Self::LessonText => "lessonText",
            Self::Reason => "reason",
            Self::NoLessonReason => "noLessonReason",
            Self::SettledOn => "settledOn",
            Self::Members => "members",
            Self::Weeks => "weeks",
            Self::NotifiedOn => "notifiedOn",
            Self::RespondentNotified => "respondentNotified",
            Self::ConsentUntil => "consentUntil",
            Self::GivenOn => "givenOn",
            Self::Motivation => "motivation",
            Self::PersonalContact => "personalContact",
            Self::NoticeSentOn => "noticeSentOn",
            Self::Ground => "ground",
            Self::SentOn => "sentOn",
            Self::Participants => "participants",
            Self::Place => "place",
            Self::ThirdPartyConsent => "thirdPartyConsent",
            Self::ByCommittee => "byCommittee",
            Self::Round => "round",
            Self::Report => "report",
            Self::HeldOn => "heldOn",
            Self::PartDescription => "partDescription",
            Self::Verdict => "verdict",
            Self::Norms => "norms",
            Self::Advice => "advice",
            Self::AdvisedOn => "advisedOn",
            Self::Parts => "parts",
            Self::Hearing => "hearing",
            Self::RespondentCopy => "respondentCopy",
            Self::DepartureReason => "departureReason",
            Self::Conclusions => "conclusions",
            Self::Ombudsman => "ombudsman",
            Self::RequestedOn => "requestedOn",
            Self::OmbudsmanOutcome => "ombudsmanOutcome",
            Self::Response => "response",
            Self::ConcludedOn => "concludedOn",
            Self::File => "file",
            Self::EvidenceDescription => "evidenceDescription",
            Self::Announced => "announced",
            Self::ToldOn => "toldOn",
            Self::Evidence => "evidence",
            Self::Limits => "limits",
            Self::Behaviour => "behaviour",
            Self::AgreementsTried => "agreementsTried",
            Self::ContactContinues => "contactContinues",
            Self::From => "from",
            Self::ReviewOn => "reviewOn",
            Self::ReviewNote => "reviewNote",
            Self::ReviewedOn => "reviewedOn",
            Self::Protocol => "protocol",
            Self::Letter => "letter",
            Self::PostedOn => "postedOn",
            Self::Information => "information",
            Self::Note => "note",
            Self::Feedback => "feedback",
            Self::Action => "action",
            Self::DoneOn => "doneOn",
            Self::Department => "department",
            Self::CaseReference => "caseReference",
        }
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    #[must_use]
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

/// A command that the rules refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The input has one or more problems; all of them are listed.
    #[error("De gegevens zijn niet volledig of niet juist.")]
    Invalid(Vec<FieldError>),
    #[error("Deze klacht is al geregistreerd.")]
    AlreadyRegistered,
    #[error("Deze klacht bestaat nog niet.")]
    NotRegistered,
    #[error("Deze klacht is afgerond. Open de klacht eerst opnieuw.")]
    CaseClosed,
    #[error("U hebt geen rechten voor deze handeling.")]
    NotPermitted,
    /// Awb 9:7 lid 1.
    #[error(
        "{0} is betrokken bij de gedraging waarover geklaagd wordt en mag deze klacht daarom niet behandelen (Awb 9:7)."
    )]
    NotImpartial(String),
    /// Awb 9:5: a solved case closes only after the control question.
    #[error("Stel eerst de controlevraag: is de burger tevreden en is alles besproken?")]
    ControlQuestionMissing,
    #[error(
        "De burger is nog niet tevreden of nog niet alles is besproken. Zoek verder naar een oplossing, of behandel de klacht formeel."
    )]
    NotSatisfied,
    #[error("Deze toezegging bestaat niet.")]
    UnknownCommitment,
    #[error("Deze toezegging is al afgehandeld.")]
    CommitmentSettled,
    #[error("Deze escalatie bestaat niet.")]
    UnknownEscalation,
    #[error("Deze escalatie is al beantwoord.")]
    EscalationAnswered,
    #[error("Deze klacht is niet afgerond en kan dus niet heropend worden.")]
    NotClosed,
    #[error("U hebt uw mening over de afhandeling al gegeven. Dank u wel.")]
    FeedbackGiven,
    #[error("Er is geen verzoek om de klacht opnieuw te bekijken.")]
    NoReopenRequest,
    #[error("Start eerst de formele behandeling (oordelen).")]
    FormalNotStarted,
    #[error("De formele behandeling is al gestart.")]
    FormalAlreadyStarted,
    #[error("Voor deze klacht is al een adviescommissie ingesteld.")]
    CommitteeAppointed,
    #[error("Voor deze klacht is geen adviescommissie ingesteld.")]
    NoCommittee,
    #[error("Het advies van de commissie is al vastgelegd.")]
    AdviceRecorded,
    #[error(
        "De behandeling is al een keer verdaagd. Dat kan maar één keer (Awb 9:11 lid 2); meer uitstel kan alleen met schriftelijke instemming van de klager (Awb 9:11 lid 3)."
    )]
    AlreadyPostponed,
    #[error("Deze hoorzitting bestaat niet.")]
    UnknownHearing,
    #[error("Van deze hoorzitting is al een verslag vastgelegd.")]
    HearingReported,
    #[error("De klager is al gehoord; afzien van horen kan niet meer.")]
    ComplainantHeard,
    #[error("Dit klachtonderdeel bestaat niet.")]
    UnknownPart,
    #[error("Het verzoek aan de ombudsman is al vastgelegd.")]
    OmbudsmanRecorded,
    #[error("Leg eerst vast dat de burger naar de ombudsman is gegaan.")]
    NoOmbudsmanRequest,
    #[error("Dit bewijsstuk bestaat niet.")]
    UnknownEvidence,
    #[error("Dit bewijsstuk is geen geluidsopname.")]
    NotARecording,
    #[error("Deze gedragslijn bestaat niet.")]
    UnknownProtocol,
    #[error("Deze gedragslijn is al beëindigd.")]
    ProtocolEnded,
    /// The case has nothing for this letter yet; the text says what.
    #[error("Deze brief past nog niet bij de klacht: {0}")]
    LetterDoesNotFit(String),
    #[error("Deze brief bestaat niet.")]
    UnknownLetter,
    #[error("Deze brief is al afgeleverd.")]
    LetterDelivered,
    #[error("Dit leerpunt bestaat niet.")]
    UnknownLesson,
    #[error("Dit leerpunt bestaat al.")]
    LessonExists,
    #[error("Dit leerpunt is nog niet afgesproken. Spreek eerst een verbeteractie af.")]
    LessonNotAgreed,
    #[error("Dit leerpunt is al uitgevoerd of afgewezen. Dat kunt u niet meer veranderen.")]
    LessonFinished,
    #[error("Alleen een afgewezen leerpunt kunt u opnieuw voorstellen.")]
    LessonNotRejected,
    /// A positive lesson is done once it is passed on; nothing to carry out.
    #[error("Een positief leerpunt heeft geen verbeteractie. Het is klaar als het is doorgegeven.")]
    PositiveLesson,
}

impl DomainError {
    /// A stable, machine-readable code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid",
            Self::AlreadyRegistered => "already_registered",
            Self::NotRegistered => "not_registered",
            Self::CaseClosed => "case_closed",
            Self::NotPermitted => "not_permitted",
            Self::NotImpartial(_) => "not_impartial",
            Self::ControlQuestionMissing => "control_question_missing",
            Self::NotSatisfied => "not_satisfied",
            Self::UnknownCommitment => "unknown_commitment",
            Self::CommitmentSettled => "commitment_settled",
            Self::UnknownEscalation => "unknown_escalation",
            Self::EscalationAnswered => "escalation_answered",
            Self::NotClosed => "not_closed",
            Self::FeedbackGiven => "feedback_given",
            Self::NoReopenRequest => "no_reopen_request",
            Self::FormalNotStarted => "formal_not_started",
            Self::FormalAlreadyStarted => "formal_already_started",
            Self::CommitteeAppointed => "committee_appointed",
            Self::NoCommittee => "no_committee",
            Self::AdviceRecorded => "advice_recorded",
            Self::AlreadyPostponed => "already_postponed",
            Self::UnknownHearing => "unknown_hearing",
            Self::HearingReported => "hearing_reported",
            Self::ComplainantHeard => "complainant_heard",
            Self::UnknownPart => "unknown_part",
            Self::OmbudsmanRecorded => "ombudsman_recorded",
            Self::NoOmbudsmanRequest => "no_ombudsman_request",
            Self::UnknownEvidence => "unknown_evidence",
            Self::NotARecording => "not_a_recording",
            Self::UnknownProtocol => "unknown_protocol",
            Self::ProtocolEnded => "protocol_ended",
            Self::LetterDoesNotFit(_) => "letter_does_not_fit",
            Self::UnknownLetter => "unknown_letter",
            Self::LetterDelivered => "letter_delivered",
            Self::UnknownLesson => "unknown_lesson",
            Self::LessonExists => "lesson_exists",
            Self::LessonNotAgreed => "lesson_not_agreed",
            Self::LessonFinished => "lesson_finished",
            Self::LessonNotRejected => "lesson_not_rejected",
            Self::PositiveLesson => "positive_lesson",
        }
    }

    /// The field problems, if this is an input error.
    #[must_use]
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

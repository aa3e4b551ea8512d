//! Rule of thumb 4 on the case page: formal handling under the Awb. One
//! POST handler per formal command, in the style of `case_actions`.
//!
//! Input ids are unique on the whole case page, so fields that several
//! forms share a domain name for (a reason, a motivation, a report) get a
//! form-specific id and a rename.

use axum::{
    extract::{Path, State},
    response::Response,
};
use gehoord_domain::{
    Command, Role,
    formal::{FormalCommand, HearingPlan},
    hearing::{HearingReport, HearingSetting, HearingWaiver, HearingWaiverGround, Participant, ParticipantRole},
    judgment::{Judgment, Verdict},
    norm::Norm,
    not_handling::{NotHandling, NotHandlingGround},
    ombudsman::OmbudsmanConclusion,
    time::date_in_amsterdam,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    case::ActionForm,
    case_actions::{Attempt, choose, optional_date, required_date, run, some, ticked, yes_no},
    case_id,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormPairs, FormState, HtmlForm, amsterdam_instant, parse_time},
};

/// The section of the case page for rule of thumb 4.
const SECTION: &str = "oordelen";

const DATE_HINT: &str = "Vul een datum in zoals 15-03-2026.";

fn formal(command: FormalCommand) -> Command {
    Command::Formal(command)
}

/// One name per line, blanks dropped.
fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StartForm {
    formal_reason: String,
    signed: String,
}

/// Starts formal handling, re-assessing Awb 9:4 with the signature.
pub async fn start_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<StartForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default().with("formalReason", &input.formal_reason).with("signed", &input.signed);
    let signed = yes_no(&input.signed, &mut form, "signed", "Kies of de klacht ondertekend is.");
    let a = Attempt::new(ActionForm::FormalStart, form, SECTION, "start_formal_handling")
        .command(formal(FormalCommand::Start { reason: input.formal_reason, signed: signed.unwrap_or(false) }))
        .rename("reason", "formalReason")
        .order(&["formalReason", "signed"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NotHandleForm {
    ground: String,
    not_handling_motivation: String,
    personal_contact: String,
    not_handling_notice_on: String,
    not_handling_no_lesson: String,
}

/// Awb 9:8: not handling the complaint, which closes the case.
pub async fn not_handle_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<NotHandleForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("ground", &input.ground)
        .with("notHandlingMotivation", &input.not_handling_motivation)
        .with("personalContact", &input.personal_contact)
        .with("notHandlingNoticeOn", &input.not_handling_notice_on)
        .with("notHandlingNoLesson", &input.not_handling_no_lesson);
    let today = date_in_amsterdam(state.clock.now());
    let ground = choose(
        &input.ground,
        NotHandlingGround::from_code,
        &mut form,
        "ground",
        "Kies de grond waarop de klacht niet behandeld wordt.",
    );
    let notice = required_date(&input.not_handling_notice_on, &mut form, "notHandlingNoticeOn", DATE_HINT);
    let decision = NotHandling {
        ground: ground.unwrap_or(NotHandlingGround::InsufficientInterest),
        motivation: input.not_handling_motivation,
        personal_contact_made: ticked(&input.personal_contact),
        notice_sent_on: notice.unwrap_or(today),
    };
    let a = Attempt::new(ActionForm::NotHandle, form, SECTION, "not_handle")
        .command(formal(FormalCommand::NotHandle { decision, no_lesson_reason: some(&input.not_handling_no_lesson) }))
        .rename("motivation", "notHandlingMotivation")
        .rename("noLessonReason", "notHandlingNoLesson")
        .rename("noticeSentOn", "notHandlingNoticeOn")
        .order(&["ground", "notHandlingMotivation", "personalContact", "notHandlingNoticeOn", "notHandlingNoLesson"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommitteeForm {
    members: String,
}

/// Awb 9:14: an advisory committee advises on this complaint.
pub async fn committee_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CommitteeForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("members", &input.members);
    let a = Attempt::new(ActionForm::Committee, form, "adviescommissie", "appoint_committee")
        .command(formal(FormalCommand::AppointCommittee { members: lines(&input.members).collect() }))
        .order(&["members"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PostponeForm {
    weeks: String,
    postpone_reason: String,
    notified_on: String,
    respondent_notified: String,
}

/// Awb 9:11 lid 2: the one postponement.
pub async fn postpone_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<PostponeForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("weeks", &input.weeks)
        .with("postponeReason", &input.postpone_reason)
        .with("notifiedOn", &input.notified_on)
        .with("respondentNotified", &input.respondent_notified);
    let weeks = input.weeks.trim().parse::<u32>().ok();
    if weeks.is_none() {
        form.error("weeks", "Kies met hoeveel weken u de behandeling verdaagt: 1 tot en met 4.");
    }
    let notified = required_date(&input.notified_on, &mut form, "notifiedOn", DATE_HINT);
    let command = FormalCommand::Postpone {
        weeks: weeks.unwrap_or(1),
        reason: input.postpone_reason,
        complainant_notified_on: notified.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
        respondent_notified: ticked(&input.respondent_notified),
    };
    let a = Attempt::new(ActionForm::Postpone, form, "termijn", "postpone")
        .command(formal(command))
        .rename("reason", "postponeReason")
        .order(&["weeks", "postponeReason", "notifiedOn", "respondentNotified"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConsentForm {
    consent_until: String,
    given_on: String,
    consent_how: String,
}

/// Awb 9:11 lid 3: further delay with the complainant's written consent.
pub async fn consent_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ConsentForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("consentUntil", &input.consent_until)
        .with("givenOn", &input.given_on)
        .with("consentHow", &input.consent_how);
    let today = date_in_amsterdam(state.clock.now());
    let until = required_date(&input.consent_until, &mut form, "consentUntil", DATE_HINT);
    let given = required_date(&input.given_on, &mut form, "givenOn", DATE_HINT);
    let command = FormalCommand::RecordConsent {
        until: until.unwrap_or(today),
        given_on: given.unwrap_or(today),
        how: input.consent_how,
    };
    let a = Attempt::new(ActionForm::Consent, form, "termijn", "record_consent")
        .command(formal(command))
        .rename("how", "consentHow")
        .order(&["consentUntil", "givenOn", "consentHow"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CopyForm {
    copy_to: String,
    sent_on: String,
    enclosures: String,
}

/// Awb 9:9: the respondent received the complaint and its enclosures.
pub async fn respondent_copy_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CopyForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("copyTo", &input.copy_to)
        .with("sentOn", &input.sent_on)
        .with("enclosures", &input.enclosures);
    let on = required_date(&input.sent_on, &mut form, "sentOn", DATE_HINT);
    let command = FormalCommand::RecordRespondentCopy {
        to: input.copy_to,
        on: on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
        enclosures: some(&input.enclosures),
    };
    let a = Attempt::new(ActionForm::RespondentCopy, form, "kopie-beklaagde", "respondent_copy")
        .command(formal(command))
        .rename("respondentName", "copyTo")
        .order(&["copyTo", "sentOn", "enclosures"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HearingForm {
    hearing_date: String,
    hearing_time: String,
    place: String,
    setting: String,
    complainant_heard: String,
    respondent_names: String,
    witnesses: String,
    third_parties: String,
    third_party_consent: String,
    round: String,
    by_committee: String,
}

/// Awb 9:10: plans a hearing session.
pub async fn hearing_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<HearingForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("hearingDate", &input.hearing_date)
        .with("hearingTime", &input.hearing_time)
        .with("place", &input.place)
        .with("setting", &input.setting)
        .with("complainantHeard", &input.complainant_heard)
        .with("respondentNames", &input.respondent_names)
        .with("witnesses", &input.witnesses)
        .with("thirdParties", &input.third_parties)
        .with("thirdPartyConsent", &input.third_party_consent)
        .with("round", &input.round)
        .with("byCommittee", &input.by_committee);
    let date = required_date(&input.hearing_date, &mut form, "hearingDate", DATE_HINT);
    let time = parse_time(&input.hearing_time);
    if time.is_none() {
        form.error("hearingTime", "Vul een tijd in zoals 10:30.");
    }
    let at = date.zip(time).and_then(|(d, t)| amsterdam_instant(d, t));
    let setting = choose(
        &input.setting,
        HearingSetting::from_code,
        &mut form,
        "setting",
        "Kies of klager en beklaagde samen of apart gehoord worden.",
    );
    let round = choose(
        &input.round,
        |r| r.parse::<u8>().ok().filter(|r| (1..=2).contains(r)),
        &mut form,
        "round",
        "Kies de eerste of de tweede ronde.",
    );
    let participants = [
        (ParticipantRole::Complainant, input.complainant_heard.as_str()),
        (ParticipantRole::Respondent, input.respondent_names.as_str()),
        (ParticipantRole::Witness, input.witnesses.as_str()),
        (ParticipantRole::ThirdParty, input.third_parties.as_str()),
    ]
    .into_iter()
    .flat_map(|(role, text)| lines(text).map(move |name| Participant { role, name }).collect::<Vec<_>>())
    .collect();
    let plan = HearingPlan {
        id: Uuid::now_v7(),
        at: at.unwrap_or_else(|| state.clock.now()),
        place: input.place,
        setting: setting.unwrap_or(HearingSetting::Together),
        participants,
        round: round.unwrap_or(1),
        by_committee: ticked(&input.by_committee),
        third_party_consent: ticked(&input.third_party_consent),
    };
    let a = Attempt::new(ActionForm::Hearing, form, "horen", "plan_hearing")
        .command(formal(FormalCommand::PlanHearing(plan)))
        .order(&[
            "hearingDate",
            "hearingTime",
            "place",
            "setting",
            "participants",
            "thirdPartyConsent",
            "round",
            "byCommittee",
        ]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReportForm {
    hearing_id: String,
    held_on: String,
    hearing_report: String,
    accounts_differ: String,
}

/// Awb 9:10 lid 3: the report of a session that took place.
pub async fn report_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<ReportForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("hearingId", &input.hearing_id)
        .with("heldOn", &input.held_on)
        .with("hearingReport", &input.hearing_report)
        .with("accountsDiffer", &input.accounts_differ);
    let hearing = choose(&input.hearing_id, |h| h.parse::<Uuid>().ok(), &mut form, "hearingId", "Kies de hoorzitting.");
    let held_on = required_date(&input.held_on, &mut form, "heldOn", DATE_HINT);
    let report = HearingReport {
        held_on: held_on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
        text: input.hearing_report,
        accounts_differ: ticked(&input.accounts_differ),
    };
    let mut a = Attempt::new(ActionForm::HearingReport, form, "horen", "hearing_report")
        .rename("report", "hearingReport")
        .order(&["hearingId", "heldOn", "hearingReport", "accountsDiffer"]);
    if let Some(hearing) = hearing {
        a = a.command(formal(FormalCommand::RecordHearingReport { id: hearing, report }));
    }
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WaiverForm {
    waiver_ground: String,
    waiver_explanation: String,
}

/// Awb 9:10 lid 2: not hearing the complainant, on a legal ground.
pub async fn waiver_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<WaiverForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("waiverGround", &input.waiver_ground)
        .with("waiverExplanation", &input.waiver_explanation);
    let ground = choose(
        &input.waiver_ground,
        HearingWaiverGround::from_code,
        &mut form,
        "waiverGround",
        "Kies de grond uit de wet (Awb 9:10 lid 2). Een andere reden is er niet.",
    );
    let waiver = HearingWaiver {
        ground: ground.unwrap_or(HearingWaiverGround::ComplainantDeclined),
        explanation: input.waiver_explanation,
    };
    let a = Attempt::new(ActionForm::Waiver, form, "horen", "waive_hearing")
        .command(formal(FormalCommand::WaiveHearing(waiver)))
        .rename("explanation", "waiverExplanation")
        .order(&["waiverGround", "waiverExplanation"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PartForm {
    part_description: String,
}

/// Adds a complaint part.
pub async fn part_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<PartForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let form = FormState::default().with("partDescription", &input.part_description);
    let a = Attempt::new(ActionForm::Part, form, "klachtonderdelen", "add_part")
        .command(formal(FormalCommand::AddPart { id: Uuid::now_v7(), description: input.part_description }))
        .order(&["partDescription"]);
    run(&state, &staff, &csrf, id, a).await
}

/// Judges one part. Read as pairs because the norms are a list of
/// checkboxes with one name.
pub async fn judge_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(pairs): HtmlForm<FormPairs>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let get = |name: &str| pairs.get(name);
    let norms = pairs.codes("norm", Norm::from_code);
    let mut form = pairs.form_state(
        &["partId", "verdict", "factsEstablished", "lawfulnessTested", "judgmentMotivation", "apology", "compensation"],
        norms.iter().map(|n| n.code()),
    );
    let part = choose(get("partId"), |p| p.parse::<Uuid>().ok(), &mut form, "partId", "Kies het klachtonderdeel.");
    let verdict = choose(get("verdict"), Verdict::from_code, &mut form, "verdict", "Kies een oordeel.");
    let facts =
        yes_no(get("factsEstablished"), &mut form, "factsEstablished", "Kies of de feiten vast te stellen zijn.");
    let judgment = Judgment {
        verdict: verdict.unwrap_or(Verdict::NoJudgment),
        facts_established: facts.unwrap_or(true),
        lawfulness_tested: ticked(get("lawfulnessTested")),
        norms,
        motivation: get("judgmentMotivation").to_owned(),
        apology: some(get("apology")),
        compensation: some(get("compensation")),
    };
    let mut a = Attempt::new(ActionForm::Judge, form, "klachtonderdelen", "judge_part")
        .rename("motivation", "judgmentMotivation")
        .order(&["partId", "factsEstablished", "verdict", "norms", "judgmentMotivation", "apology", "compensation"]);
    if let Some(part) = part {
        a = a.command(formal(FormalCommand::JudgePart { id: part, judgment }));
    }
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AdviceForm {
    advised_on: String,
    committee_report: String,
    advice: String,
}

/// Awb 9:15: the committee's report and advice.
pub async fn advice_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<AdviceForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("advisedOn", &input.advised_on)
        .with("committeeReport", &input.committee_report)
        .with("advice", &input.advice);
    let on = required_date(&input.advised_on, &mut form, "advisedOn", DATE_HINT);
    let command = FormalCommand::RecordCommitteeAdvice {
        on: on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
        report: input.committee_report,
        advice: input.advice,
    };
    let a = Attempt::new(ActionForm::Advice, form, "adviescommissie", "committee_advice")
        .command(formal(command))
        .rename("report", "committeeReport")
        .order(&["advisedOn", "committeeReport", "advice"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CloseJudgedForm {
    conclusions: String,
    follows_advice: String,
    departure_reason: String,
    judged_no_lesson: String,
}

/// Awb 9:12: closes with findings, judgment and conclusions. What is still
/// missing elsewhere on the page links to its section.
pub async fn close_judged_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<CloseJudgedForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("conclusions", &input.conclusions)
        .with("followsAdvice", &input.follows_advice)
        .with("departureReason", &input.departure_reason)
        .with("judgedNoLesson", &input.judged_no_lesson);
    // Awb 9:16: with a committee, say whether the decision follows its
    // advice; departing from it needs the reasons.
    let view = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let departs = if view.detail.formal_handling.committee.is_some() {
        let follows = yes_no(
            &input.follows_advice,
            &mut form,
            "followsAdvice",
            "Kies of de beslissing het advies van de commissie volgt.",
        );
        if follows == Some(false) && input.departure_reason.trim().is_empty() {
            form.error("departureReason", "Leg uit waarom de beslissing afwijkt van het advies (Awb 9:16).");
        }
        follows == Some(false)
    } else {
        false
    };
    let command = FormalCommand::CloseJudged {
        conclusions: input.conclusions,
        departure_reason: if departs { some(&input.departure_reason) } else { None },
        no_lesson_reason: some(&input.judged_no_lesson),
    };
    let a = Attempt::new(ActionForm::CloseJudged, form, SECTION, "close_judged")
        .command(formal(command))
        .rename("parts", "klachtonderdelen")
        .rename("hearing", "horen")
        .rename("respondentCopy", "kopie-beklaagde")
        .rename("advice", "adviescommissie")
        .rename("evidence", "bewijs")
        .rename("noLessonReason", "judgedNoLesson")
        .order(&[
            "bewijs",
            "kopie-beklaagde",
            "horen",
            "adviescommissie",
            "klachtonderdelen",
            "conclusions",
            "followsAdvice",
            "departureReason",
            "judgedNoLesson",
        ]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OmbudsmanForm {
    ombudsman_name: String,
    requested_on: String,
    ombudsman_reference: String,
}

/// Step 3: the citizen went to the ombudsman (also after closing).
pub async fn ombudsman_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<OmbudsmanForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("ombudsmanName", &input.ombudsman_name)
        .with("requestedOn", &input.requested_on)
        .with("ombudsmanReference", &input.ombudsman_reference);
    let on = required_date(&input.requested_on, &mut form, "requestedOn", DATE_HINT);
    let command = FormalCommand::RecordOmbudsmanRequest {
        ombudsman: input.ombudsman_name,
        on: on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
        reference: some(&input.ombudsman_reference),
    };
    let a = Attempt::new(ActionForm::Ombudsman, form, "ombudsman", "ombudsman_request")
        .command(formal(command))
        .rename("ombudsman", "ombudsmanName")
        .order(&["ombudsmanName", "requestedOn", "ombudsmanReference"]);
    run(&state, &staff, &csrf, id, a).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OmbudsmanConclusionForm {
    concluded_on: String,
    ombudsman_outcome: String,
    recommendations: String,
    response: String,
}

/// Step 3: the ombudsman's outcome and what the organisation does with it.
pub async fn ombudsman_conclusion_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(input): HtmlForm<OmbudsmanConclusionForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let mut form = FormState::default()
        .with("concludedOn", &input.concluded_on)
        .with("ombudsmanOutcome", &input.ombudsman_outcome)
        .with("recommendations", &input.recommendations)
        .with("response", &input.response);
    let on = optional_date(&input.concluded_on, &mut form, "concludedOn");
    let conclusion = OmbudsmanConclusion {
        concluded_on: on.unwrap_or_else(|| date_in_amsterdam(state.clock.now())),
        outcome: input.ombudsman_outcome,
        recommendations: some(&input.recommendations),
        response: input.response,
    };
    let a = Attempt::new(ActionForm::OmbudsmanConclusion, form, "ombudsman", "ombudsman_conclusion")
        .command(formal(FormalCommand::RecordOmbudsmanConclusion(conclusion)))
        .order(&["concludedOn", "ombudsmanOutcome", "recommendations", "response"]);
    run(&state, &staff, &csrf, id, a).await
}

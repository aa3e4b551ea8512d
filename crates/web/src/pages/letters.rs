//! Letters: the section "Brieven" on the case page (what was sent, how it
//! went, and which letters can be drafted), the draft page where the handler
//! edits a drafted letter block by block and sees the check and the
//! readability, and the actions on a sent letter: resend a failed e-mail,
//! record the day a letter was posted.
//!
//! The draft page is one form. "Controleren" posts it back to the draft
//! page: the edited letter is checked again and nothing is sent.
//! "Versturen" posts it to `/klachten/{id}/brieven`, where the rules check it
//! once more; a blocking finding needs a reason to send anyway.
//!
//! Form contract of the draft page: `soort` (the letter kind) and `letterId`
//! (so sending twice sends once); the recipient `recipientName`,
//! `recipientAddress`, `recipientEmail`, `delivery` (`email` or `post`) and
//! `subject`; per block `i`, from 0 in reading order, `block-{i}-kind` and
//! `block-{i}-text`, with `block-{i}-id`, `-verdict`, `-date`, `-name`,
//! `-until` and `-organisation` where the kind of block has them, and the
//! checkbox `block-{i}-remove` to leave the block out; a reason per blocking
//! finding in `override-{code}`.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    CaseState, Command, DomainError, Role,
    case::{Case, Rules},
    decide,
    error::{Field, FieldError},
    letter::{
        Block, Branding, Delivery, Finding, FindingCode, Letter, LetterKind, LetterTexts, Override, Readability,
        Recipient, Sender, Severity, check, draft, readability,
    },
    time::{LongDate, date_in_amsterdam},
};
use gehoord_store::{Delivery as OutboxRow, NewAttachment, StoreError, User};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use super::{
    case::ActionForm,
    case_actions::{Attempt, required_date, run},
    case_id, layout,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormPairs, FormState, HtmlForm},
    view::{self, Layout},
};

/// The section of the case page, and the fragment actions return to.
const SECTION: &str = "brieven";

/// More blocks than any drafted letter has; a form with more is not ours.
const MAX_BLOCKS: usize = 100;

/// Block fields kept in hidden inputs, as named in the form (`block-{i}-…`).
/// `id` carries a commitment's id and a part's id (`part_id`) alike.
const HIDDEN: [&str; 6] = ["id", "verdict", "date", "name", "until", "organisation"];

fn garbled() -> PageError {
    PageError::BadRequest(
        "Het formulier is niet goed aangekomen. Laad de pagina opnieuw en probeer het nog eens.".to_owned(),
    )
}

/// Letters that close a case, and so can still go out after closing.
const fn after_closing(kind: LetterKind) -> bool {
    matches!(
        kind,
        LetterKind::NotHandling | LetterKind::Forwarding | LetterKind::ClosingSolved | LetterKind::ClosingJudged
    )
}

/// The case as folded from its events.
async fn load(state: &AppState, id: Uuid) -> Result<Case, PageError> {
    let events = state.store.events(id).await?;
    CaseState::from_events(events.iter().map(|e| &e.event)).case().cloned().ok_or(PageError::NotFound)
}

/// The organisation and the handler who signs.
/// What drafting and typesetting need from the organisation: its wording
/// and its house style.
struct Stationery {
    texts: LetterTexts,
    branding: Branding,
}

impl Stationery {
    async fn load(state: &AppState) -> Result<Self, PageError> {
        let branding = state
            .store
            .branding()
            .await?
            .unwrap_or_else(|| Branding { organisation: "Gehoord".to_owned(), ..Branding::default() });
        Ok(Self { texts: state.store.letter_texts().await?, branding })
    }

    fn sender(&self, staff: &User) -> Sender {
        Sender::signing_for(&self.branding, &staff.display_name)
    }
}

/// The letter as PDF. Typesetting is CPU work; it runs off the request
/// threads.
pub(crate) async fn typeset(letter: Letter, branding: Branding) -> Result<Vec<u8>, PageError> {
    tokio::task::spawn_blocking(move || gehoord_letters::render_pdf(&letter, &branding))
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?
        .map_err(|e| PageError::Internal(e.to_string()))
}

// ---------------------------------------------------------------------------
// The section on the case page

/// The section "Brieven" of the case page.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub sent: Vec<SentLine>,
    /// The letters the handler can draft now.
    pub offers: Vec<Offer>,
    /// The letters that do not fit the case yet.
    pub not_yet: Vec<NotYet>,
    /// Handlers and managers: draft, resend, record posting.
    pub may_send: bool,
    /// Today as the posting date starts: 15-03-2026.
    pub today: String,
}

/// One letter as sent.
#[derive(Debug, Clone)]
pub struct SentLine {
    pub id: Uuid,
    pub kind: &'static str,
    pub date: String,
    pub sent_at: String,
    pub sent_iso: String,
    pub by: String,
    pub recipient: String,
    pub subject: String,
    pub by_email: bool,
    /// By e-mail and still waiting: the error of the last attempt, if one
    /// failed and another follows.
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
    /// By e-mail: given up; a person resends it.
    pub failed: Option<String>,
    /// By post: the day it was posted.
    pub posted_on: Option<String>,
    /// Blocking findings sent anyway: what, and why.
    pub overrides: Vec<(&'static str, String)>,
    /// The letter as the recipient reads it.
    pub text: String,
    /// The posting form's id and its date field's id (unique on the page).
    pub posted_anchor: String,
    pub posted_field: String,
}

/// A letter the handler can draft: a link to its draft page.
#[derive(Debug, Clone)]
pub struct Offer {
    pub label: &'static str,
    pub href: String,
}

/// A letter that does not fit the case yet, and why.
#[derive(Debug, Clone)]
pub struct NotYet {
    pub label: &'static str,
    pub why: String,
}

/// The section for `staff` on the case `id`.
pub(super) async fn section(
    state: &AppState,
    staff: &User,
    id: Uuid,
    case: &Case,
    rules: &Rules,
    today: Date,
) -> Result<Section, PageError> {
    let rows: Vec<OutboxRow> = if case.letters.iter().any(|l| l.letter.delivery == Delivery::Email) {
        state.store.deliveries(id).await?
    } else {
        Vec::new()
    };
    let sent = case
        .letters
        .iter()
        .map(|s| {
            let row = rows.iter().find(|r| r.letter_id == s.id);
            let by_email = s.letter.delivery == Delivery::Email;
            let delivered =
                s.delivered_at.or_else(|| row.filter(|r| r.status == "delivered").and_then(|r| r.delivered_at));
            let failed = row.filter(|r| r.status == "failed" && delivered.is_none());
            let recipient = &s.letter.recipient;
            let to = match s.letter.delivery {
                Delivery::Email => recipient.email.clone(),
                Delivery::Post => recipient.address.clone().map(|a| a.replace('\n', ", ")),
            };
            SentLine {
                id: s.id,
                kind: s.letter.kind.label(),
                date: view::long_date(s.letter.date),
                sent_at: view::date_time(s.sent_at),
                sent_iso: view::iso(s.sent_at),
                by: s.sent_by.clone(),
                recipient: to.map_or_else(|| recipient.name.clone(), |to| format!("{} ({to})", recipient.name)),
                subject: s.letter.subject.clone(),
                by_email,
                last_error: row.filter(|r| r.status == "pending").and_then(|r| r.last_error.clone()),
                delivered_at: delivered.map(view::date_time),
                failed: failed.map(|r| r.last_error.clone().unwrap_or_else(|| "onbekende fout".to_owned())),
                posted_on: s.posted_on.map(view::long_date),
                overrides: s.overrides.iter().map(|o| (o.code.label(), o.reason.clone())).collect(),
                text: s.letter.plain_text(),
                posted_anchor: ActionForm::Posted(s.id).anchor(),
                posted_field: format!("postedOn-{}", s.id),
            }
        })
        .collect();
    let may_send = staff.role.may_handle();
    let (mut offers, mut not_yet) = (Vec::new(), Vec::new());
    if may_send {
        // Whether a letter fits depends on the case alone, not on wording or
        // signer: the defaults spare the case page the house style's queries.
        let signer = Sender { organisation: String::new(), name: staff.display_name.clone() };
        for kind in LetterKind::ALL.into_iter().filter(|k| case.is_open() || after_closing(*k)) {
            let label = kind.label();
            match draft(kind, case, rules, &LetterTexts::default(), &signer, today) {
                Ok(_) => {
                    offers.push(Offer { label, href: format!("/klachten/{id}/brieven/nieuw?soort={}", kind.code()) })
                }
                Err(DomainError::LetterDoesNotFit(why)) => not_yet.push(NotYet { label, why }),
                Err(e) => not_yet.push(NotYet { label, why: e.to_string() }),
            }
        }
    }
    Ok(Section { sent, offers, not_yet, may_send, today: view::short_civil_date(today) })
}

// ---------------------------------------------------------------------------
// The draft page

/// One block of the letter as a field on the draft page.
#[derive(Debug, Clone)]
pub struct BlockField {
    pub index: usize,
    pub label: String,
    pub hint: Option<String>,
    pub text: String,
    /// `(name, value)` of the hidden inputs that keep the block's kind and ids.
    pub hidden: Vec<(String, String)>,
    /// The signature is shown, not edited.
    pub editable: bool,
    pub rows: usize,
    /// What the check found in this block: `(blocking, message)`.
    pub notes: Vec<(bool, String)>,
}

impl BlockField {
    fn blocked(&self) -> bool {
        self.notes.iter().any(|(blocking, _)| *blocking)
    }

    /// The ids that describe the textarea.
    fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("block-{}-hint", self.index));
        }
        if !self.notes.is_empty() {
            ids.push(format!("block-{}-note", self.index));
        }
        ids.join(" ")
    }
}

/// One finding of the check, as the page lists it.
#[derive(Debug, Clone)]
pub struct FindingLine {
    pub blocking: bool,
    pub severity: &'static str,
    pub code: &'static str,
    pub code_label: &'static str,
    pub message: String,
    /// The textarea of the block it is about, and the block's label.
    pub block_target: Option<String>,
    pub block_label: String,
    /// The first blocking finding of its code carries the reason field.
    pub asks_reason: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "letters/draft.html")]
pub struct DraftPage {
    layout: Layout,
    case_id: Uuid,
    reference: String,
    kind: LetterKind,
    letter_id: Uuid,
    date: String,
    /// The recipient's fields and the subject, with every error of the page.
    form: FormState,
    deliveries: &'static [Delivery],
    blocks: Vec<BlockField>,
    findings: Vec<FindingLine>,
    blocking: usize,
    /// The reasons typed per finding code.
    reasons: FormState,
    readability: Readability,
    /// "Controleren" was pressed.
    rechecked: bool,
}

impl DraftPage {
    fn reason_error(&self, code: &str) -> Option<&str> {
        self.form.error_for(&format!("override-{code}"))
    }

    fn reasons_of(&self, note: &gehoord_domain::letter::SentenceNote) -> String {
        note.reasons.join("; ")
    }
}

/// A letter as edited on the draft page, with what was typed.
struct Edited {
    letter_id: Uuid,
    letter: Letter,
    /// The recipient's fields and the subject, with the web's own problems.
    form: FormState,
    reasons: FormState,
    overrides: Vec<Override>,
    /// "Controleren" was pressed.
    rechecked: bool,
}

impl Edited {
    fn command(&self, pdf_sha256: Option<String>) -> Command {
        Command::SendLetter {
            id: self.letter_id,
            letter: Box::new(self.letter.clone()),
            overrides: self.overrides.clone(),
            pdf_sha256,
        }
    }
}

/// The recipient's fields and the subject as a fresh draft fills them.
fn values(letter: &Letter) -> FormState {
    FormState::default()
        .with("recipientName", letter.recipient.name.clone())
        .with("recipientAddress", letter.recipient.address.clone().unwrap_or_default())
        .with("recipientEmail", letter.recipient.email.clone().unwrap_or_default())
        .with("delivery", letter.delivery.code())
        .with("subject", letter.subject.clone())
}

/// The Dutch name of a block, and a line about what it holds.
fn describe(block: &Block, case: &Case) -> (String, Option<String>) {
    let plain = |label: &str| (label.to_owned(), None);
    match block {
        Block::Salutation { .. } => plain("Aanhef"),
        Block::Paragraph { .. } => plain("Alinea"),
        Block::Procedure { .. } => plain("Procedure"),
        Block::ExpectedTerm { date, .. } => (
            "Termijn".to_owned(),
            Some(format!(
                "De datum in deze brief: uiterlijk {}. De controle vergelijkt die met de wettelijke termijn.",
                LongDate(*date)
            )),
        ),
        Block::Hearing { .. } => plain("Horen"),
        Block::Committee { .. } => plain("Adviescommissie"),
        Block::HearingDetails { .. } => plain("Het gesprek: wanneer, waar en met wie"),
        Block::NotHandlingGround { .. } => plain("Waarom de klacht niet behandeld wordt"),
        Block::PostponementReason { .. } => plain("Waarom het langer duurt"),
        Block::ForwardedTo { .. } => plain("Waar de klacht naartoe is gestuurd"),
        Block::Summary { .. } => plain("Samenvatting van de klacht"),
        Block::Agreement { .. } => plain("Afspraken"),
        Block::Commitment { id, .. } => {
            let what = case.commitments.iter().find(|c| c.id == *id).map(|c| c.what.as_str());
            (format!("Toezegging: {}", what.unwrap_or("onbekende toezegging")), None)
        }
        Block::Findings { .. } => plain("Bevindingen"),
        Block::PartVerdict { part_id, verdict, .. } => {
            let part = case.formal.parts.iter().find(|p| p.id == *part_id).map(|p| p.description.as_str());
            (
                format!(
                    "Oordeel over: {} ({})",
                    part.unwrap_or("onbekend klachtonderdeel"),
                    verdict.label().to_lowercase()
                ),
                None,
            )
        }
        Block::Conclusions { .. } => plain("Conclusies"),
        Block::CommitteeAdvice { .. } => plain("Advies van de adviescommissie"),
        Block::Apology { .. } => plain("Excuses"),
        Block::Lesson { .. } => plain("Wat wij leren"),
        Block::Ombudsman { name, until, .. } => (
            "Ombudsman".to_owned(),
            Some(match until {
                Some(until) => format!("{name}, tot en met {}.", LongDate(*until)),
                None => format!("{name}."),
            }),
        ),
        Block::ConductBehaviour { .. } => plain("Gedrag dat niet langer kan"),
        Block::ContactContinues { .. } => plain("Hoe het contact doorgaat"),
        Block::LegalRemedies { .. } => plain("Klagen, bezwaar en schrijven blijven mogelijk"),
        Block::DoorOpen { .. } => plain("De deur blijft open"),
        Block::Signature { .. } => plain("Ondertekening"),
    }
}

/// The blocks as fields: the block's own data in hidden inputs, read from
/// its stored form so every kind of block round-trips the same way.
fn fields(letter: &Letter, case: &Case, findings: &[Finding]) -> Vec<BlockField> {
    letter
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let mut hidden = Vec::new();
            if let Ok(Value::Object(map)) = serde_json::to_value(block) {
                for (key, value) in map {
                    let name = match key.as_str() {
                        "block" => "kind",
                        "part_id" => "id",
                        "text" => continue,
                        other => other,
                    };
                    let value = match value {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    hidden.push((format!("block-{i}-{name}"), value));
                }
            }
            let (label, hint) = describe(block, case);
            let (text, editable) = match block {
                Block::Signature { name, organisation } => {
                    (format!("Met vriendelijke groet,\n\n{name}\n{organisation}"), false)
                }
                other => (other.text().to_owned(), true),
            };
            let rows = (text.chars().count() / 60 + 2).clamp(2, 10);
            let notes = findings
                .iter()
                .filter(|f| f.block == Some(i))
                .map(|f| (f.severity == Severity::Blocking, f.message.clone()))
                .collect();
            BlockField { index: i, label, hint, text, hidden, editable, rows, notes }
        })
        .collect()
}

/// Text from a textarea: the browser's line ends, and no blanks around it.
fn typed(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

fn optional(text: &str) -> Option<String> {
    let text = typed(text);
    (!text.is_empty()).then_some(text)
}

/// Reads the edited letter from the draft page's form. Hidden fields that
/// do not read are a form that is not ours; what a person typed wrong comes
/// back as errors in the form state.
fn parse(pairs: &FormPairs, case: &Case, today: Date) -> Result<(LetterKind, Edited), PageError> {
    let kind = LetterKind::from_code(pairs.get("soort")).ok_or_else(garbled)?;
    let letter_id: Uuid = pairs.get("letterId").parse().map_err(|_| garbled())?;
    let mut form = FormState::default()
        .with("recipientName", pairs.get("recipientName"))
        .with("recipientAddress", pairs.get("recipientAddress"))
        .with("recipientEmail", pairs.get("recipientEmail"))
        .with("delivery", pairs.get("delivery"))
        .with("subject", pairs.get("subject"));
    let name = typed(pairs.get("recipientName"));
    if name.is_empty() {
        form.error("recipientName", "Vul de naam van de ontvanger in.");
    }
    let delivery = Delivery::from_code(pairs.get("delivery"));
    if delivery.is_none() {
        form.error("delivery", "Kies of de brief per e-mail of per post gaat.");
    }
    let subject = typed(pairs.get("subject"));
    if subject.is_empty() {
        form.error("subject", "Vul het onderwerp van de brief in.");
    }
    let mut blocks = Vec::new();
    for i in 0..MAX_BLOCKS {
        let field = |name: &str| pairs.get(&format!("block-{i}-{name}"));
        let kind = field("kind");
        if kind.is_empty() {
            break;
        }
        if field("remove") == "ja" {
            continue;
        }
        let mut map = Map::new();
        map.insert("block".into(), Value::String(kind.to_owned()));
        map.insert("text".into(), Value::String(typed(field("text"))));
        for name in HIDDEN {
            let value = field(name);
            let value = match name {
                "until" if value.is_empty() => Value::Null,
                "date" | "verdict" | "id" if value.is_empty() => continue,
                _ => Value::String(value.to_owned()),
            };
            if name == "id" {
                map.insert("part_id".into(), value.clone());
            }
            map.insert(name.into(), value);
        }
        blocks.push(serde_json::from_value::<Block>(Value::Object(map)).map_err(|_| garbled())?);
    }
    let mut reasons = FormState::default();
    let mut overrides = Vec::new();
    for code in FindingCode::ALL {
        let reason = typed(pairs.get(&format!("override-{}", code.code())));
        if !reason.is_empty() {
            reasons = reasons.with(code.code(), reason.clone());
            overrides.push(Override { code, reason });
        }
    }
    let letter = Letter {
        kind,
        reference: case.reference,
        date: today,
        recipient: Recipient {
            name,
            address: optional(pairs.get("recipientAddress")),
            email: optional(pairs.get("recipientEmail")),
        },
        // A stand-in, so the rules can still name their own problems.
        delivery: delivery.unwrap_or(Delivery::Post),
        subject,
        blocks,
    };
    Ok((kind, Edited { letter_id, letter, form, reasons, overrides, rechecked: false }))
}

/// The draft page for `edited`, checked against the case as it is.
async fn page(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    id: Uuid,
    case: &Case,
    rules: &Rules,
    edited: Edited,
) -> Result<DraftPage, PageError> {
    let findings = check(&edited.letter, case, rules);
    let blocks = fields(&edited.letter, case, &findings);
    let mut seen: Vec<FindingCode> = Vec::new();
    let lines = findings
        .iter()
        .map(|f| {
            let blocking = f.severity == Severity::Blocking;
            let asks_reason = blocking && !seen.contains(&f.code);
            if asks_reason {
                seen.push(f.code);
            }
            let block = f.block.and_then(|i| blocks.get(i)).filter(|b| b.editable);
            FindingLine {
                blocking,
                severity: f.severity.label(),
                code: f.code.code(),
                code_label: f.code.label(),
                message: f.message.clone(),
                block_target: block.map(|b| format!("block-{}-text", b.index)),
                block_label: block.map(|b| b.label.clone()).unwrap_or_default(),
                asks_reason,
            }
        })
        .collect();
    Ok(DraftPage {
        layout: layout(state, Some(&staff.0), csrf).await?,
        case_id: id,
        reference: case.reference.to_string(),
        kind: edited.letter.kind,
        letter_id: edited.letter_id,
        date: view::long_date(edited.letter.date),
        form: edited.form,
        deliveries: &Delivery::ALL,
        blocks,
        blocking: findings.iter().filter(|f| f.severity == Severity::Blocking).count(),
        findings: lines,
        reasons: edited.reasons,
        readability: readability(&edited.letter.plain_text()),
        rechecked: edited.rechecked,
    })
}

/// Refuses a letter the case has nothing for, and on a closed case every
/// letter but the closing ones.
fn drafting_allowed(kind: LetterKind, case: &Case) -> Result<(), PageError> {
    if case.is_open() || after_closing(kind) {
        Ok(())
    } else {
        Err(PageError::Conflict(DomainError::CaseClosed.to_string()))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DraftQuery {
    soort: String,
}

/// The drafted letter of the kind `soort`, ready to edit.
pub async fn draft_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(query): Query<DraftQuery>,
) -> Result<DraftPage, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let kind = LetterKind::from_code(&query.soort).ok_or(PageError::NotFound)?;
    let case = load(&state, id).await?;
    drafting_allowed(kind, &case)?;
    let rules = state.rules().await?;
    let today = date_in_amsterdam(state.clock.now());
    let stationery = Stationery::load(&state).await?;
    let letter = match draft(kind, &case, &rules, &stationery.texts, &stationery.sender(&staff.0), today) {
        Ok(letter) => letter,
        Err(e) => return Err(PageError::Conflict(e.to_string())),
    };
    let edited = Edited {
        letter_id: Uuid::now_v7(),
        form: values(&letter),
        letter,
        reasons: FormState::default(),
        overrides: Vec::new(),
        rechecked: false,
    };
    page(&state, &staff, &csrf, id, &case, &rules, edited).await
}

/// A submitted draft: the case it is for, the context, the edited letter.
struct Submitted {
    id: Uuid,
    case: Case,
    ctx: gehoord_domain::Context,
    edited: Edited,
}

async fn submitted(state: &AppState, staff: &Staff, id: &str, pairs: &FormPairs) -> Result<Submitted, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(id)?;
    let case = load(state, id).await?;
    let ctx = state.context(staff.actor()).await?;
    let (kind, edited) = parse(pairs, &case, date_in_amsterdam(ctx.now))?;
    drafting_allowed(kind, &case)?;
    Ok(Submitted { id, case, ctx, edited })
}

/// "Controleren": the edited letter checked again; nothing is sent.
pub async fn check_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(pairs): HtmlForm<FormPairs>,
) -> Result<Response, PageError> {
    let Submitted { id, case, ctx, mut edited } = submitted(&state, &staff, &id, &pairs).await?;
    // The way the letter goes needs its address: say so now, not at sending.
    let command = edited.command(None);
    if let Err(DomainError::Invalid(errors)) = decide(&CaseState::Registered(Box::new(case.clone())), command, &ctx) {
        let address: Vec<FieldError> =
            errors.into_iter().filter(|e| matches!(e.field, Field::Email | Field::Address)).collect();
        add_errors(&mut edited.form, &address, &[]);
    }
    order_errors(&mut edited.form, &edited.letter, &check(&edited.letter, &case, &ctx.rules));
    edited.rechecked = true;
    let page = page(&state, &staff, &csrf, id, &case, &ctx.rules, edited).await?;
    Ok(page.into_response())
}

/// The rules' problems under the ids of the draft page: a blocking finding
/// without a reason at its reason field, the addresses at theirs.
fn add_errors(form: &mut FormState, errors: &[FieldError], findings: &[Finding]) {
    // Without a way chosen, the address the stand-in needs is no problem yet.
    let unchosen = form.error_for("delivery").is_some();
    for e in errors {
        if unchosen && matches!(e.field, Field::Email | Field::Address) {
            continue;
        }
        let finding = findings.iter().find(|f| f.severity == Severity::Blocking && f.message == e.message);
        let (field, message) = match (e.field, finding) {
            (Field::Email, _) => ("recipientEmail".to_owned(), e.message.clone()),
            (Field::Address, _) => ("recipientAddress".to_owned(), e.message.clone()),
            (Field::Letter, Some(f)) => (
                format!("override-{}", f.code.code()),
                format!("{} Of schrijf op waarom de brief toch zo weg moet.", e.message),
            ),
            (Field::Letter, None) => ("controle".to_owned(), e.message.clone()),
            (other, _) => (other.name().to_owned(), e.message.clone()),
        };
        let known = form.errors.iter().any(|shown| shown.field == field && shown.message == message);
        if !known && (form.error_for(&field).is_none() || field.starts_with("override-") || field == "controle") {
            form.error(&field, message);
        }
    }
}

/// The error summary follows the page: recipient, subject, blocks, check.
fn order_errors(form: &mut FormState, letter: &Letter, findings: &[Finding]) {
    let mut order: Vec<String> = ["recipientName", "recipientAddress", "recipientEmail", "delivery", "subject"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    order.extend((0..letter.blocks.len()).map(|i| format!("block-{i}-text")));
    order.extend(findings.iter().map(|f| format!("override-{}", f.code.code())));
    order.push("controle".to_owned());
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    form.order_errors(&order);
}

/// "Versturen": the rules check the letter once more and it goes out, or
/// the draft page comes back with status 400 and what stops it.
pub async fn send_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    HtmlForm(pairs): HtmlForm<FormPairs>,
) -> Result<Response, PageError> {
    let Submitted { id, case, ctx, mut edited } = submitted(&state, &staff, &id, &pairs).await?;
    let findings = check(&edited.letter, &case, &ctx.rules);
    if edited.form.has_errors() {
        // Dry run, so every problem shows at once.
        if let Err(DomainError::Invalid(errors)) =
            decide(&CaseState::Registered(Box::new(case.clone())), edited.command(None), &ctx)
        {
            add_errors(&mut edited.form, &errors, &findings);
        }
        tracing::info!(action = "send_letter", case_id = %id, actor = %staff.0.id, result = "invalid");
    } else {
        // The PDF is typeset once, now, and kept with the letter: the
        // archive shows what left, whatever the house style becomes.
        let pdf = typeset(edited.letter.clone(), Stationery::load(&state).await?.branding).await?;
        let file = NewAttachment {
            id: edited.letter_id,
            sha256: hex::encode(Sha256::digest(&pdf)),
            media_type: "application/pdf".to_owned(),
            content: pdf,
        };
        let command = edited.command(Some(file.sha256.clone()));
        match state.store.execute_with_file(id, &file, |s| decide(s, command.clone(), &ctx)).await {
            Ok(_) => {
                tracing::info!(action = "send_letter", case_id = %id, actor = %staff.0.id, result = "ok");
                return Ok(Redirect::to(&format!("/klachten/{id}#{SECTION}")).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => {
                tracing::info!(action = "send_letter", case_id = %id, actor = %staff.0.id, result = "invalid");
                add_errors(&mut edited.form, &errors, &findings);
            }
            Err(StoreError::Domain(e)) if !matches!(e, DomainError::NotPermitted | DomainError::NotRegistered) => {
                tracing::info!(action = "send_letter", case_id = %id, actor = %staff.0.id, result = "refused", code = e.code());
                edited.form.error("controle", e.to_string());
            }
            Err(e) => return Err(e.into()),
        }
    }
    order_errors(&mut edited.form, &edited.letter, &findings);
    let page = page(&state, &staff, &csrf, id, &case, &ctx.rules, edited).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

// ---------------------------------------------------------------------------
// A sent letter

/// A sent letter as PDF, for staff.
pub async fn pdf_get(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, letter)): Path<(String, String)>,
) -> Result<Response, PageError> {
    staff.require(Role::may_read_cases)?;
    let id = case_id(&id)?;
    let letter_id = case_id(letter.trim_end_matches(".pdf"))?;
    let case = load(&state, id).await?;
    let sent = case.letters.iter().find(|l| l.id == letter_id).ok_or(PageError::NotFound)?;
    tracing::info!(action = "download_letter", case_id = %id, actor = %staff.0.id, letter_id = %letter_id);
    pdf_download(&state, id, &case, sent).await
}

/// The PDF of a sent letter as a download: the one stored when it was sent,
/// checked against the hash in its event. Letters sent before Gehoord kept
/// PDFs are typeset from their event's content (its hash checked first).
pub(crate) async fn pdf_download(
    state: &AppState,
    id: Uuid,
    case: &Case,
    sent: &gehoord_domain::letter::SentLetter,
) -> Result<Response, PageError> {
    let pdf = match &sent.pdf_sha256 {
        Some(sha256) => {
            let file = state.store.attachment(id, sent.id).await?.ok_or(PageError::NotFound)?;
            if hex::encode(Sha256::digest(&file.content)) != *sha256 {
                return Err(PageError::Internal(format!("the PDF of letter {} does not match its hash", sent.id)));
            }
            file.content
        }
        None => {
            if gehoord_domain::letter::content_hash(&sent.letter) != sent.sha256 {
                return Err(PageError::Internal(format!("letter {} does not match its hash", sent.id)));
            }
            typeset(sent.letter.clone(), Stationery::load(state).await?.branding).await?
        }
    };
    let name = format!("{}-{}.pdf", case.reference, sent.letter.kind.code());
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/pdf".to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (axum::http::header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}

/// Puts a failed e-mail back in the queue, due now.
pub async fn retry_post(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, letter)): Path<(String, String)>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let letter_id = case_id(&letter)?;
    let retried = state.store.retry_letter(id, letter_id, state.clock.now()).await?;
    if !retried && !state.store.deliveries(id).await?.iter().any(|d| d.letter_id == letter_id) {
        return Err(PageError::NotFound);
    }
    // Pressed twice, or delivered meanwhile: the page shows how it stands.
    tracing::info!(action = "retry_letter", case_id = %id, actor = %staff.0.id, letter_id = %letter_id, retried);
    Ok(Redirect::to(&format!("/klachten/{id}#{SECTION}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PostedForm {
    posted_on: String,
}

/// The day a letter by post was posted.
pub async fn posted_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path((id, letter)): Path<(String, String)>,
    HtmlForm(input): HtmlForm<PostedForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_handle)?;
    let id = case_id(&id)?;
    let letter_id = case_id(&letter)?;
    let field = format!("postedOn-{letter_id}");
    let mut form = FormState::default().with("postedOn", &input.posted_on);
    let on = required_date(&input.posted_on, &mut form, &field, "Vul een datum in zoals 15-03-2026.");
    let today = date_in_amsterdam(state.clock.now());
    let a = Attempt::new(ActionForm::Posted(letter_id), form, SECTION, "record_letter_posted")
        .command(Command::RecordLetterPosted { id: letter_id, on: on.unwrap_or(today) })
        .rename("postedOn", field.clone())
        .order(&[field.as_str()]);
    run(&state, &staff, &csrf, id, a).await
}

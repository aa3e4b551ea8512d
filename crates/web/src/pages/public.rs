//! The public complaint form (rule of thumb 1: give access) and its
//! confirmation page. No account, no demands on form beyond the citizen's
//! own words.
//!
//! The form follows the NL Design System guidelines: one subject per step
//! ("Stap x van n"), an error summary at the top, a check page before
//! sending and a confirmation page. Nothing is kept on the server until the
//! complaint is sent: every answer travels along in hidden fields, so going
//! back and forth never loses what was typed and works without JavaScript.
//!
//! Steps: (1) what happened, (2) for whom (myself, someone else, or an
//! anonymous signal), (3) how to reach you (skipped for an anonymous
//! signal), (4) check, add files and send.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    Actor, CaseReference, Channel, Command, Complainant, ContactPreference, DomainError,
    case::{InitialHandling, Intake},
    citizen::CitizenCommand,
    evidence::{Evidence, EvidenceKind, EvidenceSource, MAX_EVIDENCE_BYTES, kind_of},
};
use gehoord_store::{NewAttachment, StoreError};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use super::{case_evidence::sniff, layout};
use crate::{
    AppState,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm, parse_date},
    intake::{check, register},
    view::{Layout, contact_preferences},
};

/// At most this many files go with one complaint.
pub const MAX_ATTACHMENTS: usize = 5;

/// The name of the honeypot field: people never see it, some robots fill it.
const TRAP: &str = "website";

/// Every answer the form carries, by its field name. The order is the
/// order on the pages, which the error summary follows.
const FIELDS: &[&str] = &[
    "description",
    "conductDate",
    "forWhom",
    "representativeName",
    "name",
    "email",
    "phone",
    "address",
    "contactPreference",
    "callBack",
    "callBackTime",
    "needsReading",
    "needsInterpreter",
    "needs",
];

/// The fields shown on each step; the rest travel along hidden.
fn step_fields(step: Step) -> &'static [&'static str] {
    match step {
        Step::What => &["description", "conductDate"],
        Step::Who => &["forWhom"],
        // Everything after "for whom": the contact step is the rest of the form.
        Step::Contact => FIELDS.split_at(3).1,
        Step::Check => &[],
    }
}

/// The steps of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    What = 1,
    Who = 2,
    Contact = 3,
    Check = 4,
}

impl Step {
    fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "1" => Some(Self::What),
            "2" => Some(Self::Who),
            "3" => Some(Self::Contact),
            "4" => Some(Self::Check),
            _ => None,
        }
    }

    const fn number(self) -> u8 {
        self as u8
    }
}

/// For whom the complaint is, the question of step 2.
const FOR_WHOM: [(&str, &str); 3] =
    [("myself", "Voor mijzelf"), ("someone_else", "Voor iemand anders"), ("anonymous", "Ik wil anoniem melden")];

/// The answers as posted: every field as text, so nothing is lost on the way.
#[derive(Debug, Default, Clone)]
pub struct Answers {
    pairs: Vec<(String, String)>,
}

impl Answers {
    fn get(&self, name: &str) -> &str {
        self.pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    fn ticked(&self, name: &str) -> bool {
        self.get(name) == "ja"
    }

    fn anonymous(&self) -> bool {
        self.get("forWhom") == "anonymous"
    }

    fn for_someone_else(&self) -> bool {
        self.get("forWhom") == "someone_else"
    }

    /// The steps this citizen goes through: an anonymous signal skips the
    /// contact details.
    fn steps(&self) -> Vec<Step> {
        if self.anonymous() {
            vec![Step::What, Step::Who, Step::Check]
        } else {
            vec![Step::What, Step::Who, Step::Contact, Step::Check]
        }
    }

    /// The step number as the citizen counts it ("Stap 3 van 3" for the
    /// check page of an anonymous signal).
    fn position(&self, step: Step) -> usize {
        self.steps().iter().position(|s| *s == step).map_or(step.number().into(), |i| i + 1)
    }

    /// The nearest step at or before `step` that this citizen goes through.
    fn at_or_before(&self, step: Step) -> Step {
        self.steps().into_iter().rev().find(|s| *s <= step).unwrap_or(Step::What)
    }

    fn form_state(&self) -> FormState {
        let mut form = FIELDS.iter().fold(FormState::default(), |form, &name| form.with(name, self.get(name)));
        if self.get("contactPreference").is_empty() {
            form = form.with("contactPreference", ContactPreference::NoPreference.code());
        }
        form
    }

    /// The fields of other steps, to carry along hidden.
    fn hidden_except(&self, step: Step) -> Vec<(&'static str, String)> {
        let shown = step_fields(step);
        FIELDS
            .iter()
            .filter(|f| !shown.contains(f))
            .map(|&f| (f, self.get(f).to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// The needs as one text for the case: the ticked options and the
    /// citizen's own words.
    fn needs(&self) -> String {
        let mut parts = Vec::new();
        if self.ticked("needsReading") {
            parts.push("Leest niet zo goed".to_owned());
        }
        if self.ticked("needsInterpreter") {
            parts.push("Heeft een tolk nodig".to_owned());
        }
        let own = self.get("needs").trim();
        if !own.is_empty() {
            parts.push(own.to_owned());
        }
        parts.join(". ")
    }

    fn call_back(&self) -> Option<String> {
        self.ticked("callBack").then(|| match self.get("callBackTime").trim() {
            "" => "Geen voorkeur voor een tijd".to_owned(),
            time => time.to_owned(),
        })
    }

    fn complainant(&self) -> Complainant {
        if self.anonymous() {
            return Complainant::default();
        }
        let text = |name: &str| Some(self.get(name).to_owned());
        Complainant {
            name: text("name"),
            email: text("email"),
            phone: text("phone"),
            address: text("address"),
            contact_preference: ContactPreference::from_code(self.get("contactPreference")).unwrap_or_default(),
            needs: Some(self.needs()),
            representative: if self.for_someone_else() { text("representativeName") } else { None },
            call_back: self.call_back(),
        }
        .normalised()
    }

    /// The intake as the domain sees it, and a date that could not be read.
    fn intake(&self, state: &AppState) -> (Intake, bool) {
        let (conduct_date, unreadable) = match self.get("conductDate").trim() {
            "" => (None, false),
            text => {
                let date = parse_date(text);
                (date, date.is_none())
            }
        };
        let intake = Intake {
            reference: CaseReference::new(0, 1),
            channel: Channel::WebForm,
            received_at: state.clock.now(),
            description: self.get("description").to_owned(),
            complainant: self.complainant(),
            conduct_date,
            department: None,
            employees_involved: None,
            signed: false,
            handling: InitialHandling::ToComplaintHandling,
        };
        (intake, unreadable)
    }

    /// The problems with the answers of `step`: the form's own and the
    /// domain's rules for the fields on that step.
    async fn problems(&self, state: &AppState, step: Step) -> Result<FormState, PageError> {
        let mut form = self.form_state();
        let (intake, unreadable_date) = self.intake(state);
        match step {
            Step::What => {
                if unreadable_date {
                    form.error("conductDate", "Vul een datum in zoals 15-03-2026, of laat dit veld leeg.");
                }
            }
            Step::Who => {
                if !FOR_WHOM.iter().any(|(code, _)| *code == self.get("forWhom")) {
                    form.error("forWhom", "Kies voor wie u deze klacht indient.");
                }
            }
            Step::Contact => {
                let c = &intake.complainant;
                if self.for_someone_else() {
                    if c.representative.is_none() {
                        form.error("representativeName", "Vul uw eigen naam in.");
                    }
                    if c.name.is_none() {
                        form.error("name", "Vul de naam in van de persoon voor wie u klaagt.");
                    }
                }
                if !c.is_reachable() {
                    form.error(
                        "email",
                        "Vul ten minste één manier in waarop wij u kunnen bereiken: e-mailadres, telefoonnummer of adres. Wilt u dat niet? Ga dan terug naar stap 2 en kies 'Ik wil anoniem melden'.",
                    );
                }
            }
            Step::Check => {}
        }
        let shown = step_fields(step);
        let domain = check(state, &intake, &Actor::Citizen).await?;
        form.domain_errors(&domain.into_iter().filter(|e| shown.contains(&e.field.name())).collect::<Vec<_>>());
        form.order_errors(FIELDS);
        Ok(form)
    }

    /// The first step before `until` with problems, with those problems.
    async fn first_problem(&self, state: &AppState, until: Step) -> Result<Option<(Step, FormState)>, PageError> {
        for step in self.steps().into_iter().filter(|s| *s < until) {
            let form = self.problems(state, step).await?;
            if form.has_errors() {
                return Ok(Some((step, form)));
            }
        }
        Ok(None)
    }

    /// The check page's summary, one section per step.
    fn summary(&self) -> Vec<SummarySection> {
        let or_empty =
            |text: &str| if text.trim().is_empty() { "Niet ingevuld".to_owned() } else { text.trim().to_owned() };
        let mut sections = vec![SummarySection {
            title: "Wat is er gebeurd?",
            change: "wat er is gebeurd",
            step: Step::What.number(),
            rows: vec![
                ("Wat er is gebeurd", or_empty(self.get("description"))),
                ("Wanneer", or_empty(self.get("conductDate"))),
            ],
        }];
        let who = FOR_WHOM.iter().find(|(code, _)| *code == self.get("forWhom")).map_or("", |(_, label)| label);
        sections.push(SummarySection {
            title: "Over u",
            change: "voor wie de klacht is",
            step: Step::Who.number(),
            rows: vec![("Voor wie is de klacht", or_empty(who))],
        });
        if !self.anonymous() {
            let c = self.complainant();
            let mut rows = Vec::new();
            if self.for_someone_else() {
                rows.push(("Uw naam", or_empty(self.get("representativeName"))));
                rows.push(("Naam van de persoon voor wie u klaagt", or_empty(self.get("name"))));
            } else {
                rows.push(("Uw naam", or_empty(self.get("name"))));
            }
            rows.push(("E-mailadres", or_empty(self.get("email"))));
            rows.push(("Telefoonnummer", or_empty(self.get("phone"))));
            rows.push(("Adres", or_empty(self.get("address"))));
            rows.push(("Contact het liefst via", c.contact_preference.label().to_owned()));
            rows.push((
                "Bel mij liever",
                c.call_back.as_deref().map_or_else(|| "Nee".to_owned(), |time| format!("Ja, {time}")),
            ));
            rows.push(("Hulp bij het contact", or_empty(&self.needs())));
            sections.push(SummarySection {
                title: "Hoe bereiken wij u?",
                change: "uw contactgegevens",
                step: Step::Contact.number(),
                rows,
            });
        }
        sections
    }
}

/// One section of the check page.
#[derive(Debug)]
pub struct SummarySection {
    title: &'static str,
    /// Completes "Wijzigen …" for screen readers.
    change: &'static str,
    step: u8,
    rows: Vec<(&'static str, String)>,
}

/// One step of the form.
#[derive(Template, WebTemplate)]
#[template(path = "complaint_form.html")]
pub struct ComplaintFormPage {
    layout: Layout,
    form: FormState,
    step: u8,
    /// "Stap {position} van {total}".
    position: usize,
    total: usize,
    title: &'static str,
    /// The step the "Vorige stap" button goes to, if any.
    previous: Option<u8>,
    hidden: Vec<(&'static str, String)>,
    preferences: Vec<(&'static str, &'static str)>,
    someone_else: bool,
    anonymous: bool,
    summary: Vec<SummarySection>,
    max_attachments: usize,
}

impl ComplaintFormPage {
    async fn new(
        state: &AppState,
        csrf: &str,
        answers: &Answers,
        step: Step,
        form: FormState,
    ) -> Result<Self, PageError> {
        let step = answers.at_or_before(step);
        let steps = answers.steps();
        let index = steps.iter().position(|s| *s == step).unwrap_or(0);
        let title = match step {
            Step::What => "Wat is er gebeurd?",
            Step::Who => "Voor wie is de klacht?",
            Step::Contact => "Hoe bereiken wij u?",
            Step::Check => "Controleren en versturen",
        };
        Ok(Self {
            layout: layout(state, None, csrf).await?,
            form,
            step: step.number(),
            position: answers.position(step),
            total: steps.len(),
            title,
            previous: index.checked_sub(1).map(|i| steps[i].number()),
            hidden: answers.hidden_except(step),
            preferences: contact_preferences(),
            someone_else: answers.for_someone_else(),
            anonymous: answers.anonymous(),
            summary: if step == Step::Check { answers.summary() } else { Vec::new() },
            max_attachments: MAX_ATTACHMENTS,
        })
    }
}

/// `GET /klacht-indienen`: step 1.
pub async fn form_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<ComplaintFormPage, PageError> {
    let answers = Answers::default();
    ComplaintFormPage::new(&state, &csrf, &answers, Step::What, answers.form_state()).await
}

/// A file the citizen sent along.
#[derive(Debug)]
struct Upload {
    file_name: String,
    content: Vec<u8>,
}

/// Reads the posted answers: urlencoded from the steps, multipart from the
/// check page (which takes files).
async fn read_post(state: &AppState, request: Request) -> Result<(Answers, Vec<Upload>), PageError> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let HtmlForm(pairs) = HtmlForm::<Vec<(String, String)>>::from_request(request, state).await?;
        return Ok((Answers { pairs }, Vec::new()));
    }
    fn broken<E>(_: E) -> PageError {
        PageError::BadRequest("Het formulier is niet goed aangekomen. Probeer het nog eens.".to_owned())
    }
    let mut body = Multipart::from_request(request, state).await.map_err(broken)?;
    let mut pairs = Vec::new();
    let mut files = Vec::new();
    while let Some(field) = body.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "bijlagen" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let content = field.bytes().await.map_err(broken)?.to_vec();
            // A file input with nothing chosen still sends an empty part.
            if !(file_name.is_empty() && content.is_empty()) {
                files.push(Upload { file_name, content });
            }
        } else {
            let value = field.text().await.map_err(broken)?;
            pairs.push((name, value));
        }
    }
    Ok((Answers { pairs }, files))
}

/// Checks the files before anything is written; returns the evidence to
/// store with each file's bytes, or the problems in Dutch.
fn check_files(uploads: Vec<Upload>, form: &mut FormState) -> Vec<(Evidence, NewAttachment)> {
    if uploads.len() > MAX_ATTACHMENTS {
        form.error(
            "bijlagen",
            format!("U kunt ten hoogste {MAX_ATTACHMENTS} bestanden meesturen. Kies minder bestanden."),
        );
        return Vec::new();
    }
    let mut files = Vec::new();
    for upload in uploads {
        let name = if upload.file_name.is_empty() { "Een bestand".to_owned() } else { upload.file_name.clone() };
        let media_type = sniff(&upload.content).unwrap_or("application/octet-stream");
        let size = u64::try_from(upload.content.len()).unwrap_or(u64::MAX);
        let problem = match kind_of(media_type) {
            _ if upload.content.is_empty() => Some(format!("{name} is leeg. Kies een ander bestand.")),
            _ if size > MAX_EVIDENCE_BYTES => {
                Some(format!("{name} is te groot. Een bestand mag ten hoogste 25 MB zijn."))
            }
            Some(EvidenceKind::Audio) => Some(format!(
                "{name} is een geluidsopname. Die kunt u hier niet meesturen. Vertel in uw klacht dat u een opname hebt; wij vragen er dan naar."
            )),
            None => Some(format!(
                "{name} kunnen wij niet openen. Kies een document (PDF, Word, OpenDocument of tekst) of een foto (JPEG, PNG, HEIC of WebP)."
            )),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            form.error("bijlagen", problem);
            continue;
        }
        let sha256 = hex::encode(Sha256::digest(&upload.content));
        let evidence = Evidence {
            id: Uuid::now_v7(),
            file_name: upload.file_name,
            media_type: media_type.to_owned(),
            size,
            sha256: sha256.clone(),
            description: "Bijlage bij de klacht".to_owned(),
            source: EvidenceSource::Complainant,
            audio: None,
        };
        let file =
            NewAttachment { id: evidence.id, sha256, media_type: media_type.to_owned(), content: upload.content };
        files.push((evidence, file));
    }
    files
}

/// `POST /klacht-indienen`: the next or previous step, or sending.
pub async fn form_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    request: Request,
) -> Result<Response, PageError> {
    let (mut answers, uploads) = read_post(&state, request).await?;
    // The whole form posted at once (no step): for whom follows from the details.
    if answers.get("stap").is_empty() && answers.get("forWhom").is_empty() {
        let mut myself = answers.clone();
        myself.pairs.push(("forWhom".to_owned(), "myself".to_owned()));
        let who = if myself.complainant().is_reachable() { "myself" } else { "anonymous" };
        answers.pairs.push(("forWhom".to_owned(), who.to_owned()));
    }
    let current = Step::from_code(answers.get("stap"));
    let target = answers.get("naar");
    // Without a step (one page posted at once) the answers are sent.
    if target == "versturen" || current.is_none() {
        return send(&state, &csrf, &answers, uploads).await;
    }
    let current = current.unwrap_or(Step::What);
    let target = Step::from_code(target).unwrap_or(current);
    if target > current
        && let Some((step, form)) = answers.first_problem(&state, target).await?
    {
        let page = ComplaintFormPage::new(&state, &csrf, &answers, step, form).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    // Forward past a skipped step lands on the next one; back, on the one before.
    let target = if target > current && !answers.steps().contains(&target) { Step::Check } else { target };
    Ok(ComplaintFormPage::new(&state, &csrf, &answers, target, answers.form_state()).await?.into_response())
}

/// Sends the complaint: every step checked, the honeypot empty, the files
/// fit; then registers, issues the private status link and stores the files.
async fn send(state: &AppState, csrf: &str, answers: &Answers, uploads: Vec<Upload>) -> Result<Response, PageError> {
    if let Some((step, form)) = answers.first_problem(state, Step::Check).await? {
        let page = ComplaintFormPage::new(state, csrf, answers, step, form).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let mut form = answers.form_state();
    if !answers.get(TRAP).trim().is_empty() {
        tracing::warn!(action = "register", result = "honeypot filled");
        form.error(
            "versturen",
            "Wij konden uw klacht nog niet versturen. Controleer uw gegevens en klik nog een keer op 'Klacht versturen'.",
        );
    }
    let chose_files = !uploads.is_empty();
    let files = check_files(uploads, &mut form);
    if form.has_errors() {
        // Files cannot travel back with the page: say so.
        if chose_files {
            form.error("bijlagen", "Kies daarna de bestanden die u wilt meesturen opnieuw.");
        }
        let page = ComplaintFormPage::new(state, csrf, answers, Step::Check, form).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let (intake, _) = answers.intake(state);
    let id = match register(state, intake, Actor::Citizen).await {
        Ok((id, _)) => id,
        Err(StoreError::Domain(DomainError::Invalid(errors))) => {
            let mut form = answers.form_state();
            form.domain_errors(&errors);
            form.order_errors(FIELDS);
            let page = ComplaintFormPage::new(state, csrf, answers, Step::Check, form).await?;
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let (_link_id, token) = state.store.issue_status_link(id, state.clock.now()).await?;
    // The first e-mail carries the link; later ones come with their events.
    let events = state.store.events(id).await?;
    if let Some(case) = gehoord_domain::CaseState::from_events(events.iter().map(|e| &e.event)).case() {
        let url = state.config.public_url.as_deref().map(|base| format!("{base}/mijn-klacht/{token}"));
        if let Some(notice) = gehoord_domain::notification::received(case, url.as_deref()) {
            state.store.queue_notification(id, &notice, state.clock.now()).await?;
        }
    }
    let ctx = state.context(Actor::Citizen).await?;
    for (evidence, file) in files {
        let command = Command::Citizen(CitizenCommand::AddInformation { text: String::new(), file: Some(evidence) });
        // The complaint is in: a file that fails now is logged, never a lost complaint.
        if let Err(e) =
            state.store.execute_with_file(id, &file, |s| gehoord_domain::decide(s, command.clone(), &ctx)).await
        {
            tracing::error!(action = "add_attachment", case_id = %id, error = %e, result = "failed");
        }
    }
    Ok(Redirect::to(&format!("/klacht-indienen/ontvangen/{token}")).into_response())
}

/// The confirmation page.
#[derive(Template, WebTemplate)]
#[template(path = "complaint_received.html")]
pub struct ReceivedPage {
    layout: Layout,
    reference: String,
    status_link: String,
    anonymous: bool,
    call_back: Option<String>,
    first_contact_days: u32,
}

/// `GET /klacht-indienen/ontvangen/{token}`: the reference, what happens
/// next and the private link to follow the complaint.
pub async fn received_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let id = state.store.case_by_status_token(&token).await?.ok_or(PageError::NotFound)?;
    let view = state.store.case_view(id).await?.ok_or(PageError::NotFound)?;
    let complainant = &view.detail.complainant;
    let page = ReceivedPage {
        layout: layout(&state, None, &csrf).await?,
        reference: view.row.reference,
        status_link: format!("/mijn-klacht/{token}"),
        anonymous: complainant.is_anonymous(),
        call_back: complainant.call_back.clone(),
        first_contact_days: state.rules().await?.first_contact_working_days,
    };
    let mut response = page.into_response();
    let headers = response.headers_mut();
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

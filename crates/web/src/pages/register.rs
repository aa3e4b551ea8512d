//! The staff intake form: register dissatisfaction that came in by phone,
//! at the counter, by letter, e-mail, social media or a survey, and either
//! record that it was solved in the contact (ladder step 1) or hand it over
//! to complaint handling (step 2). Short on purpose: seconds, not minutes.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    CaseReference, Channel, Complainant, ContactPreference, DomainError, LadderStep, Role,
    case::{InitialHandling, Intake},
    time::amsterdam,
};
use gehoord_store::StoreError;
use serde::Deserialize;

use super::{case_id, layout};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm, amsterdam_instant, parse_date, parse_time},
    intake::{check, register},
    view::{Layout, contact_preferences},
};

#[derive(Template, WebTemplate)]
#[template(path = "register.html")]
pub struct RegisterPage {
    layout: Layout,
    form: FormState,
    channels: &'static [Channel],
    preferences: Vec<(&'static str, &'static str)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "registered.html")]
pub struct RegisteredPage {
    layout: Layout,
    id: String,
    reference: String,
    solved: bool,
    may_read_cases: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RegisterForm {
    channel: String,
    received_date: String,
    received_time: String,
    description: String,
    conduct_date: String,
    department: String,
    employees_involved: String,
    name: String,
    email: String,
    phone: String,
    address: String,
    contact_preference: String,
    needs: String,
    representative: String,
    signed: String,
    handling: String,
    what_was_done: String,
    handover_note: String,
}

/// The order of the fields on the page, which the error summary follows.
const FIELD_ORDER: &[&str] = &[
    "channel",
    "receivedAt",
    "description",
    "conductDate",
    "department",
    "employeesInvolved",
    "name",
    "email",
    "phone",
    "address",
    "contactPreference",
    "needs",
    "representative",
    "handling",
    "whatWasDone",
];

impl RegisterForm {
    fn state(&self) -> FormState {
        FormState::default()
            .with("channel", &self.channel)
            .with("receivedDate", &self.received_date)
            .with("receivedTime", &self.received_time)
            .with("description", &self.description)
            .with("conductDate", &self.conduct_date)
            .with("department", &self.department)
            .with("employeesInvolved", &self.employees_involved)
            .with("name", &self.name)
            .with("email", &self.email)
            .with("phone", &self.phone)
            .with("address", &self.address)
            .with("contactPreference", &self.contact_preference)
            .with("needs", &self.needs)
            .with("representative", &self.representative)
            .with("signed", &self.signed)
            .with("handling", &self.handling)
            .with("whatWasDone", &self.what_was_done)
            .with("handoverNote", &self.handover_note)
    }
}

pub async fn register_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
) -> Result<RegisterPage, PageError> {
    staff.require(Role::may_register)?;
    let now = state.clock.now().to_zoned_datetime(amsterdam());
    let form = FormState::default()
        .with("receivedDate", now.strftime("%d-%m-%Y").to_string())
        .with("receivedTime", now.strftime("%H:%M").to_string())
        .with("contactPreference", ContactPreference::NoPreference.code());
    Ok(RegisterPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        form,
        channels: &Channel::STAFF,
        preferences: contact_preferences(),
    })
}

pub async fn register_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<RegisterForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_register)?;
    let mut form = input.state();
    let channel = Channel::from_code(&input.channel).filter(|c| Channel::STAFF.contains(c));
    if channel.is_none() {
        form.error("channel", "Kies hoe de klacht is binnengekomen.");
    }
    let received_at = match (parse_date(&input.received_date), parse_time(&input.received_time)) {
        (Some(d), Some(t)) => amsterdam_instant(d, t),
        _ => None,
    };
    if received_at.is_none() {
        form.error("receivedAt", "Vul de datum en de tijd van ontvangst in, zoals 15-03-2026 en 14:05.");
    }
    let conduct_date = match input.conduct_date.trim() {
        "" => None,
        text => {
            let date = parse_date(text);
            if date.is_none() {
                form.error("conductDate", "Vul een datum in zoals 15-03-2026, of laat dit veld leeg.");
            }
            date
        }
    };
    let handling = match input.handling.as_str() {
        "solved" => Some(InitialHandling::SolvedInContact { what_was_done: input.what_was_done.clone() }),
        "handover" => Some(InitialHandling::HandOver { note: Some(input.handover_note.clone()) }),
        _ => {
            form.error("handling", "Kies of de onvrede in het contact is weggenomen of dat u de klacht overdraagt.");
            None
        }
    };
    let now = state.clock.now();
    let intake = Intake {
        reference: CaseReference::new(0, 1),
        channel: channel.unwrap_or(Channel::Phone),
        received_at: received_at.unwrap_or(now),
        description: input.description,
        complainant: Complainant {
            name: Some(input.name),
            email: Some(input.email),
            phone: Some(input.phone),
            address: Some(input.address),
            contact_preference: ContactPreference::from_code(&input.contact_preference).unwrap_or_default(),
            needs: Some(input.needs),
            representative: Some(input.representative),
            call_back: None,
        },
        conduct_date,
        department: Some(input.department),
        employees_involved: Some(input.employees_involved),
        signed: input.signed == "ja",
        handling: handling.unwrap_or(InitialHandling::HandOver { note: None }),
    };
    let actor = staff.actor();
    for e in check(&state, &intake, &actor).await? {
        // The web form already named these problems in its own words.
        if form.error_for(e.field.name()).is_none() {
            form.error(e.field.name(), e.message);
        }
    }
    if !form.has_errors() {
        match register(&state, intake, actor).await {
            Ok((id, _)) => {
                return Ok(Redirect::to(&format!("/klachten/geregistreerd/{id}")).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => form.domain_errors(&errors),
            Err(e) => return Err(e.into()),
        }
    }
    form.order_errors(FIELD_ORDER);
    let page = RegisterPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        form,
        channels: &Channel::STAFF,
        preferences: contact_preferences(),
    };
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

pub async fn registered_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<RegisteredPage, PageError> {
    staff.require(Role::may_register)?;
    let view = state.store.case_view(case_id(&id)?).await?.ok_or(PageError::NotFound)?;
    Ok(RegisteredPage {
        layout: layout(&state, Some(&staff.0), &csrf).await?,
        id,
        reference: view.row.reference,
        solved: view.row.ladder_step == LadderStep::InContact && !view.row.is_open,
        may_read_cases: staff.0.role.may_read_cases(),
    })
}

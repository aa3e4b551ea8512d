//! The public complaint form (rule of thumb 1: give access) and its
//! confirmation page. No account, no demands on form beyond the citizen's
//! own words.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    Actor, CaseReference, Channel, Complainant, ContactPreference, DomainError,
    case::{InitialHandling, Intake},
};
use gehoord_store::StoreError;
use serde::Deserialize;

use super::{case_id, layout};
use crate::{
    AppState,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm, parse_date},
    intake::{check, register},
    view::{Layout, contact_preferences},
};

#[derive(Template, WebTemplate)]
#[template(path = "complaint_form.html")]
pub struct ComplaintFormPage {
    layout: Layout,
    form: FormState,
    preferences: Vec<(&'static str, &'static str)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaint_received.html")]
pub struct ReceivedPage {
    layout: Layout,
    reference: String,
}

/// The form as posted. Every field is text so nothing the citizen typed is
/// lost on the way back when something needs fixing.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ComplaintForm {
    description: String,
    conduct_date: String,
    name: String,
    email: String,
    phone: String,
    address: String,
    contact_preference: String,
    needs: String,
}

impl ComplaintForm {
    fn state(&self) -> FormState {
        FormState::default()
            .with("description", &self.description)
            .with("conductDate", &self.conduct_date)
            .with("name", &self.name)
            .with("email", &self.email)
            .with("phone", &self.phone)
            .with("address", &self.address)
            .with("contactPreference", &self.contact_preference)
            .with("needs", &self.needs)
    }
}

/// The order of the fields on the page, which the error summary follows.
const FIELD_ORDER: &[&str] =
    &["description", "conductDate", "name", "email", "phone", "address", "contactPreference", "needs"];

pub async fn form_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<ComplaintFormPage, PageError> {
    Ok(ComplaintFormPage {
        layout: layout(&state, None, &csrf).await?,
        form: FormState::default().with("contactPreference", ContactPreference::NoPreference.code()),
        preferences: contact_preferences(),
    })
}

pub async fn form_post(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<ComplaintForm>,
) -> Result<Response, PageError> {
    let mut form = input.state();
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
    let contact_preference = ContactPreference::from_code(&input.contact_preference).unwrap_or_default();
    let intake = Intake {
        reference: CaseReference::new(0, 1),
        channel: Channel::WebForm,
        received_at: state.clock.now(),
        description: input.description,
        complainant: Complainant {
            name: Some(input.name),
            email: Some(input.email),
            phone: Some(input.phone),
            address: Some(input.address),
            contact_preference,
            needs: Some(input.needs),
            representative: None,
            call_back: None,
        },
        conduct_date,
        department: None,
        employees_involved: None,
        signed: false,
        handling: InitialHandling::ToComplaintHandling,
    };
    form.domain_errors(&check(&state, &intake, &Actor::Citizen).await?);
    if !form.has_errors() {
        match register(&state, intake, Actor::Citizen).await {
            Ok((id, _)) => {
                return Ok(Redirect::to(&format!("/klacht-indienen/ontvangen/{id}")).into_response());
            }
            Err(StoreError::Domain(DomainError::Invalid(errors))) => form.domain_errors(&errors),
            Err(e) => return Err(e.into()),
        }
    }
    form.order_errors(FIELD_ORDER);
    let page =
        ComplaintFormPage { layout: layout(&state, None, &csrf).await?, form, preferences: contact_preferences() };
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

pub async fn received_get(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<ReceivedPage, PageError> {
    let view = state.store.case_view(case_id(&id)?).await?.ok_or(PageError::NotFound)?;
    Ok(ReceivedPage { layout: layout(&state, None, &csrf).await?, reference: view.row.reference })
}

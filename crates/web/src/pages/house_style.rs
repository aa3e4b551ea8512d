//! The organisation's letters, for admins: the house style (name, logo,
//! address, contact, signature lines) and the wording of every fixed
//! passage, with an example letter to see both as a citizen will.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    Role,
    letter::{Branding, LetterKind, LetterTexts, Logo, LogoFormat, MAX_LOGO_BYTES, Passage, Sender, example},
    time::date_in_amsterdam,
};

use super::{layout, letters::typeset};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormPairs, FormState, HtmlForm},
    view::Layout,
};

/// Longest organisation name on a letterhead.
const MAX_NAME_CHARS: usize = 200;
/// Address, contact and signature are a few short lines each.
const MAX_LINES: usize = 6;
const MAX_LINES_CHARS: usize = 400;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    opgeslagen: Option<String>,
}

async fn loaded(state: &AppState) -> Result<(Branding, LetterTexts), PageError> {
    let branding = state.store.branding().await?.ok_or(PageError::NotFound)?;
    Ok((branding, state.store.letter_texts().await?))
}

// ---------------------------------------------------------------------------
// House style

#[derive(Template, WebTemplate)]
#[template(path = "house_style.html")]
pub struct HouseStylePage {
    layout: Layout,
    form: FormState,
    saved: bool,
    has_logo: bool,
    max_logo_kb: usize,
}

async fn house_style_page(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    form: FormState,
    saved: bool,
    has_logo: bool,
) -> Result<HouseStylePage, PageError> {
    Ok(HouseStylePage {
        layout: layout(state, Some(&staff.0), csrf).await?,
        form,
        saved,
        has_logo,
        max_logo_kb: MAX_LOGO_BYTES / 1024,
    })
}

pub async fn house_style_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<SavedQuery>,
) -> Result<HouseStylePage, PageError> {
    staff.require(Role::may_manage_settings)?;
    let (branding, _) = loaded(&state).await?;
    let form = FormState::default()
        .with("organisation", &branding.organisation)
        .with("address", branding.address.unwrap_or_default())
        .with("contact", branding.contact.unwrap_or_default())
        .with("signature", branding.signature.unwrap_or_default());
    house_style_page(&state, &staff, &csrf, form, q.opgeslagen.is_some(), branding.logo.is_some()).await
}

/// What the house-style form sent.
#[derive(Debug, Default)]
struct HouseStyleUpload {
    organisation: String,
    address: String,
    contact: String,
    signature: String,
    remove_logo: bool,
    logo: Vec<u8>,
}

async fn read_house_style(mut multipart: Multipart) -> Result<HouseStyleUpload, PageError> {
    let broken = |_| PageError::BadRequest("Het formulier is niet goed aangekomen. Probeer het nog eens.".to_owned());
    let mut upload = HouseStyleUpload::default();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name().unwrap_or_default() {
            "organisation" => upload.organisation = field.text().await.map_err(broken)?,
            "address" => upload.address = field.text().await.map_err(broken)?,
            "contact" => upload.contact = field.text().await.map_err(broken)?,
            "signature" => upload.signature = field.text().await.map_err(broken)?,
            "removeLogo" => upload.remove_logo = true,
            "logo" => upload.logo = field.bytes().await.map_err(broken)?.to_vec(),
            _ => {}
        }
    }
    Ok(upload)
}

/// The format of a logo, from its content: PNG and JPEG by their first
/// bytes, SVG as UTF-8 text with an `<svg` element.
#[must_use]
pub fn logo_format(content: &[u8]) -> Option<LogoFormat> {
    // SVG first: `infer` calls an SVG with an XML declaration "text/xml".
    if std::str::from_utf8(content).is_ok_and(|t| t.contains("<svg")) {
        return Some(LogoFormat::Svg);
    }
    match infer::get(content).map(|k| k.mime_type()) {
        Some("image/png") => Some(LogoFormat::Png),
        Some("image/jpeg") => Some(LogoFormat::Jpeg),
        _ => None,
    }
}

/// A few lines of text, trimmed; `None` when empty.
fn lines(form: &mut FormState, name: &str, text: &str, what: &str) -> Option<String> {
    let kept: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if kept.len() > MAX_LINES || text.chars().count() > MAX_LINES_CHARS {
        form.error(name, format!("{what} is te lang. Gebruik hoogstens {MAX_LINES} korte regels."));
    }
    (!kept.is_empty()).then(|| kept.join("\n"))
}

pub async fn house_style_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    multipart: Multipart,
) -> Result<Response, PageError> {
    staff.require(Role::may_manage_settings)?;
    let (current, texts) = loaded(&state).await?;
    let upload = read_house_style(multipart).await?;
    let mut form = FormState::default()
        .with("organisation", &upload.organisation)
        .with("address", &upload.address)
        .with("contact", &upload.contact)
        .with("signature", &upload.signature);
    let organisation = upload.organisation.trim().to_owned();
    if organisation.is_empty() {
        form.error("organisation", "Vul de naam van de organisatie in.");
    } else if organisation.chars().count() > MAX_NAME_CHARS || organisation.contains('\n') {
        form.error("organisation", format!("Houd de naam op één regel van hoogstens {MAX_NAME_CHARS} tekens."));
    }
    let address = lines(&mut form, "address", &upload.address, "Het adres");
    let contact = lines(&mut form, "contact", &upload.contact, "De contactgegevens");
    let signature = lines(&mut form, "signature", &upload.signature, "De ondertekening");
    let logo = if !upload.logo.is_empty() {
        if upload.logo.len() > MAX_LOGO_BYTES {
            form.error("logo", format!("Dit logo is te groot. Kies een bestand tot {} kB.", MAX_LOGO_BYTES / 1024));
            None
        } else if let Some(format) = logo_format(&upload.logo) {
            Some(Logo { format, content: upload.logo })
        } else {
            form.error("logo", "Kies een logo als PNG, JPEG of SVG.");
            None
        }
    } else if upload.remove_logo {
        None
    } else {
        current.logo.clone()
    };
    let branding = Branding { organisation, address, contact, signature, logo };
    if !form.has_errors() {
        // A logo typst cannot read would stop every letter: try one now.
        let today = date_in_amsterdam(state.clock.now());
        let sender = Sender::signing_for(&branding, &staff.0.display_name);
        let letter =
            example(&state.rules().await?, &texts, &sender, today).map_err(|e| PageError::Internal(e.to_string()))?;
        if typeset(letter, branding.clone()).await.is_err() {
            form.error("logo", "Dit logo kunnen wij niet in een brief zetten. Probeer een ander bestand.");
        }
    }
    if form.has_errors() {
        tracing::info!(action = "house_style", actor = %staff.0.id, result = "invalid");
        let page = house_style_page(&state, &staff, &csrf, form, false, current.logo.is_some()).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    state.store.set_branding(&branding).await?;
    tracing::info!(action = "house_style", actor = %staff.0.id, result = "ok");
    Ok(Redirect::to("/beheer/huisstijl?opgeslagen=1").into_response())
}

/// The current logo, to show beside the form.
pub async fn logo_get(State(state): State<AppState>, staff: Staff) -> Result<Response, PageError> {
    staff.require(Role::may_manage_settings)?;
    let logo = state.store.branding().await?.and_then(|b| b.logo).ok_or(PageError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, logo.format.code()),
            // An SVG is a document: it may show, never run anything.
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; sandbox"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        logo.content,
    )
        .into_response())
}

/// An example letter in the current house style and wording, as PDF.
pub async fn example_get(State(state): State<AppState>, staff: Staff) -> Result<Response, PageError> {
    staff.require(Role::may_manage_settings)?;
    let (branding, texts) = loaded(&state).await?;
    let sender = Sender::signing_for(&branding, &staff.0.display_name);
    let today = date_in_amsterdam(state.clock.now());
    let letter =
        example(&state.rules().await?, &texts, &sender, today).map_err(|e| PageError::Internal(e.to_string()))?;
    let pdf = typeset(letter, branding).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"voorbeeldbrief.pdf\""),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        pdf,
    )
        .into_response())
}

// ---------------------------------------------------------------------------
// Wording

/// One passage as a field on the wording page.
#[derive(Debug, Clone)]
pub struct PassageField {
    pub name: &'static str,
    pub label: &'static str,
    pub own: bool,
    pub default_text: &'static str,
    /// "{kenmerk}: het kenmerk van de klacht (verplicht)".
    pub fields: Vec<String>,
    pub rows: usize,
}

/// The passages of one letter (or those several letters share).
#[derive(Debug, Clone)]
pub struct PassageGroup {
    pub id: &'static str,
    pub title: &'static str,
    pub passages: Vec<PassageField>,
}

#[derive(Template, WebTemplate)]
#[template(path = "letter_texts.html")]
pub struct LetterTextsPage {
    layout: Layout,
    form: FormState,
    saved: bool,
    groups: Vec<PassageGroup>,
}

fn groups(texts: &LetterTexts) -> Vec<PassageGroup> {
    let field = |p: Passage| PassageField {
        name: p.code(),
        label: p.label(),
        own: texts.is_own(p),
        default_text: p.default_text(),
        fields: p
            .fields()
            .iter()
            .map(|f| format!("{{{}}}: {}{}", f.name, f.meaning, if f.required { " (moet blijven staan)" } else { "" }))
            .collect(),
        rows: if p.is_subject() { 1 } else { 3 },
    };
    let shared = PassageGroup {
        id: "gedeeld",
        title: "In meerdere brieven",
        passages: Passage::ALL.into_iter().filter(|p| p.letter().is_none()).map(field).collect(),
    };
    std::iter::once(shared)
        .chain(LetterKind::ALL.into_iter().map(|kind| PassageGroup {
            id: kind.code(),
            title: kind.label(),
            passages: Passage::ALL.into_iter().filter(|p| p.letter() == Some(kind)).map(field).collect(),
        }))
        .collect()
}

async fn texts_page(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    form: FormState,
    saved: bool,
    texts: &LetterTexts,
) -> Result<LetterTextsPage, PageError> {
    Ok(LetterTextsPage { layout: layout(state, Some(&staff.0), csrf).await?, form, saved, groups: groups(texts) })
}

pub async fn texts_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<SavedQuery>,
) -> Result<LetterTextsPage, PageError> {
    staff.require(Role::may_manage_settings)?;
    let (_, texts) = loaded(&state).await?;
    let form = Passage::ALL.into_iter().fold(FormState::default(), |f, p| f.with(p.code(), texts.text(p)));
    texts_page(&state, &staff, &csrf, form, q.opgeslagen.is_some(), &texts).await
}

/// Saves every passage at once, or none: one refused text keeps the page
/// with all edits and the reasons.
pub async fn texts_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(pairs): HtmlForm<FormPairs>,
) -> Result<Response, PageError> {
    staff.require(Role::may_manage_settings)?;
    let (_, current) = loaded(&state).await?;
    let mut texts = current.clone();
    let mut form = FormState::default();
    for passage in Passage::ALL {
        let text = pairs.get(passage.code());
        form = form.with(passage.code(), text);
        if let Err(message) = texts.set(passage, text) {
            let letter = passage.letter().map_or("In meerdere brieven", LetterKind::label);
            form.error(passage.code(), format!("{letter}, {}: {message}", passage.label().to_lowercase()));
        }
    }
    if form.has_errors() {
        tracing::info!(action = "letter_texts", actor = %staff.0.id, result = "invalid");
        let page = texts_page(&state, &staff, &csrf, form, false, &current).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    state.store.set_letter_texts(&texts).await?;
    tracing::info!(action = "letter_texts", actor = %staff.0.id, result = "ok");
    Ok(Redirect::to("/beheer/briefteksten?opgeslagen=1").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_is_known_by_its_content_not_its_name() {
        assert_eq!(logo_format(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(LogoFormat::Png));
        assert_eq!(logo_format(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some(LogoFormat::Jpeg));
        assert_eq!(
            logo_format(br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#),
            Some(LogoFormat::Svg)
        );
        assert_eq!(logo_format(b"%PDF-1.7"), None, "a PDF is no logo");
        assert_eq!(logo_format(b"just text"), None);
    }

    #[test]
    fn every_passage_is_on_the_wording_page_once() {
        let shown: Vec<&str> =
            groups(&LetterTexts::default()).iter().flat_map(|g| g.passages.iter().map(|p| p.name)).collect();
        assert_eq!(shown.len(), Passage::ALL.len());
        for p in Passage::ALL {
            assert!(shown.contains(&p.code()), "{p:?}");
        }
    }
}

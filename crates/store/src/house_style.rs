//! The organisation's house style and letter wording, kept on its row.

use gehoord_domain::letter::{Branding, LetterTexts, Logo, LogoFormat};

use crate::{Store, StoreError, on_db};

type BrandingRow = (String, Option<String>, Option<String>, Option<String>, Option<Vec<u8>>, Option<String>);

impl Store {
    /// The house style on letters; `None` before set-up.
    ///
    /// # Errors
    /// When the database fails or the stored logo format is unknown.
    pub async fn branding(&self) -> Result<Option<Branding>, StoreError> {
        let row: Option<BrandingRow> = on_db!(self, |pool| {
            sqlx::query_as("SELECT name, address, contact, signature, logo, logo_format FROM organisation WHERE id = 1")
                .fetch_optional(pool)
                .await?
        });
        let Some((organisation, address, contact, signature, logo, format)) = row else { return Ok(None) };
        let logo = match (logo, format) {
            (Some(content), Some(code)) => Some(Logo {
                format: LogoFormat::from_code(&code)
                    .ok_or_else(|| StoreError::Corrupt(format!("logo format {code:?}")))?,
                content,
            }),
            _ => None,
        };
        Ok(Some(Branding { organisation, address, contact, signature, logo }))
    }

    /// Stores the house style (the organisation's name included).
    ///
    /// # Errors
    /// [`StoreError::NotFound`] before set-up; database failures.
    pub async fn set_branding(&self, branding: &Branding) -> Result<(), StoreError> {
        let updated = on_db!(self, |pool| {
            sqlx::query(
                "UPDATE organisation SET name = $1, address = $2, contact = $3, signature = $4, \
                 logo = $5, logo_format = $6 WHERE id = 1",
            )
            .bind(branding.organisation.trim())
            .bind(&branding.address)
            .bind(&branding.contact)
            .bind(&branding.signature)
            .bind(branding.logo.as_ref().map(|l| l.content.as_slice()))
            .bind(branding.logo.as_ref().map(|l| l.format.code()))
            .execute(pool)
            .await?
            .rows_affected()
        });
        if updated == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The organisation's wording of letters; Gehoord's defaults before
    /// set-up and wherever it has no own text.
    ///
    /// # Errors
    /// When the database fails or the stored wording cannot be read.
    pub async fn letter_texts(&self) -> Result<LetterTexts, StoreError> {
        let json: Option<String> = on_db!(self, |pool| {
            sqlx::query_scalar("SELECT letter_texts FROM organisation WHERE id = 1").fetch_optional(pool).await?
        });
        json.map_or_else(
            || Ok(LetterTexts::default()),
            |json| serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("letter texts: {e}"))),
        )
    }

    /// Stores the organisation's wording of letters.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] before set-up; database failures.
    pub async fn set_letter_texts(&self, texts: &LetterTexts) -> Result<(), StoreError> {
        let json = serde_json::to_string(texts).map_err(|e| StoreError::Corrupt(format!("letter texts: {e}")))?;
        let updated = on_db!(self, |pool| {
            sqlx::query("UPDATE organisation SET letter_texts = $1 WHERE id = 1")
                .bind(json)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if updated == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}

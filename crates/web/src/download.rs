//! Serving a stored evidence file, for the case page and the API alike:
//! always as a download (it came from outside), with its content hash.

use axum::{
    http::{HeaderName, header},
    response::{IntoResponse, Response},
};
use gehoord_store::StoredAttachment;

/// The SHA-256 of the body, hex; the same value the evidence's event holds.
pub const X_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-content-sha256");

/// The file as an attachment named `file_name` (made safe for a header).
pub fn evidence_file(file: StoredAttachment, file_name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", safe_name(file_name));
    (
        [
            (header::CONTENT_TYPE, file.media_type),
            (header::CONTENT_DISPOSITION, disposition),
            (X_CONTENT_SHA256, file.sha256),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.content,
    )
        .into_response()
}

/// A file name that is safe in a header: ASCII letters, digits, dot, dash
/// and underscore; anything else becomes an underscore.
fn safe_name(name: &str) -> String {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    if safe.trim_matches(['.', '_']).is_empty() { "bestand".to_owned() } else { safe }
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn download_names_are_plain_ascii() {
        assert_eq!(safe_name("brief.pdf"), "brief.pdf");
        assert_eq!(safe_name("brief 3 maart.pdf"), "brief_3_maart.pdf");
        assert_eq!(safe_name("Brief \"gemeente\"\r\n.pdf"), "Brief__gemeente___.pdf");
        assert_eq!(safe_name("één foto.jpg"), "__n_foto.jpg");
        assert_eq!(safe_name("..."), "bestand");
        assert_eq!(safe_name(""), "bestand");
    }
}

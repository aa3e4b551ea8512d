//! The organisation's house style on its letters: name, logo, address,
//! how to reach it, and the lines under the signer's name.

/// How a letter looks as the organisation's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branding {
    pub organisation: String,
    /// Postal address, one line per line, for the letterhead.
    pub address: Option<String>,
    /// Telephone, website, e-mail: how the reader reaches us.
    pub contact: Option<String>,
    /// Lines under the signer's name (team, "namens het college…");
    /// the organisation's name when not set.
    pub signature: Option<String>,
    pub logo: Option<Logo>,
}

/// The letterhead's logo image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub format: LogoFormat,
    pub content: Vec<u8>,
}

crate::vocabulary! {
    /// Image formats a logo may have: what both PDF and mail readers show.
    pub enum LogoFormat {
        Png = ("image/png", "PNG"),
        Jpeg = ("image/jpeg", "JPEG"),
        Svg = ("image/svg+xml", "SVG"),
    }
}

impl LogoFormat {
    /// The file extension typst recognises the image by.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Svg => "svg",
        }
    }
}

/// Largest logo accepted: a letterhead image, not a photo.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

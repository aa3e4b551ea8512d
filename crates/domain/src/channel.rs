//! The ways a complaint reaches the organisation.
//!
//! Nothing may be refused for the channel it came through (Awb 9:2, and
//! ombudsvisie rule of thumb 1), so every channel leads to the same case.

use serde::{Deserialize, Serialize};

/// How the dissatisfaction came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The public complaint form on the organisation's website.
    WebForm,
    /// An integrating system through `POST /v1/klachten`.
    Api,
    Phone,
    Counter,
    Letter,
    Email,
    SocialMedia,
    /// A customer-satisfaction survey answer.
    Survey,
    /// Forwarded by another organisation (Awb 2:3).
    OtherOrganisation,
    /// Sent on by an ombudsman because the organisation must handle it first (Awb 9:20).
    Ombudsman,
    /// A signal the organisation found itself while looking for bottlenecks.
    OwnSignal,
}

impl Channel {
    pub const ALL: [Self; 11] = [
        Self::WebForm,
        Self::Api,
        Self::Phone,
        Self::Counter,
        Self::Letter,
        Self::Email,
        Self::SocialMedia,
        Self::Survey,
        Self::OtherOrganisation,
        Self::Ombudsman,
        Self::OwnSignal,
    ];

    /// Channels a staff member registers by hand; the web form and the API
    /// register themselves.
    pub const STAFF: [Self; 9] = [
        Self::Phone,
        Self::Counter,
        Self::Letter,
        Self::Email,
        Self::SocialMedia,
        Self::Survey,
        Self::OtherOrganisation,
        Self::Ombudsman,
        Self::OwnSignal,
    ];

    /// The stable code used in storage, URLs and the API.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::WebForm => "web_form",
            Self::Api => "api",
            Self::Phone => "phone",
            Self::Counter => "counter",
            Self::Letter => "letter",
            Self::Email => "email",
            Self::SocialMedia => "social_media",
            Self::Survey => "survey",
            Self::OtherOrganisation => "other_organisation",
            Self::Ombudsman => "ombudsman",
            Self::OwnSignal => "own_signal",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Dutch label for the UI.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::WebForm => "Webformulier",
            Self::Api => "Koppeling",
            Self::Phone => "Telefoon",
            Self::Counter => "Balie",
            Self::Letter => "Brief",
            Self::Email => "E-mail",
            Self::SocialMedia => "Sociale media",
            Self::Survey => "Tevredenheidsonderzoek",
            Self::OtherOrganisation => "Via andere organisatie",
            Self::Ombudsman => "Via ombudsman",
            Self::OwnSignal => "Eigen signaal",
        }
    }

    /// Whether a complaint through this channel is in writing, one of the
    /// conditions for a formal complaint (Awb 9:4 lid 1).
    ///
    /// ```
    /// use gehoord_domain::Channel;
    /// assert!(Channel::Letter.is_written());
    /// assert!(!Channel::Phone.is_written());
    /// ```
    #[must_use]
    pub const fn is_written(self) -> bool {
        !matches!(self, Self::Phone | Self::Counter | Self::OwnSignal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_code(channel.code()), Some(channel));
            let json = serde_json::to_string(&channel).unwrap();
            assert_eq!(json, format!("\"{}\"", channel.code()));
        }
        assert_eq!(Channel::from_code("fax"), None);
    }

    #[test]
    fn staff_channels_exclude_self_registering_ones() {
        assert!(!Channel::STAFF.contains(&Channel::WebForm));
        assert!(!Channel::STAFF.contains(&Channel::Api));
        assert_eq!(Channel::STAFF.len() + 2, Channel::ALL.len());
    }
}

//! The ways a complaint reaches the organisation.
//!
//! Nothing may be refused for the channel it came through (Awb 9:2, and
//! ombudsvisie rule of thumb 1), so every channel leads to the same case.

crate::vocabulary! {
    /// How the dissatisfaction came in.
    pub enum Channel {
        /// The public complaint form on the organisation's website.
        WebForm = ("web_form", "Webformulier"),
        /// An integrating system through `POST /v1/klachten`.
        Api = ("api", "Koppeling"),
        Phone = ("phone", "Telefoon"),
        Counter = ("counter", "Balie"),
        Letter = ("letter", "Brief"),
        Email = ("email", "E-mail"),
        SocialMedia = ("social_media", "Sociale media"),
        /// A customer-satisfaction survey answer.
        Survey = ("survey", "Tevredenheidsonderzoek"),
        /// Forwarded by another organisation (Awb 2:3).
        OtherOrganisation = ("other_organisation", "Via andere organisatie"),
        /// Sent on by an ombudsman because the organisation must handle it first (Awb 9:20).
        Ombudsman = ("ombudsman", "Via ombudsman"),
        /// A signal the organisation found itself while looking for bottlenecks.
        OwnSignal = ("own_signal", "Eigen signaal"),
    }
}

impl Channel {
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

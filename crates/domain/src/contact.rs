//! Contact with the citizen (rule of thumb 2: explore the problem).
//!
//! The organisation takes the initiative for personal contact, phone first,
//! a meeting when emotions or complexity call for it. Every attempt is
//! recorded, also the ones that did not reach the citizen: the organisation
//! keeps the initiative.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ContactPreference;

/// How contact took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Phone,
    Meeting,
    VideoCall,
    Email,
    Letter,
    Counter,
}

impl ContactMethod {
    pub const ALL: [Self; 6] = [Self::Phone, Self::Meeting, Self::VideoCall, Self::Email, Self::Letter, Self::Counter];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Meeting => "meeting",
            Self::VideoCall => "video_call",
            Self::Email => "email",
            Self::Letter => "letter",
            Self::Counter => "counter",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Phone => "Telefoon",
            Self::Meeting => "Gesprek",
            Self::VideoCall => "Videogesprek",
            Self::Email => "E-mail",
            Self::Letter => "Brief",
            Self::Counter => "Balie",
        }
    }

    /// Spoken, person-to-person contact: what rule of thumb 2 asks the
    /// organisation to seek first.
    #[must_use]
    pub const fn is_personal(self) -> bool {
        matches!(self, Self::Phone | Self::Meeting | Self::VideoCall | Self::Counter)
    }

    /// Whether using this method goes against a citizen's stated preference
    /// for written contact. Rule of thumb 1 asks to record preferences and
    /// needs; respecting them is part of proper treatment.
    ///
    /// ```
    /// use gehoord_domain::{ContactPreference, contact::ContactMethod};
    /// assert!(ContactMethod::Phone.goes_against(ContactPreference::Letter));
    /// assert!(!ContactMethod::Email.goes_against(ContactPreference::Email));
    /// assert!(!ContactMethod::Phone.goes_against(ContactPreference::NoPreference));
    /// ```
    #[must_use]
    pub const fn goes_against(self, preference: ContactPreference) -> bool {
        matches!(preference, ContactPreference::Email | ContactPreference::Letter) && self.is_personal()
    }
}

/// Who started the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Initiative {
    Organisation,
    Citizen,
}

impl Initiative {
    pub const ALL: [Self; 2] = [Self::Organisation, Self::Citizen];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Citizen => "citizen",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Organisation => "Wij namen het initiatief",
            Self::Citizen => "De burger nam het initiatief",
        }
    }
}

/// Whether the contact reached the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactOutcome {
    Reached,
    NotReached,
    Voicemail,
}

impl ContactOutcome {
    pub const ALL: [Self; 3] = [Self::Reached, Self::NotReached, Self::Voicemail];

    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::NotReached => "not_reached",
            Self::Voicemail => "voicemail",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Reached => "Bereikt",
            Self::NotReached => "Niet bereikt",
            Self::Voicemail => "Voicemail ingesproken",
        }
    }
}

/// One recorded contact or attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub at: Timestamp,
    pub method: ContactMethod,
    pub initiative: Initiative,
    pub outcome: ContactOutcome,
    pub summary: String,
}

impl Contact {
    /// A personal contact that reached the citizen.
    #[must_use]
    pub fn is_personal_contact(&self) -> bool {
        self.method.is_personal() && self.outcome == ContactOutcome::Reached
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for m in ContactMethod::ALL {
            assert_eq!(ContactMethod::from_code(m.code()), Some(m));
        }
        for o in ContactOutcome::ALL {
            assert_eq!(ContactOutcome::from_code(o.code()), Some(o));
        }
        for i in Initiative::ALL {
            assert_eq!(Initiative::from_code(i.code()), Some(i));
        }
    }

    #[test]
    fn only_spoken_contact_that_reached_the_citizen_is_personal_contact() {
        let contact = |method, outcome| Contact {
            at: jiff::Timestamp::UNIX_EPOCH,
            method,
            initiative: Initiative::Organisation,
            outcome,
            summary: String::new(),
        };
        assert!(contact(ContactMethod::Phone, ContactOutcome::Reached).is_personal_contact());
        assert!(!contact(ContactMethod::Phone, ContactOutcome::Voicemail).is_personal_contact());
        assert!(!contact(ContactMethod::Email, ContactOutcome::Reached).is_personal_contact());
    }
}

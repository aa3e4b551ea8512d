//! Contact with the citizen (rule of thumb 2: explore the problem).
//!
//! The organisation takes the initiative for personal contact, phone first,
//! a meeting when emotions or complexity call for it. Every attempt is
//! recorded, also the ones that did not reach the citizen: the organisation
//! keeps the initiative.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ContactPreference;

crate::vocabulary! {
    /// How contact took place.
    pub enum ContactMethod {
        Phone = ("phone", "Telefoon"),
        Meeting = ("meeting", "Gesprek"),
        VideoCall = ("video_call", "Videogesprek"),
        Email = ("email", "E-mail"),
        Letter = ("letter", "Brief"),
        Counter = ("counter", "Balie"),
        /// Written by the citizen on their status page.
        Online = ("online", "Online, via de statuspagina"),
    }
}

impl ContactMethod {
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

crate::vocabulary! {
    /// Who started the contact.
    pub enum Initiative {
        Organisation = ("organisation", "Wij namen het initiatief"),
        Citizen = ("citizen", "De burger nam het initiatief"),
    }
}

crate::vocabulary! {
    /// Whether the contact reached the citizen.
    pub enum ContactOutcome {
        Reached = ("reached", "Bereikt"),
        NotReached = ("not_reached", "Niet bereikt"),
        Voicemail = ("voicemail", "Voicemail ingesproken"),
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

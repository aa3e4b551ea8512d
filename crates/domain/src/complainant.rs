//! The person who complains and how they want to be reached.

use serde::{Deserialize, Serialize};

use crate::error::{Field, FieldError};

crate::vocabulary! {
    /// How the citizen prefers to be contacted. Rule of thumb 1 asks to record
    /// contact preferences and needs: some citizens do not read well, some want
    /// written contact only.
    #[derive(Default)]
    pub enum ContactPreference {
        #[default]
        NoPreference = ("no_preference", "Geen voorkeur"),
        Phone = ("phone", "Telefoon"),
        Email = ("email", "E-mail"),
        Letter = ("letter", "Brief"),
    }
}

/// Who complains. Every field is optional: an anonymous or oral complaint is
/// still a complaint (Awb 9:2), it just cannot always be answered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Complainant {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Postal address as one text; Dutch addresses are written, not parsed.
    pub address: Option<String>,
    pub contact_preference: ContactPreference,
    /// Needs such as "leest niet goed" or "tolk Arabisch nodig".
    pub needs: Option<String>,
    /// Someone acting on the complainant's behalf (Awb 9:1, *gemachtigde*).
    pub representative: Option<String>,
    /// "Bel mij liever": the citizen asks to be called back instead of
    /// writing more, at this preferred time ("dinsdagochtend").
    #[serde(default)]
    pub call_back: Option<String>,
}

/// See [`Complainant::person_keys`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonKeys {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name_address: Option<String>,
}

impl Complainant {
    /// Trims every field and turns blanks into `None`.
    #[must_use]
    pub fn normalised(self) -> Self {
        Self {
            name: clean(self.name),
            email: clean(self.email),
            phone: clean(self.phone),
            address: clean(self.address),
            contact_preference: self.contact_preference,
            needs: clean(self.needs),
            representative: clean(self.representative),
            call_back: clean(self.call_back),
        }
    }

    /// Keys that recognise the same person on another case: the e-mail
    /// address, the phone number in national form, and name with address.
    /// Staff confirm a match by looking; the keys only find candidates.
    ///
    /// ```
    /// use gehoord_domain::Complainant;
    /// let a = Complainant { phone: Some("+31 6 1234 5678".into()), email: Some("Jan@Example.nl ".into()), ..Complainant::default() };
    /// let keys = a.person_keys();
    /// assert_eq!(keys.phone.as_deref(), Some("0612345678"));
    /// assert_eq!(keys.email.as_deref(), Some("jan@example.nl"));
    /// assert_eq!(keys.name_address, None);
    /// ```
    #[must_use]
    pub fn person_keys(&self) -> PersonKeys {
        let fold = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let phone =
            self.phone.as_deref().map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>()).map(|d| match d
                .strip_prefix("0031")
                .or_else(|| d.strip_prefix("31").filter(|rest| rest.len() == 9))
            {
                Some(rest) => format!("0{rest}"),
                None => d,
            });
        PersonKeys {
            email: self.email.as_deref().map(fold),
            phone: phone.filter(|p| p.len() >= 6),
            name_address: self
                .name
                .as_deref()
                .zip(self.address.as_deref())
                .map(|(n, a)| format!("{}|{}", fold(n), fold(a))),
        }
    }

    /// Whether nobody can be answered: no name and no way to reach anyone.
    /// Such a complaint is still heard, as an anonymous signal the
    /// organisation learns from (Awb 9:2 does not ask for a name).
    #[must_use]
    pub fn is_anonymous(&self) -> bool {
        self.name.is_none() && !self.is_reachable()
    }

    /// Whether the organisation has any way to answer this person.
    #[must_use]
    pub fn is_reachable(&self) -> bool {
        self.email.is_some() || self.phone.is_some() || self.address.is_some()
    }

    /// Checks the contact details against each other: a preferred channel
    /// needs the matching detail, and details must look like what they claim
    /// to be. Returns every problem, so a form can show them all at once.
    #[must_use]
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if let Some(email) = &self.email
            && !looks_like_email(email)
        {
            problems.push(FieldError::new(Field::Email, "Vul een e-mailadres in zoals naam@voorbeeld.nl."));
        }
        if let Some(phone) = &self.phone
            && !looks_like_phone(phone)
        {
            problems.push(FieldError::new(
                Field::Phone,
                "Vul een telefoonnummer in met alleen cijfers, spaties, streepjes of een +, zoals 06 12345678.",
            ));
        }
        match self.contact_preference {
            ContactPreference::Email if self.email.is_none() => {
                problems.push(FieldError::new(Field::Email, "U wilt contact per e-mail. Vul uw e-mailadres in."))
            }
            ContactPreference::Phone if self.phone.is_none() => {
                problems.push(FieldError::new(Field::Phone, "U wilt contact per telefoon. Vul uw telefoonnummer in."))
            }
            ContactPreference::Letter if self.address.is_none() => {
                problems.push(FieldError::new(Field::Address, "U wilt contact per brief. Vul uw adres in."))
            }
            _ => {}
        }
        if self.call_back.is_some() && self.phone.is_none() {
            problems.push(FieldError::new(Field::Phone, "U wilt liever gebeld worden. Vul uw telefoonnummer in."));
        }
        problems
    }
}

/// Trims and drops empty text.
#[must_use]
pub fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// A deliberately loose check: one `@`, something before it, a dot in the
/// domain, no spaces. Delivery is the real test; this catches typing slips.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

fn looks_like_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits) && phone.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(c: &Complainant) -> Vec<Field> {
        c.problems().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn anonymous_complainant_has_no_problems() {
        let c = Complainant::default();
        assert!(c.problems().is_empty());
        assert!(!c.is_reachable());
    }

    #[test]
    fn a_call_back_needs_a_phone_number_and_a_name_alone_is_not_anonymous() {
        let c = Complainant { call_back: Some("dinsdagochtend".into()), ..Complainant::default() };
        assert_eq!(fields(&c), [Field::Phone]);
        let c = Complainant { phone: Some("06 12345678".into()), ..c };
        assert!(fields(&c).is_empty());
        assert!(!c.is_anonymous());
        assert!(Complainant::default().is_anonymous());
        assert!(!Complainant { name: Some("Jan".into()), ..Complainant::default() }.is_anonymous());
    }

    #[test]
    fn normalising_drops_blank_fields() {
        let c = Complainant { name: Some("  ".into()), email: Some(" a@b.nl ".into()), ..Complainant::default() }
            .normalised();
        assert_eq!(c.name, None);
        assert_eq!(c.email.as_deref(), Some("a@b.nl"));
    }

    #[test]
    fn preferred_channel_needs_its_detail() {
        let c = Complainant { contact_preference: ContactPreference::Email, ..Complainant::default() };
        assert_eq!(fields(&c), [Field::Email]);
        let c = Complainant { contact_preference: ContactPreference::Letter, ..Complainant::default() };
        assert_eq!(fields(&c), [Field::Address]);
        let c = Complainant {
            contact_preference: ContactPreference::Phone,
            phone: Some("06-12345678".into()),
            ..Complainant::default()
        };
        assert!(fields(&c).is_empty());
    }

    #[test]
    fn email_and_phone_must_look_plausible() {
        for bad in ["jan", "jan@", "@voorbeeld.nl", "jan@voorbeeld", "jan @voorbeeld.nl", "a@b@c.nl"] {
            let c = Complainant { email: Some(bad.into()), ..Complainant::default() };
            assert_eq!(fields(&c), [Field::Email], "{bad}");
        }
        for bad in ["12", "bel me", "06 1234 5678 9012 3456"] {
            let c = Complainant { phone: Some(bad.into()), ..Complainant::default() };
            assert_eq!(fields(&c), [Field::Phone], "{bad}");
        }
        let c = Complainant {
            email: Some("jan.de.vries@gemeente.nl".into()),
            phone: Some("+31 (0)20 123 4567".into()),
            ..Complainant::default()
        };
        assert!(c.problems().is_empty());
    }
}

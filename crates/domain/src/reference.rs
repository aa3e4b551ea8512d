//! The human case reference, `KL-2026-000042`.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A case's human reference: a yearly sequence number per organisation.
///
/// The number is allocated by the store in the same transaction as the case's
/// first event, so references have no gaps and never repeat.
///
/// ```
/// use gehoord_domain::CaseReference;
/// let r = CaseReference::new(2026, 42);
/// assert_eq!(r.to_string(), "KL-2026-000042");
/// assert_eq!("kl-2026-000042".parse::<CaseReference>(), Ok(r));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseReference {
    year: i16,
    number: u32,
}

impl CaseReference {
    #[must_use]
    pub const fn new(year: i16, number: u32) -> Self {
        Self { year, number }
    }

    #[must_use]
    pub const fn year(self) -> i16 {
        self.year
    }

    #[must_use]
    pub const fn number(self) -> u32 {
        self.number
    }
}

impl fmt::Display for CaseReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KL-{:04}-{:06}", self.year, self.number)
    }
}

/// The text is not a reference of the form `KL-2026-000042`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("geen geldig kenmerk; een kenmerk ziet eruit als KL-2026-000042")]
pub struct InvalidReference;

impl FromStr for CaseReference {
    type Err = InvalidReference;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let (Some(prefix), Some(year), Some(number)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(InvalidReference);
        };
        let digits = |t: &str, min: usize| t.len() >= min && t.bytes().all(|b| b.is_ascii_digit());
        if !prefix.eq_ignore_ascii_case("KL") || year.len() != 4 || !digits(year, 4) || !digits(number, 6) {
            return Err(InvalidReference);
        }
        let year = year.parse().map_err(|_| InvalidReference)?;
        let number: u32 = number.parse().map_err(|_| InvalidReference)?;
        if number == 0 {
            return Err(InvalidReference);
        }
        Ok(Self { year, number })
    }
}

impl Serialize for CaseReference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CaseReference {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_to_six_digits_and_grows_beyond() {
        assert_eq!(CaseReference::new(2026, 1).to_string(), "KL-2026-000001");
        assert_eq!(CaseReference::new(2027, 1_234_567).to_string(), "KL-2027-1234567");
        assert_eq!("KL-2027-1234567".parse(), Ok(CaseReference::new(2027, 1_234_567)));
    }

    #[test]
    fn rejects_malformed_references() {
        for bad in
            ["", "KL-2026", "KL-26-000001", "ZK-2026-000001", "KL-2026-00001", "KL-2026-000000", "KL-2026-00000a"]
        {
            assert_eq!(bad.parse::<CaseReference>(), Err(InvalidReference), "{bad}");
        }
    }

    #[test]
    fn serialises_as_its_text() {
        let r = CaseReference::new(2026, 7);
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"KL-2026-000007\"");
        assert_eq!(serde_json::from_str::<CaseReference>("\"KL-2026-000007\"").unwrap(), r);
    }
}

//! Signals a manager deals with: each signal on the list has a stable key,
//! so that once it is turned into a lesson or set aside ("no action
//! needed", with a reason) it leaves the open list, and comes back only as
//! a *new* signal.
//!
//! The keys, and when a signal counts as the same one:
//!
//! - **A rising volume** ([`SignalKey::Rise`]): the dimension (category or
//!   department), the name, and the last day of the four-week window in
//!   which it was seen (the window is the 28 days up to and including that
//!   day, as [`crate::insight::rising`] compares it). The list shows a
//!   rolling window ending today, so the key of an open rise moves with the
//!   day; a rise that was dealt with stays dealt with while today's window
//!   still overlaps the window it was dealt with in ([`same_rise`]). Once
//!   the window has moved past it completely (28 days later), every
//!   complaint counted is new, and a rise then is a new signal.
//! - **A recurring theme** ([`SignalKey::Theme`]): the smallest case id of
//!   the theme's complaints, its *anchor* (case ids are UUIDv7, so this is
//!   the earliest complaint). New complaints that join the theme do not
//!   change it. Because the grouping is recomputed from the texts of the
//!   last 90 days, the anchor can drop out (it ages out, or the grouping
//!   shifts); therefore a theme also counts as dealt with when more than
//!   half of its complaints were in one theme that was dealt with
//!   ([`same_theme`]): the same core, under a new anchor.
//! - **A flagged case** ([`SignalKey::Flag`]): the case id and when it was
//!   flagged. Flagging the case again later (after clearing the flag) is a
//!   new signal.

use std::{collections::HashSet, fmt, str::FromStr};

use jiff::{Timestamp, civil::Date};
use uuid::Uuid;

use crate::insight::SIGNAL_WINDOW_DAYS;

/// What a rising volume is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Category,
    Department,
}

impl Dimension {
    /// The stable code, as stored.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Category => "category",
            Self::Department => "department",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "category" => Some(Self::Category),
            "department" => Some(Self::Department),
            _ => None,
        }
    }

    /// As the list names it.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Category => "Categorie",
            Self::Department => "Afdeling",
        }
    }
}

/// The kind of a signal, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignalKind {
    Rise,
    Theme,
    Flag,
}

impl SignalKind {
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Rise => "rise",
            Self::Theme => "theme",
            Self::Flag => "flag",
        }
    }

    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "rise" => Some(Self::Rise),
            "theme" => Some(Self::Theme),
            "flag" => Some(Self::Flag),
            _ => None,
        }
    }

    /// As the list of dealt-with signals names it.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Rise => "Meer klachten dan gewoonlijk",
            Self::Theme => "Terugkerend onderwerp",
            Self::Flag => "Belangrijk signaal van een behandelaar",
        }
    }
}

/// The stable key of one signal; see the module documentation.
///
/// As text (a form field, a URL, the database): `rise:<dimension>:<last
/// day>:<name>`, `theme:<anchor case id>`, `flag:<case id>:<flagged at, in
/// microseconds since 1970>` or `flag:<case id>` when the time is unknown.
/// The name comes last, so it may contain any character.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SignalKey {
    Rise { dimension: Dimension, name: String, window_end: Date },
    Theme { anchor: Uuid },
    Flag { case_id: Uuid, flagged_at: Option<Timestamp> },
}

impl SignalKey {
    #[must_use]
    pub const fn kind(&self) -> SignalKind {
        match self {
            Self::Rise { .. } => SignalKind::Rise,
            Self::Theme { .. } => SignalKind::Theme,
            Self::Flag { .. } => SignalKind::Flag,
        }
    }

    /// The key of a theme: its smallest case id (`None` for no cases).
    #[must_use]
    pub fn theme(members: &[Uuid]) -> Option<Self> {
        members.iter().min().map(|&anchor| Self::Theme { anchor })
    }
}

impl fmt::Display for SignalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rise { dimension, name, window_end } => write!(f, "rise:{}:{window_end}:{name}", dimension.code()),
            Self::Theme { anchor } => write!(f, "theme:{anchor}"),
            Self::Flag { case_id, flagged_at: Some(at) } => write!(f, "flag:{case_id}:{}", at.as_microsecond()),
            Self::Flag { case_id, flagged_at: None } => write!(f, "flag:{case_id}"),
        }
    }
}

/// A text that is no signal key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAKey;

impl fmt::Display for NotAKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Dit signaal bestaat niet. Open de lijst met signalen opnieuw.")
    }
}

impl std::error::Error for NotAKey {}

impl FromStr for SignalKey {
    type Err = NotAKey;

    fn from_str(s: &str) -> Result<Self, NotAKey> {
        let (kind, rest) = s.trim().split_once(':').ok_or(NotAKey)?;
        match kind {
            "rise" => {
                let mut parts = rest.splitn(3, ':');
                let dimension = parts.next().and_then(Dimension::from_code).ok_or(NotAKey)?;
                let window_end = parts.next().and_then(|d| d.parse::<Date>().ok()).ok_or(NotAKey)?;
                let name = parts.next().filter(|n| !n.trim().is_empty()).ok_or(NotAKey)?;
                Ok(Self::Rise { dimension, name: name.to_owned(), window_end })
            }
            "theme" => Ok(Self::Theme { anchor: rest.parse().map_err(|_| NotAKey)? }),
            "flag" => {
                let (id, at) = rest.split_once(':').map_or((rest, None), |(id, at)| (id, Some(at)));
                let case_id = id.parse().map_err(|_| NotAKey)?;
                let flagged_at = match at {
                    None => None,
                    Some(at) => {
                        let micros = at.parse::<i64>().map_err(|_| NotAKey)?;
                        Some(Timestamp::from_microsecond(micros).map_err(|_| NotAKey)?)
                    }
                };
                Ok(Self::Flag { case_id, flagged_at })
            }
            _ => Err(NotAKey),
        }
    }
}

/// The first day of the four-week window that ends on `window_end`.
#[must_use]
pub fn window_start(window_end: Date) -> Date {
    window_end.checked_sub(jiff::Span::new().days(SIGNAL_WINDOW_DAYS - 1)).unwrap_or(window_end)
}

/// Is a rise seen in the window ending `today` the same rise as one dealt
/// with in the window ending `dealt_window_end`? Yes while the two windows
/// share a day.
#[must_use]
pub fn same_rise(dealt_window_end: Date, today: Date) -> bool {
    let apart = (today - dealt_window_end).get_days();
    (0..SIGNAL_WINDOW_DAYS).contains(&apart)
        || (dealt_window_end > today && (dealt_window_end - today).get_days() < SIGNAL_WINDOW_DAYS)
}

/// Is a theme with `members` (and `anchor`) the same as a theme that was
/// dealt with, with `dealt_anchor` and `dealt_members`? Yes for the same
/// anchor, or when more than half of its complaints were in that theme.
#[must_use]
pub fn same_theme(anchor: Uuid, members: &[Uuid], dealt_anchor: Uuid, dealt_members: &HashSet<Uuid>) -> bool {
    if anchor == dealt_anchor {
        return true;
    }
    let shared = members.iter().filter(|m| dealt_members.contains(m)).count();
    !members.is_empty() && shared * 2 > members.len()
}

/// The most characters a reason may have.
pub const REASON_MAX: usize = 2_000;

/// Why no action is needed, cleaned; a Dutch message when it is missing
/// or too long.
///
/// # Errors
/// When the reason is empty or longer than [`REASON_MAX`] characters.
pub fn no_action_reason(reason: &str) -> Result<String, &'static str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("Schrijf op waarom er geen actie nodig is.");
    }
    if reason.chars().count() > REASON_MAX {
        return Err("De reden is te lang. Gebruik hoogstens 2000 tekens.");
    }
    Ok(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn keys_read_back_as_written() {
        let keys = [
            SignalKey::Rise {
                dimension: Dimension::Category,
                name: "Afval: containers".into(),
                window_end: date(2026, 11, 30),
            },
            SignalKey::Rise {
                dimension: Dimension::Department,
                name: "Burgerzaken".into(),
                window_end: date(2026, 1, 2),
            },
            SignalKey::Theme { anchor: Uuid::now_v7() },
            SignalKey::Flag {
                case_id: Uuid::now_v7(),
                flagged_at: Some(Timestamp::from_microsecond(1_764_460_800_123_456).unwrap()),
            },
            SignalKey::Flag { case_id: Uuid::now_v7(), flagged_at: None },
        ];
        for key in keys {
            assert_eq!(key.to_string().parse::<SignalKey>(), Ok(key.clone()), "{key}");
        }
        assert_eq!(
            "rise:category:2026-11-30:Afval: containers".parse::<SignalKey>().map(|k| k.kind()),
            Ok(SignalKind::Rise)
        );
        for bad in [
            "",
            "rise",
            "rise:colour:2026-11-30:Rood",
            "rise:category:gisteren:Afval",
            "rise:category:2026-11-30:",
            "theme:x",
            "flag:1:2",
            "other:1",
        ] {
            assert_eq!(bad.parse::<SignalKey>(), Err(NotAKey), "{bad}");
        }
    }

    #[test]
    fn a_rise_stays_dealt_with_until_the_window_has_moved_past_it() {
        let dealt = date(2026, 11, 2);
        assert!(same_rise(dealt, dealt));
        assert!(same_rise(dealt, date(2026, 11, 29)), "27 days later the windows share a day");
        assert!(!same_rise(dealt, date(2026, 11, 30)), "28 days later every counted complaint is new");
        assert!(same_rise(dealt, date(2026, 11, 1)), "a clock a day behind");
        assert!(!same_rise(dealt, date(2026, 9, 1)));
        assert_eq!(window_start(date(2026, 11, 28)), date(2026, 11, 1));
    }

    #[test]
    fn a_theme_is_the_same_by_its_anchor_or_most_of_its_complaints() {
        let ids: Vec<Uuid> = (0..6).map(|_| Uuid::now_v7()).collect();
        let key = SignalKey::theme(&[ids[2], ids[1], ids[3]]);
        assert_eq!(key, Some(SignalKey::Theme { anchor: ids[1] }));
        assert_eq!(SignalKey::theme(&[]), None);
        let dealt: HashSet<Uuid> = ids[1..4].iter().copied().collect();
        // Grown by two new complaints: same anchor.
        assert!(same_theme(ids[1], &ids[1..6], ids[1], &dealt));
        // The anchor aged out; two of three remain: the same core.
        assert!(same_theme(ids[2], &[ids[2], ids[3], ids[4]], ids[1], &dealt));
        // Only one of three: a new theme.
        assert!(!same_theme(ids[3], &[ids[3], ids[4], ids[5]], ids[1], &dealt));
        assert!(!same_theme(ids[4], &[], ids[1], &dealt));
    }

    #[test]
    fn no_action_needs_a_reason() {
        assert_eq!(no_action_reason("  "), Err("Schrijf op waarom er geen actie nodig is."));
        assert_eq!(no_action_reason(" Seizoensdrukte, elk jaar zo. "), Ok("Seizoensdrukte, elk jaar zo.".to_owned()));
        assert!(no_action_reason(&"a".repeat(REASON_MAX + 1)).is_err());
    }
}

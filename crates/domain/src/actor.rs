//! Who did something. Every event names its actor so the timeline can say
//! who, when and what without looking anything up.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The person or system behind a command.
///
/// Staff and integrations carry a display name as it was at the time, so the
/// history stays readable after a user is renamed or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// A citizen without an account (public form, later the status page).
    Citizen,
    /// A logged-in staff member.
    Staff { user_id: Uuid, name: String },
    /// An integrating system using an API token.
    Integration { token_id: Uuid, name: String },
    /// Gehoord itself (jobs, imports, demo data).
    System,
}

impl Actor {
    /// A short Dutch description for the timeline.
    #[must_use]
    pub fn display_name(&self) -> String {
        match self {
            Self::Citizen => "Burger".to_owned(),
            Self::Staff { name, .. } => name.clone(),
            Self::Integration { name, .. } => format!("Koppeling {name}"),
            Self::System => "Gehoord".to_owned(),
        }
    }

    /// The staff user behind this actor, if any.
    #[must_use]
    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Self::Staff { user_id, .. } => Some(*user_id),
            _ => None,
        }
    }
}

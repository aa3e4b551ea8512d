//! The time source, injected so tests can set the date (a deadline on Easter
//! Monday needs an Easter Monday).

use std::sync::{Arc, Mutex};

use jiff::Timestamp;

/// The system clock, or a settable one for tests.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(Arc<Mutex<Timestamp>>),
}

impl Clock {
    #[must_use]
    pub fn fixed(at: Timestamp) -> Self {
        Self::Fixed(Arc::new(Mutex::new(at)))
    }

    #[must_use]
    pub fn now(&self) -> Timestamp {
        match self {
            Self::System => Timestamp::now(),
            Self::Fixed(at) => *at.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }

    /// Moves a fixed clock; the system clock cannot be set.
    pub fn set(&self, to: Timestamp) {
        if let Self::Fixed(at) = self {
            *at.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = to;
        }
    }
}

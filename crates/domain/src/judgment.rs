//! Complaint parts (*klachtonderdelen*) and their judgments (Awb 9:12).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::norm::Norm;

crate::vocabulary! {
    /// The verdict on one complaint part.
    pub enum Verdict {
        WellFounded = ("well_founded", "Gegrond"),
        Unfounded = ("unfounded", "Ongegrond"),
        /// The facts cannot be established, so no judgment can be given.
        NoJudgment = ("no_judgment", "Geen oordeel"),
    }
}

/// A judgment on one part: lawfulness and propriety, with the reasoning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgment {
    pub verdict: Verdict,
    /// Whether the facts could be established. If not, "geen oordeel" is
    /// the only fair verdict: "ongegrond" would say the citizen was wrong.
    pub facts_established: bool,
    /// Tested against the law and rules (lawfulness).
    pub lawfulness_tested: bool,
    /// The propriety norms the part was tested against; for a well-founded
    /// part, the norms that were not met.
    pub norms: Vec<Norm>,
    pub motivation: String,
    pub apology: Option<String>,
    pub compensation: Option<String>,
}

/// One part of the complaint and, once judged, its judgment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintPart {
    pub id: Uuid,
    pub description: String,
    pub judgment: Option<Judgment>,
}

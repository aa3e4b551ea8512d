//! How a case ended.

crate::vocabulary! {
    /// How a case ended (DOMAIN.md, "Outcomes"). The vocabulary is complete from
    /// the start so reports never need a migration; which outcomes a case can reach
    /// grows with the commands that lead to them.
    pub enum Outcome {
        /// Solved informally and confirmed with the control question (Awb 9:5).
        Solved = ("solved", "Opgelost"),
        /// Judged after investigation (Awb 9:12).
        Judged = ("judged", "Beoordeeld na onderzoek"),
        /// Not handled on a ground of Awb 9:8.
        NotHandled = ("not_handled", "Niet in behandeling genomen"),
        /// Forwarded to the competent body (Awb 2:3).
        Forwarded = ("forwarded", "Doorgestuurd"),
        /// Withdrawn by the complainant.
        Withdrawn = ("withdrawn", "Ingetrokken"),
        /// Closed because of complex complaint behaviour under a conduct protocol.
        ConductProtocol = ("conduct_protocol", "Afgesloten vanwege gedragslijn"),
    }
}

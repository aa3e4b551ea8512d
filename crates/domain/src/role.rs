//! Staff roles. Roles exist from the start so every later screen can ask
//! "may this person do this?" in one place.

crate::vocabulary! {
    /// What a staff member may do. Higher roles include the lower ones, except
    /// that an admin manages the organisation but is not by that a manager.
    pub enum Role {
        /// KCC, counter, webcare, mail room: registers dissatisfaction and solves
        /// it in the contact (ladder step 1) or hands it over.
        Employee = ("employee", "Medewerker"),
        /// Complaint handler: runs cases through the five rules of thumb.
        Handler = ("handler", "Klachtbehandelaar"),
        /// Escalation point; signs judgments; owns lessons; reads dashboards.
        Manager = ("manager", "Leidinggevende"),
        /// Functional administrator: settings, users, templates.
        Admin = ("admin", "Functioneel beheerder"),
    }
}

impl Role {
    /// Registering dissatisfaction is open to every staff member.
    #[must_use]
    pub const fn may_register(self) -> bool {
        true
    }

    /// Reading the inbox and case files: complaint handling staff only. An
    /// employee registers and hands over; what happens next is not theirs to
    /// read (personal data on a need-to-know basis).
    #[must_use]
    pub const fn may_read_cases(self) -> bool {
        matches!(self, Self::Handler | Self::Manager | Self::Admin)
    }

    /// Taking a case into handling.
    #[must_use]
    pub const fn may_handle(self) -> bool {
        matches!(self, Self::Handler | Self::Manager)
    }

    /// Assigning a case to someone else: a manager's call. A handler takes
    /// a case for themselves ([`Role::may_handle`]).
    #[must_use]
    pub const fn may_assign(self) -> bool {
        matches!(self, Self::Manager)
    }

    /// Deciding on what a handler escalates (a mandate, a colleague who
    /// does not cooperate).
    #[must_use]
    pub const fn may_answer_escalations(self) -> bool {
        matches!(self, Self::Manager)
    }

    /// Awb 9:7 lid 2: recording that the complaint is about the conduct of
    /// the body itself, so the impartiality rule of lid 1 does not apply.
    /// An administrator's decision, kept apart from handling.
    #[must_use]
    pub const fn may_mark_body_conduct(self) -> bool {
        matches!(self, Self::Admin)
    }

    /// Reopening a closed case on behalf of the citizen: the door stays open.
    #[must_use]
    pub const fn may_reopen(self) -> bool {
        self.may_handle()
    }

    /// The overview of open commitments across cases.
    #[must_use]
    pub const fn may_see_commitments(self) -> bool {
        self.may_handle()
    }

    /// The organisation's settings: service norms and designated days.
    #[must_use]
    pub const fn may_manage_settings(self) -> bool {
        matches!(self, Self::Admin)
    }

    /// The dashboards, signals and the annual report: managers steer on
    /// them, administrators publish the report.
    #[must_use]
    pub const fn may_see_insight(self) -> bool {
        matches!(self, Self::Manager | Self::Admin)
    }

    /// The overview of escalations waiting for a decision.
    #[must_use]
    pub const fn may_see_escalations(self) -> bool {
        self.may_answer_escalations()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn employees_register_but_do_not_read_case_files() {
        assert!(Role::Employee.may_register());
        assert!(!Role::Employee.may_read_cases());
        assert!(Role::Handler.may_read_cases());
        assert!(!Role::Admin.may_handle());
    }

    #[test]
    fn managers_assign_and_decide_admins_mark_the_bodys_own_conduct() {
        assert!(Role::Manager.may_assign() && !Role::Handler.may_assign());
        assert!(Role::Manager.may_answer_escalations() && !Role::Handler.may_answer_escalations());
        assert!(Role::Admin.may_mark_body_conduct() && !Role::Manager.may_mark_body_conduct());
        assert!(Role::Handler.may_reopen() && !Role::Employee.may_reopen() && !Role::Admin.may_reopen());
    }
}

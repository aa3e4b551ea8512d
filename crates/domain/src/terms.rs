//! The deadline engine: every term of a complaint, each with the rules that
//! produced it.
//!
//! Four deadlines run from the **date of receipt** of the complaint, the civil
//! date in Europe/Amsterdam ([`crate::time::date_in_amsterdam`] of the moment
//! it reached the organisation):
//!
//! | deadline | term | rule | moved by the Atw? |
//! |---|---|---|---|
//! | [`Term::Acknowledgement`] | working days (default 5) | service norm of the organisation; Awb 9:6 sets no term | no |
//! | [`Term::FirstContact`] | working days ([`Rules::first_contact_working_days`]) | service norm of the organisation | no |
//! | [`Term::NotHandlingNotice`] | 4 weeks | Awb 9:8 lid 3 | yes |
//! | [`Term::Decision`] | 6 weeks, 10 with an advisory committee | Awb 9:11 lid 1 (afdeling 9.1.3) | yes |
//!
//! **Statutory terms.** A term of N weeks ends on the same weekday N weeks
//! later: the date of receipt plus 7·N days. When that day is a Saturday,
//! Sunday or public holiday, Atw art. 1 lid 1 extends the term to the next day
//! that is none of these ([`Calendar::extend_statutory_term`]). The Atw
//! applies to terms set by law of at most 12 weeks (art. 4): the 4-week term of
//! Awb 9:8 lid 3, the 6- and 10-week terms of Awb 9:11 lid 1 and the
//! postponement of at most 4 weeks of lid 2.
//!
//! **Service norms** are the organisation's own promises. They count working
//! days ([`Calendar::add_working_days`]): weekends and public holidays do not
//! count, but the end is never extended, because the Atw only covers terms
//! set by law.
//!
//! **Postponement (Awb 9:11 lid 2)** is counted from the *unextended* end of
//! the original term, and the Atw is applied once, to the end of the postponed
//! term. The Atw does not shift a term's start or middle: it extends a term
//! only where it *ends*, so that nobody has to act on a day off. A
//! postponement does not start a new term after the old one; it makes the
//! same term longer ("verdagen voor ten hoogste vier weken"). Once it is
//! notified (before the original term has run out: a term that has ended
//! cannot be postponed), the original end is no longer the end of anything,
//! so there is nothing for the Atw to extend there. Two more reasons for this
//! reading:
//!
//! - it is the safe one: the deadline is never later than when the
//!   postponement is counted from the extended end, so an organisation that
//!   meets it is on time under both readings (received 23 February 2026: 6
//!   weeks end on Easter Monday 6 April, extended to 7 April; 4 weeks more
//!   gives Monday 4 May here, and Wednesday 6 May — past Bevrijdingsdag —
//!   when counted from 7 April);
//! - it is consistent: 6 weeks postponed by 4 end on the same day as the
//!   10-week committee term, whatever holidays fall in between.
//!
//! The postponement is a term of at most 4 weeks in its own right, so the Atw
//! also applies to the end of a committee term postponed by 4 weeks (10 + 4 =
//! 14 weeks in all), as DOMAIN.md ("Terms") reads art. 4. A stricter reading
//! of art. 4 would apply no extension to that 14-week total; the difference
//! only matters when receipt + 14 weeks is a day off.
//!
//! **Consent (Awb 9:11 lid 3).** Further delay needs the complainant's written
//! consent; the new date is what the complainant agreed to. It is a date
//! agreed between people, not a term set by law, so the Atw does not move it.
//! It may not lie before the deadline it replaces ([`TermError`]). Consent does
//! not require a postponement first.
//!
//! ```
//! use gehoord_domain::{case::Rules, terms::{Deadlines, Procedure}};
//! use jiff::civil::date;
//!
//! let deadlines = Deadlines::compute(date(2026, 2, 23), &Procedure::default(), &Rules::default()).unwrap();
//! assert_eq!(deadlines.decision.date, date(2026, 4, 7));
//! assert_eq!(
//!     deadlines.decision.explanation.to_string(),
//!     "6 weken na ontvangst op 23 februari 2026 (Awb 9:11 lid 1), \
//!      verschoven naar dinsdag 7 april 2026 wegens Tweede Paasdag (Atw art. 1)",
//! );
//! assert_eq!(deadlines.not_handling_notice.date, date(2026, 3, 23));
//! ```

use std::fmt;

use jiff::{
    Span,
    civil::{Date, Weekday},
};
use serde::{Deserialize, Serialize};

use crate::{
    calendar::{Calendar, NonWorkingDay},
    case::Rules,
    time::{DayAndDate, LongDate},
};

/// The term of Awb 9:8 lid 3 for the notice of not handling a complaint.
pub const NOT_HANDLING_NOTICE_WEEKS: u32 = 4;
/// The term of Awb 9:11 lid 1 for handling a complaint.
pub const DECISION_WEEKS: u32 = 6;
/// The term of Awb 9:11 lid 1 when an advisory committee advises (afdeling 9.1.3).
pub const DECISION_WITH_COMMITTEE_WEEKS: u32 = 10;
/// The longest postponement of Awb 9:11 lid 2.
pub const MAX_POSTPONEMENT_WEEKS: u32 = 4;

crate::vocabulary! {
    /// Which deadline.
    pub enum Term {
        /// Written acknowledgement of receipt (Awb 9:6), within a service norm.
        Acknowledgement = ("acknowledgement", "Ontvangstbevestiging"),
        /// First personal contact with the complainant, within a service norm.
        FirstContact = ("first_contact", "Eerste persoonlijk contact"),
        /// Written notice that the complaint will not be handled (Awb 9:8 lid 3).
        NotHandlingNotice = ("not_handling_notice", "Bericht dat de klacht niet behandeld wordt"),
        /// Handling of the complaint (Awb 9:11).
        Decision = ("decision", "Afhandeling van de klacht"),
    }
}

impl Term {
    /// Set by law, and so extended under Atw art. 1; the others are service
    /// norms.
    #[must_use]
    pub const fn is_statutory(self) -> bool {
        matches!(self, Self::NotHandlingNotice | Self::Decision)
    }
}

crate::vocabulary! {
    /// The rule that sets a term; the label is what an explanation cites.
    pub enum Rule {
        /// The organisation's norm for the acknowledgement of receipt.
        AcknowledgementNorm = ("acknowledgement_norm", "servicenorm ontvangstbevestiging"),
        /// The organisation's norm for the first personal contact.
        FirstContactNorm = ("first_contact_norm", "servicenorm eerste contact"),
        /// Awb 9:8 lid 3: 4 weeks.
        NotHandlingNotice = ("awb_9_8_lid_3", "Awb 9:8 lid 3"),
        /// Awb 9:11 lid 1: 6 weeks.
        Decision = ("awb_9_11_lid_1", "Awb 9:11 lid 1"),
        /// Awb 9:11 lid 1 with an advisory committee (afdeling 9.1.3): 10 weeks.
        DecisionWithCommittee = ("awb_9_11_lid_1_committee", "Awb 9:11 lid 1, met adviescommissie"),
    }
}

crate::vocabulary! {
    /// How close a deadline is, for overviews and warnings.
    pub enum Urgency {
        /// More working days left than the warning threshold.
        OnTrack = ("on_track", "Op tijd"),
        /// Due within the warning threshold, or today.
        Warning = ("warning", "Bijna verlopen"),
        /// The deadline has passed.
        Overdue = ("overdue", "Te laat"),
    }
}

/// How long a term is, and how it is counted.
///
/// Serialised as `{"weeks": 6}` or `{"workingDays": 5}`.
///
/// ```
/// use gehoord_domain::terms::Count;
///
/// assert_eq!(Count::Weeks(6).to_string(), "6 weken");
/// assert_eq!(Count::Weeks(1).to_string(), "1 week");
/// assert_eq!(Count::WorkingDays(1).to_string(), "1 werkdag");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Count {
    /// Calendar weeks: receipt + 7·N days, the same weekday.
    Weeks(u32),
    /// Working days after receipt ([`Calendar::add_working_days`]).
    WorkingDays(u32),
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Weeks(1) => f.write_str("1 week"),
            Self::Weeks(n) => write!(f, "{n} weken"),
            Self::WorkingDays(1) => f.write_str("1 werkdag"),
            Self::WorkingDays(n) => write!(f, "{n} werkdagen"),
        }
    }
}

/// One step that moved a deadline after it was counted, in order.
///
/// Serialised with a `kind` tag: `postponed`, `extended` or `consented`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Shift {
    /// Awb 9:11 lid 2: postponed once, by `weeks` (at most 4), to `to`.
    Postponed { weeks: u32, to: Date },
    /// Atw art. 1 lid 1: the term ended on the first of the `skipped` days
    /// and runs until `to`, the first working day after them.
    Extended { to: Date, skipped: Vec<NonWorkingDay> },
    /// Awb 9:11 lid 3: delayed further to `to`, the date the complainant
    /// agreed to in writing.
    Consented { to: Date },
}

impl Shift {
    /// The deadline after this step.
    #[must_use]
    pub const fn to(&self) -> Date {
        match self {
            Self::Postponed { to, .. } | Self::Extended { to, .. } | Self::Consented { to } => *to,
        }
    }

    /// The provision behind this step.
    #[must_use]
    pub const fn legal_basis(&self) -> &'static str {
        match self {
            Self::Postponed { .. } => "Awb 9:11 lid 2",
            Self::Extended { .. } => "Atw art. 1",
            Self::Consented { .. } => "Awb 9:11 lid 3",
        }
    }
}

/// Why a deadline falls where it does: the base date, the rule and its count,
/// and every shift with its reason.
///
/// [`fmt::Display`] gives one Dutch sentence for people:
/// "6 weken na ontvangst op 23 februari 2026 (Awb 9:11 lid 1), verschoven
/// naar dinsdag 7 april 2026 wegens Tweede Paasdag (Atw art. 1)". Serialised
/// (camelCase) the structure comes with that sentence as `text` and the
/// rule's citation as `ruleText`, so an API client or page needs no
/// translation of its own; both are ignored when read back.
///
/// ```
/// use gehoord_domain::{case::Rules, terms::{Deadlines, Procedure}};
/// use jiff::civil::date;
///
/// // Received on Maundy Thursday 2026: Good Friday and Easter Monday do not count.
/// let deadlines = Deadlines::compute(date(2026, 4, 2), &Procedure::default(), &Rules::default()).unwrap();
/// assert_eq!(deadlines.acknowledgement.date, date(2026, 4, 13));
/// assert_eq!(
///     deadlines.acknowledgement.explanation.to_string(),
///     "5 werkdagen na ontvangst op 2 april 2026 (servicenorm ontvangstbevestiging); \
///      Goede Vrijdag en Tweede Paasdag tellen niet mee",
/// );
/// let json = serde_json::to_value(&deadlines.decision.explanation).unwrap();
/// assert_eq!(json["ruleText"], "Awb 9:11 lid 1");
/// assert_eq!(json["countedEnd"], "2026-05-14");
/// assert_eq!(json["shifts"][0]["kind"], "extended");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", into = "ExplanationJson")]
pub struct Explanation {
    /// The date of receipt the term counts from.
    pub received: Date,
    pub count: Count,
    pub rule: Rule,
    /// `received` plus `count`, before any shift.
    pub counted_end: Date,
    /// For working days: the public holidays on weekdays that were skipped
    /// while counting. Weekends are not listed; "werkdagen" says enough.
    #[serde(default)]
    pub not_counted: Vec<NonWorkingDay>,
    /// Postponement, Atw extension and consent, in the order applied.
    #[serde(default)]
    pub shifts: Vec<Shift>,
}

impl Explanation {
    /// The deadline this explanation arrives at.
    #[must_use]
    pub fn date(&self) -> Date {
        self.shifts.last().map_or(self.counted_end, Shift::to)
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} na ontvangst op {} ({})", self.count, LongDate(self.received), self.rule.label())?;
        if !self.not_counted.is_empty() {
            let verb = if self.not_counted.len() == 1 { "telt" } else { "tellen" };
            write!(f, "; {} {verb} niet mee", reasons(&self.not_counted))?;
        }
        for shift in &self.shifts {
            let basis = shift.legal_basis();
            match shift {
                Shift::Postponed { weeks, to } => {
                    write!(f, ", verdaagd met {} tot {} ({basis})", Count::Weeks(*weeks), DayAndDate(*to))?;
                }
                Shift::Extended { to, skipped } => {
                    write!(f, ", verschoven naar {} wegens {} ({basis})", DayAndDate(*to), reasons(skipped))?;
                }
                Shift::Consented { to } => write!(
                    f,
                    ", met schriftelijke instemming van de klager uitgesteld tot {} ({basis})",
                    DayAndDate(*to)
                )?,
            }
        }
        Ok(())
    }
}

/// The serialised form of an [`Explanation`]: its fields plus the Dutch text.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExplanationJson {
    text: String,
    received: Date,
    count: Count,
    rule: Rule,
    rule_text: &'static str,
    counted_end: Date,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_counted: Vec<NonWorkingDay>,
    shifts: Vec<Shift>,
}

impl From<Explanation> for ExplanationJson {
    fn from(explanation: Explanation) -> Self {
        Self {
            text: explanation.to_string(),
            received: explanation.received,
            count: explanation.count,
            rule: explanation.rule,
            rule_text: explanation.rule.label(),
            counted_end: explanation.counted_end,
            not_counted: explanation.not_counted,
            shifts: explanation.shifts,
        }
    }
}

/// "Tweede Paasdag", "het weekend", "Goede Vrijdag, zaterdag, Eerste
/// Paasdag en Tweede Paasdag": the reasons of the days in order, a plain
/// Saturday and Sunday together as the weekend.
fn reasons(days: &[NonWorkingDay]) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(days.len());
    let mut i = 0;
    while let Some(day) = days.get(i) {
        let plain = |d: &NonWorkingDay, weekday| d.holiday.is_none() && d.date.weekday() == weekday;
        if plain(day, Weekday::Saturday) && days.get(i + 1).is_some_and(|next| plain(next, Weekday::Sunday)) {
            parts.push("het weekend");
            i += 2;
        } else {
            parts.push(day.reason());
            i += 1;
        }
    }
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} en {last}", rest.join(", ")),
    }
}

/// One deadline: which one, the last day, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub term: Term,
    /// The last day on which the organisation is on time.
    pub date: Date,
    pub explanation: Explanation,
}

impl Deadline {
    /// Working days from `today` up to the deadline: 0 on the day itself,
    /// negative once it has passed.
    #[must_use]
    pub fn working_days_left(&self, today: Date, calendar: &Calendar) -> i32 {
        calendar.working_days_between(today, self.date)
    }

    /// [`Urgency::Overdue`] after the deadline, [`Urgency::Warning`] from
    /// `warning_working_days` working days before it up to the day itself,
    /// else [`Urgency::OnTrack`].
    ///
    /// ```
    /// use gehoord_domain::{calendar::Calendar, case::Rules, terms::{Deadlines, Procedure, Urgency}};
    /// use jiff::civil::date;
    ///
    /// let deadlines = Deadlines::compute(date(2026, 2, 23), &Procedure::default(), &Rules::default()).unwrap();
    /// let decision = &deadlines.decision; // Tuesday 7 April 2026
    /// let calendar = Calendar::default();
    /// assert_eq!(decision.urgency(date(2026, 3, 26), &calendar, 5), Urgency::OnTrack);
    /// // Thursday 2 April: Good Friday and Easter Monday leave 1 working day.
    /// assert_eq!(decision.working_days_left(date(2026, 4, 2), &calendar), 1);
    /// assert_eq!(decision.urgency(date(2026, 4, 2), &calendar, 5), Urgency::Warning);
    /// assert_eq!(decision.urgency(date(2026, 4, 7), &calendar, 5), Urgency::Warning);
    /// assert_eq!(decision.urgency(date(2026, 4, 8), &calendar, 5), Urgency::Overdue);
    /// ```
    #[must_use]
    pub fn urgency(&self, today: Date, calendar: &Calendar, warning_working_days: u32) -> Urgency {
        if today > self.date {
            Urgency::Overdue
        } else if i64::from(self.working_days_left(today, calendar)) <= i64::from(warning_working_days) {
            Urgency::Warning
        } else {
            Urgency::OnTrack
        }
    }
}

/// "Afhandeling van de klacht: uiterlijk dinsdag 7 april 2026. 6 weken na …"
impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: uiterlijk {}. {}.", self.term.label(), DayAndDate(self.date), self.explanation)
    }
}

/// The organisation's service norms for the terms, in working days.
///
/// The first-contact norm is stored with the organisation's [`Rules`]; the
/// others have defaults until they are stored too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNorms {
    /// Acknowledgement of receipt (Awb 9:6 asks for it without a term);
    /// default 5 working days.
    pub acknowledgement_working_days: u32,
    /// First personal contact; [`Rules::first_contact_working_days`].
    pub first_contact_working_days: u32,
    /// Warn this many working days before a deadline ([`Deadline::urgency`]);
    /// [`Rules::warning_working_days`].
    pub warning_working_days: u32,
}

impl ServiceNorms {
    pub const DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS: u32 = 5;
    pub const DEFAULT_WARNING_WORKING_DAYS: u32 = 5;

    /// The organisation's norms: first contact and warning from its rules,
    /// the acknowledgement the default.
    #[must_use]
    pub const fn from_rules(rules: &Rules) -> Self {
        Self {
            acknowledgement_working_days: Self::DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS,
            first_contact_working_days: rules.first_contact_working_days,
            warning_working_days: rules.warning_working_days,
        }
    }
}

impl Default for ServiceNorms {
    fn default() -> Self {
        Self::from_rules(&Rules::default())
    }
}

/// What is known about the procedure that changes the Awb 9:11 deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Procedure {
    /// An advisory committee advises (Awb afdeling 9.1.3): 10 weeks instead
    /// of 6 (Awb 9:11 lid 1).
    #[serde(default)]
    pub committee: bool,
    /// The one postponement of Awb 9:11 lid 2, in weeks (1 to 4), once it
    /// has been notified in writing to the complainant and the person
    /// complained about. Counted from the unextended end of the original
    /// term (see the [module documentation](self)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postponement_weeks: Option<u32>,
    /// The date the complainant agreed to in writing for a further delay
    /// (Awb 9:11 lid 3). Not before the deadline it replaces; not moved by
    /// the Atw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consented_until: Option<Date>,
}

/// Why the deadlines cannot be computed; Dutch messages at B1 level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    /// Awb 9:11 lid 2 allows at most 4 weeks.
    #[error(
        "Verdagen kan met ten hoogste 4 weken (Awb 9:11 lid 2), niet met {weeks} weken. \
         Meer uitstel kan alleen als de klager daar schriftelijk mee instemt (Awb 9:11 lid 3)."
    )]
    PostponementTooLong { weeks: u32 },
    /// A postponement of 0 weeks postpones nothing.
    #[error("Een verdaging duurt minstens 1 week en ten hoogste 4 weken (Awb 9:11 lid 2).")]
    PostponementOfNothing,
    /// Awb 9:11 lid 3 allows further delay, never a shorter term.
    #[error(
        "De klager stemde in met {}, maar de termijn loopt al tot {}. \
         Met instemming van de klager kan de termijn alleen langer worden, niet korter (Awb 9:11 lid 3).",
        DayAndDate(*agreed), DayAndDate(*deadline)
    )]
    ConsentBeforeDeadline { agreed: Date, deadline: Date },
    /// The terms would end after 31 December 9999.
    #[error("Deze ontvangstdatum ligt te ver in de toekomst om de termijnen te berekenen.")]
    BeyondCalendar,
}

impl TermError {
    /// A stable, machine-readable code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::PostponementTooLong { .. } => "postponement_too_long",
            Self::PostponementOfNothing => "postponement_of_nothing",
            Self::ConsentBeforeDeadline { .. } => "consent_before_deadline",
            Self::BeyondCalendar => "beyond_calendar",
        }
    }
}

/// Every deadline of one complaint.
///
/// Serialised (camelCase) as one object with the receipt date, the
/// procedure and the four deadlines: `decision.date` is the Awb 9:11
/// deadline and `notHandlingNotice.date` the Awb 9:8 lid 3 deadline.
///
/// ```
/// use gehoord_domain::{case::Rules, terms::{Deadlines, Procedure, TermError}};
/// use jiff::civil::date;
///
/// let received = date(2026, 2, 23);
/// let rules = Rules::default();
/// let postponed = Procedure { postponement_weeks: Some(4), ..Procedure::default() };
/// let deadlines = Deadlines::compute(received, &postponed, &rules).unwrap();
/// assert_eq!(deadlines.decision.date, date(2026, 5, 4));
/// assert_eq!(
///     deadlines.decision.explanation.to_string(),
///     "6 weken na ontvangst op 23 februari 2026 (Awb 9:11 lid 1), \
///      verdaagd met 4 weken tot maandag 4 mei 2026 (Awb 9:11 lid 2)",
/// );
///
/// let too_long = Procedure { postponement_weeks: Some(5), ..Procedure::default() };
/// assert_eq!(
///     Deadlines::compute(received, &too_long, &rules),
///     Err(TermError::PostponementTooLong { weeks: 5 }),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadlines {
    pub received: Date,
    pub procedure: Procedure,
    pub acknowledgement: Deadline,
    pub first_contact: Deadline,
    pub not_handling_notice: Deadline,
    pub decision: Deadline,
}

impl Deadlines {
    /// The deadlines of a complaint received on `received` (the civil date in
    /// Amsterdam), under the organisation's rules: its calendar, its
    /// first-contact norm and the default other norms.
    ///
    /// # Errors
    ///
    /// A postponement of 0 or more than 4 weeks, a consented date before the
    /// deadline it would replace, or a deadline after the year 9999.
    pub fn compute(received: Date, procedure: &Procedure, rules: &Rules) -> Result<Self, TermError> {
        Self::compute_with_norms(received, procedure, &rules.calendar, &ServiceNorms::from_rules(rules))
    }

    /// As [`Deadlines::compute`], with every service norm given.
    ///
    /// # Errors
    ///
    /// As [`Deadlines::compute`].
    pub fn compute_with_norms(
        received: Date,
        procedure: &Procedure,
        calendar: &Calendar,
        norms: &ServiceNorms,
    ) -> Result<Self, TermError> {
        let (decision_weeks, decision_rule) = if procedure.committee {
            (DECISION_WITH_COMMITTEE_WEEKS, Rule::DecisionWithCommittee)
        } else {
            (DECISION_WEEKS, Rule::Decision)
        };
        let mut decision = statutory(Term::Decision, received, decision_weeks, decision_rule, calendar)?;
        if let Some(weeks) = procedure.postponement_weeks {
            decision = postpone(decision, weeks, calendar)?;
        }
        if let Some(agreed) = procedure.consented_until {
            decision = consent(decision, agreed)?;
        }
        Ok(Self {
            received,
            procedure: *procedure,
            acknowledgement: service_norm(
                Term::Acknowledgement,
                received,
                norms.acknowledgement_working_days,
                Rule::AcknowledgementNorm,
                calendar,
            ),
            first_contact: service_norm(
                Term::FirstContact,
                received,
                norms.first_contact_working_days,
                Rule::FirstContactNorm,
                calendar,
            ),
            not_handling_notice: statutory(
                Term::NotHandlingNotice,
                received,
                NOT_HANDLING_NOTICE_WEEKS,
                Rule::NotHandlingNotice,
                calendar,
            )?,
            decision,
        })
    }

    /// The four deadlines in the order they usually fall: acknowledgement,
    /// first contact, notice of not handling, decision.
    #[must_use]
    pub const fn all(&self) -> [&Deadline; 4] {
        [&self.acknowledgement, &self.first_contact, &self.not_handling_notice, &self.decision]
    }
}

/// `start` + `weeks` weeks: the same weekday.
fn weeks_after(start: Date, weeks: u32) -> Result<Date, TermError> {
    start.checked_add(Span::new().weeks(i64::from(weeks))).map_err(|_| TermError::BeyondCalendar)
}

/// Atw art. 1 on the end of a statutory term, recorded as a shift when it
/// moves the end.
fn extend(explanation: &mut Explanation, calendar: &Calendar) -> Result<Date, TermError> {
    let (end, skipped) = calendar.extend_statutory_term(explanation.date());
    if !calendar.is_working_day(end) {
        // Only at the very end of jiff's calendar.
        return Err(TermError::BeyondCalendar);
    }
    if !skipped.is_empty() {
        explanation.shifts.push(Shift::Extended { to: end, skipped });
    }
    Ok(end)
}

/// A term of weeks set by law: counted from receipt, then extended under
/// Atw art. 1.
fn statutory(term: Term, received: Date, weeks: u32, rule: Rule, calendar: &Calendar) -> Result<Deadline, TermError> {
    let counted_end = weeks_after(received, weeks)?;
    let mut explanation =
        Explanation { received, count: Count::Weeks(weeks), rule, counted_end, not_counted: vec![], shifts: vec![] };
    let date = extend(&mut explanation, calendar)?;
    Ok(Deadline { term, date, explanation })
}

/// Awb 9:11 lid 2: the unextended end plus `weeks`, then the Atw once.
fn postpone(deadline: Deadline, weeks: u32, calendar: &Calendar) -> Result<Deadline, TermError> {
    if weeks == 0 {
        return Err(TermError::PostponementOfNothing);
    }
    if weeks > MAX_POSTPONEMENT_WEEKS {
        return Err(TermError::PostponementTooLong { weeks });
    }
    let Deadline { term, mut explanation, .. } = deadline;
    // The original end is no longer an end: drop its Atw extension.
    explanation.shifts.retain(|shift| !matches!(shift, Shift::Extended { .. }));
    let to = weeks_after(explanation.date(), weeks)?;
    explanation.shifts.push(Shift::Postponed { weeks, to });
    let date = extend(&mut explanation, calendar)?;
    Ok(Deadline { term, date, explanation })
}

/// Awb 9:11 lid 3: the agreed date, if it is not earlier.
fn consent(deadline: Deadline, agreed: Date) -> Result<Deadline, TermError> {
    if agreed < deadline.date {
        return Err(TermError::ConsentBeforeDeadline { agreed, deadline: deadline.date });
    }
    let Deadline { term, date, mut explanation } = deadline;
    // The same date changes nothing and needs no step in the explanation.
    if agreed > date {
        explanation.shifts.push(Shift::Consented { to: agreed });
    }
    Ok(Deadline { term, date: agreed, explanation })
}

/// A service norm: `days` working days after receipt, never extended.
fn service_norm(term: Term, received: Date, days: u32, rule: Rule, calendar: &Calendar) -> Deadline {
    let date = calendar.add_working_days(received, days);
    let not_counted = received
        .series(Span::new().days(1))
        .skip(1)
        .take_while(|day| *day <= date)
        .filter_map(|day| calendar.non_working_day(day))
        .filter(|day| day.holiday.is_some() && !day.is_weekend())
        .collect();
    let explanation =
        Explanation { received, count: Count::WorkingDays(days), rule, counted_end: date, not_counted, shifts: vec![] };
    Deadline { term, date, explanation }
}

/// A date as people read it: "dinsdag 7 april 2026".
///
/// ```
/// use gehoord_domain::terms::dutch_day;
/// use jiff::civil::date;
///
/// assert_eq!(dutch_day(date(2026, 4, 7)), "dinsdag 7 april 2026");
/// ```
#[must_use]
pub fn dutch_day(date: Date) -> String {
    DayAndDate(date).to_string()
}

#[cfg(test)]
mod tests {
    use jiff::{ToSpan, civil::date};
    use proptest::prelude::*;

    use super::*;
    use crate::calendar::ExtraDay;

    fn d(iso: &str) -> Date {
        iso.parse().unwrap()
    }

    fn compute(received: Date, procedure: Procedure) -> Result<Deadlines, TermError> {
        Deadlines::compute(received, &procedure, &Rules::default())
    }

    fn plain(received: Date) -> Deadlines {
        compute(received, Procedure::default()).unwrap()
    }

    fn with_committee() -> Procedure {
        Procedure { committee: true, ..Procedure::default() }
    }

    fn postponed(committee: bool, weeks: u32) -> Procedure {
        Procedure { committee, postponement_weeks: Some(weeks), ..Procedure::default() }
    }

    /// Checks the date, and that the explanation gives `because` as the
    /// reasons for the Atw extension ("" when the term is not extended).
    fn assert_statutory(deadline: &Deadline, received: &str, expected: &str, because: &str) {
        let text = deadline.explanation.to_string();
        assert_eq!(deadline.date, d(expected), "received {received}: {text}");
        assert_eq!(deadline.explanation.date(), deadline.date, "{text}");
        assert!(Calendar::default().is_working_day(deadline.date), "{text}");
        assert!(text.starts_with(&format!("{} na ontvangst op {}", deadline.explanation.count, LongDate(d(received)))));
        if because.is_empty() {
            assert!(!text.contains("verschoven"), "received {received}: {text}");
        } else {
            let moved = format!("verschoven naar {} wegens {because} (Atw art. 1)", DayAndDate(d(expected)));
            assert!(text.ends_with(&moved), "received {received}: {text}\n  expected it to end with: {moved}");
        }
    }

    // ---- hand-checked dates, 2025–2030 -------------------------------------
    //
    // Worked out by hand from the holidays of these years — Easter Sunday
    // 20-4-2025, 5-4-2026, 28-3-2027, 16-4-2028, 1-4-2029, 21-4-2030; Good
    // Friday two days before, Ascension Day 39 days after, Whit Monday 50 days
    // after; King's Day 2025 on Saturday 26 April because the 27th is a
    // Sunday — and checked against an independent script. Each row:
    // (received, deadline, the reasons for the Atw shift or "").

    /// Awb 9:8 lid 3: 4 weeks.
    const NOTICE_4_WEEKS: [(&str, &str, &str); 21] = [
        ("2026-02-23", "2026-03-23", ""),
        ("2026-03-09", "2026-04-07", "Tweede Paasdag"),
        ("2026-03-06", "2026-04-07", "Goede Vrijdag, zaterdag, Eerste Paasdag en Tweede Paasdag"),
        ("2029-03-02", "2029-04-03", "Goede Vrijdag, zaterdag, Eerste Paasdag en Tweede Paasdag"),
        ("2025-03-29", "2025-04-28", "Koningsdag en zondag"),
        ("2027-03-30", "2027-04-28", "Koningsdag"),
        ("2030-03-30", "2030-04-29", "Koningsdag en zondag"),
        ("2026-04-07", "2026-05-06", "Bevrijdingsdag"),
        ("2028-04-07", "2028-05-08", "Bevrijdingsdag en het weekend"),
        ("2026-04-16", "2026-05-15", "Hemelvaartsdag"),
        ("2027-04-08", "2027-05-07", "Hemelvaartsdag"),
        ("2030-05-02", "2030-05-31", "Hemelvaartsdag"),
        ("2026-04-27", "2026-05-26", "Tweede Pinksterdag"),
        ("2029-04-23", "2029-05-22", "Tweede Pinksterdag"),
        ("2025-11-28", "2025-12-29", "Tweede Kerstdag en het weekend"),
        ("2027-11-27", "2027-12-27", "Eerste Kerstdag en Tweede Kerstdag"),
        ("2029-11-27", "2029-12-27", "Eerste Kerstdag en Tweede Kerstdag"),
        ("2026-12-04", "2027-01-04", "Nieuwjaarsdag en het weekend"),
        ("2029-12-04", "2030-01-02", "Nieuwjaarsdag"),
        ("2025-06-02", "2025-06-30", ""),
        ("2026-03-01", "2026-03-30", "zondag"),
    ];

    /// Awb 9:11 lid 1: 6 weeks.
    const DECISION_6_WEEKS: [(&str, &str, &str); 24] = [
        ("2026-02-23", "2026-04-07", "Tweede Paasdag"),
        ("2027-02-12", "2027-03-30", "Goede Vrijdag, zaterdag, Eerste Paasdag en Tweede Paasdag"),
        ("2025-03-07", "2025-04-22", "Goede Vrijdag, zaterdag, Eerste Paasdag en Tweede Paasdag"),
        ("2030-03-08", "2030-04-23", "Goede Vrijdag, zaterdag, Eerste Paasdag en Tweede Paasdag"),
        ("2025-03-15", "2025-04-28", "Koningsdag en zondag"),
        ("2026-03-16", "2026-04-28", "Koningsdag"),
        ("2029-03-16", "2029-04-30", "Koningsdag en het weekend"),
        ("2026-03-14", "2026-04-28", "het weekend en Koningsdag"),
        ("2025-03-24", "2025-05-06", "Bevrijdingsdag"),
        ("2027-03-24", "2027-05-07", "Bevrijdingsdag en Hemelvaartsdag"),
        ("2030-03-24", "2030-05-06", "Bevrijdingsdag"),
        ("2025-04-17", "2025-05-30", "Hemelvaartsdag"),
        ("2028-04-13", "2028-05-26", "Hemelvaartsdag"),
        ("2025-04-28", "2025-06-10", "Tweede Pinksterdag"),
        ("2027-04-05", "2027-05-18", "Tweede Pinksterdag"),
        ("2030-04-29", "2030-06-11", "Tweede Pinksterdag"),
        ("2025-11-13", "2025-12-29", "Eerste Kerstdag, Tweede Kerstdag en het weekend"),
        ("2026-11-13", "2026-12-28", "Eerste Kerstdag, Tweede Kerstdag en zondag"),
        ("2028-11-14", "2028-12-27", "Tweede Kerstdag"),
        ("2030-11-14", "2030-12-27", "Tweede Kerstdag"),
        ("2025-11-20", "2026-01-02", "Nieuwjaarsdag"),
        ("2027-11-20", "2028-01-03", "Nieuwjaarsdag en zondag"),
        ("2030-11-20", "2031-01-02", "Nieuwjaarsdag"),
        ("2026-03-02", "2026-04-13", ""),
    ];

    /// Awb 9:11 lid 1 with an advisory committee: 10 weeks.
    const COMMITTEE_10_WEEKS: [(&str, &str, &str); 9] = [
        ("2026-01-26", "2026-04-07", "Tweede Paasdag"),
        ("2028-02-04", "2028-04-18", "Goede Vrijdag, zaterdag, Eerste Paasdag en Tweede Paasdag"),
        ("2028-02-17", "2028-04-28", "Koningsdag"),
        ("2027-02-16", "2027-04-28", "Koningsdag"),
        ("2029-02-24", "2029-05-07", "Bevrijdingsdag en zondag"),
        ("2029-03-01", "2029-05-11", "Hemelvaartsdag"),
        ("2028-03-27", "2028-06-06", "Tweede Pinksterdag"),
        ("2028-10-16", "2028-12-27", "Eerste Kerstdag en Tweede Kerstdag"),
        ("2028-10-23", "2029-01-02", "Nieuwjaarsdag"),
    ];

    /// Awb 9:11 lid 2: (committee, weeks postponed, received, deadline, reasons).
    const POSTPONED: [(bool, u32, &str, &str, &str); 8] = [
        // 6 weeks end on Easter Monday 6 April; 4 weeks on from there, not
        // from the extended Tuesday 7 April (that would give 6 May).
        (false, 4, "2026-02-23", "2026-05-04", ""),
        (false, 2, "2026-02-23", "2026-04-20", ""),
        (true, 4, "2026-02-23", "2026-06-01", ""),
        (false, 4, "2027-03-08", "2027-05-18", "Tweede Pinksterdag"),
        (false, 1, "2025-04-10", "2025-05-30", "Hemelvaartsdag"),
        (false, 3, "2029-10-23", "2029-12-27", "Eerste Kerstdag en Tweede Kerstdag"),
        // 6 weeks end on Good Friday 26 March 2027; + 4 weeks is Friday 23
        // April (from the extended 30 March it would be King's Day + 1).
        (false, 4, "2027-02-12", "2027-04-23", ""),
        (true, 2, "2026-02-10", "2026-05-06", "Bevrijdingsdag"),
    ];

    /// Service norms: (term, working days, received, deadline, holidays not counted).
    const SERVICE_NORMS: [(Term, u32, &str, &str, &str); 8] = [
        (Term::Acknowledgement, 5, "2026-04-02", "2026-04-13", "Goede Vrijdag en Tweede Paasdag"),
        (Term::FirstContact, 2, "2026-04-24", "2026-04-29", "Koningsdag"),
        (Term::Acknowledgement, 5, "2025-12-24", "2026-01-05", "Eerste Kerstdag, Tweede Kerstdag en Nieuwjaarsdag"),
        (Term::FirstContact, 2, "2029-05-09", "2029-05-14", "Hemelvaartsdag"),
        (Term::FirstContact, 2, "2026-02-28", "2026-03-03", ""),
        // 5 May 2030 is a Sunday: not a working day anyway, so not listed.
        (Term::Acknowledgement, 5, "2030-05-03", "2030-05-10", ""),
        (Term::FirstContact, 2, "2028-06-02", "2028-06-07", "Tweede Pinksterdag"),
        (Term::Acknowledgement, 5, "2026-05-11", "2026-05-19", "Hemelvaartsdag"),
    ];

    #[test]
    fn the_tables_hold_at_least_60_hand_checked_dates() {
        let rows = NOTICE_4_WEEKS.len()
            + DECISION_6_WEEKS.len()
            + COMMITTEE_10_WEEKS.len()
            + POSTPONED.len()
            + SERVICE_NORMS.len();
        assert!(rows >= 60, "{rows}");
    }

    #[test]
    fn awb_9_8_lid_3_notice_within_4_weeks_extended_by_atw_1_table() {
        for (received, expected, because) in NOTICE_4_WEEKS {
            let deadlines = plain(d(received));
            let notice = &deadlines.not_handling_notice;
            assert_eq!(notice.term, Term::NotHandlingNotice);
            assert_eq!(notice.explanation.rule, Rule::NotHandlingNotice);
            assert_statutory(notice, received, expected, because);
            // The notice term does not depend on the committee or a postponement.
            assert_eq!(compute(d(received), postponed(true, 4)).unwrap().not_handling_notice, *notice);
        }
    }

    #[test]
    fn awb_9_11_lid_1_decision_within_6_weeks_extended_by_atw_1_table() {
        for (received, expected, because) in DECISION_6_WEEKS {
            let decision = plain(d(received)).decision;
            assert_eq!(decision.explanation.rule, Rule::Decision);
            assert_eq!(decision.explanation.count, Count::Weeks(6));
            assert_statutory(&decision, received, expected, because);
        }
    }

    #[test]
    fn awb_9_11_lid_1_decision_with_committee_within_10_weeks_extended_by_atw_1_table() {
        for (received, expected, because) in COMMITTEE_10_WEEKS {
            let decision = compute(d(received), with_committee()).unwrap().decision;
            assert_eq!(decision.explanation.rule, Rule::DecisionWithCommittee);
            assert_statutory(&decision, received, expected, because);
            assert!(decision.explanation.to_string().contains("(Awb 9:11 lid 1, met adviescommissie)"));
        }
    }

    #[test]
    fn awb_9_11_lid_2_postponement_counted_from_the_unextended_end_table() {
        for (committee, weeks, received, expected, because) in POSTPONED {
            let decision = compute(d(received), postponed(committee, weeks)).unwrap().decision;
            assert_statutory(&decision, received, expected, because);
            let text = decision.explanation.to_string();
            assert!(text.contains(&format!(", verdaagd met {} tot ", Count::Weeks(weeks))), "{text}");
            assert!(text.contains("(Awb 9:11 lid 2)"), "{text}");
        }
    }

    #[test]
    fn service_norms_count_working_days_and_are_not_extended_table() {
        for (term, days, received, expected, not_counted) in SERVICE_NORMS {
            let deadlines = plain(d(received));
            let deadline =
                if term == Term::Acknowledgement { &deadlines.acknowledgement } else { &deadlines.first_contact };
            assert_eq!(deadline.term, term);
            assert_eq!(deadline.explanation.count, Count::WorkingDays(days));
            assert_eq!(deadline.date, d(expected), "received {received}");
            let text = deadline.explanation.to_string();
            if not_counted.is_empty() {
                assert!(!text.contains("niet mee"), "{text}");
            } else {
                assert!(
                    text.ends_with(&format!("; {not_counted} telt niet mee"))
                        || text.ends_with(&format!("; {not_counted} tellen niet mee")),
                    "{text}"
                );
            }
            assert!(deadline.explanation.shifts.is_empty());
        }
    }

    // ---- explanations --------------------------------------------------------

    #[test]
    fn awb_9_11_lid_1_explanation_of_receipt_on_23_february_2026_names_tweede_paasdag() {
        let deadlines = plain(date(2026, 2, 23));
        assert_eq!(
            deadlines.decision.explanation.to_string(),
            "6 weken na ontvangst op 23 februari 2026 (Awb 9:11 lid 1), \
             verschoven naar dinsdag 7 april 2026 wegens Tweede Paasdag (Atw art. 1)"
        );
        assert_eq!(
            deadlines.decision.to_string(),
            "Afhandeling van de klacht: uiterlijk dinsdag 7 april 2026. 6 weken na ontvangst op 23 februari 2026 \
             (Awb 9:11 lid 1), verschoven naar dinsdag 7 april 2026 wegens Tweede Paasdag (Atw art. 1)."
        );
        assert_eq!(
            deadlines.not_handling_notice.explanation.to_string(),
            "4 weken na ontvangst op 23 februari 2026 (Awb 9:8 lid 3)"
        );
        assert_eq!(
            deadlines.first_contact.explanation.to_string(),
            "2 werkdagen na ontvangst op 23 februari 2026 (servicenorm eerste contact)"
        );
        assert_eq!(deadlines.acknowledgement.date, date(2026, 3, 2));
        assert_eq!(deadlines.first_contact.date, date(2026, 2, 25));
    }

    #[test]
    fn awb_9_11_lid_2_postponement_ending_on_a_holiday_shows_both_steps() {
        let decision = compute(date(2027, 3, 8), postponed(false, 4)).unwrap().decision;
        assert_eq!(
            decision.explanation.to_string(),
            "6 weken na ontvangst op 8 maart 2027 (Awb 9:11 lid 1), \
             verdaagd met 4 weken tot maandag 17 mei 2027 (Awb 9:11 lid 2), \
             verschoven naar dinsdag 18 mei 2027 wegens Tweede Pinksterdag (Atw art. 1)"
        );
    }

    #[test]
    fn awb_9_11_lid_2_postponement_replaces_the_extension_of_the_original_end() {
        // 6 weeks end on Easter Monday; postponed, that day is no longer an end.
        let decision = compute(date(2026, 2, 23), postponed(false, 1)).unwrap().decision;
        assert_eq!(decision.date, date(2026, 4, 13));
        assert_eq!(decision.explanation.shifts, [Shift::Postponed { weeks: 1, to: date(2026, 4, 13) }]);
    }

    #[test]
    fn awb_9_11_lid_3_consent_explained_after_the_postponement() {
        let procedure =
            Procedure { postponement_weeks: Some(4), consented_until: Some(date(2026, 6, 12)), ..Procedure::default() };
        let decision = compute(date(2026, 2, 23), procedure).unwrap().decision;
        assert_eq!(decision.date, date(2026, 6, 12));
        assert_eq!(
            decision.explanation.to_string(),
            "6 weken na ontvangst op 23 februari 2026 (Awb 9:11 lid 1), \
             verdaagd met 4 weken tot maandag 4 mei 2026 (Awb 9:11 lid 2), \
             met schriftelijke instemming van de klager uitgesteld tot vrijdag 12 juni 2026 (Awb 9:11 lid 3)"
        );
    }

    #[test]
    fn awb_9_11_lid_3_consented_date_is_not_moved_by_the_atw() {
        // A date agreed between people, not a term set by law.
        let saturday = date(2026, 5, 2);
        let procedure = Procedure { consented_until: Some(saturday), ..Procedure::default() };
        assert_eq!(compute(date(2026, 2, 23), procedure).unwrap().decision.date, saturday);
    }

    #[test]
    fn awb_9_11_lid_3_consent_on_the_current_deadline_changes_nothing() {
        let procedure = Procedure { consented_until: Some(date(2026, 4, 7)), ..Procedure::default() };
        assert_eq!(compute(date(2026, 2, 23), procedure).unwrap().decision, plain(date(2026, 2, 23)).decision);
    }

    #[test]
    fn atw_3_lid_3_designated_day_moves_a_statutory_term_but_is_not_counted_by_a_service_norm() {
        let calendar = Calendar::with_extra_days([ExtraDay::new(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag")]);
        let rules = Rules { calendar, ..Rules::default() };
        // 4 weeks from Thursday 16 April 2026 end on Ascension Day.
        let deadlines = Deadlines::compute(date(2026, 4, 16), &Procedure::default(), &rules).unwrap();
        assert_eq!(deadlines.not_handling_notice.date, date(2026, 5, 18));
        assert!(
            deadlines
                .not_handling_notice
                .explanation
                .to_string()
                .ends_with("wegens Hemelvaartsdag, Vrijdag na Hemelvaartsdag en het weekend (Atw art. 1)")
        );
        // Received Wednesday 13 May: Thursday and Friday do not count.
        let deadlines = Deadlines::compute(date(2026, 5, 13), &Procedure::default(), &rules).unwrap();
        assert_eq!(deadlines.first_contact.date, date(2026, 5, 19));
        assert!(
            deadlines
                .first_contact
                .explanation
                .to_string()
                .ends_with("; Hemelvaartsdag en Vrijdag na Hemelvaartsdag tellen niet mee")
        );
    }

    #[test]
    fn service_norm_of_0_working_days_on_a_saturday_stays_on_the_saturday() {
        let norms = ServiceNorms { acknowledgement_working_days: 0, ..ServiceNorms::default() };
        let saturday = date(2026, 3, 14);
        let deadlines =
            Deadlines::compute_with_norms(saturday, &Procedure::default(), &Calendar::default(), &norms).unwrap();
        assert_eq!(deadlines.acknowledgement.date, saturday);
        assert_eq!(
            deadlines.acknowledgement.explanation.to_string(),
            "0 werkdagen na ontvangst op 14 maart 2026 (servicenorm ontvangstbevestiging)"
        );
    }

    #[test]
    fn service_norms_follow_the_organisation_rules() {
        let rules = Rules { first_contact_working_days: 3, ..Rules::default() };
        assert_eq!(
            ServiceNorms::from_rules(&rules),
            ServiceNorms { acknowledgement_working_days: 5, first_contact_working_days: 3, warning_working_days: 5 }
        );
        let deadlines = Deadlines::compute(date(2026, 2, 23), &Procedure::default(), &rules).unwrap();
        assert_eq!(deadlines.first_contact.date, date(2026, 2, 26));
    }

    // ---- refusals ----------------------------------------------------------

    #[test]
    fn awb_9_11_lid_2_refuses_a_postponement_of_more_than_4_weeks() {
        let refused = compute(date(2026, 2, 23), postponed(false, 5)).unwrap_err();
        assert_eq!(refused, TermError::PostponementTooLong { weeks: 5 });
        assert_eq!(refused.code(), "postponement_too_long");
        assert_eq!(
            refused.to_string(),
            "Verdagen kan met ten hoogste 4 weken (Awb 9:11 lid 2), niet met 5 weken. \
             Meer uitstel kan alleen als de klager daar schriftelijk mee instemt (Awb 9:11 lid 3)."
        );
        assert_eq!(compute(date(2026, 2, 23), postponed(true, 0)), Err(TermError::PostponementOfNothing));
        assert_eq!(
            compute(date(2026, 2, 23), postponed(false, u32::MAX)),
            Err(TermError::PostponementTooLong { weeks: u32::MAX })
        );
    }

    #[test]
    fn awb_9_11_lid_3_refuses_a_consented_date_before_the_current_deadline() {
        // The Atw-extended deadline is Tuesday 7 April; the 6th is earlier.
        let procedure = Procedure { consented_until: Some(date(2026, 4, 6)), ..Procedure::default() };
        let refused = compute(date(2026, 2, 23), procedure).unwrap_err();
        assert_eq!(refused, TermError::ConsentBeforeDeadline { agreed: date(2026, 4, 6), deadline: date(2026, 4, 7) });
        assert_eq!(
            refused.to_string(),
            "De klager stemde in met maandag 6 april 2026, maar de termijn loopt al tot dinsdag 7 april 2026. \
             Met instemming van de klager kan de termijn alleen langer worden, niet korter (Awb 9:11 lid 3)."
        );
        // Measured against the postponed deadline, not the original one.
        let procedure =
            Procedure { postponement_weeks: Some(4), consented_until: Some(date(2026, 4, 30)), ..Procedure::default() };
        assert_eq!(
            compute(date(2026, 2, 23), procedure),
            Err(TermError::ConsentBeforeDeadline { agreed: date(2026, 4, 30), deadline: date(2026, 5, 4) })
        );
    }

    #[test]
    fn terms_at_the_end_of_the_calendar_are_refused_without_panicking() {
        assert_eq!(compute(date(9999, 12, 1), Procedure::default()), Err(TermError::BeyondCalendar));
        assert_eq!(compute(date(9999, 12, 31), postponed(true, 4)), Err(TermError::BeyondCalendar));
        assert!(compute(date(9999, 1, 4), postponed(true, 4)).is_ok());
    }

    // ---- serialisation -----------------------------------------------------

    #[test]
    fn deadlines_serialise_with_camel_case_keys_iso_dates_and_the_dutch_text() {
        let deadlines = plain(date(2026, 2, 23));
        let json = serde_json::to_value(&deadlines).unwrap();
        assert_eq!(json["received"], "2026-02-23");
        assert_eq!(json["procedure"], serde_json::json!({"committee": false}));
        assert_eq!(json["decision"]["date"], "2026-04-07");
        assert_eq!(json["decision"]["term"], "decision");
        assert_eq!(json["notHandlingNotice"]["date"], "2026-03-23");
        assert_eq!(json["firstContact"]["date"], "2026-02-25");
        assert_eq!(json["acknowledgement"]["date"], "2026-03-02");
        let explanation = &json["decision"]["explanation"];
        assert_eq!(explanation["text"], deadlines.decision.explanation.to_string());
        assert_eq!(explanation["rule"], "awb_9_11_lid_1");
        assert_eq!(explanation["ruleText"], "Awb 9:11 lid 1");
        assert_eq!(explanation["count"], serde_json::json!({"weeks": 6}));
        assert_eq!(explanation["countedEnd"], "2026-04-06");
        assert_eq!(
            explanation["shifts"],
            serde_json::json!([{
                "kind": "extended",
                "to": "2026-04-07",
                "skipped": [{"date": "2026-04-06", "holiday": {"kind": "statutory", "holiday": "easter_monday"}}],
            }])
        );
        assert_eq!(json["firstContact"]["explanation"]["count"], serde_json::json!({"workingDays": 2}));
        assert!(json["firstContact"]["explanation"].get("notCounted").is_none());
    }

    #[test]
    fn deadlines_read_back_from_json() {
        let procedure =
            Procedure { committee: true, postponement_weeks: Some(3), consented_until: Some(date(2026, 7, 15)) };
        let deadlines = compute(date(2026, 4, 2), procedure).unwrap();
        let json = serde_json::to_string(&deadlines).unwrap();
        assert_eq!(serde_json::from_str::<Deadlines>(&json).unwrap(), deadlines);
        let procedure: Procedure = serde_json::from_str(r#"{"postponementWeeks": 2}"#).unwrap();
        assert_eq!(procedure, postponed(false, 2));
    }

    #[test]
    fn urgency_warns_from_the_threshold_and_is_overdue_after_the_day() {
        let calendar = Calendar::default();
        let notice = plain(date(2026, 2, 23)).not_handling_notice; // Monday 23 March 2026
        assert_eq!(notice.urgency(date(2026, 3, 13), &calendar, 5), Urgency::OnTrack);
        assert_eq!(notice.urgency(date(2026, 3, 16), &calendar, 5), Urgency::Warning);
        assert_eq!(notice.urgency(date(2026, 3, 16), &calendar, 0), Urgency::OnTrack);
        assert_eq!(notice.urgency(date(2026, 3, 23), &calendar, 0), Urgency::Warning);
        assert_eq!(notice.urgency(date(2026, 3, 24), &calendar, 5), Urgency::Overdue);
        assert_eq!(notice.working_days_left(date(2026, 3, 24), &calendar), -1);
    }

    #[test]
    fn reasons_read_as_a_dutch_list() {
        let calendar = Calendar::default();
        let days = |from: Date, n: i32| -> Vec<NonWorkingDay> {
            (0..n).filter_map(|i| calendar.non_working_day(from.checked_add(i.days()).unwrap())).collect()
        };
        assert_eq!(reasons(&days(date(2026, 3, 14), 2)), "het weekend");
        assert_eq!(reasons(&days(date(2026, 3, 15), 1)), "zondag");
        assert_eq!(reasons(&days(date(2026, 3, 14), 1)), "zaterdag");
        assert_eq!(reasons(&days(date(2026, 4, 4), 3)), "zaterdag, Eerste Paasdag en Tweede Paasdag");
        assert_eq!(reasons(&[]), "");
    }

    // ---- properties --------------------------------------------------------

    /// Dates from 1990 to about 2100.
    fn any_date() -> impl Strategy<Value = Date> {
        (0i32..40_000).prop_map(|days| date(1990, 1, 1).checked_add(days.days()).unwrap())
    }

    /// A calendar with a few designated days, or none.
    fn any_calendar() -> impl Strategy<Value = Calendar> {
        proptest::collection::vec(any_date(), 0..20)
            .prop_map(|dates| Calendar::with_extra_days(dates.into_iter().map(|d| ExtraDay::new(d, "Gelijkgesteld"))))
    }

    fn any_procedure() -> impl Strategy<Value = Procedure> {
        (any::<bool>(), proptest::option::of(1u32..=4)).prop_map(|(committee, postponement_weeks)| Procedure {
            committee,
            postponement_weeks,
            consented_until: None,
        })
    }

    fn any_norms() -> impl Strategy<Value = ServiceNorms> {
        (0u32..30, 0u32..30, 0u32..10).prop_map(|(acknowledgement, first_contact, warning)| ServiceNorms {
            acknowledgement_working_days: acknowledgement,
            first_contact_working_days: first_contact,
            warning_working_days: warning,
        })
    }

    fn deadlines(received: Date, procedure: &Procedure, calendar: &Calendar, norms: &ServiceNorms) -> Deadlines {
        Deadlines::compute_with_norms(received, procedure, calendar, norms).unwrap()
    }

    proptest! {
        #[test]
        fn atw_1_statutory_deadlines_never_fall_on_a_non_working_day(
            calendar in any_calendar(),
            received in any_date(),
            procedure in any_procedure(),
        ) {
            let all = deadlines(received, &procedure, &calendar, &ServiceNorms::default());
            for deadline in [&all.not_handling_notice, &all.decision] {
                prop_assert!(deadline.term.is_statutory());
                prop_assert!(calendar.is_working_day(deadline.date), "{}", deadline);
                prop_assert!(deadline.date >= deadline.explanation.counted_end);
                prop_assert_eq!(deadline.explanation.date(), deadline.date);
                // Atw art. 1 moves the end to the first working day, no further.
                let last_unmoved = deadline.explanation.shifts.iter().rev().find(|s| !matches!(s, Shift::Extended { .. }));
                let before_atw = last_unmoved.map_or(deadline.explanation.counted_end, Shift::to);
                prop_assert_eq!(deadline.date, calendar.next_working_day_on_or_after(before_atw));
            }
            prop_assert!(!all.acknowledgement.term.is_statutory() && !all.first_contact.term.is_statutory());
        }

        #[test]
        fn every_term_is_monotone_in_the_receipt_date(
            calendar in any_calendar(),
            received in any_date(),
            later_by in 0i32..60,
            procedure in any_procedure(),
            norms in any_norms(),
        ) {
            let later = received.checked_add(later_by.days()).unwrap();
            let early = deadlines(received, &procedure, &calendar, &norms);
            let late = deadlines(later, &procedure, &calendar, &norms);
            for (a, b) in early.all().into_iter().zip(late.all()) {
                prop_assert!(a.date <= b.date, "{} / {}", a, b);
            }
        }

        #[test]
        fn awb_9_11_lid_2_a_postponement_never_shortens_and_counts_from_the_unextended_end(
            calendar in any_calendar(),
            received in any_date(),
            committee in any::<bool>(),
            weeks in 1u32..=4,
        ) {
            let norms = ServiceNorms::default();
            let original = deadlines(received, &Procedure { committee, ..Procedure::default() }, &calendar, &norms);
            let less = Procedure { committee, postponement_weeks: Some(weeks - 1).filter(|w| *w > 0), consented_until: None };
            let more = Procedure { committee, postponement_weeks: Some(weeks), consented_until: None };
            let less = deadlines(received, &less, &calendar, &norms);
            let more = deadlines(received, &more, &calendar, &norms);
            prop_assert!(more.decision.date >= original.decision.date);
            prop_assert!(more.decision.date >= less.decision.date);
            // The documented choice: (6 or 10 weeks) + postponement, then the Atw once.
            let base = if committee { DECISION_WITH_COMMITTEE_WEEKS } else { DECISION_WEEKS };
            let end = received.checked_add((i64::from(base + weeks) * 7).days()).unwrap();
            prop_assert_eq!(more.decision.date, calendar.next_working_day_on_or_after(end));
            // Which is never later than counting from the extended end.
            let from_extended = original.decision.date.checked_add((i64::from(weeks) * 7).days()).unwrap();
            prop_assert!(more.decision.date <= calendar.next_working_day_on_or_after(from_extended));
            // The other deadlines stay where they were.
            prop_assert_eq!(&more.not_handling_notice, &original.not_handling_notice);
            prop_assert_eq!(&more.acknowledgement, &original.acknowledgement);
        }

        #[test]
        fn awb_9_11_lid_3_consent_never_shortens(
            calendar in any_calendar(),
            received in any_date(),
            procedure in any_procedure(),
            offset in -30i32..90,
        ) {
            let norms = ServiceNorms::default();
            let current = deadlines(received, &procedure, &calendar, &norms).decision.date;
            let agreed = current.checked_add(offset.days()).unwrap();
            let with_consent = Procedure { consented_until: Some(agreed), ..procedure };
            match Deadlines::compute_with_norms(received, &with_consent, &calendar, &norms) {
                Ok(consented) => {
                    prop_assert!(offset >= 0);
                    prop_assert!(consented.decision.date >= current);
                    prop_assert_eq!(consented.decision.date, agreed);
                    prop_assert_eq!(consented.decision.explanation.date(), agreed);
                }
                Err(refused) => {
                    prop_assert!(offset < 0);
                    prop_assert_eq!(refused, TermError::ConsentBeforeDeadline { agreed, deadline: current });
                }
            }
        }

        #[test]
        fn awb_9_11_lid_1_committee_term_is_never_shorter(
            calendar in any_calendar(),
            received in any_date(),
            postponement_weeks in proptest::option::of(1u32..=4),
        ) {
            let norms = ServiceNorms::default();
            let without = Procedure { committee: false, postponement_weeks, consented_until: None };
            let with = Procedure { committee: true, ..without };
            let without = deadlines(received, &without, &calendar, &norms);
            let with = deadlines(received, &with, &calendar, &norms);
            prop_assert!(with.decision.date >= without.decision.date);
            prop_assert!(without.decision.date >= without.not_handling_notice.date);
        }

        #[test]
        fn awb_9_11_lid_2_four_weeks_postponed_ends_with_the_committee_term(
            calendar in any_calendar(),
            received in any_date(),
        ) {
            let norms = ServiceNorms::default();
            let postponed = deadlines(received, &postponed(false, 4), &calendar, &norms);
            let committee = deadlines(received, &with_committee(), &calendar, &norms);
            prop_assert_eq!(postponed.decision.date, committee.decision.date);
        }

        #[test]
        fn service_norms_count_working_days_without_atw_extension(
            calendar in any_calendar(),
            received in any_date(),
            norms in any_norms(),
        ) {
            let all = deadlines(received, &Procedure::default(), &calendar, &norms);
            prop_assert_eq!(
                all.acknowledgement.date,
                calendar.add_working_days(received, norms.acknowledgement_working_days)
            );
            prop_assert_eq!(
                all.first_contact.date,
                calendar.add_working_days(received, norms.first_contact_working_days)
            );
            for norm in [&all.acknowledgement, &all.first_contact] {
                prop_assert!(norm.explanation.shifts.is_empty());
                for day in &norm.explanation.not_counted {
                    prop_assert!(day.date > received && day.date <= norm.date && !day.is_weekend());
                }
            }
        }

        #[test]
        fn explanations_name_every_non_working_day_they_skip_and_read_back(
            calendar in any_calendar(),
            received in any_date(),
            procedure in any_procedure(),
        ) {
            let all = deadlines(received, &procedure, &calendar, &ServiceNorms::default());
            for deadline in all.all() {
                let text = deadline.explanation.to_string();
                prop_assert!(text.contains(deadline.explanation.rule.label()));
                for shift in &deadline.explanation.shifts {
                    prop_assert!(text.contains(shift.legal_basis()), "{}", text);
                    if let Shift::Extended { skipped, .. } = shift {
                        for day in skipped.iter().filter(|day| day.holiday.is_some()) {
                            prop_assert!(text.contains(day.reason()), "{}", text);
                        }
                    }
                }
            }
            let json = serde_json::to_string(&all).unwrap();
            prop_assert_eq!(serde_json::from_str::<Deadlines>(&json).unwrap(), all);
        }
    }
}

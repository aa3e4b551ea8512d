//! `gehoord demo-data`: realistic synthetic complaints for demos and
//! benchmarks.
//!
//! Every case goes through the domain's `decide`, so its events are real and
//! valid: registration by the system (web form, API) or by a demo employee
//! (phone, counter, letter …), about a fifth solved in the contact itself
//! (ladder step 1, closed), the rest handed to complaint handling, and many of
//! those taken into handling by one of five demo handlers, who phone the
//! citizen and, the older the case, the likelier solve it, ask the control
//! question and close it (with a lesson or the reason for none).
//!
//! Where the informal path does not close a case, about a tenth of the cases
//! taken into handling go the formal way (rule of thumb 4): started with a
//! reason, often a named employee of the department as respondent with their
//! copy (Awb 9:9), one to three complaint parts, a hearing with its report
//! (Awb 9:10; a second round now and then when the accounts differ, or a
//! waiver on a legal ground), sometimes a postponement (Awb 9:11 lid 2) or,
//! rarely, an advisory committee with its advice, judgments tested against
//! fitting norms (about 35% gegrond, 45% ongegrond, 20% geen oordeel because
//! the facts cannot be established), a lesson and closing with findings
//! (Awb 9:12); one judged case in two hundred then goes to the ombudsman.
//! Older formal cases are closed, recent ones stop wherever the period ends,
//! so the deadline overview has formal cases in every state. About 1–2% of
//! all cases are not handled (Awb 9:8) after a personal call, mostly because
//! the conduct was more than a year before the complaint.
//!
//! Each decision runs with `now` at the simulated moment, in order and never
//! after the end of the period, so the timeline reads as if it happened then.
//!
//! The output depends only on `--seed`, `--cases`, `--years` and `--until`
//! (and, for the reference numbers, on the cases already in the database):
//! a small SplitMix64 generator seeded per case keeps it reproducible
//! without a dependency. What happens after the handler's first call comes
//! from a second stream per case, so the complaints themselves (who, what,
//! when, through which channel) are as before the demo knew formal handling.

use std::{fmt::Write as _, io::Write as _, process::ExitCode, time::Instant};

use anyhow::{Context as _, bail};
use clap::Args;
use gehoord_domain::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, ContactPreference, Context, DomainError, Event,
    Role,
    case::{Exploration, InitialHandling, Intake, Rules},
    contact::{Contact, ContactMethod, ContactOutcome, Initiative},
    decide,
    formal::{FormalCommand, HearingPlan},
    forwarding::ControlAnswer,
    hearing::{HearingReport, HearingSetting, HearingWaiver, HearingWaiverGround, Participant, ParticipantRole},
    judgment::{Judgment, Verdict},
    learning::LearningCommand,
    lesson::{Learner, Lesson, LessonLevel},
    norm::Norm,
    not_handling::{NotHandling, NotHandlingGround, conduct_more_than_a_year_before},
    ombudsman::{DEFAULT_OMBUDSMAN, OmbudsmanConclusion},
    respondent::Respondent,
    solution::{Solution, SolutionKind},
    terms::{Deadlines, Procedure},
    time::{LongDate, amsterdam, date_in_amsterdam},
    time::{month_name, weekday_name},
};
use gehoord_store::{NewUser, Store};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::{SignedDuration, Timestamp, ToSpan as _, civil::Date, civil::Weekday};
use uuid::Uuid;

/// The password of demo accounts that `demo-data` creates. Documented, and
/// therefore only for demo and benchmark databases.
pub const DEMO_PASSWORD: &str = "gehoord-demo";

/// Demo complaint handlers: username, display name, share of the cases taken.
const HANDLERS: [(&str, &str, u32); 5] = [
    ("demo-handler-1", "Fatima El Khadir", 30),
    ("demo-handler-2", "Joost van Dijk", 25),
    ("demo-handler-3", "Anouk Visser", 20),
    ("demo-handler-4", "Mehmet Demir", 15),
    ("demo-handler-5", "Ingrid Smit", 10),
];

/// Demo front-office employees who register phone, counter and other
/// complaints.
const EMPLOYEES: [(&str, &str); 4] = [
    ("demo-medewerker-1", "Sanne Bakker"),
    ("demo-medewerker-2", "Mohamed Amrani"),
    ("demo-medewerker-3", "Lotte Jansen"),
    ("demo-medewerker-4", "Kevin de Boer"),
];

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many cases to create.
    #[arg(long, default_value_t = 1000)]
    pub cases: u64,
    /// Seed of the generator: the same seed gives the same complaints.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Spread the dates of receipt over this many years.
    #[arg(long, default_value_t = 5)]
    pub years: u16,
    /// Last day of the period (YYYY-MM-DD), default today. A day in the past
    /// gives the same complaints on every run; with today the period ends at
    /// the current moment, which moves.
    #[arg(long)]
    pub until: Option<Date>,
    /// Cases written per transaction.
    #[arg(long, default_value_t = 1000)]
    pub batch: usize,
}

pub async fn run(store: &Store, args: DemoArgs) -> anyhow::Result<ExitCode> {
    if args.years == 0 || args.batch == 0 {
        bail!("--years and --batch must be at least 1");
    }
    let staff = ensure_staff(store).await?;
    if store.categories().await?.is_empty() {
        store.set_categories(&CATEGORIES.map(str::to_owned)).await?;
    }
    let period = Period::new(args.until, args.years)?;
    // The same seed and period give the same case ids: a second run would
    // collide halfway. Say so before writing anything.
    if args.cases > 0 {
        let first = Draft::generate(args.seed, 0, args.cases, &period, &staff);
        if store.case_view(first.id).await?.is_some() {
            bail!(
                "this database already holds the demo cases of --seed {}; choose another seed to add more",
                args.seed
            );
        }
    }

    let bar = ProgressBar::new(args.cases)
        .with_style(ProgressStyle::with_template("{wide_bar} {pos}/{len} cases ({per_sec}, {eta} left)")?);
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut first: Option<CaseReference> = None;
    let mut last: Option<CaseReference> = None;
    let mut index = 0;
    while index < args.cases {
        let end = (index + args.batch as u64).min(args.cases);
        let batch: Vec<_> = (index..end)
            .map(|i| {
                let draft = Draft::generate(args.seed, i, args.cases, &period, &staff);
                tally.count(&draft);
                let year = date_in_amsterdam(draft.received_at).year();
                (draft.id, year, move |reference| draft.decide(reference))
            })
            .collect();
        let references = store.import_cases(batch).await.context("writing demo cases")?;
        first = first.or_else(|| references.first().copied());
        last = references.last().copied().or(last);
        bar.set_position(end);
        index = end;
    }
    bar.finish_and_clear();

    let elapsed = started.elapsed();
    let mut out = std::io::stdout().lock();
    let rate = args.cases as f64 / elapsed.as_secs_f64().max(0.001);
    writeln!(out, "Created {} demo complaints in {:.1} s ({rate:.0} per second).", args.cases, elapsed.as_secs_f64())?;
    if let (Some(first), Some(last)) = (first, last) {
        writeln!(out, "References from {first} to {last}, received {} to {}.", period.first_day(), period.last_day())?;
    }
    let in_handling = tally.taken - tally.closed_in_handling();
    writeln!(
        out,
        "Solved in the contact and closed: {}; solved by a handler and closed: {}; open: {} (in handling: {in_handling}, not yet taken: {}).",
        tally.solved,
        tally.closed_by_handler,
        tally.open(args.cases),
        tally.open(args.cases) - in_handling
    )?;
    writeln!(
        out,
        "Handled formally: {} ({:.1}% of the {} taken into handling), of which judged and closed: {} \
         (then to the ombudsman: {}), still open: {}. Not handled (Awb 9:8): {} ({:.1}% of all cases).",
        tally.formal,
        percent(tally.formal, tally.taken),
        tally.taken,
        tally.judged,
        tally.ombudsman,
        tally.formal - tally.judged,
        tally.not_handled,
        percent(tally.not_handled, args.cases),
    )?;
    if staff.created.is_empty() {
        writeln!(out, "Demo staff accounts already existed; their passwords were left as they were.")?;
    } else {
        writeln!(
            out,
            "Created demo staff accounts {} with the demo password \"{DEMO_PASSWORD}\". \
             Use them only in demo and benchmark databases.",
            staff.created.join(", ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A staff member as the demo acts with.
#[derive(Debug, Clone)]
struct Person {
    actor: Actor,
    weight: u32,
}

#[derive(Debug)]
struct Staff {
    handlers: Vec<Person>,
    employees: Vec<Person>,
    created: Vec<String>,
}

/// Finds or creates the demo accounts. Existing accounts are used as they
/// are; new ones get [`DEMO_PASSWORD`].
async fn ensure_staff(store: &Store) -> anyhow::Result<Staff> {
    let existing = store.users().await?;
    let mut created = Vec::new();
    let mut person = async |username: &str, name: &str, role: Role, weight: u32| -> anyhow::Result<Person> {
        let user = match existing.iter().find(|u| u.username == username) {
            Some(user) => user.clone(),
            None => {
                let new = NewUser {
                    username: username.to_owned(),
                    display_name: name.to_owned(),
                    password: DEMO_PASSWORD.to_owned(),
                    role,
                };
                let user =
                    store.create_user(&new, Timestamp::now()).await.with_context(|| format!("creating {username}"))?;
                created.push(format!("{username} ({})", role.code()));
                user
            }
        };
        Ok(Person { actor: Actor::Staff { user_id: user.id, name: user.display_name }, weight })
    };
    let mut handlers = Vec::new();
    for (username, name, weight) in HANDLERS {
        handlers.push(person(username, name, Role::Handler, weight).await?);
    }
    let mut employees = Vec::new();
    for (username, name) in EMPLOYEES {
        employees.push(person(username, name, Role::Employee, 1).await?);
    }
    Ok(Staff { handlers, employees, created })
}

/// The stretch of time the complaints arrive in.
#[derive(Debug)]
struct Period {
    start: Timestamp,
    end: Timestamp,
}

impl Period {
    fn new(until: Option<Date>, years: u16) -> anyhow::Result<Self> {
        let now = Timestamp::now();
        let end = match until {
            Some(day) => day.tomorrow()?.to_zoned_datetime(amsterdam())?.timestamp().min(now),
            None => now,
        };
        let start = end.to_zoned_datetime(amsterdam()).checked_sub(i64::from(years).years())?.timestamp();
        Ok(Self { start, end })
    }

    fn first_day(&self) -> Date {
        date_in_amsterdam(self.start)
    }

    fn last_day(&self) -> Date {
        date_in_amsterdam(self.end - SignedDuration::from_micros(1))
    }

    /// The moment of receipt of case `index` of `total`: spread evenly with
    /// jitter, so references of a year follow the order of receipt, at a time
    /// of day that fits the channel.
    fn receipt(&self, rng: &mut Rng, index: u64, total: u64, channel: &mut Channel) -> Timestamp {
        let span = self.end.duration_since(self.start).as_micros() as f64;
        let fraction = (index as f64 + rng.unit()) / total.max(1) as f64;
        let base = self.start + SignedDuration::from_micros((span * fraction) as i64);
        let day = date_in_amsterdam(base);
        let office_only = matches!(channel, Channel::Phone | Channel::Counter);
        if office_only && matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            // The counter and the phone lines are closed at the weekend.
            *channel = if rng.chance(0.6) { Channel::WebForm } else { Channel::Email };
        }
        let minute_of_day = match channel {
            Channel::Phone | Channel::Counter => 8 * 60 + 30 + rng.below(8 * 60 + 30),
            Channel::Letter | Channel::OtherOrganisation | Channel::Ombudsman | Channel::OwnSignal => {
                9 * 60 + rng.below(7 * 60)
            }
            // People write whenever they like, mostly by day and in the evening.
            _ if rng.chance(0.9) => 7 * 60 + rng.below(16 * 60),
            _ => rng.below(24 * 60),
        };
        let at = day
            .at((minute_of_day / 60) as i8, (minute_of_day % 60) as i8, rng.below(60) as i8, 0)
            .to_zoned_datetime(amsterdam())
            .map_or(base, |z| z.timestamp());
        at.clamp(self.start, self.end - SignedDuration::from_secs(1))
    }
}

/// Counts for the closing summary.
#[derive(Debug, Default)]
struct Tally {
    solved: u64,
    taken: u64,
    closed_by_handler: u64,
    /// Formal handling started.
    formal: u64,
    /// Closed with a judgment (Awb 9:12).
    judged: u64,
    /// Closed without handling (Awb 9:8).
    not_handled: u64,
    /// Judged, and then taken to the ombudsman.
    ombudsman: u64,
}

impl Tally {
    fn count(&mut self, draft: &Draft) {
        if matches!(draft.handling, InitialHandling::SolvedInContact { .. }) {
            self.solved += 1;
        }
        if draft.taken.is_some() {
            self.taken += 1;
        }
        let Some(work) = &draft.worked else { return };
        if work.closed_at.is_some() {
            self.closed_by_handler += 1;
        }
        for (_, command) in &work.after {
            match command {
                Command::Formal(FormalCommand::Start { .. }) => self.formal += 1,
                Command::Formal(FormalCommand::CloseJudged { .. }) => self.judged += 1,
                Command::Formal(FormalCommand::NotHandle { .. }) => self.not_handled += 1,
                Command::Formal(FormalCommand::RecordOmbudsmanRequest { .. }) => self.ombudsman += 1,
                _ => {}
            }
        }
    }

    /// Cases a handler closed, on any road.
    const fn closed_in_handling(&self) -> u64 {
        self.closed_by_handler + self.judged + self.not_handled
    }

    const fn open(&self, total: u64) -> u64 {
        total - self.solved - self.closed_in_handling()
    }
}

/// `part` of `whole` in percent, for the summary.
fn percent(part: u64, whole: u64) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// One synthetic complaint, everything but its reference.
#[derive(Debug)]
struct Draft {
    id: Uuid,
    received_at: Timestamp,
    channel: Channel,
    registered_by: Actor,
    description: String,
    complainant: Complainant,
    conduct_date: Option<Date>,
    department: String,
    employees_involved: Option<String>,
    signed: bool,
    handling: InitialHandling,
    /// Taken into handling by this handler at this moment.
    taken: Option<(Actor, Timestamp)>,
    /// How far the handler got: contact, and for most older cases a
    /// solution, the control question and closing (rules of thumb 2, 3, 5).
    worked: Option<Work>,
}

/// The informal path a demo handler walked, with its moments.
#[derive(Debug)]
struct Work {
    contact_at: Timestamp,
    /// What the handler wrote down about the call.
    summary: &'static str,
    /// Solution agreed, control question answered with yes, lesson, closed.
    closed_at: Option<Timestamp>,
    solution: SolutionKind,
    /// The id of the lesson recorded, if any.
    lesson: Option<Uuid>,
    /// When the informal path did not close the case: formal handling or a
    /// refusal (Awb 9:8), as commands at their moments, in order.
    after: Vec<(Timestamp, Command)>,
}

impl Draft {
    /// The case's events for its reference, as the domain decides them.
    fn decide(self, reference: CaseReference) -> Result<Vec<Event>, DomainError> {
        let intake = Intake {
            reference,
            channel: self.channel,
            received_at: self.received_at,
            description: self.description,
            complainant: self.complainant,
            conduct_date: self.conduct_date,
            department: Some(self.department),
            employees_involved: self.employees_involved,
            signed: self.signed,
            handling: self.handling,
        };
        let category = category_of(&intake.description);
        let signal = reference.number().is_multiple_of(89);
        let ctx = Context::new(self.received_at, self.registered_by);
        let mut events = decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)?;
        if let Some((handler, at)) = self.taken {
            let mut state = CaseState::from_events(&events);
            let mut step = |command: Command, at: Timestamp, events: &mut Vec<Event>| -> Result<(), DomainError> {
                let new = decide(&state, command, &Context::new(at, handler.clone()))?;
                state = new.iter().fold(std::mem::take(&mut state), gehoord_domain::apply);
                events.extend(new);
                Ok(())
            };
            step(Command::TakeIntoHandling, at, &mut events)?;
            // The handler classifies the case when taking it.
            step(
                Command::Learning(LearningCommand::Categorise { category: Some(category.to_owned()) }),
                at,
                &mut events,
            )?;
            if signal {
                let reason = "Dit speelt bij meer inwoners in dezelfde straat.".to_owned();
                step(Command::Learning(LearningCommand::FlagSignal { reason }), at, &mut events)?;
            }
            if let Some(work) = self.worked {
                let contact = Contact {
                    at: work.contact_at,
                    method: ContactMethod::Phone,
                    initiative: Initiative::Organisation,
                    outcome: ContactOutcome::Reached,
                    summary: work.summary.to_owned(),
                };
                step(Command::LogContact { contact, preference_overridden: true }, work.contact_at, &mut events)?;
                if let Some(closed_at) = work.closed_at {
                    let exploration = Exploration {
                        core: "De burger voelt zich niet gehoord en wil dat het probleem wordt opgelost.".to_owned(),
                        wishes: "Een oplossing en uitleg over wat er misging.".to_owned(),
                        expectations: None,
                        procedure_explained: true,
                    };
                    step(Command::RecordExploration(exploration), work.contact_at, &mut events)?;
                    let solution = Solution {
                        kind: work.solution,
                        description: "Met de burger besproken en afgesproken.".to_owned(),
                        reasoning: "Past bij wat de burger wilde bereiken.".to_owned(),
                        consulted: None,
                        agreed: true,
                    };
                    step(Command::RecordSolution(solution), work.contact_at, &mut events)?;
                    let answer = ControlAnswer {
                        satisfied: true,
                        all_addressed: true,
                        how_asked: ContactMethod::Phone,
                        wants_letter: false,
                        note: None,
                    };
                    step(Command::AnswerControlQuestion(answer), closed_at, &mut events)?;
                    let no_lesson_reason = if let Some(id) = work.lesson {
                        let lesson = Lesson {
                            id,
                            positive: false,
                            level: LessonLevel::Execution,
                            learner: Learner::Team,
                            text: "Uitleg aan burgers eerder en duidelijker geven.".to_owned(),
                        };
                        step(Command::RecordLesson(lesson), closed_at, &mut events)?;
                        None
                    } else {
                        Some("Eenmalige situatie, met de medewerker besproken.".to_owned())
                    };
                    step(Command::CloseSolved { no_lesson_reason }, closed_at, &mut events)?;
                }
                for (at, command) in work.after {
                    step(command, at, &mut events)?;
                }
            }
        }
        Ok(events)
    }

    fn generate(seed: u64, index: u64, total: u64, period: &Period, staff: &Staff) -> Self {
        Self::generate_with(seed, index, total, period, staff, &SHARES)
    }

    fn generate_with(seed: u64, index: u64, total: u64, period: &Period, staff: &Staff, shares: &Shares) -> Self {
        let mut rng = Rng::for_case(seed, index);
        let mut channel = rng.weighted(&CHANNELS).0;
        let received_at = period.receipt(&mut rng, index, total, &mut channel);
        let received_day = date_in_amsterdam(received_at);
        let theme = rng.weighted(&THEMES);

        let days_before = if rng.chance(0.18) {
            None
        } else {
            Some(match rng.below(100) {
                0..55 => rng.below(15),
                55..80 => 15 + rng.below(76),
                80..92 => 91 + rng.below(275),
                _ => 366 + rng.below(535),
            })
        };
        let conduct_date = days_before.and_then(|d| received_day.checked_sub((d as i64).days()).ok());

        let (complainant, street) = complainant(&mut rng, channel);
        let (description, template) =
            describe(&mut rng, theme, channel, &complainant, street, received_day, conduct_date);

        let by_system = matches!(channel, Channel::WebForm | Channel::Api);
        let registered_by = if by_system { Actor::System } else { rng.weighted_person(&staff.employees).actor.clone() };
        let handling = if by_system {
            InitialHandling::ToComplaintHandling
        } else if rng.chance(solved_share(channel)) {
            InitialHandling::SolvedInContact { what_was_done: (*rng.pick(theme.solved)).to_owned() }
        } else {
            let note = rng.chance(0.4).then(|| (*rng.pick(&HAND_OVER_NOTES)).to_owned());
            InitialHandling::HandOver { note }
        };
        let taken = if matches!(handling, InitialHandling::SolvedInContact { .. }) {
            None
        } else {
            take_into_handling(&mut rng, received_at, period.end, &staff.handlers)
        };
        let mut worked = taken.as_ref().and_then(|(_, at)| work(&mut rng, *at, period.end));
        let employees_involved = rng
            .chance(if channel == Channel::Counter { 0.6 } else { 0.3 })
            .then(|| (*rng.pick(theme.involved)).to_owned());
        let signed = match channel {
            Channel::Letter => rng.chance(0.85),
            Channel::OtherOrganisation | Channel::Ombudsman => rng.chance(0.5),
            Channel::Email => rng.chance(0.05),
            _ => false,
        };
        let id = uuid::Builder::from_unix_timestamp_millis(
            u64::try_from(received_at.as_millisecond()).unwrap_or_default(),
            &rng.bytes10(),
        )
        .into_uuid();
        if let Some(work) = &mut worked {
            // A stream of its own, so the cases above stay as they were
            // before the demo knew formal handling.
            let mut rng = Rng::for_case(seed ^ AFTER_CONTACT_STREAM, index);
            let facts = Facts {
                received_day,
                conduct_date,
                theme,
                template,
                complainant: complainant.name.as_deref(),
                involved: employees_involved.as_deref(),
                signed,
                end: period.end,
            };
            after_contact(&mut rng, work, &facts, shares);
        }
        Self {
            id,
            received_at,
            channel,
            registered_by,
            description,
            complainant,
            conduct_date,
            department: theme.department.to_owned(),
            employees_involved,
            signed,
            handling,
            taken,
            worked,
        }
    }
}

/// Whether and how far a demo handler got after taking the case at
/// `taken_at`: the older the case, the likelier it was solved and closed.
fn work(rng: &mut Rng, taken_at: Timestamp, end: Timestamp) -> Option<Work> {
    let contact_at = taken_at + SignedDuration::from_mins((30 + rng.below(3 * 24 * 60)) as i64);
    if contact_at >= end {
        return None;
    }
    let closed_at = contact_at + SignedDuration::from_hours((24 + rng.below(20 * 24)) as i64);
    let age_days = end.duration_since(taken_at).as_hours() / 24;
    let share_closed = match age_days {
        84.. => 0.97,
        42..=83 => 0.75,
        14..=41 => 0.4,
        _ => 0.1,
    };
    let closes = closed_at < end && rng.chance(share_closed);
    Some(Work {
        contact_at,
        summary: "Gebeld en de klacht doorgesproken.",
        closed_at: closes.then_some(closed_at),
        solution: *rng.pick(&SolutionKind::ALL),
        lesson: rng.chance(0.35).then(|| rng.uuid()),
        after: Vec::new(),
    })
}

/// Seeds the second stream of a case: what happens after the first call. A
/// stream of its own keeps everything drawn before it as it was.
const AFTER_CONTACT_STREAM: u64 = 0x6A09_E667_F3BC_C908;

/// How often the demo's handlers take each road. The demo uses [`SHARES`];
/// tests turn the rare roads up.
#[derive(Debug, Clone, Copy)]
struct Shares {
    /// Of the cases taken into handling with a named complainant: the
    /// informal path does not close them, and they are handled formally.
    formal: f64,
    /// Not handled (Awb 9:8) when the conduct was more than a year before
    /// the complaint (lid 1 sub b) ...
    refuse_old: f64,
    /// ... and otherwise (lid 1 sub c, lid 2).
    refuse_other: f64,
    /// Of formal cases: postponed once (Awb 9:11 lid 2).
    postponement: f64,
    /// Of formal cases: an advisory committee (Awb 9:14).
    committee: f64,
    /// Of cases closed with a judgment: the citizen goes to the ombudsman.
    ombudsman: f64,
}

/// About a tenth of the cases taken into handling end up formal, 1–2% of
/// all cases are not handled (mostly for conduct more than a year old), and
/// one judged case in two hundred goes to the ombudsman.
const SHARES: Shares = Shares {
    formal: 0.115,
    refuse_old: 0.2,
    refuse_other: 0.004,
    postponement: 0.15,
    committee: 0.03,
    ombudsman: 0.005,
};

/// What the road after the first call depends on.
#[derive(Debug)]
struct Facts<'a> {
    received_day: Date,
    conduct_date: Option<Date>,
    theme: &'a Theme,
    /// Which of the theme's complaint texts the citizen wrote.
    template: usize,
    complainant: Option<&'a str>,
    involved: Option<&'a str>,
    signed: bool,
    end: Timestamp,
}

/// After the handler's first call: now and then a refusal (Awb 9:8),
/// mostly for conduct more than a year old; for about a tenth of the cases
/// with a known complainant, formal handling because the informal path did
/// not close them; otherwise the informal path as [`work`] planned it.
fn after_contact(rng: &mut Rng, work: &mut Work, facts: &Facts<'_>, shares: &Shares) {
    let old = facts.conduct_date.is_some_and(|c| conduct_more_than_a_year_before(c, facts.received_day));
    let mut timeline = Timeline { now: work.contact_at, end: facts.end, steps: Vec::new() };
    if rng.chance(if old { shares.refuse_old } else { shares.refuse_other }) {
        let ground = if old {
            NotHandlingGround::OlderThanOneYear
        } else if OBJECTION_POSSIBLE.contains(&facts.theme.department) && rng.chance(0.7) {
            NotHandlingGround::ObjectionPossible
        } else {
            NotHandlingGround::InsufficientInterest
        };
        work.summary = match ground {
            NotHandlingGround::OlderThanOneYear => REFUSAL_CALLS[0],
            NotHandlingGround::ObjectionPossible => REFUSAL_CALLS[1],
            _ => REFUSAL_CALLS[2],
        };
        let _cut_short = refusal(rng, &mut timeline, facts, ground);
    } else if let Some(complainant) = facts.complainant
        && rng.chance(shares.formal)
    {
        work.summary = *rng.pick(&FORMAL_CALLS);
        let _cut_short = formal(rng, &mut timeline, facts, complainant, shares);
    } else {
        return;
    }
    work.closed_at = None;
    work.after = timeline.steps;
}

/// A handler's agenda for one case: commands at moments that only move
/// forward, none at or after the end of the period. A case whose next step
/// would lie beyond the end stays where it is, open.
#[derive(Debug)]
struct Timeline {
    now: Timestamp,
    end: Timestamp,
    steps: Vec<(Timestamp, Command)>,
}

impl Timeline {
    /// Moves on to `at` (never back): the day it is then, or `None` when
    /// that is past the end of the period.
    fn to(&mut self, at: Timestamp) -> Option<Date> {
        let at = at.max(self.now);
        if at >= self.end {
            return None;
        }
        self.now = at;
        Some(date_in_amsterdam(at))
    }

    /// A few minutes later, at the same desk.
    fn minutes(&mut self, rng: &mut Rng, low: u64, high: u64) -> Option<Date> {
        self.to(self.now + SignedDuration::from_mins((low + rng.below(high - low + 1)) as i64))
    }

    /// `low` to `high` days later, in office hours.
    fn days(&mut self, rng: &mut Rng, low: u64, high: u64) -> Option<Date> {
        let days = low + rng.below(high - low + 1);
        let at = office_hours(rng, self.now, days);
        self.to(at)
    }

    fn push(&mut self, command: Command) {
        self.steps.push((self.now, command));
    }

    fn formal(&mut self, command: FormalCommand) {
        self.push(Command::Formal(command));
    }
}

/// A moment in office hours `days` days after `from`, on a weekday, and at
/// least a few minutes after `from`.
fn office_hours(rng: &mut Rng, from: Timestamp, days: u64) -> Timestamp {
    let start = date_in_amsterdam(from);
    let mut day = start.checked_add((days as i64).days()).unwrap_or(start);
    while matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    let minute = 8 * 60 + 30 + rng.below(8 * 60 + 30);
    let at = day
        .at((minute / 60) as i8, (minute % 60) as i8, rng.below(60) as i8, 0)
        .to_zoned_datetime(amsterdam())
        .map_or(from, |z| z.timestamp());
    at.max(from + SignedDuration::from_mins(5))
}

/// Awb 9:8 after a personal call: the decision and its notice, with a
/// lesson now and then. `None` when the period ended first.
fn refusal(rng: &mut Rng, t: &mut Timeline, facts: &Facts<'_>, ground: NotHandlingGround) -> Option<()> {
    let department = facts.theme.department;
    let notice_sent_on = t.days(rng, 0, 4)?;
    let motivation = match (ground, facts.conduct_date) {
        (NotHandlingGround::OlderThanOneYear, Some(conduct)) => fill(
            rng.pick(&OLD_CONDUCT_MOTIVATIONS),
            &[
                ("{gedraging}", &LongDate(conduct).to_string()),
                ("{ontvangst}", &LongDate(facts.received_day).to_string()),
            ],
        ),
        (NotHandlingGround::ObjectionPossible, _) => {
            fill(rng.pick(&OBJECTION_MOTIVATIONS), &[("{afdeling}", department)])
        }
        _ => (*rng.pick(&LITTLE_INTEREST_MOTIVATIONS)).to_owned(),
    };
    let lesson = rng.chance(0.15);
    if lesson {
        t.minutes(rng, 2, 15)?;
        t.push(Command::RecordLesson(Lesson {
            id: rng.uuid(),
            positive: false,
            level: LessonLevel::Execution,
            learner: Learner::Team,
            text: (*rng.pick(&REFUSAL_LESSONS)).to_owned(),
        }));
    }
    let no_lesson_reason = (!lesson).then(|| (*rng.pick(&REFUSAL_NO_LESSON)).to_owned());
    t.formal(FormalCommand::NotHandle {
        decision: NotHandling { ground, motivation, personal_contact_made: true, notice_sent_on },
        no_lesson_reason,
    });
    Some(())
}

/// Formal handling (rule of thumb 4) as a careful handler does it: the
/// reason, the respondent and their copy, the parts, sometimes a committee
/// or a postponement, the hearing (a second round now and then when the
/// accounts differ), the judgments, a lesson and closing; rarely the
/// ombudsman afterwards. `None` where the period ended first: the case
/// stays open mid-way, as recent formal cases are.
fn formal(rng: &mut Rng, t: &mut Timeline, facts: &Facts<'_>, complainant: &str, shares: &Shares) -> Option<()> {
    let theme = facts.theme;
    let department = theme.department;
    let count = match rng.below(100) {
        0..50 => 1,
        50..85 => 2,
        _ => 3,
    };
    let mut parts: Vec<&Part> = vec![&theme.parts[facts.template]];
    while parts.len() < count {
        let extra = rng.pick(&GENERAL_PARTS);
        if !parts.iter().any(|p| p.description == extra.description) {
            parts.push(extra);
        }
    }
    let verdicts: Vec<Verdict> = parts
        .iter()
        .map(|_| match rng.below(100) {
            0..35 => Verdict::WellFounded,
            35..80 => Verdict::Unfounded,
            _ => Verdict::NoJudgment,
        })
        .collect();
    let unclear = verdicts.contains(&Verdict::NoJudgment);
    let respondent = rng
        .chance(if facts.involved.is_some() { 0.85 } else { 0.55 })
        .then(|| format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES)));
    let names =
        [("{klager}", complainant), ("{beklaagde}", respondent.as_deref().unwrap_or("")), ("{afdeling}", department)];
    let rules = Rules::default();
    let due =
        |procedure: &Procedure| Deadlines::compute(facts.received_day, procedure, &rules).ok().map(|d| d.decision.date);
    let mut procedure = Procedure::default();
    // The file waits on a busy desk, before the hearing or before judging:
    // some cases run over their term, a few for months.
    let delay = match rng.below(100) {
        0..5 => Some(45 + rng.below(106)),
        5..17 => Some(14 + rng.below(29)),
        _ => None,
    };
    let delay_before_hearing = rng.chance(0.5);

    // The call made clear that the citizen wants a judgment.
    t.minutes(rng, 5, 30)?;
    t.push(Command::RecordExploration(Exploration {
        core: theme.parts[facts.template].description.to_owned(),
        wishes: (*rng.pick(&FORMAL_WISHES)).to_owned(),
        expectations: rng.chance(0.4).then(|| (*rng.pick(&FORMAL_EXPECTATIONS)).to_owned()),
        procedure_explained: true,
    }));
    let started_on = t.days(rng, 1, 6)?;
    t.formal(FormalCommand::Start {
        reason: fill(rng.pick(&START_REASONS), &names),
        // Now and then a signed letter followed the call.
        signed: facts.signed || rng.chance(0.25),
    });
    if let Some(name) = &respondent {
        t.minutes(rng, 2, 10)?;
        t.push(Command::AddRespondent(Respondent {
            id: rng.uuid(),
            user_id: None,
            name: name.clone(),
            department: Some(department.to_owned()),
        }));
    }
    // Awb 9:14: only while the term runs.
    let committee = rng.chance(shares.committee) && due(&procedure).is_some_and(|d| started_on <= d);
    if committee {
        t.minutes(rng, 2, 10)?;
        let first = rng.below(COMMITTEE_MEMBERS.len() as u64) as usize;
        let members = (0..3)
            .map(|i| {
                let name = COMMITTEE_MEMBERS[(first + i) % COMMITTEE_MEMBERS.len()];
                if i == 0 { format!("{name} (voorzitter)") } else { name.to_owned() }
            })
            .collect();
        t.formal(FormalCommand::AppointCommittee { members });
        procedure.committee = true;
    }
    let mut ids = Vec::with_capacity(parts.len());
    for part in &parts {
        t.minutes(rng, 1, 8)?;
        let id = rng.uuid();
        ids.push(id);
        t.formal(FormalCommand::AddPart { id, description: part.description.to_owned() });
    }
    if let Some(name) = &respondent {
        let on = t.days(rng, 0, 3)?;
        let enclosures = rng.pick(&ENCLOSURES).map(str::to_owned);
        t.formal(FormalCommand::RecordRespondentCopy { to: name.clone(), on, enclosures });
    }
    // Awb 9:11 lid 2: once, in writing, before the term ends.
    let mut wait = 0;
    if rng.chance(shares.postponement) {
        let on = t.days(rng, 1, 10)?;
        if due(&procedure).is_some_and(|d| on <= d) {
            let weeks = 2 + rng.below(3) as u32;
            let reason = match rng.below(4) {
                0 if respondent.is_some() => POSTPONEMENT_REASONS[0],
                2 => POSTPONEMENT_REASONS[2],
                3 if committee => POSTPONEMENT_REASONS[3],
                _ => POSTPONEMENT_REASONS[1],
            };
            t.formal(FormalCommand::Postpone {
                weeks,
                reason: fill(reason, &names),
                complainant_notified_on: on,
                respondent_notified: respondent.is_some(),
            });
            procedure.postponement_weeks = Some(weeks);
            wait = u64::from(weeks) * 7 / 2;
        }
    }

    if let Some(days) = delay
        && delay_before_hearing
    {
        linger(rng, t, days, due(&procedure))?;
    }
    // Awb 9:10: hear the complainant (and the respondent), unless a legal
    // ground says otherwise.
    if respondent.is_none() && !committee && rng.chance(0.15) {
        let asked_on = t.minutes(rng, 5, 60)?;
        let (ground, explanation) = if rng.chance(0.7) {
            (HearingWaiverGround::ComplainantDeclined, WAIVER_DECLINED)
        } else {
            t.days(rng, 15, 20)?;
            (HearingWaiverGround::NoAnswerInTerm, WAIVER_NO_ANSWER)
        };
        let explanation = fill(explanation, &[("{datum}", &LongDate(asked_on).to_string())]);
        t.formal(FormalCommand::WaiveHearing(HearingWaiver { ground, explanation }));
    } else {
        let mut participants = vec![Participant { role: ParticipantRole::Complainant, name: complainant.to_owned() }];
        if let Some(name) = &respondent {
            participants.push(Participant { role: ParticipantRole::Respondent, name: name.clone() });
        }
        let place = *rng.pick(&MEETING_PLACES);
        t.days(rng, 0, 2)?;
        let days = 5 + wait + rng.below(10);
        let at = office_hours(rng, t.now, days);
        let id = rng.uuid();
        let setting = if respondent.is_some() && rng.chance(0.25) {
            HearingSetting::Separately
        } else {
            HearingSetting::Together
        };
        t.formal(FormalCommand::PlanHearing(HearingPlan {
            id,
            at,
            place: place.to_owned(),
            setting,
            participants: participants.clone(),
            round: 1,
            by_committee: committee,
            third_party_consent: false,
        }));
        t.to(at + SignedDuration::from_mins((45 + rng.below(180)) as i64))?;
        let differ = respondent.is_some() && rng.chance(if unclear { 0.7 } else { 0.15 });
        let reports: &[&str] = match (&respondent, differ) {
            (None, _) => &REPORTS_COMPLAINANT_ONLY,
            (Some(_), false) => &REPORTS_AGREE,
            (Some(_), true) => &REPORTS_DIFFER,
        };
        let text = fill(rng.pick(reports), &names);
        let report = HearingReport { held_on: date_in_amsterdam(at), text, accounts_differ: differ };
        t.formal(FormalCommand::RecordHearingReport { id, report });
        if differ && rng.chance(0.4) {
            t.days(rng, 1, 3)?;
            let days = 7 + rng.below(8);
            let at = office_hours(rng, t.now, days);
            let id = rng.uuid();
            t.formal(FormalCommand::PlanHearing(HearingPlan {
                id,
                at,
                place: place.to_owned(),
                setting: HearingSetting::Separately,
                participants,
                round: 2,
                by_committee: committee,
                third_party_consent: false,
            }));
            t.to(at + SignedDuration::from_mins((45 + rng.below(180)) as i64))?;
            let text = fill(rng.pick(&REPORTS_SECOND_ROUND), &names);
            let report = HearingReport { held_on: date_in_amsterdam(at), text, accounts_differ: false };
            t.formal(FormalCommand::RecordHearingReport { id, report });
        }
    }
    let overall = Overall::of(&verdicts);
    if committee {
        let on = t.days(rng, 7, 21)?;
        let report = fill(if respondent.is_some() { COMMITTEE_REPORTS[0] } else { COMMITTEE_REPORTS[1] }, &names);
        t.formal(FormalCommand::RecordCommitteeAdvice { on, report, advice: overall.advice().to_owned() });
    }
    if let Some(days) = delay
        && !delay_before_hearing
    {
        linger(rng, t, days, due(&procedure))?;
    }
    t.days(rng, 1, 8)?;
    for ((part, id), verdict) in parts.iter().zip(ids).zip(&verdicts) {
        t.minutes(rng, 3, 25)?;
        t.formal(FormalCommand::JudgePart { id, judgment: judgment(rng, *verdict, part, department) });
    }
    let lesson = rng.chance(0.6);
    if lesson {
        t.minutes(rng, 5, 30)?;
        let (level, learner, text) = *rng.pick(&FORMAL_LESSONS);
        t.push(Command::RecordLesson(Lesson {
            id: rng.uuid(),
            level,
            learner,
            text: text.to_owned(),
            positive: false,
        }));
    }
    t.days(rng, 1, 5)?;
    let mut conclusions = overall.conclusion().to_owned();
    if overall != Overall::NoJudgment && unclear {
        conclusions.push_str(
            " Over een deel van de klacht geven wij geen oordeel, omdat de feiten niet vast te stellen zijn.",
        );
    }
    let follow_up = match overall {
        Overall::Founded | Overall::PartlyFounded if respondent.is_some() && rng.chance(0.4) => {
            "De teamleider bespreekt de klacht met de betrokken medewerker."
        }
        Overall::Founded | Overall::PartlyFounded => *rng.pick(&FOUNDED_FOLLOW_UPS),
        Overall::Unfounded | Overall::NoJudgment => *rng.pick(&UNFOUNDED_FOLLOW_UPS),
    };
    conclusions.push(' ');
    conclusions.push_str(&fill(follow_up, &names));
    let no_lesson_reason = (!lesson).then(|| (*rng.pick(&FORMAL_NO_LESSON)).to_owned());
    t.formal(FormalCommand::CloseJudged { conclusions, departure_reason: None, no_lesson_reason });

    // Step 3: within the year of Awb 9:24.
    if rng.chance(shares.ombudsman) {
        let on = t.days(rng, 14, 180)?;
        let reference = Some(format!("{}.{:05}", on.year(), rng.below(100_000)));
        t.formal(FormalCommand::RecordOmbudsmanRequest { ombudsman: DEFAULT_OMBUDSMAN.to_owned(), on, reference });
        let concluded_on = t.days(rng, 42, 270)?;
        let (outcome, recommendations, response) = *rng.pick(&OMBUDSMAN_CONCLUSIONS);
        t.formal(FormalCommand::RecordOmbudsmanConclusion(OmbudsmanConclusion {
            concluded_on,
            outcome: outcome.to_owned(),
            recommendations: recommendations.map(str::to_owned),
            response: response.to_owned(),
        }));
    }
    Some(())
}

/// `days` without progress; now and then the complainant first agrees in
/// writing to the longer wait (Awb 9:11 lid 3), which only counts when it
/// runs past the deadline `due`.
fn linger(rng: &mut Rng, t: &mut Timeline, days: u64, due: Option<Date>) -> Option<()> {
    if rng.chance(0.4) {
        let given_on = t.minutes(rng, 5, 60)?;
        let until = given_on.checked_add(((days + 14) as i64).days()).ok();
        if let Some(until) = until.filter(|until| due.is_some_and(|due| *until > due)) {
            let how = format!("E-mail van de klager van {}", LongDate(given_on));
            t.formal(FormalCommand::RecordConsent { until, given_on, how });
        }
    }
    t.days(rng, days, days).map(drop)
}

/// A part's judgment: the facts established and tested against one to
/// three of its norms, with an apology for a well-founded part; or, when the
/// facts cannot be established, "geen oordeel".
fn judgment(rng: &mut Rng, verdict: Verdict, part: &Part, department: &str) -> Judgment {
    if verdict == Verdict::NoJudgment {
        return Judgment {
            verdict,
            facts_established: false,
            lawfulness_tested: false,
            norms: Vec::new(),
            motivation: (*rng.pick(&UNCLEAR_MOTIVATIONS)).to_owned(),
            apology: None,
            compensation: None,
        };
    }
    let keep = 1 + rng.below(part.norms.len().min(3) as u64) as usize;
    let mut norms = part.norms.to_vec();
    while norms.len() > keep {
        norms.remove(rng.below(norms.len() as u64) as usize);
    }
    let well_founded = verdict == Verdict::WellFounded;
    let motivations: &[&str] = if well_founded { &WELL_FOUNDED_MOTIVATIONS } else { &UNFOUNDED_MOTIVATIONS };
    let department = [("{afdeling}", department)];
    Judgment {
        verdict,
        facts_established: true,
        lawfulness_tested: rng.chance(0.3),
        norms,
        motivation: fill(rng.pick(motivations), &department),
        apology: well_founded.then(|| fill(rng.pick(&APOLOGIES), &department)),
        compensation: (well_founded && rng.chance(0.15)).then(|| (*rng.pick(&COMPENSATIONS)).to_owned()),
    }
}

/// The judgment on the complaint as a whole, from its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overall {
    Founded,
    PartlyFounded,
    Unfounded,
    NoJudgment,
}

impl Overall {
    fn of(verdicts: &[Verdict]) -> Self {
        let count = |v: Verdict| verdicts.iter().filter(|x| **x == v).count();
        match (count(Verdict::WellFounded), count(Verdict::NoJudgment)) {
            (founded, _) if founded == verdicts.len() => Self::Founded,
            (founded, _) if founded > 0 => Self::PartlyFounded,
            (_, unclear) if unclear == verdicts.len() => Self::NoJudgment,
            _ => Self::Unfounded,
        }
    }

    const fn conclusion(self) -> &'static str {
        match self {
            Self::Founded => "Wij vinden de klacht gegrond.",
            Self::PartlyFounded => "Wij vinden de klacht deels gegrond.",
            Self::Unfounded => "Wij vinden de klacht ongegrond.",
            Self::NoJudgment => {
                "Wij kunnen over de klacht geen oordeel geven, omdat niet vast te stellen is wat er is gebeurd."
            }
        }
    }

    const fn advice(self) -> &'static str {
        match self {
            Self::Founded => "De commissie adviseert de klacht gegrond te verklaren en excuses aan te bieden.",
            Self::PartlyFounded => {
                "De commissie adviseert de klacht deels gegrond te verklaren, en excuses aan te bieden voor wat misging."
            }
            Self::Unfounded => "De commissie adviseert de klacht ongegrond te verklaren.",
            Self::NoJudgment => {
                "De commissie adviseert geen oordeel te geven, omdat de feiten niet vast te stellen zijn."
            }
        }
    }
}

/// A text with its placeholders filled in.
fn fill(template: impl AsRef<str>, values: &[(&str, &str)]) -> String {
    let mut text = template.as_ref().to_owned();
    for (key, value) in values {
        if text.contains(key) {
            text = text.replace(key, value);
        }
    }
    text
}

/// How often the employee takes the dissatisfaction away in the contact
/// itself (ladder step 1), by channel. Overall about one in five.
const fn solved_share(channel: Channel) -> f64 {
    match channel {
        Channel::Phone => 0.50,
        Channel::Counter => 0.55,
        Channel::SocialMedia => 0.35,
        Channel::Email => 0.30,
        Channel::Survey => 0.15,
        Channel::OwnSignal => 0.10,
        Channel::Letter => 0.08,
        _ => 0.0,
    }
}

/// Older open cases are more likely to have a handler by now.
fn take_into_handling(
    rng: &mut Rng,
    received_at: Timestamp,
    end: Timestamp,
    handlers: &[Person],
) -> Option<(Actor, Timestamp)> {
    let age_days = end.duration_since(received_at).as_hours() / 24;
    let share = match age_days {
        91.. => 1.0,
        22..=90 => 0.7,
        6..=21 => 0.45,
        _ => 0.15,
    };
    if !rng.chance(share) {
        return None;
    }
    let minutes = match rng.below(100) {
        0..50 => 60 + rng.below(23 * 60),
        50..85 => 24 * 60 + rng.below(4 * 24 * 60),
        _ => 5 * 24 * 60 + rng.below(15 * 24 * 60),
    };
    let at = received_at + SignedDuration::from_mins(minutes as i64);
    (at < end).then(|| (rng.weighted_person(handlers).actor.clone(), at))
}

/// Who complains, and the street they live in (which the complaint may be
/// about even when the address itself is not given).
fn complainant(rng: &mut Rng, channel: Channel) -> (Complainant, &'static str) {
    let (p_name, p_email, p_phone, p_address) = match channel {
        Channel::WebForm => (0.92, 0.85, 0.55, 0.35),
        Channel::Api => (0.85, 0.6, 0.5, 0.4),
        Channel::Phone => (0.85, 0.25, 0.8, 0.2),
        Channel::Counter => (0.8, 0.2, 0.5, 0.4),
        Channel::Letter => (0.97, 0.1, 0.3, 0.92),
        Channel::Email => (0.9, 1.0, 0.3, 0.2),
        Channel::SocialMedia => (0.6, 0.2, 0.1, 0.05),
        Channel::Survey => (0.4, 0.5, 0.2, 0.1),
        Channel::OtherOrganisation | Channel::Ombudsman => (0.98, 0.5, 0.5, 0.8),
        Channel::OwnSignal => (0.5, 0.2, 0.3, 0.3),
    };
    let first = *rng.pick(&FIRST_NAMES);
    let last = *rng.pick(&LAST_NAMES);
    let name = rng.chance(p_name).then(|| format!("{first} {last}"));
    let email = rng.chance(p_email).then(|| email_address(rng, first, last));
    let phone = rng.chance(p_phone).then(|| phone_number(rng));
    let street = *rng.pick(&STREETS);
    let address = rng.chance(p_address).then(|| postal_address(rng, street));
    let mut preferences = vec![ContactPreference::NoPreference, ContactPreference::NoPreference];
    if email.is_some() {
        preferences.push(ContactPreference::Email);
    }
    if phone.is_some() {
        preferences.push(ContactPreference::Phone);
    }
    if address.is_some() {
        preferences.push(ContactPreference::Letter);
    }
    let contact_preference = *rng.pick(&preferences);
    let needs = rng.chance(0.04).then(|| (*rng.pick(&NEEDS)).to_owned());
    let representative = rng.chance(0.02).then(|| {
        let role = rng.pick(&["Zoon", "Dochter", "Bewindvoerder", "Buurvrouw", "Mantelzorger"]);
        format!("{role}: {} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES))
    });
    (Complainant { name, email, phone, address, contact_preference, needs, representative, call_back: None }, street)
}

fn email_address(rng: &mut Rng, first: &str, last: &str) -> String {
    let local: String = match rng.below(3) {
        0 => format!("{first}.{last}"),
        1 => format!("{}{last}", first.chars().next().unwrap_or('x')),
        _ => format!("{first}{}", 1950 + rng.below(56)),
    };
    let local: String = local.chars().filter_map(ascii_fold).collect();
    // Domains reserved for examples (RFC 2606): nobody real gets demo mail.
    format!("{local}@{}", rng.pick(&["example.com", "example.net", "example.org", "mail.example"]))
}

/// Lowercase ASCII for an e-mail address; spaces and apostrophes disappear.
fn ascii_fold(c: char) -> Option<char> {
    let folded = match c {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ï' | 'ı' | 'İ' => 'i',
        'ó' | 'ö' | 'ô' => 'o',
        'ú' | 'ü' | 'û' => 'u',
        'ç' => 'c',
        'ş' => 's',
        'ğ' => 'g',
        'ł' => 'l',
        'ń' => 'n',
        'ś' => 's',
        'ż' | 'ź' => 'z',
        '.' => '.',
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
        _ => return None,
    };
    Some(folded)
}

fn phone_number(rng: &mut Rng) -> String {
    let mobile = rng.below(100_000_000);
    match rng.below(5) {
        0 => format!("06-{mobile:08}"),
        1 => format!("06 {mobile:08}"),
        2 => format!("+31 6 {mobile:08}"),
        3 => format!(
            "06 {:02} {:02} {:02} {:02}",
            mobile / 1_000_000,
            mobile / 10_000 % 100,
            mobile / 100 % 100,
            mobile % 100
        ),
        _ => format!("{} {:07}", rng.pick(&["010", "020", "030", "038", "050", "073"]), rng.below(10_000_000)),
    }
}

fn postal_address(rng: &mut Rng, street: &str) -> String {
    const LETTERS: &[u8] = b"ABCDEGHJKLMNPRTVWXZ";
    let letter = |rng: &mut Rng| char::from(LETTERS[rng.below(LETTERS.len() as u64) as usize]);
    let number = 1 + rng.below(180);
    let suffix = match rng.below(10) {
        0 => "A",
        1 => "-2",
        2 => " bis",
        _ => "",
    };
    format!("{street} {number}{suffix}, {} {}{} {}", 8000 + rng.below(100), letter(rng), letter(rng), rng.pick(&PLACES))
}

fn licence_plate(rng: &mut Rng) -> String {
    const LETTERS: &[u8] = b"BDFGHJKLNPRSTVXZ";
    let mut letter = || char::from(LETTERS[rng.below(LETTERS.len() as u64) as usize]);
    let (a, b, c) = (letter(), letter(), letter());
    format!("{a}{b}-{:03}-{c}", rng.below(1000))
}

/// Euros in Dutch notation: € 1.245,50.
fn euros(cents: u64) -> String {
    let whole = cents / 100;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(".{tail}{grouped}");
    }
    format!("€ {digits}{grouped},{:02}", cents % 100)
}

/// When the conduct happened, as the complainant would say it on the day of
/// receipt.
fn when(rng: &mut Rng, received: Date, conduct: Option<Date>) -> String {
    let Some(conduct) = conduct else {
        return (*rng.pick(&["laatst", "een tijd geleden", "al een paar keer", "onlangs"])).to_owned();
    };
    let days = (received - conduct).get_days();
    let month = month_name(conduct.month());
    match days {
        0 => "vandaag".to_owned(),
        1 => "gisteren".to_owned(),
        2..=6 => format!("afgelopen {}", weekday_name(conduct.weekday())),
        _ if conduct.year() == received.year() => format!("op {} {month}", conduct.day()),
        _ => format!("op {} {month} {}", conduct.day(), conduct.year()),
    }
}

/// The citizen's words: a theme's template with its details filled in, now
/// and then another sentence, and for letters and e-mails a closing.
fn describe(
    rng: &mut Rng,
    theme: &Theme,
    channel: Channel,
    complainant: &Complainant,
    street: &str,
    received: Date,
    conduct: Option<Date>,
) -> (String, usize) {
    // The same draw as `rng.pick`, keeping the index for the complaint part.
    let index = rng.below(theme.complaints.len() as u64) as usize;
    let template = theme.complaints[index];
    let weeks = *rng.pick(&["twee", "drie", "vier", "vijf", "zes", "acht"]);
    let (low, high) = theme.amounts;
    let amount = euros(low + rng.below(high - low));
    let day = weekday_name(received.checked_sub((1 + rng.below(6) as i64).days()).unwrap_or(received).weekday());
    let area_code = *rng.pick(&["38", "33", "50", "73", "20"]);
    let mut text = template
        .replace("{wanneer}", &when(rng, received, conduct))
        .replace("{weken}", weeks)
        .replace("{bedrag}", &amount)
        .replace("{straat}", street)
        .replace("{dag}", day)
        .replace("{kenteken}", &licence_plate(rng))
        .replace("{netnummer}", area_code);
    if channel == Channel::SocialMedia {
        // A post is short: the first two sentences.
        let cut = text.match_indices(". ").nth(1).map(|(i, _)| i + 1);
        if let Some(cut) = cut {
            text.truncate(cut);
        }
        return (text, index);
    }
    let extras = match rng.below(10) {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    };
    for _ in 0..extras {
        let extra = rng.pick(&EXTRA_SENTENCES);
        if !text.contains(extra) {
            text.push(' ');
            text.push_str(extra);
        }
    }
    match channel {
        Channel::Phone | Channel::Counter if rng.chance(0.35) => {
            let _ = write!(text, "\n\n{}", rng.pick(&CONVERSATION_NOTES));
        }
        Channel::Letter | Channel::Email => {
            if let Some(name) = &complainant.name
                && rng.chance(0.6)
            {
                let _ = write!(text, "\n\nMet vriendelijke groet,\n{name}");
            }
        }
        _ => {}
    }
    (text, index)
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and good enough for
/// synthetic data. Each case gets its own stream, so a case does not change
/// when the batch size does.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn for_case(seed: u64, index: u64) -> Self {
        let mut seeder = Self(seed);
        let base = seeder.next_u64();
        let mut rng = Self(base ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        rng
    }

    const fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is negligible here).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn weighted<'a, T: Weighted>(&mut self, items: &'a [T]) -> &'a T {
        let total: u64 = items.iter().map(|i| u64::from(i.weight())).sum();
        let mut roll = self.below(total);
        for item in items {
            let w = u64::from(item.weight());
            if roll < w {
                return item;
            }
            roll -= w;
        }
        &items[items.len() - 1]
    }

    fn weighted_person<'a>(&mut self, people: &'a [Person]) -> &'a Person {
        self.weighted(people)
    }

    fn uuid(&mut self) -> Uuid {
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    fn bytes10(&mut self) -> [u8; 10] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }
}

trait Weighted {
    fn weight(&self) -> u32;
}

impl Weighted for Person {
    fn weight(&self) -> u32 {
        self.weight
    }
}

/// A channel and how many of every thousand complaints come through it.
#[derive(Debug)]
struct ChannelWeight(Channel, u32);

impl Weighted for ChannelWeight {
    fn weight(&self) -> u32 {
        self.1
    }
}

const CHANNELS: [ChannelWeight; 11] = [
    ChannelWeight(Channel::WebForm, 300),
    ChannelWeight(Channel::Phone, 240),
    ChannelWeight(Channel::Email, 120),
    ChannelWeight(Channel::Counter, 80),
    ChannelWeight(Channel::Letter, 70),
    ChannelWeight(Channel::Api, 60),
    ChannelWeight(Channel::SocialMedia, 40),
    ChannelWeight(Channel::Survey, 30),
    ChannelWeight(Channel::OwnSignal, 25),
    ChannelWeight(Channel::OtherOrganisation, 20),
    ChannelWeight(Channel::Ombudsman, 15),
];

/// What a complaint is about: the department, the citizen's words, what an
/// employee did to solve it in the contact, and who was involved.
#[derive(Debug)]
struct Theme {
    department: &'static str,
    weight: u32,
    complaints: &'static [&'static str],
    /// For each complaint text, the part a handler would judge it by.
    parts: &'static [Part],
    solved: &'static [&'static str],
    involved: &'static [&'static str],
    /// The range of amounts (in cents) the complaints mention.
    amounts: (u64, u64),
}

/// A complaint part as a handler words it, with the norms it is tested
/// against, the most fitting first.
#[derive(Debug)]
struct Part {
    description: &'static str,
    norms: &'static [Norm],
}

impl Weighted for Theme {
    fn weight(&self) -> u32 {
        self.weight
    }
}

/// The demo organisation's complaint categories: subjects across
/// departments, as a municipality would list them.
pub const CATEGORIES: [&str; 6] = [
    "Bejegening",
    "Uitleg en informatie",
    "Geld en betalingen",
    "Snelheid en termijnen",
    "Bereikbaarheid en afspraken",
    "Overig",
];

/// The category a handler would choose for a complaint text: the first
/// subject whose words it uses. Deterministic, so the demo's random streams
/// stay as they were.
fn category_of(description: &str) -> &'static str {
    let text = description.to_lowercase();
    let words: [(&[&str], &str); 5] = [
        (&["onbeschoft", "respect", "serieus", "uitgelachen", "toon"], CATEGORIES[0]),
        (&["begrijp", "uitleg", "onduidelijk", "waarom"], CATEGORIES[1]),
        (&["betal", "geld", "bedrag", "boete", "rekening"], CATEGORIES[2]),
        (&["te laat", "wachten", "weken", "niets gehoord", "nog steeds"], CATEGORIES[3]),
        (&["bel", "telefoon", "bereik", "afspraak"], CATEGORIES[4]),
    ];
    words.iter().find(|(keys, _)| keys.iter().any(|k| text.contains(k))).map_or(CATEGORIES[5], |(_, c)| c)
}

const THEMES: [Theme; 9] = [
    Theme {
        department: "Werk en Inkomen",
        weight: 16,
        complaints: &[
            "Mijn bijstandsuitkering is deze maand weer te laat betaald. Ik moest {wanneer} mijn huur betalen en had geen geld. Nu krijg ik een boete van de verhuurder. Dit is al de tweede keer dit jaar.",
            "Ik heb {weken} weken geleden bijzondere bijstand aangevraagd voor een nieuwe koelkast. Ik heb nog steeds niets gehoord. Als ik bel, zeggen ze dat de aanvraag in behandeling is. Niemand kan mij vertellen hoe lang het nog duurt.",
            "Ik moet {bedrag} terugbetalen, maar ik begrijp niet waarom. In de brief staat alleen een wetsartikel. Ik heb om uitleg gevraagd, maar ik kreeg geen antwoord.",
            "Mijn consulent heeft {wanneer} onze afspraak afgezegd zonder mij te bellen. Ik had er speciaal vrij voor genomen. Nu moet ik weer {weken} weken wachten op een nieuwe afspraak.",
            "Er is {bedrag} te weinig op mijn rekening gestort. Ik heb mijn loonstroken op tijd ingeleverd. Toch is er geld ingehouden. Ik kan mijn rekeningen nu niet betalen.",
            "Ik moest voor de derde keer dezelfde papieren inleveren. Elke keer zegt de gemeente dat er iets kwijt is. Ik voel me niet serieus genomen.",
        ],
        parts: &[
            Part {
                description: "De bijstandsuitkering is te laat betaald.",
                norms: &[Norm::Promptness, Norm::Reliability, Norm::Organisation],
            },
            Part {
                description: "Over de aanvraag voor bijzondere bijstand is niet op tijd beslist, en niemand kon zeggen hoe lang het nog duurt.",
                norms: &[Norm::Promptness, Norm::Information, Norm::Reliability],
            },
            Part {
                description: "De brief over de terugvordering legt niet uit waarom de klager moet terugbetalen.",
                norms: &[Norm::Reasoning, Norm::Information, Norm::Transparency],
            },
            Part {
                description: "De consulent heeft de afspraak afgezegd zonder de klager te bellen.",
                norms: &[Norm::Reliability, Norm::DecentTreatment, Norm::Professionalism],
            },
            Part {
                description: "Er is geld ingehouden op de uitkering, hoewel de loonstroken op tijd waren ingeleverd.",
                norms: &[Norm::Preparation, Norm::Reliability, Norm::Reasoning],
            },
            Part {
                description: "De klager moest dezelfde papieren steeds opnieuw inleveren.",
                norms: &[Norm::Organisation, Norm::Listening, Norm::Cooperation],
            },
        ],
        solved: &[
            "Uitgelegd waarom de betaling later was. Toegezegd dat het bedrag binnen twee werkdagen op de rekening staat.",
            "Contact gehad met de consulent. Er is meteen een nieuwe afspraak gemaakt.",
            "De berekening van de terugvordering samen doorgenomen en uitgelegd.",
            "Excuses gemaakt. De papieren zijn teruggevonden en de aanvraag wordt weer behandeld.",
        ],
        involved: &[
            "consulent werk en inkomen",
            "medewerker uitkeringsadministratie",
            "inkomensconsulent (naam onbekend)",
        ],
        amounts: (4_500, 250_000),
    },
    Theme {
        department: "Burgerzaken",
        weight: 14,
        complaints: &[
            "Ik kwam {wanneer} aan de balie om mijn paspoort op te halen. De medewerker was erg onvriendelijk. Hij zei dat ik de brief maar beter had moeten lezen. Ik voelde me dom behandeld waar andere mensen bij stonden.",
            "Ik had een afspraak om 10.00 uur voor een nieuwe identiteitskaart. Ik heb meer dan een uur moeten wachten. Niemand vertelde waarom. Daardoor kwam ik te laat op mijn werk.",
            "Mijn adres staat nog steeds verkeerd bij de gemeente. Ik heb mijn verhuizing {weken} weken geleden doorgegeven. Nu komt post van de gemeente nog op mijn oude adres.",
            "Ik kan online al {weken} weken geen afspraak maken voor een rijbewijs. Er is nooit plek. Mijn rijbewijs verloopt binnenkort en ik heb het nodig voor mijn werk.",
            "Aan de balie moest ik {bedrag} betalen voor een paar uittreksels. Op de website staat een lager bedrag. De medewerker wilde dit niet uitleggen.",
            "Mijn moeder is overleden. Ik heb dit gemeld, maar zij krijgt nog steeds brieven van de gemeente. Dat doet veel pijn. Ik wil dat dit stopt.",
        ],
        parts: &[
            Part {
                description: "De baliemedewerker was onvriendelijk en sprak de klager toe waar anderen bij stonden.",
                norms: &[Norm::DecentTreatment, Norm::Professionalism, Norm::Listening],
            },
            Part {
                description: "De klager moest meer dan een uur wachten op de afspraak, zonder uitleg.",
                norms: &[Norm::Promptness, Norm::Information, Norm::Organisation],
            },
            Part {
                description: "De verhuizing is niet op tijd verwerkt in de basisregistratie.",
                norms: &[Norm::Promptness, Norm::Reliability, Norm::Organisation],
            },
            Part {
                description: "Er is al weken online geen afspraak te maken voor een rijbewijs.",
                norms: &[Norm::Organisation, Norm::TailorMade, Norm::Accommodating],
            },
            Part {
                description: "Aan de balie is meer gerekend dan op de website staat, en de medewerker legde het verschil niet uit.",
                norms: &[Norm::Transparency, Norm::Reasoning, Norm::Information],
            },
            Part {
                description: "Na de melding van het overlijden stuurt de gemeente nog brieven aan de overledene.",
                norms: &[Norm::SpecialCare, Norm::Organisation, Norm::Reliability],
            },
        ],
        solved: &[
            "Excuses gemaakt voor de behandeling aan de balie. Een gesprek met de teamleider aangeboden.",
            "Meteen een nieuwe afspraak gemaakt op een rustig moment.",
            "Het adres gecontroleerd en aangepast in de basisregistratie.",
            "Uitgelegd hoe de tarieven zijn opgebouwd. Het verschil wordt terugbetaald.",
        ],
        involved: &[
            "baliemedewerker burgerzaken",
            "medewerker publiekszaken (ochtenddienst)",
            "baliemedewerker, man met bril",
        ],
        amounts: (1_550, 14_500),
    },
    Theme {
        department: "Belastingen",
        weight: 12,
        complaints: &[
            "Ik heb {wanneer} bezwaar gemaakt tegen de WOZ-waarde van mijn huis. Ik heb nog steeds geen reactie. Op de website staat dat ik binnen zes weken antwoord krijg.",
            "De aanslag gemeentelijke belastingen is twee keer van mijn rekening afgeschreven. Samen is dat {bedrag}. Ik wil dit geld snel terug.",
            "Mijn verzoek om kwijtschelding is afgewezen. In de brief staat niet waarom. Ik heb een laag inkomen en kan dit niet betalen.",
            "Ik kreeg een aanmaning, maar ik heb de aanslag gewoon op tijd betaald. Nu moet ik ook nog {bedrag} extra kosten betalen. Dat vind ik niet eerlijk.",
            "Ik betaal afvalstoffenheffing voor vier personen, maar ik woon alleen. Ik heb dit al twee keer doorgegeven.",
        ],
        parts: &[
            Part {
                description: "Het bezwaar tegen de WOZ-waarde is niet binnen de termijn behandeld.",
                norms: &[Norm::Promptness, Norm::Reliability, Norm::Information],
            },
            Part {
                description: "De aanslag is twee keer afgeschreven en het geld is nog niet terugbetaald.",
                norms: &[Norm::Organisation, Norm::Accommodating, Norm::Promptness],
            },
            Part {
                description: "In de afwijzing van de kwijtschelding staat niet waarom het verzoek is afgewezen.",
                norms: &[Norm::Reasoning, Norm::Transparency],
            },
            Part {
                description: "De klager kreeg een aanmaning met extra kosten, terwijl de aanslag op tijd was betaald.",
                norms: &[Norm::Preparation, Norm::Reasonableness, Norm::Accommodating],
            },
            Part {
                description: "De afvalstoffenheffing is niet aangepast, hoewel de klager twee keer doorgaf alleen te wonen.",
                norms: &[Norm::Listening, Norm::Reliability, Norm::Organisation],
            },
        ],
        solved: &[
            "De dubbele afschrijving gecontroleerd. Het bedrag wordt binnen vijf werkdagen teruggestort.",
            "Uitgelegd waarom de kwijtschelding is afgewezen en hoe bezwaar maken werkt.",
            "De aanmaning ingetrokken. De extra kosten vervallen.",
            "Het aantal personen aangepast. Er komt een nieuwe aanslag.",
        ],
        involved: &["medewerker belastingen", "afdeling heffingen en invordering"],
        amounts: (4_800, 150_000),
    },
    Theme {
        department: "Afval en Reiniging",
        weight: 14,
        complaints: &[
            "De groene container in de {straat} is al {weken} weken niet geleegd. Het stinkt en er zitten maden in. Ik heb het al twee keer gemeld in de app.",
            "Ik had een afspraak om op {dag} grofvuil op te laten halen. Er is niemand gekomen. Ik had alles buiten gezet en nu ligt het nog steeds op de stoep.",
            "Mijn pasje voor de ondergrondse container werkt niet meer. Ik moet mijn afval nu bij de buren brengen. Ik heb {wanneer} een nieuw pasje aangevraagd, maar ik heb nog niets gekregen.",
            "De vuilniswagen raakt elke week de auto's in onze straat. Mijn auto heeft schade. De chauffeur reed gewoon door.",
            "Rond de containers in de {straat} ligt al weken afval. Er lopen ratten. Kinderen spelen daar. Waarom ruimt niemand dit op?",
            "De medewerker van de milieustraat was {wanneer} erg onbeleefd tegen mij. Ik mocht mijn afval niet kwijt en hij begon te schreeuwen.",
        ],
        parts: &[
            Part {
                description: "De groene container is weken niet geleegd, ook niet na meldingen in de app.",
                norms: &[Norm::Reliability, Norm::Promptness, Norm::Listening],
            },
            Part {
                description: "De afspraak om grofvuil op te halen is niet nagekomen.",
                norms: &[Norm::Reliability, Norm::Information],
            },
            Part {
                description: "De klager wacht al lang op een nieuw pasje voor de ondergrondse container.",
                norms: &[Norm::Promptness, Norm::TailorMade, Norm::Information],
            },
            Part {
                description: "De chauffeur van de vuilniswagen reed door na schade aan een geparkeerde auto.",
                norms: &[Norm::Professionalism, Norm::Integrity, Norm::Accommodating],
            },
            Part {
                description: "Het afval rond de containers is weken blijven liggen, ook toen er ratten kwamen.",
                norms: &[Norm::Promptness, Norm::Cooperation, Norm::Reliability],
            },
            Part {
                description: "De medewerker van de milieustraat schreeuwde tegen de klager.",
                norms: &[Norm::DecentTreatment, Norm::DeEscalation, Norm::Professionalism],
            },
        ],
        solved: &[
            "Een extra ophaalronde ingepland voor deze week.",
            "Een nieuwe afspraak voor grofvuil gemaakt en excuses gemaakt.",
            "Met spoed een nieuw pasje aangevraagd. Tot die tijd kan meneer of mevrouw een tijdelijk pasje ophalen.",
            "De melding doorgezet naar de buitendienst. Het afval wordt morgen opgeruimd.",
        ],
        involved: &["chauffeur vuilniswagen", "medewerker milieustraat", "buitendienst reiniging"],
        amounts: (2_500, 20_000),
    },
    Theme {
        department: "Parkeren",
        weight: 10,
        complaints: &[
            "Ik kreeg {wanneer} een parkeerboete van {bedrag}, maar ik had betaald met de app. Ik heb het bewijs. Toch is mijn bezwaar afgewezen.",
            "Mijn bezoekersvergunning werkt niet. Mijn moeder kwam op bezoek en kreeg een boete. Ik had de storing al eerder gemeld.",
            "Ik heb een gehandicaptenparkeerkaart aangevraagd. Dat is nu {weken} weken geleden. Ik kan niet ver lopen en heb de kaart echt nodig.",
            "Mijn auto met kenteken {kenteken} is {wanneer} weggesleept, maar er stond geen bord. Ik moest {bedrag} betalen om hem terug te krijgen.",
            "De handhaver was erg onbeschoft toen ik vroeg waarom ik een boete kreeg. Hij liep weg terwijl ik nog aan het praten was.",
        ],
        parts: &[
            Part {
                description: "De parkeerboete bleef staan, hoewel de klager kon laten zien dat er met de app was betaald.",
                norms: &[Norm::Preparation, Norm::Reasonableness, Norm::Listening],
            },
            Part {
                description: "De storing in de bezoekersvergunning is niet verholpen, waardoor bezoek een boete kreeg.",
                norms: &[Norm::Reliability, Norm::Accommodating, Norm::Organisation],
            },
            Part {
                description: "Over de aanvraag voor een gehandicaptenparkeerkaart is na weken nog niet beslist.",
                norms: &[Norm::Promptness, Norm::SpecialCare, Norm::Information],
            },
            Part {
                description: "De auto is weggesleept terwijl er geen bord stond.",
                norms: &[Norm::Proportionality, Norm::Transparency, Norm::Reasonableness],
            },
            Part {
                description: "De handhaver was onbeschoft en liep weg tijdens het gesprek.",
                norms: &[Norm::DecentTreatment, Norm::Listening, Norm::DeEscalation],
            },
        ],
        solved: &[
            "De boete gecontroleerd en ingetrokken. De betaling in de app was in orde.",
            "De storing van de bezoekersvergunning verholpen. De boete wordt opnieuw bekeken.",
            "Uitgelegd hoe bezwaar maken werkt en het formulier toegestuurd.",
            "De aanvraag nagevraagd. De kaart wordt deze week verstuurd.",
        ],
        involved: &["handhaver parkeren", "medewerker parkeerbeheer", "handhaver (dienstnummer onbekend)"],
        amounts: (7_000, 42_000),
    },
    Theme {
        department: "Vergunningen",
        weight: 8,
        complaints: &[
            "Ik heb {wanneer} een omgevingsvergunning aangevraagd voor een dakkapel. De termijn is allang voorbij. Niemand laat iets van zich horen.",
            "Mijn buren bouwen een grote schuur in hun tuin. Ik heb de gemeente {weken} weken geleden gevraagd of daar een vergunning voor is. Ik krijg geen antwoord.",
            "Onze vergunning voor het buurtfeest is te laat beoordeeld. Daardoor kon het feest niet doorgaan. Al het werk was voor niets.",
            "Ik moest {bedrag} leges betalen voor mijn aanvraag. Daarna hoorde ik dat ik helemaal geen vergunning nodig had. Niemand heeft mij dat eerder verteld.",
        ],
        parts: &[
            Part {
                description: "Over de aanvraag voor een omgevingsvergunning is niet op tijd beslist, en niemand liet iets horen.",
                norms: &[Norm::Promptness, Norm::Information, Norm::Reliability],
            },
            Part {
                description: "De vraag of de buren een vergunning hebben voor hun schuur is niet beantwoord.",
                norms: &[Norm::Listening, Norm::Promptness, Norm::Information],
            },
            Part {
                description: "De vergunning voor het buurtfeest is te laat beoordeeld.",
                norms: &[Norm::Promptness, Norm::Preparation, Norm::Organisation],
            },
            Part {
                description: "Niemand vertelde de klager dat er geen vergunning nodig was; toch zijn leges betaald.",
                norms: &[Norm::Information, Norm::Accommodating, Norm::Professionalism],
            },
        ],
        solved: &[
            "Uitgezocht hoe het ervoor staat en dat uitgelegd. De beslissing volgt binnen twee weken.",
            "Doorverbonden met de behandelaar, die de vragen meteen heeft beantwoord.",
            "Uitgelegd welke regels gelden. Toegezegd dat een toezichthouder gaat kijken.",
        ],
        involved: &["behandelaar omgevingsvergunningen", "medewerker vergunningen", "toezichthouder bouwen"],
        amounts: (15_000, 250_000),
    },
    Theme {
        department: "Jeugd en Zorg",
        weight: 12,
        complaints: &[
            "Ik heb {wanneer} hulp in de huishouding aangevraagd via de Wmo. Er is nog steeds geen gesprek geweest. Door mijn rug kan ik het huis niet meer schoonhouden.",
            "Mijn zoon staat al {weken} weken op een wachtlijst voor jeugdhulp. Het gaat steeds slechter met hem. Niemand belt ons terug.",
            "De taxi voor mijn vader kwam {wanneer} meer dan een uur te laat. Daardoor miste hij zijn afspraak in het ziekenhuis. Dit gebeurt steeds vaker.",
            "Tijdens het keukentafelgesprek luisterde de consulent niet naar mij. Ze had haar mening al klaar. In het verslag staan dingen die ik niet gezegd heb.",
            "Mijn begeleiding is gestopt zonder dat iemand mij dat vertelde. Ik hoorde het van de zorgaanbieder.",
            "Mijn dochter heeft een rolstoel nodig. De aanvraag ligt al maanden bij de gemeente. Steeds moet ik opnieuw uitleggen wat er aan de hand is.",
        ],
        parts: &[
            Part {
                description: "Na de aanvraag voor hulp in de huishouding is nog steeds geen gesprek geweest.",
                norms: &[Norm::Promptness, Norm::SpecialCare, Norm::Reliability],
            },
            Part {
                description: "Tijdens de wachttijd voor jeugdhulp belt niemand het gezin terug.",
                norms: &[Norm::SpecialCare, Norm::Information, Norm::Cooperation],
            },
            Part {
                description: "De taxi kwam meer dan een uur te laat, waardoor een afspraak in het ziekenhuis werd gemist.",
                norms: &[Norm::Reliability, Norm::Cooperation, Norm::SpecialCare],
            },
            Part {
                description: "De consulent luisterde niet, en in het verslag staan dingen die de klager niet heeft gezegd.",
                norms: &[Norm::Listening, Norm::Impartiality, Norm::Preparation],
            },
            Part {
                description: "De begeleiding is gestopt zonder dat de gemeente dat liet weten.",
                norms: &[Norm::Information, Norm::Transparency, Norm::Cooperation],
            },
            Part {
                description: "De aanvraag voor een rolstoel ligt al maanden, en de klager moet steeds opnieuw uitleggen wat er speelt.",
                norms: &[Norm::Promptness, Norm::Organisation, Norm::TailorMade],
            },
        ],
        solved: &[
            "Excuses gemaakt. Het keukentafelgesprek is ingepland voor volgende week.",
            "Contact opgenomen met het wijkteam. De consulent belt vandaag terug.",
            "De klacht over het vervoer doorgegeven aan de vervoerder. Een vergoeding toegezegd.",
            "Uitgelegd waarom de begeleiding is gestopt en een nieuwe aanvraag in gang gezet.",
        ],
        involved: &["Wmo-consulent", "medewerker wijkteam", "jeugdconsulent", "vervoerder (taxi)"],
        amounts: (2_000, 50_000),
    },
    Theme {
        department: "Klantcontactcentrum",
        weight: 10,
        complaints: &[
            "Ik heb {wanneer} een e-mail gestuurd met een vraag. Na {weken} weken heb ik nog steeds geen antwoord. Ik kreeg zelfs geen bevestiging dat mijn e-mail is aangekomen.",
            "Ik bel al dagen naar 14 0{netnummer}. Elke keer sta ik meer dan een half uur in de wacht en dan wordt de verbinding verbroken.",
            "Er is mij {wanneer} beloofd dat ik teruggebeld zou worden. Dat is niet gebeurd. Ik heb drie keer gebeld en elke keer moest ik mijn verhaal opnieuw vertellen.",
            "Ik werd vier keer doorverbonden en kwam steeds bij de verkeerde afdeling uit. Uiteindelijk hing iemand gewoon op.",
            "De medewerker aan de telefoon was kortaf. Ze zei dat ik het zelf maar op de website moest opzoeken. Ik heb geen computer.",
        ],
        parts: &[
            Part {
                description: "Een e-mail met een vraag is na weken niet beantwoord, en er kwam ook geen ontvangstbevestiging.",
                norms: &[Norm::Promptness, Norm::Information, Norm::Organisation],
            },
            Part {
                description: "De klager kon de gemeente telefonisch niet bereiken; de verbinding werd steeds verbroken.",
                norms: &[Norm::Organisation, Norm::Accommodating],
            },
            Part {
                description: "De klager is niet teruggebeld, terwijl dat wel was beloofd.",
                norms: &[Norm::Reliability, Norm::Organisation, Norm::Cooperation],
            },
            Part {
                description: "De klager werd steeds doorverbonden, en uiteindelijk hing iemand op.",
                norms: &[Norm::DecentTreatment, Norm::Cooperation, Norm::Professionalism],
            },
            Part {
                description: "De medewerker verwees de klager kortaf naar de website, terwijl de klager geen computer heeft.",
                norms: &[Norm::TailorMade, Norm::DecentTreatment, Norm::SpecialCare],
            },
        ],
        solved: &[
            "De vraag meteen beantwoord en excuses gemaakt voor de late reactie.",
            "Een terugbelafspraak gemaakt met de juiste afdeling, voor vandaag.",
            "Uitgelegd hoe het werkt en het formulier op papier opgestuurd.",
            "Excuses gemaakt. De vraag is doorgezet; binnen twee dagen komt er antwoord.",
        ],
        involved: &["medewerker KCC", "telefonist (middagdienst)", "medewerker klantcontact"],
        amounts: (1_000, 10_000),
    },
    Theme {
        department: "Openbare Ruimte",
        weight: 8,
        complaints: &[
            "De lantaarnpaal in de {straat} is al {weken} weken kapot. Het is 's avonds erg donker. Ik durf daar niet meer alleen te lopen.",
            "Er zit een groot gat in de weg in de {straat}. Ik ben daar {wanneer} met mijn fiets gevallen. Ik had het gat al eerder gemeld, maar er is niets mee gedaan.",
            "De gemeente heeft de boom voor mijn huis gekapt zonder iets te laten weten. Ik kreeg geen brief en geen uitleg.",
            "De stoep in de {straat} ligt al maanden open. Met mijn rollator kan ik er niet langs. Ik moet nu over de weg lopen.",
        ],
        parts: &[
            Part {
                description: "De kapotte lantaarnpaal is na weken nog niet gerepareerd.",
                norms: &[Norm::Promptness, Norm::Reliability],
            },
            Part {
                description: "Een gemeld gat in de weg is niet gerepareerd, waarna de klager met de fiets viel.",
                norms: &[Norm::Reliability, Norm::Accommodating, Norm::Listening],
            },
            Part {
                description: "De boom voor het huis is gekapt zonder bericht aan de bewoners.",
                norms: &[Norm::Information, Norm::Transparency, Norm::Participation],
            },
            Part {
                description: "De stoep ligt al maanden open en is met een rollator niet begaanbaar.",
                norms: &[Norm::SpecialCare, Norm::Proportionality, Norm::Organisation],
            },
        ],
        solved: &[
            "De melding opnieuw uitgezet bij de buitendienst, met spoed.",
            "Uitgelegd waarom de boom is gekapt en wanneer er een nieuwe boom komt.",
            "De aannemer gebeld. De stoep is deze week weer begaanbaar.",
        ],
        involved: &["buitendienst", "medewerker wegbeheer", "aannemer in opdracht van de gemeente"],
        amounts: (5_000, 80_000),
    },
];

const EXTRA_SENTENCES: [&str; 12] = [
    "Ik heb hier al eerder over gebeld, maar er is niets gebeurd.",
    "Ik voel me niet serieus genomen door de gemeente.",
    "Ik wil graag dat iemand mij hierover belt.",
    "Kunt u mij laten weten wat er nu gaat gebeuren?",
    "Dit geeft veel stress in ons gezin.",
    "Ik verwacht excuses en een oplossing.",
    "Mijn buren hebben hetzelfde probleem.",
    "Ik hoop dat dit niet nog een keer gebeurt.",
    "Ik wil weten wie hiervoor verantwoordelijk is.",
    "Ik vind dat de gemeente dit beter moet regelen.",
    "Ik heb alle brieven bewaard en kan ze opsturen.",
    "Ik wil graag een antwoord per brief, want ik lees niet graag op de computer.",
];

/// Complaint parts that can come with any complaint, next to the one its
/// text is about.
const GENERAL_PARTS: [Part; 6] = [
    Part {
        description: "Er is niet gereageerd op de vragen die de klager eerder stelde.",
        norms: &[Norm::Promptness, Norm::Information, Norm::Listening],
    },
    Part {
        description: "De klager is niet teruggebeld, terwijl dat wel was beloofd.",
        norms: &[Norm::Reliability, Norm::Organisation],
    },
    Part {
        description: "De klager moest het verhaal steeds opnieuw vertellen aan een andere medewerker.",
        norms: &[Norm::Organisation, Norm::Cooperation, Norm::Listening],
    },
    Part {
        description: "De gemeente heeft niet uitgelegd wat er met de melding is gedaan.",
        norms: &[Norm::Information, Norm::Transparency],
    },
    Part {
        description: "De brieven van de gemeente waren moeilijk te begrijpen.",
        norms: &[Norm::Information, Norm::TailorMade, Norm::Reasoning],
    },
    Part {
        description: "De klager voelde zich bij eerdere telefoontjes niet serieus genomen.",
        norms: &[Norm::Listening, Norm::DecentTreatment, Norm::DeEscalation],
    },
];

const FORMAL_CALLS: [&str; 4] = [
    "Gebeld en de klacht doorgesproken. Er is geen oplossing gevonden; de klager wil een oordeel.",
    "Lang gesprek gehad. De klager wil dat de klacht formeel wordt behandeld. De procedure en de termijn uitgelegd.",
    "Gebeld. De klager is het niet eens met de uitleg van de afdeling en wil een oordeel. Een hoorgesprek aangekondigd.",
    "Gebeld en geluisterd. De klager wil vooral weten of de gemeente het goed heeft gedaan. Uitgelegd hoe de klacht nu verder gaat.",
];

/// The call before a refusal, by ground: lid 1 sub b, lid 1 sub c, lid 2.
const REFUSAL_CALLS: [&str; 3] = [
    "Gebeld. Uitgelegd dat de gebeurtenis meer dan een jaar geleden is en dat de gemeente de klacht daarom niet meer behandelt. Gevraagd of er nu nog iets speelt; dat is niet zo.",
    "Gebeld. Uitgelegd dat het om een besluit gaat waartegen bezwaar mogelijk is, en hoe dat werkt. Het bezwaarformulier toegestuurd.",
    "Gebeld. Het probleem bleek al opgelost. De klager vindt het goed dat de klacht niet verder wordt behandeld, maar wilde het wel melden.",
];

/// Departments whose complaints are often about a decision open to objection.
const OBJECTION_POSSIBLE: [&str; 4] = ["Belastingen", "Parkeren", "Werk en Inkomen", "Vergunningen"];

const OLD_CONDUCT_MOTIVATIONS: [&str; 2] = [
    "De gebeurtenis waar de klacht over gaat, was op {gedraging}. De klacht kwam binnen op {ontvangst}, meer dan een jaar later. In het gesprek is gevraagd of er nu nog iets speelt; dat is niet zo.",
    "De klacht gaat over {gedraging}. Dat is langer dan een jaar voor de klacht van {ontvangst}. Wat er toen precies is gebeurd, is niet meer goed na te gaan. Dit is in het gesprek uitgelegd.",
];

const OBJECTION_MOTIVATIONS: [&str; 2] = [
    "De klacht gaat over een besluit van de afdeling {afdeling}. Daartegen kan de klager bezwaar maken. In het gesprek is uitgelegd hoe dat gaat en tot wanneer het kan.",
    "De klager is het oneens met de beslissing zelf. Daarvoor is de bezwaarprocedure bedoeld, niet de klachtbehandeling. Het bezwaarformulier is meegestuurd.",
];

const LITTLE_INTEREST_MOTIVATIONS: [&str; 2] = [
    "Het probleem was al opgelost voordat de klacht binnenkwam, en de klager heeft er geen schade van. Het belang bij verdere behandeling is te klein. Dit is in het gesprek besproken.",
    "De klacht gaat over een kleine vergissing die dezelfde dag is hersteld. In het gesprek gaf de klager aan vooral een melding te willen doen.",
];

const REFUSAL_LESSONS: [&str; 2] = [
    "Op de website duidelijker uitleggen wanneer bezwaar en wanneer een klacht de juiste weg is.",
    "In brieven altijd vermelden tot wanneer iemand kan reageren of klagen.",
];

const REFUSAL_NO_LESSON: [&str; 2] = [
    "De klacht is niet inhoudelijk behandeld; er is geen leerpunt.",
    "Geen leerpunt: de klager is gewezen op de juiste weg.",
];

const START_REASONS: [&str; 6] = [
    "In het gesprek is geen oplossing gevonden. De klager wil een oordeel over wat er is gebeurd.",
    "De klager vraagt uitdrukkelijk om een formele behandeling van de klacht.",
    "De klager is het niet eens met de uitleg van de afdeling {afdeling} en wil een oordeel.",
    "De klacht gaat over het gedrag van een medewerker. Dat moet zorgvuldig worden onderzocht.",
    "De klager klaagde eerder over hetzelfde. Een oordeel is nodig om herhaling te voorkomen.",
    "De afgesproken oplossing is niet nagekomen. De klager wil nu een formele behandeling.",
];

const FORMAL_WISHES: [&str; 4] = [
    "Een oordeel over wat er is gebeurd, en excuses als de gemeente fout zat.",
    "Dat de gemeente uitzoekt wat er misging, en dat het niet nog eens gebeurt.",
    "Een schriftelijke reactie op de klacht, met een oordeel.",
    "Erkenning dat dit niet goed is gegaan.",
];

const FORMAL_EXPECTATIONS: [&str; 3] = [
    "Verwacht dat de medewerker wordt aangesproken.",
    "Wil graag een vergoeding van de gemaakte kosten.",
    "Wil binnen de wettelijke termijn antwoord.",
];

const COMMITTEE_MEMBERS: [&str; 5] =
    ["mr. A.M. de Groot", "drs. H. Kaya", "J.P. van Leeuwen", "mr. S. Ramdin", "E. Hoekstra-Bos"];

const ENCLOSURES: [Option<&str>; 5] = [
    Some("De klachtbrief en de brieven die de klager meestuurde"),
    Some("Het klachtformulier en de foto's van de klager"),
    Some("Het klachtformulier en het verslag van het telefoongesprek"),
    None,
    None,
];

const POSTPONEMENT_REASONS: [&str; 4] = [
    "{beklaagde} is met verlof. Het horen kan pas daarna.",
    "Er is meer tijd nodig om het dossier bij de afdeling {afdeling} op te vragen en te lezen.",
    "De klager kan pas later voor een gesprek. In overleg is het horen verschoven.",
    "De adviescommissie heeft meer tijd nodig om te horen en te adviseren.",
];

const WAIVER_DECLINED: &str =
    "De klager liet op {datum} telefonisch weten geen gesprek te willen. Het verhaal staat duidelijk in de klacht.";

const WAIVER_NO_ANSWER: &str = "De klager is op {datum} per brief gevraagd binnen twee weken te laten weten of een gesprek gewenst is. Er kwam geen reactie.";

const MEETING_PLACES: [&str; 6] = [
    "Stadhuis, spreekkamer 2",
    "Gemeentehuis, kamer 1.14",
    "Telefonisch",
    "Videogesprek (Teams)",
    "Wijkcentrum De Schakel",
    "Stadskantoor, spreekkamer 5",
];

const REPORTS_AGREE: [&str; 3] = [
    "{klager} lichtte de klacht toe. {beklaagde} herkende het verhaal en legde uit hoe het zo is gelopen. Over de feiten zijn beiden het eens.",
    "Het gesprek verliep rustig. {klager} vertelde wat de gevolgen waren. {beklaagde} gaf aan dat het in die periode erg druk was bij de afdeling {afdeling}.",
    "{klager} en {beklaagde} hebben allebei hun kant van het verhaal verteld. De feiten staan vast; de vraag is of de gemeente het goed heeft gedaan.",
];

const REPORTS_DIFFER: [&str; 3] = [
    "{klager} zegt dat de medewerker onvriendelijk was. {beklaagde} herinnert zich het gesprek anders en zegt rustig te zijn gebleven. De verhalen verschillen.",
    "Over wat er is afgesproken, vertellen {klager} en {beklaagde} iets anders. Er zijn geen notities van het eerste gesprek.",
    "{beklaagde} zegt dat de klager is teruggebeld. {klager} zegt dat niemand heeft gebeld. In het systeem is dat niet na te gaan.",
];

const REPORTS_COMPLAINANT_ONLY: [&str; 3] = [
    "{klager} lichtte de klacht toe en liet de brieven zien. Daarna is het dossier bij de afdeling {afdeling} opgevraagd.",
    "Telefonisch gesprek met {klager}. De klacht is doorgenomen en de vragen zijn genoteerd.",
    "{klager} vertelde rustig maar duidelijk wat er misging. Het belangrijkste voor de klager: dat dit niet nog eens gebeurt.",
];

const REPORTS_SECOND_ROUND: [&str; 3] = [
    "Tweede gesprek, apart van elkaar. {beklaagde} en {klager} blijven allebei bij hun verhaal. Een collega die erbij was, weet het niet meer precies.",
    "In de tweede ronde zijn de e-mails van die week erbij gepakt. Daarin staat meer over wat er is afgesproken.",
    "{klager} en {beklaagde} zijn opnieuw gehoord, nu apart. De verschillen zijn kleiner geworden, maar niet verdwenen.",
];

/// The committee's report, with a respondent and without.
const COMMITTEE_REPORTS: [&str; 2] = [
    "De commissie heeft het dossier gelezen en {klager} en {beklaagde} gehoord. Zij heeft de afdeling {afdeling} om uitleg gevraagd over de werkwijze.",
    "De commissie heeft het dossier gelezen en {klager} gehoord. Zij heeft de afdeling {afdeling} om uitleg gevraagd over de werkwijze.",
];

const WELL_FOUNDED_MOTIVATIONS: [&str; 5] = [
    "Uit het dossier blijkt dat dit klopt. De gemeente had dit anders moeten doen.",
    "De betrokken medewerker herkent wat de klager vertelt. Dat past niet bij hoe wij met inwoners willen omgaan.",
    "De afspraak staat in het dossier en is niet nagekomen. Daar was geen goede reden voor.",
    "In het gesprek gaf de afdeling {afdeling} toe dat het werk is blijven liggen. Dat is niet behoorlijk.",
    "De stukken laten zien dat de informatie aan de klager onvolledig was. Daardoor kon de klager niet weten wat er ging gebeuren.",
];

const UNFOUNDED_MOTIVATIONS: [&str; 4] = [
    "Uit het dossier blijkt dat de afdeling {afdeling} de regels goed heeft gevolgd en op tijd heeft gereageerd.",
    "De afdeling heeft gedaan wat was afgesproken. De vertraging kwam door een oorzaak buiten de gemeente.",
    "De klager is op tijd en duidelijk geïnformeerd. De brief en de notities in het dossier laten dat zien.",
    "Wij begrijpen dat het vervelend was. Maar de medewerker heeft correct gehandeld; dat blijkt ook uit het verslag van het gesprek.",
];

const UNCLEAR_MOTIVATIONS: [&str; 4] = [
    "Klager en medewerker vertellen iets anders over wat er is gebeurd. Er waren geen getuigen. Wij kunnen niet vaststellen wat er precies is gebeurd.",
    "In het dossier staat niets over dit gesprek. Daardoor kunnen wij niet vaststellen wat er is gezegd.",
    "Het telefoongesprek is niet opgenomen en er zijn geen notities. Wij geven daarom geen oordeel.",
    "Ook na het horen blijven de verhalen verschillen. De feiten zijn niet vast te stellen.",
];

const APOLOGIES: [&str; 4] = [
    "Wij bieden de klager onze excuses aan. Dit had niet zo mogen gaan.",
    "Namens de afdeling {afdeling}: onze excuses voor wat er misging.",
    "De medewerker heeft in het gesprek al excuses gemaakt. De gemeente doet dat hierbij ook schriftelijk.",
    "Excuses voor de lange tijd die het duurde, en voor de zorgen die dat gaf.",
];

const COMPENSATIONS: [&str; 3] = [
    "Een bos bloemen en een waardebon van € 25,00.",
    "De gemaakte kosten worden vergoed, na het opsturen van de bonnetjes.",
    "Een tegemoetkoming van € 50,00.",
];

const FOUNDED_FOLLOW_UPS: [&str; 3] = [
    "De afdeling {afdeling} bespreekt de klacht in het werkoverleg en past de werkwijze aan.",
    "Wij bellen de klager over twee weken om te horen of alles nu in orde is.",
    "Wat er nog moet gebeuren, regelt de afdeling {afdeling} binnen tien werkdagen.",
];

const UNFOUNDED_FOLLOW_UPS: [&str; 3] = [
    "Wij begrijpen dat de situatie vervelend was, en hopen dat deze uitleg helpt.",
    "Wij danken de klager voor het melden; het helpt ons om scherp te blijven.",
    "Heeft de klager nog vragen, dan kan de klager ons bellen.",
];

const FORMAL_LESSONS: [(LessonLevel, Learner, &str); 8] = [
    (
        LessonLevel::Execution,
        Learner::Team,
        "Termijnen in het zaaksysteem bewaken en de inwoner laten weten als het langer duurt.",
    ),
    (LessonLevel::Execution, Learner::Team, "Terugbelverzoeken vastleggen en binnen twee werkdagen afhandelen."),
    (LessonLevel::Case, Learner::Employee, "De medewerker volgt een training klantgericht werken en de-escaleren."),
    (
        LessonLevel::Policy,
        Learner::PolicyOwner,
        "De standaardbrief herschrijven in eenvoudige taal, met uitleg van de berekening.",
    ),
    (LessonLevel::Execution, Learner::Team, "Na een melding altijd terugkoppelen wat ermee gebeurt."),
    (LessonLevel::Policy, Learner::PolicyOwner, "Nagaan of de werkwijze past bij inwoners zonder computer."),
    (
        LessonLevel::Execution,
        Learner::OtherOrganisation,
        "Met de ketenpartner afspreken hoe en wanneer zij inwoners informeren.",
    ),
    (LessonLevel::Case, Learner::Team, "In deze zaak de beslissing opnieuw bekijken en de klager persoonlijk bellen."),
];

const FORMAL_NO_LESSON: [&str; 3] = [
    "De fout was eenmalig en is met de medewerker besproken.",
    "De werkwijze is kort geleden al aangepast; deze klacht ging over de tijd daarvoor.",
    "Er is niets gebleken dat de organisatie anders moet doen.",
];

/// The ombudsman's outcome, recommendations and the organisation's response.
const OMBUDSMAN_CONCLUSIONS: [(&str, Option<&str>, &str); 4] = [
    (
        "De ombudsman vindt dat de gemeente de klacht behoorlijk heeft behandeld.",
        None,
        "Wij hebben de klager laten weten dat de ombudsman de behandeling behoorlijk vindt.",
    ),
    (
        "De ombudsman vindt de klacht over de bejegening gegrond.",
        Some("Bespreek de klacht met het team en leg vast welke afspraken daaruit volgen."),
        "Wij nemen de aanbeveling over. Het team heeft de klacht besproken; de afspraken staan in het verslag van het werkoverleg.",
    ),
    (
        "De ombudsman heeft de klacht na een gesprek met de gemeente afgesloten (interventie).",
        None,
        "Wij hebben de klager opnieuw gebeld en een nieuwe afspraak gemaakt.",
    ),
    (
        "De ombudsman vindt de klacht deels gegrond: de gemeente reageerde te laat.",
        Some("Laat inwoners weten wanneer een beslissing langer duurt dan beloofd."),
        "Wij nemen de aanbeveling over en sturen voortaan bericht als een termijn niet wordt gehaald.",
    ),
];

const CONVERSATION_NOTES: [&str; 5] = [
    "Beller was erg boos.",
    "Mevrouw was emotioneel tijdens het gesprek.",
    "Meneer wil graag teruggebeld worden, liefst 's ochtends.",
    "Gesprek deels in het Engels gevoerd.",
    "Klant was rustig, maar duidelijk teleurgesteld.",
];

const HAND_OVER_NOTES: [&str; 6] = [
    "Wil graag teruggebeld worden.",
    "Spoed: heeft op dit moment geen inkomen.",
    "Heeft hier eerder over geklaagd.",
    "Is erg boos, graag snel contact.",
    "Wil contact per brief.",
    "Verwacht excuses van de afdeling.",
];

const NEEDS: [&str; 6] = [
    "Leest niet goed; graag bellen.",
    "Tolk Arabisch nodig.",
    "Slechthorend; liever contact per e-mail.",
    "Graag in eenvoudige taal.",
    "Tolk Turks nodig.",
    "Slechtziend; brieven graag in grote letters.",
];

const FIRST_NAMES: [&str; 48] = [
    "Jan",
    "Piet",
    "Kees",
    "Henk",
    "Wim",
    "Gerrit",
    "Johan",
    "Peter",
    "Mark",
    "Dennis",
    "Thijs",
    "Daan",
    "Sem",
    "Lucas",
    "Mohamed",
    "Youssef",
    "Ahmed",
    "Mehmet",
    "Mustafa",
    "Ravi",
    "Tomasz",
    "Marek",
    "Kofi",
    "Dirk",
    "Maria",
    "Anna",
    "Johanna",
    "Els",
    "Ria",
    "Annemieke",
    "Sandra",
    "Linda",
    "Petra",
    "Sanne",
    "Lisa",
    "Emma",
    "Julia",
    "Fleur",
    "Fatima",
    "Khadija",
    "Samira",
    "Ayşe",
    "Elif",
    "Priya",
    "Shirley",
    "Agnieszka",
    "Wilma",
    "Noor",
];

const LAST_NAMES: [&str; 48] = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "Kuipers",
    "Schouten",
    "Willems",
    "Hoekstra",
    "El Amrani",
    "Bouzid",
    "El Idrissi",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Çelik",
    "Ramdin",
    "Sewdien",
    "Kowalski",
    "Nowak",
    "Mensah",
];

const STREETS: [&str; 20] = [
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Julianastraat",
    "Beatrixlaan",
    "Stationsweg",
    "Schoolstraat",
    "Wilhelminastraat",
    "Lindelaan",
    "Eikenlaan",
    "Prins Bernhardstraat",
    "Industrieweg",
    "Kastanjelaan",
    "Vondelstraat",
    "Rembrandtlaan",
    "Akkerweg",
    "Sportlaan",
    "Burgemeester de Withstraat",
    "Irenestraat",
    "Van Goghstraat",
];

const PLACES: [&str; 5] = ["Voorbeeld", "Noorddorp", "Zuidwijk", "Oosterhoek", "Westeind"];

#[cfg(test)]
mod tests {
    use super::*;
    use gehoord_domain::Outcome;

    fn staff() -> Staff {
        let person =
            |name: &str, weight| Person { actor: Actor::Staff { user_id: Uuid::nil(), name: name.into() }, weight };
        Staff {
            handlers: HANDLERS.iter().map(|(_, n, w)| person(n, *w)).collect(),
            employees: EMPLOYEES.iter().map(|(_, n)| person(n, 1)).collect(),
            created: Vec::new(),
        }
    }

    fn period() -> Period {
        Period::new(Some(jiff::civil::date(2026, 4, 30)), 5).unwrap()
    }

    /// The case's events as the domain decides them, checked to be in
    /// order and within the period.
    fn accepted(draft: Draft, period: &Period, i: u64) -> (Vec<Event>, CaseState) {
        let year = date_in_amsterdam(draft.received_at).year();
        let events = draft.decide(CaseReference::new(year, 1)).unwrap_or_else(|e| panic!("case {i}: {e:?}"));
        assert!(events.windows(2).all(|w| w[0].at <= w[1].at), "case {i}: events out of order");
        assert!(events.iter().all(|e| e.at < period.end), "case {i}: an event after the period");
        let state = CaseState::from_events(&events);
        (events, state)
    }

    #[test]
    fn every_draft_is_accepted_by_the_domain() {
        let (staff, period) = (staff(), period());
        let total = 5_000;
        let mut solved = 0;
        let (mut old, mut old_closed) = (0, 0);
        let (mut formal, mut judged, mut not_handled) = (0, 0, 0);
        let mut channels = std::collections::HashSet::new();
        for i in 0..total {
            let draft = Draft::generate(7, i, total, &period, &staff);
            channels.insert(draft.channel);
            assert!(draft.conduct_date.is_none_or(|d| d <= date_in_amsterdam(draft.received_at)));
            let draft_received = draft.received_at;
            let (_, state) = accepted(draft, &period, i);
            let case = state.case().unwrap();
            formal += u32::from(case.formal.started.is_some());
            judged += u32::from(case.outcome == Some(Outcome::Judged));
            not_handled += u32::from(case.outcome == Some(Outcome::NotHandled));
            if case.ladder_step == gehoord_domain::LadderStep::InContact {
                solved += 1;
            }
            if period.end.duration_since(draft_received).as_hours() > 24 * 180 {
                old += 1;
                old_closed += u32::from(!case.is_open());
            }
        }
        let share = f64::from(solved) / total as f64;
        assert!((0.15..=0.25).contains(&share), "solved in contact: {share}");
        let closed = f64::from(old_closed) / f64::from(old);
        assert!(closed > 0.9, "cases older than half a year are mostly closed: {closed}");
        assert_eq!(channels.len(), Channel::ALL.len());
        assert!(
            formal > 200 && judged > 150 && not_handled > 30,
            "formal {formal}, judged {judged}, not handled {not_handled}"
        );
    }

    /// Every road, with the rare ones turned up so that a few thousand cases
    /// take each of them several times.
    #[test]
    fn every_road_of_formal_handling_is_accepted_by_the_domain() {
        let (staff, period) = (staff(), period());
        let shares = Shares {
            formal: 0.6,
            refuse_old: 0.5,
            refuse_other: 0.05,
            postponement: 0.5,
            committee: 0.3,
            ombudsman: 0.3,
        };
        let total = 3_000;
        let mut seen = std::collections::BTreeMap::<&str, u32>::new();
        for i in 0..total {
            let draft = Draft::generate_with(11, i, total, &period, &staff, &shares);
            let (events, state) = accepted(draft, &period, i);
            for event in &events {
                *seen.entry(event.payload.kind()).or_default() += 1;
            }
            let case = state.case().unwrap();
            if let Some(refusal) = &case.formal.not_handling {
                *seen.entry(refusal.ground.code()).or_default() += 1;
            }
            *seen
                .entry(if case.formal.hearings.iter().any(|h| h.round == 2) { "second_round" } else { "-" })
                .or_default() += 1;
        }
        for kind in [
            "formal_handling_started",
            "respondent_added",
            "respondent_copy_sent",
            "committee_appointed",
            "committee_advised",
            "handling_postponed",
            "delay_consented",
            "hearing_planned",
            "hearing_held",
            "complainant_hearing_waived",
            "complaint_part_added",
            "part_judged",
            "findings_concluded",
            "not_handling_decided",
            "ombudsman_approached",
            "ombudsman_concluded",
            "lid_1_b",
            "lid_1_c",
            "lid_2",
            "second_round",
        ] {
            assert!(seen.get(kind).copied().unwrap_or_default() >= 3, "{kind}: {seen:?}");
        }
    }

    #[test]
    fn formal_handling_and_refusals_land_in_their_shares() {
        let (staff, period) = (staff(), period());
        let total = 5_000;
        let (mut taken, mut formal, mut open_formal, mut not_handled, mut older_than_a_year) =
            (0_u32, 0_u32, 0, 0_u32, 0);
        let mut verdicts = std::collections::HashMap::<Verdict, u32>::new();
        let mut tally = Tally::default();
        for i in 0..total {
            let draft = Draft::generate(5, i, total, &period, &staff);
            tally.count(&draft);
            taken += u32::from(draft.taken.is_some());
            let (_, state) = accepted(draft, &period, i);
            let case = state.case().unwrap();
            if case.formal.started.is_some() {
                formal += 1;
                open_formal += u32::from(case.is_open());
            }
            if let Some(refusal) = &case.formal.not_handling {
                not_handled += 1;
                older_than_a_year += u32::from(refusal.ground == NotHandlingGround::OlderThanOneYear);
            }
            for judgment in case.formal.parts.iter().filter_map(|p| p.judgment.as_ref()) {
                assert!(judgment.facts_established || judgment.verdict == Verdict::NoJudgment);
                *verdicts.entry(judgment.verdict).or_default() += 1;
            }
        }
        let formal_share = f64::from(formal) / f64::from(taken);
        assert!((0.08..=0.12).contains(&formal_share), "formal of taken: {formal_share}");
        assert!(open_formal > 0, "recent formal cases stay open mid-way");
        let refused = f64::from(not_handled) / total as f64;
        assert!((0.01..=0.02).contains(&refused), "not handled of all: {refused}");
        assert!(older_than_a_year * 2 > not_handled, "mostly lid 1 sub b: {older_than_a_year} of {not_handled}");
        let judged: u32 = verdicts.values().sum();
        let share = |v| f64::from(verdicts.get(&v).copied().unwrap_or_default()) / f64::from(judged);
        assert!((0.28..=0.42).contains(&share(Verdict::WellFounded)), "{verdicts:?}");
        assert!((0.38..=0.52).contains(&share(Verdict::Unfounded)), "{verdicts:?}");
        assert!((0.14..=0.26).contains(&share(Verdict::NoJudgment)), "{verdicts:?}");
        // The summary counts what the domain decided.
        assert_eq!((tally.formal, tally.not_handled), (u64::from(formal), u64::from(not_handled)));
    }

    #[test]
    fn every_complaint_text_has_its_part_with_fitting_norms() {
        for theme in &THEMES {
            assert_eq!(theme.parts.len(), theme.complaints.len(), "{}", theme.department);
            assert!(theme.parts.iter().all(|p| !p.norms.is_empty() && p.description.ends_with('.')));
        }
        assert!(GENERAL_PARTS.iter().all(|p| !p.norms.is_empty()));
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        let (staff, period) = (staff(), period());
        let a = Draft::generate(42, 123, 1000, &period, &staff);
        let b = Draft::generate(42, 123, 1000, &period, &staff);
        let c = Draft::generate(43, 123, 1000, &period, &staff);
        assert_eq!((a.id, &a.description, a.received_at), (b.id, &b.description, b.received_at));
        assert_ne!(a.description.clone() + &a.id.to_string(), c.description.clone() + &c.id.to_string());
        // The formal road too: the same commands at the same moments.
        let formal = (0..2000)
            .find(|&i| Draft::generate(42, i, 2000, &period, &staff).worked.is_some_and(|w| w.after.len() > 10))
            .expect("some formal case among 2,000");
        let after = |seed| Draft::generate(seed, formal, 2000, &period, &staff).worked.map(|w| w.after);
        assert_eq!(after(42), after(42));
        assert_ne!(after(42), after(43));
    }

    #[test]
    fn dates_stay_in_the_period_and_follow_the_order_of_receipt() {
        let (staff, period) = (staff(), period());
        let drafts: Vec<_> = (0..2000).map(|i| Draft::generate(1, i, 2000, &period, &staff)).collect();
        for d in &drafts {
            assert!(d.received_at >= period.start && d.received_at < period.end);
            if let Some((_, at)) = &d.taken {
                assert!(*at > d.received_at && *at < period.end);
            }
        }
        // Within a day the time of day varies; across days the order holds.
        let days: Vec<Date> = drafts.iter().map(|d| date_in_amsterdam(d.received_at)).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn amounts_are_written_the_dutch_way() {
        assert_eq!(euros(5), "€ 0,05");
        assert_eq!(euros(124_550), "€ 1.245,50");
        assert_eq!(euros(100_000_000), "€ 1.000.000,00");
    }
}

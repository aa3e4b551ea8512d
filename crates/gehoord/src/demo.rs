//! `gehoord demo-data`: realistic synthetic complaints for demos and
//! benchmarks.
//!
//! Every case goes through the domain's `decide`, so its events are real and
//! valid: registration by the system (web form, API) or by a demo employee
//! (phone, counter, letter …), about a fifth solved in the contact itself
//! (ladder step 1, closed), the rest handed to complaint handling, and many of
//! those taken into handling by one of five demo handlers, who phone the
//! citizen and, the older the case, the likelier solve it, ask the control
//! question and close it (with a lesson or the reason for none). Each decision runs
//! with `now` at the simulated moment, so the timeline reads as if it happened
//! then.
//!
//! The output depends only on `--seed`, `--cases`, `--years` and `--until`
//! (and, for the reference numbers, on the cases already in the database):
//! a small SplitMix64 generator seeded per case keeps it reproducible
//! without a dependency.

use std::{fmt::Write as _, io::Write as _, process::ExitCode, time::Instant};

use anyhow::{Context as _, bail};
use clap::Args;
use gehoord_domain::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, ContactPreference, Context, DomainError, Event,
    Role,
    case::{Exploration, InitialHandling, Intake},
    contact::{Contact, ContactMethod, ContactOutcome, Initiative},
    decide,
    forwarding::ControlAnswer,
    lesson::{Learner, Lesson, LessonLevel},
    solution::{Solution, SolutionKind},
    time::{amsterdam, date_in_amsterdam},
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
    writeln!(
        out,
        "Solved in the contact and closed: {}; solved by a handler and closed: {}; open: {} (in handling: {}, not yet taken: {}).",
        tally.solved,
        tally.closed_by_handler,
        tally.open(args.cases),
        tally.taken - tally.closed_by_handler,
        tally.open(args.cases) - (tally.taken - tally.closed_by_handler)
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
}

impl Tally {
    fn count(&mut self, draft: &Draft) {
        if matches!(draft.handling, InitialHandling::SolvedInContact { .. }) {
            self.solved += 1;
        }
        if draft.taken.is_some() {
            self.taken += 1;
        }
        if draft.worked.as_ref().is_some_and(|w| w.closed_at.is_some()) {
            self.closed_by_handler += 1;
        }
    }

    const fn open(&self, total: u64) -> u64 {
        total - self.solved - self.closed_by_handler
    }
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
    /// Solution agreed, control question answered with yes, lesson, closed.
    closed_at: Option<Timestamp>,
    solution: SolutionKind,
    lesson: bool,
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
            if let Some(work) = self.worked {
                let contact = Contact {
                    at: work.contact_at,
                    method: ContactMethod::Phone,
                    initiative: Initiative::Organisation,
                    outcome: ContactOutcome::Reached,
                    summary: "Gebeld en de klacht doorgesproken.".to_owned(),
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
                    let no_lesson_reason = if work.lesson {
                        let lesson = Lesson {
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
            }
        }
        Ok(events)
    }

    fn generate(seed: u64, index: u64, total: u64, period: &Period, staff: &Staff) -> Self {
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
        let description = describe(&mut rng, theme, channel, &complainant, street, received_day, conduct_date);

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
        let worked = taken.as_ref().and_then(|(_, at)| work(&mut rng, *at, period.end));
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
        closed_at: closes.then_some(closed_at),
        solution: *rng.pick(&SolutionKind::ALL),
        lesson: rng.chance(0.35),
    })
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
    (Complainant { name, email, phone, address, contact_preference, needs, representative }, street)
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
) -> String {
    let template = *rng.pick(theme.complaints);
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
        return text;
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
    text
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
    solved: &'static [&'static str],
    involved: &'static [&'static str],
    /// The range of amounts (in cents) the complaints mention.
    amounts: (u64, u64),
}

impl Weighted for Theme {
    fn weight(&self) -> u32 {
        self.weight
    }
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

    #[test]
    fn every_draft_is_accepted_by_the_domain() {
        let (staff, period) = (staff(), period());
        let total = 5_000;
        let mut solved = 0;
        let (mut old, mut old_closed) = (0, 0);
        let mut channels = std::collections::HashSet::new();
        for i in 0..total {
            let draft = Draft::generate(7, i, total, &period, &staff);
            channels.insert(draft.channel);
            assert!(draft.conduct_date.is_none_or(|d| d <= date_in_amsterdam(draft.received_at)));
            let year = date_in_amsterdam(draft.received_at).year();
            let draft_received = draft.received_at;
            let events = draft.decide(CaseReference::new(year, 1)).unwrap_or_else(|e| panic!("case {i}: {e:?}"));
            let state = CaseState::from_events(&events);
            let case = state.case().unwrap();
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
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        let (staff, period) = (staff(), period());
        let a = Draft::generate(42, 123, 1000, &period, &staff);
        let b = Draft::generate(42, 123, 1000, &period, &staff);
        let c = Draft::generate(43, 123, 1000, &period, &staff);
        assert_eq!((a.id, &a.description, a.received_at), (b.id, &b.description, b.received_at));
        assert_ne!(a.description.clone() + &a.id.to_string(), c.description.clone() + &c.id.to_string());
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

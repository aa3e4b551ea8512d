//! The signal list managers work through (`/inzicht/signalen`): volumes
//! that rose against their own history, recurring themes in the complaint
//! texts, and the cases handlers flagged. Each open signal is turned into a
//! lesson ("Leerpunt maken", which carries the signal's key to the lesson
//! form) or set aside with a reason ("Geen actie nodig"); then it moves to
//! "Afgehandelde signalen" with who, when and why. Keys and what counts as
//! the same signal: [`gehoord_domain::signal`].

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use gehoord_domain::{
    Role,
    insight::rising,
    lesson::register::{LessonEvent, LessonState},
    signal::{self, Dimension, SignalKey},
    time::date_in_amsterdam,
};
use gehoord_store::{NewSignalDecision, SignalCase, SignalDecision, StoreError};
use jiff::{Timestamp, civil::Date};
use serde::Deserialize;
use uuid::Uuid;

use super::layout;
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfToken,
    error::PageError,
    forms::{FormState, HtmlForm},
    view::{Layout, date_time, encode, short_civil_date},
};

/// How far back, and over how many complaints, themes are looked for.
const THEME_DAYS: i64 = 90;
const THEME_LIMIT: i64 = 3_000;
/// Flagged cases and dealt-with signals the page shows at most.
const FLAGGED_LIMIT: i64 = 200;
const DEALT_LIMIT: i64 = 200;
/// The longest title stored for a signal.
const TITLE_MAX: usize = 500;

/// What every open signal has: its key and how to deal with it.
pub struct OpenSignal {
    pub key: SignalKey,
    /// Unique on the page, for the ids of its form fields.
    pub n: usize,
    /// One sentence on what was seen; the start of a lesson and the title
    /// of the decision.
    pub title: String,
    /// The department a lesson would be for, if known.
    pub department: String,
    /// A theme's complaints.
    pub members: Vec<Uuid>,
}

impl OpenSignal {
    /// The form for a new lesson, started with what was seen and carrying
    /// the key, so writing the lesson deals with the signal.
    #[must_use]
    pub fn lesson_link(&self) -> String {
        format!(
            "/leerpunten/nieuw?tekst={}&afdeling={}&signaal={}",
            encode(&self.title),
            encode(&self.department),
            encode(&self.key.to_string())
        )
    }

    #[must_use]
    pub fn key_text(&self) -> String {
        self.key.to_string()
    }

    fn decision(&self, staff: &Staff, at: Timestamp) -> NewSignalDecision {
        NewSignalDecision {
            key: self.key.clone(),
            title: self.title.clone(),
            members: self.members.clone(),
            at,
            by_id: staff.0.id,
            by: staff.0.display_name.clone(),
        }
    }
}

/// A group whose volume rose significantly.
pub struct RisingGroup {
    pub signal: OpenSignal,
    pub dimension: &'static str,
    pub name: String,
    pub current: u32,
    pub baseline: String,
    pub link: String,
}

/// Complaints that say much the same thing.
pub struct ThemeView {
    pub signal: OpenSignal,
    pub words: String,
    pub count: usize,
    /// `(case id, reference)` of the most recent few.
    pub cases: Vec<(Uuid, String)>,
}

/// A case a handler flagged.
pub struct FlagView {
    pub signal: OpenSignal,
    pub case: SignalCase,
}

/// The open signals, each kind in the list's order.
#[derive(Default)]
pub struct Open {
    pub rising: Vec<RisingGroup>,
    pub themes: Vec<ThemeView>,
    pub flagged: Vec<FlagView>,
}

impl Open {
    fn find(&self, key: &SignalKey) -> Option<&OpenSignal> {
        let all = self
            .rising
            .iter()
            .map(|r| &r.signal)
            .chain(self.themes.iter().map(|t| &t.signal))
            .chain(self.flagged.iter().map(|f| &f.signal));
        let mut fallback = None;
        for s in all {
            if &s.key == key {
                return Some(s);
            }
            // The same rise, seen in the window of another day (the page
            // was opened before midnight).
            if let (
                SignalKey::Rise { dimension: a, name: n, window_end: e },
                SignalKey::Rise { dimension: b, name: m, window_end: f },
            ) = (&s.key, key)
                && a == b
                && n == m
                && signal::same_rise(*f, *e)
            {
                fallback = Some(s);
            }
        }
        fallback
    }

    fn len(&self) -> usize {
        self.rising.len() + self.themes.len() + self.flagged.len()
    }
}

/// Works out the open signals: everything the list detects, less what was
/// dealt with.
async fn open_signals(state: &AppState) -> Result<Open, PageError> {
    let now = state.clock.now();
    let today = date_in_amsterdam(now);
    let since = signal::window_start(today);
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };

    // Rising volumes, less those dealt with in a window that overlaps today's.
    let dealt_rises = state.store.dealt_rises(since).await?;
    let mut rises = Vec::new();
    for g in state.store.group_volumes(today).await? {
        let Some(rise) = rising(&g.windows) else { continue };
        let Some(dimension) = Dimension::from_code(g.dimension) else { continue };
        if dealt_rises.iter().any(|(d, name, end)| *d == dimension && *name == g.name && signal::same_rise(*end, today))
        {
            continue;
        }
        let param = if dimension == Dimension::Category { "categorie" } else { "afdeling" };
        let title = format!("Meer klachten dan gewoonlijk over {}: {} in vier weken.", g.name, rise.current);
        let department = if dimension == Dimension::Department { g.name.clone() } else { String::new() };
        rises.push(RisingGroup {
            signal: OpenSignal {
                key: SignalKey::Rise { dimension, name: g.name.clone(), window_end: today },
                n: next(),
                title,
                department,
                members: Vec::new(),
            },
            dimension: dimension.label(),
            link: format!("/inzicht?van={since}&tot={today}&{param}={}", encode(&g.name)),
            name: g.name,
            current: rise.current,
            baseline: crate::charts::decimal(rise.baseline),
        });
    }

    // Themes, less those with the anchor or most complaints of a dealt one.
    let from = now - jiff::SignedDuration::from_hours(24 * THEME_DAYS);
    let recent = state.store.recent_texts(from, THEME_LIMIT).await?;
    // Comparing texts is CPU work: keep it off the async workers.
    let found = tokio::task::spawn_blocking(move || {
        let texts: Vec<&str> = recent.iter().map(|(_, _, text)| text.as_str()).collect();
        let themes = gehoord_domain::themes::themes(&texts);
        (themes, recent)
    })
    .await
    .map_err(|e| PageError::Internal(e.to_string()))?;
    let (found, recent) = found;
    // A dealt theme's complaints are all within the last 90 days of when it
    // was dealt with, so older decisions cannot overlap today's themes.
    let dealt_themes = state.store.dealt_themes(from - jiff::SignedDuration::from_hours(24 * THEME_DAYS)).await?;
    let mut themes = Vec::new();
    for t in found {
        let members: Vec<Uuid> = t.members.iter().map(|&i| recent[i].0).collect();
        let Some(key @ SignalKey::Theme { anchor }) = SignalKey::theme(&members) else { continue };
        if dealt_themes.iter().any(|d| signal::same_theme(anchor, &members, d.anchor, &d.members)) {
            continue;
        }
        let words = t.words.join(", ");
        themes.push(ThemeView {
            signal: OpenSignal {
                key,
                n: next(),
                title: format!("{} klachten gaan over hetzelfde: {words}.", members.len()),
                department: String::new(),
                members,
            },
            count: t.members.len(),
            cases: t.members.iter().take(5).map(|&i| (recent[i].0, recent[i].1.clone())).collect(),
            words,
        });
    }

    // Flagged cases, keyed by when they were flagged.
    let cases = state.store.signal_cases(FLAGGED_LIMIT).await?;
    let ids: Vec<Uuid> = cases.iter().map(|c| c.case_id).collect();
    let times = state.store.flag_times(&ids).await?;
    let keys: Vec<SignalKey> = cases
        .iter()
        .map(|c| SignalKey::Flag { case_id: c.case_id, flagged_at: times.get(&c.case_id).copied() })
        .collect();
    let dealt: HashSet<SignalKey> = state.store.dealt_keys(&keys).await?;
    let mut flagged = Vec::new();
    for (case, key) in cases.into_iter().zip(keys) {
        if dealt.contains(&key) {
            continue;
        }
        flagged.push(FlagView {
            signal: OpenSignal {
                key,
                n: next(),
                title: format!("Signaal uit {}: {}", case.reference, case.reason),
                department: case.department.clone().unwrap_or_default(),
                members: Vec::new(),
            },
            case,
        });
    }
    Ok(Open { rising: rises, themes, flagged })
}

#[derive(Template, WebTemplate)]
#[template(path = "signals.html")]
pub struct SignalsPage {
    layout: Layout,
    open: Open,
    dealt: Vec<SignalDecision>,
    /// A "no action needed" form that came back with a problem.
    form: FormState,
    /// The key of that form's signal.
    sent: String,
    /// A notice after a decision.
    notice: Option<&'static str>,
}

impl SignalsPage {
    fn date(&self, day: &Date) -> String {
        short_civil_date(*day)
    }

    fn when(&self, at: &Timestamp) -> String {
        date_time(*at)
    }

    /// Whether this signal's "no action needed" form is the one sent back.
    fn is_sent(&self, s: &OpenSignal) -> bool {
        self.sent == s.key.to_string()
    }

    fn reason_value(&self, s: &OpenSignal) -> &str {
        if self.is_sent(s) { self.form.value("reason") } else { "" }
    }

    fn reason_error(&self, s: &OpenSignal) -> Option<&str> {
        if self.is_sent(s) { self.form.errors.first().map(|e| e.message.as_str()) } else { None }
    }

    fn count(&self) -> usize {
        self.open.len()
    }
}

async fn page(
    state: &AppState,
    staff: &Staff,
    csrf: &str,
    open: Open,
    form: FormState,
    sent: String,
    notice: Option<&'static str>,
) -> Result<SignalsPage, PageError> {
    Ok(SignalsPage {
        layout: layout(state, Some(&staff.0), csrf).await?,
        open,
        dealt: state.store.signal_decisions(DEALT_LIMIT).await?,
        form,
        sent,
        notice,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignalsQuery {
    afgehandeld: Option<String>,
}

/// The list (`GET /inzicht/signalen`).
pub async fn signals_get(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    axum::extract::Query(q): axum::extract::Query<SignalsQuery>,
) -> Result<SignalsPage, PageError> {
    staff.require(Role::may_see_insight)?;
    let open = open_signals(&state).await?;
    let notice = q.afgehandeld.map(|_| "Het signaal staat nu bij de afgehandelde signalen.");
    page(&state, &staff, &csrf, open, FormState::default(), String::new(), notice).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DismissForm {
    signal: String,
    reason: String,
}

/// "Geen actie nodig" (`POST /inzicht/signalen/geen-actie`): the signal
/// is set aside with the reason.
pub async fn dismiss_post(
    State(state): State<AppState>,
    staff: Staff,
    CsrfToken(csrf): CsrfToken,
    HtmlForm(input): HtmlForm<DismissForm>,
) -> Result<Response, PageError> {
    staff.require(Role::may_see_insight)?;
    let key: SignalKey = input.signal.parse().map_err(|e: signal::NotAKey| PageError::BadRequest(e.to_string()))?;
    let open = open_signals(&state).await?;
    let mut form = FormState::default().with("reason", &input.reason);
    let Some(found) = open.find(&key) else {
        // Dealt with by someone else in the meantime, or no longer seen.
        let message = if state.store.signal_decision(&key).await?.is_some() {
            "Dit signaal is al afgehandeld. U ziet het bij de afgehandelde signalen."
        } else {
            "Dit signaal staat niet meer op de lijst. Bekijk de lijst opnieuw."
        };
        return Err(PageError::BadRequest(message.to_owned()));
    };
    match signal::no_action_reason(&input.reason) {
        Ok(reason) => {
            let decision = found.decision(&staff, state.clock.now());
            let new = state.store.dismiss_signal(&decision, &reason).await?;
            tracing::info!(action = "dismiss_signal", signal = %decision.key, actor = %staff.0.id, new, result = "ok");
            Ok(Redirect::to("/inzicht/signalen?afgehandeld=1#afgehandeld").into_response())
        }
        Err(message) => {
            let sent = found.key.to_string();
            let field = format!("reden-{}", found.n);
            form.error(&field, message);
            let page = page(&state, &staff, &csrf, open, form, sent, None).await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

/// Writes a new lesson that came from a signal, and deals with the signal
/// in the same transaction. A key that no longer matches an open signal
/// (dealt with meanwhile, or no longer seen) still links the lesson to it,
/// under the lesson's text.
///
/// # Errors
/// The domain's refusal of the lesson, or a database failure.
pub async fn propose_lesson<F>(
    state: &AppState,
    staff: &Staff,
    id: Uuid,
    key: SignalKey,
    text: &str,
    decide: F,
) -> Result<LessonState, StoreError>
where
    F: FnOnce(&LessonState) -> Result<Vec<LessonEvent>, gehoord_domain::DomainError>,
{
    let now = state.clock.now();
    let open = match open_signals(state).await {
        Ok(open) => open,
        Err(e) => {
            tracing::warn!(error = ?e, "signal list not worked out; the lesson is linked by its key");
            Open::default()
        }
    };
    let decision = match open.find(&key) {
        Some(s) => s.decision(staff, now),
        None => NewSignalDecision {
            title: text.trim().chars().take(TITLE_MAX).collect(),
            key,
            members: Vec::new(),
            at: now,
            by_id: staff.0.id,
            by: staff.0.display_name.clone(),
        },
    };
    let (state_after, new) = state.store.propose_lesson_for_signal(id, decide, &decision).await?;
    tracing::info!(action = "signal_to_lesson", signal = %decision.key, lesson_id = %id, new, result = "ok");
    Ok(state_after)
}

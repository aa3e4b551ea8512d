//! The signal list managers work through: every signal (a rising volume, a
//! recurring theme, a flagged case) is dealt with once, by turning it into
//! a lesson or by saying why no action is needed, and then leaves the open
//! list for the "dealt with" section. Store and pages on both databases.

use axum::http::StatusCode;
use gehoord_domain::{
    Actor, CaseState, Channel, Command, Complainant, Context, Role,
    case::{InitialHandling, Intake},
    decide,
    learning::LearningCommand,
    lesson::{
        Learner, LessonLevel,
        register::{self, LessonCommand, Proposal},
    },
    signal::{Dimension, SignalKey},
};
use gehoord_store::{NewSignalDecision, Store};
use jiff::{SignedDuration, civil::date};
use uuid::Uuid;

use crate::{
    harness::{TestApp, both_dbs},
    insight::pages::complaint,
};

/// Registers a complaint with `text`, received at `at` by phone.
async fn saying(app: &TestApp, at: jiff::Timestamp, channel: Channel, department: &str, text: &str) -> Uuid {
    let id = Uuid::now_v7();
    let ctx = Context::new(at, Actor::Staff { user_id: Uuid::nil(), name: "Kees van het KCC".into() });
    app.store
        .register_case(id, gehoord_domain::time::date_in_amsterdam(at).year(), |reference| {
            let intake = Intake {
                reference,
                channel,
                received_at: at,
                description: text.into(),
                complainant: Complainant { name: Some("Jan Jansen".into()), ..Complainant::default() },
                conduct_date: None,
                department: Some(department.into()),
                employees_involved: None,
                signed: false,
                handling: InitialHandling::ToComplaintHandling,
            };
            decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)
        })
        .await
        .unwrap();
    id
}

/// The signal keys of the page's "no action needed" forms, in page order.
fn keys(html: &str) -> Vec<String> {
    html.split("name=\"signal\" value=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(unescape).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&#38;", "&").replace("&amp;", "&").replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"")
}

/// The part of the page from `id` up to the next heading of a section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[start..];
    let end = rest[1..].find("<h2").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

fn decision(key: SignalKey, title: &str, members: Vec<Uuid>, at: jiff::Timestamp) -> NewSignalDecision {
    NewSignalDecision { key, title: title.into(), members, at, by_id: Uuid::now_v7(), by: "Mira Tester".into() }
}

/// A raw statement on either database, for what the store never does.
async fn raw(store: &Store, sql: &str) -> Result<(), String> {
    let result = match store {
        Store::Sqlite(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(pool).await.map(|_| ()),
        Store::Postgres(pool) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(pool).await.map(|_| ()),
    };
    result.map_err(|e| e.to_string())
}

both_dbs! {
    async fn decisions_are_recorded_once_and_read_back(app) {
        app.set_up_organisation().await;
        let store = &app.store;
        let now = app.clock.now();
        let today = gehoord_domain::time::date_in_amsterdam(now);

        // A rise set aside: once only, the first reason stands.
        let rise = SignalKey::Rise { dimension: Dimension::Category, name: "Afval: containers".into(), window_end: today };
        let d = decision(rise.clone(), "Meer klachten over afval.", Vec::new(), now);
        assert!(store.dismiss_signal(&d, "Seizoensdrukte, elk jaar zo.").await.unwrap());
        assert!(!store.dismiss_signal(&d, "Een tweede reden").await.unwrap(), "a second decision is ignored");
        let dealt = store.dealt_rises(date(2000, 1, 1)).await.unwrap();
        assert_eq!(dealt, vec![(Dimension::Category, "Afval: containers".to_owned(), today)]);
        assert!(store.dealt_rises(today.tomorrow().unwrap()).await.unwrap().is_empty(), "windows ending before `from` are left out");

        // A theme with its complaints.
        let members: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let theme = SignalKey::theme(&members).unwrap();
        let later = now + SignedDuration::from_mins(1);
        assert!(store.dismiss_signal(&decision(theme.clone(), "3 klachten over hetzelfde.", members.clone(), later), "Al opgelost.").await.unwrap());
        let themes = store.dealt_themes(now - SignedDuration::from_hours(24)).await.unwrap();
        assert_eq!(themes.len(), 1);
        assert_eq!(themes[0].anchor, members[0]);
        assert_eq!(themes[0].members, members.iter().copied().collect());
        assert!(store.dealt_themes(later + SignedDuration::from_mins(1)).await.unwrap().is_empty());

        // A flagged case turned into a lesson, in one transaction.
        let case_id = complaint(&app, now, Channel::Email, "Burgerzaken").await;
        let ctx = Context::new(now, Actor::Staff { user_id: Uuid::nil(), name: "Mira Tester".into() });
        let handled = store
            .execute(case_id, |s| decide(s, Command::Learning(LearningCommand::FlagSignal { reason: "Raakt de hele straat".into() }), &ctx))
            .await;
        assert!(handled.is_ok(), "{handled:?}");
        let times = store.flag_times(&[case_id, Uuid::now_v7()]).await.unwrap();
        assert_eq!(times.len(), 1, "only the flagged case has a flag time");
        let flag = SignalKey::Flag { case_id, flagged_at: times.get(&case_id).copied() };
        let lesson_id = Uuid::now_v7();
        let proposal = Proposal {
            text: "Straatverlichting sneller repareren".into(),
            level: LessonLevel::Execution,
            learner: Learner::Team,
            positive: false,
            department: Some("Burgerzaken".into()),
            case_id: None,
        };
        let flag_at = later + SignedDuration::from_mins(1);
        let (state, new) = store
            .propose_lesson_for_signal(lesson_id, |s| register::decide(s, LessonCommand::Propose(proposal.clone()), &ctx), &decision(flag.clone(), "Signaal uit een klacht", Vec::new(), flag_at))
            .await
            .unwrap();
        assert!(new);
        assert!(state.entry().is_some(), "the lesson was written");
        assert!(store.lesson(lesson_id).await.unwrap().is_some());

        let all = store.signal_decisions(10).await.unwrap();
        assert_eq!(all.iter().map(|d| d.key.clone()).collect::<Vec<_>>(), [flag.clone(), theme.clone(), rise.clone()], "newest first");
        assert_eq!(all[0].lesson, Some((lesson_id, Some("Straatverlichting sneller repareren".to_owned()))));
        assert_eq!(all[0].reason, None);
        assert_eq!(all[2].reason.as_deref(), Some("Seizoensdrukte, elk jaar zo."));
        assert_eq!(all[2].by, "Mira Tester");
        let on_case = store.case_signal_decision(case_id).await.unwrap().expect("the case's flag decision");
        assert_eq!(on_case.key, flag);
        let found = store.dealt_keys(&[flag.clone(), SignalKey::Theme { anchor: Uuid::now_v7() }]).await.unwrap();
        assert_eq!(found.into_iter().collect::<Vec<_>>(), std::slice::from_ref(&flag));
        assert_eq!(store.signal_decision(&rise).await.unwrap().map(|d| d.title), Some("Meer klachten over afval.".to_owned()));

        // Nothing recorded is changed or removed afterwards.
        assert!(raw(store, "UPDATE signal_decisions SET reason = 'anders'").await.unwrap_err().contains("refused"));
        assert!(raw(store, "DELETE FROM signal_decisions").await.unwrap_err().contains("refused"));
        assert!(raw(store, "DELETE FROM signal_decision_cases").await.unwrap_err().contains("refused"));
        // A decision is either a lesson or a reason.
        let neither = "INSERT INTO signal_decisions (signal_key, kind, title, decided_at, decided_by_id, decided_by) \
                       VALUES ('theme:x', 'theme', 't', 1, x'00000000000000000000000000000000', 'x')";
        let neither = if matches!(store, Store::Postgres(_)) { neither.replace("x'00000000000000000000000000000000'", "'00000000-0000-0000-0000-000000000000'") } else { neither.to_owned() };
        assert!(raw(store, &neither).await.is_err());
        assert_eq!(store.signal_decisions(10).await.unwrap().len(), 3);
    }

    async fn no_action_needs_a_reason_and_moves_the_signal_to_dealt_with(app) {
        app.set_up_organisation().await;
        let id = complaint(&app, app.clock.now(), Channel::Email, "Burgerzaken").await;
        let handler = app.logged_in("hanna", Role::Handler).await;
        let flag = handler.post_form(&format!("/klachten/{id}/signaal"), &[("signalReason", "Raakt de hele straat")]).await;
        assert_eq!(flag.status, StatusCode::SEE_OTHER);
        // Only managers and administrators see and act.
        assert_eq!(handler.get("/inzicht/signalen").await.status, StatusCode::FORBIDDEN);
        let key = format!("flag:{id}");
        let refused = handler.post_form("/inzicht/signalen/geen-actie", &[("signal", &key), ("reason", "Niets")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let manager = app.logged_in("mira", Role::Manager).await;
        let list = manager.get("/inzicht/signalen").await.body;
        assert!(list.contains("Er is 1 open signaal."), "{list}");
        let flagged = section(&list, "gemarkeerd");
        assert!(flagged.contains("Raakt de hele straat"));
        let key = keys(flagged).pop().expect("a form for the flagged case");
        assert!(key.starts_with(&format!("flag:{id}:")), "the key has the flag time: {key}");
        assert!(list.contains("id=\"dealt-empty\""));

        let empty = manager.post_form("/inzicht/signalen/geen-actie", &[("signal", &key), ("reason", "   ")]).await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        assert!(empty.body.contains("Schrijf op waarom er geen actie nodig is."), "{}", empty.body);
        assert!(empty.body.contains("id=\"error-summary\""));
        assert!(empty.body.contains("<a href=\"#reden-1\">"), "the summary links to the field");
        assert!(empty.body.contains("aria-invalid=\"true\""));
        assert!(empty.body.contains("<details class=\"signal-actions__dismiss\" id=\"geen-actie-1\" open>"), "the form stays open");

        let bad = manager.post_form("/inzicht/signalen/geen-actie", &[("signal", "iets"), ("reason", "x")]).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("Dit signaal bestaat niet."));

        let done = manager.post_form("/inzicht/signalen/geen-actie", &[("signal", &key), ("reason", "Al besproken met de wijkmanager.")]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(done.location(), "/inzicht/signalen?afgehandeld=1#afgehandeld");
        let list = manager.get("/inzicht/signalen?afgehandeld=1").await.body;
        assert!(list.contains("id=\"flagged-empty\""), "gone from the open list: {list}");
        assert!(list.contains("Er zijn 0 open signalen."));
        assert!(list.contains("Het signaal staat nu bij de afgehandelde signalen."));
        let dealt = section(&list, "afgehandeld");
        assert!(dealt.contains("<details id=\"dealt\" open>"));
        assert!(dealt.contains("Al besproken met de wijkmanager."), "{dealt}");
        assert!(dealt.contains("door Mira Tester"));
        assert!(dealt.contains("Signaal uit KL-"));
        // The case stays flagged; its page says what was done with the signal.
        let case_page = handler.get(&format!("/klachten/{id}")).await.body;
        assert!(case_page.contains("Raakt de hele straat"));
        assert!(case_page.contains("Afgehandeld op de lijst met signalen door Mira Tester: geen actie nodig, Al besproken met de wijkmanager."), "{case_page}");

        // Dealt with twice: the second attempt is told so.
        let again = manager.post_form("/inzicht/signalen/geen-actie", &[("signal", &key), ("reason", "Nog eens")]).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(again.body.contains("Dit signaal is al afgehandeld."));

        // Flagged again after clearing: a new signal.
        handler.post_form(&format!("/klachten/{id}/signaal"), &[("action", "weghalen")]).await;
        app.clock.set(app.clock.now() + SignedDuration::from_mins(5));
        handler.post_form(&format!("/klachten/{id}/signaal"), &[("signalReason", "Nu ook in de buurt ernaast")]).await;
        let list = manager.get("/inzicht/signalen").await.body;
        assert!(section(&list, "gemarkeerd").contains("Nu ook in de buurt ernaast"), "{list}");
        assert!(!handler.get(&format!("/klachten/{id}")).await.body.contains("id=\"case-signal-dealt\""), "the new flag is open");
    }

    async fn a_lesson_made_from_a_theme_deals_with_it_and_links_it(app) {
        app.set_up_organisation().await;
        let now = app.clock.now();
        for text in [
            "Mijn container is drie weken niet geleegd.",
            "Alweer is de container niet geleegd in onze straat.",
            "De container wordt niet geleegd, nu al twee weken.",
            "Mijn paspoort is kwijtgeraakt bij de balie.",
            "De parkeerboete klopt niet.",
            "Niemand belt terug over mijn uitkering.",
        ] {
            saying(&app, now, Channel::Email, "Afval en Reiniging", text).await;
        }
        let manager = app.logged_in("mira", Role::Manager).await;
        let list = manager.get("/inzicht/signalen").await.body;
        let themes = section(&list, "themas");
        let key = keys(themes).pop().expect("a theme");
        assert!(key.starts_with("theme:"), "{key}");
        // "Leerpunt maken" carries the key to the lesson form.
        let link_start = themes.find("href=\"/leerpunten/nieuw?").expect("a lesson link");
        let link = unescape(themes[link_start + 6..].split('"').next().unwrap());
        assert!(link.contains(&format!("signaal={}", key.replace(':', "%3A"))), "{link}");
        let form = manager.get(&link).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains(&format!("<input type=\"hidden\" name=\"signal\" value=\"{key}\">")), "{}", form.body);
        assert!(form.body.contains("id=\"from-signal\""));
        assert!(form.body.contains("3 klachten gaan over hetzelfde"), "the text starts with what was seen");

        // A lesson that is refused keeps the key for the next try.
        let missing = manager.post_form("/leerpunten", &[("lessonText", "Containers vaker legen"), ("signal", &key)]).await;
        assert_eq!(missing.status, StatusCode::BAD_REQUEST);
        assert!(missing.body.contains(&format!("name=\"signal\" value=\"{key}\"")));
        assert!(!manager.get("/inzicht/signalen").await.body.contains("id=\"themes-empty\""), "still open");

        let made = manager
            .post_form(
                "/leerpunten",
                &[("lessonLevel", "execution"), ("learner", "team"), ("lessonText", "Containers in de wijk vaker legen"), ("department", "Afval en Reiniging"), ("signal", &key)],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let lesson = made.location().to_owned();
        assert!(lesson.starts_with("/leerpunten/"), "{lesson}");
        let list = manager.get("/inzicht/signalen").await.body;
        assert!(list.contains("id=\"themes-empty\""), "{list}");
        let dealt = section(&list, "afgehandeld");
        assert!(dealt.contains(&format!("<a href=\"{lesson}\">Containers in de wijk vaker legen</a>")), "{dealt}");
        assert!(dealt.contains("Terugkerend onderwerp"));

        // A fourth complaint about the same: still the same theme, not back on the list.
        saying(&app, now, Channel::Email, "Afval en Reiniging", "Weer de container niet geleegd, het stinkt.").await;
        assert!(manager.get("/inzicht/signalen").await.body.contains("id=\"themes-empty\""));
    }

    async fn a_rise_comes_back_only_in_a_later_window(app) {
        app.set_up_organisation().await;
        let start = app.clock.now();
        for _ in 0..5 {
            complaint(&app, start, Channel::Phone, "Parkeren").await;
        }
        let manager = app.logged_in("mira", Role::Manager).await;
        let list = manager.get("/inzicht/signalen").await.body;
        let rising = section(&list, "gestegen");
        let key = keys(rising).into_iter().find(|k| k.starts_with("rise:department:")).expect("a rise of the department");
        assert!(key.ends_with(":Parkeren"), "{key}");
        let done = manager.post_form("/inzicht/signalen/geen-actie", &[("signal", &key), ("reason", "Nieuwe parkeerregels, verwacht.")]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert!(manager.get("/inzicht/signalen").await.body.contains("id=\"rising-empty\""));

        // Ten days on, more complaints: the same rise, still dealt with.
        app.clock.set(start + SignedDuration::from_hours(24 * 10));
        for _ in 0..5 {
            complaint(&app, app.clock.now(), Channel::Phone, "Parkeren").await;
        }
        // (Sessions end after a while: log in again after moving the clock.)
        let manager = app.logged_in("mira-later", Role::Manager).await;
        assert!(manager.get("/inzicht/signalen").await.body.contains("id=\"rising-empty\""));

        // Four weeks after it was dealt with, the window holds only new complaints: a new signal.
        app.clock.set(start + SignedDuration::from_hours(24 * 28));
        let manager = app.logged_in("mira-weeks-later", Role::Manager).await;
        let list = manager.get("/inzicht/signalen").await.body;
        let again = keys(section(&list, "gestegen"));
        assert!(again.iter().any(|k| k.starts_with("rise:department:") && k.ends_with(":Parkeren") && *k != key), "{again:?}");
    }
}

//! The store on both databases: references, atomicity, the append-only hash
//! chain, concurrency, projections and their rebuild, accounts.

use gehoord_domain::{
    Actor, CaseReference, CaseState, Channel, Command, Complainant, Context, DomainError, Phase, Role,
    case::{InitialHandling, Intake},
    decide,
};
use gehoord_store::{InboxFilter, InboxQuery, NewUser, Store, StoreError};
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::harness::{Db, TestDb, both_dbs};

fn intake(channel: Channel, description: &str, received_at: Timestamp) -> Intake {
    Intake {
        reference: CaseReference::new(0, 1),
        channel,
        received_at,
        description: description.to_owned(),
        complainant: Complainant { name: Some("Fatima El Amrani".into()), ..Complainant::default() },
        conduct_date: None,
        department: Some("Afval en Reiniging".into()),
        employees_involved: None,
        signed: false,
        handling: InitialHandling::ToComplaintHandling,
    }
}

/// Registers a web-form complaint received at `at`; returns id and reference.
async fn register_at(store: &Store, description: &str, at: Timestamp) -> (Uuid, CaseReference) {
    let id = Uuid::now_v7();
    let year = gehoord_domain::time::date_in_amsterdam(at).year();
    let ctx = Context::new(at, Actor::Citizen);
    let reference = store
        .register_case(id, year, |reference| {
            let intake = Intake { reference, ..intake(Channel::WebForm, description, at) };
            decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)
        })
        .await
        .expect("register");
    (id, reference)
}

async fn register(store: &Store, description: &str) -> (Uuid, CaseReference) {
    register_at(store, description, Timestamp::now()).await
}

fn staff(name: &str) -> Actor {
    Actor::Staff { user_id: Uuid::now_v7(), name: name.to_owned() }
}

async fn take(store: &Store, id: Uuid, actor: Actor) -> Result<CaseState, StoreError> {
    let ctx = Context::new(Timestamp::now(), actor);
    store.execute(id, |s| decide(s, Command::TakeIntoHandling, &ctx)).await
}

/// Runs a statement that the application never would (tampering).
async fn raw(store: &Store, sql: &str) -> Result<u64, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match store {
        Store::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(|r| r.rows_affected()),
        Store::Postgres(p) => sqlx::raw_sql(sql).execute(p).await.map(|r| r.rows_affected()),
    }
}

async fn disable_append_only_guard(store: &Store) {
    let sql = match store {
        Store::Sqlite(_) => "DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete",
        Store::Postgres(_) => "ALTER TABLE events DISABLE TRIGGER USER",
    };
    raw(store, sql).await.expect("disable triggers");
}

both_dbs! {
    async fn references_count_up_per_year_without_gaps(app) {
        let store = &app.store;
        let (_, a) = register(store, "Eerste klacht").await;
        let (_, b) = register(store, "Tweede klacht").await;
        assert_eq!(b.number(), a.number() + 1);
        assert_eq!(a.number(), 1);
        let next_year: Timestamp = "2031-01-01T00:30:00+01:00".parse().unwrap();
        let year_of = |t: Timestamp| gehoord_domain::time::date_in_amsterdam(t).year();
        let id = Uuid::now_v7();
        let ctx = Context::new(next_year, Actor::System);
        let r = store.register_case(id, year_of(next_year), |reference| {
            decide(&CaseState::New, Command::Register(Box::new(Intake { reference, ..intake(Channel::Letter, "Brief", next_year) })), &ctx)
        }).await.unwrap();
        assert_eq!(r.to_string(), "KL-2031-000001");
    }

    async fn a_refused_registration_writes_nothing_and_uses_no_number(app) {
        let store = &app.store;
        let ctx = Context::new(Timestamp::now(), Actor::Citizen);
        let refused = store.register_case(Uuid::now_v7(), 2026, |reference| {
            decide(&CaseState::New, Command::Register(Box::new(Intake { reference, ..intake(Channel::WebForm, "   ", ctx.now) })), &ctx)
        }).await;
        assert!(matches!(refused, Err(StoreError::Domain(DomainError::Invalid(_)))), "{refused:?}");
        assert_eq!(app.counts().await, (0, 0));
        let (_, r) = register(store, "Nu wel").await;
        assert_eq!(r.number(), 1, "the refused attempt must not have consumed a number");
    }

    async fn group_commit_isolates_a_refused_registration_from_its_batch(app) {
        let queue = gehoord_store::IntakeQueue::start(app.store.clone());
        let now = Timestamp::now();
        let year = gehoord_domain::time::date_in_amsterdam(now).year();
        let mut pending = Vec::new();
        for i in 0..60 {
            let queue = queue.clone();
            // Every fifth registration is refused by the domain (no description).
            let description = if i % 5 == 0 { "   ".to_owned() } else { format!("Klacht {i}") };
            pending.push(tokio::spawn(async move {
                let id = Uuid::now_v7();
                let ctx = Context::new(now, Actor::Citizen);
                let result = queue.register(id, year, move |reference| {
                    decide(&CaseState::New, Command::Register(Box::new(Intake { reference, ..intake(Channel::WebForm, &description, now) })), &ctx)
                }).await;
                (id, i, result)
            }));
        }
        let mut numbers = Vec::new();
        for p in pending {
            let (id, i, result) = p.await.unwrap();
            if i % 5 == 0 {
                assert!(matches!(result, Err(StoreError::Domain(DomainError::Invalid(_)))), "{result:?}");
                assert!(app.store.case_view(id).await.unwrap().is_none());
            } else {
                let reference = result.unwrap();
                assert_eq!(app.store.case_view(id).await.unwrap().unwrap().row.reference, reference.to_string());
                numbers.push(reference.number());
            }
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=48).collect::<Vec<u32>>(), "refusals use no number; no gaps, no repeats");
        assert_eq!(app.counts().await, (48, 48));
        assert!(app.store.verify().await.unwrap().is_intact());
    }

    async fn commitments_and_escalations_surface_in_overviews_and_the_inbox(app) {
        let store = &app.store;
        let (id, _) = register(store, "Terugbetaling blijft uit").await;
        let (other, _) = register(store, "Andere klacht").await;
        let hanna = staff("Hanna de Boer");
        take(store, id, hanna.clone()).await.unwrap();
        let today = gehoord_domain::time::date_in_amsterdam(Timestamp::now());
        let due = today.checked_add(jiff::Span::new().days(10)).unwrap();
        let commitment = Uuid::now_v7();
        let escalation = Uuid::now_v7();
        let run = |command: Command| {
            let ctx = Context::new(Timestamp::now(), hanna.clone());
            async move { store.execute(id, |s| decide(s, command.clone(), &ctx)).await.unwrap() }
        };
        run(Command::MakeCommitment { id: commitment, what: "Bedrag terugstorten".into(), to_whom: "Klager".into(), owner: "Team Betalingen".into(), due }).await;
        run(Command::Escalate { id: escalation, reason: gehoord_domain::escalation::EscalationReason::Mandate, explanation: "Tegemoetkoming".into(), requested_decision: "Akkoord met 50 euro?".into() }).await;

        let commitments = store.open_commitments(None, 1, 20).await.unwrap();
        assert_eq!(commitments.total, 1);
        let row = &commitments.items[0];
        assert_eq!((row.case_id, row.commitment_id, row.due, row.handler_name.as_deref()), (id, commitment, due, Some("Hanna de Boer")));
        assert_eq!(store.open_commitments(hanna.user_id(), 1, 20).await.unwrap().total, 1);
        assert_eq!(store.open_commitments(Some(Uuid::now_v7()), 1, 20).await.unwrap().total, 0);
        let escalations = store.open_escalations(1, 20).await.unwrap();
        assert_eq!(escalations.items.iter().map(|e| (e.case_id, e.escalation_id)).collect::<Vec<_>>(), [(id, escalation)]);
        assert_eq!(escalations.items[0].raised_by, "Hanna de Boer");

        let view = store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.row.next_commitment_due, Some(due));
        assert_eq!(view.row.open_escalations, 1);
        assert_eq!(view.detail.commitments.len(), 1);
        assert!(view.row.first_contact_due.is_some() && !view.row.first_contact_done);

        // Attention: nothing is late today; in a month both cases' first
        // contact is, and the commitment too.
        let attention = |today: jiff::civil::Date, threshold| InboxQuery { attention: Some(gehoord_store::Attention { today, commitments_due_on_or_before: threshold }), ..InboxQuery::default() };
        assert_eq!(store.inbox(&attention(today, today)).await.unwrap().total, 0);
        let later = today.checked_add(jiff::Span::new().days(30)).unwrap();
        assert_eq!(store.inbox(&attention(later, later)).await.unwrap().total, 2);
        assert_eq!(store.inbox(&attention(today, due)).await.unwrap().items.iter().map(|r| r.id).collect::<Vec<_>>(), [id], "commitment due counts");
        let contact = gehoord_domain::contact::Contact {
            at: Timestamp::now(),
            method: gehoord_domain::contact::ContactMethod::Phone,
            initiative: gehoord_domain::contact::Initiative::Organisation,
            outcome: gehoord_domain::contact::ContactOutcome::NotReached,
            summary: "Niet opgenomen".into(),
        };
        run(Command::LogContact { contact, preference_overridden: false }).await;
        assert_eq!(store.inbox(&attention(later, today)).await.unwrap().items.iter().map(|r| r.id).collect::<Vec<_>>(), [other], "an attempt meets the norm");

        run(Command::SettleCommitment { id: commitment, kept: true, explanation: None, on: today }).await;
        let manager = staff("Mo Manager");
        let ctx = Context::new(Timestamp::now(), manager);
        store.execute(id, |s| decide(s, Command::AnswerEscalation { id: escalation, decision: "Akkoord".into() }, &ctx)).await.unwrap();
        assert_eq!(store.open_commitments(None, 1, 20).await.unwrap().total, 0);
        assert_eq!(store.open_escalations(1, 20).await.unwrap().total, 0);
        let before = store.case_view(id).await.unwrap().unwrap();
        raw(store, "DELETE FROM cases").await.unwrap();
        raw(store, "DELETE FROM case_commitments").await.unwrap();
        store.rebuild(|_| {}).await.unwrap();
        assert_eq!(store.case_view(id).await.unwrap().unwrap(), before);
        assert!(store.verify().await.unwrap().is_intact());
    }

    async fn events_cannot_be_updated_or_deleted(app) {
        let store = &app.store;
        register(store, "Oorspronkelijke tekst").await;
        let update = raw(store, "UPDATE events SET payload = '{}'").await;
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = raw(store, "DELETE FROM events").await;
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        assert_eq!(app.counts().await.0, 1);
    }

    async fn verify_finds_the_first_edited_event(app) {
        let store = &app.store;
        let (id, _) = register(store, "De vuilnisbak is niet geleegd").await;
        take(store, id, staff("Sanne Bakker")).await.unwrap();
        register(store, "Andere klacht").await;
        let report = store.verify().await.unwrap();
        assert!(report.is_intact(), "{report:?}");
        assert_eq!((report.cases, report.events), (2, 3));

        disable_append_only_guard(store).await;
        let edited = raw(store, &format!(
            "UPDATE events SET payload = replace(payload, 'niet geleegd', 'wel geleegd') WHERE seq = 1 AND case_id = {}",
            match store { Store::Sqlite(_) => format!("X'{}'", id.simple()), Store::Postgres(_) => format!("'{id}'") }
        )).await.unwrap();
        assert_eq!(edited, 1);
        let broken = store.verify().await.unwrap().first_broken.expect("tampering must be found");
        assert_eq!((broken.case_id, broken.seq), (id, 1));
        assert!(broken.reason.contains("changed"), "{}", broken.reason);
    }

    async fn verify_notices_a_removed_last_event(app) {
        let store = &app.store;
        let (id, _) = register(store, "Klacht").await;
        take(store, id, staff("Sanne Bakker")).await.unwrap();
        disable_append_only_guard(store).await;
        raw(store, "DELETE FROM events WHERE seq = 2").await.unwrap();
        let broken = store.verify().await.unwrap().first_broken.expect("removal must be found");
        assert_eq!(broken.case_id, id);
        assert!(broken.reason.contains("removed"), "{}", broken.reason);
    }

    async fn concurrent_commands_on_one_case_keep_the_chain_whole(app) {
        let store = &app.store;
        let (id, _) = register(store, "Klacht").await;
        let attempts = (0..6).map(|i| {
            let store = store.clone();
            tokio::spawn(async move { take(&store, id, staff(&format!("Behandelaar {i}"))).await })
        });
        let mut ok = 0;
        for a in attempts {
            match a.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::Conflict) => {}
                Err(e) => panic!("unexpected error: {e}"),
            }
        }
        assert!(ok >= 1);
        let events = store.events(id).await.unwrap();
        let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
        assert_eq!(seqs.len(), 1 + ok);
        assert!(store.verify().await.unwrap().is_intact());
        let view = store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.row.version, seqs.len() as i64, "projection follows the last event");
    }

    async fn projections_are_rebuilt_from_events(app) {
        let store = &app.store;
        let (id, _) = register(store, "Klacht over parkeren").await;
        take(store, id, staff("Sanne Bakker")).await.unwrap();
        register(store, "Tweede").await;
        let before = store.case_view(id).await.unwrap().unwrap();
        raw(store, "DELETE FROM cases").await.unwrap();
        assert!(store.case_view(id).await.unwrap().is_none());
        let mut seen = 0;
        assert_eq!(store.rebuild(|n| seen = n).await.unwrap(), 2);
        assert_eq!(seen, 2);
        assert_eq!(store.case_view(id).await.unwrap().unwrap(), before);
        assert!(store.verify().await.unwrap().is_intact());
    }

    async fn inbox_filters_and_pages(app) {
        let store = &app.store;
        let base: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(register_at(store, &format!("Klacht {i}"), base + SignedDuration::from_hours(i)).await.0);
        }
        let me = staff("Sanne Bakker");
        let my_id = me.user_id().unwrap();
        take(store, ids[1], me.clone()).await.unwrap();
        take(store, ids[3], me).await.unwrap();
        take(store, ids[4], staff("Iemand Anders")).await.unwrap();

        let page = store.inbox(&InboxQuery { page_size: 2, ..InboxQuery::default() }).await.unwrap();
        assert_eq!(page.total, 5);
        assert!(page.total_is_exact);
        assert_eq!(page.last_page(), 3);
        assert_eq!(page.items.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[4], ids[3]], "newest first");
        let last = store.inbox(&InboxQuery { page_size: 2, page: 3, ..InboxQuery::default() }).await.unwrap();
        assert_eq!(last.items.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[0]]);
        assert!(!last.has_next());
        let oldest = store.inbox(&InboxQuery { oldest_first: true, page_size: 1, ..InboxQuery::default() }).await.unwrap();
        assert_eq!(oldest.items[0].id, ids[0]);

        let mine = store.inbox(&InboxQuery { handler: Some(my_id), ..InboxQuery::default() }).await.unwrap();
        assert_eq!(mine.items.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[3], ids[1]]);
        let unassigned = store.inbox(&InboxQuery { unassigned: true, ..InboxQuery::default() }).await.unwrap();
        assert_eq!(unassigned.items.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[2], ids[0]]);
        let exploring = store.inbox(&InboxQuery { phase: Some(Phase::Explore), ..InboxQuery::default() }).await.unwrap();
        assert_eq!(exploring.total, 3);
        let by_phone = store.inbox(&InboxQuery { channel: Some(Channel::Phone), ..InboxQuery::default() }).await.unwrap();
        assert_eq!(by_phone.total, 0);
        let closed = store.inbox(&InboxQuery { status: InboxFilter::Closed, ..InboxQuery::default() }).await.unwrap();
        assert_eq!(closed.total, 0);
        let row = &mine.items[0];
        assert_eq!(row.handler_name.as_deref(), Some("Sanne Bakker"));
        assert_eq!(row.department.as_deref(), Some("Afval en Reiniging"));
    }

    async fn sessions_expire_and_end(app) {
        let store = &app.store;
        let now = Timestamp::now();
        let user = app.create_user("sanne", "een-goed-wachtwoord", Role::Handler).await;
        assert_eq!(store.authenticate("Sanne ", "een-goed-wachtwoord").await.unwrap().map(|u| u.id), Some(user.id));
        assert!(store.authenticate("sanne", "fout-wachtwoord").await.unwrap().is_none());
        assert!(store.authenticate("onbekend", "een-goed-wachtwoord").await.unwrap().is_none());
        let token = store.create_session(user.id, now, SignedDuration::from_hours(1)).await.unwrap();
        assert_eq!(store.session_user(&token, now).await.unwrap().map(|u| u.id), Some(user.id));
        assert!(store.session_user(&token, now + SignedDuration::from_hours(2)).await.unwrap().is_none());
        assert!(store.session_user("not-a-token", now).await.unwrap().is_none());
        store.delete_session(&token).await.unwrap();
        assert!(store.session_user(&token, now).await.unwrap().is_none());
        let dup = store.create_user(&NewUser { username: "SANNE".into(), display_name: "x".into(), password: "een-goed-wachtwoord".into(), role: Role::Employee }, now).await;
        assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    }

    async fn api_tokens_work_until_revoked(app) {
        let store = &app.store;
        let now = Timestamp::now();
        let (token, secret) = store.create_api_token("KCC", now).await.unwrap();
        assert_eq!(store.api_token(&secret).await.unwrap().map(|t| t.id), Some(token.id));
        assert!(store.api_token("gh_api_wrong").await.unwrap().is_none());
        assert!(store.revoke_api_token(token.id, now).await.unwrap());
        assert!(!store.revoke_api_token(token.id, now).await.unwrap());
        assert!(store.api_token(&secret).await.unwrap().is_none());
        assert!(store.api_tokens().await.unwrap()[0].revoked_at.is_some());
    }

    async fn set_up_happens_once_and_needs_a_valid_link(app) {
        let store = &app.store;
        let now = Timestamp::now();
        let admin = NewUser { username: "beheer".into(), display_name: "Beheer".into(), password: "een-goed-wachtwoord".into(), role: Role::Admin };
        assert!(matches!(store.set_up("Gemeente X", &admin, Some("wrong"), now).await, Err(StoreError::NotFound)));
        let token = store.create_setup_token(now).await.unwrap();
        assert!(store.setup_token_valid(&token, now).await.unwrap());
        assert!(!store.setup_token_valid(&token, now + SignedDuration::from_hours(25)).await.unwrap());
        let user = store.set_up("Gemeente X", &admin, Some(&token), now).await.unwrap();
        assert_eq!(user.role, Role::Admin);
        assert_eq!(store.organisation().await.unwrap().unwrap().name, "Gemeente X");
        assert!(!store.setup_token_valid(&token, now).await.unwrap(), "a set-up link works once");
        assert!(matches!(store.set_up("Gemeente Y", &admin, None, now).await, Err(StoreError::Duplicate(_))));
    }
}

/// Both schemas must have the same migrations and the same tables and columns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_migrations_are_in_lockstep() {
    let versions = |ms: &[gehoord_store::Migration]| ms.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
    assert_eq!(versions(gehoord_store::MIGRATIONS_SQLITE), versions(gehoord_store::MIGRATIONS_POSTGRES));

    let sqlite_db = TestDb::new(Db::Sqlite).await;
    let pg_db = TestDb::new(Db::Postgres).await;
    let sqlite = Store::open(&sqlite_db.url).await.unwrap();
    let pg = Store::open(&pg_db.url).await.unwrap();
    let Store::Sqlite(s) = &sqlite else { unreachable!() };
    let Store::Postgres(p) = &pg else { unreachable!() };
    let mut lite: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2",
    )
    .fetch_all(s)
    .await
    .unwrap();
    let mut post: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = 'public' ORDER BY 1, 2",
    )
    .fetch_all(p)
    .await
    .unwrap();
    lite.sort();
    post.sort();
    assert!(lite.len() > 40, "expected the whole schema, got {lite:?}");
    assert_eq!(lite, post);
}

/// Opening the same database again (a restart) applies nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrating_twice_is_harmless() {
    for kind in [Db::Sqlite, Db::Postgres] {
        let db = TestDb::new(kind).await;
        let first = Store::open(&db.url).await.unwrap();
        register(&first, "Klacht").await;
        first.close().await;
        let again = Store::open(&db.url).await.unwrap();
        assert_eq!(again.inbox(&InboxQuery::default()).await.unwrap().total, 1);
        again.close().await;
    }
}

#[tokio::test]
async fn unknown_database_urls_are_refused_clearly() {
    let err = Store::open("mysql://localhost/x").await.unwrap_err();
    assert!(err.to_string().contains("sqlite:// or postgres://"), "{err}");
}

both_dbs! {
    async fn formal_handling_is_stored_recomputes_the_deadline_and_survives_a_rebuild(app) {
        use gehoord_domain::{formal::FormalCommand, judgment::{Judgment, Verdict}, norm::Norm};
        let store = &app.store;
        // Received Monday 23 February 2026: 6 weeks end on Easter Monday, so Tuesday 7 April.
        let received: Timestamp = "2026-02-23T09:00:00Z".parse().unwrap();
        let (id, _) = register_at(store, "Mijn melding is kwijt", received).await;
        let (later, _) = register_at(store, "Later ontvangen", "2026-03-09T09:00:00Z".parse().unwrap()).await;
        let hanna = staff("Hanna de Boer");
        let now: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        let run = |command: FormalCommand| {
            let ctx = Context::new(now, hanna.clone());
            async move { store.execute(id, |s| decide(s, Command::Formal(command.clone()), &ctx)).await }
        };
        let row = store.case_view(id).await.unwrap().unwrap().row;
        assert_eq!(row.decision_due, Some(jiff::civil::date(2026, 4, 7)));

        run(FormalCommand::Start { reason: "Geen oplossing".into(), signed: true }).await.unwrap();
        run(FormalCommand::Postpone { weeks: 3, reason: "Getuige afwezig".into(), complainant_notified_on: jiff::civil::date(2026, 3, 2), respondent_notified: false }).await.unwrap();
        let part = Uuid::now_v7();
        run(FormalCommand::AddPart { id: part, description: "Melding kwijt".into() }).await.unwrap();
        run(FormalCommand::JudgePart { id: part, judgment: Judgment { verdict: Verdict::WellFounded, facts_established: true, lawfulness_tested: false, norms: vec![Norm::Organisation], motivation: "Niet geregistreerd".into(), apology: Some("Excuses".into()), compensation: None } }).await.unwrap();
        let refused = run(FormalCommand::Postpone { weeks: 1, reason: "Nog eens".into(), complainant_notified_on: jiff::civil::date(2026, 3, 2), respondent_notified: false }).await;
        assert!(matches!(refused, Err(StoreError::Domain(DomainError::AlreadyPostponed))), "{refused:?}");

        let view = store.case_view(id).await.unwrap().unwrap();
        assert_eq!(view.row.phase, Phase::Judge);
        // 6 weeks unextended end on Monday 6 April, + 3 weeks: Monday 27 April (King's Day), so Tuesday 28 April.
        assert_eq!(view.row.decision_due, Some(jiff::civil::date(2026, 4, 28)));
        assert_eq!(view.detail.formal_handling.parts.len(), 1);
        assert_eq!(view.detail.formal_handling.postponement.as_ref().map(|p| p.weeks), Some(3));

        // The overview lists by deadline: the later complaint (due 20 April) first.
        let all = store.open_by_deadline(&gehoord_store::DeadlineQuery { page: 1, page_size: 10, ..Default::default() }).await.unwrap();
        assert_eq!(all.items.iter().map(|r| r.id).collect::<Vec<_>>(), [later, id]);
        let due_soon = gehoord_store::DeadlineQuery { due_until: Some(jiff::civil::date(2026, 4, 20)), page: 1, page_size: 10, ..Default::default() };
        assert_eq!(store.open_by_deadline(&due_soon).await.unwrap().items.iter().map(|r| r.id).collect::<Vec<_>>(), [later]);
        let other_department = gehoord_store::DeadlineQuery { department: Some("Burgerzaken".into()), page: 1, page_size: 10, ..Default::default() };
        assert_eq!(store.open_by_deadline(&other_department).await.unwrap().total, 0);
        assert_eq!(store.open_departments().await.unwrap(), ["Afval en Reiniging"]);

        raw(store, "DELETE FROM cases").await.unwrap();
        store.rebuild(|_| {}).await.unwrap();
        assert_eq!(store.case_view(id).await.unwrap().unwrap(), view);
        assert!(store.verify().await.unwrap().is_intact());
    }

    async fn the_ombudsman_and_warning_threshold_are_organisation_settings(app) {
        let store = &app.store;
        assert_eq!(store.rules().await.unwrap().ombudsman, "de Nationale ombudsman");
        let admin = NewUser { username: "beheer".into(), display_name: "Beheer".into(), password: "een-goed-wachtwoord".into(), role: Role::Admin };
        let now = Timestamp::now();
        let token = store.create_setup_token(now).await.unwrap();
        store.set_up("Gemeente Ergens", &admin, Some(&token), now).await.unwrap();
        let mut rules = store.rules().await.unwrap();
        assert_eq!(rules.warning_working_days, 5);
        rules.ombudsman = "de Gemeentelijke Ombudsman Ergens".into();
        rules.warning_working_days = 8;
        store.set_rules(&rules).await.unwrap();
        assert_eq!(store.rules().await.unwrap(), rules);
    }
}

both_dbs! {
    async fn evidence_files_are_stored_with_their_event_or_not_at_all(app) {
        use gehoord_domain::evidence::{Evidence, EvidenceSource};
        use gehoord_store::NewAttachment;
        use sha2::Digest as _;
        let store = &app.store;
        let (id, _) = register(store, "Klacht met een foto").await;
        let content = b"%PDF-1.7 brief van de gemeente".to_vec();
        let sha256 = hex::encode(sha2::Sha256::digest(&content));
        let file = NewAttachment { id: Uuid::now_v7(), sha256: sha256.clone(), media_type: "application/pdf".into(), content: content.clone() };
        let evidence = |description: &str| Evidence {
            id: file.id,
            file_name: "brief.pdf".into(),
            media_type: "application/pdf".into(),
            size: content.len() as u64,
            sha256: sha256.clone(),
            description: description.into(),
            source: EvidenceSource::Complainant,
            audio: None,
        };
        let ctx = Context::new(Timestamp::now(), staff("Hanna de Boer"));
        // Refused by the rules: no event and no file.
        let refused = store.execute_with_file(id, &file, |s| decide(s, Command::AddEvidence(evidence(" ")), &ctx)).await;
        assert!(matches!(refused, Err(StoreError::Domain(DomainError::Invalid(_)))), "{refused:?}");
        assert!(store.attachment(id, file.id).await.unwrap().is_none());

        store.execute_with_file(id, &file, |s| decide(s, Command::AddEvidence(evidence("Brief van 3 maart")), &ctx)).await.unwrap();
        let stored = store.attachment(id, file.id).await.unwrap().unwrap();
        assert_eq!((stored.content, stored.sha256.as_str(), stored.media_type.as_str()), (content.clone(), sha256.as_str(), "application/pdf"));
        assert!(store.attachment(Uuid::now_v7(), file.id).await.unwrap().is_none(), "only through its own case");
        assert_eq!(store.case_view(id).await.unwrap().unwrap().detail.evidence.len(), 1);
        assert!(raw(store, "UPDATE attachments SET content = content").await.is_err(), "files are append-only");
        assert!(raw(store, "DELETE FROM attachments").await.is_err(), "files are append-only");
        let report = store.verify().await.unwrap();
        assert!(report.is_intact() && report.files == 1, "{report:?}");
        // Around the guard, by hand: verify notices the changed file.
        let sql = match store {
            Store::Sqlite(_) => "DROP TRIGGER attachments_refuse_update; UPDATE attachments SET content = X'00'",
            Store::Postgres(_) => "ALTER TABLE attachments DISABLE TRIGGER USER; UPDATE attachments SET content = '\\x00'",
        };
        raw(store, sql).await.unwrap();
        let broken = store.verify().await.unwrap().first_broken.unwrap();
        assert!(broken.reason.contains("file was changed"), "{broken:?}");
    }
}

both_dbs! {
    async fn a_conduct_protocol_is_found_on_every_case_of_the_same_person(app) {
        use gehoord_domain::conduct::{ConductProtocol, ContactLimit, ProtocolReview};
        let store = &app.store;
        let now = Timestamp::now();
        let with_contact = |description: &'static str, email: &'static str, phone: &'static str| {
            let id = Uuid::now_v7();
            let ctx = Context::new(now, Actor::Citizen);
            async move {
                store
                    .register_case(id, gehoord_domain::time::date_in_amsterdam(now).year(), |reference| {
                        let complainant = Complainant { name: Some("Karel Dekker".into()), email: Some(email.into()), phone: Some(phone.into()), ..Complainant::default() };
                        let intake = Intake { reference, complainant, ..intake(Channel::WebForm, description, now) };
                        decide(&CaseState::New, Command::Register(Box::new(intake)), &ctx)
                    })
                    .await
                    .unwrap();
                id
            }
        };
        let first = with_contact("Eerste klacht", "karel@example.nl", "06 11122233").await;
        let second = with_contact("Tweede klacht", "KAREL@example.nl ", "").await;
        let by_phone = with_contact("Derde klacht", "ander@example.nl", "+31 6 1112 2233").await;
        let stranger = with_contact("Van iemand anders", "iemand@example.nl", "06 99988877").await;
        let hanna = staff("Hanna de Boer");
        let today = gehoord_domain::time::date_in_amsterdam(now);
        let protocol = ConductProtocol {
            id: Uuid::now_v7(),
            limits: vec![ContactLimit::WrittenOnly],
            other_limit: None,
            behaviour: "Dagelijks meerdere boze telefoontjes".into(),
            reason: "Het team kan anderen niet meer helpen".into(),
            agreements_tried: "Wekelijks belmoment afgesproken".into(),
            contact_continues: "Schrijf ons; wij antwoorden binnen twee weken".into(),
            from: today,
            review_on: today.checked_add(jiff::Span::new().months(6)).unwrap(),
        };
        let ctx = Context::new(now, hanna.clone());
        store.execute(first, |s| decide(s, Command::ImposeConductProtocol(protocol.clone()), &ctx)).await.unwrap();

        let complainant = |id| async move { store.case_view(id).await.unwrap().unwrap().detail.complainant };
        for (case, expected) in [(first, 1), (second, 1), (by_phone, 1), (stranger, 0)] {
            let found = store.protocols_for(&complainant(case).await).await.unwrap();
            assert_eq!(found.len(), expected, "case {case}");
            if let Some(p) = found.first() {
                assert_eq!((p.case_id, p.record.protocol.id), (first, protocol.id));
            }
        }
        raw(store, "DELETE FROM conduct_protocols").await.unwrap();
        store.rebuild(|_| {}).await.unwrap();
        assert_eq!(store.protocols_for(&complainant(second).await).await.unwrap().len(), 1, "rebuilt from the events");

        let end = ProtocolReview { on: today, note: "Contact gaat weer goed".into(), next_review_on: None };
        store.execute(first, |s| decide(s, Command::ReviewConductProtocol { id: protocol.id, review: end.clone() }, &ctx)).await.unwrap();
        assert!(store.protocols_for(&complainant(second).await).await.unwrap().is_empty(), "an ended protocol no longer applies");
    }
}

both_dbs! {
    async fn a_letter_by_email_enters_the_outbox_with_its_event_and_is_delivered_once(app) {
        use gehoord_domain::letter::{Delivery, LetterKind, Sender, draft};
        let store = &app.store;
        let now = Timestamp::now();
        let (id, _) = register(store, "Klacht over de afvalpas").await;
        let hanna = staff("Hanna de Boer");
        let ctx = Context::new(now, hanna.clone());
        let rules = store.rules().await.unwrap();
        let case = store.events(id).await.unwrap();
        let state = CaseState::from_events(case.iter().map(|e| &e.event));
        let sender = Sender { organisation: "Gemeente Ergens".into(), name: "Hanna de Boer".into() };
        let mut letter = draft(LetterKind::Acknowledgement, state.case().unwrap(), &rules, &store.letter_texts().await.unwrap(), &sender, gehoord_domain::time::date_in_amsterdam(now)).unwrap();
        letter.delivery = Delivery::Email;
        letter.recipient.email = Some("fatima@example.nl".into());
        let send = |letter_id: Uuid, letter: gehoord_domain::letter::Letter| {
            let ctx = ctx.clone();
            async move { store.execute(id, |s| decide(s, Command::SendLetter { id: letter_id, letter: Box::new(letter.clone()), overrides: vec![], pdf_sha256: None }, &ctx)).await }
        };
        // Refused by the check: no event, no outbox row.
        let mut incomplete = letter.clone();
        incomplete.blocks.retain(|b| !matches!(b, gehoord_domain::letter::Block::Hearing { .. }));
        assert!(send(Uuid::now_v7(), incomplete).await.is_err());
        assert!(store.due_letters(now, 10).await.unwrap().is_empty());

        let letter_id = Uuid::now_v7();
        send(letter_id, letter.clone()).await.unwrap();
        let due = store.due_letters(now + SignedDuration::from_secs(1), 10).await.unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!((due[0].letter_id, due[0].recipient.as_str(), &due[0].letter), (letter_id, "fatima@example.nl", &letter));

        // A failed attempt waits for its retry.
        let retry_at = now + SignedDuration::from_mins(5);
        store.letter_failed(letter_id, "connection refused", Some(retry_at)).await.unwrap();
        assert!(store.due_letters(now + SignedDuration::from_mins(1), 10).await.unwrap().is_empty());
        let due = store.due_letters(retry_at, 10).await.unwrap();
        assert_eq!(due[0].attempts, 1);
        store.letter_delivered(&due[0], retry_at).await.unwrap();
        store.letter_delivered(&due[0], retry_at).await.unwrap();
        let delivered = store.deliveries(id).await.unwrap();
        assert_eq!((delivered[0].status.as_str(), delivered[0].attempts, delivered[0].last_error.as_deref()), ("delivered", 1, Some("connection refused")));
        let events = store.events(id).await.unwrap();
        assert_eq!(events.iter().filter(|e| e.event.payload.kind() == "letter_delivered").count(), 1, "recorded once");
        let view = store.case_view(id).await.unwrap().unwrap();
        assert!(view.detail.letters[0].delivered_at.is_some());

        // Given up after the last attempt, a person can put it back.
        let second = Uuid::now_v7();
        send(second, letter.clone()).await.unwrap();
        store.letter_failed(second, "mailbox unavailable", None).await.unwrap();
        assert!(store.due_letters(now + SignedDuration::from_hours(1), 10).await.unwrap().is_empty());
        assert!(!store.retry_letter(Uuid::now_v7(), second, now).await.unwrap(), "only through its own case");
        assert!(store.retry_letter(id, second, now).await.unwrap());
        assert_eq!(store.due_letters(now + SignedDuration::from_secs(1), 10).await.unwrap().len(), 1);

        // By post: no outbox.
        let mut by_post = letter;
        by_post.delivery = Delivery::Post;
        by_post.recipient.address = Some("Kerkstraat 4, 1234 AB Ergens".into());
        send(Uuid::now_v7(), by_post).await.unwrap();
        assert_eq!(store.deliveries(id).await.unwrap().len(), 2);
        assert!(store.verify().await.unwrap().is_intact());
    }
}

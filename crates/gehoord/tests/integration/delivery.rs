//! Letters by e-mail through the outbox, on both databases: delivered
//! through a real SMTP conversation, kept through an outage and delivered
//! once afterwards, given up after the last attempt, never sent without TLS
//! when the URL requires it, and written as files when no SMTP server is set.

use gehoord_domain::{
    Actor, CaseState, Command, Context, decide,
    letter::{Delivery, Letter, LetterKind, Sender, draft},
};
use gehoord_store::Store;
use gehoord_web::outbox::{MAX_ATTEMPTS, MailConfig, Mailer, SmtpServer, backoff, deliver_due};
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::{
    harness::both_dbs,
    smtp_sink::{SmtpSink, free_port},
};

/// A web-form complaint with an acknowledgement sent by e-mail; returns the
/// case and letter ids.
async fn acknowledged(store: &Store, now: Timestamp) -> (Uuid, Uuid) {
    let id = Uuid::now_v7();
    let citizen = Context::new(now, Actor::Citizen);
    store
        .register_case(id, gehoord_domain::time::date_in_amsterdam(now).year(), |reference| {
            let intake = gehoord_domain::case::Intake {
                reference,
                channel: gehoord_domain::Channel::WebForm,
                received_at: now,
                description: "Mijn afvalpas werkt niet.".into(),
                complainant: gehoord_domain::Complainant {
                    name: Some("Fatima El Amrani".into()),
                    email: Some("fatima@example.nl".into()),
                    ..gehoord_domain::Complainant::default()
                },
                conduct_date: None,
                department: None,
                employees_involved: None,
                signed: false,
                handling: gehoord_domain::case::InitialHandling::ToComplaintHandling,
            };
            decide(&CaseState::New, Command::Register(Box::new(intake)), &citizen)
        })
        .await
        .unwrap();
    let events = store.events(id).await.unwrap();
    let state = CaseState::from_events(events.iter().map(|e| &e.event));
    let sender = Sender { organisation: "Gemeente Ergens".into(), name: "Hanna de Boer".into() };
    let rules = store.rules().await.unwrap();
    let letter: Letter = draft(
        LetterKind::Acknowledgement,
        state.case().unwrap(),
        &rules,
        &store.letter_texts().await.unwrap(),
        &sender,
        gehoord_domain::time::date_in_amsterdam(now),
    )
    .unwrap();
    assert_eq!(letter.delivery, Delivery::Email, "the citizen gave only an e-mail address");
    let letter_id = Uuid::now_v7();
    let hanna = Context::new(now, Actor::Staff { user_id: Uuid::now_v7(), name: "Hanna de Boer".into() });
    store
        .execute(id, |s| {
            decide(
                s,
                Command::SendLetter {
                    id: letter_id,
                    letter: Box::new(letter.clone()),
                    overrides: vec![],
                    pdf_sha256: None,
                },
                &hanna,
            )
        })
        .await
        .unwrap();
    (id, letter_id)
}

/// Now, in the microseconds the store keeps.
fn now() -> Timestamp {
    Timestamp::from_microsecond(Timestamp::now().as_microsecond()).unwrap()
}

/// A mailer for the server at this connection URL.
fn smtp_url(url: &str) -> Mailer {
    Mailer::new(&MailConfig::Smtp(SmtpServer::parse(url).unwrap()), "Gemeente Ergens <klachten@ergens.nl>").unwrap()
}

/// A mailer for the plain SMTP sink on this port, addressed as `smtp://127.0.0.1:PORT`.
fn smtp(port: u16) -> Mailer {
    smtp_url(&format!("smtp://127.0.0.1:{port}"))
}

both_dbs! {
    async fn a_letter_queued_while_the_mail_server_is_down_is_delivered_later_once(app) {
        let store = &app.store;
        let now = now();
        let (id, letter_id) = acknowledged(store, now).await;
        let port = free_port().await;
        let mailer = smtp(port);

        // The server is down: nothing lost, an attempt recorded, a retry planned.
        assert_eq!(deliver_due(store, &mailer, now).await.unwrap(), 0);
        let state = &store.deliveries(id).await.unwrap()[0];
        assert_eq!((state.letter_id, state.status.as_str(), state.attempts), (letter_id, "pending", 1));
        assert!(state.last_error.is_some());
        assert_eq!(state.next_attempt_at, now + backoff(1));

        // Back up: delivered once, even when the worker runs again.
        let sink = SmtpSink::start(port).await;
        assert_eq!(deliver_due(store, &mailer, now + SignedDuration::from_secs(30)).await.unwrap(), 0, "not before its retry time");
        let later = now + backoff(1);
        assert_eq!(deliver_due(store, &mailer, later).await.unwrap(), 1);
        assert_eq!(deliver_due(store, &mailer, later + SignedDuration::from_hours(1)).await.unwrap(), 0);
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        let message = &messages[0];
        assert!(message.contains("To: \"Fatima El Amrani\" <fatima@example.nl>"), "{message}");
        assert!(message.contains("Subject: Wij hebben uw klacht ontvangen"), "{message}");
        assert!(message.contains("Content-Type: text/plain") && message.contains("Content-Type: text/html"), "plain text and HTML");
        let view = store.case_view(id).await.unwrap().unwrap();
        assert!(view.detail.letters[0].delivered_at.is_some(), "the case shows it delivered");
        assert!(store.verify().await.unwrap().is_intact());
    }

    async fn after_the_last_attempt_a_letter_waits_for_a_person(app) {
        let store = &app.store;
        let now = now();
        let (id, letter_id) = acknowledged(store, now).await;
        let mailer = smtp(free_port().await);
        let mut at = now;
        for _ in 0..MAX_ATTEMPTS {
            deliver_due(store, &mailer, at).await.unwrap();
            at += SignedDuration::from_hours(2);
        }
        let state = &store.deliveries(id).await.unwrap()[0];
        assert_eq!((state.status.as_str(), state.attempts), ("failed", MAX_ATTEMPTS));
        assert!(store.due_letters(at, 10).await.unwrap().is_empty());
        assert!(store.retry_letter(id, letter_id, at).await.unwrap());
        let sink = SmtpSink::start(0).await;
        assert_eq!(deliver_due(store, &smtp(sink.port), at).await.unwrap(), 1);
        assert_eq!(sink.messages().len(), 1);
    }

    async fn a_server_without_starttls_gets_nothing_when_the_url_requires_tls(app) {
        let store = &app.store;
        let now = now();
        let (id, _) = acknowledged(store, now).await;
        let sink = SmtpSink::start(0).await; // plain only: it does not offer STARTTLS
        let mailer = smtp_url(&format!("smtp://klachten:geheim@127.0.0.1:{}?tls=required", sink.port));
        assert_eq!(deliver_due(store, &mailer, now).await.unwrap(), 0);
        assert!(sink.messages().is_empty(), "no message (and no password) over a plain connection");
        let state = &store.deliveries(id).await.unwrap()[0];
        assert_eq!((state.status.as_str(), state.attempts), ("pending", 1));
        assert!(!state.last_error.as_deref().unwrap_or_default().contains("geheim"), "{:?}", state.last_error);
    }

    async fn without_an_smtp_server_letters_are_written_to_the_outbox_folder(app) {
        let store = &app.store;
        let now = now();
        acknowledged(store, now).await;
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::new(&MailConfig::Files(dir.path().join("outbox")), "klachten@ergens.nl").unwrap();
        assert_eq!(deliver_due(store, &mailer, now).await.unwrap(), 1);
        let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox")).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1);
        let eml = std::fs::read_to_string(&files[0]).unwrap();
        assert!(eml.contains("Wij hebben uw klacht ontvangen"), "{eml}");
    }
}

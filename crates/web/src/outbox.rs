//! Delivering letters by e-mail from the outbox: a worker that takes due
//! letters, sends them as plain text with an HTML alternative, records
//! delivery, and retries with backoff when the mail server is away.
//!
//! The zero-setup default writes each message as an `.eml` file in
//! `./data/outbox`; with an SMTP host configured it talks to that server.
//! A letter queued while the server is down is delivered once it is back,
//! once: delivery and its event are one transaction, and a letter is taken
//! up again only while its row is still pending.

use std::{path::PathBuf, time::Duration};

use askama::Template;
use gehoord_domain::letter::{Block, Letter};
use gehoord_store::{OutboxItem, Store};
use jiff::{SignedDuration, Timestamp};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};

use crate::Clock;

/// Attempts before a letter waits for a person to resend it.
pub const MAX_ATTEMPTS: u32 = 8;

/// Where mail goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailConfig {
    /// Each message as an `.eml` file in this folder.
    Files(PathBuf),
    /// An SMTP server without TLS (a relay on the same host or network).
    Smtp { host: String, port: u16 },
}

/// Sends one letter; knows the sender address and the transport.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from.to_string()).finish_non_exhaustive()
    }
}

enum Transport {
    Files(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// # Errors
    /// When the sender address is not an e-mail address, or the outbox
    /// folder cannot be made.
    pub fn new(config: &MailConfig, from: &str) -> Result<Self, String> {
        let from = from.parse::<Mailbox>().map_err(|e| format!("afzender {from:?}: {e}"))?;
        let transport = match config {
            MailConfig::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("map {}: {e}", dir.display()))?;
                Transport::Files(AsyncFileTransport::new(dir))
            }
            MailConfig::Smtp { host, port } => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
                    .port(*port)
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
        };
        Ok(Self { from, transport })
    }

    /// # Errors
    /// A message that cannot be built, or a transport failure, as text.
    pub async fn send(&self, item: &OutboxItem) -> Result<(), String> {
        let to = Mailbox::new(
            Some(item.letter.recipient.name.clone()),
            item.recipient.parse().map_err(|e| format!("ontvanger: {e}"))?,
        );
        let html = EmailHtml { letter: &item.letter }.render().map_err(|e| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&item.letter.subject)
            .multipart(MultiPart::alternative_plain_html(item.letter.plain_text(), html))
            .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Files(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
            Transport::Smtp(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
        }
    }
}

/// The HTML alternative: the same blocks, as paragraphs.
#[derive(Template)]
#[template(path = "email/letter.html")]
struct EmailHtml<'a> {
    letter: &'a Letter,
}

impl EmailHtml<'_> {
    fn paragraphs(&self) -> Vec<String> {
        self.letter
            .blocks
            .iter()
            .filter(|b| !matches!(b, Block::Signature { .. }))
            .map(|b| match b {
                Block::PartVerdict { verdict, text, .. } => {
                    format!("Oordeel: {}. {text}", verdict.label().to_lowercase())
                }
                other => other.text().trim().to_owned(),
            })
            .collect()
    }

    fn signature(&self) -> Option<(&str, &str)> {
        self.letter.blocks.iter().find_map(|b| match b {
            Block::Signature { name, organisation } => Some((name.as_str(), organisation.as_str())),
            _ => None,
        })
    }
}

/// The wait after `attempts` failed attempts: 1, 2, 4 … minutes, at most an hour.
#[must_use]
pub fn backoff(attempts: u32) -> SignedDuration {
    SignedDuration::from_mins(1_i64 << attempts.min(6)).min(SignedDuration::from_hours(1))
}

/// Delivers what is due now; returns how many letters went out.
///
/// # Errors
/// When the database fails (a failing mail server is recorded, not an error).
pub async fn deliver_due(store: &Store, mailer: &Mailer, now: Timestamp) -> Result<usize, gehoord_store::StoreError> {
    let mut sent = 0;
    for item in store.due_letters(now, 20).await? {
        match mailer.send(&item).await {
            Ok(()) => {
                store.letter_delivered(&item, now).await?;
                tracing::info!(action = "deliver_letter", case_id = %item.case_id, letter_id = %item.letter_id, result = "ok");
                sent += 1;
            }
            Err(error) => {
                let attempts = item.attempts + 1;
                let retry_at = (attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts));
                tracing::warn!(action = "deliver_letter", case_id = %item.case_id, letter_id = %item.letter_id, attempts, %error, result = "failed");
                store.letter_failed(item.letter_id, &error, retry_at).await?;
            }
        }
    }
    Ok(sent)
}

/// Runs [`deliver_due`] every `every` until the process ends.
pub fn spawn_worker(store: Store, mailer: Mailer, clock: Clock, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = deliver_due(&store, &mailer, clock.now()).await {
                tracing::warn!(error = %e, "outbox: database unavailable, trying again");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let minutes: Vec<i64> = (1..=8).map(|a| backoff(a).as_mins()).collect();
        assert_eq!(minutes, [2, 4, 8, 16, 32, 60, 60, 60]);
    }
}

//! Delivering letters by e-mail from the outbox: a worker that takes due
//! letters, sends them as plain text with an HTML alternative, records
//! delivery, and retries with backoff when the mail server is away.
//!
//! The zero-setup default writes each message as an `.eml` file in
//! `./data/outbox`; with an SMTP server configured it talks to that server,
//! plain to a relay nearby, or over TLS (STARTTLS or implicit) with a user
//! name and password, as a connection URL says ([`SmtpServer::parse`]).
//! A letter queued while the server is down is delivered once it is back,
//! once: delivery and its event are one transaction, and a letter is taken
//! up again only while its row is still pending.

use std::{path::PathBuf, time::Duration};

use askama::Template;
use gehoord_domain::letter::{Block, Letter};
use gehoord_store::{NotificationItem, OutboxItem, Store};
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
    /// An SMTP server.
    Smtp(SmtpServer),
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// No TLS: a relay on the same host or network (`smtp://HOST`).
    Plain,
    /// STARTTLS when the server offers it, plain otherwise (`?tls=opportunistic`).
    Opportunistic,
    /// STARTTLS, and no delivery without it (`?tls=required`).
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Implicit,
}

impl std::fmt::Display for SmtpSecurity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Plain => "plain",
            Self::Opportunistic => "starttls-opportunistic",
            Self::StartTls => "starttls",
            Self::Implicit => "tls",
        })
    }
}

/// An SMTP server from a connection URL as lettre reads it:
/// `smtp://HOST[:PORT]` (plain, port 25), `smtp://USER:PASSWORD@HOST[:PORT]?tls=required`
/// (STARTTLS, port 587) or `smtps://USER:PASSWORD@HOST[:PORT]` (implicit TLS, port 465).
///
/// Its `Debug` shows the host, port and security, never the user or password.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    /// The URL as given, for lettre; holds the password.
    url: String,
    host: String,
    port: u16,
    security: SmtpSecurity,
    authenticated: bool,
}

impl std::fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpServer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("authenticated", &self.authenticated)
            .finish_non_exhaustive()
    }
}

/// Why an SMTP URL cannot be used. The messages never repeat the URL, so
/// they cannot leak its password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpUrlError {
    #[error("geen geldige URL ({0}); verwacht smtp://HOST:PORT of smtps://GEBRUIKER:WACHTWOORD@HOST:465")]
    Syntax(String),
    #[error("schema {0:?} onbekend: gebruik smtp:// of smtps://")]
    Scheme(String),
    #[error("de URL noemt geen host")]
    NoHost,
    #[error(
        "tls={0:?} onbekend: gebruik tls=required (STARTTLS) of tls=opportunistic, of smtps:// voor TLS vanaf het begin"
    )]
    TlsMode(String),
    #[error("tls= hoort niet bij smtps://, dat is al TLS vanaf het begin")]
    TlsWithSmtps,
    #[error("parameter {0:?} onbekend: alleen tls= is toegestaan")]
    Parameter(String),
    #[error("gebruikersnaam zonder wachtwoord: geef GEBRUIKER:WACHTWOORD@HOST")]
    UserWithoutPassword,
    #[error(
        "wachtwoord zonder verplichte TLS: gebruik smtps:// of ?tls=required, anders gaat het wachtwoord onversleuteld over het netwerk"
    )]
    PasswordWithoutTls,
    #[error("{0}")]
    Transport(String),
}

impl SmtpServer {
    /// Reads and checks a connection URL: its scheme, `tls=` mode and
    /// credentials, and that lettre can build a transport from it.
    ///
    /// # Errors
    /// What is wrong with the URL, without the URL itself.
    pub fn parse(url: &str) -> Result<Self, SmtpUrlError> {
        let parsed = url::Url::parse(url.trim()).map_err(|e| SmtpUrlError::Syntax(e.to_string()))?;
        let mut tls = None;
        for (key, value) in parsed.query_pairs() {
            match key.as_ref() {
                "tls" => tls = Some(value.into_owned()),
                other => return Err(SmtpUrlError::Parameter(other.to_owned())),
            }
        }
        let security = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None) => SmtpSecurity::Plain,
            ("smtp", Some("required")) => SmtpSecurity::StartTls,
            ("smtp", Some("opportunistic")) => SmtpSecurity::Opportunistic,
            ("smtp", Some(other)) => return Err(SmtpUrlError::TlsMode(other.to_owned())),
            ("smtps", None) => SmtpSecurity::Implicit,
            ("smtps", Some(_)) => return Err(SmtpUrlError::TlsWithSmtps),
            (other, _) => return Err(SmtpUrlError::Scheme(other.to_owned())),
        };
        let host = parsed.host_str().filter(|h| !h.is_empty()).ok_or(SmtpUrlError::NoHost)?.to_owned();
        let authenticated = match (parsed.username().is_empty(), parsed.password()) {
            (_, Some(_)) => true,
            (false, None) => return Err(SmtpUrlError::UserWithoutPassword),
            (true, None) => false,
        };
        if authenticated && matches!(security, SmtpSecurity::Plain | SmtpSecurity::Opportunistic) {
            return Err(SmtpUrlError::PasswordWithoutTls);
        }
        let port = parsed.port().unwrap_or(match security {
            SmtpSecurity::Plain => 25,
            SmtpSecurity::Opportunistic | SmtpSecurity::StartTls => 587,
            SmtpSecurity::Implicit => 465,
        });
        // What lettre itself refuses; its errors do not repeat the URL either.
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .map_err(|e| SmtpUrlError::Transport(e.to_string()))?;
        Ok(Self { url: url.trim().to_owned(), host, port, security, authenticated })
    }

    #[must_use]
    pub fn host(&self) -> &str {
        &self.host
    }

    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    #[must_use]
    pub fn security(&self) -> SmtpSecurity {
        self.security
    }

    /// Whether Gehoord logs in with a user name and password.
    #[must_use]
    pub fn authenticated(&self) -> bool {
        self.authenticated
    }
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
    /// When the sender address is not an e-mail address, the outbox folder
    /// cannot be made, or the SMTP transport cannot be built.
    pub fn new(config: &MailConfig, from: &str) -> Result<Self, String> {
        let from = from.parse::<Mailbox>().map_err(|e| format!("afzender {from:?}: {e}"))?;
        let transport = match config {
            MailConfig::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("map {}: {e}", dir.display()))?;
                Transport::Files(AsyncFileTransport::new(dir))
            }
            MailConfig::Smtp(server) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(&server.url)
                    .map_err(|e| format!("SMTP-server {}: {e}", server.host))?
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
        self.deliver(message).await
    }

    /// A notice to the complainant: short, plain text.
    ///
    /// # Errors
    /// As [`Mailer::send`].
    pub async fn send_notice(&self, item: &NotificationItem) -> Result<(), String> {
        let to = Mailbox::new(None, item.recipient.parse().map_err(|e| format!("ontvanger: {e}"))?);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&item.subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(item.body.clone())
            .map_err(|e| e.to_string())?;
        self.deliver(message).await
    }

    async fn deliver(&self, message: Message) -> Result<(), String> {
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

/// Delivers what is due now; returns how many letters and notices went out.
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
                let (attempts, retry_at) = next_try(item.attempts, now);
                tracing::warn!(action = "deliver_letter", case_id = %item.case_id, letter_id = %item.letter_id, attempts, %error, result = "failed");
                store.letter_failed(item.letter_id, &error, retry_at).await?;
            }
        }
    }
    for item in store.due_notifications(now, 20).await? {
        match mailer.send_notice(&item).await {
            Ok(()) => {
                store.notification_delivered(item.id, now).await?;
                tracing::info!(action = "deliver_notice", case_id = %item.case_id, notice_id = %item.id, result = "ok");
                sent += 1;
            }
            Err(error) => {
                let (attempts, retry_at) = next_try(item.attempts, now);
                tracing::warn!(action = "deliver_notice", case_id = %item.case_id, notice_id = %item.id, attempts, %error, result = "failed");
                store.notification_failed(item.id, &error, retry_at).await?;
            }
        }
    }
    Ok(sent)
}

/// After a failed attempt: the number of attempts so far, and when to try
/// again (none after [`MAX_ATTEMPTS`]: a person resends).
fn next_try(earlier: u32, now: Timestamp) -> (u32, Option<Timestamp>) {
    let attempts = earlier + 1;
    (attempts, (attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts)))
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

    fn server(url: &str) -> SmtpServer {
        SmtpServer::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    #[test]
    fn smtp_urls_say_host_port_security_and_credentials() {
        let relay = server("smtp://relay.intern");
        assert_eq!(
            (relay.host(), relay.port(), relay.security(), relay.authenticated()),
            ("relay.intern", 25, SmtpSecurity::Plain, false)
        );
        let sink = server("smtp://127.0.0.1:2525");
        assert_eq!((sink.host(), sink.port()), ("127.0.0.1", 2525));
        let starttls = server("smtp://klachten:geheim@mail.example.nl?tls=required");
        assert_eq!(
            (starttls.port(), starttls.security(), starttls.authenticated()),
            (587, SmtpSecurity::StartTls, true)
        );
        let opportunistic = server("smtp://mail.example.nl:2587?tls=opportunistic");
        assert_eq!((opportunistic.port(), opportunistic.security()), (2587, SmtpSecurity::Opportunistic));
        let implicit = server("smtps://klachten%40ergens.nl:p%40ss%3Aw0rd@mail.example.nl");
        assert_eq!(
            (implicit.port(), implicit.security(), implicit.authenticated()),
            (465, SmtpSecurity::Implicit, true)
        );
    }

    #[test]
    fn an_invalid_smtp_url_is_refused_with_a_clear_reason() {
        let refused = |url: &str| SmtpServer::parse(url).expect_err(url);
        assert!(matches!(refused("mail.example.nl:25"), SmtpUrlError::Scheme(s) if s == "mail.example.nl"));
        assert!(matches!(refused("relay:25"), SmtpUrlError::Scheme(_)));
        assert!(matches!(refused("not a url"), SmtpUrlError::Syntax(_)));
        assert!(matches!(refused("http://mail.example.nl"), SmtpUrlError::Scheme(s) if s == "http"));
        assert!(matches!(refused("smtp://mail.example.nl:99999"), SmtpUrlError::Syntax(_)));
        assert!(matches!(refused("smtp://mail.example.nl?tls=require"), SmtpUrlError::TlsMode(m) if m == "require"));
        assert!(matches!(refused("smtp://mail.example.nl?tsl=required"), SmtpUrlError::Parameter(p) if p == "tsl"));
        assert_eq!(refused("smtps://u:p@mail.example.nl?tls=required"), SmtpUrlError::TlsWithSmtps);
        assert_eq!(refused("smtp://klachten@mail.example.nl?tls=required"), SmtpUrlError::UserWithoutPassword);
        assert_eq!(refused("smtp://u:geheim@mail.example.nl"), SmtpUrlError::PasswordWithoutTls);
        assert_eq!(refused("smtp://u:geheim@mail.example.nl?tls=opportunistic"), SmtpUrlError::PasswordWithoutTls);
        assert!(matches!(refused("smtp://"), SmtpUrlError::NoHost | SmtpUrlError::Syntax(_)));
        assert!(
            refused("smtp://u:geheim@mail.example.nl").to_string().contains("smtps://"),
            "the message says what to do"
        );
    }

    #[test]
    fn neither_debug_nor_errors_show_the_password() {
        let config = MailConfig::Smtp(server("smtps://klachten:Zeer-Geheim1@mail.example.nl"));
        let shown = format!("{config:?}");
        assert!(shown.contains("mail.example.nl") && shown.contains("465"), "{shown}");
        assert!(!shown.contains("Zeer-Geheim1") && !shown.contains("klachten"), "{shown}");
        for url in [
            "smtp://u:Zeer-Geheim1@mail.example.nl",
            "smtps://u:Zeer-Geheim1@mail.example.nl?x=1",
            "ftp://u:Zeer-Geheim1@h",
        ] {
            let error = SmtpServer::parse(url).expect_err(url).to_string();
            assert!(!error.contains("Zeer-Geheim1"), "{error}");
        }
    }
}

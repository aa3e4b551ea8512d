//! `gehoord serve`: the web server, with first-run guidance on the console
//! and graceful shutdown.

use std::{io::Write, net::SocketAddr, process::ExitCode, time::Duration};

use anyhow::Context as _;
use clap::Args;
use gehoord_store::Store;
use gehoord_web::{
    AppState, Clock, WebConfig,
    outbox::{self, MailConfig, Mailer, SmtpServer},
};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "GEHOORD_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The address people use to reach Gehoord, for links printed on the
    /// console (default: http://LISTEN).
    #[arg(long, env = "GEHOORD_PUBLIC_URL")]
    public_url: Option<String>,
    /// Mark cookies Secure; set this when Gehoord is served over HTTPS.
    #[arg(long, env = "GEHOORD_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Behind a reverse proxy that sets X-Forwarded-For: count the rate limit
    /// on public forms per address the proxy saw (its last entry), not per
    /// connection. Only set this when every request comes through that proxy.
    #[arg(long, env = "GEHOORD_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// Sender of letters by e-mail.
    #[arg(long, env = "GEHOORD_MAIL_FROM", default_value = "Klachten <klachten@localhost>")]
    mail_from: String,
    /// SMTP server for letters by e-mail, as a URL: smtp://HOST[:PORT] (no
    /// TLS: a relay near Gehoord), smtp://USER:PASSWORD@HOST:587?tls=required
    /// (STARTTLS) or smtps://USER:PASSWORD@HOST:465 (TLS). Set it in the
    /// environment so the password stays off the command line. Without an
    /// SMTP server, e-mails are written as files to --outbox-dir.
    #[arg(long, env = "GEHOORD_SMTP_URL", hide_env_values = true, conflicts_with = "smtp", value_name = "URL")]
    smtp_url: Option<Secret>,
    /// A plain SMTP relay as host or host:port (no TLS, no login); short for
    /// --smtp-url smtp://HOST:PORT.
    #[arg(long, env = "GEHOORD_SMTP", value_name = "HOST[:PORT]")]
    smtp: Option<String>,
    /// Where e-mails go as `.eml` files when no SMTP server is set.
    #[arg(long, env = "GEHOORD_OUTBOX_DIR", default_value = "data/outbox")]
    outbox_dir: std::path::PathBuf,
}

/// A value that may hold a password: `Debug` does not show it. It is parsed
/// after clap, so that clap's own "invalid value" error cannot print it.
#[derive(Clone)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// Where letters by e-mail go, from `--smtp-url`, `--smtp` or `--outbox-dir`.
fn mail_config(args: &ServeArgs) -> anyhow::Result<MailConfig> {
    let server = match (&args.smtp_url, &args.smtp) {
        (Some(Secret(url)), _) => SmtpServer::parse(url).context("--smtp-url (GEHOORD_SMTP_URL)")?,
        (None, Some(relay)) => SmtpServer::parse(&format!("smtp://{relay}")).context("--smtp (GEHOORD_SMTP)")?,
        (None, None) => return Ok(MailConfig::Files(args.outbox_dir.clone())),
    };
    Ok(MailConfig::Smtp(server))
}

pub async fn run(store: Store, args: ServeArgs, database_url: &str) -> anyhow::Result<ExitCode> {
    let mail = mail_config(&args)?;
    let mailer = Mailer::new(&mail, &args.mail_from).map_err(anyhow::Error::msg)?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let address = listener.local_addr()?;
    let public_url = args.public_url.unwrap_or_else(|| format!("http://{address}"));
    let public_url = public_url.trim_end_matches('/');

    let mut out = std::io::stdout().lock();
    writeln!(out, "Gehoord luistert op {public_url} (database: {})", redact(database_url))?;
    writeln!(out, "Klachtformulier: {public_url}/klacht-indienen")?;
    if store.organisation().await?.is_none() {
        let token = store.create_setup_token(jiff::Timestamp::now()).await?;
        writeln!(out)?;
        writeln!(out, "Gehoord is nog niet ingericht. Open deze link (24 uur geldig, werkt één keer)")?;
        writeln!(out, "om de organisatie en de eerste beheerder aan te maken:")?;
        writeln!(out, "  {public_url}/inrichten?token={token}")?;
        writeln!(out, "Of richt Gehoord in vanaf de opdrachtregel:")?;
        writeln!(
            out,
            "  gehoord setup --organisation \"Gemeente Voorbeeld\" --admin-username beheer --admin-name \"Uw Naam\""
        )?;
    }
    out.flush()?;
    drop(out);

    match &mail {
        // The host only: the URL may hold a password.
        MailConfig::Smtp(server) => tracing::info!(
            smtp_host = server.host(),
            smtp_port = server.port(),
            tls = %server.security(),
            authenticated = server.authenticated(),
            "letters by e-mail via SMTP"
        ),
        MailConfig::Files(dir) => tracing::info!(outbox_dir = %dir.display(), "letters by e-mail as files"),
    }
    let worker = outbox::spawn_worker(store.clone(), mailer, Clock::System, Duration::from_secs(5));

    let config = WebConfig {
        secure_cookies: args.secure_cookies,
        trust_forwarded_for: args.trust_forwarded_for,
        public_url: Some(public_url.to_owned()),
        ..WebConfig::default()
    };
    let app = gehoord_web::router(AppState::new(store, config, Clock::System));
    tracing::info!(%address, trust_forwarded_for = args.trust_forwarded_for, "serving");
    // The peer's address goes with each request, for the rate limit on public forms.
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    worker.abort();
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C or SIGTERM: stop accepting, finish running requests.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// A database URL without its password, for the console.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            let user = creds.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    fn config(args: &[&str]) -> anyhow::Result<MailConfig> {
        let cli = Cli::try_parse_from(std::iter::once("serve").chain(args.iter().copied()))?;
        mail_config(&cli.serve)
    }

    #[test]
    fn an_invalid_smtp_url_stops_the_start_with_a_clear_error() {
        let error = format!("{:#}", config(&["--smtp-url", "smtp://u:Zeer-Geheim1@mail.example.nl"]).unwrap_err());
        assert!(error.starts_with("--smtp-url (GEHOORD_SMTP_URL): wachtwoord zonder verplichte TLS"), "{error}");
        assert!(!error.contains("Zeer-Geheim1"), "{error}");
        let error = format!("{:#}", config(&["--smtp-url", "mail.example.nl:587"]).unwrap_err());
        assert!(error.contains("onbekend: gebruik smtp:// of smtps://"), "{error}");
        let error = format!("{:#}", config(&["--smtp", "relay:poort"]).unwrap_err());
        assert!(error.starts_with("--smtp (GEHOORD_SMTP): "), "{error}");
    }

    #[test]
    fn smtp_url_and_the_plain_relay_shorthand() {
        let Ok(MailConfig::Smtp(server)) = config(&["--smtp-url", "smtps://u:p@mail.example.nl"]) else { panic!() };
        assert_eq!((server.host(), server.port()), ("mail.example.nl", 465));
        let Ok(MailConfig::Smtp(relay)) = config(&["--smtp", "127.0.0.1:2525"]) else { panic!() };
        assert_eq!((relay.host(), relay.port(), relay.authenticated()), ("127.0.0.1", 2525, false));
        let Ok(MailConfig::Smtp(relay)) = config(&["--smtp", "relay.intern"]) else { panic!() };
        assert_eq!(relay.port(), 25);
        assert!(config(&["--smtp", "a", "--smtp-url", "smtp://b"]).is_err(), "one or the other");
        assert!(
            format!("{:?}", Cli::try_parse_from(["serve", "--smtp-url", "smtps://u:Zeer-Geheim1@h"]).unwrap())
                .contains("***")
        );
    }
}

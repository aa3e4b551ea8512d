//! `gehoord serve`: the web server, with first-run guidance on the console
//! and graceful shutdown.

use std::{io::Write, net::SocketAddr, process::ExitCode, time::Duration};

use anyhow::Context as _;
use clap::Args;
use gehoord_store::Store;
use gehoord_web::{
    AppState, Clock, WebConfig,
    outbox::{self, MailConfig, Mailer},
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
    /// Sender of letters by e-mail.
    #[arg(long, env = "GEHOORD_MAIL_FROM", default_value = "Klachten <klachten@localhost>")]
    mail_from: String,
    /// SMTP server for letters by e-mail (host or host:port, no TLS: a relay
    /// near Gehoord). Without it, e-mails are written as files to --outbox-dir.
    #[arg(long, env = "GEHOORD_SMTP")]
    smtp: Option<String>,
    /// Where e-mails go as `.eml` files when no SMTP server is set.
    #[arg(long, env = "GEHOORD_OUTBOX_DIR", default_value = "data/outbox")]
    outbox_dir: std::path::PathBuf,
}

pub async fn run(store: Store, args: ServeArgs, database_url: &str) -> anyhow::Result<ExitCode> {
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

    let mail = match &args.smtp {
        Some(server) => {
            let (host, port) = server.rsplit_once(':').map_or((server.as_str(), "25"), |(h, p)| (h, p));
            let port = port.parse().with_context(|| format!("SMTP-poort in {server:?}"))?;
            MailConfig::Smtp { host: host.to_owned(), port }
        }
        None => MailConfig::Files(args.outbox_dir.clone()),
    };
    let mailer = Mailer::new(&mail, &args.mail_from).map_err(anyhow::Error::msg)?;
    tracing::info!(?mail, "letters by e-mail");
    let worker = outbox::spawn_worker(store.clone(), mailer, Clock::System, Duration::from_secs(5));

    let config = WebConfig { secure_cookies: args.secure_cookies, ..WebConfig::default() };
    let app = gehoord_web::router(AppState::new(store, config, Clock::System));
    tracing::info!(%address, "serving");
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
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

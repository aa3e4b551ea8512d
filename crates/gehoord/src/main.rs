//! `gehoord`: the command line of Gehoord. Runs the server and does what an
//! administrator needs without the web UI: set-up, accounts, API tokens,
//! integrity checks, rebuilding projections and demo data.

mod accounts;
mod deadlines;
mod demo;
mod history;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gehoord_store::Store;

/// Gehoord: complaint handling for Dutch government organisations.
///
/// Without a command, `gehoord` serves (as `gehoord serve`).
#[derive(Debug, Parser)]
#[command(name = "gehoord", version, about)]
struct Cli {
    /// Database: sqlite://PATH (created when missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "GEHOORD_DATABASE_URL", default_value = "sqlite://data/gehoord.db", global = true)]
    database_url: String,

    /// Log as JSON lines (for production log collectors) instead of text.
    #[arg(long, env = "GEHOORD_LOG_JSON", global = true)]
    log_json: bool,

    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    serve: serve::ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (public complaint form, staff UI and /v1 API).
    Serve(serve::ServeArgs),
    /// Bring the database schema up to date and stop.
    Migrate,
    /// First-run set-up: name the organisation and create the first administrator.
    Setup(accounts::SetupArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// Manage API tokens for integrating systems.
    #[command(subcommand, name = "api-token")]
    ApiToken(accounts::ApiTokenCommand),
    /// Check every case's hash chain; exits non-zero at the first broken event.
    Verify,
    /// Rebuild the inbox and case projections from the events.
    Rebuild,
    /// Fill the database with realistic synthetic complaints (demos, benchmarks).
    #[command(name = "demo-data")]
    DemoData(demo::DemoArgs),
    /// Print the terms of a complaint from its date of receipt, each with its explanation (no database needed).
    Deadlines(deadlines::DeadlinesArgs),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_json);
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gehoord: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = cli.command.unwrap_or(Command::Serve(cli.serve));
    // Pure date arithmetic: runs without opening (or creating) a database.
    if let Command::Deadlines(args) = &command {
        return deadlines::run(args);
    }
    let store = Store::open(&cli.database_url).await?;
    let code = match command {
        Command::Serve(args) => serve::run(store.clone(), args, &cli.database_url).await?,
        Command::Migrate => ExitCode::SUCCESS,
        Command::Setup(args) => accounts::setup(&store, args).await?,
        Command::User(cmd) => accounts::user(&store, cmd).await?,
        Command::ApiToken(cmd) => accounts::api_token(&store, cmd).await?,
        Command::Verify => history::verify(&store).await?,
        Command::Rebuild => history::rebuild(&store).await?,
        Command::DemoData(args) => demo::run(&store, args).await?,
        Command::Deadlines(args) => deadlines::run(&args)?,
    };
    store.close().await;
    Ok(code)
}

fn init_logging(json: bool) {
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_env("GEHOORD_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // Logs go to stderr so command output on stdout stays clean for scripts.
    if json {
        fmt().json().with_env_filter(filter).with_writer(std::io::stderr).init();
    } else {
        fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    }
}

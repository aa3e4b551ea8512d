//! First-run set-up, staff accounts and API tokens from the command line.

use std::{
    io::{BufRead, IsTerminal, Write},
    process::ExitCode,
};

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use gehoord_domain::Role;
use gehoord_store::{
    NewUser, Store, StoreError,
    secret::{MIN_PASSWORD_LEN, new_token},
};
use uuid::Uuid;

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// The organisation's name as citizens know it, e.g. "Gemeente Voorbeeld".
    #[arg(long)]
    organisation: String,
    /// Username of the first administrator.
    #[arg(long)]
    admin_username: String,
    /// Full name of the first administrator.
    #[arg(long)]
    admin_name: String,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account. Prints a generated password unless --password-stdin.
    Add {
        username: String,
        /// Full name shown in the timeline, e.g. "Sanne Bakker".
        #[arg(long)]
        name: String,
        /// employee, handler, manager or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        /// Their own department, e.g. "Parkeren": a manager's lessons
        /// register and insight dashboard open on it.
        #[arg(long = "afdeling", value_name = "AFDELING")]
        department: Option<String>,
    },
    /// Change a staff account.
    Edit {
        username: String,
        /// Their own department; an empty value ("") clears it.
        #[arg(long = "afdeling", value_name = "AFDELING")]
        department: String,
    },
    /// List staff accounts.
    List,
}

#[derive(Debug, Subcommand)]
pub enum ApiTokenCommand {
    /// Issue a token for an integrating system; the secret is printed once.
    Create {
        /// What the token is for, e.g. "KCC-systeem".
        #[arg(long)]
        name: String,
    },
    /// List tokens (without their secrets).
    List,
    /// Revoke a token by id.
    Revoke { id: Uuid },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_code(s).ok_or_else(|| "role must be one of: employee, handler, manager, admin".to_owned())
}

/// A password from standard input (first line), or a generated one.
fn password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if !from_stdin {
        let generated = new_token("")?.chars().take(24).collect();
        return Ok((generated, true));
    }
    if std::io::stdin().is_terminal() {
        eprint!("Wachtwoord: ");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.chars().count() < MIN_PASSWORD_LEN {
        bail!("the password must be at least {MIN_PASSWORD_LEN} characters");
    }
    Ok((password, false))
}

pub async fn setup(store: &Store, args: SetupArgs) -> anyhow::Result<ExitCode> {
    let (password, generated) = password(args.password_stdin)?;
    let admin = NewUser {
        username: args.admin_username,
        display_name: args.admin_name,
        password: password.clone(),
        role: Role::Admin,
    };
    match store.set_up(&args.organisation, &admin, None, jiff::Timestamp::now()).await {
        Ok(user) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "Set up {} with administrator {}.", args.organisation.trim(), user.username)?;
            if generated {
                writeln!(out, "Password: {password}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Duplicate(_)) => {
            bail!("Gehoord is already set up; add more accounts with `gehoord user add`")
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn user(store: &Store, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cmd {
        UserCommand::Add { username, name, role, password_stdin, department } => {
            let (password, generated) = password(password_stdin)?;
            let new = NewUser { username, display_name: name, password: password.clone(), role };
            let mut user = match store.create_user(&new, jiff::Timestamp::now()).await {
                Err(StoreError::Duplicate(u)) => bail!("username {u} is already taken"),
                other => other.context("creating the account")?,
            };
            if let Some(department) = department.as_deref().filter(|d| !d.trim().is_empty()) {
                user = store.set_user_department(&user.username, Some(department)).await?;
            }
            let of = user.department.as_deref().map_or_else(String::new, |d| format!(" in department {d}"));
            writeln!(out, "Created {} ({}) with role {}{of}.", user.username, user.display_name, user.role.code())?;
            if generated {
                writeln!(out, "Password: {password}")?;
            }
        }
        UserCommand::Edit { username, department } => {
            let user = match store.set_user_department(&username, Some(&department)).await {
                Err(StoreError::NotFound) => bail!("there is no account with username {}", username.trim()),
                other => other?,
            };
            match &user.department {
                Some(d) => writeln!(out, "{} ({}) is now in department {d}.", user.username, user.display_name)?,
                None => writeln!(out, "{} ({}) has no department now.", user.username, user.display_name)?,
            }
        }
        UserCommand::List => {
            for u in store.users().await? {
                let state = if u.active { "" } else { " (inactive)" };
                let department = u.department.as_deref().unwrap_or("-");
                writeln!(out, "{}\t{}\t{}\t{}{}", u.username, u.role.code(), department, u.display_name, state)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn api_token(store: &Store, cmd: ApiTokenCommand) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cmd {
        ApiTokenCommand::Create { name } => {
            let (token, secret) = store.create_api_token(&name, jiff::Timestamp::now()).await?;
            writeln!(out, "Token {} for {}:", token.id, token.name)?;
            writeln!(out, "{secret}")?;
            writeln!(out, "Store it now: it is not shown again. Send it as `Authorization: Bearer <token>`.")?;
        }
        ApiTokenCommand::List => {
            for t in store.api_tokens().await? {
                let state = t.revoked_at.map_or_else(String::new, |at| format!("\trevoked {at}"));
                writeln!(out, "{}\t{}\tcreated {}{state}", t.id, t.name, t.created_at)?;
            }
        }
        ApiTokenCommand::Revoke { id } => {
            if !store.revoke_api_token(id, jiff::Timestamp::now()).await? {
                bail!("no active token with id {id}");
            }
            writeln!(out, "Revoked {id}.")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

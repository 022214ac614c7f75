//! The command line: the same binary as the window, for scripts and terminals (like `gh auth`).
//!
//! stdout carries only the answer a script wants (a token, JSON, who was connected); everything
//! for humans goes to stderr. Exit codes are stable and documented in the README. One file per
//! group of commands: [`apps`], [`authorize`], [`accounts`].

mod accounts;
mod apps;
mod authorize;
pub mod completions;
pub mod help;
mod keep_fresh;
mod keeper;
pub mod messages;
mod output;
mod paste;
mod publish;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use connect_core::registry::LoadNotice;
use connect_core::{Engine, Error};

use crate::exit::{self, exit_for};
pub use output::note;

pub use authorize::complete_deep_link;

/// The command line. What each command and option says in `--help` is in the help catalogs
/// (`ui/i18n/command-line/`), in every language; see [`help`].
#[derive(Debug, Parser)]
#[command(name = "factorial-connect", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(subcommand)]
    Apps(AppsCommand),
    Authorize {
        app: String,
        #[arg(long)]
        company: bool,
        #[arg(long)]
        no_browser: bool,
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<u64>,
    },
    Token {
        #[command(flatten)]
        account: AccountArgs,
        #[arg(long)]
        json: bool,
    },
    Exec {
        #[command(flatten)]
        account: AccountArgs,
        #[arg(long)]
        keep_fresh: bool,
        // After `--`, so nothing of the command is ever taken for one of ours.
        #[arg(last = true, required = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
    Status {
        #[arg(long)]
        json: bool,
    },
    Whoami {
        #[command(flatten)]
        account: AccountArgs,
        #[arg(long)]
        json: bool,
    },
    Refresh(AccountArgs),
    #[command(subcommand)]
    Publish(PublishCommand),
    Revoke(AccountArgs),
    Forget(AccountArgs),
    Keeper(KeeperArgs),
    // Prints a completion script for a shell; the packages install bash's, zsh's and fish's.
    // (Not a doc comment: clap would show it, in English, in the completions of `help`.)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct AccountArgs {
    pub app: String,
    #[arg(long)]
    pub account: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    Add(AddArgs),
    List {
        #[arg(long)]
        json: bool,
    },
    Edit(EditArgs),
    Remove {
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    pub name: String,
    // Doorkeeper's client IDs are URL-safe base64 and may start with "-": never an option.
    #[arg(long, allow_hyphen_values = true)]
    pub client_id: String,
    #[arg(long, default_value = "production")]
    pub env: String,
    #[arg(long, default_value = connect_core::app_profile::DEFAULT_REDIRECT_URI)]
    pub redirect_uri: String,
    #[arg(long, default_value = "")]
    pub scopes: String,
    #[arg(long)]
    pub public: bool,
    #[arg(long)]
    pub no_pkce: bool,
    #[arg(long, value_name = "DURATION", value_parser = apps::duration_secs)]
    pub refresh_token_life: Option<u64>,
}

// At least one change; the secret is never an argument (command lines are visible to every user
// of the machine), so --new-secret reads it as `add` does. (Not a doc comment: clap would take it
// for the command's description.)
#[derive(Debug, Args)]
#[command(
    override_usage = "factorial-connect apps edit <NAME> [--rename <NEW_NAME>] [--new-secret] \
                      [--scopes <SCOPES>] [--env <ENV>] [--client-id <CLIENT_ID>] \
                      [--refresh-token-life <DURATION>]",
    group(
        clap::ArgGroup::new("change")
            .multiple(true)
            .required(true)
            .args(["rename", "new_secret", "scopes", "env", "client_id", "refresh_token_life"])
    )
)]
pub struct EditArgs {
    pub name: String,
    #[arg(long, value_name = "NEW_NAME")]
    pub rename: Option<String>,
    #[arg(long)]
    pub new_secret: bool,
    #[arg(long)]
    pub scopes: Option<String>,
    #[arg(long)]
    pub env: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub client_id: Option<String>,
    #[arg(long, value_name = "DURATION", value_parser = apps::duration_secs)]
    pub refresh_token_life: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum PublishCommand {
    Add(PublishAddArgs),
    List {
        #[arg(long)]
        json: bool,
    },
    Test(AccountArgs),
    Remove {
        #[command(flatten)]
        account: AccountArgs,
        #[arg(long)]
        here_only: bool,
    },
    HandOver {
        #[command(flatten)]
        account: AccountArgs,
        #[arg(long, default_value = connect_core::engine::KEEPER_FOLDER)]
        folder: String,
    },
}

// The keeper's own login is a file (a token, or with --approle the secret ID), never an
// argument: systemd's LoadCredential= passes it in $CREDENTIALS_DIRECTORY. The server's address
// and the rest also come from the environment variables OpenBao's and Vault's own tools read.
#[derive(Debug, Args)]
pub struct KeeperArgs {
    #[arg(long, value_name = "URL", env = "BAO_ADDR")]
    pub address: String,
    #[arg(long, default_value = "secret")]
    pub mount: String,
    #[arg(long, default_value = connect_core::engine::KEEPER_FOLDER)]
    pub folder: String,
    #[arg(long, env = "BAO_NAMESPACE")]
    pub namespace: Option<String>,
    #[arg(long, value_name = "FILE", env = "BAO_CACERT")]
    pub ca_file: Option<std::path::PathBuf>,
    #[arg(long, value_name = "ROLE_ID")]
    pub approle: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub login_file: Option<std::path::PathBuf>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_name = "SECONDS", default_value_t = connect_core::keeper::DEFAULT_LEASE_SECS,
          value_parser = clap::value_parser!(u64).range(3..=3600))]
    pub lease_seconds: u64,
    #[arg(long, value_name = "SECONDS", default_value_t = connect_core::keeper::DEFAULT_SCAN_SECS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub scan_seconds: u64,
}

// The login's secret (a token, or an AppRole's secret ID) is read from stdin, never an argument.
#[derive(Debug, Args)]
pub struct PublishAddArgs {
    #[command(flatten)]
    pub account: AccountArgs,
    #[arg(long, value_name = "URL")]
    pub address: String,
    #[arg(long, default_value = "secret")]
    pub mount: String,
    #[arg(long)]
    pub path: String,
    #[arg(long)]
    pub namespace: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<std::path::PathBuf>,
    #[arg(long, value_name = "ROLE_ID")]
    pub approle: Option<String>,
}

/// A command that needs no application, no data folder and no keychain.
#[derive(Debug)]
pub enum Standalone {
    Completions(clap_complete::Shell),
    /// A server's keeper: no keychain, no data folder.
    Keeper(Box<KeeperArgs>),
}

impl TryFrom<Cli> for Standalone {
    type Error = Cli;

    fn try_from(cli: Cli) -> Result<Self, Cli> {
        match cli.command {
            Command::Completions { shell } => Ok(Standalone::Completions(shell)),
            Command::Keeper(args) => Ok(Standalone::Keeper(Box::new(args))),
            _ => Err(cli),
        }
    }
}

impl Standalone {
    pub fn run(self) -> ExitCode {
        match self {
            Standalone::Completions(shell) => completions::print(shell),
            Standalone::Keeper(args) => block_on(async {
                match keeper::run(*args).await {
                    Ok(code) => code,
                    Err(e) => report(&e),
                }
            }),
        }
    }
}

/// Runs one command to completion.
pub fn run(cli: Cli, engine: Engine) -> ExitCode {
    tell_notices(engine.notices());
    block_on(async {
        match dispatch(cli.command, &engine).await {
            Ok(code) => code,
            Err(e) => report(&e),
        }
    })
}

/// The CLI's async work runs on a single-threaded runtime: one command, one task at a time.
fn block_on(work: impl Future<Output = ExitCode>) -> ExitCode {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(work),
        Err(e) => {
            let problem = e.to_string();
            note!(
                "{}",
                messages::say("cli-could-not-start", &[("problem", (&problem).into())])
            );
            ExitCode::from(exit::GENERAL)
        }
    }
}

/// Prints an error for a human and returns its exit code.
pub fn report(error: &Error) -> ExitCode {
    let text = messages::sentence(error.code());
    note!(
        "{}",
        messages::say("cli-error", &[("text", (&text).into())])
    );
    if std::env::var_os("FACTORIAL_CONNECT_DEBUG").is_some() {
        note!("{}", error.developer_detail());
    }
    ExitCode::from(exit_for(error.code()))
}

fn tell_notices(notices: &[LoadNotice]) {
    for notice in notices {
        match notice {
            LoadNotice::PkceTurnedOn { app_name } => note!(
                "{}",
                messages::say("cli-pkce-turned-on", &[("app", app_name.into())])
            ),
        }
    }
}

async fn dispatch(command: Command, engine: &Engine) -> Result<ExitCode, Error> {
    match command {
        Command::Apps(command) => apps::run(command, engine).await,
        Command::Authorize {
            app,
            company,
            no_browser,
            timeout,
        } => authorize::run(engine, &app, company, no_browser, timeout).await,
        Command::Token { account, json } => accounts::token(engine, account, json).await,
        Command::Exec {
            account,
            keep_fresh: true,
            command,
        } => keep_fresh::run(engine, account, command).await,
        Command::Exec {
            account, command, ..
        } => accounts::exec(engine, account, command).await,
        Command::Status { json } => accounts::status(engine, json),
        Command::Whoami { account, json } => accounts::whoami(engine, account, json).await,
        Command::Refresh(args) => accounts::refresh(engine, args).await,
        Command::Publish(command) => publish::run(command, engine).await,
        Command::Revoke(args) => accounts::revoke(engine, args).await,
        Command::Forget(args) => accounts::forget(engine, args).await,
        Command::Completions { shell } => Ok(Standalone::Completions(shell).run()),
        Command::Keeper(args) => Ok(Standalone::Keeper(Box::new(args)).run()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_id_that_starts_with_a_dash_is_a_value_not_an_option() {
        let cli = Cli::try_parse_from([
            "factorial-connect",
            "apps",
            "add",
            "Payroll",
            "--client-id",
            "-dX9_q",
            "--public",
        ])
        .expect("parses");
        match cli.command {
            Command::Apps(AppsCommand::Add(args)) => {
                assert_eq!(args.client_id, "-dX9_q");
                assert!(args.public);
            }
            other => panic!("parsed as {other:?}"),
        }
    }
}

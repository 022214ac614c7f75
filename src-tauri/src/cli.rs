//! The command line: the same binary as the window, for scripts and terminals (like `gh auth`).
//!
//! stdout carries only the answer a script wants (a token, JSON, who was connected); everything
//! for humans goes to stderr. Exit codes are stable and documented in the README.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use connect_core::app_profile::NewApp;
use connect_core::engine::{AnswerSource, AppStatus};
use connect_core::identity::AccountKind;
use connect_core::registry::{AccountRecord, Origin, Outcome};
use connect_core::{Engine, Error, Secret, browser};
use tokio::io::AsyncBufReadExt;

use crate::exit::{self, exit_for, exit_for_code};
use crate::time_text::{expiry_text, now};

/// Connect tools to Factorial HR's API. With no arguments, opens the window.
#[derive(Debug, Parser)]
#[command(name = "factorial-connect", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list or remove Factorial OAuth applications.
    #[command(subcommand)]
    Apps(AppsCommand),
    /// Connect an application to a Factorial account: opens the browser and waits for the answer.
    Authorize {
        /// The application's name.
        app: String,
        /// Ask for a company token (an admin must authorize; it never expires).
        #[arg(long)]
        company: bool,
        /// Do not open a browser; only print the address to open.
        #[arg(long)]
        no_browser: bool,
        /// Give up after this many seconds (default: when the link expires, 10 minutes).
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<u64>,
    },
    /// Print a valid access token (refreshed first if it expires within a minute) and nothing else.
    Token(AccountArgs),
    /// Show every application and its connected accounts.
    Status {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Ask Factorial who an account's token belongs to.
    Whoami {
        #[command(flatten)]
        account: AccountArgs,
        #[arg(long)]
        json: bool,
    },
    /// Refresh an account's access token now.
    Refresh(AccountArgs),
    /// Revoke an account's tokens at Factorial and forget them here.
    Revoke(AccountArgs),
    /// Forget an account's tokens on this computer only (they stay valid at Factorial).
    Forget(AccountArgs),
}

#[derive(Debug, Args)]
pub struct AccountArgs {
    /// The application's name.
    pub app: String,
    /// Which account, when the application has several (its id, e-mail or company id).
    #[arg(long)]
    pub account: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// Add an application. The client secret is read from stdin (or asked for, hidden, on a terminal).
    Add {
        name: String,
        /// As shown on the application's page in Factorial. It may start with "-" (Doorkeeper's
        /// ids are URL-safe base64), so it is never mistaken for an option.
        #[arg(long, allow_hyphen_values = true)]
        client_id: String,
        /// production, demo, or the base URL of another Factorial server.
        #[arg(long, default_value = "production")]
        env: String,
        /// Exactly as registered in Factorial.
        #[arg(long, default_value = connect_core::app_profile::DEFAULT_REDIRECT_URI)]
        redirect_uri: String,
        /// Space-separated scopes (empty: the application's own scopes).
        #[arg(long, default_value = "")]
        scopes: String,
        /// A public (non-confidential) application, without a client secret.
        #[arg(long)]
        public: bool,
        /// Do not send PKCE (only for a server that rejects it).
        #[arg(long)]
        no_pkce: bool,
    },
    /// List applications.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an application, its secret and its accounts' tokens from this computer.
    Remove { name: String },
}

/// Runs one command to completion.
pub fn run(cli: Cli, engine: Engine) -> ExitCode {
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
            eprintln!("factorial-connect: could not start: {e}");
            ExitCode::from(exit::GENERAL)
        }
    }
}

/// Prints an error for a human and returns its exit code.
pub fn report(error: &Error) -> ExitCode {
    eprintln!("error: {error}");
    if std::env::var_os("FACTORIAL_CONNECT_DEBUG").is_some() {
        eprintln!("{}", error.developer_detail());
    }
    ExitCode::from(exit_for(error))
}

async fn dispatch(command: Command, engine: &Engine) -> Result<ExitCode, Error> {
    match command {
        Command::Apps(AppsCommand::Add {
            name,
            client_id,
            env,
            redirect_uri,
            scopes,
            public,
            no_pkce,
        }) => {
            let client_secret = if public { None } else { Some(read_secret()?) };
            let app = engine.add_app(NewApp {
                name,
                environment: env,
                client_id,
                client_secret,
                confidential: !public,
                redirect_uri,
                scopes,
                pkce: !no_pkce,
            })?;
            eprintln!(
                "Added \"{}\" ({}). Connect it with: factorial-connect authorize \"{}\"",
                app.name,
                app.environment.label(),
                app.name
            );
        }
        Command::Apps(AppsCommand::List { json }) => {
            let apps: Vec<_> = engine.status()?.into_iter().map(|s| s.app).collect();
            if json {
                print_json(&apps);
            } else if apps.is_empty() {
                eprintln!(
                    "No applications yet. Add one with: factorial-connect apps add NAME --client-id ID"
                );
            } else {
                for app in apps {
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        app.name,
                        app.environment.label(),
                        app.client_id,
                        if app.confidential {
                            "confidential"
                        } else {
                            "public"
                        },
                        app.redirect_uri
                    );
                }
            }
        }
        Command::Apps(AppsCommand::Remove { name }) => {
            let app = engine.remove_app(&name)?;
            eprintln!(
                "Removed \"{}\" and its secrets from this computer. Its tokens stay valid at Factorial until revoked there.",
                app.name
            );
        }
        Command::Authorize {
            app,
            company,
            no_browser,
            timeout,
        } => {
            let kind = AccountKind::for_company(company);
            return authorize(engine, &app, kind, no_browser, timeout).await;
        }
        Command::Token(AccountArgs { app, account }) => {
            let token = engine.access_token(&app, account.as_deref()).await?;
            println!("{}", token.expose());
        }
        Command::Status { json } => {
            let status = engine.status()?;
            if json {
                print_json(&status);
            } else {
                print_status(&status);
            }
        }
        Command::Whoami {
            account: AccountArgs { app, account },
            json,
        } => {
            let (record, identity) = engine.whoami(&app, account.as_deref()).await?;
            if json {
                print_json(&serde_json::json!({ "account": record, "identity": identity }));
            } else {
                println!("{}", record.label);
                eprintln!(
                    "{} token, account {} of \"{}\"",
                    record.kind.as_str(),
                    record.id,
                    app
                );
            }
        }
        Command::Refresh(AccountArgs { app, account }) => {
            let record = engine.refresh(&app, account.as_deref()).await?;
            eprintln!(
                "Refreshed {} ({}); {}.",
                record.label,
                record.id,
                expiry_text(record.access_expires_at, now())
            );
        }
        Command::Revoke(AccountArgs { app, account }) => {
            let record = engine.revoke(&app, account.as_deref()).await?;
            eprintln!(
                "Revoked the tokens of {} ({}) at Factorial and removed them here.",
                record.label, record.id
            );
        }
        Command::Forget(AccountArgs { app, account }) => {
            let record = engine.forget(&app, account.as_deref())?;
            eprintln!(
                "Forgot the tokens of {} ({}) on this computer. They stay valid at Factorial until revoked.",
                record.label, record.id
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The client secret, from stdin: hidden prompt on a terminal, else the whole input trimmed.
fn read_secret() -> Result<Secret, Error> {
    let invalid = |message: &str| Error::InvalidInput {
        field: "client secret",
        message: message.to_string(),
    };
    if std::io::stdin().is_terminal() {
        let typed =
            rpassword::prompt_password("Client secret (shown once by Factorial; input hidden): ")
                .map_err(|_| invalid("The client secret could not be read from the terminal."))?;
        return Ok(Secret::new(typed));
    }
    let mut input = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut input)
        .map_err(|_| {
            invalid("The client secret could not be read from standard input (it must be text).")
        })?;
    Ok(Secret::new(input.trim().to_string()))
}

/// Starts an authorization and waits for it to end: through the deep link (handled by another
/// process, which records the outcome), or through an address or code pasted on stdin.
async fn authorize(
    engine: &Engine,
    app: &str,
    kind: AccountKind,
    no_browser: bool,
    timeout: Option<u64>,
) -> Result<ExitCode, Error> {
    let start = engine.begin_authorization(app, kind, Origin::Cli)?;
    eprintln!(
        "To connect \"{}\" ({} token), open this address and press Authorize:\n\n  {}\n",
        start.app_name,
        kind.as_str(),
        start.url
    );
    if !no_browser {
        match browser::open(&start.url) {
            Ok(()) => eprintln!("Opened your browser."),
            Err(e) => eprintln!("{e}"),
        }
    }
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        eprintln!(
            "Waiting for Factorial… If the browser does not come back here, paste the address it ended on (or the code it shows) and press Enter."
        );
    } else {
        eprintln!("Waiting for Factorial…");
    }
    let wait_secs = timeout.unwrap_or_else(|| engine.settings().state_ttl.as_secs());
    let deadline = tokio::time::Instant::now() + Duration::from_secs(wait_secs);
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let mut stdin_open = true;
    let mut poll = tokio::time::interval(Duration::from_millis(250));
    loop {
        tokio::select! {
            _ = poll.tick() => {
                if let Some(outcome) = engine.outcome(&start.state_hash)? {
                    return Ok(print_outcome(&start.app_name, outcome));
                }
            }
            line = lines.next_line(), if stdin_open => match line {
                Ok(Some(text)) if text.trim().is_empty() => {}
                Ok(Some(text)) => match engine.complete(&text, AnswerSource::Paste { pending: Some(&start.state_hash) }).await {
                    Ok(connected) => {
                        return Ok(print_outcome(&start.app_name, Outcome::Connected { account_id: connected.account.id, label: connected.account.label }));
                    }
                    // A typo in a paste should not end the wait: say why and keep listening.
                    Err(Error::Callback(e)) if matches!(e, connect_core::CallbackError::Malformed { .. } | connect_core::CallbackError::TooLong { .. }) => {
                        eprintln!("{e}");
                    }
                    Err(e) => return Err(e),
                },
                // End of input (no terminal, or Ctrl-D): keep waiting for the deep link.
                Ok(None) | Err(_) => stdin_open = false,
            },
            _ = tokio::time::sleep_until(deadline) => {
                // Already cancelled or finished: the error below is still the truth.
                let _ = engine.cancel(&start.state_hash);
                return Err(Error::WaitTimedOut { waited: duration_text(wait_secs) });
            }
            _ = tokio::signal::ctrl_c() => {
                let _ = engine.cancel(&start.state_hash);
                eprintln!("Cancelled.");
                return Ok(ExitCode::from(exit::AUTHORIZATION));
            }
        }
    }
}

fn duration_text(secs: u64) -> String {
    match secs {
        1 => "1 second".to_string(),
        0..60 => format!("{secs} seconds"),
        60..120 => "1 minute".to_string(),
        _ => format!("{} minutes", secs / 60),
    }
}

fn print_outcome(app: &str, outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Connected { account_id, label } => {
            println!("{label}");
            eprintln!("Connected \"{app}\" to {label} (account {account_id}).");
            ExitCode::SUCCESS
        }
        Outcome::Failed { code, message } => {
            eprintln!("error: {message}");
            ExitCode::from(exit_for_code(&code))
        }
        Outcome::Cancelled => {
            eprintln!("The authorization was cancelled.");
            ExitCode::from(exit::AUTHORIZATION)
        }
    }
}

/// Completes an authorization from a deep link in this process (no window is open).
pub fn complete_deep_link(engine: &Engine, url: &str) -> ExitCode {
    block_on(async {
        match engine.complete(url, AnswerSource::DeepLink).await {
            Ok(connected) => {
                eprintln!(
                    "Connected \"{}\" to {} (account {}).",
                    connected.app_name, connected.account.label, connected.account.id
                );
                ExitCode::SUCCESS
            }
            Err(e) => report(&e),
        }
    })
}

fn print_status(status: &[AppStatus]) {
    if status.is_empty() {
        eprintln!(
            "No applications yet. Add one with: factorial-connect apps add NAME --client-id ID"
        );
        return;
    }
    let now = now();
    for s in status {
        println!(
            "{} ({}, client {})",
            s.app.name,
            s.app.environment.label(),
            s.app.client_id
        );
        if s.accounts.is_empty() {
            println!(
                "  not connected — run: factorial-connect authorize \"{}\"",
                s.app.name
            );
        }
        for a in &s.accounts {
            println!(
                "  {}  {}  {} token, {}",
                a.id,
                a.label,
                a.kind.as_str(),
                account_state(a, now)
            );
        }
    }
}

fn account_state(a: &AccountRecord, now: u64) -> String {
    match &a.needs_reconnect {
        Some(_) => "needs you to connect again".to_string(),
        None => expiry_text(a.access_expires_at, now),
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: could not write JSON: {e}"),
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
            Command::Apps(AppsCommand::Add {
                client_id, public, ..
            }) => {
                assert_eq!(client_id, "-dX9_q");
                assert!(public);
            }
            other => panic!("parsed as {other:?}"),
        }
    }
}

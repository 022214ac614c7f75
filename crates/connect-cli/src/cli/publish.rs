//! `publish`: an account's access token shared with the company's secrets manager (OpenBao, or
//! HashiCorp Vault), where servers read it; this computer stays the only one that refreshes it.

use std::process::ExitCode;

use connect_core::error::Field;
use connect_core::registry::AccountRecord;
use connect_core::share::{Destination, Login, Sharing};
use connect_core::{Engine, Error, ErrorCode};

use super::messages::{account_label, say, sentence};
use super::output::{note, out, print_json};
use super::{AccountArgs, PublishAddArgs, PublishCommand};
use crate::time_text::{now, span_text};

pub async fn run(command: PublishCommand, engine: &Engine) -> Result<ExitCode, Error> {
    match command {
        PublishCommand::Add(args) => add(engine, args).await?,
        PublishCommand::List { json } => list(engine, json)?,
        PublishCommand::Test(args) => test(engine, args).await?,
        PublishCommand::Remove { account, here_only } => remove(engine, account, here_only).await?,
        PublishCommand::HandOver { account, folder } => hand_over(engine, account, &folder).await?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn add(engine: &Engine, args: PublishAddArgs) -> Result<(), Error> {
    // Kept as an absolute path: the keep-alive reads it later, from another folder.
    let ca_file = args
        .ca_file
        .map(|f| std::path::absolute(&f).unwrap_or(f).display().to_string());
    let login = match args.approle {
        Some(role_id) => Login::AppRole { role_id },
        None => Login::Token,
    };
    let prompt = match login {
        Login::Token => "cli-server-token-prompt",
        Login::AppRole { .. } => "cli-approle-secret-prompt",
    };
    let destination = Destination::new(
        &args.address,
        &args.mount,
        &args.path,
        args.namespace.as_deref(),
        ca_file,
        login,
    )?;
    // Before asking for the login: no secret is typed for an account that is not there.
    engine.account(&args.account.app, args.account.account.as_deref())?;
    let secret = super::apps::read_secret(Field::ServerSecret, prompt)?;
    if secret.expose().is_empty() {
        return Err(ErrorCode::InvalidInput {
            field: Field::ServerSecret,
            issue: connect_core::error::InputIssue::Empty,
        }
        .into());
    }
    let account = args.account;
    let record = engine
        .share(
            &account.app,
            account.account.as_deref(),
            destination,
            secret,
        )
        .await?;
    if let Some(sharing) = &record.sharing {
        let version = sharing.version.unwrap_or_default();
        note!(
            "{}",
            say(
                "cli-shared",
                &[
                    ("label", (&account_label(&record)).into()),
                    ("account", (&record.id).into()),
                    ("server", (&sharing.destination.server()).into()),
                    ("entry", (&sharing.destination.entry()).into()),
                    ("version", version.into()),
                ],
            )
        );
    }
    Ok(())
}

fn list(engine: &Engine, json: bool) -> Result<(), Error> {
    let status = engine.status()?;
    let shared: Vec<(String, AccountRecord)> = status
        .iter()
        .flat_map(|app| {
            app.accounts
                .iter()
                .filter(|a| a.account.sharing.is_some())
                .map(|a| (app.app.name.clone(), a.account.clone()))
        })
        .collect();
    if json {
        let rows: Vec<ShareJson<'_>> = shared
            .iter()
            .filter_map(|(app, record)| {
                record.sharing.as_ref().map(|sharing| ShareJson {
                    app,
                    account: &record.id,
                    sharing,
                })
            })
            .collect();
        print_json(&rows);
        return Ok(());
    }
    if shared.is_empty() {
        note!("{}", say("cli-no-shares", &[]));
    }
    for (app, record) in &shared {
        let Some(sharing) = &record.sharing else {
            continue;
        };
        let state = state_text(sharing);
        out!(
            "{}",
            say(
                "cli-share-line",
                &[
                    ("app", app.into()),
                    ("account", (&record.id).into()),
                    ("server", (&sharing.destination.server()).into()),
                    ("entry", (&sharing.destination.entry()).into()),
                    ("state", (&state).into()),
                ],
            )
        );
    }
    Ok(())
}

/// One line's state: what was published when, or why not and what happens next.
fn state_text(sharing: &Sharing) -> String {
    let now = now();
    if let Some(kept) = &sharing.kept_by {
        let span = span_text(now.saturating_sub(kept.since));
        return say(
            "cli-share-kept",
            &[("span", (&span).into()), ("private", (&kept.entry).into())],
        );
    }
    match (&sharing.failure, sharing.version, sharing.published_at) {
        (Some(failure), _, _) => {
            let text = sentence(&ErrorCode::ShareFailed {
                server: sharing.destination.server(),
                problem: failure.problem.clone(),
            });
            match failure.retry_at {
                Some(at) => {
                    let span = span_text(at.saturating_sub(now));
                    say(
                        "cli-share-failing",
                        &[("span", (&span).into()), ("text", (&text).into())],
                    )
                }
                None => say("cli-share-stopped", &[("text", (&text).into())]),
            }
        }
        (None, Some(version), Some(at)) => {
            let span = span_text(now.saturating_sub(at));
            say(
                "cli-share-published",
                &[("version", version.into()), ("span", (&span).into())],
            )
        }
        _ => say("cli-share-waiting", &[]),
    }
}

/// What `publish list --json` prints per shared account.
#[derive(serde::Serialize)]
struct ShareJson<'a> {
    app: &'a str,
    account: &'a str,
    #[serde(flatten)]
    sharing: &'a Sharing,
}

async fn test(engine: &Engine, args: AccountArgs) -> Result<(), Error> {
    engine
        .test_sharing(&args.app, args.account.as_deref())
        .await?;
    let (_, record) = engine.account(&args.app, args.account.as_deref())?;
    if let Some(sharing) = &record.sharing {
        note!(
            "{}",
            say(
                "cli-share-tested",
                &[
                    ("server", (&sharing.destination.server()).into()),
                    ("entry", (&sharing.destination.entry()).into()),
                    ("version", sharing.version.unwrap_or_default().into()),
                ],
            )
        );
    }
    Ok(())
}

async fn remove(engine: &Engine, args: AccountArgs, here_only: bool) -> Result<(), Error> {
    let (_, before) = engine.account(&args.app, args.account.as_deref())?;
    let record = engine
        .unshare(&args.app, args.account.as_deref(), here_only)
        .await?;
    if let Some(sharing) = &before.sharing {
        note!(
            "{}",
            say(
                "cli-unshared",
                &[
                    ("label", (&account_label(&record)).into()),
                    ("account", (&record.id).into()),
                    ("server", (&sharing.destination.server()).into()),
                    ("entry", (&sharing.destination.entry()).into()),
                    ("here_only", if here_only { "yes" } else { "no" }.into()),
                ],
            )
        );
    }
    Ok(())
}

async fn hand_over(engine: &Engine, args: AccountArgs, folder: &str) -> Result<(), Error> {
    let record = engine
        .hand_over(&args.app, args.account.as_deref(), folder)
        .await?;
    let Some(sharing) = &record.sharing else {
        return Ok(());
    };
    let private = sharing.kept_by.as_ref().map(|k| k.entry.clone());
    note!(
        "{}",
        say(
            "cli-handed-over",
            &[
                ("label", (&account_label(&record)).into()),
                ("account", (&record.id).into()),
                ("server", (&sharing.destination.server()).into()),
                ("private", (&private.unwrap_or_default()).into()),
                ("entry", (&sharing.destination.entry()).into()),
            ],
        )
    );
    Ok(())
}

/// After revoke or forget: where a copy of the token stayed because the secrets manager could
/// not take it back, and what to do there.
pub fn left_behind(record: &AccountRecord) {
    let Some(sharing) = &record.sharing else {
        return;
    };
    let Some(failure) = &sharing.failure else {
        return;
    };
    let text = sentence(&ErrorCode::ShareFailed {
        server: sharing.destination.server(),
        problem: failure.problem.clone(),
    });
    note!(
        "{}",
        say(
            "cli-share-left-behind",
            &[
                ("server", (&sharing.destination.server()).into()),
                ("entry", (&sharing.destination.entry()).into()),
                ("text", (&text).into()),
            ],
        )
    );
}

/// After a refresh on the command line: the new token published where the account is shared.
/// A failure is said, not raised: the refresh itself succeeded, and the keep-alive tries again.
pub async fn after_refresh(engine: &Engine, app: &str, account_id: &str) {
    if let Err(e) = engine.publish(app, Some(account_id)).await {
        let text = sentence(e.code());
        note!("{}", say("cli-publish-failed", &[("text", (&text).into())]));
    }
}

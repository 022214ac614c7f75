//! The commands on connected accounts: `token`, `status`, `whoami`, `refresh`, `revoke`, `forget`.

use std::process::ExitCode;

use connect_core::engine::AppStatus;
use connect_core::{Engine, Error};

use super::AccountArgs;
use super::messages::shell_quote;
use super::output::{note, out, print_json};
use crate::time_text::{expiry_text, health_text, now};

pub async fn token(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let token = engine
        .access_token(&args.app, args.account.as_deref())
        .await?;
    out!("{}", token.expose());
    Ok(ExitCode::SUCCESS)
}

pub fn status(engine: &Engine, json: bool) -> Result<ExitCode, Error> {
    let status = engine.status()?;
    if json {
        print_json(&status);
    } else {
        print_status(&status);
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn whoami(engine: &Engine, args: AccountArgs, json: bool) -> Result<ExitCode, Error> {
    let (record, identity) = engine.whoami(&args.app, args.account.as_deref()).await?;
    if json {
        print_json(&serde_json::json!({ "account": record, "identity": identity }));
    } else {
        out!("{}", record.label);
        note!(
            "{} token, account {} of \"{}\"",
            record.kind.as_str(),
            record.id,
            args.app
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn refresh(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.refresh(&args.app, args.account.as_deref()).await?;
    note!(
        "Refreshed {} ({}); {}.",
        record.label,
        record.id,
        expiry_text(record.access_expires_at, now())
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn revoke(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.revoke(&args.app, args.account.as_deref()).await?;
    note!(
        "Revoked the tokens of {} ({}) at Factorial and removed them here.",
        record.label,
        record.id
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn forget(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.forget(&args.app, args.account.as_deref()).await?;
    note!(
        "Forgot the tokens of {} ({}) on this computer. They stay valid at Factorial until revoked.",
        record.label,
        record.id
    );
    Ok(ExitCode::SUCCESS)
}

fn print_status(status: &[AppStatus]) {
    if status.is_empty() {
        note!("No applications yet. Add one with: factorial-connect apps add NAME --client-id ID");
        return;
    }
    let now = now();
    for s in status {
        out!(
            "{} ({}, client {})",
            s.app.name,
            s.app.environment.label(),
            s.app.client_id
        );
        if s.accounts.is_empty() {
            out!(
                "  not connected — run: factorial-connect authorize {}",
                shell_quote(&s.app.name)
            );
        }
        for a in &s.accounts {
            out!(
                "  {}  {}  {} token, {}",
                a.account.id,
                a.account.label,
                a.account.kind.as_str(),
                health_text(a.health, now)
            );
        }
    }
}

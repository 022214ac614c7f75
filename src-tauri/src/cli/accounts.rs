//! The commands on connected accounts: `token`, `status`, `whoami`, `refresh`, `revoke`, `forget`.

use std::process::ExitCode;

use connect_core::engine::AppStatus;
use connect_core::{Engine, Error};

use super::AccountArgs;
use super::messages::{say, shell_quote};
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
        let said = say(
            "cli-token-of",
            &[
                ("kind", record.kind.as_str().into()),
                ("account", (&record.id).into()),
                ("app", (&args.app).into()),
            ],
        );
        note!("{said}");
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn refresh(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.refresh(&args.app, args.account.as_deref()).await?;
    let expiry = expiry_text(record.access_expires_at, now());
    let said = say(
        "cli-refreshed",
        &[
            ("label", (&record.label).into()),
            ("account", (&record.id).into()),
            ("expiry", (&expiry).into()),
        ],
    );
    note!("{said}");
    Ok(ExitCode::SUCCESS)
}

pub async fn revoke(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.revoke(&args.app, args.account.as_deref()).await?;
    let said = say(
        "cli-revoked",
        &[
            ("label", (&record.label).into()),
            ("account", (&record.id).into()),
        ],
    );
    note!("{said}");
    Ok(ExitCode::SUCCESS)
}

pub async fn forget(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.forget(&args.app, args.account.as_deref()).await?;
    let said = say(
        "cli-forgot",
        &[
            ("label", (&record.label).into()),
            ("account", (&record.id).into()),
        ],
    );
    note!("{said}");
    Ok(ExitCode::SUCCESS)
}

fn print_status(status: &[AppStatus]) {
    if status.is_empty() {
        note!("{}", say("cli-no-apps", &[]));
        return;
    }
    let now = now();
    for s in status {
        let environment = s.app.environment.label();
        let line = say(
            "cli-status-app",
            &[
                ("name", (&s.app.name).into()),
                ("environment", (&environment).into()),
                ("client_id", (&s.app.client_id).into()),
            ],
        );
        out!("{line}");
        if s.accounts.is_empty() {
            let quoted = shell_quote(&s.app.name);
            out!(
                "  {}",
                say("cli-status-not-connected", &[("app", (&quoted).into())])
            );
        }
        for a in &s.accounts {
            let health = health_text(a.health, now);
            let state = say(
                "cli-status-account",
                &[
                    ("kind", a.account.kind.as_str().into()),
                    ("health", (&health).into()),
                ],
            );
            out!("  {}  {}  {state}", a.account.id, a.account.label);
        }
    }
}

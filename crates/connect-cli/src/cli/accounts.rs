//! The commands on connected accounts: `token`, `status`, `whoami`, `refresh`, `revoke`, `forget`.

use std::process::ExitCode;

use connect_core::engine::AppStatus;
use connect_core::health::EXPIRES_SOON_SECS;
use connect_core::{Engine, Error};

use super::AccountArgs;
use super::messages::{account_label, say, shell_quote};
use super::output::{note, out, print_json};
use crate::time_text::{expiry_text, health_text, now, span_text};

pub async fn token(engine: &Engine, args: AccountArgs, json: bool) -> Result<ExitCode, Error> {
    if !json {
        let token = engine
            .access_token(&args.app, args.account.as_deref())
            .await?;
        out!("{}", token.expose());
        return Ok(ExitCode::SUCCESS);
    }
    let access = engine
        .access(&args.app, args.account.as_deref(), engine.refresh_margin())
        .await?;
    print_json(&TokenJson {
        access_token: access.token.expose(),
        token_type: "Bearer",
        expires_at: access.expires_at,
        expires_in: access.expires_at.map(|at| at.saturating_sub(now())),
        scopes: &access.scopes,
        app: &access.app.name,
        account: &access.account.id,
        kind: access.account.kind.as_str(),
        api_url: &access.api_url,
    });
    Ok(ExitCode::SUCCESS)
}

/// What `token --json` prints: the token and what a script needs to use it (its fields are a
/// promise to scripts; the README lists them).
#[derive(serde::Serialize)]
struct TokenJson<'a> {
    access_token: &'a str,
    token_type: &'static str,
    /// Unix seconds; `null` for a company token, which never expires.
    expires_at: Option<u64>,
    expires_in: Option<u64>,
    scopes: &'a [String],
    app: &'a str,
    account: &'a str,
    /// `user` or `company`.
    kind: &'a str,
    api_url: &'a str,
}

/// What `whoami --json` prints: the stored account and Factorial's answer, as the engine holds them.
#[derive(serde::Serialize)]
struct WhoamiJson<'a> {
    account: &'a connect_core::registry::AccountRecord,
    identity: &'a connect_core::identity::Identity,
}

/// `exec APP -- COMMAND…`: runs the command with a token that has at least ten minutes left and
/// the API's address in its environment (never on a command line, where `ps` shows it), and ends
/// with the command's exit code.
pub async fn exec(
    engine: &Engine,
    args: AccountArgs,
    command: Vec<String>,
) -> Result<ExitCode, Error> {
    let access = engine
        .access(&args.app, args.account.as_deref(), EXPIRES_SOON_SECS)
        .await?;
    let Some((program, rest)) = command.split_first() else {
        // clap requires a command; nothing to run is success, like `env` alone.
        return Ok(ExitCode::SUCCESS);
    };
    let mut child = std::process::Command::new(program_path(program));
    child
        .args(rest)
        .env("FACTORIAL_ACCESS_TOKEN", access.token.expose())
        .env("FACTORIAL_API_URL", &access.api_url);
    // Unix: become the command, so its exit status and signals are the caller's directly.
    #[cfg(unix)]
    let failure = std::os::unix::process::CommandExt::exec(&mut child);
    #[cfg(not(unix))]
    let failure = match child.status() {
        Ok(status) => return Ok(ExitCode::from(crate::exit::passed_through(status.code()))),
        Err(e) => e,
    };
    Ok(could_not_run(program, &failure))
}

/// The program to start for `program`. Windows: `npm` is `npm.cmd`, and the standard library
/// looks only for `npm.exe`; found as the shell would, through PATHEXT (a name not found is left
/// for the error that follows).
pub(super) fn program_path(program: &str) -> std::ffi::OsString {
    #[cfg(windows)]
    return which::which(program).map_or_else(|_| program.into(), |path| path.into_os_string());
    #[cfg(not(windows))]
    program.into()
}

/// Says why `program` could not run; the shell's codes: 127 not found, 126 found but not runnable.
pub(super) fn could_not_run(program: &str, failure: &std::io::Error) -> ExitCode {
    let problem = failure.to_string();
    note!(
        "{}",
        say(
            "cli-exec-failed",
            &[("program", program.into()), ("problem", (&problem).into())]
        )
    );
    ExitCode::from(if failure.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    })
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
        print_json(&WhoamiJson {
            account: &record,
            identity: &identity,
        });
    } else {
        out!("{}", account_label(&record));
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
    let label = account_label(&record);
    let expiry = expiry_text(record.access_expires_at, now());
    let said = say(
        "cli-refreshed",
        &[
            ("label", (&label).into()),
            ("account", (&record.id).into()),
            ("expiry", (&expiry).into()),
        ],
    );
    note!("{said}");
    super::publish::after_refresh(engine, &args.app, &record.id).await;
    Ok(ExitCode::SUCCESS)
}

pub async fn revoke(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.revoke(&args.app, args.account.as_deref()).await?;
    let label = account_label(&record);
    let said = say(
        "cli-revoked",
        &[("label", (&label).into()), ("account", (&record.id).into())],
    );
    note!("{said}");
    super::publish::left_behind(&record);
    Ok(ExitCode::SUCCESS)
}

pub async fn forget(engine: &Engine, args: AccountArgs) -> Result<ExitCode, Error> {
    let record = engine.forget(&args.app, args.account.as_deref()).await?;
    let label = account_label(&record);
    // A company token never expires: forgotten here, it still acts for the company at Factorial.
    let live_company = record.kind == connect_core::identity::AccountKind::Company
        && record.needs_reconnect.is_none();
    let said = say(
        if live_company {
            "cli-forgot-company"
        } else {
            "cli-forgot"
        },
        &[("label", (&label).into()), ("account", (&record.id).into())],
    );
    note!("{said}");
    super::publish::left_behind(&record);
    Ok(ExitCode::SUCCESS)
}

/// Why the account's owner is not known: the error that said so, or, for one an earlier version
/// kept without a reason, what to do.
fn unidentified_text(why: &connect_core::ErrorCode, app: &str) -> String {
    match why {
        connect_core::ErrorCode::Unknown => {
            let quoted = shell_quote(app);
            say("cli-unidentified-unknown", &[("app", (&quoted).into())])
        }
        code => super::messages::sentence(code),
    }
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
            let mut health = health_text(a.health, now);
            if let (Some(at), false) = (a.refresh_expires_at, a.account.needs_reconnect.is_some()) {
                let span = span_text(at.saturating_sub(now));
                health.push_str(&say("cli-stays-connected", &[("span", (&span).into())]));
            }
            let state = say(
                "cli-status-account",
                &[
                    ("kind", a.account.kind.as_str().into()),
                    ("health", (&health).into()),
                ],
            );
            out!("  {}  {}  {state}", a.account.id, account_label(&a.account));
            if let Some(why) = &a.account.unidentified {
                out!("    {}", unidentified_text(why, &s.app.name));
            }
        }
    }
}

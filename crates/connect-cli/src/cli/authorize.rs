//! `factorial-connect authorize APP`, and what the OS runs for a deep link when no window is open.
//!
//! The wait ends in exactly one of these ways: the outcome recorded by whichever process took the
//! deep link, a pasted address or code that completes it here, the timeout, Ctrl-C, or an error.
//! Whichever it is, this authorization is cancelled on the way out, so no pending request is left
//! for a late link to complete behind the admin's back.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use connect_core::engine::{AnswerSource, AuthorizationStart};
use connect_core::error::{Field, InputIssue};
use connect_core::identity::AccountKind;
use connect_core::registry::{Origin, Outcome};
use connect_core::{CallbackError, Engine, Error, ErrorCode, browser};

use super::messages;
use super::output::{note, out};
use super::paste::{PasteLines, Pasted};
use super::{block_on, report};
use crate::exit::{self, exit_for};

pub async fn run(
    engine: &Engine,
    app: &str,
    company: bool,
    no_browser: bool,
    timeout: Option<u64>,
) -> Result<ExitCode, Error> {
    let kind = AccountKind::for_company(company);
    let link_life = engine.settings().state_ttl.as_secs();
    if timeout.is_some_and(|t| t > link_life) {
        return Err(ErrorCode::InvalidInput {
            field: Field::Timeout,
            issue: InputIssue::AboveLimit { max: link_life },
        }
        .into());
    }
    let start = engine.begin_authorization(app, kind, Origin::Cli)?;
    let intro = messages::say(
        "cli-connect-intro",
        &[
            ("app", (&start.app_name).into()),
            ("kind", kind.as_str().into()),
        ],
    );
    note!("{intro}\n\n  {}\n", start.url);
    if !no_browser {
        match browser::open(&start.url) {
            Ok(()) => note!("{}", messages::say("cli-browser-opened", &[])),
            Err(e) => note!("{}", messages::sentence(e.code())),
        }
    }
    let waiting = if std::io::stdin().is_terminal() {
        "cli-waiting-paste"
    } else {
        "cli-waiting"
    };
    note!("{}", messages::say(waiting, &[]));
    let wait_secs = timeout.unwrap_or(link_life);
    let ended = wait(engine, &start, wait_secs).await;
    // Already ended (connected, failed): the recorded outcome stays. Otherwise nobody may finish
    // it any more. A failure here changes nothing the admin can act on.
    let _ = engine.cancel(&start.state_hash);
    ended
}

async fn wait(
    engine: &Engine,
    start: &AuthorizationStart,
    wait_secs: u64,
) -> Result<ExitCode, Error> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(wait_secs);
    let mut pasted = PasteLines::stdin();
    let mut stdin_open = true;
    let (changed, mut look_anyway, _watch) = hear_changes(engine);
    // One listener for the whole wait, also while a paste is being exchanged: a new listener per
    // turn would miss a Ctrl-C pressed in between.
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        tokio::select! {
            // Heard of a change, or time to look anyway: both cancel-safe, so losing the race
            // to another branch loses nothing.
            _ = async {
                tokio::select! {
                    _ = changed.notified() => {}
                    _ = look_anyway.tick() => {}
                }
            } => {
                if let Some(outcome) = engine.outcome(&start.state_hash)? {
                    return Ok(print_outcome(&start.app_name, outcome));
                }
            }
            line = pasted.next(), if stdin_open => match line {
                Ok(Pasted::Line(text)) if text.trim().is_empty() => {}
                Ok(Pasted::Line(text)) => {
                    let done = tokio::select! {
                        done = complete_pasted(engine, start, &text) => done?,
                        _ = &mut ctrl_c => return Ok(cancelled()),
                    };
                    if let Some(done) = done {
                        return Ok(done);
                    }
                }
                Ok(Pasted::TooLong(len)) => {
                    let problem = CallbackError::TooLong { len: len as u64 };
                    note!("{}", messages::sentence(&problem.into()));
                }
                // End of input (no terminal, or Ctrl-D): keep waiting for the deep link.
                Ok(Pasted::End) | Err(_) => stdin_open = false,
            },
            _ = tokio::time::sleep_until(deadline) => {
                return Err(ErrorCode::WaitTimedOut { waited_secs: wait_secs }.into());
            }
            _ = &mut ctrl_c => return Ok(cancelled()),
        }
    }
}

/// The deep link is handled by another process, which records the outcome in the registry: hear
/// the change rather than poll for it. A folder that cannot be watched (no inotify watches left, a
/// network file system) is looked at every second instead. The watch lasts as long as what it
/// returns is kept.
fn hear_changes(
    engine: &Engine,
) -> (
    Arc<tokio::sync::Notify>,
    tokio::time::Interval,
    connect_core::Result<connect_core::watch::DataWatch>,
) {
    let changed = Arc::new(tokio::sync::Notify::new());
    let heard = Arc::clone(&changed);
    let watch = engine.watch(move || heard.notify_one());
    let look_anyway = tokio::time::interval(if watch.is_ok() {
        Duration::from_secs(30)
    } else {
        Duration::from_secs(1)
    });
    (changed, look_anyway, watch)
}

/// A pasted address or code, completed: the outcome printed, or none when it was a typo or the
/// answer of another authorization (said, and the wait goes on).
async fn complete_pasted(
    engine: &Engine,
    start: &AuthorizationStart,
    text: &str,
) -> Result<Option<ExitCode>, Error> {
    let own = AnswerSource::Paste {
        pending: Some(&start.state_hash),
    };
    match engine.complete(text, own).await {
        Ok(connected) => Ok(Some(print_outcome(&start.app_name, connected.outcome()))),
        Err(e) => match e.into_code() {
            ErrorCode::CallbackRejected {
                problem:
                    problem @ (CallbackError::Malformed { .. }
                    | CallbackError::TooLong { .. }
                    | CallbackError::BelongsToAnother),
                ..
            } => {
                note!("{}", messages::sentence(&problem.into()));
                Ok(None)
            }
            code => Err(code.into()),
        },
    }
}

/// Ctrl-C: said, and the authorization's exit code.
fn cancelled() -> ExitCode {
    note!("{}", messages::say("cli-cancelled", &[]));
    ExitCode::from(exit::AUTHORIZATION)
}

/// `app`: the application this wait is for (what an outcome recorded by an older version, or for
/// an application removed since, may not name).
fn print_outcome(app: &str, outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Connected {
            account_id,
            label,
            unidentified,
            ..
        } => {
            // An account whose owner Factorial has not named has no label: its id, for scripts.
            let label = if label.is_empty() {
                account_id.clone()
            } else {
                label
            };
            out!("{label}");
            note!("{}", connected_text(app, &label, &account_id));
            // Connected all the same: the token works; the admin hears what to do about its owner.
            if let Some(why) = unidentified {
                note!("{}", messages::sentence(&why));
            }
            ExitCode::SUCCESS
        }
        Outcome::Failed { error } => {
            let text = messages::sentence(&error);
            note!(
                "{}",
                messages::say("cli-error", &[("text", (&text).into())])
            );
            ExitCode::from(exit_for(&error))
        }
        Outcome::Cancelled => {
            note!("{}", messages::sentence(&ErrorCode::Cancelled));
            ExitCode::from(exit::AUTHORIZATION)
        }
    }
}

/// Completes an authorization from a deep link in this process (no window is open).
pub fn complete_deep_link(engine: &Engine, url: &str) -> ExitCode {
    block_on(async {
        match engine.complete(url, AnswerSource::DeepLink).await {
            Ok(connected) => {
                let account = &connected.account;
                note!(
                    "{}",
                    connected_text(
                        &connected.app_name,
                        &messages::account_label(account),
                        &account.id
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => report(&e),
        }
    })
}

/// "Connected “App” to Ana <ana@acme.test> (account user-12)."
fn connected_text(app: &str, label: &str, account: &str) -> String {
    messages::say(
        "cli-connected",
        &[
            ("app", app.into()),
            ("label", label.into()),
            ("account", account.into()),
        ],
    )
}

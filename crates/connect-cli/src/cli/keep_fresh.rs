//! `exec --keep-fresh`: a long-running command whose token outlives an hour. Besides
//! `FACTORIAL_ACCESS_TOKEN` (the first token only), the command gets `FACTORIAL_ACCESS_TOKEN_FILE`:
//! an owner-only file in a private folder, rewritten atomically before each expiry for as long as
//! the command runs, and removed with its folder when it ends. This process stays beside the
//! command to do that, and ends with its exit status.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use connect_core::engine::Access;
use connect_core::health::EXPIRES_SOON_SECS;
use connect_core::{Engine, Error, ErrorCode, Secret};

use super::AccountArgs;
use super::messages::{say, sentence};
use super::output::note;
use crate::time_text::now;

/// After a failed refresh, how long before trying again (at most; less when expiry is closer).
const RETRY_SECS: u64 = 30;

pub async fn run(
    engine: &Engine,
    args: AccountArgs,
    command: Vec<String>,
) -> Result<ExitCode, Error> {
    let account = args.account.as_deref();
    let first = engine.access(&args.app, account, EXPIRES_SOON_SECS).await?;
    let Some((program, rest)) = command.split_first() else {
        return Ok(ExitCode::SUCCESS);
    };
    let folder = TokenFolder::create()?;
    folder.write(&first.token)?;
    let mut child = tokio::process::Command::new(super::accounts::program_path(program));
    child
        .args(rest)
        .env("FACTORIAL_ACCESS_TOKEN", first.token.expose())
        .env("FACTORIAL_ACCESS_TOKEN_FILE", folder.file())
        .env("FACTORIAL_API_URL", &first.api_url);
    let mut child = match child.spawn() {
        Ok(child) => child,
        Err(failure) => return Ok(super::accounts::could_not_run(program, &failure)),
    };
    let mut fresh = Freshness::of(&first);
    let mut signals = Signals::new();
    let status = loop {
        let wait = Duration::from_secs(fresh.next_check(now()));
        tokio::select! {
            status = child.wait() => break status,
            () = tokio::time::sleep(wait) => {
                match engine.access(&args.app, account, fresh.margin()).await {
                    Ok(access) => {
                        if let Err(e) = folder.write(&access.token) {
                            say_failure(&e);
                        }
                        fresh = Freshness::of(&access);
                    }
                    Err(e) => {
                        say_failure(&e);
                        fresh.failed(now());
                    }
                }
            }
            () = signals.next() => signals.forward_to(&child),
        }
    };
    drop(folder);
    Ok(match status {
        Ok(status) => exit_of(status),
        Err(_) => ExitCode::from(crate::exit::GENERAL),
    })
}

fn say_failure(error: &Error) {
    let text = sentence(error.code());
    note!(
        "{}",
        say("cli-keep-fresh-failed", &[("text", (&text).into())])
    );
}

/// When the token is renewed: a third of its life before it ends, and at most ten minutes before
/// (an hour's token is renewed at 50 minutes, a test server's 9 s token at 6 s).
struct Freshness {
    expires_at: Option<u64>,
    margin: u64,
    retry_at: Option<u64>,
}

impl Freshness {
    fn of(access: &Access) -> Self {
        let life = access.expires_at.map_or(0, |at| at.saturating_sub(now()));
        Freshness {
            expires_at: access.expires_at,
            margin: (life / 3).clamp(1, EXPIRES_SOON_SECS),
            retry_at: None,
        }
    }

    fn margin(&self) -> u64 {
        self.margin
    }

    /// Seconds until the token should be renewed (or the failed renewal tried again); a day
    /// for a token that never expires (nothing to do, but the wait must end somewhere).
    fn next_check(&self, now: u64) -> u64 {
        let Some(expires_at) = self.expires_at else {
            return 86_400;
        };
        let due = self
            .retry_at
            .unwrap_or(expires_at.saturating_sub(self.margin));
        due.saturating_sub(now)
    }

    fn failed(&mut self, now: u64) {
        let left = self
            .expires_at
            .map_or(RETRY_SECS, |at| at.saturating_sub(now));
        self.retry_at = Some(now + (left / 4).clamp(1, RETRY_SECS));
    }
}

/// The private folder and its token file; removed when dropped.
struct TokenFolder {
    dir: tempfile::TempDir,
}

impl TokenFolder {
    /// In the user's runtime folder where there is one (Linux: a memory file system only they can
    /// read), else the system's temporary folder; the folder itself is the user's alone.
    fn create() -> Result<Self, Error> {
        let base = connect_core::paths::runtime_dir().unwrap_or_else(std::env::temp_dir);
        let dir = tempfile::Builder::new()
            .prefix("factorial-connect-")
            .tempdir_in(&base)
            .map_err(|e| ErrorCode::storage(base.display().to_string(), Some(&e)))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let private = std::fs::Permissions::from_mode(0o700);
            std::fs::set_permissions(dir.path(), private)
                .map_err(|e| ErrorCode::storage(dir.path().display().to_string(), Some(&e)))?;
        }
        Ok(TokenFolder { dir })
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("access-token")
    }

    /// Written beside, then renamed over: a reader sees the old token or the new, never half.
    fn write(&self, token: &Secret) -> Result<(), Error> {
        let path = self.file();
        let next = self.dir.path().join(".access-token.next");
        let written = write_private(&next, token).and_then(|()| std::fs::rename(&next, &path));
        written.map_err(|e| ErrorCode::storage(path.display().to_string(), Some(&e)).into())
    }
}

fn write_private(path: &Path, token: &Secret) -> std::io::Result<()> {
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(token.expose().as_bytes())?;
    file.sync_all()
}

/// The command's exit status as ours; one ended by a signal as a shell says it (128 + signal).
fn exit_of(status: std::process::ExitStatus) -> ExitCode {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return ExitCode::from(u8::try_from(128 + signal).unwrap_or(crate::exit::GENERAL));
    }
    ExitCode::from(crate::exit::passed_through(status.code()))
}

/// Signals meant for the command: this process outlives them (a terminal's Ctrl-C reaches the
/// command by itself) and passes a termination on, so the command ends first and the folder is
/// then removed.
pub(super) struct Signals {
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    hangup: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    pub(super) fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Signals {
                terminate: signal(SignalKind::terminate()).ok(),
                interrupt: signal(SignalKind::interrupt()).ok(),
                hangup: signal(SignalKind::hangup()).ok(),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// The next termination asked of this process (never, where there is none to hear).
    pub(super) async fn next(&mut self) {
        #[cfg(unix)]
        {
            async fn recv(signal: &mut Option<tokio::signal::unix::Signal>) {
                match signal {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending().await,
                }
            }
            loop {
                tokio::select! {
                    () = recv(&mut self.terminate) => return,
                    () = recv(&mut self.hangup) => return,
                    // The terminal sent it to the command too: nothing to pass on.
                    () = recv(&mut self.interrupt) => {}
                }
            }
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await;
    }

    fn forward_to(&self, child: &tokio::process::Child) {
        #[cfg(unix)]
        if let Some(pid) = child
            .id()
            .and_then(|id| i32::try_from(id).ok())
            .and_then(rustix::process::Pid::from_raw)
        {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        }
        #[cfg(not(unix))]
        let _ = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_renewed_a_third_of_its_life_early_at_most_ten_minutes() {
        let hour = Freshness {
            expires_at: Some(10_000 + 3_600),
            margin: (3_600u64 / 3).clamp(1, EXPIRES_SOON_SECS),
            retry_at: None,
        };
        assert_eq!(hour.next_check(10_000), 3_000);
        let short = Freshness {
            expires_at: Some(10_009),
            margin: 3,
            retry_at: None,
        };
        assert_eq!(short.next_check(10_000), 6);
        let mut failing = short;
        failing.failed(10_006);
        assert_eq!(failing.next_check(10_006), 1);
        let never = Freshness {
            expires_at: None,
            margin: 1,
            retry_at: None,
        };
        assert_eq!(never.next_check(0), 86_400);
    }
}

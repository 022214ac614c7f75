//! `keeper`: keeps alive, on a server, the accounts desktops handed over (see
//! `connect_core::keeper`). It needs no window, no keychain and no data folder: its own login to
//! the secrets manager is read from a file (systemd's `LoadCredential=` puts it in
//! `$CREDENTIALS_DIRECTORY`), and everything else is in the secrets manager. It logs to stderr,
//! which systemd sends to the journal.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use connect_core::error::{Field, InputIssue};
use connect_core::keeper::{Event, Keeper, KeeperProblem};
use connect_core::provider::Provider;
use connect_core::share::{Destination, Kv, Login};
use connect_core::{Error, ErrorCode, Secret};

use super::KeeperArgs;
use super::messages::{say, sentence};
use super::output::note;

/// The credential's name in the shipped systemd unit (`LoadCredential=openbao-login:…`).
const CREDENTIAL: &str = "openbao-login";
/// The largest login file read: a token or a secret ID is under a hundred characters.
const MAX_LOGIN_FILE: u64 = 64 * 1024;
/// One request to the secrets manager.
const STORE_TIMEOUT: Duration = Duration::from_secs(10);

pub async fn run(args: KeeperArgs) -> Result<ExitCode, Error> {
    let login = match args.approle.clone() {
        Some(role_id) => Login::AppRole { role_id },
        None => Login::Token,
    };
    let ca_file = args
        .ca_file
        .map(|f| std::path::absolute(&f).unwrap_or(f).display().to_string());
    let folder = Destination::new(
        &args.address,
        &args.mount,
        &args.folder,
        args.namespace.as_deref(),
        ca_file,
        login,
    )?;
    let secret = read_login(args.login_file)?;
    let server = folder.server();
    let entry = folder.entry();
    let kv = Kv::new(folder, secret, STORE_TIMEOUT).map_err(|problem| ErrorCode::ShareFailed {
        server: server.clone(),
        problem,
    })?;
    // Well inside the lease: a keeper still waiting for Factorial when its lease ends would
    // let a second keeper refresh the same pair.
    let factorial_timeout = Duration::from_secs((args.lease_seconds / 3).clamp(1, 30));
    let provider = Provider::new(factorial_timeout)?;
    let name = args.name.unwrap_or_else(default_name);
    let keeper =
        Keeper::new(kv, provider, name.clone()).timing(args.lease_seconds, args.scan_seconds);
    note!(
        "{}",
        say(
            "cli-keeper-started",
            &[
                ("name", (&name).into()),
                ("server", (&server).into()),
                ("folder", (&entry).into()),
            ],
        )
    );
    let mut signals = super::keep_fresh::Signals::new();
    keeper
        .run(signals.next(), |event| tell(&server, &entry, event))
        .await;
    note!("{}", say("cli-keeper-stopped", &[("name", (&name).into())]));
    Ok(ExitCode::SUCCESS)
}

/// The login's secret: the file given, or the credential systemd passed.
fn read_login(file: Option<PathBuf>) -> Result<Secret, Error> {
    let path = match file {
        Some(path) => path,
        None => match std::env::var_os("CREDENTIALS_DIRECTORY") {
            Some(dir) => Path::new(&dir).join(CREDENTIAL),
            None => {
                return Err(ErrorCode::InvalidInput {
                    field: Field::KeeperLogin,
                    issue: InputIssue::Empty,
                }
                .into());
            }
        },
    };
    let storage = |e: &std::io::Error| ErrorCode::storage(path.display().to_string(), Some(e));
    let file = std::fs::File::open(&path).map_err(|e| storage(&e))?;
    let mut text = String::new();
    file.take(MAX_LOGIN_FILE)
        .read_to_string(&mut text)
        .map_err(|e| storage(&e))?;
    let secret = text.trim();
    if secret.is_empty() {
        return Err(ErrorCode::InvalidInput {
            field: Field::KeeperLogin,
            issue: InputIssue::Empty,
        }
        .into());
    }
    Ok(Secret::new(secret))
}

/// The host's name and this process's id: unique among keepers, and says where to look.
fn default_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()))
        .unwrap_or_else(|| "keeper".into());
    // Containers may share a host name and all run as process 1: a random part too.
    let nonce: String = std::fs::read_to_string("/proc/sys/kernel/random/uuid")
        .unwrap_or_else(|_| {
            let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            format!("{:x}", at.map_or(0, |d| d.subsec_nanos()))
        })
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("{host}-{}-{nonce}", std::process::id())
}

fn tell(server: &str, folder: &str, event: Event) {
    let store = |problem| {
        sentence(&ErrorCode::ShareFailed {
            server: server.to_string(),
            problem,
        })
    };
    let line = match event {
        Event::Turn { account, outcome } => {
            if std::env::var_os("FACTORIAL_CONNECT_DEBUG").is_some() {
                note!("{account}: {outcome}");
            }
            return;
        }
        Event::Watching { accounts } => say(
            "cli-keeper-watching",
            &[
                ("count", u64::try_from(accounts).unwrap_or(u64::MAX).into()),
                ("folder", folder.into()),
            ],
        ),
        Event::ListFailed { problem } => say(
            "cli-keeper-list-failed",
            &[
                ("folder", folder.into()),
                ("text", (&store(problem)).into()),
            ],
        ),
        Event::Refreshed {
            account,
            rotations,
            published,
        } => match published {
            Ok(version) => say(
                "cli-keeper-refreshed",
                &[
                    ("account", (&account).into()),
                    ("rotations", rotations.into()),
                    ("version", version.into()),
                ],
            ),
            Err(problem) => say(
                "cli-keeper-refreshed-unpublished",
                &[
                    ("account", (&account).into()),
                    ("rotations", rotations.into()),
                    ("text", (&store(problem)).into()),
                ],
            ),
        },
        Event::Published { account, version } => say(
            "cli-keeper-published",
            &[("account", (&account).into()), ("version", version.into())],
        ),
        Event::Stopped { account } => say("cli-keeper-refused", &[("account", (&account).into())]),
        Event::Failed { account, problem } => {
            let text = match problem {
                KeeperProblem::Store(problem) => store(problem),
                KeeperProblem::Factorial(code) => sentence(&code),
            };
            say(
                "cli-keeper-failed",
                &[("account", (&account).into()), ("text", (&text).into())],
            )
        }
    };
    note!("{line}");
}

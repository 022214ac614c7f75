//! What a launch is for, decided before anything is opened (so `--help` needs no data folder) and
//! before clap sees the arguments (so a strict parser never chokes on a deep link):
//!
//! - no arguments: the window; [`AT_LOGIN`] alone (what the autostart entry passes): the window,
//!   starting in the tray where one shows;
//! - one argument that is a `factorial-connect://` link: complete that authorization — in the open
//!   window if there is one, in a new window if the window started it, else right here, where a
//!   waiting `authorize` in another process sees its outcome;
//! - anything else: the command line (`factorial-connect --help`); a command that touches no
//!   application (`completions`) runs without opening the data folder or the keychain.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use connect_core::registry::Origin;
use connect_core::vault::KeychainStore;
use connect_core::{Engine, Settings, callback, lock_file, paths};

use crate::cli::{self, note};
use crate::exit;

/// The window's lock file in the data folder: held while a window runs.
pub const WINDOW_LOCK: &str = "window.lock";

/// The window binary's name, next to the command line's.
pub const WINDOW_BINARY: &str = "factorial-connect-app";

/// The argument the autostart entry passes: started at login, so the app goes to the tray.
pub const AT_LOGIN: &str = "--at-login";

/// How the window starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowStart {
    /// Asked for by the admin (a click, a link): the window shows.
    Shown,
    /// At login: only the tray icon, where a tray shows it.
    AtLogin,
}

enum Launch {
    Window(WindowStart),
    DeepLink(String),
    Cli(cli::Cli),
    Standalone(cli::Standalone),
}

fn decide() -> Launch {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args.as_slice() {
        [_] => Launch::Window(WindowStart::Shown),
        // Before the parser: it would refuse an option the command line does not have.
        [_, flag] if flag == AT_LOGIN => Launch::Window(WindowStart::AtLogin),
        [_, link] if callback::is_deep_link(link) => Launch::DeepLink(link.clone()),
        _ => match cli::Standalone::try_from(cli::help::parse(&args)) {
            Ok(standalone) => Launch::Standalone(standalone),
            Err(parsed) => Launch::Cli(parsed),
        },
    }
}

/// `main` of `factorial-connect`: a window is started as the window binary.
pub fn command_line() -> ExitCode {
    match decide() {
        Launch::Standalone(command) => command.run(),
        Launch::Window(WindowStart::Shown) => start_window_binary(None),
        Launch::Window(WindowStart::AtLogin) => start_window_binary(Some(AT_LOGIN)),
        Launch::DeepLink(link) => {
            let engine = match open_engine() {
                Ok(engine) => engine,
                Err(code) => return code,
            };
            if link_belongs_in_window(&engine, &link, display_available) {
                start_window_binary(Some(&link))
            } else {
                cli::complete_deep_link(&engine, &link)
            }
        }
        Launch::Cli(parsed) => match open_engine() {
            Ok(engine) => cli::run(parsed, engine),
            Err(code) => code,
        },
    }
}

/// What the window binary brings to a launch: Tauri lives there, and this crate does not link it.
pub struct WindowParts {
    /// Makes `factorial-connect://` links reach this program where no installer did.
    pub register_links: fn(),
    /// Asked as a window is about to start: why none can open on this machine, if that is so.
    pub blocker: fn() -> Option<Blocker>,
    /// Shows the admin a message without a window (a message box on Windows, where nobody sees
    /// a window program's standard error).
    pub tell: fn(title: &str, text: &str),
    /// The Tauri app.
    pub run: fn(Engine, WindowStart) -> ExitCode,
}

/// Why the window cannot open here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// Linux: no X or Wayland display to open it on.
    NoDisplay,
    /// Windows: no WebView2 runtime to draw it with; the system's words.
    NoWebView(String),
}

/// `main` of the window binary.
pub fn window_or_command_line(window: WindowParts) -> ExitCode {
    let launch = match decide() {
        Launch::Standalone(command) => return command.run(),
        launch => launch,
    };
    if matches!(launch, Launch::Window(_)) {
        // First, before anything that can fail: even a window that cannot open leaves links
        // working for the command line's `authorize` (handled below, without a window).
        let registering = std::thread::spawn(window.register_links);
        if let Some(blocker) = (window.blocker)() {
            let _ = registering.join();
            return cannot_open(&blocker, window.tell);
        }
    }
    let engine = match open_engine() {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    match launch {
        Launch::Window(start) => (window.run)(engine, start),
        Launch::DeepLink(link)
            if link_belongs_in_window(&engine, &link, || (window.blocker)().is_none()) =>
        {
            (window.run)(engine, WindowStart::Shown)
        }
        // Also a link the window asked for while no window can open now: its tokens are stored
        // all the same, and the next window that opens shows them.
        Launch::DeepLink(link) => cli::complete_deep_link(&engine, &link),
        Launch::Cli(parsed) => cli::run(parsed, engine),
        Launch::Standalone(command) => command.run(),
    }
}

/// Says why the window cannot open, on standard error and where the admin sees it.
fn cannot_open(blocker: &Blocker, tell: fn(&str, &str)) -> ExitCode {
    let say = cli::messages::say;
    let text = match blocker {
        Blocker::NoDisplay => say("cli-no-display", &[]),
        Blocker::NoWebView(problem) => say("window-no-webview", &[("problem", problem.into())]),
    };
    note!("{text}");
    tell(&say("window-cannot-open-title", &[]), &text);
    ExitCode::from(exit::GENERAL)
}

/// The open window takes every link (it hands the ones it did not start to the engine too, which
/// records their outcome); without one, only a link for an authorization the window started opens
/// a window (a cold start), and only where one can open.
fn link_belongs_in_window(engine: &Engine, link: &str, can_open: impl FnOnce() -> bool) -> bool {
    let for_window = engine
        .pending_for_answer(link)
        .is_some_and(|(_, origin)| origin == Origin::Window);
    window_is_running(engine.data_dir()) || (for_window && can_open())
}

/// True when another process holds the window lock, i.e. a window is open for this data folder.
pub fn window_is_running(data_dir: &Path) -> bool {
    lock_file::open(&data_dir.join(WINDOW_LOCK))
        .is_ok_and(|file| matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
}

/// Whether a window can open here. Without a display GTK aborts the process, so say so first.
pub fn display_available() -> bool {
    if cfg!(target_os = "linux") {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()))
    } else {
        true
    }
}

/// Replaces this process with the window binary (same environment, same process on Unix, so a
/// desktop or WebDriver that started us keeps talking to the window).
fn start_window_binary(argument: Option<&str>) -> ExitCode {
    let binary = window_binary();
    let mut command = std::process::Command::new(&binary);
    command.args(argument);
    #[cfg(unix)]
    let failure = std::os::unix::process::CommandExt::exec(&mut command);
    #[cfg(not(unix))]
    let failure = match command.status() {
        Ok(status) => {
            if let Some(code) = status.code()
                && let Some(reason) = loader_failure(code)
            {
                let (path, status) = (
                    binary.display().to_string(),
                    format!("0x{:08X}", code as u32),
                );
                note!(
                    "{}",
                    cli::messages::say(
                        "cli-window-cannot-load",
                        &[
                            ("path", (&path).into()),
                            ("reason", reason.into()),
                            ("status", (&status).into()),
                        ]
                    )
                );
            }
            return ExitCode::from(exit::passed_through(status.code()));
        }
        Err(e) => e,
    };
    let path = binary.display().to_string();
    let problem = failure.to_string();
    note!(
        "{}",
        cli::messages::say(
            "cli-window-missing",
            &[("path", (&path).into()), ("problem", (&problem).into())]
        )
    );
    ExitCode::from(exit::GENERAL)
}

/// Windows: the loader's own failures, which end a program before its first line runs, so it
/// cannot say anything itself (the NTSTATUS values of <ntstatus.h>).
#[cfg_attr(unix, allow(dead_code))]
fn loader_failure(code: i32) -> Option<&'static str> {
    match code as u32 {
        0xC000_0135 => Some("dll-missing"), // STATUS_DLL_NOT_FOUND
        0xC000_007B => Some("bad-image"),   // STATUS_INVALID_IMAGE_FORMAT
        0xC000_0139 => Some("entry-point"), // STATUS_ENTRYPOINT_NOT_FOUND
        0xC000_0142 => Some("dll-init"),    // STATUS_DLL_INIT_FAILED
        _ => None,
    }
}

fn window_binary() -> PathBuf {
    let name = format!("{WINDOW_BINARY}{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

fn open_engine() -> Result<Engine, ExitCode> {
    let store = KeychainStore::new(KeychainStore::default_service());
    paths::data_dir()
        .and_then(|dir| Engine::new(dir, store, settings()))
        .map_err(|e| cli::report(&e))
}

/// The defaults, except `FACTORIAL_CONNECT_KEYCHAIN_TIMEOUT` (seconds) for a keychain that is slow
/// to answer, or a test that must not wait the default half minute.
fn settings() -> Settings {
    let mut settings = Settings::default();
    if let Some(secs) = std::env::var("FACTORIAL_CONNECT_KEYCHAIN_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
    {
        settings.keychain_timeout = Duration::from_secs(secs);
    }
    settings
}

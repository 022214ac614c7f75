//! Factorial Connect: one binary that is the desktop window, the deep-link handler the OS runs for
//! `factorial-connect://…` links, and a CLI for scripts.
//!
//! - no arguments: the window;
//! - one argument that is a `factorial-connect://` link: complete that authorization — in the open
//!   window if there is one, else here (or in a new window, if the window started it);
//! - anything else: the CLI (`factorial-connect --help`).
//!
//! A deep link is recognised before clap sees the arguments, so a strict parser never chokes on it.

mod cli;
mod commands;
mod deep_link;
mod exit;
mod scheme;
mod time_text;
mod window;

use std::process::ExitCode;

use std::time::Duration;

use clap::Parser;
use cli::note;
use connect_core::registry::Origin;
use connect_core::vault::KeychainStore;
use connect_core::{Engine, Settings, callback, paths};

/// What this launch is for, decided before anything is opened so `--help` needs no data folder.
enum Launch {
    Window,
    DeepLink(String),
    Cli(cli::Cli),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let launch = match args.as_slice() {
        [_] => Launch::Window,
        [_, link] if callback::is_deep_link(link) => Launch::DeepLink(link.clone()),
        _ => Launch::Cli(cli::Cli::parse_from(&args)),
    };
    let engine = match open_engine() {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    match launch {
        Launch::Window if !window::display_available() => {
            note!(
                "factorial-connect: there is no graphical display here, so the window cannot open. \
                 Use the command line instead (factorial-connect --help), or run it inside your desktop session."
            );
            ExitCode::from(exit::GENERAL)
        }
        Launch::Window => window::run(engine),
        Launch::DeepLink(link) => handle_deep_link(engine, &link),
        Launch::Cli(parsed) => cli::run(parsed, engine),
    }
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

/// The OS ran us for a link. The open window takes it (through single-instance); without one, a
/// link for an authorization the window started opens the window (a cold start), and any other is
/// completed right here, where a waiting `authorize` in another process will see its outcome.
fn handle_deep_link(engine: Engine, link: &str) -> ExitCode {
    let window_open = window::is_running(engine.data_dir());
    let for_window = engine
        .pending_for_answer(link)
        .is_some_and(|(_, origin)| origin == Origin::Window);
    if window_open || (for_window && window::display_available()) {
        window::run(engine)
    } else {
        cli::complete_deep_link(&engine, link)
    }
}

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
mod time_text;
mod window;

use std::process::ExitCode;

use clap::Parser;
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
        Launch::Window => window::run(engine),
        Launch::DeepLink(link) => handle_deep_link(engine, &link),
        Launch::Cli(parsed) => cli::run(parsed, engine),
    }
}

fn open_engine() -> Result<Engine, ExitCode> {
    let store = KeychainStore::new(KeychainStore::default_service());
    paths::data_dir()
        .and_then(|dir| Engine::new(dir, store, Settings::default()))
        .map_err(|e| cli::report(&e))
}

/// The OS ran us for a link. The open window takes it (through single-instance); without one, a
/// link for an authorization the window started opens the window (a cold start), and any other is
/// completed right here, where a waiting `authorize` in another process will see its outcome.
fn handle_deep_link(engine: Engine, link: &str) -> ExitCode {
    let window_open = window::is_running(engine.data_dir());
    if window_open || engine.origin_of(link) == Some(Origin::Window) {
        window::run(engine)
    } else {
        cli::complete_deep_link(&engine, link)
    }
}

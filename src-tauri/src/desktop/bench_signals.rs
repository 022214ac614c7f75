//! What the window tells `make bench` (bench/measure.py) when it asks through the environment.
//! Unset, none of this does anything; none of it carries a secret.

use std::io::Write;
use std::time::Duration;

/// The page has loaded: the cold-start and memory figures, beside a bare Tauri app that gives the
/// same signal (bench/src/main.rs).
pub fn page_loaded() {
    if let Some(path) = std::env::var_os("TAURI_BENCH_READY_FILE") {
        let _ = std::fs::write(path, b"loaded");
    }
    if std::env::var_os("TAURI_BENCH_EXIT_ON_LOAD").is_some() {
        std::process::exit(0);
    }
}

/// A deep link was handled, `took` from its arrival (`on_open_url`) to the tokens stored in the
/// keychain (or the failure known): one line of microseconds and the outcome, appended.
pub fn link_handled(took: Duration, stored: bool) {
    let Some(path) = std::env::var_os("TAURI_BENCH_LINK_LOG") else {
        return;
    };
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let outcome = if stored { "stored" } else { "failed" };
        let _ = writeln!(log, "{} {outcome}", took.as_micros());
    }
}

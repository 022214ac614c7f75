//! The window's keep-alive: while the app runs, a round of the core's [`KeepAlive`] every minute.
//! The core decides by wall-clock times, so a computer that slept finds its work due when it wakes
//! and does it once; a round that refreshed something tells the page through the data folder's
//! watch, like any other change.

use std::sync::Arc;
use std::time::Duration;

use connect_core::Engine;
use connect_core::keep_alive::KeepAlive;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often a round runs: a minute. Debug builds take `FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS` so the
/// end-to-end tests can show several refresh-token lives pass in seconds.
fn period() -> Duration {
    let asked = cfg!(debug_assertions)
        .then(|| std::env::var("FACTORIAL_CONNECT_KEEP_ALIVE_SECONDS").ok())
        .flatten()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0);
    Duration::from_secs(asked.unwrap_or(60))
}

/// Runs rounds until the app ends; after each, the admin hears of any account that needs them.
pub fn start(handle: AppHandle) {
    let period = period();
    tauri::async_runtime::spawn(async move {
        loop {
            let state = handle.state::<AppState>();
            let (engine, keep_alive): (Arc<Engine>, Arc<KeepAlive>) =
                (state.engine.clone(), state.keep_alive.clone());
            keep_alive.round(&engine).await;
            state.notices.update(&handle);
            // The countdowns in the tray's menu move on.
            crate::tray::update(&handle);
            tokio::time::sleep(period).await;
        }
    });
}

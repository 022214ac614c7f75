//! What the window tells its page, through the channels the page handed to `subscribe`: how a link
//! ended, and that the data changed (another process refreshed an account, completed an
//! authorization, added an application). The page has no event permission; this is its only feed.

use serde::Serialize;
use tauri::{AppHandle, Manager};

use crate::commands::CallbackReport;
use crate::window::AppState;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum WindowEvent {
    /// A deep link was handled; the report names the authorization it answered.
    Link { report: CallbackReport },
    /// The registry changed: read it again.
    DataChanged,
}

/// Sends `event` to every page that subscribed; a page that went away (reloaded) leaves a dead
/// channel behind, which is dropped here.
pub fn broadcast(app: &AppHandle, event: WindowEvent) {
    let state = app.state::<AppState>();
    state
        .subscribers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .retain(|channel| channel.send(event.clone()).is_ok());
}

//! What the page remembers between runs, and the keep-alive's pause (see `settings`).

use tauri::{AppHandle, State};

use super::CommandResult;
use crate::settings::{self, Preferences};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn preferences(app: AppHandle) -> CommandResult<Preferences> {
    settings::preferences(&app)
}

#[tauri::command]
#[specta::specta]
pub fn set_preferences(app: AppHandle, preferences: Preferences) -> CommandResult<()> {
    settings::set_preferences(&app, &preferences)
}

/// Whether the keep-alive is paused.
#[tauri::command]
#[specta::specta]
pub fn keep_alive_paused(state: State<'_, AppState>) -> bool {
    state.keep_alive.paused()
}

/// Pauses or resumes the keep-alive, as the tray's switch does.
#[tauri::command]
#[specta::specta]
pub fn set_keep_alive_paused(app: AppHandle, paused: bool) -> CommandResult<()> {
    settings::set_keep_alive_paused(&app, paused)
}

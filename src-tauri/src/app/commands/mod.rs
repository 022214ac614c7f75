//! The typed commands the page calls, by concern. Each is a few lines over the engine; errors cross
//! to the page as the engine's [`ErrorCode`] with its parameters, which the page words in the
//! admin's language. Secrets cross only inward (a client secret the admin typed), and a token only
//! when the admin presses Reveal.

pub mod accounts;
pub mod apps;
pub mod authorization;
pub mod updates;
pub mod window;

use connect_core::ErrorCode;
use connect_core::engine::AppStatus;
use tauri::State;

use crate::state::AppState;

type CommandResult<T> = Result<T, ErrorCode>;

#[tauri::command]
#[specta::specta]
pub async fn list_apps(state: State<'_, AppState>) -> CommandResult<Vec<AppStatus>> {
    Ok(state.engine.status()?)
}

//! The typed commands the page calls, by concern. Each is a few lines over the engine; errors cross
//! to the page as the engine's [`ErrorCode`] with its parameters, which the page words in the
//! admin's language. Secrets cross only inward (a client secret the admin typed), and a token only
//! when the admin presses Reveal.

pub mod about;
pub mod accounts;
pub mod apps;
pub mod authorization;
pub mod autostart;
pub mod preferences;
pub mod sharing;
pub mod updates;

use connect_core::ErrorCode;
use connect_core::engine::AppList;
use tauri::State;

use crate::state::AppState;

type CommandResult<T> = Result<T, ErrorCode>;

/// The first `limit` applications with their accounts, and `keep` (the selected one) wherever it
/// is, with the totals: the page draws a long list a part at a time.
#[tauri::command]
#[specta::specta]
pub async fn list_apps(
    state: State<'_, AppState>,
    limit: u32,
    keep: Option<String>,
) -> CommandResult<AppList> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(state.engine.list(limit, keep.as_deref())?)
}

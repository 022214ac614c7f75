//! Connecting an account: start (the browser opens), complete from a paste, cancel, ask how it
//! ended, and the channel that tells the page how links ended.

use connect_core::engine::AuthorizationStart;
use connect_core::identity::AccountKind;
use connect_core::registry::{Origin, Outcome};
use connect_core::{AnswerSource, ErrorCode, browser};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::events::{CallbackReport, WindowEvent};
use crate::state::AppState;

use super::CommandResult;

/// Starts an authorization and opens the system browser on it. If no browser opens, the UI shows
/// the address to open by hand (the result's `url`) with the paste field.
#[derive(Debug, Serialize, specta::Type)]
pub struct Started {
    #[serde(flatten)]
    pub start: AuthorizationStart,
    /// Why no browser opened (`no_browser`), if it did not.
    pub browser_error: Option<ErrorCode>,
}

#[tauri::command]
#[specta::specta]
pub async fn start_authorization(
    state: State<'_, AppState>,
    app: String,
    company: bool,
) -> CommandResult<Started> {
    let kind = AccountKind::for_company(company);
    let start = state
        .engine
        .begin_authorization(&app, kind, Origin::Window)?;
    let browser_error = browser::open(&start.url).err().map(|e| e.into_code());
    Ok(Started {
        start,
        browser_error,
    })
}

/// The fallback: the user pasted the address the browser ended on, or the code it showed.
#[tauri::command]
#[specta::specta]
pub async fn complete_pasted(
    state: State<'_, AppState>,
    answer: String,
    pending: Option<String>,
) -> CommandResult<CallbackReport> {
    let connected = state
        .engine
        .complete(
            &answer,
            AnswerSource::Paste {
                pending: pending.as_deref(),
            },
        )
        .await?;
    Ok(CallbackReport::new(None, Ok(connected)))
}

/// Stops waiting for an authorization. False when it is too late: an answer already arrived and
/// is being exchanged (or it ended), so its outcome will still be reported.
#[tauri::command]
#[specta::specta]
pub async fn cancel_authorization(
    state: State<'_, AppState>,
    state_hash: String,
) -> CommandResult<bool> {
    Ok(state.engine.cancel(&state_hash)?)
}

/// How a pending authorization ended, if it has; the UI polls it while it waits.
#[tauri::command]
#[specta::specta]
pub async fn authorization_outcome(
    state: State<'_, AppState>,
    state_hash: String,
) -> CommandResult<Option<Outcome>> {
    Ok(state.engine.outcome(&state_hash)?)
}

/// Hands the page a channel for what happens (links, changes by other processes), and returns the
/// latest link report for a page that opened after it arrived (a cold start). The page gets no
/// event permission: this channel is the only way updates reach it.
#[tauri::command]
#[specta::specta]
pub fn subscribe(
    state: State<'_, AppState>,
    events: Channel<WindowEvent>,
) -> Option<CallbackReport> {
    state.subscribe(events)
}

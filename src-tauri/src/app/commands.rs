//! The typed commands the UI calls. Each is a few lines over the engine; errors cross to the UI as
//! the engine's [`ErrorCode`] with its parameters, which the page words in the admin's language.

use connect_core::engine::{AppStatus, AuthorizationStart};
use connect_core::identity::AccountKind;
use connect_core::registry::{Origin, Outcome};
use connect_core::{AnswerSource, ErrorCode, browser};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_store::StoreExt;

use crate::events::{CallbackReport, WindowEvent};
use crate::state::AppState;

type CommandResult<T> = Result<T, ErrorCode>;

#[tauri::command]
#[specta::specta]
pub async fn list_apps(state: State<'_, AppState>) -> CommandResult<Vec<AppStatus>> {
    Ok(state.engine.status()?)
}

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

#[tauri::command]
#[specta::specta]
pub async fn cancel_authorization(
    state: State<'_, AppState>,
    state_hash: String,
) -> CommandResult<()> {
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

/// The window's own settings (tauri-plugin-store), beside the registry in the data folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct Preferences {
    pub selected_app: Option<String>,
    pub company_token: bool,
}

const PREFERENCES_FILE: &str = "window-settings.json";

#[tauri::command]
#[specta::specta]
pub fn preferences(app: AppHandle, state: State<'_, AppState>) -> CommandResult<Preferences> {
    let path = state.engine.data_dir().join(PREFERENCES_FILE);
    let store = app.store(&path).map_err(store_error(&path))?;
    Ok(Preferences {
        selected_app: store
            .get("selected_app")
            .and_then(|v| v.as_str().map(str::to_string)),
        company_token: store
            .get("company_token")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
    })
}

#[tauri::command]
#[specta::specta]
pub fn set_preferences(
    app: AppHandle,
    state: State<'_, AppState>,
    preferences: Preferences,
) -> CommandResult<()> {
    let path = state.engine.data_dir().join(PREFERENCES_FILE);
    let store = app.store(&path).map_err(store_error(&path))?;
    store.set("selected_app", json!(preferences.selected_app));
    store.set("company_token", json!(preferences.company_token));
    store.save().map_err(store_error(&path))
}

/// The window's settings file could not be used; its path says where to look.
fn store_error(path: &std::path::Path) -> impl FnOnce(tauri_plugin_store::Error) -> ErrorCode {
    let path = path.display().to_string();
    move |e| ErrorCode::Storage {
        path,
        detail: e.to_string(),
    }
}

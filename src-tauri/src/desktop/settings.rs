//! The window's own settings (tauri-plugin-store), beside the registry in the data folder: what the
//! page remembers between runs, whether the keep-alive is paused, and the language. The page's
//! commands and the tray both come here.

use connect_core::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tauri::{AppHandle, Manager};
use tauri_plugin_store::StoreExt;

use crate::state::AppState;

/// What the window remembers between runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct Preferences {
    pub selected_app: Option<String>,
    pub company_token: bool,
    /// The window's language ("en", "es"); `None` follows the system's.
    pub language: Option<String>,
}

const PREFERENCES_FILE: &str = "window-settings.json";

fn path(app: &AppHandle) -> std::path::PathBuf {
    app.state::<AppState>()
        .engine
        .data_dir()
        .join(PREFERENCES_FILE)
}

pub fn preferences(app: &AppHandle) -> Result<Preferences, ErrorCode> {
    let path = path(app);
    let store = app.store(&path).map_err(store_error(&path))?;
    Ok(Preferences {
        selected_app: store
            .get("selected_app")
            .and_then(|v| v.as_str().map(str::to_string)),
        company_token: store
            .get("company_token")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        language: store
            .get("language")
            .and_then(|v| v.as_str().map(str::to_string)),
    })
}

pub fn set_preferences(app: &AppHandle, preferences: &Preferences) -> Result<(), ErrorCode> {
    save(
        app,
        [
            ("selected_app", json!(preferences.selected_app)),
            ("company_token", json!(preferences.company_token)),
            ("language", json!(preferences.language)),
        ],
    )
}

/// Pauses or resumes the keep-alive, and remembers it across restarts (its own setting, apart from
/// the page's preferences, since the tray switches it too: a page holding an old copy must not
/// switch it back).
pub fn set_keep_alive_paused(app: &AppHandle, paused: bool) -> Result<(), ErrorCode> {
    app.state::<AppState>().keep_alive.set_paused(paused);
    save(app, [("keep_alive_paused", json!(paused))])
}

/// Sets `values` in the settings file and writes it.
fn save<const N: usize>(
    app: &AppHandle,
    values: [(&str, serde_json::Value); N],
) -> Result<(), ErrorCode> {
    let path = path(app);
    let store = app.store(&path).map_err(store_error(&path))?;
    for (key, value) in values {
        store.set(key, value);
    }
    store.save().map_err(store_error(&path))
}

/// The pause as last remembered (read once at start).
pub fn remembered_keep_alive_paused(app: &AppHandle) -> bool {
    app.store(path(app))
        .ok()
        .and_then(|store| store.get("keep_alive_paused"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The window's words outside the page (tray, notifications), in [`language`].
pub fn catalog(app: &AppHandle) -> std::sync::Arc<connect_cli::i18n::Catalog> {
    app.state::<AppState>().catalog(&language(app))
}

/// The window's language: the admin's choice in Settings, else the system's.
pub fn language(app: &AppHandle) -> String {
    preferences(app)
        .ok()
        .and_then(|p| p.language)
        .unwrap_or_else(connect_cli::i18n::system_locale)
}

/// The window's settings file could not be used; its path says where to look.
fn store_error(path: &std::path::Path) -> impl FnOnce(tauri_plugin_store::Error) -> ErrorCode {
    let path = path.display().to_string();
    move |e| match &e {
        tauri_plugin_store::Error::Io(io) => ErrorCode::storage(path, Some(io)),
        _ => ErrorCode::storage(path, None),
    }
}

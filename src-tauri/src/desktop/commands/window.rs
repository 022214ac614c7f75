//! The window's own settings (tauri-plugin-store), beside the registry in the data folder.

use connect_core::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_autostart::ManagerExt;
use tauri_plugin_store::StoreExt;

use super::CommandResult;
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

/// Whether the keep-alive is paused (its own setting, apart from the page's preferences, since the
/// tray switches it too: a page holding an old copy must not switch it back).
#[tauri::command]
#[specta::specta]
pub fn keep_alive_paused(state: State<'_, AppState>) -> bool {
    state.keep_alive.paused()
}

/// Pauses or resumes the keep-alive, and remembers it across restarts.
#[tauri::command]
#[specta::specta]
pub fn set_keep_alive_paused(app: AppHandle, paused: bool) -> CommandResult<()> {
    let state = app.state::<AppState>();
    state.keep_alive.set_paused(paused);
    let path = state.engine.data_dir().join(PREFERENCES_FILE);
    let store = app.store(&path).map_err(store_error(&path))?;
    store.set("keep_alive_paused", json!(paused));
    store.save().map_err(store_error(&path))
}

/// The pause as last remembered (read once at start).
pub fn remembered_keep_alive_paused(app: &AppHandle) -> bool {
    let path = app
        .state::<AppState>()
        .engine
        .data_dir()
        .join(PREFERENCES_FILE);
    app.store(&path)
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
    preferences(app.clone(), app.state())
        .ok()
        .and_then(|p| p.language)
        .unwrap_or_else(connect_cli::i18n::system_locale)
}

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
        language: store
            .get("language")
            .and_then(|v| v.as_str().map(str::to_string)),
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
    store.set("language", json!(preferences.language));
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

/// Which keychain holds the secrets on this system.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum KeychainKind {
    /// The freedesktop Secret Service (GNOME Keyring, KeePassXC, KWallet).
    SecretService,
    /// The macOS Keychain.
    MacosKeychain,
    /// The Windows Credential Manager.
    CredentialManager,
}

/// What the settings show about this installation.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct About {
    pub version: String,
    pub data_dir: String,
    pub keychain: KeychainKind,
    /// The keychain service name the entries are kept under (`factorial-connect`).
    pub keychain_service: String,
    /// The system's locale ("es-ES"), which the window follows unless told otherwise.
    pub system_locale: String,
}

#[tauri::command]
#[specta::specta]
pub fn about(state: State<'_, AppState>) -> About {
    let keychain = if cfg!(target_os = "macos") {
        KeychainKind::MacosKeychain
    } else if cfg!(windows) {
        KeychainKind::CredentialManager
    } else {
        KeychainKind::SecretService
    };
    About {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.engine.data_dir().display().to_string(),
        keychain,
        keychain_service: connect_core::vault::KeychainStore::default_service(),
        system_locale: sys_locale::get_locale().unwrap_or_default(),
    }
}

/// Removes every application, account and keychain entry of this app from this computer; returns
/// how many applications went.
#[tauri::command]
#[specta::specta]
pub async fn remove_everything(state: State<'_, AppState>) -> CommandResult<u32> {
    let removed = state.engine.remove_everything().await?;
    Ok(u32::try_from(removed).unwrap_or(u32::MAX))
}

/// Whether the app starts when the admin logs in (the OS's autostart entry says).
#[tauri::command]
#[specta::specta]
pub fn start_at_login(app: AppHandle) -> bool {
    app.autolaunch().is_enabled().unwrap_or(false)
}

/// Adds or removes the OS's autostart entry; it starts the app in the tray.
#[tauri::command]
#[specta::specta]
pub fn set_start_at_login(app: AppHandle, on: bool) -> CommandResult<()> {
    let manager = app.autolaunch();
    let done = if on {
        manager.enable()
    } else {
        manager.disable()
    };
    done.map_err(|e| ErrorCode::Storage {
        path: autostart_place(),
        detail: connect_core::error::plain_text(&e.to_string(), 300),
    })
}

/// Where the OS keeps autostart entries, for an error that says where to look.
fn autostart_place() -> String {
    if cfg!(target_os = "macos") {
        "~/Library/LaunchAgents".into()
    } else if cfg!(windows) {
        r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run".into()
    } else {
        let config = std::env::var("XDG_CONFIG_HOME")
            .ok()
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "~/.config".into());
        format!("{config}/autostart")
    }
}

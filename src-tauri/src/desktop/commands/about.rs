//! What Settings shows about this installation.

use serde::Serialize;
use tauri::State;

use crate::state::AppState;

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

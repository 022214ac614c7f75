//! Starting at login, opt-in from Settings (the entry passes `--at-login`, see `launch`).

use connect_core::ErrorCode;
use tauri::AppHandle;
use tauri_plugin_autostart::ManagerExt;

use super::CommandResult;

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
    done.map_err(|e| match &e {
        tauri_plugin_autostart::Error::Io(io) => ErrorCode::storage(autostart_place(), Some(io)),
        _ => ErrorCode::storage(autostart_place(), None),
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

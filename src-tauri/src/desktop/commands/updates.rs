//! The settings' Updates part (see `updates` for which way each system takes).

use connect_core::error::UpdateProblem;
use connect_core::{ErrorCode, browser};
use tauri::AppHandle;

use super::CommandResult;
use crate::updates::{self, AvailableUpdate, UpdateWay};

/// How this copy gets its next version.
#[tauri::command]
#[specta::specta]
pub fn update_way(app: AppHandle) -> UpdateWay {
    way(&app)
}

/// [`updates::way`] for this copy's own configuration (tauri.conf.json's `plugins.updater`).
fn way(app: &AppHandle) -> UpdateWay {
    updates::way(app.config().plugins.0.get("updater"))
}

/// Looks for a newer version; `None` when this is the latest.
#[tauri::command]
#[specta::specta]
pub async fn check_for_update(app: AppHandle) -> CommandResult<Option<AvailableUpdate>> {
    #[cfg(any(windows, target_os = "macos"))]
    if way(&app) == UpdateWay::InApp {
        return updates::in_app::check(&app).await;
    }
    Err(not_in_app(&app))
}

/// Installs the newer version and restarts into it.
#[tauri::command]
#[specta::specta]
pub async fn install_update(app: AppHandle) -> CommandResult<()> {
    #[cfg(any(windows, target_os = "macos"))]
    if way(&app) == UpdateWay::InApp {
        return updates::in_app::install(&app).await;
    }
    Err(not_in_app(&app))
}

/// Opens the page every version is published on, in the system browser.
#[tauri::command]
#[specta::specta]
pub async fn open_downloads_page() -> CommandResult<()> {
    Ok(browser::open(updates::DOWNLOADS_PAGE)?)
}

/// The page offers the in-app updater only where [`update_way`] says so; a call anyway is told why.
fn not_in_app(app: &AppHandle) -> ErrorCode {
    let problem = match way(app) {
        UpdateWay::SystemPackages => UpdateProblem::PackageManager,
        _ => UpdateProblem::Unsigned,
    };
    ErrorCode::UpdateFailed { problem }
}

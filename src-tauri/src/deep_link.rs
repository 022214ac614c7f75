//! What the window does with a `factorial-connect://` link: complete the authorization it answers,
//! remember the result for a window that is not listening yet, tell the window, come forward.
//! A bad link becomes a message in the window, never a crash.

use connect_core::AnswerSource;
use tauri::{AppHandle, Emitter, Manager};

use crate::commands::CallbackReport;
use crate::window::AppState;

/// The event the UI listens to.
pub const CALLBACK_EVENT: &str = "callback-result";

pub fn handle(app: &AppHandle, url: String) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let engine = state.engine.clone();
        let report = match engine.complete(&url, AnswerSource::DeepLink).await {
            Ok(connected) => CallbackReport::connected(connected),
            Err(e) => CallbackReport::failed(&e),
        };
        *state
            .last_callback
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(report.clone());
        if let Err(e) = app.emit(CALLBACK_EVENT, &report) {
            eprintln!("factorial-connect: could not tell the window about a link: {e}");
        }
        show_main_window(&app);
    });
}

pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        // Best effort: a window manager may refuse focus; the content is updated regardless.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

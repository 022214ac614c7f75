//! What the window does with a `factorial-connect://` link: complete the authorization it answers,
//! remember the result for a page that is not listening yet, tell the page through its channels,
//! and come forward — but only for a link that answers an authorization this window started. Any
//! web page can open our scheme: a stray or hostile link shows its message without taking focus,
//! and never closes the panel of the authorization the admin is waiting for.

use connect_core::AnswerSource;
use connect_core::registry::Origin;
use tauri::{AppHandle, Manager};

use crate::bench_signals;
use crate::events::CallbackReport;
use crate::state::AppState;

pub fn handle(app: &AppHandle, url: String) {
    let received = std::time::Instant::now();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let engine = state.engine.clone();
        let answers = engine.pending_for_answer(&url);
        let result = engine.complete(&url, AnswerSource::DeepLink).await;
        bench_signals::link_handled(received.elapsed(), result.is_ok());
        let report = CallbackReport::new(answers.as_ref().map(|(hash, _)| hash.clone()), result);
        state.report_link(report);
        if answers.is_some_and(|(_, origin)| origin == Origin::Window) {
            show_main_window(&app);
        }
    });
}

/// Brings the window forward, making it again if it was closed to the tray.
pub fn show_main_window(app: &AppHandle) {
    match app.get_webview_window("main") {
        Some(window) => bring_forward(&window),
        None => {
            // Made off the caller's thread: callers include menu and single-instance handlers on
            // the main thread, where building a window deadlocks on Windows (WebView2).
            let app = app.clone();
            std::thread::spawn(move || {
                let Some(config) = app.config().app.windows.first() else {
                    return;
                };
                if let Ok(window) =
                    tauri::WebviewWindowBuilder::from_config(&app, config).and_then(|b| b.build())
                {
                    bring_forward(&window);
                }
            });
        }
    }
}

fn bring_forward(window: &tauri::WebviewWindow) {
    // Best effort: a window manager may refuse focus; the content is updated regardless.
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

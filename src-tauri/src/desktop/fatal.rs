//! What the admin sees when the window cannot run: a check before the event loop for what it needs,
//! and a panic hook for what nobody expected. A window program on Windows has no console, so
//! standard error alone would leave the admin with nothing at all; the message goes where they look.

use std::sync::atomic::{AtomicBool, Ordering};

use connect_cli::cli::messages::say;
use connect_cli::launch::{Blocker, display_available};

/// Set once this launch is for a window: only then does a crash end something the admin sees.
/// The same program also runs as the command line and completes links without a window.
static WINDOW_LAUNCH: AtomicBool = AtomicBool::new(false);

/// Asked as a window is about to start: why none can open here. Linux needs a display, Windows the
/// WebView2 runtime (macOS always has its WebKit).
pub fn blocker() -> Option<Blocker> {
    WINDOW_LAUNCH.store(true, Ordering::SeqCst);
    panic_if_asked();
    if !display_available() {
        return Some(Blocker::NoDisplay);
    }
    #[cfg(windows)]
    if let Err(e) = tauri::webview_version() {
        return Some(Blocker::NoWebView(e.to_string()));
    }
    None
}

/// Windows: a message box, the one thing a window program can always show. Elsewhere what was
/// said on standard error stands: without a display there is nowhere else to say it.
pub fn tell(title: &str, text: &str) {
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(title)
            .set_description(text)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    #[cfg(not(windows))]
    let _ = (title, text);
}

/// After the default report on standard error, a panic on the main thread of a window launch
/// (where the event loop runs, so the window is gone with it) is told to the admin: a message box
/// on Windows, a desktop notification elsewhere. A panic on another thread ends only that task, and
/// the window goes on. The place in the code is shown, never the panic's own text, which could hold
/// anything.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        if !WINDOW_LAUNCH.load(Ordering::SeqCst) || std::thread::current().name() != Some("main") {
            return;
        }
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let title = say("window-crashed-title", &[]);
        let text = say("window-crashed", &[("place", (&place).into())]);
        #[cfg(windows)]
        tell(&title, &text);
        #[cfg(not(windows))]
        let _ = crate::desktop_notification::notification(&title, &text).show();
    }));
}

/// A debug build asked to (`FACTORIAL_CONNECT_PANIC_AT_START=1`) panics on its main thread as a
/// window starts, so the tests see what the admin would; a release build never does.
fn panic_if_asked() {
    if cfg!(debug_assertions)
        && std::env::var_os("FACTORIAL_CONNECT_PANIC_AT_START").is_some_and(|v| v == "1")
    {
        panic!("FACTORIAL_CONNECT_PANIC_AT_START asked for a panic");
    }
}

//! The system clipboard, written from Rust so that a token never passes through the web view.
//!
//! A copied token is offered with the platforms' "do not keep in history" hint (arboard's
//! `exclude_from_history`: the KDE password-manager hint on Linux, the concealed type on macOS, the
//! history and cloud exclusions on Windows), and taken back 60 s later, or when the app quits, but
//! only if the clipboard still holds that token: whatever the admin copied since stays.
//! On X11 the clipboard's content is served by its owner, so one clipboard lives as long as the app.

use std::sync::Mutex;
use std::time::Duration;

use connect_core::error::ClipboardProblem;
use connect_core::{ErrorCode, Secret};

use crate::state::locked;

/// How long a copied token stays on the clipboard: a minute, or
/// `FACTORIAL_CONNECT_CLIPBOARD_SECONDS` (tests, and admins who want less).
pub fn token_lifetime() -> Duration {
    std::env::var("FACTORIAL_CONNECT_CLIPBOARD_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(Duration::from_secs(60), |s| Duration::from_secs(s.min(60)))
}

#[derive(Default)]
pub struct Clipboard {
    inner: Mutex<Option<arboard::Clipboard>>,
    /// The token last copied, and which copy it was (a later copy restarts the countdown).
    token: Mutex<Option<(Secret, u64)>>,
}

/// Why the clipboard could not be used: `opening` when the failure was in reaching it at all,
/// which arboard reports in words only (no X server, no Wayland compositor).
fn problem(e: &arboard::Error, opening: bool) -> ErrorCode {
    let problem = match e {
        arboard::Error::ClipboardOccupied => ClipboardProblem::Busy,
        arboard::Error::ClipboardNotSupported => ClipboardProblem::Unavailable,
        _ if opening => ClipboardProblem::Unavailable,
        _ => ClipboardProblem::Other,
    };
    ErrorCode::Clipboard { problem }
}

impl Clipboard {
    fn with<T>(
        &self,
        use_it: impl FnOnce(&mut arboard::Clipboard) -> Result<T, arboard::Error>,
    ) -> Result<T, ErrorCode> {
        let mut inner = locked(&self.inner);
        if inner.is_none() {
            *inner = Some(arboard::Clipboard::new().map_err(|e| problem(&e, true))?);
        }
        match inner.as_mut() {
            Some(clipboard) => use_it(clipboard).map_err(|e| problem(&e, false)),
            None => Err(ErrorCode::Clipboard {
                problem: ClipboardProblem::Unavailable,
            }),
        }
    }

    /// Copies text that is no secret (a redirect URI, a command for scripts).
    pub fn copy_text(&self, text: &str) -> Result<(), ErrorCode> {
        self.with(|c| c.set_text(text))
    }

    /// Copies a token, kept out of clipboard history; returns which copy this is, for
    /// [`Clipboard::take_back`].
    pub fn copy_token(&self, token: &Secret) -> Result<u64, ErrorCode> {
        // Held across the write: a take-back of the previous copy must not run between writing
        // this copy and recording it, or it would take this copy back as its own.
        let mut last = locked(&self.token);
        self.with(|c| {
            let set = c.set();
            #[cfg(any(
                target_os = "linux",
                target_os = "freebsd",
                target_os = "netbsd",
                target_os = "openbsd"
            ))]
            let set = arboard::SetExtLinux::exclude_from_history(set);
            #[cfg(target_os = "macos")]
            let set = arboard::SetExtApple::exclude_from_history(set);
            #[cfg(windows)]
            let set = arboard::SetExtWindows::exclude_from_history(set);
            set.text(token.expose())
        })?;
        let copy = last.as_ref().map_or(1, |(_, n)| n + 1);
        *last = Some((token.clone(), copy));
        Ok(copy)
    }

    /// Clears the clipboard if it still holds the token of copy `copy` (`None`: of any copy).
    pub fn take_back(&self, copy: Option<u64>) {
        let mut last = locked(&self.token);
        let Some((token, n)) = last.as_ref() else {
            return;
        };
        if copy.is_some_and(|c| c != *n) {
            return;
        }
        let still_ours = self
            .with(|c| c.get_text())
            .is_ok_and(|now| now == token.expose());
        if still_ours {
            let _ = self.with(|c| c.clear());
        }
        *last = None;
    }
}

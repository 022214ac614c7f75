//! Opening the system browser on the authorize page (RFC 8252: native apps use the real browser,
//! never an embedded view, so the admin's Factorial session and password manager work).
//! `$BROWSER` is honoured, as command-line users expect.

use crate::error::{BrowserProblem, Error, ErrorCode, Result};

/// Opens `url` (the authorize address the engine built) in the default browser; returns once the
/// browser was started.
pub fn open(url: &str) -> Result<()> {
    let options = webbrowser::BrowserOptions::new()
        .with_suppress_output(true)
        .clone();
    webbrowser::open_browser_with_options(webbrowser::Browser::Default, url, &options).map_err(
        |e| {
            let problem = BrowserProblem::of(&e);
            Error::with_cause(ErrorCode::NoBrowser { problem }, e)
        },
    )
}

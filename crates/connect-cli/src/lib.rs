//! Factorial Connect's command line, and what the window shares with it, with no Tauri in it: the
//! commands ([`cli`]), exit codes, the catalogs ([`i18n`]) and the decision of what a launch is
//! for ([`launch`]). This crate's `Cargo.toml` has no window crate, so the compiler holds the line.
//!
//! - `factorial-connect` (src-tauri/src/main.rs) is the command line on the PATH. It never links the
//!   window's libraries (WebKitGTK and its ~170 shared libraries load before `main`), so scripts
//!   calling `token` pay only for what they use; it starts the window binary when a window is wanted.
//! - `factorial-connect-app` (src-tauri/src/desktop/) is the window, the bundle's main executable
//!   and the handler the OS runs for `factorial-connect://` links; given other arguments it is the
//!   same command line.

pub mod cli;
pub mod exit;
pub mod i18n;
pub mod launch;
pub mod time_text;

//! Where this build keeps its data and which keychain service it uses.
//!
//! The data folder is the one Tauri's `app_data_dir` gives for our identifier, so the window and the
//! CLI (which runs without Tauri) share it. A debug build uses its own folder and keychain service,
//! so developing never touches a real user's tokens. `FACTORIAL_CONNECT_DATA_DIR` overrides the
//! folder (tests point it into a temporary directory).

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The bundle identifier in tauri.conf.json.
pub const IDENTIFIER: &str = "dev.factorialconnect.desktop";

/// The data folder for this build.
/// The user's runtime folder (Linux: `$XDG_RUNTIME_DIR`, memory-backed and theirs alone), where
/// there is one; for files that must not outlive the session.
pub fn runtime_dir() -> Option<PathBuf> {
    dirs::runtime_dir()
}

pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("FACTORIAL_CONNECT_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let base = dirs::data_dir().ok_or_else(|| {
        Error::storage(
            "~/.local/share",
            std::io::Error::other("the system has no per-user data folder (is HOME set?)"),
        )
    })?;
    let name = if cfg!(debug_assertions) {
        format!("{IDENTIFIER}-dev")
    } else {
        IDENTIFIER.to_string()
    };
    Ok(base.join(name))
}

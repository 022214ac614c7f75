//! How this copy gets its next version.
//!
//! - Linux: the .deb and .rpm belong to the system's package manager — an apt or dnf repository
//!   (README, "Updates"), or the newer package opened over this one. An app that replaced its own
//!   files behind the package manager's back would leave it believing in files that changed; and
//!   Tauri's updater would add its own download and archive code to every Linux package.
//! - macOS, and Windows installed with the setup .exe: Tauri's updater, which installs only what the
//!   release key signed (.github/workflows/release.yml builds in the key's public half). The .exe
//!   installs for the admin alone, so its update needs no administrator rights; `latest.json` names
//!   one Windows installer, and it is that one.
//! - Windows installed from the .msi: the downloads page. An .msi is what IT departments deploy
//!   (Intune, group policy), and they deploy its next version the same way.
//! - A copy built without the release key (`make bundle`, a developer's build) has nothing to check
//!   a download against, so it sends the admin to the downloads page too.

use serde::Serialize;

/// The way the settings offer a newer version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum UpdateWay {
    /// The system's software updates, or the newer package from the downloads page.
    SystemPackages,
    /// "Check for updates" in the window: signed by the release key, installed and restarted.
    InApp,
    /// Only the downloads page: this copy cannot check a download's signature.
    DownloadPage,
}

/// A newer version the updater found.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AvailableUpdate {
    pub version: String,
    /// The release's own notes, as published.
    pub notes: Option<String>,
}

/// Where every version is published, for the ways that end in a download.
pub const DOWNLOADS_PAGE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/latest");

/// Whether this copy was built with the release key's public half: `updater` is tauri.conf.json's
/// `plugins.updater`, whose `pubkey` is empty in the repository and filled in by the release
/// workflow.
pub fn has_release_key(updater: Option<&serde_json::Value>) -> bool {
    updater
        .and_then(|updater| updater.get("pubkey"))
        .and_then(|key| key.as_str())
        .is_some_and(|key| !key.trim().is_empty())
}

/// How this copy, on this system, gets its next version.
pub fn way(updater: Option<&serde_json::Value>) -> UpdateWay {
    if cfg!(target_os = "linux") {
        UpdateWay::SystemPackages
    } else if has_release_key(updater) && updated_in_app() {
        UpdateWay::InApp
    } else {
        UpdateWay::DownloadPage
    }
}

/// Whether this install is one `latest.json` has an update for (see the module's note). The
/// bundler writes the install's kind into each package's copy of the binary.
fn updated_in_app() -> bool {
    use tauri::utils::{config::BundleType, platform::bundle_type};
    match bundle_type() {
        Some(BundleType::App) => cfg!(target_os = "macos"),
        Some(BundleType::Nsis) => cfg!(windows),
        _ => false,
    }
}

/// The in-app updater (Windows and macOS only; see the module's note).
#[cfg(any(windows, target_os = "macos"))]
pub mod in_app {
    use connect_core::ErrorCode;
    use connect_core::error::UpdateProblem;
    use tauri::{AppHandle, Manager};
    use tauri_plugin_updater::UpdaterExt;

    use super::AvailableUpdate;
    use crate::state::AppState;

    fn failed(e: tauri_plugin_updater::Error) -> ErrorCode {
        use tauri_plugin_updater::Error as E;
        let problem = match e {
            E::Reqwest(_) | E::Network(_) | E::Http(_) | E::InsecureTransportProtocol => {
                UpdateProblem::Network
            }
            E::ReleaseNotFound | E::TargetNotFound(_) | E::UnsupportedArch | E::UnsupportedOs => {
                UpdateProblem::NotPublished
            }
            E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) => UpdateProblem::BadSignature,
            E::Io(_)
            | E::TempDirNotOnSameMountPoint
            | E::TempDirNotFound
            | E::BinaryNotFoundInArchive
            | E::FailedToDetermineExtractPath
            | E::AuthenticationFailed
            | E::DebInstallFailed => UpdateProblem::Install,
            _ => UpdateProblem::Other,
        };
        ErrorCode::UpdateFailed { problem }
    }

    async fn newer(app: &AppHandle) -> Result<Option<tauri_plugin_updater::Update>, ErrorCode> {
        app.updater().map_err(failed)?.check().await.map_err(failed)
    }

    pub async fn check(app: &AppHandle) -> Result<Option<AvailableUpdate>, ErrorCode> {
        Ok(newer(app).await?.map(|update| AvailableUpdate {
            version: update.version,
            notes: update.body,
        }))
    }

    /// Downloads, checks the signature, installs and restarts. The data folder and the keychain
    /// are outside what an installer replaces, so accounts carry over.
    pub async fn install(app: &AppHandle) -> Result<(), ErrorCode> {
        let Some(update) = newer(app).await? else {
            return Ok(());
        };
        let bytes = update.download(|_, _| {}, || {}).await.map_err(failed)?;
        // On Windows the installer ends this process at once, without the app's own exit: a
        // token copied from the window must not outlive it there either.
        app.state::<AppState>().clipboard.take_back(None);
        update.install(bytes).map_err(failed)?;
        app.restart()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_a_real_public_key_turns_the_updater_on() {
        assert!(!has_release_key(None));
        assert!(!has_release_key(Some(&json!({}))));
        assert!(!has_release_key(Some(&json!({"pubkey": ""}))));
        assert!(!has_release_key(Some(&json!({"pubkey": "  "}))));
        assert!(!has_release_key(Some(&json!({"pubkey": 7}))));
        assert!(has_release_key(Some(
            &json!({"pubkey": "dW50cnVzdGVkIGNvbW1lbnQ6"})
        )));
    }

    #[test]
    fn linux_packages_are_updated_by_the_system_and_a_build_without_the_key_never_updates_itself() {
        let keyed = json!({"pubkey": "dW50cnVzdGVkIGNvbW1lbnQ6"});
        if cfg!(target_os = "linux") {
            assert_eq!(way(Some(&keyed)), UpdateWay::SystemPackages);
            assert_eq!(way(None), UpdateWay::SystemPackages);
        } else {
            assert_eq!(way(None), UpdateWay::DownloadPage);
        }
    }

    /// The repository is named twice: in Cargo.toml (the downloads page) and in tauri.conf.json
    /// (the updater's endpoint, which JSON cannot derive). They must name the same one.
    #[test]
    fn the_updater_reads_the_manifest_of_the_same_repository() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../../tauri.conf.json")).expect("valid JSON");
        assert_eq!(
            conf["plugins"]["updater"]["endpoints"],
            json!([concat!(
                env!("CARGO_PKG_REPOSITORY"),
                "/releases/latest/download/latest.json"
            )])
        );
    }

    #[test]
    fn the_downloads_page_is_the_latest_release_of_the_repository() {
        assert!(DOWNLOADS_PAGE.starts_with("https://github.com/"));
        assert!(DOWNLOADS_PAGE.ends_with("/releases/latest"));
    }
}

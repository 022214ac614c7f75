//! tauri.conf.json sits at the repository root (the design card's layout), which is also this
//! package's manifest directory, so tauri-build finds it by default; only the capabilities live
//! under src-tauri/.
//!
//! The app manifest lists our commands, which makes Tauri check every one of them against the
//! capability (src-tauri/capabilities/main-window.json): the page may call exactly these.
fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "list_apps",
            "add_app",
            "update_app",
            "remove_app",
            "open_applications_page",
            "copy_redirect_uri",
            "start_authorization",
            "complete_pasted",
            "cancel_authorization",
            "authorization_outcome",
            "subscribe",
            "copy_token",
            "reveal_token",
            "copy_for_scripts",
            "test_account",
            "refresh_account",
            "revoke_account",
            "forget_account",
            "share_account",
            "test_sharing",
            "unshare_account",
            "hand_over_account",
            "preferences",
            "set_preferences",
            "start_at_login",
            "set_start_at_login",
            "keep_alive_paused",
            "set_keep_alive_paused",
            "about",
            "remove_everything",
            "update_way",
            "check_for_update",
            "install_update",
            "open_downloads_page",
        ]));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}

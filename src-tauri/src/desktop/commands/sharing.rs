//! Sharing an account's token with a secrets manager from the window ("Share with servers"): the
//! destination as the admin fills it in (the login crosses once, inward, to the keychain), a test
//! of it, and stopping. What is shared, and how the last publishing went, reaches the page with
//! the account itself (`AccountRecord::sharing`).

use connect_core::Secret;
use connect_core::registry::AccountRecord;
use connect_core::share::{Destination, Login};
use serde::Deserialize;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

/// Where to share, as the admin fills it in; empty optional fields mean none.
#[derive(Debug, Deserialize, specta::Type)]
pub struct ShareForm {
    pub address: String,
    pub mount: String,
    pub path: String,
    pub namespace: String,
    /// A PEM file's path on this computer.
    pub ca_file: String,
    /// AppRole's role ID; empty to log in with a token.
    pub role_id: String,
    /// The token, or AppRole's secret ID.
    pub login: Secret,
}

#[tauri::command]
#[specta::specta]
pub async fn share_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
    form: ShareForm,
) -> CommandResult<AccountRecord> {
    let login = match form.role_id.trim() {
        "" => Login::Token,
        role_id => Login::AppRole {
            role_id: role_id.to_string(),
        },
    };
    let ca_file = Some(form.ca_file.trim().to_string()).filter(|f| !f.is_empty());
    let destination = Destination::new(
        &form.address,
        &form.mount,
        &form.path,
        Some(form.namespace.as_str()),
        ca_file,
        login,
    )?;
    if form.login.expose().trim().is_empty() {
        return Err(connect_core::ErrorCode::InvalidInput {
            field: connect_core::error::Field::ServerSecret,
            issue: connect_core::error::InputIssue::Empty,
        });
    }
    let login = Secret::new(form.login.expose().trim());
    Ok(state
        .engine
        .share(&app, Some(&account), destination, login)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn test_sharing(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<()> {
    Ok(state.engine.test_sharing(&app, Some(&account)).await?)
}

/// Stops sharing: what was published is taken back on the server, then forgotten here.
#[tauri::command]
#[specta::specta]
pub async fn unshare_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<AccountRecord> {
    Ok(state.engine.unshare(&app, Some(&account), false).await?)
}

/// Hands the shared account over to the keepers on its server (README, "a keeper on a server"):
/// from then on they refresh it, and this computer reads its token where they publish it.
#[tauri::command]
#[specta::specta]
pub async fn hand_over_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<AccountRecord> {
    Ok(state
        .engine
        .hand_over(&app, Some(&account), connect_core::engine::KEEPER_FOLDER)
        .await?)
}

//! An account's tokens from the window: copy (through Rust, never the page), reveal when asked,
//! test, refresh, revoke, forget.

use std::sync::Arc;

use connect_core::identity::Identity;
use connect_core::registry::AccountRecord;
use tauri::State;

use super::CommandResult;
use crate::clipboard::TOKEN_LIFETIME;
use crate::state::AppState;

/// Copies the access token (refreshed first if it is about to expire) to the clipboard, and takes
/// it back after a minute if it is still there. The token never reaches the page.
#[tauri::command]
#[specta::specta]
pub async fn copy_token(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<()> {
    let token = state.engine.access_token(&app, Some(&account)).await?;
    let copy = state.clipboard.copy_token(&token)?;
    let clipboard = Arc::clone(&state.clipboard);
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(TOKEN_LIFETIME).await;
        clipboard.take_back(Some(copy));
    });
    Ok(())
}

/// The access token itself, for the admin who pressed Reveal (the page hides it again).
#[tauri::command]
#[specta::specta]
pub async fn reveal_token(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<String> {
    let token = state.engine.access_token(&app, Some(&account)).await?;
    Ok(token.expose().to_string())
}

/// Asks Factorial who the token belongs to.
#[tauri::command]
#[specta::specta]
pub async fn test_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<Identity> {
    let (_, identity) = state.engine.whoami(&app, Some(&account)).await?;
    Ok(identity)
}

#[tauri::command]
#[specta::specta]
pub async fn refresh_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<AccountRecord> {
    Ok(state.engine.refresh(&app, Some(&account)).await?)
}

/// Revokes the tokens at Factorial, then forgets them here.
#[tauri::command]
#[specta::specta]
pub async fn revoke_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<()> {
    state.engine.revoke(&app, Some(&account)).await?;
    Ok(())
}

/// Forgets the tokens here only; they stay valid at Factorial.
#[tauri::command]
#[specta::specta]
pub async fn forget_account(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<()> {
    state.engine.forget(&app, Some(&account)).await?;
    Ok(())
}

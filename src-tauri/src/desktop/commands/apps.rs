//! Applications from the window: the guided add, edit, delete, and the two things the guide does
//! outside the page (open Factorial's "OAuth applications" page, copy the redirect URI).

use connect_core::app_profile::{AppProfile, NewApp};
use connect_core::engine::AppChanges;
use connect_core::environment::Environment;
use connect_core::{Secret, browser};
use serde::Deserialize;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

/// An application as the admin fills it in; the secret crosses once, inward, to the keychain.
#[derive(Debug, Deserialize, specta::Type)]
pub struct AppForm {
    pub name: String,
    /// `production`, `demo`, or a base URL.
    pub environment: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub confidential: bool,
    /// Empty means `factorial-connect://oauth/callback`.
    pub redirect_uri: String,
    /// Space-separated; empty means the scopes set on the application in Factorial.
    pub scopes: String,
    /// How long its refresh tokens live, in seconds; `null` means Factorial's week.
    pub refresh_lifetime_secs: Option<u64>,
}

#[tauri::command]
#[specta::specta]
pub async fn add_app(state: State<'_, AppState>, form: AppForm) -> CommandResult<AppProfile> {
    Ok(state.engine.add_app(NewApp {
        name: form.name,
        environment: form.environment,
        client_id: form.client_id,
        client_secret: form.client_secret,
        confidential: form.confidential,
        redirect_uri: form.redirect_uri,
        scopes: form.scopes,
        // The window never turns PKCE off; the command line can, for a server that rejects it.
        pkce: true,
        refresh_lifetime_secs: form.refresh_lifetime_secs,
    })?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_app(
    state: State<'_, AppState>,
    app: String,
    edit: AppChanges,
) -> CommandResult<AppProfile> {
    Ok(state.engine.update_app(&app, edit)?)
}

/// Removes the application, its secret and its accounts' tokens from this computer.
#[tauri::command]
#[specta::specta]
pub async fn remove_app(state: State<'_, AppState>, app: String) -> CommandResult<()> {
    state.engine.remove_app(&app).await?;
    Ok(())
}

/// Opens Factorial's "OAuth applications" page of production or the demo in the system browser.
/// Only those two: a page that could name any address could send what it knows out through the
/// browser.
#[tauri::command]
#[specta::specta]
pub async fn open_applications_page(environment: String) -> CommandResult<()> {
    // Any environment the form would accept: another server's page is at its own address.
    let known = Environment::parse(&environment)?;
    Ok(browser::open(known.applications_page().as_str())?)
}

/// Copies the redirect URI to register in Factorial. Nothing else: text the page chose could be
/// a command the admin is tricked into pasting.
#[tauri::command]
#[specta::specta]
pub async fn copy_redirect_uri(state: State<'_, AppState>) -> CommandResult<()> {
    state
        .clipboard
        .copy_text(connect_core::app_profile::DEFAULT_REDIRECT_URI)
}

/// Removes every application, account and keychain entry of this app from this computer; returns
/// how many applications went.
#[tauri::command]
#[specta::specta]
pub async fn remove_everything(state: State<'_, AppState>) -> CommandResult<u32> {
    let removed = state.engine.remove_everything().await?;
    Ok(u32::try_from(removed).unwrap_or(u32::MAX))
}

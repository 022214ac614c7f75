//! An account's tokens from the window: copy (through Rust, never the page), reveal when asked,
//! test, refresh, revoke, forget.

use std::sync::Arc;

use connect_core::identity::Identity;
use connect_core::registry::AccountRecord;
use tauri::State;

use connect_cli::i18n::shell_quote;

use super::CommandResult;
use crate::clipboard::token_lifetime;
use crate::state::AppState;

/// Copies the access token (refreshed first if it is about to expire) to the clipboard, and takes
/// it back after a minute if it is still there; answers how many seconds it stays. The token
/// never reaches the page.
#[tauri::command]
#[specta::specta]
pub async fn copy_token(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<u32> {
    let token = state.engine.access_token(&app, Some(&account)).await?;
    let copy = state.clipboard.copy_token(&token)?;
    let clipboard = Arc::clone(&state.clipboard);
    let lifetime = token_lifetime();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(lifetime).await;
        clipboard.take_back(Some(copy));
    });
    Ok(u32::try_from(lifetime.as_secs()).unwrap_or(u32::MAX))
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

/// Copies, for scripts, a command that asks this app for a fresh token each time it runs and never
/// contains the token itself; returns the command, to show.
#[tauri::command]
#[specta::specta]
pub async fn copy_for_scripts(
    state: State<'_, AppState>,
    app: String,
    account: String,
) -> CommandResult<String> {
    let (profile, record) = state.engine.account(&app, Some(&account))?;
    let line = script_line(
        &profile.name,
        &record.id,
        profile.environment.credentials_url().as_str(),
    );
    state.clipboard.copy_text(&line)?;
    Ok(line)
}

/// `curl` of the credentials endpoint with a token from `factorial-connect token`, every value
/// quoted as a POSIX shell reads it back.
fn script_line(app: &str, account: &str, url: &str) -> String {
    format!(
        "curl -H \"Authorization: Bearer $(factorial-connect token {} --account {})\" {}",
        shell_quote(app),
        shell_quote(account),
        shell_quote(url)
    )
}

#[cfg(test)]
mod tests {
    use super::script_line;

    #[test]
    fn the_script_line_quotes_what_a_shell_would_misread() {
        assert_eq!(
            script_line("Payroll", "user-12", "https://api.factorialhr.com/x"),
            "curl -H \"Authorization: Bearer $(factorial-connect token Payroll --account user-12)\" https://api.factorialhr.com/x"
        );
        assert_eq!(
            script_line("Ana's $(payroll)", "user-12", "https://h/x"),
            "curl -H \"Authorization: Bearer $(factorial-connect token 'Ana'\\''s $(payroll)' --account user-12)\" https://h/x"
        );
    }
}

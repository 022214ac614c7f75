//! The command line's English: every engine code made into the sentence an admin reads in a
//! terminal, naming the command that fixes it. The window words the same codes in its own
//! catalogs (`ui/src/i18n`), naming buttons instead. Each `match` is exhaustive, so a new code
//! cannot reach a user without a sentence.

mod callback;
mod input;

use connect_core::ErrorCode;
use connect_core::error::{BusyWith, KeychainProblem, ProviderRefusal, SecretKind, Step};

pub use callback::callback_sentence;

/// What happened and what to do next, for `code`.
pub fn sentence(code: &ErrorCode) -> String {
    match code {
        ErrorCode::InvalidInput { field, issue } => input::sentence(*field, issue),
        ErrorCode::AppNotFound { name, known } => {
            let hint = if known.is_empty() {
                "No applications are set up yet: add one first (factorial-connect apps add)."
                    .to_string()
            } else {
                format!("Known applications: {}.", known.join(", "))
            };
            format!("There is no application called \"{name}\". {hint}")
        }
        ErrorCode::AppExists { name } => format!(
            "An application called \"{name}\" already exists. Choose another name, or remove the old one first."
        ),
        ErrorCode::NotConnected { app } => format!(
            "\"{app}\" is not connected to any Factorial account yet. Connect it first (factorial-connect authorize {}).",
            shell_quote(app)
        ),
        ErrorCode::AccountNotFound {
            app,
            account,
            known,
        } => format!(
            "\"{app}\" has no account \"{account}\". Its accounts: {}.",
            known.join(", ")
        ),
        ErrorCode::AccountAmbiguous { app, accounts } => format!(
            "\"{app}\" is connected to several accounts; say which one with --account: {}.",
            accounts.join(", ")
        ),
        ErrorCode::Keychain { problem } => keychain(*problem).to_string(),
        ErrorCode::TokensNotSaved { revoked, .. } => {
            let fate = if *revoked {
                "They were revoked at Factorial, so nothing usable was left behind."
            } else {
                "Revoking them at Factorial failed too, so they may still work there until revoked in Factorial's dashboard."
            };
            format!(
                "Factorial issued new tokens, but the keychain would not store them. {fate} Make sure the keychain is running and unlocked, then connect the account again."
            )
        }
        ErrorCode::SecretMissing { secret } => {
            let (what, remedy) = match secret {
                SecretKind::Tokens => ("token of this account", "Connect the account again."),
                SecretKind::ClientSecret => (
                    "client secret of this application",
                    "Remove the application and add it again with its secret (Factorial shows a secret only once; create a new application there if it is lost).",
                ),
                SecretKind::SecretPart => (
                    "part of a long secret",
                    "Connect the account again (or re-enter the client secret).",
                ),
            };
            format!(
                "The {what} is missing from the keychain (it may have been deleted outside Factorial Connect). {remedy}"
            )
        }
        ErrorCode::CallbackRejected { problem } => callback_sentence(problem),
        ErrorCode::CodeRefused { description } => format!(
            "Factorial refused the authorization code (it expired, was already used, or the redirect URI differs from the one registered).{} Start the authorization again.",
            said(description)
        ),
        ErrorCode::ReconnectNeeded { description } => format!(
            "Factorial no longer accepts this account's refresh token (it expired, was revoked, or was replaced).{} Connect the account again. The stored tokens were kept.",
            said(description)
        ),
        ErrorCode::TokenRejected { app } => format!(
            "The access token was refused by Factorial (it was revoked or has expired). Connect \"{app}\" again."
        ),
        ErrorCode::ProviderRefused {
            refusal,
            during,
            description,
        } => provider(refusal, *during, description),
        ErrorCode::NotRefreshable { reason } => format!(
            "This account's token cannot be refreshed: {} If it stops working, connect again.",
            match reason {
                connect_core::error::NotRefreshable::CompanyToken =>
                    "company tokens never expire and come without a refresh token.",
                connect_core::error::NotRefreshable::NoRefreshToken =>
                    "Factorial gave no refresh token for it.",
            }
        ),
        ErrorCode::Network { host } => format!(
            "Could not reach {host}. Check your internet connection (and proxy), then try again."
        ),
        ErrorCode::ConnectionLost { host, during } => {
            let next = match during {
                Step::Connecting => {
                    "Factorial may already have used up the authorization code: start the authorization again."
                }
                Step::Refreshing => {
                    "Factorial may already have replaced the tokens. The stored tokens were kept: try again, and if Factorial refuses them, connect the account again."
                }
                Step::Revoking => "Try again to be sure the tokens are revoked.",
                Step::Identifying => "Try again.",
            };
            format!("The connection to {host} broke before its answer arrived. {next}")
        }
        ErrorCode::Timeout { host } => {
            format!("{host} did not answer in time. Try again in a moment.")
        }
        ErrorCode::BadResponse {
            host,
            status,
            detail,
        } => bad_response(host, *status, detail.as_deref()),
        ErrorCode::Busy {
            holder,
            waited_secs,
        } => {
            let what = match holder {
                BusyWith::Account => "using this account (refreshing, revoking or connecting it)",
                BusyWith::DataFolder => "writing the data folder",
            };
            format!(
                "Another Factorial Connect process is {what} and has not finished after {waited_secs} seconds. Wait a moment and try again; if it keeps happening, close other Factorial Connect windows and scripts."
            )
        }
        ErrorCode::Storage { path, detail } => format!(
            "Factorial Connect could not use its data folder {path}: {detail}. Check that the folder is writable."
        ),
        ErrorCode::Corrupt {
            path,
            backup,
            detail,
        } => format!(
            "The file {path} is damaged ({detail}) and was left untouched so nothing is lost.{} Move it aside to start over, or restore it from a backup.",
            kept_at(backup)
        ),
        ErrorCode::NewerData {
            path,
            backup,
            format,
        } => format!(
            "The file {path} was written by a newer Factorial Connect (data format {format}) and was left untouched.{} Install the newer version again to use it.",
            kept_at(backup)
        ),
        ErrorCode::NoBrowser { detail } => format!(
            "No web browser could be opened ({detail}). Open the authorization address in a browser yourself, then paste the address it ends on."
        ),
        ErrorCode::WaitTimedOut { waited_secs } => format!(
            "No answer came back from the browser within {}. If the browser showed an error, fix what it says (often the redirect URI or the client ID); otherwise run the command again, or paste the address the browser ended on.",
            duration_text(*waited_secs)
        ),
        ErrorCode::Cancelled => "The authorization was cancelled.".to_string(),
        ErrorCode::Unknown => {
            "Something failed that this version of Factorial Connect cannot describe (another version recorded it). Try again; if it keeps happening, update Factorial Connect.".to_string()
        }
    }
}

/// "30 seconds", "1 minute", "10 minutes".
pub fn duration_text(secs: u64) -> String {
    match secs {
        1 => "1 second".to_string(),
        0..60 => format!("{secs} seconds"),
        60..120 => "1 minute".to_string(),
        _ => format!("{} minutes", secs / 60),
    }
}

/// A name as a POSIX shell reads it back: single-quoted unless it is one plain word.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,/:@%+=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn said(description: &Option<String>) -> String {
    description
        .as_deref()
        .map(|d| format!(" Factorial said: \"{d}\""))
        .unwrap_or_default()
}

fn kept_at(backup: &Option<String>) -> String {
    backup
        .as_deref()
        .map(|b| format!(" A copy was kept at {b}."))
        .unwrap_or_default()
}

fn keychain(problem: KeychainProblem) -> &'static str {
    match problem {
        KeychainProblem::NotRunning => {
            "No keychain is available, so secrets cannot be stored safely. On Linux, install and start a Secret Service \
             (GNOME Keyring or KeePassXC) in your desktop session, then try again. Factorial Connect never falls back to a plain file."
        }
        KeychainProblem::Locked => {
            "The keychain is locked or refused access. Unlock it (for example by logging in again, or in \"Passwords and Keys\"), then try again."
        }
        KeychainProblem::TooLong => {
            "A secret is too long for this system's keychain. Please report this to the Factorial Connect team."
        }
        KeychainProblem::NotResponding => {
            "The keychain did not answer in time. It may be waiting for you to unlock it in a dialog; unlock it (or log in again), then try again."
        }
        KeychainProblem::Other => {
            "The keychain could not be used. Check that it is running and unlocked, then try again."
        }
    }
}

fn provider(refusal: &ProviderRefusal, during: Step, description: &Option<String>) -> String {
    let said = said(description);
    let during = match during {
        Step::Connecting => "connecting",
        Step::Refreshing => "refreshing",
        Step::Revoking => "revoking",
        Step::Identifying => "asking who the token belongs to",
    };
    match refusal {
        ProviderRefusal::InvalidClient => format!(
            "Factorial did not accept the client ID or client secret while {during}.{said} Check both against the application's page in Factorial (the secret is shown only when the application is created: if it is lost, create a new one)."
        ),
        ProviderRefusal::InvalidGrant => format!(
            "Factorial refused the token while {during} (it expired, was revoked, or was replaced).{said} Connect the account again."
        ),
        ProviderRefusal::UnauthorizedClient => format!(
            "This application is not allowed to do that while {during}.{said} Check the application's settings in Factorial."
        ),
        ProviderRefusal::InvalidScope => format!(
            "Factorial refused the requested scopes while {during}.{said} Ask only for scopes that are enabled on the application in Factorial."
        ),
        ProviderRefusal::Other { error_code } => format!(
            "Factorial refused the request while {during} ({error_code}).{said} Check the application's settings, then try again."
        ),
    }
}

fn bad_response(host: &str, status: Option<u16>, detail: Option<&str>) -> String {
    let what = match (status, detail) {
        (Some(code), Some(d)) => format!("HTTP {code}, {d}"),
        (Some(code), None) => format!("HTTP {code}"),
        (None, Some(d)) => d.to_string(),
        (None, None) => "no details".to_string(),
    };
    match status {
        Some(500..=599) => {
            format!("{host} had a problem on its side ({what}). Try again in a few minutes.")
        }
        _ => format!(
            "{host} sent an answer Factorial Connect does not understand ({what}). Check that the environment's base URL is right, or try again later."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_the_way_a_shell_reads_them_back() {
        assert_eq!(shell_quote("Payroll"), "Payroll");
        assert_eq!(shell_quote("Payroll sync"), "'Payroll sync'");
        assert_eq!(shell_quote("Ana's app"), r"'Ana'\''s app'");
        assert_eq!(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
    }

    #[test]
    fn a_server_error_and_an_unreadable_answer_read_differently() {
        let five_hundred = sentence(&ErrorCode::BadResponse {
            host: "api.factorialhr.com".into(),
            status: Some(502),
            detail: None,
        });
        assert!(five_hundred.contains("had a problem on its side (HTTP 502)"));
        let html = sentence(&ErrorCode::BadResponse {
            host: "api.factorialhr.com".into(),
            status: Some(200),
            detail: Some("text/html instead of JSON".into()),
        });
        assert!(html.contains("does not understand (HTTP 200, text/html instead of JSON)"));
    }
}

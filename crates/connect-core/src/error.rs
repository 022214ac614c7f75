//! The one error type of the engine.
//!
//! `Display` is the sentence a non-technical admin reads: what went wrong and what to do next. The
//! developer cause travels in `source()` and in `Debug`. [`Error::code`] is a stable identifier that
//! the CLI turns into an exit code and the window branches on; it never changes meaning once released.
//! No variant carries a secret: tokens, client secrets, codes and verifiers never enter an error.

use std::path::PathBuf;

/// A result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why the keychain could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeychainProblem {
    /// No keychain service is reachable (on Linux: no Secret Service on the session bus, or no bus).
    NotRunning,
    /// The keychain exists but is locked, or access was refused.
    Locked,
    /// A secret is too long for this platform's keychain (Windows' Credential Manager).
    TooLong,
    /// The keychain did not answer in time (on Linux: often an unlock dialog nobody answered).
    NotResponding,
    /// The keychain answered with something else.
    Other,
}

/// What the provider's token endpoint said, in the terms the user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProviderRefusal {
    /// `invalid_client`: wrong client ID or secret, or the application was deleted.
    InvalidClient,
    /// `invalid_grant`: the code or refresh token is expired, used, revoked, or was issued for another
    /// redirect URI or PKCE verifier.
    InvalidGrant,
    /// `unauthorized_client`: the application may not use this grant.
    UnauthorizedClient,
    /// `invalid_scope`: a scope the application does not have.
    InvalidScope,
    /// `invalid_request` and anything else, with the provider's code.
    Other(String),
}

/// Everything that can go wrong in Factorial Connect's engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Input the user typed does not fit; `message` says which field and how to fix it.
    #[error("{message}")]
    InvalidInput {
        /// The field, as the user knows it ("client ID", "redirect URI", …).
        field: &'static str,
        /// A full sentence that says what to change.
        message: String,
    },

    #[error("There is no application called \"{name}\". {}", known_apps_hint(.known))]
    AppNotFound { name: String, known: Vec<String> },

    #[error(
        "An application called \"{name}\" already exists. Choose another name, or remove the old one first."
    )]
    AppExists { name: String },

    #[error(
        "\"{app}\" is not connected to any Factorial account yet. Connect it first (factorial-connect authorize \"{app}\")."
    )]
    NotConnected { app: String },

    #[error("\"{app}\" has no account \"{account}\". Its accounts: {}.", .known.join(", "))]
    AccountNotFound {
        app: String,
        account: String,
        known: Vec<String>,
    },

    #[error(
        "\"{app}\" is connected to several accounts; say which one with --account: {}.",
        .accounts.join(", ")
    )]
    AccountAmbiguous { app: String, accounts: Vec<String> },

    #[error("{}", keychain_message(*.problem))]
    Keychain {
        problem: KeychainProblem,
        /// What the keychain library said, reduced to the kind of failure: keyring errors can carry
        /// the bytes of a secret (`BadEncoding`), so their payload never reaches this text.
        cause: String,
    },

    /// Factorial issued new tokens but the keychain would not store them, even after retries.
    #[error("{}", tokens_not_saved_message(*.revoked))]
    TokensNotSaved {
        /// True when the new tokens were revoked at Factorial, so nothing usable is left anywhere.
        revoked: bool,
        problem: KeychainProblem,
    },

    #[error(
        "The {what} is missing from the keychain (it may have been deleted outside Factorial Connect). {remedy}"
    )]
    SecretMissing {
        what: &'static str,
        remedy: &'static str,
    },

    /// The authorization callback (deep link, pasted URL or code) was refused.
    #[error(transparent)]
    Callback(#[from] CallbackError),

    #[error("{}", provider_message(.refusal, .description.as_deref(), .during))]
    Provider {
        refusal: ProviderRefusal,
        /// The provider's `error_description`, shown as the provider wrote it.
        description: Option<String>,
        /// What we were doing: "connecting", "refreshing", "revoking".
        during: &'static str,
    },

    #[error(
        "The access token was refused by Factorial (it was revoked or has expired). Connect \"{app}\" again."
    )]
    TokenRejected { app: String },

    #[error(
        "This account's token cannot be refreshed: {reason} If it stops working, connect again."
    )]
    NotRefreshable { reason: &'static str },

    #[error("Could not reach {host}. Check your internet connection (and proxy), then try again.")]
    Network {
        host: String,
        #[source]
        cause: reqwest::Error,
    },

    #[error("{}", connection_lost_message(.host, .during))]
    ConnectionLost {
        host: String,
        /// What we were doing: "connecting", "refreshing", "revoking", "identifying".
        during: &'static str,
        #[source]
        cause: reqwest::Error,
    },

    /// Another Factorial Connect process holds what we need (an account being refreshed, the data
    /// folder being written) and did not let go in time.
    #[error(
        "Another Factorial Connect process is {what} and has not finished after {waited_secs} seconds. Wait a moment and try again; if it keeps happening, close other Factorial Connect windows and scripts."
    )]
    Busy {
        /// "refreshing this account", "writing the data folder".
        what: &'static str,
        waited_secs: u64,
    },

    #[error("{host} did not answer in time. Try again in a moment.")]
    Timeout { host: String },

    #[error("{}", bad_response_message(.host, *.status, .detail.as_deref()))]
    BadResponse {
        host: String,
        /// `None` when the answer broke off before its status line was read.
        status: Option<u16>,
        /// A short, secret-free description (content type, parse error position).
        detail: Option<String>,
    },

    #[error(
        "Factorial Connect could not use its data folder {}: {cause}. Check that the folder is writable.",
        .path.display()
    )]
    Storage {
        path: PathBuf,
        #[source]
        cause: std::io::Error,
    },

    #[error(
        "The file {} is damaged ({reason}) and was left untouched so nothing is lost. Move it aside to start over, or restore it from a backup.",
        .path.display()
    )]
    Corrupt {
        path: PathBuf,
        /// What is wrong, without any of the file's content.
        reason: String,
    },

    /// How an authorization ended in another process, as that process recorded it.
    #[error("{message}")]
    Recorded { code: ErrorCode, message: String },

    #[error(
        "No web browser could be opened ({cause}). Open the authorization address in a browser yourself, then paste the address it ends on."
    )]
    NoBrowser { cause: String },

    #[error(
        "No answer came back from the browser within {waited}. If the browser showed an error, fix what it says (often the redirect URI or the client ID); otherwise run the command again, or paste the address the browser ended on."
    )]
    WaitTimedOut {
        /// "10 minutes", "30 seconds".
        waited: String,
    },
}

/// Why an authorization callback was refused. Every message says what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    #[error(
        "That link does not belong to an authorization started here (or it was already cleaned up). Start the authorization again."
    )]
    UnknownState,
    #[error(
        "That authorization was already completed; a link works only once. Start a new authorization if you need another token."
    )]
    Replayed,
    #[error(
        "That authorization link expired (they are valid for {minutes} minutes). Start the authorization again."
    )]
    Expired { minutes: u64 },
    #[error(
        "Access was denied in Factorial (the Deny button was pressed, or the account may not grant it). Start again and press Authorize."
    )]
    Denied,
    #[error("Factorial refused the authorization: {description} ({code}). {hint}")]
    ProviderError {
        code: String,
        description: String,
        hint: &'static str,
    },
    #[error(
        "That is not an authorization answer: {reason}. Paste the whole address the browser ended on, or just the code it showed."
    )]
    Malformed { reason: String },
    #[error(
        "That text is too long to be an authorization answer ({len} characters). Paste only the address the browser ended on, or the code."
    )]
    TooLong { len: usize },
    #[error(
        "That answer belongs to another authorization (started for another application, or in another window). Paste the address from the browser tab that this authorization opened; this one is still waiting."
    )]
    BelongsToAnother,
    #[error(
        "There is no authorization waiting for an answer. Start one first (factorial-connect authorize APP, or Connect in the window)."
    )]
    NothingPending,
}

/// What kind of failure an [`Error`] is: stable, machine-readable, and what the registry records for
/// waiters in other processes. The CLI maps it to its exit code with an exhaustive `match`, the
/// window branches on it. A code never changes meaning once released; new ones may be added.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    AppNotFound,
    AppExists,
    NotConnected,
    AccountNotFound,
    AccountAmbiguous,
    Keychain,
    SecretMissing,
    /// The answer to an authorization (deep link, paste) was refused before reaching Factorial.
    CallbackRejected,
    /// Factorial refused the authorization code: expired, already used, or for another redirect URI.
    CodeRefused,
    /// Factorial refused the refresh token or the access token: the admin must connect again.
    ReconnectNeeded,
    ProviderRefused,
    NotRefreshable,
    Network,
    BadResponse,
    Busy,
    Storage,
    TimedOut,
    NoBrowser,
    Cancelled,
    /// A code written by a newer version, read back from the registry.
    #[serde(other)]
    Unknown,
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::AppNotFound { .. } => ErrorCode::AppNotFound,
            Error::AppExists { .. } => ErrorCode::AppExists,
            Error::NotConnected { .. } => ErrorCode::NotConnected,
            Error::AccountNotFound { .. } => ErrorCode::AccountNotFound,
            Error::AccountAmbiguous { .. } => ErrorCode::AccountAmbiguous,
            Error::Keychain { .. } | Error::TokensNotSaved { .. } => ErrorCode::Keychain,
            Error::SecretMissing { .. } => ErrorCode::SecretMissing,
            Error::Callback(_) => ErrorCode::CallbackRejected,
            Error::Provider {
                refusal: ProviderRefusal::InvalidGrant,
                during: "connecting",
                ..
            } => ErrorCode::CodeRefused,
            Error::Provider {
                refusal: ProviderRefusal::InvalidGrant,
                ..
            }
            | Error::TokenRejected { .. } => ErrorCode::ReconnectNeeded,
            Error::Provider { .. } => ErrorCode::ProviderRefused,
            Error::NotRefreshable { .. } => ErrorCode::NotRefreshable,
            Error::Network { .. } | Error::ConnectionLost { .. } | Error::Timeout { .. } => {
                ErrorCode::Network
            }
            Error::BadResponse { .. } => ErrorCode::BadResponse,
            Error::Busy { .. } => ErrorCode::Busy,
            Error::Storage { .. } | Error::Corrupt { .. } => ErrorCode::Storage,
            Error::Recorded { code, .. } => *code,
            Error::WaitTimedOut { .. } => ErrorCode::TimedOut,
            Error::NoBrowser { .. } => ErrorCode::NoBrowser,
        }
    }

    /// The whole chain of causes, for logs and `--verbose`; never contains a secret.
    pub fn developer_detail(&self) -> String {
        let mut out = format!("{self:?}");
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            out.push_str(&format!("\n  caused by: {cause}"));
            source = cause.source();
        }
        out
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn storage(path: impl Into<PathBuf>, cause: std::io::Error) -> Self {
        Error::Storage {
            path: path.into(),
            cause,
        }
    }
}

fn bad_response_message(host: &str, status: Option<u16>, detail: Option<&str>) -> String {
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

fn known_apps_hint(known: &[String]) -> String {
    if known.is_empty() {
        "No applications are set up yet: add one first (factorial-connect apps add).".to_string()
    } else {
        format!("Known applications: {}.", known.join(", "))
    }
}

fn keychain_message(problem: KeychainProblem) -> &'static str {
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

fn provider_message(refusal: &ProviderRefusal, description: Option<&str>, during: &str) -> String {
    let said = description
        .map(|d| format!(" Factorial said: \"{d}\""))
        .unwrap_or_default();
    match refusal {
        ProviderRefusal::InvalidClient => format!(
            "Factorial did not accept the client ID or client secret while {during}.{said} Check both against the application's page in Factorial (the secret is shown only when the application is created: if it is lost, create a new one)."
        ),
        ProviderRefusal::InvalidGrant if during == "refreshing" => format!(
            "Factorial no longer accepts this account's refresh token (it expired, was revoked, or was replaced).{said} Connect the account again. The stored tokens were kept."
        ),
        ProviderRefusal::InvalidGrant => format!(
            "Factorial refused the authorization code (it expired, was already used, or the redirect URI differs from the one registered).{said} Start the authorization again."
        ),
        ProviderRefusal::UnauthorizedClient => format!(
            "This application is not allowed to do that while {during}.{said} Check the application's settings in Factorial."
        ),
        ProviderRefusal::InvalidScope => format!(
            "Factorial refused the requested scopes while {during}.{said} Ask only for scopes that are enabled on the application in Factorial."
        ),
        ProviderRefusal::Other(code) => format!(
            "Factorial refused the request while {during} ({code}).{said} Check the application's settings, then try again."
        ),
    }
}

/// Classifies a keyring error into what the user can do about it. The error itself is dropped
/// here: some variants carry the secret's bytes, so only a payload-free description is kept.
pub(crate) fn keychain_error(cause: keyring::Error) -> Error {
    let (problem, said) = match &cause {
        keyring::Error::NoDefaultStore => (KeychainProblem::NotRunning, "no keychain store".into()),
        keyring::Error::NoStorageAccess(inner) => (
            KeychainProblem::Locked,
            format!("no storage access: {inner}"),
        ),
        keyring::Error::TooLong(attribute, limit) => (
            KeychainProblem::TooLong,
            format!("{attribute} longer than {limit}"),
        ),
        keyring::Error::PlatformFailure(inner) => {
            // The Secret Service reports "no such service" / "not activatable" as a platform failure.
            let text = inner.to_string();
            let lower = text.to_ascii_lowercase();
            let problem = if lower.contains("serviceunknown")
                || lower.contains("not provided by any")
                || lower.contains("no such file")
                || lower.contains("connection refused")
            {
                KeychainProblem::NotRunning
            } else if lower.contains("locked") || lower.contains("dismissed") {
                KeychainProblem::Locked
            } else {
                KeychainProblem::Other
            };
            (problem, format!("platform failure: {text}"))
        }
        keyring::Error::BadEncoding(bytes) => (
            KeychainProblem::Other,
            format!("an entry is not text ({} bytes)", bytes.len()),
        ),
        keyring::Error::BadDataFormat(bytes, _) => (
            KeychainProblem::Other,
            format!(
                "an entry is not in the expected format ({} bytes)",
                bytes.len()
            ),
        ),
        keyring::Error::Invalid(parameter, _) => {
            (KeychainProblem::Other, format!("invalid {parameter}"))
        }
        keyring::Error::Ambiguous(entries) => (
            KeychainProblem::Other,
            format!("{} entries match one name", entries.len()),
        ),
        other => (KeychainProblem::Other, kind_only(other)),
    };
    Error::Keychain {
        problem,
        cause: plain_text(&said, 300),
    }
}

/// The variant name of an error whose payload we do not trust to be secret-free.
fn kind_only(e: &keyring::Error) -> String {
    let debug = format!("{e:?}");
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("unknown")
        .to_string()
}

fn tokens_not_saved_message(revoked: bool) -> String {
    let fate = if revoked {
        "They were revoked at Factorial, so nothing usable was left behind."
    } else {
        "Revoking them at Factorial failed too, so they may still work there until revoked in Factorial's dashboard."
    };
    format!(
        "Factorial issued new tokens, but the keychain would not store them. {fate} Make sure the keychain is running and unlocked, then connect the account again."
    )
}

fn connection_lost_message(host: &str, during: &str) -> String {
    let next = match during {
        "connecting" => {
            "Factorial may already have used up the authorization code: start the authorization again."
        }
        "refreshing" => {
            "Factorial may already have replaced the tokens. The stored tokens were kept: try again, and if Factorial refuses them, connect the account again."
        }
        "revoking" => "Try again to be sure the tokens are revoked.",
        _ => "Try again.",
    };
    format!("The connection to {host} broke before its answer arrived. {next}")
}

/// Text from outside (a server's error description, a name or an e-mail) made safe to print: control
/// and bidirectional-formatting characters removed (they can rewrite a terminal line or reorder
/// what the admin reads), at most `max` characters.
pub fn plain_text(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .take(max)
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_to_stable_snake_case() {
        let json = |c: ErrorCode| serde_json::to_string(&c).unwrap();
        assert_eq!(json(ErrorCode::CodeRefused), r#""code_refused""#);
        assert_eq!(json(ErrorCode::ReconnectNeeded), r#""reconnect_needed""#);
        assert_eq!(json(ErrorCode::Busy), r#""busy""#);
        let unknown: ErrorCode = serde_json::from_str(r#""from_the_future""#).unwrap();
        assert_eq!(unknown, ErrorCode::Unknown);
    }

    #[test]
    fn invalid_grant_means_a_refused_code_on_first_exchange_and_reconnect_on_refresh() {
        let refusal = |during| Error::Provider {
            refusal: ProviderRefusal::InvalidGrant,
            description: None,
            during,
        };
        assert_eq!(refusal("connecting").code(), ErrorCode::CodeRefused);
        assert_eq!(refusal("refreshing").code(), ErrorCode::ReconnectNeeded);
    }

    #[test]
    fn keyring_errors_never_carry_their_payload_into_text() {
        let secret = b"rt-very-secret-refresh-token".to_vec();
        for cause in [
            keyring::Error::BadEncoding(secret.clone()),
            keyring::Error::Invalid("password".into(), "rt-very-secret-refresh-token".into()),
        ] {
            let err = keychain_error(cause);
            for text in [err.to_string(), err.developer_detail(), format!("{err:?}")] {
                assert!(!text.contains("very-secret"), "{text}");
            }
        }
    }

    #[test]
    fn server_text_loses_control_and_bidi_characters() {
        assert_eq!(plain_text("a\u{1b}[31mb\r\nc\u{202e}d", 100), "a[31mbcd");
        assert_eq!(plain_text("abcdef", 3), "abc");
    }
}

//! Exit codes a script can rely on (documented in the README). They group the engine's error codes
//! by what a script would do next; the `match` is exhaustive, so a new code cannot slip through to
//! "unexpected failure" unnoticed.

use connect_core::ErrorCode;

pub const GENERAL: u8 = 1;
/// Usage errors (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// No such application or account, or not connected yet.
pub const NOT_FOUND: u8 = 3;
/// The account must be connected again (refresh token or access token refused).
pub const RECONNECT: u8 = 4;
/// Factorial could not be reached, timed out, or answered something unreadable.
pub const NETWORK: u8 = 5;
/// The OS keychain is missing, locked, not answering, or lacks a secret.
pub const KEYCHAIN: u8 = 6;
/// The authorization was denied, rejected, cancelled or timed out.
pub const AUTHORIZATION: u8 = 7;
/// The data folder could not be read or written.
pub const STORAGE: u8 = 8;
/// Another Factorial Connect process held the account or the data folder for too long.
pub const BUSY: u8 = 9;
/// The secrets manager an account is shared with could not be reached, refused, or holds someone
/// else's version; the account's tokens themselves are fine.
pub const SECRETS_MANAGER: u8 = 10;

/// Another program's exit status as ours (`exec`, the window binary on Windows): its code when it
/// fits, else 1, so a crash (a negative or large Windows status) is never reported as success.
pub fn passed_through(code: Option<i32>) -> u8 {
    code.and_then(|c| u8::try_from(c).ok()).unwrap_or(GENERAL)
}

/// The exit code for an engine error code (also recorded in a pending authorization's outcome).
pub fn exit_for(code: &ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput { .. }
        | ErrorCode::AlreadyShared { .. }
        | ErrorCode::KeptByKeeper { .. }
        | ErrorCode::AppExists { .. }
        | ErrorCode::AccountAmbiguous { .. } => USAGE,
        ErrorCode::AppNotFound { .. }
        | ErrorCode::NotShared { .. }
        | ErrorCode::AccountNotFound { .. }
        | ErrorCode::NotConnected { .. } => NOT_FOUND,
        ErrorCode::ReconnectNeeded { .. }
        | ErrorCode::TokenRejected { .. }
        | ErrorCode::NotRefreshable { .. } => RECONNECT,
        ErrorCode::Network { .. }
        | ErrorCode::ConnectionLost { .. }
        | ErrorCode::Timeout { .. }
        | ErrorCode::ServerError { .. }
        | ErrorCode::NoSuchAddress { .. }
        | ErrorCode::WebPageInstead { .. }
        | ErrorCode::BadResponse { .. } => NETWORK,
        ErrorCode::Keychain { .. }
        | ErrorCode::TokensNotSaved { .. }
        | ErrorCode::SecretMissing { .. } => KEYCHAIN,
        ErrorCode::CallbackRejected { .. }
        | ErrorCode::CodeRefused { .. }
        | ErrorCode::ProviderRefused { .. }
        | ErrorCode::IdentityRefused { .. }
        | ErrorCode::WaitTimedOut { .. }
        | ErrorCode::NoBrowser { .. }
        | ErrorCode::Cancelled => AUTHORIZATION,
        ErrorCode::Storage { .. }
        | ErrorCode::UnsafePath { .. }
        | ErrorCode::Corrupt { .. }
        | ErrorCode::NewerData { .. } => STORAGE,
        ErrorCode::Busy { .. } => BUSY,
        ErrorCode::ShareFailed { .. } => SECRETS_MANAGER,
        ErrorCode::Clipboard { .. } | ErrorCode::UpdateFailed { .. } | ErrorCode::Unknown => {
            GENERAL
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connect_core::error::{BusyWith, Step};

    #[test]
    fn another_programs_status_passes_through_and_a_crash_is_never_success() {
        assert_eq!(passed_through(Some(0)), 0);
        assert_eq!(passed_through(Some(7)), 7);
        assert_eq!(passed_through(Some(255)), 255);
        // Windows: an access violation is 0xC0000005, negative as an i32.
        assert_eq!(passed_through(Some(0xC000_0005_u32 as i32)), GENERAL);
        assert_eq!(passed_through(Some(256)), GENERAL);
        assert_eq!(passed_through(None), GENERAL);
    }

    #[test]
    fn what_happened_decides_the_exit_code() {
        // Waiting for another process is "busy", not "network" (issue 6, defect 11).
        let busy = ErrorCode::Busy {
            holder: BusyWith::Account,
            waited_secs: 90,
        };
        assert_eq!(exit_for(&busy), BUSY);
        // A refused code on a first exchange is an authorization failure, not "connect again".
        assert_eq!(
            exit_for(&ErrorCode::CodeRefused { description: None }),
            AUTHORIZATION
        );
        assert_eq!(
            exit_for(&ErrorCode::ReconnectNeeded { description: None }),
            RECONNECT
        );
        // A dropped connection is the network's fault whatever was being done.
        let lost = ErrorCode::ConnectionLost {
            host: "api.factorialhr.com".into(),
            during: Step::Refreshing,
        };
        assert_eq!(exit_for(&lost), NETWORK);
        assert_eq!(exit_for(&ErrorCode::Unknown), GENERAL);
    }
}

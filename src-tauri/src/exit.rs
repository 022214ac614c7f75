//! Exit codes a script can rely on (documented in the README). They group the engine's error codes
//! by what a script would do next.

use connect_core::Error;

pub const GENERAL: u8 = 1;
/// Usage errors (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// No such application or account, or not connected yet.
pub const NOT_FOUND: u8 = 3;
/// The account must be connected again (refresh token or access token refused).
pub const RECONNECT: u8 = 4;
/// Factorial could not be reached, timed out, or answered something unreadable.
pub const NETWORK: u8 = 5;
/// The OS keychain is missing, locked or lacks a secret.
pub const KEYCHAIN: u8 = 6;
/// The authorization was denied, rejected, cancelled or timed out.
pub const AUTHORIZATION: u8 = 7;
/// The data folder could not be read or written.
pub const STORAGE: u8 = 8;

pub fn exit_for(error: &Error) -> u8 {
    exit_for_code(error.code())
}

/// Maps an engine error code (also recorded in a pending authorization's outcome) to an exit code.
pub fn exit_for_code(code: &str) -> u8 {
    match code {
        "invalid_input" | "app_exists" | "account_ambiguous" => USAGE,
        "app_not_found" | "account_not_found" | "not_connected" => NOT_FOUND,
        "reconnect_needed" | "not_refreshable" => RECONNECT,
        "network" | "bad_response" => NETWORK,
        "keychain" | "secret_missing" => KEYCHAIN,
        "callback_rejected" | "provider_refused" | "timed_out" | "no_browser" => AUTHORIZATION,
        "storage" => STORAGE,
        _ => GENERAL,
    }
}

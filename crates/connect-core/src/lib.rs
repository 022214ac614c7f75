//! Factorial Connect's engine: OAuth applications, authorization with PKCE, token exchange,
//! refresh, revoke and identity, a keychain vault and a shared registry. It knows nothing of Tauri
//! or any window, so the desktop shell and the CLI are thin layers over the same code, and all of
//! it is tested without a display.

pub mod account_lock;
pub mod app_profile;
pub mod browser;
pub mod callback;
pub mod engine;
pub mod environment;
pub mod error;
pub mod files;
/// Entries for the fuzzers and their corpus replay; not part of the engine's interface.
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod health;
pub mod identity;
pub mod keep_alive;
pub mod keeper;
pub mod lock_file;
pub mod paths;
pub mod provider;
pub mod registry;
pub mod secret;
pub mod share;
pub mod token_set;
pub mod vault;
pub mod watch;

pub use engine::{AnswerSource, AuthorizationStart, Connected, Engine, Settings};
pub use error::{CallbackError, Error, ErrorCode, Result};
pub use health::AttentionReason;
pub use secret::Secret;

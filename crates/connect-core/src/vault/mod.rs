//! Every secret Factorial Connect holds, in the OS keychain and nowhere else.
//!
//! [`SecretStore`] is the keychain seen as a map of named strings; [`KeychainStore`] is the real
//! one (`keyring`: Secret Service, macOS Keychain, Windows Credential Manager) and [`MemoryStore`]
//! a fake for unit tests. [`Vault`] names the entries and keeps their layout:
//!
//! | entry                                  | holds                                    |
//! |----------------------------------------|------------------------------------------|
//! | `app:<app id>:client-secret`           | the client secret                        |
//! | `app:<app id>:account:<id>:tokens`     | access + refresh token and expiry (JSON) |
//! | `pending:<state hash>:pkce-verifier`   | the PKCE verifier of a pending request   |
//! | `app:<app id>:account:<id>:share-login` | the login (token or AppRole secret ID) of the secrets manager its token is shared with |
//!
//! A token bundle is one entry so that replacing it after a rotating refresh is a single write: a
//! reader sees the old pair or the new pair, never half of each. Windows' Credential Manager holds at
//! most 2,560 bytes per entry (1,280 UTF-16 units), so a longer value is split into numbered
//! chunk entries written first, then published by rewriting the head entry; old chunks are removed
//! last. There is no plaintext fallback: a missing or locked keychain is an error that says what to do.

mod chunks;
mod keychain_store;
mod memory;
mod store;
mod watchdog;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::{ErrorCode, Result, SecretKind};
use crate::secret::Secret;
use crate::token_set::TokenSet;
use chunks::{Inner, WINDOWS_MAX_UNITS};

pub use keychain_store::KeychainStore;
pub use memory::MemoryStore;
pub use store::SecretStore;
pub use watchdog::KeychainCall;

/// How long one keychain call may take before it counts as not answering. A locked collection can
/// make the Secret Service open an unlock dialog that nobody answers; a person who does answer it
/// needs some time to type a password.
pub const DEFAULT_KEYCHAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// The named secrets of Factorial Connect over a [`SecretStore`].
///
/// Every call runs on a helper thread under a watchdog: a keychain that does not answer becomes a
/// clear error ([`KeychainProblem::NotResponding`]) after the timeout instead of hanging the
/// command or the window. The stuck call is abandoned on its thread; calls after it queue behind it
/// (one conversation at a time) and time out the same way until the keychain answers again.
pub struct Vault {
    inner: Arc<Inner>,
    timeout: Duration,
}

impl Vault {
    pub fn new(store: impl SecretStore + 'static) -> Self {
        let max = if cfg!(windows) {
            WINDOWS_MAX_UNITS
        } else {
            usize::MAX
        };
        Self::with_entry_limit(store, max)
    }

    /// A vault that splits values longer than `max_entry_units` UTF-16 units (tests use a small
    /// limit).
    pub fn with_entry_limit(store: impl SecretStore + 'static, max_entry_units: usize) -> Self {
        Vault {
            inner: Arc::new(Inner {
                store: Box::new(store),
                max_entry_units: max_entry_units.max(16),
                serial: Mutex::new(()),
            }),
            timeout: DEFAULT_KEYCHAIN_TIMEOUT,
        }
    }

    /// The same vault with another watchdog timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn client_secret(&self, app_id: &str) -> Result<Option<Secret>> {
        let key = client_secret_key(app_id);
        self.call(move |v| v.read(&key))
    }

    pub fn set_client_secret(&self, app_id: &str, secret: &Secret) -> Result<()> {
        let (key, value) = (client_secret_key(app_id), secret.clone());
        self.call(move |v| v.write(&key, &value))
    }

    pub fn tokens(&self, app_id: &str, account_id: &str) -> Result<Option<TokenSet>> {
        let key = tokens_key(app_id, account_id);
        match self.call(move |v| v.read(&key))? {
            None => Ok(None),
            Some(raw) => TokenSet::from_vault_json(&raw).map(Some).ok_or(
                ErrorCode::SecretMissing {
                    secret: SecretKind::Tokens,
                }
                .into(),
            ),
        }
    }

    pub fn set_tokens(&self, app_id: &str, account_id: &str, tokens: &TokenSet) -> Result<()> {
        let (key, value) = (tokens_key(app_id, account_id), tokens.to_vault_json());
        self.call(move |v| v.write(&key, &value))
    }

    pub fn delete_tokens(&self, app_id: &str, account_id: &str) -> Result<()> {
        let key = tokens_key(app_id, account_id);
        self.call(move |v| v.remove(&key))
    }

    /// The secrets manager login of the account's sharing.
    pub fn share_login(&self, app_id: &str, account_id: &str) -> Result<Option<Secret>> {
        let key = share_login_key(app_id, account_id);
        self.call(move |v| v.read(&key))
    }

    pub fn set_share_login(&self, app_id: &str, account_id: &str, login: &Secret) -> Result<()> {
        let (key, value) = (share_login_key(app_id, account_id), login.clone());
        self.call(move |v| v.write(&key, &value))
    }

    pub fn delete_share_login(&self, app_id: &str, account_id: &str) -> Result<()> {
        let key = share_login_key(app_id, account_id);
        self.call(move |v| v.remove(&key))
    }

    pub fn pkce_verifier(&self, state_hash: &str) -> Result<Option<Secret>> {
        let key = verifier_key(state_hash);
        self.call(move |v| v.read(&key))
    }

    pub fn set_pkce_verifier(&self, state_hash: &str, verifier: &Secret) -> Result<()> {
        let (key, value) = (verifier_key(state_hash), verifier.clone());
        self.call(move |v| v.write(&key, &value))
    }

    pub fn delete_pkce_verifier(&self, state_hash: &str) -> Result<()> {
        self.start_deleting_pkce_verifier(state_hash).wait()
    }

    /// Deletes the verifier while the caller goes on (an exchange with Factorial): a keychain
    /// that saves its file on each change takes longer to delete than to read.
    pub fn start_deleting_pkce_verifier(&self, state_hash: &str) -> KeychainCall<()> {
        let key = verifier_key(state_hash);
        self.spawn(move |v| v.remove(&key))
    }

    /// Removes the application's client secret and the tokens of the given accounts.
    pub fn delete_app(&self, app_id: &str, account_ids: &[String]) -> Result<()> {
        let mut keys: Vec<String> = account_ids
            .iter()
            .flat_map(|account| {
                [
                    tokens_key(app_id, account),
                    share_login_key(app_id, account),
                ]
            })
            .collect();
        keys.push(client_secret_key(app_id));
        self.call(move |v| keys.iter().try_for_each(|k| v.remove(k)))
    }
}

fn client_secret_key(app_id: &str) -> String {
    format!("app:{app_id}:client-secret")
}

fn tokens_key(app_id: &str, account_id: &str) -> String {
    format!("app:{app_id}:account:{account_id}:tokens")
}

fn share_login_key(app_id: &str, account_id: &str) -> String {
    format!("app:{app_id}:account:{account_id}:share-login")
}

fn verifier_key(state_hash: &str) -> String {
    format!("pending:{state_hash}:pkce-verifier")
}

#[cfg(test)]
mod tests;

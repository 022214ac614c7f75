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
//!
//! A token bundle is one entry so that replacing it after a rotating refresh is a single write: a
//! reader sees the old pair or the new pair, never half of each. Windows' Credential Manager holds at
//! most 2,560 bytes per entry (1,280 UTF-16 characters), so a longer value is split into numbered
//! chunk entries written first, then published by rewriting the head entry; old chunks are removed
//! last. There is no plaintext fallback: a missing or locked keychain is an error that says what to do.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result, keychain_error};
use crate::secret::Secret;
use crate::token_set::TokenSet;

/// The keychain as a map of named secrets.
pub trait SecretStore: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<Secret>>;
    fn set(&self, key: &str, value: &Secret) -> Result<()>;
    /// Deleting an absent entry is not an error.
    fn delete(&self, key: &str) -> Result<()>;
}

/// The OS keychain, through `keyring`. `service` separates release, development and test data.
#[derive(Debug, Clone)]
pub struct KeychainStore {
    service: String,
}

impl KeychainStore {
    pub fn new(service: impl Into<String>) -> Self {
        KeychainStore {
            service: service.into(),
        }
    }

    /// The keychain service name of this build: a debug build never touches a release build's
    /// secrets. `FACTORIAL_CONNECT_KEYCHAIN_SERVICE` overrides it (tests use a unique one).
    pub fn default_service() -> String {
        if let Ok(s) = std::env::var("FACTORIAL_CONNECT_KEYCHAIN_SERVICE")
            && !s.trim().is_empty()
        {
            return s;
        }
        if cfg!(debug_assertions) {
            "factorial-connect-dev".to_string()
        } else {
            "factorial-connect".to_string()
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, key).map_err(keychain_error)
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, key: &str) -> Result<Option<Secret>> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, key: &str, value: &Secret) -> Result<()> {
        self.entry(key)?
            .set_password(value.expose())
            .map_err(keychain_error)
    }

    fn delete(&self, key: &str) -> Result<()> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// An in-memory store for unit tests and benchmarks; it forgets everything when dropped.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    entries: Arc<Mutex<HashMap<String, String>>>,
}

impl MemoryStore {
    /// Names of the entries present, sorted (tests assert on the layout).
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.lock().keys().cloned().collect();
        keys.sort();
        keys
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A panic while holding this lock leaves plain data behind; keep using it.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<Secret>> {
        Ok(self.lock().get(key).map(|v| Secret::new(v.clone())))
    }
    fn set(&self, key: &str, value: &Secret) -> Result<()> {
        self.lock()
            .insert(key.to_string(), value.expose().to_string());
        Ok(())
    }
    fn delete(&self, key: &str) -> Result<()> {
        self.lock().remove(key);
        Ok(())
    }
}

const CHUNK_MARKER: &str = "factorial-connect-chunks:v1:";

/// Windows' Credential Manager limit in characters, with room to spare.
const WINDOWS_MAX_CHARS: usize = 1200;

/// The named secrets of Factorial Connect over a [`SecretStore`].
pub struct Vault {
    store: Box<dyn SecretStore>,
    max_entry_chars: usize,
    /// One keychain conversation at a time: several at once can prompt the user several times.
    serial: Mutex<()>,
}

impl Vault {
    pub fn new(store: impl SecretStore + 'static) -> Self {
        let max = if cfg!(windows) {
            WINDOWS_MAX_CHARS
        } else {
            usize::MAX
        };
        Self::with_entry_limit(store, max)
    }

    /// A vault that splits values longer than `max_entry_chars` (tests use a small limit).
    pub fn with_entry_limit(store: impl SecretStore + 'static, max_entry_chars: usize) -> Self {
        Vault {
            store: Box::new(store),
            max_entry_chars: max_entry_chars.max(16),
            serial: Mutex::new(()),
        }
    }

    pub fn client_secret(&self, app_id: &str) -> Result<Option<Secret>> {
        self.read(&client_secret_key(app_id))
    }

    pub fn set_client_secret(&self, app_id: &str, secret: &Secret) -> Result<()> {
        self.write(&client_secret_key(app_id), secret)
    }

    pub fn tokens(&self, app_id: &str, account_id: &str) -> Result<Option<TokenSet>> {
        match self.read(&tokens_key(app_id, account_id))? {
            None => Ok(None),
            Some(raw) => TokenSet::from_vault_json(&raw)
                .map(Some)
                .ok_or(Error::SecretMissing {
                    what: "token of this account",
                    remedy: "Connect the account again.",
                }),
        }
    }

    pub fn set_tokens(&self, app_id: &str, account_id: &str, tokens: &TokenSet) -> Result<()> {
        self.write(&tokens_key(app_id, account_id), &tokens.to_vault_json())
    }

    pub fn delete_tokens(&self, app_id: &str, account_id: &str) -> Result<()> {
        self.remove(&tokens_key(app_id, account_id))
    }

    pub fn pkce_verifier(&self, state_hash: &str) -> Result<Option<Secret>> {
        self.read(&verifier_key(state_hash))
    }

    pub fn set_pkce_verifier(&self, state_hash: &str, verifier: &Secret) -> Result<()> {
        self.write(&verifier_key(state_hash), verifier)
    }

    pub fn delete_pkce_verifier(&self, state_hash: &str) -> Result<()> {
        self.remove(&verifier_key(state_hash))
    }

    /// Removes the application's client secret and the tokens of the given accounts.
    pub fn delete_app(&self, app_id: &str, account_ids: &[String]) -> Result<()> {
        for account in account_ids {
            self.delete_tokens(app_id, account)?;
        }
        self.remove(&client_secret_key(app_id))
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        self.serial.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn read(&self, key: &str) -> Result<Option<Secret>> {
        let _one_at_a_time = self.guard();
        let Some(head) = self.store.get(key)? else {
            return Ok(None);
        };
        let Some((generation, count)) = parse_manifest(head.expose()) else {
            return Ok(Some(head));
        };
        let mut value = String::new();
        for i in 0..count {
            match self.store.get(&chunk_key(key, generation, i))? {
                Some(part) => value.push_str(part.expose()),
                None => {
                    return Err(Error::SecretMissing {
                        what: "part of a long secret",
                        remedy: "Connect the account again (or re-enter the client secret).",
                    });
                }
            }
        }
        Ok(Some(Secret::new(value)))
    }

    fn write(&self, key: &str, value: &Secret) -> Result<()> {
        let _one_at_a_time = self.guard();
        let previous = self
            .store
            .get(key)?
            .and_then(|head| parse_manifest(head.expose()));
        let chars: Vec<char> = value.expose().chars().collect();
        if chars.len() <= self.max_entry_chars && !value.expose().starts_with(CHUNK_MARKER) {
            self.store.set(key, value)?;
        } else {
            let generation = previous.map_or(1, |(g, _)| g.wrapping_add(1));
            let parts: Vec<String> = chars
                .chunks(self.max_entry_chars)
                .map(|c| c.iter().collect())
                .collect();
            for (i, part) in parts.iter().enumerate() {
                self.store
                    .set(&chunk_key(key, generation, i), &Secret::new(part.clone()))?;
            }
            let manifest = format!("{CHUNK_MARKER}{generation}:{}", parts.len());
            self.store.set(key, &Secret::new(manifest))?;
        }
        // The new value is published; only now may the previous generation's chunks go.
        if let Some((generation, count)) = previous {
            for i in 0..count {
                self.store.delete(&chunk_key(key, generation, i))?;
            }
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<()> {
        let _one_at_a_time = self.guard();
        let previous = self
            .store
            .get(key)?
            .and_then(|head| parse_manifest(head.expose()));
        self.store.delete(key)?;
        if let Some((generation, count)) = previous {
            for i in 0..count {
                self.store.delete(&chunk_key(key, generation, i))?;
            }
        }
        Ok(())
    }
}

fn client_secret_key(app_id: &str) -> String {
    format!("app:{app_id}:client-secret")
}

fn tokens_key(app_id: &str, account_id: &str) -> String {
    format!("app:{app_id}:account:{account_id}:tokens")
}

fn verifier_key(state_hash: &str) -> String {
    format!("pending:{state_hash}:pkce-verifier")
}

fn chunk_key(key: &str, generation: u32, index: usize) -> String {
    format!("{key}#{generation}.{index}")
}

fn parse_manifest(head: &str) -> Option<(u32, usize)> {
    let rest = head.strip_prefix(CHUNK_MARKER)?;
    let (generation, count) = rest.split_once(':')?;
    Some((generation.parse().ok()?, count.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_one_entry() {
        let store = MemoryStore::default();
        let vault = Vault::new(store.clone());
        vault
            .set_client_secret("a1", &Secret::new("s3cret"))
            .unwrap();
        assert_eq!(store.keys(), vec!["app:a1:client-secret"]);
        assert_eq!(
            vault.client_secret("a1").unwrap().unwrap().expose(),
            "s3cret"
        );
        vault.delete_app("a1", &[]).unwrap();
        assert!(store.keys().is_empty());
        assert!(vault.client_secret("a1").unwrap().is_none());
    }

    #[test]
    fn long_values_are_split_and_replaced_without_leftovers() {
        let store = MemoryStore::default();
        let vault = Vault::with_entry_limit(store.clone(), 16);
        let long = "x".repeat(40) + "é-end";
        vault
            .set_client_secret("a", &Secret::new(long.clone()))
            .unwrap();
        assert_eq!(store.keys().len(), 1 + 3, "{:?}", store.keys());
        assert_eq!(vault.client_secret("a").unwrap().unwrap().expose(), long);

        let longer = "y".repeat(70);
        vault
            .set_client_secret("a", &Secret::new(longer.clone()))
            .unwrap();
        assert_eq!(
            store.keys().len(),
            1 + 5,
            "old chunks left: {:?}",
            store.keys()
        );
        assert_eq!(vault.client_secret("a").unwrap().unwrap().expose(), longer);

        vault.set_client_secret("a", &Secret::new("short")).unwrap();
        assert_eq!(store.keys(), vec!["app:a:client-secret"]);
        vault.delete_app("a", &[]).unwrap();
        assert!(store.keys().is_empty());
    }

    #[test]
    fn a_missing_chunk_is_a_clear_error_not_garbage() {
        let store = MemoryStore::default();
        let vault = Vault::with_entry_limit(store.clone(), 16);
        vault
            .set_client_secret("a", &Secret::new("z".repeat(40)))
            .unwrap();
        store.delete("app:a:client-secret#1.1").unwrap();
        let err = vault.client_secret("a").unwrap_err();
        assert_eq!(err.code(), "secret_missing");
    }
}

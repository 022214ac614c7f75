//! The real keychain, through `keyring`, and on Linux a connection made again when the Secret
//! Service restarts.

use super::SecretStore;
use crate::error::{Result, keychain_error};
use crate::secret::Secret;

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
    /// secrets. `FACTORIAL_CONNECT_KEYCHAIN_SERVICE` overrides it in every build: with
    /// `FACTORIAL_CONNECT_DATA_DIR`, a second setup kept apart (a user need, see the README; tests
    /// and the benchmark use it the same way).
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

    /// Runs `op` on the entry `key`. On Linux, a call that fails for want of a working connection
    /// to the Secret Service connects again and is tried once more: the keychain may have started
    /// after us, or restarted (a crash, a new login) and forgotten our session.
    fn with_entry<T>(
        &self,
        key: &str,
        op: impl Fn(&keychain_entry::Entry) -> keyring::Result<T>,
    ) -> keyring::Result<T> {
        let first = keychain_entry::new(&self.service, key).and_then(|entry| op(&entry));
        match first {
            Err(e) if keychain_entry::reconnect_after(&e) => {
                keychain_entry::new(&self.service, key).and_then(|entry| op(&entry))
            }
            other => other,
        }
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, key: &str) -> Result<Option<Secret>> {
        match self.with_entry(key, |e| e.get_password()) {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, key: &str, value: &Secret) -> Result<()> {
        self.with_entry(key, |e| e.set_password(value.expose()))
            .map_err(keychain_error)
    }

    fn delete(&self, key: &str) -> Result<()> {
        match self.with_entry(key, |e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// Linux: keyring's own Secret Service store, held by us so that it can be replaced by a new
/// connection. keyring 4 makes its store once per process: had the first connection failed, or
/// the keychain restarted since, every later call would fail until the app restarted.
#[cfg(all(unix, not(target_os = "macos")))]
mod keychain_entry {
    pub use keyring_core::Entry;

    /// The entry, connecting first if no connection is up.
    pub fn new(service: &str, key: &str) -> keyring::Result<Entry> {
        if keyring_core::get_default_store().is_none() {
            connect()?;
        }
        Entry::new(service, key)
    }

    /// After `error`, connects again and says whether to try once more: for a missing or broken
    /// connection only. A locked keychain or a refusal is the admin's answer, and asking again
    /// would show a second unlock prompt.
    pub fn reconnect_after(error: &keyring::Error) -> bool {
        let broken = match error {
            keyring::Error::NoDefaultStore => true,
            keyring::Error::PlatformFailure(inner) => {
                let said = inner.to_string().to_ascii_lowercase();
                !(said.contains("locked") || said.contains("dismissed"))
            }
            _ => false,
        };
        broken && connect().is_ok()
    }

    fn connect() -> keyring::Result<()> {
        let store = zbus_secret_service_keyring_store::Store::new()?;
        keyring_core::set_default_store(store);
        Ok(())
    }
}

/// Windows and macOS: their keychains are part of the system and never restart under us, so
/// keyring's own once-per-process store does.
#[cfg(not(all(unix, not(target_os = "macos"))))]
mod keychain_entry {
    pub use keyring::Entry;

    pub fn new(service: &str, key: &str) -> keyring::Result<Entry> {
        Entry::new(service, key)
    }

    pub fn reconnect_after(_: &keyring::Error) -> bool {
        false
    }
}

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
//! most 2,560 bytes per entry (1,280 UTF-16 units), so a longer value is split into numbered
//! chunk entries written first, then published by rewriting the head entry; old chunks are removed
//! last. There is no plaintext fallback: a missing or locked keychain is an error that says what to do.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::{ErrorCode, KeychainProblem, Result, SecretKind, keychain, keychain_error};
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

/// Windows' Credential Manager limit, with room to spare: keyring stores a value as UTF-16, and an
/// entry holds at most 2,560 bytes, so 1,280 UTF-16 units (a character outside the Basic
/// Multilingual Plane, an emoji say, takes two).
const WINDOWS_MAX_UNITS: usize = 1200;

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

struct Inner {
    store: Box<dyn SecretStore>,
    /// The most UTF-16 units one entry may hold.
    max_entry_units: usize,
    /// One keychain conversation at a time: several at once can prompt the user several times.
    serial: Mutex<()>,
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
            .map(|account| tokens_key(app_id, account))
            .collect();
        keys.push(client_secret_key(app_id));
        self.call(move |v| keys.iter().try_for_each(|k| v.remove(k)))
    }

    /// Runs `op` on a helper thread and waits at most the timeout for it.
    fn call<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Inner) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        self.spawn(op).wait()
    }

    /// Starts `op` on a helper thread; its answer is waited for (under the timeout) only when the
    /// caller asks, so the keychain can work while the caller does something else.
    fn spawn<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Inner) -> Result<T> + Send + 'static,
    ) -> KeychainCall<T> {
        let inner = Arc::clone(&self.inner);
        let (answer, answered) = std::sync::mpsc::sync_channel(1);
        // A call that timed out while queued behind a stuck one must not run later, when the
        // keychain wakes up: its caller has moved on (and may have revoked what it would write).
        let abandoned = Arc::new(AtomicBool::new(false));
        let given_up = Arc::clone(&abandoned);
        let started = std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                let _one_at_a_time = inner.serial.lock().unwrap_or_else(|p| p.into_inner());
                if given_up.load(Ordering::SeqCst) {
                    return;
                }
                // The waiter may have given up meanwhile; then nobody needs the answer.
                let _ = answer.send(op(&inner));
            })
            .map(|_| answered)
            .map_err(|e| {
                keychain(
                    KeychainProblem::Other,
                    format!("could not start the keychain thread: {e}"),
                )
            });
        KeychainCall {
            answered: started,
            abandoned,
            timeout: self.timeout,
        }
    }
}

/// A keychain call under way on its helper thread (see [`Vault::spawn`]).
pub struct KeychainCall<T> {
    answered: Result<std::sync::mpsc::Receiver<Result<T>>>,
    abandoned: Arc<AtomicBool>,
    timeout: Duration,
}

impl<T> KeychainCall<T> {
    /// Its answer, or [`KeychainProblem::NotResponding`] once the timeout has passed.
    pub fn wait(self) -> Result<T> {
        match self.answered?.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => {
                self.abandoned.store(true, Ordering::SeqCst);
                Err(keychain(
                    KeychainProblem::NotResponding,
                    format!("no answer within {} s", self.timeout.as_secs()),
                ))
            }
            Err(RecvTimeoutError::Disconnected) => Err(keychain(
                KeychainProblem::Other,
                "the keychain call failed without an answer",
            )),
        }
    }
}

impl Inner {
    fn read(&self, key: &str) -> Result<Option<Secret>> {
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
                    return Err(ErrorCode::SecretMissing {
                        secret: SecretKind::SecretPart,
                    }
                    .into());
                }
            }
        }
        Ok(Some(Secret::new(value)))
    }

    fn write(&self, key: &str, value: &Secret) -> Result<()> {
        let previous = self
            .store
            .get(key)?
            .and_then(|head| parse_manifest(head.expose()));
        let text = value.expose();
        if text.encode_utf16().count() <= self.max_entry_units && !text.starts_with(CHUNK_MARKER) {
            self.store.set(key, value)?;
        } else {
            let generation = previous.map_or(1, |(g, _)| g.wrapping_add(1));
            let parts = split_by_units(text, self.max_entry_units);
            for (i, part) in parts.iter().enumerate() {
                self.store
                    .set(&chunk_key(key, generation, i), &Secret::new(part.clone()))?;
            }
            let manifest = format!("{CHUNK_MARKER}{generation}:{}", parts.len());
            self.store.set(key, &Secret::new(manifest))?;
        }
        // The new value is published; only now may the previous generation's chunks go. The write
        // has succeeded whatever happens here: a leftover chunk is untidy, never wrong.
        if let Some((generation, count)) = previous {
            for i in 0..count {
                let _ = self.store.delete(&chunk_key(key, generation, i));
            }
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<()> {
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

/// `text` in pieces of at most `max_units` UTF-16 units each, never splitting a character.
fn split_by_units(text: &str, max_units: usize) -> Vec<String> {
    let (mut parts, mut part, mut units) = (Vec::new(), String::new(), 0);
    for c in text.chars() {
        if units + c.len_utf16() > max_units {
            parts.push(std::mem::take(&mut part));
            units = 0;
        }
        units += c.len_utf16();
        part.push(c);
    }
    parts.push(part);
    parts
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
    // A tampered head must not make us read thousands of entries: real values need a handful.
    let count: usize = count.parse().ok()?;
    (count <= 64).then_some(())?;
    Some((generation.parse().ok()?, count))
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

    /// The limit is Windows' (bytes of UTF-16), not characters: a secret of characters that take
    /// two UTF-16 units each must not make an entry twice too big.
    #[test]
    fn chunks_are_measured_in_utf16_units() {
        let store = MemoryStore::default();
        let vault = Vault::with_entry_limit(store.clone(), 16);
        let wide = "😀".repeat(12) + "abc" + &"é".repeat(20);
        vault
            .set_client_secret("a", &Secret::new(wide.clone()))
            .unwrap();
        let chunks: Vec<String> = store
            .keys()
            .into_iter()
            .filter(|k| k.contains('#'))
            .collect();
        assert!(chunks.len() >= 3, "{chunks:?}");
        for key in &chunks {
            let part = store.get(key).unwrap().unwrap();
            let units = part.expose().encode_utf16().count();
            assert!(units <= 16, "{key} holds {units} UTF-16 units");
        }
        assert_eq!(vault.client_secret("a").unwrap().unwrap().expose(), wide);
        // Exactly at the limit stays one entry; one unit more is split.
        vault
            .set_client_secret("b", &Secret::new("😀".repeat(8)))
            .unwrap();
        assert!(
            !store
                .keys()
                .iter()
                .any(|k| k.starts_with("app:b:client-secret#"))
        );
        vault
            .set_client_secret("b", &Secret::new("😀".repeat(8) + "x"))
            .unwrap();
        assert!(
            store
                .keys()
                .iter()
                .any(|k| k.starts_with("app:b:client-secret#"))
        );
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
        assert_eq!(
            *err.code(),
            ErrorCode::SecretMissing {
                secret: SecretKind::SecretPart
            }
        );
    }

    /// A store that never answers, like a Secret Service waiting on an unlock dialog.
    struct Hanging;
    impl SecretStore for Hanging {
        fn get(&self, _: &str) -> Result<Option<Secret>> {
            std::thread::sleep(Duration::from_secs(3600));
            Ok(None)
        }
        fn set(&self, _: &str, _: &Secret) -> Result<()> {
            std::thread::sleep(Duration::from_secs(3600));
            Ok(())
        }
        fn delete(&self, _: &str) -> Result<()> {
            Ok(())
        }
    }

    /// A store whose first `get` blocks until released; it records every write.
    #[derive(Clone, Default)]
    struct Gated {
        open: Arc<(Mutex<bool>, std::sync::Condvar)>,
        writes: Arc<Mutex<Vec<String>>>,
    }
    impl SecretStore for Gated {
        fn get(&self, _: &str) -> Result<Option<Secret>> {
            let (lock, cv) = &*self.open;
            let mut open = lock.lock().unwrap_or_else(|p| p.into_inner());
            while !*open {
                open = cv.wait(open).unwrap_or_else(|p| p.into_inner());
            }
            Ok(None)
        }
        fn set(&self, key: &str, _: &Secret) -> Result<()> {
            self.writes.lock().unwrap().push(key.to_string());
            Ok(())
        }
        fn delete(&self, _: &str) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_call_given_up_on_never_runs_later() {
        let store = Gated::default();
        let vault = Vault::new(store.clone()).with_timeout(Duration::from_millis(100));
        assert!(vault.client_secret("a").is_err(), "the stuck read");
        assert!(
            vault.set_client_secret("a", &Secret::new("late")).is_err(),
            "the write queued behind it"
        );
        // The keychain wakes up: the abandoned write must not land now.
        *store.open.0.lock().unwrap() = true;
        store.open.1.notify_all();
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            store.writes.lock().unwrap().is_empty(),
            "a given-up write ran"
        );
        // And the vault works again.
        vault.set_client_secret("a", &Secret::new("now")).unwrap();
        assert_eq!(store.writes.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_keychain_that_does_not_answer_is_an_error_in_bounded_time() {
        let vault = Vault::new(Hanging).with_timeout(Duration::from_millis(200));
        let started = std::time::Instant::now();
        let err = vault.client_secret("a").unwrap_err();
        assert_eq!(
            *err.code(),
            ErrorCode::Keychain {
                problem: KeychainProblem::NotResponding
            }
        );
        // The next call queues behind the stuck one and is bounded too.
        let err = vault.set_client_secret("a", &Secret::new("s")).unwrap_err();
        assert!(matches!(err.code(), ErrorCode::Keychain { .. }), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

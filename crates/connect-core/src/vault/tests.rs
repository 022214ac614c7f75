use super::*;
use crate::error::KeychainProblem;

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

//! A keychain in memory, for unit tests and benchmarks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::SecretStore;
use crate::error::Result;
use crate::secret::Secret;

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

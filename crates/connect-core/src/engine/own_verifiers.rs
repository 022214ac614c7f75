//! The PKCE verifiers of the authorizations this process started, also kept in its memory. The
//! answer usually comes back to the process that asked (the window, or a waiting `authorize`),
//! which then exchanges the code without first reading the keychain. The keychain still holds each
//! verifier, for an answer that reaches another process or arrives after a restart; so this is only
//! a shortcut, and forgetting an entry loses nothing.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::secret::Secret;

/// More open requests than anyone makes: past it the memory starts again (the keychain has them).
const MOST: usize = 64;

#[derive(Default)]
pub(super) struct OwnVerifiers(Mutex<HashMap<String, Secret>>);

impl OwnVerifiers {
    pub fn keep(&self, state_hash: &str, verifier: &Secret) {
        let mut kept = self.lock();
        if kept.len() >= MOST {
            kept.clear();
        }
        kept.insert(state_hash.to_string(), verifier.clone());
    }

    /// The verifier, which is single-use: it is forgotten here as it is given.
    pub fn take(&self, state_hash: &str) -> Option<Secret> {
        self.lock().remove(state_hash)
    }

    pub fn forget(&self, state_hash: &str) {
        self.lock().remove(state_hash);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        // Plain data: a panic while it was held leaves nothing half-done.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verifier_is_given_once_and_the_memory_stays_small() {
        let own = OwnVerifiers::default();
        own.keep("a", &Secret::new("verifier-a"));
        assert_eq!(
            own.take("a").map(|v| v.expose().to_string()),
            Some("verifier-a".into())
        );
        assert!(own.take("a").is_none(), "given twice");
        for i in 0..=MOST {
            own.keep(&format!("h{i}"), &Secret::new("v"));
        }
        assert!(own.lock().len() <= MOST);
        assert!(
            own.take(&format!("h{MOST}")).is_some(),
            "the newest is kept"
        );
    }
}

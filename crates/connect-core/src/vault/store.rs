//! The keychain as the vault sees it: a map of named strings.

use crate::error::Result;
use crate::secret::Secret;

/// The keychain as a map of named secrets.
pub trait SecretStore: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<Secret>>;
    fn set(&self, key: &str, value: &Secret) -> Result<()>;
    /// Deleting an absent entry is not an error.
    fn delete(&self, key: &str) -> Result<()>;
}

//! One refresh of an account at a time, across every process on the machine.
//!
//! Refresh tokens rotate: if the window and a script refreshed the same account at once, one of them
//! would spend a refresh token the other had just replaced. An exclusive lock on a small file per
//! account (released by the OS if the holder dies) makes the second one wait, then find the tokens
//! already fresh. Revoke, forget, removing the application and storing a new connection take the
//! same lock, so none of them can interleave with a refresh.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::error::{BusyWith, Error, ErrorCode, Result};
use crate::lock_file;
use crate::registry::create_private_dir;

/// Held while refreshing; dropping it releases the lock.
#[derive(Debug)]
pub struct AccountLock {
    _file: File,
}

impl AccountLock {
    /// Waits up to `wait` for the account's lock.
    pub async fn acquire(
        data_dir: &Path,
        app_id: &str,
        account_id: &str,
        wait: Duration,
    ) -> Result<Self> {
        let dir = data_dir.join("locks");
        create_private_dir(&dir)?;
        // Account ids are already file-safe; hashing keeps any future id from escaping the folder.
        let name = hex(&Sha256::digest(format!("{app_id}\n{account_id}").as_bytes())[..12]);
        let path = dir.join(format!("{name}.lock"));
        let file = lock_file::open(&path).map_err(|e| Error::opening(&path, e))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(AccountLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(ErrorCode::Busy {
                        holder: BusyWith::Account,
                        waited_secs: wait.as_secs(),
                    }
                    .into());
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::storage(&path, e)),
            }
        }
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_second_holder_waits_then_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let first = AccountLock::acquire(dir.path(), "a", "u", Duration::from_secs(1))
            .await
            .unwrap();
        let err = AccountLock::acquire(dir.path(), "a", "u", Duration::from_millis(200))
            .await
            .unwrap_err();
        assert_eq!(
            *err.code(),
            ErrorCode::Busy {
                holder: BusyWith::Account,
                waited_secs: 0
            }
        );
        assert!(
            AccountLock::acquire(dir.path(), "a", "other", Duration::ZERO)
                .await
                .is_ok()
        );
        drop(first);
        assert!(
            AccountLock::acquire(dir.path(), "a", "u", Duration::ZERO)
                .await
                .is_ok()
        );
    }
}

//! Every keychain call on a helper thread under a watchdog: a keychain that does not answer (an
//! unlock dialog nobody answers) becomes a clear error instead of a hang.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use super::Vault;
use super::chunks::Inner;
use crate::error::{KeychainProblem, Result, keychain};

impl Vault {
    /// Runs `op` on a helper thread and waits at most the timeout for it.
    pub(super) fn call<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Inner) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        self.spawn(op).wait()
    }

    /// Starts `op` on a helper thread; its answer is waited for (under the timeout) only when the
    /// caller asks, so the keychain can work while the caller does something else.
    pub(super) fn spawn<T: Send + 'static>(
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

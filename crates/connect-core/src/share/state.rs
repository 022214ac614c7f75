//! What the registry keeps of an account's sharing: where, what was last published, and the last
//! failure with when to try again. No secret: the login's is in the keychain.

use serde::{Deserialize, Serialize};

use super::{Destination, ShareProblem};

/// The longest wait between two tries after failures; as the keep-alive's.
pub const MAX_RETRY_SECS: u64 = crate::keep_alive::MAX_RETRY_SECS;

/// An account's sharing with a secrets manager.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharing {
    pub destination: Destination,
    /// This copy's name in what it writes ([`super::PublishedToken::writer`]).
    pub writer: String,
    /// The version this app last wrote, once it has.
    #[serde(default)]
    pub version: Option<u64>,
    /// When it was written.
    #[serde(default)]
    pub published_at: Option<u64>,
    /// When the pair it carries was obtained ([`crate::registry::AccountRecord::obtained_at`]):
    /// a refresh since then makes it stale, however the clocks of the two fell.
    #[serde(default)]
    pub published_for: Option<u64>,
    /// Why the last try failed, while it has.
    #[serde(default)]
    pub failure: Option<ShareFailure>,
    /// Keepers on the server keep the account alive now: this computer no longer refreshes it,
    /// and reads its token where they publish it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_by: Option<KeptBy>,
}

/// Where an account handed over to keepers is kept.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptBy {
    /// Its private entry, `mount/path`, as the server's own tools name it.
    pub entry: String,
    /// When it was handed over.
    pub since: u64,
}

/// A failed publishing and when it is tried again.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareFailure {
    pub problem: ShareProblem,
    pub at: u64,
    /// Tries failed in a row.
    pub attempts: u32,
    /// When the keep-alive tries again; `None` when it does not by itself (someone else's
    /// version is there: the admin decides).
    pub retry_at: Option<u64>,
}

impl Sharing {
    /// Whether the account's pair, obtained at `obtained_at`, is not the one published yet.
    pub fn is_stale(&self, obtained_at: u64) -> bool {
        self.version.is_none() || self.published_for != Some(obtained_at)
    }

    /// Whether publishing has stopped until the admin shares again.
    pub fn is_stopped(&self) -> bool {
        self.failure.as_ref().is_some_and(|f| f.retry_at.is_none())
    }

    /// Whether the keep-alive should publish now.
    pub fn is_due(&self, obtained_at: u64, now: u64) -> bool {
        match &self.failure {
            Some(failure) => failure.retry_at.is_some_and(|at| at <= now),
            None => self.is_stale(obtained_at),
        }
    }

    /// Records a failure at `now`: someone else's version (or its removal, or an entry that
    /// was never ours) stops publishing; anything else is tried again, 30 s after the first
    /// failure, doubling, at most [`MAX_RETRY_SECS`] apart.
    pub fn failed(&mut self, problem: ShareProblem, now: u64) {
        let attempts = self
            .failure
            .as_ref()
            .map_or(0, |f| f.attempts)
            .saturating_add(1);
        let stops = matches!(
            problem,
            ShareProblem::WrittenByOthers { .. }
                | ShareProblem::RemovedByOthers { .. }
                | ShareProblem::PathTaken
        );
        let wait = 30u64
            .saturating_mul(1u64 << attempts.saturating_sub(1).min(10))
            .min(MAX_RETRY_SECS);
        self.failure = Some(ShareFailure {
            problem,
            at: now,
            attempts,
            retry_at: (!stops).then_some(now.saturating_add(wait)),
        });
    }

    /// `version` was written at `now`, carrying the pair obtained at `obtained_at`.
    pub fn published(&mut self, version: u64, now: u64, obtained_at: u64) {
        self.version = Some(version);
        self.published_at = Some(now);
        self.published_for = Some(obtained_at);
        self.failure = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::Login;

    fn sharing() -> Sharing {
        let destination =
            Destination::new("https://v.example", "secret", "p", None, None, Login::Token).unwrap();
        Sharing {
            destination,
            writer: "w".into(),
            version: None,
            published_at: None,
            published_for: None,
            failure: None,
            kept_by: None,
        }
    }

    #[test]
    fn failures_back_off_and_someone_elses_version_stops_publishing() {
        let mut s = sharing();
        assert!(s.is_due(100, 100));
        s.failed(ShareProblem::Unreachable, 100);
        assert_eq!(s.failure.as_ref().unwrap().retry_at, Some(130));
        assert!(!s.is_due(100, 129) && s.is_due(100, 130));
        s.failed(ShareProblem::Sealed, 130);
        assert_eq!(s.failure.as_ref().unwrap().retry_at, Some(190));
        for _ in 0..20 {
            s.failed(ShareProblem::Sealed, 1_000);
        }
        assert_eq!(
            s.failure.as_ref().unwrap().retry_at,
            Some(1_000 + MAX_RETRY_SECS)
        );
        s.published(3, 2_000, 1_990);
        assert!(!s.is_due(1_990, 5_000) && s.is_due(2_001, 2_001) && s.is_due(1_980, 2_001));
        s.failed(ShareProblem::WrittenByOthers { ours: 3, found: 4 }, 2_100);
        assert!(s.is_stopped() && !s.is_due(9_999, u64::MAX));
    }
}

//! Keeping user accounts connected without the admin: when each account's pair is refreshed, how
//! long its refresh token is believed to live, and a runner that does the due refreshes one at a
//! time, retrying network failures with backoff, and at once when Factorial answers again.
//!
//! Factorial's access tokens live an hour and its refresh tokens about a week, rotating on every
//! refresh; no answer says how long a refresh token lives, so that is kept per application. Times
//! are wall-clock Unix seconds, so a computer that slept simply finds the work due when it wakes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::app_profile::AppProfile;
use crate::engine::Engine;
use crate::error::{ErrorCode, Result};
use crate::health::AttentionReason;
use crate::registry::AccountRecord;

/// What a refresh token is believed to live when the application does not say otherwise.
pub const DEFAULT_REFRESH_LIFETIME_SECS: u64 = 7 * 86_400;

/// The longest wait between two tries after network failures.
pub const MAX_RETRY_SECS: u64 = 15 * 60;

/// When the keep-alive refreshes a pair obtained at `obtained_at`: three quarters into the shorter
/// of the access token's and the refresh token's lives, and up to a tenth of that life earlier for
/// some accounts (decided by `key`), so accounts connected together do not all refresh together.
/// `None` when there is nothing to keep alive (no refresh token, or a token that never expires).
pub fn due_at(
    obtained_at: u64,
    access_expires_at: Option<u64>,
    refresh_expires_at: Option<u64>,
    key: &str,
) -> Option<u64> {
    let ends = match (access_expires_at, refresh_expires_at) {
        (Some(a), Some(r)) => a.min(r),
        (None, Some(r)) => r,
        (_, None) => return None,
    };
    // In u128: exact for lives of a few seconds (test servers) and safe for absurd ones.
    let life = u128::from(ends.saturating_sub(obtained_at));
    let at = life * 3 / 4 - life * u128::from(jitter_tenths(key)) / 100;
    Some(obtained_at.saturating_add(u64::try_from(at).unwrap_or(u64::MAX)))
}

/// 0 to 9, stable for a key.
fn jitter_tenths(key: &str) -> u64 {
    use sha2::{Digest, Sha256};
    u64::from(Sha256::digest(key.as_bytes())[0] % 10)
}

impl AccountRecord {
    /// When the pair the registry mirrors was obtained.
    pub fn obtained_at(&self) -> u64 {
        self.refreshed_at.unwrap_or(self.connected_at)
    }

    /// When its refresh token is believed to stop working, for an account that has one.
    pub fn refresh_expires_at(&self, app: &AppProfile) -> Option<u64> {
        // Handed over: its refresh token is the keepers', renewed there, and none is here.
        (self.has_refresh_token && self.kept_by().is_none())
            .then(|| self.obtained_at().saturating_add(app.refresh_lifetime_secs))
    }

    /// When the keep-alive refreshes it next (see [`due_at`]).
    pub fn keep_alive_at(&self, app: &AppProfile) -> Option<u64> {
        due_at(
            self.obtained_at(),
            self.access_expires_at,
            self.refresh_expires_at(app),
            &self.id,
        )
    }
}

/// What the admin should hear about an account, once per change (the window's notifications).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Factorial refused the account (or new tokens could not be stored): connect it again.
    NeedsAdmin { reason: AttentionReason },
    /// The refresh token is in the last seventh of its life (a day of Factorial's week) and was
    /// not refreshed: the app was off, the keep-alive paused, or Factorial out of reach. After
    /// `at` the admin must connect again; using the account before then is enough.
    RefreshEndsSoon { at: u64 },
}

impl AccountRecord {
    /// The notice the account deserves at `now`, if any. A working keep-alive refreshes long
    /// before the last seventh of a refresh token's life, so `RefreshEndsSoon` means it did not.
    pub fn notice(&self, app: &AppProfile, now: u64) -> Option<Notice> {
        if let Some(reason) = self.needs_reconnect {
            return Some(Notice::NeedsAdmin { reason });
        }
        let at = self.refresh_expires_at(app)?;
        let left = u128::from(at.saturating_sub(now));
        (left * 7 < u128::from(app.refresh_lifetime_secs)).then_some(Notice::RefreshEndsSoon { at })
    }
}

/// An account the keep-alive looks after, and when its refresh is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub app_name: String,
    pub account_id: String,
    pub due_at: u64,
}

/// What a round of the keep-alive did. The window looks at the accounts afterwards instead (see its
/// `notices`); the engine's tests read these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeepAliveEvent {
    Refreshed {
        app_name: String,
        account_id: String,
    },
    /// Factorial refused the refresh (or its tokens could not be stored): the admin must connect
    /// the account again. The account is marked; the next round leaves it alone.
    NeedsAdmin {
        app_name: String,
        account_id: String,
        reason: AttentionReason,
    },
    /// Factorial or the keychain could not be used just now; tried again at `retry_at`. Never
    /// something the admin must clear: the account keeps its tokens and its health.
    WillRetry {
        app_name: String,
        account_id: String,
        retry_at: u64,
        error: ErrorCode,
    },
}

/// The runner: call [`KeepAlive::round`] every minute or so; it refreshes what is due.
#[derive(Default)]
pub struct KeepAlive {
    paused: AtomicBool,
    /// Per account ("app name/account id") that failed: how it is to be tried again.
    retry: Mutex<HashMap<String, Retry>>,
}

/// An account's failures in a row and when to try it again.
#[derive(Debug, Clone, Copy)]
struct Retry {
    failures: u32,
    at: u64,
    /// No connection could be made (offline, Wi-Fi not back after a sleep): the server never saw
    /// the request, so each round asks whether it answers again and, if so, tries at once instead
    /// of sitting out the backoff.
    unreached: bool,
}

impl KeepAlive {
    pub fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::SeqCst);
    }

    pub fn paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    /// Refreshes every account that is due, one at a time, each under its lock and checked again
    /// there (a script may have refreshed it a moment ago). Returns what happened.
    pub async fn round(&self, engine: &Engine) -> Vec<KeepAliveEvent> {
        if self.paused() {
            return Vec::new();
        }
        let Ok(plan) = engine.keep_alive_plan() else {
            // An unreadable registry is reported by everything else the window does.
            return Vec::new();
        };
        let mut events = Vec::new();
        // Whether each application's server answers, asked at most once a round.
        let mut answers: HashMap<String, bool> = HashMap::new();
        for due in plan {
            // Paused while a long round (after a sleep) is under way: stop at once.
            if self.paused() {
                break;
            }
            let now = engine.now();
            if due.due_at > now {
                continue;
            }
            let key = format!("{}/{}", due.app_name, due.account_id);
            if self
                .waits(engine, now, &key, &due.app_name, &mut answers)
                .await
            {
                continue;
            }
            let outcome = engine.refresh_if_due(&due.app_name, &due.account_id).await;
            events.extend(self.settle(engine, &key, due, outcome));
        }
        // After the refreshes, never before: each new token is then published, and a shared
        // account's failure waits for its own retry time (recorded with it, shown on its card).
        if !self.paused() {
            engine.publish_due().await;
        }
        events
    }

    /// Whether an account that failed lately is left until its retry time: always, unless the
    /// failure was Factorial out of reach and its server answers again now.
    async fn waits(
        &self,
        engine: &Engine,
        now: u64,
        key: &str,
        app_name: &str,
        answers: &mut HashMap<String, bool>,
    ) -> bool {
        let retry = self.retry_lock().get(key).copied();
        let Some(retry) = retry.filter(|r| r.at > now) else {
            return false;
        };
        if !retry.unreached {
            return true;
        }
        let answered = match answers.get(app_name) {
            Some(answered) => *answered,
            None => {
                let answered = engine.answers(app_name).await;
                answers.insert(app_name.to_string(), answered);
                answered
            }
        };
        !answered
    }

    /// What a refresh's outcome tells the window, and when the account is tried again.
    fn settle(
        &self,
        engine: &Engine,
        key: &str,
        due: Due,
        outcome: Result<bool>,
    ) -> Option<KeepAliveEvent> {
        let (app_name, account_id) = (due.app_name, due.account_id);
        let code = match outcome {
            Ok(refreshed) => {
                self.retry_lock().remove(key);
                return refreshed.then_some(KeepAliveEvent::Refreshed {
                    app_name,
                    account_id,
                });
            }
            Err(e) => e.code().clone(),
        };
        if let Some(reason) = needs_admin(&code) {
            self.retry_lock().remove(key);
            return Some(KeepAliveEvent::NeedsAdmin {
                app_name,
                account_id,
                reason,
            });
        }
        // Anything else is tried again later, never every round: Factorial out of reach passes by
        // itself; a regenerated secret or a missing keychain item waits for the admin, who sees it
        // on the next use. An account forgotten meanwhile simply leaves the plan.
        let unreached = matches!(code, ErrorCode::Network { .. });
        let retry_at = self.note_failure(key, engine.now(), unreached);
        Some(KeepAliveEvent::WillRetry {
            app_name,
            account_id,
            retry_at,
            error: code,
        })
    }

    /// Records one more failure in a row; answers when to try again (1, 2, 4 … minutes, at most
    /// [`MAX_RETRY_SECS`]).
    fn note_failure(&self, key: &str, now: u64, unreached: bool) -> u64 {
        let mut retry = self.retry_lock();
        let failures = retry.get(key).map_or(0, |r| r.failures) + 1;
        let wait = (60u64 << (failures - 1).min(10)).min(MAX_RETRY_SECS);
        let at = now.saturating_add(wait);
        retry.insert(
            key.to_string(),
            Retry {
                failures,
                at,
                unreached,
            },
        );
        at
    }

    fn retry_lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Retry>> {
        self.retry.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Refusals after which only the admin can help: the engine has marked the account, which leaves
/// the plan.
fn needs_admin(code: &ErrorCode) -> Option<AttentionReason> {
    match code {
        ErrorCode::ReconnectNeeded { .. } => Some(AttentionReason::Refused),
        ErrorCode::TokensNotSaved { .. } => Some(AttentionReason::TokensNotSaved),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_refreshed_three_quarters_into_its_shorter_life() {
        // An hour's access token and a week's refresh token: 45 minutes in, or up to 6 earlier.
        for key in ["a", "b", "c", "d", "e", "f"] {
            let due = due_at(1000, Some(1000 + 3600), Some(1000 + 7 * 86_400), key).unwrap();
            assert!((1000 + 2340..=1000 + 2700).contains(&due), "{key}: {due}");
        }
        // A refresh token that dies before the access token decides.
        let due = due_at(0, Some(3600), Some(40), "a").unwrap();
        assert!(due <= 30, "{due}");
        // Keys spread: not every account at the same second.
        let spread: std::collections::BTreeSet<u64> = (0..50)
            .filter_map(|n| due_at(0, Some(3600), Some(86_400), &format!("k{n}")))
            .collect();
        assert!(spread.len() > 5, "{spread:?}");
        // Nothing to keep alive without a refresh token.
        assert_eq!(due_at(0, Some(3600), None, "a"), None);
        assert_eq!(due_at(0, None, None, "a"), None);
        // Times from a broken clock never underflow.
        assert!(due_at(5000, Some(10), Some(20), "a").is_some());
        // Lives of a few seconds (test servers) keep their proportions.
        for key in ["a", "b", "c"] {
            let due = due_at(100, Some(103), Some(104), key).unwrap();
            assert_eq!(due, 102, "{key}");
        }
        assert_eq!(
            due_at(0, Some(u64::MAX), Some(u64::MAX), "a").map(|d| d > 0),
            Some(true)
        );
    }

    #[test]
    fn network_failures_back_off_to_a_ceiling() {
        let k = KeepAlive::default();
        let waits: Vec<u64> = (0..8).map(|_| k.note_failure("x", 0, false)).collect();
        assert_eq!(waits, [60, 120, 240, 480, 900, 900, 900, 900]);
        // Another account has its own count.
        assert_eq!(k.note_failure("y", 100, true), 160);
        assert_eq!(k.note_failure("z", u64::MAX - 5, false), u64::MAX);
    }

    #[test]
    fn only_refusals_need_the_admin() {
        assert_eq!(
            needs_admin(&ErrorCode::ReconnectNeeded { description: None }),
            Some(AttentionReason::Refused)
        );
        assert_eq!(needs_admin(&ErrorCode::Timeout { host: "h".into() }), None);
    }
}

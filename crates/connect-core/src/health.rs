//! How a connected account is doing, decided in one place for the CLI and the window alike: a
//! state and the times it depends on, never a sentence (each edge words it in its own language).
//! Also the one rule for how long a span of time reads ("42 min", "3 h"), as a count and a unit.

use serde::{Deserialize, Serialize};

use crate::registry::AccountRecord;

/// Within this many seconds of expiry, a token handed to a script may stop working mid-run.
pub const EXPIRES_SOON_SECS: u64 = 10 * 60;

/// An account's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Health {
    /// The access token works; a company token (`expires_at: None`) never expires.
    Works { expires_at: Option<u64> },
    /// Works, but for less than [`EXPIRES_SOON_SECS`]; the next use refreshes it first.
    ExpiresSoon { expires_at: u64 },
    /// Expired; the next use refreshes it.
    ExpiredWillRefresh { expired_at: u64 },
    /// The admin must connect the account again, and why.
    NeedsAdmin { reason: AttentionReason },
    /// Handed over to keepers on a server, who keep it alive (since then).
    Kept { since: u64 },
}

/// Why an account needs the admin. Factorial answers the same way for a revoked token, an expired
/// refresh token and changed scopes, so those are one reason, worded as what we saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AttentionReason {
    /// Factorial refused the refresh token or the access token.
    #[serde(alias = "reconnect_needed")]
    Refused,
    /// Factorial issued new tokens that the keychain would not store.
    #[serde(alias = "keychain")]
    TokensNotSaved,
    /// The access token expired and there is no refresh token.
    NotRefreshable,
}

impl AccountRecord {
    /// The account's state at `now` (Unix seconds), from what the registry mirrors: reading it
    /// never touches the keychain or the network.
    pub fn health(&self, now: u64) -> Health {
        if let Some(kept) = self.kept_by() {
            return Health::Kept { since: kept.since };
        }
        if let Some(reason) = self.needs_reconnect {
            return Health::NeedsAdmin { reason };
        }
        match self.access_expires_at {
            None => Health::Works { expires_at: None },
            Some(at) if at <= now => {
                if self.has_refresh_token {
                    Health::ExpiredWillRefresh { expired_at: at }
                } else {
                    Health::NeedsAdmin {
                        reason: AttentionReason::NotRefreshable,
                    }
                }
            }
            Some(at) if at <= now.saturating_add(EXPIRES_SOON_SECS) => {
                Health::ExpiresSoon { expires_at: at }
            }
            Some(at) => Health::Works {
                expires_at: Some(at),
            },
        }
    }
}

/// A unit a span of time is told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
}

/// A span of time as a person reads it: whole units, the largest that still says something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Span {
    pub count: u64,
    pub unit: TimeUnit,
}

/// The rule, as data so the window applies the very same one (it is exported to the page's
/// bindings): below `below` seconds, count in `unit`s of `secs_per_unit`. Seconds below 1 minute,
/// minutes below 2 hours, hours below 2 days, days beyond.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpanStep {
    pub below: u64,
    pub secs_per_unit: u64,
    pub unit: TimeUnit,
}

pub const SPAN_STEPS: [SpanStep; 4] = [
    SpanStep {
        below: 60,
        secs_per_unit: 1,
        unit: TimeUnit::Seconds,
    },
    SpanStep {
        below: 2 * 3600,
        secs_per_unit: 60,
        unit: TimeUnit::Minutes,
    },
    SpanStep {
        below: 2 * 86_400,
        secs_per_unit: 3600,
        unit: TimeUnit::Hours,
    },
    SpanStep {
        below: u64::MAX,
        secs_per_unit: 86_400,
        unit: TimeUnit::Days,
    },
];

/// `secs` in the largest unit that still says something (see [`SPAN_STEPS`]).
pub fn span(secs: u64) -> Span {
    let step = SPAN_STEPS
        .iter()
        .find(|s| secs < s.below)
        .unwrap_or(&SPAN_STEPS[SPAN_STEPS.len() - 1]);
    Span {
        count: secs / step.secs_per_unit,
        unit: step.unit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::AccountKind;

    fn account(expires: Option<u64>, refresh: bool) -> AccountRecord {
        AccountRecord {
            app_id: "a".into(),
            id: "user-1".into(),
            kind: AccountKind::User,
            label: "Ana".into(),
            email: None,
            company_id: None,
            scopes: vec![],
            connected_at: 0,
            access_expires_at: expires,
            has_refresh_token: refresh,
            refreshed_at: None,
            needs_reconnect: None,
            unidentified: None,
            owner: None,
            sharing: None,
        }
    }

    #[test]
    fn each_state_from_the_mirrored_times() {
        let now = 1_000_000;
        assert_eq!(
            account(None, false).health(now),
            Health::Works { expires_at: None }
        );
        assert_eq!(
            account(Some(now + 3600), true).health(now),
            Health::Works {
                expires_at: Some(now + 3600)
            }
        );
        assert_eq!(
            account(Some(now + 300), true).health(now),
            Health::ExpiresSoon {
                expires_at: now + 300
            }
        );
        assert_eq!(
            account(Some(now - 5), true).health(now),
            Health::ExpiredWillRefresh {
                expired_at: now - 5
            }
        );
        assert_eq!(
            account(Some(now - 5), false).health(now),
            Health::NeedsAdmin {
                reason: AttentionReason::NotRefreshable
            }
        );
        let mut refused = account(Some(now + 3600), true);
        refused.needs_reconnect = Some(AttentionReason::Refused);
        assert_eq!(
            refused.health(now),
            Health::NeedsAdmin {
                reason: AttentionReason::Refused
            }
        );
        // Times at the edge of the clock do not overflow.
        assert_eq!(
            account(Some(u64::MAX), true).health(u64::MAX - 1),
            Health::ExpiresSoon {
                expires_at: u64::MAX
            }
        );
    }

    #[test]
    fn spans_read_like_a_person_would_say_them() {
        let s = |secs| {
            let Span { count, unit } = span(secs);
            (count, unit)
        };
        assert_eq!(s(30), (30, TimeUnit::Seconds));
        assert_eq!(s(3600), (60, TimeUnit::Minutes));
        assert_eq!(s(7200), (2, TimeUnit::Hours));
        assert_eq!(s(3 * 86_400), (3, TimeUnit::Days));
    }

    #[test]
    fn health_serialises_as_a_state_with_its_times() {
        let json = serde_json::to_value(Health::NeedsAdmin {
            reason: AttentionReason::Refused,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"state": "needs_admin", "reason": "refused"})
        );
    }
}

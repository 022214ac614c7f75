//! An account's health and its times as the command line says them, in English. What the states
//! are and how a span is counted live in the engine (`connect_core::health`), shared with the window.

use std::time::{SystemTime, UNIX_EPOCH};

use connect_core::AttentionReason;
use connect_core::health::{Health, Span, TimeUnit, span};

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "never expires", "expires in 42 min", "expired 3 h ago (refreshed on next use)", "needs you to
/// connect again (…)".
pub fn health_text(health: Health, now: u64) -> String {
    match health {
        Health::Works { expires_at } => expiry_text(expires_at, now),
        Health::ExpiresSoon { expires_at } => format!(
            "expires in {} (refreshed on next use)",
            span_text(expires_at.saturating_sub(now))
        ),
        Health::ExpiredWillRefresh { expired_at } => format!(
            "expired {} ago (refreshed on next use)",
            span_text(now.saturating_sub(expired_at))
        ),
        Health::NeedsAdmin { reason } => format!("needs you to connect again ({})", why(reason)),
    }
}

/// "expires in 60 min", or "never expires", for a token just refreshed.
pub fn expiry_text(expires_at: Option<u64>, now: u64) -> String {
    match expires_at {
        None => "never expires".to_string(),
        Some(at) => format!("expires in {}", span_text(at.saturating_sub(now))),
    }
}

fn why(reason: AttentionReason) -> &'static str {
    match reason {
        AttentionReason::NotRefreshable => "it expired and cannot be refreshed",
        AttentionReason::TokensNotSaved => "new tokens could not be stored in the keychain",
        AttentionReason::Refused => {
            "Factorial refused its tokens: revoked, expired, or its scopes changed"
        }
    }
}

fn span_text(secs: u64) -> String {
    let Span { count, unit } = span(secs);
    match unit {
        TimeUnit::Seconds => format!("{count} s"),
        TimeUnit::Minutes => format!("{count} min"),
        TimeUnit::Hours => format!("{count} h"),
        TimeUnit::Days if count == 1 => "1 day".to_string(),
        TimeUnit::Days => format!("{count} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_person_would_say_it() {
        assert_eq!(expiry_text(None, 10), "never expires");
        assert_eq!(expiry_text(Some(3_610), 10), "expires in 60 min");
        assert_eq!(
            health_text(Health::ExpiredWillRefresh { expired_at: 10 }, 7_210),
            "expired 2 h ago (refreshed on next use)"
        );
        assert_eq!(
            health_text(Health::ExpiresSoon { expires_at: 40 }, 10),
            "expires in 30 s (refreshed on next use)"
        );
        assert!(
            health_text(
                Health::NeedsAdmin {
                    reason: AttentionReason::Refused
                },
                0
            )
            .starts_with("needs you to connect again")
        );
    }
}

//! An account's health and its times as the command line says them, from the catalogs. What the
//! states are and how a span is counted live in the engine (`connect_core::health`), shared with
//! the window.

use std::time::{SystemTime, UNIX_EPOCH};

use connect_core::AttentionReason;
use connect_core::health::{Health, Span, TimeUnit, span};

use crate::cli::messages::say;
use crate::i18n::Catalog;

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "never expires", "expires in 42 min", "expired 3 h ago (refreshed on next use)", "needs you to
/// connect again (…)", in the command line's language.
pub fn health_text(health: Health, now: u64) -> String {
    match health {
        Health::Works { expires_at } => expiry_text(expires_at, now),
        Health::ExpiresSoon { expires_at } => {
            let span = span_text(expires_at.saturating_sub(now));
            say("cli-expires-soon", &[("span", (&span).into())])
        }
        Health::ExpiredWillRefresh { expired_at } => {
            let span = span_text(now.saturating_sub(expired_at));
            say("cli-expired-ago", &[("span", (&span).into())])
        }
        Health::NeedsAdmin { reason } => {
            say("cli-needs-you", &[("reason", reason_name(reason).into())])
        }
        Health::Kept { .. } => say("cli-kept-by-keepers", &[]),
    }
}

/// "expires in 60 min", or "never expires", for a token just refreshed.
pub fn expiry_text(expires_at: Option<u64>, now: u64) -> String {
    match expires_at {
        None => say("cli-never-expires", &[]),
        Some(at) => {
            let span = span_text(at.saturating_sub(now));
            say("cli-expires-in", &[("span", (&span).into())])
        }
    }
}

/// The reason as the catalogs' `attention` message selects on it.
pub fn reason_name(reason: AttentionReason) -> &'static str {
    match reason {
        AttentionReason::Refused => "refused",
        AttentionReason::TokensNotSaved => "tokens_not_saved",
        AttentionReason::NotRefreshable => "not_refreshable",
    }
}

/// Why an account needs the admin, as the catalogs' `attention` phrase in `catalog`'s language.
pub fn attention_in(catalog: &Catalog, reason: AttentionReason) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("reason", reason_name(reason));
    catalog.text("attention", Some(&args))
}

/// "42 min", "3 h", "2 days": the catalogs' `span`, shared with the window, in the command line's
/// language.
pub fn span_text(secs: u64) -> String {
    span_in(crate::cli::messages::catalog(), secs)
}

/// The same in `catalog`'s language (the window's notifications speak the window's).
pub fn span_in(catalog: &Catalog, secs: u64) -> String {
    let Span { count, unit } = span(secs);
    let unit = match unit {
        TimeUnit::Seconds => "seconds",
        TimeUnit::Minutes => "minutes",
        TimeUnit::Hours => "hours",
        TimeUnit::Days => "days",
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("count", count as f64);
    args.set("unit", unit);
    catalog.text("span", Some(&args))
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

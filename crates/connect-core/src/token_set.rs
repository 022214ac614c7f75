//! The tokens of one connected account, as kept in the keychain.

use serde_json::json;

use crate::secret::Secret;

/// An access token, its optional refresh token, and when the access token stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: Secret,
    /// Absent for company tokens, which never expire.
    pub refresh_token: Option<Secret>,
    /// Unix seconds; `None` means the provider gave no expiry (company tokens).
    pub expires_at: Option<u64>,
    /// The scopes the provider granted (may differ from those asked for).
    pub scopes: Vec<String>,
    /// Unix seconds when these tokens were obtained.
    pub obtained_at: u64,
    /// Tokens this set replaced that Factorial may still honour: with rotation on use, Doorkeeper
    /// keeps a replaced pair valid until the new access token is first used, and a pair replaced
    /// before that stays valid longer. Revoking the account revokes these too. Newest last.
    pub replaced: Vec<Secret>,
}

/// How many replaced tokens are remembered (two per refresh); older ones were replaced ten
/// refreshes ago, and their access tokens have long expired.
const MAX_REPLACED: usize = 20;

/// How many replaced tokens a stored set may list while older ones wait for Factorial to confirm
/// their revocation ([`TokenSet::still_listing`]); beyond it, a keychain entry read back keeps the
/// newest. Fifty refreshes with every revocation failing: by then the oldest are days old.
pub(crate) const MAX_LISTED: usize = 100;

impl TokenSet {
    /// True when the access token expires within `margin_secs` of `now` (or already has).
    pub fn expires_within(&self, now: u64, margin_secs: u64) -> bool {
        self.expires_at
            .is_some_and(|at| at <= now.saturating_add(margin_secs))
    }

    /// The tokens that follow `self` after a refresh or a reconnection: `next`, remembering `self`'s
    /// tokens (and those it remembered) as replaced, except any that `next` still uses. Beyond
    /// [`MAX_REPLACED`] the oldest are let go: they are returned, to be revoked once `next` is
    /// safely stored, so that no token Factorial may still honour is ever forgotten while live.
    pub fn succeeded_by(&self, mut next: TokenSet) -> (TokenSet, Vec<Secret>) {
        let mut replaced = self.replaced.clone();
        replaced.push(self.access_token.clone());
        replaced.extend(self.refresh_token.clone());
        replaced.retain(|t| t != &next.access_token && Some(t) != next.refresh_token.as_ref());
        replaced.dedup();
        let excess = replaced.len().saturating_sub(MAX_REPLACED);
        let let_go = replaced.drain(..excess).collect();
        next.replaced = replaced;
        (next, let_go)
    }

    /// This set, also listing `tokens` (let go of by [`TokenSet::succeeded_by`]) as replaced, oldest
    /// first, until Factorial confirms they no longer work.
    pub fn still_listing(&self, tokens: &[Secret]) -> TokenSet {
        let mut listed = self.clone();
        listed.replaced.splice(0..0, tokens.iter().cloned());
        let excess = listed.replaced.len().saturating_sub(MAX_LISTED);
        listed.replaced.drain(..excess);
        listed
    }

    /// What a new connection of the same account makes of this set: every token Factorial may
    /// still honour, except any that `next` holds too (Doorkeeper may hand a still-valid access
    /// token back), each with its revocation hint.
    pub fn displaced_by(&self, next: &TokenSet) -> Vec<(Secret, &'static str)> {
        let mut out: Vec<(Secret, &'static str)> = Vec::new();
        for (token, hint) in self.all_live() {
            let kept = token == &next.access_token || Some(token) == next.refresh_token.as_ref();
            if !kept && !out.iter().any(|(t, _)| t == token) {
                out.push((token.clone(), hint));
            }
        }
        out
    }

    /// Every token of this set that Factorial may honour: the refresh token first (revoking it
    /// ends the session), then the access token, then the replaced ones.
    /// The scopes Factorial granted, or `known` when its answer named none (it may leave them out).
    pub fn scopes_or(&self, known: &[String]) -> Vec<String> {
        if self.scopes.is_empty() {
            known.to_vec()
        } else {
            self.scopes.clone()
        }
    }

    pub fn all_live(&self) -> Vec<(&Secret, &'static str)> {
        let mut out: Vec<(&Secret, &'static str)> = Vec::new();
        out.extend(self.refresh_token.iter().map(|t| (t, "refresh_token")));
        out.push((&self.access_token, "access_token"));
        out.extend(self.replaced.iter().rev().map(|t| (t, "")));
        out
    }

    /// The JSON kept in the keychain entry. Only the vault calls this.
    pub(crate) fn to_vault_json(&self) -> Secret {
        Secret::new(
            json!({
                "access_token": self.access_token.expose(),
                "refresh_token": self.refresh_token.as_ref().map(Secret::expose),
                "expires_at": self.expires_at,
                "scopes": self.scopes,
                "obtained_at": self.obtained_at,
                "replaced": self.replaced.iter().map(Secret::expose).collect::<Vec<_>>(),
            })
            .to_string(),
        )
    }

    /// Reads what [`TokenSet::to_vault_json`] wrote; `None` if the entry is not ours.
    pub(crate) fn from_vault_json(raw: &Secret) -> Option<TokenSet> {
        let value: serde_json::Value = serde_json::from_str(raw.expose()).ok()?;
        let text = |name: &str| value.get(name).and_then(|v| v.as_str()).map(Secret::new);
        Some(TokenSet {
            access_token: text("access_token")?,
            refresh_token: text("refresh_token"),
            expires_at: value.get("expires_at").and_then(|v| v.as_u64()),
            scopes: value
                .get("scopes")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            obtained_at: value
                .get("obtained_at")
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            replaced: value
                .get("replaced")
                .and_then(|v| v.as_array())
                .map(|a| {
                    let newest = a.len().saturating_sub(MAX_LISTED);
                    a[newest..]
                        .iter()
                        .filter_map(|s| s.as_str().map(Secret::new))
                        .collect()
                })
                .unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_vault_format_and_hides_in_debug() {
        let t = TokenSet {
            access_token: Secret::new("at-1"),
            refresh_token: Some(Secret::new("rt-1")),
            expires_at: Some(3_600),
            scopes: vec!["employees".into()],
            obtained_at: 0,
            replaced: vec![Secret::new("old-rt")],
        };
        assert_eq!(
            TokenSet::from_vault_json(&t.to_vault_json()),
            Some(t.clone())
        );
        let debug = format!("{t:?}");
        assert!(
            !debug.contains("at-1") && !debug.contains("rt-1"),
            "{debug}"
        );
        assert!(t.expires_within(3_540, 60));
        assert!(!t.expires_within(3_539, 60));
        let company = TokenSet {
            expires_at: None,
            refresh_token: None,
            ..t
        };
        assert!(!company.expires_within(u64::MAX, 60));
    }

    #[test]
    fn a_new_connection_displaces_every_live_token_but_those_it_got_back() {
        let old = TokenSet {
            access_token: Secret::new("at-1"),
            refresh_token: Some(Secret::new("rt-1")),
            expires_at: Some(3_600),
            scopes: vec![],
            obtained_at: 0,
            replaced: vec![Secret::new("rt-0"), Secret::new("at-1")],
        };
        let fresh = TokenSet {
            access_token: Secret::new("at-2"),
            refresh_token: Some(Secret::new("rt-2")),
            replaced: vec![],
            ..old.clone()
        };
        let displaced = old.displaced_by(&fresh);
        let displaced: Vec<(&str, &str)> =
            displaced.iter().map(|(t, h)| (t.expose(), *h)).collect();
        assert_eq!(
            displaced,
            [
                ("rt-1", "refresh_token"),
                ("at-1", "access_token"),
                ("rt-0", "")
            ]
        );
        // Doorkeeper handed the same access token back: it is the new one, never revoked.
        let reused = TokenSet {
            access_token: Secret::new("at-1"),
            ..fresh
        };
        let displaced = old.displaced_by(&reused);
        let displaced: Vec<&str> = displaced.iter().map(|(t, _)| t.expose()).collect();
        assert_eq!(displaced, ["rt-1", "rt-0"]);
    }

    #[test]
    fn a_successor_remembers_what_it_replaced_within_a_bound() {
        let pair = |n: u32| TokenSet {
            access_token: Secret::new(format!("at-{n}")),
            refresh_token: Some(Secret::new(format!("rt-{n}"))),
            expires_at: Some(3_600),
            scopes: vec![],
            obtained_at: 0,
            replaced: vec![],
        };
        let mut current = pair(0);
        current = current.succeeded_by(pair(1)).0;
        let live: Vec<&str> = current.all_live().iter().map(|(t, _)| t.expose()).collect();
        assert_eq!(live, ["rt-1", "at-1", "rt-0", "at-0"]);
        // A refresh that keeps the refresh token does not list it as replaced.
        let same_refresh = TokenSet {
            refresh_token: Some(Secret::new("rt-1")),
            ..pair(2)
        };
        let (next, _) = current.succeeded_by(same_refresh);
        assert!(!next.replaced.contains(&Secret::new("rt-1")));
        let mut let_go = Vec::new();
        for n in 3..40 {
            let (next, gone) = current.succeeded_by(pair(n));
            current = next;
            let_go.extend(gone);
        }
        assert_eq!(current.replaced.len(), MAX_REPLACED);
        // Nothing is forgotten without being handed back for revoking.
        assert_eq!(let_go.len() + current.replaced.len(), 2 * 38);
        assert!(let_go.contains(&Secret::new("rt-0")));
        assert_eq!(current.replaced.last(), Some(&Secret::new("rt-38")));

        // Listed again until confirmed, oldest first, and read back from the keychain as written.
        let waiting = vec![Secret::new("rt-0"), Secret::new("at-0")];
        let stored = current.still_listing(&waiting);
        assert_eq!(stored.replaced[..2], waiting[..]);
        assert_eq!(stored.replaced.len(), MAX_REPLACED + 2);
        let read = TokenSet::from_vault_json(&stored.to_vault_json()).unwrap();
        assert_eq!(read, stored);
        // Within a bound that keeps the newest.
        let many: Vec<Secret> = (0..300).map(|n| Secret::new(format!("old-{n}"))).collect();
        let capped = current.still_listing(&many);
        assert_eq!(capped.replaced.len(), MAX_LISTED);
        assert_eq!(capped.replaced.last(), current.replaced.last());
        let read = TokenSet::from_vault_json(&capped.to_vault_json()).unwrap();
        assert_eq!(read.replaced, capped.replaced);
    }
}

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
}

impl TokenSet {
    /// True when the access token expires within `margin_secs` of `now` (or already has).
    pub fn expires_within(&self, now: u64, margin_secs: u64) -> bool {
        self.expires_at
            .is_some_and(|at| at <= now.saturating_add(margin_secs))
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
}

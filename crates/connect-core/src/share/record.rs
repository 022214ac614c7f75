//! What is written to the shared entry: the access token and what a consumer needs to use it, with
//! no refresh token and no client secret.

use serde::{Deserialize, Serialize};

use crate::app_profile::AppProfile;
use crate::identity::AccountKind;
use crate::secret::Secret;

/// Who wrote an entry, so that one this app finds in place of its own is recognised as foreign.
pub const WRITER: &str = "factorial-connect";

/// The entry's data, as a consumer's template reads it (`{{ .Data.data.access_token }}`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PublishedToken {
    /// Kept out of `Debug` by [`Secret`]; serialised only into the request body.
    #[serde(serialize_with = "expose")]
    pub access_token: Secret,
    pub token_type: String,
    /// When the access token stops working, as UTC RFC 3339; none for a company token.
    pub expires_at: Option<String>,
    pub scopes: Vec<String>,
    /// Whose token it is (an e-mail or a company name), as Factorial said.
    pub owner: Option<String>,
    /// `user` or `company`.
    pub kind: Option<String>,
    /// The Factorial API this token is for (`https://api.factorialhr.com`).
    pub api_base_url: String,
    /// `factorial-connect`.
    pub written_by: String,
    /// Which copy of Factorial Connect wrote it: a random name kept with the destination, so
    /// that a version this copy wrote but could not record (it was stopped in between) is known
    /// as its own, and one by another copy is not.
    pub writer: String,
    /// This app's version.
    pub version: String,
}

impl PublishedToken {
    /// The entry for `access_token`, as the desktop and the keepers both write it.
    pub fn new(
        access_token: Secret,
        expires_at: Option<u64>,
        scopes: Vec<String>,
        owner: Option<String>,
        kind: AccountKind,
        app: &AppProfile,
        writer: &str,
    ) -> Self {
        PublishedToken {
            access_token,
            token_type: "Bearer".into(),
            expires_at: expires_at.and_then(rfc3339),
            scopes,
            owner,
            kind: Some(kind.as_str().into()),
            api_base_url: app.environment.api_url(),
            written_by: WRITER.into(),
            writer: writer.into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

fn expose<S: serde::Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret.expose())
}

/// `unix_secs` as UTC RFC 3339 (`2026-12-06T02:34:16Z`), the form consumers' tools parse.
pub fn rfc3339(unix_secs: u64) -> Option<String> {
    let at = time::OffsetDateTime::from_unix_timestamp(i64::try_from(unix_secs).ok()?).ok()?;
    at.format(&time::format_description::well_known::Rfc3339)
        .ok()
}

/// An RFC 3339 time as Unix seconds, as [`rfc3339`] writes it; `None` for anything else.
pub fn unix_secs(rfc3339: &str) -> Option<u64> {
    let at = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()?;
    u64::try_from(at.unix_timestamp()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_reads_as_utc_rfc3339() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(1_796_525_656).as_deref(),
            Some("2026-12-06T02:54:16Z")
        );
        assert_eq!(rfc3339(u64::MAX), None);
        assert_eq!(unix_secs("2026-12-06T02:54:16Z"), Some(1_796_525_656));
        assert_eq!(unix_secs("yesterday"), None);
    }
}

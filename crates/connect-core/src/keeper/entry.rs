//! The private entry of an account handed over to keepers: everything needed to refresh it (the
//! application, its client secret, the refresh token) and to publish it, and the lease that says
//! which keeper is refreshing it now. Only the keepers' policy reads it.

use serde::{Deserialize, Serialize};

use crate::app_profile::AppProfile;
use crate::identity::AccountKind;
use crate::secret::Secret;
use crate::share::PublishedToken;

/// An account kept alive by keepers, as its private entry holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptAccount {
    /// `factorial-connect`: an entry anyone else wrote there is left alone.
    pub written_by: String,
    pub account_id: String,
    pub kind: AccountKind,
    /// Whose token it is (an e-mail or a company name), as Factorial said.
    pub owner: Option<String>,
    pub app: AppProfile,
    #[serde(default, with = "optional_secret")]
    pub client_secret: Option<Secret>,
    pub tokens: KeptTokens,
    /// Where the access token is published for servers.
    pub publish: KeptPublishing,
    /// The keeper refreshing it now, until when; written before calling Factorial.
    #[serde(default)]
    pub lease: Option<Lease>,
    /// How many refreshes keepers have stored.
    #[serde(default)]
    pub rotations: u64,
    /// Why the keepers stopped, when Factorial refused the refresh token: it must be connected
    /// and handed over again.
    #[serde(default)]
    pub stopped: Option<Stopped>,
    /// Who handed it over, and when.
    pub handed_over_by: String,
    pub handed_over_at: u64,
}

/// The pair being kept alive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptTokens {
    #[serde(with = "secret")]
    pub access_token: Secret,
    #[serde(with = "secret")]
    pub refresh_token: Secret,
    pub expires_at: Option<u64>,
    pub scopes: Vec<String>,
    pub obtained_at: u64,
}

/// The published entry (same server and mount) and what the keepers last wrote there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptPublishing {
    pub path: String,
    /// The name written in each published version, the same for every keeper (and the desktop's
    /// before the hand-over), so that a version one keeper wrote and could not record is known.
    pub writer: String,
    pub version: Option<u64>,
    /// The `obtained_at` of the pair published.
    pub published_for: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub holder: String,
    /// Unix seconds; after it another keeper may take the account.
    pub until: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stopped {
    pub at: u64,
    /// The error code's name (`refresh_refused`), for `bao kv get` readers.
    pub reason: String,
}

impl KeptAccount {
    /// Whether another keeper holds the lease at `now`.
    pub fn leased_to_other(&self, holder: &str, now: u64) -> bool {
        self.lease
            .as_ref()
            .is_some_and(|l| l.holder != holder && l.until > now)
    }

    /// What servers read: the access token and what describes it.
    pub fn published(&self) -> PublishedToken {
        let t = &self.tokens;
        PublishedToken::new(
            t.access_token.clone(),
            t.expires_at,
            t.scopes.clone(),
            self.owner.clone(),
            self.kind,
            &self.app,
            &self.publish.writer,
        )
    }
}

mod secret {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::secret::Secret;

    pub fn serialize<S: Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(secret.expose())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        Secret::deserialize(deserializer)
    }
}

mod optional_secret {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::secret::Secret;

    pub fn serialize<S: Serializer>(
        secret: &Option<Secret>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match secret {
            Some(secret) => serializer.serialize_some(secret.expose()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Secret>, D::Error> {
        Option::<Secret>::deserialize(deserializer)
    }
}

//! What the registry file holds, and the checks every record passes on load (see the parent
//! module for how the file is read and written).

use serde::{Deserialize, Deserializer, Serialize};

use crate::app_profile::{self, AppProfile};
use crate::environment::Environment;
use crate::error::{Damage, ErrorCode, RecordKind, RecordPart, Result, plain_text};
use crate::health::AttentionReason;
use crate::identity::AccountKind;
/// Everything in the registry file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryData {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub apps: Vec<AppProfile>,
    #[serde(default)]
    pub accounts: Vec<AccountRecord>,
    #[serde(default)]
    pub pending: Vec<PendingAuthorization>,
}

/// A connected account (its tokens are in the keychain).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub app_id: String,
    /// Short and stable within the application: `user-12`, `company-7`.
    pub id: String,
    pub kind: AccountKind,
    pub label: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
    pub connected_at: u64,
    /// Mirror of the keychain's expiry, so listing accounts never needs the keychain.
    #[serde(default)]
    pub access_expires_at: Option<u64>,
    #[serde(default)]
    pub has_refresh_token: bool,
    #[serde(default)]
    pub refreshed_at: Option<u64>,
    /// Why the admin must connect again (Factorial refused the refresh or access token, or new
    /// tokens could not be stored).
    #[serde(default, deserialize_with = "attention_reason")]
    pub needs_reconnect: Option<AttentionReason>,
    /// Why Factorial has not said whose the token is, while it has not (the token works all the
    /// same). Test and refresh ask again; a new connection of the same kind replaces the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unidentified: Option<ErrorCode>,
    /// The owner as [`crate::identity::Identity::account_id`] names it, once known. Differs from
    /// `id` for an account kept before its owner was known, which keeps its id (and keychain entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Where its access token is shared with servers, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharing: Option<crate::share::Sharing>,
}

/// What an earlier version labelled an account whose owner it could not learn.
const UNIDENTIFIED_LABELS: [&str; 4] = [
    "company account (not yet identified)",
    "user account (not yet identified)",
    "company account (owner not known)",
    "user account (owner not known)",
];

impl AccountRecord {
    /// Where keepers keep it, when it was handed over to them (this computer then never
    /// refreshes it: see `engine/hand_over.rs`).
    pub fn kept_by(&self) -> Option<&crate::share::KeptBy> {
        self.sharing.as_ref().and_then(|s| s.kept_by.as_ref())
    }

    /// Whose token it is as publishing names it: the label, when Factorial gave one.
    pub fn owner_label(&self) -> Option<String> {
        (!self.label.is_empty()).then(|| self.label.clone())
    }

    /// Whether this account belongs to the owner `Identity::account_id` calls `owner`.
    pub fn is_owned_by(&self, owner: &str) -> bool {
        self.unidentified.is_none() && self.owner.as_deref().unwrap_or(&self.id) == owner
    }
}

/// Where an authorization was started, so its completion is shown in the same place.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Cli,
    Window,
}

/// An authorization request sent to the browser and not yet answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAuthorization {
    /// SHA-256 of the `state` sent in the URL: the file never holds a usable state.
    pub state_hash: String,
    pub app_id: String,
    pub kind: AccountKind,
    pub redirect_uri: String,
    pub pkce: bool,
    pub origin: Origin,
    pub created_at: u64,
    pub expires_at: u64,
    /// Set when a callback claimed this request; a second callback is a replay.
    #[serde(default)]
    pub claimed_at: Option<u64>,
    #[serde(default, deserialize_with = "lenient_outcome")]
    pub outcome: Option<Outcome>,
}

/// How a pending authorization ended; waiters in other processes read it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Connected {
        app_name: String,
        account_id: String,
        label: String,
        /// Why Factorial would not say whose the new token is, when it would not.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unidentified: Option<ErrorCode>,
    },
    Failed {
        error: ErrorCode,
    },
    Cancelled,
}

/// Something the registry fixed while loading, which the admin should hear about once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum LoadNotice {
    /// A public application was saved without PKCE, which a public client cannot do safely
    /// (RFC 8252 §8.1); PKCE is on from now on.
    PkceTurnedOn { app_name: String },
}

/// Version 1 kept an English sentence in `needs_reconnect`, which always meant "Factorial refused
/// the tokens"; a reason from a newer version reads the same way.
fn attention_reason<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<AttentionReason>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    Ok(text.map(|t| {
        serde_json::from_value(serde_json::Value::String(t)).unwrap_or(AttentionReason::Refused)
    }))
}

/// An outcome as any version recorded it. Format 2 kept a bare code beside English text
/// (`{"status": "failed", "code": "code_refused", "message": …}`) and connections without the
/// application's name (filled in by `normalize`); a code that needs parameters it did not keep, or
/// anything a newer version records, reads as a failure this version cannot describe. An outcome
/// is a waiter's news, never a reason to call the whole file damaged.
fn lenient_outcome<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Outcome>, D::Error> {
    use serde_json::Value;
    let Some(mut value) = Option::<Value>::deserialize(d)? else {
        return Ok(None);
    };
    let unknown = Outcome::Failed {
        error: ErrorCode::Unknown,
    };
    let Some(record) = value.as_object_mut() else {
        return Ok(Some(unknown));
    };
    match record.get("status").and_then(Value::as_str) {
        Some("failed") if !record.contains_key("error") => {
            let code = record.get("code").cloned().unwrap_or(Value::Null);
            let error = serde_json::from_value(serde_json::json!({ "code": code }))
                .unwrap_or(ErrorCode::Unknown);
            return Ok(Some(Outcome::Failed { error }));
        }
        Some("connected") if !record.contains_key("app_name") => {
            record.insert("app_name".into(), Value::String(String::new()));
        }
        _ => {}
    }
    Ok(Some(serde_json::from_value(value).unwrap_or(unknown)))
}

impl RegistryData {
    /// The application called `name` (case-insensitively), or an error listing the known ones.
    pub fn app(&self, name: &str) -> Result<&AppProfile> {
        let name = name.trim();
        self.apps
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ErrorCode::AppNotFound {
                    name: plain_text(name, 100),
                    known: self.apps.iter().map(|a| a.name.clone()).collect(),
                }
                .into()
            })
    }

    pub fn app_by_id(&self, id: &str) -> Option<&AppProfile> {
        self.apps.iter().find(|a| a.id == id)
    }

    pub fn ensure_name_free(&self, name: &str) -> Result<()> {
        if self.apps.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
            return Err(ErrorCode::AppExists {
                name: name.to_string(),
            }
            .into());
        }
        Ok(())
    }

    pub fn accounts_of<'a>(&'a self, app_id: &'a str) -> impl Iterator<Item = &'a AccountRecord> {
        self.accounts.iter().filter(move |a| a.app_id == app_id)
    }

    pub fn account(&self, app_id: &str, account_id: &str) -> Option<&AccountRecord> {
        self.accounts
            .iter()
            .find(|a| a.app_id == app_id && a.id == account_id)
    }

    pub fn account_mut(&mut self, app_id: &str, account_id: &str) -> Option<&mut AccountRecord> {
        self.accounts
            .iter_mut()
            .find(|a| a.app_id == app_id && a.id == account_id)
    }

    /// Removes an account; true if it was there.
    pub fn remove_account(&mut self, app_id: &str, account_id: &str) -> bool {
        let before = self.accounts.len();
        self.accounts
            .retain(|a| !(a.app_id == app_id && a.id == account_id));
        self.accounts.len() != before
    }

    pub fn pending(&self, state_hash: &str) -> Option<&PendingAuthorization> {
        self.pending.iter().find(|p| p.state_hash == state_hash)
    }

    pub fn pending_mut(&mut self, state_hash: &str) -> Option<&mut PendingAuthorization> {
        self.pending.iter_mut().find(|p| p.state_hash == state_hash)
    }

    /// Checks every record as if it had just been typed in; the first bad one is the damage.
    pub(super) fn validate(&self) -> std::result::Result<(), Damage> {
        for (n, app) in (1..).zip(&self.apps) {
            let bad = |part| Damage::BadRecord {
                record: RecordKind::Application,
                number: n,
                part,
            };
            if !is_safe_id(&app.id, 64) {
                return Err(bad(RecordPart::Id));
            }
            app_profile::validate_stored_name(&app.name).map_err(|_| bad(RecordPart::Name))?;
            app_profile::validate_client_id(&app.client_id)
                .map_err(|_| bad(RecordPart::ClientId))?;
            if let Environment::Custom(url) = &app.environment {
                Environment::parse(url.as_str()).map_err(|_| bad(RecordPart::BaseUrl))?;
            }
            app_profile::validate_redirect_uri(&app.redirect_uri)
                .map_err(|_| bad(RecordPart::RedirectUri))?;
            let scopes = app_profile::parse_scopes(&app.scopes.join(" "))
                .map_err(|_| bad(RecordPart::Scopes))?;
            if scopes.len() != app.scopes.len() {
                return Err(bad(RecordPart::Scopes));
            }
        }
        for (n, account) in (1..).zip(&self.accounts) {
            let bad = |part| Damage::BadRecord {
                record: RecordKind::Account,
                number: n,
                part,
            };
            if !is_safe_id(&account.app_id, 64) || !is_safe_id(&account.id, 80) {
                return Err(bad(RecordPart::Id));
            }
            // Only what the admin could have typed: the file must not point publishing at a
            // plain-http server or at another route of the server's API.
            let bad_sharing = account.sharing.as_ref().is_some_and(|sharing| {
                let kept_by = sharing.kept_by.as_ref().is_some_and(|kept| {
                    kept.entry.len() > 1100 || kept.entry.chars().any(char::is_control)
                });
                !sharing.destination.is_valid() || !is_safe_id(&sharing.writer, 64) || kept_by
            });
            if bad_sharing {
                return Err(bad(RecordPart::SharedTo));
            }
        }
        for (n, pending) in (1..).zip(&self.pending) {
            let hex = pending.state_hash.len() == 64
                && pending.state_hash.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex || !is_safe_id(&pending.app_id, 64) {
                return Err(Damage::BadRecord {
                    record: RecordKind::PendingAuthorization,
                    number: n,
                    part: RecordPart::Id,
                });
            }
        }
        Ok(())
    }

    /// Tidies what is harmless to fix: display text stripped of control characters, and PKCE for
    /// public applications. Returns what the admin should be told.
    pub(crate) fn normalize(&mut self) -> Vec<LoadNotice> {
        let mut notices = Vec::new();
        for app in &mut self.apps {
            if !app.confidential && !app.pkce {
                app.pkce = true;
                notices.push(LoadNotice::PkceTurnedOn {
                    app_name: app.name.clone(),
                });
            }
        }
        for account in &mut self.accounts {
            account.label = plain_text(&account.label, 200);
            account.email = account.email.as_deref().map(|e| plain_text(e, 200));
            account.company_id = account.company_id.as_deref().map(|c| plain_text(c, 100));
            // Their English words go: each edge words an unnamed owner in the admin's language.
            if account.owner.is_none() && UNIDENTIFIED_LABELS.contains(&account.label.as_str()) {
                account.label.clear();
                account.unidentified.get_or_insert(ErrorCode::Unknown);
            }
        }
        // Format 2 recorded a connection without the application's name.
        for pending in &mut self.pending {
            if let Some(Outcome::Connected { app_name, .. }) = &mut pending.outcome
                && app_name.is_empty()
                && let Some(app) = self.apps.iter().find(|a| a.id == pending.app_id)
            {
                app_name.clone_from(&app.name);
            }
        }
        notices
    }
}

/// Ids end up in keychain entry names and file names: letters, digits and `@._-` only.
fn is_safe_id(id: &str, max: usize) -> bool {
    !id.is_empty()
        && id.len() <= max
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_' | b'-'))
}

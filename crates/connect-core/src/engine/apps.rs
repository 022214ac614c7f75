//! Applications: add, change, remove, list.

use std::collections::HashMap;

use crate::account_lock::hex;
use crate::app_profile::{self, AppProfile, NewApp};
use crate::environment::Environment;
use crate::error::{Error, Field, InputIssue, Result};
use crate::registry::{AccountRecord, RegistryData};
use crate::secret::Secret;

use super::{AccountStatus, AppList, AppStatus, Engine};

impl Engine {
    /// Validates and stores a new application; the secret goes to the keychain first, so a
    /// keychain problem leaves nothing half-added.
    pub fn add_app(&self, new: NewApp) -> Result<AppProfile> {
        let validated = new.validate(new_id(), self.now())?;
        let profile = validated.profile;
        self.registry.read()?.ensure_name_free(&profile.name)?;
        if let Some(secret) = &validated.client_secret {
            self.vault.set_client_secret(&profile.id, secret)?;
        }
        let stored = self.registry.update(|data| {
            data.ensure_name_free(&profile.name)?;
            data.apps.push(profile.clone());
            Ok(profile.clone())
        });
        if stored.is_err() && validated.client_secret.is_some() {
            // Undo the keychain write; the registry error below is what the user needs to see.
            let _ = self.vault.delete_app(&profile.id, &[]);
        }
        stored
    }

    /// Changes what may change once an application exists: its name, its client secret (Factorial
    /// shows a new one when the admin regenerates it) and the scopes the next Connect asks for.
    /// Environment and client ID may change only while no account is connected: tokens already
    /// issued belong to them. Changing either ends the application's pending authorizations, whose
    /// codes were issued for the old ones.
    pub fn update_app(&self, name: &str, changes: AppChanges) -> Result<AppProfile> {
        let current = self.app(name)?;
        let valid = ValidChanges::of(&current, &changes)?;
        let renamed = valid.renames(&current);
        // Checked before the keychain is touched, and again under the registry's lock.
        if let Some(new_name) = renamed {
            self.registry.read()?.ensure_name_free(new_name)?;
        }
        if valid.rebinds() {
            ensure_no_account(
                &self.registry.read()?,
                &current,
                valid.environment.is_some(),
            )?;
        }
        if let Some(secret) = &valid.secret {
            self.vault.set_client_secret(&current.id, secret)?;
        }
        let mut ended = Vec::new();
        let updated = self.registry.update(|data| {
            if valid.rebinds() {
                // Authorizations under way were asked for with the old environment or client ID.
                ensure_no_account(data, &current, valid.environment.is_some())?;
                ended = data
                    .pending
                    .iter()
                    .filter(|p| p.app_id == current.id)
                    .map(|p| p.state_hash.clone())
                    .collect();
                data.pending.retain(|p| p.app_id != current.id);
            }
            if let Some(new_name) = renamed {
                data.ensure_name_free(new_name)?;
            }
            let app = data
                .apps
                .iter_mut()
                .find(|a| a.id == current.id)
                .ok_or_else(|| crate::error::ErrorCode::AppNotFound {
                    name: current.name.clone(),
                    known: Vec::new(),
                })?;
            valid.apply_to(app);
            Ok(app.clone())
        })?;
        for state_hash in &ended {
            // Single-use and useless without their pending request, which is gone.
            let _ = self.vault.delete_pkce_verifier(state_hash);
        }
        Ok(updated)
    }

    /// Removes an application, its secret and its accounts' tokens from this computer. Tokens stay
    /// valid at Factorial until revoked (`revoke` first to end them there). Each account's lock is
    /// held meanwhile, so a refresh in another process cannot write tokens back afterwards.
    pub async fn remove_app(&self, name: &str) -> Result<AppProfile> {
        // Lock every account, then check nobody connected a new one meanwhile (a deep link being
        // completed in another process); if so, lock that one too and look again.
        let mut locks = std::collections::BTreeMap::new();
        let (app, data) = loop {
            let data = self.registry.read()?;
            let app = data.app(name)?.clone();
            let missing: Vec<String> = data
                .accounts_of(&app.id)
                .map(|a| a.id.clone())
                .filter(|id| !locks.contains_key(id))
                .collect();
            if missing.is_empty() {
                break (app, data);
            }
            for id in missing {
                let lock = self.account_lock(&app.id, &id).await?;
                locks.insert(id, lock);
            }
        };
        let account_ids: Vec<String> = data.accounts_of(&app.id).map(|a| a.id.clone()).collect();
        // What its accounts published is taken back first, as far as the servers let.
        // Not what keepers publish for an account handed over to them: that is theirs.
        let shared = |a: &&AccountRecord| a.sharing.is_some() && a.kept_by().is_none();
        for record in data.accounts_of(&app.id).filter(shared) {
            self.unshare_best_effort(&app, record).await;
        }
        // The keychain first: if it fails, nothing is removed and the error says why.
        self.vault.delete_app(&app.id, &account_ids)?;
        self.registry.update(|data| {
            data.apps.retain(|a| a.id != app.id);
            data.accounts.retain(|a| a.app_id != app.id);
            data.pending.retain(|p| p.app_id != app.id);
            Ok(())
        })?;
        for pending in data.pending.iter().filter(|p| p.app_id == app.id) {
            // Single-use and useless without their pending request, which is gone.
            let _ = self.vault.delete_pkce_verifier(&pending.state_hash);
        }
        drop(locks);
        Ok(app)
    }

    /// Removes every application, with its secret and its accounts' tokens, from this computer;
    /// returns how many there were. Tokens stay valid at Factorial until revoked there.
    pub async fn remove_everything(&self) -> Result<usize> {
        let names: Vec<String> = self
            .registry
            .read()?
            .apps
            .iter()
            .map(|a| a.name.clone())
            .collect();
        for name in &names {
            self.remove_app(name).await?;
        }
        Ok(names.len())
    }

    pub fn app(&self, name: &str) -> Result<AppProfile> {
        self.registry.read()?.app(name).cloned()
    }

    /// Every application with its accounts and their health; reads no secret, so it never prompts
    /// for the keychain.
    pub fn status(&self) -> Result<Vec<AppStatus>> {
        Ok(self.list(usize::MAX, None)?.apps)
    }

    /// What a window draws of a long list: the first `limit` applications with their accounts,
    /// and the one named `keep` (the selected one) wherever it is, with the totals. Only these are
    /// sent to the page: with a thousand applications the whole list is megabytes.
    pub fn list(&self, limit: usize, keep: Option<&str>) -> Result<AppList> {
        let data = self.registry.read()?;
        let now = self.now();
        let shown: Vec<&AppProfile> = data
            .apps
            .iter()
            .enumerate()
            .filter(|(i, app)| *i < limit || keep == Some(app.name.as_str()))
            .map(|(_, app)| app)
            .collect();
        // Grouped once: a lookup per application would be quadratic in a large registry.
        let mut by_app: HashMap<&str, Vec<&AccountRecord>> = shown
            .iter()
            .map(|app| (app.id.as_str(), Vec::new()))
            .collect();
        for account in &data.accounts {
            if let Some(accounts) = by_app.get_mut(account.app_id.as_str()) {
                accounts.push(account);
            }
        }
        let apps = shown
            .into_iter()
            .map(|app| AppStatus {
                app: app.clone(),
                accounts: by_app
                    .get(app.id.as_str())
                    .into_iter()
                    .flatten()
                    .map(|a| AccountStatus {
                        account: (*a).clone(),
                        health: a.health(now),
                        refresh_expires_at: a.refresh_expires_at(app),
                        keep_alive_at: a.keep_alive_at(app).filter(|_| a.needs_reconnect.is_none()),
                    })
                    .collect(),
            })
            .collect();
        Ok(AppList {
            apps,
            total_apps: count(data.apps.len()),
            total_accounts: count(data.accounts.len()),
        })
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What [`Engine::update_app`] may change; `None` keeps a value as it is. The window's edit form
/// sends this as it is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AppChanges {
    pub name: Option<String>,
    /// A new client secret, for a confidential application.
    pub client_secret: Option<Secret>,
    /// Space- or comma-separated; empty means the scopes set on the application in Factorial.
    pub scopes: Option<String>,
    /// `production`, `demo`, or a base URL; only while no account is connected.
    pub environment: Option<String>,
    /// Only while no account is connected.
    pub client_id: Option<String>,
    /// Seconds a refresh token lives at this application's server.
    pub refresh_lifetime_secs: Option<u64>,
}

/// Refuses a new environment or client ID for an application with an account, or with an answer
/// being exchanged right now (it becomes an account in a moment): tokens belong to the server that
/// issued them and the client they were issued to.
fn ensure_no_account(data: &RegistryData, app: &AppProfile, environment: bool) -> Result<()> {
    let exchanging = data
        .pending
        .iter()
        .any(|p| p.app_id == app.id && p.claimed_at.is_some() && p.outcome.is_none());
    if data.accounts_of(&app.id).next().is_none() && !exchanging {
        return Ok(());
    }
    let field = if environment {
        Field::Environment
    } else {
        Field::ClientId
    };
    Err(Error::invalid(field, InputIssue::FixedOnceConnected))
}

fn new_id() -> String {
    use sha2::{Digest, Sha256};
    // 64 random bits as hex: safe in keychain entry names and file names.
    hex(&Sha256::digest(oauth2::CsrfToken::new_random().secret().as_bytes())[..8])
}

/// An edit's changes, each checked, and only those that change something about where the
/// application is (its environment, its client ID).
struct ValidChanges {
    name: Option<String>,
    environment: Option<Environment>,
    client_id: Option<String>,
    refresh_lifetime: Option<u64>,
    scopes: Option<Vec<String>>,
    secret: Option<Secret>,
}

impl ValidChanges {
    fn of(current: &AppProfile, changes: &AppChanges) -> Result<Self> {
        Ok(ValidChanges {
            name: changes
                .name
                .as_deref()
                .map(app_profile::validate_name)
                .transpose()?,
            environment: changes
                .environment
                .as_deref()
                .map(Environment::parse)
                .transpose()?
                .filter(|e| *e != current.environment),
            client_id: changes
                .client_id
                .as_deref()
                .map(app_profile::validate_client_id)
                .transpose()?
                .filter(|c| *c != current.client_id),
            refresh_lifetime: changes
                .refresh_lifetime_secs
                .map(app_profile::validate_refresh_lifetime)
                .transpose()?,
            scopes: changes
                .scopes
                .as_deref()
                .map(app_profile::parse_scopes)
                .transpose()?,
            secret: match &changes.client_secret {
                Some(secret) => {
                    app_profile::validate_secret(Some(secret.expose()), current.confidential)?
                }
                None => None,
            },
        })
    }

    /// The new name, when it is another name (not only another case of the same one).
    fn renames(&self, current: &AppProfile) -> Option<&String> {
        self.name
            .as_ref()
            .filter(|n| !n.eq_ignore_ascii_case(&current.name))
    }

    /// Whether the application moves: its tokens and authorizations belong to where it was.
    fn rebinds(&self) -> bool {
        self.environment.is_some() || self.client_id.is_some()
    }

    fn apply_to(&self, app: &mut AppProfile) {
        if let Some(name) = &self.name {
            app.name.clone_from(name);
        }
        if let Some(scopes) = &self.scopes {
            app.scopes.clone_from(scopes);
        }
        if let Some(environment) = &self.environment {
            app.environment.clone_from(environment);
        }
        if let Some(client_id) = &self.client_id {
            app.client_id.clone_from(client_id);
        }
        if let Some(secs) = self.refresh_lifetime {
            app.refresh_lifetime_secs = secs;
        }
    }
}

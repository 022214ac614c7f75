//! The one API the window and the CLI call: applications, authorization, tokens, identity.
//!
//! It joins the registry (non-secret data, shared between processes), the vault (the keychain) and
//! the provider (Factorial over HTTP), and owns the rules that span them:
//! - a pending authorization is single-use and expires; its outcome is written to the registry so a
//!   waiter in another process (the CLI's `authorize`) learns how it ended;
//! - tokens are stored in the keychain before anything uses them, and a failed refresh never drops
//!   the stored ones;
//! - two refreshes of one account never run at once, even across processes.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::account_lock::{AccountLock, hex};
use crate::app_profile::{AppProfile, NewApp};
use crate::callback::{self, CallbackInput, RedirectResult};
use crate::error::{CallbackError, Error, ProviderRefusal, Result};
use crate::identity::{AccountKind, Identity};
use crate::provider::Provider;
use crate::registry::{
    AccountRecord, Origin, Outcome, PendingAuthorization, Registry, RegistryData,
};
use crate::secret::Secret;
use crate::token_set::TokenSet;
use crate::vault::{SecretStore, Vault};

/// Tunables; the defaults are what users get.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long an authorization link stays valid.
    pub state_ttl: Duration,
    /// Refresh when the access token expires within this margin.
    pub refresh_margin: Duration,
    /// Per-request HTTP timeout.
    pub http_timeout: Duration,
    /// How long to wait for another process that is refreshing the same account.
    pub lock_wait: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            state_ttl: Duration::from_secs(10 * 60),
            refresh_margin: Duration::from_secs(60),
            http_timeout: Duration::from_secs(30),
            lock_wait: Duration::from_secs(90),
        }
    }
}

/// Seconds since the Unix epoch; injectable so tests can move time.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    })
}

/// A started authorization: open `url` in the browser, then wait for `state_hash`'s outcome.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorizationStart {
    pub app_name: String,
    pub kind: AccountKind,
    pub url: String,
    pub state_hash: String,
    pub expires_at: u64,
}

/// Where an answer came from; deep links are untrusted, pasted text is the user's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerSource<'a> {
    /// Any web page can open a `factorial-connect://` link, so it must carry a known `state`.
    DeepLink,
    /// The user pasted it while completing `pending` (if known). A bare code is accepted here.
    Paste { pending: Option<&'a str> },
}

/// A connected account, as the window and `status` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Connected {
    pub app_name: String,
    pub account: AccountRecord,
}

/// An application with its accounts, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct AppStatus {
    pub app: AppProfile,
    pub accounts: Vec<AccountRecord>,
}

/// Factorial Connect's engine over one data folder and one keychain.
pub struct Engine {
    registry: Registry,
    vault: Vault,
    provider: Provider,
    settings: Settings,
    clock: Clock,
}

impl Engine {
    pub fn new(
        data_dir: impl AsRef<Path>,
        store: impl SecretStore + 'static,
        settings: Settings,
    ) -> Result<Self> {
        Self::with_vault(data_dir, Vault::new(store), settings, system_clock())
    }

    /// For tests: a vault with a chosen entry limit and a movable clock.
    pub fn with_vault(
        data_dir: impl AsRef<Path>,
        vault: Vault,
        settings: Settings,
        clock: Clock,
    ) -> Result<Self> {
        Ok(Engine {
            registry: Registry::open(data_dir.as_ref())?,
            provider: Provider::new(settings.http_timeout)?,
            vault,
            settings,
            clock,
        })
    }

    pub fn data_dir(&self) -> &Path {
        self.registry.dir()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn now(&self) -> u64 {
        (self.clock)()
    }

    // ----- applications -------------------------------------------------------------------

    /// Validates and stores a new application; the secret goes to the keychain first, so a
    /// keychain problem leaves nothing half-added.
    pub fn add_app(&self, new: NewApp) -> Result<AppProfile> {
        let validated = new.validate(new_id(), self.now())?;
        let profile = validated.profile;
        ensure_name_free(&self.registry.read()?, &profile.name)?;
        if let Some(secret) = &validated.client_secret {
            self.vault.set_client_secret(&profile.id, secret)?;
        }
        let stored = self.registry.update(|data| {
            ensure_name_free(data, &profile.name)?;
            data.apps.push(profile.clone());
            Ok(profile.clone())
        });
        if stored.is_err() && validated.client_secret.is_some() {
            // Undo the keychain write; the registry error below is what the user needs to see.
            let _ = self.vault.delete_app(&profile.id, &[]);
        }
        stored
    }

    /// Removes an application, its secret and its accounts' tokens from this computer. Tokens stay
    /// valid at Factorial until revoked (`revoke` first to end them there).
    pub fn remove_app(&self, name: &str) -> Result<AppProfile> {
        let data = self.registry.read()?;
        let app = find_app(&data, name)?.clone();
        let accounts: Vec<String> = accounts_of(&data, &app.id).map(|a| a.id.clone()).collect();
        self.vault.delete_app(&app.id, &accounts)?;
        for pending in data.pending.iter().filter(|p| p.app_id == app.id) {
            self.vault.delete_pkce_verifier(&pending.state_hash)?;
        }
        self.registry.update(|data| {
            data.apps.retain(|a| a.id != app.id);
            data.accounts.retain(|a| a.app_id != app.id);
            data.pending.retain(|p| p.app_id != app.id);
            Ok(())
        })?;
        Ok(app)
    }

    pub fn app(&self, name: &str) -> Result<AppProfile> {
        find_app(&self.registry.read()?, name).cloned()
    }

    /// Every application with its accounts; reads no secret, so it never prompts for the keychain.
    pub fn status(&self) -> Result<Vec<AppStatus>> {
        let data = self.registry.read()?;
        Ok(data
            .apps
            .iter()
            .map(|app| AppStatus {
                app: app.clone(),
                accounts: accounts_of(&data, &app.id).cloned().collect(),
            })
            .collect())
    }

    // ----- authorization ------------------------------------------------------------------

    /// Prepares `/oauth/authorize` for an application and remembers the request (its PKCE verifier
    /// in the keychain), so the answer can arrive in any process, even after a restart.
    pub fn begin_authorization(
        &self,
        app_name: &str,
        kind: AccountKind,
        origin: Origin,
    ) -> Result<AuthorizationStart> {
        let app = self.app(app_name)?;
        if app.confidential {
            // Fail before the browser opens, not after the admin clicked Authorize.
            self.client_secret(&app)?;
        }
        let request = Provider::authorize_request(&app, kind)?;
        let state_hash = hash_state(request.state.expose());
        if let Some(verifier) = &request.verifier {
            self.vault.set_pkce_verifier(&state_hash, verifier)?;
        }
        let now = self.now();
        let expires_at = now + self.settings.state_ttl.as_secs();
        let pending = PendingAuthorization {
            state_hash: state_hash.clone(),
            app_id: app.id.clone(),
            kind,
            redirect_uri: app.redirect_uri.clone(),
            pkce: request.verifier.is_some(),
            origin,
            created_at: now,
            expires_at,
            claimed_at: None,
            outcome: None,
        };
        let stale = self.registry.update(|data| {
            let stale = prune_pending(data, now);
            data.pending.push(pending);
            Ok(stale)
        })?;
        for hash in stale {
            // Leftover verifiers of long-finished requests; harmless if this fails.
            let _ = self.vault.delete_pkce_verifier(&hash);
        }
        Ok(AuthorizationStart {
            app_name: app.name,
            kind,
            url: request.url.to_string(),
            state_hash,
            expires_at,
        })
    }

    /// How a pending authorization ended, if it has (`None` while it waits).
    pub fn outcome(&self, state_hash: &str) -> Result<Option<Outcome>> {
        let data = self.registry.read()?;
        Ok(data
            .pending
            .iter()
            .find(|p| p.state_hash == state_hash)
            .and_then(|p| p.outcome.clone()))
    }

    /// Where a pending authorization was started; `None` if unknown.
    pub fn origin_of(&self, answer: &str) -> Option<Origin> {
        let CallbackInput::Redirect {
            state: Some(state), ..
        } = callback::parse(answer).ok()?
        else {
            return None;
        };
        let hash = hash_state(&state);
        let data = self.registry.read().ok()?;
        data.pending
            .iter()
            .find(|p| p.state_hash == hash)
            .map(|p| p.origin)
    }

    /// Gives up on a pending authorization (the user pressed Cancel or Ctrl-C).
    pub fn cancel(&self, state_hash: &str) -> Result<()> {
        self.registry.update(|data| {
            if let Some(p) = data.pending.iter_mut().find(|p| p.state_hash == state_hash)
                && p.outcome.is_none()
            {
                p.outcome = Some(Outcome::Cancelled);
            }
            Ok(())
        })?;
        self.vault.delete_pkce_verifier(state_hash)
    }

    /// Completes an authorization from its answer: checks the state, exchanges the code, learns
    /// who the token belongs to, stores the tokens, and records the outcome for any waiter.
    pub async fn complete(&self, answer: &str, source: AnswerSource<'_>) -> Result<Connected> {
        let parsed = callback::parse(answer)?;
        let (hash, result, bare) = match (parsed, source) {
            (
                CallbackInput::Redirect {
                    state: Some(state),
                    result,
                },
                _,
            ) => (hash_state(&state), result, false),
            (CallbackInput::Redirect { state: None, .. }, AnswerSource::DeepLink) => {
                return Err(CallbackError::Malformed {
                    reason: "the link carries no state, so it cannot be matched to an authorization started here".into(),
                }
                .into());
            }
            (CallbackInput::BareCode(_), AnswerSource::DeepLink) => {
                return Err(CallbackError::Malformed {
                    reason: "a link must be an address".into(),
                }
                .into());
            }
            (
                CallbackInput::Redirect {
                    state: None,
                    result,
                },
                AnswerSource::Paste { pending },
            ) => (self.pending_for_paste(pending)?, result, true),
            (CallbackInput::BareCode(code), AnswerSource::Paste { pending }) => (
                self.pending_for_paste(pending)?,
                RedirectResult::Code(code),
                true,
            ),
        };
        let pending = self.claim(&hash)?;
        let outcome = self.finish(&pending, result, bare).await;
        let recorded = match &outcome {
            Ok(c) => Outcome::Connected {
                account_id: c.account.id.clone(),
                label: c.account.label.clone(),
            },
            Err(e) => Outcome::Failed {
                code: e.code().to_string(),
                message: e.to_string(),
            },
        };
        self.registry.update(|data| {
            if let Some(p) = data.pending.iter_mut().find(|p| p.state_hash == hash) {
                p.outcome = Some(recorded);
            }
            Ok(())
        })?;
        // The verifier is single-use like the state; a leftover is pruned later if this fails.
        let _ = self.vault.delete_pkce_verifier(&hash);
        outcome
    }

    /// The pending authorization a pasted code belongs to.
    fn pending_for_paste(&self, pending: Option<&str>) -> Result<String> {
        if let Some(hash) = pending {
            return Ok(hash.to_string());
        }
        let now = self.now();
        let data = self.registry.read()?;
        let mut open = data
            .pending
            .iter()
            .filter(|p| p.outcome.is_none() && p.claimed_at.is_none() && p.expires_at > now);
        match (open.next(), open.next()) {
            (Some(only), None) => Ok(only.state_hash.clone()),
            (None, _) => Err(CallbackError::NothingPending.into()),
            (Some(_), Some(_)) => Err(CallbackError::Malformed {
                reason: "several authorizations are waiting, so a bare code is ambiguous".into(),
            }
            .into()),
        }
    }

    /// Marks the pending request as used (single-use state), or says why it cannot be.
    fn claim(&self, state_hash: &str) -> Result<PendingAuthorization> {
        let now = self.now();
        let minutes = self.settings.state_ttl.as_secs().div_ceil(60);
        let claimed = self.registry.update(|data| {
            let Some(p) = data.pending.iter_mut().find(|p| p.state_hash == state_hash) else {
                return Ok(Err(CallbackError::UnknownState));
            };
            if p.claimed_at.is_some() || p.outcome.is_some() {
                return Ok(Err(CallbackError::Replayed));
            }
            p.claimed_at = Some(now);
            if now >= p.expires_at {
                let err = CallbackError::Expired { minutes };
                p.outcome = Some(Outcome::Failed {
                    code: "callback_rejected".into(),
                    message: err.to_string(),
                });
                return Ok(Err(err));
            }
            Ok(Ok(p.clone()))
        })?;
        claimed.map_err(Error::from)
    }

    async fn finish(
        &self,
        pending: &PendingAuthorization,
        result: RedirectResult,
        bare: bool,
    ) -> Result<Connected> {
        let data = self.registry.read()?;
        let app = data
            .apps
            .iter()
            .find(|a| a.id == pending.app_id)
            .cloned()
            .ok_or(CallbackError::UnknownState)?;
        let code = match result {
            RedirectResult::Code(code) => code,
            RedirectResult::Error { code, description } => {
                return Err(provider_callback_error(code, description));
            }
        };
        let secret = if app.confidential {
            Some(self.client_secret(&app)?)
        } else {
            None
        };
        let verifier = if pending.pkce {
            self.vault.pkce_verifier(&pending.state_hash)?
        } else {
            None
        };
        let now = self.now();
        let exchange = |verifier: Option<Secret>| {
            let (app, secret, code) = (&app, secret.clone(), code.clone());
            async move {
                self.provider
                    .exchange_code(
                        app,
                        secret.as_ref(),
                        &code,
                        &pending.redirect_uri,
                        verifier.as_ref(),
                        now,
                    )
                    .await
            }
        };
        let tokens = match exchange(verifier.clone()).await {
            // A bare code may come from Factorial's dashboard button, issued without PKCE; Doorkeeper
            // refuses a verifier for such a code without spending it, so try once more without.
            Err(Error::Provider {
                refusal: ProviderRefusal::InvalidGrant,
                ..
            }) if bare && verifier.is_some() => exchange(None).await?,
            other => other?,
        };
        let identity = self
            .provider
            .identity(&app, &tokens.access_token, pending.kind)
            .await;
        let (account_id, kind, label, email, company_id) = match &identity {
            Ok(id) => (
                id.account_id(),
                id.kind,
                id.label(),
                id.email.clone(),
                id.company_id.clone(),
            ),
            // The token is good even if the credentials endpoint is not; keep it, labelled plainly.
            Err(_) => {
                let id = format!("{}-{}", pending.kind.as_str(), &pending.state_hash[..8]);
                (
                    id.clone(),
                    pending.kind,
                    format!("{} account (not yet identified)", pending.kind.as_str()),
                    None,
                    None,
                )
            }
        };
        self.vault.set_tokens(&app.id, &account_id, &tokens)?;
        let record = AccountRecord {
            app_id: app.id.clone(),
            id: account_id,
            kind,
            label,
            email,
            company_id,
            scopes: if tokens.scopes.is_empty() {
                app.scopes.clone()
            } else {
                tokens.scopes.clone()
            },
            connected_at: now,
            access_expires_at: tokens.expires_at,
            has_refresh_token: tokens.refresh_token.is_some(),
            refreshed_at: None,
            needs_reconnect: None,
        };
        self.registry.update(|data| {
            data.accounts
                .retain(|a| !(a.app_id == record.app_id && a.id == record.id));
            data.accounts.push(record.clone());
            Ok(())
        })?;
        Ok(Connected {
            app_name: app.name,
            account: record,
        })
    }

    // ----- tokens -------------------------------------------------------------------------

    /// A valid access token for the account, refreshed first if it expires within the margin.
    pub async fn access_token(&self, app_name: &str, account: Option<&str>) -> Result<Secret> {
        let (app, record) = self.account(app_name, account)?;
        let tokens = self.tokens(&app, &record)?;
        if !tokens.expires_within(self.now(), self.settings.refresh_margin.as_secs()) {
            return Ok(tokens.access_token);
        }
        Ok(self
            .refresh_locked(&app, &record, false)
            .await?
            .access_token)
    }

    /// Refreshes now, whatever the expiry (the `refresh` command, the window's button).
    pub async fn refresh(&self, app_name: &str, account: Option<&str>) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        self.refresh_locked(&app, &record, true).await?;
        let (_, record) = self.account(app_name, Some(&record.id))?;
        Ok(record)
    }

    async fn refresh_locked(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        force: bool,
    ) -> Result<TokenSet> {
        let asked_at = self.now();
        let _lock = AccountLock::acquire(
            self.data_dir(),
            &app.id,
            &record.id,
            self.settings.lock_wait,
        )
        .await?;
        // Read again under the lock: another process may have refreshed while we waited.
        let tokens = self.tokens(app, record)?;
        let now = self.now();
        let fresh = !tokens.expires_within(now, self.settings.refresh_margin.as_secs());
        if (!force && fresh) || (force && tokens.obtained_at > asked_at) {
            return Ok(tokens);
        }
        let Some(refresh_token) = tokens.refresh_token.clone() else {
            return Err(Error::NotRefreshable {
                reason: if tokens.expires_at.is_none() {
                    "company tokens never expire and come without a refresh token."
                } else {
                    "Factorial gave no refresh token for it."
                },
            });
        };
        let secret = if app.confidential {
            Some(self.client_secret(app)?)
        } else {
            None
        };
        match self
            .provider
            .refresh(app, secret.as_ref(), &refresh_token, now)
            .await
        {
            Ok(new_tokens) => {
                // Store before use: if this process dies now, the keychain has the rotated pair.
                self.vault.set_tokens(&app.id, &record.id, &new_tokens)?;
                let mirrored = self.registry.update(|data| {
                    if let Some(a) = find_account_mut(data, &app.id, &record.id) {
                        a.access_expires_at = new_tokens.expires_at;
                        a.has_refresh_token = new_tokens.refresh_token.is_some();
                        a.refreshed_at = Some(now);
                        a.needs_reconnect = None;
                    }
                    Ok(())
                });
                // The registry only mirrors the expiry for display; the keychain holds the truth, so
                // a failed mirror must not fail a refresh whose tokens are already safely stored.
                drop(mirrored);
                Ok(new_tokens)
            }
            Err(e) if e.code() == "reconnect_needed" => {
                let reason = e.to_string();
                self.registry.update(|data| {
                    if let Some(a) = find_account_mut(data, &app.id, &record.id) {
                        a.needs_reconnect = Some(reason);
                    }
                    Ok(())
                })?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// Asks Factorial who the account's token belongs to (refreshing first if needed) and updates
    /// the account's label.
    pub async fn whoami(
        &self,
        app_name: &str,
        account: Option<&str>,
    ) -> Result<(AccountRecord, Identity)> {
        let (app, record) = self.account(app_name, account)?;
        let token = self.access_token(app_name, Some(&record.id)).await?;
        match self.provider.identity(&app, &token, record.kind).await {
            Ok(identity) => {
                let record = self.registry.update(|data| {
                    let a =
                        find_account_mut(data, &app.id, &record.id).ok_or(Error::NotConnected {
                            app: app.name.clone(),
                        })?;
                    a.label = identity.label();
                    a.email = identity.email.clone().or(a.email.take());
                    a.company_id = identity.company_id.clone().or(a.company_id.take());
                    a.needs_reconnect = None;
                    Ok(a.clone())
                })?;
                Ok((record, identity))
            }
            Err(e @ Error::TokenRejected { .. }) => {
                let reason = e.to_string();
                self.registry.update(|data| {
                    if let Some(a) = find_account_mut(data, &app.id, &record.id) {
                        a.needs_reconnect = Some(reason);
                    }
                    Ok(())
                })?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// Revokes the account's tokens at Factorial, then forgets them here. If Factorial cannot be
    /// reached, nothing is forgotten.
    pub async fn revoke(&self, app_name: &str, account: Option<&str>) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        let tokens = self.tokens(&app, &record)?;
        let secret = if app.confidential {
            Some(self.client_secret(&app)?)
        } else {
            None
        };
        if let Some(refresh) = &tokens.refresh_token {
            self.provider
                .revoke(&app, secret.as_ref(), refresh, "refresh_token")
                .await?;
        }
        self.provider
            .revoke(&app, secret.as_ref(), &tokens.access_token, "access_token")
            .await?;
        self.forget_account(&app, &record)?;
        Ok(record)
    }

    /// Forgets the account's tokens on this computer only (they stay valid at Factorial).
    pub fn forget(&self, app_name: &str, account: Option<&str>) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        self.forget_account(&app, &record)?;
        Ok(record)
    }

    fn forget_account(&self, app: &AppProfile, record: &AccountRecord) -> Result<()> {
        self.vault.delete_tokens(&app.id, &record.id)?;
        self.registry.update(|data| {
            data.accounts
                .retain(|a| !(a.app_id == app.id && a.id == record.id));
            Ok(())
        })
    }

    // ----- lookups ------------------------------------------------------------------------

    /// The application and one of its accounts: the one named (by id, e-mail, label or company
    /// id), or the only one.
    pub fn account(
        &self,
        app_name: &str,
        selector: Option<&str>,
    ) -> Result<(AppProfile, AccountRecord)> {
        let data = self.registry.read()?;
        let app = find_app(&data, app_name)?.clone();
        let accounts: Vec<&AccountRecord> = accounts_of(&data, &app.id).collect();
        if accounts.is_empty() {
            return Err(Error::NotConnected { app: app.name });
        }
        let chosen = match selector.map(str::trim) {
            Some(s) => accounts
                .iter()
                .find(|a| {
                    a.id == s
                        || a.email
                            .as_deref()
                            .is_some_and(|e| e.eq_ignore_ascii_case(s))
                        || a.label.eq_ignore_ascii_case(s)
                        || (a.kind == AccountKind::Company && a.company_id.as_deref() == Some(s))
                })
                .ok_or_else(|| Error::AccountNotFound {
                    app: app.name.clone(),
                    account: s.to_string(),
                    known: accounts.iter().map(|a| a.id.clone()).collect(),
                })?,
            None if accounts.len() == 1 => &accounts[0],
            None => {
                return Err(Error::AccountAmbiguous {
                    app: app.name.clone(),
                    accounts: accounts
                        .iter()
                        .map(|a| format!("{} ({})", a.id, a.label))
                        .collect(),
                });
            }
        };
        let record = (*chosen).clone();
        Ok((app, record))
    }

    fn tokens(&self, app: &AppProfile, record: &AccountRecord) -> Result<TokenSet> {
        self.vault
            .tokens(&app.id, &record.id)?
            .ok_or(Error::SecretMissing {
                what: "token of this account",
                remedy: "Connect the account again.",
            })
    }

    fn client_secret(&self, app: &AppProfile) -> Result<Secret> {
        self.vault.client_secret(&app.id)?.ok_or(Error::SecretMissing {
            what: "client secret of this application",
            remedy: "Remove the application and add it again with its secret (Factorial shows a secret only once; create a new application there if it is lost).",
        })
    }
}

fn provider_callback_error(code: String, description: Option<String>) -> Error {
    if code == "access_denied" {
        return CallbackError::Denied.into();
    }
    let hint = match code.as_str() {
        "invalid_scope" => "Ask only for scopes that are enabled on the application in Factorial.",
        "unauthorized_client" => "Check the application's settings in Factorial.",
        "invalid_request" => {
            "Check the client ID and redirect URI against the application's page in Factorial."
        }
        _ => "Try again; if it keeps failing, check the application's settings in Factorial.",
    };
    CallbackError::ProviderError {
        description: description.unwrap_or_else(|| "no details given".into()),
        code,
        hint,
    }
    .into()
}

/// Drops pending requests that ended or expired over an hour ago; returns their hashes so their
/// verifiers can be removed from the keychain.
fn prune_pending(data: &mut RegistryData, now: u64) -> Vec<String> {
    let keep = |p: &PendingAuthorization| p.expires_at + 3600 > now;
    let stale = data
        .pending
        .iter()
        .filter(|p| !keep(p))
        .map(|p| p.state_hash.clone())
        .collect();
    data.pending.retain(keep);
    stale
}

fn hash_state(state: &str) -> String {
    hex(&Sha256::digest(state.as_bytes()))
}

fn new_id() -> String {
    // 64 random bits as hex: safe in keychain entry names and file names.
    hex(&Sha256::digest(oauth2::CsrfToken::new_random().secret().as_bytes())[..8])
}

fn ensure_name_free(data: &RegistryData, name: &str) -> Result<()> {
    if data.apps.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
        return Err(Error::AppExists {
            name: name.to_string(),
        });
    }
    Ok(())
}

fn find_app<'a>(data: &'a RegistryData, name: &str) -> Result<&'a AppProfile> {
    let name = name.trim();
    data.apps
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| Error::AppNotFound {
            name: name.to_string(),
            known: data.apps.iter().map(|a| a.name.clone()).collect(),
        })
}

fn accounts_of<'a>(
    data: &'a RegistryData,
    app_id: &'a str,
) -> impl Iterator<Item = &'a AccountRecord> {
    data.accounts.iter().filter(move |a| a.app_id == app_id)
}

fn find_account_mut<'a>(
    data: &'a mut RegistryData,
    app_id: &str,
    account_id: &str,
) -> Option<&'a mut AccountRecord> {
    data.accounts
        .iter_mut()
        .find(|a| a.app_id == app_id && a.id == account_id)
}

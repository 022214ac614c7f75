//! The one API the window and the CLI call: applications, authorization, tokens, identity.
//!
//! It joins the registry (non-secret data, shared between processes), the vault (the keychain) and
//! the provider (Factorial over HTTP), and owns the rules that span them:
//! - a pending authorization is single-use and expires; its outcome is written to the registry so a
//!   waiter in another process (the CLI's `authorize`) learns how it ended;
//! - tokens are stored in the keychain before anything uses them, and a failed refresh never drops
//!   the stored ones;
//! - anything that reads or replaces an account's tokens (refresh, revoke, forget, removing the
//!   application, storing a new connection) holds the account's lock, even across processes.
//!
//! The work is split by concern: [`apps`] (applications), [`authorization`] (from the authorize
//! address to a connected account) and [`tokens`] (refresh, identity, revoke, forget).

mod apps;
mod authorization;
mod finish;
mod hand_over;
mod own_verifiers;
mod pending;
mod sharing;
mod tokens;

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::account_lock::AccountLock;
use crate::app_profile::AppProfile;
use crate::error::{Error, ErrorCode, KeychainProblem, Result, SecretKind};
use crate::identity::AccountKind;
use crate::provider::Provider;
use crate::registry::{AccountRecord, LoadNotice, Registry};
use crate::secret::Secret;
use crate::token_set::TokenSet;
use crate::vault::{DEFAULT_KEYCHAIN_TIMEOUT, SecretStore, Vault};

pub use apps::AppChanges;
pub use authorization::{AnswerSource, AuthorizationStart, Stage};
pub use hand_over::KEEPER_FOLDER;
pub use sharing::Published;
pub use tokens::Access;

/// Tunables; the defaults are what users get.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long an authorization link stays valid.
    pub state_ttl: Duration,
    /// Refresh when the access token expires within this margin.
    pub refresh_margin: Duration,
    /// Per-request HTTP timeout.
    pub http_timeout: Duration,
    /// How long to wait for another process that is using the same account.
    pub lock_wait: Duration,
    /// How long one keychain call may take before it counts as not answering.
    pub keychain_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            state_ttl: Duration::from_secs(10 * 60),
            refresh_margin: Duration::from_secs(60),
            http_timeout: Duration::from_secs(30),
            lock_wait: Duration::from_secs(90),
            keychain_timeout: DEFAULT_KEYCHAIN_TIMEOUT,
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

/// A connected account, as the window and `status` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Connected {
    pub app_name: String,
    pub account: AccountRecord,
    /// The authorization this connection completed, so a window shows it only where it waits.
    pub state_hash: String,
}

impl Connected {
    /// The outcome recorded for waiters and reported to the window.
    pub fn outcome(&self) -> crate::registry::Outcome {
        crate::registry::Outcome::Connected {
            app_name: self.app_name.clone(),
            account_id: self.account.id.clone(),
            label: self.account.label.clone(),
            unidentified: self.account.unidentified.clone(),
        }
    }
}

/// Part of the list of applications, with the totals (see [`Engine::list`]).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct AppList {
    pub apps: Vec<AppStatus>,
    pub total_apps: u32,
    pub total_accounts: u32,
}

/// An application with its accounts, for lists.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct AppStatus {
    pub app: AppProfile,
    pub accounts: Vec<AccountStatus>,
}

/// An account with its health when the list was made.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct AccountStatus {
    #[serde(flatten)]
    pub account: AccountRecord,
    pub health: crate::health::Health,
    /// When the refresh token is believed to stop working (user accounts).
    pub refresh_expires_at: Option<u64>,
    /// When the keep-alive refreshes the account next, while the app runs.
    pub keep_alive_at: Option<u64>,
}

/// Factorial Connect's engine over one data folder and one keychain.
pub struct Engine {
    registry: Registry,
    vault: Vault,
    /// Built on first use: most commands (`token` with a valid token, `status`, `apps …`) never
    /// touch the network and should not pay for a TLS client.
    provider: OnceLock<Provider>,
    settings: Settings,
    clock: Clock,
    notices: Vec<LoadNotice>,
    own_verifiers: own_verifiers::OwnVerifiers,
}

impl Engine {
    pub fn new(
        data_dir: impl AsRef<Path>,
        store: impl SecretStore + 'static,
        settings: Settings,
    ) -> Result<Self> {
        let vault = Vault::new(store).with_timeout(settings.keychain_timeout);
        Self::with_vault(data_dir, vault, settings, system_clock())
    }

    /// For tests: a vault with a chosen entry limit and a movable clock.
    pub fn with_vault(
        data_dir: impl AsRef<Path>,
        vault: Vault,
        settings: Settings,
        clock: Clock,
    ) -> Result<Self> {
        let registry = Registry::open(data_dir.as_ref())?;
        // A file we cannot read is reported by the first command that needs it, not here: the
        // window must still open to say so.
        let notices = registry.migrate().unwrap_or_default();
        Ok(Engine {
            registry,
            provider: OnceLock::new(),
            vault,
            settings,
            clock,
            notices,
            own_verifiers: Default::default(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        self.registry.dir()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Calls `on_change` whenever any process changes the registry (an account refreshed, an
    /// authorization completed, an application added); watching stops when the result is dropped.
    pub fn watch(&self, on_change: impl Fn() + Send + 'static) -> Result<crate::watch::DataWatch> {
        crate::watch::watch_file(self.data_dir(), crate::registry::FILE_NAME, on_change)
    }

    /// What loading the data folder changed, for the admin to hear once.
    pub fn notices(&self) -> &[LoadNotice] {
        &self.notices
    }

    /// Unix seconds by the engine's clock (movable in tests).
    pub fn now(&self) -> u64 {
        (self.clock)()
    }

    fn provider(&self) -> Result<&Provider> {
        if let Some(p) = self.provider.get() {
            return Ok(p);
        }
        let built = Provider::new(self.settings.http_timeout)?;
        Ok(self.provider.get_or_init(|| built))
    }

    /// The application and one of its accounts: the one named (by id, e-mail, label or company
    /// id), or the only one.
    pub fn account(
        &self,
        app_name: &str,
        selector: Option<&str>,
    ) -> Result<(AppProfile, AccountRecord)> {
        let data = self.registry.read()?;
        let app = data.app(app_name)?.clone();
        let accounts: Vec<&AccountRecord> = data.accounts_of(&app.id).collect();
        if accounts.is_empty() {
            return Err(ErrorCode::NotConnected { app: app.name }.into());
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
                .ok_or_else(|| ErrorCode::AccountNotFound {
                    app: app.name.clone(),
                    account: crate::error::plain_text(s, 100),
                    known: accounts.iter().map(|a| a.id.clone()).collect(),
                })?,
            None if accounts.len() == 1 => &accounts[0],
            None => {
                return Err(ErrorCode::AccountAmbiguous {
                    app: app.name.clone(),
                    accounts: accounts
                        .iter()
                        .map(|a| format!("{} ({})", a.id, a.label))
                        .collect(),
                }
                .into());
            }
        };
        let record = (*chosen).clone();
        Ok((app, record))
    }

    /// The account's cross-process lock, waiting at most the configured time.
    async fn account_lock(&self, app_id: &str, account_id: &str) -> Result<AccountLock> {
        AccountLock::acquire(self.data_dir(), app_id, account_id, self.settings.lock_wait).await
    }

    /// Takes the account's cross-process lock, then reads its record again: whatever the caller
    /// saw before waiting may have been refreshed or forgotten meanwhile.
    async fn lock_account(
        &self,
        app: &AppProfile,
        account_id: &str,
    ) -> Result<(AccountLock, AccountRecord)> {
        let lock = self.account_lock(&app.id, account_id).await?;
        let record = self
            .registry
            .read()?
            .account(&app.id, account_id)
            .cloned()
            .ok_or_else(|| ErrorCode::NotConnected {
                app: app.name.clone(),
            })?;
        Ok((lock, record))
    }

    fn tokens(&self, app: &AppProfile, record: &AccountRecord) -> Result<TokenSet> {
        self.vault.tokens(&app.id, &record.id)?.ok_or(
            ErrorCode::SecretMissing {
                secret: SecretKind::Tokens,
            }
            .into(),
        )
    }

    fn client_secret(&self, app: &AppProfile) -> Result<Option<Secret>> {
        if !app.confidential {
            return Ok(None);
        }
        self.vault.client_secret(&app.id)?.map(Some).ok_or(
            ErrorCode::SecretMissing {
                secret: SecretKind::ClientSecret,
            }
            .into(),
        )
    }

    /// Stores tokens Factorial just issued. The server has already moved on (a code spent, a
    /// refresh token rotated), so a keychain hiccup must not lose them: the write is retried, and
    /// if it still fails the new tokens are revoked at Factorial (best effort) so that nothing
    /// usable is left where the admin cannot see it.
    async fn save_new_tokens(
        &self,
        app: &AppProfile,
        secret: Option<&Secret>,
        account_id: &str,
        tokens: &TokenSet,
    ) -> Result<()> {
        let mut last = None;
        for pause_ms in [0, 250, 1000] {
            tokio::time::sleep(Duration::from_millis(pause_ms)).await;
            match self.vault.set_tokens(&app.id, account_id, tokens) {
                Ok(()) => return Ok(()),
                // A keychain that does not answer would make each retry wait the whole timeout.
                Err(e)
                    if *e.code()
                        == (ErrorCode::Keychain {
                            problem: KeychainProblem::NotResponding,
                        }) =>
                {
                    last = Some(e);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let problem = match last.as_ref().map(Error::code) {
            Some(ErrorCode::Keychain { problem }) => *problem,
            _ => KeychainProblem::Other,
        };
        let revoked = self.revoke_best_effort(app, secret, tokens).await;
        let code = ErrorCode::TokensNotSaved { revoked, problem };
        Err(match last {
            Some(cause) => Error::with_cause(code, cause),
            None => code.into(),
        })
    }

    /// Revokes the oldest replaced tokens a successor no longer remembers (see
    /// `TokenSet::succeeded_by`); answers those Factorial did not confirm, which stay listed.
    async fn revoke_let_go(
        &self,
        app: &AppProfile,
        secret: Option<&Secret>,
        let_go: &[Secret],
    ) -> Vec<Secret> {
        let let_go = let_go.iter().map(|t| (t.clone(), "")).collect();
        self.revoke_displaced(app, secret, let_go).await
    }

    /// Revokes the tokens a new connection displaced; answers those Factorial did not confirm.
    async fn revoke_displaced(
        &self,
        app: &AppProfile,
        secret: Option<&Secret>,
        displaced: Vec<(Secret, &'static str)>,
    ) -> Vec<Secret> {
        let Ok(provider) = self.provider() else {
            return displaced.into_iter().map(|(t, _)| t).collect();
        };
        let mut unrevoked = Vec::new();
        for (token, hint) in displaced {
            if self
                .end_token(provider, app, secret, &token, hint)
                .await
                .is_err()
            {
                unrevoked.push(token);
            }
        }
        unrevoked
    }

    /// Ends `token` at Factorial for sure. Doorkeeper's revoke endpoint ends a token only while the
    /// access token of its pair is still valid, and answers 200 either way: revoked after its access
    /// token expired, a refresh token keeps working for its whole life (a week). So a token that is
    /// not known to be an access token is then also tried as a refresh token. If Factorial still
    /// takes it, the pair it gives is used once, which with rotation on use is what ends the token
    /// presented, and revoked while it is fresh. A refused refresh is the proof it no longer works.
    pub(crate) async fn end_token(
        &self,
        provider: &Provider,
        app: &AppProfile,
        secret: Option<&Secret>,
        token: &Secret,
        hint: &'static str,
    ) -> Result<()> {
        provider.revoke(app, secret, token, hint).await?;
        if hint == "access_token" {
            // Revoked if it still worked, and dead if it had expired.
            return Ok(());
        }
        match provider.refresh(app, secret, token, self.now()).await {
            Ok(successor) => {
                // Any answer will do: the call itself is the first use.
                let _ = provider
                    .identity(app, &successor.access_token, AccountKind::User)
                    .await;
                for (fresh, hint) in successor.all_live() {
                    if fresh != token {
                        provider.revoke(app, secret, fresh, hint).await?;
                    }
                }
                Ok(())
            }
            Err(e) if matches!(e.code(), ErrorCode::ReconnectNeeded { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Revokes a freshly issued pair that cannot be kept; true if Factorial confirmed both.
    async fn revoke_best_effort(
        &self,
        app: &AppProfile,
        secret: Option<&Secret>,
        tokens: &TokenSet,
    ) -> bool {
        let Ok(provider) = self.provider() else {
            return false;
        };
        let mut revoked = true;
        for (token, hint) in [
            (tokens.refresh_token.as_ref(), "refresh_token"),
            (Some(&tokens.access_token), "access_token"),
        ] {
            if let Some(token) = token {
                revoked &= provider.revoke(app, secret, token, hint).await.is_ok();
            }
        }
        revoked
    }
}

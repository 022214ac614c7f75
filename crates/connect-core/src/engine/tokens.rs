//! Living with tokens: a valid access token on demand, refresh (RFC 6749 §6) with rotation,
//! identity, revoke (RFC 7009) and forget. Each step that reads or replaces an account's tokens
//! does so under the account's lock, after reading the account again.

use crate::app_profile::AppProfile;
use crate::error::{ErrorCode, NotRefreshable, Result};
use crate::health::AttentionReason;
use crate::identity::Identity;
use crate::registry::AccountRecord;
use crate::secret::Secret;
use crate::token_set::{MAX_LISTED, TokenSet};

use super::Engine;
use crate::keep_alive::{self, Due};

/// A valid access token and what a tool needs to use it (`token --json`, `exec`).
#[derive(Debug, Clone)]
pub struct Access {
    pub app: AppProfile,
    pub account: AccountRecord,
    pub token: Secret,
    /// `None` for a token that never expires (a company token).
    pub expires_at: Option<u64>,
    pub scopes: Vec<String>,
    /// The API's base URL, for `FACTORIAL_API_URL`.
    pub api_url: String,
}

/// When a refresh asked for is still wanted once the account's lock is held.
#[derive(Clone, Copy)]
enum When {
    /// The admin asked for it.
    Now,
    /// A token is wanted and this one expires within this many seconds.
    Expiring(u64),
    /// The keep-alive found it due.
    KeepAlive,
}

impl Engine {
    /// Seconds before expiry within which a token is refreshed before it is handed out.
    pub fn refresh_margin(&self) -> u64 {
        self.settings.refresh_margin.as_secs()
    }

    /// A valid access token for the account, refreshed first if it expires within the margin.
    pub async fn access_token(&self, app_name: &str, account: Option<&str>) -> Result<Secret> {
        Ok(self
            .access(app_name, account, self.refresh_margin())
            .await?
            .token)
    }

    /// A valid access token with what a tool needs to use it: refreshed first if it has less than
    /// `margin` seconds left (a script that runs for minutes asks for more than a single call).
    pub async fn access(
        &self,
        app_name: &str,
        account: Option<&str>,
        margin: u64,
    ) -> Result<Access> {
        let (app, record) = self.account(app_name, account)?;
        if let Some(sharing) = record.sharing.as_ref().filter(|s| s.kept_by.is_some()) {
            // Keepers refresh it: their published token is the one to hand out.
            let (token, expires_at) = self.kept_token(&app, &record, sharing).await?;
            return Ok(Access {
                // The application's own, as for any account: not what the server says.
                api_url: app.environment.api_url(),
                app,
                account: record,
                expires_at,
                scopes: token.scopes.clone(),
                token: token.access_token,
            });
        }
        let mut tokens = self.tokens(&app, &record)?;
        if tokens.expires_within(self.now(), margin) {
            let refreshed;
            (tokens, refreshed) = self
                .refresh_locked(&app, &record, When::Expiring(margin))
                .await?;
            // As after any refresh: where the account is shared, its new token is published (a
            // failure is recorded on the account and tried again by the keep-alive).
            if refreshed && record.sharing.is_some() {
                let _ = self.publish(app_name, Some(&record.id)).await;
            }
        }
        let scopes = tokens.scopes_or(&record.scopes);
        Ok(Access {
            api_url: app.environment.api_url(),
            app,
            account: record,
            expires_at: tokens.expires_at,
            scopes,
            token: tokens.access_token,
        })
    }

    /// Refreshes now, whatever the expiry (the `refresh` command, the window's button).
    pub async fn refresh(&self, app_name: &str, account: Option<&str>) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        let refreshed = self.refresh_locked(&app, &record, When::Now).await?;
        self.learn_owner_after_refresh(&app, &record, &refreshed)
            .await;
        let (_, record) = self.account(app_name, Some(&record.id))?;
        Ok(record)
    }

    /// Every account the keep-alive looks after (user accounts with a refresh token that do not
    /// need the admin), soonest due first. Reads no secret.
    pub fn keep_alive_plan(&self) -> Result<Vec<Due>> {
        let data = self.registry.read()?;
        let mut plan: Vec<Due> = data
            .accounts
            .iter()
            .filter(|a| a.needs_reconnect.is_none())
            .filter_map(|a| {
                let app = data.app_by_id(&a.app_id)?;
                Some(Due {
                    app_name: app.name.clone(),
                    account_id: a.id.clone(),
                    due_at: a.keep_alive_at(app)?,
                })
            })
            .collect();
        plan.sort_by_key(|d| d.due_at);
        Ok(plan)
    }

    /// Refreshes the account if the keep-alive finds it due once its lock is held (a script may
    /// have refreshed it a moment ago); answers whether it refreshed.
    pub async fn refresh_if_due(&self, app_name: &str, account_id: &str) -> Result<bool> {
        let (app, record) = self.account(app_name, Some(account_id))?;
        let refreshed = self.refresh_locked(&app, &record, When::KeepAlive).await?;
        self.learn_owner_after_refresh(&app, &record, &refreshed)
            .await;
        Ok(refreshed.1)
    }

    /// Whether the application's Factorial answers at all just now (any answer, even an error):
    /// the keep-alive asks this of accounts it could not reach, to try them as soon as the network
    /// is back. Sends nothing secret and touches no keychain.
    pub async fn answers(&self, app_name: &str) -> bool {
        let Ok(app) = self.app(app_name) else {
            return false;
        };
        match self.provider() {
            Ok(provider) => provider.answers(&app).await,
            Err(_) => false,
        }
    }

    /// Refreshes under the account's lock if `when` still holds there; the tokens the account has
    /// afterwards, and whether they are new.
    async fn refresh_locked(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        when: When,
    ) -> Result<(TokenSet, bool)> {
        let asked_at = self.now();
        // If the account was forgotten or removed while we waited, this fails and nothing is
        // written: a refresh never brings back tokens the admin let go of.
        let (_lock, record) = self.lock_account(app, &record.id).await?;
        refused_when_kept(app, &record)?;
        let tokens = self.tokens(app, &record)?;
        let now = self.now();
        if !still_wanted(app, &record, &tokens, when, asked_at, now) {
            return Ok((tokens, false));
        }
        let refresh_token = refresh_token_of(&tokens)?;
        let secret = self.client_secret(app)?;
        let refreshed = self
            .provider()?
            .refresh(app, secret.as_ref(), &refresh_token, now)
            .await;
        match refreshed {
            Ok(answer) => {
                let (new_tokens, let_go) = tokens.succeeded_by(answer);
                self.keep_new_tokens(app, &record, secret.as_ref(), &new_tokens, &let_go, when)
                    .await?;
                self.mirror_refresh(app, &record, &new_tokens, now);
                Ok((new_tokens, true))
            }
            Err(e) if matches!(e.code(), ErrorCode::ReconnectNeeded { .. }) => {
                self.mark_needs_admin(app, &record, AttentionReason::Refused);
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// Stores a refresh's new pair before it is used: if this process dies now, the keychain has
    /// the rotated pair. The tokens it lets go of stay listed until Factorial confirms their end: a
    /// process killed in between must not forget a token that still works.
    async fn keep_new_tokens(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        secret: Option<&Secret>,
        new_tokens: &TokenSet,
        let_go: &[Secret],
        when: When,
    ) -> Result<()> {
        if let Err(e) = self
            .save_new_tokens(app, secret, &record.id, &new_tokens.still_listing(let_go))
            .await
        {
            self.mark_needs_admin(app, record, AttentionReason::TokensNotSaved);
            return Err(e);
        }
        // A script waiting for its token (`token`, `exec`) does not wait for this while the list
        // is short: the tokens stay listed, and the next refresh that nobody waits on (the
        // window's keep-alive, Refresh) lets go of them again and ends them. Without a window the
        // list would grow to its bound and forget live tokens, so past half of it a script ends
        // the oldest few each time: two more requests per token, and the list shrinks by two per
        // refresh.
        let listed = new_tokens.replaced.len() + let_go.len();
        let to_end = match when {
            When::Expiring(_) if listed <= MAX_LISTED / 2 => 0,
            When::Expiring(_) => let_go.len().min(4),
            When::Now | When::KeepAlive => let_go.len(),
        };
        if to_end > 0 {
            let mut still_live = self.revoke_let_go(app, secret, &let_go[..to_end]).await;
            still_live.extend_from_slice(&let_go[to_end..]);
            // A plain write: the pair is stored already; failing here leaves the let-go tokens
            // listed, and the next refresh tries them again.
            let _ =
                self.vault
                    .set_tokens(&app.id, &record.id, &new_tokens.still_listing(&still_live));
        }
        Ok(())
    }

    /// The registry mirrors the new expiry for display. The keychain holds the truth, so a failed
    /// mirror must not fail a refresh whose tokens are already safely stored.
    fn mirror_refresh(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        tokens: &TokenSet,
        now: u64,
    ) {
        let mirrored = self.registry.update(|data| {
            if let Some(a) = data.account_mut(&app.id, &record.id) {
                a.access_expires_at = tokens.expires_at;
                a.has_refresh_token = tokens.refresh_token.is_some();
                a.refreshed_at = Some(now);
                a.needs_reconnect = None;
            }
            Ok(())
        });
        drop(mirrored);
    }

    /// Records that the account needs the admin; the error that said so is what they see now.
    fn mark_needs_admin(&self, app: &AppProfile, record: &AccountRecord, why: AttentionReason) {
        let marked = self.registry.update(|data| {
            if let Some(a) = data.account_mut(&app.id, &record.id) {
                a.needs_reconnect = Some(why);
            }
            Ok(())
        });
        // Only a display hint: the next command meets the same refusal and says so again.
        drop(marked);
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
        self.learn_owner(&app, &record, &token).await
    }

    /// Asks who `token` belongs to and records the answer on the account: its owner, or, for an
    /// account whose owner is not known yet, why Factorial still would not say.
    async fn learn_owner(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        token: &Secret,
    ) -> Result<(AccountRecord, Identity)> {
        match self.provider()?.identity(app, token, record.kind).await {
            Ok(identity) => {
                let record = self.registry.update(|data| {
                    let a =
                        data.account_mut(&app.id, &record.id)
                            .ok_or(ErrorCode::NotConnected {
                                app: app.name.clone(),
                            })?;
                    a.label = identity.label();
                    a.email = identity.email.clone().or(a.email.take());
                    a.company_id = identity.company_id.clone().or(a.company_id.take());
                    a.owner = Some(identity.account_id());
                    a.unidentified = None;
                    a.needs_reconnect = None;
                    Ok(a.clone())
                })?;
                Ok((record, identity))
            }
            Err(e) if matches!(e.code(), ErrorCode::TokenRejected { .. }) => {
                self.mark_needs_admin(app, record, AttentionReason::Refused);
                Err(e)
            }
            Err(e) => {
                if record.unidentified.is_some() {
                    let noted = self.registry.update(|data| {
                        if let Some(a) = data.account_mut(&app.id, &record.id) {
                            a.unidentified = Some(e.code().clone());
                        }
                        Ok(())
                    });
                    // Only the reason shown; the next Test asks again.
                    drop(noted);
                }
                Err(e)
            }
        }
    }

    /// After a refresh of an account whose owner Factorial has not named, asks again with the new
    /// token: a scope added since may let it answer now. The refresh stands either way.
    async fn learn_owner_after_refresh(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        refreshed: &(TokenSet, bool),
    ) {
        if record.unidentified.is_some() && refreshed.1 {
            let _ = self
                .learn_owner(app, record, &refreshed.0.access_token)
                .await;
        }
    }

    /// Revokes the account's tokens at Factorial — the current pair and every replaced one it may
    /// still honour — then forgets them here. If Factorial cannot be reached, nothing is forgotten.
    pub async fn revoke(&self, app_name: &str, account: Option<&str>) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        let (_lock, record) = self.lock_account(&app, &record.id).await?;
        // Its tokens here are behind the keepers'; revoking them could end the keepers' session
        // (Doorkeeper keeps a replaced pair alive until the new one is used).
        refused_when_kept(&app, &record)?;
        let tokens = self.tokens(&app, &record)?;
        let secret = self.client_secret(&app)?;
        let provider = self.provider()?;
        for (token, hint) in tokens.all_live() {
            self.end_token(provider, &app, secret.as_ref(), token, hint)
                .await?;
        }
        let gone = self.unshare_best_effort(&app, &record).await;
        self.forget_locked(&app, &record)?;
        Ok(gone)
    }

    /// Forgets the account's tokens on this computer only (they stay valid at Factorial). As with
    /// revoke, what it shared is taken back; the record returned says if that failed.
    pub async fn forget(&self, app_name: &str, account: Option<&str>) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        let (_lock, record) = self.lock_account(&app, &record.id).await?;
        // What keepers keep and publish stays theirs: only this computer's copy is forgotten.
        let kept = record.kept_by().is_some();
        let gone = if kept {
            record.clone()
        } else {
            self.unshare_best_effort(&app, &record).await
        };
        if kept {
            self.vault.delete_share_login(&app.id, &record.id)?;
        }
        self.forget_locked(&app, &record)?;
        Ok(gone)
    }

    fn forget_locked(&self, app: &AppProfile, record: &AccountRecord) -> Result<()> {
        self.vault.delete_tokens(&app.id, &record.id)?;
        self.registry.update(|data| {
            data.remove_account(&app.id, &record.id);
            Ok(())
        })
    }
}

/// Whether the refresh asked for is still wanted once the account's lock is held: another process
/// may have done it meanwhile.
fn still_wanted(
    app: &AppProfile,
    record: &AccountRecord,
    tokens: &TokenSet,
    when: When,
    asked_at: u64,
    now: u64,
) -> bool {
    match when {
        // Someone else refreshed after the admin asked: that is the refresh they asked for.
        When::Now => tokens.obtained_at <= asked_at,
        When::Expiring(margin) => tokens.expires_within(now, margin),
        When::KeepAlive => keep_alive::due_at(
            tokens.obtained_at,
            tokens.expires_at,
            tokens
                .refresh_token
                .as_ref()
                .map(|_| tokens.obtained_at.saturating_add(app.refresh_lifetime_secs)),
            &record.id,
        )
        .is_some_and(|due| due <= now),
    }
}

/// The refresh token, or why the account has none: a company token never expires and needs none.
pub(super) fn refresh_token_of(tokens: &TokenSet) -> Result<Secret> {
    tokens.refresh_token.clone().ok_or_else(|| {
        ErrorCode::NotRefreshable {
            reason: if tokens.expires_at.is_none() {
                NotRefreshable::CompanyToken
            } else {
                NotRefreshable::NoRefreshToken
            },
        }
        .into()
    })
}

/// What only the keepers do for an account handed over to them.
fn refused_when_kept(app: &AppProfile, record: &AccountRecord) -> Result<()> {
    match &record.sharing {
        Some(sharing) => match &sharing.kept_by {
            Some(kept) => Err(super::hand_over::kept_error(&app.name, sharing, kept)),
            None => Ok(()),
        },
        None => Ok(()),
    }
}

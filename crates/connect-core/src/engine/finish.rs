//! The end of an authorization, once an answer has been claimed: the code exchanged, the owner
//! asked for, the tokens stored under the account's lock (ending the session they replace), and the
//! account recorded for every process to see. From the exchange on, Factorial has issued tokens:
//! no way out may leave them live and unknown.

use crate::app_profile::AppProfile;
use crate::error::{ErrorCode, Result};
use crate::identity::{AccountKind, Identity};
use crate::registry::{AccountRecord, PendingAuthorization};
use crate::secret::Secret;
use crate::token_set::TokenSet;

use super::authorization::ExchangeInputs;
use super::{Connected, Engine};

impl Engine {
    pub(super) async fn finish(
        &self,
        pending: &PendingAuthorization,
        inputs: ExchangeInputs,
        pasted_code: bool,
    ) -> Result<Connected> {
        let now = self.now();
        let tokens = self.exchange(pending, &inputs, pasted_code, now).await?;
        let ExchangeInputs { app, secret, .. } = inputs;
        let identity = self
            .provider()?
            .identity(&app, &tokens.access_token, pending.kind)
            .await;
        let kind = identity.as_ref().map_or(pending.kind, |id| id.kind);
        let account_id = self.landing_account(&app.id, kind, &identity, || {
            let short = pending.state_hash.get(..8).unwrap_or("unknown");
            format!("{}-{short}", pending.kind.as_str())
        });
        let replaced = self
            .store_connection(&app, secret.as_ref(), &account_id, &tokens)
            .await?;
        let record = account_record(&app, account_id, kind, &identity, &tokens, now);
        let app_name = match self.record_connection(pending, &app, &record) {
            Ok(name) => name,
            // A known account keeps its record, which points at the entry now holding the new
            // tokens (and remembering the old): nothing is lost, only the listed expiry is stale.
            Err(e) if replaced => return Err(e),
            Err(e) => {
                // No record points at these tokens: end them and leave nothing in the keychain.
                self.revoke_best_effort(&app, secret.as_ref(), &tokens)
                    .await;
                let _ = self.vault.delete_tokens(&app.id, &record.id);
                return Err(e);
            }
        };
        // An account connected again may be shared: its new token is published now rather than
        // at the keep-alive's next round. A failure is recorded on the account and tried again;
        // the connection stands either way.
        if replaced {
            let _ = self.publish(&app_name, Some(&record.id)).await;
        }
        Ok(Connected {
            app_name,
            account: record,
            state_hash: pending.state_hash.clone(),
        })
    }

    /// The code exchanged for tokens, with the verifier. A bare code may come from Factorial's
    /// dashboard button, issued without PKCE; Doorkeeper refuses a verifier for such a code without
    /// spending it, so it is tried once more without. Never for an address: that answers our own
    /// request, and dropping the verifier there would let an intercepted code through (RFC 7636 §1).
    async fn exchange(
        &self,
        pending: &PendingAuthorization,
        inputs: &ExchangeInputs,
        pasted_code: bool,
        now: u64,
    ) -> Result<TokenSet> {
        let provider = self.provider()?;
        let exchange = |with_verifier: bool| {
            provider.exchange_code(
                &inputs.app,
                inputs.secret.as_ref(),
                &inputs.code,
                &pending.redirect_uri,
                inputs.verifier.as_ref().filter(|_| with_verifier),
                now,
            )
        };
        match exchange(true).await {
            Err(e)
                if pasted_code
                    && inputs.verifier.is_some()
                    && matches!(e.code(), ErrorCode::CodeRefused { .. }) =>
            {
                exchange(false).await
            }
            other => other,
        }
    }

    /// The new tokens stored under the account's lock, so a refresh of the same account in another
    /// process cannot write over them; the session they replace is ended at Factorial once they are
    /// stored. Whether they replaced an account's tokens. On any failure before they are stored,
    /// they are revoked.
    async fn store_connection(
        &self,
        app: &AppProfile,
        secret: Option<&Secret>,
        account_id: &str,
        tokens: &TokenSet,
    ) -> Result<bool> {
        let _lock = match self.account_lock(&app.id, account_id).await {
            Ok(lock) => lock,
            Err(e) => {
                self.revoke_best_effort(app, secret, tokens).await;
                return Err(e);
            }
        };
        // A keychain that cannot say what it holds must not be written over blindly.
        let previous = match self.vault.tokens(&app.id, account_id) {
            Ok(previous) => previous,
            Err(e) => {
                self.revoke_best_effort(app, secret, tokens).await;
                return Err(e);
            }
        };
        let displaced = previous
            .as_ref()
            .map(|p| p.displaced_by(tokens))
            .unwrap_or_default();
        // Stored with the displaced tokens still listed: a process killed before Factorial
        // confirms their end must not forget a session that still works.
        let listed: Vec<Secret> = displaced.iter().map(|(t, _)| t.clone()).collect();
        self.save_new_tokens(app, secret, account_id, &tokens.still_listing(&listed))
            .await?;
        if !displaced.is_empty() {
            let unrevoked = self.revoke_displaced(app, secret, displaced).await;
            // Those Factorial could not be told of stay listed, so revoking the account ends them
            // too. A plain write: the new tokens are stored already, and a failure here must not
            // end them (as `save_new_tokens` would); the old ones then stay listed.
            let _ = self
                .vault
                .set_tokens(&app.id, account_id, &tokens.still_listing(&unrevoked));
        }
        Ok(previous.is_some())
    }

    /// The account recorded, replacing one of the same id, and the outcome told to whoever waits
    /// for the authorization; the application's current name.
    fn record_connection(
        &self,
        pending: &PendingAuthorization,
        app: &AppProfile,
        record: &AccountRecord,
    ) -> Result<String> {
        self.registry.update(|data| {
            // The application may have been removed while Factorial answered.
            let app_name = data
                .app_by_id(&record.app_id)
                .ok_or_else(|| ErrorCode::AppNotFound {
                    name: app.name.clone(),
                    known: data.apps.iter().map(|a| a.name.clone()).collect(),
                })?
                .name
                .clone();
            // A reconnected account goes on being shared where it was; the new token is stale
            // there until the next publishing.
            let sharing = data
                .account(&record.app_id, &record.id)
                .and_then(|a| a.sharing.clone());
            data.remove_account(&record.app_id, &record.id);
            data.accounts.push(AccountRecord {
                sharing,
                ..record.clone()
            });
            if let Some(p) = data.pending_mut(&pending.state_hash) {
                let connected = Connected {
                    app_name: app_name.clone(),
                    account: record.clone(),
                    state_hash: pending.state_hash.clone(),
                };
                p.outcome = Some(connected.outcome());
            }
            Ok(app_name)
        })
    }

    /// Which account a new connection lands in: the one that owner already has; else an account of
    /// the same kind whose owner Factorial never named, which it replaces (its tokens are then
    /// revoked as a reconnect's are, so no ghost stays beside it); else a new one, `new_id`.
    fn landing_account(
        &self,
        app_id: &str,
        kind: AccountKind,
        identity: &Result<Identity>,
        new_id: impl FnOnce() -> String,
    ) -> String {
        let owner = identity.as_ref().ok().map(Identity::account_id);
        // Unreadable now means unwritable in a moment, and that path revokes the new tokens.
        let Ok(data) = self.registry.read() else {
            return owner.unwrap_or_else(new_id);
        };
        let mut accounts = data.accounts_of(app_id);
        let same_owner = owner
            .as_deref()
            .and_then(|o| data.accounts_of(app_id).find(|a| a.is_owned_by(o)));
        same_owner
            .or_else(|| accounts.find(|a| a.kind == kind && a.unidentified.is_some()))
            .map(|a| a.id.clone())
            .or(owner)
            .unwrap_or_else(new_id)
    }
}

/// What the registry keeps of a new connection. The token is good even if the credentials endpoint
/// is not: kept, and said plainly.
fn account_record(
    app: &AppProfile,
    id: String,
    kind: AccountKind,
    identity: &Result<Identity>,
    tokens: &TokenSet,
    now: u64,
) -> AccountRecord {
    let known = identity.as_ref().ok();
    AccountRecord {
        app_id: app.id.clone(),
        id,
        kind,
        // None for an owner Factorial has not named: each edge words that (`account-unidentified`).
        label: known.map(Identity::label).unwrap_or_default(),
        email: known.and_then(|id| id.email.clone()),
        company_id: known.and_then(|id| id.company_id.clone()),
        unidentified: identity.as_ref().err().map(|e| e.code().clone()),
        owner: known.map(Identity::account_id),
        scopes: tokens.scopes_or(&app.scopes),
        connected_at: now,
        access_expires_at: tokens.expires_at,
        has_refresh_token: tokens.refresh_token.is_some(),
        refreshed_at: None,
        needs_reconnect: None,
        sharing: None,
    }
}

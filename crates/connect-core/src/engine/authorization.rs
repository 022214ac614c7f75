//! From the authorize address to a connected account (RFC 6749 §4.1 with PKCE, RFC 7636).
//!
//! A pending authorization moves through one lifecycle, recorded in the registry so that every
//! process sees the same [`Stage`]: pending (the browser is out) → claimed (an answer arrived and is
//! being exchanged) → connected, failed, cancelled or expired. An answer is matched to its pending
//! authorization by the SHA-256 of its `state`; an answer that names another authorization than the
//! one being completed is refused, never used for that other one.

use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::account_lock::hex;
use crate::app_profile::AppProfile;
use crate::callback::{self, CallbackInput, RedirectResult};
use crate::error::{CallbackError, Error, ErrorCode, Malformed, Result};
use crate::identity::AccountKind;
use crate::provider::Provider;
use crate::registry::{Origin, Outcome, PendingAuthorization};
use crate::secret::Secret;

use super::pending::prune_pending;
use super::{Connected, Engine};

/// A started authorization: open `url` in the browser, then wait for `state_hash`'s outcome.
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

/// Where a pending authorization is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// The browser is out; an answer may still come.
    Pending,
    /// An answer arrived and is being exchanged (in this process or another).
    Claimed,
    /// It ended: connected, failed or cancelled.
    Ended { outcome: Outcome },
    /// Nobody answered in time.
    Expired,
}

impl PendingAuthorization {
    pub fn stage(&self, now: u64) -> Stage {
        match (&self.outcome, self.claimed_at) {
            (Some(outcome), _) => Stage::Ended {
                outcome: outcome.clone(),
            },
            (None, Some(_)) => Stage::Claimed,
            (None, None) if now >= self.expires_at => Stage::Expired,
            (None, None) => Stage::Pending,
        }
    }
}

/// How long a paste waits for the same answer that a deep link is already exchanging.
const RACE_WAIT: Duration = Duration::from_secs(90);

impl Engine {
    /// Prepares `/oauth/authorize` for an application and remembers the request (its PKCE verifier
    /// in the keychain), so the answer can arrive in any process, even after a restart.
    pub fn begin_authorization(
        &self,
        app_name: &str,
        kind: AccountKind,
        origin: Origin,
    ) -> Result<AuthorizationStart> {
        let app = self.app(app_name)?;
        // Fail before the browser opens, not after the admin clicked Authorize.
        self.client_secret(&app)?;
        let request = Provider::authorize_request(&app, kind)?;
        let state_hash = hash_state(request.state.expose());
        if let Some(verifier) = &request.verifier {
            self.vault.set_pkce_verifier(&state_hash, verifier)?;
            self.own_verifiers.keep(&state_hash, verifier);
        }
        let now = self.now();
        let expires_at = now.saturating_add(self.settings.state_ttl.as_secs());
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
            self.own_verifiers.forget(&hash);
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
        Ok(self
            .registry
            .read()?
            .pending(state_hash)
            .and_then(|p| p.outcome.clone()))
    }

    /// The pending authorization a link or pasted address answers, with where it was started;
    /// `None` when it names none started here.
    pub fn pending_for_answer(&self, answer: &str) -> Option<(String, Origin)> {
        let CallbackInput::Redirect {
            state: Some(state), ..
        } = callback::parse(answer).ok()?
        else {
            return None;
        };
        let hash = hash_state(&state);
        let data = self.registry.read().ok()?;
        data.pending(&hash).map(|p| (hash, p.origin))
    }

    /// Gives up on a pending authorization (the user pressed Cancel or Ctrl-C, or stopped waiting).
    /// One that already ended keeps its outcome, and one whose answer is being exchanged right now
    /// (claimed by another process) is left to finish: Factorial has its code already. Answers
    /// whether it was cancelled, so a window does not say "cancelled" about one that goes on.
    pub fn cancel(&self, state_hash: &str) -> Result<bool> {
        let now = self.now();
        let cancelled = self.registry.update(|data| {
            Ok(match data.pending_mut(state_hash) {
                Some(p) if matches!(p.stage(now), Stage::Pending | Stage::Expired) => {
                    p.outcome = Some(Outcome::Cancelled);
                    true
                }
                _ => false,
            })
        })?;
        if cancelled {
            self.own_verifiers.forget(state_hash);
            self.vault.delete_pkce_verifier(state_hash)?;
        }
        Ok(cancelled)
    }

    /// Completes an authorization from its answer: checks the state, exchanges the code, learns
    /// who the token belongs to, stores the tokens, and records the outcome for any waiter.
    pub async fn complete(&self, answer: &str, source: AnswerSource<'_>) -> Result<Connected> {
        let completed = self.complete_answer(answer, source).await;
        match source {
            // Any web page can open our links: a refused one is told as a link nobody asked for.
            AnswerSource::DeepLink => completed.map_err(|e| e.map_code(ErrorCode::of_link)),
            AnswerSource::Paste { .. } => completed,
        }
    }

    async fn complete_answer(&self, answer: &str, source: AnswerSource<'_>) -> Result<Connected> {
        let own = match source {
            AnswerSource::Paste { pending } => pending,
            AnswerSource::DeepLink => None,
        };
        let (hash, result, pasted_code) = self.answered(callback::parse(answer)?, source)?;
        let (pending, app) = match self.claim(&hash) {
            // The same answer is being exchanged right now (a deep link and a paste of it racing,
            // in either order): its outcome is this one's too. A paste into its own wait also
            // gets the outcome of an exchange that already ended.
            Err(e)
                if *e.code() == CallbackError::Replayed.into()
                    && (own == Some(hash.as_str()) || self.in_flight(&hash)) =>
            {
                return self.await_recorded(&hash).await;
            }
            other => other?,
        };
        let inputs = self.exchange_inputs(&pending, app, result);
        // The verifier is single-use like the state: deleted while Factorial answers, since a
        // keychain that saves its file on each change is slower to delete than to read.
        let deleting = self.vault.start_deleting_pkce_verifier(&hash);
        let outcome = match inputs {
            Ok(inputs) => self.finish(&pending, inputs, pasted_code).await,
            Err(e) => Err(e),
        };
        // A connection's outcome was recorded with its account, in the same write.
        if let Err(e) = &outcome {
            self.record_failure(&hash, e.code())?;
        }
        // A leftover verifier is pruned later if this failed.
        let _ = deleting.wait();
        outcome
    }

    /// Which authorization an answer is for (its state's hash), what it says, and whether it is a
    /// bare code the admin pasted: only such a code may be one issued without PKCE (by the
    /// dashboard's button); an address always answers our own request, which used PKCE. A link
    /// must name its authorization; a paste without a state answers the one being waited for.
    fn answered(
        &self,
        parsed: CallbackInput,
        source: AnswerSource<'_>,
    ) -> Result<(String, RedirectResult, bool)> {
        match (parsed, source) {
            (
                CallbackInput::Redirect {
                    state: Some(state),
                    result,
                },
                source,
            ) => {
                let hash = hash_state(&state);
                if let AnswerSource::Paste { pending: Some(own) } = source
                    && own != hash
                {
                    return Err(CallbackError::BelongsToAnother.into());
                }
                Ok((hash, result, false))
            }
            (CallbackInput::Redirect { state: None, .. }, AnswerSource::DeepLink) => {
                Err(CallbackError::Malformed {
                    why: Malformed::LinkWithoutState,
                }
                .into())
            }
            (CallbackInput::BareCode(_), AnswerSource::DeepLink) => Err(CallbackError::Malformed {
                why: Malformed::LinkNotAnAddress,
            }
            .into()),
            (
                CallbackInput::Redirect {
                    state: None,
                    result,
                },
                AnswerSource::Paste { pending },
            ) => Ok((self.pending_for_paste(pending)?, result, false)),
            (CallbackInput::BareCode(code), AnswerSource::Paste { pending }) => Ok((
                self.pending_for_paste(pending)?,
                RedirectResult::Code(code),
                true,
            )),
        }
    }

    /// A failed completion recorded for whoever waits for the authorization.
    fn record_failure(&self, state_hash: &str, error: &ErrorCode) -> Result<()> {
        let recorded = Outcome::Failed {
            error: error.clone(),
        };
        self.registry.update(|data| {
            if let Some(p) = data.pending_mut(state_hash) {
                p.outcome = Some(recorded);
            }
            Ok(())
        })
    }

    /// True while an answer to `state_hash` is being exchanged (claimed, not yet ended).
    fn in_flight(&self, state_hash: &str) -> bool {
        let now = self.now();
        self.registry
            .read()
            .ok()
            .and_then(|d| {
                d.pending(state_hash)
                    .map(|p| p.stage(now) == Stage::Claimed)
            })
            .unwrap_or(false)
    }

    /// Waits for the outcome another process (or task) records for `state_hash`.
    async fn await_recorded(&self, state_hash: &str) -> Result<Connected> {
        let deadline = tokio::time::Instant::now() + RACE_WAIT;
        loop {
            let data = self.registry.read()?;
            let pending = data
                .pending(state_hash)
                .ok_or(CallbackError::UnknownState)?;
            match &pending.outcome {
                Some(Outcome::Connected { account_id, .. }) => {
                    let app = data
                        .app_by_id(&pending.app_id)
                        .ok_or(CallbackError::UnknownState)?;
                    let account = data.account(&app.id, account_id).cloned().ok_or_else(|| {
                        ErrorCode::NotConnected {
                            app: app.name.clone(),
                        }
                    })?;
                    return Ok(Connected {
                        app_name: app.name.clone(),
                        account,
                        state_hash: state_hash.to_string(),
                    });
                }
                Some(Outcome::Failed { error }) => return Err(error.clone().into()),
                Some(Outcome::Cancelled) => return Err(ErrorCode::Cancelled.into()),
                None if tokio::time::Instant::now() >= deadline => {
                    return Err(CallbackError::Replayed.into());
                }
                None => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
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
            .filter(|p| p.stage(now) == Stage::Pending);
        match (open.next(), open.next()) {
            (Some(only), None) => Ok(only.state_hash.clone()),
            (None, _) => Err(CallbackError::NothingPending.into()),
            (Some(_), Some(_)) => Err(CallbackError::Malformed {
                why: Malformed::AmbiguousCode,
            }
            .into()),
        }
    }

    /// Marks the pending request as used (single-use state), or says why it cannot be; with its
    /// application, unless that was removed meanwhile.
    fn claim(&self, state_hash: &str) -> Result<(PendingAuthorization, Option<AppProfile>)> {
        let now = self.now();
        let minutes = self.settings.state_ttl.as_secs().div_ceil(60);
        let claimed = self.registry.update(|data| {
            let Some(p) = data.pending_mut(state_hash) else {
                return Ok(Err(CallbackError::UnknownState));
            };
            match p.stage(now) {
                Stage::Pending => {
                    p.claimed_at = Some(now);
                    let pending = p.clone();
                    let app = data.app_by_id(&pending.app_id).cloned();
                    Ok(Ok((pending, app)))
                }
                Stage::Expired => {
                    let err = CallbackError::Expired { minutes };
                    p.claimed_at = Some(now);
                    p.outcome = Some(Outcome::Failed {
                        error: err.clone().into(),
                    });
                    Ok(Err(err))
                }
                Stage::Claimed | Stage::Ended { .. } => Ok(Err(CallbackError::Replayed)),
            }
        })?;
        claimed.map_err(Error::from)
    }

    /// What the exchange of a claimed answer needs: its application, the code, the client secret
    /// and the PKCE verifier (from this process's memory when it started the request).
    fn exchange_inputs(
        &self,
        pending: &PendingAuthorization,
        app: Option<AppProfile>,
        result: RedirectResult,
    ) -> Result<ExchangeInputs> {
        let own = self.own_verifiers.take(&pending.state_hash);
        let app = app.ok_or(CallbackError::UnknownState)?;
        let code = match result {
            RedirectResult::Code(code) => code,
            RedirectResult::Error { code, description } => {
                return Err(provider_callback_error(code, description));
            }
        };
        let secret = self.client_secret(&app)?;
        let verifier = match (pending.pkce, own) {
            (false, _) => None,
            (true, Some(own)) => Some(own),
            // Gone means cancelled or cleaned up meanwhile: exchanging without it would drop PKCE.
            (true, None) => Some(
                self.vault
                    .pkce_verifier(&pending.state_hash)?
                    .ok_or(CallbackError::UnknownState)?,
            ),
        };
        Ok(ExchangeInputs {
            app,
            code,
            secret,
            verifier,
        })
    }
}

/// What exchanging a code needs, gathered before the call (see [`Engine::finish`]).
pub(super) struct ExchangeInputs {
    pub(super) app: AppProfile,
    pub(super) code: Secret,
    pub(super) secret: Option<Secret>,
    pub(super) verifier: Option<Secret>,
}

fn provider_callback_error(code: String, description: Option<String>) -> Error {
    if code == "access_denied" {
        return CallbackError::Denied.into();
    }
    CallbackError::ProviderError {
        error_code: code,
        description,
    }
    .into()
}

pub(crate) fn hash_state(state: &str) -> String {
    hex(&Sha256::digest(state.as_bytes()))
}

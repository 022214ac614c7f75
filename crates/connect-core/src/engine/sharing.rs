//! Sharing accounts' access tokens with a secrets manager (see [`crate::share`]): adding,
//! testing and removing a destination, and publishing each new token. Publishing runs under a
//! lock of its own per account, never the refresh's: a slow or failing server never holds up a
//! refresh, and a failure is recorded with when to try again, not raised into the refresh.

use std::time::Duration;

use crate::account_lock::AccountLock;
use crate::app_profile::AppProfile;
use crate::error::{Error, ErrorCode, Result, SecretKind};
use crate::registry::AccountRecord;
use crate::secret::Secret;
use crate::share::{Destination, Kv, PublishedToken, ShareProblem, Sharing};

use super::Engine;

/// How long one request to a secrets manager may take: publishing is tried again later, so it
/// gives up sooner than a request to Factorial.
const SHARE_TIMEOUT: Duration = Duration::from_secs(10);
/// The most one publishing or removal may take in all (logins, failover retries, reads and
/// writes): the keep-alive's round goes on after it.
const SHARE_DEADLINE: Duration = Duration::from_secs(45);
/// How long publishing waits for another process that is publishing the same account.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// One account's publishing, as the keep-alive reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub app_name: String,
    pub account_id: String,
    /// The version written, or why not.
    pub outcome: std::result::Result<u64, ShareProblem>,
}

impl Engine {
    /// Shares the account's access token at `destination`, logging in with `login`: the first
    /// version is written now, and nothing is kept unless it was.
    pub async fn share(
        &self,
        app_name: &str,
        account: Option<&str>,
        destination: Destination,
        login: Secret,
    ) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        let _lock = self
            .share_lock(&app, &record.id, self.settings.lock_wait)
            .await?;
        let record = self.fresh_record(&app, &record.id)?;
        // One destination per account: the one there is stopped first, by the admin, so that
        // nothing is left published where nobody looks any more.
        if let Some(existing) = &record.sharing {
            return Err(ErrorCode::AlreadyShared {
                app: app.name.clone(),
                server: existing.destination.server(),
            }
            .into());
        }
        let writer = oauth2::CsrfToken::new_random().secret().clone();
        let mut sharing = Sharing {
            destination,
            writer,
            version: None,
            published_at: None,
            published_for: None,
            failure: None,
            kept_by: None,
        };
        let kv = Kv::new(sharing.destination.clone(), login.clone(), SHARE_TIMEOUT)
            .map_err(|problem| share_error(&sharing.destination, problem))?;
        let obtained_at = record.obtained_at();
        let token = self.published_token(&app, &record, &sharing.writer)?;
        let written = kv
            .publish(&token, None)
            .await
            .map_err(|problem| share_error(&sharing.destination, problem))?;
        sharing.published(written.version, self.now(), obtained_at);
        // Kept only if both stores take it; otherwise what was just published is taken back,
        // so that no token is left where nothing here remembers it.
        let kept = self
            .vault
            .set_share_login(&app.id, &record.id, &login)
            .and_then(|()| self.set_sharing(&app, &record.id, Some(sharing.clone())));
        if kept.is_err() {
            let _ = kv.remove(written.version, &sharing.writer).await;
            let _ = self.vault.delete_share_login(&app.id, &record.id);
        }
        kept
    }

    /// Publishes the account's current token where it is shared, if it is and publishing has not
    /// stopped. The version written, `None` when there is nothing to do.
    pub async fn publish(&self, app_name: &str, account: Option<&str>) -> Result<Option<u64>> {
        let (app, record) = self.account(app_name, account)?;
        // Another process publishing this account right now publishes the newest token too.
        let _lock = match self.share_lock(&app, &record.id, BUSY_WAIT).await {
            Ok(lock) => lock,
            Err(e) if matches!(e.code(), ErrorCode::Busy { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let record = self.fresh_record(&app, &record.id)?;
        let Some(mut sharing) = record.sharing.clone() else {
            return Ok(None);
        };
        // Keepers publish it; this computer's token is behind theirs.
        if sharing.kept_by.is_some() {
            return Ok(None);
        }
        if let Some(stopped) = sharing.failure.as_ref().filter(|_| sharing.is_stopped()) {
            return Err(share_error(&sharing.destination, stopped.problem.clone()));
        }
        // What is published is at least as new as this; a refresh after it makes it stale again.
        let obtained_at = record.obtained_at();
        let outcome =
            tokio::time::timeout(SHARE_DEADLINE, self.publish_once(&app, &record, &sharing))
                .await
                .unwrap_or(Err(PublishError::Share(ShareProblem::TimedOut)));
        let now = self.now();
        let result = match outcome {
            Ok(version) => {
                sharing.published(version, now, obtained_at);
                Ok(Some(version))
            }
            Err(PublishError::Share(problem)) => {
                sharing.failed(problem.clone(), now);
                Err(share_error(&sharing.destination, problem))
            }
            // This computer's own trouble (the keychain): nothing is recorded against the server.
            Err(PublishError::Here(e)) => return Err(e),
        };
        self.set_sharing(&app, &record.id, Some(sharing))?;
        result
    }

    /// Publishes every shared account whose token is newer than what is published, or whose
    /// retry time has come; one at a time, each failure recorded.
    pub async fn publish_due(&self) -> Vec<Published> {
        let Ok(data) = self.registry.read() else {
            return Vec::new();
        };
        let now = self.now();
        let mut due = Vec::new();
        for record in &data.accounts {
            let Some(sharing) = &record.sharing else {
                continue;
            };
            let wanted = record.needs_reconnect.is_none()
                && sharing.kept_by.is_none()
                && sharing.is_due(record.obtained_at(), now);
            if let Some(app) = data.app_by_id(&record.app_id).filter(|_| wanted) {
                due.push((app.name.clone(), record.id.clone()));
            }
        }
        let mut published = Vec::new();
        for (app_name, account_id) in due {
            let outcome = match self.publish(&app_name, Some(&account_id)).await {
                Ok(Some(version)) => Ok(version),
                Ok(None) => continue,
                Err(e) => match e.into_code() {
                    ErrorCode::ShareFailed { problem, .. } => Err(problem),
                    _ => continue,
                },
            };
            published.push(Published {
                app_name,
                account_id,
                outcome,
            });
        }
        published
    }

    /// Tries the account's destination: a probe written, read back and removed before anything
    /// is published, or what is published read back.
    pub async fn test_sharing(&self, app_name: &str, account: Option<&str>) -> Result<()> {
        let (app, record) = self.account(app_name, account)?;
        let Some(sharing) = record.sharing.clone() else {
            return Err(ErrorCode::NotShared { app: app.name }.into());
        };
        let kv = self
            .kv(&app, &record, &sharing)
            .map_err(PublishError::into_error(&sharing))?;
        kv.test(sharing.version, &sharing.writer)
            .await
            .map_err(|problem| share_error(&sharing.destination, problem))
    }

    /// Stops sharing the account: every version this app published is destroyed on the server
    /// (unless someone else's is there, which is left, and said), then the destination and its
    /// login are forgotten here. `here_only` forgets them without asking the server (one that
    /// is gone for good).
    pub async fn unshare(
        &self,
        app_name: &str,
        account: Option<&str>,
        here_only: bool,
    ) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        let _lock = self
            .share_lock(&app, &record.id, self.settings.lock_wait)
            .await?;
        let record = self.fresh_record(&app, &record.id)?;
        let Some(sharing) = record.sharing.clone() else {
            return Err(ErrorCode::NotShared { app: app.name }.into());
        };
        // What keepers publish is theirs; forgetting the hand-over here (once their entry is
        // deleted) gives the account back to this computer.
        if let Some(kept) = sharing.kept_by.as_ref().filter(|_| !here_only) {
            return Err(super::hand_over::kept_error(&app.name, &sharing, kept));
        }
        if !here_only {
            self.remove_published(&app, &record, &sharing).await?;
        }
        self.vault.delete_share_login(&app.id, &record.id)?;
        self.set_sharing(&app, &record.id, None)
    }

    /// Before an account's tokens are revoked or forgotten: what it published is removed, as far
    /// as the server lets; that never stops the revoke (a revoked token is worth nothing there).
    /// Called with the account's lock held: the share lock is always taken after it, never
    /// before, so the two cannot deadlock. A publish in progress elsewhere is waited for briefly,
    /// and its version then removed; the marker left stops any later one.
    ///
    /// The record as it is let go of: when what was published could not be taken back, its
    /// sharing carries the failure, for the edge to say where a copy of the token remains.
    pub(super) async fn unshare_best_effort(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
    ) -> AccountRecord {
        let mut gone = record.clone();
        if let Some(sharing) = &record.sharing {
            let _lock = self.share_lock(app, &record.id, BUSY_WAIT).await;
            let mut sharing = self
                .fresh_record(app, &record.id)
                .ok()
                .and_then(|r| r.sharing)
                .unwrap_or_else(|| sharing.clone());
            let removal =
                tokio::time::timeout(SHARE_DEADLINE, self.remove_published(app, record, &sharing));
            let problem = match removal.await {
                Ok(Ok(())) => None,
                Ok(Err(e)) => match e.into_code() {
                    ErrorCode::ShareFailed { problem, .. } => Some(problem),
                    _ => Some(ShareProblem::UnexpectedAnswer { status: None }),
                },
                Err(_) => Some(ShareProblem::TimedOut),
            };
            if let Some(problem) = problem {
                sharing.failed(problem, self.now());
            }
            gone.sharing = Some(sharing);
            let _ = self.vault.delete_share_login(&app.id, &record.id);
        }
        gone
    }

    async fn remove_published(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        sharing: &Sharing,
    ) -> Result<()> {
        let Some(version) = sharing.version else {
            return Ok(());
        };
        let kv = self
            .kv(app, record, sharing)
            .map_err(PublishError::into_error(sharing))?;
        match kv.remove(version, &sharing.writer).await {
            Ok(()) => Ok(()),
            Err(problem) => Err(share_error(&sharing.destination, problem)),
        }
    }

    async fn publish_once(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        sharing: &Sharing,
    ) -> std::result::Result<u64, PublishError> {
        let kv = self.kv(app, record, sharing)?;
        let token = self
            .published_token(app, record, &sharing.writer)
            .map_err(PublishError::Here)?;
        let written = kv.publish(&token, sharing.version).await?;
        Ok(written.version)
    }

    pub(super) fn kv(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        sharing: &Sharing,
    ) -> std::result::Result<Kv, PublishError> {
        let login = self
            .vault
            .share_login(&app.id, &record.id)
            .map_err(PublishError::Here)?
            .ok_or_else(|| {
                PublishError::Here(
                    ErrorCode::SecretMissing {
                        secret: SecretKind::ShareLogin,
                    }
                    .into(),
                )
            })?;
        Ok(Kv::new(sharing.destination.clone(), login, SHARE_TIMEOUT)?)
    }

    /// What is written: the account's access token as the keychain holds it now (no refresh
    /// here: publishing follows refreshes, it does not cause them).
    fn published_token(
        &self,
        app: &AppProfile,
        record: &AccountRecord,
        writer: &str,
    ) -> Result<PublishedToken> {
        let tokens = self.tokens(app, record)?;
        let scopes = tokens.scopes_or(&record.scopes);
        Ok(PublishedToken::new(
            tokens.access_token,
            tokens.expires_at,
            scopes,
            record.owner_label(),
            record.kind,
            app,
            writer,
        ))
    }

    pub(super) fn fresh_record(&self, app: &AppProfile, account_id: &str) -> Result<AccountRecord> {
        self.registry
            .read()?
            .account(&app.id, account_id)
            .cloned()
            .ok_or_else(|| {
                ErrorCode::NotConnected {
                    app: app.name.clone(),
                }
                .into()
            })
    }

    pub(super) fn set_sharing(
        &self,
        app: &AppProfile,
        account_id: &str,
        sharing: Option<Sharing>,
    ) -> Result<AccountRecord> {
        self.registry.update(|data| {
            let record = data.account_mut(&app.id, account_id).ok_or_else(|| {
                Error::from(ErrorCode::NotConnected {
                    app: app.name.clone(),
                })
            })?;
            record.sharing = sharing;
            Ok(record.clone())
        })
    }

    /// Publishing's own lock per account: two processes never write the same entry at once (each
    /// would take the other's new version for someone else's), and a refresh never waits for it.
    pub(super) async fn share_lock(
        &self,
        app: &AppProfile,
        account_id: &str,
        wait: Duration,
    ) -> Result<AccountLock> {
        let name = format!("{account_id}\nsharing");
        AccountLock::acquire(self.data_dir(), &app.id, &name, wait).await
    }
}

/// Why publishing did not happen: the server, or this computer.
pub(super) enum PublishError {
    Share(ShareProblem),
    Here(Error),
}

impl From<ShareProblem> for PublishError {
    fn from(problem: ShareProblem) -> Self {
        PublishError::Share(problem)
    }
}

impl PublishError {
    pub(super) fn into_error(sharing: &Sharing) -> impl FnOnce(PublishError) -> Error + '_ {
        move |e| match e {
            PublishError::Share(problem) => share_error(&sharing.destination, problem),
            PublishError::Here(e) => e,
        }
    }
}

pub(super) fn share_error(destination: &Destination, problem: ShareProblem) -> Error {
    ErrorCode::ShareFailed {
        server: destination.server(),
        problem,
    }
    .into()
}

//! Handing a shared account over to keepers (see [`crate::keeper`]): its private entry written
//! once, create-only, beside where its token is published; from then on this computer never
//! refreshes it again (two refreshers of one rotating refresh token make one of them meet
//! `invalid_grant`), and its token is read from where the keepers publish it.

use crate::error::{Error, ErrorCode, Result};
use crate::keeper::{KeptAccount, KeptPublishing, KeptTokens};
use crate::registry::AccountRecord;
use crate::share::{KeptBy, PublishedToken, ShareProblem, Sharing, WRITER, unix_secs};

use super::Engine;
use super::sharing::{PublishError, share_error};
use super::tokens::refresh_token_of;

/// Where keepers look for accounts unless told otherwise: a folder of its own, outside any that
/// servers reading published tokens are allowed to read.
pub const KEEPER_FOLDER: &str = "factorial-connect-keeper";

impl Engine {
    /// Hands the account over to the keepers watching `folder` on the server its token is
    /// shared with. The account's private entry is written create-only; if one is there
    /// already, nothing is changed.
    pub async fn hand_over(
        &self,
        app_name: &str,
        account: Option<&str>,
        folder: &str,
    ) -> Result<AccountRecord> {
        let (app, record) = self.account(app_name, account)?;
        // No refresh here may start until the keepers have the pair, nor after.
        let (_lock, record) = self.lock_account(&app, &record.id).await?;
        let _share = self
            .share_lock(&app, &record.id, self.settings.lock_wait)
            .await?;
        let record = self.fresh_record(&app, &record.id)?;
        let Some(mut sharing) = record.sharing.clone() else {
            return Err(ErrorCode::NotShared { app: app.name }.into());
        };
        if let Some(kept) = &sharing.kept_by {
            return Err(kept_error(&app.name, &sharing, kept));
        }
        if let Some(stopped) = sharing.failure.as_ref().filter(|_| sharing.is_stopped()) {
            return Err(share_error(&sharing.destination, stopped.problem.clone()));
        }
        let tokens = self.tokens(&app, &record)?;
        let refresh_token = refresh_token_of(&tokens)?;
        let published_now = sharing.published_for == Some(record.obtained_at());
        let entry = KeptAccount {
            written_by: WRITER.into(),
            account_id: record.id.clone(),
            kind: record.kind,
            owner: record.owner_label(),
            app: app.clone(),
            client_secret: self.client_secret(&app)?,
            tokens: KeptTokens {
                access_token: tokens.access_token.clone(),
                refresh_token,
                expires_at: tokens.expires_at,
                scopes: tokens.scopes_or(&record.scopes),
                obtained_at: tokens.obtained_at,
            },
            publish: KeptPublishing {
                path: sharing.destination.path.clone(),
                writer: sharing.writer.clone(),
                version: sharing.version,
                published_for: published_now.then_some(tokens.obtained_at),
            },
            lease: None,
            rotations: 0,
            stopped: None,
            handed_over_by: std::env::var("HOSTNAME").unwrap_or_default(),
            handed_over_at: self.now(),
        };
        let path = private_path(folder, &sharing.destination.path)?;
        let destination = sharing.destination.clone();
        let fail = |problem| share_error(&destination, problem);
        let kv = self
            .kv(&app, &record, &sharing)
            .map_err(PublishError::into_error(&sharing))?
            .at(&path)?;
        let data = serde_json::to_value(&entry)
            .map_err(|_| fail(ShareProblem::UnexpectedAnswer { status: None }))?;
        // Marked first: from the moment the keepers may have the pair, nothing here refreshes
        // it. Unmarked only when the server surely did not take it.
        let before = sharing.clone();
        sharing.kept_by = Some(KeptBy {
            entry: kv.destination().entry(),
            since: self.now(),
        });
        let marked = self.set_sharing(&app, &record.id, Some(sharing))?;
        match kv.write_if_version(&data, 0).await {
            Ok(Some(_)) => {}
            Ok(None) => {
                self.set_sharing(&app, &record.id, Some(before))?;
                return Err(fail(ShareProblem::PathTaken));
            }
            Err(problem) => {
                if !may_have_been_written(&problem) {
                    self.set_sharing(&app, &record.id, Some(before))?;
                }
                return Err(fail(problem));
            }
        }
        // The keepers' pair is the only one now: this computer's copy is let go of, so that
        // nothing here (a new connection displacing it, above all) can end their session.
        let _ = self.vault.delete_tokens(&app.id, &record.id);
        Ok(marked)
    }

    /// The token keepers published for a handed-over account, read from the server.
    pub(super) async fn kept_token(
        &self,
        app: &crate::app_profile::AppProfile,
        record: &AccountRecord,
        sharing: &Sharing,
    ) -> Result<(PublishedToken, Option<u64>)> {
        let fail = |problem| share_error(&sharing.destination, problem);
        let kv = self
            .kv(app, record, sharing)
            .map_err(PublishError::into_error(sharing))?;
        let ours = sharing.version.unwrap_or(0);
        let Some((_, data)) = kv.read().await.map_err(fail)? else {
            return Err(fail(ShareProblem::RemovedByOthers { ours }));
        };
        let token: PublishedToken = serde_json::from_value(data)
            .ok()
            .filter(|t: &PublishedToken| t.written_by == WRITER && t.writer == sharing.writer)
            .ok_or_else(|| fail(ShareProblem::RemovedByOthers { ours }))?;
        let expires_at = match &token.expires_at {
            Some(at) => Some(
                unix_secs(at)
                    .ok_or_else(|| fail(ShareProblem::UnexpectedAnswer { status: Some(200) }))?,
            ),
            None => None,
        };
        if expires_at.is_some_and(|at| at <= self.now()) {
            return Err(fail(ShareProblem::KeptTokenExpired));
        }
        Ok((token, expires_at))
    }
}

/// Whether a failed write may have been carried out all the same (its answer lost).
fn may_have_been_written(problem: &ShareProblem) -> bool {
    matches!(
        problem,
        ShareProblem::TimedOut
            | ShareProblem::ServerError { .. }
            | ShareProblem::UnexpectedAnswer { .. }
    )
}

/// Refusing what only the keepers now do (refresh, revoke, stop sharing, hand over again).
pub(super) fn kept_error(app: &str, sharing: &Sharing, kept: &KeptBy) -> Error {
    ErrorCode::KeptByKeeper {
        app: app.to_string(),
        server: sharing.destination.server(),
        entry: kept.entry.clone(),
    }
    .into()
}

/// `folder/` and the published path made one name: `factorial/payroll` is kept in
/// `factorial-connect-keeper/factorial-payroll`. A folder inside the published one is refused:
/// whoever may read published tokens would read the refresh token too.
fn private_path(folder: &str, published: &str) -> Result<String> {
    let folder = folder.trim().trim_matches('/');
    let inside = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}/"));
    let published_folder = published.rsplit_once('/').map_or("", |(f, _)| f);
    if folder.is_empty()
        || inside(folder, published)
        || (!published_folder.is_empty() && inside(folder, published_folder))
        || inside(published, folder)
    {
        return Err(Error::invalid(
            crate::error::Field::KeeperFolder,
            crate::error::InputIssue::NotAPath,
        ));
    }
    Ok(format!("{folder}/{}", published.replace('/', "-")))
}

#[cfg(test)]
mod tests {
    use super::private_path;

    #[test]
    fn the_private_entry_is_named_after_the_published_one_and_kept_outside_its_folder() {
        assert_eq!(
            private_path("factorial-connect-keeper", "factorial/payroll").unwrap(),
            "factorial-connect-keeper/factorial-payroll"
        );
        assert_eq!(
            private_path("/keepers/", "payroll").unwrap(),
            "keepers/payroll"
        );
        // Whoever may read the published entry's folder would read the refresh token too.
        for (folder, published) in [
            ("factorial", "factorial/payroll"),
            ("factorial/keeper", "factorial/payroll"),
            ("factorial/payroll", "factorial/payroll"),
            ("team", "team/factorial/payroll"),
            ("", "payroll"),
        ] {
            assert!(
                private_path(folder, published).is_err(),
                "{folder} {published}"
            );
        }
    }
}

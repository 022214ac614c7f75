//! One keeper's turn at one account: read its private entry; when its pair is due (or its
//! published token is behind), take the lease with check-and-set, refresh at Factorial, store the
//! new pair, publish the access token, and give the lease back.
//!
//! Check-and-set on the private entry is what makes several keepers safe: only one of them can
//! write the lease over a given version, so only one calls Factorial for each rotation. A keeper
//! killed after Factorial answered and before it stored the pair loses nothing: the new access
//! token was never published nor used, so Doorkeeper still honours the old refresh token, and
//! the next keeper refreshes with it once the lease has run out.

use std::time::Duration;

use serde_json::Value;

use super::entry::{KeptAccount, KeptTokens, Lease, Stopped};
use super::{Keeper, KeeperProblem};
use crate::error::ErrorCode;
use crate::keep_alive::due_at;
use crate::share::{Kv, ShareProblem, WRITER};

/// What one turn did, and so when the account is looked at again.
#[derive(Debug)]
pub enum Turn {
    /// Nothing to do before `due`.
    Fresh { due: u64 },
    /// Another keeper holds the lease until `until`.
    Busy { until: u64 },
    /// Another keeper wrote first: read again now.
    Moved,
    /// Refreshed (and, unless `published` says why not, published).
    Refreshed {
        rotations: u64,
        due: u64,
        published: Result<u64, ShareProblem>,
    },
    /// Published a pair refreshed earlier whose publishing had failed.
    Published { version: u64, due: u64 },
    /// Factorial refused the refresh token: the account must be connected and handed over again.
    Stopped,
    /// Not an entry this app wrote, or one it cannot read: left alone.
    NotOurs,
    /// The entry is gone.
    Gone,
}

impl Keeper {
    /// One turn at the account in the private entry `kv`.
    pub async fn turn(&self, kv: &Kv) -> Result<Turn, KeeperProblem> {
        let Some((version, data)) = kv.read().await? else {
            return Ok(Turn::Gone);
        };
        // Published where its own name says: an entry cannot point a keeper at another's.
        let name = kv.destination().path.rsplit('/').next().unwrap_or_default();
        let Some(mut entry) = ours(data).filter(|e| e.publish.path.replace('/', "-") == name)
        else {
            return Ok(Turn::NotOurs);
        };
        if entry.stopped.is_some() {
            return Ok(Turn::Stopped);
        }
        let now = self.now();
        let refresh_due = due(&entry) <= now;
        let publish_due = entry.publish.published_for != Some(entry.tokens.obtained_at);
        if !refresh_due && !publish_due {
            return Ok(Turn::Fresh { due: due(&entry) });
        }
        if entry.leased_to_other(&self.holder, now) {
            let until = entry.lease.as_ref().map_or(now, |l| l.until);
            return Ok(Turn::Busy { until });
        }
        entry.lease = Some(Lease {
            holder: self.holder.clone(),
            until: now.saturating_add(self.lease_secs),
        });
        let Some(mut version) = write(kv, &entry, version).await? else {
            return Ok(Turn::Moved);
        };
        // The lease must outlast the call to Factorial: one taken slowly (a login, a failover)
        // is left to run out rather than used.
        if refresh_due && self.now().saturating_add(self.lease_secs / 2) > until_of(&entry) {
            return Ok(Turn::Moved);
        }
        let mut rotated = false;
        if refresh_due {
            match self.refresh(kv, &mut entry, version).await? {
                Some(stored) => version = stored,
                None => return Ok(Turn::Moved),
            }
            if entry.stopped.is_some() {
                return Ok(Turn::Stopped);
            }
            rotated = true;
        }
        let published = self.publish(kv, &mut entry, version).await;
        let next = due(&entry);
        match (rotated, published) {
            (true, published) => Ok(Turn::Refreshed {
                rotations: entry.rotations,
                due: next,
                published,
            }),
            (false, Ok(version)) => Ok(Turn::Published { version, due: next }),
            (false, Err(problem)) => Err(KeeperProblem::Store(problem)),
        }
    }

    /// Refreshes under the lease and stores the new pair over `version`; the stored version, or
    /// `None` when another keeper wrote first (the pair just obtained is then revoked: it was
    /// never published nor used, and the other keeper's is the one kept).
    async fn refresh(
        &self,
        kv: &Kv,
        entry: &mut KeptAccount,
        version: u64,
    ) -> Result<Option<u64>, KeeperProblem> {
        let now = self.now();
        let answer = self
            .provider
            .refresh(
                &entry.app,
                entry.client_secret.as_ref(),
                &entry.tokens.refresh_token,
                now,
            )
            .await;
        let tokens = match answer {
            Ok(tokens) => tokens,
            Err(error) => {
                entry.lease = None;
                if matches!(error.code(), ErrorCode::ReconnectNeeded { .. }) {
                    entry.stopped = Some(Stopped {
                        at: now,
                        reason: error.code().name(),
                    });
                    return write(kv, entry, version).await;
                }
                // Given back at once, so another keeper may try sooner than the lease's end.
                let _ = write(kv, entry, version).await;
                return Err(KeeperProblem::Factorial(error.into_code()));
            }
        };
        let previous = entry.tokens.refresh_token.clone();
        entry.tokens = KeptTokens {
            access_token: tokens.access_token.clone(),
            refresh_token: tokens.refresh_token.clone().unwrap_or(previous.clone()),
            expires_at: tokens.expires_at,
            scopes: tokens.scopes_or(&entry.tokens.scopes),
            obtained_at: tokens.obtained_at,
        };
        entry.rotations += 1;
        match self.store_pair(kv, entry, version).await? {
            Some(stored) => Ok(Some(stored)),
            None => {
                // Never the refresh token used to get it: when Factorial does not rotate, the
                // pair it answers carries the one the other keeper's pair grew from.
                let fresh_refresh = tokens.refresh_token.as_ref().filter(|r| **r != previous);
                for token in [Some(&tokens.access_token), fresh_refresh]
                    .into_iter()
                    .flatten()
                {
                    let secret = entry.client_secret.as_ref();
                    let _ = self.provider.revoke(&entry.app, secret, token, "").await;
                }
                Ok(None)
            }
        }
    }

    /// The new pair written over `version`, tried a few times while the server is briefly away
    /// (a cluster electing a leader): until it is stored, the old pair is the one that counts.
    async fn store_pair(
        &self,
        kv: &Kv,
        entry: &KeptAccount,
        version: u64,
    ) -> Result<Option<u64>, KeeperProblem> {
        let mut tries = 0;
        loop {
            match write(kv, entry, version).await {
                Ok(Some(stored)) => return Ok(Some(stored)),
                // A write whose answer was lost (a leader stepping down) may have been made: an
                // entry holding this very pair is ours. (Or the node is still behind: then
                // nothing is decided.)
                Ok(None) => {
                    return match kv.read().await? {
                        Some((found, data)) if found > version => {
                            let same = ours(data).is_some_and(|e| e.tokens == entry.tokens);
                            Ok(same.then_some(found))
                        }
                        // Not caught up even now: nothing is decided, nothing revoked.
                        _ => Err(KeeperProblem::Store(ShareProblem::UnexpectedAnswer {
                            status: Some(400),
                        })),
                    };
                }
                Err(KeeperProblem::Store(problem)) if tries < 4 && problem.is_passing() => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(500) * tries).await;
                }
                Err(problem) => return Err(problem),
            }
        }
    }

    /// Publishes the entry's access token, records the version in the private entry and gives
    /// the lease back. Publishing's own failure is returned; the next turn tries again.
    async fn publish(
        &self,
        kv: &Kv,
        entry: &mut KeptAccount,
        version: u64,
    ) -> Result<u64, ShareProblem> {
        // Another keeper may hold the account once the lease has run out, and publish a newer
        // token than this one: nothing is published without the lease.
        if self.now() >= until_of(entry) {
            return Err(ShareProblem::TimedOut);
        }
        let published = match kv.at(&entry.publish.path) {
            Ok(public) => {
                public
                    .publish(&entry.published(), entry.publish.version)
                    .await
            }
            Err(_) => Err(ShareProblem::UnexpectedAnswer { status: None }),
        };
        if let Ok(written) = &published {
            entry.publish.version = Some(written.version);
            entry.publish.published_for = Some(entry.tokens.obtained_at);
        }
        entry.lease = None;
        // A lease not given back runs out by itself; a version not recorded is recognised as
        // this writer's next time.
        let _ = write(kv, entry, version).await;
        published.map(|w| w.version)
    }
}

/// The entry, when it is one this app wrote and can read.
fn ours(data: Value) -> Option<KeptAccount> {
    serde_json::from_value::<KeptAccount>(data)
        .ok()
        .filter(|entry| entry.written_by == WRITER)
}

/// When the pair is refreshed: as the desktop's keep-alive would.
fn due(entry: &KeptAccount) -> u64 {
    let t = &entry.tokens;
    let refresh_ends = t
        .obtained_at
        .saturating_add(entry.app.refresh_lifetime_secs);
    due_at(
        t.obtained_at,
        t.expires_at,
        Some(refresh_ends),
        &entry.account_id,
    )
    .unwrap_or(u64::MAX)
}

/// One check-and-set write of the entry; `None` when another keeper wrote first (a node that
/// is behind is waited for by [`Kv::write_if_version`]).
async fn write(kv: &Kv, entry: &KeptAccount, version: u64) -> Result<Option<u64>, KeeperProblem> {
    let data = serde_json::to_value(entry)
        .map_err(|_| KeeperProblem::Store(ShareProblem::UnexpectedAnswer { status: None }))?;
    Ok(kv
        .write_if_version(&data, version)
        .await?
        .map(|w| w.version))
}

/// The lease's end, as written.
fn until_of(entry: &KeptAccount) -> u64 {
    entry.lease.as_ref().map_or(0, |l| l.until)
}

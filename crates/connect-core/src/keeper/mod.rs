//! The keeper: accounts whose tokens must outlive any laptop, kept alive on a server. The desktop
//! hands an account over by writing its private entry (the refresh token, the application and its
//! client secret) under a folder that only the keepers' policy reads; each keeper lists that
//! folder, refreshes every pair when due, and publishes the access token where the desktop did.
//!
//! Several keepers may watch the same folder: each rotation is done by the one that wrote its
//! lease first (check-and-set on the private entry, see `rotation`). Accounts are taken one at a
//! time: a thousand accounts with hour-long tokens make a refresh every few seconds at most.

mod entry;
mod rotation;

use std::collections::HashMap;
use std::future::Future;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use entry::{KeptAccount, KeptPublishing, KeptTokens, Lease, Stopped};
pub use rotation::Turn;

use crate::error::ErrorCode;
use crate::provider::Provider;
use crate::share::{Kv, ShareProblem};

/// How long a keeper holds an account while refreshing it, unless told otherwise: well beyond
/// one request to Factorial and a few to the secrets manager.
pub const DEFAULT_LEASE_SECS: u64 = 120;
/// How often the folder is listed for accounts handed over or taken back.
pub const DEFAULT_SCAN_SECS: u64 = 60;
/// The longest wait between two tries after failures: servers read what keepers publish, so a
/// keeper tries again sooner than a desktop's keep-alive does.
const MAX_RETRY_MS: u64 = 60 * 1000;

/// Why a turn failed; the account is tried again with backoff.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeeperProblem {
    #[error("the secrets manager: {0:?}")]
    Store(ShareProblem),
    #[error("Factorial: {0:?}")]
    Factorial(ErrorCode),
}

impl From<ShareProblem> for KeeperProblem {
    fn from(problem: ShareProblem) -> Self {
        KeeperProblem::Store(problem)
    }
}

/// What a keeper tells its log.
#[derive(Debug)]
pub enum Event {
    /// The folder was listed: this many accounts are kept (said when the number changes).
    Watching {
        accounts: usize,
    },
    /// The folder could not be listed.
    ListFailed {
        problem: ShareProblem,
    },
    Refreshed {
        account: String,
        rotations: u64,
        published: Result<u64, ShareProblem>,
    },
    Published {
        account: String,
        version: u64,
    },
    /// Factorial refused the account's refresh token (said once).
    Stopped {
        account: String,
    },
    Failed {
        account: String,
        problem: KeeperProblem,
    },
    /// Every turn's outcome, for a developer's log (no secret in it).
    Turn {
        account: String,
        outcome: String,
    },
}

/// A keeper of the accounts in one folder of a KV version 2 engine.
pub struct Keeper {
    /// The folder (`factorial-connect/keeper`), logged in.
    root: Kv,
    provider: Provider,
    /// This keeper's name in the leases it writes.
    holder: String,
    lease_secs: u64,
    scan_ms: u64,
}

/// Where one account stands in this keeper's schedule.
#[derive(Default)]
struct Slot {
    next_ms: u64,
    failures: u32,
    /// Turns in a row that found another keeper's write first (or a node behind).
    moved: u32,
    stopped: bool,
}

impl Keeper {
    pub fn new(root: Kv, provider: Provider, holder: String) -> Self {
        Keeper {
            root,
            provider,
            holder,
            lease_secs: DEFAULT_LEASE_SECS,
            scan_ms: DEFAULT_SCAN_SECS * 1000,
        }
    }

    /// How long a lease lasts, and how often the folder is listed (tests use seconds).
    pub fn timing(mut self, lease_secs: u64, scan_secs: u64) -> Self {
        self.lease_secs = lease_secs.max(1);
        self.scan_ms = scan_secs.max(1) * 1000;
        self
    }

    fn now(&self) -> u64 {
        now_ms() / 1000
    }

    /// The account named `name` in the folder.
    fn account(&self, name: &str) -> Option<Kv> {
        let path = format!("{}/{}", self.root.destination().path, name);
        self.root.at(&path).ok()
    }

    /// Keeps the folder's accounts alive until `stop` completes (a turn under way is finished
    /// first, so no lease is left behind by a clean stop).
    pub async fn run(&self, stop: impl Future<Output = ()>, mut report: impl FnMut(Event)) {
        let mut stop = std::pin::pin!(stop);
        let mut slots: HashMap<String, Slot> = HashMap::new();
        let mut next_scan = 0;
        let mut watching = None;
        loop {
            let now = now_ms();
            if now >= next_scan {
                match self.root.list().await {
                    Ok(names) => {
                        let names: Vec<String> = names
                            .into_iter()
                            .filter(|n| !n.ends_with('/') && self.account(n).is_some())
                            .collect();
                        slots.retain(|name, _| names.contains(name));
                        for name in names {
                            slots.entry(name).or_default();
                        }
                        if watching != Some(slots.len()) {
                            watching = Some(slots.len());
                            report(Event::Watching {
                                accounts: slots.len(),
                            });
                        }
                    }
                    Err(problem) => report(Event::ListFailed { problem }),
                }
                next_scan = now_ms() + self.scan_ms;
            }
            let due: Vec<String> = slots
                .iter()
                .filter(|(_, slot)| slot.next_ms <= now)
                .map(|(name, _)| name.clone())
                .collect();
            for name in due {
                // A stop asked for between turns is heard before the next one.
                if futures_ready(&mut stop).await {
                    return;
                }
                let turn = match self.account(&name) {
                    Some(kv) => self.turn(&kv).await,
                    None => Ok(Turn::Gone),
                };
                report(Event::Turn {
                    account: name.clone(),
                    outcome: format!("{turn:?}"),
                });
                if let Some(slot) = slots.get_mut(&name)
                    && self.after(slot, &name, turn, &mut report)
                {
                    slots.remove(&name);
                }
            }
            let wake = slots
                .values()
                .map(|s| s.next_ms)
                .chain([next_scan])
                .min()
                .unwrap_or(next_scan);
            let wait = Duration::from_millis(wake.saturating_sub(now_ms()));
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = &mut stop => return,
            }
        }
    }

    /// Schedules the account's next turn from what this one did; true when it is gone.
    fn after(
        &self,
        slot: &mut Slot,
        name: &str,
        turn: Result<Turn, KeeperProblem>,
        report: &mut impl FnMut(Event),
    ) -> bool {
        let now = now_ms();
        let account = name.to_string();
        let turn = match turn {
            Ok(turn) => turn,
            Err(problem) => {
                slot.failures = slot.failures.saturating_add(1);
                slot.next_ms = now + backoff_ms(slot.failures);
                report(Event::Failed { account, problem });
                return false;
            }
        };
        if !matches!(turn, Turn::Stopped) {
            slot.stopped = false;
        }
        if !matches!(turn, Turn::Moved) {
            slot.moved = 0;
        }
        slot.next_ms = match turn {
            Turn::Fresh { due } => {
                slot.failures = 0;
                due.saturating_mul(1000)
            }
            Turn::Busy { until } => until.saturating_mul(1000).min(now + 1000),
            Turn::Moved => {
                slot.moved = slot.moved.saturating_add(1);
                now + (50u64 << slot.moved.min(5))
            }
            Turn::Refreshed {
                rotations,
                due,
                published,
            } => {
                let next = match &published {
                    Ok(_) => {
                        slot.failures = 0;
                        due.saturating_mul(1000)
                    }
                    Err(_) => {
                        slot.failures = slot.failures.saturating_add(1);
                        due.saturating_mul(1000)
                            .min(now + backoff_ms(slot.failures))
                    }
                };
                report(Event::Refreshed {
                    account,
                    rotations,
                    published,
                });
                next
            }
            Turn::Published { version, due } => {
                slot.failures = 0;
                report(Event::Published { account, version });
                due.saturating_mul(1000)
            }
            Turn::Stopped => {
                if !slot.stopped {
                    slot.stopped = true;
                    report(Event::Stopped { account });
                }
                now + self.scan_ms
            }
            Turn::NotOurs => now + self.scan_ms,
            Turn::Gone => return true,
        };
        false
    }
}

/// Whether `stop` has completed, without waiting for it.
async fn futures_ready(stop: &mut std::pin::Pin<&mut impl Future<Output = ()>>) -> bool {
    tokio::select! {
        biased;
        () = stop.as_mut() => true,
        () = std::future::ready(()) => false,
    }
}

fn backoff_ms(failures: u32) -> u64 {
    1000u64
        .saturating_mul(1 << failures.min(20))
        .min(MAX_RETRY_MS)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

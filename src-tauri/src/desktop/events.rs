//! What the window tells its page, through the channels the page handed to `subscribe`: how a link
//! ended, and that the data changed (another process refreshed an account, completed an
//! authorization, added an application). The page has no event permission; this is its only feed.

use connect_core::registry::Outcome;
use connect_core::{Connected, Result};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum WindowEvent {
    /// A deep link was handled; the report names the authorization it answered.
    Link { report: CallbackReport },
    /// The registry changed: read it again.
    DataChanged,
    /// The admin clicked a notification saying this account must be connected again.
    ConnectAgain { app_name: String, company: bool },
}

/// How a deep link or paste ended: the same [`Outcome`] the registry records for waiters, and the
/// authorization it answered (`None` for a link that answers none started here), so the waiting
/// panel closes only for its own.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CallbackReport {
    pub state_hash: Option<String>,
    pub outcome: Outcome,
}

impl CallbackReport {
    /// The report of a completion; `answered` is the authorization the answer named, if any.
    pub fn new(answered: Option<String>, result: Result<Connected>) -> Self {
        match result {
            Ok(connected) => CallbackReport {
                outcome: connected.outcome(),
                state_hash: Some(connected.state_hash),
            },
            Err(e) => CallbackReport {
                state_hash: answered,
                outcome: Outcome::Failed {
                    error: e.into_code(),
                },
            },
        }
    }
}

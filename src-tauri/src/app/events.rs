//! What the window tells its page, through the channels the page handed to `subscribe`: how a link
//! ended, and that the data changed (another process refreshed an account, completed an
//! authorization, added an application). The page has no event permission; this is its only feed.

use connect_core::engine::Connected;
use connect_core::{Error, ErrorCode};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum WindowEvent {
    /// A deep link was handled; the report names the authorization it answered.
    Link { report: CallbackReport },
    /// The registry changed: read it again.
    DataChanged,
}

/// How a deep link or paste ended, as the window shows it. `state_hash` names the authorization it
/// answered (`None` for a link that answers none started here), so the waiting panel closes only
/// for its own.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CallbackReport {
    Connected {
        state_hash: String,
        app_name: String,
        account_id: String,
        label: String,
    },
    Failed {
        state_hash: Option<String>,
        code: ErrorCode,
        message: String,
    },
}

impl CallbackReport {
    pub fn connected(c: Connected) -> Self {
        CallbackReport::Connected {
            state_hash: c.state_hash,
            app_name: c.app_name,
            account_id: c.account.id,
            label: c.account.label,
        }
    }

    pub fn failed(state_hash: Option<String>, e: &Error) -> Self {
        CallbackReport::Failed {
            state_hash,
            code: e.code(),
            message: e.to_string(),
        }
    }
}

//! "Share with servers": an account's access token handed to the secrets manager the company
//! already runs (OpenBao, or HashiCorp Vault, whose HTTP API OpenBao speaks), in a KV version 2
//! engine, so that a server job reads a fresh token there (with `bao agent`, or its own client)
//! instead of running this app. This desktop stays the only refresher: only the access token and
//! what describes it leave the machine, never the refresh token or the client secret.
//!
//! Every write is check-and-set on the version this app last wrote, and the entry itself is made
//! to require check-and-set, so nobody's version is ever overwritten by ours, and a version written
//! by someone else stops the publishing rather than being replaced.

mod client;
mod destination;
mod problem;
mod record;
mod requests;
mod state;

pub use client::{Kv, Written};
pub use destination::{Destination, Login};
pub use problem::{CertificateIssue, ShareProblem};
pub use record::{PublishedToken, WRITER, rfc3339, unix_secs};
pub use state::{KeptBy, ShareFailure, Sharing};

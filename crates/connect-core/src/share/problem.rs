//! Why the secrets manager did not take or give what was asked, typed for each edge to word; the
//! server's own messages are English and are not carried.

use serde::{Deserialize, Serialize};

/// What went wrong with a secrets manager.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ShareProblem {
    /// No connection could be made (a wrong address or port, a firewall, the server is down).
    Unreachable,
    /// The server did not answer in time.
    TimedOut,
    /// The server's certificate could not be trusted, and why.
    Certificate { issue: CertificateIssue },
    /// The CA file given for this destination could not be read, or holds no PEM certificate.
    CaFile { path: String },
    /// The server is sealed (HTTP 503): its admin must unseal it.
    Sealed,
    /// The login was refused: a wrong or expired token, or a wrong AppRole role or secret ID.
    LoginRefused,
    /// Logged in, but this login's policy does not allow what was asked on this entry.
    NotAllowed,
    /// No secrets engine is mounted where the destination says.
    NoMount,
    /// The mount is not a KV version 2 engine (version 1 has no versions nor check-and-set).
    NotVersioned,
    /// Check-and-set is not required on the entry, and this login may not require it: anyone's
    /// plain write would silently replace the shared token.
    CasNotRequired,
    /// The entry already holds something this app did not write there.
    PathTaken,
    /// Someone else wrote version `found` over the version this app wrote (`ours`): publishing
    /// stops, and their version is left as it is.
    WrittenByOthers { ours: u64, found: u64 },
    /// Someone else removed the entry where this app had written version `ours`.
    RemovedByOthers { ours: u64 },
    /// The token keepers published there has expired: they have not refreshed it (none is
    /// running, or they cannot reach Factorial or the server).
    KeptTokenExpired,
    /// The server failed on its side (HTTP 5xx other than sealed).
    ServerError { status: u16 },
    /// An answer that is not what the server's API promises.
    UnexpectedAnswer { status: Option<u16> },
}

impl ShareProblem {
    /// Whether trying again soon may succeed by itself (the server away, sealed or failing for
    /// a moment), rather than waiting for someone to change something.
    pub fn is_passing(&self) -> bool {
        matches!(
            self,
            Self::Unreachable | Self::TimedOut | Self::Sealed | Self::ServerError { .. }
        )
    }
}

/// Why a server's certificate was not trusted.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateIssue {
    /// It is for another name than the address's.
    WrongName,
    /// Signed by an authority this computer does not trust (a company's own CA: give its file).
    UnknownAuthority,
    /// Expired or not yet valid.
    Expired,
    /// Anything else the TLS library refused.
    Other,
}

impl CertificateIssue {
    /// The issue behind a failed connection, if it was the certificate.
    pub(super) fn of(error: &(dyn std::error::Error + 'static)) -> Option<Self> {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = source {
            if let Some(rustls_error) = e.downcast_ref::<rustls::Error>() {
                use rustls::CertificateError as C;
                let rustls::Error::InvalidCertificate(certificate) = rustls_error else {
                    return Some(Self::Other);
                };
                return Some(match certificate {
                    C::NotValidForName | C::NotValidForNameContext { .. } => Self::WrongName,
                    C::UnknownIssuer => Self::UnknownAuthority,
                    C::Expired
                    | C::ExpiredContext { .. }
                    | C::NotValidYet
                    | C::NotValidYetContext { .. } => Self::Expired,
                    _ => Self::Other,
                });
            }
            // An I/O error's `source` skips the error it wraps (hyper wraps rustls' in two).
            source = match e.downcast_ref::<std::io::Error>() {
                Some(io) => io.get_ref().map(|inner| inner as _),
                None => e.source(),
            };
        }
        None
    }
}

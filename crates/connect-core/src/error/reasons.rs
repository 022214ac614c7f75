//! Why something outside refused, typed: the URL parser and the file system give their reasons
//! in English (or the system's language); these carry them as codes each edge words.

use serde::{Deserialize, Serialize};

/// Why the system refused a file operation, from its error kind; worded at each edge (the
/// system's own words are in the system's language, often English).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemProblem {
    NotFound,
    PermissionDenied,
    DiskFull,
    ReadOnly,
    Other,
}

impl SystemProblem {
    pub fn of(error: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::NotFound => Self::NotFound,
            K::PermissionDenied => Self::PermissionDenied,
            K::StorageFull | K::QuotaExceeded => Self::DiskFull,
            K::ReadOnlyFilesystem => Self::ReadOnly,
            _ => Self::Other,
        }
    }
}

/// What is wrong with text that should be an address, as the URL parser found it; worded at each
/// edge in the admin's language (the parser's own words are English).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressProblem {
    /// Nothing where the server's name belongs (`https://`, `https:///x`).
    EmptyHost,
    /// A server name with characters no name can have.
    BadHost,
    /// A port that is not a number from 0 to 65535.
    BadPort,
    /// An IPv4 or IPv6 address that is not one.
    BadIpAddress,
    /// No scheme in front (`api.factorialhr.com`, `/oauth/callback`).
    NoScheme,
    /// Too long to be read.
    TooLong,
    /// Anything the parser reports that the above do not name.
    Other,
}

impl From<url::ParseError> for AddressProblem {
    fn from(error: url::ParseError) -> Self {
        use url::ParseError as P;
        match error {
            P::EmptyHost => Self::EmptyHost,
            P::IdnaError | P::InvalidDomainCharacter => Self::BadHost,
            P::InvalidPort => Self::BadPort,
            P::InvalidIpv4Address | P::InvalidIpv6Address => Self::BadIpAddress,
            P::RelativeUrlWithoutBase
            | P::RelativeUrlWithCannotBeABaseBase
            | P::SetHostOnCannotBeABaseUrl => Self::NoScheme,
            P::Overflow => Self::TooLong,
            _ => Self::Other,
        }
    }
}

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

/// What is damaged in a data file, as the reader found it; worded at each edge (the JSON reader's
/// own words are English).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "damage", rename_all = "snake_case")]
pub enum Damage {
    /// Larger than any file this version writes: it was not read whole.
    TooLarge { limit_mib: u64 },
    /// Not this version's data (not JSON, or JSON of another shape): where reading stopped.
    Unreadable { line: u64, column: u64 },
    /// A record that would be refused if it were typed in now: which one (counted from 1), and
    /// which part of it.
    BadRecord {
        record: RecordKind,
        number: u64,
        part: RecordPart,
    },
}

/// The kinds of record a data file holds.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Application,
    Account,
    PendingAuthorization,
}

/// The part of a stored record that is not valid.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordPart {
    Id,
    Name,
    ClientId,
    BaseUrl,
    RedirectUri,
    Scopes,
    /// Where an account's token is shared (a secrets manager's address, mount or path).
    SharedTo,
}

/// What is wrong with an answer that is neither OAuth's nor the API's; worded at each edge.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "flaw", rename_all = "snake_case")]
pub enum AnswerFlaw {
    /// Another kind of content where JSON belongs; `content_type` as the server gave it, made
    /// plain.
    NotJson { content_type: String },
    /// JSON that ends too early.
    JsonCutShort,
    /// Not JSON at all, though labelled so.
    JsonSyntax,
    /// JSON, but not shaped as OAuth or the API promise.
    JsonShape,
    /// An empty answer, or one the OAuth library could not take apart.
    Empty,
    /// The connection dropped while the answer was arriving.
    CutShort,
    /// Larger than any such answer is; it was not read whole.
    TooLarge { limit_kib: u64 },
    /// The credentials endpoint answered without naming a user or a company.
    NoOwner,
    /// A status this call does not expect, and nothing more to say about it.
    UnexpectedStatus,
}

impl AnswerFlaw {
    /// How the JSON reader's failure reads here.
    pub fn of_json(error: &serde_json::Error) -> Self {
        use serde_json::error::Category as C;
        match error.classify() {
            C::Eof => Self::JsonCutShort,
            C::Syntax => Self::JsonSyntax,
            C::Data => Self::JsonShape,
            C::Io => Self::CutShort,
        }
    }

    /// A content type that says the answer is not JSON wins over what the JSON reader said of it.
    pub fn unless_not_json(self, content_type: Option<&str>) -> Self {
        match content_type {
            Some(ct) if !ct.to_ascii_lowercase().contains("json") => Self::NotJson {
                content_type: super::plain_text(ct, 100),
            },
            _ => self,
        }
    }
}

/// Why the system clipboard could not be used; worded at each edge.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClipboardProblem {
    /// This session offers no clipboard (no display server, or none the system supports).
    Unavailable,
    /// Another program holds it.
    Busy,
    /// Anything else the clipboard reports.
    Other,
}

/// Why no browser could be started; worded at each edge.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BrowserProblem {
    /// None is set up: no default browser, nothing `$BROWSER` names that exists.
    NoneFound,
    /// One was found, and the system would not start it.
    Refused,
}

impl BrowserProblem {
    pub fn of(error: &std::io::Error) -> Self {
        match error.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::Unsupported => Self::NoneFound,
            _ => Self::Refused,
        }
    }
}

/// Why a new version could not be looked for, fetched or installed; worded at each edge.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateProblem {
    /// The system's package manager updates this install, not the app.
    PackageManager,
    /// This copy was built without the release key, so it cannot check a download.
    Unsigned,
    /// The update server or the download could not be reached.
    Network,
    /// No new version is published for this system.
    NotPublished,
    /// The download's signature does not match the release key.
    BadSignature,
    /// It was downloaded and checked, and could not be installed.
    Install,
    /// Anything else the updater reports.
    Other,
}

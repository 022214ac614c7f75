//! What went wrong, as a code with parameters: the one vocabulary the engine speaks to its edges.
//!
//! Nothing here is a sentence. The CLI turns a code into its exit status and an English sentence
//! that names commands; the window turns it into a sentence in the admin's language that names
//! buttons; the registry stores it for waiters in other processes. Codes serialise as
//! `{"code": "app_not_found", "name": …}` and never change meaning once released; new ones may be
//! added, and a reader that meets one it does not know gets [`ErrorCode::Unknown`].
//! Parameters hold no secret: tokens, client secrets, codes and verifiers never enter one.

use serde::{Deserialize, Serialize};

use crate::share::ShareProblem;

use super::reasons::{
    AddressProblem, AnswerFlaw, BrowserProblem, ClipboardProblem, Damage, SystemProblem,
    UpdateProblem,
};

/// Everything that can go wrong, with what the edge needs to say it well.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ErrorCode {
    /// Something the admin typed does not fit.
    InvalidInput {
        field: Field,
        issue: InputIssue,
    },
    AppNotFound {
        name: String,
        known: Vec<String>,
    },
    AppExists {
        name: String,
    },
    NotConnected {
        app: String,
    },
    AccountNotFound {
        app: String,
        account: String,
        known: Vec<String>,
    },
    /// Several accounts and none chosen; `accounts` are "id (label)".
    AccountAmbiguous {
        app: String,
        accounts: Vec<String>,
    },
    Keychain {
        problem: KeychainProblem,
    },
    /// Factorial issued new tokens but the keychain would not store them, even after retries.
    /// `revoked`: they were revoked at Factorial, so nothing usable is left anywhere.
    TokensNotSaved {
        revoked: bool,
        problem: KeychainProblem,
    },
    /// A secret the engine needs is not in the keychain (deleted outside Factorial Connect).
    SecretMissing {
        secret: SecretKind,
    },
    /// The answer to an authorization (deep link, paste) was refused before reaching Factorial.
    CallbackRejected {
        problem: CallbackError,
        /// It came as a `factorial-connect://` link, which any web page can open, not as
        /// something the admin pasted: it is explained as a link nobody here asked for.
        #[serde(default)]
        from_link: bool,
    },
    /// Factorial refused the authorization code: expired, already used, or for another redirect
    /// URI or PKCE verifier.
    CodeRefused {
        description: Option<String>,
    },
    /// Factorial refused the refresh token (expired, revoked or replaced): connect again.
    ReconnectNeeded {
        description: Option<String>,
    },
    /// Factorial refused an access token it once issued (revoked or expired).
    TokenRejected {
        app: String,
    },
    /// Factorial accepted the access token but would not say whose it is (HTTP 403 from the
    /// credentials endpoint): most likely a scope the application lacks. `scope` is the one the
    /// answer names, when it names one; `description` its own words.
    IdentityRefused {
        app: String,
        scope: Option<String>,
        description: Option<String>,
    },
    /// Factorial refused a request for another reason than the two above.
    ProviderRefused {
        refusal: ProviderRefusal,
        during: Step,
        /// The provider's `error_description`, control characters removed.
        description: Option<String>,
    },
    NotRefreshable {
        reason: NotRefreshable,
    },
    /// No connection could be made.
    Network {
        host: String,
    },
    /// Connected and sent, then the line dropped: the server may have acted.
    ConnectionLost {
        host: String,
        during: Step,
    },
    Timeout {
        host: String,
    },
    /// The server answered with a 5xx: it is down or broken on its side.
    ServerError {
        host: String,
        status: u16,
    },
    /// The server has nothing at the address used for this step (HTTP 404): a wrong base URL, or
    /// a server without the API version asked for.
    NoSuchAddress {
        host: String,
        during: Step,
    },
    /// A web page or a redirect came back where Factorial answers with data: a proxy, a firewall
    /// or a network's sign-in page stands in the way, or the base URL is not Factorial's API.
    WebPageInstead {
        host: String,
        status: u16,
    },
    /// An answer that is not what OAuth or the API promise, and how.
    BadResponse {
        host: String,
        /// `None` when the answer broke off before its status line was read.
        status: Option<u16>,
        flaw: AnswerFlaw,
    },
    /// Another Factorial Connect process holds what is needed and did not let go in time.
    Busy {
        holder: BusyWith,
        waited_secs: u64,
    },
    /// The data folder (or the window's settings, or the autostart entry) could not be used.
    Storage {
        path: String,
        problem: SystemProblem,
        /// The system's own number for it, for support, when there is one. Text, so no edge
        /// formats it as a quantity ("1,920").
        os_code: Option<String>,
    },
    /// Something in the data folder is not what belongs there (a link, a pipe, a device or a
    /// folder where a plain file belongs; a data folder that is a link to a folder others can use).
    /// It was neither followed, waited on nor changed.
    UnsafePath {
        path: String,
        found: PathProblem,
    },
    /// A data file is damaged; it was left untouched and copied to `backup` (when that worked).
    Corrupt {
        path: String,
        backup: Option<String>,
        damage: Damage,
    },
    /// A data file was written by a newer version; left untouched and copied to `backup`.
    NewerData {
        path: String,
        backup: Option<String>,
        format: u32,
    },
    /// The system clipboard could not be used (the window copies through it).
    Clipboard {
        problem: ClipboardProblem,
    },
    /// A new version could not be looked for, fetched or installed (the window's updater).
    UpdateFailed {
        problem: UpdateProblem,
    },
    /// The account is shared already, at `server`: stop that first.
    AlreadyShared {
        app: String,
        server: String,
    },
    /// The account was handed over to keepers on `server` (its private entry is `entry`): they
    /// refresh it, not this computer.
    KeptByKeeper {
        app: String,
        server: String,
        entry: String,
    },
    /// The account is not shared with any secrets manager.
    NotShared {
        app: String,
    },
    /// The secrets manager an account's token is shared with did not take or give it.
    /// `server` is its name and port.
    ShareFailed {
        server: String,
        problem: ShareProblem,
    },
    /// No browser could be started.
    NoBrowser {
        problem: BrowserProblem,
    },
    /// No answer came back from the browser in time.
    WaitTimedOut {
        waited_secs: u64,
    },
    /// The authorization was cancelled (by the admin, or by leaving the wait).
    Cancelled,
    /// A code written by a newer version, read back from the registry.
    #[serde(other)]
    #[default]
    Unknown,
}

/// The field an [`ErrorCode::InvalidInput`] is about, as the admin knows it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Environment,
    ClientId,
    ClientSecret,
    RedirectUri,
    Scopes,
    Pkce,
    /// How long the command line waits for the browser.
    Timeout,
    /// How long the application's refresh tokens live.
    RefreshLifetime,
    /// What the window's page sent one of the app's commands.
    Request,
    /// A secrets manager's address.
    ServerAddress,
    /// The secrets engine's mount on it.
    ServerMount,
    /// The entry's path in that mount.
    ServerPath,
    /// Its namespace.
    ServerNamespace,
    /// How to log in to it (an AppRole's role ID).
    ServerLogin,
    /// The secret half of that login: a token, or an AppRole's secret ID.
    ServerSecret,
    /// The folder on the secrets manager where keepers look for accounts handed over to them.
    KeeperFolder,
    /// The file holding a keeper's own login to the secrets manager.
    KeeperLogin,
}

/// What is wrong with a field's value.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum InputIssue {
    Empty,
    TooLong {
        max: u64,
    },
    ControlCharacters,
    /// A name that looks like an address or an option ("-x").
    LooksLikeAddress,
    /// An identifier or secret with spaces in it.
    NotOneWord,
    /// A confidential application needs its client secret.
    SecretRequired,
    /// A public application has no client secret.
    SecretNotAllowed,
    /// RFC 8252 §8.1: a public application must use PKCE.
    PublicWithoutPkce,
    /// Neither a known environment nor an address.
    NotAnAddress {
        value: String,
        problem: AddressProblem,
    },
    /// Plain http anywhere but loopback.
    PlainHttp,
    /// A scheme that cannot be used here (`javascript:`, `ftp:`).
    ForbiddenScheme {
        scheme: String,
    },
    NoHost,
    /// A base URL with a query, fragment or user name.
    NotJustServer,
    /// Not slash-separated plain names (letters, digits, `-`, `_`, `.`; no `..`).
    NotAPath,
    /// A redirect URI with a #fragment (RFC 6749 §3.1.2).
    HasFragment,
    NotAScope {
        scope: String,
    },
    /// Could not be read from the terminal or standard input.
    Unreadable,
    /// Environment or client ID of an application that already has a connected account.
    FixedOnceConnected,
    /// Outside the allowed range (seconds, for durations).
    OutOfRange {
        min: u64,
        max: u64,
    },
    /// Above the largest allowed number.
    AboveLimit {
        max: u64,
    },
    /// A command was sent an argument it does not take (only a page that is not ours, or a bug in
    /// ours, sends one): `argument` is its name as sent.
    BadArgument {
        command: String,
        argument: String,
        problem: ArgumentProblem,
    },
}

/// What is wrong with an argument sent to a command.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgumentProblem {
    Missing,
    WrongType,
}

/// Why the keychain could not be used.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeychainProblem {
    /// No keychain service is reachable (on Linux: no Secret Service on the session bus, or no bus).
    NotRunning,
    /// The keychain exists but is locked, or access was refused.
    Locked,
    /// A secret is too long for this platform's keychain (Windows' Credential Manager).
    TooLong,
    /// The keychain did not answer in time (on Linux: often an unlock dialog nobody answered).
    NotResponding,
    /// The keychain answered with something else.
    Other,
}

/// Which secret is missing from the keychain.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretKind {
    /// An account's tokens: connect it again.
    Tokens,
    /// An application's client secret: enter it again.
    ClientSecret,
    /// Part of a secret split into chunks.
    SecretPart,
    /// The login to the secrets manager an account is shared with: share it again.
    ShareLogin,
}

/// What the provider's endpoint said, in terms the admin can act on (RFC 6749 §5.2).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ProviderRefusal {
    /// Wrong client ID or secret, or the application was deleted.
    InvalidClient,
    /// A grant refused where it does not mean "connect again" (revoking).
    InvalidGrant,
    /// The application may not use this grant.
    UnauthorizedClient,
    /// A scope the application does not have.
    InvalidScope,
    /// `invalid_request` and anything else, with the provider's code.
    Other { error_code: String },
}

/// What the engine was doing when the provider refused or the connection dropped.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Connecting,
    Refreshing,
    Revoking,
    Identifying,
}

/// Why a token cannot be refreshed.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotRefreshable {
    /// Company tokens never expire and come without a refresh token.
    CompanyToken,
    /// Factorial gave no refresh token for it.
    NoRefreshToken,
}

/// What another process was holding.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BusyWith {
    /// Refreshing (or revoking, forgetting) this account.
    Account,
    /// Writing the data folder.
    DataFolder,
}

/// What was found where the data folder or one of its files belongs.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathProblem {
    /// A symbolic link (or, on Windows, a reparse point) pointing elsewhere.
    Link,
    /// A pipe, a device, a socket or a folder.
    NotAFile,
    /// The data folder is a link to a folder that other users can read or write.
    SharedFolder,
}

/// Why an authorization answer (deep link, pasted address or code) was refused.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallbackError {
    /// It names no authorization started here (or one already cleaned up).
    UnknownState,
    /// That authorization was already completed; an answer works once.
    Replayed,
    /// The authorization expired (they live `minutes`).
    Expired {
        minutes: u64,
    },
    /// The Deny button was pressed, or the account may not grant it.
    Denied,
    /// Factorial answered the authorization with an error of its own.
    ProviderError {
        error_code: String,
        description: Option<String>,
    },
    Malformed {
        why: Malformed,
    },
    /// Longer than any real answer.
    TooLong {
        len: u64,
    },
    /// It answers another pending authorization than the one being completed; this one waits on.
    BelongsToAnother,
    /// A bare code, but no authorization is waiting.
    NothingPending,
}

/// How an answer is not an authorization answer.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Malformed {
    Empty,
    ControlCharacters,
    NotAnAddress {
        problem: AddressProblem,
    },
    /// A `factorial-connect://` link other than `oauth/callback`.
    ForeignLink,
    NoCode,
    RepeatedParameter {
        name: String,
    },
    /// A code with characters no authorization code has.
    NotACode,
    /// A deep link without `state`: any web page can open our scheme, so it cannot be trusted.
    LinkWithoutState,
    /// A deep link that is a bare code rather than an address.
    LinkNotAnAddress,
    /// A bare code while several authorizations wait.
    AmbiguousCode,
}

impl From<CallbackError> for ErrorCode {
    fn from(problem: CallbackError) -> Self {
        ErrorCode::CallbackRejected {
            problem,
            from_link: false,
        }
    }
}

impl ErrorCode {
    /// The same refusal of an answer, said of one that came as a link.
    pub fn of_link(self) -> ErrorCode {
        match self {
            ErrorCode::CallbackRejected { problem, .. } => ErrorCode::CallbackRejected {
                problem,
                from_link: true,
            },
            other => other,
        }
    }

    /// `path` could not be used: why, from the system's error when there is one (some libraries
    /// refuse for reasons of their own, without one).
    pub fn storage(path: impl Into<String>, cause: Option<&std::io::Error>) -> ErrorCode {
        ErrorCode::Storage {
            path: path.into(),
            problem: cause.map_or(SystemProblem::Other, SystemProblem::of),
            os_code: cause
                .and_then(std::io::Error::raw_os_error)
                .map(|c| c.to_string()),
        }
    }

    /// The code's name as it serialises ("app_not_found"), for logs.
    pub fn name(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
            .unwrap_or_else(|| "unknown".into())
    }
}

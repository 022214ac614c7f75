//! One example of every error code, and of every value its messages select on, for the tests of
//! the catalogs beside this file; each list is held complete by a function that stops compiling
//! when a variant is added without an example.

use connect_core::ErrorCode;
use connect_core::error::{
    AddressProblem, ArgumentProblem, BusyWith, CallbackError, Field, InputIssue, KeychainProblem,
    Malformed, NotRefreshable, PathProblem, ProviderRefusal, SecretKind, Step, SystemProblem,
};

/// One example of every code, and of every value a message selects on.
pub(super) fn examples() -> Vec<ErrorCode> {
    let host = || "api.factorialhr.com".to_string();
    let mut codes = vec![
        ErrorCode::AppNotFound {
            name: "Payroll".into(),
            known: vec![],
        },
        ErrorCode::AppNotFound {
            name: "Payroll".into(),
            known: vec!["HR".into(), "Time".into()],
        },
        ErrorCode::AppExists {
            name: "Payroll".into(),
        },
        ErrorCode::NotConnected {
            app: "Payroll sync".into(),
        },
        ErrorCode::NotShared {
            app: "Payroll sync".into(),
        },
        ErrorCode::AlreadyShared {
            app: "Payroll sync".into(),
            server: "vault.example.com:8200".into(),
        },
        ErrorCode::KeptByKeeper {
            app: "Payroll sync".into(),
            server: "vault.example.com:8200".into(),
            entry: "secret/factorial-connect-keeper/factorial-payroll".into(),
        },
        ErrorCode::AccountNotFound {
            app: "Payroll".into(),
            account: "x".into(),
            known: vec!["user-1".into()],
        },
        ErrorCode::AccountAmbiguous {
            app: "Payroll".into(),
            accounts: vec!["user-1 (Ana)".into(), "company-7 (Acme)".into()],
        },
        ErrorCode::CodeRefused { description: None },
        ErrorCode::CodeRefused {
            description: Some("expired".into()),
        },
        ErrorCode::ReconnectNeeded { description: None },
        ErrorCode::TokenRejected {
            app: "Payroll".into(),
        },
        ErrorCode::Network { host: host() },
        ErrorCode::Timeout { host: host() },
        ErrorCode::ServerError {
            host: host(),
            status: 502,
        },
        ErrorCode::IdentityRefused {
            app: "Payroll".into(),
            scope: Some("employees".into()),
            description: Some("Read and write employees".into()),
        },
        ErrorCode::IdentityRefused {
            app: "Payroll".into(),
            scope: None,
            description: None,
        },
        ErrorCode::NoSuchAddress {
            host: host(),
            during: Step::Identifying,
        },
        ErrorCode::NoSuchAddress {
            host: host(),
            during: Step::Connecting,
        },
        ErrorCode::WebPageInstead {
            host: host(),
            status: 200,
        },
        ErrorCode::WebPageInstead {
            host: host(),
            status: 302,
        },
        ErrorCode::Storage {
            path: "/data".into(),
            problem: SystemProblem::Other,
            os_code: Some("5".into()),
        },
        ErrorCode::Storage {
            path: "/data".into(),
            problem: SystemProblem::Other,
            os_code: None,
        },
        ErrorCode::UnsafePath {
            path: "/data/registry.json".into(),
            found: PathProblem::Link,
        },
        ErrorCode::UnsafePath {
            path: "/data/registry.lock".into(),
            found: PathProblem::NotAFile,
        },
        ErrorCode::UnsafePath {
            path: "/home/ana/.local/share/dev.factorialconnect.desktop".into(),
            found: PathProblem::SharedFolder,
        },
        ErrorCode::NewerData {
            path: "/data/registry.json".into(),
            backup: None,
            format: 9,
        },
        ErrorCode::WaitTimedOut { waited_secs: 600 },
        ErrorCode::Cancelled,
        ErrorCode::Unknown,
    ];
    for revoked in [true, false] {
        codes.push(ErrorCode::TokensNotSaved {
            revoked,
            problem: KeychainProblem::Locked,
        });
    }
    for problem in [
        KeychainProblem::NotRunning,
        KeychainProblem::Locked,
        KeychainProblem::TooLong,
        KeychainProblem::NotResponding,
        KeychainProblem::Other,
    ] {
        codes.push(ErrorCode::Keychain { problem });
    }
    for secret in [
        SecretKind::Tokens,
        SecretKind::ClientSecret,
        SecretKind::SecretPart,
        SecretKind::ShareLogin,
    ] {
        codes.push(ErrorCode::SecretMissing { secret });
    }
    for reason in [NotRefreshable::CompanyToken, NotRefreshable::NoRefreshToken] {
        codes.push(ErrorCode::NotRefreshable { reason });
    }
    for holder in [BusyWith::Account, BusyWith::DataFolder] {
        codes.push(ErrorCode::Busy {
            holder,
            waited_secs: 90,
        });
    }
    for during in [
        Step::Connecting,
        Step::Refreshing,
        Step::Revoking,
        Step::Identifying,
    ] {
        codes.push(ErrorCode::ConnectionLost {
            host: host(),
            during,
        });
        for refusal in [
            ProviderRefusal::InvalidClient,
            ProviderRefusal::InvalidGrant,
            ProviderRefusal::UnauthorizedClient,
            ProviderRefusal::InvalidScope,
            ProviderRefusal::Other {
                error_code: "invalid_request".into(),
            },
        ] {
            codes.push(ErrorCode::ProviderRefused {
                refusal,
                during,
                description: Some("no".into()),
            });
        }
    }
    let whys = [
        Malformed::Empty,
        Malformed::ControlCharacters,
        Malformed::NotAnAddress {
            problem: AddressProblem::NoScheme,
        },
        Malformed::ForeignLink,
        Malformed::NoCode,
        Malformed::RepeatedParameter {
            name: "state".into(),
        },
        Malformed::NotACode,
        Malformed::LinkWithoutState,
        Malformed::LinkNotAnAddress,
        Malformed::AmbiguousCode,
    ];
    let mut problems = vec![
        CallbackError::UnknownState,
        CallbackError::Replayed,
        CallbackError::Expired { minutes: 10 },
        CallbackError::Denied,
        CallbackError::ProviderError {
            error_code: "invalid_scope".into(),
            description: None,
        },
        CallbackError::TooLong { len: 5000 },
        CallbackError::BelongsToAnother,
        CallbackError::NothingPending,
    ];
    problems.extend(whys.map(|why| CallbackError::Malformed { why }));
    // Each also as it reads when it came as a link nobody here asked for.
    let as_links: Vec<ErrorCode> = problems
        .iter()
        .cloned()
        .map(|p| ErrorCode::from(p).of_link())
        .collect();
    codes.extend(problems.into_iter().map(ErrorCode::from));
    codes.extend(as_links);
    let fields = [
        Field::Name,
        Field::Environment,
        Field::ClientId,
        Field::ClientSecret,
        Field::RedirectUri,
        Field::Scopes,
        Field::Pkce,
        Field::Timeout,
        Field::RefreshLifetime,
        Field::Request,
        Field::ServerAddress,
        Field::ServerMount,
        Field::ServerPath,
        Field::ServerNamespace,
        Field::ServerLogin,
        Field::ServerSecret,
        Field::KeeperFolder,
        Field::KeeperLogin,
    ];
    let issues = [
        InputIssue::Empty,
        InputIssue::TooLong { max: 100 },
        InputIssue::ControlCharacters,
        InputIssue::LooksLikeAddress,
        InputIssue::NotOneWord,
        InputIssue::SecretRequired,
        InputIssue::SecretNotAllowed,
        InputIssue::PublicWithoutPkce,
        InputIssue::NotAnAddress {
            value: "x y".into(),
            problem: AddressProblem::NoScheme,
        },
        InputIssue::PlainHttp,
        InputIssue::ForbiddenScheme {
            scheme: "ftp".into(),
        },
        InputIssue::NoHost,
        InputIssue::NotJustServer,
        InputIssue::NotAPath,
        InputIssue::HasFragment,
        InputIssue::NotAScope {
            scope: "a;b".into(),
        },
        InputIssue::Unreadable,
        InputIssue::AboveLimit { max: 600 },
        InputIssue::FixedOnceConnected,
        InputIssue::OutOfRange {
            min: 10,
            max: 366 * 86_400,
        },
        InputIssue::BadArgument {
            command: "add_app".into(),
            argument: "form".into(),
            problem: ArgumentProblem::WrongType,
        },
        InputIssue::BadArgument {
            command: "list_apps".into(),
            argument: "limit".into(),
            problem: ArgumentProblem::Missing,
        },
    ];
    for field in fields {
        for issue in &issues {
            codes.push(ErrorCode::InvalidInput {
                field,
                issue: issue.clone(),
            });
        }
    }
    for problem in SYSTEM_PROBLEMS {
        let (path, os_code) = ("/data".into(), Some("1920".into()));
        codes.push(ErrorCode::Storage {
            path,
            problem,
            os_code,
        });
    }
    // Every way an address can be wrong, in each place an address is read.
    for problem in ADDRESS_PROBLEMS {
        for field in [Field::Environment, Field::RedirectUri, Field::ServerAddress] {
            let value = "x y".into();
            let issue = InputIssue::NotAnAddress { value, problem };
            codes.push(ErrorCode::InvalidInput { field, issue });
        }
        let why = Malformed::NotAnAddress { problem };
        codes.push(ErrorCode::from(CallbackError::Malformed { why }));
    }
    codes.extend(super::outside_reasons::examples());
    codes
}

const ADDRESS_PROBLEMS: [AddressProblem; 7] = [
    AddressProblem::EmptyHost,
    AddressProblem::BadHost,
    AddressProblem::BadPort,
    AddressProblem::BadIpAddress,
    AddressProblem::NoScheme,
    AddressProblem::TooLong,
    AddressProblem::Other,
];

const SYSTEM_PROBLEMS: [SystemProblem; 5] = [
    SystemProblem::NotFound,
    SystemProblem::PermissionDenied,
    SystemProblem::DiskFull,
    SystemProblem::ReadOnly,
    SystemProblem::Other,
];

/// Fail to compile when a system problem is added without a place in the list above.
#[allow(dead_code)]
fn every_system_problem_is_listed(problem: SystemProblem) {
    match problem {
        SystemProblem::NotFound
        | SystemProblem::PermissionDenied
        | SystemProblem::DiskFull
        | SystemProblem::ReadOnly
        | SystemProblem::Other => {}
    }
}

/// Fail to compile when an address problem is added without a place in the list above.
#[allow(dead_code)]
fn every_address_problem_is_listed(problem: AddressProblem) {
    match problem {
        AddressProblem::EmptyHost
        | AddressProblem::BadHost
        | AddressProblem::BadPort
        | AddressProblem::BadIpAddress
        | AddressProblem::NoScheme
        | AddressProblem::TooLong
        | AddressProblem::Other => {}
    }
}

/// Fail to compile when a field or an issue is added without an example above.
#[allow(dead_code)]
fn every_field_and_issue_has_an_example(field: Field, issue: &InputIssue) {
    match field {
        Field::Name
        | Field::Environment
        | Field::ClientId
        | Field::ClientSecret
        | Field::RedirectUri
        | Field::Scopes
        | Field::Pkce
        | Field::Timeout
        | Field::RefreshLifetime
        | Field::Request
        | Field::ServerAddress
        | Field::ServerMount
        | Field::ServerPath
        | Field::ServerNamespace
        | Field::ServerLogin
        | Field::ServerSecret
        | Field::KeeperFolder
        | Field::KeeperLogin => {}
    }
    match issue {
        InputIssue::Empty
        | InputIssue::TooLong { .. }
        | InputIssue::ControlCharacters
        | InputIssue::LooksLikeAddress
        | InputIssue::NotOneWord
        | InputIssue::SecretRequired
        | InputIssue::SecretNotAllowed
        | InputIssue::PublicWithoutPkce
        | InputIssue::NotAnAddress { .. }
        | InputIssue::PlainHttp
        | InputIssue::ForbiddenScheme { .. }
        | InputIssue::NoHost
        | InputIssue::NotJustServer
        | InputIssue::NotAPath
        | InputIssue::HasFragment
        | InputIssue::NotAScope { .. }
        | InputIssue::Unreadable
        | InputIssue::AboveLimit { .. }
        | InputIssue::FixedOnceConnected
        | InputIssue::OutOfRange { .. }
        | InputIssue::BadArgument { .. } => {}
    }
}

/// Fails to compile when a code is added without an example above.
#[allow(dead_code)]
fn every_code_has_an_example(code: &ErrorCode) {
    match code {
        ErrorCode::InvalidInput { .. }
        | ErrorCode::AppNotFound { .. }
        | ErrorCode::AppExists { .. }
        | ErrorCode::NotConnected { .. }
        | ErrorCode::AccountNotFound { .. }
        | ErrorCode::AccountAmbiguous { .. }
        | ErrorCode::Keychain { .. }
        | ErrorCode::TokensNotSaved { .. }
        | ErrorCode::SecretMissing { .. }
        | ErrorCode::CallbackRejected { .. }
        | ErrorCode::CodeRefused { .. }
        | ErrorCode::ReconnectNeeded { .. }
        | ErrorCode::TokenRejected { .. }
        | ErrorCode::ProviderRefused { .. }
        | ErrorCode::NotRefreshable { .. }
        | ErrorCode::Network { .. }
        | ErrorCode::ConnectionLost { .. }
        | ErrorCode::Timeout { .. }
        | ErrorCode::ServerError { .. }
        | ErrorCode::BadResponse { .. }
        | ErrorCode::IdentityRefused { .. }
        | ErrorCode::NoSuchAddress { .. }
        | ErrorCode::WebPageInstead { .. }
        | ErrorCode::Busy { .. }
        | ErrorCode::Storage { .. }
        | ErrorCode::UnsafePath { .. }
        | ErrorCode::Corrupt { .. }
        | ErrorCode::NewerData { .. }
        | ErrorCode::NoBrowser { .. }
        | ErrorCode::Clipboard { .. }
        | ErrorCode::UpdateFailed { .. }
        | ErrorCode::ShareFailed { .. }
        | ErrorCode::NotShared { .. }
        | ErrorCode::AlreadyShared { .. }
        | ErrorCode::KeptByKeeper { .. }
        | ErrorCode::WaitTimedOut { .. }
        | ErrorCode::Cancelled
        | ErrorCode::Unknown => {}
    }
}

//! The catalogs are complete and every error reads in every language: a message, attribute or term
//! missing in one language, or a variable a message uses that the code does not give, fails here
//! (and so fails `make test`).

use std::collections::BTreeSet;

use connect_core::error::{
    AddressProblem, ArgumentProblem, BusyWith, CallbackError, Field, InputIssue, KeychainProblem,
    Malformed, NotRefreshable, PathProblem, ProviderRefusal, SecretKind, Step, SystemProblem,
};
use fluent_syntax::ast::Entry;

use super::*;

/// Every message and term id, with its attributes, in a catalog.
fn ids(source: &str) -> BTreeSet<String> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("the catalog does not parse: {errors:?}"));
    let mut ids = BTreeSet::new();
    for entry in resource.entries() {
        let (id, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), &m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), &t.attributes),
            _ => continue,
        };
        for attribute in attributes {
            ids.insert(format!("{id}.{}", attribute.id.name));
        }
        ids.insert(id);
    }
    ids
}

#[test]
fn the_command_line_has_the_same_languages_in_the_same_order() {
    let codes = |set: &[(&str, &str)]| set.iter().map(|(c, _)| c.to_string()).collect::<Vec<_>>();
    assert_eq!(codes(COMMAND_LINE_LANGUAGES), codes(LANGUAGES));
}

#[test]
fn every_language_has_every_message_of_english() {
    let english = ids(LANGUAGES[0].1);
    for (code, source) in LANGUAGES {
        assert_eq!(ids(source), english, "{code}.ftl differs from en.ftl");
    }
}

/// One example of every code, and of every value a message selects on.
fn examples() -> Vec<ErrorCode> {
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
        ErrorCode::BadResponse {
            host: host(),
            status: None,
            detail: None,
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
        ErrorCode::BadResponse {
            host: host(),
            status: Some(200),
            detail: Some("text/html instead of JSON".into()),
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
        ErrorCode::Corrupt {
            path: "/data/registry.json".into(),
            backup: Some("/data/registry.json.unreadable-1".into()),
            detail: "syntax".into(),
        },
        ErrorCode::NewerData {
            path: "/data/registry.json".into(),
            backup: None,
            format: 9,
        },
        ErrorCode::NoBrowser {
            detail: "no $BROWSER".into(),
        },
        ErrorCode::Clipboard {
            detail: "no display".into(),
        },
        ErrorCode::UpdateFailed {
            detail: "signature does not match".into(),
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
        for field in [Field::Environment, Field::RedirectUri] {
            let value = "x y".into();
            let issue = InputIssue::NotAnAddress { value, problem };
            codes.push(ErrorCode::InvalidInput { field, issue });
        }
        let why = Malformed::NotAnAddress { problem };
        codes.push(ErrorCode::from(CallbackError::Malformed { why }));
    }
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
        | Field::Request => {}
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
        | ErrorCode::WaitTimedOut { .. }
        | ErrorCode::Cancelled
        | ErrorCode::Unknown => {}
    }
}

#[test]
fn every_error_reads_in_every_language_at_both_edges() {
    for (lang, _) in LANGUAGES {
        let catalog = Catalog::for_locale(lang);
        for code in examples() {
            let id = format!("error-{}", code.name());
            let args = error_args(&code);
            let (text, errors) = catalog
                .format_checked(&id, None, Some(&args))
                .unwrap_or_else(|| panic!("{lang}: no message {id}"));
            assert!(errors.is_empty(), "{lang} {id} {code:?}: {errors:?}");
            assert!(!text.trim().is_empty(), "{lang} {id}");
            if let Some((_, errors)) = catalog.format_checked(&id, Some("cli"), Some(&args)) {
                assert!(errors.is_empty(), "{lang} {id}.cli {code:?}: {errors:?}");
            }
            let cli = catalog.error(&code, Edge::CommandLine);
            assert!(
                !cli.trim().is_empty() && !cli.contains('{'),
                "{lang} {id}: {cli}"
            );
        }
    }
}

#[test]
fn the_command_line_names_commands_and_the_window_buttons() {
    let en = Catalog::for_locale("en_US.UTF-8");
    let code = ErrorCode::NotConnected {
        app: "Payroll sync".into(),
    };
    assert_eq!(
        en.error(&code, Edge::CommandLine),
        "“Payroll sync” is not connected to any Factorial account yet. Connect it first (factorial-connect authorize 'Payroll sync')."
    );
    assert_eq!(
        en.error(&code, Edge::Window),
        "“Payroll sync” is not connected to any Factorial account yet. Press Connect."
    );
    // Where the window's words serve the command line too, they are used there.
    let code = ErrorCode::Network {
        host: "api.factorialhr.com".into(),
    };
    assert_eq!(
        en.error(&code, Edge::CommandLine),
        en.error(&code, Edge::Window)
    );
}

#[test]
fn the_locale_picks_the_language_and_english_is_the_fallback() {
    let code = ErrorCode::Timeout {
        host: "api.factorialhr.com".into(),
    };
    let es = Catalog::for_locale("es_ES.UTF-8").error(&code, Edge::CommandLine);
    assert_eq!(
        es,
        "api.factorialhr.com no respondió a tiempo. Inténtalo de nuevo dentro de un momento."
    );
    let fallback = Catalog::for_locale("de_DE.UTF-8").error(&code, Edge::CommandLine);
    assert!(
        fallback.starts_with("api.factorialhr.com did not answer in time"),
        "{fallback}"
    );
    assert!(
        Catalog::for_locale("")
            .error(&code, Edge::Window)
            .contains("did not answer")
    );
}

#[test]
fn names_are_quoted_the_way_a_shell_reads_them_back() {
    assert_eq!(shell_quote("Payroll"), "Payroll");
    assert_eq!(shell_quote("Payroll sync"), "'Payroll sync'");
    assert_eq!(shell_quote("Ana's app"), r"'Ana'\''s app'");
    assert_eq!(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
}

/// The page names messages by a type made from en.ftl (`ui/src/i18n/ids.ts`), so an id that is not
/// in the catalog, typed or built from a template, fails the page's type check: written by
/// `make bindings`, and checked here to be current.
#[test]
fn the_committed_message_ids_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/i18n/ids.ts");
    let messages: Vec<String> = ids(LANGUAGES[0].1)
        .into_iter()
        .filter(|id| !id.starts_with('-') && !id.contains('.'))
        .collect();
    let union = messages
        .iter()
        .map(|id| format!("  | \"{id}\""))
        .collect::<Vec<_>>()
        .join("\n");
    let generated = format!(
        "// Generated from ui/i18n/en.ftl by crates/connect-cli/src/i18n/tests.rs (make bindings): do not edit.\n\n\
         /** Every message of the catalogs, by id. */\nexport type MessageId =\n{union};\n"
    );
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &generated).expect("write ui/src/i18n/ids.ts");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/i18n/ids.ts is stale: run `make bindings` and commit it"
    );
}

/// The examples above, for the page's own test (ui/test/catalog.test.ts) to word in every
/// language: written by `make bindings`, and checked here to be current.
#[test]
fn the_committed_examples_are_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/test/error-examples.json"
    );
    let json = serde_json::to_string_pretty(&examples()).expect("examples serialise") + "\n";
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &json).expect("write ui/test/error-examples.json");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == json,
        "ui/test/error-examples.json is stale: run `make bindings` and commit it"
    );
}

/// The command line's own messages read in every language with the variables its code gives
/// them (a superset here): none leaves a variable or reference unresolved.
#[test]
fn every_command_line_message_reads_in_every_language() {
    let mut args = FluentArgs::new();
    for (name, value) in [
        ("app", "Payroll sync"),
        ("account", "user-12"),
        ("label", "Ana <ana@acme.test>"),
        ("kind", "company"),
        ("expiry", "expires in 60 min"),
        ("name", "Payroll sync"),
        ("environment", "demo"),
        ("client_id", "abc"),
        ("health", "never expires"),
        ("span", "3 h"),
        ("reason", "refused"),
        ("text", "It failed."),
        ("unit", "days"),
        ("problem", "No such file or directory (os error 2)"),
        ("path", "/usr/bin/factorial-connect-app"),
        ("program", "curl"),
        ("status", "0xC0000135"),
        ("place", "src-tauri/src/desktop/window.rs:42"),
        ("why", "no_unit"),
    ] {
        args.set(name, value);
    }
    args.set("count", 2.0);
    let english = ids(COMMAND_LINE_LANGUAGES[0].1);
    let span = "span".to_string();
    let ids: Vec<&String> = english
        .iter()
        .filter(|id| (id.starts_with("cli-") || id.starts_with("window-")) && !id.contains('.'))
        .chain([&span])
        .collect();
    assert!(ids.len() > 20, "{ids:?}");
    for (lang, _) in LANGUAGES {
        let catalog = Catalog::command_line(lang);
        for id in &ids {
            let (text, errors) = catalog
                .format_checked(id, None, Some(&args))
                .unwrap_or_else(|| panic!("{lang}: no {id}"));
            assert!(errors.is_empty(), "{lang} {id}: {errors:?}");
            assert!(!text.trim().is_empty(), "{lang} {id}");
        }
    }
}

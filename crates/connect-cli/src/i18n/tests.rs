//! The catalogs are complete and every error reads in every language: a message, attribute or term
//! missing in one language, or a variable a message uses that the code does not give, fails here
//! (and so fails `make test`).

use std::collections::BTreeSet;

use fluent_syntax::ast::Entry;

use super::*;

mod examples;
mod outside_reasons;
use examples::examples;

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
        ("server", "vault.example.com:8200"),
        ("entry", "secret/factorial/payroll"),
        ("state", "version 4, published 3 min ago"),
        ("here_only", "no"),
        (
            "private",
            "secret/factorial-connect-keeper/factorial-payroll",
        ),
        ("folder", "secret/factorial-connect-keeper"),
    ] {
        args.set(name, value);
    }
    args.set("count", 2.0);
    args.set("version", 4.0);
    args.set("rotations", 17.0);
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

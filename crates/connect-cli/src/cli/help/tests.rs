//! The help catalogs describe every command and option in every language, nothing they describe
//! is gone from the command line, and help and usage errors read in the admin's language.

use std::collections::BTreeSet;

use clap::Command;
use fluent_syntax::ast::Entry;

use super::*;
use crate::i18n::COMMAND_LINE_LANGUAGES;

/// `id` and `id.attribute` for every command and argument the command line has (what clap adds
/// itself has its own messages).
fn wanted(command: &Command, id: &str, into: &mut BTreeSet<String>) {
    into.insert(id.to_string());
    for arg in command.get_arguments() {
        let name = arg.get_id().as_str();
        if name != "help" && name != "version" {
            into.insert(format!("{id}.{name}"));
        }
    }
    for sub in command.get_subcommands() {
        if sub.get_name() != "help" {
            wanted(sub, &format!("{id}-{}", sub.get_name()), into);
        }
    }
}

/// The `help…` ids and attributes a catalog has.
fn described(source: &str) -> BTreeSet<String> {
    let resource = fluent_bundle::FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("the help catalog does not parse: {errors:?}"));
    let mut ids = BTreeSet::new();
    for entry in resource.entries() {
        if let Entry::Message(m) = entry
            && (m.id.name == "help" || m.id.name.starts_with("help-"))
        {
            ids.insert(m.id.name.to_string());
            for a in &m.attributes {
                ids.insert(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    ids
}

#[test]
fn every_command_and_option_is_described_in_every_language() {
    let mut command = Cli::command();
    command.build();
    let mut want = BTreeSet::new();
    wanted(&command, "help", &mut want);
    assert!(want.contains("help-apps-add.client_id"), "{want:?}");
    for (lang, source) in COMMAND_LINE_LANGUAGES {
        let have = described(source);
        let missing: Vec<_> = want.difference(&have).collect();
        let stale: Vec<_> = have.difference(&want).collect();
        assert!(missing.is_empty(), "{lang}: not described: {missing:?}");
        assert!(
            stale.is_empty(),
            "{lang}: describes what is gone: {stale:?}"
        );
    }
}

#[test]
fn every_help_message_of_english_is_in_every_language() {
    let all = |source: &str| {
        let resource = fluent_bundle::FluentResource::try_new(source.to_string()).unwrap();
        resource
            .entries()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(
                    std::iter::once(m.id.name.to_string())
                        .chain(
                            m.attributes
                                .iter()
                                .map(|a| format!("{}.{}", m.id.name, a.id.name)),
                        )
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect::<BTreeSet<_>>()
    };
    let english = all(COMMAND_LINE_LANGUAGES[0].1);
    for (lang, source) in COMMAND_LINE_LANGUAGES {
        assert_eq!(all(source), english, "{lang}");
    }
}

fn help_of(locale: &str, path: &[&str]) -> String {
    let mut command = localized(&Catalog::command_line(locale));
    let mut current = &mut command;
    for name in path {
        current = current.find_subcommand_mut(name).unwrap();
    }
    current.render_help().to_string()
}

#[test]
fn help_reads_in_the_locale_language() {
    let spanish = help_of("es_ES.UTF-8", &["authorize"]);
    for words in [
        "Conecta una aplicación con una cuenta de Factorial",
        "Uso: ",
        "Argumentos:",
        "Opciones:",
        "Pedir un token de empresa",
        "Mostrar la ayuda",
    ] {
        assert!(spanish.contains(words), "{words:?} not in:\n{spanish}");
    }
    for english in ["Usage:", "Options:", "Print help", "company token"] {
        assert!(!spanish.contains(english), "{english:?} in:\n{spanish}");
    }
    let top = help_of("es_ES.UTF-8", &[]);
    assert!(top.contains("Órdenes:"), "{top}");
    assert!(top.contains("Mostrar la versión"), "{top}");
    // Any other language reads English, which is complete.
    let german = help_of("de_DE.UTF-8", &["apps", "add"]);
    assert!(
        german.contains("As shown on the application's page in Factorial"),
        "{german}"
    );
    assert!(
        german.contains("Usage: factorial-connect apps add"),
        "{german}"
    );
}

fn usage_error_for(locale: &str, args: &[&str]) -> String {
    let help = Catalog::command_line(locale);
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let error = localized(&help)
        .try_get_matches_from(&args)
        .expect_err("a usage error");
    usage_error(&help, &error, &usage_for(localized(&help), &args))
}

#[test]
fn usage_errors_say_what_was_wrong_and_where_to_read_more() {
    let unknown = usage_error_for("en", &["factorial-connect", "authorize", "X", "--companny"]);
    assert!(
        unknown.starts_with("error: unexpected argument “--companny”. Did you mean “--company”?"),
        "{unknown}"
    );
    assert!(
        unknown.contains("Usage: factorial-connect authorize"),
        "{unknown}"
    );
    assert!(
        unknown.ends_with("For more information, run: factorial-connect authorize --help"),
        "{unknown}"
    );

    let spanish = usage_error_for("es_ES.UTF-8", &["factorial-connect", "tokn", "X"]);
    assert!(
        spanish.contains("«tokn» no es una orden. ¿Querías decir «token»?"),
        "{spanish}"
    );
    assert!(
        spanish.contains("Para más información, ejecuta: factorial-connect --help"),
        "{spanish}"
    );

    let value = usage_error_for(
        "es_ES.UTF-8",
        &["factorial-connect", "authorize", "X", "--timeout", "soon"],
    );
    assert!(
        value.contains("«soon» no es un valor válido para --timeout <SECONDS>"),
        "{value}"
    );
    let missing = usage_error_for("en", &["factorial-connect", "token"]);
    assert!(missing.contains("missing: <APP>"), "{missing}");

    // A value our own parser refuses comes from clap without a usage line: never an empty one.
    let life = usage_error_for(
        "en",
        &[
            "factorial-connect",
            "apps",
            "add",
            "X",
            "--client-id",
            "c",
            "--refresh-token-life",
            "abc",
        ],
    );
    assert!(
        life.contains("Usage: factorial-connect apps add [OPTIONS]")
            && life.ends_with("run: factorial-connect apps add --help"),
        "{life}"
    );
}

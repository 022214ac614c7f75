//! The command line's help and usage errors in the admin's language. Clap's derive gives the
//! structure (commands, options, parsing); every description comes from the help catalogs
//! (`ui/i18n/command-line/<lang>.ftl`, with the command line's other words): the message `help-<command path>` describes a command, and
//! its attributes, named as the arguments are, describe those.
//!
//! The catalog is read only when help or an error is to be shown: a command line that parses (a
//! script's `token`) never pays for it.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory, FromArgMatches, Parser};

use super::Cli;
use crate::exit;
use crate::i18n::Catalog;

/// The parsed command line; help, the version and usage errors are printed here and end the
/// process (help and version with 0, a usage error with [`exit::USAGE`]).
pub fn parse(args: &[String]) -> Cli {
    if let Ok(cli) = Cli::try_parse_from(args) {
        return cli;
    }
    let help = super::messages::catalog();
    let error = match localized(help).try_get_matches_from(args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return cli,
            Err(error) => error,
        },
        Err(error) => error,
    };
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
        _ => {
            let fallback = usage_for(localized(help), args);
            super::note!("{}", usage_error(help, &error, &fallback));
            std::process::exit(i32::from(exit::USAGE))
        }
    }
}

/// The whole command tree with the descriptions and headings of `help`'s language.
pub fn localized(help: &Catalog) -> Command {
    let mut command = Cli::command();
    // Builds the parts clap adds (--help, --version, the `help` command) so they can be worded too.
    command.build();
    localize(command, help, "help")
}

fn localize(command: Command, help: &Catalog, id: &str) -> Command {
    let word = |id: &str| help.lookup(id, None).unwrap_or_default();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        word("heading-usage")
    );
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(trim_colon(word("heading-commands")));
    if let Some(about) = help.lookup(id, None) {
        command = command.about(about);
    }
    let args: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (arg, positional) in args {
        let text = match arg.as_str() {
            "help" => help.lookup("builtin-help-flag", None),
            "version" => help.lookup("builtin-version-flag", None),
            _ => help.lookup(id, Some(&arg)),
        };
        let heading = trim_colon(word(if positional {
            "heading-arguments"
        } else {
            "heading-options"
        }));
        command = command.mut_arg(arg, |a| {
            // Clap would add "[default: …]" in English; the catalog says the default in words.
            let a = a.help_heading(heading).hide_default_value(true);
            match text {
                Some(text) => a.help(text),
                None => a,
            }
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        command = if name == "help" {
            command.mut_subcommand(name, |s| {
                let s = localize(s, help, "builtin-help-command");
                describe_help_topics(s, help, id)
            })
        } else {
            let sub_id = format!("{id}-{name}");
            command.mut_subcommand(name, |s| localize(s, help, &sub_id))
        };
    }
    command
}

/// The topics of clap's `help` command (`help apps add`) are copies of the commands, made when
/// the tree is built and so before it is worded: each is described as its command is (otherwise
/// completions would list them with no words, or with a doc comment's English).
fn describe_help_topics(mut help_command: Command, help: &Catalog, id: &str) -> Command {
    let topics: Vec<String> = help_command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in topics {
        let topic_id = format!("{id}-{name}");
        help_command = help_command.mut_subcommand(name, |topic| {
            let topic = match help.lookup(&topic_id, None) {
                Some(about) => topic.about(about),
                None => topic,
            };
            describe_help_topics(topic, help, &topic_id)
        });
    }
    help_command
}

/// "--rename, --new-secret, --scopes" from clap's "<--rename <NEW_NAME>|--new-secret|--scopes <SCOPES>>".
fn missing_choice(argument: &str) -> Option<String> {
    let inner = argument.strip_prefix('<')?.strip_suffix('>')?;
    let options: Vec<&str> = inner
        .split('|')
        .filter_map(|o| o.split_whitespace().next())
        .collect();
    (options.len() > 1 && options.iter().all(|o| o.starts_with("--"))).then(|| options.join(", "))
}

/// Clap writes the colon after a heading itself.
fn trim_colon(heading: String) -> String {
    heading.trim_end_matches([':', ' ']).to_string()
}

/// A usage error in the catalog's words: what was wrong, the command's usage, where to read more.
/// The usage line of the (sub)command `args` name, for errors clap reports without one (a value
/// refused by our own parser, such as a bad `--refresh-token-life`).
fn usage_for(mut command: Command, args: &[String]) -> String {
    command.build();
    for word in args.iter().skip(1) {
        match command.find_subcommand(word).cloned() {
            Some(sub) => command = sub,
            None if word.starts_with('-') => continue,
            None => break,
        }
    }
    command.render_usage().to_string()
}

fn usage_error(help: &Catalog, error: &clap::Error, fallback: &str) -> String {
    let (args, choice) = what_clap_found(error);
    let problem = help.text(usage_message(error, choice.is_some()), Some(&args));
    let (usage, command) = usage_and_help(error, fallback);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("problem", problem);
    args.set(
        "usage",
        format!(
            "{} {usage}",
            help.lookup("heading-usage", None).unwrap_or_default()
        ),
    );
    args.set("command", command);
    help.text("usage-error", Some(&args))
}

/// One piece of clap's report, as text.
fn clap_text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// The usage messages' variables from clap's report, and the options of a required choice.
fn what_clap_found(error: &clap::Error) -> (fluent_bundle::FluentArgs<'static>, Option<String>) {
    let text = |kind| clap_text(error, kind);
    let yes_no = |present: bool| if present { "yes" } else { "no" };
    let mut args = fluent_bundle::FluentArgs::new();
    let argument = text(ContextKind::InvalidArg).or_else(|| text(ContextKind::InvalidSubcommand));
    args.set("argument", argument.unwrap_or_default());
    let suggestion =
        text(ContextKind::SuggestedArg).or_else(|| text(ContextKind::SuggestedSubcommand));
    args.set("has_suggestion", yes_no(suggestion.is_some()));
    args.set("suggestion", suggestion.unwrap_or_default());
    args.set("value", text(ContextKind::InvalidValue).unwrap_or_default());
    let valid = text(ContextKind::ValidValue);
    args.set("has_valid", yes_no(valid.is_some()));
    args.set("valid", valid.unwrap_or_default());
    // A required choice among options (`apps edit`'s changes) reads as clap's group
    // "<--rename <NEW_NAME>|--new-secret|…>": named here as the options alone.
    let choice = missing_choice(&text(ContextKind::InvalidArg).unwrap_or_default());
    args.set("options", choice.clone().unwrap_or_default());
    args.set("other", text(ContextKind::PriorArg).unwrap_or_default());
    // Clap's own first line (in English), for the kinds the catalog has no sentence for.
    let rendered = error.render().to_string();
    let clap_says = rendered.lines().next().unwrap_or_default();
    args.set(
        "problem",
        clap_says.trim_start_matches("error: ").to_string(),
    );
    (args, choice)
}

/// The catalog's sentence for this kind of mistake.
fn usage_message(error: &clap::Error, is_choice: bool) -> &'static str {
    match error.kind() {
        ErrorKind::UnknownArgument => "usage-unknown-argument",
        ErrorKind::InvalidSubcommand => "usage-unknown-command",
        ErrorKind::MissingRequiredArgument if is_choice => "usage-missing-choice",
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => "usage-missing",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "usage-invalid-value",
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            "usage-no-value"
        }
        ErrorKind::ArgumentConflict if clap_text(error, ContextKind::PriorArg).is_some() => {
            "usage-conflict"
        }
        ErrorKind::TooManyValues => "usage-repeated",
        _ => "usage-other",
    }
}

/// The command's usage line, and the `--help` that tells more:
/// "factorial-connect authorize [OPTIONS] <APP>" → "factorial-connect authorize --help".
fn usage_and_help(error: &clap::Error, fallback: &str) -> (String, String) {
    let usage = clap_text(error, ContextKind::Usage)
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| fallback.to_string());
    let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
    let command: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    let command = if command.is_empty() {
        "factorial-connect --help".to_string()
    } else {
        format!("{} --help", command.join(" "))
    };
    (usage, command)
}

#[cfg(test)]
mod tests;

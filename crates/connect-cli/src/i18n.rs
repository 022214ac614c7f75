//! The admin's language, from one set of Fluent catalogs (`ui/i18n/<lang>.ftl`) that the window's
//! page bundles too: the command line (and next the tray and notifications) speaks from the same
//! sentences, in the language the OS locale names (`LC_ALL`, `LC_MESSAGES`, `LANG` on Unix).
//!
//! An engine error becomes the message `error-<code>` with the code's parameters as variables, by
//! the rule the page follows too (`ui/src/i18n/args.ts`): nested values by their own names, lists
//! joined with ", ", `has_<name>` = "yes" or "no" for whether a value is given, and for the command
//! line `<name>_quoted`, the value as a POSIX shell reads it back. A message's `.cli` attribute, when
//! it formats to something, is what the command line says instead of the window's wording.

use std::borrow::Cow;

use connect_core::ErrorCode;
use connect_core::identity::AccountKind;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde_json::Value;
use unic_langid::LanguageIdentifier;

/// The languages there are catalogs for; the first is the fallback.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../../../ui/i18n/en.ftl")),
    ("es", include_str!("../../../ui/i18n/es.ftl")),
];

/// What the command line says itself (help, usage errors, notes), in the same languages: kept apart
/// so that the page does not ship it, and loaded with the main catalog.
pub const COMMAND_LINE_LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../../../ui/i18n/command-line/en.ftl")),
    ("es", include_str!("../../../ui/i18n/command-line/es.ftl")),
];

/// Where a sentence is shown: the window names buttons, the command line names commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Window,
    CommandLine,
}

/// One language's catalog.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
}

impl Catalog {
    /// The catalog for a locale such as "es-ES", "es_ES.UTF-8" or "en"; English when there is none.
    pub fn for_locale(locale: &str) -> Self {
        Self::from_sources(locale, &[LANGUAGES])
    }

    /// The command line's catalog for a locale: the main one and its own words.
    pub fn command_line(locale: &str) -> Self {
        Self::from_sources(locale, &[LANGUAGES, COMMAND_LINE_LANGUAGES])
    }

    fn from_sources(locale: &str, sets: &[&[(&'static str, &'static str)]]) -> Self {
        let wanted = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        // Every set has the same languages, in the same order (a test checks it).
        let index = LANGUAGES
            .iter()
            .position(|(code, _)| *code == wanted)
            .unwrap_or(0);
        let code = LANGUAGES.get(index).map_or("en", |(code, _)| code);
        let lang: LanguageIdentifier = code.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        // Bidi isolation marks around every variable would reach terminals as stray characters;
        // names and hosts here are already stripped of bidi controls by the engine.
        bundle.set_use_isolating(false);
        for set in sets {
            let source = set.get(index).map_or("", |(_, source)| source);
            // A catalog that does not parse is a build mistake the catalog test catches; whatever
            // parsed is still used rather than nothing.
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
            let _ = bundle.add_resource(resource);
        }
        Catalog { bundle }
    }

    /// A message, or one of its attributes, when the catalog has it.
    pub fn lookup(&self, id: &str, attribute: Option<&str>) -> Option<String> {
        self.format(id, attribute, None)
    }

    /// A message by id, or the id itself if the catalog lacks it (never an empty line).
    pub fn text(&self, id: &str, args: Option<&FluentArgs>) -> String {
        self.format(id, None, args)
            .unwrap_or_else(|| id.to_string())
    }

    /// An account as named to the admin: its label, or for one whose owner Factorial has not
    /// named (stored without a label: the engine keeps no words), words that say so.
    pub fn account_label(&self, label: &str, kind: AccountKind) -> String {
        if !label.is_empty() {
            return label.to_string();
        }
        let mut args = FluentArgs::new();
        args.set("kind", kind.as_str());
        self.text("account-unidentified", Some(&args))
    }

    /// What went wrong and what to do next, for `edge`.
    pub fn error(&self, code: &ErrorCode, edge: Edge) -> String {
        let id = format!("error-{}", code.name());
        let args = error_args(code);
        if edge == Edge::CommandLine
            && let Some(cli) = self.format(&id, Some("cli"), Some(&args))
            && !cli.trim().is_empty()
        {
            return cli;
        }
        self.format(&id, None, Some(&args))
            .or_else(|| self.format("error-unknown", None, None))
            .unwrap_or(id)
    }

    fn format(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<String> {
        self.format_checked(id, attribute, args)
            .map(|(text, _)| text)
    }

    /// The text and what Fluent could not resolve in it (a variable not given, a term not there):
    /// shown anyway, with the gap marked, rather than not at all; the catalog tests want none.
    fn format_checked(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<(String, Vec<fluent_bundle::FluentError>)> {
        let message = self.bundle.get_message(id)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = match self.bundle.format_pattern(pattern, args, &mut errors) {
            Cow::Borrowed(s) => s.to_string(),
            Cow::Owned(s) => s,
        };
        Some((text, errors))
    }
}

/// The OS's locale name ("es-ES", "es_ES.UTF-8"), or "" when it has none.
pub fn system_locale() -> String {
    sys_locale::get_locale().unwrap_or_default()
}

/// The variables of `error-<code>`: the code's parameters, flattened (see the module's comment).
pub fn error_args(code: &ErrorCode) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    if let Ok(Value::Object(fields)) = serde_json::to_value(code) {
        flatten(&mut args, fields);
    }
    args
}

fn flatten(args: &mut FluentArgs<'static>, fields: serde_json::Map<String, Value>) {
    for (name, value) in fields {
        let given =
            !matches!(&value, Value::Null) && value.as_array().is_none_or(|a| !a.is_empty());
        args.set(format!("has_{name}"), if given { "yes" } else { "no" });
        match value {
            Value::Object(inner) => flatten(args, inner),
            Value::String(text) => {
                args.set(format!("{name}_quoted"), shell_quote(&text));
                args.set(name, text);
            }
            Value::Number(n) => {
                let value = n
                    .as_u64()
                    .map(|n| FluentValue::from(n as f64))
                    .unwrap_or_else(|| FluentValue::from(n.to_string()));
                args.set(name, value);
            }
            Value::Bool(b) => args.set(name, if b { "true" } else { "false" }),
            Value::Array(items) => {
                let joined: Vec<String> = items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect();
                args.set(name, joined.join(", "));
            }
            Value::Null => {}
        }
    }
}

/// A value as a POSIX shell reads it back: single-quoted unless it is one plain word.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,/:@%+=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests;

//! The command line's words, from the same catalogs as the window (`crate::i18n`), in the language
//! the environment names (`LC_ALL`, `LC_MESSAGES`, `LANG`). Loaded once, and only when there is
//! something to say: `token` with a valid token never parses a catalog.

use std::sync::OnceLock;

use connect_core::ErrorCode;
use connect_core::registry::AccountRecord;

use crate::i18n::{Catalog, Edge};

pub use crate::i18n::shell_quote;

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::command_line(&crate::i18n::system_locale()))
}

/// What happened and what to do next, for `code`, naming commands.
pub fn sentence(code: &ErrorCode) -> String {
    catalog().error(code, Edge::CommandLine)
}

/// A value for a message's variable.
pub enum Arg<'a> {
    Text(&'a str),
    Number(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Number(n)
    }
}

/// The command line's message `id` in the environment's language, with its variables.
pub fn say(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent = fluent_bundle::FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent.set(*name, text.to_string()),
            Arg::Number(n) => fluent.set(*name, *n as f64),
        }
    }
    catalog().text(id, Some(&fluent))
}

/// An account as named to the admin (see [`Catalog::account_label`]).
pub fn account_label(record: &AccountRecord) -> String {
    catalog().account_label(&record.label, record.kind)
}

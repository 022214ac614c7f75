//! The command line's words, from the same catalogs as the window (`crate::i18n`), in the language
//! the environment names (`LC_ALL`, `LC_MESSAGES`, `LANG`). Loaded once, and only when there is
//! something to say: `token` with a valid token never parses a catalog.

use std::sync::OnceLock;

use connect_core::ErrorCode;

use crate::i18n::{Catalog, Edge};

pub use crate::i18n::shell_quote;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::system)
}

/// What happened and what to do next, for `code`, naming commands.
pub fn sentence(code: &ErrorCode) -> String {
    catalog().error(code, Edge::CommandLine)
}

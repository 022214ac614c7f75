//! A string that must not leak: no `Display`, no `Serialize`, and `Debug` prints `<redacted>`.
//!
//! Client secrets, tokens, authorization codes and PKCE verifiers travel in this type so that a stray
//! `{:?}` in a log or an error cannot print them. Reading the value takes an explicit
//! [`Secret::expose`], which is easy to search for in review.

use serde::{Deserialize, Deserializer};

/// Crosses to the page only inward (what the admin typed); as a type it reads as a string there.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value. Call only where it must leave the process (keychain, HTTP, the `token`
    /// command's stdout) or when the user asked to reveal it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&s)), "Some(<redacted>)");
        assert_eq!(s.expose(), "hunter2");
    }
}

//! Reading the answer to an authorization request (RFC 6749 §4.1.2), from wherever it comes:
//! the deep link the OS hands us, the address the user pastes from the browser (any redirect URI,
//! https included), or a bare code (Factorial's dashboard "authorize" button shows one).
//!
//! All of it is untrusted input: it is bounded, parsed with `url`, and every way it can be wrong is
//! a [`CallbackError`] that says which. Nothing here panics on any input.

use url::Url;

use crate::error::{CallbackError, Malformed};
use crate::secret::Secret;

/// Our custom scheme; links with it must be `factorial-connect://oauth/callback`.
pub const SCHEME: &str = "factorial-connect";

/// Longer input is refused before parsing: real callbacks are a few hundred characters.
pub const MAX_INPUT_LEN: usize = 4096;
const MAX_CODE_LEN: usize = 1024;

/// What an answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackInput {
    /// A redirect address: it names its `state`, and carries a code or an error.
    Redirect {
        state: Option<String>,
        result: RedirectResult,
    },
    /// Just the code: it belongs to whichever authorization the user is completing.
    BareCode(Secret),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectResult {
    Code(Secret),
    Error {
        code: String,
        description: Option<String>,
    },
}

/// True when a command-line argument is a deep link for us (what the OS runs on a link click).
pub fn is_deep_link(arg: &str) -> bool {
    // `get` rather than slicing: a multi-byte character at the cut must not panic.
    arg.len() > SCHEME.len() + 3
        && arg
            .get(..SCHEME.len() + 3)
            .is_some_and(|head| head.eq_ignore_ascii_case(&format!("{SCHEME}://")))
}

/// Parses a deep link, a pasted redirect address, a pasted query string, or a bare code.
pub fn parse(input: &str) -> Result<CallbackInput, CallbackError> {
    if input.len() > MAX_INPUT_LEN {
        return Err(CallbackError::TooLong {
            len: input.len() as u64,
        });
    }
    let text = input.trim();
    if text.is_empty() {
        return Err(malformed(Malformed::Empty));
    }
    if text.chars().any(char::is_control) {
        return Err(malformed(Malformed::ControlCharacters));
    }
    if text.contains("://") || text.contains('?') {
        return parse_address(text);
    }
    if text.contains('=') && text.contains("code") || text.contains("error=") {
        // The user copied only the query part: `code=…&state=…`.
        return from_pairs(url::form_urlencoded::parse(
            text.trim_start_matches('?').as_bytes(),
        ));
    }
    parse_bare_code(text)
}

fn parse_address(text: &str) -> Result<CallbackInput, CallbackError> {
    let url =
        Url::parse(text).map_err(|e| malformed(Malformed::NotAnAddress { problem: e.into() }))?;
    if url.scheme().eq_ignore_ascii_case(SCHEME) {
        let path = url.path().trim_end_matches('/');
        if url.host_str() != Some("oauth") || path != "/callback" {
            return Err(malformed(Malformed::ForeignLink));
        }
    }
    if url.query().is_some() {
        return from_pairs(url.query_pairs());
    }
    // Some servers answer in the fragment; accept it the same way.
    match url.fragment() {
        Some(fragment) => from_pairs(url::form_urlencoded::parse(fragment.as_bytes())),
        None => Err(malformed(Malformed::NoCode)),
    }
}

fn from_pairs<'a>(
    pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
) -> Result<CallbackInput, CallbackError> {
    let (mut code, mut state, mut error, mut description) = (None, None, None, None);
    for (name, value) in pairs {
        let slot = match name.as_ref() {
            "code" => &mut code,
            "state" => &mut state,
            "error" => &mut error,
            "error_description" => &mut description,
            _ => continue,
        };
        if slot.is_some() {
            // Two codes or two states: someone tampered with the address.
            return Err(malformed(Malformed::RepeatedParameter {
                name: name.into_owned(),
            }));
        }
        *slot = Some(value.into_owned());
    }
    let state = state.filter(|s| !s.is_empty());
    if let Some(code) = error {
        return Ok(CallbackInput::Redirect {
            state,
            result: RedirectResult::Error {
                code: truncate(&code, 100),
                description: description.map(|d| truncate(&d, 300)),
            },
        });
    }
    match code {
        Some(code) => Ok(CallbackInput::Redirect {
            state,
            result: RedirectResult::Code(validate_code(&code)?),
        }),
        None => Err(malformed(Malformed::NoCode)),
    }
}

fn parse_bare_code(text: &str) -> Result<CallbackInput, CallbackError> {
    Ok(CallbackInput::BareCode(validate_code(text)?))
}

fn validate_code(code: &str) -> Result<Secret, CallbackError> {
    let ok = !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~+/=".contains(c));
    if ok {
        Ok(Secret::new(code))
    } else {
        Err(malformed(Malformed::NotACode))
    }
}

fn truncate(text: &str, max: usize) -> String {
    crate::error::plain_text(text, max)
}

fn malformed(why: Malformed) -> CallbackError {
    CallbackError::Malformed { why }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(input: &str) -> (Option<String>, String) {
        match parse(input).unwrap() {
            CallbackInput::Redirect {
                state,
                result: RedirectResult::Code(c),
            } => (state, c.expose().to_string()),
            other => panic!("not a code: {other:?}"),
        }
    }

    #[test]
    fn every_way_an_answer_arrives() {
        assert_eq!(
            code("factorial-connect://oauth/callback?code=abc123&state=xyz"),
            (Some("xyz".into()), "abc123".into())
        );
        assert_eq!(
            code("  https://tools.example.com/cb?state=s1&code=A-b_c.d~e  \n"),
            (Some("s1".into()), "A-b_c.d~e".into())
        );
        assert_eq!(code("code=k&state=s"), (Some("s".into()), "k".into()));
        assert_eq!(
            code("http://127.0.0.1:9/cb#code=f&state=g"),
            (Some("g".into()), "f".into())
        );
        assert_eq!(
            parse(" Zx9-code ").unwrap(),
            CallbackInput::BareCode(Secret::new("Zx9-code"))
        );
    }

    #[test]
    fn provider_errors_are_read_not_rejected() {
        let parsed = parse(
            "factorial-connect://oauth/callback?error=access_denied&error_description=The+user+denied&state=s",
        )
        .unwrap();
        assert_eq!(
            parsed,
            CallbackInput::Redirect {
                state: Some("s".into()),
                result: RedirectResult::Error {
                    code: "access_denied".into(),
                    description: Some("The user denied".into())
                }
            }
        );
    }

    #[test]
    fn bad_input_is_a_plain_error() {
        let repeated = Malformed::RepeatedParameter {
            name: "code".into(),
        };
        let cases = [
            ("", Malformed::Empty),
            (
                "factorial-connect://evil/path?code=a&state=b",
                Malformed::ForeignLink,
            ),
            ("factorial-connect://oauth/callback", Malformed::NoCode),
            (
                "factorial-connect://oauth/callback?code=a&code=b&state=s",
                repeated,
            ),
            (
                "factorial-connect://oauth/callback?code=%00x&state=s",
                Malformed::NotACode,
            ),
            ("two words", Malformed::NotACode),
            ("a\u{7}b", Malformed::ControlCharacters),
        ];
        for (input, expected) in cases {
            let err = parse(input).unwrap_err();
            assert_eq!(err, CallbackError::Malformed { why: expected }, "{input:?}");
        }
        assert!(matches!(
            parse("https://[::1"),
            Err(CallbackError::Malformed {
                why: Malformed::NotAnAddress { .. }
            })
        ));
        let huge = format!(
            "factorial-connect://oauth/callback?code={}",
            "a".repeat(5000)
        );
        assert!(matches!(parse(&huge), Err(CallbackError::TooLong { .. })));
    }

    #[test]
    fn deep_link_arguments_are_recognised() {
        assert!(is_deep_link("factorial-connect://oauth/callback?code=a"));
        assert!(is_deep_link("Factorial-Connect://x"));
        assert!(!is_deep_link("token"));
        assert!(!is_deep_link("factorial-connect:"));
        assert!(!is_deep_link("é"));
        assert!(!is_deep_link(&"é".repeat(20)));
    }

    #[test]
    fn no_input_makes_it_panic() {
        // A cheap sweep of odd inputs; the fuzz-like part is that none of them may panic.
        let pieces = [
            "factorial-connect://",
            "oauth",
            "/callback",
            "?",
            "&",
            "=",
            "code",
            "state",
            "%",
            "%zz",
            "#",
            "é",
            "\u{0}",
            " ",
            "error",
            "[",
            "]",
            "::1",
            "@",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let _ = parse(&format!("{a}{b}{c}"));
                    let _ = is_deep_link(&format!("{a}{b}{c}"));
                }
            }
        }
    }
}

//! Keyring errors reduced to what the admin can do about them. The error itself is dropped here:
//! some variants carry the secret's bytes (`BadEncoding`, `Invalid`), so only a payload-free
//! description travels on, as the developer cause.

use super::{Error, ErrorCode, KeychainProblem, plain_text};

/// Classifies a keyring error into a code, keeping a payload-free description as its cause.
pub(crate) fn keychain_error(cause: keyring::Error) -> Error {
    let (problem, said) = match &cause {
        keyring::Error::NoDefaultStore => (KeychainProblem::NotRunning, "no keychain store".into()),
        keyring::Error::NoStorageAccess(inner) => (
            KeychainProblem::Locked,
            format!("no storage access: {inner}"),
        ),
        keyring::Error::TooLong(attribute, limit) => (
            KeychainProblem::TooLong,
            format!("{attribute} longer than {limit}"),
        ),
        keyring::Error::PlatformFailure(inner) => {
            // The Secret Service reports "no such service" / "not activatable" as a platform failure.
            let text = inner.to_string();
            let lower = text.to_ascii_lowercase();
            let problem = if lower.contains("serviceunknown")
                || lower.contains("not provided by any")
                || lower.contains("no such file")
                || lower.contains("connection refused")
            {
                KeychainProblem::NotRunning
            } else if lower.contains("locked") || lower.contains("dismissed") {
                KeychainProblem::Locked
            } else {
                KeychainProblem::Other
            };
            (problem, format!("platform failure: {text}"))
        }
        keyring::Error::BadEncoding(bytes) => (
            KeychainProblem::Other,
            format!("an entry is not text ({} bytes)", bytes.len()),
        ),
        keyring::Error::BadDataFormat(bytes, _) => (
            KeychainProblem::Other,
            format!(
                "an entry is not in the expected format ({} bytes)",
                bytes.len()
            ),
        ),
        keyring::Error::Invalid(parameter, _) => {
            (KeychainProblem::Other, format!("invalid {parameter}"))
        }
        keyring::Error::Ambiguous(entries) => (
            KeychainProblem::Other,
            format!("{} entries match one name", entries.len()),
        ),
        other => (KeychainProblem::Other, kind_only(other)),
    };
    keychain(problem, plain_text(&said, 300))
}

/// A keychain failure with a payload-free description of its cause.
pub(crate) fn keychain(problem: KeychainProblem, cause: impl Into<String>) -> Error {
    Error::with_cause(ErrorCode::Keychain { problem }, cause.into())
}

/// The variant name of an error whose payload we do not trust to be secret-free.
fn kind_only(e: &keyring::Error) -> String {
    let debug = format!("{e:?}");
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("unknown")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyring_errors_never_carry_their_payload_into_text() {
        let secret = b"rt-very-secret-refresh-token".to_vec();
        for cause in [
            keyring::Error::BadEncoding(secret.clone()),
            keyring::Error::Invalid("password".into(), "rt-very-secret-refresh-token".into()),
        ] {
            let err = keychain_error(cause);
            for text in [err.to_string(), err.developer_detail(), format!("{err:?}")] {
                assert!(!text.contains("very-secret"), "{text}");
            }
        }
    }
}
